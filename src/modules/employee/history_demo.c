/* history_demo.c - the histories of a demo employee (abdi demo): the diplomas its rank needs
 * (S-1 or D-IV enter at III/a; III/d is their cap, so IV/a needs an S-2 and IV/b an S-3, earned
 * while in service), a spouse for four in five, 0-3 children born after the marriage (two
 * counted for the family allowance, as PP 7/1977 counts), and 1-3 trainings with their hours,
 * one in the current year for most. Deterministic in n; rows go through the kinds' own
 * insert statements (prepared once, cached) without the JSON validation the API needs. */
#include "modules/employee/employee.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const universities[] = {
    "Universitas Sumatera Utara", "Universitas Negeri Medan", "Universitas Diponegoro",
    "Universitas Andalas", "Universitas Islam Sumatera Utara", "Universitas HKBP Nommensen",
    "Universitas Gadjah Mada", "Universitas Padjadjaran"};
static const char *const majors[] = {"Ilmu Administrasi Negara", "Akuntansi", "Ilmu Hukum",
                                     "Kesehatan Masyarakat", "Pendidikan Guru Sekolah Dasar",
                                     "Teknik Sipil", "Manajemen", "Ilmu Komputer", "Keperawatan"};
static const char *const first_l[] = {"Ahmad", "Budi", "Rizky", "Hendra", "Agus", "Dedi",
                                      "Fajar", "Irfan", "Joko", "Yusuf", "Rahmat", "Taufik"};
static const char *const first_p[] = {"Siti", "Dewi", "Nurul", "Rina", "Fitri", "Lestari",
                                      "Ayu", "Wulan", "Indah", "Putri", "Ratna", "Yuni"};
static const char *const surnames[] = {"Nasution", "Siregar", "Harahap", "Lubis", "Pohan",
                                       "Hasibuan", "Tanjung", "Batubara", "Ritonga", "Matondang"};
static const struct {
    const char *kind, *name, *organizer;
    int hours;
} trainings[] = {
    {"teknis", "Pelatihan Pengelolaan Arsip Dinamis", "BKPSDM Kota", 32},
    {"fungsional", "Pelatihan Jabatan Fungsional", "Lembaga Administrasi Negara", 40},
    {"bimtek", "Bimbingan Teknis Aplikasi SIASN", "Badan Kepegawaian Negara", 24},
    {"seminar", "Seminar Reformasi Birokrasi", "Pemerintah Provinsi Sumatera Utara", 8},
    {"manajerial", "Pelatihan Kepemimpinan Pengawas", "BPSDM Provinsi Sumatera Utara", 60},
    {"kursus", "Kursus Bahasa Inggris", "Lembaga Bahasa Universitas Sumatera Utara", 20},
};

struct demo_row {
    const struct history_kind *k;
    struct history_value v[HISTORY_MAX_FIELDS];
};

static void row_init(struct demo_row *r, const char *kind)
{
    memset(r, 0, sizeof *r);
    r->k = employee_history_kind(kind);
}

static void set_s(struct demo_row *r, const char *field, const char *s)
{
    int i = employee_history_field(r->k, field);

    r->v[i].present = 1;
    r->v[i].s = s;
}

static void set_i(struct demo_row *r, const char *field, int64_t n)
{
    int i = employee_history_field(r->k, field);

    r->v[i].present = 1;
    r->v[i].i = n;
}

static int row_insert(struct db *db, const struct demo_row *r, int64_t employee_id, int64_t now,
                      struct err *e)
{
    return employee_history_insert(db, r->k, employee_id, r->v, now, 0, NULL, e) ? -1 : 0;
}

static int education(struct db *db, int64_t id, long n, const char *level, int year,
                     int64_t now, struct err *e)
{
    struct demo_row r;
    char on[16], diploma[32];

    snprintf(on, sizeof on, "%04d-%02d-%02d", year, 7 + (int)(labs(n) % 3), 10 + (int)(labs(n) % 15));
    snprintf(diploma, sizeof diploma, "%s/%04d/%05ld", level, year, labs(n) % 100000);
    row_init(&r, "education");
    set_s(&r, "level_code", level);
    set_s(&r, "institution", universities[labs(n) % NELEM(universities)]);
    set_s(&r, "major", majors[labs(n) % NELEM(majors)]);
    set_s(&r, "graduated_on", on);
    set_s(&r, "diploma_number", diploma);
    return row_insert(db, &r, id, now, e);
}

static int person(struct db *db, int64_t id, const char *relation, const char *name,
                  const char *gender, const char *birth, const char *married, int allowance,
                  int64_t now, struct err *e)
{
    struct demo_row r;

    row_init(&r, "family");
    set_s(&r, "relation", relation);
    set_s(&r, "name", name);
    set_s(&r, "birth_date", birth);
    set_s(&r, "gender", gender);
    if (married)
        set_s(&r, "marriage_date", married);
    else
        set_s(&r, "child_kind", "kandung");
    set_i(&r, "allowance", allowance);
    set_s(&r, "life_state", "hidup");
    return row_insert(db, &r, id, now, e);
}

static int family(struct db *db, int64_t id, long n, int female, int by, struct employee_date today,
                  const char *surname, int64_t now, struct err *e)
{
    char name[96], birth[16], married[16];
    int my = by + 25 + (int)(labs(n) % 4), kids = (int)(labs(n) % 4);
    long m = labs(n);

    if (my > today.y - 1)
        my = today.y - 1;
    snprintf(married, sizeof married, "%04d-%02d-%02d", my, 1 + (int)(m % 12), 1 + (int)(m % 27));
    snprintf(name, sizeof name, "%s %s", female ? first_l[(m / 3) % NELEM(first_l)]
                                                : first_p[(m / 3) % NELEM(first_p)],
             surnames[(m / 5) % NELEM(surnames)]);
    snprintf(birth, sizeof birth, "%04d-%02d-%02d", by + (female ? -2 : 2) + (int)(m % 3) - 1,
             1 + (int)((m / 7) % 12), 1 + (int)((m / 11) % 28));
    if (person(db, id, female ? "suami" : "istri", name, female ? "L" : "P", birth, married, 1,
               now, e))
        return -1;
    for (int c = 0; c < kids; c++) {
        int cy = my + 1 + 2 * c, girl = (int)((m + (long)c) % 2);

        if (cy >= today.y)
            break; /* not born yet */
        snprintf(birth, sizeof birth, "%04d-%02d-%02d", cy, 1 + (int)((m + (long)c * 5) % 12),
                 1 + (int)((m + (long)c * 3) % 28));
        snprintf(name, sizeof name, "%s %s",
                 girl ? first_p[(m + (long)c) % NELEM(first_p)]
                      : first_l[(m + (long)c) % NELEM(first_l)],
                 surname);
        if (person(db, id, "anak", name, girl ? "P" : "L", birth, NULL, c < 2, now, e))
            return -1;
    }
    return 0;
}

static int training(struct db *db, int64_t id, long n, int appointed_year,
                    struct employee_date today, int64_t now, struct err *e)
{
    int count = 1 + (int)(labs(n) % 3);

    for (int t = 0; t < count; t++) {
        size_t at = (size_t)(labs(n) + t) % NELEM(trainings);
        int year = today.y - 2 * t, month = 1 + (int)((labs(n) + t) % 10);
        char start[16], end[16], cert[40];
        struct demo_row r;

        if (t == 0 && today.m > 2) /* this year's, done in January or February */
            month = 1 + (int)(labs(n) % 2);
        else if (t == 0)
            year--;
        if (year < appointed_year)
            break;
        snprintf(start, sizeof start, "%04d-%02d-%02d", year, month, 3 + (int)(labs(n) % 10));
        snprintf(end, sizeof end, "%04d-%02d-%02d", year, month, 13 + (int)(labs(n) % 10));
        snprintf(cert, sizeof cert, "SERT/%04d/%05ld/%d", year, labs(n) % 100000, t + 1);
        row_init(&r, "training");
        set_s(&r, "kind", trainings[at].kind);
        set_s(&r, "name", trainings[at].name);
        set_s(&r, "organizer", trainings[at].organizer);
        set_s(&r, "start_date", start);
        set_s(&r, "end_date", end);
        set_i(&r, "hours", trainings[at].hours);
        set_s(&r, "certificate_number", cert);
        if (row_insert(db, &r, id, now, e))
            return -1;
    }
    return 0;
}

static const char SQL_CACHE[] = "UPDATE employees SET education_level = $2 WHERE id = $1";

int employee_demo_histories(struct db *db, int64_t employee_id, long n, const struct employee *x,
                            int64_t now, struct err *e)
{
    struct employee_date today = employee_date_from_epoch(now), birth, appointed;
    const char *surname = strrchr(x->name, ' ');
    const char *top = labs(n) % 5 == 4 ? "D4" : "S1";
    struct db_stmt *st;
    int female = x->gender[0] == 'P', r;

    if (employee_date_parse(x->birth_date, &birth) ||
        employee_date_parse(x->appointed_on, &appointed)) {
        err_internal(e, "demo employee without dates");
        return -1;
    }
    /* the first diploma before the appointment; S-2 and S-3 in service, as the rank needs */
    if (education(db, employee_id, n, top, appointed.y - 1 < birth.y + 22 ? appointed.y - 1
                                                                           : birth.y + 22,
                  now, e))
        return -1;
    if (strcmp(x->golongan, "IV/a") == 0 || strcmp(x->golongan, "IV/b") == 0) {
        top = "S2";
        if (education(db, employee_id, n, top, appointed.y + 4, now, e))
            return -1;
    }
    if (strcmp(x->golongan, "IV/b") == 0) {
        top = "S3";
        if (education(db, employee_id, n, top, appointed.y + 10, now, e))
            return -1;
    }
    if (labs(n) % 5 != 3 && family(db, employee_id, n, female, birth.y, today,
                                   surname ? surname + 1 : x->name, now, e))
        return -1;
    if (training(db, employee_id, n, appointed.y, today, now, e))
        return -1;
    if (db_prepare(db, SQL_CACHE, &st, e))
        return -1;
    db_bind_int(st, 1, employee_id);
    db_bind_text(st, 2, top);
    r = db_step(st, e);
    db_reset(st);
    return r < 0 ? -1 : 0;
}
