/* fuzz_tiny_config.h — the config of the seed corpus' models (make_seeds.sh
 * makes them with it): vocab 260 (room for the byte-level tokenizer's 257
 * ids), context 4, C = 2, one head, one layer, F = 4. The harnesses that
 * check a file against a model, or restore into one, use it. */
#ifndef GF_FUZZ_TINY_CONFIG_H
#define GF_FUZZ_TINY_CONFIG_H

#include "config.h"

static inline gf_config fuzz_tiny_config(void)
{
    gf_config cfg;
    gf_config_default(&cfg);
    cfg.vocab_size = 260;
    cfg.n_ctx = 4;
    cfg.n_embd = 2;
    cfg.n_head = 1;
    cfg.n_layer = 1;
    cfg.n_inner = 4;
    return cfg;
}

#endif
