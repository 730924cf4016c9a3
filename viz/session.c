/* session.c — model + tokens + trace, driven only through the core's API. */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int pick_capacity(const gf_config *cfg, int requested)
{
    int cap = requested > 0 ? requested : GF_SESSION_DEFAULT_CAPACITY;
    if (cap > cfg->n_ctx)
        cap = cfg->n_ctx;
    while (cap > 16 && gf_trace_bytes(cfg, cap, true) > GF_SESSION_MAX_TRACE_BYTES)
        cap /= 2;
    return cap;
}

gf_status gf_session_init(gf_session *s, gf_model *model, int capacity, float temperature,
                          int top_k, float top_p, uint64_t seed, gf_error *err)
{
    memset(s, 0, sizeof *s);
    s->model = *model;
    memset(model, 0, sizeof *model);
    s->has_model = true;
    const gf_config *cfg = &s->model.config;
    s->capacity = pick_capacity(cfg, capacity);
    gf_status st = gf_trace_init(&s->trace, cfg, s->capacity, true, err);
    if (st != GF_OK)
        return st;
    s->has_trace = true;
    s->tokens = calloc((size_t)s->capacity, sizeof *s->tokens);
    s->labels = calloc((size_t)s->capacity, sizeof *s->labels);
    if (s->tokens == NULL || s->labels == NULL)
        return gf_error_set(err, GF_ERR_MEMORY, "viewer: cannot allocate %d token slots",
                            s->capacity);
    st = gf_sampler_init(&s->sampler, cfg->vocab_size, temperature, top_k, top_p, seed, err);
    if (st != GF_OK)
        return st;
    s->has_sampler = true;
    return GF_OK;
}

void gf_session_free(gf_session *s)
{
    if (s->has_sampler)
        gf_sampler_free(&s->sampler);
    if (s->has_trace)
        gf_trace_free(&s->trace);
    if (s->has_model)
        gf_model_free(&s->model);
    free(s->tokens);
    free(s->labels);
    memset(s, 0, sizeof *s);
}

static void label_range(gf_session *s, int from, int to)
{
    for (int t = from; t < to; t++)
        gf_session_label(s, s->tokens[t], s->labels[t], GF_LABEL_MAX);
}

void gf_session_label(const gf_session *s, int32_t id, char *buf, size_t size)
{
    gf_token_label_glyphs(s->model.tokenizer, id, s->has_glyph, s->glyph_ctx, buf, size);
}

void gf_session_set_glyph_check(gf_session *s, gf_glyph_fn has_glyph, void *ctx)
{
    s->has_glyph = has_glyph;
    s->glyph_ctx = ctx;
    label_range(s, 0, s->n_tokens);
}

gf_status gf_session_encode(const gf_session *s, const char *text, int32_t **ids, int *n,
                            gf_error *err)
{
    *ids = NULL;
    *n = 0;
    size_t len = strlen(text);
    if (len >= GF_PROMPT_MAX)
        return gf_error_set(err, GF_ERR_RANGE, "prompt: %zu bytes, the viewer takes at most %d",
                            len, GF_PROMPT_MAX - 1);
    gf_status st = gf_tokenizer_encode(s->model.tokenizer, text, len, ids, n, err);
    if (st != GF_OK)
        return st;
    return st;
}

int gf_session_common_prefix(const gf_session *s, const int32_t *ids, int n)
{
    int p = 0;
    while (p < n && p < s->n_tokens && ids[p] == s->tokens[p])
        p++;
    return p;
}

void gf_session_truncate(gf_session *s, int n)
{
    if (n < 0 || n >= s->n_tokens)
        return;
    s->n_tokens = n;
    if (s->n_prompt > n)
        s->n_prompt = n;
    gf_trace_truncate(&s->trace, n);
    s->generation++;
}

void gf_session_accept(gf_session *s, const gf_trace *grown, const int32_t *ids, int n)
{
    if (n <= 0)
        return;
    memcpy(s->tokens + s->n_tokens, ids, (size_t)n * sizeof *ids);
    /* The same arena, entries and shape: only the count of rows differs. */
    s->trace = *grown;
    s->n_tokens += n;
    label_range(s, s->n_tokens - n, s->n_tokens);
    s->generation++;
}

void gf_session_pop(gf_session *s)
{
    gf_session_truncate(s, s->n_tokens - 1);
}

int gf_session_window_start(const gf_session *s, int n)
{
    return n > s->capacity ? n - s->capacity : 0;
}

void gf_session_clear_dropped(gf_session *s)
{
    if (s->n_dropped > 0)
        s->generation++;
    s->n_dropped = s->n_dropped_kept = 0;
}

void gf_session_note_dropped(gf_session *s, const int32_t *ids, int n)
{
    if (n <= 0)
        return;
    s->n_dropped += n;
    s->generation++;
    if (n > GF_SESSION_DROPPED_KEEP) {
        ids += n - GF_SESSION_DROPPED_KEEP;
        n = GF_SESSION_DROPPED_KEEP;
    }
    int keep = s->n_dropped_kept + n <= GF_SESSION_DROPPED_KEEP ? s->n_dropped_kept
                                                                 : GF_SESSION_DROPPED_KEEP - n;
    memmove(s->dropped, s->dropped + s->n_dropped_kept - keep, (size_t)keep * sizeof *ids);
    memcpy(s->dropped + keep, ids, (size_t)n * sizeof *ids);
    s->n_dropped_kept = keep + n;
}

void gf_session_adopt_window(gf_session *s, gf_trace *fresh, const int32_t *ids, int n, int drop)
{
    if (drop > s->n_tokens)
        drop = s->n_tokens;
    gf_session_note_dropped(s, s->tokens, drop);
    gf_trace old = s->trace;
    s->trace = *fresh;
    *fresh = old;
    memcpy(s->tokens, ids, (size_t)n * sizeof *ids);
    s->n_tokens = n;
    s->n_prompt = s->n_prompt > drop ? s->n_prompt - drop : 0;
    label_range(s, 0, n);
    s->generation++;
}

/* Append the bytes of ids (n) to buf (capacity *cap, *used so far). */
static bool append_tokens(const gf_tokenizer *tok, const int32_t *ids, int n, char **buf,
                          size_t *cap, size_t *used)
{
    for (int i = 0; i < n; i++) {
        size_t len = 0;
        const char *b = gf_tokenizer_token_bytes(tok, ids[i], &len);
        if (b == NULL)
            continue;
        if (*used + len + 1 > *cap) {
            size_t grown = 2 * (*cap + len + 1);
            char *p = realloc(*buf, grown);
            if (p == NULL)
                return false;
            *buf = p;
            *cap = grown;
        }
        memcpy(*buf + *used, b, len);
        *used += len;
    }
    return true;
}

char *gf_session_text(const gf_session *s, size_t *window_at)
{
    size_t cap = 256, used = 0;
    char *buf = malloc(cap);
    if (buf == NULL ||
        !append_tokens(s->model.tokenizer, s->dropped, s->n_dropped_kept, &buf, &cap, &used)) {
        free(buf);
        return NULL;
    }
    if (window_at != NULL)
        *window_at = used;
    if (!append_tokens(s->model.tokenizer, s->tokens, s->n_tokens, &buf, &cap, &used)) {
        free(buf);
        return NULL;
    }
    buf[used] = '\0';
    return buf;
}
