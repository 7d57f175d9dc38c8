/* Gazetteer build, Natural Earth stage: admin-0 countries and admin-1 provinces become `country`
 * and `admin1` entries with their polygons. Provinces are linked to GeoNames admin-1 codes
 * (FIPS-derived, then confirmed by where the GeoNames places with that code actually lie), which
 * gives them the GeoNames name as an alias (Ninawa <- Nineveh, At-Ta'mim <- Kirkuk). */
#include "build/build_internal.h"

#include <cpl_error.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool valid_code(const char *s, size_t len)
{
    if (s == NULL || strlen(s) != len) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (!isupper((unsigned char)s[i])) {
            return false;
        }
    }
    return true;
}

/* Natural Earth short names abbreviate ("Dem. Rep. Congo", "Solomon Is."): the spelled-out
 * form becomes an alias. Returns NULL when nothing was abbreviated. */
static char *expand_abbrev(const char *name)
{
    static const char *const ab[][2] = {
        {"Dem.", "Democratic"},    {"Rep.", "Republic"},  {"Is.", "Islands"},
        {"I.", "Island"},          {"Fr.", "French"},     {"St.", "Saint"},
        {"Eq.", "Equatorial"},     {"N.", "Northern"},    {"S.", "South"},
        {"Br.", "British"},        {"Ter.", "Territory"}, {"Herz.", "Herzegovina"},
        {"Barb.", "Barbuda"},      {"Geo.", "Georgia"},   {"Vin.", "Vincent"},
        {"Gren.", "Grenadines"},   {"W.", "Western"},     {"Cent.", "Central"},
        {"U.S.", "United States"},
    };
    if (strchr(name, '.') == NULL) {
        return NULL;
    }
    char out[256];
    size_t o = 0;
    const char *p = name;
    while (*p != '\0' && o < sizeof out - 32) {
        bool done = false;
        bool word_start = p == name || p[-1] == ' ';
        for (size_t i = 0; word_start && i < sizeof ab / sizeof ab[0]; i++) {
            size_t n = strlen(ab[i][0]);
            if (strncmp(p, ab[i][0], n) == 0 && (p[n] == ' ' || p[n] == '\0')) {
                o += (size_t)snprintf(out + o, sizeof out - o, "%s", ab[i][1]);
                p += n;
                done = true;
                break;
            }
        }
        if (!done) {
            out[o++] = *p++;
        }
    }
    out[o] = '\0';
    return strcmp(out, name) != 0 ? incmap_strdup(out) : NULL;
}

/* Copies `s` without a "(...)" part into out; the part (if any) into paren. */
static void split_paren(const char *s, char *out, size_t outsz, char *paren, size_t parensz)
{
    paren[0] = '\0';
    const char *open = strchr(s, '(');
    const char *close = open != NULL ? strchr(open, ')') : NULL;
    if (open == NULL || close == NULL) {
        snprintf(out, outsz, "%s", s);
    } else {
        snprintf(paren, parensz, "%.*s", (int)(close - open - 1), open + 1);
        snprintf(out, outsz, "%.*s%s", (int)(open - s), s, close + 1);
    }
    size_t n = strlen(out);
    while (n > 0 && out[n - 1] == ' ') {
        out[--n] = '\0';
    }
}

/* "Muhafazat al Anbar" -> "al Anbar", "Province of Ontario" -> "Ontario". */
static const char *strip_type_prefix(const char *s)
{
    static const char *const pre[] = {
        "Muhafazat ",    "Mohafazat ",    "Muhafazah ",       "Sha`biyat ",
        "Province of ",  "Provincia de ", "Provincia di ",    "Provincia del ",
        "Provincia ",    "Province ",     "Departamento de ", "Departamento del ",
        "Departamento ", "Estado de ",    "Estado do ",       "State of ",
        "Wilayat ",      "Wilaya de ",    "Governorate of ",  "Region of ",
        "Ostan-e ",      "Velayat ",      "Oblast' ",         "Mintaqat ",
        "Muhafazat-e ",
    };
    for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++) {
        size_t n = strlen(pre[i]);
        if (strncmp(s, pre[i], n) == 0 && s[n] != '\0') {
            return s + n;
        }
    }
    return s;
}

static const char *field(OGRFeatureH f, const char *name)
{
    int i = OGR_F_GetFieldIndex(f, name);
    if (i < 0 || !OGR_F_IsFieldSetAndNotNull(f, i)) {
        return NULL;
    }
    const char *s = OGR_F_GetFieldAsString(f, i);
    return s != NULL && s[0] != '\0' && build_utf8_valid(s, strlen(s)) ? s : NULL;
}

static OGRLayerH find_layer(GDALDatasetH ds, const char *name)
{
    OGRLayerH l = GDALDatasetGetLayerByName(ds, name);
    if (l == NULL) {
        /* a GeoJSON fixture is one layer named after its file */
        for (int i = 0; i < GDALDatasetGetLayerCount(ds); i++) {
            OGRLayerH c = GDALDatasetGetLayer(ds, i);
            if (strstr(OGR_L_GetName(c), name) != NULL) {
                return c;
            }
        }
    }
    return l;
}

incmap_status build_add_area_entry(build *b, incmap_gzw_entry *e, OGRGeometryH geom,
                                   const char *source, const char *iso_a3, int64_t *idx_out)
{
    return build_add_area_entry_at(b, e, geom, source, iso_a3, NULL, idx_out);
}

void build_collect(OGRGeometryH acc, OGRGeometryH g, OGRwkbGeometryType part)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == part) {
        OGR_G_AddGeometry(acc, g);
    } else if (t == wkbMultiPolygon || t == wkbMultiLineString || t == wkbGeometryCollection) {
        for (int i = 0; i < OGR_G_GetGeometryCount(g); i++) {
            build_collect(acc, OGR_G_GetGeometryRef(g, i), part);
        }
    }
}

/* A valid copy of an invalid (multi)polygon (owned), or NULL when G is valid or cannot be
 * mended. Sources and simplified unions can self-intersect; GEOS mends them once here, so every
 * polygon the index stores, and every outline drawn from it, starts valid. */
static OGRGeometryH mended(OGRGeometryH g)
{
    CPLPushErrorHandler(CPLQuietErrorHandler); /* GEOS reports each self-intersection */
    OGRGeometryH out = NULL;
    if (!OGR_G_IsValid(g)) {
        OGRGeometryH v = OGR_G_MakeValid(g);
        if (v != NULL && (out = OGR_G_CreateGeometry(wkbMultiPolygon)) != NULL) {
            build_collect(out, v, wkbPolygon);
            if (OGR_G_IsEmpty(out)) {
                OGR_G_DestroyGeometry(out);
                out = NULL;
            }
        }
        OGR_G_DestroyGeometry(v);
    }
    CPLPopErrorHandler();
    return out;
}

incmap_status build_add_area_entry_at(build *b, incmap_gzw_entry *e, OGRGeometryH geom,
                                      const char *source, const char *iso_a3, const double *lonlat,
                                      int64_t *idx_out)
{
    *idx_out = -1;
    OGRGeometryH fixed = mended(geom);
    if (fixed != NULL) {
        geom = fixed;
    }
    OGRGeometryH pt = NULL;
    if (lonlat != NULL && (pt = OGR_G_CreateGeometry(wkbPoint)) != NULL) {
        OGR_G_SetPoint_2D(pt, 0, lonlat[0], lonlat[1]);
    } else {
        pt = OGR_G_PointOnSurface(geom);
    }
    if (pt == NULL || OGR_G_IsEmpty(pt)) {
        OGR_G_DestroyGeometry(pt);
        OGR_G_DestroyGeometry(fixed);
        return INCMAP_OK; /* degenerate polygon: nothing to locate */
    }
    e->lon_deg = OGR_G_GetX(pt, 0);
    e->lat_deg = OGR_G_GetY(pt, 0);
    OGR_G_DestroyGeometry(pt);
    incmap_geom *area = build_geom_from_ogr(geom);
    if (area == NULL) {
        OGR_G_DestroyGeometry(fixed);
        return INCMAP_OK;
    }
    e->area = area;
    int64_t idx = build_add_entry(b, e, source, NULL, geom, iso_a3);
    OGR_G_DestroyGeometry(fixed);
    incmap_geom_destroy(area);
    e->area = NULL;
    if (idx == -1) {
        return incmap_ctx_status(b->ctx);
    }
    *idx_out = idx;
    return INCMAP_OK;
}

static incmap_status load_countries(build *b, OGRLayerH l)
{
    GIntBig total = OGR_L_GetFeatureCount(l, TRUE);
    b->countries = calloc(total > 0 ? (size_t)total : 1, sizeof *b->countries);
    if (b->countries == NULL) {
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory reading countries");
    }
    OGR_L_ResetReading(l);
    OGRFeatureH f;
    size_t skipped = 0, n = 0;
    incmap_status st = INCMAP_OK;
    while (st == INCMAP_OK && (f = OGR_L_GetNextFeature(l)) != NULL) {
        build_progress(b, "Natural Earth countries", ++n, (uint64_t)total);
        const char *name = field(f, "NAME"), *a2 = field(f, "iso_a2"), *a3 = field(f, "ISO_A3");
        OGRGeometryH geom = OGR_F_GetGeometryRef(f);
        if (name == NULL || geom == NULL || OGR_G_IsEmpty(geom) || b->ncountries >= (size_t)total) {
            skipped++;
            OGR_F_Destroy(f);
            continue;
        }
        build_country *c = &b->countries[b->ncountries];
        snprintf(c->a2, sizeof c->a2, "%s", valid_code(a2, 2) ? a2 : "");
        /* Natural Earth writes -99 for codes it lacks (Kosovo): fall back to alpha-2, then fid */
        if (valid_code(a3, 3)) {
            snprintf(c->a3, sizeof c->a3, "%s", a3);
        } else if (c->a2[0] != '\0') {
            snprintf(c->a3, sizeof c->a3, "%s", c->a2);
        } else {
            snprintf(c->a3, sizeof c->a3, "F%ld", (long)OGR_F_GetFID(f));
        }
        char id[64];
        snprintf(id, sizeof id, "ne_admin0:%s", c->a3);
        if (incmap_gzw_find(b->w, id) >= 0) {
            snprintf(id, sizeof id, "ne_admin0:%s-%ld", c->a3, (long)OGR_F_GetFID(f));
        }
        incmap_gzw_entry e = {
            id, name, INCMAP_KIND_COUNTRY, c->a2[0] ? c->a2 : NULL, NULL, NULL, 0, 0, -1, NULL};
        int64_t idx;
        st = build_add_area_entry(b, &e, geom, "naturalearth", c->a3, &idx);
        if (st == INCMAP_OK && idx >= 0) {
            c->idx = idx;
            snprintf(c->id, sizeof c->id, "%s", id);
            c->name = incmap_strdup(name);
            c->geom = OGR_G_Clone(geom);
            OGR_G_GetEnvelope(c->geom, &c->env);
            b->ncountries++;
            char *exp = expand_abbrev(name);
            if (exp != NULL) {
                st = build_add_name(b, idx, id, exp, INCMAP_MATCH_ALIAS);
                free(exp);
            }
            if (c->name == NULL && st == INCMAP_OK) {
                st = incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory reading countries");
            }
        }
        OGR_F_Destroy(f);
    }
    if (st == INCMAP_OK && b->ncountries == 0) {
        st = incmap_fail(b->ctx, INCMAP_ERR_PARSE, "Natural Earth: no usable country features");
    }
    return st == INCMAP_OK
               ? build_note_source(b, "naturalearth-countries", "countries", b->ncountries, skipped)
               : st;
}

static const char *country_a2_for(const build *b, const char *adm0_a3)
{
    for (size_t i = 0; adm0_a3 != NULL && i < b->ncountries; i++) {
        if (strcmp(b->countries[i].a3, adm0_a3) == 0) {
            return b->countries[i].a2;
        }
    }
    return "";
}

static incmap_status province_names(build *b, int64_t idx, const char *id, const char *paren,
                                    const char *gn, const char *woe)
{
    char main[256], par[256];
    incmap_status st = build_add_name(b, idx, id, paren, INCMAP_MATCH_ALIAS);
    if (st == INCMAP_OK && gn != NULL) {
        split_paren(gn, main, sizeof main, par, sizeof par);
        st = build_add_name(b, idx, id, strip_type_prefix(main), INCMAP_MATCH_ALIAS);
        if (st == INCMAP_OK) {
            st = build_add_name(b, idx, id, main, INCMAP_MATCH_ALIAS);
        }
    }
    if (st == INCMAP_OK && woe != NULL) {
        split_paren(woe, main, sizeof main, par, sizeof par);
        st = build_add_name(b, idx, id, main, INCMAP_MATCH_ALIAS);
        if (st == INCMAP_OK) {
            st = build_add_name(b, idx, id, par, INCMAP_MATCH_ALIAS);
        }
    }
    return st;
}

static incmap_status load_province(build *b, OGRFeatureH f, size_t *skipped)
{
    const char *name = field(f, "name"), *gn = field(f, "gn_name"), *woe = field(f, "woe_name");
    const char *a2 = field(f, "iso_a2"), *adm0 = field(f, "adm0_a3"), *fips = field(f, "fips");
    OGRGeometryH geom = OGR_F_GetGeometryRef(f);
    const char *src_name = name != NULL ? name : gn != NULL ? gn : woe;
    if (src_name == NULL || geom == NULL || OGR_G_IsEmpty(geom)) {
        (*skipped)++;
        return INCMAP_OK;
    }
    char disp[256], paren[256];
    split_paren(name != NULL ? name : strip_type_prefix(src_name), disp, sizeof disp, paren,
                sizeof paren);
    build_province *p = &b->provs[b->nprovs];
    memset(p, 0, sizeof *p);
    snprintf(p->a2, sizeof p->a2, "%s", valid_code(a2, 2) ? a2 : country_a2_for(b, adm0));
    const char *gu = field(f, "gu_a3");
    snprintf(p->gu, sizeof p->gu, "%s", valid_code(gu, 3) ? gu : "");
    const char *a3 = valid_code(adm0, 3) ? adm0 : "XXX";
    char id[96];
    long fid = (long)OGR_F_GetFID(f);
    if (fips != NULL && strlen(fips) < 16) {
        snprintf(id, sizeof id, "ne_admin1:%s-%s", a3, fips);
    } else {
        snprintf(id, sizeof id, "ne_admin1:%s-%ld", a3, fid);
    }
    if (incmap_gzw_find(b->w, id) >= 0) {
        snprintf(id, sizeof id, "ne_admin1:%s-%ld", a3, fid);
    }
    incmap_gzw_entry e = {id, disp, INCMAP_KIND_ADMIN1, p->a2[0] ? p->a2 : NULL, disp, NULL, 0, 0,
                          -1, NULL};
    int64_t idx;
    incmap_status st = build_add_area_entry(b, &e, geom, "naturalearth", a3, &idx);
    if (st != INCMAP_OK || idx < 0) {
        (*skipped) += st == INCMAP_OK;
        return st;
    }
    p->idx = idx;
    snprintf(p->id, sizeof p->id, "%s", id);
    p->name = incmap_strdup(disp);
    p->g = build_geom_from_ogr(geom);
    p->ogr = OGR_G_Clone(geom);
    if (p->name == NULL || p->g == NULL || p->ogr == NULL) {
        free(p->name);
        incmap_geom_destroy(p->g);
        OGR_G_DestroyGeometry(p->ogr);
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory reading provinces");
    }
    incmap_geom_bbox(p->g, p->bbox);
    /* GeoNames admin-1 codes are FIPS 10-4 for most countries: IZ06 -> IQ.06 (confirmed later) */
    if (fips != NULL && strlen(fips) == 4 && p->a2[0] != '\0') {
        snprintf(p->gn_code, sizeof p->gn_code, "%s.%s", p->a2, fips + 2);
        if (build_strmap_get(&b->admin1, p->gn_code) == NULL) {
            p->gn_code[0] = '\0';
        }
    }
    b->nprovs++;
    return province_names(b, idx, id, paren, gn, woe);
}

static int cmp_prov_code(const void *x, const void *y)
{
    const build_province *a = *(build_province *const *)x;
    const build_province *c = *(build_province *const *)y;
    int r = strcmp(a->gn_code, c->gn_code);
    return r != 0 ? r : (a->idx < c->idx ? -1 : a->idx > c->idx);
}

static incmap_status load_provinces(build *b, OGRLayerH l)
{
    GIntBig total = OGR_L_GetFeatureCount(l, TRUE);
    size_t cap = total > 0 ? (size_t)total : 1;
    b->provs = calloc(cap, sizeof *b->provs);
    b->prov_by_code = calloc(cap, sizeof *b->prov_by_code);
    if (b->provs == NULL || b->prov_by_code == NULL) {
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory reading provinces");
    }
    OGR_L_ResetReading(l);
    OGRFeatureH f;
    size_t skipped = 0, n = 0;
    incmap_status st = INCMAP_OK;
    while (st == INCMAP_OK && (f = OGR_L_GetNextFeature(l)) != NULL) {
        build_progress(b, "Natural Earth provinces", ++n, (uint64_t)total);
        st = b->nprovs < cap ? load_province(b, f, &skipped) : INCMAP_OK;
        OGR_F_Destroy(f);
    }
    for (size_t i = 0; i < b->nprovs; i++) {
        if (b->provs[i].gn_code[0] != '\0') {
            b->prov_by_code[b->nprov_by_code++] = &b->provs[i];
        }
    }
    qsort(b->prov_by_code, b->nprov_by_code, sizeof *b->prov_by_code, cmp_prov_code);
    return st == INCMAP_OK ? build_note_source(b, "naturalearth-provinces", "states_provinces",
                                               b->nprovs, skipped)
                           : st;
}

incmap_status build_ne_load(build *b, const char *path)
{
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    if (ds == NULL) {
        return incmap_fail(b->ctx, INCMAP_ERR_PARSE,
                           "Natural Earth source %s: not a readable "
                           "vector dataset (%s)",
                           path, CPLGetLastErrorMsg());
    }
    OGRLayerH lc = find_layer(ds, "countries"), lp = find_layer(ds, "states_provinces");
    incmap_status st;
    if (lc == NULL) {
        st = incmap_fail(b->ctx, INCMAP_ERR_PARSE,
                         "Natural Earth source %s has no 'countries' "
                         "layer",
                         path);
    } else {
        st = load_countries(b, lc);
    }
    if (st == INCMAP_OK && lp != NULL) {
        st = load_provinces(b, lp);
    }
    GDALClose(ds);
    return st;
}

incmap_status build_ne_link_admin1(build *b)
{
    if (b->links_final) {
        return INCMAP_OK;
    }
    b->links_final = true;
    incmap_status st = INCMAP_OK;
    size_t linked = 0;
    for (size_t k = 0; k < b->nprov_by_code && st == INCMAP_OK; k++) {
        build_province *p = b->prov_by_code[k];
        /* over 70% of the places filed under the code must lie in the polygon (simplified
         * coastlines lose a few); a code no place confirms is not linked */
        bool ok = p->tries > 0 && 10 * p->hits > 7 * p->tries;
        const char *gn = build_strmap_get(&b->admin1, p->gn_code);
        incmap_log(b->ctx, INCMAP_LOG_DEBUG,
                   "%s %s (%s) <- GeoNames %s %s: %zu of %zu places inside",
                   ok && gn != NULL ? "linked" : "not linked", p->id, p->name, p->gn_code,
                   gn != NULL ? gn : "?", p->hits, p->tries);
        if (ok && gn != NULL) {
            linked++;
            p->gn_name = gn; /* borrowed from the admin1 map */
            st = build_add_name(b, p->idx, p->id, gn, INCMAP_MATCH_ALIAS);
        } else {
            p->gn_code[0] = '\0';
        }
    }
    /* drop unconfirmed codes from the lookup table */
    size_t m = 0;
    for (size_t k = 0; k < b->nprov_by_code; k++) {
        if (b->prov_by_code[k]->gn_code[0] != '\0') {
            b->prov_by_code[m++] = b->prov_by_code[k];
        }
    }
    b->nprov_by_code = m;
    incmap_log(b->ctx, INCMAP_LOG_INFO, "%zu of %zu provinces linked to GeoNames admin-1 codes",
               linked, b->nprovs);
    return st;
}
