/* The names a map writes: the conventional English form of each place name (labels, titles,
 * subtitles) and the country names a title adds ("from Zummar, Iraq, toward ..."). A name's
 * conventional form is the gazetteer's curated label for it (its `labels` table: supplement
 * `label` rows, each with its source), else the general rule of incmap_name_conventional()
 * (diacritics and ayn/hamza marks dropped, as agencies write), else the name as it is. The
 * GeoJSON keeps the gazetteer's name; only what is drawn changes. */
#include "render/render_internal.h"
#include "text/fold.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int pair_cmp(const void *a, const void *b)
{
    return strcmp(((const render_name_pair *)a)->key, ((const render_name_pair *)b)->key);
}

/* Reads every (key, value) row of sql into *out, sorted by key. A table the GeoPackage lacks
 * (an older gazetteer, Natural Earth's world_map) gives none. */
static bool read_pairs(sqlite3 *db, const char *sql, render_name_pair **out, size_t *n)
{
    sqlite3_stmt *q = NULL;
    *out = NULL, *n = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
        return true;
    }
    size_t cap = 0;
    bool ok = true;
    while (ok && sqlite3_step(q) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(q, 0);
        const char *v = (const char *)sqlite3_column_text(q, 1);
        if (k == NULL || v == NULL || k[0] == '\0' || v[0] == '\0') {
            continue;
        }
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            render_name_pair *p = realloc(*out, cap * sizeof *p);
            ok = p != NULL;
            *out = ok ? p : *out;
        }
        if (ok) {
            (*out)[*n].key = incmap_strdup(k);
            (*out)[*n].value = incmap_strdup(v);
            ok = (*out)[*n].key != NULL && (*out)[*n].value != NULL;
            (*n)++;
        }
    }
    sqlite3_finalize(q);
    if (*n > 1) {
        qsort(*out, *n, sizeof **out, pair_cmp);
    }
    return ok;
}

static void free_pairs(render_name_pair *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(p[i].key);
        free(p[i].value);
    }
    free(p);
}

incmap_status render_names_load(incmap_ctx *ctx, render_names *rn, incmap_base *o)
{
    if (o == NULL) {
        return INCMAP_OK;
    }
    sqlite3 *db = incmap_base_sqlite(o);
    /* country names from the small `countries` table; a GeoPackage without one (an older
     * gazetteer, a test's base layers) from its areas, which costs a scan of their polygons */
    if (!read_pairs(db, "SELECT name, label FROM labels", &rn->labels, &rn->nlabels) ||
        !read_pairs(db, "SELECT country, name FROM countries", &rn->countries, &rn->ncountries) ||
        (rn->ncountries == 0 &&
         !read_pairs(db, "SELECT country, name FROM areas WHERE kind = 'country'", &rn->countries,
                     &rn->ncountries))) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    return INCMAP_OK;
}

void render_names_free(render_names *rn)
{
    free_pairs(rn->labels, rn->nlabels);
    free_pairs(rn->countries, rn->ncountries);
    memset(rn, 0, sizeof *rn);
}

static const char *find(const render_name_pair *p, size_t n, const char *key)
{
    render_name_pair k = {(char *)key, NULL};
    const render_name_pair *hit = n ? bsearch(&k, p, n, sizeof *p, pair_cmp) : NULL;
    return hit != NULL ? hit->value : NULL;
}

const char *render_name(const render_names *rn, const char *name, char *buf, size_t n)
{
    const char *curated = rn != NULL ? find(rn->labels, rn->nlabels, name) : NULL;
    if (curated != NULL) {
        return curated;
    }
    size_t len = strlen(name);
    if (len < n && incmap_name_conventional(name, len, buf, n) != SIZE_MAX) {
        return buf;
    }
    return name;
}

const char *render_country_name(const render_names *rn, const char *cc)
{
    return rn != NULL && cc != NULL && cc[0] ? find(rn->countries, rn->ncountries, cc) : NULL;
}

bool rdr_label_seen(const rdr *r, const char *name, double x, double y)
{
    for (size_t k = 0; k < r->nseen; k++) {
        if (strcmp(r->seen[k].name, name) == 0 &&
            hypot(r->seen[k].x - x, r->seen[k].y - y) < RDR_SEEN_PX * r->u) {
            return true;
        }
    }
    return false;
}

void rdr_label_note(rdr *r, const char *name, double x, double y)
{
    if (r->nseen < RDR_SEEN && strlen(name) < sizeof r->seen[0].name) {
        snprintf(r->seen[r->nseen].name, sizeof r->seen[0].name, "%s", name);
        r->seen[r->nseen].x = x, r->seen[r->nseen].y = y;
        r->nseen++;
    }
}
