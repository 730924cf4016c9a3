/* session.h — the model, the prompt's tokens and their full trace.
 *
 * Everything numeric the viewer shows lives here and is computed by the core
 * (gf_forward_*, gf_sampler_*) on the worker thread; the UI only reads it. `generation` grows
 * whenever the trace changes, so cached renderings know when to refresh. */
#ifndef GF_VIZ_SESSION_H
#define GF_VIZ_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "forward.h"
#include "model.h"
#include "sampler.h"
#include "trace.h"

/* Whether the font draws code point cp (labels escape what it cannot). */
typedef bool (*gf_glyph_fn)(void *ctx, uint32_t cp);

#define GF_LABEL_MAX 40           /* display label of one token (UTF-8)     */
#define GF_PROMPT_MAX 4096
#define GF_SESSION_DEFAULT_CAPACITY 320
#define GF_SESSION_MAX_TRACE_BYTES ((size_t)3 << 30)
/* Dropped tokens kept for the sentence line (the most recent ones). */
#define GF_SESSION_DROPPED_KEEP 1024

typedef struct {
    gf_model model;
    bool has_model;
    gf_trace trace;                /* keep_all = true                       */
    bool has_trace;
    int capacity;                  /* positions the trace holds             */
    int32_t *tokens;               /* (capacity)                            */
    int n_tokens;
    int n_prompt;                  /* tokens that came from the prompt      */
    char (*labels)[GF_LABEL_MAX];  /* (capacity) display text per position  */
    char prompt[GF_PROMPT_MAX];
    /* The sliding window: when the trace is full, a new token pushes the
     * oldest out and the positions shift. n_dropped tokens have left the
     * window since the prompt was run (a prompt longer than the trace keeps
     * its last capacity tokens); position 0 is the token after them. The
     * last GF_SESSION_DROPPED_KEEP of them, oldest first, for their text. */
    int n_dropped;
    int32_t dropped[GF_SESSION_DROPPED_KEEP];
    int n_dropped_kept;
    gf_sampler sampler;            /* the main sampler (status-line T)      */
    gf_glyph_fn has_glyph;         /* NULL: assume every printable glyph    */
    void *glyph_ctx;
    bool has_sampler;
    uint64_t generation;
} gf_session;

/* Take ownership of a loaded/initialized model and size the trace
 * (capacity 0: the default, clamped to n_ctx and to a memory limit). */
gf_status gf_session_init(gf_session *s, gf_model *model, int capacity, float temperature,
                          int top_k, float top_p, uint64_t seed, gf_error *err);
void gf_session_free(gf_session *s);

/* The model work itself runs on the worker (jobs.h) over a second header of
 * the same trace: it fills rows >= n_tokens, which nothing on the UI thread
 * reads, and the UI thread takes them with gf_session_accept. */

/* Encode text (valid UTF-8) into *ids (malloc'd, *n of them); an error when
 * it is too long for the prompt line. More tokens than the trace holds are
 * fine: the window keeps the last ones (gf_session_window_start). */
gf_status gf_session_encode(const gf_session *s, const char *text, int32_t **ids, int *n,
                            gf_error *err);
/* How many of ids (n) the session already holds at its start. */
int gf_session_common_prefix(const gf_session *s, const int32_t *ids, int n);
/* Keep only the first n tokens (n <= n_tokens); rows < n stay as they are. */
void gf_session_truncate(gf_session *s, int n);
/* Take rows the worker computed: grown is the worker's header over this
 * session's trace with ids (n) appended after the session's n_tokens. */
void gf_session_accept(gf_session *s, const gf_trace *grown, const int32_t *ids, int n);
/* Remove the last token (never the empty trace's nothing). */
void gf_session_pop(gf_session *s);

/* The window of n prompt tokens: the index of the first one kept (0 when
 * they all fit in the trace). */
int gf_session_window_start(const gf_session *s, int n);
/* Forget the dropped tokens (a prompt is run afresh). */
void gf_session_clear_dropped(gf_session *s);
/* ids (n) have left the window, oldest first: count them, keep their text. */
void gf_session_note_dropped(gf_session *s, const int32_t *ids, int n);
/* The window slid: *fresh holds a fresh forward pass of ids (n), which are
 * the session's tokens from index drop on plus the new ones. The session
 * takes *fresh as its trace and hands its old trace back in *fresh (the
 * caller's spare for the next slide); the dropped tokens are noted. */
void gf_session_adopt_window(gf_session *s, gf_trace *fresh, const int32_t *ids, int n, int drop);
/* The whole text: the kept dropped tokens' bytes, then the window's, as one
 * malloc'd NUL-terminated string (NULL when out of memory); *window_at is
 * where the window's bytes begin. */
char *gf_session_text(const gf_session *s, size_t *window_at);

/* Every token's label, in the token strip, the bars and the tooltips alike,
 * comes from here: the token's bytes as text, with a visible mark for
 * space/newline/tab (␣ ↵ ⇥), \xNN for each byte that is not part of valid
 * UTF-8 or is a control character, and \uXXXX (\UXXXXXXXX) for code points
 * that are invisible (format, private use, noncharacters, C1 controls) or
 * that has_glyph (may be NULL) says the font cannot draw. */
void gf_token_label_glyphs(const gf_tokenizer *tok, int32_t id, gf_glyph_fn has_glyph, void *ctx,
                           char *buf, size_t size);
/* The same without a font check. */
void gf_token_label(const gf_tokenizer *tok, int32_t id, char *buf, size_t size);
/* The label with the session's font check (set by the UI once it has fonts;
 * setting it relabels the tokens). */
void gf_session_label(const gf_session *s, int32_t id, char *buf, size_t size);
void gf_session_set_glyph_check(gf_session *s, gf_glyph_fn has_glyph, void *ctx);
/* When token t is part of a UTF-8 character split over several tokens (a
 * byte-level "\xD0" + "\xBA"), the text of the shortest run of tokens
 * around t that decodes ("к"); false otherwise. */
bool gf_session_joined_text(const gf_session *s, int t, char *buf, size_t size);
/* text with what has_glyph says the font cannot draw escaped (U+1F642) and
 * invalid bytes as \xNN; spaces stay spaces, line breaks and tabs are marked. */
void gf_text_escape_missing(const char *text, gf_glyph_fn has_glyph, void *ctx, char *buf,
                            size_t size);
/* text as the labels show it: whitespace marked, what the font cannot draw
 * escaped (U+1F642). */
void gf_session_display_text(const gf_session *s, const char *text, char *buf, size_t size);
/* The same as gf_session_joined_text, also giving the run: tokens first .. first + count − 1. */
bool gf_session_joined_run(const gf_session *s, int t, int *first, int *count, char *buf,
                           size_t size);

#endif
