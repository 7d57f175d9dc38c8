/* PNG output: a small encoder over libdeflate. cairo's
 * writer (zlib, default level, adaptive filters) made encoding the largest cost of a render, and
 * libpng over zlib was still about half of it; the map is opaque and mostly flat colour, so 8-bit
 * RGB rows with the SUB filter (flat runs become zeros) compressed by libdeflate at a low level
 * are several times faster for a file of about the same size. One IDAT chunk holds the stream. */
#include "render_internal.h"

#include <libdeflate.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

incmap_status render_png_write(incmap_ctx *ctx, cairo_surface_t *surf, incmap_atomic_file *af,
                               const char *path)
{
    cairo_surface_flush(surf);
    int w = cairo_image_surface_get_width(surf), h = cairo_image_surface_get_height(surf);
    size_t raw_len = (size_t)h * (1 + 3 * (size_t)w);
    /* level 1: 40% fewer instructions than level 2 for a file under 2% larger */
    struct libdeflate_compressor *z = libdeflate_alloc_compressor(1);
    /* maps compress 10-20x: start with a quarter of the input, retry at the bound if short */
    size_t cap = raw_len / 4 + 4096, zlen = 0;
    unsigned char *zbuf = malloc(cap);
    incmap_status st = INCMAP_OK;
    if (z == NULL || zbuf == NULL) {
        st = incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory writing %s", path);
        goto out;
    }
    unsigned char *raw = cairo_image_surface_get_data(surf);
    filter_rows_in_place(raw, w, h, cairo_image_surface_get_stride(surf));
    cairo_surface_mark_dirty(surf); /* its pixels are gone: nobody may trust a cached copy */
    zlen = libdeflate_zlib_compress(z, raw, raw_len, zbuf, cap);
    if (zlen == 0) {
        free(zbuf);
        cap = libdeflate_zlib_compress_bound(z, raw_len);
        zbuf = malloc(cap);
        zlen = zbuf != NULL ? libdeflate_zlib_compress(z, raw, raw_len, zbuf, cap) : 0;
    }
    if (zlen == 0) {
        st = incmap_fail(ctx, INCMAP_ERR_RENDER, "cannot compress the PNG data of %s", path);
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
    if ((st = incmap_afile_write(af, sig, sizeof sig)) != INCMAP_OK ||
        (st = write_chunk(af, "IHDR", ihdr, sizeof ihdr)) != INCMAP_OK ||
        (st = write_chunk(af, "IDAT", zbuf, zlen)) != INCMAP_OK ||
        (st = write_chunk(af, "IEND", NULL, 0)) != INCMAP_OK) {
        goto out;
    }
out:
    free(zbuf);
    libdeflate_free_compressor(z);
    return st;
}
