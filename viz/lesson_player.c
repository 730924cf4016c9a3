/* lesson_player.c — opening a lesson and moving between its steps (see
 * lesson_player.h). A step's view is applied through the same path as the
 * command line's --stage/--layer/--head/--position; a new prompt goes to the
 * worker first and the view follows when its tokens are there. */
#include "lesson_player.h"

#include "analogy_lab.h"
#include "app.h"
#include "temperature.h"
#include "views.h"
#include "work.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Write step s's state into opt (the command line's view options). */
static void step_to_options(const gf_lesson_step *s, gf_options *opt)
{
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
    path_for_lang(opt->lesson, opt->lang, p->path, sizeof p->path);
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
        snprintf(p->model_dir, sizeof p->model_dir, "%s/models/%s", gf_options_assets_dir(),
                 p->lesson.model);
        opt->model = p->model_dir;
    }
    step_to_options(&p->lesson.steps[p->step], opt);
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

/* The step's screen, stage, layer, head and position (its prompt is there). */
static void apply_view(gf_app *app, const gf_lesson_step *s)
{
    gf_options *o = &app->opt;
    step_to_options(s, o);
    o->prompt = NULL;
    if (o->position >= app->s.n_tokens)
        o->position = -1;   /* the checker keeps lessons from this */
    app->screen = GF_SCREEN_STAGE;
    app->overlay = GF_SCREEN_NONE;
    char err[256];
    if (!gf_app_apply_view_options(app, err, sizeof err))
        snprintf(app->message, sizeof app->message, "%s", err);
    if (s->position < 0 && app->s.n_tokens > 0)
        gf_stepper_set_position(&app->st, app->s.n_tokens - 1);
    if (app->lab != NULL && s->analogy != NULL && strcmp(app->lab->text, s->analogy) != 0)
        gf_lab_set_text(app->lab, s->analogy);
    release_analogy_line(app);
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
    if (s->seed != app->opt.seed) {
        app->opt.seed = s->seed;
        gf_temp_init(&app->temp, s->seed + 1, app->temp.length);  /* as at start-up (work.c) */
    }
    if (strcmp(app->s.prompt, s->prompt) != 0 || app->s.n_tokens != app->s.n_prompt) {
        gf_app_run_prompt(app, s->prompt);
        p->pending = true;
    } else {
        p->pending = false;
        apply_view(app, s);
    }
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
    if (!p->started) {
        /* The start step's view came from the command line; the lesson
         * keeps the keys from the analogy line all the same. */
        p->started = true;
        release_analogy_line(app);
        return true;
    }
    if (!p->pending)
        return false;
    p->pending = false;
    apply_view(app, &p->lesson.steps[p->step]);
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
    if (named != NULL)
        return app->screen != named->id;
    const gf_stage *stage = gf_stage_find(s->screen);
    if (app->screen != GF_SCREEN_STAGE || stage == NULL || gf_stepper_stage(&app->st) != stage->id)
        return true;
    int position = s->position >= 0 ? s->position : app->s.n_tokens - 1;
    return (stage->per_layer && app->st.layer != s->layer) ||
           (stage->per_head && app->st.head != s->head) || app->st.position != position;
}
