/* reference.h - SIASN's reference lists (siasn.md section 3): the small lists are seeded by
 * migration 0016 (table ref_codes, golongan and tingkat_pendidikan served from the golongan
 * and education_levels tables), the large ones (pendidikan, jabatan_pelaksana,
 * jabatan_fungsional with its retirement age, lokasi) are imported from a CSV with a dry run.
 * reference_lookup is the one C entry other modules use to turn a code into its name. */
#ifndef ABDI_REFERENCE_H
#define ABDI_REFERENCE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/http.h"

#define REF_CODE_MAX 64  /* bytes of a code */
#define REF_NAME_MAX 300 /* bytes of a name */
#define REF_ATTR_MAX 64  /* bytes of an extra attribute (bup, kind) */
#define REF_IMPORT_ERRORS_MAX 200

enum ref_source { REF_SRC_CODES, REF_SRC_GOLONGAN, REF_SRC_EDUCATION };
enum ref_attr { REF_ATTR_NONE, REF_ATTR_BUP, REF_ATTR_LEVEL };

/* One list as the API names it. Large lists are read from a CSV whose header has the
 * columns id (alias kode), nama (alias name) and, when attr_col is not NULL, attr_col. */
struct ref_list {
    const char *name;  /* "jenis_jabatan" */
    const char *title; /* Bahasa Indonesia, for the page */
    int large;         /* 1 = imported from a CSV, 0 = seeded */
    enum ref_source source;
    const char *attr_col; /* the CSV / JSON name of attr ("bup"), NULL when none */
    enum ref_attr attr;   /* how attr is checked */
};
#define REF_COL_CODE 0
#define REF_COL_NAME 1
#define REF_COL_ATTR 2

/* One entry of a list. attr: an extra value (jabatan_fungsional: bup, the retirement age;
 * golongan: its Abdi code "III/a"); NULL when none. */
struct ref_entry {
    const char *code;
    const char *name;
    const char *attr;
};

/* ---- rules.c (pure) ---- */
/* Every list, in the order GET /references shows them; *n is set. */
const struct ref_list *reference_lists(size_t *n);
/* The list named name, or NULL. */
const struct ref_list *reference_list_find(const char *name);
/* Check one CSV row of a large list: fields[REF_COL_*] (NULL when empty). On error e is 422
 * with e->field the CSV column at fault and a message in Bahasa Indonesia; the entry is
 * filled (pointers into fields) when valid. */
enum err_code reference_row_check(const struct ref_list *list, const char *const *fields,
                                  struct ref_entry *out, struct err *e) ABDI_MUST_CHECK;
/* The CSV header of a large list ("id,nama,bup"), in a static buffer. */
const char *reference_csv_header(const struct ref_list *list);

/* ---- store.c ---- */
/* Name of code in list (any list, small or large): *found 1 and name copied (truncated to
 * cap) when it exists, *found 0 and name "" when not. Unknown list → ERR_INVALID. */
enum err_code reference_lookup(struct db *db, const char *list, const char *code, char *name,
                               size_t cap, int *found, struct err *e) ABDI_MUST_CHECK;
/* The SIASN code of list that Abdi's own value abdi maps to (table ref_map: a training kind
 * → jenis_diklat, a position kind → jenis_jabatan or eselon, a religion → agama…): *found 0
 * and code "" when there is none. */
enum err_code reference_map(struct db *db, const char *list, const char *abdi, char *code,
                            size_t cap, int *found, struct err *e) ABDI_MUST_CHECK;
/* Number of entries of a list. */
enum err_code reference_count(struct db *db, const struct ref_list *list, int64_t *n,
                              struct err *e) ABDI_MUST_CHECK;
/* A page of a list filtered by q (code or name contains q); per_page 0 = all. */
enum err_code reference_page(struct db *db, struct arena *a, const struct ref_list *list,
                             const char *q, int64_t page, int64_t per_page, struct ref_entry **out,
                             size_t *n, int64_t *total, struct err *e) ABDI_MUST_CHECK;
/* Insert or update the rows (distinct codes) of a large list, inside the caller's
 * transaction; *created and *updated count what changes (a row equal to the stored one
 * counts in neither). dry_run: count only, write nothing. Codes absent from rows stay. */
enum err_code reference_upsert(struct db *db, struct arena *a, const struct ref_list *list,
                               const struct ref_entry *rows, size_t n, int dry_run,
                               int64_t *created, int64_t *updated, struct err *e) ABDI_MUST_CHECK;

/* ---- api.c ---- */
extern const struct route reference_routes[];

#endif
