/* fuzz_checkpoint.c — any bytes as optimizer.safetensors: its metadata is
 * read or refused with one line; for an accepted one, the moments are
 * restored into a tiny model of the seed corpus' config (its weights hash
 * set to match, so the moment checks run rather than the hash check). */
#include "fuzz_check.h"
#include "fuzz_tiny_config.h"

#include "checkpoint.h"

#define FUZZ_SOURCE "fuzz/optimizer.safetensors"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *copy = fuzz_bytes(data, size);
    gf_checkpoint ck;
    gf_error err;
    gf_error_clear(&err);
    if (gf_checkpoint_parse(&ck, copy, size, FUZZ_SOURCE, &err) != GF_OK) {   /* takes copy */
        fuzz_check_message(&err, FUZZ_SOURCE);
        return 0;
    }
    FUZZ_ASSERT(ck.info.step <= ck.info.total_steps);
    FUZZ_ASSERT(ck.info.elapsed_s >= 0.0);
    const gf_config cfg = fuzz_tiny_config();
    gf_model m;
    gf_adamw opt;
    gf_adamw_config oc;
    gf_adamw_config_default(&oc);
    FUZZ_ASSERT(gf_model_init_random(&m, &cfg, NULL, 1, &err) == GF_OK);
    FUZZ_ASSERT(gf_adamw_init(&opt, &oc, m.weights.params.total, &err) == GF_OK);
    ck.weights_hash = gf_checkpoint_weights_hash(&m.weights);
    gf_status s = gf_checkpoint_restore(&ck, &m, &opt, &err);
    if (s == GF_OK)
        FUZZ_ASSERT(opt.step == ck.info.step);
    else
        fuzz_check_message(&err, FUZZ_SOURCE);
    gf_adamw_free(&opt);
    gf_model_free(&m);
    gf_checkpoint_close(&ck);
    return 0;
}
