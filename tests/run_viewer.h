/* run_viewer.h — the tests that drive the viewer binary itself: run it with
 * some arguments and wait for its exit status. */
#ifndef GF_TEST_RUN_VIEWER_H
#define GF_TEST_RUN_VIEWER_H

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

/* Run exe with args (NULL-ended, at most 22 of them); its stderr goes to
 * err_file (NULL: the test's own). Its exit status, or −1 when it could
 * not be started or did not exit normally. */
static inline int run_viewer(const char *exe, char *const *args, const char *err_file)
{
    char *argv[24];
    int n = 0;
    argv[n++] = (char *)exe;
    for (int i = 0; args[i] != NULL && n < 23; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (err_file != NULL)
        posix_spawn_file_actions_addopen(&fa, 2, err_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid;
    int rc = posix_spawn(&pid, exe, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return -1;
    int status = 0;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

#endif
