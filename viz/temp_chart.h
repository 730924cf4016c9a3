/* temp_chart.h — the temperature screen's shared chart: the same tokens (the
 * most likely at T = 1) with their probability at each lane's T, side by side
 * on one 0–100 % axis, so the distribution is seen to sharpen and flatten. */
#ifndef GF_VIZ_TEMP_CHART_H
#define GF_VIZ_TEMP_CHART_H

#include "app.h"

/* The least height the chart needs: its title, legend, one token and axis. */
int gf_temp_chart_min_height(gf_app *app);

/* Draw the chart of ts's lanes into r (as many tokens as fit; nothing when
 * r is shorter than its title, legend and axis). */
void gf_temp_chart_draw(gf_app *app, gf_rect r, const gf_temp_state *ts);

#endif
