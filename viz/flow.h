/* flow.h — the sampling animation: after Space/Enter appends a token, a
 * marker runs once through the whole forward walk (the global stages, every
 * per-layer stage of layer 0, 1, …, then the readout) for the new position,
 * so the class watches the new row flow through every layer.
 *
 * Pure timing logic, no SDL: the caller passes the time in milliseconds, so
 * a test can ask which step is lit at any moment. */
#ifndef GF_VIZ_FLOW_H
#define GF_VIZ_FLOW_H

#include <stdbool.h>
#include <stdint.h>

#include "stepper.h"

#define GF_FLOW_WALK_MS 1500      /* the marker's run through the walk        */
#define GF_FLOW_HOLD_MS 300       /* then it rests on the last step            */

typedef struct {
    int stage;                    /* index into the stepper's stages           */
    int layer;                    /* −1 for the global (not per-layer) stages  */
    int row, col;                 /* on a map: row 0 the stages before the
                                     blocks, 1 … L the layers, L + 1 the ones
                                     after; col the stage within its row     */
} gf_flow_step;

typedef struct {
    bool active;
    uint32_t start_ms;
    int position;                 /* the appended token's position             */
    int n_steps;                  /* length of the walk                        */
} gf_flow;

/* Length of the → walk from the first stage to the last: global stages once,
 * per-layer stages once per layer. */
int gf_flow_steps(const gf_stepper *st);
/* Step i (0 … gf_flow_steps − 1) of that walk. */
gf_flow_step gf_flow_step_at(const gf_stepper *st, int i);

void gf_flow_start(gf_flow *f, const gf_stepper *st, int position, uint32_t now_ms);
void gf_flow_stop(gf_flow *f);
/* The walk step lit at now_ms, or −1 once the animation is over (then
 * f->active becomes false). */
int gf_flow_update(gf_flow *f, uint32_t now_ms);
/* Progress in [0, 1] of the marker's run at now_ms (1 while holding). */
float gf_flow_progress(const gf_flow *f, uint32_t now_ms);

#endif
