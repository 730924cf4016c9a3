/* view_quit.c — the quit question (Esc on the stage screen): a box over the
 * window; Enter quits, any other key closes it (input.c). */
#include "views.h"

void gf_view_quit(gf_app *app, gf_rect window)
{
    gf_ui *ui = &app->ui;
    const char *title = gf_i18n(&app->text, GF_STR_QUIT_TITLE);
    const char *hint = gf_i18n(&app->text, GF_STR_QUIT_HINT);
    int tw = 0, th = 0, hw = 0, hh = 0, pad = gf_ui_px(ui, ui->style->overlay_pad);
    gf_text_size(ui, GF_FACE_BOLD, GF_TEXT_TITLE, title, &tw, &th);
    gf_text_size(ui, GF_FACE_SANS, GF_TEXT_BODY, hint, &hw, &hh);
    int w = (tw > hw ? tw : hw) + 2 * pad, h = th + hh + 3 * pad;
    gf_rect box = {window.x + (window.w - w) / 2, window.y + (window.h - h) / 2, w, h};
    gf_draw_fill(ui, window, ui->style->shade);
    gf_draw_fill(ui, box, app->ui.style->panel);
    gf_draw_outline(ui, box, app->ui.style->accent, gf_ui_px(ui, ui->style->outline));
    int cx = box.x + box.w / 2;
    gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_TITLE, app->ui.style->text, cx, box.y + pad, title,
                 GF_ALIGN_CENTER);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, app->ui.style->text_dim, cx, box.y + 2 * pad + th, hint,
                 GF_ALIGN_CENTER);
}
