/* lesson_check.h — does a parsed lesson fit the program and its assets?
 *
 * For every step: the model folder opens (config and tokenizer), the prompt
 * fits the model's context, layer / head / position / cell exist for that
 * model and prompt, the analogy screen has an expression whose words are in
 * the word vectors (Russian through the glossary), every placeholder has
 * what it needs ({weight} a cell, {prob "x"} a single token x, …), and
 * every question (`ask:`) has a computable answer that its reveal step (the
 * next one) shows: the reveal keeps what the answer depends on. Each problem
 * is reported as (line, col, message); models and word vectors are opened
 * once per checker and shared by all the lessons it checks. No SDL here. */
#ifndef GF_LESSON_CHECK_H
#define GF_LESSON_CHECK_H

#include "lesson.h"

typedef struct gf_lesson_checker gf_lesson_checker;

/* One problem: where (1-based) and what. */
typedef void (*gf_lesson_report_fn)(void *ctx, const char *path, int line, int col,
                                    const char *message);

/* A checker reading models from <assets>/models/NAME and word vectors from
 * <assets>/vectors/en. NULL when out of memory. */
gf_lesson_checker *gf_lesson_checker_new(const char *assets_dir);
void gf_lesson_checker_free(gf_lesson_checker *c);

/* Check one lesson; returns the number of problems reported. */
int gf_lesson_check(gf_lesson_checker *c, const gf_lesson *lesson, gf_lesson_report_fn report,
                    void *ctx);

/* The same lesson in two languages (b a translation of a): the same number
 * of steps, and each step on the same screen, with the same question and
 * the same beams (model, prompt, layer, head, position and cell may differ).
 * Problems are reported against b. */
int gf_lesson_check_translation(const gf_lesson *a, const gf_lesson *b, gf_lesson_report_fn report,
                                void *ctx);

#endif
