/* heat_cache.c — build and keep heatmap textures. */
#include "heat_cache.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void gf_heat_cache_init(gf_heat_cache *c, SDL_Renderer *renderer)
{
    memset(c, 0, sizeof *c);
    c->renderer = renderer;
}

void gf_heat_cache_free(gf_heat_cache *c)
{
    for (int i = 0; i < GF_HEAT_CACHE_SLOTS; i++)
        if (c->slots[i].texture != NULL)
            SDL_DestroyTexture(c->slots[i].texture);
    free(c->pixels);
    memset(c, 0, sizeof *c);
}

static uint32_t pack(gf_rgba c)
{
    return 0xff000000u | ((uint32_t)c.r << 16) | ((uint32_t)c.g << 8) | c.b;
}

static bool key_equal(const gf_heat_key *a, const gf_heat_key *b)
{
    return a->data == b->data && a->rows == b->rows && a->cols == b->cols &&
           a->row_stride == b->row_stride && a->col_stride == b->col_stride &&
           a->generation == b->generation && a->cmap == b->cmap && a->mask == b->mask &&
           a->auto_range == b->auto_range && pack(a->background) == pack(b->background) &&
           pack(a->mask_colour) == pack(b->mask_colour) &&
           (a->auto_range || (a->lo == b->lo && a->hi == b->hi));
}

static bool masked(const gf_heat_key *k, int r, int col)
{
    return k->mask != GF_HEAT_MASK_NONE && col > r;
}

void gf_heat_range(const gf_heat_key *k, float *lo, float *hi)
{
    float mn = INFINITY, mx = -INFINITY;
    for (int r = 0; r < k->rows; r++) {
        const float *row = k->data + (int64_t)r * k->row_stride;
        for (int col = 0; col < k->cols; col++) {
            float v = row[(int64_t)col * k->col_stride];
            if (masked(k, r, col) || !isfinite(v))
                continue;
            mn = v < mn ? v : mn;
            mx = v > mx ? v : mx;
        }
    }
    *lo = mn <= mx ? mn : 0.0f;
    *hi = mn <= mx ? mx : 0.0f;
}


/* The value shown for texture column tx: the cell itself, or the largest
 * magnitude of the pooled cells. */
static float pooled(const gf_heat_key *k, const float *row, int tx, int tex_w)
{
    if (tex_w == k->cols)
        return row[(int64_t)tx * k->col_stride];
    int c0 = (int)((int64_t)tx * k->cols / tex_w);
    int c1 = (int)((int64_t)(tx + 1) * k->cols / tex_w);
    float best = row[(int64_t)c0 * k->col_stride];
    for (int col = c0 + 1; col < c1; col++) {
        float v = row[(int64_t)col * k->col_stride];
        if (fabsf(v) > fabsf(best))
            best = v;
    }
    return best;
}

static bool fill(gf_heat_cache *c, gf_heat_entry *e)
{
    const gf_heat_key *k = &e->key;
    size_t need = (size_t)e->tex_w * (size_t)e->tex_h;
    if (need > c->pixels_cap) {
        uint32_t *p = realloc(c->pixels, need * sizeof *p);
        if (p == NULL)
            return false;
        c->pixels = p;
        c->pixels_cap = need;
    }
    uint32_t bg = pack(k->background), mask = pack(k->mask_colour);
    for (int r = 0; r < k->rows; r++) {
        const float *row = k->data + (int64_t)r * k->row_stride;
        uint32_t *out = c->pixels + (size_t)r * (size_t)e->tex_w;
        for (int tx = 0; tx < e->tex_w; tx++) {
            int col = e->tex_w == k->cols ? tx : (int)((int64_t)tx * k->cols / e->tex_w);
            float v = pooled(k, row, tx, e->tex_w);
            if (masked(k, r, col))
                out[tx] = k->mask == GF_HEAT_MASK_CAUSAL ? mask : bg;
            else if (!isfinite(v))
                out[tx] = mask;
            else
                out[tx] = pack(gf_cmap_value(k->cmap, v, e->lo, e->hi));
        }
    }
    return SDL_UpdateTexture(e->texture, NULL, c->pixels, e->tex_w * (int)sizeof(uint32_t)) == 0;
}

static gf_heat_entry *pick_slot(gf_heat_cache *c)
{
    gf_heat_entry *best = &c->slots[0];
    for (int i = 0; i < GF_HEAT_CACHE_SLOTS; i++) {
        if (!c->slots[i].used)
            return &c->slots[i];
        if (c->slots[i].last_used < best->last_used)
            best = &c->slots[i];
    }
    return best;
}

const gf_heat_entry *gf_heat_cache_get(gf_heat_cache *c, const gf_heat_key *key)
{
    if (key->data == NULL || key->rows <= 0 || key->cols <= 0)
        return NULL;
    c->clock++;
    for (int i = 0; i < GF_HEAT_CACHE_SLOTS; i++) {
        gf_heat_entry *e = &c->slots[i];
        if (e->used && key_equal(&e->key, key)) {
            e->last_used = c->clock;
            return e;
        }
    }
    if (key->rows > GF_HEAT_MAX_TEXTURE)
        return NULL;
    gf_heat_entry *e = pick_slot(c);
    int tex_w = key->cols > GF_HEAT_MAX_TEXTURE ? GF_HEAT_MAX_TEXTURE : key->cols;
    int tex_h = key->rows;
    if (e->texture == NULL || e->tex_w != tex_w || e->tex_h != tex_h) {
        if (e->texture != NULL)
            SDL_DestroyTexture(e->texture);
        e->texture = SDL_CreateTexture(c->renderer, SDL_PIXELFORMAT_ARGB8888,
                                       SDL_TEXTUREACCESS_STATIC, tex_w, tex_h);
        e->tex_w = tex_w;
        e->tex_h = tex_h;
        if (e->texture == NULL) {
            e->used = false;
            return NULL;
        }
        /* Every cell is opaque: copied, not blended (much faster in software). */
        SDL_SetTextureBlendMode(e->texture, SDL_BLENDMODE_NONE);
    }
    e->key = *key;
    if (key->auto_range) {
        gf_heat_range(key, &e->lo, &e->hi);
    } else {
        e->lo = key->lo;
        e->hi = key->hi;
    }
    e->used = fill(c, e);
    e->last_used = c->clock;
    c->builds++;
    if (!e->used)
        return NULL;
    return e;
}
