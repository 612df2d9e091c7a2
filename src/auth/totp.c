/* totp.c - RFC 6238 one-time codes through liboath: 30-second steps, 6 digits, one step of
 * clock skew either way. A code is accepted once: the caller records the step it matched
 * (auth_user_totp_step) and refuses steps at or before the last one. */
#include "auth/auth.h"

#include <liboath/oath.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define TOTP_STEP_S 30
#define TOTP_DIGITS 6

static int oath_ready;

static void totp_init(void)
{
    if (!oath_ready) {
        oath_init();
        oath_ready = 1;
    }
}

void auth_totp_secret(char out[33])
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    unsigned char raw[32];

    randombytes_buf(raw, sizeof raw);
    for (int i = 0; i < 32; i++)
        out[i] = alphabet[raw[i] & 31];
    out[32] = '\0';
    sodium_memzero(raw, sizeof raw);
}

static int decode(const char *b32, char **secret, size_t *len)
{
    totp_init();
    if (!b32 || !*b32)
        return -1;
    return oath_base32_decode(b32, strlen(b32), secret, len) == OATH_OK ? 0 : -1;
}

int64_t auth_totp_check(const char *secret_b32, const char *code, int64_t now, int64_t last_step)
{
    char *secret = NULL;
    size_t len = 0;
    int pos = 0, r;
    int64_t step;

    if (!code || strlen(code) != TOTP_DIGITS || strspn(code, "0123456789") != TOTP_DIGITS)
        return 0;
    if (decode(secret_b32, &secret, &len))
        return 0;
    r = oath_totp_validate2(secret, len, (time_t)now, TOTP_STEP_S, 0, 1, &pos, code);
    sodium_memzero(secret, len);
    free(secret);
    if (r < 0)
        return 0;
    step = now / TOTP_STEP_S + pos;
    return step > last_step ? step : 0;
}

int auth_totp_code(const char *secret_b32, int64_t now, char out[7])
{
    char *secret = NULL;
    size_t len = 0;
    int r;

    if (decode(secret_b32, &secret, &len))
        return -1;
    r = oath_totp_generate(secret, len, (time_t)now, TOTP_STEP_S, 0, TOTP_DIGITS, out);
    sodium_memzero(secret, len);
    free(secret);
    return r == OATH_OK ? 0 : -1;
}
