/* The real default gazetteer as a Check fixture, for the geoparser's suites (test_extract,
 * test_extract_cues, test_mentions): opened from $INCMAP_DEFAULT_GAZETTEER, or the test aborts
 * saying how to build it. */
#ifndef INCMAP_DEFAULT_GZ_H
#define INCMAP_DEFAULT_GZ_H

#include "incmap/incmap.h"

extern incmap_gazetteer *gz;
extern incmap_ctx *gctx;

void open_gazetteer(void);  /* checked fixture setup */
void close_gazetteer(void); /* checked fixture teardown */
/* Extracts the report at PATH with publication date PUB (or NULL); fails the test on error. */
incmap_incidents *extract_file(const char *path, const char *pub);
/* The feature of incident ID with ROLE, or NULL. */
const incmap_feature *role_of(const incmap_incidents *inc, int id, incmap_role r);

#endif
