/* incmap_gis: the part of incmap that links GDAL (the gazetteer build). The versions of the
 * libraries it uses, asked at run time (for `incmap --version`). */
#include "core/core.h"
#include "incmap/build.h"

#include <gdal.h>
#include <stdio.h>
#include <threads.h>

const char *incmap_gis_gdal_version(void);

const char *incmap_gis_gdal_version(void)
{
    return GDALVersionInfo("RELEASE_NAME");
}

static char versions[128];

static void versions_init(void)
{
    snprintf(versions, sizeof versions, "GDAL %s\n", GDALVersionInfo("RELEASE_NAME"));
}

const char *incmap_build_dependency_versions(void)
{
    static once_flag once = ONCE_FLAG_INIT;
    call_once(&once, versions_init);
    return versions;
}
