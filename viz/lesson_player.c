/* lesson_player.c — opening a lesson and moving between its steps (see
 * lesson_player.h). A step's view is applied through the same path as the
 * command line's --stage/--layer/--head/--position; a new prompt goes to the
 * worker first and the view follows when its tokens are there. */
#include "lesson_player.h"

#include "analogy_lab.h"
#include "app.h"
#include "explain_panel.h"
#include "temperature.h"
#include "views.h"
#include "work.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* path with its language folder swapped: DIR/xx/NAME → DIR/lang/NAME when
 * the file's folder is a two-letter language code; else path itself. */
static void path_for_lang(const char *path, const char *lang, char *out, size_t size)
{
    snprintf(out, size, "%s", path);
    const char *name = strrchr(path, '/');
    if (lang == NULL || name == NULL || name - path < 2)
        return;
    const char *folder = name - 2;
    bool is_code = folder[0] >= 'a' && folder[0] <= 'z' && folder[1] >= 'a' && folder[1] <= 'z' &&
                   (folder == path || folder[-1] == '/');
    if (is_code)
        snprintf(out, size, "%.*s%s%s", (int)(folder - path), path, lang, name);
}

/* A bare file name ("03-attention.lesson") that is no file in the current
 * folder names a shipped lesson: LESSONS/lang/NAME (LESSONS as the picker
 * finds it, lang --lang's or en); else path itself. */
static void path_for_name(const char *path, const char *lang, char *out, size_t size)
{
    snprintf(out, size, "%s", path);
    if (strchr(path, '/') != NULL || access(path, F_OK) == 0)
        return;
    snprintf(out, size, "%s/%s/%s", gf_options_lessons_dir(), lang != NULL ? lang : "en", path);
}

/* The language folder of path ("ru" for lessons/ru/x.lesson), or NULL. */
static const char *lang_of(const char *path)
{
    const char *name = strrchr(path, '/');
    if (name == NULL || name - path < 2)
        return NULL;
    static const char *const codes[] = {"en", "ru"};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (memcmp(name - 2, codes[i], 2) == 0 && (name - 2 == path || name[-3] == '/'))
            return codes[i];
    return NULL;
}

/* Write step s's state into opt (the command line's view options); the
 * explanation's "KEY,ROW,COL" is kept in p. */
static void step_to_options(gf_lesson_player *p, const gf_lesson_step *s, gf_options *opt)
{
    opt->explain = NULL;
    if (s->explain_key[0] != '\0') {
        snprintf(p->explain, sizeof p->explain, "%s,%d,%d", s->explain_key, s->explain_row,
                 s->explain_col);
        opt->explain = p->explain;
    }
    opt->top_k = s->top_k;
    opt->top_p = s->top_p;
    opt->prompt = s->prompt;
    opt->stage = s->screen;
    opt->layer = s->layer;
    opt->head = s->head;
    opt->position = s->position;
    opt->temperature = s->temperature;
    opt->seed = s->seed;
    opt->analogy = s->analogy;
}

gf_lesson_player *gf_lesson_player_open(gf_options *opt, int *status, char *err, size_t err_size)
{
    *status = GF_LESSON_OPEN_FAILED;
    gf_lesson_player *p = calloc(1, sizeof *p);
    if (p == NULL) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    char named[sizeof p->path];
    path_for_name(opt->lesson, opt->lang, named, sizeof named);
    path_for_lang(named, opt->lang, p->path, sizeof p->path);
    gf_error e;
    gf_error_clear(&e);
    if (gf_lesson_load(p->path, &p->lesson, &e) != GF_OK) {
        snprintf(err, err_size, "%s", e.message);
        free(p);
        return NULL;
    }
    int n = p->lesson.n_steps;
    int first = opt->lesson_step > 0 ? opt->lesson_step : 1;
    if (first > n) {
        snprintf(err, err_size, "--lesson-step %d: %s has steps 1..%d", first, p->path, n);
        *status = GF_LESSON_OPEN_USAGE;
        gf_lesson_player_free(p);
        return NULL;
    }
    p->step = first - 1;
    /* A lesson under lessons/ru/ speaks Russian unless --lang says otherwise. */
    if (opt->lang == NULL)
        opt->lang = lang_of(p->path);
    if (opt->model == NULL && opt->random == NULL) {
        const char *model = p->lesson.steps[p->step].model;
        snprintf(p->model_dir, sizeof p->model_dir, "%s/models/%s", gf_options_assets_dir(),
                 model);
        snprintf(p->loaded_model, sizeof p->loaded_model, "%s", model);
        opt->model = p->model_dir;
        p->owns_model = true;
    }
    step_to_options(p, &p->lesson.steps[p->step], opt);
    opt->lesson = p->path;
    return p;
}

void gf_lesson_player_free(gf_lesson_player *p)
{
    if (p == NULL)
        return;
    gf_lesson_free(&p->lesson);
    free(p);
}

const gf_lesson_step *gf_lesson_current(const gf_app *app)
{
    const gf_lesson_player *p = app->lesson;
    return p != NULL && p->lesson.n_steps > 0 ? &p->lesson.steps[p->step] : NULL;
}

/* The lesson keeps the keys (N, B, L): the analogy line is not typed into
 * until the teacher clicks it or presses Enter there. */
static void release_analogy_line(gf_app *app)
{
    if (app->lab == NULL || !app->lab->focus)
        return;
    app->lab->focus = false;
    if (app->window != NULL)
        SDL_StopTextInput();
}

/* The step's top-k and top-p on the session's sampler (what Space draws
 * from and the probability view shows). */
static void apply_sampler(gf_app *app, const gf_lesson_step *s)
{
    app->opt.top_k = s->top_k;
    app->opt.top_p = s->top_p;
    if (app->has_session) {
        app->s.sampler.top_k = s->top_k;
        app->s.sampler.top_p = s->top_p;
    }
}

/* The position a step shows: its explanation's row (the value's row is
 * the one ringed), else its own `position`, else the last token. */
static int step_position(const gf_app *app, const gf_lesson_step *s)
{
    if (s->explain_key[0] != '\0' && s->explain_row >= 0 && s->explain_row < app->s.n_tokens)
        return s->explain_row;
    return s->position >= 0 && s->position < app->s.n_tokens ? s->position : app->s.n_tokens - 1;
}

/* The temperature screen's beam width and what stands below its lanes as
 * step s has them: `beams: N`, the tree of N beams; else the chart, and
 * the default width. */
static int step_beam_width(const gf_lesson_step *s)
{
    return s->beams > 0 ? s->beams : GF_TEMP_BEAMS;
}

static gf_temp_below step_below(const gf_lesson_step *s)
{
    return s->beams > 0 ? GF_TEMP_BELOW_TREE : GF_TEMP_BELOW_CHART;
}

/* On the temperature screen: its beams and tree as step s has them. */
static void apply_beams(gf_app *app, const gf_lesson_step *s)
{
    if (app->screen != GF_SCREEN_TEMPERATURE)
        return;
    app->temp.beam_width = step_beam_width(s);
    app->temp.below = step_below(s);
    app->temp.tree_first = 0;
    app->temp.beam_held = false;
}

/* The step's screen, stage, layer, head, position and explanation (its
 * prompt is there). */
static void apply_view(gf_app *app, const gf_lesson_step *s)
{
    gf_options *o = &app->opt;
    step_to_options(app->lesson, s, o);
    apply_sampler(app, s);
    o->prompt = NULL;
    if (o->explain == NULL)
        gf_explain_close(app);
    if (o->position >= app->s.n_tokens)
        o->position = -1;   /* the checker keeps lessons from this */
    app->screen = GF_SCREEN_STAGE;
    app->overlay = GF_SCREEN_NONE;
    char err[256];
    if (!gf_app_apply_view_options(app, err, sizeof err))
        snprintf(app->message, sizeof app->message, "%s", err);
    o->explain = NULL;  /* opened once: a later view change keeps it as is */
    if (app->s.n_tokens > 0)
        gf_stepper_set_position(&app->st, step_position(app, s));
    apply_beams(app, s);
    if (app->lab != NULL && s->analogy != NULL && strcmp(app->lab->text, s->analogy) != 0)
        gf_lab_set_text(app->lab, s->analogy);
    release_analogy_line(app);
}

/* Open the step's model on the worker with its prompt; the view follows
 * when it is there (pending). false when it cannot (the message says why). */
static bool switch_model(gf_app *app, const gf_lesson_step *s)
{
    gf_lesson_player *p = app->lesson;
    char old[sizeof p->model_dir];
    snprintf(old, sizeof old, "%s", p->model_dir);
    /* The worker reads the folder name while it opens it: it lives in p. */
    snprintf(p->model_dir, sizeof p->model_dir, "%s/models/%s", gf_options_assets_dir(), s->model);
    gf_options o = app->opt;
    o.model = p->model_dir;
    o.random = NULL;
    o.stage = NULL;  /* the view is applied once the model is there */
    o.layer = o.head = 0;
    o.position = -1;
    o.explain = NULL;
    o.temperature = s->temperature;
    o.top_k = s->top_k;
    o.top_p = s->top_p;
    o.seed = s->seed;
    if (!gf_app_switch_model(app, &o, s->prompt)) {
        snprintf(p->model_dir, sizeof p->model_dir, "%s", old);
        return false;
    }
    snprintf(p->loaded_model, sizeof p->loaded_model, "%s", s->model);
    p->pending = true;
    return true;
}

/* Bring the current step about, as far as it can go now: its model (opened
 * on the worker), then its prompt (computed on the worker), then its view.
 * Called again by gf_lesson_poll whenever the worker is free, until the
 * view is applied. */
static void advance(gf_app *app)
{
    gf_lesson_player *p = app->lesson;
    const gf_lesson_step *s = &p->lesson.steps[p->step];
    if (!app->has_session)
        return;  /* a model is opening: the poll comes back */
    if (p->owns_model && !p->model_sent && strcmp(p->loaded_model, s->model) != 0) {
        p->model_sent = true;  /* once: a folder that fails stays failed */
        if (switch_model(app, s))
            return;
    }
    if (!p->prompt_sent &&
        (strcmp(app->s.prompt, s->prompt) != 0 || app->s.n_tokens != app->s.n_prompt)) {
        p->prompt_sent = true;
        gf_app_run_prompt(app, s->prompt);
        return;
    }
    p->pending = false;
    apply_view(app, s);
}

bool gf_lesson_go(gf_app *app, int index)
{
    gf_lesson_player *p = app->lesson;
    if (p == NULL)
        return false;
    if (index < 0)
        index = 0;
    if (index >= p->lesson.n_steps)
        index = p->lesson.n_steps - 1;
    const gf_lesson_step *s = &p->lesson.steps[index];
    p->step = index;
    app->editing = false;
    app->temperature = s->temperature;
    apply_sampler(app, s);
    if (s->seed != app->opt.seed) {
        app->opt.seed = s->seed;
        gf_temp_init(&app->temp, s->seed + 1, app->temp.length);  /* as at start-up (work.c) */
    }
    p->pending = true;
    p->model_sent = p->prompt_sent = false;
    advance(app);
    return true;
}

bool gf_lesson_return(gf_app *app)
{
    return app->lesson != NULL && gf_lesson_go(app, app->lesson->step);
}

bool gf_lesson_poll(gf_app *app)
{
    gf_lesson_player *p = app->lesson;
    if (p == NULL || gf_app_busy(app))
        return false;
    bool changed = false;
    if (!p->started) {
        /* The start step's view came from the command line (but for its
         * beams, which no option sets); the lesson keeps the keys from the
         * analogy line all the same. */
        p->started = true;
        apply_beams(app, &p->lesson.steps[p->step]);
        release_analogy_line(app);
        changed = true;
    }
    if (!p->pending)
        return changed;
    advance(app);
    return true;
}

bool gf_lesson_player_replace(gf_app *app, const char *path, char *err, size_t err_size)
{
    gf_lesson_player *p = calloc(1, sizeof *p);
    if (p == NULL) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    snprintf(p->path, sizeof p->path, "%s", path);
    gf_error e;
    gf_error_clear(&e);
    if (gf_lesson_load(p->path, &p->lesson, &e) != GF_OK) {
        snprintf(err, err_size, "%s", e.message);
        free(p);
        return false;
    }
    gf_lesson_player *old = app->lesson;
    /* A lesson chosen in the picker brings its own models, whatever the
     * command line opened: its steps' texts are about them. */
    p->owns_model = true;
    /* Which of the assets' models is open now ("" for a random one: the
     * lesson's first step then opens its model). */
    char now[1024];
    gf_options_model_dir(&app->opt, now, sizeof now);
    const char *name = strrchr(now, '/');
    snprintf(p->model_dir, sizeof p->model_dir, "%s", now);
    if (name != NULL && app->opt.random == NULL)
        snprintf(p->loaded_model, sizeof p->loaded_model, "%s", name + 1);
    app->opt.model = p->model_dir;
    /* The options point into the old lesson's steps: none of it stays. */
    app->opt.prompt = app->opt.stage = app->opt.analogy = app->opt.explain = NULL;
    app->opt.lesson = p->path;
    p->started = true;
    app->lesson = p;
    gf_lesson_player_free(old);
    gf_lesson_go(app, 0);
    return true;
}

bool gf_lesson_exploring(const gf_app *app)
{
    const gf_lesson_step *s = gf_lesson_current(app);
    if (s == NULL || app->lesson->pending)
        return false;
    if (strcmp(app->s.prompt, s->prompt) != 0 || app->s.n_tokens != app->s.n_prompt ||
        app->overlay != GF_SCREEN_NONE)
        return true;
    const gf_screen_def *named = gf_screen_find(s->screen);
    if (named != NULL && named->id == GF_SCREEN_TEMPERATURE && app->screen == named->id)
        return app->temp.beam_width != step_beam_width(s) || app->temp.below != step_below(s);
    if (named != NULL)
        return app->screen != named->id;
    const gf_stage *stage = gf_stage_find(s->screen);
    if (app->screen != GF_SCREEN_STAGE || stage == NULL || gf_stepper_stage(&app->st) != stage->id)
        return true;
    return (stage->per_layer && app->st.layer != s->layer) ||
           (stage->per_head && app->st.head != s->head) ||
           app->st.position != step_position(app, s);
}
