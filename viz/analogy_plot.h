/* analogy_plot.h — the analogy screen's map of words: core's PCA of the
 * input words, the answer and its neighbours, drawn flat (2-D, equal scale
 * on both axes so angles and parallels stay true) or in 3-D through a
 * camera orbiting the words (cglm: look-at and perspective). For a − b + c
 * the arrows b → c and a → answer are drawn alike, the parallelogram's two
 * sides; the sum itself is a ring. Hovering a word tells its cosine with
 * the sum and its nearest words. */
#ifndef GF_VIZ_ANALOGY_PLOT_H
#define GF_VIZ_ANALOGY_PLOT_H

#include "analogy_lab.h"
#include "app.h"

/* Draw the lab's answer in r (its 2-D or 3-D map, as lab->three_d says). */
void gf_analogy_plot_draw(gf_app *app, gf_analogy_lab *lab, gf_rect r);
/* Turn the 3-D camera (radians; the pitch stays within ±80°). */
void gf_analogy_orbit(gf_analogy_lab *lab, float dyaw, float dpitch);
/* Where the 2-D map puts each point (n_points of them) and the sum inside
 * area: one scale for both axes, y upwards, the points' box centred. */
void gf_analogy_plot_place_2d(const gf_lab_answer *a, gf_rect area, float (*xy)[2],
                              float sum[2]);

#endif
