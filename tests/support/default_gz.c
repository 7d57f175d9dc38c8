/* See default_gz.h. */
#include "default_gz.h"

#include "core/core.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

incmap_gazetteer *gz;
incmap_ctx *gctx;

void open_gazetteer(void)
{
    const char *path = getenv("INCMAP_TEST_GAZETTEER");
    gctx = incmap_ctx_create();
    gz = path != NULL ? incmap_gazetteer_open(gctx, path) : NULL;
    if (gz == NULL) {
        ck_abort_msg("the test gazetteer is needed (INCMAP_TEST_GAZETTEER=%s): %s; run the suite "
                     "through ctest, whose test fixture_gazetteer builds it",
                     path != NULL ? path : "(unset)", incmap_ctx_message(gctx));
    }
}

bool real_gazetteer_missing(void)
{
    const char *path = getenv("INCMAP_TEST_GAZETTEER");
    if (path != NULL && access(path, R_OK) == 0) {
        return false;
    }
    /* one line instead of one abort per test: the cause is the same for all of them */
    fprintf(stderr,
            "FAIL: this real-data suite needs the default gazetteer, missing at '%s' "
            "(INCMAP_TEST_GAZETTEER); build it: gazetteer/fetch-sources build/sources && "
            "incmap gazetteer build\n",
            path != NULL ? path : "");
    return true;
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

incmap_incidents *run_text(const char *text, const char *pub)
{
    incmap_extract_opts o = incmap_extract_opts_default();
    o.pub_date = pub;
    incmap_incidents *inc = incmap_extract(gz, gctx, text, strlen(text), &o);
    ck_assert_msg(inc != NULL, "%s", incmap_ctx_message(gctx));
    return inc;
}

incmap_incidents *run_file(const char *rel, const char *pub)
{
    return extract_file(fixture_path(rel), pub);
}

/* The feature with this text in incident ID (0: context mentions), or NULL. */
const incmap_feature *by_text(const incmap_incidents *inc, int id, const char *text)
{
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        if (f->incident == id && f->text != NULL && strcmp(f->text, text) == 0) {
            return f;
        }
    }
    return NULL;
}

bool only_mention(const incmap_incidents *inc, const char *text)
{
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        if (f->text != NULL && strcmp(f->text, text) == 0 && f->role != INCMAP_ROLE_MENTION &&
            f->role != INCMAP_ROLE_BORDER) {
            return false;
        }
    }
    return true;
}

/* Asserts that incident ID has ROLE with this text and country; returns it. */
const incmap_feature *expect(const incmap_incidents *inc, int id, incmap_role r, const char *text,
                             const char *cc)
{
    const incmap_feature *f = role_of(inc, id, r);
    ck_assert_msg(f != NULL, "incident %d lacks role %d (%s)", id, (int)r, text);
    ck_assert_str_eq(f->text, text);
    ck_assert_str_eq(f->country, cc);
    return f;
}

const incmap_feature *site_with_text(const incmap_incidents *inc, int id, const char *text)
{
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        if (f->incident == id && (f->role == INCMAP_ROLE_SITE || f->role == INCMAP_ROLE_TARGET) &&
            f->text != NULL && strcmp(f->text, text) == 0) {
            return f;
        }
    }
    return NULL;
}

incmap_mentions *mentions_of(const char *text)
{
    incmap_mentions *m = incmap_mentions_extract(gz, gctx, text, strlen(text));
    ck_assert_msg(m != NULL, "%s", incmap_ctx_message(gctx));
    return m;
}

const incmap_mention *mention_find(const incmap_mentions *m, const char *w)
{
    for (size_t i = 0; i < incmap_mentions_count(m); i++) {
        if (strcmp(incmap_mentions_get(m, i)->text, w) == 0) {
            return incmap_mentions_get(m, i);
        }
    }
    return NULL;
}
