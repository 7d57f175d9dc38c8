/* Accuracy floor of the incident roles: runs incmap_extract on the short reports of
 * tests/fixtures/accuracy/ (written for this test in the project's own words) on the default
 * gazetteer and scores them against their gold lines, so a change that loses roles fails ctest.
 *
 * A report file starts with gold lines, then a blank line, then the report:
 *   @date YYYY-MM-DD        publication date
 *   @launch TEXT CC         a launch feature whose text (as written) or name is TEXT, country CC
 *   @target TEXT CC         a target (or site) feature likewise
 *   @site TEXT CC           a site (or target) feature likewise
 *   @border AA BB           a border feature between AA and BB (either order)
 *   @ok TEXT CC             a role that is neither wanted nor wrong (a region around a target)
 *   @none TEXT [CC]         a place that must not get a role (context, metonym, namesake)
 * Found: the gold roles matched. False: any launch/target/site/border feature no gold line
 * allows (launches only by @launch). Usage: real_accuracy DIR MIN_FOUND_PERCENT MAX_FALSE; exit 1
 * when found < MIN_FOUND_PERCENT or false > MAX_FALSE, each miss and false role on one line. */
#define _POSIX_C_SOURCE 200809L /* strdup, opendir */
#include "core/core.h"
#include "incmap/incmap.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_GOLD 32

typedef struct {
    char kind[8];
    char text[96];
    char cc[3];
} gold;

typedef struct {
    char date[11];
    gold g[MAX_GOLD];
    size_t n;
    const char *body;
} report;

/* Parses the gold lines of TEXT (modified in place); false on a malformed line. */
static bool parse(char *text, report *r, const char *file)
{
    memset(r, 0, sizeof *r);
    char *p = text;
    while (*p == '@') {
        char *nl = strchr(p, '\n');
        if (nl == NULL) {
            break;
        }
        *nl = '\0';
        char *sp = strchr(p, ' ');
        if (sp == NULL || sp - p - 1 >= (long)sizeof r->g[0].kind || r->n >= MAX_GOLD) {
            fprintf(stderr, "%s: bad gold line '%s'\n", file, p);
            return false;
        }
        if (strncmp(p, "@date ", 6) == 0) {
            snprintf(r->date, sizeof r->date, "%s", sp + 1);
        } else {
            gold *g = &r->g[r->n++];
            memcpy(g->kind, p + 1, (size_t)(sp - p - 1));
            char *rest = sp + 1, *last = strrchr(rest, ' ');
            /* the last word is the country when it is two capitals (a border names two) */
            if (strcmp(g->kind, "border") != 0 && last != NULL && strlen(last + 1) == 2 &&
                last[1] >= 'A' && last[1] <= 'Z' && last[2] >= 'A' && last[2] <= 'Z') {
                memcpy(g->cc, last + 1, 2);
                *last = '\0';
            }
            snprintf(g->text, sizeof g->text, "%s", rest);
        }
        p = nl + 1;
    }
    while (*p == '\n') {
        p++;
    }
    r->body = p;
    return r->date[0] != '\0';
}

static bool same_place(const incmap_feature *f, const gold *g)
{
    bool text = (f->text != NULL && strcasecmp(f->text, g->text) == 0) ||
                (f->name != NULL && strcasecmp(f->name, g->text) == 0);
    return text && (g->cc[0] == '\0' || (f->country != NULL && strcmp(f->country, g->cc) == 0));
}

static bool border_is(const incmap_feature *f, const char *pair)
{
    char a[3] = {pair[0], pair[1], 0}, b[3] = {pair[3], pair[4], 0}, ab[16], ba[16];
    snprintf(ab, sizeof ab, "border:%s-%s", a, b);
    snprintf(ba, sizeof ba, "border:%s-%s", b, a);
    return f->gazetteer_id != NULL &&
           (strcmp(f->gazetteer_id, ab) == 0 || strcmp(f->gazetteer_id, ba) == 0);
}

/* Does feature F fill gold G? Targets and sites stand for each other. */
static bool fills(const incmap_feature *f, const gold *g)
{
    if (strcmp(g->kind, "border") == 0) {
        return f->role == INCMAP_ROLE_BORDER && border_is(f, g->text);
    }
    bool hit = f->role == INCMAP_ROLE_TARGET || f->role == INCMAP_ROLE_SITE;
    if (strcmp(g->kind, "launch") == 0) {
        return f->role == INCMAP_ROLE_LAUNCH && same_place(f, g);
    }
    if (strcmp(g->kind, "ok") == 0) {
        return f->role != INCMAP_ROLE_MENTION && same_place(f, g);
    }
    return (strcmp(g->kind, "target") == 0 || strcmp(g->kind, "site") == 0) && hit &&
           same_place(f, g);
}

static void score(incmap_gazetteer *gz, incmap_ctx *ctx, const char *name, const report *r,
                  size_t *found, size_t *wanted, size_t *false_roles)
{
    incmap_extract_opts o = incmap_extract_opts_default();
    o.pub_date = r->date;
    incmap_incidents *inc = incmap_extract(gz, ctx, r->body, strlen(r->body), &o);
    if (inc == NULL) {
        printf("%s: extraction failed: %s\n", name, incmap_ctx_message(ctx));
        incmap_ctx_clear(ctx);
        for (size_t k = 0; k < r->n; k++) {
            *wanted += strcmp(r->g[k].kind, "none") != 0 && strcmp(r->g[k].kind, "ok") != 0;
        }
        return;
    }
    size_t nf = incmap_incidents_feature_count(inc);
    for (size_t k = 0; k < r->n; k++) {
        const gold *g = &r->g[k];
        if (strcmp(g->kind, "none") == 0 || strcmp(g->kind, "ok") == 0) {
            continue;
        }
        (*wanted)++;
        bool ok = false;
        for (size_t i = 0; i < nf && !ok; i++) {
            ok = fills(incmap_incidents_feature(inc, i), g);
        }
        if (ok) {
            (*found)++;
        } else {
            printf("%s: missed %s %s %s\n", name, g->kind, g->text, g->cc);
        }
    }
    for (size_t i = 0; i < nf; i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        if (f->role == INCMAP_ROLE_MENTION) {
            continue;
        }
        bool allowed = false;
        for (size_t k = 0; k < r->n && !allowed; k++) {
            allowed = fills(f, &r->g[k]);
        }
        if (!allowed) {
            (*false_roles)++;
            printf("%s: false %s %s (%s, %s)\n", name, incmap_role_str(f->role),
                   f->text != NULL ? f->text : f->name, f->name,
                   f->country != NULL ? f->country : "-");
        }
    }
    incmap_incidents_destroy(inc);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: real_accuracy DIR MIN_FOUND_PERCENT MAX_FALSE\n");
        return 2;
    }
    const char *gzpath = getenv("INCMAP_TEST_GAZETTEER");
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_gazetteer *gz =
        gzpath != NULL && gzpath[0] != '\0' ? incmap_gazetteer_open(ctx, gzpath) : NULL;
    if (gz == NULL) {
        fprintf(stderr,
                "FAIL: the accuracy floor needs the default gazetteer, missing at '%s' "
                "(INCMAP_TEST_GAZETTEER); build it: gazetteer/fetch-sources build/sources && "
                "incmap gazetteer build\n",
                gzpath != NULL ? gzpath : "");
        incmap_ctx_destroy(ctx);
        return 1;
    }
    DIR *d = opendir(argv[1]);
    if (d == NULL) {
        fprintf(stderr, "FAIL: cannot open %s\n", argv[1]);
        return 1;
    }
    char *names[256];
    size_t nn = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL && nn < 256;) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) {
            names[nn++] = strdup(e->d_name);
        }
    }
    closedir(d);
    qsort(names, nn, sizeof names[0], by_name);
    size_t found = 0, wanted = 0, false_roles = 0;
    int rc = 0;
    for (size_t i = 0; i < nn; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], names[i]);
        char *text = NULL;
        size_t len = 0;
        report r;
        if (incmap_read_file(ctx, path, INCMAP_TEXT_MAX_BYTES, &text, &len) != INCMAP_OK ||
            !parse(text, &r, path)) {
            fprintf(stderr, "FAIL: %s: unreadable or no @date\n", path);
            rc = 1;
        } else {
            score(gz, ctx, names[i], &r, &found, &wanted, &false_roles);
        }
        free(text);
        free(names[i]);
    }
    double pct = wanted > 0 ? 100.0 * (double)found / (double)wanted : 0;
    double min_pct = atof(argv[2]);
    long max_false = atol(argv[3]);
    printf("accuracy: %zu reports, roles found %zu/%zu = %.1f%% (floor %.1f%%), false roles %zu "
           "(ceiling %ld)\n",
           nn, found, wanted, pct, min_pct, false_roles, max_false);
    if (nn < 30 || pct < min_pct || (long)false_roles > max_false) {
        rc = 1;
    }
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
    return rc;
}
