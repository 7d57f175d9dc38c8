/* CLI: `incmap extract --format text|json`: incidents -> a short human summary (one line a place,
 * with its role, coordinates and precision) or plain JSON for scripts; used by one report and by
 * a batch (extract_batch.c) alike. */
#include "cli/extract_batch.h"
#include "core/core.h"
#include "core/vec.h"
#include "incmap/extract.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *buf;
    size_t len, cap;
    bool oom;
} strbuf;

static void sb_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(strbuf *b, const char *fmt, ...)
{
    for (int pass = 0; pass < 2 && !b->oom; pass++) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->buf != NULL ? b->buf + b->len : NULL,
                          b->buf != NULL ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->oom = true;
            return;
        }
        if (b->buf != NULL && b->len + (size_t)n < b->cap) {
            b->len += (size_t)n;
            return;
        }
        if (incmap_grow((void **)&b->buf, &b->cap, b->len + (size_t)n + 1, 1) != INCMAP_OK) {
            b->oom = true;
            return;
        }
    }
}

static incmap_lonlat feature_point(const incmap_feature *f)
{
    incmap_lonlat p = {NAN, NAN};
    if (f->geom->type == INCMAP_GEOM_POINT && f->geom->npoints > 0) {
        p.lon_deg = f->geom->xy[0];
        p.lat_deg = f->geom->xy[1];
    }
    return p;
}

static void text_feature(strbuf *b, const incmap_feature *f)
{
    incmap_lonlat p = feature_point(f);
    sb_printf(b, "  %-7s %s", incmap_role_str(f->role), f->name != NULL ? f->name : "?");
    if (f->country != NULL) {
        sb_printf(b, " (%s%s%s)", f->country, f->admin1 != NULL ? ", " : "",
                  f->admin1 != NULL ? f->admin1 : "");
    }
    if (isfinite(p.lat_deg)) {
        sb_printf(b, " %.4f%c %.4f%c", fabs(p.lat_deg), p.lat_deg >= 0 ? 'N' : 'S', fabs(p.lon_deg),
                  p.lon_deg >= 0 ? 'E' : 'W');
    } else {
        sb_printf(b, " [%s]",
                  f->geom->type == INCMAP_GEOM_POINT ? "point"
                  : f->role == INCMAP_ROLE_BORDER    ? "line"
                                                     : "area");
    }
    if (f->qualifier != NULL) {
        sb_printf(b, " (%s)", f->qualifier);
    }
    if (f->precision > 0) {
        sb_printf(b, ", precision %d", f->precision);
    }
    if (isfinite(f->uncertainty_km)) {
        sb_printf(b, ", \u00b1%.0f km", f->uncertainty_km);
    }
    if (isfinite(f->confidence)) {
        sb_printf(b, ", confidence %.2f", f->confidence);
    }
    if (f->text != NULL) {
        sb_printf(b, ", \"%s\" [%ld-%ld]", f->text, f->start, f->end);
    }
    sb_printf(b, "\n");
}

char *extract_format_text(const incmap_incidents *inc, const char *report)
{
    strbuf b = {NULL, 0, 0, false};
    if (report != NULL) {
        sb_printf(&b, "report %s\n\n", report);
    }
    size_t n = incmap_incidents_feature_count(inc), ninc = incmap_incidents_count(inc);
    for (size_t id = 1; id <= ninc; id++) {
        const incmap_feature *first = NULL;
        for (size_t i = 0; i < n; i++) {
            const incmap_feature *f = incmap_incidents_feature(inc, i);
            if (f->incident != (int)id) {
                continue;
            }
            if (first == NULL) {
                first = f;
                sb_printf(&b, "incident %zu: %s, %s", id,
                          f->event_type != NULL ? f->event_type : "event",
                          f->date != NULL ? f->date : "date unknown");
                if (f->fatalities >= 0) {
                    sb_printf(&b, ", %d killed", f->fatalities);
                }
                if (f->injured >= 0) {
                    sb_printf(&b, ", %d injured", f->injured);
                }
                sb_printf(&b, "\n");
            }
            text_feature(&b, f);
            if (f->role == INCMAP_ROLE_LAUNCH && isfinite(f->distance_km)) {
                sb_printf(&b, "  distance to the target %.1f km (nearest point)", f->distance_km);
                if (isfinite(f->bearing_deg)) {
                    sb_printf(&b, ", bearing %.0f\u00b0", f->bearing_deg);
                }
                sb_printf(&b, "\n");
            }
            if (f->role == INCMAP_ROLE_TARGET && isfinite(f->distance_km)) {
                sb_printf(&b, "  distance from the launch %.1f km (representative point)",
                          f->distance_km);
                if (isfinite(f->bearing_deg)) {
                    sb_printf(&b, ", bearing %.0f\u00b0", f->bearing_deg);
                }
                sb_printf(&b, "\n");
            }
        }
        sb_printf(&b, "\n");
    }
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        if (f->role == INCMAP_ROLE_MENTION) {
            sb_printf(&b, "%s%s (%s)",
                      any ? ", " : "mentions: ", f->text != NULL ? f->text : f->name, f->name);
            any = true;
        }
    }
    if (any || b.buf == NULL || report != NULL) {
        sb_printf(&b, "%s\n", any ? "" : b.buf == NULL || report == NULL ? "no incidents" : "");
    }
    if (report != NULL) {
        sb_printf(&b, "\n"); /* a blank line before the next report */
    }
    if (b.oom) {
        free(b.buf);
        return NULL;
    }
    return b.buf;
}

static void add_num(cJSON *o, const char *key, double v)
{
    if (isfinite(v) && v >= 0) {
        cJSON_AddNumberToObject(o, key, round(v * 1e6) / 1e6);
    } else {
        cJSON_AddNullToObject(o, key);
    }
}

static void add_str(cJSON *o, const char *key, const char *v)
{
    if (v != NULL) {
        cJSON_AddStringToObject(o, key, v);
    } else {
        cJSON_AddNullToObject(o, key);
    }
}

char *extract_format_json(const incmap_incidents *inc, const char *report, bool compact)
{
    cJSON *root = cJSON_CreateObject();
    if (report != NULL) {
        cJSON_AddStringToObject(root, "report", report);
    }
    cJSON *arr = cJSON_AddArrayToObject(root, "features");
    size_t n = incmap_incidents_feature_count(inc);
    for (size_t i = 0; i < n && arr != NULL; i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, o);
        cJSON_AddNumberToObject(o, "incident", f->incident);
        cJSON_AddStringToObject(o, "role", incmap_role_str(f->role));
        add_str(o, "name", f->name);
        add_str(o, "text", f->text);
        add_num(o, "start", (double)f->start);
        add_num(o, "end", (double)f->end);
        add_str(o, "gazetteer_id", f->gazetteer_id);
        add_str(o, "kind", f->kind != INCMAP_KIND_ANY ? incmap_kind_str(f->kind) : NULL);
        add_str(o, "country", f->country);
        add_str(o, "admin1", f->admin1);
        add_str(o, "qualifier", f->qualifier);
        incmap_lonlat p = feature_point(f);
        /* areas and lines: their geometry is in the GeoJSON output; here only points */
        cJSON_AddItemToObject(o, "lon",
                              isfinite(p.lon_deg) ? cJSON_CreateNumber(round(p.lon_deg * 1e6) / 1e6)
                                                  : cJSON_CreateNull());
        cJSON_AddItemToObject(o, "lat",
                              isfinite(p.lat_deg) ? cJSON_CreateNumber(round(p.lat_deg * 1e6) / 1e6)
                                                  : cJSON_CreateNull());
        add_num(o, "precision", f->precision);
        add_num(o, "uncertainty_km", f->uncertainty_km);
        add_num(o, "confidence", f->confidence);
        add_str(o, "event_type", f->event_type);
        add_str(o, "date", f->date);
        add_num(o, "fatalities", f->fatalities);
        add_num(o, "injured", f->injured);
        add_num(o, "distance_km", f->distance_km);
        add_num(o, "bearing_deg", f->bearing_deg);
        add_str(o, "report", f->report);
    }
    char *js = compact ? cJSON_PrintUnformatted(root) : cJSON_Print(root);
    cJSON_Delete(root);
    if (js == NULL) {
        return NULL;
    }
    /* hand back a malloc'ed copy with a final newline, freed like the other formats */
    size_t len = strlen(js);
    char *s = malloc(len + 2);
    if (s != NULL) {
        memcpy(s, js, len);
        s[len] = '\n';
        s[len + 1] = '\0';
    }
    cJSON_free(js);
    return s;
}
