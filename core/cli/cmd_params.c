/* cmd_params.c — `glassformer-cli params (--model DIR | --preset NAME)`:
 * the config's shape and the languages it states, every parameter tensor
 * (name, shape, count), then the line "total: N". --model reads only
 * DIR/config.json. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"
#include "cli_commands.h"
#include "cli_files.h"
#include "config.h"
#include "params.h"

/* 124439808 -> "124,439,808" (out has room for 32 bytes). */
static void params_group_digits(int64_t n, char *out)
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%" PRId64, n);
    int o = 0;
    for (int i = 0; i < len; i++) {
        if (i > 0 && digits[i - 1] != '-' && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

static void params_print(const gf_config *cfg, const gf_param_list *list)
{
    printf("config: vocab %d, context %d, width %d, %d layers, %d heads, ffn %d, "
           "%s-norm %s, %s positions, %s, %s embeddings\n",
           cfg->vocab_size, cfg->n_ctx, cfg->n_embd, cfg->n_layer, cfg->n_head, cfg->n_inner,
           gf_norm_placement_name(cfg->norm_placement), gf_norm_type_name(cfg->norm_type),
           gf_position_type_name(cfg->position_type), gf_activation_name(cfg->activation),
           cfg->tied_embeddings ? "tied" : "untied");
    char languages[GF_CONFIG_MAX_LANGUAGES * (GF_CONFIG_LANGUAGE_SIZE + 2)];
    if (gf_config_languages_format(cfg, languages, sizeof languages) > 0)
        printf("languages: %s\n", languages);
    else
        printf("languages: not stated (config.json has no \"languages\" key)\n");
    printf("%-28s %-16s %16s\n", "name", "shape", "count");
    for (int i = 0; i < list->count; i++) {
        const gf_param *p = &list->items[i];
        char shape[48], count[32];
        if (p->ndim == 2)
            snprintf(shape, sizeof shape, "(%" PRId64 ", %" PRId64 ")", p->shape[0],
                     p->shape[1]);
        else
            snprintf(shape, sizeof shape, "(%" PRId64 ")", p->shape[0]);
        params_group_digits(p->numel, count);
        printf("%-28s %-16s %16s\n", p->name, shape, count);
    }
    printf("total: %" PRId64 "\n", list->total);
}

int cli_cmd_params(const char *name, int argc, char **argv)
{
    const char *model_dir = NULL, *preset = NULL;
    cli_option options[] = {
        {.name = "--model", .kind = CLI_OPT_STRING, .dest.str = &model_dir},
        {.name = "--preset", .kind = CLI_OPT_STRING, .dest.str = &preset},
    };
    cli_spec spec = {.command = name, .options = options,
                     .n_options = (int)(sizeof options / sizeof options[0])};
    int rc = cli_parse(&spec, argc, argv);
    if (rc != CLI_EXIT_OK)
        return rc;
    if ((model_dir != NULL) == (preset != NULL))
        return cli_fail_usage(name, "give exactly one of --model DIR and --preset NAME");

    gf_config cfg;
    rc = cli_config_choose(name, model_dir, preset, &cfg);
    if (rc != CLI_EXIT_OK)
        return rc;
    gf_error err;
    gf_error_clear(&err);
    gf_param_list list;
    memset(&list, 0, sizeof list);
    if (gf_params_build(&cfg, &list, &err) != GF_OK) {
        gf_params_free(&list);
        return cli_fail_runtime(&err);
    }
    params_print(&cfg, &list);
    gf_params_free(&list);
    return CLI_EXIT_OK;
}
