/* Core plumbing: ctx errors, geometry values, the incidents model, atomic files. */
#include "core/core.h"
#include "core/vec.h"
#include "testutil.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* GCC says __SANITIZE_ADDRESS__, clang __has_feature(address_sanitizer) */
#if defined(__SANITIZE_ADDRESS__)
#define INCMAP_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define INCMAP_TEST_ASAN 1
#endif
#endif
#ifndef INCMAP_TEST_ASAN
#define INCMAP_TEST_ASAN 0
#endif

START_TEST(grow_doubles_and_keeps_contents)
{
    int *v = NULL;
    size_t cap = 0;
    ck_assert_int_eq(incmap_grow((void **)&v, &cap, 1, sizeof *v), INCMAP_OK);
    ck_assert_uint_eq(cap, 16);
    for (int i = 0; i < 16; i++) {
        v[i] = i;
    }
    ck_assert_int_eq(incmap_grow((void **)&v, &cap, 16, sizeof *v), INCMAP_OK);
    ck_assert_uint_eq(cap, 16); /* room enough: nothing moves */
    ck_assert_int_eq(incmap_grow((void **)&v, &cap, 17, sizeof *v), INCMAP_OK);
    ck_assert_uint_eq(cap, 32);
    ck_assert_int_eq(incmap_grow((void **)&v, &cap, 1000, sizeof *v), INCMAP_OK);
    ck_assert_uint_eq(cap, 1024);
    for (int i = 0; i < 16; i++) {
        ck_assert_int_eq(v[i], i);
    }
    v[999] = 7; /* the whole capacity is usable (ASan/valgrind check it) */
    free(v);
}
END_TEST

START_TEST(grow_refuses_overflow_and_keeps_the_old_buffer)
{
    double *v = NULL;
    size_t cap = 0;
    ck_assert_int_eq(incmap_grow((void **)&v, &cap, 3, sizeof *v), INCMAP_OK);
    v[0] = 1.5, v[2] = 2.5;
    double *old = v;
    /* need * elem_size wraps around size_t: refused before any allocation */
    ck_assert_int_eq(incmap_grow((void **)&v, &cap, SIZE_MAX / sizeof *v + 1, sizeof *v),
                     INCMAP_ERR_NOMEM);
    ck_assert_int_eq(incmap_grow((void **)&v, &cap, SIZE_MAX, 2), INCMAP_ERR_NOMEM);
    ck_assert_ptr_eq(v, old);
    ck_assert_uint_eq(cap, 16);
#if !INCMAP_TEST_ASAN /* ASan aborts on impossible sizes instead of returning NULL */
    /* no overflow, but more than realloc can give: the same, the old buffer untouched */
    ck_assert_int_eq(incmap_grow((void **)&v, &cap, (size_t)PTRDIFF_MAX / sizeof *v, sizeof *v),
                     INCMAP_ERR_NOMEM);
    ck_assert_ptr_eq(v, old);
    ck_assert_uint_eq(cap, 16);
#endif
    ck_assert(v[0] == 1.5 && v[2] == 2.5);
    free(v);
}
END_TEST

START_TEST(ctx_reports_one_line_message)
{
    incmap_ctx *ctx = incmap_ctx_create();
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_OK);
    ck_assert_int_eq(incmap_fail(ctx, INCMAP_ERR_IO, "cannot open %s\nnext", "x.txt"),
                     INCMAP_ERR_IO);
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_IO);
    ck_assert_str_eq(incmap_ctx_message(ctx), "cannot open x.txt next");
    incmap_ctx_clear(ctx);
    ck_assert_str_eq(incmap_ctx_message(ctx), "");
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(geom_contains_respects_holes)
{
    /* a 10x10 square with a 2x2 hole in the middle */
    incmap_geom *g = incmap_geom_create(INCMAP_GEOM_POLYGON, 10, 2, 1);
    const double xy[] = {0, 0, 10, 0, 10, 10, 0, 10, 0, 0, 4, 4, 4, 6, 6, 6, 6, 4, 4, 4};
    memcpy(g->xy, xy, sizeof xy);
    g->ring_end[0] = 5;
    g->ring_end[1] = 10;
    g->poly_end[0] = 2;
    ck_assert(incmap_geom_contains(g, (incmap_lonlat){1, 1}));
    ck_assert(!incmap_geom_contains(g, (incmap_lonlat){5, 5}));
    ck_assert(!incmap_geom_contains(g, (incmap_lonlat){11, 5}));
    double bb[4];
    ck_assert(incmap_geom_bbox(g, bb));
    ck_assert(bb[0] == 0 && bb[1] == 0 && bb[2] == 10 && bb[3] == 10);
    incmap_geom_destroy(g);
}
END_TEST

START_TEST(incidents_copy_features_deeply)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = incmap_incidents_create(ctx);
    incmap_feature f = incmap_feature_init();
    char name[] = "Zummar";
    f.name = name;
    f.incident = 2;
    f.role = INCMAP_ROLE_LAUNCH;
    f.geom = incmap_geom_point(42.6, 36.65);
    ck_assert_int_eq(incmap_incidents_add(inc, ctx, &f), INCMAP_OK);
    name[0] = 'X';
    incmap_geom_destroy(f.geom);
    const incmap_feature *g = incmap_incidents_feature(inc, 0);
    ck_assert_str_eq(g->name, "Zummar");
    ck_assert(isnan(g->distance_km));
    ck_assert_int_eq(incmap_incidents_count(inc), 2);
    ck_assert_str_eq(incmap_role_str(g->role), "launch");
    ck_assert_int_eq(incmap_role_parse("target"), INCMAP_ROLE_TARGET);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(incidents_set_report_names_every_feature)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = incmap_incidents_create(ctx);
    incmap_feature f = incmap_feature_init();
    f.geom = incmap_geom_point(44.0, 36.2);
    ck_assert_int_eq(incmap_incidents_add(inc, ctx, &f), INCMAP_OK);
    f.incident = 1;
    f.role = INCMAP_ROLE_TARGET;
    ck_assert_int_eq(incmap_incidents_add(inc, ctx, &f), INCMAP_OK);
    incmap_geom_destroy(f.geom);
    char id[] = "wire-17";
    ck_assert_int_eq(incmap_incidents_set_report(inc, ctx, id), INCMAP_OK);
    id[0] = 'X'; /* copied, not borrowed */
    for (size_t i = 0; i < 2; i++) {
        ck_assert_str_eq(incmap_incidents_feature(inc, i)->report, "wire-17");
    }
    ck_assert_int_eq(incmap_incidents_set_report(inc, ctx, NULL), INCMAP_OK);
    ck_assert_ptr_null(incmap_incidents_feature(inc, 1)->report);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(atomic_file_leaves_nothing_on_abort)
{
    incmap_ctx *ctx = incmap_ctx_create();
    const char *path = tmp_path("atomic.txt");
    incmap_atomic_file *f = incmap_afile_open(ctx, path);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(incmap_afile_write(f, "abc", 3), INCMAP_OK);
    struct stat st;
    ck_assert_int_ne(stat(path, &st), 0); /* not visible before commit */
    incmap_afile_abort(f);
    ck_assert_int_ne(stat(path, &st), 0);
    ck_assert_int_eq(incmap_write_file_atomic(ctx, path, "hello", 5), INCMAP_OK);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_size, 5);
    remove(path);
    ck_assert_int_eq(incmap_write_file_atomic(ctx, "/nonexistent-dir/x.txt", "a", 1),
                     INCMAP_ERR_IO);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "/nonexistent-dir/x.txt"));
    incmap_ctx_destroy(ctx);
}
END_TEST

static Suite *core_suite(void)
{
    Suite *s = suite_create("core");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, grow_doubles_and_keeps_contents);
    tcase_add_test(tc, grow_refuses_overflow_and_keeps_the_old_buffer);
    tcase_add_test(tc, ctx_reports_one_line_message);
    tcase_add_test(tc, geom_contains_respects_holes);
    tcase_add_test(tc, incidents_copy_features_deeply);
    tcase_add_test(tc, incidents_set_report_names_every_feature);
    tcase_add_test(tc, atomic_file_leaves_nothing_on_abort);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(core_suite());
}
