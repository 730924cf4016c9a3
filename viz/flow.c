/* flow.c — timing of the sampling animation (see flow.h). */
#include "flow.h"

/* The per-layer stages are one contiguous run of the stage list: [first, last]. */
static bool per_layer_range(const gf_stepper *st, int *first, int *last)
{
    *first = -1;
    *last = -2;
    for (int i = 0; i < st->n_stages; i++) {
        const gf_stage *s = gf_stage_get(st->stages[i]);
        if (s != NULL && s->per_layer) {
            if (*first < 0)
                *first = i;
            *last = i;
        }
    }
    return *first >= 0;
}

int gf_flow_steps(const gf_stepper *st)
{
    int first, last;
    if (!per_layer_range(st, &first, &last))
        return st->n_stages;
    int per_layer = last - first + 1;
    return st->n_stages - per_layer + per_layer * st->n_layer;
}

gf_flow_step gf_flow_step_at(const gf_stepper *st, int i)
{
    int first, last;
    gf_flow_step step = {i, -1, 0, i};
    if (!per_layer_range(st, &first, &last) || i < first)
        return step;
    int per_layer = last - first + 1, blocks = per_layer * st->n_layer;
    if (i < first + blocks) {
        step.layer = (i - first) / per_layer;
        step.col = (i - first) % per_layer;
        step.stage = first + step.col;
        step.row = 1 + step.layer;
    } else {
        step.stage = i - blocks + per_layer;
        step.row = st->n_layer + 1;
        step.col = step.stage - (last + 1);
    }
    return step;
}

void gf_flow_start(gf_flow *f, const gf_stepper *st, int position, uint32_t now_ms)
{
    f->active = true;
    f->start_ms = now_ms;
    f->position = position;
    f->n_steps = gf_flow_steps(st);
}

void gf_flow_stop(gf_flow *f)
{
    f->active = false;
}

float gf_flow_progress(const gf_flow *f, uint32_t now_ms)
{
    uint32_t elapsed = now_ms - f->start_ms;
    return elapsed >= GF_FLOW_WALK_MS ? 1.0f : (float)elapsed / (float)GF_FLOW_WALK_MS;
}

int gf_flow_update(gf_flow *f, uint32_t now_ms)
{
    if (!f->active || f->n_steps <= 0)
        return -1;
    uint32_t elapsed = now_ms - f->start_ms;
    if (elapsed >= GF_FLOW_WALK_MS + GF_FLOW_HOLD_MS) {
        f->active = false;
        return -1;
    }
    int i = (int)((uint64_t)elapsed * (uint64_t)f->n_steps / GF_FLOW_WALK_MS);
    return i < f->n_steps ? i : f->n_steps - 1;
}
