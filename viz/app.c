/* app.c — opening the model, owning the state, and the session actions. */
#include "app.h"
#include "explain_panel.h"

#include "lesson_player.h"

#include "temperature.h"
#include "views.h"
#include "work.h"

#include <stdio.h>
#include <string.h>

bool gf_app_open(gf_app *app, const gf_options *opt, char *err, size_t err_size)
{
    return gf_app_start(app, opt, false, err, err_size) && gf_app_settle(app, err, err_size);
}

/* "--stage KEY: no such stage for this model (one of: tokens, embed, …)". */
static void app_stage_keys_error(const gf_stepper *st, const char *key, char *err,
                                 size_t err_size)
{
    size_t n = (size_t)snprintf(err, err_size, "--stage %s: no such stage for this model "
                                "(one of:", key);
    for (int i = 0; i < st->n_stages && n < err_size; i++)
        n += (size_t)snprintf(err + n, err_size - n, " %s,", gf_stage_get(st->stages[i])->key);
    for (int i = 0; i < GF_SCREEN_COUNT && n < err_size; i++) {
        const gf_screen_def *d = gf_screen_get((gf_screen)i);
        if (d->name != NULL)
            n += (size_t)snprintf(err + n, err_size - n, " %s,", d->name);
    }
    if (n > 0 && n < err_size && err[n - 1] == ',')
        err[n - 1] = ')';
}

bool gf_app_apply_view_options(gf_app *app, char *err, size_t err_size)
{
    const gf_options *o = &app->opt;
    const gf_config *cfg = &app->s.model.config;
    if (o->stage != NULL) {
        const gf_stage *stage = gf_stage_find(o->stage);
        const gf_screen_def *screen = gf_screen_find(o->stage);
        if (screen != NULL && screen->id == GF_SCREEN_LESSONS) {
            gf_lesson_picker_open(app);  /* reads the folder, then shows */
        } else if (screen != NULL && screen->layout == GF_LAYOUT_OVERLAY) {
            app->overlay = screen->id;
        } else if (screen != NULL) {
            app->screen = screen->id;
            if (app->screen == GF_SCREEN_ANALOGY)
                gf_analogy_enter(app);
        } else if (stage == NULL || !gf_stepper_goto(&app->st, stage->id)) {
            app_stage_keys_error(&app->st, o->stage, err, err_size);
            return false;
        }
    }
    if (o->layer >= cfg->n_layer) {
        snprintf(err, err_size, "--layer %d: the model has layers 0..%d", o->layer, cfg->n_layer - 1);
        return false;
    }
    if (o->head >= cfg->n_head) {
        snprintf(err, err_size, "--head %d: the model has heads 0..%d", o->head, cfg->n_head - 1);
        return false;
    }
    if (o->position >= app->s.n_tokens) {
        snprintf(err, err_size, "--position %d: the prompt has %d tokens", o->position,
                 app->s.n_tokens);
        return false;
    }
    gf_stepper_set_layer(&app->st, o->layer);
    gf_stepper_set_head(&app->st, o->head);
    if (o->position >= 0)
        gf_stepper_set_position(&app->st, o->position);
    if (o->explain != NULL)  /* after the layer and head it reads */
        return gf_explain_option(app, o->explain, err, err_size);
    return true;
}

/* The glyph check of token labels: the monospaced face draws labels. */
static bool app_has_glyph(void *ctx, uint32_t cp)
{
    gf_app *app = ctx;
    if (!app->has_ui)
        return true;
    TTF_Font *font = gf_fonts_get(&app->ui.fonts, GF_FACE_MONO, gf_ui_text_px(&app->ui, GF_TEXT_BODY));
    return font == NULL || TTF_GlyphIsProvided32(font, cp) != 0;
}

bool gf_app_attach(gf_app *app, SDL_Renderer *renderer, char *err, size_t err_size)
{
    app->renderer = renderer;
    if (!gf_ui_init(&app->ui, renderer, app->opt.font, err, err_size)) {
        gf_ui_free(&app->ui);
        return false;
    }
    app->has_ui = true;
    app->ui.style = &app->style;
    gf_session_set_glyph_check(&app->s, app_has_glyph, app);
    gf_app_set_fullscreen(app, app->fullscreen);
    return true;
}

void gf_app_set_palette(gf_app *app, gf_token_palette p)
{
    app->palette = p;
    gf_style_set_token_palette(&app->style, p);
}

void gf_app_set_fullscreen(gf_app *app, bool on)
{
    app->fullscreen = on;
    if (app->window != NULL &&
        SDL_SetWindowFullscreen(app->window, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) != 0) {
        snprintf(app->message, sizeof app->message, "F11: %.200s", SDL_GetError());
        app->fullscreen = false;
    }
}

bool gf_app_set_lang(gf_app *app, gf_lang lang, char *err, size_t err_size)
{
    char dir[1024];
    gf_options_text_dir(&app->opt, dir, sizeof dir);
    gf_texts next;
    if (!gf_texts_load(&next, lang, dir, err, err_size))
        return false;
    if (app->has_text)
        gf_texts_free(&app->text);
    app->text = next;
    app->has_text = true;
    return true;
}

void gf_app_free(gf_app *app)
{
    gf_app_work_free(app);  /* first: the worker reads the session */
    if (app->has_ui)
        gf_ui_free(&app->ui);
    if (app->has_display)
        gf_sampler_free(&app->display);
    if (app->has_session)
        gf_session_free(&app->s);
    if (app->has_text)
        gf_texts_free(&app->text);
    gf_analogy_free(app);
    gf_explain_free(app);
    gf_loss_curve_free(app);
    gf_lesson_player_free(app->lesson);
    app->lesson = NULL;
    gf_lesson_picker_free(app);
    app->has_ui = app->has_display = app->has_session = app->has_text = false;
}

void gf_app_tokens_changed(gf_app *app)
{
    gf_stepper_set_tokens(&app->st, app->s.n_tokens);
    app->probs.valid = false;
    app->logit_top.valid = false;
}

uint32_t gf_app_now(const gf_app *app)
{
    return app->fixed_clock ? app->clock_ms : SDL_GetTicks();
}

/* The cache entry for (t, temperature, kind), or NULL when it must be refilled
 * (then its key is already set). */
static gf_top_tokens *cached_top(gf_app *app, gf_probs_cache *pc, int t, float temperature,
                                 bool logits)
{
    const gf_sampler *s = &app->s.sampler;
    if (pc->valid && pc->generation == app->s.generation && pc->position == t &&
        pc->temperature == temperature && pc->logits == logits && pc->top_k == s->top_k &&
        pc->top_p == s->top_p)
        return &pc->top;
    pc->valid = false;
    pc->generation = app->s.generation;
    pc->position = t;
    pc->temperature = temperature;
    pc->logits = logits;
    pc->top_k = s->top_k;
    pc->top_p = s->top_p;
    pc->top.n = 0;
    pc->top.next_id = -1;
    return NULL;
}

/* The token at t + 1 when the sequence has one. */
static int32_t next_token(const gf_app *app, int t)
{
    return t >= 0 && t + 1 < app->s.n_tokens ? app->s.tokens[t + 1] : -1;
}

const gf_top_tokens *gf_app_top_tokens(gf_app *app, int t, float temperature)
{
    gf_probs_cache *pc = &app->probs;
    gf_top_tokens *top = cached_top(app, pc, t, temperature, false);
    if (top != NULL)
        return top;
    const float *logits = gf_trace_logits_row(&app->s.trace, t);
    if (logits == NULL || !app->has_display)
        return &pc->top;
    /* The display sampler draws nothing; it computes what the main one would. */
    app->display.temperature = temperature;
    app->display.top_k = app->s.sampler.top_k;
    app->display.top_p = app->s.sampler.top_p;
    gf_sampler_distribution(&app->display, logits);
    int V = app->display.vocab_size;
    gf_top_tokens_fill(&pc->top, app->display.probs, V, true);
    gf_top_tokens_mark(&pc->top, app->display.probs, logits, V, next_token(app, t));
    pc->valid = true;
    return &pc->top;
}

const gf_top_tokens *gf_app_top_logits(gf_app *app, int t)
{
    gf_probs_cache *pc = &app->logit_top;
    gf_top_tokens *top = cached_top(app, pc, t, 1.0f, true);
    if (top != NULL)
        return top;
    const float *logits = gf_trace_logits_row(&app->s.trace, t);
    if (logits == NULL)
        return &pc->top;
    int V = app->s.trace.config.vocab_size;
    gf_top_tokens_fill(&pc->top, logits, V, false);
    gf_top_tokens_mark(&pc->top, logits, logits, V, next_token(app, t));
    pc->valid = true;
    return &pc->top;
}

bool gf_app_animating(gf_app *app)
{
    if (app->flow.active)
        gf_flow_update(&app->flow, gf_app_now(app));
    return app->flow.active;
}
