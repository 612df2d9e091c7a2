/* audit.h - the tamper-evident audit log.
 * Row layout: id (previous id + 1, from 1), at (epoch s), actor_id, ip, action, entity,
 * entity_id, before_json, after_json, prev_hash, hash, where
 *   hash = HMAC-SHA256(key, len-prefixed(prev_hash, id, at, actor_id, ip, action, entity,
 *                                          entity_id, before_json, after_json))
 * in lower-case hex, and the first prev_hash is 64 zeros. The key lives in a file outside
 * the database. After each commit a checkpoint "<id> <hash>" signed with Ed25519 (key derived
 * from the audit key) is written into the older of the two slots of <keyfile>.ckpt, so removing
 * the newest rows or restoring an older copy is detected. Appends hold a database lock: one linear chain across processes. */
#ifndef ABDI_AUDIT_H
#define ABDI_AUDIT_H

#include <stdint.h>

#include "db/db.h"
#include "http/http.h"

/* Load the 32-byte key from path; with create, make it (mode 0600) when missing. */
enum err_code audit_key_load(const char *path, int create, struct err *e) ABDI_MUST_CHECK;
void audit_key_unload(void);
/* A 32-byte subkey of the loaded key for another purpose (libsodium KDF; ctx is exactly 8
 * characters, e.g. "abdifld1" for field encryption); -1 when no key is loaded. */
int audit_key_derive(uint64_t id, const char ctx[8], unsigned char out[32]);

/* Append one row inside the caller's open transaction. */
enum err_code audit_append(struct db *db, int64_t now, int64_t actor_id, const char *ip,
                           const struct audit_entry *ent, int64_t *id_out, char hash_out[65],
                           struct err *e) ABDI_MUST_CHECK;
/* After commit: move the signed checkpoint forward to (id, hash) if it is newer. */
void audit_checkpoint(int64_t id, const char *hash);
/* The same into another checkpoint file (a backup's own); 0 or -1. */
int audit_checkpoint_to(const char *path, int64_t id, const char *hash);
/* Newest row's id and hash (0 and "" for an empty chain). */
enum err_code audit_head(struct db *db, int64_t *id, char hash[65], struct err *e) ABDI_MUST_CHECK;

struct audit_report {
    int64_t rows;
    int64_t bad_id; /* first bad row id, 0 when none */
    char reason[160];
};
/* ERR_OK with bad_id == 0 when every row and the checkpoint agree. */
enum err_code audit_verify(struct db *db, struct audit_report *rep, struct err *e) ABDI_MUST_CHECK;
/* The same against a given checkpoint file (verifying a backup against its own). */
enum err_code audit_verify_at(struct db *db, const char *checkpoint, struct audit_report *rep,
                              struct err *e) ABDI_MUST_CHECK;

/* Query rows for the API (newest first) into a JSON list object. Filters may be NULL/0. */
struct audit_filter {
    const char *entity;
    int64_t actor_id;
    int64_t from_at, to_at; /* [from, to) epoch seconds; 0 = open */
    int64_t page, per_page;
};
enum err_code audit_list(struct db *db, const struct audit_filter *f, json_t **out,
                         struct err *e) ABDI_MUST_CHECK;

extern const struct route audit_routes[];

/* The HMAC of one row, exposed for unit tests. */
struct audit_row {
    int64_t id, at, actor_id;
    const char *ip, *action, *entity, *entity_id, *before_json, *after_json, *prev_hash;
};
void audit_row_hash(const unsigned char key[32], const struct audit_row *r, char out[65]);

#endif
