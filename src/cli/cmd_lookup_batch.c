/* `incmap lookup -`, `--input FILE`, `--csv FILE --column NAME|N`: many names, one row out per
 * name in (its best match, or empty columns when none), streamed: a line is read, looked up and
 * written before the next, so memory stays flat whatever the number of lines. CSV is parsed by
 * libcsv (RFC 4180, strict); the physical line of each record is tracked here for errors. */
#include "cli/lookup.h"
#include "text/fold.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* A CSV record larger than this (all fields) is refused: no name needs it, and it bounds what a
 * malformed file (a quote never closed) makes us hold. */
#define ROW_MAX_BYTES (1u << 20)
#define ROW_MAX_FIELDS 10000u

static const char *const result_cols[] = {"lon",    "lat",  "name",         "country",
                                          "admin1", "kind", "gazetteer_id", "score"};
enum { NRESULT = sizeof result_cols / sizeof result_cols[0] };

typedef struct {
    const struct lookup_args *a;
    const incmap_gazetteer *gz;
    incmap_ctx *ctx;
    const struct incmap_cli *cli;
    incmap_lookup_opts opts;
    const char *src; /* the input's name for messages */
    char **header;   /* input column names (owned) */
    size_t nheader;
    char *res_name[NRESULT]; /* output names of the result columns (owned) */
    size_t col;              /* the names' column */
    char **field;            /* the record being read (owned strings) */
    size_t nfield, cap, row_bytes;
    size_t line;        /* the physical line being read (1-) */
    size_t record_line; /* where the record being read started */
    bool between;       /* no record begun since the last ended */
    size_t rows, missing;
    int rc; /* the first failure's exit code; INCMAP_EXIT_OK while all is well */
} batch;

static void fail(batch *b, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(batch *b, int rc, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (b->rc == INCMAP_EXIT_OK) {
        cli_error(b->cli, "%s", msg);
        b->rc = rc;
    }
}

/* ---- output ---- */

static void csv_field(const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s != '\0'; s++) {
        if (*s == '"') {
            putchar('"');
        }
        putchar(*s);
    }
    putchar('"');
}

static void begin_output(batch *b)
{
    for (size_t k = 0; k < NRESULT; k++) {
        bool clash = false;
        for (size_t i = 0; i < b->nheader && !clash; i++) {
            clash = strcmp(b->header[i], result_cols[k]) == 0;
        }
        size_t n = strlen(result_cols[k]) + 8;
        if ((b->res_name[k] = malloc(n)) == NULL) {
            fail(b, INCMAP_EXIT_FAILURE, "out of memory");
            return;
        }
        /* the input keeps its columns; ours give way */
        snprintf(b->res_name[k], n, "%s%s", clash ? "incmap_" : "", result_cols[k]);
    }
    if (b->a->format == FMT_CSV) {
        for (size_t i = 0; i < b->nheader + NRESULT; i++) {
            fputs(i > 0 ? "," : "", stdout);
            csv_field(i < b->nheader ? b->header[i] : b->res_name[i - b->nheader]);
        }
        putchar('\n');
    } else if (b->a->format == FMT_JSON) {
        fputs("[", stdout);
    } else if (b->a->format == FMT_GEOJSON) {
        fputs("{\"type\":\"FeatureCollection\",\"features\":[", stdout);
    }
}

static void end_output(const batch *b)
{
    if (b->a->format == FMT_JSON) {
        fputs(b->rows > 0 ? "\n]\n" : "]\n", stdout);
    } else if (b->a->format == FMT_GEOJSON) {
        fputs(b->rows > 0 ? "\n]}\n" : "]}\n", stdout);
    }
}

/* The input fields and the result as one JSON object. */
static cJSON *row_json(const batch *b, const incmap_candidates *c)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; i < b->nheader; i++) {
        cJSON_AddStringToObject(o, b->header[i], i < b->nfield ? b->field[i] : "");
    }
    const incmap_place *p = incmap_candidates_count(c) > 0 ? incmap_candidates_place(c, 0) : NULL;
    incmap_lonlat pt = p != NULL ? incmap_place_point(p) : (incmap_lonlat){NAN, NAN};
    cJSON *v[NRESULT] = {
        p != NULL ? cJSON_CreateNumber(lookup_round(pt.lon_deg, 1e6)) : cJSON_CreateNull(),
        p != NULL ? cJSON_CreateNumber(lookup_round(pt.lat_deg, 1e6)) : cJSON_CreateNull(),
        lookup_null_or_string(p != NULL ? incmap_place_name(p) : NULL),
        lookup_null_or_string(p != NULL ? incmap_place_country(p) : NULL),
        lookup_null_or_string(p != NULL ? incmap_place_admin1(p) : NULL),
        lookup_null_or_string(p != NULL ? incmap_kind_str(incmap_place_kind(p)) : NULL),
        lookup_null_or_string(p != NULL ? incmap_place_id(p) : NULL),
        p != NULL ? cJSON_CreateNumber(lookup_round(incmap_candidates_score(c, 0), 1e4))
                  : cJSON_CreateNull()};
    for (size_t k = 0; k < NRESULT; k++) {
        cJSON_AddItemToObject(o, b->res_name[k], v[k]);
    }
    return o;
}

static void write_row(batch *b, const incmap_candidates *c)
{
    const incmap_place *p = incmap_candidates_count(c) > 0 ? incmap_candidates_place(c, 0) : NULL;
    if (b->a->format == FMT_CSV) {
        for (size_t i = 0; i < b->nheader; i++) {
            fputs(i > 0 ? "," : "", stdout);
            csv_field(i < b->nfield ? b->field[i] : "");
        }
        if (p == NULL) {
            fputs(",,,,,,,,\n", stdout);
            return;
        }
        incmap_lonlat pt = incmap_place_point(p);
        printf(",%.6f,%.6f,", pt.lon_deg, pt.lat_deg);
        const char *s[] = {incmap_place_name(p), incmap_place_country(p), incmap_place_admin1(p),
                           incmap_kind_str(incmap_place_kind(p)), incmap_place_id(p)};
        for (size_t k = 0; k < sizeof s / sizeof s[0]; k++) {
            csv_field(s[k]);
            putchar(',');
        }
        printf("%.4f\n", incmap_candidates_score(c, 0));
        return;
    }
    cJSON *o = row_json(b, c), *doc = o;
    if (b->a->format == FMT_GEOJSON) {
        doc = cJSON_CreateObject();
        cJSON_AddStringToObject(doc, "type", "Feature");
        cJSON *g = cJSON_CreateNull();
        if (p != NULL) {
            cJSON_Delete(g);
            g = cJSON_CreateObject();
            cJSON_AddStringToObject(g, "type", "Point");
            double xy[2] = {lookup_round(incmap_place_point(p).lon_deg, 1e6),
                            lookup_round(incmap_place_point(p).lat_deg, 1e6)};
            cJSON_AddItemToObject(g, "coordinates", cJSON_CreateDoubleArray(xy, 2));
        }
        cJSON_AddItemToObject(doc, "geometry", g);
        cJSON_AddItemToObject(doc, "properties", o);
    }
    char *text = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    if (text == NULL) {
        fail(b, INCMAP_EXIT_FAILURE, "out of memory formatting the result");
        return;
    }
    const char *sep = b->a->format == FMT_JSONL ? "" : b->rows > 1 ? ",\n" : "\n";
    printf("%s%s%s", sep, text, b->a->format == FMT_JSONL ? "\n" : "");
    cJSON_free(text);
}

/* ---- rows ---- */

static void clear_fields(batch *b)
{
    for (size_t i = 0; i < b->nfield; i++) {
        free(b->field[i]);
    }
    b->nfield = 0;
    b->row_bytes = 0;
}

static void add_field(batch *b, const char *s, size_t len)
{
    if (b->rc != INCMAP_EXIT_OK) {
        return;
    }
    b->row_bytes += len + 1;
    if (b->row_bytes > ROW_MAX_BYTES || b->nfield >= ROW_MAX_FIELDS) {
        fail(b, INCMAP_EXIT_INPUT, "%s: line %zu: a record over %u bytes or %u fields", b->src,
             b->record_line, ROW_MAX_BYTES, ROW_MAX_FIELDS);
        return;
    }
    if (b->nfield == b->cap) {
        size_t cap = b->cap > 0 ? 2 * b->cap : 16;
        char **f = realloc(b->field, cap * sizeof *f);
        if (f == NULL) {
            fail(b, INCMAP_EXIT_FAILURE, "out of memory");
            return;
        }
        b->field = f;
        b->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (copy == NULL) {
        fail(b, INCMAP_EXIT_FAILURE, "out of memory");
        return;
    }
    if (len > 0) {
        memcpy(copy, s, len);
    }
    copy[len] = '\0';
    b->field[b->nfield++] = copy;
}

/* The header row: which column holds the names (by name, else by number). */
static void take_header(batch *b)
{
    const char *want = b->a->column;
    char *end;
    unsigned long n = strtoul(want, &end, 10);
    b->col = SIZE_MAX;
    for (size_t i = 0; i < b->nfield && b->col == SIZE_MAX; i++) {
        b->col = strcmp(b->field[i], want) == 0 ? i : SIZE_MAX;
    }
    if (b->col == SIZE_MAX && *want >= '1' && *want <= '9' && *end == '\0' && n <= b->nfield) {
        b->col = n - 1;
    }
    if (b->col == SIZE_MAX) {
        char cols[400] = "";
        for (size_t i = 0, used = 0; i < b->nfield && used + 8 < sizeof cols; i++) {
            used += (size_t)snprintf(cols + used, sizeof cols - used, "%s%s", i > 0 ? ", " : "",
                                     b->field[i]);
        }
        fail(b, INCMAP_EXIT_USAGE, "--column '%s' is not a column of %s (its columns: %s)", want,
             b->src, cols);
        return;
    }
    b->header = b->field;
    b->nheader = b->nfield;
    b->field = NULL;
    b->nfield = b->cap = 0;
    begin_output(b);
}

static void take_row(batch *b)
{
    size_t bad;
    for (size_t i = 0; i < b->nfield; i++) {
        if (!incmap_utf8_check(b->field[i], strlen(b->field[i]), &bad)) {
            fail(b, INCMAP_EXIT_INPUT, "%s: line %zu: not valid UTF-8 (bad byte 0x%02x)", b->src,
                 b->record_line, (unsigned char)b->field[i][bad]);
            return;
        }
    }
    if (b->nfield > b->nheader) {
        fail(b, INCMAP_EXIT_INPUT, "%s: line %zu has %zu fields; the header has %zu", b->src,
             b->record_line, b->nfield, b->nheader);
        return;
    }
    const char *name = b->col < b->nfield ? b->field[b->col] : "";
    size_t len = strlen(name);
    if (len > INCMAP_NAME_MAX) {
        fail(b, INCMAP_EXIT_INPUT, "%s: line %zu: the name is %zu bytes, over the %d-byte limit",
             b->src, b->record_line, len, INCMAP_NAME_MAX);
        return;
    }
    /* an empty cell is a name not found, not an error */
    incmap_candidates *c =
        len > 0 ? incmap_gazetteer_lookup(b->gz, b->ctx, name, len, &b->opts) : NULL;
    if (c == NULL && len > 0) {
        fail(b, cli_exit_code(incmap_ctx_status(b->ctx)), "%s", incmap_ctx_message(b->ctx));
        return;
    }
    b->rows++;
    b->missing += incmap_candidates_count(c) == 0;
    write_row(b, c);
    incmap_candidates_destroy(c);
}

static void on_field(void *s, size_t len, void *data)
{
    add_field(data, s != NULL ? s : "", len);
}

static void on_record(int c, void *data)
{
    batch *b = data;
    (void)c;
    if (b->rc == INCMAP_EXIT_OK && b->header == NULL) {
        take_header(b);
    } else if (b->rc == INCMAP_EXIT_OK) {
        take_row(b);
    }
    clear_fields(b);
    b->between = true;
}

static int keep_spaces(unsigned char c)
{
    (void)c;
    return 0; /* RFC 4180: spaces are part of a field */
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') {
            return false;
        }
    }
    return true;
}

/* ---- input ---- */

static void read_csv(batch *b, FILE *in)
{
    struct csv_parser p;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        fail(b, INCMAP_EXIT_FAILURE, "out of memory");
        return;
    }
    csv_set_space_func(&p, keep_spaces);
    while (b->rc == INCMAP_EXIT_OK && (n = getline(&line, &cap, in)) > 0) {
        b->line++;
        char *s = line;
        if (b->line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3, n -= 3; /* a UTF-8 byte order mark, as spreadsheets write */
        }
        if (b->between && !blank(s, (size_t)n)) {
            b->record_line = b->line;
            b->between = false;
        }
        if (csv_parse(&p, s, (size_t)n, on_field, on_record, b) != (size_t)n &&
            b->rc == INCMAP_EXIT_OK) {
            fail(b, INCMAP_EXIT_INPUT, "%s: line %zu: malformed CSV (%s)", b->src, b->line,
                 csv_strerror(csv_error(&p)));
        }
    }
    if (b->rc == INCMAP_EXIT_OK && ferror(in)) {
        fail(b, INCMAP_EXIT_IO, "cannot read %s: %s", b->src, strerror(errno));
    }
    if (b->rc == INCMAP_EXIT_OK && csv_fini(&p, on_field, on_record, b) != 0 &&
        b->rc == INCMAP_EXIT_OK) {
        fail(b, INCMAP_EXIT_INPUT, "%s: line %zu: a quoted field is never closed", b->src,
             b->record_line);
    }
    if (b->rc == INCMAP_EXIT_OK && b->header == NULL) {
        fail(b, INCMAP_EXIT_INPUT, "%s has no header row (a CSV needs one to name --column)",
             b->src);
    }
    csv_free(&p);
    free(line);
}

static void read_names(batch *b, FILE *in)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    add_field(b, "query", 5);
    b->header = b->field; /* one column, named "query" */
    b->nheader = 1;
    b->field = NULL;
    b->nfield = b->cap = b->col = 0;
    begin_output(b);
    while (b->rc == INCMAP_EXIT_OK && (n = getline(&line, &cap, in)) > 0) {
        b->line++;
        char *s = line;
        if (b->line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3, n -= 3;
        }
        while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r')) {
            n--;
        }
        if (blank(s, (size_t)n)) {
            continue;
        }
        if (memchr(s, '\0', (size_t)n) != NULL) {
            fail(b, INCMAP_EXIT_INPUT, "%s: line %zu: a NUL byte (binary input?)", b->src, b->line);
            break;
        }
        b->record_line = b->line;
        add_field(b, s, (size_t)n);
        take_row(b);
        clear_fields(b);
    }
    if (b->rc == INCMAP_EXIT_OK && ferror(in)) {
        fail(b, INCMAP_EXIT_IO, "cannot read %s: %s", b->src, strerror(errno));
    }
    free(line);
}

int lookup_batch(const struct lookup_args *a, const incmap_gazetteer *gz, incmap_ctx *ctx,
                 const struct incmap_cli *cli)
{
    batch b = {.a = a, .gz = gz, .ctx = ctx, .cli = cli, .between = true};
    const char *path = a->csv != NULL ? a->csv : a->input != NULL ? a->input : "-";
    bool std = strcmp(path, "-") == 0;
    b.src = std ? "stdin" : path;
    b.opts = incmap_lookup_opts_default();
    b.opts.country = a->country;
    b.opts.country_filter = a->country_filter;
    b.opts.kind = a->kind;
    b.opts.limit = 1;
    FILE *in = std ? stdin : fopen(path, "r");
    if (in == NULL) {
        cli_error(cli, "cannot open %s: %s", path, strerror(errno));
        return INCMAP_EXIT_IO;
    }
    if (a->csv != NULL) {
        read_csv(&b, in);
    } else {
        read_names(&b, in);
    }
    if (b.header != NULL && b.rc == INCMAP_EXIT_OK) {
        end_output(&b);
    }
    if (!std) {
        fclose(in);
    }
    clear_fields(&b);
    free(b.field);
    for (size_t i = 0; i < b.nheader; i++) {
        free(b.header[i]);
    }
    free(b.header);
    for (size_t k = 0; k < NRESULT; k++) {
        free(b.res_name[k]);
    }
    if (b.rc == INCMAP_EXIT_OK && b.missing > 0) {
        cli_error(cli, "%zu of %zu names not found (their rows have empty columns)", b.missing,
                  b.rows);
        return INCMAP_EXIT_NOT_FOUND;
    }
    return b.rc;
}
