/* status_line.c — the status line and the message band (see status_line.h). */
#include "status_line.h"

#include "model_languages.h"
#include "widgets.h"

#include <stdio.h>
#include <string.h>

/* gf_status_where, or without the step (stage_only): "stage 5/19". */
static void where_part(const gf_app *app, bool with_layer, bool stage_only, char *buf, size_t size)
{
    const gf_screen_def *screen = gf_screen_get(app->screen);
    if (screen->status != GF_STR_NONE) {
        snprintf(buf, size, "%s", gf_i18n(&app->text, screen->status));
        return;
    }
    const gf_stage *stage = gf_stage_get(gf_stepper_stage(&app->st));
    int n = 0, total = 0, step = gf_stepper_step(&app->st, &total);
    if (with_layer && stage != NULL && stage->per_layer)
        n = snprintf(buf, size, "%s %d  ·  ", gf_i18n(&app->text, GF_STR_STATUS_LAYER),
                     app->st.layer);
    if (n < 0 || (size_t)n >= size)
        return;
    int m = snprintf(buf + n, size - (size_t)n, "%s %d/%d  ·  ", gf_i18n(&app->text,
                     GF_STR_STATUS_STAGE), app->st.stage + 1, app->st.n_stages);
    if (m < 0 || (size_t)(n + m) >= size)
        return;
    if (stage_only) {
        buf[n + m - strlen("  ·  ")] = '\0';   /* the separator just written */
        return;
    }
    snprintf(buf + n + m, size - (size_t)(n + m), gf_i18n(&app->text, GF_STR_STATUS_STEP), step,
             total);
}

void gf_status_where(const gf_app *app, bool with_layer, char *buf, size_t size)
{
    where_part(app, with_layer, false, buf, size);
}

/* Detail levels, most first (status_line.h lists what each drops). The
 * last ones make room for the model's whole name. */
enum { LEVEL_FULL, LEVEL_NO_RANGES, LEVEL_NO_FILTERS, LEVEL_NO_TOKEN_HEAD, LEVEL_ESSENTIAL,
       LEVEL_NO_LANGUAGES, LEVEL_STAGE_ONLY, LEVEL_COUNT };
#define LEVEL_SHORTEST (LEVEL_COUNT - 1)

/* Append one part to buf (separated from what is there). */
static void add_part(char *buf, size_t size, const char *sep, const char *part)
{
    size_t n = strlen(buf);
    if (n < size)
        snprintf(buf + n, size - n, "%s%s", n > 0 ? sep : "", part);
}

/* "layer 1 (0…3)", or "layer 1" without its range. */
static void index_part(const gf_app *app, gf_str name, int value, int last, bool range, char *buf,
                       size_t size)
{
    if (range)
        snprintf(buf, size, "%s %d (0…%d)", gf_i18n(&app->text, name), value, last > 0 ? last : 0);
    else
        snprintf(buf, size, "%s %d", gf_i18n(&app->text, name), value);
}

/* The line at one level of detail, with the model named `model`. */
static void compose_level(const gf_app *app, int level, const char *model, char *buf, size_t size)
{
    const gf_stepper *st = &app->st;
    const char *sep = level == LEVEL_FULL ? "   │   " : "  │  ";
    bool range = level < LEVEL_NO_RANGES;
    char part[256];
    buf[0] = '\0';
    /* Indices are 0-based like the trace names (h.0 …); the range follows. */
    if (level < LEVEL_NO_TOKEN_HEAD) {
        index_part(app, GF_STR_STATUS_POSITION, st->position, app->s.n_tokens - 1, range, part,
                   sizeof part);
        add_part(buf, size, sep, part);
    }
    if (level < LEVEL_ESSENTIAL) {
        index_part(app, GF_STR_STATUS_LAYER, st->layer, st->n_layer - 1, range, part, sizeof part);
        add_part(buf, size, sep, part);
    }
    if (level < LEVEL_NO_TOKEN_HEAD) {
        index_part(app, GF_STR_STATUS_HEAD, st->head, st->n_head - 1, range, part, sizeof part);
        add_part(buf, size, sep, part);
    }
    where_part(app, false, level >= LEVEL_STAGE_ONLY, part, sizeof part);
    add_part(buf, size, sep, part);
    if (level < LEVEL_ESSENTIAL) {
        int n = snprintf(part, sizeof part, "%s = %.2f", gf_i18n(&app->text, GF_STR_STATUS_TEMPERATURE),
                         (double)app->temperature);
        /* The sampler's filters, when on, next to T. */
        if (level < LEVEL_NO_FILTERS && app->s.sampler.top_k > 0 && n > 0 && (size_t)n < sizeof part)
            n += snprintf(part + n, sizeof part - (size_t)n, ", top-k %d", app->s.sampler.top_k);
        if (level < LEVEL_NO_FILTERS && app->s.sampler.top_p < 1.0f && n > 0 && (size_t)n < sizeof part)
            snprintf(part + n, sizeof part - (size_t)n, ", top-p %.2f", (double)app->s.sampler.top_p);
        add_part(buf, size, sep, part);
    }
    snprintf(part, sizeof part, "%s %s", gf_i18n(&app->text, GF_STR_STATUS_MODEL), model);
    add_part(buf, size, sep, part);
    char names[128];
    if (level < LEVEL_NO_LANGUAGES &&
        gf_model_languages_named(&app->text, &app->s.model.config, names, sizeof names) > 0) {
        snprintf(part, sizeof part, gf_i18n(&app->text, GF_STR_STATUS_LANGUAGES), names);
        add_part(buf, size, sep, part);
    }
}

/* The model's name in the UI's language for the built-in and the --random
 * ones ("встроенная", "случайная gpt2"), else its own. */
static void model_name(const gf_app *app, char *buf, size_t size)
{
    if (app->opt.random != NULL)
        snprintf(buf, size, gf_i18n(&app->text, GF_STR_RANDOM_MODEL), app->opt.random);
    else if (app->opt.model == NULL)
        snprintf(buf, size, "%s", gf_i18n(&app->text, GF_STR_DEFAULT_MODEL)); /* not "default" */
    else
        snprintf(buf, size, "%s", app->model_name);
}

static int line_w(gf_app *app, const char *text)
{
    int w = 0, h = 0;
    gf_text_size(&app->ui, GF_FACE_SANS, GF_TEXT_BODY, text, &w, &h);
    return w;
}

void gf_status_compose(gf_app *app, int max_w, char *buf, size_t size)
{
    char model[160];
    model_name(app, model, sizeof model);
    for (int level = LEVEL_FULL; level < LEVEL_COUNT; level++) {
        compose_level(app, level, model, buf, size);
        if (line_w(app, buf) <= max_w)
            return;
    }
    /* Still too long: the model's name is cut to the room the rest leaves. */
    compose_level(app, LEVEL_SHORTEST, "", buf, size);
    char cut[128];
    gf_text_fit(&app->ui, GF_FACE_SANS, GF_TEXT_BODY, model, max_w - line_w(app, buf), false, cut,
                sizeof cut);
    compose_level(app, LEVEL_SHORTEST, cut, buf, size);
}

/* Whether the session's model is a --random one whose ids run past its
 * tokenizer's (gpt2's 50257 on 256 bytes): those tokens have no text and
 * show as "#17472". */
static bool random_without_text(const gf_app *app)
{
    return app->opt.random != NULL && app->has_session && app->s.model.tokenizer != NULL &&
           gf_tokenizer_vocab_size(app->s.model.tokenizer) < app->s.model.config.vocab_size;
}

/* The room the line has left of the right end's text. */
static int room_beside(gf_app *app, int width, const char *right)
{
    return width - line_w(app, right) - 4 * gf_ui_px(&app->ui, app->ui.style->pad);
}

/* The right end: for a --random model with tokens that have no text, that
 * they have none (a class sees "#17472" in the chips and the lens); else
 * the bilingual model's suggestion for a mostly Cyrillic prompt; else the
 * help key. A note takes a shorter form where the long one would leave the
 * line no room for its essentials with the model's whole name (1024×768,
 * large font); its shortest form stays only where the line's shortest level
 * (the stage alone) then keeps the whole name, else the help key takes its
 * place (1024×768, large font, zoomed in); *accent when it is a note. */
static const char *right_text(gf_app *app, int width, bool *accent)
{
    static const gf_str RANDOM_FORMS[] = {GF_STR_RANDOM_NO_TEXT, GF_STR_RANDOM_NO_TEXT_SHORT};
    static const gf_str SUGGEST_FORMS[] = {GF_STR_SUGGEST_RUSSIAN, GF_STR_SUGGEST_RUSSIAN_SHORT,
                                           GF_STR_SUGGEST_RUSSIAN_COMMAND};
    const gf_str *forms = RANDOM_FORMS;
    int n_forms = 2;
    *accent = true;
    if (!random_without_text(app)) {
        /* A lesson picks its model on purpose (lesson 01 shows the English
         * one reading a Russian phrase byte by byte): no suggestion while
         * it plays. */
        *accent = app->lesson == NULL && app->has_session &&
                  gf_model_suggest_russian(&app->s.model.config, app->s.prompt);
        if (!*accent)
            return "? / F1";
        forms = SUGGEST_FORMS;
        n_forms = 3;
    }
    char model[160], line[1024];
    model_name(app, model, sizeof model);
    compose_level(app, LEVEL_ESSENTIAL, model, line, sizeof line);
    int need = line_w(app, line);
    for (int i = 0; i < n_forms - 1; i++)
        if (need <= room_beside(app, width, gf_i18n(&app->text, forms[i])))
            return gf_i18n(&app->text, forms[i]);
    const char *last = gf_i18n(&app->text, forms[n_forms - 1]);
    compose_level(app, LEVEL_SHORTEST, model, line, sizeof line);
    if (line_w(app, line) <= room_beside(app, width, last))
        return last;
    *accent = false;
    return "? / F1";
}

int gf_status_line_text(gf_app *app, int width, char *buf, size_t size)
{
    bool accent = false;
    int room = room_beside(app, width, right_text(app, width, &accent));
    gf_status_compose(app, room, buf, size);
    return room;
}

void gf_status_draw(gf_app *app, gf_rect r)
{
    gf_ui *ui = &app->ui;
    gf_draw_fill(ui, r, ui->style->panel);
    int pad = gf_ui_px(ui, ui->style->pad);
    bool accent = false;
    const char *right = right_text(app, r.w, &accent);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, accent ? ui->style->accent : ui->style->text_dim,
                 r.x + r.w - pad, r.y + r.h / 2, right, GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
    char line[1024];
    int room = room_beside(app, r.w, right);   /* as gf_status_line_text, right chosen once */
    gf_status_compose(app, room, line, sizeof line);
    SDL_Rect clip = {r.x, r.y, room + pad, r.h};
    SDL_RenderSetClipRect(ui->renderer, &clip);
    ui->clip_may_cut = true;   /* the line's end gives way to the right text */
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, ui->style->text, r.x + pad, r.y + r.h / 2, line,
                 GF_ALIGN_MIDDLE);
    ui->clip_may_cut = false;
    SDL_RenderSetClipRect(ui->renderer, NULL);
}

const char *gf_message_text(const gf_app *app)
{
    return app->message[0] != '\0' ? app->message : NULL;
}

/* Lines a message may take; what is longer is cut (an error names its file
 * first, so the start matters). */
#define MESSAGE_LINES 3

static int message_text_w(gf_app *app, int width)
{
    return width - 2 * gf_ui_px(&app->ui, app->ui.style->pad) - gf_ui_px(&app->ui, app->ui.style->marker);
}

/* The message's size: the body size where it fits its lines, else the
 * small one (a long error in a narrow window, 1024×768 in large-font mode,
 * stays whole rather than lose its end). */
static gf_text_role message_role(gf_app *app, int text_w, const char *text, int *h)
{
    gf_ui *ui = &app->ui;
    gf_text_role role = GF_TEXT_BODY;
    for (;;) {
        *h = gf_measure_wrapped(ui, GF_FACE_SANS, role, text_w, text);
        int most = MESSAGE_LINES * (gf_ui_text_px(ui, role) * 3 / 2);
        if (*h <= most || role == GF_TEXT_SMALL) {
            *h = *h < most ? *h : most;
            return role;
        }
        role = GF_TEXT_SMALL;
    }
}

int gf_message_band_h(gf_app *app, int width)
{
    const char *text = gf_message_text(app);
    if (text == NULL)
        return 0;
    int h = 0;
    message_role(app, message_text_w(app, width), text, &h);
    return h + gf_ui_px(&app->ui, app->ui.style->pad);
}

void gf_message_draw(gf_app *app, gf_rect r)
{
    const char *text = gf_message_text(app);
    if (text == NULL || r.h <= 0)
        return;
    gf_ui *ui = &app->ui;
    gf_draw_fill(ui, r, ui->style->panel);
    int bar = gf_ui_px(ui, ui->style->marker);
    gf_draw_fill(ui, (gf_rect){r.x, r.y, bar, r.h}, ui->style->accent);
    int pad = gf_ui_px(ui, ui->style->pad);
    gf_rect in = {r.x + bar + pad, r.y + pad / 2, message_text_w(app, r.w), r.h - pad};
    int h = 0;
    gf_text_role role = message_role(app, in.w, text, &h);
    SDL_Rect clip = {in.x, in.y, in.w, in.h};
    SDL_RenderSetClipRect(ui->renderer, &clip);
    gf_draw_wrapped(ui, GF_FACE_SANS, role, ui->style->accent, in, text);
    SDL_RenderSetClipRect(ui->renderer, NULL);
}
