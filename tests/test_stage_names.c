/* test_stage_names.c — the stages' English display names and summaries
 * follow the model's variant: post-norm models normalize after the residual
 * adds (and say so), and norm summaries name LayerNorm or RMSNorm. */
#include "check.h"
#include "stages.h"

#include <string.h>

static bool has(const char *s, const char *part)
{
    return strstr(s, part) != NULL;
}

static void test_names(check_ctx *c)
{
    gf_config pre, post;
    gf_config_default(&pre);
    gf_config_default(&post);
    post.norm_placement = GF_NORM_POST;
    CHECK(c, has(gf_stage_display_name(GF_STAGE_NORM_1, &pre), "before attention"));
    CHECK(c, has(gf_stage_display_name(GF_STAGE_NORM_2, &pre), "before feed-forward"));
    CHECK(c, has(gf_stage_display_name(GF_STAGE_NORM_1, &post), "after attention"));
    CHECK(c, has(gf_stage_display_name(GF_STAGE_NORM_2, &post), "after feed-forward"));
    CHECK(c, !has(gf_stage_display_name(GF_STAGE_NORM_1, &post), "before"));
    CHECK(c, !has(gf_stage_display_name(GF_STAGE_NORM_2, &post), "before"));
    /* Stages that sit the same way keep the table's name; pre-norm = table. */
    for (int i = 0; i < GF_STAGE_COUNT; i++)
        CHECK_STR(c, gf_stage_display_name((gf_stage_id)i, &pre), gf_stage_get((gf_stage_id)i)->name);
    CHECK_STR(c, gf_stage_display_name(GF_STAGE_QKV, &post), gf_stage_get(GF_STAGE_QKV)->name);
    CHECK_STR(c, gf_stage_display_name(GF_STAGE_COUNT, &pre), "?");
}

static void test_summaries(check_ctx *c)
{
    gf_config pre, post, rms;
    gf_config_default(&pre);
    post = pre;
    post.norm_placement = GF_NORM_POST;
    rms = pre;
    rms.norm_type = GF_NORM_RMSNORM;
    char buf[512];
    gf_stage_summary(GF_STAGE_NORM_1, &pre, buf, sizeof buf);
    CHECK(c, has(buf, "Before attention") && has(buf, "LayerNorm") && !has(buf, "RMSNorm"));
    gf_stage_summary(GF_STAGE_NORM_1, &post, buf, sizeof buf);
    CHECK(c, has(buf, "After the attention result is added") && has(buf, "LayerNorm"));
    gf_stage_summary(GF_STAGE_NORM_2, &post, buf, sizeof buf);
    CHECK(c, has(buf, "After the feed-forward result is added") && has(buf, "block's output"));
    gf_stage_summary(GF_STAGE_FINAL_NORM, &rms, buf, sizeof buf);
    CHECK(c, has(buf, "RMSNorm") && has(buf, "no mean is subtracted") && !has(buf, "β"));
    /* Post-norm: the second residual add is not yet the block's output. */
    gf_stage_summary(GF_STAGE_RESIDUAL_2, &post, buf, sizeof buf);
    CHECK(c, has(buf, "normalized next"));
    gf_stage_summary(GF_STAGE_RESIDUAL_2, &pre, buf, sizeof buf);
    CHECK_STR(c, buf, gf_stage_get(GF_STAGE_RESIDUAL_2)->summary);
    /* Every stage has a summary for every variant. */
    for (int i = 0; i < GF_STAGE_COUNT; i++)
        CHECK(c, gf_stage_summary((gf_stage_id)i, &post, buf, sizeof buf) > 10);
    /* A short buffer: truncated, NUL-terminated, full length returned. */
    char tiny[8];
    size_t full = gf_stage_summary(GF_STAGE_NORM_1, &pre, tiny, sizeof tiny);
    CHECK(c, full > sizeof tiny && strlen(tiny) == sizeof tiny - 1);
}

static void test_token_formula(check_ctx *c)
{
    gf_config cfg;
    gf_config_default(&cfg);
    char buf[256];
    gf_stage_formula(GF_STAGE_TOKENS, &cfg, 33, buf, sizeof buf);
    CHECK(c, has(buf, "id₃₂,"));                    /* the last index in subscript digits */
    gf_stage_formula(GF_STAGE_TOKENS, &cfg, 1, buf, sizeof buf);
    CHECK(c, has(buf, "id₀ … id₀,"));
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_stage_names");
    test_names(&c);
    test_summaries(&c);
    test_token_formula(&c);
    return check_end(&c);
}
