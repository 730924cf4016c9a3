/* test_bilingual_model.c — the shipped English + Russian model
 * (assets/models/bilingual) loads, states both languages, writes a Russian
 * sentence in a handful of tokens, and predicts a short Russian text of our
 * own (tests/data/ru_short.txt, not in the corpus) better than two bounds
 * the test computes itself from the text:
 *   - the byte-level one: the text's order-0 byte entropy, the bits/byte of
 *     the best fixed guess of each byte (what a model of bytes without any
 *     context could at best reach);
 *   - the untrained one: a guess uniform over the vocabulary costs ln V
 *     nats per token; the model must be at least 2 nats per token better
 *     (its probability of the actual token e² ≈ 7.4 times the uniform one,
 *     geometric mean). A freshly initialised model sits at ≈ ln V and fails;
 *     so did a checkpoint of the same training at step 96 (8.29 nats/token
 *     against 7.93), which had learnt little more than which tokens are
 *     frequent.
 * The Russian tokenizer alone makes a near-uniform guess cost only ≈ 2.1
 * bits/byte here (6.7 bytes per token), so the byte entropy is the weaker
 * of the two bounds.
 *
 * usage: test_bilingual_model MODEL_DIR TEXT_FILE */
#include "check.h"

#include "eval_loss.h"
#include "model.h"
#include "train_data.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Margin below ln V, in nats per token, the model must reach. */
#define UNTRAINED_MARGIN_NATS 2.0

/* Order-0 entropy of the file's bytes in bits per byte (plain double loop). */
static double byte_entropy_bits(check_ctx *c, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!CHECK(c, f != NULL))
        return 0.0;
    double count[256] = {0};
    double total = 0.0;
    int ch;
    while ((ch = fgetc(f)) != EOF) {
        count[ch] += 1.0;
        total += 1.0;
    }
    fclose(f);
    double h = 0.0;
    for (int b = 0; b < 256; b++)
        if (count[b] > 0.0)
            h -= count[b] / total * log2(count[b] / total);
    return h;
}

static void test_languages(check_ctx *c, const gf_model *m)
{
    CHECK_INT(c, m->config.n_languages, 2);
    CHECK_STR(c, m->config.languages[0], "en");
    CHECK_STR(c, m->config.languages[1], "ru");
}

/* 42 bytes of UTF-8; an English byte-level BPE needs 42 tokens. */
static void test_compact_prompt(check_ctx *c, const gf_model *m)
{
    static const char prompt[] = "Король сказал королеве";
    gf_error err;
    gf_error_clear(&err);
    int32_t *ids = NULL;
    int n = 0;
    if (!CHECK_OK(c, gf_tokenizer_encode(m->tokenizer, prompt, strlen(prompt), &ids, &n, &err),
                  &err))
        return;
    if (!CHECK(c, n >= 3 && n <= 6))
        fprintf(stderr, "  \"%s\": %d tokens (want 3 to 6 for %zu bytes)\n", prompt, n,
                strlen(prompt));
    free(ids);
}

static void test_russian_loss(check_ctx *c, const gf_model *m, const char *text_path)
{
    gf_error err;
    gf_error_clear(&err);
    gf_train_data d;
    if (!CHECK_OK(c, gf_train_data_load(&d, text_path, m->tokenizer, true, &err), &err))
        return;
    gf_trace tr = {0};
    double nats = 0.0;
    int64_t predicted = 0;
    if (CHECK_OK(c, gf_trace_init(&tr, &m->config, m->config.n_ctx, true, &err), &err) &&
        CHECK_OK(c, gf_eval_loss_stream(m, &tr, d.tokens, d.n, &nats, &predicted, &err), &err) &&
        CHECK(c, predicted > 50 && d.bytes > 500)) {
        const double per_token = nats / (double)predicted;
        const double bits_per_byte = nats / log(2.0) / (double)d.bytes;
        const double entropy = byte_entropy_bits(c, text_path);
        const double untrained = log((double)m->config.vocab_size) - UNTRAINED_MARGIN_NATS;
        printf("  %s: %lld bytes, %lld tokens: %.4f nats/token (ln V − %.1f = %.4f), "
               "%.4f bits/byte (order-0 byte entropy %.4f)\n",
               text_path, (long long)d.bytes, (long long)predicted, per_token,
               UNTRAINED_MARGIN_NATS, untrained, bits_per_byte, entropy);
        CHECK(c, bits_per_byte < entropy);
        CHECK(c, per_token < untrained);
    }
    gf_trace_free(&tr);
    gf_train_data_free(&d);
}

int main(int argc, char **argv)
{
    check_ctx c;
    check_begin(&c, "bilingual model");
    if (argc != 3) {
        fprintf(stderr, "usage: %s MODEL_DIR TEXT_FILE\n", argv[0]);
        return 2;
    }
    gf_error err;
    gf_error_clear(&err);
    gf_model m;
    if (!CHECK_OK(&c, gf_model_load(&m, argv[1], &err), &err))
        return check_end(&c);
    test_languages(&c, &m);
    test_compact_prompt(&c, &m);
    test_russian_loss(&c, &m, argv[2]);
    gf_model_free(&m);
    return check_end(&c);
}
