/* The run-time versions of the libraries incmap_render links (for `incmap --version`): each is
 * asked at run time, so the answer is what is loaded, not what the headers said at build time. */
#include "core/core.h"
#include "incmap/render.h"

#include <cairo.h>
#include <pango/pango.h>
#include <png.h>
#include <proj.h>
#include <sqlite3.h>
#include <stdio.h>
#include <threads.h>

static char versions[256];

static void versions_init(void)
{
    snprintf(versions, sizeof versions, "PROJ %s\ncairo %s\npango %s\nSQLite %s\nlibpng %s\n",
             proj_info().version, cairo_version_string(), pango_version_string(),
             sqlite3_libversion(), png_get_libpng_ver(NULL));
}

const char *incmap_render_dependency_versions(void)
{
    static once_flag once = ONCE_FLAG_INIT;
    call_once(&once, versions_init);
    return versions;
}
