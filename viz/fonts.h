/* fonts.h — finding and opening the viewer's fonts.
 *
 * Families are looked up through fontconfig (DejaVu Sans, DejaVu Sans Bold,
 * DejaVu Sans Mono from Debian's fonts-dejavu-core); --font FILE overrides
 * the proportional face. Opened TTF_Fonts are kept per (face, pixel size). */
#ifndef GF_VIZ_FONTS_H
#define GF_VIZ_FONTS_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL_ttf.h>

typedef enum { GF_FACE_SANS = 0, GF_FACE_BOLD, GF_FACE_MONO, GF_FACE_COUNT } gf_face;

#define GF_FONT_PATH_MAX 1024
#define GF_FONT_SLOTS 32

typedef struct {
    gf_face face;
    int px;
    TTF_Font *font;
} gf_font_slot;

typedef struct {
    char path[GF_FACE_COUNT][GF_FONT_PATH_MAX];
    gf_font_slot slots[GF_FONT_SLOTS];
    int n_slots;
    bool ttf_started;
} gf_fonts;

/* Resolve the font files (override may be NULL) and start SDL_ttf. On failure
 * writes one line to err and returns false. */
bool gf_fonts_init(gf_fonts *f, const char *override_path, char *err, size_t err_size);
/* The font for face at px pixels (opened on first use), or NULL. */
TTF_Font *gf_fonts_get(gf_fonts *f, gf_face face, int px);
void gf_fonts_free(gf_fonts *f);

#endif
