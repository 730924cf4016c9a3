/* lane_window.h — what the temperature lanes (and the beam lane beside them)
 * continue from when the context has no room left for them.
 *
 * The lanes continue the session's text for `length` tokens each. When the
 * trace (capacity rows) has room for them, they continue the whole text.
 * When it has not — a full context after a long generation, a long prompt,
 * a window that slid — they continue a window of the text's last tokens, as
 * Space does on a full context: the window's tokens move to positions 0, 1,
 * …, so no row of the session's trace is valid for them and the worker runs
 * a fresh forward pass of the window before the lanes start (jobs.c); the
 * beam search starts from the same window (beam_job.c). The window keeps
 * capacity − length tokens, but never fewer than half the trace: then the
 * lanes are shorter than asked instead. */
#ifndef GF_VIZ_LANE_WINDOW_H
#define GF_VIZ_LANE_WINDOW_H

typedef struct {
    int start;                    /* the window's first token in the session's
                                     tokens (0: the whole text, no window)  */
    int n_kept;                   /* tokens the lanes continue from         */
    int n_new;                    /* tokens each lane continues for         */
} gf_lane_window;

/* The window for a text of n_tokens in a trace of capacity rows and lanes of
 * length tokens (0 new tokens when there is no text, or no room at all). */
gf_lane_window gf_lane_window_of(int n_tokens, int capacity, int length);

#endif
