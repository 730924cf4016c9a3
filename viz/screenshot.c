/* screenshot.c — software rendering onto a surface, PNG output. */
#include "screenshot.h"

#include "file_io.h"
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

/* SDL_image writes the PNG through an SDL_RWops; this one hands every byte
 * to core's one writer (file_io.h): a uniquely named temporary beside the
 * target, opened with O_EXCL|O_NOFOLLOW, synced and renamed over it. A
 * write that fails (a full disk) is remembered by the writer, so a PNG cut
 * short never replaces anything. */
typedef struct {
    gf_file_out out;
    Sint64 written;  /* bytes handed over so far */
} png_sink;

static size_t SDLCALL png_sink_write(SDL_RWops *rw, const void *data, size_t size, size_t count)
{
    png_sink *sink = rw->hidden.unknown.data1;
    gf_file_out_write(&sink->out, data, size * count);
    if (sink->out.write_errno != 0)
        return 0;
    sink->written += (Sint64)(size * count);
    return count;
}

/* Only "where am I" (offset 0 from the current place) is answered. */
static Sint64 SDLCALL png_sink_seek(SDL_RWops *rw, Sint64 offset, int whence)
{
    const png_sink *sink = rw->hidden.unknown.data1;
    if (offset == 0 && whence == RW_SEEK_CUR)
        return sink->written;
    return SDL_SetError("a PNG being written cannot seek");
}

static Sint64 SDLCALL png_sink_size(SDL_RWops *rw)
{
    (void)rw;
    return SDL_SetError("a PNG being written has no size yet");
}

static size_t SDLCALL png_sink_read(SDL_RWops *rw, void *data, size_t size, size_t count)
{
    (void)rw, (void)data, (void)size, (void)count;
    SDL_SetError("a PNG being written cannot be read");
    return 0;
}

/* save_png frees the SDL_RWops itself (SDL_image is told not to). */
static int SDLCALL png_sink_close(SDL_RWops *rw)
{
    (void)rw;
    return 0;
}

/* Write s as a PNG at path, whole or not at all: never over a device, FIFO
 * or folder, never through a link planted at a temporary's name. */
static bool save_png(SDL_Surface *s, const char *path, char *err, size_t err_size)
{
    gf_error e;
    gf_error_clear(&e);
    png_sink sink = {.written = 0};
    if (gf_file_out_begin(&sink.out, path, &e) != GF_OK) {
        snprintf(err, err_size, "%s", e.message);
        return false;
    }
    SDL_RWops *rw = SDL_AllocRW();
    if (rw == NULL) {
        gf_file_out_abort(&sink.out);
        snprintf(err, err_size, "%s: cannot write the PNG (%s)", path, SDL_GetError());
        return false;
    }
    rw->type = SDL_RWOPS_UNKNOWN;
    rw->size = png_sink_size;
    rw->seek = png_sink_seek;
    rw->read = png_sink_read;
    rw->write = png_sink_write;
    rw->close = png_sink_close;
    rw->hidden.unknown.data1 = &sink;
    bool saved = IMG_SavePNG_RW(s, rw, 0) == 0;
    SDL_FreeRW(rw);
    if (!saved) {
        snprintf(err, err_size, "%s: cannot write the PNG (%s)", path,
                 sink.out.write_errno != 0 ? strerror(sink.out.write_errno) : IMG_GetError());
        gf_file_out_abort(&sink.out);
        return false;
    }
    if (gf_file_out_commit(&sink.out, &e) != GF_OK) {
        snprintf(err, err_size, "%s", e.message);
        return false;
    }
    return true;
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
 * -3, ... when a picture of that second is already there. The names are
 * tried in a buffer of this function's own and the one found is copied to
 * path once: with UBSan (-fsanitize=undefined checks access()'s nonnull
 * argument and carries on after a report) gcc otherwise follows a "path was
 * NULL" branch round the loop into snprintf and warns "null destination
 * pointer", though path is never NULL. */
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
    char name[sizeof dir + sizeof stamp + 32];  /* dir "/glassformer-" stamp "-999.png" */
    bool free_name = false;
    for (int n = 1; n < 1000 && !free_name; n++) {
        if (n == 1)
            snprintf(name, sizeof name, "%s/glassformer-%s.png", dir, stamp);
        else
            snprintf(name, sizeof name, "%s/glassformer-%s-%d.png", dir, stamp, n);
        free_name = access(name, F_OK) != 0;
    }
    if (!free_name) {
        snprintf(err, err_size, "%s: no screenshot: too many pictures of this second", name);
        return false;
    }
    int len = snprintf(path, size, "%s", name);
    if (len < 0 || (size_t)len >= size) {
        snprintf(err, err_size, "no screenshot: the folder's path is too long");
        return false;
    }
    return true;
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
