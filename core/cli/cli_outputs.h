/* cli_outputs.h — a command never writes over what it reads: before anything
 * is written, each output file is compared with each input file by device
 * and inode (so links and other spellings of a name count), and an output
 * may not lie inside a model folder the command reads. (`train --resume`
 * writing its own model folder is the one exception: that folder is simply
 * not listed as an input.) */
#ifndef CLI_OUTPUTS_H
#define CLI_OUTPUTS_H

#include <stdbool.h>

#include "gf_error.h"

#define CLI_OUTPUTS_MAX_INPUTS 16

typedef struct {
    const char *path;      /* a file, or a model folder                     */
    const char *option;    /* what named it, for messages ("--config")      */
    bool model_folder;     /* nothing may be written inside it              */
} cli_input;

typedef struct {
    cli_input items[CLI_OUTPUTS_MAX_INPUTS];
    int count;
} cli_inputs;

/* Add an input file (path NULL: ignored). */
void cli_inputs_add_file(cli_inputs *in, const char *path, const char *option);
/* Add a model folder: nothing may be written inside it (which covers its files too). */
void cli_inputs_add_model(cli_inputs *in, const char *dir, const char *option);

/* GF_OK when out is none of the inputs and lies in no input model folder;
 * else e.g. "m/model.safetensors: lies inside the model folder m (--model),
 * an input: not written; choose another --out". */
gf_status cli_output_check(const char *out, const cli_inputs *in, gf_error *err);
/* The same for each file name in dir (the files a command writes there). */
gf_status cli_output_check_in(const char *dir, const char *const *names, int n_names,
                              const cli_inputs *in, gf_error *err);

#endif
