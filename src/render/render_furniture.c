/* Map furniture: title and subtitle, the frame, the legend (only the symbols the map uses, drawn
 * by the same functions as the map), a scale bar with round kilometres true at the map centre, a
 * north arrow pointing to true north at the centre, and the credits and source lines. */
#include "render/render_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void panel(rdr *r, const double b[4])
{
    cairo_t *cr = r->cr;
    double rad = 3 * r->u;
    cairo_new_path(cr);
    cairo_arc(cr, b[0] + rad, b[1] + rad, rad, M_PI, 1.5 * M_PI);
    cairo_arc(cr, b[2] - rad, b[1] + rad, rad, 1.5 * M_PI, 2 * M_PI);
    cairo_arc(cr, b[2] - rad, b[3] - rad, rad, 0, 0.5 * M_PI);
    cairo_arc(cr, b[0] + rad, b[3] - rad, rad, 0.5 * M_PI, M_PI);
    cairo_close_path(cr);
    rdr_set_color(r, r->st->legend_bg);
    cairo_fill_preserve(cr);
    cairo_set_source_rgba(cr, 0, 0, 0, 0.25);
    cairo_set_line_width(cr, 0.6 * r->u);
    cairo_stroke(cr);
}

static void legend_symbol(rdr *r, unsigned bit, double x, double y)
{
    cairo_t *cr = r->cr;
    const render_style *st = r->st;
    double s = st->sz_symbol * r->u, u = r->u;
    cairo_new_path(cr);
    switch (bit) {
    case LEG_LAUNCH:
        symbol_launch(r, x, y, s);
        break;
    case LEG_TARGET_AREA:
    case LEG_LAUNCH_AREA:
    case LEG_SITE_AREA: {
        /* the swatch as the area is drawn: a light fill, hatched, outlined in the role's colour */
        rcolor c = bit == LEG_TARGET_AREA   ? st->target
                   : bit == LEG_LAUNCH_AREA ? st->launch
                                            : st->site;
        cairo_rectangle(cr, x - 9 * u, y - 5.5 * u, 18 * u, 11 * u);
        rdr_set_color_alpha(r, c, st->target_fill_alpha);
        cairo_fill_preserve(cr);
        hatch_current_path(r, c, 5 * u, 1.1 * u);
        cairo_rectangle(cr, x - 9 * u, y - 5.5 * u, 18 * u, 11 * u);
        rdr_set_color(r, c);
        cairo_set_line_width(cr, st->w_target * u);
        cairo_stroke(cr);
        break;
    }
    case LEG_TARGET_POINT:
        symbol_target_point(r, x, y, s);
        break;
    case LEG_BORDER:
    case LEG_LINE: {
        double dash[2] = {BORDER_DASH_ON * u, BORDER_DASH_OFF * u};
        cairo_move_to(cr, x - 10 * u, y);
        cairo_line_to(cr, x + 10 * u, y);
        rdr_set_color(r, st->border);
        cairo_set_line_width(cr, st->w_border * u);
        cairo_set_dash(cr, dash, bit == LEG_LINE ? 2 : 0, -1.5 * u);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        break;
    }
    case LEG_ARROW:
        cairo_move_to(cr, x - 10 * u, y);
        cairo_line_to(cr, x + 4 * u, y);
        rdr_set_color(r, st->arrow);
        cairo_set_line_width(cr, st->w_arrow * u);
        cairo_stroke(cr);
        arrow_head(r, x + 10 * u, y, 0, 9 * u, st->arrow);
        break;
    case LEG_SITE:
        symbol_site(r, x, y, s);
        break;
    case LEG_RANGE: {
        double dash[2] = {4 * u, 2 * u};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_move_to(cr, x - 10 * u, y);
        cairo_line_to(cr, x + 10 * u, y);
        rdr_set_color(r, st->range);
        cairo_set_line_width(cr, st->w_range * u);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        break;
    }
    case LEG_MENTION:
        symbol_mention(r, x, y, s * 0.22);
        break;
    case LEG_KEY_SITE:
        symbol_key_site(r, x, y, 3.6 * u);
        break;
    case LEG_PLACE:
        symbol_place(r, x, y, 2.1 * u);
        break;
    case LEG_DISPUTED:
        cairo_rectangle(cr, x - 9 * u, y - 5.5 * u, 18 * u, 11 * u);
        rdr_set_color(r, st->disputed_fill);
        cairo_fill_preserve(cr);
        hatch_current_path(r, st->disputed_hatch, 6 * u, 0.7 * u);
        break;
    default:
        break;
    }
}

static void draw_legend(rdr *r)
{
    const incmap_render_view *v = r->v;
    const render_style *st = r->st;
    if (!v->has_box[INCMAP_BOX_LEGEND]) {
        return;
    }
    const double *b = v->box[INCMAP_BOX_LEGEND];
    panel(r, b);
    double u = r->u, row_h = st->sz_legend * 1.95 * u, w, h;
    double y = b[1] + 5 * u;
    rdr_text(r, "KEY", b[0] + 8 * u, y, st->sz_legend, TXT_BOLD | TXT_CAPS, st->text_muted);
    y += st->sz_legend * 2.2 * u;
    char buf[64];
    for (unsigned bit = 1; bit <= LEG_LAST; bit <<= 1) {
        if (!(v->legend & bit)) {
            continue;
        }
        double cy = y + row_h / 2;
        legend_symbol(r, bit, b[0] + 18 * u, cy);
        const char *t = render_legend_text(bit, v->range_km, buf, sizeof buf);
        rdr_text_size(r, t, st->sz_legend, 0, &w, &h);
        rdr_text(r, t, b[0] + 34 * u, cy - h / 2, st->sz_legend, 0, st->text);
        y += row_h;
    }
}

static void draw_scale_bar(rdr *r)
{
    const incmap_render_view *v = r->v;
    const render_style *st = r->st;
    if (!v->has_box[INCMAP_BOX_SCALE_BAR]) {
        return;
    }
    cairo_t *cr = r->cr;
    const double *b = v->box[INCMAP_BOX_SCALE_BAR];
    panel(r, b);
    double u = r->u, x0 = b[0] + 13 * u, bar_h = 4 * u, y0 = b[3] - 7 * u - bar_h;
    double seg = v->scale_px / 4;
    for (int i = 0; i < 4; i++) {
        cairo_rectangle(cr, x0 + i * seg, y0, seg, bar_h);
        if (i % 2 == 0) {
            rdr_set_color(r, st->text);
        } else {
            cairo_set_source_rgb(cr, 1, 1, 1);
        }
        cairo_fill(cr);
    }
    cairo_rectangle(cr, x0, y0, v->scale_px, bar_h);
    rdr_set_color(r, st->text);
    cairo_set_line_width(cr, 0.8 * u);
    cairo_stroke(cr);
    char buf[32];
    bool metres = v->scale_km < 1; /* "0 250 500 m", not "0 0.25 0.5 km" */
    double vals[3] = {0, v->scale_km / 2, v->scale_km};
    for (int i = 0; i < 3; i++) {
        double w, h;
        if (metres) {
            snprintf(buf, sizeof buf, i == 2 ? "%.0f m" : "%.0f", vals[i] * 1000);
        } else if (i == 2) {
            snprintf(buf, sizeof buf, "%g km", vals[i]);
        } else {
            snprintf(buf, sizeof buf, "%g", vals[i]);
        }
        rdr_text_size(r, buf, st->sz_legend, 0, &w, &h);
        double x = x0 + v->scale_px * i / 2.0 - (i == 2 ? w * 0.3 : w / 2);
        rdr_text(r, buf, x, y0 - h - 1.5 * u, st->sz_legend, 0, st->text);
    }
}

static void draw_north_arrow(rdr *r)
{
    const incmap_render_view *v = r->v;
    cairo_t *cr = r->cr;
    const double *b = v->box[INCMAP_BOX_NORTH_ARROW];
    double u = r->u, cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2 + 5 * u, len = 13 * u;
    cairo_save(cr);
    cairo_translate(cr, cx, cy);
    cairo_rotate(cr, v->north_rad);
    cairo_move_to(cr, 0, -len);
    cairo_line_to(cr, 5 * u, len * 0.55);
    cairo_line_to(cr, 0, len * 0.25);
    cairo_close_path(cr);
    rdr_set_color(r, r->st->text);
    cairo_fill(cr);
    cairo_move_to(cr, 0, -len);
    cairo_line_to(cr, -5 * u, len * 0.55);
    cairo_line_to(cr, 0, len * 0.25);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    rdr_set_color(r, r->st->text);
    cairo_set_line_width(cr, 0.9 * u);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    double w, h;
    rdr_text_size(r, "N", r->st->sz_legend, TXT_BOLD, &w, &h);
    double tx = sin(v->north_rad) * (len + h * 0.6), ty = -cos(v->north_rad) * (len + h * 0.6);
    cairo_restore(cr);
    rdr_text(r, "N", cx + tx - w / 2, cy + ty - h / 2, r->st->sz_legend, TXT_BOLD | TXT_HALO,
             r->st->text);
}

/* Height of the title block (title, subtitle lines) at k times the style's sizes, wrapped to
 * the title box; drawn when draw is set. */
static double title_block(rdr *r, double k, bool draw)
{
    const incmap_render_view *v = r->v;
    const render_style *st = r->st;
    const double *t = v->box[INCMAP_BOX_TITLE];
    double max_w = t[2] - t[0], y = t[1];
    y += rdr_text_wrap(r, v->title, t[0], y, st->sz_title * k, TXT_BOLD | TXT_TITLEFONT, st->text,
                       max_w, draw);
    y += st->sz_title * 0.2 * k * r->u;
    for (size_t i = 0; i < v->nsubtitle; i++) {
        y += rdr_text_wrap(r, v->subtitle[i], t[0], y, st->sz_subtitle * k, 0, st->text_muted,
                           max_w, draw);
        y += st->sz_subtitle * 0.2 * k * r->u;
    }
    return y - t[1];
}

static void draw_titles_and_credits(rdr *r, const incmap_render_opts *opts)
{
    const incmap_render_view *v = r->v;
    const render_style *st = r->st;
    const double *t = v->box[INCMAP_BOX_TITLE];
    double w, h;
    /* titles wrap, and shrink when the wrapped lines need more than the band has: never cut */
    double k = 1, room = t[3] - t[1] + 3 * r->u;
    for (int i = 0; i < 8; i++) {
        double need = title_block(r, k, false);
        if (need <= room) {
            break;
        }
        k *= fmax(0.8, sqrt(room / need) * 0.98);
    }
    double used = title_block(r, k, true);
    if (incmap_log_enabled(r->ctx, INCMAP_LOG_DEBUG)) {
        incmap_log(r->ctx, INCMAP_LOG_DEBUG,
                   "render: title block %.1f px of %.1f at %.2f of the size", used, room, k);
    }
    char line[512];
    double x = v->frame[0], yb = v->height - 14 * r->u * 0.7 - 2 * st->sz_credits * 1.55 * r->u;
    snprintf(line, sizeof line, "%s",
             opts->source ? opts->source
                          : "Source: incident locations "
                            "geolocated by incmap");
    rdr_text_size(r, "incmap", st->sz_credits, TXT_BOLD, &w, &h);
    double credit_w = v->frame[2] - x - w - 12 * r->u;
    rdr_text_fit(r, line, x, yb, st->sz_credits, 0, st->text_muted, credit_w);
    snprintf(line, sizeof line,
             "Map data: GeoNames (CC BY 4.0), Natural Earth, OurAirports%s%s \xc2\xb7 Boundaries "
             "are not authoritative \xc2\xb7 Projection: %s",
             r->drawn_rivers + r->drawn_lakes > 0 || r->drawn_hires_coast ? ", GSHHG (LGPL)" : "",
             r->drawn_relief ? ", SRTM30 relief (NASA)" : "", incmap_proj_name(v->proj));
    rdr_text_fit(r, line, x, yb + st->sz_credits * 1.55 * r->u, st->sz_credits, 0, st->text_muted,
                 credit_w);
    rdr_text(r, "incmap", v->frame[2] - w, yb + st->sz_credits * 1.55 * r->u, st->sz_credits,
             TXT_BOLD, st->text_muted);
}

void render_furniture(rdr *r, incmap_base *o)
{
    const incmap_render_view *v = r->v;
    cairo_t *cr = r->cr;
    if (incmap_log_enabled(r->ctx, INCMAP_LOG_DEBUG)) { /* the boxes as drawn, for tests */
        static const char *const names[RENDER_NBOX] = {"map",   "title", "legend",
                                                       "scale", "north", "inset"};
        for (int k = 0; k < RENDER_NBOX; k++) {
            const double *b = v->box[k];
            if (v->has_box[k]) {
                incmap_log(r->ctx, INCMAP_LOG_DEBUG, "render: box %s %.1f %.1f %.1f %.1f", names[k],
                           b[0], b[1], b[2], b[3]);
            }
        }
    }
    render_inset(r, o);
    draw_legend(r);
    draw_scale_bar(r);
    draw_north_arrow(r);
    const double *f = v->frame;
    cairo_rectangle(cr, f[0], f[1], f[2] - f[0], f[3] - f[1]);
    rdr_set_color(r, r->st->frame);
    cairo_set_line_width(cr, r->st->w_frame * r->u);
    cairo_stroke(cr);
}

void render_titles(rdr *r, const incmap_render_opts *opts)
{
    draw_titles_and_credits(r, opts);
}
