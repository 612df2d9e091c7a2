/* csv_read_test.c - the import CSV reader: BOM, CRLF/LF, ';' and ',' detection, quoting
 * (separators, doubled quotes, newlines), physical line numbers, row errors that do not stop
 * the reading (short row, bad UTF-8, long field), file errors that do (empty file, missing
 * column, broken quotes), header matching and the SIASN options. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "report/csv_read.h"

static const struct csv_col cols[] = {
    {"nip", NULL, CSV_COL_REQUIRED},
    {"name", "nama", CSV_COL_REQUIRED},
    {"birth_date", NULL, CSV_COL_DATE_DMY},
};
#define NCOLS (sizeof cols / sizeof cols[0])

/* Up to 8 good rows of one read, with the report. */
struct got {
    struct arena *a;
    struct csv_report rep;
    int opened, end;
    size_t n;
    long line[8];
    char nip[8][64], name[8][128], birth[8][16];
};

static void put(char *dst, size_t cap, const char *v)
{
    snprintf(dst, cap, "%s", v ? v : "(null)");
}

static void read_all(struct got *g, const char *data, size_t len, const struct csv_read_options *o)
{
    struct csv_reader *r;
    struct csv_row row;
    int rc;

    memset(g, 0, sizeof *g);
    g->a = arena_new();
    csv_report_init(&g->rep, g->a, 0);
    r = csv_reader_open(g->a, data, len, o, cols, NCOLS, &g->rep);
    g->opened = r != NULL;
    if (!r)
        return;
    while ((rc = csv_reader_next(r, &row)) == 1) {
        assert_true(g->n < 8);
        g->line[g->n] = row.line;
        put(g->nip[g->n], sizeof g->nip[0], row.values[0]);
        put(g->name[g->n], sizeof g->name[0], row.values[1]);
        put(g->birth[g->n], sizeof g->birth[0], row.values[2]);
        g->n++;
    }
    g->end = rc;
}

static void read_str(struct got *g, const char *s)
{
    read_all(g, s, strlen(s), NULL);
}

static void done(struct got *g)
{
    arena_free(g->a);
}

static void test_basic_comma_lf(void **state)
{
    struct got g;

    (void)state;
    read_str(&g, "nip,name,birth_date\n1,Ani,1990-01-02\n2,Budi,\n");
    assert_true(g.opened);
    assert_int_equal(g.end, 0);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.rep.rows, 2);
    assert_int_equal(g.rep.errors_total, 0);
    assert_int_equal(g.line[0], 2);
    assert_int_equal(g.line[1], 3);
    assert_string_equal(g.nip[1], "2");
    assert_string_equal(g.name[0], "Ani");
    assert_string_equal(g.birth[0], "1990-01-02");
    assert_string_equal(g.birth[1], "(null)"); /* empty cell */
    done(&g);
}

static void test_bom_crlf_semicolon(void **state)
{
    struct got g;

    (void)state;
    read_str(&g, "\xEF\xBB\xBF"
                 "NIP ; Name;birth_date\r\n1;Ani, S.Kom.;02-01-1990\r\n"
                 "2;Budi;03/04/1991\r\n");
    assert_true(g.opened);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.nip[0], "1");            /* the BOM is not part of "nip" */
    assert_string_equal(g.name[0], "Ani, S.Kom."); /* ';' file: the comma is data */
    assert_string_equal(g.birth[0], "1990-01-02"); /* dd-mm-yyyy */
    assert_string_equal(g.birth[1], "1991-04-03"); /* dd/mm/yyyy */
    assert_int_equal(g.line[1], 3);
    assert_int_equal(g.rep.errors_total, 0);
    done(&g);
}

static void test_quotes_and_embedded_newline(void **state)
{
    struct got g;

    (void)state;
    read_str(&g, "name;nip\r\n\"Siregar; \"\"Ucok\"\"\";1\r\n\"Dua\r\nBaris\r\n\r\nlagi\";2\r\n"
                 "\"Tiga\";3\r\n");
    assert_true(g.opened);
    assert_int_equal(g.n, 3);
    assert_string_equal(g.name[0], "Siregar; \"Ucok\"");
    assert_string_equal(g.name[1], "Dua\nBaris\n\nlagi"); /* CRLF inside quotes -> LF */
    assert_string_equal(g.nip[1], "2");
    assert_int_equal(g.line[0], 2);
    assert_int_equal(g.line[1], 3); /* the row starts on line 3 and spans 4 lines */
    assert_int_equal(g.line[2], 7);
    done(&g);
}

static void test_short_and_long_rows_go_on(void **state)
{
    struct got g;

    (void)state;
    read_str(&g, "nip,name\n1,Ani\n2\n3,Cici,x\n4,Dedi\n");
    assert_true(g.opened);
    assert_int_equal(g.end, 0);
    assert_int_equal(g.n, 2); /* lines 2 and 5 */
    assert_int_equal(g.line[1], 5);
    assert_int_equal(g.rep.rows, 4);
    assert_int_equal(g.rep.errors_total, 2);
    assert_int_equal(g.rep.bad_rows, 2);
    assert_int_equal(g.rep.errors[0].line, 3);
    assert_null(g.rep.errors[0].column);
    assert_non_null(strstr(g.rep.errors[0].message, "Jumlah kolom 1, seharusnya 2"));
    assert_int_equal(g.rep.errors[1].line, 4);
    done(&g);
}

static void test_bad_utf8_names_the_line(void **state)
{
    struct got g;

    (void)state;
    read_str(&g, "nip;name\n1;\"Ani\nN\xE9n\xE9\"\n2;Budi\n");
    assert_true(g.opened);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.nip[0], "2");
    assert_int_equal(g.rep.errors_total, 1);
    assert_int_equal(g.rep.errors[0].line, 2); /* where the row starts */
    assert_non_null(strstr(g.rep.errors[0].message, "Baris 3 bukan teks UTF-8"));
    done(&g);
}

static void test_empty_file_and_header_only(void **state)
{
    struct got g;

    (void)state;
    read_str(&g, "");
    assert_false(g.opened);
    assert_int_equal(g.rep.errors_total, 1);
    assert_non_null(strstr(g.rep.errors[0].message, "kosong"));
    done(&g);
    read_str(&g, "\xEF\xBB\xBF\r\n\r\n");
    assert_false(g.opened);
    done(&g);
    read_str(&g, "nip;name\r\n");
    assert_true(g.opened);
    assert_int_equal(g.end, 0);
    assert_int_equal(g.n, 0);
    assert_int_equal(g.rep.rows, 0);
    assert_int_equal(g.rep.errors_total, 0);
    done(&g);
}

static void test_header_matching(void **state)
{
    struct got g;

    (void)state;
    /* any order, alias, unknown column warned, no trailing newline */
    read_str(&g, "Alamat,NAMA,nip\nJl. X,Ani,1");
    assert_true(g.opened);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.name[0], "Ani");
    assert_string_equal(g.nip[0], "1");
    assert_int_equal(g.rep.warnings_total, 1);
    assert_string_equal(g.rep.warnings[0].column, "Alamat");
    assert_int_equal(g.rep.errors_total, 0);
    done(&g);
    /* a missing required column is one error, and no rows */
    read_str(&g, "nip,birth_date\n1,1990-01-01\n2,1990-01-01\n");
    assert_false(g.opened);
    assert_int_equal(g.rep.errors_total, 1);
    assert_int_equal(g.rep.errors[0].line, 1);
    assert_string_equal(g.rep.errors[0].column, "name");
    done(&g);
    /* the same column twice */
    read_str(&g, "nip,name,nama\n1,a,b\n");
    assert_false(g.opened);
    done(&g);
}

static void test_broken_quotes_stop(void **state)
{
    struct got g;

    (void)state;
    read_str(&g, "nip,name\n1,Ani\n2,\"Bu\"di\n3,Cici\n");
    assert_true(g.opened);
    assert_int_equal(g.end, -1);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.rep.errors[0].line, 3);
    done(&g);
    read_str(&g, "nip,name\n1,\"Ani\n2,Budi\n");
    assert_true(g.opened);
    assert_int_equal(g.end, -1);
    assert_non_null(strstr(g.rep.errors[0].message, "tidak ditutup"));
    assert_int_equal(g.rep.errors[0].line, 2);
    done(&g);
}

static void test_limits(void **state)
{
    struct csv_read_options o = {0};
    struct got g;
    char big[200];

    (void)state;
    o.max_field_bytes = 8;
    snprintf(big, sizeof big, "nip,name\n1,123456789\n2,ok\n");
    read_all(&g, big, strlen(big), &o);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.rep.errors[0].column, "name");
    done(&g);
    memset(&o, 0, sizeof o);
    o.max_fields = 2;
    read_all(&g, "nip,name,x\n1,a,b\n", 17, &o);
    assert_false(g.opened);
    done(&g);
    memset(&o, 0, sizeof o);
    o.max_rows = 2;
    read_all(&g, "nip,name\n1,a\n2,b\n3,c\n", 21, &o);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.end, -1);
    assert_int_equal(g.rep.errors[0].line, 4);
    done(&g);
}

static void test_siasn_options(void **state)
{
    struct csv_read_options o = {0};
    struct got g;
    const char *s = "nip;name;birth_date\n'198503152010012001;NULL;null\n\n;;\n2;\"null\";x\n";

    (void)state;
    read_str(&g, s); /* without the options the quirks are data */
    assert_int_equal(g.n, 2);
    assert_string_equal(g.nip[0], "'198503152010012001");
    assert_string_equal(g.name[0], "NULL");
    done(&g);
    o.flags = CSV_READ_APOSTROPHE | CSV_READ_NULL_EMPTY;
    read_all(&g, s, strlen(s), &o);
    assert_int_equal(g.n, 2); /* the blank line and the ";;" row are skipped */
    assert_int_equal(g.rep.rows, 2);
    assert_string_equal(g.nip[0], "198503152010012001");
    assert_string_equal(g.name[0], "(null)");
    assert_string_equal(g.birth[0], "(null)");
    assert_int_equal(g.line[1], 5);
    assert_string_equal(g.birth[1], "x"); /* not a date: left for the validator */
    done(&g);
    o.delim = ',';
    read_all(&g, "nip;name\n1;a\n", 13, &o); /* forced ',': one column "nip;name" */
    assert_false(g.opened);
    done(&g);
}

static void test_issue_cap(void **state)
{
    struct got g;
    char s[4096];
    size_t n = 0;

    (void)state;
    n += (size_t)snprintf(s + n, sizeof s - n, "nip,name\n");
    for (int i = 0; i < 300; i++)
        n += (size_t)snprintf(s + n, sizeof s - n, "x\n");
    memset(&g, 0, sizeof g);
    g.a = arena_new();
    csv_report_init(&g.rep, g.a, 100);
    {
        struct csv_reader *r = csv_reader_open(g.a, s, n, NULL, cols, NCOLS, &g.rep);
        struct csv_row row;

        assert_non_null(r);
        assert_int_equal(csv_reader_delim(r), ',');
        assert_int_equal(csv_reader_next(r, &row), 0);
        assert_int_equal(csv_reader_offset(r), n);
    }
    assert_int_equal(g.rep.errors_total, 300);
    assert_int_equal(g.rep.nerrors, 100);
    assert_int_equal(g.rep.rows, 300);
    done(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_comma_lf),
        cmocka_unit_test(test_bom_crlf_semicolon),
        cmocka_unit_test(test_quotes_and_embedded_newline),
        cmocka_unit_test(test_short_and_long_rows_go_on),
        cmocka_unit_test(test_bad_utf8_names_the_line),
        cmocka_unit_test(test_empty_file_and_header_only),
        cmocka_unit_test(test_header_matching),
        cmocka_unit_test(test_broken_quotes_stop),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_siasn_options),
        cmocka_unit_test(test_issue_cap),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
