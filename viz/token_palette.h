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

typedef enum {
    GF_TOKEN_PALETTE_STANDARD = 0,
    GF_TOKEN_PALETTE_COLOUR_SAFE,
    GF_TOKEN_PALETTE_COUNT
} gf_token_palette;

/* How many colours palette p cycles through. */
int gf_token_palette_size(gf_token_palette p);
/* The colour of token position index (cycling; negative → the first). */
gf_rgba gf_token_palette_colour(gf_token_palette p, int index);

#endif
