/* incmap_gis: the part of incmap that links GDAL, PROJ, cairo and pango (gazetteer build, maps). */
#include "core/core.h"

#include <gdal.h>

const char *incmap_gis_gdal_version(void);

const char *incmap_gis_gdal_version(void)
{
    return GDALVersionInfo("RELEASE_NAME");
}
