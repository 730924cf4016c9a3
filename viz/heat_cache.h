/* heat_cache.h — matrices turned into textures once.
 *
 * A heatmap texture has one pixel per cell (columns beyond the limit are
 * pooled by largest magnitude) and is drawn scaled without smoothing. It is
 * keyed by what determines its pixels — the data pointer, shape, strides, the
 * session generation, colour map, range and mask mode — and rebuilt only when
 * one of them changes. LRU-evicted. */
#ifndef GF_VIZ_HEAT_CACHE_H
#define GF_VIZ_HEAT_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "colormap.h"

#define GF_HEAT_CACHE_SLOTS 64
#define GF_HEAT_MAX_TEXTURE 4096

typedef enum {
    GF_HEAT_MASK_NONE = 0,
    GF_HEAT_MASK_CAUSAL,     /* cells with col > row (and −∞) get the mask colour */
    GF_HEAT_MASK_BLANK       /* cells with col > row are left as background       */
} gf_heat_mask;

typedef struct {
    const float *data;
    int rows, cols;
    int64_t row_stride, col_stride;   /* in floats                          */
    uint64_t generation;
    gf_cmap cmap;
    gf_heat_mask mask;
    float lo, hi;                     /* range; ignored when auto_range      */
    bool auto_range;
    gf_rgba background, mask_colour;  /* blank and masked cells (the style's) */
} gf_heat_key;

typedef struct {
    gf_heat_key key;
    SDL_Texture *texture;
    int tex_w, tex_h;
    float lo, hi;                     /* range actually used                 */
    uint64_t last_used;
    bool used;
} gf_heat_entry;

typedef struct {
    SDL_Renderer *renderer;
    gf_heat_entry slots[GF_HEAT_CACHE_SLOTS];
    uint32_t *pixels;                 /* scratch, grown as needed            */
    size_t pixels_cap;
    uint64_t clock;
    uint64_t builds;                  /* textures built (for the benchmark)  */
} gf_heat_cache;

void gf_heat_cache_init(gf_heat_cache *c, SDL_Renderer *renderer);
void gf_heat_cache_free(gf_heat_cache *c);
const gf_heat_entry *gf_heat_cache_get(gf_heat_cache *c, const gf_heat_key *key);
/* Min and max of the finite values (lo = hi = 0 when there are none); the
 * cells masked by mode are skipped. */
void gf_heat_range(const gf_heat_key *key, float *lo, float *hi);

#endif
