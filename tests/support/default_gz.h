/* A gazetteer as a Check fixture, for the geoparser's suites: opened from $INCMAP_TEST_GAZETTEER,
 * or the test aborts saying how to get it. ctest points the unit suites (test_extract,
 * test_extract_cues, test_mentions) at the fixture gazetteer it builds from committed sources,
 * and the real-data suites (tests/real/) at the default gazetteer. */
#ifndef INCMAP_DEFAULT_GZ_H
#define INCMAP_DEFAULT_GZ_H

#include "incmap/incmap.h"

extern incmap_gazetteer *gz;
extern incmap_ctx *gctx;

void open_gazetteer(void);  /* checked fixture setup */
void close_gazetteer(void); /* checked fixture teardown */
/* For the real-data suites' main: true (after one line on stderr) when $INCMAP_TEST_GAZETTEER is
 * not there to read. */
bool real_gazetteer_missing(void);
/* Extracts the report at PATH with publication date PUB (or NULL); fails the test on error. */
incmap_incidents *extract_file(const char *path, const char *pub);
/* The feature of incident ID with ROLE, or NULL. */
const incmap_feature *role_of(const incmap_incidents *inc, int id, incmap_role r);
/* Extracts TEXT (or the fixture at REL under tests/fixtures) with publication date PUB (or NULL);
 * fails the test on error. */
incmap_incidents *run_text(const char *text, const char *pub);
incmap_incidents *run_file(const char *rel, const char *pub);
/* The feature with this text in incident ID (0: context mentions), or NULL. */
const incmap_feature *by_text(const incmap_incidents *inc, int id, const char *text);
/* True when no feature of a role other than "mention" (or "border") has this text. */
bool only_mention(const incmap_incidents *inc, const char *text);
/* A site or target of incident ID with this text, or NULL. */
const incmap_feature *site_with_text(const incmap_incidents *inc, int id, const char *text);
/* Asserts that incident ID has ROLE with this text and country; returns it. */
const incmap_feature *expect(const incmap_incidents *inc, int id, incmap_role r, const char *text,
                             const char *cc);
/* The mentions of S on the fixture's gazetteer; fails the test on error. Owned:
 * incmap_mentions_destroy(). */
incmap_mentions *mentions_of(const char *s);
/* The mention of M whose text is exactly W, or NULL (borrowed from M). */
const incmap_mention *mention_find(const incmap_mentions *m, const char *w);

#endif
