/* lesson_screens.c — the viewer screens a lesson may name (see the header). */
#include "lesson_screens.h"

#include <stddef.h>
#include <string.h>

#include "stages.h"

static const char *const SCREEN_NAMES[] = {"overview", "temperature", "analogy", "lens", "cache", "params", "loss",
                                            NULL};

const char *const *gf_lesson_screen_names(void)
{
    return SCREEN_NAMES;
}

bool gf_lesson_screen_known(const char *name)
{
    if (gf_stage_find(name) != NULL)
        return true;
    for (int i = 0; SCREEN_NAMES[i] != NULL; i++)
        if (strcmp(SCREEN_NAMES[i], name) == 0)
            return true;
    return false;
}
