/* config.c — reading, checking and writing config.json (see config.h).
 *
 * The integer keys live in one table (key, field, limits) that both the
 * parser and the validator walk, so a limit is written down once.
 * "n_positions" and the older "n_ctx" both set n_ctx; when a file has both,
 * n_positions wins, as in Hugging Face's GPT2Config. "languages" is a list
 * of ISO 639 codes, checked for shape and repeats, written back only when
 * given. */
#include "config.h"

#include "file_io.h"
#include "json_strict.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GF_CONFIG_MAX_FILE (1024u * 1024u)  /* config.json is ~1 KB; 1 MiB is absurd */

typedef struct {
    const char *key;     /* as in config.json                               */
    size_t field;        /* offsetof(gf_config, ...) of an int              */
    int lo, hi;          /* inclusive limits                                */
} gf_config_int_key;

static const gf_config_int_key config_int_keys[] = {
    {"vocab_size", offsetof(gf_config, vocab_size), 1, GF_CONFIG_MAX_VOCAB},
    {"n_positions", offsetof(gf_config, n_ctx), 1, GF_CONFIG_MAX_CONTEXT},
    {"n_embd", offsetof(gf_config, n_embd), 1, GF_CONFIG_MAX_EMBD},
    {"n_layer", offsetof(gf_config, n_layer), 1, GF_CONFIG_MAX_LAYERS},
    {"n_head", offsetof(gf_config, n_head), 1, GF_CONFIG_MAX_HEADS},
    {"n_inner", offsetof(gf_config, n_inner), 1, GF_CONFIG_MAX_INNER},
};
#define CONFIG_INT_KEY_COUNT ((int)(sizeof config_int_keys / sizeof config_int_keys[0]))

/* One table per enum key: the names config.json may use for each value. */
typedef struct {
    const char *name;
    int value;
} gf_config_name;

static const gf_config_name placement_names[] = {
    {"pre", GF_NORM_PRE}, {"post", GF_NORM_POST}, {NULL, 0}};
static const gf_config_name norm_type_names[] = {
    {"layernorm", GF_NORM_LAYERNORM}, {"rmsnorm", GF_NORM_RMSNORM}, {NULL, 0}};
static const gf_config_name position_names[] = {
    {"learned", GF_POSITION_LEARNED}, {"sinusoidal", GF_POSITION_SINUSOIDAL}, {NULL, 0}};
/* The first name of each value is the one we write. */
static const gf_config_name activation_names[] = {
    {"gelu_new", GF_ACTIVATION_GELU_TANH},
    {"gelu_pytorch_tanh", GF_ACTIVATION_GELU_TANH},
    {"gelu", GF_ACTIVATION_GELU_EXACT},
    {"relu", GF_ACTIVATION_RELU},
    {"swiglu", GF_ACTIVATION_SWIGLU},
    {NULL, 0}};

static int *config_int_field(gf_config *cfg, const gf_config_int_key *k)
{
    return (int *)((char *)cfg + k->field);
}

static int config_int_value(const gf_config *cfg, const gf_config_int_key *k)
{
    return *(const int *)((const char *)cfg + k->field);
}

static const char *config_name_of(const gf_config_name *table, int value)
{
    for (const gf_config_name *n = table; n->name; n++)
        if (n->value == value)
            return n->name;
    return "unknown";
}

void gf_config_default(gf_config *cfg)
{
    cfg->vocab_size = 50257;
    cfg->n_ctx = 1024;
    cfg->n_embd = 768;
    cfg->n_layer = 12;
    cfg->n_head = 12;
    cfg->n_inner = 4 * 768;
    cfg->norm_eps = 1e-5f;
    cfg->norm_placement = GF_NORM_PRE;
    cfg->norm_type = GF_NORM_LAYERNORM;
    cfg->position_type = GF_POSITION_LEARNED;
    cfg->activation = GF_ACTIVATION_GELU_TANH;
    cfg->tied_embeddings = true;
    cfg->n_languages = 0;
    memset(cfg->languages, 0, sizeof cfg->languages);
}

bool gf_config_language_code_ok(const char *code)
{
    if (!code)
        return false;
    size_t n = 0;
    while (code[n] >= 'a' && code[n] <= 'z')
        n++;
    return code[n] == '\0' && n >= 2 && n <= 3;
}

int gf_config_languages_format(const gf_config *cfg, char *out, size_t size)
{
    if (!out || size == 0)
        return 0;
    out[0] = '\0';
    if (!cfg)
        return 0;
    size_t used = 0;
    for (int i = 0; i < cfg->n_languages && used < size; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "",
                                 cfg->languages[i]);
    return cfg->n_languages;
}

/* The index of the first code that repeats an earlier one, or -1. */
static int languages_repeat(const gf_config *cfg)
{
    for (int i = 1; i < cfg->n_languages; i++)
        for (int j = 0; j < i; j++)
            if (strcmp(cfg->languages[i], cfg->languages[j]) == 0)
                return i;
    return -1;
}

static gf_status validate_languages(const gf_config *cfg, const char *source, gf_error *err)
{
    if (cfg->n_languages < 0 || cfg->n_languages > GF_CONFIG_MAX_LANGUAGES)
        return gf_error_set(err, GF_ERR_RANGE, "%s: languages: at most %d (got %d)", source,
                            GF_CONFIG_MAX_LANGUAGES, cfg->n_languages);
    for (int i = 0; i < cfg->n_languages; i++) {
        /* The array may hold anything a caller wrote: bound the read. */
        if (!memchr(cfg->languages[i], '\0', GF_CONFIG_LANGUAGE_SIZE) ||
            !gf_config_language_code_ok(cfg->languages[i]))
            return gf_error_set(err, GF_ERR_RANGE,
                                "%s: languages[%d]: not an ISO 639 code (2 or 3 lower-case "
                                "letters)", source, i);
    }
    int again = languages_repeat(cfg);
    if (again >= 0)
        return gf_error_set(err, GF_ERR_RANGE, "%s: languages[%d]: \"%s\" is listed twice",
                            source, again, cfg->languages[again]);
    return GF_OK;
}

static bool config_enum_ok(const gf_config_name *table, int value)
{
    return strcmp(config_name_of(table, value), "unknown") != 0;
}

gf_status gf_config_validate(const gf_config *cfg, const char *source, gf_error *err)
{
    if (!source)
        source = "config";
    if (!cfg)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: no config given", source);
    for (int i = 0; i < CONFIG_INT_KEY_COUNT; i++) {
        const gf_config_int_key *k = &config_int_keys[i];
        int v = config_int_value(cfg, k);
        if (v < k->lo || v > k->hi)
            return gf_error_set(err, GF_ERR_RANGE, "%s: %s: must be in [%d, %d] (got %d)",
                                source, k->key, k->lo, k->hi, v);
    }
    if (cfg->n_embd % cfg->n_head != 0)
        return gf_error_set(err, GF_ERR_RANGE, "%s: n_head: must divide n_embd (%d %% %d != 0)",
                            source, cfg->n_embd, cfg->n_head);
    if (!(cfg->norm_eps > 0.0f && cfg->norm_eps < 1.0f))
        return gf_error_set(err, GF_ERR_RANGE,
                            "%s: layer_norm_epsilon: must be in (0, 1) (got %g)", source,
                            (double)cfg->norm_eps);
    if (!config_enum_ok(placement_names, (int)cfg->norm_placement))
        return gf_error_set(err, GF_ERR_RANGE, "%s: norm_placement: unknown value %d", source,
                            (int)cfg->norm_placement);
    if (!config_enum_ok(norm_type_names, (int)cfg->norm_type))
        return gf_error_set(err, GF_ERR_RANGE, "%s: norm_type: unknown value %d", source,
                            (int)cfg->norm_type);
    if (!config_enum_ok(position_names, (int)cfg->position_type))
        return gf_error_set(err, GF_ERR_RANGE, "%s: position_type: unknown value %d", source,
                            (int)cfg->position_type);
    if (!config_enum_ok(activation_names, (int)cfg->activation))
        return gf_error_set(err, GF_ERR_RANGE, "%s: activation_function: unknown value %d",
                            source, (int)cfg->activation);
    if (cfg->position_type == GF_POSITION_SINUSOIDAL && cfg->n_embd % 2 != 0)
        return gf_error_set(err, GF_ERR_RANGE,
                            "%s: position_type: sinusoidal positions need an even n_embd (got %d)",
                            source, cfg->n_embd);
    return validate_languages(cfg, source, err);
}

/* ---- parsing ---------------------------------------------------------- */

static const char *json_type_name(const cJSON *item)
{
    if (cJSON_IsNull(item)) return "null";
    if (cJSON_IsBool(item)) return "boolean";
    if (cJSON_IsNumber(item)) return "number";
    if (cJSON_IsString(item)) return "string";
    if (cJSON_IsArray(item)) return "array";
    if (cJSON_IsObject(item)) return "object";
    return "invalid";
}

/* An integer key: a JSON number with no fractional part, within [lo, hi]. */
static gf_status parse_int(const cJSON *item, const char *key, int lo, int hi,
                           const char *source, int *out, gf_error *err)
{
    if (!cJSON_IsNumber(item))
        return gf_error_set(err, GF_ERR_FORMAT, "%s: %s: must be an integer (got %s)", source,
                            key, json_type_name(item));
    double v = item->valuedouble;
    if (!isfinite(v) || v != floor(v))
        return gf_error_set(err, GF_ERR_FORMAT, "%s: %s: must be an integer (got %g)", source,
                            key, v);
    if (v < (double)lo || v > (double)hi)
        return gf_error_set(err, GF_ERR_RANGE, "%s: %s: must be in [%d, %d] (got %.10g)", source,
                            key, lo, hi, v);
    *out = (int)v;
    return GF_OK;
}

static gf_status parse_name(const cJSON *item, const char *key, const gf_config_name *table,
                            const char *source, int *out, gf_error *err)
{
    if (!cJSON_IsString(item))
        return gf_error_set(err, GF_ERR_FORMAT, "%s: %s: must be a string (got %s)", source, key,
                            json_type_name(item));
    for (const gf_config_name *n = table; n->name; n++) {
        if (strcmp(n->name, item->valuestring) == 0) {
            *out = n->value;
            return GF_OK;
        }
    }
    char known[160] = "";
    size_t used = 0;
    for (const gf_config_name *n = table; n->name && used < sizeof known; n++)
        used += (size_t)snprintf(known + used, sizeof known - used, "%s\"%s\"",
                                 n == table ? "" : ", ", n->name);
    char shown[68];
    return gf_error_set(err, GF_ERR_FORMAT, "%s: %s: unknown value \"%s\" (expected %s)",
                        source, key, gf_error_shown(item->valuestring, shown, sizeof shown),
                        known);
}

static gf_status parse_int_keys(const cJSON *root, const char *source, gf_config *cfg,
                                gf_error *err)
{
    /* n_ctx first, so that n_positions (in the table) overrides it. */
    const cJSON *ctx = cJSON_GetObjectItemCaseSensitive(root, "n_ctx");
    if (ctx) {
        gf_status s = parse_int(ctx, "n_ctx", 1, GF_CONFIG_MAX_CONTEXT, source, &cfg->n_ctx, err);
        if (s != GF_OK)
            return s;
    }
    bool inner_given = false;
    for (int i = 0; i < CONFIG_INT_KEY_COUNT; i++) {
        const gf_config_int_key *k = &config_int_keys[i];
        const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, k->key);
        bool is_inner = k->field == offsetof(gf_config, n_inner);
        if (!item || (is_inner && cJSON_IsNull(item)))
            continue;
        gf_status s = parse_int(item, k->key, k->lo, k->hi, source, config_int_field(cfg, k), err);
        if (s != GF_OK)
            return s;
        inner_given = inner_given || is_inner;
    }
    if (!inner_given)
        cfg->n_inner = 4 * cfg->n_embd;
    return GF_OK;
}

static gf_status parse_name_key(const cJSON *root, const char *key, const gf_config_name *table,
                                const char *source, int *value, gf_error *err)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, key);
    return item ? parse_name(item, key, table, source, value, err) : GF_OK;
}

/* "languages": a non-empty array of distinct ISO 639 codes (omit the key
 * when the languages are not known). */
static gf_status parse_languages(const cJSON *root, const char *source, gf_config *cfg,
                                 gf_error *err)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "languages");
    if (!list)
        return GF_OK;
    if (!cJSON_IsArray(list))
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: languages: must be an array of language codes such as "
                            "[\"en\", \"ru\"] (got %s)", source, json_type_name(list));
    int n = cJSON_GetArraySize(list);
    if (n == 0)
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: languages: empty (list at least one code, or leave the key out)",
                            source);
    if (n > GF_CONFIG_MAX_LANGUAGES)
        return gf_error_set(err, GF_ERR_RANGE, "%s: languages: at most %d (got %d)", source,
                            GF_CONFIG_MAX_LANGUAGES, n);
    int i = 0;
    for (const cJSON *item = list->child; item; item = item->next, i++) {
        if (!cJSON_IsString(item))
            return gf_error_set(err, GF_ERR_FORMAT, "%s: languages[%d]: must be a string (got %s)",
                                source, i, json_type_name(item));
        char shown[20];
        if (!gf_config_language_code_ok(item->valuestring))
            return gf_error_set(err, GF_ERR_FORMAT,
                                "%s: languages[%d]: \"%s\" is not an ISO 639 code (2 or 3 "
                                "lower-case letters, such as \"en\" or \"ru\")",
                                source, i, gf_error_shown(item->valuestring, shown, sizeof shown));
        memcpy(cfg->languages[i], item->valuestring, strlen(item->valuestring) + 1);
    }
    cfg->n_languages = n;
    return GF_OK;   /* repeats are caught by gf_config_validate */
}

static gf_status parse_other_keys(const cJSON *root, const char *source, gf_config *cfg,
                                  gf_error *err)
{
    const cJSON *eps = cJSON_GetObjectItemCaseSensitive(root, "layer_norm_epsilon");
    if (eps) {
        if (!cJSON_IsNumber(eps))
            return gf_error_set(err, GF_ERR_FORMAT,
                                "%s: layer_norm_epsilon: must be a number (got %s)", source,
                                json_type_name(eps));
        double v = eps->valuedouble;
        if (!(v > 0.0 && v < 1.0 && (float)v > 0.0f))
            return gf_error_set(err, GF_ERR_RANGE,
                                "%s: layer_norm_epsilon: must be in (0, 1) (got %g)", source, v);
        cfg->norm_eps = (float)v;
    }
    const cJSON *tie = cJSON_GetObjectItemCaseSensitive(root, "tie_word_embeddings");
    if (tie) {
        if (!cJSON_IsBool(tie))
            return gf_error_set(err, GF_ERR_FORMAT,
                                "%s: tie_word_embeddings: must be true or false (got %s)", source,
                                json_type_name(tie));
        cfg->tied_embeddings = cJSON_IsTrue(tie);
    }
    int v[4] = {(int)cfg->norm_placement, (int)cfg->norm_type, (int)cfg->position_type,
                (int)cfg->activation};
    gf_status s = parse_name_key(root, "norm_placement", placement_names, source, &v[0], err);
    if (s == GF_OK)
        s = parse_name_key(root, "norm_type", norm_type_names, source, &v[1], err);
    if (s == GF_OK)
        s = parse_name_key(root, "position_type", position_names, source, &v[2], err);
    if (s == GF_OK)
        s = parse_name_key(root, "activation_function", activation_names, source, &v[3], err);
    if (s != GF_OK)
        return s;
    cfg->norm_placement = (gf_norm_placement)v[0];
    cfg->norm_type = (gf_norm_type)v[1];
    cfg->position_type = (gf_position_type)v[2];
    cfg->activation = (gf_activation)v[3];
    return GF_OK;
}

gf_status gf_config_parse_json(const char *text, size_t length, const char *source,
                               gf_config *cfg, gf_error *err)
{
    if (!source)
        source = "config.json";
    if (!text || !cfg)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: no text or config given", source);
    gf_config parsed;
    gf_config_default(&parsed);
    cJSON *root = NULL;
    gf_status s = gf_json_parse_strict(text, length, source, &root, err);
    if (s != GF_OK)
        return s;
    if (!cJSON_IsObject(root))
        s = gf_error_set(err, GF_ERR_FORMAT, "%s: top level must be a JSON object (got %s)",
                         source, json_type_name(root));
    else
        s = parse_int_keys(root, source, &parsed, err);
    if (s == GF_OK)
        s = parse_other_keys(root, source, &parsed, err);
    if (s == GF_OK)
        s = parse_languages(root, source, &parsed, err);
    cJSON_Delete(root);
    if (s == GF_OK)
        s = gf_config_validate(&parsed, source, err);
    if (s == GF_OK)
        *cfg = parsed;
    return s;
}

gf_status gf_config_load(const char *path, gf_config *cfg, gf_error *err)
{
    if (!path)
        return gf_error_set(err, GF_ERR_ARGUMENT, "config: no path given");
    char *text = NULL;
    size_t n = 0;
    gf_status s = gf_file_read_all(path, GF_CONFIG_MAX_FILE, &text, &n, err);
    if (s == GF_OK)
        s = gf_config_parse_json(text, n, path, cfg, err);
    free(text);
    return s;
}

/* ---- writing ---------------------------------------------------------- */

/* The shortest decimal that reads back as the same float (1e-5f -> 1e-05),
 * so config.json shows the number a person wrote. */
static double float_as_short_double(float f)
{
    char buf[32];
    for (int digits = 1; digits <= 9; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, (double)f);
        if (strtof(buf, NULL) == f)
            return strtod(buf, NULL);
    }
    return (double)f;
}

/* Attach item to obj under key; on any failure nothing leaks. */
static bool json_add(cJSON *obj, const char *key, cJSON *item)
{
    if (!item)
        return false;
    if (!cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        return false;
    }
    return true;
}

static cJSON *json_architectures(void)
{
    cJSON *arch = cJSON_CreateArray();
    if (arch && !cJSON_AddItemToArray(arch, cJSON_CreateString("GPT2LMHeadModel"))) {
        cJSON_Delete(arch);
        return NULL;
    }
    return arch;
}

static cJSON *json_languages(const gf_config *cfg)
{
    cJSON *list = cJSON_CreateArray();
    for (int i = 0; list && i < cfg->n_languages && i < GF_CONFIG_MAX_LANGUAGES; i++) {
        if (!cJSON_AddItemToArray(list, cJSON_CreateString(cfg->languages[i]))) {
            cJSON_Delete(list);
            return NULL;
        }
    }
    return list;
}

static bool config_fill_json(const gf_config *cfg, cJSON *root)
{
    bool ok = json_add(root, "model_type", cJSON_CreateString("gpt2")) &&
              json_add(root, "architectures", json_architectures());
    for (int i = 0; ok && i < CONFIG_INT_KEY_COUNT; i++)
        ok = json_add(root, config_int_keys[i].key,
                      cJSON_CreateNumber(config_int_value(cfg, &config_int_keys[i])));
    return ok && json_add(root, "n_ctx", cJSON_CreateNumber(cfg->n_ctx)) &&
           json_add(root, "layer_norm_epsilon",
                    cJSON_CreateNumber(float_as_short_double(cfg->norm_eps))) &&
           json_add(root, "activation_function",
                    cJSON_CreateString(gf_activation_name(cfg->activation))) &&
           json_add(root, "tie_word_embeddings", cJSON_CreateBool(cfg->tied_embeddings)) &&
           json_add(root, "norm_placement",
                    cJSON_CreateString(gf_norm_placement_name(cfg->norm_placement))) &&
           json_add(root, "norm_type", cJSON_CreateString(gf_norm_type_name(cfg->norm_type))) &&
           json_add(root, "position_type",
                    cJSON_CreateString(gf_position_type_name(cfg->position_type))) &&
           (cfg->n_languages == 0 || json_add(root, "languages", json_languages(cfg)));
}

char *gf_config_to_json(const gf_config *cfg)
{
    if (!cfg)
        return NULL;
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    char *printed = config_fill_json(cfg, root) ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!printed)
        return NULL;
    /* Hand back plain malloc'ed text (cJSON may use other allocator hooks). */
    size_t n = strlen(printed);
    char *text = malloc(n + 2);
    if (text) {
        memcpy(text, printed, n);
        text[n] = '\n';
        text[n + 1] = '\0';
    }
    cJSON_free(printed);
    return text;
}

gf_status gf_config_save(const gf_config *cfg, const char *path, gf_error *err)
{
    if (!path)
        return gf_error_set(err, GF_ERR_ARGUMENT, "config: no path given");
    gf_status s = gf_config_validate(cfg, path, err);
    if (s != GF_OK)
        return s;
    char *text = gf_config_to_json(cfg);
    if (!text)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory writing JSON", path);
    s = gf_file_write_all(path, text, strlen(text), err);
    free(text);
    return s;
}

bool gf_config_same_shape(const gf_config *a, const gf_config *b)
{
    return a && b && a->vocab_size == b->vocab_size && a->n_ctx == b->n_ctx &&
           a->n_embd == b->n_embd && a->n_layer == b->n_layer && a->n_head == b->n_head &&
           a->n_inner == b->n_inner && a->norm_placement == b->norm_placement &&
           a->norm_type == b->norm_type && a->position_type == b->position_type &&
           a->activation == b->activation && a->tied_embeddings == b->tied_embeddings;
}

int gf_config_head_size(const gf_config *cfg)
{
    return cfg && cfg->n_head > 0 ? cfg->n_embd / cfg->n_head : 0;
}

const char *gf_norm_placement_name(gf_norm_placement p)
{
    return config_name_of(placement_names, (int)p);
}

const char *gf_norm_type_name(gf_norm_type t)
{
    return config_name_of(norm_type_names, (int)t);
}

const char *gf_position_type_name(gf_position_type t)
{
    return config_name_of(position_names, (int)t);
}

const char *gf_activation_name(gf_activation a)
{
    return config_name_of(activation_names, (int)a);
}
