/* A claimed user's keys (DESIGN.md 4, docs/security.md): the random data key that encrypts their
 * writing, the keys derived from it, and the two ways it is kept in the database — wrapped under
 * a key derived from the password, and wrapped under a key derived from a one-time recovery code.
 * Also the password hash of auth.password_hash. No SQL here; db/accounts.c stores what this
 * makes. Every secret compare is constant-time; every key lives in libsodium's guarded memory. */
#ifndef DT_KEYWRAP_H
#define DT_KEYWRAP_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

#define KEYWRAP_KEY_BYTES 32
/* crypto_pwhash_STRBYTES: an Argon2id hash string and its NUL. */
#define KEYWRAP_HASH_LEN 128
/* "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX": 32 Crockford base32 digits (160 bits) in groups. */
#define KEYWRAP_RECOVERY_LEN 40

/* Argon2id's cost: operations and memory in bytes. Recorded with every hash and wrap, so a
 * change of default still opens what was made before. */
struct keywrap_limits {
    unsigned long long ops;
    size_t mem;
};

/* libsodium's INTERACTIVE limits: what the program uses. */
struct keywrap_limits keywrap_default_limits(void);
/* libsodium's MIN limits: only for tests and the benchmark's generator, never the program. */
struct keywrap_limits keywrap_test_limits(void);

/* A user's keys, in memory from sodium_malloc (guarded pages, locked where the system allows,
 * zeroed when freed). owner is the user id the keys belong to; it is bound into every wrap and
 * every field (envelope.h), so a ciphertext cannot be moved to another user. */
struct keyring {
    char owner[STORE_ID_LEN];
    unsigned char dek[KEYWRAP_KEY_BYTES];       /* the data key: random, never stored in clear */
    unsigned char field_key[KEYWRAP_KEY_BYTES]; /* derived: encrypts fields */
    unsigned char hash_key[KEYWRAP_KEY_BYTES];  /* derived: keys content_hash */
};

/* A new random data key for owner and its derived keys. Free with keyring_free. Out of memory
 * aborts (base/oom.h). */
struct keyring *keyring_new(const char *owner);
/* A keyring for owner holding the given data key and the keys derived from it, built as
 * keywrap_unwrap builds one: for tests, fuzz harnesses and the benchmark's generator, which need
 * the same keys on every run. Free with keyring_free. Out of memory aborts (base/oom.h). */
struct keyring *keyring_from_dek(const char *owner, const unsigned char dek[KEYWRAP_KEY_BYTES]);
/* Zeroes and frees the keys; sets *k to NULL. NULL-safe. */
void keyring_free(struct keyring **k);

/* The Argon2id hash of a password for auth.password_hash (crypto_pwhash_str). 0 on success,
 * -1 when libsodium refuses (out of memory for the KDF). */
int keywrap_hash_password(const char *password, size_t len, struct keywrap_limits limits,
                          char out[KEYWRAP_HASH_LEN]);
/* True when password matches hash (constant-time inside libsodium). */
bool keywrap_check_password(const char *hash, const char *password, size_t len);
/* True when hash was made with other limits than these (rehash after a successful check). */
bool keywrap_needs_rehash(const char *hash, struct keywrap_limits limits);
/* Spends what a check of a real hash with these limits spends, for an email that has no
 * account, so the time taken does not tell the two apart. */
void keywrap_spend_check(const char *password, size_t len, struct keywrap_limits limits);

/* Wraps k's data key under a key derived from secret (a password, or a recovery code as
 * keywrap_recovery_normalise gives it) with a fresh salt and nonce. purpose ("password" or
 * "recovery") is bound in with k->owner. Returns malloc'd JSON text for auth.wrapped_data_key:
 *   {"v":1,"kdf":"argon2id13","ops":N,"mem":N,"salt":B64,"nonce":B64,"key":B64}
 * (B64: standard base64 with padding). NULL when the KDF fails. */
char *keywrap_wrap(const struct keyring *k, const char *secret, size_t len, const char *purpose,
                   struct keywrap_limits limits);

enum keywrap_result {
    KEYWRAP_OK,
    KEYWRAP_WRONG,     /* the secret is not the one it was wrapped with (or the wrap was altered) */
    KEYWRAP_MALFORMED, /* not a wrap this build can read */
    KEYWRAP_NOMEM,     /* the KDF could not get its memory */
};

/* Unwraps what keywrap_wrap made for owner and purpose: on KEYWRAP_OK *out is a new keyring
 * (keyring_free), else NULL. Limits are read from the wrap, but a wrap asking for more than
 * 4 GiB or 64 operations is KEYWRAP_MALFORMED (an import must not make us spend hours). */
enum keywrap_result keywrap_unwrap(const char *wrapped_json, const char *owner, const char *secret,
                                   size_t len, const char *purpose, struct keyring **out);

/* A new random recovery code, grouped for reading aloud. */
void keywrap_recovery_code(char out[KEYWRAP_RECOVERY_LEN]);
/* A code as typed (any case, spaces or dashes anywhere, O for 0, I and L for 1) in the form
 * keywrap_recovery_code writes; false when it cannot be one (wrong length, a letter that is
 * never used). */
bool keywrap_recovery_normalise(const char *typed, char out[KEYWRAP_RECOVERY_LEN]);

/* Constant-time equality of two byte strings of the same length. */
bool keywrap_equal(const void *a, const void *b, size_t n);

#endif
