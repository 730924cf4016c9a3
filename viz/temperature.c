/* temperature.c — the temperature lanes' settings and results (see temperature.h). */
#include "temperature.h"

#include <stdlib.h>
#include <string.h>

#include "beam_search.h"

static const float default_temperatures[GF_TEMP_LANES] = {0.0f, 0.7f, 1.2f};

void gf_temp_init(gf_temp_state *ts, uint64_t seed_base, int length)
{
    memset(ts, 0, sizeof *ts);
    ts->length = length > 0 ? length : GF_TEMP_TOKENS;
    ts->seed_base = seed_base;
    for (int i = 0; i < GF_TEMP_LANES; i++) {
        ts->lanes[i].temperature = default_temperatures[i];
        ts->lanes[i].seed = seed_base + (uint64_t)i;
    }
    ts->diverge_at = -1;
    ts->beam_width = GF_TEMP_BEAMS;
}

void gf_temp_change_beams(gf_temp_state *ts, int steps)
{
    int n = ts->beam_width + steps;
    ts->beam_width = n < 1 ? 1 : n > GF_BEAM_MAX_WIDTH ? GF_BEAM_MAX_WIDTH : n;
    ts->beam_held = false;
}

void gf_temp_scroll_tree(gf_temp_state *ts, int steps)
{
    ts->tree_first += steps;
    if (ts->tree_first < 0)
        ts->tree_first = 0;
}

void gf_temp_reroll(gf_temp_state *ts)
{
    ts->seed_base += GF_TEMP_LANES;
    for (int i = 0; i < GF_TEMP_LANES; i++)
        ts->lanes[i].seed = ts->seed_base + (uint64_t)i;
    ts->valid = false;
}

void gf_temp_change_length(gf_temp_state *ts, int steps, int max)
{
    if (max > GF_TEMP_TOKENS_MAX)
        max = GF_TEMP_TOKENS_MAX;
    /* On the lattice of steps (10, 20, …), so 1 → ] gives 10, not 11. */
    int n = steps > 0 ? (ts->length / GF_TEMP_TOKENS_STEP + steps) * GF_TEMP_TOKENS_STEP
                      : ((ts->length + GF_TEMP_TOKENS_STEP - 1) / GF_TEMP_TOKENS_STEP + steps) *
                            GF_TEMP_TOKENS_STEP;
    n = n < 1 ? 1 : n > max ? max : n;
    if (n != ts->length)
        ts->valid = false;
    ts->length = n;
}

void gf_temp_seed_open(gf_temp_state *ts)
{
    ts->seed_typing = true;
    ts->seed_text[0] = '\0';
}

/* The digit a key stands for (top row or keypad), or −1. */
static int key_digit(SDL_Scancode code)
{
    if (code >= SDL_SCANCODE_1 && code <= SDL_SCANCODE_9)
        return 1 + (int)(code - SDL_SCANCODE_1);
    if (code >= SDL_SCANCODE_KP_1 && code <= SDL_SCANCODE_KP_9)
        return 1 + (int)(code - SDL_SCANCODE_KP_1);
    if (code == SDL_SCANCODE_0 || code == SDL_SCANCODE_KP_0)
        return 0;
    return -1;
}

bool gf_temp_seed_key(gf_temp_state *ts, SDL_Scancode code)
{
    size_t n = strlen(ts->seed_text);
    int digit = key_digit(code);
    if (digit >= 0 && n + 1 < sizeof ts->seed_text) {
        ts->seed_text[n] = (char)('0' + digit);
        ts->seed_text[n + 1] = '\0';
    } else if (code == SDL_SCANCODE_BACKSPACE && n > 0) {
        ts->seed_text[n - 1] = '\0';
    } else if (code == SDL_SCANCODE_ESCAPE) {
        ts->seed_typing = false;
    } else if (code == SDL_SCANCODE_RETURN || code == SDL_SCANCODE_KP_ENTER) {
        ts->seed_typing = false;
        if (n > 0) {  /* 19 digits always fit in 64 bits */
            ts->lanes[ts->selected].seed = strtoull(ts->seed_text, NULL, 10);
            ts->valid = false;
        }
    }
    return true;
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

void gf_temp_set_lanes(gf_temp_state *ts, const gf_temp_lane *lanes, uint64_t generation,
                       bool cut)
{
    ts->cut = cut;
    for (int i = 0; i < GF_TEMP_LANES; i++)
        ts->lanes[i] = lanes[i];
    ts->diverge_at = -1;
    int n = ts->lanes[0].n_tokens;  /* the length all lanes reached (cancelled: shorter) */
    for (int i = 1; i < GF_TEMP_LANES; i++)
        n = ts->lanes[i].n_tokens < n ? ts->lanes[i].n_tokens : n;
    for (int k = 0; k < n && ts->diverge_at < 0; k++)
        for (int i = 1; i < GF_TEMP_LANES; i++)
            if (ts->lanes[i].tokens[k] != ts->lanes[0].tokens[k])
                ts->diverge_at = k;
    ts->valid = true;
    ts->generation = generation;
}
