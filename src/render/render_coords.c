/* Renderer: from longitude/latitude and map units to pixels of the image, for every layer that
 * places something on the map (base layers, incidents, labels and the layout's checks), and the
 * point each feature hangs on. */
#include "render/render_internal.h"

#include <math.h>
#include <string.h>

void view_map_to_px(const incmap_render_view *v, double x, double y, double *px, double *py)
{
    *px = v->frame[0] + (x - v->map[0]) * v->px_per_unit;
    *py = v->frame[3] - (y - v->map[1]) * v->px_per_unit;
}

double view_width_km(const incmap_render_view *v)
{
    return (v->frame[2] - v->frame[0]) * v->scale_km / fmax(v->scale_px, 1e-9);
}

bool view_ll_to_px(const incmap_render_view *v, double lon, double lat, double *px, double *py)
{
    double xy[2] = {lon, lat};
    if (incmap_proj_fwd(v->proj, xy, 1) == 0) {
        return false;
    }
    view_map_to_px(v, xy[0], xy[1], px, py);
    return true;
}

/* A point to hang the symbol and label on (render_internal.h). */
void render_feature_anchor(const incmap_feature *f, double *lon, double *lat)
{
    const incmap_geom *g = f->geom;
    if (g->npoints == 0) { /* an empty geometry: NaN never projects, so nothing is drawn */
        *lon = *lat = NAN;
        return;
    }
    *lon = g->xy[0], *lat = g->xy[1];
    if (g->type == INCMAP_GEOM_LINESTRING || g->type == INCMAP_GEOM_MULTILINESTRING) {
        *lon = g->xy[2 * (g->npoints / 2)], *lat = g->xy[2 * (g->npoints / 2) + 1];
        return;
    }
    if (g->type != INCMAP_GEOM_POLYGON && g->type != INCMAP_GEOM_MULTIPOLYGON) {
        return;
    }
    double best = 0;
    for (size_t p = 0; p < g->npolys; p++) {
        size_t shell = p == 0 ? 0 : g->poly_end[p - 1];
        size_t s0 = shell == 0 ? 0 : g->ring_end[shell - 1], s1 = g->ring_end[shell];
        double A = 0, X = 0, Y = 0;
        for (size_t i = s0; i < s1; i++) {
            size_t j = i + 1 < s1 ? i + 1 : s0;
            double c = g->xy[2 * i] * g->xy[2 * j + 1] - g->xy[2 * j] * g->xy[2 * i + 1];
            A += c, X += (g->xy[2 * i] + g->xy[2 * j]) * c,
                Y += (g->xy[2 * i + 1] + g->xy[2 * j + 1]) * c;
        }
        if (fabs(A) > best) {
            best = fabs(A);
            *lon = X / (3 * A), *lat = Y / (3 * A);
        }
    }
    if (best == 0 || !incmap_geom_contains(g, (incmap_lonlat){*lon, *lat})) {
        *lon = g->xy[0], *lat = g->xy[1];
    }
}

bool render_feature_vague(const incmap_feature *f)
{
    return f->precision >= 3 && (f->role == INCMAP_ROLE_LAUNCH || f->role == INCMAP_ROLE_TARGET ||
                                 f->role == INCMAP_ROLE_SITE);
}

bool incmap_render_view_to_pixel(const incmap_render_view *v, incmap_lonlat p, double *x_px,
                                 double *y_px)
{
    return view_ll_to_px(v, p.lon_deg, p.lat_deg, x_px, y_px);
}

bool incmap_render_view_box(const incmap_render_view *v, incmap_render_box which, double out[4])
{
    if ((int)which < 0 || which >= RENDER_NBOX || !v->has_box[which]) {
        return false;
    }
    memcpy(out, v->box[which], 4 * sizeof(double));
    return true;
}

const char *incmap_render_view_crs(const incmap_render_view *v)
{
    return incmap_proj_def(v->proj);
}

void incmap_render_view_extent(const incmap_render_view *v, double out[4])
{
    memcpy(out, v->ll, 4 * sizeof(double));
}

void incmap_render_view_geotransform(const incmap_render_view *v, double gt[6])
{
    double res = 1.0 / v->px_per_unit; /* the frame's scale, for every pixel of the image */
    gt[0] = v->map[0] - v->frame[0] * res;
    gt[1] = res;
    gt[2] = 0;
    gt[3] = v->map[3] + v->frame[1] * res;
    gt[4] = 0;
    gt[5] = -res;
}
