/* siasn.h - BKN's "Export Data ASN" file into Abdi (issue 7, siasn.md §2): the columns and the
 * pure row rules (rules.c), the import that matches, creates, fills and lists differences
 * (import.c), and the API with the reconciliation of the differences (api.c).
 * docs/api-siasn-import.md describes the behaviour and the mapping of SIASN's codes. */
#ifndef ABDI_SIASN_H
#define ABDI_SIASN_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "db/db.h"
#include "http/http.h"
#include "modules/employee/employee.h"
#include "report/csv_read.h"

/* The 65 columns of siasn.md §2, in the export's order, then the two later exports add
 * (eselon_id, nama_sekolah: siasn.md §2 "later exports may add columns"): X(name, required,
 * flags). Required columns must be in the header (the values of most of them must also be
 * filled: rules.c). */
/* clang-format off */
#define SIASN_COLUMNS(X)                                                                      \
    X(pns_id, 1, 0) X(nip_baru, 1, 0) X(nip_lama, 0, 0) X(nama, 1, 0) X(gelar_depan, 0, 0)    \
    X(gelar_belakang, 0, 0) X(tempat_lahir_id, 0, 0) X(tempat_lahir_nama, 1, 0)               \
    X(tanggal_lahir, 1, CSV_COL_DATE_DMY) X(jenis_kelamin, 1, 0) X(agama_id, 0, 0)            \
    X(agama_nama, 0, 0) X(jenis_kawin_id, 0, 0) X(jenis_kawin_nama, 0, 0) X(nik, 1, 0)        \
    X(nomor_hp, 0, 0) X(email, 0, 0) X(email_gov, 0, 0) X(alamat, 0, 0) X(npwp_nomor, 0, 0)   \
    X(bpjs, 0, 0) X(jenis_pegawai_id, 0, 0) X(jenis_pegawai_nama, 0, 0)                       \
    X(kedudukan_hukum_id, 0, 0) X(kedudukan_hukum_nama, 0, 0) X(status_cpns_pns, 0, 0)        \
    X(kartu_asn_virtual, 0, 0) X(nomor_sk_cpns, 0, 0) X(tanggal_sk_cpns, 0, CSV_COL_DATE_DMY) \
    X(tmt_cpns, 0, CSV_COL_DATE_DMY) X(nomor_sk_pns, 0, 0)                                    \
    X(tanggal_sk_pns, 0, CSV_COL_DATE_DMY) X(tmt_pns, 0, CSV_COL_DATE_DMY)                    \
    X(gol_awal_id, 0, 0) X(gol_awal_nama, 0, 0) X(gol_akhir_id, 1, 0) X(gol_akhir_nama, 0, 0) \
    X(tmt_golongan, 1, CSV_COL_DATE_DMY) X(mk_tahun, 0, 0) X(mk_bulan, 0, 0)                  \
    X(jenis_jabatan_id, 0, 0) X(jenis_jabatan_nama, 0, 0) X(jabatan_id, 0, 0)                 \
    X(jabatan_nama, 1, 0) X(tmt_jabatan, 0, CSV_COL_DATE_DMY) X(tingkat_pendidikan_id, 0, 0)  \
    X(tingkat_pendidikan_nama, 0, 0) X(pendidikan_id, 0, 0) X(pendidikan_nama, 0, 0)          \
    X(tahun_lulus, 0, 0) X(kpkn_id, 0, 0) X(kpkn_nama, 0, 0) X(lokasi_kerja_id, 0, 0)         \
    X(lokasi_kerja_nama, 0, 0) X(unor_id, 1, 0) X(unor_nama, 1, 0) X(instansi_induk_id, 0, 0) \
    X(instansi_induk_nama, 0, 0) X(instansi_kerja_id, 0, 0) X(instansi_kerja_nama, 0, 0)      \
    X(satuan_kerja_induk_id, 0, 0) X(satuan_kerja_induk_nama, 0, 0)                           \
    X(satuan_kerja_kerja_id, 0, 0) X(satuan_kerja_kerja_nama, 0, 0) X(is_valid_nik, 0, 0)     \
    X(eselon_id, 0, 0) X(nama_sekolah, 0, 0)
/* clang-format on */

#define SIASN_COL_ENUM(name, req, flags) SC_##name,
enum siasn_col { SIASN_COLUMNS(SIASN_COL_ENUM) SIASN_NCOLS };
#undef SIASN_COL_ENUM

/* The declared columns for csv_reader_open (SIASN_NCOLS of them, index = enum siasn_col). */
extern const struct csv_col siasn_columns[];
/* The reader options of an export: apostrophes and "null" cleaned, separator detected. */
extern const struct csv_read_options siasn_read_options;

/* ---- rules.c (pure) ---- */

/* A golongan of the reference table: Abdi's code, "pns"/"pppk", SIASN's code (or NULL). */
struct siasn_golongan {
    const char *code, *kind, *siasn_id;
};

/* An education level of the reference (education_levels): Abdi's code, SIASN's tingkat
 * pendidikan code (or NULL). */
struct siasn_education {
    const char *code, *siasn_id;
};

/* What the row rules know besides the row. */
struct siasn_context {
    struct employee_date today;
    const struct siasn_golongan *golongan;
    size_t ngolongan;
    const struct siasn_education *education;
    size_t neducation;
};

/* One row, cleaned: NULL when empty. Text points into the reader's row (or static text). */
struct siasn_row {
    long line;
    const char *pns_id, *nip, *name, *gelar_depan, *gelar_belakang, *birth_place, *birth_date;
    const char *gender; /* "L" / "P" (from M/F, 1/2, L/P) */
    const char *nik, *phone, *email, *address;
    const char *religion, *marital; /* Abdi's values (employees.religion, marital_status) */
    const char *status;             /* CPNS, PNS, PPPK */
    const char *status_given;       /* status when the row says it (jenis_pegawai_nama or
                                       status_cpns_pns), else NULL: only then compared */
    const char *state;              /* from kedudukan_hukum_id (siasn_state), NULL when not given */
    const char *gol_id;             /* gol_akhir_id as in the file */
    const char *golongan;           /* Abdi's code of gol_id (set by siasn_row_check) */
    const char *tmt_golongan, *jenis_jabatan_id, *jabatan_id, *jabatan_nama, *tmt_jabatan;
    const char *unor_id, *unor_nama;
    const char *eselon_id;
    /* education: tingkat_pendidikan_id as in the file, Abdi's level code of it (set by
     * siasn_row_check; NULL when the row has no education to store), the programme
     * (pendidikan_id, pendidikan_nama), the school (nama_sekolah), tahun_lulus */
    const char *edu_level_id, *edu_level, *pendidikan_id, *pendidikan_nama, *school;
    const char *tahun_lulus;
    char appointed_on[11]; /* TMT CPNS from the NIP (PPPK: 1 January of the year) */
};

/* values[SIASN_NCOLS] (a csv_row's values) into *x, with the gender and status mapped. */
void siasn_row_read(const char *const *values, long line, struct siasn_row *x);
/* "L"/"P" for M, F, L, P, 1, 2 (any case, also laki-laki / perempuan); NULL otherwise. */
const char *siasn_gender(const char *v);
/* Abdi's religion / marital status of SIASN's agama / jenis kawin (by id, else by name, e.g.
 * 3 or "Katholik" -> "Katolik", 2 or "Menikah" -> "kawin"); NULL when unknown or empty. */
const char *siasn_religion(const char *id, const char *name);
const char *siasn_marital(const char *id, const char *name);
/* Employment state of a kedudukan hukum code (siasn.md §3): 01 active, 02 cltn, 98 and 99
 * retired, 66 dismissed; any other code active with *warn = 1; NULL (and no warning) when
 * v is NULL. Leading zeros are not required ("1" = "01"). */
const char *siasn_state(const char *v, int *warn);
/* CPNS, PNS or PPPK from jenis_pegawai_nama, status_cpns_pns and the NIP's shape. */
const char *siasn_status(const char *jenis_pegawai_nama, const char *status_cpns_pns,
                         const char *nip);
/* The golongan of code (SIASN's id, or Abdi's own code); NULL when unknown. */
const struct siasn_golongan *siasn_golongan_find(const struct siasn_context *cx, const char *code);
/* The education level of a tingkat pendidikan code (SIASN's, one digit taken as "0d", or
 * Abdi's own code); NULL when unknown. */
const struct siasn_education *siasn_education_find(const struct siasn_context *cx,
                                                   const char *code);
/* The position kind (org_position_kinds) of a position the import creates, from SIASN's
 * jenis jabatan, eselon and the position's name (siasn.md §3): an eselon 1x-4x decides (10
 * jpt_utama, 11/12 jpt_madya, 2x jpt_pratama, 3x administrator, 4x pengawas); otherwise
 * fungsional tertentu (2) by the level in the name (ahli utama/madya/muda/pertama, penyelia,
 * mahir or pelaksana lanjutan, terampil, pemula; ahli_pertama when none), rangkap (3) by the
 * level when the name has one, struktural (1: eselon V, non-eselon or none given) pengawas,
 * anything else pelaksana. Never NULL. */
const char *siasn_position_kind(const char *jenis_jabatan_id, const char *eselon_id,
                                const char *jabatan_nama);
/* Check a row by domain.md's rules: every problem goes into rep as an error (line, column in
 * SIASN's name, message in Bahasa Indonesia) or a warning (NIK, contact fields: those are
 * dropped, kedudukan hukum, education half given). Sets x->golongan, x->appointed_on and
 * (education to store) x->edu_level. 0 good, 1 bad. */
int siasn_row_check(struct siasn_row *x, const struct siasn_context *cx, struct csv_report *rep);

/* How a value of the file relates to Abdi's. */
enum siasn_cmp {
    SIASN_SAME,   /* equal, or SIASN has none */
    SIASN_FILL,   /* Abdi has none: take SIASN's */
    SIASN_DIFFER, /* both have one and they differ */
};
/* ci: compare ASCII case-insensitively (names: SIASN writes them in capitals). */
enum siasn_cmp siasn_compare(const char *abdi, const char *siasn, int ci);

/* ---- import.c ---- */
struct siasn_import {
    int dry_run, prefer_siasn;
    int64_t import_id; /* the siasn_imports row of a real run */
    long created, updated, unchanged, differing, units_created, positions_created;
    long differences_total;
    json_t *differences; /* [{"nip","field","abdi","siasn"}], the first SIASN_DIFF_KEEP */
    struct csv_report *rep;
    void (*progress)(void *ctx, const char *phase, long done, long total);
    void *progress_ctx;
};
#define SIASN_DIFF_KEEP 1000

/* Read, check and (unless dry_run, and only when every row is good) write the export as
 * rq's user inside the caller's transaction. Row problems go into imp->rep; the return is an
 * error only for storage and internal failures (the caller rolls back). */
enum err_code siasn_import_csv(struct req *rq, const char *data, size_t len,
                               struct siasn_import *imp, struct err *e) ABDI_MUST_CHECK;
/* The answer of POST /api/v1/imports/siasn. */
json_t *siasn_import_json(const struct siasn_import *imp);
/* The audit "after" of an import: its counts. */
json_t *siasn_import_counts(const struct siasn_import *imp);
/* Apply the choice ("siasn" or "abdi") of one open difference (its id), recording who and
 * when; ERR_NOT_FOUND when it is not an open difference. *before / *after describe it. */
enum err_code siasn_difference_decide(struct req *rq, int64_t id, const char *choice,
                                      json_t **before, json_t **after,
                                      struct err *e) ABDI_MUST_CHECK;

extern const struct route siasn_routes[];

#endif
