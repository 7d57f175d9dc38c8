/* libFuzzer target for the renderer's GeoPackage geometry reader (incmap_gpkg_geom: header +
 * WKB, what every base-layer row of a gazetteer goes through). Whatever the bytes, it returns
 * NULL or a geometry whose rings and polygons index only vertices it holds, without reading past
 * the blob. Seeds: tests/fuzz/corpus/gpkg/ (rows of the default gazetteer and of world_map). */
#include "render/base_read.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
    fprintf(stderr, "fuzz_gpkg: %s\n", what);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy of exactly size bytes, so ASan sees any read past the end */
    unsigned char *copy = malloc(size ? size : 1);
    if (copy == NULL) {
        return 0;
    }
    memcpy(copy, data, size);
    bool nomem = false;
    incmap_geom *g = incmap_gpkg_geom(copy, size, &nomem);
    if (g != NULL) {
        if (g->npoints == 0) {
            broken("a geometry without vertices");
        }
        size_t prev = 0;
        for (size_t i = 0; i < g->nrings; i++) {
            if (g->ring_end[i] < prev || g->ring_end[i] > g->npoints) {
                broken("a ring outside the vertices");
            }
            prev = g->ring_end[i];
        }
        if (g->type != INCMAP_GEOM_POINT && prev != g->npoints) {
            broken("vertices that belong to no ring");
        }
        prev = 0;
        for (size_t i = 0; i < g->npolys; i++) {
            if (g->poly_end[i] < prev || g->poly_end[i] > g->nrings) {
                broken("a polygon outside the rings");
            }
            prev = g->poly_end[i];
        }
        double sum = 0;
        for (size_t i = 0; i < 2 * g->npoints; i++) {
            sum += g->xy[i]; /* every vertex was written (MSan/valgrind would see it otherwise) */
        }
        (void)sum;
        incmap_geom_destroy(g);
    }
    free(copy);
    return 0;
}
