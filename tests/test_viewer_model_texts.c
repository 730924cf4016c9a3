/* test_viewer_model_texts.c — every formula on screen is the model's own:
 * on the three shipped models (default and bilingual: learned positions,
 * GELU; seeds: sinusoidal positions, ReLU, post-norm), the embedding stage
 * and the explanation panels of x₀, a norm, the activation and a logit name
 * the model's position term (wpe[t] or PE(t)), its norm and activation, and
 * never the other variant's, in English and Russian. */
#include "check.h"

#include "viewer_fixture.h"

#include "explain_panel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether any text recorded this frame contains needle. */
static bool frame_says(const gf_ui *ui, const char *needle)
{
    for (int i = 0; i < ui->n_text; i++)
        if (strstr(ui->text_rects[i].text, needle) != NULL)
            return true;
    return false;
}

/* Draw the stage named key (the panel closed). */
static void show_stage(gf_app *app, const char *key)
{
    app->screen = GF_SCREEN_STAGE;
    app->overlay = GF_SCREEN_NONE;
    for (int s = 0; s < app->st.n_stages; s++)
        if (strcmp(gf_stage_get(app->st.stages[s])->key, key) == 0)
            app->st.stage = s;
    gf_headless_frame(app);
}

/* Draw the explanation panel of key's value at the last position, column 0
 * (layer 1 for a per-layer tensor). */
static bool show_panel(check_ctx *c, gf_app *app, const char *key, bool global)
{
    gf_explain_at at = {key, global ? -1 : 1, -1, app->s.n_tokens - 1, 0};
    if (!CHECK(c, gf_explain_open_at(app, &at)))
        return false;
    gf_headless_frame(app);
    return true;
}

/* What the model's variant must say, and what it must not. */
typedef struct {
    const char *model;
    bool sinusoidal, relu;
} shipped;

static void expect(check_ctx *c, const gf_ui *ui, const char *where, const char *name,
                   const char *yes, const char *no)
{
    if (yes != NULL && !CHECK(c, frame_says(ui, yes)))
        fprintf(stderr, "  %s, %s: no \"%s\" on screen\n", name, where, yes);
    if (no != NULL && !CHECK(c, !frame_says(ui, no)))
        fprintf(stderr, "  %s, %s: \"%s\" on screen\n", name, where, no);
}

static void test_model(check_ctx *c, const shipped *m, gf_lang lang)
{
    char dir[1024], err[512];
    const char *assets = getenv("GF_TEST_ASSETS");
    snprintf(dir, sizeof dir, "%s/models/%s", assets != NULL ? assets : "assets", m->model);
    gf_app *app = viewer_fixture_open_model(dir, "The king and the queen", 1600, 900, err, sizeof err);
    if (!CHECK(c, app != NULL)) {
        fprintf(stderr, "  %s: %s\n", dir, err);
        return;
    }
    CHECK(c, gf_app_set_lang(app, lang, err, sizeof err));
    CHECK(c, app->s.model.config.position_type ==
                 (m->sinusoidal ? GF_POSITION_SINUSOIDAL : GF_POSITION_LEARNED));
    app->ui.record_text = true;
    gf_stepper_set_layer(&app->st, 1);
    char name[64];
    snprintf(name, sizeof name, "%s (%s)", m->model, gf_lang_code(lang));
    const char *pos_yes = m->sinusoidal ? "PE(t)" : "wpe[t]";
    const char *pos_no = m->sinusoidal ? "wpe" : "PE(";
    /* The stage view: its strip labels and the panel's formula. */
    show_stage(app, "embed");
    expect(c, &app->ui, "embed stage", name, pos_yes, pos_no);
    if (m->sinusoidal)
        expect(c, &app->ui, "embed stage", name, "sin(t/10000", NULL);
    /* x₀'s panel: the formula and the position term's label. */
    if (show_panel(c, app, "x0", true)) {
        expect(c, &app->ui, "x0 panel", name, m->sinusoidal ? "PE(" : "wpe[", pos_no);
        if (m->sinusoidal)
            expect(c, &app->ui, "x0 panel", name, "10000^(2i/C)", NULL);
    }
    /* A norm: LayerNorm (all three), with μ and β. */
    if (show_panel(c, app, "ln_1.out", false))
        expect(c, &app->ui, "ln_1 panel", name, "LayerNorm", "RMSNorm");
    /* The activation by its name, in the stage and its panel. */
    const char *act_yes = m->relu ? "ReLU(" : "GELU(", *act_no = m->relu ? "GELU" : "ReLU";
    gf_explain_close(app);
    show_stage(app, "activation");
    expect(c, &app->ui, "activation stage", name, act_yes, act_no);
    if (show_panel(c, app, "mlp.act", false))
        expect(c, &app->ui, "mlp.act panel", name, act_yes, act_no);
    /* Tied unembedding: the logit's weights are wte's rows. */
    if (show_panel(c, app, "logits", true))
        expect(c, &app->ui, "logits panel", name, "wte[", "W_U");
    gf_explain_close(app);
    viewer_fixture_close(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_model_texts");
    const shipped models[] = {{"default", false, false}, {"bilingual", false, false},
                              {"seeds", true, true}};
    for (int i = 0; i < 3; i++) {
        test_model(&c, &models[i], GF_LANG_EN);
        test_model(&c, &models[i], GF_LANG_RU);
    }
    return check_end(&c);
}
