/* train_config.c — the "train" object of a training config (see
 * train_config.h). One table (key, field, kind, limits) drives parsing,
 * writing and comparing, so each key and limit is written down once. */
#include "train_config.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_strict.h"
#include "file_io.h"

#define TC_MAX_FILE (1024u * 1024u)   /* a config file is ~1 KB */
#define TC_JSON_MAX 2048              /* 14 keys of at most ~40 characters */

typedef enum { TC_INT, TC_I64, TC_FLOAT } tc_kind;

typedef struct {
    const char *key;
    size_t field;          /* offsetof(gf_train_config, ...)                 */
    tc_kind kind;
    double lo, hi;         /* limits                                          */
    bool lo_open, hi_open; /* (lo, ...] / [..., hi)                           */
} tc_key;

#define TC_FIELD(f) offsetof(gf_train_config, f)
static const tc_key tc_keys[] = {
    {"batch_size", TC_FIELD(batch_size), TC_INT, 1, 4096, false, false},
    {"seq_len", TC_FIELD(seq_len), TC_INT, 0, 65536, false, false},
    {"lr", TC_FIELD(lr), TC_FLOAT, 0, 1, true, false},
    {"lr_min", TC_FIELD(lr_min), TC_FLOAT, 0, 1, false, false},
    {"warmup_steps", TC_FIELD(warmup_steps), TC_I64, 0, 1e12, false, false},
    {"weight_decay", TC_FIELD(weight_decay), TC_FLOAT, 0, 10, false, false},
    {"beta1", TC_FIELD(beta1), TC_FLOAT, 0, 1, false, true},
    {"beta2", TC_FIELD(beta2), TC_FLOAT, 0, 1, false, true},
    {"eps", TC_FIELD(eps), TC_FLOAT, 0, 1, true, false},
    {"clip", TC_FIELD(clip), TC_FLOAT, 0, 1e6, false, false},
    {"eval_every", TC_FIELD(eval_every), TC_INT, 0, 1e9, false, false},
    {"eval_batches", TC_FIELD(eval_batches), TC_INT, 1, 1e6, false, false},
    {"checkpoint_every", TC_FIELD(checkpoint_every), TC_INT, 0, 1e9, false, false},
    {"log_every", TC_FIELD(log_every), TC_INT, 1, 1e9, false, false},
};
#define TC_KEY_COUNT ((int)(sizeof tc_keys / sizeof tc_keys[0]))

void gf_train_config_default(gf_train_config *tc)
{
    memset(tc, 0, sizeof *tc);
    /* The optimizer's own defaults, except the learning rates: the small
     * models trained here take a higher peak rate than a 124M GPT. */
    gf_adamw_config opt;
    gf_adamw_config_default(&opt);
    tc->batch_size = 8;
    tc->seq_len = 0;
    tc->lr = 1e-3f;
    tc->lr_min = 1e-4f;
    tc->warmup_steps = opt.warmup_steps;
    tc->weight_decay = opt.weight_decay;
    tc->beta1 = opt.beta1;
    tc->beta2 = opt.beta2;
    tc->eps = opt.eps;
    tc->clip = opt.clip_norm;
    tc->eval_every = 100;
    tc->eval_batches = 8;
    tc->checkpoint_every = 500;
    tc->log_every = 10;
}

/* The field's value as a double (exact for every kind we store). */
static double tc_get(const gf_train_config *tc, const tc_key *k)
{
    const char *p = (const char *)tc + k->field;
    switch (k->kind) {
    case TC_INT: return *(const int *)(const void *)p;
    case TC_I64: return (double)*(const int64_t *)(const void *)p;
    case TC_FLOAT: return *(const float *)(const void *)p;
    }
    return 0.0;
}

static void tc_set(gf_train_config *tc, const tc_key *k, double v)
{
    char *p = (char *)tc + k->field;
    switch (k->kind) {
    case TC_INT: *(int *)(void *)p = (int)v; break;
    case TC_I64: *(int64_t *)(void *)p = (int64_t)v; break;
    case TC_FLOAT: *(float *)(void *)p = (float)v; break;
    }
}

static const char *tc_type_name(const cJSON *item)
{
    if (cJSON_IsString(item)) return "a string";
    if (cJSON_IsBool(item)) return "a boolean";
    if (cJSON_IsNull(item)) return "null";
    if (cJSON_IsArray(item)) return "an array";
    if (cJSON_IsObject(item)) return "an object";
    return "a number";
}

static const tc_key *tc_find(const char *key)
{
    for (int i = 0; i < TC_KEY_COUNT; i++)
        if (strcmp(tc_keys[i].key, key) == 0)
            return &tc_keys[i];
    return NULL;
}

static gf_status tc_unknown_key(const char *source, const char *key, gf_error *err)
{
    char known[512];
    size_t used = 0;
    for (int i = 0; i < TC_KEY_COUNT && used < sizeof known; i++)
        used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "",
                                 tc_keys[i].key);
    char shown[68];
    return gf_error_set(err, GF_ERR_FORMAT, "%s: train.%s: unknown key (known: %s)", source,
                        gf_error_shown(key, shown, sizeof shown), known);
}

/* One "train" member: a number of the right kind within the key's limits. */
static gf_status tc_parse_item(const cJSON *item, const char *source, gf_train_config *tc,
                               gf_error *err)
{
    const tc_key *k = tc_find(item->string);
    if (!k)
        return tc_unknown_key(source, item->string, err);
    if (!cJSON_IsNumber(item))
        return gf_error_set(err, GF_ERR_FORMAT, "%s: train.%s: must be a number (got %s)",
                            source, k->key, tc_type_name(item));
    const double v = item->valuedouble;
    if (k->kind != TC_FLOAT && (!isfinite(v) || v != floor(v)))
        return gf_error_set(err, GF_ERR_FORMAT, "%s: train.%s: must be a whole number (got %g)",
                            source, k->key, v);
    const bool low = k->lo_open ? !(v > k->lo) : !(v >= k->lo);
    const bool high = k->hi_open ? !(v < k->hi) : !(v <= k->hi);
    if (low || high || (k->kind == TC_FLOAT && k->lo_open && (float)v <= 0.0f))
        return gf_error_set(err, GF_ERR_RANGE, "%s: train.%s: must be in %c%g, %g%c (got %g)",
                            source, k->key, k->lo_open ? '(' : '[', k->lo, k->hi,
                            k->hi_open ? ')' : ']', v);
    tc_set(tc, k, v);
    return GF_OK;
}

gf_status gf_train_config_parse_json(const char *text, size_t length, const char *source,
                                     gf_train_config *tc, gf_error *err)
{
    if (!source)
        source = "config";
    gf_train_config parsed;
    gf_train_config_default(&parsed);
    cJSON *root = NULL;
    gf_status s = gf_json_parse_strict(text, length, source, &root, err);
    if (s != GF_OK)
        return s;
    const cJSON *train = cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, "train")
                                              : NULL;
    if (!cJSON_IsObject(root))
        s = gf_error_set(err, GF_ERR_FORMAT, "%s: top level must be a JSON object", source);
    else if (train && !cJSON_IsObject(train))
        s = gf_error_set(err, GF_ERR_FORMAT, "%s: train: must be an object (got %s)", source,
                         tc_type_name(train));
    for (const cJSON *item = train ? train->child : NULL; s == GF_OK && item; item = item->next)
        s = tc_parse_item(item, source, &parsed, err);
    cJSON_Delete(root);
    if (s == GF_OK && parsed.lr_min > parsed.lr)
        s = gf_error_set(err, GF_ERR_RANGE, "%s: train.lr_min: must not exceed lr (%g > %g)",
                         source, (double)parsed.lr_min, (double)parsed.lr);
    if (s == GF_OK)
        *tc = parsed;
    return s;
}

gf_status gf_train_config_load(const char *path, gf_train_config *tc, gf_error *err)
{
    char *text = NULL;
    size_t n = 0;
    gf_status s = gf_file_read_all(path, TC_MAX_FILE, &text, &n, err);
    if (s == GF_OK)
        s = gf_train_config_parse_json(text, n, path, tc, err);
    free(text);
    return s;
}

char *gf_train_config_to_json(const gf_train_config *tc)
{
    char *out = malloc(TC_JSON_MAX);
    if (!out)
        return NULL;
    size_t used = (size_t)snprintf(out, TC_JSON_MAX, "{");
    for (int i = 0; i < TC_KEY_COUNT && used < TC_JSON_MAX; i++) {
        const tc_key *k = &tc_keys[i];
        /* %.9g: every float reads back as the same float. */
        used += (size_t)snprintf(out + used, TC_JSON_MAX - used,
                                 k->kind == TC_FLOAT ? "%s\"%s\": %.9g" : "%s\"%s\": %.0f",
                                 i ? ", " : "", k->key, tc_get(tc, k));
    }
    if (used < TC_JSON_MAX)
        snprintf(out + used, TC_JSON_MAX - used, "}");
    return out;
}

const char *gf_train_config_diff(const gf_train_config *a, const gf_train_config *b)
{
    for (int i = 0; i < TC_KEY_COUNT; i++)
        if (tc_get(a, &tc_keys[i]) != tc_get(b, &tc_keys[i]))
            return tc_keys[i].key;
    return NULL;
}

void gf_train_config_adamw(const gf_train_config *tc, int64_t total_steps,
                           gf_adamw_config *out)
{
    gf_adamw_config_default(out);
    out->lr_max = tc->lr;
    out->lr_min = tc->lr_min;
    out->total_steps = total_steps;
    out->warmup_steps = tc->warmup_steps < total_steps ? tc->warmup_steps : total_steps;
    out->beta1 = tc->beta1;
    out->beta2 = tc->beta2;
    out->eps = tc->eps;
    out->weight_decay = tc->weight_decay;
    out->clip_norm = tc->clip;
}
