/* rules_test.c - reference list rules: the list names of siasn.md §3 and which are large,
 * the CSV header of each large list, row validation (code, name, bup 40..70, the two-digit
 * education level) with the column at fault, and the dd-mm-yyyy date of the SIASN exports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "modules/reference/reference.h"
#include "modules/siasn/siasn_export.h"

static void test_lists(void **state)
{
    static const char *const small[] = {"golongan",           "jenis_jabatan",  "eselon",
                                        "jenis_penugasan",    "jenis_mutasi",   "kedudukan_hukum",
                                        "tingkat_pendidikan", "kinerja_rating", "kinerja_predikat",
                                        "kinerja_periode",    "jenis_diklat",   "agama",
                                        "jenis_kawin",        "jenis_pegawai"};
    static const char *const large[] = {"pendidikan", "jabatan_pelaksana", "jabatan_fungsional",
                                        "lokasi"};
    size_t n;
    const struct ref_list *l = reference_lists(&n);

    (void)state;
    assert_int_equal(n, 18);
    for (size_t i = 0; i < sizeof small / sizeof *small; i++) {
        const struct ref_list *x = reference_list_find(small[i]);

        assert_non_null(x);
        assert_int_equal(x->large, 0);
    }
    for (size_t i = 0; i < sizeof large / sizeof *large; i++) {
        const struct ref_list *x = reference_list_find(large[i]);

        assert_non_null(x);
        assert_int_equal(x->large, 1);
        assert_int_equal(x->source, REF_SRC_CODES);
    }
    assert_null(reference_list_find("999999999"));
    assert_null(reference_list_find(NULL));
    assert_null(reference_list_find("Golongan"));
    assert_int_equal(reference_list_find("golongan")->source, REF_SRC_GOLONGAN);
    assert_int_equal(reference_list_find("tingkat_pendidikan")->source, REF_SRC_EDUCATION);
    assert_string_equal(l[0].name, "golongan");
}

static void test_headers(void **state)
{
    (void)state;
    assert_string_equal(reference_csv_header(reference_list_find("jabatan_fungsional")),
                        "id,nama,bup");
    assert_string_equal(reference_csv_header(reference_list_find("pendidikan")),
                        "id,nama,tingkat_pendidikan_id");
    assert_string_equal(reference_csv_header(reference_list_find("lokasi")), "id,nama");
    assert_string_equal(reference_csv_header(reference_list_find("jabatan_pelaksana")), "id,nama");
}

static void expect_bad(const char *list, const char *code, const char *name, const char *attr,
                       const char *field)
{
    const char *f[3] = {code, name, attr};
    struct ref_entry x;
    struct err e;

    err_clear(&e);
    assert_int_equal(reference_row_check(reference_list_find(list), f, &x, &e), ERR_INVALID);
    assert_string_equal(e.field, field);
    assert_true(strlen(e.msg) > 0);
}

static void test_rows(void **state)
{
    const char *ok[3] = {"A5E8F1", "Analis Kebijakan Ahli Muda", "60"};
    char longcode[REF_CODE_MAX + 2], longname[REF_NAME_MAX + 2];
    struct ref_entry x;
    struct err e;

    (void)state;
    assert_int_equal(reference_row_check(reference_list_find("jabatan_fungsional"), ok, &x, &e),
                     ERR_OK);
    assert_string_equal(x.code, "A5E8F1");
    assert_string_equal(x.attr, "60");
    /* lokasi has no attr column: a third value is never read */
    assert_int_equal(reference_row_check(reference_list_find("lokasi"),
                                         (const char *[]){"1", "Kota Medan", "zzz"}, &x, &e),
                     ERR_OK);
    assert_null(x.attr);
    /* pendidikan: the level is optional, two digits when present */
    assert_int_equal(reference_row_check(reference_list_find("pendidikan"),
                                         (const char *[]){"P1", "S-1 Hukum", NULL}, &x, &e),
                     ERR_OK);
    assert_null(x.attr);
    assert_int_equal(reference_row_check(reference_list_find("pendidikan"),
                                         (const char *[]){"P1", "S-1 Hukum", "40"}, &x, &e),
                     ERR_OK);
    assert_string_equal(x.attr, "40");
    expect_bad("pendidikan", "P1", "S-1 Hukum", "4", "tingkat_pendidikan_id");
    expect_bad("pendidikan", "P1", "S-1 Hukum", "4a", "tingkat_pendidikan_id");

    expect_bad("lokasi", NULL, "Kota Medan", NULL, "id");
    expect_bad("lokasi", "  ", "Kota Medan", NULL, "id");
    expect_bad("lokasi", "12 34", "Kota Medan", NULL, "id");
    expect_bad("lokasi", "12\x01", "Kota Medan", NULL, "id");
    memset(longcode, 'A', sizeof longcode - 1);
    longcode[sizeof longcode - 1] = '\0';
    expect_bad("lokasi", longcode, "Kota Medan", NULL, "id");
    longcode[REF_CODE_MAX] = '\0'; /* exactly the limit */
    assert_int_equal(reference_row_check(reference_list_find("lokasi"),
                                         (const char *[]){longcode, "x", NULL}, &x, &e),
                     ERR_OK);
    expect_bad("lokasi", "1", NULL, NULL, "nama");
    expect_bad("lokasi", "1", "", NULL, "nama");
    expect_bad("lokasi", "1", "Kota\nMedan", NULL, "nama");
    expect_bad("lokasi", "1", "\xff\xfe", NULL, "nama");
    memset(longname, 'n', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    expect_bad("lokasi", "1", longname, NULL, "nama");

    expect_bad("jabatan_fungsional", "F1", "Dokter Ahli Madya", NULL, "bup");
    expect_bad("jabatan_fungsional", "F1", "Dokter Ahli Madya", "39", "bup");
    expect_bad("jabatan_fungsional", "F1", "Dokter Ahli Madya", "71", "bup");
    expect_bad("jabatan_fungsional", "F1", "Dokter Ahli Madya", "6O", "bup");
    assert_int_equal(reference_row_check(reference_list_find("jabatan_fungsional"),
                                         (const char *[]){"F1", "Dokter", "70"}, &x, &e),
                     ERR_OK);
    assert_int_equal(reference_row_check(reference_list_find("jabatan_fungsional"),
                                         (const char *[]){"F1", "Dokter", "40"}, &x, &e),
                     ERR_OK);
}

static void test_export_date(void **state)
{
    char d[11];

    (void)state;
    siasn_export_date("2020-03-01", d);
    assert_string_equal(d, "01-03-2020");
    siasn_export_date("1999-12-31", d);
    assert_string_equal(d, "31-12-1999");
    siasn_export_date("2020-3-01", d);
    assert_string_equal(d, "2020-3-01");
    siasn_export_date("", d);
    assert_string_equal(d, "");
    siasn_export_date(NULL, d);
    assert_string_equal(d, "");
    siasn_export_date("20x0-03-01", d);
    assert_string_equal(d, "20x0-03-01");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_headers),
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_export_date),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
