/* analogy_text.h — the analogy screen's own strings, by id, read from the
 * language's text file (assets/text/<code>.txt, keys "analogy.*"). They are
 * kept apart from i18n.h's list so the screen stays one unit; the help
 * lines and the status name, which the key and screen tables point at, are
 * in i18n.h. A test checks that every key here is in the files. */
#ifndef GF_VIZ_ANALOGY_TEXT_H
#define GF_VIZ_ANALOGY_TEXT_H

#include "i18n.h"

typedef enum {
    GF_AT_TITLE = 0,
    GF_AT_LINE,
    GF_AT_LINE_TYPING,
    GF_AT_LINE_IDLE,
    GF_AT_EMPTY,
    GF_AT_SYNTAX,          /* "%s": the last good expression               */
    GF_AT_SYNTAX_FIRST,
    GF_AT_UNKNOWN,         /* "%s %s": word, suggestions                   */
    GF_AT_UNKNOWN_NONE,    /* "%s": word                                   */
    GF_AT_CANCELS,
    GF_AT_NO_SPACE,        /* "%s": why                                    */
    GF_AT_RESULTS,
    GF_AT_SOURCE_WORDS,    /* "%d %d": words, dimensions                   */
    GF_AT_SOURCE_GPT,      /* "%d %d": words, dimensions                   */
    GF_AT_SWITCH,
    GF_AT_PLOT_2D,         /* "%d %.0f": dimensions, percent kept          */
    GF_AT_PLOT_3D,         /* "%d %.0f"                                    */
    GF_AT_SUM,
    GF_AT_FORMULA_TITLE,
    GF_AT_FORMULA,
    GF_AT_SENTENCE,        /* "%s %s %s %s %.2f": a, b, c, answer, cosine  */
    GF_AT_SENTENCE_ANY,    /* "%s %.2f": answer, cosine                    */
    GF_AT_PARALLEL,        /* "%s %s %s %s": b, c, a, answer               */
    GF_AT_RUSSIAN,
    GF_AT_RUSSIAN_GPT,
    GF_AT_GPT_NOTE,
    GF_AT_HOVER,           /* "%s %.3f %s": word, cosine, nearest words    */
    GF_AT_PRESET,          /* "%d %d %s": number, count, topic             */
    GF_AT_TOPIC_GENDER,
    GF_AT_TOPIC_ROYALTY,
    GF_AT_TOPIC_FAMILY,
    GF_AT_TOPIC_CAPITALS,
    GF_AT_TOPIC_TENSE,
    GF_AT_TOPIC_COMPARATIVES,
    GF_AT_COUNT
} gf_atext;

/* The string in tx's language ("?" when missing). */
const char *gf_atext_get(const gf_texts *tx, gf_atext id);
/* The topic name of a preset's topic id ("gender" → "gender" / "род"). */
const char *gf_atext_topic(const gf_texts *tx, const char *topic);
/* The first of these keys tx lacks, or NULL when it has them all. */
const char *gf_atext_missing(const gf_texts *tx);
/* The note for Russian words (translated through the glossary) in the space
 * shown: the English word vectors, or the loaded GPT's token embeddings
 * (gpt_space). */
gf_atext gf_atext_russian_note(bool gpt_space);

#endif
