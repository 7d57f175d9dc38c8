/* GeoJSON stage: the JSON text the writer (geojson_write.c) appends to its buffer, character for
 * character what cJSON_PrintUnformatted printed when the writer built a cJSON tree (so files do
 * not change): strings escaped as cJSON escapes them, numbers as cJSON prints them. Formatting
 * here instead of through a tree keeps the writer's memory to one feature, not one document. */
#include "core/vec.h"
#include "geojson/geojson_int.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

bool incmap_gjw_put(gj_buf *b, const char *s, size_t n)
{
    if (b->failed || incmap_grow((void **)&b->s, &b->cap, b->len + n + 1, 1) != INCMAP_OK) {
        b->failed = true;
        return false;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return true;
}

bool incmap_gjw_puts(gj_buf *b, const char *s)
{
    return incmap_gjw_put(b, s, strlen(s));
}

/* cJSON's print_string_ptr: '"' and '\\' and the five short control escapes, every other byte
 * under 0x20 as \u00xx (lower-case hex), everything else (UTF-8 included) as it is. */
bool incmap_gjw_esc(gj_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s, *run = p;
    for (;; p++) {
        unsigned char c = *p;
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        if (!incmap_gjw_put(b, (const char *)run, (size_t)(p - run))) {
            return false;
        }
        if (c == '\0') {
            break;
        }
        char esc[6] = {'\\', (char)c, 0, 0, 0, 0};
        size_t n = 2;
        switch (c) {
        case '"':
        case '\\':
            break;
        case '\b':
            esc[1] = 'b';
            break;
        case '\f':
            esc[1] = 'f';
            break;
        case '\n':
            esc[1] = 'n';
            break;
        case '\r':
            esc[1] = 'r';
            break;
        case '\t':
            esc[1] = 't';
            break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            n = 6;
        }
        if (!incmap_gjw_put(b, esc, n)) {
            return false;
        }
        run = p + 1;
    }
    return true;
}

bool incmap_gjw_str(gj_buf *b, const char *s)
{
    return incmap_gjw_put(b, "\"", 1) && incmap_gjw_esc(b, s) && incmap_gjw_put(b, "\"", 1);
}

/* cJSON itself, for the numbers the fast path below does not cover (never in the hot path):
 * an item on the stack printed into a buffer on the stack, so nothing is allocated. */
static bool num_by_cjson(gj_buf *b, double v)
{
    cJSON item;
    memset(&item, 0, sizeof item);
    item.type = cJSON_Number;
    cJSON_SetNumberValue(&item, v);
    char text[64];
    if (!cJSON_PrintPreallocated(&item, text, (int)sizeof text, false)) {
        b->failed = true;
        return false;
    }
    return incmap_gjw_puts(b, text);
}

/* cJSON prints a number with "%1.15g", or "%1.17g" when 15 digits do not read back. Every number
 * the writer prints is k / 10^d for an integer k and d <= 6 decimals (rounded coordinates and
 * properties, counts). When v is exactly the double nearest k / 10^d, |k| < 10^15 and 1e-4 <= |v| <
 * 1e15, "%1.15g" prints k / 10^d exactly (the double is within 2^-53 relative of it, far inside
 * half a unit of the 15th digit), without an exponent and without trailing zeros, and it reads back
 * as v: so digits of k, a point d places from the right, trailing zeros dropped, is what cJSON
 * prints. Anything else goes to cJSON. */
bool incmap_gjw_num(gj_buf *b, double v, int decimals)
{
    static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    if (v == 0) {
        return signbit(v) ? incmap_gjw_put(b, "-0", 2) : incmap_gjw_put(b, "0", 1);
    }
    double a = fabs(v);
    if (decimals < 0 || decimals > 6 || !(a >= 1e-4 && a < 1e15)) {
        return num_by_cjson(b, v);
    }
    double kd = round(a * scale[decimals]);
    if (kd >= 1e15 || kd / scale[decimals] != a) {
        return num_by_cjson(b, v);
    }
    unsigned long long k = (unsigned long long)kd;
    char digits[24], text[32];
    int nd = 0;
    for (; k > 0 || nd <= decimals; k /= 10) { /* at least one digit before the point */
        digits[nd++] = (char)('0' + k % 10);
    }
    int frac = decimals;
    while (frac > 0 && digits[decimals - frac] == '0') {
        frac--; /* trailing zeros of the fraction */
    }
    size_t n = 0;
    if (v < 0) {
        text[n++] = '-';
    }
    for (int i = nd - 1; i >= decimals; i--) {
        text[n++] = digits[i];
    }
    if (frac > 0) {
        text[n++] = '.';
        for (int i = decimals - 1; i >= decimals - frac; i--) {
            text[n++] = digits[i];
        }
    }
    return incmap_gjw_put(b, text, n);
}
