/* Shared internals of the map renderer (src/render/render*.c). The view (projection, extent,
 * layout) is computed once from the incidents and options; the drawing passes read it and draw
 * through one cairo context, so PNG, SVG and PDF share every line of drawing code. */
#ifndef INCMAP_RENDER_INTERNAL_H
#define INCMAP_RENDER_INTERNAL_H

#include "core/core.h"
#include "incmap/render.h"
#include "render/base_read.h"
#include "render/proj_bridge.h"

#include <cairo.h>
#include <pthread.h>

typedef struct {
    double r, g, b, a;
} rcolor;

/* Every style value; sizes and widths are in points (scaled by dpi/72). maps/style.json holds the
 * same defaults (a test checks they agree). */
typedef struct {
    rcolor water, river, coast_line, sea_label; /* physical context (render_physical.c) */
    rcolor background, sea, land, land_focus, country_line, admin1_line, graticule, frame, text,
        text_muted, halo, country_label, place, launch, target, border, arrow, site, range, mention,
        legend_bg, inset_sea, inset_land, inset_frame, disputed_fill, disputed_hatch;
    double target_fill_alpha;
    double w_river, w_coast, sz_sea;
    double w_country, w_admin1, w_border, w_arrow, w_range, w_frame, w_graticule, w_target, w_halo,
        w_defacto, w_claim;
    double sz_title, sz_subtitle, sz_label, sz_country, sz_place, sz_legend, sz_credits, sz_tick,
        sz_symbol;
    char font[96], font_title[96];
    bool graticule_lines;
} render_style;

void render_style_defaults(render_style *st);
/* Merges a style JSON (partial is fine) over *st. Unknown keys and bad values are errors. */
incmap_status render_style_merge_file(incmap_ctx *ctx, render_style *st, const char *path);
incmap_status render_style_merge_json(incmap_ctx *ctx, render_style *st, const char *json,
                                      size_t len, const char *what);

/* Legend entries, in the order the legend lists them: each as the map draws it (a launch or site
 * known only as an area is drawn hatched, so its entry is a hatched swatch). */
enum {
    LEG_LAUNCH = 1,
    LEG_LAUNCH_AREA = 2,
    LEG_TARGET_AREA = 4,
    LEG_TARGET_POINT = 8,
    LEG_BORDER = 16,
    LEG_LINE = 32, /* render_border.c: a border crossed along a de facto line, dashed */
    LEG_ARROW = 64,
    LEG_SITE = 128,
    LEG_SITE_AREA = 256,
    LEG_RANGE = 512,
    LEG_MENTION = 1024,
    LEG_KEY_SITE = 2048, /* air bases and airports near the incident (render_sites.c) */
    LEG_PLACE = 4096,
    LEG_DISPUTED = 8192, /* render_disputed.c: a disputed or occupied area in view */
    LEG_LAST = LEG_DISPUTED
};

#define RENDER_NBOX 6
#define RENDER_MAX_SUBTITLE 4
#define VIEW_KEY_SITES 3      /* air bases and airports labelled at most */
#define RENDER_SHORT_TITLE 70 /* html-validate's long-title rule */

/* Names the map writes (render_names.c): sorted (key, value) pairs read from the gazetteer. */
typedef struct {
    char *key, *value;
} render_name_pair;
typedef struct {
    render_name_pair *labels; /* gazetteer name -> curated conventional name */
    size_t nlabels;
    render_name_pair *countries; /* ISO alpha-2 -> country name */
    size_t ncountries;
} render_names;
incmap_status render_names_load(incmap_ctx *ctx, render_names *rn, incmap_base *o);
void render_names_free(render_names *rn);
/* The conventional form of a gazetteer name (the curated label, else the general rule, else the
 * name); may return buf (n bytes) or name. rn may be NULL (the rule alone). */
const char *render_name(const render_names *rn, const char *name, char *buf, size_t n);
/* The country's name for an ISO alpha-2 code, or NULL. */
const char *render_country_name(const render_names *rn, const char *cc);

/* A feature's incident, role and index, sorted two ways for the lookups of render_index.c. */
typedef struct {
    int incident, role;
    size_t i;
} view_ref;

/* The class of a boundary_lines or boundary_areas row (base_feature.kind; render_disputed.c). */
enum { CLS_DE_FACTO = 1, CLS_CEASEFIRE, CLS_CLAIM, CLS_OCCUPIED, CLS_DISPUTED };

struct incmap_render_view {
    incmap_proj *proj;
    render_style style;
    int width, height;
    double dpi;
    double u;        /* pixels per point: dpi / 72 times view_size_scale() */
    double frame[4]; /* map frame in px: x0, y0, x1, y1 */
    double map[4];   /* the frame in map units: xmin, ymin, xmax, ymax */
    double px_per_unit;
    double ll[4]; /* lon/lat bbox of the frame: west, south, east, north */
    double centre_lon, centre_lat;
    double box[RENDER_NBOX][4];
    bool has_box[RENDER_NBOX];
    unsigned furniture_out; /* FURN_* that found no free place inside the frame (first pass) */
    unsigned legend;        /* LEG_* used */
    base_features disputed; /* disputed and occupied areas near the frame (boundary_areas): a
                               place inside one is named without a country in the title */
    base_features lines;    /* boundary_lines, read once: de facto and ceasefire lines (what a
                               border crossed may follow, render_border.c) and claims */
    double scale_km, scale_px;
    double north_rad; /* true north at the centre, clockwise from up */
    double grat_step_deg;
    double range_km;
    char *title;
    char *title_short; /* at most RENDER_SHORT_TITLE characters: an HTML page's <title> */
    char *subtitle[RENDER_MAX_SUBTITLE];
    size_t nsubtitle;
    incmap_proj *inset_proj;
    double inset_map[4], inset_ll[4], inset_px_per_unit;
    double tol_deg, inset_tol_deg; /* about half a pixel, in degrees, for thinning base layers */
    double cull[4], inset_cull[4]; /* the lon/lat boxes with a margin: base layers beyond are cut */
    size_t nfeat;                  /* features of the incidents the view was made for */
    view_ref *by_id;               /* by incident, then feature index */
    view_ref *by_role;             /* by incident, role, then feature index */
    unsigned char *mention_vis;    /* per feature: a context mention that is drawn */
    struct {
        char name[96];
        double lon, lat;
    } sites[VIEW_KEY_SITES]; /* key sites to label, nearest the incident first */
    size_t nsites;
    render_names names; /* conventional names and country names (empty without a
                           gazetteer) */
};

/* incmap_render_view_create() with the base layers' GeoPackage open (o may be NULL): the view
 * then knows the gazetteer's conventional names and country names for its titles. */
incmap_render_view *view_create(incmap_ctx *ctx, const incmap_incidents *inc,
                                const incmap_render_opts *opts, incmap_base *o);

/* Key sites in view (render_sites.c): view_key_sites() picks them once the frame is known
 * (none without o); render_key_sites() labels those that fit, after the base map's towns. */
void view_key_sites(incmap_render_view *v, const incmap_incidents *inc, incmap_base *o);

/* Map units -> px, and lon/lat -> px (false when not projectable). */
void view_map_to_px(const incmap_render_view *v, double x, double y, double *px, double *py);
bool view_ll_to_px(const incmap_render_view *v, double lon, double lat, double *px, double *py);

/* Checks every coordinate of every feature (finite, in range). */
incmap_status view_check_coords(incmap_ctx *ctx, const incmap_incidents *inc);
/* Title and subtitle lines from the incidents (owned by the view). */
incmap_status view_make_titles(incmap_ctx *ctx, incmap_render_view *v, const incmap_incidents *inc,
                               const incmap_render_opts *opts);
unsigned view_legend_entries(const incmap_render_view *v, const incmap_incidents *inc,
                             const incmap_render_opts *opts);
/* The feature index (render_index.c): build() sorts the features by incident and role (before
 * the titles); mentions() decides which context mentions are drawn (once the frame is known);
 * free() releases both. */
incmap_status view_index_build(incmap_ctx *ctx, incmap_render_view *v, const incmap_incidents *inc);
incmap_status view_index_mentions(incmap_ctx *ctx, incmap_render_view *v,
                                  const incmap_incidents *inc);
void view_index_free(incmap_render_view *v);
/* The first feature (by index) of incident id with the role, or NULL. O(log n). */
const incmap_feature *view_find_role(const incmap_render_view *v, const incmap_incidents *inc,
                                     int id, incmap_role role);
/* Position in v->by_id of the first feature of incident id (v->nfeat, or another incident's
 * entry, when it has none). */
size_t view_incident_first(const incmap_render_view *v, int id);
/* Feature i is a context mention that is drawn: a point inside the frame that no role already
 * shows (by name). */
bool view_mention_visible(const incmap_render_view *v, size_t i);
/* Text, symbols and lines scale with the image: 1 at 1600x1200, linear above (3200x2400 is
 * 1600x1200 drawn twice as large), damped below (the square root of the linear factor), so
 * that small maps stay legible. */
double view_size_scale(int width, int height);
/* Lines that text needs at size_px in max_w px, estimated from its length (em: mean advance
 * per character, in ems); render_titles() shrinks text that needs more when drawn. */
#define VIEW_EM_BOLD 0.56
#define VIEW_EM_REGULAR 0.52
double view_text_lines(const char *text, double size_px, double max_w, double em);

/* Furniture placement (render_layout.c). Each item (the legend, the inset, the scale bar with
 * the north arrow) tries these positions inside the frame, in its own order of preference, and
 * takes the first where it would hide nothing of the incidents: their symbols, label zones,
 * arrows, borders, rings and target areas, drawn into a coarse weight mask at the frame's
 * pixels. Items that fit nowhere go to a column outside the frame (view_layout_furniture then
 * returns the column's width: the frame gives it up and the layout runs again with
 * `column` true). */
enum {
    FURN_POS_BOTTOM_LEFT,
    FURN_POS_BOTTOM_RIGHT,
    FURN_POS_TOP_RIGHT,
    FURN_POS_TOP_LEFT,
    FURN_POS_BOTTOM,
    FURN_POS_RIGHT,
    FURN_POS_TOP,
    FURN_POS_LEFT,
    FURN_NPOS
};
enum { FURN_LEGEND = 1, FURN_INSET = 2, FURN_SCALE = 4 };
/* The box (x0, y0, x1, y1) of a w x h item at position pos, m px inside frame fr. */
void view_furniture_candidate(const double fr[4], double m, double w, double h, int pos,
                              double out[4]);
double view_layout_furniture(incmap_render_view *v, const incmap_incidents *inc, bool column);
const char *render_legend_text(unsigned bit, double range_km, char *buf, size_t n);
/* The legend's size in px for the entries in v->legend. */
void view_legend_size(const incmap_render_view *v, double *w, double *h);
/* Drops the legend row of `bit` after the map is drawn (the key sites' row when none could be
 * labelled): the box shrinks towards the frame edges it sits against, so it still covers
 * nothing it did not cover before. */
void view_legend_drop(incmap_render_view *v, unsigned bit);

/* The drawing state shared by the passes. */
typedef struct {
    double x0, y0, x1, y1;
} rbox;

/* One line of text as an SVG <text> element: where its baseline starts (px), its size (px),
 * TXT_* flags, colour and the layer it belongs to. */
typedef struct {
    char *text;
    double x, y, size_px;
    unsigned flags;
    rcolor color;
    int layer;
} rtext;

#define RDR_SEEN 64
#define RDR_SEEN_PX 60.0

/* SVG output: the layers (render.c), each drawn through its own cairo SVG surface. */
struct rdr_svg;

typedef struct {
    incmap_ctx *ctx;
    cairo_t *cr;
    const incmap_render_view *v;
    const render_style *st;
    double u;
    rbox *occ; /* label collision boxes */
    size_t nocc, capocc;
    struct rdr_grid *grid; /* the boxes by grid cell (render_draw.c) */
    rtext *texts;          /* SVG: every line of text, written as <text> (not drawn) */
    size_t ntexts, captexts;
    struct rdr_svg *svg;     /* NULL unless the output is SVG */
    int layer;               /* SVG: the layer being drawn */
    base_features countries; /* read once by render_base, reused for the country names */
    char focus[64];          /* ISO alpha-2 codes of the incidents' countries, space-separated */
    bool oom;
    void *pango; /* PangoContext shared by every label (render_draw.c); rdr_text_done frees it */
    struct rdr_fonts *fonts; /* the font map, warmed in the background (render_fonts.c) */
    struct rdr_inset *inset; /* the inset's countries, drawn in the background (PNG only) */
    size_t drawn_rivers, drawn_lakes, drawn_sea_labels; /* for the debug log and tests */
    bool drawn_hires_coast;
    bool drawn_relief; /* render_relief.c: some shadow drawn (the credits name its source) */
    base_features blines, bareas; /* render_disputed.c: boundary lines and areas in view
                                     (borrowed from the view's `lines` and `disputed`) */
    struct {
        char name[96]; /* a place's label as drawn (its conventional name) */
        double x, y;   /* its point, px */
    } seen[RDR_SEEN];
    size_t nseen;
    size_t key_sites_drawn; /* render_key_sites(): air bases and airports labelled */
} rdr;

/* One label per place (render_names.c): true when a place of that name was labelled within
 * RDR_SEEN_PX * u px of (x, y); note() records one (the first RDR_SEEN). */
bool rdr_label_seen(const rdr *r, const char *name, double x, double y);
void rdr_label_note(rdr *r, const char *name, double x, double y);

/* The inset's countries drawn by a second thread (render_inset.c) onto their own surface, from
 * their own connection to the GeoPackage: start() returns NULL when there is no inset or no
 * thread (render_inset() then draws inline); finish() waits for it and frees it. */
typedef struct rdr_inset rdr_inset;
rdr_inset *render_inset_start(const incmap_render_view *v, const char *gpkg_path);
void render_inset_finish(rdr_inset *in);
/* The inset in its box: the countries (from r->inset when drawn in the background), then the
 * main map's outline. Called by render_furniture(). */
void render_inset(rdr *r, incmap_base *o);

/* Text is shaped at this pixel size and scaled by cairo (render_draw.c). */
#define RDR_TEXT_REF_PX 32.0
/* Font maps (render_fonts.c): start() warms one in a second thread (or takes the process's
 * spare) and may return NULL (then the thread's default map is used); map() waits for the warm-up
 * and returns the map; release() hands it back as the spare. */
typedef struct rdr_fonts rdr_fonts;
struct _PangoFontMap;
struct _PangoContext;
rdr_fonts *rdr_fonts_start(const render_style *st);
struct _PangoFontMap *rdr_fonts_map(rdr_fonts *f);
void rdr_fonts_release(rdr_fonts *f);
/* The font options every context of the renderer uses (unhinted metrics). */
void rdr_font_options(struct _PangoContext *pc);
/* A layout of text in the style's face for flags (TXT_*), at the reference size. Owned. */
struct _PangoLayout;
struct _PangoLayout *rdr_layout_new(struct _PangoContext *pc, const render_style *st,
                                    const char *text, unsigned flags);

void rdr_set_color(rdr *r, rcolor c);
void rdr_set_color_alpha(rdr *r, rcolor c, double alpha);
/* Adds the geometry (lon/lat) as a path in px; polygons closed. Vertices closer than tol_deg
 * (|dlon| + |dlat|) to the previous one, and runs beyond one side of the lon/lat box `cull`
 * (NULL: none), are skipped before projection. Returns vertices added. */
size_t rdr_path_geom(rdr *r, const incmap_geom *g, const incmap_proj *p, const double map[4],
                     double px_per_unit, const double frame[4], double tol_deg, const double *cull);
size_t rdr_path_lonlat(rdr *r, const double *lonlat, size_t n, bool close);
bool rdr_occupied(const rdr *r, rbox b);
void rdr_occupy(rdr *r, rbox b);
void rdr_occupy_free(rdr *r); /* the boxes and their grid */

/* Frees the text machinery of r (after the last text is drawn). */
void rdr_text_done(rdr *r);
/* Text (pango). flags: bold, halo, italic; align: 0 left, 1 centre, 2 right (x is the anchor). */
enum { TXT_BOLD = 1, TXT_HALO = 2, TXT_ITALIC = 4, TXT_CAPS = 8, TXT_TITLEFONT = 16 };
/* Measures text; returns width/height in px. */
void rdr_text_size(rdr *r, const char *text, double size_pt, unsigned flags, double *w, double *h);
void rdr_text(rdr *r, const char *text, double x, double y, double size_pt, unsigned flags,
              rcolor c);
/* The same within max_w px: shrunk by up to 28%, then ellipsized. */
void rdr_text_fit(rdr *r, const char *text, double x, double y, double size_pt, unsigned flags,
                  rcolor c, double max_w);
/* The same wrapped at word boundaries to lines of at most max_w px; returns the height in px.
 * Measures only, when draw is false. */
double rdr_text_wrap(rdr *r, const char *text, double x, double y, double size_pt, unsigned flags,
                     rcolor c, double max_w, bool draw);
/* Places a label near (x, y) avoiding occupied boxes, trying 8 positions at `gap` px from the
 * point. `must` labels are drawn even when every position collides (in the first position). */
bool rdr_label(rdr *r, const char *text, double x, double y, double gap, double size_pt,
               unsigned flags, rcolor c, bool must);

/* Starts the named layer (an SVG <g id="name">; nothing for PNG and PDF): what is drawn from
 * here on goes into it. */
void rdr_layer(rdr *r, const char *id);

/* Passes, in drawing order. */
incmap_status render_basemap_raster(rdr *r, const char *path);
void render_base(rdr *r, incmap_base *o, bool has_raster);
/* render_physical.c: GSHHG rivers, lakes and the detailed coast, and sea names. */
/* The frame's width in km at the map's centre: what each scale rule below is keyed on. */
double view_width_km(const incmap_render_view *v);
/* What a map of each width shows, for the static map and the web page alike (render_physical.c,
 * render_disputed.c): under RENDER_HIRES_KM across, the detailed GSHHG coast; under
 * RENDER_CLAIM_MAX_KM, claim lines. */
#define RENDER_HIRES_KM 300.0
#define RENDER_CLAIM_MAX_KM 2000.0
/* Scale bands: maps narrower than below_km show rivers up to GSHHG level max_river (1 major ..
 * 4 minor permanent) and lakes of min_lake_km2 and more. */
typedef struct {
    double below_km;
    int max_river;
    double min_lake_km2;
} render_phys_band;
extern const render_phys_band render_phys_bands[];
extern const size_t render_phys_nbands;
size_t render_phys_band_of(double width_km);
/* Sea names by kind (BASE_SEA_*): shown on maps min_km..max_km across. */
typedef struct {
    int kind;
    double min_km, max_km;
} render_sea_scale;
extern const render_sea_scale render_sea_scales[];
extern const size_t render_sea_nscales;
/* Whether a shore ring's edge a-b runs along its bin's edge (box bb): it closes the piece and is
 * no coast. */
bool render_shore_bin_edge(const double *a, const double *b, const double bb[4]);
bool render_physical_hires(rdr *r, incmap_base *o);
bool render_physical_land_clip(rdr *r, incmap_base *o, const double ll[4]);
void render_physical_water(rdr *r, incmap_base *o, const double ll[4], bool hires);
void render_sea_labels(rdr *r, incmap_base *o);
/* render_relief.c: the gazetteer's relief as shadow over the land fills (none without it). */
void render_relief(rdr *r, incmap_base *o);
void render_graticule(rdr *r);
void render_incidents(rdr *r, const incmap_incidents *inc);
void render_incident_labels(rdr *r, const incmap_incidents *inc);
void render_base_labels(rdr *r, incmap_base *o);
void render_furniture(rdr *r, incmap_base *o);
void render_titles(rdr *r, const incmap_render_opts *opts); /* title, subtitle, credits */
/* De facto lines, claims, disputed and occupied areas (render_disputed.c): read() reads those
 * in view; the lines and areas are drawn after the base layers, their labels after the
 * incidents' labels; free() releases what read() read. */
void render_disputed_read(rdr *r, incmap_base *o, const incmap_render_view *v);
/* Frees what render_disputed_read() put in r->blines or r->bareas: rows borrowed from the view's
 * v->lines and v->disputed. */
void render_disputed_areas_free(base_features *areas);
/* True when a disputed or occupied area of the gazetteer shows inside v's frame: the legend
 * then lists it. Asked while the view is laid out, so the legend's size is final before the
 * furniture is placed. */
/* Reads the gazetteer's disputed and occupied areas into v->disputed. */
void view_read_disputed(incmap_ctx *ctx, incmap_render_view *v, incmap_base *o);
/* True when one of them shows in the view's frame. */
bool view_disputed_in_view(const incmap_render_view *v);
/* True when geometry g (the middle of its box) lies in one of the view's disputed areas. */
bool view_in_disputed_area(const incmap_render_view *v, const incmap_geom *g);
void render_disputed(rdr *r);
/* Fills each area whose claimant is an incident's country as that country's land (Crimea on a
 * map of an incident in Ukraine: Natural Earth has it in Russia's polygon); drawn over the
 * countries' fills and under water, outlines and the hatch of render_disputed(). */
void render_disputed_claimed_land(rdr *r);
/* True when ISO alpha-2 cc is one of the incidents' countries (r->focus; render_draw.c). */
bool rdr_is_focus(const rdr *r, const char *cc);
void render_disputed_labels(rdr *r, const incmap_incidents *inc);
void render_disputed_free(rdr *r);
/* The de facto or ceasefire line a border's text names ("Line of Control"), or NULL. */
const base_feature *render_named_line(const rdr *r, const char *text);

/* The ARGB32 surface a PNG or GeoTIFF is drawn on (render_png.c), transparent like
 * cairo_image_surface_create()'s, in memory mapped for it with its pages populated in one call
 * (MAP_POPULATE): the background's first paint otherwise takes a page fault per 4 KiB, about
 * 1,900 of them for a 1600x1200 map, each a trap into the kernel (costly on a virtual machine).
 * The picture is the same. Release with render_surface_unmap(*mem, *len) after the surface is
 * destroyed (*mem NULL: cairo owns the memory). */
cairo_surface_t *render_surface_create(int w, int h, void **mem, size_t *len);
void render_surface_unmap(void *mem, size_t len);
/* Writes an ARGB32 image surface as a PNG into af (render_png.c): 8-bit RGB when every pixel is
 * opaque, else 8-bit RGBA with straight (un-premultiplied) alpha. The surface is only read.
 * Errors: INCMAP_ERR_NOMEM, the write's own status, or INCMAP_ERR_RENDER with libpng's message. */
incmap_status render_png_write(incmap_ctx *ctx, cairo_surface_t *s, incmap_atomic_file *af,
                               const char *path);

/* The pixel conversions of the PNG writer, shared with the GeoTIFF's so both hold the same
 * pixels: true when some pixel of the ARGB32 data is not fully opaque; one row of w pixels as
 * 8-bit RGB (opaque) or RGBA with straight alpha (cairo's own rounding) into d. */
bool render_any_transparent(const unsigned char *data, int w, int h, int stride);
void render_row_rgb(unsigned char *d, const unsigned char *src, int w);
void render_row_rgba(unsigned char *d, const unsigned char *src, int w);

/* Starts loading libgdal in a thread *t (render_raster.c), so that its ~40 ms (the library and
 * about a hundred dependencies) overlap the drawing of a GeoTIFF; join *t before returning. False
 * when no thread could be started (render_geotiff_write() then loads it itself). */
bool render_gdal_preload(pthread_t *t);

/* Writes an ARGB32 image surface as a GeoTIFF into af (render_raster.c, through GDAL loaded with
 * dlopen): the PNG's pixels (RGB, or RGBA with unassociated alpha), DEFLATE, tiled above
 * RENDER_TIFF_TILE_ABOVE pixels, with the geotransform gt (GDAL's order) and the CRS wkt.
 * Errors: INCMAP_ERR_GDAL (GDAL missing or failing, with its message), INCMAP_ERR_NOMEM, or the
 * write's own status. */
incmap_status render_geotiff_write(incmap_ctx *ctx, cairo_surface_t *s, incmap_atomic_file *af,
                                   const char *path, const double gt[6], const char *wkt);

/* The world file (.pgw) and CRS (.prj) beside a PNG at out_path, and a GeoTIFF into af with the
 * same transform and the map CRS inside (render_georef.c). */
incmap_status render_write_world_file(incmap_ctx *ctx, const incmap_render_view *v,
                                      const char *out_path);
incmap_status render_write_geotiff(incmap_ctx *ctx, const incmap_render_view *v, cairo_surface_t *s,
                                   incmap_atomic_file *af, const char *out_path);

/* The static map as PNG bytes in memory (for the HTML map's <noscript>), drawn exactly as
 * incmap_render() draws a .png. *png is owned (free()); NULL with *len 0 on error. */
incmap_status render_png_mem(incmap_ctx *ctx, const char *gpkg_path, const incmap_incidents *inc,
                             const incmap_render_opts *opts, unsigned char **png, size_t *len);
/* The entity for a character that XML and HTML text and attribute values cannot hold as it is
 * (& < > "), or NULL. */
const char *render_xml_entity(char c);
/* Where render_incidents() hangs a feature's symbol and label: the point, a line's middle vertex,
 * the centroid of an area's largest polygon (its first vertex when the centroid falls outside);
 * NaN for an empty geometry. */
void render_feature_anchor(const incmap_feature *f, double *lon, double *lat);
/* A launch, target or site known only as a country, province or region (precision 3): drawn as
 * a hatched area (its polygon, or its uncertainty circle), never as a point symbol. */
bool render_feature_vague(const incmap_feature *f);
/* "Border crossed" is highlighted only near the incident: within c[4] px of the segment from
 * (c[0], c[1]) to (c[2], c[3]), the launch and target anchors in px (a circle around the one
 * located role when there is only one). False when the incident has no located role. */
#define BORDER_CORRIDOR_SHARE 0.5 /* of the launch-target length, each side */
#define BORDER_CORRIDOR_MIN_KM 40.0
#define BORDER_ALONE_KM 120.0
bool render_border_corridor(const incmap_render_view *v, const incmap_incidents *inc, int id,
                            double c[5]);
/* The border crossed (render_border.c): the stretch highlighted is the part within the corridor
 * (all of it without one). BORDER_NONE: the arrow crosses none of it, nothing is drawn;
 * BORDER_LINE: the arrow crosses it along one de facto or ceasefire line (or the report names
 * the line), which is highlighted dashed under its name; BORDER_SOLID: as a border. */
enum { BORDER_NONE, BORDER_SOLID, BORDER_LINE };
#define BORDER_DASH_ON 7.0 /* points */
#define BORDER_DASH_OFF 4.0
typedef struct {
    int how;
    bool corridor;
    double c[5];              /* the corridor (render_border_corridor) */
    const incmap_geom *g;     /* the lines walked: the feature's, or the named line's */
    const base_feature *line; /* BORDER_LINE: the line (in v->lines) */
    int *on;  /* per vertex of g: 1 + the index in v->lines of the line the segment ending there
                 lies on, 0 for none (owned; NULL when not computed) */
    int want; /* BORDER_LINE with `on`: the segments kept are those with on[i] == want */
} border_plan;
/* false: out of memory. Free with border_plan_free(). */
bool border_plan_make(const incmap_render_view *v, const incmap_incidents *inc,
                      const incmap_feature *f, border_plan *p);
void border_plan_free(border_plan *p);
/* The highlight as runs of points in px: emit(ud, x, y, true) starts a run. */
typedef void (*border_emit)(void *ud, double x, double y, bool start);
void border_plan_walk(const incmap_render_view *v, const border_plan *p, border_emit emit,
                      void *ud);
/* The label: the line's name for BORDER_LINE, else name; where it goes (px). */
const char *border_plan_name(const border_plan *p, const char *name);
bool border_plan_label_point(const incmap_render_view *v, const border_plan *p, double *bx,
                             double *by);
/* Whether the border feature is drawn at all (*how: its BORDER_*). */
bool render_border_drawn(const incmap_render_view *v, const incmap_incidents *inc,
                         const incmap_feature *f, int *how);
void render_border(rdr *r, const incmap_incidents *inc, const incmap_feature *f);
void render_border_label(rdr *r, const incmap_incidents *inc, const incmap_feature *f,
                         const char *name);
/* The distance the arrow of incident id shows, in km, along the geodesic between the anchors of
 * its launch and target (NaN without both): what the subtitle says. */
double render_arrow_km(const incmap_render_view *v, const incmap_incidents *inc, int id);

/* Symbols shared by the map and the legend. */
void symbol_launch(rdr *r, double x, double y, double size_px);
void symbol_site(rdr *r, double x, double y, double size_px);
void symbol_target_point(rdr *r, double x, double y, double size_px);
void symbol_place(rdr *r, double x, double y, double size_px);
void symbol_mention(rdr *r, double x, double y, double size_px);
void symbol_key_site(rdr *r, double x, double y, double size_px);
void render_key_sites(rdr *r); /* after the base map's towns */
void hatch_current_path(rdr *r, rcolor c, double spacing_px, double width_px);
void arrow_head(rdr *r, double x, double y, double angle_rad, double len_px, rcolor c);

#endif
