/* view_temperature.c — three temperature lanes side by side, each a
 * continuation with its T and seed (the first generated token where the
 * lanes differ is marked), and a fourth: the best beam of a beam search
 * (beam_job.h); below them what T does, and one chart of the same tokens'
 * probabilities at each lane's T (temp_chart.c), or (Tab) what beam search
 * does and its tree (beam_tree.c), or (Tab again) nothing: the lanes take
 * the room. A lane shows its whole text, or ends with "+N more" when the
 * room runs out (hover it for the rest). */
#include "views.h"

#include "beam_tree.h"
#include "lane_window.h"
#include "temp_chart.h"
#include "temperature.h"
#include "work.h"

#include <stdio.h>
#include <string.h>

/* Where each token's chip of a lane goes (chips that nearly touch, wrapped
 * in r); how many fit, and the "+N more" mark that ends the last line when
 * not all do. */
typedef struct {
    gf_rect chip[GF_TEMP_TOKENS_MAX];
    int fit;
    char more[64];
    gf_rect more_at;
} lane_layout;

/* The height of a line of face in role: the font's whole box (small sizes
 * round up). */
static int line_height(gf_ui *ui, gf_face face, gf_text_role role)
{
    int w = 0, h = 0, px = gf_ui_text_px(ui, role);
    gf_text_size(ui, face, role, "Hg", &w, &h);
    return h > px ? h : px;
}

/* The height of one row of a lane's token chips. */
static int chip_height(gf_ui *ui)
{
    return line_height(ui, GF_FACE_MONO, GF_TEXT_SMALL) + 2 * (gf_ui_px(ui, ui->style->chip_pad) / 2);
}

static void lane_layout_make(gf_app *app, gf_rect r, const int32_t *tokens, int n, lane_layout *l)
{
    gf_ui *ui = &app->ui;
    const int gap = gf_ui_px(ui, ui->style->chip_gap) / 2, pad = gf_ui_px(ui, ui->style->chip_pad) / 2;
    const int h = chip_height(ui);
    int x = r.x, y = r.y;
    l->fit = 0;
    l->more[0] = '\0';
    for (int i = 0; i < n; i++) {
        char label[GF_LABEL_MAX];
        gf_session_label(&app->s, tokens[i], label, sizeof label);
        int w = 0, th = 0;
        gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, label, &w, &th);
        w += 2 * pad;
        if (!gf_wrap_place(r, w, h, gap, &x, &y))
            break;
        l->chip[l->fit++] = (gf_rect){x, y, w, h};
        x += w + gap;
    }
    /* Not all fit: drop chips from the end until the mark fits after them. */
    while (l->fit < n) {
        snprintf(l->more, sizeof l->more, gf_i18n(&app->text, GF_STR_TEMP_MORE), n - l->fit);
        int w = 0, th = 0;
        gf_text_size(ui, GF_FACE_BOLD, GF_TEXT_SMALL, l->more, &w, &th);
        w += 2 * pad;
        int mx = l->fit > 0 ? l->chip[l->fit - 1].x + l->chip[l->fit - 1].w + gap : r.x;
        int my = l->fit > 0 ? l->chip[l->fit - 1].y : r.y;
        if (my + h > r.y + r.h) {  /* not even one row: no mark either */
            l->more[0] = '\0';
            break;
        }
        if (mx + w <= r.x + r.w || l->fit == 0) {
            l->more_at = (gf_rect){mx, my, w, h};
            break;
        }
        l->fit--;
    }
}

/* The height a lane's tokens need at width w, all of them shown. */
static int lane_tokens_height(gf_app *app, int w, const int32_t *tokens, int n, lane_layout *l)
{
    lane_layout_make(app, (gf_rect){0, 0, w, 1 << 20}, tokens, n, l);
    return l->fit > 0 ? l->chip[l->fit - 1].y + l->chip[l->fit - 1].h : 0;
}

/* A lane's tokens in r: after mark_from (≥ 0) shaded as diverged, the chip
 * at mark_from outlined; "+N more" in the accent colour when cut, and the
 * tokens left out as its tooltip. */
static void draw_lane_tokens(gf_app *app, gf_rect r, const int32_t *tokens, int n, int mark_from,
                             lane_layout *l)
{
    gf_ui *ui = &app->ui;
    const int pad = gf_ui_px(ui, ui->style->chip_pad) / 2;
    lane_layout_make(app, r, tokens, n, l);
    for (int i = 0; i < l->fit; i++) {
        char label[GF_LABEL_MAX];
        gf_session_label(&app->s, tokens[i], label, sizeof label);
        gf_rect chip = l->chip[i];
        bool diverged = mark_from >= 0 && i >= mark_from;
        gf_draw_fill(ui, chip, diverged ? ui->style->diverged : ui->style->background);
        if (i == mark_from)
            gf_draw_outline(ui, chip, ui->style->accent, gf_ui_px(ui, ui->style->outline));
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, ui->style->text, chip.x + pad,
                     chip.y + chip.h / 2, label, GF_ALIGN_MIDDLE);
    }
    if (l->more[0] == '\0' || l->fit >= n)
        return;
    gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_SMALL, ui->style->accent, l->more_at.x + pad,
                 l->more_at.y + l->more_at.h / 2, l->more, GF_ALIGN_MIDDLE);
    if (gf_ui_hover(ui, l->more_at)) {  /* the rest of the text, as far as one line holds */
        char rest[GF_UI_TOOLTIP_MAX] = "", next[GF_UI_TOOLTIP_MAX];
        size_t used = 0;
        for (int i = l->fit; i < n; i++) {
            char label[GF_LABEL_MAX];
            gf_session_label(&app->s, tokens[i], label, sizeof label);
            snprintf(next, sizeof next, "%s%s…", rest, label);
            int w = 0, th = 0;
            gf_text_size(ui, GF_FACE_MONO, GF_TEXT_BODY, next, &w, &th);
            if (used + strlen(label) + sizeof "…" > sizeof rest || w > ui->width * 9 / 10) {
                snprintf(rest + used, sizeof rest - used, "…");
                break;
            }
            used += (size_t)snprintf(rest + used, sizeof rest - used, "%s", label);
        }
        gf_ui_set_tooltip(ui, rest);
    }
}

/* The state line: on a full context first the window the lanes continue
 * (lane_window.h); computing / cut / where the lanes part, and their length. */
static void state_line(gf_app *app, char *line, size_t size)
{
    const gf_temp_state *ts = &app->temp;
    bool ready = ts->valid && ts->generation == app->s.generation;
    if (ts->seed_typing) {
        snprintf(line, size, gf_i18n(&app->text, GF_STR_TEMP_SEED_ENTRY), ts->selected + 1,
                 ts->seed_text);
        return;
    }
    const gf_lane_window win = gf_lane_window_of(app->s.n_tokens, app->s.capacity, ts->length);
    line[0] = '\0';
    if (win.start > 0)
        snprintf(line, size, gf_i18n(&app->text, GF_STR_TEMP_WINDOW), win.n_kept);
    size_t at = strlen(line);
    if (at > 0 && at < size)
        at += (size_t)snprintf(line + at, size - at, " · ");
    if (at >= size)
        return;
    line += at;
    size -= at;
    if (!ready)
        snprintf(line, size, "%s", gf_i18n(&app->text, GF_STR_TEMP_COMPUTING));
    else if (ts->cut)
        snprintf(line, size, "%s", gf_i18n(&app->text, GF_STR_TEMP_CUT));
    else if (app->work != NULL && app->work->beam.has_shown && app->work->beam.shown_cut)
        snprintf(line, size, "%s", gf_i18n(&app->text, GF_STR_BEAM_CUT));
    else if (ts->diverge_at >= 0)
        snprintf(line, size, gf_i18n(&app->text, GF_STR_TEMP_DIVERGE), ts->diverge_at + 1);
    else
        snprintf(line, size, "%s", gf_i18n(&app->text, GF_STR_TEMP_SAME));
    size_t used = strlen(line);
    snprintf(line + used, size - used, " · ");
    used = strlen(line);
    snprintf(line + used, size - used, gf_i18n(&app->text, GF_STR_TEMP_LENGTH), ts->length);
}

/* What T does (or, beside the tree, what beam search does), paragraph by
 * paragraph, as many as fit in r. */
static void draw_explanation(gf_app *app, gf_rect r, gf_str id)
{
    gf_ui *ui = &app->ui;
    gf_draw_fill(ui, r, ui->style->panel);
    r = gf_rect_inset(r, gf_ui_px(ui, ui->style->lane_pad));
    const char *text = gf_i18n(&app->text, id);
    gf_text_role role = gf_measure_wrapped(ui, GF_FACE_SANS, GF_TEXT_BODY, r.w, text) <= r.h
                            ? GF_TEXT_BODY : GF_TEXT_SMALL;
    int gap = gf_ui_text_px(ui, role) / 2;
    char para[1024];
    for (const char *p = text; *p != '\0';) {
        const char *end = strchr(p, '\n');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        snprintf(para, sizeof para, "%.*s", (int)len, p);
        gf_face face = p == text ? GF_FACE_BOLD : GF_FACE_SANS;
        if (gf_measure_wrapped(ui, face, role, r.w, para) > r.h)
            break;  /* the rest does not fit at this size */
        int h = gf_draw_wrapped(ui, face, role, ui->style->text, r, para) + gap;
        r.y += h;
        r.h -= h;
        p = end != NULL ? end + 1 : p + len;
    }
}

/* The least height of the explanation's panel worth drawing: its heading
 * and first paragraph, in small letters, at width w. */
static int explanation_least(gf_app *app, gf_str id, int w)
{
    gf_ui *ui = &app->ui;
    const int pad = gf_ui_px(ui, ui->style->lane_pad);
    const char *text = gf_i18n(&app->text, id);
    char para[1024];
    int h = 2 * pad;
    const char *p = text;
    for (int i = 0; i < 2 && *p != '\0'; i++) {
        const char *end = strchr(p, '\n');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        snprintf(para, sizeof para, "%.*s", (int)len, p);
        h += gf_measure_wrapped(ui, i == 0 ? GF_FACE_BOLD : GF_FACE_SANS, GF_TEXT_SMALL, w - 2 * pad,
                                para) + (i == 0 ? gf_ui_text_px(ui, GF_TEXT_SMALL) / 2 : 0);
        p = end != NULL ? end + 1 : p + len;
    }
    return h;
}

/* The beam search the screen shows: the one for its data, width and length,
 * or NULL (computing, stopped, failed). */
static const gf_beam_job *shown_beams(const gf_app *app)
{
    if (app->work == NULL)
        return NULL;
    const gf_beam_key key = {app->s.generation, app->temp.beam_width, app->temp.length};
    return gf_beam_job_shows(&app->work->beam, &key) ? &app->work->beam : NULL;
}

/* One lane's box: its heading (with the colour it has in the chart, or none)
 * and its text, or a note in the text's place. */
static void draw_lane(gf_app *app, gf_rect col, const char *heading, int colour, bool selected,
                      const int32_t *tokens, int n, int mark_from, const char *note)
{
    gf_ui *ui = &app->ui;
    char cut[256];
    gf_draw_fill(ui, col, ui->style->panel);
    if (selected)
        gf_draw_outline(ui, col, ui->style->accent, gf_ui_px(ui, ui->style->outline));
    gf_rect in = gf_rect_inset(col, gf_ui_px(ui, ui->style->lane_pad));
    int chip = gf_ui_text_px(ui, GF_TEXT_SMALL) / 2, x = in.x;
    if (colour >= 0) {
        gf_draw_fill(ui, (gf_rect){in.x, in.y + chip / 2, chip, chip}, gf_style_head(ui->style, colour));
        x += 2 * chip;
    }
    int w = 0, th = 0;  /* the heading whole, in smaller letters when it must */
    gf_text_size(ui, GF_FACE_BOLD, GF_TEXT_BODY, heading, &w, &th);
    gf_text_role role = w <= in.x + in.w - x ? GF_TEXT_BODY : GF_TEXT_SMALL;
    char squeezed[256];
    if (role == GF_TEXT_SMALL) {
        /* and its parts one space apart ("ln p = −194.53" kept whole) */
        size_t n = 0;
        for (const char *p = heading; *p != '\0' && n + 1 < sizeof squeezed; p++)
            if (*p != ' ' || n == 0 || squeezed[n - 1] != ' ')
                squeezed[n++] = *p;
        squeezed[n] = '\0';
        heading = squeezed;
    }
    if (in.y + line_height(ui, GF_FACE_BOLD, role) > col.y + col.h)
        return;  /* too short for its heading: an empty box */
    gf_text_fit(ui, GF_FACE_BOLD, role, heading, in.x + in.w - x, false, cut, sizeof cut);
    gf_draw_text(ui, GF_FACE_BOLD, role, ui->style->text, x, in.y, cut, GF_ALIGN_LEFT);
    int hh = gf_ui_text_px(ui, GF_TEXT_BODY) + gf_ui_px(ui, ui->style->chip_gap) * 2;
    /* The text may use half the box's bottom padding: one more line, often. */
    gf_rect body = {in.x, in.y + hh, in.w, in.h - hh + gf_ui_px(ui, ui->style->lane_pad) / 2};
    if (note != NULL) {
        if (body.y + line_height(ui, GF_FACE_SANS, GF_TEXT_SMALL) > body.y + body.h)
            return;
        gf_text_fit(ui, GF_FACE_SANS, GF_TEXT_SMALL, note, body.w, false, cut, sizeof cut);
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->text_dim, body.x, body.y, cut,
                     GF_ALIGN_LEFT);
        return;
    }
    lane_layout l;
    draw_lane_tokens(app, body, tokens, n, mark_from, &l);
}

/* A negative number's "-" as the minus sign "−" (as the tree writes it). */
static void minus_signs(char *line, size_t size)
{
    char out[256];
    size_t n = 0;
    for (const char *p = line; *p != '\0' && n + 4 < sizeof out; p++) {
        if (p[0] == '-' && p[1] >= '0' && p[1] <= '9') {
            memcpy(out + n, "−", 3);
            n += 3;
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
    snprintf(line, size, "%s", out);
}

/* The first index where the beam's text leaves the greedy lane's, or −1. */
static int beam_parts_at(const gf_temp_lane *greedy, const gf_beam *best)
{
    int n = greedy->n_tokens < best->n_tokens ? greedy->n_tokens : best->n_tokens;
    for (int i = 0; i < n; i++)
        if (greedy->tokens[i] != best->tokens[i])
            return i;
    return -1;
}

/* The four lanes in r: three temperatures, then the best beam. */
static void draw_lanes(gf_app *app, gf_rect r, int gap)
{
    const gf_temp_state *ts = &app->temp;
    const int n_cols = GF_TEMP_LANES + 1;
    char line[256];
    for (int i = 0; i < GF_TEMP_LANES; i++) {
        const gf_temp_lane *lane = &ts->lanes[i];
        snprintf(line, sizeof line, gf_i18n(&app->text, GF_STR_TEMP_LANE), (double)lane->temperature,
                 (unsigned long long)lane->seed);
        draw_lane(app, gf_rect_column(r, i, n_cols, gap), line, i, i == ts->selected, lane->tokens,
                  lane->n_tokens, ts->diverge_at, NULL);
    }
    const gf_beam_job *bj = shown_beams(app);
    const gf_beam *best = bj != NULL && bj->has_shown && bj->shown.n_beams > 0 ? &bj->shown.beams[0]
                                                                               : NULL;
    snprintf(line, sizeof line, gf_i18n(&app->text, GF_STR_BEAM_LANE), ts->beam_width,
             best != NULL ? best->logprob : 0.0);
    minus_signs(line, sizeof line);
    const char *note = NULL;
    if (best == NULL && app->s.n_tokens > 0) {
        char *lp = strstr(line, "ln p");  /* no beam yet: the width alone */
        if (lp != NULL)
            *lp = '\0';
        note = bj != NULL ? bj->shown_error  /* "": no room left in the trace */
               : ts->beam_held ? gf_i18n(&app->text, GF_STR_BEAM_HELD)
                               : gf_i18n(&app->text, GF_STR_TEMP_COMPUTING);
    }
    draw_lane(app, gf_rect_column(r, GF_TEMP_LANES, n_cols, gap), line, -1, false,
              best != NULL ? best->tokens : NULL, best != NULL ? best->n_tokens : 0,
              best != NULL ? beam_parts_at(&ts->lanes[0], best) : -1, note);
}

/* The height of a lane's box whose tokens take tokens_h: the heading above,
 * the padding around (the tokens may use half the bottom one). */
static int lane_box_height(gf_ui *ui, int tokens_h)
{
    const int pad = gf_ui_px(ui, ui->style->lane_pad);
    return tokens_h + gf_ui_text_px(ui, GF_TEXT_BODY) + gf_ui_px(ui, ui->style->chip_gap) * 2 +
           2 * pad - pad / 2;
}

/* The height the lanes need to show their whole text in columns of r. */
static int lanes_height(gf_app *app, gf_rect r, int gap)
{
    gf_ui *ui = &app->ui;
    const int n_cols = GF_TEMP_LANES + 1;
    int w = gf_rect_column(r, 0, n_cols, gap).w - 2 * gf_ui_px(ui, ui->style->lane_pad);
    lane_layout l;
    int most = 0;
    for (int i = 0; i < GF_TEMP_LANES; i++) {
        int h = lane_tokens_height(app, w, app->temp.lanes[i].tokens, app->temp.lanes[i].n_tokens, &l);
        most = h > most ? h : most;
    }
    const gf_beam_job *bj = shown_beams(app);
    if (bj != NULL && bj->has_shown && bj->shown.n_beams > 0) {
        int h = lane_tokens_height(app, w, bj->shown.beams[0].tokens, bj->shown.beams[0].n_tokens, &l);
        most = h > most ? h : most;
    }
    return lane_box_height(ui, most);
}

/* The least height of what is below the lanes (what T does and its chart,
 * or what beam search does and its tree). */
static int below_min_height(gf_app *app, bool tree)
{
    return tree ? gf_beam_tree_min_height(app) : gf_temp_chart_min_height(app);
}

void gf_view_temperature(gf_app *app, gf_rect r)
{
    gf_ui *ui = &app->ui;
    r = gf_view_title(&app->w, r, gf_i18n(&app->text, GF_STR_TEMP_TITLE));
    gf_temp_state *ts = &app->temp;
    char line[512], cut[512];
    int gap = gf_ui_px(ui, ui->style->lane_gap);
    /* Short of room, the hint goes first, then the state line: the lanes
     * keep at least one line of tokens. The hint also gives way when that
     * leaves the chart or tree (asked for: Tab, a lesson's beams) its room. */
    const bool tree = ts->below == GF_TEMP_BELOW_TREE;
    const int lanes_least = lane_box_height(ui, chip_height(ui));
    const int state_h = gf_ui_text_px(ui, GF_TEXT_BODY) + gap / 2;
    const int hint_h = gf_ui_text_px(ui, GF_TEXT_SMALL) + gap;
    const int below_least = below_min_height(app, tree);
    const int below_room = ts->below == GF_TEMP_BELOW_NOTHING ? 0 : gap + below_least;
    const bool hint_gives_way = r.h - state_h - hint_h - lanes_least < below_room &&
                                r.h - state_h - lanes_least >= below_room;
    int y = r.y;
    if (r.h >= state_h + lanes_least) {
        state_line(app, line, sizeof line);
        gf_text_fit(ui, GF_FACE_SANS, GF_TEXT_BODY, line, r.w, false, cut, sizeof cut);
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, ui->style->accent, r.x, y, cut, GF_ALIGN_LEFT);
        y += state_h;
        if (r.h >= state_h + hint_h + lanes_least && !hint_gives_way) {
            gf_text_fit(ui, GF_FACE_SANS, GF_TEXT_SMALL, gf_i18n(&app->text, GF_STR_TEMP_HINT), r.w,
                        false, cut, sizeof cut);
            gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->text_dim, r.x, y, cut,
                         GF_ALIGN_LEFT);
            y += hint_h;
        }
    }
    r = (gf_rect){r.x, y, r.w, r.y + r.h - y};
    /* Above: the lanes, as tall as their text needs (1/4 to 2/5 of the
     * room: what T does keeps its paragraphs below; at least one line of
     * tokens, and fewer lines when that makes room for the chart or tree;
     * all of the room when nothing is below, or when too little would be
     * left for it). Below: what T does and the chart, or what beam search
     * does and its tree. */
    int lanes_h = lanes_height(app, r, gap);
    int least = r.h / 4, most = r.h * 2 / 5;
    lanes_h = lanes_h < least ? least : lanes_h > most ? most : lanes_h;
    lanes_h = lanes_h < lanes_least ? lanes_least : lanes_h;
    if (r.h - lanes_h - gap < below_least && r.h - lanes_least - gap >= below_least)
        lanes_h = r.h - gap - below_least;
    const int below_h = r.h - lanes_h - gap;
    /* Too short for the chart or tree: what T does alone, then nothing. */
    const bool side = below_h >= below_least;
    const gf_str explain = tree ? GF_STR_BEAM_EXPLAIN : GF_STR_TEMP_EXPLAIN;
    const int explain_least = explanation_least(app, explain, r.w);
    if (ts->below == GF_TEMP_BELOW_NOTHING || (!side && below_h < explain_least)) {
        draw_lanes(app, r, gap);
        return;
    }
    gf_rect lanes = {r.x, r.y, r.w, lanes_h};
    gf_rect below = {r.x, r.y + lanes_h + gap, r.w, below_h};
    if (!side) {
        draw_explanation(app, below, explain);
        draw_lanes(app, lanes, gap);
        return;
    }
    /* Beside it what T (beam search) does, when more than its heading fits. */
    int explain_w = below.w * (tree ? 1 : 2) / (tree ? 4 : 5);
    gf_rect right = below;
    if (explanation_least(app, explain, explain_w) <= below.h) {
        draw_explanation(app, (gf_rect){below.x, below.y, explain_w, below.h}, explain);
        right = (gf_rect){below.x + explain_w + gap, below.y, below.w - explain_w - gap, below.h};
    }
    if (tree) {
        const gf_beam_job *bj = shown_beams(app);
        gf_beam_tree_draw(app, right, bj != NULL && bj->has_shown ? &bj->shown : NULL,
                          ts->beam_width, &ts->tree_first);
    } else {
        gf_temp_chart_draw(app, right, ts);
    }
    draw_lanes(app, lanes, gap);
}

bool gf_input_temperature(gf_app *app, int cmd, int arg)
{
    switch ((gf_command)cmd) {
    case GF_CMD_LANES_REROLL:
        gf_temp_reroll(&app->temp);
        if (app->work != NULL && app->work->beam.shown_cut)
            gf_beam_job_forget(&app->work->beam);  /* cut short: computed again */
        return true;
    case GF_CMD_BEAM_WIDTH: gf_temp_change_beams(&app->temp, arg); return true;
    case GF_CMD_BEAM_TREE:
        app->temp.below = (gf_temp_below)((app->temp.below + 1) % GF_TEMP_BELOW_COUNT);
        return true;
    case GF_CMD_BEAM_SCROLL: gf_temp_scroll_tree(&app->temp, arg); return true;
    case GF_CMD_LANE_SELECT: app->temp.selected = arg; return true;
    case GF_CMD_LANE_ADJUST: gf_temp_adjust(&app->temp, 0.1f * (float)arg); return true;
    case GF_CMD_LANE_SEED: gf_temp_seed_open(&app->temp); return true;
    case GF_CMD_LANE_LENGTH:
        gf_temp_change_length(&app->temp, arg, app->s.capacity > 0 ? app->s.capacity
                                                                         : GF_TEMP_TOKENS_MAX);
        return true;
    default: return false;
    }
}
