/* See default_gz.h. */
#include "default_gz.h"

#include "core/core.h"

#include <check.h>
#include <stdlib.h>

incmap_gazetteer *gz;
incmap_ctx *gctx;

void open_gazetteer(void)
{
    const char *path = getenv("INCMAP_DEFAULT_GAZETTEER");
    gctx = incmap_ctx_create();
    gz = path != NULL ? incmap_gazetteer_open(gctx, path) : NULL;
    if (gz == NULL) {
        ck_abort_msg("the default gazetteer is needed (INCMAP_DEFAULT_GAZETTEER=%s): %s; build it "
                     "with `incmap gazetteer build`",
                     path != NULL ? path : "(unset)", incmap_ctx_message(gctx));
    }
}

void close_gazetteer(void)
{
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(gctx);
}

incmap_incidents *extract_file(const char *path, const char *pub)
{
    char *text = NULL;
    size_t len = 0;
    ck_assert_msg(incmap_read_file(gctx, path, INCMAP_TEXT_MAX_BYTES, &text, &len) == INCMAP_OK,
                  "%s", incmap_ctx_message(gctx));
    incmap_extract_opts o = incmap_extract_opts_default();
    o.pub_date = pub;
    incmap_incidents *inc = incmap_extract(gz, gctx, text, len, &o);
    ck_assert_msg(inc != NULL, "%s: %s", path, incmap_ctx_message(gctx));
    free(text);
    return inc;
}

const incmap_feature *role_of(const incmap_incidents *inc, int id, incmap_role r)
{
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        if (f->incident == id && f->role == r) {
            return f;
        }
    }
    return NULL;
}
