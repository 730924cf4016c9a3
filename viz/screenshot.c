/* screenshot.c — software rendering onto a surface, PNG output. */
#include "screenshot.h"

#include "file_check.h"
#include "work.h"

#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

/* F12's file: <current folder>/glassformer-YYYYMMDD-HHMMSS.png, with -2,
 * -3, ... when a picture of that second is already there. */
static bool frame_path(char *path, size_t size, char *err, size_t err_size)
{
    char dir[3072];
    if (getcwd(dir, sizeof dir) == NULL) {
        snprintf(err, err_size, "no screenshot: the current folder is unknown (%s)",
                 strerror(errno));
        return false;
    }
    time_t now = time(NULL);
    struct tm tm;
    char stamp[32] = "picture";
    if (localtime_r(&now, &tm) != NULL)
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    for (int n = 1; n < 1000; n++) {
        int len = n == 1 ? snprintf(path, size, "%s/glassformer-%s.png", dir, stamp)
                         : snprintf(path, size, "%s/glassformer-%s-%d.png", dir, stamp, n);
        if (len < 0 || (size_t)len >= size) {
            snprintf(err, err_size, "no screenshot: the folder's path is too long");
            return false;
        }
        if (access(path, F_OK) != 0)
            return true;
    }
    snprintf(err, err_size, "%s: no screenshot: too many pictures of this second", path);
    return false;
}

bool gf_screenshot_take(gf_app *app, char *path, size_t path_size, char *err, size_t err_size)
{
    if (!frame_path(path, path_size, err, err_size))
        return false;
    int w = 0, h = 0;
    SDL_Surface *s = NULL;
    if (app->renderer == NULL || SDL_GetRendererOutputSize(app->renderer, &w, &h) != 0 ||
        (s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888)) == NULL) {
        snprintf(err, err_size, "%s: no screenshot: %s", path,
                 app->renderer == NULL ? "nothing drawn yet" : SDL_GetError());
        return false;
    }
    bool ok = SDL_RenderReadPixels(app->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) == 0;
    if (!ok)
        snprintf(err, err_size, "%s: cannot read the window's pixels: %s", path, SDL_GetError());
    ok = ok && save_png(s, path, err, err_size);
    SDL_FreeSurface(s);
    return ok;
}
