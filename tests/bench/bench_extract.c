/* Extraction throughput on one core, in process: reports/second over a batch of ~2 KB reports
 * (fixture reports glued to ~2 KB, or the files given), and resident memory before and after, to
 * show it does not grow with the number of reports processed.
 * usage: bench_extract [-n REPORTS] [-g GAZETTEER] [FILE...]   (default: tests/fixtures/reports) */
#include "core/core.h"
#include "incmap/extract.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_REPORTS 4096

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long rss_kb(void)
{
    long pages = 0, rss = 0;
    FILE *fp = fopen("/proc/self/statm", "r");
    if (fp == NULL) {
        return -1;
    }
    if (fscanf(fp, "%ld %ld", &pages, &rss) != 2) {
        rss = -1;
    }
    fclose(fp);
    return rss < 0 ? -1 : rss * (sysconf(_SC_PAGESIZE) / 1024);
}

typedef struct {
    char *text[MAX_REPORTS];
    size_t len[MAX_REPORTS];
    size_t n;
} batch;

static void add_text(batch *b, char *text, size_t len)
{
    if (b->n < MAX_REPORTS) {
        b->text[b->n] = text;
        b->len[b->n++] = len;
    } else {
        free(text);
    }
}

/* Glues short texts into reports of about 2 KB, the size the requirement names. */
static void glue(batch *b, char **texts, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t len = 0, j = i;
        char *r = NULL;
        while (j < n && len < 2000) {
            size_t tl = strlen(texts[j]);
            char *nr = realloc(r, len + tl + 2);
            if (nr == NULL) {
                break;
            }
            r = nr;
            memcpy(r + len, texts[j], tl);
            len += tl;
            r[len++] = '\n';
            r[len] = '\0';
            j++;
        }
        if (r != NULL) {
            add_text(b, r, len);
        }
        i = j > i ? j : i + 1;
    }
}

int main(int argc, char **argv)
{
    long total = 2000;
    const char *gpath = NULL;
    int opt;
    while ((opt = getopt(argc, argv, "n:g:")) != -1) {
        if (opt == 'n') {
            total = strtol(optarg, NULL, 10);
        } else if (opt == 'g') {
            gpath = optarg;
        } else {
            fprintf(stderr, "usage: bench_extract [-n REPORTS] [-g GAZETTEER] [FILE...]\n");
            return 2;
        }
    }
    incmap_ctx *ctx = incmap_ctx_create();
    char *texts[MAX_REPORTS];
    size_t nt = 0;
    char path[4096];
    if (optind < argc) {
        for (int i = optind; i < argc && nt < MAX_REPORTS; i++) {
            size_t len;
            if (incmap_read_file(ctx, argv[i], INCMAP_TEXT_MAX_BYTES, &texts[nt], &len) ==
                INCMAP_OK) {
                nt++;
            }
        }
    } else {
        const char *fx = getenv("INCMAP_FIXTURES");
        snprintf(path, sizeof path, "%s/reports", fx != NULL ? fx : "tests/fixtures");
        DIR *d = opendir(path);
        for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL && nt < MAX_REPORTS;) {
            size_t len, nl = strlen(e->d_name);
            char fp[4400];
            if (nl < 4 || strcmp(e->d_name + nl - 4, ".txt") != 0) {
                continue;
            }
            snprintf(fp, sizeof fp, "%s/%s", path, e->d_name);
            if (incmap_read_file(ctx, fp, INCMAP_TEXT_MAX_BYTES, &texts[nt], &len) == INCMAP_OK) {
                nt++;
            }
        }
        if (d != NULL) {
            closedir(d);
        }
    }
    if (nt == 0) {
        fprintf(stderr, "bench_extract: no report texts (give files or set INCMAP_FIXTURES)\n");
        return 1;
    }
    batch b = {{NULL}, {0}, 0};
    if (optind < argc) {
        for (size_t i = 0; i < nt; i++) {
            add_text(&b, texts[i], strlen(texts[i]));
        }
    } else {
        /* rotate the fixtures so every glued report differs */
        char *rot[MAX_REPORTS];
        for (size_t k = 0; k < nt; k++) {
            for (size_t i = 0; i < nt; i++) {
                rot[i] = texts[(i + k) % nt];
            }
            glue(&b, rot, nt);
        }
        for (size_t i = 0; i < nt; i++) {
            free(texts[i]);
        }
    }
    incmap_gazetteer *gz =
        incmap_gazetteer_open(ctx, gpath != NULL ? gpath : incmap_gazetteer_default_path());
    if (gz == NULL) {
        fprintf(stderr, "bench_extract: %s\n", incmap_ctx_message(ctx));
        return 1;
    }
    size_t bytes = 0;
    for (size_t i = 0; i < b.n; i++) {
        bytes += b.len[i];
    }
    incmap_extract_opts o = incmap_extract_opts_default();
    o.pub_date = "2024-04-22";
    /* warm-up: page in the index, load PROJ once */
    size_t features = 0;
    for (size_t i = 0; i < b.n * 2 && i < 200; i++) {
        incmap_incidents *inc = incmap_extract(gz, ctx, b.text[i % b.n], b.len[i % b.n], &o);
        incmap_incidents_destroy(inc);
    }
    long rss0 = rss_kb(), rss_at[4] = {0, 0, 0, 0};
    size_t nrss = 0;
    double t0 = now_s(), c0 = cpu_s();
    for (long i = 0; i < total; i++) {
        incmap_incidents *inc =
            incmap_extract(gz, ctx, b.text[i % (long)b.n], b.len[i % (long)b.n], &o);
        if (inc == NULL) {
            fprintf(stderr, "bench_extract: %s\n", incmap_ctx_message(ctx));
            return 1;
        }
        features += incmap_incidents_feature_count(inc);
        incmap_incidents_destroy(inc);
        if ((i + 1) % (total / 4 > 0 ? total / 4 : 1) == 0) {
            rss_at[nrss++ % 4] = rss_kb(); /* growth would show as a rising series */
        }
    }
    double wall = now_s() - t0, cpu = cpu_s() - c0;
    long rss1 = rss_kb();
    printf("bench_extract: %ld reports (%zu distinct, mean %.0f bytes), %zu features\n", total, b.n,
           (double)bytes / (double)b.n, features);
    printf("  wall %.3f s, cpu %.3f s: %.0f reports/s (cpu), %.3f ms/report, %.2f MB/s\n", wall,
           cpu, (double)total / cpu, 1000.0 * cpu / (double)total,
           (double)bytes / (double)b.n * (double)total / cpu / 1e6);
    printf(
        "  RSS after warm-up %ld KB, after %ld reports %ld KB (%+ld KB); at each quarter: %ld %ld "
        "%ld %ld KB\n",
        rss0, total, rss1, rss1 - rss0, rss_at[0], rss_at[1], rss_at[2], rss_at[3]);
    for (size_t i = 0; i < b.n; i++) {
        free(b.text[i]);
    }
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
    return 0;
}
