/* view_analogy.c — the analogy screen: word arithmetic (king − man + woman)
 * on word vectors. An expression line that has the keyboard (results update
 * as you type), the ranked words with cosine bars, a map of the words
 * (analogy_plot.c), and a panel saying what is computed.
 *
 * Layout, top to bottom: the line; what the line's state means (a hint, a
 * half-typed expression, an unknown word); which space and example; then
 * three columns: results | map | explanation. The state is analogy_lab.h. */
#include "views.h"

#include "analogy_lab.h"
#include "analogy_plot.h"
#include "analogy_presets.h"
#include "analogy_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const gf_rgba colour_error = {0xff, 0x6b, 0x6b, 0xff};
static const gf_rgba colour_bar = {0x2c, 0x4a, 0x6e, 0xff};
static const gf_rgba colour_bar_best = {0x6a, 0x55, 0x1c, 0xff};

static bool russian_ui(const gf_app *app)
{
    return app->text.lang == GF_LANG_RU;
}

static void take_keyboard(gf_app *app, bool on)
{
    app->lab->focus = on;
    if (on)
        SDL_StartTextInput();
    else
        SDL_StopTextInput();
}

void gf_analogy_enter(gf_app *app)
{
    if (app->lab == NULL) {
        app->lab = calloc(1, sizeof *app->lab);
        if (app->lab == NULL)
            return;
        char dir[1024];
        gf_options_vectors_dir(&app->opt, dir, sizeof dir);
        gf_lab_init(app->lab, dir);
        /* --analogy, else the first example in the screen's language. */
        if (app->opt.analogy != NULL)
            gf_lab_set_text(app->lab, app->opt.analogy);
        else
            gf_lab_cycle_preset(app->lab, 1, russian_ui(app));
    }
    take_keyboard(app, true);
}

void gf_analogy_free(gf_app *app)
{
    if (app->lab == NULL)
        return;
    gf_lab_free(app->lab);
    free(app->lab);
    app->lab = NULL;
}

bool gf_analogy_typing(const gf_app *app)
{
    /* The prompt line, while edited, has the keyboard before this one. */
    return app->screen == GF_SCREEN_ANALOGY && app->lab != NULL && app->lab->focus &&
           !app->editing;
}

bool gf_analogy_text(gf_app *app, const char *utf8)
{
    if (!gf_analogy_typing(app))
        return false;
    gf_analogy_lab *lab = app->lab;
    size_t n = strlen(lab->text), add = strlen(utf8);
    if (n + add + 1 > sizeof lab->text)
        return false;
    char next[GF_LAB_TEXT_MAX];
    memcpy(next, lab->text, n);
    memcpy(next + n, utf8, add + 1);
    gf_lab_set_text(lab, next);
    return true;
}

/* The line's text without its last character (or its last word). */
static void line_cut(gf_analogy_lab *lab, bool word)
{
    char next[GF_LAB_TEXT_MAX];
    snprintf(next, sizeof next, "%s", lab->text);
    size_t n = strlen(next);
    if (word) {
        while (n > 0 && next[n - 1] == ' ')
            n--;
        while (n > 0 && next[n - 1] != ' ')
            n--;
    } else {
        while (n > 0 && ((unsigned char)next[n - 1] & 0xc0) == 0x80)
            n--;
        if (n > 0)
            n--;
    }
    next[n] = '\0';
    gf_lab_set_text(lab, next);
}

/* Append the clipboard's first line, as much as fits. */
static void line_paste(gf_analogy_lab *lab)
{
    char *clip = SDL_HasClipboardText() ? SDL_GetClipboardText() : NULL;
    if (clip == NULL)
        return;
    char next[GF_LAB_TEXT_MAX];
    size_t n = (size_t)snprintf(next, sizeof next, "%s", lab->text);
    for (const char *p = clip; *p != '\0' && *p != '\n' && *p != '\r' && n + 1 < sizeof next; p++)
        next[n++] = *p == '\t' ? ' ' : *p;
    while (n > 0 && ((unsigned char)next[n - 1] & 0xc0) == 0x80)
        n--;  /* never a cut character */
    next[n] = '\0';
    SDL_free(clip);
    gf_lab_set_text(lab, next);
}

/* The line's keys while it has the keyboard (every one is the line's). */
static bool line_command(gf_app *app, gf_command cmd)
{
    gf_analogy_lab *lab = app->lab;
    switch (cmd) {
    case GF_CMD_EDIT_BACKSPACE: line_cut(lab, false); break;
    case GF_CMD_EDIT_WORD: line_cut(lab, true); break;
    case GF_CMD_EDIT_CLEAR: gf_lab_set_text(lab, ""); break;
    case GF_CMD_EDIT_PASTE: line_paste(lab); break;
    case GF_CMD_ESCAPE:
    case GF_CMD_EDIT_RUN: take_keyboard(app, false); break;  /* results are live */
    default: break;
    }
    return true;
}

bool gf_input_analogy(gf_app *app, int cmd, int arg)
{
    if (app->lab == NULL)
        return false;
    gf_analogy_lab *lab = app->lab;
    if (gf_analogy_typing(app))
        return line_command(app, (gf_command)cmd);
    const float step = 0.2f;
    switch ((gf_command)cmd) {
    case GF_CMD_ANALOGY_LINE: take_keyboard(app, true); return true;
    case GF_CMD_ANALOGY_PRESET: gf_lab_cycle_preset(lab, arg, russian_ui(app)); return true;
    case GF_CMD_ANALOGY_SOURCE:
        gf_lab_set_source(lab, lab->source == GF_LAB_WORDS ? GF_LAB_GPT : GF_LAB_WORDS,
                          &app->s.model);
        return true;
    case GF_CMD_ANALOGY_3D: lab->three_d = !lab->three_d; return true;
    case GF_CMD_ANALOGY_ORBIT:
        /* The arrows turn the 3-D map; in 2-D they do nothing here. */
        if (lab->three_d)
            gf_analogy_orbit(lab, arg == 0 ? -step : arg == 1 ? step : 0.0f,
                             arg == 2 ? -step : arg == 3 ? step : 0.0f);
        return true;
    default: return false;
    }
}

bool gf_analogy_click(gf_app *app, int x, int y)
{
    if (app->screen != GF_SCREEN_ANALOGY || app->lab == NULL)
        return false;
    gf_analogy_lab *lab = app->lab;
    gf_rect line = {lab->line_x, lab->line_y, lab->line_w, lab->line_h};
    if (!gf_rect_contains(line, x, y) || lab->focus)
        return false;
    take_keyboard(app, true);
    return true;
}

bool gf_analogy_drag(gf_app *app, int dx, int dy)
{
    if (app->screen != GF_SCREEN_ANALOGY || app->lab == NULL || !app->lab->three_d)
        return false;
    float per_px = 0.01f;
    gf_analogy_orbit(app->lab, (float)dx * per_px, (float)dy * per_px);
    return true;
}

/* The expression line: label, text (a caret while typing; a red mark under
 * the character where a half-typed expression stops), the keys' hint. */
static void draw_line(gf_app *app, gf_analogy_lab *lab, gf_rect r)
{
    gf_ui *ui = &app->ui;
    const gf_texts *tx = &app->text;
    lab->line_x = r.x, lab->line_y = r.y, lab->line_w = r.w, lab->line_h = r.h;
    gf_draw_fill(ui, r, ui->style->panel);
    bool typing = gf_analogy_typing(app);
    if (typing)
        gf_draw_outline(ui, r, ui->style->accent, gf_ui_px(ui, 2));
    int pad = gf_ui_px(ui, 12), cy = r.y + r.h / 2, x = r.x + pad;
    x += gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_BODY, ui->style->text_dim, x, cy,
                      gf_atext_get(tx, GF_AT_LINE), GF_ALIGN_MIDDLE) + pad;
    const char *hint = gf_atext_get(tx, typing ? GF_AT_LINE_TYPING : GF_AT_LINE_IDLE);
    char text[GF_LAB_TEXT_MAX + 8], shown[GF_LAB_TEXT_MAX + 16];
    snprintf(text, sizeof text, "%s%s", lab->text, typing ? "▏" : "");
    /* Measured as drawn (the caret included): one texture per keystroke. */
    int hint_w = 0, hint_h = 0, text_w = 0, text_h = 0;
    gf_text_size(ui, GF_FACE_SANS, GF_TEXT_SMALL, hint, &hint_w, &hint_h);
    gf_text_size(ui, GF_FACE_SANS, GF_TEXT_TITLE, text, &text_w, &text_h);
    /* The keys' hint only where the expression still fits beside it. */
    if (text_w + hint_w + 4 * pad > r.w - (x - r.x))
        hint_w = 0;
    else
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->text_dim, r.x + r.w - pad, cy, hint,
                     GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
    int room = r.w - (x - r.x) - hint_w - 3 * pad;
    gf_text_fit(ui, GF_FACE_SANS, GF_TEXT_TITLE, text, room, true, shown, sizeof shown);
    SDL_Rect clip = {x, r.y, room > 0 ? room : 0, r.h};
    SDL_RenderSetClipRect(ui->renderer, &clip);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_TITLE, ui->style->text, x, cy, shown, GF_ALIGN_MIDDLE);
    bool marked = lab->status == GF_LAB_SYNTAX || lab->status == GF_LAB_UNKNOWN;
    if (marked && strcmp(shown, text) == 0) {
        /* A red mark under where parsing stopped, or under the unknown word. */
        char head[GF_LAB_TEXT_MAX];
        int w0 = 0, w1 = 0, h = 0;
        snprintf(head, sizeof head, "%.*s", lab->error_at, lab->text);
        gf_text_size(ui, GF_FACE_SANS, GF_TEXT_TITLE, head, &w0, &h);
        snprintf(head, sizeof head, "%.*s", lab->error_end, lab->text);
        gf_text_size(ui, GF_FACE_SANS, GF_TEXT_TITLE, head, &w1, &h);
        int mark_w = w1 - w0 > gf_ui_px(ui, 14) ? w1 - w0 : gf_ui_px(ui, 14);
        gf_draw_fill(ui, (gf_rect){x + w0, cy + h / 2 - gf_ui_px(ui, 2), mark_w, gf_ui_px(ui, 3)},
                     colour_error);
    }
    SDL_RenderSetClipRect(ui->renderer, NULL);
}

/* What the line's state means, in one wrapped line or two. */
static void status_text(const gf_app *app, const gf_analogy_lab *lab, char *buf, size_t size)
{
    const gf_texts *tx = &app->text;
    buf[0] = '\0';
    switch (lab->status) {
    case GF_LAB_OK: break;
    case GF_LAB_EMPTY: snprintf(buf, size, "%s", gf_atext_get(tx, GF_AT_EMPTY)); break;
    case GF_LAB_SYNTAX:
        /* Where it stops is the red mark under the line. */
        if (lab->has_answer)
            snprintf(buf, size, gf_atext_get(tx, GF_AT_SYNTAX), lab->answer.text);
        else
            snprintf(buf, size, "%s", gf_atext_get(tx, GF_AT_SYNTAX_FIRST));
        break;
    case GF_LAB_UNKNOWN:
        if (lab->suggestions[0] != '\0')
            snprintf(buf, size, gf_atext_get(tx, GF_AT_UNKNOWN), lab->bad_word, lab->suggestions);
        else
            snprintf(buf, size, gf_atext_get(tx, GF_AT_UNKNOWN_NONE), lab->bad_word);
        break;
    case GF_LAB_CANCELS: snprintf(buf, size, "%s", gf_atext_get(tx, GF_AT_CANCELS)); break;
    case GF_LAB_NO_SPACE: {
        /* The space's own error, or the glossary's when the space loaded. */
        const char *why = lab->space_error[lab->source][0] != '\0'
                              ? lab->space_error[lab->source]
                              : lab->space_error[GF_LAB_WORDS];
        snprintf(buf, size, gf_atext_get(tx, GF_AT_NO_SPACE), why);
        break;
    }
    }
}

/* The space in use (and the key that switches it) and the example shown. */
static void draw_source(gf_app *app, gf_analogy_lab *lab, gf_rect r)
{
    gf_ui *ui = &app->ui;
    const gf_texts *tx = &app->text;
    const gf_vectors *v = gf_lab_space(lab);
    char line[320];
    gf_atext id = lab->source == GF_LAB_WORDS ? GF_AT_SOURCE_WORDS : GF_AT_SOURCE_GPT;
    snprintf(line, sizeof line, gf_atext_get(tx, id), v != NULL ? v->count : 0,
             v != NULL ? v->dim : 0);
    int cy = r.y + r.h / 2;
    int x = r.x + gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_BODY,
                               lab->source == GF_LAB_WORDS ? ui->style->text : ui->style->accent,
                               r.x, cy, line, GF_ALIGN_MIDDLE);
    x += gf_ui_px(ui, 16);
    /* The key's hint where it fits (help lists V too). */
    int hint_w = 0, hint_h = 0;
    gf_text_size(ui, GF_FACE_SANS, GF_TEXT_SMALL, gf_atext_get(tx, GF_AT_SWITCH), &hint_w, &hint_h);
    if (x + hint_w <= r.x + r.w)
        x += gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->text_dim, x, cy,
                          gf_atext_get(tx, GF_AT_SWITCH), GF_ALIGN_MIDDLE);
    const gf_analogy_preset *p = lab->preset >= 0 ? gf_analogy_preset_at(lab->preset) : NULL;
    /* Which example this is, while the line still holds it, where the line
     * has room for it after the rest (a narrow or zoomed window leaves it out). */
    if (p != NULL && (strcmp(lab->text, p->english) == 0 || strcmp(lab->text, p->russian) == 0)) {
        snprintf(line, sizeof line, gf_atext_get(tx, GF_AT_PRESET), lab->preset + 1,
                 gf_analogy_preset_count(), gf_atext_topic(tx, p->topic));
        int w = 0, h = 0;
        gf_text_size(ui, GF_FACE_SANS, GF_TEXT_BODY, line, &w, &h);
        if (x + gf_ui_px(ui, 16) + w <= r.x + r.w)
            gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, ui->style->text_dim, r.x + r.w, cy, line,
                         GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
    }
}

/* The width the ranked words need to stand whole in the heading size: rank,
 * the widest word, its value (draw_results' spacing). */
static int results_need_w(gf_app *app, const gf_analogy_lab *lab)
{
    gf_ui *ui = &app->ui;
    int rank_w = 0, value_w = 0, th = 0, widest = 0, gap = gf_ui_px(ui, 10);
    gf_text_size(ui, GF_FACE_MONO, GF_TEXT_BODY, "10", &rank_w, &th);
    gf_text_size(ui, GF_FACE_MONO, GF_TEXT_BODY, "0.0000", &value_w, &th);
    for (int i = 0; lab->has_answer && i < lab->answer.n_results; i++) {
        int w = 0;
        gf_text_size(ui, i == 0 ? GF_FACE_BOLD : GF_FACE_SANS, GF_TEXT_HEADING,
                     lab->answer.labels[i], &w, &th);
        widest = w > widest ? w : widest;
    }
    return rank_w + gap / 2 + widest + 2 * gap + value_w + gap;
}

/* The ranked words: rank, word, a bar as long as the cosine, its value. */
static void draw_results(gf_app *app, const gf_analogy_lab *lab, gf_rect r)
{
    gf_ui *ui = &app->ui;
    const gf_lab_answer *a = &lab->answer;
    const char *title = gf_atext_get(&app->text, GF_AT_RESULTS);
    int line = gf_ui_text_px(ui, GF_TEXT_BODY) * 3 / 2;
    gf_text_role title_role = gf_measure_wrapped(ui, GF_FACE_BOLD, GF_TEXT_BODY, r.w, title) > line
                                  ? GF_TEXT_SMALL : GF_TEXT_BODY;
    int h = gf_draw_wrapped(ui, GF_FACE_BOLD, title_role, ui->style->text, r, title);
    int top = r.y + h + gf_ui_px(ui, 8);
    int row_h = gf_ui_text_px(ui, GF_TEXT_HEADING) * 8 / 5;
    int text_h = gf_ui_text_px(ui, GF_TEXT_HEADING);
    int fit_h = (r.y + r.h - top) / GF_LAB_RESULTS;   /* all ten when they fit */
    if (fit_h < row_h)
        row_h = fit_h > text_h ? fit_h : text_h;
    int rank_w = 0, value_w = 0, th = 0;
    gf_text_size(ui, GF_FACE_MONO, GF_TEXT_BODY, "10", &rank_w, &th);
    gf_text_size(ui, GF_FACE_MONO, GF_TEXT_BODY, "0.0000", &value_w, &th);
    int gap = gf_ui_px(ui, 10);
    /* Each row's bar lies under its word, as long as the cosine (0 to 1)
     * across the row, so a long word never squeezes the bars. */
    int bar_x = r.x + rank_w + gap / 2;
    int bar_w = r.x + r.w - value_w - gap - bar_x;
    for (int i = 0; i < a->n_results && top + row_h <= r.y + r.h; i++) {
        int cy = top + row_h / 2;
        gf_rgba c = i == 0 ? ui->style->accent : ui->style->text;
        char buf[32], label[GF_WORD_MAX + 8];
        float cosine = a->cosines[i] > 0.0f ? a->cosines[i] : 0.0f;
        gf_rect bar = {bar_x, top + gf_ui_px(ui, 2), bar_w, row_h - gf_ui_px(ui, 4)};
        gf_draw_fill(ui, bar, ui->style->panel);
        bar.w = (int)(cosine * (float)bar_w);
        gf_draw_fill(ui, bar, i == 0 ? colour_bar_best : colour_bar);
        snprintf(buf, sizeof buf, "%d", i + 1);
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_BODY, ui->style->text_dim, r.x + rank_w, cy, buf,
                     GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
        snprintf(buf, sizeof buf, "%.4f", (double)a->cosines[i]);
        /* Measured in the face it is drawn in (the best word is bold). */
        gf_face face = i == 0 ? GF_FACE_BOLD : GF_FACE_SANS;
        int label_room = bar_w - 2 * gap;
        if (label_room > 0) {
            /* A word too long for the heading size (Russian words often
             * are) takes a smaller size before it is cut with "…". */
            gf_text_role role = GF_TEXT_HEADING;
            int lw = 0, lh = 0;
            gf_text_size(ui, face, role, a->labels[i], &lw, &lh);
            while (lw > label_room && role > GF_TEXT_SMALL) {
                role = (gf_text_role)(role - 1);
                gf_text_size(ui, face, role, a->labels[i], &lw, &lh);
            }
            gf_text_fit(ui, face, role, a->labels[i], label_room, false, label, sizeof label);
            gf_draw_text(ui, face, role, c, bar_x + gap, cy, label, GF_ALIGN_MIDDLE);
        }
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_BODY, c, r.x + r.w - gap / 2, cy, buf,
                     GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
        top += row_h;
    }
}

/* The panel's paragraphs below the formula. */
typedef struct {
    gf_face face;
    gf_rgba colour;
    char text[768];
    bool optional;                /* left out when the panel is too small */
} panel_par;

/* The next paragraph, its text empty. */
static panel_par *add_par(panel_par *par, int *n, gf_face face, gf_rgba colour, bool optional)
{
    panel_par *p = &par[(*n)++];
    p->face = face;
    p->colour = colour;
    p->text[0] = '\0';
    p->optional = optional;
    return p;
}

/* The sentence that reads the answer, and what the space is. */
static int panel_paragraphs(const gf_app *app, const gf_analogy_lab *lab, panel_par *par)
{
    const gf_texts *tx = &app->text;
    const gf_ui *ui = &app->ui;
    const gf_lab_answer *a = &lab->answer;
    int n = 0, ta, tb, tc;
    const char *answer = a->labels[0];
    const size_t size = sizeof par->text;
    panel_par *p;
    /* First, as it changes how to read everything else. */
    if (a->russian) {
        p = add_par(par, &n, GF_FACE_BOLD, ui->style->accent, false);
        snprintf(p->text, size, "%s", gf_atext_get(tx, gf_atext_russian_note(a->source == GF_LAB_GPT)));
    }
    if (gf_lab_parallelogram(a, &ta, &tb, &tc)) {
        const char *la = a->points[a->term_point[ta]].label,
                   *lb = a->points[a->term_point[tb]].label,
                   *lc = a->points[a->term_point[tc]].label;
        p = add_par(par, &n, GF_FACE_SANS, ui->style->text, false);
        snprintf(p->text, size, gf_atext_get(tx, GF_AT_SENTENCE), la, lb, lc, answer,
                 (double)a->cosines[0]);
        p = add_par(par, &n, GF_FACE_SANS, ui->style->text_dim, true);
        snprintf(p->text, size, gf_atext_get(tx, GF_AT_PARALLEL), lb, lc, la, answer);
    } else {
        p = add_par(par, &n, GF_FACE_SANS, ui->style->text, false);
        snprintf(p->text, size, gf_atext_get(tx, GF_AT_SENTENCE_ANY), answer,
                 (double)a->cosines[0]);
    }
    if (a->source == GF_LAB_GPT) {
        p = add_par(par, &n, GF_FACE_SANS, ui->style->accent, false);
        snprintf(p->text, size, "%s", gf_atext_get(tx, GF_AT_GPT_NOTE));
    }
    return n;
}

/* The formula, then the paragraphs in the largest size that fits. */
static void draw_panel(gf_app *app, const gf_analogy_lab *lab, gf_rect r)
{
    gf_ui *ui = &app->ui;
    const gf_texts *tx = &app->text;
    gf_draw_fill(ui, r, ui->style->panel);
    gf_rect in = gf_rect_inset(r, gf_ui_px(ui, 14));
    int gap = gf_ui_px(ui, 10), pad = gf_ui_px(ui, 8);
    int h = gf_draw_wrapped(ui, GF_FACE_BOLD, GF_TEXT_HEADING, ui->style->text, in,
                            gf_atext_get(tx, GF_AT_FORMULA_TITLE)) + gap;
    in.y += h, in.h -= h;
    const char *formula = gf_atext_get(tx, GF_AT_FORMULA);
    panel_par par[4];
    int n = lab->has_answer ? panel_paragraphs(app, lab, par) : 0;
    /* Body size when all fits; else small paragraphs; else without the
     * optional ones; else the formula small too (a lesson's band and
     * large-font mode leave the panel little height). */
    static const struct {
        gf_text_role formula, text;
        bool skip_optional;
    } ATTEMPTS[] = {
        {GF_TEXT_BODY, GF_TEXT_BODY, false},
        {GF_TEXT_BODY, GF_TEXT_SMALL, false},
        {GF_TEXT_BODY, GF_TEXT_SMALL, true},
        {GF_TEXT_SMALL, GF_TEXT_SMALL, true},
    };
    const int n_attempts = (int)(sizeof ATTEMPTS / sizeof ATTEMPTS[0]);
    int a = 0;
    for (; a < n_attempts - 1; a++) {
        int total = gf_measure_wrapped(ui, GF_FACE_MONO, ATTEMPTS[a].formula, in.w - 2 * pad,
                                       formula) + 2 * pad + gap;
        for (int i = 0; i < n; i++)
            if (!(ATTEMPTS[a].skip_optional && par[i].optional))
                total += gf_measure_wrapped(ui, par[i].face, ATTEMPTS[a].text, in.w, par[i].text) +
                         gap;
        if (total <= in.h)
            break;
    }
    int fh = gf_draw_wrapped(ui, GF_FACE_MONO, ATTEMPTS[a].formula, ui->style->accent,
                             (gf_rect){in.x + pad, in.y + pad, in.w - 2 * pad, in.h}, formula);
    gf_draw_outline(ui, (gf_rect){in.x, in.y, in.w, fh + 2 * pad}, ui->style->accent, 1);
    in.y += fh + 2 * pad + gap, in.h -= fh + 2 * pad + gap;
    for (int i = 0; i < n; i++) {
        if (ATTEMPTS[a].skip_optional && par[i].optional)
            continue;
        /* In a panel too short even then (large font, zoomed in), a
         * paragraph that would be cut is left out whole. */
        if (gf_measure_wrapped(ui, par[i].face, ATTEMPTS[a].text, in.w, par[i].text) > in.h)
            continue;
        h = gf_draw_wrapped(ui, par[i].face, ATTEMPTS[a].text, par[i].colour, in, par[i].text) + gap;
        in.y += h, in.h -= h;
    }
}

/* No answer yet: the hint in large type and the examples to try. */
static void draw_examples(gf_app *app, const gf_analogy_lab *lab, gf_rect r)
{
    gf_ui *ui = &app->ui;
    gf_rect in = gf_rect_inset(r, gf_ui_px(ui, 10));
    char line[320];
    status_text(app, lab, line, sizeof line);
    int h = gf_draw_wrapped(ui, GF_FACE_SANS, GF_TEXT_HEADING, ui->style->text, in, line);
    in.y += h + gf_ui_px(ui, 16);
    in.h -= h + gf_ui_px(ui, 16);
    int row_h = gf_ui_text_px(ui, GF_TEXT_HEADING) * 3 / 2;
    for (int i = 0; i < gf_analogy_preset_count() && in.h >= row_h; i++) {
        const gf_analogy_preset *p = gf_analogy_preset_at(i);
        snprintf(line, sizeof line, "%s", russian_ui(app) ? p->russian : p->english);
        int w = gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_HEADING, ui->style->accent, in.x, in.y, line,
                             GF_ALIGN_LEFT);
        int topic_x = in.x + w + gf_ui_px(ui, 16);
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, ui->style->text_dim, topic_x,
                     in.y + gf_ui_text_px(ui, GF_TEXT_HEADING) / 2,
                     gf_atext_topic(&app->text, p->topic), GF_ALIGN_MIDDLE);
        in.y += row_h;
        in.h -= row_h;
    }
}

void gf_view_analogy(gf_app *app, gf_rect r)
{
    gf_ui *ui = &app->ui;
    if (app->lab == NULL)
        gf_analogy_enter(app);  /* opened by a path that skipped entering */
    gf_analogy_lab *lab = app->lab;
    if (lab == NULL)
        return;
    lab->n_marks = 0;
    int gap = gf_ui_px(ui, 12);
    int line_h = gf_ui_text_px(ui, GF_TEXT_TITLE) * 9 / 5;
    draw_line(app, lab, (gf_rect){r.x, r.y, r.w, line_h});
    int y = r.y + line_h + gap / 2;
    char status[640];
    status_text(app, lab, status, sizeof status);
    /* One line for what the line's state means (smaller when long), so the
     * layout stays still while typing. */
    int body_h = gf_ui_text_px(ui, GF_TEXT_BODY) * 3 / 2;
    gf_rect msg = {r.x, y, r.w, body_h};
    gf_text_role role = gf_measure_wrapped(ui, GF_FACE_SANS, GF_TEXT_BODY, r.w, status) > body_h
                            ? GF_TEXT_SMALL : GF_TEXT_BODY;
    gf_draw_wrapped(ui, GF_FACE_SANS, role,
                    lab->status == GF_LAB_EMPTY ? ui->style->accent : colour_error, msg, status);
    y += msg.h;
    draw_source(app, lab, (gf_rect){r.x, y, r.w, body_h});
    y += body_h + gap;
    gf_rect body = {r.x, y, r.w, r.y + r.h - y};
    /* A short, wide body (a lesson's band below, large-font mode) gives the
     * panel more width, so its text needs fewer lines; the results a little
     * more too, for long (Russian) words at the large sizes. */
    bool short_wide = body.h * 3 < body.w;
    int results_w = body.w * (short_wide ? 25 : 24) / 100;
    int panel_w = body.w * (short_wide ? 39 : 29) / 100;
    gf_rect results = {body.x, body.y, results_w, body.h};
    gf_rect panel = {body.x + body.w - panel_w, body.y, panel_w, body.h};
    /* A narrow window (1024×768, large font) widens the ranked words'
     * column, up to 38 %, rather than cut them. */
    int need_w = results_need_w(app, lab);
    if (need_w > results.w)
        results.w = need_w < body.w * 38 / 100 ? need_w : body.w * 38 / 100;
    int plot_x = results.x + results.w + gap;
    gf_rect plot = {plot_x, body.y, panel.x - gap - plot_x, body.h};
    if (lab->has_answer) {
        draw_results(app, lab, results);
        gf_analogy_plot_draw(app, lab, plot);
    } else {
        draw_examples(app, lab, (gf_rect){results.x, body.y, plot.x + plot.w - results.x, body.h});
    }
    draw_panel(app, lab, panel);
}
