/* letter_test.c - the leave letter renderer: a real PDF (%PDF- ... %%EOF) whose content
 * streams, inflated as a PDF reader does, show the decree number, the NIP, the dates in words,
 * the balance table and the signer with "Plt." only when the official acts; the block writer
 * under it (src/report/form.h) breaking a long document into pages; and the helpers that write
 * numbers and dates in words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "modules/leave/leave_report.h"
#include "report/form.h"

static const char *find(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);

    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return hay + i;
    return NULL;
}

/* Every content stream of the PDF inflated (or copied when stored plain), one after the
 * other, into a malloc'd NUL-terminated buffer. */
static char *pdf_text(const char *pdf, size_t len)
{
    size_t cap = 1 << 20, used = 0;
    char *out = calloc(1, cap);
    const char *at = pdf;

    while ((at = find(at, len - (size_t)(at - pdf), "stream")) != NULL) {
        const char *end, *data = at + 6;
        int flate;
        const char *dict = at > pdf + 200 ? at - 200 : pdf;

        if (at > pdf && at[-1] == 'd') { /* "endstream" */
            at += 6;
            continue;
        }
        flate = find(dict, (size_t)(at - dict), "FlateDecode") != NULL;
        if (*data == '\r')
            data++;
        if (*data == '\n')
            data++;
        end = find(data, len - (size_t)(data - pdf), "endstream");
        assert_non_null(end);
        if (flate) {
            z_stream zs;

            memset(&zs, 0, sizeof zs);
            assert_int_equal(inflateInit(&zs), Z_OK);
            zs.next_in = (unsigned char *)(uintptr_t)data;
            zs.avail_in = (unsigned)(end - data);
            zs.next_out = (unsigned char *)out + used;
            zs.avail_out = (unsigned)(cap - used - 1);
            inflate(&zs, Z_FINISH);
            used += zs.total_out;
            inflateEnd(&zs);
        } else if ((size_t)(end - data) < cap - used - 1) {
            memcpy(out + used, data, (size_t)(end - data));
            used += (size_t)(end - data);
        }
        at = end + 9;
    }
    out[used] = '\0';
    return out;
}

/* The text a reader shows: every "(...) Tj" string of the content streams, escapes undone
 * (libharu writes "/" as \057 and parentheses as \050 \051), one per line, the whole
 * starting and ending with '\n' so that a line is found as "\n" line "\n". */
static char *pdf_lines(const char *pdf, size_t len)
{
    char *raw = pdf_text(pdf, len), *out = calloc(1, strlen(raw) + 2), *o = out;

    *o++ = '\n';
    for (const char *r = raw; *r; r++) {
        const char *q;

        if (*r != '(')
            continue;
        for (q = r + 1; *q && *q != ')'; q++) {
            if (*q != '\\') {
                *o++ = *q;
            } else if (q[1] >= '0' && q[1] <= '7') {
                *o++ = (char)((q[1] - '0') * 64 + (q[2] - '0') * 8 + (q[3] - '0'));
                q += 3;
            } else if (q[1]) {
                *o++ = *++q;
            }
        }
        *o++ = '\n';
        r = *q ? q : q - 1;
    }
    *o = '\0';
    free(raw);
    return out;
}

static int has_line(const char *lines, const char *line)
{
    char want[512];

    snprintf(want, sizeof want, "\n%s\n", line);
    return strstr(lines, want) != NULL;
}

/* lines joined by spaces, for a sentence that wraps (a static copy) */
static const char *flat(const char *lines)
{
    static char buf[1 << 16];

    snprintf(buf, sizeof buf, "%s", lines);
    for (char *c = buf; *c; c++)
        if (*c == '\n')
            *c = ' ';
    return buf;
}

static struct leave_letter sample(void)
{
    struct leave_letter l;

    memset(&l, 0, sizeof l);
    l.org_name = "Pemerintah Kota Contoh";
    l.issuer = "Dinas Kesehatan";
    l.place = "Contoh";
    l.number = "800.1.11.4/0042/DINKES/2026";
    l.issued_on = "2026-11-23";
    l.type = "tahunan";
    l.status = "PNS";
    l.name = "Siti Rahayu, S.Kep.";
    l.nip = "198503152010012001";
    l.rank = "Penata (III/c)";
    l.position = "Perawat Ahli Muda";
    l.unit = "Dinas Kesehatan";
    l.start_date = "2026-12-01";
    l.end_date = "2026-12-03";
    l.working_days = 3;
    l.address = "Jl. Melati No. 5, Kelurahan Sukamaju, Kecamatan Sukajadi, Kota Contoh, "
                "Provinsi Jawa Barat, di rumah orang tua selama cuti berlangsung";
    l.phone = "081234567890";
    l.balance[0] = (struct leave_letter_balance){2024, 0, NULL};
    l.balance[1] = (struct leave_letter_balance){2025, 4, "dibawa ke 2026"};
    l.balance[2] = (struct leave_letter_balance){2026, 13, "hak 12 + 4, diambil 3"};
    l.signer_name = "dr. Budi Santoso, M.Kes.";
    l.signer_nip = "197001011995031001";
    l.signer_position = "Kepala Dinas Kesehatan";
    return l;
}

static char *render(const struct leave_letter *l, int uncompressed, size_t *len)
{
    struct err e;
    char *pdf = NULL;

    memset(&e, 0, sizeof e);
    assert_int_equal(leave_letter_pdf(l, uncompressed, &pdf, len, &e), ERR_OK);
    assert_non_null(pdf);
    assert_true(*len > 1000);
    assert_memory_equal(pdf, "%PDF-", 5);
    assert_non_null(find(pdf + *len - 8, 8, "%%EOF"));
    return pdf;
}

static void test_letter(void **state)
{
    struct leave_letter l = sample();
    size_t len;
    char *pdf = render(&l, 0, &len), *text;

    (void)state;
    /* compressed: the number is not readable in the raw bytes, only after inflating */
    assert_null(find(pdf, len, "DINKES"));
    text = pdf_lines(pdf, len);
    assert_true(has_line(text, "PEMERINTAH KOTA CONTOH"));
    assert_true(has_line(text, "DINAS KESEHATAN"));
    assert_true(has_line(text, "SURAT IZIN CUTI TAHUNAN"));
    assert_true(has_line(text, "Nomor: 800.1.11.4/0042/DINKES/2026"));
    assert_true(has_line(text, "198503152010012001"));
    assert_true(has_line(text, "Siti Rahayu, S.Kep."));
    assert_true(has_line(text, "Penata (III/c)"));
    assert_non_null(strstr(flat(text), " selama 3 (tiga) hari kerja, terhitung mulai tanggal 1 "
                                       "Desember 2026 sampai dengan tanggal 3 Desember 2026"));
    /* the conditions start on their own lines */
    assert_non_null(strstr(text, "\na. Sebelum menjalankan cuti tahunan, wajib"));
    assert_non_null(strstr(text, "\nb. Setelah selesai menjalankan cuti tahunan"));
    /* the balance table: N-2, N-1, N */
    assert_non_null(strstr(text, "\nTahun\nSisa (hari kerja)\nKeterangan\n2024\n0\nN-2\n"
                                 "2025\n4\nN-1: dibawa ke 2026\n2026\n13\nN: hak 12 + 4, "
                                 "diambil 3\n"));
    /* the signature block */
    assert_non_null(strstr(text, "\nContoh, 23 November 2026\nKepala Dinas Kesehatan\n"
                                 "dr. Budi Santoso, M.Kes.\nNIP 197001011995031001\n"));
    assert_null(strstr(text, "Plt."));
    /* the long address is wrapped, not cut: its last words are there */
    assert_non_null(strstr(text, "selama cuti berlangsung, telepon 081234567890.\n"));
    free(text);
    free(pdf);
}

static void test_letter_acting(void **state)
{
    struct leave_letter l = sample();
    size_t len;
    char *pdf, *text;

    (void)state;
    l.signer_acting = "Plt.";
    l.type = "alasan_penting";
    l.status = "PPPK";
    l.balance[0].remaining = -1; /* not known: an empty cell */
    pdf = render(&l, 1, &len);
    /* stored plain: the text is in the file as it is */
    assert_non_null(find(pdf, len, "(Plt. Kepala Dinas Kesehatan) Tj"));
    text = pdf_lines(pdf, len);
    assert_true(has_line(text, "SURAT IZIN CUTI KARENA ALASAN PENTING"));
    assert_true(has_line(text, "Diberikan cuti karena alasan penting kepada Pegawai Pemerintah "
                               "dengan Perjanjian Kerja:"));
    assert_true(has_line(text, "Nomor: 800.1.11.4/0042/DINKES/2026"));
    assert_non_null(strstr(text, "\nKeterangan\n2024\nN-2\n2025\n"));
    assert_non_null(strstr(text, "\nPlt. Kepala Dinas Kesehatan\ndr. Budi Santoso, M.Kes.\n"));
    free(text);
    free(pdf);
}

/* The block writer under the letter: a document longer than a page continues on the next
 * page, a table repeats its header there, and every page says "Halaman x dari y". */
static void test_form_pages(void **state)
{
    static const struct report_column cols[] = {{"No", 5, REPORT_NUMBER},
                                                {"Nama", 30, REPORT_TEXT}};
    struct report_cell cells[2 * 80];
    struct report_table t;
    struct report_block b[3];
    struct report_form f;
    struct err e;
    char *pdf = NULL, *text;
    size_t len = 0, headers = 0;

    (void)state;
    for (int i = 0; i < 80; i++) {
        cells[2 * i] = (struct report_cell){NULL, i + 1, 0};
        cells[2 * i + 1] = (struct report_cell){"Pegawai", 0, 0};
    }
    memset(&t, 0, sizeof t);
    t.cols = cols;
    t.ncols = 2;
    t.cells = cells;
    t.nrows = 80;
    memset(b, 0, sizeof b);
    b[0] = (struct report_block){.kind = REPORT_BLOCK_HEADER, .text = "PEMERINTAH KOTA CONTOH"};
    b[1] = (struct report_block){.kind = REPORT_BLOCK_TABLE, .table = &t};
    b[2] = (struct report_block){.kind = REPORT_BLOCK_TEXT, .text = "Akhir dokumen."};
    memset(&f, 0, sizeof f);
    f.title = "Uji";
    f.blocks = b;
    f.nblocks = 3;
    memset(&e, 0, sizeof e);
    assert_int_equal(report_form_pdf(&f, &pdf, &len, &e), ERR_OK);
    text = pdf_lines(pdf, len);
    assert_true(has_line(text, "Halaman 1 dari 2"));
    assert_true(has_line(text, "Halaman 2 dari 2"));
    assert_false(has_line(text, "Halaman 1 dari 1"));
    for (const char *at = text; (at = strstr(at, "\nNama\n")) != NULL; at++)
        headers++;
    assert_int_equal(headers, 2); /* the header row again on page 2 */
    assert_true(has_line(text, "80"));
    assert_true(has_line(text, "Akhir dokumen."));
    free(text);
    free(pdf);
    /* a table of no columns is refused, not drawn */
    t.ncols = 0;
    pdf = NULL;
    assert_int_equal(report_form_pdf(&f, &pdf, &len, &e), ERR_INTERNAL);
    assert_null(pdf);
}

static void test_words(void **state)
{
    static const struct {
        int n;
        const char *w;
    } v[] = {
        {0, "nol"},
        {1, "satu"},
        {3, "tiga"},
        {10, "sepuluh"},
        {11, "sebelas"},
        {12, "dua belas"},
        {19, "sembilan belas"},
        {20, "dua puluh"},
        {21, "dua puluh satu"},
        {100, "seratus"},
        {118, "seratus delapan belas"},
        {365, "tiga ratus enam puluh lima"},
        {1000, "seribu"},
        {2026, "dua ribu dua puluh enam"},
        {-1, "-1"},
        {10000, "10000"},
    };
    char out[96], date[32];

    (void)state;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        leave_number_words(v[i].n, out, sizeof out);
        assert_string_equal(out, v[i].w);
    }
    leave_date_long("2026-02-01", date);
    assert_string_equal(date, "1 Februari 2026");
    leave_date_long("2026-13-01", date);
    assert_string_equal(date, "2026-13-01");
    leave_date_long(NULL, date);
    assert_string_equal(date, "-");
    assert_string_equal(leave_type_title("cltn"), "Cuti di Luar Tanggungan Negara");
    assert_null(leave_type_title("liburan"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_letter),
        cmocka_unit_test(test_letter_acting),
        cmocka_unit_test(test_form_pages),
        cmocka_unit_test(test_words),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
