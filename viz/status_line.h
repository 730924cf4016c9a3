/* status_line.h — the status line at the window's foot and the message band
 * above it.
 *
 * The status line says where the teacher is: token, layer, head, the stage
 * and step in the whole pass, T, the model and its languages. When that is
 * too long for the line (large-font mode, a small window) it drops detail in
 * a fixed order, never the stage or the model's name:
 *   1. the index ranges "(0…3)"   2. top-k / top-p   3. token and head
 *   4. layer and T                5. the model's languages
 *   6. the step ("step 43 of 80"; the stage "stage 5/19" stays)
 *   7. then the model's name is cut with "…".
 * Its right end says that a --random model's tokens have no text ("#N" is
 * a token's number), or suggests the bilingual model for a mostly Cyrillic
 * prompt, else names the help key; the line's detail makes room for it,
 * and the note takes shorter forms, or gives way to the help key, where the
 * line would otherwise lose the model's name.
 * Messages (errors, warnings, the sliding window's notice, where F12 saved
 * a picture) get a band of their own, wrapped, above the status line: they
 * never run over other text. */
#ifndef GF_VIZ_STATUS_LINE_H
#define GF_VIZ_STATUS_LINE_H

#include "app.h"

/* Where the teacher is: "stage 5/19 · step 43 of 80" (with_layer: "layer
 * 2 · " first on a per-layer stage), or the screen's own name. */
void gf_status_where(const gf_app *app, bool with_layer, char *buf, size_t size);
/* The status line's text for max_w px of line: the most detail that fits. */
void gf_status_compose(gf_app *app, int max_w, char *buf, size_t size);
/* What the status line of `width` px shows (into buf); returns the px its
 * text may take (the rest is the right end's). */
int gf_status_line_text(gf_app *app, int width, char *buf, size_t size);
void gf_status_draw(gf_app *app, gf_rect r);

/* The message to show (the last error or notice), or NULL. */
const char *gf_message_text(const gf_app *app);
/* Height of the message band at this width (0: no message). */
int gf_message_band_h(gf_app *app, int width);
void gf_message_draw(gf_app *app, gf_rect r);

#endif
