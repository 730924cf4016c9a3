/* text_cache.h — every string is rasterized once.
 *
 * A texture per (string, face, pixel size, colour), found through a hash
 * table and evicted least-recently-used when the table is full. In a steady
 * frame every lookup hits, so nothing is allocated or rasterized. */
#ifndef GF_VIZ_TEXT_CACHE_H
#define GF_VIZ_TEXT_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "colormap.h"
#include "fonts.h"

#define GF_TEXT_CACHE_SLOTS 2048
#define GF_TEXT_CACHE_BUCKETS 4096

typedef struct {
    uint64_t hash;
    char *text;                      /* owned copy                           */
    gf_face face;
    int px;
    gf_rgba colour;
    SDL_Texture *texture;            /* NULL for the empty string            */
    int w, h;
    uint64_t last_used;
    int next;                        /* next slot in the bucket, or −1       */
    bool used;
} gf_text_entry;

typedef struct {
    SDL_Renderer *renderer;
    gf_fonts *fonts;
    gf_text_entry slots[GF_TEXT_CACHE_SLOTS];
    int buckets[GF_TEXT_CACHE_BUCKETS];
    int n_used;
    uint64_t clock;                  /* bumped per lookup, for LRU           */
    uint64_t hits, misses;           /* for the benchmark                    */
} gf_text_cache;

void gf_text_cache_init(gf_text_cache *c, SDL_Renderer *renderer, gf_fonts *fonts);
void gf_text_cache_free(gf_text_cache *c);
/* The entry for text (rasterized on a miss); NULL only if SDL_ttf fails. */
const gf_text_entry *gf_text_cache_get(gf_text_cache *c, const char *text, gf_face face, int px,
                                       gf_rgba colour);

#endif
