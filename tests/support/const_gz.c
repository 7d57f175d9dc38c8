/* Test support (geoparse stage): the public API driven through a `const incmap_gazetteer *`, as
 * a program sharing one read-only gazetteer between threads holds it. Passing the const handle
 * to a function that takes a mutable one is made an error here, so this file stops compiling if
 * any reader of the gazetteer loses its const again. */
#pragma GCC diagnostic error "-Wdiscarded-qualifiers"

#include "const_gz.h"

#include <string.h>

bool const_gz_exercise(const incmap_gazetteer *cgz, incmap_ctx *ctx, const char *report)
{
    bool ok = incmap_gazetteer_count(cgz) > 0 && incmap_gazetteer_gpkg_path(cgz) != NULL;
    incmap_lookup_opts lo = incmap_lookup_opts_default();
    incmap_candidates *c = incmap_gazetteer_lookup(cgz, ctx, "Zummar", strlen("Zummar"), &lo);
    incmap_candidates *s = incmap_gazetteer_suggest(cgz, ctx, "Zumarr", strlen("Zumarr"), 3);
    ok = ok && c != NULL && incmap_candidates_count(c) > 0 && s != NULL;
    const incmap_place *p = c != NULL && incmap_candidates_count(c) > 0
                                ? incmap_candidates_place(c, 0)
                                : incmap_gazetteer_country(cgz, "IQ");
    incmap_geom *g = p != NULL ? incmap_place_geometry(cgz, ctx, p) : NULL;
    incmap_geom *b = incmap_gazetteer_border(cgz, ctx, "IQ", "SY");
    ok = ok && g != NULL && b != NULL && incmap_gazetteer_get(cgz, incmap_place_id(p)) == p &&
         incmap_gazetteer_border_length_km(cgz, "IQ", "SY") > 0;
    incmap_mentions *m = incmap_mentions_extract(cgz, ctx, report, strlen(report));
    incmap_extract_opts eo = incmap_extract_opts_default();
    incmap_incidents *inc = incmap_extract(cgz, ctx, report, strlen(report), &eo);
    incmap_extract_fields f = {.launch = "Zummar", .target = "Erbil"};
    incmap_incidents *fi = incmap_extract_fields_run(cgz, ctx, &f);
    ok = ok && m != NULL && incmap_mentions_count(m) > 0 && inc != NULL && fi != NULL &&
         incmap_incidents_count(fi) == 1;
    incmap_incidents_destroy(fi);
    incmap_incidents_destroy(inc);
    incmap_mentions_destroy(m);
    incmap_geom_destroy(b);
    incmap_geom_destroy(g);
    incmap_candidates_destroy(s);
    incmap_candidates_destroy(c);
    return ok;
}
