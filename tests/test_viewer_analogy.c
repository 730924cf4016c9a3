/* test_viewer_analogy.c — the analogy screen (issue 9), headless: opening
 * it with its key, typing Cyrillic into its line one character at a time
 * (as SDL_TEXTINPUT delivers it) with the half-typed states in between, Esc
 * giving the letter keys back, the presets in both languages, the map being
 * core's PCA (checked against gf_pca_project and against the geometry of a
 * projection), the ranked words whole in a short, wide view, hovering a word, the hint / unknown-word / cancel states,
 * and the switch to the loaded GPT's own embeddings (its answer checked
 * against a plain double-precision search). Needs the shipped assets. */
#include "check.h"

#include "analogy_lab.h"
#include "analogy_plot.h"
#include "analogy_presets.h"
#include "analogy_text.h"
#include "pca.h"
#include "text_overlap.h"
#include "viewer_fixture.h"
#include "views.h"
#include "word_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define W 1280
#define H 720

/* Open the viewer on extra arguments (after "glassformer"), headless. */
static gf_app *open_app(char **args, int n, char *err, size_t size)
{
    char *argv[16] = {"glassformer"};
    for (int i = 0; i < n && i < 15; i++)
        argv[i + 1] = args[i];
    gf_options opt;
    if (!gf_options_parse(&opt, n + 1, argv, err, size))
        return NULL;
    gf_app *app = calloc(1, sizeof *app);
    if (app == NULL)
        return NULL;
    if (!gf_app_open(app, &opt, err, size) || !gf_headless_init(app, W, H, err, size)) {
        viewer_fixture_close(app);
        return NULL;
    }
    return app;
}

/* Type text one UTF-8 character per call, like SDL_TEXTINPUT events. */
static void type_chars(gf_app *app, const char *text, size_t n_bytes)
{
    for (size_t i = 0; i < n_bytes;) {
        size_t n = 1;
        while (i + n < n_bytes && ((unsigned char)text[i + n] & 0xc0) == 0x80)
            n++;
        char ch[8];
        memcpy(ch, text + i, n);
        ch[n] = '\0';
        gf_app_text(app, ch);
        i += n;
    }
}

/* Distinct colours in the frame: a drawn screen has many. */
static int frame_colours(const gf_app *app)
{
    uint32_t seen[24];
    int k = 0;
    for (int y = 0; y < H && k < 24; y += 7)
        for (int x = 0; x < W && k < 24; x += 11) {
            gf_rgba p = gf_headless_pixel(app, x, y);
            uint32_t v = (uint32_t)p.r << 16 | (uint32_t)p.g << 8 | p.b;
            int j = 0;
            while (j < k && seen[j] != v)
                j++;
            if (j == k)
                seen[k++] = v;
        }
    return k;
}

static void test_type_cyrillic(check_ctx *c)
{
    char err[512] = "";
    char *args[] = {"--random", "tiny", "--prompt", "The cat", "--lang", "ru"};
    gf_app *app = open_app(args, 6, err, sizeof err);
    if (!CHECK(c, app != NULL)) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    CHECK(c, gf_atext_missing(&app->text) == NULL);
    /* The screen's key opens it with its line taking the keyboard and the
     * first example (in the screen's language) answered. */
    CHECK(c, gf_app_key_named(app, "a"));
    CHECK_INT(c, app->screen, GF_SCREEN_ANALOGY);
    gf_analogy_lab *lab = app->lab;
    if (!CHECK(c, lab != NULL)) {
        viewer_fixture_close(app);
        return;
    }
    CHECK(c, lab->focus);
    CHECK_STR(c, lab->text, gf_analogy_preset_at(0)->russian);
    CHECK(c, lab->has_answer && lab->status == GF_LAB_OK);
    CHECK_STR(c, lab->answer.labels[0], "королева");
    /* Ctrl+U empties the line: the hint, and the last answer stays. */
    gf_app_key_named(app, "ctrl+u");
    CHECK_STR(c, lab->text, "");
    CHECK_INT(c, lab->status, GF_LAB_EMPTY);
    CHECK(c, lab->has_answer);
    gf_headless_frame(app);
    CHECK(c, frame_colours(app) >= 8);
    /* While typing, a letter key is text, not the screen's key. */
    gf_app_key_named(app, "a");
    CHECK_INT(c, app->screen, GF_SCREEN_ANALOGY);
    const char *expr = "король − мужчина + женщина";
    uint64_t generation = lab->generation;
    /* Half-typed states: a word alone has an answer; "король −" does not
     * parse and keeps it; a half-typed word is unknown and keeps it too. */
    type_chars(app, expr, strlen("король"));
    CHECK_INT(c, lab->status, GF_LAB_OK);
    CHECK_STR(c, lab->answer.text, "король");
    CHECK(c, lab->generation > generation);
    type_chars(app, expr + strlen("король"), strlen(" −"));
    CHECK_STR(c, lab->text, "король −");
    CHECK_INT(c, lab->status, GF_LAB_SYNTAX);
    CHECK_INT(c, lab->error_at, (int)strlen("король −"));
    CHECK_STR(c, lab->answer.text, "король ");   /* the space still parsed */
    type_chars(app, expr + strlen("король −"), strlen(" мужч"));
    CHECK_INT(c, lab->status, GF_LAB_UNKNOWN);
    CHECK_STR(c, lab->bad_word, "мужч");
    CHECK_INT(c, lab->error_at, (int)strlen("король − "));   /* its bytes, marked */
    CHECK_INT(c, lab->error_end, (int)strlen("король − мужч"));
    CHECK_STR(c, lab->answer.text, "король − муж");   /* муж (husband) was a word */
    gf_headless_frame(app);
    const char *rest = expr + strlen("король − мужч");
    type_chars(app, rest, strlen(rest));
    CHECK_STR(c, lab->text, expr);
    CHECK_INT(c, lab->status, GF_LAB_OK);
    CHECK(c, lab->answer.russian);
    CHECK_STR(c, lab->answer.labels[0], "королева");
    /* VECTORS.md's check (Python on the F16 values): cosine 0.7699. */
    CHECK_NEAR(c, lab->answer.cosines[0], 0.7699, 6e-5);
    for (int i = 1; i < lab->answer.n_results; i++)
        CHECK(c, lab->answer.cosines[i] <= lab->answer.cosines[i - 1]);
    gf_headless_frame(app);
    CHECK(c, frame_colours(app) >= 8);
    /* Backspace removes one character (two bytes of "а"). */
    gf_app_key_named(app, "backspace");
    CHECK_INT(c, (long long)strlen(lab->text), (long long)strlen(expr) - 2);
    /* Esc gives the keys back: A leaves the screen, A opens it again with
     * the line as it was. */
    gf_app_key_named(app, "esc");
    CHECK(c, !lab->focus);
    CHECK_INT(c, app->screen, GF_SCREEN_ANALOGY);
    gf_app_key_named(app, "a");
    CHECK_INT(c, app->screen, GF_SCREEN_STAGE);
    CHECK(c, !gf_app_text(app, "x"));
    gf_app_key_named(app, "a");
    CHECK_INT(c, app->screen, GF_SCREEN_ANALOGY);
    CHECK(c, lab->focus);
    CHECK_INT(c, (long long)strlen(lab->text), (long long)strlen(expr) - 2);
    /* Enter leaves the line too (the results are already live); Enter or a
     * click on the line goes back to it. */
    gf_app_key_named(app, "enter");
    CHECK(c, !lab->focus);
    gf_app_key_named(app, "enter");
    CHECK(c, lab->focus);
    gf_app_key_named(app, "esc");
    gf_headless_frame(app);
    gf_app_click(app, lab->line_x + 10, lab->line_y + lab->line_h + 100);  /* below it */
    CHECK(c, !lab->focus);
    CHECK(c, gf_app_click(app, lab->line_x + lab->line_w / 2, lab->line_y + lab->line_h / 2));
    CHECK(c, lab->focus);
    /* The screen has the whole window: no prompt line (nor its click area)
     * competes with the expression line, and the line keeps the keyboard. */
    int prompt_hits = 0;
    for (int i = 0; i < app->ui.n_hits; i++)
        prompt_hits += app->ui.hits[i].kind == GF_HIT_PROMPT;
    CHECK_INT(c, prompt_hits, 0);
    gf_app_click(app, 40, 4);  /* where the prompt line is on other screens */
    CHECK(c, !app->editing && gf_analogy_typing(app));
    gf_app_text(app, "x");
    CHECK_INT(c, (long long)strlen(lab->text), (long long)strlen(expr) - 1);
    viewer_fixture_close(app);
}

/* P cycles the examples in the screen's language; each gives its answer. */
static void test_presets(check_ctx *c, const char *lang)
{
    char err[512] = "";
    char *args[] = {"--random", "tiny", "--prompt", "The cat", "--lang", (char *)lang};
    gf_app *app = open_app(args, 6, err, sizeof err);
    if (!CHECK(c, app != NULL))
        return;
    bool russian = strcmp(lang, "ru") == 0;
    CHECK(c, gf_atext_missing(&app->text) == NULL);
    gf_app_key_named(app, "a");
    gf_app_key_named(app, "esc");
    gf_analogy_lab *lab = app->lab;
    int n = gf_analogy_preset_count();
    CHECK(c, n >= 5);
    for (int k = 1; k <= n; k++) {
        CHECK(c, gf_app_key_named(app, "p"));
        int want = k % n;
        const gf_analogy_preset *p = gf_analogy_preset_at(want);
        CHECK_INT(c, lab->preset, want);
        CHECK_STR(c, lab->text, russian ? p->russian : p->english);
        if (!CHECK_STR(c, lab->answer.labels[0], russian ? p->answer_ru : p->answer_en))
            fprintf(stderr, "  preset %d (%s)\n", want, lang);
        CHECK_INT(c, lab->answer.russian, russian);
    }
    gf_app_key_named(app, "shift+p");
    CHECK_INT(c, lab->preset, n - 1);
    CHECK(c, !lab->focus);   /* P is a command, not text, off the line */
    gf_headless_frame(app);
    CHECK(c, frame_colours(app) >= 8);
    CHECK(c, lab->n_marks == lab->answer.n_points + 1);
    /* The 3-D map turns with the arrows and the drag; 2-D ignores both. */
    float yaw = lab->yaw;
    gf_app_key_named(app, "right");
    CHECK(c, lab->yaw == yaw);
    gf_app_key_named(app, "d");
    CHECK(c, lab->three_d);
    gf_app_key_named(app, "right");
    CHECK(c, lab->yaw != yaw);
    float pitch = lab->pitch;
    CHECK(c, gf_app_mouse_drag(app, 0, 40));
    CHECK(c, lab->pitch > pitch);
    for (int i = 0; i < 40; i++)
        gf_app_mouse_drag(app, 0, 100);
    CHECK(c, lab->pitch < 1.4f);   /* stays within ±80° */
    gf_headless_frame(app);
    CHECK(c, frame_colours(app) >= 8);
    viewer_fixture_close(app);
}

/* Open the analogy screen at width × height, text recorded; NULL on failure. */
static gf_app *open_sized(check_ctx *c, const char *lang, int width, int height)
{
    char err[512] = "";
    char *argv[] = {"glassformer", "--random", "tiny", "--prompt", "a", "--lang", (char *)lang,
                    "--stage", "analogy"};
    gf_options opt;
    gf_app *app = calloc(1, sizeof *app);
    bool ok = app != NULL && gf_options_parse(&opt, 9, argv, err, sizeof err) &&
              gf_app_open(app, &opt, err, sizeof err) &&
              gf_headless_init(app, width, height, err, sizeof err);
    if (!CHECK(c, ok)) {
        fprintf(stderr, "  %s\n", err);
        viewer_fixture_close(app);
        return NULL;
    }
    app->ui.record_text = true;
    gf_app_key_named(app, "esc");
    return app;
}

/* Whether this frame drew a text that is exactly s. */
static bool drew(const gf_app *app, const char *s)
{
    for (int i = 0; i < app->ui.n_text; i++)
        if (strcmp(app->ui.text_rects[i].text, s) == 0)
            return true;
    return false;
}

/* A ranked word drawn cut ("кор…" for «королева»), or NULL. */
static const char *cut_word(const gf_app *app, const gf_analogy_lab *lab)
{
    static const char ELLIPSIS[] = "…";
    size_t e = strlen(ELLIPSIS);
    for (int i = 0; i < app->ui.n_text; i++) {
        const char *t = app->ui.text_rects[i].text;
        size_t n = strlen(t);
        if (n <= e || strcmp(t + n - e, ELLIPSIS) != 0)
            continue;
        for (int k = 0; k < lab->answer.n_results; k++)
            if (strncmp(lab->answer.labels[k], t, n - e) == 0)
                return t;
    }
    return NULL;
}

/* The map's labels, the ranked words and the rest never lie on one another
 * nor past the window: every example, one word alone and a long word, in
 * 2-D and turned 3-D, at full and reduced heights (a lesson band takes part
 * of the screen), normal and large type, in both languages. A one-word
 * expression draws no "sum" mark (the sum is that word). The examples'
 * ranked words are whole at every size, 1024×768 large too (they were cut
 * to "кор…" there). */
static void test_no_overlap(check_ctx *c)
{
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}, {1920, 700}, {1280, 480},
                                   {1024, 768}};
    const char *extra[] = {"king", "queen", "internationalization - nation + state"};
    int bad = 0;
    for (int lang = 0; lang < 2; lang++)
        for (int s = 0; s < (int)(sizeof sizes / sizeof sizes[0]); s++)
            for (int large = 0; large < 2; large++) {
                gf_app *app = open_sized(c, lang ? "ru" : "en", sizes[s][0], sizes[s][1]);
                if (app == NULL)
                    return;
                app->large_font = large != 0;
                gf_analogy_lab *lab = app->lab;
                int n = gf_analogy_preset_count() + 3;
                for (int e = 0; e < n; e++) {
                    if (e < n - 3)
                        gf_lab_cycle_preset(lab, 1, lang != 0);
                    else
                        gf_lab_set_text(lab, extra[e - (n - 3)]);
                    for (int view = 0; view < 4; view++) {
                        lab->three_d = view > 0;
                        lab->yaw = 1.1f * (float)view;
                        gf_headless_frame(app);
                        int i, j;
                        if (text_find_overlap(&app->ui, &i, &j) && bad++ < 12)
                            fprintf(stderr, "  %dx%d %s%s \"%s\" view %d: \"%s\" on \"%s\"\n",
                                    sizes[s][0], sizes[s][1], lang ? "ru" : "en",
                                    large ? " large" : "", lab->text, view,
                                    app->ui.text_rects[i].text, app->ui.text_rects[j].text);
                        if (lab->has_answer && lab->answer.expr.count == 1)
                            CHECK(c, !drew(app, gf_atext_get(&app->text, GF_AT_SUM)));
                        const char *cut = e < n - 3 && lab->has_answer ? cut_word(app, lab) : NULL;
                        if (!CHECK(c, cut == NULL))
                            fprintf(stderr, "  %dx%d %s%s \"%s\": a ranked word cut to \"%s\"\n",
                                    sizes[s][0], sizes[s][1], lang ? "ru" : "en",
                                    large ? " large" : "", lab->text, cut);
                    }
                }
                viewer_fixture_close(app);
            }
    CHECK_INT(c, bad, 0);
}

/* Whether text was drawn cut: a drawn text "START…" with text starting
 * with START. */
static bool drew_cut(const gf_app *app, const char *text)
{
    for (int i = 0; i < app->ui.n_text; i++) {
        const char *t = app->ui.text_rects[i].text;
        size_t n = strlen(t);
        if (n > 3 && strcmp(t + n - 3, "\u2026") == 0 && strncmp(text, t, n - 3) == 0)
            return true;
    }
    return false;
}

/* The ranked words are drawn whole, never cut with "…": long Russian
 * words in a short, wide view (a lesson's band below, large type) take a
 * smaller size rather than lose their end. */
static void test_words_whole(check_ctx *c)
{
    static const int sizes[][2] = {{1920, 700}, {1920, 800}, {1920, 1080}, {1280, 480}};
    const char *exprs[] = {"0.5*горячий + 0.5*холодный", "дядя - мужчина + женщина",
                           "мужчина", "король - мужчина + женщина"};
    for (int s = 0; s < 4; s++)
        for (int large = 0; large < 2; large++) {
            gf_app *app = open_sized(c, "ru", sizes[s][0], sizes[s][1]);
            if (app == NULL)
                return;
            app->large_font = large != 0;
            for (size_t e = 0; e < sizeof exprs / sizeof exprs[0]; e++) {
                gf_lab_set_text(app->lab, exprs[e]);
                gf_headless_frame(app);
                const gf_lab_answer *a = &app->lab->answer;
                if (!CHECK(c, app->lab->has_answer))
                    continue;
                /* The best word always shows; a row the view has no room
                 * for is left out whole, never drawn cut. */
                CHECK(c, a->n_results > 0 && drew(app, a->labels[0]));
                for (int i = 0; i < a->n_results; i++)
                    if (!CHECK(c, drew(app, a->labels[i]) || !drew_cut(app, a->labels[i])))
                        fprintf(stderr, "  %dx%d%s \"%s\": word %d \"%s\" drawn cut\n",
                                sizes[s][0], sizes[s][1], large ? " large" : "", exprs[e], i + 1,
                                a->labels[i]);
            }
            viewer_fixture_close(app);
        }
}

static double dist(const float *a, const float *b, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += ((double)a[i] - b[i]) * ((double)a[i] - b[i]);
    return sqrt(s);
}

/* The map is core's PCA of the plotted rows, and behaves as a projection. */
static void test_projection(check_ctx *c)
{
    char err[512] = "";
    char *args[] = {"--random", "tiny", "--prompt", "The cat", "--stage", "analogy",
                    "--analogy", "king - man + woman"};
    gf_app *app = open_app(args, 8, err, sizeof err);
    if (!CHECK(c, app != NULL)) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    gf_analogy_lab *lab = app->lab;
    if (!CHECK(c, lab != NULL && lab->has_answer)) {
        viewer_fixture_close(app);
        return;
    }
    const gf_lab_answer *a = &lab->answer;
    const gf_vectors *v = gf_lab_space(lab);
    CHECK_STR(c, a->labels[0], "queen");
    int n = a->n_points;
    CHECK(c, n >= 4 && n <= GF_LAB_POINTS);
    /* The terms and the answer are among the points, on their own rows. */
    const char *words[3] = {"king", "man", "woman"};
    for (int t = 0; t < 3; t++)
        CHECK_INT(c, a->points[a->term_point[t]].row, gf_vectors_find(v, words[t]));
    bool has_answer = false;
    for (int i = 0; i < n; i++)
        has_answer |= a->points[i].rank == 0 && a->points[i].row == a->rows[0];
    CHECK(c, has_answer);
    /* Core's PCA of the same rows gives the same coordinates. */
    float *rows = malloc((size_t)n * v->dim * sizeof *rows);
    float *xy = malloc((size_t)n * 2 * sizeof *xy), *xyz = malloc((size_t)n * 3 * sizeof *xyz);
    if (!CHECK(c, rows != NULL && xy != NULL && xyz != NULL))
        goto done;
    for (int i = 0; i < n; i++)
        memcpy(rows + (size_t)i * v->dim, gf_vectors_row(v, a->points[i].row),
               (size_t)v->dim * sizeof *rows);
    gf_error e;
    gf_error_clear(&e);
    CHECK(c, gf_pca_project(rows, n, v->dim, 2, xy, NULL, &e) == GF_OK);
    CHECK(c, gf_pca_project(rows, n, v->dim, 3, xyz, NULL, &e) == GF_OK);
    double centre[2] = {0.0, 0.0};
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < 2; k++) {
            CHECK_NEAR(c, a->xy[i][k], xy[i * 2 + k], 1e-6);
            centre[k] += a->xy[i][k] / n;
        }
        for (int k = 0; k < 3; k++)
            CHECK_NEAR(c, a->xyz[i][k], xyz[i * 3 + k], 1e-6);
    }
    /* Independent of the PCA code: a projection's points are centred and
     * never farther apart than the rows themselves; 3-D keeps more. */
    CHECK_NEAR(c, centre[0], 0.0, 1e-5);
    CHECK_NEAR(c, centre[1], 0.0, 1e-5);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            double d = dist(rows + (size_t)i * v->dim, rows + (size_t)j * v->dim, v->dim);
            double d2 = dist(a->xy[i], a->xy[j], 2), d3 = dist(a->xyz[i], a->xyz[j], 3);
            CHECK(c, d2 <= d3 + 1e-5 && d3 <= d + 1e-5);
        }
    /* The sum lands where king − man + woman's coordinates add up. */
    int pk = a->term_point[0], pm = a->term_point[1], pw = a->term_point[2];
    for (int k = 0; k < 2; k++)
        CHECK_NEAR(c, a->sum_xy[k], a->xy[pk][k] - a->xy[pm][k] + a->xy[pw][k], 1e-5);
    int ta, tb, tc;
    CHECK(c, gf_lab_parallelogram(a, &ta, &tb, &tc) && ta == 0 && tb == 1 && tc == 2);
    /* On screen: one scale for both axes (angles and parallels stay true),
     * y upwards, everything inside the area. */
    gf_rect area = {100, 50, 600, 400};
    float px[GF_LAB_POINTS][2], sum[2];
    gf_analogy_plot_place_2d(a, area, px, sum);
    double scale = dist(px[pk], px[pm], 2) / dist(a->xy[pk], a->xy[pm], 2);
    for (int i = 0; i < n; i++) {
        CHECK(c, px[i][0] >= area.x - 0.5f && px[i][0] <= area.x + area.w + 0.5f);
        CHECK(c, px[i][1] >= area.y - 0.5f && px[i][1] <= area.y + area.h + 0.5f);
        for (int j = i + 1; j < n; j++) {
            CHECK_NEAR(c, px[i][0] - px[j][0], scale * (a->xy[i][0] - a->xy[j][0]), 1e-2);
            CHECK_NEAR(c, px[i][1] - px[j][1], -scale * (a->xy[i][1] - a->xy[j][1]), 1e-2);
        }
    }
    /* Hovering the answer's point names it, its cosine and its neighbours. */
    gf_headless_frame(app);
    int answer = -1;
    for (int i = 0; i < n; i++)
        if (a->points[i].rank == 0)
            answer = i;
    if (CHECK(c, answer >= 0 && lab->n_marks == n + 1)) {
        gf_app_mouse_move(app, (int)lab->marks[answer][0], (int)lab->marks[answer][1]);
        gf_headless_frame(app);
        CHECK(c, strncmp(app->ui.tooltip, "queen", 5) == 0);
        CHECK(c, strstr(app->ui.tooltip, "0.770") != NULL);
        CHECK(c, strstr(app->ui.tooltip, "nearest: ") != NULL);
    }
done:
    free(rows);
    free(xy);
    free(xyz);
    viewer_fixture_close(app);
}

/* What the screen says instead of results, and never a crash. */
static void test_bad_input(check_ctx *c)
{
    static const struct {
        const char *text;
        gf_lab_status want;
    } cases[] = {
        {"", GF_LAB_EMPTY},         {"   ", GF_LAB_EMPTY},    {"king +", GF_LAB_SYNTAX},
        {"- -", GF_LAB_SYNTAX},     {"kinng - man", GF_LAB_UNKNOWN},
        {"king - king", GF_LAB_CANCELS}, {"qzxqzxqzx", GF_LAB_UNKNOWN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[512] = "";
        char *args[] = {"--random", "tiny", "--prompt", "a", "--stage", "analogy", "--analogy",
                        (char *)cases[i].text};
        gf_app *app = open_app(args, 8, err, sizeof err);
        if (!CHECK(c, app != NULL && app->lab != NULL))
            continue;
        if (!CHECK_INT(c, app->lab->status, cases[i].want))
            fprintf(stderr, "  --analogy \"%s\"\n", cases[i].text);
        CHECK(c, !app->lab->has_answer);
        gf_headless_frame(app);
        CHECK(c, frame_colours(app) >= 8);
        if (cases[i].want == GF_LAB_UNKNOWN && strncmp(cases[i].text, "kinng", 5) == 0) {
            CHECK_STR(c, app->lab->bad_word, "kinng");
            CHECK(c, strncmp(app->lab->suggestions, "king", 4) == 0);
        }
        viewer_fixture_close(app);
    }
}

/* A missing vectors folder, and a damaged glossary beside good vectors: the
 * screen says which file and why (status NO_SPACE), never a crash. */
static void test_damaged_assets(check_ctx *c)
{
    const char *shipped = getenv("GF_TEST_ASSETS");
    char root[512], path[2048], target[1024];
    check_tmp_path(root, sizeof root, "analogy_assets");
    snprintf(path, sizeof path, "rm -rf '%s' && mkdir -p '%s/vectors/en'", root, root);
    if (!CHECK(c, shipped != NULL && system(path) == 0))
        return;
    snprintf(path, sizeof path, "%s/text", root);
    snprintf(target, sizeof target, "%s/text", shipped);
    CHECK(c, symlink(target, path) == 0);
    setenv("GLASSFORMER_ASSETS", root, 1);
    char err[512] = "";
    char *args[] = {"--random", "tiny", "--prompt", "a", "--stage", "analogy", "--analogy",
                    "король − мужчина"};
    gf_app *app = open_app(args, 8, err, sizeof err);
    if (CHECK(c, app != NULL && app->lab != NULL)) {
        CHECK_INT(c, app->lab->status, GF_LAB_NO_SPACE);
        CHECK(c, strstr(app->lab->space_error[GF_LAB_WORDS], "vectors.safetensors") != NULL);
        gf_headless_frame(app);
        CHECK(c, frame_colours(app) >= 8);
    }
    viewer_fixture_close(app);
    /* Good vectors, a glossary line without its English side. */
    const char *files[] = {"vectors.safetensors", "words.txt"};
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/vectors/en/%s", root, files[i]);
        snprintf(target, sizeof target, "%s/vectors/en/%s", shipped, files[i]);
        CHECK(c, symlink(target, path) == 0);
    }
    snprintf(path, sizeof path, "%s/vectors/en/glossary_ru.txt", root);
    FILE *f = fopen(path, "w");
    if (CHECK(c, f != NULL)) {
        fputs("король\tking\nмужчина\n", f);
        fclose(f);
    }
    app = open_app(args, 8, err, sizeof err);
    if (CHECK(c, app != NULL && app->lab != NULL)) {
        CHECK_INT(c, app->lab->status, GF_LAB_NO_SPACE);
        CHECK(c, strstr(app->lab->space_error[GF_LAB_WORDS], "glossary_ru.txt") != NULL);
        gf_lab_set_text(app->lab, "king - man + woman");   /* English still works */
        CHECK_STR(c, app->lab->answer.labels[0], "queen");
        gf_headless_frame(app);
    }
    viewer_fixture_close(app);
    unsetenv("GLASSFORMER_ASSETS");
}

/* The folded form of a row's word equals one of the terms'. */
static bool is_input(const gf_vectors *v, int row, const char *const *words, int n)
{
    char a[GF_WORD_MAX], b[GF_WORD_MAX];
    gf_word_fold(v->words[row], a, sizeof a);
    for (int i = 0; i < n; i++) {
        gf_word_fold(words[i], b, sizeof b);
        if (strcmp(a, b) == 0)
            return true;
    }
    return false;
}

/* V: the loaded GPT's own embeddings, answered as a plain search would. */
static void test_gpt_source(check_ctx *c)
{
    const char *assets = getenv("GF_TEST_ASSETS");
    char model[1024];
    snprintf(model, sizeof model, "%s/models/default", assets != NULL ? assets : "assets");
    char err[512] = "";
    char *args[] = {"--model", model, "--prompt", "The cat", "--stage", "analogy", "--analogy",
                    "king - man + woman"};
    gf_app *app = open_app(args, 8, err, sizeof err);
    if (!CHECK(c, app != NULL && app->lab != NULL)) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    gf_analogy_lab *lab = app->lab;
    gf_app_key_named(app, "esc");
    gf_app_key_named(app, "v");
    CHECK_INT(c, lab->source, GF_LAB_GPT);
    const gf_vectors *v = gf_lab_space(lab);
    if (!CHECK(c, v != NULL && lab->has_answer && lab->answer.source == GF_LAB_GPT)) {
        viewer_fixture_close(app);
        return;
    }
    CHECK_INT(c, v->dim, app->s.model.config.n_embd);
    /* The best row by a double-precision loop over unit rows, the inputs
     * (in any case) left out. */
    const char *words[3] = {"king", "man", "woman"};
    int r[3];
    for (int i = 0; i < 3; i++)
        r[i] = gf_vectors_find(v, words[i]);
    CHECK(c, r[0] >= 0 && r[1] >= 0 && r[2] >= 0);
    double best = -2.0, qn = 0.0;
    int best_row = -1;
    double *q = calloc((size_t)v->dim, sizeof *q);
    for (int d = 0; q != NULL && d < v->dim; d++) {
        q[d] = (double)gf_vectors_row(v, r[0])[d] - gf_vectors_row(v, r[1])[d] +
               gf_vectors_row(v, r[2])[d];
        qn += q[d] * q[d];
    }
    for (int row = 0; q != NULL && row < v->count; row++) {
        if (is_input(v, row, words, 3))
            continue;
        double s = 0.0;
        for (int d = 0; d < v->dim; d++)
            s += q[d] * gf_vectors_row(v, row)[d];
        if (s > best)
            best = s, best_row = row;
    }
    free(q);
    CHECK_INT(c, lab->answer.rows[0], best_row);
    CHECK_NEAR(c, lab->answer.cosines[0], best / sqrt(qn), 1e-4);
    gf_headless_frame(app);
    CHECK(c, frame_colours(app) >= 8);
    /* And back: the word vectors' answer again. */
    gf_app_key_named(app, "v");
    CHECK_INT(c, lab->source, GF_LAB_WORDS);
    CHECK_STR(c, lab->answer.labels[0], "queen");
    /* Russian words in the GPT's space: the note names the GPT's embeddings
     * (of the glossary's English words), not the English word vectors. */
    gf_lab_set_text(lab, "король - мужчина + женщина");
    gf_app_key_named(app, "v");
    CHECK(c, lab->has_answer && lab->answer.russian && lab->answer.source == GF_LAB_GPT);
    CHECK_INT(c, gf_atext_russian_note(lab->answer.source == GF_LAB_GPT), GF_AT_RUSSIAN_GPT);
    CHECK_INT(c, gf_atext_russian_note(false), GF_AT_RUSSIAN);
    CHECK(c, strcmp(gf_atext_get(&app->text, GF_AT_RUSSIAN_GPT),
                    gf_atext_get(&app->text, GF_AT_RUSSIAN)) != 0);
    viewer_fixture_close(app);
    /* A byte-level model has no whole-word tokens: said, not a crash. */
    char *tiny[] = {"--random", "tiny", "--prompt", "a", "--stage", "analogy"};
    app = open_app(tiny, 6, err, sizeof err);
    if (!CHECK(c, app != NULL && app->lab != NULL))
        return;
    gf_app_key_named(app, "esc");
    gf_app_key_named(app, "v");
    CHECK(c, !app->lab->has_answer);
    CHECK_INT(c, app->lab->status, GF_LAB_NO_SPACE);
    CHECK(c, app->lab->space_error[GF_LAB_GPT][0] != '\0');
    gf_headless_frame(app);
    CHECK(c, frame_colours(app) >= 8);
    gf_app_key_named(app, "v");
    CHECK(c, app->lab->has_answer);
    viewer_fixture_close(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_analogy");
    test_type_cyrillic(&c);
    test_presets(&c, "en");
    test_presets(&c, "ru");
    test_no_overlap(&c);
    test_words_whole(&c);
    test_projection(&c);
    test_bad_input(&c);
    test_damaged_assets(&c);
    test_gpt_source(&c);
    return check_end(&c);
}
