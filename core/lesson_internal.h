/* lesson_internal.h — shared between the lesson parser and its text walk. */
#ifndef GF_LESSON_INTERNAL_H
#define GF_LESSON_INTERNAL_H

#include "lesson.h"

/* Parse the placeholder starting at s ('{') within [s, end). Returns the
 * byte after its '}' with *why NULL, or, on a malformed placeholder, where
 * it went wrong with *why saying what was expected there. */
const char *gf_lesson_placeholder_parse(const char *s, const char *end, gf_lesson_piece *piece,
                                        const char **why);

#endif
