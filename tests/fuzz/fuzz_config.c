/* fuzz_config.c — any bytes as config.json: accepted or refused with one
 * line; an accepted config writes back as JSON that parses to the same
 * model, and its size check allocates nothing large. */
#include "fuzz_check.h"

#include "config.h"
#include "weights.h"

#define FUZZ_SOURCE "fuzz/config.json"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    gf_config cfg, back;
    gf_error err;
    gf_error_clear(&err);
    if (gf_config_parse_json(text, size, FUZZ_SOURCE, &cfg, &err) != GF_OK) {
        fuzz_check_message(&err, FUZZ_SOURCE);
        free(text);
        return 0;
    }
    free(text);
    char *json = gf_config_to_json(&cfg);
    FUZZ_ASSERT(json != NULL);
    FUZZ_ASSERT(gf_config_parse_json(json, strlen(json), FUZZ_SOURCE, &back, &err) == GF_OK);
    FUZZ_ASSERT(gf_config_same_shape(&cfg, &back) && cfg.norm_eps == back.norm_eps);
    free(json);
    if (gf_weights_check_fits(&cfg, &err) != GF_OK)   /* arithmetic only, never an arena */
        FUZZ_ASSERT(err.status == GF_ERR_MEMORY);
    return 0;
}
