/* pdf_form.c - the block writer of form.h (libharu 2.3): A4 portrait, Helvetica in WinAnsi.
 * The layout runs twice with the same fonts: a dry pass counts the pages (text is wrapped by
 * the font metrics, which need no page), the second draws them. */
#include "report/form.h"

#include <hpdf.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "report/pdf_int.h"

#define PAGE_W 595.28f
#define PAGE_H 841.89f
#define MARGIN_X 56.0f
#define MARGIN_TOP 42.0f
#define BOTTOM 48.0f
#define FOOT_Y 24.0f
#define TEXT_PT 10.0f
#define CELL_PT 9.0f
#define LINE_K 1.4f    /* line height as a multiple of the font size */
#define CELL_H 16.0f   /* table row */
#define SIGN_GAP 56.0f /* room for the signature and the stamp */
#define TEXT_MAX 4096  /* bytes of one block's text after conversion */
#define MAX_COLS 16

struct form {
    HPDF_Doc doc;
    HPDF_Page page;
    HPDF_Font font, bold;
    HPDF_STATUS error;
    int draw;
    size_t page_no, pages;
    float y; /* top of the next line */
    const struct report_form *f;
};

enum align { LEFT, CENTRE, RIGHT };

static void new_page(struct form *p)
{
    char foot[64];

    p->page_no++;
    p->y = PAGE_H - MARGIN_TOP;
    if (!p->draw)
        return;
    p->page = HPDF_AddPage(p->doc);
    HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    if (p->pages < 2)
        return;
    snprintf(foot, sizeof foot, "Halaman %zu dari %zu", p->page_no, p->pages);
    HPDF_Page_BeginText(p->page);
    HPDF_Page_SetFontAndSize(p->page, p->font, 8);
    HPDF_Page_TextOut(p->page, (PAGE_W - HPDF_Page_TextWidth(p->page, foot)) / 2, FOOT_Y, foot);
    HPDF_Page_EndText(p->page);
}

/* Room for h points below y, or a new page. */
static void ensure(struct form *p, float h)
{
    if (p->y - h < BOTTOM)
        new_page(p);
}

static float width_of(HPDF_Font f, float size, const char *s)
{
    return (float)HPDF_Font_TextWidth(f, (const HPDF_BYTE *)s, (HPDF_UINT)strlen(s)).width * size /
           1000;
}

/* One line of WinAnsi text at the baseline of the line that starts at y (y does not move). */
static void put(struct form *p, HPDF_Font f, float size, float x, float width, enum align al,
                const char *s)
{
    float w, base = p->y - size * LINE_K + size * 0.35f;

    if (!p->draw || !s[0])
        return;
    w = width_of(f, size, s);
    if (al == CENTRE)
        x += (width - w) / 2;
    else if (al == RIGHT)
        x += width - w;
    HPDF_Page_BeginText(p->page);
    HPDF_Page_SetFontAndSize(p->page, f, size);
    HPDF_Page_TextOut(p->page, x, base, s);
    HPDF_Page_EndText(p->page);
}

/* Bytes of s (no '\n' in the first n) that fit width, broken after a word when it can. */
static size_t fit(HPDF_Font f, float size, const char *s, size_t n, float width)
{
    HPDF_REAL real = 0;
    HPDF_UINT k;

    if (n == 0)
        return 0;
    k = HPDF_Font_MeasureText(f, (const HPDF_BYTE *)s, (HPDF_UINT)n, width, size, 0, 0, HPDF_TRUE,
                              &real);
    if (k == 0)
        k = HPDF_Font_MeasureText(f, (const HPDF_BYTE *)s, (HPDF_UINT)n, width, size, 0, 0,
                                  HPDF_FALSE, &real);
    return k ? k : 1;
}

/* One paragraph (WinAnsi, no '\n') wrapped into [x, x + width], line by line from y. */
static void wrap_para(struct form *p, HPDF_Font f, float size, float x, float width, enum align al,
                      const char *s)
{
    char line[TEXT_MAX];
    size_t n = strlen(s), k;

    do {
        k = n ? fit(f, size, s, n, width) : 0;
        memcpy(line, s, k);
        while (k > 0 && line[k - 1] == ' ')
            k--;
        line[k] = '\0';
        ensure(p, size * LINE_K);
        put(p, f, size, x, width, al, line);
        p->y -= size * LINE_K;
        s += strlen(line), n -= strlen(line);
        while (n > 0 && *s == ' ')
            s++, n--;
    } while (n > 0);
}

/* UTF-8 text wrapped into [x, x + width] ('\n' starts a new line). */
static void wrap(struct form *p, HPDF_Font f, float size, float x, float width, enum align al,
                 const char *utf8)
{
    char para[TEXT_MAX], text[TEXT_MAX];
    const char *s = utf8 ? utf8 : "";

    for (;;) {
        size_t n = strcspn(s, "\n");

        if (n >= sizeof para)
            n = sizeof para - 1;
        memcpy(para, s, n);
        para[n] = '\0';
        report_winansi(para, text, sizeof text);
        wrap_para(p, f, size, x, width, al, text);
        s += strcspn(s, "\n");
        if (*s != '\n')
            break;
        s++;
    }
}

static void rule(struct form *p, float y, float w)
{
    if (!p->draw)
        return;
    HPDF_Page_SetLineWidth(p->page, w);
    HPDF_Page_MoveTo(p->page, MARGIN_X, y);
    HPDF_Page_LineTo(p->page, PAGE_W - MARGIN_X, y);
    HPDF_Page_Stroke(p->page);
}

static void block_header(struct form *p, const struct report_block *b)
{
    float w = PAGE_W - 2 * MARGIN_X;

    wrap(p, p->bold, 12, MARGIN_X, w, CENTRE, b->text);
    ensure(p, 12);
    p->y -= 4;
    rule(p, p->y, 1.6f);
    rule(p, p->y - 2.5f, 0.5f);
    p->y -= 14;
}

static void block_fields(struct form *p, const struct report_block *b)
{
    float x = MARGIN_X + b->indent, lw = 0, vx, vw;
    char label[256];

    for (size_t i = 0; i < b->nfields; i++) {
        float w;

        report_winansi(b->fields[i].label, label, sizeof label);
        w = width_of(p->font, TEXT_PT, label);
        lw = w > lw ? w : lw;
    }
    vx = x + lw + 14;
    vw = PAGE_W - MARGIN_X - vx;
    for (size_t i = 0; i < b->nfields; i++) {
        const char *v = b->fields[i].value;

        report_winansi(b->fields[i].label, label, sizeof label);
        ensure(p, TEXT_PT * LINE_K);
        put(p, p->font, TEXT_PT, x, lw, LEFT, label);
        put(p, p->font, TEXT_PT, x + lw + 4, 6, LEFT, ":");
        wrap(p, p->font, TEXT_PT, vx, vw, LEFT, v && v[0] ? v : "-");
    }
    p->y -= 6;
}

static void cell_line(struct form *p, HPDF_Font f, float x, float w, enum align al,
                      const char *utf8)
{
    char buf[512];
    size_t n, k;

    report_winansi(utf8, buf, sizeof buf);
    n = strlen(buf);
    k = n ? fit(f, CELL_PT, buf, n, w) : 0;
    if (k < n) { /* one line per cell: cut at the last whole word that fits */
        k = HPDF_Font_MeasureText(f, (const HPDF_BYTE *)buf, (HPDF_UINT)n, w, CELL_PT, 0, 0,
                                  HPDF_FALSE, &(HPDF_REAL){0});
        al = LEFT;
    }
    buf[k] = '\0';
    put(p, f, CELL_PT, x, w, al, buf);
}

static void table_row(struct form *p, const struct report_table *t, const float *x, const float *w,
                      const struct report_cell *row)
{
    float top = p->y;

    p->y = top - (CELL_H - CELL_PT * LINE_K) / 2;
    for (int c = 0; c < t->ncols; c++) {
        char num[32];
        HPDF_Font f = row ? p->font : p->bold;

        if (!row) {
            cell_line(p, f, x[c] + 3, w[c] - 6, CENTRE, t->cols[c].header);
        } else if (t->cols[c].kind == REPORT_NUMBER) {
            if (row[c].is_null)
                continue;
            snprintf(num, sizeof num, "%" PRId64, row[c].num);
            cell_line(p, f, x[c] + 3, w[c] - 6, CENTRE, num);
        } else {
            cell_line(p, f, x[c] + 3, w[c] - 6, LEFT, row[c].text ? row[c].text : "");
        }
    }
    p->y = top - CELL_H;
    if (!p->draw)
        return;
    HPDF_Page_SetLineWidth(p->page, 0.5f);
    for (int c = 0; c < t->ncols; c++)
        HPDF_Page_Rectangle(p->page, x[c], p->y, w[c], CELL_H);
    HPDF_Page_Stroke(p->page);
}

static void block_table(struct form *p, const struct report_block *b)
{
    const struct report_table *t = b->table;
    float x[MAX_COLS], w[MAX_COLS], total = 0, at = MARGIN_X + b->indent;
    float width = PAGE_W - MARGIN_X - at;

    if (t->title) {
        ensure(p, TEXT_PT * LINE_K + 2 * CELL_H);
        wrap(p, p->font, TEXT_PT, at, width, LEFT, t->title);
    }
    for (int c = 0; c < t->ncols; c++)
        total += (float)(t->cols[c].width > 0 ? t->cols[c].width : 10);
    for (int c = 0; c < t->ncols; c++) {
        w[c] = width * (float)(t->cols[c].width > 0 ? t->cols[c].width : 10) / total;
        x[c] = at;
        at += w[c];
    }
    ensure(p, 2 * CELL_H);
    table_row(p, t, x, w, NULL);
    for (size_t r = 0; r < t->nrows; r++) {
        if (p->y - CELL_H < BOTTOM) {
            new_page(p);
            table_row(p, t, x, w, NULL);
        }
        table_row(p, t, x, w, t->cells + r * (size_t)t->ncols);
    }
    p->y -= 10;
}

static size_t count_lines(const char *s)
{
    size_t n = s && s[0] ? 1 : 0;

    for (; s && *s; s++)
        n += *s == '\n';
    return n;
}

static void block_signature(struct form *p, const struct report_block *b)
{
    float x = PAGE_W / 2 + 20, w = PAGE_W - MARGIN_X - x;

    ensure(p, (float)(count_lines(b->text) + count_lines(b->text2)) * TEXT_PT * LINE_K + SIGN_GAP);
    if (b->text)
        wrap(p, p->font, TEXT_PT, x, w, LEFT, b->text);
    p->y -= SIGN_GAP;
    if (b->text2) {
        const char *nl = strchr(b->text2, '\n');
        char first[256];
        size_t n = nl ? (size_t)(nl - b->text2) : strlen(b->text2);

        if (n >= sizeof first)
            n = sizeof first - 1;
        memcpy(first, b->text2, n);
        first[n] = '\0';
        wrap(p, p->bold, TEXT_PT, x, w, LEFT, first); /* the name */
        if (nl)
            wrap(p, p->font, TEXT_PT, x, w, LEFT, nl + 1);
    }
    p->y -= 8;
}

static void layout(struct form *p)
{
    float w = PAGE_W - 2 * MARGIN_X;

    p->page_no = 0;
    new_page(p);
    for (size_t i = 0; i < p->f->nblocks && !p->error; i++) {
        const struct report_block *b = &p->f->blocks[i];

        switch (b->kind) {
        case REPORT_BLOCK_HEADER:
            block_header(p, b);
            break;
        case REPORT_BLOCK_TITLE:
            wrap(p, p->bold, 12, MARGIN_X, w, CENTRE, b->text);
            if (b->text2)
                wrap(p, p->font, TEXT_PT, MARGIN_X, w, CENTRE, b->text2);
            p->y -= 12;
            break;
        case REPORT_BLOCK_TEXT:
            wrap(p, p->font, TEXT_PT, MARGIN_X + b->indent, w - b->indent, LEFT, b->text);
            p->y -= 6;
            break;
        case REPORT_BLOCK_FIELDS:
            block_fields(p, b);
            break;
        case REPORT_BLOCK_TABLE:
            if (b->table && b->table->ncols >= 1 && b->table->ncols <= MAX_COLS)
                block_table(p, b);
            break;
        case REPORT_BLOCK_SIGNATURE:
            block_signature(p, b);
            break;
        case REPORT_BLOCK_SPACE:
            ensure(p, b->indent);
            p->y -= b->indent;
            break;
        }
    }
}

enum err_code report_form_pdf(const struct report_form *f, char **out, size_t *len, struct err *e)
{
    struct form p;
    char info[256];
    enum err_code rc;

    for (size_t i = 0; i < f->nblocks; i++)
        if (f->blocks[i].kind == REPORT_BLOCK_TABLE &&
            (!f->blocks[i].table || f->blocks[i].table->ncols < 1 ||
             f->blocks[i].table->ncols > MAX_COLS))
            return err_internal(e, "report_form_pdf: table column count out of range");
    memset(&p, 0, sizeof p);
    p.f = f;
    p.doc = HPDF_New(report_pdf_on_error, &p.error);
    if (!p.doc)
        return err_internal(e, "pdf HPDF_New");
    HPDF_SetCompressionMode(p.doc, f->uncompressed ? HPDF_COMP_NONE : HPDF_COMP_ALL);
    report_winansi(f->title, info, sizeof info);
    HPDF_SetInfoAttr(p.doc, HPDF_INFO_TITLE, info);
    HPDF_SetInfoAttr(p.doc, HPDF_INFO_CREATOR, "Abdi");
    p.font = HPDF_GetFont(p.doc, "Helvetica", "WinAnsiEncoding");
    p.bold = HPDF_GetFont(p.doc, "Helvetica-Bold", "WinAnsiEncoding");
    if (!p.error) {
        layout(&p); /* dry run: the page count */
        p.pages = p.page_no;
        p.draw = 1;
        layout(&p);
    }
    if (p.error)
        rc = err_internal(e, "pdf layout");
    else
        rc = report_pdf_save(p.doc, &p.error, out, len, e);
    if (rc == ERR_INTERNAL)
        err_detail(e, ": libharu error 0x%04X", (unsigned)p.error);
    HPDF_Free(p.doc);
    return rc;
}
