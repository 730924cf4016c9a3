/* test_lesson.c — the lesson file parser (core/lesson.c): a good lesson with
 * carried-over settings, the text's placeholders, and broken files whose
 * messages (file:line:col: expected …) are written out by hand. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "lesson.h"
#include "lesson_screens.h"

static const char GOOD[] =
    "# a comment\n"
    "title: Attention, briefly\n"
    "model: default\n"
    "\n"
    "--- The prompt\n"
    "prompt: \" The king and the queen\"\n"
    "screen: tokens\n"
    "\n"
    "The prompt has {tokens} tokens;\n"
    "the first is {token 0}.\n"
    "\n"
    "A second paragraph with {{braces}}.\n"
    "---\n"
    "screen: softmax\n"
    "layer: 2\n"
    "head: 1\n"
    "position: 4\n"
    "ask: attention\n"
    "\n"
    "Which earlier token will «queen» look at most?\n"
    "--- Reveal\n"
    "cell: 4 1\n"
    "temperature: 0\n"
    "seed: 7\n"
    "\n"
    "It is {answer} with weight {attn_top_weight}; P({prob \" queen\"}).\n"
    "---\n"
    "screen: analogy\n"
    "analogy: king - man + woman\n"
    "position: last\n";

static void test_good(check_ctx *c)
{
    gf_lesson l;
    gf_error err;
    if (!check_ok(c, gf_lesson_parse(GOOD, strlen(GOOD), "good.lesson", &l, &err), err.message,
                  "parse good", __FILE__, __LINE__))
        return;
    CHECK_STR(c, l.title, "Attention, briefly");
    CHECK_STR(c, l.model, "default");
    CHECK_INT(c, l.n_steps, 4);
    const gf_lesson_step *s = l.steps;
    CHECK_STR(c, s[0].heading, "The prompt");
    CHECK_STR(c, s[0].prompt, " The king and the queen");
    CHECK_STR(c, s[0].text, "The prompt has {tokens} tokens; the first is {token 0}.\n"
                            "A second paragraph with {{braces}}.");
    CHECK_INT(c, s[0].at.line, 5);
    CHECK_INT(c, s[0].text_at.line, 9);
    CHECK_INT(c, s[0].position, -1);
    CHECK_NEAR(c, s[0].temperature, 0.7, 1e-6);
    CHECK_INT(c, (long long)s[0].seed, 42);
    /* Step 2 keeps the prompt, sets the rest. */
    CHECK_STR(c, s[1].heading, "");
    CHECK_STR(c, s[1].prompt, " The king and the queen");
    CHECK_INT(c, s[1].set_at[GF_LESSON_KEY_PROMPT].line, 6);
    CHECK_INT(c, s[1].set_at[GF_LESSON_KEY_PROMPT].col, 9);
    CHECK_STR(c, s[1].screen, "softmax");
    CHECK_INT(c, s[1].layer, 2);
    CHECK_INT(c, s[1].head, 1);
    CHECK_INT(c, s[1].position, 4);
    CHECK_INT(c, s[1].ask, GF_LESSON_ASK_ATTENTION);
    CHECK_INT(c, s[1].set_at[GF_LESSON_KEY_ASK].line, 18);
    /* Step 3: ask and cell do not carry over; the rest does. */
    CHECK_INT(c, s[2].ask, GF_LESSON_ASK_NONE);
    CHECK_INT(c, s[2].cell_row, 4);
    CHECK_INT(c, s[2].cell_col, 1);
    CHECK_INT(c, s[2].layer, 2);
    CHECK_NEAR(c, s[2].temperature, 0.0, 0.0);
    CHECK_INT(c, (long long)s[2].seed, 7);
    CHECK_INT(c, s[3].cell_row, -1);
    CHECK_INT(c, s[3].set_at[GF_LESSON_KEY_CELL].line, 0);
    CHECK_STR(c, s[3].analogy, "king - man + woman");
    CHECK_INT(c, s[3].position, -1);
    CHECK_STR(c, s[3].text, "");

    /* The text's pieces, in order. */
    const char *cur = s[2].text;
    gf_lesson_piece p;
    const char *want_lit[] = {"It is ", NULL, " with weight ", NULL, "; P(", NULL, ")."};
    int want_ph[] = {-1, GF_LESSON_PH_ANSWER, -1, GF_LESSON_PH_ATTN_TOP_WEIGHT, -1,
                     GF_LESSON_PH_PROB, -1};
    int i = 0;
    while (gf_lesson_text_next(&cur, &p) && i < 7) {
        if (want_lit[i] != NULL) {
            CHECK(c, !p.is_placeholder);
            CHECK(c, p.literal_len == strlen(want_lit[i]) &&
                         memcmp(p.literal, want_lit[i], p.literal_len) == 0);
        } else {
            CHECK(c, p.is_placeholder);
            CHECK_INT(c, p.ph, want_ph[i]);
        }
        if (i == 5)
            CHECK_STR(c, p.arg, " queen");
        i++;
    }
    CHECK_INT(c, i, 7);
    CHECK(c, !gf_lesson_text_next(&cur, &p));
    /* {token 0} has its number; "{{" is one literal brace. */
    cur = s[0].text;
    int n_tok = 0, braces = 0;
    while (gf_lesson_text_next(&cur, &p)) {
        if (p.is_placeholder && p.ph == GF_LESSON_PH_TOKEN) {
            CHECK_INT(c, p.number, 0);
            n_tok++;
        }
        if (!p.is_placeholder && p.literal_len == 1 && (p.literal[0] == '{' || p.literal[0] == '}'))
            braces++;
    }
    CHECK_INT(c, n_tok, 1);
    CHECK_INT(c, braces, 2);
    gf_lesson_free(&l);
}

/* Each broken text and the exact message it must give. */
static void test_errors(check_ctx *c)
{
    static const struct {
        const char *text, *message;
    } CASES[] = {
        {"", "x.lesson:1:1: expected a 'title: …' line in the header, before the first '---'"},
        {"title: T\n", "x.lesson:1:9: expected at least one step: a line starting with '---'"},
        {"title T\n---\n", "x.lesson:1:6: expected a header line 'title: …' or 'model: …' "
                           "(steps start at a line '---')"},
        {"title: T\nauthor: me\n---\n", "x.lesson:2:1: expected 'title' or 'model' in the header"},
        {"title: T\nmodel: ../x\n---\n",
         "x.lesson:2:8: expected a model folder name under assets/models/ (no '/', no spaces, "
         "not starting with '.')"},
        {"title: T\n---\nlayer: two\n",
         "x.lesson:3:8: expected a layer number from 0"},
        {"title: T\n---\nколор: 1\n",
         "x.lesson:3:1: expected a setting 'key: value' (a step's settings end at its first "
         "blank line; its text follows the blank line)"},
        {"title: T\n---\nscreen: sofmax\n",
         "x.lesson:3:9: expected a stage key (tokens, embed, norm_1, qkv, scores, mask, softmax, "
         "weighted, concat, attn_proj, residual_1, norm_2, ffn_up, activation, ffn_down, "
         "residual_2, final_norm, logits, probs) or a screen (overview, temperature, analogy, "
         "lens, cache, params, loss)"},
        {"title: T\n---\nscreen: temperature\nbeams: 0\n",
         "x.lesson:4:8: expected beams: a number of beams from 1 to 16 (the temperature screen "
         "then shows their tree)"},
        {"title: T\n---\nbeams: 17\n",
         "x.lesson:3:8: expected beams: a number of beams from 1 to 16 (the temperature screen "
         "then shows their tree)"},
        {"title: T\n---\nbeams: three\n",
         "x.lesson:3:8: expected beams: a number of beams from 1 to 16 (the temperature screen "
         "then shows their tree)"},
        {"title: T\n---\nbeams: 3\nbeams: 4\n", "x.lesson:4:1: expected 'beams' only once in a step"},
        {"title: T\n---\nhead: 1\nhead: 2\n", "x.lesson:4:1: expected 'head' only once in a step"},
        {"title: T\n---\ntemperature: hot\n",
         "x.lesson:3:14: expected a temperature in [0, 100], such as 0.7"},
        {"title: T\n---\ncell: 3\n",
         "x.lesson:3:7: expected two numbers 'ROW COLUMN': the query position and the key "
         "position of an attention cell"},
        {"title: T\n---\nask: why\n---\n",
         "x.lesson:3:6: expected what the question asks: next, attention or analogy"},
        {"title: T\n---\nask: next\n",
         "x.lesson:3:6: expected a step after this one to reveal the answer to 'ask'"},
        {"title: T\n---\nprompt: x\n\nВсего {tokenz} токенов\n",
         "x.lesson:5:8: expected a placeholder name (tokens, token N, token_id N, top1, top1_prob, "
         "prob \"TEXT\", logit \"TEXT\", attn_top, attn_top_weight, weight, score, analogy1, "
         "analogy1_cos, params, params PRESET, n_layer, n_head, n_embd, head_size, "
         "sqrt_head_size, d_ff, vocab, n_ctx, model, loss_first, loss_last, train_steps, answer) "
         "after '{' (write {{ for a brace)"},
        /* The settings and placeholders of the lesson-player branch. */
        {"title: T\n---\nmodel: my model\n",
         "x.lesson:3:10: expected a model folder name under assets/models/ (no '/', no spaces, "
         "not starting with '.')"},
        {"title: T\n---\nmodel: .hidden\n",
         "x.lesson:3:8: expected a model folder name under assets/models/ (no '/', no spaces, "
         "not starting with '.')"},
        {"title: T\n---\ntop_k: -1\n",
         "x.lesson:3:8: expected top_k: a whole number of tokens to keep, 0 for off"},
        {"title: T\n---\ntop_p: 0\n",
         "x.lesson:3:8: expected top_p: a probability in (0, 1], such as 0.9 (1 for off)"},
        {"title: T\n---\ntop_p: 1.5\n",
         "x.lesson:3:8: expected top_p: a probability in (0, 1], such as 0.9 (1 for off)"},
        {"title: T\n---\nexplain: attn.sores 1 0\n",
         "x.lesson:3:10: expected explain: a trace key whose values can be explained (such as "
         "attn.scores, attn.weights, x0, mlp.act, logits, probs), then ROW COL"},
        {"title: T\n---\nexplain: attn.scores 1\n",
         "x.lesson:3:22: expected two numbers ROW COL after the key, as in 'explain: "
         "attn.scores 5 1'"},
        {"title: T\n---\nmodel: seeds\nmodel: default\n",
         "x.lesson:4:1: expected 'model' only once in a step"},
        {"title: T\n---\n\n{params gpt5}\n",
         "x.lesson:4:9: expected a preset name after 'params' (those of glassformer-cli params "
         "--preset), as in {params gpt2} or {params gpt3}"},
        {"title: T\n---\n\n{logit king}\n",
         "x.lesson:4:8: expected a quoted token, as in {prob \" queen\"}"},
        {"title: T\n---\n\n{token_id}\n",
         "x.lesson:4:10: expected a space and a token number, as in {token 3}"},
        {"title: T\n---\n\n{score 1}\n", "x.lesson:4:7: expected '}' to close the placeholder"},
        {"title: T\n---\n\nsee {token x}\n",
         "x.lesson:4:12: expected a token number from 0, as in {token 3}"},
        {"title: T\n---\n\nsee {prob \" queen}\n",
         "x.lesson:4:19: expected a closing '\"' on the same line"},
        {"title: T\n---\n\nsee {top1\n", "x.lesson:4:10: expected '}' to close the placeholder"},
        {"title: T\n---\n\na } b\n",
         "x.lesson:4:3: expected '}}' for a brace in text (a single '}' closes nothing)"},
        {"title: T\n---\n\nit is {answer}\n",
         "x.lesson:4:7: expected {answer} only in the step right after a step with 'ask:'"},
        {"title: T\n---\nprompt:\n", "x.lesson:3:8: expected a value after 'key:'"},
        {"title: T\n---\n\nbad \xff byte\n",
         "x.lesson:4:5: expected UTF-8 text (this byte starts no valid character)"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        gf_lesson l;
        gf_error err;
        gf_error_clear(&err);
        gf_status st = gf_lesson_parse(CASES[i].text, strlen(CASES[i].text), "x.lesson", &l, &err);
        if (!CHECK(c, st == GF_ERR_FORMAT))
            fprintf(stderr, "  case %zu parsed\n", i);
        if (!CHECK_STR(c, err.message, CASES[i].message))
            fprintf(stderr, "  case %zu\n", i);
        CHECK_INT(c, l.n_steps, 0);
    }
    /* An analogy expression is checked by core's own expression parser. */
    const char *bad_expr = "title: T\n---\nanalogy: king - - man\n";
    gf_lesson l;
    gf_error err;
    CHECK(c, gf_lesson_parse(bad_expr, strlen(bad_expr), "x.lesson", &l, &err) == GF_ERR_FORMAT);
    CHECK(c, strncmp(err.message, "x.lesson:3:", 11) == 0 &&
                 strstr(err.message, "an analogy expression") != NULL);
    /* A missing file names itself. */
    CHECK(c, gf_lesson_load("/nonexistent/a.lesson", &l, &err) == GF_ERR_IO);
    CHECK_STR(c, err.message, "/nonexistent/a.lesson: missing (No such file or directory)");
}

/* model, top_k, top_p carry over from step to step; explain and beams
 * belong to their own step; the new placeholders parse with their
 * arguments. */
static const char NEW_KEYS[] =
    "title: Sizes\n"
    "model: bilingual\n"
    "---\n"
    "prompt: Король\n"
    "top_k: 5\n"
    "\n"
    "{n_layer} {n_head} {n_embd} {head_size} {sqrt_head_size} {d_ff} {vocab} {n_ctx} {model}\n"
    "--- two\n"
    "model: seeds\n"
    "top_p: 0.9\n"
    "cell: 2 1\n"
    "explain: attn.scores 2 1\n"
    "beams: 16\n"
    "\n"
    "{token_id 1} {score} {logit \" king\"} {params} {params gpt3} {loss_first} {loss_last} "
    "{train_steps}\n"
    "---\n"
    "top_k: 0\n";

static void test_new_keys(check_ctx *c)
{
    gf_lesson l;
    gf_error err;
    if (!check_ok(c, gf_lesson_parse(NEW_KEYS, strlen(NEW_KEYS), "n.lesson", &l, &err),
                  err.message, "parse new keys", __FILE__, __LINE__))
        return;
    CHECK_INT(c, l.n_steps, 3);
    const gf_lesson_step *s = l.steps;
    CHECK_STR(c, s[0].model, "bilingual");       /* from the header */
    CHECK_INT(c, s[0].set_at[GF_LESSON_KEY_MODEL].line, 2);
    CHECK_INT(c, s[0].top_k, 5);
    CHECK_NEAR(c, s[0].top_p, 1.0, 0.0);          /* default: off */
    CHECK_STR(c, s[0].explain_key, "");
    CHECK_STR(c, s[1].model, "seeds");
    CHECK_INT(c, s[1].set_at[GF_LESSON_KEY_MODEL].line, 9);
    CHECK_INT(c, s[1].top_k, 5);                  /* carried over */
    CHECK_NEAR(c, s[1].top_p, 0.9, 1e-6);
    CHECK_STR(c, s[1].explain_key, "attn.scores");
    CHECK_INT(c, s[1].explain_row, 2);
    CHECK_INT(c, s[1].explain_col, 1);
    CHECK_INT(c, s[1].set_at[GF_LESSON_KEY_EXPLAIN].line, 12);
    CHECK_INT(c, s[0].beams, 0);
    CHECK_INT(c, s[1].beams, 16);
    CHECK_INT(c, s[1].set_at[GF_LESSON_KEY_BEAMS].line, 13);
    CHECK_INT(c, s[1].set_at[GF_LESSON_KEY_BEAMS].col, 8);
    CHECK_INT(c, s[2].beams, 0);                  /* its own step only */
    CHECK_INT(c, s[2].set_at[GF_LESSON_KEY_BEAMS].line, 0);
    CHECK_STR(c, s[2].model, "seeds");            /* carried over */
    CHECK_INT(c, s[2].top_k, 0);
    CHECK_NEAR(c, s[2].top_p, 0.9, 1e-6);
    CHECK_STR(c, s[2].explain_key, "");           /* its own step only */
    CHECK_INT(c, s[2].explain_row, -1);
    CHECK_INT(c, s[2].set_at[GF_LESSON_KEY_EXPLAIN].line, 0);
    /* The placeholders of steps 1 and 2, in order, with their arguments. */
    const int want0[] = {GF_LESSON_PH_N_LAYER, GF_LESSON_PH_N_HEAD, GF_LESSON_PH_N_EMBD,
                         GF_LESSON_PH_HEAD_SIZE, GF_LESSON_PH_SQRT_HEAD_SIZE, GF_LESSON_PH_D_FF,
                         GF_LESSON_PH_VOCAB, GF_LESSON_PH_N_CTX, GF_LESSON_PH_MODEL};
    const int want1[] = {GF_LESSON_PH_TOKEN_ID, GF_LESSON_PH_SCORE, GF_LESSON_PH_LOGIT,
                         GF_LESSON_PH_PARAMS, GF_LESSON_PH_PRESET_PARAMS, GF_LESSON_PH_LOSS_FIRST,
                         GF_LESSON_PH_LOSS_LAST, GF_LESSON_PH_TRAIN_STEPS};
    const int *want[] = {want0, want1};
    const int n_want[] = {9, 8};
    for (int k = 0; k < 2; k++) {
        const char *cur = s[k].text;
        gf_lesson_piece p;
        int n = 0;
        while (gf_lesson_text_next(&cur, &p)) {
            if (!p.is_placeholder)
                continue;
            if (n < n_want[k])
                CHECK_INT(c, p.ph, want[k][n]);
            if (p.ph == GF_LESSON_PH_TOKEN_ID)
                CHECK_INT(c, p.number, 1);
            if (p.ph == GF_LESSON_PH_LOGIT)
                CHECK_STR(c, p.arg, " king");
            if (p.ph == GF_LESSON_PH_PRESET_PARAMS)
                CHECK_STR(c, p.arg, "gpt3");
            n++;
        }
        CHECK_INT(c, n, n_want[k]);
        CHECK_INT(c, s[k].n_placeholders, n_want[k]);
    }
    gf_lesson_free(&l);
}

static void test_screen_names(check_ctx *c)
{
    CHECK(c, gf_lesson_screen_known("softmax"));
    CHECK(c, gf_lesson_screen_known("analogy"));
    CHECK(c, !gf_lesson_screen_known("help"));
    CHECK(c, !gf_lesson_screen_known("quit"));
    CHECK(c, !gf_lesson_screen_known(""));
    CHECK(c, gf_lesson_screen_known("lens"));
    CHECK(c, gf_lesson_screen_known("cache"));
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "lesson");
    test_good(&c);
    test_errors(&c);
    test_new_keys(&c);
    test_screen_names(&c);
    return check_end(&c);
}
