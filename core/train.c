/* train.c — a training step: forward, backward, clip, AdamW (see train.h). */
#include "train.h"

#include <math.h>
#include <string.h>

#include "forward.h"
#include "ops_backward.h"

gf_status gf_trainer_init(gf_trainer *t, gf_model *m, const gf_adamw_config *opt, int seq_len,
                          gf_error *err)
{
    memset(t, 0, sizeof *t);
    if (!m || !m->weights.data)
        return gf_error_set(err, GF_ERR_ARGUMENT, "train: no model given");
    const gf_config *cfg = &m->config;
    if (seq_len < 1 || seq_len > cfg->n_ctx)
        return gf_error_set(err, GF_ERR_RANGE,
                            "train: sequence length %d is outside 1..%d (the model's context)",
                            seq_len, cfg->n_ctx);
    t->model = m;
    t->seq_len = seq_len;
    /* training changes the float weights: a half copy would go stale */
    gf_weights_drop_half(&m->weights);
    gf_status s = gf_adamw_init(&t->opt, opt, m->weights.params.total, err);
    if (s == GF_OK)
        s = gf_trace_init(&t->trace, cfg, seq_len, true, err);
    if (s == GF_OK)
        s = gf_backward_init(&t->backward, cfg, seq_len, err);
    if (s == GF_OK)
        s = gf_weights_alloc(&t->grads, cfg, err);
    if (s != GF_OK)
        gf_trainer_free(t);
    return s;
}

void gf_trainer_free(gf_trainer *t)
{
    gf_adamw_free(&t->opt);
    gf_trace_free(&t->trace);
    gf_backward_free(&t->backward);
    gf_weights_free(&t->grads);
    memset(t, 0, sizeof *t);
}

static gf_status batch_check(const gf_trainer *t, const int32_t *batch, int batch_size,
                             gf_error *err)
{
    if (!t->model)
        return gf_error_set(err, GF_ERR_ARGUMENT, "train: the trainer is not initialized");
    if (!batch || batch_size < 1)
        return gf_error_set(err, GF_ERR_ARGUMENT, "train: batch of %d sequences given",
                            batch_size);
    return GF_OK;
}

/* Row b of the batch: inputs [0, T) and targets [1, T]. */
static const int32_t *batch_row(const gf_trainer *t, const int32_t *batch, int b)
{
    return batch + (size_t)b * (size_t)(t->seq_len + 1);
}

/* Targets must be real tokens (no -1 padding in a batch). */
static gf_status check_targets(const gf_trainer *t, const int32_t *targets, int b,
                               gf_error *err)
{
    for (int i = 0; i < t->seq_len; i++)
        if (targets[i] < 0 || targets[i] >= t->model->config.vocab_size)
            return gf_error_set(err, GF_ERR_RANGE,
                                "train: batch row %d: target token %d at position %d is "
                                "outside the vocabulary (0..%d)",
                                b, targets[i], i + 1, t->model->config.vocab_size - 1);
    return GF_OK;
}

gf_status gf_trainer_step(gf_trainer *t, const int32_t *batch, int batch_size,
                          gf_train_stats *stats, gf_error *err)
{
    gf_status s = batch_check(t, batch, batch_size, err);
    if (s != GF_OK)
        return s;
    gf_weights *grads = &t->grads;
    memset(grads->data, 0, sizeof *grads->data * (size_t)grads->params.total);
    double total = 0.0;
    for (int b = 0; b < batch_size && s == GF_OK; b++) {
        const int32_t *row = batch_row(t, batch, b);
        double loss = 0.0;
        s = check_targets(t, row + 1, b, err);
        if (s == GF_OK)
            s = gf_forward_full(t->model, &t->trace, row, t->seq_len, err);
        t->backward.weights_unchanged = b > 0;   /* AdamW runs after the batch */
        if (s == GF_OK)
            s = gf_backward_run(&t->backward, t->model, &t->trace, row + 1,
                                1.0f / (float)batch_size, grads, &loss, err);
        total += loss;
    }
    if (s != GF_OK)
        return s;
    const double mean_loss = total / batch_size;
    const double norm = gf_grad_clip(grads->data, grads->params.total, t->opt.config.clip_norm);
    if (!isfinite(mean_loss) || !isfinite(norm))
        return gf_error_set(err, GF_ERR_RANGE,
                            "train: step %lld: loss %g, gradient norm %g: not finite "
                            "(learning rate too high?)",
                            (long long)t->opt.step + 1, mean_loss, norm);
    const float lr = gf_adamw_lr(&t->opt.config, t->opt.step);
    s = gf_adamw_step(&t->opt, &t->model->weights.params, t->model->weights.data, grads->data,
                      lr, err);
    if (s == GF_OK && stats) {
        stats->loss = mean_loss;
        stats->grad_norm = norm;
        stats->lr = lr;
        stats->step = t->opt.step;
    }
    return s;
}

gf_status gf_trainer_eval(gf_trainer *t, const int32_t *batch, int batch_size, double *loss,
                          gf_error *err)
{
    gf_status s = batch_check(t, batch, batch_size, err);
    const int v = t->model ? t->model->config.vocab_size : 0;
    double total = 0.0;
    for (int b = 0; b < batch_size && s == GF_OK; b++) {
        const int32_t *row = batch_row(t, batch, b);
        s = check_targets(t, row + 1, b, err);
        if (s == GF_OK)
            s = gf_forward_full(t->model, &t->trace, row, t->seq_len, err);
        for (int i = 0; s == GF_OK && i < t->seq_len; i++)
            total += gf_op_cross_entropy_backward(NULL, gf_trace_logits_row(&t->trace, i),
                                                  row[i + 1], v, 0.0f);
    }
    if (s == GF_OK && loss)
        *loss = total / ((double)batch_size * t->seq_len);
    return s;
}
