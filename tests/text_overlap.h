/* text_overlap.h — shared by the viewer's layout tests: whether two texts
 * the UI recorded (ui->record_text) lie on each other, or one runs past the
 * window's edge. */
#ifndef GF_TEST_TEXT_OVERLAP_H
#define GF_TEST_TEXT_OVERLAP_H

#include "ui.h"

#include <stdbool.h>

/* A text box is the font's full height (ascent + descent); the ink of a
 * line leaves its top and bottom fifth nearly empty, so boxes may share that
 * much before letters touch. Sideways, 2 px. */
static inline bool overlap(gf_ui_text_rect ta, gf_ui_text_rect tb)
{
    gf_rect a = ta.r, b = tb.r;
    int w = (a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w) - (a.x > b.x ? a.x : b.x);
    int h = (a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h) - (a.y > b.y ? a.y : b.y);
    int least_h = a.h < b.h ? a.h : b.h, least_w = a.w < b.w ? a.w : b.w;
    bool turned = ta.turned || tb.turned;   /* a column label read bottom to top */
    int slack_h = turned ? 2 : least_h / 5, slack_w = turned ? least_w / 5 : 2;
    return w > slack_w && h > slack_h;
}

/* The first overlapping pair of this frame's text (or a text past the
 * window's edge: j = i), or false. */
static inline bool find_overlap(const gf_ui *ui, int *i_out, int *j_out)
{
    for (int i = 0; i < ui->n_text; i++) {
        gf_rect r = ui->text_rects[i].r;
        if (r.x < 0 || r.y < 0 || r.x + r.w > ui->width || r.y + r.h > ui->height) {
            *i_out = *j_out = i;
            return true;
        }
    }
    for (int i = 0; i < ui->n_text; i++)
        for (int j = i + 1; j < ui->n_text; j++)
            if (overlap(ui->text_rects[i], ui->text_rects[j])) {
                *i_out = i;
                *j_out = j;
                return true;
            }
    return false;
}

#endif
