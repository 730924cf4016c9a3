/* lesson_player.h — the lesson player: a lesson file (core/lesson.h) played
 * over the viewer's screens.
 *
 * `--lesson FILE` opens it (with `--lang CODE`, the same file name under
 * lessons/CODE/); `--lesson-step N` starts at step N (1-based). A step sets
 * the viewer's state: the prompt (computed by the worker like a typed one),
 * the model (another one is opened on the worker, like the first), the
 * screen or stage, layer, head, position, temperature, top-k, top-p, seed,
 * the analogy expression and an explanation panel; its text is shown in a band under the view with
 * "step 4 / 10" (view_lesson.c), its placeholders filled from the trace
 * (lesson_fill.c). N / B go to the next / previous step, L returns to the
 * current one after the teacher has explored (any other key works as
 * always; the band then says the view has left the step). */
#ifndef GF_VIZ_LESSON_PLAYER_H
#define GF_VIZ_LESSON_PLAYER_H

#include <stdbool.h>
#include <stddef.h>

#include "i18n.h"
#include "lesson.h"
#include "options.h"
#include "ui.h"

typedef struct gf_app gf_app;

typedef struct gf_lesson_player {
    gf_lesson lesson;
    char path[1024];              /* the file actually opened               */
    char model_dir[1024];         /* <assets>/models/<the step's model>     */
    bool owns_model;              /* the lesson picks the model (no --model,
                                     no --random; always from the picker)  */
    char loaded_model[GF_LESSON_MODEL_MAX]; /* the step model last opened */
    char explain[GF_LESSON_EXPLAIN_KEY_MAX + 32]; /* "KEY,ROW,COL" for the
                                     view options' explain                 */
    int step;                     /* 0-based                                */
    bool pending;                 /* the step's view waits for its model or
                                     prompt (lesson_player.c: advance)     */
    bool model_sent, prompt_sent; /* what the pending step has asked for   */
    bool started;                 /* the model is open and the first step shown */
} gf_lesson_player;

/* Exit statuses of a failed open: a bad step number is a usage error. */
enum { GF_LESSON_OPEN_FAILED = 1, GF_LESSON_OPEN_USAGE = 2 };

/* Open opt->lesson (per opt->lang), check opt->lesson_step, and write the
 * start step's state into *opt (its prompt, stage, … and the model folder,
 * unless --model or --random is given). NULL with err and *status on
 * failure. opt must not outlive the player (it points into it). */
gf_lesson_player *gf_lesson_player_open(gf_options *opt, int *status, char *err,
                                        size_t err_size);
void gf_lesson_player_free(gf_lesson_player *p);

/* The current step (NULL without a lesson). */
const gf_lesson_step *gf_lesson_current(const gf_app *app);
/* Go to step index (0-based; clamped); true when it changed something. */
bool gf_lesson_go(gf_app *app, int index);
/* Back to the current step's view after exploring. */
bool gf_lesson_return(gf_app *app);
/* Apply a step's view once its prompt has been computed (between frames);
 * true when the screen changed. */
bool gf_lesson_poll(gf_app *app);
/* Whether the view is not the current step's (the teacher explores). */
bool gf_lesson_exploring(const gf_app *app);

/* The step's text with its placeholders filled from the app's trace
 * (lesson_fill.c); a value that cannot be computed shows as "…". */
void gf_lesson_fill(gf_app *app, const gf_lesson_step *s, char *out, size_t size);

/* The band under the view (view_lesson.c): its height in a width × height
 * frame (0 without a lesson): what its text needs at the largest size,
 * in the largest text size that fits between 14 % and 30 % of the height
 * (25 % in large-font mode; up to 30 %, or 40 % beside the explain
 * panel, where its text needs that to stay at the body size); and
 * drawing it in r. */
int gf_lesson_band_height(gf_app *app, int width, int height);
/* Whether the band's text and heading show whole (nothing cut) in a
 * window width wide and height high. */
bool gf_lesson_band_whole(gf_app *app, int width, int height);
void gf_view_lesson_band(gf_app *app, gf_rect r);
/* Play the lesson at path from its first step in place of the one playing
 * (if any); false with err when it does not parse. The model follows the
 * lesson unless --model or --random chose one. */
bool gf_lesson_player_replace(gf_app *app, const char *path, char *err, size_t err_size);

/* The lesson picker (lesson_picker.c): O opens it over any screen, with or
 * without a lesson playing. */
bool gf_lesson_picker_open(gf_app *app);
void gf_lesson_picker_free(gf_app *app);
/* Lessons listed (and which is chosen) since it was last opened. */
int gf_lesson_picker_count(const gf_app *app, int *selected);
void gf_view_lesson_picker(gf_app *app, gf_rect window);
bool gf_input_lesson_picker(gf_app *app, int cmd, int arg);

/* The first "lesson.*" text key tx lacks, or NULL. */
const char *gf_lesson_text_missing(const gf_texts *tx);

#endif
