/* cmd_lens.c — `glassformer-cli lens --model DIR --prompt TEXT [-k N]`: the
 * logit lens (core/logit_lens.h). For every layer 0..L, every prompt
 * position and rank 1..k, one line LAYER<TAB>POSITION<TAB>TOKEN<TAB>PROB,
 * TOKEN quoted as `tokenize --pieces` quotes a piece, PROB as %.6f. */
#include <stdio.h>

#include "cli_args.h"
#include "cli_commands.h"
#include "cli_prompt.h"
#include "cli_text.h"
#include "logit_lens.h"
#include "model.h"
#include "trace.h"

static void lens_print(const gf_model *m, const gf_logit_lens *lens)
{
    for (int l = 0; l < lens->n_layers; l++)
        for (int t = 0; t < lens->n_positions; t++) {
            const gf_lens_entry *cell = gf_logit_lens_cell(lens, l, t);
            for (int r = 0; r < lens->k; r++) {
                printf("%d\t%d\t", l, t);
                cli_quote_token(stdout, m->tokenizer, cell[r].token);
                printf("\t%.6f\n", (double)cell[r].prob);
            }
        }
}

int cli_cmd_lens(const char *name, int argc, char **argv)
{
    const char *model_dir = NULL, *prompt = NULL;
    int k = 1;
    cli_option options[] = {
        {.name = "--model", .kind = CLI_OPT_STRING, .required = true, .dest.str = &model_dir},
        {.name = "--prompt", .kind = CLI_OPT_STRING, .required = true, .dest.str = &prompt},
        {.name = "-k", .kind = CLI_OPT_INT, .min = 1, .max = GF_CONFIG_MAX_VOCAB, .dest.i = &k},
    };
    cli_spec spec = {.command = name, .options = options,
                     .n_options = (int)(sizeof options / sizeof options[0])};
    int rc = cli_parse(&spec, argc, argv);
    if (rc != CLI_EXIT_OK)
        return rc;
    gf_error err;
    gf_error_clear(&err);
    gf_model m;
    gf_trace tr;
    gf_logit_lens lens = {0};
    gf_status st = cli_prompt_run(model_dir, prompt, 0, true, &m, &tr, &err);
    if (st == GF_OK && k > m.config.vocab_size) {
        rc = cli_fail_usage(name, "-k %d: the model has only %d tokens", k, m.config.vocab_size);
    } else {
        if (st == GF_OK)
            st = gf_logit_lens_compute(&m, &tr, k, &lens, &err);
        if (st == GF_OK)
            lens_print(&m, &lens);
        rc = st == GF_OK ? CLI_EXIT_OK : cli_fail_runtime(&err);
    }
    gf_logit_lens_free(&lens);
    gf_trace_free(&tr);
    gf_model_free(&m);
    return rc;
}
