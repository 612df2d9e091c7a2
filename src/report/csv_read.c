/* csv_read.c - CSV rows for imports (see csv_read.h). libcsv does the quoting; this file feeds
 * it one physical line at a time, so the line where a row starts is known exactly and each
 * line's UTF-8 is checked on its own (a code point never spans a newline). Only LF ends a row
 * (a CR before it is trimmed like a space, or turned into LF inside quotes), so one line
 * completes at most one row. */
#include "report/csv_read.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/str.h"

struct csv_reader {
    struct arena *a;
    const char *data;
    size_t len, pos;
    long line; /* number of the next physical line to feed */
    struct csv_parser p;
    int live, fini_done, fatal;
    struct csv_read_options o;
    const struct csv_col *cols;
    size_t ncols;
    struct csv_report *rep;
    /* header: file field i -> declared column map[i] or -1 */
    int *map;
    const char **header; /* names as written in the file */
    size_t nheader;
    unsigned char *has;
    /* the row being read */
    char *buf;
    size_t buf_len, buf_cap;
    size_t *off;
    size_t nfields; /* fields seen, may exceed max_fields */
    long too_long;  /* first field over the limit, or -1 */
    long row_start, bad_utf8;
    int row_done;
    const char **values;
};

void csv_report_init(struct csv_report *rep, struct arena *a, size_t max_issues)
{
    memset(rep, 0, sizeof *rep);
    rep->a = a;
    rep->max_issues = max_issues ? max_issues : CSV_READ_MAX_ISSUES;
    rep->errors = arena_alloc(a, rep->max_issues * sizeof *rep->errors);
    rep->warnings = arena_alloc(a, rep->max_issues * sizeof *rep->warnings);
}

static void add(struct csv_report *rep, struct csv_issue *list, size_t *n, long line,
                const char *column, const char *msg)
{
    if (*n >= rep->max_issues)
        return;
    list[*n].line = line;
    list[*n].column = column ? arena_strdup(rep->a, column) : NULL;
    list[*n].message = arena_strdup(rep->a, msg);
    (*n)++;
}

void csv_report_add(struct csv_report *rep, long line, const char *column, const char *msg)
{
    add(rep, rep->errors, &rep->nerrors, line, column, msg);
    rep->errors_total++;
    if (line != rep->last_bad_line && line > 1)
        rep->bad_rows++;
    rep->last_bad_line = line;
}

void csv_report_warn(struct csv_report *rep, long line, const char *column, const char *msg)
{
    add(rep, rep->warnings, &rep->nwarnings, line, column, msg);
    rep->warnings_total++;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static int is_term(unsigned char c)
{
    return c == '\n';
}

static void grow(struct csv_reader *r, size_t more)
{
    if (r->buf_len + more <= r->buf_cap)
        return;
    r->buf_cap = (r->buf_len + more) * 2;
    r->buf = xrealloc(r->buf, r->buf_cap);
}

static void on_field(void *s, size_t n, void *data)
{
    struct csv_reader *r = data;
    const char *src = s;
    size_t max = r->o.max_fields;

    if (r->nfields < max) {
        if (n > r->o.max_field_bytes) {
            if (r->too_long < 0)
                r->too_long = (long)r->nfields;
            n = 0;
        }
        grow(r, n + 1);
        r->off[r->nfields] = r->buf_len;
        for (size_t i = 0; i < n; i++) /* CRLF inside quotes -> LF */
            if (!(src[i] == '\r' && i + 1 < n && src[i + 1] == '\n'))
                r->buf[r->buf_len++] = src[i];
        r->buf[r->buf_len++] = '\0';
    }
    r->nfields++;
}

static void on_row(int c, void *data)
{
    struct csv_reader *r = data;

    (void)c;
    r->row_done = 1;
}

static void reader_free(void *p)
{
    csv_reader_close(p);
}

void csv_reader_close(struct csv_reader *r)
{
    if (!r || !r->live)
        return;
    csv_free(&r->p);
    free(r->buf);
    free(r->off);
    r->buf = NULL;
    r->off = NULL;
    r->live = 0;
}

static int fatal(struct csv_reader *r, long line, const char *column, const char *msg)
{
    csv_report_add(r->rep, line, column, msg);
    r->fatal = 1;
    return -1;
}

static int blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_space((unsigned char)s[i]) && s[i] != '\n')
            return 0;
    return 1;
}

/* Feed the next physical line to libcsv. -1 on broken quoting. */
static int feed_line(struct csv_reader *r)
{
    const char *s = r->data + r->pos;
    const char *nl = memchr(s, '\n', r->len - r->pos);
    size_t n = nl ? (size_t)(nl - s) + 1 : r->len - r->pos;
    char msg[96];

    if (!r->row_start && !blank_line(s, n))
        r->row_start = r->line;
    if (!utf8_valid(s, n) && !r->bad_utf8)
        r->bad_utf8 = r->line;
    if (csv_parse(&r->p, s, n, on_field, on_row, r) != n) {
        snprintf(msg, sizeof msg, "Tanda kutip tidak sah pada baris %ld", r->line);
        return fatal(r, r->row_start ? r->row_start : r->line, NULL, msg);
    }
    r->pos += n;
    r->line++;
    return 0;
}

/* The next row as libcsv split it: 1, 0 at the end, -1 on a file error. */
static int next_raw(struct csv_reader *r)
{
    r->nfields = 0;
    r->buf_len = 0;
    r->too_long = -1;
    r->row_start = 0;
    r->bad_utf8 = 0;
    r->row_done = 0;
    while (!r->row_done) {
        if (r->fatal)
            return -1;
        if (r->pos < r->len) {
            if (feed_line(r))
                return -1;
            continue;
        }
        if (r->fini_done)
            return 0;
        r->fini_done = 1;
        if (csv_fini(&r->p, on_field, on_row, r) != 0)
            return fatal(r, r->row_start ? r->row_start : r->line - 1, NULL,
                         "Tanda kutip tidak ditutup sampai akhir berkas");
    }
    if (!r->row_start) /* a row is never on a blank line; keep the line count honest */
        r->row_start = r->line - 1;
    return 1;
}

/* Separator of the header line: the more frequent of ';' and ',' outside quotes. */
static char detect_delim(const char *s, size_t n)
{
    size_t semi = 0, comma = 0;
    int quoted = 0;

    for (size_t i = 0; i < n && s[i] != '\n'; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == ';')
            semi++;
        else if (!quoted && s[i] == ',')
            comma++;
    }
    return semi > comma ? ';' : ',';
}

static const char *field(const struct csv_reader *r, size_t i)
{
    return r->buf + r->off[i];
}

static int row_empty(const struct csv_reader *r)
{
    size_t n = r->nfields < r->o.max_fields ? r->nfields : r->o.max_fields;

    for (size_t i = 0; i < n; i++)
        if (*field(r, i))
            return 0;
    return r->too_long < 0;
}

/* Trimmed copy of a header name. */
static const char *header_name(struct arena *a, const char *s)
{
    size_t n = strlen(s);

    while (n && is_space((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && is_space((unsigned char)s[n - 1]))
        n--;
    return arena_strndup(a, s, n);
}

static int match_header(struct csv_reader *r)
{
    char msg[160];
    int missing = 0;

    r->nheader = r->nfields;
    r->map = arena_alloc(r->a, r->nheader * sizeof *r->map);
    r->header = arena_alloc(r->a, r->nheader * sizeof *r->header);
    for (size_t i = 0; i < r->nheader; i++) {
        const char *name = header_name(r->a, field(r, i));

        r->header[i] = name;
        r->map[i] = -1;
        for (size_t c = 0; c < r->ncols; c++) {
            if (!str_ieq(name, r->cols[c].name) &&
                !(r->cols[c].alias && str_ieq(name, r->cols[c].alias)))
                continue;
            if (r->has[c]) {
                snprintf(msg, sizeof msg, "Kolom %s muncul lebih dari sekali", r->cols[c].name);
                return fatal(r, r->row_start, r->cols[c].name, msg);
            }
            r->has[c] = 1;
            r->map[i] = (int)c;
        }
        if (r->map[i] < 0)
            csv_report_warn(r->rep, r->row_start, *name ? name : NULL,
                            *name ? "Kolom tidak dikenal, diabaikan"
                                  : "Kolom tanpa nama, diabaikan");
    }
    for (size_t c = 0; c < r->ncols; c++) {
        if (r->has[c] || !(r->cols[c].flags & CSV_COL_REQUIRED))
            continue;
        snprintf(msg, sizeof msg, "Kolom wajib %s tidak ada di baris judul", r->cols[c].name);
        csv_report_add(r->rep, r->row_start, r->cols[c].name, msg);
        missing = 1;
    }
    if (missing) {
        r->fatal = 1;
        return -1;
    }
    return 0;
}

struct csv_reader *csv_reader_open(struct arena *a, const char *data, size_t len,
                                   const struct csv_read_options *o, const struct csv_col *cols,
                                   size_t ncols, struct csv_report *rep)
{
    struct csv_reader *r = arena_alloc(a, sizeof *r);
    char msg[96];
    int got;

    r->a = a;
    r->rep = rep;
    r->cols = cols;
    r->ncols = ncols;
    if (o)
        r->o = *o;
    if (!r->o.max_fields)
        r->o.max_fields = CSV_READ_MAX_FIELDS;
    if (!r->o.max_field_bytes)
        r->o.max_field_bytes = CSV_READ_MAX_FIELD_BYTES;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    r->data = data;
    r->len = len;
    r->line = 1;
    r->has = arena_alloc(a, ncols ? ncols : 1);
    r->values = arena_alloc(a, (ncols ? ncols : 1) * sizeof *r->values);
    r->off = xmalloc(r->o.max_fields * sizeof *r->off);
    if (!r->o.delim)
        r->o.delim = detect_delim(data, len);
    if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        free(r->off);
        fatal(r, 1, NULL, "Pembaca CSV tidak dapat dimulai");
        return NULL;
    }
    r->live = 1;
    arena_defer(a, reader_free, r);
    csv_set_delim(&r->p, (unsigned char)r->o.delim);
    csv_set_space_func(&r->p, is_space);
    csv_set_term_func(&r->p, is_term);
    do
        got = next_raw(r);
    while (got == 1 && row_empty(r));
    if (got <= 0) {
        if (got == 0)
            fatal(r, 1, NULL, "Berkas kosong: baris judul kolom tidak ada");
        return NULL;
    }
    if (r->bad_utf8) {
        snprintf(msg, sizeof msg, "Baris %ld bukan teks UTF-8 yang sah", r->bad_utf8);
        fatal(r, r->row_start, NULL, msg);
        return NULL;
    }
    if (r->nfields > r->o.max_fields || r->too_long >= 0) {
        fatal(r, r->row_start, NULL, "Baris judul terlalu panjang atau kolomnya terlalu banyak");
        return NULL;
    }
    return match_header(r) ? NULL : r;
}

int csv_reader_has(const struct csv_reader *r, size_t col)
{
    return col < r->ncols && r->has[col];
}

char csv_reader_delim(const struct csv_reader *r)
{
    return r->o.delim;
}

size_t csv_reader_offset(const struct csv_reader *r)
{
    return r->pos;
}

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* dd-mm-yyyy or dd/mm/yyyy -> yyyy-mm-dd in place (same length). */
static void date_dmy(char *v)
{
    char t[11];

    if (strlen(v) != 10 || !(v[2] == '-' || v[2] == '/') || v[5] != v[2] || !digits(v, 2) ||
        !digits(v + 3, 2) || !digits(v + 6, 4))
        return;
    memcpy(t, v + 6, 4);
    t[4] = '-';
    memcpy(t + 5, v + 3, 2);
    t[7] = '-';
    memcpy(t + 8, v, 2);
    t[10] = '\0';
    memcpy(v, t, 11);
}

static const char *value(struct csv_reader *r, size_t i, unsigned col_flags)
{
    char *v = r->buf + r->off[i];

    if ((r->o.flags & CSV_READ_APOSTROPHE) && *v == '\'')
        v++;
    if ((r->o.flags & CSV_READ_NULL_EMPTY) && str_ieq(v, "null"))
        return NULL;
    if (!*v)
        return NULL;
    if (col_flags & CSV_COL_DATE_DMY)
        date_dmy(v);
    return v;
}

/* A row with its own problem: recorded, and the caller skips it. */
static int row_problem(struct csv_reader *r)
{
    char msg[128];

    if (r->bad_utf8) {
        snprintf(msg, sizeof msg, "Baris %ld bukan teks UTF-8 yang sah (simpan sebagai CSV UTF-8)",
                 r->bad_utf8);
        csv_report_add(r->rep, r->row_start, NULL, msg);
        return 1;
    }
    if (r->nfields != r->nheader) {
        snprintf(msg, sizeof msg, "Jumlah kolom %zu, seharusnya %zu seperti baris judul",
                 r->nfields, r->nheader);
        csv_report_add(r->rep, r->row_start, NULL, msg);
        return 1;
    }
    if (r->too_long >= 0) {
        int c = r->map[r->too_long];

        snprintf(msg, sizeof msg, "Isi kolom terlalu panjang (maksimal %zu byte)",
                 r->o.max_field_bytes);
        csv_report_add(r->rep, r->row_start, c >= 0 ? r->cols[c].name : r->header[r->too_long],
                       msg);
        return 1;
    }
    return 0;
}

int csv_reader_next(struct csv_reader *r, struct csv_row *row)
{
    char msg[96];
    int got;

    for (;;) {
        got = next_raw(r);
        if (got <= 0)
            return got;
        if (row_empty(r) && !r->bad_utf8)
            continue;
        r->rep->rows++;
        if (r->o.max_rows && r->rep->rows > r->o.max_rows) {
            r->rep->rows--;
            snprintf(msg, sizeof msg, "Berkas melebihi %ld baris data", r->o.max_rows);
            return fatal(r, r->row_start, NULL, msg);
        }
        if (row_problem(r))
            continue;
        memset(r->values, 0, r->ncols * sizeof *r->values);
        for (size_t i = 0; i < r->nheader; i++)
            if (r->map[i] >= 0)
                r->values[r->map[i]] = value(r, i, r->cols[r->map[i]].flags);
        row->line = r->row_start;
        row->values = r->values;
        return 1;
    }
}

int csv_is_content_type(const char *ct)
{
    size_t n = strlen("text/csv");

    if (!ct || strncasecmp(ct, "text/csv", n) != 0)
        return 0;
    return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ';
}
