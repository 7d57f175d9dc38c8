/* GeoJSON stage, the reader's bookkeeping: the JSON path of the member being read ("features[3].
 * geometry.coordinates[0][5]") and the one-line messages that name it. Shared by geojson_read.c
 * (features, properties) and geojson_read_geom.c (geometries). The writer uses the quoting too. */
#include "geojson/geojson_int.h"
#include "text/fold.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

static size_t append_path(gj_reader *r, const char *text, size_t n)
{
    size_t old = r->plen;
    n = n < sizeof r->path - 1 - old ? n : sizeof r->path - 1 - old; /* truncate, never overflow */
    memcpy(r->path + old, text, n);
    r->plen = old + n;
    r->path[r->plen] = '\0';
    return old;
}

size_t incmap_gjr_push_key(gj_reader *r, const char *key)
{
    size_t old = r->plen;
    if (old > 0) {
        append_path(r, ".", 1);
    }
    append_path(r, key, strlen(key));
    return old;
}

size_t incmap_gjr_push_index(gj_reader *r, size_t i)
{
    char buf[24];
    size_t n = sizeof buf;
    buf[--n] = ']';
    do {
        buf[--n] = (char)('0' + i % 10);
        i /= 10;
    } while (i > 0);
    buf[--n] = '[';
    return append_path(r, buf + n, sizeof buf - n);
}

void incmap_gjr_pop(gj_reader *r, size_t len)
{
    r->plen = len;
    r->path[len] = '\0';
}

incmap_status incmap_gjr_fail(gj_reader *r, incmap_status st, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return incmap_fail(r->ctx, st, "%s: %s%s%s", r->name, r->path, r->plen > 0 ? ": " : "", msg);
}

incmap_status incmap_gjr_nomem(gj_reader *r)
{
    return incmap_fail(r->ctx, INCMAP_ERR_NOMEM, "out of memory reading %s", r->name);
}

const char *incmap_gjr_type(const cJSON *v)
{
    return cJSON_IsNull(v)     ? "null"
           : cJSON_IsBool(v)   ? "boolean"
           : cJSON_IsNumber(v) ? "number"
           : cJSON_IsString(v) ? "string"
           : cJSON_IsArray(v)  ? "array"
           : cJSON_IsObject(v) ? "object"
                               : "invalid value";
}

const char *incmap_gjr_quote(const char *s, char out[48])
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len && n < 40;) {
        size_t bad = 0, k = 1;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) { /* the length of this sequence if it is valid, else 1 */
            k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            k = i + k <= len && incmap_utf8_check(s + i, k, &bad) ? k : 1;
        }
        if (n + k > 40) {
            break;
        }
        if (k == 1 && (c < 0x20 || c >= 0x7F)) {
            out[n++] = '?';
        } else {
            memcpy(out + n, s + i, k);
            n += k;
        }
        i += k;
    }
    out[n] = '\0';
    return out;
}

const cJSON *incmap_gjr_member(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}
