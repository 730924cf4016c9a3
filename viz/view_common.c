/* view_common.c — what every view needs from the app: the widget context of
 * this frame, a tensor by its stage slot, and the note for a missing one. */
#include "views.h"

#include <stdio.h>

static const char *position_label(const void *owner, int t)
{
    const gf_app *app = owner;
    return app->s.labels[t];
}

static void token_label(const void *owner, int32_t id, char *buf, size_t size)
{
    const gf_app *app = owner;
    gf_session_label(&app->s, id, buf, size);
}

gf_widgets gf_app_widgets(gf_app *app)
{
    return (gf_widgets){.ui = &app->ui, .text = &app->text, .n_positions = app->s.n_tokens,
                        .position_label = position_label, .highlight = app->st.position,
                        .heat_zoom = app->heat_zoom, .generation = app->s.generation,
                        .token_label = token_label, .owner = app};
}

void gf_view_missing(gf_app *app, gf_rect r, const char *key)
{
    char buf[160];
    snprintf(buf, sizeof buf, gf_i18n(&app->text, GF_STR_NO_TENSOR), key);
    gf_draw_text(&app->ui, GF_FACE_SANS, GF_TEXT_BODY, app->ui.style->text_dim, r.x, r.y, buf,
                 GF_ALIGN_LEFT);
}

bool gf_view_slot(gf_app *app, gf_rect r, gf_stage_id id, gf_slot slot, int head, gf_view *out)
{
    if (gf_stage_slot_view(&app->s.trace, id, slot, app->st.layer, head, out) && out->shape[0] > 0)
        return true;
    const char *key = gf_stage_slot_key(&app->s.trace.config, id, slot);
    gf_view_missing(app, r, key != NULL ? key : "?");
    return false;
}

