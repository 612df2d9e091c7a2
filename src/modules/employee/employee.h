/* employee.h - the employee module: for now the pure rules of the three identifiers an employee
 * carries (NIP of a PNS, NI PPPK, NIK); the record, its store and its API join later.
 * Nothing here allocates or reads the clock: "today" and the PPPK layout are arguments.
 * Errors are 422 (ERR_INVALID) naming the field "nip" or "nik", with a stable slug per rule. */
#ifndef ABDI_EMPLOYEE_H
#define ABDI_EMPLOYEE_H

#include <stdint.h>

#include "core/err.h"

#define EMPLOYEE_NIP_LEN 18 /* digits of a PNS NIP and of an NI PPPK */
#define EMPLOYEE_NIK_LEN 16 /* digits of a NIK */

/* A calendar date (proleptic Gregorian). core/ has no date type yet; when it gains one this
 * becomes an alias of it. Valid years here are 1..9999. */
struct employee_date {
    int16_t y;
    int8_t m; /* 1..12 */
    int8_t d; /* 1..31 */
};

/* The digit a NIP or NI PPPK uses, and the L/P of the NIK and of the record. */
enum employee_gender {
    EMPLOYEE_MALE = 1,   /* L, laki-laki */
    EMPLOYEE_FEMALE = 2, /* P, perempuan */
};

/* ---- rules.c (pure) ---- */

/* NIP of a PNS: YYYYMMDD birth . YYYYMM TMT CPNS . G gender . NNN sequence. */
struct employee_nip_info {
    struct employee_date birth_on;
    int tmt_cpns_year;
    int tmt_cpns_month; /* 1..12; the NIP carries no day */
    enum employee_gender gender;
    int sequence; /* 1..999 */
};

/* Decode and validate a NIP against its own content and today. Fills *out (may be NULL) only
 * on success. Errors (field "nip"), in order:
 *   nip_invalid            not exactly 18 ASCII digits (NULL counts as empty)
 *   nip_birth_date_invalid birth date is not a real date
 *   nip_tmt_invalid        TMT CPNS month not 01..12
 *   nip_gender_invalid     gender digit not 1 or 2
 *   nip_sequence_invalid   sequence 000
 *   nip_tmt_before_18      TMT CPNS month before the month the person turned 18
 *   nip_tmt_future         TMT CPNS month after today's month */
enum err_code employee_nip_decode(const char *nip, struct employee_date today,
                                  struct employee_nip_info *out, struct err *e) ABDI_MUST_CHECK;
/* Decode, then require the record's birth date and gender. Further errors (field "nip"):
 *   nip_birth_date_mismatch, nip_gender_mismatch */
enum err_code employee_nip_check(const char *nip, struct employee_date birth,
                                 enum employee_gender g, struct employee_date today,
                                 struct err *e) ABDI_MUST_CHECK;

/* NI PPPK: YYYYMMDD birth . YYYY appointment year . marker . B batch . G gender . NNN.
 * domain.md §1 says the layout is read from public parser code, not a BKN text, so the
 * variable parts are a setting; employee_pppk_layout_default holds the documented values. */
struct employee_pppk_layout {
    char marker;       /* digit 13: '2'; must not be '0' or '1' (those begin a NIP month) */
    int batch_min;     /* digit 14: 1 */
    int batch_max;     /* 9 */
    int sequence_min;  /* digits 16-18: 1 */
    int sequence_max;  /* 999 */
    int min_age_years; /* appointment year minus birth year at least this: 20 */
};

extern const struct employee_pppk_layout employee_pppk_layout_default;

/* A layout an admin saved: marker a digit 2..9, 0 <= batch_min <= batch_max <= 9,
 * 0 <= sequence_min <= sequence_max <= 999, 0 <= min_age_years <= 100.
 * Error: pppk_layout_invalid, field "pppk_layout". */
enum err_code employee_pppk_layout_check(const struct employee_pppk_layout *l,
                                         struct err *e) ABDI_MUST_CHECK;

struct employee_pppk_info {
    struct employee_date birth_on;
    int appointed_year;
    int batch;
    enum employee_gender gender;
    int sequence;
};

/* Decode and validate an NI PPPK under layout l (pass &employee_pppk_layout_default when no
 * setting is saved). Fills *out (may be NULL) only on success. Errors (field "nip"), in order:
 *   pppk_invalid            not exactly 18 ASCII digits
 *   pppk_not_pppk           digit 13 is not the marker (a PNS NIP has a month there)
 *   pppk_birth_date_invalid birth date is not a real date
 *   pppk_batch_invalid      batch outside [batch_min, batch_max]
 *   pppk_gender_invalid     gender digit not 1 or 2
 *   pppk_sequence_invalid   sequence outside [sequence_min, sequence_max]
 *   pppk_year_too_early     appointment year - birth year < min_age_years
 *   pppk_year_future        appointment year after today's year */
enum err_code employee_pppk_decode(const char *ni, const struct employee_pppk_layout *l,
                                   struct employee_date today, struct employee_pppk_info *out,
                                   struct err *e) ABDI_MUST_CHECK;
/* Decode, then require the record's birth date and gender:
 *   pppk_birth_date_mismatch, pppk_gender_mismatch (field "nip") */
enum err_code employee_pppk_check(const char *ni, const struct employee_pppk_layout *l,
                                  struct employee_date birth, enum employee_gender g,
                                  struct employee_date today, struct err *e) ABDI_MUST_CHECK;

/* NIK: PP KK DD region . DDMMYY birth (DD + 40 for women) . NNNN sequence. */
struct employee_nik_info {
    char region[7]; /* the six region digits, NUL-terminated */
    int birth_day;  /* 1..31, the 40 removed */
    int birth_month;
    int birth_yy;   /* two digits; the century is not in the NIK */
    enum employee_gender gender;
    int sequence;   /* 1..9999 */
};

/* Decode a NIK. Fills *out (may be NULL) only on success. Errors (field "nik"), in order:
 *   nik_invalid          not exactly 16 ASCII digits
 *   nik_region_invalid   implausible region (see rules.c for the plausibility rule)
 *   nik_date_invalid     DD not 01..31 or 41..71, or MM not 01..12
 *   nik_sequence_invalid sequence 0000
 * A day the month does not have (3102xx) is not refused here: see employee_nik_check. */
enum err_code employee_nik_decode(const char *nik, struct employee_nik_info *out,
                                  struct err *e) ABDI_MUST_CHECK;
/* Decode, then compare DD (with the 40 for the record's gender), MM and YY with the record.
 * A NIK is never reissued, so disagreement is not an error: on success *date_warning is set
 * to 1 when they disagree (including a gender that disagrees) and 0 when they agree.
 * On error *date_warning is left untouched. */
enum err_code employee_nik_check(const char *nik, struct employee_date birth,
                                 enum employee_gender g, int *date_warning,
                                 struct err *e) ABDI_MUST_CHECK;

/* The NIK as lists show it (security.md): first 4 and last 4 digits, 8 '*' between
 * ("1275********0001"). Anything that is not 16 ASCII digits (NULL included) becomes 16 '*',
 * so a malformed stored value never leaks. out is always NUL-terminated. */
void employee_nik_mask(const char *nik, char out[EMPLOYEE_NIK_LEN + 1]);

#endif
