/* rules_test.c - the rules of an "Export Data ASN" row: the header matched by name in any
 * order (a missing required column is one error naming it, an unknown one a warning), the
 * quirks (BOM, CRLF, ';' or ',', a leading apostrophe, null, dd-mm-yyyy, M/F and 1/2), the
 * code mappings (gender, kedudukan hukum, status, golongan) and the row checks (NIP against
 * birth date and gender, NI PPPK, NIK as a warning, golongan known and of the status, real
 * dates) with line, column and a message. Made-up people only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "modules/org/org.h"
#include "modules/siasn/siasn.h"

static const struct siasn_golongan gol[] = {
    {"III/a", "pns", "31"},
    {"III/b", "pns", "32"},
    {"IX", "pppk", NULL},
};

static const struct siasn_education edu[] = {
    {"SLTA", "15"},
    {"S1", "40"},
    {"S2", "45"},
};

static struct siasn_context ctx(void)
{
    struct siasn_context cx = {
        {2026, 11, 23}, gol, sizeof gol / sizeof gol[0], edu, sizeof edu / sizeof edu[0]};

    return cx;
}

#define HEADER                                                                                     \
    "pns_id;nip_baru;nama;tempat_lahir_nama;tanggal_lahir;jenis_kelamin;nik;gol_akhir_id;"         \
    "tmt_golongan;jabatan_nama;unor_id;unor_nama"
/* A man born 15 March 1985, CPNS January 2010. */
#define GOOD                                                                                       \
    "A1;198503152010011003;BUDI SANTOSO;Medan;15-03-1985;M;1275011503850001;31;"                   \
    "01-04-2014;Analis;U1;Dinas Uji"

struct fixture {
    struct arena *a;
    struct csv_report rep;
    struct csv_reader *r;
};

static struct csv_reader *open_csv(struct fixture *f, const char *text)
{
    f->a = arena_new();
    csv_report_init(&f->rep, f->a, 0);
    f->r = csv_reader_open(f->a, text, strlen(text), &siasn_read_options, siasn_columns,
                           SIASN_NCOLS, &f->rep);
    return f->r;
}

/* The first data row of text, read and checked: the result of siasn_row_check. */
static int check_one(struct fixture *f, const char *text, struct siasn_row *x)
{
    struct siasn_context cx = ctx();
    struct csv_row row;

    assert_non_null(open_csv(f, text));
    assert_int_equal(csv_reader_next(f->r, &row), 1);
    siasn_row_read(row.values, row.line, x);
    return siasn_row_check(x, &cx, &f->rep);
}

static void done(struct fixture *f)
{
    arena_free(f->a);
}

static void expect_error(const char *row, const char *column, const char *words)
{
    struct fixture f;
    struct siasn_row x;
    char text[1024];

    snprintf(text, sizeof text, HEADER "\n%s\n", row);
    assert_int_equal(check_one(&f, text, &x), 1);
    assert_true(f.rep.nerrors >= 1);
    assert_int_equal(f.rep.errors[0].line, 2);
    assert_string_equal(f.rep.errors[0].column, column);
    if (!strstr(f.rep.errors[0].message, words))
        fail_msg("message \"%s\" lacks \"%s\"", f.rep.errors[0].message, words);
    done(&f);
}

static void test_good_row(void **state)
{
    struct fixture f;
    struct siasn_row x;

    (void)state;
    assert_int_equal(check_one(&f, HEADER "\n" GOOD "\n", &x), 0);
    assert_int_equal(f.rep.errors_total, 0);
    assert_int_equal(f.rep.warnings_total, 0);
    assert_string_equal(x.nip, "198503152010011003");
    assert_string_equal(x.birth_date, "1985-03-15");
    assert_string_equal(x.tmt_golongan, "2014-04-01");
    assert_string_equal(x.gender, "L");
    assert_string_equal(x.status, "PNS");
    assert_null(x.status_given); /* the file does not say: never compared */
    assert_string_equal(x.golongan, "III/a");
    assert_string_equal(x.appointed_on, "2010-01-01");
    assert_null(x.state);
    assert_null(x.gelar_depan);
    done(&f);
}

/* Columns in another order, ',' separators, a BOM, CRLF, an apostrophe, null, 2 for women,
 * an unknown extra column (a warning), a quoted name with a newline. */
static void test_quirks(void **state)
{
    static const char text[] =
        "\xEF\xBB\xBF"
        "unor_nama,unor_id,jabatan_nama,tmt_golongan,gol_akhir_id,nik,jenis_kelamin,"
        "tanggal_lahir,tempat_lahir_nama,nama,nip_baru,pns_id,kolom_baru,gelar_depan,alamat\r\n"
        "Dinas Uji,U1,Analis,01-04-2014,'32,'1275015503850002,2,15-03-1985,Medan,"
        "\"AMINAH, SITI\",'198503152010012004,A2,SMA 1,null,\"Jl. Uji 1\r\nMedan\"\r\n";
    struct fixture f;
    struct siasn_row x;

    (void)state;
    assert_int_equal(check_one(&f, text, &x), 0);
    assert_int_equal(csv_reader_delim(f.r), ',');
    assert_string_equal(x.nip, "198503152010012004");
    assert_string_equal(x.nik, "1275015503850002");
    assert_string_equal(x.gender, "P");
    assert_string_equal(x.golongan, "III/b");
    assert_null(x.gelar_depan);
    assert_string_equal(x.name, "AMINAH, SITI");
    assert_string_equal(x.address, "Jl. Uji 1\nMedan");
    assert_int_equal(f.rep.warnings_total, 1);
    assert_string_equal(f.rep.warnings[0].column, "kolom_baru");
    done(&f);
}

static void test_missing_column(void **state)
{
    struct fixture f;

    (void)state;
    assert_null(open_csv(&f, "pns_id;nip_baru;nama;tempat_lahir_nama;tanggal_lahir;"
                             "jenis_kelamin;nik;tmt_golongan;jabatan_nama;unor_id;unor_nama\n" GOOD
                             "\n"));
    assert_int_equal(f.rep.errors_total, 1);
    assert_string_equal(f.rep.errors[0].column, "gol_akhir_id");
    assert_int_equal(f.rep.errors[0].line, 1);
    done(&f);
}

static void test_bad_rows(void **state)
{
    (void)state;
    /* not 18 digits */
    expect_error("A1;19850315201001100;BUDI;Medan;15-03-1985;M;1275011503850001;31;"
                 "01-04-2014;Analis;U1;Dinas",
                 "nip_baru", "NIP");
    /* NIP says 15 March 1985, the row 16 March */
    expect_error("A1;198503152010011003;BUDI;Medan;16-03-1985;M;1275011603850001;31;"
                 "01-04-2014;Analis;U1;Dinas",
                 "nip_baru", "");
    /* NIP says a man, the row a woman */
    expect_error("A1;198503152010011003;BUDI;Medan;15-03-1985;F;1275015503850001;31;"
                 "01-04-2014;Analis;U1;Dinas",
                 "nip_baru", "");
    expect_error("A1;198503152010011003;BUDI;Medan;15-03-1985;M;1275011503850001;99;"
                 "01-04-2014;Analis;U1;Dinas",
                 "gol_akhir_id", "tidak dikenal");
    /* a PPPK golongan for a PNS */
    expect_error("A1;198503152010011003;BUDI;Medan;15-03-1985;M;1275011503850001;IX;"
                 "01-04-2014;Analis;U1;Dinas",
                 "gol_akhir_id", "status");
    expect_error("A1;198503152010011003;BUDI;Medan;31-02-1985;M;1275011503850001;31;"
                 "01-04-2014;Analis;U1;Dinas",
                 "tanggal_lahir", "Tanggal tidak valid");
    expect_error("A1;198503152010011003;BUDI;Medan;15-03-1985;M;1275011503850001;31;"
                 "31-04-2014;Analis;U1;Dinas",
                 "tmt_golongan", "Tanggal tidak valid");
    expect_error("A1;198503152010011003;BUDI;Medan;15-03-1985;M;1275011503850001;31;"
                 "01-04-2009;Analis;U1;Dinas",
                 "tmt_golongan", "sebelum");
    expect_error("A1;198503152010011003;BUDI;Medan;15-03-1985;X;1275011503850001;31;"
                 "01-04-2014;Analis;U1;Dinas",
                 "jenis_kelamin", "M/F");
    expect_error("A1;198503152010011003;null;Medan;15-03-1985;M;1275011503850001;31;"
                 "01-04-2014;Analis;U1;Dinas",
                 "nama", "wajib");
    expect_error("A1;198503152010011003;BUDI;Medan;15-03-1985;M;1275011503850001;31;"
                 "01-04-2014;Analis;;Dinas",
                 "unor_id", "wajib");
}

static void test_pppk(void **state)
{
    struct fixture f;
    struct siasn_row x;

    (void)state;
    assert_int_equal(check_one(&f,
                               HEADER "\nA3;199001012022211001;RINA;Medan;01-01-1990;1;"
                                      "1275010101900001;IX;01-03-2022;Guru;U1;Dinas\n",
                               &x),
                     0);
    assert_string_equal(x.status, "PPPK");
    assert_string_equal(x.golongan, "IX");
    assert_string_equal(x.appointed_on, "2022-01-01");
    done(&f);
    /* an NI PPPK with a PNS golongan */
    expect_error("A3;199001012022211001;RINA;Medan;01-01-1990;1;1275010101900001;31;"
                 "01-03-2022;Guru;U1;Dinas",
                 "gol_akhir_id", "status");
    /* an NI PPPK whose birth date disagrees */
    expect_error("A3;199001012022211001;RINA;Medan;02-01-1990;1;1275010201900001;IX;"
                 "01-03-2022;Guru;U1;Dinas",
                 "nip_baru", "");
}

/* A NIK that disagrees with the birth date, or is malformed, is a warning, not an error. */
static void test_nik_warning(void **state)
{
    struct fixture f;
    struct siasn_row x;

    (void)state;
    assert_int_equal(check_one(&f,
                               HEADER "\nA1;198503152010011003;BUDI;Medan;15-03-1985;M;"
                                      "1275011603850001;31;01-04-2014;Analis;U1;Dinas\n",
                               &x),
                     0);
    assert_int_equal(f.rep.warnings_total, 1);
    assert_string_equal(f.rep.warnings[0].column, "nik");
    done(&f);
    assert_int_equal(check_one(&f,
                               HEADER "\nA1;198503152010011003;BUDI;Medan;15-03-1985;M;"
                                      "12345;31;01-04-2014;Analis;U1;Dinas\n",
                               &x),
                     0);
    assert_int_equal(f.rep.warnings_total, 1);
    done(&f);
}

static void test_mappings(void **state)
{
    int warn = 0;
    struct siasn_context cx = ctx();

    (void)state;
    assert_string_equal(siasn_gender("M"), "L");
    assert_string_equal(siasn_gender("f"), "P");
    assert_string_equal(siasn_gender("1"), "L");
    assert_string_equal(siasn_gender("2"), "P");
    assert_string_equal(siasn_gender("L"), "L");
    assert_string_equal(siasn_gender("Perempuan"), "P");
    assert_null(siasn_gender("3"));
    assert_null(siasn_gender(NULL));
    assert_string_equal(siasn_state("01", &warn), "active");
    assert_int_equal(warn, 0);
    assert_string_equal(siasn_state("1", &warn), "active");
    assert_string_equal(siasn_state("02", &warn), "cltn");
    assert_string_equal(siasn_state("99", &warn), "retired");
    assert_string_equal(siasn_state("98", &warn), "retired");
    assert_string_equal(siasn_state("66", &warn), "dismissed");
    assert_int_equal(warn, 0);
    assert_string_equal(siasn_state("03", &warn), "active");
    assert_int_equal(warn, 1);
    assert_null(siasn_state(NULL, &warn));
    assert_int_equal(warn, 0);
    assert_string_equal(siasn_status("PNS Daerah", "P", "198503152010011003"), "PNS");
    assert_string_equal(siasn_status(NULL, "C", "198503152010011003"), "CPNS");
    assert_string_equal(siasn_status("PPPK", NULL, "198503152010011003"), "PPPK");
    assert_string_equal(siasn_status(NULL, NULL, "199001012022211001"), "PPPK");
    assert_string_equal(siasn_golongan_find(&cx, "31")->code, "III/a");
    assert_string_equal(siasn_golongan_find(&cx, "III/b")->code, "III/b");
    assert_null(siasn_golongan_find(&cx, "41"));
    assert_int_equal(siasn_compare("Budi", "BUDI", 1), SIASN_SAME);
    assert_int_equal(siasn_compare("Budi", "BUDI", 0), SIASN_DIFFER);
    assert_int_equal(siasn_compare(NULL, "x", 0), SIASN_FILL);
    assert_int_equal(siasn_compare("x", NULL, 0), SIASN_SAME);
}

/* The 65 columns of siasn.md in its order, then the two later exports add (optional). */
static void test_columns(void **state)
{
    (void)state;
    assert_int_equal(SIASN_NCOLS, 67);
    assert_string_equal(siasn_columns[0].name, "pns_id");
    assert_string_equal(siasn_columns[SC_tmt_golongan].name, "tmt_golongan");
    assert_true(siasn_columns[SC_tanggal_lahir].flags & CSV_COL_DATE_DMY);
    assert_string_equal(siasn_columns[64].name, "is_valid_nik");
    assert_string_equal(siasn_columns[SC_eselon_id].name, "eselon_id");
    assert_string_equal(siasn_columns[SC_nama_sekolah].name, "nama_sekolah");
    assert_false(siasn_columns[SC_eselon_id].flags & CSV_COL_REQUIRED);
    assert_false(siasn_columns[SC_nama_sekolah].flags & CSV_COL_REQUIRED);
}

/* siasn.md §3: the kind of a position the import creates, from jenis jabatan, eselon and the
 * level in a functional position's name (org's kinds; the BUP follows the kind). */
static void test_position_kind(void **state)
{
    static const struct {
        const char *id, *jenis, *eselon, *name, *kind;
        int bup;
    } v[] = {
        {"pk-1", "1", "10", "Sekretaris Daerah", "jpt_utama", 60},
        {"pk-2", "1", "11", "Kepala Badan", "jpt_madya", 60},
        {"pk-3", "1", "12", "Deputi", "jpt_madya", 60},
        {"pk-4", "1", "21", "Kepala Dinas Kesehatan", "jpt_pratama", 60},
        {"pk-5", "1", "22", "Asisten", "jpt_pratama", 60},
        {"pk-6", "1", "31", "Sekretaris Dinas", "administrator", 58},
        {"pk-7", "1", "32", "Kepala Bidang", "administrator", 58},
        {"pk-8", "1", "41", "Kepala Seksi", "pengawas", 58},
        {"pk-9", "1", "42", "Kepala Subbagian", "pengawas", 58},
        {"pk-10", "1", NULL, "Kepala Seksi", "pengawas", 58},
        {"pk-11", "1", "51", "Kepala Urusan", "pengawas", 58},
        {"pk-12", NULL, "31", "Kepala Bagian", "administrator", 58}, /* the eselon decides */
        {"pk-13", "2", "99", "Dokter Ahli Pertama", "ahli_pertama", 58},
        {"pk-14", "2", NULL, "Analis Kebijakan Ahli Muda", "ahli_muda", 58},
        {"pk-15", "2", NULL, "PERENCANA AHLI MADYA", "ahli_madya", 60},
        {"pk-16", "2", NULL, "Widyaiswara Ahli Utama", "ahli_utama", 65},
        {"pk-17", "2", NULL, "Perawat Terampil", "terampil", 58},
        {"pk-18", "2", NULL, "Pranata Komputer Mahir", "mahir", 58},
        {"pk-19", "2", NULL, "Arsiparis Penyelia", "penyelia", 58},
        {"pk-20", "2", NULL, "Pengamat Gunung Api Pemula", "pemula", 58},
        {"pk-21", "2", NULL, "Pranata Komputer Pelaksana Lanjutan", "mahir", 58},
        {"pk-22", "2", NULL, "Arsiparis Pelaksana", "terampil", 58},
        {"pk-23", "2", NULL, "Guru", "ahli_pertama", 58}, /* no level: the lowest ahli */
        {"pk-24", "4", "99", "Pengadministrasi Umum", "pelaksana", 58},
        {"pk-25", "4", NULL, "Pengelola Data", "pelaksana", 58},
        {"pk-26", NULL, NULL, "Pengelola Data", "pelaksana", 58},
        {"pk-27", "3", NULL, "Guru Ahli Muda", "ahli_muda", 58},
        {"pk-28", "3", NULL, "Kepala Sekolah", "pelaksana", 58},
        {"pk-29", "2", "41", "Kepala Puskesmas", "pengawas", 58},
    };

    (void)state;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        const char *k = siasn_position_kind(v[i].jenis, v[i].eselon, v[i].name);

        if (strcmp(k, v[i].kind) != 0)
            fail_msg("%s: %s, expected %s", v[i].id, k, v[i].kind);
        if (org_position_bup_default(k) != v[i].bup)
            fail_msg("%s: BUP %d, expected %d", v[i].id, org_position_bup_default(k), v[i].bup);
    }
}

#define EDU_HEADER HEADER ";tingkat_pendidikan_id;tahun_lulus;pendidikan_id;pendidikan_nama"

/* The education of a row: a known tingkat pendidikan with a good tahun_lulus is stored; an
 * unknown code or a bad year is an error on its column; one without the other a warning. */
static void test_education(void **state)
{
    static const struct {
        const char *id, *level, *year, *column, *words;
    } bad_rows[] = {
        {"edu-1", "41", "2008", "tingkat_pendidikan_id", "tidak dikenal"},
        {"edu-2", "40", "08", "tahun_lulus", "4 angka"},
        {"edu-3", "40", "2008a", "tahun_lulus", "4 angka"},
        {"edu-4", "40", "2027", "tahun_lulus", "masa depan"},
        {"edu-5", "40", "1989", "tahun_lulus", "5 tahun"}, /* born 1985 */
    };
    struct fixture f;
    struct siasn_row x;
    char text[1024];

    (void)state;
    assert_int_equal(check_one(&f, EDU_HEADER "\n" GOOD ";'40;2008;P123;S-1 HUKUM\n", &x), 0);
    assert_int_equal(f.rep.warnings_total, 0);
    assert_string_equal(x.edu_level, "S1");
    assert_string_equal(x.tahun_lulus, "2008");
    assert_string_equal(x.pendidikan_id, "P123");
    assert_string_equal(x.pendidikan_nama, "S-1 HUKUM");
    done(&f);
    assert_int_equal(check_one(&f, EDU_HEADER "\n" GOOD ";S2;1990;;\n", &x), 0);
    assert_string_equal(x.edu_level, "S2"); /* Abdi's own code; birth year + 5 is enough */
    done(&f);
    assert_int_equal(check_one(&f, EDU_HEADER "\n" GOOD ";40;null;;\n", &x), 0);
    assert_null(x.edu_level);
    assert_int_equal(f.rep.warnings_total, 1);
    assert_string_equal(f.rep.warnings[0].column, "tahun_lulus");
    done(&f);
    assert_int_equal(check_one(&f, EDU_HEADER "\n" GOOD ";;2008;;\n", &x), 0);
    assert_null(x.edu_level);
    assert_string_equal(f.rep.warnings[0].column, "tingkat_pendidikan_id");
    done(&f);
    assert_int_equal(check_one(&f, EDU_HEADER "\n" GOOD ";;;;\n", &x), 0);
    assert_null(x.edu_level);
    assert_int_equal(f.rep.warnings_total, 0);
    done(&f);
    for (size_t i = 0; i < sizeof bad_rows / sizeof bad_rows[0]; i++) {
        snprintf(text, sizeof text, EDU_HEADER "\n" GOOD ";%s;%s;;\n", bad_rows[i].level,
                 bad_rows[i].year);
        if (check_one(&f, text, &x) != 1 || f.rep.nerrors != 1 ||
            strcmp(f.rep.errors[0].column, bad_rows[i].column) != 0 ||
            !strstr(f.rep.errors[0].message, bad_rows[i].words))
            fail_msg("%s: not one error on %s with \"%s\"", bad_rows[i].id, bad_rows[i].column,
                     bad_rows[i].words);
        done(&f);
    }
    assert_string_equal(
        siasn_education_find(&(struct siasn_context){.education = edu, .neducation = 3}, "15")
            ->code,
        "SLTA");
}

static void test_religion_marital(void **state)
{
    (void)state;
    assert_string_equal(siasn_religion("3", "Katholik"), "Katolik");
    assert_string_equal(siasn_religion(NULL, "budha"), "Buddha");
    assert_string_equal(siasn_religion("7", NULL), "kepercayaan");
    assert_null(siasn_religion("9", "Islam")); /* an unknown code wins over the name */
    assert_null(siasn_religion(NULL, "Jedi"));
    assert_null(siasn_religion(NULL, NULL));
    assert_string_equal(siasn_marital("2", NULL), "kawin");
    assert_string_equal(siasn_marital(NULL, "KAWIN"), "kawin");
    assert_string_equal(siasn_marital(NULL, "Cerai Mati"), "cerai_mati");
    assert_string_equal(siasn_marital("1", "Menikah"), "belum_kawin");
    assert_null(siasn_marital("5", NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_religion_marital), cmocka_unit_test(test_good_row),
        cmocka_unit_test(test_quirks),           cmocka_unit_test(test_missing_column),
        cmocka_unit_test(test_bad_rows),         cmocka_unit_test(test_pppk),
        cmocka_unit_test(test_nik_warning),      cmocka_unit_test(test_mappings),
        cmocka_unit_test(test_columns),          cmocka_unit_test(test_position_kind),
        cmocka_unit_test(test_education),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
