/* fuzz_train_config.c — any bytes as a training config (its "train"
 * object): accepted or refused with one line; accepted settings write back
 * as JSON that parses to the same settings. */
#include "fuzz_check.h"

#include "train_config.h"

#define FUZZ_SOURCE "fuzz/train.json"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    gf_train_config tc, back;
    gf_error err;
    gf_error_clear(&err);
    gf_status s = gf_train_config_parse_json(text, size, FUZZ_SOURCE, &tc, &err);
    free(text);
    if (s != GF_OK) {
        fuzz_check_message(&err, FUZZ_SOURCE);
        return 0;
    }
    char *json = gf_train_config_to_json(&tc);
    FUZZ_ASSERT(json != NULL);
    const size_t n = strlen(json) + 16;
    char *wrapped = malloc(n);
    FUZZ_ASSERT(wrapped != NULL);
    snprintf(wrapped, n, "{\"train\": %s}", json);
    FUZZ_ASSERT(gf_train_config_parse_json(wrapped, strlen(wrapped), FUZZ_SOURCE, &back, &err) ==
                GF_OK);
    FUZZ_ASSERT(gf_train_config_diff(&tc, &back) == NULL);
    free(wrapped);
    free(json);
    return 0;
}
