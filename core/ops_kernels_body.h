/* ops_kernels_body.h — the gemm and dots kernels of ops_kernels.h, written
 * once over a 16-float vector type and included by each ops_kernels_<isa>.c,
 * which first defines:
 *
 *   v16                      16 floats (one zmm, two ymm, or a plain array)
 *   v16_zero() v16_set1(x)   all lanes 0 / x
 *   v16_load(p) v16_store(p, v)              16 floats at p (any alignment)
 *   v16_load_part(p, n) v16_store_part(p, v, n)   the first n (0..16) only;
 *                            lanes ≥ n load as 0 and touch no memory
 *   v16_fma(a, b, c)         a·b + c per lane (fused or not: KERNEL_FUSED)
 *   v16_load_f16(p) v16_load_bf16(p)   16 halves at p widened to floats
 *   v16_reduce(v)            the lane tree of the dots contract → float
 *   HAVE_REDUCE_4X4, v16_reduce_4x4(sums, out)   optional: 16 trees at once
 *   GEMM_MR, GEMM_NV         a register tile: GEMM_MR rows × GEMM_NV v16
 *   DOTS_MR, DOTS_NR         a register tile of dots: a rows × b rows
 *   STREAM_NV                v16 per step when streaming weights (decoding)
 *   STREAM_GAP_ROWS, STREAM_GAP_NV   weight rows per pass and v16 per step
 *                            when a thread streams part of each row (1: off)
 *   PROBE_CHAINS             independent sums that keep the FMA units busy
 *   KERNEL_NAME, KERNEL_FUSED, KERNEL_ENTRY   name, flag, entry function
 *
 * Sums follow the contract in ops_kernels.h whatever the tile: the tiles
 * and blocks below only choose which elements are computed together and
 * which operands stay in registers and caches. The streamed rows and the
 * one-row dots take the weights' type (float, F16, BF16) as a constant, so
 * each type gets its own copy of the loop and only the loads differ. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define GEMM_KC 256           /* terms per pass: a (rows, 256) block and a
                               * (256, 16·GEMM_NV) weight panel stay in L2 */
#define GEMM_STREAM_COLS 4096 /* columns of c kept in L1 while streaming   */
#define GEMM_PREFETCH_ROWS 4  /* weight rows prefetched ahead when streaming */
#define DOTS_B_CHUNK 64       /* b rows (L2-resident) met by every a row   */

#define KERNEL_INLINE static inline __attribute__((always_inline))

static int min_int(int a, int b)
{
    return a < b ? a : b;
}

/* Lanes of the v-th vector of a width-wide slice: 16, fewer, or 0. */
static int lanes_of(int width, int v)
{
    const int left = width - 16 * v;
    return left >= 16 ? 16 : left > 0 ? left : 0;
}

KERNEL_INLINE v16 load_lanes(const float *p, int lanes, bool edge)
{
    return edge ? v16_load_part(p, lanes) : v16_load(p);
}

KERNEL_INLINE void store_lanes(float *p, v16 v, int lanes, bool edge)
{
    if (edge)
        v16_store_part(p, v, lanes);
    else
        v16_store(p, v);
}

/* Where weight element `index` of b is: b points at floats (GF_HALF_NONE)
 * or at halves of the type. */
KERNEL_INLINE const void *weight_at(const void *b, long index, const gf_half_type type)
{
    return type == GF_HALF_NONE ? (const void *)((const float *)b + index)
                                : (const void *)((const uint16_t *)b + index);
}

/* The 16 weights (or the first lanes, the rest 0) at b as floats. */
KERNEL_INLINE v16 weight_load(const void *b, int lanes, bool edge, const gf_half_type type)
{
    if (type == GF_HALF_NONE)
        return load_lanes(b, lanes, edge);
    uint16_t part[16] = {0};
    const uint16_t *p = b;
    if (edge) {
        memcpy(part, p, sizeof *p * (size_t)lanes);
        p = part;
    }
    return type == GF_HALF_F16 ? v16_load_f16(p) : v16_load_bf16(p);
}

/* One register tile: c rows [i, i+mr) × columns [j, j+width) over the terms
 * [p0, p1). The running sums start from init (p0 = 0) or from c (a later
 * pass), live in registers for the whole pass, and go back to c once. */
KERNEL_INLINE void gemm_tile(const gf_gemm *g, int i, const int mr, int j, int width, int p0,
                             int p1, const bool edge)
{
    v16 acc[GEMM_MR][GEMM_NV];
    int lanes[GEMM_NV];
    for (int v = 0; v < GEMM_NV; v++)
        lanes[v] = lanes_of(width, v);
    const bool from_c = p0 > 0 || g->init == GF_GEMM_ACCUMULATE;
    for (int r = 0; r < mr; r++)
        for (int v = 0; v < GEMM_NV; v++) {
            const float *c = g->c + (i + r) * g->ldc + j + 16 * v;
            acc[r][v] = from_c ? load_lanes(c, lanes[v], edge)
                        : g->init == GF_GEMM_BIAS ? load_lanes(g->bias + j + 16 * v, lanes[v], edge)
                                                  : v16_zero();
        }
    const float *a = g->a + (long)i * g->a_row;
    for (int p = p0; p < p1; p++) {
        const float *b_row = g->b + p * g->ldb + j;
        v16 b[GEMM_NV];
        for (int v = 0; v < GEMM_NV; v++)
            b[v] = load_lanes(b_row + 16 * v, lanes[v], edge);
        for (int r = 0; r < mr; r++) {
            const v16 x = v16_set1(a[r * g->a_row + p * g->a_step]);
            for (int v = 0; v < GEMM_NV; v++)
                acc[r][v] = v16_fma(x, b[v], acc[r][v]);
        }
    }
    for (int r = 0; r < mr; r++)
        for (int v = 0; v < GEMM_NV; v++)
            store_lanes(g->c + (i + r) * g->ldc + j + 16 * v, acc[r][v], lanes[v], edge);
}

/* gemm_tile with mr and edge as constants, so each copy unrolls fully. */
#define GEMM_TILE_CASE(MR_)                                                       \
    case MR_:                                                                     \
        if (edge)                                                                 \
            gemm_tile(g, i, MR_, j, width, p0, p1, true);                         \
        else                                                                      \
            gemm_tile(g, i, MR_, j, width, p0, p1, false);                        \
        break;

static void gemm_tile_any(const gf_gemm *g, int i, int mr, int j, int width, int p0, int p1)
{
    const bool edge = width < 16 * GEMM_NV;
    switch (mr) {
    GEMM_TILE_CASE(1)
#if GEMM_MR >= 2
    GEMM_TILE_CASE(2)
#endif
#if GEMM_MR >= 3
    GEMM_TILE_CASE(3)
#endif
#if GEMM_MR >= 4
    GEMM_TILE_CASE(4)
#endif
#if GEMM_MR >= 5
    GEMM_TILE_CASE(5)
#endif
#if GEMM_MR >= 6
    GEMM_TILE_CASE(6)
#endif
#if GEMM_MR >= 7
#error "GEMM_MR above 6: add cases"
#endif
    default:
        break;
    }
}

/* One step of gemm_stream: columns [j, j + lanes) (lanes <= 16·STREAM_NV)
 * of each of the rows of c get x[r] times the weight row's same columns;
 * the same columns of a row ahead are prefetched (when ahead is not NULL)
 * between reading c and reading the weights. */
KERNEL_INLINE void stream_step(float *const c[GF_GEMM_STREAM_ROWS], const v16 x[GF_GEMM_STREAM_ROWS],
                               int rows, const void *b_row, const void *ahead, int j, int lanes,
                               const gf_half_type type)
{
    const bool edge = lanes < 16 * STREAM_NV;
    v16 sum[GF_GEMM_STREAM_ROWS][STREAM_NV];
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < STREAM_NV; v++)
            sum[r][v] = load_lanes(c[r] + j + 16 * v, lanes_of(lanes, v), edge);
    if (ahead)
        for (int v = 0; v < STREAM_NV; v++)
            __builtin_prefetch(weight_at(ahead, j + 16 * v, type), 0, 1);   /* into L2 */
    for (int v = 0; v < STREAM_NV; v++) {
        const v16 b = weight_load(weight_at(b_row, j + 16 * v, type), lanes_of(lanes, v), edge,
                                  type);
        for (int r = 0; r < rows; r++)
            sum[r][v] = v16_fma(x[r], b, sum[r][v]);
    }
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < STREAM_NV; v++)
            store_lanes(c[r] + j + 16 * v, sum[r][v], lanes_of(lanes, v), edge);
}

/* A thread's slice of one row of c when the slice leaves gaps in each
 * weight row (decoding on several threads): STREAM_GAP_ROWS weight rows per
 * pass over the slice, so c is read and written once per pass and the slice
 * is read as that many short runs side by side, the next pass's rows
 * prefetched into L2. Each element still gets its steps in increasing p.
 * Measured on half rows: 15-30 % faster than one weight row per pass. */
KERNEL_INLINE void stream_gap_step(float *c, const v16 x[STREAM_GAP_ROWS], const void *b,
                                   long ldb, bool prefetch, int j, int lanes,
                                   const gf_half_type type)
{
    const bool edge = lanes < 16 * STREAM_GAP_NV;
    v16 sum[STREAM_GAP_NV];
    for (int v = 0; v < STREAM_GAP_NV; v++)
        sum[v] = load_lanes(c + j + 16 * v, lanes_of(lanes, v), edge);
    for (int q = 0; q < STREAM_GAP_ROWS; q++) {
        const void *b_row = weight_at(b, q * ldb + j, type);
        if (prefetch)
            for (int v = 0; v < STREAM_GAP_NV; v++)   /* into L2 */
                __builtin_prefetch(weight_at(b_row, STREAM_GAP_ROWS * ldb + 16 * v, type), 0, 1);
        for (int v = 0; v < STREAM_GAP_NV; v++)
            sum[v] = v16_fma(x[q],
                             weight_load(weight_at(b_row, 16 * v, type), lanes_of(lanes, v), edge,
                                         type),
                             sum[v]);
    }
    for (int v = 0; v < STREAM_GAP_NV; v++)
        store_lanes(c + j + 16 * v, sum[v], lanes_of(lanes, v), edge);
}

/* The weight rows [0, p_end) of stream_gap_step's passes, p_end the last
 * multiple of STREAM_GAP_ROWS; returns p_end (the rest go one by one). */
KERNEL_INLINE int stream_gap_rows(const gf_gemm *g, const void *b_all, int i, int jc, int jc1,
                                  const gf_half_type type)
{
    float *c = g->c + i * g->ldc;
    const int step = 16 * STREAM_GAP_NV;
    int p = 0;
    for (; p + STREAM_GAP_ROWS <= g->k; p += STREAM_GAP_ROWS) {
        v16 x[STREAM_GAP_ROWS];
        for (int q = 0; q < STREAM_GAP_ROWS; q++)
            x[q] = v16_set1(g->a[i * g->a_row + (p + q) * g->a_step]);
        const void *b = weight_at(b_all, p * g->ldb, type);
        const bool prefetch = p + 2 * STREAM_GAP_ROWS <= g->k;
        int j = jc;
        for (; j + step <= jc1; j += step)
            stream_gap_step(c, x, b, g->ldb, prefetch, j, step, type);
        if (j < jc1)
            stream_gap_step(c, x, b, g->ldb, false, j, jc1 - j, type);
    }
    return p;
}

/* Few rows (decoding: one new token, or a chunk of up to
 * GF_GEMM_STREAM_ROWS): the weights are read once, row after row,
 * in long runs, STREAM_NV vectors per step (enough loads in flight to keep
 * the memory busy); c's slice stays in L1 between rows. When the slice is
 * only part of each row (a thread's share), the hardware prefetcher stops
 * at every gap, so the rows GEMM_PREFETCH_ROWS ahead are prefetched into
 * L2: measured, half rows read 2-3x faster so, while whole rows read 15 %
 * slower (they are not prefetched). Each element gets the same steps as in
 * gemm_tile. b_all is g->b or, for a half type, g->b_half's bits. */
KERNEL_INLINE void gemm_stream_rows(const gf_gemm *g, const void *b_all, int i0, const int rows,
                                    int j0, int j1, const gf_half_type type)
{
    const int step = 16 * STREAM_NV;
    float *c[GF_GEMM_STREAM_ROWS];
    for (int r = 0; r < rows; r++)
        c[r] = g->c + (i0 + r) * g->ldc;
    for (int jc = j0; jc < j1; jc += GEMM_STREAM_COLS) {
        const int jc1 = min_int(jc + GEMM_STREAM_COLS, j1);
        const bool gaps = jc1 - jc < g->ldb;   /* only part of each weight row */
        for (int r = 0; r < rows; r++)
            for (int j = jc; j < jc1; j++)
                c[r][j] = g->init == GF_GEMM_ACCUMULATE ? c[r][j]
                          : g->init == GF_GEMM_BIAS     ? g->bias[j]
                                                        : 0.0f;
        /* One row over a slice with gaps, or over half weights: passes of
         * several weight rows. Measured on BF16 whole rows (42 MB of Q|K|V):
         * 30-48 GB per CPU-second so, 23-27 with one weight row per pass; on
         * 256 MB under load both read 18-28, within the noise; float weights
         * gained nothing. */
        int p = rows == 1 && (gaps || type != GF_HALF_NONE) && STREAM_GAP_ROWS > 1
                    ? stream_gap_rows(g, b_all, i0, jc, jc1, type)
                    : 0;
        for (; p < g->k; p++) {
            const void *b_row = weight_at(b_all, p * g->ldb, type);
            const void *ahead = gaps && p + GEMM_PREFETCH_ROWS < g->k
                                    ? weight_at(b_row, GEMM_PREFETCH_ROWS * g->ldb, type)
                                    : NULL;
            v16 x[GF_GEMM_STREAM_ROWS];
            for (int r = 0; r < rows; r++)
                x[r] = v16_set1(g->a[(i0 + r) * g->a_row + p * g->a_step]);
            int j = jc;
            for (; j + step <= jc1; j += step)
                stream_step(c, x, rows, b_row, ahead, j, step, type);
            if (j < jc1)
                stream_step(c, x, rows, b_row, NULL, j, jc1 - j, type);
        }
    }
}

/* gemm_stream_rows with the row count as a constant, so that each copy
 * keeps the running sums in registers. */
KERNEL_INLINE void gemm_stream_typed(const gf_gemm *g, const void *b_all, int i0, int i1, int j0,
                                     int j1, const gf_half_type type)
{
    switch (i1 - i0) {
    case 1:
        gemm_stream_rows(g, b_all, i0, 1, j0, j1, type);
        break;
    case 2:
        gemm_stream_rows(g, b_all, i0, 2, j0, j1, type);
        break;
    case 3:
        gemm_stream_rows(g, b_all, i0, 3, j0, j1, type);
        break;
    default:
        break;
    }
}

/* The streamed rows read the half copy of the weights when there is one. */
static void gemm_stream(const gf_gemm *g, int i0, int i1, int j0, int j1)
{
    const gf_half_type type = g->b_half.bits ? g->b_half.type : GF_HALF_NONE;
    if (type == GF_HALF_F16)
        gemm_stream_typed(g, g->b_half.bits, i0, i1, j0, j1, GF_HALF_F16);
    else if (type == GF_HALF_BF16)
        gemm_stream_typed(g, g->b_half.bits, i0, i1, j0, j1, GF_HALF_BF16);
    else
        gemm_stream_typed(g, g->b, i0, i1, j0, j1, GF_HALF_NONE);
}
#if GF_GEMM_STREAM_ROWS != 3
#error "GF_GEMM_STREAM_ROWS changed: add cases to gemm_stream"
#endif

static void gemm_block(const gf_gemm *g, int i0, int i1, int j0, int j1)
{
    if (i1 - i0 <= GF_GEMM_STREAM_ROWS) {
        gemm_stream(g, i0, i1, j0, j1);
        return;
    }
    int p0 = 0;
    do {   /* at least once: with k = 0, c is its init */
        const int p1 = min_int(p0 + GEMM_KC, g->k);
        for (int j = j0; j < j1; j += 16 * GEMM_NV)
            for (int i = i0; i < i1; i += GEMM_MR)
                gemm_tile_any(g, i, min_int(GEMM_MR, i1 - i), j, min_int(16 * GEMM_NV, j1 - j),
                              p0, p1);
        p0 = p1;
    } while (p0 < g->k);
}

/* One register tile of dots, tm × tn sums: a rows [i, i+mr) × b rows
 * [j, j+nr) (mr <= tm, nr <= tn). Rows past the tile's end repeat its last
 * row (their sums are dropped), so the loop body has one shape. */
KERNEL_INLINE void dots_tile(const gf_dots *d, int i, int mr, int j, int nr, const int tm,
                             const int tn)
{
    const float *a[DOTS_MR], *b[DOTS_NR];
    for (int r = 0; r < tm; r++)
        a[r] = d->a + (i + min_int(r, mr - 1)) * d->lda;
    for (int s = 0; s < tn; s++)
        b[s] = d->b + (j + min_int(s, nr - 1)) * d->ldb;
    v16 acc[DOTS_MR][DOTS_NR];
    for (int r = 0; r < tm; r++)
        for (int s = 0; s < tn; s++)
            acc[r][s] = v16_zero();
    for (int p = 0; p < d->k; p += 16) {
        /* the last terms zero-padded: 0·0 + sum is sum */
        const int lanes = min_int(16, d->k - p);
        v16 x[DOTS_MR], y[DOTS_NR];
        for (int r = 0; r < tm; r++)
            x[r] = load_lanes(a[r] + p, lanes, lanes < 16);
        for (int s = 0; s < tn; s++)
            y[s] = load_lanes(b[s] + p, lanes, lanes < 16);
        for (int r = 0; r < tm; r++)
            for (int s = 0; s < tn; s++)
                acc[r][s] = v16_fma(x[r], y[s], acc[r][s]);
    }
#ifdef HAVE_REDUCE_4X4
    if (tm == 4 && tn == 4) {
        v16 sums[16];
        float out[16];
        for (int r = 0; r < 4; r++)
            for (int s = 0; s < 4; s++)
                sums[4 * s + r] = acc[r][s];
        v16_reduce_4x4(sums, out);
        for (int r = 0; r < mr; r++)
            for (int s = 0; s < nr; s++)
                d->c[(i + r) * d->ldc + j + s] = out[4 * r + s];
        return;
    }
#endif
    for (int r = 0; r < mr; r++)
        for (int s = 0; s < nr; s++)
            d->c[(i + r) * d->ldc + j + s] = v16_reduce(acc[r][s]);
}

/* The dots of a row of a with b rows [j0, j1) one at a time, so they are
 * read in memory order: reading 2 to 8 rows side by side halved the read
 * rate (the prefetchers follow one stream best; measured). b_all is d->b
 * or, for a half type, d->b_half's bits. The same sums as dots_tile. */
KERNEL_INLINE void dots_row(const gf_dots *d, const void *b_all, int i, int j0, int j1,
                            const gf_half_type type)
{
    const float *a = d->a + i * d->lda;
    for (int j = j0; j < j1; j++) {
        const void *b = weight_at(b_all, j * d->ldb, type);
        v16 acc = v16_zero();
        for (int p = 0; p < d->k; p += 16) {
            const int lanes = min_int(16, d->k - p);
            acc = v16_fma(load_lanes(a + p, lanes, lanes < 16),
                          weight_load(weight_at(b, p, type), lanes, lanes < 16, type), acc);
        }
        d->c[i * d->ldc + j] = v16_reduce(acc);
    }
}

/* dots_row on the half copy of b when there is one. */
static void dots_row_any(const gf_dots *d, int i, int j0, int j1)
{
    const gf_half_type type = d->b_half.bits ? d->b_half.type : GF_HALF_NONE;
    if (type == GF_HALF_F16)
        dots_row(d, d->b_half.bits, i, j0, j1, GF_HALF_F16);
    else if (type == GF_HALF_BF16)
        dots_row(d, d->b_half.bits, i, j0, j1, GF_HALF_BF16);
    else
        dots_row(d, d->b, i, j0, j1, GF_HALF_NONE);
}

/* A block of dots: b rows in chunks that stay in L2 while every a row meets
 * them; one a row alone (decoding: the logits) goes through dots_row. */
static void dots_block(const gf_dots *d, int i0, int i1, int j0, int j1)
{
    if (i1 - i0 == 1) {
        dots_row_any(d, i0, j0, j1);
        return;
    }
    for (int jc = j0; jc < j1; jc += DOTS_B_CHUNK) {
        const int jc1 = min_int(jc + DOTS_B_CHUNK, j1);
        for (int i = i0; i < i1; i += DOTS_MR) {
            const int mr = min_int(DOTS_MR, i1 - i);
            if (mr == 1)
                dots_row_any(d, i, jc, jc1);
            else
                for (int j = jc; j < jc1; j += DOTS_NR)
                    dots_tile(d, i, mr, j, min_int(DOTS_NR, jc1 - j), DOTS_MR, DOTS_NR);
        }
    }
}

/* e^x = 2^k · e^r with k = round(x / ln 2) and r = x − k·ln 2 (ln 2 in two
 * parts, so r is exact to float precision), e^r by a degree-6 polynomial on
 * [−ln2/2, ln2/2] (the Cephes expf coefficients), 2^k built in the float's
 * exponent bits. Adding and taking 1.5·2^23 rounds k to nearest. A NaN
 * argument gives NaN (a damaged logit must not vanish into a finite loss). */
static void exp_block(float *out, const float *in, float shift, int n)
{
    for (int i = 0; i < n; i++) {
        const float arg = in[i] - shift;
        float x = arg > -87.0f ? arg : -87.0f;   /* NaN too: no NaN reaches (int32_t) */
        x = x < 88.0f ? x : 88.0f;
        const float k = (x * 1.44269504f + 12582912.0f) - 12582912.0f;
        const float r = (x - k * 0.693359375f) - k * -2.12194440e-4f;
        float p = 1.9875691500e-4f;
        p = p * r + 1.3981999507e-3f;
        p = p * r + 8.3334519073e-3f;
        p = p * r + 4.1665795894e-2f;
        p = p * r + 1.6666665459e-1f;
        p = p * r + 5.0000001201e-1f;
        p = p * (r * r) + r + 1.0f;
        union {
            int32_t bits;
            float value;
        } two_k = {.bits = ((int32_t)k + 127) * 8388608};   /* (k + 127) << 23 */
        out[i] = arg == arg ? p * two_k.value : arg;   /* NaN stays NaN */
    }
}

/* PROBE_CHAINS running sums, each a chain of multiply-adds that stays
 * finite (x·0.999 + 0.001 tends to 1). */
static float fma_probe(long steps, double *flops)
{
    v16 acc[PROBE_CHAINS];
    const v16 scale = v16_set1(0.999f), shift = v16_set1(0.001f);
    for (int q = 0; q < PROBE_CHAINS; q++)
        acc[q] = v16_set1((float)q);
    for (long t = 0; t < steps; t++)
        for (int q = 0; q < PROBE_CHAINS; q++)
            acc[q] = v16_fma(acc[q], scale, shift);
    float sum = 0.0f;
    for (int q = 0; q < PROBE_CHAINS; q++)
        sum += v16_reduce(acc[q]);
    *flops = 2.0 * 16.0 * PROBE_CHAINS * (double)steps;
    return sum;
}

const gf_kernels *KERNEL_ENTRY(void)
{
    static const gf_kernels kernels = {KERNEL_NAME, KERNEL_FUSED, gemm_block, dots_block,
                                       exp_block, fma_probe};
    return &kernels;
}
