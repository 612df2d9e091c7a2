/* rules.c - pure rules of notifications: text cleaning, the one-mailbox address check, the
 * RFC 5322 message of a notification e-mail (encoded-word subject, CRLF, dot-stuffing, no
 * header injection), the retry backoff and the SMTP URL check. No I/O, no clock. */
#include "modules/notify/notify.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"

#define MAIL_MAX_BYTES (64 * 1024) /* a whole message; bodies are far smaller */
#define MAIL_LINE_MAX 900          /* RFC 5322 allows 998 bytes per line */
#define EW_CHUNK 45 /* bytes of UTF-8 per encoded-word: 60 base64 chars, a 72-char word */

/* Length of the UTF-8 prefix of s[0..n) that ends on a character boundary. */
static size_t utf8_cut(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

void notify_text_clean(const char *s, int one_line, char *out, size_t cap)
{
    size_t n = s ? strlen(s) : 0;

    if (n >= cap)
        n = utf8_cut(s, cap - 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        out[i] = one_line && (c < 0x20 || c == 0x7F) ? ' ' : (char)c;
    }
    out[n] = '\0';
}

int notify_addr_valid(const char *s)
{
    const char *at;
    size_t n;

    if (!s)
        return 0;
    n = strlen(s);
    at = strchr(s, '@');
    if (n == 0 || n > NOTIFY_ADDR_MAX || !at || at == s || !at[1] || strchr(at + 1, '@'))
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c <= 0x20 || c >= 0x7F || strchr("<>(),;:\"\\[]", c))
            return 0;
    }
    return 1;
}

static int ascii_printable(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7F)
            return 0;
    return 1;
}

/* Subject header: plain when printable ASCII, else RFC 2047 B encoded-words of whole
 * characters, folded with CRLF SP between words. */
static void put_subject(struct buf *b, const char *subject)
{
    size_t n = strlen(subject);
    char b64[sodium_base64_ENCODED_LEN(EW_CHUNK, sodium_base64_VARIANT_ORIGINAL)];

    buf_puts(b, "Subject: ");
    if (ascii_printable(subject)) {
        buf_puts(b, subject);
        buf_puts(b, "\r\n");
        return;
    }
    for (size_t i = 0; i < n;) {
        size_t k = n - i > EW_CHUNK ? utf8_cut(subject + i, EW_CHUNK) : n - i;

        if (k == 0) /* not UTF-8: refused before, never loops */
            break;
        sodium_bin2base64(b64, sizeof b64, (const unsigned char *)subject + i, k,
                          sodium_base64_VARIANT_ORIGINAL);
        buf_printf(b, "%s=?UTF-8?B?%s?=", i ? "\r\n " : "", b64);
        i += k;
    }
    buf_puts(b, "\r\n");
}

/* Civil date of a day number since 1970-01-01 (H. Hinnant's days_from_civil inverse). */
static void civil(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
    int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;

    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

/* "Mon, 23 Nov 2026 08:34:38 +0000" */
static void put_date(struct buf *b, int64_t now)
{
    static const char *const wd[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int64_t days = now >= 0 ? now / 86400 : (now - 86399) / 86400, y;
    int64_t secs = now - days * 86400;
    unsigned m, d;

    civil(days, &y, &m, &d);
    buf_printf(b, "Date: %s, %u %s %" PRId64 " %02u:%02u:%02u +0000\r\n", wd[((days % 7) + 7) % 7],
               d, mon[m - 1], y, (unsigned)(secs / 3600), (unsigned)(secs / 60 % 60),
               (unsigned)(secs % 60));
}

/* The body with every line end as CRLF, lines over MAIL_LINE_MAX broken at a character
 * boundary, and a leading '.' doubled when dot_stuff. */
static void put_body(struct buf *b, const char *body, int dot_stuff)
{
    size_t col = 0;

    for (const char *p = body; *p; p++) {
        if (*p == '\r' || *p == '\n') {
            if (*p == '\r' && p[1] == '\n')
                p++;
            buf_puts(b, "\r\n");
            col = 0;
            continue;
        }
        if (col >= MAIL_LINE_MAX && ((unsigned char)*p & 0xC0) != 0x80) {
            buf_puts(b, "\r\n");
            col = 0;
        }
        if (col == 0 && *p == '.' && dot_stuff)
            buf_putc(b, '.');
        buf_putc(b, *p);
        col++;
    }
    if (col)
        buf_puts(b, "\r\n");
}

enum err_code notify_mail_build(const char *from, const char *to, const char *subject,
                                const char *body, int64_t id, int64_t now, int dot_stuff,
                                char **out, size_t *len, struct err *e)
{
    struct buf b;

    if (!notify_addr_valid(from))
        return err_invalid(e, "from", "Alamat pengirim surel tidak sah");
    if (!notify_addr_valid(to))
        return err_invalid(e, "to", "Alamat surel penerima tidak sah");
    if (!subject || strpbrk(subject, "\r\n") || !utf8_valid(subject, strlen(subject)))
        return err_invalid(e, "subject", "Judul surel tidak sah");
    if (!body || !utf8_valid(body, strlen(body)))
        return err_invalid(e, "body", "Isi surel bukan UTF-8 yang sah");
    buf_init(&b, MAIL_MAX_BYTES);
    buf_printf(&b, "From: <%s>\r\nTo: <%s>\r\n", from, to);
    put_subject(&b, subject);
    put_date(&b, now);
    buf_printf(&b, "Message-ID: <%" PRId64 ".%" PRId64 "@%s>\r\n", id, now, strchr(from, '@') + 1);
    buf_puts(&b, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                 "Content-Transfer-Encoding: 8bit\r\n\r\n");
    put_body(&b, body, dot_stuff);
    if (b.overflow) {
        buf_free(&b);
        return err_invalid(e, "body", "Isi surel terlalu panjang");
    }
    *out = buf_take(&b, len);
    return ERR_OK;
}

int64_t notify_backoff(int attempts)
{
    int64_t s = 60;

    for (int i = 1; i < attempts && s < 6 * 3600; i++)
        s *= 2;
    return s < 6 * 3600 ? s : 6 * 3600;
}

int notify_smtp_url_valid(const char *url)
{
    const char *host, *end;
    int64_t port;

    if (!url)
        return 0;
    if (strncmp(url, "smtp://", 7) == 0)
        host = url + 7;
    else if (strncmp(url, "smtps://", 8) == 0)
        host = url + 8;
    else
        return 0;
    if (*host == '[') {
        end = strchr(host, ']');
        if (!end || end == host + 1)
            return 0;
        for (const char *p = host + 1; p < end; p++)
            if (!strchr("0123456789abcdefABCDEF:.", *p))
                return 0;
        end++;
    } else {
        end = host;
        while (*end && (strchr("-.", *end) || (*end >= 'a' && *end <= 'z') ||
                        (*end >= 'A' && *end <= 'Z') || (*end >= '0' && *end <= '9')))
            end++;
        if (end == host)
            return 0;
    }
    if (*end == '\0')
        return 1;
    if (*end != ':')
        return 0;
    return parse_int64(end + 1, strlen(end + 1), 1, 65535, &port) == 0;
}
