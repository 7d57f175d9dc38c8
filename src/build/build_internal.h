/* Internal: state shared by the gazetteer build stages (src/build/gazetteer_build.c and build_*.c).
 * One `build` lives for one incmap_gazetteer_build() call; stages add entries to the index writer
 * and rows to the GeoPackage through the helpers below, so both outputs always agree. */
#ifndef INCMAP_BUILD_INTERNAL_H
#define INCMAP_BUILD_INTERNAL_H

#include "core/core.h"
#include "gazetteer/gzindex.h"
#include "incmap/build.h"

#include <gdal.h>
#include <ogr_api.h>

/* A sorted string -> string map (GeoNames admin codes -> names). */
typedef struct {
    char **key, **val;
    size_t n, cap;
} build_strmap;

typedef struct {
    char a2[4];        /* ISO alpha-2 ("" when Natural Earth has none) */
    char a3[8];        /* ISO alpha-3, or the fallback used in the id */
    char *name;        /* display name */
    char id[64];       /* entry id */
    int64_t idx;       /* index writer entry */
    OGRGeometryH geom; /* owned; the admin-0 multipolygon */
    OGREnvelope env;
} build_country;

typedef struct {
    char a2[4];
    char gu[8];          /* Natural Earth geounit (gu_a3: ENG, SCT, WLS, NIR in the UK) */
    char *name;          /* display name (Natural Earth) */
    char id[96];         /* entry id */
    const char *gn_name; /* GeoNames admin-1 name, once linked (borrowed from the admin1 map) */
    char gn_code[16];    /* candidate GeoNames admin-1 code ("IQ.06") derived from the FIPS code */
    int64_t idx;
    incmap_geom *g;     /* owned */
    OGRGeometryH ogr;   /* owned; the same polygon for GEOS work (supplement unions) */
    double bbox[4];     /* west, south, east, north */
    size_t tries, hits; /* GeoNames places with gn_code tested against / inside the polygon */
} build_province;

typedef struct build {
    incmap_ctx *ctx;
    const incmap_build_opts *opts;
    incmap_build_stats *st;
    incmap_gzw *w;
    GDALDatasetH ds;
    OGRLayerH l_places, l_areas, l_borders, l_names, l_sources;
    OGRLayerH l_labels;    /* conventional names for maps (supplement `label` rows) */
    OGRLayerH l_countries; /* alpha-2 -> name, for a map's titles without reading the areas */
    build_strmap admin1, admin2;
    build_country *countries;
    size_t ncountries;
    build_province *provs;
    size_t nprovs;
    build_province **prov_by_code; /* provinces with a gn_code, sorted by it */
    size_t nprov_by_code;
    bool links_final;                    /* GeoNames admin-1 links decided (after cities500) */
    struct build_admin2_acc *admin2_acc; /* per admin2 key: the places filed under it */
    struct build_seas *seas;             /* the outlines of gazetteer/seas.tsv (build_seas.c) */
    /* per-entry name dedupe for the names layer */
    int64_t names_idx;
    char **names_seen;
    size_t nnames_seen, names_seen_cap;
} build;

/* ---- build_write.c: the output primitives every stage uses ---- */
/* Progress report for a stage (no-op without a callback). */
void build_progress(const build *b, const char *stage, uint64_t done, uint64_t total);
/* Adds an entry to the index and a row to `places` (point entries; `admin2` may be NULL) or
 * `areas` (entries with an area; `ogr_area` is that area as OGR geometry, `iso_a3` or NULL).
 * Returns the entry index, or -1 with the ctx error set. A duplicate id is not an error: returns -2
 * and counts it. */
int64_t build_add_entry(build *b, const incmap_gzw_entry *e, const char *source, const char *admin2,
                        OGRGeometryH ogr_area, const char *iso_a3);
/* Starts the repeat check of build_add_name() afresh for entry idx (-1: no entry). */
void build_names_reset(build *b, int64_t idx);
/* Adds a name for entry idx (ignores empty names and repeats). */
incmap_status build_add_name(build *b, int64_t idx, const char *gid, const char *name,
                             incmap_match tier);
/* Writes a `places` row (the GeoPackage only) for entry e, which the index holds as an area: the
 * label point of a sea, where the renderer writes its name. */
incmap_status build_add_place_row(build *b, const incmap_gzw_entry *e, const char *source);
/* Records the conventional name `label` that maps write for the entry gid displayed as `name`. */
incmap_status build_add_label(build *b, const char *gid, const char *name, const char *label,
                              const char *source);
/* Writes the `countries` table: each Natural Earth country's alpha-2 code and name. */
incmap_status build_note_countries(build *b);
/* Records a source in the `sources` layer (file name, rows used, rows skipped). */
incmap_status build_note_source(build *b, const char *what, const char *path, size_t rows,
                                size_t skipped);
/* A GDAL failure as an incmap error with GDAL's message. */
incmap_status build_gdal_fail(build *b, const char *what);

/* A new layer of the output in EPSG:4326 with an integer FID `fid` and string fields ("name",
 * or "name:i" / "name:r" / "name:b" for integer, real and binary); NULL on a GDAL error. */
OGRLayerH build_make_layer(build *b, const char *name, OGRwkbGeometryType type,
                           const char *const *fields);

/* ---- build_util.c ---- */
void build_strmap_free(build_strmap *m);
/* Loads a GeoNames [{"code":..,"name":..}] JSON file. */
incmap_status build_strmap_load_json(build *b, const char *path, build_strmap *m);
const char *build_strmap_get(const build_strmap *m, const char *key);
/* The position of key in m, or m->n when absent. */
size_t build_strmap_find(const build_strmap *m, const char *key);
bool build_utf8_valid(const char *s, size_t len);
/* Checks a source file exists and is readable; the error names it and says how to get it. */
incmap_status build_check_source(build *b, const char *what, const char *path);
/* OGR (multi)polygon / (multi)linestring -> owned incmap_geom (multi type); NULL when empty
 * or of another type. */
incmap_geom *build_geom_from_ogr(OGRGeometryH g);
/* The admin-1 name for a point in country `cc`: the province whose polygon contains it (its
 * GeoNames name when linked), or NULL. */
const char *build_admin1_at(const build *b, const char *cc, double lon_deg, double lat_deg);
/* Province linked to a GeoNames admin-1 code ("IQ.06"), or NULL. */
build_province *build_province_by_code(const build *b, const char *code);
/* Country by alpha-2, or NULL. */
build_country *build_country_by_a2(const build *b, const char *cc);

/* Adds an entry whose location is an area: the representative point is OGR_G_PointOnSurface.
 * *idx_out is the entry index, or -1 when the geometry is degenerate (nothing added). */
incmap_status build_add_area_entry(build *b, incmap_gzw_entry *e, OGRGeometryH geom,
                                   const char *source, const char *iso_a3, int64_t *idx_out);
/* The same with a given representative point (lon, lat), which the caller checked is inside. */
incmap_status build_add_area_entry_at(build *b, incmap_gzw_entry *e, OGRGeometryH geom,
                                      const char *source, const char *iso_a3, const double *lonlat,
                                      int64_t *idx_out);

/* Adds the parts of type `part` (wkbPolygon, wkbLineString) of g, of any type (a collection's
 * members too), to the multi-geometry acc (build_ne.c). */
void build_collect(OGRGeometryH acc, OGRGeometryH g, OGRwkbGeometryType part);

/* ---- stages ---- */
incmap_status build_ne_load(build *b, const char *path);    /* build_ne.c */
incmap_status build_ne_link_admin1(build *b);               /* after cities500 */
incmap_status build_ne_regions(build *b);                   /* build_regions.c */
incmap_status build_ne_borders(build *b);                   /* build_regions.c */
incmap_status build_geonames(build *b, const char *path);   /* build_geonames.c */
incmap_status build_airports(build *b, const char *path);   /* build_extra.c */
incmap_status build_supplement(build *b, const char *path); /* build_extra.c */
incmap_status build_gshhg(build *b);                        /* build_gshhg.c */
incmap_status build_relief(build *b);                       /* build_relief.c */
/* build_disputed.c: boundary_lines and boundary_areas from gazetteer/boundaries.tsv */
incmap_status build_disputed(build *b, const char *ne_path);
/* build_admin2.c: counties and districts. Each GeoNames place notes itself under its admin-2 code
 * (cc.admin1.admin2); afterwards every code with a name and places becomes a `region` entry
 * (feature code ADM2) at its seat (PPLA2), else at the population-weighted centre of its places. */
incmap_status build_admin2_note(build *b, const char *code2, double lon_deg, double lat_deg,
                                int64_t population, const char *fcode);
incmap_status build_admin2_entries(build *b);
void build_admin2_free(build *b);
/* build_seas.c: oceans, seas and gulfs as areas. build_seas_load() reads gazetteer/seas.tsv (id,
 * WKT outline, source; none found: a warning, seas stay points); build_sea_area() gives the
 * outline of supplement row `id` with the land cut away (owned, *area_out NULL when seas.tsv has
 * no outline for it); build_seas_done() records the source; build_seas_free() frees it all. */
incmap_status build_seas_load(build *b);
incmap_status build_sea_area(build *b, const char *id, OGRGeometryH *area_out);
incmap_status build_seas_done(build *b);
void build_seas_free(build *b);

#endif
