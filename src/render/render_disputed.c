/* Disputed boundaries: the gazetteer's boundary_lines and boundary_areas layers (written by
 * src/build/build_disputed.c from gazetteer/boundaries.tsv and Natural Earth). De facto and
 * ceasefire lines (the Line of Control, the Green Line, the Blue Line) are drawn dashed in the
 * boundary colour over the solid country outline they replace, and labelled in small italics;
 * claim lines are fine dots, only on maps under RENDER_CLAIM_MAX_KM across (wider, they are a
 * second outline the reader cannot tell apart from the first, and news maps leave them out);
 * disputed and occupied areas get a light tint and hatch, a label, and a legend entry when one is
 * in view. A border crossed that names a line ("across the Line of Control") is highlighted along
 * that line (render_named_line()). A gazetteer without the layers draws none of this. */
#include "core/vec.h"
#include "render/render_internal.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int class_of(const char *s)
{
    static const char *const names[] = {"de_facto", "ceasefire", "claim", "occupied", "disputed"};
    for (int i = 0; i < 5; i++) {
        if (s != NULL && strcmp(s, names[i]) == 0) {
            return i + 1;
        }
    }
    return 0;
}

/* The query of `table`'s rows in a box, with its claimant column when it has one (an area's;
 * gazetteers before it have none, and their areas have no claimant). NULL: no such layer. */
static sqlite3_stmt *boundaries_query(sqlite3 *db, const char *table)
{
    sqlite3_stmt *q = NULL;
    for (int with_claimant = 1; with_claimant >= 0 && q == NULL; with_claimant--) {
        char *sql = sqlite3_mprintf(
            "SELECT t.geom, t.class, t.label, %s FROM \"%w\" t JOIN \"rtree_%w_geom\" "
            "r ON t.fid = r.id WHERE r.maxx >= ?1 AND r.minx <= ?3 AND "
            "r.maxy >= ?2 AND r.miny <= ?4",
            with_claimant ? "t.claimant" : "NULL", table, table);
        if (sql == NULL || sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
            sqlite3_finalize(q);
            q = NULL;
        }
        sqlite3_free(sql);
    }
    return q;
}

/* Rows of `table` (class, label, claimant) whose R-tree box meets ll, appended to out. A
 * gazetteer without the table (older, or a fixture) has nothing to read. */
static incmap_status read_boundaries(rdr *r, incmap_base *o, const char *table, const double ll[4],
                                     base_features *out)
{
    sqlite3_stmt *q = boundaries_query(incmap_base_sqlite(o), table);
    if (q == NULL) {
        return INCMAP_OK; /* no such layer */
    }
    for (int i = 0; i < 4; i++) {
        sqlite3_bind_double(q, i + 1, ll[i]);
    }
    incmap_status st = INCMAP_OK;
    while (st == INCMAP_OK && sqlite3_step(q) == SQLITE_ROW) {
        bool nomem = false;
        incmap_geom *g =
            incmap_gpkg_geom(sqlite3_column_blob(q, 0), (size_t)sqlite3_column_bytes(q, 0), &nomem);
        int cls = class_of((const char *)sqlite3_column_text(q, 1));
        const char *label = (const char *)sqlite3_column_text(q, 2);
        const char *claimant = (const char *)sqlite3_column_text(q, 3);
        base_feature f = {g, incmap_strdup(label != NULL ? label : ""), "", cls, 0, 0, 0};
        snprintf(f.country, sizeof f.country, "%.2s", claimant != NULL ? claimant : "");
        if (g == NULL || cls == 0 || f.name == NULL ||
            incmap_grow((void **)&out->f, &out->cap, out->n + 1, sizeof *out->f) != INCMAP_OK) {
            nomem = nomem || (g != NULL && cls != 0);
            incmap_geom_destroy(g);
            free(f.name);
            if (nomem) {
                st = incmap_fail(r->ctx, INCMAP_ERR_NOMEM, "out of memory reading %s", table);
            }
            continue;
        }
        out->f[out->n++] = f;
    }
    sqlite3_finalize(q);
    return st;
}

/* True when some of area g lies inside the map frame: a vertex projects into it, or the area
 * holds the map's centre (an area wider than the map). A box test in lon/lat is not enough: the
 * frame's lon/lat box reaches beyond the frame's corners. */
static bool area_in_view(const incmap_render_view *v, const incmap_geom *g)
{
    const double *f = v->frame;
    for (size_t i = 0; i < g->npoints; i++) {
        double x, y;
        if (view_ll_to_px(v, g->xy[2 * i], g->xy[2 * i + 1], &x, &y) && x >= f[0] && x <= f[2] &&
            y >= f[1] && y <= f[3]) {
            return true;
        }
    }
    return incmap_geom_contains(g, (incmap_lonlat){v->centre_lon, v->centre_lat});
}

void view_read_disputed(incmap_ctx *ctx, incmap_render_view *v, incmap_base *o)
{
    if (o != NULL) {
        /* all of them, before the extent is known (the title needs them): a few dozen rows */
        rdr tmp = {.ctx = ctx};
        static const double world[4] = {-180, -90, 180, 90};
        read_boundaries(&tmp, o, "boundary_areas", world, &v->disputed); /* no memory: none */
        read_boundaries(&tmp, o, "boundary_lines", world, &v->lines);
        incmap_ctx_clear(ctx);
    }
}

bool view_disputed_in_view(const incmap_render_view *v)
{
    bool shown = false;
    for (size_t i = 0; i < v->disputed.n && !shown; i++) {
        shown = area_in_view(v, v->disputed.f[i].geom);
    }
    return shown;
}

bool view_in_disputed_area(const incmap_render_view *v, const incmap_geom *g)
{
    double b[4];
    if (!incmap_geom_bbox(g, b)) {
        return false;
    }
    incmap_lonlat p = {(b[0] + b[2]) / 2, (b[1] + b[3]) / 2};
    for (size_t i = 0; i < v->disputed.n; i++) {
        if (incmap_geom_contains(v->disputed.f[i].geom, p)) {
            return true;
        }
    }
    return false;
}

/* The areas of v->disputed (read once, when the view was made) whose box meets ll, borrowed. */
static bool rows_meeting(const base_features *all, const double ll[4], base_features *out)
{
    *out = (base_features){0};
    if (all->n == 0) {
        return true;
    }
    if ((out->f = malloc(all->n * sizeof *out->f)) == NULL) {
        return false;
    }
    out->cap = all->n;
    for (size_t i = 0; i < all->n; i++) {
        double b[4];
        if (incmap_geom_bbox(all->f[i].geom, b) && b[2] >= ll[0] && b[0] <= ll[2] &&
            b[3] >= ll[1] && b[1] <= ll[3]) {
            out->f[out->n++] = all->f[i];
        }
    }
    return true;
}

void render_disputed_read(rdr *r, incmap_base *o, const incmap_render_view *v)
{
    if (o == NULL) {
        return;
    }
    double ll[4] = {v->ll[0] - 0.5, v->ll[1] - 0.5, v->ll[2] + 0.5, v->ll[3] + 0.5};
    if (!rows_meeting(&v->lines, ll, &r->blines) ||
        !rows_meeting(&v->disputed, v->ll, &r->bareas)) {
        r->oom = true;
    }
}

void render_disputed_areas_free(base_features *areas)
{
    free(areas->f); /* the features are the view's */
    *areas = (base_features){0};
}

static void path_geom(rdr *r, const incmap_geom *g)
{
    const incmap_render_view *v = r->v;
    rdr_path_geom(r, g, v->proj, v->map, v->px_per_unit, v->frame, v->tol_deg, v->cull);
}

void render_disputed_claimed_land(rdr *r)
{
    cairo_t *cr = r->cr;
    bool any = false;
    cairo_new_path(cr);
    for (size_t i = 0; i < r->bareas.n; i++) {
        if (rdr_is_focus(r, r->bareas.f[i].country)) {
            path_geom(r, r->bareas.f[i].geom);
            any = true;
        }
    }
    if (any) {
        rdr_set_color(r, r->st->land_focus);
        cairo_fill(cr);
    }
    cairo_new_path(cr);
}

void render_disputed(rdr *r)
{
    const render_style *st = r->st;
    const double *f = r->v->frame;
    cairo_t *cr = r->cr;
    if (r->blines.n == 0 && r->bareas.n == 0) {
        return;
    }
    cairo_save(cr);
    cairo_rectangle(cr, f[0], f[1], f[2] - f[0], f[3] - f[1]);
    cairo_clip(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_new_path(cr); /* one path, one fill and one hatch for all: a clip costs per area */
    for (size_t i = 0; i < r->bareas.n; i++) {
        path_geom(r, r->bareas.f[i].geom);
    }
    if (r->bareas.n > 0) {
        rdr_set_color(r, st->disputed_fill);
        cairo_fill_preserve(cr);
        hatch_current_path(r, st->disputed_hatch, 7 * r->u, 0.6 * r->u);
    }
    bool claims = view_width_km(r->v) < RENDER_CLAIM_MAX_KM;
    double lw = st->w_defacto * r->u;
    for (size_t i = 0; i < r->blines.n; i++) {
        const base_feature *bl = &r->blines.f[i];
        bool claim = bl->kind == CLS_CLAIM;
        if (claim && !claims) {
            continue;
        }
        cairo_new_path(cr);
        path_geom(r, bl->geom);
        cairo_path_t *p = cairo_copy_path(cr);
        if (!claim) {
            /* the solid country (and province) outline underneath is painted out first */
            rdr_set_color(r, r->focus[1] != '\0' ? st->land_focus : st->land);
            cairo_set_line_width(cr, fmax(st->w_country, st->w_admin1) * r->u + 1.5 * r->u);
            cairo_stroke(cr);
            cairo_append_path(cr, p);
        }
        double dash[2] = {claim ? 0 : 5 * r->u, claim ? 2.6 * r->u : 3 * r->u};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_line_cap(cr, claim ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
        rdr_set_color(r, st->country_line);
        cairo_set_line_width(cr, claim ? st->w_claim * r->u : lw);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        cairo_path_destroy(p);
    }
    cairo_restore(cr);
}

const base_feature *render_named_line(const rdr *r, const char *text)
{
    if (text == NULL) {
        return NULL;
    }
    if (strncasecmp(text, "the ", 4) == 0) {
        text += 4;
    }
    for (size_t i = 0; i < r->blines.n; i++) {
        const base_feature *bl = &r->blines.f[i];
        if (bl->kind != CLS_CLAIM && bl->name[0] != '\0' && strcasecmp(bl->name, text) == 0) {
            return bl;
        }
    }
    return NULL;
}

/* Labels a line beside one of its in-frame vertices (40 px inside the frame's edges): the one
 * nearest the frame's centre, else, where that label would hide something, the next ones out
 * (at least 40 px apart), LINE_LABEL_TRIES in all. */
#define LINE_LABEL_TRIES 6
/* Border features whose crossed de facto line is remembered (a report has one or two). */
#define LINES_CROSSED_MAX 16
static void label_line(rdr *r, const base_feature *bl)
{
    const double *fr = r->v->frame;
    double cx = (fr[0] + fr[2]) / 2, cy = (fr[1] + fr[3]) / 2, tried[LINE_LABEL_TRIES][2];
    const incmap_geom *g = bl->geom;
    for (int t = 0; t < LINE_LABEL_TRIES; t++) {
        double best = HUGE_VAL, bx = 0, by = 0;
        for (size_t i = 0; i < g->npoints; i++) {
            double x, y, d;
            if (!view_ll_to_px(r->v, g->xy[2 * i], g->xy[2 * i + 1], &x, &y) || x < fr[0] + 40 ||
                x > fr[2] - 40 || y < fr[1] + 40 || y > fr[3] - 40 ||
                (d = hypot(x - cx, y - cy)) >= best) {
                continue;
            }
            bool far = true;
            for (int k = 0; k < t && far; k++) {
                far = hypot(x - tried[k][0], y - tried[k][1]) >= 40 * r->u;
            }
            if (far) {
                best = d, bx = x, by = y;
            }
        }
        if (best == HUGE_VAL || rdr_label(r, bl->name, bx, by, 3 * r->u, r->st->sz_place,
                                          TXT_ITALIC | TXT_HALO, r->st->country_line, false)) {
            return;
        }
        tried[t][0] = bx, tried[t][1] = by;
    }
}

/* Where a large area's label goes: of a 12 x 9 grid over the frame, the points inside the area,
 * the one nearest their mean (so the label sits in the visible part, not off the map). */
static bool area_anchor(const rdr *r, const incmap_geom *g, double *bx, double *by)
{
    const incmap_render_view *v = r->v;
    const double *fr = v->frame;
    double px[12 * 9][2], sx = 0, sy = 0;
    size_t n = 0;
    for (int i = 0; i < 12; i++) {
        for (int j = 0; j < 9; j++) {
            double x = fr[0] + (fr[2] - fr[0]) * (i + 0.5) / 12;
            double y = fr[1] + (fr[3] - fr[1]) * (j + 0.5) / 9;
            incmap_lonlat ll;
            if (incmap_proj_inv(v->proj, v->map[0] + (x - fr[0]) / v->px_per_unit,
                                v->map[1] + (fr[3] - y) / v->px_per_unit, &ll.lon_deg,
                                &ll.lat_deg) &&
                incmap_geom_contains(g, ll)) {
                px[n][0] = x, px[n][1] = y, sx += x, sy += y, n++;
            }
        }
    }
    double best = HUGE_VAL;
    for (size_t k = 0; k < n; k++) {
        double d = hypot(px[k][0] - sx / (double)n, px[k][1] - sy / (double)n);
        if (d < best) {
            best = d, *bx = px[k][0], *by = px[k][1];
        }
    }
    return n > 0;
}

/* The area centroid of the largest polygon shell of g, in lon/lat. */
static bool area_centroid(const incmap_geom *g, double *lon, double *lat)
{
    size_t best0 = 0, best1 = 0;
    double best_a = 0;
    for (size_t p = 0; p < g->npolys; p++) {
        size_t shell = p == 0 ? 0 : g->poly_end[p - 1];
        size_t s0 = shell == 0 ? 0 : g->ring_end[shell - 1], s1 = g->ring_end[shell];
        double a = 0;
        for (size_t i = s0; i + 1 < s1; i++) {
            a += g->xy[2 * i] * g->xy[2 * i + 3] - g->xy[2 * i + 2] * g->xy[2 * i + 1];
        }
        if (fabs(a) > best_a) {
            best_a = fabs(a), best0 = s0, best1 = s1;
        }
    }
    double A = 0, X = 0, Y = 0;
    for (size_t i = best0; i + 1 < best1; i++) {
        const double *p = &g->xy[2 * i], *q = &g->xy[2 * i + 2];
        double c = p[0] * q[1] - q[0] * p[1];
        A += c, X += (p[0] + q[0]) * c, Y += (p[1] + q[1]) * c;
    }
    if (fabs(A) < 1e-12) {
        return false;
    }
    *lon = X / (3 * A), *lat = Y / (3 * A);
    return true;
}

void render_disputed_labels(rdr *r, const incmap_incidents *inc)
{
    const render_style *st = r->st;
    for (size_t i = 0; i < r->bareas.n; i++) {
        const base_feature *a = &r->bareas.f[i];
        double lon, lat, x = 0, y = 0;
        const double *fr = r->v->frame;
        /* at its centroid when that is on the map (the Golan), else in its visible part */
        bool centred = area_centroid(a->geom, &lon, &lat) &&
                       view_ll_to_px(r->v, lon, lat, &x, &y) && x > fr[0] && x < fr[2] &&
                       y > fr[1] && y < fr[3];
        if (a->name[0] != '\0' && (centred || area_anchor(r, a->geom, &x, &y))) {
            rdr_label(r, a->name, x, y, 0, st->sz_place, TXT_ITALIC | TXT_HALO, st->country_label,
                      false);
        }
    }
    bool claims = view_width_km(r->v) < RENDER_CLAIM_MAX_KM;
    /* the lines the incidents' borders are highlighted along, so named there: one plan each */
    const char *crossed[LINES_CROSSED_MAX];
    size_t ncrossed = 0;
    for (size_t k = 0; k < incmap_incidents_feature_count(inc); k++) {
        const incmap_feature *f = incmap_incidents_feature(inc, k);
        border_plan p;
        if (f->role == INCMAP_ROLE_BORDER && ncrossed < LINES_CROSSED_MAX &&
            border_plan_make(r->v, inc, f, &p)) {
            if (p.how == BORDER_LINE && p.line->name[0] != '\0') {
                crossed[ncrossed++] = p.line->name; /* the view's, which outlives the plan */
            }
            border_plan_free(&p);
        }
    }
    for (size_t i = 0; i < r->blines.n; i++) {
        const base_feature *bl = &r->blines.f[i];
        bool named_by_border = false; /* the incident's border label already says it */
        for (size_t k = 0; k < incmap_incidents_feature_count(inc) && !named_by_border; k++) {
            const incmap_feature *f = incmap_incidents_feature(inc, k);
            named_by_border = f->role == INCMAP_ROLE_BORDER && render_named_line(r, f->text) == bl;
        }
        for (size_t k = 0; k < ncrossed && !named_by_border && bl->name[0] != '\0'; k++) {
            named_by_border = strcmp(crossed[k], bl->name) == 0;
        }
        bool again = false; /* one label per name ("Lebanese claim" is two records) */
        for (size_t k = 0; k < i && !again; k++) {
            again = strcmp(r->blines.f[k].name, bl->name) == 0;
        }
        if (bl->name[0] != '\0' && !named_by_border && !again &&
            (bl->kind != CLS_CLAIM || claims)) {
            label_line(r, bl);
        }
    }
}

void render_disputed_free(rdr *r)
{
    render_disputed_areas_free(&r->blines);
    render_disputed_areas_free(&r->bareas);
}
