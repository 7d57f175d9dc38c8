/* Qualifiers before a place name, shared by the text geoparser and the structured input:
 * "near X", "close to X", "on the outskirts of X", "12 km north of X", "5 miles south-east of X".
 * They widen a role's uncertainty or move its point by a geodesic offset (incident_geom.c). */
#include "geoparse/geoparse.h"
#include "text/wordlists.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Azimuth of a canonical direction adjective (the values of compass_points.txt and
 * directions.txt): code, not a word list, since the order is the geometry (45 degrees a step). */
static double direction_az(const char *d)
{
    static const char *const names[] = {"northern", "northeastern", "eastern", "southeastern",
                                        "southern", "southwestern", "western", "northwestern"};
    for (size_t i = 0; i < 8; i++) {
        if (strcmp(d, names[i]) == 0) {
            return 45.0 * (double)i;
        }
    }
    return NAN;
}

static const char *direction_of(const char *text, const mtok *tok, size_t k)
{
    for (size_t i = 0; i < INCMAP_WL_N(incmap_wl_compass_points); i++) {
        if ((tok[k].flags & TOK_WORD) && tok_is(text, &tok[k], incmap_wl_compass_points[i].word)) {
            return incmap_wl_compass_points[i].canonical;
        }
    }
    return NULL;
}

bool incmap_qualifier_before(const char *text, const mtok *tok, size_t t0, qual *q)
{
    memset(q, 0, sizeof *q);
    q->az_deg = q->km = NAN;
    size_t k = t0;
    /* skip "the town of", "the city of", "the" */
    if (k >= 2 && tok_is(text, &tok[k - 1], "of") &&
        incmap_word_in(WL_SETTLE, text + tok[k - 2].b0, tok[k - 2].b1 - tok[k - 2].b0) &&
        !tok_is(text, &tok[k - 2], "outskirts")) {
        k -= 2;
    }
    if (k >= 1 && tok_is(text, &tok[k - 1], "the")) {
        k -= 1;
    }
    if (k >= 1 && (tok_is(text, &tok[k - 1], "near") || tok_is(text, &tok[k - 1], "nearby"))) {
        q->kind = QUAL_NEAR;
        q->t0 = k - 1;
        strcpy(q->label, "near");
        return true;
    }
    /* "off the coast of Hodeidah", "off Hodeidah": at sea, near it */
    if (k >= 2 && tok_is(text, &tok[k - 1], "of") && tok_is(text, &tok[k - 2], "coast")) {
        size_t j = k - 2;
        j -= j >= 1 && tok_is(text, &tok[j - 1], "the") ? 1 : 0;
        q->kind = QUAL_NEAR;
        q->t0 = j >= 1 && tok_is(text, &tok[j - 1], "off") ? j - 1 : j;
        strcpy(q->label, "off the coast");
        return true;
    }
    if (k >= 1 && tok_is(text, &tok[k - 1], "off")) {
        q->kind = QUAL_NEAR;
        q->t0 = k - 1;
        strcpy(q->label, "off the coast");
        return true;
    }
    if (k >= 2 && tok_is(text, &tok[k - 1], "to") && tok_is(text, &tok[k - 2], "close")) {
        q->kind = QUAL_NEAR;
        q->t0 = k - 2;
        strcpy(q->label, "near");
        return true;
    }
    if (k >= 2 && tok_is(text, &tok[k - 1], "of") &&
        (tok_is(text, &tok[k - 2], "outskirts") || tok_is(text, &tok[k - 2], "edge") ||
         tok_is(text, &tok[k - 2], "vicinity"))) {
        q->kind = tok_is(text, &tok[k - 2], "vicinity") ? QUAL_NEAR : QUAL_OUTSKIRTS;
        q->t0 = k - 2;
        strcpy(q->label, q->kind == QUAL_NEAR ? "near" : "outskirts");
        return true;
    }
    /* "about 6 km above X", "3 km beyond X": a distance without a bearing is near X, as far
     * off as it says */
    if (k >= 3 && (tok_is(text, &tok[k - 1], "above") || tok_is(text, &tok[k - 1], "below") ||
                   tok_is(text, &tok[k - 1], "beyond") || tok_is(text, &tok[k - 1], "past"))) {
        size_t u = k - 2;
        bool km = tok_is(text, &tok[u], "km") || tok_is(text, &tok[u], "kilometres") ||
                  tok_is(text, &tok[u], "kilometers");
        long n = incmap_word_number(text + tok[u - 1].b0, tok[u - 1].b1 - tok[u - 1].b0);
        if (km && n > 0 && n <= 50) {
            q->kind = QUAL_NEAR;
            q->t0 = u - 1;
            snprintf(q->label, sizeof q->label, "%ld km %.*s", n,
                     (int)(tok[k - 1].b1 - tok[k - 1].b0), text + tok[k - 1].b0);
            return true;
        }
    }
    /* N km|kilometres|miles <direction> of */
    if (k >= 4 && tok_is(text, &tok[k - 1], "of")) {
        size_t d = k - 2;
        const char *dir = direction_of(text, tok, d);
        if (d >= 2 && (tok[d - 1].flags & TOK_PUNCT) && text[tok[d - 1].b0] == '-') {
            /* north-east */
            char buf[24];
            size_t a = tok[d - 2].b1 - tok[d - 2].b0, b = tok[d].b1 - tok[d].b0;
            if (a + b < sizeof buf) {
                memcpy(buf, text + tok[d - 2].b0, a);
                memcpy(buf + a, text + tok[d].b0, b);
                mtok t = {0, (uint32_t)(a + b), 0, 0, 0, TOK_WORD};
                buf[a + b] = '\0';
                dir = direction_of(buf, &t, 0);
                d -= 2;
            }
        }
        if (dir != NULL && d >= 2) {
            size_t u = d - 1;
            double scale =
                tok_is(text, &tok[u], "km") || tok_is(text, &tok[u], "kilometres") ||
                        tok_is(text, &tok[u], "kilometers") || tok_is(text, &tok[u], "kms")
                    ? 1.0
                : tok_is(text, &tok[u], "miles") || tok_is(text, &tok[u], "mi") ? 1.609344
                                                                                : 0;
            bool nautical = scale > 1 && u >= 2 && tok_is(text, &tok[u - 1], "nautical");
            if (nautical) {
                scale = 1.852; /* "50 nautical miles south-west of Aden": a point at sea */
                u--;
            }
            long n = incmap_word_number(text + tok[u - 1].b0, tok[u - 1].b1 - tok[u - 1].b0);
            if (scale > 0 && n > 0 && n < 5000) {
                q->kind = QUAL_OFFSET;
                q->km = (double)n * scale;
                q->az_deg = direction_az(dir);
                q->t0 = u - 1;
                snprintf(q->label, sizeof q->label, "%ld %s %.*s", n,
                         scale == 1.0 ? "km"
                         : nautical   ? "nautical miles"
                                      : "miles",
                         (int)(strlen(dir) - 3), dir);
                return true;
            }
        }
    }
    return false;
}
