/* siasn_int.h - what import.c, update.c and decide.c of the siasn module share: the state of
 * an import under way, the record's columns the import reads, the plain fields compared with
 * SIASN's (each with its one UPDATE), and the writes both the import (fill, prefer=siasn) and
 * a decision (take SIASN's value) make. */
#ifndef ABDI_SIASN_INT_H
#define ABDI_SIASN_INT_H

#include "modules/siasn/siasn.h"

/* The columns of EMP_MATCH. */
enum siasn_match_col {
    M_ID,
    M_NIP,
    M_NAME,
    M_GD,
    M_GB,
    M_BPLACE,
    M_BDATE,
    M_GENDER,
    M_STATUS,
    M_STATE,
    M_PNS_ID,
    M_PHONE,
    M_EMAIL,
    M_ADDRESS,
    M_RELIGION,
    M_MARITAL,
    M_UNIT,
    M_POSITION,
    M_TMT_JAB,
    M_UNIT_NAME,
    M_POS_NAME,
    M_NCOLS
};

/* A plain field compared with the record: the SIASN column (the name of the difference), its
 * place in struct siasn_row, the record's column (enum siasn_match_col), case-insensitive or
 * not, and the one UPDATE of it ($1 employee, $2 value, $3 now). */
struct siasn_scalar {
    const char *field;
    size_t off;
    int col, ci;
    const char *sql;
};
extern const struct siasn_scalar siasn_scalars[];
#define SIASN_NSCALARS 15

/* A small string -> int64 map in the arena of an import (units, positions, NIPs; import.c). */
struct siasn_smap_slot {
    const char *key;
    int64_t val;
};
struct siasn_smap {
    struct arena *a;
    struct siasn_smap_slot *s;
    size_t cap, used;
};

/* One import under way (import.c): the request, the counts and report, the row rules'
 * context, the maps of the two passes, the government's root, and the arena of the matched
 * record's values (renewed every 256 rows). */
struct siasn_importer {
    struct req *rq;
    struct siasn_import *imp;
    struct siasn_context cx;
    struct siasn_smap map;  /* pass 1: NIPs and pns_ids of the file, with their line */
    struct siasn_smap refs; /* pass 2: units by unor_id, positions by unit and jabatan */
    struct employee_government gov;
    int64_t pseudo;      /* dry run: ids of units and positions that would be created (< 0) */
    struct arena *row_a; /* per row: the matched record's values */
};

/* The record's value of each column (enum siasn_match_col) of the matched employee. */
struct siasn_matched {
    const char *v[M_NCOLS];
    int64_t id, unit_id, position_id;
};

/* The value of the struct siasn_row field at off (siasn_scalars[].off). */
const char *siasn_row_field(const struct siasn_row *x, size_t off);
/* The employee of a row: by nip_baru, else by pns_id; *found 0 when none (update.c). */
enum err_code siasn_match_employee(struct siasn_importer *im, const struct siasn_row *x,
                                   struct siasn_matched *m, int *found,
                                   struct err *e) ABDI_MUST_CHECK;
/* A matched employee: fill, list or (prefer_siasn) take each field, the golongan, the unit
 * and position and the education; counts the row as updated, differing or unchanged. unit
 * and pos are the row's (negative: would be created in a dry run). */
enum err_code siasn_update(struct siasn_importer *im, const struct siasn_row *x,
                           const struct siasn_matched *m, int64_t unit, int64_t pos,
                           struct err *e) ABDI_MUST_CHECK;

/* One column of the record (sql from siasn_scalars, or the state) set to v, updated_at now. */
enum err_code siasn_set_text(struct db *db, const char *sql, int64_t id, const char *v, int64_t now,
                             struct err *e) ABDI_MUST_CHECK;
/* A rank history row (golongan, tmt[, superseding a row]) through the employee module's
 * history store. */
enum err_code siasn_add_rank(struct db *db, int64_t emp, const char *golongan, const char *tmt,
                             int64_t supersedes, int64_t now, int64_t actor,
                             struct err *e) ABDI_MUST_CHECK;
/* A position history row (the record's unit and position follow) through the placement
 * store, then the record's cached TMTs. */
enum err_code siasn_add_position(struct db *db, int64_t emp, int64_t unit, int64_t pos,
                                 const char *tmt, int64_t now, struct err *e) ABDI_MUST_CHECK;
/* The education history row of a row's education (x->edu_level set) as the employee
 * module's POST /employees/{id}/education takes it: level_code, institution (nama_sekolah,
 * else SIASN_NO_SCHOOL: the 65-column export names no school), major (pendidikan_nama),
 * graduated_on (1 January of tahun_lulus: SIASN keeps only the year), pendidikan_id. */
#define SIASN_NO_SCHOOL "Tidak tercantum di SIASN"
json_t *siasn_education_row(const struct siasn_row *x);
/* That row (not consumed) added to the employee's education history through
 * employee_history_add (its checks; the record's cached level follows), superseding the row
 * supersedes when not 0. Allocations in a. */
enum err_code siasn_add_education(struct db *db, struct arena *a, int64_t emp, json_t *row,
                                  int64_t supersedes, int64_t now, int64_t actor,
                                  struct err *e) ABDI_MUST_CHECK;
/* The acting user's id (0 for the CLI). */
int64_t siasn_actor(const struct req *rq);

#endif
