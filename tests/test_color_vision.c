/* test_color_vision.c — CIEDE2000 against Sharma, Wu & Dalal's published test
 * pairs, sRGB → CIELAB against textbook values, the deficiency simulation's
 * invariants, and the colour-blind-safe token palette's promise. */
#include "check.h"
#include "color_vision.h"
#include "token_palette.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    gf_lab x, y;
    double delta_e;
} sharma_pair;

/* From G. Sharma, W. Wu, E. Dalal (2005), "The CIEDE2000 color-difference
 * formula: implementation notes, supplementary test data, and mathematical
 * observations", Table 1 (pairs 1, 2, 3, 7, 8, 11, 12, 13, 15, 17, 19, 25, 33). They cover
 * the hue wrap-around, neutral colours and the blue-region rotation term. */
static const sharma_pair sharma_pairs[] = {
    {{50.0, 2.6772, -79.7751}, {50.0, 0.0, -82.7485}, 2.0425},
    {{50.0, 3.1571, -77.2803}, {50.0, 0.0, -82.7485}, 2.8615},
    {{50.0, 2.8361, -74.0200}, {50.0, 0.0, -82.7485}, 3.4412},
    {{50.0, 0.0, 0.0}, {50.0, -1.0, 2.0}, 2.3669},
    {{50.0, -1.0, 2.0}, {50.0, 0.0, 0.0}, 2.3669},
    {{50.0, 2.5, 0.0}, {50.0, 0.0, -2.5}, 4.3065},
    {{50.0, -0.001, 2.49}, {50.0, 0.0009, -2.49}, 4.8045},
    {{50.0, 2.49, -0.001}, {50.0, -2.49, 0.0009}, 7.1792},
    {{50.0, 2.49, -0.001}, {50.0, -2.49, 0.0011}, 7.2195},
    {{50.0, 2.5, 0.0}, {73.0, 25.0, -18.0}, 27.1492},
    {{50.0, 2.5, 0.0}, {50.0, 3.1736, 0.5854}, 1.0000},
    {{60.2574, -34.0099, 36.2677}, {60.4626, -34.1751, 39.4387}, 1.2644},
    {{2.0776, 0.0795, -1.1350}, {0.9033, -0.0636, -0.5514}, 0.9082},
};

static void test_ciede2000(check_ctx *c)
{
    int n = (int)(sizeof sharma_pairs / sizeof sharma_pairs[0]);
    for (int i = 0; i < n; i++) {
        const sharma_pair *p = &sharma_pairs[i];
        CHECK_NEAR(c, gf_delta_e2000(p->x, p->y), p->delta_e, 5e-5);
        /* symmetric, and zero against itself */
        CHECK_NEAR(c, gf_delta_e2000(p->y, p->x), p->delta_e, 5e-5);
        CHECK_NEAR(c, gf_delta_e2000(p->x, p->x), 0.0, 1e-12);
    }
}

static void test_lab(check_ctx *c)
{
    /* White is L = 100 with no colour; sRGB red is (53.24, 80.09, 67.20) and
     * sRGB green (87.73, −86.18, 83.18) in every colour-science reference. */
    gf_lab white = gf_lab_from_rgba((gf_rgba){255, 255, 255, 255});
    CHECK_NEAR(c, white.l, 100.0, 1e-3);
    CHECK_NEAR(c, white.a, 0.0, 1e-2);
    CHECK_NEAR(c, white.b, 0.0, 1e-2);
    gf_lab red = gf_lab_from_rgba((gf_rgba){255, 0, 0, 255});
    CHECK_NEAR(c, red.l, 53.24, 0.01);
    CHECK_NEAR(c, red.a, 80.09, 0.02);
    CHECK_NEAR(c, red.b, 67.20, 0.02);
    gf_lab green = gf_lab_from_rgba((gf_rgba){0, 255, 0, 255});
    CHECK_NEAR(c, green.l, 87.73, 0.01);
    CHECK_NEAR(c, green.a, -86.18, 0.02);
    CHECK_NEAR(c, green.b, 83.18, 0.02);
    gf_lab black = gf_lab_from_rgba((gf_rgba){0, 0, 0, 255});
    CHECK_NEAR(c, black.l, 0.0, 1e-9);
}

static void test_simulation(check_ctx *c)
{
    /* Machado's matrices keep greys grey (each row sums to 1) … */
    for (int v = 0; v < GF_VISION_COUNT; v++) {
        for (int level = 0; level <= 255; level += 51) {
            gf_rgba grey = {(uint8_t)level, (uint8_t)level, (uint8_t)level, 200};
            gf_rgba seen = gf_vision_simulate((gf_vision)v, grey);
            CHECK(c, abs(seen.r - level) <= 1 && abs(seen.g - level) <= 1 &&
                         abs(seen.b - level) <= 1 && seen.a == 200);
        }
    }
    /* … and make red and green, far apart for normal vision, close for a
     * deuteranope; blue and green close for a tritanope. */
    gf_rgba red = {0xd0, 0x40, 0x30, 255}, green = {0x60, 0xa0, 0x30, 255};
    gf_rgba pair_rg[2] = {red, green};
    double normal = gf_vision_min_difference(GF_VISION_NORMAL, pair_rg, 2);
    double deutan = gf_vision_min_difference(GF_VISION_DEUTERANOPIA, pair_rg, 2);
    CHECK(c, normal > 40.0);
    CHECK(c, deutan < normal / 3.0);
    gf_rgba normal_seen = gf_vision_simulate(GF_VISION_NORMAL, red);
    CHECK(c, normal_seen.r == red.r && normal_seen.g == red.g && normal_seen.b == red.b);
}

static void test_palettes(check_ctx *c)
{
    gf_rgba safe[16], standard[16];
    int n_safe = gf_token_palette_size(GF_TOKEN_PALETTE_COLOUR_SAFE);
    int n_standard = gf_token_palette_size(GF_TOKEN_PALETTE_STANDARD);
    CHECK(c, n_safe >= 8 && n_safe <= 16 && n_standard <= 16);
    for (int i = 0; i < n_safe; i++)
        safe[i] = gf_token_palette_colour(GF_TOKEN_PALETTE_COLOUR_SAFE, i);
    for (int i = 0; i < n_standard; i++)
        standard[i] = gf_token_palette_colour(GF_TOKEN_PALETTE_STANDARD, i);
    for (int v = 0; v < GF_VISION_COUNT; v++) {
        double d = gf_vision_min_difference((gf_vision)v, safe, n_safe);
        printf("safe palette, vision %d: closest pair ΔE00 = %.2f\n", v, d);
        CHECK(c, d >= 10.0);
    }
    /* Why the switch exists: the standard palette merges for a deuteranope. */
    CHECK(c, gf_vision_min_difference(GF_VISION_DEUTERANOPIA, standard, n_standard) < 10.0);
    /* Cycling: position n is coloured like position 0; negatives are safe. */
    gf_rgba first = gf_token_palette_colour(GF_TOKEN_PALETTE_COLOUR_SAFE, 0);
    gf_rgba again = gf_token_palette_colour(GF_TOKEN_PALETTE_COLOUR_SAFE, n_safe);
    gf_rgba negative = gf_token_palette_colour(GF_TOKEN_PALETTE_COLOUR_SAFE, -3);
    CHECK(c, first.r == again.r && first.g == again.g && first.b == again.b);
    CHECK(c, negative.r == first.r && negative.g == first.g && negative.b == first.b);
    /* Safe colours are never grey, and light enough on the dark background. */
    for (int i = 0; i < n_safe; i++) {
        gf_lab lab = gf_lab_from_rgba(safe[i]);
        CHECK(c, hypot(lab.a, lab.b) >= 30.0 && lab.l >= 50.0);
    }
}

/* A style given the safe palette draws tokens in exactly its colours, they
 * stay ≥ 10 apart under every simulated deficiency, and the heads (every
 * head_step-th colour) are as many distinct colours as the palette has; the
 * standard palette switched back is the default style's. */
static void test_style_switch(check_ctx *c)
{
    gf_style s = *gf_style_default();
    gf_style_set_token_palette(&s, GF_TOKEN_PALETTE_COLOUR_SAFE);
    int n = gf_token_palette_size(GF_TOKEN_PALETTE_COLOUR_SAFE);
    CHECK_INT(c, s.palette_size, n);
    gf_rgba drawn[GF_STYLE_PALETTE];
    for (int i = 0; i < n; i++) {
        drawn[i] = gf_style_token(&s, i);
        gf_rgba want = gf_token_palette_colour(GF_TOKEN_PALETTE_COLOUR_SAFE, i);
        CHECK(c, drawn[i].r == want.r && drawn[i].g == want.g && drawn[i].b == want.b);
    }
    gf_rgba wrap = gf_style_token(&s, n), first = gf_style_token(&s, 0);
    CHECK(c, wrap.r == first.r && wrap.g == first.g && wrap.b == first.b);  /* cycles at n */
    for (int v = 0; v < GF_VISION_COUNT; v++)
        CHECK(c, gf_vision_min_difference((gf_vision)v, drawn, n) >= 10.0);
    gf_rgba heads[GF_STYLE_PALETTE];
    for (int i = 0; i < n; i++)
        heads[i] = gf_style_head(&s, i);
    CHECK(c, gf_vision_min_difference(GF_VISION_NORMAL, heads, n) > 0.0);
    gf_style_set_token_palette(&s, GF_TOKEN_PALETTE_STANDARD);
    const gf_style *d = gf_style_default();
    CHECK_INT(c, s.palette_size, d->palette_size);
    CHECK_INT(c, s.head_step, d->head_step);
    for (int i = 0; i < GF_STYLE_PALETTE; i++)
        CHECK(c, s.palette[i].r == d->palette[i].r && s.palette[i].g == d->palette[i].g &&
                     s.palette[i].b == d->palette[i].b);
    gf_token_palette p;
    CHECK(c, gf_token_palette_from_name("colour-safe", &p) && p == GF_TOKEN_PALETTE_COLOUR_SAFE);
    CHECK(c, gf_token_palette_from_name(gf_token_palette_name(GF_TOKEN_PALETTE_STANDARD), &p) &&
                 p == GF_TOKEN_PALETTE_STANDARD);
    CHECK(c, !gf_token_palette_from_name("pastel", &p));
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "color_vision");
    test_ciede2000(&c);
    test_lab(&c);
    test_simulation(&c);
    test_palettes(&c);
    test_style_switch(&c);
    return check_end(&c);
}
