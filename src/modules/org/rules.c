/* rules.c - pure rules of the organisation: what a unit code and kind may be, how a flat
 * list of units nests into the forest the API returns, what a position may be (kind,
 * class, retirement age of domain.md §3 and §9), and the tree rules: no unit moved below
 * itself, no supervising post that loops back, no move that strands a post's supervising post
 * outside its ancestors, closing only an empty unit. No I/O. */
#include "modules/org/org.h"

#include <stdio.h>
#include <string.h>

#include "core/str.h"

/* Kinds of units in a regional government (Perda perangkat daerah). */
static const char *const unit_kinds[] = {
    "pemerintah", "sekretariat", "inspektorat", "dinas",     "badan",    "satpol",
    "kecamatan",  "kelurahan",   "bagian",      "bidang",    "subbagian", "seksi",
    "uptd",       "puskesmas",   "sekolah",     "rsud",      "kantor",    NULL,
};

enum err_code org_unit_code_check(const char *code, struct err *e)
{
    size_t n = code ? strlen(code) : 0;

    if (n < 2 || n > ORG_CODE_MAX)
        return err_set(e, ERR_INVALID, "validation_failed", "code",
                       "Kode unit harus 2-32 karakter");
    for (size_t i = 0; i < n; i++) {
        char c = code[i];

        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == '_'))
            return err_set(e, ERR_INVALID, "validation_failed", "code",
                           "Kode unit hanya huruf besar, angka, titik, strip, garis bawah");
    }
    return ERR_OK;
}

enum err_code org_unit_kind_check(const char *kind, struct err *e)
{
    for (const char *const *k = unit_kinds; kind && *k; k++)
        if (strcmp(*k, kind) == 0)
            return ERR_OK;
    return err_set(e, ERR_INVALID, "validation_failed", "kind", "Jenis unit tidak dikenal");
}

json_t *org_unit_json(const struct org_unit *u)
{
    return json_pack("{s:I,s:o,s:s,s:s,s:s,s:o,s:o,s:o}", "id", (json_int_t)u->id,
                     "parent_id", json_id_or_null(u->parent_id), "code", u->code, "name",
                     u->name, "kind", u->kind, "siasn_unor_id",
                     json_str_or_null(u->siasn_unor_id), "closed_on",
                     json_str_or_null(u->closed_on), "closed_reason",
                     json_str_or_null(u->closed_reason));
}

static int in_list(const struct org_unit *units, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (units[i].id == id)
            return 1;
    return 0;
}

/* Children of parent, recursively; depth bounded by the number of units (no cycles). */
static json_t *children_of(const struct org_unit *units, size_t n, int64_t parent, size_t depth)
{
    json_t *arr = json_array();

    if (depth > n)
        return arr;
    for (size_t i = 0; i < n; i++) {
        if (units[i].parent_id == parent && units[i].id != parent) {
            json_t *u = org_unit_json(&units[i]);

            json_object_set_new(u, "children", children_of(units, n, units[i].id, depth + 1));
            json_array_append_new(arr, u);
        }
    }
    return arr;
}

json_t *org_units_forest(const struct org_unit *units, size_t n)
{
    json_t *roots = json_array();

    for (size_t i = 0; i < n; i++) {
        if (units[i].parent_id == 0 || !in_list(units, n, units[i].parent_id)) {
            json_t *u = org_unit_json(&units[i]);

            json_object_set_new(u, "children", children_of(units, n, units[i].id, 1));
            json_array_append_new(roots, u);
        }
    }
    return roots;
}

/* domain.md §3 kinds with their PP 11/2017 art. 239 retirement ages (domain.md §9):
 * 58 administrator, pengawas, pelaksana, ahli pertama/muda and keterampilan (penyelia
 * included); 60 JPT and ahli madya; 65 ahli utama. */
static const struct {
    const char *kind;
    int bup_age;
} position_kinds[] = {
    {"jpt_utama", 60},    {"jpt_madya", 60},  {"jpt_pratama", 60}, {"administrator", 58},
    {"pengawas", 58},     {"pelaksana", 58},  {"ahli_pertama", 58}, {"ahli_muda", 58},
    {"ahli_madya", 60},   {"ahli_utama", 65}, {"pemula", 58},      {"terampil", 58},
    {"mahir", 58},        {"penyelia", 58},
};

int org_position_bup_default(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof position_kinds / sizeof position_kinds[0]; i++)
        if (strcmp(position_kinds[i].kind, kind) == 0)
            return position_kinds[i].bup_age;
    return 0;
}

enum err_code org_position_kind_check(const char *kind, struct err *e)
{
    if (org_position_bup_default(kind) == 0)
        return err_set(e, ERR_INVALID, "validation_failed", "kind", "Jenis jabatan tidak dikenal");
    return ERR_OK;
}

enum err_code org_unit_name_check(const char *name, struct err *e)
{
    if (str_blank(name))
        return err_set(e, ERR_INVALID, "validation_failed", "name", "Nama unit wajib diisi");
    return ERR_OK;
}

enum err_code org_position_check(const struct org_position *p, struct err *e)
{
    enum err_code rc;

    if (str_blank(p->name))
        return err_set(e, ERR_INVALID, "validation_failed", "name", "Nama jabatan wajib diisi");
    rc = org_position_kind_check(p->kind, e);
    if (rc)
        return rc;
    if (p->kelas_jabatan < 1 || p->kelas_jabatan > 17)
        return err_set(e, ERR_INVALID, "validation_failed", "kelas_jabatan",
                       "Kelas jabatan harus 1-17");
    if (p->needed < 0)
        return err_set(e, ERR_INVALID, "validation_failed", "needed",
                       "Kebutuhan pegawai tidak boleh negatif");
    if (p->bup_age < 40 || p->bup_age > 70)
        return err_set(e, ERR_INVALID, "validation_failed", "bup_age",
                       "Batas usia pensiun harus 40-70 tahun");
    return ERR_OK;
}

json_t *org_position_json(const struct org_position *p)
{
    json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:i,s:i,s:i,s:o}", "id", (json_int_t)p->id,
                          "unit_id", (json_int_t)p->unit_id, "name", p->name, "kind", p->kind,
                          "kelas_jabatan", p->kelas_jabatan, "needed", p->needed, "bup_age",
                          p->bup_age, "siasn_jabatan_id", json_str_or_null(p->siasn_jabatan_id));

    json_object_set_new(o, "parent_position_id", json_id_or_null(p->parent_position_id));
    json_object_set_new(o, "parent_position_name", json_str_or_null(p->parent_position_name));
    json_object_set_new(o, "unit_name", json_str_or_null(p->unit_name));
    return o;
}

static int chain_has(const int64_t *chain, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (chain[i] == id)
            return 1;
    return 0;
}

enum err_code org_unit_move_check(const struct org_unit *u, int64_t new_parent,
                                  const int64_t *chain, size_t n, struct err *e)
{
    if (u->parent_id == 0)
        return err_set(e, ERR_INVALID, "validation_failed", "parent_id",
                       "Unit teratas (pemerintah daerah) tidak dapat dipindahkan");
    /* a chain as long as the walk limit may be a loop already in the data: refuse */
    if (new_parent == u->id || chain_has(chain, n, u->id) || n >= ORG_DEPTH_MAX)
        return err_set(e, ERR_INVALID, "validation_failed", "parent_id",
                       "Unit tidak dapat dipindahkan ke bawah dirinya sendiri atau sub-unitnya");
    return ERR_OK;
}

enum err_code org_position_parent_check(int64_t id, int64_t parent, int64_t parent_unit,
                                        const int64_t *chain, size_t n,
                                        const int64_t *unit_chain, size_t un, struct err *e)
{
    if (parent == 0)
        return ERR_OK;
    if (!chain_has(unit_chain, un, parent_unit))
        return err_set(e, ERR_INVALID, "validation_failed", "parent_position_id",
                       "Jabatan atasan harus berada di unit yang sama atau unit induknya");
    if ((id != 0 && (parent == id || chain_has(chain, n, id))) || n >= ORG_DEPTH_MAX)
        return err_set(e, ERR_INVALID, "validation_failed", "parent_position_id",
                       "Jabatan atasan tidak boleh jabatan itu sendiri atau bawahannya");
    return ERR_OK;
}

size_t org_unit_move_links(struct org_supervisor_link *links, size_t n, const int64_t *new_chain,
                           size_t cn)
{
    size_t broken = 0;

    for (size_t i = 0; i < n; i++) {
        links[i].broken = !chain_has(new_chain, cn, links[i].supervisor_unit_id);
        broken += (size_t)links[i].broken;
    }
    return broken;
}

enum err_code org_unit_move_links_check(size_t broken, int detach, struct err *e)
{
    char msg[192];

    if (broken == 0 || detach)
        return ERR_OK;
    /* the supervising post must stay in the post's unit or an ancestor (org_position_parent_
     * check); leave and flexwork approvals walk these links */
    snprintf(msg, sizeof msg,
             "Pemindahan ditolak: %zu jabatan akan kehilangan atasan langsungnya karena jabatan "
             "atasannya tidak berada di unit induk yang baru. Ubah atasannya atau lepaskan "
             "tautannya",
             broken);
    return err_set(e, ERR_CONFLICT, "supervisor_links_broken", "parent_id", msg);
}

json_t *org_supervisor_link_json(const struct org_supervisor_link *l)
{
    return json_pack("{s:I,s:s,s:I,s:s,s:I,s:s,s:I,s:s}", "position_id",
                     (json_int_t)l->position_id, "position_name", l->position_name, "unit_id",
                     (json_int_t)l->unit_id, "unit_name", l->unit_name, "parent_position_id",
                     (json_int_t)l->supervisor_id, "parent_position_name", l->supervisor_name,
                     "parent_unit_id", (json_int_t)l->supervisor_unit_id, "parent_unit_name",
                     l->supervisor_unit_name);
}

enum err_code org_unit_close_check(const struct org_unit *u, int64_t day, const char *reason,
                                   int64_t now, int64_t open_children, int64_t active_employees,
                                   struct err *e)
{
    char msg[160];

    if (day < 0)
        return err_set(e, ERR_INVALID, "validation_failed", "date",
                       "Tanggal penutupan harus berformat YYYY-MM-DD dan valid");
    if (day > now)
        return err_set(e, ERR_INVALID, "validation_failed", "date",
                       "Tanggal penutupan tidak boleh di masa depan");
    if (str_blank(reason))
        return err_set(e, ERR_INVALID, "validation_failed", "reason",
                       "Alasan penutupan wajib diisi");
    if (u->closed_on)
        return err_set(e, ERR_CONFLICT, "unit_closed", NULL, "Unit sudah ditutup");
    if (open_children > 0) {
        snprintf(msg, sizeof msg,
                 "Unit masih memiliki %lld sub-unit yang aktif; tutup atau pindahkan dahulu",
                 (long long)open_children);
        return err_set(e, ERR_CONFLICT, "unit_has_subunits", NULL, msg);
    }
    if (active_employees > 0) {
        snprintf(msg, sizeof msg,
                 "Unit masih memiliki %lld pegawai aktif; pindahkan mereka dahulu",
                 (long long)active_employees);
        return err_set(e, ERR_CONFLICT, "unit_has_employees", NULL, msg);
    }
    return ERR_OK;
}
