/* checkpoint.c — saving and resuming a training run (see checkpoint.h). */
#include "checkpoint.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define CK_FORMAT "glassformer-optimizer"
#define CK_TMP ".checkpoint.tmp"

/* The files of a checkpoint, renamed into place in this order. */
static const char *const ck_files[] = {"config.json", "vocab.json", "merges.txt",
                                       "model.safetensors", GF_CHECKPOINT_FILE};
#define CK_FILE_COUNT ((int)(sizeof ck_files / sizeof ck_files[0]))

/* "a/b", malloc'ed; NULL (err set) when out of memory. */
static char *ck_join(const char *a, const char *b, gf_error *err)
{
    const size_t n = a && b ? strlen(a) + strlen(b) + 2 : 0;
    char *out = n ? malloc(n) : NULL;
    if (!out) {
        gf_error_set(err, GF_ERR_MEMORY, "checkpoint: out of memory for a path");
        return NULL;
    }
    snprintf(out, n, "%s/%s", a, b);
    return out;
}

uint64_t gf_checkpoint_weights_hash(const gf_weights *w)
{
    uint64_t h = 14695981039346656037ull;
    const unsigned char *p = (const unsigned char *)w->data;
    const size_t n = sizeof *w->data * (size_t)w->params.total;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* ---- saving ----------------------------------------------------------------- */

static gf_status ck_add_moments(gf_st_writer *w, const gf_param_list *params, const char *prefix,
                                const float *data, gf_error *err)
{
    gf_status s = GF_OK;
    for (int i = 0; s == GF_OK && i < params->count; i++) {
        const gf_param *p = &params->items[i];
        char name[GF_PARAM_NAME_MAX + 8];
        snprintf(name, sizeof name, "%s%s", prefix, p->name);
        s = gf_st_writer_add_f32(w, name, p->ndim, p->shape, data + p->offset, GF_DTYPE_F32,
                                 err);
    }
    return s;
}

static gf_status ck_add_metadata(gf_st_writer *w, const gf_adamw *opt, const gf_model *m,
                                 const gf_checkpoint_info *info, gf_error *err)
{
    char *train = gf_train_config_to_json(&info->train);
    if (!train)
        return gf_error_set(err, GF_ERR_MEMORY, "checkpoint: out of memory");
    char num[7][32], rng[80], hash[20], data_hash[20];
    snprintf(num[0], sizeof num[0], "%" PRId64, opt->step);
    snprintf(num[1], sizeof num[1], "%" PRId64, info->total_steps);
    snprintf(num[2], sizeof num[2], "%" PRId64, info->tokens);
    snprintf(num[3], sizeof num[3], "%.17g", info->elapsed_s);
    snprintf(num[4], sizeof num[4], "%" PRIu64, info->seed);
    const uint64_t *r = info->data_rng.state;
    snprintf(rng, sizeof rng, "%016" PRIx64 " %016" PRIx64 " %016" PRIx64 " %016" PRIx64, r[0],
             r[1], r[2], r[3]);
    snprintf(hash, sizeof hash, "%016" PRIx64, gf_checkpoint_weights_hash(&m->weights));
    snprintf(num[5], sizeof num[5], "%" PRId64, info->train_tokens);
    snprintf(num[6], sizeof num[6], "%" PRId64, info->val_tokens);
    snprintf(data_hash, sizeof data_hash, "%016" PRIx64, info->train_hash);
    const char *pairs[][2] = {
        {"format", CK_FORMAT}, {"step", num[0]},      {"total_steps", num[1]},
        {"tokens", num[2]},    {"elapsed_s", num[3]}, {"seed", num[4]},
        {"data_rng", rng},     {"weights_fnv1a64", hash}, {"train_config", train},
        {"train_tokens", num[5]}, {"val_tokens", num[6]}, {"train_fnv1a64", data_hash}};
    gf_status s = GF_OK;
    for (size_t i = 0; s == GF_OK && i < sizeof pairs / sizeof pairs[0]; i++)
        s = gf_st_writer_set_metadata(w, pairs[i][0], pairs[i][1], err);
    free(train);
    return s;
}

static gf_status ck_write_optimizer(const char *path, const gf_model *m, const gf_adamw *opt,
                                    const gf_checkpoint_info *info, gf_error *err)
{
    gf_st_writer w;
    gf_st_writer_init(&w);
    gf_status s = ck_add_metadata(&w, opt, m, info, err);
    if (s == GF_OK)
        s = ck_add_moments(&w, &m->weights.params, "m.", opt->m, err);
    if (s == GF_OK)
        s = ck_add_moments(&w, &m->weights.params, "v.", opt->v, err);
    if (s == GF_OK)
        s = gf_st_writer_write(&w, path, err);
    gf_st_writer_free(&w);
    return s;
}

static gf_status ck_mkdir(const char *dir, gf_error *err)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return gf_error_set(err, GF_ERR_IO, "%s: cannot create: %s", dir, strerror(errno));
    return GF_OK;
}

/* Rename tmp/<file> to dir/<file> for every file of a checkpoint. */
static gf_status ck_move_files(const char *tmp, const char *dir, gf_error *err)
{
    gf_status s = GF_OK;
    for (int i = 0; s == GF_OK && i < CK_FILE_COUNT; i++) {
        char *from = ck_join(tmp, ck_files[i], err);
        char *to = from ? ck_join(dir, ck_files[i], err) : NULL;
        if (!to)
            s = GF_ERR_MEMORY;
        else if (rename(from, to) != 0)
            s = gf_error_set(err, GF_ERR_IO, "%s: cannot replace: %s", to, strerror(errno));
        free(from);
        free(to);
    }
    return s;
}

/* True once the save's renames have begun (tmp/model.safetensors moved on
 * while tmp/optimizer.safetensors waits): then tmp is what
 * gf_checkpoint_open needs to finish the save, and stays. */
static bool ck_moved_any(const char *tmp)
{
    char *model = ck_join(tmp, "model.safetensors", NULL);
    char *opt = ck_join(tmp, GF_CHECKPOINT_FILE, NULL);
    struct stat sb;
    const bool moved = model && opt && stat(model, &sb) != 0 && stat(opt, &sb) == 0;
    free(model);
    free(opt);
    return moved;
}

/* Remove a failed save's files from tmp, and tmp itself. */
static void ck_remove_tmp(const char *tmp)
{
    for (int i = 0; i < CK_FILE_COUNT; i++) {
        char *path = ck_join(tmp, ck_files[i], NULL);
        if (path)
            unlink(path);
        free(path);
    }
    rmdir(tmp);
}

gf_status gf_checkpoint_save(const char *dir, const gf_model *m, const gf_adamw *opt,
                             const gf_checkpoint_info *info, gf_error *err)
{
    if (!dir || !m || !opt || !info || opt->n != m->weights.params.total)
        return gf_error_set(err, GF_ERR_ARGUMENT, "checkpoint: model and optimizer disagree");
    if (info->total_steps >= GF_CHECKPOINT_STEPS_UNFIXED || info->total_steps < opt->step ||
        info->train_tokens < 0 || info->val_tokens < 0)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: checkpoint: total_steps %lld is not a "
                            "fixed length past step %lld (or a token count is negative)", dir,
                            (long long)info->total_steps, (long long)opt->step);
    gf_status s = ck_mkdir(dir, err);
    if (s != GF_OK)
        return s;
    char *tmp = ck_join(dir, CK_TMP, err);
    if (!tmp)
        return GF_ERR_MEMORY;
    char *opt_path = ck_join(tmp, GF_CHECKPOINT_FILE, err);
    s = opt_path ? gf_model_save(m, tmp, GF_DTYPE_F32, err) : GF_ERR_MEMORY;
    if (s == GF_OK)
        s = ck_write_optimizer(opt_path, m, opt, info, err);
    if (s == GF_OK)
        s = ck_move_files(tmp, dir, err);
    if (s == GF_OK && rmdir(tmp) != 0)
        s = gf_error_set(err, GF_ERR_IO, "%s: cannot remove: %s", tmp, strerror(errno));
    else if (s != GF_OK && !ck_moved_any(tmp))
        ck_remove_tmp(tmp);   /* a failed save leaves the previous checkpoint alone */
    free(opt_path);
    free(tmp);
    return s;
}

bool gf_checkpoint_exists(const char *dir)
{
    char *path = ck_join(dir, GF_CHECKPOINT_FILE, NULL);
    struct stat sb;
    const bool found = path && stat(path, &sb) == 0;
    free(path);
    return found;
}

/* ---- resuming ---------------------------------------------------------------- */

/* The "__metadata__" object of the file's JSON header (already validated by
 * gf_safetensors_open), parsed anew; NULL when absent. */
static cJSON *ck_header(const gf_safetensors *st)
{
    return cJSON_ParseWithLength((const char *)st->bytes + 8, st->header_length);
}

static gf_status ck_meta_string(const cJSON *meta, const char *path, const char *key,
                                const char **out, gf_error *err)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(meta, key);
    if (!cJSON_IsString(item))
        return gf_error_set(err, GF_ERR_FORMAT, "%s: __metadata__: %s: missing", path, key);
    *out = item->valuestring;
    return GF_OK;
}

static gf_status ck_bad(const char *path, const char *key, const char *text, gf_error *err)
{
    char shown[68];
    return gf_error_set(err, GF_ERR_FORMAT, "%s: __metadata__: %s: malformed value \"%s\"",
                        path, key, gf_error_shown(text, shown, sizeof shown));
}

/* A whole number >= 0 (step, total_steps, tokens, seed). */
static gf_status ck_meta_u64(const cJSON *meta, const char *path, const char *key,
                             uint64_t *out, gf_error *err)
{
    const char *text = NULL;
    gf_status s = ck_meta_string(meta, path, key, &text, err);
    if (s != GF_OK)
        return s;
    char *end = NULL;
    errno = 0;
    *out = text[0] >= '0' && text[0] <= '9' ? strtoull(text, &end, 10) : 0;
    if (!end || *end != '\0' || errno == ERANGE)
        return ck_bad(path, key, text, err);
    return GF_OK;
}

static gf_status ck_meta_i64(const cJSON *meta, const char *path, const char *key,
                             int64_t *out, gf_error *err)
{
    uint64_t v = 0;
    gf_status s = ck_meta_u64(meta, path, key, &v, err);
    if (s == GF_OK && v > (uint64_t)INT64_MAX)
        return gf_error_set(err, GF_ERR_RANGE, "%s: __metadata__: %s: too large", path, key);
    *out = (int64_t)v;
    return s;
}

/* n hex words separated by single spaces. */
static gf_status ck_meta_hex(const cJSON *meta, const char *path, const char *key,
                             uint64_t *out, int n, gf_error *err)
{
    const char *text = NULL;
    gf_status s = ck_meta_string(meta, path, key, &text, err);
    const char *p = text;
    for (int i = 0; s == GF_OK && i < n; i++) {
        char *end = NULL;
        errno = 0;
        out[i] = strtoull(p, &end, 16);
        const char want = i + 1 < n ? ' ' : '\0';
        if (end - p != 16 || *end != want || errno == ERANGE)
            return ck_bad(path, key, text, err);
        p = end + (want ? 1 : 0);
    }
    return s;
}

static gf_status ck_meta_train(const cJSON *meta, const char *path, gf_train_config *tc,
                               gf_error *err)
{
    const char *text = NULL;
    gf_status s = ck_meta_string(meta, path, "train_config", &text, err);
    if (s != GF_OK)
        return s;
    const size_t n = strlen(text) + 16;
    char *wrapped = malloc(n);
    if (!wrapped)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", path);
    snprintf(wrapped, n, "{\"train\": %s}", text);
    char source[64 + 32];
    snprintf(source, sizeof source, "%s (train_config)", path);
    s = gf_train_config_parse_json(wrapped, strlen(wrapped), source, tc, err);
    free(wrapped);
    return s;
}

/* train_tokens, val_tokens and train_fnv1a64: all three or none (a file
 * saved before they existed). */
static gf_status ck_read_data_info(const cJSON *meta, const char *path, gf_checkpoint_info *info,
                                   gf_error *err)
{
    const char *keys[3] = {"train_tokens", "val_tokens", "train_fnv1a64"};
    int present = 0;
    for (int i = 0; i < 3; i++)
        present += cJSON_GetObjectItemCaseSensitive(meta, keys[i]) != NULL;
    info->data_known = present > 0;
    if (present == 0)
        return GF_OK;
    gf_status s = ck_meta_i64(meta, path, keys[0], &info->train_tokens, err);
    if (s == GF_OK)
        s = ck_meta_i64(meta, path, keys[1], &info->val_tokens, err);
    if (s == GF_OK)
        s = ck_meta_hex(meta, path, keys[2], &info->train_hash, 1, err);
    return s;
}

static gf_status ck_read_info(const cJSON *meta, const char *path, gf_checkpoint *ck,
                              gf_error *err)
{
    gf_checkpoint_info *info = &ck->info;
    const char *format = NULL, *elapsed = NULL;
    char shown[68];
    gf_status s = ck_meta_string(meta, path, "format", &format, err);
    if (s == GF_OK && strcmp(format, CK_FORMAT) != 0)
        s = gf_error_set(err, GF_ERR_FORMAT, "%s: __metadata__: format: \"%s\" is not \"%s\"",
                         path, gf_error_shown(format, shown, sizeof shown), CK_FORMAT);
    if (s == GF_OK)
        s = ck_meta_i64(meta, path, "step", &info->step, err);
    if (s == GF_OK)
        s = ck_meta_i64(meta, path, "total_steps", &info->total_steps, err);
    if (s == GF_OK)
        s = ck_meta_i64(meta, path, "tokens", &info->tokens, err);
    if (s == GF_OK)
        s = ck_meta_u64(meta, path, "seed", &info->seed, err);
    if (s == GF_OK)
        s = ck_meta_hex(meta, path, "data_rng", info->data_rng.state, 4, err);
    if (s == GF_OK)
        s = ck_meta_hex(meta, path, "weights_fnv1a64", &ck->weights_hash, 1, err);
    if (s == GF_OK)
        s = ck_meta_string(meta, path, "elapsed_s", &elapsed, err);
    if (s == GF_OK) {
        char *end = NULL;
        info->elapsed_s = strtod(elapsed, &end);
        if (end == elapsed || *end != '\0' || !(info->elapsed_s >= 0.0) ||
            !isfinite(info->elapsed_s))
            s = ck_bad(path, "elapsed_s", elapsed, err);
    }
    if (s == GF_OK)
        s = ck_meta_train(meta, path, &info->train, err);
    if (s == GF_OK)
        s = ck_read_data_info(meta, path, info, err);
    if (s == GF_OK && info->total_steps >= GF_CHECKPOINT_STEPS_UNFIXED)
        s = gf_error_set(err, GF_ERR_RANGE, "%s: __metadata__: total_steps %lld is a "
                         "placeholder: the run's length was never fixed", path,
                         (long long)info->total_steps);
    if (s == GF_OK && info->step > info->total_steps)
        s = gf_error_set(err, GF_ERR_RANGE, "%s: __metadata__: step %lld is past total_steps "
                         "%lld", path, (long long)info->step, (long long)info->total_steps);
    return s;
}

/* ck->st is open: read its metadata into ck (closed on failure). */
static gf_status ck_read_header(gf_checkpoint *ck, gf_error *err)
{
    cJSON *root = ck_header(&ck->st);
    const cJSON *meta = root ? cJSON_GetObjectItemCaseSensitive(root, "__metadata__") : NULL;
    gf_status s = GF_OK;
    if (!meta)
        s = gf_error_set(err, GF_ERR_FORMAT, "%s: no __metadata__: not a training checkpoint",
                         ck->path);
    if (s == GF_OK)
        s = ck_read_info(meta, ck->path, ck, err);
    cJSON_Delete(root);
    if (s != GF_OK)
        gf_checkpoint_close(ck);
    return s;
}

/* Open the checkpoint file at path (NULL: out of memory, err already set). */
static gf_status ck_open_file(gf_checkpoint *ck, const char *path, gf_error *err)
{
    memset(ck, 0, sizeof *ck);
    if (!path)
        return GF_ERR_MEMORY;
    ck->path = strdup(path);
    if (!ck->path)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", path);
    gf_status s = gf_safetensors_open(&ck->st, ck->path, err);
    if (s != GF_OK) {
        gf_checkpoint_close(ck);
        return s;
    }
    return ck_read_header(ck, err);
}

gf_status gf_checkpoint_parse(gf_checkpoint *ck, uint8_t *bytes, size_t size,
                              const char *source, gf_error *err)
{
    memset(ck, 0, sizeof *ck);
    ck->path = strdup(source ? source : "(memory)");
    if (!ck->path) {
        free(bytes);
        return gf_error_set(err, GF_ERR_MEMORY, "checkpoint: out of memory");
    }
    gf_status s = gf_safetensors_parse(&ck->st, bytes, size, ck->path, err);   /* takes bytes */
    if (s != GF_OK) {
        gf_checkpoint_close(ck);
        return s;
    }
    return ck_read_header(ck, err);
}

/* The hash of the weights in dir/model.safetensors; false if unreadable. */
static bool ck_model_hash(const char *dir, uint64_t *hash)
{
    gf_model m;
    gf_error ignored;
    if (gf_model_load(&m, dir, &ignored) != GF_OK)
        return false;
    *hash = gf_checkpoint_weights_hash(&m.weights);
    gf_model_free(&m);
    return true;
}

/* A save cut off after renaming model.safetensors but before
 * optimizer.safetensors leaves the new optimizer file in dir/.checkpoint.tmp:
 * when it, and not dir's own, belongs with dir/model.safetensors, move it
 * into place and remove the (then empty) temporary folder. Anything else is
 * left as it is, for gf_checkpoint_restore's hash check to report. */
static gf_status ck_finish_save(const char *dir, gf_error *err)
{
    char *tmp = ck_join(dir, CK_TMP, err);
    char *from = tmp ? ck_join(tmp, GF_CHECKPOINT_FILE, err) : NULL;
    char *to = from ? ck_join(dir, GF_CHECKPOINT_FILE, err) : NULL;
    gf_status s = to ? GF_OK : GF_ERR_MEMORY;
    char *moved = to ? ck_join(tmp, "model.safetensors", err) : NULL;
    if (to && !moved)
        s = GF_ERR_MEMORY;
    struct stat sb;
    /* The renames go in ck_files' order: while the new model.safetensors is
     * still in tmp, dir holds the previous checkpoint whole. */
    if (s == GF_OK && stat(from, &sb) == 0 && stat(moved, &sb) != 0) {
        gf_checkpoint pending, current;
        gf_error ignored;
        uint64_t model = 0;
        const bool have_pending = ck_open_file(&pending, from, &ignored) == GF_OK;
        const bool have_current = ck_open_file(&current, to, &ignored) == GF_OK;
        if (have_pending && (!have_current || current.weights_hash != pending.weights_hash) &&
            ck_model_hash(dir, &model) && model == pending.weights_hash) {
            if (rename(from, to) != 0)
                s = gf_error_set(err, GF_ERR_IO, "%s: cannot move to %s: %s", from, to,
                                 strerror(errno));
            else
                rmdir(tmp);   /* fails harmlessly if something else is left in it */
        }
        gf_checkpoint_close(&pending);
        gf_checkpoint_close(&current);
    }
    free(tmp);
    free(from);
    free(to);
    free(moved);
    return s;
}

gf_status gf_checkpoint_open(gf_checkpoint *ck, const char *dir, gf_error *err)
{
    memset(ck, 0, sizeof *ck);
    if (!dir)
        return gf_error_set(err, GF_ERR_ARGUMENT, "checkpoint: no folder given");
    gf_status s = ck_finish_save(dir, err);
    char *path = s == GF_OK ? ck_join(dir, GF_CHECKPOINT_FILE, err) : NULL;
    if (s == GF_OK)
        s = ck_open_file(ck, path, err);
    free(path);
    return s;
}

/* One moment tensor: F32, the parameter's exact shape. */
static gf_status ck_read_moment(const gf_checkpoint *ck, const gf_param *p, const char *prefix,
                                float *dst, gf_error *err)
{
    char name[GF_PARAM_NAME_MAX + 8];
    snprintf(name, sizeof name, "%s%s", prefix, p->name);
    const gf_st_entry *e = gf_safetensors_find(&ck->st, name);
    if (!e)
        return gf_error_set(err, GF_ERR_FORMAT, "%s: %s: missing", ck->path, name);
    bool same = e->dtype == GF_DTYPE_F32 && e->ndim == p->ndim;
    for (int d = 0; same && d < p->ndim; d++)
        same = e->shape[d] == p->shape[d];
    if (!same)
        return gf_error_set(err, GF_ERR_SHAPE, "%s: %s: expected F32 of the parameter's shape",
                            ck->path, name);
    float *x = dst + p->offset;
    gf_status s = gf_safetensors_read_f32(&ck->st, e, x, p->numel, err);
    /* Adam's moments are finite, the second one (a mean of squares) never
     * negative: anything else is a damaged file, not a learning rate. */
    const bool second = prefix[0] == 'v';
    for (int64_t i = 0; s == GF_OK && i < p->numel; i++)
        if (!isfinite(x[i]) || (second && x[i] < 0.0f))
            s = gf_error_set(err, GF_ERR_FORMAT, "%s: %s: element %lld is %g (%s)", ck->path,
                             name, (long long)i, (double)x[i],
                             second ? "a second moment must be finite and >= 0"
                                    : "a moment must be finite");
    return s;
}

/* The weights hash does not match: say so, naming a leftover
 * .checkpoint.tmp/optimizer.safetensors next to the checkpoint. */
static gf_status ck_other_weights(const gf_checkpoint *ck, gf_error *err)
{
    const char *slash = strrchr(ck->path, '/');
    const int dir_len = slash ? (int)(slash - ck->path) : 0;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%.*s%s" CK_TMP "/" GF_CHECKPOINT_FILE, dir_len, ck->path,
             slash ? "/" : "");
    struct stat sb;
    if (stat(tmp, &sb) == 0)
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: saved with other weights than model.safetensors (an "
                            "interrupted save? %s does not match them either)", ck->path, tmp);
    return gf_error_set(err, GF_ERR_FORMAT,
                        "%s: saved with other weights than model.safetensors (an "
                        "interrupted save?)", ck->path);
}

gf_status gf_checkpoint_restore(const gf_checkpoint *ck, const gf_model *m, gf_adamw *opt,
                                gf_error *err)
{
    if (!ck || !ck->path || !m || !opt || opt->n != m->weights.params.total)
        return gf_error_set(err, GF_ERR_ARGUMENT, "checkpoint: model and optimizer disagree");
    if (gf_checkpoint_weights_hash(&m->weights) != ck->weights_hash)
        return ck_other_weights(ck, err);
    const gf_param_list *params = &m->weights.params;
    gf_status s = GF_OK;
    for (int i = 0; s == GF_OK && i < params->count; i++) {
        s = ck_read_moment(ck, &params->items[i], "m.", opt->m, err);
        if (s == GF_OK)
            s = ck_read_moment(ck, &params->items[i], "v.", opt->v, err);
    }
    if (s == GF_OK)
        opt->step = ck->info.step;
    return s;
}

void gf_checkpoint_close(gf_checkpoint *ck)
{
    gf_safetensors_close(&ck->st);
    free(ck->path);
    memset(ck, 0, sizeof *ck);
}
