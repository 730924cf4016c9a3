/* scratch_dir.h — the file tests' scratch folders: joining a path, counting
 * a folder's entries, writing a small text file and removing the folder
 * (one level deep) when a test is done. */
#ifndef GF_TEST_SCRATCH_DIR_H
#define GF_TEST_SCRATCH_DIR_H

#include "check.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SCRATCH_PATH_LEN 1024

/* dir/file into buf (SCRATCH_PATH_LEN bytes). */
static inline void scratch_join(char *buf, const char *dir, const char *file)
{
    snprintf(buf, SCRATCH_PATH_LEN, "%.900s/%.64s", dir, file);
}

/* Entries of dir other than "." and ".."; -1 when dir cannot be opened. */
static inline int scratch_count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* Remove dir, its files and its empty subfolders (quietly: a folder that is
 * not there is nothing to do). */
static inline void scratch_remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char path[SCRATCH_PATH_LEN];
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        scratch_join(path, dir, e->d_name);
        if (unlink(path) != 0)
            rmdir(path);
    }
    closedir(d);
    rmdir(dir);
}

/* An empty scratch folder named name under the tests' temporary folder
 * (check_tmp_path) into dir (size bytes): whatever an earlier run left there
 * is removed first. */
static inline void scratch_fresh(char *dir, size_t size, const char *name)
{
    check_tmp_path(dir, size, name);
    scratch_remove_tree(dir);
    mkdir(dir, 0777);
}

/* Write text (without its NUL) to path; false on any failure. */
static inline bool scratch_write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    const bool ok = fputs(text, f) != EOF;
    return (fclose(f) == 0) && ok;
}

#endif
