/* A user's keys, their wraps and the password hash (keywrap.h). Everything cryptographic is
 * libsodium's: Argon2id for every key taken from a secret, XChaCha20-Poly1305 for the wraps,
 * BLAKE2b (crypto_kdf) for the keys derived from the data key. */
#include "keywrap.h"
#include "keywrap_internal.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sodium.h>

#include "oom.h"

_Static_assert(KEYWRAP_HASH_LEN == crypto_pwhash_STRBYTES, "a hash string fits KEYWRAP_HASH_LEN");
_Static_assert(KEYWRAP_KEY_BYTES == crypto_aead_xchacha20poly1305_ietf_KEYBYTES,
               "the data key is an XChaCha20-Poly1305 key");
_Static_assert(KEYWRAP_KEY_BYTES == crypto_auth_hmacsha256_KEYBYTES,
               "the hash key is an HMAC-SHA-256 key");
_Static_assert(KEYWRAP_KEY_BYTES >= crypto_kdf_BYTES_MIN &&
                   KEYWRAP_KEY_BYTES <= crypto_kdf_BYTES_MAX,
               "crypto_kdf derives keys of this size");

/* The derived keys: one context for both (crypto_kdf wants exactly 8 bytes), told apart by
 * their subkey ids. Changing any of these makes every stored field unreadable. */
#define KDF_CONTEXT "dtfields"
#define SUBKEY_FIELD 1
#define SUBKEY_HASH 2

/* The first bytes of a wrap's associated data; the version moves with the JSON's "v". */
#define WRAP_AD_VERSION "dreamtree-key/1"
#define WRAP_KDF_NAME "argon2id13"
/* The most a wrap may ask of the KDF (keywrap.h): an import must not take hours. The memory
 * is also never more than a size_t holds, on a 32-bit system. */
#define WRAP_OPS_MAX 64ull
#define FOUR_GIB (4ull * 1024 * 1024 * 1024)
#define WRAP_MEM_MAX (FOUR_GIB < SIZE_MAX ? FOUR_GIB : SIZE_MAX)

#define WRAPPED_KEY_BYTES (KEYWRAP_KEY_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
#define RECOVERY_RANDOM_BYTES 20
#define RECOVERY_DIGITS 32
#define RECOVERY_GROUP 4

/* sodium_malloc and crypto_pwhash need the library set up; sodium_init is cheap after the first
 * call, so every entry point that needs it calls this. */
static void sodium_ready(void)
{
    if (sodium_init() < 0)
        dt_oom_abort(); /* only when the system gives no randomness or no pages at all */
}

struct keywrap_limits keywrap_default_limits(void)
{
    return (struct keywrap_limits){crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                   crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

struct keywrap_limits keywrap_test_limits(void)
{
    return (struct keywrap_limits){crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

/* A zeroed keyring in guarded memory, owner set. */
static struct keyring *keyring_alloc(const char *owner)
{
    sodium_ready();
    struct keyring *k = sodium_malloc(sizeof *k);
    if (!k)
        dt_oom_abort();
    sodium_memzero(k, sizeof *k);
    /* an owner is a user id; a longer one is a caller's bug, cut safely rather than overrun */
    store_copy_text(k->owner, sizeof k->owner, owner);
    return k;
}

/* The field and hash keys from the data key. */
static void derive(struct keyring *k)
{
    crypto_kdf_derive_from_key(k->field_key, sizeof k->field_key, SUBKEY_FIELD, KDF_CONTEXT,
                               k->dek);
    crypto_kdf_derive_from_key(k->hash_key, sizeof k->hash_key, SUBKEY_HASH, KDF_CONTEXT, k->dek);
}

struct keyring *keyring_new(const char *owner)
{
    struct keyring *k = keyring_alloc(owner);
    randombytes_buf(k->dek, sizeof k->dek);
    derive(k);
    return k;
}

struct keyring *keyring_from_dek(const char *owner, const unsigned char dek[KEYWRAP_KEY_BYTES])
{
    struct keyring *k = keyring_alloc(owner);
    memcpy(k->dek, dek, sizeof k->dek);
    derive(k);
    return k;
}

void keyring_free(struct keyring **k)
{
    if (!k || !*k)
        return;
    sodium_free(*k); /* zeroes before it unmaps */
    *k = NULL;
}

/* ---- the password hash ---- */

int keywrap_hash_password(const char *password, size_t len, struct keywrap_limits limits,
                          char out[KEYWRAP_HASH_LEN])
{
    sodium_ready();
    if (crypto_pwhash_str_alg(out, password, len, limits.ops, limits.mem,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        out[0] = '\0';
        return -1;
    }
    return 0;
}

bool keywrap_check_password(const char *hash, const char *password, size_t len)
{
    sodium_ready();
    if (!hash || !password)
        return false;
    return crypto_pwhash_str_verify(hash, password, len) == 0;
}

bool keywrap_needs_rehash(const char *hash, struct keywrap_limits limits)
{
    sodium_ready();
    if (!hash)
        return true;
    /* 1: other limits or algorithm; -1: not a hash libsodium reads. Both want a new hash. */
    return crypto_pwhash_str_needs_rehash(hash, limits.ops, limits.mem) != 0;
}

void keywrap_spend_check(const char *password, size_t len, struct keywrap_limits limits)
{
    /* One hash of a password nobody has, made the first time it is needed (and again only if
     * the limits change), so a missing account costs what a wrong password costs. */
    static char dummy[KEYWRAP_HASH_LEN];
    static struct keywrap_limits dummy_limits;
    static bool have_dummy;
    static const char nobody[] = "dreamtree: no account has this password";

    if (!have_dummy || dummy_limits.ops != limits.ops || dummy_limits.mem != limits.mem) {
        if (keywrap_hash_password(nobody, sizeof nobody - 1, limits, dummy) != 0)
            return;
        dummy_limits = limits;
        have_dummy = true;
    }
    (void)keywrap_check_password(dummy, password ? password : "", password ? len : 0);
}

/* ---- wraps ---- */

/* "VERSION" NUL owner NUL purpose: no part holds a NUL, so the split is unambiguous. malloc'd;
 * its length in *n. */
unsigned char *keywrap_associated_data(const char *version, const char *owner, const char *purpose,
                                       size_t *n)
{
    size_t lv = strlen(version), lo = strlen(owner), lp = strlen(purpose);
    unsigned char *ad = dt_oom_malloc(lv + 1 + lo + 1 + lp);
    memcpy(ad, version, lv + 1);
    memcpy(ad + lv + 1, owner, lo + 1);
    memcpy(ad + lv + 1 + lo + 1, purpose, lp);
    *n = lv + 1 + lo + 1 + lp;
    return ad;
}

char *keywrap_base64(const unsigned char *bin, size_t n)
{
    size_t size = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = dt_oom_malloc(size);
    sodium_bin2base64(b64, size, bin, n, sodium_base64_VARIANT_ORIGINAL);
    return b64;
}

/* libsodium 1.0.18 reads some bytes above 0x7F as base64 digits (a '/' with its top bit set
 * decodes as '/'), so a text could be altered and still open: the alphabet is checked first. */
bool keywrap_base64_alphabet_only(const char *b64)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
    return b64[strspn(b64, alphabet)] == '\0';
}

/* Standard padded base64 that decodes to exactly want bytes; false for anything else (other
 * characters, wrong padding, stray bits, another length). */
static bool decode_exact(const char *b64, unsigned char *out, size_t want)
{
    size_t got = 0;
    if (!keywrap_base64_alphabet_only(b64) ||
        sodium_base642bin(out, want, b64, strlen(b64), NULL, &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return false;
    return got == want;
}

/* cJSON returns NULL while building only when it has no memory (it allocates through
 * base/oom.h in the program, through malloc in the tests). */
static void *built(void *item)
{
    if (!item)
        dt_oom_abort();
    return item;
}

char *keywrap_wrap(const struct keyring *k, const char *secret, size_t len, const char *purpose,
                   struct keywrap_limits limits)
{
    sodium_ready();
    unsigned char salt[crypto_pwhash_SALTBYTES];
    unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
    unsigned char kek[KEYWRAP_KEY_BYTES];
    unsigned char sealed[WRAPPED_KEY_BYTES];
    randombytes_buf(salt, sizeof salt);
    randombytes_buf(nonce, sizeof nonce);

    if (crypto_pwhash(kek, sizeof kek, secret, len, salt, limits.ops, limits.mem,
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
        sodium_memzero(kek, sizeof kek);
        return NULL;
    }
    size_t ad_len;
    unsigned char *ad = keywrap_associated_data(WRAP_AD_VERSION, k->owner, purpose, &ad_len);
    unsigned long long sealed_len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(sealed, &sealed_len, k->dek, sizeof k->dek, ad,
                                               ad_len, NULL, nonce, kek);
    sodium_memzero(kek, sizeof kek);
    free(ad);

    char *salt64 = keywrap_base64(salt, sizeof salt);
    char *nonce64 = keywrap_base64(nonce, sizeof nonce);
    char *key64 = keywrap_base64(sealed, (size_t)sealed_len);
    cJSON *o = built(cJSON_CreateObject());
    built(cJSON_AddNumberToObject(o, "v", 1));
    built(cJSON_AddStringToObject(o, "kdf", WRAP_KDF_NAME));
    built(cJSON_AddNumberToObject(o, "ops", (double)limits.ops));
    built(cJSON_AddNumberToObject(o, "mem", (double)limits.mem));
    built(cJSON_AddStringToObject(o, "salt", salt64));
    built(cJSON_AddStringToObject(o, "nonce", nonce64));
    built(cJSON_AddStringToObject(o, "key", key64));
    free(salt64);
    free(nonce64);
    free(key64);
    char *printed = built(cJSON_PrintUnformatted(o));
    cJSON_Delete(o);
    /* a plain malloc'd copy, so the caller frees it with free() whatever cJSON's hooks are */
    char *out = dt_oom_strdup(printed);
    cJSON_free(printed);
    return out;
}

/* A whole number in [lo, hi] as a JSON number; false otherwise. */
static bool whole_in(const cJSON *item, double lo, double hi, double *out)
{
    if (!cJSON_IsNumber(item))
        return false;
    double d = item->valuedouble;
    if (!(d >= lo && d <= hi) || floor(d) != d)
        return false;
    *out = d;
    return true;
}

/* The parts of a wrap, checked as keywrap.h says; false: KEYWRAP_MALFORMED. */
struct wrap_parts {
    struct keywrap_limits limits;
    unsigned char salt[crypto_pwhash_SALTBYTES];
    unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
    unsigned char key[WRAPPED_KEY_BYTES];
};

static bool read_wrap(const char *json, struct wrap_parts *w)
{
    /* nothing in a wrap needs a JSON escape; refusing them also keeps a "\u0000" from cutting
     * one of cJSON's strings short */
    if (!json || strchr(json, '\\'))
        return false;
    cJSON *o = cJSON_ParseWithOpts(json, NULL, 1);
    if (!cJSON_IsObject(o) || cJSON_GetArraySize(o) != 7) {
        cJSON_Delete(o);
        return false;
    }
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "v");
    const cJSON *kdf = cJSON_GetObjectItemCaseSensitive(o, "kdf");
    const cJSON *salt = cJSON_GetObjectItemCaseSensitive(o, "salt");
    const cJSON *nonce = cJSON_GetObjectItemCaseSensitive(o, "nonce");
    const cJSON *key = cJSON_GetObjectItemCaseSensitive(o, "key");
    double version, ops, mem;
    bool ok = whole_in(v, 1, 1, &version) && cJSON_IsString(kdf) &&
              strcmp(kdf->valuestring, WRAP_KDF_NAME) == 0 &&
              whole_in(cJSON_GetObjectItemCaseSensitive(o, "ops"), crypto_pwhash_OPSLIMIT_MIN,
                       (double)WRAP_OPS_MAX, &ops) &&
              whole_in(cJSON_GetObjectItemCaseSensitive(o, "mem"), crypto_pwhash_MEMLIMIT_MIN,
                       (double)WRAP_MEM_MAX, &mem) &&
              cJSON_IsString(salt) && decode_exact(salt->valuestring, w->salt, sizeof w->salt) &&
              cJSON_IsString(nonce) &&
              decode_exact(nonce->valuestring, w->nonce, sizeof w->nonce) && cJSON_IsString(key) &&
              decode_exact(key->valuestring, w->key, sizeof w->key);
    cJSON_Delete(o);
    if (ok) {
        w->limits.ops = (unsigned long long)ops;
        w->limits.mem = (size_t)mem;
    }
    return ok;
}

enum keywrap_result keywrap_unwrap(const char *wrapped_json, const char *owner, const char *secret,
                                   size_t len, const char *purpose, struct keyring **out)
{
    *out = NULL;
    sodium_ready();
    struct wrap_parts w;
    if (!read_wrap(wrapped_json, &w)) {
        sodium_memzero(&w, sizeof w);
        return KEYWRAP_MALFORMED;
    }

    unsigned char kek[KEYWRAP_KEY_BYTES];
    if (crypto_pwhash(kek, sizeof kek, secret, len, w.salt, w.limits.ops, w.limits.mem,
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
        sodium_memzero(kek, sizeof kek);
        sodium_memzero(&w, sizeof w);
        return KEYWRAP_NOMEM;
    }
    /* the keyring first: the associated data uses its owner, cut as keywrap_wrap's was */
    struct keyring *k = keyring_alloc(owner);
    size_t ad_len;
    unsigned char *ad = keywrap_associated_data(WRAP_AD_VERSION, k->owner, purpose, &ad_len);
    unsigned long long dek_len = 0;
    int opened = crypto_aead_xchacha20poly1305_ietf_decrypt(k->dek, &dek_len, NULL, w.key,
                                                            sizeof w.key, ad, ad_len, w.nonce, kek);
    sodium_memzero(kek, sizeof kek);
    sodium_memzero(&w, sizeof w);
    free(ad);
    if (opened != 0 || dek_len != KEYWRAP_KEY_BYTES) {
        keyring_free(&k);
        return KEYWRAP_WRONG;
    }
    derive(k);
    *out = k;
    return KEYWRAP_OK;
}

/* ---- recovery codes ---- */

/* 32 digits into the grouped form XXXX-XXXX-...; out holds KEYWRAP_RECOVERY_LEN bytes. */
static void group_digits(const char digits[RECOVERY_DIGITS], char out[KEYWRAP_RECOVERY_LEN])
{
    size_t at = 0;
    for (size_t i = 0; i < RECOVERY_DIGITS; i++) {
        if (i > 0 && i % RECOVERY_GROUP == 0)
            out[at++] = '-';
        out[at++] = digits[i];
    }
    out[at] = '\0';
}

_Static_assert(RECOVERY_RANDOM_BYTES * 8 == RECOVERY_DIGITS * 5, "every digit carries 5 bits");
_Static_assert(KEYWRAP_RECOVERY_LEN == RECOVERY_DIGITS + RECOVERY_DIGITS / RECOVERY_GROUP - 1 + 1,
               "digits, dashes and the NUL");

void keywrap_recovery_code(char out[KEYWRAP_RECOVERY_LEN])
{
    sodium_ready();
    unsigned char random[RECOVERY_RANDOM_BYTES];
    char digits[RECOVERY_DIGITS];
    randombytes_buf(random, sizeof random);
    /* big-endian bits, five at a time */
    unsigned bits = 0, have = 0;
    size_t next = 0, d = 0;
    while (d < RECOVERY_DIGITS) {
        if (have < 5) {
            bits = (bits << 8) | random[next++];
            have += 8;
        }
        digits[d++] = crockford[(bits >> (have - 5)) & 31u];
        have -= 5;
        bits &= (1u << have) - 1u;
    }
    group_digits(digits, out);
    sodium_memzero(random, sizeof random);
    sodium_memzero(digits, sizeof digits);
}

bool keywrap_recovery_normalise(const char *typed, char out[KEYWRAP_RECOVERY_LEN])
{
    char digits[RECOVERY_DIGITS];
    size_t n = 0;
    bool ok = typed != NULL;
    for (const char *p = typed; ok && *p; p++) {
        char c = *p;
        if (c == ' ' || c == '\t' || c == '-')
            continue;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c == 'O')
            c = '0';
        else if (c == 'I' || c == 'L')
            c = '1';
        if (n == RECOVERY_DIGITS || !strchr(crockford, c)) /* U is not in the alphabet */
            ok = false;
        else
            digits[n++] = c;
    }
    if (ok && n == RECOVERY_DIGITS)
        group_digits(digits, out);
    else
        out[0] = '\0';
    sodium_memzero(digits, sizeof digits);
    return ok && n == RECOVERY_DIGITS;
}

bool keywrap_equal(const void *a, const void *b, size_t n)
{
    return sodium_memcmp(a, b, n) == 0;
}
