/* color_vision.c — colour-vision-deficiency simulation (Machado et al. 2009)
 * and the CIEDE2000 colour difference, from their published formulas. */
#include "color_vision.h"

#include <math.h>

#define PI 3.14159265358979323846

/* Machado, Oliveira & Fernandes (2009), Table 1, severity 1.0: linear RGB of
 * the simulated view = M · linear RGB. Row-major; index 0 (normal) unused. */
static const double machado_matrices[GF_VISION_COUNT][3][3] = {
    {{1.0, 0.0, 0.0}, {0.0, 1.0, 0.0}, {0.0, 0.0, 1.0}},
    {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216},
     {-0.003882, -0.048116, 1.051998}},
    {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413},
     {-0.011820, 0.042940, 0.968881}},
    {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602},
     {0.004733, 0.691367, 0.303900}},
};

static double srgb_to_linear(uint8_t channel)
{
    double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static uint8_t linear_to_srgb(double c)
{
    c = c < 0.0 ? 0.0 : (c > 1.0 ? 1.0 : c);
    double s = c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1.0 / 2.4) - 0.055;
    return (uint8_t)lround(s * 255.0);
}

gf_rgba gf_vision_simulate(gf_vision v, gf_rgba c)
{
    if (v <= GF_VISION_NORMAL || v >= GF_VISION_COUNT)
        return c;
    double rgb[3] = {srgb_to_linear(c.r), srgb_to_linear(c.g), srgb_to_linear(c.b)};
    double out[3];
    for (int i = 0; i < 3; i++) {
        const double *row = machado_matrices[v][i];
        out[i] = row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2];
    }
    return (gf_rgba){linear_to_srgb(out[0]), linear_to_srgb(out[1]), linear_to_srgb(out[2]), c.a};
}

/* CIELAB's companding function f(t). */
static double lab_f(double t)
{
    const double delta = 6.0 / 29.0;
    return t > delta * delta * delta ? cbrt(t) : t / (3.0 * delta * delta) + 4.0 / 29.0;
}

gf_lab gf_lab_from_rgba(gf_rgba c)
{
    double r = srgb_to_linear(c.r), g = srgb_to_linear(c.g), b = srgb_to_linear(c.b);
    /* linear sRGB → XYZ (IEC 61966-2-1), divided by the D65 white point. */
    double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
    double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
    double fx = lab_f(x), fy = lab_f(y), fz = lab_f(z);
    return (gf_lab){116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

static double degrees(double radians) { return radians * 180.0 / PI; }
static double radians(double degrees) { return degrees * PI / 180.0; }

/* Hue angle in degrees, [0, 360); 0 for a neutral colour. */
static double hue_degrees(double b, double a_prime)
{
    if (b == 0.0 && a_prime == 0.0)
        return 0.0;
    double h = degrees(atan2(b, a_prime));
    return h < 0.0 ? h + 360.0 : h;
}

double gf_delta_e2000(gf_lab x, gf_lab y)
{
    const double pow25_7 = 6103515625.0; /* 25^7 */
    double c1 = hypot(x.a, x.b), c2 = hypot(y.a, y.b);
    double c_mean = 0.5 * (c1 + c2);
    double c_mean7 = pow(c_mean, 7.0);
    double g = 0.5 * (1.0 - sqrt(c_mean7 / (c_mean7 + pow25_7)));
    double a1 = (1.0 + g) * x.a, a2 = (1.0 + g) * y.a;
    double cp1 = hypot(a1, x.b), cp2 = hypot(a2, y.b);
    double hp1 = hue_degrees(x.b, a1), hp2 = hue_degrees(y.b, a2);

    double d_l = y.l - x.l;
    double d_c = cp2 - cp1;
    double d_h_angle = 0.0;
    if (cp1 * cp2 != 0.0) {
        d_h_angle = hp2 - hp1;
        if (d_h_angle > 180.0)
            d_h_angle -= 360.0;
        else if (d_h_angle < -180.0)
            d_h_angle += 360.0;
    }
    double d_h = 2.0 * sqrt(cp1 * cp2) * sin(radians(d_h_angle) / 2.0);

    double l_mean = 0.5 * (x.l + y.l);
    double cp_mean = 0.5 * (cp1 + cp2);
    double h_mean = hp1 + hp2;
    if (cp1 * cp2 != 0.0) {
        if (fabs(hp1 - hp2) <= 180.0)
            h_mean = 0.5 * (hp1 + hp2);
        else if (hp1 + hp2 < 360.0)
            h_mean = 0.5 * (hp1 + hp2 + 360.0);
        else
            h_mean = 0.5 * (hp1 + hp2 - 360.0);
    }
    double t = 1.0 - 0.17 * cos(radians(h_mean - 30.0)) + 0.24 * cos(radians(2.0 * h_mean)) +
               0.32 * cos(radians(3.0 * h_mean + 6.0)) - 0.20 * cos(radians(4.0 * h_mean - 63.0));
    double d_theta = 30.0 * exp(-pow((h_mean - 275.0) / 25.0, 2.0));
    double cp_mean7 = pow(cp_mean, 7.0);
    double r_c = 2.0 * sqrt(cp_mean7 / (cp_mean7 + pow25_7));
    double l50 = (l_mean - 50.0) * (l_mean - 50.0);
    double s_l = 1.0 + 0.015 * l50 / sqrt(20.0 + l50);
    double s_c = 1.0 + 0.045 * cp_mean;
    double s_h = 1.0 + 0.015 * cp_mean * t;
    double r_t = -sin(radians(2.0 * d_theta)) * r_c;

    double tl = d_l / s_l, tc = d_c / s_c, th = d_h / s_h;
    return sqrt(tl * tl + tc * tc + th * th + r_t * tc * th);
}

double gf_vision_min_difference(gf_vision v, const gf_rgba *colours, int n)
{
    double smallest = INFINITY;
    for (int i = 0; i < n; i++) {
        gf_lab li = gf_lab_from_rgba(gf_vision_simulate(v, colours[i]));
        for (int j = i + 1; j < n; j++) {
            double d = gf_delta_e2000(li, gf_lab_from_rgba(gf_vision_simulate(v, colours[j])));
            if (d < smallest)
                smallest = d;
        }
    }
    return smallest;
}
