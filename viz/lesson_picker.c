/* lesson_picker.c — the lesson picker (O): an overlay listing the lessons
 * of the interface's language (the .lesson files of lessons/<lang>) in file name order,
 * each with its title and number of steps. ↑ / ↓ choose, Enter opens the
 * chosen one at step 1 (in place of a lesson playing, if any), Esc (or any
 * other key) closes it. The folder is read each time the picker opens, so
 * a lesson saved meanwhile is there. Where lessons/ is: $GLASSFORMER_LESSONS,
 * else the build's source folder (like the assets, options.h). */
#include "lesson_player.h"

#include "app.h"
#include "views.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PICKER_MAX 64

typedef struct {
    char file[128];               /* "03-attention.lesson"                  */
    char title[160];              /* its title, or the parse error          */
    int n_steps;                  /* 0: it does not parse                   */
} picker_entry;

typedef struct gf_lesson_picker {
    char dir[1024];               /* lessons/<lang>                         */
    picker_entry entries[PICKER_MAX];
    int n;
    int selected;
} gf_lesson_picker;

static const char *ptext(const gf_app *app, const char *key, const char *fallback)
{
    const char *s = gf_text_get(&app->text.file, key);
    return s != NULL ? s : fallback;
}

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const picker_entry *)a)->file, ((const picker_entry *)b)->file);
}

/* Read dir's lessons (names and titles; at most PICKER_MAX). */
static void picker_scan(gf_lesson_picker *pk)
{
    pk->n = 0;
    DIR *d = opendir(pk->dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && pk->n < PICKER_MAX) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 8 || len >= sizeof pk->entries[0].file ||
            strcmp(e->d_name + len - 7, ".lesson") != 0)
            continue;
        picker_entry *pe = &pk->entries[pk->n++];
        snprintf(pe->file, sizeof pe->file, "%s", e->d_name);
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", pk->dir, pe->file);
        gf_lesson l;
        gf_error err;
        gf_error_clear(&err);
        if (gf_lesson_load(path, &l, &err) == GF_OK) {
            snprintf(pe->title, sizeof pe->title, "%s", l.title);
            pe->n_steps = l.n_steps;
            gf_lesson_free(&l);
        } else {
            /* The error without the folder: "x.lesson:3:8: expected …". */
            const char *why = err.message;
            size_t dl = strlen(pk->dir);
            if (strncmp(why, pk->dir, dl) == 0 && why[dl] == '/')
                why += dl + 1;
            snprintf(pe->title, sizeof pe->title, "%.150s", why);
            pe->n_steps = 0;
        }
    }
    closedir(d);
    qsort(pk->entries, (size_t)pk->n, sizeof pk->entries[0], compare_entries);
}

bool gf_lesson_picker_open(gf_app *app)
{
    if (app->picker == NULL) {
        app->picker = calloc(1, sizeof *app->picker);
        if (app->picker == NULL)
            return false;
    }
    gf_lesson_picker *pk = app->picker;
    snprintf(pk->dir, sizeof pk->dir, "%s/%s", gf_options_lessons_dir(),
             gf_lang_code(app->text.lang));
    picker_scan(pk);
    /* The lesson playing, if it is in the list, is where the choice starts. */
    pk->selected = 0;
    const char *playing = app->lesson != NULL ? strrchr(app->lesson->path, '/') : NULL;
    for (int i = 0; playing != NULL && i < pk->n; i++)
        if (strcmp(pk->entries[i].file, playing + 1) == 0)
            pk->selected = i;
    app->overlay = GF_SCREEN_LESSONS;
    return true;
}

void gf_lesson_picker_free(gf_app *app)
{
    free(app->picker);
    app->picker = NULL;
}

int gf_lesson_picker_count(const gf_app *app, int *selected)
{
    const gf_lesson_picker *pk = app->picker;
    if (selected != NULL)
        *selected = pk != NULL ? pk->selected : -1;
    return pk != NULL ? pk->n : 0;
}

/* Open the chosen lesson at its first step. */
static bool picker_choose(gf_app *app)
{
    gf_lesson_picker *pk = app->picker;
    if (pk->n == 0 || pk->entries[pk->selected].n_steps == 0)
        return true;  /* nothing to open (the list says why) */
    char path[1200], err[512];
    snprintf(path, sizeof path, "%s/%s", pk->dir, pk->entries[pk->selected].file);
    app->overlay = GF_SCREEN_NONE;
    if (!gf_lesson_player_replace(app, path, err, sizeof err))
        snprintf(app->message, sizeof app->message, "%s", err);
    return true;
}

bool gf_input_lesson_picker(gf_app *app, int cmd, int arg)
{
    gf_lesson_picker *pk = app->picker;
    if (pk == NULL || cmd != GF_CMD_LESSON_PICK)
        return false;
    if (arg == 0)
        return picker_choose(app);
    if (pk->n > 0)
        pk->selected = (pk->selected + arg + pk->n) % pk->n;
    return true;
}

void gf_view_lesson_picker(gf_app *app, gf_rect window)
{
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    gf_lesson_picker *pk = app->picker;
    int pad = gf_ui_px(ui, st->overlay_pad), margin = gf_ui_px(ui, st->overlay_margin);
    int title_h = gf_ui_text_px(ui, GF_TEXT_TITLE) * 2;
    int line_h = gf_ui_text_px(ui, GF_TEXT_BODY) * 3 / 2;
    int foot_h = gf_ui_text_px(ui, GF_TEXT_SMALL) * 2;
    int n = pk != NULL ? pk->n : 0;
    int rows = n > 0 ? n : 1;
    gf_rect box = {window.x + margin, window.y + margin, window.w - 2 * margin, 0};
    box.h = title_h + rows * line_h + foot_h + 2 * pad;
    if (box.h > window.h - 2 * margin)
        box.h = window.h - 2 * margin;
    box.y = window.y + (window.h - box.h) / 2;
    gf_draw_fill(ui, window, st->shade);
    gf_draw_fill(ui, box, st->panel);
    gf_draw_outline(ui, box, st->accent, gf_ui_px(ui, st->outline));
    int x = box.x + pad, w = box.w - 2 * pad, y = box.y + pad;
    gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_TITLE, st->text, x, y,
                 gf_i18n(&app->text, GF_STR_LESSONS_TITLE), GF_ALIGN_LEFT);
    y += title_h;
    char line[512], fitted[512];
    if (n == 0) {
        snprintf(line, sizeof line, ptext(app, "lesson.picker_none", "No lessons in %s"),
                 pk != NULL ? pk->dir : "lessons/");
        gf_text_fit(ui, GF_FACE_SANS, GF_TEXT_BODY, line, w, false, fitted, sizeof fitted);
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text_dim, x, y, fitted, GF_ALIGN_LEFT);
    }
    /* As many rows as fit, scrolled so that the chosen one shows. */
    int fit = (box.y + box.h - pad - foot_h - y) / line_h;
    int first = n > fit && fit > 0 && pk->selected >= fit ? pk->selected - fit + 1 : 0;
    for (int i = first; i < n && i < first + fit; i++) {
        const picker_entry *pe = &pk->entries[i];
        bool chosen = i == pk->selected;
        gf_rect row = {box.x + pad / 2, y, box.w - pad, line_h};
        if (chosen) {
            gf_draw_fill(ui, row, st->background);
            gf_draw_outline(ui, row, st->accent, gf_ui_px(ui, st->outline));
        }
        char steps[64];
        snprintf(steps, sizeof steps, ptext(app, "lesson.picker_steps", "%d steps"), pe->n_steps);
        int sw = 0, sh = 0;
        gf_text_size(ui, GF_FACE_SANS, GF_TEXT_BODY, steps, &sw, &sh);
        snprintf(line, sizeof line, "%s   %s", pe->file, pe->title);
        gf_text_fit(ui, GF_FACE_SANS, GF_TEXT_BODY, line, w - sw - pad, false, fitted,
                    sizeof fitted);
        gf_rgba c = pe->n_steps == 0 ? st->text_dim : chosen ? st->accent : st->text;
        int ty = y + (line_h - gf_ui_text_px(ui, GF_TEXT_BODY)) / 2;
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, c, x, ty, fitted, GF_ALIGN_LEFT);
        if (pe->n_steps > 0)
            gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text_dim, x + w, ty, steps,
                         GF_ALIGN_RIGHT);
        y += line_h;
    }
    gf_text_fit(ui, GF_FACE_SANS, GF_TEXT_SMALL,
                ptext(app, "lesson.picker_keys", "↑ / ↓ choose   Enter opens   Esc closes"), w,
                false, fitted, sizeof fitted);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, st->text_dim, x, box.y + box.h - pad - foot_h / 2 -
                 gf_ui_text_px(ui, GF_TEXT_SMALL) / 2, fitted, GF_ALIGN_LEFT);
}
