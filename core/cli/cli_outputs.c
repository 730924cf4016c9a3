/* cli_outputs.c — outputs checked against inputs (see cli_outputs.h). */
#include "cli_outputs.h"

#include <stdlib.h>

#include "cli_files.h"
#include "file_io.h"

static void inputs_add(cli_inputs *in, const char *path, const char *option, bool model_folder)
{
    if (path && in->count < CLI_OUTPUTS_MAX_INPUTS)
        in->items[in->count++] = (cli_input){path, option, model_folder};
}

void cli_inputs_add_file(cli_inputs *in, const char *path, const char *option)
{
    inputs_add(in, path, option, false);
}

void cli_inputs_add_model(cli_inputs *in, const char *dir, const char *option)
{
    inputs_add(in, dir, option, true);
}

gf_status cli_output_check(const char *out, const cli_inputs *in, gf_error *err)
{
    for (int i = 0; i < in->count; i++) {
        const cli_input *x = &in->items[i];
        /* A model folder's files may be links to files elsewhere: compare
         * those too, not only the folder. */
        if (x->model_folder && gf_file_inside(out, x->path))
            return gf_error_set(err, GF_ERR_ARGUMENT, "%s: lies inside the model folder %s "
                                "(%s), an input: not written; choose another --out", out,
                                x->path, x->option);
        for (int f = 0; x->model_folder && f < GF_MODEL_FILE_COUNT; f++) {
            char *file = cli_path_join(x->path, gf_model_files[f], err);
            const bool same = file && gf_file_same(out, file);
            if (same)
                gf_error_set(err, GF_ERR_ARGUMENT, "%s: is %s of the model folder %s (%s), an "
                             "input: not overwritten; choose another --out", out, gf_model_files[f],
                             x->path, x->option);
            free(file);
            if (same)
                return GF_ERR_ARGUMENT;
        }
        if (!x->model_folder && gf_file_same(out, x->path))
            return gf_error_set(err, GF_ERR_ARGUMENT, "%s: is the input %s (%s): not "
                                "overwritten; choose another --out", out, x->path, x->option);
    }
    return GF_OK;
}

gf_status cli_output_check_in(const char *dir, const char *const *names, int n_names,
                              const cli_inputs *in, gf_error *err)
{
    gf_status s = GF_OK;
    for (int i = 0; s == GF_OK && i < n_names; i++) {
        char *out = cli_path_join(dir, names[i], err);
        s = out ? cli_output_check(out, in, err) : GF_ERR_MEMORY;
        free(out);
    }
    return s;
}
