/* analogy_presets.h — the preset analogies the analogy screen cycles
 * through and the lessons quote, in English and in Russian (the Russian
 * words all in the shipped glossary), with the word each gives at rank 1
 * in the shipped vectors (tests/test_analogy.c checks that). Topic names
 * shown on screen are text for the viewer's language files; here the topic
 * is an id. */
#ifndef GF_ANALOGY_PRESETS_H
#define GF_ANALOGY_PRESETS_H

typedef struct {
    const char *topic;       /* "gender", "royalty", "family", "capitals",
                                "tense" or "comparatives"                */
    const char *english;     /* "king − man + woman"                     */
    const char *russian;     /* "король − мужчина + женщина"             */
    const char *answer_en;   /* "queen": rank 1 with the shipped vectors */
    const char *answer_ru;   /* "королева": its Russian label            */
} gf_analogy_preset;

int gf_analogy_preset_count(void);
/* Preset i, 0 <= i < gf_analogy_preset_count(). */
const gf_analogy_preset *gf_analogy_preset_at(int i);

#endif
