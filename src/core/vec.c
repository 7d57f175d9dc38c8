/* Core stage: incmap_grow(), the growth buffer of core/vec.h. */
#include "core/vec.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

incmap_status incmap_grow(void **items, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap) {
        return INCMAP_OK;
    }
    /* no C object may exceed PTRDIFF_MAX bytes (pointer differences must fit) */
    if (elem_size == 0 || need > (size_t)PTRDIFF_MAX / elem_size) {
        return INCMAP_ERR_NOMEM;
    }
    /* doubling keeps appends amortised O(1); near the limit the capacity stops at what fits */
    size_t most = (size_t)PTRDIFF_MAX / elem_size, n = *cap >= 16 ? *cap : 16;
    while (n < need) {
        n = n > most / 2 ? most : n * 2;
    }
    n = n < most ? n : most;
    void *p = realloc(*items, n * elem_size);
    if (p == NULL) {
        return INCMAP_ERR_NOMEM;
    }
    *items = p;
    *cap = n;
    return INCMAP_OK;
}
