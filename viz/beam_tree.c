/* beam_tree.c — the beam search as a tree (see beam_tree.h). */
#include "beam_tree.h"

#include <stdio.h>
#include <string.h>

#include "tokenizer.h"

#define W GF_BEAM_MAX_WIDTH

void gf_beam_tree_marks(const gf_beam_result *r, uint8_t *marks)
{
    memset(marks, 0, (size_t)r->n_steps * W);
    if (r->n_steps == 0)
        return;
    const int last = r->n_steps - 1;
    for (int k = 0; k < r->steps[last].n; k++)  /* the final beams, best first */
        marks[last * W + k] = GF_BEAM_NODE_FINAL | (k == 0 ? GF_BEAM_NODE_BEST : 0);
    for (int s = last; s > 0; s--)
        for (int k = 0; k < r->steps[s].n; k++)
            marks[(s - 1) * W + r->steps[s].parent[k]] |= marks[s * W + k];
}

int gf_beam_tree_best_tokens(const gf_beam_result *r, int32_t eot, int32_t *out)
{
    int n = 0, k = 0;
    for (int s = r->n_steps - 1; s >= 0; s--) {
        const int32_t t = r->steps[s].token[k];
        if (t >= 0 && t != eot)
            out[n++] = t;
        k = r->steps[s].parent[k];
    }
    for (int i = 0; i < n / 2; i++) {  /* walked from the end: reverse */
        const int32_t t = out[i];
        out[i] = out[n - 1 - i];
        out[n - 1 - i] = t;
    }
    return n;
}

/* "␣sea −1.23": a node's token and cumulative ln p (token −1: a beam that
 * ended before, carried over). */
static void node_text(const gf_app *app, int32_t token, double score, char *buf, size_t size)
{
    char label[GF_LABEL_MAX] = "=";
    if (token >= 0)
        gf_session_label(&app->s, token, label, sizeof label);
    snprintf(buf, size, "%s %s%.2f", label, score < 0.0 ? "−" : "", score < 0.0 ? -score : score);
}

/* One column of the tree: the prompt (step −1) or a step's nodes. When the
 * column has fewer rows than kept beams, the beam on the best final path is
 * one of those drawn (else the outlined path would skip this step and its
 * next node hang without an edge), the rest best first. */
typedef struct {
    int x, w;
    int kept, pruned;             /* nodes drawn                            */
    int more;                     /* kept beams not drawn                   */
    int beam_at[W];               /* (kept) the beam drawn in each row      */
    int row_of[W];                /* each beam's row, or −1: not drawn      */
} column;

typedef struct {
    gf_app *app;
    const gf_beam_result *r;
    const uint8_t *marks;
    gf_rect area;
    int pitch, row_h, pad, rows;
} tree_layout;

static int row_y(const tree_layout *t, int row, bool pruned)
{
    return t->area.y + row * t->pitch + (pruned ? t->pitch / 3 : 0);
}

/* Which kept beams of step s get column's rows: the best path's beam and
 * the best others, in their order (best on top). */
static void choose_rows(const tree_layout *t, int s, column *col)
{
    const int n = t->r->steps[s].n;
    int best = -1;
    for (int k = 0; k < n; k++)
        if (t->marks[s * W + k] & GF_BEAM_NODE_BEST)
            best = k;
    int row = 0;
    for (int k = 0; k < n; k++) {
        /* Beams other than the best path's take the rows left. */
        int left = col->kept - row - (best > k ? 1 : 0);
        bool shown = k == best || left > 0;
        col->row_of[k] = shown ? row : -1;
        if (shown)
            col->beam_at[row++] = k;
    }
}

/* Rows of column c (0: the prompt; c: step c − 1) and its width. */
static column column_plan(const tree_layout *t, int c)
{
    column col = {0, 0, 1, 0, 0, {0}, {0}};
    char text[96];
    int w = 0, h = 0;
    if (c == 0) {
        for (int k = 1; k < W; k++)
            col.row_of[k] = -1;  /* the prompt: one node, every step 0 beam's parent */
        gf_session_label(&t->app->s, t->app->s.tokens[t->app->s.n_tokens - 1], text, sizeof text);
        gf_text_size(&t->app->ui, GF_FACE_MONO, GF_TEXT_SMALL, text, &col.w, &h);
        col.w += 2 * t->pad;
        return col;
    }
    const gf_beam_step *st = &t->r->steps[c - 1];
    col.kept = st->n <= t->rows ? st->n : t->rows - 1;
    col.more = st->n - col.kept;
    choose_rows(t, c - 1, &col);
    int room = t->rows - col.kept - (col.more > 0);
    col.pruned = st->n_pruned < room ? st->n_pruned : room;
    if (col.pruned > st->n)
        col.pruned = st->n;  /* the closest runners-up: as many as were kept */
    for (int k = 0; k < col.kept + col.pruned; k++) {
        bool kept = k < col.kept;
        node_text(t->app, kept ? st->token[col.beam_at[k]] : st->pruned[k - col.kept].token,
                  kept ? st->score[col.beam_at[k]] : st->pruned[k - col.kept].score, text, sizeof text);
        gf_text_size(&t->app->ui, GF_FACE_MONO, GF_TEXT_SMALL, text, &w, &h);
        col.w = w > col.w ? w : col.w;
    }
    if (col.more > 0) {
        snprintf(text, sizeof text, gf_i18n(&t->app->text, GF_STR_BEAM_MORE), col.more);
        gf_text_size(&t->app->ui, GF_FACE_SANS, GF_TEXT_SMALL, text, &w, &h);
        col.w = w > col.w ? w : col.w;
    }
    col.w += 2 * t->pad;
    return col;
}

/* A line, thick lines drawn as neighbours side by side. */
static void draw_edge(gf_ui *ui, int x0, int y0, int x1, int y1, gf_rgba c, int thickness)
{
    for (int d = 0; d < thickness; d++)
        gf_draw_line(ui, x0, y0 + d - thickness / 2, x1, y1 + d - thickness / 2, c);
}

/* Hovered: the node's token, its own ln p (after the beam it grew from),
 * the sum, and what became of it. */
static void node_tooltip(const tree_layout *t, int32_t token, double logprob, double score,
                         uint8_t mark, bool pruned)
{
    const gf_texts *tx = &t->app->text;
    char label[GF_LABEL_MAX] = "=", tip[GF_UI_TOOLTIP_MAX];
    if (token >= 0)
        gf_session_label(&t->app->s, token, label, sizeof label);
    gf_str fate = pruned ? GF_STR_BEAM_TIP_PRUNED
                  : mark & GF_BEAM_NODE_BEST ? GF_STR_BEAM_TIP_BEST
                  : mark & GF_BEAM_NODE_FINAL ? GF_STR_BEAM_TIP_FINAL : GF_STR_BEAM_TIP_DROPPED;
    snprintf(tip, sizeof tip, gf_i18n(tx, GF_STR_BEAM_TIP), label, logprob, score, gf_i18n(tx, fate));
    gf_ui_set_tooltip(&t->app->ui, tip);
}

static void draw_node(const tree_layout *t, int x, int y, int w, const char *text, uint8_t mark,
                      bool pruned)
{
    gf_ui *ui = &t->app->ui;
    const gf_style *st = ui->style;
    gf_rect box = {x, y, w, t->row_h};
    bool lives = (mark & GF_BEAM_NODE_FINAL) != 0;
    if (lives)
        gf_draw_fill(ui, box, st->background);
    if (mark & GF_BEAM_NODE_BEST)
        gf_draw_outline(ui, box, st->accent, gf_ui_px(ui, st->outline));
    else if (!pruned)
        gf_draw_outline(ui, box, st->text_dim, 1);
    gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, lives ? st->text : st->text_dim, x + t->pad,
                 y + t->row_h / 2, text, GF_ALIGN_MIDDLE);
}

/* Edges into column i (step c − 1) from the column before it, then its
 * nodes. A node whose parent is not drawn grows from the column's
 * "+N more" line. */
static void draw_column(const tree_layout *t, const column *cols, int i, int c)
{
    gf_ui *ui = &t->app->ui;
    const gf_style *st = ui->style;
    const column *col = &cols[i];
    char text[96];
    if (c == 0) {
        gf_session_label(&t->app->s, t->app->s.tokens[t->app->s.n_tokens - 1], text, sizeof text);
        draw_node(t, col->x, row_y(t, 0, false), col->w, text,
                  GF_BEAM_NODE_FINAL | GF_BEAM_NODE_BEST, false);
        return;
    }
    const gf_beam_step *s = &t->r->steps[c - 1];
    const int thick = gf_ui_px(ui, st->outline);
    for (int k = 0; i > 0 && k < col->kept + col->pruned; k++) {
        bool kept = k < col->kept;
        int parent = kept ? s->parent[col->beam_at[k]] : s->pruned[k - col->kept].parent;
        const column *prev = &cols[i - 1];
        int parent_row = parent < W ? prev->row_of[parent] : -1;
        if (parent_row < 0 && prev->more == 0)
            continue;  /* its parent is not drawn */
        uint8_t mark = kept ? t->marks[(c - 1) * W + col->beam_at[k]] : 0;
        gf_rgba colour = mark & GF_BEAM_NODE_BEST ? st->accent
                         : mark & GF_BEAM_NODE_FINAL ? st->text : st->text_dim;
        if (parent_row < 0) {
            parent_row = prev->kept;  /* the "+N more" line */
            colour = st->text_dim;
        }
        int y0 = row_y(t, parent_row, false) + t->row_h / 2, y1 = row_y(t, k, !kept) + t->row_h / 2;
        draw_edge(ui, prev->x + prev->w, y0, col->x, y1, colour,
                  mark & GF_BEAM_NODE_BEST ? thick : 1);
    }
    for (int k = 0; k < col->kept + col->pruned; k++) {
        bool kept = k < col->kept;
        const gf_beam_pruned *p = kept ? NULL : &s->pruned[k - col->kept];
        const int b = kept ? col->beam_at[k] : -1;
        const int32_t token = kept ? s->token[b] : p->token;
        const double score = kept ? s->score[b] : p->score;
        const uint8_t mark = kept ? t->marks[(c - 1) * W + b] : 0;
        node_text(t->app, token, score, text, sizeof text);
        draw_node(t, col->x, row_y(t, k, !kept), col->w, text, mark, !kept);
        if (gf_ui_hover(ui, (gf_rect){col->x, row_y(t, k, !kept), col->w, t->row_h}))
            node_tooltip(t, token, kept ? s->logprob[b] : p->logprob, score, mark, !kept);
    }
    if (col->more > 0) {
        snprintf(text, sizeof text, gf_i18n(&t->app->text, GF_STR_BEAM_MORE), col->more);
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, st->text_dim, col->x + t->pad,
                     row_y(t, col->kept, false) + t->row_h / 2, text, GF_ALIGN_MIDDLE);
    }
}

/* A line of small text at y, cut to w; returns the y below it. */
static int text_line(gf_ui *ui, gf_face face, gf_text_role role, gf_rgba c, int x, int y, int w,
                     const char *line)
{
    char cut[512];
    gf_text_fit(ui, face, role, line, w, false, cut, sizeof cut);
    gf_draw_text(ui, face, role, c, x, y, cut, GF_ALIGN_LEFT);
    return y + gf_ui_text_px(ui, role) + gf_ui_px(ui, ui->style->chip_gap);
}

/* The height of a line of small text in face: the font's whole box. */
static int small_line_h(gf_ui *ui, gf_face face)
{
    int w = 0, h = 0, px = gf_ui_text_px(ui, GF_TEXT_SMALL);
    gf_text_size(ui, face, GF_TEXT_SMALL, "Hg", &w, &h);
    return h > px ? h : px;
}

int gf_beam_tree_min_height(gf_app *app)
{
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    int pad = gf_ui_px(ui, st->chip_pad), row_h = gf_ui_text_px(ui, GF_TEXT_SMALL) + 2 * pad;
    int pitch = row_h + gf_ui_px(ui, st->chip_gap) * 2;
    int lines = gf_ui_text_px(ui, GF_TEXT_SMALL) + gf_ui_px(ui, st->chip_gap) +
                gf_ui_text_px(ui, GF_TEXT_SMALL) + gf_ui_px(ui, st->lane_gap) / 2;
    return 2 * gf_ui_px(ui, st->lane_pad) + lines + row_h + pitch + pitch / 3;  /* two rows */
}

void gf_beam_tree_draw(gf_app *app, gf_rect rect, const gf_beam_result *r, int width, int *first)
{
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    gf_draw_fill(ui, rect, st->panel);
    gf_rect in = gf_rect_inset(rect, gf_ui_px(ui, st->lane_pad));
    if (in.h < small_line_h(ui, GF_FACE_BOLD))
        return;  /* not even the title fits */
    char line[256];
    snprintf(line, sizeof line, gf_i18n(&app->text, GF_STR_BEAM_TITLE), width);
    int y = text_line(ui, GF_FACE_BOLD, GF_TEXT_SMALL, st->text, in.x, in.y, in.w, line);
    const int steps_y = y;
    y += gf_ui_text_px(ui, GF_TEXT_SMALL) + gf_ui_px(ui, st->lane_gap) / 2;
    if (r == NULL || r->n_steps == 0 || app->s.n_tokens == 0)
        return;
    uint8_t marks[W * GF_TEMP_TOKENS_MAX];
    gf_beam_tree_marks(r, marks);
    tree_layout t = {app, r, marks, {in.x, y, in.w, in.y + in.h - y}, 0, 0, 0, 0};
    t.pad = gf_ui_px(ui, st->chip_pad);
    t.row_h = gf_ui_text_px(ui, GF_TEXT_SMALL) + 2 * t.pad;
    t.pitch = t.row_h + gf_ui_px(ui, st->chip_gap) * 2;
    t.rows = (t.area.h - t.row_h - t.pitch / 3) / t.pitch + 1;
    if (t.rows < 2)
        return;  /* no room for a tree */
    const int n_cols = r->n_steps + 1, col_gap = gf_ui_px(ui, st->lane_gap) * 2;
    if (*first > n_cols - 1)
        *first = n_cols - 1;
    column cols[GF_TEMP_TOKENS_MAX + 1];
    int shown = 0;
    for (int x = t.area.x, c = *first; c < n_cols; c++, shown++) {
        cols[shown] = column_plan(&t, c);
        if (x + cols[shown].w > t.area.x + t.area.w && shown > 0)
            break;
        cols[shown].x = x;
        x += cols[shown].w + col_gap;
    }
    for (int i = 0; i < shown; i++)
        draw_column(&t, cols, i, *first + i);
    snprintf(line, sizeof line, gf_i18n(&app->text, GF_STR_BEAM_STEPS), *first > 0 ? *first : 1,
             *first + shown - 1, r->n_steps);
    size_t used = strlen(line);  /* then the legend, as far as it fits */
    snprintf(line + used, sizeof line - used, "   %s", gf_i18n(&app->text, GF_STR_BEAM_LEGEND));
    text_line(ui, GF_FACE_SANS, GF_TEXT_SMALL, st->text_dim, in.x, steps_y, in.w, line);
}
