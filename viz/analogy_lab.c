/* analogy_lab.c — the analogy screen's state: the spaces, the expression
 * line and its last good answer (see analogy_lab.h). All maths is core's. */
#include "analogy_lab.h"

#include "analogy_presets.h"
#include "pca.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void gf_lab_init(gf_analogy_lab *lab, const char *vectors_dir)
{
    memset(lab, 0, sizeof *lab);
    lab->preset = -1;
    lab->hover_row = -1;
    lab->status = GF_LAB_EMPTY;
    gf_error err;
    gf_error_clear(&err);
    lab->tried[GF_LAB_WORDS] = true;
    if (gf_vectors_load(&lab->space[GF_LAB_WORDS], vectors_dir, &err) != GF_OK) {
        snprintf(lab->space_error[GF_LAB_WORDS], sizeof lab->space_error[0], "%s", err.message);
        lab->status = GF_LAB_NO_SPACE;
        return;
    }
    lab->loaded[GF_LAB_WORDS] = true;
    char path[1200];
    struct stat info;
    snprintf(path, sizeof path, "%s/%s", vectors_dir, GF_GLOSSARY_FILE);
    if (stat(path, &info) == 0 && gf_glossary_load(&lab->glossary, path, &err) != GF_OK) {
        /* A damaged glossary: Russian words are then unknown, and the
         * screen says why in place of the results. */
        snprintf(lab->space_error[GF_LAB_WORDS], sizeof lab->space_error[0], "%s", err.message);
        lab->glossary = NULL;
    }
}

void gf_lab_free(gf_analogy_lab *lab)
{
    for (int s = 0; s < GF_LAB_SOURCES; s++)
        if (lab->loaded[s])
            gf_vectors_free(&lab->space[s]);
    gf_glossary_free(lab->glossary);
    free(lab->scratch);
    memset(lab, 0, sizeof *lab);
}

const gf_vectors *gf_lab_space(const gf_analogy_lab *lab)
{
    return lab->loaded[lab->source] ? &lab->space[lab->source] : NULL;
}

const char *gf_lab_label(const gf_analogy_lab *lab, int row)
{
    const gf_vectors *v = gf_lab_space(lab);
    bool russian = lab->has_answer && lab->answer.russian;
    return v != NULL ? gf_analogy_label(v, lab->glossary, russian, row) : "?";
}

/* Room for GF_LAB_POINTS + 1 rows of dim floats (the last: the sum). */
static float *scratch_rows(gf_analogy_lab *lab, int dim)
{
    if (lab->scratch_dim != dim) {
        free(lab->scratch);
        lab->scratch = malloc((size_t)(GF_LAB_POINTS + 1) * (size_t)dim * sizeof(float));
        lab->scratch_dim = lab->scratch != NULL ? dim : 0;
    }
    return lab->scratch;
}

/* The point of row, added when new; its index, or −1 when full. */
static int add_point(gf_lab_answer *a, int row)
{
    for (int i = 0; i < a->n_points; i++)
        if (a->points[i].row == row)
            return i;
    if (a->n_points == GF_LAB_POINTS)
        return -1;
    gf_lab_point *p = &a->points[a->n_points];
    p->row = row;
    p->term = p->rank = -1;
    return a->n_points++;
}

static float dot(const float *a, const float *b, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += (double)a[i] * (double)b[i];
    return (float)s;
}

/* The plotted words (the terms, then the best results), their cosines with
 * the sum, and core's PCA of them in 2-D and 3-D. */
static bool project(gf_analogy_lab *lab, const gf_vectors *v, const gf_analogy_terms *t,
                    gf_lab_answer *a, const float *query)
{
    a->n_points = 0;
    for (int i = 0; i < a->expr.count; i++) {
        a->term_point[i] = add_point(a, t->rows[i]);
        if (a->term_point[i] >= 0 && a->points[a->term_point[i]].term < 0)
            a->points[a->term_point[i]].term = i;
    }
    for (int r = 0; r < a->n_results && r < GF_LAB_PLOTTED; r++) {
        int p = add_point(a, a->rows[r]);
        if (p >= 0)
            a->points[p].rank = r;
    }
    float *rows = scratch_rows(lab, v->dim);
    if (rows == NULL)
        return false;
    float qn = sqrtf(dot(query, query, v->dim));
    double mean_sq = 0.0;
    for (int i = 0; i < a->n_points; i++) {
        gf_lab_point *p = &a->points[i];
        const float *row = gf_vectors_row(v, p->row);
        memcpy(rows + (size_t)i * v->dim, row, (size_t)v->dim * sizeof(float));
        p->cosine = qn > 0.0f ? dot(row, query, v->dim) / qn : 0.0f;
        snprintf(p->label, sizeof p->label, "%s",
                 gf_analogy_label(v, lab->glossary, a->russian, p->row));
    }
    /* The spread of the plotted rows over all dimensions, to say how much
     * of it the picture keeps: Σ |row − mean|² / n. */
    for (int d = 0; d < v->dim; d++) {
        double mean = 0.0, sq = 0.0;
        for (int i = 0; i < a->n_points; i++)
            mean += rows[(size_t)i * v->dim + d];
        mean /= a->n_points;
        for (int i = 0; i < a->n_points; i++) {
            double c = rows[(size_t)i * v->dim + d] - mean;
            sq += c * c;
        }
        mean_sq += sq / a->n_points;
    }
    a->total_variance = mean_sq;
    gf_error err;
    gf_error_clear(&err);
    float xy[GF_LAB_POINTS * 2], xyz[GF_LAB_POINTS * 3];
    if (gf_pca_project(rows, a->n_points, v->dim, 2, xy, a->variance2, &err) != GF_OK ||
        gf_pca_project(rows, a->n_points, v->dim, 3, xyz, a->variance3, &err) != GF_OK)
        return false;
    memcpy(a->xy, xy, (size_t)a->n_points * 2 * sizeof(float));
    memcpy(a->xyz, xyz, (size_t)a->n_points * 3 * sizeof(float));
    /* The projection is linear after centring, so the sum of the terms'
     * rows lands on the same sum of their coordinates (the mean, at the
     * origin, carries the weights' remainder). */
    memset(a->sum_xy, 0, sizeof a->sum_xy);
    memset(a->sum_xyz, 0, sizeof a->sum_xyz);
    for (int i = 0; i < a->expr.count; i++) {
        int p = a->term_point[i];
        if (p < 0)
            continue;
        float w = (float)a->expr.terms[i].weight;
        for (int k = 0; k < 2; k++)
            a->sum_xy[k] += w * a->xy[p][k];
        for (int k = 0; k < 3; k++)
            a->sum_xyz[k] += w * a->xyz[p][k];
    }
    return true;
}

/* Compute the answer to text in the current space; false (status set)
 * when there is none. */
static bool answer(gf_analogy_lab *lab, const char *text, gf_lab_answer *a)
{
    const gf_vectors *v = gf_lab_space(lab);
    if (v == NULL) {
        lab->status = GF_LAB_NO_SPACE;
        return false;
    }
    gf_error err;
    gf_error_clear(&err);
    const char *p = text;
    while (*p == ' ')
        p++;
    if (*p == '\0') {
        lab->status = GF_LAB_EMPTY;
        return false;
    }
    memset(a, 0, sizeof *a);
    if (gf_expr_parse(text, &a->expr, &err) != GF_OK) {
        lab->status = GF_LAB_SYNTAX;
        lab->error_at = a->expr.error_at;
        lab->error_end = (int)strlen(text);
        return false;
    }
    gf_analogy_terms t;
    if (gf_analogy_lookup(v, lab->glossary, &a->expr, &t, &err) != GF_OK) {
        lab->status = GF_LAB_UNKNOWN;
        const gf_expr_term *bad = t.unknown >= 0 ? &a->expr.terms[t.unknown] : NULL;
        snprintf(lab->bad_word, sizeof lab->bad_word, "%s", bad != NULL ? bad->word : "?");
        lab->error_at = bad != NULL ? bad->start : 0;
        lab->error_end = bad != NULL ? bad->end : 0;
        /* A Russian word with no glossary (a damaged file): say why. */
        if (bad != NULL && gf_word_is_cyrillic(bad->word) && lab->glossary == NULL &&
            lab->space_error[GF_LAB_WORDS][0] != '\0')
            lab->status = GF_LAB_NO_SPACE;
        size_t n = 0;
        lab->suggestions[0] = '\0';
        for (int i = 0; i < t.n_suggestions && n < sizeof lab->suggestions; i++)
            n += (size_t)snprintf(lab->suggestions + n, sizeof lab->suggestions - n, "%s%s",
                                  i > 0 ? ", " : "", t.suggestions[i]);
        return false;
    }
    float *query = scratch_rows(lab, v->dim);
    if (query == NULL) {
        lab->status = GF_LAB_NO_SPACE;
        return false;
    }
    query += (size_t)GF_LAB_POINTS * v->dim;   /* the last scratch row */
    if (gf_analogy_query(v, &a->expr, &t, query, &err) != GF_OK) {
        lab->status = GF_LAB_CANCELS;
        return false;
    }
    gf_vectors_hit hits[GF_LAB_RESULTS];
    a->n_results = gf_vectors_nearest(v, query, t.exclude, t.n_exclude, hits, GF_LAB_RESULTS);
    a->source = lab->source;
    a->russian = t.russian;
    snprintf(a->text, sizeof a->text, "%s", text);
    for (int i = 0; i < a->n_results; i++) {
        a->rows[i] = hits[i].row;
        a->cosines[i] = hits[i].cosine;
        snprintf(a->labels[i], sizeof a->labels[i], "%s",
                 gf_analogy_label(v, lab->glossary, t.russian, hits[i].row));
    }
    /* project() fills the scratch rows before the last, where query is. */
    bool ok = project(lab, v, &t, a, query);
    lab->status = ok ? GF_LAB_OK : GF_LAB_NO_SPACE;
    return ok;
}

static void recompute(gf_analogy_lab *lab)
{
    gf_lab_answer *next = malloc(sizeof *next);
    if (next == NULL)
        return;
    if (answer(lab, lab->text, next)) {
        lab->answer = *next;
        lab->has_answer = true;
        lab->generation++;
    }
    free(next);
}

void gf_lab_set_text(gf_analogy_lab *lab, const char *text)
{
    snprintf(lab->text, sizeof lab->text, "%s", text);
    recompute(lab);
}

void gf_lab_set_source(gf_analogy_lab *lab, gf_lab_source source, const gf_model *model)
{
    if (source == GF_LAB_GPT && !lab->tried[GF_LAB_GPT]) {
        gf_error err;
        gf_error_clear(&err);
        lab->tried[GF_LAB_GPT] = true;
        if (model == NULL)
            snprintf(lab->space_error[GF_LAB_GPT], sizeof lab->space_error[0], "no model");
        else if (gf_vectors_from_model(&lab->space[GF_LAB_GPT], model, &err) != GF_OK)
            snprintf(lab->space_error[GF_LAB_GPT], sizeof lab->space_error[0], "%s", err.message);
        else
            lab->loaded[GF_LAB_GPT] = true;
    }
    lab->source = source;
    lab->has_answer = false;
    lab->hover_row = -1;
    lab->generation++;
    recompute(lab);
}

void gf_lab_cycle_preset(gf_analogy_lab *lab, int step, bool russian)
{
    int n = gf_analogy_preset_count();
    if (n <= 0)
        return;
    lab->preset = lab->preset < 0 ? (step > 0 ? 0 : n - 1) : ((lab->preset + step) % n + n) % n;
    const gf_analogy_preset *p = gf_analogy_preset_at(lab->preset);
    gf_lab_set_text(lab, russian ? p->russian : p->english);
}

bool gf_lab_parallelogram(const gf_lab_answer *a, int *term_a, int *term_b, int *term_c)
{
    int plus[2], n_plus = 0, minus = -1, n_minus = 0;
    if (a->expr.count != 3 || a->n_results == 0)
        return false;
    for (int i = 0; i < 3; i++) {
        double w = a->expr.terms[i].weight;
        if (w == 1.0 && n_plus < 2)
            plus[n_plus++] = i;
        else if (w == -1.0)
            minus = i, n_minus++;
    }
    if (n_plus != 2 || n_minus != 1)
        return false;
    *term_a = plus[0];
    *term_b = minus;
    *term_c = plus[1];
    return true;
}

int gf_lab_nearest_of(gf_analogy_lab *lab, int row, const gf_vectors_hit **hits)
{
    const gf_vectors *v = gf_lab_space(lab);
    *hits = lab->hover_hits;
    if (v == NULL || row < 0 || row >= v->count)
        return 0;
    if (lab->hover_row != row || lab->hover_source != lab->source) {
        lab->hover_row = row;
        lab->hover_source = lab->source;
        lab->n_hover = gf_vectors_nearest(v, gf_vectors_row(v, row), &row, 1, lab->hover_hits,
                                          GF_LAB_HOVER_NEAREST);
    }
    return lab->n_hover;
}
