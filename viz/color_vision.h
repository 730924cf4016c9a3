/* color_vision.h — how colours look to people with colour-vision deficiency,
 * and how different two colours look to anyone.
 *
 * Used to choose and check the token palettes: a class always has a student
 * or two with a red–green (or, rarely, blue–yellow) deficiency, and token
 * chips coloured by position must stay tellable apart for them too.
 *
 * - Simulation: Machado, Oliveira & Fernandes (2009), "A Physiologically-based
 *   Model for Simulation of Color Vision Deficiency", the published 3×3
 *   matrices for full severity (1.0), applied to linear-light sRGB.
 * - Difference: CIEDE2000 (CIE 142-2001) in CIELAB under D65. About 1 is a
 *   just-noticeable difference; 10 or more reads as "another colour".
 *
 * Pure functions, no SDL. */
#ifndef GF_VIZ_COLOR_VISION_H
#define GF_VIZ_COLOR_VISION_H

#include "colormap.h"

typedef enum {
    GF_VISION_NORMAL = 0,
    GF_VISION_PROTANOPIA,   /* no long-wave (red) cones                    */
    GF_VISION_DEUTERANOPIA, /* no medium-wave (green) cones; most common    */
    GF_VISION_TRITANOPIA,   /* no short-wave (blue) cones; rare             */
    GF_VISION_COUNT
} gf_vision;

typedef struct {
    double l, a, b;         /* CIELAB, D65 white; L in [0, 100]             */
} gf_lab;

/* c as a person with vision v would see it (alpha kept). */
gf_rgba gf_vision_simulate(gf_vision v, gf_rgba c);
/* sRGB (8 bits a channel) → CIELAB (D65). */
gf_lab gf_lab_from_rgba(gf_rgba c);
/* CIEDE2000 colour difference ΔE00 between two CIELAB colours (kL = kC = kH = 1). */
double gf_delta_e2000(gf_lab x, gf_lab y);
/* The smallest ΔE00 between any two of the n colours as seen with vision v. */
double gf_vision_min_difference(gf_vision v, const gf_rgba *colours, int n);

#endif
