/* memory_limit.h — how much one allocation of model data may take.
 *
 * A fixed ceiling, lowered to three quarters of the machine's physical
 * memory where that can be read, so that an absurd config is refused with a
 * message instead of being killed half-way by the out-of-memory killer. */
#ifndef GF_MEMORY_LIMIT_H
#define GF_MEMORY_LIMIT_H

#include <stdint.h>

/* min(ceiling, 3/4 of physical memory) in bytes. */
uint64_t gf_memory_limit(uint64_t ceiling);

#endif
