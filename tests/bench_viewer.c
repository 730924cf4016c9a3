/* bench_viewer.c — how fast the viewer is on a GPT-2-124M-shaped random
 * model with a 256-token prompt: startup to the first frame, frame time per
 * stage view (first frame builds textures, later frames hit the caches) and
 * step latency (Space: sample + one incremental forward step + frame).
 * Headless software rendering at 1920×1080. Prints a table; not a test. */
#include "app.h"
#include "screenshot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PROMPT_TOKENS 256
#define STEADY_FRAMES 5

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    const char *preset = argc > 1 ? argv[1] : "gpt2";
    /* Byte-level tokenizer: one token per ASCII character. */
    char prompt[PROMPT_TOKENS + 1];
    const char *text = "the quick brown fox jumps over the lazy dog ";
    for (int i = 0; i < PROMPT_TOKENS; i++)
        prompt[i] = text[i % (int)strlen(text)];
    prompt[PROMPT_TOKENS] = '\0';
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
    ok = ok && gf_headless_init(app, 1920, 1080, err, sizeof err);
    double t_ui = now_ms();
    if (!ok) {
        fprintf(stderr, "bench_viewer: %s\n", err);
        gf_headless_free(app);
        gf_app_free(app);
        free(app);
        return 1;
    }
    gf_headless_frame(app);
    double t_first = now_ms();
    const gf_config *cfg = &app->s.model.config;
    printf("viewer benchmark: random %s (V=%d C=%d L=%d H=%d F=%d), prompt %d tokens, 1920x1080, "
           "software renderer\n\n", preset, cfg->vocab_size, cfg->n_embd, cfg->n_layer, cfg->n_head,
           cfg->n_inner, app->s.n_tokens);
    printf("%-34s %10s\n", "startup", "ms");
    printf("%-34s %10.1f\n", "  model init + forward (open)", t_open - t0);
    printf("%-34s %10.1f\n", "  fonts + renderer", t_ui - t_open);
    printf("%-34s %10.1f\n", "  first frame", t_first - t_ui);
    printf("%-34s %10.1f\n\n", "  total to first frame", t_first - t0);

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

    printf("%-34s %10s\n", "step latency (Space → frame)", "ms");
    gf_stepper_goto(&app->st, GF_STAGE_SOFTMAX);
    for (int k = 0; k < 3; k++) {
        double s = now_ms();
        gf_app_key_down(app, SDL_SCANCODE_SPACE, 0);
        gf_headless_frame(app);
        printf("  token %-27d %10.1f\n", app->s.n_tokens, now_ms() - s);
    }
    double s = now_ms();
    gf_app_key_down(app, SDL_SCANCODE_RIGHT, 0);
    gf_headless_frame(app);
    printf("%-34s %10.1f\n", "stage step (→ → frame)", now_ms() - s);
    printf("\ntext cache: %llu hits, %llu misses; heatmap textures built: %llu\n",
           (unsigned long long)app->ui.text.hits, (unsigned long long)app->ui.text.misses,
           (unsigned long long)app->ui.heat_cache.builds);
    gf_headless_free(app);
    gf_app_free(app);
    free(app);
    return 0;
}
