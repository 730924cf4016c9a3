/* cli_commands.h — the commands of glassformer-cli, one file each.
 *
 * Each takes the command's own name (for messages) and the words after it,
 * and returns the exit status: CLI_EXIT_OK, CLI_EXIT_RUNTIME or
 * CLI_EXIT_USAGE (see cli_args.h). "--help" is handled before they run. */
#ifndef CLI_COMMANDS_H
#define CLI_COMMANDS_H

typedef int (*cli_command_fn)(const char *name, int argc, char **argv);

int cli_cmd_tokenize(const char *name, int argc, char **argv);
int cli_cmd_generate(const char *name, int argc, char **argv);
int cli_cmd_trace(const char *name, int argc, char **argv);
int cli_cmd_params(const char *name, int argc, char **argv);
int cli_cmd_stages(const char *name, int argc, char **argv);
int cli_cmd_init(const char *name, int argc, char **argv);
int cli_cmd_convert(const char *name, int argc, char **argv);
int cli_cmd_bpe_train(const char *name, int argc, char **argv);
int cli_cmd_train(const char *name, int argc, char **argv);
int cli_cmd_eval(const char *name, int argc, char **argv);
int cli_cmd_lens(const char *name, int argc, char **argv);
int cli_cmd_analogy(const char *name, int argc, char **argv);
int cli_cmd_neighbours(const char *name, int argc, char **argv);
int cli_cmd_lessons(const char *name, int argc, char **argv);

#endif
