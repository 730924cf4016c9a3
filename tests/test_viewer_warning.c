/* test_viewer_warning.c — a model folder whose config.json was edited to
 * another variant (sinusoidal positions on a model trained with learned
 * ones) opens in the viewer, and the status line carries core's warning
 * naming the unused tensor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "check.h"
#include "model.h"
#include "tiny_config.h"

int main(void)
{
    check_ctx c;
    check_begin(&c, "viewer_warning");
    char dir[512], path[600];
    check_tmp_path(dir, sizeof dir, "viewer-edited-model");
    gf_config cfg = tiny_config();
    cfg.n_layer = 1;
    gf_error err;
    gf_error_clear(&err);
    gf_model m;
    if (CHECK_OK(&c, gf_model_init_random(&m, &cfg, NULL, 2, &err), &err)) {
        CHECK_OK(&c, gf_model_save(&m, dir, GF_DTYPE_F32, &err), &err);
        cfg.position_type = GF_POSITION_SINUSOIDAL;
        snprintf(path, sizeof path, "%s/config.json", dir);
        CHECK_OK(&c, gf_config_save(&cfg, path, &err), &err);
        gf_model_free(&m);
    }
    char *argv[] = {"glassformer", "--model", dir, "--prompt", "hi"};
    gf_options opt;
    char message[512] = "";
    gf_app *app = calloc(1, sizeof *app);
    if (CHECK(&c, app && gf_options_parse(&opt, 5, argv, message, sizeof message)) &&
        CHECK(&c, gf_app_open(app, &opt, message, sizeof message))) {
        CHECK(&c, strstr(app->message, "1 tensor that config.json does not use (wpe.weight)") !=
                      NULL);
        if (c.failed)
            fprintf(stderr, "  status line: \"%s\"\n", app->message);
    } else {
        fprintf(stderr, "  %s\n", message);
    }
    if (app)
        gf_app_free(app);
    free(app);
    const char *files[] = {"config.json", "model.safetensors", "vocab.json", "merges.txt"};
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    return check_end(&c);
}
