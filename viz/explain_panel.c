/* explain_panel.c — the selected number and its explanation: clicks, the
 * E key and the selected cell's keys, --explain, and the selection's
 * outline. The explanation itself is core's (gf_explain_value), asked for
 * here in the input path; view_explain.c draws it. */
#include "explain_panel.h"

#include "app.h"
#include "keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPLAIN_MAX_TERMS 16      /* products listed; the rest: one remainder */

gf_explain_state *gf_explain_state_of(gf_app *app)
{
    if (app->explain == NULL)
        app->explain = calloc(1, sizeof *app->explain);
    return app->explain;
}

static void drop_value(gf_explain_state *x)
{
    if (x->has_value)
        gf_explanation_free(&x->e);
    x->has_value = false;
}

void gf_explain_free(gf_app *app)
{
    if (app->explain == NULL)
        return;
    drop_value(app->explain);
    free(app->explain);
    app->explain = NULL;
}

bool gf_explain_locate(const char *name, int source_row, int row, int col, char *key,
                       size_t key_size, gf_explain_at *at)
{
    if (name == NULL || name[0] == '\0')
        return false;
    int layer = -1, head = -1, skip = 0;
    if (sscanf(name, "h.%d.%n", &layer, &skip) != 1 || skip == 0) {
        layer = -1;
        skip = 0;
    }
    const char *rest = name + skip;
    size_t n = strcspn(rest, "[");
    if (n == 0 || n >= key_size)
        return false;
    memcpy(key, rest, n);
    key[n] = '\0';
    if (rest[n] == '[' && sscanf(rest + n, "[%d]", &head) != 1)
        return false;
    if (!gf_explain_supports(key))
        return false;
    *at = (gf_explain_at){key, layer, head, source_row >= 0 ? source_row : row, col};
    return true;
}

bool gf_explain_open_at(gf_app *app, const gf_explain_at *at)
{
    gf_explain_state *x = gf_explain_state_of(app);
    if (x == NULL || !app->has_session)
        return false;
    drop_value(x);
    snprintf(x->key, sizeof x->key, "%s", at->key);
    x->at = *at;
    x->at.key = x->key;
    x->temperature = app->temperature;
    x->generation = app->s.generation;
    x->error[0] = '\0';
    x->open = true;
    gf_explain_options opt = {.max_terms = EXPLAIN_MAX_TERMS, .temperature = app->temperature};
    gf_error err = {0};
    if (gf_explain_value(&app->s.model, &app->s.trace, &x->at, &opt, &x->e, &err) != GF_OK) {
        snprintf(x->error, sizeof x->error, "%s", err.message);
        return false;
    }
    x->has_value = true;
    return true;
}

void gf_explain_close(gf_app *app)
{
    if (app->explain != NULL) {
        app->explain->open = false;
        drop_value(app->explain);
    }
}

bool gf_explain_panel_shown(const gf_app *app)
{
    const gf_explain_state *x = app->explain;
    return x != NULL && x->open && x->generation == app->s.generation;
}

bool gf_explain_selecting(const gf_app *app)
{
    /* Wide screens (temperature, analogy) have no panel: no selection. */
    return app->explain != NULL && app->explain->selecting &&
           gf_screen_get(app->screen)->layout == GF_LAYOUT_PANEL;
}

/* The map record i of this frame when its cells can be explained. */
static bool record_explainable(const gf_ui_heat_record *h)
{
    char key[GF_EXPLAIN_KEY_MAX];
    gf_explain_at at;
    return h->rows > 0 && h->cols > 0 &&
           gf_explain_locate(h->source, h->source_row, h->row0, h->col0, key, sizeof key, &at);
}

static int find_record(const gf_ui *ui, const char *source, int source_row)
{
    for (int i = 0; i < ui->n_heat; i++)
        if (strcmp(ui->heat[i].source, source) == 0 && ui->heat[i].source_row == source_row &&
            record_explainable(&ui->heat[i]))
            return i;
    return -1;
}

/* The row of record h a selection lands on: the current position when the
 * map shows it, else its first row. */
static int landing_row(const gf_app *app, const gf_ui_heat_record *h)
{
    if (h->source_row >= 0)
        return h->source_row;
    int t = app->st.position;
    return t >= h->row0 && t < h->row0 + h->rows ? t : h->row0;
}

static void select_record(gf_app *app, const gf_ui_heat_record *h, int col)
{
    gf_explain_state *x = app->explain;
    snprintf(x->source, sizeof x->source, "%s", h->source);
    x->row = landing_row(app, h);
    x->col = col < h->col0 ? h->col0 : col >= h->col0 + h->cols ? h->col0 + h->cols - 1 : col;
    x->selecting = true;
}

/* The record after (dir > 0) or before the one at index i that can be
 * explained, wrapping; −1 when none. */
static int next_record(const gf_ui *ui, int i, int dir)
{
    for (int k = 1; k <= ui->n_heat; k++) {
        int j = ((i + dir * k) % ui->n_heat + ui->n_heat) % ui->n_heat;
        if (record_explainable(&ui->heat[j]))
            return j;
    }
    return -1;
}

static int selected_record(const gf_app *app)
{
    const gf_explain_state *x = app->explain;
    for (int i = 0; i < app->ui.n_heat; i++) {
        const gf_ui_heat_record *h = &app->ui.heat[i];
        if (strcmp(h->source, x->source) == 0 && record_explainable(h) &&
            (h->source_row < 0 || h->source_row == x->row))
            return i;
    }
    return -1;
}

static void explain_selection(gf_app *app)
{
    gf_explain_state *x = app->explain;
    int i = selected_record(app);
    if (i < 0)
        return;
    const gf_ui_heat_record *h = &app->ui.heat[i];
    char key[GF_EXPLAIN_KEY_MAX];
    gf_explain_at at;
    if (gf_explain_locate(h->source, h->source_row, x->row, x->col, key, sizeof key, &at))
        gf_explain_open_at(app, &at);
}

/* Move the selection: within its map, or (strips, one row) to the strip
 * above or below. */
static void move_selection(gf_app *app, int dir)
{
    gf_explain_state *x = app->explain;
    const gf_ui *ui = &app->ui;
    int i = selected_record(app);
    if (i < 0) {
        int first = next_record(ui, -1, 1);
        if (first >= 0)
            select_record(app, &ui->heat[first], ui->heat[first].col0);
        return;
    }
    const gf_ui_heat_record *h = &ui->heat[i];
    int dc = dir == 0 ? -1 : dir == 1 ? 1 : 0, dr = dir == 2 ? -1 : dir == 3 ? 1 : 0;
    if (dc != 0) {
        int c = x->col + dc;
        if (c >= h->col0 && c < h->col0 + h->cols)
            x->col = c;
    } else if (h->source_row >= 0) {
        int j = next_record(ui, i, dr);
        if (j >= 0)
            select_record(app, &ui->heat[j], x->col);
    } else {
        int r = x->row + dr;
        if (r >= h->row0 && r < h->row0 + h->rows)
            x->row = r;
    }
    if (x->open)
        explain_selection(app);
}

bool gf_explain_command(gf_app *app, int cmd, int arg)
{
    gf_explain_state *x = gf_explain_state_of(app);
    if (x == NULL)
        return false;
    const gf_ui *ui = &app->ui;
    switch (cmd) {
    case GF_CMD_EXPLAIN_SELECT:
        if (gf_screen_get(app->screen)->layout != GF_LAYOUT_PANEL)
            return false;   /* the panel has no place on wide screens */
        if (x->selecting) {
            x->selecting = false;
        } else {
            int i = find_record(ui, x->source, -1);
            if (i < 0)
                i = next_record(ui, -1, 1);
            if (i < 0)
                return false;   /* nothing on this screen to explain */
            select_record(app, &ui->heat[i], ui->heat[i].col0);
        }
        return true;
    case GF_CMD_EXPLAIN_MOVE: move_selection(app, arg); return true;
    case GF_CMD_EXPLAIN_NEXT: {
        int j = next_record(ui, selected_record(app), 1);
        if (j >= 0)
            select_record(app, &ui->heat[j], ui->heat[j].col0);
        if (x->open)
            explain_selection(app);
        return true;
    }
    case GF_CMD_EXPLAIN_TOGGLE:
        if (gf_explain_panel_shown(app))
            gf_explain_close(app);
        else
            explain_selection(app);
        return true;
    default: return false;
    }
}

bool gf_explain_escape(gf_app *app)
{
    gf_explain_state *x = app->explain;
    if (x == NULL)
        return false;
    if (x->open) {
        gf_explain_close(app);
        return true;
    }
    if (x->selecting) {
        x->selecting = false;
        return true;
    }
    return false;
}

/* A bar of this frame under (x, y): token id, position, probability or not. */
static bool bar_at(const gf_ui *ui, int x, int y, gf_explain_at *at)
{
    for (int i = ui->n_hits - 1; i >= 0; i--) {
        const gf_ui_hit *h = &ui->hits[i];
        bool prob = h->kind == GF_HIT_BAR_PROB;
        if ((prob || h->kind == GF_HIT_BAR_LOGIT) && gf_rect_contains(h->rect, x, y)) {
            *at = (gf_explain_at){prob ? "probs" : "logits", -1, -1, h->row, h->index};
            return true;
        }
    }
    return false;
}

bool gf_explain_click(gf_app *app, int x, int y)
{
    gf_explain_at at;
    /* Only where the panel shows (screens beside it), e.g. not the lanes. */
    if (gf_screen_get(app->screen)->layout != GF_LAYOUT_PANEL)
        return false;
    if (bar_at(&app->ui, x, y, &at) && at.row >= 0)
        return gf_explain_open_at(app, &at) || true;
    for (int i = app->ui.n_heat - 1; i >= 0; i--) {
        const gf_ui_heat_record *h = &app->ui.heat[i];
        if (!gf_rect_contains(h->cells, x, y) || h->rows <= 0 || h->cols <= 0)
            continue;
        int c = h->col0 + (int)((int64_t)(x - h->cells.x) * h->cols / h->cells.w);
        int r = h->row0 + (int)((int64_t)(y - h->cells.y) * h->rows / h->cells.h);
        char key[GF_EXPLAIN_KEY_MAX];
        if (!gf_explain_locate(h->source, h->source_row, r, c, key, sizeof key, &at))
            return false;
        gf_explain_state *st = gf_explain_state_of(app);
        if (st != NULL) {   /* the clicked cell becomes the selection */
            snprintf(st->source, sizeof st->source, "%s", h->source);
            st->row = h->source_row >= 0 ? h->source_row : r;
            st->col = c;
        }
        gf_explain_open_at(app, &at);
        return true;
    }
    return false;
}

bool gf_explain_option(gf_app *app, const char *spec, char *err, size_t err_size)
{
    char key[GF_EXPLAIN_KEY_MAX];
    int row = 0, col = 0, used = 0;
    size_t n = strcspn(spec, ",");
    if (n == 0 || n >= sizeof key || sscanf(spec + n, ",%d,%d%n", &row, &col, &used) != 2 ||
        spec[n + (size_t)used] != '\0') {
        snprintf(err, err_size, "--explain %s: expected KEY,ROW,COL (e.g. attn.scores,5,1)", spec);
        return false;
    }
    memcpy(key, spec, n);
    key[n] = '\0';
    if (!gf_explain_supports(key)) {
        snprintf(err, err_size, "--explain %s: %s is not a key whose values can be explained",
                 spec, key);
        return false;
    }
    /* The stepper's layer and head, where the key has them. */
    int layer = -1, head = -1;
    gf_view v;
    if (gf_trace_get(&app->s.trace, key, app->st.layer, -1, &v))
        layer = app->st.layer;
    if (gf_trace_get(&app->s.trace, key, app->st.layer, app->st.head, &v))
        head = app->st.head;
    gf_explain_at at = {key, layer, head, row, col};
    if (!gf_explain_open_at(app, &at)) {
        snprintf(err, err_size, "--explain %s: %s", spec,
                 app->explain != NULL ? app->explain->error : "out of memory");
        return false;
    }
    /* Every explained row is a token position (explain.h): the position's
     * row, ring and strips follow it, so the screen shows that row. */
    if (row >= 0 && row < app->s.n_tokens)
        gf_stepper_set_position(&app->st, row);
    return true;
}

/* Cell (row, col) of record h as a rectangle on screen, or false when the
 * record does not show it. */
static bool cell_rect(const gf_ui_heat_record *h, int row, int col, gf_rect *out)
{
    int r = h->source_row >= 0 ? (row == h->source_row ? 0 : -1) : row - h->row0;
    int c = col - h->col0;
    if (r < 0 || r >= h->rows || c < 0 || c >= h->cols)
        return false;
    float cw = (float)h->cells.w / (float)h->cols, ch = (float)h->cells.h / (float)h->rows;
    *out = (gf_rect){h->cells.x + (int)((float)c * cw), h->cells.y + (int)((float)r * ch),
                     (int)(cw + 0.999f), (int)(ch + 0.999f)};
    return true;
}

/* Whether record h shows the value at `want` (the same key, layer and head;
 * its row and column among the record's cells). */
static bool record_shows(const gf_ui_heat_record *h, const gf_explain_at *want)
{
    char key[GF_EXPLAIN_KEY_MAX];
    gf_explain_at at;
    gf_rect cell;
    return h->rows > 0 && h->cols > 0 &&
           gf_explain_locate(h->source, h->source_row, want->row, want->col, key, sizeof key, &at) &&
           strcmp(key, want->key) == 0 && at.layer == want->layer && at.head == want->head &&
           cell_rect(h, want->row, want->col, &cell);
}

int gf_explain_marked_cells(const gf_app *app, gf_rect *out, int max)
{
    const gf_explain_state *x = app->explain;
    int n = 0;
    if (x == NULL)
        return 0;
    if (x->selecting) {
        int i = selected_record(app);
        if (i >= 0 && max > 0 && cell_rect(&app->ui.heat[i], x->row, x->col, &out[n]))
            n++;
        return n;
    }
    if (!gf_explain_panel_shown(app) || gf_screen_get(app->screen)->layout != GF_LAYOUT_PANEL)
        return 0;
    for (int i = 0; i < app->ui.n_heat && n < max; i++)
        if (record_shows(&app->ui.heat[i], &x->at))
            n += cell_rect(&app->ui.heat[i], x->at.row, x->at.col, &out[n]);
    return n;
}

void gf_explain_draw_selection(gf_app *app)
{
    gf_rect cells[GF_UI_MAX_HEAT];
    int n = gf_explain_marked_cells(app, cells, GF_UI_MAX_HEAT);
    int t = gf_ui_px(&app->ui, app->ui.style->outline);
    for (int i = 0; i < n; i++)
        gf_draw_outline(&app->ui, gf_rect_inset(cells[i], -t - 1), app->ui.style->accent, t + 1);
}
