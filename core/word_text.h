/* word_text.h — small text tools for word lookups: case folding (ASCII,
 * Latin-1 and Cyrillic letters; ё folds to е), Cyrillic detection, and the
 * edit distance behind "did you mean" suggestions. All on UTF-8. */
#ifndef GF_WORD_TEXT_H
#define GF_WORD_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#define GF_WORD_MAX 64            /* bytes of one word, NUL included */

/* Lowercase `word` into out (at most `size` bytes, NUL-terminated): A–Z,
 * À–Þ, А–Я and Ѐ–Џ to their lowercase letters, and ё/Ё to е, so that
 * "Тётя" and "тетя" fold the same. Other code points are copied. Returns
 * false when word is not valid UTF-8 or does not fit. */
bool gf_word_fold(const char *word, char *out, size_t size);

/* True when the word holds a Cyrillic letter (U+0400..U+04FF). */
bool gf_word_is_cyrillic(const char *word);

/* True for the code points a word may hold: ASCII letters, Latin-1 and
 * Latin Extended-A/B letters (U+00C0..U+024F, not × ÷), Cyrillic. */
bool gf_word_letter(unsigned codepoint);

/* Levenshtein distance in code points between two folded words (insert,
 * delete, substitute, each 1). Words longer than GF_WORD_MAX code points
 * count as far apart (returns GF_WORD_MAX). */
int gf_word_edit_distance(const char *a, const char *b);

#define GF_WORD_CLOSEST_MAX 16    /* most spellings gf_word_closest gives */

/* "Did you mean": the indices of the words closest in spelling to word among
 * n words (word_at(ctx, i) gives word i; NULL or unfoldable ones are
 * skipped), compared folded, by edit distance, at most max_out of them
 * (≤ GF_WORD_CLOSEST_MAX), closest first, ties to the lower index. Words
 * more than max(2, letters / 2) edits away are left out. Returns the count. */
int gf_word_closest(const char *word, const char *(*word_at)(const void *ctx, int i),
                    const void *ctx, int n, int *out, int max_out);

#endif
