/* The renderer's door to PROJ: lon/lat <-> map CRS transforms and ellipsoidal geodesics (WGS84).
 * Only proj_bridge.c includes <proj.h>; PROJ errors become incmap_fail() messages here. */
#ifndef INCMAP_PROJ_BRIDGE_H
#define INCMAP_PROJ_BRIDGE_H

#include "core/core.h"

typedef struct incmap_proj incmap_proj;

/* A transform from WGS84 lon/lat degrees to the CRS `def` (anything PROJ accepts), with the axes
 * normalised to x = east, y = north. Owned: incmap_proj_destroy(). NULL + INCMAP_ERR_INVALID_ARG
 * when PROJ does not know the CRS. */
incmap_proj *incmap_proj_create(incmap_ctx *ctx, const char *def);
/* The default map projection centred on lon0/lat0: Lambert azimuthal equal-area on WGS84, built
 * as a pipeline so that no database lookup is needed. */
incmap_proj *incmap_proj_create_laea(incmap_ctx *ctx, double lon0_deg, double lat0_deg);
void incmap_proj_destroy(incmap_proj *p); /* NULL is a no-op */

/* The CRS as text GDAL also accepts (PROJ string or the user's definition). Borrowed. */
const char *incmap_proj_def(const incmap_proj *p);
/* A short human name of the projection ("Lambert Azimuthal Equal Area"). Borrowed. */
const char *incmap_proj_name(const incmap_proj *p);

/* The map CRS as WKT. esri: for a .prj beside a world file, ESRI WKT1 (what QGIS and ArcGIS read
 * in a .prj), else WKT2; not esri: WKT2 2019 (for GDAL: it keeps an EPSG code's identifier).
 * Owned: free(). NULL + INCMAP_ERR_PROJ when PROJ cannot write it. */
char *incmap_proj_wkt(incmap_ctx *ctx, const incmap_proj *p, bool esri);

/* Projects n lon/lat pairs in place (xy interleaved). Points PROJ cannot project become
 * HUGE_VAL; returns how many did. */
size_t incmap_proj_fwd(const incmap_proj *p, double *xy, size_t n);
/* Map x/y -> lon/lat degrees. False when the point is off the projection's domain. */
bool incmap_proj_inv(const incmap_proj *p, double x, double y, double *lon_deg, double *lat_deg);

/* Geodesics on the WGS84 ellipsoid (Karney's algorithms in PROJ). Azimuths in degrees from north.
 */
double incmap_geod_inverse(double lon1, double lat1, double lon2, double lat2, double *azi1_deg);
void incmap_geod_direct(double lon1, double lat1, double azi1_deg, double dist_m, double *lon2,
                        double *lat2);
/* n >= 2 points along the geodesic from 1 to 2 (both included) into xy (2n doubles). */
void incmap_geod_line(double lon1, double lat1, double lon2, double lat2, size_t n, double *xy);

#endif
