/* Words of the page: the title and subtitle built from the incidents (what happened, where,
 * when, the distance the arrow shows, the casualties), an HTML page's short title, and how many
 * lines a text needs (for the layout of render_layout.c). */
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

static size_t utf8_chars(const char *s)
{
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        chars += (*p & 0xC0) != 0x80;
    }
    return chars;
}

/* Cuts s to at most RENDER_SHORT_TITLE characters, at the last space that allows it, with "..."
 * (browsers cut a longer page title anyway). */
static void short_title_cut(char *s)
{
    if (utf8_chars(s) <= RENDER_SHORT_TITLE) {
        return;
    }
    size_t chars = 0, cut = 0, i = 0;
    for (; s[i] != '\0'; i++) {
        bool lead = ((unsigned char)s[i] & 0xC0) != 0x80;
        if (lead && chars == RENDER_SHORT_TITLE - 3) {
            break;
        }
        cut = s[i] == ' ' ? i : cut;
        chars += lead;
    }
    snprintf(s + (cut > 0 ? cut : i), 4, "...");
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

/* A place's name as the map writes it: its conventional English form (render_names.c). */
static const char *place_name(const incmap_render_view *v, const incmap_feature *f, char *buf,
                              size_t n)
{
    return render_name(&v->names, feature_name(f), buf, n);
}

/* A place's name inside a sentence: a directional region ("Northeastern Syria", the
 * gazetteer's label) is not a proper name and is written in lower case ("northeastern Syria"). */
static const char *sentence_name(const incmap_render_view *v, const incmap_feature *f, char *buf,
                                 size_t n)
{
    const char *name = place_name(v, f, buf, n);
    static const char *const compass[] = {"North", "South", "East", "West", "Central"};
    bool directional = false;
    for (size_t i = 0; i < sizeof compass / sizeof compass[0]; i++) {
        directional |= strncmp(name, compass[i], strlen(compass[i])) == 0;
    }
    if (f->kind != INCMAP_KIND_REGION || !directional) { /* "Gaza Strip" keeps its capital */
        return name;
    }
    if (name != buf) {
        snprintf(buf, n, "%s", name);
        utf8_cut(buf);
    }
    buf[0] = (char)tolower((unsigned char)buf[0]);
    return buf;
}

/* The place in a title: "Zummar, Iraq" when `country` and the place is a town, site or
 * province whose name does not already say its country; else as sentence_name(). A place in a
 * disputed or occupied area ("Crimea") gets no country: the map does not take a side. */
static const char *title_place(const incmap_render_view *v, const incmap_feature *f, bool country,
                               char *buf, size_t n)
{
    char tmp[160];
    const char *name = sentence_name(v, f, tmp, sizeof tmp);
    const char *cname = render_country_name(&v->names, f->country);
    bool small = (f->kind == INCMAP_KIND_PLACE || f->kind == INCMAP_KIND_SITE ||
                  f->kind == INCMAP_KIND_ADMIN1) &&
                 !view_in_disputed_area(v, f->geom);
    if (country && small && cname != NULL && strstr(name, cname) == NULL) {
        snprintf(buf, n, "%s, %s", name, cname);
    } else {
        snprintf(buf, n, "%s", name);
    }
    utf8_cut(buf);
    return buf;
}

static bool same_country(const incmap_feature *a, const incmap_feature *b)
{
    return a->country != NULL && b->country != NULL && strcmp(a->country, b->country) == 0;
}

/* "Rocket attack from Zummar, Iraq, toward northeastern Syria": with `countries`, a town's
 * country is named (the launch's always, the target's when it is another country). */
static void incident_headline(const incmap_render_view *v, const incmap_incidents *inc, int id,
                              bool countries, char *out, size_t n)
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
    char a[200], b[200];
    const incmap_feature *other = target ? target : site;
    if (launch && other) {
        /* "from Zummar, Iraq, toward ...": a comma closes the country's apposition */
        title_place(v, launch, countries, a, sizeof a);
        bool named = strchr(a, ',') != NULL;
        snprintf(out, n, "%s from %s%s %s %s", type, a, named ? "," : "", target ? "toward" : "on",
                 title_place(v, other, countries && !same_country(launch, other), b, sizeof b));
    } else if (site) {
        snprintf(out, n, "%s in %s", type, title_place(v, site, countries, a, sizeof a));
    } else if (target) {
        snprintf(out, n, "%s on %s", type, title_place(v, target, countries, a, sizeof a));
    } else if (launch) {
        snprintf(out, n, "%s launched from %s", type,
                 title_place(v, launch, countries, a, sizeof a));
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
        char na[160], nb[160];
        k += (size_t)snprintf(
            out + k, n - k, "Arrow: about %.0f km from %s%s to %s%s", km,
            a_area ? "the middle of " : "", sentence_name(v, launch, na, sizeof na),
            b_area ? "the middle of " : "", sentence_name(v, target, nb, sizeof nb));
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
    incident_headline(v, inc, id, true, head, sizeof head);
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
        incident_headline(v, inc, 1, true, head, sizeof head);
        format_date(f ? f->date : NULL, date, sizeof date);
        snprintf(buf, sizeof buf, "%s%s%s", head, date[0] ? ", " : "", date);
        /* the short form (an HTML page's <title>, at most RENDER_SHORT_TITLE characters):
         * without the countries, then without the date, then cut at a word */
        char s[600];
        incident_headline(v, inc, 1, false, head, sizeof head);
        snprintf(s, sizeof s, "%s%s%s", head, date[0] ? ", " : "", date);
        if (utf8_chars(buf) <= RENDER_SHORT_TITLE) {
            snprintf(s, sizeof s, "%s", buf);
        } else if (utf8_chars(s) > RENDER_SHORT_TITLE) {
            snprintf(s, sizeof s, "%s", head);
        }
        utf8_cut(s);
        if ((v->title_short = incmap_strdup(s)) == NULL) {
            return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
        }
    } else {
        snprintf(buf, sizeof buf, "Places mentioned in the report");
    }
    utf8_cut(buf);
    if ((v->title = incmap_strdup(buf)) == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    if (v->title_short == NULL && (v->title_short = incmap_strdup(buf)) == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    short_title_cut(v->title_short);
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

double view_text_lines(const char *text, double size_px, double max_w, double em)
{
    size_t chars = utf8_chars(text);
    /* word wrap leaves the end of each line short: count a twentieth more */
    double w = (double)chars * em * size_px * 1.05;
    return fmax(1, ceil(w / fmax(max_w, 1)));
}
