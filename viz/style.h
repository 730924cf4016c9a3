/* style.h — the viewer's look in one struct: colours, palettes, text sizes,
 * and the sizes and spacing of the layout and the widgets, in layout units
 * (the UI multiplies them by its scale: HiDPI × zoom × large font). The UI
 * holds one (ui->style); nothing else writes a colour or a size inline.
 * Another look (a light theme, a projector theme) is another gf_style. */
#ifndef GF_VIZ_STYLE_H
#define GF_VIZ_STYLE_H

#include "colormap.h"

#define GF_STYLE_PALETTE 12

typedef struct {
    /* Colours */
    gf_rgba background, panel, text, text_dim, accent;
    gf_rgba mask;            /* −∞ cells of the causal mask                */
    gf_rgba shade;           /* over the window behind an overlay          */
    gf_rgba tooltip;         /* the tooltip's box                          */
    gf_rgba map_box;         /* the sampling animation's map box           */
    gf_rgba map_cell;        /* a cell the new token has not reached yet   */
    gf_rgba diverged;        /* temperature lanes: tokens after they differ */
    gf_rgba ink_on_light;    /* cell text on a light cell                  */
    gf_rgba progress;        /* the done part of a progress bar            */
    /* Palettes: tokens by position, heads by index (every head_step-th
     * colour from head_offset, so neighbours differ from the tokens'). */
    gf_rgba palette[GF_STYLE_PALETTE];
    int palette_size;        /* colours in use, 1 … GF_STYLE_PALETTE       */
    int head_step, head_offset;
    /* Text sizes per role (small, body, heading, title). */
    float text_size[4];
    /* In large-font mode (for the back row of a class): at 1920×1080 these
     * are ≥ 24 px for cell values and labels (small), ≥ 30 px for the
     * explanation (body and up), titles larger. */
    float text_size_large[4];
    /* The frame's layout. */
    float margin;            /* around and between the panels              */
    float prompt_h, status_h, chips_h;
    float panel_frac, panel_min_w, panel_max_w;  /* explanation panel      */
    float pad;               /* inside a line (prompt, status)             */
    float panel_pad;         /* inside the explanation panel               */
    float line_gap;          /* between blocks of text                     */
    float outline;           /* a focus or highlight outline               */
    float pulse;             /* the token strip's pulse while a token flows */
    /* Widgets. */
    float view_title_h;      /* a view's title line                        */
    float legend_w;          /* a heatmap's colour legend                  */
    float legend_h;          /* its height at most                         */
    float legend_gap;
    float row_label_w;       /* token labels left of a heatmap             */
    float row_number_w;      /* row numbers left of a heatmap              */
    float col_label_h;       /* token labels above a heatmap               */
    float group_band_h;      /* head bands above concatenated heads        */
    float band_thickness, band_label_min_w;
    float label_gap;         /* between a label and its cells              */
    float strip_max_h;       /* a one-row heatmap's height at most         */
    float strip_h, strip_gap, strip_label_w, strips_min_h;
    float bar_row_max_h, bar_gap, bar_value_gap, bar_pad;
    float outline_thin;      /* a box's outline (tooltip, flow map)         */
    float legend_bar_w, legend_text_gap;  /* the colour legend             */
    float tooltip_pad, tooltip_offset, tooltip_margin;
    /* Overlays (help, quit question). */
    float overlay_pad, overlay_margin, help_key_gap, help_col_gap, help_min_text_w,
        help_item_gap;
    /* Views. */
    float view_gap;          /* between the parts of a view                */
    float panel_gap;         /* between heatmaps side by side              */
    float stack_gap;         /* between heatmaps one above the other       */
    float note_gap;          /* under a note line                          */
    float note_h;            /* a small note under strips                  */
    float marker;            /* the triangles marking the largest values   */
    float logits_strip_h;    /* the strip of all logits                    */
    /* Token chips (strip, token table, lanes). */
    float chip_gap, chip_pad, chip_pad_small, chip_pad_large, chip_text_gap, chip_id_gap,
        chip_ring, bracket_h;
    float bracket_tick, bracket_drop, bracket_inset, bracket_text_gap;
    /* The temperature lanes. */
    float lane_top, lane_gap, lane_pad, lane_heading_h;
    /* The sampling animation's map. */
    float map_pad, map_label_w, map_line_gap, map_cell_h, map_min_w, map_max_w,
        map_label_gap, map_ring, map_cell_max_spare;
    /* The worker's progress: the loading frame's bar, the status line's chip. */
    float progress_w, progress_h, progress_gap;
    /* The overview's grid of heads. */
    float overview_gap, overview_legend_w, overview_legend_min_h, overview_ring;
} gf_style;

/* The default look: dark, for a projector in a lit classroom. */
const gf_style *gf_style_default(void);

/* Palette colours. */
gf_rgba gf_style_token(const gf_style *s, int index);
gf_rgba gf_style_head(const gf_style *s, int index);

#endif
