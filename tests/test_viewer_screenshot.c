/* test_viewer_screenshot.c — a screenshot (F12, --screenshot) is written
 * like every output of core (core/file_io): whole or not at all, through a
 * uniquely named temporary that is never a link or a file already there.
 * A link, FIFO or folder at the picture's path is handled without harm, a
 * full disk (RLIMIT_FSIZE, disk_limit.h) leaves the old picture and no
 * temporary, and the messages are one line naming the path. */
#include "check.h"
#include "disk_limit.h"
#include "scratch_dir.h"
#include "viewer_fixture.h"

#include <SDL_image.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether path holds exactly text. */
static bool holds(const char *path, const char *text)
{
    char buf[256] = "";
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return false;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strcmp(buf, text) == 0;
}

/* Whether path is a regular file holding a PNG of the app's size. */
static bool is_picture(const gf_app *app, const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return false;
    SDL_Surface *png = IMG_Load(path);
    bool ok = png != NULL && png->w == app->surface->w && png->h == app->surface->h;
    SDL_FreeSurface(png);
    return ok;
}

/* Whether mode is of type 'l' (a link), 'p' (a FIFO) or 'd' (a folder). */
static bool is_type(mode_t mode, char type)
{
    return type == 'l' ? S_ISLNK(mode) : type == 'p' ? S_ISFIFO(mode) : S_ISDIR(mode);
}

/* Saving at path (something of kind, file type type as for is_type, in
 * dir) is refused with "PATH: KIND, not a regular file: not replaced";
 * path stays what it was and dir keeps its entries entries. */
static void check_refused(check_ctx *c, gf_app *app, const char *dir, const char *path,
                          const char *kind, char type, int entries)
{
    char err[1024], want[2 * SCRATCH_PATH_LEN];
    CHECK(c, !gf_headless_save(app, path, err, sizeof err));
    snprintf(want, sizeof want, "%s: %s, not a regular file: not replaced", path, kind);
    CHECK_STR(c, err, want);
    struct stat sb;
    CHECK(c, lstat(path, &sb) == 0 && is_type(sb.st_mode, type));
    CHECK_INT(c, scratch_count_entries(dir), entries);
}

/* The old writer's fixed PATH.tmp: a link planted there must not lead the
 * picture into the file it points at, and a user's own file of that name is
 * neither overwritten nor renamed away. */
static void test_fixed_temporary(check_ctx *c, gf_app *app)
{
    char dir[SCRATCH_PATH_LEN], path[SCRATCH_PATH_LEN], tmp[SCRATCH_PATH_LEN];
    char victim[SCRATCH_PATH_LEN], err[1024];
    scratch_fresh(dir, sizeof dir, "screenshot-tmp");
    scratch_join(path, dir, "shot.png");
    scratch_join(tmp, dir, "shot.png.tmp");
    scratch_join(victim, dir, "victim.txt");
    if (CHECK(c, scratch_write_text(victim, "precious\n")) && CHECK(c, symlink(victim, tmp) == 0)) {
        if (!CHECK(c, gf_headless_save(app, path, err, sizeof err)))
            fprintf(stderr, "  %s\n", err);
        CHECK(c, holds(victim, "precious\n"));
        CHECK(c, is_picture(app, path));
        struct stat sb;
        CHECK(c, lstat(tmp, &sb) == 0 && S_ISLNK(sb.st_mode));
        CHECK_INT(c, scratch_count_entries(dir), 3);
    }
    unlink(tmp);
    unlink(path);
    if (CHECK(c, scratch_write_text(tmp, "mine\n"))) {
        CHECK(c, gf_headless_save(app, path, err, sizeof err));
        CHECK(c, holds(tmp, "mine\n"));
        CHECK(c, is_picture(app, path));
    }
    scratch_remove_tree(dir);
}

/* A link at the picture's path: one to a file is replaced by the picture
 * (the file it pointed at keeps its bytes), one to a device is refused. */
static void test_link_at_path(check_ctx *c, gf_app *app)
{
    char dir[SCRATCH_PATH_LEN], path[SCRATCH_PATH_LEN], victim[SCRATCH_PATH_LEN], err[1024];
    scratch_fresh(dir, sizeof dir, "screenshot-link");
    scratch_join(path, dir, "shot.png");
    scratch_join(victim, dir, "victim.txt");
    if (CHECK(c, scratch_write_text(victim, "precious\n")) &&
        CHECK(c, symlink(victim, path) == 0)) {
        CHECK(c, gf_headless_save(app, path, err, sizeof err));
        CHECK(c, holds(victim, "precious\n"));
        CHECK(c, is_picture(app, path));
        CHECK_INT(c, scratch_count_entries(dir), 2);
    }
    unlink(path);
    if (CHECK(c, symlink("/dev/null", path) == 0))
        check_refused(c, app, dir, path, "a device", 'l', 2);
    scratch_remove_tree(dir);
}

/* A FIFO or a folder at the path is refused at once (opening a FIFO would
 * block) and stays as it was; nothing else appears. */
static void test_fifo_and_folder(check_ctx *c, gf_app *app)
{
    char dir[SCRATCH_PATH_LEN], path[SCRATCH_PATH_LEN];
    scratch_fresh(dir, sizeof dir, "screenshot-kinds");
    scratch_join(path, dir, "shot.png");
    if (CHECK(c, mkfifo(path, 0600) == 0))
        check_refused(c, app, dir, path, "a pipe (FIFO)", 'p', 1);
    unlink(path);
    if (CHECK(c, mkdir(path, 0700) == 0))
        check_refused(c, app, dir, path, "a folder", 'd', 1);
    rmdir(path);
    scratch_remove_tree(dir);
}

/* A disk that fills while the PNG is written: the save fails with one line
 * naming the path, the old picture stays whole and no temporary stays. */
static void test_full_disk(check_ctx *c, gf_app *app)
{
    char dir[SCRATCH_PATH_LEN], path[SCRATCH_PATH_LEN], err[1024] = "";
    scratch_fresh(dir, sizeof dir, "screenshot-full");
    scratch_join(path, dir, "shot.png");
    if (CHECK(c, scratch_write_text(path, "old picture\n"))) {
        disk_limit limit;
        disk_limit_set(&limit, 512);
        bool saved = gf_headless_save(app, path, err, sizeof err);
        disk_limit_undo(&limit);
        CHECK(c, !saved);
        CHECK(c, strncmp(err, path, strlen(path)) == 0 && strchr(err, '\n') == NULL);
        CHECK(c, holds(path, "old picture\n"));
        CHECK_INT(c, scratch_count_entries(dir), 1);
    }
    scratch_remove_tree(dir);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "viewer_screenshot");
    gf_app *app = viewer_fixture_open_checked(&c, "Hi there", 320, 200);
    if (app != NULL) {
        gf_headless_frame(app);
        test_fixed_temporary(&c, app);
        test_link_at_path(&c, app);
        test_fifo_and_folder(&c, app);
        test_full_disk(&c, app);
    }
    viewer_fixture_close(app);
    return check_end(&c);
}
