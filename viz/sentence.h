/* sentence.h — the text as a sentence: the prompt and what the model wrote
 * after it, as readable wrapped text in the prompt line's place (the token
 * strip below shows the same tokens as chips).
 *
 * The text is cut into pieces: one token, or the few tokens whose bytes make
 * one character together (a Cyrillic letter split into byte tokens). Each
 * piece is a kind — dropped (left the sliding window), prompt, or generated —
 * and the newest token's piece is marked. Lines wrap between words; when
 * the text needs more lines than the band has, the band shows its last
 * lines, so the newest token stays in view. */
#ifndef GF_VIZ_SENTENCE_H
#define GF_VIZ_SENTENCE_H

#include "app.h"

typedef enum { GF_PIECE_DROPPED = 0, GF_PIECE_PROMPT, GF_PIECE_GENERATED } gf_piece_kind;

#define GF_PIECE_BYTES 48

typedef struct {
    int first, count;             /* its tokens in the whole text: the kept
                                     dropped ones first, then the window's */
    int position;                 /* window position of its first token, or
                                     −1 for a dropped piece                */
    gf_piece_kind kind;
    bool newest;                  /* holds the last generated token        */
    char bytes[GF_PIECE_BYTES];   /* its raw bytes, NUL-terminated (not
                                     always valid UTF-8 on their own; a
                                     token may be the byte 0 itself)      */
    int n_bytes;
} gf_sentence_piece;

/* The pieces of the session's text from token `from` of the whole text on,
 * in order; returns how many were written to out (at most max). Their bytes,
 * joined, are the text's bytes from there (gf_session_text). */
int gf_sentence_pieces(const gf_session *s, int from, gf_sentence_piece *out, int max);

/* Lines of text the band needs at this width (1, or GF_SENTENCE_ROWS when
 * the text does not fit on one). */
#define GF_SENTENCE_ROWS 2
int gf_sentence_rows(gf_app *app, int width);
/* Height of a band of `rows` lines. */
int gf_sentence_band_h(gf_app *app, int rows);
/* Draw the band in r (the prompt line when not editing): its label, the
 * text's last lines, each window piece a GF_HIT_TOKEN, the band a
 * GF_HIT_PROMPT (a click edits the prompt). */
void gf_draw_sentence(gf_app *app, gf_rect r);

#endif
