/* Gazetteer build, counties and districts: GeoNames admin-2 units (admin2.json names them, no
 * source here has their polygons) become `region` entries with feature code ADM2, located at
 * their seat (the PPLA2 place filed under the code) or, without one, at the population-weighted
 * centre of their places. News names them whole ("Orange County", "Zakho District"), and with an
 * entry of its own "X County" no longer falls back to a town X. */
#include "build/build_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A place of unknown population still locates its unit, with the weight of a hamlet. */
#define ADMIN2_UNKNOWN_POP_WEIGHT 100.0

typedef struct build_admin2_acc {
    double w, lon_w, lat_w; /* weights and weighted sums (lon relative to lon0) */
    double lon0;            /* the first place's longitude: units spanning 180 degrees stay whole */
    double seat_lon, seat_lat;
    int64_t population;
    bool seat, any;
} build_admin2_acc;

incmap_status build_admin2_note(build *b, const char *code2, double lon_deg, double lat_deg,
                                int64_t population, const char *fcode)
{
    size_t i = build_strmap_find(&b->admin2, code2);
    if (i == b->admin2.n) {
        return INCMAP_OK;
    }
    if (b->admin2_acc == NULL &&
        (b->admin2_acc = calloc(b->admin2.n, sizeof *b->admin2_acc)) == NULL) {
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory locating counties");
    }
    build_admin2_acc *a = &b->admin2_acc[i];
    if (!a->any) {
        a->any = true;
        a->lon0 = lon_deg;
    }
    double dlon = lon_deg - a->lon0;
    dlon += dlon > 180 ? -360 : dlon < -180 ? 360 : 0;
    double w = population > 0 ? (double)population : ADMIN2_UNKNOWN_POP_WEIGHT;
    a->w += w;
    a->lon_w += w * dlon;
    a->lat_w += w * lat_deg;
    a->population += population > 0 ? population : 0;
    if (!a->seat && fcode != NULL && strcmp(fcode, "PPLA2") == 0) {
        a->seat = true;
        a->seat_lon = lon_deg;
        a->seat_lat = lat_deg;
    }
    return INCMAP_OK;
}

incmap_status build_admin2_entries(build *b)
{
    incmap_status st = INCMAP_OK;
    size_t added = 0;
    for (size_t i = 0; b->admin2_acc != NULL && i < b->admin2.n && st == INCMAP_OK; i++) {
        const build_admin2_acc *a = &b->admin2_acc[i];
        const char *code2 = b->admin2.key[i], *name = b->admin2.val[i];
        const char *dot1 = strchr(code2, '.');
        const char *dot2 = dot1 != NULL ? strchr(dot1 + 1, '.') : NULL;
        if (!a->any || dot2 == NULL || dot1 - code2 != 2 || name[0] == '\0') {
            continue;
        }
        char cc[3] = {code2[0], code2[1], '\0'}, code1[64];
        snprintf(code1, sizeof code1, "%.*s", (int)(dot2 - code2), code2);
        const char *admin1 = build_strmap_get(&b->admin1, code1);
        if (admin1 != NULL && strcmp(admin1, name) == 0) {
            continue; /* a city-state's single district is its province */
        }
        double lon = a->seat ? a->seat_lon : a->lon0 + a->lon_w / a->w;
        double lat = a->seat ? a->seat_lat : a->lat_w / a->w;
        lon += lon > 180 ? -360 : lon < -180 ? 360 : 0;
        char gid[128];
        snprintf(gid, sizeof gid, "geonames_admin2:%s", code2);
        incmap_gzw_entry e = {gid, name,   INCMAP_KIND_REGION,
                              cc,  admin1, "ADM2",
                              lon, lat,    a->population > 0 ? a->population : -1,
                              NULL};
        int64_t idx = build_add_entry(b, &e, "geonames", NULL, NULL, NULL);
        if (idx == -1) {
            st = incmap_ctx_status(b->ctx);
        } else if (idx >= 0) {
            added++; /* the display name is its one name, indexed by the writer */
        }
    }
    return st == INCMAP_OK ? build_note_source(b, "geonames_admin2", "admin2.json", added, 0) : st;
}

void build_admin2_free(build *b)
{
    free(b->admin2_acc);
    b->admin2_acc = NULL;
}
