/* field.c - per-value authenticated encryption of personal data columns. */
#include "db/field.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FIELD_PREFIX "v1:"
#define FIELD_PREFIX_LEN 3
#define FIELD_VARIANT sodium_base64_VARIANT_URLSAFE_NO_PADDING

static unsigned char field_key[FIELD_KEY_BYTES];
static int field_key_ok;

void field_key_set(const unsigned char key[FIELD_KEY_BYTES])
{
    if (!key) {
        sodium_memzero(field_key, sizeof field_key);
        field_key_ok = 0;
        return;
    }
    memcpy(field_key, key, sizeof field_key);
    field_key_ok = 1;
}

int field_blind(const char *column, const char *plain, char out[FIELD_BLIND_HEX + 1])
{
    unsigned char sub[32], mac[32];
    crypto_generichash_state st;

    if (!field_key_ok || !column || !plain)
        return -1;
    /* a subkey of its own: the blind index never uses the sealing key directly */
    crypto_kdf_derive_from_key(sub, sizeof sub, 1, "abdiblnd", field_key);
    crypto_generichash_init(&st, sub, sizeof sub, sizeof mac);
    crypto_generichash_update(&st, (const unsigned char *)column, strlen(column) + 1);
    crypto_generichash_update(&st, (const unsigned char *)plain, strlen(plain));
    crypto_generichash_final(&st, mac, sizeof mac);
    sodium_memzero(sub, sizeof sub);
    sodium_bin2hex(out, FIELD_BLIND_HEX + 1, mac, sizeof mac);
    return 0;
}

_Static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == 24 &&
                   crypto_aead_xchacha20poly1305_ietf_ABYTES == 16,
               "FIELD_SEALED_CAP assumes a 24-byte nonce and a 16-byte tag");

int field_seal_to(char *out, size_t cap, const char *column, const char *plain)
{
    unsigned char stack[256], *raw;
    size_t n, raw_len;
    int rc = -1;

    if (!plain || !field_key_ok)
        return -1;
    n = strlen(plain);
    if (cap < FIELD_SEALED_CAP(n))
        return -1;
    raw_len = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + n +
              crypto_aead_xchacha20poly1305_ietf_ABYTES;
    raw = raw_len <= sizeof stack ? stack : xmalloc(raw_len);
    randombytes_buf(raw, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        raw + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, NULL, (const unsigned char *)plain,
        n, (const unsigned char *)column, strlen(column), NULL, raw, field_key);
    memcpy(out, FIELD_PREFIX, FIELD_PREFIX_LEN);
    if (sodium_bin2base64(out + FIELD_PREFIX_LEN, cap - FIELD_PREFIX_LEN, raw, raw_len,
                          FIELD_VARIANT))
        rc = 0;
    if (raw != stack)
        free(raw);
    return rc;
}

char *field_seal(struct arena *a, const char *column, const char *plain)
{
    size_t cap;
    char *out;

    if (!plain)
        return NULL;
    cap = FIELD_SEALED_CAP(strlen(plain));
    out = arena_alloc(a, cap);
    return field_seal_to(out, cap, column, plain) ? NULL : out;
}

/* URL-safe base64 without padding (what sodium_bin2base64 wrote) into out; -1 on a byte
 * outside the alphabet or a length no encoding has. Not constant-time, which the stored
 * ciphertext does not need (sodium_base642bin's constant time cost a quarter of a record's
 * decryption); a changed byte fails the AEAD tag below anyway. */
static int b64url_decode(unsigned char *out, const char *in, size_t len, size_t *out_len)
{
    uint32_t acc = 0;
    size_t n = 0;
    int bits = 0;

    if (len % 4 == 1)
        return -1;
    for (size_t i = 0; i < len; i++) {
        int c = (unsigned char)in[i], v;

        if (c >= 'A' && c <= 'Z')
            v = c - 'A';
        else if (c >= 'a' && c <= 'z')
            v = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            v = c - '0' + 52;
        else if (c == '-' || c == '_')
            v = c == '-' ? 62 : 63;
        else
            return -1;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[n++] = (unsigned char)(acc >> bits);
        }
    }
    if (acc & ((1u << bits) - 1u)) /* the unused low bits of the last character are zero */
        return -1;
    *out_len = n;
    return 0;
}

char *field_open(struct arena *a, const char *column, const char *stored)
{
    size_t len, raw_len = 0;
    unsigned long long plain_len = 0;
    unsigned char *raw;
    char *plain;

    if (!stored || !field_key_ok || strncmp(stored, FIELD_PREFIX, FIELD_PREFIX_LEN) != 0)
        return NULL;
    len = strlen(stored + FIELD_PREFIX_LEN);
    raw = arena_alloc(a, len + 1);
    if (b64url_decode(raw, stored + FIELD_PREFIX_LEN, len, &raw_len) != 0 ||
        raw_len < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES +
                      crypto_aead_xchacha20poly1305_ietf_ABYTES)
        return NULL;
    plain = arena_alloc(a, raw_len + 1);
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            (unsigned char *)plain, &plain_len, NULL,
            raw + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
            raw_len - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
            (const unsigned char *)column, strlen(column), raw, field_key) != 0)
        return NULL;
    plain[plain_len] = '\0';
    return plain;
}
