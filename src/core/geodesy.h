/* Named geodesy.h, not geodesic.h: src/ is on the include path, and <geodesic.h> must stay PROJ's.
 */
/* Internal: geodesic distance, azimuth and offsets on the WGS84 ellipsoid with PROJ's geodesic
 * routines (Karney's algorithms). libproj is dlopen'ed on first use and cached for the process,
 * because linking it adds ~20 ms to every start of the fast commands. Thread-safe. */
#ifndef INCMAP_GEODESY_H
#define INCMAP_GEODESY_H

#include "incmap/incmap.h"

/* Distance in metres and forward azimuth at the first point (degrees clockwise from north,
 * normalised to [0, 360)). INCMAP_ERR_PROJ when libproj cannot be loaded. */
incmap_status incmap_geodesic_inverse(incmap_ctx *ctx, incmap_lonlat a, incmap_lonlat b,
                                      double *dist_m, double *azimuth_deg);
/* The point `dist_m` metres from `from` along azimuth `azimuth_deg`. */
incmap_status incmap_geodesic_direct(incmap_ctx *ctx, incmap_lonlat from, double azimuth_deg,
                                     double dist_m, incmap_lonlat *out);
/* True once libproj has been loaded in this process (for benchmarks and tests). */
bool incmap_geodesic_loaded(void);

#endif
