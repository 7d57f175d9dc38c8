/* The HTML map writer's output stream: writes to the atomic file, with the escapes that keep
 * embedded JSON, JavaScript and text inside their elements, base64 for the <noscript> image,
 * and short coordinates (the base layers are most of the page's bytes). */
#include "render/render_html.h"
#include "render/render_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void html_putn(html_out *o, const char *s, size_t n)
{
    if (o->st != INCMAP_OK || n == 0) {
        return;
    }
    o->st = incmap_afile_write(o->af, s, n);
    o->bytes += n;
}

void html_put(html_out *o, const char *s)
{
    html_putn(o, s, strlen(s));
}

void html_printf(html_out *o, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    html_putn(o, buf, n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

void html_put_text(html_out *o, const char *s)
{
    const char *run = s;
    for (; *s; s++) {
        const char *rep = render_xml_entity(*s);
        if (rep != NULL) {
            html_putn(o, run, (size_t)(s - run));
            html_put(o, rep);
            run = s + 1;
        }
    }
    html_putn(o, run, (size_t)(s - run));
}

void html_put_json(html_out *o, const char *json, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (json[i] == '<') {
            html_putn(o, json + run, i - run);
            html_put(o, "\\u003c");
            run = i + 1;
        }
    }
    html_putn(o, json + run, n - run);
}

void html_put_code(html_out *o, const char *code, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (code[i] != '<') {
            continue;
        }
        bool end_tag = code[i + 1] == '/' &&
                       ((n - i - 2 >= 6 && strncasecmp(code + i + 2, "script", 6) == 0) ||
                        (n - i - 2 >= 5 && strncasecmp(code + i + 2, "style", 5) == 0));
        bool comment = n - i >= 4 && memcmp(code + i, "<!--", 4) == 0;
        if (end_tag || comment) {
            html_putn(o, code + run, i + 1 - run);
            html_put(o, "\\");
            run = i + 1;
        }
    }
    html_putn(o, code + run, n - run);
}

void html_put_base64(html_out *o, const unsigned char *p, size_t n)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char buf[4096];
    size_t k = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        v |= i + 1 < n ? (unsigned)p[i + 1] << 8 : 0;
        v |= i + 2 < n ? p[i + 2] : 0;
        buf[k++] = alphabet[(v >> 18) & 63];
        buf[k++] = alphabet[(v >> 12) & 63];
        buf[k++] = i + 1 < n ? alphabet[(v >> 6) & 63] : '=';
        buf[k++] = i + 2 < n ? alphabet[v & 63] : '=';
        if (k + 4 > sizeof buf) {
            html_putn(o, buf, k);
            k = 0;
        }
    }
    html_putn(o, buf, k);
}

void html_put_coord(html_out *o, double v, int decimals)
{
    char buf[48];
    if (!isfinite(v)) {
        v = 0; /* callers pass checked coordinates; never write a non-JSON token */
    }
    int n = snprintf(buf, sizeof buf, "%.*f", decimals, v);
    if (n <= 0 || (size_t)n >= sizeof buf) {
        return;
    }
    if (strchr(buf, '.') != NULL) {
        while (n > 0 && buf[n - 1] == '0') {
            n--;
        }
        if (n > 0 && buf[n - 1] == '.') {
            n--;
        }
    }
    buf[n] = '\0';
    html_put(o, strcmp(buf, "-0") == 0 ? "0" : buf);
}
