/* incmap_gazetteer: place name -> ranked, located candidates.
 * The gazetteer is a GeoPackage (for GIS users and the renderer) plus a binary index beside it
 * (same path, extension .idx) that this module memory-maps: opening and looking up never load GDAL.
 * Thread safety: an open gazetteer is read-only and may be shared between threads, each with its
 * own incmap_ctx. */
#ifndef INCMAP_GAZETTEER_H
#define INCMAP_GAZETTEER_H

#include "ctx.h"
#include "geom.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct incmap_gazetteer incmap_gazetteer;
typedef struct incmap_candidates incmap_candidates;
typedef struct incmap_place incmap_place; /* a borrowed view of one gazetteer entry */

typedef enum {
    INCMAP_KIND_ANY = 0,
    INCMAP_KIND_COUNTRY,
    INCMAP_KIND_ADMIN1,
    INCMAP_KIND_REGION, /* named regions, and directional parts of a country ("northeastern Syria")
                         */
    INCMAP_KIND_PLACE,  /* populated places */
    INCMAP_KIND_SITE    /* bases, airports, border crossings, facilities */
} incmap_kind;

/* How a name matched, best first. */
typedef enum {
    INCMAP_MATCH_EXACT = 0, /* the entry's name, folded */
    INCMAP_MATCH_ALIAS,     /* an alternate name, exonym, code, or article-less form */
    INCMAP_MATCH_VARIANT,   /* a transliteration variant (Hassakeh ~ Hasakah, Tell ~ Tal) */
    INCMAP_MATCH_DEMONYM,   /* "Iraqi" -> Iraq */
    INCMAP_MATCH_TOLERANT   /* one edit away (Zumar -> Zummar) */
} incmap_match;

typedef struct {
    const char *country; /* ISO 3166-1 alpha-2, or NULL */
    bool country_filter; /* true: only that country; false: a bias toward it */
    incmap_kind kind;    /* INCMAP_KIND_ANY or a filter */
    size_t limit;        /* at most this many candidates (default 10) */
    bool tolerant;       /* allow one-edit matches when nothing better matches (default true) */
} incmap_lookup_opts;

INCMAP_API incmap_lookup_opts incmap_lookup_opts_default(void);

/* The default gazetteer path: $INCMAP_GAZETTEER if set, else the first incmap.gpkg that exists
 * in the user's data directory ($XDG_DATA_HOME/incmap, by default ~/.local/share/incmap) and the
 * installed one (<prefix>/share/incmap); else the user's (where `incmap gazetteer build` puts
 * it). Programs run from incmap's build tree use the build tree's gazetteer. Per-thread static or
 * environment storage, valid until the next call in the thread: do not free. */
INCMAP_API const char *incmap_gazetteer_default_path(void);

/* Opens PATH (the .gpkg, or its .idx). Owned: close with incmap_gazetteer_close(). NULL on error:
 * a missing file says how to build one; a corrupt or truncated index says so. */
INCMAP_API incmap_gazetteer *incmap_gazetteer_open(incmap_ctx *ctx, const char *path);
/* The same from an index image in memory (copied). For tests and fuzzing. */
INCMAP_API incmap_gazetteer *incmap_gazetteer_open_mem(incmap_ctx *ctx, const void *data,
                                                       size_t len);
INCMAP_API void incmap_gazetteer_close(incmap_gazetteer *gz); /* NULL is a no-op */
/* The index is memory-mapped: when its file is truncated while open (a copy over it in place),
 * reading the lost pages raises SIGBUS. For a SIGBUS handler: the index path of the open
 * gazetteer whose mapping holds ADDR (siginfo's si_addr), or NULL. Async-signal-safe. */
INCMAP_API const char *incmap_gazetteer_mapped_file(const void *addr);
/* Checks every block of the index against its checksum (reading all of it: ~100 ms for the
 * default gazetteer; lookups check only the blocks they read, when they read them). INCMAP_OK,
 * or INCMAP_ERR_IO with "gazetteer index X is corrupt: ..." naming the damaged bytes. */
INCMAP_API incmap_status incmap_gazetteer_verify(const incmap_gazetteer *gz, incmap_ctx *ctx);

/* Path of the GeoPackage beside the index (borrowed; lives with gz). */
INCMAP_API const char *incmap_gazetteer_gpkg_path(const incmap_gazetteer *gz);
INCMAP_API size_t incmap_gazetteer_count(const incmap_gazetteer *gz);

/* Looks NAME (UTF-8, LEN bytes) up. Owned: free with incmap_candidates_destroy(). Returns an empty
 * list (not NULL) when nothing matches; NULL on error (invalid UTF-8, name over 1 KiB, no memory).
 */
INCMAP_API incmap_candidates *incmap_gazetteer_lookup(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                                      const char *name, size_t len,
                                                      const incmap_lookup_opts *opts);
/* Up to `max` spelling suggestions for a name that matched nothing (names within two edits).
 * Owned: free with incmap_candidates_destroy(). */
INCMAP_API incmap_candidates *incmap_gazetteer_suggest(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                                       const char *name, size_t len, size_t max);

INCMAP_API size_t incmap_candidates_count(const incmap_candidates *c);
/* Borrowed: lives with the gazetteer. */
INCMAP_API const incmap_place *incmap_candidates_place(const incmap_candidates *c, size_t i);
INCMAP_API double incmap_candidates_score(const incmap_candidates *c, size_t i); /* 0..1 */
INCMAP_API incmap_match incmap_candidates_match(const incmap_candidates *c, size_t i);
INCMAP_API void incmap_candidates_destroy(incmap_candidates *c); /* NULL is a no-op */

/* Entry by id ("geonames:99072", "ne_admin0:IRQ", ...) or NULL. Borrowed. */
INCMAP_API const incmap_place *incmap_gazetteer_get(const incmap_gazetteer *gz, const char *id);
/* Entry I (0 .. incmap_gazetteer_count() - 1, in id order), or NULL when out of range or its
 * record is damaged. Borrowed. */
INCMAP_API const incmap_place *incmap_gazetteer_entry(const incmap_gazetteer *gz, size_t i);
/* Country entry by ISO alpha-2 code, or NULL. Borrowed. */
INCMAP_API const incmap_place *incmap_gazetteer_country(const incmap_gazetteer *gz, const char *cc);

/* The capital (feature code PPLC; the most populous when a country has several) of the country
 * with ISO alpha-2 code CC, or NULL. A scan of the entry summaries: call it for a phrase that
 * asks for it ("the Syrian capital"), not per mention. Borrowed. */
INCMAP_API const incmap_place *incmap_gazetteer_capital(const incmap_gazetteer *gz, const char *cc);

/* Place accessors. Strings are borrowed and live with the gazetteer; "" when unknown. */
INCMAP_API const char *incmap_place_id(const incmap_place *p);
INCMAP_API const char *incmap_place_name(const incmap_place *p);
INCMAP_API incmap_kind incmap_place_kind(const incmap_place *p);
INCMAP_API const char *incmap_place_country(const incmap_place *p);      /* ISO alpha-2 */
INCMAP_API const char *incmap_place_admin1(const incmap_place *p);       /* admin-1 name */
INCMAP_API const char *incmap_place_feature_code(const incmap_place *p); /* GeoNames code or "" */
INCMAP_API incmap_lonlat
incmap_place_point(const incmap_place *p); /* inside the area for polygons */
INCMAP_API int64_t incmap_place_population(const incmap_place *p); /* -1 when unknown */
INCMAP_API bool incmap_place_has_area(const incmap_place *p);
/* The entry's area (polygon/multipolygon) or, without one, its point. Owned: incmap_geom_destroy().
 */
INCMAP_API incmap_geom *incmap_place_geometry(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                              const incmap_place *p);

/* The shared border line of two countries (ISO alpha-2), computed from the admin-0 polygons when
 * the gazetteer was built. Owned: incmap_geom_destroy(). NULL + INCMAP_ERR_NOT_FOUND when they do
 * not touch. */
INCMAP_API incmap_geom *incmap_gazetteer_border(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                                const char *cc_a, const char *cc_b);
/* True when the two countries share a land border in the gazetteer (no geometry is read). */
INCMAP_API bool incmap_gazetteer_countries_touch(const incmap_gazetteer *gz, const char *cc_a,
                                                 const char *cc_b);
/* Length of a border (or any line geometry) along the ellipsoid, in km. */
INCMAP_API double incmap_gazetteer_border_length_km(const incmap_gazetteer *gz, const char *cc_a,
                                                    const char *cc_b);

/* ---- reverse geocoding: what is at or near a point ----
 * The first call of each builds an in-memory index of the gazetteer's points (nearest: ~7 MB)
 * or of its country and admin-1 polygons (containing: ~1 MB); later calls reuse it, from any
 * thread. Distances are geodesic on WGS84 (PROJ's geodesic routines, loaded on first use). */

/* One place near a point. */
typedef struct {
    const incmap_place *place; /* borrowed: lives with the gazetteer */
    double distance_km;        /* geodesic distance from the query point */
    double azimuth_deg;        /* from the query point to the place, clockwise from north */
} incmap_nearby;

/* The MAX places (kind INCMAP_KIND_PLACE or INCMAP_KIND_SITE; INCMAP_KIND_ANY: both) nearest to
 * AT, nearest first (ties by id order), into OUT[0 .. *n). Exact: the candidates found on the
 * sphere are re-ranked by their geodesic distance with a margin wider than the sphere's error.
 * INCMAP_ERR_INVALID_ARG for a point off the globe or another kind; INCMAP_ERR_IO for a corrupt
 * index; INCMAP_ERR_PROJ when the geodesic routines cannot be loaded. */
INCMAP_API incmap_status incmap_gazetteer_nearest(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                                  incmap_lonlat at, incmap_kind kind,
                                                  incmap_nearby *out, size_t max, size_t *n);

/* The areas containing a point. */
typedef struct {
    const incmap_place *country; /* the country whose polygon holds the point; NULL at sea */
    const incmap_place *admin1;  /* the admin-1 (province) whose polygon holds it, or NULL */
    /* The country itself (0 km) or, at sea, the nearest one and the geodesic distance to the
     * nearest point of its outline; NULL when the gazetteer has no country polygons. */
    const incmap_place *nearest_country;
    double nearest_country_km;
} incmap_containing;

/* Which country and admin-1 polygons (Natural Earth) contain AT. Where the two layers disagree
 * by a sliver, an admin-1 without a country gives that admin-1's country, and an admin-1 of the
 * containing country is preferred to another's. INCMAP_ERR_INVALID_ARG for a point off the
 * globe; INCMAP_ERR_IO for a corrupt index; INCMAP_ERR_PROJ as above (at sea only). */
INCMAP_API incmap_status incmap_gazetteer_containing(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                                     incmap_lonlat at, incmap_containing *out);

INCMAP_API const char *incmap_kind_str(incmap_kind k);   /* "country", "admin1", ... */
INCMAP_API incmap_kind incmap_kind_parse(const char *s); /* INCMAP_KIND_ANY when unknown */
INCMAP_API const char *incmap_match_str(incmap_match m); /* "exact", "alias", ... */

#ifdef __cplusplus
}
#endif
#endif
