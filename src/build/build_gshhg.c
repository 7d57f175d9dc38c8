/* Gazetteer build, physical context: GSHHG (Debian's gmt-gshhg-* packages, LGPL-3+) rivers and
 * shorelines -> the `rivers` (line strings with their GSHHG level) and `shore` (polygons with
 * their level: 1 land, 2 lake, 3 island in a lake, 4 pond on such an island) layers, which the
 * renderer draws by scale. GSHHG comes in bins (1 to 20 degrees square) of int16 offsets from the
 * bin's south-west corner; netCDF-4 files read with GDAL's multidimensional API. Shore polygons
 * are stored cut at bin edges: each piece is closed by walking the bin's edge, so every piece is
 * a valid polygon and a map reads only the bins it shows. */
#include "build/build_internal.h"
#include "core/vec.h"

#include <cpl_string.h>
#include <math.h>
#include <ogr_srs_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef INCMAP_GSHHG_DIR
#define INCMAP_GSHHG_DIR "/usr/share/gmt-gshhg"
#endif

/* Finest first: `h` (0.2 km tolerance) is fine enough for a city map; `f` (full, ~100 MB) adds
 * little at our scales and is not preferred (see gazetteer/README.md for the figures). */
static const char gshhg_res[] = "hilc";

#define POS_MAX 65535 /* offsets are fractions of a bin side over 65535 */

typedef struct {
    int32_t *v;
    size_t n;
} i32s;

typedef struct {
    GDALDatasetH ds;
    GDALGroupH root;
    int bin_minutes, nx;
    double bsize, scale; /* bin side in degrees; degrees per offset unit */
    i32s first_seg, nseg, dx, dy, seg_first_pt;
} gfile;

static void i32s_free(i32s *a)
{
    free(a->v);
    a->v = NULL;
    a->n = 0;
}

/* The whole 1-D array `name` as int32 (shorter types are widened by GDAL). */
static bool read_i32(GDALGroupH root, const char *name, i32s *out)
{
    GDALMDArrayH a = GDALGroupOpenMDArray(root, name, NULL);
    if (a == NULL) {
        return false;
    }
    size_t nd = 0;
    GDALDimensionH *dims = GDALMDArrayGetDimensions(a, &nd);
    GUInt64 n = nd == 1 ? GDALDimensionGetSize(dims[0]) : 0;
    GDALReleaseDimensions(dims, nd);
    bool ok = n > 0 && n < ((GUInt64)1 << 31);
    out->n = (size_t)n;
    out->v = ok ? malloc(out->n * sizeof *out->v) : NULL;
    if (out->v != NULL) {
        GDALExtendedDataTypeH t = GDALExtendedDataTypeCreate(GDT_Int32);
        GUInt64 start = 0;
        size_t count = out->n;
        ok = GDALMDArrayRead(a, &start, &count, NULL, NULL, t, out->v, out->v,
                             out->n * sizeof *out->v);
        GDALExtendedDataTypeRelease(t);
    }
    GDALMDArrayRelease(a);
    if (!ok || out->v == NULL) {
        i32s_free(out);
        return false;
    }
    return true;
}

static bool read_scalar(GDALGroupH root, const char *name, int *v)
{
    i32s a = {0};
    bool ok = read_i32(root, name, &a) && a.n == 1;
    *v = ok ? a.v[0] : 0;
    i32s_free(&a);
    return ok;
}

static void gfile_close(gfile *g)
{
    i32s_free(&g->first_seg);
    i32s_free(&g->nseg);
    i32s_free(&g->dx);
    i32s_free(&g->dy);
    i32s_free(&g->seg_first_pt);
    if (g->root != NULL) {
        GDALGroupRelease(g->root);
    }
    if (g->ds != NULL) {
        GDALClose(g->ds);
    }
    memset(g, 0, sizeof *g);
}

/* Opens a binned file and reads the arrays common to rivers and shores. */
static incmap_status gfile_open(build *b, const char *path, gfile *g)
{
    memset(g, 0, sizeof *g);
    const char *const drivers[] = {"netCDF", NULL};
    g->ds = GDALOpenEx(path, GDAL_OF_MULTIDIM_RASTER | GDAL_OF_READONLY, drivers, NULL, NULL);
    g->root = g->ds != NULL ? GDALDatasetGetRootGroup(g->ds) : NULL;
    bool ok = g->root != NULL && read_scalar(g->root, "Bin_size_in_minutes", &g->bin_minutes) &&
              read_scalar(g->root, "N_bins_in_360_longitude_range", &g->nx) && g->bin_minutes > 0 &&
              g->nx > 0 && read_i32(g->root, "Id_of_first_segment_in_a_bin", &g->first_seg) &&
              read_i32(g->root, "N_segments_in_a_bin", &g->nseg) && g->first_seg.n == g->nseg.n &&
              read_i32(g->root, "Id_of_first_point_in_a_segment", &g->seg_first_pt) &&
              read_i32(g->root, "Relative_longitude_from_SW_corner_of_bin", &g->dx) &&
              read_i32(g->root, "Relative_latitude_from_SW_corner_of_bin", &g->dy) &&
              g->dx.n == g->dy.n;
    if (!ok) {
        gfile_close(g);
        return incmap_fail(b->ctx, INCMAP_ERR_PARSE,
                           "%s: not a GSHHG binned netCDF file (or GDAL lacks netCDF-4 support)",
                           path);
    }
    g->bsize = g->bin_minutes / 60.0;
    g->scale = g->bsize / POS_MAX;
    return INCMAP_OK;
}

/* The south-west corner of bin i, longitudes in [-180, 180). */
static void bin_sw(const gfile *g, size_t i, double *lon, double *lat)
{
    *lon = (double)(i % (size_t)g->nx) * g->bsize;
    if (*lon >= 180) {
        *lon -= 360;
    }
    *lat = 90.0 - (double)(i / (size_t)g->nx + 1) * g->bsize;
}

/* Point k of the file as offsets (0..65535) in its bin. */
static void pt_off(const gfile *g, size_t k, int *x, int *y)
{
    *x = (uint16_t)g->dx.v[k];
    *y = (uint16_t)g->dy.v[k];
}

static OGRLayerH make_level_layer(build *b, const char *name, OGRwkbGeometryType type, bool area)
{
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    OSRImportFromEPSG(srs, 4326);
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    char **lco = CSLSetNameValue(NULL, "FID", "fid");
    OGRLayerH l = GDALDatasetCreateLayer(b->ds, name, srs, type, lco);
    CSLDestroy(lco);
    OSRDestroySpatialReference(srs);
    OGRFieldDefnH fd = OGR_Fld_Create("level", OFTInteger);
    bool ok = l != NULL && OGR_L_CreateField(l, fd, TRUE) == OGRERR_NONE;
    OGR_Fld_Destroy(fd);
    if (ok && area) {
        fd = OGR_Fld_Create("area_km2", OFTReal);
        ok = OGR_L_CreateField(l, fd, TRUE) == OGRERR_NONE;
        OGR_Fld_Destroy(fd);
    }
    return ok ? l : NULL;
}

static incmap_status write_feature(build *b, OGRLayerH l, OGRGeometryH geom, int level,
                                   double area_km2)
{
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
    if (f == NULL) {
        OGR_G_DestroyGeometry(geom);
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    OGR_F_SetFieldInteger(f, 0, level);
    if (area_km2 >= 0) {
        OGR_F_SetFieldDouble(f, 1, area_km2);
    }
    OGR_F_SetGeometryDirectly(f, geom);
    OGRErr err = OGR_L_CreateFeature(l, f);
    OGR_F_Destroy(f);
    return err == OGRERR_NONE ? INCMAP_OK : build_gdal_fail(b, "writing GSHHG features");
}

/* ---- rivers: one line string per segment of a bin ---- */

static incmap_status build_rivers(build *b, const char *path, size_t *count)
{
    gfile g;
    incmap_status st = gfile_open(b, path, &g);
    if (st != INCMAP_OK) {
        return st;
    }
    i32s npts = {0}, level = {0};
    if (!read_i32(g.root, "N_points_for_a_segment", &npts) ||
        !read_i32(g.root, "Hierarchial_level_of_a_segment", &level) || npts.n != level.n ||
        npts.n != g.seg_first_pt.n) {
        st = incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s: no river segment arrays", path);
    }
    OGRLayerH l = st == INCMAP_OK ? make_level_layer(b, "rivers", wkbLineString, false) : NULL;
    if (st == INCMAP_OK && l == NULL) {
        st = build_gdal_fail(b, "creating the rivers layer");
    }
    for (size_t i = 0; st == INCMAP_OK && i < g.nseg.n; i++) {
        double lon0, lat0;
        bin_sw(&g, i, &lon0, &lat0);
        build_progress(b, "GSHHG rivers", i, g.nseg.n);
        for (int32_t s = g.first_seg.v[i]; st == INCMAP_OK && s < g.first_seg.v[i] + g.nseg.v[i];
             s++) {
            if (s < 0 || (size_t)s >= npts.n) {
                st = incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s: bad segment index", path);
                break;
            }
            size_t p0 = (size_t)g.seg_first_pt.v[s], n = (size_t)npts.v[s];
            if (n < 2 || p0 + n > g.dx.n) {
                continue;
            }
            OGRGeometryH line = OGR_G_CreateGeometry(wkbLineString);
            for (size_t k = 0; k < n; k++) {
                int x, y;
                pt_off(&g, p0 + k, &x, &y);
                OGR_G_AddPoint_2D(line, lon0 + x * g.scale, lat0 + y * g.scale);
            }
            st = write_feature(b, l, line, level.v[s], -1);
            (*count)++;
        }
    }
    i32s_free(&npts);
    i32s_free(&level);
    gfile_close(&g);
    return st;
}

/* ---- shores: segments closed along the bin edge into polygons, level by level ---- */

/* Sides, as GSHHG numbers them: 0 south, 1 east, 2 north, 3 west; 4 = no side (a closed polygon
 * inside the bin). The perimeter is walked counter-clockwise from the south-west corner, so a
 * point on it has the position side * 65536 + its distance along that side. */
#define PERIM (4L * (POS_MAX + 1))

static long perim_pos(int side, int x, int y)
{
    long along = side == 0 ? x : side == 1 ? y : side == 2 ? POS_MAX - x : POS_MAX - y;
    return (long)side * (POS_MAX + 1) + along;
}

typedef struct {
    size_t p0, n;
    int level, entry, exit;
    long t0, t1; /* perimeter positions of the first and last point (open segments) */
    double area_km2;
    bool used;
} sseg;

typedef struct {
    double *xy;
    size_t n, cap;
} ring;

static bool ring_add(ring *r, double x, double y)
{
    if (incmap_grow((void **)&r->xy, &r->cap, 2 * (r->n + 1), sizeof *r->xy) != INCMAP_OK) {
        return false;
    }
    r->xy[2 * r->n] = x, r->xy[2 * r->n + 1] = y, r->n++;
    return true;
}

/* The bin corner at perimeter position c * 65536 (c = 0 SW, 1 SE, 2 NE, 3 NW), in offsets. */
static void corner_off(int c, int *x, int *y)
{
    *x = c == 1 || c == 2 ? POS_MAX : 0;
    *y = c >= 2 ? POS_MAX : 0;
}

/* Forward distance along the perimeter from a to b in the walking direction (dir 1: CCW). */
static long fwd(long a, long b, int dir)
{
    long d = dir > 0 ? b - a : a - b;
    return ((d % PERIM) + PERIM) % PERIM;
}

typedef struct {
    build *b;
    const gfile *g;
    OGRLayerH l;
    double lon0, lat0;
    size_t *count;
    size_t corner_mismatch; /* corners walked whose level says they are outside (a check) */
} shore_ctx;

/* Adds the polygons of g (a polygon or a collection of anything) to mp. */
static void collect_polygons(OGRGeometryH g, OGRGeometryH mp)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbPolygon && !OGR_G_IsEmpty(g)) {
        OGR_G_AddGeometry(mp, g);
    } else if (t == wkbMultiPolygon || t == wkbGeometryCollection) {
        for (int i = 0; i < OGR_G_GetGeometryCount(g); i++) {
            collect_polygons(OGR_G_GetGeometryRef(g, i), mp);
        }
    }
}

/* The polygon as a valid multipolygon (takes it), or NULL when nothing areal is left. A piece
 * whose coast runs along its bin's edge can touch itself there (1 in 10,000 at resolution h);
 * GEOS's MakeValid splits it where it touches. */
static OGRGeometryH valid_multi(OGRGeometryH poly)
{
    if (OGR_G_IsValid(poly)) {
        return OGR_G_ForceToMultiPolygon(poly);
    }
    OGRGeometryH v = OGR_G_MakeValid(poly);
    OGR_G_DestroyGeometry(poly);
    OGRGeometryH mp = OGR_G_CreateGeometry(wkbMultiPolygon);
    if (v != NULL) {
        collect_polygons(v, mp);
        OGR_G_DestroyGeometry(v);
    }
    if (OGR_G_GetGeometryCount(mp) == 0) {
        OGR_G_DestroyGeometry(mp);
        return NULL;
    }
    return mp;
}

static incmap_status emit_ring(shore_ctx *c, const ring *r, int level, double area_km2)
{
    if (r->n < 3) {
        return INCMAP_OK;
    }
    OGRGeometryH lr = OGR_G_CreateGeometry(wkbLinearRing);
    for (size_t k = 0; k < r->n; k++) {
        OGR_G_AddPoint_2D(lr, c->lon0 + r->xy[2 * k] * c->g->scale,
                          c->lat0 + r->xy[2 * k + 1] * c->g->scale);
    }
    OGR_G_AddPoint_2D(lr, c->lon0 + r->xy[0] * c->g->scale, c->lat0 + r->xy[1] * c->g->scale);
    OGRGeometryH poly = OGR_G_CreateGeometry(wkbPolygon);
    OGR_G_AddGeometryDirectly(poly, lr);
    OGRGeometryH mp = valid_multi(poly);
    if (mp == NULL) {
        return INCMAP_OK; /* a sliver at a bin corner: nothing left to draw */
    }
    (*c->count)++;
    return write_feature(c->b, c->l, mp, level, area_km2);
}

static bool add_seg(ring *r, const gfile *g, const sseg *s)
{
    for (size_t k = 0; k < s->n; k++) {
        int x, y;
        pt_off(g, s->p0 + k, &x, &y);
        if (!ring_add(r, x, y)) {
            return false;
        }
    }
    return true;
}

/* Closes the open segments of one level into rings: after a segment's last point, walk the edge
 * in direction dir to the nearest start of an unused segment of the level (adding the corners
 * passed), until the ring returns to its first segment. */
static incmap_status close_level(shore_ctx *c, sseg *s, size_t ns, int level, int dir,
                                 const int corner_level[4])
{
    incmap_status st = INCMAP_OK;
    ring r = {0};
    for (size_t i = 0; i < ns && st == INCMAP_OK; i++) {
        if (s[i].used || s[i].level != level || s[i].entry == 4) {
            continue;
        }
        r.n = 0;
        size_t cur = i;
        double area = s[i].area_km2;
        bool ok = true;
        for (size_t guard = 0; ok && guard <= ns; guard++) {
            s[cur].used = true;
            ok = add_seg(&r, c->g, &s[cur]);
            long t = s[cur].t1;
            size_t next = i;
            long best = fwd(t, s[i].t0, dir);
            for (size_t j = 0; j < ns; j++) {
                if (!s[j].used && s[j].level == level && s[j].entry != 4 &&
                    fwd(t, s[j].t0, dir) < best) {
                    best = fwd(t, s[j].t0, dir), next = j;
                }
            }
            /* corners strictly between t and t + best, in walking order */
            for (long d = 1; ok && d <= 4; d++) {
                long corner_t = dir > 0 ? (t / (POS_MAX + 1) + d) * (POS_MAX + 1)
                                        : ((t + POS_MAX) / (POS_MAX + 1) - d) * (POS_MAX + 1);
                long dist = fwd(t, corner_t, dir);
                if (dist == 0 || dist >= best) {
                    continue;
                }
                int cn = (int)(((corner_t % PERIM) + PERIM) % PERIM / (POS_MAX + 1));
                int x, y;
                corner_off(cn, &x, &y);
                ok = ring_add(&r, x, y);
                c->corner_mismatch += corner_level[cn] < level;
            }
            if (next == i) {
                break;
            }
            cur = next;
            area = fmax(area, s[cur].area_km2);
        }
        st = ok ? emit_ring(c, &r, level, area)
                : incmap_fail(c->b->ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    free(r.xy);
    return st;
}

/* The direction that walks the inside of a level's polygons: GSHHG orients its segments so that
 * the dry side is reached walking counter-clockwise (GMT paints land this way), so land and
 * islands (odd levels) go counter-clockwise and lakes and ponds (even levels) clockwise. */
static int level_dir(int level)
{
    return level % 2 == 1 ? 1 : -1;
}

static incmap_status shore_bin(shore_ctx *c, size_t bin, const i32s *info, const i32s *ant,
                               const i32s *gid, const double *areas, size_t nareas, int node_info)
{
    const gfile *g = c->g;
    bin_sw(g, bin, &c->lon0, &c->lat0);
    int corner_level[4];
    static const int shift[4] = {9, 6, 3, 0}; /* SW, SE, NE, NW */
    for (int k = 0; k < 4; k++) {
        corner_level[k] = (node_info >> shift[k]) & 7;
    }
    size_t ns = (size_t)g->nseg.v[bin];
    sseg *s = ns > 0 ? calloc(ns, sizeof *s) : NULL;
    if (ns > 0 && s == NULL) {
        return incmap_fail(c->b->ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    size_t m = 0;
    for (size_t k = 0; k < ns; k++) {
        size_t si = (size_t)g->first_seg.v[bin] + k;
        if (si >= info->n || si >= g->seg_first_pt.n) {
            break;
        }
        int32_t v = info->v[si];
        sseg *e = &s[m];
        e->exit = v & 7, e->entry = (v >> 3) & 7, e->level = (v >> 6) & 7;
        e->n = (size_t)((uint32_t)v >> 9);
        e->p0 = (size_t)g->seg_first_pt.v[si];
        if (ant != NULL && si < ant->n && ant->v[si] != 0 && e->level != 6) {
            e->level = 1; /* Antarctica's ice front is its coast; its grounding line is skipped */
        }
        int32_t id = si < gid->n ? gid->v[si] : -1;
        e->area_km2 = id >= 0 && (size_t)id < nareas ? fabs(areas[id]) : 0;
        if (e->level < 1 || e->level > 4 || e->n < 2 || e->p0 + e->n > g->dx.n || e->entry > 4 ||
            e->exit > 4) {
            continue;
        }
        int x, y;
        pt_off(g, e->p0, &x, &y);
        e->t0 = perim_pos(e->entry < 4 ? e->entry : 0, x, y);
        pt_off(g, e->p0 + e->n - 1, &x, &y);
        e->t1 = perim_pos(e->exit < 4 ? e->exit : 0, x, y);
        m++;
    }
    incmap_status st = INCMAP_OK;
    ring r = {0};
    for (int level = 1; level <= 4 && st == INCMAP_OK; level++) {
        bool open = false;
        for (size_t k = 0; k < m; k++) {
            open |= s[k].level == level && s[k].entry != 4;
        }
        if (!open && corner_level[0] >= level) {
            /* the whole bin is inside a polygon of this level: its square */
            r.n = 0;
            for (int cn = 0; cn < 4; cn++) {
                int x, y;
                corner_off(cn, &x, &y);
                ring_add(&r, x, y);
            }
            st = r.n == 4 ? emit_ring(c, &r, level, 1e7)
                          : incmap_fail(c->b->ctx, INCMAP_ERR_NOMEM, "out of memory");
        }
        if (st == INCMAP_OK && open) {
            st = close_level(c, s, m, level, level_dir(level), corner_level);
        }
        for (size_t k = 0; k < m && st == INCMAP_OK; k++) {
            if (s[k].level == level && s[k].entry == 4) {
                r.n = 0;
                st = add_seg(&r, g, &s[k])
                         ? emit_ring(c, &r, level, s[k].area_km2)
                         : incmap_fail(c->b->ctx, INCMAP_ERR_NOMEM, "out of memory");
            }
        }
    }
    free(r.xy);
    free(s);
    return st;
}

static incmap_status build_shores(build *b, const char *path, size_t *count, size_t *mismatch)
{
    gfile g;
    incmap_status st = gfile_open(b, path, &g);
    if (st != INCMAP_OK) {
        return st;
    }
    i32s info = {0}, node = {0}, ant = {0}, gid = {0};
    double *areas = NULL;
    size_t nareas = 0;
    if (!read_i32(g.root, "Embedded_npts_levels_exit_entry_for_a_segment", &info) ||
        !read_i32(g.root, "Embedded_node_levels_in_a_bin", &node) || node.n != g.nseg.n ||
        !read_i32(g.root, "Id_of_GSHHS_ID", &gid)) {
        st = incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s: no shoreline segment arrays", path);
    }
    bool has_ant = st == INCMAP_OK && read_i32(g.root, "Embedded_ANT_flag", &ant);
    GDALMDArrayH a = st == INCMAP_OK
                         ? GDALGroupOpenMDArray(g.root, "The_km_squared_area_of_polygons", NULL)
                         : NULL;
    if (a != NULL) {
        size_t nd = 0;
        GDALDimensionH *dims = GDALMDArrayGetDimensions(a, &nd);
        nareas = nd == 1 ? (size_t)GDALDimensionGetSize(dims[0]) : 0;
        GDALReleaseDimensions(dims, nd);
        areas = nareas > 0 ? malloc(nareas * sizeof *areas) : NULL;
        GDALExtendedDataTypeH t = GDALExtendedDataTypeCreate(GDT_Float64);
        GUInt64 start = 0;
        if (areas == NULL || !GDALMDArrayRead(a, &start, &nareas, NULL, NULL, t, areas, areas,
                                              nareas * sizeof *areas)) {
            nareas = 0;
        }
        GDALExtendedDataTypeRelease(t);
        GDALMDArrayRelease(a);
    }
    OGRLayerH l = st == INCMAP_OK ? make_level_layer(b, "shore", wkbMultiPolygon, true) : NULL;
    if (st == INCMAP_OK && l == NULL) {
        st = build_gdal_fail(b, "creating the shore layer");
    }
    shore_ctx c = {b, &g, l, 0, 0, count, 0};
    for (size_t i = 0; st == INCMAP_OK && i < g.nseg.n; i++) {
        build_progress(b, "GSHHG shores", i, g.nseg.n);
        st = shore_bin(&c, i, &info, has_ant ? &ant : NULL, &gid, areas, nareas, node.v[i]);
    }
    *mismatch = c.corner_mismatch;
    free(areas);
    i32s_free(&info);
    i32s_free(&node);
    i32s_free(&ant);
    i32s_free(&gid);
    gfile_close(&g);
    return st;
}

incmap_status build_gshhg(build *b)
{
    const char *dir = b->opts->gshhg_dir != NULL ? b->opts->gshhg_dir : INCMAP_GSHHG_DIR;
    if (dir[0] == '\0') {
        return INCMAP_OK; /* not wanted */
    }
    char shore[4096] = "", river[4096] = "";
    for (const char *r = gshhg_res; *r != '\0' && shore[0] == '\0'; r++) {
        char s[4096], v[4096];
        snprintf(s, sizeof s, "%s/binned_GSHHS_%c.nc", dir, *r);
        snprintf(v, sizeof v, "%s/binned_river_%c.nc", dir, *r);
        if (access(s, R_OK) == 0 && access(v, R_OK) == 0) {
            snprintf(shore, sizeof shore, "%s", s);
            snprintf(river, sizeof river, "%s", v);
        }
    }
    if (shore[0] == '\0') {
        incmap_log(b->ctx, INCMAP_LOG_WARN,
                   "no GSHHG files in %s (Debian: apt-get install gmt-gshhg-high): the gazetteer "
                   "has no rivers, lakes or detailed coastline",
                   dir);
        return INCMAP_OK;
    }
    size_t nriv = 0, nshore = 0, mismatch = 0;
    incmap_status st = build_rivers(b, river, &nriv);
    if (st == INCMAP_OK) {
        st = build_shores(b, shore, &nshore, &mismatch);
    }
    if (st == INCMAP_OK) {
        st = build_note_source(b, "GSHHG 2.3.7 rivers (LGPL-3+)", river, nriv, 0);
    }
    if (st == INCMAP_OK) {
        st = build_note_source(b, "GSHHG 2.3.7 shorelines (LGPL-3+)", shore, nshore, 0);
    }
    if (mismatch > 0) {
        /* a corner the edge walk passed that GSHHG says is outside: the pieces are suspect */
        incmap_log(b->ctx, INCMAP_LOG_WARN, "%s: %zu bin corners disagree with the shorelines",
                   shore, mismatch);
    }
    b->st->rivers = nriv;
    b->st->shore_polygons = nshore;
    return st;
}
