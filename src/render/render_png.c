/* PNG output: a small encoder over libdeflate and zlib (both already in the process through
 * cairo and freetype). cairo's writer (zlib, default level, adaptive filters) made encoding the
 * largest cost of a render, and libpng over zlib was still about half of it; the map is opaque
 * and mostly flat colour, so 8-bit RGB rows with the SUB filter (flat runs become zeros)
 * compressed at a low level are several times faster for a file of about the same size, and
 * the two halves of the image are compressed at once on two cores. */
#include "render/render_internal.h"

#include <libdeflate.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

/* length, type, data, CRC of type + data */
static incmap_status write_chunk(incmap_atomic_file *af, const char type[4],
                                 const unsigned char *data, size_t len)
{
    unsigned char head[8], tail[4];
    put_be32(head, (uint32_t)len);
    memcpy(head + 4, type, 4);
    uint32_t crc = libdeflate_crc32(0, head + 4, 4);
    if (len > 0) { /* libdeflate_crc32(crc, NULL, 0) returns the initial value, not crc */
        crc = libdeflate_crc32(crc, data, len);
    }
    put_be32(tail, crc);
    incmap_status st = incmap_afile_write(af, head, 8);
    if (st == INCMAP_OK && len > 0) {
        st = incmap_afile_write(af, data, len);
    }
    return st == INCMAP_OK ? incmap_afile_write(af, tail, 4) : st;
}

/* Rows as PNG wants them: a filter byte (1 = SUB) then RGB differences from the pixel before.
 * Done in place over the surface's pixels (which are not used again): an output row is shorter
 * than an input row, and each 4-byte pixel is read before its 3 output bytes are written, so
 * the output never overtakes unread input. This saves a 6 MB buffer and its page faults. */
static size_t filter_rows_in_place(unsigned char *data, int w, int h, int stride)
{
    unsigned char *d = data;
    for (int y = 0; y < h; y++) {
        const unsigned char *row = data + (size_t)y * (size_t)stride;
        unsigned pr = 0, pg = 0, pb = 0;
        uint32_t px;
        memcpy(&px, row, 4);
        for (int x = 0; x < w; x++) {
            /* cairo ARGB32 is native-endian 0xAARRGGBB, opaque here (alpha dropped) */
            unsigned r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;
            uint32_t next = 0;
            if (x + 1 < w) {
                memcpy(&next, row + 4 * ((size_t)x + 1), 4);
            }
            if (x == 0) {
                *d++ = 1;
            }
            d[0] = (unsigned char)(r - pr), d[1] = (unsigned char)(g - pg);
            d[2] = (unsigned char)(b - pb);
            d += 3;
            pr = r, pg = g, pb = b;
            px = next;
        }
    }
    return (size_t)(d - data);
}

/* The image is encoded in two parts at once, one per core: the top rows by zlib, which can end
 * its part of the DEFLATE stream without ending the stream (a sync flush), the bottom rows by
 * libdeflate, which is faster but can only write a whole stream, so it writes the end. Each part
 * refers back only inside itself. The PNG's zlib stream is the header, part A, part B and the
 * Adler-32 of all rows, combined from the parts'. */
typedef struct {
    unsigned char *rows; /* in: the part's first pixel row; out: its filtered bytes, in place */
    int w, h, stride;
    size_t len; /* filtered bytes */
    unsigned char *z;
    size_t zlen;
    uint32_t adler;
} png_part;

static void part_filter(png_part *p)
{
    p->len = filter_rows_in_place(p->rows, p->w, p->h, p->stride);
    p->adler = libdeflate_adler32(1, p->rows, p->len);
}

/* Part B (the end of the stream): libdeflate, level 1. */
static void *encode_tail(void *arg)
{
    png_part *p = arg;
    part_filter(p);
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(1);
    size_t cap = c != NULL ? libdeflate_deflate_compress_bound(c, p->len) : 0;
    p->z = c != NULL ? malloc(cap) : NULL;
    p->zlen = p->z != NULL ? libdeflate_deflate_compress(c, p->rows, p->len, p->z, cap) : 0;
    libdeflate_free_compressor(c);
    return NULL;
}

/* Part A (the start): zlib raw deflate, level 1, ended by a sync flush (byte-aligned, not last). */
static void encode_head(png_part *p)
{
    part_filter(p);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return;
    }
    size_t cap = deflateBound(&zs, (uLong)p->len) + 16;
    p->z = malloc(cap);
    if (p->z != NULL) {
        zs.next_in = p->rows;
        zs.avail_in = (uInt)p->len;
        zs.next_out = p->z;
        zs.avail_out = (uInt)cap;
        if (deflate(&zs, Z_SYNC_FLUSH) == Z_OK && zs.avail_in == 0) {
            p->zlen = cap - zs.avail_out;
        }
    }
    deflateEnd(&zs); /* Z_DATA_ERROR: the stream was left open on purpose */
}

incmap_status render_png_write(incmap_ctx *ctx, cairo_surface_t *surf, incmap_atomic_file *af,
                               const char *path)
{
    cairo_surface_flush(surf);
    int w = cairo_image_surface_get_width(surf), h = cairo_image_surface_get_height(surf);
    int stride = cairo_image_surface_get_stride(surf);
    unsigned char *data = cairo_image_surface_get_data(surf);
    /* halves: zlib is slower per byte, but the top holds the title, the least compressible rows
     * (timed on the example map: 45% left libdeflate's part 2 ms longer, 50% evens them) */
    int ha = h / 2;
    png_part a = {data, w, ha, stride, 0, NULL, 0, 0};
    png_part b = {data + (size_t)ha * (size_t)stride, w, h - ha, stride, 0, NULL, 0, 0};
    /* each part filters in place from its own first row: A's bytes end before B's rows begin */
    pthread_t tail;
    bool threaded = pthread_create(&tail, NULL, encode_tail, &b) == 0;
    encode_head(&a);
    if (threaded) {
        pthread_join(tail, NULL);
    } else {
        encode_tail(&b);
    }
    cairo_surface_mark_dirty(surf); /* its pixels are gone: nobody may trust a cached copy */
    incmap_status st = INCMAP_OK;
    if (a.zlen == 0 || b.zlen == 0) {
        st = a.z == NULL || b.z == NULL
                 ? incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory writing %s", path)
                 : incmap_fail(ctx, INCMAP_ERR_RENDER, "cannot compress the PNG data of %s", path);
        goto out;
    }
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    unsigned char ihdr[13];
    put_be32(ihdr, (uint32_t)w);
    put_be32(ihdr + 4, (uint32_t)h);
    ihdr[8] = 8;  /* bits per sample */
    ihdr[9] = 2;  /* RGB */
    ihdr[10] = 0; /* deflate */
    ihdr[11] = 0; /* adaptive filtering (each row names its filter) */
    ihdr[12] = 0; /* no interlace */
    /* zlib header: deflate, 32 KiB window, fastest level, check bits */
    static const unsigned char zhead[2] = {0x78, 0x01};
    unsigned char adler[4];
    put_be32(adler, (uint32_t)adler32_combine(a.adler, b.adler, (z_off_t)b.len));
    /* the stream spans IDAT chunks: header + A, then B + checksum (copied to their ends) */
    unsigned char *ida = malloc(a.zlen + 2), *idb = malloc(b.zlen + 4);
    if (ida == NULL || idb == NULL) {
        free(ida);
        free(idb);
        st = incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory writing %s", path);
        goto out;
    }
    memcpy(ida, zhead, 2);
    memcpy(ida + 2, a.z, a.zlen);
    memcpy(idb, b.z, b.zlen);
    memcpy(idb + b.zlen, adler, 4);
    if ((st = incmap_afile_write(af, sig, sizeof sig)) == INCMAP_OK &&
        (st = write_chunk(af, "IHDR", ihdr, sizeof ihdr)) == INCMAP_OK &&
        (st = write_chunk(af, "IDAT", ida, a.zlen + 2)) == INCMAP_OK &&
        (st = write_chunk(af, "IDAT", idb, b.zlen + 4)) == INCMAP_OK) {
        st = write_chunk(af, "IEND", NULL, 0);
    }
    free(ida);
    free(idb);
out:
    free(a.z);
    free(b.z);
    return st;
}
