/* rules.c - pure rules of the organisation tree: what a unit code and kind may be, and
 * how a flat list of units nests into the forest the API returns. No I/O. */
#include "modules/org/org.h"

#include <string.h>

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
    return json_pack("{s:I,s:o,s:s,s:s,s:s}", "id", (json_int_t)u->id, "parent_id",
                     json_id_or_null(u->parent_id), "code", u->code, "name", u->name, "kind",
                     u->kind);
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
