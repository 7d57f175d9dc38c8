/* Gazetteer build, OurAirports and the curated supplement. Airports become `site` entries found
 * by name, code and "<town> airport"; the supplement adds places the open data lacks and extra
 * names (exonyms, aliases, demonyms) for entries other sources made. The supplement is ours, so
 * a malformed row there is an error with its line number, not a skipped row. */
#include "build/build_internal.h"

#include <cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool parse_coord(const char *s, double lo, double hi, double *out)
{
    if (s == NULL || s[0] == '\0') {
        return false;
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*end != '\0' || errno != 0 || !isfinite(v) || v < lo || v > hi) {
        return false;
    }
    *out = v;
    return true;
}

static bool is_code(const char *s, size_t len)
{
    if (s == NULL || strlen(s) != len) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (!isupper((unsigned char)s[i]) && !isdigit((unsigned char)s[i])) {
            return false;
        }
    }
    return true;
}

static const char *jstr(const cJSON *o, const char *key)
{
    const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
    return s != NULL && s[0] != '\0' && build_utf8_valid(s, strlen(s)) ? s : NULL;
}

/* Length of `name` without a trailing facility word, or 0 when it has none. */
static size_t strip_facility(const char *name, bool *military)
{
    static const struct {
        const char *suffix;
        bool military;
    } sfx[] = {
        {" International Airport", false},
        {" Regional Airport", false},
        {" Airport", false},
        {" Air Force Base", true},
        {" Army Air Field", true},
        {" Air Station", true},
        {" Air Base", true},
        {" Airbase", true},
        {" Airfield", true},
        {" Air Field", true},
    };
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
        size_t k = strlen(sfx[i].suffix);
        if (n > k + 1 && strcasecmp(name + n - k, sfx[i].suffix) == 0) {
            *military = sfx[i].military;
            return n - k;
        }
    }
    return 0;
}

/* Names from one part of an airport's name ("Baghdad International Airport" of "Baghdad
 * International Airport / New Al Muthana Air Base"): the part itself and its stem forms. */
static incmap_status airport_part_names(build *b, int64_t idx, const char *gid, const char *part,
                                        size_t len, const char *town, bool *civil, bool *mil)
{
    char name[256], buf[512];
    snprintf(name, sizeof name, "%.*s", (int)len, part);
    incmap_status st = build_add_name(b, idx, gid, name, INCMAP_MATCH_ALIAS);
    bool military = false;
    size_t stem = strip_facility(name, &military);
    if (stem == 0) {
        return st;
    }
    *civil |= !military;
    *mil |= military;
    /* "Erbil International Airport" -> "Erbil airport"; "Al Asad Air Base" -> "Al Asad
     * airbase", and plain "Al Asad" unless that is just the town's name (the town has its own
     * entry, and reports mean the town when they say it) */
    static const char *const civil_words[] = {"airport", NULL};
    static const char *const mil_words[] = {"air base", "airbase", "airfield", "base", NULL};
    const char *const *words = military ? mil_words : civil_words;
    for (size_t i = 0; words[i] != NULL && st == INCMAP_OK; i++) {
        snprintf(buf, sizeof buf, "%.*s %s", (int)stem, name, words[i]);
        st = build_add_name(b, idx, gid, buf, INCMAP_MATCH_ALIAS);
    }
    bool is_town = town != NULL && strlen(town) == stem && strncasecmp(town, name, stem) == 0;
    if (st == INCMAP_OK && military && !is_town) {
        snprintf(buf, sizeof buf, "%.*s", (int)stem, name);
        st = build_add_name(b, idx, gid, buf, INCMAP_MATCH_ALIAS);
    }
    return st;
}

static incmap_status airport_names(build *b, int64_t idx, const char *gid, const cJSON *a,
                                   const char *name)
{
    const char *ident = jstr(a, "ident"), *gps = jstr(a, "gps_code"), *iata = jstr(a, "iata_code");
    const char *town = jstr(a, "municipality");
    incmap_status st = INCMAP_OK;
    if (is_code(ident, 4)) {
        st = build_add_name(b, idx, gid, ident, INCMAP_MATCH_ALIAS);
    }
    if (st == INCMAP_OK && is_code(gps, 4)) {
        st = build_add_name(b, idx, gid, gps, INCMAP_MATCH_ALIAS);
    }
    if (st == INCMAP_OK && is_code(iata, 3)) {
        st = build_add_name(b, idx, gid, iata, INCMAP_MATCH_ALIAS);
    }
    /* OurAirports joins a field's names with " / " ("Balad Southeast Airport / Joint Base
     * Balad"): each part is a name of its own */
    bool civil = false, mil = false;
    for (const char *p = name; st == INCMAP_OK && p != NULL;) {
        const char *sep = strstr(p, " / ");
        size_t len = sep != NULL ? (size_t)(sep - p) : strlen(p);
        st = airport_part_names(b, idx, gid, p, len, town, &civil, &mil);
        p = sep != NULL ? sep + 3 : NULL;
    }
    char buf[512];
    if (st == INCMAP_OK && town != NULL && (civil || !mil)) {
        snprintf(buf, sizeof buf, "%s airport", town);
        st = build_add_name(b, idx, gid, buf, INCMAP_MATCH_ALIAS);
    }
    if (st == INCMAP_OK && town != NULL && mil) {
        snprintf(buf, sizeof buf, "%s air base", town);
        st = build_add_name(b, idx, gid, buf, INCMAP_MATCH_ALIAS);
    }
    return st;
}

incmap_status build_airports(build *b, const char *path)
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
        return incmap_fail(b->ctx, INCMAP_ERR_PARSE, "OurAirports source %s: not a JSON array",
                           path);
    }
    size_t total = (size_t)cJSON_GetArraySize(doc), done = 0, used = 0, skipped = 0;
    const cJSON *a;
    cJSON_ArrayForEach(a, doc)
    {
        if (st != INCMAP_OK) {
            break;
        }
        build_progress(b, "OurAirports", ++done, total);
        const char *ident = jstr(a, "ident"), *name = jstr(a, "name");
        const char *cc = jstr(a, "iso_country");
        double lat, lon;
        if (ident == NULL || strlen(ident) > 32 || name == NULL ||
            !parse_coord(jstr(a, "latitude_deg"), -90, 90, &lat) ||
            !parse_coord(jstr(a, "longitude_deg"), -180, 180, &lon)) {
            skipped++;
            b->st->skipped_rows++;
            continue;
        }
        if (!is_code(cc, 2)) {
            cc = NULL;
        }
        /* the feature code follows the first (main) name */
        bool military = false;
        const char *sep = strstr(name, " / ");
        char first[256];
        snprintf(first, sizeof first, "%.*s", sep != NULL ? (int)(sep - name) : (int)strlen(name),
                 name);
        strip_facility(first, &military);
        char gid[64];
        snprintf(gid, sizeof gid, "ourairports:%s", ident);
        incmap_gzw_entry e = {gid,
                              name,
                              INCMAP_KIND_SITE,
                              cc,
                              build_admin1_at(b, cc, lon, lat),
                              military ? "AIRB" : "AIRP",
                              lon,
                              lat,
                              -1,
                              NULL};
        int64_t idx = build_add_entry(b, &e, "ourairports", NULL, NULL, NULL);
        if (idx == -1) {
            st = incmap_ctx_status(b->ctx);
        } else if (idx >= 0) {
            used++;
            st = airport_names(b, idx, gid, a, name);
        }
    }
    cJSON_Delete(doc);
    return st == INCMAP_OK ? build_note_source(b, "ourairports", path, used, skipped) : st;
}

/* ---- supplement ---- */

enum {
    SU_TYPE,
    SU_ID,
    SU_KIND,
    SU_NAME,
    SU_ALIASES,
    SU_COUNTRY,
    SU_ADMIN1,
    SU_LON,
    SU_LAT,
    SU_FCODE,
    SU_SOURCE,
    SU_N
};
static const char supplement_header[] =
    "type\tid\tkind\tname\taliases\tcountry\tadmin1\tlon\tlat\tfeature_code\tsource";

static incmap_kind parse_kind(const char *s)
{
    static const char *const k[] = {"", "country", "admin1", "region", "place", "site"};
    for (size_t i = 1; i < sizeof k / sizeof k[0]; i++) {
        if (strcmp(s, k[i]) == 0) {
            return (incmap_kind)i;
        }
    }
    return INCMAP_KIND_ANY;
}

/* Adds `name` and the |-separated `aliases` (modified in place) to entry idx. */
static incmap_status add_names(build *b, int64_t idx, const char *gid, const char *name,
                               char *aliases, incmap_match tier)
{
    incmap_status st = build_add_name(b, idx, gid, name, tier);
    char *p = aliases;
    while (st == INCMAP_OK && p != NULL && *p != '\0') {
        char *bar = strchr(p, '|');
        if (bar != NULL) {
            *bar = '\0';
        }
        st = build_add_name(b, idx, gid, p, tier);
        p = bar != NULL ? bar + 1 : NULL;
    }
    return st;
}

/* A sea with an outline in seas.tsv: an area entry (the water, see build_seas.c) whose
 * representative point is the row's point, which must lie in it, and that point in `places` too,
 * where the renderer finds the sea's label. */
static incmap_status sea_place(build *b, incmap_gzw_entry *e, OGRGeometryH sea, const char *file,
                               size_t line, int64_t *idx)
{
    *idx = -1;
    double at[2] = {e->lon_deg, e->lat_deg};
    OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(pt, 0, at[0], at[1]);
    bool inside = OGR_G_Intersects(sea, pt);
    OGR_G_DestroyGeometry(pt);
    if (!inside) {
        return incmap_fail(b->ctx, INCMAP_ERR_PARSE,
                           "%s:%zu: the point of %s is outside its outline in seas.tsv", file, line,
                           e->name);
    }
    if (incmap_gzw_find(b->w, e->id) >= 0) {
        return incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s:%zu: duplicate id %s", file, line, e->id);
    }
    incmap_status st = build_add_area_entry_at(b, e, sea, "supplement", NULL, at, idx);
    if (st == INCMAP_OK && *idx >= 0) {
        st = build_add_place_row(b, e, "supplement");
    }
    return st;
}

static incmap_status supplement_place(build *b, char *f[SU_N], const char *file, size_t line)
{
    double lon, lat;
    incmap_kind kind = parse_kind(f[SU_KIND]);
    if (kind == INCMAP_KIND_ANY || f[SU_NAME][0] == '\0' ||
        !parse_coord(f[SU_LON], -180, 180, &lon) || !parse_coord(f[SU_LAT], -90, 90, &lat) ||
        (f[SU_COUNTRY][0] != '\0' && !is_code(f[SU_COUNTRY], 2))) {
        return incmap_fail(b->ctx, INCMAP_ERR_PARSE,
                           "%s:%zu: a place row needs kind, name, lon, lat (and a 2-letter "
                           "country)",
                           file, line);
    }
    const char *cc = f[SU_COUNTRY][0] != '\0' ? f[SU_COUNTRY] : NULL;
    const char *admin1 = f[SU_ADMIN1][0] != '\0' ? f[SU_ADMIN1] : build_admin1_at(b, cc, lon, lat);
    incmap_gzw_entry e = {
        f[SU_ID], f[SU_NAME], kind, cc,  admin1, f[SU_FCODE][0] != '\0' ? f[SU_FCODE] : NULL,
        lon,      lat,        -1,   NULL};
    OGRGeometryH sea = NULL;
    int64_t idx;
    incmap_status st = build_sea_area(b, f[SU_ID], &sea);
    if (st != INCMAP_OK || sea != NULL) {
        st = st == INCMAP_OK ? sea_place(b, &e, sea, file, line, &idx) : st;
        OGR_G_DestroyGeometry(sea);
        return st != INCMAP_OK || idx < 0
                   ? st
                   : add_names(b, idx, f[SU_ID], NULL, f[SU_ALIASES], INCMAP_MATCH_ALIAS);
    }
    idx = build_add_entry(b, &e, "supplement", NULL, NULL, NULL);
    if (idx == -2) {
        return incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s:%zu: duplicate id %s", file, line,
                           f[SU_ID]);
    }
    if (idx < 0) {
        return incmap_ctx_status(b->ctx);
    }
    return add_names(b, idx, f[SU_ID], NULL, f[SU_ALIASES], INCMAP_MATCH_ALIAS);
}

/* The polygon of an existing country or province entry, by id (borrowed), or NULL. */
static OGRGeometryH area_by_id(const build *b, const char *id)
{
    for (size_t i = 0; i < b->nprovs; i++) {
        if (strcmp(b->provs[i].id, id) == 0) {
            return b->provs[i].ogr;
        }
    }
    for (size_t i = 0; i < b->ncountries; i++) {
        if (strcmp(b->countries[i].id, id) == 0) {
            return b->countries[i].geom;
        }
    }
    return NULL;
}

/* Adds the polygons of g to the multipolygon acc. */
static bool add_polygons(OGRGeometryH acc, OGRGeometryH g)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbPolygon) {
        return OGR_G_AddGeometry(acc, g) == OGRERR_NONE;
    }
    for (int i = 0; t == wkbMultiPolygon && i < OGR_G_GetGeometryCount(g); i++) {
        if (OGR_G_AddGeometry(acc, OGR_G_GetGeometryRef(g, i)) != OGRERR_NONE) {
            return false;
        }
    }
    return true;
}

/* Unions over 10 degrees across (continents, "Middle East") are simplified to 1/2000 of their
 * size (about 2 km for the Middle East, 10 km for Asia): a region that size is never more
 * precise than that, and the full 10m coastlines would double the index. */
static OGRGeometryH simplify_large(OGRGeometryH g)
{
    OGREnvelope env;
    OGR_G_GetEnvelope(g, &env);
    double span = fmax(env.MaxX - env.MinX, env.MaxY - env.MinY);
    if (span <= 10) {
        return g;
    }
    OGRGeometryH s = OGR_G_SimplifyPreserveTopology(g, span / 2000);
    if (s == NULL || OGR_G_IsEmpty(s)) {
        OGR_G_DestroyGeometry(s);
        return g;
    }
    OGR_G_DestroyGeometry(g);
    return s;
}

/* A named region made of existing areas: member ids ("Kurdistan Region" = three governorates)
 * or ISO alpha-2 country codes (continents and regions as lists of countries). An unknown id is
 * an error; a country code absent from this build (a smaller Natural Earth file) is a warning. */
static incmap_status supplement_union(build *b, char *f[SU_N], const char *file, size_t line)
{
    incmap_kind kind = parse_kind(f[SU_KIND]);
    if (kind == INCMAP_KIND_ANY || f[SU_NAME][0] == '\0' || f[SU_ADMIN1][0] == '\0' ||
        (f[SU_COUNTRY][0] != '\0' && !is_code(f[SU_COUNTRY], 2))) {
        return incmap_fail(b->ctx, INCMAP_ERR_PARSE,
                           "%s:%zu: a union row needs kind, name and member ids in the admin1 "
                           "column",
                           file, line);
    }
    if (incmap_gzw_find(b->w, f[SU_ID]) >= 0) {
        return incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s:%zu: duplicate id %s", file, line,
                           f[SU_ID]);
    }
    OGRGeometryH parts = OGR_G_CreateGeometry(wkbMultiPolygon), acc = NULL;
    incmap_status st = parts != NULL ? INCMAP_OK : build_gdal_fail(b, "union of supplement areas");
    size_t members = 0, absent = 0;
    for (char *p = f[SU_ADMIN1]; p != NULL && st == INCMAP_OK;) {
        char *bar = strchr(p, '|');
        if (bar != NULL) {
            *bar = '\0';
        }
        OGRGeometryH g = NULL;
        if (strncmp(p, "ne_unit:", 8) == 0) {
            /* every province of a Natural Earth geounit: "ne_unit:ENG" is England's counties */
            size_t got = 0;
            for (size_t i = 0; i < b->nprovs && st == INCMAP_OK; i++) {
                if (strcmp(b->provs[i].gu, p + 8) == 0) {
                    got++;
                    st = add_polygons(parts, b->provs[i].ogr)
                             ? INCMAP_OK
                             : build_gdal_fail(b, "union of supplement areas");
                }
            }
            members += got;
            absent += got == 0;
        } else if (is_code(p, 2)) {
            const build_country *c = build_country_by_a2(b, p);
            g = c != NULL ? c->geom : NULL;
            absent += g == NULL;
        } else if ((g = area_by_id(b, p)) == NULL) {
            st = incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s:%zu: no area entry %s", file, line, p);
        }
        if (g != NULL && st == INCMAP_OK) {
            members++;
            if (!add_polygons(parts, g)) {
                st = build_gdal_fail(b, "union of supplement areas");
            }
        }
        p = bar != NULL ? bar + 1 : NULL;
    }
    if (st == INCMAP_OK && absent > 0) {
        incmap_log(b->ctx, INCMAP_LOG_WARN,
                   "%s:%zu: %s: %zu of its countries are not in this build", file, line, f[SU_NAME],
                   absent);
    }
    if (st == INCMAP_OK && members == 0) {
        b->st->supplement_unresolved++;
        OGR_G_DestroyGeometry(parts);
        return INCMAP_OK;
    }
    if (st == INCMAP_OK) {
        /* one cascaded union: neighbours' shared edges dissolve in one pass, far faster than
         * adding members one by one */
        acc = OGR_G_UnionCascaded(parts);
        st = acc != NULL ? INCMAP_OK : build_gdal_fail(b, "union of supplement areas");
    }
    OGR_G_DestroyGeometry(parts);
    /* an optional representative point (lon, lat): PointOnSurface of Europe lands in Siberia */
    double at[2];
    bool has_at = f[SU_LON][0] != '\0' || f[SU_LAT][0] != '\0';
    if (st == INCMAP_OK && has_at &&
        (!parse_coord(f[SU_LON], -180, 180, &at[0]) || !parse_coord(f[SU_LAT], -90, 90, &at[1]))) {
        st = incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s:%zu: bad lon/lat", file, line);
    }
    if (st == INCMAP_OK) {
        acc = simplify_large(acc);
        if (has_at) {
            OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
            OGR_G_SetPoint_2D(pt, 0, at[0], at[1]);
            bool inside = OGR_G_Intersects(acc, pt);
            OGR_G_DestroyGeometry(pt);
            if (!inside) {
                st = incmap_fail(b->ctx, INCMAP_ERR_PARSE,
                                 "%s:%zu: the point of %s is outside its area", file, line,
                                 f[SU_NAME]);
            }
        }
    }
    if (st == INCMAP_OK) {
        /* a union of provinces ranked as a province (England) is its own admin-1 area, as
         * GeoNames files its towns ("Liverpool, England") */
        incmap_gzw_entry e = {f[SU_ID],
                              f[SU_NAME],
                              kind,
                              f[SU_COUNTRY][0] ? f[SU_COUNTRY] : NULL,
                              kind == INCMAP_KIND_ADMIN1 ? f[SU_NAME] : NULL,
                              f[SU_FCODE][0] != '\0' ? f[SU_FCODE] : NULL,
                              0,
                              0,
                              -1,
                              NULL};
        int64_t idx;
        st = build_add_area_entry_at(b, &e, acc, "supplement", NULL, has_at ? at : NULL, &idx);
        if (st == INCMAP_OK && idx >= 0) {
            st = add_names(b, idx, f[SU_ID], NULL, f[SU_ALIASES], INCMAP_MATCH_ALIAS);
        }
    }
    OGR_G_DestroyGeometry(acc);
    return st;
}

static incmap_status supplement_row(build *b, char *f[SU_N], const char *file, size_t line)
{
    if (f[SU_ID][0] == '\0' || f[SU_SOURCE][0] == '\0') {
        return incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s:%zu: every row needs an id and a source",
                           file, line);
    }
    if (strcmp(f[SU_TYPE], "place") == 0) {
        return supplement_place(b, f, file, line);
    }
    if (strcmp(f[SU_TYPE], "union") == 0) {
        return supplement_union(b, f, file, line);
    }
    incmap_match tier;
    bool label = strcmp(f[SU_TYPE], "label") == 0;
    if (strcmp(f[SU_TYPE], "alias") == 0 || label) {
        tier = INCMAP_MATCH_ALIAS;
    } else if (strcmp(f[SU_TYPE], "demonym") == 0) {
        tier = INCMAP_MATCH_DEMONYM;
    } else {
        return incmap_fail(b->ctx, INCMAP_ERR_PARSE,
                           "%s:%zu: unknown row type '%s' (place, union, alias, demonym or label)",
                           file, line, f[SU_TYPE]);
    }
    if (label &&
        (f[SU_NAME][0] == '\0' || f[SU_ALIASES][0] == '\0' || strchr(f[SU_ALIASES], '|') != NULL)) {
        return incmap_fail(b->ctx, INCMAP_ERR_PARSE,
                           "%s:%zu: a label row needs the conventional name and, in aliases, the "
                           "one name it replaces",
                           file, line);
    }
    int64_t idx = incmap_gzw_find(b->w, f[SU_ID]);
    if (idx < 0) {
        /* the target's source was not part of this build (or the id is wrong): say so */
        b->st->supplement_unresolved++;
        incmap_log(b->ctx, INCMAP_LOG_WARN, "%s:%zu: no entry %s for %s '%s'", file, line, f[SU_ID],
                   f[SU_TYPE], f[SU_NAME]);
        return INCMAP_OK;
    }
    if (label) { /* the conventional name is also a name the entry is found by */
        incmap_status st = build_add_label(b, f[SU_ID], f[SU_ALIASES], f[SU_NAME], f[SU_SOURCE]);
        return st != INCMAP_OK ? st : add_names(b, idx, f[SU_ID], f[SU_NAME], NULL, tier);
    }
    return add_names(b, idx, f[SU_ID], f[SU_NAME], f[SU_ALIASES], tier);
}

incmap_status build_supplement(build *b, const char *path)
{
    char *text = NULL;
    size_t len = 0;
    incmap_status st = incmap_read_file(b->ctx, path, (size_t)64 << 20, &text, &len);
    if (st != INCMAP_OK) {
        return st;
    }
    const char *slash = strrchr(path, '/');
    const char *file = slash != NULL ? slash + 1 : path;
    if (!build_utf8_valid(text, len)) {
        free(text);
        return incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s: invalid UTF-8", path);
    }
    size_t lineno = 0, rows = 0;
    bool header = false;
    char *p = text;
    while (st == INCMAP_OK && p != NULL && *p != '\0') {
        char *nl = strchr(p, '\n');
        if (nl != NULL) {
            *nl = '\0';
        }
        lineno++;
        size_t n = strlen(p);
        if (n > 0 && p[n - 1] == '\r') {
            p[--n] = '\0';
        }
        if (n > 0 && p[0] != '#') {
            if (!header) {
                header = true;
                if (strcmp(p, supplement_header) != 0) {
                    st = incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s:%zu: expected the header '%s'",
                                     file, lineno, supplement_header);
                }
            } else {
                char *f[SU_N];
                size_t k = 0;
                f[k++] = p;
                for (char *q = p; *q != '\0'; q++) {
                    if (*q == '\t') {
                        *q = '\0';
                        if (k < SU_N) {
                            f[k] = q + 1;
                        }
                        k++;
                    }
                }
                if (k != SU_N) {
                    st = incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s:%zu: %zu columns, expected %d",
                                     file, lineno, k, SU_N);
                } else {
                    st = supplement_row(b, f, file, lineno);
                    rows++;
                }
            }
        }
        p = nl != NULL ? nl + 1 : NULL;
    }
    free(text);
    if (st == INCMAP_OK && !header) {
        st = incmap_fail(b->ctx, INCMAP_ERR_PARSE, "%s: empty (no header)", path);
    }
    return st == INCMAP_OK ? build_note_source(b, "supplement", path, rows, 0) : st;
}
