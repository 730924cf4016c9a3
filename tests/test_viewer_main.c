/* test_viewer_main.c — the `glassformer` binary itself (argv[1]), run as a
 * user runs it: a headless --screenshot equals the same picture rendered
 * in this process once all work is done (so it never shows the loading
 * frame, which this process renders too, to tell them apart), --keys in a
 * headless run and in a window (SDL's dummy video driver) press keys whose
 * work finishes before the next key, and bad options exit with a status and
 * one line. */
#define _XOPEN_SOURCE 700  /* realpath */
#include "check.h"
#include "viewer_fixture.h"

#include <SDL_image.h>
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define W 960
#define H 540

/* Run the binary with args in folder cwd (NULL: here); stderr to err_path.
 * video: SDL_VIDEODRIVER for a window run (NULL: none, no display). */
static int run(const char *binary, const char *const *args, const char *cwd, const char *video,
               const char *err_path)
{
    char *argv[32];
    int n = 0;
    argv[n++] = (char *)binary;
    for (; args[n - 1] != NULL && n < 31; n++)
        argv[n] = (char *)args[n - 1];
    argv[n] = NULL;
    pid_t pid = fork();
    if (pid == 0) {
        unsetenv("DISPLAY");
        unsetenv("WAYLAND_DISPLAY");
        if (video != NULL)
            setenv("SDL_VIDEODRIVER", video, 1);
        else
            unsetenv("SDL_VIDEODRIVER");
        int fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0)
            dup2(fd, 2);
        if (cwd != NULL && chdir(cwd) != 0)
            _exit(126);
        execv(binary, argv);
        _exit(127);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void read_text(const char *path, char *buf, size_t size)
{
    buf[0] = '\0';
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return;
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
}

/* Whether the PNG at path has the app's picture, pixel for pixel. */
static bool png_equals_app(check_ctx *c, const char *path, const gf_app *app)
{
    SDL_Surface *raw = IMG_Load(path);
    if (!CHECK(c, raw != NULL))
        return false;
    SDL_Surface *png = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    bool same = png != NULL && CHECK_INT(c, png->w, W) && CHECK_INT(c, png->h, H);
    int differ = 0;
    for (int y = 0; same && y < H; y++)
        for (int x = 0; x < W; x++) {
            gf_rgba a = gf_headless_pixel(app, x, y);
            uint32_t p = ((const uint32_t *)((const uint8_t *)png->pixels + (size_t)y * png->pitch))[x];
            differ += a.r != (uint8_t)(p >> 16) || a.g != (uint8_t)(p >> 8) || a.b != (uint8_t)p;
        }
    SDL_FreeSurface(png);
    if (differ > 0)
        fprintf(stderr, "  %s: %d pixels differ\n", path, differ);
    return same && differ == 0;
}

/* This process's rendering of args (after "glassformer"), with keys pressed;
 * loading: the frame before the model is there. NULL on failure. */
static gf_app *render_here(check_ctx *c, const char *const *args, const char *keys, bool loading)
{
    char *argv[32] = {"glassformer"};
    int n = 1;
    for (; args[n - 1] != NULL && n < 31; n++)
        argv[n] = (char *)args[n - 1];
    gf_options opt;
    char err[512] = "";
    gf_app *app = calloc(1, sizeof *app);
    bool ok = app != NULL && CHECK(c, gf_options_parse(&opt, n, argv, err, sizeof err)) &&
              CHECK(c, gf_app_start(app, &opt, false, err, sizeof err)) &&
              CHECK(c, gf_headless_init(app, W, H, err, sizeof err));
    if (ok && !loading) {
        ok = CHECK(c, viewer_fixture_settle(app));
        if (ok && keys != NULL)
            ok = CHECK(c, gf_app_keys(app, keys, err, sizeof err));
        gf_flow_stop(&app->flow);  /* the binary's pictures come after the animation */
        gf_app_mouse_move(app, opt.hover_x, opt.hover_y);
    }
    if (!ok) {
        fprintf(stderr, "  %s\n", err);
        viewer_fixture_close(app);
        return NULL;
    }
    gf_headless_frame(app);
    return app;
}

/* The binary's --screenshot of args equals this process's settled picture
 * and differs from the loading frame. */
static void check_screenshot(check_ctx *c, const char *binary, const char *name,
                             const char *const *args, const char *keys)
{
    char png[512], errf[512], text[1024];
    check_tmp_path(png, sizeof png, name);
    check_tmp_path(errf, sizeof errf, "viewer_main.err");
    remove(png);
    const char *full[32];
    int n = 0;
    for (; args[n] != NULL; n++)
        full[n] = args[n];
    full[n++] = "--size";
    full[n++] = "960x540";
    full[n++] = "--screenshot";
    full[n++] = png;
    if (keys != NULL) {
        full[n++] = "--keys";
        full[n++] = keys;
    }
    full[n] = NULL;
    int rc = run(binary, full, NULL, NULL, errf);
    read_text(errf, text, sizeof text);
    if (!CHECK_INT(c, rc, 0))
        fprintf(stderr, "  %s: %s\n", name, text);
    gf_app *done = render_here(c, args, keys, false);
    gf_app *loading = render_here(c, args, NULL, true);
    if (done != NULL && loading != NULL) {
        CHECK(c, png_equals_app(c, png, done));
        CHECK(c, !png_equals_app(c, png, loading));
    }
    viewer_fixture_close(done);
    viewer_fixture_close(loading);
}

/* A window (SDL's dummy driver), keys pressed by --keys, F12 saves the
 * frame: the same picture as the keys give here. */
static void check_window_keys(check_ctx *c, const char *binary)
{
    char dir[512], errf[512], text[1024], pattern[600];
    check_tmp_path(dir, sizeof dir, "viewer_main_window");
    mkdir(dir, 0755);
    snprintf(pattern, sizeof pattern, "%s/glassformer-*.png", dir);
    glob_t g;
    if (glob(pattern, 0, NULL, &g) == 0)
        for (size_t i = 0; i < g.gl_pathc; i++)
            remove(g.gl_pathv[i]);
    globfree(&g);
    check_tmp_path(errf, sizeof errf, "viewer_main_window.err");
    const char *args[] = {"--random", "tiny", "--prompt", "The cat", "--size", "960x540",
                          "--keys", "space,wait,space,wait,backspace,t,f12", NULL};
    int rc = run(binary, args, dir, "dummy", errf);
    read_text(errf, text, sizeof text);
    if (!CHECK_INT(c, rc, 0))
        fprintf(stderr, "  window: %s\n", text);
    if (!CHECK(c, glob(pattern, 0, NULL, &g) == 0 && g.gl_pathc == 1))
        return;
    const char *here[] = {"--random", "tiny", "--prompt", "The cat", NULL};
    gf_app *app = render_here(c, here, "space,space,backspace,t", false);
    if (app != NULL) {
        CHECK_INT(c, app->s.n_tokens, 8);
        CHECK(c, png_equals_app(c, g.gl_pathv[0], app));
    }
    viewer_fixture_close(app);
    globfree(&g);
}

static void check_failures(check_ctx *c, const char *binary)
{
    char errf[512], text[1024];
    check_tmp_path(errf, sizeof errf, "viewer_main_bad.err");
    const char *bad_key[] = {"--random", "tiny", "--keys", "space,nosuchkey", NULL};
    CHECK_INT(c, run(binary, bad_key, NULL, "dummy", errf), 2);
    read_text(errf, text, sizeof text);
    CHECK(c, strstr(text, "glassformer: --keys: \"nosuchkey\" is not a key name") == text);
    const char *no_model[] = {"--model", "/nonexistent/model", "--screenshot", "x.png", NULL};
    CHECK_INT(c, run(binary, no_model, NULL, NULL, errf), 1);
    read_text(errf, text, sizeof text);
    CHECK(c, strstr(text, "/nonexistent/model") != NULL && strchr(text, '\n') == text + strlen(text) - 1);
    /* In a window, opening the model fails after the window is up: the same
     * one line and status (a scripted run shows no message box). */
    const char *bad_layer[] = {"--random", "tiny", "--layer", "7", "--keys", "space", NULL};
    CHECK_INT(c, run(binary, bad_layer, NULL, "dummy", errf), 1);
    read_text(errf, text, sizeof text);
    CHECK_STR(c, text, "glassformer: --layer 7: the model has layers 0..1\n");
}

int main(int argc, char **argv)
{
    check_ctx c;
    check_begin(&c, "test_viewer_main");
    char binary[4096];
    if (!CHECK(&c, argc == 2 && realpath(argv[1], binary) != NULL))
        return check_end(&c);
    argv[1] = binary;  /* the window run starts in another folder */
    const char *stage[] = {"--random", "tiny", "--prompt", "The cat sat", "--stage", "softmax",
                           "--layer", "1", "--head", "2", NULL};
    check_screenshot(&c, argv[1], "viewer_main_softmax.png", stage, NULL);
    const char *lanes[] = {"--random", "tiny", "--prompt", "The cat sat", "--stage",
                           "temperature", NULL};
    check_screenshot(&c, argv[1], "viewer_main_lanes.png", lanes, NULL);
    const char *keyed[] = {"--random", "tiny", "--prompt", "Кот", "--sample", "2", NULL};
    check_screenshot(&c, argv[1], "viewer_main_keys.png", keyed, "space,space,backspace,right,t");
    check_window_keys(&c, argv[1]);
    check_failures(&c, argv[1]);
    return check_end(&c);
}
