/* colormap.h — value → colour maps for heatmaps and strips.
 *
 * A perceptual sequential map (viridis, for probabilities and other values
 * with a natural zero at one end) and a diverging blue–white–red map centred
 * on 0 (for signed activations). Pure functions, no SDL. */
#ifndef GF_VIZ_COLORMAP_H
#define GF_VIZ_COLORMAP_H

#include <stdint.h>

typedef struct {
    uint8_t r, g, b, a;
} gf_rgba;

typedef enum {
    GF_CMAP_SEQUENTIAL = 0,  /* viridis: lo → dark purple, hi → yellow       */
    GF_CMAP_DIVERGING,       /* blue (−m) → white (0) → red (+m)             */
    GF_CMAP_COUNT
} gf_cmap;

/* Colour of t in [0, 1] (clamped; NaN gives mid-grey). */
gf_rgba gf_cmap_sample(gf_cmap map, float t);
/* Colour of value v for a range: sequential maps [lo, hi] → [0, 1];
 * diverging maps [−m, m] → [0, 1] with m = max(|lo|, |hi|), so 0 is white. */
gf_rgba gf_cmap_value(gf_cmap map, float v, float lo, float hi);
/* Where v falls on the map's [0, 1] axis for the same range rules. */
float gf_cmap_position(gf_cmap map, float v, float lo, float hi);

#endif
