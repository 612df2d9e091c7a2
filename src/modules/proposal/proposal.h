/* proposal.h - self-service change proposals (design.md §5): an employee proposes a change to
 * the own record with evidence; it waits in the verification queue of the admins whose scope
 * covers the record until one approves it (the change is applied in the same transaction) or
 * rejects it with a reason; the employee may cancel it while it is pending. Nothing in the
 * record changes before approval; every step is audited. Kinds: "record" (the editable
 * fields of employee.h's struct employee_edit), "family" and "education" (a new history row,
 * checked at creation by employee_history_check and added on approval by
 * employee_history_add). */
#ifndef ABDI_PROPOSAL_H
#define ABDI_PROPOSAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/http.h"

#define PROPOSAL_EVIDENCE_MAX 10 /* documents attached to one proposal */
#define PROPOSAL_REASON_MAX 500  /* bytes of a decision's reason */

enum proposal_kind { PROPOSAL_NONE = 0, PROPOSAL_RECORD, PROPOSAL_FAMILY, PROPOSAL_EDUCATION };

/* ---- rules.c (pure) ---- */
/* "record", "family", "education" → the kind; PROPOSAL_NONE otherwise (NULL included). */
enum proposal_kind proposal_kind_parse(const char *s);
/* The name of a kind ("record", ...); NULL for PROPOSAL_NONE. */
const char *proposal_kind_name(enum proposal_kind k);
/* The kinds a proposal may be created with: 422 validation_failed naming "kind" for an
 * unknown kind. */
enum err_code proposal_kind_check(const char *s, enum proposal_kind *out,
                                  struct err *e) ABDI_MUST_CHECK;
/* pending, approved, rejected, cancelled (a status filter may also be "all"). */
int proposal_status_valid(const char *s);
/* A decision: "approve" or "reject" (422 naming "decision"); a reject needs a non-blank
 * reason, and any reason is at most PROPOSAL_REASON_MAX bytes without control characters
 * except line breaks (422 naming "reason"). *approve is 1 or 0. */
enum err_code proposal_decision_check(const char *decision, const char *reason, int *approve,
                                      struct err *e) ABDI_MUST_CHECK;
/* Evidence: NULL/JSON null for none, else an array of at most PROPOSAL_EVIDENCE_MAX distinct
 * positive integer ids (422 naming "evidence"). ids holds PROPOSAL_EVIDENCE_MAX. */
enum err_code proposal_evidence_parse(json_t *v, int64_t *ids, size_t *n,
                                      struct err *e) ABDI_MUST_CHECK;

/* ---- store.c ---- */
struct proposal {
    int64_t id, employee_id;
    const char *kind, *payload, *evidence, *status, *reason; /* payload/evidence: JSON text */
    int64_t proposed_by, decided_by, created_at, decided_at; /* 0 when not decided */
    /* from the record, for lists and the side-by-side view */
    const char *employee_nip, *unit_name;
    int64_t unit_id;
    const char *name, *gelar_depan, *gelar_belakang, *religion, *marital_status, *phone, *email,
        *address;
    int64_t photo_document_id;
};

enum err_code proposal_insert(struct db *db, const struct proposal *p, int64_t *id_out,
                              struct err *e) ABDI_MUST_CHECK;
/* ERR_NOT_FOUND when there is none. */
enum err_code proposal_get(struct db *db, struct arena *a, int64_t id, struct proposal *out,
                           struct err *e) ABDI_MUST_CHECK;
/* employee_id > 0: that employee's proposals, newest first. Else the queue: unit 0 = every
 * unit, else that unit (and its sub-units when subtree), oldest first. status "" = any. */
struct proposal_query {
    int64_t employee_id, unit_id;
    int subtree;
    const char *status;
    int64_t page, per_page;
};
enum err_code proposal_list(struct db *db, struct arena *a, const struct proposal_query *q,
                            struct proposal **items, size_t *n, int64_t *total,
                            struct err *e) ABDI_MUST_CHECK;
/* pending → status (approved, rejected, cancelled) by user at now; 409 already_decided when
 * the proposal is no longer pending (also when another request decided it first). */
enum err_code proposal_decide(struct db *db, int64_t id, const char *status, const char *reason,
                              int64_t user_id, int64_t now, struct err *e) ABDI_MUST_CHECK;
/* *yes = 1 when document_id is a document of employee_id. */
enum err_code proposal_document_of(struct db *db, int64_t document_id, int64_t employee_id,
                                   int *yes, struct err *e) ABDI_MUST_CHECK;

/* Demo data: pending address proposals of some of `abdi demo --employees N`'s accounts. */
enum err_code proposal_demo_seed(struct db *db, int64_t now, struct err *e) ABDI_MUST_CHECK;

/* ---- api.c ---- */
extern const struct route proposal_routes[];

#endif
