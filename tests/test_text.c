/* test_text.c — the text-file format (core/text.h): entries, escapes,
 * comments, errors with file and line, the translation check and slots. */
#include "check.h"
#include "text.h"

#include <string.h>

static bool parse(gf_text *t, const char *src, gf_error *e)
{
    return gf_text_parse(t, src, strlen(src), "x.txt", e) == GF_OK;
}

static void test_parse(check_ctx *c)
{
    gf_text t;
    gf_error e;
    const char *src = "# a comment\n\nui.a = Hello, %s!\n  b_2.c=  two  words  \r\n"
                      "esc = a\\nb \\\\ c\nempty =\nlast = no newline";
    if (!CHECK_OK(c, gf_text_parse(&t, src, strlen(src), "x.txt", &e), &e))
        return;
    CHECK_INT(c, t.n, 5);
    CHECK_STR(c, gf_text_get(&t, "ui.a"), "Hello, %s!");
    CHECK_STR(c, gf_text_get(&t, "b_2.c"), "two  words");
    CHECK_STR(c, gf_text_get(&t, "esc"), "a\nb \\ c");
    CHECK_STR(c, gf_text_get(&t, "empty"), "");
    CHECK_STR(c, gf_text_get(&t, "last"), "no newline");
    CHECK(c, gf_text_get(&t, "missing") == NULL);
    CHECK_INT(c, t.items[2].line, 5);
    gf_text_free(&t);
}

static void test_errors(check_ctx *c)
{
    static const struct {
        const char *src, *want;
    } cases[] = {
        {"a = 1\nno equals sign\n", "x.txt:2: expected 'key = value'"},
        {"a = 1\n\n\na = 2\n", "x.txt:4: this key was given before"},
        {"a b = 1\n", "x.txt:1: a key is letters, digits, '_' and '.'"},
        {" = 1\n", "x.txt:1: an empty key"},
        {"a = \\t\n", "x.txt:1: an unknown escape (only \\n and \\\\)"},
        {"a = \xd0\n", "x.txt: not valid UTF-8 at byte 4"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gf_text t;
        gf_error e;
        gf_error_clear(&e);
        CHECK(c, !parse(&t, cases[i].src, &e));
        CHECK_STR(c, e.message, cases[i].want);
    }
    gf_text t;
    gf_error e;
    CHECK(c, gf_text_load(&t, "/nonexistent/en.txt", &e) != GF_OK);
    CHECK(c, strstr(e.message, "/nonexistent/en.txt") != NULL);
}

static void test_check(check_ctx *c)
{
    gf_text en, ok, missing, extra, conv, slot;
    gf_error e;
    if (!parse(&en, "a = %d of %s\nb = x = {T} × {C}\n", &e))
        return;
    en.source[0] = '\0';
    strcpy(en.source, "en.txt");
    CHECK(c, parse(&ok, "b = {C} и {T}\na = %d из %s\n", &e));
    CHECK_OK(c, gf_text_check(&ok, &en, &e), &e);
    CHECK(c, parse(&missing, "a = %d %s\n", &e));
    CHECK(c, gf_text_check(&missing, &en, &e) != GF_OK);
    CHECK_STR(c, e.message, "x.txt: missing key b (en.txt:2 has it)");
    CHECK(c, parse(&extra, "a = %d %s\nb = {T}{C}\nc = more\n", &e));
    CHECK(c, gf_text_check(&extra, &en, &e) != GF_OK);
    CHECK_STR(c, e.message, "x.txt:3: c: not a key of en.txt");
    CHECK(c, parse(&conv, "a = %s %d\nb = {T}{C}\n", &e));
    CHECK(c, gf_text_check(&conv, &en, &e) != GF_OK);
    CHECK_STR(c, e.message, "x.txt:1: a: printf conversions \"%s%d\", en.txt has \"%d%s\"");
    CHECK(c, parse(&slot, "a = %d %s\nb = {T} × {F}\n", &e));
    CHECK(c, gf_text_check(&slot, &en, &e) != GF_OK);
    CHECK_STR(c, e.message, "x.txt:2: b: the {slots} differ from en.txt's");
    gf_text *all[] = {&en, &ok, &missing, &extra, &conv, &slot};
    for (int i = 0; i < 6; i++)
        gf_text_free(all[i]);
}

static void test_fill(check_ctx *c)
{
    const gf_text_slot slots[] = {{"T", "7"}, {"hs", "64"}};
    char buf[64];
    CHECK_INT(c, gf_text_fill("S = QKᵀ/√{hs} ({T} × {T}) {x} {", slots, 2, buf, sizeof buf),
              strlen("S = QKᵀ/√64 (7 × 7) {x} {"));
    CHECK_STR(c, buf, "S = QKᵀ/√64 (7 × 7) {x} {");
    char tiny[6];
    CHECK_INT(c, gf_text_fill("{hs}{hs}{hs}", slots, 2, tiny, sizeof tiny), 6);
    CHECK_STR(c, tiny, "64646");
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_text");
    test_parse(&c);
    test_errors(&c);
    test_check(&c);
    test_fill(&c);
    return check_end(&c);
}
