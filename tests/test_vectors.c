/* test_vectors.c — word-vector spaces: a tiny folder with a known analogy,
 * nearest neighbours against a plain double-precision loop, exclusions, case
 * folding, spelling suggestions, every way a folder can be wrong (each with
 * its one-line message naming the file), and a model's token embeddings as
 * a second source (the shipped default model, checked row by row). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "safetensors.h"
#include "vectors.h"

#define PATH_LEN 1024

/* ---- making folders ---------------------------------------------------------------------- */

/* Write dir/vectors.safetensors (n, d) and dir/words.txt (the given text). */
static bool write_folder(const char *dir, const float *rows, int n, int d, gf_dtype dtype,
                         const char *words_text)
{
    char path[PATH_LEN];
    mkdir(dir, 0755);
    gf_st_writer w;
    gf_error err;
    gf_st_writer_init(&w);
    int64_t shape[2] = {n, d};
    snprintf(path, sizeof path, "%s/vectors.safetensors", dir);
    bool ok = gf_st_writer_add_f32(&w, "vectors", 2, shape, rows, dtype, &err) == GF_OK &&
              gf_st_writer_write(&w, path, &err) == GF_OK;
    gf_st_writer_free(&w);
    snprintf(path, sizeof path, "%s/words.txt", dir);
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    fputs(words_text, f);
    return fclose(f) == 0 && ok;
}

/* Deterministic pseudo-random numbers in [-1, 1). */
static float lcg_uniform(uint64_t *state)
{
    *state = *state * 6364136223846793005ull + 1442695040888963407ull;
    return (float)((double)(*state >> 11) / (double)(1ull << 53) * 2.0 - 1.0);
}

/* ---- a known analogy --------------------------------------------------------------------- */

/* Four directions: gender (man/woman), royalty, fruit, and a spare. */
static const char *const tiny_words = "man\nwoman\nking\nqueen\napple\npear\n";
static const float tiny_rows[6 * 4] = {
    1, 0, 0, 0,      /* man    */
    0, 1, 0, 0,      /* woman  */
    1, 0, 2, 0,      /* king   */
    0, 1, 2, 0,      /* queen  */
    0, 0, 0, 3,      /* apple  */
    0, 0.5f, 0, 3,   /* pear   */
};

static void test_known_analogy(check_ctx *c)
{
    char dir[PATH_LEN / 2];
    check_tmp_path(dir, sizeof dir, "vectors_tiny");
    CHECK(c, write_folder(dir, tiny_rows, 6, 4, GF_DTYPE_F32, tiny_words));
    gf_vectors v;
    gf_error err;
    if (!CHECK_OK(c, gf_vectors_load(&v, dir, &err), &err))
        return;
    CHECK_INT(c, v.count, 6);
    CHECK_INT(c, v.dim, 4);
    CHECK_STR(c, v.words[3], "queen");
    /* king's row is (1, 0, 2, 0) / √5. */
    CHECK_NEAR(c, gf_vectors_row(&v, 2)[0], 1.0 / sqrt(5.0), 1e-7);
    CHECK_NEAR(c, gf_vectors_row(&v, 2)[2], 2.0 / sqrt(5.0), 1e-7);
    CHECK_INT(c, gf_vectors_find(&v, "queen"), 3);
    CHECK_INT(c, gf_vectors_find(&v, "QuEeN"), 3);
    CHECK_INT(c, gf_vectors_find(&v, "quee"), -1);

    /* king − man + woman = (1/√5 − 1, 1, 2/√5, 0); by hand its cosine with
     * queen (0, 1, 2, 0)/√5 is (1/√5 + 4/5) / |q|, |q|² = (1/√5 − 1)² + 1 + 4/5. */
    float query[4];
    double s5 = sqrt(5.0);
    double q[4] = {1 / s5 - 1, 1, 2 / s5, 0};
    for (int j = 0; j < 4; j++)
        query[j] = (float)q[j];
    double qn = sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2]);
    int exclude[3] = {0, 1, 2};
    gf_vectors_hit hits[6];
    int n = gf_vectors_nearest(&v, query, exclude, 3, hits, 6);
    CHECK_INT(c, n, 3);
    CHECK_INT(c, hits[0].row, 3);
    CHECK_NEAR(c, hits[0].cosine, (1.0 / s5 + 4.0 / 5.0) / qn, 1e-6);
    /* pear (0, 0.5, 0, 3)/√9.25 comes next: 0.5/√9.25/|q|; apple is orthogonal. */
    CHECK_INT(c, hits[1].row, 5);
    CHECK_NEAR(c, hits[1].cosine, 0.5 / sqrt(9.25) / qn, 1e-6);
    CHECK_INT(c, hits[2].row, 4);
    CHECK_NEAR(c, hits[2].cosine, 0.0, 1e-7);
    /* Without exclusions king itself is on the list; k caps the count. */
    n = gf_vectors_nearest(&v, query, NULL, 0, hits, 2);
    CHECK_INT(c, n, 2);
    CHECK(c, hits[0].row == 3 || hits[0].row == 2);
    /* A zero query has no neighbours. */
    float zero[4] = {0};
    CHECK_INT(c, gf_vectors_nearest(&v, zero, NULL, 0, hits, 6), 0);

    int rows[5];
    CHECK_INT(c, gf_vectors_suggest(&v, "quen", rows, 5) >= 1, 1);
    CHECK_INT(c, rows[0], 3);
    CHECK_INT(c, gf_vectors_suggest(&v, "womn", rows, 5) >= 1, 1);
    CHECK_INT(c, rows[0], 1);
    CHECK_INT(c, gf_vectors_suggest(&v, "xylophone", rows, 5), 0);
    gf_vectors_free(&v);

    /* The same folder stored in F16 loads with half-precision rounding only. */
    CHECK(c, write_folder(dir, tiny_rows, 6, 4, GF_DTYPE_F16, tiny_words));
    if (CHECK_OK(c, gf_vectors_load(&v, dir, &err), &err)) {
        CHECK_NEAR(c, gf_vectors_row(&v, 5)[1], 0.5 / sqrt(9.25), 1e-3);
        gf_vectors_free(&v);
    }
}

/* ---- neighbours against a plain loop -------------------------------------------------------- */

typedef struct {
    int row;
    double cosine;
} scored_row;

static int scored_desc(const void *a, const void *b)
{
    const scored_row *x = a, *y = b;
    if (x->cosine != y->cosine)
        return x->cosine < y->cosine ? 1 : -1;
    return x->row - y->row;
}

static void test_nearest_matches_double_loop(check_ctx *c)
{
    enum { N = 700, D = 37, K = 25 };
    float *raw = malloc(sizeof(float) * N * D);
    uint64_t state = 12345;
    for (int i = 0; i < N * D; i++)
        raw[i] = lcg_uniform(&state);
    char words[N * 8];          /* "w00042\n" each */
    if (!CHECK(c, raw != NULL))
        return;
    size_t used = 0;
    for (int i = 0; i < N; i++)
        used += (size_t)snprintf(words + used, sizeof words - used, "w%05d\n", i);
    char dir[PATH_LEN / 2];
    check_tmp_path(dir, sizeof dir, "vectors_random");
    CHECK(c, write_folder(dir, raw, N, D, GF_DTYPE_F32, words));
    gf_vectors v;
    gf_error err;
    if (!CHECK_OK(c, gf_vectors_load(&v, dir, &err), &err)) {
        free(raw);
        return;
    }
    /* Query: a raw (unnormalised) random vector; exclude three rows. */
    double query_d[D];
    float query[D];
    for (int j = 0; j < D; j++)
        query[j] = (float)(query_d[j] = lcg_uniform(&state) * 3.0);
    int exclude[3] = {7, 300, 699};
    scored_row *all = malloc(sizeof *all * N);
    int n_all = 0;
    double qn = 0;
    for (int j = 0; j < D; j++)
        qn += query_d[j] * query_d[j];
    for (int i = 0; i < N; i++) {
        if (i == 7 || i == 300 || i == 699)
            continue;
        double dot = 0, rn = 0;
        for (int j = 0; j < D; j++) {
            dot += (double)raw[i * D + j] * query_d[j];
            rn += (double)raw[i * D + j] * raw[i * D + j];
        }
        all[n_all++] = (scored_row){i, dot / sqrt(rn) / sqrt(qn)};
    }
    qsort(all, (size_t)n_all, sizeof *all, scored_desc);
    gf_vectors_hit hits[K];
    int n = gf_vectors_nearest(&v, query, exclude, 3, hits, K);
    CHECK_INT(c, n, K);
    int same = 0;
    double worst = 0;
    for (int i = 0; i < K; i++) {
        same += hits[i].row == all[i].row;
        worst = fmax(worst, fabs(hits[i].cosine - all[i].cosine));
    }
    CHECK_INT(c, same, K);
    CHECK(c, worst < 1e-5);
    /* k beyond the rows left: every row but the excluded, still in order. */
    gf_vectors_hit *every = malloc(sizeof *every * N);
    n = gf_vectors_nearest(&v, query, exclude, 3, every, N);
    CHECK_INT(c, n, N - 3);
    bool ordered = true;
    for (int i = 1; i < n; i++)
        ordered = ordered && every[i - 1].cosine >= every[i].cosine;
    CHECK(c, ordered);
    /* The top row of the query taken from a word is that word itself. */
    n = gf_vectors_nearest(&v, gf_vectors_row(&v, 42), NULL, 0, hits, 1);
    CHECK_INT(c, hits[0].row, 42);
    CHECK_NEAR(c, hits[0].cosine, 1.0, 1e-6);
    free(every), free(all), free(raw);
    gf_vectors_free(&v);
}

/* ---- bad folders ------------------------------------------------------------------------- */

/* Loading dir must fail with one line holding both needles. */
static void expect_load_error(check_ctx *c, const char *dir, const char *needle_file,
                              const char *needle_reason, const char *what)
{
    gf_vectors v;
    gf_error err;
    gf_error_clear(&err);
    gf_status status = gf_vectors_load(&v, dir, &err);
    bool ok = status != GF_OK && strstr(err.message, needle_file) &&
              strstr(err.message, needle_reason) && !strchr(err.message, '\n');
    if (!ok)
        fprintf(stderr, "  %s: got \"%s\"\n", what, err.message);
    check_true(c, ok, what, __FILE__, __LINE__);
    if (status == GF_OK)
        gf_vectors_free(&v);
    CHECK(c, v.unit == NULL && v.words == NULL);
}

/* words.txt checked in memory (gf_vectors_words_parse, the fuzz harness's
 * entry point): the words and their rows, and a NUL byte inside a line,
 * which once cut the word short silently (fuzz finding). */
static void test_words_in_memory(check_ctx *c)
{
    gf_vectors v;
    gf_error err;
    gf_error_clear(&err);
    static const char good[] = "man\nWoman\nкороль\n";
    CHECK_INT(c, gf_vectors_words_parse(&v, good, sizeof good - 1, 3, "mem/words.txt", &err),
              GF_OK);
    CHECK_STR(c, v.words[1], "Woman");
    CHECK_INT(c, gf_vectors_find(&v, "woman"), 1);
    CHECK_INT(c, gf_vectors_find(&v, "король"), 2);
    gf_vectors_free(&v);

    static const char nul[] = "man\nwo\0man\nking\n";
    CHECK_INT(c, gf_vectors_words_parse(&v, nul, sizeof nul - 1, 3, "mem/words.txt", &err),
              GF_ERR_FORMAT);
    CHECK_STR(c, err.message, "mem/words.txt: line 2: a NUL byte");
    CHECK(c, v.words == NULL && v.text == NULL);
    CHECK_INT(c, gf_vectors_words_parse(&v, good, sizeof good - 1, 2, "mem/words.txt", &err),
              GF_ERR_SHAPE);
    CHECK(c, strstr(err.message, "mem/words.txt: more than 2 lines") == err.message);
}

static void test_bad_folders(check_ctx *c)
{
    char dir[PATH_LEN / 2], path[PATH_LEN];
    check_tmp_path(dir, sizeof dir, "vectors_bad");

    /* words.txt against six rows: each damage with the message it must give. */
    struct {
        const char *words, *reason, *what;
    } bad_words[] = {
        {"man\nwoman\nking\nqueen\napple\n", "5 words, but vectors.safetensors has 6 rows",
         "a word short"},
        {"man\nwoman\nking\nqueen\napple\npear\nplum\n", "more than 6 lines", "a word too many"},
        {"man\nwoman\nking\nqueen\napple\npear", "line 6: no newline", "no final newline"},
        {"man\nwoman\nking\nman\napple\npear\n", "line 4: 'man' is already on line 1",
         "duplicate word"},
        {"man\nwoman\nki\xffng\nqueen\napple\npear\n", "line 3: not valid UTF-8", "invalid UTF-8"},
        {"man\nwoman\n\nqueen\napple\npear\n", "line 3: empty", "empty line"},
        {"man\nwoman\nking kong\nqueen\napple\npear\n", "line 3: whitespace", "a space in a word"},
        {"man\nwoman\nki\x01ng\nqueen\napple\npear\n", "line 3: a control character (byte 0x01)",
         "a control byte in a word (fuzz finding: it was echoed into messages)"},
    };
    for (size_t i = 0; i < sizeof bad_words / sizeof bad_words[0]; i++) {
        CHECK(c, write_folder(dir, tiny_rows, 6, 4, GF_DTYPE_F32, bad_words[i].words));
        expect_load_error(c, dir, "words.txt", bad_words[i].reason, bad_words[i].what);
    }

    float rows[6 * 4];
    memcpy(rows, tiny_rows, sizeof rows);
    rows[3 * 4 + 2] = NAN;
    CHECK(c, write_folder(dir, rows, 6, 4, GF_DTYPE_F32, tiny_words));
    expect_load_error(c, dir, "vectors.safetensors",
                      "row 3 ('queen', line 4): element 2 is not finite", "NaN row");
    memcpy(rows, tiny_rows, sizeof rows);
    rows[4 * 4 + 3] = 0;
    CHECK(c, write_folder(dir, rows, 6, 4, GF_DTYPE_F32, tiny_words));
    expect_load_error(c, dir, "vectors.safetensors", "row 4 ('apple', line 5): all zeros",
                      "zero row");

    /* A file cut short: the safetensors reader names it. */
    CHECK(c, write_folder(dir, tiny_rows, 6, 4, GF_DTYPE_F32, tiny_words));
    snprintf(path, sizeof path, "%s/vectors.safetensors", dir);
    struct stat info;
    CHECK(c, stat(path, &info) == 0 && truncate(path, info.st_size - 10) == 0);
    expect_load_error(c, dir, "vectors.safetensors", "", "truncated tensor file");
    /* A 1-D tensor, and a missing words file. */
    gf_st_writer w;
    gf_error err;
    gf_st_writer_init(&w);
    int64_t shape1[1] = {24};
    CHECK(c, gf_st_writer_add_f32(&w, "vectors", 1, shape1, tiny_rows, GF_DTYPE_F32, &err) ==
                 GF_OK &&
             gf_st_writer_write(&w, path, &err) == GF_OK);
    gf_st_writer_free(&w);
    expect_load_error(c, dir, "vectors.safetensors", "must be [words, dims]", "1-D tensor");
    CHECK(c, write_folder(dir, tiny_rows, 6, 4, GF_DTYPE_F32, tiny_words));
    snprintf(path, sizeof path, "%s/words.txt", dir);
    CHECK(c, unlink(path) == 0);
    expect_load_error(c, dir, "words.txt", "", "missing words.txt");
    char missing[PATH_LEN / 2];
    check_tmp_path(missing, sizeof missing, "vectors_no_such_folder");
    expect_load_error(c, missing, "vectors_no_such_folder/vectors.safetensors", "",
                      "missing folder");
}

/* ---- a model's token embeddings ---------------------------------------------------------- */

static void test_model_source(check_ctx *c)
{
    const char *assets = getenv("GF_TEST_ASSETS");
    char dir[PATH_LEN / 2];
    snprintf(dir, sizeof dir, "%s/models/default", assets ? assets : "assets");
    gf_model m;
    gf_error err;
    if (!CHECK_OK(c, gf_model_load(&m, dir, &err), &err))
        return;
    gf_vectors v;
    if (!CHECK_OK(c, gf_vectors_from_model(&v, &m, &err), &err)) {
        gf_model_free(&m);
        return;
    }
    CHECK(c, v.kind == GF_VECTORS_MODEL && v.dim == m.config.n_embd);
    CHECK(c, v.count > 100 && v.count < m.config.vocab_size);
    /* Every word: its token's bytes are " " + the word, letters only, and its
     * row is the token's wte row scaled to length 1 (checked in double). */
    int bad_text = 0, bad_row = 0, words_seen = 0;
    for (int i = 0; i < v.count; i++) {
        size_t length = 0;
        const char *bytes = gf_tokenizer_token_bytes(m.tokenizer, v.token_ids[i], &length);
        if (!bytes || length != strlen(v.words[i]) + 1 || bytes[0] != ' ' ||
            memcmp(bytes + 1, v.words[i], length - 1) != 0)
            bad_text++;
        const float *e = m.weights.wte + (size_t)v.token_ids[i] * v.dim;
        double norm = 0;
        for (int j = 0; j < v.dim; j++)
            norm += (double)e[j] * e[j];
        for (int j = 0; j < v.dim; j++)
            bad_row += fabs(gf_vectors_row(&v, i)[j] - e[j] / sqrt(norm)) > 1e-6;
        words_seen++;
    }
    CHECK_INT(c, bad_text, 0);
    CHECK_INT(c, bad_row, 0);
    /* Tokens that are not a space + letters are left out; " king" is in. */
    int expected = 0;
    for (int32_t id = 0; id < m.config.vocab_size; id++) {
        size_t length = 0;
        const char *bytes = gf_tokenizer_token_bytes(m.tokenizer, id, &length);
        bool word = bytes && length >= 2 && bytes[0] == ' ';
        for (size_t k = 1; word && k < length; k++)
            word = (bytes[k] >= 'a' && bytes[k] <= 'z') || (bytes[k] >= 'A' && bytes[k] <= 'Z');
        expected += word;
    }
    CHECK_INT(c, v.count, expected);
    int king = gf_vectors_find(&v, "king");
    CHECK(c, king >= 0 && strcmp(v.words[king], "king") == 0);
    gf_vectors_free(&v);
    gf_model_free(&m);
}

/* GPT-2's own vocabulary: 32,064 of its 50,257 symbols are "Ġ" + ASCII
 * letters (counted with a regular expression over tests/data/gpt2/vocab.json
 * when this test was written); " king" is token 5822, " King" 2677. */
static void test_gpt2_vocabulary(check_ctx *c)
{
    char vocab[PATH_LEN], merges[PATH_LEN];
    check_data_path(vocab, sizeof vocab, "gpt2/vocab.json");
    check_data_path(merges, sizeof merges, "gpt2/merges.txt");
    gf_tokenizer *tok = NULL;
    gf_error err;
    if (!CHECK_OK(c, gf_tokenizer_load(&tok, vocab, merges, &err), &err))
        return;
    enum { V = 50257, D = 3 };
    float *wte = malloc(sizeof(float) * V * D);   /* (V, D): row id = (1 + id % 5, id % 3, 1) */
    if (!CHECK(c, wte != NULL)) {
        gf_tokenizer_free(tok);
        return;
    }
    for (int id = 0; id < V; id++) {
        wte[id * D + 0] = 1.0f + (float)(id % 5);
        wte[id * D + 1] = (float)(id % 3);
        wte[id * D + 2] = 1.0f;
    }
    gf_vectors v;
    if (CHECK_OK(c, gf_vectors_from_embeddings(&v, wte, V, D, tok, "gpt2", &err), &err)) {
        CHECK_INT(c, v.count, 32064);
        int king = gf_vectors_find(&v, "king"), king_cap = gf_vectors_find(&v, "King");
        CHECK(c, king >= 0 && v.token_ids[king] == 5822);
        CHECK(c, king_cap >= 0 && v.token_ids[king_cap] == 2677);
        CHECK_INT(c, gf_vectors_find(&v, "kING"), king);   /* folded: the lowercase token */
        CHECK_STR(c, gf_tokenizer_token_symbol(tok, v.token_ids[king]), "Ġking");
        /* Its row: (1 + 5822 % 5, 5822 % 3, 1) = (3, 2, 1) / √14. */
        CHECK_NEAR(c, gf_vectors_row(&v, king)[0], 3 / sqrt(14.0), 1e-6);
        CHECK_NEAR(c, gf_vectors_row(&v, king)[1], 2 / sqrt(14.0), 1e-6);
        gf_vectors_free(&v);
    }
    free(wte);
    gf_tokenizer_free(tok);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "vectors");
    test_known_analogy(&c);
    test_nearest_matches_double_loop(&c);
    test_words_in_memory(&c);
    test_bad_folders(&c);
    test_model_source(&c);
    test_gpt2_vocabulary(&c);
    return check_end(&c);
}
