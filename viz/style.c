/* style.c — the default look (see style.h). */
#include "style.h"

static const gf_style DEFAULT_STYLE = {
    .background = {0x16, 0x18, 0x1d, 0xff},
    .panel = {0x22, 0x25, 0x2c, 0xff},
    .text = {0xee, 0xee, 0xee, 0xff},
    .text_dim = {0xa0, 0xa6, 0xb0, 0xff},
    .accent = {0xff, 0xc8, 0x3d, 0xff},
    .mask = {0x5a, 0x2a, 0x3c, 0xff},
    .shade = {0, 0, 0, 0xc0},
    .tooltip = {0x0c, 0x0d, 0x10, 0xf0},
    .map_box = {0x14, 0x16, 0x1c, 0xf0},
    .map_cell = {0x30, 0x34, 0x3e, 0xff},
    .diverged = {0x4a, 0x3a, 0x10, 0xff},
    .ink_on_light = {0x10, 0x10, 0x10, 0xff},
    .progress = {0x3a, 0x4a, 0x6a, 0xff},
    /* Tableau-like qualitative colours, bright enough on a dark background. */
    .palette = {{0x4e, 0x9a, 0xf1, 0xff}, {0xf2, 0x8e, 0x2b, 0xff}, {0x59, 0xc1, 0x5a, 0xff},
                {0xe1, 0x57, 0x59, 0xff}, {0xb0, 0x7a, 0xd9, 0xff}, {0xed, 0xc9, 0x48, 0xff},
                {0x76, 0xd7, 0xc4, 0xff}, {0xff, 0x9d, 0xa7, 0xff}, {0x9c, 0xc4, 0x3c, 0xff},
                {0xd0, 0x8c, 0x60, 0xff}, {0x8f, 0xa8, 0xff, 0xff}, {0xc9, 0xc9, 0xc9, 0xff}},
    .palette_size = GF_STYLE_PALETTE,
    .head_step = 5,
    .head_offset = 2,
    .text_size = {13.0f, 16.0f, 20.0f, 27.0f},
    .text_size_large = {14.5f, 18.0f, 21.0f, 28.0f},
    .margin = 12.0f,
    .prompt_h = 44.0f,
    .status_h = 34.0f,
    .chips_h = 62.0f,
    .panel_frac = 0.25f,
    .panel_min_w = 300.0f,
    .panel_max_w = 520.0f,
    .pad = 10.0f,
    .panel_pad = 14.0f,
    .line_gap = 8.0f,
    .outline = 2.0f,
    .pulse = 3.0f,
    .view_title_h = 26.0f,
    .legend_w = 80.0f,
    .legend_h = 120.0f,
    .legend_gap = 14.0f,
    .row_label_w = 110.0f,
    .row_number_w = 34.0f,
    .col_label_h = 70.0f,
    .group_band_h = 26.0f,
    .band_thickness = 8.0f,
    .band_label_min_w = 24.0f,
    .label_gap = 4.0f,
    .strip_max_h = 40.0f,
    .strip_h = 34.0f,
    .strip_gap = 10.0f,
    .strip_label_w = 250.0f,
    .strips_min_h = 66.0f,
    .bar_row_max_h = 34.0f,
    .bar_gap = 8.0f,
    .bar_value_gap = 10.0f,
    .bar_pad = 14.0f,
    .outline_thin = 1.5f,
    .legend_bar_w = 14.0f,
    .legend_text_gap = 4.0f,
    .tooltip_pad = 6.0f,
    .tooltip_offset = 16.0f,
    .tooltip_margin = 8.0f,
    .overlay_pad = 22.0f,
    .overlay_margin = 8.0f,
    .help_key_gap = 18.0f,
    .help_col_gap = 36.0f,
    .help_min_text_w = 120.0f,
    .help_item_gap = 4.0f,
    .view_gap = 12.0f,
    .panel_gap = 16.0f,
    .stack_gap = 14.0f,
    .note_gap = 4.0f,
    .note_h = 24.0f,
    .marker = 6.0f,
    .logits_strip_h = 60.0f,
    .chip_gap = 4.0f,
    .chip_pad = 5.0f,
    .chip_pad_small = 4.0f,
    .chip_pad_large = 7.0f,
    .chip_text_gap = 4.0f,
    .chip_id_gap = 2.0f,
    .chip_ring = 3.0f,
    .bracket_h = 14.0f,
    .bracket_tick = 4.0f,
    .bracket_drop = 7.0f,
    .bracket_inset = 3.0f,
    .bracket_text_gap = 2.0f,
    .progress_w = 560.0f,
    .progress_h = 34.0f,
    .progress_gap = 40.0f,
    .lane_top = 34.0f,
    .lane_gap = 20.0f,
    .lane_pad = 10.0f,
    .lane_heading_h = 36.0f,
    .map_pad = 10.0f,
    .map_label_w = 64.0f,
    .map_line_gap = 6.0f,
    .map_cell_h = 16.0f,
    .map_min_w = 280.0f,
    .map_max_w = 440.0f,
    .map_label_gap = 6.0f,
    .map_ring = 2.0f,
    .map_cell_max_spare = 22.0f,
    .overview_gap = 12.0f,
    .overview_legend_w = 90.0f,
    .overview_legend_min_h = 160.0f,
    .overview_ring = 4.0f,
};

const gf_style *gf_style_default(void)
{
    return &DEFAULT_STYLE;
}

static gf_rgba palette_colour(const gf_style *s, int index)
{
    int n = s->palette_size > 0 && s->palette_size <= GF_STYLE_PALETTE ? s->palette_size
                                                                        : GF_STYLE_PALETTE;
    return s->palette[index < 0 ? 0 : index % n];
}

gf_rgba gf_style_token(const gf_style *s, int index)
{
    return palette_colour(s, index);
}

gf_rgba gf_style_head(const gf_style *s, int index)
{
    return palette_colour(s, index * s->head_step + s->head_offset);
}
