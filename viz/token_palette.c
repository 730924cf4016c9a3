/* token_palette.c — the standard and the colour-blind-safe token colours. */
#include "token_palette.h"

#include <string.h>

/* The standard palette is the default style's. The safe palette was
 * chosen by a greedy max–min search over the sRGB grid in steps of 17, kept to
 * lightness 50–90 and chroma ≥ 30 (readable on the dark background, never
 * grey), maximising the smallest CIEDE2000 difference seen with normal vision
 * and the three simulated deficiencies, starting from the standard blue.
 * Result: every pair ≥ 11.3 under every simulation (the standard palette's
 * closest pair is 2.4 under deuteranopia). */
static const uint8_t colour_safe[10][3] = {
    {0x4e, 0x9a, 0xf1}, {0xee, 0xaa, 0x00}, {0x88, 0x77, 0x44}, {0x00, 0xff, 0xcc},
    {0xee, 0x22, 0x99}, {0xff, 0xcc, 0xff}, {0x99, 0xbb, 0x88}, {0xcc, 0xee, 0x88},
    {0xee, 0x11, 0x00}, {0x00, 0x88, 0x99},
};

int gf_token_palette_size(gf_token_palette p)
{
    return p == GF_TOKEN_PALETTE_COLOUR_SAFE ? 10 : GF_STYLE_PALETTE;
}

gf_rgba gf_token_palette_colour(gf_token_palette p, int index)
{
    if (p != GF_TOKEN_PALETTE_COLOUR_SAFE)
        return gf_style_token(gf_style_default(), index);
    int i = index < 0 ? 0 : index % gf_token_palette_size(p);
    return (gf_rgba){colour_safe[i][0], colour_safe[i][1], colour_safe[i][2], 0xff};
}

static const char *const palette_names[GF_TOKEN_PALETTE_COUNT] = {
    [GF_TOKEN_PALETTE_STANDARD] = "standard",
    [GF_TOKEN_PALETTE_COLOUR_SAFE] = "colour-safe",
};

const char *gf_token_palette_name(gf_token_palette p)
{
    return p >= 0 && p < GF_TOKEN_PALETTE_COUNT ? palette_names[p] : "?";
}

bool gf_token_palette_from_name(const char *name, gf_token_palette *p)
{
    for (int i = 0; i < GF_TOKEN_PALETTE_COUNT; i++) {
        if (strcmp(name, palette_names[i]) == 0) {
            *p = (gf_token_palette)i;
            return true;
        }
    }
    return false;
}

static int gcd(int a, int b)
{
    while (b != 0) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

void gf_style_set_token_palette(gf_style *s, gf_token_palette p)
{
    int n = gf_token_palette_size(p);
    if (n > GF_STYLE_PALETTE)
        n = GF_STYLE_PALETTE;
    for (int i = 0; i < n; i++)
        s->palette[i] = gf_token_palette_colour(p, i);
    s->palette_size = n;
    /* The default step, or the nearest smaller one that visits every colour. */
    int step = gf_style_default()->head_step;
    while (step > 1 && gcd(step, n) != 1)
        step--;
    s->head_step = step;
}
