/* The gazetteer index writer: collects entries, names and border lines from the builder and
 * writes the binary index (layout in gzformat.h). Each name is folded and expanded into its
 * variant keys here, once, so lookups only hash and probe. Output is deterministic: entries are
 * ordered by id, keys by (hash, key), postings by (tier, entry), whatever the insertion order.
 * Hand-written because the reader is (gazetteer.c: opens in under 1 ms without GDAL, 585 ns an
 * exact lookup in bench_lookup): the format is ours, so its writer is too. */
#include "gazetteer/gzindex.h"

#include "core/vec.h"
#include "gazetteer/gzformat.h"
#include "gazetteer/gzwriter.h"
#include "text/fold.h"

#include <stdlib.h>
#include <string.h>

static const char *arena_dup(incmap_gzw *w, const char *s, size_t len)
{
    arena_block *b = w->arena;
    if (b == NULL || b->cap - b->used < len + 1) {
        size_t cap = len + 1 > (1u << 20) ? len + 1 : (1u << 20);
        arena_block *nb = malloc(sizeof *nb + cap);
        if (nb == NULL) {
            return NULL;
        }
        nb->next = b;
        nb->used = 0;
        nb->cap = cap;
        w->arena = b = nb;
    }
    char *p = b->data + b->used;
    memcpy(p, s, len);
    p[len] = '\0';
    b->used += len + 1;
    return p;
}

incmap_gzw *incmap_gzw_create(incmap_ctx *ctx)
{
    incmap_gzw *w = calloc(1, sizeof *w);
    if (w == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory creating the gazetteer index");
        return NULL;
    }
    w->ctx = ctx;
    return w;
}

void incmap_gzw_destroy(incmap_gzw *w)
{
    if (w == NULL) {
        return;
    }
    for (size_t i = 0; i < w->nentries; i++) {
        wentry *e = &w->entries[i];
        free(e->id);
        free(e->name);
        free(e->admin1);
        free(e->fcode);
        incmap_geom_destroy(e->area);
    }
    for (size_t i = 0; i < w->nborders; i++) {
        incmap_geom_destroy(w->borders[i].line);
    }
    while (w->arena != NULL) {
        arena_block *next = w->arena->next;
        free(w->arena);
        w->arena = next;
    }
    free(w->entries);
    free(w->idmap);
    free(w->names);
    free(w->borders);
    free(w);
}

static size_t idmap_slot(const incmap_gzw *w, const char *id)
{
    size_t mask = w->idmap_cap - 1;
    size_t i = (size_t)gz_hash(id, strlen(id)) & mask;
    while (w->idmap[i] >= 0 && strcmp(w->entries[w->idmap[i]].id, id) != 0) {
        i = (i + 1) & mask;
    }
    return i;
}

static bool idmap_grow(incmap_gzw *w)
{
    if (w->idmap_cap > 0 && (w->nentries + 1) * 2 <= w->idmap_cap) {
        return true;
    }
    size_t cap = w->idmap_cap > 0 ? w->idmap_cap * 2 : 1024;
    int64_t *m = malloc(cap * sizeof *m);
    if (m == NULL) {
        return false;
    }
    free(w->idmap);
    w->idmap = m;
    w->idmap_cap = cap;
    for (size_t i = 0; i < cap; i++) {
        m[i] = -1;
    }
    for (size_t k = 0; k < w->nentries; k++) {
        m[idmap_slot(w, w->entries[k].id)] = (int64_t)k;
    }
    return true;
}

int64_t incmap_gzw_find(const incmap_gzw *w, const char *id)
{
    if (w->idmap_cap == 0 || id == NULL) {
        return -1;
    }
    return w->idmap[idmap_slot(w, id)];
}

static bool dup_field(char **dst, const char *src)
{
    *dst = incmap_strdup(src != NULL ? src : "");
    return *dst != NULL;
}

static bool str_fits(const char *s)
{
    return s == NULL || strlen(s) <= INCMAP_NAME_MAX;
}

int64_t incmap_gzw_add_entry(incmap_gzw *w, const incmap_gzw_entry *e)
{
    incmap_ctx *ctx = w->ctx;
    if (e->id == NULL || e->id[0] == '\0' || e->name == NULL || e->kind < INCMAP_KIND_COUNTRY ||
        e->kind > INCMAP_KIND_SITE) {
        incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "gazetteer entry %s has no id, name or kind",
                    e->id != NULL ? e->id : "(null)");
        return -1;
    }
    if (!str_fits(e->id) || !str_fits(e->name) || !str_fits(e->admin1) ||
        !str_fits(e->feature_code)) {
        incmap_fail(ctx, INCMAP_ERR_LIMIT, "gazetteer entry %.64s has a field over %d bytes", e->id,
                    INCMAP_NAME_MAX);
        return -1;
    }
    if (e->country != NULL && strlen(e->country) > 2) {
        incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                    "gazetteer entry %s: country '%s' is not an ISO alpha-2 code", e->id,
                    e->country);
        return -1;
    }
    if (w->nentries >= GZ_MAX_ENTRIES) {
        incmap_fail(ctx, INCMAP_ERR_LIMIT, "gazetteer index is full (%zu entries)", w->nentries);
        return -1;
    }
    if (incmap_gzw_find(w, e->id) >= 0) {
        incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "duplicate gazetteer id %s", e->id);
        return -1;
    }
    if (incmap_grow((void **)&w->entries, &w->cap_entries, w->nentries + 1, sizeof *w->entries) !=
            INCMAP_OK ||
        !idmap_grow(w)) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory adding gazetteer entry %s", e->id);
        return -1;
    }
    wentry *d = &w->entries[w->nentries];
    memset(d, 0, sizeof *d);
    bool ok = dup_field(&d->id, e->id) && dup_field(&d->name, e->name) &&
              dup_field(&d->admin1, e->admin1) && dup_field(&d->fcode, e->feature_code);
    if (ok && e->area != NULL) {
        ok = (d->area = incmap_geom_clone(e->area)) != NULL;
    }
    if (!ok) {
        free(d->id);
        free(d->name);
        free(d->admin1);
        free(d->fcode);
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory adding gazetteer entry %s", e->id);
        return -1;
    }
    d->kind = e->kind;
    if (e->country != NULL) {
        memcpy(d->cc, e->country, strlen(e->country));
    }
    d->lon_deg = e->lon_deg;
    d->lat_deg = e->lat_deg;
    d->population = e->population < 0 ? -1 : e->population;
    int64_t idx = (int64_t)w->nentries++;
    w->idmap[idmap_slot(w, d->id)] = idx;
    if (incmap_gzw_add_name(w, idx, e->name, INCMAP_MATCH_EXACT) != INCMAP_OK) {
        return -1;
    }
    return idx;
}

static bool push_key(incmap_gzw *w, int64_t idx, const char *key, size_t len, incmap_match tier,
                     bool derived)
{
    if (len == 0) {
        return true;
    }
    if (incmap_grow((void **)&w->names, &w->cap_names, w->nnames + 1, sizeof *w->names) !=
        INCMAP_OK) {
        return false;
    }
    const char *k = arena_dup(w, key, len);
    if (k == NULL) {
        return false;
    }
    w->names[w->nnames++] =
        (wname){gz_hash(key, len), k, (uint32_t)len, (uint32_t)idx, (uint8_t)tier, derived};
    return true;
}

incmap_status incmap_gzw_add_name(incmap_gzw *w, int64_t idx, const char *name, incmap_match tier)
{
    incmap_ctx *ctx = w->ctx;
    if (idx < 0 || (size_t)idx >= w->nentries || name == NULL || tier > INCMAP_MATCH_TOLERANT) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "bad gazetteer name for entry %lld",
                           (long long)idx);
    }
    size_t len = strlen(name);
    if (len > INCMAP_NAME_MAX) {
        return INCMAP_OK; /* a name nobody can query (queries stop at 1 KiB): not indexed */
    }
    char key[INCMAP_FOLD_CAP(INCMAP_NAME_MAX)], strip[sizeof key], skel[sizeof key];
    size_t bad;
    if (!incmap_utf8_check(name, len, &bad)) {
        return incmap_fail(ctx, INCMAP_ERR_PARSE,
                           "name of gazetteer entry %s: invalid UTF-8 at byte %zu",
                           w->entries[idx].id, bad);
    }
    size_t klen = incmap_fold(name, len, key, sizeof key);
    bool ok = push_key(w, idx, key, klen, tier, false);
    if (tier != INCMAP_MATCH_DEMONYM && klen > 0) {
        incmap_match vt = tier < INCMAP_MATCH_ALIAS ? INCMAP_MATCH_ALIAS : tier;
        size_t slen = incmap_fold_strip_articles(key, klen, strip, sizeof strip);
        if (slen != klen) {
            ok = ok && push_key(w, idx, strip, slen, vt, true);
        }
        size_t sklen = incmap_fold_skeleton(key, klen, skel, sizeof skel);
        if (sklen != klen || memcmp(skel, key, klen) != 0) {
            ok = ok && push_key(w, idx, skel, sklen, INCMAP_MATCH_VARIANT, true);
        }
        if (slen != klen) {
            sklen = incmap_fold_skeleton(strip, slen, skel, sizeof skel);
            ok = ok && push_key(w, idx, skel, sklen, INCMAP_MATCH_VARIANT, true);
        }
    }
    return ok ? INCMAP_OK
              : incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory indexing names of %s",
                            w->entries[idx].id);
}

incmap_status incmap_gzw_add_border(incmap_gzw *w, const char *cc_a, const char *cc_b,
                                    const incmap_geom *line)
{
    incmap_ctx *ctx = w->ctx;
    if (cc_a == NULL || cc_b == NULL || strlen(cc_a) != 2 || strlen(cc_b) != 2 || line == NULL ||
        strcmp(cc_a, cc_b) == 0) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "bad border %s-%s",
                           cc_a != NULL ? cc_a : "?", cc_b != NULL ? cc_b : "?");
    }
    if (strcmp(cc_a, cc_b) > 0) {
        const char *t = cc_a;
        cc_a = cc_b;
        cc_b = t;
    }
    for (size_t i = 0; i < w->nborders; i++) {
        if (strcmp(w->borders[i].a, cc_a) == 0 && strcmp(w->borders[i].b, cc_b) == 0) {
            return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "border %s-%s added twice", cc_a, cc_b);
        }
    }
    if (incmap_grow((void **)&w->borders, &w->cap_borders, w->nborders + 1, sizeof *w->borders) !=
        INCMAP_OK) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory adding border %s-%s", cc_a, cc_b);
    }
    wborder *b = &w->borders[w->nborders];
    memset(b, 0, sizeof *b);
    memcpy(b->a, cc_a, 2);
    memcpy(b->b, cc_b, 2);
    if ((b->line = incmap_geom_clone(line)) == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory adding border %s-%s", cc_a, cc_b);
    }
    w->nborders++;
    return INCMAP_OK;
}
