/* session.h - server-side sessions. The cookie carries a 256-bit random token (64 hex);
 * only its BLAKE2b-256 hash is stored. A session ends on logout, revocation, 30 minutes
 * idle, 12 hours after creation, or when the account is disabled. Each session has its
 * own CSRF token (64 hex) that state-changing requests must echo in X-CSRF-Token. */
#ifndef ABDI_SESSION_H
#define ABDI_SESSION_H

#include "db/db.h"
#include "http/http.h"

#define SESSION_TOKEN_HEX 64
#define SESSION_COOKIE "abdi_session"

/* Resolve a cookie token into the user; ERR_UNAUTHORIZED when unknown, revoked, expired,
 * or the account is inactive. Touches last_seen_at at most once a minute. */
enum err_code session_resolve(struct db *db, struct arena *a, const char *token, int64_t now,
                              struct session_user **out, struct err *e) ABDI_MUST_CHECK;
/* New session; token_hex and csrf_hex receive 64 hex chars + NUL. */
enum err_code session_create(struct db *db, int64_t user_id, const char *ip, int64_t now,
                             int mfa_ok, char token_hex[SESSION_TOKEN_HEX + 1],
                             char csrf_hex[SESSION_TOKEN_HEX + 1], int64_t *session_id,
                             struct err *e) ABDI_MUST_CHECK;
enum err_code session_revoke(struct db *db, int64_t user_id, int64_t session_id,
                             int64_t *changed, struct err *e) ABDI_MUST_CHECK;
/* Revoke every session of the user except keep_id (0 = revoke all). */
enum err_code session_revoke_user(struct db *db, int64_t user_id, int64_t keep_id,
                                  struct err *e) ABDI_MUST_CHECK;
enum err_code session_mark_mfa(struct db *db, int64_t session_id, int64_t now,
                               struct err *e) ABDI_MUST_CHECK;
/* Live sessions of a user as a JSON array (id, created_at, last_seen_at, ip, current). */
enum err_code session_list(struct db *db, int64_t user_id, int64_t current_id, int64_t now,
                           json_t **out, struct err *e) ABDI_MUST_CHECK;
/* Constant-time comparison of two NUL-terminated tokens. */
int session_token_equal(const char *a, const char *b);

#endif
