/* `incmap lookup --at LON,LAT`: reverse geocoding. The nearest places (geodesic km) and the
 * admin-1 and country whose polygons contain the point, or at sea the nearest country, as text,
 * JSON or GeoJSON; all the work is the library's (incmap_gazetteer_nearest, _containing). */
#include "cli/lookup.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *compass(double az)
{
    static const char *const pts[] = {"N", "NE", "E", "SE", "S", "SW", "W", "NW"};
    return isfinite(az) ? pts[(int)floor(fmod(az + 22.5 + 360.0, 360.0) / 45.0) % 8] : "";
}

static void print_text(incmap_lonlat at, const incmap_containing *in, const incmap_nearby *nb,
                       size_t n)
{
    printf("%.6f, %.6f: ", at.lon_deg, at.lat_deg);
    if (in->country != NULL) {
        printf("%s (%s)", incmap_place_name(in->country), incmap_place_country(in->country));
        if (in->admin1 != NULL) {
            printf(", %s", incmap_place_name(in->admin1));
        }
        putchar('\n');
    } else if (in->nearest_country != NULL) {
        printf("at sea; nearest country %s (%s), %.1f km\n", incmap_place_name(in->nearest_country),
               incmap_place_country(in->nearest_country), in->nearest_country_km);
    } else {
        puts("in no country of the gazetteer");
    }
    for (size_t i = 0; i < n; i++) {
        const incmap_place *p = nb[i].place;
        const char *cc = incmap_place_country(p);
        lookup_print_padded(incmap_place_name(p), 24);
        lookup_print_padded(incmap_kind_str(incmap_place_kind(p)), 6);
        lookup_print_padded(cc[0] != '\0' ? cc : "--", 2);
        lookup_print_padded(incmap_place_admin1(p), 20);
        /* the place's direction from the point */
        printf("%9.2f km %-2s  %s\n", nb[i].distance_km,
               nb[i].distance_km > 0.0005 ? compass(nb[i].azimuth_deg) : "", incmap_place_id(p));
    }
}

static cJSON *area_json(const incmap_place *p, double km)
{
    if (p == NULL) {
        return cJSON_CreateNull();
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", incmap_place_id(p));
    cJSON_AddStringToObject(o, "name", incmap_place_name(p));
    cJSON_AddItemToObject(o, "country", lookup_null_or_string(incmap_place_country(p)));
    if (!isnan(km)) {
        cJSON_AddNumberToObject(o, "distance_km", lookup_round(km, 1e3));
    }
    return o;
}

static cJSON *nearby_json(const incmap_nearby *nb)
{
    cJSON *o = lookup_place_json(nb->place);
    cJSON_AddNumberToObject(o, "distance_km", lookup_round(nb->distance_km, 1e3));
    cJSON_AddNumberToObject(o, "azimuth_deg", lookup_round(nb->azimuth_deg, 10));
    return o;
}

static cJSON *answer_json(incmap_lonlat at, const incmap_containing *in, const incmap_nearby *nb,
                          size_t n)
{
    cJSON *o = cJSON_CreateObject(), *arr = cJSON_CreateArray();
    cJSON_AddNumberToObject(o, "lon", lookup_round(at.lon_deg, 1e6));
    cJSON_AddNumberToObject(o, "lat", lookup_round(at.lat_deg, 1e6));
    cJSON_AddItemToObject(o, "country", area_json(in->country, NAN));
    cJSON_AddItemToObject(o, "admin1", area_json(in->admin1, NAN));
    cJSON_AddBoolToObject(o, "at_sea", in->country == NULL);
    cJSON_AddItemToObject(o, "nearest_country",
                          area_json(in->nearest_country, in->nearest_country_km));
    for (size_t i = 0; i < n; i++) {
        cJSON_AddItemToArray(arr, nearby_json(&nb[i]));
    }
    if (!cJSON_AddItemToObject(o, "nearest", arr)) {
        cJSON_Delete(arr);
    }
    return o;
}

static cJSON *feature(cJSON *geom, cJSON *props, const char *relation)
{
    cJSON *f = cJSON_CreateObject();
    cJSON_AddStringToObject(f, "type", "Feature");
    cJSON_AddItemToObject(f, "geometry", geom);
    cJSON_AddStringToObject(props, "relation", relation);
    cJSON_AddItemToObject(f, "properties", props);
    return f;
}

static cJSON *point_json(incmap_lonlat p)
{
    cJSON *g = cJSON_CreateObject(), *c = cJSON_CreateArray();
    cJSON_AddStringToObject(g, "type", "Point");
    cJSON_AddItemToArray(c, cJSON_CreateNumber(lookup_round(p.lon_deg, 1e6)));
    cJSON_AddItemToArray(c, cJSON_CreateNumber(lookup_round(p.lat_deg, 1e6)));
    cJSON_AddItemToObject(g, "coordinates", c);
    return g;
}

/* A FeatureCollection: the query point, the containing country and admin-1 (or the nearest
 * country) with their real outlines, and the nearest places, each with a `relation`. */
static int answer_geojson(const incmap_gazetteer *gz, incmap_ctx *ctx, incmap_lonlat at,
                          const incmap_containing *in, const incmap_nearby *nb, size_t n,
                          const struct incmap_cli *cli)
{
    cJSON *fc = cJSON_CreateObject(), *fs = cJSON_CreateArray();
    cJSON_AddStringToObject(fc, "type", "FeatureCollection");
    cJSON_AddItemToObject(fc, "features", fs);
    cJSON *q = cJSON_CreateObject();
    cJSON_AddNumberToObject(q, "lon", lookup_round(at.lon_deg, 1e6));
    cJSON_AddNumberToObject(q, "lat", lookup_round(at.lat_deg, 1e6));
    cJSON_AddItemToArray(fs, feature(point_json(at), q, "query"));
    const incmap_place *areas[2] = {in->admin1, in->nearest_country};
    const char *rel[2] = {"admin1", in->country != NULL ? "country" : "nearest_country"};
    for (int k = 0; k < 2; k++) {
        if (areas[k] == NULL) {
            continue;
        }
        double bb[4];
        cJSON *g = lookup_geometry_json(gz, ctx, areas[k], bb);
        if (g == NULL) {
            cJSON_Delete(fc);
            return cli_fail_ctx(cli, ctx);
        }
        cJSON *props = lookup_place_json(areas[k]);
        if (k == 1) {
            cJSON_AddNumberToObject(props, "distance_km",
                                    lookup_round(in->nearest_country_km, 1e3));
        }
        cJSON_AddItemToArray(fs, feature(g, props, rel[k]));
    }
    for (size_t i = 0; i < n; i++) {
        incmap_lonlat p = incmap_place_point(nb[i].place);
        cJSON_AddItemToArray(fs, feature(point_json(p), nearby_json(&nb[i]), "nearest"));
    }
    return lookup_print_json(fc, false, cli);
}

int lookup_at(const struct lookup_args *a, const incmap_gazetteer *gz, incmap_ctx *ctx,
              const struct incmap_cli *cli)
{
    size_t max = (size_t)a->limit, n = 0;
    incmap_nearby *nb = malloc(max * sizeof *nb);
    incmap_containing in;
    if (nb == NULL) {
        cli_error(cli, "out of memory");
        return INCMAP_EXIT_FAILURE;
    }
    int rc = INCMAP_EXIT_OK;
    if (incmap_gazetteer_nearest(gz, ctx, a->at, a->kind, nb, max, &n) != INCMAP_OK ||
        incmap_gazetteer_containing(gz, ctx, a->at, &in) != INCMAP_OK) {
        rc = cli_fail_ctx(cli, ctx);
    } else if (a->format == FMT_JSON) {
        rc = lookup_print_json(answer_json(a->at, &in, nb, n), true, cli);
    } else if (a->format == FMT_GEOJSON) {
        rc = answer_geojson(gz, ctx, a->at, &in, nb, n, cli);
    } else {
        print_text(a->at, &in, nb, n);
    }
    free(nb);
    return rc;
}
