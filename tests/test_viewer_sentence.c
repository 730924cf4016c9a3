/* test_viewer_sentence.c — the text as a sentence, the status line and the
 * message band:
 * - the sentence's pieces, joined, are the tokenizer's decoding of every
 *   token (dropped ones first); a Cyrillic letter split into byte tokens is
 *   one piece; kinds (dropped / prompt / generated) and the newest mark
 *   follow the session;
 * - drawn, a text longer than its two lines shows its end: the newest
 *   token is inside the band, and clicking a word selects its token;
 * - the status line keeps the stage position, the model and its languages
 *   at 1280×720 and 1920×1080, normal and large, English and Russian, and
 *   drops detail only when it must; beside the suggestion of the bilingual
 *   model too, at 1024×768 and 1280×720;
 * - a message gets its own band between the view and the status line. */
#include "check.h"

#include "model_languages.h"
#include "sentence.h"
#include "status_line.h"
#include "session_decoded.h"
#include "viewer_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gf_app *open_app(check_ctx *c, const char *prompt, const char *capacity, int w, int h)
{
    char err[512] = "";
    char *argv[] = {"glassformer", "--random", "tiny", "--capacity", (char *)capacity, "--prompt",
                    (char *)prompt};
    gf_options opt;
    gf_app *app = calloc(1, sizeof *app);
    bool ok = app != NULL && gf_options_parse(&opt, 7, argv, err, sizeof err) &&
              gf_app_open(app, &opt, err, sizeof err) && gf_headless_init(app, w, h, err, sizeof err);
    if (!CHECK(c, ok)) {
        fprintf(stderr, "  %s\n", err);
        viewer_fixture_close(app);
        return NULL;
    }
    return app;
}

static void sample(check_ctx *c, gf_app *app, int n)
{
    for (int i = 0; i < n; i++) {
        gf_app_key_named(app, "space");
        CHECK(c, viewer_fixture_settle(app));
    }
}

/* The pieces joined against a decoding of the tokens done here. */
static void check_pieces(check_ctx *c, const gf_session *s)
{
    static gf_sentence_piece pieces[2048];
    int n = gf_sentence_pieces(s, 0, pieces, 2048);
    int total = s->n_dropped_kept + s->n_tokens;
    size_t len = 0;
    char *want = session_decoded(c, s, &len);
    static char joined[1 << 16];
    size_t used = 0;
    int next = 0, newest = 0, bad_kind = 0;
    for (int i = 0; i < n; i++) {
        const gf_sentence_piece *p = &pieces[i];
        CHECK_INT(c, p->first, next);               /* every token, once, in order */
        next = p->first + p->count;
        size_t m = (size_t)p->n_bytes;
        if (used + m < sizeof joined) {
            memcpy(joined + used, p->bytes, m);
            used += m;
        }
        int t = p->first - s->n_dropped_kept;      /* window position, or < 0 */
        gf_piece_kind kind = t < 0 ? GF_PIECE_DROPPED : t < s->n_prompt ? GF_PIECE_PROMPT
                                                                         : GF_PIECE_GENERATED;
        bad_kind += p->kind != kind || p->position != (t < 0 ? -1 : t);
        newest += p->newest;
    }
    CHECK_INT(c, next, total);
    CHECK_INT(c, bad_kind, 0);
    CHECK_INT(c, newest, s->n_tokens > s->n_prompt ? 1 : 0);
    if (n > 0 && s->n_tokens > s->n_prompt)
        CHECK(c, pieces[n - 1].newest);
    if (CHECK(c, want != NULL)) {
        CHECK_INT(c, (int)used, (int)len);
        CHECK(c, memcmp(joined, want, len) == 0);
    }
    free(want);
}

static void test_pieces(check_ctx *c)
{
    /* Byte-level: each Cyrillic letter is two tokens, one piece. */
    gf_app *app = open_app(c, "Кот сидел", "32", 1280, 720);
    if (app == NULL)
        return;
    gf_session *s = &app->s;
    static gf_sentence_piece p[64];
    int n = gf_sentence_pieces(s, 0, p, 64);
    CHECK_INT(c, s->n_tokens, 17);                 /* 8 letters × 2 bytes + a space */
    CHECK_INT(c, n, 9);
    CHECK_STR(c, p[0].bytes, "К");
    CHECK_INT(c, p[0].count, 2);
    CHECK_STR(c, p[3].bytes, " ");
    CHECK_INT(c, p[4].first, 7);
    CHECK_INT(c, p[8].kind, GF_PIECE_PROMPT);
    CHECK(c, !p[8].newest);                         /* nothing generated yet */
    check_pieces(c, s);
    sample(c, app, 18);                             /* full at 32, then 3 slides */
    CHECK_INT(c, s->n_dropped, 3);
    check_pieces(c, s);
    viewer_fixture_close(app);
    /* 17 tokens in a 16-row trace: the first byte is dropped, so "К" is
     * cut; the window starts with its second byte. */
    app = open_app(c, "Кот сидел", "16", 1280, 720);
    if (app == NULL)
        return;
    s = &app->s;
    n = gf_sentence_pieces(s, 0, p, 64);
    CHECK_INT(c, s->n_dropped, 1);
    CHECK_INT(c, p[0].kind, GF_PIECE_DROPPED);
    CHECK_STR(c, p[0].bytes, "\xD0");
    CHECK_INT(c, p[1].kind, GF_PIECE_PROMPT);
    CHECK_INT(c, p[1].position, 0);
    CHECK_STR(c, p[1].bytes, "\x9A");
    CHECK_STR(c, p[2].bytes, "о");
    check_pieces(c, s);
    gf_app_run_prompt(app, "ab");
    CHECK(c, viewer_fixture_settle(app));
    sample(c, app, 2);
    check_pieces(c, s);
    viewer_fixture_close(app);
}

/* A long text at 1920×1080 in large-font mode: the end is in view. */
static void test_band(check_ctx *c)
{
    gf_app *app = open_app(c, "The cat sat on the mat and looked at the dog.", "320", 1920, 1080);
    if (app == NULL)
        return;
    app->large_font = true;
    app->ui.record_text = true;
    sample(c, app, 120);
    gf_headless_frame(app);
    int last = app->s.n_tokens - 1, hit = -1;
    for (int i = 0; i < app->ui.n_hits; i++)
        if (app->ui.hits[i].kind == GF_HIT_TOKEN && app->ui.hits[i].index == last &&
            app->ui.hits[i].rect.y < app->ui.view_rect.y)
            hit = hit < 0 ? i : hit;
    gf_rect band = {0, 0, 1920, 0};
    for (int i = 0; i < app->ui.n_hits; i++)
        if (app->ui.hits[i].kind == GF_HIT_PROMPT)
            band = app->ui.hits[i].rect;
    CHECK(c, band.h >= 2 * gf_ui_text_px(&app->ui, GF_TEXT_HEADING));   /* two lines */
    CHECK(c, gf_ui_text_px(&app->ui, GF_TEXT_HEADING) >= 30);            /* the back row */
    if (CHECK(c, hit >= 0)) {
        gf_rect r = app->ui.hits[hit].rect;
        CHECK(c, r.y >= band.y && r.y + r.h <= band.y + band.h);         /* visible */
        CHECK(c, r.x >= band.x && r.x + r.w <= band.x + band.w);
        /* A click on it selects that token. */
        gf_stepper_set_position(&app->st, 0);
        CHECK(c, gf_app_click(app, r.x + r.w / 2, r.y + r.h / 2));
        CHECK_INT(c, app->st.position, last);
    }
    /* The first token scrolled out of the band (it has no hit there). */
    int first_hit = 0;
    for (int i = 0; i < app->ui.n_hits; i++)
        first_hit += app->ui.hits[i].kind == GF_HIT_TOKEN && app->ui.hits[i].index == 0 &&
                     app->ui.hits[i].rect.y < band.y + band.h;
    CHECK_INT(c, first_hit, 0);
    char path[512], err[256];
    check_tmp_path(path, sizeof path, "viewer_sentence.png");
    CHECK(c, gf_headless_save(app, path, err, sizeof err));
    viewer_fixture_close(app);
}

/* The opened (random tiny) model dressed as the shipped bilingual one:
 * two languages, en and ru, named as a folder's model "bilingual" (not
 * "random tiny"). Returns its config. */
static const gf_config *dress_as_bilingual(gf_app *app)
{
    gf_config *cfg = &app->s.model.config;
    cfg->n_languages = 2;
    snprintf(cfg->languages[0], sizeof cfg->languages[0], "en");
    snprintf(cfg->languages[1], sizeof cfg->languages[1], "ru");
    snprintf(app->model_name, sizeof app->model_name, "bilingual");
    app->opt.random = NULL;
    app->opt.model = "bilingual";
    return cfg;
}

static void test_status(check_ctx *c)
{
    static const struct { int w, h; } sizes[] = {{1280, 720}, {1920, 1080}};
    for (size_t i = 0; i < 2; i++) {
        gf_app *app = open_app(c, "The cat sat", "128", sizes[i].w, sizes[i].h);
        if (app == NULL)
            continue;
        const gf_config *cfg = dress_as_bilingual(app);
        gf_stepper_set_layer(&app->st, 1);
        for (int lang = 0; lang < GF_LANG_COUNT; lang++) {
            char err[256];
            CHECK(c, gf_app_set_lang(app, (gf_lang)lang, err, sizeof err));
            for (int large = 0; large < 2; large++) {
                app->large_font = large != 0;
                app->ui.record_text = true;
                gf_headless_frame(app);
                char line[1024], where[256], names[128];
                int room = gf_status_line_text(app, sizes[i].w, line, sizeof line);
                gf_status_where(app, false, where, sizeof where);
                CHECK(c, gf_model_languages_named(&app->text, cfg, names, sizeof names) == 2);
                bool ok = strstr(line, where) != NULL && strstr(line, "bilingual") != NULL &&
                          strstr(line, names) != NULL;
                int w = 0, h = 0;
                gf_text_size(&app->ui, GF_FACE_SANS, GF_TEXT_BODY, line, &w, &h);
                if (!CHECK(c, ok && w <= room))
                    fprintf(stderr, "  %dx%d %s %s: \"%s\" (%d of %d px)\n", sizes[i].w,
                            sizes[i].h, gf_lang_code((gf_lang)lang), large ? "large" : "normal",
                            line, w, room);
                /* Only as much detail as must go: at 1920 normal all of it. */
                if (sizes[i].w == 1920 && !large)
                    CHECK(c, strstr(line, "(0…3)") != NULL);
            }
        }
        viewer_fixture_close(app);
    }
}

/* The shipped English model under a Russian prompt: the status line
 * suggests the bilingual model, and at 1024×768 and 1280×720, large font or
 * not, English or Russian, still keeps the stage position and the model's
 * whole name (the long suggestion left the name cut to nothing at 1024×768). */
static void test_status_suggestion(check_ctx *c)
{
    static const struct { int w, h; } sizes[] = {{1024, 768}, {1280, 720}};
    const char *assets = getenv("GF_TEST_ASSETS");
    char dir[1024], err[512] = "";
    snprintf(dir, sizeof dir, "%s/models/default", assets != NULL ? assets : "assets");
    for (size_t i = 0; i < 2; i++) {
        gf_app *app = viewer_fixture_open_model(dir, "Кот сидел на", sizes[i].w, sizes[i].h, err,
                                                sizeof err);
        if (!CHECK(c, app != NULL)) {
            fprintf(stderr, "  %s: %s\n", dir, err);
            continue;
        }
        gf_stepper_set_layer(&app->st, 1);
        /* Named as without --model: "default (built in)", "встроенная". */
        app->opt.model = NULL;
        for (int lang = 0; lang < GF_LANG_COUNT; lang++) {
            CHECK(c, gf_app_set_lang(app, (gf_lang)lang, err, sizeof err));
            const char *name = gf_i18n(&app->text, GF_STR_DEFAULT_MODEL);
            for (int large = 0; large < 2; large++) {
                app->large_font = large != 0;
                gf_headless_frame(app);
                char line[1024], where[256];
                int room = gf_status_line_text(app, sizes[i].w, line, sizeof line);
                gf_status_where(app, false, where, sizeof where);
                int w = 0, h = 0;
                gf_text_size(&app->ui, GF_FACE_SANS, GF_TEXT_BODY, line, &w, &h);
                bool ok = strstr(line, where) != NULL && strstr(line, name) != NULL;
                if (!CHECK(c, ok && w <= room))
                    fprintf(stderr, "  %dx%d %s %s: \"%s\" (%d of %d px)\n", sizes[i].w,
                            sizes[i].h, gf_lang_code((gf_lang)lang), large ? "large" : "normal",
                            line, w, room);
            }
        }
        viewer_fixture_close(app);
    }
}

/* At 1024×768 in large type zoomed in (+), a two-language model's status
 * line keeps the stage and the model's whole name within its room: the
 * languages and the step give way (the name was cut to "model …"). */
static void test_status_name_first(check_ctx *c)
{
    gf_app *app = open_app(c, "The cat sat", "128", 1024, 768);
    if (app == NULL)
        return;
    dress_as_bilingual(app);
    app->large_font = true;
    app->zoom = GF_ZOOM_STEP;
    gf_stepper_set_layer(&app->st, 1);
    for (int lang = 0; lang < GF_LANG_COUNT; lang++) {
        char err[256], line[1024], stage[64];
        CHECK(c, gf_app_set_lang(app, (gf_lang)lang, err, sizeof err));
        gf_headless_frame(app);
        snprintf(stage, sizeof stage, "%s %d/%d", gf_i18n(&app->text, GF_STR_STATUS_STAGE),
                 app->st.stage + 1, app->st.n_stages);
        int room = gf_status_line_text(app, 1024, line, sizeof line), w = 0, h = 0;
        gf_text_size(&app->ui, GF_FACE_SANS, GF_TEXT_BODY, line, &w, &h);
        bool ok = strstr(line, stage) != NULL && strstr(line, "bilingual") != NULL;
        if (!CHECK(c, ok && w <= room))
            fprintf(stderr, "  1024x768 %s large zoomed: \"%s\" (%d of %d px)\n",
                    gf_lang_code((gf_lang)lang), line, w, room);
    }
    viewer_fixture_close(app);
}

/* A long message: its band sits between the view and the status line. */
static void test_message(check_ctx *c)
{
    gf_app *app = open_app(c, "The cat sat", "128", 1280, 720);
    if (app == NULL)
        return;
    app->ui.record_text = true;
    app->large_font = true;
    gf_headless_frame(app);
    int view_bottom = app->ui.view_rect.y + app->ui.view_rect.h;
    snprintf(app->message, sizeof app->message, "%s",
             "viewer: a long message that names a file and gives the reason in many words, "
             "so that it needs more than one line at 1280 pixels in the normal font size; "
             "it must wrap and sit in a band of its own above the status line");
    gf_headless_frame(app);
    int status_top = 720 - gf_ui_px(&app->ui, app->ui.style->status_h);
    int lines = 0;
    for (int i = 0; i < app->ui.n_text; i++) {
        const gf_ui_text_rect *t = &app->ui.text_rects[i];
        if (t->r.y >= app->ui.view_rect.y + app->ui.view_rect.h && t->r.y + t->r.h <= status_top)
            lines++;
    }
    CHECK(c, lines >= 2);                                      /* wrapped, in its band */
    CHECK(c, app->ui.view_rect.y + app->ui.view_rect.h < view_bottom);   /* the view made room */
    CHECK(c, gf_message_band_h(app, 1280) > 0);
    app->message[0] = '\0';
    CHECK_INT(c, gf_message_band_h(app, 1280), 0);
    viewer_fixture_close(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_sentence");
    test_pieces(&c);
    test_band(&c);
    test_status(&c);
    test_status_suggestion(&c);
    test_status_name_first(&c);
    test_message(&c);
    return check_end(&c);
}
