/* leave.h - the leave module (cuti, domain.md §5, docs/api-leave.md): the legal rules of each
 * leave type and the annual balance with carry-over (rules.c, pure: days and settings are
 * arguments, nothing reads the clock or the database), the requests with the history of every
 * step of their approval chain and the chain per type (store.c), and the API (api.c).
 * Dates inside the rules are day numbers (days since 1970-01-01, as calendar_day gives them);
 * the API and the database speak 'YYYY-MM-DD'. */
#ifndef ABDI_LEAVE_H
#define ABDI_LEAVE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/http.h"

#define LEAVE_TEXT_MAX 500    /* bytes of a reason */
#define LEAVE_ADDRESS_MAX 300 /* bytes of the address during the leave */

enum leave_type {
    LEAVE_NONE = 0,
    LEAVE_TAHUNAN,        /* annual */
    LEAVE_BESAR,          /* long */
    LEAVE_SAKIT,          /* sick */
    LEAVE_MELAHIRKAN,     /* maternity */
    LEAVE_ALASAN_PENTING, /* important reasons */
    LEAVE_BERSAMA,        /* collective */
    LEAVE_CLTN,           /* unpaid, di luar tanggungan negara */
    LEAVE_AYAH,           /* paternity: planned regulation, shipped disabled */
    LEAVE_TYPE_COUNT
};

/* The kind of civil servant (employees.status). */
enum leave_asn { LEAVE_ASN_NONE = 0, LEAVE_ASN_CPNS, LEAVE_ASN_PNS, LEAVE_ASN_PPPK };

/* The values domain.md marks unverified or as a setting: admin-changeable (settings table,
 * keys "leave.<name>", see leave_setting_defs); out-of-range values fall back to the default. */
struct leave_settings {
    int annual_days;             /* 12 working days a year */
    int carry_max;               /* 6 days carried to the next year */
    int year_cap;                /* 18 days in a year, the current year included */
    int two_year_cap;            /* 24 after 2+ consecutive unused years */
    int annual_service_years;    /* 1 */
    int big_service_years;       /* 5 */
    int cltn_service_years;      /* 5 */
    int hard_to_reach_pns;       /* 12 calendar days more in a hard-to-reach place */
    int hard_to_reach_pppk;      /* 6 */
    int pppk_sick_months;        /* 1 */
    int pppk_gov_doctor_days;    /* 14: above this a PPPK needs a government doctor */
    int pns_gov_doctor_days;     /* 0 = never (Peraturan BKN 7/2021: off for PNS) */
    int backdate_days;           /* 0: a request may start this many days before today */
    int sick_backdate_days;      /* 14 */
    int pppk_carry;              /* 1 = PPPK annual leave carries over, 0 = not */
    int paternity_enabled;       /* 0 */
    int sick_window_months;      /* 36: ordinary sick leave of these months counts (PNS) */
    int pppk_sick_window_months; /* 12: the same for PPPK */
    int pppk_early_days;         /* 6: PPPK annual leave before 1 year (early_reason) */
};
extern const struct leave_settings leave_settings_default;

extern const struct int_setting leave_setting_defs[]; /* ends with a NULL key (http.h) */

/* ---- rules.c (pure) ---- */
enum leave_type leave_type_parse(const char *s); /* LEAVE_NONE when unknown (NULL included) */
const char *leave_type_name(enum leave_type t);  /* NULL for LEAVE_NONE */
enum leave_asn leave_asn_parse(const char *status);

/* 'YYYY-MM-DD' → day number; -1 when not a real date (years 1900..2999). */
int leave_day(const char *date, int64_t *day);
void leave_day_format(int64_t day, char out[11]);
int leave_day_year(int64_t day);
/* The same day of the month `months` later (clamped to the month's end: Jan 31 + 1 → Feb 28). */
int64_t leave_add_months(int64_t day, int months);
/* Day of the first full `years` years after from (the anniversary; Feb 29 → Feb 28). */
int64_t leave_add_years(int64_t day, int years);

/* The employee as the rules see them. */
struct leave_person {
    enum leave_asn asn;
    int female;
    int64_t appointed; /* day of appointed_on (TMT CPNS; PPPK: 1 January of the year) */
};

/* A request (or a changed period) and what the store found about it. */
struct leave_ask {
    enum leave_type type;
    int64_t start, end, today;
    int hard_to_reach;        /* tahunan only */
    int travel_days;          /* tahunan with hard_to_reach: not charged, at the period's end */
    int birth_order;          /* melahirkan: the birth's number while CPNS/PNS (PPPK); 0 absent */
    const char *sick_kind;    /* sakit: NULL (= biasa), "biasa", "keguguran", "kecelakaan_kerja" */
    const char *doctor_kind;  /* sakit: "pemerintah" | "swasta"; NULL absent */
    int first_hajj;           /* besar without the service condition */
    int has_document;         /* a document of the same employee is attached */
    int working_days;         /* of [start, end] for the unit (calendar) */
    int charged_working_days; /* of [start, end - travel_days] */
    int overlap;              /* another pending/approved request of the employee meets it */
    int recent_big;           /* a pending/approved besar started in the 5 years before start */
    int available;            /* annual balance available in start's year (this request excluded) */
    int annual_taken_year;    /* annual days charged to start's year's own entitlement */
    int collective_ok;        /* bersama: start and end are collective-leave days */
    int changing;             /* a "change" decision: the backdate rule does not apply */
    int sick_used;            /* sakit biasa: calendar days of the employee's other pending or
                                 approved ordinary sick leave inside leave_sick_window */
    const char *early_reason; /* tahunan of a PPPK before 1 year of service: a relative's
                                 serious illness or death, a first marriage; NULL absent */
    int early_used;           /* working days of the employee's other pending or approved
                                 early annual leave */
};

struct leave_outcome {
    enum leave_type type;           /* melahirkan from the 4th birth becomes besar */
    enum leave_type converted_from; /* LEAVE_NONE or LEAVE_MELAHIRKAN */
    int charged_days;               /* taken from the annual balance */
    int calendar_days;
    int early; /* a PPPK's annual leave before 1 year: deducted from the first entitled year */
};
/* 1 when s is an early_reason: keluarga_sakit_keras, keluarga_meninggal, perkawinan_pertama. */
int leave_early_reason_valid(const char *s);

/* Every rule of a request, first failure wins (docs/api-leave.md "Common checks" 1 and 3..7):
 * 422 naming type, start_date, end_date, travel_days, birth_order, sick_kind, doctor_kind,
 * first_hajj, document_id. */
enum err_code leave_check(const struct leave_settings *s, const struct leave_person *p,
                          const struct leave_ask *ask, struct leave_outcome *out,
                          struct err *e) ABDI_MUST_CHECK;
/* Cumulative sick leave (sakit biasa, "usable in parts"): the days [*from, end] whose ordinary
 * sick leave counts toward the limit of a request ending on end, and the limit (calendar days
 * from start: 1 year 6 months for PNS, pppk_sick_months for PPPK). */
void leave_sick_window(const struct leave_settings *s, const struct leave_person *p, int64_t start,
                       int64_t end, int64_t *from, int *limit_days);
/* 1 when the person has the annual entitlement in year (the service condition met by its
 * last day). */
int leave_entitled(const struct leave_settings *s, const struct leave_person *p, int year);

/* One year of the history for the balance (contiguous years, oldest first). */
struct leave_year {
    int year;
    int entitled;  /* leave_entitled */
    int taken;     /* charged days of approved tahunan requests starting that year */
    int big;       /* a pending or approved besar starts that year */
    int postponed; /* days of tahunan requests postponed that year */
    int worked;    /* collective-leave days of the year the employee worked through */
    int worked_adds; /* the year's setting: worked days are added to its annual leave */
    int early;     /* PPPK early annual leave deducted from this year (the first entitled) */
};

struct leave_balance {
    int year;
    int entitlement, carried_over, collective_taken, taken, pending, available;
    int prev_remaining; /* what was left of the previous year */
    int two_year;       /* carried by the 2-unused-years rule */
    int big_leave;
    int postponed_days; /* postponed in the previous year */
    int carry_allowed;
    int collective_worked; /* days added for collective leave worked through (0: setting off) */
    int worked_days;       /* collective days worked through, added or not */
    int early_deducted;    /* PPPK annual leave before 1 year, deducted from this year */
};

/* The balance of ys[n-1].year from the history ys[0..n) (n >= 1), pending days of that year
 * and the collective-leave days of the year (informational). */
void leave_balance_compute(const struct leave_settings *s, int carry_allowed,
                           const struct leave_year *ys, size_t n, int pending, int collective,
                           struct leave_balance *out);
/* The API object of docs/api-leave.md BALANCE, with its explanation array. */
json_t *leave_balance_json(const struct leave_balance *b, int64_t employee_id);

/* Statuses. */
int leave_status_valid(const char *s);
int leave_status_pending(const char *s);

enum leave_decision {
    LEAVE_DECIDE_NONE = 0,
    LEAVE_DECIDE_APPROVE,
    LEAVE_DECIDE_REJECT,
    LEAVE_DECIDE_POSTPONE,
    LEAVE_DECIDE_CHANGE
};
/* decision (422 "decision"); reason required for reject, postpone, change and at most
 * LEAVE_TEXT_MAX (422 "reason"); postpone only for tahunan and a besar that is not a 4th
 * birth (422 "decision"). */
enum err_code leave_decision_check(const char *decision, const char *reason, enum leave_type type,
                                   enum leave_type converted_from, enum leave_decision *out,
                                   struct err *e) ABDI_MUST_CHECK;
const char *leave_decision_name(enum leave_decision d);
/* Cancel: pending or approved (else 409 leave_not_pending) and today < start (409
 * leave_started). */
enum err_code leave_cancel_check(const char *status, int64_t start, int64_t today,
                                 struct err *e) ABDI_MUST_CHECK;
/* Shorten: approved (409 leave_not_pending), start <= new_end < end and new_end < today
 * (422 end_date). */
enum err_code leave_shorten_check(const char *status, int64_t start, int64_t end, int64_t new_end,
                                  int64_t today, struct err *e) ABDI_MUST_CHECK;
/* Free text of a request: non-blank, at most max bytes, no control characters except line
 * breaks: 422 naming field. Phone: optional '+', then 6..20 digits, spaces or '-'. */
enum err_code leave_text_check(const char *s, size_t max, const char *field,
                               struct err *e) ABDI_MUST_CHECK;
enum err_code leave_phone_check(const char *s, struct err *e) ABDI_MUST_CHECK;

/* The chain of a type. */
struct leave_chain {
    enum leave_type type;
    int supervisor;      /* 1: the direct supervisor recommends first */
    int official_bkpsdm; /* 0: the head of the OPD decides, 1: BKPSDM */
    int enabled;
};
json_t *leave_chain_json(const struct leave_chain *c);

/* ---- store.c ---- */
enum err_code leave_settings_load(struct db *db, struct leave_settings *out,
                                  struct err *e) ABDI_MUST_CHECK;

/* Who must decide: an employee (holder, or Plt/Plh acting on the post) or BKPSDM. */
struct leave_approver {
    int bkpsdm;
    int64_t employee_id, position_id; /* 0 for BKPSDM */
    const char *acting;               /* NULL, "plt", "plh" */
    const char *name, *position_name; /* filled by the store for the API */
};

struct leave_request {
    int64_t id, employee_id, unit_id;
    const char *type, *converted_from, *start_date, *end_date, *requested_start_date,
        *requested_end_date;
    int working_days, charged_days, calendar_days, hard_to_reach, travel_days, birth_order,
        first_hajj, postponed;
    const char *sick_kind, *doctor_kind, *reason, *address, *phone;
    int64_t document_id;
    const char *status, *step;
    struct leave_approver approver; /* valid while pending */
    const char *decision_reason, *cancel_reason, *shortened_from, *letter_number, *approved_on;
    int64_t signer_user_id, signer_employee_id, signer_position_id;
    const char *signer_acting;
    int64_t cancelled_at, created_by, created_at, decided_at, updated_at;
    /* read with the row */
    const char *early_reason;                                 /* tahunan of a PPPK, < 1 year */
    const char *cltn_extended_from, *cltn_extension_reason, *cltn_returned_on;
    int cltn_return_late;
    const char *employee_name, *employee_nip, *unit_name, *unit_code; /* unit: current */
    int64_t current_unit_id; /* the employee's unit now (scope); unit_id: when filed */
    int rerouted;            /* approver: resolved for today, not the one stored */
};

struct leave_step {
    int64_t id, request_id;
    const char *event, *step, *reason, *start_date, *end_date;
    int working_days;
    int64_t actor_user_id, actor_employee_id;
    const char *acting, *actor_name;
    struct leave_approver next; /* next.bkpsdm / next.employee_id 0 when none */
    int has_next;
    int final; /* 1 on the step of the final approval */
    int64_t created_at;
};

/* The request id as GET /leave-requests/{id} shows it: 404 outside the reader's scope (the
 * employee, whoever decided or must decide it, admins and supervisors whose scope covers the
 * employee's unit). The letter uses it so it has the same readers. */
enum err_code leave_request_read(struct req *rq, int64_t id, struct leave_request *out,
                                 struct err *e) ABDI_MUST_CHECK;
/* The balance of employee_id in year from the history (no scope check). */
enum err_code leave_balance_get(struct db *db, struct arena *a, int64_t employee_id, int year,
                                struct leave_balance *out, struct err *e) ABDI_MUST_CHECK;
enum err_code leave_request_get(struct db *db, struct arena *a, int64_t id,
                                struct leave_request *out, struct err *e) ABDI_MUST_CHECK;
enum err_code leave_steps_of(struct db *db, struct arena *a, int64_t request_id,
                             struct leave_step **out, size_t *n, struct err *e) ABDI_MUST_CHECK;
enum err_code leave_chain_get(struct db *db, enum leave_type t, struct leave_chain *out,
                              struct err *e) ABDI_MUST_CHECK;
enum err_code leave_chain_set(struct db *db, const struct leave_chain *c, int64_t user_id,
                              int64_t now, struct err *e) ABDI_MUST_CHECK;

/* THE notification call site of the module: while r is pending, its approver (the employee,
 * or every active admin_bkpsdm account) learns it waits for them; with tell_employee the
 * employee learns the new status. In the caller's transaction (notify.h). */
enum err_code leave_notify_next(struct db *db, const struct leave_request *r, int tell_employee,
                                int64_t now, struct err *e) ABDI_MUST_CHECK;
/* old (as read before its cancellation, approver resolved for today) was pending: its
 * approver learns it no longer waits for them. */
enum err_code leave_notify_cancelled(struct db *db, const struct leave_request *old, int64_t now,
                                     struct err *e) ABDI_MUST_CHECK;

/* Re-routing at read time (no cron): the approver a pending request waits on no longer stands
 * on today (on an approved leave covering it, off the post, the Plt/Plh ended, inactive): the
 * request is the holder's or the Plt/Plh's of that post, else one level up, else its
 * official's (BKPSDM last). The stored row is not changed; a decision stores the new one. */
enum err_code leave_approver_today(struct db *db, struct arena *a, struct leave_request *r,
                                   const char *today, struct err *e) ABDI_MUST_CHECK;
struct leave_reroute {
    int64_t id;
    struct leave_approver approver;
};
/* Every pending request whose stored approver does not stand today, with today's approver. */
enum err_code leave_rerouted(struct db *db, struct arena *a, const char *today,
                             struct leave_reroute **out, size_t *n, struct err *e) ABDI_MUST_CHECK;
/* The names of an approver (the dry run shows them before anything is stored). */
enum err_code leave_approver_names(struct db *db, struct arena *a, struct leave_approver *ap,
                                   struct err *e) ABDI_MUST_CHECK;

/* ---- store.c: what api.c uses (module-internal) ---- */
/* The few facts of an employee record the leave rules and the chain need. */
struct employee_facts {
    int64_t id, unit_id, position_id;
    const char *status, *gender, *state, *appointed_on, *name, *nip, *unit_name, *unit_code;
};
enum err_code leave_employee(struct db *db, struct arena *a, int64_t id, struct employee_facts *out,
                             struct err *e) ABDI_MUST_CHECK;
enum err_code leave_person_of(const struct employee_facts *x, struct leave_person *p,
                              struct err *e) ABDI_MUST_CHECK;
enum err_code leave_balance_of(struct db *db, struct arena *a, const struct leave_settings *s,
                               const struct leave_person *p, int64_t employee_id, int64_t unit_id,
                               int year, struct leave_balance *out, struct err *e) ABDI_MUST_CHECK;
/* *yes when another pending/approved request of the employee (not except_id) meets [from, to]. */
enum err_code leave_overlap(struct db *db, int64_t employee_id, int64_t except_id, const char *from,
                            const char *to, int *yes, struct err *e) ABDI_MUST_CHECK;
/* Calendar days of the employee's pending/approved ordinary sick leave (not except_id) inside
 * [from, to]. */
enum err_code leave_sick_used(struct db *db, struct arena *a, int64_t employee_id,
                              int64_t except_id, int64_t from, int64_t to, int *days,
                              struct err *e) ABDI_MUST_CHECK;
enum err_code leave_recent_big(struct db *db, int64_t employee_id, int64_t except_id, int64_t start,
                               const struct leave_settings *s, int *yes,
                               struct err *e) ABDI_MUST_CHECK;
/* Working days of the unit in [from, to] (0 when to < from). */
enum err_code leave_working_days(struct db *db, int64_t unit_id, int64_t from, int64_t to, int *out,
                                 struct err *e) ABDI_MUST_CHECK;
/* Collective days of year on the unit's working days; *both: from and to are collective days. */
enum err_code leave_collective(struct db *db, struct arena *a, int64_t unit_id, int year,
                               const char *from, const char *to, int *count, int *both,
                               struct err *e) ABDI_MUST_CHECK;
/* The approver of a step: the supervisor step (step_official 0; out all zero when nobody
 * could be found) or the official's (BKPSDM when nobody). *hops: posts passed over. */
enum err_code leave_resolve(struct db *db, struct arena *a, const struct employee_facts *x,
                            const struct leave_chain *chain, int step_official, const char *today,
                            struct leave_approver *out, int *hops, struct err *e) ABDI_MUST_CHECK;
enum err_code leave_request_insert(struct db *db, const struct leave_request *r, int64_t *id,
                                   struct err *e) ABDI_MUST_CHECK;
enum err_code leave_request_move(struct db *db, const struct leave_request *r,
                                 const char *old_status, int64_t now,
                                 struct err *e) ABDI_MUST_CHECK;
enum err_code leave_request_step_done(struct db *db, int64_t id, int official, const char *decision,
                                      const char *reason, int64_t user_id, int64_t now,
                                      struct err *e) ABDI_MUST_CHECK;
enum err_code leave_request_final(struct db *db, const struct leave_request *r,
                                  const char *letter_number, const char *day, int64_t user_id,
                                  int64_t employee_id, int64_t position_id, const char *acting,
                                  struct err *e) ABDI_MUST_CHECK;
enum err_code leave_request_cancel(struct db *db, int64_t id, const char *old_status,
                                   int64_t user_id, const char *reason, int64_t now,
                                   struct err *e) ABDI_MUST_CHECK;
enum err_code leave_request_shorten(struct db *db, const struct leave_request *r,
                                    const char *old_end, int64_t now,
                                    struct err *e) ABDI_MUST_CHECK;
enum err_code leave_step_add(struct db *db, const struct leave_step *s, int final,
                             struct err *e) ABDI_MUST_CHECK;
enum err_code leave_user_acted(struct db *db, int64_t request_id, int64_t user_id, int *yes,
                               struct err *e) ABDI_MUST_CHECK;
enum err_code leave_employee_cltn(struct db *db, int64_t employee_id, int64_t now,
                                  struct err *e) ABDI_MUST_CHECK;

struct leave_query {
    int64_t own_employee_id; /* 0 = any */
    int64_t unit_id;         /* scope root: 0 = every unit, -1 = none */
    int subtree;
    int64_t inbox_employee_id; /* > 0: only what this employee must decide now */
    int inbox_bkpsdm;          /* the inbox includes BKPSDM's requests */
    const char *inbox_ids;     /* "1,5,9": re-routed today to the inbox's owner ("" none) */
    const char *today;         /* 'YYYY-MM-DD': whose stored approver still stands */
    int64_t employee_id;       /* filter, 0 = any */
    const char *status, *type; /* NULL = any */
    int year;                  /* 0 = any */
    int sort; /* 1 start_date, 2 -start_date, 3 created_at, 4 -created_at, 5 oldest first */
    int64_t page, per_page;
};
enum err_code leave_list(struct db *db, struct arena *a, const struct leave_query *q,
                         struct leave_request **items, size_t *n, int64_t *total,
                         struct err *e) ABDI_MUST_CHECK;

/* ---- rules_cltn.c (pure): the extension and the return of a CLTN (domain.md §5) ---- */
/* The day by which an employee must report back: 1 month after the last day of the CLTN. */
int64_t leave_cltn_report_due(int64_t end);
/* Extension of an approved cltn [start, end] to new_end: once (extended: 409
 * cltn_already_extended), not after a return (409 cltn_returned), while it lasts (today <= end,
 * else 409 leave_ended); end < new_end <= end + 1 year and new_end within 4 years of start
 * (422 end_date). */
enum err_code leave_cltn_extend_check(int64_t start, int64_t end, int extended, int returned,
                                      int64_t new_end, int64_t today,
                                      struct err *e) ABDI_MUST_CHECK;
/* The return of an approved cltn [start, end] on returned_on: once (409
 * cltn_already_returned), start < returned_on <= today (422 returned_on); *late 1 when it is
 * after leave_cltn_report_due(end). */
enum err_code leave_cltn_return_check(int64_t start, int64_t end, int returned,
                                      int64_t returned_on, int64_t today, int *late,
                                      struct err *e) ABDI_MUST_CHECK;
/* The dates of collective-leave days worked through: year 1900..2999 (422 year), 1..
 * LEAVE_WORKED_MAX real dates of that year (422 dates). */
#define LEAVE_WORKED_MAX 31
enum err_code leave_worked_check(int64_t year, const char *const *dates, size_t n,
                                 struct err *e) ABDI_MUST_CHECK;

/* ---- extras_store.c ---- */
/* Recorded collective days worked through by employee in year, sorted, in a's memory. */
enum err_code leave_worked_list(struct db *db, struct arena *a, int64_t employee_id, int year,
                                const char ***dates, size_t *n, struct err *e) ABDI_MUST_CHECK;
/* Record them (already recorded dates are left as they are): *added new rows. */
enum err_code leave_worked_add(struct db *db, int64_t employee_id, int year,
                               const char *const *dates, size_t n, int64_t user_id, int64_t now,
                               int *added, struct err *e) ABDI_MUST_CHECK;
/* Remove one recorded date: *removed 1, or 0 when it was not recorded. */
enum err_code leave_worked_remove(struct db *db, int64_t employee_id, const char *date,
                                  int *removed, struct err *e) ABDI_MUST_CHECK;
/* Fill ys[i].worked and ys[i].worked_adds for the years of ys[0..n). */
enum err_code leave_worked_history(struct db *db, int64_t employee_id, struct leave_year *ys,
                                   size_t n, struct err *e) ABDI_MUST_CHECK;
/* The per-year setting leave.collective_worked_adds.<year> (default 1). */
enum err_code leave_worked_adds(struct db *db, int year, int *on, struct err *e) ABDI_MUST_CHECK;
enum err_code leave_worked_adds_set(struct db *db, int year, int on,
                                    struct err *e) ABDI_MUST_CHECK;
/* Working days of the employee's pending or approved early annual leave (not except_id). */
enum err_code leave_early_days(struct db *db, int64_t employee_id, int64_t except_id, int *days,
                               struct err *e) ABDI_MUST_CHECK;
/* The CLTN's end moved to r->end_date (old_end kept); from 'approved' only. */
enum err_code leave_cltn_extend(struct db *db, const struct leave_request *r, const char *old_end,
                                const char *reason, int64_t now, struct err *e) ABDI_MUST_CHECK;
/* The return recorded (end_date moved back to the day before an early return) and the
 * employee's state back from 'cltn' to 'active' (409 employee_not_cltn when not 'cltn'). */
enum err_code leave_cltn_return(struct db *db, const struct leave_request *r, const char *on,
                                int late, int64_t now, struct err *e) ABDI_MUST_CHECK;

/* ---- api.c ---- */
extern const struct route leave_routes[];

#endif
