/* test_tokenizer.c — GPT-2 byte-level BPE: the split pattern on hand cases,
 * the byte-level tokenizer, a tiny hand-built vocab whose encodings are
 * worked out by hand below, UTF-8 rejection, bad vocab/merges files, random
 * round trips, save/load, and GPT-2's public vocab checked against ids from an
 * independent encoder (tests/data/gpt2/vectors.tsv, see its README.md). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "pretokenize.h"
#include "random_text.h"
#include "tokenizer.h"
#include "tokenizer_round_trip.h"

/* ---- helpers ------------------------------------------------------------ */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* Encode text and compare with the expected ids (n of them). */
static int encodes_to(const gf_tokenizer *tok, const char *text, const int32_t *want, int n)
{
    int32_t *ids = NULL;
    int n_ids = 0;
    gf_error err = {GF_OK, {0}};
    if (gf_tokenizer_encode(tok, text, strlen(text), &ids, &n_ids, &err) != GF_OK) {
        fprintf(stderr, "encode \"%s\": %s\n", text, err.message);
        return 0;
    }
    int ok = n_ids == n && (n == 0 || memcmp(ids, want, (size_t)n * sizeof *ids) == 0);
    if (!ok) {
        fprintf(stderr, "encode \"%s\": got", text);
        for (int i = 0; i < n_ids; i++)
            fprintf(stderr, " %d", (int)ids[i]);
        fprintf(stderr, "\n");
    }
    free(ids);
    return ok;
}

/* ---- the split pattern -------------------------------------------------- */

typedef struct {
    char pieces[16][32];
    int n;
} split_result;

static gf_status collect_piece(void *user, const char *text, size_t start, size_t length,
                               gf_error *err)
{
    split_result *r = user;
    (void)err;
    if (r->n < 16 && length < 32) {
        memcpy(r->pieces[r->n], text + start, length);
        r->pieces[r->n][length] = '\0';
    }
    r->n++;
    return GF_OK;
}

/* Split text and compare with a NULL-terminated list of pieces. */
static void check_split(check_ctx *c, const gf_pretok *p, const char *text,
                        const char *const *want)
{
    split_result r;
    gf_error err = {GF_OK, {0}};
    r.n = 0;
    CHECK_OK(c, gf_pretok_split(p, text, strlen(text), collect_piece, &r, &err), &err);
    int n_want = 0;
    while (want[n_want])
        n_want++;
    if (!CHECK_INT(c, r.n, n_want)) {
        fprintf(stderr, "  split of \"%s\":", text);
        for (int i = 0; i < r.n && i < 16; i++)
            fprintf(stderr, " [%s]", r.pieces[i]);
        fprintf(stderr, "\n");
        return;
    }
    for (int i = 0; i < n_want; i++)
        CHECK_STR(c, r.pieces[i], want[i]);
}

static void test_split(check_ctx *c)
{
    gf_pretok *p = NULL;
    gf_error err = {GF_OK, {0}};
    if (!CHECK_OK(c, gf_pretok_new(&p, &err), &err))
        return;
    /* Letters take one leading space; the run of two spaces before "end"
     * gives up its last space to the word (\s+(?!\S)); the final newlines
     * are followed by nothing, so \s+(?!\S) takes them all. */
    check_split(c, p, "Hello world's  end\n\n",
                (const char *const[]){"Hello", " world", "'s", " ", " end", "\n\n", NULL});
    check_split(c, p, "a   b", (const char *const[]){"a", "  ", " b", NULL});
    /* " \n\n" before a letter: \s+(?!\S) backs off to " \n", then the last
     * "\n" cannot be followed by a non-space, so plain \s+ takes it. */
    check_split(c, p, "a \n\nb", (const char *const[]){"a", " \n", "\n", "b", NULL});
    check_split(c, p, "I'm they'll don't",
                (const char *const[]){"I", "'m", " they", "'ll", " don", "'t", NULL});
    /* Contractions are lower-case only; other apostrophes are punctuation. */
    check_split(c, p, "DON'T 'x", (const char *const[]){"DON", "'", "T", " '", "x", NULL});
    check_split(c, p, "x  ", (const char *const[]){"x", "  ", NULL});
    check_split(c, p, "123abc 42 3.14",
                (const char *const[]){"123", "abc", " 42", " 3", ".", "14", NULL});
    check_split(c, p, "!!? ...", (const char *const[]){"!!?", " ...", NULL});
    /* "\n\t\t" before a letter keeps its last tab back, which then stands
     * alone (only a space joins the following word). */
    check_split(c, p, "\tdef f():\n\t\treturn",
                (const char *const[]){"\t", "def", " f", "():", "\n\t", "\t", "return", NULL});
    check_split(c, p, "Привет, мир", (const char *const[]){"Привет", ",", " мир", NULL});
    /* U+0085 (NEL) is whitespace for Python's regex module: " " stops before
     * it, and it becomes a piece of its own. */
    check_split(c, p, " \xc2\x85x", (const char *const[]){" ", "\xc2\x85", "x", NULL});
    /* U+180E and U+FEFF are not White_Space: they join " " as punctuation. */
    check_split(c, p, " \xe1\xa0\x8ex", (const char *const[]){" \xe1\xa0\x8e", "x", NULL});
    check_split(c, p, " \xef\xbb\xbfx", (const char *const[]){" \xef\xbb\xbf", "x", NULL});
    /* U+3000 (ideographic space) is whitespace. */
    check_split(c, p, "a\xe3\x80\x80 b",
                (const char *const[]){"a", "\xe3\x80\x80", " b", NULL});
    check_split(c, p, "", (const char *const[]){NULL});
    gf_pretok_free(p);
}

/* ---- the byte-level tokenizer ------------------------------------------- */

static void test_byte_level(check_ctx *c)
{
    gf_tokenizer *tok = NULL;
    gf_error err = {GF_OK, {0}};
    if (!CHECK_OK(c, gf_tokenizer_new_byte_level(&tok, &err), &err))
        return;
    CHECK_INT(c, gf_tokenizer_vocab_size(tok), 257);
    CHECK_INT(c, gf_tokenizer_eot(tok), 256);
    CHECK_INT(c, gf_tokenizer_merge_count(tok), 0);
    /* GPT-2's order: '!'..'~' are ids 0..93, '¡'..'¬' 94..105, '®'..'ÿ'
     * 106..187, then bytes 0x00..0x20, 0x7F..0xA0, 0xAD as 'Ā'.. 'Ń'. */
    CHECK_STR(c, gf_tokenizer_token_symbol(tok, 0), "!");
    CHECK_STR(c, gf_tokenizer_token_symbol(tok, 93), "~");
    CHECK_STR(c, gf_tokenizer_token_symbol(tok, 94), "\xc2\xa1");  /* ¡ */
    CHECK_STR(c, gf_tokenizer_token_symbol(tok, 105), "\xc2\xac"); /* ¬ */
    CHECK_STR(c, gf_tokenizer_token_symbol(tok, 106), "\xc2\xae"); /* ® */
    CHECK_STR(c, gf_tokenizer_token_symbol(tok, 187), "\xc3\xbf"); /* ÿ */
    CHECK_STR(c, gf_tokenizer_token_symbol(tok, 188), "\xc4\x80"); /* Ā = byte 0 */
    CHECK_STR(c, gf_tokenizer_token_symbol(tok, 220), "\xc4\xa0"); /* Ġ = ' ' */
    CHECK_STR(c, gf_tokenizer_token_symbol(tok, 255), "\xc5\x83"); /* Ń = 0xAD */
    CHECK_STR(c, gf_tokenizer_token_symbol(tok, 256), "<|endoftext|>");
    CHECK(c, gf_tokenizer_token_symbol(tok, 257) == NULL);
    CHECK(c, gf_tokenizer_token_symbol(tok, -1) == NULL);
    CHECK_INT(c, gf_tokenizer_lookup(tok, "\xc4\x8a"), 198); /* Ċ = '\n' = 188 + 10 */
    CHECK_INT(c, gf_tokenizer_lookup(tok, "Hi"), -1);

    /* Every byte is exactly one of ids 0..255. */
    int seen[256] = {0}, single = 1;
    for (int id = 0; id < 256; id++) {
        size_t n = 0;
        const char *b = gf_tokenizer_token_bytes(tok, id, &n);
        single &= b != NULL && n == 1;
        if (b && n == 1)
            seen[(uint8_t)b[0]]++;
    }
    int all_once = 1;
    for (int b = 0; b < 256; b++)
        all_once &= seen[b] == 1;
    CHECK(c, single);
    CHECK(c, all_once);
    size_t n_eot = 0;
    const char *eot = gf_tokenizer_token_bytes(tok, 256, &n_eot);
    CHECK(c, eot && n_eot == 13 && memcmp(eot, "<|endoftext|>", 13) == 0);

    /* 'H' = 0x48 -> 0x48 - 0x21 = 39, 'i' -> 72, '\n' -> 188 + 10 = 198,
     * ' ' -> 220, 0xC3 0xA9 ('é') -> 106 + (0xC3 - 0xAE) = 127 and 0xA9 is in
     * '¡'..'¬' -> 94 + 8 = 102. */
    CHECK(c, encodes_to(tok, "Hi\n", (const int32_t[]){39, 72, 198}, 3));
    CHECK(c, encodes_to(tok, " \xc3\xa9", (const int32_t[]){220, 127, 102}, 3));
    CHECK(c, encodes_to(tok, "", NULL, 0));
    gf_tokenizer_free(tok);
}

/* ---- a tiny hand-built vocabulary --------------------------------------- */

static gf_tokenizer *load_tiny(check_ctx *c, const char *vocab, const char *merges)
{
    char vpath[512], mpath[512];
    check_tmp_path(vpath, sizeof vpath, "tiny_vocab.json");
    check_tmp_path(mpath, sizeof mpath, "tiny_merges.txt");
    write_file(vpath, vocab);
    write_file(mpath, merges);
    gf_tokenizer *tok = NULL;
    gf_error err = {GF_OK, {0}};
    CHECK_OK(c, gf_tokenizer_load(&tok, vpath, mpath, &err), &err);
    return tok;
}

static void test_tiny_vocab(check_ctx *c)
{
    /* Ranks (line order): 0 "a b", 1 "ab c", 2 "Ġ a", 3 "b c", 4 "aa a",
     * 5 "a a". Note "aa a" ranks before "a a". Ids are not in rank order
     * and id 9 is unused. No "#version" line. */
    gf_tokenizer *tok = load_tiny(c,
        "{\"a\": 0, \"b\": 1, \"c\": 2, \"\\u0120\": 3, \"ab\": 4, \"abc\": 5,"
        " \"Ġa\": 6, \"bc\": 7, \"<|endoftext|>\": 8, \"aa\": 10, \"aaa\": 11, \"!\": 12}",
        "a b\nab c\r\nĠ a\nb c\naa a\na a\n\n");
    if (!tok)
        return;
    CHECK_INT(c, gf_tokenizer_vocab_size(tok), 13);
    CHECK_INT(c, gf_tokenizer_eot(tok), 8);
    CHECK_INT(c, gf_tokenizer_merge_count(tok), 6);
    const char *l = NULL, *r = NULL;
    gf_tokenizer_merge(tok, 2, &l, &r);
    CHECK_STR(c, l, "\xc4\xa0");
    CHECK_STR(c, r, "a");
    /* "abc": [a b c]; best pair (a,b) rank 0 -> [ab c]; (ab,c) rank 1 -> [abc]. */
    CHECK(c, encodes_to(tok, "abc", (const int32_t[]){5}, 1));
    /* "bcab": pairs (b,c) r3, (c,a) none, (a,b) r0 -> [b c ab]; then (b,c) r3
     * -> [bc ab]; (bc,ab) has no rank. */
    CHECK(c, encodes_to(tok, "bcab", (const int32_t[]){7, 4}, 2));
    /* " abc" is one piece: [Ġ a b c]; (a,b) r0 beats (Ġ,a) r2 -> [Ġ ab c];
     * (ab,c) r1 -> [Ġ abc]; (Ġ,abc) has no rank. */
    CHECK(c, encodes_to(tok, " abc", (const int32_t[]){3, 5}, 2));
    /* " a" -> (Ġ,a) r2 -> [Ġa]. "ab!": the split gives "ab" and "!". */
    CHECK(c, encodes_to(tok, " a", (const int32_t[]){6}, 1));
    CHECK(c, encodes_to(tok, "ab!", (const int32_t[]){4, 12}, 2));
    /* "aaa": only (a,a) r5 occurs -> merged left to right [aa a]; then
     * (aa,a) r4 -> [aaa]. */
    CHECK(c, encodes_to(tok, "aaa", (const int32_t[]){11}, 1));
    /* "aaaa": GPT-2 merges every (a,a) before looking again, giving [aa aa]
     * (no rank for (aa,aa)), even though (aa,a) ranks better than (a,a):
     * merging (aa,a) as soon as it appears would give [aaa a]. */
    CHECK(c, encodes_to(tok, "aaaa", (const int32_t[]){10, 10}, 2));
    /* "aaaaa" -> [aa aa a] -> (aa,a) r4 at the end -> [aa aaa]. */
    CHECK(c, encodes_to(tok, "aaaaa", (const int32_t[]){10, 11}, 2));

    /* A byte without a token cannot be encoded; the message names it. */
    int32_t *ids = NULL;
    int n_ids = 0;
    gf_error err = {GF_OK, {0}};
    CHECK_INT(c, gf_tokenizer_encode(tok, "abd", 3, &ids, &n_ids, &err), GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "0x64") && strstr(err.message, "offset 2"));
    CHECK(c, ids == NULL && n_ids == 0);
    /* Decoding: id 9 is a gap, id 13 is past the end. */
    char *text = NULL;
    size_t len = 0;
    CHECK_OK(c, gf_tokenizer_decode(tok, (const int32_t[]){3, 5, 7}, 3, &text, &len, &err),
             &err);
    CHECK_STR(c, text, " abcbc");
    CHECK_INT(c, (long long)len, 6);
    free(text);
    CHECK_INT(c, gf_tokenizer_decode(tok, (const int32_t[]){0, 9}, 2, &text, &len, &err),
              GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "id 9") != NULL);
    CHECK_INT(c, gf_tokenizer_decode(tok, (const int32_t[]){13}, 1, &text, &len, &err),
              GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "id 13") != NULL);
    CHECK(c, gf_tokenizer_token_symbol(tok, 9) == NULL);
    gf_tokenizer_free(tok);

    /* Byte-order marks are skipped; "#version" after one is still special. */
    tok = load_tiny(c, "\xef\xbb\xbf{\"a\": 0, \"b\": 1, \"ab\": 2}",
                    "\xef\xbb\xbf#version: 0.2\na b\n");
    if (tok) {
        CHECK_INT(c, gf_tokenizer_merge_count(tok), 1);
        CHECK(c, encodes_to(tok, "abba", (const int32_t[]){2, 1, 0}, 3));
        gf_tokenizer_free(tok);
    }
}

/* ---- invalid UTF-8 ------------------------------------------------------ */

static void expect_bad_utf8(check_ctx *c, const gf_tokenizer *tok, const char *text,
                            size_t length, size_t offset)
{
    size_t bad = 99999;
    CHECK(c, !gf_utf8_valid(text, length, &bad));
    CHECK_INT(c, (long long)bad, (long long)offset);
    int32_t *ids = NULL;
    int n_ids = 0;
    gf_error err = {GF_OK, {0}};
    char want[64];
    CHECK_INT(c, gf_tokenizer_encode(tok, text, length, &ids, &n_ids, &err), GF_ERR_UTF8);
    snprintf(want, sizeof want, "offset %zu", offset);
    CHECK(c, strstr(err.message, want) != NULL);
    CHECK(c, ids == NULL);
}

static void test_utf8(check_ctx *c)
{
    gf_tokenizer *tok = NULL;
    gf_error err = {GF_OK, {0}};
    if (!CHECK_OK(c, gf_tokenizer_new_byte_level(&tok, &err), &err))
        return;
    expect_bad_utf8(c, tok, "ab\xff" "cd", 5, 2);         /* never valid */
    expect_bad_utf8(c, tok, "\x80", 1, 0);                /* lone continuation */
    expect_bad_utf8(c, tok, "x\xc0\xaf", 3, 1);           /* overlong '/' */
    expect_bad_utf8(c, tok, "xy\xe0\x80\xaf", 5, 2);      /* overlong, 3 bytes */
    expect_bad_utf8(c, tok, "\xed\xa0\x80", 3, 0);        /* surrogate U+D800 */
    expect_bad_utf8(c, tok, "abc\xf4\x90\x80\x80", 7, 3); /* U+110000 */
    expect_bad_utf8(c, tok, "abc\xe2\x82", 5, 3);         /* cut short */
    expect_bad_utf8(c, tok, "\xc3\xa9\xc3", 3, 2);        /* cut short after 'é' */
    size_t bad = 0;
    const char *good = "\xf0\x9f\x98\x80 \xe2\x82\xac \xc3\xa9 \xf4\x8f\xbf\xbf";
    CHECK(c, gf_utf8_valid(good, strlen(good), &bad));
    CHECK(c, gf_utf8_valid("", 0, &bad));
    /* An embedded NUL is valid UTF-8 and a byte like any other. */
    CHECK(c, round_trips(tok, "a\0b", 3));
    gf_tokenizer_free(tok);
}

/* ---- bad vocab.json / merges.txt ---------------------------------------- */

/* Loading must fail with status, and the message must contain `needle`. */
static void expect_load_error(check_ctx *c, const char *vocab, const char *merges,
                              gf_status status, const char *needle)
{
    char vpath[512], mpath[512];
    check_tmp_path(vpath, sizeof vpath, "bad_vocab.json");
    check_tmp_path(mpath, sizeof mpath, "bad_merges.txt");
    write_file(vpath, vocab);
    write_file(mpath, merges);
    gf_tokenizer *tok = NULL;
    gf_error err = {GF_OK, {0}};
    CHECK_INT(c, gf_tokenizer_load(&tok, vpath, mpath, &err), status);
    CHECK(c, tok == NULL);
    if (!CHECK(c, strstr(err.message, needle) != NULL))
        fprintf(stderr, "  message: %s (wanted \"%s\")\n", err.message, needle);
}

static void test_bad_files(check_ctx *c)
{
    const char *ok_vocab = "{\"a\": 0, \"b\": 1, \"ab\": 2}";
    expect_load_error(c, "{\"a\": 0,\n \"b\": }", "", GF_ERR_FORMAT, "bad_vocab.json:2");
    expect_load_error(c, "[1, 2]", "", GF_ERR_FORMAT, "bad_vocab.json");
    expect_load_error(c, "{}", "", GF_ERR_FORMAT, "empty");
    expect_load_error(c, "{\"a\": -1}", "", GF_ERR_FORMAT, "\"a\"");
    expect_load_error(c, "{\"a\": 1.5}", "", GF_ERR_FORMAT, "integer");
    expect_load_error(c, "{\"a\": \"0\"}", "", GF_ERR_FORMAT, "integer");
    expect_load_error(c, "{\"a\": 2097152}", "", GF_ERR_FORMAT, "0..2097151");
    expect_load_error(c, "{\"a\": 0, \"b\": 0}", "", GF_ERR_FORMAT, "id 0 is used by");
    expect_load_error(c, "{\"a\": 0, \"a\": 1}", "", GF_ERR_FORMAT, "appears twice");
    expect_load_error(c, "{\"\": 0}", "", GF_ERR_FORMAT, "empty symbol");
    /* ' ' and U+4E00 are not byte-level characters (a space is written Ġ). */
    expect_load_error(c, "{\"a b\": 0}", "", GF_ERR_FORMAT, "U+0020");
    expect_load_error(c, "{\"\\u4e00\": 0}", "", GF_ERR_FORMAT, "U+4E00");
    expect_load_error(c, ok_vocab, "#version: 0.2\na c\n", GF_ERR_FORMAT,
                      "bad_merges.txt:2: \"c\" is not in the vocabulary");
    expect_load_error(c, ok_vocab, "a b\nb a\n", GF_ERR_FORMAT,
                      "bad_merges.txt:2: merged symbol \"ba\"");
    expect_load_error(c, ok_vocab, "a b\na b\n", GF_ERR_FORMAT, "bad_merges.txt:2: merge");
    expect_load_error(c, ok_vocab, "a b c\n", GF_ERR_FORMAT, "bad_merges.txt:1: expected two");
    expect_load_error(c, ok_vocab, "\n\nab\n", GF_ERR_FORMAT, "bad_merges.txt:3: expected two");
    /* "#version" is only special on the first line. */
    expect_load_error(c, ok_vocab, "a b\n#version: 0.2\n", GF_ERR_FORMAT, "bad_merges.txt:2");

    gf_tokenizer *tok = NULL;
    gf_error err = {GF_OK, {0}};
    CHECK_INT(c, gf_tokenizer_load(&tok, "/nonexistent/vocab.json", "/nonexistent/m.txt", &err),
              GF_ERR_IO);
    CHECK(c, strstr(err.message, "/nonexistent/vocab.json") != NULL);
    /* A huge (sparse) vocab.json is refused before it is read. */
    char big[512], mpath[512];
    check_tmp_path(big, sizeof big, "huge_vocab.json");
    check_tmp_path(mpath, sizeof mpath, "bad_merges.txt");
    FILE *f = fopen(big, "wb");
    if (f) {
        fseek(f, 65L * 1024 * 1024, SEEK_SET);
        fputc('}', f);
        fclose(f);
    }
    CHECK_INT(c, gf_tokenizer_load(&tok, big, mpath, &err), GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "huge_vocab.json") != NULL);
    remove(big);
}

/* ---- random round trips ------------------------------------------------- */

static void check_random_round_trips(check_ctx *c, const gf_tokenizer *tok, uint64_t seed)
{
    char buf[64 * 4];
    int failures = 0;
    for (int i = 0; i < 400; i++) {
        size_t n = random_utf8(&seed, buf, 64);
        failures += !round_trips(tok, buf, n);
    }
    CHECK_INT(c, failures, 0);
}

/* Arbitrary bytes (mostly not UTF-8): every byte is one byte token, so the
 * ids of the bytes decode to exactly those bytes; and whenever the bytes do
 * form valid UTF-8, encode -> decode gives them back too. */
static void check_random_bytes(check_ctx *c, const gf_tokenizer *tok, uint64_t seed)
{
    int32_t byte_id[256];
    for (int32_t id = 0; id < 256; id++) {
        size_t len = 0;
        const char *b = gf_tokenizer_token_bytes(tok, id, &len);
        byte_id[b && len == 1 ? (uint8_t)b[0] : 0] = id;
    }
    int decode_failures = 0, valid = 0, encode_failures = 0;
    for (int i = 0; i < 2000; i++) {
        char bytes[24];
        int32_t ids[24];
        const size_t n = 1 + random_next(&seed) % sizeof bytes;
        for (size_t k = 0; k < n; k++) {
            /* Bias towards ASCII and lead/continuation bytes so that some
             * samples are valid UTF-8. */
            const uint32_t r = random_next(&seed);
            bytes[k] = (char)(r % 3 == 0 ? 0x20 + r / 3 % 95 : r / 3 % 256);
            ids[k] = byte_id[(uint8_t)bytes[k]];
        }
        char *text = NULL;
        size_t len = 0;
        gf_error err = {GF_OK, {0}};
        decode_failures += gf_tokenizer_decode(tok, ids, (int)n, &text, &len, &err) != GF_OK ||
                           len != n || memcmp(text, bytes, n) != 0;
        free(text);
        size_t bad = 0;
        if (gf_utf8_valid(bytes, n, &bad)) {
            valid++;
            encode_failures += !round_trips(tok, bytes, n);
        }
    }
    CHECK_INT(c, decode_failures, 0);
    CHECK_INT(c, encode_failures, 0);
    CHECK(c, valid > 20); /* the sample did exercise the encoder */
}

/* ---- GPT-2's public vocabulary ------------------------------------------ */

/* Decode a JSON string literal (as written by JSON.stringify) in place;
 * returns the byte length, or -1 on a malformed literal. */
static long json_unquote(char *s)
{
    size_t r = 1, w = 0;
    if (s[0] != '"')
        return -1;
    while (s[r] && s[r] != '"') {
        if (s[r] != '\\') {
            s[w++] = s[r++];
            continue;
        }
        char e = s[r + 1];
        const char *plain = strchr("\"\\/bfnrt", e);
        if (e && plain) {
            s[w++] = "\"\\/\b\f\n\r\t"[plain - "\"\\/bfnrt"];
            r += 2;
        } else if (e == 'u') {
            unsigned cp = 0;
            if (sscanf(s + r + 2, "%4x", &cp) != 1)
                return -1;
            r += 6;
            if (cp >= 0xD800 && cp < 0xDC00 && s[r] == '\\' && s[r + 1] == 'u') {
                unsigned lo = 0;
                if (sscanf(s + r + 2, "%4x", &lo) != 1)
                    return -1;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                r += 6;
            }
            random_put_utf8(s, &w, cp);
        } else {
            return -1;
        }
    }
    return s[r] == '"' ? (long)w : -1;
}

static void test_gpt2_vectors(check_ctx *c, const gf_tokenizer *tok)
{
    char path[512];
    check_data_path(path, sizeof path, "gpt2/vectors.tsv");
    FILE *f = fopen(path, "rb");
    if (!CHECK(c, f != NULL))
        return;
    char *line = malloc(65536);
    int32_t *want = malloc(4096 * sizeof *want);
    int n_lines = 0, mismatches = 0;
    if (!line || !want) {
        check_true(c, false, "out of memory", __FILE__, __LINE__);
        free(line);
        free(want);
        fclose(f);
        return;
    }
    while (fgets(line, 65536, f)) {
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        int n_want = 0;
        for (char *p = tab + 1, *end; n_want < 4096; p = end) {
            long v = strtol(p, &end, 10);
            if (end == p)
                break;
            want[n_want++] = (int32_t)v;
        }
        long len = json_unquote(line);
        if (!CHECK(c, len >= 0))
            continue;
        line[len] = '\0';
        n_lines++;
        if (!encodes_to(tok, line, want, n_want) || !round_trips(tok, line, (size_t)len))
            mismatches++;
    }
    fclose(f);
    free(line);
    free(want);
    CHECK(c, n_lines >= 100);
    CHECK_INT(c, mismatches, 0);
}

static void test_gpt2(check_ctx *c)
{
    char vpath[512], mpath[512];
    check_data_path(vpath, sizeof vpath, "gpt2/vocab.json");
    check_data_path(mpath, sizeof mpath, "gpt2/merges.txt");
    gf_tokenizer *tok = NULL;
    gf_error err = {GF_OK, {0}};
    if (!CHECK_OK(c, gf_tokenizer_load(&tok, vpath, mpath, &err), &err))
        return;
    /* Facts of the public files: 50257 ids, <|endoftext|> last, 50000
     * merges, the first being "Ġ t"; ids below 256 in byte order. */
    CHECK_INT(c, gf_tokenizer_vocab_size(tok), 50257);
    CHECK_INT(c, gf_tokenizer_eot(tok), 50256);
    CHECK_INT(c, gf_tokenizer_merge_count(tok), 50000);
    const char *l = NULL, *r = NULL;
    gf_tokenizer_merge(tok, 0, &l, &r);
    CHECK_STR(c, l, "\xc4\xa0");
    CHECK_STR(c, r, "t");
    CHECK_INT(c, gf_tokenizer_lookup(tok, "\xc4\xa0king"), 5822);
    CHECK_STR(c, gf_tokenizer_token_symbol(tok, 15496), "Hello");
    gf_tokenizer *bytes = NULL;
    if (CHECK_OK(c, gf_tokenizer_new_byte_level(&bytes, &err), &err)) {
        int same = 1;
        for (int id = 0; id < 256; id++) {
            const char *a = gf_tokenizer_token_symbol(tok, id);
            const char *b = gf_tokenizer_token_symbol(bytes, id);
            same &= a && b && strcmp(a, b) == 0;
        }
        CHECK(c, same);
        gf_tokenizer_free(bytes);
    }
    test_gpt2_vectors(c, tok);
    check_random_round_trips(c, tok, 7);

    /* A 1 MB text in one call: mixed prose, code and whitespace. */
    static const char chunk[] =
        "The teacher said: \"Let's look at layer 3, head 7.\" Они смотрят. 数字 42!\n"
        "\tfor (int i = 0; i < n; i++) {   x[i] += 1;   }\n\n  \xf0\x9f\x98\x80 ";
    size_t n_chunk = sizeof chunk - 1, total = 0;
    char *text = malloc(1u << 20);
    if (CHECK(c, text != NULL)) {
        while (total + n_chunk <= (1u << 20)) {
            memcpy(text + total, chunk, n_chunk);
            total += n_chunk;
        }
        CHECK(c, round_trips(tok, text, total));
        free(text);
    }

    /* Save, load back, and get the same tokenizer. */
    char dir[512], v2[600], m2[600];
    check_tmp_path(dir, sizeof dir, "gpt2_saved");
    mkdir(dir, 0755);
    snprintf(v2, sizeof v2, "%s/vocab.json", dir);
    snprintf(m2, sizeof m2, "%s/merges.txt", dir);
    gf_tokenizer *again = NULL;
    if (CHECK_OK(c, gf_tokenizer_save(tok, dir, &err), &err) &&
        CHECK_OK(c, gf_tokenizer_load(&again, v2, m2, &err), &err)) {
        CHECK_INT(c, gf_tokenizer_vocab_size(again), 50257);
        CHECK_INT(c, gf_tokenizer_merge_count(again), 50000);
        int same = 1;
        for (int id = 0; id < 50257; id++) {
            const char *a = gf_tokenizer_token_symbol(tok, id);
            const char *b = gf_tokenizer_token_symbol(again, id);
            same &= a && b && strcmp(a, b) == 0;
        }
        CHECK(c, same);
        CHECK(c, encodes_to(again, "Hello world", (const int32_t[]){15496, 995}, 2));
        gf_tokenizer_free(again);
    }
    CHECK_INT(c, gf_tokenizer_save(tok, "/nonexistent/dir", &err), GF_ERR_IO);
    gf_tokenizer_free(tok);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "tokenizer");
    test_split(&c);
    test_byte_level(&c);
    test_tiny_vocab(&c);
    test_utf8(&c);
    test_bad_files(&c);
    gf_tokenizer *bytes = NULL;
    gf_error err = {GF_OK, {0}};
    if (CHECK_OK(&c, gf_tokenizer_new_byte_level(&bytes, &err), &err)) {
        check_random_round_trips(&c, bytes, 1);
        check_random_bytes(&c, bytes, 3);
        gf_tokenizer_free(bytes);
    }
    test_gpt2(&c);
    return check_end(&c);
}
