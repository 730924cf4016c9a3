/* beam_tree.h — the temperature screen's beam search drawn as a tree: one
 * column per step (the prompt first), in each the N beams kept, best on
 * top, each with its token and cumulative ln p, joined to the beam it grew
 * from; below them, faded, the candidates the step dropped. Branches that
 * die out later are faded too, and the best final beam's path is outlined:
 * a class sees beams compete and get dropped. What the tree shows comes from
 * core's step history (beam_search.h); nothing is computed here but which
 * node leads where. */
#ifndef GF_VIZ_BEAM_TREE_H
#define GF_VIZ_BEAM_TREE_H

#include <stdint.h>

#include "app.h"
#include "beam_search.h"

enum {
    GF_BEAM_NODE_FINAL = 1,       /* on the path of a final beam            */
    GF_BEAM_NODE_BEST = 2,        /* on the path of the best final beam     */
};

/* marks (n_steps, GF_BEAM_MAX_WIDTH): for each step's kept beam, the
 * GF_BEAM_NODE_* flags (0: a branch dropped later). */
void gf_beam_tree_marks(const gf_beam_result *r, uint8_t *marks);
/* The tokens along the best final beam's path (end-of-text and carried
 * steps left out): the text the tree outlines. Returns their count (at most
 * r->n_steps). */
int gf_beam_tree_best_tokens(const gf_beam_result *r, int32_t eot, int32_t *out);

/* The least height of a tree: its title, the steps line and two rows. */
int gf_beam_tree_min_height(gf_app *app);

/* Draw r into rect (first: the first step column shown, clamped and
 * written back). */
void gf_beam_tree_draw(gf_app *app, gf_rect rect, const gf_beam_result *r, int width, int *first);

#endif
