/* libFuzzer target for the GeoJSON reader and writer. Whatever the input, reading must end in a
 * result or a one-line error, never a crash; and whatever reads must also write, read back to the
 * same number of features, and write the same text again (write -> read -> write is a fixed
 * point). A broken promise aborts, so the fuzzer reports it as a crash. Seeds:
 * tests/fuzz/corpus/geojson/, dictionary: tests/fuzz/geojson.dict. */
#include "incmap/incmap.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what, const incmap_ctx *ctx)
{
    fprintf(stderr, "fuzz_geojson: %s: %s\n", what, incmap_ctx_message(ctx));
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024) {
        return 0; /* large inputs only slow the fuzzer down; the limits have unit tests */
    }
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = incmap_geojson_read(ctx, (const char *)data, size);
    if (inc == NULL) {
        const char *msg = incmap_ctx_message(ctx);
        if (incmap_ctx_status(ctx) == INCMAP_OK || msg[0] == '\0' || strchr(msg, '\n') != NULL) {
            broken("a failed read without a one-line message", ctx);
        }
        incmap_ctx_destroy(ctx);
        return 0;
    }
    char *text = incmap_geojson_write(ctx, inc, (size & 1) != 0);
    if (text == NULL) {
        broken("a file that reads does not write", ctx);
    }
    incmap_incidents *back = incmap_geojson_read(ctx, text, strlen(text));
    if (back == NULL) {
        broken("written GeoJSON does not read back", ctx);
    }
    if (incmap_incidents_feature_count(back) != incmap_incidents_feature_count(inc)) {
        broken("feature count changed in a round trip", ctx);
    }
    char *again = incmap_geojson_write(ctx, back, (size & 1) != 0);
    if (again == NULL || strcmp(text, again) != 0) {
        broken("write -> read -> write is not a fixed point", ctx);
    }
    incmap_free(again);
    incmap_incidents_destroy(back);
    incmap_free(text);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
    return 0;
}
