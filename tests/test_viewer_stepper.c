/* test_viewer_stepper.c — scripted key sequences drive the viewer's stepper
 * to hand-worked (position, layer, head, stage) states, both through the
 * pure state machine and through the app's SDL key handling. */
#include "check.h"

#include "app.h"
#include "stepper.h"

#include <stdlib.h>
#include <string.h>

/* Pre-norm GPT-2 order: tokens, embed, 14 per-layer stages, final_norm,
 * logits, probs. */
static void test_walk(check_ctx *c)
{
    gf_config cfg;
    gf_config_default(&cfg);
    cfg.n_layer = 2;
    cfg.n_head = 4;
    gf_stepper s;
    gf_stepper_init(&s, &cfg, 6);
    CHECK_INT(c, s.n_stages, 19);
    CHECK_INT(c, s.position, 5);
    CHECK_INT(c, gf_stepper_stage(&s), GF_STAGE_TOKENS);
    CHECK(c, !gf_stepper_key(&s, GF_KEY_PREV_STAGE));       /* nothing before the start */
    gf_stepper_key(&s, GF_KEY_NEXT_STAGE);
    gf_stepper_key(&s, GF_KEY_NEXT_STAGE);
    CHECK_INT(c, gf_stepper_stage(&s), GF_STAGE_NORM_1);
    CHECK_INT(c, s.layer, 0);
    for (int i = 0; i < 13; i++)
        gf_stepper_key(&s, GF_KEY_NEXT_STAGE);
    CHECK_INT(c, gf_stepper_stage(&s), GF_STAGE_RESIDUAL_2);
    CHECK_INT(c, s.layer, 0);
    gf_stepper_key(&s, GF_KEY_NEXT_STAGE);                  /* into layer 1 */
    CHECK_INT(c, gf_stepper_stage(&s), GF_STAGE_NORM_1);
    CHECK_INT(c, s.layer, 1);
    gf_stepper_key(&s, GF_KEY_PREV_STAGE);                  /* back to layer 0's end */
    CHECK_INT(c, gf_stepper_stage(&s), GF_STAGE_RESIDUAL_2);
    CHECK_INT(c, s.layer, 0);
    CHECK(c, gf_stepper_key(&s, GF_KEY_LAYER_UP));
    CHECK_INT(c, s.layer, 1);
    CHECK(c, !gf_stepper_key(&s, GF_KEY_LAYER_UP));         /* only 2 layers */
    for (int i = 0; i < 14; i++)                            /* res_2(1) → probs */
        gf_stepper_key(&s, GF_KEY_NEXT_STAGE);
    CHECK_INT(c, gf_stepper_stage(&s), GF_STAGE_PROBS);
    CHECK_INT(c, s.stage, 18);
    CHECK(c, !gf_stepper_key(&s, GF_KEY_NEXT_STAGE));
    gf_stepper_key(&s, GF_KEY_NEXT_HEAD);
    gf_stepper_key(&s, GF_KEY_NEXT_HEAD);
    CHECK_INT(c, s.head, 2);
    gf_stepper_key(&s, GF_KEY_HEAD_1 + 3);
    CHECK_INT(c, s.head, 3);
    CHECK(c, !gf_stepper_key(&s, GF_KEY_HEAD_9));           /* no head 9 */
    gf_stepper_key(&s, GF_KEY_NEXT_HEAD);                   /* wraps */
    CHECK_INT(c, s.head, 0);
    gf_stepper_key(&s, GF_KEY_PREV_HEAD);
    CHECK_INT(c, s.head, 3);
    gf_stepper_key(&s, GF_KEY_PREV_POS);
    gf_stepper_key(&s, GF_KEY_PREV_POS);
    CHECK_INT(c, s.position, 3);
    gf_stepper_set_tokens(&s, 7);                           /* not at the end: stays */
    CHECK_INT(c, s.position, 3);
    for (int i = 0; i < 10; i++)
        gf_stepper_key(&s, GF_KEY_NEXT_POS);
    CHECK_INT(c, s.position, 6);
    gf_stepper_set_tokens(&s, 8);                           /* at the end: follows */
    CHECK_INT(c, s.position, 7);
    gf_stepper_set_tokens(&s, 2);
    CHECK_INT(c, s.position, 1);
    gf_stepper_key(&s, GF_KEY_FIRST_STAGE);
    CHECK_INT(c, s.stage, 0);
    CHECK_INT(c, s.layer, 0);
}

/* Post-norm has no final norm: 2 + 14·… + logits + probs = 18 stages. */
/* The step in the whole pass: → from the first to the last stage counts
 * 1, 2, … M with M = 5 global stages + 14 per-layer stages × 4 layers = 61;
 * ↑ keeps the stage and moves 14 steps; Home / End are 1 and M. */
static void test_pass_steps(check_ctx *c)
{
    gf_config cfg;
    gf_config_default(&cfg);
    cfg.n_layer = 4;
    gf_stepper s;
    gf_stepper_init(&s, &cfg, 3);
    int total = 0, presses = 0;
    CHECK_INT(c, gf_stepper_step(&s, &total), 1);
    CHECK_INT(c, total, 61);
    bool counted = true;
    while (gf_stepper_key(&s, GF_KEY_NEXT_STAGE)) {
        presses++;
        counted &= gf_stepper_step(&s, &total) == presses + 1;
    }
    CHECK(c, counted);
    CHECK_INT(c, presses, 60);
    gf_stepper_key(&s, GF_KEY_FIRST_STAGE);
    CHECK_INT(c, gf_stepper_step(&s, &total), 1);
    gf_stepper_key(&s, GF_KEY_LAST_STAGE);
    CHECK_INT(c, gf_stepper_step(&s, &total), 61);
    CHECK_INT(c, gf_stepper_stage(&s), GF_STAGE_PROBS);
    gf_stepper_goto(&s, GF_STAGE_SOFTMAX);
    gf_stepper_set_layer(&s, 0);
    int at = gf_stepper_step(&s, &total);
    CHECK(c, gf_stepper_key(&s, GF_KEY_LAYER_UP));         /* the same stage, next layer */
    CHECK_INT(c, gf_stepper_stage(&s), GF_STAGE_SOFTMAX);
    CHECK_INT(c, gf_stepper_step(&s, &total), at + 14);
    CHECK(c, gf_stepper_key(&s, GF_KEY_LAYER_DOWN));
    CHECK_INT(c, gf_stepper_step(&s, &total), at);
}

static void test_post_norm(check_ctx *c)
{
    gf_config cfg;
    gf_config_default(&cfg);
    cfg.n_layer = 3;
    cfg.norm_placement = GF_NORM_POST;
    gf_stepper s;
    gf_stepper_init(&s, &cfg, 1);
    CHECK_INT(c, s.n_stages, 18);
    gf_stepper_key(&s, GF_KEY_LAST_STAGE);
    CHECK_INT(c, gf_stepper_stage(&s), GF_STAGE_PROBS);
    gf_stepper_key(&s, GF_KEY_PREV_STAGE);
    gf_stepper_key(&s, GF_KEY_PREV_STAGE);                  /* logits → last block stage */
    CHECK_INT(c, s.layer, 2);
    const gf_stage *st = gf_stage_get(gf_stepper_stage(&s));
    CHECK(c, st != NULL && st->per_layer);
}

/* The same walk through the app: --keys names → scancodes → the key table → stepper. */
static void test_app_keys(check_ctx *c)
{
    char *argv[] = {"glassformer", "--random", "tiny", "--prompt", "abcdef"};
    gf_options opt;
    char err[512] = "";
    CHECK(c, gf_options_parse(&opt, 5, argv, err, sizeof err));
    gf_app *app = calloc(1, sizeof *app);
    CHECK(c, app != NULL);
    if (app == NULL)
        return;
    bool ok = gf_app_open(app, &opt, err, sizeof err);
    CHECK(c, ok);
    if (ok) {
        CHECK_INT(c, app->s.n_tokens, 6);   /* byte-level: one token per letter */
        CHECK(c, gf_app_keys(app, "right,right,right,tab,tab,3,up,shift+left,shift+left,comma",
                             err, sizeof err));
        CHECK_INT(c, gf_stepper_stage(&app->st), GF_STAGE_QKV);
        CHECK_INT(c, app->st.head, 2);
        CHECK_INT(c, app->st.layer, 1);
        CHECK_INT(c, app->st.position, 2);
        CHECK(c, gf_app_keys(app, "space", err, sizeof err));   /* sample: one more token */
        CHECK_INT(c, app->s.n_tokens, 7);
        CHECK_INT(c, app->st.position, 6);
        CHECK(c, gf_app_keys(app, "backspace,backspace", err, sizeof err));
        CHECK_INT(c, app->s.n_tokens, 5);
        CHECK_INT(c, app->st.position, 4);
        CHECK(c, gf_app_keys(app, "r", err, sizeof err));       /* reset to the prompt */
        CHECK_INT(c, app->s.n_tokens, 6);
        /* Editing the prompt: Ctrl+L, erase, type Cyrillic (2 bytes a letter), Enter. */
        CHECK(c, gf_app_keys(app, "ctrl+l,backspace,backspace,backspace,backspace,backspace,backspace",
                             err, sizeof err));
        CHECK(c, app->editing);
        CHECK_STR(c, app->edit, "");
        CHECK(c, gf_app_text(app, "Кот"));
        CHECK(c, gf_app_keys(app, "backspace", err, sizeof err));   /* removes "т" whole */
        CHECK_STR(c, app->edit, "Ко");
        CHECK(c, gf_app_text(app, "т"));
        CHECK(c, gf_app_keys(app, "enter", err, sizeof err));
        CHECK(c, !app->editing);
        CHECK_STR(c, app->s.prompt, "Кот");
        CHECK_INT(c, app->s.n_tokens, 6);   /* byte-level: 3 letters × 2 bytes */
        CHECK_INT(c, app->st.position, 5);
        /* Ctrl+U clears the line, Ctrl+W takes the last word back. */
        CHECK(c, gf_app_keys(app, "ctrl+l,ctrl+u", err, sizeof err));
        CHECK_STR(c, app->edit, "");
        CHECK(c, gf_app_keys(app, "t", err, sizeof err));   /* typing presses keys */
        CHECK(c, gf_app_text(app, "the cat  sat"));
        CHECK(c, gf_app_keys(app, "ctrl+w", err, sizeof err));
        CHECK_STR(c, app->edit, "the cat  ");
        CHECK(c, gf_app_keys(app, "ctrl+w", err, sizeof err));
        CHECK_STR(c, app->edit, "the ");
        CHECK(c, gf_app_keys(app, "esc", err, sizeof err));      /* leave: prompt unchanged */
        CHECK(c, !app->editing && !app->quit);
        CHECK_STR(c, app->s.prompt, "Кот");
        CHECK(c, !gf_app_keys(app, "nosuchkey", err, sizeof err));
        CHECK(c, strstr(err, "nosuchkey") != NULL);
        /* Esc on the stage screen asks first: any other key stays, Enter quits. */
        CHECK(c, gf_app_keys(app, "esc", err, sizeof err));
        CHECK(c, app->overlay == GF_SCREEN_QUIT && !app->quit);
        CHECK(c, gf_app_keys(app, "space", err, sizeof err));
        CHECK(c, app->overlay == GF_SCREEN_NONE && !app->quit);
        CHECK_INT(c, app->s.n_tokens, 6);   /* the key only closed the question */
        CHECK(c, gf_app_keys(app, "esc,esc", err, sizeof err));   /* the second Esc closes it */
        CHECK(c, app->overlay == GF_SCREEN_NONE && !app->quit);
        CHECK(c, gf_app_keys(app, "esc,enter", err, sizeof err));
        CHECK(c, app->quit);
    }
    gf_app_free(app);
    free(app);
}

/* Opening at a view that does not exist fails with one line naming the
 * option and, for --stage, every key that would have worked. */
static void check_open_fails(check_ctx *c, const char *flag, const char *value,
                             const char *want_start, const char *want_also)
{
    char *argv[] = {"glassformer", "--random", "tiny", "--prompt", "abc", (char *)flag,
                    (char *)value};
    gf_options opt;
    char err[512] = "";
    CHECK(c, gf_options_parse(&opt, 7, argv, err, sizeof err));
    gf_app *app = calloc(1, sizeof *app);
    if (!CHECK(c, app != NULL))
        return;
    CHECK(c, !gf_app_open(app, &opt, err, sizeof err));
    CHECK(c, strncmp(err, want_start, strlen(want_start)) == 0);
    CHECK(c, strstr(err, want_also) != NULL);
    CHECK(c, strchr(err, '\n') == NULL);
    gf_app_free(app);
    free(app);
}

static void test_bad_view_options(check_ctx *c)
{
    check_open_fails(c, "--stage", "nope", "--stage nope: no such stage for this model",
                     "(one of: tokens, embed, norm_1, qkv,");
    check_open_fails(c, "--stage", "nope", "--stage nope:",
                     " probs, overview, temperature, analogy, lens, cache, params, loss, lessons, help, "
                     "quit)");
    check_open_fails(c, "--layer", "9", "--layer 9: the model has layers 0..", "");
    check_open_fails(c, "--random", "bogus", "--random bogus: unknown (known: tiny, gpt2,", "gpt3)");
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_stepper");
    test_walk(&c);
    test_pass_steps(&c);
    test_post_norm(&c);
    test_app_keys(&c);
    test_bad_view_options(&c);
    return check_end(&c);
}
