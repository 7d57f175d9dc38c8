/* Gazetteer build, the output primitives every source stage uses: one entry or name goes to both
 * the index writer and the GeoPackage's places/areas/names layers, each source is recorded in
 * its sources layer, and progress and OGR errors are reported the same way for all stages. */
#include "build/build_internal.h"
#include "core/vec.h"
#include "text/fold.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <ogr_srs_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PL_GID, PL_NAME, PL_KIND, PL_COUNTRY, PL_ADMIN1, PL_ADMIN2, PL_POP, PL_FCODE, PL_SOURCE };
enum { AR_GID, AR_NAME, AR_KIND, AR_COUNTRY, AR_ADMIN1, AR_ISO_A3 };

void build_progress(const build *b, const char *stage, uint64_t done, uint64_t total)
{
    if (b->opts->progress != NULL) {
        b->opts->progress(b->opts->progress_user, stage, done, total);
    }
}

incmap_status build_gdal_fail(build *b, const char *what)
{
    const char *msg = CPLGetLastErrorMsg();
    return incmap_fail(b->ctx, INCMAP_ERR_GDAL, "%s: %s", what,
                       msg != NULL && msg[0] != '\0' ? msg : "GDAL error");
}

static const char *tier_str(incmap_match t)
{
    static const char *const s[] = {"exact", "alias", "variant", "demonym", "tolerant"};
    return (unsigned)t < sizeof s / sizeof s[0] ? s[t] : "alias";
}

static const char *kind_str(incmap_kind k)
{
    static const char *const s[] = {"any", "country", "admin1", "region", "place", "site"};
    return (unsigned)k < sizeof s / sizeof s[0] ? s[k] : "place";
}

static void set_str(OGRFeatureH f, int field, const char *s)
{
    if (s != NULL && s[0] != '\0') {
        OGR_F_SetFieldString(f, field, s);
    } else {
        OGR_F_SetFieldNull(f, field);
    }
}

void build_names_reset(build *b, int64_t idx)
{
    for (size_t i = 0; i < b->nnames_seen; i++) {
        free(b->names_seen[i]);
    }
    b->nnames_seen = 0;
    b->names_idx = idx;
}

static void set_place_fields(OGRFeatureH f, const incmap_gzw_entry *e, const char *source,
                             const char *admin2)
{
    set_str(f, PL_GID, e->id);
    set_str(f, PL_NAME, e->name);
    set_str(f, PL_KIND, kind_str(e->kind));
    set_str(f, PL_COUNTRY, e->country);
    set_str(f, PL_ADMIN1, e->admin1);
    set_str(f, PL_ADMIN2, admin2);
    if (e->population >= 0) {
        OGR_F_SetFieldInteger64(f, PL_POP, e->population);
    } else {
        OGR_F_SetFieldNull(f, PL_POP);
    }
    set_str(f, PL_FCODE, e->feature_code);
    set_str(f, PL_SOURCE, source);
    OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(pt, 0, e->lon_deg, e->lat_deg);
    OGR_F_SetGeometryDirectly(f, pt);
}

int64_t build_add_entry(build *b, const incmap_gzw_entry *e, const char *source, const char *admin2,
                        OGRGeometryH ogr_area, const char *iso_a3)
{
    if (incmap_gzw_find(b->w, e->id) >= 0) {
        b->st->duplicate_rows++;
        return -2;
    }
    int64_t idx = incmap_gzw_add_entry(b->w, e);
    if (idx < 0) {
        return -1;
    }
    b->st->entries++;
    b->st->per_kind[e->kind < 6 ? e->kind : 0]++;
    b->st->names++; /* the display name, indexed by the writer */
    build_names_reset(b, idx);
    OGRLayerH layer = ogr_area != NULL ? b->l_areas : b->l_places;
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
    if (f == NULL) {
        incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory writing %s", e->id);
        return -1;
    }
    OGRErr err;
    if (ogr_area != NULL) {
        set_str(f, AR_GID, e->id);
        set_str(f, AR_NAME, e->name);
        set_str(f, AR_KIND, kind_str(e->kind));
        set_str(f, AR_COUNTRY, e->country);
        set_str(f, AR_ADMIN1, e->admin1);
        set_str(f, AR_ISO_A3, iso_a3);
        OGRGeometryH mp = OGR_G_ForceToMultiPolygon(OGR_G_Clone(ogr_area));
        OGR_F_SetGeometryDirectly(f, mp);
    } else {
        set_place_fields(f, e, source, admin2);
    }
    err = OGR_L_CreateFeature(layer, f);
    OGR_F_Destroy(f);
    if (err != OGRERR_NONE) {
        build_gdal_fail(b, "writing the GeoPackage");
        return -1;
    }
    /* the display name also goes to the names layer, as the index has it */
    if (build_add_name(b, idx, e->id, e->name, INCMAP_MATCH_EXACT) != INCMAP_OK) {
        return -1;
    }
    return idx;
}

incmap_status build_add_place_row(build *b, const incmap_gzw_entry *e, const char *source)
{
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(b->l_places));
    if (f == NULL) {
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory writing %s", e->id);
    }
    set_place_fields(f, e, source, NULL);
    OGRErr err = OGR_L_CreateFeature(b->l_places, f);
    OGR_F_Destroy(f);
    return err == OGRERR_NONE ? INCMAP_OK : build_gdal_fail(b, "writing the GeoPackage");
}

incmap_status build_add_name(build *b, int64_t idx, const char *gid, const char *name,
                             incmap_match tier)
{
    if (name == NULL) {
        return INCMAP_OK;
    }
    while (*name == ' ') {
        name++;
    }
    size_t len = strlen(name);
    char key[INCMAP_FOLD_CAP(256)];
    if (len == 0 || len > 256) {
        return INCMAP_OK;
    }
    /* names that fold alike are one name to the index: keep the first spelling only */
    size_t klen = incmap_fold(name, len, key, sizeof key);
    if (klen == SIZE_MAX || klen == 0) {
        return INCMAP_OK;
    }
    if (idx != b->names_idx) {
        build_names_reset(b, idx);
    }
    for (size_t i = 0; i < b->nnames_seen; i++) {
        if (strcmp(b->names_seen[i], key) == 0) {
            return INCMAP_OK;
        }
    }
    if (incmap_grow((void **)&b->names_seen, &b->names_seen_cap, b->nnames_seen + 1,
                    sizeof *b->names_seen) != INCMAP_OK) {
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory adding names");
    }
    if ((b->names_seen[b->nnames_seen] = incmap_strdup(key)) == NULL) {
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory adding names");
    }
    b->nnames_seen++;
    if (tier != INCMAP_MATCH_EXACT) {
        incmap_status st = incmap_gzw_add_name(b->w, idx, name, tier);
        if (st != INCMAP_OK) {
            return st;
        }
        b->st->names++;
    }
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(b->l_names));
    if (f == NULL) {
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory adding names");
    }
    OGR_F_SetFieldString(f, 0, key);
    OGR_F_SetFieldString(f, 1, gid);
    OGR_F_SetFieldString(f, 2, tier_str(tier));
    OGR_F_SetFieldString(f, 3, name);
    OGRErr err = OGR_L_CreateFeature(b->l_names, f);
    OGR_F_Destroy(f);
    return err == OGRERR_NONE ? INCMAP_OK : build_gdal_fail(b, "writing the GeoPackage names");
}

incmap_status build_add_label(build *b, const char *gid, const char *name, const char *label,
                              const char *source)
{
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(b->l_labels));
    if (f == NULL) {
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    OGR_F_SetFieldString(f, 0, gid);
    OGR_F_SetFieldString(f, 1, name);
    OGR_F_SetFieldString(f, 2, label);
    OGR_F_SetFieldString(f, 3, source);
    OGRErr err = OGR_L_CreateFeature(b->l_labels, f);
    OGR_F_Destroy(f);
    return err == OGRERR_NONE ? INCMAP_OK : build_gdal_fail(b, "writing the GeoPackage labels");
}

incmap_status build_note_countries(build *b)
{
    for (size_t i = 0; i < b->ncountries; i++) {
        if (b->countries[i].a2[0] == '\0' || b->countries[i].name == NULL) {
            continue;
        }
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(b->l_countries));
        if (f == NULL) {
            return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory");
        }
        OGR_F_SetFieldString(f, 0, b->countries[i].a2);
        OGR_F_SetFieldString(f, 1, b->countries[i].name);
        OGRErr err = OGR_L_CreateFeature(b->l_countries, f);
        OGR_F_Destroy(f);
        if (err != OGRERR_NONE) {
            return build_gdal_fail(b, "writing the GeoPackage countries");
        }
    }
    return INCMAP_OK;
}

incmap_status build_note_source(build *b, const char *what, const char *path, size_t rows,
                                size_t skipped)
{
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(b->l_sources));
    if (f == NULL) {
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    const char *slash = strrchr(path, '/');
    OGR_F_SetFieldString(f, 0, what);
    OGR_F_SetFieldString(f, 1, slash != NULL ? slash + 1 : path); /* no local paths: reproducible */
    OGR_F_SetFieldInteger64(f, 2, (GIntBig)rows);
    OGR_F_SetFieldInteger64(f, 3, (GIntBig)skipped);
    OGRErr err = OGR_L_CreateFeature(b->l_sources, f);
    OGR_F_Destroy(f);
    return err == OGRERR_NONE ? INCMAP_OK : build_gdal_fail(b, "writing the GeoPackage sources");
}

static OGRLayerH make_layer(build *b, const char *name, OGRwkbGeometryType type,
                            OGRSpatialReferenceH srs, const char *const *fields)
{
    char **lco = NULL;
    lco = CSLSetNameValue(lco, "FID", "fid");
    OGRLayerH l = GDALDatasetCreateLayer(b->ds, name, type == wkbNone ? NULL : srs, type, lco);
    CSLDestroy(lco);
    if (l == NULL) {
        return NULL;
    }
    for (size_t i = 0; fields[i] != NULL; i++) {
        /* "name:T" with T = s(tring), i(nteger64), r(eal), b(inary) */
        char fname[32];
        snprintf(fname, sizeof fname, "%s", fields[i]);
        char *colon = strchr(fname, ':');
        OGRFieldType t = OFTString;
        if (colon != NULL) {
            t = colon[1] == 'i'   ? OFTInteger64
                : colon[1] == 'r' ? OFTReal
                : colon[1] == 'b' ? OFTBinary
                                  : OFTString;
            *colon = '\0';
        }
        OGRFieldDefnH fd = OGR_Fld_Create(fname, t);
        OGRErr err = OGR_L_CreateField(l, fd, TRUE);
        OGR_Fld_Destroy(fd);
        if (err != OGRERR_NONE) {
            return NULL;
        }
    }
    return l;
}

OGRLayerH build_make_layer(build *b, const char *name, OGRwkbGeometryType type,
                           const char *const *fields)
{
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    OSRImportFromEPSG(srs, 4326);
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayerH l = make_layer(b, name, type, srs, fields);
    OSRDestroySpatialReference(srs);
    return l;
}
