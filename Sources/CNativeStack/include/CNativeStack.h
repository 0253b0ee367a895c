#ifndef CNATIVESTACK_H
#define CNATIVESTACK_H

#include <stddef.h>

/// The calling thread's stack: its lowest address and its size in bytes. Returns 0 on
/// success. Glibc's pthread_getattr_np, which Swift's Glibc module does not expose.
int hadr_stack_bounds(void **low, size_t *size);

/// Makes every thread allocate from glibc's main arena (mallopt M_ARENA_MAX = 1), which
/// the Glibc module does not expose either. Returns mallopt's result (1 on success).
int hadr_one_malloc_arena(void);

#endif
