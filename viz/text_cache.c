/* text_cache.c — hash table + LRU of rendered strings. */
#include "text_cache.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash_key(const char *text, gf_face face, int px, gf_rgba colour)
{
    uint64_t h = 1469598103934665603ULL;  /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    uint64_t extra = ((uint64_t)face << 56) ^ ((uint64_t)(unsigned)px << 32) ^
                     ((uint64_t)colour.r << 24) ^ ((uint64_t)colour.g << 16) ^
                     ((uint64_t)colour.b << 8) ^ colour.a;
    return (h ^ extra) * 1099511628211ULL;
}

void gf_text_cache_init(gf_text_cache *c, SDL_Renderer *renderer, gf_fonts *fonts)
{
    memset(c, 0, sizeof *c);
    c->renderer = renderer;
    c->fonts = fonts;
    for (int i = 0; i < GF_TEXT_CACHE_BUCKETS; i++)
        c->buckets[i] = -1;
}

static void entry_release(gf_text_entry *e)
{
    if (e->texture != NULL)
        SDL_DestroyTexture(e->texture);
    free(e->text);
    memset(e, 0, sizeof *e);
}

void gf_text_cache_free(gf_text_cache *c)
{
    for (int i = 0; i < GF_TEXT_CACHE_SLOTS; i++)
        if (c->slots[i].used)
            entry_release(&c->slots[i]);
    c->n_used = 0;
}

static void unlink_slot(gf_text_cache *c, int slot)
{
    int b = (int)(c->slots[slot].hash % GF_TEXT_CACHE_BUCKETS);
    int *link = &c->buckets[b];
    while (*link != -1 && *link != slot)
        link = &c->slots[*link].next;
    if (*link == slot)
        *link = c->slots[slot].next;
}

static int take_slot(gf_text_cache *c)
{
    if (c->n_used < GF_TEXT_CACHE_SLOTS)
        return c->n_used++;
    int oldest = 0;
    for (int i = 1; i < GF_TEXT_CACHE_SLOTS; i++)
        if (c->slots[i].last_used < c->slots[oldest].last_used)
            oldest = i;
    unlink_slot(c, oldest);
    entry_release(&c->slots[oldest]);
    return oldest;
}

static bool rasterize(gf_text_cache *c, gf_text_entry *e)
{
    if (e->text[0] == '\0')
        return true;
    TTF_Font *font = gf_fonts_get(c->fonts, e->face, e->px);
    if (font == NULL)
        return false;
    SDL_Color col = {e->colour.r, e->colour.g, e->colour.b, e->colour.a};
    SDL_Surface *surf = TTF_RenderUTF8_Blended(font, e->text, col);
    if (surf == NULL)
        return false;
    e->texture = SDL_CreateTextureFromSurface(c->renderer, surf);
    e->w = surf->w;
    e->h = surf->h;
    SDL_FreeSurface(surf);
    return e->texture != NULL;
}

const gf_text_entry *gf_text_cache_get(gf_text_cache *c, const char *text, gf_face face, int px,
                                       gf_rgba colour)
{
    uint64_t h = hash_key(text, face, px, colour);
    int b = (int)(h % GF_TEXT_CACHE_BUCKETS);
    c->clock++;
    for (int i = c->buckets[b]; i != -1; i = c->slots[i].next) {
        gf_text_entry *e = &c->slots[i];
        if (e->hash == h && e->face == face && e->px == px && e->colour.r == colour.r &&
            e->colour.g == colour.g && e->colour.b == colour.b && e->colour.a == colour.a &&
            strcmp(e->text, text) == 0) {
            e->last_used = c->clock;
            c->hits++;
            return e;
        }
    }
    c->misses++;
    int slot = take_slot(c);
    gf_text_entry *e = &c->slots[slot];
    size_t len = strlen(text);
    e->text = malloc(len + 1);
    if (e->text == NULL)
        return NULL;
    memcpy(e->text, text, len + 1);
    e->hash = h;
    e->face = face;
    e->px = px;
    e->colour = colour;
    e->last_used = c->clock;
    e->used = true;
    if (!rasterize(c, e)) {
        entry_release(e);
        if (slot == c->n_used - 1)
            c->n_used--;
        else
            e->used = false;
        return NULL;
    }
    e->next = c->buckets[b];
    c->buckets[b] = slot;
    return e;
}
