/* field.h - encryption at rest of regulated personal data, one column value at a time
 * (security-tests.md 6.1.1: NIK, bank account, medical notes). XChaCha20-Poly1305 (libsodium)
 * with a random nonce per value; the key is derived from the key file outside the database
 * (the audit key file), so neither the database nor a backup of it holds a readable NIK.
 * Stored form: "v1:" + base64url(nonce || ciphertext+tag), without padding. The column name
 * is bound as additional data, so a value copied into another column does not open. */
#ifndef ABDI_FIELD_H
#define ABDI_FIELD_H

#include <stddef.h>

#include "core/mem.h"

#define FIELD_KEY_BYTES 32

/* Set (or, with NULL, wipe) the process-wide key. Until set, seal and open fail. */
void field_key_set(const unsigned char key[FIELD_KEY_BYTES]);
/* The stored form of plain for column (e.g. "employees.nik"); NULL when plain is NULL or
 * no key is set. */
char *field_seal(struct arena *a, const char *column, const char *plain);
/* The same into out[cap]: 0, or -1 when it does not fit (or no key, or plain NULL). */
int field_seal_to(char *out, size_t cap, const char *column, const char *plain);
/* The length of the stored form of n plain bytes, with its NUL. */
#define FIELD_SEALED_CAP(n) (3 + ((24 + (n) + 16 + 2) / 3) * 4 + 1)
/* The plain text of a stored value; NULL for NULL, for a value that does not open (other key,
 * edited, other column) and when no key is set. A value without the "v1:" prefix is refused
 * too: nothing is stored in clear. */
char *field_open(struct arena *a, const char *column, const char *stored);
/* A blind index of plain for column, so a sealed value can be found by its exact plain text
 * without storing it: lower-case hex of keyed BLAKE2b-256 (key: a subkey of the field key,
 * input: column, NUL, plain). 0, or -1 without a key or plain. */
#define FIELD_BLIND_HEX 64
int field_blind(const char *column, const char *plain, char out[FIELD_BLIND_HEX + 1]);

#endif
