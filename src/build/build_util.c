/* Gazetteer build helpers: source checks, GeoNames admin-name maps, UTF-8 validation, OGR ->
 * incmap_geom conversion, and point -> province lookups used to fill in admin-1 names. */
#include "build/build_internal.h"
#include "text/fold.h"

#include <cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

incmap_status build_check_source(build *b, const char *what, const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        return incmap_fail(
            b->ctx, INCMAP_ERR_IO,
            "%s source %s: %s (run `incmap gazetteer fetch` to download the sources)", what, path,
            strerror(errno));
    }
    if (S_ISDIR(sb.st_mode)) {
        return incmap_fail(b->ctx, INCMAP_ERR_IO, "%s source %s is a directory", what, path);
    }
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        return incmap_fail(b->ctx, INCMAP_ERR_IO, "%s source %s: %s", what, path, strerror(errno));
    }
    fclose(fp);
    return INCMAP_OK;
}

void build_strmap_free(build_strmap *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->key[i]);
        free(m->val[i]);
    }
    free(m->key);
    free(m->val);
    memset(m, 0, sizeof *m);
}

static int cmp_str_ptr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

incmap_status build_strmap_load_json(build *b, const char *path, build_strmap *m)
{
    char *text = NULL;
    size_t len = 0;
    incmap_status st = incmap_read_file(b->ctx, path, (size_t)256 << 20, &text, &len);
    if (st != INCMAP_OK) {
        return st;
    }
    cJSON *doc = cJSON_ParseWithLength(text, len);
    free(text);
    if (!cJSON_IsArray(doc)) {
        cJSON_Delete(doc);
        return incmap_fail(b->ctx, INCMAP_ERR_PARSE,
                           "%s: not a JSON array of {\"code\", \"name\"} objects", path);
    }
    size_t n = (size_t)cJSON_GetArraySize(doc);
    /* keys and values in one sorted order: sort an index of pairs */
    char **pairs = calloc(n > 0 ? n : 1, sizeof *pairs);
    m->key = calloc(n > 0 ? n : 1, sizeof *m->key);
    m->val = calloc(n > 0 ? n : 1, sizeof *m->val);
    if (pairs == NULL || m->key == NULL || m->val == NULL) {
        free(pairs);
        cJSON_Delete(doc);
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory reading %s", path);
    }
    size_t k = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, doc)
    {
        const char *code = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "code"));
        const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "name"));
        if (code == NULL || name == NULL || !build_utf8_valid(name, strlen(name))) {
            continue;
        }
        /* "code\0name" in one allocation, so sorting the keys carries the values along */
        size_t cl = strlen(code), nl = strlen(name);
        char *p = malloc(cl + nl + 2);
        if (p == NULL) {
            break;
        }
        memcpy(p, code, cl + 1);
        memcpy(p + cl + 1, name, nl + 1);
        pairs[k++] = p;
    }
    cJSON_Delete(doc);
    qsort(pairs, k, sizeof *pairs, cmp_str_ptr);
    incmap_status res = INCMAP_OK;
    for (size_t i = 0; i < k; i++) {
        if (res == INCMAP_OK && (m->n == 0 || strcmp(m->key[m->n - 1], pairs[i]) != 0)) {
            m->key[m->n] = incmap_strdup(pairs[i]);
            m->val[m->n] = incmap_strdup(pairs[i] + strlen(pairs[i]) + 1);
            if (m->key[m->n] == NULL || m->val[m->n] == NULL) {
                free(m->key[m->n]);
                free(m->val[m->n]);
                res = incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory reading %s", path);
            } else {
                m->n++;
            }
        }
        free(pairs[i]);
    }
    free(pairs);
    if (res == INCMAP_OK && m->n == 0 && n > 0) {
        res = incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s: no {\"code\", \"name\"} entries", path);
    }
    if (res == INCMAP_OK) {
        build_note_source(b, "geonames-admin", path, m->n, n - m->n);
    }
    return res;
}

size_t build_strmap_find(const build_strmap *m, const char *key)
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(m->key[mid], key);
        if (c == 0) {
            return mid;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return m->n;
}

const char *build_strmap_get(const build_strmap *m, const char *key)
{
    size_t i = build_strmap_find(m, key);
    return i < m->n ? m->val[i] : NULL;
}

bool build_utf8_valid(const char *s, size_t len)
{
    return incmap_utf8_check(s, len, NULL) && memchr(s, '\0', len) == NULL;
}

/* Counts vertices, rings and polygons of a (multi)polygon or (multi)linestring. */
static void count_parts(OGRGeometryH g, size_t *npts, size_t *nrings, size_t *npolys)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbLineString || t == wkbLinearRing) {
        *npts += (size_t)OGR_G_GetPointCount(g);
        (*nrings)++;
    } else if (t == wkbPolygon) {
        (*npolys)++;
        for (int i = 0; i < OGR_G_GetGeometryCount(g); i++) {
            count_parts(OGR_G_GetGeometryRef(g, i), npts, nrings, npolys);
        }
    } else if (t == wkbMultiPolygon || t == wkbMultiLineString || t == wkbGeometryCollection) {
        for (int i = 0; i < OGR_G_GetGeometryCount(g); i++) {
            count_parts(OGR_G_GetGeometryRef(g, i), npts, nrings, npolys);
        }
    }
}

static void fill_parts(OGRGeometryH g, incmap_geom *out, size_t *pt, size_t *ring, size_t *poly)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbLineString || t == wkbLinearRing) {
        int n = OGR_G_GetPointCount(g);
        for (int i = 0; i < n; i++) {
            out->xy[2 * *pt] = OGR_G_GetX(g, i);
            out->xy[2 * *pt + 1] = OGR_G_GetY(g, i);
            (*pt)++;
        }
        out->ring_end[(*ring)++] = *pt;
    } else if (t == wkbPolygon) {
        for (int i = 0; i < OGR_G_GetGeometryCount(g); i++) {
            fill_parts(OGR_G_GetGeometryRef(g, i), out, pt, ring, poly);
        }
        out->poly_end[(*poly)++] = *ring;
    } else if (t == wkbMultiPolygon || t == wkbMultiLineString || t == wkbGeometryCollection) {
        for (int i = 0; i < OGR_G_GetGeometryCount(g); i++) {
            fill_parts(OGR_G_GetGeometryRef(g, i), out, pt, ring, poly);
        }
    }
}

incmap_geom *build_geom_from_ogr(OGRGeometryH g)
{
    if (g == NULL || OGR_G_IsEmpty(g)) {
        return NULL;
    }
    size_t npts = 0, nrings = 0, npolys = 0;
    count_parts(g, &npts, &nrings, &npolys);
    if (npts == 0) {
        return NULL;
    }
    incmap_geom *out = incmap_geom_create(
        npolys > 0 ? INCMAP_GEOM_MULTIPOLYGON : INCMAP_GEOM_MULTILINESTRING, npts, nrings, npolys);
    if (out == NULL) {
        return NULL;
    }
    size_t pt = 0, ring = 0, poly = 0;
    fill_parts(g, out, &pt, &ring, &poly);
    if (npolys > 0 && ring != nrings) {
        /* a collection mixing lines and polygons: keep what the polygon structure covers */
        out->nrings = out->poly_end[npolys - 1];
    }
    return out;
}

build_country *build_country_by_a2(const build *b, const char *cc)
{
    if (cc == NULL || cc[0] == '\0') {
        return NULL;
    }
    for (size_t i = 0; i < b->ncountries; i++) {
        if (strcmp(b->countries[i].a2, cc) == 0) {
            return &b->countries[i];
        }
    }
    return NULL;
}

build_province *build_province_by_code(const build *b, const char *code)
{
    size_t lo = 0, hi = b->nprov_by_code;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        build_province *p = b->prov_by_code[mid];
        int c = strcmp(p->gn_code, code);
        if (c == 0) {
            return p;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

const char *build_admin1_at(const build *b, const char *cc, double lon_deg, double lat_deg)
{
    incmap_lonlat p = {lon_deg, lat_deg};
    for (size_t i = 0; i < b->nprovs; i++) {
        const build_province *pv = &b->provs[i];
        if (cc != NULL && strcmp(pv->a2, cc) != 0) {
            continue;
        }
        if (lon_deg < pv->bbox[0] || lon_deg > pv->bbox[2] || lat_deg < pv->bbox[1] ||
            lat_deg > pv->bbox[3]) {
            continue;
        }
        if (incmap_geom_contains(pv->g, p)) {
            return pv->gn_name != NULL ? pv->gn_name : pv->name;
        }
    }
    return NULL;
}
