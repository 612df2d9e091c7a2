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

static lxw_error write_rows(lxw_workbook *wb, lxw_worksheet *ws, const struct report_table *t)
{
    lxw_format *bold = workbook_add_format(wb), *date = workbook_add_format(wb);
    lxw_error err = LXW_NO_ERROR;
    lxw_row_t row = 0;

    format_set_bold(bold);
    format_set_num_format(date, "dd-mm-yyyy");
    for (int c = 0; c < t->ncols; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                             t->cols[c].width > 0 ? t->cols[c].width : 10, NULL);
    worksheet_freeze_panes(ws, 1, 0);
    for (int c = 0; c < t->ncols && !err; c++)
        err = worksheet_write_string(ws, row, (lxw_col_t)c, t->cols[c].header, bold);
    for (size_t r = 0; r < t->nrows && !err; r++) {
        const struct report_cell *cell = t->cells + r * (size_t)t->ncols;

        row++;
        for (int c = 0; c < t->ncols && !err; c++, cell++) {
            lxw_datetime dt;

            if (t->cols[c].kind == REPORT_NUMBER) {
                if (!cell->is_null)
                    err = worksheet_write_number(ws, row, (lxw_col_t)c, (double)cell->num, NULL);
            } else if (t->cols[c].kind == REPORT_DATE && parse_date(cell->text, &dt) == 0) {
                err = worksheet_write_datetime(ws, row, (lxw_col_t)c, &dt, date);
            } else if (cell->text && *cell->text) {
                err = worksheet_write_string(ws, row, (lxw_col_t)c, cell->text, NULL);
            }
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

enum err_code report_xlsx(const struct report_table *t, char **out, size_t *len, struct err *e)
{
    char dir[] = "/tmp/abdi-xlsx-XXXXXX", path[64], name[32];
    lxw_workbook_options opt = {.constant_memory = 1, .tmpdir = dir, .use_zip64 = 0};
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_error err;
    enum err_code rc;

    if (!mkdtemp(dir))
        return err_internal(e, "xlsx mkdtemp");
    snprintf(path, sizeof path, "%s/laporan.xlsx", dir);
    wb = workbook_new_opt(path, &opt);
    if (!wb) {
        rc = err_internal(e, "xlsx workbook_new");
        goto out;
    }
    sheet_name(t->title, name);
    ws = workbook_add_worksheet(wb, name);
    err = ws ? write_rows(wb, ws, t) : LXW_ERROR_MEMORY_MALLOC_FAILED;
    if (workbook_close(wb) != LXW_NO_ERROR || err != LXW_NO_ERROR) {
        rc = err_internal(e, "xlsx write");
        err_detail(e, ": %s", lxw_strerror(err));
        goto out;
    }
    rc = read_back(path, out, len, e);
out:
    unlink(path);
    rmdir(dir);
    return rc;
}
