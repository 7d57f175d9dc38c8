/* OGR stage: the field list is the GeoJSON schema table's; a report's features written to a
 * GeoPackage (one mixed layer, or one layer per geometry type) read back field for field; a
 * source without the schema, or with a value that breaks it, is refused naming the field; an
 * existing output is kept unless overwriting is allowed. No database: PostGIS is e2e_postgis. */
#include "geojson/geojson_int.h"
#include "incmap/ogr.h"
#include "ogr/ogr_int.h"
#include "testutil.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

START_TEST(fields_are_the_geojson_schema_in_order)
{
    incmap_ogr_begin(); /* builds the list */
    incmap_ogr_end();
    ck_assert_str_eq(incmap_ogr_fields[OGR_F_ID].name, "id");
    ck_assert_str_eq(incmap_ogr_fields[OGR_F_INCIDENT].name, "incident");
    ck_assert_str_eq(incmap_ogr_fields[OGR_F_ROLE].name, "role");
    for (size_t i = 0; i < GJ_NPROPS; i++) {
        const ogr_field *f = &incmap_ogr_fields[3 + i];
        ck_assert_str_eq(f->name, incmap_geojson_props[i].key);
        OGRFieldType want = incmap_geojson_props[i].type == GJ_INT    ? OFTInteger
                            : incmap_geojson_props[i].type == GJ_LONG ? OFTInteger
                            : incmap_geojson_props[i].type == GJ_REAL ? OFTReal
                            : incmap_geojson_props[i].type == GJ_DATE ? OFTDate
                                                                      : OFTString;
        ck_assert_int_eq(f->type, want);
    }
}
END_TEST

/* The model's strings are char * (the collection owns copies): literals go in through this. */
static char *mut(const char *s)
{
    return (char *)(uintptr_t)s;
}

/* A launch point, a target polygon with a hole, a border multi-line and a mention. */
static incmap_incidents *sample(incmap_ctx *ctx)
{
    incmap_incidents *inc = incmap_incidents_create(ctx);
    incmap_feature f = incmap_feature_init();
    f.incident = 1;
    f.role = INCMAP_ROLE_LAUNCH;
    f.name = mut("Zummār");
    f.text = mut("Zummar");
    f.start = 38;
    f.end = 44;
    f.kind = INCMAP_KIND_PLACE;
    f.country = mut("IQ");
    f.precision = 1;
    f.uncertainty_km = 2.5;
    f.confidence = 0.875;
    f.event_type = mut("rocket attack");
    f.date = mut("2024-04-21");
    f.fatalities = 0;
    f.injured = 3;
    f.distance_km = 123.4567;
    f.bearing_deg = 301.25;
    f.geom = incmap_geom_point(42.1234567, 36.7654321);
    ck_assert_int_eq(incmap_incidents_add(inc, ctx, &f), INCMAP_OK);
    incmap_geom_destroy(f.geom);
    f.role = INCMAP_ROLE_TARGET;
    f.name = mut("northeastern Syria");
    f.kind = INCMAP_KIND_REGION;
    f.country = mut("SY");
    f.fatalities = -1;
    f.distance_km = NAN;
    /* clockwise shell and counter-clockwise hole: written the other way round (right-hand rule) */
    f.geom = incmap_geom_create(INCMAP_GEOM_POLYGON, 8, 2, 1);
    const double xy[] = {40,   36,   40,   37,   41,   37,   41,   36,
                         40.2, 36.2, 40.8, 36.2, 40.8, 36.8, 40.2, 36.8};
    memcpy(f.geom->xy, xy, sizeof xy);
    f.geom->ring_end[0] = 4;
    f.geom->ring_end[1] = 8;
    f.geom->poly_end[0] = 2;
    ck_assert_int_eq(incmap_incidents_add(inc, ctx, &f), INCMAP_OK);
    incmap_geom_destroy(f.geom);
    f.role = INCMAP_ROLE_BORDER;
    f.name = mut("Iraq–Syria border");
    f.geom = incmap_geom_create(INCMAP_GEOM_MULTILINESTRING, 4, 2, 0);
    const double line[] = {41, 34, 41.5, 35, 41.6, 35.1, 42, 36};
    memcpy(f.geom->xy, line, sizeof line);
    f.geom->ring_end[0] = 2;
    f.geom->ring_end[1] = 4;
    ck_assert_int_eq(incmap_incidents_add(inc, ctx, &f), INCMAP_OK);
    incmap_geom_destroy(f.geom);
    incmap_feature m = incmap_feature_init();
    m.incident = 0;
    m.role = INCMAP_ROLE_MENTION;
    m.name = mut("Baghdad");
    m.report = mut("wire-7");
    m.geom = incmap_geom_point(44.4, 33.3);
    ck_assert_int_eq(incmap_incidents_add(inc, ctx, &m), INCMAP_OK);
    incmap_geom_destroy(m.geom);
    return inc;
}

static void same_feature(const incmap_feature *a, const incmap_feature *b)
{
    ck_assert_int_eq(a->incident, b->incident);
    ck_assert_int_eq(a->role, b->role);
    for (size_t i = 0; i < GJ_NPROPS; i++) {
        const gj_prop *p = &incmap_geojson_props[i];
        const char *x = (const char *)a + p->offset, *y = (const char *)b + p->offset;
        switch (p->type) {
        case GJ_STR:
        case GJ_DATE: {
            const char *s = *(char *const *)(const void *)x, *t = *(char *const *)(const void *)y;
            ck_assert_msg((s == NULL) == (t == NULL) && (s == NULL || strcmp(s, t) == 0),
                          "%s: '%s' read back as '%s'", p->key, s ? s : "(null)", t ? t : "(null)");
            break;
        }
        case GJ_INT:
            ck_assert_msg(*(const int *)(const void *)x == *(const int *)(const void *)y, "%s",
                          p->key);
            break;
        case GJ_LONG:
            ck_assert_msg(*(const long *)(const void *)x == *(const long *)(const void *)y, "%s",
                          p->key);
            break;
        case GJ_REAL: {
            double u = *(const double *)(const void *)x, v = *(const double *)(const void *)y;
            double r = isnan(u) ? u : incmap_geojson_round(u, p->decimals);
            ck_assert_msg((isnan(r) && isnan(v)) || r == v, "%s: %g read back as %g", p->key, r, v);
            break;
        }
        case GJ_KIND:
            ck_assert_int_eq(*(const incmap_kind *)(const void *)x,
                             *(const incmap_kind *)(const void *)y);
            break;
        }
    }
    ck_assert_int_eq(a->geom->type, b->geom->type);
    ck_assert_uint_eq(a->geom->nrings, b->geom->nrings);
}

START_TEST(gpkg_round_trip_keeps_every_field)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = sample(ctx);
    const char *path = tmp_path("round.gpkg");
    incmap_ogr_opts o = incmap_ogr_opts_default();
    o.driver = "gpkg"; /* any case */
    o.report = "report-1";
    ck_assert_msg(incmap_ogr_write(ctx, inc, path, &o) == INCMAP_OK, "%s", incmap_ctx_message(ctx));
    incmap_incidents *back = incmap_ogr_read(ctx, path, NULL, NULL);
    ck_assert_msg(back != NULL, "%s", incmap_ctx_message(ctx));
    ck_assert_uint_eq(incmap_incidents_feature_count(back), 4);
    for (size_t i = 0; i < 4; i++) {
        incmap_feature want = *incmap_incidents_feature(inc, i);
        if (want.report == NULL) {
            want.report = mut("report-1"); /* the key given for features without one */
        }
        same_feature(&want, incmap_incidents_feature(back, i));
    }
    /* coordinates rounded to 6 decimals, longitude first */
    const incmap_geom *g = incmap_incidents_feature(back, 0)->geom;
    ck_assert(g->xy[0] == 42.123457 && g->xy[1] == 36.765432);
    /* the shell runs counter-clockwise now, as the GeoJSON writer turns it: (41,36) (41,37) */
    const incmap_geom *poly = incmap_incidents_feature(back, 1)->geom;
    ck_assert(poly->xy[0] == 41 && poly->xy[1] == 36 && poly->xy[2] == 41 && poly->xy[3] == 37);
    /* with the report filter, only that report */
    incmap_incidents *one = incmap_ogr_read(ctx, path, "incidents", "wire-7");
    ck_assert_ptr_nonnull(one);
    ck_assert_uint_eq(incmap_incidents_feature_count(one), 1);
    incmap_incidents_destroy(one);
    incmap_incidents_destroy(back);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(split_geometry_makes_one_layer_per_type)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = sample(ctx);
    const char *path = tmp_path("split.gpkg");
    incmap_ogr_opts o = incmap_ogr_opts_default();
    o.driver = "GPKG";
    o.split_geometry = true;
    ck_assert_int_eq(incmap_ogr_write(ctx, inc, path, &o), INCMAP_OK);
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    ck_assert_ptr_nonnull(ds);
    ck_assert_int_eq(GDALDatasetGetLayerCount(ds), 3);
    static const char *const names[] = {"incidents_point", "incidents_polygon", "incidents_line"};
    static const OGRwkbGeometryType types[] = {wkbPoint, wkbMultiPolygon, wkbMultiLineString};
    static const GIntBig counts[] = {2, 1, 1};
    for (int i = 0; i < 3; i++) {
        OGRLayerH l = GDALDatasetGetLayerByName(ds, names[i]);
        ck_assert_msg(l != NULL, "no layer %s", names[i]);
        ck_assert_int_eq(OGR_L_GetGeomType(l), types[i]);
        ck_assert_int_eq(OGR_L_GetFeatureCount(l, TRUE), counts[i]);
    }
    GDALClose(ds);
    /* read back: every feature, from every layer */
    incmap_incidents *back = incmap_ogr_read(ctx, path, NULL, NULL);
    ck_assert_ptr_nonnull(back);
    ck_assert_uint_eq(incmap_incidents_feature_count(back), 4);
    incmap_incidents_destroy(back);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(existing_output_kept_unless_overwriting)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = sample(ctx);
    const char *path = tmp_path("kept.fgb");
    FILE *fp = fopen(path, "w");
    fputs("mine\n", fp);
    fclose(fp);
    incmap_ctx_set_overwrite(ctx, false);
    incmap_ogr_opts o = incmap_ogr_opts_default();
    o.driver = "FlatGeobuf";
    ck_assert_int_eq(incmap_ogr_write(ctx, inc, path, &o), INCMAP_ERR_IO);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "exists"));
    char buf[16] = {0};
    fp = fopen(path, "r");
    ck_assert_ptr_nonnull(fgets(buf, sizeof buf, fp));
    fclose(fp);
    ck_assert_str_eq(buf, "mine\n");
    incmap_ctx_set_overwrite(ctx, true);
    ck_assert_int_eq(incmap_ogr_write(ctx, inc, path, &o), INCMAP_OK);
    incmap_incidents *back = incmap_ogr_read(ctx, path, NULL, NULL);
    ck_assert_ptr_nonnull(back);
    ck_assert_uint_eq(incmap_incidents_feature_count(back), 4);
    incmap_incidents_destroy(back);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(unknown_driver_lists_the_writable_ones)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = sample(ctx);
    incmap_ogr_opts o = incmap_ogr_opts_default();
    o.driver = "NoSuchDriver";
    ck_assert_int_eq(incmap_ogr_write(ctx, inc, tmp_path("x.none"), &o), INCMAP_ERR_INVALID_ARG);
    const char *msg = incmap_ctx_message(ctx);
    ck_assert_ptr_nonnull(strstr(msg, "'NoSuchDriver'"));
    ck_assert_ptr_nonnull(strstr(msg, "GPKG"));
    ck_assert_ptr_nonnull(strstr(msg, "ESRI Shapefile"));
    ck_assert_ptr_null(strstr(msg, "GTiff")); /* raster only */
    ck_assert_ptr_null(strchr(msg, '\n'));
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* A GeoPackage written by hand with GDAL, with the given fields and one value. */
static const char *handmade(const char *name, bool with_role, const char *precision)
{
    const char *path = tmp_path(name);
    incmap_ogr_begin();
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GPKG"), path, 0, 0, 0, GDT_Unknown, NULL);
    OGRLayerH l = GDALDatasetCreateLayer(ds, "edited", NULL, wkbPoint, NULL);
    const char *fields[] = {"incident", "role", "precision"};
    for (int i = 0; i < 3; i++) {
        if (i != 1 || with_role) {
            OGRFieldDefnH fd = OGR_Fld_Create(fields[i], OFTString); /* as a CSV reads */
            OGR_L_CreateField(l, fd, TRUE);
            OGR_Fld_Destroy(fd);
        }
    }
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
    OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "incident"), "1");
    if (with_role) {
        OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "role"), "launch");
    }
    OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "precision"), precision);
    OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(g, 0, 42, 36);
    OGR_F_SetGeometryDirectly(f, g);
    ck_assert_int_eq(OGR_L_CreateFeature(l, f), OGRERR_NONE);
    OGR_F_Destroy(f);
    GDALClose(ds);
    incmap_ogr_end();
    return path;
}

START_TEST(reader_names_the_missing_or_bad_field)
{
    incmap_ctx *ctx = incmap_ctx_create();
    char path[4096];
    snprintf(path, sizeof path, "%s", handmade("norole.gpkg", false, "1"));
    ck_assert_ptr_null(incmap_ogr_read(ctx, path, NULL, NULL));
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_PARSE);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "layer edited: no \"role\" field"));
    snprintf(path, sizeof path, "%s", handmade("badprec.gpkg", true, "high"));
    ck_assert_ptr_null(incmap_ogr_read(ctx, path, NULL, NULL));
    ck_assert_msg(strstr(incmap_ctx_message(ctx), "feature 1: precision: 'high' is not a number") !=
                      NULL,
                  "%s", incmap_ctx_message(ctx));
    snprintf(path, sizeof path, "%s", handmade("okprec.gpkg", true, "2"));
    incmap_incidents *inc = incmap_ogr_read(ctx, path, NULL, NULL);
    ck_assert_msg(inc != NULL, "%s", incmap_ctx_message(ctx));
    ck_assert_int_eq(incmap_incidents_feature(inc, 0)->precision, 2); /* numbers in text fields */
    ck_assert_ptr_null(incmap_incidents_feature(inc, 0)->name);       /* absent: null */
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

static Suite *ogr_suite(void)
{
    Suite *s = suite_create("ogr");
    TCase *tc = tcase_create("ogr");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, fields_are_the_geojson_schema_in_order);
    tcase_add_test(tc, gpkg_round_trip_keeps_every_field);
    tcase_add_test(tc, split_geometry_makes_one_layer_per_type);
    tcase_add_test(tc, existing_output_kept_unless_overwriting);
    tcase_add_test(tc, unknown_driver_lists_the_writable_ones);
    tcase_add_test(tc, reader_names_the_missing_or_bad_field);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(ogr_suite());
}
