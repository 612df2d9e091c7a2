/* report_test.c - the shared report writers: CSV quoting and formula neutralisation
 * vectors, XLSX is a real zip whose sheet keeps "=1+1" a string, PDF page counts and the
 * WinAnsi conversion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "report/report.h"

static const struct report_column cols2[] = {
    {"Nama", 20, REPORT_TEXT},
    {"Angka", 8, REPORT_NUMBER},
};

/* Each vector: one text cell and the CSV field it must become (rep-csv-N). */
static const struct {
    const char *id, *in, *out;
} csv_vectors[] = {
    {"rep-csv-1", "Budi", "Budi"},
    {"rep-csv-2", "a,b", "\"a,b\""},
    {"rep-csv-3", "say \"hi\"", "\"say \"\"hi\"\"\""},
    {"rep-csv-4", "baris1\nbaris2", "\"baris1\nbaris2\""},
    {"rep-csv-5", "=1+1", "\"'=1+1\""},
    {"rep-csv-6", "+6281234", "\"'+6281234\""},
    {"rep-csv-7", "-5", "\"'-5\""},
    {"rep-csv-8", "@SUM(A1:A2)", "\"'@SUM(A1:A2)\""},
    {"rep-csv-9", "\tx", "\"'\tx\""},
    {"rep-csv-10", "\rx", "\"'\rx\""},
    {"rep-csv-11", "=HYPERLINK(\"http://x.example\",\"klik\")",
     "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"klik\"\")\""},
    {"rep-csv-12", " =1", " =1"}, /* not first: a spreadsheet reads it as text */
    {"rep-csv-13", "Ñoño ké", "Ñoño ké"},
    {"rep-csv-14", "", ""},
};

static void test_csv_vectors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof csv_vectors / sizeof csv_vectors[0]; i++) {
        struct report_cell cells[2] = {{csv_vectors[i].in, 0, 0}, {NULL, -5, 0}};
        struct report_table t = {NULL, "T", NULL, cols2, 2, cells, 1};
        char want[256], *out = NULL;
        size_t len = 0;
        struct err e;

        assert_int_equal(report_csv(&t, &out, &len, &e), ERR_OK);
        snprintf(want, sizeof want, "\xEF\xBB\xBFNama,Angka\r\n%s,-5\r\n", csv_vectors[i].out);
        if (strcmp(out, want) != 0)
            fail_msg("%s: got [%s] want [%s]", csv_vectors[i].id, out, want);
        assert_int_equal(len, strlen(want));
        free(out);
    }
}

static void test_csv_null_and_guard(void **state)
{
    struct report_cell cells[4] = {{NULL, 0, 0}, {NULL, 0, 1}, {"x", 0, 0}, {NULL, 7, 0}};
    struct report_table t = {NULL, "T", NULL, cols2, 2, cells, 2};
    char *out = NULL;
    size_t len;
    struct err e;

    (void)state;
    assert_int_equal(report_csv(&t, &out, &len, &e), ERR_OK);
    assert_string_equal(out, "\xEF\xBB\xBFNama,Angka\r\n,\r\nx,7\r\n");
    free(out);
    assert_int_equal(report_csv_needs_guard("=a"), 1);
    assert_int_equal(report_csv_needs_guard("a="), 0);
    assert_int_equal(report_csv_needs_guard(NULL), 0);
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/* The inflated member name of the zip in buf (malloc'd, NUL-terminated), or NULL. Walks the
 * central directory from the end-of-central-directory record, as an unzip tool does. */
static char *zip_member(const unsigned char *buf, size_t len, const char *name)
{
    size_t eocd = len >= 22 ? len - 22 : 0, at;
    uint16_t count;

    while (eocd > 0 && le32(buf + eocd) != 0x06054b50)
        eocd--;
    if (le32(buf + eocd) != 0x06054b50)
        return NULL;
    count = le16(buf + eocd + 10);
    at = le32(buf + eocd + 16);
    for (uint16_t i = 0; i < count && at + 46 <= len; i++) {
        uint16_t method = le16(buf + at + 10), nlen = le16(buf + at + 28);
        uint32_t csize = le32(buf + at + 20), usize = le32(buf + at + 24);
        uint32_t local = le32(buf + at + 42);

        if (nlen == strlen(name) && memcmp(buf + at + 46, name, nlen) == 0) {
            const unsigned char *data =
                buf + local + 30 + le16(buf + local + 26) + le16(buf + local + 28);
            char *out = calloc(1, usize + 1);
            z_stream zs;

            if (method == 0) {
                memcpy(out, data, usize);
                return out;
            }
            memset(&zs, 0, sizeof zs);
            inflateInit2(&zs, -MAX_WBITS);
            zs.next_in = (unsigned char *)(uintptr_t)data;
            zs.avail_in = csize;
            zs.next_out = (unsigned char *)out;
            zs.avail_out = usize;
            inflate(&zs, Z_FINISH);
            inflateEnd(&zs);
            return out;
        }
        at += 46 + nlen + le16(buf + at + 30) + le16(buf + at + 32);
    }
    return NULL;
}

static void test_xlsx(void **state)
{
    static const struct report_column cols[] = {
        {"Nama", 30, REPORT_TEXT}, {"Lahir", 12, REPORT_DATE}, {"Masa kerja", 8, REPORT_NUMBER}};
    struct report_cell cells[6] = {{"=1+1", 0, 0},    {"1985-03-15", 0, 0}, {NULL, 12, 0},
                                   {"Siti Ñ", 0, 0}, {"bukan tanggal", 0, 0}, {NULL, 0, 1}};
    struct report_table t = {"Pemkot", "Daftar: Uji/Coba", NULL, cols, 3, cells, 2};
    char *out = NULL, *sheet, *wb;
    size_t len = 0;
    struct err e;

    (void)state;
    assert_int_equal(report_xlsx(&t, &out, &len, &e), ERR_OK);
    assert_true(len > 100);
    assert_memory_equal(out, "PK\x03\x04", 4);
    sheet = zip_member((const unsigned char *)out, len, "xl/worksheets/sheet1.xml");
    assert_non_null(sheet);
    /* "=1+1" is a string cell (inline string in constant-memory mode), never a formula */
    assert_non_null(strstr(sheet, "t=\"inlineStr\"><is><t>=1+1</t></is>"));
    assert_null(strstr(sheet, "<f>"));
    assert_non_null(strstr(sheet, "<v>12</v>"));              /* a number */
    assert_non_null(strstr(sheet, "<v>31121</v>"));           /* 1985-03-15 as an Excel date */
    assert_non_null(strstr(sheet, "<t>bukan tanggal</t>"));   /* not a date: kept as text */
    assert_non_null(strstr(sheet, "<pane ySplit=\"1\""));     /* frozen header */
    assert_non_null(strstr(sheet, "width=\"30.7"));           /* column width */
    wb = zip_member((const unsigned char *)out, len, "xl/workbook.xml");
    assert_non_null(wb);
    assert_non_null(strstr(wb, "name=\"Daftar_ Uji_Coba\""));
    free(wb);
    free(sheet);
    free(out);
}

static size_t count_of(const char *hay, size_t len, const char *needle)
{
    size_t n = 0, k = strlen(needle);

    for (size_t i = 0; i + k <= len; i++)
        n += memcmp(hay + i, needle, k) == 0;
    return n;
}

static void test_pdf_pages(void **state)
{
    static const struct report_column cols[] = {
        {"No", 4, REPORT_NUMBER}, {"Nama", 30, REPORT_TEXT}, {"Keterangan", 20, REPORT_TEXT}};
    size_t rows = 100, pages = report_pdf_pages(rows);
    struct report_cell *cells = calloc(rows * 3, sizeof *cells);
    struct report_table t = {"Pemerintah Kota Contoh", "Daftar Urut Kepangkatan", "Semua unit",
                             cols, 3, cells, rows};
    char *out = NULL, want[32];
    size_t len = 0;
    struct err e;

    (void)state;
    assert_int_equal(report_pdf_pages(0), 1);
    assert_int_equal(report_pdf_pages(1), 1);
    assert_true(pages >= 3 && pages <= 5); /* about 34 rows a page */
    assert_int_equal(report_pdf_pages(rows * 10), (rows * 10 + 33) / 34);
    for (size_t r = 0; r < rows; r++) {
        cells[3 * r].num = (int64_t)r + 1;
        cells[3 * r + 1].text = r % 2 ? "Nguyễn 王 Ω" /* nothing WinAnsi has: '?' */
                                      : "Nama yang sangat panjang sekali sehingga tidak muat di "
                                        "kolomnya dan harus dipotong dengan dua titik";
        cells[3 * r + 2].text = r % 3 ? "\xff\xfe invalid" : "€ – “kutip”";
    }
    assert_int_equal(report_pdf(&t, &out, &len, &e), ERR_OK);
    assert_memory_equal(out, "%PDF-", 5);
    snprintf(want, sizeof want, "/Count %zu", pages);
    assert_int_equal(count_of(out, len, want), 1);
    assert_int_equal(count_of(out, len, "/Type /Page\n") + count_of(out, len, "/Type /Page\r"),
                     pages);
    free(out);
    free(cells);
}

static void test_pdf_doc(void **state)
{
    static const struct report_column kv[] = {{"Data", 10, REPORT_TEXT},
                                              {"Isi", 30, REPORT_TEXT}};
    struct report_cell c1[2] = {{"Nama", 0, 0}, {"Budi", 0, 0}};
    struct report_table tables[3] = {{NULL, "Identitas", NULL, kv, 2, c1, 1},
                                     {NULL, "Riwayat pangkat", NULL, kv, 2, NULL, 0},
                                     {NULL, "Riwayat jabatan", NULL, kv, 2, c1, 1}};
    struct report_doc d = {"Pemkot", "Riwayat Hidup", NULL, tables, 3};
    char *out = NULL;
    size_t len = 0;
    struct err e;

    (void)state;
    assert_int_equal(report_pdf_doc(&d, &out, &len, &e), ERR_OK);
    assert_memory_equal(out, "%PDF-", 5);
    assert_int_equal(count_of(out, len, "/Count 1"), 1);
    free(out);
}

static void test_winansi(void **state)
{
    char out[64];

    (void)state;
    report_winansi("Rp 1.000 – € é", out, sizeof out);
    assert_string_equal(out, "Rp 1.000 \x96 \x80 \xe9");
    report_winansi("王x\xc3", out, sizeof out);
    assert_string_equal(out, "?x?");
    report_winansi(NULL, out, sizeof out);
    assert_string_equal(out, "");
    report_winansi("abcdef", out, 4);
    assert_string_equal(out, "abc");
}

static void test_format(void **state)
{
    enum report_format f = REPORT_JSON;
    struct err e;

    (void)state;
    assert_int_equal(report_format_parse(NULL, REPORT_ALLOW(REPORT_JSON), &f, &e), ERR_OK);
    assert_int_equal(f, REPORT_JSON);
    assert_int_equal(report_format_parse("pdf", REPORT_ALLOW(REPORT_PDF), &f, &e), ERR_OK);
    assert_int_equal(f, REPORT_PDF);
    assert_int_equal(report_format_parse("pdf", REPORT_ALLOW(REPORT_CSV), &f, &e), ERR_INVALID);
    assert_string_equal(e.field, "format");
    assert_int_equal(report_format_parse("PDF", REPORT_ALLOW(REPORT_PDF), &f, &e), ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_vectors), cmocka_unit_test(test_csv_null_and_guard),
        cmocka_unit_test(test_xlsx),        cmocka_unit_test(test_pdf_pages),
        cmocka_unit_test(test_pdf_doc),     cmocka_unit_test(test_winansi),
        cmocka_unit_test(test_format),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
