/* pdf.c - the PDF writer (libharu 2.3): A4 landscape, Helvetica in WinAnsi encoding, every
 * page headed by the government's name, the title and subtitle, with the column headers
 * repeated and "Halaman x dari y" at the foot. The layout runs twice: a dry pass counts the
 * pages (rows are one line each, so it needs no text metrics), the second draws. Text
 * WinAnsi cannot show becomes '?'; text wider than its column is cut and ends in "..".
 * Each page's operators are deflated as soon as the page is done (page_deflate), not by
 * HPDF_SaveToStream: libharu would keep every page uncompressed until the save. */
#include "report/report.h"

#include <hpdf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/mem.h"
#include "report/pdf_int.h"

#define PAGE_W 841.89f
#define PAGE_H 595.28f
#define MARGIN 36.0f
#define HEAD_H 58.0f /* org name, title, subtitle */
#define FOOT_Y 22.0f /* baseline of the page number */
#define BOTTOM 40.0f /* no row below this */
#define HROW_H 16.0f /* column header row */
#define ROW_H 13.0f
#define SECTION_H 20.0f /* a table's heading in a document of several */
#define GAP_H 10.0f
#define FONT_PT 8.0f
#define PAD 3.0f
#define CELL_MAX 512 /* bytes of one cell after conversion */
#define MAX_COLS REPORT_MAX_COLS

struct pdf {
    HPDF_Doc doc;
    HPDF_Page page;
    HPDF_Font font, bold;
    HPDF_STATUS error;
    int draw;
    size_t page_no, pages;
    float y;
    const struct report_doc *d;
    z_stream z; /* page_deflate's, once z_ready */
    int z_ready;
    unsigned char *zout; /* its output, zout_cap bytes */
    size_t zout_cap;
};

void HPDF_STDCALL report_pdf_on_error(HPDF_STATUS no, HPDF_STATUS detail, void *data)
{
    HPDF_STATUS *first = data;

    (void)detail;
    if (!*first)
        *first = no;
}

/* CP1252 bytes 0x80..0x9F and the code points they stand for (0 = unused). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static char winansi_byte(uint32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F)
        return (char)cp;
    if (cp >= 0xA0 && cp <= 0xFF)
        return (char)(unsigned char)cp;
    for (int i = 0; i < 32; i++)
        if (cp1252_high[i] && cp1252_high[i] == cp)
            return (char)(unsigned char)(0x80 + i);
    return cp == '\t' ? ' ' : '?';
}

void report_winansi(const char *s, char *out, size_t cap)
{
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    size_t j = 0;

    if (cap == 0)
        return;
    while (*u && j + 1 < cap) {
        uint32_t cp;
        int n, ok = 1;

        if (u[0] < 0x80) {
            cp = u[0], n = 1;
        } else if ((u[0] & 0xE0) == 0xC0) {
            cp = u[0] & 0x1Fu, n = 2;
        } else if ((u[0] & 0xF0) == 0xE0) {
            cp = u[0] & 0x0Fu, n = 3;
        } else if ((u[0] & 0xF8) == 0xF0) {
            cp = u[0] & 0x07u, n = 4;
        } else {
            cp = 0, n = 1, ok = 0;
        }
        for (int k = 1; k < n && ok; k++) {
            if ((u[k] & 0xC0) != 0x80)
                ok = 0, n = k;
            else
                cp = cp << 6 | (u[k] & 0x3Fu);
        }
        out[j++] = ok ? winansi_byte(cp) : '?';
        u += n;
    }
    out[j] = '\0';
}

static void text_at(struct pdf *p, HPDF_Font f, float size, float x, float y, const char *s)
{
    char buf[CELL_MAX];

    report_winansi(s, buf, sizeof buf);
    HPDF_Page_SetFontAndSize(p->page, f, size);
    HPDF_Page_TextOut(p->page, x, y, buf);
}

/* Text (already WinAnsi) into width points: cut with ".." when it does not fit. */
static void cell_text(struct pdf *p, HPDF_Font f, float x, float y, float width, int right,
                      char *buf)
{
    size_t len = strlen(buf);
    HPDF_REAL real = 0;
    HPDF_UINT fit = HPDF_Font_MeasureText(f, (const HPDF_BYTE *)buf, (HPDF_UINT)len, width, FONT_PT,
                                          0, 0, HPDF_FALSE, &real);

    if (fit < len) {
        float dots = HPDF_Font_TextWidth(f, (const HPDF_BYTE *)"..", 2).width * FONT_PT / 1000;

        fit = HPDF_Font_MeasureText(f, (const HPDF_BYTE *)buf, (HPDF_UINT)len,
                                    width > dots ? width - dots : 0, FONT_PT, 0, 0, HPDF_FALSE,
                                    &real);
        memcpy(buf + fit, "..", 3);
        right = 0;
    }
    if (right)
        x += width - HPDF_Page_TextWidth(p->page, buf);
    HPDF_Page_TextOut(p->page, x, y, buf);
}

/* HPDF_Dict_Write names no filter for a stream without one: this writes the entry it writes
 * for HPDF_STREAM_FILTER_FLATE_DECODE ("/Filter [ /FlateDecode ]" after /Length, its only
 * other entry), so that the file is the one libharu makes by itself. */
static HPDF_STATUS flate_filter_entry(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter [ /FlateDecode ]\012");
}

/* The finished page's content stream (p->page, drawn into by nothing after this) deflated in
 * place, as HPDF_Stream_WriteToStreamWithDeflate would at save (zlib's default level), and
 * marked written as it is: a 100,000-row DUK is 2,700 pages, ~55 MiB of operators kept until
 * the save otherwise, ~4 MiB deflated. Pages libharu does not compress are left alone. */
static void page_deflate(struct pdf *p)
{
    HPDF_PageAttr attr = p->page ? (HPDF_PageAttr)p->page->attr : NULL;
    HPDF_Dict contents = attr ? attr->contents : NULL;
    HPDF_Stream s = contents ? contents->stream : NULL;
    HPDF_MemStreamAttr mem;
    HPDF_UINT nbuf;
    size_t need, zlen;
    int zrc = Z_OK;

    if (p->error || !s || s != attr->stream || s->type != HPDF_STREAM_MEMORY ||
        contents->filter != HPDF_STREAM_FILTER_FLATE_DECODE || contents->write_fn ||
        HPDF_Stream_Size(s) == 0)
        return;
    if (!p->z_ready) {
        if (deflateInit(&p->z, Z_DEFAULT_COMPRESSION) != Z_OK) {
            p->error = HPDF_ZLIB_ERROR;
            return;
        }
        p->z_ready = 1;
    } else if (deflateReset(&p->z) != Z_OK) {
        p->error = HPDF_ZLIB_ERROR;
        return;
    }
    need = deflateBound(&p->z, HPDF_Stream_Size(s));
    if (need > p->zout_cap) {
        free(p->zout);
        p->zout = xmalloc(need);
        p->zout_cap = need;
    }
    p->z.next_out = p->zout;
    p->z.avail_out = (uInt)need;
    nbuf = HPDF_MemStream_GetBufCount(s);
    for (HPDF_UINT i = 0; i < nbuf && zrc == Z_OK; i++) {
        HPDF_UINT len = 0;
        HPDF_BYTE *b = HPDF_MemStream_GetBufPtr(s, i, &len);

        p->z.next_in = b;
        p->z.avail_in = b ? len : 0;
        zrc = deflate(&p->z, Z_NO_FLUSH);
    }
    if (zrc == Z_OK)
        zrc = deflate(&p->z, Z_FINISH);
    if (zrc != Z_STREAM_END) {
        p->error = HPDF_ZLIB_ERROR;
        return;
    }
    zlen = need - p->z.avail_out;
    HPDF_MemStream_FreeData(s);
    /* one block of the deflated size, not blocks of HPDF_STREAM_BUF_SIZ (4 KiB; a page
     * deflates to ~1.5 KiB) */
    mem = s->attr;
    mem->buf_siz = zlen > 0 ? (HPDF_UINT)zlen : mem->buf_siz;
    mem->w_pos = mem->buf_siz;
    if (HPDF_Stream_Write(s, p->zout, (HPDF_UINT)zlen) != HPDF_OK) {
        if (!p->error)
            p->error = HPDF_ZLIB_ERROR;
        return;
    }
    contents->filter = HPDF_STREAM_FILTER_NONE;
    contents->write_fn = flate_filter_entry;
}

static void new_page(struct pdf *p)
{
    char foot[64];

    p->page_no++;
    p->y = PAGE_H - MARGIN - HEAD_H;
    if (!p->draw)
        return;
    page_deflate(p);
    p->page = HPDF_AddPage(p->doc);
    HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE);
    HPDF_Page_BeginText(p->page);
    text_at(p, p->bold, 11, MARGIN, PAGE_H - MARGIN - 11, p->d->org_name ? p->d->org_name : "");
    text_at(p, p->bold, 13, MARGIN, PAGE_H - MARGIN - 29, p->d->title ? p->d->title : "");
    if (p->d->subtitle)
        text_at(p, p->font, 9, MARGIN, PAGE_H - MARGIN - 44, p->d->subtitle);
    snprintf(foot, sizeof foot, "Halaman %zu dari %zu", p->page_no, p->pages);
    HPDF_Page_SetFontAndSize(p->page, p->font, FONT_PT);
    HPDF_Page_TextOut(p->page, PAGE_W - MARGIN - HPDF_Page_TextWidth(p->page, foot), FOOT_Y, foot);
    HPDF_Page_EndText(p->page);
}

static void column_x(const struct report_table *t, float *x, float *w)
{
    float total = 0, at = MARGIN;

    for (int c = 0; c < t->ncols; c++)
        total += (float)(t->cols[c].width > 0 ? t->cols[c].width : 10);
    for (int c = 0; c < t->ncols; c++) {
        w[c] =
            (PAGE_W - 2 * MARGIN) * (float)(t->cols[c].width > 0 ? t->cols[c].width : 10) / total;
        x[c] = at;
        at += w[c];
    }
}

static void header_row(struct pdf *p, const struct report_table *t, const float *x, const float *w)
{
    p->y -= HROW_H;
    if (!p->draw)
        return;
    HPDF_Page_SetRGBFill(p->page, 0.85f, 0.85f, 0.85f);
    HPDF_Page_Rectangle(p->page, MARGIN, p->y, PAGE_W - 2 * MARGIN, HROW_H);
    HPDF_Page_Fill(p->page);
    HPDF_Page_SetRGBFill(p->page, 0, 0, 0);
    HPDF_Page_BeginText(p->page);
    HPDF_Page_SetFontAndSize(p->page, p->bold, FONT_PT);
    for (int c = 0; c < t->ncols; c++) {
        char buf[CELL_MAX];

        report_winansi(t->cols[c].header, buf, sizeof buf);
        cell_text(p, p->bold, x[c] + PAD, p->y + 5, w[c] - 2 * PAD, 0, buf);
    }
    HPDF_Page_EndText(p->page);
}

static void body_row(struct pdf *p, const struct report_table *t, size_t r, const float *x,
                     const float *w)
{
    struct report_cell row[MAX_COLS];
    const struct report_cell *cell;

    p->y -= ROW_H;
    if (!p->draw)
        return;
    cell = report_table_row(t, r, row);
    HPDF_Page_SetGrayStroke(p->page, 0.8f);
    HPDF_Page_SetLineWidth(p->page, 0.3f);
    HPDF_Page_MoveTo(p->page, MARGIN, p->y);
    HPDF_Page_LineTo(p->page, PAGE_W - MARGIN, p->y);
    HPDF_Page_Stroke(p->page);
    HPDF_Page_BeginText(p->page);
    HPDF_Page_SetFontAndSize(p->page, p->font, FONT_PT);
    for (int c = 0; c < t->ncols; c++, cell++) {
        char buf[CELL_MAX];
        int num = t->cols[c].kind == REPORT_NUMBER;

        if (num && cell->is_null)
            continue;
        if (num)
            snprintf(buf, sizeof buf, "%" PRId64, cell->num);
        else
            report_winansi(cell->text, buf, sizeof buf);
        if (buf[0])
            cell_text(p, p->font, x[c] + PAD, p->y + 4, w[c] - 2 * PAD, num, buf);
    }
    HPDF_Page_EndText(p->page);
}

static void layout_table(struct pdf *p, const struct report_table *t, int heading)
{
    float x[MAX_COLS], w[MAX_COLS];

    column_x(t, x, w);
    if (heading) {
        if (p->y - SECTION_H - HROW_H - ROW_H < BOTTOM)
            new_page(p);
        p->y -= SECTION_H;
        if (p->draw) {
            HPDF_Page_BeginText(p->page);
            text_at(p, p->bold, 10, MARGIN, p->y + 6, t->title ? t->title : "");
            HPDF_Page_EndText(p->page);
        }
    }
    header_row(p, t, x, w);
    for (size_t r = 0; r < t->nrows && !p->error; r++) {
        if (p->y - ROW_H < BOTTOM) {
            new_page(p);
            header_row(p, t, x, w);
        }
        body_row(p, t, r, x, w);
    }
    p->y -= GAP_H;
}

static void layout(struct pdf *p)
{
    p->page_no = 0;
    new_page(p);
    for (size_t i = 0; i < p->d->ntables && !p->error; i++)
        layout_table(p, &p->d->tables[i], p->d->ntables > 1);
}

static enum err_code doc_check(const struct report_doc *d, struct err *e)
{
    for (size_t i = 0; i < d->ntables; i++)
        if (d->tables[i].ncols < 1 || d->tables[i].ncols > MAX_COLS)
            return err_internal(e, "report_pdf: column count out of range");
    return ERR_OK;
}

enum err_code report_pdf_save(HPDF_Doc doc, const HPDF_STATUS *error, char **out, size_t *len,
                              struct err *e)
{
    HPDF_UINT32 size, got = 0;
    char *data;

    if (HPDF_SaveToStream(doc) != HPDF_OK || *error)
        return err_internal(e, "pdf save");
    size = HPDF_GetStreamSize(doc);
    if (size > LIMIT_RESPONSE_BYTES)
        return err_set(e, ERR_TOO_LARGE, "report_too_large", NULL,
                       "Laporan terlalu besar; persempit filternya");
    data = xmalloc((size_t)size + 1);
    while (got < size) {
        HPDF_UINT32 n = size - got;
        HPDF_STATUS st = HPDF_ReadFromStream(doc, (HPDF_BYTE *)data + got, &n);

        got += n;
        if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || n == 0)
            break;
    }
    if (got != size) {
        free(data);
        return err_internal(e, "pdf short read");
    }
    data[size] = '\0';
    *out = data;
    *len = size;
    return ERR_OK;
}

enum err_code report_pdf_doc(const struct report_doc *d, char **out, size_t *len, struct err *e)
{
    struct pdf p;
    char info[CELL_MAX];
    enum err_code rc = doc_check(d, e);

    if (rc)
        return rc;
    memset(&p, 0, sizeof p);
    p.d = d;
    layout(&p); /* dry run: the page count for "Halaman x dari y" */
    p.pages = p.page_no;
    p.doc = HPDF_New(report_pdf_on_error, &p.error);
    if (!p.doc)
        return err_internal(e, "pdf HPDF_New");
    HPDF_SetCompressionMode(p.doc, HPDF_COMP_ALL);
    report_winansi(d->title, info, sizeof info);
    HPDF_SetInfoAttr(p.doc, HPDF_INFO_TITLE, info);
    HPDF_SetInfoAttr(p.doc, HPDF_INFO_CREATOR, "Abdi");
    p.font = HPDF_GetFont(p.doc, "Helvetica", "WinAnsiEncoding");
    p.bold = HPDF_GetFont(p.doc, "Helvetica-Bold", "WinAnsiEncoding");
    p.draw = 1;
    if (!p.error)
        layout(&p);
    page_deflate(&p); /* the last page */
    if (p.z_ready)
        deflateEnd(&p.z);
    free(p.zout);
    if (p.error)
        rc = err_internal(e, "pdf layout");
    else
        rc = report_pdf_save(p.doc, &p.error, out, len, e);
    if (rc == ERR_INTERNAL)
        err_detail(e, ": libharu error 0x%04X", (unsigned)p.error);
    HPDF_Free(p.doc);
    return rc;
}

enum err_code report_pdf(const struct report_table *t, char **out, size_t *len, struct err *e)
{
    struct report_doc d = {t->org_name, t->title, t->subtitle, t, 1};

    return report_pdf_doc(&d, out, len, e);
}

size_t report_pdf_pages(size_t nrows)
{
    static const struct report_column col = {"", 1, REPORT_TEXT};
    struct report_table t = {NULL, NULL, NULL, &col, 1, NULL, nrows};
    struct report_doc d = {NULL, NULL, NULL, &t, 1};
    struct pdf p;

    memset(&p, 0, sizeof p);
    p.d = &d;
    layout(&p);
    return p.page_no;
}
