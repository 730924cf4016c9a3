/* screenshot.h — rendering without a display and saving PNGs.
 *
 * Headless mode draws with SDL's software renderer onto an SDL_Surface (no
 * video subsystem, no window), with the same drawing code as the window, and
 * saves through SDL2_image. */
#ifndef GF_VIZ_SCREENSHOT_H
#define GF_VIZ_SCREENSHOT_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"

/* Create a width × height surface and a software renderer and attach the UI. */
bool gf_headless_init(gf_app *app, int width, int height, char *err, size_t err_size);
/* Draw one frame onto the surface. */
void gf_headless_frame(gf_app *app);
bool gf_headless_save(gf_app *app, const char *path, char *err, size_t err_size);
/* Free the UI, renderer and surface (the session stays). */
void gf_headless_free(gf_app *app);
/* The pixel (RGB) at x, y of the headless surface. */
gf_rgba gf_headless_pixel(const gf_app *app, int x, int y);

/* F12: save the frame drawn so far (window or headless) as
 * glassformer-DATE-TIME.png in the current folder; path gets its full path. */
bool gf_screenshot_take(gf_app *app, char *path, size_t path_size, char *err, size_t err_size);

#endif
