/* leave_report.h - the leave outputs (issue 4, "Outputs"): the leave letter (surat izin cuti)
 * as PDF, the unit leave calendar and the yearly recap per unit as XLSX. letter.c is pure
 * (plain struct in, PDF bytes out; unit-tested), report.c reads the database, report_api.c
 * holds the handlers. */
#ifndef ABDI_LEAVE_REPORT_H
#define ABDI_LEAVE_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "http/http.h"

/* A row of the letter's balance table: the annual leave left of one year (N-2, N-1, N). */
struct leave_letter_balance {
    int year;
    int remaining;    /* working days; < 0 = not known ("-") */
    const char *note; /* may be NULL */
};

/* Everything the letter shows; text is UTF-8, dates 'YYYY-MM-DD'. NULL prints "-". */
struct leave_letter {
    const char *org_name;  /* the government, "PEMERINTAH KOTA ..." (upper-cased on print) */
    const char *issuer;    /* the official's unit, second header line; may be NULL */
    const char *place;     /* city of the date line; may be NULL */
    const char *number;    /* the decree number */
    const char *issued_on; /* the day of the final approval */
    const char *type;      /* leave type code: "tahunan", "besar", ... */
    const char *status;    /* CPNS, PNS, PPPK */
    const char *name, *nip, *rank, *position, *unit;
    const char *start_date, *end_date;
    int working_days;
    const char *address, *phone;
    struct leave_letter_balance balance[3]; /* N-2, N-1, N */
    /* the approving official; acting: "Plt." or "Plh." when signed by an acting official */
    const char *signer_name, *signer_nip, *signer_position, *signer_acting;
};

/* The letter as an A4 portrait PDF (*out malloc'd; free it). uncompressed: content streams
 * stored plain (tests). */
enum err_code leave_letter_pdf(const struct leave_letter *l, int uncompressed, char **out,
                               size_t *len, struct err *e) ABDI_MUST_CHECK;

/* "Cuti Tahunan" for "tahunan"; NULL for an unknown code. */
const char *leave_type_title(const char *type);

/* "1 Desember 2026" for "2026-12-01"; the input itself when it is not a date. */
void leave_date_long(const char *ymd, char out[32]);

/* "tiga" for 3, "dua puluh satu" for 21 (0..9999; else the digits). */
void leave_number_words(int n, char *out, size_t cap);

/* ---- report.c (SQL) ---- */
struct db;
struct arena;

/* Who signed the final approval of a request (the signer columns of leave_requests): the
 * employee, the post decided for (the post a Plt/Plh acted on) and "plt" / "plh" / NULL;
 * bkpsdm 1 when BKPSDM decided (no post). ERR_NOT_FOUND when the request has no signer. */
struct leave_signer {
    int bkpsdm;
    int64_t employee_id, position_id; /* 0 when unknown */
    const char *acting;
    const char *name, *nip, *position_name; /* read with it; NULL when unknown */
    const char *approved_on;                /* 'YYYY-MM-DD' */
};
enum err_code leave_report_signer(struct db *db, struct arena *a, int64_t request_id,
                                  struct leave_signer *out, struct err *e) ABDI_MUST_CHECK;
/* The name of the OPD (the unit right below the government) that contains unit_id; NULL
 * when unit_id is the government itself. */
enum err_code leave_report_opd(struct db *db, struct arena *a, int64_t unit_id, const char **name,
                               struct err *e) ABDI_MUST_CHECK;

/* A request on the unit calendar. */
struct leave_cal_row {
    int64_t request_id, employee_id, unit_id;
    const char *employee_name, *employee_nip, *unit_name, *type, *start_date, *end_date, *status;
    int working_days;
};
#define LEAVE_CAL_MAX 5000 /* rows of one calendar answer */
/* Pending and approved requests of the employees now in unit_id (and its sub-units when
 * subtree) whose period meets [from, to], by start date then name; at most LEAVE_CAL_MAX + 1
 * rows (the caller refuses more). */
enum err_code leave_calendar_rows(struct db *db, struct arena *a, int64_t unit_id, int subtree,
                                  const char *from, const char *to, struct leave_cal_row **out,
                                  size_t *n, struct err *e) ABDI_MUST_CHECK;

/* A row of the yearly recap: an active employee now in the unit and the working days of
 * their approved requests starting in the year, per type (index enum leave_type). */
#define LEAVE_RECAP_TYPES 9 /* LEAVE_TYPE_COUNT of leave.h */
struct leave_recap_row {
    int64_t employee_id;
    const char *nip, *name, *unit_name;
    int days[LEAVE_RECAP_TYPES];
};
#define LEAVE_RECAP_MAX 20000 /* employees of one recap */
enum err_code leave_recap_rows(struct db *db, struct arena *a, int64_t unit_id, int subtree,
                               int year, struct leave_recap_row **out, size_t *n,
                               struct err *e) ABDI_MUST_CHECK;

/* The routes of report_api.c: letter.pdf, unit leave calendar, yearly recap. */
extern const struct route leave_report_routes[];

#endif
