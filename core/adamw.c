/* adamw.c — AdamW, the warm-up + cosine schedule and gradient clipping
 * (see adamw.h). The update is elementwise (OpenMP splits elements, never
 * a sum); the gradient norm is one sum in index order on one thread. */
#include "adamw.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"

#define GF_ADAMW_MAX_PARAMS ((int64_t)1 << 32)   /* 2·16 GiB of moments at most */

void gf_adamw_config_default(gf_adamw_config *cfg)
{
    cfg->lr_max = 6e-4f;
    cfg->lr_min = 6e-5f;
    cfg->warmup_steps = 100;
    cfg->total_steps = 10000;
    cfg->beta1 = 0.9f;
    cfg->beta2 = 0.95f;
    cfg->eps = 1e-8f;
    cfg->weight_decay = 0.1f;
    cfg->clip_norm = 1.0f;
}

gf_status gf_adamw_config_validate(const gf_adamw_config *cfg, gf_error *err)
{
    if (!cfg)
        return gf_error_set(err, GF_ERR_ARGUMENT, "adamw: no configuration given");
    if (!(cfg->lr_max >= 0.0f) || !isfinite(cfg->lr_max))
        return gf_error_set(err, GF_ERR_RANGE, "adamw: lr_max: must be >= 0 (got %g)",
                            (double)cfg->lr_max);
    if (!(cfg->lr_min >= 0.0f) || !(cfg->lr_min <= cfg->lr_max))
        return gf_error_set(err, GF_ERR_RANGE, "adamw: lr_min: must be in [0, lr_max] (got %g)",
                            (double)cfg->lr_min);
    if (cfg->warmup_steps < 0 || cfg->total_steps < cfg->warmup_steps)
        return gf_error_set(err, GF_ERR_RANGE,
                            "adamw: warmup_steps: must be in [0, total_steps] (got %lld of %lld)",
                            (long long)cfg->warmup_steps, (long long)cfg->total_steps);
    if (!(cfg->beta1 >= 0.0f && cfg->beta1 < 1.0f))
        return gf_error_set(err, GF_ERR_RANGE, "adamw: beta1: must be in [0, 1) (got %g)",
                            (double)cfg->beta1);
    if (!(cfg->beta2 >= 0.0f && cfg->beta2 < 1.0f))
        return gf_error_set(err, GF_ERR_RANGE, "adamw: beta2: must be in [0, 1) (got %g)",
                            (double)cfg->beta2);
    if (!(cfg->eps > 0.0f) || !isfinite(cfg->eps))
        return gf_error_set(err, GF_ERR_RANGE, "adamw: eps: must be > 0 (got %g)",
                            (double)cfg->eps);
    if (!(cfg->weight_decay >= 0.0f) || !isfinite(cfg->weight_decay))
        return gf_error_set(err, GF_ERR_RANGE, "adamw: weight_decay: must be >= 0 (got %g)",
                            (double)cfg->weight_decay);
    if (isnan(cfg->clip_norm))
        return gf_error_set(err, GF_ERR_RANGE, "adamw: clip_norm: must be a number");
    return GF_OK;
}

gf_status gf_adamw_init(gf_adamw *opt, const gf_adamw_config *cfg, int64_t n_params,
                        gf_error *err)
{
    memset(opt, 0, sizeof *opt);
    gf_status s = gf_adamw_config_validate(cfg, err);
    if (s != GF_OK)
        return s;
    if (n_params < 1 || n_params > GF_ADAMW_MAX_PARAMS)
        return gf_error_set(err, GF_ERR_RANGE, "adamw: %lld parameters is outside 1..%lld",
                            (long long)n_params, (long long)GF_ADAMW_MAX_PARAMS);
    opt->m = calloc((size_t)n_params, sizeof *opt->m);
    opt->v = calloc((size_t)n_params, sizeof *opt->v);
    if (!opt->m || !opt->v) {
        gf_adamw_free(opt);
        return gf_error_set(err, GF_ERR_MEMORY, "adamw: cannot allocate moments for %lld "
                                                "parameters",
                            (long long)n_params);
    }
    opt->config = *cfg;
    opt->n = n_params;
    return GF_OK;
}

void gf_adamw_free(gf_adamw *opt)
{
    free(opt->m);
    free(opt->v);
    memset(opt, 0, sizeof *opt);
}

float gf_adamw_lr(const gf_adamw_config *cfg, int64_t step)
{
    if (step < cfg->warmup_steps)
        return cfg->lr_max * (float)(step + 1) / (float)cfg->warmup_steps;
    if (step >= cfg->total_steps)
        return cfg->lr_min;
    const double progress = (double)(step - cfg->warmup_steps) /
                            (double)(cfg->total_steps - cfg->warmup_steps);
    const double cosine = 0.5 * (1.0 + cos(3.14159265358979323846 * progress));   /* 1 → 0 */
    return (float)(cfg->lr_min + (cfg->lr_max - cfg->lr_min) * cosine);
}

double gf_grad_norm(const float *grads, int64_t n)
{
    double sum = 0.0;
    for (int64_t i = 0; i < n; i++)
        sum += (double)grads[i] * grads[i];
    return sqrt(sum);
}

double gf_grad_clip(float *grads, int64_t n, float max_norm)
{
    const double norm = gf_grad_norm(grads, n);
    if (max_norm > 0.0f && norm > max_norm) {
        const float factor = (float)(max_norm / norm);
        for (int64_t i = 0; i < n; i++)
            grads[i] *= factor;
    }
    return norm;
}

/* AdamW over one tensor's n elements with decay wd and bias corrections. */
static void adamw_update(float *p, const float *g, float *m, float *v, int64_t n,
                         const gf_adamw_config *cfg, float lr, float wd, float correct1,
                         float correct2)
{
    const float b1 = cfg->beta1, b2 = cfg->beta2;
    GF_PARALLEL_FOR_IF(n > GF_PARALLEL_MIN_WORK)
    for (int64_t i = 0; i < n; i++) {
        m[i] = b1 * m[i] + (1.0f - b1) * g[i];
        v[i] = b2 * v[i] + (1.0f - b2) * g[i] * g[i];
        const float m_hat = m[i] / correct1, v_hat = v[i] / correct2;
        p[i] -= lr * (m_hat / (sqrtf(v_hat) + cfg->eps) + wd * p[i]);
    }
}

gf_status gf_adamw_step(gf_adamw *opt, const gf_param_list *params, float *weights,
                        const float *grads, float lr, gf_error *err)
{
    if (!opt || !opt->m || !params || !weights || !grads)
        return gf_error_set(err, GF_ERR_ARGUMENT, "adamw: step needs an optimizer, "
                                                  "parameters, weights and gradients");
    if (params->total != opt->n)
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            "adamw: the model has %lld parameters, the optimizer %lld",
                            (long long)params->total, (long long)opt->n);
    if (!(lr >= 0.0f) || !isfinite(lr))
        return gf_error_set(err, GF_ERR_RANGE, "adamw: learning rate %g is not >= 0",
                            (double)lr);
    opt->step++;
    const gf_adamw_config *cfg = &opt->config;
    const float correct1 = (float)(1.0 - pow(cfg->beta1, (double)opt->step));
    const float correct2 = (float)(1.0 - pow(cfg->beta2, (double)opt->step));
    for (int i = 0; i < params->count; i++) {
        const gf_param *p = &params->items[i];
        const float wd = p->is_matrix ? cfg->weight_decay : 0.0f;
        adamw_update(weights + p->offset, grads + p->offset, opt->m + p->offset,
                     opt->v + p->offset, p->numel, cfg, lr, wd, correct1, correct2);
    }
    return GF_OK;
}
