/* temperature.h — the three lanes of the temperature comparison: for each
 * lane's T and seed, the next-token distribution and a short continuation.
 * The worker computes them on its own lean trace (jobs.h: gf_job_lanes);
 * this is the state the screen shows and its keys change. */
#ifndef GF_VIZ_TEMPERATURE_H
#define GF_VIZ_TEMPERATURE_H

#include "app.h"

void gf_temp_init(gf_temp_state *ts, uint64_t seed_base, int length);
/* Take computed lanes for the session's generation: valid from now on
 * (cut: cancelled before they were whole). */
void gf_temp_set_lanes(gf_temp_state *ts, const gf_temp_lane *lanes, uint64_t generation,
                       bool cut);
/* New seeds for every lane (recomputed in the background). */
void gf_temp_reroll(gf_temp_state *ts);
/* Lanes GF_TEMP_TOKENS_STEP tokens longer (steps > 0) or shorter, within
 * [1, max] (max: the context); recomputed in the background. */
void gf_temp_change_length(gf_temp_state *ts, int steps, int max);
/* Start typing a seed for the selected lane (K). */
void gf_temp_seed_open(gf_temp_state *ts);
/* A key while a seed is typed: digits add, Backspace removes, Enter sets the
 * selected lane's seed (recomputed in the background), Esc cancels. Every
 * key is taken while typing. */
bool gf_temp_seed_key(gf_temp_state *ts, SDL_Scancode code);
/* The beam lane's width by steps (within 1 … GF_BEAM_MAX_WIDTH). */
void gf_temp_change_beams(gf_temp_state *ts, int steps);
/* The beam tree's first step shown, by steps (the view clamps it). */
void gf_temp_scroll_tree(gf_temp_state *ts, int steps);
/* Change the selected lane's temperature by dt (clamped to [0, 5]). */
void gf_temp_adjust(gf_temp_state *ts, float dt);

#endif
