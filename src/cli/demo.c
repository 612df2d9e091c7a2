/* demo.c - `abdi demo`: a realistic city government on an empty database: 36 units, the
 * seven documented accounts, and N employees (a record with valid NIP/NIK, rank and position
 * history, and an account each), all in one audited transaction. Sets demo_mode (allows the
 * published demo passwords) and relaxes the admin TOTP requirement, which a real installation
 * keeps on. */
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
#include "modules/employee/employee.h"
#include "modules/attendance/attendance.h"
#include "modules/calendar/calendar.h"
#include "modules/flexwork/flexwork.h"
#include "modules/proposal/proposal.h"
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

static const char *const first_l[] = {"Ahmad", "Budi", "Rizky", "Hendra", "Agus", "Dedi",
                                      "Fajar", "Irfan", "Joko", "Yusuf", "Rahmat", "Taufik"};
static const char *const first_p[] = {"Siti", "Dewi", "Nurul", "Rina", "Fitri", "Lestari",
                                      "Ayu", "Wulan", "Indah", "Putri", "Ratna", "Yuni"};
static const char *const family[] = {"Nasution", "Siregar", "Harahap", "Lubis", "Simanjuntak",
                                     "Pratama", "Saputra", "Wijaya", "Hidayat", "Santoso",
                                     "Purba", "Sitompul", "Rangkuti", "Daulay"};
static const char *const places[] = {"Medan", "Tanjungbalai", "Pematangsiantar", "Binjai",
                                     "Kisaran", "Semarang", "Padang", "Sibolga"};
/* PNS ranks a demo career passes through: III/a at appointment, one step per 4 years. */
static const char *const ranks[] = {"III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Demo employee n (1-based) as a record in unit_id. Unique NIPs by construction: birth year
 * n % 36, sequence (n / 36) % 999, birth month n / 35,964 (so up to 431,568 people).
 * n <= 0 is the record of named demo account -n: born on a 29th, a day the numbered
 * records never use, so the NIPs stay unique. */
static int demo_employee(struct db *db, long n, const char *name_as, int64_t unit_id,
                         int64_t position_id, int this_year, int64_t now, int64_t *id_out,
                         struct err *e)
{
    long seq = n > 0 ? (n / 36) % 999 + 1 : 1 - n;
    int female = n % 2 == 0;
    int by = n > 0 ? 1965 + (int)(n % 36) : 1976 + 2 * (int)-n;
    int bm = n > 0 ? 1 + (int)((n / (36 * 999)) % 12) : 2 - (int)n; /* never February */
    int bd = n > 0 ? 1 + (int)(n * 7 % 28) : 29;
    int ty = by + 23 + (int)labs(n % 7), tm = 1 + (int)labs(n % 12), steps;
    char nip[48], nik[48], birth[32], tmt[32], rank_tmt[32], name[80];
    struct employee x;

    if (ty > this_year - 1)
        ty = this_year - 1;
    steps = (this_year - 1 - ty) / 4;
    if (steps >= (int)NELEM(ranks))
        steps = (int)NELEM(ranks) - 1;
    snprintf(birth, sizeof birth, "%04d-%02d-%02d", by, bm, bd);
    snprintf(tmt, sizeof tmt, "%04d-%02d-01", ty, tm);
    snprintf(rank_tmt, sizeof rank_tmt, "%04d-%02d-01", ty + 4 * steps, tm);
    snprintf(nip, sizeof nip, "%04d%02d%02d%04d%02d%d%03ld", by, bm, bd, ty, tm, female ? 2 : 1,
             seq);
    snprintf(nik, sizeof nik, "127501%02d%02d%02d%04ld", bd + (female ? 40 : 0), bm, by % 100,
             labs(n) % 9999 + 1);
    snprintf(name, sizeof name, "%s %s", female ? first_p[labs(n) % NELEM(first_p)]
                                                : first_l[labs(n) % NELEM(first_l)],
             family[(labs(n) / 2) % NELEM(family)]);
    memset(&x, 0, sizeof x);
    x.nip = nip;
    x.nik = nik;
    x.name = name_as ? name_as : name;
    x.birth_place = places[n % NELEM(places)];
    x.birth_date = birth;
    x.gender = female ? "P" : "L";
    x.status = "PNS";
    x.state = "active";
    x.appointed_on = tmt;
    x.unit_id = unit_id;
    x.position_id = position_id;
    x.golongan = ranks[steps];
    x.tmt_golongan = rank_tmt;
    x.tmt_jabatan = tmt;
    if (employee_insert(db, &x, now, id_out, e))
        return -1;
    return employee_demo_histories(db, *id_out, n, &x, now, e);
}

static int64_t unit_id_of(const int64_t *ids, const char *code)
{
    for (size_t i = 0; i < DEMO_UNITS; i++)
        if (strcmp(demo_units[i].code, code) == 0)
            return ids[i];
    return 0;
}

/* The unit's demo position, created the first time a record needs it. */
static int unit_position(struct db *db, int64_t unit_id, int64_t *position_id, int64_t now,
                         struct err *e)
{
    struct org_position p = {0, unit_id, "Pelaksana", "pelaksana", 5, 0, 58, NULL};

    if (*position_id)
        return 0;
    return org_position_insert(db, &p, now, position_id, e) ? -1 : 0;
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
    char extra_name[64], extra_user[32], hash[AUTH_HASH_MAX], year[8];
    int64_t positions[DEMO_UNITS] = {0};
    int this_year;

    for (size_t i = 0; i < DEMO_UNITS; i++) {
        struct org_unit u = {0, 0, demo_units[i].code, demo_units[i].name, demo_units[i].kind};

        u.parent_id = demo_units[i].parent ? unit_id_of(ids, demo_units[i].parent) : 0;
        if (org_unit_insert(db, &u, now, &ids[i], e))
            return -1;
    }
    if (org_demo_positions(db, ids, DEMO_UNITS, positions, now, e))
        return -1;
    clock_rfc3339(now, year, sizeof year);
    this_year = (int)strtol(year, NULL, 10);
    for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++) {
        int64_t unit = unit_id_of(ids, demo_users[i].unit), emp, post;
        size_t at = 0;

        if (auth_user_create(db, demo_users[i].username, demo_users[i].name, password,
                             demo_users[i].roles, unit, 0, now, &uid, e))
            return -1;
        if (!(demo_users[i].roles & ROLE_PEGAWAI))
            continue; /* the system administrator is not an employee of the city */
        while (ids[at] != unit)
            at++;
        post = positions[at]; /* a supervisor holds the post above the unit's pelaksana */
        if (unit_position(db, ids[at], &post, now, e) ||
            ((demo_users[i].roles & ROLE_ATASAN) && org_position_supervisor(db, post, &post, e)) ||
            demo_employee(db, -(long)i, demo_users[i].name, unit, post, this_year, now, &emp, e) ||
            auth_user_link_employee(db, uid, emp, e))
            return -1;
    }
    if (employees && auth_password_hash(password, hash, e))
        return -1;
    for (long n = 1; n <= employees; n++) {
        /* spread over the units below the city; one account (same password) per record */
        size_t at = 1 + (size_t)(n % (long)(DEMO_UNITS - 1));
        int64_t emp;

        if (unit_position(db, ids[at], &positions[at], now, e) ||
            demo_employee(db, n, NULL, ids[at], positions[at], this_year, now, &emp, e))
            return -1;
        snprintf(extra_user, sizeof extra_user, "pegawai%05ld", n);
        snprintf(extra_name, sizeof extra_name, "Pegawai Demo %05ld", n);
        if (auth_user_insert(db, extra_user, extra_name, hash, ROLE_PEGAWAI, ids[at], emp, 0,
                             now, &uid, e))
            return -1;
        progress("pegawai demo", n, employees);
    }
    if (proposal_demo_seed(db, now, e) ||
        calendar_demo_seed(db, now, e) ||
        flexwork_demo_seed(db, now, e) ||
        att_demo_seed(db, "DINKES", now, e) ||
        db_setting_set(db, "demo_mode", "1", e) ||
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
