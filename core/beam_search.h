/* beam_search.h — keep the N most likely continuations instead of one.
 *
 * A beam is a continuation of the prompt with its score: the sum of
 * ln softmax(z)[t] at T = 1 over its tokens (no length normalisation). Each
 * step extends every live beam by every token, and the N best of all those
 * candidates (and of the beams already ended) are kept. A beam that picks
 * the end-of-text token ends there: its score includes ln p(end-of-text),
 * the probability of stopping, but the token itself is not one of its
 * tokens and not in its logprob (what a printout counts). The search stops
 * after n_new steps, when no beam is live, or as soon as the best ended beam
 * scores at least the best live one (live scores only fall). With N = 1 it
 * is greedy decoding (T = 0): the largest logit, the lower id on ties.
 * Ties between candidates go to the earlier beam, then the lower id.
 *
 * Each live beam owns a lean trace (its KV cache); a beam with several
 * children hands its trace to the first and is copied (only its T rows)
 * for the others, so a step costs N one-token forward passes. */
#ifndef GF_BEAM_SEARCH_H
#define GF_BEAM_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "gf_error.h"
#include "model.h"

#define GF_BEAM_MAX_WIDTH 16
/* Candidates a step weighs: each live beam's N best next tokens, and the
 * beams that ended before (carried over as they are). */
#define GF_BEAM_MAX_CANDIDATES (GF_BEAM_MAX_WIDTH * GF_BEAM_MAX_WIDTH + GF_BEAM_MAX_WIDTH)

typedef struct {
    int32_t *tokens;     /* (n_tokens) generated ids, end-of-text excluded   */
    int n_tokens;
    double logprob;      /* Σ ln p over tokens                               */
    double score;        /* logprob (+ ln p(end-of-text) when ended): the rank */
    bool ended;          /* stopped at end-of-text                            */
} gf_beam;

/* A candidate a step weighed and dropped. */
typedef struct {
    int parent;                         /* index into the previous step's beams */
    int32_t token;                      /* as gf_beam_step.token              */
    double logprob;                     /* ln p(token) after its parent (0 when carried) */
    double score;                       /* cumulative score it would have had */
} gf_beam_pruned;

/* The beams kept after one step, and the candidates it dropped, for drawing
 * the search as a tree. A step weighs each live beam's N most likely next
 * tokens (no other token of that beam can be kept: N better ones exist) and
 * the beams that ended earlier; it keeps the N best and drops the rest. */
typedef struct {
    int n;
    int parent[GF_BEAM_MAX_WIDTH];      /* index into the previous step's beams
                                           (step 0: 0, the prompt)            */
    int32_t token[GF_BEAM_MAX_WIDTH];   /* id appended; end-of-text when it ended
                                           here; -1: ended earlier, carried over */
    double logprob[GF_BEAM_MAX_WIDTH];  /* ln p(token) after the parent at
                                           T = 1; 0 when carried over          */
    double score[GF_BEAM_MAX_WIDTH];    /* cumulative score: the parent's + logprob */
    bool ended[GF_BEAM_MAX_WIDTH];
    int n_pruned;
    gf_beam_pruned pruned[GF_BEAM_MAX_CANDIDATES]; /* (n_pruned) the dropped
                                           candidates, best first             */
} gf_beam_step;

typedef struct {
    gf_beam beams[GF_BEAM_MAX_WIDTH];   /* the last step's beams, best first  */
    int n_beams;
    gf_beam_step *steps;                /* (n_steps)                          */
    int n_steps;
    size_t trace_bytes;                 /* the traces' memory, all beams      */
} gf_beam_result;

/* Called after each step on the searching thread (progress, or a cancel
 * from the UI): return false to stop there; the result is then the beams
 * of that step, as if the steps had run out. */
typedef bool (*gf_beam_step_fn)(void *user, int step, const gf_beam_step *rec);

/* prompt (n_prompt >= 1 ids), width in 1..GF_BEAM_MAX_WIDTH, n_new >= 1 with
 * n_prompt + n_new − 1 <= n_ctx; eot: the end-of-text id or -1 for none;
 * on_step may be NULL. */
gf_status gf_beam_search(const gf_model *m, const int32_t *prompt, int n_prompt, int width,
                         int n_new, int32_t eot, gf_beam_step_fn on_step, void *user,
                         gf_beam_result *out, gf_error *err);
void gf_beam_result_free(gf_beam_result *r);

#endif
