/* Gazetteer build, boundaries stage: de facto lines, claims and disputed or occupied areas.
 * Natural Earth draws countries as administered, so the Line of Control is simply where India's
 * and Pakistan's polygons meet, and its disputed_borders layer holds the claim lines. The curated
 * table gazetteer/boundaries.tsv (its header says how) names which shared borders are de facto or
 * ceasefire lines and what they are called, classes the disputed_borders records, and picks the
 * provinces that are disputed or occupied. Two layers come out:
 *   boundary_lines  (MultiLineString) class de_facto | ceasefire | claim, label, a, b (ISO_A3)
 *   boundary_areas  (MultiPolygon)    class occupied | disputed, label, claimant (ISO alpha-2:
 *                   the country whose land it is in international law, where the table names one)
 * The renderer draws them (src/render/render_disputed.c); without the table or the layer in the
 * source, the stage writes empty layers and says so in the log. */
#include "build/build_internal.h"
#include "core/vec.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef INCMAP_BOUNDARIES
#define INCMAP_BOUNDARIES NULL
#endif

enum { T_KIND, T_A, T_B, T_NAME, T_BBOX, T_CLASS, T_LABEL, T_SOURCE, T_NCOLS };
enum { BL_CLASS, BL_LABEL, BL_A, BL_B, BL_SOURCE };

typedef struct {
    char *col[T_NCOLS];
    double bbox[4];
    bool has_bbox, used;
} brow;

typedef struct {
    build *b;
    brow *rows;
    size_t nrows, caprows;
    OGRLayerH lines, areas;
    GDALDatasetH ne;
    size_t nlines, nareas;
} bstage;

static const char *col(const brow *r, int c)
{
    return strcmp(r->col[c], "-") == 0 ? "" : r->col[c];
}

static incmap_status load_table(bstage *s, const char *path)
{
    char *text = NULL;
    size_t len = 0;
    incmap_status st = incmap_read_file(s->b->ctx, path, (size_t)1 << 20, &text, &len);
    if (st != INCMAP_OK) {
        return st;
    }
    size_t line = 0;
    for (char *save = NULL, *l = strtok_r(text, "\n", &save); l != NULL && st == INCMAP_OK;
         l = strtok_r(NULL, "\n", &save)) {
        line++;
        if (l[0] == '#' || l[0] == '\0') {
            continue;
        }
        char **parts = CSLTokenizeString2(l, "\t", CSLT_ALLOWEMPTYTOKENS);
        if (CSLCount(parts) != T_NCOLS) {
            st = incmap_fail(s->b->ctx, INCMAP_ERR_PARSE, "%s: line %zu: %d columns, not %d", path,
                             line, CSLCount(parts), T_NCOLS);
        } else if (incmap_grow((void **)&s->rows, &s->caprows, s->nrows + 1, sizeof *s->rows) !=
                   INCMAP_OK) {
            st = incmap_fail(s->b->ctx, INCMAP_ERR_NOMEM, "out of memory reading %s", path);
        } else {
            brow *r = &s->rows[s->nrows++];
            memset(r, 0, sizeof *r);
            for (int c = 0; c < T_NCOLS; c++) {
                r->col[c] = incmap_strdup(parts[c]);
            }
            r->has_bbox = sscanf(r->col[T_BBOX], "%lf,%lf,%lf,%lf", &r->bbox[0], &r->bbox[1],
                                 &r->bbox[2], &r->bbox[3]) == 4;
        }
        CSLDestroy(parts);
    }
    free(text);
    return st;
}

static void free_table(bstage *s)
{
    for (size_t i = 0; i < s->nrows; i++) {
        for (int c = 0; c < T_NCOLS; c++) {
            free(s->rows[i].col[c]);
        }
    }
    free(s->rows);
}

/* g as an owned, valid multi-geometry of its lines (polys false) or polygons; NULL when empty. */
static OGRGeometryH as_multi(OGRGeometryH g, bool polys)
{
    if (g == NULL) {
        return NULL;
    }
    OGRGeometryH v = NULL;
    if (polys && !OGR_G_IsValid(g)) {
        v = OGR_G_MakeValid(g);
    }
    OGRGeometryH m = OGR_G_CreateGeometry(polys ? wkbMultiPolygon : wkbMultiLineString);
    if (m != NULL) {
        build_collect(m, v != NULL ? v : g, polys ? wkbPolygon : wkbLineString);
        if (OGR_G_IsEmpty(m)) {
            OGR_G_DestroyGeometry(m);
            m = NULL;
        }
    }
    OGR_G_DestroyGeometry(v);
    return m;
}

static OGRGeometryH bbox_poly(const double bb[4])
{
    OGREnvelope e = {bb[0], bb[2], bb[1], bb[3]};
    OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
    OGRGeometryH p = OGR_G_CreateGeometry(wkbPolygon);
    if (ring == NULL || p == NULL) {
        OGR_G_DestroyGeometry(ring);
        OGR_G_DestroyGeometry(p);
        return NULL;
    }
    OGR_G_AddPoint_2D(ring, e.MinX, e.MinY);
    OGR_G_AddPoint_2D(ring, e.MaxX, e.MinY);
    OGR_G_AddPoint_2D(ring, e.MaxX, e.MaxY);
    OGR_G_AddPoint_2D(ring, e.MinX, e.MaxY);
    OGR_G_AddPoint_2D(ring, e.MinX, e.MinY);
    OGR_G_AddGeometryDirectly(p, ring);
    return p;
}

static const build_country *country_a3(const build *b, const char *a3)
{
    for (size_t i = 0; i < b->ncountries; i++) {
        if (strcmp(b->countries[i].a3, a3) == 0) {
            return &b->countries[i];
        }
    }
    return NULL;
}

static bool same_point(OGRGeometryH a, int i, OGRGeometryH b, int j)
{
    return OGR_G_GetX(a, i) == OGR_G_GetX(b, j) && OGR_G_GetY(a, i) == OGR_G_GetY(b, j);
}

/* The parts of multiline m joined end to end where they meet (the intersection of two outlines
 * comes in pieces of a few vertices; joined, a dash pattern runs on along the line). Owned. */
static OGRGeometryH join_parts(OGRGeometryH m)
{
    int n = OGR_G_GetGeometryCount(m);
    OGRGeometryH *part = calloc(n > 0 ? (size_t)n : 1, sizeof *part);
    OGRGeometryH out = OGR_G_CreateGeometry(wkbMultiLineString);
    if (part == NULL || out == NULL) {
        free(part);
        OGR_G_DestroyGeometry(out);
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        part[i] = OGR_G_Clone(OGR_G_GetGeometryRef(m, i));
    }
    for (int i = 0; i < n; i++) {
        if (part[i] == NULL) {
            continue;
        }
        for (bool grew = true; grew;) {
            grew = false;
            for (int j = 0; j < n; j++) {
                if (j == i || part[j] == NULL) {
                    continue;
                }
                int ni = OGR_G_GetPointCount(part[i]), nj = OGR_G_GetPointCount(part[j]);
                bool fwd = same_point(part[i], ni - 1, part[j], 0);
                bool rev = !fwd && same_point(part[i], ni - 1, part[j], nj - 1);
                if (!fwd && !rev) {
                    continue;
                }
                for (int k = 1; k < nj; k++) {
                    int q = fwd ? k : nj - 1 - k;
                    OGR_G_AddPoint_2D(part[i], OGR_G_GetX(part[j], q), OGR_G_GetY(part[j], q));
                }
                OGR_G_DestroyGeometry(part[j]);
                part[j] = NULL;
                grew = true;
            }
            if (!grew) { /* and backwards from its start: reverse, then try again */
                int ni = OGR_G_GetPointCount(part[i]);
                for (int j = 0; j < n && !grew; j++) {
                    grew = j != i && part[j] != NULL &&
                           (same_point(part[i], 0, part[j], 0) ||
                            same_point(part[i], 0, part[j], OGR_G_GetPointCount(part[j]) - 1));
                }
                if (grew) {
                    OGRGeometryH r = OGR_G_CreateGeometry(wkbLineString);
                    for (int k = ni - 1; k >= 0; k--) {
                        OGR_G_AddPoint_2D(r, OGR_G_GetX(part[i], k), OGR_G_GetY(part[i], k));
                    }
                    OGR_G_DestroyGeometry(part[i]);
                    part[i] = r;
                }
            }
        }
        OGR_G_AddGeometryDirectly(out, part[i]);
        part[i] = NULL;
    }
    free(part);
    return out;
}

/* The border countries a and b share (inside the row's bbox, if any) as an owned multiline. */
static OGRGeometryH shared_border(const bstage *s, const brow *r)
{
    const build_country *x = country_a3(s->b, col(r, T_A)), *y = country_a3(s->b, col(r, T_B));
    if (x == NULL || y == NULL) {
        return NULL;
    }
    OGRGeometryH bx = OGR_G_Boundary(x->geom), by = OGR_G_Boundary(y->geom);
    OGRGeometryH inter = bx != NULL && by != NULL ? OGR_G_Intersection(bx, by) : NULL;
    OGR_G_DestroyGeometry(bx);
    OGR_G_DestroyGeometry(by);
    if (inter != NULL && r->has_bbox) {
        OGRGeometryH box = bbox_poly(r->bbox);
        OGRGeometryH cut = box != NULL ? OGR_G_Intersection(inter, box) : NULL;
        OGR_G_DestroyGeometry(box);
        OGR_G_DestroyGeometry(inter);
        inter = cut;
    }
    OGRGeometryH m = as_multi(inter, false);
    OGR_G_DestroyGeometry(inter);
    OGRGeometryH joined = m != NULL ? join_parts(m) : NULL;
    if (joined != NULL) {
        OGR_G_DestroyGeometry(m);
        m = joined;
    }
    return m;
}

static incmap_status write_feature(bstage *s, bool area, OGRGeometryH g, const char *cls,
                                   const char *label, const char *a, const char *b,
                                   const char *source)
{
    OGRLayerH l = area ? s->areas : s->lines;
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
    if (f == NULL) {
        return incmap_fail(s->b->ctx, INCMAP_ERR_NOMEM, "out of memory writing boundaries");
    }
    const char *vals[] = {cls, label, a, b, source};
    for (int i = 0; i < (area ? 2 : 5); i++) {
        if (vals[i] != NULL && vals[i][0] != '\0') {
            OGR_F_SetFieldString(f, i, vals[i]);
        } else {
            OGR_F_SetFieldNull(f, i);
        }
    }
    if (area && source != NULL) {
        OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "source"), source);
    }
    /* an area's b is its claimant: the map of that country's incident tints it as its land */
    const build_country *claimant = area && b != NULL && b[0] ? country_a3(s->b, b) : NULL;
    if (claimant != NULL && claimant->a2[0] != '\0') {
        OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, "claimant"), claimant->a2);
    }
    OGR_F_SetGeometry(f, g);
    OGRErr err = OGR_L_CreateFeature(l, f);
    OGR_F_Destroy(f);
    if (err != OGRERR_NONE) {
        return build_gdal_fail(s->b, "writing boundaries");
    }
    if (area) {
        s->nareas++;
    } else {
        s->nlines++;
    }
    return INCMAP_OK;
}

static const brow *find_row(const bstage *s, const char *kind, const char *a, const char *name)
{
    for (size_t i = 0; i < s->nrows; i++) {
        const brow *r = &s->rows[i];
        if (strcmp(r->col[T_KIND], kind) == 0 && strcmp(col(r, T_A), a) == 0 &&
            strcmp(col(r, T_NAME), name) == 0) {
            return r;
        }
    }
    return NULL;
}

static const char *field_str(OGRFeatureH f, const char *name)
{
    int i = OGR_F_GetFieldIndex(f, name);
    return i >= 0 && OGR_F_IsFieldSetAndNotNull(f, i) ? OGR_F_GetFieldAsString(f, i) : "";
}

/* Every disputed_borders record: classed by a `line` row, else a claim under NE's name. */
static incmap_status ne_lines(bstage *s, OGRLayerH l)
{
    incmap_status st = INCMAP_OK;
    OGR_L_ResetReading(l);
    OGRFeatureH f;
    while (st == INCMAP_OK && (f = OGR_L_GetNextFeature(l)) != NULL) {
        const char *name = field_str(f, "name"), *a = field_str(f, "adm0_a3_l");
        const char *b = field_str(f, "adm0_a3_r");
        const brow *r = find_row(s, "line", a, name);
        OGRGeometryH g = as_multi(OGR_F_GetGeometryRef(f), false);
        if (g != NULL && (r == NULL || strcmp(r->col[T_CLASS], "omit") != 0) &&
            build_utf8_valid(name, strlen(name))) {
            st = write_feature(s, false, g, r != NULL ? r->col[T_CLASS] : "claim",
                               r != NULL ? col(r, T_LABEL) : name, a, strcmp(a, b) ? b : "",
                               r != NULL ? col(r, T_SOURCE) : "Natural Earth disputed_borders");
        }
        OGR_G_DestroyGeometry(g);
        OGR_F_Destroy(f);
    }
    return st;
}

/* Country a inside the convex hull of its disputed_borders records named ne_name and the border
 * of a and b: the area between a claim line and a de facto line (the Golan Heights). */
static OGRGeometryH hull_area(bstage *s, const brow *r, OGRLayerH l)
{
    const build_country *x = country_a3(s->b, col(r, T_A));
    OGRGeometryH pts = OGR_G_CreateGeometry(wkbGeometryCollection);
    if (x == NULL || pts == NULL || l == NULL) {
        OGR_G_DestroyGeometry(pts);
        return NULL;
    }
    OGR_L_ResetReading(l);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        if (strcmp(field_str(f, "name"), col(r, T_NAME)) == 0 &&
            strcmp(field_str(f, "adm0_a3_l"), col(r, T_A)) == 0) {
            OGR_G_AddGeometry(pts, OGR_F_GetGeometryRef(f));
        }
        OGR_F_Destroy(f);
    }
    OGRGeometryH border = shared_border(s, r);
    if (border != NULL) {
        OGR_G_AddGeometryDirectly(pts, border);
    }
    OGRGeometryH out = NULL;
    if (OGR_G_GetGeometryCount(pts) >= 2) {
        OGRGeometryH hull = OGR_G_ConvexHull(pts);
        OGRGeometryH in = hull != NULL ? OGR_G_Intersection(hull, x->geom) : NULL;
        out = as_multi(in, true);
        OGR_G_DestroyGeometry(in);
        OGR_G_DestroyGeometry(hull);
    }
    OGR_G_DestroyGeometry(pts);
    return out;
}

/* The provinces of `area` rows sharing r's label, as one multipolygon (owned). */
static OGRGeometryH province_union(bstage *s, const brow *r)
{
    OGRGeometryH acc = NULL;
    for (size_t k = 0; k < s->nrows; k++) {
        brow *q = &s->rows[k];
        if (strcmp(q->col[T_KIND], "area") != 0 || strcmp(q->col[T_LABEL], r->col[T_LABEL]) != 0) {
            continue;
        }
        q->used = true;
        char prefix[32];
        snprintf(prefix, sizeof prefix, "ne_admin1:%s-", col(q, T_A));
        for (size_t i = 0; i < s->b->nprovs; i++) {
            const build_province *p = &s->b->provs[i];
            if (strcmp(p->name, col(q, T_NAME)) != 0 ||
                strncmp(p->id, prefix, strlen(prefix)) != 0) {
                continue;
            }
            OGRGeometryH u = acc == NULL ? OGR_G_Clone(p->ogr) : OGR_G_Union(acc, p->ogr);
            OGR_G_DestroyGeometry(acc);
            acc = u;
        }
    }
    OGRGeometryH m = as_multi(acc, true);
    OGR_G_DestroyGeometry(acc);
    return m;
}

static incmap_status run_rows(bstage *s, OGRLayerH ne_lines_layer)
{
    incmap_status st = INCMAP_OK;
    for (size_t i = 0; i < s->nrows && st == INCMAP_OK; i++) {
        brow *r = &s->rows[i];
        const char *kind = r->col[T_KIND];
        OGRGeometryH g = NULL;
        bool area = false;
        if (strcmp(kind, "shared") == 0) {
            g = shared_border(s, r);
        } else if (strcmp(kind, "hull") == 0) {
            g = hull_area(s, r, ne_lines_layer);
            area = true;
        } else if (strcmp(kind, "area") == 0 && !r->used) {
            g = province_union(s, r);
            area = true;
        }
        if (g == NULL) {
            if (strcmp(kind, "line") != 0 && !(strcmp(kind, "area") == 0 && r->used)) {
                incmap_log(s->b->ctx, INCMAP_LOG_INFO, "boundaries: %s %s %s %s: not in the data",
                           kind, r->col[T_A], r->col[T_B], r->col[T_NAME]);
            }
            continue;
        }
        st = write_feature(s, area, g, r->col[T_CLASS], col(r, T_LABEL), col(r, T_A), col(r, T_B),
                           col(r, T_SOURCE));
        OGR_G_DestroyGeometry(g);
    }
    return st;
}

incmap_status build_disputed(build *b, const char *ne_path)
{
    bstage s = {.b = b};
    char table[4096];
    incmap_status st = INCMAP_OK;
    static const char *const line_fields[] = {"class", "label", "a", "b", "source", NULL};
    static const char *const area_fields[] = {"class", "label", "source", "claimant", NULL};
    s.lines = build_make_layer(b, "boundary_lines", wkbMultiLineString, line_fields);
    s.areas = s.lines ? build_make_layer(b, "boundary_areas", wkbMultiPolygon, area_fields) : NULL;
    if (s.areas == NULL) {
        return build_gdal_fail(b, "creating the boundary layers");
    }
    if (!incmap_data_find("boundaries.tsv", INCMAP_BOUNDARIES, table, sizeof table, NULL, 0)) {
        incmap_log(b->ctx, INCMAP_LOG_WARN, "boundaries.tsv not found: no de facto lines");
        return INCMAP_OK;
    }
    st = load_table(&s, table);
    s.ne = st == INCMAP_OK
               ? GDALOpenEx(ne_path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL)
               : NULL;
    OGRLayerH dl = s.ne != NULL ? GDALDatasetGetLayerByName(s.ne, "disputed_borders") : NULL;
    if (st == INCMAP_OK && dl != NULL) {
        st = ne_lines(&s, dl);
    }
    if (st == INCMAP_OK) {
        st = run_rows(&s, dl);
    }
    if (s.ne != NULL) {
        GDALClose(s.ne);
    }
    if (st == INCMAP_OK) {
        st = build_note_source(b, "boundaries", table, s.nlines + s.nareas, 0);
    }
    incmap_log(b->ctx, INCMAP_LOG_INFO, "boundaries: %zu lines, %zu areas", s.nlines, s.nareas);
    free_table(&s);
    return st;
}
