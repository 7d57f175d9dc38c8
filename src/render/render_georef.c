/* The map's georeferencing in files: the world file and .prj beside a PNG, and the transform and
 * CRS inside a GeoTIFF, both from incmap_render_view_geotransform() (render_coords.c). */
#include "render/render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The world file (.pgw: pixel size, rotation, and the centre of the top-left pixel, in map
 * units) and the CRS (.prj) beside a PNG at out_path, each written atomically. The whole image
 * is georeferenced at the frame's scale: the title band and margins lie beyond the map. */
incmap_status render_write_world_file(incmap_ctx *ctx, const incmap_render_view *v,
                                      const char *out_path)
{
    size_t n = strlen(out_path);
    const char *dot = strrchr(out_path, '.'), *slash = strrchr(out_path, '/');
    size_t stem = dot != NULL && (slash == NULL || dot > slash) ? (size_t)(dot - out_path) : n;
    char *path = malloc(stem + 8), *wkt = NULL;
    if (path == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    double gt[6];
    incmap_render_view_geotransform(v, gt);
    char text[256]; /* a world file names the centre of the top-left pixel */
    int len = snprintf(text, sizeof text, "%.12g\n0\n0\n%.12g\n%.12g\n%.12g\n", gt[1], gt[5],
                       gt[0] + gt[1] / 2, gt[3] + gt[5] / 2);
    memcpy(path, out_path, stem);
    memcpy(path + stem, ".pgw", 5);
    incmap_status st = incmap_write_file_atomic(ctx, path, text, (size_t)len);
    if (st == INCMAP_OK && (wkt = incmap_proj_wkt(ctx, v->proj, true)) == NULL) {
        st = incmap_ctx_status(ctx);
    }
    if (st == INCMAP_OK) {
        memcpy(path + stem, ".prj", 5);
        st = incmap_write_file_atomic(ctx, path, wkt, strlen(wkt));
    }
    free(wkt);
    free(path);
    return st;
}

/* The image as a GeoTIFF into af: the world file's transform and the map CRS (WKT2, so an EPSG
 * code keeps its identifier) inside the file. */
incmap_status render_write_geotiff(incmap_ctx *ctx, const incmap_render_view *v, cairo_surface_t *s,
                                   incmap_atomic_file *af, const char *out_path)
{
    double gt[6];
    incmap_render_view_geotransform(v, gt);
    char *wkt = incmap_proj_wkt(ctx, v->proj, false);
    if (wkt == NULL) {
        return incmap_ctx_status(ctx);
    }
    incmap_status st = render_geotiff_write(ctx, s, af, out_path, gt, wkt);
    free(wkt);
    return st;
}
