/* form.h - a PDF document laid out as blocks one below the other on A4 portrait pages: a
 * letter or a decree (the leave letter, later assignment letters). The blocks are plain data;
 * the writer wraps text to the page width, starts a new page when a block does not fit and
 * writes "Halaman x dari y" when there is more than one page. Text goes through
 * report_winansi (report.h). Errors as the other writers (report.h). */
#ifndef ABDI_REPORT_FORM_H
#define ABDI_REPORT_FORM_H

#include <stddef.h>

#include "core/err.h"
#include "report/report.h"

enum report_block_kind {
    REPORT_BLOCK_HEADER,    /* text: lines ('\n'), centred, bold, then a double rule */
    REPORT_BLOCK_TITLE,     /* text centred, bold, larger; text2 (may be NULL) centred below */
    REPORT_BLOCK_TEXT,      /* text: a paragraph wrapped to the width (indent: points) */
    REPORT_BLOCK_FIELDS,    /* fields: "label : value" rows, values wrapped (indent: points) */
    REPORT_BLOCK_TABLE,     /* table: its cols, cells and nrows (its title above when set) */
    REPORT_BLOCK_SIGNATURE, /* right half: text lines, room for a signature, text2 lines */
    REPORT_BLOCK_SPACE,     /* indent points of empty space */
};

struct report_field {
    const char *label, *value; /* value NULL = "-" */
};

struct report_block {
    enum report_block_kind kind;
    const char *text, *text2;
    const struct report_field *fields;
    size_t nfields;
    const struct report_table *table;
    float indent;
};

struct report_form {
    const char *title; /* the document's info title */
    const struct report_block *blocks;
    size_t nblocks;
    int uncompressed; /* 1: content streams stored as they are (tests, debugging) */
};

enum err_code report_form_pdf(const struct report_form *f, char **out, size_t *len,
                              struct err *e) ABDI_MUST_CHECK;

#endif
