/* Helpers shared by the Check suites: fixture paths and a standard main(). */
#ifndef INCMAP_TESTUTIL_H
#define INCMAP_TESTUTIL_H

#include <check.h>
#include <stddef.h>

/* $INCMAP_FIXTURES/<rel> in a static buffer (tests/fixtures when unset). */
const char *fixture_path(const char *rel);
/* A fresh path under $INCMAP_TEST_TMP (build/tests/tmp), unique per process and call. */
const char *tmp_path(const char *name);
/* Writes text to a fresh tmp_path(name) and returns the path (fails the test on error). */
const char *tmp_write(const char *name, const char *text);
/* Runs one suite in fork mode; returns the process exit status. */
int run_suite(Suite *s);

#endif
