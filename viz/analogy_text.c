/* analogy_text.c — the file keys of the analogy screen's strings. */
#include "analogy_text.h"

#include <string.h>

static const char *const KEYS[GF_AT_COUNT] = {
    [GF_AT_TITLE] = "analogy.title",
    [GF_AT_LINE] = "analogy.line",
    [GF_AT_LINE_TYPING] = "analogy.line_typing",
    [GF_AT_LINE_IDLE] = "analogy.line_idle",
    [GF_AT_EMPTY] = "analogy.empty",
    [GF_AT_SYNTAX] = "analogy.syntax",
    [GF_AT_SYNTAX_FIRST] = "analogy.syntax_first",
    [GF_AT_UNKNOWN] = "analogy.unknown",
    [GF_AT_UNKNOWN_NONE] = "analogy.unknown_none",
    [GF_AT_CANCELS] = "analogy.cancels",
    [GF_AT_NO_SPACE] = "analogy.no_space",
    [GF_AT_RESULTS] = "analogy.results",
    [GF_AT_SOURCE_WORDS] = "analogy.source_words",
    [GF_AT_SOURCE_GPT] = "analogy.source_gpt",
    [GF_AT_SWITCH] = "analogy.switch",
    [GF_AT_PLOT_2D] = "analogy.plot_2d",
    [GF_AT_PLOT_3D] = "analogy.plot_3d",
    [GF_AT_SUM] = "analogy.sum",
    [GF_AT_FORMULA_TITLE] = "analogy.formula_title",
    [GF_AT_FORMULA] = "analogy.formula",
    [GF_AT_SENTENCE] = "analogy.sentence",
    [GF_AT_SENTENCE_ANY] = "analogy.sentence_any",
    [GF_AT_PARALLEL] = "analogy.parallel",
    [GF_AT_RUSSIAN] = "analogy.russian",
    [GF_AT_RUSSIAN_GPT] = "analogy.russian_gpt",
    [GF_AT_GPT_NOTE] = "analogy.gpt_note",
    [GF_AT_HOVER] = "analogy.hover",
    [GF_AT_PRESET] = "analogy.preset",
    [GF_AT_TOPIC_GENDER] = "analogy.topic.gender",
    [GF_AT_TOPIC_ROYALTY] = "analogy.topic.royalty",
    [GF_AT_TOPIC_FAMILY] = "analogy.topic.family",
    [GF_AT_TOPIC_CAPITALS] = "analogy.topic.capitals",
    [GF_AT_TOPIC_TENSE] = "analogy.topic.tense",
    [GF_AT_TOPIC_COMPARATIVES] = "analogy.topic.comparatives",
};

const char *gf_atext_get(const gf_texts *tx, gf_atext id)
{
    const char *s = (int)id >= 0 && id < GF_AT_COUNT ? gf_text_get(&tx->file, KEYS[id]) : NULL;
    return s != NULL ? s : "?";
}

const char *gf_atext_topic(const gf_texts *tx, const char *topic)
{
    for (int id = GF_AT_TOPIC_GENDER; id <= GF_AT_TOPIC_COMPARATIVES; id++)
        if (strcmp(KEYS[id] + strlen("analogy.topic."), topic) == 0)
            return gf_atext_get(tx, (gf_atext)id);
    return topic;
}

const char *gf_atext_missing(const gf_texts *tx)
{
    for (int id = 0; id < GF_AT_COUNT; id++)
        if (gf_text_get(&tx->file, KEYS[id]) == NULL)
            return KEYS[id];
    return NULL;
}

gf_atext gf_atext_russian_note(bool gpt_space)
{
    return gpt_space ? GF_AT_RUSSIAN_GPT : GF_AT_RUSSIAN;
}
