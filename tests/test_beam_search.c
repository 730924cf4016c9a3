/* test_beam_search.c — beam search (core/beam_search.h) and the trace copy
 * it forks caches with.
 *
 * - gf_trace_copy: a copied trace continues exactly like a fresh run.
 * - Width 1 is greedy decoding (argmax each step, as the sampler at T = 0).
 * - Every beam's logprob and score equal the sums recomputed here, in
 *   double, from a fresh forward pass of the prompt and its tokens.
 * - Brute force: on tiny models where the beam holds every possible
 *   sequence, the best beam is the best sequence of all (with and without an
 *   end-of-text token), found by scoring each sequence on its own.
 * - The step history (kept beams, their parents, each token's ln p, the
 *   scores, and the candidates each step dropped) equals a plain beam search
 *   written here: every live
 *   beam's next-token log-probabilities from a fresh forward pass, all
 *   candidates sorted, the N best kept.
 * - Errors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beam_search.h"
#include "check.h"
#include "forward.h"
#include "sampler.h"
#include "variant_models.h"

/* ln softmax(z)[index], written out here. */
static double log_prob(const float *z, int n, int index)
{
    double max = z[0], sum = 0.0;
    for (int i = 1; i < n; i++) max = fmax(max, z[i]);
    for (int i = 0; i < n; i++) sum += exp(z[i] - max);
    return z[index] - max - log(sum);
}

/* Σ ln p of tokens after prompt from one fresh full forward pass; *eot_lp
 * (if eot >= 0) the log-probability of eot after the last token. */
static double sequence_logprob(const gf_model *m, const int32_t *prompt, int n_prompt,
                               const int32_t *tokens, int n, int32_t eot, double *eot_lp)
{
    const int vocab = m->config.vocab_size, total = n_prompt + n;
    int32_t *all = malloc(sizeof *all * (size_t)total);
    memcpy(all, prompt, sizeof *all * (size_t)n_prompt);
    memcpy(all + n_prompt, tokens, sizeof *all * (size_t)n);
    gf_trace tr;
    gf_error err = {0};
    double sum = NAN;
    if (gf_trace_init(&tr, &m->config, total, true, &err) == GF_OK &&
        gf_forward_full(m, &tr, all, total, &err) == GF_OK) {
        sum = 0.0;
        for (int i = 0; i < n; i++)
            sum += log_prob(gf_trace_logits_row(&tr, n_prompt - 1 + i), vocab, tokens[i]);
        if (eot >= 0)
            *eot_lp = log_prob(gf_trace_logits_row(&tr, total - 1), vocab, eot);
    }
    gf_trace_free(&tr);
    free(all);
    return sum;
}

/* Every beam's numbers agree with a fresh forward pass; beams fall in score. */
static void check_beams(check_ctx *c, const gf_model *m, const int32_t *prompt, int n_prompt,
                        const gf_beam_result *r, int32_t eot)
{
    int agree = 0;
    for (int i = 0; i < r->n_beams; i++) {
        const gf_beam *b = &r->beams[i];
        double eot_lp = 0.0;
        const double lp = sequence_logprob(m, prompt, n_prompt, b->tokens, b->n_tokens,
                                           b->ended ? eot : -1, &eot_lp);
        const double score = lp + (b->ended ? eot_lp : 0.0);
        agree += fabs(b->logprob - lp) < 1e-9 * (1 + fabs(lp)) &&
                 fabs(b->score - score) < 1e-9 * (1 + fabs(score)) &&
                 (i == 0 || r->beams[i - 1].score >= b->score);
    }
    CHECK_INT(c, agree, r->n_beams);
}

static void test_trace_copy(check_ctx *c, const gf_model *m, bool keep_all)
{
    gf_error err = {0};
    gf_trace a, b, fresh;
    int32_t tokens[6];
    variant_random_tokens(tokens, 6, m->config.vocab_size, 21);
    CHECK_OK(c, gf_trace_init(&a, &m->config, 8, keep_all, &err), &err);
    CHECK_OK(c, gf_trace_init(&b, &m->config, 8, keep_all, &err), &err);
    CHECK_OK(c, gf_trace_init(&fresh, &m->config, 8, keep_all, &err), &err);
    CHECK_OK(c, gf_forward_full(m, &b, tokens + 1, 4, &err), &err);  /* rows to be replaced */
    CHECK_OK(c, gf_forward_full(m, &a, tokens, 5, &err), &err);
    CHECK_OK(c, gf_trace_copy(&b, &a, &err), &err);
    CHECK_OK(c, gf_forward_append(m, &b, tokens + 5, 1, &err), &err);
    CHECK_OK(c, gf_forward_full(m, &fresh, tokens, 6, &err), &err);
    bool same = true;
    for (int i = 0; i < fresh.n_entries; i++) {
        const gf_view vf = gf_trace_view(&fresh, i), vb = gf_trace_view(&b, i);
        const int64_t n = gf_view_numel(&vf);
        float *xf = malloc(sizeof *xf * (size_t)n), *xb = malloc(sizeof *xb * (size_t)n);
        gf_view_copy_out(&vf, xf);
        gf_view_copy_out(&vb, xb);
        same = same && memcmp(xf, xb, sizeof *xf * (size_t)n) == 0;
        free(xf);
        free(xb);
    }
    CHECK(c, same);
    CHECK(c, memcmp(gf_trace_logits_row(&b, 5), gf_trace_logits_row(&fresh, 5),
                    sizeof(float) * m->config.vocab_size) == 0);
    gf_trace other;
    CHECK_OK(c, gf_trace_init(&other, &m->config, 7, keep_all, &err), &err);
    CHECK(c, gf_trace_copy(&other, &a, &err) == GF_ERR_ARGUMENT);
    gf_trace_free(&other);
    gf_trace_free(&a);
    gf_trace_free(&b);
    gf_trace_free(&fresh);
}

/* Greedy decoding the plain way: a lean trace and the sampler at T = 0. */
static int greedy(const gf_model *m, const int32_t *prompt, int n_prompt, int n_new,
                  int32_t eot, int32_t *out)
{
    gf_trace tr;
    gf_sampler s;
    gf_error err = {0};
    int n = 0;
    if (gf_trace_init(&tr, &m->config, n_prompt + n_new, false, &err) != GF_OK)
        return -1;
    gf_sampler_init(&s, m->config.vocab_size, 0.0f, 0, 1.0f, 1, &err);
    gf_forward_full(m, &tr, prompt, n_prompt, &err);
    for (int i = 0; i < n_new; i++) {
        const int32_t id = gf_sampler_sample(&s, gf_trace_logits_row(&tr, tr.n_tokens - 1));
        if (id == eot)
            break;
        out[n++] = id;
        gf_forward_append(m, &tr, &id, 1, &err);
    }
    gf_sampler_free(&s);
    gf_trace_free(&tr);
    return n;
}

/* Counts the steps it sees (user: an int); stops after the third. */
static bool stop_after_three(void *user, int step, const gf_beam_step *rec)
{
    int *seen = user;
    *seen += rec->n > 0 && step == *seen;
    return step < 2;
}

/* ln p of every token after prompt + tokens, from a fresh forward pass. */
static void next_logprobs(const gf_model *m, const int32_t *prompt, int n_prompt,
                          const int32_t *tokens, int n, double *out)
{
    const int vocab = m->config.vocab_size, total = n_prompt + n;
    int32_t all[64];
    memcpy(all, prompt, sizeof *all * (size_t)n_prompt);
    memcpy(all + n_prompt, tokens, sizeof *all * (size_t)n);
    gf_trace tr;
    gf_error err = {0};
    for (int v = 0; v < vocab; v++)
        out[v] = NAN;
    if (gf_trace_init(&tr, &m->config, total, true, &err) == GF_OK &&
        gf_forward_full(m, &tr, all, total, &err) == GF_OK)
        for (int v = 0; v < vocab; v++)
            out[v] = log_prob(gf_trace_logits_row(&tr, total - 1), vocab, v);
    gf_trace_free(&tr);
}

typedef struct {
    int32_t tokens[32];
    int n;
    double score;
    bool ended;
} ref_beam;

typedef struct {
    int parent;
    int32_t token;       /* -1: an ended beam carried over */
    double score;
    double logprob;      /* ln p(token) after the parent; 0 when carried */
} ref_candidate;

static int ref_candidate_order(const void *pa, const void *pb)
{
    const ref_candidate *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->parent != b->parent)
        return a->parent < b->parent ? -1 : 1;
    return (a->token > b->token) - (a->token < b->token);
}

static bool close_to(double a, double b)
{
    return fabs(a - b) < 1e-9 * (1 + fabs(b));
}

/* Replay r's steps with a plain beam search; true when every step agrees
 * (kept beams, dropped candidates, where it stopped). */
static bool history_matches(const gf_model *m, const int32_t *prompt, int n_prompt, int width,
                            int n_new, int32_t eot, const gf_beam_result *r)
{
    const int vocab = m->config.vocab_size;
    ref_beam beams[GF_BEAM_MAX_WIDTH] = {{.n = 0}}, next[GF_BEAM_MAX_WIDTH];
    int n_beams = 1, step = 0;
    double *lp = malloc(sizeof *lp * (size_t)vocab);
    ref_candidate *cand = malloc(sizeof *cand * (size_t)(GF_BEAM_MAX_WIDTH * (vocab + 1)));
    bool ok = true;
    for (; ok && step < n_new; step++) {
        double best_live = -INFINITY, best_ended = -INFINITY;
        for (int i = 0; i < n_beams; i++) {
            double *best = beams[i].ended ? &best_ended : &best_live;
            *best = fmax(*best, beams[i].score);
        }
        if (best_live == -INFINITY || best_ended >= best_live)
            break;  /* nothing live, or an ended beam beats them all */
        int n_cand = 0;
        for (int i = 0; i < n_beams; i++) {
            if (beams[i].ended) {
                cand[n_cand++] = (ref_candidate){i, -1, beams[i].score, 0.0};
                continue;
            }
            next_logprobs(m, prompt, n_prompt, beams[i].tokens, beams[i].n, lp);
            /* this beam's `width` most likely tokens (by ln p, lower id on ties) */
            ref_candidate own[64];
            for (int v = 0; v < vocab; v++)
                own[v] = (ref_candidate){i, v, lp[v], lp[v]};
            qsort(own, (size_t)vocab, sizeof own[0], ref_candidate_order);
            for (int k = 0; k < width && k < vocab; k++)
                cand[n_cand++] = (ref_candidate){i, own[k].token, beams[i].score + own[k].score,
                                                 own[k].logprob};
        }
        qsort(cand, (size_t)n_cand, sizeof cand[0], ref_candidate_order);
        const gf_beam_step *rec = &r->steps[step];
        const int kept = n_cand < width ? n_cand : width;
        ok = step < r->n_steps && rec->n == kept && rec->n_pruned == n_cand - kept;
        for (int k = 0; ok && k < n_cand; k++) {
            const ref_candidate *c = &cand[k];
            if (k < kept)
                ok = rec->parent[k] == c->parent && rec->token[k] == c->token &&
                     close_to(rec->score[k], c->score) && close_to(rec->logprob[k], c->logprob);
            else
                ok = rec->pruned[k - kept].parent == c->parent &&
                     rec->pruned[k - kept].token == c->token &&
                     close_to(rec->pruned[k - kept].score, c->score) &&
                     close_to(rec->pruned[k - kept].logprob, c->logprob);
        }
        for (int k = 0; ok && k < kept; k++) {
            const ref_beam *p = &beams[cand[k].parent];
            next[k] = *p;
            next[k].score = cand[k].score;
            if (cand[k].token == eot)
                next[k].ended = true;
            else if (cand[k].token >= 0)
                next[k].tokens[next[k].n++] = cand[k].token;
            ok = rec->ended[k] == next[k].ended;
        }
        memcpy(beams, next, sizeof beams[0] * (size_t)kept);
        n_beams = kept;
    }
    free(lp);
    free(cand);
    /* where it stopped, and the final beams */
    ok = ok && r->n_steps == step && r->n_beams == n_beams;
    for (int i = 0; ok && i < n_beams; i++)
        ok = r->beams[i].n_tokens == beams[i].n && r->beams[i].ended == beams[i].ended &&
             memcmp(r->beams[i].tokens, beams[i].tokens, sizeof(int32_t) * (size_t)beams[i].n) == 0;
    return ok;
}

static void test_variant(check_ctx *c, const variant *v)
{
    printf("variant %s\n", v->label);
    gf_model m;
    if (!variant_model_make(c, v, &m))
        return;
    test_trace_copy(c, &m, true);
    test_trace_copy(c, &m, false);
    const int32_t eot = gf_tokenizer_eot(m.tokenizer);
    int32_t prompt[3];
    variant_random_tokens(prompt, 3, m.config.vocab_size, 9);
    gf_error err = {0};
    gf_beam_result r;
    int32_t want[10];
    const int n_greedy = greedy(&m, prompt, 3, 10, eot, want);
    if (CHECK_OK(c, gf_beam_search(&m, prompt, 3, 1, 10, eot, NULL, NULL, &r, &err), &err)) {
        CHECK_INT(c, r.n_beams, 1);
        CHECK_INT(c, r.beams[0].n_tokens, n_greedy);
        CHECK(c, n_greedy > 0 && memcmp(r.beams[0].tokens, want, sizeof *want * n_greedy) == 0);
        check_beams(c, &m, prompt, 3, &r, eot);
        gf_beam_result_free(&r);
    }
    for (int width = 2; width <= GF_BEAM_MAX_WIDTH; width += 7)
        if (CHECK_OK(c, gf_beam_search(&m, prompt, 3, width, 12, eot, NULL, NULL, &r, &err),
                     &err)) {
            CHECK_INT(c, r.n_beams, width);
            CHECK(c, r.n_steps >= 1 && r.steps[0].n == width);
            check_beams(c, &m, prompt, 3, &r, eot);
            gf_beam_result_free(&r);
        }
    /* a step callback that stops after the third step */
    int seen = 0;
    if (CHECK_OK(c, gf_beam_search(&m, prompt, 3, 4, 12, eot, stop_after_three, &seen, &r, &err),
                 &err)) {
        CHECK_INT(c, seen, 3);
        CHECK_INT(c, r.n_steps, 3);
        CHECK(c, r.n_beams == 4 && r.beams[0].n_tokens <= 3);
        check_beams(c, &m, prompt, 3, &r, eot);
        gf_beam_result_free(&r);
    }
    /* errors */
    CHECK(c, gf_beam_search(&m, prompt, 3, 0, 5, eot, NULL, NULL, &r, &err) == GF_ERR_RANGE);
    CHECK(c, gf_beam_search(&m, prompt, 3, 17, 5, eot, NULL, NULL, &r, &err) == GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "width 17 is outside 1..16") != NULL);
    CHECK(c, gf_beam_search(&m, prompt, 3, 2, 15, eot, NULL, NULL, &r, &err) == GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "context of 16") != NULL);
    /* 3 + 14 − 1 positions fit */
    CHECK_OK(c, gf_beam_search(&m, prompt, 3, 2, 14, eot, NULL, NULL, &r, &err), &err);
    gf_beam_result_free(&r);
    gf_model_free(&m);
}

/* A tiny model (V tokens, no tokenizer) with broad random weights. */
static bool tiny_model(check_ctx *c, int vocab, uint64_t seed, gf_model *m)
{
    memset(m, 0, sizeof *m);
    gf_config_default(&m->config);
    m->config.vocab_size = vocab;
    m->config.n_ctx = 8;
    m->config.n_embd = 4;
    m->config.n_head = 1;
    m->config.n_layer = 1;
    m->config.n_inner = 4;
    gf_error err = {0};
    if (!CHECK_OK(c, gf_weights_alloc(&m->weights, &m->config, &err), &err))
        return false;
    gf_rng rng;
    gf_rng_seed(&rng, seed);
    for (int64_t i = 0; i < m->weights.params.total; i++)
        m->weights.data[i] = (float)(gf_rng_uniform(&rng) - 0.5) * 3.0f;
    return true;
}

/* The best of all sequences of up to n_new tokens (ending at eot, or n_new
 * long), each scored by its own forward pass. */
static double brute_force_best(const gf_model *m, const int32_t *prompt, int n_new, int32_t eot,
                               int32_t *best, int *n_best, bool *ended)
{
    const int vocab = m->config.vocab_size;
    int count = 1;
    for (int i = 0; i < n_new; i++) count *= vocab;
    double best_score = -INFINITY;
    for (int code = 0; code < count; code++) {
        int32_t seq[8];
        int n = 0, rest = code;
        bool stops = false;
        for (int i = 0; i < n_new && !stops; i++, rest /= vocab) {
            seq[n] = rest % vocab;
            if (seq[n] == eot)
                stops = true;
            else
                n++;
        }
        double eot_lp = 0.0;
        const double score = sequence_logprob(m, prompt, 1, seq, n, stops ? eot : -1, &eot_lp) +
                             (stops ? eot_lp : 0.0);
        if (score > best_score) {
            best_score = score;
            memcpy(best, seq, sizeof *seq * (size_t)n);
            *n_best = n;
            *ended = stops;
        }
    }
    return best_score;
}

static void test_brute_force(check_ctx *c)
{
    /* (V, eot, n_new): every sequence fits a beam of 16 */
    const int cases[4][3] = {{3, 2, 3}, {3, -1, 2}, {2, -1, 3}, {4, 3, 2}};
    int found = 0, runs = 0, greedy_missed = 0;
    for (int k = 0; k < 4; k++)
        for (uint64_t seed = 1; seed <= 10; seed++) {
            gf_model m;
            if (!tiny_model(c, cases[k][0], seed * 31 + (uint64_t)k, &m))
                continue;
            const int32_t prompt[1] = {0}, eot = cases[k][1];
            const int n_new = cases[k][2];
            int32_t best[8];
            int n_best = 0;
            bool ended = false;
            const double want = brute_force_best(&m, prompt, n_new, eot, best, &n_best, &ended);
            gf_beam_result r, g;
            gf_error err = {0};
            runs++;
            if (CHECK_OK(c, gf_beam_search(&m, prompt, 1, 16, n_new, eot, NULL, NULL, &r, &err),
                         &err)) {
                found += fabs(r.beams[0].score - want) < 1e-9 && r.beams[0].n_tokens == n_best &&
                         r.beams[0].ended == ended &&
                         memcmp(r.beams[0].tokens, best, sizeof *best * (size_t)n_best) == 0;
                check_beams(c, &m, prompt, 1, &r, eot);
                gf_beam_result_free(&r);
            }
            if (CHECK_OK(c, gf_beam_search(&m, prompt, 1, 1, n_new, eot, NULL, NULL, &g, &err),
                         &err)) {
                greedy_missed += g.beams[0].score < want - 1e-9;
                gf_beam_result_free(&g);
            }
            gf_model_free(&m);
        }
    printf("brute force: the beam found the best sequence in %d of %d models; greedy missed it "
           "in %d\n", found, runs, greedy_missed);
    CHECK_INT(c, found, runs);
    CHECK(c, greedy_missed > 0);  /* the cases do tell a beam from greedy */
}

/* The recorded history against the plain beam search, on tiny models with
 * and without an end-of-text token, at several widths (some wider than the
 * vocabulary, some narrower). */
static void test_history(check_ctx *c)
{
    const int cases[5][4] = {/* V, eot, n_new, width */
                             {5, 4, 5, 2}, {6, -1, 6, 3}, {7, 0, 6, 4}, {4, 3, 5, 16}, {9, 8, 7, 1}};
    int agree = 0, runs = 0, pruned_total = 0;
    for (int k = 0; k < 5; k++)
        for (uint64_t seed = 1; seed <= 6; seed++) {
            gf_model m;
            if (!tiny_model(c, cases[k][0], seed * 17 + (uint64_t)k, &m))
                continue;
            const int32_t prompt[2] = {1, 0}, eot = cases[k][1];
            gf_beam_result r;
            gf_error err = {0};
            runs++;
            if (CHECK_OK(c, gf_beam_search(&m, prompt, 2, cases[k][3], cases[k][2], eot, NULL,
                                           NULL, &r, &err), &err)) {
                agree += history_matches(&m, prompt, 2, cases[k][3], cases[k][2], eot, &r);
                for (int s = 0; s < r.n_steps; s++)
                    pruned_total += r.steps[s].n_pruned;
                gf_beam_result_free(&r);
            }
            gf_model_free(&m);
        }
    printf("history: %d of %d searches step by step as the plain search; %d candidates dropped\n",
           agree, runs, pruned_total);
    CHECK_INT(c, agree, runs);
    CHECK(c, pruned_total > 0);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "beam_search");
    for (int i = 0; i < VARIANT_COUNT; i++)
        test_variant(&c, &VARIANTS[i]);
    test_brute_force(&c);
    test_history(&c);
    return check_end(&c);
}
