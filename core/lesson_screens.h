/* lesson_screens.h — the names a lesson's `screen:` may use.
 *
 * A step's screen is a stage key of core (tokens, embed, … probs: stages.h)
 * or the name of one of the viewer's own screens. The viewer's screen table
 * lives in viz/ where core cannot see it, so the screen names lessons may
 * use are written down here, as data, and the viewer's tests check that
 * this list and viz/screens.c agree both ways (tests/test_viewer_lesson.c).
 * The parser and the checker read it; overlays (help, quit) are no places a
 * lesson goes. */
#ifndef GF_LESSON_SCREENS_H
#define GF_LESSON_SCREENS_H

#include <stdbool.h>

/* The viewer screens a lesson may name, NULL-terminated. */
const char *const *gf_lesson_screen_names(void);
/* Whether name is a stage key or one of those screens. */
bool gf_lesson_screen_known(const char *name);

#endif
