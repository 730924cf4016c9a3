/* widgets.h — the few drawing building blocks every view is made of:
 * a labelled heatmap with legend and hover tooltip, a one-row colour strip,
 * and horizontal probability/logit bars. */
#ifndef GF_VIZ_WIDGETS_H
#define GF_VIZ_WIDGETS_H

#include <stdbool.h>
#include <stdint.h>

#include "i18n.h"
#include "tensor_view.h"
#include "top_tokens.h"
#include "ui.h"

#define GF_WIDGET_LABEL_MAX 64    /* room for a token's label             */

/* What a widget sees: the UI, the language, the tokens' labels, the current
 * position (highlighted), the heatmap zoom, and how to label any token id.
 * The app fills one per frame (gf_app_widgets); a test can make its own. */
typedef struct {
    gf_ui *ui;
    const gf_texts *text;
    int n_positions;                      /* tokens on screen                */
    /* The label of position t < n_positions. */
    const char *(*position_label)(const void *owner, int t);
    int highlight;                        /* the current position, or −1     */
    int heat_zoom;                        /* heatmaps show 1/heat_zoom of the
                                             positions around the highlight  */
    uint64_t generation;                  /* changes whenever the data does  */
    /* Writes the label of token id; NULL: the id as a number. */
    void (*token_label)(const void *owner, int32_t id, char *buf, size_t size);
    const void *owner;                    /* whoever drew: given back to
                                             token_label and to tooltips      */
} gf_widgets;

/* Writes the tooltip for cell (row, col) holding value v (owner: the
 * gf_widgets' owner; ctx: the spec's tip_ctx). */
typedef void (*gf_tip_fn)(const void *owner, const void *ctx, int row, int col, float v,
                          char *buf, size_t size);

typedef struct {
    const char *id;               /* record id for hit tests and tests       */
    const char *title;            /* drawn above, may be NULL                */
    const float *data;            /* cell (r, c) = data[r·row_stride + c·col_stride] */
    int rows, cols;
    int64_t row_stride, col_stride;
    gf_cmap cmap;
    gf_heat_mask mask;
    const char *mask_label;       /* the legend's line for masked cells;
                                     NULL: "masked: −∞"                     */
    bool fixed_range;             /* else the range of the shown values      */
    float lo, hi;
    bool row_tokens, col_tokens;  /* label the axes with the tokens          */
    bool rows_unlabelled;         /* no row labels at all: the map beside it
                                     (the same rows) has them              */
    int highlight_row;            /* −1: none                                */
    int col_group;                /* > 0: a coloured band per group (heads)  */
    int head;                     /* record's head, or −1                    */
    bool legend;
    bool cell_text;               /* write values in cells when they fit     */
    const char *tip_name;         /* default tooltip: "name[r,c] = v"        */
    int tip_row;                  /* ≥ 0: the row the tooltip names (strips) */
    gf_tip_fn tip;                /* or a custom one                         */
    const void *tip_ctx;
    const char *source;           /* trace entry shown (gf_heat_from_view sets
                                     it): its cells can be explained      */
    int row0, col0;               /* index of the first row/column shown (set
                                     by the zoom window; labels and tooltips
                                     name the full tensor's indices)        */
} gf_heat_spec;

/* A spec from a 2-D view (rows = shape[0], cols = shape[1]). */
gf_heat_spec gf_heat_from_view(const gf_view *v, const char *id, const char *title, gf_cmap cmap);
/* A one-row spec over n contiguous floats. */
gf_heat_spec gf_heat_from_row(const float *row, int n, const char *id, const char *title,
                              gf_cmap cmap);
void gf_heatmap_draw(const gf_widgets *w, gf_rect r, const gf_heat_spec *s);

/* A diverging spec over a (T, ·) view: rows labelled with the tokens, the
 * current position outlined, tooltips "tip_name[t,c] = v". */
gf_heat_spec gf_token_rows_spec(const gf_widgets *w, const gf_view *v, const char *id,
                                const char *title, const char *tip_name);
/* The same with the title "all positions: what" (words, never a tensor
 * name; the tooltips name the tensor); nothing in a rect too flat for the
 * legend's three values and a few pixels a row. */
void gf_draw_all_positions(const gf_widgets *w, gf_rect r, const gf_view *v, const char *id,
                           const char *what, const char *tip_name);

/* Room a heatmap's colour legend takes at its right. */
int gf_heat_legend_width(gf_ui *ui);

/* Range covering several specs (for strips that must share colours). */
void gf_heat_shared_range(gf_heat_spec *specs, int n);

typedef struct {
    const char *title;
    const int32_t *ids;           /* token ids (labels come from the tokenizer) */
    const float *values;
    int n;
    bool probability;             /* values in [0, 1], axis from 0 to 1       */
    const char *tip_name;         /* "p" or "logit"                           */
    const gf_top_tokens *next;    /* marks next->next_id (its bar, or an extra
                                     row with its rank below); may be NULL    */
    float axis_max;               /* probability axis 0..axis_max when > 0;
                                     0: 0..1 (never fitted to the bars, so
                                     lengths compare across T and frames)    */
} gf_bars_spec;

/* Each bar is a hit (GF_HIT_BAR_PROB or _LOGIT, index = token id, row =
 * the context's highlighted position, whose values bars show). */
void gf_bars_draw(const gf_widgets *w, gf_rect r, const gf_bars_spec *s);
/* The bars' axis for the first n values (extra: the off-list next token's
 * row, or NULL): probabilities from 0 to axis_max (0: to 1),
 * signed values from min(0, smallest) to max(0, largest). */
void gf_bars_axis(const gf_bars_spec *s, int n, const gf_top_tokens *extra, float *lo, float *hi);

/* Shared helpers for views. */
/* Place a w × h item at (*x, *y) inside r, wrapping to the next row (h + gap
 * lower) when it does not fit the line; false when r has no room left. */
bool gf_wrap_place(gf_rect r, int w, int h, int gap, int *x, int *y);
gf_rect gf_view_title(const gf_widgets *w, gf_rect r, const char *title);
/* "₁₂" for 12 (UTF-8 subscript digits). */
void gf_subscript(int n, char *buf, size_t size);
/* Split r into n columns (gap in px). */
gf_rect gf_rect_column(gf_rect r, int i, int n, int gap);
gf_rect gf_rect_row(gf_rect r, int i, int n, int gap);



/* Strips stacked with a label column on the left and one shared legend;
 * they share one colour range. Returns the height used. */
int gf_draw_strips(const gf_widgets *w, gf_rect r, gf_heat_spec *specs, const char *const *labels,
                   int n);
#endif
