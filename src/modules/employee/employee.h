/* employee.h - the employee module: the pure rules of the identifiers (NIP, NI PPPK, NIK) and
 * of the derived facts (service years, next promotion, next salary step, retirement), the
 * record with its rank and position histories (store.c) and its API (api.c). Rules never read
 * the clock: "today" and the settings are arguments. Records come back in request arena memory.
 * Errors are 422 (ERR_INVALID) naming the JSON field at fault, with a stable slug per rule. */
#ifndef ABDI_EMPLOYEE_H
#define ABDI_EMPLOYEE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/http.h"

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

/* ---- dates (rules.c, pure) ---- */
/* 1 when d is a real date of years 1..9999. */
int employee_date_valid(struct employee_date d);
/* <0, 0, >0 as a is before, equal to or after b. */
int employee_date_cmp(struct employee_date a, struct employee_date b);
/* Exactly "YYYY-MM-DD" and a real date; -1 otherwise (s may be NULL). */
int employee_date_parse(const char *s, struct employee_date *out);
/* "YYYY-MM-DD" into out. */
void employee_date_format(struct employee_date d, char out[11]);
/* The UTC calendar day of epoch seconds t. */
struct employee_date employee_date_from_epoch(int64_t t);

/* ---- derived facts (facts.c, pure) ---- */
/* Whole years from the appointment (TMT CPNS) to today; 0 before it. */
int employee_service_years(struct employee_date appointed_on, struct employee_date today);
/* TMT pensiun (domain.md §9, Peraturan BKN 3/2020): the first day of the month after the month
 * in which the person reaches bup_age; a 29 February birthday counts as 28 February in a
 * year without one. */
struct employee_date employee_retirement_on(struct employee_date birth, int bup_age);
/* The first promotion TMT on or after eligible_on: the 1st of a period month under the rule in
 * force on that date (domain.md §2: April/October until 2023-12-31, even months until
 * 2025-09-30, every month from 2025-10-01). */
struct employee_date employee_promotion_tmt(struct employee_date eligible_on);
/* Next regular promotion: eligible 4 years after tmt_rank (PP 99/2000), not before today;
 * 0 (and *out untouched) when there is none: the highest rank (rank_order 17) or not a PNS
 * rank (PPPK). The education cap and the performance condition are not known here. */
int employee_next_promotion(struct employee_date tmt_rank, int rank_order,
                            struct employee_date today, struct employee_date *out);
/* Next periodic salary step (KGB, PP 7/1977 arts. 11-13) on or after today, counted from the
 * appointment: every 2 years, for golongan II at 1, 3, 5... years (rank_order 5..8). 0 when
 * the rank has no PNS salary table (PPPK). */
int employee_next_salary_step(struct employee_date appointed_on, int rank_order,
                              struct employee_date today, struct employee_date *out);

/* ---- the record (store.c) ---- */
#define EMPLOYEE_SORTS "name, nip, golongan, birth_date"

struct employee {
    int64_t id;
    const char *nip, *nik, *name, *gelar_depan, *gelar_belakang; /* gelar: NULL when none */
    const char *birth_place, *birth_date;                        /* birth_date "YYYY-MM-DD" */
    const char *gender;                                          /* "L" or "P" */
    const char *status;                                          /* CPNS, PNS, PPPK */
    const char *state;                                           /* active, ... */
    const char *appointed_on; /* TMT CPNS (PPPK: 1 January of the appointment year) */
    int64_t unit_id, position_id;
    const char *unit_name, *position_name, *position_kind;
    int bup_age; /* of the current position; 0 when it has none */
    const char *golongan, *pangkat, *tmt_golongan, *tmt_jabatan; /* newest history rows */
    int rank_order;                                              /* of golongan */
    const char *pns_id;                                          /* SIASN id or NULL */
    int64_t created_at, updated_at;
};

/* A reference golongan row: ERR_NOT_FOUND when code is not one. */
struct employee_golongan {
    const char *code, *kind, *pangkat; /* kind "pns" or "pppk"; pangkat NULL for PPPK */
    int rank_order;
};
enum err_code employee_golongan_get(struct db *db, struct arena *a, const char *code,
                                    struct employee_golongan *out, struct err *e) ABDI_MUST_CHECK;
/* *yes = 1 when an employee has this NIP. */
enum err_code employee_nip_taken(struct db *db, const char *nip, int *yes,
                                 struct err *e) ABDI_MUST_CHECK;
/* Insert the record and its first rank and position history rows (tmt_golongan,
 * tmt_jabatan). Duplicate NIP: 409 duplicate_nip. */
enum err_code employee_insert(struct db *db, const struct employee *emp, int64_t now,
                              int64_t *id_out, struct err *e) ABDI_MUST_CHECK;
/* ERR_NOT_FOUND when missing. */
enum err_code employee_get(struct db *db, struct arena *a, int64_t id, struct employee *out,
                           struct err *e) ABDI_MUST_CHECK;

/* Search. unit_id 0 = every unit; else that unit, with its sub-units when subtree. q "" or a
 * name/NIP fragment; golongan "" or a code; sort one of EMPLOYEE_SORTS. */
struct employee_query {
    int64_t unit_id;
    int subtree;
    const char *q, *golongan, *sort;
    int64_t page, per_page;
};
enum err_code employee_search(struct db *db, struct arena *a, const struct employee_query *qr,
                              struct employee **items, size_t *n, int64_t *total,
                              struct err *e) ABDI_MUST_CHECK;

/* ==== DUK and reports (duk.c pure; report_store.c SQL; report_api.c handlers) ==== */
/* domain.md §13 (PP 15/1979): one row of the Daftar Urut Kepangkatan. The display fields are
 * the store's; the keys are what the order reads. A date {0,0,0} is unknown and ranks after
 * every known date; a level 0 is unknown and ranks last. Education and position training
 * have no tables yet: the store leaves those keys 0 (issue 3, wired after the merge). */
struct employee_duk {
    int64_t id, unit_id;
    const char *nip, *name, *gelar_depan, *gelar_belakang, *status, *unit_name;
    const char *golongan, *pangkat, *tmt_golongan, *position_name, *position_kind;
    const char *tmt_jabatan, *appointed_on, *birth_date;
    /* keys, in the order §13 reads them */
    int rank_order; /* golongan.rank_order (PNS 1..17), higher first */
    struct employee_date tmt_rank; /* earlier first */
    int position_level; /* employee_position_level(), higher first */
    struct employee_date tmt_position; /* earlier first */
    int service_months; /* masa kerja counted for salary, more first */
    int training_passed; /* required position training passed: 1 first */
    int training_level;  /* its level, higher first */
    struct employee_date training_on; /* earlier pass first */
    int education_level; /* higher first */
    struct employee_date graduated_on; /* earlier first */
    struct employee_date birth_on; /* older (earlier) first */
};

/* Level of a position for the DUK: jpt_utama 24 > jpt_madya 23 > jpt_pratama 22 >
 * administrator 21 > pengawas 20 > functional and pelaksana posts by kelas_jabatan (1..17);
 * 0 when there is no position (kind NULL) or the kind is unknown. */
int employee_position_level(const char *kind, int kelas_jabatan);
/* Whole months from appointed_on to today (0 before it): the masa kerja of the DUK. */
int employee_service_months(struct employee_date appointed_on, struct employee_date today);
/* <0 when a is listed before b. Total: the last tie-breakers are the NIP, then the id. */
int employee_duk_cmp(const struct employee_duk *a, const struct employee_duk *b);
/* Drop who is not listed (only PNS are: CPNS are not, §13, and PPPK hold no pangkat) and sort
 * the rest in DUK order in place; returns how many are listed (rows [0, n) afterwards; the
 * number of row i is i + 1). */
size_t employee_duk_order(struct employee_duk *rows, size_t n);

/* DUK rows of unit_id (0 = every unit) and, when subtree, its sub-units: every employee in
 * service (not retired, dismissed or deceased), keys filled as the database has them. */
enum err_code employee_duk_rows(struct db *db, struct arena *a, int64_t unit_id, int subtree,
                                struct employee_date today, struct employee_duk **out,
                                size_t *n, struct err *e) ABDI_MUST_CHECK;
/* One rank or position history row of the profile sheet. */
struct employee_history {
    const char *tmt, *what, *where, *sk_number, *sk_date; /* where: unit (positions) */
};
enum err_code employee_rank_history(struct db *db, struct arena *a, int64_t id,
                                    struct employee_history **out, size_t *n,
                                    struct err *e) ABDI_MUST_CHECK;
enum err_code employee_position_history(struct db *db, struct arena *a, int64_t id,
                                        struct employee_history **out, size_t *n,
                                        struct err *e) ABDI_MUST_CHECK;
/* The government: the root of the units tree (the first by id when there are several); an
 * empty name and code "PEMDA" when there are no units. */
struct employee_government {
    int64_t id;
    const char *code, *name;
};
enum err_code employee_government(struct db *db, struct arena *a,
                                  struct employee_government *out, struct err *e) ABDI_MUST_CHECK;
/* GET /employees?format=csv|xlsx: every row matching qr (page and per_page ignored). */
enum err_code employee_export(struct req *rq, struct resp *rs, struct employee_query *qr,
                              const char *format, struct err *e) ABDI_MUST_CHECK;
extern const struct route employee_report_routes[];
/* ==== end DUK and reports ==== */

/* ---- api.c ---- */
extern const struct route employee_routes[];

#endif
