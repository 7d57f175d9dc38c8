/* The reports of a batch, one at a time in input order: files as given, a directory's report
 * files sorted by name, and JSON Lines (a file or standard input) read a line at a time, so a
 * stream of any length is read in bounded memory. */
#include "cli/batch.h"
#include "core/core.h"
#include "core/vec.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* A JSON Lines line may hold the largest report escaped (\n, \", \u00e9 ...): twice the text
 * limit leaves room for the escapes of any real report. Longer lines are skipped unread. */
#define LINE_MAX_BYTES (2 * (size_t)INCMAP_TEXT_MAX_BYTES + 4096)

typedef struct {
    char *path; /* as given, or DIR/NAME */
    char *name; /* the report's name: the file name without its directory */
    bool jsonl;
} source;

struct batch_input {
    const struct incmap_cli *cli;
    incmap_ctx *ctx; /* for reading files */
    source *src;
    size_t nsrc, cap, next, skipped;
    FILE *fp; /* the JSON Lines file being read, or NULL */
    const char *shown;
    size_t line;
    char *buf;
    size_t bufcap;
    /* a 64-bit hash of every report name so far, for duplicate ids: 8 bytes a report, an open
     * addressing table kept at most half full */
    uint64_t *seen;
    size_t nseen, seencap;
};

void batch_item_clear(batch_item *it)
{
    free(it->name);
    free(it->where);
    free(it->text);
    free(it->date);
    free(it->error);
    memset(it, 0, sizeof *it);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcasecmp(s + n - k, suffix) == 0;
}

static bool is_jsonl_name(const char *s)
{
    return ends_with(s, ".jsonl") || ends_with(s, ".ndjson");
}

static bool add_source(batch_input *in, const char *path, const char *name, bool jsonl)
{
    if (incmap_grow((void **)&in->src, &in->cap, in->nsrc + 1, sizeof *in->src) != INCMAP_OK) {
        return false;
    }
    source *s = &in->src[in->nsrc];
    s->path = incmap_strdup(path);
    s->name = incmap_strdup(name);
    s->jsonl = jsonl;
    if (s->path == NULL || s->name == NULL) {
        free(s->path);
        free(s->name);
        return false;
    }
    in->nsrc++;
    return true;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name); /* bytes, whatever the locale */
}

/* A directory's report files, sorted; false only when out of memory. */
static bool add_dir(batch_input *in, const char *dir, bool jsonl, int *errors)
{
    struct dirent **list = NULL;
    int n = scandir(dir, &list, NULL, by_name);
    if (n < 0) {
        cli_error(in->cli, "cannot read directory %s: %s", dir, strerror(errno));
        (*errors)++;
        return true;
    }
    bool ok = true;
    size_t before = in->nsrc;
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        char path[4096];
        struct stat st;
        bool fits = (size_t)snprintf(path, sizeof path, "%s%s%s", dir,
                                     dir[strlen(dir) - 1] == '/' ? "" : "/", name) < sizeof path;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
            /* not entries of the directory's own */
        } else if (name[0] == '.') {
            /* hidden: .git, editor swap files; not worth a warning */
        } else if (!fits || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
                   !(ends_with(name, ".txt") || is_jsonl_name(name))) {
            in->skipped++;
        } else if (ok) {
            ok = add_source(in, path, name, jsonl || is_jsonl_name(name));
        }
        free(list[i]);
    }
    free(list);
    if (ok && in->nsrc == before) {
        cli_error(in->cli, "%s has no report file (*.txt, or JSON Lines *.jsonl, *.ndjson)", dir);
        (*errors)++;
    }
    return ok;
}

static int by_report_name(const void *a, const void *b)
{
    const source *x = *(const source *const *)a, *y = *(const source *const *)b;
    return strcmp(x->name, y->name);
}

/* Two text files with one name (a/r.txt, b/r.txt) would be one report twice: refused. */
static bool unique_names(batch_input *in, int *errors)
{
    const source **v = malloc((in->nsrc + 1) * sizeof *v);
    if (v == NULL) {
        return false;
    }
    size_t n = 0;
    for (size_t i = 0; i < in->nsrc; i++) {
        if (!in->src[i].jsonl) {
            v[n++] = &in->src[i];
        }
    }
    qsort(v, n, sizeof *v, by_report_name);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(v[i - 1]->name, v[i]->name) == 0) {
            cli_error(in->cli, "%s and %s are both report '%s' (report names must be unique)",
                      v[i - 1]->path, v[i]->path, v[i]->name);
            (*errors)++;
        }
    }
    free(v);
    return true;
}

batch_input *batch_input_open(const struct incmap_cli *cli, char *const *paths, size_t npaths,
                              bool jsonl, int *errors)
{
    batch_input *in = calloc(1, sizeof *in);
    if (in == NULL || (in->ctx = incmap_ctx_create()) == NULL) {
        free(in);
        return NULL;
    }
    in->cli = cli;
    bool ok = true;
    for (size_t i = 0; i < npaths && ok; i++) {
        const char *p = paths[i];
        struct stat st;
        if (strcmp(p, "-") == 0) { /* in a batch, standard input is JSON Lines */
            ok = add_source(in, p, "-", true);
        } else if (stat(p, &st) != 0) {
            cli_error(cli, "cannot read %s: %s", p, strerror(errno));
            (*errors)++;
        } else if (S_ISDIR(st.st_mode)) {
            ok = add_dir(in, p, jsonl, errors);
        } else {
            const char *base = strrchr(p, '/');
            ok = add_source(in, p, base != NULL ? base + 1 : p, jsonl || is_jsonl_name(p));
        }
    }
    if (!ok || !unique_names(in, errors)) {
        batch_input_close(in);
        return NULL;
    }
    return in;
}

size_t batch_input_skipped(const batch_input *in)
{
    return in->skipped;
}

void batch_input_close(batch_input *in)
{
    if (in == NULL) {
        return;
    }
    if (in->fp != NULL && in->fp != stdin) {
        fclose(in->fp);
    }
    for (size_t i = 0; i < in->nsrc; i++) {
        free(in->src[i].path);
        free(in->src[i].name);
    }
    free(in->src);
    free(in->buf);
    free(in->seen);
    incmap_ctx_destroy(in->ctx);
    free(in);
}

static void set_error(batch_item *it, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_error(batch_item *it, int rc, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    free(it->text);
    it->text = NULL;
    it->error = incmap_strdup(msg);
    it->rc = rc;
}

static void read_text_file(batch_input *in, const source *s, batch_item *it)
{
    it->name = incmap_strdup(s->name);
    it->where = incmap_strdup(s->path);
    incmap_status st =
        incmap_read_file(in->ctx, s->path, INCMAP_TEXT_MAX_BYTES, &it->text, &it->len);
    if (st == INCMAP_ERR_LIMIT) {
        set_error(it, INCMAP_EXIT_INPUT, "%s is over the input limit of 16 MiB", s->path);
    } else if (st != INCMAP_OK) {
        set_error(it, cli_exit_code(st), "%s", incmap_ctx_message(in->ctx));
    }
}

/* One line into in->buf (without the newline). 1: a line; 0: end of file; -1: a line over the
 * limit (skipped to its end); -2: a read error. */
static int read_line(batch_input *in, size_t *len)
{
    size_t n = 0;
    bool over = false;
    int c;
    while ((c = getc_unlocked(in->fp)) != EOF && c != '\n') {
        if (n + 2 > in->bufcap && !over) {
            if (n + 2 > LINE_MAX_BYTES ||
                incmap_grow((void **)&in->buf, &in->bufcap, n + 2, 1) != INCMAP_OK) {
                over = true;
                continue;
            }
        }
        if (!over) {
            in->buf[n++] = (char)c;
        }
    }
    if (ferror(in->fp)) {
        return -2;
    }
    if (c == EOF && n == 0 && !over) {
        return 0;
    }
    in->line++;
    if (over) {
        return -1;
    }
    if (n > 0 && in->buf[n - 1] == '\r') {
        n--;
    }
    in->buf[n] = '\0';
    *len = n;
    return 1;
}

static uint64_t name_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s != '\0'; s++) {
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    }
    return h != 0 ? h : 1; /* 0 marks a free slot */
}

/* True when NAME was not seen before (and is now); false for a repeat. Out of memory: true (the
 * check is skipped, the report is not). */
static bool first_time(batch_input *in, const char *name)
{
    if (2 * (in->nseen + 1) > in->seencap) {
        size_t cap = in->seencap > 0 ? 2 * in->seencap : 1024;
        uint64_t *t = calloc(cap, sizeof *t);
        if (t == NULL) {
            return true;
        }
        for (size_t i = 0; i < in->seencap; i++) {
            size_t j = (size_t)in->seen[i] & (cap - 1);
            while (in->seen[i] != 0 && t[j] != 0) {
                j = (j + 1) & (cap - 1);
            }
            t[j] = in->seen[i];
        }
        free(in->seen);
        in->seen = t;
        in->seencap = cap;
    }
    uint64_t h = name_hash(name);
    size_t j = (size_t)h & (in->seencap - 1);
    for (; in->seen[j] != 0; j = (j + 1) & (in->seencap - 1)) {
        if (in->seen[j] == h) {
            return false;
        }
    }
    in->seen[j] = h;
    in->nseen++;
    return true;
}

static bool date_ok(const char *d)
{
    int y, m, day, n = 0;
    return strlen(d) == 10 && sscanf(d, "%4d-%2d-%2d%n", &y, &m, &day, &n) == 3 && n == 10 &&
           m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

/* True when LINE has a \u0000 escape (an odd number of backslashes before the 'u'): cJSON
 * would end the string there and drop the rest of the report without a word. */
static bool has_nul_escape(const char *line, size_t len)
{
    for (size_t i = 0; i + 6 <= len; i++) {
        if (line[i] == '\\' && (line[i + 1] == 'u' || line[i + 1] == 'U') &&
            strncmp(line + i + 2, "0000", 4) == 0) {
            size_t k = 0;
            while (k < i && line[i - 1 - k] == '\\') {
                k++;
            }
            if (k % 2 == 0) {
                return true;
            }
        }
    }
    return false;
}

/* A JSON Lines report into IT, or the reason it is not one. */
static void parse_line(batch_input *in, const char *line, size_t len, batch_item *it)
{
    char where[600];
    snprintf(where, sizeof where, "%s:%zu", in->shown, in->line);
    it->where = incmap_strdup(where);
    if (in->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        line += 3, len -= 3;
    }
    /* len + 1: cJSON counts the terminating NUL it is asked to require */
    cJSON *o = cJSON_ParseWithLengthOpts(line, len + 1, NULL, true);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
    cJSON *text = cJSON_GetObjectItemCaseSensitive(o, "text");
    const cJSON *date = cJSON_GetObjectItemCaseSensitive(o, "date");
    char idbuf[32];
    if (o == NULL || !cJSON_IsObject(o)) {
        set_error(it, INCMAP_EXIT_INPUT,
                  "%s: not a JSON object (want {\"id\": ..., \"text\": ...})", where);
    } else if (!(cJSON_IsString(id) && id->valuestring[0] != '\0') &&
               !(cJSON_IsNumber(id) && id->valuedouble == (double)(long long)id->valuedouble)) {
        set_error(it, INCMAP_EXIT_INPUT, "%s: \"id\" is missing or not a non-empty string", where);
    } else if (!cJSON_IsString(text)) {
        set_error(it, INCMAP_EXIT_INPUT, "%s: \"text\" is missing or not a string", where);
    } else if (has_nul_escape(line, len)) {
        set_error(it, INCMAP_EXIT_INPUT, "%s: NUL character (\\u0000) in the line", where);
    } else if (date != NULL && !cJSON_IsNull(date) &&
               !(cJSON_IsString(date) && date_ok(date->valuestring))) {
        set_error(it, INCMAP_EXIT_INPUT, "%s: \"date\" is not a date YYYY-MM-DD", where);
    } else {
        if (cJSON_IsNumber(id)) {
            snprintf(idbuf, sizeof idbuf, "%lld", (long long)id->valuedouble);
        }
        it->name = incmap_strdup(cJSON_IsNumber(id) ? idbuf : id->valuestring);
        it->date = cJSON_IsString(date) ? incmap_strdup(date->valuestring) : NULL;
        it->text = text->valuestring; /* taken over: cJSON allocates with malloc */
        text->valuestring = NULL;
        it->len = strlen(it->text);
        if (it->len > INCMAP_TEXT_MAX_BYTES) {
            set_error(it, INCMAP_EXIT_INPUT, "%s: the text is over the input limit of 16 MiB",
                      where);
        }
    }
    cJSON_Delete(o);
}

static int next_item(batch_input *in, batch_item *it);

/* Report names are the key of everything written (ids, map files): a repeated one is refused. */
int batch_input_next(batch_input *in, batch_item *it)
{
    int r = next_item(in, it);
    if (r == 1 && it->error == NULL && it->name != NULL && !first_time(in, it->name)) {
        set_error(it, INCMAP_EXIT_INPUT, "%s: report id '%s' repeats an earlier report's",
                  it->where, it->name);
    }
    return r;
}

static int next_item(batch_input *in, batch_item *it)
{
    batch_item_clear(it);
    for (;;) {
        if (in->fp != NULL) {
            size_t len = 0;
            int r = read_line(in, &len);
            if (r == 1 && len == 0) {
                continue; /* blank line */
            }
            if (r == 1) {
                parse_line(in, in->buf, len, it);
                return 1;
            }
            if (r == -1) {
                char where[600];
                snprintf(where, sizeof where, "%s:%zu", in->shown, in->line);
                it->where = incmap_strdup(where);
                set_error(it, INCMAP_EXIT_INPUT, "%s: line over the limit of %zu MiB", where,
                          LINE_MAX_BYTES >> 20);
                return 1;
            }
            if (r == -2) {
                it->where = incmap_strdup(in->shown);
                set_error(it, INCMAP_EXIT_IO, "cannot read %s: %s", in->shown, strerror(errno));
            }
            if (in->fp != stdin) {
                fclose(in->fp);
            }
            in->fp = NULL;
            if (r == -2) {
                return 1;
            }
        }
        if (in->next >= in->nsrc) {
            return 0;
        }
        const source *s = &in->src[in->next++];
        if (!s->jsonl) {
            read_text_file(in, s, it);
            return 1;
        }
        bool is_stdin = strcmp(s->path, "-") == 0;
        in->shown = is_stdin ? "standard input" : s->path;
        in->line = 0;
        in->fp = is_stdin ? stdin : fopen(s->path, "rb");
        if (in->fp == NULL) {
            it->where = incmap_strdup(s->path);
            set_error(it, INCMAP_EXIT_IO, "cannot read %s: %s", s->path, strerror(errno));
            return 1;
        }
    }
}

bool batch_file_stem(const char *name, char *out, size_t n, const char **why)
{
    size_t len = strlen(name);
    *why = NULL;
    if (len == 0 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        *why = "it is empty, \".\" or \"..\"";
    } else if (len > 200) {
        *why = "it is over 200 bytes";
    } else if (strchr(name, '/') != NULL) {
        *why = "it contains '/'";
    }
    for (size_t i = 0; i < len && *why == NULL; i++) {
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f) {
            *why = "it contains a control character";
        }
    }
    if (*why != NULL) {
        return false;
    }
    if (ends_with(name, ".txt")) {
        len -= 4;
    }
    snprintf(out, n, "%.*s", (int)len, name);
    return true;
}

batch_input *batch_input_start(const struct incmap_cli *cli, char *const *paths, size_t npaths,
                               bool jsonl, int *rc)
{
    int errors = 0;
    batch_input *in = batch_input_open(cli, paths, npaths, jsonl, &errors);
    *rc = in == NULL ? INCMAP_EXIT_FAILURE : errors > 0 ? INCMAP_EXIT_USAGE : INCMAP_EXIT_OK;
    if (in == NULL) {
        cli_error(cli, "out of memory");
    } else if (errors > 0) {
        batch_input_close(in);
        in = NULL;
    } else if (in->skipped > 0) {
        cli_warn(cli,
                 "skipped %zu directory entries that are not report files (*.txt, *.jsonl, "
                 "*.ndjson; hidden files and subdirectories are skipped)",
                 in->skipped);
    }
    return in;
}
