/* Renderer: from longitude/latitude and map units to pixels of the image, for every layer that
 * places something on the map (base layers, incidents, labels and the layout's checks). */
#include "render/render_internal.h"

#include <math.h>

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
