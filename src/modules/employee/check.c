/* check.c - the one validation of a new employee record, shared by POST /api/v1/employees
 * (one record from JSON) and the CSV import (many records): employee_validate checks the
 * record on its own (no I/O), employee_refs_check its references and scope. A bulk import
 * passes an employee_memo so that each unit, golongan and position is looked up once per
 * import instead of once per row; the answers are the same. */
#include "modules/employee/employee.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "core/str.h"
#include "modules/org/org.h"

const struct json_field employee_fields[] = {
    {"nip", JF_STRING, 1, EMPLOYEE_TEXT_MAX, 0, 0},
    {"nik", JF_STRING, 1, EMPLOYEE_TEXT_MAX, 0, 0},
    {"name", JF_STRING, 1, LIMIT_NAME_BYTES, 0, 0},
    {"gelar_depan", JF_STRING, 0, EMPLOYEE_TEXT_MAX, 0, 0},
    {"gelar_belakang", JF_STRING, 0, EMPLOYEE_TEXT_MAX, 0, 0},
    {"birth_place", JF_STRING, 1, LIMIT_NAME_BYTES, 0, 0},
    {"birth_date", JF_STRING, 1, EMPLOYEE_TEXT_MAX, 0, 0},
    {"gender", JF_STRING, 1, EMPLOYEE_TEXT_MAX, 0, 0},
    {"status", JF_STRING, 1, EMPLOYEE_TEXT_MAX, 0, 0},
    {"unit_id", JF_INT, 1, 0, 1, INT64_MAX},
    {"golongan", JF_STRING, 1, EMPLOYEE_TEXT_MAX, 0, 0},
    {"tmt_golongan", JF_STRING, 1, EMPLOYEE_TEXT_MAX, 0, 0},
    {"position_id", JF_INT, 1, 0, 1, INT64_MAX},
    {"tmt_jabatan", JF_STRING, 0, EMPLOYEE_TEXT_MAX, 0, 0},
    {"pns_id", JF_STRING, 0, EMPLOYEE_TEXT_MAX, 0, 0},
    {"sk_number", JF_STRING, 0, EMPLOYEE_TEXT_MAX, 0, 0},
    {"sk_date", JF_STRING, 0, EMPLOYEE_TEXT_MAX, 0, 0},
    {0},
};

/* An effective date of the record: a real date, not before the appointment, not after today. */
static enum err_code check_tmt(const char *s, const char *field, struct employee_date appointed,
                               struct employee_date today, struct err *e)
{
    struct employee_date d;

    if (employee_date_parse(s, &d))
        return err_invalid(e, field, "Tanggal harus berformat YYYY-MM-DD dan valid");
    if (employee_date_cmp(d, appointed) < 0)
        return err_invalid(e, field, "Tanggal tidak boleh sebelum TMT pengangkatan");
    if (employee_date_cmp(d, today) > 0)
        return err_invalid(e, field, "Tanggal tidak boleh di masa depan");
    return ERR_OK;
}

enum err_code employee_validate(struct arena *a, struct employee *x, struct employee_date today,
                                int *nik_warning, struct err *e)
{
    struct employee_nip_info nip;
    struct employee_pppk_info pppk;
    struct employee_date birth, appointed;
    enum employee_gender g;
    int is_pppk;
    enum err_code rc;
    char day[11];

    x->state = "active";
    is_pppk = strcmp(x->status, "PPPK") == 0;
    rc = is_pppk ? employee_pppk_decode(x->nip, &employee_pppk_layout_default, today, &pppk, e)
                 : employee_nip_decode(x->nip, today, &nip, e);
    if (!rc)
        rc = employee_nik_decode(x->nik, NULL, e);
    if (rc)
        return rc;
    if (str_blank(x->name))
        return err_invalid(e, "name", "Nama wajib diisi");
    if (str_blank(x->birth_place))
        return err_invalid(e, "birth_place", "Tempat lahir wajib diisi");
    if (employee_date_parse(x->birth_date, &birth))
        return err_invalid(e, "birth_date", "Tanggal lahir harus berformat YYYY-MM-DD dan valid");
    if (employee_date_cmp(birth, today) > 0)
        return err_invalid(e, "birth_date", "Tanggal lahir tidak boleh di masa depan");
    if (strcmp(x->gender, "L") != 0 && strcmp(x->gender, "P") != 0)
        return err_invalid(e, "gender", "Jenis kelamin harus L atau P");
    if (!is_pppk && strcmp(x->status, "CPNS") != 0 && strcmp(x->status, "PNS") != 0)
        return err_invalid(e, "status", "Status harus CPNS, PNS atau PPPK");
    g = x->gender[0] == 'L' ? EMPLOYEE_MALE : EMPLOYEE_FEMALE;
    rc = is_pppk ? employee_pppk_check(x->nip, &employee_pppk_layout_default, birth, g, today, e)
                 : employee_nip_check(x->nip, birth, g, today, e);
    if (!rc)
        rc = employee_nik_check(x->nik, birth, g, nik_warning, e);
    if (rc)
        return rc;
    /* domain.md §1: the NIP's TMT CPNS is the appointment; an NI PPPK carries only a year. */
    appointed.y = (int16_t)(is_pppk ? pppk.appointed_year : nip.tmt_cpns_year);
    appointed.m = (int8_t)(is_pppk ? 1 : nip.tmt_cpns_month);
    appointed.d = 1;
    employee_date_format(appointed, day);
    x->appointed_on = arena_strdup(a, day);
    rc = check_tmt(x->tmt_golongan, "tmt_golongan", appointed, today, e);
    if (!rc && x->tmt_jabatan)
        rc = check_tmt(x->tmt_jabatan, "tmt_jabatan", appointed, today, e);
    if (!x->tmt_jabatan)
        x->tmt_jabatan = x->tmt_golongan;
    if (rc)
        return rc;
    /* The decree of the first rank and position rows (design.md §5), when known. */
    if (x->sk_number && str_blank(x->sk_number))
        return err_invalid(e, "sk_number", "Nomor SK tidak boleh kosong");
    if (x->sk_date) {
        struct employee_date d;

        if (!x->sk_number)
            return err_invalid(e, "sk_number", "Nomor SK wajib diisi bila tanggal SK diisi");
        if (employee_date_parse(x->sk_date, &d))
            return err_invalid(e, "sk_date", "Tanggal SK harus berformat YYYY-MM-DD dan valid");
        if (employee_date_cmp(d, birth) < 0 || employee_date_cmp(d, today) > 0)
            return err_invalid(e, "sk_date", "Tanggal SK harus antara tanggal lahir dan hari ini");
    }
    return ERR_OK;
}

/* ---- the memo: a small string-keyed hash table in the arena of the import ---- */

struct memo_slot {
    const char *key;
    enum err_code rc; /* ERR_OK or ERR_NOT_FOUND: storage errors are never memoised */
    struct err *err;  /* the denial of a scope check */
    int64_t val;
    const char *text;
};

struct employee_memo {
    struct arena *a;
    struct memo_slot *slots;
    size_t cap, used;
};

static void memo_free(void *p)
{
    free(((struct employee_memo *)p)->slots);
}

struct employee_memo *employee_memo_new(struct arena *a)
{
    struct employee_memo *m = arena_alloc(a, sizeof *m);

    m->a = a;
    m->cap = 256;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    arena_defer(a, memo_free, m);
    return m;
}

static size_t hash(const char *s)
{
    size_t h = 1469598103934665603u;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static struct memo_slot *slot_of(struct memo_slot *slots, size_t cap, const char *key)
{
    size_t i = hash(key) & (cap - 1);

    while (slots[i].key && strcmp(slots[i].key, key) != 0)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static struct memo_slot *memo_get(struct employee_memo *m, const char *key)
{
    struct memo_slot *s = slot_of(m->slots, m->cap, key);

    return s->key ? s : NULL;
}

/* A new slot for key (not present), growing the table at 70% load. */
static struct memo_slot *memo_put(struct employee_memo *m, const char *key)
{
    struct memo_slot *s;

    if ((m->used + 1) * 10 > m->cap * 7) {
        struct memo_slot *bigger = xcalloc(m->cap * 2, sizeof *bigger);

        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].key)
                *slot_of(bigger, m->cap * 2, m->slots[i].key) = m->slots[i];
        free(m->slots);
        m->slots = bigger;
        m->cap *= 2;
    }
    s = slot_of(m->slots, m->cap, key);
    s->key = arena_strdup(m->a, key);
    m->used++;
    return s;
}

static enum err_code memo_scope(struct req *rq, struct employee_memo *m, int64_t unit,
                                struct err *e)
{
    struct memo_slot *s;
    char key[32];
    enum err_code rc;

    if (!m)
        return scope_unit_write(rq, unit, e);
    snprintf(key, sizeof key, "s:%lld", (long long)unit);
    s = memo_get(m, key);
    if (s) {
        if (s->rc)
            *e = *s->err;
        return s->rc;
    }
    rc = scope_unit_write(rq, unit, e);
    if (rc == ERR_OK || rc == ERR_NOT_FOUND) {
        s = memo_put(m, key);
        s->rc = rc;
        if (rc) {
            s->err = arena_alloc(m->a, sizeof *s->err);
            *s->err = *e;
        }
    }
    return rc;
}

/* The unit exists (ERR_NOT_FOUND when not); *closed = 1 when it is closed (no placements). */
static enum err_code memo_unit(struct req *rq, struct employee_memo *m, int64_t unit,
                               int *closed, struct err *e)
{
    struct org_unit u;
    struct memo_slot *s;
    char key[32];
    enum err_code rc;

    snprintf(key, sizeof key, "u:%lld", (long long)unit);
    if (m && (s = memo_get(m, key)) != NULL) {
        *closed = (int)s->val;
        return s->rc;
    }
    rc = org_unit_get(rq->db, rq->a, unit, &u, e);
    *closed = !rc && u.closed_on != NULL;
    if (m && (rc == ERR_OK || rc == ERR_NOT_FOUND)) {
        s = memo_put(m, key);
        s->rc = rc;
        s->val = *closed;
    }
    return rc;
}

/* The kind ("pns"/"pppk") of a golongan code. */
static enum err_code memo_golongan(struct req *rq, struct employee_memo *m, const char *code,
                                   const char **kind, struct err *e)
{
    struct employee_golongan gol;
    struct memo_slot *s;
    char key[EMPLOYEE_TEXT_MAX + 8];
    enum err_code rc;

    snprintf(key, sizeof key, "g:%s", code);
    if (m && (s = memo_get(m, key)) != NULL) {
        *kind = s->text;
        return s->rc;
    }
    rc = employee_golongan_get(rq->db, rq->a, code, &gol, e);
    *kind = rc ? NULL : gol.kind;
    if (m && (rc == ERR_OK || rc == ERR_NOT_FOUND)) {
        s = memo_put(m, key);
        s->rc = rc;
        s->text = rc ? NULL : arena_strdup(m->a, gol.kind);
    }
    return rc;
}

/* The unit of a position. */
static enum err_code memo_position(struct req *rq, struct employee_memo *m, int64_t id,
                                   int64_t *unit, struct err *e)
{
    struct org_position pos;
    struct memo_slot *s;
    char key[32];
    enum err_code rc;

    snprintf(key, sizeof key, "p:%lld", (long long)id);
    if (m && (s = memo_get(m, key)) != NULL) {
        *unit = s->val;
        return s->rc;
    }
    rc = org_position_get(rq->db, rq->a, id, &pos, e);
    *unit = rc ? 0 : pos.unit_id;
    if (m && (rc == ERR_OK || rc == ERR_NOT_FOUND)) {
        s = memo_put(m, key);
        s->rc = rc;
        s->val = *unit;
    }
    return rc;
}

enum err_code employee_refs_check(struct req *rq, struct employee_memo *m, struct employee *x,
                                  struct err *e)
{
    const char *kind = NULL;
    int64_t pos_unit = 0;
    int taken = 0, closed = 0;
    enum err_code rc = memo_scope(rq, m, x->unit_id, e);

    if (rc)
        return rc;
    rc = memo_unit(rq, m, x->unit_id, &closed, e);
    if (rc == ERR_NOT_FOUND)
        return err_invalid(e, "unit_id", "Unit tidak ditemukan");
    if (!rc && closed)
        return err_invalid(e, "unit_id", "Unit sudah ditutup");
    if (!rc)
        rc = memo_golongan(rq, m, x->golongan, &kind, e);
    if (rc == ERR_NOT_FOUND)
        return err_invalid(e, "golongan", "Golongan tidak dikenal");
    if (rc)
        return rc;
    if (strcmp(kind, strcmp(x->status, "PPPK") == 0 ? "pppk" : "pns") != 0)
        return err_invalid(e, "golongan", "Golongan tidak sesuai dengan status kepegawaian");
    rc = memo_position(rq, m, x->position_id, &pos_unit, e);
    if (rc == ERR_NOT_FOUND || (!rc && pos_unit != x->unit_id))
        return err_invalid(e, "position_id", "Jabatan tidak ditemukan pada unit ini");
    if (!rc)
        rc = employee_nip_taken(rq->db, x->nip, &taken, e);
    if (!rc && taken)
        return err_set(e, ERR_CONFLICT, "duplicate_nip", "nip", "NIP sudah terdaftar");
    return rc;
}

enum err_code employee_memo_unit_code(struct req *rq, struct employee_memo *m, const char *code,
                                      int64_t *id, struct err *e)
{
    struct org_unit u;
    struct memo_slot *s;
    char key[EMPLOYEE_TEXT_MAX + 8];
    enum err_code rc;

    if (strlen(code) > ORG_CODE_MAX)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Unit tidak ditemukan");
    snprintf(key, sizeof key, "c:%s", code);
    if ((s = memo_get(m, key)) != NULL) {
        *id = s->val;
        return s->rc;
    }
    rc = org_unit_by_code(rq->db, rq->a, code, &u, e);
    *id = rc ? 0 : u.id;
    if (rc == ERR_OK || rc == ERR_NOT_FOUND) {
        s = memo_put(m, key);
        s->rc = rc;
        s->val = *id;
    }
    return rc;
}

/* "n:<unit>:<name lower-cased>" */
static void name_key(char *key, size_t cap, int64_t unit, const char *name)
{
    int n = snprintf(key, cap, "n:%lld:", (long long)unit);

    for (size_t i = n > 0 ? (size_t)n : 0; *name && i + 1 < cap; name++, i++) {
        key[i] = *name >= 'A' && *name <= 'Z' ? (char)(*name - 'A' + 'a') : *name;
        key[i + 1] = '\0';
    }
}

enum err_code employee_memo_position_name(struct req *rq, struct employee_memo *m, int64_t unit,
                                          const char *name, int64_t *id, struct err *e)
{
    char key[LIMIT_NAME_BYTES + 32];
    struct org_position *list;
    struct memo_slot *s;
    size_t n = 0;
    enum err_code rc;

    snprintf(key, sizeof key, "l:%lld", (long long)unit);
    if (!memo_get(m, key)) { /* first row of this unit: its whole catalogue at once */
        rc = org_positions_list(rq->db, rq->a, unit, &list, &n, e);
        if (rc)
            return rc;
        memo_put(m, key);
        for (size_t i = 0; i < n; i++) {
            name_key(key, sizeof key, unit, list[i].name);
            if (!memo_get(m, key))
                memo_put(m, key)->val = list[i].id;
        }
    }
    name_key(key, sizeof key, unit, name);
    s = memo_get(m, key);
    *id = s ? s->val : 0;
    return s ? ERR_OK : err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Jabatan tidak ditemukan");
}

long employee_memo_nip_seen(struct employee_memo *m, const char *nip, long line)
{
    char key[EMPLOYEE_TEXT_MAX + 8];
    struct memo_slot *s;

    snprintf(key, sizeof key, "N:%s", nip);
    s = memo_get(m, key);
    if (s)
        return (long)s->val;
    memo_put(m, key)->val = line;
    return 0;
}
