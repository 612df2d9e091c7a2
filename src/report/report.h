/* report.h - the shared report writers: one table (title, subtitle, typed columns, rows of
 * cells) rendered as CSV, XLSX (libxlsxwriter) or PDF (libharu) into one malloc'd buffer that
 * a handler hands to the response. Only src/report/ includes hpdf.h and xlsxwriter.h.
 * The writers never change the data except where a format demands it: CSV neutralises cells
 * a spreadsheet would run as formulas (OWASP "CSV injection"), PDF replaces what its
 * WinAnsi fonts cannot show. Errors: ERR_INTERNAL when a library fails, ERR_TOO_LARGE when
 * the output passes LIMIT_RESPONSE_BYTES. */
#ifndef ABDI_REPORT_H
#define ABDI_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "http/http.h"

enum report_kind {
    REPORT_TEXT,   /* cell.text (NULL = empty) */
    REPORT_NUMBER, /* cell.num, unless cell.is_null */
    REPORT_DATE,   /* cell.text "YYYY-MM-DD" (NULL = empty); XLSX writes a real date */
};

struct report_column {
    const char *header;
    int width; /* characters; PDF scales the widths to the page */
    enum report_kind kind;
};

struct report_cell {
    const char *text;
    int64_t num;
    int is_null; /* numbers: an empty cell */
};

struct report_table {
    const char *org_name; /* the government (root unit) for the PDF header; may be NULL */
    const char *title;
    const char *subtitle; /* may be NULL */
    const struct report_column *cols;
    int ncols;
    const struct report_cell *cells; /* row-major: nrows * ncols */
    size_t nrows;
    /* Instead of cells (NULL): row r (< nrows) made on demand into out (ncols cells), its texts
     * valid until the next call, so that a long table (a whole government's DUK) never holds
     * every cell at once. A writer may ask for a row more than once. */
    void (*row)(void *ctx, size_t r, struct report_cell *out);
    void *row_ctx;
};
#define REPORT_MAX_COLS 32

/* Row r of t: from t->cells, or made by t->row into buf (REPORT_MAX_COLS cells). */
const struct report_cell *report_table_row(const struct report_table *t, size_t r,
                                           struct report_cell *buf);

enum report_format { REPORT_JSON, REPORT_CSV, REPORT_XLSX, REPORT_PDF };

/* Each writer fills *out (malloc'd, free() it; NUL-terminated for convenience) and *len
 * only on success. */
enum err_code report_csv(const struct report_table *t, char **out, size_t *len,
                         struct err *e) ABDI_MUST_CHECK;
enum err_code report_xlsx(const struct report_table *t, char **out, size_t *len,
                          struct err *e) ABDI_MUST_CHECK;
/* The XLSX writer one row at a time (report_xlsx is open, a row per cell row, finish): the
 * workbook is written in constant-memory mode to a private temp dir, which free removes. */
struct report_xlsx;
enum err_code report_xlsx_open(const struct report_table *t, struct report_xlsx **out,
                               struct err *e) ABDI_MUST_CHECK;
enum err_code report_xlsx_row(struct report_xlsx *x, const struct report_cell *row,
                              struct err *e) ABDI_MUST_CHECK;
enum err_code report_xlsx_finish(struct report_xlsx *x, char **out, size_t *len,
                                 struct err *e) ABDI_MUST_CHECK;
void report_xlsx_free(struct report_xlsx *x); /* NULL-safe */

/* A CSV or XLSX table written row by row, so that a long export never holds every row:
 * open with the table's title and columns (its cells and nrows are not read), one call per
 * row of ncols cells (the cells may be freed after the call), then report_stream_respond
 * hands the file to rs as report_respond does. report_stream_free always (NULL-safe). */
struct report_stream;
enum err_code report_stream_open(enum report_format format, const struct report_table *t,
                                 struct report_stream **out, struct err *e) ABDI_MUST_CHECK;
enum err_code report_stream_row(struct report_stream *s, const struct report_cell *row,
                                struct err *e) ABDI_MUST_CHECK;
enum err_code report_stream_respond(struct report_stream *s, struct resp *rs, const char *base,
                                    struct err *e) ABDI_MUST_CHECK;
void report_stream_free(struct report_stream *s);
/* A4 landscape; header (org_name, title, subtitle) and the column headers on every page,
 * "Halaman x dari y" at the foot. Rows are one line each: longer text is cut to its column. */
enum err_code report_pdf(const struct report_table *t, char **out, size_t *len,
                         struct err *e) ABDI_MUST_CHECK;

/* A PDF of several tables one after the other (a profile sheet: identity, histories), each
 * under its own title as a heading; org_name, title and subtitle head every page. */
struct report_doc {
    const char *org_name;
    const char *title;
    const char *subtitle;
    const struct report_table *tables;
    size_t ntables;
};
enum err_code report_pdf_doc(const struct report_doc *d, char **out, size_t *len,
                             struct err *e) ABDI_MUST_CHECK;

/* Pages report_pdf makes for a table of nrows rows (>= 1). */
size_t report_pdf_pages(size_t nrows);

/* The text CSV writes for a text cell: s itself, or s with a leading apostrophe when it
 * starts with = + - @ TAB or CR. Returns 1 when it adds the apostrophe. */
int report_csv_needs_guard(const char *s);

/* UTF-8 into the WinAnsi (CP1252) bytes libharu's base fonts show: what CP1252 has is
 * mapped, anything else (and invalid UTF-8) becomes '?'. out holds cap bytes, NUL-terminated. */
void report_winansi(const char *s, char *out, size_t cap);

/* "json", "csv", "xlsx", "pdf" (NULL = json) into *out when allowed (bit 1 << format in
 * allowed); else 422 naming "format". */
enum err_code report_format_parse(const char *s, unsigned allowed, enum report_format *out,
                                  struct err *e) ABDI_MUST_CHECK;
#define REPORT_ALLOW(f) (1u << (f))

/* Render t as format into rs with its content type and a Content-Disposition attachment
 * named base + extension (base is reduced to A-Z a-z 0-9 . _ -). Not for REPORT_JSON. */
enum err_code report_respond(struct resp *rs, enum report_format format,
                             const struct report_table *t, const char *base,
                             struct err *e) ABDI_MUST_CHECK;

/* Hand body (malloc'd; owned by rs from here) to rs as the format's content type with a
 * Content-Disposition attachment named base + extension (see report_respond). */
void report_attach(struct resp *rs, enum report_format format, char *body, size_t len,
                   const char *base);

#endif
