/* demo.c - `abdi demo`: a realistic city government on an empty database: 36 units, the
 * seven documented accounts, and N extra employee accounts, all in one audited
 * transaction. Sets demo_mode (allows the published demo passwords) and relaxes the
 * admin TOTP requirement, which a real installation keeps on. */
#include "cli/cli.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/clock.h"
#include "core/str.h"
#include "db/db.h"
#include "modules/org/org.h"

static const struct {
    const char *code, *name, *kind, *parent;
} demo_units[] = {
    {"PEMKOT", "Pemerintah Kota Demo", "pemerintah", NULL},
    {"SETDA", "Sekretariat Daerah", "sekretariat", "PEMKOT"},
    {"SETDA.PEM", "Bagian Pemerintahan", "bagian", "SETDA"},
    {"SETDA.HUK", "Bagian Hukum", "bagian", "SETDA"},
    {"SETDA.ORG", "Bagian Organisasi", "bagian", "SETDA"},
    {"SETWAN", "Sekretariat DPRD", "sekretariat", "PEMKOT"},
    {"INSPEKTORAT", "Inspektorat", "inspektorat", "PEMKOT"},
    {"BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan", "PEMKOT"},
    {"BKPSDM.MUT", "Bidang Mutasi dan Promosi", "bidang", "BKPSDM"},
    {"BKPSDM.PKP", "Bidang Pengembangan Kompetensi Pegawai", "bidang", "BKPSDM"},
    {"BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "badan", "PEMKOT"},
    {"BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "badan", "PEMKOT"},
    {"BPBD", "Badan Penanggulangan Bencana Daerah", "badan", "PEMKOT"},
    {"DINKES", "Dinas Kesehatan", "dinas", "PEMKOT"},
    {"DINKES.YANKES", "Bidang Pelayanan Kesehatan", "bidang", "DINKES"},
    {"DINKES.P2P", "Bidang Pencegahan dan Pengendalian Penyakit", "bidang", "DINKES"},
    {"DINKES.PKM1", "Puskesmas Kota Utara", "puskesmas", "DINKES"},
    {"DINKES.PKM2", "Puskesmas Kota Selatan", "puskesmas", "DINKES"},
    {"RSUD", "Rumah Sakit Umum Daerah", "rsud", "PEMKOT"},
    {"DISDIK", "Dinas Pendidikan", "dinas", "PEMKOT"},
    {"DISDIK.SD", "Bidang Pembinaan Sekolah Dasar", "bidang", "DISDIK"},
    {"DISDIK.SMP", "Bidang Pembinaan Sekolah Menengah Pertama", "bidang", "DISDIK"},
    {"DISDIK.SDN1", "SD Negeri 1", "sekolah", "DISDIK"},
    {"DISDIK.SMPN1", "SMP Negeri 1", "sekolah", "DISDIK"},
    {"DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", "PEMKOT"},
    {"DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", "PEMKOT"},
    {"DISHUB", "Dinas Perhubungan", "dinas", "PEMKOT"},
    {"DLH", "Dinas Lingkungan Hidup", "dinas", "PEMKOT"},
    {"DINSOS", "Dinas Sosial", "dinas", "PEMKOT"},
    {"DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", "PEMKOT"},
    {"SATPOLPP", "Satuan Polisi Pamong Praja", "satpol", "PEMKOT"},
    {"KEC.UTARA", "Kecamatan Kota Utara", "kecamatan", "PEMKOT"},
    {"KEC.UTARA.KEL1", "Kelurahan Sei Merbau", "kelurahan", "KEC.UTARA"},
    {"KEC.SELATAN", "Kecamatan Kota Selatan", "kecamatan", "PEMKOT"},
    {"KEC.SELATAN.KEL1", "Kelurahan Pahang", "kelurahan", "KEC.SELATAN"},
    {"KEC.DATUK", "Kecamatan Datuk Bandar", "kecamatan", "PEMKOT"},
};

static const struct {
    const char *username, *name, *unit;
    unsigned roles;
} demo_users[] = {
    {"superadmin", "Administrator Sistem", "PEMKOT", ROLE_SUPERADMIN},
    {"bkpsdm", "Rahmat Hidayat, S.Kom.", "BKPSDM", ROLE_ADMIN_BKPSDM | ROLE_PEGAWAI},
    {"pimpinan", "Dr. Hj. Siti Aminah, M.Si.", "SETDA", ROLE_PIMPINAN | ROLE_PEGAWAI},
    {"admin.dinkes", "Budi Santoso, S.E.", "DINKES", ROLE_ADMIN_UNIT | ROLE_PEGAWAI},
    {"atasan.dinkes", "dr. Lestari Wulandari, M.Kes.", "DINKES", ROLE_ATASAN | ROLE_PEGAWAI},
    {"pegawai.dinkes", "Andi Pratama, A.Md.Kep.", "DINKES", ROLE_PEGAWAI},
    {"pegawai.disdik", "Nurhayati, S.Pd.", "DISDIK", ROLE_PEGAWAI},
};

#define DEMO_UNITS (sizeof demo_units / sizeof demo_units[0])

static const char SQL_HAS_UNITS[] = "SELECT count(*) FROM units";

static int64_t unit_id_of(const int64_t *ids, const char *code)
{
    for (size_t i = 0; i < DEMO_UNITS; i++)
        if (strcmp(demo_units[i].code, code) == 0)
            return ids[i];
    return 0;
}

static void progress(const char *what, long done, long total)
{
    if (!isatty(2) || total <= 0)
        return;
    if (done == total || done % 50 == 0)
        fprintf(stderr, "\r%s: %ld/%ld (%ld%%)%s", what, done, total, done * 100 / total,
                done == total ? "\n" : "");
}

static int seed(struct db *db, const char *password, long employees, struct err *e)
{
    int64_t ids[DEMO_UNITS] = {0};
    int64_t now = clock_now(), uid;
    struct audit_entry ent;
    char extra_name[64], extra_user[32], hash[AUTH_HASH_MAX];

    for (size_t i = 0; i < DEMO_UNITS; i++) {
        struct org_unit u = {0, 0, demo_units[i].code, demo_units[i].name, demo_units[i].kind};

        u.parent_id = demo_units[i].parent ? unit_id_of(ids, demo_units[i].parent) : 0;
        if (org_unit_insert(db, &u, now, &ids[i], e))
            return -1;
    }
    for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++)
        if (auth_user_create(db, demo_users[i].username, demo_users[i].name, password,
                             demo_users[i].roles, unit_id_of(ids, demo_users[i].unit), 0, now,
                             &uid, e))
            return -1;
    if (employees && auth_password_hash(password, hash, e))
        return -1;
    for (long n = 1; n <= employees; n++) {
        /* spread over the units below the city; the same password for every demo account */
        size_t unit = 1 + (size_t)(n % (long)(DEMO_UNITS - 1));

        snprintf(extra_user, sizeof extra_user, "pegawai%05ld", n);
        snprintf(extra_name, sizeof extra_name, "Pegawai Demo %05ld", n);
        if (auth_user_insert(db, extra_user, extra_name, hash, ROLE_PEGAWAI, ids[unit], 0, now,
                             &uid, e))
            return -1;
        progress("pegawai demo", n, employees);
    }
    if (db_setting_set(db, "demo_mode", "1", e) ||
        db_setting_set(db, "auth.totp_required_for_admins", "0", e))
        return -1;
    memset(&ent, 0, sizeof ent);
    ent.action = "demo.create";
    ent.entity = "system";
    ent.entity_id = "demo";
    ent.after = json_pack("{s:i,s:I}", "units", (int)DEMO_UNITS, "users",
                          (json_int_t)(employees + (long)(sizeof demo_users / sizeof demo_users[0])));
    if (cli_audited(db, &ent, e)) {
        json_decref(ent.after);
        return -1;
    }
    json_decref(ent.after);
    return 0;
}

int cli_demo(const struct cli_global *g, int argc, char **argv)
{
    const char *password = NULL;
    char generated[24];
    long employees = 0;
    int64_t have = 0;
    struct db *db;
    struct err e;
    int rc;

    for (int i = 1; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int64_t n;

        if (strcmp(argv[i], "--password") == 0 && v) {
            password = v;
            i++;
        } else if (strcmp(argv[i], "--employees") == 0 && v) {
            if (parse_int64(v, strlen(v), 0, 1000000, &n))
                return cli_usage_error("--employees harus 0..1000000");
            employees = (long)n;
            i++;
        } else {
            return cli_usage_error("opsi tidak dikenal atau tanpa nilai: %s", argv[i]);
        }
    }
    password = cli_password_or_new(password, generated);
    rc = cli_open(g, 1, &db);
    if (rc)
        return rc;
    err_clear(&e);
    if (db_value_int(db, SQL_HAS_UNITS, NULL, 0, 0, &have, &e)) {
        db_close(db);
        return cli_fail("demo", &e);
    }
    if (have) {
        db_close(db);
        fprintf(stderr, "abdi: demo hanya untuk basis data kosong (%s sudah berisi data)\n",
                g->db_url);
        return 1;
    }
    if (db_begin(db, &e) || seed(db, password, employees, &e)) {
        db_rollback(db);
        db_close(db);
        return cli_fail("demo", &e);
    }
    db_close(db);
    printf("Data demo dibuat: %zu unit, %zu akun", DEMO_UNITS,
           sizeof demo_users / sizeof demo_users[0]);
    if (employees)
        printf(" dan %ld akun pegawai tambahan", employees);
    printf(".\nAkun (kata sandi semua: %s):\n", password);
    for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++)
        printf("  %-16s %s\n", demo_users[i].username, demo_users[i].name);
    sodium_memzero(generated, sizeof generated);
    return 0;
}
