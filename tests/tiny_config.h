/* tiny_config.h — the small model shape the file and model tests share:
 * V = 300 (room for the byte-level tokenizer's 257 ids), n_ctx = 16,
 * C = 16, H = 2, L = 2, F = 24, every other field gf_config_default's.
 * A test that needs another head or layer count changes that one field. */
#ifndef GF_TEST_TINY_CONFIG_H
#define GF_TEST_TINY_CONFIG_H

#include "config.h"

static inline gf_config tiny_config(void)
{
    gf_config cfg;
    gf_config_default(&cfg);
    cfg.vocab_size = 300;
    cfg.n_ctx = 16;
    cfg.n_embd = 16;
    cfg.n_head = 2;
    cfg.n_layer = 2;
    cfg.n_inner = 24;
    return cfg;
}

#endif
