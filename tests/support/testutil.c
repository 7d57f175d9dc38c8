/* Shared test helpers (see testutil.h). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

const char *fixture_path(const char *rel)
{
    static char buf[4096];
    const char *dir = getenv("INCMAP_FIXTURES");
    snprintf(buf, sizeof buf, "%s/%s", dir != NULL ? dir : "tests/fixtures", rel);
    return buf;
}

const char *tmp_path(const char *name)
{
    static char buf[8][4096];
    static unsigned n;
    const char *dir = getenv("INCMAP_TEST_TMP");
    char *b = buf[n % 8];
    snprintf(b, sizeof buf[0], "%s/%ld-%u-%s", dir != NULL ? dir : "/tmp", (long)getpid(), n, name);
    n++;
    return b;
}

const char *tmp_write(const char *name, const char *text)
{
    const char *path = tmp_path(name);
    FILE *f = fopen(path, "w");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
    return path;
}

int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
