/* cli_main.c — glassformer-cli: find the command in the table and run it.
 *
 * `--help` (or `-h`) anywhere before a `--` prints the command's usage;
 * `glassformer-cli --help` / `help` lists the commands. Exit status: 0 on
 * success, 1 on a runtime failure, 2 on a usage error (see cli_args.h). */
#include <stdio.h>
#include <string.h>

#include "cli_args.h"
#include "cli_commands.h"

typedef struct {
    const char *name;
    const char *summary;     /* one line for the command list               */
    const char *usage;       /* the whole --help text                        */
    cli_command_fn run;
} cli_command;

/* The options and output of `analogy` and `neighbours` (one word space, see
 * cli_vectors.h): the end of both help texts. */
#define WORD_SPACE_HELP \
    "  --vectors DIR  a word-vector folder: vectors.safetensors + words.txt (+ the\n" \
    "                 glossary glossary_ru.txt); default: the shipped English\n" \
    "                 vectors, $GLASSFORMER_ASSETS/vectors/en or the build's assets/\n" \
    "  --model DIR    use a model's token embeddings instead: its tokens that are\n" \
    "                 one word with GPT-2's leading space (\" king\"), printed\n" \
    "                 without the space; Russian goes through the shipped glossary\n" \
    "  -k N           how many words to print, 1..1000 (default 10)\n" \
    "\n" \
    "Output: one line per word, RANK<TAB>WORD<TAB>COSINE, best first, COSINE with\n" \
    "four decimals. Lookups ignore case (and ё = е). If a word is Cyrillic, it is\n" \
    "mapped to English through the glossary and results are printed with their\n" \
    "Russian labels (the English word where the glossary has none): the geometry\n" \
    "is that of the English vectors. An unknown word exits 1 with one line naming\n" \
    "it and up to 5 close spellings; an empty or malformed expression exits 2.\n"

static const cli_command cli_commands[] = {
    {"tokenize", "text -> token ids (or each token's text with --pieces)",
     "usage: glassformer-cli tokenize --model DIR [--pieces] [--] TEXT\n"
     "\n"
     "Split TEXT (valid UTF-8) into GPT-2 byte-level BPE tokens using DIR's\n"
     "vocab.json and merges.txt, and print the ids on one line, space separated\n"
     "(an empty TEXT prints an empty line).\n"
     "\n"
     "  --model DIR   model folder (only vocab.json and merges.txt are read)\n"
     "  --pieces      one line per token: ID<TAB>PIECE, where PIECE is the token's\n"
     "                bytes as a quoted string: \\\" \\\\ \\n \\t \\r \\b \\f, other\n"
     "                control characters as \\u00XX, bytes that are not valid UTF-8\n"
     "                on their own as \\xNN\n"
     "  --            end of options (for a TEXT that starts with '-')\n",
     cli_cmd_tokenize},
    {"generate", "sample a continuation of a prompt",
     "usage: glassformer-cli generate --model DIR --prompt TEXT [-n N]\n"
     "                                [--temperature T] [--top-k K] [--top-p P] [--seed S]\n"
     "                                [--beam N] [--print-logprob]\n"
     "\n"
     "Print the continuation of TEXT (not the prompt itself), token by token, as\n"
     "whole UTF-8 characters (a byte that can never form one shows as U+FFFD),\n"
     "then a newline. Stops after N tokens or at <|endoftext|>. An empty prompt\n"
     "starts from <|endoftext|> (an error if the tokenizer has none). The prompt\n"
     "plus N must fit the model's context.\n"
     "\n"
     "  --model DIR        model folder\n"
     "  --prompt TEXT      the text to continue (valid UTF-8)\n"
     "  -n N               tokens to generate (default 32)\n"
     "  --temperature T    in [0, 100]; 0 picks the most likely token (default 0.7)\n"
     "  --top-k K          keep only the K most likely tokens (default 0 = off)\n"
     "  --top-p P          keep the smallest set with mass >= P, in (0, 1] (default 1 = off)\n"
     "  --seed S           the sampler's random seed (default 42)\n"
     "  --beam N           beam search instead of sampling, N in 1..16 beams: print\n"
     "                     the continuation with the highest summed log-probability\n"
     "                     at T = 1 (no length normalisation; a beam that ends at\n"
     "                     <|endoftext|> counts that token's probability). N = 1 is\n"
     "                     --temperature 0. Not with --temperature, --top-k, --top-p\n"
     "                     or --seed\n"
     "  --print-logprob    then print one more line, logprob: X (six decimals): the sum\n"
     "                     of ln softmax(z)[t] at T = 1 over the printed tokens (an\n"
     "                     <|endoftext|> that stops generation is not counted)\n"
     "\n"
     "Threads: OMP_NUM_THREADS=N pins the number of threads the matrix products use.\n",
     cli_cmd_generate},
    {"trace", "write every intermediate tensor of a forward pass to a file",
     "usage: glassformer-cli trace --model DIR --prompt TEXT --out FILE.safetensors\n"
     "\n"
     "Run TEXT through the model keeping every intermediate, and write them all\n"
     "as F32 tensors to a safetensors file: \"tokens\" (T, I32), tok_emb, pos_emb,\n"
     "x0 (T, C), per layer \"h.N.\" + ln_1.out/.mean/.var/.rstd, attn.q/k/v,\n"
     "attn.scores, attn.masked, attn.weights (H, T, T), attn.heads, attn.proj, res_1,\n"
     "ln_2.out/.mean/.var/.rstd, mlp.pre (or mlp.gate, mlp.up), mlp.act, mlp.out, res_2,\n"
     "then ln_f.out/.mean/.var/.rstd and \"logits\" (T, V) (the README lists the\n"
     "variants' names). Prints one line: tokens, tensors and bytes written.\n"
     "An empty prompt starts from <|endoftext|>.\n"
     "\n"
     "  --model DIR     model folder\n"
     "  --prompt TEXT   the text to run (valid UTF-8; must fit the context)\n"
     "  --out FILE      the safetensors file to write\n"
     "\n"
     "Threads: OMP_NUM_THREADS=N pins the number of threads the matrix products use.\n",
     cli_cmd_trace},
    {"params", "list every parameter tensor of a model or preset, and the total",
     "usage: glassformer-cli params (--model DIR | --preset NAME)\n"
     "\n"
     "Print the configuration, then one line per parameter tensor (name, shape,\n"
     "count), then \"total: N\".\n"
     "\n"
     "  --model DIR     a model folder (only DIR/config.json is read)\n"
     "  --preset NAME   gpt2, gpt2-medium, gpt2-large, gpt2-xl or gpt3\n",
     cli_cmd_params},
    {"stages", "list the stages of a model's forward pass with their words and formulas",
     "usage: glassformer-cli stages (--model DIR | --preset NAME) [--lang CODE] [--tokens T]\n"
     "\n"
     "Print the stages the viewer steps through for this model, in order: key,\n"
     "name, the formula with the model's sizes (and T tokens), the explanation\n"
     "and the trace tensors it shows. The words come from the viewer's text\n"
     "files, $GLASSFORMER_ASSETS/text/CODE.txt (default: the source assets).\n"
     "\n"
     "  --model DIR     a model folder (only DIR/config.json is read)\n"
     "  --preset NAME   gpt2, gpt2-medium, gpt2-large, gpt2-xl or gpt3\n"
     "  --lang CODE     en (default) or ru\n"
     "  --tokens T      the token count the formulas show (default 8)\n",
     cli_cmd_stages},
    {"init", "write a randomly initialized model folder",
     "usage: glassformer-cli init --config FILE.json --out DIR [--seed S]\n"
     "                            [--tokenizer DIR] [--dtype f32|f16|bf16]\n"
     "\n"
     "Make a model with GPT-2's random initialization and write config.json,\n"
     "model.safetensors, vocab.json and merges.txt into DIR (created if missing).\n"
     "\n"
     "  --config FILE    config.json-style file (GPT-2 keys plus the variant keys)\n"
     "  --out DIR        the model folder to write\n"
     "  --seed S         random seed (default 42)\n"
     "  --tokenizer DIR  copy DIR's vocab.json + merges.txt (default: a byte-level\n"
     "                   tokenizer: 256 byte tokens and <|endoftext|> = 256)\n"
     "  --dtype D        how weights are stored: f32 (default), f16 or bf16\n",
     cli_cmd_init},
    {"convert", "store a model folder's weights as F32, F16 or BF16",
     "usage: glassformer-cli convert --model DIR --out DIR --dtype f32|f16|bf16\n"
     "\n"
     "Write the model of DIR into the folder OUT (created if missing) with its\n"
     "weights stored as D: config.json, model.safetensors, vocab.json, merges.txt.\n"
     "F16 and BF16 take half the disk, and decoding reads them as stored (half\n"
     "the bytes per token); the command prints how far rounding moved the\n"
     "weights. A weight beyond F16's range (65504) is an error, not infinity.\n"
     "\n"
     "  --model DIR   the model folder to read\n"
     "  --out DIR     the model folder to write (not inside --model)\n"
     "  --dtype D     f32, f16 or bf16\n",
     cli_cmd_convert},
    {"bpe-train", "learn a byte-level BPE vocabulary from text files",
     "usage: glassformer-cli bpe-train --input FILE [FILE...] [--input FILE...]\n"
     "                                 --vocab-size N --out DIR\n"
     "\n"
     "Learn merges from the files' text (UTF-8) until the vocabulary, 256 byte\n"
     "tokens + merges + <|endoftext|>, has N entries (or no pair occurs twice).\n"
     "Writes DIR/vocab.json and DIR/merges.txt (DIR is created if missing) and\n"
     "prints the merges learned and the bytes per token on the training text.\n"
     "\n"
     "  --input FILE...  training text; repeat, or list several files after it\n"
     "  --vocab-size N   vocabulary size, at least 257\n"
     "  --out DIR        where to write vocab.json and merges.txt\n",
     cli_cmd_bpe_train},
    {"train", "train a model on a text folder (checkpoints, resume, Ctrl-C saves)",
     "usage: glassformer-cli train --config CFG.json --data DIR --out MODEL_DIR\n"
     "                             (--minutes M | --steps N | --resume) [--stop-at N]\n"
     "                             [--seed S] [--tokenizer DIR]\n"
     "\n"
     "Train a randomly initialized model (GPT-2's initialization, seed S) on\n"
     "DIR/train.txt and validate on DIR/val.txt (both UTF-8). CFG.json is a\n"
     "config.json (the model) plus an optional \"train\" object; its keys and\n"
     "defaults: batch_size 8, seq_len 0 (= n_positions), lr 1e-3, lr_min 1e-4,\n"
     "warmup_steps 100, weight_decay 0.1 (matrices only), beta1 0.9, beta2 0.95,\n"
     "eps 1e-8, clip 1.0 (0 = off), eval_every 100 (0 = only at the end),\n"
     "eval_batches 8, checkpoint_every 500 (0 = only at the end), log_every 10.\n"
     "The learning rate warms up linearly, then follows a cosine down to lr_min\n"
     "at the last step. Batches are random windows of seq_len + 1 tokens (the\n"
     "data sampler is seeded with S + 1); validation uses the same evenly\n"
     "spread windows every time; at the last step the whole of val.txt is\n"
     "evaluated instead, in non-overlapping windows of n_positions tokens\n"
     "whatever seq_len is (exactly as `eval` does): that is the final val loss\n"
     "printed and the val_loss of the log's last row.\n"
     "\n"
     "Prints a progress line every log_every steps (step, loss, val loss when\n"
     "evaluated, learning rate, tokens/s, elapsed, ETA) and writes one row per\n"
     "step to MODEL_DIR/train_log.csv: step,tokens,elapsed_s,lr,loss,val_loss,\n"
     "grad_norm. Checkpoints (the model folder in F32 plus optimizer.safetensors:\n"
     "AdamW moments, step, data sampler state, settings) go into MODEL_DIR every\n"
     "checkpoint_every steps, at the end, and on Ctrl-C (SIGINT), SIGTERM or\n"
     "SIGHUP, which finish the current step, save and exit with status 128 +\n"
     "the signal's number (130 for Ctrl-C; the same signal again stops at once\n"
     "without saving). A resumed run continues exactly where it stopped (with\n"
     "one thread it ends with the same weights, bit for bit); it must be given\n"
     "the same data (the checkpoint records its token counts and a hash).\n"
     "\n"
     "  --config FILE    model config plus \"train\" settings (JSON)\n"
     "  --data DIR       holds train.txt and val.txt\n"
     "  --out MODEL_DIR  the model folder to write (and resume from)\n"
     "  --minutes M      time budget: the first steps and a validation are timed\n"
     "                   and the run's length (the cosine schedule's end) fixed\n"
     "                   so that steps, validations and the final evaluation fit\n"
     "  --steps N        the run's length in steps\n"
     "  --resume         continue MODEL_DIR's checkpoint (same CFG.json; the\n"
     "                   length and seed come from the checkpoint)\n"
     "  --stop-at N      save and stop after step N, without changing the\n"
     "                   schedule (continue later with --resume)\n"
     "  --seed S         weights' and data's random seed (default 42)\n"
     "  --tokenizer DIR  DIR's vocab.json + merges.txt (default: DIR of --data\n"
     "                   if it has both, else byte-level: 256 bytes + <|endoftext|>)\n"
     "\n"
     "Threads: OMP_NUM_THREADS=N pins the number of threads the matrix products use.\n",
     cli_cmd_train},
    {"eval", "a model's loss on text files: nats/token and bits/byte",
     "usage: glassformer-cli eval --model DIR FILE...\n"
     "\n"
     "Method: each FILE (UTF-8) is tokenized with the model's tokenizer, with\n"
     "<|endoftext|> put in front (when the tokenizer has it) so that the first\n"
     "token is predicted too, and cut into non-overlapping windows of the\n"
     "model's context (n_positions) tokens. Each window is run from an empty\n"
     "context and each of its tokens is predicted from the tokens before it in\n"
     "the same window, so every token is predicted exactly once. Prints a line\n"
     "per file and a total line: bytes, tokens predicted, total nats (natural-log\n"
     "loss), loss = nats / tokens in nats/token, and bits per byte =\n"
     "nats / ln 2 / bytes (comparable across tokenizers and with compressors).\n"
     "\n"
     "  --model DIR   model folder\n"
     "  FILE...       one or more text files\n"
     "\n"
     "Threads: OMP_NUM_THREADS=N pins the number of threads the matrix products use.\n",
     cli_cmd_eval},
    {"lens", "the logit lens: each layer's top predictions at each position",
     "usage: glassformer-cli lens --model DIR --prompt TEXT [-k N]\n"
     "\n"
     "What the model would predict if it stopped after each layer: the residual\n"
     "stream of layer L (0 = the embeddings x0, L = the output of block L-1) goes\n"
     "through the model's final norm (pre-norm models; post-norm blocks already\n"
     "end in a norm) and the unembedding, then softmax at T = 1. The last layer\n"
     "is the model's own output. Prints N lines per layer and prompt position,\n"
     "ordered by layer, then position, then rank:\n"
     "\n"
     "  LAYER<TAB>POSITION<TAB>TOKEN<TAB>PROB\n"
     "\n"
     "POSITION counts from 0; TOKEN is quoted as `tokenize --pieces` quotes a\n"
     "piece; PROB has six decimals. An empty prompt starts from <|endoftext|>.\n"
     "\n"
     "  --model DIR     model folder\n"
     "  --prompt TEXT   the text to look into (valid UTF-8; must fit the context)\n"
     "  -k N            tokens per layer and position, most likely first (default 1)\n"
     "\n"
     "Threads: OMP_NUM_THREADS=N pins the number of threads the matrix products use.\n",
     cli_cmd_lens},
    {"analogy", "word arithmetic: the words nearest to king - man + woman",
     "usage: glassformer-cli analogy [--vectors DIR | --model DIR] [-k N] [--] EXPR\n"
     "\n"
     "EXPR is words joined by + and - (or −, U+2212), each optionally weighted:\n"
     "\"king - man + woman\", \"король − мужчина + женщина\", \"0.5*hot + 0.5*cold\".\n"
     "Each word's vector is scaled to length 1, the weighted sum is the query, and\n"
     "the words with the largest cosine to it are printed, EXPR's own words left\n"
     "out. EXPR may be one argument or several (king - man + woman).\n"
     "\n"
     WORD_SPACE_HELP,
     cli_cmd_analogy},
    {"neighbours", "the words nearest to one word (cosine of word vectors)",
     "usage: glassformer-cli neighbours [--vectors DIR | --model DIR] [-k N] [--] WORD\n"
     "\n"
     "The words whose vectors have the largest cosine to WORD's, WORD left out.\n"
     "\n"
     WORD_SPACE_HELP,
     cli_cmd_neighbours},
    {"lessons", "check lesson files (lessons/<lang>/*.lesson) against the program",
     "usage: glassformer-cli lessons check PATH...\n"
     "\n"
     "Parse every .lesson file in PATH (a file, or a folder searched through) and\n"
     "check that every model, screen, stage, layer, head, position, cell and\n"
     "analogy word it names exists, that its prompts fit the model's context,\n"
     "that every placeholder and every question (ask:) has a computable answer,\n"
     "and that a translation (lessons/ru/NAME.lesson) matches its English\n"
     "original (lessons/en/NAME.lesson) step by step. The format: lessons/README.md.\n"
     "\n"
     "Output: one line per problem, FILE:LINE:COLUMN: MESSAGE, then always the\n"
     "line \"N lessons, M steps, K errors\" (every language counted). Exit status\n"
     "0 when K = 0, else 1. Models are read from $GLASSFORMER_ASSETS/models/NAME\n"
     "and the word vectors from $GLASSFORMER_ASSETS/vectors/en (default: the\n"
     "build's assets folder).\n",
     cli_cmd_lessons},
};

static const int cli_n_commands = (int)(sizeof cli_commands / sizeof cli_commands[0]);

static void cli_print_overview(FILE *out)
{
    fputs("usage: glassformer-cli COMMAND [OPTIONS]\n"
          "\n"
          "Glassformer's reference GPT-style transformer from the command line.\n"
          "\n"
          "commands:\n",
          out);
    for (int i = 0; i < cli_n_commands; i++)
        fprintf(out, "  %-10s %s\n", cli_commands[i].name, cli_commands[i].summary);
    fputs("\n"
          "`glassformer-cli COMMAND --help` shows a command's options.\n"
          "Exit status: 0 success, 1 runtime failure, 2 usage error.\n"
          "Threads: OMP_NUM_THREADS=N pins the number of threads (OpenMP builds).\n",
          out);
}

static const cli_command *cli_find_command(const char *name)
{
    for (int i = 0; i < cli_n_commands; i++)
        if (strcmp(cli_commands[i].name, name) == 0)
            return &cli_commands[i];
    return NULL;
}

/* True when --help or -h comes before any "--". */
static bool cli_wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return false;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    }
    return false;
}

/* Anything already printed must reach stdout, or the run failed. */
static int cli_finish(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        gf_error err;
        gf_error_set(&err, GF_ERR_IO, "stdout: write failed");
        int rc = cli_fail_runtime(&err);
        return status == CLI_EXIT_OK ? rc : status;
    }
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "%s: no command given (see %s --help)\n", CLI_PROGRAM, CLI_PROGRAM);
        return CLI_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        if (argc == 2) {
            cli_print_overview(stdout);
            return cli_finish(CLI_EXIT_OK);
        }
        const cli_command *cmd = cli_find_command(argv[2]);
        if (!cmd || argc > 3)
            return cli_fail_usage("help", cmd ? "unexpected argument '%s'" :
                                  "unknown command '%s'", argv[cmd ? 3 : 2]);
        fputs(cmd->usage, stdout);
        return cli_finish(CLI_EXIT_OK);
    }
    const cli_command *cmd = cli_find_command(name);
    if (!cmd)
        return cli_fail_usage(name, "unknown command (see glassformer-cli --help)");
    if (cli_wants_help(argc - 2, argv + 2)) {
        fputs(cmd->usage, stdout);
        return cli_finish(CLI_EXIT_OK);
    }
    return cli_finish(cmd->run(cmd->name, argc - 2, argv + 2));
}
