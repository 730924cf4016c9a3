/* token_palette.h — the colours that tell tokens (by position) apart.
 *
 * Two palettes: the standard one, bright on the dark background, and a
 * colour-blind-safe one whose colours stay at least ΔE00 = 10 apart under
 * simulated protanopia, deuteranopia and tritanopia (tests/test_color_vision
 * checks it with color_vision.h). Text labels stay on every chip either way,
 * so colour is never the only cue. */
#ifndef GF_VIZ_TOKEN_PALETTE_H
#define GF_VIZ_TOKEN_PALETTE_H

#include "colormap.h"
#include "style.h"

#include <stdbool.h>

typedef enum {
    GF_TOKEN_PALETTE_STANDARD = 0,
    GF_TOKEN_PALETTE_COLOUR_SAFE,
    GF_TOKEN_PALETTE_COUNT
} gf_token_palette;

/* How many colours palette p cycles through. */
int gf_token_palette_size(gf_token_palette p);
/* The colour of token position index (cycling; negative → the first). */
gf_rgba gf_token_palette_colour(gf_token_palette p, int index);
/* Its --palette name ("standard", "colour-safe") and back (false: unknown). */
const char *gf_token_palette_name(gf_token_palette p);
bool gf_token_palette_from_name(const char *name, gf_token_palette *p);
/* Give style s palette p: its colours and palette_size, and a head step
 * that visits every colour (coprime with the size), so heads stay distinct. */
void gf_style_set_token_palette(gf_style *s, gf_token_palette p);

#endif
