/* Lookups over the incidents that the view and the drawing passes repeat for every feature:
 * the feature of an incident with a given role, the features of an incident, and whether a
 * context mention is drawn. Built once per view in O(n log n) (sorted arrays and binary search),
 * so that 480,000 features cost seconds, not the hours a scan per feature did. */
#include "render/render_internal.h"

#include <stdlib.h>
#include <string.h>

static int cmp_by_id(const void *a, const void *b)
{
    const view_ref *x = a, *y = b;
    if (x->incident != y->incident) {
        return x->incident < y->incident ? -1 : 1;
    }
    return x->i < y->i ? -1 : x->i > y->i;
}

static int cmp_by_role(const void *a, const void *b)
{
    const view_ref *x = a, *y = b;
    if (x->incident != y->incident) {
        return x->incident < y->incident ? -1 : 1;
    }
    if (x->role != y->role) {
        return x->role < y->role ? -1 : 1;
    }
    return x->i < y->i ? -1 : x->i > y->i;
}

incmap_status view_index_build(incmap_ctx *ctx, incmap_render_view *v, const incmap_incidents *inc)
{
    size_t n = incmap_incidents_feature_count(inc);
    v->nfeat = n;
    v->by_id = malloc((n ? n : 1) * sizeof *v->by_id);
    v->by_role = malloc((n ? n : 1) * sizeof *v->by_role);
    v->mention_vis = calloc(n ? n : 1, 1);
    if (v->by_id == NULL || v->by_role == NULL || v->mention_vis == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory indexing %zu features", n);
    }
    for (size_t i = 0; i < n; i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        v->by_id[i] = (view_ref){f->incident, (int)f->role, i};
    }
    memcpy(v->by_role, v->by_id, n * sizeof *v->by_id);
    qsort(v->by_id, n, sizeof *v->by_id, cmp_by_id);
    qsort(v->by_role, n, sizeof *v->by_role, cmp_by_role);
    return INCMAP_OK;
}

/* First position in a (sorted by cmp) of an entry not below key. */
static size_t lower_bound(const view_ref *a, size_t n, const view_ref *key,
                          int (*cmp)(const void *, const void *))
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp(&a[mid], key) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

const incmap_feature *view_find_role(const incmap_render_view *v, const incmap_incidents *inc,
                                     int id, incmap_role role)
{
    view_ref key = {id, (int)role, 0};
    size_t k = lower_bound(v->by_role, v->nfeat, &key, cmp_by_role);
    if (k < v->nfeat && v->by_role[k].incident == id && v->by_role[k].role == (int)role) {
        return incmap_incidents_feature(inc, v->by_role[k].i);
    }
    return NULL;
}

size_t view_incident_first(const incmap_render_view *v, int id)
{
    view_ref key = {id, 0, 0};
    return lower_bound(v->by_id, v->nfeat, &key, cmp_by_id);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

incmap_status view_index_mentions(incmap_ctx *ctx, incmap_render_view *v,
                                  const incmap_incidents *inc)
{
    size_t n = v->nfeat, nnames = 0;
    const char **names = malloc((n ? n : 1) * sizeof *names);
    if (names == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory indexing %zu features", n);
    }
    for (size_t i = 0; i < n; i++) { /* the names a role already shows */
        const incmap_feature *g = incmap_incidents_feature(inc, i);
        if (g->role != INCMAP_ROLE_MENTION && g->name != NULL) {
            names[nnames++] = g->name;
        }
    }
    qsort(names, nnames, sizeof *names, cmp_str);
    memset(v->mention_vis, 0, n); /* called again when the frame changes */
    for (size_t i = 0; i < n; i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        double x, y;
        if (f->role != INCMAP_ROLE_MENTION || f->geom->type != INCMAP_GEOM_POINT ||
            f->geom->npoints == 0 || !view_ll_to_px(v, f->geom->xy[0], f->geom->xy[1], &x, &y) ||
            x < v->frame[0] || x > v->frame[2] || y < v->frame[1] || y > v->frame[3]) {
            continue;
        }
        v->mention_vis[i] =
            f->name == NULL || bsearch(&f->name, names, nnames, sizeof *names, cmp_str) == NULL;
    }
    free(names);
    return INCMAP_OK;
}

bool view_mention_visible(const incmap_render_view *v, size_t i)
{
    return i < v->nfeat && v->mention_vis[i];
}

void view_index_free(incmap_render_view *v)
{
    free(v->by_id);
    free(v->by_role);
    free(v->mention_vis);
}
