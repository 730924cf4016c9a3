/* tensor_view.h — a read-only, possibly strided window onto float data.
 *
 * Everything the viewer, the CLI and the tests look at is a gf_view: a name,
 * the layer and head it belongs to (-1 when not applicable), a shape and the
 * strides (in floats) to walk it. Views never own memory. */
#ifndef GF_TENSOR_VIEW_H
#define GF_TENSOR_VIEW_H

#include <stdint.h>

#define GF_VIEW_MAX_DIMS 4

typedef struct {
    const char *name;                   /* e.g. "h.3.attn.q" (full name)     */
    int layer;                          /* block index, or -1                */
    int head;                           /* attention head, or -1             */
    int ndim;
    int64_t shape[GF_VIEW_MAX_DIMS];
    int64_t stride[GF_VIEW_MAX_DIMS];   /* in elements, not bytes            */
    const float *data;                  /* NULL when the tensor is not kept  */
} gf_view;

int64_t gf_view_numel(const gf_view *v);
/* Element access; indices must be within shape (checked only by assert). */
float gf_view_at1(const gf_view *v, int64_t i);
float gf_view_at2(const gf_view *v, int64_t i, int64_t j);
float gf_view_at3(const gf_view *v, int64_t i, int64_t j, int64_t k);
/* Copy the view into dst (gf_view_numel floats), row-major and contiguous. */
void gf_view_copy_out(const gf_view *v, float *dst);

#endif
