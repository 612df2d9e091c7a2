/* auth_test.c - password hashing and policy (ASVS 2.1 vectors), TOTP single use, tokens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <string.h>

#include "auth/auth.h"
#include "http/session.h"

static int setup(void **state)
{
    (void)state;
    if (sodium_init() < 0)
        return -1;
    auth_password_init();
    return 0;
}

static void test_hash_roundtrip(void **state)
{
    char hash[AUTH_HASH_MAX];
    struct err e;

    (void)state;
    assert_int_equal(auth_password_hash("kuda-lumping-berlari-77", hash, &e), ERR_OK);
    assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
    assert_true(auth_password_verify(hash, "kuda-lumping-berlari-77"));
    assert_false(auth_password_verify(hash, "kuda-lumping-berlari-78"));
    assert_false(auth_password_verify(NULL, "kuda-lumping-berlari-77"));
}

static const struct {
    const char *id, *password;
    int ok;
} policy_vectors[] = {
    {"pw-1", "abcdefghijk", 0},                 /* 11 chars */
    {"pw-2", "tigaekorkuda", 1},                /* 12 lower-case chars, not common */
    {"pw-3", "password1234", 0},                /* common */
    {"pw-4", "QWERTYUIOP123", 0},               /* common, case-insensitive */
    {"pw-5", "saya-pegawai.dinkes-x", 0},       /* contains the username */
    {"pw-6", "rahasia-abdi-2026", 0},           /* context word */
    {"pw-7", "kantor-bkpsdm-baru", 0},          /* context word */
    {"pw-8", "\xf0\x9f\x98\x80\xea\xa6\xb2\xea\xa6\xa4\xea\xa6\xb2\xea\xa6\xa4 sandi jawa", 1},
    {"pw-9", "\xff\xfe not utf8 at all", 0},
};

static void test_policy(void **state)
{
    const char *ctx[] = {"pegawai.dinkes", NULL};
    struct err e;

    (void)state;
    for (size_t i = 0; i < sizeof policy_vectors / sizeof policy_vectors[0]; i++) {
        enum err_code rc = auth_password_policy(policy_vectors[i].password, ctx, "new_password", &e);

        if ((rc == ERR_OK) != policy_vectors[i].ok)
            fail_msg("%s: '%s' rc=%d", policy_vectors[i].id, policy_vectors[i].password, rc);
        if (rc)
            assert_string_equal(e.field, "new_password");
    }
}

static void test_policy_lengths(void **state)
{
    char pw[200];
    struct err e;

    (void)state;
    for (int i = 0; i < 128; i++)
        pw[i] = (char)('a' + (i * 7) % 26);
    pw[128] = '\0';
    assert_int_equal(auth_password_policy(pw, NULL, "p", &e), ERR_OK); /* 128 allowed */
    pw[128] = 'x';
    pw[129] = '\0';
    assert_int_equal(auth_password_policy(pw, NULL, "p", &e), ERR_INVALID); /* 129 refused */
}

static void test_common_list_size(void **state)
{
    (void)state;
    /* the shipped list: SecLists' top 10,000 are in, so these are refused */
    assert_true(auth_password_is_common("123456"));
    assert_true(auth_password_is_common("iloveyou"));
    assert_false(auth_password_is_common("tigaekorkuda"));
}

static void test_totp_single_use(void **state)
{
    char secret[33], code[7], wrong[7];
    int64_t now = 1700000000, step;

    (void)state;
    auth_totp_secret(secret);
    assert_int_equal(strlen(secret), 32);
    assert_int_equal(auth_totp_code(secret, now, code), 0);
    step = auth_totp_check(secret, code, now, 0);
    assert_true(step == now / 30);
    /* the same code again, once its step is recorded: refused */
    assert_true(auth_totp_check(secret, code, now, step) == 0);
    /* one step of skew allowed, two not */
    assert_true(auth_totp_check(secret, code, now + 30, 0) != 0);
    assert_true(auth_totp_check(secret, code, now + 90, 0) == 0);
    memcpy(wrong, code, sizeof wrong);
    wrong[0] = wrong[0] == '9' ? '0' : (char)(wrong[0] + 1);
    assert_true(auth_totp_check(secret, wrong, now, 0) == 0);
    assert_true(auth_totp_check(secret, "12345", now, 0) == 0);
    assert_true(auth_totp_check(secret, "12a456", now, 0) == 0);
}

static void test_token_equal(void **state)
{
    (void)state;
    assert_true(session_token_equal("abc", "abc"));
    assert_false(session_token_equal("abc", "abd"));
    assert_false(session_token_equal("abc", "abcd"));
    assert_false(session_token_equal("", ""));
}

static void test_demo_passwords(void **state)
{
    (void)state;
    assert_true(auth_password_is_demo("Sandi-Uji-Demo-2026!x"));
    assert_false(auth_password_is_demo("Sandi-Uji-Demo-2026!y"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_roundtrip),  cmocka_unit_test(test_policy),
        cmocka_unit_test(test_policy_lengths),  cmocka_unit_test(test_common_list_size),
        cmocka_unit_test(test_totp_single_use), cmocka_unit_test(test_token_equal),
        cmocka_unit_test(test_demo_passwords),
    };

    return cmocka_run_group_tests(tests, setup, NULL);
}
