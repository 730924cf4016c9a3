/* analogy_plot.c — the map of words on the analogy screen (see
 * analogy_plot.h): placing the PCA coordinates on screen, the 3-D camera,
 * thick lines, discs and arrows through SDL_RenderGeometry, labels that
 * avoid each other, and the hover tooltip. */
#include "analogy_plot.h"

#include "analogy_text.h"

#include <cglm/cglm.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define N_MARKS (GF_LAB_POINTS + 1)    /* the points, then the sum */

static const gf_rgba colour_plus = {0x5c, 0xc8, 0x8a, 0xff};
static const gf_rgba colour_minus = {0xff, 0x7a, 0x7a, 0xff};
static const gf_rgba colour_other = {0xb8, 0xbe, 0xc8, 0xff};
static const gf_rgba colour_step = {0x6c, 0xb4, 0xff, 0xff};
static const gf_rgba colour_faint = {0x5a, 0x60, 0x6c, 0xff};

void gf_analogy_orbit(gf_analogy_lab *lab, float dyaw, float dpitch)
{
    const float limit = glm_rad(80.0f);
    lab->yaw = fmodf(lab->yaw + dyaw, 2.0f * GLM_PIf);
    lab->pitch = glm_clamp(lab->pitch + dpitch, -limit, limit);
}

static SDL_Vertex vertex(float x, float y, gf_rgba c)
{
    return (SDL_Vertex){{x, y}, {c.r, c.g, c.b, c.a}, {0.0f, 0.0f}};
}

/* A line width w pixels wide (a quad). */
static void thick_line(gf_ui *ui, float x0, float y0, float x1, float y1, float w, gf_rgba c)
{
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (len < 0.5f)
        return;
    float nx = -dy / len * w / 2.0f, ny = dx / len * w / 2.0f;
    SDL_Vertex v[4] = {vertex(x0 + nx, y0 + ny, c), vertex(x1 + nx, y1 + ny, c),
                       vertex(x1 - nx, y1 - ny, c), vertex(x0 - nx, y0 - ny, c)};
    int idx[6] = {0, 1, 2, 0, 2, 3};
    SDL_RenderGeometry(ui->renderer, NULL, v, 4, idx, 6);
}

static void dashed_line(gf_ui *ui, float x0, float y0, float x1, float y1, float w, gf_rgba c)
{
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    float dash = 4.0f * w + 4.0f;
    for (float s = 0.0f; s < len; s += 2.0f * dash) {
        float e = fminf(s + dash, len);
        thick_line(ui, x0 + dx * s / len, y0 + dy * s / len, x0 + dx * e / len, y0 + dy * e / len,
                   w, c);
    }
}

static void disc(gf_ui *ui, float cx, float cy, float radius, gf_rgba c)
{
    enum { SEGMENTS = 24 };
    SDL_Vertex v[SEGMENTS + 1];
    int idx[SEGMENTS * 3];
    v[0] = vertex(cx, cy, c);
    for (int i = 0; i < SEGMENTS; i++) {
        float t = 2.0f * GLM_PIf * (float)i / SEGMENTS;
        v[i + 1] = vertex(cx + radius * cosf(t), cy + radius * sinf(t), c);
        idx[3 * i] = 0;
        idx[3 * i + 1] = i + 1;
        idx[3 * i + 2] = i + 1 < SEGMENTS ? i + 2 : 1;
    }
    SDL_RenderGeometry(ui->renderer, NULL, v, SEGMENTS + 1, idx, SEGMENTS * 3);
}

static void ring(gf_ui *ui, float cx, float cy, float radius, float w, gf_rgba c)
{
    enum { SEGMENTS = 32 };
    for (int i = 0; i < SEGMENTS; i++) {
        float t0 = 2.0f * GLM_PIf * (float)i / SEGMENTS;
        float t1 = 2.0f * GLM_PIf * (float)(i + 1) / SEGMENTS;
        thick_line(ui, cx + radius * cosf(t0), cy + radius * sinf(t0), cx + radius * cosf(t1),
                   cy + radius * sinf(t1), w, c);
    }
}

/* An arrow from a to b, stopping gap pixels short of both ends. */
static void arrow(gf_ui *ui, const float *a, const float *b, float gap, float w, gf_rgba c)
{
    float dx = b[0] - a[0], dy = b[1] - a[1], len = sqrtf(dx * dx + dy * dy);
    if (len < 2.0f * gap + 4.0f * w)
        return;
    float ux = dx / len, uy = dy / len, head = 4.0f * w, side = 0.6f * head;
    float x0 = a[0] + ux * gap, y0 = a[1] + uy * gap;
    float x1 = b[0] - ux * gap, y1 = b[1] - uy * gap;
    thick_line(ui, x0, y0, x1 - ux * head * 0.8f, y1 - uy * head * 0.8f, w, c);
    SDL_Vertex v[3] = {vertex(x1, y1, c),
                       vertex(x1 - ux * head - uy * side, y1 - uy * head + ux * side, c),
                       vertex(x1 - ux * head + uy * side, y1 - uy * head - ux * side, c)};
    SDL_RenderGeometry(ui->renderer, NULL, v, 3, NULL, 0);
}

void gf_analogy_plot_place_2d(const gf_lab_answer *a, gf_rect area, float (*xy)[2], float sum[2])
{
    float lo[2] = {a->sum_xy[0], a->sum_xy[1]}, hi[2] = {a->sum_xy[0], a->sum_xy[1]};
    for (int i = 0; i < a->n_points; i++)
        for (int k = 0; k < 2; k++) {
            lo[k] = fminf(lo[k], a->xy[i][k]);
            hi[k] = fmaxf(hi[k], a->xy[i][k]);
        }
    float span_x = fmaxf(hi[0] - lo[0], 1e-6f), span_y = fmaxf(hi[1] - lo[1], 1e-6f);
    float scale = fminf((float)area.w / span_x, (float)area.h / span_y);
    float cx = (float)area.x + (float)area.w / 2.0f, cy = (float)area.y + (float)area.h / 2.0f;
    float mx = (lo[0] + hi[0]) / 2.0f, my = (lo[1] + hi[1]) / 2.0f;
    for (int i = 0; i < a->n_points; i++) {
        xy[i][0] = cx + (a->xy[i][0] - mx) * scale;
        xy[i][1] = cy - (a->xy[i][1] - my) * scale;
    }
    sum[0] = cx + (a->sum_xy[0] - mx) * scale;
    sum[1] = cy - (a->sum_xy[1] - my) * scale;
}

/* The 3-D camera: the view-projection matrix for area's aspect. Every
 * point of the unit ball projects inside the cone that touches the ball
 * (half-angle asin(1 / distance)), so a field of view a little wider than
 * that cone, on the narrower side of the area, keeps all of it in view
 * however the camera turns. */
static void camera(const gf_analogy_lab *lab, gf_rect area, mat4 view_proj)
{
    const float distance = 3.0f;
    vec3 eye = {distance * cosf(lab->pitch) * sinf(lab->yaw), distance * sinf(lab->pitch),
                distance * cosf(lab->pitch) * cosf(lab->yaw)};
    vec3 centre = {0.0f, 0.0f, 0.0f}, up = {0.0f, 1.0f, 0.0f};
    mat4 view, proj;
    glm_lookat(eye, centre, up, view);
    float aspect = (float)area.w / (float)(area.h > 0 ? area.h : 1);
    float half = tanf(asinf(1.0f / distance)) * 1.06f;
    float fovy = 2.0f * atanf(aspect < 1.0f ? half / aspect : half);
    glm_perspective(fovy, aspect, 0.1f, 20.0f, proj);
    glm_mat4_mul(proj, view, view_proj);
}

/* p (in the unit ball) on screen; depth: its distance along the view. */
static void project_point(mat4 view_proj, gf_rect area, const float *p, float *out, float *depth)
{
    vec4 v = {p[0], p[1], p[2], 1.0f}, clip;
    glm_mat4_mulv(view_proj, v, clip);
    float w = clip[3] > 1e-4f ? clip[3] : 1e-4f;
    out[0] = (float)area.x + (float)area.w * 0.5f * (1.0f + clip[0] / w);
    out[1] = (float)area.y + (float)area.h * 0.5f * (1.0f - clip[1] / w);
    *depth = w;
}

/* Whether two boxes share any pixel. */
static bool rects_meet(gf_rect a, gf_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* Screen positions of the points and the sum (mark n_points), their depth
 * (3-D; 1 in 2-D), and faint axes in 3-D, whose names' boxes go to
 * axis_names (n_axis_names of them) for the labels to avoid. */
static void place(gf_ui *ui, const gf_analogy_lab *lab, gf_rect area, float (*pos)[2],
                  float *depth, gf_rect *axis_names, int *n_axis_names)
{
    *n_axis_names = 0;
    const gf_lab_answer *a = &lab->answer;
    if (!lab->three_d) {
        gf_analogy_plot_place_2d(a, area, pos, pos[a->n_points]);
        for (int i = 0; i <= a->n_points; i++)
            depth[i] = 1.0f;
        return;
    }
    float radius = sqrtf(glm_vec3_norm2((float *)a->sum_xyz));
    for (int i = 0; i < a->n_points; i++)
        radius = fmaxf(radius, sqrtf(glm_vec3_norm2((float *)a->xyz[i])));
    radius = radius > 1e-6f ? radius : 1.0f;
    mat4 vp;
    camera(lab, area, vp);
    for (int i = 0; i <= a->n_points; i++) {
        const float *src = i < a->n_points ? a->xyz[i] : a->sum_xyz;
        float p[3] = {src[0] / radius, src[1] / radius, src[2] / radius};
        project_point(vp, area, p, pos[i], &depth[i]);
    }
    /* The three principal directions, faint, from the centre. */
    for (int k = 0; k < 3; k++) {
        float tip[3] = {0.0f, 0.0f, 0.0f}, o[3] = {0.0f, 0.0f, 0.0f}, s0[2], s1[2], d;
        tip[k] = 1.0f;
        project_point(vp, area, o, s0, &d);
        project_point(vp, area, tip, s1, &d);
        thick_line(ui, s0[0], s0[1], s1[0], s1[1], 1.5f, colour_faint);
        char name[8];
        snprintf(name, sizeof name, "%d", k + 1);
        int w = 0, h = 0;
        gf_text_size(ui, GF_FACE_SANS, GF_TEXT_SMALL, name, &w, &h);
        gf_rect box = {(int)s1[0] - w / 2 - 1, (int)s1[1] - h / 2 - 1, w + 2, h + 2};
        /* An axis seen end-on (a small plot, large type) puts its name on
         * another's: then only the line is drawn. */
        bool clear = true;
        for (int j = 0; j < *n_axis_names; j++)
            clear = clear && !rects_meet(box, axis_names[j]);
        if (!clear)
            continue;
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, colour_faint, (int)s1[0], (int)s1[1], name,
                     GF_ALIGN_CENTER | GF_ALIGN_MIDDLE);
        axis_names[(*n_axis_names)++] = box;
    }
}

static gf_rgba point_colour(const gf_ui *ui, const gf_lab_answer *a, const gf_lab_point *p)
{
    if (p->rank == 0)
        return ui->style->accent;
    if (p->term >= 0)
        return a->expr.terms[p->term].weight < 0.0 ? colour_minus : colour_plus;
    return colour_other;
}

/* The lines of the picture (arrows and dashed sides), so labels avoid them. */
#define MAX_SEGMENTS 8
typedef struct {
    float x0, y0, x1, y1;
} segment;

/* Whether segment s passes through r (checked at points along it). */
static bool segment_crosses(const segment *s, gf_rect r)
{
    for (int k = 0; k <= 32; k++) {
        float t = (float)k / 32.0f;
        float x = s->x0 + t * (s->x1 - s->x0), y = s->y0 + t * (s->y1 - s->y0);
        if (x >= (float)r.x && x <= (float)(r.x + r.w) && y >= (float)r.y &&
            y <= (float)(r.y + r.h))
            return true;
    }
    return false;
}

static bool crosses_any(const segment *segs, int n, gf_rect r)
{
    for (int i = 0; i < n; i++)
        if (segment_crosses(&segs[i], r))
            return true;
    return false;
}

static bool overlaps(const gf_rect *placed, int n, gf_rect r)
{
    for (int i = 0; i < n; i++)
        if (r.x < placed[i].x + placed[i].w && placed[i].x < r.x + r.w &&
            r.y < placed[i].y + placed[i].h && placed[i].y < r.y + r.h)
            return true;
    return false;
}

/* Where a label w × h may go around a point whose disc reaches off pixels:
 * right, left, above, below, the four corners, then the same twice as far
 * (a nudge away from a crowd). */
#define N_SPOTS 16
static void label_spots(float x, float y, int off, int w, int h, gf_rect *spots)
{
    static const int dir[8][2] = {{1, 0}, {-1, 0}, {0, -1}, {0, 1},
                                  {1, -1}, {-1, -1}, {1, 1}, {-1, 1}};
    for (int k = 0; k < N_SPOTS; k++) {
        int dx = dir[k % 8][0], dy = dir[k % 8][1], d = off * (k < 8 ? 1 : 2);
        int lx = dx > 0 ? (int)x + d : dx < 0 ? (int)x - d - w : (int)x - w / 2;
        int ly = dy > 0 ? (int)y + d : dy < 0 ? (int)y - d - h : (int)y - h / 2;
        if (dx != 0 && dy != 0) {   /* a corner: tucked a little closer */
            lx -= dx * off / 2;
            ly -= dy * h / 4;
        }
        spots[k] = (gf_rect){lx, ly, w, h};
    }
}

static bool inside(gf_rect r, gf_rect bounds)
{
    return r.x >= bounds.x && r.x + r.w <= bounds.x + bounds.w && r.y >= bounds.y &&
           r.y + r.h <= bounds.y + bounds.h;
}

/* Labels, never on one another: the words of the expression and the answer
 * first, then the other neighbours, each at the first free spot around its
 * point (label_spots). A key word's label shrinks, then may lie over a line
 * or another disc, before it is left out; a neighbour's label needs a spot
 * clear of everything, else hovering tells its word. sum_label NULL: the sum
 * has no label. */
static void draw_labels(gf_ui *ui, const gf_lab_answer *a, float (*pos)[2], const float *size,
                        gf_rect bounds, const char *sum_label, const segment *segs, int n_segs,
                        const gf_rect *axis_names, int n_axis_names)
{
    gf_rect discs[N_MARKS], texts[N_MARKS + 3];
    int n_discs = 0, n_texts = 0;
    for (int k = 0; k < n_axis_names && k < 3; k++)
        texts[n_texts++] = axis_names[k];
    for (int i = 0; i <= a->n_points; i++) {
        float r = size[i] + 3.0f;
        if (i < a->n_points || sum_label != NULL)
            discs[n_discs++] = (gf_rect){(int)(pos[i][0] - r), (int)(pos[i][1] - r),
                                         (int)(2 * r), (int)(2 * r)};
    }
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i <= a->n_points; i++) {
            bool sum = i == a->n_points;
            if (sum && sum_label == NULL)
                continue;
            bool key = sum || a->points[i].term >= 0 || a->points[i].rank == 0;
            if (key != (pass == 0))
                continue;
            const char *text = sum ? sum_label : a->points[i].label;
            gf_face face = !sum && a->points[i].rank == 0 ? GF_FACE_BOLD : GF_FACE_SANS;
            gf_text_role roles[3] = {key && !sum ? GF_TEXT_HEADING : GF_TEXT_BODY, GF_TEXT_BODY,
                                     GF_TEXT_SMALL};
            int n_tries = key ? 6 : 1;   /* key: 3 sizes clear, then 3 sizes over lines */
            bool found = false;
            gf_rect at = {0, 0, 0, 0};
            gf_text_role role = roles[0];
            for (int k = 0; k < n_tries && !found; k++) {
                role = roles[k % 3];
                bool strict = k < 3;
                int w = 0, h = 0;
                gf_text_size(ui, face, role, text, &w, &h);
                gf_rect spots[N_SPOTS];
                label_spots(pos[i][0], pos[i][1], (int)size[i] + 6, w, h, spots);
                for (int t = 0; t < N_SPOTS && !found; t++)
                    if (inside(spots[t], bounds) && !overlaps(texts, n_texts, spots[t]) &&
                        (!strict || (!overlaps(discs, n_discs, spots[t]) &&
                                     !crosses_any(segs, n_segs, spots[t])))) {
                        at = spots[t];
                        found = true;
                    }
            }
            if (!found)
                continue;   /* no room at all: hovering the point tells its word */
            texts[n_texts++] = at;
            gf_rgba c = sum ? ui->style->text_dim : point_colour(ui, a, &a->points[i]);
            gf_draw_text(ui, face, role, c, at.x, at.y, text, GF_ALIGN_LEFT);
        }
    }
}

/* The hovered point (the closest within reach of the mouse), or −1. */
static int hovered(const gf_ui *ui, const float (*pos)[2], int n, float reach)
{
    int best = -1;
    float best_d = reach * reach;
    for (int i = 0; i < n; i++) {
        float dx = pos[i][0] - (float)ui->mouse_x, dy = pos[i][1] - (float)ui->mouse_y;
        if (dx * dx + dy * dy <= best_d) {
            best_d = dx * dx + dy * dy;
            best = i;
        }
    }
    return best;
}

static void hover_tooltip(gf_app *app, gf_analogy_lab *lab, const gf_lab_point *p)
{
    const gf_vectors_hit *hits;
    int n = gf_lab_nearest_of(lab, p->row, &hits);
    char near[256] = "", tip[GF_UI_TOOLTIP_MAX];
    size_t used = 0;
    for (int i = 0; i < n && used < sizeof near; i++)
        used += (size_t)snprintf(near + used, sizeof near - used, "%s%s", i > 0 ? ", " : "",
                                 gf_lab_label(lab, hits[i].row));
    snprintf(tip, sizeof tip, gf_atext_get(&app->text, GF_AT_HOVER), p->label, (double)p->cosine,
             near);
    gf_ui_set_tooltip(&app->ui, tip);
}

void gf_analogy_plot_draw(gf_app *app, gf_analogy_lab *lab, gf_rect r)
{
    gf_ui *ui = &app->ui;
    const gf_lab_answer *a = &lab->answer;
    lab->n_marks = 0;
    if (a->n_points == 0)
        return;
    gf_draw_fill(ui, r, (gf_rgba){0x1b, 0x1e, 0x24, 0xff});
    /* The caption: how many dimensions the map keeps of the words' spread. */
    int dims = lab->three_d ? 3 : 2;
    double kept = 0.0;
    for (int k = 0; k < dims; k++)
        kept += lab->three_d ? a->variance3[k] : a->variance2[k];
    double percent = a->total_variance > 0.0 ? 100.0 * kept / a->total_variance : 0.0;
    const gf_vectors *v = gf_lab_space(lab);
    char caption[256];
    snprintf(caption, sizeof caption,
             gf_atext_get(&app->text, lab->three_d ? GF_AT_PLOT_3D : GF_AT_PLOT_2D),
             v != NULL ? v->dim : 0, percent);
    gf_rect in = gf_rect_inset(r, gf_ui_px(ui, 10));
    int ch = gf_draw_wrapped(ui, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->text_dim, in, caption);
    in.y += ch;
    in.h -= ch;
    /* Room for labels around the points. */
    int label_room = gf_ui_px(ui, 70) < in.w / 6 ? gf_ui_px(ui, 70) : in.w / 6;
    int label_h = gf_ui_px(ui, 30) < in.h / 8 ? gf_ui_px(ui, 30) : in.h / 8;
    gf_rect area = {in.x + label_room, in.y + label_h, in.w - 2 * label_room, in.h - 2 * label_h};
    if (area.w < 20 || area.h < 20)
        return;
    SDL_Rect clip = {r.x, r.y, r.w, r.h};
    SDL_RenderSetClipRect(ui->renderer, &clip);
    float pos[N_MARKS][2], depth[N_MARKS];
    gf_rect axis_names[3];
    int n_axis_names = 0;
    place(ui, lab, area, pos, depth, axis_names, &n_axis_names);
    memcpy(lab->marks, pos, sizeof lab->marks);
    lab->n_marks = a->n_points + 1;
    float radius = (float)gf_ui_px(ui, 7), line_w = fmaxf(2.0f, (float)gf_ui_px(ui, 3));
    int n = a->n_points, s = a->n_points;  /* s: the sum's mark */
    int ta, tb, tc;
    segment segs[MAX_SEGMENTS];
    int n_segs = 0;
    if (gf_lab_parallelogram(a, &ta, &tb, &tc)) {
        int pa = a->term_point[ta], pb = a->term_point[tb], pc = a->term_point[tc];
        int answer = -1;
        for (int i = 0; i < n; i++)
            if (a->points[i].rank == 0)
                answer = i;
        /* The other two sides, dashed: b → a and c → answer. */
        dashed_line(ui, pos[pb][0], pos[pb][1], pos[pa][0], pos[pa][1], line_w / 2, colour_faint);
        if (answer >= 0)
            dashed_line(ui, pos[pc][0], pos[pc][1], pos[answer][0], pos[answer][1], line_w / 2,
                        colour_faint);
        /* The same step twice: b → c and a → answer. */
        arrow(ui, pos[pb], pos[pc], radius + 2, line_w, colour_step);
        if (answer >= 0)
            arrow(ui, pos[pa], pos[answer], radius + 2, line_w, colour_step);
        segs[n_segs++] = (segment){pos[pb][0], pos[pb][1], pos[pa][0], pos[pa][1]};
        segs[n_segs++] = (segment){pos[pb][0], pos[pb][1], pos[pc][0], pos[pc][1]};
        if (answer >= 0) {
            segs[n_segs++] = (segment){pos[pc][0], pos[pc][1], pos[answer][0], pos[answer][1]};
            segs[n_segs++] = (segment){pos[pa][0], pos[pa][1], pos[answer][0], pos[answer][1]};
        }
    } else {
        for (int t = 0; t < a->expr.count; t++) {
            int p = a->term_point[t];
            if (p < 0)
                continue;
            dashed_line(ui, pos[p][0], pos[p][1], pos[s][0], pos[s][1], line_w / 2,
                        colour_faint);
            if (n_segs < MAX_SEGMENTS)
                segs[n_segs++] = (segment){pos[p][0], pos[p][1], pos[s][0], pos[s][1]};
        }
    }
    /* One word alone: the sum is that word's own vector (times its weight),
     * so a ring on the word would only repeat it. */
    bool show_sum = a->expr.count > 1;
    if (show_sum)
        ring(ui, pos[s][0], pos[s][1], radius * 1.3f, line_w / 2, ui->style->text_dim);
    /* Points far from the camera first, so near ones cover them. */
    int order[N_MARKS];
    for (int i = 0; i < n; i++)
        order[i] = i;
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && depth[order[j - 1]] < depth[order[j]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    /* Nearer points larger (3-D); the expression's words and the answer larger. */
    float size[N_MARKS];
    for (int i = 0; i < n; i++) {
        size[i] = lab->three_d ? radius * 3.0f / depth[i] : radius;
        if (a->points[i].rank == 0 || a->points[i].term >= 0)
            size[i] *= 1.3f;
    }
    size[s] = radius * 1.3f;
    for (int k = 0; k < n; k++)
        disc(ui, pos[order[k]][0], pos[order[k]][1], size[order[k]],
             point_colour(ui, a, &a->points[order[k]]));
    draw_labels(ui, a, pos, size, in, show_sum ? gf_atext_get(&app->text, GF_AT_SUM) : NULL,
                segs, n_segs, axis_names, n_axis_names);
    int h = hovered(ui, (const float (*)[2])pos, n, radius * 3.0f);
    if (h >= 0 && gf_rect_contains(r, ui->mouse_x, ui->mouse_y)) {
        ring(ui, pos[h][0], pos[h][1], radius * 2.2f, line_w / 2, ui->style->text);
        hover_tooltip(app, lab, &a->points[h]);
    }
    SDL_RenderSetClipRect(ui->renderer, NULL);
}
