/* cmd_lessons.c — `glassformer-cli lessons check PATH...`: parse every
 * .lesson file under the paths, check each against the models and word
 * vectors it names (core/lesson_check.h) and each translation against its
 * English original (lessons/<lang>/NAME.lesson beside lessons/en/NAME.lesson).
 * One "file:line:col: message" line per problem on stdout, then always
 * "N lessons, M steps, K errors"; exit 0 when K = 0, else 1. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_args.h"
#include "cli_commands.h"
#include "lesson.h"
#include "lesson_check.h"

#ifndef GF_ASSETS_DIR
#define GF_ASSETS_DIR "assets"
#endif

typedef struct {
    char **paths;
    int count, capacity;
} path_list;

static bool list_add(path_list *l, const char *path)
{
    if (l->count == l->capacity) {
        int cap = l->capacity ? 2 * l->capacity : 16;
        char **grown = realloc(l->paths, (size_t)cap * sizeof *grown);
        if (grown == NULL)
            return false;
        l->paths = grown;
        l->capacity = cap;
    }
    l->paths[l->count] = malloc(strlen(path) + 1);
    if (l->paths[l->count] == NULL)
        return false;
    strcpy(l->paths[l->count++], path);
    return true;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* Every .lesson file under dir (depth-first), or the file itself. */
static bool collect(path_list *l, const char *path, int depth, char *why, size_t size)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(why, size, "%s: no such file or folder", path);
        return false;
    }
    if (!S_ISDIR(st.st_mode))
        return list_add(l, path) || (snprintf(why, size, "out of memory"), false);
    if (depth > 8)
        return true;
    DIR *d = opendir(path);
    if (d == NULL) {
        snprintf(why, size, "%s: cannot open the folder", path);
        return false;
    }
    struct dirent *e;
    bool ok = true;
    while (ok && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char child[4096];
        snprintf(child, sizeof child, "%s/%s", path, e->d_name);
        struct stat cs;
        if (stat(child, &cs) != 0)
            continue;
        if (S_ISDIR(cs.st_mode))
            ok = collect(l, child, depth + 1, why, size);
        else if (ends_with(e->d_name, ".lesson"))
            ok = list_add(l, child) || (snprintf(why, size, "out of memory"), false);
    }
    closedir(d);
    return ok;
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void print_problem(void *ctx, const char *path, int line, int col, const char *message)
{
    int *errors = ctx;
    printf("%s:%d:%d: %s\n", path, line, col, message);
    (*errors)++;
}

/* The English original of a translation: DIR/<xx>/NAME.lesson (xx not en)
 * → DIR/en/NAME.lesson, else "" */
static void original_of(const char *path, char *out, size_t size)
{
    out[0] = '\0';
    const char *name = strrchr(path, '/');
    if (name == NULL || name - path < 3)
        return;
    const char *lang = name - 2;
    if (lang > path && lang[-1] != '/')
        return;
    if (memcmp(lang, "en", 2) == 0 || lang[0] < 'a' || lang[0] > 'z' || lang[1] < 'a' ||
        lang[1] > 'z')
        return;
    snprintf(out, size, "%.*sen%s", (int)(lang - path), path, name);
}

int cli_cmd_lessons(const char *name, int argc, char **argv)
{
    if (argc < 1 || strcmp(argv[0], "check") != 0)
        return cli_fail_usage(name, "expected 'check PATH...' (see --help)");
    if (argc < 2)
        return cli_fail_usage(name, "check: give at least one PATH (a .lesson file or a folder)");
    path_list files = {0};
    char why[4200];
    for (int i = 1; i < argc; i++)
        if (!collect(&files, argv[i], 0, why, sizeof why)) {
            for (int j = 0; j < files.count; j++)
                free(files.paths[j]);
            free(files.paths);
            return cli_fail_usage(name, "%s", why);
        }
    qsort(files.paths, (size_t)files.count, sizeof *files.paths, compare_paths);
    const char *assets = getenv("GLASSFORMER_ASSETS");
    gf_lesson_checker *checker =
        gf_lesson_checker_new(assets != NULL && assets[0] != '\0' ? assets : GF_ASSETS_DIR);
    gf_lesson *lessons = calloc((size_t)files.count + 1, sizeof *lessons);
    bool *parsed = calloc((size_t)files.count + 1, sizeof *parsed);
    if (checker == NULL || lessons == NULL || parsed == NULL) {
        fprintf(stderr, "%s: out of memory\n", CLI_PROGRAM);
        return CLI_EXIT_RUNTIME;
    }
    int errors = 0, steps = 0;
    for (int i = 0; i < files.count; i++) {
        gf_error err;
        gf_error_clear(&err);
        parsed[i] = gf_lesson_load(files.paths[i], &lessons[i], &err) == GF_OK;
        if (!parsed[i]) {
            /* Parse errors already read "file:line:col: …"; others "file: …". */
            printf("%s\n", err.message);
            errors++;
            continue;
        }
        steps += lessons[i].n_steps;
        gf_lesson_check(checker, &lessons[i], print_problem, &errors);
    }
    for (int i = 0; i < files.count; i++) {
        char original[4200];
        original_of(files.paths[i], original, sizeof original);
        if (original[0] == '\0' || !parsed[i])
            continue;
        struct stat st;
        if (stat(original, &st) != 0) {
            printf("%s:1:1: no English original %s (each lesson has the same file name in "
                   "every language)\n", files.paths[i], original);
            errors++;
            continue;
        }
        gf_lesson en;
        gf_error err;
        if (gf_lesson_load(original, &en, &err) == GF_OK) {
            gf_lesson_check_translation(&en, &lessons[i], print_problem, &errors);
            gf_lesson_free(&en);
        } /* a broken original is reported when it is checked itself */
    }
    printf("%d lessons, %d steps, %d errors\n", files.count, steps, errors);
    for (int i = 0; i < files.count; i++) {
        if (parsed[i])
            gf_lesson_free(&lessons[i]);
        free(files.paths[i]);
    }
    free(files.paths);
    free(lessons);
    free(parsed);
    gf_lesson_checker_free(checker);
    return errors == 0 ? CLI_EXIT_OK : CLI_EXIT_RUNTIME;
}
