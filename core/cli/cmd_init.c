/* cmd_init.c — `glassformer-cli init --config FILE.json --out DIR ...`:
 * a randomly initialized model folder (GPT-2's initialization), with the
 * tokenizer of --tokenizer DIR or, by default, a byte-level one. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"
#include "cli_commands.h"
#include "cli_files.h"
#include "cli_outputs.h"
#include "model.h"

typedef struct {
    const char *config_path, *out_dir, *tokenizer_dir;
    uint64_t seed;
    gf_dtype dtype;
} init_args;

/* The four files init writes are none of the files it reads. */
static gf_status init_check_outputs(const init_args *a, gf_error *err)
{
    cli_inputs in = {.count = 0};
    char *vocab = a->tokenizer_dir ? cli_path_join(a->tokenizer_dir, "vocab.json", err) : NULL;
    char *merges = a->tokenizer_dir ? cli_path_join(a->tokenizer_dir, "merges.txt", err) : NULL;
    gf_status st = a->tokenizer_dir && (!vocab || !merges) ? GF_ERR_MEMORY : GF_OK;
    cli_inputs_add_file(&in, a->config_path, "--config");
    cli_inputs_add_file(&in, vocab, "--tokenizer");
    cli_inputs_add_file(&in, merges, "--tokenizer");
    if (st == GF_OK)
        st = cli_output_check_in(a->out_dir, gf_model_files, GF_MODEL_FILE_COUNT, &in, err);
    free(vocab);
    free(merges);
    return st;
}

static gf_status init_run(const init_args *a, gf_error *err)
{
    gf_config cfg;
    gf_model m;
    memset(&m, 0, sizeof m);
    gf_tokenizer *tok = NULL;
    gf_status st = cli_refuse_model_dir(a->out_dir, "choose another --out (or remove it)", err);
    if (st == GF_OK)
        st = init_check_outputs(a, err);
    if (st == GF_OK)
        st = gf_config_load(a->config_path, &cfg, err);
    if (st == GF_OK && a->tokenizer_dir)
        st = cli_tokenizer_load_dir(a->tokenizer_dir, &tok, err);
    if (st == GF_OK)
        st = cli_tokenizer_fit_config(&cfg, a->config_path, a->tokenizer_dir, &tok, err);
    if (st != GF_OK) {
        gf_tokenizer_free(tok);
        return st;
    }
    st = gf_model_init_random(&m, &cfg, tok, a->seed, err);   /* owns tok from here */
    if (st == GF_OK)
        st = gf_model_save(&m, a->out_dir, a->dtype, err);
    if (st == GF_OK)
        printf("%s: %" PRId64 " parameters (%s), %d tokens in the tokenizer, seed %" PRIu64
               "\n",
               a->out_dir, m.weights.params.total, gf_dtype_name(a->dtype),
               gf_tokenizer_vocab_size(m.tokenizer), a->seed);
    gf_model_free(&m);
    return st;
}

int cli_cmd_init(const char *name, int argc, char **argv)
{
    init_args a = {.seed = 42, .dtype = GF_DTYPE_F32};
    const char *dtype = NULL;
    cli_option options[] = {
        {.name = "--config", .kind = CLI_OPT_STRING, .required = true,
         .dest.str = &a.config_path},
        {.name = "--out", .kind = CLI_OPT_STRING, .required = true, .dest.str = &a.out_dir},
        {.name = "--seed", .kind = CLI_OPT_U64, .dest.u = &a.seed},
        {.name = "--tokenizer", .kind = CLI_OPT_STRING, .dest.str = &a.tokenizer_dir},
        {.name = "--dtype", .kind = CLI_OPT_STRING, .dest.str = &dtype},
    };
    cli_spec spec = {.command = name, .options = options,
                     .n_options = (int)(sizeof options / sizeof options[0])};
    int rc = cli_parse(&spec, argc, argv);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (dtype && !cli_parse_float_dtype(dtype, &a.dtype))
        return cli_fail_usage(name, "--dtype: must be f32, f16 or bf16 (got '%s')", dtype);
    if (a.out_dir[0] == '\0')
        return cli_fail_usage(name, "--out: empty");
    gf_error err;
    gf_error_clear(&err);
    if (init_run(&a, &err) != GF_OK)
        return cli_fail_runtime(&err);
    return CLI_EXIT_OK;
}
