/* bpe_train.h — learning a byte-level BPE vocabulary from text.
 *
 * Starts from the 256 byte tokens, pre-splits the text with GPT-2's pattern,
 * then repeatedly merges the most frequent adjacent pair (ties: the pair whose
 * merged symbol compares smallest, bytewise), recording merges in order, until
 * the vocabulary (with "<|endoftext|>" last) has vocab_size entries or no pair
 * occurs twice. */
#ifndef GF_BPE_TRAIN_H
#define GF_BPE_TRAIN_H

#include <stddef.h>

#include "gf_error.h"
#include "tokenizer.h"

gf_status gf_bpe_train_text(const char *text, size_t length, int vocab_size,
                            gf_tokenizer **out, gf_error *err);
gf_status gf_bpe_train_files(const char *const *paths, int n_paths, int vocab_size,
                             gf_tokenizer **out, gf_error *err);

#endif
