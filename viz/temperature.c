/* temperature.c — compute the temperature lanes through the core. */
#include "temperature.h"

#include <string.h>

static const float default_temperatures[GF_TEMP_LANES] = {0.0f, 0.7f, 1.2f};

void gf_temp_init(gf_temp_state *ts, uint64_t seed_base)
{
    memset(ts, 0, sizeof *ts);
    ts->seed_base = seed_base;
    for (int i = 0; i < GF_TEMP_LANES; i++) {
        ts->lanes[i].temperature = default_temperatures[i];
        ts->lanes[i].seed = seed_base + (uint64_t)i;
    }
    ts->diverge_at = -1;
}

void gf_temp_reroll(gf_temp_state *ts)
{
    ts->seed_base += GF_TEMP_LANES;
    for (int i = 0; i < GF_TEMP_LANES; i++)
        ts->lanes[i].seed = ts->seed_base + (uint64_t)i;
    ts->valid = false;
}

void gf_temp_adjust(gf_temp_state *ts, float dt)
{
    gf_temp_lane *lane = &ts->lanes[ts->selected];
    float t = lane->temperature + dt;
    lane->temperature = t < 0.0f ? 0.0f : t > 5.0f ? 5.0f : t;
    if (lane->temperature < 0.001f)
        lane->temperature = 0.0f;
    ts->valid = false;
}

static gf_status run_lane(gf_app *app, gf_temp_lane *lane, gf_error *err)
{
    gf_session *s = &app->s;
    gf_sampler sampler;
    gf_status st = gf_sampler_init(&sampler, s->trace.config.vocab_size, lane->temperature,
                                   s->sampler.top_k, s->sampler.top_p, lane->seed, err);
    if (st != GF_OK)
        return st;
    const gf_top_tokens *top = gf_app_top_tokens(app, s->n_tokens - 1, lane->temperature);
    lane->top = *top;
    int start = s->n_tokens, room = s->capacity - s->n_tokens;
    int n = room < GF_TEMP_TOKENS ? room : GF_TEMP_TOKENS;
    lane->n_tokens = 0;
    uint64_t generation = s->generation;
    for (int i = 0; i < n && st == GF_OK; i++) {
        int32_t id = gf_sampler_sample(&sampler, gf_trace_logits_row(&s->trace, s->n_tokens - 1));
        st = gf_session_append(s, id, err);
        if (st == GF_OK)
            lane->tokens[lane->n_tokens++] = id;
    }
    while (s->n_tokens > start)
        gf_session_pop(s);
    /* The trace holds exactly what it held before: rows < start never change. */
    s->generation = generation;
    gf_sampler_free(&sampler);
    return st;
}

gf_status gf_temp_update(gf_app *app, gf_error *err)
{
    gf_temp_state *ts = &app->temp;
    if (ts->valid && ts->generation == app->s.generation)
        return GF_OK;
    ts->diverge_at = -1;
    if (app->s.n_tokens == 0) {
        for (int i = 0; i < GF_TEMP_LANES; i++)
            ts->lanes[i].n_tokens = ts->lanes[i].top.n = 0;
        ts->valid = true;
        ts->generation = app->s.generation;
        return GF_OK;
    }
    for (int i = 0; i < GF_TEMP_LANES; i++) {
        gf_status st = run_lane(app, &ts->lanes[i], err);
        if (st != GF_OK)
            return st;
    }
    int n = ts->lanes[0].n_tokens;
    for (int k = 0; k < n && ts->diverge_at < 0; k++)
        for (int i = 1; i < GF_TEMP_LANES; i++)
            if (k >= ts->lanes[i].n_tokens || ts->lanes[i].tokens[k] != ts->lanes[0].tokens[k])
                ts->diverge_at = k;
    ts->valid = true;
    ts->generation = app->s.generation;
    return GF_OK;
}
