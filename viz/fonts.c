/* fonts.c — fontconfig lookup of DejaVu and a small table of open fonts. */
#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "file_check.h"

static const char *const face_patterns[GF_FACE_COUNT] = {
    [GF_FACE_SANS] = "DejaVu Sans:style=Book",
    [GF_FACE_BOLD] = "DejaVu Sans:style=Bold",
    [GF_FACE_MONO] = "DejaVu Sans Mono:style=Book",
};
static const char *const face_families[GF_FACE_COUNT] = {
    [GF_FACE_SANS] = "DejaVu Sans",
    [GF_FACE_BOLD] = "DejaVu Sans",
    [GF_FACE_MONO] = "DejaVu Sans Mono",
};

/* fontconfig always answers with *some* font; accept it only when its family
 * is the one asked for, so a missing package gives a clear error. */
static bool lookup(const char *pattern, const char *family, char *path, size_t size)
{
    bool ok = false;
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    if (pat == NULL)
        return false;
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult result = FcResultNoMatch;
    FcPattern *match = FcFontMatch(NULL, pat, &result);
    if (match != NULL) {
        FcChar8 *file = NULL, *fam = NULL;
        bool family_ok = false;
        for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &fam) == FcResultMatch; i++)
            if (strcasecmp((const char *)fam, family) == 0)
                family_ok = true;
        if (family_ok && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
            strlen((const char *)file) < size) {
            strcpy(path, (const char *)file);
            ok = true;
        }
        FcPatternDestroy(match);
    }
    FcPatternDestroy(pat);
    return ok;
}

static bool file_readable(const char *path)
{
    /* A regular file: opening a FIFO would wait for a writer. */
    if (gf_file_require_regular(path, NULL) != GF_OK)
        return false;
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return false;
    fclose(fp);
    return true;
}

bool gf_fonts_init(gf_fonts *f, const char *override_path, char *err, size_t err_size)
{
    memset(f, 0, sizeof *f);
    if (!FcInit()) {
        snprintf(err, err_size, "fontconfig could not start");
        return false;
    }
    for (int i = 0; i < GF_FACE_COUNT; i++) {
        bool overridden = override_path != NULL && i != GF_FACE_MONO;
        if (overridden) {
            if (strlen(override_path) >= GF_FONT_PATH_MAX || !file_readable(override_path)) {
                snprintf(err, err_size, "--font %s: cannot read the file", override_path);
                return false;
            }
            strcpy(f->path[i], override_path);
        } else if (!lookup(face_patterns[i], face_families[i], f->path[i], GF_FONT_PATH_MAX)) {
            snprintf(err, err_size,
                     "font \"%s\" not found by fontconfig (install fonts-dejavu-core or pass "
                     "--font FILE)",
                     face_patterns[i]);
            return false;
        }
    }
    if (TTF_Init() != 0) {
        snprintf(err, err_size, "SDL_ttf could not start: %s", TTF_GetError());
        return false;
    }
    f->ttf_started = true;
    /* Open one size now so an unreadable file fails here, not mid-frame. */
    for (int i = 0; i < GF_FACE_COUNT; i++) {
        if (gf_fonts_get(f, (gf_face)i, 16) == NULL) {
            snprintf(err, err_size, "%s: cannot open font: %s", f->path[i], TTF_GetError());
            return false;
        }
    }
    return true;
}

TTF_Font *gf_fonts_get(gf_fonts *f, gf_face face, int px)
{
    if (px < 4)
        px = 4;
    if (px > 400)
        px = 400;
    for (int i = 0; i < f->n_slots; i++)
        if (f->slots[i].face == face && f->slots[i].px == px)
            return f->slots[i].font;
    if (f->n_slots == GF_FONT_SLOTS) {
        /* Rare (many zoom levels): start over rather than track recency. */
        for (int i = 0; i < f->n_slots; i++)
            TTF_CloseFont(f->slots[i].font);
        f->n_slots = 0;
    }
    TTF_Font *font = TTF_OpenFont(f->path[face], px);
    if (font == NULL)
        return NULL;
    f->slots[f->n_slots++] = (gf_font_slot){face, px, font};
    return font;
}

void gf_fonts_free(gf_fonts *f)
{
    for (int i = 0; i < f->n_slots; i++)
        TTF_CloseFont(f->slots[i].font);
    f->n_slots = 0;
    if (f->ttf_started)
        TTF_Quit();
    f->ttf_started = false;
    FcFini();
}
