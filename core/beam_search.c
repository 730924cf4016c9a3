/* beam_search.c — beam search over lean traces (see beam_search.h).
 *
 * State: up to N hypotheses, each with its tokens and, while live, a slot:
 * one of N lean traces. A step collects candidates (every live beam's N
 * best next tokens, and the ended beams as they are), keeps the N best,
 * gives each parent's trace to its first live child, copies it for the
 * others (into traces nobody kept), and appends each child's token. */
#include "beam_search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forward.h"
#include "logprob.h"
#include "trace.h"

typedef struct {
    gf_beam beam;        /* tokens: room for n_new                          */
    int slot;            /* its trace while live; -1 once ended             */
} hypothesis;

typedef struct {
    int parent;          /* index into the current hypotheses               */
    int32_t token;       /* -1: an ended beam carried over                  */
    double logprob;      /* ln p(token), 0 when carried                     */
    double score;
} candidate;

typedef struct {
    const gf_model *m;
    int width, n_new;
    int32_t eot;
    gf_trace traces[GF_BEAM_MAX_WIDTH];
    hypothesis hyp[2][GF_BEAM_MAX_WIDTH];  /* current and next, swapped each step */
    int cur, n_hyp;
    candidate best[GF_BEAM_MAX_WIDTH];     /* the step's candidates kept so far, best first */
    int n_best;
    candidate offered[GF_BEAM_MAX_CANDIDATES]; /* every candidate of the step */
    int n_offered;
} beam_state;

/* a ranks before b: higher score, then earlier parent, then lower id. */
static bool candidate_before(const candidate *a, const candidate *b)
{
    if (a->score != b->score)
        return a->score > b->score;
    if (a->parent != b->parent)
        return a->parent < b->parent;
    return a->token < b->token;
}

static int candidate_compare(const void *a, const void *b)
{
    return candidate_before(a, b) ? -1 : candidate_before(b, a) ? 1 : 0;
}

/* Note c among the step's candidates; insert it into the sorted list of the
 * width best, if it belongs there. */
static void candidate_offer(beam_state *s, candidate c)
{
    s->offered[s->n_offered++] = c;
    if (s->n_best == s->width && !candidate_before(&c, &s->best[s->n_best - 1]))
        return;
    int at = s->n_best < s->width ? s->n_best++ : s->width - 1;
    while (at > 0 && candidate_before(&c, &s->best[at - 1])) {
        s->best[at] = s->best[at - 1];
        at--;
    }
    s->best[at] = c;
}

/* Offer the width most likely next tokens of a live hypothesis. */
static void offer_extensions(beam_state *s, int index)
{
    const hypothesis *h = &s->hyp[s->cur][index];
    const gf_trace *tr = &s->traces[h->slot];
    const int vocab = s->m->config.vocab_size;
    const float *z = gf_trace_logits_row(tr, tr->n_tokens - 1);  /* (V) */
    const double lse = gf_logsumexp(z, vocab);
    int32_t top[GF_BEAM_MAX_WIDTH];
    int n = 0;
    const int want = s->width < vocab ? s->width : vocab;
    for (int32_t v = 0; v < vocab; v++) {  /* by logit, lower id first on ties */
        if (n == want && !(z[v] > z[top[n - 1]]))
            continue;
        int at = n < want ? n++ : want - 1;
        while (at > 0 && z[v] > z[top[at - 1]]) {
            top[at] = top[at - 1];
            at--;
        }
        top[at] = v;
    }
    for (int i = 0; i < n; i++) {
        const double lp = (double)z[top[i]] - lse;
        candidate_offer(s, (candidate){index, top[i], lp, h->beam.score + lp});
    }
}

/* Build the next hypotheses from s->best; returns the slots' plan in
 * copy_from (-1: keeps or needs no trace). */
static void children_build(beam_state *s, int *copy_from)
{
    hypothesis *cur = s->hyp[s->cur], *next = s->hyp[!s->cur];
    bool slot_taken[GF_BEAM_MAX_WIDTH] = {false};
    for (int k = 0; k < s->n_best; k++) {
        const candidate *c = &s->best[k];
        const hypothesis *p = &cur[c->parent];
        hypothesis *h = &next[k];
        const bool appends = c->token >= 0 && c->token != s->eot;
        memcpy(h->beam.tokens, p->beam.tokens, sizeof *h->beam.tokens * (size_t)p->beam.n_tokens);
        h->beam.n_tokens = p->beam.n_tokens;
        if (appends)
            h->beam.tokens[h->beam.n_tokens++] = c->token;
        h->beam.logprob = p->beam.logprob + (appends ? c->logprob : 0.0);
        h->beam.score = c->score;
        h->beam.ended = !appends;
        h->slot = -1;
        copy_from[k] = -1;
        if (!appends)
            continue;
        if (!slot_taken[p->slot]) {
            h->slot = p->slot;
            slot_taken[p->slot] = true;
        } else {
            copy_from[k] = p->slot;
        }
    }
    /* Children that share a parent get traces nobody kept. */
    int free_slot = 0;
    for (int k = 0; k < s->n_best; k++) {
        if (copy_from[k] < 0)
            continue;
        while (slot_taken[free_slot])
            free_slot++;
        next[k].slot = free_slot;
        slot_taken[free_slot] = true;
    }
}

/* Whether c is one of the candidates the step keeps. */
static bool candidate_kept(const beam_state *s, const candidate *c)
{
    for (int k = 0; k < s->n_best; k++)
        if (s->best[k].parent == c->parent && s->best[k].token == c->token)
            return true;
    return false;
}

static void step_record(beam_state *s, gf_beam_step *rec)
{
    rec->n = s->n_best;
    for (int k = 0; k < s->n_best; k++) {
        rec->parent[k] = s->best[k].parent;
        rec->token[k] = s->best[k].token;
        rec->logprob[k] = s->best[k].logprob;
        rec->score[k] = s->best[k].score;
        rec->ended[k] = s->hyp[!s->cur][k].beam.ended;
    }
    qsort(s->offered, (size_t)s->n_offered, sizeof s->offered[0], candidate_compare);
    rec->n_pruned = 0;
    for (int i = 0; i < s->n_offered; i++)
        if (!candidate_kept(s, &s->offered[i]))
            rec->pruned[rec->n_pruned++] = (gf_beam_pruned){s->offered[i].parent,
                                                            s->offered[i].token,
                                                            s->offered[i].logprob,
                                                            s->offered[i].score};
}

/* One step; last: no forward pass is needed after it. */
static gf_status beam_step(beam_state *s, bool last, gf_beam_step *rec, gf_error *err)
{
    s->n_best = s->n_offered = 0;
    for (int i = 0; i < s->n_hyp; i++) {
        const hypothesis *h = &s->hyp[s->cur][i];
        if (h->beam.ended)
            candidate_offer(s, (candidate){i, -1, 0.0, h->beam.score});
        else
            offer_extensions(s, i);
    }
    int copy_from[GF_BEAM_MAX_WIDTH];
    children_build(s, copy_from);
    step_record(s, rec);
    hypothesis *next = s->hyp[!s->cur];
    gf_status st = GF_OK;
    for (int k = 0; k < s->n_best && st == GF_OK && !last; k++)  /* copies before appends */
        if (copy_from[k] >= 0)
            st = gf_trace_copy(&s->traces[next[k].slot], &s->traces[copy_from[k]], err);
    for (int k = 0; k < s->n_best && st == GF_OK && !last; k++)
        if (next[k].slot >= 0)
            st = gf_forward_append(s->m, &s->traces[next[k].slot],
                                   &next[k].beam.tokens[next[k].beam.n_tokens - 1], 1, err);
    s->cur = !s->cur;
    s->n_hyp = s->n_best;
    return st;
}

/* Done when nothing is live, or an ended beam already beats every live one. */
static bool beam_done(const beam_state *s)
{
    double best_ended = -INFINITY, best_live = -INFINITY;
    bool any_live = false;
    for (int i = 0; i < s->n_hyp; i++) {
        const gf_beam *b = &s->hyp[s->cur][i].beam;
        if (b->ended) {
            if (b->score > best_ended) best_ended = b->score;
        } else {
            any_live = true;
            if (b->score > best_live) best_live = b->score;
        }
    }
    return !any_live || best_ended >= best_live;
}

static void beam_state_free(beam_state *s)
{
    for (int i = 0; i < s->width; i++) {
        gf_trace_free(&s->traces[i]);
        free(s->hyp[0][i].beam.tokens);
        free(s->hyp[1][i].beam.tokens);
    }
}

static gf_status beam_state_init(beam_state *s, const gf_model *m, int capacity, gf_error *err)
{
    for (int i = 0; i < s->width; i++) {
        gf_status st = gf_trace_init(&s->traces[i], &m->config, capacity, false, err);
        if (st != GF_OK)
            return st;
        for (int side = 0; side < 2; side++) {
            s->hyp[side][i].beam.tokens = malloc(sizeof(int32_t) * (size_t)s->n_new);
            if (!s->hyp[side][i].beam.tokens)
                return gf_error_set(err, GF_ERR_MEMORY, "beam search: cannot allocate beams");
        }
    }
    return GF_OK;
}

/* Hand the final hypotheses (already best first) to out. */
static void result_take(beam_state *s, gf_beam_result *out)
{
    out->n_beams = s->n_hyp;
    for (int i = 0; i < s->n_hyp; i++) {
        out->beams[i] = s->hyp[s->cur][i].beam;
        s->hyp[s->cur][i].beam.tokens = NULL;
    }
}

gf_status gf_beam_search(const gf_model *m, const int32_t *prompt, int n_prompt, int width,
                         int n_new, int32_t eot, gf_beam_step_fn on_step, void *user,
                         gf_beam_result *out, gf_error *err)
{
    memset(out, 0, sizeof *out);
    if (width < 1 || width > GF_BEAM_MAX_WIDTH)
        return gf_error_set(err, GF_ERR_RANGE, "beam search: width %d is outside 1..%d", width,
                            GF_BEAM_MAX_WIDTH);
    if (n_prompt < 1 || !prompt || n_new < 1)
        return gf_error_set(err, GF_ERR_ARGUMENT, "beam search: %d prompt tokens, %d new",
                            n_prompt, n_new);
    const int capacity = n_prompt + n_new - 1;  /* the last token is never run */
    if (capacity > m->config.n_ctx)
        return gf_error_set(err, GF_ERR_RANGE, "beam search: %d prompt tokens + %d new exceed "
                            "the model's context of %d", n_prompt, n_new, m->config.n_ctx);
    beam_state *s = calloc(1, sizeof *s);
    out->steps = calloc((size_t)n_new, sizeof *out->steps);
    if (!s || !out->steps) {
        free(s);
        free(out->steps);
        out->steps = NULL;
        return gf_error_set(err, GF_ERR_MEMORY, "beam search: cannot allocate its state");
    }
    s->m = m;
    s->width = width;
    s->n_new = n_new;
    s->eot = eot;
    gf_status st = beam_state_init(s, m, capacity, err);
    if (st == GF_OK)
        st = gf_forward_append(m, &s->traces[0], prompt, n_prompt, err);
    s->n_hyp = 1;  /* the prompt: no tokens, score 0, in trace 0 */
    s->hyp[0][0].slot = 0;
    bool go_on = true;
    for (int step = 0; st == GF_OK && go_on && step < n_new && !beam_done(s); step++) {
        st = beam_step(s, step + 1 == n_new, &out->steps[step], err);
        out->n_steps = step + 1;
        if (st == GF_OK && on_step)
            go_on = on_step(user, step, &out->steps[step]);
    }
    if (st == GF_OK) {
        result_take(s, out);
        out->trace_bytes = (size_t)width * gf_trace_bytes(&m->config, capacity, false);
    }
    beam_state_free(s);
    free(s);
    if (st != GF_OK)
        gf_beam_result_free(out);
    return st;
}

void gf_beam_result_free(gf_beam_result *r)
{
    for (int i = 0; i < r->n_beams; i++)
        free(r->beams[i].tokens);
    free(r->steps);
    memset(r, 0, sizeof *r);
}
