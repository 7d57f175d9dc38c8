/* incmap_gazetteer_build: open data -> the gazetteer (a GeoPackage plus its binary index).
 * Sources: GeoNames (cities500 and full dumps), GeoNames admin-1/2 names, Natural Earth admin-0/1
 * polygons, OurAirports, and the curated supplement (see gazetteer/README.md for the rules).
 * The build needs GDAL (GEOS) and PROJ: it lives in the incmap_gis library.
 * Thread safety: builds in different threads (each with its own ctx) do not interfere; the GDAL
 * settings the build changes (quiet error handler, fixed GeoPackage timestamps) are per thread. */
#ifndef INCMAP_BUILD_H
#define INCMAP_BUILD_H

#include "ctx.h"
#include "gazetteer.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Progress of one stage: `stage` names it ("geonames cities500.txt", "borders", ...); `done` and
 * `total` are in that stage's units (bytes, features); total 0 = unknown. Called often: keep it
 * cheap. `stage` is borrowed for the duration of the call. */
typedef void (*incmap_build_progress_fn)(void *user, const char *stage, uint64_t done,
                                         uint64_t total);

typedef struct {
    /* The GeoPackage to write; the index goes beside it (same path, extension .idx). NULL:
     * incmap_build_default_output(). */
    const char *output;
    /* Directory the source files are taken from when their own path is NULL (default:
     * incmap_build_default_sources()). */
    const char *sources_dir;
    /* Each source file: NULL = <sources_dir>/<standard name> (cities500.txt, admin1.json,
     * admin2.json, world_map.gpkg, airports.json; the supplement defaults to supplement.tsv in
     * the user's, else the installed data directory); "" = do not use that source. */
    const char *cities500, *admin1, *admin2, *natural_earth, *airports, *supplement;
    /* Extra GeoNames dumps (allCountries.txt, IQ.txt, ...), streamed; all feature classes. */
    const char *const *geonames;
    size_t ngeonames;
    bool directional_regions; /* "northeastern Syria" etc. (default true) */
    bool borders;             /* shared country borders (default true) */
    /* Directory of the GSHHG binned files (Debian gmt-gshhg-high/-low) for the rivers, lakes
     * and detailed shore layers; NULL = /usr/share/gmt-gshhg, "" = none. Without the files the
     * build still succeeds, with a warning and without those layers. */
    const char *gshhg_dir;
    /* Directory of Marble's `srtm` map theme (Debian marble-qt-data) for the optional relief
     * layer; NULL = /usr/share/marble/data/maps/earth/srtm, skipped quietly when absent; "" =
     * none. A directory given here must hold the tiles (else INCMAP_ERR_IO). */
    const char *relief_dir;
    incmap_build_progress_fn progress; /* NULL: none */
    void *progress_user;
} incmap_build_opts;

/* What a build made. */
typedef struct {
    size_t entries;        /* gazetteer entries */
    size_t per_kind[6];    /* entries by incmap_kind (index 0 unused) */
    size_t names;          /* names added (before the index merges duplicates) */
    size_t borders;        /* country pairs with a shared border */
    size_t skipped_rows;   /* malformed source rows skipped (bad columns, coordinates, UTF-8) */
    size_t duplicate_rows; /* rows whose id was already present (e.g. cities500 + IQ.txt) */
    size_t supplement_unresolved;  /* supplement alias/demonym rows whose target id is absent */
    size_t rivers, shore_polygons; /* GSHHG features written (0: no GSHHG files) */
    size_t relief_tiles;           /* relief tiles written (0: no relief source) */
    double seconds;                /* wall time */
} incmap_build_stats;

INCMAP_API incmap_build_opts incmap_build_opts_default(void);

/* The run-time versions of the libraries the build uses, one "name version" a line (GDAL).
 * Static string. */
INCMAP_API const char *incmap_build_dependency_versions(void);

/* Where a build writes by default: $INCMAP_GAZETTEER, else the user's data directory
 * ($XDG_DATA_HOME/incmap/incmap.gpkg, by default ~/.local/share/incmap/incmap.gpkg), which
 * incmap_gazetteer_default_path() searches. Static (per thread) string; NULL when no HOME. */
INCMAP_API const char *incmap_build_default_output(void);
/* Where the sources are taken from by default: <user data dir>/sources (what `incmap gazetteer
 * fetch` fills), else <prefix>/share/incmap/sources. Static (per thread) string. */
INCMAP_API const char *incmap_build_default_sources(void);

/* Builds the gazetteer. The GeoPackage is written to a temporary file and renamed, and the index
 * is written atomically, so a failed build leaves any previous gazetteer in place and no partial
 * file. Same inputs give the same index bytes. `stats` may be NULL. Errors: INCMAP_ERR_IO for a
 * missing or unreadable source (the message names it and says to run gazetteer/fetch-sources),
 * INCMAP_ERR_PARSE for an unusable source (bad JSON, no usable layer), INCMAP_ERR_GDAL. Malformed
 * GeoNames rows are not errors: they are skipped and counted. Diagnostics go to the ctx log. */
INCMAP_API incmap_status incmap_gazetteer_build(incmap_ctx *ctx, const incmap_build_opts *opts,
                                                incmap_build_stats *stats);

/* A plain-text summary of a built gazetteer at PATH (the .gpkg): entries per kind, names per tier,
 * borders, and the sources with their row counts. Owned: free with incmap_free(). Errors:
 * INCMAP_ERR_IO for a missing file (the message says how to build one), INCMAP_ERR_PARSE when
 * it is not a gazetteer (no index, or a GeoPackage without the gazetteer layers). */
INCMAP_API incmap_status incmap_gazetteer_describe(incmap_ctx *ctx, const char *path, char **text);

#ifdef __cplusplus
}
#endif
#endif
