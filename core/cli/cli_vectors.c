/* cli_vectors.c — the word space behind `analogy` and `neighbours`
 * (see cli_vectors.h). */
#include "cli_vectors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_args.h"
#include "cli_files.h"
#include "model.h"

#ifndef GF_ASSETS_DIR
#define GF_ASSETS_DIR "assets"
#endif

static void cli_default_vectors_dir(char *buf, size_t size)
{
    const char *assets = getenv("GLASSFORMER_ASSETS");
    if (assets == NULL || assets[0] == '\0')
        assets = GF_ASSETS_DIR;
    snprintf(buf, size, "%s/vectors/en", assets);
}

/* Load dir/glossary_ru.txt when it exists. */
static gf_status cli_glossary_open(const char *dir, gf_glossary **out, gf_error *err)
{
    struct stat info;
    *out = NULL;
    char *path = cli_path_join(dir, GF_GLOSSARY_FILE, err);
    if (!path)
        return err->status;
    gf_status status = stat(path, &info) != 0 ? GF_OK : gf_glossary_load(out, path, err);
    free(path);
    return status;
}

static gf_status cli_model_vectors(gf_vectors *v, const char *model_dir, gf_error *err)
{
    gf_model model;
    memset(&model, 0, sizeof model);
    gf_status status = gf_model_load(&model, model_dir, err);
    if (status == GF_OK)
        status = gf_vectors_from_model(v, &model, err);
    gf_model_free(&model);
    return status;
}

gf_status cli_word_space_open(cli_word_space *s, const char *vectors_dir, const char *model_dir,
                              gf_error *err)
{
    memset(s, 0, sizeof *s);
    char shipped[1024];
    cli_default_vectors_dir(shipped, sizeof shipped);
    gf_status status = model_dir ? cli_model_vectors(&s->vectors, model_dir, err)
                                 : gf_vectors_load(&s->vectors, vectors_dir ? vectors_dir : shipped,
                                                   err);
    if (status == GF_OK)
        status = cli_glossary_open(model_dir || !vectors_dir ? shipped : vectors_dir,
                                   &s->glossary, err);
    if (status != GF_OK)
        cli_word_space_close(s);
    return status;
}

int cli_word_space_parse(cli_spec *spec, int argc, char **argv, cli_word_space_args *args)
{
    args->vectors_dir = NULL;
    args->model_dir = NULL;
    args->k = CLI_VECTORS_DEFAULT_K;
    cli_option options[] = {
        {.name = "--vectors", .kind = CLI_OPT_STRING, .dest.str = &args->vectors_dir},
        {.name = "--model", .kind = CLI_OPT_STRING, .dest.str = &args->model_dir},
        {.name = "-k", .kind = CLI_OPT_INT, .min = 1, .max = CLI_VECTORS_MAX_K, .dest.i = &args->k},
    };
    spec->options = options;
    spec->n_options = (int)(sizeof options / sizeof options[0]);
    int rc = cli_parse(spec, argc, argv);
    spec->options = NULL;      /* options lives only in this call */
    spec->n_options = 0;
    return rc;
}

int cli_word_space_start(const char *command, const cli_word_space_args *args,
                         cli_word_space *s)
{
    if (args->vectors_dir && args->model_dir)
        return cli_fail_usage(command, "--vectors and --model: give one of them");
    gf_error err;
    gf_error_clear(&err);
    if (cli_word_space_open(s, args->vectors_dir, args->model_dir, &err) != GF_OK)
        return cli_fail_runtime(&err);
    return CLI_EXIT_OK;
}

void cli_word_space_close(cli_word_space *s)
{
    gf_vectors_free(&s->vectors);
    gf_glossary_free(s->glossary);
    s->glossary = NULL;
}

int cli_word_space_run(const char *command, const cli_word_space *s, const char *text, int k,
                       bool single_word)
{
    gf_error err;
    gf_error_clear(&err);
    gf_expr expr;
    if (gf_expr_parse(text, &expr, &err) != GF_OK)
        return cli_fail_usage(command, "%s", err.message);
    if (single_word && (expr.count != 1 || expr.terms[0].weight != 1.0))
        return cli_fail_usage(command, "WORD: one word expected, got '%s' (expressions go to "
                              "`analogy`)", text);
    gf_analogy_terms terms;
    if (gf_analogy_lookup(&s->vectors, s->glossary, &expr, &terms, &err) != GF_OK)
        return cli_fail_runtime(&err);
    const gf_vectors *v = &s->vectors;
    float *query = malloc((size_t)v->dim * sizeof *query);
    gf_vectors_hit *hits = malloc((size_t)k * sizeof *hits);
    if (!query || !hits) {
        free(query), free(hits);
        gf_error_set(&err, GF_ERR_MEMORY, "out of memory");
        return cli_fail_runtime(&err);
    }
    if (gf_analogy_query(v, &expr, &terms, query, &err) != GF_OK) {
        free(query), free(hits);
        return cli_fail_runtime(&err);
    }
    int n = gf_vectors_nearest(v, query, terms.exclude, terms.n_exclude, hits, k);
    for (int i = 0; i < n; i++)
        printf("%d\t%s\t%.4f\n", i + 1,
               gf_analogy_label(v, s->glossary, terms.russian, hits[i].row), hits[i].cosine);
    free(query), free(hits);
    return CLI_EXIT_OK;
}
