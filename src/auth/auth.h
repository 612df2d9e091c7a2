/* auth.h - accounts: password hashing and policy (argon2id via libsodium), users and roles,
 * login throttling kept in the database, TOTP (liboath), and the one scope helper every
 * module uses to answer "may this user read/write this unit's data". */
#ifndef ABDI_AUTH_H
#define ABDI_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "http/http.h"

/* ---- passwords (password.c) ---- */
#define AUTH_HASH_MAX 128
/* Load the embedded common-password list; call once at start. */
void auth_password_init(void);
/* argon2id, libsodium interactive limits. out holds AUTH_HASH_MAX bytes. */
enum err_code auth_password_hash(const char *password, char out[AUTH_HASH_MAX],
                                 struct err *e) ABDI_MUST_CHECK;
/* 1 when password matches hash; a NULL hash burns the same time and answers 0. */
int auth_password_verify(const char *hash, const char *password);
/* Policy of security.md: 12..128 code points, valid UTF-8, not common, no context words.
 * context: username and other words (NULL-terminated list, may be NULL). Field is the
 * JSON field named in the error. */
enum err_code auth_password_policy(const char *password, const char *const *context,
                                   const char *field, struct err *e) ABDI_MUST_CHECK;
/* 1 when the lower-cased password is on the shipped list. */
int auth_password_is_common(const char *password);

/* ---- users (users.c) ---- */
struct auth_user {
    int64_t id;
    char username[LIMIT_USERNAME_BYTES + 1];
    char name[LIMIT_NAME_BYTES + 1];
    char hash[AUTH_HASH_MAX];
    int64_t unit_id;
    int active;
    int must_change_password;
    int64_t password_expires_at;
    int totp_enabled;
    char totp_secret[64];
    int64_t totp_last_step;
};
/* ERR_NOT_FOUND when there is no such user. */
enum err_code auth_user_by_name(struct db *db, const char *username, struct auth_user *u,
                                struct err *e) ABDI_MUST_CHECK;
enum err_code auth_user_by_id(struct db *db, int64_t id, struct auth_user *u,
                              struct err *e) ABDI_MUST_CHECK;
/* Create a user with roles (bits); must_change when an admin set the password. */
enum err_code auth_user_create(struct db *db, const char *username, const char *name,
                               const char *password, unsigned roles, int64_t unit_id,
                               int must_change, int64_t now, int64_t *id_out,
                               struct err *e) ABDI_MUST_CHECK;
/* Insert with an already computed hash (bulk seeding); no validation. employee_id 0 = the
 * account of no employee record. */
enum err_code auth_user_insert(struct db *db, const char *username, const char *name,
                               const char *hash, unsigned roles, int64_t unit_id,
                               int64_t employee_id, int must_change, int64_t now,
                               int64_t *id_out, struct err *e) ABDI_MUST_CHECK;
/* Make user_id the account of employee_id (0 unlinks). An employee has at most one account:
 * a second link answers 409 employee_has_account. */
enum err_code auth_user_link_employee(struct db *db, int64_t user_id, int64_t employee_id,
                                      struct err *e) ABDI_MUST_CHECK;
enum err_code auth_user_set_password(struct db *db, int64_t user_id, const char *password,
                                     int must_change, int64_t now, struct err *e) ABDI_MUST_CHECK;
enum err_code auth_user_set_totp(struct db *db, int64_t user_id, const char *secret, int enabled,
                                 struct err *e) ABDI_MUST_CHECK;
/* Record a used TOTP step so a code is accepted once. */
enum err_code auth_user_totp_step(struct db *db, int64_t user_id, int64_t step,
                                  struct err *e) ABDI_MUST_CHECK;
/* JSON of the user as the API shows it (docs/api-foundation.md USER). */
json_t *auth_user_json(const struct session_user *u);
enum err_code auth_users_list(struct db *db, const char *q, int64_t page, int64_t per_page,
                              json_t **out, struct err *e) ABDI_MUST_CHECK;
/* 1 when password is one the project has published for demos (README, tests, bench):
 * refused at login unless the database is in demo mode (setting demo_mode = 1). */
int auth_password_is_demo(const char *password);

/* ---- login throttling (users.c) ---- */
/* ERR_TOO_MANY when the account+address, the address, or the account is over its limit. */
enum err_code auth_throttle_check(struct db *db, const char *username, const char *ip,
                                  int64_t now, struct err *e) ABDI_MUST_CHECK;
enum err_code auth_throttle_record(struct db *db, const char *username, const char *ip,
                                   int64_t now, int ok, struct err *e) ABDI_MUST_CHECK;

/* ---- TOTP (totp.c), RFC 6238: 30 s steps, 6 digits, ±1 step ---- */
/* New base32 secret (32 chars + NUL). */
void auth_totp_secret(char out[33]);
/* The matching step (>0) when code is valid for secret at now and after last_step, else 0. */
int64_t auth_totp_check(const char *secret_b32, const char *code, int64_t now, int64_t last_step);
/* Code for a step, for tests and the demo (out: 7 bytes). */
int auth_totp_code(const char *secret_b32, int64_t now, char out[7]);

/* ---- scope (scope.c) ---- */
/* May the request's user read / write data of unit_id? Out of scope → ERR_NOT_FOUND
 * (no existence oracle) and a log line. admin_bkpsdm, superadmin (and pimpinan for reading)
 * cover everything; admin_unit its unit and all sub-units; others their own unit. */
enum err_code scope_unit_read(const struct req *rq, int64_t unit_id, struct err *e) ABDI_MUST_CHECK;
enum err_code scope_unit_write(const struct req *rq, int64_t unit_id, struct err *e) ABDI_MUST_CHECK;
/* Root of the user's read scope: 0 = everything, else a unit id whose subtree (admin_unit)
 * or which alone (others) the user may read; *subtree says which. */
void scope_unit_root(const struct req *rq, int64_t *root, int *subtree);
/* Employee records: a user whose only roles are pegawai reads nothing but the own record
 * (session_user.employee_id); every other role reads by the record's unit as above. Writes
 * go by unit (admins only). Denials are 404 with a log line, as for units. */
enum err_code scope_employee_read(const struct req *rq, int64_t employee_id, int64_t unit_id,
                                  struct err *e) ABDI_MUST_CHECK;
/* For lists: the one employee id a self-only user may see (-1 when the account has no record,
 * so the list is empty), or 0 when the user's scope is by unit (scope_unit_root). */
int64_t scope_employee_self(const struct req *rq);
/* The units a list or report covers, as GET /employees scopes them: unit_param (the raw
 * unit_id query value, NULL when absent) must be a positive id (422 naming "unit_id") in the
 * read scope (404 outside it); then *unit_id is that unit or the scope root (0 = every unit,
 * -1 = nothing: an account without a home unit) and *subtree 1 when its sub-units count. */
enum err_code scope_unit_filter(const struct req *rq, const char *unit_param, int64_t *unit_id,
                                int *subtree, struct err *e) ABDI_MUST_CHECK;
/* 1 when unit is root or below it. */
enum err_code scope_unit_within(struct db *db, int64_t root, int64_t unit, int *yes,
                                struct err *e) ABDI_MUST_CHECK;

/* ---- routes (api.c) ---- */
extern const struct route auth_routes[];

#endif
