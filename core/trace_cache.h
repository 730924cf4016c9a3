/* trace_cache.h — continuing a trace's prefix in another trace.
 *
 * An append reads only the K/V cache of earlier positions (see forward.h),
 * so a lean trace that holds a copy of the first n positions' tokens, K and
 * V, and the logits of position n − 1, continues exactly as the trace it was
 * copied from would: bit for bit the same rows. The viewer's temperature
 * lanes generate this way without touching the trace on screen. */
#ifndef GF_TRACE_CACHE_H
#define GF_TRACE_CACHE_H

#include "gf_error.h"
#include "trace.h"

/* dst (lean, the same shape, capacity >= n) becomes the prefix [0, n) of src
 * (0 < n <= src's T): tokens, each layer's K and V, the last row's logits. */
gf_status gf_trace_copy_prefix(gf_trace *dst, const gf_trace *src, int n, gf_error *err);

#endif
