/* test_config.c — config.json: real GPT-2 files parse, every kind of bad
 * value is refused with a message naming the file and key, and writing then
 * reading back gives the same config for every variant. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "config.h"
#include "train_config.h"

/* openai-community/gpt2 config.json, as published on the Hugging Face hub. */
static const char gpt2_config_json[] =
    "{\n"
    "  \"activation_function\": \"gelu_new\",\n"
    "  \"architectures\": [\n"
    "    \"GPT2LMHeadModel\"\n"
    "  ],\n"
    "  \"attn_pdrop\": 0.1,\n"
    "  \"bos_token_id\": 50256,\n"
    "  \"embd_pdrop\": 0.1,\n"
    "  \"eos_token_id\": 50256,\n"
    "  \"initializer_range\": 0.02,\n"
    "  \"layer_norm_epsilon\": 1e-05,\n"
    "  \"model_type\": \"gpt2\",\n"
    "  \"n_ctx\": 1024,\n"
    "  \"n_embd\": 768,\n"
    "  \"n_head\": 12,\n"
    "  \"n_layer\": 12,\n"
    "  \"n_positions\": 1024,\n"
    "  \"resid_pdrop\": 0.1,\n"
    "  \"summary_activation\": null,\n"
    "  \"summary_first_dropout\": 0.1,\n"
    "  \"summary_proj_to_labels\": true,\n"
    "  \"summary_type\": \"cls_index\",\n"
    "  \"summary_use_proj\": true,\n"
    "  \"task_specific_params\": {\n"
    "    \"text-generation\": {\n"
    "      \"do_sample\": true,\n"
    "      \"max_length\": 50\n"
    "    }\n"
    "  },\n"
    "  \"vocab_size\": 50257\n"
    "}\n";

/* A newer-style Hugging Face GPT-2 config (transformers 4.x save_pretrained). */
static const char gpt2_medium_like_json[] =
    "{\"_name_or_path\": \"gpt2-medium\", \"activation_function\": \"gelu_pytorch_tanh\","
    " \"architectures\": [\"GPT2LMHeadModel\"], \"layer_norm_epsilon\": 1e-05,"
    " \"model_type\": \"gpt2\", \"n_embd\": 1024, \"n_head\": 16, \"n_inner\": null,"
    " \"n_layer\": 24, \"n_positions\": 1024, \"reorder_and_upcast_attn\": false,"
    " \"scale_attn_by_inverse_layer_idx\": false, \"torch_dtype\": \"float32\","
    " \"transformers_version\": \"4.38.0\", \"use_cache\": true, \"vocab_size\": 50257}";

static gf_status parse(const char *text, gf_config *cfg, gf_error *err)
{
    return gf_config_parse_json(text, strlen(text), "bad/config.json", cfg, err);
}

/* The text must be refused with this status, and the one-line message must
 * name the file and the key. */
static void expect_error(check_ctx *c, const char *text, gf_status want, const char *key)
{
    gf_config cfg;
    gf_config_default(&cfg);
    cfg.n_layer = 77; /* must stay untouched on failure */
    gf_error err;
    gf_error_clear(&err);
    gf_status s = parse(text, &cfg, &err);
    if (!CHECK_INT(c, s, want))
        fprintf(stderr, "  text: %s\n  message: %s\n", text, err.message);
    CHECK_INT(c, err.status, want);
    bool names_file = strncmp(err.message, "bad/config.json: ", 17) == 0;
    bool names_key = strstr(err.message, key) != NULL;
    if (!CHECK(c, names_file && names_key))
        fprintf(stderr, "  message \"%s\" should name the file and \"%s\"\n", err.message, key);
    CHECK(c, strchr(err.message, '\n') == NULL);
    CHECK_INT(c, cfg.n_layer, 77);
}

static void test_real_gpt2(check_ctx *c)
{
    gf_config cfg;
    gf_error err;
    gf_error_clear(&err);
    CHECK_OK(c, parse(gpt2_config_json, &cfg, &err), &err);
    CHECK_INT(c, cfg.vocab_size, 50257);
    CHECK_INT(c, cfg.n_ctx, 1024);
    CHECK_INT(c, cfg.n_embd, 768);
    CHECK_INT(c, cfg.n_layer, 12);
    CHECK_INT(c, cfg.n_head, 12);
    CHECK_INT(c, cfg.n_inner, 3072);
    CHECK_NEAR(c, cfg.norm_eps, 1e-5, 1e-12);
    CHECK_INT(c, cfg.activation, GF_ACTIVATION_GELU_TANH);
    CHECK_INT(c, cfg.norm_placement, GF_NORM_PRE);
    CHECK_INT(c, cfg.norm_type, GF_NORM_LAYERNORM);
    CHECK_INT(c, cfg.position_type, GF_POSITION_LEARNED);
    CHECK(c, cfg.tied_embeddings);
    CHECK_INT(c, gf_config_head_size(&cfg), 64);

    gf_config def;
    gf_config_default(&def);
    CHECK_INT(c, def.n_inner, cfg.n_inner);
    CHECK_INT(c, def.n_ctx, cfg.n_ctx);
    CHECK_OK(c, gf_config_validate(&def, "default", &err), &err);

    CHECK_OK(c, parse(gpt2_medium_like_json, &cfg, &err), &err);
    CHECK_INT(c, cfg.n_embd, 1024);
    CHECK_INT(c, cfg.n_inner, 4096); /* null = 4·n_embd */
    CHECK_INT(c, cfg.n_layer, 24);
    CHECK_INT(c, cfg.n_head, 16);
    CHECK_INT(c, cfg.activation, GF_ACTIVATION_GELU_TANH);
}

static void test_good_variants(check_ctx *c)
{
    gf_config cfg;
    gf_error err;
    gf_error_clear(&err);

    /* Tiny: absent n_inner = 4·n_embd; absent keys keep GPT-2 defaults. */
    CHECK_OK(c, parse("{\"n_embd\": 8, \"n_head\": 2, \"n_layer\": 1}", &cfg, &err), &err);
    CHECK_INT(c, cfg.n_inner, 32);
    CHECK_INT(c, cfg.vocab_size, 50257);
    CHECK_INT(c, cfg.n_ctx, 1024);
    CHECK_INT(c, gf_config_head_size(&cfg), 4);

    /* Integers written as floats are fine when whole. */
    CHECK_OK(c, parse("{\"n_embd\": 768.0, \"n_layer\": 2e0, \"n_inner\": 100}", &cfg, &err),
             &err);
    CHECK_INT(c, cfg.n_embd, 768);
    CHECK_INT(c, cfg.n_layer, 2);
    CHECK_INT(c, cfg.n_inner, 100);

    /* n_ctx alone sets the context; with both, n_positions wins. */
    CHECK_OK(c, parse("{\"n_ctx\": 256}", &cfg, &err), &err);
    CHECK_INT(c, cfg.n_ctx, 256);
    CHECK_OK(c, parse("{\"n_positions\": 128}", &cfg, &err), &err);
    CHECK_INT(c, cfg.n_ctx, 128);
    CHECK_OK(c, parse("{\"n_ctx\": 512, \"n_positions\": 64}", &cfg, &err), &err);
    CHECK_INT(c, cfg.n_ctx, 64);
    CHECK_OK(c, parse("{\"n_positions\": 64, \"n_ctx\": 512}", &cfg, &err), &err);
    CHECK_INT(c, cfg.n_ctx, 64);

    /* Every spelling of every variant key. */
    CHECK_OK(c, parse("{\"activation_function\": \"gelu\", \"norm_placement\": \"post\","
                      " \"norm_type\": \"rmsnorm\", \"position_type\": \"sinusoidal\","
                      " \"tie_word_embeddings\": false, \"layer_norm_epsilon\": 1e-6}",
                      &cfg, &err),
             &err);
    CHECK_INT(c, cfg.activation, GF_ACTIVATION_GELU_EXACT);
    CHECK_INT(c, cfg.norm_placement, GF_NORM_POST);
    CHECK_INT(c, cfg.norm_type, GF_NORM_RMSNORM);
    CHECK_INT(c, cfg.position_type, GF_POSITION_SINUSOIDAL);
    CHECK(c, !cfg.tied_embeddings);
    CHECK_NEAR(c, cfg.norm_eps, 1e-6, 1e-13);
    CHECK_OK(c, parse("{\"activation_function\": \"relu\", \"norm_placement\": \"pre\","
                      " \"norm_type\": \"layernorm\", \"position_type\": \"learned\","
                      " \"tie_word_embeddings\": true}",
                      &cfg, &err),
             &err);
    CHECK_INT(c, cfg.activation, GF_ACTIVATION_RELU);
    CHECK_INT(c, cfg.norm_placement, GF_NORM_PRE);
    CHECK_INT(c, cfg.norm_type, GF_NORM_LAYERNORM);
    CHECK_INT(c, cfg.position_type, GF_POSITION_LEARNED);
    CHECK(c, cfg.tied_embeddings);
    CHECK_OK(c, parse("{\"activation_function\": \"swiglu\"}", &cfg, &err), &err);
    CHECK_INT(c, cfg.activation, GF_ACTIVATION_SWIGLU);
    CHECK_OK(c, parse("{\"activation_function\": \"gelu_pytorch_tanh\"}", &cfg, &err), &err);
    CHECK_INT(c, cfg.activation, GF_ACTIVATION_GELU_TANH);

    /* Limits themselves are allowed. */
    CHECK_OK(c, parse("{\"n_layer\": 1024, \"n_head\": 1, \"n_embd\": 1, \"n_inner\": 262144,"
                      " \"vocab_size\": 2097152, \"n_positions\": 65536}",
                      &cfg, &err),
             &err);
    CHECK_INT(c, cfg.vocab_size, 1 << 21);
    CHECK_INT(c, cfg.n_ctx, 1 << 16);

    /* A NUL inside the given length is text after the value, not an end. */
    const char nul[] = "{\"n_layer\": 3}\0{\"n_layer\": 4}";
    CHECK_INT(c, gf_config_parse_json(nul, sizeof nul - 1, "x", &cfg, &err), GF_ERR_FORMAT);
    CHECK_STR(c, err.message, "x: text after the JSON value (byte 14)");

    /* Whitespace after the object is fine. */
    const char *spaced = "{\"n_layer\": 5}\n \t\r\n";
    CHECK_OK(c, gf_config_parse_json(spaced, strlen(spaced), "x", &cfg, &err), &err);
    CHECK_INT(c, cfg.n_layer, 5);

    /* A length shorter than the text: only that prefix is JSON. */
    const char *two = "{\"n_layer\": 3}{garbage";
    CHECK_OK(c, gf_config_parse_json(two, 14, "x", &cfg, &err), &err);
    CHECK_INT(c, cfg.n_layer, 3);
}

static void test_bad(check_ctx *c)
{
    /* Not JSON / not an object. */
    expect_error(c, "{\"n_layer\": 12,", GF_ERR_FORMAT, "JSON");
    /* Strict: nothing after the object, no key twice (the parser would keep one). */
    expect_error(c, "{\"n_layer\": 12} garbage", GF_ERR_FORMAT, "text after the JSON value (byte 16)");
    expect_error(c, "{\"n_embd\": 64, \"n_layer\": 2, \"n_embd\": 128}", GF_ERR_FORMAT,
                 "key \"n_embd\" given twice");
    expect_error(c, "{\"x\": {\"a\": 1, \"a\": 2}}", GF_ERR_FORMAT, "key \"a\" given twice");
    expect_error(c, "", GF_ERR_FORMAT, "JSON");
    expect_error(c, "[1, 2]", GF_ERR_FORMAT, "object");
    /* Wrong JSON types. */
    expect_error(c, "{\"n_layer\": \"12\"}", GF_ERR_FORMAT, "n_layer");
    expect_error(c, "{\"n_embd\": true}", GF_ERR_FORMAT, "n_embd");
    expect_error(c, "{\"n_head\": null}", GF_ERR_FORMAT, "n_head");
    expect_error(c, "{\"vocab_size\": [50257]}", GF_ERR_FORMAT, "vocab_size");
    expect_error(c, "{\"n_positions\": {}}", GF_ERR_FORMAT, "n_positions");
    expect_error(c, "{\"n_ctx\": \"1024\"}", GF_ERR_FORMAT, "n_ctx");
    expect_error(c, "{\"n_inner\": \"big\"}", GF_ERR_FORMAT, "n_inner");
    expect_error(c, "{\"layer_norm_epsilon\": \"1e-5\"}", GF_ERR_FORMAT, "layer_norm_epsilon");
    expect_error(c, "{\"tie_word_embeddings\": 1}", GF_ERR_FORMAT, "tie_word_embeddings");
    expect_error(c, "{\"tie_word_embeddings\": \"true\"}", GF_ERR_FORMAT, "tie_word_embeddings");
    expect_error(c, "{\"activation_function\": 3}", GF_ERR_FORMAT, "activation_function");
    expect_error(c, "{\"norm_type\": null}", GF_ERR_FORMAT, "norm_type");
    expect_error(c, "{\"norm_placement\": false}", GF_ERR_FORMAT, "norm_placement");
    expect_error(c, "{\"position_type\": 0}", GF_ERR_FORMAT, "position_type");
    /* Non-integers. */
    expect_error(c, "{\"n_embd\": 768.5}", GF_ERR_FORMAT, "n_embd");
    expect_error(c, "{\"n_layer\": 12.000001}", GF_ERR_FORMAT, "n_layer");
    expect_error(c, "{\"vocab_size\": 1e-3}", GF_ERR_FORMAT, "vocab_size");
    /* Out of range (limits in config.h), including numbers too big for an int. */
    expect_error(c, "{\"n_layer\": 0}", GF_ERR_RANGE, "n_layer");
    expect_error(c, "{\"n_layer\": 1025}", GF_ERR_RANGE, "n_layer");
    expect_error(c, "{\"n_layer\": -3}", GF_ERR_RANGE, "n_layer");
    expect_error(c, "{\"n_layer\": 1e300}", GF_ERR_RANGE, "n_layer");
    expect_error(c, "{\"n_layer\": 4294967308}", GF_ERR_RANGE, "n_layer");
    expect_error(c, "{\"n_head\": 1025, \"n_embd\": 2050}", GF_ERR_RANGE, "n_head");
    expect_error(c, "{\"n_embd\": 65537}", GF_ERR_RANGE, "n_embd");
    expect_error(c, "{\"n_embd\": 0}", GF_ERR_RANGE, "n_embd");
    expect_error(c, "{\"vocab_size\": 2097153}", GF_ERR_RANGE, "vocab_size");
    expect_error(c, "{\"vocab_size\": 0}", GF_ERR_RANGE, "vocab_size");
    expect_error(c, "{\"n_positions\": 65537}", GF_ERR_RANGE, "n_positions");
    expect_error(c, "{\"n_ctx\": 0}", GF_ERR_RANGE, "n_ctx");
    expect_error(c, "{\"n_inner\": 0}", GF_ERR_RANGE, "n_inner");
    expect_error(c, "{\"n_inner\": 262145}", GF_ERR_RANGE, "n_inner");
    expect_error(c, "{\"layer_norm_epsilon\": 0}", GF_ERR_RANGE, "layer_norm_epsilon");
    expect_error(c, "{\"layer_norm_epsilon\": -1e-5}", GF_ERR_RANGE, "layer_norm_epsilon");
    expect_error(c, "{\"layer_norm_epsilon\": 2}", GF_ERR_RANGE, "layer_norm_epsilon");
    expect_error(c, "{\"layer_norm_epsilon\": 1e-300}", GF_ERR_RANGE, "layer_norm_epsilon");
    /* Cross-key rules. */
    expect_error(c, "{\"n_embd\": 768, \"n_head\": 5}", GF_ERR_RANGE, "n_head");
    expect_error(c, "{\"n_embd\": 7, \"n_head\": 1, \"position_type\": \"sinusoidal\"}",
                 GF_ERR_RANGE, "position_type");
    /* Unknown names. */
    expect_error(c, "{\"activation_function\": \"gelu_fast\"}", GF_ERR_FORMAT,
                 "activation_function");
    expect_error(c, "{\"activation_function\": \"GELU\"}", GF_ERR_FORMAT, "activation_function");
    expect_error(c, "{\"norm_placement\": \"middle\"}", GF_ERR_FORMAT, "norm_placement");
    expect_error(c, "{\"norm_type\": \"batchnorm\"}", GF_ERR_FORMAT, "norm_type");
    expect_error(c, "{\"position_type\": \"rotary\"}", GF_ERR_FORMAT, "position_type");

    /* The divisibility message shows the arithmetic. */
    gf_config cfg;
    gf_error err;
    gf_error_clear(&err);
    parse("{\"n_embd\": 768, \"n_head\": 5}", &cfg, &err);
    CHECK_STR(c, err.message, "bad/config.json: n_head: must divide n_embd (768 % 5 != 0)");

    /* validate() on configs built in code, with its own source name. */
    gf_config_default(&cfg);
    cfg.n_head = 7;
    CHECK_INT(c, gf_config_validate(&cfg, "mine", &err), GF_ERR_RANGE);
    CHECK(c, strncmp(err.message, "mine: n_head", 12) == 0);
    gf_config_default(&cfg);
    cfg.activation = (gf_activation)42;
    CHECK_INT(c, gf_config_validate(&cfg, "mine", &err), GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "activation_function") != NULL);
    gf_config_default(&cfg);
    cfg.n_inner = -1;
    CHECK_INT(c, gf_config_validate(&cfg, "mine", &err), GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "n_inner") != NULL);
}

/* Every combination of variants: to_json then parse gives the same config. */
static void test_round_trip(check_ctx *c)
{
    int n = 0;
    for (int combo = 0; combo < 64; combo++) {
        gf_config cfg;
        gf_config_default(&cfg);
        cfg.vocab_size = 300 + combo;
        cfg.n_ctx = 16 + combo;
        cfg.n_embd = 24;
        cfg.n_head = 3;
        cfg.n_layer = 2 + combo % 3;
        cfg.n_inner = 40 + combo;
        cfg.norm_eps = combo % 2 ? 1e-6f : 3.3e-5f;
        cfg.norm_placement = (combo & 1) ? GF_NORM_POST : GF_NORM_PRE;
        cfg.norm_type = (combo & 2) ? GF_NORM_RMSNORM : GF_NORM_LAYERNORM;
        cfg.position_type = (combo & 4) ? GF_POSITION_SINUSOIDAL : GF_POSITION_LEARNED;
        cfg.tied_embeddings = (combo & 8) == 0;
        cfg.activation = (gf_activation)(combo >> 4);

        char *text = gf_config_to_json(&cfg);
        if (!CHECK(c, text != NULL))
            continue;
        gf_config back;
        gf_error err;
        gf_error_clear(&err);
        CHECK_OK(c, gf_config_parse_json(text, strlen(text), "round", &back, &err), &err);
        bool same = back.vocab_size == cfg.vocab_size && back.n_ctx == cfg.n_ctx &&
                    back.n_embd == cfg.n_embd && back.n_head == cfg.n_head &&
                    back.n_layer == cfg.n_layer && back.n_inner == cfg.n_inner &&
                    back.norm_eps == cfg.norm_eps && back.norm_placement == cfg.norm_placement &&
                    back.norm_type == cfg.norm_type && back.position_type == cfg.position_type &&
                    back.activation == cfg.activation &&
                    back.tied_embeddings == cfg.tied_embeddings;
        if (!CHECK(c, same))
            fprintf(stderr, "  combo %d:\n%s\n", combo, text);
        n += same;

        /* What a Hugging Face GPT-2 loader looks for. */
        cJSON *root = cJSON_Parse(text);
        CHECK(c, root != NULL);
        const cJSON *mt = cJSON_GetObjectItemCaseSensitive(root, "model_type");
        CHECK(c, cJSON_IsString(mt) && strcmp(mt->valuestring, "gpt2") == 0);
        const cJSON *arch = cJSON_GetObjectItemCaseSensitive(root, "architectures");
        CHECK(c, cJSON_IsArray(arch) && cJSON_GetArraySize(arch) == 1 &&
                     strcmp(cJSON_GetArrayItem(arch, 0)->valuestring, "GPT2LMHeadModel") == 0);
        const cJSON *ctx = cJSON_GetObjectItemCaseSensitive(root, "n_ctx");
        const cJSON *pos = cJSON_GetObjectItemCaseSensitive(root, "n_positions");
        CHECK(c, cJSON_IsNumber(ctx) && cJSON_IsNumber(pos) && ctx->valuedouble == cfg.n_ctx &&
                     pos->valuedouble == cfg.n_ctx);
        const char *keys[] = {"vocab_size", "n_embd", "n_layer", "n_head", "n_inner",
                              "layer_norm_epsilon", "activation_function",
                              "tie_word_embeddings", "norm_placement", "norm_type",
                              "position_type"};
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
            CHECK(c, cJSON_GetObjectItemCaseSensitive(root, keys[k]) != NULL);
        cJSON_Delete(root);
        free(text);
    }
    CHECK_INT(c, n, 64);

    /* The written epsilon is the short decimal a person would write. */
    gf_config cfg;
    gf_config_default(&cfg);
    char *text = gf_config_to_json(&cfg);
    CHECK(c, text && strstr(text, "1e-05") != NULL);
    CHECK(c, text && strstr(text, "\"gelu_new\"") != NULL);
    free(text);
}

static void test_names(check_ctx *c)
{
    CHECK_STR(c, gf_norm_placement_name(GF_NORM_PRE), "pre");
    CHECK_STR(c, gf_norm_placement_name(GF_NORM_POST), "post");
    CHECK_STR(c, gf_norm_type_name(GF_NORM_LAYERNORM), "layernorm");
    CHECK_STR(c, gf_norm_type_name(GF_NORM_RMSNORM), "rmsnorm");
    CHECK_STR(c, gf_position_type_name(GF_POSITION_LEARNED), "learned");
    CHECK_STR(c, gf_position_type_name(GF_POSITION_SINUSOIDAL), "sinusoidal");
    CHECK_STR(c, gf_activation_name(GF_ACTIVATION_GELU_TANH), "gelu_new");
    CHECK_STR(c, gf_activation_name(GF_ACTIVATION_GELU_EXACT), "gelu");
    CHECK_STR(c, gf_activation_name(GF_ACTIVATION_RELU), "relu");
    CHECK_STR(c, gf_activation_name(GF_ACTIVATION_SWIGLU), "swiglu");
}

static void test_files(check_ctx *c)
{
    char path[512];
    gf_error err;
    gf_error_clear(&err);
    gf_config cfg, back;
    gf_config_default(&cfg);
    cfg.n_layer = 3;
    cfg.activation = GF_ACTIVATION_SWIGLU;
    check_tmp_path(path, sizeof path, "test_config.json");
    CHECK_OK(c, gf_config_save(&cfg, path, &err), &err);
    CHECK_OK(c, gf_config_load(path, &back, &err), &err);
    CHECK_INT(c, back.n_layer, 3);
    CHECK_INT(c, back.activation, GF_ACTIVATION_SWIGLU);

    /* A file that is not JSON names its path. */
    FILE *f = fopen(path, "wb");
    if (CHECK(c, f != NULL)) {
        fputs("n_layer = 3\n", f);
        fclose(f);
    }
    CHECK_INT(c, gf_config_load(path, &back, &err), GF_ERR_FORMAT);
    CHECK(c, strstr(err.message, path) == err.message);

    /* A config.json of more than a megabyte is refused (valid JSON or not). */
    f = fopen(path, "wb");
    if (CHECK(c, f != NULL)) {
        fputc('{', f);
        for (int i = 0; i < (1 << 20); i++)
            fputc(' ', f);
        fputc('}', f);
        fclose(f);
    }
    CHECK_INT(c, gf_config_load(path, &back, &err), GF_ERR_RANGE);
    CHECK(c, strstr(err.message, path) == err.message);
    remove(path);

    /* Missing file. */
    check_tmp_path(path, sizeof path, "no-such-dir/config.json");
    CHECK_INT(c, gf_config_load(path, &back, &err), GF_ERR_IO);
    CHECK(c, strstr(err.message, path) == err.message);
    CHECK_INT(c, gf_config_save(&cfg, path, &err), GF_ERR_IO);
    CHECK(c, strstr(err.message, path) == err.message);

    /* An invalid config is not written. */
    check_tmp_path(path, sizeof path, "test_config_bad.json");
    cfg.n_head = 5;
    CHECK_INT(c, gf_config_save(&cfg, path, &err), GF_ERR_RANGE);
    f = fopen(path, "rb");
    CHECK(c, f == NULL);
    if (f)
        fclose(f);
}

/* Same shape: every field but norm_eps must agree, tied_embeddings included
 * (an untied model has lm_head.weight, a tied one not). */
static void test_same_shape(check_ctx *c)
{
    gf_config a, b;
    gf_config_default(&a);
    b = a;
    CHECK(c, gf_config_same_shape(&a, &b));
    b.norm_eps = 1e-3f;   /* a value, not a shape */
    CHECK(c, gf_config_same_shape(&a, &b));
    CHECK(c, !gf_config_same_shape(&a, NULL) && !gf_config_same_shape(NULL, &a));
    for (int field = 0; field < 11; field++) {
        b = a;
        switch (field) {
        case 0: b.vocab_size++; break;
        case 1: b.n_ctx++; break;
        case 2: b.n_embd++; break;
        case 3: b.n_layer++; break;
        case 4: b.n_head++; break;
        case 5: b.n_inner++; break;
        case 6: b.norm_placement = GF_NORM_POST; break;
        case 7: b.norm_type = GF_NORM_RMSNORM; break;
        case 8: b.position_type = GF_POSITION_SINUSOIDAL; break;
        case 9: b.activation = GF_ACTIVATION_RELU; break;
        default: b.tied_embeddings = !a.tied_embeddings; break;
        }
        if (!CHECK(c, !gf_config_same_shape(&a, &b) && !gf_config_same_shape(&b, &a)))
            fprintf(stderr, "  field %d ignored\n", field);
    }
}

/* "languages": ISO 639 codes, kept in order, written back, shown as "en, ru";
 * absent means not stated; every malformed list is refused naming the key. */
static void test_languages(check_ctx *c)
{
    gf_config cfg;
    gf_error err;
    gf_error_clear(&err);
    char shown[64];

    CHECK_OK(c, parse("{\"n_layer\": 2}", &cfg, &err), &err);
    CHECK_INT(c, cfg.n_languages, 0);
    CHECK_INT(c, gf_config_languages_format(&cfg, shown, sizeof shown), 0);
    CHECK_STR(c, shown, "");
    char *text = gf_config_to_json(&cfg);
    if (CHECK(c, text != NULL))
        CHECK(c, strstr(text, "languages") == NULL);   /* GPT-2's keys only */
    free(text);

    CHECK_OK(c, parse("{\"languages\": [\"ru\", \"en\", \"chu\"]}", &cfg, &err), &err);
    CHECK_INT(c, cfg.n_languages, 3);
    CHECK_STR(c, cfg.languages[0], "ru");
    CHECK_STR(c, cfg.languages[1], "en");
    CHECK_STR(c, cfg.languages[2], "chu");
    CHECK_INT(c, gf_config_languages_format(&cfg, shown, sizeof shown), 3);
    CHECK_STR(c, shown, "ru, en, chu");
    char tiny[5];
    gf_config_languages_format(&cfg, tiny, sizeof tiny);   /* cut, still a string */
    CHECK_STR(c, tiny, "ru, ");

    /* Written back and read again: the same list. */
    text = gf_config_to_json(&cfg);
    gf_config back;
    if (CHECK(c, text != NULL)) {
        CHECK_OK(c, parse(text, &back, &err), &err);
        CHECK_INT(c, back.n_languages, 3);
        CHECK_STR(c, back.languages[2], "chu");
    }
    free(text);

    CHECK(c, gf_config_language_code_ok("en") && gf_config_language_code_ok("rus"));
    CHECK(c, !gf_config_language_code_ok("e") && !gf_config_language_code_ok("engl"));
    CHECK(c, !gf_config_language_code_ok("EN") && !gf_config_language_code_ok("e1"));
    CHECK(c, !gf_config_language_code_ok("") && !gf_config_language_code_ok(NULL));

    expect_error(c, "{\"languages\": \"en\"}", GF_ERR_FORMAT, "languages: must be an array");
    expect_error(c, "{\"languages\": []}", GF_ERR_FORMAT, "languages: empty");
    expect_error(c, "{\"languages\": [\"en\", 7]}", GF_ERR_FORMAT,
                 "languages[1]: must be a string");
    expect_error(c, "{\"languages\": [\"English\"]}", GF_ERR_FORMAT,
                 "languages[0]: \"English\" is not an ISO 639 code");
    expect_error(c, "{\"languages\": [\"en\", \"RU\"]}", GF_ERR_FORMAT, "languages[1]");
    expect_error(c, "{\"languages\": [\"ru-RU\"]}", GF_ERR_FORMAT, "languages[0]");
    expect_error(c, "{\"languages\": [\"en\", \"ru\", \"en\"]}", GF_ERR_RANGE,
                 "languages[2]: \"en\" is listed twice");
    expect_error(c, "{\"languages\": [\"aa\", \"ab\", \"ae\", \"af\", \"ak\", \"am\", "
                 "\"an\", \"ar\", \"as\"]}", GF_ERR_RANGE, "languages: at most 8 (got 9)");
    expect_error(c, "{\"languages\": null}", GF_ERR_FORMAT, "languages");

    /* Validation guards configs built in code too. */
    gf_config_default(&cfg);
    cfg.n_languages = 1;
    memcpy(cfg.languages[0], "xx1", 4);
    CHECK_INT(c, gf_config_validate(&cfg, "code", &err), GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "code: languages[0]") == err.message);
    cfg.n_languages = GF_CONFIG_MAX_LANGUAGES + 1;
    CHECK_INT(c, gf_config_validate(&cfg, "code", &err), GF_ERR_RANGE);
    /* Not part of the shape: a model keeps its weights whatever it claims. */
    gf_config other;
    gf_config_default(&other);
    cfg = other;
    cfg.n_languages = 1;
    memcpy(cfg.languages[0], "ru", 3);
    CHECK(c, gf_config_same_shape(&cfg, &other));
}

/* Text from the file shown in a message stays on one line (found by
 * tests/fuzz/fuzz_config: a newline inside an unknown value, and inside a
 * language code). */
static void test_one_line_messages(check_ctx *c)
{
    gf_config cfg;
    gf_train_config tc;
    gf_error err;
    const char *value = "{\"position_type\": \"s{}\\n\\n0\"}";
    CHECK_INT(c, gf_config_parse_json(value, strlen(value), "c.json", &cfg, &err),
              GF_ERR_FORMAT);
    CHECK_STR(c, err.message, "c.json: position_type: unknown value \"s{}??0\" (expected "
                              "\"learned\", \"sinusoidal\")");
    const char *key = "{\"train\": {\"l\\nr\": 1}}";
    CHECK_INT(c, gf_train_config_parse_json(key, strlen(key), "t.json", &tc, &err),
              GF_ERR_FORMAT);
    CHECK(c, strncmp(err.message, "t.json: train.l?r: unknown key", 30) == 0);
    const char *twice = "{\"a\\tb\": 1, \"a\\tb\": 2}";
    CHECK_INT(c, gf_config_parse_json(twice, strlen(twice), "d.json", &cfg, &err),
              GF_ERR_FORMAT);
    CHECK_STR(c, err.message, "d.json: key \"a?b\" given twice");
    /* A newline inside a language code (found by the long fuzz_config run). */
    const char *code = "{\"languages\": [\"e0\\n\\n o\"]}";
    CHECK_INT(c, gf_config_parse_json(code, strlen(code), "e.json", &cfg, &err), GF_ERR_FORMAT);
    CHECK_STR(c, err.message, "e.json: languages[0]: \"e0?? o\" is not an ISO 639 code (2 or 3 "
                              "lower-case letters, such as \"en\" or \"ru\")");
    char buf[8];
    CHECK_STR(c, gf_error_shown("0123456789", buf, sizeof buf), "0123...");
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "config");
    test_real_gpt2(&c);
    test_good_variants(&c);
    test_bad(&c);
    test_round_trip(&c);
    test_names(&c);
    test_same_shape(&c);
    test_languages(&c);
    test_files(&c);
    test_one_line_messages(&c);
    return check_end(&c);
}
