/* audit.c - appending to, checkpointing and verifying the keyed audit chain (layout in
 * audit.h). Never updates or deletes rows; triggers in the schema refuse both. */
#include "audit/audit.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/limits.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/str.h"

#define AUDIT_LOCK_KEY 0x6162646961756474LL /* "abdiaudt" */
#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

static unsigned char audit_key[32];
static unsigned char ckpt_pk[crypto_sign_PUBLICKEYBYTES];
static unsigned char ckpt_sk[crypto_sign_SECRETKEYBYTES];
static char *ckpt_path;
static int key_loaded;
static void slot_cache_clear(void);
/* Group checkpointing (audit_checkpoint): callers take tickets; the newest (id, hash) asked
 * for since the last write waits in ck_pend; ck_done is the last ticket a finished write
 * covered. Tickets, not ids, decide who is covered, so a new chain (ids from 1 again) is never
 * mistaken for an old one. */
static pthread_mutex_t ck_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ck_cv = PTHREAD_COND_INITIALIZER;
static uint64_t ck_ticket, ck_done;
static int64_t ck_pend_id;
static char ck_pend_hash[65];
static int ck_busy;

static const char SQL_HEAD[] = "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1";
static const char SQL_INSERT[] =
    "INSERT INTO audit_log (id, at, actor_id, ip, action, entity, entity_id, before_json,"
    " after_json, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
static const char SQL_ALL[] =
    "SELECT id, at, actor_id, ip, action, entity, entity_id, before_json, after_json,"
    " prev_hash, hash FROM audit_log ORDER BY id";
static const char SQL_AT[] = "SELECT hash FROM audit_log WHERE id = $1";
/* Typed casts: PostgreSQL cannot infer a parameter's type from "$1 IS NULL" alone. */
#define AUDIT_WHERE                                                                            \
    " WHERE (CAST($1 AS TEXT) IS NULL OR entity = CAST($1 AS TEXT))"                            \
    " AND (CAST($2 AS BIGINT) = 0 OR actor_id = CAST($2 AS BIGINT))"                            \
    " AND (CAST($3 AS BIGINT) = 0 OR at >= CAST($3 AS BIGINT))"                                 \
    " AND (CAST($4 AS BIGINT) = 0 OR at < CAST($4 AS BIGINT))"

static const char SQL_LIST[] =
    "SELECT id, at, actor_id, ip, action, entity, entity_id, before_json, after_json, hash"
    " FROM audit_log" AUDIT_WHERE " ORDER BY id DESC LIMIT $5 OFFSET $6";
static const char SQL_COUNT[] =
    "SELECT count(*) FROM audit_log" AUDIT_WHERE;

enum err_code audit_key_load(const char *path, int create, struct err *e)
{
    unsigned char seed[crypto_sign_SEEDBYTES];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n;

    if (fd < 0 && errno == ENOENT && create) {
        unsigned char fresh[32];

        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
            err_set(e, ERR_STORAGE, "audit_key", NULL, "Kunci audit tidak dapat dibuat");
            return err_detail(e, "%s: %s", path, strerror(errno));
        }
        randombytes_buf(fresh, sizeof fresh);
        n = write(fd, fresh, sizeof fresh);
        sodium_memzero(fresh, sizeof fresh);
        if (n != (ssize_t)sizeof fresh || fsync(fd) != 0) {
            close(fd);
            return err_set(e, ERR_STORAGE, "audit_key", NULL, "Kunci audit tidak dapat ditulis");
        }
        close(fd);
        fd = open(path, O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0) {
        err_set(e, ERR_STORAGE, "audit_key", NULL, "Kunci audit tidak dapat dibaca");
        return err_detail(e, "%s: %s", path, strerror(errno));
    }
    n = read(fd, audit_key, sizeof audit_key);
    close(fd);
    if (n != (ssize_t)sizeof audit_key)
        return err_set(e, ERR_STORAGE, "audit_key", NULL, "Kunci audit rusak (harus 32 bita)");
    crypto_generichash(seed, sizeof seed, (const unsigned char *)"abdi-audit-checkpoint-v1", 24,
                       audit_key, sizeof audit_key);
    crypto_sign_seed_keypair(ckpt_pk, ckpt_sk, seed);
    sodium_memzero(seed, sizeof seed);
    free(ckpt_path);
    {
        size_t len = strlen(path) + 6;

        ckpt_path = xmalloc(len);
        snprintf(ckpt_path, len, "%s.ckpt", path);
    }
    key_loaded = 1;
    slot_cache_clear();
    return ERR_OK;
}

int audit_key_derive(uint64_t id, const char ctx[8], unsigned char out[32])
{
    char c[crypto_kdf_CONTEXTBYTES + 1];

    if (!key_loaded)
        return -1;
    memcpy(c, ctx, crypto_kdf_CONTEXTBYTES);
    c[crypto_kdf_CONTEXTBYTES] = '\0';
    return crypto_kdf_derive_from_key(out, 32, id, c, audit_key);
}

void audit_key_unload(void)
{
    sodium_memzero(audit_key, sizeof audit_key);
    sodium_memzero(ckpt_sk, sizeof ckpt_sk);
    free(ckpt_path);
    ckpt_path = NULL;
    key_loaded = 0;
    slot_cache_clear();
}

static void mac_field(crypto_auth_hmacsha256_state *s, const char *v)
{
    unsigned char len[8];
    uint64_t n = v ? strlen(v) : UINT64_MAX; /* NULL differs from "" */

    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)(n >> (8 * i));
    crypto_auth_hmacsha256_update(s, len, sizeof len);
    if (v)
        crypto_auth_hmacsha256_update(s, (const unsigned char *)v, strlen(v));
}

static void mac_int(crypto_auth_hmacsha256_state *s, int64_t v)
{
    char tmp[24];

    snprintf(tmp, sizeof tmp, "%lld", (long long)v);
    mac_field(s, tmp);
}

void audit_row_hash(const unsigned char key[32], const struct audit_row *r, char out[65])
{
    crypto_auth_hmacsha256_state s;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];

    crypto_auth_hmacsha256_init(&s, key, 32);
    mac_field(&s, r->prev_hash);
    mac_int(&s, r->id);
    mac_int(&s, r->at);
    mac_int(&s, r->actor_id);
    mac_field(&s, r->ip);
    mac_field(&s, r->action);
    mac_field(&s, r->entity);
    mac_field(&s, r->entity_id);
    mac_field(&s, r->before_json);
    mac_field(&s, r->after_json);
    crypto_auth_hmacsha256_final(&s, mac);
    hex_encode(mac, sizeof mac, out);
}

static char *dump_or_null(json_t *v)
{
    return v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY) : NULL;
}

enum err_code audit_append(struct db *db, int64_t now, int64_t actor_id, const char *ip,
                           const struct audit_entry *ent, int64_t *id_out, char hash_out[65],
                           struct err *e)
{
    struct db_stmt *st = NULL;
    struct audit_row row;
    char prev[65], hash[65];
    char *before = NULL, *after = NULL;
    enum err_code rc;
    int r;

    if (!key_loaded)
        return err_internal(e, "audit key not loaded");
    rc = db_lock(db, AUDIT_LOCK_KEY, e);
    if (rc)
        return rc;
    rc = db_prepare(db, SQL_HEAD, &st, e);
    if (rc)
        return rc;
    r = db_step(st, e);
    if (r < 0) {
        db_reset(st);
        return e->code;
    }
    memset(&row, 0, sizeof row);
    if (r == 1) {
        row.id = db_col_int(st, 0) + 1;
        str_copy(prev, sizeof prev, db_col_text(st, 1));
    } else {
        row.id = 1;
        str_copy(prev, sizeof prev, AUDIT_GENESIS);
    }
    db_reset(st);
    before = dump_or_null(ent->before);
    after = dump_or_null(ent->after);
    if ((before && strlen(before) > LIMIT_AUDIT_JSON_BYTES) ||
        (after && strlen(after) > LIMIT_AUDIT_JSON_BYTES)) {
        rc = err_internal(e, "audit JSON too large");
        goto out;
    }
    row.at = now;
    row.actor_id = actor_id;
    row.ip = ip;
    row.action = ent->action;
    row.entity = ent->entity;
    row.entity_id = ent->entity_id;
    row.before_json = before;
    row.after_json = after;
    row.prev_hash = prev;
    audit_row_hash(audit_key, &row, hash);
    rc = db_prepare(db, SQL_INSERT, &st, e);
    if (rc)
        goto out;
    db_bind_int(st, 1, row.id);
    db_bind_int(st, 2, row.at);
    if (actor_id > 0)
        db_bind_int(st, 3, actor_id);
    else
        db_bind_null(st, 3);
    db_bind_text(st, 4, ip);
    db_bind_text(st, 5, row.action);
    db_bind_text(st, 6, row.entity);
    db_bind_text(st, 7, row.entity_id);
    db_bind_text(st, 8, before);
    db_bind_text(st, 9, after);
    db_bind_text(st, 10, prev);
    db_bind_text(st, 11, hash);
    r = db_step(st, e);
    db_reset(st);
    if (r < 0) {
        rc = e->code;
        goto out;
    }
    *id_out = row.id;
    memcpy(hash_out, hash, sizeof hash);
out:
    free(before);
    free(after);
    return rc;
}

static void ckpt_sign_text(int64_t id, const char *hash, char *msg, size_t cap)
{
    snprintf(msg, cap, "abdi-audit-checkpoint v1 %lld %s", (long long)id, hash);
}

/* The checkpoint file holds two slots, at offsets 0 and CKPT_SLOT, each one line
 * "v1 <id> <hash> <signature>\n"; the newer valid one counts. A checkpoint overwrites the older
 * slot in place and fdatasyncs it (no new file and rename per commit), so a write torn by a
 * power cut can only damage the slot being written, in its own page. A file of one line (the
 * older layout) is slot 0. */
#define CKPT_SLOT 4096

struct ckpt_slots {
    int present[2], valid[2];
    int64_t id[2];
    char hash[2][65];
};

static int slot_parse(const char *buf, size_t len, int64_t *id, char hash[65])
{
    char line[512], sig_hex[2 * crypto_sign_BYTES + 1], msg[160];
    unsigned char sig[crypto_sign_BYTES];
    const char *nl = memchr(buf, '\n', len);
    long long v;

    if (!nl || (size_t)(nl - buf) >= sizeof line)
        return -1;
    memcpy(line, buf, (size_t)(nl - buf));
    line[nl - buf] = '\0';
    if (sscanf(line, "v1 %lld %64s %128s", &v, hash, sig_hex) != 3 || v < 1)
        return -1;
    if (hex_decode(sig_hex, strlen(sig_hex), sig, sizeof sig))
        return -1;
    ckpt_sign_text(v, hash, msg, sizeof msg);
    if (crypto_sign_verify_detached(sig, (const unsigned char *)msg, strlen(msg), ckpt_pk))
        return -1;
    *id = v;
    return 0;
}

/* Slots already verified, by their exact text: every commit reads the checkpoint before
 * moving it forward, and two Ed25519 verifications per commit were a fifth of a check-in's
 * CPU. The same bytes under the same key verify the same way; a new key empties it. */
static pthread_mutex_t slot_cache_mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
    char text[4][300];
    size_t len[4];
    int64_t id[4];
    char hash[4][65];
    unsigned next;
} slot_cache;

static void slot_cache_clear(void)
{
    pthread_mutex_lock(&slot_cache_mu);
    memset(&slot_cache, 0, sizeof slot_cache);
    pthread_mutex_unlock(&slot_cache_mu);
}

static int slot_parse_cached(const char *buf, size_t len, int64_t *id, char hash[65])
{
    const char *nl = memchr(buf, '\n', len);
    size_t n = nl ? (size_t)(nl - buf) + 1 : 0;
    int r = -1;

    if (!n || n > sizeof slot_cache.text[0])
        return slot_parse(buf, len, id, hash);
    pthread_mutex_lock(&slot_cache_mu);
    for (int i = 0; i < 4; i++)
        if (slot_cache.len[i] == n && memcmp(slot_cache.text[i], buf, n) == 0) {
            *id = slot_cache.id[i];
            str_copy(hash, 65, slot_cache.hash[i]);
            r = 0;
            break;
        }
    pthread_mutex_unlock(&slot_cache_mu);
    if (r == 0 || slot_parse(buf, len, id, hash))
        return r;
    pthread_mutex_lock(&slot_cache_mu);
    {
        unsigned i = slot_cache.next++ % 4;

        memcpy(slot_cache.text[i], buf, n);
        slot_cache.len[i] = n;
        slot_cache.id[i] = *id;
        str_copy(slot_cache.hash[i], 65, hash);
    }
    pthread_mutex_unlock(&slot_cache_mu);
    return 0;
}

/* Both slots of the file; 0, 1 = no file, -1 = unreadable. */
static int ckpt_slots_read(const char *path, struct ckpt_slots *cs)
{
    char buf[2 * CKPT_SLOT];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n;

    memset(cs, 0, sizeof *cs);
    if (fd < 0)
        return errno == ENOENT ? 1 : -1;
    n = pread(fd, buf, sizeof buf, 0);
    close(fd);
    if (n < 0)
        return -1;
    for (int s = 0; s < 2; s++) {
        size_t off = (size_t)s * CKPT_SLOT;

        if ((size_t)n <= off)
            continue;
        cs->present[s] = 1;
        cs->valid[s] = slot_parse_cached(buf + off, (size_t)n - off, &cs->id[s], cs->hash[s]) == 0;
    }
    return 0;
}

/* The newest slot; 0 = ok, 1 = missing, -1 = unreadable, bad signature or a damaged slot
 * (a torn write or tampering: the next checkpoint repairs a torn slot). */
static int ckpt_read(const char *path, int64_t *id, char hash[65])
{
    struct ckpt_slots cs;
    int r = ckpt_slots_read(path, &cs), best = -1;

    if (r)
        return r;
    for (int s = 0; s < 2; s++) {
        if (cs.present[s] && !cs.valid[s])
            return -1;
        if (cs.valid[s] && (best < 0 || cs.id[s] > cs.id[best]))
            best = s;
    }
    if (best < 0)
        return -1;
    *id = cs.id[best];
    str_copy(hash, 65, cs.hash[best]);
    return 0;
}

/* Group checkpointing: writers that committed while a checkpoint was being written wait for
 * the next one, which covers them all (the newest id of the group), so N concurrent commits
 * cost one or two signed fsyncs instead of N, and every writer still returns only after a
 * checkpoint at or past its own row is on disk. */
void audit_checkpoint(int64_t id, const char *hash)
{
    uint64_t mine;

    if (!key_loaded)
        return;
    pthread_mutex_lock(&ck_mu);
    mine = ++ck_ticket;
    if (!ck_pend_id || id > ck_pend_id) {
        ck_pend_id = id;
        str_copy(ck_pend_hash, sizeof ck_pend_hash, hash);
    }
    while (ck_done < mine) {
        if (ck_busy) {
            pthread_cond_wait(&ck_cv, &ck_mu);
            continue;
        }
        uint64_t covers = ck_ticket;
        int64_t write_id = ck_pend_id;
        char write_hash[65];

        str_copy(write_hash, sizeof write_hash, ck_pend_hash);
        ck_pend_id = 0;
        ck_busy = 1;
        pthread_mutex_unlock(&ck_mu);
        (void)audit_checkpoint_to(ckpt_path, write_id, write_hash); /* failure is logged */
        pthread_mutex_lock(&ck_mu);
        ck_busy = 0;
        ck_done = covers;
        pthread_cond_broadcast(&ck_cv);
    }
    pthread_mutex_unlock(&ck_mu);
}

int audit_checkpoint_to(const char *path, int64_t id, const char *hash)
{
    char lock_path[4096], msg[160], sig_hex[2 * crypto_sign_BYTES + 1], line[300];
    unsigned char sig[crypto_sign_BYTES];
    struct ckpt_slots cs;
    int lock_fd, fd, slot, len, rc = -1;

    if (!key_loaded)
        return -1;
    snprintf(lock_path, sizeof lock_path, "%s.lock", path);
    lock_fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock_fd < 0 || flock(lock_fd, LOCK_EX) != 0) {
        log_event("audit_checkpoint_failed", "reason", "lock", NULL);
        if (lock_fd >= 0)
            close(lock_fd);
        return -1;
    }
    rc = 0;
    if (ckpt_slots_read(path, &cs) < 0)
        memset(&cs, 0, sizeof cs); /* unreadable: write slot 0 afresh */
    if ((cs.valid[0] && cs.id[0] >= id) || (cs.valid[1] && cs.id[1] >= id))
        goto out; /* never backwards (another process may have gone further) */
    /* overwrite a damaged or missing slot first, else the older one */
    if (!cs.valid[0])
        slot = 0;
    else if (!cs.valid[1])
        slot = 1;
    else
        slot = cs.id[0] < cs.id[1] ? 0 : 1;
    ckpt_sign_text(id, hash, msg, sizeof msg);
    crypto_sign_detached(sig, NULL, (const unsigned char *)msg, strlen(msg), ckpt_sk);
    hex_encode(sig, sizeof sig, sig_hex);
    len = snprintf(line, sizeof line, "v1 %lld %s %s\n", (long long)id, hash, sig_hex);
    fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 || len <= 0 || (size_t)len >= sizeof line ||
        pwrite(fd, line, (size_t)len, (off_t)slot * CKPT_SLOT) != (ssize_t)len || fdatasync(fd)) {
        log_event("audit_checkpoint_failed", "reason", strerror(errno), NULL);
        rc = -1;
    }
    if (fd >= 0)
        close(fd);
out:
    flock(lock_fd, LOCK_UN);
    close(lock_fd);
    return rc;
}

static enum err_code bad(struct audit_report *rep, int64_t id, const char *reason)
{
    if (!rep->bad_id) {
        rep->bad_id = id;
        str_copy(rep->reason, sizeof rep->reason, reason);
    }
    return ERR_OK;
}

enum err_code audit_verify(struct db *db, struct audit_report *rep, struct err *e)
{
    return audit_verify_at(db, ckpt_path, rep, e);
}

enum err_code audit_head(struct db *db, int64_t *id, char hash[65], struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_HEAD, &st, e);
    int r;

    if (rc)
        return rc;
    r = db_step(st, e);
    *id = 0;
    hash[0] = '\0';
    if (r == 1) {
        *id = db_col_int(st, 0);
        str_copy(hash, 65, db_col_text(st, 1));
    }
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code audit_verify_at(struct db *db, const char *checkpoint, struct audit_report *rep,
                              struct err *e)
{
    struct db_stmt *st;
    char prev[65] = AUDIT_GENESIS, calc[65], ck_hash[65];
    int64_t expect = 1, ck_id = 0;
    enum err_code rc;
    int r, ck;

    memset(rep, 0, sizeof *rep);
    if (!key_loaded)
        return err_internal(e, "audit key not loaded");
    rc = db_prepare(db, SQL_ALL, &st, e);
    if (rc)
        return rc;
    while ((r = db_step(st, e)) == 1) {
        struct audit_row row = {
            .id = db_col_int(st, 0),
            .at = db_col_int(st, 1),
            .actor_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2),
            .ip = db_col_text(st, 3),
            .action = db_col_text(st, 4),
            .entity = db_col_text(st, 5),
            .entity_id = db_col_text(st, 6),
            .before_json = db_col_text(st, 7),
            .after_json = db_col_text(st, 8),
            .prev_hash = db_col_text(st, 9),
        };
        const char *stored = db_col_text(st, 10);

        rep->rows++;
        if (rep->bad_id)
            continue;
        if (row.id != expect) {
            bad(rep, expect, row.id > expect ? "row missing (gap in ids)" : "ids out of order");
            continue;
        }
        if (!row.prev_hash || strcmp(row.prev_hash, prev) != 0) {
            bad(rep, row.id, "prev_hash does not match the previous row");
            continue;
        }
        audit_row_hash(audit_key, &row, calc);
        if (!stored || strlen(stored) != 64 || sodium_memcmp(calc, stored, 64) != 0) {
            bad(rep, row.id, "hash mismatch: row content was altered");
            continue;
        }
        str_copy(prev, sizeof prev, stored);
        expect++;
    }
    db_reset(st);
    if (r < 0)
        return e->code;
    if (rep->bad_id)
        return ERR_OK;
    ck = ckpt_read(checkpoint, &ck_id, ck_hash);
    if (ck < 0)
        return bad(rep, rep->rows + 1, "checkpoint file unreadable or signature invalid");
    if (ck == 1) {
        if (rep->rows > 0)
            return bad(rep, 1, "checkpoint file missing");
        return ERR_OK;
    }
    if (ck_id > rep->rows)
        return bad(rep, rep->rows + 1, "rows removed after the last checkpoint (truncated or old copy)");
    rc = db_prepare(db, SQL_AT, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, ck_id);
    r = db_step(st, e);
    if (r < 0) {
        db_reset(st);
        return e->code;
    }
    if (r == 0 || strcmp(db_col_text(st, 0), ck_hash) != 0)
        bad(rep, ck_id, "row differs from the signed checkpoint");
    db_reset(st);
    return ERR_OK;
}

static json_t *json_parsed_or_null(const char *s)
{
    json_t *v;

    if (!s)
        return json_null();
    v = json_loads(s, JSON_DECODE_ANY, NULL);
    return v ? v : json_string(s);
}

static void bind_filter(struct db_stmt *st, const struct audit_filter *f)
{
    db_bind_text(st, 1, f->entity);
    db_bind_int(st, 2, f->actor_id);
    db_bind_int(st, 3, f->from_at);
    db_bind_int(st, 4, f->to_at);
}

enum err_code audit_list(struct db *db, const struct audit_filter *f, json_t **out, struct err *e)
{
    struct db_stmt *st;
    json_t *items;
    int64_t total = 0;
    enum err_code rc;
    int r;

    rc = db_prepare(db, SQL_COUNT, &st, e);
    if (rc)
        return rc;
    bind_filter(st, f);
    r = db_step(st, e);
    if (r == 1)
        total = db_col_int(st, 0);
    db_reset(st);
    if (r < 0)
        return e->code;
    rc = db_prepare(db, SQL_LIST, &st, e);
    if (rc)
        return rc;
    bind_filter(st, f);
    db_bind_int(st, 5, f->per_page);
    db_bind_int(st, 6, (f->page - 1) * f->per_page);
    items = json_array();
    while ((r = db_step(st, e)) == 1) {
        json_t *it = json_object();

        json_object_set_new(it, "id", json_integer(db_col_int(st, 0)));
        json_object_set_new(it, "at", json_time(db_col_int(st, 1)));
        json_object_set_new(it, "actor_id",
                            db_col_is_null(st, 2) ? json_null() : json_integer(db_col_int(st, 2)));
        json_object_set_new(it, "ip", json_str_or_null(db_col_text(st, 3)));
        json_object_set_new(it, "action", json_str_or_null(db_col_text(st, 4)));
        json_object_set_new(it, "entity", json_str_or_null(db_col_text(st, 5)));
        json_object_set_new(it, "entity_id", json_str_or_null(db_col_text(st, 6)));
        json_object_set_new(it, "before", json_parsed_or_null(db_col_text(st, 7)));
        json_object_set_new(it, "after", json_parsed_or_null(db_col_text(st, 8)));
        json_object_set_new(it, "hash", json_str_or_null(db_col_text(st, 9)));
        json_array_append_new(items, it);
    }
    db_reset(st);
    if (r < 0) {
        json_decref(items);
        return e->code;
    }
    *out = json_page(items, total, f->page, f->per_page);
    return ERR_OK;
}
