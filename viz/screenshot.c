/* screenshot.c — software rendering onto a surface, PNG output. */
#include "screenshot.h"

#include "file_check.h"
#include "work.h"

#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

bool gf_headless_init(gf_app *app, int width, int height, char *err, size_t err_size)
{
    app->surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (app->surface == NULL) {
        snprintf(err, err_size, "cannot create a %dx%d surface: %s", width, height, SDL_GetError());
        return false;
    }
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(app->surface);
    if (r == NULL) {
        snprintf(err, err_size, "cannot create a software renderer: %s", SDL_GetError());
        return false;
    }
    return gf_app_attach(app, r, err, err_size);
}

void gf_headless_frame(gf_app *app)
{
    gf_app_draw_frame(app, app->surface->w, app->surface->h);
    SDL_RenderPresent(app->renderer);
}

/* Write s as a PNG at path: never over a device or FIFO, through
 * PATH.tmp, read back before it replaces path (SDL_image does not report a
 * write that a full disk cut short). */
static bool save_png(SDL_Surface *s, const char *path, char *err, size_t err_size)
{
    gf_error e;
    gf_error_clear(&e);
    if (gf_file_check_output(path, &e) != GF_OK) {
        snprintf(err, err_size, "%s", e.message);
        return false;
    }
    char tmp[4096];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp) {
        snprintf(err, err_size, "%.200s...: path too long", path);
        return false;
    }
    if (IMG_SavePNG(s, tmp) != 0) {
        snprintf(err, err_size, "%s: cannot write the PNG (%s)", path, IMG_GetError());
        remove(tmp);
        return false;
    }
    SDL_Surface *back = IMG_Load(tmp);
    bool whole = back != NULL && back->w == s->w && back->h == s->h;
    SDL_FreeSurface(back);
    if (whole && rename(tmp, path) == 0)
        return true;
    snprintf(err, err_size, "%s: cannot write the PNG (%s)", path,
             whole ? strerror(errno) : "it came out incomplete: disk full?");
    remove(tmp);
    return false;
}

bool gf_headless_save(gf_app *app, const char *path, char *err, size_t err_size)
{
    return save_png(app->surface, path, err, err_size);
}

void gf_headless_free(gf_app *app)
{
    if (app->has_ui)
        gf_ui_free(&app->ui);
    app->has_ui = false;
    if (app->renderer != NULL)
        SDL_DestroyRenderer(app->renderer);
    app->renderer = NULL;
    if (app->surface != NULL)
        SDL_FreeSurface(app->surface);
    app->surface = NULL;
}

gf_rgba gf_headless_pixel(const gf_app *app, int x, int y)
{
    const SDL_Surface *s = app->surface;
    if (s == NULL || x < 0 || y < 0 || x >= s->w || y >= s->h)
        return (gf_rgba){0, 0, 0, 0};
    const uint32_t *row = (const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch);
    uint32_t p = row[x];
    return (gf_rgba){(uint8_t)(p >> 16), (uint8_t)(p >> 8), (uint8_t)p, 0xff};
}

bool gf_screenshot_window(gf_app *app, const char *path, char *err, size_t err_size)
{
    int w = 0, h = 0;
    SDL_Surface *s = NULL;
    if (app->window == NULL || app->renderer == NULL ||
        SDL_GetRendererOutputSize(app->renderer, &w, &h) != 0 ||
        (s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888)) == NULL) {
        snprintf(err, err_size, "%s: no screenshot: %s", path,
                 app->window == NULL ? "no window" : SDL_GetError());
        return false;
    }
    bool ok = SDL_RenderReadPixels(app->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) == 0;
    if (!ok)
        snprintf(err, err_size, "%s: cannot read the window's pixels: %s", path, SDL_GetError());
    ok = ok && save_png(s, path, err, err_size);
    SDL_FreeSurface(s);
    return ok;
}
