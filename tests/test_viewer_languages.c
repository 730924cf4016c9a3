/* test_viewer_languages.c — the model's languages in the status line and
 * the "mostly Cyrillic prompt, model without Russian" suggestion
 * (viz/model_languages.h): letters counted by hand on small texts, the
 * more-than-half rule at its edge, configs with and without "languages",
 * and the names in both interface languages. A --random model is named in
 * the interface's language ("модель случайная tiny"), and the status line
 * says, in both languages, that its tokens have no text ("#N" is a
 * number); a shipped model's line does not. */
#include "check.h"

#include "model_languages.h"
#include "options.h"
#include "status_line.h"
#include "viewer_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void expect_letters(check_ctx *c, const char *text, int letters, int cyrillic)
{
    int l = -1, cy = -1;
    gf_text_count_letters(text, &l, &cy);
    if (!CHECK(c, l == letters && cy == cyrillic))
        fprintf(stderr, "  \"%s\": %d letters, %d Cyrillic (want %d, %d)\n", text, l, cy, letters,
                cyrillic);
}

static void test_letters(check_ctx *c)
{
    expect_letters(c, "", 0, 0);
    expect_letters(c, NULL, 0, 0);
    expect_letters(c, "The king, 42!", 7, 0);
    expect_letters(c, "Король сказал", 12, 12);
    expect_letters(c, "ёЁ ґ Ѣ", 4, 4);                      /* outside А–я too      */
    expect_letters(c, "café × ÷ — «»", 4, 0);               /* é counts, signs not  */
    expect_letters(c, "Ωμέγα", 5, 0);                        /* Greek: letters        */
    expect_letters(c, "\xf0\x9f\x99\x82 ok", 2, 0);          /* emoji: not a letter   */
    expect_letters(c, "й\xd0", 1, 1);                        /* stops at a bad byte   */
    CHECK(c, gf_codepoint_is_cyrillic(0x0416));              /* Ж                     */
    CHECK(c, !gf_codepoint_is_cyrillic(0x0483));             /* combining titlo       */
    CHECK(c, !gf_codepoint_is_cyrillic('B'));
}

static void test_suggestion(check_ctx *c)
{
    gf_config english, stated_en, bilingual;
    gf_config_default(&english);                              /* no "languages"       */
    gf_config_default(&stated_en);
    stated_en.n_languages = 1;
    snprintf(stated_en.languages[0], sizeof stated_en.languages[0], "en");
    gf_config_default(&bilingual);
    bilingual.n_languages = 2;
    snprintf(bilingual.languages[0], sizeof bilingual.languages[0], "en");
    snprintf(bilingual.languages[1], sizeof bilingual.languages[1], "ru");

    CHECK(c, gf_model_has_language(&english, "en"));
    CHECK(c, !gf_model_has_language(&english, "ru"));
    CHECK(c, gf_model_has_language(&bilingual, "ru"));
    CHECK(c, !gf_model_has_language(&bilingual, "de"));

    CHECK(c, gf_model_suggest_russian(&english, "Король сказал королеве"));
    CHECK(c, gf_model_suggest_russian(&stated_en, "Король сказал королеве"));
    CHECK(c, !gf_model_suggest_russian(&bilingual, "Король сказал королеве"));
    CHECK(c, !gf_model_suggest_russian(&english, "The king said"));
    CHECK(c, !gf_model_suggest_russian(&english, ""));
    /* The edge: 4 Cyrillic of 8 letters is half, not more; 5 of 9 is more. */
    CHECK(c, !gf_model_suggest_russian(&english, "abcd абвг"));
    CHECK(c, gf_model_suggest_russian(&english, "abcd абвгд"));
    /* Digits and punctuation do not count for either side. */
    CHECK(c, gf_model_suggest_russian(&english, "1234567890 ... да!"));
}

static void test_names(check_ctx *c)
{
    char dir[1024], err[512] = "";
    gf_options o;
    char *none[] = {"glassformer"};
    CHECK(c, gf_options_parse(&o, 1, none, err, sizeof err));
    gf_options_text_dir(&o, dir, sizeof dir);
    gf_config cfg;
    gf_config_default(&cfg);
    char names[128];
    CHECK_INT(c, gf_model_languages_named(NULL, &cfg, names, sizeof names), 0);
    CHECK_STR(c, names, "");
    cfg.n_languages = 3;
    snprintf(cfg.languages[0], sizeof cfg.languages[0], "en");
    snprintf(cfg.languages[1], sizeof cfg.languages[1], "ru");
    snprintf(cfg.languages[2], sizeof cfg.languages[2], "chu");   /* no name in the files */
    static const char *const want[GF_LANG_COUNT] = {
        [GF_LANG_EN] = "English, Russian, chu",
        [GF_LANG_RU] = "английский, русский, chu",
    };
    for (int l = 0; l < GF_LANG_COUNT; l++) {
        gf_texts tx;
        if (!CHECK(c, gf_texts_load(&tx, (gf_lang)l, dir, err, sizeof err))) {
            fprintf(stderr, "  %s\n", err);
            continue;
        }
        CHECK_INT(c, gf_model_languages_named(&tx, &cfg, names, sizeof names), 3);
        CHECK_STR(c, names, want[l]);
        char line[256];
        snprintf(line, sizeof line, gf_i18n(&tx, GF_STR_STATUS_LANGUAGES), names);
        CHECK(c, strstr(line, want[l]) != NULL);
        CHECK(c, strstr(gf_i18n(&tx, GF_STR_SUGGEST_RUSSIAN), "--model assets/models/bilingual"));
        /* Cut to the buffer, still a string. */
        char tiny[10];
        gf_model_languages_named(&tx, &cfg, tiny, sizeof tiny);
        CHECK(c, strlen(tiny) < sizeof tiny);
        gf_texts_free(&tx);
    }
}

/* Whether any text drawn in the last frame contains needle. */
static bool frame_says(const gf_app *app, const char *needle)
{
    for (int i = 0; i < app->ui.n_text; i++)
        if (strstr(app->ui.text_rects[i].text, needle) != NULL)
            return true;
    return false;
}

/* One frame of app in lang, its text recorded. */
static void frame_in(check_ctx *c, gf_app *app, gf_lang lang)
{
    char err[512] = "";
    if (!CHECK(c, gf_app_set_lang(app, lang, err, sizeof err)))
        fprintf(stderr, "  %s\n", err);
    app->ui.record_text = true;
    gf_headless_frame(app);
    app->ui.record_text = false;
}

/* A --random model's name in both languages; its note only when some of
 * its ids have no text (gpt2: 50257 ids, the byte-level tokenizer's 256). */
static void check_random(check_ctx *c, const char *preset, bool without_text)
{
    char *argv[] = {"glassformer", "--random", (char *)preset, "--prompt", "Кот сидел"};
    gf_app *app = viewer_fixture_open_argv(c, 5, argv, 1024, 768);
    if (app == NULL)
        return;
    CHECK(c, viewer_fixture_settle(app));
    char label[64], ru[64], en[64];
    gf_session_label(&app->s, app->s.model.config.vocab_size - 1, label, sizeof label);
    CHECK(c, (label[0] == '#') == without_text);     /* what the note explains */
    snprintf(ru, sizeof ru, "модель случайная %s", preset);
    snprintf(en, sizeof en, "model random %s", preset);
    frame_in(c, app, GF_LANG_RU);
    CHECK(c, frame_says(app, ru) && !frame_says(app, "random"));
    CHECK(c, frame_says(app, "без словаря") == without_text);
    frame_in(c, app, GF_LANG_EN);
    CHECK(c, frame_says(app, en));
    CHECK(c, frame_says(app, "no vocabulary") == without_text);
    CHECK(c, frame_says(app, "#N") == without_text);
    /* In large type at 1024×768, on the lens screen, the note takes its
     * short form and leaves the model's whole name on the line. */
    frame_in(c, app, GF_LANG_RU);
    app->large_font = true;
    gf_headless_frame(app);
    app->screen = GF_SCREEN_LENS;
    char line[1024];
    gf_status_line_text(app, 1024, line, sizeof line);
    if (!CHECK(c, strstr(line, ru) != NULL))
        fprintf(stderr, "  1024 px, large: \"%s\"\n", line);
    app->screen = GF_SCREEN_STAGE;
    /* Zoomed in (+) on a stage screen, the line still holds the stage and
     * the model's whole name, within its room: the step, the note (gpt2)
     * or the suggestion (tiny, a Russian prompt) give way. */
    app->zoom = GF_ZOOM_STEP;
    for (int lang = 0; lang < GF_LANG_COUNT; lang++) {
        frame_in(c, app, (gf_lang)lang);
        char stage[64];
        snprintf(stage, sizeof stage, "%s %d/%d", gf_i18n(&app->text, GF_STR_STATUS_STAGE),
                 app->st.stage + 1, app->st.n_stages);
        int room = gf_status_line_text(app, 1024, line, sizeof line), w = 0, h = 0;
        gf_text_size(&app->ui, GF_FACE_SANS, GF_TEXT_BODY, line, &w, &h);
        bool ok = strstr(line, lang == GF_LANG_RU ? ru : en) != NULL && strstr(line, stage) != NULL;
        if (!CHECK(c, ok && w <= room))
            fprintf(stderr, "  1024 px, large, zoomed: \"%s\" (%d of %d px)\n", line, w, room);
    }
    app->zoom = 1.0f;
    app->large_font = false;
    viewer_fixture_close(app);
}

static void test_random_model(check_ctx *c)
{
    check_random(c, "gpt2", true);
    check_random(c, "tiny", false);
    /* A shipped model's tokens have text: no such note, no "random". */
    char dir[1024], err[512] = "";
    const char *assets = getenv("GF_TEST_ASSETS");
    snprintf(dir, sizeof dir, "%s/models/default", assets != NULL ? assets : "assets");
    gf_app *app = viewer_fixture_open_model(dir, "The cat", 1920, 1080, err, sizeof err);
    if (!CHECK(c, app != NULL)) {
        fprintf(stderr, "  %s: %s\n", dir, err);
        return;
    }
    CHECK(c, viewer_fixture_settle(app));
    frame_in(c, app, GF_LANG_EN);
    CHECK(c, !frame_says(app, "no vocabulary") && !frame_says(app, "random"));
    frame_in(c, app, GF_LANG_RU);
    CHECK(c, !frame_says(app, "без словаря") && !frame_says(app, "случайная"));
    viewer_fixture_close(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "viewer languages");
    test_letters(&c);
    test_suggestion(&c);
    test_names(&c);
    test_random_model(&c);
    return check_end(&c);
}
