/* Test support: the public gazetteer readers called through a const handle (const_gz.c). */
#ifndef INCMAP_TEST_CONST_GZ_H
#define INCMAP_TEST_CONST_GZ_H

#include "incmap/incmap.h"

/* Looks up, suggests, reads geometry and borders, and extracts REPORT, all through CGZ; true
 * when every call answered. */
bool const_gz_exercise(const incmap_gazetteer *cgz, incmap_ctx *ctx, const char *report);

#endif
