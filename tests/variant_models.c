/* variant_models.c — the tests' tiny variant models (see variant_models.h). */
#include "variant_models.h"

#include "sampler.h"
#include "tiny_config.h"

const variant VARIANTS[VARIANT_COUNT] = {
    {"gpt2", GF_NORM_PRE, GF_NORM_LAYERNORM, GF_POSITION_LEARNED, GF_ACTIVATION_GELU_TANH, true},
    {"seeds", GF_NORM_POST, GF_NORM_LAYERNORM, GF_POSITION_SINUSOIDAL, GF_ACTIVATION_RELU, true},
    {"llama-ish", GF_NORM_PRE, GF_NORM_RMSNORM, GF_POSITION_SINUSOIDAL, GF_ACTIVATION_SWIGLU, false},
    {"post-rms-gelu", GF_NORM_POST, GF_NORM_RMSNORM, GF_POSITION_LEARNED, GF_ACTIVATION_GELU_EXACT, false},
};

bool variant_model_make(check_ctx *c, const variant *v, gf_model *m)
{
    gf_config cfg = tiny_config();
    cfg.n_head = 4;
    cfg.norm_placement = v->placement;
    cfg.norm_type = v->norm;
    cfg.position_type = v->positions;
    cfg.activation = v->activation;
    cfg.tied_embeddings = v->tied;
    gf_error err = {0};
    if (!CHECK_OK(c, gf_model_init_random(m, &cfg, NULL, 11, &err), &err))
        return false;
    /* Every parameter random (gains and biases too), so no term hides. */
    gf_rng rng;
    gf_rng_seed(&rng, 99);
    for (int64_t i = 0; i < m->weights.params.total; i++)
        m->weights.data[i] = (float)(gf_rng_uniform(&rng) - 0.5) * 0.8f;
    return true;
}

void variant_random_tokens(int32_t *tokens, int n, int vocab, unsigned seed)
{
    for (int i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        tokens[i] = (int32_t)((seed >> 8) % (unsigned)vocab);
    }
}
