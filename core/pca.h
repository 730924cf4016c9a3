/* pca.h — principal component analysis of a few rows, for plotting words
 * in 2-D or 3-D.
 *
 * The rows are centred on their mean; the components are the directions of
 * largest variance, in decreasing order; a row's coordinates are its
 * centred row's projections on them. Each component's sign is fixed so that
 * its coordinate of largest magnitude (the first such row on a tie) is
 * positive, so the same rows always give the same picture. */
#ifndef GF_PCA_H
#define GF_PCA_H

#include "gf_error.h"

#define GF_PCA_MAX_ROWS 4096

/* rows (n, dim) -> coords (n, n_components), n_components 1..3;
 * variance (n_components, may be NULL) gets each component's variance
 * (sum of squared coordinates / n). A component beyond the rows' rank has
 * all coordinates 0. */
gf_status gf_pca_project(const float *rows, int n, int dim, int n_components, float *coords,
                         double *variance, gf_error *err);

#endif
