/* ui.c — drawing primitives, cached text, legends, hits and the tooltip. */
#include "ui.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static SDL_Texture *make_legend(SDL_Renderer *r, gf_cmap map)
{
    enum { N = 256 };
    uint32_t px[N];
    for (int i = 0; i < N; i++) {
        gf_rgba c = gf_cmap_sample(map, 1.0f - (float)i / (float)(N - 1));  /* top = 1 */
        px[i] = 0xff000000u | ((uint32_t)c.r << 16) | ((uint32_t)c.g << 8) | c.b;
    }
    SDL_Texture *t = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, 1, N);
    if (t != NULL) {
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);  /* opaque: copied, not blended */
        SDL_UpdateTexture(t, NULL, px, (int)sizeof(uint32_t));
    }
    return t;
}

bool gf_ui_init(gf_ui *ui, SDL_Renderer *renderer, const char *font_override, char *err,
                size_t err_size)
{
    memset(ui, 0, sizeof *ui);
    ui->renderer = renderer;
    ui->style = gf_style_default();
    ui->scale = 1.0f;
    ui->mouse_x = ui->mouse_y = -1;
    if (!gf_fonts_init(&ui->fonts, font_override, err, err_size)) {
        gf_fonts_free(&ui->fonts);
        return false;
    }
    ui->has_fonts = true;
    gf_text_cache_init(&ui->text, renderer, &ui->fonts);
    gf_heat_cache_init(&ui->heat_cache, renderer);
    for (int m = 0; m < GF_CMAP_COUNT; m++) {
        ui->legend[m] = make_legend(renderer, (gf_cmap)m);
        if (ui->legend[m] == NULL) {
            snprintf(err, err_size, "cannot create a texture: %s", SDL_GetError());
            return false;
        }
    }
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    return true;
}

void gf_ui_free(gf_ui *ui)
{
    for (int m = 0; m < GF_CMAP_COUNT; m++)
        if (ui->legend[m] != NULL)
            SDL_DestroyTexture(ui->legend[m]);
    gf_text_cache_free(&ui->text);
    gf_heat_cache_free(&ui->heat_cache);
    if (ui->has_fonts)
        gf_fonts_free(&ui->fonts);
    memset(ui, 0, sizeof *ui);
}

void gf_ui_begin(gf_ui *ui, int width, int height, float scale)
{
    ui->width = width;
    ui->height = height;
    ui->scale = scale > 0.1f ? scale : 0.1f;
    ui->tooltip[0] = '\0';
    ui->n_heat = 0;
    ui->n_hits = 0;
    ui->n_text = 0;
    ui->n_cuts = 0;
    ui->text_paused = false;
    ui->clip_may_cut = false;
    gf_rgba bg = ui->style->background;
    SDL_SetRenderDrawColor(ui->renderer, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(ui->renderer);
}

int gf_ui_px(const gf_ui *ui, float units)
{
    return (int)lroundf(units * ui->scale);
}

int gf_ui_text_px(const gf_ui *ui, gf_text_role role)
{
    return gf_ui_px(ui, ui->large_text ? ui->style->text_size_large[role]
                                       : ui->style->text_size[role]);
}

bool gf_rect_contains(gf_rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

gf_rect gf_rect_inset(gf_rect r, int d)
{
    gf_rect o = {r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d};
    if (o.w < 0)
        o.w = 0;
    if (o.h < 0)
        o.h = 0;
    return o;
}

bool gf_ui_hover(const gf_ui *ui, gf_rect r)
{
    return gf_rect_contains(r, ui->mouse_x, ui->mouse_y);
}

void gf_draw_fill(gf_ui *ui, gf_rect r, gf_rgba c)
{
    /* An opaque fill needs no blending: the software renderer then fills
     * rows directly instead of blending every pixel (a frame's big panels). */
    SDL_SetRenderDrawBlendMode(ui->renderer, c.a == 0xff ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(ui->renderer, c.r, c.g, c.b, c.a);
    SDL_Rect sr = {r.x, r.y, r.w, r.h};
    SDL_RenderFillRect(ui->renderer, &sr);
    SDL_SetRenderDrawBlendMode(ui->renderer, SDL_BLENDMODE_BLEND);
}

void gf_draw_outline(gf_ui *ui, gf_rect r, gf_rgba c, int t)
{
    if (t < 1)
        t = 1;
    gf_draw_fill(ui, (gf_rect){r.x, r.y, r.w, t}, c);
    gf_draw_fill(ui, (gf_rect){r.x, r.y + r.h - t, r.w, t}, c);
    gf_draw_fill(ui, (gf_rect){r.x, r.y, t, r.h}, c);
    gf_draw_fill(ui, (gf_rect){r.x + r.w - t, r.y, t, r.h}, c);
}

void gf_draw_line(gf_ui *ui, int x0, int y0, int x1, int y1, gf_rgba c)
{
    SDL_SetRenderDrawColor(ui->renderer, c.r, c.g, c.b, c.a);
    SDL_RenderDrawLine(ui->renderer, x0, y0, x1, y1);
}

void gf_ui_note_text(gf_ui *ui, gf_rect r, bool turned, const char *text)
{
    if (!ui->record_text || ui->text_paused || ui->n_text >= GF_UI_MAX_TEXT)
        return;
    /* Without a clip rect, text past the window's edge is recorded as such
     * (the layout test looks for it). */
    SDL_Rect clip = {-(1 << 20), -(1 << 20), 1 << 21, 1 << 21};
    if (SDL_RenderIsClipEnabled(ui->renderer))
        SDL_RenderGetClipRect(ui->renderer, &clip);
    int x0 = r.x > clip.x ? r.x : clip.x, y0 = r.y > clip.y ? r.y : clip.y;
    int x1 = r.x + r.w < clip.x + clip.w ? r.x + r.w : clip.x + clip.w;
    int y1 = r.y + r.h < clip.y + clip.h ? r.y + r.h : clip.y + clip.h;
    /* Cut by the clip rect: more than 2 px of its width, or more than the
     * fifth of its height that a line's ink leaves empty (turned: the
     * other way round). */
    int lost_w = r.w - (x1 > x0 ? x1 - x0 : 0), lost_h = r.h - (y1 > y0 ? y1 - y0 : 0);
    int slack_w = turned ? r.w / 5 : 2, slack_h = turned ? 2 : r.h / 5;
    if ((lost_w > slack_w || lost_h > slack_h) && !ui->clip_may_cut &&
        SDL_RenderIsClipEnabled(ui->renderer))
        gf_ui_note_cut(ui, (gf_rect){clip.x, clip.y, clip.w, clip.h}, text);
    if (x1 > x0 && y1 > y0) {
        gf_ui_text_rect *t = &ui->text_rects[ui->n_text++];
        t->r = (gf_rect){x0, y0, x1 - x0, y1 - y0};
        t->turned = turned;
        t->heat_before = ui->n_heat;
        snprintf(t->text, sizeof t->text, "%s", text);
    }
}

void gf_ui_note_cut(gf_ui *ui, gf_rect box, const char *text)
{
    if (!ui->record_text || ui->text_paused)
        return;
    if (ui->n_cuts < GF_UI_MAX_CUTS) {
        gf_ui_cut *c = &ui->cuts[ui->n_cuts];
        c->box = box;
        snprintf(c->text, sizeof c->text, "%s", text);
    }
    ui->n_cuts++;
}

int gf_draw_text(gf_ui *ui, gf_face face, gf_text_role role, gf_rgba c, int x, int y,
                 const char *text, int align)
{
    const gf_text_entry *e = gf_text_cache_get(&ui->text, text, face, gf_ui_text_px(ui, role), c);
    if (e == NULL || e->texture == NULL)
        return 0;
    int h_align = align & 3;
    if (h_align == GF_ALIGN_CENTER)
        x -= e->w / 2;
    else if (h_align == GF_ALIGN_RIGHT)
        x -= e->w;
    if (align & GF_ALIGN_MIDDLE)
        y -= e->h / 2;
    SDL_Rect dst = {x, y, e->w, e->h};
    SDL_RenderCopy(ui->renderer, e->texture, NULL, &dst);
    gf_ui_note_text(ui, (gf_rect){x, y, e->w, e->h}, false, text);
    return e->w;
}

/* The cut keeping about n bytes of text (len bytes): the first n cut back to
 * a character start, or the last n moved forward to one. */
static size_t fit_cut(const char *text, size_t len, size_t n, bool keep_end)
{
    size_t cut = keep_end ? len - n : n;
    while (cut > 0 && cut < len && ((unsigned char)text[cut] & 0xc0) == 0x80)
        cut = keep_end ? cut + 1 : cut - 1;
    return cut;
}

/* Width in pixels of text cut at cut, with the ellipsis on the cut side
 * (the string is left in buf). */
static int fit_width(TTF_Font *font, const char *text, size_t cut, bool keep_end, char *buf,
                     size_t size)
{
    if (keep_end)
        snprintf(buf, size, "\xe2\x80\xa6%s", text + cut);
    else
        snprintf(buf, size, "%.*s\xe2\x80\xa6", (int)cut, text);
    int w = 0, h = 0;
    return TTF_SizeUTF8(font, buf, &w, &h) == 0 ? w : 0;
}

void gf_text_fit(gf_ui *ui, gf_face face, gf_text_role role, const char *text, int max_w,
                 bool keep_end, char *out, size_t size)
{
    snprintf(out, size, "%s", text);
    TTF_Font *font = gf_fonts_get(&ui->fonts, face, gf_ui_text_px(ui, role));
    int w = 0, h = 0;
    if (font == NULL || TTF_SizeUTF8(font, out, &w, &h) != 0 || w <= max_w)
        return;
    /* The most bytes kept that still fit (width grows with the bytes kept). */
    size_t len = strlen(text), lo = 0, hi = len;
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        if (fit_width(font, text, fit_cut(text, len, mid, keep_end), keep_end, out, size) <= max_w)
            lo = mid;
        else
            hi = mid - 1;
    }
    fit_width(font, text, fit_cut(text, len, lo, keep_end), keep_end, out, size);
}

void gf_text_size(gf_ui *ui, gf_face face, gf_text_role role, const char *text, int *w, int *h)
{
    const gf_text_entry *e = gf_text_cache_get(&ui->text, text, face, gf_ui_text_px(ui, role),
                                               ui->style->text);
    *w = e != NULL ? e->w : 0;
    *h = e != NULL && e->h > 0 ? e->h : gf_ui_text_px(ui, role);
}

/* Lay text out word by word inside r; draws it when draw is set. Returns the
 * height used. */
/* The ')' closing the short group that opens at p ("(j ≤ i)", "(7 × 7)"),
 * so that wrapping keeps it on one line; NULL when the group is long or
 * nested (a long formula must still wrap inside its brackets). */
static const char *short_group_end(const char *p)
{
    enum { SHORT_GROUP_BYTES = 24 };
    for (int i = 1; i < SHORT_GROUP_BYTES && p[i] != '\0' && p[i] != '\n'; i++) {
        if (p[i] == '(')
            return NULL;
        if (p[i] == ')')
            return p + i;
    }
    return NULL;
}

/* Whether s[0..n) is an operator ("+", "−", "=", "·" …). */
static bool is_operator(const char *s, size_t n)
{
    static const char *const ops[] = {"+", "-", "*", "/", "=", "<", ">", "−", "·", "×", "⊙",
                                      "→", "←", "≤", "≥", "≈"};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strlen(ops[i]) == n && memcmp(s, ops[i], n) == 0)
            return true;
    return false;
}

/* Where line[0..end) starts its last word when that word is a lone
 * operator after a space: a formula broken there moves the operator to the
 * next line, before its operand (else end). */
static size_t before_lone_operator(const char *line, size_t end)
{
    size_t start = end;
    while (start > 0 && line[start - 1] != ' ')
        start--;
    if (start < 2 || start == end || !is_operator(line + start, end - start))
        return end;
    return start - 1;
}

static int wrap_text(gf_ui *ui, gf_face face, gf_text_role role, gf_rgba c, gf_rect r,
                     const char *text, bool draw)
{
    TTF_Font *font = gf_fonts_get(&ui->fonts, face, gf_ui_text_px(ui, role));
    if (font == NULL)
        return 0;
    int line_h = TTF_FontLineSkip(font);
    char line[1024];
    int y = r.y;
    const char *p = text;
    while (*p != '\0' && y + line_h <= r.y + r.h + line_h / 2) {
        size_t used = 0, fit = 0;
        const char *q = p, *line_start = p;
        /* Grow the line word by word while it fits. */
        while (*q != '\0' && *q != '\n') {
            const char *w_end = q;
            while (*w_end == ' ')
                w_end++;
            const char *word = w_end;
            for (;;) {
                while (*w_end != '\0' && *w_end != ' ' && *w_end != '\n') {
                    /* Formulas (set in the mono face) keep short groups whole. */
                    const char *close = *w_end == '(' && face == GF_FACE_MONO
                                            ? short_group_end(w_end)
                                            : NULL;
                    w_end = close != NULL ? close + 1 : w_end + 1;
                }
                /* A case of a piecewise formula, a term and its condition
                 * one space after it ("0 (j ≤ i)"), is one word. */
                if (face != GF_FACE_MONO || w_end == word || w_end[0] != ' ' || w_end[1] != '(' ||
                    short_group_end(w_end + 1) == NULL)
                    break;
                w_end++;
            }
            size_t add = (size_t)(w_end - q);
            if (used + add >= sizeof line)
                break;
            memcpy(line + used, q, add);
            line[used + add] = '\0';
            int tw = 0, th = 0;
            TTF_SizeUTF8(font, line, &tw, &th);
            /* (A line holding only an operator takes its next term,
             * too wide for a line, and breaks that.) */
            bool lone_op = face == GF_FACE_MONO && is_operator(line, fit);
            if (tw > r.w && fit > 0 && !lone_op) {
                /* A formula's line does not end in its operator: it goes
                 * to the next line with its operand, when they fit there. */
                size_t op = face == GF_FACE_MONO ? before_lone_operator(line, fit) : fit;
                int ow = 0, oh = 0;
                if (op < fit && strspn(line, " ") < op &&
                    TTF_SizeUTF8(font, line + op + 1, &ow, &oh) == 0 && ow <= r.w) {
                    fit = op;
                    q = p + op;
                }
                break;
            }
            if (tw > r.w) {
                /* One word wider than the box (a long formula term): break
                 * it after the most characters that fit, at least one; at
                 * a space inside it (a group kept whole) when one fits, so
                 * no lone "," or ")" starts the next line. */
                size_t cut = used + add;
                do {
                    cut--;
                    while (cut > 1 && ((unsigned char)line[cut] & 0xc0) == 0x80)
                        cut--;
                    line[cut] = '\0';
                    TTF_SizeUTF8(font, line, &tw, &th);
                } while (cut > 1 && tw > r.w);
                size_t space = cut;
                while (space > 1 && line[space] != ' ')
                    space--;
                if (line[space] == ' ')
                    cut = before_lone_operator(line, space);
                used = fit = cut;
                q = p + cut;
                break;
            }
            used += add;
            fit = used;
            q = w_end;
        }
        line[fit] = '\0';
        const char *start = line;
        while (*start == ' ')
            start++;
        if (draw)
            gf_draw_text(ui, face, role, c, r.x, y, start, GF_ALIGN_LEFT);
        y += line_h;
        p = q;
        if (*p == '\n')
            p++;
        while (*p == ' ')
            p++;
        if (p == line_start)
            break;  /* a single word wider than the box and the buffer */
    }
    if (draw && *p != '\0')
        gf_ui_note_cut(ui, r, p);  /* lines the box had no room for */
    return y - r.y;
}

int gf_draw_wrapped(gf_ui *ui, gf_face face, gf_text_role role, gf_rgba c, gf_rect r,
                    const char *text)
{
    return wrap_text(ui, face, role, c, r, text, true);
}

int gf_measure_wrapped(gf_ui *ui, gf_face face, gf_text_role role, int width, const char *text)
{
    return wrap_text(ui, face, role, ui->style->text, (gf_rect){0, 0, width, 1 << 20}, text, false);
}

/* text with its groups marked for wrapping at width (out: size bytes).
 * Groups are separated by two or more spaces; inside a group that fits
 * the width, single spaces become no-break spaces (U+00A0), so the wrap
 * happens between groups. */
static void mark_groups(gf_ui *ui, gf_face face, gf_text_role role, int width, const char *text,
                        char *out, size_t size)
{
    TTF_Font *font = gf_fonts_get(&ui->fonts, face, gf_ui_text_px(ui, role));
    char group[512];
    size_t used = 0;
    const char *p = text;
    while (*p != '\0' && used + 1 < size) {
        const char *end = strstr(p, "  ");
        size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
        if (n >= sizeof group)
            n = sizeof group - 1;
        memcpy(group, p, n);
        group[n] = '\0';
        int w = 0, h = 0;
        bool keep = font != NULL && TTF_SizeUTF8(font, group, &w, &h) == 0 && w <= width;
        while (!keep && used > 0 && out[used - 1] == ' ')
            used--;
        if (!keep && used > 0 && out[used - 1] != '\n' && used + 1 < size)
            out[used++] = '\n';  /* a group too wide for a line starts a new one */
        for (size_t i = 0; i < n && used + 3 < size; i++) {
            if (keep && group[i] == ' ') {
                out[used++] = (char)0xc2;
                out[used++] = (char)0xa0;
            } else {
                out[used++] = group[i];
            }
        }
        p += n;
        for (; *p == ' '; p++)
            if (used + 2 < size)
                out[used++] = ' ';
        if (!keep && *p != '\0' && used + 1 < size) {
            while (used > 0 && out[used - 1] == ' ')
                used--;
            out[used++] = '\n';  /* and the next group starts after it */
        }
    }
    out[used] = '\0';
}

int gf_draw_wrapped_groups(gf_ui *ui, gf_face face, gf_text_role role, gf_rgba c, gf_rect r,
                           const char *text)
{
    char out[1024];
    mark_groups(ui, face, role, r.w, text, out, sizeof out);
    return gf_draw_wrapped(ui, face, role, c, r, out);
}

int gf_measure_wrapped_groups(gf_ui *ui, gf_face face, gf_text_role role, int width,
                              const char *text)
{
    char out[1024];
    mark_groups(ui, face, role, width, text, out, sizeof out);
    return gf_measure_wrapped(ui, face, role, width, out);
}


void gf_format_value(float v, char *buf, size_t size)
{
    if (isinf(v))
        snprintf(buf, size, "%s∞", v < 0 ? "−" : "+");
    else if (isnan(v))
        snprintf(buf, size, "NaN");
    else if (v == 0.0f)
        snprintf(buf, size, "0.000");   /* never "-0.000" (ReLU of a negative) */
    else if (fabsf(v) >= 0.01f)
        snprintf(buf, size, "%.3f", (double)v);
    else
        snprintf(buf, size, "%.3g", (double)v);
}

void gf_format_probability(float p, const char *sign, char *buf, size_t size)
{
    const double percent = (double)(p * 100.0f);
    if (p > 0.0f && p < 0.001f)
        snprintf(buf, size, "%#.2g%s", percent, sign);
    else
        snprintf(buf, size, "%.1f%s", percent, sign);
}

void gf_draw_legend(gf_ui *ui, gf_rect r, gf_cmap map, float lo, float hi, bool with_mask,
                    const char *mask_label)
{
    int bar_w = gf_ui_px(ui, ui->style->legend_bar_w);
    int small_h = gf_ui_text_px(ui, GF_TEXT_SMALL);
    gf_rect bar = {r.x, r.y + small_h / 2, bar_w, r.h - small_h};
    /* The mask's line wraps inside the legend's width (never into the next
     * view); the bar leaves room for the swatch and it. */
    int label_h = with_mask ? gf_measure_wrapped(ui, GF_FACE_SANS, GF_TEXT_SMALL, r.w, mask_label) : 0;
    if (with_mask)
        bar.h -= small_h + small_h * 3 / 2 + 2 + label_h;
    if (bar.h < small_h)   /* (its two values would run into each other) */
        return;
    SDL_Rect dst = {bar.x, bar.y, bar.w, bar.h};
    SDL_RenderCopy(ui->renderer, ui->legend[map], NULL, &dst);
    gf_draw_outline(ui, bar, ui->style->text_dim, 1);
    float top = hi, bottom = lo;
    if (map == GF_CMAP_DIVERGING) {
        float m = fmaxf(fabsf(lo), fabsf(hi));
        top = m;
        bottom = -m;
    }
    char buf[32];
    int tx = bar.x + bar.w + gf_ui_px(ui, ui->style->legend_text_gap);
    gf_format_value(top, buf, sizeof buf);
    gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, ui->style->text_dim, tx, bar.y, buf, GF_ALIGN_MIDDLE);
    /* The bottom value where it clears the top one (a very short bar: the
     * top alone; hovering tells any cell's value). */
    int text_w = 0, text_h = 0;
    gf_format_value(bottom, buf, sizeof buf);
    gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, buf, &text_w, &text_h);
    if (bar.h >= text_h)
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, ui->style->text_dim, tx, bar.y + bar.h, buf,
                     GF_ALIGN_MIDDLE);
    if (map == GF_CMAP_DIVERGING && bar.h >= 3 * small_h)   /* room for the middle "0" */
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, ui->style->text_dim, tx, bar.y + bar.h / 2,
                     "0", GF_ALIGN_MIDDLE);
    if (with_mask) {
        gf_rect sw = {bar.x, bar.y + bar.h + small_h, bar_w, small_h * 3 / 2};
        gf_draw_fill(ui, sw, ui->style->mask);
        gf_draw_outline(ui, sw, ui->style->text_dim, 1);
        gf_draw_wrapped(ui, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->text,
                        (gf_rect){bar.x, sw.y + sw.h + 2, r.w, label_h}, mask_label);
    }
}

void gf_ui_set_tooltip(gf_ui *ui, const char *text)
{
    snprintf(ui->tooltip, sizeof ui->tooltip, "%s", text);
}

void gf_ui_add_hit(gf_ui *ui, gf_rect r, int kind, int index)
{
    if (ui->n_hits < GF_UI_MAX_HITS)
        ui->hits[ui->n_hits++] = (gf_ui_hit){r, kind, index, -1};
}

int gf_ui_hit_at(const gf_ui *ui, int x, int y, int kind)
{
    for (int i = ui->n_hits - 1; i >= 0; i--)
        if (ui->hits[i].kind == kind && gf_rect_contains(ui->hits[i].rect, x, y))
            return ui->hits[i].index;
    return -1;
}

gf_ui_heat_record *gf_ui_add_heat(gf_ui *ui, const char *id, gf_rect cells, int rows, int cols,
                                  int head)
{
    if (ui->n_heat >= GF_UI_MAX_HEAT)
        return NULL;
    gf_ui_heat_record *h = &ui->heat[ui->n_heat++];
    snprintf(h->id, sizeof h->id, "%s", id);
    h->cells = cells;
    h->rows = rows;
    h->cols = cols;
    h->row0 = h->col0 = 0;
    h->head = head;
    h->source[0] = '\0';
    h->source_row = -1;
    return h;
}

const gf_ui_heat_record *gf_ui_find_heat(const gf_ui *ui, const char *id)
{
    for (int i = 0; i < ui->n_heat; i++)
        if (strcmp(ui->heat[i].id, id) == 0)
            return &ui->heat[i];
    return NULL;
}

void gf_ui_draw_tooltip(gf_ui *ui)
{
    if (ui->tooltip[0] == '\0' || ui->mouse_x < 0)
        return;
    int w = 0, h = 0;
    gf_text_size(ui, GF_FACE_MONO, GF_TEXT_BODY, ui->tooltip, &w, &h);
    int pad = gf_ui_px(ui, ui->style->tooltip_pad);
    gf_rect box = {ui->mouse_x + gf_ui_px(ui, ui->style->tooltip_offset),
                   ui->mouse_y + gf_ui_px(ui, ui->style->tooltip_offset), w + 2 * pad,
                   h + 2 * pad};
    if (box.x + box.w > ui->width)
        box.x = ui->mouse_x - box.w - gf_ui_px(ui, ui->style->tooltip_margin);
    if (box.y + box.h > ui->height)
        box.y = ui->mouse_y - box.h - gf_ui_px(ui, ui->style->tooltip_margin);
    if (box.x < 0)
        box.x = 0;
    if (box.y < 0)
        box.y = 0;
    gf_draw_fill(ui, box, ui->style->tooltip);
    gf_draw_outline(ui, box, ui->style->accent, gf_ui_px(ui, ui->style->outline_thin));
    gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_BODY, ui->style->text, box.x + pad, box.y + pad,
                 ui->tooltip, GF_ALIGN_LEFT);
}
