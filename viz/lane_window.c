/* lane_window.c — where the lanes continue from (see lane_window.h). */
#include "lane_window.h"

gf_lane_window gf_lane_window_of(int n_tokens, int capacity, int length)
{
    gf_lane_window w = {0, n_tokens > 0 ? n_tokens : 0, 0};
    if (n_tokens <= 0 || capacity <= 0 || length <= 0)
        return w;
    if (n_tokens + length <= capacity) {  /* room for all of them */
        w.n_new = length;
        return w;
    }
    int keep = capacity - length, least = capacity / 2 > 1 ? capacity / 2 : 1;
    keep = keep < least ? least : keep;
    if (n_tokens <= keep) {  /* a short text: the whole of it, shorter lanes */
        w.n_new = capacity - n_tokens;
        return w;
    }
    w.start = n_tokens - keep;
    w.n_kept = keep;
    w.n_new = capacity - keep;
    return w;
}
