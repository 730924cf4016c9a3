/* stepper.c — the (position, layer, head, stage) state machine. */
#include "stepper.h"

static int clamp_int(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static bool is_per_layer(const gf_stepper *s, int index)
{
    const gf_stage *st = gf_stage_get(s->stages[index]);
    return st != NULL && st->per_layer;
}

/* Where a walk in direction dir enters a block: its first per-layer stage
 * going forward (dir > 0), its last going back. */
static int block_edge(const gf_stepper *s, int dir)
{
    if (dir > 0) {
        for (int i = 0; i < s->n_stages; i++)
            if (is_per_layer(s, i))
                return i;
    } else {
        for (int i = s->n_stages - 1; i >= 0; i--)
            if (is_per_layer(s, i))
                return i;
    }
    return -1;
}

void gf_stepper_init(gf_stepper *s, const gf_config *cfg, int n_tokens)
{
    s->n_stages = gf_stages_for_config(cfg, s->stages, GF_STAGE_COUNT);
    if (s->n_stages < 0)
        s->n_stages = 0;
    if (s->n_stages > GF_STAGE_COUNT)
        s->n_stages = GF_STAGE_COUNT;
    s->stage = 0;
    s->layer = 0;
    s->head = 0;
    s->n_layer = cfg->n_layer > 0 ? cfg->n_layer : 1;
    s->n_head = cfg->n_head > 0 ? cfg->n_head : 1;
    s->n_tokens = n_tokens > 0 ? n_tokens : 0;
    s->position = s->n_tokens > 0 ? s->n_tokens - 1 : 0;
}

/* One step along the walk; dir = +1 or −1. */
static bool step_stage(gf_stepper *s, int dir)
{
    int next = s->stage + dir;
    bool inside = is_per_layer(s, s->stage);
    bool leaving_block = inside && (next < 0 || next >= s->n_stages || !is_per_layer(s, next));
    if (leaving_block) {
        int to_layer = s->layer + dir;
        if (to_layer >= 0 && to_layer < s->n_layer) {
            s->layer = to_layer;
            s->stage = block_edge(s, dir);
            return true;
        }
    }
    if (next < 0 || next >= s->n_stages)
        return false;
    if (!inside && is_per_layer(s, next))
        s->layer = dir > 0 ? 0 : s->n_layer - 1;  /* entering the blocks */
    s->stage = next;
    return true;
}

static bool set_field(int *field, int value)
{
    if (*field == value)
        return false;
    *field = value;
    return true;
}

bool gf_stepper_key(gf_stepper *s, gf_key key)
{
    if (s->n_stages == 0)
        return false;
    int last_pos = s->n_tokens > 0 ? s->n_tokens - 1 : 0;
    switch (key) {
    case GF_KEY_NEXT_STAGE:
        return step_stage(s, +1);
    case GF_KEY_PREV_STAGE:
        return step_stage(s, -1);
    case GF_KEY_LAYER_UP:
        return set_field(&s->layer, clamp_int(s->layer + 1, 0, s->n_layer - 1));
    case GF_KEY_LAYER_DOWN:
        return set_field(&s->layer, clamp_int(s->layer - 1, 0, s->n_layer - 1));
    case GF_KEY_NEXT_HEAD:
        return set_field(&s->head, (s->head + 1) % s->n_head);
    case GF_KEY_PREV_HEAD:
        return set_field(&s->head, (s->head + s->n_head - 1) % s->n_head);
    case GF_KEY_NEXT_POS:
        return set_field(&s->position, clamp_int(s->position + 1, 0, last_pos));
    case GF_KEY_PREV_POS:
        return set_field(&s->position, clamp_int(s->position - 1, 0, last_pos));
    case GF_KEY_FIRST_STAGE:
        return set_field(&s->stage, 0) | set_field(&s->layer, 0);
    case GF_KEY_LAST_STAGE:
        return set_field(&s->stage, s->n_stages - 1) | set_field(&s->layer, s->n_layer - 1);
    default:
        if (key >= GF_KEY_HEAD_1 && key <= GF_KEY_HEAD_9) {
            int h = (int)(key - GF_KEY_HEAD_1);
            return h < s->n_head && set_field(&s->head, h);
        }
        return false;
    }
}

void gf_stepper_set_tokens(gf_stepper *s, int n_tokens)
{
    bool at_end = s->n_tokens == 0 || s->position >= s->n_tokens - 1;
    s->n_tokens = n_tokens > 0 ? n_tokens : 0;
    int last = s->n_tokens > 0 ? s->n_tokens - 1 : 0;
    s->position = at_end ? last : clamp_int(s->position, 0, last);
}

bool gf_stepper_goto(gf_stepper *s, gf_stage_id id)
{
    for (int i = 0; i < s->n_stages; i++) {
        if (s->stages[i] == id) {
            s->stage = i;
            return true;
        }
    }
    return false;
}

void gf_stepper_set_layer(gf_stepper *s, int layer)
{
    s->layer = clamp_int(layer, 0, s->n_layer - 1);
}

void gf_stepper_set_head(gf_stepper *s, int head)
{
    s->head = clamp_int(head, 0, s->n_head - 1);
}

void gf_stepper_set_position(gf_stepper *s, int position)
{
    s->position = clamp_int(position, 0, s->n_tokens > 0 ? s->n_tokens - 1 : 0);
}

gf_stage_id gf_stepper_stage(const gf_stepper *s)
{
    return s->n_stages > 0 ? s->stages[s->stage] : GF_STAGE_TOKENS;
}

int gf_stepper_step(const gf_stepper *s, int *total)
{
    int first = block_edge(s, +1), last = block_edge(s, -1);
    if (first < 0) {            /* no blocks: the stages are the pass */
        *total = s->n_stages;
        return s->stage + 1;
    }
    int per_layer = last - first + 1;
    *total = s->n_stages + per_layer * (s->n_layer - 1);
    if (s->stage < first)
        return s->stage + 1;
    if (s->stage <= last)
        return first + s->layer * per_layer + (s->stage - first) + 1;
    return s->stage + per_layer * (s->n_layer - 1) + 1;
}
