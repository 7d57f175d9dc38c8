/* Mentions stage, after resolution: a small town that only opens a longer name the gazetteer
 * lacks ("Karl Bremer Hospital", "Eva's Village") is that name's, not the town's, unless the
 * report backs the town: another mention of the same place, or a place of the report near it or
 * around it. Unbacked ones leave the list here, before mention_local.c, so the building can
 * still be a mention of the report's town. */
#include "gazetteer/rank.h"
#include "geoparse/geoparse.h"

#include <math.h>
#include <string.h>

#define EARTH_KM 6371.0
#define DEG2RAD (3.14159265358979323846 / 180.0)

static double km_apart(const incmap_place *a, const incmap_place *b)
{
    incmap_lonlat p = incmap_place_point(a), q = incmap_place_point(b);
    double h = pow(sin((q.lat_deg - p.lat_deg) * DEG2RAD / 2), 2) +
               cos(p.lat_deg * DEG2RAD) * cos(q.lat_deg * DEG2RAD) *
                   pow(sin((q.lon_deg - p.lon_deg) * DEG2RAD / 2), 2);
    return 2 * EARTH_KM * asin(fmin(1.0, sqrt(h)));
}

/* Whether mention j (not a name part itself, and no demonym: "English" says who, not where)
 * backs place P: the same place, a place within RANK_RESOLVE_NEAR_KM, or the province P lies in. */
static bool backs(const incmap_mentions *m, size_t j, const incmap_place *p)
{
    const incmap_place *q = m->m[j].place;
    incmap_kind k = incmap_place_kind(q);
    if (strcmp(incmap_place_id(q), incmap_place_id(p)) == 0) {
        return true;
    }
    if (k == INCMAP_KIND_ADMIN1) {
        return strcmp(incmap_place_name(q), incmap_place_admin1(p)) == 0 &&
               strcmp(incmap_place_country(q), incmap_place_country(p)) == 0;
    }
    return k != INCMAP_KIND_COUNTRY && k != INCMAP_KIND_REGION &&
           km_apart(p, q) < RANK_RESOLVE_NEAR_KM;
}

static bool may_back(const incmap_mentions *m, size_t j)
{
    return !m->x[j].name_part && !m->x[j].drop && !m->x[j].demonym;
}

void incmap_mention_inside_check(incmap_mentions *m)
{
    size_t others = 0;
    for (size_t j = 0; j < m->n; j++) {
        others += may_back(m, j);
    }
    size_t kept = 0;
    for (size_t i = 0; i < m->n; i++) {
        bool keep = !m->x[i].name_part || m->x[i].drop || others == 0;
        for (size_t j = 0; j < m->n && !keep; j++) {
            keep = j != i && may_back(m, j) && backs(m, j, m->m[i].place);
        }
        if (!keep) {
            incmap_candidates_destroy(m->x[i].cands);
            continue;
        }
        m->m[kept] = m->m[i];
        m->x[kept++] = m->x[i];
    }
    m->n = kept;
}
