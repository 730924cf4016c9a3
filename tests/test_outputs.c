/* test_outputs.c — every whole-file output of core (config.json, vocab.json,
 * merges.txt, model.safetensors, a model folder) is complete or absent and
 * never damages what was there: it replaces the old file through a
 * temporary and a rename (a hard link to the old file keeps the old bytes),
 * never writes through a device, never follows a link planted where a
 * temporary would go, and on a full disk (simulated with RLIMIT_FSIZE, the
 * largest file a process may write) leaves the old files and no temporary. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "disk_limit.h"
#include "scratch_dir.h"
#include "model.h"
#include "tiny_config.h"

/* The whole file (malloc'ed, NUL-terminated), or NULL. */
static char *slurp(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *grown = realloc(buf, 2 * cap + 1);
            if (!grown) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = grown;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    if (length)
        *length = n;
    return buf;
}

/* config.json, vocab.json and merges.txt are replaced, not rewritten in
 * place: another name of the old file still has the old bytes. */
static void test_replaced_not_rewritten(check_ctx *c)
{
    char dir[SCRATCH_PATH_LEN], path[SCRATCH_PATH_LEN], other[SCRATCH_PATH_LEN];
    scratch_fresh(dir, sizeof dir, "outputs-replace");
    gf_error err;
    gf_error_clear(&err);

    scratch_join(path, dir, "config.json");
    scratch_join(other, dir, "old-config.json");
    gf_config cfg = tiny_config();
    if (CHECK_OK(c, gf_config_save(&cfg, path, &err), &err) && CHECK(c, link(path, other) == 0)) {
        char *before = slurp(path, NULL);
        cfg.n_layer = 3;
        CHECK_OK(c, gf_config_save(&cfg, path, &err), &err);
        char *now = slurp(path, NULL), *kept = slurp(other, NULL);
        CHECK(c, before && kept && strcmp(before, kept) == 0);
        CHECK(c, now && strstr(now, "\"n_layer\":\t3") != NULL);
        free(before);
        free(now);
        free(kept);
    }

    gf_tokenizer *tok = NULL;
    scratch_join(path, dir, "vocab.json");
    scratch_join(other, dir, "old-vocab.json");
    if (CHECK_OK(c, gf_tokenizer_new_byte_level(&tok, &err), &err)) {
        CHECK(c, scratch_write_text(path, "{\"old\": 0}\n") && link(path, other) == 0);
        CHECK_OK(c, gf_tokenizer_save(tok, dir, &err), &err);
        char *kept = slurp(other, NULL), *now = slurp(path, NULL);
        CHECK(c, kept && strcmp(kept, "{\"old\": 0}\n") == 0);
        CHECK(c, now && strstr(now, "\"!\": 0") != NULL);
        free(kept);
        free(now);
        gf_tokenizer_free(tok);
    }
    /* Nothing but the files themselves: no temporary left behind. */
    CHECK_INT(c, scratch_count_entries(dir), 5);
    scratch_remove_tree(dir);
}

/* A device at the target is never written through or replaced (tested
 * through a link to /dev/null, never the node itself). */
static void test_device_target(check_ctx *c)
{
    char dir[SCRATCH_PATH_LEN], path[SCRATCH_PATH_LEN], want[2 * SCRATCH_PATH_LEN];
    scratch_fresh(dir, sizeof dir, "outputs-device");
    gf_error err;
    gf_error_clear(&err);
    gf_config cfg = tiny_config();
    scratch_join(path, dir, "config.json");
    if (CHECK(c, symlink("/dev/null", path) == 0)) {
        CHECK_INT(c, gf_config_save(&cfg, path, &err), GF_ERR_IO);
        snprintf(want, sizeof want, "%s: a device, not a regular file: not replaced", path);
        CHECK_STR(c, err.message, want);
        struct stat sb;
        CHECK(c, lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode));
    }
    unlink(path);
    gf_tokenizer *tok = NULL;
    scratch_join(path, dir, "merges.txt");
    if (CHECK_OK(c, gf_tokenizer_new_byte_level(&tok, &err), &err) &&
        CHECK(c, symlink("/dev/null", path) == 0)) {
        CHECK_INT(c, gf_tokenizer_save(tok, dir, &err), GF_ERR_IO);
        CHECK(c, strstr(err.message, "merges.txt: a device, not a regular file") != NULL);
        /* Both files or neither: vocab.json was not written either. */
        scratch_join(path, dir, "vocab.json");
        CHECK(c, access(path, F_OK) != 0);
    }
    gf_tokenizer_free(tok);
    scratch_remove_tree(dir);
}

/* A link planted where the old writer put its fixed "PATH.tmp" must not
 * lead the writer to truncate the file it points at. */
static void test_planted_link(check_ctx *c)
{
    char dir[SCRATCH_PATH_LEN], path[SCRATCH_PATH_LEN], tmp[SCRATCH_PATH_LEN + 8];
    char victim[SCRATCH_PATH_LEN];
    scratch_fresh(dir, sizeof dir, "outputs-planted");
    scratch_join(path, dir, "out.safetensors");
    scratch_join(victim, dir, "victim.txt");
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    gf_error err;
    gf_error_clear(&err);
    if (CHECK(c, scratch_write_text(victim, "precious\n")) && CHECK(c, symlink(victim, tmp) == 0)) {
        gf_st_writer w;
        gf_st_writer_init(&w);
        const float x[2] = {1.0f, 2.0f};
        const int64_t shape[1] = {2};
        CHECK_OK(c, gf_st_writer_add_f32(&w, "x", 1, shape, x, GF_DTYPE_F32, &err), &err);
        CHECK_OK(c, gf_st_writer_write(&w, path, &err), &err);
        gf_st_writer_free(&w);
        char *kept = slurp(victim, NULL);
        CHECK(c, kept && strcmp(kept, "precious\n") == 0);
        free(kept);
        gf_safetensors st;
        if (CHECK_OK(c, gf_safetensors_open(&st, path, &err), &err)) {
            CHECK_INT(c, st.count, 1);
            gf_safetensors_close(&st);
        }
    }
    unlink(tmp);
    scratch_remove_tree(dir);
}

/* A disk that fills while writing: the old file stays whole, no temporary
 * stays, and a model folder is left as it was, or not made at all. */
static void test_full_disk(check_ctx *c)
{
    char dir[SCRATCH_PATH_LEN], path[SCRATCH_PATH_LEN];
    scratch_fresh(dir, sizeof dir, "outputs-full");
    gf_error err;
    gf_error_clear(&err);
    gf_config cfg = tiny_config();
    scratch_join(path, dir, "config.json");
    disk_limit limit;
    if (CHECK_OK(c, gf_config_save(&cfg, path, &err), &err)) {
        char *before = slurp(path, NULL);
        cfg.n_layer = 4;
        disk_limit_set(&limit, 64);
        gf_status s = gf_config_save(&cfg, path, &err);
        disk_limit_undo(&limit);
        CHECK_INT(c, s, GF_ERR_IO);
        CHECK(c, strstr(err.message, path) == err.message && strchr(err.message, '\n') == NULL);
        char *now = slurp(path, NULL);
        CHECK(c, before && now && strcmp(before, now) == 0);
        CHECK_INT(c, scratch_count_entries(dir), 1);
        free(before);
        free(now);
    }
    scratch_remove_tree(dir);

    /* A whole model folder: saved once, then again on a full disk. The
     * weights (about 50 KB) do not fit 16 KB; the other three files do. */
    gf_model m;
    if (!CHECK_OK(c, gf_model_init_random(&m, &cfg, NULL, 7, &err), &err))
        return;
    const char *files[4] = {"config.json", "model.safetensors", "vocab.json", "merges.txt"};
    char *before[4] = {NULL};
    if (CHECK_OK(c, gf_model_save(&m, dir, GF_DTYPE_F32, &err), &err)) {
        for (int i = 0; i < 4; i++) {
            scratch_join(path, dir, files[i]);
            before[i] = slurp(path, NULL);
        }
        gf_model other;
        gf_config wider = cfg;
        wider.n_inner = 40;
        if (CHECK_OK(c, gf_model_init_random(&other, &wider, NULL, 8, &err), &err)) {
            disk_limit_set(&limit, 16 << 10);
            gf_status s = gf_model_save(&other, dir, GF_DTYPE_F32, &err);
            disk_limit_undo(&limit);
            CHECK_INT(c, s, GF_ERR_IO);
            for (int i = 0; i < 4; i++) {
                scratch_join(path, dir, files[i]);
                char *now = slurp(path, NULL);
                if (!CHECK(c, before[i] && now && strcmp(before[i], now) == 0))
                    fprintf(stderr, "  %s changed\n", files[i]);
                free(now);
            }
            CHECK_INT(c, scratch_count_entries(dir), 4);
            gf_model_free(&other);
        }
    }
    for (int i = 0; i < 4; i++)
        free(before[i]);
    scratch_remove_tree(dir);

    /* A folder the save makes is gone again when the save fails. */
    disk_limit_set(&limit, 16 << 10);
    gf_status s = gf_model_save(&m, dir, GF_DTYPE_F32, &err);
    disk_limit_undo(&limit);
    CHECK_INT(c, s, GF_ERR_IO);
    CHECK(c, strstr(err.message, "model.safetensors") != NULL);
    struct stat sb;
    CHECK(c, stat(dir, &sb) != 0);
    scratch_remove_tree(dir);
    gf_model_free(&m);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "outputs");
    test_replaced_not_rewritten(&c);
    test_device_target(&c);
    test_planted_link(&c);
    test_full_disk(&c);
    return check_end(&c);
}
