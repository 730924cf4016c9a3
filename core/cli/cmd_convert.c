/* cmd_convert.c — `glassformer-cli convert --model DIR --out DIR --dtype D`:
 * the same model folder with its weights stored as F32, F16 or BF16. A
 * model stored as F16 or BF16 takes half the disk, and decoding reads its
 * half copy (half the bytes per token, the same bits as its widened floats);
 * the command says how far rounding moved the weights. */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli_args.h"
#include "cli_commands.h"
#include "cli_files.h"
#include "cli_outputs.h"
#include "half.h"
#include "model.h"

typedef struct {
    const char *model_dir, *out_dir;
    gf_dtype dtype;
} convert_args;

/* What storing as dtype does to the weights: the largest change, the
 * largest weight, and how many non-zero weights become exactly 0. */
typedef struct {
    double max_change, max_weight;
    int64_t flushed;
} rounding_stats;

static float stored_value(float x, gf_dtype dtype)
{
    if (dtype != GF_DTYPE_F16 && dtype != GF_DTYPE_BF16)
        return x;
    return gf_f32_through_half(x, dtype == GF_DTYPE_F16 ? GF_HALF_F16 : GF_HALF_BF16);
}

static rounding_stats rounding_of(const gf_weights *w, gf_dtype dtype)
{
    rounding_stats r = {0.0, 0.0, 0};
    for (int64_t i = 0; i < w->params.total; i++) {
        const float x = w->data[i], y = stored_value(x, dtype);
        r.max_change = fmax(r.max_change, fabs((double)y - x));
        r.max_weight = fmax(r.max_weight, fabs((double)x));
        r.flushed += x != 0.0f && y == 0.0f;
    }
    return r;
}

/* The four files convert writes go nowhere inside the model it reads. */
static gf_status convert_check_outputs(const convert_args *a, gf_error *err)
{
    cli_inputs in = {.count = 0};
    cli_inputs_add_model(&in, a->model_dir, "--model");
    return cli_output_check_in(a->out_dir, gf_model_files, GF_MODEL_FILE_COUNT, &in, err);
}

static gf_status convert_run(const convert_args *a, gf_error *err)
{
    gf_model m;
    memset(&m, 0, sizeof m);
    gf_status st = cli_refuse_model_dir(a->out_dir, "choose another --out (or remove it)", err);
    if (st == GF_OK)
        st = convert_check_outputs(a, err);
    if (st == GF_OK)
        st = cli_model_load(&m, a->model_dir, err);
    if (st == GF_OK)
        st = gf_model_save(&m, a->out_dir, a->dtype, err);
    if (st == GF_OK) {
        const rounding_stats r = rounding_of(&m.weights, a->dtype);
        const double mb = (double)m.weights.params.total * gf_dtype_size(a->dtype) / 1e6;
        printf("%s: %" PRId64 " parameters stored as %s (%.1f MB)\n", a->out_dir,
               m.weights.params.total, gf_dtype_name(a->dtype), mb);
        printf("rounding: each weight moved by at most %.3g (the largest weight is %.3g); "
               "%" PRId64 " non-zero weights became 0\n",
               r.max_change, r.max_weight, r.flushed);
        if (a->dtype != GF_DTYPE_F32)
            printf("decoding reads the %s weights as stored: half the bytes per token\n",
                   gf_dtype_name(a->dtype));
    }
    gf_model_free(&m);
    return st;
}

int cli_cmd_convert(const char *name, int argc, char **argv)
{
    convert_args a = {.dtype = GF_DTYPE_F32};
    const char *dtype = NULL;
    cli_option options[] = {
        {.name = "--model", .kind = CLI_OPT_STRING, .required = true, .dest.str = &a.model_dir},
        {.name = "--out", .kind = CLI_OPT_STRING, .required = true, .dest.str = &a.out_dir},
        {.name = "--dtype", .kind = CLI_OPT_STRING, .required = true, .dest.str = &dtype},
    };
    cli_spec spec = {.command = name, .options = options,
                     .n_options = (int)(sizeof options / sizeof options[0])};
    int rc = cli_parse(&spec, argc, argv);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (!cli_parse_float_dtype(dtype, &a.dtype))
        return cli_fail_usage(name, "--dtype: must be f32, f16 or bf16 (got '%s')", dtype);
    if (a.out_dir[0] == '\0')
        return cli_fail_usage(name, "--out: empty");
    gf_error err;
    gf_error_clear(&err);
    if (convert_run(&a, &err) != GF_OK)
        return cli_fail_runtime(&err);
    return CLI_EXIT_OK;
}
