/* pdf_int.h - what the PDF writers of src/report/ share (private to src/report/): the libharu
 * error handler, whose user data is an HPDF_STATUS that keeps the first error, and the save
 * of a finished document into one malloc'd buffer (ERR_TOO_LARGE past LIMIT_RESPONSE_BYTES). */
#ifndef ABDI_REPORT_PDF_INT_H
#define ABDI_REPORT_PDF_INT_H

#include <hpdf.h>
#include <stddef.h>

#include "core/err.h"

void HPDF_STDCALL report_pdf_on_error(HPDF_STATUS no, HPDF_STATUS detail, void *data);
enum err_code report_pdf_save(HPDF_Doc doc, const HPDF_STATUS *error, char **out, size_t *len,
                              struct err *e) ABDI_MUST_CHECK;

#endif
