/* tensor_view.c — element access and compaction for strided views. */
#include "tensor_view.h"

#include <assert.h>

int64_t gf_view_numel(const gf_view *v)
{
    int64_t n = 1;
    for (int d = 0; d < v->ndim; d++)
        n *= v->shape[d];
    return n;
}

float gf_view_at1(const gf_view *v, int64_t i)
{
    assert(v->ndim == 1 && i >= 0 && i < v->shape[0]);
    return v->data[i * v->stride[0]];
}

float gf_view_at2(const gf_view *v, int64_t i, int64_t j)
{
    assert(v->ndim == 2 && i >= 0 && i < v->shape[0] && j >= 0 && j < v->shape[1]);
    return v->data[i * v->stride[0] + j * v->stride[1]];
}

float gf_view_at3(const gf_view *v, int64_t i, int64_t j, int64_t k)
{
    assert(v->ndim == 3 && i >= 0 && i < v->shape[0] && j >= 0 && j < v->shape[1] &&
           k >= 0 && k < v->shape[2]);
    return v->data[i * v->stride[0] + j * v->stride[1] + k * v->stride[2]];
}

void gf_view_copy_out(const gf_view *v, float *dst)
{
    int64_t n = gf_view_numel(v);
    int64_t index[GF_VIEW_MAX_DIMS] = {0};
    for (int64_t out = 0; out < n; out++) {
        int64_t offset = 0;
        for (int d = 0; d < v->ndim; d++)
            offset += index[d] * v->stride[d];
        dst[out] = v->data[offset];
        for (int d = v->ndim - 1; d >= 0; d--) {
            if (++index[d] < v->shape[d])
                break;
            index[d] = 0;
        }
    }
}
