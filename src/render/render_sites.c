/* Key sites in view: the air bases and airports (the gazetteer's `site` entries from OurAirports
 * and the supplement, feature codes AIRB, AIRP, AIRF, MILB) near the incident, which a reader
 * of a strike map looks for. At most VIEW_KEY_SITES, nearest first, each within
 * KEY_SITE_NEAR_SHARE of the frame's width of a launch, target or site; chosen with the view
 * (so the key can make room for them) and labelled by the label placer after the towns of the
 * base map, only where they collide with nothing; the key lists them when one was labelled. */
#include "render/render_internal.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

/* How near a key site must be to an incident's place, as a share of the frame's width in km:
 * raising it labels bases farther from the incident. */
#define KEY_SITE_NEAR_SHARE 0.2
/* Not a key site but the incident's own place: nearer than this to a role's point. */
#define KEY_SITE_SAME_KM 3.0

/* The distance in km from (lon, lat) to the nearest launch, target or site of the incidents. */
static double nearest_role_km(const incmap_incidents *inc, double lon, double lat)
{
    double best = HUGE_VAL;
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        double a, b;
        if (f->role != INCMAP_ROLE_LAUNCH && f->role != INCMAP_ROLE_TARGET &&
            f->role != INCMAP_ROLE_SITE) {
            continue;
        }
        render_feature_anchor(f, &a, &b);
        if (isfinite(a)) {
            best = fmin(best, incmap_geod_inverse(a, b, lon, lat, NULL) / 1000.0);
        }
    }
    return best;
}

void view_key_sites(incmap_render_view *v, const incmap_incidents *inc, incmap_base *o)
{
    v->nsites = 0;
    sqlite3_stmt *q = NULL;
    if (o == NULL || v->scale_px <= 0 ||
        sqlite3_prepare_v2(incmap_base_sqlite(o),
                           "SELECT p.name, r.minx, r.miny FROM rtree_places_geom r "
                           "JOIN places p ON p.fid = r.id WHERE r.minx >= ?1 AND r.maxx <= ?3 "
                           "AND r.miny >= ?2 AND r.maxy <= ?4 AND p.kind = 'site' AND "
                           "p.feature_code IN ('AIRB', 'AIRP', 'AIRF', 'MILB')",
                           -1, &q, NULL) != SQLITE_OK) {
        sqlite3_finalize(q); /* a GeoPackage without the gazetteer's places: none */
        return;
    }
    for (int k = 0; k < 4; k++) {
        sqlite3_bind_double(q, k + 1, v->ll[k]);
    }
    double frame_km = view_width_km(v);
    double near_km = KEY_SITE_NEAR_SHARE * frame_km, dist[VIEW_KEY_SITES];
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(q, 0);
        double lon = sqlite3_column_double(q, 1), lat = sqlite3_column_double(q, 2), x, y;
        double km = nearest_role_km(inc, lon, lat);
        if (name == NULL || strlen(name) >= sizeof v->sites[0].name || km > near_km ||
            km < KEY_SITE_SAME_KM || !view_ll_to_px(v, lon, lat, &x, &y) || x < v->frame[0] ||
            x > v->frame[2] || y < v->frame[1] || y > v->frame[3]) {
            continue;
        }
        /* keep the nearest VIEW_KEY_SITES, in order of distance */
        size_t at = v->nsites;
        while (at > 0 && dist[at - 1] > km) {
            at--;
        }
        if (at >= VIEW_KEY_SITES) {
            continue;
        }
        size_t n = v->nsites < VIEW_KEY_SITES ? v->nsites : VIEW_KEY_SITES - 1;
        memmove(&v->sites[at + 1], &v->sites[at], (n - at) * sizeof v->sites[0]);
        memmove(&dist[at + 1], &dist[at], (n - at) * sizeof dist[0]);
        snprintf(v->sites[at].name, sizeof v->sites[at].name, "%s", name);
        v->sites[at].lon = lon, v->sites[at].lat = lat, dist[at] = km;
        v->nsites = n + 1;
    }
    sqlite3_finalize(q);
}

void symbol_key_site(rdr *r, double x, double y, double s)
{
    cairo_t *cr = r->cr;
    cairo_new_path(cr);
    cairo_move_to(cr, x, y - s);
    cairo_line_to(cr, x + s, y);
    cairo_line_to(cr, x, y + s);
    cairo_line_to(cr, x - s, y);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    rdr_set_color(r, r->st->text);
    cairo_set_line_width(cr, 1.1 * r->u);
    cairo_stroke(cr);
}

void render_key_sites(rdr *r)
{
    const incmap_render_view *v = r->v;
    double s = 3.6 * r->u;
    for (size_t i = 0; i < v->nsites; i++) {
        double x, y;
        char conv[160];
        const char *name = render_name(&v->names, v->sites[i].name, conv, sizeof conv);
        if (!view_ll_to_px(v, v->sites[i].lon, v->sites[i].lat, &x, &y) ||
            rdr_label_seen(r, name, x, y)) {
            continue;
        }
        rbox sym = {x - s - 1, y - s - 1, x + s + 1, y + s + 1};
        if (rdr_occupied(r, sym)) {
            continue;
        }
        rdr_occupy(r, sym); /* before its label, so the label keeps clear of it */
        if (rdr_label(r, name, x, y, s + 2.5 * r->u, r->st->sz_place, TXT_HALO | TXT_ITALIC,
                      r->st->text, false)) {
            symbol_key_site(r, x, y, s);
            rdr_label_note(r, name, x, y);
            r->key_sites_drawn++;
        }
    }
}
