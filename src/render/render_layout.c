/* Words and boxes of the page: the title and subtitle built from the incidents, which legend
 * entries the map needs, and where the legend, scale bar, north arrow and inset go. Boxes are
 * fixed before drawing so that labels can avoid them and tests can find them. */
#include "render/render_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *feature_name(const incmap_feature *f)
{
    return f->name && f->name[0] ? f->name : f->text && f->text[0] ? f->text : "unnamed place";
}

/* Drops a UTF-8 sequence cut short at the end of s (a fixed buffer was full), so that pango
 * never gets a partial character ("Invalid UTF-8", and the line is not drawn). */
static void utf8_cut(char *s)
{
    size_t n = strlen(s), k = n;
    while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80 && n - k < 3) {
        k--;
    }
    if (k == 0) {
        return;
    }
    unsigned char lead = (unsigned char)s[k - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (n - (k - 1) < need) {
        s[k - 1] = '\0';
    }
}

/* "2024-04-21" -> "21 April 2024"; anything else is copied. */
static void format_date(const char *iso, char *out, size_t n)
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    int y, m, d;
    if (iso != NULL && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12 && d >= 1 &&
        d <= 31) {
        snprintf(out, n, "%d %s %d", d, months[m - 1], y);
    } else {
        snprintf(out, n, "%s", iso ? iso : "");
        utf8_cut(out);
    }
}

/* The first feature of an incident that carries the incident-level fields. */
static const incmap_feature *any_role(const incmap_render_view *v, const incmap_incidents *inc,
                                      int incident)
{
    for (size_t k = view_incident_first(v, incident);
         k < v->nfeat && v->by_id[k].incident == incident; k++) {
        if (v->by_id[k].role != INCMAP_ROLE_MENTION) {
            return incmap_incidents_feature(inc, v->by_id[k].i);
        }
    }
    return NULL;
}

/* "Rocket attack from Zummar toward northeastern Syria". */
static void incident_headline(const incmap_render_view *v, const incmap_incidents *inc, int id,
                              char *out, size_t n)
{
    const incmap_feature *f = any_role(v, inc, id);
    const incmap_feature *launch = view_find_role(v, inc, id, INCMAP_ROLE_LAUNCH);
    const incmap_feature *target = view_find_role(v, inc, id, INCMAP_ROLE_TARGET);
    const incmap_feature *site = view_find_role(v, inc, id, INCMAP_ROLE_SITE);
    char type[64];
    snprintf(type, sizeof type, "%s",
             f && f->event_type && f->event_type[0] ? f->event_type : "Incident");
    utf8_cut(type);
    type[0] = (char)toupper((unsigned char)type[0]);
    if (launch && target) {
        snprintf(out, n, "%s from %s toward %s", type, feature_name(launch), feature_name(target));
    } else if (launch && site) {
        snprintf(out, n, "%s from %s on %s", type, feature_name(launch), feature_name(site));
    } else if (site) {
        snprintf(out, n, "%s in %s", type, feature_name(site));
    } else if (target) {
        snprintf(out, n, "%s on %s", type, feature_name(target));
    } else if (launch) {
        snprintf(out, n, "%s launched from %s", type, feature_name(launch));
    } else {
        snprintf(out, n, "%s", type);
    }
    utf8_cut(out);
}

/* The facts the title does not carry: "About 162 km from launch site to target · 1 killed". */
static size_t incident_facts(const incmap_render_view *v, const incmap_incidents *inc, int id,
                             char *out, size_t n)
{
    const incmap_feature *f = any_role(v, inc, id);
    const incmap_feature *launch = view_find_role(v, inc, id, INCMAP_ROLE_LAUNCH);
    size_t k = 0;
    out[0] = '\0';
    /* the length of the arrow as drawn, from the geometries (an edit in QGIS moves it), never
     * the distance_km property; an area's end is its middle, and the sentence says so */
    const incmap_feature *target = view_find_role(v, inc, id, INCMAP_ROLE_TARGET);
    double km = render_arrow_km(v, inc, id);
    if (isfinite(km) && k < n) {
        bool a_area = launch->geom->type != INCMAP_GEOM_POINT || render_feature_vague(launch);
        bool b_area = target->geom->type != INCMAP_GEOM_POINT || render_feature_vague(target);
        k += (size_t)snprintf(out + k, n - k, "Arrow: about %.0f km from %s%s to %s%s", km,
                              a_area ? "the middle of " : "", feature_name(launch),
                              b_area ? "the middle of " : "", feature_name(target));
        k = k < n ? k : n - 1;
    }
    for (size_t e = view_incident_first(v, id);
         f != NULL && e < v->nfeat && v->by_id[e].incident == id; e++) {
        const incmap_feature *g = incmap_incidents_feature(inc, v->by_id[e].i);
        if (g->fatalities > 0 && k < n) {
            k += (size_t)snprintf(out + k, n - k, "%s%d killed", k ? ", " : "", g->fatalities);
        }
        if (g->injured > 0 && k < n) {
            k += (size_t)snprintf(out + k, n - k, "%s%d injured", k ? ", " : "", g->injured);
        }
        if (g->fatalities > 0 || g->injured > 0) {
            break;
        }
    }
    return k < n ? k : n - 1;
}

/* "Also: explosion in Babil Governorate, 20 April 2024 (1 killed, 8 injured)" */
static void incident_line(const incmap_render_view *v, const incmap_incidents *inc, int id,
                          char *out, size_t n)
{
    const incmap_feature *f = any_role(v, inc, id);
    char head[256], date[48], facts[200];
    incident_headline(v, inc, id, head, sizeof head);
    head[0] = (char)tolower((unsigned char)head[0]);
    format_date(f ? f->date : NULL, date, sizeof date);
    incident_facts(v, inc, id, facts, sizeof facts);
    snprintf(out, n, "Also: %s%s%s%s%s%s", head, date[0] ? ", " : "", date, facts[0] ? " (" : "",
             facts, facts[0] ? ")" : "");
    utf8_cut(out);
}

incmap_status view_make_titles(incmap_ctx *ctx, incmap_render_view *v, const incmap_incidents *inc,
                               const incmap_render_opts *opts)
{
    char buf[600];
    int nid = (int)incmap_incidents_count(inc);
    if (opts->title != NULL) {
        snprintf(buf, sizeof buf, "%s", opts->title);
    } else if (nid >= 1) {
        char head[300], date[48];
        const incmap_feature *f = any_role(v, inc, 1);
        incident_headline(v, inc, 1, head, sizeof head);
        format_date(f ? f->date : NULL, date, sizeof date);
        snprintf(buf, sizeof buf, "%s%s%s", head, date[0] ? ", " : "", date);
    } else {
        snprintf(buf, sizeof buf, "Places mentioned in the report");
    }
    utf8_cut(buf);
    if ((v->title = incmap_strdup(buf)) == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    if (opts->subtitle != NULL) {
        v->subtitle[v->nsubtitle] = incmap_strdup(opts->subtitle);
        if (v->subtitle[v->nsubtitle++] == NULL) {
            return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
        }
        return INCMAP_OK;
    }
    /* the incidents in order of their number: each distinct number once, never 1..max (one
     * feature numbered 2147483647 would take minutes) */
    for (size_t k = view_incident_first(v, 1); k < v->nfeat && v->nsubtitle < RENDER_MAX_SUBTITLE;
         k++) {
        int id = v->by_id[k].incident;
        if ((k > 0 && v->by_id[k - 1].incident == id) || any_role(v, inc, id) == NULL) {
            continue;
        }
        if (id == 1) {
            if (incident_facts(v, inc, id, buf, sizeof buf) == 0) {
                continue;
            }
        } else {
            incident_line(v, inc, id, buf, sizeof buf);
        }
        v->subtitle[v->nsubtitle] = incmap_strdup(buf);
        if (v->subtitle[v->nsubtitle++] == NULL) {
            return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
        }
    }
    if (nid > RENDER_MAX_SUBTITLE && v->nsubtitle == RENDER_MAX_SUBTITLE) {
        snprintf(buf, sizeof buf, "... and %d more incidents (see the GeoJSON)",
                 nid - RENDER_MAX_SUBTITLE + 1);
        free(v->subtitle[RENDER_MAX_SUBTITLE - 1]);
        v->subtitle[RENDER_MAX_SUBTITLE - 1] = incmap_strdup(buf);
    }
    return INCMAP_OK;
}

unsigned view_legend_entries(const incmap_render_view *v, const incmap_incidents *inc,
                             const incmap_render_opts *opts)
{
    unsigned m = 0;
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        bool point = f->geom->type == INCMAP_GEOM_POINT;
        switch (f->role) {
        case INCMAP_ROLE_LAUNCH:
            m |= LEG_LAUNCH;
            if (view_find_role(v, inc, f->incident, INCMAP_ROLE_TARGET) != NULL) {
                m |= LEG_ARROW;
            }
            if (opts->range_km > 0) {
                m |= LEG_RANGE;
            }
            break;
        case INCMAP_ROLE_TARGET:
            m |= point ? LEG_TARGET_POINT : LEG_TARGET_AREA;
            break;
        case INCMAP_ROLE_BORDER:
            m |= LEG_BORDER;
            break;
        case INCMAP_ROLE_SITE:
            m |= LEG_SITE;
            break;
        case INCMAP_ROLE_MENTION:
            m |= view_mention_visible(v, i) ? LEG_MENTION : 0;
            break;
        }
    }
    return m | LEG_PLACE;
}

const char *render_legend_text(unsigned bit, double range_km, char *buf, size_t n)
{
    switch (bit) {
    case LEG_LAUNCH:
        return "Launch site";
    case LEG_TARGET_AREA:
        return "Target area";
    case LEG_TARGET_POINT:
        return "Target (circle: uncertainty)";
    case LEG_BORDER:
        return "Border crossed";
    case LEG_ARROW:
        return "Direction of fire";
    case LEG_SITE:
        return "Incident site";
    case LEG_RANGE:
        snprintf(buf, n, "Range %.0f km", range_km);
        return buf;
    case LEG_MENTION:
        return "Also mentioned";
    case LEG_PLACE:
        return "Town or city";
    default:
        return "";
    }
}

void view_layout_furniture(incmap_render_view *v)
{
    const render_style *st = &v->style;
    double u = v->u, m = 9 * u;
    const double *fr = v->frame;
    double fw = fr[2] - fr[0];
    /* legend: bottom left; width from the longest entry (about 0.56 em per character) */
    size_t rows = 0, longest = 0;
    char buf[64];
    for (unsigned bit = 1; bit <= LEG_PLACE; bit <<= 1) {
        if (v->legend & bit) {
            size_t len = strlen(render_legend_text(bit, v->range_km, buf, sizeof buf));
            longest = len > longest ? len : longest;
            rows++;
        }
    }
    double row_h = st->sz_legend * 1.95 * u;
    double lw = 34 * u + (double)longest * st->sz_legend * 0.56 * u + 10 * u;
    double lh = (double)rows * row_h + st->sz_legend * 2.2 * u + 6 * u;
    double *lb = v->box[INCMAP_BOX_LEGEND];
    lb[0] = fr[0] + m, lb[2] = lb[0] + lw, lb[3] = fr[3] - m, lb[1] = lb[3] - lh;
    v->has_box[INCMAP_BOX_LEGEND] = rows > 0;
    /* scale bar: bottom right */
    double *sb = v->box[INCMAP_BOX_SCALE_BAR];
    double sw = v->scale_px + 26 * u, sh = 8 * u + st->sz_legend * 3.0 * u;
    sb[2] = fr[2] - m, sb[0] = sb[2] - sw, sb[3] = fr[3] - m, sb[1] = sb[3] - sh;
    v->has_box[INCMAP_BOX_SCALE_BAR] = v->scale_px > 0;
    /* north arrow: above the scale bar, on the right */
    double *nb = v->box[INCMAP_BOX_NORTH_ARROW];
    double nw = 24 * u, nh = 40 * u;
    nb[2] = fr[2] - m, nb[0] = nb[2] - nw, nb[3] = sb[1] - 6 * u, nb[1] = nb[3] - nh;
    v->has_box[INCMAP_BOX_NORTH_ARROW] = true;
    /* inset: top right, about a fifth of the frame */
    double *ib = v->box[INCMAP_BOX_INSET];
    double iw = fmax(fw * 0.2, 90 * u), ih = iw * 0.78;
    ib[2] = fr[2] - m, ib[0] = ib[2] - iw, ib[1] = fr[1] + m, ib[3] = ib[1] + ih;
    v->has_box[INCMAP_BOX_INSET] = ih < (fr[3] - fr[1]) * 0.45;
}
