/* bench_viewer.c — how fast the viewer answers, on a GPT-2-124M-shaped
 * random model, with headless software rendering at 1920×1080. Not a test;
 * wall-clock figures, noisy on a shared machine. It prints:
 *
 *   worst key→frame during background work — from injecting a key (Space,
 *     T, →, ←, ↑, ↓, Tab, then 20 typed characters) to the end of the next
 *     presented frame, while the worker computes the temperature lanes (40
 *     tokens each) on a 64-token prompt (newly shown views build their
 *     textures in that frame);
 *   first frame — from the start of main to the first presented frame (the
 *     loading frame), as `glassformer --random gpt2` starts;
 *   results on screen — from the start of main to the first frame showing
 *     model values;
 *
 * then a table on a 256-token prompt: start-up parts, frame time per stage
 * view (first frame builds textures, later frames hit the caches) and step
 * latency (Space until its token is on screen). */
#include "app.h"
#include "screenshot.h"
#include "work.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PROMPT_TOKENS 256
#define LANES_PROMPT_TOKENS 64
#define TYPED_CHARS 20
#define LANE_TOKENS "40"  /* lanes long enough to outlast the keys (the default is 12) */
#define STEADY_FRAMES 5
#define W 1920
#define H 1080

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* This process's CPU time (what other programs on the machine don't add). */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void pause_ms(int ms)
{
    struct timespec ts = {0, (long)ms * 1000000L};
    nanosleep(&ts, NULL);
}

/* Byte-level tokenizer: one token per ASCII character. */
static void make_prompt(char *buf, int n)
{
    const char *text = "the quick brown fox jumps over the lazy dog ";
    for (int i = 0; i < n; i++)
        buf[i] = text[i % (int)strlen(text)];
    buf[n] = '\0';
}

static void close_app(gf_app *app)
{
    if (app == NULL)
        return;
    gf_headless_free(app);
    gf_app_free(app);
    free(app);
}

/* As main starts a window: the worker opens the model (leaving the UI a
 * core) while the UI makes its fonts and draws. prompt NULL: the default. */
static gf_app *start_app(const char *preset, const char *prompt, char *err, size_t err_size)
{
    char *args[] = {"glassformer", "--random", (char *)preset, "--lane-tokens", LANE_TOKENS,
                    "--prompt", (char *)prompt};
    gf_options opt;
    gf_app *app = calloc(1, sizeof *app);
    if (app == NULL || !gf_options_parse(&opt, prompt != NULL ? 7 : 5, args, err, err_size) ||
        !gf_app_start(app, &opt, true, err, err_size) || !gf_headless_init(app, W, H, err, err_size)) {
        close_app(app);
        return NULL;
    }
    return app;
}

/* Start-up: main's start to the first frame and to the first frame with
 * model values (the worker's results are taken between frames, as the
 * window loop does when the worker's event wakes it). */
static bool bench_startup(const char *preset, double *first, double *results, char *err,
                          size_t err_size)
{
    double t0 = now_ms();
    gf_app *app = start_app(preset, NULL, err, err_size);
    if (app == NULL)
        return false;
    gf_headless_frame(app);
    *first = now_ms() - t0;
    while (gf_app_loading(app)) {
        gf_worker_wait(&app->work->worker);
        gf_app_work_poll(app);
    }
    bool ok = !gf_app_failed(app, err, err_size);
    gf_headless_frame(app);
    *results = now_ms() - t0;
    close_app(app);
    return ok;
}

typedef struct {
    const char *name;
    SDL_Scancode code;   /* 0: a typed character */
    uint16_t mod;
} bench_key;

/* Keys while the lanes compute: the longest key→frame. */
static bool bench_keys(const char *preset, double *worst, char *err, size_t err_size)
{
    char prompt[LANES_PROMPT_TOKENS + 1];
    make_prompt(prompt, LANES_PROMPT_TOKENS);
    gf_app *app = start_app(preset, prompt, err, err_size);
    if (app == NULL || !gf_app_settle(app, err, err_size)) {
        close_app(app);
        return false;
    }
    gf_stepper_goto(&app->st, GF_STAGE_SOFTMAX);
    gf_stepper_set_layer(&app->st, app->s.model.config.n_layer / 2);
    gf_headless_frame(app);
    static const bench_key keys[] = {
        {"T (lanes start)", SDL_SCANCODE_T, 0}, {"Space", SDL_SCANCODE_SPACE, 0},
        {"T (back)", SDL_SCANCODE_T, 0},        {"→", SDL_SCANCODE_RIGHT, 0},
        {"←", SDL_SCANCODE_LEFT, 0},            {"↑", SDL_SCANCODE_UP, 0},
        {"↓", SDL_SCANCODE_DOWN, 0},            {"Tab", SDL_SCANCODE_TAB, 0},
        {"Ctrl+L (edit)", SDL_SCANCODE_L, KMOD_LCTRL},
    };
    const int n_keys = (int)(sizeof keys / sizeof keys[0]);
    printf("%-26s %10s %12s\n", "key (1920x1080)", "ms", "worker");
    *worst = 0.0;
    int during = 0, measured = 0;
    for (int i = 0; i < n_keys + TYPED_CHARS; i++) {
        bool typed = i >= n_keys;
        char ch[2] = {(char)('a' + (i - n_keys) % 26), '\0'};
        bool busy = gf_app_busy(app);
        uint64_t generation = app->s.generation;
        double t = now_ms();
        if (typed)
            gf_app_text(app, ch);
        else
            gf_app_key_down(app, keys[i].code, keys[i].mod);
        gf_app_work_poll(app);
        gf_headless_frame(app);
        double dt = now_ms() - t;
        busy = busy || gf_app_busy(app);
        /* Ctrl+L only opens the prompt line for the typing. */
        bool counted = typed || keys[i].code != SDL_SCANCODE_L;
        if (counted) {
            measured++;
            during += busy;
            *worst = busy && dt > *worst ? dt : *worst;
        }
        if (!typed || i == n_keys || i == n_keys + TYPED_CHARS - 1)
            printf("  %-24s %10.1f %12s\n", typed ? (i == n_keys ? "first typed char" : "last typed char")
                                                  : keys[i].name,
                   dt, busy ? "computing" : "idle");
        pause_ms(30);  /* a fast typist */
        gf_app_work_poll(app);
        /* After Space: its token first, then the lanes start again (on the
         * temperature screen) before the next key. */
        while (i == 1 && (app->s.generation == generation || app->work->running != GF_WORK_LANES) &&
               gf_app_busy(app)) {
            gf_worker_wait(&app->work->worker);
            gf_app_work_poll(app);
        }
    }
    printf("  %d of %d keys while the worker computed (only those count)\n\n", during, measured);
    close_app(app);
    return true;
}

/* The analogy screen: opening it (loads the word vectors), then each
 * keystroke of an expression typed into its line → the next frame. Wall and
 * CPU time apart: on a shared machine the wall clock also counts other
 * programs. The update (parse, look up, nearest of 50,000, PCA) and the frame
 * (software renderer) are timed separately. */
static void bench_analogy(gf_app *app)
{
    double s = now_ms();
    gf_app_key_down(app, SDL_SCANCODE_A, 0);
    gf_headless_frame(app);
    printf("%-34s %10.1f\n", "analogy screen (A → frame)", now_ms() - s);
    gf_app_key_down(app, SDL_SCANCODE_U, KMOD_LCTRL);
    const char *typed = "king - man + woman";
    double update_wall = 0.0, update_cpu = 0.0, frame_wall = 0.0, frame_cpu = 0.0, worst = 0.0;
    int n_keys = (int)strlen(typed);
    for (int i = 0; i < n_keys; i++) {
        char ch[2] = {typed[i], '\0'};
        double w0 = now_ms(), c0 = cpu_ms();
        gf_app_text(app, ch);
        double w1 = now_ms(), c1 = cpu_ms();
        gf_headless_frame(app);
        double w2 = now_ms(), c2 = cpu_ms();
        update_wall += w1 - w0, update_cpu += c1 - c0;
        frame_wall += w2 - w1, frame_cpu += c2 - c1;
        worst = w2 - w0 > worst ? w2 - w0 : worst;
    }
    printf("analogy keystroke, mean of %d keys  wall ms   CPU ms\n", n_keys);
    printf("%-34s %7.2f %8.2f\n", "  update (parse … nearest, PCA)", update_wall / n_keys,
           update_cpu / n_keys);
    printf("%-34s %7.2f %8.2f\n", "  frame", frame_wall / n_keys, frame_cpu / n_keys);
    printf("%-34s %7.2f\n", "  keystroke → frame, worst (wall)", worst);
    double w0 = now_ms(), c0 = cpu_ms();
    for (int i = 0; i < STEADY_FRAMES; i++)
        gf_headless_frame(app);
    printf("%-34s %7.2f %8.2f\n", "  a frame with nothing new", (now_ms() - w0) / STEADY_FRAMES,
           (cpu_ms() - c0) / STEADY_FRAMES);
}

static int bench_table(const char *preset)
{
    char prompt[PROMPT_TOKENS + 1];
    make_prompt(prompt, PROMPT_TOKENS);
    char *args[] = {"glassformer", "--random", (char *)preset, "--prompt", prompt};
    gf_options opt;
    char err[512] = "";
    if (!gf_options_parse(&opt, 5, args, err, sizeof err)) {
        fprintf(stderr, "bench_viewer: %s\n", err);
        return 1;
    }
    gf_app *app = calloc(1, sizeof *app);
    if (app == NULL)
        return 1;
    double t0 = now_ms();
    bool ok = gf_app_open(app, &opt, err, sizeof err);
    double t_open = now_ms();
    ok = ok && gf_headless_init(app, W, H, err, sizeof err);
    double t_ui = now_ms();
    if (!ok) {
        fprintf(stderr, "bench_viewer: %s\n", err);
        close_app(app);
        return 1;
    }
    gf_headless_frame(app);
    double t_first = now_ms();
    const gf_config *cfg = &app->s.model.config;
    printf("random %s (V=%d C=%d L=%d H=%d F=%d), prompt %d tokens, waiting for the model:\n",
           preset, cfg->vocab_size, cfg->n_embd, cfg->n_layer, cfg->n_head, cfg->n_inner,
           app->s.n_tokens);
    printf("%-34s %10s\n", "startup", "ms");
    printf("%-34s %10.1f\n", "  model init + forward (open)", t_open - t0);
    printf("%-34s %10.1f\n", "  fonts + renderer", t_ui - t_open);
    printf("%-34s %10.1f\n", "  one frame of the tokens view", t_first - t_ui);
    printf("%-34s %10.1f\n\n", "  total, open to that frame", t_first - t0);

    printf("%-14s %12s %14s\n", "view", "first (ms)", "steady (ms)");
    gf_stepper_set_layer(&app->st, cfg->n_layer / 2);
    for (int i = 0; i < app->st.n_stages; i++) {
        app->st.stage = i;
        double a = now_ms();
        gf_headless_frame(app);
        double b = now_ms();
        for (int k = 0; k < STEADY_FRAMES; k++)
            gf_headless_frame(app);
        double e = now_ms();
        printf("%-14s %12.2f %14.2f\n", gf_stage_get(app->st.stages[i])->key, b - a,
               (e - b) / STEADY_FRAMES);
    }
    app->screen = GF_SCREEN_OVERVIEW;
    double a = now_ms();
    gf_headless_frame(app);
    double b = now_ms();
    for (int k = 0; k < STEADY_FRAMES; k++)
        gf_headless_frame(app);
    printf("%-14s %12.2f %14.2f\n\n", "overview", b - a, (now_ms() - b) / STEADY_FRAMES);
    app->screen = GF_SCREEN_STAGE;

    printf("%-34s %10s\n", "Space → its token on screen", "ms");
    gf_stepper_goto(&app->st, GF_STAGE_SOFTMAX);
    for (int k = 0; k < 3; k++) {
        double s = now_ms();
        gf_app_key_down(app, SDL_SCANCODE_SPACE, 0);
        gf_app_settle(app, err, sizeof err);
        gf_headless_frame(app);
        printf("  token %-27d %10.1f\n", app->s.n_tokens, now_ms() - s);
    }
    double s = now_ms();
    gf_app_key_down(app, SDL_SCANCODE_RIGHT, 0);
    gf_headless_frame(app);
    printf("%-34s %10.1f\n", "stage step (→ → frame)", now_ms() - s);
    bench_analogy(app);
    printf("\ntext cache: %llu hits, %llu misses; heatmap textures built: %llu\n",
           (unsigned long long)app->ui.text.hits, (unsigned long long)app->ui.text.misses,
           (unsigned long long)app->ui.heat_cache.builds);
    close_app(app);
    return 0;
}

int main(int argc, char **argv)
{
    const char *preset = argc > 1 ? argv[1] : "gpt2";
    char err[512] = "";
    double first = 0, results = 0, worst = 0;
    printf("viewer benchmark: random %s, 1920x1080, software renderer (%d cores)\n\n", preset,
           SDL_GetCPUCount());
    if (!bench_startup(preset, &first, &results, err, sizeof err) ||
        !bench_keys(preset, &worst, err, sizeof err)) {
        fprintf(stderr, "bench_viewer: %s\n", err);
        return 1;
    }
    printf("worst key→frame during background work: %.1f ms\n", worst);
    printf("first frame: %.1f ms\n", first);
    printf("results on screen: %.1f ms\n\n", results);
    return bench_table(preset);
}
