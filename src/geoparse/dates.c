/* Dates in report text: "on Sunday (April 21)", "April 21, 2024", "21 April", "2024-04-21",
 * "Saturday", "yesterday", "the day before", "three days ago", resolved against the publication
 * date. A date without a year needs the publication date (it picks the latest such day not after
 * publication); a weekday means the latest such day on or before publication. */
#include "geoparse/geoparse.h"
#include "text/wordlists.h"

#include <stdio.h>
#include <string.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static incmap_date civil_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    incmap_date out = {0, 0, 0};
    out.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    out.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    out.y = (int)(y + (out.m <= 2));
    return out;
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

static bool valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

bool incmap_date_parse(const char *s, incmap_date *out)
{
    int y = 0, m = 0, d = 0, n = 0;
    if (s == NULL || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
        n != 10 || s[4] != '-' || s[7] != '-' || !valid(y, m, d)) {
        return false;
    }
    out->y = y;
    out->m = m;
    out->d = d;
    return true;
}

void incmap_date_format(incmap_date d, char out[11])
{
    unsigned y = (unsigned)d.y % 10000u, m = (unsigned)d.m % 100u, dd = (unsigned)d.d % 100u;
    snprintf(out, 11, "%04u-%02u-%02u", y, m, dd);
}

static bool known(incmap_date d)
{
    return d.y != 0;
}

static incmap_date add_days(incmap_date d, long n)
{
    return civil_from_days(days_from_civil(d.y, d.m, d.d) + n);
}

/* The row of a month or weekday list (text/wordlists.h) for token t's word, or NULL. Such names
 * have three letters or more; case does not matter. */
static const void *date_word(const char *text, const mtok *t, const void *rows, size_t n,
                             size_t stride)
{
    size_t len = t->b1 - t->b0;
    char buf[16];
    if (!(t->flags & TOK_WORD) || (t->flags & TOK_NUM) || len < 3 || len >= sizeof buf) {
        return NULL;
    }
    for (size_t i = 0; i < len; i++) {
        char c = text[t->b0 + i];
        buf[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    buf[len] = '\0';
    return incmap_wl_find(rows, n, stride, buf);
}

/* Month number (1-12) of token t ("April", "Apr", "Sept": months.txt), or -1. */
static int month_of(const char *text, const mtok *t)
{
    const incmap_wl_months_row *r = date_word(
        text, t, incmap_wl_months, INCMAP_WL_N(incmap_wl_months), sizeof *incmap_wl_months);
    return r != NULL ? r->month : -1;
}

/* Weekday of token t, 0 = Monday ("Sunday", "Sun": weekdays.txt), or -1. */
static int weekday_of(const char *text, const mtok *t)
{
    const incmap_wl_weekdays_row *r = date_word(
        text, t, incmap_wl_weekdays, INCMAP_WL_N(incmap_wl_weekdays), sizeof *incmap_wl_weekdays);
    return r != NULL ? r->day : -1;
}

static int num_at(const char *text, const mtok *t, int lo, int hi)
{
    if (!(t->flags & TOK_NUM) || t->b1 - t->b0 > 4) {
        return -1;
    }
    int v = 0;
    for (uint32_t i = t->b0; i < t->b1; i++) {
        v = v * 10 + (text[i] - '0');
    }
    return v >= lo && v <= hi ? v : -1;
}

static bool punct_is(const char *text, const mtok *t, char c)
{
    return (t->flags & TOK_PUNCT) && t->b1 - t->b0 == 1 && text[t->b0] == c;
}

/* A month-and-day date at token k; *year stays 0 when the text gives none; *end: the token after
 * the date. */
static bool month_day(const char *text, const mtok *tok, size_t k, size_t t1, int *y, int *m,
                      int *d, size_t *end)
{
    int mi = month_of(text, &tok[k]);
    if (mi > 0 && k + 1 < t1 && (*d = num_at(text, &tok[k + 1], 1, 31)) > 0) {
        *m = mi; /* April 21[, 2024] */
        size_t j = k + 2;
        if (j < t1 && punct_is(text, &tok[j], ',')) {
            j++;
        }
        *y = j < t1 ? num_at(text, &tok[j], 1900, 2200) : -1;
        *end = *y > 0 ? j + 1 : k + 2;
        *y = *y < 0 ? 0 : *y;
        return true;
    }
    if ((*d = num_at(text, &tok[k], 1, 31)) > 0 && k + 1 < t1 &&
        (mi = month_of(text, &tok[k + 1])) > 0) {
        *m = mi; /* 21 April [2024] */
        *y = k + 2 < t1 ? num_at(text, &tok[k + 2], 1900, 2200) : -1;
        *end = *y > 0 ? k + 3 : k + 2;
        *y = *y < 0 ? 0 : *y;
        return true;
    }
    return false;
}

static bool iso_date(const char *text, const mtok *tok, size_t k, size_t t1, incmap_date *out)
{
    if (k + 4 >= t1 || num_at(text, &tok[k], 1900, 2200) < 0 || !punct_is(text, &tok[k + 1], '-') ||
        !punct_is(text, &tok[k + 3], '-')) {
        return false;
    }
    int y = num_at(text, &tok[k], 1900, 2200), m = num_at(text, &tok[k + 2], 1, 12),
        d = num_at(text, &tok[k + 4], 1, 31);
    if (m < 0 || d < 0 || !valid(y, m, d)) {
        return false;
    }
    *out = (incmap_date){y, m, d};
    return true;
}

static bool is_word(const char *text, const mtok *t, const char *w)
{
    return (t->flags & TOK_WORD) && tok_is(text, t, w);
}

/* A count word before a unit: "two", "3", "a", "an"; -1 when it is none. */
static long count_at(const char *text, const mtok *t)
{
    if (is_word(text, t, "a") || is_word(text, t, "an")) {
        return 1;
    }
    return incmap_word_number(text + t->b0, t->b1 - t->b0);
}

/* Spans counted from the last date the text gave (or publication): "N days/weeks later|after|
 * earlier|before", "hours/minutes later" (same day), "the next/following day", "N weeks ago",
 * "last week" (publication minus seven days: the week is approximate, the day is the middle
 * of the possible range rounded to a week back). Sets *rel and returns true on a match. */
static bool relative_span(const char *text, const mtok *tok, size_t k, size_t t1, incmap_date pub,
                          incmap_date prev, incmap_date *rel)
{
    incmap_date base = known(prev) ? prev : pub;
    if (!known(base)) {
        return false;
    }
    const mtok *a = &tok[k];
    const mtok *b = k + 1 < t1 ? &tok[k + 1] : NULL, *c = k + 2 < t1 ? &tok[k + 2] : NULL;
    if (b != NULL && (is_word(text, a, "hours") || is_word(text, a, "minutes")) &&
        (is_word(text, b, "later") || is_word(text, b, "after") || is_word(text, b, "earlier") ||
         is_word(text, b, "before")) &&
        known(prev)) {
        *rel = prev; /* "hours later": the same day as the event before */
        return true;
    }
    if (b != NULL && (is_word(text, a, "next") || is_word(text, a, "following")) &&
        is_word(text, b, "day") && known(prev)) {
        *rel = add_days(prev, 1);
        return true;
    }
    if (b != NULL && is_word(text, a, "last") && is_word(text, b, "week") && known(pub)) {
        *rel = add_days(pub, -7);
        return true;
    }
    if (b != NULL && is_word(text, a, "last") && is_word(text, b, "night") && known(pub)) {
        *rel = add_days(pub, -1);
        return true;
    }
    if (c == NULL) {
        return false;
    }
    long n = count_at(text, a);
    long unit = is_word(text, b, "day") || is_word(text, b, "days")     ? 1
                : is_word(text, b, "week") || is_word(text, b, "weeks") ? 7
                                                                        : 0;
    if (n <= 0 || n > 60 || unit == 0) {
        return false;
    }
    if (is_word(text, c, "ago") && known(pub)) {
        *rel = add_days(pub, -n * unit);
        return true;
    }
    /* "a week after the clashes" dates the clashes from this event, not this event: "after" and
     * "before" count only when they end the phrase ("Two days after, ...") */
    bool ends = k + 3 >= t1 || (tok[k + 3].flags & TOK_PUNCT);
    if ((is_word(text, c, "later") || (is_word(text, c, "after") && ends)) && known(prev)) {
        *rel = add_days(prev, n * unit);
        return true;
    }
    if (is_word(text, c, "earlier") || (is_word(text, c, "before") && ends)) {
        *rel = add_days(base, -n * unit);
        return true;
    }
    return false;
}

/* "KHARKIV, Ukraine, May 27 - ...": a date ending a run of capitalised words and commas at the
 * start of the text, before a dash or colon, is the report's dateline. K: the date's first token,
 * E: the token after it. */
static bool dateline(const char *text, const mtok *tok, size_t k, size_t e, size_t t1)
{
    if (e >= t1 || !(tok[e].flags & TOK_PUNCT) ||
        (text[tok[e].b0] != '-' && text[tok[e].b0] != ':' &&
         (unsigned char)text[tok[e].b0] != 0xE2)) {
        return false;
    }
    for (size_t j = 0; j < k; j++) {
        if (!(tok[j].flags & TOK_CAP) && !punct_is(text, &tok[j], ',')) {
            return false;
        }
    }
    return true;
}

/* "officials said on Monday", "the ministry announced on Sunday": the time of the statement, not
 * of what it reports. K: the weekday's token. */
static bool statement_day(const char *text, const mtok *tok, size_t k, size_t t0)
{
    return k >= t0 + 2 && is_word(text, &tok[k - 1], "on") && (tok[k - 2].flags & TOK_WORD) &&
           incmap_word_in(WL_SPEECH, text + tok[k - 2].b0, tok[k - 2].b1 - tok[k - 2].b0);
}

/* "married less than a week earlier", "more than two days before": a bound, not a date. */
static bool bound_before(const char *text, const mtok *tok, size_t k, size_t t0)
{
    return k >= t0 + 2 && is_word(text, &tok[k - 1], "than") &&
           (is_word(text, &tok[k - 2], "less") || is_word(text, &tok[k - 2], "more"));
}

int incmap_timeref_find(const char *text, const mtok *tok, size_t t0, size_t t1, incmap_date pub,
                        incmap_date prev, incmap_date *out)
{
    incmap_date rel = {0, 0, 0}, report = {0, 0, 0};
    bool span = false; /* rel came from a counted span */
    for (size_t k = t0; k < t1; k++) {
        int y = 0, m = 0, d = 0;
        if (iso_date(text, tok, k, t1, out)) {
            return TIMEREF_OWN;
        }
        size_t e = k;
        if (month_day(text, tok, k, t1, &y, &m, &d, &e)) {
            if (y == 0 && known(pub)) {
                /* the latest such day not after publication (a day of slack for time zones) */
                y = pub.y;
                if (valid(y, m, d) &&
                    days_from_civil(y, m, d) > days_from_civil(pub.y, pub.m, pub.d) + 1) {
                    y--;
                }
            }
            if (y != 0 && valid(y, m, d) && dateline(text, tok, k, e, t1)) {
                report = known(report) ? report : (incmap_date){y, m, d};
                continue; /* the dateline: the report's day, not the event's */
            }
            if (y != 0 && valid(y, m, d)) {
                *out = (incmap_date){y, m, d};
                return TIMEREF_OWN; /* an explicit date beats any relative one in the sentence */
            }
            continue;
        }
        int wd = weekday_of(text, &tok[k]);
        if (wd >= 0 && known(pub) && statement_day(text, tok, k, t0)) {
            if (!known(report)) {
                long pd = days_from_civil(pub.y, pub.m, pub.d);
                int pub_wd = (int)(((pd % 7) + 7 + 3) % 7);
                report = add_days(pub, -(long)((pub_wd - wd + 7) % 7));
            }
            continue;
        }
        if (known(rel) && !(span && wd >= 0)) {
            continue; /* keep looking for an explicit date (or a weekday after a span) only */
        }
        if (wd >= 0 && known(pub)) {
            /* "A day earlier, on Saturday": the weekday names the day; the span only counts */
            long pd = days_from_civil(pub.y, pub.m, pub.d);
            int pub_wd = (int)(((pd % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday (3) */
            long back = (pub_wd - wd + 7) % 7;
            if (k > t0 && is_word(text, &tok[k - 1], "last") && back == 0) {
                back = 7;
            }
            rel = add_days(pub, -back);
            span = false;
        } else if (known(pub) && is_word(text, &tok[k], "yesterday")) {
            rel = add_days(pub, -1);
        } else if (known(pub) &&
                   (is_word(text, &tok[k], "today") || is_word(text, &tok[k], "tonight"))) {
            rel = pub;
        } else if (k + 2 < t1 && is_word(text, &tok[k + 1], "days") &&
                   is_word(text, &tok[k + 2], "ago") && known(pub)) {
            long n = incmap_word_number(text + tok[k].b0, tok[k].b1 - tok[k].b0);
            if (n > 0 && n < 400) {
                rel = add_days(pub, -n);
            }
        } else if (k + 2 < t1 && is_word(text, &tok[k], "the") &&
                   is_word(text, &tok[k + 1], "day") &&
                   (is_word(text, &tok[k + 2], "before") ||
                    is_word(text, &tok[k + 2], "earlier"))) {
            incmap_date base = known(prev) ? prev : pub;
            if (known(base)) {
                rel = add_days(base, -1);
            }
        } else if (k + 1 < t1 && known(prev) &&
                   ((is_word(text, &tok[k], "that") &&
                     (is_word(text, &tok[k + 1], "day") || is_word(text, &tok[k + 1], "evening") ||
                      is_word(text, &tok[k + 1], "night") ||
                      is_word(text, &tok[k + 1], "morning") ||
                      is_word(text, &tok[k + 1], "afternoon"))) ||
                    (is_word(text, &tok[k], "same") && is_word(text, &tok[k + 1], "day")))) {
            rel = prev; /* "later that evening", "on the same day" */
        } else if (!bound_before(text, tok, k, t0) &&
                   relative_span(text, tok, k, t1, pub, prev, &rel)) {
            /* "two days later", "a week earlier", "hours later", "last week", "the next day" */
            span = true;
        } else if (k + 2 < t1 && is_word(text, &tok[k], "the") &&
                   is_word(text, &tok[k + 1], "previous") && is_word(text, &tok[k + 2], "day")) {
            incmap_date base = known(prev) ? prev : pub;
            if (known(base)) {
                rel = add_days(base, -1);
            }
        }
    }
    if (known(rel)) {
        *out = rel;
        return TIMEREF_OWN;
    }
    if (known(report)) {
        *out = report;
        return TIMEREF_REPORT;
    }
    return TIMEREF_NONE;
}

/* How many days before publication a date lies (negative: after it). */
static long days_before(incmap_date pub, incmap_date d)
{
    return days_from_civil(pub.y, pub.m, pub.d) - days_from_civil(d.y, d.m, d.d);
}

static bool among_list(const char *text, const mtok *t, const char *const *list, size_t n)
{
    return (t->flags & TOK_WORD) && tok_among(text, t, list, n);
}
#define TOK_AMONG(text, t, list) among_list(text, t, list, sizeof list / sizeof list[0])

/* A time reference in [t0, t1) that is clearly not the time of a fresh report: a year other than
 * the publication's ("in 2014", "the June 2021 massacre"), a month without a day other than the
 * publication's ("In March its drones ..."), a month and day more than RECENT_DAYS before it, or
 * "last year". */
#define RECENT_DAYS 7 /* a report's own incidents lie within a week before its date */
static bool old_timeref(const char *text, const mtok *tok, size_t t0, size_t t1, incmap_date pub)
{
    for (size_t k = t0; k < t1; k++) {
        if (is_word(text, &tok[k], "last") && k + 1 < t1 &&
            (is_word(text, &tok[k + 1], "year") || is_word(text, &tok[k + 1], "month") ||
             is_word(text, &tok[k + 1], "summer") || is_word(text, &tok[k + 1], "winter") ||
             is_word(text, &tok[k + 1], "spring") || is_word(text, &tok[k + 1], "autumn"))) {
            return true;
        }
        if (!known(pub)) {
            continue;
        }
        /* a year after a word that introduces one ("in 2014", "the June 2021 massacre", "their
         * 2020 war"), not a count ("about 2000 people") */
        int y = num_at(text, &tok[k], 1900, 2100);
        if (y > 0 && y != pub.y && k > t0 &&
            (month_of(text, &tok[k - 1]) > 0 || is_word(text, &tok[k - 1], "in") ||
             is_word(text, &tok[k - 1], "of") || is_word(text, &tok[k - 1], "the") ||
             is_word(text, &tok[k - 1], "since") || is_word(text, &tok[k - 1], "their") ||
             is_word(text, &tok[k - 1], "its") || is_word(text, &tok[k - 1], "early") ||
             is_word(text, &tok[k - 1], "late") || is_word(text, &tok[k - 1], "during"))) {
            return true;
        }
        int m = (tok[k].flags & TOK_CAP) ? month_of(text, &tok[k]) : -1;
        if (m <= 0) {
            continue;
        }
        int d = k + 1 < t1 ? num_at(text, &tok[k + 1], 1, 31) : -1;
        if (d < 0 && k > t0) {
            d = num_at(text, &tok[k - 1], 1, 31); /* "13 November" */
        }
        if (d > 0) {
            int yy = pub.y;
            if (valid(yy, m, d) && days_before(pub, (incmap_date){yy, m, d}) < -1) {
                yy--;
            }
            if (valid(yy, m, d) && days_before(pub, (incmap_date){yy, m, d}) > RECENT_DAYS) {
                return true;
            }
        } else if (m != pub.m) {
            return true;
        }
    }
    return false;
}

size_t incmap_background_from(const char *text, const mtok *tok, size_t t0, size_t t1,
                              incmap_date pub)
{
    size_t span = t1;
    bool marker = false;
    for (size_t k = t0; k < t1 && span == t1; k++) {
        if (is_word(text, &tok[k], "since")) {
            span = k; /* "since the war in Gaza began", "since October 7" */
        } else if ((is_word(text, &tok[k], "after") || is_word(text, &tok[k], "before")) &&
                   k > t0 && TOK_AMONG(text, &tok[k - 1], incmap_wl_time_units)) {
            span = k - 1; /* "came a day after troops killed ...", "weeks before the attack" */
        } else if (TOK_AMONG(text, &tok[k], incmap_wl_background_cues)) {
            marker = true;
        } else if (is_word(text, &tok[k], "times") && k > t0 &&
                   incmap_word_number(text + tok[k - 1].b0, tok[k - 1].b1 - tok[k - 1].b0) > 2) {
            return t0; /* "attacked 78 times": a tally of many events, not one of them */
        }
    }
    bool old = old_timeref(text, tok, t0, span, pub);
    if (!marker && !old) {
        return span;
    }
    if (!known(pub)) {
        return old ? t0 : span; /* "earlier" alone cannot be judged without the date */
    }
    /* "A day earlier, on Saturday, an explosion ...": its own recent date makes it an incident */
    incmap_date d;
    incmap_date none = {0, 0, 0};
    if (incmap_timeref_find(text, tok, t0, span, pub, none, &d) && days_before(pub, d) >= -1 &&
        days_before(pub, d) <= RECENT_DAYS) {
        return span;
    }
    return t0;
}
