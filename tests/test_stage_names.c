/* test_stage_names.c — the stages' words come from the text files
 * (assets/text/<lang>.txt): names and summaries follow the model's variant
 * (post-norm models normalize after the residual adds and say so, norms name
 * LayerNorm or RMSNorm) in every language, formulas carry the real sizes, and
 * every language has every key, conversion and slot of English. */
#include "check.h"
#include "stage_text.h"

#include <stdio.h>
#include <string.h>

static const char *const LANGS[] = {"en", "ru"};
#define N_LANGS 2

static bool has(const char *s, const char *part)
{
    return strstr(s, part) != NULL;
}

static bool load(check_ctx *c, gf_text *t, const char *lang)
{
    char name[64], path[1024];
    snprintf(name, sizeof name, "../../assets/text/%s.txt", lang);
    check_data_path(path, sizeof path, name);
    gf_error e;
    gf_error_clear(&e);
    return CHECK_OK(c, gf_text_load(t, path, &e), &e);
}

static void test_names(check_ctx *c, const gf_text *en, const gf_text *ru)
{
    gf_config pre, post;
    gf_config_default(&pre);
    post = pre;
    post.norm_placement = GF_NORM_POST;
    CHECK(c, has(gf_stage_name(en, GF_STAGE_NORM_1, &pre), "before attention"));
    CHECK(c, has(gf_stage_name(en, GF_STAGE_NORM_2, &pre), "before feed-forward"));
    CHECK(c, has(gf_stage_name(en, GF_STAGE_NORM_1, &post), "after attention"));
    CHECK(c, has(gf_stage_name(en, GF_STAGE_NORM_2, &post), "after feed-forward"));
    CHECK(c, !has(gf_stage_name(en, GF_STAGE_NORM_1, &post), "before"));
    CHECK(c, has(gf_stage_name(ru, GF_STAGE_NORM_1, &pre), "перед вниманием"));
    CHECK(c, has(gf_stage_name(ru, GF_STAGE_NORM_1, &post), "после внимания"));
    CHECK(c, has(gf_stage_name(ru, GF_STAGE_NORM_2, &post), "после FFN"));
    CHECK(c, has(gf_stage_name(ru, GF_STAGE_RESIDUAL_2, &post), "до нормировки"));
    /* Stages that sit the same way keep their name; NULL cfg is pre-norm. */
    CHECK_STR(c, gf_stage_name(en, GF_STAGE_QKV, &post), gf_stage_name(en, GF_STAGE_QKV, &pre));
    CHECK_STR(c, gf_stage_name(en, GF_STAGE_NORM_1, NULL), gf_stage_name(en, GF_STAGE_NORM_1, &pre));
    CHECK(c, gf_stage_name(en, GF_STAGE_COUNT, &pre) == NULL);
}

static void test_summaries(check_ctx *c, const gf_text *en, const gf_text *ru)
{
    gf_config pre, post, rms;
    gf_config_default(&pre);
    post = pre;
    post.norm_placement = GF_NORM_POST;
    rms = pre;
    rms.norm_type = GF_NORM_RMSNORM;
    char buf[512];
    gf_stage_summary(en, GF_STAGE_NORM_1, &pre, buf, sizeof buf);
    CHECK(c, has(buf, "Before attention") && has(buf, "LayerNorm") && !has(buf, "RMSNorm"));
    gf_stage_summary(en, GF_STAGE_NORM_1, &post, buf, sizeof buf);
    CHECK(c, has(buf, "After the attention result is added") && has(buf, "LayerNorm"));
    gf_stage_summary(en, GF_STAGE_NORM_2, &post, buf, sizeof buf);
    CHECK(c, has(buf, "After the feed-forward result is added") && has(buf, "block's output"));
    gf_stage_summary(en, GF_STAGE_FINAL_NORM, &rms, buf, sizeof buf);
    CHECK(c, has(buf, "RMSNorm") && has(buf, "no mean is subtracted") && !has(buf, "β"));
    gf_stage_summary(en, GF_STAGE_RESIDUAL_2, &post, buf, sizeof buf);
    CHECK(c, has(buf, "normalized next"));
    gf_stage_summary(en, GF_STAGE_RESIDUAL_2, &pre, buf, sizeof buf);
    CHECK(c, has(buf, "the block's output") && !has(buf, "normalized next"));
    gf_stage_summary(ru, GF_STAGE_NORM_1, &pre, buf, sizeof buf);
    CHECK(c, has(buf, "Перед вниманием") && has(buf, "LayerNorm"));
    gf_stage_summary(ru, GF_STAGE_NORM_2, &rms, buf, sizeof buf);
    CHECK(c, has(buf, "RMSNorm") && has(buf, "среднее не вычитается"));
    gf_stage_summary(ru, GF_STAGE_RESIDUAL_2, &post, buf, sizeof buf);
    CHECK(c, has(buf, "нормируется"));
    /* A short buffer: truncated, NUL-terminated, full length returned. */
    char tiny[8];
    size_t full = gf_stage_summary(en, GF_STAGE_NORM_1, &pre, tiny, sizeof tiny);
    CHECK(c, full > sizeof tiny && strlen(tiny) == sizeof tiny - 1);
    /* A text without the key: 0 and the key named. */
    gf_text empty;
    gf_error e;
    if (CHECK_OK(c, gf_text_parse(&empty, "", 0, "empty.txt", &e), &e)) {
        CHECK_INT(c, gf_stage_summary(&empty, GF_STAGE_MASK, &pre, buf, sizeof buf), 0);
        CHECK_STR(c, buf, "?stage.mask.summary");
        CHECK_INT(c, gf_stage_formula(&empty, GF_STAGE_MASK, &pre, 3, buf, sizeof buf), 0);
        CHECK_STR(c, buf, "?formula.mask");
        gf_text_free(&empty);
    }
}

static void test_formulas(check_ctx *c, const gf_text *en, const gf_text *ru)
{
    gf_config cfg;
    gf_config_default(&cfg); /* GPT-2 small: head size 768/12 = 64 */
    char text[256];
    gf_stage_formula(en, GF_STAGE_SOFTMAX, &cfg, 7, text, sizeof text);
    CHECK(c, has(text, "softmax(QKᵀ/√64 + M)"));
    gf_stage_formula(en, GF_STAGE_FFN_UP, &cfg, 7, text, sizeof text);
    CHECK(c, has(text, "768 → 3072"));
    gf_stage_formula(en, GF_STAGE_LOGITS, &cfg, 7, text, sizeof text);
    CHECK(c, has(text, "768 → 50257") && has(text, "wte"));
    gf_stage_formula(en, GF_STAGE_SCORES, &cfg, 7, text, sizeof text);
    CHECK(c, has(text, "7 × 7 per head"));
    gf_stage_formula(ru, GF_STAGE_SCORES, &cfg, 7, text, sizeof text);
    CHECK(c, has(text, "7 × 7 на голову"));
    gf_stage_formula(en, GF_STAGE_TOKENS, &cfg, 33, text, sizeof text);
    CHECK(c, has(text, "id₃₂,") && has(text, "[0, 50256]"));
    gf_stage_formula(en, GF_STAGE_TOKENS, &cfg, 1, text, sizeof text);
    CHECK(c, has(text, "id₀ … id₀,"));
    gf_stage_formula(en, GF_STAGE_NORM_1, &cfg, 7, text, sizeof text);
    CHECK(c, has(text, "C = 768, ε = 1e-05"));
    /* Heads count from 0, as the picture labels them (h0 … h11). */
    gf_stage_formula(en, GF_STAGE_CONCAT, &cfg, 7, text, sizeof text);
    CHECK(c, has(text, "head₀ … head₁₁") && has(text, "(7 × 768)"));
    gf_stage_formula(ru, GF_STAGE_CONCAT, &cfg, 7, text, sizeof text);
    CHECK(c, has(text, "голова₀ … голова₁₁"));
    cfg.activation = GF_ACTIVATION_RELU;
    gf_stage_formula(en, GF_STAGE_ACTIVATION, &cfg, 7, text, sizeof text);
    CHECK(c, has(text, "max(0, h)") && has(text, "7 × 3072"));
    cfg.norm_type = GF_NORM_RMSNORM;
    gf_stage_formula(en, GF_STAGE_NORM_1, &cfg, 7, text, sizeof text);
    CHECK(c, has(text, "mean(x²)"));
    cfg.tied_embeddings = false;
    gf_stage_formula(en, GF_STAGE_LOGITS, &cfg, 7, text, sizeof text);
    CHECK(c, has(text, "W_out"));
    char tiny[8];
    const size_t full = gf_stage_formula(en, GF_STAGE_SOFTMAX, &cfg, 7, tiny, sizeof tiny);
    CHECK(c, full > sizeof tiny && strlen(tiny) == sizeof tiny - 1);
}

/* Every language has every key of English with its conversions and slots,
 * and every stage has all its words in every variant (no "{" left unfilled). */
static void test_complete(check_ctx *c, const gf_text *texts)
{
    gf_error e;
    for (int l = 1; l < N_LANGS; l++)
        CHECK_OK(c, gf_text_check(&texts[l], &texts[0], &e), &e);
    const gf_activation acts[] = {GF_ACTIVATION_GELU_TANH, GF_ACTIVATION_GELU_EXACT,
                                  GF_ACTIVATION_RELU, GF_ACTIVATION_SWIGLU};
    for (int l = 0; l < N_LANGS; l++)
        for (int v = 0; v < 16; v++) {
            gf_config cfg;
            gf_config_default(&cfg);
            cfg.norm_placement = v & 1 ? GF_NORM_POST : GF_NORM_PRE;
            cfg.norm_type = v & 2 ? GF_NORM_RMSNORM : GF_NORM_LAYERNORM;
            cfg.position_type = v & 4 ? GF_POSITION_SINUSOIDAL : GF_POSITION_LEARNED;
            cfg.tied_embeddings = (v & 8) == 0;
            cfg.activation = acts[v % 4];
            for (int i = 0; i < GF_STAGE_COUNT; i++) {
                char buf[512];
                const char *name = gf_stage_name(&texts[l], (gf_stage_id)i, &cfg);
                bool ok = name != NULL && name[0] != '\0';
                ok &= gf_stage_summary(&texts[l], (gf_stage_id)i, &cfg, buf, sizeof buf) > 10;
                ok &= gf_stage_formula(&texts[l], (gf_stage_id)i, &cfg, 5, buf, sizeof buf) > 5 &&
                      strchr(buf, '{') == NULL;
                if (!CHECK(c, ok))
                    fprintf(stderr, "  %s: stage %s, variant %d\n", LANGS[l],
                            gf_stage_get((gf_stage_id)i)->key, v);
            }
        }
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_stage_names");
    gf_text texts[N_LANGS];
    bool ok = true;
    for (int l = 0; l < N_LANGS; l++)
        ok &= load(&c, &texts[l], LANGS[l]);
    if (ok) {
        test_names(&c, &texts[0], &texts[1]);
        test_summaries(&c, &texts[0], &texts[1]);
        test_formulas(&c, &texts[0], &texts[1]);
        test_complete(&c, texts);
    }
    for (int l = 0; l < N_LANGS; l++)
        gf_text_free(&texts[l]);
    return check_end(&c);
}
