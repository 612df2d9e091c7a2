/* password.c - argon2id hashing and the password policy of security.md (ASVS 2.1):
 * 12 to 128 code points of any Unicode, never truncated, refused when on the shipped list
 * of common passwords (data/common-passwords.txt: SecLists' 10k most common plus every
 * entry of 12+ characters of its top million) or containing a context word. */
#include "auth/auth.h"

#include <ctype.h>
#include <errno.h>
#include <semaphore.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/mem.h"
#include "core/str.h"

extern const struct embed_file auth_data_files[];

static const char *const context_words[] = {"abdi", "bkpsdm", "pemkot", "simpeg", "password",
                                            "katasandi", NULL};

/* Open-addressing set of the list's lines; pointers into the embedded data. */
static struct {
    const char **slot;
    size_t *len;
    size_t cap;
} common;
static char dummy_hash[crypto_pwhash_STRBYTES];
/* argon2id takes 64 MiB per run: at most LIMIT_HASH_CONCURRENT at once, whatever the thread
 * count, so memory stays bounded under a login storm. */
static sem_t hash_slots;

static void slot_take(void)
{
    while (sem_wait(&hash_slots) != 0 && errno == EINTR)
        ;
}

static void slot_give(void)
{
    sem_post(&hash_slots);
}

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;

    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static void set_add(const char *s, size_t n)
{
    size_t i = (size_t)(fnv(s, n) & (common.cap - 1));

    while (common.slot[i]) {
        if (common.len[i] == n && memcmp(common.slot[i], s, n) == 0)
            return;
        i = (i + 1) & (common.cap - 1);
    }
    common.slot[i] = s;
    common.len[i] = n;
}

void auth_password_init(void)
{
    const struct embed_file *f = embed_find(auth_data_files, "common-passwords.txt");
    const char *p, *end;

    if (common.slot)
        return;
    sem_init(&hash_slots, 0, LIMIT_HASH_CONCURRENT);
    common.cap = 1u << 18; /* > 4x the list */
    common.slot = xcalloc(common.cap, sizeof *common.slot);
    common.len = xcalloc(common.cap, sizeof *common.len);
    if (f) {
        p = (const char *)f->data;
        end = p + f->len;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

            if (n)
                set_add(p, n);
            p += n + 1;
        }
    }
    /* a fixed hash to verify against when the user does not exist: same work, same time */
    if (crypto_pwhash_str(dummy_hash, "abdi-no-such-user-placeholder", 29,
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        abort();
}

static void lower_ascii(const char *in, char *out, size_t cap)
{
    size_t i;

    for (i = 0; in[i] && i + 1 < cap; i++)
        out[i] = (char)tolower((unsigned char)in[i]);
    out[i] = '\0';
}

int auth_password_is_common(const char *password)
{
    char low[LIMIT_PASSWORD_BYTES + 1];
    size_t n, i;

    if (!common.slot)
        return 0;
    lower_ascii(password, low, sizeof low);
    n = strlen(low);
    i = (size_t)(fnv(low, n) & (common.cap - 1));
    while (common.slot[i]) {
        if (common.len[i] == n && memcmp(common.slot[i], low, n) == 0)
            return 1;
        i = (i + 1) & (common.cap - 1);
    }
    return 0;
}

enum err_code auth_password_hash(const char *password, char out[AUTH_HASH_MAX], struct err *e)
{
    int r;

    slot_take();
    r = crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE);
    slot_give();
    if (r != 0)
        return err_set(e, ERR_STORAGE, "hash_failed", NULL,
                       "Server sedang sibuk, coba lagi sebentar lagi");
    return ERR_OK;
}

int auth_password_verify(const char *hash, const char *password)
{
    int ok;

    slot_take();
    /* an unknown user costs the same work as a known one: same time, same answer */
    ok = crypto_pwhash_str_verify(hash && *hash ? hash : dummy_hash, password,
                                  strlen(password)) == 0;
    slot_give();
    return hash && *hash ? ok : 0;
}

static int contains_word(const char *low_password, const char *word)
{
    char lw[LIMIT_USERNAME_BYTES * 4 + 1];

    if (!word || strlen(word) < 3)
        return 0;
    lower_ascii(word, lw, sizeof lw);
    return strstr(low_password, lw) != NULL;
}

enum err_code auth_password_policy(const char *password, const char *const *context,
                                   const char *field, struct err *e)
{
    size_t bytes = password ? strlen(password) : 0;
    size_t chars;
    char low[LIMIT_PASSWORD_BYTES + 1];

    if (!password || !utf8_valid(password, bytes))
        return err_set(e, ERR_INVALID, "validation_failed", field, "Kata sandi tidak sah");
    chars = utf8_count(password, bytes);
    if (chars < LIMIT_PASSWORD_CHARS_MIN)
        return err_set(e, ERR_INVALID, "weak_password", field,
                       "Kata sandi minimal 12 karakter");
    if (chars > LIMIT_PASSWORD_CHARS_MAX)
        return err_set(e, ERR_INVALID, "weak_password", field,
                       "Kata sandi maksimal 128 karakter");
    if (auth_password_is_common(password))
        return err_set(e, ERR_INVALID, "weak_password", field,
                       "Kata sandi terlalu umum dan mudah ditebak");
    lower_ascii(password, low, sizeof low);
    for (const char *const *w = context_words; *w; w++)
        if (contains_word(low, *w))
            return err_set(e, ERR_INVALID, "weak_password", field,
                           "Kata sandi tidak boleh memuat nama aplikasi atau instansi");
    for (const char *const *w = context; w && *w; w++)
        if (contains_word(low, *w))
            return err_set(e, ERR_INVALID, "weak_password", field,
                           "Kata sandi tidak boleh memuat nama pengguna atau NIP");
    return ERR_OK;
}

/* Passwords printed in the project's own documents and scripts. */
static const char *const demo_passwords[] = {
    "Sandi-Uji-Demo-2026!x",
    "Bench-Sandi-Uji-2026!q",
    NULL,
};

int auth_password_is_demo(const char *password)
{
    for (const char *const *p = demo_passwords; *p; p++)
        if (strcmp(*p, password) == 0)
            return 1;
    return 0;
}
