/* ui.h — the thin immediate-mode layer over SDL_Renderer.
 *
 * Small value structs (gf_rect), a context holding the renderer, fonts, the
 * text and heatmap caches, the scale (HiDPI × zoom × large-font), the mouse,
 * and what was drawn this frame that the mouse can hit (heatmap cells, bars,
 * tokens) so hovering and clicking need no second layout pass. */
#ifndef GF_VIZ_UI_H
#define GF_VIZ_UI_H

#include <stdbool.h>

#include <SDL.h>

#include "colormap.h"
#include "fonts.h"
#include "heat_cache.h"
#include "style.h"
#include "text_cache.h"

typedef struct {
    int x, y, w, h;
} gf_rect;

typedef enum { GF_TEXT_SMALL = 0, GF_TEXT_BODY, GF_TEXT_HEADING, GF_TEXT_TITLE } gf_text_role;

typedef enum {
    GF_ALIGN_LEFT = 0,
    GF_ALIGN_CENTER = 1,
    GF_ALIGN_RIGHT = 2,
    GF_ALIGN_MIDDLE = 4           /* y is the vertical centre              */
} gf_align;

#define GF_UI_TOOLTIP_MAX 256
#define GF_UI_MAX_HEAT 48
#define GF_UI_MAX_HITS 512
#define GF_UI_ID_MAX 32

/* A heatmap as drawn this frame: the cell grid and what it shows. */
typedef struct {
    char id[GF_UI_ID_MAX];        /* e.g. "weights", "overview.3"          */
    gf_rect cells;                /* the area covered by the cells         */
    int rows, cols;               /* cells drawn                           */
    int row0, col0;               /* tensor index of the first cell        */
    int head;                     /* head it belongs to, or −1             */
    char source[GF_UI_ID_MAX + 8];/* trace entry it shows ("h.1.attn.scores[0]"),
                                     "" when none: a click explains a cell */
    int source_row;               /* ≥ 0: a strip of that tensor row       */
} gf_ui_heat_record;

/* Anything else clickable (a token chip, an overview head). */
typedef struct {
    gf_rect rect;
    int kind;                     /* GF_HIT_*                              */
    int index;
    int row;                      /* GF_HIT_BAR_*: the position; else −1   */
} gf_ui_hit;

enum { GF_HIT_TOKEN = 1, GF_HIT_HEAD, GF_HIT_PROMPT, GF_HIT_HELP,
       GF_HIT_BAR_LOGIT, GF_HIT_BAR_PROB };  /* bars: index = token id */

#define GF_UI_MAX_TEXT 4096

/* Where a text went; turned: read bottom to top (a column label). */
typedef struct {
    gf_rect r;
    bool turned;
    int heat_before;            /* heatmaps drawn before it (n_heat then):
                                   a later one over it would hide it      */
    char text[192];             /* its start (tests look for words)     */
} gf_ui_text_rect;

/* A text cut by its own box: past the clip rect it was drawn in, or the
 * lines a wrapped paragraph had no room for. */
#define GF_UI_MAX_CUTS 16
typedef struct {
    gf_rect box;                /* the box it did not fit               */
    char text[96];              /* the start of what was cut            */
} gf_ui_cut;

typedef struct {
    SDL_Renderer *renderer;
    const gf_style *style;        /* colours, sizes, spacing (style.h)     */
    gf_fonts fonts;
    bool has_fonts;
    gf_text_cache text;
    gf_heat_cache heat_cache;
    SDL_Texture *legend[GF_CMAP_COUNT];
    int width, height;            /* drawable pixels                       */
    float scale;                  /* pixels per layout unit                */
    bool large_text;              /* text in the style's large sizes       */
    int mouse_x, mouse_y;         /* drawable pixels; −1 when outside      */
    char tooltip[GF_UI_TOOLTIP_MAX];
    gf_rect view_rect;            /* where this frame's main view went      */
    gf_ui_heat_record heat[GF_UI_MAX_HEAT];
    int n_heat;
    gf_ui_hit hits[GF_UI_MAX_HITS];
    int n_hits;
    /* Where this frame's text went (as clipped), when record_text is set:
     * the layout test looks for overlapping text. Overlays and the tooltip
     * are drawn with text_paused set and are not recorded. */
    bool record_text, text_paused;
    gf_ui_text_rect text_rects[GF_UI_MAX_TEXT];
    int n_text;
    /* Text cut by its box this frame (recorded with the text; n_cuts counts
     * them all, cuts keeps the first few). clip_may_cut: the clip rect set
     * now cuts on purpose (a strip scrolled past its start, a status line
     * whose end gives way to a message), so what it cuts is not counted. */
    bool clip_may_cut;
    gf_ui_cut cuts[GF_UI_MAX_CUTS];
    int n_cuts;
} gf_ui;

bool gf_ui_init(gf_ui *ui, SDL_Renderer *renderer, const char *font_override, char *err,
                size_t err_size);
void gf_ui_free(gf_ui *ui);
/* Start a frame of width × height drawable pixels: clears, forgets hits. */
void gf_ui_begin(gf_ui *ui, int width, int height, float scale);

int gf_ui_px(const gf_ui *ui, float units);          /* layout units → px  */
int gf_ui_text_px(const gf_ui *ui, gf_text_role role);
bool gf_rect_contains(gf_rect r, int x, int y);
gf_rect gf_rect_inset(gf_rect r, int d);
bool gf_ui_hover(const gf_ui *ui, gf_rect r);

void gf_draw_fill(gf_ui *ui, gf_rect r, gf_rgba c);
void gf_draw_outline(gf_ui *ui, gf_rect r, gf_rgba c, int thickness);
void gf_draw_line(gf_ui *ui, int x0, int y0, int x1, int y1, gf_rgba c);
/* Note that text was drawn in r (recorded only while record_text is set);
 * a part past the clip rect is noted as cut (unless clip_may_cut). */
void gf_ui_note_text(gf_ui *ui, gf_rect r, bool turned, const char *text);
/* Note that text did not fit box and was cut (recorded as note_text is). */
void gf_ui_note_cut(gf_ui *ui, gf_rect box, const char *text);
/* Draw text (cached); returns its width in px. */
int gf_draw_text(gf_ui *ui, gf_face face, gf_text_role role, gf_rgba c, int x, int y,
                 const char *text, int align);
/* Width and height of text as it would be drawn. */
/* text cut to fit max_w pixels, with "…" where it was cut: its end kept
 * (keep_end, for the line being typed) or its start. Measures without
 * rasterizing; out holds the result. */
void gf_text_fit(gf_ui *ui, gf_face face, gf_text_role role, const char *text, int max_w,
                 bool keep_end, char *out, size_t size);
void gf_text_size(gf_ui *ui, gf_face face, gf_text_role role, const char *text, int *w, int *h);
/* Word-wrapped paragraph inside r; returns the height used. */
int gf_draw_wrapped(gf_ui *ui, gf_face face, gf_text_role role, gf_rgba c, gf_rect r,
                    const char *text);
/* Like gf_draw_wrapped, but a run of two or more spaces separates groups
 * that stay on one line when they fit (formulas: "a = b,  c = d"). */
int gf_draw_wrapped_groups(gf_ui *ui, gf_face face, gf_text_role role, gf_rgba c, gf_rect r,
                           const char *text);
/* The height gf_draw_wrapped_groups would use at this width (draws nothing). */
int gf_measure_wrapped_groups(gf_ui *ui, gf_face face, gf_text_role role, int width,
                              const char *text);
/* The height gf_draw_wrapped would use at this width (draws nothing). */
int gf_measure_wrapped(gf_ui *ui, gf_face face, gf_text_role role, int width, const char *text);
/* A vertical colour bar for a map with its range written beside it. */
void gf_draw_legend(gf_ui *ui, gf_rect r, gf_cmap map, float lo, float hi, bool with_mask,
                    const char *mask_label);

void gf_ui_set_tooltip(gf_ui *ui, const char *text);
void gf_ui_add_hit(gf_ui *ui, gf_rect r, int kind, int index);
/* The topmost hit under (x, y) of this kind, or −1. */
int gf_ui_hit_at(const gf_ui *ui, int x, int y, int kind);
gf_ui_heat_record *gf_ui_add_heat(gf_ui *ui, const char *id, gf_rect cells, int rows, int cols,
                                  int head);  /* row0 = col0 = 0; set them after */
const gf_ui_heat_record *gf_ui_find_heat(const gf_ui *ui, const char *id);
/* Draw the tooltip box near the mouse (call last). */
void gf_ui_draw_tooltip(gf_ui *ui);

/* Value formatting shared by labels and tooltips ("1.873", "−∞", "3.1e-05"). */
void gf_format_value(float v, char *buf, size_t size);
/* A probability as a percentage, as the probability bars show it and the
 * lessons quote it: one decimal from 0.1 % ("0.3"), two significant digits
 * below with a trailing zero kept ("0.040", never "0.0"); then sign (e.g.
 * "%", or a no-break space and "%"). */
void gf_format_probability(float p, const char *sign, char *buf, size_t size);

#endif
