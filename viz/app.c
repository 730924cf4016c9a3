/* app.c — opening the model, owning the state, and the session actions. */
#include "app.h"

#include "temperature.h"
#include "views.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char *const default_prompt[GF_LANG_COUNT] = {
    [GF_LANG_EN] = "The cat sat on the",
    [GF_LANG_RU] = "Кот сидел на",
};

/* A small shape for demos and tests: byte-level vocabulary, 2 layers. */
static void tiny_config(gf_config *cfg)
{
    gf_config_default(cfg);
    cfg->vocab_size = 257;
    cfg->n_ctx = 128;
    cfg->n_embd = 64;
    cfg->n_layer = 2;
    cfg->n_head = 4;
    cfg->n_inner = 256;
}

static bool load_model(const gf_options *opt, gf_model *m, char *name, size_t name_size,
                       gf_lang lang, char *err, size_t err_size)
{
    gf_error e;
    gf_error_clear(&e);
    if (opt->random != NULL) {
        gf_config cfg;
        if (strcmp(opt->random, "tiny") == 0) {
            tiny_config(&cfg);
        } else if (gf_preset_config(opt->random, &cfg, &e) != GF_OK) {
            size_t n = (size_t)snprintf(err, err_size, "--random %s: unknown (known: tiny",
                                        opt->random);
            for (const char *const *p = gf_preset_names(); *p != NULL && n < err_size; p++)
                n += (size_t)snprintf(err + n, err_size - n, ", %s", *p);
            if (n < err_size)
                snprintf(err + n, err_size - n, ")");
            return false;
        }
        if (gf_model_init_random(m, &cfg, NULL, opt->seed, &e) != GF_OK) {
            snprintf(err, err_size, "%s", e.message);
            return false;
        }
        snprintf(name, name_size, "random %s", opt->random);
        return true;
    }
    char dir[1024];
    gf_options_model_dir(opt, dir, sizeof dir);
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        snprintf(err, err_size, gf_i18n(lang, GF_STR_ERR_NO_MODEL), dir);
        return false;
    }
    if (gf_model_load(m, dir, &e) != GF_OK) {
        snprintf(err, err_size, "%s", e.message);
        return false;
    }
    snprintf(name, name_size, "%.100s", m->name[0] ? m->name : dir);
    return true;
}

bool gf_app_open(gf_app *app, const gf_options *opt, char *err, size_t err_size)
{
    memset(app, 0, sizeof *app);
    app->opt = *opt;
    app->lang = gf_lang_pick(opt->lang);
    app->zoom = 1.0f;
    app->heat_zoom = 1;
    app->dpi_scale = 1.0f;
    app->large_font = opt->large;
    app->temperature = opt->temperature;
    gf_temp_init(&app->temp, opt->seed + 1);
    gf_model model;
    memset(&model, 0, sizeof model);
    if (!load_model(opt, &model, app->model_name, sizeof app->model_name, app->lang, err, err_size))
        return false;
    gf_error e;
    gf_error_clear(&e);
    gf_status st = gf_session_init(&app->s, &model, opt->capacity, opt->temperature, opt->top_k,
                                   opt->top_p, opt->seed, &e);
    app->has_session = true;  /* owns the model even when init failed half-way */
    if (st == GF_OK) {
        st = gf_sampler_init(&app->display, app->s.model.config.vocab_size, 1.0f, opt->top_k,
                             opt->top_p, opt->seed, &e);
        app->has_display = st == GF_OK;
    }
    const char *prompt = opt->prompt != NULL ? opt->prompt : default_prompt[app->lang];
    if (st == GF_OK)
        st = gf_session_set_prompt(&app->s, prompt, &e);
    for (int i = 0; st == GF_OK && i < opt->sample; i++)
        st = gf_session_sample(&app->s, NULL, &e);
    if (st != GF_OK) {
        snprintf(err, err_size, "%s", e.message);
        return false;
    }
    snprintf(app->edit, sizeof app->edit, "%s", app->s.prompt);
    gf_stepper_init(&app->st, &app->s.model.config, app->s.n_tokens);
    /* A model that loads but looks mistaken (tensors its config does not
     * use) says so in the status line until the first key. */
    snprintf(app->message, sizeof app->message, "%.250s", app->s.model.warning);
    return gf_app_apply_view_options(app, err, err_size);
}

/* "--stage KEY: no such stage for this model (one of: tokens, embed, …)". */
static void app_stage_keys_error(const gf_stepper *st, const char *key, char *err,
                                 size_t err_size)
{
    size_t n = (size_t)snprintf(err, err_size, "--stage %s: no such stage for this model "
                                "(one of:", key);
    for (int i = 0; i < st->n_stages && n < err_size; i++)
        n += (size_t)snprintf(err + n, err_size - n, " %s,", gf_stage_get(st->stages[i])->key);
    if (n < err_size)
        snprintf(err + n, err_size - n, " overview, temperature)");
}

bool gf_app_apply_view_options(gf_app *app, char *err, size_t err_size)
{
    const gf_options *o = &app->opt;
    const gf_config *cfg = &app->s.model.config;
    if (o->stage != NULL) {
        const gf_stage *stage = gf_stage_find(o->stage);
        if (strcmp(o->stage, "overview") == 0) {
            app->screen = GF_SCREEN_OVERVIEW;
        } else if (strcmp(o->stage, "temperature") == 0) {
            app->screen = GF_SCREEN_TEMPERATURE;
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
    gf_session_set_glyph_check(&app->s, app_has_glyph, app);
    return true;
}

void gf_app_free(gf_app *app)
{
    if (app->has_ui)
        gf_ui_free(&app->ui);
    if (app->has_display)
        gf_sampler_free(&app->display);
    if (app->has_session)
        gf_session_free(&app->s);
    app->has_ui = app->has_display = app->has_session = false;
}

void gf_app_tokens_changed(gf_app *app)
{
    gf_stepper_set_tokens(&app->st, app->s.n_tokens);
    app->probs.valid = false;
    app->logit_top.valid = false;
}

void gf_app_sample_next(gf_app *app)
{
    gf_error e;
    gf_error_clear(&e);
    app->s.sampler.temperature = app->temperature;
    if (gf_session_sample(&app->s, NULL, &e) != GF_OK) {
        snprintf(app->message, sizeof app->message, "%.250s", e.message);
        return;
    }
    gf_app_tokens_changed(app);
    gf_stepper_set_position(&app->st, app->s.n_tokens - 1);
    gf_flow_start(&app->flow, &app->st, app->s.n_tokens - 1, gf_app_now(app));
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
