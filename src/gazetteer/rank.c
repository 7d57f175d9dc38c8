/* Gazetteer stage: the importance prior and its two weight sets (rank.h holds every ranking
 * weight and says why there are two). The index writer stores the lookup prior per entry;
 * disambiguation computes the report prior per candidate. */
#include "gazetteer/rank.h"

#include <math.h>
#include <string.h>

const incmap_rank_prior incmap_rank_lookup_prior = {
    .country = RANK_IMP_COUNTRY,
    .admin1 = RANK_IMP_ADMIN1,
    .region = RANK_IMP_REGION,
    .admin2 = RANK_IMP_ADMIN2,
    .site = RANK_IMP_SITE,
    .site_pop = RANK_IMP_SITE_POP,
    .capital = RANK_IMP_CAPITAL,
    .capital_pop = RANK_IMP_CAPITAL_POP,
    .seat1 = RANK_IMP_SEAT1,
    .seat1_pop = RANK_IMP_SEAT1_POP,
    .seat2 = RANK_IMP_SEAT2,
    .seat2_pop = RANK_IMP_SEAT2_POP,
    .seat3 = RANK_IMP_SEAT3,
    .seat3_pop = RANK_IMP_SEAT3_POP,
    .place_pop = RANK_IMP_PLACE_POP,
};

const incmap_rank_prior incmap_rank_report_prior = {
    .country = RANK_IMP_COUNTRY,
    .admin1 = RANK_REPORT_ADMIN1,
    .region = RANK_IMP_REGION,
    .admin2 = RANK_IMP_ADMIN2,
    .site = RANK_IMP_SITE,
    .site_pop = RANK_IMP_SITE_POP,
    .capital = RANK_REPORT_CAPITAL,
    .capital_pop = RANK_REPORT_CAPITAL_POP,
    .seat1 = RANK_IMP_SEAT1,
    .seat1_pop = RANK_REPORT_SEAT1_POP,
    .seat2 = RANK_REPORT_SEAT2,
    .seat2_pop = RANK_REPORT_SEAT2_POP,
    .seat3 = RANK_IMP_SEAT3,
    .seat3_pop = RANK_REPORT_SEAT3_POP,
    .place_pop = RANK_REPORT_PLACE_POP,
};

double incmap_rank_importance(const incmap_rank_prior *w, incmap_kind kind,
                              const char *feature_code, int64_t population)
{
    const char *fc = feature_code != NULL ? feature_code : "";
    double pop = population > 0 ? log10((double)population + 1) / RANK_POP_LOG_SCALE : 0;
    pop = pop > 1 ? 1 : pop;
    switch (kind) {
    case INCMAP_KIND_COUNTRY:
        return w->country;
    case INCMAP_KIND_ADMIN1:
        return w->admin1;
    case INCMAP_KIND_REGION:
        if (strcmp(fc, "OCN") == 0 || strcmp(fc, "SEA") == 0 || strcmp(fc, "GULF") == 0) {
            return RANK_IMP_SEA;
        }
        return strcmp(fc, "ADM2") == 0 ? w->admin2 : w->region;
    case INCMAP_KIND_SITE:
        return w->site + w->site_pop * pop;
    default:
        break;
    }
    /* PPLC only: GeoNames' historical capitals (PPLCH) are villages today */
    if (strcmp(fc, "PPLC") == 0) {
        return w->capital + w->capital_pop * pop;
    }
    if (strcmp(fc, "PPLA") == 0) {
        return w->seat1 + w->seat1_pop * pop;
    }
    if (strcmp(fc, "PPLA2") == 0) {
        return w->seat2 + w->seat2_pop * pop;
    }
    if (strncmp(fc, "PPLA", 4) == 0) {
        return w->seat3 + w->seat3_pop * pop;
    }
    return w->place_pop * pop;
}
