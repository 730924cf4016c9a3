/* test_train_driver.c — the pieces `glassformer-cli train` is made of:
 * the "train" settings (defaults, round trip, one-line errors naming the
 * key), text files as token ids (byte-level ids are the bytes; chunked
 * encoding of a long text equals encoding it whole; invalid UTF-8 and
 * missing files fail cleanly), the batch sampler (windows are slices of the
 * data; its saved state continues the same sequence), evaluation windows,
 * the stream loss against the trainer's own eval, a short run that drives
 * the loss below the text's unigram entropy, and checkpoints: N steps
 * straight and N/2 + save + load + N/2 end with the same weights, bit for
 * bit (one thread); the data fields and placeholder total_steps of the
 * metadata; a save cut off before its last rename is finished on open. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "checkpoint.h"
#include "eval_loss.h"
#include "train.h"
#include "train_config.h"
#include "train_data.h"

#ifdef _OPENMP
#include <omp.h>
#endif

#define SEQ 32
#define BATCH 4
#define RUN_STEPS 150
#define RESUME_STEPS 40

static const char LINES[] = "the cat sat on the mat. the dog ate a log.\n"
                            "a bird sang in the tree. we went home.\n";

static bool write_file(const char *path, const char *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    const bool ok = fwrite(bytes, 1, n, f) == n;
    return (fclose(f) == 0) && ok;
}

/* The lines repeated to about `size` bytes; *text is malloc'ed. */
static size_t repeated_text(char **text, size_t size)
{
    const size_t len = strlen(LINES), n = size / len * len;
    *text = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        (*text)[i] = LINES[i % len];
    (*text)[n] = '\0';
    return n;
}

/* H = −Σ p ln p over the byte frequencies (nats per byte). */
static double unigram_entropy(const char *text, size_t n)
{
    double counts[256] = {0};
    for (size_t i = 0; i < n; i++)
        counts[(unsigned char)text[i]] += 1.0;
    double h = 0.0;
    for (int b = 0; b < 256; b++)
        if (counts[b] > 0)
            h -= counts[b] / (double)n * log(counts[b] / (double)n);
    return h;
}

/* ---- settings ------------------------------------------------------------------------ */

static void expect_config_error(check_ctx *c, const char *json, const char *needle)
{
    gf_train_config tc;
    gf_error err = {0};
    gf_status s = gf_train_config_parse_json(json, strlen(json), "cfg.json", &tc, &err);
    CHECK(c, s != GF_OK);
    if (!CHECK(c, strstr(err.message, needle) != NULL))
        fprintf(stderr, "  json %s: message '%s' lacks '%s'\n", json, err.message, needle);
    CHECK(c, strchr(err.message, '\n') == NULL);
}

static void test_config(check_ctx *c)
{
    gf_train_config tc, back;
    gf_error err = {0};
    const char *json = "{\"n_embd\": 64, \"train\": {\"batch_size\": 3, \"lr\": 0.002, "
                       "\"lr_min\": 0.0001, \"warmup_steps\": 7, \"clip\": 0}}";
    CHECK_OK(c, gf_train_config_parse_json(json, strlen(json), "cfg.json", &tc, &err), &err);
    CHECK_INT(c, tc.batch_size, 3);
    CHECK(c, tc.lr == 0.002f && tc.lr_min == 0.0001f && tc.clip == 0.0f);
    CHECK_INT(c, tc.warmup_steps, 7);
    CHECK_INT(c, tc.eval_batches, 8);   /* a default */
    /* A file without "train" gives the defaults. */
    gf_train_config def;
    gf_train_config_default(&def);
    CHECK_OK(c, gf_train_config_parse_json("{}", 2, "x", &back, &err), &err);
    CHECK(c, gf_train_config_diff(&back, &def) == NULL);
    /* Round trip through JSON, every float exactly. */
    tc.beta2 = 0.987654321f;
    char *text = gf_train_config_to_json(&tc);
    char wrapped[4096];
    snprintf(wrapped, sizeof wrapped, "{\"train\": %s}", text);
    free(text);
    CHECK_OK(c, gf_train_config_parse_json(wrapped, strlen(wrapped), "x", &back, &err), &err);
    CHECK(c, gf_train_config_diff(&tc, &back) == NULL);
    back.eval_every++;
    CHECK_STR(c, gf_train_config_diff(&tc, &back), "eval_every");
    /* The optimizer settings: warm-up cut to the run's length. */
    gf_adamw_config opt;
    gf_train_config_adamw(&tc, 5, &opt);
    CHECK_INT(c, opt.warmup_steps, 5);
    CHECK_INT(c, opt.total_steps, 5);
    CHECK(c, opt.lr_max == tc.lr && opt.clip_norm == 0.0f);
    CHECK_OK(c, gf_adamw_config_validate(&opt, &err), &err);

    expect_config_error(c, "{\"train\": {\"lr\": 5}}", "cfg.json: train.lr: must be in (0, 1]");
    expect_config_error(c, "{\"train\": {\"lr\": 0}}", "train.lr:");
    expect_config_error(c, "{\"train\": {\"batch_size\": 2.5}}",
                        "train.batch_size: must be a whole");
    expect_config_error(c, "{\"train\": {\"batch_size\": \"8\"}}",
                        "train.batch_size: must be a number");
    expect_config_error(c, "{\"train\": {\"beta1\": 1}}", "train.beta1:");
    expect_config_error(c, "{\"train\": {\"lr_max\": 0.1}}", "train.lr_max: unknown key");
    expect_config_error(c, "{\"train\": [1]}", "train: must be an object");
    expect_config_error(c, "{\"train\": {\"lr\": 0.001, \"lr_min\": 0.01}}", "train.lr_min");
    expect_config_error(c, "{\"train\": ", "cfg.json: not valid JSON");
}

/* ---- data ------------------------------------------------------------------------------- */

static void test_data_files(check_ctx *c, const gf_tokenizer *bytes_tok)
{
    char path[512], bad[512];
    gf_error err = {0};
    gf_train_data d;
    /* Byte-level: one id per byte, and they decode back to the text. */
    const char *text = "héllo, wörld\n";
    check_tmp_path(path, sizeof path, "driver_small.txt");
    CHECK(c, write_file(path, text, strlen(text)));
    if (CHECK_OK(c, gf_train_data_load(&d, path, bytes_tok, false, &err), &err)) {
        CHECK_INT(c, d.n, (long long)strlen(text));
        CHECK_INT(c, d.bytes, (long long)strlen(text));
        char *back = NULL;
        size_t n = 0;
        CHECK_OK(c, gf_tokenizer_decode(bytes_tok, d.tokens, (int)d.n, &back, &n, &err), &err);
        CHECK(c, back && n == strlen(text) && memcmp(back, text, n) == 0);
        free(back);
        gf_train_data_free(&d);
    }
    /* With <|endoftext|> (id 256) in front. */
    if (CHECK_OK(c, gf_train_data_load(&d, path, bytes_tok, true, &err), &err)) {
        CHECK_INT(c, d.n, (long long)strlen(text) + 1);
        CHECK_INT(c, d.tokens[0], 256);
        gf_train_data_free(&d);
    }
    /* Invalid UTF-8: the file and the first bad byte (a lone continuation). */
    const char broken[] = "ok line\nbad \x80 here\n";
    check_tmp_path(bad, sizeof bad, "driver_bad.txt");
    CHECK(c, write_file(bad, broken, sizeof broken - 1));
    CHECK_INT(c, gf_train_data_load(&d, bad, bytes_tok, false, &err), GF_ERR_UTF8);
    CHECK(c, strstr(err.message, "driver_bad.txt: not valid UTF-8 at byte 12 (line 2)") != NULL);
    /* A missing file. */
    check_tmp_path(bad, sizeof bad, "driver_missing.txt");
    CHECK_INT(c, gf_train_data_load(&d, bad, bytes_tok, false, &err), GF_ERR_IO);
    CHECK(c, strstr(err.message, "driver_missing.txt") != NULL);
    CHECK(c, d.tokens == NULL && d.path == NULL);
}

/* A 2.5 MB text is encoded in pieces cut at line breaks; the ids must be
 * exactly those of encoding it whole with GPT-2's tokenizer. */
static void test_data_chunks(check_ctx *c)
{
    char vocab[512], merges[512], path[512];
    gf_tokenizer *tok = NULL;
    gf_error err = {0};
    check_data_path(vocab, sizeof vocab, "gpt2/vocab.json");
    check_data_path(merges, sizeof merges, "gpt2/merges.txt");
    if (!CHECK_OK(c, gf_tokenizer_load(&tok, vocab, merges, &err), &err))
        return;
    const char *lines[] = {"The king's 12 horses ran.\n", "  indented line\n", "\n\n",
                           "naïve café, 3.5%!\n", "end\n"};
    const size_t size = 2500000;
    char *text = malloc(size + 64);
    size_t n = 0;
    for (int i = 0; n < size; i = (i + 3) % 5) {
        memcpy(text + n, lines[i], strlen(lines[i]));
        n += strlen(lines[i]);
    }
    check_tmp_path(path, sizeof path, "driver_long.txt");
    CHECK(c, write_file(path, text, n));
    int32_t *whole = NULL;
    int n_whole = 0;
    gf_train_data d;
    if (CHECK_OK(c, gf_tokenizer_encode(tok, text, n, &whole, &n_whole, &err), &err) &&
        CHECK_OK(c, gf_train_data_load(&d, path, tok, false, &err), &err)) {
        CHECK_INT(c, d.n, n_whole);
        CHECK(c, d.n == n_whole && memcmp(d.tokens, whole, sizeof *whole * (size_t)n_whole) == 0);
        gf_train_data_free(&d);
    }
    free(whole);
    free(text);
    gf_tokenizer_free(tok);
}

static void test_sampler(check_ctx *c)
{
    gf_train_data d = {0};
    d.n = 1000;
    d.tokens = malloc(sizeof *d.tokens * (size_t)d.n);
    for (int64_t i = 0; i < d.n; i++)
        d.tokens[i] = (int32_t)i;
    gf_train_sampler a, b;
    gf_error err = {0};
    int32_t ba[BATCH * (SEQ + 1)], bb[BATCH * (SEQ + 1)];
    CHECK_OK(c, gf_train_sampler_init(&a, &d, SEQ, BATCH, 7, &err), &err);
    CHECK_OK(c, gf_train_sampler_init(&b, &d, SEQ, BATCH, 7, &err), &err);
    bool slices = true, same = true, in_range = true;
    int64_t lowest = d.n, highest = -1;
    for (int k = 0; k < 200; k++) {
        gf_train_sampler_next(&a, ba);
        gf_train_sampler_next(&b, bb);
        same = same && memcmp(ba, bb, sizeof ba) == 0;
        for (int r = 0; r < BATCH; r++) {
            const int32_t *row = ba + r * (SEQ + 1);
            for (int t = 0; t <= SEQ; t++)
                slices = slices && row[t] == row[0] + t;
            in_range = in_range && row[0] >= 0 && row[SEQ] < d.n;
            lowest = row[0] < lowest ? row[0] : lowest;
            highest = row[0] > highest ? row[0] : highest;
        }
    }
    CHECK(c, same);
    CHECK(c, slices);
    CHECK(c, in_range);
    /* 800 draws over 968 starts reach near both ends. */
    CHECK(c, lowest < 20 && highest > d.n - SEQ - 1 - 20);
    /* The saved state continues the same sequence in a new sampler. */
    gf_train_sampler resumed;
    CHECK_OK(c, gf_train_sampler_init(&resumed, &d, SEQ, BATCH, 999, &err), &err);
    resumed.rng = a.rng;
    gf_train_sampler_next(&a, ba);
    gf_train_sampler_next(&resumed, bb);
    CHECK(c, memcmp(ba, bb, sizeof ba) == 0);
    /* Evaluation windows: the first starts at 0, the last at n - T - 1. */
    gf_train_data_spread_batch(&d, SEQ, BATCH, 0, 3, ba);
    CHECK_INT(c, ba[0], 0);
    gf_train_data_spread_batch(&d, SEQ, BATCH, 2, 3, ba);
    CHECK_INT(c, ba[(BATCH - 1) * (SEQ + 1)], d.n - SEQ - 1);
    CHECK_INT(c, ba[(BATCH - 1) * (SEQ + 1) + SEQ], d.n - 1);
    /* Too short for the sequence length. */
    d.n = SEQ;
    CHECK_INT(c, gf_train_sampler_init(&a, &d, SEQ, BATCH, 7, &err), GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "need at least 33") != NULL);
    free(d.tokens);
}

/* ---- training --------------------------------------------------------------------------- */

static void tiny_config(gf_config *cfg)
{
    gf_config_default(cfg);
    cfg->vocab_size = 257;
    cfg->n_ctx = SEQ;
    cfg->n_embd = 32;
    cfg->n_head = 4;
    cfg->n_layer = 2;
    cfg->n_inner = 64;
}

static void tiny_train_config(gf_train_config *tc)
{
    gf_train_config_default(tc);
    tc->batch_size = BATCH;
    tc->seq_len = SEQ;
    tc->lr = 3e-3f;
    tc->warmup_steps = 10;
}

/* The stream loss of one window of T + 1 tokens is T times the trainer's
 * mean loss on it; of 2T + 1 tokens, the sum over its two windows. */
static void test_stream_loss(check_ctx *c, gf_model *m, gf_trainer *t, const gf_train_data *d)
{
    gf_error err = {0};
    double nats = 0.0, mean = 0.0, mean2 = 0.0;
    int64_t predicted = 0;
    CHECK_OK(c, gf_eval_loss_stream(m, &t->trace, d->tokens + 5, SEQ + 1, &nats, &predicted,
                                    &err), &err);
    CHECK_OK(c, gf_trainer_eval(t, d->tokens + 5, 1, &mean, &err), &err);
    CHECK_INT(c, predicted, SEQ);
    CHECK_NEAR(c, nats, mean * SEQ, 1e-9 * SEQ);
    nats = 0.0;
    predicted = 0;
    CHECK_OK(c, gf_eval_loss_stream(m, &t->trace, d->tokens, 2 * SEQ + 1, &nats, &predicted,
                                    &err), &err);
    CHECK_OK(c, gf_trainer_eval(t, d->tokens, 1, &mean, &err), &err);
    CHECK_OK(c, gf_trainer_eval(t, d->tokens + SEQ, 1, &mean2, &err), &err);
    CHECK_INT(c, predicted, 2 * SEQ);
    CHECK_NEAR(c, nats, (mean + mean2) * SEQ, 1e-9 * SEQ);
    /* A lean trace, token by token: the same sum over three windows. */
    gf_trace lean;
    double full_nats = 0.0, lean_nats = 0.0;
    int64_t full_n = 0, lean_n = 0;
    const int64_t n = 2 * SEQ + 10;
    if (CHECK_OK(c, gf_trace_init(&lean, &m->config, SEQ, false, &err), &err)) {
        CHECK_OK(c, gf_eval_loss_stream(m, &t->trace, d->tokens, n, &full_nats, &full_n, &err),
                 &err);
        CHECK_OK(c, gf_eval_loss_stream(m, &lean, d->tokens, n, &lean_nats, &lean_n, &err), &err);
        CHECK_INT(c, lean_n, n - 1);
        CHECK_INT(c, full_n, n - 1);
        CHECK_NEAR(c, lean_nats, full_nats, 1e-9 * full_nats);
        gf_trace_free(&lean);
    }
    /* An id outside the vocabulary is refused. */
    int32_t bad[3] = {1, 300, 2};
    CHECK_INT(c, gf_eval_loss_stream(m, &t->trace, bad, 3, &lean_nats, &lean_n, &err),
              GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "token 300 at position 1") != NULL);
}

static void test_learns(check_ctx *c, const gf_train_data *d, double entropy)
{
    gf_config cfg;
    tiny_config(&cfg);
    gf_train_config tc;
    tiny_train_config(&tc);
    gf_adamw_config opt;
    gf_train_config_adamw(&tc, RUN_STEPS, &opt);
    gf_model m;
    gf_trainer t;
    gf_train_sampler s;
    gf_error err = {0};
    int32_t batch[BATCH * (SEQ + 1)];
    if (!CHECK_OK(c, gf_model_init_random(&m, &cfg, NULL, 3, &err), &err))
        return;
    if (CHECK_OK(c, gf_trainer_init(&t, &m, &opt, SEQ, &err), &err) &&
        CHECK_OK(c, gf_train_sampler_init(&s, d, SEQ, BATCH, 4, &err), &err)) {
        test_stream_loss(c, &m, &t, d);
        gf_train_stats st = {0};
        double first = 0.0, last = 0.0;
        for (int i = 0; i < RUN_STEPS && st.step == i; i++) {
            gf_train_sampler_next(&s, batch);
            CHECK_OK(c, gf_trainer_step(&t, batch, BATCH, &st, &err), &err);
            if (i == 0)
                first = st.loss;
            if (i >= RUN_STEPS - 10)
                last += st.loss / 10.0;
        }
        printf("loss %.3f -> %.3f (mean of the last 10 steps); unigram entropy %.3f\n", first,
               last, entropy);
        CHECK(c, first > entropy);
        CHECK(c, last < 0.7 * entropy);
    }
    gf_trainer_free(&t);
    gf_model_free(&m);
}

/* Steps [from, to) of a run; the model, trainer and sampler continue. */
static bool run_steps(check_ctx *c, gf_trainer *t, gf_train_sampler *s, int from, int to)
{
    gf_error err = {0};
    int32_t batch[BATCH * (SEQ + 1)];
    bool ok = true;
    for (int i = from; ok && i < to; i++) {
        gf_train_sampler_next(s, batch);
        ok = CHECK_OK(c, gf_trainer_step(t, batch, BATCH, NULL, &err), &err);
    }
    return ok;
}

/* A fresh run: model from seed 3, sampler from seed 4. */
static bool start_run(check_ctx *c, gf_model *m, gf_trainer *t, gf_train_sampler *s,
                      const gf_train_data *d, const gf_adamw_config *opt)
{
    gf_config cfg;
    tiny_config(&cfg);
    gf_error err = {0};
    return CHECK_OK(c, gf_model_init_random(m, &cfg, NULL, 3, &err), &err) &&
           CHECK_OK(c, gf_trainer_init(t, m, opt, SEQ, &err), &err) &&
           CHECK_OK(c, gf_train_sampler_init(s, d, SEQ, BATCH, 4, &err), &err);
}

static void test_resume(check_ctx *c, const gf_train_data *d)
{
    gf_train_config tc;
    tiny_train_config(&tc);
    gf_adamw_config opt;
    gf_train_config_adamw(&tc, RESUME_STEPS, &opt);
    gf_error err = {0};
    char dir[512];
    check_tmp_path(dir, sizeof dir, "driver_checkpoint");
    /* Straight through. */
    gf_model straight;
    gf_trainer t;
    gf_train_sampler s;
    if (!start_run(c, &straight, &t, &s, d, &opt) || !run_steps(c, &t, &s, 0, RESUME_STEPS))
        return;
    gf_trainer_free(&t);
    /* Half, a checkpoint, everything freed; then load it and finish. */
    gf_model m;
    if (!start_run(c, &m, &t, &s, d, &opt) || !run_steps(c, &t, &s, 0, RESUME_STEPS / 2))
        return;
    gf_checkpoint_info info = {.total_steps = RESUME_STEPS, .tokens = 1234, .elapsed_s = 1.5,
                               .seed = 3, .data_rng = s.rng, .train = tc};
    CHECK_OK(c, gf_checkpoint_save(dir, &m, &t.opt, &info, &err), &err);
    CHECK(c, gf_checkpoint_exists(dir));
    gf_trainer_free(&t);
    gf_model_free(&m);

    gf_checkpoint ck;
    if (!CHECK_OK(c, gf_checkpoint_open(&ck, dir, &err), &err))
        return;
    CHECK_INT(c, ck.info.step, RESUME_STEPS / 2);
    CHECK_INT(c, ck.info.total_steps, RESUME_STEPS);
    CHECK_INT(c, ck.info.tokens, 1234);
    CHECK(c, ck.info.elapsed_s == 1.5 && ck.info.seed == 3);
    CHECK(c, gf_train_config_diff(&ck.info.train, &tc) == NULL);
    CHECK(c, memcmp(&ck.info.data_rng, &info.data_rng, sizeof info.data_rng) == 0);
    bool ok = CHECK_OK(c, gf_model_load(&m, dir, &err), &err) &&
              CHECK_OK(c, gf_trainer_init(&t, &m, &opt, SEQ, &err), &err) &&
              CHECK_OK(c, gf_checkpoint_restore(&ck, &m, &t.opt, &err), &err) &&
              CHECK_OK(c, gf_train_sampler_init(&s, d, SEQ, BATCH, 999, &err), &err);
    if (ok) {
        CHECK_INT(c, t.opt.step, RESUME_STEPS / 2);
        s.rng = ck.info.data_rng;
        if (run_steps(c, &t, &s, RESUME_STEPS / 2, RESUME_STEPS))
            CHECK(c, memcmp(m.weights.data, straight.weights.data,
                            sizeof *m.weights.data * (size_t)m.weights.params.total) == 0);
        /* Other weights than the checkpoint's are refused. */
        CHECK_INT(c, gf_checkpoint_restore(&ck, &m, &t.opt, &err), GF_ERR_FORMAT);
        CHECK(c, strstr(err.message, "optimizer.safetensors: saved with other weights") != NULL);
        /* Damaged optimizer state: a negative second moment, an infinite time. */
        char bad_dir[512];
        check_tmp_path(bad_dir, sizeof bad_dir, "driver_bad_checkpoint");
        t.opt.v[5] = -0.5f;
        gf_checkpoint bad;
        if (CHECK_OK(c, gf_checkpoint_save(bad_dir, &m, &t.opt, &info, &err), &err) &&
            CHECK_OK(c, gf_checkpoint_open(&bad, bad_dir, &err), &err)) {
            CHECK_INT(c, gf_checkpoint_restore(&bad, &m, &t.opt, &err), GF_ERR_FORMAT);
            CHECK(c, strstr(err.message, ": element 5 is -0.5 (a second moment must be finite "
                                         "and >= 0)") != NULL);
            gf_checkpoint_close(&bad);
        }
        t.opt.v[5] = 0.0f;
        info.elapsed_s = INFINITY;
        if (CHECK_OK(c, gf_checkpoint_save(bad_dir, &m, &t.opt, &info, &err), &err)) {
            CHECK(c, gf_checkpoint_open(&bad, bad_dir, &err) != GF_OK);
            CHECK(c, strstr(err.message, "elapsed_s") != NULL);
        }
    }
    gf_checkpoint_close(&ck);
    gf_trainer_free(&t);
    gf_model_free(&m);
    gf_model_free(&straight);
    /* A folder without a checkpoint. */
    check_tmp_path(dir, sizeof dir, "driver_no_checkpoint");
    CHECK(c, !gf_checkpoint_exists(dir));
    CHECK_INT(c, gf_checkpoint_open(&ck, dir, &err), GF_ERR_IO);
    CHECK(c, strstr(err.message, "driver_no_checkpoint/optimizer.safetensors") != NULL);
}

/* FNV-1a (64-bit) over the ids as little-endian bytes; expected values from
 * a separate implementation (Python) over the byte strings named. */
static void test_data_hash(check_ctx *c)
{
    int32_t ids[2] = {1, 2};
    gf_train_data d = {0};
    d.tokens = ids;
    d.n = 0;   /* no bytes: the offset basis */
    CHECK(c, gf_train_data_fnv1a64(&d) == 0xcbf29ce484222325ull);
    d.n = 2;   /* 01 00 00 00 02 00 00 00 */
    CHECK(c, gf_train_data_fnv1a64(&d) == 0xc9c28939c99668c6ull);
    ids[0] = 0x01020304;   /* 04 03 02 01: little-endian */
    d.n = 1;
    CHECK(c, gf_train_data_fnv1a64(&d) == 0xb345225e3644edb5ull);
    ids[0] = 2;
    ids[1] = 1;
    d.n = 2;   /* order matters */
    CHECK(c, gf_train_data_fnv1a64(&d) != 0xc9c28939c99668c6ull);
}

/* The whole file at path, malloc'ed; NULL on failure. */
static unsigned char *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    long size = -1;
    if (f && fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    if (size > 0 && fseek(f, 0, SEEK_SET) == 0)
        buf = malloc((size_t)size);
    if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    if (f)
        fclose(f);
    *n = buf ? (size_t)size : 0;
    return buf;
}

/* Rewrite a safetensors file's __metadata__ key: set it to value, or
 * remove it (value NULL). The tensors' bytes stay as they are. */
static bool edit_metadata(const char *path, const char *key, const char *value)
{
    size_t n = 0;
    unsigned char *bytes = read_all(path, &n);
    uint64_t len = 0;
    for (int i = 7; bytes && n >= 8 && i >= 0; i--)
        len = len << 8 | bytes[i];
    cJSON *root = bytes && 8 + len <= n ? cJSON_ParseWithLength((char *)bytes + 8, len) : NULL;
    cJSON *meta = cJSON_GetObjectItemCaseSensitive(root, "__metadata__");
    bool ok = meta != NULL;
    if (ok)
        cJSON_DeleteItemFromObjectCaseSensitive(meta, key);
    if (ok && value)
        ok = cJSON_AddStringToObject(meta, key, value) != NULL;
    char *header = ok ? cJSON_PrintUnformatted(root) : NULL;
    FILE *f = header ? fopen(path, "wb") : NULL;
    if (f) {
        const uint64_t hl = strlen(header);
        unsigned char prefix[8];
        for (int i = 0; i < 8; i++)
            prefix[i] = (unsigned char)(hl >> (8 * i));
        ok = fwrite(prefix, 1, 8, f) == 8 && fwrite(header, 1, hl, f) == hl &&
             fwrite(bytes + 8 + len, 1, n - 8 - len, f) == n - 8 - len;
        ok = (fclose(f) == 0) && ok;
    } else {
        ok = false;
    }
    free(header);
    cJSON_Delete(root);
    free(bytes);
    return ok;
}

/* The data fields round-trip; a file without them (older) opens with
 * data_known false; a placeholder total_steps is neither saved nor read. */
static void test_checkpoint_fields(check_ctx *c, const gf_train_data *d)
{
    gf_train_config tc;
    tiny_train_config(&tc);
    gf_adamw_config opt;
    gf_train_config_adamw(&tc, RESUME_STEPS, &opt);
    gf_error err = {0};
    char dir[512], path[600];
    check_tmp_path(dir, sizeof dir, "driver_fields");
    snprintf(path, sizeof path, "%s/optimizer.safetensors", dir);
    remove(path);   /* from an earlier run of this test */
    gf_model m;
    gf_trainer t;
    gf_train_sampler s;
    if (!start_run(c, &m, &t, &s, d, &opt) || !run_steps(c, &t, &s, 0, 2))
        return;
    gf_checkpoint_info info = {.total_steps = GF_CHECKPOINT_STEPS_UNFIXED, .seed = 3,
                               .data_rng = s.rng, .train = tc, .train_tokens = d->n,
                               .val_tokens = 77, .train_hash = 0x0123456789abcdefull};
    CHECK_INT(c, gf_checkpoint_save(dir, &m, &t.opt, &info, &err), GF_ERR_ARGUMENT);
    CHECK(c, strstr(err.message, "total_steps") != NULL);
    CHECK(c, !gf_checkpoint_exists(dir));
    info.total_steps = RESUME_STEPS;
    CHECK_OK(c, gf_checkpoint_save(dir, &m, &t.opt, &info, &err), &err);
    gf_checkpoint ck;
    if (CHECK_OK(c, gf_checkpoint_open(&ck, dir, &err), &err)) {
        CHECK(c, ck.info.data_known);
        CHECK(c, ck.info.train_tokens == d->n && ck.info.val_tokens == 77);
        CHECK(c, ck.info.train_hash == 0x0123456789abcdefull);
        gf_checkpoint_close(&ck);
    }
    /* A file saved before the data fields existed. */
    CHECK(c, edit_metadata(path, "train_tokens", NULL) && edit_metadata(path, "val_tokens", NULL)
             && edit_metadata(path, "train_fnv1a64", NULL));
    if (CHECK_OK(c, gf_checkpoint_open(&ck, dir, &err), &err)) {
        CHECK(c, !ck.info.data_known);
        CHECK_INT(c, ck.info.step, 2);
        gf_checkpoint_close(&ck);
    }
    /* Only some of them: malformed. */
    CHECK(c, edit_metadata(path, "val_tokens", "12"));
    CHECK_INT(c, gf_checkpoint_open(&ck, dir, &err), GF_ERR_FORMAT);
    CHECK(c, strstr(err.message, "train_tokens: missing") != NULL);
    /* total_steps a run under --minutes holds before it is fixed. */
    char placeholder[32];
    snprintf(placeholder, sizeof placeholder, "%lld", (long long)(INT64_MAX / 2));
    CHECK(c, edit_metadata(path, "val_tokens", NULL) &&
             edit_metadata(path, "total_steps", placeholder));
    CHECK_INT(c, gf_checkpoint_open(&ck, dir, &err), GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "total_steps") && strstr(err.message, "placeholder"));
    gf_trainer_free(&t);
    gf_model_free(&m);
}

/* A save cut off between renaming model.safetensors and
 * optimizer.safetensors: DIR has the new weights and the old optimizer file,
 * DIR/.checkpoint.tmp the new one. Opening finishes the move; an unrelated
 * leftover is named in the error instead. */
static void test_torn_save(check_ctx *c, const gf_train_data *d)
{
    gf_train_config tc;
    tiny_train_config(&tc);
    gf_adamw_config opt;
    gf_train_config_adamw(&tc, RESUME_STEPS, &opt);
    gf_error err = {0};
    char dir[512], other[512], from[700], to[700], tmp[600];
    check_tmp_path(dir, sizeof dir, "driver_torn");
    check_tmp_path(other, sizeof other, "driver_torn_next");
    snprintf(tmp, sizeof tmp, "%s/.checkpoint.tmp", dir);
    gf_model m;
    gf_trainer t;
    gf_train_sampler s;
    if (!start_run(c, &m, &t, &s, d, &opt) || !run_steps(c, &t, &s, 0, 2))
        return;
    gf_checkpoint_info info = {.total_steps = RESUME_STEPS, .seed = 3, .train = tc};
    CHECK_OK(c, gf_checkpoint_save(dir, &m, &t.opt, &info, &err), &err);      /* step 2 */
    run_steps(c, &t, &s, 2, 3);
    CHECK_OK(c, gf_checkpoint_save(other, &m, &t.opt, &info, &err), &err);    /* step 3 */
    const float m0 = t.opt.m[0];
    /* The torn state, by hand. */
    CHECK(c, mkdir(tmp, 0777) == 0 || errno == EEXIST);
    snprintf(from, sizeof from, "%s/model.safetensors", other);
    snprintf(to, sizeof to, "%s/model.safetensors", dir);
    CHECK(c, rename(from, to) == 0);
    snprintf(from, sizeof from, "%s/optimizer.safetensors", other);
    snprintf(to, sizeof to, "%s/optimizer.safetensors", tmp);
    CHECK(c, rename(from, to) == 0);
    gf_trainer_free(&t);
    gf_model_free(&m);

    gf_checkpoint ck;
    if (CHECK_OK(c, gf_checkpoint_open(&ck, dir, &err), &err)) {
        CHECK_INT(c, ck.info.step, 3);
        struct stat sb;
        CHECK(c, stat(tmp, &sb) != 0);   /* moved, and the empty folder removed */
        bool ok = CHECK_OK(c, gf_model_load(&m, dir, &err), &err) &&
                  CHECK_OK(c, gf_trainer_init(&t, &m, &opt, SEQ, &err), &err);
        if (ok && CHECK_OK(c, gf_checkpoint_restore(&ck, &m, &t.opt, &err), &err))
            CHECK(c, t.opt.m[0] == m0 && t.opt.step == 3);
        gf_checkpoint_close(&ck);
        /* A leftover saved with other weights than DIR's model stays where it
         * is; restoring those other weights fails and names it. */
        if (ok) {
            m.weights.data[0] += 1.0f;
            CHECK_OK(c, gf_checkpoint_save(other, &m, &t.opt, &info, &err), &err);
            CHECK(c, mkdir(tmp, 0777) == 0);
            snprintf(from, sizeof from, "%s/optimizer.safetensors", other);
            CHECK(c, rename(from, to) == 0);
            if (CHECK_OK(c, gf_checkpoint_open(&ck, dir, &err), &err)) {
                CHECK(c, stat(to, &sb) == 0);
                CHECK_INT(c, gf_checkpoint_restore(&ck, &m, &t.opt, &err), GF_ERR_FORMAT);
                CHECK(c, strstr(err.message, ".checkpoint.tmp/optimizer.safetensors") != NULL);
                gf_checkpoint_close(&ck);
            }
        }
        gf_trainer_free(&t);
        gf_model_free(&m);
    }
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "train_driver");
#ifdef _OPENMP
    omp_set_num_threads(1);   /* bitwise resume is promised for one thread */
#endif
    gf_error err = {0};
    gf_tokenizer *bytes_tok = NULL;
    CHECK_OK(&c, gf_tokenizer_new_byte_level(&bytes_tok, &err), &err);
    test_config(&c);
    test_data_files(&c, bytes_tok);
    test_data_chunks(&c);
    test_sampler(&c);
    test_data_hash(&c);

    char path[512], *text = NULL;
    const size_t n = repeated_text(&text, 8000);
    check_tmp_path(path, sizeof path, "driver_train.txt");
    CHECK(&c, write_file(path, text, n));
    gf_train_data d;
    if (CHECK_OK(&c, gf_train_data_load(&d, path, bytes_tok, false, &err), &err)) {
        test_learns(&c, &d, unigram_entropy(text, n));
        test_resume(&c, &d);
        test_checkpoint_fields(&c, &d);
        test_torn_save(&c, &d);
        gf_train_data_free(&d);
    }
    free(text);
    gf_tokenizer_free(bytes_tok);
    return check_end(&c);
}
