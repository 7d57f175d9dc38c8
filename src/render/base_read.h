/* Base layers for the renderer, read from the gazetteer's GeoPackage with SQLite: areas
 * (countries, admin-1 units), populated places. A GeoPackage is an SQLite database with a
 * standard layout (OGC 12-128r18): geometries are WKB behind a small header, and each layer has
 * an R-tree, so only what the map extent needs is read. Reading it directly, not through OGR,
 * keeps libgdal (40 ms of process start) out of `incmap render`. Also reads a Natural Earth
 * world_map.gpkg (countries, states_provinces) so maps can be drawn from the downloaded sources
 * before a gazetteer exists. */
#ifndef INCMAP_BASE_READ_H
#define INCMAP_BASE_READ_H

#include "core/core.h"

typedef enum { BASE_AREA_COUNTRY = 1, BASE_AREA_ADMIN1 = 2 } base_area_kind;
/* The `kind` of a sea name (incmap_base_read_seas), from its feature code OCN, SEA, GULF. */
enum { BASE_SEA_OCEAN = 10, BASE_SEA_SEA, BASE_SEA_GULF };

typedef struct {
    incmap_geom *geom; /* lon/lat */
    char *name;
    char country[4]; /* ISO alpha-2 or "" */
    int kind;        /* base_area_kind for areas, 0 for places */
    int64_t population;
    double lon, lat; /* places: the point */
} base_feature;

typedef struct {
    base_feature *f;
    size_t n, cap;
} base_features;

void base_features_free(base_features *fs);

typedef struct incmap_base incmap_base;

/* Opens the GeoPackage read-only. Owned: incmap_base_close(). NULL + INCMAP_ERR_IO when the file
 * cannot be opened, is not a GeoPackage or has neither the gazetteer nor the world_map layers. */
incmap_base *incmap_base_open(incmap_ctx *ctx, const char *path);
void incmap_base_close(incmap_base *b); /* NULL is a no-op */
/* The open GeoPackage's SQLite connection (borrowed), for layers and small tables read elsewhere
 * (render_disputed.c, render_names.c, render_sites.c). */
struct sqlite3 *incmap_base_sqlite(incmap_base *b);

/* Areas of the kinds in `kinds` (base_area_kind bits) that meet the lon/lat box ll (W,S,E,N). */
incmap_status incmap_base_read_areas(incmap_base *b, incmap_ctx *ctx, const double ll[4],
                                     unsigned kinds, base_features *out);
/* Populated places in ll with population >= min_pop, most populous first, at most max_n. */
incmap_status incmap_base_read_places(incmap_base *b, incmap_ctx *ctx, const double ll[4],
                                      int64_t min_pop, size_t max_n, base_features *out);

/* The GSHHG layers of the gazetteer (build_gshhg.c): true when it has rivers and shore. */
bool incmap_base_has_physical(const incmap_base *b);
/* Rivers meeting ll of GSHHG levels 1..max_level (1 major permanent .. 4 minor, 5-7
 * intermittent, 8-10 canals); the level in `population`. */
incmap_status incmap_base_read_rivers(incmap_base *b, incmap_ctx *ctx, const double ll[4],
                                      int max_level, base_features *out);
/* Shore polygons (pieces cut at GSHHG bin edges) meeting ll with min_level <= level <= max_level
 * (1 land, 2 lake, 3 island in a lake, 4 pond) whose whole polygon is >= min_area_km2, by level;
 * the level in `population`. */
incmap_status incmap_base_read_shore(incmap_base *b, incmap_ctx *ctx, const double ll[4],
                                     int min_level, int max_level, double min_area_km2,
                                     base_features *out);

/* The land borders between countries (the gazetteer's `borders` layer) meeting ll; none when
 * the GeoPackage has no such layer. */
incmap_status incmap_base_read_borders(incmap_base *b, incmap_ctx *ctx, const double ll[4],
                                       base_features *out);

/* The names of oceans, seas and gulfs (places with feature code OCN, SEA, GULF) whose point is in
 * ll; `kind` says which (BASE_SEA_*). */
incmap_status incmap_base_read_seas(incmap_base *b, incmap_ctx *ctx, const double ll[4],
                                    base_features *out);

/* A GeoPackage geometry blob (header + WKB) as an incmap_geom: points, line strings, polygons
 * and their multi forms, Z/M dropped. NULL for an empty, unsupported or malformed blob (every
 * count is checked against the bytes left), or when out of memory (*nomem set). */
incmap_geom *incmap_gpkg_geom(const unsigned char *blob, size_t len, bool *nomem);

#endif
