/* explain_panel.h — "where does this number come from?": a selected number
 * of the trace and the panel showing how it was computed.
 *
 * A click on a heatmap cell, a strip value or a bar (the maps drawn this
 * frame record which trace entry they show: ui.h), or the E key and the
 * arrows (a selected cell moved over the maps on screen, Enter opens the
 * panel), points at one value. Core's gf_explain_value computes its terms
 * from the trace, in the input path (never while drawing); view_explain.c
 * draws them over the explanation panel. */
#ifndef GF_VIZ_EXPLAIN_PANEL_H
#define GF_VIZ_EXPLAIN_PANEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "explain.h"
#include "ui.h"

typedef struct gf_app gf_app;

#define GF_EXPLAIN_KEY_MAX 32

typedef struct gf_explain_state {
    bool selecting;               /* a cell is selected: keys move it       */
    bool open;                    /* the panel shows the explanation        */
    char source[GF_UI_ID_MAX + 8];/* the selection's map (its trace entry)  */
    int row, col;                 /* the selected cell, in tensor indices   */
    char key[GF_EXPLAIN_KEY_MAX]; /* what was explained: at.key points here */
    gf_explain_at at;
    float temperature;            /* T of a "probs" explanation             */
    uint64_t generation;          /* the session's generation it is for     */
    bool has_value;               /* e holds an explanation                 */
    gf_explanation e;
    char error[GF_ERROR_MESSAGE_MAX];              /* why it could not be explained          */
} gf_explain_state;

/* Where a value of trace entry name ("h.1.attn.scores[0]", "x0") is: key,
 * layer, head from the name; row (source_row when the map is one strip of
 * that tensor's row) and col. False when the entry's values cannot be
 * explained. key receives the key; at->key points to it. */
bool gf_explain_locate(const char *name, int source_row, int row, int col, char *key,
                       size_t key_size, gf_explain_at *at);

/* Explain the value at `at` now (gf_explain_value) and open the panel;
 * false with the reason in the state's error (still shown) on failure. */
bool gf_explain_open_at(gf_app *app, const gf_explain_at *at);
void gf_explain_close(gf_app *app);
/* The state, created on first use (NULL only when out of memory). */
gf_explain_state *gf_explain_state_of(gf_app *app);
void gf_explain_free(gf_app *app);

/* Whether the panel is open and shows the current session's data. */
bool gf_explain_panel_shown(const gf_app *app);
bool gf_explain_selecting(const gf_app *app);

/* A click: a bar or a heatmap cell showing a trace value opens its panel. */
bool gf_explain_click(gf_app *app, int x, int y);
/* The E key and the selected cell's keys (GF_CMD_EXPLAIN_*). */
bool gf_explain_command(gf_app *app, int cmd, int arg);
/* Esc's turn (after overlays): close the panel, else stop selecting;
 * false when neither was there. */
bool gf_explain_escape(gf_app *app);
/* --explain KEY,ROW,COL at the stepper's layer and head (layer −1 for the
 * global tensors), and the stepper's position at ROW (rows are positions);
 * false with err when the value cannot be explained. */
bool gf_explain_option(gf_app *app, const char *spec, char *err, size_t err_size);

/* The cells the maps drawn this frame outline: the selected one while
 * selecting (E), else with the panel open every cell that shows the
 * explained value (the value's map and its row's strip). Up to max, into
 * out; how many. */
int gf_explain_marked_cells(const gf_app *app, gf_rect *out, int max);
/* Outline those cells (frame.c, after the view). */
void gf_explain_draw_selection(gf_app *app);
/* The panel in r (instead of the stage explanation); returns what is left
 * of r below it (view_explain.c). */
gf_rect gf_explain_draw_panel(gf_app *app, gf_rect r);
/* Whether the panel laid out in r (nothing drawn) would show every row of
 * its terms, none folded into the remainder or left out (true for a value
 * without terms): frame.c narrows a lesson's band only where they would not. */
bool gf_explain_terms_fit(gf_app *app, gf_rect r);

#endif
