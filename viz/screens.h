/* screens.h — the screen table: one row per screen of the viewer.
 *
 * A row names the screen (what --stage accepts), the key that opens it, how
 * it is laid out, its draw and input functions, and the texts naming it in
 * the status line and in the help. frame.c draws whatever row is current,
 * input.c hands a screen its own commands, options and help read the rows:
 * a new screen is one row here plus one view_*.c file.
 *
 * The stage screen is the stepper's: its names are the stage keys of core
 * (tokens, embed, … probs) and it draws the current stage's view from the
 * stage-view table (screens.c). Overlays (the lesson picker, help, the quit
 * question) draw over the current screen and close with any key but their
 * own (the picker's arrows and Enter). */
#ifndef GF_VIZ_SCREENS_H
#define GF_VIZ_SCREENS_H

#include <stdbool.h>

#include <SDL.h>

#include "i18n.h"
#include "ui.h"

typedef struct gf_app gf_app;

typedef enum {
    GF_SCREEN_STAGE = 0,    /* the stepper's stage views                 */
    GF_SCREEN_OVERVIEW,     /* all heads of a layer                      */
    GF_SCREEN_TEMPERATURE,  /* lanes at three temperatures               */
    GF_SCREEN_ANALOGY,      /* word arithmetic (view_analogy.c)          */
    GF_SCREEN_LENS,         /* the logit lens: layer × position (view_lens.c) */
    GF_SCREEN_KVCACHE,      /* the KV cache: reused rows, the new one    */
    GF_SCREEN_PARAMS,       /* parameter counts to scale (view_params.c) */
    GF_SCREEN_LOSS,         /* the training loss curve (view_loss.c)     */
    GF_SCREEN_LESSONS,      /* overlay: the lesson picker (lesson_picker.c) */
    GF_SCREEN_HELP,         /* overlay: the keys                         */
    GF_SCREEN_QUIT,         /* overlay: "quit?"                          */
    GF_SCREEN_COUNT,
    GF_SCREEN_NONE = -1
} gf_screen;

typedef enum {
    GF_LAYOUT_PANEL = 0,    /* view beside the explanation panel          */
    GF_LAYOUT_WIDE,         /* view over the whole width                  */
    GF_LAYOUT_FULL,         /* the whole window above the status line: no
                               prompt line or token strip (a screen about
                               something else than the prompt)             */
    GF_LAYOUT_OVERLAY       /* drawn over the current screen              */
} gf_screen_layout;

typedef struct {
    gf_screen id;
    const char *name;              /* --stage NAME (the stage screen: NULL,
                                      it takes the stage keys)             */
    SDL_Scancode key;              /* opens it (again: back); 0 = none     */
    const char *key_label;         /* the help's key column ("T")          */
    gf_screen_layout layout;
    void (*draw)(gf_app *app, gf_rect r);  /* main view rect (overlay: window) */
    /* Its own commands (a gf_command and its argument); true when handled.
     * NULL: none. */
    bool (*input)(gf_app *app, int cmd, int arg);
    int explains;                  /* the stage the panel explains; −1: the
                                      stepper's                            */
    gf_str status;                 /* names it in the status line; GF_STR_NONE:
                                      the stage counter                    */
    gf_str help;                   /* its help line                        */
} gf_screen_def;

/* The row of screen id (NULL when out of range). */
const gf_screen_def *gf_screen_get(gf_screen id);
/* The row named name (a screen name, not a stage key), or NULL. */
const gf_screen_def *gf_screen_find(const char *name);

/* The stage-view table: the view that draws stage id (for the stage screen). */
typedef void (*gf_view_fn)(gf_app *app, gf_rect r);
gf_view_fn gf_view_for_stage(gf_stage_id id);

#endif
