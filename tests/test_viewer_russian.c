/* test_viewer_russian.c — the Russian interface says everything in Russian:
 * every stage of the stage screen and every screen (overlays too) is drawn
 * in Russian, with the tiny random model (its tokens are bytes, so no
 * English word comes from the model) and with the default model's loss
 * curve, and every word of Latin letters in the text the UI drew must be
 * one a Russian class reads as is: a tensor or matrix name, a key, a unit,
 * a model's name, a formula's letters. A view that draws a hard-coded
 * English word ("logits", "sum") fails here. */
#include "check.h"

#include "viewer_fixture.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Latin words that stay Latin in the Russian interface. */
static const char *const KEPT[] = {
    /* keys and modifiers */
    "Ctrl", "Enter", "Esc", "Shift", "Tab", "Space", "Alt", "PgUp", "PgDn", "Home", "End", "F1",
    /* names of models, files and tools */
    "GPT", "GloVe", "default", "tiny", "bilingual", "assets", "models", "model", "csv",
    "glassformer", "cli", "BPE", "UTF", "random", "train_log",
    /* tensors, matrices and the formulas' symbols */
    "wte", "wpe", "weight", "bias", "attn", "mlp", "c_attn", "c_proj", "c_fc", "ln_f", "ln_1",
    "ln_2", "lm_head", "proj", "tok_emb", "pos_emb", "emb", "softmax", "exp", "max", "rstd",
    "mean", "var", "sqrt", "GELU", "gelu", "ReLU", "relu", "SiLU", "silu", "RMSNorm", "LayerNorm",
    "cos", "sin", "log", "norm", "out", "concat", "top", "W_out", "W_in", "PE", "RoPE", "KV",
    "eps", "argmax", "mask", "tanh", "lens", "FFN", "d_ff", "gelu_new", "W_up", "W_down",
    "W_gate", "res_1", "res_2", "one-hot", "top-k", "top-p",
};

static bool kept(const char *word)
{
    for (size_t i = 0; i < sizeof KEPT / sizeof KEPT[0]; i++)
        if (strcasecmp(word, KEPT[i]) == 0)
            return true;
    return false;
}

/* Each word of three or more Latin letters (with _ inside) in text that is
 * not kept, added once to found (up to size bytes). */
static void latin_words(const char *text, char *found, size_t size, const char *where)
{
    for (const char *p = text; *p != '\0';) {
        if (!isalpha((unsigned char)*p)) {
            p++;
            continue;
        }
        const char *start = p;
        while (isalnum((unsigned char)*p) || *p == '_' ||
               (*p == '-' && isalpha((unsigned char)p[1])))
            p++;
        if (start > text && start[-1] == '\\')
            continue;   /* a byte token's name: \xD0 */
        char word[64];
        snprintf(word, sizeof word, "%.*s", (int)(p - start), start);
        int letters = 0;
        for (const char *q = word; *q != '\0'; q++)
            letters += isalpha((unsigned char)*q) != 0;
        if (letters < 3 || kept(word))
            continue;
        char marked[80];
        snprintf(marked, sizeof marked, " %s ", word);   /* found: " a b c " */
        if (strstr(found, marked) != NULL)
            continue;
        size_t n = strlen(found);
        snprintf(found + n, size - n, "%s ", word);
        fprintf(stderr, "  %s: \"%s\" in \"%s\"\n", where, word, text);
    }
}

/* Every stage and every screen, Russian, at 1280 × 720: the Latin words. */
static void scan(gf_app *app, char *found, size_t size)
{
    app->ui.record_text = true;
    int n_views = app->st.n_stages + GF_SCREEN_COUNT;
    for (int v = 0; v < n_views; v++) {
        const char *what;
        app->screen = GF_SCREEN_STAGE;
        app->overlay = GF_SCREEN_NONE;
        if (v < app->st.n_stages) {
            app->st.stage = v;
            what = gf_stage_get(app->st.stages[v])->key;
        } else {
            const gf_screen_def *d = gf_screen_get((gf_screen)(v - app->st.n_stages));
            if (d->id == GF_SCREEN_STAGE)
                continue;
            if (d->layout == GF_LAYOUT_OVERLAY)
                app->overlay = d->id;
            else
                app->screen = d->id;
            what = d->name;
        }
        gf_headless_frame(app);
        for (int i = 0; i < app->ui.n_text; i++) {
            const char *text = app->ui.text_rects[i].text;
            /* The analogy screen's words come from the word lists: one
             * without a glossary entry keeps its English spelling. */
            if (app->screen == GF_SCREEN_ANALOGY && strchr(text, ' ') == NULL)
                continue;
            latin_words(text, found, size, what);
        }
    }
}

/* A stage's name set after a colon starts with a small letter, an
 * acronym kept: the residual stage's all-positions map reads "все позиции:
 * остаточная связь после внимания", not "…: Остаточная…". */
static void test_name_after_colon(check_ctx *c, gf_app *app)
{
    char buf[128];
    const char *cases[][2] = {
        {"Остаточная связь", "остаточная связь"}, {"Ёлка", "ёлка"}, {"Residual", "residual"},
        {"FFN: сжатие", "FFN: сжатие"}, {"KV", "KV"}, {"логиты", "логиты"}, {"Я", "Я"}, {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gf_i18n_lower_first(cases[i][0], buf, sizeof buf);
        CHECK_STR(c, buf, cases[i][1]);
    }
    app->screen = GF_SCREEN_STAGE;
    app->overlay = GF_SCREEN_NONE;
    for (int v = 0; v < app->st.n_stages; v++)
        if (app->st.stages[v] == GF_STAGE_RESIDUAL_1)
            app->st.stage = v;
    CHECK_INT(c, gf_stepper_stage(&app->st), GF_STAGE_RESIDUAL_1);
    app->ui.record_text = true;
    gf_headless_frame(app);
    bool found = false;
    for (int i = 0; i < app->ui.n_text && !found; i++)
        found = strcmp(app->ui.text_rects[i].text, "все позиции: остаточная связь после внимания") == 0;
    CHECK(c, found);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_russian");
    char found[4096] = " ", err[512] = "";
    gf_app *app = viewer_fixture_open("Кот сидел на", 1280, 720, err, sizeof err);
    if (CHECK(&c, app != NULL) && CHECK(&c, gf_app_set_lang(app, GF_LANG_RU, err, sizeof err))) {
        gf_stepper_set_layer(&app->st, 1);
        scan(app, found, sizeof found);
        test_name_after_colon(&c, app);
    }
    viewer_fixture_close(app);
    CHECK_STR(&c, found, " ");
    return check_end(&c);
}
