/* libFuzzer target for the geoparser: report text -> mentions (stage one) and report text ->
 * incidents (the whole of incmap_extract), over a small in-memory gazetteer (fuzz_fixture.h).
 * Whatever the text, both stages must end in a result or a one-line error, agree on which
 * texts they reject, return mentions in text order without overlap and inside the text, and
 * produce incidents that write as GeoJSON and read back with the same number of features. A
 * broken promise aborts, so the fuzzer reports it as a crash. Input "F:" + lines runs the
 * structured form (launch, target, sites) instead. Seeds: tests/fuzz/corpus/extract/. */
#include "fuzz_fixture.h"
#include "incmap/extract.h"

#include <math.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what, const incmap_ctx *ctx)
{
    fprintf(stderr, "fuzz_extract: %s: %s\n", what, ctx != NULL ? incmap_ctx_message(ctx) : "");
    abort();
}

static void check_failure(const incmap_ctx *ctx, const char *stage)
{
    const char *msg = incmap_ctx_message(ctx);
    if (incmap_ctx_status(ctx) == INCMAP_OK || msg[0] == '\0' || strchr(msg, '\n') != NULL) {
        broken(stage, ctx);
    }
}

static void check_mentions(const incmap_mentions *m, size_t size)
{
    size_t prev_end = 0;
    long prev_cp = 0;
    for (size_t i = 0; i < incmap_mentions_count(m); i++) {
        const incmap_mention *x = incmap_mentions_get(m, i);
        if (x == NULL || x->place == NULL || x->text == NULL) {
            broken("a mention without place or text", NULL);
        }
        if (x->byte_start >= x->byte_end || x->byte_end > size || x->byte_start < prev_end ||
            x->start >= x->end || x->start < prev_cp) {
            broken("mentions out of order, overlapping or outside the text", NULL);
        }
        if (!(x->confidence >= 0 && x->confidence <= 1)) {
            broken("a mention confidence outside 0..1", NULL);
        }
        prev_end = x->byte_end;
        prev_cp = x->end;
    }
}

static void check_incidents(incmap_ctx *ctx, const incmap_incidents *inc)
{
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        if (f->geom == NULL) {
            broken("a feature without geometry", NULL);
        }
        for (size_t k = 0; k < 2 * f->geom->npoints; k++) {
            if (!isfinite(f->geom->xy[k])) {
                broken("a non-finite coordinate", NULL);
            }
        }
    }
    char *text = incmap_geojson_write(ctx, inc, false);
    if (text == NULL) {
        broken("extracted incidents do not write as GeoJSON", ctx);
    }
    incmap_incidents *back = incmap_geojson_read(ctx, text, strlen(text));
    if (back == NULL) {
        broken("extracted GeoJSON does not read back", ctx);
    }
    if (incmap_incidents_feature_count(back) != incmap_incidents_feature_count(inc)) {
        broken("feature count changed reading extracted GeoJSON back", ctx);
    }
    incmap_incidents_destroy(back);
    incmap_free(text);
}

/* "F:" launch \n target \n site... : the structured form. */
static void run_fields(incmap_gazetteer *gz, const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1);
    if (buf == NULL) {
        return;
    }
    memcpy(buf, data, size);
    buf[size] = '\0';
    const char *parts[8] = {NULL};
    size_t n = 0;
    for (char *p = buf + 2, *nl; n < 8; p = nl + 1) {
        parts[n++] = p;
        if ((nl = strchr(p, '\n')) == NULL) {
            break;
        }
        *nl = '\0';
    }
    incmap_extract_fields f = {n > 0 && parts[0][0] ? parts[0] : NULL,
                               n > 1 && parts[1][0] ? parts[1] : NULL,
                               parts + 2,
                               n > 2 ? n - 2 : 0,
                               NULL,
                               (size & 4) != 0 ? "2024-04-22" : NULL};
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = incmap_extract_fields_run(gz, ctx, &f);
    if (inc == NULL) {
        check_failure(ctx, "structured extract failed without a one-line message");
    } else {
        check_incidents(ctx, inc);
    }
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024) {
        return 0; /* large inputs only slow the fuzzer down; the size limit has its own tests */
    }
    incmap_gazetteer *gz = fixture_gazetteer();
    if (size >= 2 && data[0] == 'F' && data[1] == ':') {
        run_fields(gz, data, size);
        return 0;
    }
    const char *text = (const char *)data;
    incmap_ctx *ctx = incmap_ctx_create();
    bool text_ok = incmap_text_check(ctx, text, size) == INCMAP_OK;
    if (!text_ok) {
        check_failure(ctx, "text check failed without a one-line message");
    }
    incmap_mentions *m = incmap_mentions_extract(gz, ctx, text, size);
    if (m == NULL) {
        check_failure(ctx, "mentions failed without a one-line message");
        if (text_ok && incmap_ctx_status(ctx) != INCMAP_ERR_NOMEM) {
            broken("mentions rejected a text the text check accepts", ctx);
        }
    } else {
        if (!text_ok) {
            broken("mentions accepted a text the text check rejects", NULL);
        }
        check_mentions(m, size);
    }
    incmap_extract_opts o = incmap_extract_opts_default();
    o.pub_date = (size & 1) != 0 ? "2024-04-22" : NULL;
    o.mentions = (size & 2) == 0;
    incmap_incidents *inc = incmap_extract(gz, ctx, text, size, &o);
    if (inc == NULL) {
        check_failure(ctx, "extract failed without a one-line message");
        if (m != NULL && incmap_ctx_status(ctx) != INCMAP_ERR_NOMEM) {
            broken("extract rejected a text that mentions accepted", ctx);
        }
    } else {
        if (m == NULL) {
            broken("extract accepted a text that mentions rejected", NULL);
        }
        check_incidents(ctx, inc);
    }
    incmap_incidents_destroy(inc);
    incmap_mentions_destroy(m);
    incmap_ctx_destroy(ctx);
    return 0;
}
