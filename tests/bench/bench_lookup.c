/* Benchmark (not a test): in-process gazetteer lookups per second on one core.
 * usage: bench_lookup [GAZETTEER] [--names N] [--seconds S]
 * Opens the gazetteer (default: $INCMAP_GAZETTEER or the built-in default), takes N real display
 * names spread evenly over its entries, and looks them up round-robin with the default options
 * (limit 10, tolerant) for S seconds. Prints the open time, the first lookup (which checks the
 * checksums of the blocks it reads), lookups per second, how many of the names found their own
 * entry first, and what checking every block of the index costs (what a full check at open would
 * add to every command).
 * Then reverse geocoding: the first incmap_gazetteer_nearest and _containing (which build their
 * in-memory indexes), and --at-points P (default 10,000) random points on land (uniform on the
 * sphere, kept when a country contains them; fixed seed), each answered as `incmap lookup --at`
 * does: the 10 nearest places and the containing admin-1 and country. */
#include "gazetteer/gzread.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this process: on a shared machine, what one core delivers is lookups per CPU
 * second; wall time also counts the time other processes held the core. */
static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double uniform(uint64_t *state)
{
    *state ^= *state << 13, *state ^= *state >> 7, *state ^= *state << 17; /* xorshift64 */
    return (double)(*state >> 11) / 9007199254740992.0;
}

static void bench_reverse(const incmap_gazetteer *gz, incmap_ctx *ctx, size_t want)
{
    incmap_nearby nb[10];
    incmap_containing in;
    size_t n = 0, tries = 0;
    double t0 = now_s();
    incmap_gazetteer_nearest(gz, ctx, (incmap_lonlat){44.4, 33.3}, INCMAP_KIND_ANY, nb, 10, &n);
    double t_near = now_s() - t0;
    t0 = now_s();
    incmap_gazetteer_containing(gz, ctx, (incmap_lonlat){44.4, 33.3}, &in);
    double t_in = now_s() - t0;
    printf("reverse: first nearest %.1f ms (builds the grid of places, loads PROJ), first "
           "containing %.1f ms (builds the grid of areas)\n",
           t_near * 1e3, t_in * 1e3);
    incmap_lonlat *pts = malloc((want + 1) * sizeof *pts);
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    for (size_t k = 0; k < want && tries < 100 * want; tries++) {
        incmap_lonlat p = {360.0 * uniform(&seed) - 180.0,
                           asin(2.0 * uniform(&seed) - 1.0) * 180.0 / M_PI};
        if (incmap_gazetteer_containing(gz, ctx, p, &in) == INCMAP_OK && in.country != NULL) {
            pts[k++] = p;
        }
        n = k;
    }
    size_t found = n;
    double cpu[3], wall[3]; /* nearest and containing; nearest alone; containing alone */
    for (int pass = 0; pass < 3; pass++) {
        double c0 = cpu_s(), w0 = now_s();
        for (size_t k = 0; k < found; k++) {
            size_t m;
            if ((pass != 2 && incmap_gazetteer_nearest(gz, ctx, pts[k], INCMAP_KIND_ANY, nb, 10,
                                                       &m) != INCMAP_OK) ||
                (pass != 1 && incmap_gazetteer_containing(gz, ctx, pts[k], &in) != INCMAP_OK)) {
                fprintf(stderr, "bench_lookup: %s\n", incmap_ctx_message(ctx));
                break;
            }
        }
        cpu[pass] = cpu_s() - c0, wall[pass] = now_s() - w0;
    }
    printf("reverse: %zu random land points (of %zu tried): 10 nearest + containing in %.3f s "
           "wall = %.0f points/s (%.1f us each); per CPU second %.0f points/s (%.1f us each)\n",
           found, tries, wall[0], (double)found / wall[0], wall[0] / (double)found * 1e6,
           (double)found / cpu[0], cpu[0] / (double)found * 1e6);
    printf("reverse: CPU per point: 10 nearest alone %.1f us, containing alone %.1f us\n",
           cpu[1] / (double)found * 1e6, cpu[2] / (double)found * 1e6);
    free(pts);
}

int main(int argc, char **argv)
{
    const char *path = NULL;
    size_t want = 100000, at_points = 10000;
    double seconds = 2.0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--names") == 0 && i + 1 < argc) {
            want = (size_t)strtoul(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--at-points") == 0 && i + 1 < argc) {
            at_points = (size_t)strtoul(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
            seconds = strtod(argv[++i], NULL);
        } else {
            path = argv[i];
        }
    }
    if (path == NULL) {
        path = incmap_gazetteer_default_path();
    }
    incmap_ctx *ctx = incmap_ctx_create();
    double t0 = now_s();
    incmap_gazetteer *gz = incmap_gazetteer_open(ctx, path);
    double t_open = now_s() - t0;
    if (gz == NULL) {
        fprintf(stderr, "bench_lookup: %s\n", incmap_ctx_message(ctx));
        incmap_ctx_destroy(ctx);
        return 1;
    }
    t0 = now_s();
    incmap_candidates_destroy(incmap_gazetteer_lookup(gz, ctx, "Mosul", 5, NULL));
    double t_first = now_s() - t0;
    size_t count = incmap_gazetteer_count(gz);
    want = want < count ? want : count;
    if (want == 0) {
        fprintf(stderr, "bench_lookup: empty gazetteer\n");
        return 1;
    }
    const char **names = malloc(want * sizeof *names);
    const incmap_place **self = malloc(want * sizeof *self);
    size_t *lens = malloc(want * sizeof *lens);
    for (size_t i = 0; i < want; i++) {
        const gz_rec *r = incmap_gz_entry(gz, (uint32_t)(i * (count / want)));
        self[i] = (const incmap_place *)r;
        names[i] = r != NULL ? incmap_place_name(self[i]) : "";
        lens[i] = strlen(names[i]);
    }
    incmap_lookup_opts o = incmap_lookup_opts_default();
    size_t found_self = 0, found_any = 0, total_cands = 0;
    for (size_t i = 0; i < want; i++) { /* warm-up pass; also checks the answers */
        incmap_candidates *c = incmap_gazetteer_lookup(gz, ctx, names[i], lens[i], &o);
        size_t n = incmap_candidates_count(c);
        found_any += n > 0;
        total_cands += n;
        for (size_t k = 0; k < n; k++) {
            if (incmap_candidates_place(c, k) == self[i]) {
                found_self++;
                break;
            }
        }
        incmap_candidates_destroy(c);
    }
    size_t done = 0;
    t0 = now_s();
    double c0 = cpu_s();
    double elapsed = 0;
    while (elapsed < seconds) {
        for (size_t i = 0; i < want; i++) {
            incmap_candidates_destroy(incmap_gazetteer_lookup(gz, ctx, names[i], lens[i], &o));
        }
        done += want;
        elapsed = now_s() - t0;
    }
    double cpu = cpu_s() - c0;
    t0 = now_s();
    bool all_ok = incmap_gz_verify_blocks(gz, 0, gz->nblocks - 1);
    double t_all = now_s() - t0;
    printf("gazetteer: %s (%zu entries), open %.3f ms, first lookup %.3f ms\n", path, count,
           t_open * 1e3, t_first * 1e3);
    printf("names: %zu, found: %zu, own entry among candidates: %zu, mean candidates %.2f\n", want,
           found_any, found_self, (double)total_cands / (double)want);
    printf("lookups: %zu in %.3f s wall = %.0f lookups/s (%.0f ns each)\n", done, elapsed,
           (double)done / elapsed, elapsed / (double)done * 1e9);
    printf("per CPU second (one core): %.0f lookups/s (%.0f ns each)\n", (double)done / cpu,
           cpu / (double)done * 1e9);
    printf("checking the rest of the %llu blocks of %llu bytes: %.1f ms (%s); a check of all at "
           "open would cost about this much more, warm\n",
           (unsigned long long)gz->nblocks, 1ull << gz->block_shift, t_all * 1e3,
           all_ok ? "all good" : "DAMAGED");
    free(names);
    free(self);
    free(lens);
    bench_reverse(gz, ctx, at_points);
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
    return 0;
}
