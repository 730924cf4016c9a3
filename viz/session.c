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

gf_status gf_session_set_prompt(gf_session *s, const char *text, gf_error *err)
{
    size_t len = strlen(text);
    if (len >= GF_PROMPT_MAX)
        return gf_error_set(err, GF_ERR_RANGE, "prompt: %zu bytes, the viewer takes at most %d",
                            len, GF_PROMPT_MAX - 1);
    int32_t *ids = NULL;
    int n = 0;
    gf_status st = gf_tokenizer_encode(s->model.tokenizer, text, len, &ids, &n, err);
    if (st != GF_OK)
        return st;
    if (n > s->capacity) {
        free(ids);
        return gf_error_set(err, GF_ERR_RANGE,
                            "prompt: %d tokens, the viewer holds at most %d (--capacity)", n,
                            s->capacity);
    }
    memcpy(s->tokens, ids, (size_t)n * sizeof *ids);
    free(ids);
    memmove(s->prompt, text, len + 1);
    s->n_tokens = 0;
    s->n_prompt = 0;
    s->generation++;
    if (n > 0) {
        st = gf_forward_full(&s->model, &s->trace, s->tokens, n, err);
        if (st != GF_OK) {
            gf_trace_truncate(&s->trace, 0);
            return st;
        }
    } else {
        gf_trace_truncate(&s->trace, 0);
    }
    s->n_tokens = n;
    s->n_prompt = n;
    label_range(s, 0, n);
    return GF_OK;
}

gf_status gf_session_append(gf_session *s, int32_t token, gf_error *err)
{
    if (s->n_tokens >= s->capacity)
        return gf_error_set(err, GF_ERR_RANGE, "viewer: the trace is full (%d tokens)",
                            s->capacity);
    s->tokens[s->n_tokens] = token;
    gf_status st = gf_forward_append(&s->model, &s->trace, &s->tokens[s->n_tokens], 1, err);
    if (st != GF_OK)
        return st;
    s->n_tokens++;
    label_range(s, s->n_tokens - 1, s->n_tokens);
    s->generation++;
    return GF_OK;
}

gf_status gf_session_sample(gf_session *s, int32_t *out, gf_error *err)
{
    if (s->n_tokens == 0)
        return gf_error_set(err, GF_ERR_ARGUMENT, "viewer: no tokens to continue from");
    const float *logits = gf_trace_logits_row(&s->trace, s->n_tokens - 1);
    int32_t id = gf_sampler_sample(&s->sampler, logits);
    if (out != NULL)
        *out = id;
    return gf_session_append(s, id, err);
}

void gf_session_pop(gf_session *s)
{
    if (s->n_tokens == 0)
        return;
    s->n_tokens--;
    if (s->n_prompt > s->n_tokens)
        s->n_prompt = s->n_tokens;
    gf_trace_truncate(&s->trace, s->n_tokens);
    s->generation++;
}

void gf_session_reset(gf_session *s)
{
    gf_error err;
    gf_session_set_prompt(s, s->prompt, &err);
}
