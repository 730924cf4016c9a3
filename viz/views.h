/* views.h — one drawing function per stage view and per screen.
 *
 * A view draws the current stepper state (position, layer, head, stage) of
 * the app's trace into rect r. Views only read the trace and the sampler. */
#ifndef GF_VIZ_VIEWS_H
#define GF_VIZ_VIEWS_H

#include "app.h"
#include "widgets.h"

/* The stage screen: the view of the stepper's stage (screens.c). */
void gf_view_stage(gf_app *app, gf_rect r);
void gf_view_tokens(gf_app *app, gf_rect r);       /* view_tokens.c      */
void gf_view_embed(gf_app *app, gf_rect r);        /* view_embed.c       */
void gf_view_qkv(gf_app *app, gf_rect r);          /* view_qkv.c         */
void gf_view_attention(gf_app *app, gf_rect r);    /* view_attention.c   */
void gf_view_heads(gf_app *app, gf_rect r);        /* view_heads.c       */
void gf_view_vector(gf_app *app, gf_rect r);       /* view_vector.c      */
void gf_view_ffn(gf_app *app, gf_rect r);          /* view_ffn.c         */
void gf_view_logits(gf_app *app, gf_rect r);       /* view_logits.c      */
void gf_view_overview(gf_app *app, gf_rect r);     /* view_overview.c    */
void gf_view_temperature(gf_app *app, gf_rect r);  /* view_temperature.c */
void gf_view_lens(gf_app *app, gf_rect r);         /* view_lens.c        */
void gf_view_kvcache(gf_app *app, gf_rect r);      /* view_kvcache.c     */
/* The attention weights' stage with the mask what-if on (W). */
void gf_view_whatif(gf_app *app, gf_rect r);       /* view_whatif.c      */
void gf_view_params(gf_app *app, gf_rect r);       /* view_params.c      */
void gf_view_loss(gf_app *app, gf_rect r);         /* view_loss.c        */
void gf_loss_curve_free(gf_app *app);
/* The first text key of those screens tx lacks, or NULL. */
const char *gf_params_text_missing(const gf_texts *tx);
const char *gf_loss_text_missing(const gf_texts *tx);
/* The temperature screen's own commands (S, 1/2/3, +/−). */
bool gf_input_temperature(gf_app *app, int cmd, int arg);
/* The analogy screen (view_analogy.c): its drawing, its own commands, and
 * the hooks input.c calls while it is the current screen: whether its line
 * has the keyboard, typed text, a click, a drag (orbit), entering it. */
void gf_view_analogy(gf_app *app, gf_rect r);
bool gf_input_analogy(gf_app *app, int cmd, int arg);
bool gf_analogy_typing(const gf_app *app);
bool gf_analogy_text(gf_app *app, const char *utf8);
bool gf_analogy_click(gf_app *app, int x, int y);
bool gf_analogy_drag(gf_app *app, int dx, int dy);
void gf_analogy_enter(gf_app *app);
void gf_analogy_free(gf_app *app);
/* The sampling animation's band (only while it runs; false otherwise),
 * drawn in band (the token strip's place); the help box over the window. */
bool gf_view_flow(gf_app *app, gf_rect band);      /* view_flow.c        */
void gf_view_help(gf_app *app, gf_rect window);    /* view_help.c        */
bool gf_input_help(gf_app *app, int cmd, int arg);  /* its pages          */
void gf_view_quit(gf_app *app, gf_rect window);    /* view_quit.c        */

/* The widget context of the app's current state (view_common.c). */
gf_widgets gf_app_widgets(gf_app *app);
/* The note for a tensor the trace does not keep. */
void gf_view_missing(gf_app *app, gf_rect r, const char *key);
/* The tensor in slot of stage id at the stepper's layer (and head, −1: the
 * whole tensor), as core's stage table wires it; when the trace lacks it,
 * says so in r and returns false. */
bool gf_view_slot(gf_app *app, gf_rect r, gf_stage_id id, gf_slot slot, int head, gf_view *out);

/* Token chips (text + id, coloured by position) wrapped into r; the current
 * position is outlined; every chip is a GF_HIT_TOKEN. Returns height used. */
int gf_draw_token_chips(gf_app *app, gf_rect r, gf_text_role role, bool show_position);
/* Whether every chip fits on one row of r at this text size. */
bool gf_token_chips_fit(gf_app *app, gf_rect r, gf_text_role role);

/* A (T, C) view over a contiguous trace array (rows = current T). */
gf_view gf_rows_view(const float *data, int rows, int cols, const char *name);
/* Strip of row t of a 2-D view, with a "name[t,c]" tooltip. */
gf_heat_spec gf_strip_of(const gf_view *v, int t, const char *id, const char *title,
                         gf_cmap cmap);

#endif
