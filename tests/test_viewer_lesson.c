/* test_viewer_lesson.c — the lesson player.
 *
 * In process: the screen names core lets lessons use are exactly the
 * viewer's (non-overlay) screens; the band's texts exist in every language;
 * the tour lesson's placeholders are filled with values this test computes
 * itself from the trace (argmax of a weights row, argmax of the logits, a
 * softmax in double) or takes from the assets' own cards (MODEL.md's
 * parameter count, VECTORS.md's king − man + woman); N / B / L move between
 * steps and back after exploring, and the analogy line never takes N. The
 * lesson-player keys: a step's model is opened on the worker (and back),
 * top_k/top_p reach the sampler, explain opens its panel for that step, and
 * the size, {token_id}, {score} (q·k/√hs in double from the trace's q and
 * k), {logit}, {params gpt2/gpt3} (by hand from the published shapes) and
 * {loss_*} (the CSV scanned here) placeholders are checked.
 * In process, every step of every shipped lesson in each language at
 * 1920×1080 large-font, 1280×720 and 1024×768 large-font (one app per lesson and size, so a model
 * opens only when a step switches to it; the sanitizer build renders the
 * first and last step and every model switch): no text on other text, past
 * the window or cut (ui.n_cuts), no value left uncomputed. Through the
 * binary: the first and last step of each lesson render headless (`--lesson
 * F --lesson-step N --screenshot`), a step out of range exits 2 and a broken
 * lesson exits 1 naming file:line:col.
 *
 * usage: test_viewer_lesson PATH-TO-glassformer LESSONS-DIR */
#include "check.h"

#include "analogy_lab.h"
#include "app.h"
#include "config.h"
#include "explain_panel.h"
#include "lesson_fixture.h"
#include "lesson_player.h"
#include "lesson_screens.h"
#include "screenshot.h"
#include "work.h"
#include "run_viewer.h"
#include "text_overlap.h"

#include <SDL_image.h>
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>


#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

/* Core's list and the screen table agree both ways. */
static void test_screen_names(check_ctx *c)
{
    const char *const *names = gf_lesson_screen_names();
    int n = 0;
    for (; names[n] != NULL; n++) {
        const gf_screen_def *d = gf_screen_find(names[n]);
        if (!CHECK(c, d != NULL && d->layout != GF_LAYOUT_OVERLAY))
            fprintf(stderr, "  lesson screen '%s' is no screen of viz/screens.c\n", names[n]);
    }
    for (int i = 0; i < GF_SCREEN_COUNT; i++) {
        const gf_screen_def *d = gf_screen_get((gf_screen)i);
        if (d->name == NULL || d->layout == GF_LAYOUT_OVERLAY)
            continue;
        if (!CHECK(c, gf_lesson_screen_known(d->name)))
            fprintf(stderr, "  screen '%s' is missing from core/lesson_screens.c\n", d->name);
    }
    CHECK(c, n >= 3);
}

static gf_app *open_lesson_at(check_ctx *c, const char *path, int step, int width, int height,
                              bool large, gf_lesson_player **out)
{
    char step_text[16];
    snprintf(step_text, sizeof step_text, "%d", step);
    char *argv[] = {"glassformer", "--lesson", (char *)path, "--lesson-step", step_text, "--large"};
    gf_app *app = lesson_fixture_open(c, large ? 6 : 5, argv, width, height);
    if (app != NULL)
        *out = app->lesson;
    return app;
}

static gf_app *open_lesson(check_ctx *c, const char *path, int step, gf_lesson_player **out)
{
    return open_lesson_at(c, path, step, 1280, 720, false, out);
}

/* Wait for the worker, take its results, let the lesson apply its view. */
static void settle(gf_app *app)
{
    char err[256];
    gf_app_settle(app, err, sizeof err);
    gf_app_work_poll(app);
    gf_lesson_poll(app);
}

/* Go to step index (0-based) and wait for its prompt and view. */
static void go(gf_app *app, int index)
{
    gf_lesson_go(app, index);
    settle(app);
}

static void filled(gf_app *app, char *out, size_t size)
{
    gf_lesson_fill(app, gf_lesson_current(app), out, size);
}

/* How the lessons write a probability p (lessons/README.md): one decimal
 * from 0.1 %, two significant digits below (a trailing zero kept), a
 * no-break space before "%". */
static void percent_text(double p, char *out, size_t size)
{
    snprintf(out, size, 100.0 * p >= 0.1 ? "%.1f\u00a0%%" : "%#.2g\u00a0%%", 100.0 * p);
}

static bool contains(check_ctx *c, const char *text, const char *want)
{
    bool ok = strstr(text, want) != NULL;
    if (!CHECK(c, ok))
        fprintf(stderr, "  want \"%s\" in: %s\n", want, text);
    return ok;
}

static void test_tour(check_ctx *c, const char *lessons)
{
    char path[1024], text[4096], want[256];
    snprintf(path, sizeof path, "%s/en/00-tour.lesson", lessons);
    gf_lesson_player *p = NULL;
    gf_app *app = open_lesson(c, path, 1, &p);
    if (app == NULL)
        return;
    CHECK_INT(c, p->step, 0);
    CHECK_STR(c, app->s.prompt, "The king said to the queen");
    CHECK(c, !gf_lesson_exploring(app));
    filled(app, text, sizeof text);
    snprintf(want, sizeof want, "cut into %d tokens", app->s.n_tokens);
    contains(c, text, want);
    CHECK_INT(c, app->s.n_tokens, 6);
    contains(c, text, "the first one is «The»");

    /* Step 4, the reveal of step 3's question: the most attended token of
     * the last row of layer 1, head 3, by a plain argmax over the trace. */
    go(app, 3);
    CHECK_INT(c, p->step, 3);
    CHECK_INT(c, gf_stepper_stage(&app->st), GF_STAGE_SOFTMAX);
    CHECK_INT(c, app->st.layer, 1);
    CHECK_INT(c, app->st.head, 3);
    CHECK_INT(c, app->st.position, 5);
    gf_view w;
    if (CHECK(c, gf_trace_get(&app->s.trace, "attn.weights", 1, -1, &w) && w.data != NULL)) {
        int best = 0;
        for (int j = 1; j <= 5; j++)
            if (gf_view_at3(&w, 3, 5, j) > gf_view_at3(&w, 3, 5, best))
                best = j;
        char label[GF_LABEL_MAX];
        gf_session_label(&app->s, app->s.tokens[best], label, sizeof label);
        filled(app, text, sizeof text);
        snprintf(want, sizeof want, "goes to «%s»: %.3f.", label, (double)gf_view_at3(&w, 3, 5, best));
        contains(c, text, want);
    }
    /* Step 5: the ringed cell's weight, layer 3, head 3, row 5, column 1. */
    go(app, 4);
    if (CHECK(c, gf_trace_get(&app->s.trace, "attn.weights", 3, -1, &w) && w.data != NULL)) {
        filled(app, text, sizeof text);
        snprintf(want, sizeof want, "here, %.3f.", (double)gf_view_at3(&w, 3, 5, 1));
        contains(c, text, want);
    }
    /* Step 7: the next token is the argmax of the last logits row (any
     * T > 0 keeps it); P(" king") is softmax(z / 0.7) in double. */
    go(app, 6);
    CHECK_INT(c, gf_stepper_stage(&app->st), GF_STAGE_PROBS);
    const float *z = gf_trace_logits_row(&app->s.trace, app->s.n_tokens - 1);
    int V = app->s.model.config.vocab_size;
    if (CHECK(c, z != NULL)) {
        int best = 0;
        for (int i = 1; i < V; i++)
            if (z[i] > z[best])
                best = i;
        double mx = z[best], sum = 0.0;
        for (int i = 0; i < V; i++)
            sum += exp(((double)z[i] - mx) / 0.7);
        int32_t king = gf_tokenizer_lookup(app->s.model.tokenizer, "\xc4\xa0king");  /* Ġking */
        char label[GF_LABEL_MAX];
        gf_session_label(&app->s, best, label, sizeof label);
        filled(app, text, sizeof text);
        char percent[32];
        percent_text(1.0 / sum, percent, sizeof percent);
        snprintf(want, sizeof want, "most likely next token is «%s», with probability %s", label,
                 percent);
        contains(c, text, want);
        if (CHECK(c, king >= 0)) {
            percent_text(exp(((double)z[king] - mx) / 0.7) / sum, percent, sizeof percent);
            snprintf(want, sizeof want, "The probability of «␣king» is %s", percent);
            contains(c, text, want);
        }
        /* MODEL.md: 1,858,304 parameters. */
        contains(c, text, "from the model's 1\u2009858\u2009304 parameters");
    }
    /* Exploring: a stage key leaves the step; J comes back. */
    CHECK(c, !gf_lesson_exploring(app));
    gf_app_key_named(app, "left");
    CHECK(c, gf_lesson_exploring(app));
    gf_app_key_named(app, "j");
    CHECK(c, !gf_lesson_exploring(app));
    CHECK_INT(c, gf_stepper_stage(&app->st), GF_STAGE_PROBS);
    /* A sampled token also leaves it; the return drops it again. */
    gf_app_key_named(app, "space");
    settle(app);
    CHECK_INT(c, app->s.n_tokens, 7);
    CHECK(c, gf_lesson_exploring(app));
    gf_app_key_named(app, "j");
    settle(app);
    CHECK_INT(c, app->s.n_tokens, 6);
    CHECK(c, !gf_lesson_exploring(app));

    /* N and B, also on the analogy screen (its line never takes them). */
    gf_app_key_named(app, "n");
    gf_app_key_named(app, "n");
    settle(app);
    CHECK_INT(c, p->step, 8);
    CHECK_INT(c, gf_stepper_stage(&app->st), GF_STAGE_EMBED);
    gf_app_key_named(app, "n");
    settle(app);
    CHECK_INT(c, p->step, 9);
    CHECK_INT(c, app->screen, GF_SCREEN_ANALOGY);
    if (CHECK(c, app->lab != NULL)) {
        CHECK(c, !app->lab->focus);
        CHECK_STR(c, app->lab->text, "king - man + woman");
    }
    filled(app, text, sizeof text);
    /* VECTORS.md: queen at rank 1, cosine 0.7699. */
    contains(c, text, "The nearest word is «queen» (cosine 0.770)");
    gf_app_key_named(app, "n");  /* the last step stays */
    CHECK_INT(c, p->step, 9);
    gf_app_key_named(app, "b");
    settle(app);
    CHECK_INT(c, p->step, 8);

    /* The band takes the bottom; the view ends above it. */
    gf_headless_frame(app);
    int band = gf_lesson_band_height(app, 1280, 720);
    CHECK(c, band >= 720 * 18 / 100 && band <= 720 * 30 / 100);
    CHECK(c, app->ui.view_rect.y + app->ui.view_rect.h <= 720 - band);
    viewer_fixture_close(app);
}

/* ---- The lesson-player keys and placeholders ---------------------------- */

/* The number after tag (e.g. "K") in a "|"-separated filled text, as
 * written (thin spaces dropped); false when absent. */
static bool field(const char *text, const char *tag, char *out, size_t size)
{
    char pattern[16];
    snprintf(pattern, sizeof pattern, "|%s=", tag);
    const char *at = strstr(text, pattern);
    if (at == NULL)
        return false;
    at += strlen(pattern);
    size_t n = 0;
    while (*at != '\0' && *at != '|' && n + 1 < size) {
        if (strncmp(at, "\u2009", 3) == 0) {
            at += 3;
            continue;
        }
        out[n++] = *at++;
    }
    out[n] = '\0';
    return true;
}

static void check_field(check_ctx *c, const char *text, const char *tag, const char *want)
{
    char got[256] = "";
    if (!CHECK(c, field(text, tag, got, sizeof got)) || !CHECK_STR(c, got, want))
        fprintf(stderr, "  field %s in: %s\n", tag, text);
}

/* loss of the first and last rows and the last step, read from the CSV
 * here with a plain scan (step,tokens,elapsed_s,lr,loss,…). */
static bool read_log(const char *path, double *first, double *last, long long *steps)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return false;
    char line[512];
    int rows = 0;
    bool ok = fgets(line, sizeof line, f) != NULL && strncmp(line, "step,tokens,elapsed_s,lr,loss", 29) == 0;
    while (ok && fgets(line, sizeof line, f) != NULL) {
        long long step = 0, tokens = 0;
        double elapsed = 0, lr = 0, loss = 0;
        if (sscanf(line, "%lld,%lld,%lf,%lf,%lf", &step, &tokens, &elapsed, &lr, &loss) != 5)
            continue;
        if (rows++ == 0)
            *first = loss;
        *last = loss;
        *steps = step;
    }
    fclose(f);
    return ok && rows > 0;
}

/* The model's sizes from its config.json, loaded here. */
static void check_sizes(check_ctx *c, const char *text, const char *model)
{
    char path[1024], want[64];
    snprintf(path, sizeof path, "%s/models/%s/config.json", gf_options_assets_dir(), model);
    gf_config cfg;
    gf_error e;
    if (!CHECK(c, gf_config_load(path, &cfg, &e) == GF_OK))
        return;
    int hs = cfg.n_embd / cfg.n_head;
    const struct {
        const char *tag;
        int value;
    } sizes[] = {{"A", cfg.n_layer}, {"B", cfg.n_head}, {"C", cfg.n_embd}, {"D", hs},
                 {"F", cfg.n_inner}, {"G", cfg.vocab_size}, {"H", cfg.n_ctx}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        snprintf(want, sizeof want, "%d", sizes[i].value);
        check_field(c, text, sizes[i].tag, want);
    }
    double r = sqrt((double)hs);
    if (r == floor(r))
        snprintf(want, sizeof want, "%d", (int)r);
    else
        snprintf(want, sizeof want, "%.2f", r);
    check_field(c, text, "E", want);
    check_field(c, text, "I", model);
    double first = 0, last = 0;
    long long steps = 0;
    snprintf(path, sizeof path, "%s/models/%s/train_log.csv", gf_options_assets_dir(), model);
    if (CHECK(c, read_log(path, &first, &last, &steps))) {
        snprintf(want, sizeof want, "%.2f", first);
        check_field(c, text, "O", want);
        snprintf(want, sizeof want, "%.2f", last);
        check_field(c, text, "P", want);
        snprintf(want, sizeof want, "%lld", steps);
        check_field(c, text, "Q", want);
    }
}

#define SIZES "|A={n_layer}|B={n_head}|C={n_embd}|D={head_size}|E={sqrt_head_size}|F={d_ff}" \
              "|G={vocab}|H={n_ctx}|I={model}|O={loss_first}|P={loss_last}|Q={train_steps}|"

static void test_new_keys(check_ctx *c)
{
    char path[512];
    if (!lesson_fixture_write(c, "new_keys.lesson",
                              "title: New keys\n"
                              "---\n"
                              "prompt: The king said to the queen\n"
                              "screen: scores\n"
                              "layer: 1\n"
                              "head: 2\n"
                              "cell: 5 1\n"
                              "top_k: 1\n"
                              "top_p: 0.9\n"
                              "explain: attn.scores 5 1\n"
                              "\n"
                              SIZES "J={token_id 1}|K={score}|L={logit \" king\"}"
                              "|M={params gpt3}|N={params gpt2}|R={top1_prob}|\n"
                              "---\n"
                              "model: seeds\n"
                              "screen: loss\n"
                              "top_k: 0\n"
                              "\n"
                              SIZES "\n",
                              path, sizeof path))
        return;
    gf_lesson_player *p = NULL;
    gf_app *app = open_lesson(c, path, 1, &p);
    if (app == NULL)
        return;
    char text[4096], want[128];
    filled(app, text, sizeof text);
    check_sizes(c, text, "default");
    /* {token_id 1}: " king" looked up in the vocabulary (Ġking). */
    int32_t king = gf_tokenizer_lookup(app->s.model.tokenizer, "\xc4\xa0king");
    snprintf(want, sizeof want, "%d", king);
    check_field(c, text, "J", want);
    /* {score}: q_5 · k_1 / √hs at layer 1, head 2, in double from the trace's q and k. */
    gf_view q, k;
    char got[64] = "";
    if (CHECK(c, gf_trace_get(&app->s.trace, "attn.q", 1, 2, &q) &&
                     gf_trace_get(&app->s.trace, "attn.k", 1, 2, &k) && q.ndim == 2) &&
        CHECK(c, field(text, "K", got, sizeof got))) {
        int hs = (int)q.shape[1];
        double dot = 0.0;
        for (int d = 0; d < hs; d++)
            dot += (double)gf_view_at2(&q, 5, d) * (double)gf_view_at2(&k, 1, d);
        CHECK_NEAR(c, atof(got), dot / sqrt((double)hs), 6e-4);
    }
    /* {logit " king"}: the last row's logit of Ġking. */
    const float *z = gf_trace_logits_row(&app->s.trace, 5);
    if (CHECK(c, z != NULL && king >= 0)) {
        snprintf(want, sizeof want, "%.2f", (double)z[king]);
        check_field(c, text, "L", want);
    }
    /* {params gpt3}: V·C + n_ctx·C + L·(12C² + 13C) + 2C with GPT-3's shape
     * (96 layers, C = 12288, 2048 positions, 50 257 tokens, tied output):
     * 174 604 259 328, the "175B"; GPT-2 small: 124 439 808, as published. */
    long long V = 50257, C = 12288, L = 96, N = 2048;
    long long gpt3 = V * C + N * C + L * (12 * C * C + 13 * C) + 2 * C;
    CHECK(c, gpt3 > 174000000000LL && gpt3 < 176000000000LL);
    snprintf(want, sizeof want, "%lld", gpt3);
    check_field(c, text, "M", want);
    check_field(c, text, "N", "124439808");
    /* top_k: 1 leaves one token: all the probability. */
    check_field(c, text, "R", "100.0\u00a0%");
    CHECK_INT(c, app->s.sampler.top_k, 1);
    CHECK_NEAR(c, app->s.sampler.top_p, 0.9, 1e-6);
    /* explain: the panel of attn.scores[5,1] at layer 1, head 2 is open. */
    CHECK(c, gf_explain_panel_shown(app));

    /* Step 2: the seeds model, opened on the worker; explain was step 1's only. */
    go(app, 1);
    CHECK(c, app->has_session);
    char seeds[1100];
    snprintf(seeds, sizeof seeds, "%s/models/seeds", gf_options_assets_dir());
    CHECK_STR(c, app->opt.model, seeds);
    CHECK_INT(c, app->screen, GF_SCREEN_LOSS);
    CHECK_STR(c, app->s.prompt, "The king said to the queen");
    CHECK(c, app->s.n_tokens > 0);
    CHECK(c, !gf_explain_panel_shown(app));
    CHECK_INT(c, app->s.sampler.top_k, 0);
    CHECK(c, !gf_lesson_exploring(app));
    filled(app, text, sizeof text);
    check_sizes(c, text, "seeds");
    /* Back: the default model again, its explanation open again. */
    go(app, 0);
    CHECK(c, app->has_session);
    char default_dir[1100];
    snprintf(default_dir, sizeof default_dir, "%s/models/default", gf_options_assets_dir());
    CHECK_STR(c, app->opt.model, default_dir);
    filled(app, text, sizeof text);
    check_sizes(c, text, "default");
    CHECK(c, gf_explain_panel_shown(app));
    CHECK_INT(c, app->s.sampler.top_k, 1);
    /* A lesson that starts at step 2 opens the seeds model directly. */
    viewer_fixture_close(app);
    app = open_lesson(c, path, 2, &p);
    if (app == NULL)
        return;
    CHECK_STR(c, app->opt.model, seeds);
    filled(app, text, sizeof text);
    check_sizes(c, text, "seeds");
    viewer_fixture_close(app);
}

/* ---- The lesson picker (O) ------------------------------------------------ */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f != NULL) {
        fputs(text, f);
        fclose(f);
    }
}

/* Without a lesson: O lists <GLASSFORMER_LESSONS>/en by file name with titles
 * and step counts; arrows choose (around the ends), Enter opens the chosen
 * one at step 1 with its model, a broken one stays closed, Esc closes. */
static void test_picker(check_ctx *c)
{
    char dir[512], path[1100];
    check_tmp_path(dir, sizeof dir, "picker");
    snprintf(path, sizeof path, "%s/en", dir);
    mkdir(dir, 0755);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/en/02-bee.lesson", dir);
    write_file(path, "title: Bee\nmodel: seeds\n---\nprompt: a bee\nscreen: embed\n---\n");
    snprintf(path, sizeof path, "%s/en/01-ay.lesson", dir);
    write_file(path, "title: Ay\n---\nprompt: ay\n");
    snprintf(path, sizeof path, "%s/en/03-bad.lesson", dir);
    write_file(path, "title: Bad\n---\nlayer: q\n");
    snprintf(path, sizeof path, "%s/en/notes.txt", dir);
    write_file(path, "not a lesson\n");
    setenv("GLASSFORMER_LESSONS", dir, 1);

    char err[512] = "";
    char *argv[] = {"glassformer", "--lang", "en"};
    gf_options opt;
    if (!CHECK(c, gf_options_parse(&opt, 3, argv, err, sizeof err)))
        return;
    gf_app *app = calloc(1, sizeof *app);
    if (!CHECK(c, gf_app_open(app, &opt, err, sizeof err) &&
                      gf_headless_init(app, 1280, 720, err, sizeof err))) {
        fprintf(stderr, "  %s\n", err);
        viewer_fixture_close(app);
        return;
    }
    int selected = -1;
    gf_app_key_named(app, "o");
    CHECK_INT(c, app->overlay, GF_SCREEN_LESSONS);
    CHECK_INT(c, gf_lesson_picker_count(app, &selected), 3);
    CHECK_INT(c, selected, 0);
    gf_headless_frame(app);
    gf_app_key_named(app, "up");     /* around the top: the last one */
    gf_lesson_picker_count(app, &selected);
    CHECK_INT(c, selected, 2);
    gf_app_key_named(app, "enter");  /* 03-bad does not parse: nothing opens */
    CHECK(c, app->lesson == NULL);
    CHECK_INT(c, app->overlay, GF_SCREEN_LESSONS);
    gf_app_key_named(app, "down");
    gf_app_key_named(app, "down");
    gf_lesson_picker_count(app, &selected);
    CHECK_INT(c, selected, 1);
    gf_app_key_named(app, "enter");
    settle(app);
    CHECK_INT(c, app->overlay, GF_SCREEN_NONE);
    if (CHECK(c, app->lesson != NULL)) {
        snprintf(path, sizeof path, "%s/en/02-bee.lesson", dir);
        CHECK_STR(c, app->lesson->path, path);
        CHECK_INT(c, app->lesson->step, 0);
        CHECK_STR(c, app->s.prompt, "a bee");
        CHECK_INT(c, gf_stepper_stage(&app->st), GF_STAGE_EMBED);
        char seeds[1100];
        snprintf(seeds, sizeof seeds, "%s/models/seeds", gf_options_assets_dir());
        CHECK_STR(c, app->opt.model, seeds);
        CHECK(c, !gf_lesson_exploring(app));
    }
    /* Again: the lesson playing is the one chosen; Esc closes, it plays on. */
    gf_app_key_named(app, "o");
    gf_lesson_picker_count(app, &selected);
    CHECK_INT(c, selected, 1);
    gf_app_key_named(app, "esc");
    CHECK_INT(c, app->overlay, GF_SCREEN_NONE);
    CHECK(c, app->lesson != NULL && app->lesson->lesson.n_steps == 2);
    /* N plays on in the lesson the picker opened; O, up, Enter: the first. */
    gf_app_key_named(app, "n");
    settle(app);
    CHECK(c, app->lesson != NULL && app->lesson->step == 1);
    gf_app_key_named(app, "o");
    gf_app_key_named(app, "up");
    gf_app_key_named(app, "enter");
    settle(app);
    if (CHECK(c, app->lesson != NULL)) {
        CHECK_STR(c, app->lesson->lesson.title, "Ay");
        CHECK_STR(c, app->s.prompt, "ay");
        char def[1100];
        snprintf(def, sizeof def, "%s/models/default", gf_options_assets_dir());
        CHECK_STR(c, app->opt.model, def);
    }
    viewer_fixture_close(app);

    /* Opened with --model bilingual: a lesson chosen in the picker still
     * brings its own model (its texts are about it), here default's 8192
     * tokens, not bilingual's 20480. */
    char bilingual[1100];
    snprintf(bilingual, sizeof bilingual, "%s/models/bilingual", gf_options_assets_dir());
    char *argv2[] = {"glassformer", "--lang", "en", "--model", bilingual};
    app = calloc(1, sizeof *app);
    if (!CHECK(c, gf_options_parse(&opt, 5, argv2, err, sizeof err) &&
                      gf_app_open(app, &opt, err, sizeof err) &&
                      gf_headless_init(app, 1280, 720, err, sizeof err))) {
        fprintf(stderr, "  %s\n", err);
        viewer_fixture_close(app);
        unsetenv("GLASSFORMER_LESSONS");
        return;
    }
    settle(app);
    CHECK_INT(c, app->s.model.config.vocab_size, 20480);
    gf_app_key_named(app, "o");
    gf_app_key_named(app, "enter");   /* 01-ay, on the default model */
    settle(app);
    if (CHECK(c, app->lesson != NULL)) {
        CHECK_STR(c, app->lesson->lesson.title, "Ay");
        CHECK_INT(c, app->s.model.config.vocab_size, 8192);
        CHECK_STR(c, app->s.prompt, "ay");
    }
    viewer_fixture_close(app);
    unsetenv("GLASSFORMER_LESSONS");
}

/* The Russian lesson under --lang: the same file name, Russian labels; a
 * bare file name is the shipped lesson of that language. */
static void test_lang(check_ctx *c, const char *lessons)
{
    char path[1024], err[512] = "";
    snprintf(path, sizeof path, "%s/en/00-tour.lesson", lessons);
    char *argv[] = {"glassformer", "--lesson", path, "--lang", "ru", "--lesson-step", "10"};
    gf_options opt;
    if (!CHECK(c, gf_options_parse(&opt, 7, argv, err, sizeof err)))
        return;
    int status = 0;
    gf_lesson_player *p = gf_lesson_player_open(&opt, &status, err, sizeof err);
    if (!CHECK(c, p != NULL))
        return;
    char want[1200];
    snprintf(want, sizeof want, "%s/ru/00-tour.lesson", lessons);
    CHECK_STR(c, p->path, want);
    CHECK_STR(c, opt.analogy, "король - мужчина + женщина");
    CHECK_STR(c, opt.stage, "analogy");
    gf_lesson_player_free(p);
    /* A bare file name that is no file here: the shipped lesson of --lang
     * ($GLASSFORMER_LESSONS/ru/00-tour.lesson), in Russian. */
    const char *saved = getenv("GLASSFORMER_LESSONS");
    char saved_copy[1024] = "";
    if (saved != NULL)
        snprintf(saved_copy, sizeof saved_copy, "%s", saved);
    setenv("GLASSFORMER_LESSONS", lessons, 1);
    char *bare[] = {"glassformer", "--lesson", "00-tour.lesson", "--lang", "ru"};
    if (CHECK(c, gf_options_parse(&opt, 5, bare, err, sizeof err))) {
        p = gf_lesson_player_open(&opt, &status, err, sizeof err);
        if (CHECK(c, p != NULL)) {
            snprintf(want, sizeof want, "%s/ru/00-tour.lesson", lessons);
            CHECK_STR(c, p->path, want);
            CHECK_STR(c, opt.lang, "ru");
            gf_lesson_player_free(p);
        } else {
            fprintf(stderr, "  %s\n", err);
        }
    }
    if (saved != NULL)
        setenv("GLASSFORMER_LESSONS", saved_copy, 1);
    else
        unsetenv("GLASSFORMER_LESSONS");
    /* Out of range: a usage error. */
    char *bad[] = {"glassformer", "--lesson", path, "--lesson-step", "11"};
    CHECK(c, gf_options_parse(&opt, 5, bad, err, sizeof err));
    CHECK(c, gf_lesson_player_open(&opt, &status, err, sizeof err) == NULL);
    CHECK_INT(c, status, GF_LESSON_OPEN_USAGE);
    snprintf(want, sizeof want, "--lesson-step 11: %s has steps 1..10", path);
    CHECK_STR(c, err, want);
}

/* ---- Every step of every lesson, in process -------------------------------- */

/* The steps rendered: all of them in a plain build; under the sanitizers
 * the first, the last and every step that switches the model. */
static bool step_sampled(const gf_lesson *l, int i)
{
    if (SANITIZED == 0 || i == 0 || i == l->n_steps - 1)
        return true;
    return strcmp(l->steps[i].model, l->steps[i - 1].model) != 0;
}

/* One lesson at one size, its steps in order in one app (a model is opened
 * only when a step switches to it): each step's view is the step's (not
 * "exploring"), its text has no "…" (a value that could not be computed),
 * and no text lands on other text, runs past the window or is cut. */
static void render_steps(check_ctx *c, const char *path, int width, int height, bool large,
                         int *frames)
{
    gf_lesson l;
    gf_error e;
    if (!CHECK(c, gf_lesson_load(path, &l, &e) == GF_OK)) {
        fprintf(stderr, "  %s\n", e.message);
        return;
    }
    gf_lesson_player *p = NULL;
    gf_app *app = open_lesson_at(c, path, 1, width, height, large, &p);
    if (app == NULL) {
        gf_lesson_free(&l);
        return;
    }
    app->ui.record_text = true;
    for (int i = 0; i < l.n_steps; i++) {
        if (!step_sampled(&l, i))
            continue;
        go(app, i);
        gf_headless_frame(app);
        (*frames)++;
        char text[4096];
        filled(app, text, sizeof text);
        int a = 0, b = 0;
        bool overlap = text_find_overlap(&app->ui, &a, &b);
        bool ok = CHECK_INT(c, p->step, i) & CHECK(c, !gf_lesson_exploring(app)) &
                  CHECK(c, strstr(text, "\u2026") == NULL) & CHECK(c, !overlap) &
                  CHECK_INT(c, app->ui.n_cuts, 0);
        if (!ok)
            fprintf(stderr, "  %s step %d at %dx%d%s: %d cut (first \"%.60s\"); message: %s\n",
                    path, i + 1, width, height, large ? " large" : "", app->ui.n_cuts,
                    app->ui.n_cuts > 0 ? app->ui.cuts[0].text : "", app->message);
        if (overlap) {
            const gf_ui_text_rect *ta = &app->ui.text_rects[a], *tb = &app->ui.text_rects[b];
            fprintf(stderr, "    overlap \"%.40s\" (%d,%d %dx%d) / \"%.40s\" (%d,%d %dx%d)\n",
                    ta->text, ta->r.x, ta->r.y, ta->r.w, ta->r.h, tb->text, tb->r.x, tb->r.y,
                    tb->r.w, tb->r.h);
        }
    }
    viewer_fixture_close(app);
    gf_lesson_free(&l);
}

/* Every shipped lesson in each language, at the classroom's projector size
 * (1920×1080, large font), at 1280×720 and at an old projector's 1024×768
 * in large-font mode. */
static void test_every_step(check_ctx *c, const char *lessons)
{
    static const char *const langs[] = {"en", "ru"};
    int frames = 0, files = 0;
    for (size_t k = 0; k < 2; k++) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s/%s", lessons, langs[k]);
        struct dirent **names = NULL;
        int n = scandir(dir, &names, NULL, alphasort);
        if (!CHECK(c, n >= 0))
            continue;
        for (int i = 0; i < n; i++) {
            size_t len = strlen(names[i]->d_name);
            if (len > 7 && strcmp(names[i]->d_name + len - 7, ".lesson") == 0) {
                char path[2048];
                snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
                render_steps(c, path, 1920, 1080, true, &frames);
                render_steps(c, path, 1280, 720, false, &frames);
                render_steps(c, path, 1024, 768, true, &frames);   /* school projectors */
                files++;
            }
            free(names[i]);
        }
        free(names);
    }
    CHECK(c, files >= 2);
    CHECK(c, frames >= 2 * files);
    printf("every step: %d lesson files, %d frames\n", files, frames);
}

/* ---- Through the binary ---------------------------------------------- */

/* The picture exists, has the size asked for and is not blank. */
static bool picture_ok(const char *path)
{
    SDL_Surface *img = IMG_Load(path);
    if (img == NULL)
        return false;
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(img, SDL_PIXELFORMAT_RGB888, 0);
    SDL_FreeSurface(img);
    if (rgb == NULL)
        return false;
    uint32_t seen[16];
    int k = 0;
    for (int y = 0; y < rgb->h && k < 16; y += 7)
        for (int x = 0; x < rgb->w && k < 16; x += 11) {
            uint32_t px = ((const uint32_t *)((const uint8_t *)rgb->pixels + (size_t)y * rgb->pitch))[x];
            int j = 0;
            while (j < k && seen[j] != px)
                j++;
            if (j == k)
                seen[k++] = px;
        }
    bool ok = rgb->w == 960 && rgb->h == 540 && k >= 8;
    SDL_FreeSurface(rgb);
    return ok;
}

static void render_lesson(check_ctx *c, const char *exe, const char *path, int *rendered)
{
    gf_lesson l;
    gf_error e;
    if (!CHECK(c, gf_lesson_load(path, &l, &e) == GF_OK)) {
        fprintf(stderr, "  %s\n", e.message);
        return;
    }
    /* The binary's --lesson-step path: the first and the last step (every
     * step is rendered in process: test_every_step). */
    for (int i = 0; i < l.n_steps; i += l.n_steps > 1 ? l.n_steps - 1 : 1) {
        char out[512], file[96], step[16];
        snprintf(file, sizeof file, "lesson_step_%d.png", i + 1);
        check_tmp_path(out, sizeof out, file);
        remove(out);
        snprintf(step, sizeof step, "%d", i + 1);
        char *args[] = {"--lesson", (char *)path, "--lesson-step", step, "--size", "960x540",
                        "--screenshot", out, NULL};
        bool ok = CHECK_INT(c, run_viewer(exe, args, NULL), 0) && CHECK(c, picture_ok(out));
        if (!ok)
            fprintf(stderr, "  %s step %d\n", path, i + 1);
        (*rendered)++;
    }
    /* Out of range both ways: usage errors. */
    char beyond[16];
    snprintf(beyond, sizeof beyond, "%d", l.n_steps + 1);
    char *past[] = {"--lesson", (char *)path, "--lesson-step", beyond, "--screenshot", "x.png", NULL};
    CHECK_INT(c, run_viewer(exe, past, "/dev/null"), 2);
    char *zero[] = {"--lesson", (char *)path, "--lesson-step", "0", "--screenshot", "x.png", NULL};
    CHECK_INT(c, run_viewer(exe, zero, "/dev/null"), 2);
    gf_lesson_free(&l);
}

static void test_binary(check_ctx *c, const char *exe, const char *lessons)
{
    int rendered = 0, files = 0;
    static const char *const langs[] = {"en", "ru"};
    for (size_t k = 0; k < 2; k++) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s/%s", lessons, langs[k]);
        DIR *d = opendir(dir);
        if (!CHECK(c, d != NULL))
            continue;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            size_t n = strlen(e->d_name);
            if (n < 8 || strcmp(e->d_name + n - 7, ".lesson") != 0)
                continue;
            char path[2048];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            render_lesson(c, exe, path, &rendered);
            files++;
        }
        closedir(d);
    }
    CHECK(c, files >= 2);
    CHECK(c, rendered >= 2 * files);
    /* A broken lesson: exit 1, one line naming file:line:col. */
    char bad[512], err_file[512];
    check_tmp_path(bad, sizeof bad, "broken.lesson");
    check_tmp_path(err_file, sizeof err_file, "broken.err");
    FILE *f = fopen(bad, "w");
    if (!CHECK(c, f != NULL))
        return;
    fputs("title: Broken\n---\nlayer: one\n", f);
    fclose(f);
    char *args[] = {"--lesson", bad, "--screenshot", "x.png", NULL};
    CHECK_INT(c, run_viewer(exe, args, err_file), 1);
    char line[1024] = "", want[1100];
    f = fopen(err_file, "r");
    if (CHECK(c, f != NULL)) {
        if (fgets(line, sizeof line, f) == NULL)
            line[0] = '\0';
        fclose(f);
    }
    snprintf(want, sizeof want, "glassformer: %s:3:8: expected a layer number from 0\n", bad);
    CHECK_STR(c, line, want);
}

int main(int argc, char **argv)
{
    check_ctx c;
    check_begin(&c, "test_viewer_lesson");
    if (argc < 3) {
        fprintf(stderr, "usage: test_viewer_lesson PATH-TO-glassformer LESSONS-DIR\n");
        return 2;
    }
    test_screen_names(&c);
    /* The band's texts in every language. */
    char err[512] = "";
    gf_texts tx;
    char text_dir[1024];
    gf_options none;
    memset(&none, 0, sizeof none);
    gf_options_text_dir(&none, text_dir, sizeof text_dir);
    for (int lang = 0; lang < GF_LANG_COUNT; lang++)
        if (CHECK(&c, gf_texts_load(&tx, (gf_lang)lang, text_dir, err, sizeof err))) {
            const char *missing = gf_lesson_text_missing(&tx);
            if (!CHECK(&c, missing == NULL))
                fprintf(stderr, "  %s lacks %s\n", gf_lang_code((gf_lang)lang), missing);
            gf_texts_free(&tx);
        }
    test_tour(&c, argv[2]);
    test_lang(&c, argv[2]);
    test_new_keys(&c);
    test_picker(&c);
    test_every_step(&c, argv[2]);
    test_binary(&c, argv[1], argv[2]);
    return check_end(&c);
}
