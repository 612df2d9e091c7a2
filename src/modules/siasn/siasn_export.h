/* siasn_export.h - exports in BKN's shapes (issue 7): the rank, position and training
 * histories of a unit (with its sub-units) or of one employee as CSV with SIASN's field names
 * and codes (golongan id from the golongan list, jenis jabatan, eselon and jenis diklat ids
 * through the reference lists' ref_map), within the caller's read scope. Later modules
 * (performance, training) add their own kinds to the table in export.c.
 * See docs/api-siasn-export.md. */
#ifndef ABDI_SIASN_EXPORT_H
#define ABDI_SIASN_EXPORT_H

#include "http/http.h"

/* SIASN dates are dd-mm-yyyy: "2020-03-01" → "01-03-2020" into out (11 bytes); anything
 * that is not YYYY-MM-DD is copied as it is (truncated). */
void siasn_export_date(const char *iso, char out[11]);

/* GET /api/v1/exports/siasn/{rank-history|position-history|training-history} */
extern const struct route siasn_export_routes[];

#endif
