/* view_tokens.c — the prompt as tokens: chips with text and id, and the
 * token table of the "tokens" stage. */
#include "views.h"

#include <stdio.h>
#include <string.h>

static int chip_width(gf_app *app, int t, gf_text_role role, int pad)
{
    char id[32];
    snprintf(id, sizeof id, "%d", (int)app->s.tokens[t]);
    int tw = 0, th = 0, iw = 0, ih = 0;
    gf_text_size(&app->ui, GF_FACE_MONO, role, app->s.labels[t], &tw, &th);
    gf_text_size(&app->ui, GF_FACE_MONO, GF_TEXT_SMALL, id, &iw, &ih);
    return (tw > iw ? tw : iw) + 2 * pad;
}

/* The first chip to draw: 0 when everything up to the position fits,
 * else late enough that the position's chip is on screen (reserved: px
 * taken before the first chip). */
static int first_chip(gf_app *app, gf_rect r, int rows, gf_text_role role, int pad, int gap,
                      int reserved)
{
    int budget = rows * r.w - reserved, used = 0, pos = app->st.position;
    for (int t = 0; t <= pos && t < app->s.n_tokens; t++)
        used += chip_width(app, t, role, pad) + gap;
    if (used <= budget)
        return 0;
    used = 0;
    int t = pos;
    /* Leave a little slack for the chips wrapping early. */
    while (t >= 0 && used + chip_width(app, t, role, pad) + gap <= budget * 9 / 10)
        used += chip_width(app, t--, role, pad) + gap;
    return t + 1;
}

/* A character split over several byte-level tokens, shown under their chips:
 * a bracket from the first chip's left edge to the last one's right edge on
 * the same row, with the character centred below it. */
typedef struct {
    int first, count;          /* the run of tokens; count 0: no open bracket  */
    int seg_first, seg_last;   /* the run's tokens on this row                 */
    int x0, x1, y;             /* its first and last pixel column, its top row */
    char text[64];             /* the character(s) they make, as drawn         */
} chip_bracket;

static void bracket_draw(gf_app *app, const chip_bracket *b)
{
    if (b->count == 0)
        return;
    gf_ui *ui = &app->ui;
    int tick = gf_ui_px(ui, ui->style->bracket_tick), y = b->y + gf_ui_px(ui, ui->style->bracket_drop);
    int x0 = b->x0 + gf_ui_px(ui, ui->style->bracket_inset), x1 = b->x1 - gf_ui_px(ui, ui->style->bracket_inset);
    gf_draw_line(ui, x0, y, x1, y, app->ui.style->accent);
    gf_draw_line(ui, x0, y, x0, y - tick, app->ui.style->accent);
    gf_draw_line(ui, x1, y, x1, y - tick, app->ui.style->accent);
    /* The mono face: the one the glyph check of gf_session_display_text asks. */
    /* A run cut by the row's end: the letter with "…" on its first row, "…"
     * alone where it goes on, so one letter never reads as two. */
    char label[sizeof b->text + 8];
    bool starts = b->seg_first == b->first, ends = b->seg_last == b->first + b->count - 1;
    snprintf(label, sizeof label, "%s%s", starts ? b->text : "", ends ? "" : "\xe2\x80\xa6");
    if (!starts && ends)
        snprintf(label, sizeof label, "\xe2\x80\xa6");
    gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_BODY, app->ui.style->accent, (x0 + x1) / 2,
                 y + gf_ui_px(ui, ui->style->bracket_text_gap), label, GF_ALIGN_CENTER);
}

/* Chip t sits at chip: extend the open bracket, or close it and open t's. */
static void bracket_add(gf_app *app, chip_bracket *b, int t, gf_rect chip)
{
    int first = 0, count = 0;
    char text[32];
    bool split = gf_session_joined_run(&app->s, t, &first, &count, text, sizeof text);
    int bottom = chip.y + chip.h;
    if (split && b->count > 0 && b->first == first && b->count == count && b->y == bottom) {
        b->x1 = chip.x + chip.w - 1;
        b->seg_last = t;
        return;
    }
    bracket_draw(app, b);
    b->count = 0;
    if (split) {
        *b = (chip_bracket){first, count, t, t, chip.x, chip.x + chip.w - 1, bottom, ""};
        gf_session_display_text(&app->s, text, b->text, sizeof b->text);
    }
}

/* Whether any token from `from` on is a piece of a split character. */
static bool any_split(const gf_app *app, int from)
{
    char text[32];
    for (int t = from; t < app->s.n_tokens; t++)
        if (gf_session_joined_text(&app->s, t, text, sizeof text))
            return true;
    return false;
}

/* A marker chip (the window's "✂ 12 dropped", the chips' "+23 more"):
 * its width for text in role, padded. */
static int marker_width(gf_app *app, const char *text, gf_text_role role)
{
    int w = 0, h = 0;
    gf_text_size(&app->ui, GF_FACE_SANS, role, text, &w, &h);
    return w + 2 * gf_ui_px(&app->ui, app->ui.style->chip_pad_large);
}

static void draw_marker(gf_app *app, gf_rect chip, const char *text, gf_text_role role)
{
    gf_ui *ui = &app->ui;
    gf_draw_outline(ui, chip, ui->style->text_dim, gf_ui_px(ui, ui->style->outline_thin));
    gf_draw_text(ui, GF_FACE_SANS, role, ui->style->text_dim, chip.x + chip.w / 2,
                 chip.y + chip.h / 2, text, GF_ALIGN_CENTER | GF_ALIGN_MIDDLE);
}

/* The marker at the strip's left when the window has slid: "✂ 12 dropped"
 * (its text into buf); its width, 0 when nothing was dropped. */
static int dropped_marker(gf_app *app, char *buf, size_t size)
{
    if (app->s.n_dropped <= 0)
        return 0;
    snprintf(buf, size, gf_i18n(&app->text, GF_STR_WINDOW_DROPPED), app->s.n_dropped);
    return marker_width(app, buf, GF_TEXT_SMALL);
}

static void draw_dropped_marker(gf_app *app, gf_rect chip, const char *text)
{
    gf_ui *ui = &app->ui;
    draw_marker(app, chip, text, GF_TEXT_SMALL);
    if (gf_ui_hover(ui, chip)) {
        char tip[GF_UI_TOOLTIP_MAX];
        snprintf(tip, sizeof tip, gf_i18n(&app->text, GF_STR_WINDOW_TIP), app->s.n_dropped,
                 app->s.capacity);
        gf_ui_set_tooltip(ui, tip);
    }
}

bool gf_token_chips_fit(gf_app *app, gf_rect r, gf_text_role role)
{
    gf_ui *ui = &app->ui;
    int pad = gf_ui_px(ui, role == GF_TEXT_SMALL ? ui->style->chip_pad_small : ui->style->chip_pad_large);
    char marker[96];
    int gap = gf_ui_px(ui, ui->style->chip_gap), used = dropped_marker(app, marker, sizeof marker);
    for (int t = 0; t < app->s.n_tokens; t++)
        used += chip_width(app, t, role, pad) + gap;
    return used <= r.w;
}

/* The chips' sizes in role: padding, gap, a chip's and a row's height (a
 * row of big chips leaves room under it for the brackets of split
 * characters). */
typedef struct {
    int pad, gap, text_h, id_h, chip_h, row_h;
    bool brackets;
} chip_metrics;

static chip_metrics chips_measure(gf_app *app, gf_text_role role, bool show_position)
{
    gf_ui *ui = &app->ui;
    chip_metrics m;
    m.pad = gf_ui_px(ui, role == GF_TEXT_SMALL ? ui->style->chip_pad_small : ui->style->chip_pad_large);
    m.gap = gf_ui_px(ui, ui->style->chip_gap);
    m.text_h = gf_ui_text_px(ui, role) + gf_ui_px(ui, ui->style->chip_text_gap);
    m.id_h = gf_ui_text_px(ui, GF_TEXT_SMALL) + gf_ui_px(ui, ui->style->chip_id_gap);
    m.chip_h = m.text_h + m.id_h + (show_position ? m.id_h : 0) + 2 * m.pad;
    m.brackets = show_position && any_split(app, 0);
    m.row_h = m.chip_h + (m.brackets ? gf_ui_text_px(ui, GF_TEXT_BODY) + gf_ui_px(ui, ui->style->bracket_h) : 0);
    return m;
}

/* Whether every chip (with its position) fits in r's rows in role. */
static bool chips_all_fit(gf_app *app, gf_rect r, gf_text_role role)
{
    chip_metrics m = chips_measure(app, role, true);
    int x = r.x, y = r.y;
    for (int t = 0; t < app->s.n_tokens; t++) {
        int w = chip_width(app, t, role, m.pad);
        if (!gf_wrap_place(r, w, m.row_h, m.gap, &x, &y))
            return false;
        x += w + m.gap;
    }
    return true;
}

/* One past the last chip drawn from first on, the first one placed at
 * (x, y): every chip when all fit, else as many as fit with the "+N more"
 * marker (in marker_role) after them, so no token is left out unsaid. */
static int chips_end(gf_app *app, gf_rect r, const chip_metrics *m, gf_text_role role,
                     gf_text_role marker_role, int first, int x, int y)
{
    int n = app->s.n_tokens, end = first;
    for (int t = first; t < n; t++) {
        int w = chip_width(app, t, role, m->pad);
        if (!gf_wrap_place(r, w, m->row_h, m->gap, &x, &y))
            break;
        x += w + m->gap;
        if (t == n - 1)
            return n;
        char more[64];
        snprintf(more, sizeof more, gf_i18n(&app->text, GF_STR_CHIPS_AFTER), n - 1 - t);
        int mx = x, my = y;
        if (gf_wrap_place(r, marker_width(app, more, marker_role), m->row_h, m->gap, &mx, &my))
            end = t + 1;
    }
    return end;
}

int gf_draw_token_chips(gf_app *app, gf_rect r, gf_text_role role, bool show_position)
{
    gf_ui *ui = &app->ui;
    chip_metrics m = chips_measure(app, role, show_position);
    int pad = m.pad, gap = m.gap, text_h = m.text_h, id_h = m.id_h, chip_h = m.chip_h;
    int x = r.x, y = r.y;
    bool brackets = m.brackets;
    int row_h = m.row_h;
    int rows = (r.h + gap) / (row_h + gap);
    char marker[96];
    int marker_w = show_position ? 0 : dropped_marker(app, marker, sizeof marker);
    if (marker_w > 0) {
        draw_dropped_marker(app, (gf_rect){x, y, marker_w, chip_h}, marker);
        x += marker_w + gap;
    }
    /* Chips left out before the first one drawn (a late position) and
     * after the last one (a long prompt) are counted in markers. */
    gf_text_role marker_role = role > GF_TEXT_SMALL ? GF_TEXT_BODY : GF_TEXT_SMALL;
    /* reserved: room in the rows taken by other than chips. */
    int reserved = marker_w > 0 ? marker_w + gap : 0, n = app->s.n_tokens;
    char before[64], after[64];
    /* Not all chips fit: the position's chip must, with a "+N more" after it. */
    if (app->st.position < n - 1 && chips_end(app, r, &m, role, marker_role, 0, x, y) < n) {
        snprintf(after, sizeof after, gf_i18n(&app->text, GF_STR_CHIPS_AFTER), n - 1 - app->st.position);
        reserved += marker_width(app, after, marker_role) + gap;
    }
    int first = first_chip(app, r, rows > 0 ? rows : 1, role, pad, gap, reserved);
    if (first > 0) {
        /* The marker takes room of its own: place the chips again after it. */
        snprintf(before, sizeof before, gf_i18n(&app->text, GF_STR_CHIPS_BEFORE), first);
        first = first_chip(app, r, rows > 0 ? rows : 1, role, pad, gap,
                           reserved + marker_width(app, before, marker_role) + gap);
        snprintf(before, sizeof before, gf_i18n(&app->text, GF_STR_CHIPS_BEFORE), first);
        int before_w = marker_width(app, before, marker_role);
        draw_marker(app, (gf_rect){x, y, before_w, chip_h}, before, marker_role);
        x += before_w + gap;
    }
    int end = chips_end(app, r, &m, role, marker_role, first, x, y);
    chip_bracket bracket = {0};
    for (int t = first; t < end; t++) {
        char id[32], pos[16];
        snprintf(id, sizeof id, "%d", (int)app->s.tokens[t]);
        snprintf(pos, sizeof pos, "%d", t);
        int w = chip_width(app, t, role, pad);
        if (!gf_wrap_place(r, w, row_h, gap, &x, &y))
            break;
        gf_rect chip = {x, y, w, chip_h};
        gf_rgba c = gf_style_token(app->ui.style, t);
        gf_rgba fill = {(uint8_t)(c.r / 4), (uint8_t)(c.g / 4), (uint8_t)(c.b / 4), 0xff};
        bool generated = t >= app->s.n_prompt;
        gf_draw_fill(ui, chip, fill);
        gf_draw_outline(ui, chip, generated ? app->ui.style->text : c, gf_ui_px(ui, generated ? 2 : 1));
        int cy = y + pad;
        if (show_position) {
            gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, app->ui.style->text_dim, x + w / 2, cy, pos,
                         GF_ALIGN_CENTER);
            cy += id_h;
        }
        gf_draw_text(ui, GF_FACE_MONO, role, c, x + w / 2, cy, app->s.labels[t], GF_ALIGN_CENTER);
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, app->ui.style->text_dim, x + w / 2, cy + text_h,
                     id, GF_ALIGN_CENTER);
        if (t == app->st.position)
            gf_draw_outline(ui, gf_rect_inset(chip, -gf_ui_px(ui, ui->style->chip_ring)), app->ui.style->accent,
                            gf_ui_px(ui, ui->style->outline));
        if (brackets)
            bracket_add(app, &bracket, t, chip);
        gf_ui_add_hit(ui, chip, GF_HIT_TOKEN, t);
        if (gf_ui_hover(ui, chip)) {
            char tip[GF_UI_TOOLTIP_MAX];
            size_t n = 0;
            const char *bytes = gf_tokenizer_token_bytes(app->s.model.tokenizer, app->s.tokens[t], &n);
            int used = snprintf(tip, sizeof tip, "%s %d: %s %d, %s", gf_i18n(&app->text, GF_STR_STATUS_POSITION),
                                t, gf_i18n(&app->text, GF_STR_TOKEN_ID), (int)app->s.tokens[t],
                                gf_i18n(&app->text, GF_STR_TOKEN_BYTES));
            for (size_t i = 0; bytes != NULL && i < n && used > 0 && (size_t)used < sizeof tip - 4; i++)
                used += snprintf(tip + used, sizeof tip - (size_t)used, " %02X",
                                 (unsigned)(unsigned char)bytes[i]);
            char joined[32], shown[64];
            if (used > 0 && (size_t)used < sizeof tip && gf_session_joined_text(&app->s, t, joined, sizeof joined)) {
                gf_session_display_text(&app->s, joined, shown, sizeof shown);
                used += snprintf(tip + used, sizeof tip - (size_t)used, "  ");
                if ((size_t)used < sizeof tip)
                    snprintf(tip + used, sizeof tip - (size_t)used,
                             gf_i18n(&app->text, GF_STR_TOKEN_JOINED), shown);
            }
            gf_ui_set_tooltip(ui, tip);
        }
        x += w + gap;
    }
    bracket_draw(app, &bracket);
    if (end < n) {
        snprintf(after, sizeof after, gf_i18n(&app->text, GF_STR_CHIPS_AFTER), n - end);
        int after_w = marker_width(app, after, marker_role);
        if (gf_wrap_place(r, after_w, row_h, gap, &x, &y))
            draw_marker(app, (gf_rect){x, y, after_w, chip_h}, after, marker_role);
    }
    return y + row_h - r.y;
}

void gf_view_tokens(gf_app *app, gf_rect r)
{
    r = gf_view_title(&app->w, r, gf_i18n(&app->text, GF_STR_TOKENS_HEADING));
    if (app->s.n_tokens == 0) {
        gf_draw_text(&app->ui, GF_FACE_SANS, GF_TEXT_HEADING, app->ui.style->text_dim, r.x, r.y,
                     gf_i18n(&app->text, GF_STR_NO_TOKENS), GF_ALIGN_LEFT);
        return;
    }
    /* The title size; a smaller one where that shows every token (a long
     * prompt, such as a Russian phrase read byte by byte); else the title
     * size from the position on. */
    gf_text_role role = GF_TEXT_TITLE;
    while (role > GF_TEXT_SMALL && !chips_all_fit(app, r, role))
        role = (gf_text_role)(role - 1);
    if (!chips_all_fit(app, r, role))
        role = GF_TEXT_TITLE;
    gf_draw_token_chips(app, r, role, true);
}

gf_view gf_rows_view(const float *data, int rows, int cols, const char *name)
{
    gf_view v;
    memset(&v, 0, sizeof v);
    v.name = name;
    v.layer = v.head = -1;
    v.ndim = 2;
    v.shape[0] = rows;
    v.shape[1] = cols;
    v.stride[0] = cols;
    v.stride[1] = 1;
    v.data = data;
    return v;
}

gf_heat_spec gf_strip_of(const gf_view *v, int t, const char *id, const char *title, gf_cmap cmap)
{
    gf_heat_spec s = gf_heat_from_view(v, id, title, cmap);
    s.data = v->data + (int64_t)t * v->stride[0];
    s.rows = 1;
    s.legend = false;
    s.tip_row = t;
    s.tip_name = v->name;
    return s;
}
