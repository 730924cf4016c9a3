/* test_viewer_window.c — the sliding window of a full context: Space on a
 * full trace drops the oldest token and the window that is left (plus the
 * new token) is, bit for bit in every tensor of the trace, a fresh forward
 * pass of those tokens computed directly with core's gf_forward_full; the
 * dropped tokens are counted and kept in order; Backspace and R behave; a
 * prompt longer than the trace keeps its end the same way; the whole text
 * (gf_session_text) is the tokenizer's decoding of every token. */
#include "check.h"

#include "session_decoded.h"
#include "viewer_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CAPACITY 16

/* A tiny random model (byte-level: one token per byte) with a 16-row trace. */
static gf_app *open_small(check_ctx *c, const char *prompt, const char *sample)
{
    char *argv[] = {"glassformer", "--random", "tiny", "--capacity", "16", "--prompt",
                    (char *)prompt, "--sample", (char *)sample};
    return viewer_fixture_open_argv(c, 9, argv, 1280, 720);
}

/* Every element of every entry of a and b (same shape, same T) is the same
 * bits; returns the number of entries that differ. */
static int traces_differ(const gf_trace *a, const gf_trace *b)
{
    int bad = 0;
    for (int i = 0; i < a->n_entries; i++) {
        gf_view va = gf_trace_view(a, i), vb = gf_trace_view(b, i);
        if (va.data == NULL || vb.data == NULL || va.ndim != vb.ndim) {
            bad += va.data != vb.data;
            continue;
        }
        int64_t n[4] = {1, 1, 1, 1};
        for (int d = 0; d < va.ndim && d < 4; d++)
            n[d] = va.shape[d];
        bool same = true;
        for (int64_t i0 = 0; i0 < n[0] && same; i0++)
            for (int64_t i1 = 0; i1 < n[1] && same; i1++)
                for (int64_t i2 = 0; i2 < n[2] && same; i2++)
                    for (int64_t i3 = 0; i3 < n[3] && same; i3++) {
                        int64_t oa = 0, ob = 0, idx[4] = {i0, i1, i2, i3};
                        for (int d = 0; d < va.ndim; d++) {
                            oa += idx[d] * va.stride[d];
                            ob += idx[d] * vb.stride[d];
                        }
                        same = memcmp(va.data + oa, vb.data + ob, sizeof(float)) == 0;
                    }
        if (!same) {
            if (bad < 3)
                fprintf(stderr, "  entry %s differs\n", a->entries[i].name);
            bad++;
        }
    }
    return bad;
}

/* The session's trace against a fresh forward pass of its tokens. */
static void check_fresh(check_ctx *c, const gf_session *s)
{
    gf_trace fresh;
    gf_error err;
    gf_error_clear(&err);
    if (!CHECK(c, gf_trace_init(&fresh, &s->model.config, s->capacity, true, &err) == GF_OK))
        return;
    CHECK_OK(c, gf_forward_full(&s->model, &fresh, s->tokens, s->n_tokens, &err), &err);
    CHECK_INT(c, fresh.n_tokens, s->trace.n_tokens);
    CHECK(c, fresh.n_entries == s->trace.n_entries);
    CHECK_INT(c, traces_differ(&fresh, &s->trace), 0);
    gf_trace_free(&fresh);
}

/* gf_session_text is the decoding of the dropped tokens, then the window. */
static void check_text(check_ctx *c, const gf_session *s)
{
    size_t len = 0;
    char *want = session_decoded(c, s, &len);
    size_t at = 0;
    char *got = gf_session_text(s, &at);
    if (CHECK(c, got != NULL && want != NULL)) {
        CHECK_INT(c, (int)strlen(got), (int)len);
        CHECK(c, memcmp(got, want, len) == 0);
    }
    free(got);
    free(want);
}

static void test_slide(check_ctx *c)
{
    /* 10 prompt bytes + 6 sampled = a full trace of 16. */
    gf_app *app = open_small(c, "abcdefghij", "6");
    if (app == NULL)
        return;
    gf_session *s = &app->s;
    CHECK_INT(c, s->n_tokens, CAPACITY);
    CHECK_INT(c, s->n_dropped, 0);
    int32_t history[64];
    int n_history = s->n_tokens;
    memcpy(history, s->tokens, sizeof history[0] * (size_t)s->n_tokens);
    for (int k = 1; k <= 3; k++) {
        CHECK(c, gf_app_key_named(app, "space"));
        CHECK(c, viewer_fixture_settle(app));
        history[n_history++] = s->tokens[s->n_tokens - 1];
        CHECK_INT(c, s->n_tokens, CAPACITY);         /* the window stays full */
        CHECK_INT(c, s->n_dropped, k);
        CHECK_INT(c, s->n_prompt, 10 - k);            /* prompt tokens still inside */
        CHECK_INT(c, app->st.position, CAPACITY - 1); /* the new token is selected */
        CHECK(c, app->flow.active);                   /* and flows through the layers */
        /* The notice once (the band would come and go with every Space). */
        CHECK_INT(c, strstr(app->message, "context full") != NULL, k == 1);
        /* The window is the history's last 16; the dropped ones its first k. */
        CHECK(c, memcmp(s->tokens, history + k, sizeof history[0] * CAPACITY) == 0);
        CHECK(c, memcmp(s->dropped, history, sizeof history[0] * (size_t)k) == 0);
        CHECK_INT(c, s->trace.n_tokens, CAPACITY);
        check_fresh(c, s);
        check_text(c, s);
    }
    /* Several Spaces at once: each slides by one, in order. */
    CHECK(c, gf_app_key_named(app, "space"));
    CHECK(c, gf_app_key_named(app, "space"));
    CHECK(c, viewer_fixture_settle(app));
    CHECK_INT(c, s->n_dropped, 5);
    check_fresh(c, s);
    /* Backspace: the window loses its last token, the dropped stay dropped. */
    CHECK(c, gf_app_key_named(app, "backspace"));
    CHECK(c, viewer_fixture_settle(app));
    CHECK_INT(c, s->n_tokens, CAPACITY - 1);
    CHECK_INT(c, s->n_dropped, 5);
    check_fresh(c, s);
    /* R: the prompt again, from position 0, nothing dropped. */
    CHECK(c, gf_app_key_named(app, "r"));
    CHECK(c, viewer_fixture_settle(app));
    CHECK_INT(c, s->n_dropped, 0);
    CHECK_INT(c, s->n_tokens, 10);
    CHECK(c, memcmp(s->tokens, history, sizeof history[0] * 10) == 0);
    check_fresh(c, s);
    check_text(c, s);
    /* Full again: the notice again (once for this prompt). */
    for (int k = 0; k < 7; k++) {
        CHECK(c, gf_app_key_named(app, "space"));
        CHECK(c, viewer_fixture_settle(app));
    }
    CHECK_INT(c, s->n_dropped, 1);
    CHECK(c, strstr(app->message, "context full") != NULL);
    gf_headless_frame(app);
    viewer_fixture_close(app);
}

/* --sample beyond the trace slides for the rest; a long prompt keeps its end. */
static void test_long(check_ctx *c)
{
    gf_app *app = open_small(c, "abcdefghij", "9");
    if (app != NULL) {
        CHECK_INT(c, app->s.n_tokens, CAPACITY);
        CHECK_INT(c, app->s.n_dropped, 3);
        check_fresh(c, &app->s);
        viewer_fixture_close(app);
    }
    const char *prompt = "The quick brown fox jumps";   /* 25 bytes: 9 dropped */
    app = open_small(c, prompt, "0");
    if (app == NULL)
        return;
    gf_session *s = &app->s;
    CHECK_INT(c, s->n_tokens, CAPACITY);
    CHECK_INT(c, s->n_prompt, CAPACITY);
    CHECK_INT(c, s->n_dropped, 9);
    CHECK(c, strstr(app->message, "25 tokens") != NULL);
    int32_t *ids = NULL;
    int n = 0;
    gf_error err;
    gf_error_clear(&err);
    CHECK_OK(c, gf_tokenizer_encode(s->model.tokenizer, prompt, strlen(prompt), &ids, &n, &err),
             &err);
    CHECK_INT(c, n, 25);                           /* byte-level: one token per byte */
    if (n == 25)
        CHECK(c, memcmp(s->tokens, ids + 9, sizeof *ids * CAPACITY) == 0);
    free(ids);
    check_fresh(c, s);
    size_t at = 0;
    char *text = gf_session_text(s, &at);
    if (CHECK(c, text != NULL))
        CHECK_STR(c, text, prompt);                /* the whole prompt, dropped part first */
    CHECK_INT(c, (int)at, 9);
    free(text);
    check_text(c, s);
    /* The same long prompt typed in: the same window. */
    gf_app_run_prompt(app, "abc");
    CHECK(c, viewer_fixture_settle(app));
    CHECK_INT(c, s->n_dropped, 0);
    gf_app_run_prompt(app, prompt);
    CHECK(c, viewer_fixture_settle(app));
    CHECK_INT(c, s->n_dropped, 9);
    CHECK_INT(c, s->n_tokens, CAPACITY);
    check_fresh(c, s);
    viewer_fixture_close(app);
}

/* Another model (a lesson step's; here the same one with a 20-row trace):
 * the next slide computes in a trace of the new shape (the last one's 16
 * rows would not hold the window). */
static void test_switch(check_ctx *c)
{
    gf_app *app = open_small(c, "abcdefghij", "7");
    if (app == NULL)
        return;
    CHECK_INT(c, app->s.n_dropped, 1);           /* one slide on the 16-row trace */
    char err[512] = "";
    char *argv[] = {"glassformer", "--random", "tiny", "--capacity", "20"};
    gf_options opt;
    if (CHECK(c, gf_options_parse(&opt, 5, argv, err, sizeof err)) &&
        CHECK(c, gf_app_switch_model(app, &opt, "abcdefghij")) &&
        CHECK(c, viewer_fixture_settle(app))) {
        CHECK_INT(c, app->s.capacity, 20);
        CHECK_INT(c, app->s.n_dropped, 0);
        for (int k = 0; k < 12; k++) {
            CHECK(c, gf_app_key_named(app, "space"));
            CHECK(c, viewer_fixture_settle(app));
        }
        CHECK_INT(c, app->s.n_tokens, 20);
        CHECK_INT(c, app->s.n_dropped, 2);
        CHECK_INT(c, app->s.trace.capacity, 20);
        CHECK(c, app->message[0] == '\0' || strstr(app->message, "context full") != NULL);
        check_fresh(c, &app->s);
    }
    viewer_fixture_close(app);
}

/* gf_session_note_dropped keeps the most recent GF_SESSION_DROPPED_KEEP. */
static void test_dropped_keep(check_ctx *c)
{
    static gf_session s;
    memset(&s, 0, sizeof s);
    int32_t ids[700];
    for (int i = 0; i < 700; i++)
        ids[i] = i;
    gf_session_note_dropped(&s, ids, 700);
    gf_session_note_dropped(&s, ids, 700);
    CHECK_INT(c, s.n_dropped, 1400);
    CHECK_INT(c, s.n_dropped_kept, GF_SESSION_DROPPED_KEEP);
    /* The last 1024 of 0…699, 0…699: 376 … 699, then 0 … 699. */
    CHECK_INT(c, s.dropped[0], 1400 - GF_SESSION_DROPPED_KEEP);
    CHECK_INT(c, s.dropped[GF_SESSION_DROPPED_KEEP - 700 - 1], 699);
    CHECK_INT(c, s.dropped[GF_SESSION_DROPPED_KEEP - 700], 0);
    CHECK_INT(c, s.dropped[GF_SESSION_DROPPED_KEEP - 1], 699);
    gf_session_clear_dropped(&s);
    CHECK_INT(c, s.n_dropped, 0);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_window");
    test_dropped_keep(&c);
    test_slide(&c);
    test_long(&c);
    test_switch(&c);
    return check_end(&c);
}
