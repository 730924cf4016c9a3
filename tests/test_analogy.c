/* test_analogy.c — word arithmetic: the expression parser (terms, weights,
 * U+2212, byte spans, every syntax error), the glossary (format, first line
 * wins, ё = е, every bad line), lookups with suggestions, the query sum,
 * and the shipped folder: every glossary word is in the vectors, and
 * king − man + woman gives queen, король − мужчина + женщина gives королева. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analogy.h"
#include "analogy_presets.h"
#include "check.h"
#include "glossary.h"
#include "vectors.h"

#define PATH_LEN 1024

static bool write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    fputs(text, f);
    return fclose(f) == 0;
}

/* ---- the parser ---------------------------------------------------------------------------- */

static void test_parse(check_ctx *c)
{
    gf_expr e;
    gf_error err;
    if (CHECK_OK(c, gf_expr_parse("king - man + woman", &e, &err), &err)) {
        CHECK_INT(c, e.count, 3);
        CHECK_STR(c, e.terms[0].word, "king");
        CHECK_STR(c, e.terms[1].word, "man");
        CHECK_NEAR(c, e.terms[0].weight, 1.0, 0);
        CHECK_NEAR(c, e.terms[1].weight, -1.0, 0);
        CHECK_NEAR(c, e.terms[2].weight, 1.0, 0);
        CHECK_INT(c, e.terms[2].start, 13);
        CHECK_INT(c, e.terms[2].end, 18);
    }
    /* U+2212 minus, Cyrillic words: spans are bytes. */
    if (CHECK_OK(c, gf_expr_parse("король − мужчина + женщина", &e, &err), &err)) {
        CHECK_INT(c, e.count, 3);
        CHECK_STR(c, e.terms[1].word, "мужчина");
        CHECK_NEAR(c, e.terms[1].weight, -1.0, 0);
        CHECK_INT(c, e.terms[1].start, 12 + 1 + 3 + 1);   /* король, space, −, space */
    }
    /* Weights, a leading sign, no spaces, the other multiplication signs. */
    if (CHECK_OK(c, gf_expr_parse("-0.5*man+2 × woman + .25·king", &e, &err), &err)) {
        CHECK_INT(c, e.count, 3);
        CHECK_NEAR(c, e.terms[0].weight, -0.5, 0);
        CHECK_NEAR(c, e.terms[1].weight, 2.0, 0);
        CHECK_NEAR(c, e.terms[2].weight, 0.25, 0);
        CHECK_STR(c, e.terms[2].word, "king");
    }
    if (CHECK_OK(c, gf_expr_parse("  Paris  ", &e, &err), &err)) {
        CHECK_INT(c, e.count, 1);
        CHECK_STR(c, e.terms[0].word, "Paris");
    }
    /* Errors: each a format error with its place. */
    struct {
        const char *text, *needle;
        int at;
    } bad[] = {
        {"", "empty", 0},
        {"   ", "empty", 0},
        {"king -", "expected a word at the end", 6},
        {"king man", "expected '+' or '-' between words at character 6", 5},
        {"king - - man", "expected a word at character 8", 7},
        {"2 king", "expected '*' after the weight at character 3", 2},
        {"1.2.3*king", "expected a number like 0.5 at character 1", 0},
        {"king + 3", "expected '*' after the weight at the end", 8},
        {"king!", "found '!'", 4},
        {"king - мужч1на", "found '1'", 15},
        {"ki\xffng", "not valid UTF-8", 2},
        /* A line break is shown as '?', the message stays one line (fuzz finding). */
        {"king\nman", "between words at character 5, found '?'", 4},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gf_error_clear(&err);
        gf_status status = gf_expr_parse(bad[i].text, &e, &err);
        bool ok = status == GF_ERR_FORMAT && strstr(err.message, bad[i].needle) &&
                  !strchr(err.message, '\n') && e.error_at == bad[i].at;
        if (!ok)
            fprintf(stderr, "  \"%s\": status %d, at %d, \"%s\"\n", bad[i].text, (int)status,
                    e.error_at, err.message);
        check_true(c, ok, bad[i].text, __FILE__, __LINE__);
    }
    /* A weight too long for the number buffer is refused, never cut short
     * (0.000…01 once became 0, 1000…0 a smaller number). */
    char long_weight[128] = "king + 0.";
    for (int i = 0; i < 70; i++)
        strcat(long_weight, "0");
    strcat(long_weight, "1*man");
    CHECK_INT(c, gf_expr_parse(long_weight, &e, &err), GF_ERR_FORMAT);
    CHECK(c, strstr(err.message, "expected a number of at most 63 characters at character 8"));
    CHECK_INT(c, e.error_at, 7);
    /* Sixteen words parse, seventeen do not. */
    char many[256] = "a";
    for (int i = 1; i < 16; i++)
        strcat(many, " + a");
    CHECK_INT(c, gf_expr_parse(many, &e, &err), GF_OK);
    strcat(many, " + a");
    CHECK_INT(c, gf_expr_parse(many, &e, &err), GF_ERR_FORMAT);
}

/* ---- the glossary -------------------------------------------------------------------------- */

static const char *const tiny_glossary =
    "# a comment, then an empty line\n"
    "\n"
    "король\tking\n"
    "королева\tqueen\n"
    "мужчина\tman\n"
    "женщина\twoman\n"
    "тётя\taunt\n"
    "Москва\tmoscow\n"
    "царь\tking\n";

static void test_glossary(check_ctx *c)
{
    char path[PATH_LEN];
    check_tmp_path(path, sizeof path, "glossary_ok.txt");
    CHECK(c, write_text(path, tiny_glossary));
    gf_glossary *g = NULL;
    gf_error err;
    if (!CHECK_OK(c, gf_glossary_load(&g, path, &err), &err))
        return;
    CHECK_INT(c, gf_glossary_count(g), 7);
    CHECK_STR(c, gf_glossary_russian_at(g, 0), "король");
    CHECK_INT(c, gf_glossary_line_at(g, 0), 3);
    CHECK_STR(c, gf_glossary_to_english(g, "царь"), "king");
    CHECK_STR(c, gf_glossary_to_english(g, "КОРОЛЕВА"), "queen");
    CHECK_STR(c, gf_glossary_to_english(g, "тетя"), "aunt");      /* ё = е */
    CHECK_STR(c, gf_glossary_to_english(g, "ТЁТЯ"), "aunt");
    CHECK_STR(c, gf_glossary_to_english(g, "москва"), "moscow");
    CHECK(c, gf_glossary_to_english(g, "принц") == NULL);
    CHECK_STR(c, gf_glossary_to_russian(g, "king"), "король");    /* the first line wins */
    CHECK_STR(c, gf_glossary_to_russian(g, "Moscow"), "Москва");
    CHECK(c, gf_glossary_to_russian(g, "prince") == NULL);
    const char *close[5];
    /* королев: королева is 1 edit away, король 2; within max(2, 7 / 2) edits. */
    int n = gf_glossary_suggest(g, "королев", close, 5);
    CHECK_INT(c, n, 2);
    CHECK_STR(c, close[0], "королева");
    CHECK_STR(c, close[1], "король");
    CHECK_INT(c, gf_glossary_suggest(g, "корол", close, 5), 1);
    gf_glossary_free(g);

    struct {
        const char *text, *needle;
    } bad[] = {
        {"король king\n", "line 1: expected RUSSIAN<TAB>ENGLISH"},
        {"король\tking\tмонарх\n", "line 1: expected RUSSIAN<TAB>ENGLISH"},
        {"king\tking\n", "line 1: 'king' is not one Russian word"},
        {"король\tкороль\n", "line 1: 'король' is not one English word"},
        {"король\t\n", "line 1: '' is not one English word"},
        {"король\tking\n# x\nКороль\tmonarch\n", "line 3: 'Король' is already on line 1"},
        {"тётя\taunt\nтетя\tauntie\n", "line 2: 'тетя' is already on line 1"},
        {"король\tking\nкорол\xff\tking\n", "line 2: not valid UTF-8"},
        {"# only a comment\n", "no entries"},
        /* A carriage return inside a word is shown as '?' (fuzz finding). */
        {"коро\rль\tking\n", "line 1: 'коро?ль' is not one Russian word"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        check_tmp_path(path, sizeof path, "glossary_bad.txt");
        CHECK(c, write_text(path, bad[i].text));
        gf_error_clear(&err);
        g = NULL;
        gf_status status = gf_glossary_load(&g, path, &err);
        bool ok = status != GF_OK && g == NULL && strstr(err.message, "glossary_bad.txt") &&
                  strstr(err.message, bad[i].needle) && !strchr(err.message, '\n');
        if (!ok)
            fprintf(stderr, "  case %zu: \"%s\"\n", i, err.message);
        check_true(c, ok, bad[i].needle, __FILE__, __LINE__);
        gf_glossary_free(g);
    }
}

/* ---- lookups on a tiny folder -------------------------------------------------------------- */

static void test_lookup(check_ctx *c)
{
    /* Unit rows straight away: each word its own axis but king and queen. */
    const char *words = "man\nwoman\nking\nqueen\naunt\nmoscow\nsister\n";
    float rows[7 * 3] = {1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0.2f, 0, 0, 1, 0.2f, 1, 0};
    char dir[PATH_LEN / 2], path[PATH_LEN];
    check_tmp_path(dir, sizeof dir, "vectors_lookup");
    snprintf(path, sizeof path, "mkdir -p '%s'", dir);
    CHECK_INT(c, system(path), 0);
    gf_st_writer w;
    gf_error err;
    gf_st_writer_init(&w);
    int64_t shape[2] = {7, 3};
    snprintf(path, sizeof path, "%s/vectors.safetensors", dir);
    CHECK(c, gf_st_writer_add_f32(&w, "vectors", 2, shape, rows, GF_DTYPE_F32, &err) == GF_OK &&
             gf_st_writer_write(&w, path, &err) == GF_OK);
    gf_st_writer_free(&w);
    snprintf(path, sizeof path, "%s/words.txt", dir);
    CHECK(c, write_text(path, words));
    check_tmp_path(path, sizeof path, "glossary_lookup.txt");
    CHECK(c, write_text(path, tiny_glossary));
    gf_vectors v;
    gf_glossary *g = NULL;
    if (!CHECK_OK(c, gf_vectors_load(&v, dir, &err), &err) ||
        !CHECK_OK(c, gf_glossary_load(&g, path, &err), &err))
        return;

    gf_expr e;
    gf_analogy_terms t;
    CHECK_OK(c, gf_expr_parse("КОРОЛЬ − мужчина + Женщина", &e, &err), &err);
    if (CHECK_OK(c, gf_analogy_lookup(&v, g, &e, &t, &err), &err)) {
        CHECK(c, t.russian);
        CHECK_INT(c, t.rows[0], 2);
        CHECK_STR(c, t.looked_up[1], "man");
        CHECK_INT(c, t.unknown, -1);
        CHECK_INT(c, t.n_exclude, 3);
        float query[3];
        CHECK_OK(c, gf_analogy_query(&v, &e, &t, query, &err), &err);
        /* king/√2 − man + woman, by hand. */
        CHECK_NEAR(c, query[0], 1 / sqrt(2.0) - 1, 1e-6);
        CHECK_NEAR(c, query[1], 1.0, 1e-6);
        CHECK_NEAR(c, query[2], 1 / sqrt(2.0), 1e-6);
        gf_vectors_hit hits[4];
        int n = gf_vectors_nearest(&v, query, t.exclude, t.n_exclude, hits, 4);
        CHECK(c, n == 4 && hits[0].row == 3);
        CHECK_STR(c, gf_analogy_label(&v, g, t.russian, hits[0].row), "королева");
        /* sister has no Russian label: the English word is shown. */
        CHECK_STR(c, gf_analogy_label(&v, g, true, 6), "sister");
        CHECK_STR(c, gf_analogy_label(&v, g, false, 3), "queen");
    }
    /* Weights scale the sum. */
    CHECK_OK(c, gf_expr_parse("0.5*king + 2*aunt", &e, &err), &err);
    if (CHECK_OK(c, gf_analogy_lookup(&v, g, &e, &t, &err), &err)) {
        float query[3];
        CHECK_OK(c, gf_analogy_query(&v, &e, &t, query, &err), &err);
        double aunt_norm = sqrt(1.04);
        CHECK_NEAR(c, query[1], 2.0 / aunt_norm, 1e-6);
        CHECK_NEAR(c, query[2], 0.5 / sqrt(2.0) + 2 * 0.2 / aunt_norm, 1e-6);
    }
    /* Unknown words: English with suggestions, Russian through the glossary. */
    CHECK_OK(c, gf_expr_parse("king - mna + woman", &e, &err), &err);
    CHECK_INT(c, gf_analogy_lookup(&v, g, &e, &t, &err), GF_ERR_ARGUMENT);
    CHECK_INT(c, t.unknown, 1);
    CHECK(c, t.n_suggestions >= 1 && strcmp(t.suggestions[0], "man") == 0);
    CHECK(c, strstr(err.message, "unknown word 'mna' (closest: man") != NULL);
    CHECK_OK(c, gf_expr_parse("королва", &e, &err), &err);
    CHECK_INT(c, gf_analogy_lookup(&v, g, &e, &t, &err), GF_ERR_ARGUMENT);
    CHECK(c, strstr(err.message, "'королва' is not in the glossary (closest: королева") != NULL);
    CHECK_OK(c, gf_expr_parse("король", &e, &err), &err);
    CHECK_INT(c, gf_analogy_lookup(&v, NULL, &e, &t, &err), GF_ERR_ARGUMENT);
    CHECK(c, strstr(err.message, "need the glossary") != NULL);
    CHECK_OK(c, gf_expr_parse("xyzzyq", &e, &err), &err);
    CHECK_INT(c, gf_analogy_lookup(&v, g, &e, &t, &err), GF_ERR_ARGUMENT);
    CHECK_INT(c, t.n_suggestions, 0);
    CHECK_STR(c, err.message, "unknown word 'xyzzyq'");
    /* Words that cancel out. */
    CHECK_OK(c, gf_expr_parse("king - KING", &e, &err), &err);
    if (CHECK_OK(c, gf_analogy_lookup(&v, g, &e, &t, &err), &err)) {
        float query[3];
        CHECK_INT(c, gf_analogy_query(&v, &e, &t, query, &err), GF_ERR_RANGE);
    }
    gf_glossary_free(g);
    gf_vectors_free(&v);
}

/* ---- the shipped folder -------------------------------------------------------------------- */

/* The top result for text, its label. */
static const char *top_label(check_ctx *c, const gf_vectors *v, const gf_glossary *g,
                             const char *text)
{
    gf_expr e;
    gf_analogy_terms t;
    gf_error err;
    float query[GF_VECTORS_MAX_DIM > 1024 ? 1024 : GF_VECTORS_MAX_DIM];
    gf_vectors_hit hit;
    if (!CHECK_OK(c, gf_expr_parse(text, &e, &err), &err) ||
        !CHECK_OK(c, gf_analogy_lookup(v, g, &e, &t, &err), &err) || v->dim > 1024 ||
        !CHECK_OK(c, gf_analogy_query(v, &e, &t, query, &err), &err) ||
        gf_vectors_nearest(v, query, t.exclude, t.n_exclude, &hit, 1) != 1)
        return "";
    return gf_analogy_label(v, g, t.russian, hit.row);
}

static void test_shipped_folder(check_ctx *c)
{
    const char *assets = getenv("GF_TEST_ASSETS");
    char dir[PATH_LEN / 2], path[PATH_LEN];
    snprintf(dir, sizeof dir, "%s/vectors/en", assets ? assets : "assets");
    snprintf(path, sizeof path, "%s/%s", dir, GF_GLOSSARY_FILE);
    gf_vectors v;
    gf_glossary *g = NULL;
    gf_error err;
    if (!CHECK_OK(c, gf_vectors_load(&v, dir, &err), &err))
        return;
    CHECK_INT(c, v.count, 50000);
    CHECK_INT(c, v.dim, 100);
    if (CHECK_OK(c, gf_glossary_load(&g, path, &err), &err)) {
        CHECK(c, gf_glossary_count(g) >= 1500);
        int missing = 0;
        for (int i = 0; i < gf_glossary_count(g); i++) {
            if (gf_vectors_find(&v, gf_glossary_english_at(g, i)) >= 0)
                continue;
            fprintf(stderr, "  %s line %d: '%s' is not in words.txt\n", path,
                    gf_glossary_line_at(g, i), gf_glossary_english_at(g, i));
            missing++;
        }
        CHECK_INT(c, missing, 0);
        /* The words the issue and the presets name. */
        const char *needed[] = {"король", "королева", "мужчина", "женщина", "мальчик", "девочка",
                                "принц", "принцесса", "отец", "мать", "брат", "сестра", "сын",
                                "дочь", "дядя", "тётя", "Москва", "Россия", "Париж", "Франция",
                                "Лондон", "Англия", "Берлин", "Германия", "Рим", "Италия",
                                "Токио", "Япония"};
        for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++)
            check_true(c, gf_glossary_to_english(g, needed[i]) != NULL, needed[i], __FILE__,
                       __LINE__);
    }
    CHECK_STR(c, top_label(c, &v, g, "king - man + woman"), "queen");
    CHECK_STR(c, top_label(c, &v, g, "король − мужчина + женщина"), "королева");
    CHECK_STR(c, top_label(c, &v, g, "Париж − Франция + Германия"), "Берлин");
    /* Every preset, in both languages, gives its answer at rank 1. */
    CHECK(c, gf_analogy_preset_count() >= 5);
    for (int i = 0; i < gf_analogy_preset_count(); i++) {
        const gf_analogy_preset *p = gf_analogy_preset_at(i);
        check_str_eq(c, top_label(c, &v, g, p->english), p->answer_en, p->english, __FILE__,
                     __LINE__);
        check_str_eq(c, top_label(c, &v, g, p->russian), p->answer_ru, p->russian, __FILE__,
                     __LINE__);
    }
    CHECK(c, gf_analogy_preset_at(gf_analogy_preset_count()) == NULL);
    gf_glossary_free(g);
    gf_vectors_free(&v);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "analogy");
    test_parse(&c);
    test_glossary(&c);
    test_lookup(&c);
    test_shipped_folder(&c);
    return check_end(&c);
}
