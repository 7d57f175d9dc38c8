/* incmap: geospatial incident mapper. Umbrella header.
 * Data flow: text -> mentions -> candidates -> places -> incidents -> map / GeoJSON. */
#ifndef INCMAP_H
#define INCMAP_H

#include "common.h"
#include "ctx.h"
#include "extract.h"
#include "gazetteer.h"
#include "geojson.h"
#include "geom.h"
#include "incident.h"
#include "mentions.h"
#include "render.h"

#endif
