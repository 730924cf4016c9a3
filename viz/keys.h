/* keys.h — the one key table: every command of the viewer bound to a
 * physical key (an SDL scancode), so commands work in any keyboard layout
 * (under a Russian layout the T key still opens the temperature screen)
 * while typed text stays text (it arrives as SDL_TEXTINPUT, never here).
 *
 * A binding is (scope, scancode, modifiers) → (command, argument). The
 * scope says when it applies: on every screen, only while the prompt line
 * (or a screen's own text line, the analogy screen's)
 * is being edited, or only on one screen of the screen table (screens.h),
 * whose rows also carry the key that opens them. The --keys names of
 * scripted runs ("right", "shift+tab", "t") name the same scancodes, and the
 * help overlay and the README's key list are made from this table. */
#ifndef GF_VIZ_KEYS_H
#define GF_VIZ_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "i18n.h"
#include "screens.h"
#include "stepper.h"

typedef enum {
    GF_CMD_NONE = 0,
    GF_CMD_STEP,            /* arg: a gf_key of the stepper              */
    GF_CMD_SAMPLE,          /* append a sampled token                    */
    GF_CMD_POP,             /* remove the last token                     */
    GF_CMD_RESET,           /* back to the prompt's tokens               */
    GF_CMD_EDIT,            /* start editing the prompt line             */
    GF_CMD_TEMPERATURE,     /* arg: +1 / −1: raise / lower T by 0.1      */
    GF_CMD_ZOOM,            /* arg: +1 / −1                              */
    GF_CMD_LARGE_FONT,
    GF_CMD_SCREENSHOT,
    GF_CMD_PALETTE,         /* token colours: standard ↔ colour-safe     */
    GF_CMD_FULLSCREEN,      /* the window fills the screen, or not       */
    GF_CMD_SCREEN,          /* arg: a gf_screen; opens it, or leaves it  */
    GF_CMD_ESCAPE,          /* the one Esc precedence (input.c)          */
    GF_CMD_EDIT_RUN,        /* prompt line: run it                       */
    GF_CMD_EDIT_BACKSPACE,
    GF_CMD_EDIT_CLEAR,
    GF_CMD_EDIT_WORD,       /* delete the last word                      */
    GF_CMD_EDIT_PASTE,
    GF_CMD_LANES_REROLL,    /* temperature screen: new seeds             */
    GF_CMD_LANE_SELECT,     /* arg: lane 0..2                            */
    GF_CMD_LANE_ADJUST,     /* arg: +1 / −1: the selected lane's T       */
    GF_CMD_LANE_SEED,       /* type the selected lane's seed             */
    GF_CMD_LANE_LENGTH,     /* arg: +1 / −1: lanes 10 tokens longer / shorter */
    GF_CMD_BEAM_WIDTH,      /* arg: +1 / −1: one beam more / fewer        */
    GF_CMD_BEAM_TREE,       /* below the lanes: chart → beam tree → nothing */
    GF_CMD_BEAM_SCROLL,     /* arg: ±steps: the tree's later / earlier steps */
    GF_CMD_QUIT,            /* the quit question: yes                    */
    GF_CMD_ANALOGY_LINE,    /* analogy screen: type in its line again    */
    GF_CMD_ANALOGY_PRESET,  /* arg: +1 / −1: next / previous example     */
    GF_CMD_ANALOGY_SOURCE,  /* word vectors ↔ the GPT's embeddings       */
    GF_CMD_ANALOGY_3D,      /* 2-D ↔ 3-D map                             */
    GF_CMD_ANALOGY_ORBIT,   /* arg: 0..3 = left, right, up, down         */
    GF_CMD_EXPLAIN_SELECT,  /* select a number (or stop selecting)       */
    GF_CMD_EXPLAIN_MOVE,    /* selected cell: arg 0..3 = left, right, up, down */
    GF_CMD_EXPLAIN_NEXT,    /* selected cell: into the next map drawn    */
    GF_CMD_EXPLAIN_TOGGLE,  /* selected cell: open / close its panel     */
    GF_CMD_WHATIF,          /* stage screen: the mask what-if on / off   */
    GF_CMD_LESSON_STEP,     /* arg: +1 / −1: next / previous lesson step */
    GF_CMD_LESSON_RETURN,   /* back to the lesson step after exploring   */
    GF_CMD_LESSON_PICK,     /* lesson picker: arg −1 / +1 move, 0 open    */
    GF_CMD_HELP_PAGE,       /* help overlay: arg +1 / −1: next / previous page */
} gf_command;

/* Modifier a binding needs. A press with Shift falls back to the row
 * without it when no Shift row exists (Shift+T is T, Shift+= is +). */
typedef enum { GF_MOD_NONE = 0, GF_MOD_SHIFT, GF_MOD_CTRL } gf_key_mod;

/* When a binding applies: everywhere, on the prompt line, or on a screen
 * (GF_SCOPE_SCREEN + its gf_screen). */
enum { GF_SCOPE_SELECT = -3, GF_SCOPE_ANY = -2, GF_SCOPE_EDIT = -1, GF_SCOPE_SCREEN = 0 };
/* GF_SCOPE_SELECT: while a number is selected (E), before every other scope
 * (explain_panel.c); Esc still goes through the one Esc order. */

typedef struct {
    int scope;
    SDL_Scancode code;
    gf_key_mod mod;
    gf_command cmd;
    int arg;
    const char *label;      /* the help's key column ("→"); NULL: this row is
                               shown by another row of the same help line */
    gf_str help;            /* text of its help line; GF_STR_NONE: not listed */
} gf_key_binding;

/* The table (its order is the help's order) and its length. */
const gf_key_binding *gf_key_bindings(int *count);

/* The command for a press on screen (or on the prompt line when editing):
 * the screen's own bindings first, then the keys that open screens, then
 * the bindings of every screen. False when the key means nothing there. */
bool gf_key_lookup(int screen, bool editing, SDL_Scancode code, uint16_t sdl_mod,
                   gf_command *cmd, int *arg);

/* The command of a press in one scope only (Shift falls back as above). */
bool gf_key_lookup_scope(int scope, SDL_Scancode code, uint16_t sdl_mod, gf_command *cmd,
                         int *arg);

/* One line of the help overlay: the keys and the text of what they do. */
typedef struct {
    char keys[64];
    gf_str help;
} gf_help_line;

/* The help lines made from the key table and the screen table, in order;
 * returns how many were written (at most max). */
int gf_help_lines(gf_help_line *lines, int max);

/* --keys names. "right", "shift+tab", "ctrl+l", "t", "3" (any case) → the
 * scancode and SDL modifiers of that physical key. */
bool gf_key_from_name(const char *name, SDL_Scancode *code, uint16_t *mod);
/* The next name of a comma-separated --keys list (cut to size); false at its end. */
bool gf_keys_next(const char **p, char *name, size_t size);
/* Whether every name of a --keys list is known (key names in any case,
 * wheelup, wheeldown, wait, stay); else err lists the known names. */
bool gf_keys_check(const char *list, char *err, size_t err_size);

#endif
