/* csv.c - the CSV writer (RFC 4180: comma, CRLF, fields with a comma, quote or line break
 * quoted and quotes doubled) with a UTF-8 byte order mark so Excel reads the text as UTF-8,
 * and the format-independent helpers of report.h (format names, the response). Text a
 * spreadsheet would evaluate (= + - @ TAB CR first) gets a leading apostrophe (OWASP CSV
 * injection); numbers are written as numbers and never guarded. */
#include "report/report.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"

int report_csv_needs_guard(const char *s)
{
    return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r');
}

static void csv_field(struct buf *b, const char *s)
{
    int guard = report_csv_needs_guard(s);

    if (!s)
        return;
    if (!guard && !strpbrk(s, ",\"\r\n")) {
        buf_puts(b, s);
        return;
    }
    buf_putc(b, '"');
    if (guard)
        buf_putc(b, '\'');
    for (; *s; s++) {
        if (*s == '"')
            buf_putc(b, '"');
        buf_putc(b, *s);
    }
    buf_putc(b, '"');
}

static void csv_header(struct buf *b, const struct report_table *t)
{
    buf_puts(b, "\xEF\xBB\xBF");
    for (int c = 0; c < t->ncols; c++) {
        if (c)
            buf_putc(b, ',');
        csv_field(b, t->cols[c].header);
    }
    buf_puts(b, "\r\n");
}

static void csv_row(struct buf *b, const struct report_column *cols, int ncols,
                    const struct report_cell *row)
{
    for (int c = 0; c < ncols; c++) {
        if (c)
            buf_putc(b, ',');
        if (cols[c].kind == REPORT_NUMBER) {
            if (!row[c].is_null)
                buf_printf(b, "%" PRId64, row[c].num);
        } else {
            csv_field(b, row[c].text);
        }
    }
    buf_puts(b, "\r\n");
}

static enum err_code csv_take(struct buf *b, char **out, size_t *len, struct err *e)
{
    if (b->overflow) {
        buf_free(b);
        return err_set(e, ERR_TOO_LARGE, "report_too_large", NULL,
                       "Laporan terlalu besar; persempit filternya");
    }
    *out = buf_take(b, len);
    return ERR_OK;
}

const struct report_cell *report_table_row(const struct report_table *t, size_t r,
                                           struct report_cell *buf)
{
    if (t->cells)
        return t->cells + r * (size_t)t->ncols;
    memset(buf, 0, (size_t)t->ncols * sizeof *buf);
    t->row(t->row_ctx, r, buf);
    return buf;
}

enum err_code report_csv(const struct report_table *t, char **out, size_t *len, struct err *e)
{
    struct report_cell row[REPORT_MAX_COLS];
    struct buf b;

    if (t->ncols < 1 || t->ncols > REPORT_MAX_COLS)
        return err_internal(e, "report_csv: column count out of range");
    buf_init(&b, LIMIT_RESPONSE_BYTES);
    csv_header(&b, t);
    for (size_t r = 0; r < t->nrows; r++)
        csv_row(&b, t->cols, t->ncols, report_table_row(t, r, row));
    return csv_take(&b, out, len, e);
}

struct report_stream {
    enum report_format format;
    const struct report_column *cols;
    int ncols;
    struct buf csv;           /* REPORT_CSV: the file so far */
    struct report_xlsx *xlsx; /* REPORT_XLSX: the workbook on disk */
};

enum err_code report_stream_open(enum report_format format, const struct report_table *t,
                                 struct report_stream **out, struct err *e)
{
    struct report_stream *s;
    enum err_code rc = ERR_OK;

    if (format != REPORT_CSV && format != REPORT_XLSX)
        return err_internal(e, "report_stream_open: CSV or XLSX only");
    s = xcalloc(1, sizeof *s);
    s->format = format;
    s->cols = t->cols;
    s->ncols = t->ncols;
    buf_init(&s->csv, LIMIT_RESPONSE_BYTES);
    if (format == REPORT_CSV)
        csv_header(&s->csv, t);
    else
        rc = report_xlsx_open(t, &s->xlsx, e);
    if (rc) {
        report_stream_free(s);
        return rc;
    }
    *out = s;
    return ERR_OK;
}

enum err_code report_stream_row(struct report_stream *s, const struct report_cell *row,
                                struct err *e)
{
    if (s->format == REPORT_XLSX)
        return report_xlsx_row(s->xlsx, row, e);
    csv_row(&s->csv, s->cols, s->ncols, row);
    return s->csv.overflow ? err_set(e, ERR_TOO_LARGE, "report_too_large", NULL,
                                     "Laporan terlalu besar; persempit filternya")
                           : ERR_OK;
}

enum err_code report_stream_respond(struct report_stream *s, struct resp *rs, const char *base,
                                    struct err *e)
{
    char *body = NULL;
    size_t len = 0;
    enum err_code rc = s->format == REPORT_XLSX ? report_xlsx_finish(s->xlsx, &body, &len, e)
                                                : csv_take(&s->csv, &body, &len, e);

    if (rc)
        return rc;
    report_attach(rs, s->format, body, len, base);
    return ERR_OK;
}

void report_stream_free(struct report_stream *s)
{
    if (!s)
        return;
    buf_free(&s->csv);
    report_xlsx_free(s->xlsx);
    free(s);
}

enum err_code report_format_parse(const char *s, unsigned allowed, enum report_format *out,
                                  struct err *e)
{
    static const char *const names[] = {"json", "csv", "xlsx", "pdf"};
    struct buf msg;
    enum err_code rc;

    for (int f = REPORT_JSON; f <= REPORT_PDF; f++) {
        if ((allowed & REPORT_ALLOW(f)) && strcmp(s ? s : "json", names[f]) == 0) {
            *out = (enum report_format)f;
            return ERR_OK;
        }
    }
    buf_init(&msg, 128);
    buf_puts(&msg, "Format harus salah satu dari:");
    for (int f = REPORT_JSON; f <= REPORT_PDF; f++)
        if (allowed & REPORT_ALLOW(f))
            buf_printf(&msg, " %s", names[f]);
    rc = err_set(e, ERR_INVALID, "validation_failed", "format", buf_cstr(&msg));
    buf_free(&msg);
    return rc;
}

void report_attach(struct resp *rs, enum report_format format, char *body, size_t len,
                   const char *base)
{
    static const struct {
        const char *ext, *type;
    } kinds[] = {
        [REPORT_JSON] = {"json", "application/json"},
        [REPORT_CSV] = {"csv", "text/csv; charset=utf-8"},
        [REPORT_XLSX] = {"xlsx",
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        [REPORT_PDF] = {"pdf", "application/pdf"},
    };
    char name[128], header[192];
    size_t j = 0;

    for (const char *p = base ? base : "laporan"; *p && j < sizeof name - 1; p++) {
        char c = *p;
        int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '_' || c == '-';

        name[j++] = ok ? c : '_';
    }
    name[j] = '\0';
    snprintf(header, sizeof header, "attachment; filename=\"%s.%s\"", j ? name : "laporan",
             kinds[format].ext);
    resp_free(rs);
    rs->status = 200;
    rs->body = body;
    rs->len = len;
    rs->content_type = kinds[format].type;
    resp_header(rs, "Content-Disposition", header);
}

enum err_code report_respond(struct resp *rs, enum report_format format,
                             const struct report_table *t, const char *base, struct err *e)
{
    size_t len = 0;
    char *body = NULL;
    enum err_code rc;

    switch (format) {
    case REPORT_CSV:
        rc = report_csv(t, &body, &len, e);
        break;
    case REPORT_XLSX:
        rc = report_xlsx(t, &body, &len, e);
        break;
    case REPORT_PDF:
        rc = report_pdf(t, &body, &len, e);
        break;
    default:
        return err_internal(e, "report_respond: JSON is rendered by the handler");
    }
    if (rc)
        return rc;
    report_attach(rs, format, body, len, base);
    return ERR_OK;
}
