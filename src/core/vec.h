/* Core stage: the one growth buffer behind every growing array of the library (git's strbuf and
 * klib's kvec are the models), so overflow checks and doubling live in one place instead of a
 * realloc loop per file. */
#ifndef INCMAP_CORE_VEC_H
#define INCMAP_CORE_VEC_H

#include "incmap/ctx.h"

#include <stddef.h>

/* Makes room for NEED elements of ELEM_SIZE bytes in *ITEMS, whose capacity is *CAP elements
 * (NULL and 0 for a new array). When *cap < need the capacity doubles, from at least 16, until
 * it holds NEED. INCMAP_ERR_NOMEM when need * elem_size overflows size_t or realloc fails; *items
 * and *cap are then unchanged, so the caller still owns (and frees) the old buffer. Sets no ctx
 * message: the caller knows what it was growing. Usage:
 *     if (incmap_grow((void **)&v->items, &v->cap, v->n + 1, sizeof *v->items) != INCMAP_OK) */
incmap_status incmap_grow(void **items, size_t *cap, size_t need, size_t elem_size);

#endif
