/* rules_test.c - document rules: type by magic bytes, the declared type against the sniffed
 * one, size limits, and the sanitised file name (doc-N vectors). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "modules/document/document.h"

#define U(s) ((const unsigned char *)(s))

static const unsigned char pdf[] = "%PDF-1.7\n%\xe2\xe3\n1 0 obj";
static const unsigned char jpeg[] = "\xff\xd8\xff\xe0\x00\x10JFIF";
static const unsigned char png[] = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
static const unsigned char html[] = "<!DOCTYPE html><script>alert(1)</script>";
static const unsigned char exe[] = "MZ\x90\x00\x03\x00\x00\x00";

static void test_sniff(void **state)
{
    (void)state;
    assert_int_equal(document_sniff(pdf, sizeof pdf - 1), DOCUMENT_PDF);
    assert_int_equal(document_sniff(jpeg, sizeof jpeg - 1), DOCUMENT_JPEG);
    assert_int_equal(document_sniff(png, sizeof png - 1), DOCUMENT_PNG);
    assert_int_equal(document_sniff(html, sizeof html - 1), DOCUMENT_NONE);
    assert_int_equal(document_sniff(exe, sizeof exe - 1), DOCUMENT_NONE);
    assert_int_equal(document_sniff(U("%PDF"), 4), DOCUMENT_NONE);        /* doc-1: short */
    assert_int_equal(document_sniff(png, 7), DOCUMENT_NONE);              /* doc-2: 7 of 8 */
    assert_int_equal(document_sniff(U(" %PDF-1.4"), 9), DOCUMENT_NONE);   /* doc-3: offset */
    assert_int_equal(document_sniff(NULL, 0), DOCUMENT_NONE);
}

static void test_type_parse(void **state)
{
    (void)state;
    assert_int_equal(document_type_parse("application/pdf"), DOCUMENT_PDF);
    assert_int_equal(document_type_parse("Application/PDF; name=x"), DOCUMENT_PDF);
    assert_int_equal(document_type_parse("image/jpeg"), DOCUMENT_JPEG);
    assert_int_equal(document_type_parse("image/png "), DOCUMENT_PNG);
    assert_int_equal(document_type_parse("image/jpg"), DOCUMENT_NONE);
    assert_int_equal(document_type_parse("text/html"), DOCUMENT_NONE);
    assert_int_equal(document_type_parse("application/pdfx"), DOCUMENT_NONE);
    assert_int_equal(document_type_parse(NULL), DOCUMENT_NONE);
    assert_string_equal(document_mime(DOCUMENT_PNG), "image/png");
    assert_null(document_mime(DOCUMENT_NONE));
}

static void test_content_check(void **state)
{
    enum document_type t = DOCUMENT_NONE;
    struct err e;
    unsigned char *big;

    (void)state;
    assert_int_equal(document_content_check("image/png", png, sizeof png - 1, &t, &e), ERR_OK);
    assert_int_equal(t, DOCUMENT_PNG);
    /* doc-4: PNG bytes declared as PDF */
    assert_int_equal(document_content_check("application/pdf", png, sizeof png - 1, &t, &e),
                     ERR_MEDIA_TYPE);
    assert_string_equal(e.slug, "content_mismatch");
    /* doc-5: HTML declared as PNG */
    assert_int_equal(document_content_check("image/png", html, sizeof html - 1, &t, &e),
                     ERR_MEDIA_TYPE);
    assert_string_equal(e.slug, "content_mismatch");
    /* doc-6: JPEG declared as PDF */
    assert_int_equal(document_content_check("application/pdf", jpeg, sizeof jpeg - 1, &t, &e),
                     ERR_MEDIA_TYPE);
    /* doc-7: a type we never store */
    assert_int_equal(document_content_check("text/html", html, sizeof html - 1, &t, &e),
                     ERR_MEDIA_TYPE);
    assert_string_equal(e.slug, "unsupported_media_type");
    assert_string_equal(e.field, "content_type");
    assert_int_equal(document_content_check(NULL, pdf, sizeof pdf - 1, &t, &e), ERR_MEDIA_TYPE);
    /* doc-8: empty */
    assert_int_equal(document_content_check("application/pdf", pdf, 0, &t, &e), ERR_INVALID);
    assert_string_equal(e.field, "file");
    /* doc-9: exactly 2 MiB passes, one byte more is 413 */
    big = calloc(1, LIMIT_UPLOAD_BYTES + 1);
    memcpy(big, pdf, sizeof pdf - 1);
    assert_int_equal(document_content_check("application/pdf", big, LIMIT_UPLOAD_BYTES, &t, &e),
                     ERR_OK);
    assert_int_equal(
        document_content_check("application/pdf", big, LIMIT_UPLOAD_BYTES + 1, &t, &e),
        ERR_TOO_LARGE);
    free(big);
}

static const struct {
    const char *id, *in;
    enum document_type t;
    const char *out;
} names[] = {
    {"doc-10", "SK Pangkat 2024.pdf", DOCUMENT_PDF, "SK Pangkat 2024.pdf"},
    {"doc-11", "../../etc/passwd", DOCUMENT_PDF, "passwd.pdf"},
    {"doc-12", "C:\\Users\\andi\\foto.JPG", DOCUMENT_JPEG, "foto.jpg"},
    {"doc-13", "foto.jpeg", DOCUMENT_JPEG, "foto.jpeg"},
    {"doc-14", "scan.png", DOCUMENT_PDF, "scan.png.pdf"},
    {"doc-15", "a\"b;c\r\nd.pdf", DOCUMENT_PDF, "a_b_c__d.pdf"},
    {"doc-16", ".htaccess", DOCUMENT_PNG, "htaccess.png"},
    {"doc-17", "...", DOCUMENT_PDF, "dokumen.pdf"},
    {"doc-18", "ijazah.", DOCUMENT_PDF, "ijazah.pdf"},
    {"doc-19", "Surat \xc3\xa9.pdf", DOCUMENT_PDF, "Surat __.pdf"},
    {"doc-20", "/", DOCUMENT_PNG, "dokumen.png"},
};

static void test_filename(void **state)
{
    char out[DOCUMENT_FILENAME_MAX + 1], longname[400];
    struct err e;

    (void)state;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (document_filename_clean(names[i].in, names[i].t, out, &e) != ERR_OK)
            fail_msg("%s: refused", names[i].id);
        if (strcmp(out, names[i].out) != 0)
            fail_msg("%s: got \"%s\", want \"%s\"", names[i].id, out, names[i].out);
    }
    /* doc-21: long names are cut to 120 bytes, the extension kept */
    memset(longname, 'x', 300);
    memcpy(longname + 300, ".pdf", 5);
    assert_int_equal(document_filename_clean(longname, DOCUMENT_PDF, out, &e), ERR_OK);
    assert_int_equal(strlen(out), DOCUMENT_FILENAME_MAX);
    assert_string_equal(out + DOCUMENT_FILENAME_MAX - 4, ".pdf");
    /* doc-22: a long name without an extension */
    longname[300] = '\0';
    assert_int_equal(document_filename_clean(longname, DOCUMENT_PNG, out, &e), ERR_OK);
    assert_int_equal(strlen(out), DOCUMENT_FILENAME_MAX);
    assert_string_equal(out + DOCUMENT_FILENAME_MAX - 4, ".png");
    assert_int_equal(document_filename_clean("", DOCUMENT_PDF, out, &e), ERR_INVALID);
    assert_string_equal(e.field, "filename");
    assert_int_equal(document_filename_clean(NULL, DOCUMENT_PDF, out, &e), ERR_INVALID);
}

static void test_kind(void **state)
{
    struct err e;

    (void)state;
    assert_int_equal(document_kind_check("bukti", &e), ERR_OK);
    assert_int_equal(document_kind_check("foto", &e), ERR_OK);
    assert_int_equal(document_kind_check("virus", &e), ERR_INVALID);
    assert_string_equal(e.field, "kind");
    assert_int_equal(document_kind_check(NULL, &e), ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sniff),         cmocka_unit_test(test_type_parse),
        cmocka_unit_test(test_content_check), cmocka_unit_test(test_filename),
        cmocka_unit_test(test_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
