/* xlsx.c - the XLSX writer (libxlsxwriter 1.1.4, which has no in-memory output): the
 * workbook goes to a file in a private mkdtemp directory (0700, also libxlsxwriter's own
 * temp dir), is read back into memory and removed with its directory on every path.
 * Text is written with worksheet_write_string, so "=1+1" stays a string (Excel never
 * evaluates a string cell): no CSV-style apostrophe is needed here. Header row bold and
 * frozen; numbers as numbers; dates as dates (dd-mm-yyyy). */
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/mem.h"

static int parse_date(const char *s, lxw_datetime *out)
{
    int y, m, d;
    char end;

    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || y < 1900 || m < 1 || m > 12 || d < 1 ||
        d > 31)
        return -1;
    memset(out, 0, sizeof *out);
    out->year = y;
    out->month = m;
    out->day = d;
    return 0;
}

/* Excel's sheet names: at most 31 characters, none of []:*?/\ . */
static void sheet_name(const char *title, char out[32])
{
    size_t j = 0;

    for (const char *p = title ? title : ""; *p && j < 31; p++)
        out[j++] = strchr("[]:*?/\\'", *p) ? '_' : *p;
    while (j > 0 && (unsigned char)out[j - 1] >= 0x80 && (unsigned char)out[j - 1] < 0xC0)
        j--; /* never cut a UTF-8 sequence: drop its continuation bytes */
    if (j > 0 && (unsigned char)out[j - 1] >= 0xC0)
        j--;
    out[j] = '\0';
    if (j == 0)
        memcpy(out, "Laporan", 8);
}

/* A workbook being written: its private directory, the sheet and the formats. */
struct report_xlsx {
    char dir[32], path[64];
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *date;
    const struct report_column *cols;
    int ncols;
    lxw_row_t row;
};

static lxw_error write_header(struct report_xlsx *x, const struct report_table *t)
{
    lxw_format *bold = workbook_add_format(x->wb);
    lxw_error err = LXW_NO_ERROR;

    x->date = workbook_add_format(x->wb);
    format_set_bold(bold);
    format_set_num_format(x->date, "dd-mm-yyyy");
    for (int c = 0; c < t->ncols; c++)
        worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c,
                             t->cols[c].width > 0 ? t->cols[c].width : 10, NULL);
    worksheet_freeze_panes(x->ws, 1, 0);
    for (int c = 0; c < t->ncols && !err; c++)
        err = worksheet_write_string(x->ws, 0, (lxw_col_t)c, t->cols[c].header, bold);
    return err;
}

static lxw_error write_row(struct report_xlsx *x, const struct report_cell *cell)
{
    lxw_error err = LXW_NO_ERROR;

    x->row++;
    for (int c = 0; c < x->ncols && !err; c++, cell++) {
        lxw_datetime dt;

        if (x->cols[c].kind == REPORT_NUMBER) {
            if (!cell->is_null)
                err = worksheet_write_number(x->ws, x->row, (lxw_col_t)c, (double)cell->num, NULL);
        } else if (x->cols[c].kind == REPORT_DATE && parse_date(cell->text, &dt) == 0) {
            err = worksheet_write_datetime(x->ws, x->row, (lxw_col_t)c, &dt, x->date);
        } else if (cell->text && *cell->text) {
            err = worksheet_write_string(x->ws, x->row, (lxw_col_t)c, cell->text, NULL);
        }
    }
    return err;
}

static enum err_code read_back(const char *path, char **out, size_t *len, struct err *e)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long size;
    enum err_code rc = ERR_OK;

    if (!f)
        return err_internal(e, "xlsx read back");
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        rc = err_internal(e, "xlsx size");
        goto out;
    }
    if ((unsigned long)size > LIMIT_RESPONSE_BYTES) {
        rc = err_set(e, ERR_TOO_LARGE, "report_too_large", NULL,
                     "Laporan terlalu besar; persempit filternya");
        goto out;
    }
    data = xmalloc((size_t)size + 1);
    if (fread(data, 1, (size_t)size, f) != (size_t)size) {
        rc = err_internal(e, "xlsx short read");
        goto out;
    }
    data[size] = '\0';
    *out = data;
    *len = (size_t)size;
    data = NULL;
out:
    free(data);
    fclose(f);
    return rc;
}

void report_xlsx_free(struct report_xlsx *x)
{
    if (!x)
        return;
    if (x->wb)
        (void)workbook_close(x->wb);
    if (x->path[0])
        unlink(x->path);
    if (x->dir[0])
        rmdir(x->dir);
    free(x);
}

enum err_code report_xlsx_open(const struct report_table *t, struct report_xlsx **out,
                               struct err *e)
{
    struct report_xlsx *x = xcalloc(1, sizeof *x);
    lxw_workbook_options opt = {.constant_memory = 1, .use_zip64 = 0};
    char name[32];
    lxw_error err;

    memcpy(x->dir, "/tmp/abdi-xlsx-XXXXXX", sizeof "/tmp/abdi-xlsx-XXXXXX");
    if (!mkdtemp(x->dir)) {
        x->dir[0] = '\0';
        report_xlsx_free(x);
        return err_internal(e, "xlsx mkdtemp");
    }
    snprintf(x->path, sizeof x->path, "%s/laporan.xlsx", x->dir);
    opt.tmpdir = x->dir;
    x->wb = workbook_new_opt(x->path, &opt);
    x->cols = t->cols;
    x->ncols = t->ncols;
    if (x->wb) {
        sheet_name(t->title, name);
        x->ws = workbook_add_worksheet(x->wb, name);
    }
    err = x->ws ? write_header(x, t) : LXW_ERROR_MEMORY_MALLOC_FAILED;
    if (err != LXW_NO_ERROR) {
        report_xlsx_free(x);
        err_internal(e, "xlsx workbook");
        return err_detail(e, ": %s", lxw_strerror(err));
    }
    *out = x;
    return ERR_OK;
}

enum err_code report_xlsx_row(struct report_xlsx *x, const struct report_cell *row, struct err *e)
{
    lxw_error err = write_row(x, row);

    if (err != LXW_NO_ERROR) {
        err_internal(e, "xlsx write");
        return err_detail(e, ": %s", lxw_strerror(err));
    }
    return ERR_OK;
}

enum err_code report_xlsx_finish(struct report_xlsx *x, char **out, size_t *len, struct err *e)
{
    lxw_error err = workbook_close(x->wb);

    x->wb = NULL;
    if (err != LXW_NO_ERROR) {
        err_internal(e, "xlsx write");
        return err_detail(e, ": %s", lxw_strerror(err));
    }
    return read_back(x->path, out, len, e);
}

enum err_code report_xlsx(const struct report_table *t, char **out, size_t *len, struct err *e)
{
    struct report_cell row[REPORT_MAX_COLS];
    struct report_xlsx *x = NULL;
    enum err_code rc = t->ncols < 1 || t->ncols > REPORT_MAX_COLS
                           ? err_internal(e, "report_xlsx: column count out of range")
                           : report_xlsx_open(t, &x, e);

    for (size_t r = 0; !rc && r < t->nrows; r++)
        rc = report_xlsx_row(x, report_table_row(t, r, row), e);
    if (!rc)
        rc = report_xlsx_finish(x, out, len, e);
    report_xlsx_free(x);
    return rc;
}
