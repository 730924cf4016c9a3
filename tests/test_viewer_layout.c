/* test_viewer_layout.c — no text lands on other text, nor is cut: every
 * screen of the screen table and every stage of the stage screen is drawn at
 * 1024×768, 1280×720 and 1920×1080 (and at 1920×700 and 1280×540, the heights a lesson
 * band leaves), in normal and large-font mode, at every zoom level the + / −
 * keys reach (the temperature screen with its chart and with its beam tree),
 * in English and Russian, and the rectangles the UI recorded for its text
 * (as clipped; overlays and the tooltip excepted) must not overlap, run past
 * the window's edge, be cut by their own box (a clip rect, the lines a
 * wrapped paragraph had no room for) nor lie under a heatmap drawn after
 * them. Also in two more states, at zoom 1 and the largest zoom: a window
 * that has slid (the text on two lines with its "dropped" marker, the
 * strip's marker, the window's notice in the message band, the new token's
 * band flowing over the strip) and a long error in the message band while
 * the prompt line is being edited.
 * The status line keeps the stage position, the model and its languages at
 * both sizes, in both font modes and languages. Every stage of the three
 * shipped models (default, bilingual, seeds) is checked the same way at
 * 1920×1080 large and 1280×720 normal (the bilingual one in Russian at
 * 1024×768 large too), with its explanation panel open too, and so is every
 * stage of a GPT-2-sized random model (12 layers) in Russian at 1920×1080
 * large, in its last layer.
 * Also: large-font mode at 1920×1080 sets cell values and labels at ≥ 24 px,
 * the explanation at ≥ 30 px and titles larger still; and lesson 4's heads
 * overview there, above its lesson band, gives its maps the view's width. */
#include "check.h"

#include "lesson_fixture.h"
#include "text_overlap.h"
#include "viewer_fixture.h"

#include "explain_panel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The rectangles' common area, or 0. */
static int common_area(gf_rect a, gf_rect b)
{
    int w = (a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w) - (a.x > b.x ? a.x : b.x);
    int h = (a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h) - (a.y > b.y ? a.y : b.y);
    return w > 0 && h > 0 ? w * h : 0;
}

/* The first fault of this frame's text, described in what: a text past the
 * window's edge, cut by its box (when cuts is set), hidden under a heatmap
 * drawn after it, or on another text. */
static bool find_fault(const gf_ui *ui, bool cuts, char *what, size_t size)
{
    for (int i = 0; i < ui->n_text; i++) {
        gf_rect r = ui->text_rects[i].r;
        if (r.x < 0 || r.y < 0 || r.x + r.w > ui->width || r.y + r.h > ui->height) {
            snprintf(what, size, "text past the edge (%d,%d %dx%d) \"%.40s\"", r.x, r.y, r.w, r.h,
                     ui->text_rects[i].text);
            return true;
        }
    }
    if (cuts && ui->n_cuts > 0) {
        gf_rect b = ui->cuts[0].box;
        snprintf(what, size, "%d text(s) cut by their box, first (%d,%d %dx%d): \"%.60s\"",
                 ui->n_cuts, b.x, b.y, b.w, b.h, ui->cuts[0].text);
        return true;
    }
    /* Under a later heatmap: more than a sliver of it (2 px a side). */
    for (int i = 0; i < ui->n_text; i++)
        for (int k = ui->text_rects[i].heat_before; k < ui->n_heat; k++) {
            gf_rect t = gf_rect_inset(ui->text_rects[i].r, 2), c = ui->heat[k].cells;
            if (common_area(t, c) > 0) {
                snprintf(what, size, "text (%d,%d %dx%d) \"%.40s\" under heatmap %s (%d,%d %dx%d)",
                         t.x, t.y, t.w, t.h, ui->text_rects[i].text, ui->heat[k].id, c.x, c.y,
                         c.w, c.h);
                return true;
            }
        }
    for (int i = 0; i < ui->n_text; i++)
        for (int j = i + 1; j < ui->n_text; j++)
            if (text_overlap(ui->text_rects[i], ui->text_rects[j])) {
                gf_rect a = ui->text_rects[i].r, b = ui->text_rects[j].r;
                snprintf(what, size, "text (%d,%d %dx%d) \"%.30s\" on (%d,%d %dx%d) \"%.30s\"",
                         a.x, a.y, a.w, a.h, ui->text_rects[i].text, b.x, b.y, b.w, b.h,
                         ui->text_rects[j].text);
                return true;
            }
    return false;
}

/* The zoom levels + / − reach in this font mode: from the smallest, press +
 * until it stops. On a stage view: a screen with a text line (the analogy
 * lab's) would take + and − as typed text. */
static int zoom_levels(gf_app *app, bool large, float *levels, int max)
{
    app->large_font = large;
    app->screen = GF_SCREEN_STAGE;
    app->overlay = GF_SCREEN_NONE;
    app->editing = false;   /* (else + and − would be typed) */
    for (int i = 0; i < 64; i++)
        gf_app_key_named(app, "minus");
    int n = 0;
    float last = -1.0f;
    while (n < max && app->zoom != last) {
        levels[n++] = last = app->zoom;
        gf_app_key_named(app, "plus");
    }
    app->zoom = 1.0f;
    return n;
}

typedef struct {
    const char *what;
    gf_screen screen;
    int stage;          /* index into the stepper's stages, or −1;
                           the temperature screen: −1 − what is below
                           its lanes (gf_temp_below) */
} view;

static int all_views(const gf_app *app, view *out, int max)
{
    int n = 0;
    for (int s = 0; s < app->st.n_stages && n < max; s++)
        out[n++] = (view){gf_stage_get(app->st.stages[s])->key, GF_SCREEN_STAGE, s};
    for (int i = 0; i < GF_SCREEN_COUNT && n < max; i++) {
        const gf_screen_def *d = gf_screen_get((gf_screen)i);
        if (d->id != GF_SCREEN_STAGE && d->layout != GF_LAYOUT_OVERLAY)
            out[n++] = (view){d->name, d->id, -1};
        if (d->id == GF_SCREEN_TEMPERATURE && n + 1 < max) {
            out[n++] = (view){"temperature, beam tree", d->id, -1 - GF_TEMP_BELOW_TREE};
            out[n++] = (view){"temperature, lanes alone", d->id, -1 - GF_TEMP_BELOW_NOTHING};
        }
    }
    return n;
}

/* The states a frame is drawn in. */
typedef enum { STATE_PLAIN, STATE_SLID, STATE_MESSAGE, STATE_COUNT } state;

static const char LONG_ERROR[] =
    "model.safetensors: tensor h.3.mlp.c_proj.weight has shape [512, 128] where config.json "
    "(n_embd 128, n_inner 512) needs [128, 512]; the file may belong to another model, or it "
    "was cut while it was being copied: copy the folder again, or open it with --model DIR";

/* Sample until the trace is full, then twice more: the window slides; its
 * notice (said at the first slide) into notice. */
static bool slide_window(check_ctx *c, gf_app *app, char *notice, size_t size)
{
    while (app->s.n_tokens < app->s.capacity + 2 && app->s.n_dropped < 2) {
        gf_app_key_named(app, "space");
        if (!CHECK(c, viewer_fixture_settle(app)))
            return false;
        if (app->s.n_dropped == 1)
            snprintf(notice, size, "%s", app->message);
    }
    return CHECK(c, app->s.n_dropped == 2);
}

static void set_state(gf_app *app, state st, const char *slid_message)
{
    app->editing = st == STATE_MESSAGE;
    if (st == STATE_SLID) {
        snprintf(app->message, sizeof app->message, "%s", slid_message);
        app->fixed_clock = true;   /* the new token halfway through the layers */
        app->clock_ms = GF_FLOW_WALK_MS / 2;
        gf_flow_start(&app->flow, &app->st, app->s.n_tokens - 1, 0);
    } else {
        snprintf(app->message, sizeof app->message, "%s", st == STATE_MESSAGE ? LONG_ERROR : "");
        gf_flow_stop(&app->flow);
    }
}

static void show(gf_app *app, const view *v, float zoom, bool large)
{
    app->screen = v->screen;
    app->overlay = GF_SCREEN_NONE;
    if (v->stage >= 0)
        app->st.stage = v->stage;
    app->temp.below = v->stage < 0 ? (gf_temp_below)(-1 - v->stage) : GF_TEMP_BELOW_CHART;
    if (v->screen == GF_SCREEN_TEMPERATURE)
        viewer_fixture_settle(app);  /* the lanes and the beams drawn whole */
    app->zoom = zoom;
    app->large_font = large;
    gf_headless_frame(app);
}

/* cuts: text cut by its box is a fault too (not yet at the heights a lesson
 * band leaves: there, at the largest zooms and with the message band, many
 * views have no room for whole texts — see the report of stage-fixes). */
static void test_no_overlap(check_ctx *c, int width, int height, gf_lang lang, const char *prompt,
                            bool cuts)
{
    char err[512];
    gf_app *app = viewer_fixture_open(prompt, width, height, err, sizeof err);
    if (!CHECK(c, app != NULL)) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    CHECK(c, gf_app_set_lang(app, lang, err, sizeof err));
    app->ui.record_text = true;
    gf_stepper_set_layer(&app->st, 1);
    view views[64];
    int n_views = all_views(app, views, 64), bad = 0, frames = 0, n_zooms = 0;
    char slid_message[512] = "";
    for (int st = 0; st < STATE_COUNT; st++) {
        if (st == STATE_SLID) {
            if (!slide_window(c, app, slid_message, sizeof slid_message))
                break;
            CHECK(c, slid_message[0] != '\0');
        }
        for (int large = 0; large < 2; large++) {
            float zooms[32];
            int n_zoom = zoom_levels(app, large != 0, zooms, 32);
            CHECK(c, n_zoom >= 3);
            for (int z = 0; z < n_zoom; z++) {
                /* The extra states: at zoom 1 and the largest. */
                if (st != STATE_PLAIN && zooms[z] != 1.0f && z != n_zoom - 1)
                    continue;
                n_zooms += st == STATE_PLAIN;
                for (int v = 0; v < n_views; v++) {
                    set_state(app, (state)st, slid_message);
                    show(app, &views[v], zooms[z], large != 0);
                    frames += st == STATE_PLAIN;
                    CHECK(c, app->ui.n_text > 3 && app->ui.n_text < GF_UI_MAX_TEXT);
                    char what[256];
                    if (find_fault(&app->ui, cuts, what, sizeof what)) {
                        /* GF_LAYOUT_ALL=1 lists every fault, not the first few. */
                        if (bad++ < 12 || getenv("GF_LAYOUT_ALL") != NULL)
                            fprintf(stderr, "  %dx%d %s %s zoom %.2f %s state %d: %s\n", width,
                                    height, gf_lang_code(lang), large ? "large" : "normal",
                                    (double)zooms[z], views[v].what, st, what);
                    }
                }
            }
        }
    }
    set_state(app, STATE_PLAIN, "");
    CHECK_INT(c, bad, 0);
    CHECK(c, frames == n_zooms * n_views);
    viewer_fixture_close(app);
}

/* Every stage of the shipped model assets/models/NAME at width × height
 * (zoom 1), then the explanation panel of a value of each kind whose formula
 * depends on the model (embedding, norm, activation, logit): no text fault. */
static void check_stages(check_ctx *c, gf_app *app, const char *name, gf_lang lang, int width,
                         int height, bool large, int layer)
{
    char err[512];
    CHECK(c, gf_app_set_lang(app, lang, err, sizeof err));
    app->ui.record_text = true;
    gf_stepper_set_layer(&app->st, layer);
    view views[64];
    int n_views = all_views(app, views, 64), bad = 0;
    const char *what_kind[] = {"x0", "ln_1.out", "mlp.act", "logits"};
    int n_kinds = (int)(sizeof what_kind / sizeof what_kind[0]);
    for (int v = 0; v < n_views + n_kinds; v++) {
        bool panel = v >= n_views;
        if (panel) {
            /* The explanation panel over the stage screen. */
            const char *key = what_kind[v - n_views];
            bool global = strcmp(key, "x0") == 0 || strcmp(key, "logits") == 0;
            gf_explain_at at = {key, global ? -1 : layer, -1, app->s.n_tokens - 1, 0};
            CHECK(c, gf_explain_open_at(app, &at));
            show(app, &views[0], 1.0f, large);
        } else {
            if (views[v].stage < 0)
                continue;   /* the other screens: test_no_overlap */
            show(app, &views[v], 1.0f, large);
        }
        char what[256];
        if (find_fault(&app->ui, true, what, sizeof what) && bad++ < 12)
            fprintf(stderr, "  %s %dx%d %s %s %s%s: %s\n", name, width, height,
                    gf_lang_code(lang), large ? "large" : "normal",
                    panel ? "explaining " : "", panel ? what_kind[v - n_views] : views[v].what,
                    what);
        if (panel)
            gf_explain_close(app);
    }
    CHECK_INT(c, bad, 0);
}

static void test_shipped(check_ctx *c, const char *name, gf_lang lang, const char *prompt,
                         int width, int height, bool large)
{
    char dir[1024], err[512];
    const char *assets = getenv("GF_TEST_ASSETS");
    snprintf(dir, sizeof dir, "%s/models/%s", assets != NULL ? assets : "assets", name);
    gf_app *app = viewer_fixture_open_model(dir, prompt, width, height, err, sizeof err);
    if (!CHECK(c, app != NULL)) {
        fprintf(stderr, "  %s: %s\n", dir, err);
        return;
    }
    check_stages(c, app, name, lang, width, height, large, 1);
    viewer_fixture_close(app);
}

/* A GPT-2-sized model (12 layers: 173 steps, "шаг 164 из 173" in the
 * panel's first line) in Russian at 1920×1080, large, in its last layer. */
static void test_gpt2_sized(check_ctx *c)
{
    char err[512];
    gf_app *app = viewer_fixture_open_args("--random", "gpt2", "Кот сидел на", 1920, 1080, err,
                                           sizeof err);
    if (!CHECK(c, app != NULL)) {
        fprintf(stderr, "  --random gpt2: %s\n", err);
        return;
    }
    check_stages(c, app, "random gpt2", GF_LANG_RU, 1920, 1080, true, 11);
    /* The panel's first line, too long for one line there, breaks between
     * its parts: no line ends in the separator. */
    view v = {"attn_proj", GF_SCREEN_STAGE, 9};
    show(app, &v, 1.0f, true);
    bool step_line = false;
    for (int i = 0; i < app->ui.n_text; i++) {
        const char *t = app->ui.text_rects[i].text;
        size_t n = strlen(t);
        step_line |= strcmp(t, "шаг 164 из 173") == 0;
        if (!CHECK(c, n < 2 || strcmp(t + n - 2, "·") != 0))
            fprintf(stderr, "  line ends in its separator: \"%s\"\n", t);
    }
    CHECK(c, step_line);
    viewer_fixture_close(app);
}

/* Large-font mode at 1920×1080 and zoom 1: the pixel sizes the back row needs. */
static void test_large_sizes(check_ctx *c)
{
    char err[512];
    gf_app *app = viewer_fixture_open("abc", 1920, 1080, err, sizeof err);
    if (!CHECK(c, app != NULL))
        return;
    app->large_font = true;
    gf_headless_frame(app);
    const gf_ui *ui = &app->ui;
    CHECK(c, gf_ui_text_px(ui, GF_TEXT_SMALL) >= 24);     /* cell values, axis labels */
    CHECK(c, gf_ui_text_px(ui, GF_TEXT_BODY) >= 30);      /* the explanation at least */
    CHECK(c, gf_ui_text_px(ui, GF_TEXT_HEADING) > gf_ui_text_px(ui, GF_TEXT_BODY));
    CHECK(c, gf_ui_text_px(ui, GF_TEXT_TITLE) > gf_ui_text_px(ui, GF_TEXT_HEADING));
    app->large_font = false;
    gf_headless_frame(app);
    CHECK(c, gf_ui_text_px(ui, GF_TEXT_SMALL) < 24);      /* normal mode stays compact */
    viewer_fixture_close(app);
}

/* Lesson 4's first step (the heads of layer 1, the lesson band below) at
 * 1920×1080, large font, in both languages: the four maps' cells together
 * take more than half the view's width (each map's row labels took most of
 * its column: cells a sliver wide and many times taller), no map's cells are
 * more than twice as tall as wide, and no text fault. */
static void test_heads_overview(check_ctx *c, const char *lang)
{
    const char *lessons = getenv("GF_TEST_LESSONS");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s/04-heads.lesson", lessons != NULL ? lessons : "lessons",
             lang);
    gf_app *app = lesson_fixture_open_large(c, path, lang, 1920, 1080);
    if (app == NULL)
        return;
    lesson_fixture_draw_settled(c, app);
    CHECK_INT(c, app->screen, GF_SCREEN_OVERVIEW);
    int widths = 0, maps = 0;
    for (int h = 0; h < app->s.trace.config.n_head; h++) {
        char id[32];
        snprintf(id, sizeof id, "overview.%d", h);
        const gf_ui_heat_record *rec = gf_ui_find_heat(&app->ui, id);
        if (!CHECK(c, rec != NULL))
            continue;
        maps++;
        widths += rec->cells.w;
        if (!CHECK(c, rec->cells.h <= 2 * rec->cells.w))
            fprintf(stderr, "  %s: map %d: cells %d wide, %d tall\n", lang, h, rec->cells.w,
                    rec->cells.h);
    }
    CHECK_INT(c, maps, 4);
    if (!CHECK(c, 2 * widths > app->ui.view_rect.w))
        fprintf(stderr, "  %s: the maps take %d of %d px\n", lang, widths, app->ui.view_rect.w);
    char what[256];
    if (!CHECK(c, !find_fault(&app->ui, true, what, sizeof what)))
        fprintf(stderr, "  %s: %s\n", lang, what);
    viewer_fixture_close(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_layout");
    test_large_sizes(&c);
    test_heads_overview(&c, "en");
    test_heads_overview(&c, "ru");
    test_no_overlap(&c, 1280, 720, GF_LANG_EN, "The cat sat on the mat.", true);
    test_no_overlap(&c, 1920, 1080, GF_LANG_EN, "The cat sat on the mat.", true);
    test_no_overlap(&c, 1280, 720, GF_LANG_RU, "Кот сидел на", true);
    test_no_overlap(&c, 1920, 1080, GF_LANG_RU, "Кот сидел на", true);
    /* School projectors and laptops: 1024×768 (narrower than 1280×720 at
     * the same scale). */
    test_no_overlap(&c, 1024, 768, GF_LANG_EN, "The cat sat on the mat.", true);
    test_no_overlap(&c, 1024, 768, GF_LANG_RU, "Кот сидел на", true);
    /* The height a lesson band leaves (it takes about a third). */
    test_no_overlap(&c, 1920, 700, GF_LANG_RU, "Кот сидел на", false);
    test_no_overlap(&c, 1280, 540, GF_LANG_EN, "The cat sat on the mat.", false);
    const char *models[] = {"default", "bilingual", "seeds"};
    for (int m = 0; m < 3; m++) {
        test_shipped(&c, models[m], GF_LANG_EN, "The king and the queen", 1920, 1080, true);
        test_shipped(&c, models[m], GF_LANG_EN, "The king and the queen", 1280, 720, false);
    }
    test_shipped(&c, "bilingual", GF_LANG_RU, "Король сказал королеве", 1920, 1080, true);
    test_shipped(&c, "bilingual", GF_LANG_RU, "Король сказал королеве", 1280, 720, false);
    test_gpt2_sized(&c);
    test_shipped(&c, "bilingual", GF_LANG_RU, "Король сказал королеве", 1024, 768, true);
    return check_end(&c);
}
