/* cmd_stages.c — `glassformer-cli stages (--model DIR | --preset NAME)
 * [--lang CODE] [--tokens T]`: the stages of one forward pass of that model,
 * in order, each with its name, formula (with the model's sizes and T
 * tokens), explanation and trace tensors. The words come from the viewer's
 * text files, <assets>/text/CODE.txt. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"
#include "cli_commands.h"
#include "cli_files.h"
#include "config.h"
#include "params.h"
#include "stage_text.h"

#ifndef GF_ASSETS_DIR
#define GF_ASSETS_DIR "assets"
#endif

static void stages_print(const gf_text *t, const gf_config *cfg, int n_tokens)
{
    gf_stage_id ids[GF_STAGE_COUNT];
    int n = gf_stages_for_config(cfg, ids, GF_STAGE_COUNT);
    char formula[512], summary[1024];
    for (int i = 0; i < n; i++) {
        const gf_stage *st = gf_stage_get(ids[i]);
        const char *name = gf_stage_name(t, ids[i], cfg);
        gf_stage_formula(t, ids[i], cfg, n_tokens, formula, sizeof formula);
        gf_stage_summary(t, ids[i], cfg, summary, sizeof summary);
        printf("%2d %-11s %s%s\n", i + 1, st->key, name != NULL ? name : "?",
               st->per_layer ? " (per layer)" : "");
        printf("   %s\n   %s\n", formula, summary);
        const char *keys[GF_SLOT_COUNT];
        int k = gf_stage_tensors(cfg, ids[i], keys, GF_SLOT_COUNT);
        for (int j = 0; j < k; j++)
            printf("%s %s", j == 0 ? "   shows:" : "", keys[j]);
        if (k > 0)
            printf("\n");
    }
}

int cli_cmd_stages(const char *name, int argc, char **argv)
{
    const char *model_dir = NULL, *preset = NULL, *lang = "en";
    int n_tokens = 8;
    cli_option options[] = {
        {.name = "--model", .kind = CLI_OPT_STRING, .dest.str = &model_dir},
        {.name = "--preset", .kind = CLI_OPT_STRING, .dest.str = &preset},
        {.name = "--lang", .kind = CLI_OPT_STRING, .dest.str = &lang},
        {.name = "--tokens", .kind = CLI_OPT_INT, .dest.i = &n_tokens, .min = 1, .max = 1 << 20},
    };
    cli_spec spec = {.command = name, .options = options,
                     .n_options = (int)(sizeof options / sizeof options[0])};
    int rc = cli_parse(&spec, argc, argv);
    if (rc != CLI_EXIT_OK)
        return rc;
    if ((model_dir != NULL) == (preset != NULL))
        return cli_fail_usage(name, "give exactly one of --model DIR and --preset NAME");
    if (strlen(lang) != 2 || strchr(lang, '/') != NULL || strchr(lang, '.') != NULL)
        return cli_fail_usage(name, "--lang: a two-letter language code (en, ru), got '%s'", lang);
    gf_config cfg;
    rc = cli_config_choose(name, model_dir, preset, &cfg);
    if (rc != CLI_EXIT_OK)
        return rc;
    gf_error err;
    gf_error_clear(&err);
    const char *assets = getenv("GLASSFORMER_ASSETS");
    char text_path[1024];
    snprintf(text_path, sizeof text_path, "%s/text/%s.txt",
             assets != NULL && assets[0] != '\0' ? assets : GF_ASSETS_DIR, lang);
    gf_text text;
    if (gf_text_load(&text, text_path, &err) != GF_OK)
        return cli_fail_runtime(&err);
    stages_print(&text, &cfg, n_tokens);
    gf_text_free(&text);
    return CLI_EXIT_OK;
}
