/* test_viewer_monkey.c — a monkey test of the viewer: thousands of random
 * events (every key of the key table and random scancodes with random
 * modifiers, typed text in ASCII, Cyrillic, emoji and invalid UTF-8, mouse
 * moves, clicks, drags and wheel steps at random places, window resizes) on
 * the shipped models, headless, from fixed seeds. After every event the
 * app's invariants must hold and a frame must complete; frame durations are
 * printed, not asserted (this machine is shared and noisy).
 *
 * GF_MONKEY_EVENTS=N sets the random events per model (default: 1000, or
 * 300 in a sanitizer build: 3000 / 900 over the three models). The quit question's yes (Enter) only sets app->quit; the
 * test clears it and goes on. */
#include "check.h"

#include "app.h"
#include "screenshot.h"
#include "tokenizer.h"
#include "work.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
#define MONKEY_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define MONKEY_SANITIZED 1
#endif
#endif
#ifndef MONKEY_SANITIZED
#define MONKEY_SANITIZED 0
#endif

#define MONKEY_MAX_W 2200
#define MONKEY_MAX_H 1400

/* ---- the test's own PRNG: xoshiro256** seeded through splitmix64 ---- */

typedef struct {
    uint64_t s[4];
} monkey_rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static void rng_seed(monkey_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(monkey_rng *r)
{
    uint64_t *s = r->s;
    uint64_t out = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

/* Uniform in [0, n) (n > 0; the modulo bias is irrelevant here). */
static int rng_below(monkey_rng *r, int n) { return (int)(rng_next(r) % (uint64_t)n); }

/* Uniform in [lo, hi]. */
static int rng_range(monkey_rng *r, int lo, int hi) { return lo + rng_below(r, hi - lo + 1); }

/* ---- what the monkey types ---- */

static const char *const typed_valid[] = {
    "привет", "Жили-были дед да баба", "ё", "Ё", "щ", "ъь", "кот", "Москва ", "съешь же",
    "😀", "🐈", "👩‍🏫", "🇷🇺", "❤️", "a😀b", "日本", "é", "\t", " ", "  ", "hello world",
    "the cat sat", "Ω", "\u00a0", "\u200b", "\ufeff", "I", "x", ".", ",", "'", "\"",
};

static const char *const typed_invalid[] = {
    "\xff", "\xfe\xff", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
    "\xd0", "\xe2\x82", "\xf0\x9f\x98", "\x80", "\xbf\xbf", "ab\xd0", "\xd0\xd0\xbf",
    "\xf8\x88\x80\x80\x80", "\xc1\xbf", "при\xd0вет", "\xef\xbb",
};

/* One text input event's bytes (NUL-terminated, at most size − 1 of them). */
static void random_text(monkey_rng *r, char *buf, size_t size)
{
    int kind = rng_below(r, 5);
    if (kind == 0) {                               /* printable ASCII */
        int n = rng_range(r, 1, 6);
        for (int i = 0; i < n; i++)
            buf[i] = (char)rng_range(r, 0x20, 0x7e);
        buf[n] = '\0';
    } else if (kind == 1) {                        /* random bytes, NUL excluded */
        int n = rng_range(r, 1, 8);
        for (int i = 0; i < n; i++)
            buf[i] = (char)rng_range(r, 1, 255);
        buf[n] = '\0';
    } else if (kind == 2) {
        snprintf(buf, size, "%s", typed_invalid[rng_below(r, (int)(sizeof typed_invalid / sizeof *typed_invalid))]);
    } else {
        snprintf(buf, size, "%s", typed_valid[rng_below(r, (int)(sizeof typed_valid / sizeof *typed_valid))]);
    }
}

static const uint16_t modifiers[] = {
    0, 0, 0, KMOD_LSHIFT, KMOD_RSHIFT, KMOD_LCTRL, KMOD_RCTRL, KMOD_LALT, KMOD_LSHIFT | KMOD_LCTRL,
    KMOD_LGUI, KMOD_CAPS, KMOD_NUM, KMOD_MODE, KMOD_LCTRL | KMOD_LALT,
};

/* ---- invariants ---- */

static bool valid_utf8_string(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    return n < max && gf_utf8_valid(s, n, NULL);
}

/* The app's state is consistent; on the first failure names it in why. */
static bool app_invariants(gf_app *app, char *why, size_t size)
{
#define REQUIRE(cond) \
    do { \
        if (!(cond)) { \
            snprintf(why, size, "%s", #cond); \
            return false; \
        } \
    } while (0)
    REQUIRE(app->screen >= 0 && app->screen < GF_SCREEN_COUNT);
    REQUIRE(app->screen != GF_SCREEN_HELP && app->screen != GF_SCREEN_QUIT &&
            app->screen != GF_SCREEN_LESSONS);
    REQUIRE(app->overlay == GF_SCREEN_NONE || app->overlay == GF_SCREEN_HELP ||
            app->overlay == GF_SCREEN_QUIT || app->overlay == GF_SCREEN_LESSONS);
    /* A lesson picked with O that plays another model opens it in the
     * background: until it is there the app has no session, only loading. */
    REQUIRE(app->has_ui && (app->has_session || gf_app_loading(app)));
    if (!app->has_session)
        return true;
    const gf_session *s = &app->s;
    const gf_config *cfg = &s->model.config;
    REQUIRE(s->n_tokens >= 0 && s->n_tokens <= s->capacity);
    REQUIRE(s->n_prompt >= 0 && s->n_prompt <= s->n_tokens);
    for (int t = 0; t < s->n_tokens; t++)
        REQUIRE(s->tokens[t] >= 0 && s->tokens[t] < cfg->vocab_size);
    REQUIRE(valid_utf8_string(s->prompt, sizeof s->prompt));
    REQUIRE(valid_utf8_string(app->edit, sizeof app->edit));
    const gf_stepper *st = &app->st;
    REQUIRE(st->n_layer == cfg->n_layer && st->n_head == cfg->n_head);
    REQUIRE(st->n_stages > 0 && st->stage >= 0 && st->stage < st->n_stages);
    REQUIRE(st->layer >= 0 && st->layer < st->n_layer);
    REQUIRE(st->head >= 0 && st->head < st->n_head);
    REQUIRE(st->n_tokens >= 0 && st->n_tokens <= s->capacity);
    REQUIRE(st->position >= 0 && st->position < (st->n_tokens > 0 ? st->n_tokens : 1));
    REQUIRE(isfinite(app->temperature) && app->temperature >= 0.0f && app->temperature <= 5.0f);
    REQUIRE(isfinite(app->zoom) && app->zoom > 0.0f);
    REQUIRE(app->heat_zoom >= 1);
    REQUIRE(app->temp.selected >= 0 && app->temp.selected < GF_TEMP_LANES);
    for (int i = 0; i < GF_TEMP_LANES; i++)
        REQUIRE(app->temp.lanes[i].n_tokens >= 0 &&
                app->temp.lanes[i].n_tokens <= GF_TEMP_TOKENS_MAX);
    REQUIRE(strnlen(app->message, sizeof app->message) < sizeof app->message);
    return true;
#undef REQUIRE
}

/* ---- one run ---- */

typedef struct {
    double frame_ms_max, frame_ms_sum;
    long frames, events, quits, resizes, texts, keys, mice;
    unsigned screens_seen;        /* bit per gf_screen drawn              */
    int stages_seen;              /* bit per stepper stage index drawn    */
} monkey_stats;

static int bit_count(unsigned bits)
{
    int n = 0;
    for (; bits != 0; bits &= bits - 1)
        n++;
    return n;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void frame(gf_app *app, monkey_stats *stats)
{
    double t0 = now_ms();
    gf_headless_frame(app);
    double ms = now_ms() - t0;
    stats->frames++;
    stats->frame_ms_sum += ms;
    if (ms > stats->frame_ms_max)
        stats->frame_ms_max = ms;
}

/* The key that opens screen id (0: none; then Esc, which leads back). */
static SDL_Scancode screen_key(int id)
{
    const gf_screen_def *def = gf_screen_get((gf_screen)id);
    return def != NULL && def->key != 0 ? def->key : SDL_SCANCODE_ESCAPE;
}

/* A key: a row of the key table or of the screen table (its scancode, with a random modifier) or
 * any scancode at all. F12 (screenshot) is left out: it writes files. */
static void random_key(monkey_rng *r, gf_app *app, const gf_key_binding *table, int n_table)
{
    SDL_Scancode code;
    int pick = rng_below(r, 8);
    if (pick < 5)
        code = table[rng_below(r, n_table)].code;
    else if (pick < 7)                          /* the keys that open screens */
        code = screen_key(rng_below(r, GF_SCREEN_COUNT));
    else
        code = (SDL_Scancode)rng_below(r, SDL_NUM_SCANCODES);
    uint16_t mod = modifiers[rng_below(r, (int)(sizeof modifiers / sizeof *modifiers))];
    gf_command cmd;
    int arg;
    if (gf_key_lookup(app->screen, app->editing, code, mod, &cmd, &arg) &&
        cmd == GF_CMD_SCREENSHOT)
        return;
    gf_app_key_down(app, code, mod);
}

/* Close the current surface and render at a new size (≥ the minimum). */
static bool resize(monkey_rng *r, gf_app *app, char *err, size_t err_size)
{
    int w = rng_range(r, GF_MIN_WIDTH, MONKEY_MAX_W);
    int h = rng_range(r, GF_MIN_HEIGHT, MONKEY_MAX_H);
    gf_headless_free(app);
    return gf_headless_init(app, w, h, err, err_size);
}

/* Every key of the table once first (so none is left to chance), then
 * random events. */
static void run_monkey(check_ctx *c, const char *model_dir, uint64_t seed, int n_events,
                       monkey_stats *stats)
{
    char err[512];
    char *argv[] = {"glassformer", "--model", (char *)model_dir, "--prompt",
                    "Жили-были дед да баба. The cat", "--seed", "7"};
    gf_options opt;
    if (!CHECK(c, gf_options_parse(&opt, 7, argv, err, sizeof err))) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    gf_app *app = calloc(1, sizeof *app);
    if (!CHECK(c, app != NULL))
        return;
    if (!CHECK(c, gf_app_open(app, &opt, err, sizeof err) &&
                      gf_headless_init(app, 1280, 720, err, sizeof err))) {
        fprintf(stderr, "  %s: %s\n", model_dir, err);
        gf_headless_free(app);
        gf_app_free(app);
        free(app);
        return;
    }
    /* The quit question's yes only asks the loop to end: Esc until it is
     * asked, Enter, and the test clears the request and goes on. */
    for (int i = 0; i < 6 && app->overlay != GF_SCREEN_QUIT; i++)
        gf_app_key_down(app, SDL_SCANCODE_ESCAPE, 0);
    CHECK_INT(c, app->overlay, GF_SCREEN_QUIT);
    gf_app_key_down(app, SDL_SCANCODE_RETURN, 0);
    CHECK(c, app->quit);
    app->quit = false;
    int n_table = 0;
    const gf_key_binding *table = gf_key_bindings(&n_table);
    monkey_rng r;
    rng_seed(&r, seed);
    char why[256];
    bool ok = true;
    long n_first = n_table + GF_SCREEN_COUNT;   /* each table row once */
    for (long e = 0; ok && e < n_first + n_events; e++) {
        int kind = e < n_first ? -1 : rng_below(&r, 100);
        char text[32];
        if (e >= n_table && e < n_first) {
            gf_app_key_down(app, screen_key((int)(e - n_table)), 0);
            stats->keys++;
        } else if (kind < 0) {
            uint16_t mod = table[e].mod == GF_MOD_CTRL    ? KMOD_LCTRL
                           : table[e].mod == GF_MOD_SHIFT ? KMOD_LSHIFT
                                                          : 0;
            if (table[e].cmd != GF_CMD_SCREENSHOT)
                gf_app_key_down(app, table[e].code, mod);
            stats->keys++;
        } else if (kind < 45) {
            random_key(&r, app, table, n_table);
            stats->keys++;
        } else if (kind < 65) {
            random_text(&r, text, sizeof text);
            gf_app_text(app, text);
            stats->texts++;
        } else if (kind < 78) {
            gf_app_mouse_move(app, rng_range(&r, -20, app->surface->w + 20),
                              rng_range(&r, -20, app->surface->h + 20));
            stats->mice++;
        } else if (kind < 88) {
            gf_app_click(app, rng_below(&r, app->surface->w), rng_below(&r, app->surface->h));
            stats->mice++;
        } else if (kind < 92) {
            gf_app_mouse_drag(app, rng_range(&r, -200, 200), rng_range(&r, -200, 200));
            stats->mice++;
        } else if (kind < 97) {
            gf_app_wheel(app, rng_range(&r, -3, 3));
            stats->mice++;
        } else {
            if (!CHECK(c, resize(&r, app, err, sizeof err))) {
                fprintf(stderr, "  resize: %s\n", err);
                break;
            }
            stats->resizes++;
        }
        stats->events++;
        if (app->quit) {                   /* the quit question's yes: go on */
            stats->quits++;
            app->quit = false;
        }
        app->screenshot_pending = false;
        /* Mostly let the worker run behind the frames, as in a window; now
         * and then wait for it, so its results land too. */
        if (rng_below(&r, 4) == 0) {
            if (!CHECK(c, gf_app_settle(app, err, sizeof err)))
                fprintf(stderr, "  settle: %s\n", err);
            /* All work done: the stepper knows every token. */
            if (!CHECK(c, app->st.n_tokens == app->s.n_tokens))
                fprintf(stderr, "  %s, event %ld: stepper %d tokens, session %d\n", model_dir, e,
                        app->st.n_tokens, app->s.n_tokens);
        } else {
            gf_app_work_poll(app);
        }
        frame(app, stats);
        stats->screens_seen |= 1u << app->screen;
        if (app->overlay != GF_SCREEN_NONE)
            stats->screens_seen |= 1u << app->overlay;
        if (app->screen == GF_SCREEN_STAGE && app->st.stage < 31)
            stats->stages_seen |= 1 << app->st.stage;
        ok = app_invariants(app, why, sizeof why);
        if (!CHECK(c, ok))
            fprintf(stderr, "  %s, seed %llu, event %ld: %s\n", model_dir,
                    (unsigned long long)seed, e, why);
    }
    CHECK(c, gf_app_settle(app, err, sizeof err));
    frame(app, stats);
    CHECK(c, app_invariants(app, why, sizeof why));
    gf_headless_free(app);
    gf_app_free(app);
    free(app);
}

/* Regression (found by this test): typed bytes that are not UTF-8 used to
 * land in the prompt line; they are refused and the line stays as it was. */
static void test_invalid_text_refused(check_ctx *c, const char *model_dir)
{
    char err[512];
    char *argv[] = {"glassformer", "--model", (char *)model_dir, "--prompt", "кот"};
    gf_options opt;
    gf_app *app = calloc(1, sizeof *app);
    if (!CHECK(c, app != NULL && gf_options_parse(&opt, 5, argv, err, sizeof err) &&
                      gf_app_open(app, &opt, err, sizeof err))) {
        fprintf(stderr, "  %s\n", err);
        gf_app_free(app);
        free(app);
        return;
    }
    CHECK(c, gf_app_key_down(app, SDL_SCANCODE_L, KMOD_LCTRL));   /* edit the prompt */
    CHECK(c, app->editing);
    CHECK(c, !gf_app_text(app, "д"));      /* the chord's own text is no text */
    CHECK(c, gf_app_text(app, " ё"));
    for (size_t i = 0; i < sizeof typed_invalid / sizeof *typed_invalid; i++)
        CHECK(c, !gf_app_text(app, typed_invalid[i]));
    CHECK_STR(c, app->edit, "кот ё");
    CHECK(c, gf_app_key_down(app, SDL_SCANCODE_BACKSPACE, 0));
    CHECK_STR(c, app->edit, "кот ");
    gf_app_free(app);
    free(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "viewer monkey");
    const char *assets = getenv("GF_TEST_ASSETS");
    if (assets == NULL)
        assets = "assets";
    int n_events = MONKEY_SANITIZED ? 300 : 1000;
    const char *env = getenv("GF_MONKEY_EVENTS");
    if (env != NULL && atoi(env) > 0)
        n_events = atoi(env);
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/models/default", assets);
    test_invalid_text_refused(&c, dir);
    const char *models[] = {"default", "bilingual", "seeds"};
    const uint64_t seeds[] = {0x6c61737366ull, 0x5275737369616eull, 0x5365656473ull};
    for (int m = 0; m < 3; m++) {
        snprintf(dir, sizeof dir, "%s/models/%s", assets, models[m]);
        monkey_stats stats = {0};
        double t0 = now_ms();
        run_monkey(&c, dir, seeds[m], n_events, &stats);
        printf("%s (seed %#llx): %ld events (%ld keys, %ld texts, %ld mouse, %ld resizes, "
               "%ld quits cleared), %d screens, %d stages, %ld frames, frame ms max %.1f "
               "mean %.2f, %.1f s\n",
               models[m], (unsigned long long)seeds[m], stats.events, stats.keys, stats.texts,
               stats.mice, stats.resizes, stats.quits, bit_count(stats.screens_seen),
               bit_count((unsigned)stats.stages_seen), stats.frames, stats.frame_ms_max,
               stats.frames > 0 ? stats.frame_ms_sum / (double)stats.frames : 0.0,
               (now_ms() - t0) / 1e3);
        /* The monkey got around: half the screens and three stages drawn
         * (a short GF_MONKEY_EVENTS run may not). */
        CHECK(&c, stats.events >= n_events);
        if (n_events >= 300) {
            CHECK(&c, bit_count(stats.screens_seen) >= GF_SCREEN_COUNT / 2);
            CHECK(&c, bit_count((unsigned)stats.stages_seen) >= 3);
        }
    }
    return check_end(&c);
}
