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
#define EMPLOYEE_TEXT_MAX 64 /* bytes of a short text field: gelar, SIASN id, dates, codes */

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
/* Days from 1970-01-01 to d (its inverse, without the seconds): negative before 1970. */
int64_t employee_date_days(struct employee_date d);

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
 * 0 (and *out untouched) when there is none: the highest rank (rank_order 17), not a PNS rank
 * (PPPK), or the highest rank the diploma allows reached (domain.md §2: cap_rank_order, the
 * rank_order of education_levels.max_golongan of the highest education; 0 = not known, no
 * cap). The performance condition (predikat at least Baik in the last 2 years) waits for the
 * performance module. */
int employee_next_promotion(struct employee_date tmt_rank, int rank_order, int cap_rank_order,
                            struct employee_date today, struct employee_date *out);
/* Next periodic salary step (KGB, PP 7/1977 arts. 11-13) on or after today, counted from the
 * appointment: every 2 years, for golongan II at 1, 3, 5... years (rank_order 5..8). 0 when
 * the rank has no PNS salary table (PPPK). */
int employee_next_salary_step(struct employee_date appointed_on, int rank_order,
                              struct employee_date today, struct employee_date *out);

/* The yearly appraisal results (predikat kinerja, SIASN list kinerja_predikat: 1 Sangat Baik,
 * 2 Baik, 3 Butuh Perbaikan, 4 Kurang/Misconduct, 5 Sangat Kurang) of the years the salary
 * step reads: predikat[i] is that of year first_year + i, 0 when none is recorded. The step
 * due on or after today, and the one before it, read the years today.y - 3 .. today.y + 1. */
#define EMPLOYEE_KINERJA_YEARS 5
#define EMPLOYEE_KINERJA_FIRST_YEAR(today_y) ((today_y) - 3)
struct employee_kinerja_years {
    int first_year;
    int8_t predikat[EMPLOYEE_KINERJA_YEARS];
};
/* The years first_year.. of the cache employees.kinerja_years (0027: "YYYYP" per active row,
 * year and predikat code 1..5, comma-separated, any order; NULL or "" when none) into *out.
 * Years outside the window and malformed items are skipped (the store writes the cache; a
 * year read twice keeps the last). Pure. */
void employee_kinerja_parse(const char *cache, int first_year, struct employee_kinerja_years *out);
/* The setting of the performance bar: the worst predikat that still earns the step. */
#define EMPLOYEE_SETTING_KGB_MIN_PREDIKAT "employee.kgb_min_predikat"
#define EMPLOYEE_KGB_MIN_PREDIKAT_DEFAULT 2 /* domain.md §2: "default setting: predikat Baik" */
struct employee_salary_step {
    struct employee_date next_on; /* when the step takes effect */
    struct employee_date due_on;  /* when it is due by service alone (next_on unless postponed) */
    int postponed;                /* 1: next_on = due_on + 1 year, for performance */
};
/* The salary step with its performance condition (PP 7/1977 arts. 11-13, domain.md §2): the
 * step due on D (as employee_next_salary_step) needs a predikat of year D.y - 1 no worse than
 * min_predikat (a code 1..5); below it, the step is postponed to D + 1 year (the longest one
 * postponement may last) and the step after it is still counted from D (D + 2 years: the
 * postponed time counts in full). A step due before today whose postponed date is today or
 * later is that step. No predikat recorded for the year (0, or k NULL): not postponed, the
 * rule applies when a result is known. One postponement per step: a second failing year is
 * not read. 0 when there is no step (as employee_next_salary_step); *out set only then. */
int employee_salary_step(struct employee_date appointed_on, int rank_order,
                         struct employee_date today, const struct employee_kinerja_years *k,
                         int min_predikat, struct employee_salary_step *out);

/* ---- contact fields and edits of the record (edit.c, pure) ---- */
/* The record's contact and personal fields (migration 0006). Text NULL when not recorded. */
struct employee_contact {
    const char *religion;       /* Islam, Kristen, Katolik, Hindu, Buddha, Konghucu, kepercayaan */
    const char *marital_status; /* belum_kawin, kawin, cerai_hidup, cerai_mati */
    const char *phone;          /* optional '+', then 6..20 digits */
    const char *email;
    const char *address;
    int64_t photo_document_id; /* 0 when none */
};

#define EMPLOYEE_ADDRESS_MAX 500 /* bytes */
#define EMPLOYEE_EMAIL_MAX 254   /* bytes (RFC 5321 path limit) */

/* An edit of the editable part of a record (PATCH by an admin, or a self-service proposal
 * once approved): the fields whose bit is in set are replaced; NULL text (JSON null or "")
 * clears an optional field. */
enum employee_edit_bit {
    EMPLOYEE_EDIT_NAME = 1u << 0,
    EMPLOYEE_EDIT_GELAR_DEPAN = 1u << 1,
    EMPLOYEE_EDIT_GELAR_BELAKANG = 1u << 2,
    EMPLOYEE_EDIT_RELIGION = 1u << 3,
    EMPLOYEE_EDIT_MARITAL = 1u << 4,
    EMPLOYEE_EDIT_PHONE = 1u << 5,
    EMPLOYEE_EDIT_EMAIL = 1u << 6,
    EMPLOYEE_EDIT_ADDRESS = 1u << 7,
    EMPLOYEE_EDIT_PHOTO = 1u << 8,
};
struct employee_edit {
    unsigned set;
    const char *name, *gelar_depan, *gelar_belakang;
    struct employee_contact c;
};

/* Read obj (a JSON object: a PATCH body or a proposal's payload) into *out: only the fields
 * name, gelar_depan, gelar_belakang, religion, marital_status, phone, email, address,
 * photo_document_id; unknown fields 422 unknown_field, wrong types and lengths 422 naming the
 * field, then employee_edit_check. Strings point into obj. */
enum err_code employee_edit_parse(json_t *obj, struct employee_edit *out,
                                  struct err *e) ABDI_MUST_CHECK;
/* The values of an edit, each on its own (422 validation_failed naming the first bad field):
 * an empty edit (field null); name non-blank; no control characters (address may hold line
 * breaks); religion and marital_status from their lists; phone an optional '+' and 6..20
 * digits; email local@domain with a dotted domain; address at most EMPLOYEE_ADDRESS_MAX. */
enum err_code employee_edit_check(const struct employee_edit *ed, struct err *e) ABDI_MUST_CHECK;
struct employee;
/* Apply ed to x (pure). */
void employee_edit_apply(struct employee *x, const struct employee_edit *ed);
/* The editable part of x as JSON (audit before/after, proposals' "current" values). */
json_t *employee_edit_json(const struct employee *x);
/* The contact part of the editable fields (religion … photo_document_id) as members of w's
 * open object: the record and employee_edit_json write the same list. */
void employee_contact_write(struct json_w *w, const struct employee *x);

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
    const char *sk_number, *sk_date; /* input only: the decree of the first history rows */
    int64_t created_at, updated_at;
    struct employee_contact contact; /* filled by employee_get only (not in search lists) */
    const char *education_level; /* cached highest education level code, NULL when none */
    int cap_rank_order;          /* rank_order of the highest golongan that diploma allows, */
    const char *cap_golongan;    /* and its code (domain.md §2); 0 / NULL when not known */
    /* derived from the histories, by employee_record_get only: JP of training this year, and
     * the family members counted for the allowance */
    int64_t training_hours_year, family_allowance_count;
    /* what the salary step reads, in every record the store returns: the active appraisal
     * results cached on the record (0027, employee_kinerja_parse; NULL when none) and the bar
     * of the settings */
    const char *kinerja_years;
    int kgb_min_predikat;
};

/* The salary step of x as of today: employee_salary_step over x's appointment, rank, cached
 * appraisal results (employee_kinerja_parse) and bar; what the record, the list rows and the
 * export all show. 0 when there is none (PPPK, no appointment date). Pure (facts.c). */
int employee_record_salary_step(const struct employee *x, struct employee_date today,
                                struct employee_salary_step *out);

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
/* Refresh the record's cached current rank (golongan, rank_sort, tmt_golongan) and
 * tmt_jabatan from its histories (0008). Every writer of a rank or position history row calls
 * it in the same transaction; employee_insert sets them itself. */
enum err_code employee_current_refresh(struct db *db, int64_t employee_id,
                                       struct err *e) ABDI_MUST_CHECK;
/* ERR_NOT_FOUND when missing. */
enum err_code employee_get(struct db *db, struct arena *a, int64_t id, struct employee *out,
                           struct err *e) ABDI_MUST_CHECK;
/* employee_get and, in the same statement, the values the record derives from its histories
 * (training_hours_year: JP of training rows that start in year; family_allowance_count: the
 * members counted for the allowance, living, allowance 1); superseded rows are ignored. */
enum err_code employee_record_get(struct db *db, struct arena *a, int64_t id, int year,
                                  struct employee *out, struct err *e) ABDI_MUST_CHECK;

/* Write the editable part of x (name, gelar, contact) and updated_at = now. */
enum err_code employee_edit_save(struct db *db, const struct employee *x, int64_t now,
                                 struct err *e) ABDI_MUST_CHECK;
/* *yes = 1 when document_id is a JPEG or PNG document of employee_id (a photo it may use). */
enum err_code employee_photo_ok(struct db *db, int64_t employee_id, int64_t document_id, int *yes,
                                struct err *e) ABDI_MUST_CHECK;

/* Search. unit_id 0 = every unit; else that unit, with its sub-units when subtree. q "" or a
 * name/NIP fragment; golongan "" or a code; sort one of EMPLOYEE_SORTS. */
struct employee_query {
    int64_t unit_id;
    int subtree;
    const char *q, *golongan, *sort;
    int64_t page, per_page;
    /* filters, "" or NULL = any: position kind, status, state, highest education level,
     * birth date band (born_to: on or before; born_after: strictly after) from the age band */
    const char *position_kind, *status, *state, *education_level, *born_to, *born_after;
    const char *nik_bidx; /* field_blind of q when q is a whole NIK (set by the API), or NULL */
};
/* The blind index (0021) of every row that has a NIK but no index yet (rows older than the
 * index); run once by `abdi serve` at start. */
enum err_code employee_nik_backfill(struct db *db, int64_t *filled, struct err *e) ABDI_MUST_CHECK;
enum err_code employee_search(struct db *db, struct arena *a, const struct employee_query *qr,
                              struct employee **items, size_t *n, int64_t *total,
                              struct err *e) ABDI_MUST_CHECK;
/* The number of records the search finds (every page). */
enum err_code employee_search_count(struct db *db, struct arena *a,
                                    const struct employee_query *qr, int64_t *total,
                                    struct err *e) ABDI_MUST_CHECK;
/* The search's rows without the count, for a caller that reads them one at a time (the
 * export): the page of qr, or every row from the first when limit is -1. Step *out with
 * db_step, read each row with employee_search_read, release it with db_reset. */
enum err_code employee_search_open(struct db *db, struct arena *a,
                                   const struct employee_query *qr, int64_t limit,
                                   struct db_stmt **out, struct err *e) ABDI_MUST_CHECK;
void employee_search_read(struct db_stmt *st, struct arena *a, struct employee *out);

/* ---- histories (history.c pure, history_store.c, history_api.c) ----
 * One descriptor per history kind drives validation, storage, listing and the API: a kind is
 * a table whose input columns are its fields, in order. Rows are never updated: a correction
 * is a new row whose `supersedes` names the replaced row (docs/api-histories.md); a kinerja
 * row's one exception is its flag `superseded`, set when a correction replaces it (0027). */
enum history_type {
    HT_TEXT,   /* string of at most max bytes; not blank */
    HT_DATE,   /* "YYYY-MM-DD", a real date; see HF_ flags for its bounds */
    HT_INT,    /* integer in [min, max] */
    HT_CHOICE, /* one of choices */
    HT_NIK,    /* a NIK (employee_nik_decode); lists and the audit log show it masked */
    HT_REF,    /* a code the store checks against ref_sql */
    HT_ID,     /* a positive id the store checks (document_id, supersedes) */
};
#define HF_REQUIRED 1u
#define HF_FUTURE_OK 2u    /* a date that may lie after today */
#define HF_BEFORE_BIRTH 4u /* a date that may lie before the employee's birth */
#define HF_OUTPUT 8u       /* shown in lists, never accepted as input (joined names) */
#define HISTORY_MAX_FIELDS 24

struct history_field {
    const char *name;
    enum history_type type;
    unsigned flags;
    int64_t min, max;           /* HT_TEXT: max bytes in max; HT_INT: bounds */
    const char *const *choices; /* HT_CHOICE: NULL-terminated */
    const char *ref_sql;        /* HT_REF: count(*) of rows with code $1 */
    const char *label;          /* for messages, Bahasa Indonesia */
};

/* One validated input value per field (same index); present 0 = absent or null. */
struct history_value {
    int present;
    const char *s; /* text, date, choice, NIK, reference code (borrowed from the JSON) */
    int64_t i;     /* int, id */
};

/* What the rules know of the employee the row belongs to. */
struct history_context {
    struct employee_date today, birth, appointed;
    enum employee_gender gender;
};

struct history_kind {
    const char *name;   /* URL segment: education, family, training, awards, discipline, kinerja,
                           ranks, positions */
    const char *table;  /* also the audit entity */
    const char *action; /* audit action */
    const struct history_field *fields; /* {0}-terminated */
    /* cross-field rules after each field passed on its own; NULL when none */
    enum err_code (*check)(const struct history_kind *k, const struct history_value *v,
                           const struct history_context *cx, struct err *e);
    const char *sql_insert; /* $1 employee, then every input field in order, created_at,
                               created_by; RETURNING id. NULL: read-only kind */
    const char *sql_list;   /* $1 employee: id, every field in order, superseded_by,
                               created_at, created_by; newest first */
    const char *sql_owner;  /* $1 row id: employee_id, times superseded */
};

extern const struct history_kind *const employee_history_kinds[]; /* NULL-terminated */
/* The kind named name, or NULL. */
const struct history_kind *employee_history_kind(const char *name);
/* Index of field name in k->fields, or -1. */
int employee_history_field(const struct history_kind *k, const char *name);
/* Check row (a JSON object) against k for the employee of cx: unknown or output-only keys
 * (unknown_field), then each field (required, type, length, choice, date bounds: real date,
 * not after today unless HF_FUTURE_OK, not before the birth unless HF_BEFORE_BIRTH), then
 * k->check. 422 validation_failed naming the first bad field. v has HISTORY_MAX_FIELDS
 * slots; strings borrow from row. Pure. */
enum err_code employee_history_validate(const struct history_kind *k, json_t *row,
                                        const struct history_context *cx,
                                        struct history_value *v, struct err *e) ABDI_MUST_CHECK;

/* Add a history row of kind to an employee from a JSON object, with the same validation as
 * POST /api/v1/employees/{id}/{kind} (no scope check: the caller's duty). Also refreshes the
 * record's cached values (education level). Unknown kind or read-only kind: ERR_INVALID on
 * field "kind"; missing employee: ERR_NOT_FOUND. Inside the caller's transaction. */
enum err_code employee_history_add(struct db *db, struct arena *a, const char *kind,
                                   int64_t employee_id, json_t *row, int64_t actor_user_id,
                                   int64_t now, int64_t *id_out, struct err *e) ABDI_MUST_CHECK;
/* The checks of employee_history_add without the insert: a row proposed now and added
 * later (self-service proposals validate at creation what the approval will add). */
enum err_code employee_history_check(struct db *db, struct arena *a, const char *kind,
                                     int64_t employee_id, json_t *row, int64_t now,
                                     struct err *e) ABDI_MUST_CHECK;
/* Insert one validated row (v as employee_history_validate filled it; actor 0 = none)
 * through k->sql_insert, with no check; a rank or position row also refreshes the record's
 * cached current rank (employee_current_refresh); a kinerja row first marks the row it
 * corrects superseded (409 already_superseded when a concurrent correction did), and refreshes
 * employees.kinerja_years (0027); a second active row of a year (the index of 0027: a
 * concurrent save) is 409 duplicate_year. Other cached values are the caller's.
 * *id_out may be NULL. For employee_history_add and the demo. */
enum err_code employee_history_insert(struct db *db, const struct history_kind *k,
                                      int64_t employee_id, const struct history_value *v,
                                      int64_t now, int64_t actor, int64_t *id_out,
                                      struct err *e) ABDI_MUST_CHECK;
/* Rows of kind of an employee, newest first, as JSON objects (NIKs masked unless show_nik).
 * NIK fields are stored sealed (db/field.h, column "<table>.<field>", e.g.
 * "employee_family.nik"): employee_history_insert seals, this opens. */
enum err_code employee_history_list(struct db *db, struct arena *a,
                                    const struct history_kind *k, int64_t employee_id,
                                    int show_nik, json_t **out, struct err *e) ABDI_MUST_CHECK;
/* The education_levels reference as a JSON array (rank_order ascending). */
enum err_code employee_education_levels(struct db *db, json_t **out,
                                        struct err *e) ABDI_MUST_CHECK;
/* *yes = 1 when code is an education level. */
enum err_code employee_education_level_known(struct db *db, const char *code, int *yes,
                                             struct err *e) ABDI_MUST_CHECK;
/* Demo data (abdi demo): education consistent with x's rank (entry rank by education, the
 * cap of the diploma), a spouse for most, 0-3 children born after the marriage, 1-3 training
 * rows; deterministic in n. */
int employee_demo_histories(struct db *db, int64_t employee_id, long n,
                            const struct employee *x, int64_t now, struct err *e);
extern const struct route employee_history_routes[];

/* ---- settings.c: the employee settings (GET|PUT /api/v1/employee-settings) ---- */
struct employee_settings {
    int kgb_min_predikat; /* 1..5, EMPLOYEE_SETTING_KGB_MIN_PREDIKAT */
};
/* The saved settings, each outside its range (or not saved) falling back to its default. */
enum err_code employee_settings_load(struct db *db, struct employee_settings *out,
                                     struct err *e) ABDI_MUST_CHECK;
/* A saved text value of kgb_min_predikat as the rule takes it (the default when NULL or out
 * of range). */
int employee_kgb_min_predikat_of(const char *text);
extern const struct route employee_settings_routes[];
/* ---- check.c: the validation shared by POST /employees and the import ---- */
/* The input fields of a record (JSON body of POST /api/v1/employees; the import's columns). */
extern const struct json_field employee_fields[];
/* The record on its own (no I/O): identifiers against each other and today, names, dates,
 * gender, status; sets state and appointed_on (in a), and tmt_jabatan to tmt_golongan when
 * absent. The fields employee_fields marks required must be non-NULL. 422 naming the field;
 * *nik_warning as employee_nik_check. */
enum err_code employee_validate(struct arena *a, struct employee *x, struct employee_date today,
                                int *nik_warning, struct err *e) ABDI_MUST_CHECK;
/* Per-import memo of the lookups below (NULL = no memo: one record). In the arena. */
struct employee_memo;
struct employee_memo *employee_memo_new(struct arena *a);
/* The references of the record: unit in the writer's scope (404 outside it), golongan of the
 * status's kind, position of that unit (422 naming unit_id, golongan, position_id); then the
 * NIP not yet taken (409 duplicate_nip). */
enum err_code employee_refs_check(struct req *rq, struct employee_memo *m, struct employee *x,
                                  struct err *e) ABDI_MUST_CHECK;
/* Import helpers (memoised): a unit by its code, a position of a unit by its name (ASCII
 * case-insensitive); ERR_NOT_FOUND when there is none. */
enum err_code employee_memo_unit_code(struct req *rq, struct employee_memo *m, const char *code,
                                      int64_t *id, struct err *e) ABDI_MUST_CHECK;
enum err_code employee_memo_position_name(struct req *rq, struct employee_memo *m,
                                          int64_t unit, const char *name, int64_t *id,
                                          struct err *e) ABDI_MUST_CHECK;
/* The line that first had this NIP in the file, or 0 (and line is recorded). */
long employee_memo_nip_seen(struct employee_memo *m, const char *nip, long line);

/* ---- import.c: POST /api/v1/employees/import and `abdi import employees` ---- */
struct csv_report;
struct employee_import {
    int dry_run;
    long imported;
    struct csv_report *rep; /* rows, errors, warnings */
    /* progress (may be NULL): phase "memeriksa" with bytes, "menyimpan" with rows */
    void (*progress)(void *ctx, const char *phase, long done, long total);
    void *progress_ctx;
};
/* Read, check and (unless dry_run, and only when every row is good) insert the CSV data as
 * rq's user (scope_unit_write), inside the caller's transaction. Row problems go into
 * imp->rep and are not an error; the return is an error only for storage and internal
 * failures (the caller rolls back). */
enum err_code employee_import_csv(struct req *rq, const char *data, size_t len,
                                  struct employee_import *imp, struct err *e) ABDI_MUST_CHECK;
/* {"rows","imported","errors":[{"line","column","message"}],"errors_total","warnings":[...]} */
json_t *employee_import_json(const struct employee_import *imp);
/* The front every CSV import route shares: a text/csv body (415 otherwise), no query parameter
 * but dry_run=true|false (422 naming it); *imp zeroed with its dry_run flag. */
enum err_code employee_import_begin(struct req *rq, struct employee_import *imp,
                                    struct err *e) ABDI_MUST_CHECK;
extern const struct route employee_import_routes[];
/* ==== DUK and reports (duk.c pure; report_store.c SQL; report_api.c handlers) ==== */
/* domain.md §13 (PP 15/1979): one row of the Daftar Urut Kepangkatan. The display fields are
 * the store's; the keys are what the order reads. A date {0,0,0} is unknown and ranks after
 * every known date; a level 0 is unknown and ranks last. The store fills education from
 * employee_education (highest rank_order, its earliest graduation) and the training keys
 * from employee_training (employee_training_level), superseded rows ignored. */
struct employee_duk {
    int64_t id, unit_id;
    const char *nip, *name, *gelar_depan, *gelar_belakang, *status, *unit_name;
    const char *golongan, *pangkat, *position_name, *position_kind;
    /* The dates shown (TMT golongan, TMT jabatan, birth date) are their keys below: a text is
     * kept only when it is not a valid date (the store does not copy 300,000 dates of a
     * whole government's DUK); employee_duk_date gives the text to show. */
    const char *tmt_golongan, *tmt_jabatan, *birth_date;
    /* keys, in the order §13 reads them */
    int rank_order; /* golongan.rank_order (PNS 1..17), higher first */
    struct employee_date tmt_rank; /* earlier first */
    int position_level; /* employee_position_level(), higher first */
    struct employee_date tmt_position; /* earlier first */
    int service_months; /* masa kerja counted for salary, more first */
    int training_passed; /* required position training passed: 1 first */
    int training_level;  /* its level (employee_training_level), higher first */
    struct employee_date training_on; /* earlier pass (end_date) first */
    int education_level; /* education_levels.rank_order, higher first */
    struct employee_date graduated_on; /* earlier first */
    struct employee_date birth_on; /* older (earlier) first */
};

/* Level of a position for the DUK: jpt_utama 24 > jpt_madya 23 > jpt_pratama 22 >
 * administrator 21 > pengawas 20 > functional and pelaksana posts by kelas_jabatan (1..17);
 * 0 when there is no position (kind NULL) or the kind is unknown. */
int employee_position_level(const char *kind, int kelas_jabatan);
/* Level of a training row as the DUK's required position training (leadership): 0 when the
 * kind is neither "struktural" nor "manajerial" (SIASN jenis diklat 1 and 5) or the name
 * carries no level, else PKN/Diklatpim Tingkat I 4, II 3, PKA or Tingkat III 2, PKP or
 * Tingkat IV 1 (the last level word of the name wins). docs/api-reports.md. */
int employee_training_level(const char *kind, const char *name);
/* Whole months from appointed_on to today (0 before it): the masa kerja of the DUK. */
int employee_service_months(struct employee_date appointed_on, struct employee_date today);
/* The date text to show: text when there is one, else the key as YYYY-MM-DD in out, else
 * NULL (no date). */
const char *employee_duk_date(const char *text, struct employee_date key, char out[11]);
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
