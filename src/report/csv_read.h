/* csv_read.h - the one CSV reader of Abdi's imports, on libcsv. A whole file in memory is read
 * row by row (pull): a UTF-8 BOM is skipped, lines end in LF or CRLF, the separator is ';' or
 * ',' (by default the more frequent one in the header line, outside quotes), fields may be
 * quoted with embedded separators, doubled quotes and newlines. Columns are declared by the
 * caller and matched by header name (ASCII case-insensitive, trimmed) in any order.
 *
 * Every problem goes into a struct csv_report with the physical line where the row starts
 * (1 = the header) and the column: errors that spoil one row (wrong number of fields, invalid
 * UTF-8, a field over the limit) skip that row and reading goes on, so a dry run reports all
 * bad rows; errors that spoil the file (no header, a missing required column, broken quoting)
 * end the reading. Unknown header columns are warnings. Messages are in Bahasa Indonesia.
 * The importer adds its own row errors to the same report (csv_report_add).
 *
 * Quirks of other sources are options (SIASN exports: a leading apostrophe that keeps digits
 * as text, a literal "null" for an empty cell, dd-mm-yyyy dates). Memory: strings in the
 * report and the reader come from the arena; the values of a row live until the next call
 * of csv_reader_next. */
#ifndef ABDI_CSV_READ_H
#define ABDI_CSV_READ_H

#include <stddef.h>

#include "core/mem.h"

#define CSV_READ_MAX_FIELDS 128       /* fields of one row (the header included) */
#define CSV_READ_MAX_FIELD_BYTES 4096 /* bytes of one field */
#define CSV_READ_MAX_ISSUES 1000      /* errors (and warnings) kept; the rest only counted */

enum csv_read_flag {
    CSV_READ_APOSTROPHE = 1u << 0, /* strip one leading ' of a value ('198503...) */
    CSV_READ_NULL_EMPTY = 1u << 1, /* a value null / NULL (unquoted or not) is empty */
};

enum csv_col_flag {
    CSV_COL_REQUIRED = 1u << 0, /* the header must have it (a value may still be empty) */
    CSV_COL_DATE_DMY = 1u << 1, /* dd-mm-yyyy or dd/mm/yyyy becomes yyyy-mm-dd */
};

/* One declared column. alias, when not NULL, is a second accepted header name. */
struct csv_col {
    const char *name;
    const char *alias;
    unsigned flags;
};

struct csv_read_options {
    char delim;             /* ';' or ','; 0 = detect from the header line */
    unsigned flags;         /* enum csv_read_flag */
    size_t max_fields;      /* 0 = CSV_READ_MAX_FIELDS */
    size_t max_field_bytes; /* 0 = CSV_READ_MAX_FIELD_BYTES */
    long max_rows;          /* data rows; 0 = no limit */
    size_t max_issues;      /* 0 = CSV_READ_MAX_ISSUES */
};

struct csv_issue {
    long line;          /* physical line where the row starts; 1 = header */
    const char *column; /* header name as declared, or NULL for the whole row / file */
    const char *message;
};

struct csv_report {
    struct arena *a;
    size_t max_issues;
    struct csv_issue *errors; /* the first max_issues, in line order */
    size_t nerrors;           /* kept */
    long errors_total;        /* all of them */
    struct csv_issue *warnings;
    size_t nwarnings;
    long warnings_total;
    long rows;          /* data rows read (blank rows not counted) */
    long bad_rows;      /* rows with at least one error */
    long last_bad_line; /* internal: to count bad_rows once per row */
};

/* A data row: values[i] belongs to the declared column i; NULL when the column is not in the
 * file or the cell is empty. Values are trimmed (unquoted) and NUL-terminated; a CRLF inside a
 * quoted value becomes LF. */
struct csv_row {
    long line;
    const char *const *values;
};

struct csv_reader;

void csv_report_init(struct csv_report *rep, struct arena *a, size_t max_issues);
/* An error of the row at line (column may be NULL); msg is copied. */
void csv_report_add(struct csv_report *rep, long line, const char *column, const char *msg);
void csv_report_warn(struct csv_report *rep, long line, const char *column, const char *msg);

/* Read the header of data[0..len) and match it to cols[0..ncols). NULL when the file is
 * unusable (empty, no header, a required column missing, a broken header): the reasons are in
 * rep. o may be NULL (defaults). */
struct csv_reader *csv_reader_open(struct arena *a, const char *data, size_t len,
                                   const struct csv_read_options *o, const struct csv_col *cols,
                                   size_t ncols, struct csv_report *rep);
/* 1 = a good row in *row; 0 = end of file; -1 = reading stopped on an error of the file
 * (recorded in rep). Rows with their own errors are recorded and skipped. */
int csv_reader_next(struct csv_reader *r, struct csv_row *row);
/* Was declared column i in the header? */
int csv_reader_has(const struct csv_reader *r, size_t col);
/* The separator in use, and the bytes of the file read so far (for progress). */
char csv_reader_delim(const struct csv_reader *r);
size_t csv_reader_offset(const struct csv_reader *r);
/* Release libcsv's buffers (also done when the arena is freed). */
void csv_reader_close(struct csv_reader *r);
/* 1 when a request's Content-Type is text/csv (with or without parameters): what every CSV
 * import endpoint accepts. */
int csv_is_content_type(const char *ct);

#endif
