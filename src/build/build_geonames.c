/* Gazetteer build, GeoNames stage: streams a 19-column GeoNames dump (cities500.txt, IQ.txt,
 * allCountries.txt at 1.5 GB) line by line, maps feature classes to kinds, and skips and counts
 * malformed rows instead of failing: real dumps have a few, and one bad row must not cost a
 * user the whole build. */
#include "build/build_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum {
    GN_ID,
    GN_NAME,
    GN_ASCII,
    GN_ALT,
    GN_LAT,
    GN_LON,
    GN_CLASS,
    GN_CODE,
    GN_CC,
    GN_CC2,
    GN_ADMIN1,
    GN_ADMIN2,
    GN_ADMIN3,
    GN_ADMIN4,
    GN_POP,
    GN_ELEV,
    GN_DEM,
    GN_TZ,
    GN_MOD,
    GN_N
};

/* What a row becomes. */
typedef enum { ROW_SKIP, ROW_ENTRY, ROW_ALIAS_PROVINCE, ROW_ALIAS_COUNTRY } row_use;

static bool in_list(const char *code, const char *const *list)
{
    for (size_t i = 0; list[i] != NULL; i++) {
        if (strcmp(code, list[i]) == 0) {
            return true;
        }
    }
    return false;
}

/* Feature class/code -> kind; the choices are documented in gazetteer/README.md. */
static row_use classify(const char *cls, const char *code, incmap_kind *kind)
{
    /* facilities that incident reports name: military, transport, borders, infrastructure */
    static const char *const sites[] = {"MILB", "INSM", "NVB",   "AIRB", "AIRF", "AIRP", "AIRH",
                                        "AIRQ", "CSTM", "PSTB",  "PSTC", "PSTP", "PP",   "BDG",
                                        "DAM",  "PRN",  "CMPRF", "CMP",  "PS",   "PSH",  "PSN",
                                        "OILR", "OILT", "OILJ",  "GOSP", "RSTN", "FT",   "CSTL",
                                        "RUIN", "ANS",  "HSP",   "PIER", "NSY",  NULL};
    static const char *const l_sites[] = {"OILF", "INDS", "PRT", "GASF", "MILB", "RNGA", NULL};
    size_t n = strlen(code);
    bool historical =
        n > 1 && code[n - 1] == 'H' && strcmp(code, "PSH") != 0 && strcmp(code, "PPLH") != 0;
    switch (cls[0]) {
    case 'P':
        *kind = INCMAP_KIND_PLACE;
        return cls[1] == '\0' ? ROW_ENTRY : ROW_SKIP;
    case 'A':
        if (historical) {
            return ROW_SKIP;
        }
        if (strcmp(code, "ADM1") == 0) {
            *kind = INCMAP_KIND_REGION;
            return ROW_ALIAS_PROVINCE; /* falls back to a region entry when not linked */
        }
        if (strncmp(code, "PCL", 3) == 0) {
            return ROW_ALIAS_COUNTRY;
        }
        *kind = INCMAP_KIND_REGION;
        return ROW_ENTRY;
    case 'S':
        *kind = INCMAP_KIND_SITE;
        return in_list(code, sites) ? ROW_ENTRY : ROW_SKIP;
    case 'L':
        if (in_list(code, l_sites)) {
            *kind = INCMAP_KIND_SITE;
        } else {
            *kind = strcmp(code, "LCTY") == 0 ? INCMAP_KIND_PLACE : INCMAP_KIND_REGION;
        }
        return ROW_ENTRY;
    case 'T':
    case 'H':
    case 'V':
        *kind = INCMAP_KIND_REGION;
        return ROW_ENTRY;
    default: /* R (roads, railroads), U (undersea) */
        return ROW_SKIP;
    }
}

static bool parse_number(const char *s, double lo, double hi, double *out)
{
    if (s[0] == '\0') {
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

static bool all_digits(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) {
            return false;
        }
    }
    return true;
}

/* Splits a line into exactly GN_N tab-separated fields (in place). */
static bool split_row(char *line, char *f[GN_N])
{
    size_t i = 0;
    f[i++] = line;
    for (char *p = line; *p != '\0'; p++) {
        if (*p == '\t') {
            if (i == GN_N) {
                return false;
            }
            *p = '\0';
            f[i++] = p + 1;
        }
    }
    return i == GN_N;
}

/* Adds asciiname and the comma-separated alternate names to entry idx. */
static incmap_status add_row_names(build *b, int64_t idx, const char *gid, char *f[GN_N],
                                   bool with_name)
{
    incmap_status st = INCMAP_OK;
    if (with_name) {
        st = build_add_name(b, idx, gid, f[GN_NAME], INCMAP_MATCH_ALIAS);
    }
    if (st == INCMAP_OK) {
        st = build_add_name(b, idx, gid, f[GN_ASCII], INCMAP_MATCH_ALIAS);
    }
    char *p = f[GN_ALT];
    while (st == INCMAP_OK && p != NULL && *p != '\0') {
        char *comma = strchr(p, ',');
        if (comma != NULL) {
            *comma = '\0';
        }
        st = build_add_name(b, idx, gid, p, INCMAP_MATCH_ALIAS);
        p = comma != NULL ? comma + 1 : NULL;
    }
    return st;
}

typedef struct {
    size_t used, skipped, filtered;
    const char *file;
} gn_counts;

static void bad_row(build *b, gn_counts *c, size_t line, const char *why)
{
    c->skipped++;
    b->st->skipped_rows++;
    if (c->skipped <= 5) {
        incmap_log(b->ctx, INCMAP_LOG_WARN, "%s:%zu: skipped: %s", c->file, line, why);
    }
}

static incmap_status use_row(build *b, char *f[GN_N], gn_counts *c, size_t line)
{
    double lat, lon;
    if (!all_digits(f[GN_ID], 12)) {
        bad_row(b, c, line, "bad geonameid");
        return INCMAP_OK;
    }
    if (!parse_number(f[GN_LAT], -90, 90, &lat) || !parse_number(f[GN_LON], -180, 180, &lon)) {
        bad_row(b, c, line, "bad coordinates");
        return INCMAP_OK;
    }
    if (f[GN_NAME][0] == '\0' || f[GN_CLASS][0] == '\0') {
        bad_row(b, c, line, "no name or feature class");
        return INCMAP_OK;
    }
    incmap_kind kind = INCMAP_KIND_PLACE;
    row_use use = classify(f[GN_CLASS], f[GN_CODE], &kind);
    const char *cc = isupper((unsigned char)f[GN_CC][0]) && isupper((unsigned char)f[GN_CC][1]) &&
                             f[GN_CC][2] == '\0'
                         ? f[GN_CC]
                         : NULL;
    char code[64];
    snprintf(code, sizeof code, "%s.%s", cc != NULL ? cc : "", f[GN_ADMIN1]);
    char gid[40];
    snprintf(gid, sizeof gid, "geonames:%s", f[GN_ID]);
    if (use == ROW_ALIAS_PROVINCE) {
        build_province *p = b->links_final ? build_province_by_code(b, code) : NULL;
        if (p != NULL) {
            c->used++;
            return add_row_names(b, p->idx, p->id, f, true);
        }
        use = ROW_ENTRY;
    } else if (use == ROW_ALIAS_COUNTRY) {
        build_country *k = build_country_by_a2(b, cc);
        if (k == NULL) {
            c->filtered++;
            return INCMAP_OK;
        }
        c->used++;
        return add_row_names(b, k->idx, k->id, f, true);
    }
    if (use == ROW_SKIP) {
        c->filtered++;
        return INCMAP_OK;
    }
    const char *admin1 =
        cc != NULL && f[GN_ADMIN1][0] != '\0' ? build_strmap_get(&b->admin1, code) : NULL;
    char code2[96];
    snprintf(code2, sizeof code2, "%s.%s", code, f[GN_ADMIN2]);
    const char *admin2 =
        admin1 != NULL && f[GN_ADMIN2][0] != '\0' ? build_strmap_get(&b->admin2, code2) : NULL;
    if (!b->links_final && admin1 != NULL) {
        /* evidence for the Natural Earth province <-> GeoNames code link */
        build_province *p = build_province_by_code(b, code);
        if (p != NULL) {
            p->tries++;
            p->hits += incmap_geom_contains(p->g, (incmap_lonlat){lon, lat});
        }
    }
    double pop = 0;
    int64_t population = -1; /* GeoNames writes 0 for "unknown" */
    if (parse_number(f[GN_POP], 1, 1e10, &pop)) {
        population = (int64_t)pop;
    }
    incmap_gzw_entry e = {gid,        f[GN_NAME], kind, cc,         admin1,
                          f[GN_CODE], lon,        lat,  population, NULL};
    int64_t idx = build_add_entry(b, &e, "geonames", admin2, NULL, NULL);
    if (idx == -1) {
        return incmap_ctx_status(b->ctx);
    }
    if (idx == -2) {
        return INCMAP_OK; /* already there (cities500 and a country dump overlap) */
    }
    c->used++;
    if (admin2 != NULL && kind == INCMAP_KIND_PLACE &&
        build_admin2_note(b, code2, lon, lat, population, f[GN_CODE]) != INCMAP_OK) {
        return incmap_ctx_status(b->ctx);
    }
    return add_row_names(b, idx, gid, f, false);
}

incmap_status build_geonames(build *b, const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        return incmap_fail(b->ctx, INCMAP_ERR_IO, "GeoNames source %s: %s", path, strerror(errno));
    }
    struct stat sb;
    uint64_t total = fstat(fileno(fp), &sb) == 0 ? (uint64_t)sb.st_size : 0;
    const char *slash = strrchr(path, '/');
    gn_counts c = {0, 0, 0, slash != NULL ? slash + 1 : path};
    char stage[128];
    snprintf(stage, sizeof stage, "GeoNames %s", c.file);
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    uint64_t done = 0;
    ssize_t n;
    incmap_status st = INCMAP_OK;
    while (st == INCMAP_OK && (n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        done += (uint64_t)n;
        if ((lineno & 4095) == 0) {
            build_progress(b, stage, done, total);
        }
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
            line[--n] = '\0';
        }
        if (n == 0) {
            continue;
        }
        char *f[GN_N];
        if (!build_utf8_valid(line, (size_t)n)) {
            bad_row(b, &c, lineno, "invalid UTF-8");
        } else if (!split_row(line, f)) {
            bad_row(b, &c, lineno, "not 19 tab-separated columns");
        } else {
            st = use_row(b, f, &c, lineno);
        }
    }
    bool read_error = ferror(fp) != 0;
    free(line);
    fclose(fp);
    if (st == INCMAP_OK && read_error) {
        st = incmap_fail(b->ctx, INCMAP_ERR_IO, "GeoNames source %s: read error", path);
    }
    build_progress(b, stage, total, total);
    if (st == INCMAP_OK) {
        if (c.skipped > 5) {
            incmap_log(b->ctx, INCMAP_LOG_WARN, "%s: %zu malformed rows skipped in all", c.file,
                       c.skipped);
        }
        st = build_note_source(b, "geonames", path, c.used, c.skipped);
    }
    return st;
}
