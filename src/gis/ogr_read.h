/* Base layers for the renderer, read from the gazetteer's GeoPackage through OGR: areas
 * (countries, admin-1 units), populated places. Only what the map extent needs is read (spatial
 * filters on the GeoPackage R-tree). Also reads a Natural Earth world_map.gpkg (countries,
 * states_provinces) so the renderer works from the downloaded sources before a gazetteer exists. */
#ifndef INCMAP_OGR_READ_H
#define INCMAP_OGR_READ_H

#include "internal.h"

typedef enum { OGR_AREA_COUNTRY = 1, OGR_AREA_ADMIN1 = 2 } ogr_area_kind;

typedef struct {
    incmap_geom *geom; /* lon/lat */
    char *name;
    char country[4]; /* ISO alpha-2 or "" */
    int kind;        /* ogr_area_kind for areas, 0 for places */
    int64_t population;
    double lon, lat; /* places: the point */
} ogr_feature;

typedef struct {
    ogr_feature *f;
    size_t n, cap;
} ogr_features;

void ogr_features_free(ogr_features *fs);

typedef struct incmap_ogr incmap_ogr;

/* Opens the GeoPackage read-only. Owned: incmap_ogr_close(). NULL + INCMAP_ERR_IO when the file
 * cannot be opened, INCMAP_ERR_GDAL when it has neither the gazetteer nor the world_map layers. */
incmap_ogr *incmap_ogr_open(incmap_ctx *ctx, const char *path);
void incmap_ogr_close(incmap_ogr *o); /* NULL is a no-op */

/* Areas of the kinds in `kinds` (ogr_area_kind bits) that meet the lon/lat box ll (W,S,E,N). */
incmap_status incmap_ogr_read_areas(incmap_ogr *o, incmap_ctx *ctx, const double ll[4],
                                    unsigned kinds, ogr_features *out);
/* Populated places in ll with population >= min_pop, most populous first, at most max_n. */
incmap_status incmap_ogr_read_places(incmap_ogr *o, incmap_ctx *ctx, const double ll[4],
                                     int64_t min_pop, size_t max_n, ogr_features *out);

#endif
