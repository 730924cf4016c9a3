/* test_viewer_screens.c — every row of the screen table, and every stage of
 * the stage screen, renders headless through the viewer binary itself:
 * `glassformer --random tiny --stage NAME --screenshot out.png` exits 0 and
 * writes a picture that is not blank and differs from every other screen's;
 * the screens of the table also render in Russian.
 * A new row is tested without touching this file. Also: a bad --keys name
 * and a bad --stage name are usage errors naming the value. */
#include "check.h"

#include "app.h"
#include "run_viewer.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 960
#define H 540
#define MAX_SHOTS 64

/* The picture's pixels as 0xRRGGBB (w × h), or NULL. */
static uint32_t *load_rgb(const char *path)
{
    SDL_Surface *img = IMG_Load(path);
    if (img == NULL)
        return NULL;
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(img, SDL_PIXELFORMAT_RGB888, 0);
    SDL_FreeSurface(img);
    if (rgb == NULL || rgb->w != W || rgb->h != H) {
        SDL_FreeSurface(rgb);
        return NULL;
    }
    uint32_t *px = malloc((size_t)W * H * sizeof *px);
    for (int y = 0; px != NULL && y < H; y++)
        for (int x = 0; x < W; x++)
            px[(size_t)y * W + x] = ((const uint32_t *)((const uint8_t *)rgb->pixels +
                                                        (size_t)y * rgb->pitch))[x] & 0xffffff;
    SDL_FreeSurface(rgb);
    return px;
}

static int distinct_colours(const uint32_t *px)
{
    uint32_t seen[32];
    int k = 0;
    for (size_t i = 0; i < (size_t)W * H && k < 32; i += 13) {
        int j = 0;
        while (j < k && seen[j] != px[i])
            j++;
        if (j == k)
            seen[k++] = px[i];
    }
    return k;
}

typedef struct {
    char name[64];
    uint32_t *px;
} shot;

static void render(check_ctx *c, const char *exe, const char *name, const char *lang,
                   shot *shots, int *n)
{
    char out[512], file[96];
    snprintf(file, sizeof file, "screen_%s_%s.png", name, lang);
    check_tmp_path(out, sizeof out, file);
    remove(out);
    char *args[] = {"--random", "tiny", "--prompt", "The cat sat", "--stage", (char *)name,
                    "--layer", "1", "--head", "1", "--size", "960x540", "--lang", (char *)lang,
                    "--screenshot", out, NULL};
    if (!CHECK_INT(c, run_viewer(exe, args, NULL), 0)) {
        fprintf(stderr, "  --stage %s --lang %s\n", name, lang);
        return;
    }
    uint32_t *px = load_rgb(out);
    if (!CHECK(c, px != NULL)) {
        fprintf(stderr, "  --stage %s: no %dx%d picture\n", name, W, H);
        return;
    }
    if (!CHECK(c, distinct_colours(px) >= 8))
        fprintf(stderr, "  --stage %s --lang %s: nearly blank\n", name, lang);
    if (shots == NULL) {
        free(px);
        return;
    }
    for (int i = 0; i < *n; i++)
        if (!CHECK(c, memcmp(shots[i].px, px, (size_t)W * H * sizeof *px) != 0))
            fprintf(stderr, "  --stage %s draws what --stage %s draws\n", name, shots[i].name);
    if (*n < MAX_SHOTS) {
        snprintf(shots[*n].name, sizeof shots[*n].name, "%s", name);
        shots[(*n)++].px = px;
    } else {
        free(px);
    }
}

int main(int argc, char **argv)
{
    check_ctx c;
    check_begin(&c, "test_viewer_screens");
    if (!CHECK(&c, argc == 2))
        return check_end(&c);
    const char *exe = argv[1];
    shot shots[MAX_SHOTS];
    int n = 0, rows = 0;
    gf_config cfg;
    gf_config_default(&cfg);
    for (int s = 0; s < GF_SCREEN_COUNT; s++) {
        const gf_screen_def *d = gf_screen_get((gf_screen)s);
        if (d->name != NULL) {
            render(&c, exe, d->name, "en", shots, &n);
            render(&c, exe, d->name, "ru", NULL, NULL);   /* the other language too */
            rows++;
            continue;
        }
        /* The stage screen: every stage of a (pre-norm) model. */
        gf_stage_id ids[GF_STAGE_COUNT];
        int k = gf_stages_for_config(&cfg, ids, GF_STAGE_COUNT);
        for (int i = 0; i < k; i++)
            render(&c, exe, gf_stage_get(ids[i])->key, "en", shots, &n);
        rows++;
    }
    CHECK_INT(&c, rows, GF_SCREEN_COUNT);
    CHECK_INT(&c, n, GF_SCREEN_COUNT - 1 + GF_STAGE_COUNT);
    for (int i = 0; i < n; i++)
        free(shots[i].px);
    /* Usage errors: exit 2 and one line (checked by the options tests). */
    char *bad_keys[] = {"--random", "tiny", "--keys", "right,nosuch", "--screenshot", "x.png", NULL};
    CHECK_INT(&c, run_viewer(exe, bad_keys, NULL), 2);
    char *bad_stage[] = {"--random", "tiny", "--stage", "nosuch", "--screenshot", "x.png", NULL};
    CHECK_INT(&c, run_viewer(exe, bad_stage, NULL), 1);
    IMG_Quit();
    SDL_Quit();
    return check_end(&c);
}
