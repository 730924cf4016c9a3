/* sentence.c — the text as a sentence (see sentence.h). */
#include "sentence.h"

#include "widgets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Pieces a frame lays out at most: the text's end (the band shows its last
 * lines; more than this never fits two lines). */
#define SENTENCE_MAX 512

static int32_t token_at(const gf_session *s, int i)
{
    return i < s->n_dropped_kept ? s->dropped[i] : s->tokens[i - s->n_dropped_kept];
}

/* Whether the n bytes at p are whole UTF-8 characters. */
static bool utf8_whole(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int len = p[i] < 0x80 ? 1 : (p[i] & 0xe0) == 0xc0 ? 2 : (p[i] & 0xf0) == 0xe0 ? 3
                  : (p[i] & 0xf8) == 0xf0 ? 4 : 0;
        if (len == 0 || i + (size_t)len > n)
            return false;
        for (int k = 1; k < len; k++)
            if ((p[i + (size_t)k] & 0xc0) != 0x80)
                return false;
        i += (size_t)len;
    }
    return true;
}

/* The bytes of tokens [i, i + len) into buf (NUL-terminated); false when
 * they do not fit. */
static bool join_bytes(const gf_session *s, int i, int len, char *buf, size_t size, size_t *used)
{
    *used = 0;
    for (int k = i; k < i + len; k++) {
        size_t n = 0;
        char unknown[24];
        const char *b = gf_tokenizer_token_bytes(s->model.tokenizer, token_at(s, k), &n);
        if (b == NULL) {  /* a random model's id without a vocabulary entry */
            n = (size_t)snprintf(unknown, sizeof unknown, "#%d", (int)token_at(s, k));
            b = unknown;
        }
        if (*used + n + 1 > size)
            return false;
        memcpy(buf + *used, b, n);
        *used += n;
    }
    buf[*used] = '\0';
    return true;
}

/* Tokens in the piece that starts at i: 1, or the shortest run (up to 4,
 * never across the window's start) whose bytes are whole characters. */
static int run_length(const gf_session *s, int i, int total)
{
    char buf[GF_PIECE_BYTES];
    size_t used = 0;
    int end = i < s->n_dropped_kept ? s->n_dropped_kept : total;
    for (int len = 1; len <= 4 && i + len <= end; len++)
        if (join_bytes(s, i, len, buf, sizeof buf, &used) &&
            utf8_whole((const unsigned char *)buf, used))
            return len;
    return 1;
}

int gf_sentence_pieces(const gf_session *s, int from, gf_sentence_piece *out, int max)
{
    int kept = s->n_dropped_kept, total = kept + s->n_tokens, n = 0;
    int newest = s->n_tokens > s->n_prompt ? total - 1 : -1;
    for (int i = from < 0 ? 0 : from; i < total && n < max;) {
        int len = run_length(s, i, total);
        gf_sentence_piece *p = &out[n++];
        p->first = i;
        p->count = len;
        p->position = i >= kept ? i - kept : -1;
        p->kind = i < kept ? GF_PIECE_DROPPED
                  : i - kept < s->n_prompt ? GF_PIECE_PROMPT : GF_PIECE_GENERATED;
        p->newest = newest >= i && newest < i + len;
        size_t used = 0;
        if (!join_bytes(s, i, len, p->bytes, sizeof p->bytes, &used))
            used = 0;  /* (a token is far shorter) */
        p->bytes[used] = '\0';
        p->n_bytes = (int)used;
        i += len;
    }
    return n;
}

/* One item of a laid-out band: a piece, or the marker of the window's start. */
typedef struct {
    const gf_sentence_piece *piece;  /* NULL: the marker                     */
    char shown[4 * GF_PIECE_BYTES + 16];
    gf_face face;
    gf_text_role role;
    int w, x, line;
    bool word;                        /* a word starts here                   */
} item;

typedef struct {
    gf_sentence_piece pieces[SENTENCE_MAX];
    item items[SENTENCE_MAX + 1];
    int n_items, n_lines;
} layout;

static int text_w(gf_app *app, gf_face face, gf_text_role role, const char *text)
{
    TTF_Font *font = gf_fonts_get(&app->ui.fonts, face, gf_ui_text_px(&app->ui, role));
    int w = 0, h = 0;
    if (font == NULL || text[0] == '\0' || TTF_SizeUTF8(font, text, &w, &h) != 0)
        return 0;
    return w;
}

/* The item begins a line: without its leading spaces. */
static void at_line_start(gf_app *app, item *it)
{
    size_t skip = strspn(it->shown, " ");
    if (skip == 0)
        return;
    memmove(it->shown, it->shown + skip, strlen(it->shown + skip) + 1);
    it->w = text_w(app, it->face, it->role, it->shown);
}

/* Whether the glyph is in the face the band draws with (ctx: the app). */
static bool sentence_has_glyph(void *ctx, uint32_t cp)
{
    gf_app *app = ctx;
    TTF_Font *font = gf_fonts_get(&app->ui.fonts, GF_FACE_SANS, gf_ui_text_px(&app->ui, GF_TEXT_HEADING));
    return font == NULL || TTF_GlyphIsProvided32(font, cp) != 0;
}

static void add_item(gf_app *app, layout *L, const gf_sentence_piece *p)
{
    item *it = &L->items[L->n_items++];
    memset(it, 0, sizeof *it);
    it->piece = p;
    it->role = GF_TEXT_HEADING;
    if (p == NULL) {
        snprintf(it->shown, sizeof it->shown, gf_i18n(&app->text, GF_STR_WINDOW_DROPPED),
                 app->s.n_dropped);
        it->face = GF_FACE_SANS;
        it->role = GF_TEXT_SMALL;
        it->w = text_w(app, it->face, it->role, it->shown) + 2 * gf_ui_px(&app->ui, app->ui.style->pad);
        it->word = true;
        return;
    }
    /* Escaped as the labels are; a byte 0 (which ends a C string) as \x00. */
    it->shown[0] = '\0';
    for (int at = 0; at <= p->n_bytes;) {
        size_t used = strlen(it->shown);
        gf_text_escape_missing(p->bytes + at, sentence_has_glyph, app, it->shown + used,
                               sizeof it->shown - used);
        at += (int)strlen(p->bytes + at) + 1;
        if (at <= p->n_bytes)
            snprintf(it->shown + strlen(it->shown), sizeof it->shown - strlen(it->shown), "\\x00");
    }
    it->face = p->kind == GF_PIECE_GENERATED ? GF_FACE_BOLD : GF_FACE_SANS;
    it->w = text_w(app, it->face, it->role, it->shown);
    it->word = p->bytes[0] == ' ' || p->bytes[0] == '\n' || p->bytes[0] == '\t';
}

/* Place the items into lines of `width` px, wrapping between words (a word
 * longer than a line wraps between its pieces). */
static void wrap(gf_app *app, layout *L, int width)
{
    int x = 0, line = 0, word = 0;
    for (int k = 0; k < L->n_items; k++) {
        item *it = &L->items[k];
        if (it->word || k == 0)
            word = k;
        if (x > 0 && x + it->w > width) {
            /* Move the word's earlier pieces down with it when it fits a line. */
            int from = k;
            if (word < k && L->items[word].x > 0 && L->items[word].line == line &&
                x - L->items[word].x + it->w <= width)
                from = word;
            line++;
            x = 0;
            for (int j = from; j < k; j++) {
                if (j == from)
                    at_line_start(app, &L->items[j]);
                L->items[j].line = line;
                L->items[j].x = x;
                x += L->items[j].w;
            }
            if (from == k)
                at_line_start(app, it);
        }
        it->line = line;
        it->x = x;
        x += it->w;
    }
    L->n_lines = L->n_items > 0 ? line + 1 : 1;
}

static void lay_out(gf_app *app, layout *L, int width)
{
    const gf_session *s = &app->s;
    int total = s->n_dropped_kept + s->n_tokens;
    int n = gf_sentence_pieces(s, total > SENTENCE_MAX ? total - SENTENCE_MAX : 0, L->pieces,
                               SENTENCE_MAX);
    L->n_items = 0;
    for (int i = 0; i < n; i++) {
        /* The marker stands where the window begins. */
        if (s->n_dropped > 0 && L->pieces[i].position == 0 && L->n_items < SENTENCE_MAX + 1)
            add_item(app, L, NULL);
        if (L->n_items < SENTENCE_MAX + 1)
            add_item(app, L, &L->pieces[i]);
    }
    if (s->n_dropped > 0 && s->n_tokens == 0 && L->n_items < SENTENCE_MAX + 1)
        add_item(app, L, NULL);
    wrap(app, L, width);
}

/* The label at the band's left: "Prompt" until the model has written. */
static const char *band_label(const gf_app *app)
{
    bool written = app->s.n_tokens > app->s.n_prompt || app->s.n_dropped > 0;
    return gf_i18n(&app->text, written ? GF_STR_SENTENCE : GF_STR_PROMPT);
}

/* The band's inner geometry: where the text starts and its width, with or
 * without the hint at the right. */
static void text_area(gf_app *app, int band_x, int band_w, bool hint, int *x, int *w)
{
    gf_ui *ui = &app->ui;
    int pad = gf_ui_px(ui, ui->style->pad), lw = 0, lh = 0, hw = 0, hh = 0;
    gf_text_size(ui, GF_FACE_BOLD, GF_TEXT_BODY, band_label(app), &lw, &lh);
    if (hint)
        gf_text_size(ui, GF_FACE_SANS, GF_TEXT_SMALL, gf_i18n(&app->text, GF_STR_PROMPT_HINT), &hw,
                     &hh);
    *x = band_x + pad + lw + pad;
    *w = band_x + band_w - *x - pad - (hint ? hw + 2 * pad : 0);
}

/* The layout is large: one per app would do, but the band is drawn once a
 * frame and the layout is cheap, so it lives on the heap for the call. */
static layout *layout_new(void)
{
    return calloc(1, sizeof(layout));
}

/* Lay the text out for a band of `width` px: with the hint at the right
 * when the text fits one line beside it, else without; *hint says which. */
static void lay_out_band(gf_app *app, layout *L, int band_x, int width, bool *hint, int *x, int *w)
{
    for (int with_hint = 1; with_hint >= 0; with_hint--) {
        text_area(app, band_x, width, with_hint != 0, x, w);
        lay_out(app, L, *w);
        *hint = with_hint != 0;
        if (L->n_lines == 1)
            return;
    }
}

int gf_sentence_rows(gf_app *app, int width)
{
    layout *L = layout_new();
    if (L == NULL)
        return 1;
    int x = 0, w = 0;
    bool hint = false;
    lay_out_band(app, L, 0, width, &hint, &x, &w);
    int rows = L->n_lines > 1 ? GF_SENTENCE_ROWS : 1;
    free(L);
    return rows;
}

static int line_h(gf_app *app)
{
    return gf_ui_text_px(&app->ui, GF_TEXT_HEADING) * 5 / 4;
}

int gf_sentence_band_h(gf_app *app, int rows)
{
    int h = rows * line_h(app) + gf_ui_px(&app->ui, app->ui.style->pad);
    int least = gf_ui_px(&app->ui, app->ui.style->prompt_h);
    return h > least ? h : least;
}

static void draw_item(gf_app *app, const item *it, int x, int y, int h)
{
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    gf_rect box = {x, y, it->w, h};
    if (it->piece == NULL) {  /* the window's start: "✂ 12 dropped" */
        gf_rect chip = gf_rect_inset(box, gf_ui_px(ui, st->outline));
        gf_draw_outline(ui, chip, st->text_dim, gf_ui_px(ui, st->outline_thin));
        gf_draw_text(ui, it->face, it->role, st->text_dim, x + it->w / 2, y + h / 2, it->shown,
                     GF_ALIGN_CENTER | GF_ALIGN_MIDDLE);
        if (gf_ui_hover(ui, box)) {
            char tip[GF_UI_TOOLTIP_MAX];
            snprintf(tip, sizeof tip, gf_i18n(&app->text, GF_STR_WINDOW_TIP), app->s.n_dropped,
                     app->s.capacity);
            gf_ui_set_tooltip(ui, tip);
        }
        return;
    }
    const gf_sentence_piece *p = it->piece;
    gf_rgba ink = p->kind == GF_PIECE_DROPPED ? st->text_dim
                  : p->kind == GF_PIECE_GENERATED ? st->accent : st->text;
    if (p->newest) {  /* the newest token: on a bright box, read from afar */
        size_t lead = strspn(it->shown, " ");
        char spaces[GF_PIECE_BYTES];
        snprintf(spaces, sizeof spaces, "%.*s", (int)lead, it->shown);
        int sw = text_w(app, it->face, it->role, spaces);
        gf_draw_fill(ui, (gf_rect){x + sw, y, it->w - sw, h}, st->accent);
        ink = st->ink_on_light;
    }
    if (p->position == app->st.position && p->kind != GF_PIECE_DROPPED) {
        int t = gf_ui_px(ui, st->outline);
        gf_draw_fill(ui, (gf_rect){x, y + h - t, it->w, t}, p->newest ? st->ink_on_light : ink);
    }
    gf_draw_text(ui, it->face, it->role, ink, x, y + h / 2, it->shown, GF_ALIGN_MIDDLE);
    if (p->position >= 0)
        gf_ui_add_hit(ui, box, GF_HIT_TOKEN, p->position);
}

void gf_draw_sentence(gf_app *app, gf_rect r)
{
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    gf_draw_fill(ui, r, st->panel);
    gf_ui_add_hit(ui, r, GF_HIT_PROMPT, 0);
    layout *L = layout_new();
    if (L == NULL)
        return;
    int pad = gf_ui_px(ui, st->pad), lh = line_h(app);
    int rows = (r.h - pad) / lh > 1 ? (r.h - pad) / lh : 1;
    int x0 = 0, w = 0;
    bool hint = false;
    lay_out_band(app, L, r.x, r.w, &hint, &x0, &w);
    int top = r.y + (r.h - rows * lh) / 2;
    gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_BODY, st->text_dim, r.x + pad, top + lh / 2,
                 band_label(app), GF_ALIGN_MIDDLE);
    if (hint)
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, st->text_dim, r.x + r.w - pad, top + lh / 2,
                     gf_i18n(&app->text, GF_STR_PROMPT_HINT), GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
    /* The last lines: the newest token is on the last. */
    int first_line = L->n_lines > rows ? L->n_lines - rows : 0;
    SDL_Rect clip = {x0, r.y, w > 0 ? w : 0, r.h};
    SDL_RenderSetClipRect(ui->renderer, &clip);
    for (int k = 0; k < L->n_items; k++) {
        const item *it = &L->items[k];
        if (it->line >= first_line)
            draw_item(app, it, x0 + it->x, top + (it->line - first_line) * lh, lh);
    }
    SDL_RenderSetClipRect(ui->renderer, NULL);
    free(L);
}
