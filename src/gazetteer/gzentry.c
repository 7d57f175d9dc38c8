/* Gazetteer stage: the entries of an open gazetteer. A place is its record in the mapped index
 * (incmap_place points at it), so the accessors read fields in place; lookups by id, by country
 * code and of a country's capital. Opening and checking the index is in gazetteer.c. */
#include "gazetteer/gzread.h"

#include <string.h>

static const char *rec_str(const incmap_place *p, int field)
{
    const gz_rec *r = (const gz_rec *)p;
    const char *s = (const char *)(r + 1);
    const uint16_t lens[3] = {r->len_id, r->len_name, r->len_admin1};
    for (int k = 0; k < field; k++) {
        s += lens[k] + 1;
    }
    return s;
}

const char *incmap_place_id(const incmap_place *p)
{
    return rec_str(p, 0);
}

const char *incmap_place_name(const incmap_place *p)
{
    return rec_str(p, 1);
}

const char *incmap_place_admin1(const incmap_place *p)
{
    return rec_str(p, 2);
}

const char *incmap_place_feature_code(const incmap_place *p)
{
    return rec_str(p, 3);
}

incmap_kind incmap_place_kind(const incmap_place *p)
{
    return (incmap_kind)((const gz_rec *)p)->kind;
}

const char *incmap_place_country(const incmap_place *p)
{
    return ((const gz_rec *)p)->cc;
}

incmap_lonlat incmap_place_point(const incmap_place *p)
{
    const gz_rec *r = (const gz_rec *)p;
    return (incmap_lonlat){r->lon_deg, r->lat_deg};
}

int64_t incmap_place_population(const incmap_place *p)
{
    return ((const gz_rec *)p)->population;
}

bool incmap_place_has_area(const incmap_place *p)
{
    return ((const gz_rec *)p)->geom != 0;
}

const incmap_place *incmap_gazetteer_get(const incmap_gazetteer *gz, const char *id)
{
    if (id == NULL) {
        return NULL;
    }
    uint32_t lo = 0, hi = gz->h.nentries;
    while (lo < hi) { /* entries are stored in id order */
        uint32_t mid = lo + (hi - lo) / 2;
        const gz_rec *r = incmap_gz_entry(gz, mid);
        if (r == NULL) {
            return NULL;
        }
        int c = strcmp((const char *)(r + 1), id);
        if (c == 0) {
            return (const incmap_place *)r;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

const incmap_place *incmap_gazetteer_entry(const incmap_gazetteer *gz, size_t i)
{
    return i < gz->h.nentries ? (const incmap_place *)incmap_gz_entry(gz, (uint32_t)i) : NULL;
}

const incmap_place *incmap_gazetteer_country(const incmap_gazetteer *gz, const char *cc)
{
    if (cc == NULL || strlen(cc) != 2) {
        return NULL;
    }
    char up[3] = {(char)(cc[0] & ~0x20), (char)(cc[1] & ~0x20), '\0'};
    size_t lo = 0, hi = gz->h.ncountries;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strncmp(gz->countries[mid].cc, up, 2);
        if (c == 0) {
            return (const incmap_place *)incmap_gz_entry(gz, gz->countries[mid].entry);
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

const incmap_place *incmap_gazetteer_capital(const incmap_gazetteer *gz, const char *cc)
{
    if (cc == NULL || strlen(cc) != 2) {
        return NULL;
    }
    char up[2] = {(char)(cc[0] & ~0x20), (char)(cc[1] & ~0x20)};
    const gz_rec *best = NULL;
    for (uint32_t i = 0; i < gz->h.nentries; i++) {
        const gz_sum *s = &gz->sums[i];
        if (!incmap_gz_span_ok(gz, s, sizeof *s)) {
            return NULL;
        }
        /* the summary says seat and country: only seats of CC touch their records */
        if ((s->flags & GZ_SUM_SEAT) == 0 || s->kind != INCMAP_KIND_PLACE || s->cc[0] != up[0] ||
            s->cc[1] != up[1]) {
            continue;
        }
        const gz_rec *r = incmap_gz_entry(gz, i);
        const incmap_place *p = (const incmap_place *)r;
        if (r != NULL && strcmp(incmap_place_feature_code(p), "PPLC") == 0 &&
            (best == NULL || r->population > best->population)) {
            best = r;
        }
    }
    return (const incmap_place *)best;
}
