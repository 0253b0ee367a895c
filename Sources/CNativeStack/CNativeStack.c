#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
#include "CNativeStack.h"

int hadr_stack_bounds(void **low, size_t *size) {
    pthread_attr_t attributes;
    if (pthread_getattr_np(pthread_self(), &attributes) != 0) return -1;
    int status = pthread_attr_getstack(&attributes, low, size);
    pthread_attr_destroy(&attributes);
    return status;
}

int hadr_one_malloc_arena(void) {
    return mallopt(M_ARENA_MAX, 1);
}
