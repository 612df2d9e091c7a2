/* rules_test.c - notification rules: text cleaning (one line, cut at a character), the
 * one-mailbox address check (no header injection, one recipient), the e-mail message (headers,
 * encoded-word subject, CRLF, dot-stuffing, long lines, refusals), the backoff and the SMTP
 * URL check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "modules/notify/notify.h"

static void test_clean(void **state)
{
    char out[8];
    char big[NOTIFY_TITLE_MAX + 1];

    (void)state;
    notify_text_clean("a\r\nBcc: x", 1, big, sizeof big);
    assert_string_equal(big, "a  Bcc: x");
    notify_text_clean("a\nb\tc", 0, big, sizeof big);
    assert_string_equal(big, "a\nb\tc");
    notify_text_clean(NULL, 1, big, sizeof big);
    assert_string_equal(big, "");
    notify_text_clean("abcdefghij", 1, out, sizeof out);
    assert_string_equal(out, "abcdefg");
    /* "abcde" + "é" (2 bytes) + "x": 7 bytes fit, "é" is not split */
    notify_text_clean("abcdef\xc3\xa9"
                      "x",
                      1, out, sizeof out);
    assert_string_equal(out, "abcdef");
    notify_text_clean("abcde\xc3\xa9"
                      "x",
                      1, out, sizeof out);
    assert_string_equal(out, "abcde\xc3\xa9");
}

static void test_addr(void **state)
{
    (void)state;
    assert_true(notify_addr_valid("budi@dinkes.medan.go.id"));
    assert_true(notify_addr_valid("a.b+c@x"));
    assert_false(notify_addr_valid(NULL));
    assert_false(notify_addr_valid(""));
    assert_false(notify_addr_valid("budi"));
    assert_false(notify_addr_valid("@x"));
    assert_false(notify_addr_valid("budi@"));
    assert_false(notify_addr_valid("a@b@c"));
    assert_false(notify_addr_valid("budi@x\r\nBcc: evil@y"));
    assert_false(notify_addr_valid("budi@x\nRCPT TO:<evil@y>"));
    assert_false(notify_addr_valid("budi@x, evil@y"));
    assert_false(notify_addr_valid("Budi <budi@x>"));
    assert_false(notify_addr_valid("budi @x"));
    assert_false(notify_addr_valid("b\xc3\xbc"
                                   "di@x"));
}

/* The header block (up to the blank line) and the body of a built message. */
static char *build(const char *to, const char *subject, const char *body, int stuff)
{
    char *msg = NULL;
    size_t len = 0;
    struct err e;

    assert_int_equal(notify_mail_build("abdi@medan.go.id", to, subject, body, 42, 1795940078, stuff,
                                       &msg, &len, &e),
                     ERR_OK);
    assert_int_equal(strlen(msg), len);
    return msg;
}

static void test_message(void **state)
{
    char *m;
    const char *b;

    (void)state;
    m = build("budi@x.id", "Cuti disetujui", "Baris satu\n.titik\r\nBaris\rtiga", 1);
    assert_non_null(strstr(m, "From: <abdi@medan.go.id>\r\n"));
    assert_non_null(strstr(m, "To: <budi@x.id>\r\n"));
    assert_non_null(strstr(m, "Subject: Cuti disetujui\r\n"));
    assert_non_null(strstr(m, "Date: Sun, 29 Nov 2026 08:14:38 +0000\r\n"));
    assert_non_null(strstr(m, "Message-ID: <42.1795940078@medan.go.id>\r\n"));
    assert_non_null(strstr(m, "Content-Type: text/plain; charset=UTF-8\r\n"));
    b = strstr(m, "\r\n\r\n");
    assert_non_null(b);
    assert_string_equal(b + 4, "Baris satu\r\n..titik\r\nBaris\r\ntiga\r\n");
    free(m);
    /* without stuffing (libcurl stuffs) the dot stays single */
    m = build("budi@x.id", "S", ".a\n", 0);
    assert_string_equal(strstr(m, "\r\n\r\n") + 4, ".a\r\n");
    free(m);
}

static void test_subject_encoded(void **state)
{
    char *m;
    /* 30 x "é" = 60 bytes: two encoded-words, the first of 22 characters (44 bytes) */
    char subj[61];

    (void)state;
    m = build("budi@x.id", "Pengajuan cuti \xe2\x80\x94 Budi", "x", 1);
    /* "Pengajuan cuti — Budi" in UTF-8, base64 */
    assert_non_null(strstr(m, "Subject: =?UTF-8?B?UGVuZ2FqdWFuIGN1dGkg4oCUIEJ1ZGk=?=\r\n"));
    free(m);
    for (int i = 0; i < 30; i++)
        memcpy(subj + 2 * i, "\xc3\xa9", 2);
    subj[60] = '\0';
    m = build("budi@x.id", subj, "x", 1);
    assert_non_null(strstr(m, "Subject: =?UTF-8?B?"));
    assert_non_null(strstr(m, "?=\r\n =?UTF-8?B?")); /* folded between the two words */
    for (const char *p = m; (p = strstr(p, "=?UTF-8?B?")) != NULL; p++) {
        const char *end = strstr(p, "?=");

        assert_non_null(end);
        assert_true(end + 2 - p <= 75); /* RFC 2047: at most 75 characters a word */
    }
    free(m);
}

static void test_long_line(void **state)
{
    char *body = malloc(2001), *m;
    const char *b, *nl;

    (void)state;
    memset(body, 'a', 2000);
    body[2000] = '\0';
    m = build("budi@x.id", "S", body, 1);
    b = strstr(m, "\r\n\r\n") + 4;
    nl = strstr(b, "\r\n");
    assert_int_equal(nl - b, 900);
    free(m);
    free(body);
}

static void test_refusals(void **state)
{
    char *msg = NULL;
    size_t len;
    struct err e;

    (void)state;
    assert_int_equal(
        notify_mail_build("abdi@x", "budi@x\r\nBcc: evil@y", "S", "b", 1, 0, 1, &msg, &len, &e),
        ERR_INVALID);
    assert_string_equal(e.field, "to");
    assert_int_equal(
        notify_mail_build("abdi@x", "budi@x", "S\r\nBcc: evil@y", "b", 1, 0, 1, &msg, &len, &e),
        ERR_INVALID);
    assert_string_equal(e.field, "subject");
    assert_int_equal(notify_mail_build("abdi x", "budi@x", "S", "b", 1, 0, 1, &msg, &len, &e),
                     ERR_INVALID);
    assert_string_equal(e.field, "from");
    assert_int_equal(notify_mail_build("abdi@x", "budi@x", "S", "b\xff", 1, 0, 1, &msg, &len, &e),
                     ERR_INVALID);
    assert_string_equal(e.field, "body");
    assert_null(msg);
}

static void test_backoff(void **state)
{
    (void)state;
    assert_int_equal(notify_backoff(1), 60);
    assert_int_equal(notify_backoff(2), 120);
    assert_int_equal(notify_backoff(3), 240);
    assert_int_equal(notify_backoff(8), 7680);
    assert_int_equal(notify_backoff(9), 15360);
    assert_int_equal(notify_backoff(10), 6 * 3600);
    assert_int_equal(notify_backoff(1000), 6 * 3600);
}

static void test_smtp_url(void **state)
{
    (void)state;
    assert_true(notify_smtp_url_valid("smtp://127.0.0.1:2525"));
    assert_true(notify_smtp_url_valid("smtp://mail.medan.go.id"));
    assert_true(notify_smtp_url_valid("smtps://mail.medan.go.id:465"));
    assert_true(notify_smtp_url_valid("smtp://[::1]:25"));
    assert_false(notify_smtp_url_valid(NULL));
    assert_false(notify_smtp_url_valid("http://x:25"));
    assert_false(notify_smtp_url_valid("smtp://"));
    assert_false(notify_smtp_url_valid("smtp://x:0"));
    assert_false(notify_smtp_url_valid("smtp://x:70000"));
    assert_false(notify_smtp_url_valid("smtp://user:pw@x:25"));
    assert_false(notify_smtp_url_valid("smtp://x:25/path"));
    assert_false(notify_smtp_url_valid("smtp://[]:25"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean),     cmocka_unit_test(test_addr),
        cmocka_unit_test(test_message),   cmocka_unit_test(test_subject_encoded),
        cmocka_unit_test(test_long_line), cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_backoff),   cmocka_unit_test(test_smtp_url),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
