/* Gazetteer build, seas stage: oceans, seas and gulfs as areas. gazetteer/seas.tsv gives a coarse
 * outline for some supplement rows (by id) drawn from the IHO limits (S-23) across open water and
 * loosely over land; the build cuts the land away with the Natural Earth countries (GEOS through
 * GDAL), so a sea mention is the water it names, with the supplement's point as its label. */
#include "build/build_internal.h"

#include <cpl_error.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct build_seas {
    char **id;
    OGRGeometryH *outline; /* owned; as written, longitudes may pass 180 */
    bool *used;
    size_t n, cap;
    char path[4096];
    OGRGeometryH land; /* all the land, made on first use (owned; see world_land()) */
};

/* The land is simplified to this many degrees (about 1 km) before it is cut away: an outline this
 * coarse gains nothing from the 10m coast, and the cut is then several times faster. */
#define SEA_LAND_TOL_DEG 0.01
/* A sea's area is simplified to this fraction of its size, at most SEA_SIMPLIFY_MAX_DEG (about
 * 2 km): a coarser coast would put coastal towns at sea (simplifying moves a line either way). */
#define SEA_SIMPLIFY_FRACTION (1.0 / 2000)
#define SEA_SIMPLIFY_MAX_DEG 0.02
/* Pieces of water left by the cut smaller than this fraction of the largest (lagoons, a strait's
 * sliver where an outline crosses it) are dropped, as are islands smaller than the tolerance. */
#define SEA_MIN_PIECE_FRACTION 1e-3

static const char seas_header[] = "id\toutline\tsource";

void build_seas_free(build *b)
{
    struct build_seas *s = b->seas;
    if (s == NULL) {
        return;
    }
    for (size_t i = 0; i < s->n; i++) {
        free(s->id[i]);
        OGR_G_DestroyGeometry(s->outline[i]);
    }
    OGR_G_DestroyGeometry(s->land);
    free(s->id);
    free(s->outline);
    free(s->used);
    free(s);
    b->seas = NULL;
}

static incmap_status add_row(build *b, char *id, char *wkt, const char *file, size_t line)
{
    struct build_seas *s = b->seas;
    OGRGeometryH g = NULL;
    char *p = wkt;
    if (OGR_G_CreateFromWkt(&p, NULL, &g) != OGRERR_NONE || g == NULL ||
        (wkbFlatten(OGR_G_GetGeometryType(g)) != wkbPolygon &&
         wkbFlatten(OGR_G_GetGeometryType(g)) != wkbMultiPolygon)) {
        OGR_G_DestroyGeometry(g);
        return incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s:%zu: %s: the outline is no WKT polygon",
                           file, line, id);
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        char **ids = realloc(s->id, cap * sizeof *ids);
        s->id = ids != NULL ? ids : s->id;
        OGRGeometryH *o = ids != NULL ? realloc(s->outline, cap * sizeof *o) : NULL;
        s->outline = o != NULL ? o : s->outline;
        bool *u = o != NULL ? realloc(s->used, cap * sizeof *u) : NULL;
        s->used = u != NULL ? u : s->used;
        if (u == NULL) {
            OGR_G_DestroyGeometry(g);
            return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory reading %s", file);
        }
        s->cap = cap;
    }
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(s->id[i], id) == 0) {
            OGR_G_DestroyGeometry(g);
            return incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s:%zu: duplicate id %s", file, line, id);
        }
    }
    if ((s->id[s->n] = incmap_strdup(id)) == NULL) {
        OGR_G_DestroyGeometry(g);
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory reading %s", file);
    }
    s->outline[s->n] = g;
    s->used[s->n++] = false;
    return INCMAP_OK;
}

static incmap_status parse_table(build *b, char *text, const char *file)
{
    incmap_status st = INCMAP_OK;
    size_t lineno = 0;
    bool header = false;
    for (char *p = text, *nl; st == INCMAP_OK && p != NULL && *p != '\0'; p = nl) {
        nl = strchr(p, '\n');
        if (nl != NULL) {
            *nl++ = '\0';
        }
        lineno++;
        size_t n = strlen(p);
        if (n > 0 && p[n - 1] == '\r') {
            p[--n] = '\0';
        }
        if (n == 0 || p[0] == '#') {
            continue;
        }
        if (!header) {
            header = true;
            if (strcmp(p, seas_header) != 0) {
                st = incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s:%zu: expected the header '%s'", file,
                                 lineno, seas_header);
            }
            continue;
        }
        char *t1 = strchr(p, '\t'), *t2 = t1 != NULL ? strchr(t1 + 1, '\t') : NULL;
        if (t2 == NULL || strchr(t2 + 1, '\t') != NULL || t2[1] == '\0' || t1 == p) {
            st =
                incmap_fail(b->ctx, INCMAP_ERR_PARSE,
                            "%s:%zu: expected id, outline and source, tab-separated", file, lineno);
            continue;
        }
        *t1 = *t2 = '\0';
        st = add_row(b, p, t1 + 1, file, lineno);
    }
    return st;
}

incmap_status build_seas_load(build *b)
{
    if ((b->seas = calloc(1, sizeof *b->seas)) == NULL) {
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    struct build_seas *s = b->seas;
    if (!incmap_data_find("seas.tsv", INCMAP_SEAS, s->path, sizeof s->path, NULL, 0)) {
        incmap_log(b->ctx, INCMAP_LOG_WARN, "seas.tsv not found: seas and oceans are points");
        return INCMAP_OK;
    }
    char *text = NULL;
    size_t len = 0;
    incmap_status st = incmap_read_file(b->ctx, s->path, (size_t)16 << 20, &text, &len);
    if (st != INCMAP_OK) {
        return st;
    }
    const char *slash = strrchr(s->path, '/');
    const char *file = slash != NULL ? slash + 1 : s->path;
    st = build_utf8_valid(text, len)
             ? parse_table(b, text, file)
             : incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s: invalid UTF-8", s->path);
    free(text);
    return st;
}

static void shift_x(OGRGeometryH g, double dx)
{
    int np = OGR_G_GetPointCount(g);
    for (int i = 0; i < np; i++) {
        OGR_G_SetPoint_2D(g, i, OGR_G_GetX(g, i) + dx, OGR_G_GetY(g, i));
    }
    for (int i = 0; np == 0 && i < OGR_G_GetGeometryCount(g); i++) {
        shift_x(OGR_G_GetGeometryRef(g, i), dx);
    }
}

static OGRGeometryH box(double w, double s, double e, double n)
{
    OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing),
                 poly = OGR_G_CreateGeometry(wkbPolygon);
    const double xy[5][2] = {{w, s}, {e, s}, {e, n}, {w, n}, {w, s}};
    for (int i = 0; i < 5; i++) {
        OGR_G_AddPoint_2D(ring, xy[i][0], xy[i][1]);
    }
    OGR_G_AddGeometryDirectly(poly, ring);
    return poly;
}

/* The outline as a multipolygon within -180..180: an ocean across the antimeridian is written
 * with longitudes past 180 (one ring), and cut there into its two halves. */
static OGRGeometryH unwrap(OGRGeometryH g)
{
    OGREnvelope env;
    OGR_G_GetEnvelope(g, &env);
    OGRGeometryH out = OGR_G_CreateGeometry(wkbMultiPolygon);
    if (env.MaxX <= 180) {
        build_collect(out, g, wkbPolygon);
        return out;
    }
    OGRGeometryH east_box = box(-180, -90, 180, 90), west_box = box(180, -90, 540, 90);
    OGRGeometryH east = OGR_G_Intersection(g, east_box), west = OGR_G_Intersection(g, west_box);
    if (east != NULL && west != NULL) {
        shift_x(west, -360);
        build_collect(out, east, wkbPolygon);
        build_collect(out, west, wkbPolygon);
    }
    OGR_G_DestroyGeometry(east_box);
    OGR_G_DestroyGeometry(west_box);
    OGR_G_DestroyGeometry(east);
    OGR_G_DestroyGeometry(west);
    return out;
}

/* All the land, once: the countries, and the provinces of no country (Somaliland has no admin-0
 * row), each simplified to SEA_LAND_TOL_DEG, in one cascaded union. One union of the world costs
 * less than one per ocean. Borrowed: freed with the seas. */
static OGRGeometryH world_land(build *b)
{
    struct build_seas *s = b->seas;
    if (s->land != NULL) {
        return s->land;
    }
    OGRGeometryH parts = OGR_G_CreateGeometry(wkbMultiPolygon);
    for (size_t i = 0; i < b->ncountries; i++) {
        OGRGeometryH g = OGR_G_SimplifyPreserveTopology(b->countries[i].geom, SEA_LAND_TOL_DEG);
        if (g != NULL) {
            build_collect(parts, g, wkbPolygon);
        }
        OGR_G_DestroyGeometry(g);
    }
    for (size_t i = 0; i < b->nprovs; i++) {
        const build_province *p = &b->provs[i];
        OGRGeometryH g = p->ogr != NULL && build_country_by_a2(b, p->a2) == NULL
                             ? OGR_G_SimplifyPreserveTopology(p->ogr, SEA_LAND_TOL_DEG)
                             : NULL;
        if (g != NULL) {
            build_collect(parts, g, wkbPolygon);
        }
        OGR_G_DestroyGeometry(g);
    }
    s->land = OGR_G_UnionCascaded(parts);
    OGR_G_DestroyGeometry(parts);
    return s->land;
}

/* Keeps the pieces of water and the islands worth keeping (see SEA_MIN_PIECE_FRACTION). */
static OGRGeometryH keep_pieces(OGRGeometryH g, double tol)
{
    OGRGeometryH all = OGR_G_CreateGeometry(wkbMultiPolygon);
    build_collect(all, g, wkbPolygon);
    double largest = 0;
    for (int i = 0; i < OGR_G_GetGeometryCount(all); i++) {
        largest = fmax(largest, OGR_G_Area(OGR_G_GetGeometryRef(all, i)));
    }
    OGRGeometryH out = OGR_G_CreateGeometry(wkbMultiPolygon);
    for (int i = 0; i < OGR_G_GetGeometryCount(all); i++) {
        OGRGeometryH p = OGR_G_GetGeometryRef(all, i);
        if (OGR_G_Area(p) < largest * SEA_MIN_PIECE_FRACTION) {
            continue;
        }
        OGRGeometryH q = OGR_G_CreateGeometry(wkbPolygon);
        for (int r = 0; r < OGR_G_GetGeometryCount(p); r++) {
            OGRGeometryH ring = OGR_G_GetGeometryRef(p, r);
            if (r == 0 || OGR_G_Area(ring) >= tol * tol) {
                OGR_G_AddGeometry(q, ring);
            }
        }
        OGR_G_AddGeometryDirectly(out, q);
    }
    OGR_G_DestroyGeometry(all);
    return out;
}

incmap_status build_sea_area(build *b, const char *id, OGRGeometryH *area_out)
{
    *area_out = NULL;
    struct build_seas *s = b->seas;
    size_t k = 0;
    while (s != NULL && k < s->n && strcmp(s->id[k], id) != 0) {
        k++;
    }
    if (s == NULL || k == s->n) {
        return INCMAP_OK;
    }
    s->used[k] = true;
    OGRGeometryH sea = unwrap(s->outline[k]), land = NULL, water = NULL, simple = NULL;
    OGREnvelope env;
    OGR_G_GetEnvelope(sea, &env);
    double span = fmax(env.MaxX - env.MinX, env.MaxY - env.MinY);
    double tol = fmin(SEA_SIMPLIFY_MAX_DEG, span * SEA_SIMPLIFY_FRACTION);
    CPLErrorReset();
    CPLPushErrorHandler(CPLQuietErrorHandler); /* GEOS reports each self-intersection */
    if (!OGR_G_IsEmpty(sea) && (land = world_land(b)) != NULL &&
        (water = OGR_G_Difference(sea, land)) != NULL &&
        (simple = OGR_G_SimplifyPreserveTopology(water, tol)) != NULL) {
        if (!OGR_G_IsValid(simple)) { /* a hole may cross its shell once simplified */
            OGRGeometryH v = OGR_G_MakeValid(simple);
            OGR_G_DestroyGeometry(simple);
            simple = v;
        }
        *area_out = simple != NULL ? keep_pieces(simple, tol) : NULL;
    }
    CPLPopErrorHandler();
    OGR_G_DestroyGeometry(sea);
    OGR_G_DestroyGeometry(water);
    OGR_G_DestroyGeometry(simple);
    if (*area_out == NULL || OGR_G_IsEmpty(*area_out)) {
        OGR_G_DestroyGeometry(*area_out);
        *area_out = NULL;
        return CPLGetLastErrorType() >= CE_Failure
                   ? build_gdal_fail(b, "cutting the land from a sea")
                   : incmap_fail(b->ctx, INCMAP_ERR_PARSE, "seas.tsv: %s: no water left", id);
    }
    return INCMAP_OK;
}

incmap_status build_seas_done(build *b)
{
    struct build_seas *s = b->seas;
    if (s == NULL || s->n == 0) {
        return INCMAP_OK;
    }
    size_t used = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->used[i]) {
            used++;
        } else {
            incmap_log(b->ctx, INCMAP_LOG_INFO, "seas.tsv: no supplement row %s", s->id[i]);
        }
    }
    return build_note_source(b, "seas", s->path, used, s->n - used);
}
