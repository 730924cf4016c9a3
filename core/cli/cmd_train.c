/* cmd_train.c — `glassformer-cli train --config CFG.json --data DIR --out
 * MODEL_DIR ...`: train a model on DIR/train.txt, validate on DIR/val.txt,
 * log every step to MODEL_DIR/train_log.csv, save checkpoints (model +
 * optimizer.safetensors) into MODEL_DIR, resume from them, and save on
 * Ctrl-C, SIGTERM or SIGHUP. The pieces live in core (train_config,
 * train_data, train, checkpoint, eval_loss); this file is the loop and what
 * it prints. */
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "checkpoint.h"
#include "cli_args.h"
#include "cli_commands.h"
#include "cli_files.h"
#include "cli_outputs.h"
#include "cli_train_log.h"
#include "eval_loss.h"
#include "file_io.h"
#include "train.h"
#include "train_data.h"

/* Interrupted by signal n: exit with 128 + n, as shells report it. */
#define TRAIN_EXIT_SIGNAL_BASE 128
/* The final evaluation runs whole windows at once up to this much trace. */
#define TRAIN_FULL_TRACE_MAX ((size_t)512 << 20)   /* bytes */
/* --minutes: time at least 3 steps and 1 % of the budget (1 to 30 s, or at
 * most 1000 steps) before fixing the run's length. */
#define TRAIN_MEASURE_STEPS 3
#define TRAIN_MEASURE_MAX 1000

/* The signals that save and stop a run. */
static const int train_stop_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define TRAIN_STOP_SIGNAL_COUNT ((int)(sizeof train_stop_signals / sizeof train_stop_signals[0]))

/* The number of the stop signal received (0: none), set by the handler and
 * read between steps. The one static mutable variable of the program: a
 * signal handler can reach nothing else, and volatile sig_atomic_t is the
 * only type it may safely write. */
static volatile sig_atomic_t train_interrupted = 0;

static void train_on_signal(int sig)
{
    train_interrupted = sig;
}

/* Handle the stop signals (install) or restore their default actions. A
 * second signal of the same kind stops at once (SA_RESETHAND). */
static void train_signals_set(bool install)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = install ? train_on_signal : SIG_DFL;
    sa.sa_flags = install ? SA_RESETHAND : 0;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < TRAIN_STOP_SIGNAL_COUNT; i++)
        sigaction(train_stop_signals[i], &sa, NULL);
}

static const char *train_signal_name(int sig)
{
    return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : sig == SIGHUP ? "SIGHUP" : "?";
}

typedef struct {
    const char *config_path, *data_dir, *out_dir, *tokenizer_dir;
    double minutes;
    int steps, stop_at;
    bool resume;
    uint64_t seed;
    bool seed_given;
} train_args;

typedef struct {
    gf_model model;
    gf_train_config tc;
    int seq_len;
    gf_train_data train, val;
    gf_train_sampler sampler;
    gf_trainer trainer;
    int32_t *batch;              /* (batch_size, seq_len + 1)                */
    gf_checkpoint_info info;     /* totals so far; saved with each checkpoint */
    cli_train_log log;
    double session_start;        /* monotonic clock at the first step        */
    bool total_known;            /* false while --minutes is still measuring  */
    int64_t session_first_step;  /* opt.step when this session began          */
    bool final_done;             /* the whole of val.txt was evaluated:       */
    double final_nats;           /*   its summed loss                         */
    int64_t final_predicted;     /*   and the tokens predicted                */
    bool out_created;            /* this run made MODEL_DIR                    */
    bool saved;                  /* a checkpoint of this session is on disk    */
} train_run;

static double train_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double train_elapsed(const train_run *r, double base)
{
    return base + (train_now() - r->session_start);
}

/* ---- setting up -------------------------------------------------------------------- */

/* --tokenizer DIR, else DATA/vocab.json + merges.txt when both exist, else
 * byte-level (NULL); *source names the folder it came from. */
static gf_status train_pick_tokenizer(const train_args *a, gf_tokenizer **tok,
                                      const char **source, gf_error *err)
{
    *tok = NULL;
    *source = a->tokenizer_dir ? a->tokenizer_dir : a->data_dir;
    if (a->tokenizer_dir)
        return cli_tokenizer_load_dir(a->tokenizer_dir, tok, err);
    char *vocab = cli_path_join(a->data_dir, "vocab.json", err);
    char *merges = vocab ? cli_path_join(a->data_dir, "merges.txt", err) : NULL;
    gf_status s = merges ? GF_OK : GF_ERR_MEMORY;
    const bool has_vocab = s == GF_OK && cli_file_size(vocab, NULL) >= 0;
    const bool has_merges = s == GF_OK && cli_file_size(merges, NULL) >= 0;
    if (has_vocab && has_merges)
        s = cli_tokenizer_load_dir(a->data_dir, tok, err);
    else if (has_vocab || has_merges)   /* half a tokenizer: not silently byte-level */
        s = gf_error_set(err, GF_ERR_IO, "%s: has %s but no %s (a tokenizer needs both; or "
                         "give --tokenizer DIR)", a->data_dir,
                         has_vocab ? "vocab.json" : "merges.txt",
                         has_vocab ? "merges.txt" : "vocab.json");
    free(vocab);
    free(merges);
    return s;
}

static gf_status train_new_model(train_run *r, const train_args *a, const gf_config *cfg,
                                 gf_error *err)
{
    if (gf_checkpoint_exists(a->out_dir))
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            "%s: holds a training checkpoint (%s): continue it with --resume "
                            "or train into another --out",
                            a->out_dir, GF_CHECKPOINT_FILE);
    gf_status taken = cli_refuse_model_dir(a->out_dir, "no checkpoint to resume, so train "
                                           "into another --out", err);
    if (taken != GF_OK)
        return taken;
    gf_tokenizer *tok = NULL;
    const char *tok_source = NULL;
    gf_status s = train_pick_tokenizer(a, &tok, &tok_source, err);
    if (s == GF_OK)
        s = cli_tokenizer_fit_config(cfg, a->config_path, tok_source, &tok, err);
    if (s == GF_OK)
        s = gf_model_init_random(&r->model, cfg, tok, a->seed, err);   /* owns tok */
    else
        gf_tokenizer_free(tok);
    r->info.seed = a->seed;
    r->info.train = r->tc;
    return s;
}

/* The checkpoint must be the same model and settings CFG.json describes. */
static gf_status train_check_resume(const train_args *a, const gf_config *cfg,
                                    const train_run *r, const gf_checkpoint *ck, gf_error *err)
{
    char *want = gf_config_to_json(cfg), *have = gf_config_to_json(&r->model.config);
    const bool same = want && have && strcmp(want, have) == 0;
    free(want);
    free(have);
    if (!same)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: the model differs from %s/config.json "
                            "(a resumed run keeps its model)", a->config_path, a->out_dir);
    const char *key = gf_train_config_diff(&r->tc, &ck->info.train);
    if (key)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: train.%s: differs from the checkpoint's "
                            "(a resumed run keeps its settings)", a->config_path, key);
    if (a->seed_given && a->seed != ck->info.seed)
        return gf_error_set(err, GF_ERR_ARGUMENT, "--seed: %" PRIu64 " differs from the "
                            "checkpoint's %" PRIu64, a->seed, ck->info.seed);
    return GF_OK;
}

static gf_status train_load_data(train_run *r, const train_args *a, gf_error *err)
{
    char *train_path = cli_path_join(a->data_dir, "train.txt", err);
    char *val_path = train_path ? cli_path_join(a->data_dir, "val.txt", err) : NULL;
    gf_status s = val_path ? GF_OK : GF_ERR_MEMORY;
    if (s == GF_OK)
        s = gf_train_data_load(&r->train, train_path, r->model.tokenizer, true, err);
    if (s == GF_OK)
        s = gf_train_data_load(&r->val, val_path, r->model.tokenizer, true, err);
    if (s == GF_OK)
        s = gf_train_data_check_length(&r->train, r->seq_len, err);
    if (s == GF_OK)
        s = gf_train_data_check_length(&r->val, r->seq_len, err);
    free(train_path);
    free(val_path);
    const gf_train_data *files[2] = {&r->train, &r->val};
    for (int i = 0; s == GF_OK && i < 2; i++)
        printf("data: %s: %" PRId64 " bytes -> %" PRId64 " tokens (%.2f bytes/token)\n",
               files[i]->path, files[i]->bytes, files[i]->n,
               files[i]->n > 0 ? (double)files[i]->bytes / (double)files[i]->n : 0.0);
    return s;
}

/* A resumed run must train on the data its checkpoint was trained on (the
 * sampler's saved state draws windows of that data); older checkpoints did
 * not record it. */
static gf_status train_check_data(const train_run *r, const gf_checkpoint_info *saved,
                                  gf_error *err)
{
    const uint64_t hash = gf_train_data_fnv1a64(&r->train);
    if (r->train.n != saved->train_tokens || hash != saved->train_hash)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: not the data the checkpoint was trained "
                            "on (%" PRId64 " tokens, FNV-1a %016" PRIx64 "; the checkpoint's: %"
                            PRId64 " tokens, %016" PRIx64 ")", r->train.path, r->train.n, hash,
                            saved->train_tokens, saved->train_hash);
    if (r->val.n != saved->val_tokens)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: %" PRId64 " tokens, the checkpoint's run "
                            "validated on %" PRId64, r->val.path, r->val.n, saved->val_tokens);
    return GF_OK;
}

static gf_status train_resolve_seq_len(train_run *r, const char *config_path, gf_error *err)
{
    r->seq_len = r->tc.seq_len > 0 ? r->tc.seq_len : r->model.config.n_ctx;
    if (r->seq_len > r->model.config.n_ctx)
        return gf_error_set(err, GF_ERR_RANGE, "%s: train.seq_len: %d is longer than the "
                            "model's context (n_positions %d)", config_path, r->seq_len,
                            r->model.config.n_ctx);
    return GF_OK;
}

/* The trainer for total_steps (a placeholder until --minutes fixes it). */
static gf_status train_start_trainer(train_run *r, gf_error *err)
{
    gf_adamw_config opt;
    gf_train_config_adamw(&r->tc, r->info.total_steps, &opt);
    const size_t n = (size_t)r->tc.batch_size * ((size_t)r->seq_len + 1);
    r->batch = malloc(sizeof *r->batch * n);
    if (!r->batch)
        return gf_error_set(err, GF_ERR_MEMORY, "train: out of memory for a batch");
    return gf_trainer_init(&r->trainer, &r->model, &opt, r->seq_len, err);
}

/* The files train writes into MODEL_DIR are none of the files it reads
 * (with --resume it rewrites its own model folder: not an input here). */
static gf_status train_check_outputs(const train_args *a, gf_error *err)
{
    static const char *const outputs[] = {"config.json", "model.safetensors", "vocab.json",
                                          "merges.txt", GF_CHECKPOINT_FILE, CLI_TRAIN_LOG_FILE};
    static const char *const data_files[] = {"train.txt", "val.txt", "vocab.json", "merges.txt"};
    const char *tok_dir = a->tokenizer_dir;
    char *paths[6] = {NULL};
    cli_inputs in = {.count = 0};
    cli_inputs_add_file(&in, a->config_path, "--config");
    gf_status s = GF_OK;
    /* DATA's vocab.json and merges.txt are read by a new run without --tokenizer. */
    const int from_data = a->resume || tok_dir ? 2 : 4;
    for (int i = 0; s == GF_OK && i < from_data; i++) {
        paths[i] = cli_path_join(a->data_dir, data_files[i], err);
        s = paths[i] ? GF_OK : GF_ERR_MEMORY;
        cli_inputs_add_file(&in, paths[i], "--data");
    }
    for (int i = 0; s == GF_OK && tok_dir && i < 2; i++) {
        paths[4 + i] = cli_path_join(tok_dir, data_files[2 + i], err);
        s = paths[4 + i] ? GF_OK : GF_ERR_MEMORY;
        cli_inputs_add_file(&in, paths[4 + i], "--tokenizer");
    }
    if (s == GF_OK)
        s = cli_output_check_in(a->out_dir, outputs, 6, &in, err);
    for (int i = 0; i < 6; i++)
        free(paths[i]);
    return s;
}

static gf_status train_setup(train_run *r, const train_args *a, gf_error *err)
{
    gf_config cfg;
    gf_checkpoint ck;
    memset(&ck, 0, sizeof ck);
    gf_status s = train_check_outputs(a, err);
    if (s == GF_OK)
        s = gf_config_load(a->config_path, &cfg, err);
    if (s == GF_OK)
        s = gf_train_config_load(a->config_path, &r->tc, err);
    if (s == GF_OK && a->resume) {
        s = gf_checkpoint_open(&ck, a->out_dir, err);
        if (s == GF_OK)
            s = cli_model_load(&r->model, a->out_dir, err);
        if (s == GF_OK)
            s = train_check_resume(a, &cfg, r, &ck, err);
        if (s == GF_OK)
            r->info = ck.info;
    } else if (s == GF_OK) {
        s = train_new_model(r, a, &cfg, err);
        r->info.total_steps = a->steps > 0 ? a->steps : GF_CHECKPOINT_STEPS_UNFIXED;
    }
    if (s == GF_OK)
        s = train_resolve_seq_len(r, a->config_path, err);
    if (s == GF_OK)
        s = train_load_data(r, a, err);
    if (s == GF_OK && a->resume && ck.info.data_known)
        s = train_check_data(r, &ck.info, err);
    if (s == GF_OK) {
        r->info.train_tokens = r->train.n;
        r->info.val_tokens = r->val.n;
        r->info.train_hash = gf_train_data_fnv1a64(&r->train);
    }
    if (s == GF_OK)
        s = gf_train_sampler_init(&r->sampler, &r->train, r->seq_len, r->tc.batch_size,
                                  a->seed + 1, err);
    if (s == GF_OK && a->resume)
        r->sampler.rng = r->info.data_rng;
    if (s == GF_OK)
        s = train_start_trainer(r, err);
    if (s == GF_OK && a->resume)
        s = gf_checkpoint_restore(&ck, &r->model, &r->trainer.opt, err);
    if (s == GF_OK)
        s = gf_file_dir_ensure(a->out_dir, &r->out_created, err);
    if (s == GF_OK)
        s = cli_train_log_open(&r->log, a->out_dir, a->resume, r->info.step, err);
    gf_checkpoint_close(&ck);
    return s;
}

static void train_free(train_run *r)
{
    gf_error ignored;
    gf_trainer_free(&r->trainer);
    gf_train_data_free(&r->train);
    gf_train_data_free(&r->val);
    cli_train_log_close(&r->log, &ignored);
    free(r->batch);
    gf_model_free(&r->model);
}

/* ---- the loop ----------------------------------------------------------------------- */

/* Mean loss of the same eval_batches evenly spread validation batches. */
static gf_status train_validate(train_run *r, double *loss, gf_error *err)
{
    double total = 0.0;
    for (int i = 0; i < r->tc.eval_batches; i++) {
        double one = 0.0;
        gf_train_data_spread_batch(&r->val, r->seq_len, r->tc.batch_size, i,
                                   r->tc.eval_batches, r->batch);
        gf_status s = gf_trainer_eval(&r->trainer, r->batch, r->tc.batch_size, &one, err);
        if (s != GF_OK)
            return s;
        total += one;
    }
    *loss = total / r->tc.eval_batches;
    return GF_OK;
}

static gf_status train_checkpoint(train_run *r, const char *dir, double elapsed_base,
                                  gf_error *err)
{
    r->info.step = r->trainer.opt.step;
    r->info.elapsed_s = train_elapsed(r, elapsed_base);
    r->info.data_rng = r->sampler.rng;
    gf_status s = gf_checkpoint_save(dir, &r->model, &r->trainer.opt, &r->info, err);
    r->saved = r->saved || s == GF_OK;
    return s;
}

/* --minutes: after the first steps, time one validation and fix the
 * schedule's length so that the steps, their validations and the final
 * evaluation of the whole val.txt fit the budget. */
static gf_status train_fix_budget(train_run *r, double minutes, gf_error *err)
{
    const int64_t done = r->trainer.opt.step - r->session_first_step;
    const double per_step = (train_now() - r->session_start) / (double)done;
    double ignored = 0.0;
    const double t0 = train_now();
    gf_status s = train_validate(r, &ignored, err);   /* changes no training state */
    const double eval_s = train_now() - t0;
    const double per_eval_token =
        eval_s / ((double)r->tc.eval_batches * r->tc.batch_size * r->seq_len);
    const double per_eval = r->tc.eval_every > 0 ? eval_s / r->tc.eval_every : 0.0;
    const double left = minutes * 60.0 - (train_now() - r->session_start) -
                        per_eval_token * (double)r->val.n;
    const int64_t more = left > 0 ? (int64_t)(left / (per_step + per_eval)) : 0;
    r->info.total_steps = r->trainer.opt.step + more;
    r->total_known = true;
    gf_train_config_adamw(&r->tc, r->info.total_steps, &r->trainer.opt.config);
    printf("time budget %g min: %.3f s/step over the first %" PRId64 " steps, %.3f s per "
           "validation -> %" PRId64 " steps in all\n", minutes, per_step, done, eval_s,
           r->info.total_steps);
    return s;
}

/* Loss over the whole validation split in non-overlapping windows of the
 * model's context, as `eval` computes it (eval_loss.h); kept in r. */
static gf_status train_final_eval(train_run *r, gf_error *err)
{
    const gf_config *cfg = &r->model.config;
    printf("evaluating the whole of %s (%" PRId64 " tokens, windows of %d)...\n", r->val.path,
           r->val.n, cfg->n_ctx);
    fflush(stdout);
    gf_trace own = {0};
    gf_trace *tr = &r->trainer.trace;   /* a full trace of seq_len tokens */
    gf_status s = GF_OK;
    if (r->seq_len != cfg->n_ctx) {
        const bool full = gf_trace_bytes(cfg, cfg->n_ctx, true) <= TRAIN_FULL_TRACE_MAX;
        s = gf_trace_init(&own, cfg, cfg->n_ctx, full, err);
        tr = &own;
    }
    r->final_nats = 0.0;
    r->final_predicted = 0;
    if (s == GF_OK)
        s = gf_eval_loss_stream(&r->model, tr, r->val.tokens, r->val.n, &r->final_nats,
                                &r->final_predicted, err);
    gf_trace_free(&own);
    r->final_done = s == GF_OK && r->final_predicted > 0;
    return s;
}

static void train_print_final(const train_run *r)
{
    printf("final val loss: %.4f nats/token, %.4f bits/byte (%s: %" PRId64 " tokens, %" PRId64
           " bytes, windows of %d)\n", r->final_nats / (double)r->final_predicted,
           r->final_nats / log(2.0) / (double)r->val.bytes, r->val.path, r->final_predicted,
           r->val.bytes, r->model.config.n_ctx);
}

static void train_progress(const train_run *r, const gf_train_stats *st, double val,
                           double elapsed, double interval_tok_s)
{
    char el[32], eta[32], val_text[32] = "";
    const int64_t done = st->step - r->session_first_step;
    const double session_s = train_now() - r->session_start;
    cli_format_duration(elapsed, el, sizeof el);
    cli_format_duration(done > 0 ? session_s / (double)done *
                                       (double)(r->info.total_steps - st->step)
                                 : 0.0,
                        eta, sizeof eta);
    char total[32] = "?";
    if (r->total_known)
        snprintf(total, sizeof total, "%" PRId64, r->info.total_steps);
    else
        snprintf(eta, sizeof eta, "?");
    if (!isnan(val))
        snprintf(val_text, sizeof val_text, "  val %.4f", val);
    printf("step %" PRId64 "/%s  loss %.4f%s  lr %.3g  %.0f tok/s  elapsed %s  ETA %s\n",
           st->step, total, st->loss, val_text, (double)st->lr, interval_tok_s, el, eta);
    fflush(stdout);
}

typedef enum { TRAIN_DONE, TRAIN_STOPPED, TRAIN_INTERRUPTED, TRAIN_NOTHING } train_end;

static gf_status train_loop(train_run *r, const train_args *a, train_end *end, gf_error *err)
{
    const double base = r->info.elapsed_s;
    const int64_t tokens_per_step = (int64_t)r->tc.batch_size * r->seq_len;
    r->total_known = a->minutes <= 0.0 || a->resume;
    const double measure_s = fmin(30.0, fmax(1.0, a->minutes * 60.0 * 0.01));
    r->session_start = train_now();
    r->session_first_step = r->trainer.opt.step;
    double last_print = r->session_start;
    int64_t last_print_step = r->trainer.opt.step;
    gf_status s = GF_OK;
    *end = TRAIN_DONE;
    while (s == GF_OK && r->trainer.opt.step < r->info.total_steps) {
        if (train_interrupted || (a->stop_at > 0 && r->trainer.opt.step >= a->stop_at)) {
            *end = train_interrupted ? TRAIN_INTERRUPTED : TRAIN_STOPPED;
            if (!r->total_known && r->trainer.opt.step > r->session_first_step)
                s = train_fix_budget(r, a->minutes, err);
            break;
        }
        gf_train_stats st;
        gf_train_sampler_next(&r->sampler, r->batch);
        s = gf_trainer_step(&r->trainer, r->batch, r->tc.batch_size, &st, err);
        if (s != GF_OK)
            break;
        r->info.tokens += tokens_per_step;
        const double session_s = train_now() - r->session_start;
        const int64_t done = st.step - r->session_first_step;
        if (!r->total_known && done >= TRAIN_MEASURE_STEPS &&
            (session_s >= measure_s || done >= TRAIN_MEASURE_MAX))
            s = train_fix_budget(r, a->minutes, err);
        const bool last = st.step >= r->info.total_steps;
        double val = NAN;
        if (s == GF_OK && last) {   /* the last row's val_loss: all of val.txt */
            s = train_final_eval(r, err);
            if (r->final_done)
                val = r->final_nats / (double)r->final_predicted;
        } else if (s == GF_OK && r->tc.eval_every > 0 && st.step % r->tc.eval_every == 0) {
            s = train_validate(r, &val, err);
        }
        cli_train_row row = {st.step, r->info.tokens, train_elapsed(r, base), st.lr, st.loss,
                             val, st.grad_norm};
        if (s == GF_OK)
            s = cli_train_log_write(&r->log, &row, err);
        if (s == GF_OK && (st.step % r->tc.log_every == 0 || !isnan(val) || last)) {
            const double now = train_now();
            train_progress(r, &st, val, row.elapsed_s,
                           (double)(st.step - last_print_step) * tokens_per_step /
                               (now - last_print > 0 ? now - last_print : 1e-9));
            last_print = now;
            last_print_step = st.step;
        }
        /* Not while --minutes is measuring: total_steps is a placeholder. */
        if (s == GF_OK && r->total_known && r->tc.checkpoint_every > 0 &&
            st.step % r->tc.checkpoint_every == 0 && !last)
            s = train_checkpoint(r, a->out_dir, base, err);
    }
    /* Interrupted before --minutes could time a step: nothing worth keeping. */
    if (s == GF_OK && !r->total_known)
        *end = TRAIN_NOTHING;
    else if (s == GF_OK)
        s = train_checkpoint(r, a->out_dir, base, err);
    return s;
}

static void train_print_plan(const train_run *r, const train_args *a)
{
    const gf_config *c = &r->model.config;
    printf("model: %" PRId64 " parameters (L=%d H=%d C=%d V=%d context %d), %d tokens in "
           "the tokenizer\n", r->model.weights.params.total, c->n_layer, c->n_head, c->n_embd,
           c->vocab_size, c->n_ctx, gf_tokenizer_vocab_size(r->model.tokenizer));
    printf("training: batch %d x %d tokens, lr %g -> %g, warm-up %" PRId64 ", seed %" PRIu64,
           r->tc.batch_size, r->seq_len, (double)r->tc.lr, (double)r->tc.lr_min,
           r->trainer.opt.config.warmup_steps, r->info.seed);
    if (a->minutes > 0 && !a->resume)
        printf(", %g minutes\n", a->minutes);
    else
        printf(", %" PRId64 " steps%s\n", r->info.total_steps, a->resume ? " (resumed)" : "");
    if (a->resume)
        printf("resuming at step %" PRId64 " of %" PRId64 "\n", r->trainer.opt.step,
               r->info.total_steps);
    fflush(stdout);
}

/* The last line: where the run ended and what was saved. */
static void train_report_end(const train_run *r, const train_args *a, train_end end, int sig)
{
    static const char *const what[] = {"done", "stopped (--stop-at)", "interrupted"};
    char by[32] = "";
    if (end == TRAIN_INTERRUPTED || end == TRAIN_NOTHING)
        snprintf(by, sizeof by, " (%s)", train_signal_name(sig));
    if (end == TRAIN_NOTHING)
        printf("interrupted before the first step%s: nothing saved\n", by);
    else
        printf("%s at step %" PRId64 " of %" PRId64 "%s: saved to %s%s\n", what[end],
               r->trainer.opt.step, r->info.total_steps, by, a->out_dir,
               end == TRAIN_DONE ? "" : " (continue with --resume)");
}

static int train_main(const train_args *a)
{
    train_run r;
    memset(&r, 0, sizeof r);
    gf_error err;
    gf_error_clear(&err);
    gf_status s = train_setup(&r, a, &err);
    train_end end = TRAIN_DONE;
    if (s == GF_OK) {
        /* Installed before the plan is printed: once its lines are out, a
         * stop signal saves (scripts may wait for them). */
        train_signals_set(true);
        train_print_plan(&r, a);
        s = train_loop(&r, a, &end, &err);
        train_signals_set(false);
    }
    if (s == GF_OK && end == TRAIN_DONE && !r.final_done)   /* resumed a finished run */
        s = train_final_eval(&r, &err);
    if (s == GF_OK && end == TRAIN_DONE)
        train_print_final(&r);
    const int sig = train_interrupted > 0 ? (int)train_interrupted : SIGINT;
    if (s == GF_OK)
        train_report_end(&r, a, end, sig);
    /* A new run that failed before its first checkpoint leaves nothing: its
     * log describes no model, and a folder it made goes too. */
    const bool discard = s != GF_OK && !a->resume && !r.saved;
    if (discard)
        cli_train_log_discard(&r.log);
    train_free(&r);
    if (discard && r.out_created)
        rmdir(a->out_dir);
    if (s != GF_OK)
        return cli_fail_runtime(&err);
    return end == TRAIN_INTERRUPTED || end == TRAIN_NOTHING ? TRAIN_EXIT_SIGNAL_BASE + sig
                                                            : CLI_EXIT_OK;
}

int cli_cmd_train(const char *name, int argc, char **argv)
{
    train_args a = {.seed = 42};
    cli_option options[] = {
        {.name = "--config", .kind = CLI_OPT_STRING, .required = true,
         .dest.str = &a.config_path},
        {.name = "--data", .kind = CLI_OPT_STRING, .required = true, .dest.str = &a.data_dir},
        {.name = "--out", .kind = CLI_OPT_STRING, .required = true, .dest.str = &a.out_dir},
        {.name = "--minutes", .kind = CLI_OPT_FLOAT, .min = 0, .max = 1e6,
         .min_exclusive = true, .dest.f = &a.minutes},
        {.name = "--steps", .kind = CLI_OPT_INT, .min = 1, .max = 2000000000, .dest.i = &a.steps},
        {.name = "--stop-at", .kind = CLI_OPT_INT, .min = 1, .max = 2000000000,
         .dest.i = &a.stop_at},
        {.name = "--resume", .kind = CLI_OPT_FLAG, .dest.flag = &a.resume},
        {.name = "--seed", .kind = CLI_OPT_U64, .dest.u = &a.seed},
        {.name = "--tokenizer", .kind = CLI_OPT_STRING, .dest.str = &a.tokenizer_dir},
    };
    cli_spec spec = {.command = name, .options = options,
                     .n_options = (int)(sizeof options / sizeof options[0])};
    int rc = cli_parse(&spec, argc, argv);
    if (rc != CLI_EXIT_OK)
        return rc;
    const bool minutes = a.minutes > 0.0, steps = a.steps > 0;   /* both ranges exclude 0 */
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        a.seed_given = a.seed_given ||
                       (strcmp(options[i].name, "--seed") == 0 && options[i].seen);
    if (minutes && steps)
        return cli_fail_usage(name, "--minutes and --steps: give one of them");
    if (a.resume && (minutes || steps))
        return cli_fail_usage(name, "%s: not with --resume (the checkpoint fixes the schedule; "
                              "--stop-at N pauses earlier)", minutes ? "--minutes" : "--steps");
    if (a.resume && a.tokenizer_dir)
        return cli_fail_usage(name, "--tokenizer: not with --resume (the model folder has one)");
    if (!a.resume && !minutes && !steps)
        return cli_fail_usage(name, "--minutes or --steps: required for a new run (or --resume to continue one; see --help)");
    if (a.out_dir[0] == '\0')
        return cli_fail_usage(name, "--out: empty");
    return train_main(&a);
}
