/* incmap_render: located incidents -> a publication map (PNG, SVG, PDF or GeoTIFF).
 * Base layers come from the gazetteer's GeoPackage (its areas and places layers, read with
 * SQLite through their R-trees); the projection and geodesics from PROJ; drawing from cairo and
 * text from pango; a raster basemap and GeoTIFF output through GDAL, loaded only when needed.
 * PNG, SVG, PDF and GeoTIFF are drawn by the same code. Output is atomic: on any error no file is
 * left at the path. Thread safety: one incmap_ctx per thread; calls on different contexts may run
 * in parallel. */
#ifndef INCMAP_RENDER_H
#define INCMAP_RENDER_H

#include "incident.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest image side in pixels, and the largest image in pixels (a 4-byte pixel each). cairo
 * fails silently above 32767 px per side, so the limit is checked before any surface exists. */
#define INCMAP_RENDER_MAX_SIDE 16384
#define INCMAP_RENDER_MAX_PIXELS (100L * 1000L * 1000L)

typedef enum {
    INCMAP_FORMAT_AUTO = 0, /* from the output path's extension (.png, .svg, .pdf, .tif, .tiff) */
    INCMAP_FORMAT_PNG,
    INCMAP_FORMAT_SVG,
    INCMAP_FORMAT_PDF,
    INCMAP_FORMAT_TIFF /* GeoTIFF: the PNG's pixels with the map CRS and geotransform (GDAL) */
} incmap_render_format;

typedef struct {
    const char *title;    /* NULL: built from the first incident (type, place, date) */
    const char *subtitle; /* NULL: one line per incident */
    const char *source;   /* the source line; NULL: "Source: incident locations by incmap" */
    const char *crs;      /* anything PROJ accepts (EPSG:3857, a PROJ string, WKT); NULL: automatic
                             Lambert azimuthal equal-area centred on the extent */
    bool has_extent;      /* true: extent_deg is used instead of fitting the incidents */
    double extent_deg[4]; /* west, south, east, north in degrees */
    int width_px, height_px; /* default 1600 x 1200; 200..INCMAP_RENDER_MAX_SIDE each */
    double dpi;              /* default 96: text and line sizes are in points, scaled by dpi/72 */
    const char *basemap;     /* any GDAL raster (GeoTIFF hillshade, imagery) or NULL */
    const char *style_path;  /* a style JSON merged over the defaults, or NULL */
    double range_km;         /* > 0: a geodesic range ring of that radius around each launch */
    incmap_render_format format;
    bool world_file;         /* PNG: also write a world file (.pgw) and the CRS (.prj) beside it, so
                                that GIS software places the image (the whole image, margins included);
                                a GeoTIFF carries both inside */
    bool relief;             /* true: shade the land with the gazetteer's relief layer, when it
                                has one; off by default (a fifth more render time, twice the PNG) */
    const char *leaflet_dir; /* incmap_render_html(): the folder with leaflet.js and leaflet.css;
                                NULL: $INCMAP_LEAFLET_DIR, else the sources dir's leaflet/ */
} incmap_render_opts;

INCMAP_API incmap_render_opts incmap_render_opts_default(void);

/* The run-time versions of the libraries maps are drawn with, one "name version" a line
 * (PROJ, cairo, pango, SQLite, libpng). Static string. */
INCMAP_API const char *incmap_render_dependency_versions(void);

/* Draws INC over the base layers of the GeoPackage GPKG_PATH (NULL: no base layers) into
 * OUT_PATH. INCMAP_ERR_INVALID_ARG for bad options (unknown CRS, empty/inverted extent, size out of
 * range) and for nothing to map (no located feature and no extent; the message starts "nothing to
 * map"), INCMAP_ERR_PARSE for a bad style file or out-of-range coordinates, INCMAP_ERR_IO for
 * unreadable inputs or an unwritable output, INCMAP_ERR_GDAL/PROJ/RENDER for library failures. */
INCMAP_API incmap_status incmap_render(incmap_ctx *ctx, const char *gpkg_path,
                                       const incmap_incidents *inc, const incmap_render_opts *opts,
                                       const char *out_path);

/* One self-contained HTML file at OUT_PATH: Leaflet (read from opts->leaflet_dir and embedded),
 * the base layers of GPKG_PATH clipped to a box around the incidents and simplified, the
 * incidents (the GeoJSON of incmap_geojson_write(), embedded so a reader can save it) styled like
 * the static map, a legend, scale, title and credits, and the static PNG in a <noscript>. It makes
 * no network request when opened. Web Mercator: opts->crs, size, dpi and basemap do not apply
 * (the <noscript> PNG uses them). Errors as incmap_render(); INCMAP_ERR_IO also when Leaflet is
 * missing (the message says how to fetch it). */
INCMAP_API incmap_status incmap_render_html(incmap_ctx *ctx, const char *gpkg_path,
                                            const incmap_incidents *inc,
                                            const incmap_render_opts *opts, const char *out_path);

/* The view a render would use: projection, extent and page layout, for tests and for callers that
 * overlay their own graphics. Owned: free with incmap_render_view_destroy(). NULL on error. */
typedef struct incmap_render_view incmap_render_view;
INCMAP_API incmap_render_view *incmap_render_view_create(incmap_ctx *ctx,
                                                         const incmap_incidents *inc,
                                                         const incmap_render_opts *opts);
INCMAP_API void incmap_render_view_destroy(incmap_render_view *v); /* NULL is a no-op */

/* Lon/lat (degrees) -> image pixel (x right, y down, 0,0 at the top-left corner). False when
 * the point cannot be projected; the pixel may lie outside the image. */
INCMAP_API bool incmap_render_view_to_pixel(const incmap_render_view *v, incmap_lonlat p,
                                            double *x_px, double *y_px);

typedef enum {
    INCMAP_BOX_MAP = 0, /* the map frame */
    INCMAP_BOX_TITLE,
    INCMAP_BOX_LEGEND,
    INCMAP_BOX_SCALE_BAR,
    INCMAP_BOX_NORTH_ARROW,
    INCMAP_BOX_INSET
} incmap_render_box;

/* A layout box in pixels: out = x0, y0, x1, y1. False when the view has no such box. */
INCMAP_API bool incmap_render_view_box(const incmap_render_view *v, incmap_render_box which,
                                       double out[4]);
/* The map CRS as a PROJ string or the user's definition (borrowed; lives with v). */
INCMAP_API const char *incmap_render_view_crs(const incmap_render_view *v);
/* Map extent in lon/lat degrees (west, south, east, north of the frame's outline). */
INCMAP_API void incmap_render_view_extent(const incmap_render_view *v, double out[4]);
/* The image's affine georeferencing in map CRS units, GDAL's order: gt[0], gt[3] the top-left
 * corner of the top-left pixel, gt[1] the pixel width, gt[5] minus its height, no rotation. It
 * holds for the whole image at the map frame's scale (title band and margins lie beyond the map);
 * the world file (opts.world_file) and the GeoTIFF are written from it. */
INCMAP_API void incmap_render_view_geotransform(const incmap_render_view *v, double gt[6]);

#ifdef __cplusplus
}
#endif
#endif
