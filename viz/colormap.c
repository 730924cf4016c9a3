/* colormap.c — viridis and a blue–white–red diverging map, by linear
 * interpolation between published control points. */
#include "colormap.h"

#include <cglm/cglm.h>
#include <math.h>

/* viridis at t = i/9 (van der Walt & Smith's matplotlib map, 10 stops). */
static const uint8_t viridis_stops[10][3] = {
    {0x44, 0x01, 0x54}, {0x48, 0x28, 0x78}, {0x3e, 0x4a, 0x89}, {0x31, 0x68, 0x8e},
    {0x26, 0x82, 0x8e}, {0x1f, 0x9e, 0x89}, {0x35, 0xb7, 0x79}, {0x6d, 0xcd, 0x59},
    {0xb4, 0xde, 0x2c}, {0xfd, 0xe7, 0x25},
};

/* ColorBrewer RdBu (11 classes), ordered blue → white → red. */
static const uint8_t diverging_stops[11][3] = {
    {0x05, 0x30, 0x61}, {0x21, 0x66, 0xac}, {0x43, 0x93, 0xc3}, {0x92, 0xc5, 0xde},
    {0xd1, 0xe5, 0xf0}, {0xf7, 0xf7, 0xf7}, {0xfd, 0xdb, 0xc7}, {0xf4, 0xa5, 0x82},
    {0xd6, 0x60, 0x4d}, {0xb2, 0x18, 0x2b}, {0x67, 0x00, 0x1f},
};


static gf_rgba interpolate(const uint8_t (*stops)[3], int count, float t)
{
    if (!(t == t))
        return (gf_rgba){0x80, 0x80, 0x80, 0xff};
    if (t < 0.0f)
        t = 0.0f;
    if (t > 1.0f)
        t = 1.0f;
    float x = t * (float)(count - 1);
    int i = (int)floorf(x);
    if (i >= count - 1)
        i = count - 2;
    vec3 a = {stops[i][0], stops[i][1], stops[i][2]};
    vec3 b = {stops[i + 1][0], stops[i + 1][1], stops[i + 1][2]};
    vec3 mix;
    glm_vec3_lerp(a, b, x - (float)i, mix);
    gf_rgba c;
    c.r = (uint8_t)lroundf(mix[0]);
    c.g = (uint8_t)lroundf(mix[1]);
    c.b = (uint8_t)lroundf(mix[2]);
    c.a = 0xff;
    return c;
}

gf_rgba gf_cmap_sample(gf_cmap map, float t)
{
    if (map == GF_CMAP_DIVERGING)
        return interpolate(diverging_stops, 11, t);
    return interpolate(viridis_stops, 10, t);
}

float gf_cmap_position(gf_cmap map, float v, float lo, float hi)
{
    if (map == GF_CMAP_DIVERGING) {
        float m = fmaxf(fabsf(lo), fabsf(hi));
        return m > 0.0f ? 0.5f + 0.5f * v / m : 0.5f;
    }
    return hi > lo ? (v - lo) / (hi - lo) : 0.5f;
}

gf_rgba gf_cmap_value(gf_cmap map, float v, float lo, float hi)
{
    return gf_cmap_sample(map, gf_cmap_position(map, v, lo, hi));
}
