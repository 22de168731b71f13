/* The crypto modules of accounts (db/keywrap.c, db/envelope.c): keyrings and their derived keys,
 * the password and recovery wraps, the password hash, recovery codes, sealed fields and the
 * keyed content hash. Every KDF runs with the test limits except in test_default_limits. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sodium.h>

#include "check.h"
#include "envelope.h"
#include "keywrap.h"

static const char owner_a[] = "11111111-1111-4111-8111-111111111111";
static const char owner_b[] = "22222222-2222-4222-8222-222222222222";
static const char secret[] = "correct horse battery staple";
static const char field_a[] = "exercise_responses.response_json:1.1.1";
static const char field_b[] = "exercise_responses.response_json:1.1.2";

/* Pinned outputs for the data key 00 01 02 ... 1f (checked once against an independent
 * BLAKE2b and XChaCha20-Poly1305, see test_derivation_is_pinned and test_envelope_pinned). */
#define FIELD_KEY_0_31 "d6c81bfd1b5dce0f5a627763398255b735c445adcbc7d88f13ea4e9e504617f5"
#define HASH_KEY_0_31 "1319dbee88efe11ee069d5d71b15453d5e8a7b9eeda93b36f750757993d3fc98"
#define PINNED_SEAL                                                                                \
    "{\"dt_sealed\":1,\"nonce\":\"Z1N+rF2Q1nX99WvM8z3g1sTFWEb0ogsP\",\"data\":"                    \
    "\"Z8Pf/ARXg/lkdym+abmd520EmyvAiW5Hy6mH5p0PK1WCWFA=\"}"

static struct keywrap_limits test_limits(void)
{
    return keywrap_test_limits();
}

static char *hex(const unsigned char *bin, size_t n)
{
    static char buf[4][2 * 64 + 1];
    static int next;
    char *out = buf[next++ % 4];
    sodium_bin2hex(out, sizeof buf[0], bin, n);
    return out;
}

/* ---- keyrings ---- */

static void test_keyring(void)
{
    struct keyring *a = keyring_new(owner_a);
    struct keyring *b = keyring_new(owner_a);
    CHECK_STR(a->owner, owner_a);
    CHECK(!keywrap_equal(a->dek, b->dek, KEYWRAP_KEY_BYTES));
    CHECK(!keywrap_equal(a->dek, a->field_key, KEYWRAP_KEY_BYTES));
    CHECK(!keywrap_equal(a->field_key, a->hash_key, KEYWRAP_KEY_BYTES));

    struct keyring *c = keyring_from_dek(owner_b, a->dek);
    CHECK_STR(c->owner, owner_b);
    CHECK(keywrap_equal(a->dek, c->dek, KEYWRAP_KEY_BYTES));
    CHECK(keywrap_equal(a->field_key, c->field_key, KEYWRAP_KEY_BYTES));
    CHECK(keywrap_equal(a->hash_key, c->hash_key, KEYWRAP_KEY_BYTES));

    /* an owner longer than an id is cut, not overrun */
    char long_owner[100];
    memset(long_owner, 'x', sizeof long_owner - 1);
    long_owner[sizeof long_owner - 1] = '\0';
    struct keyring *d = keyring_new(long_owner);
    CHECK_INT(strlen(d->owner), STORE_ID_LEN - 1);

    keyring_free(&a);
    keyring_free(&b);
    keyring_free(&c);
    keyring_free(&d);
    CHECK(a == NULL);
    keyring_free(&a); /* NULL-safe */
    keyring_free(NULL);
}

/* The derivation is part of the stored format: changing the context or subkey ids would make
 * every sealed field unreadable, so its output for a fixed data key is pinned here. */
static void test_derivation_is_pinned(void)
{
    unsigned char dek[KEYWRAP_KEY_BYTES];
    for (size_t i = 0; i < sizeof dek; i++)
        dek[i] = (unsigned char)i;
    struct keyring *k = keyring_from_dek(owner_a, dek);
    CHECK_STR(hex(k->field_key, KEYWRAP_KEY_BYTES), FIELD_KEY_0_31);
    CHECK_STR(hex(k->hash_key, KEYWRAP_KEY_BYTES), HASH_KEY_0_31);
    keyring_free(&k);
}

/* ---- wraps ---- */

static void test_wrap_round_trip(void)
{
    struct keyring *k = keyring_new(owner_a);
    char *wrap = keywrap_wrap(k, secret, strlen(secret), "password", test_limits());
    CHECK(wrap != NULL);
    CHECK(strncmp(wrap, "{\"v\":1,\"kdf\":\"argon2id13\",\"ops\":1,\"mem\":8192,\"salt\":\"", 52) ==
          0);
    CHECK(strstr(wrap, "\",\"nonce\":\"") != NULL);
    CHECK(strstr(wrap, "\",\"key\":\"") != NULL);
    CHECK_INT(wrap[strlen(wrap) - 1], '}');

    struct keyring *out = NULL;
    CHECK_INT(keywrap_unwrap(wrap, owner_a, secret, strlen(secret), "password", &out), KEYWRAP_OK);
    CHECK(out != NULL);
    if (out) {
        CHECK_STR(out->owner, owner_a);
        CHECK(keywrap_equal(out->dek, k->dek, KEYWRAP_KEY_BYTES));
        CHECK(keywrap_equal(out->field_key, k->field_key, KEYWRAP_KEY_BYTES));
        CHECK(keywrap_equal(out->hash_key, k->hash_key, KEYWRAP_KEY_BYTES));
    }
    keyring_free(&out);

    /* two wraps of the same key differ: fresh salt and nonce */
    char *again = keywrap_wrap(k, secret, strlen(secret), "password", test_limits());
    CHECK(strcmp(wrap, again) != 0);
    CHECK_INT(keywrap_unwrap(again, owner_a, secret, strlen(secret), "password", &out), KEYWRAP_OK);
    keyring_free(&out);
    free(again);
    free(wrap);
    keyring_free(&k);
}

static void test_wrap_refuses_others(void)
{
    struct keyring *k = keyring_new(owner_a);
    char *wrap = keywrap_wrap(k, secret, strlen(secret), "password", test_limits());
    struct keyring *out = keyring_new(owner_b); /* must come back NULL */
    CHECK_INT(keywrap_unwrap(wrap, owner_a, "correct horse battery stapl", strlen(secret) - 1,
                             "password", &out),
              KEYWRAP_WRONG);
    CHECK(out == NULL);
    CHECK_INT(keywrap_unwrap(wrap, owner_a, "Correct horse battery staple", strlen(secret),
                             "password", &out),
              KEYWRAP_WRONG);
    CHECK_INT(keywrap_unwrap(wrap, owner_a, "", 0, "password", &out), KEYWRAP_WRONG);
    CHECK_INT(keywrap_unwrap(wrap, owner_b, secret, strlen(secret), "password", &out),
              KEYWRAP_WRONG);
    CHECK_INT(keywrap_unwrap(wrap, owner_a, secret, strlen(secret), "recovery", &out),
              KEYWRAP_WRONG);
    CHECK(out == NULL);
    free(wrap);
    keyring_free(&k);
}

static void test_default_limits(void)
{
    struct keywrap_limits d = keywrap_default_limits();
    CHECK_INT(d.ops, crypto_pwhash_OPSLIMIT_INTERACTIVE);
    CHECK_INT(d.mem, crypto_pwhash_MEMLIMIT_INTERACTIVE);
    struct keyring *k = keyring_new(owner_a);
    char *wrap = keywrap_wrap(k, secret, strlen(secret), "recovery", d);
    CHECK(wrap && strstr(wrap, "\"ops\":2,\"mem\":67108864,") != NULL);
    struct keyring *out = NULL;
    CHECK_INT(keywrap_unwrap(wrap, owner_a, secret, strlen(secret), "recovery", &out), KEYWRAP_OK);
    CHECK(out && keywrap_equal(out->dek, k->dek, KEYWRAP_KEY_BYTES));
    keyring_free(&out);
    free(wrap);
    keyring_free(&k);
}

/* wrap with member replaced by value (NULL: removed), then unwrapped as owner_a's password. */
static enum keywrap_result unwrap_edited(const char *wrap, const char *member, cJSON *value)
{
    cJSON *o = cJSON_Parse(wrap);
    if (value)
        cJSON_ReplaceItemInObjectCaseSensitive(o, member, value);
    else
        cJSON_DeleteItemFromObjectCaseSensitive(o, member);
    char *text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    struct keyring *out = NULL;
    enum keywrap_result r = keywrap_unwrap(text, owner_a, secret, strlen(secret), "password", &out);
    if ((r == KEYWRAP_OK) != (out != NULL))
        r = (enum keywrap_result) - 1; /* a result that no check expects */
    keyring_free(&out);
    cJSON_free(text);
    return r;
}

/* The base64 member of wrap (or envelope) text, decoded; its length in *n. */
static unsigned char *member_bytes(const char *text, const char *member, size_t *n)
{
    cJSON *o = cJSON_Parse(text);
    const char *b64 = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, member));
    size_t len = strlen(b64);
    unsigned char *bin = malloc(len);
    sodium_base642bin(bin, len, b64, len, NULL, n, NULL, sodium_base64_VARIANT_ORIGINAL);
    cJSON_Delete(o);
    return bin;
}

/* A JSON string of n bytes in standard base64. */
static cJSON *b64_item(const unsigned char *bin, size_t n)
{
    size_t size = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(size);
    sodium_bin2base64(b64, size, bin, n, sodium_base64_VARIANT_ORIGINAL);
    cJSON *item = cJSON_CreateString(b64);
    free(b64);
    return item;
}

/* member's bytes with one bit flipped (bit < 0: one byte fewer; bit == -2: one byte more). */
static cJSON *altered(const char *text, const char *member, long bit)
{
    size_t n = 0;
    unsigned char *bin = member_bytes(text, member, &n);
    bin = realloc(bin, n + 1);
    if (bit >= 0)
        bin[(size_t)bit / 8 % n] ^= (unsigned char)(1u << (bit % 8));
    else if (bit == -1)
        n--;
    else
        bin[n++] = 0;
    cJSON *item = b64_item(bin, n);
    free(bin);
    return item;
}

static void test_wrap_altered(void)
{
    struct keyring *k = keyring_new(owner_a);
    char *w = keywrap_wrap(k, secret, strlen(secret), "password", test_limits());
    CHECK_INT(unwrap_edited(w, "v", cJSON_CreateNumber(1)), KEYWRAP_OK); /* the editing works */

    static const char *members[] = {"v", "kdf", "ops", "mem", "salt", "nonce", "key"};
    for (size_t i = 0; i < sizeof members / sizeof *members; i++) {
        CHECK_INT(unwrap_edited(w, members[i], NULL), KEYWRAP_MALFORMED);
        CHECK_INT(unwrap_edited(w, members[i], cJSON_CreateNull()), KEYWRAP_MALFORMED);
        CHECK_INT(unwrap_edited(w, members[i], cJSON_CreateObject()), KEYWRAP_MALFORMED);
    }
    CHECK_INT(unwrap_edited(w, "v", cJSON_CreateNumber(2)), KEYWRAP_MALFORMED);
    CHECK_INT(unwrap_edited(w, "v", cJSON_CreateString("1")), KEYWRAP_MALFORMED);
    CHECK_INT(unwrap_edited(w, "kdf", cJSON_CreateString("argon2i13")), KEYWRAP_MALFORMED);
    CHECK_INT(unwrap_edited(w, "kdf", cJSON_CreateString("")), KEYWRAP_MALFORMED);
    CHECK_INT(unwrap_edited(w, "ops", cJSON_CreateNumber(0)), KEYWRAP_MALFORMED);
    CHECK_INT(unwrap_edited(w, "ops", cJSON_CreateNumber(65)), KEYWRAP_MALFORMED);
    CHECK_INT(unwrap_edited(w, "ops", cJSON_CreateNumber(1e12)), KEYWRAP_MALFORMED);
    CHECK_INT(unwrap_edited(w, "ops", cJSON_CreateNumber(-1)), KEYWRAP_MALFORMED);
    CHECK_INT(unwrap_edited(w, "ops", cJSON_CreateNumber(1.5)), KEYWRAP_MALFORMED);
    CHECK_INT(unwrap_edited(w, "ops", cJSON_CreateString("1")), KEYWRAP_MALFORMED);
    CHECK_INT(unwrap_edited(w, "mem", cJSON_CreateNumber(8191)), KEYWRAP_MALFORMED);
    CHECK_INT(unwrap_edited(w, "mem", cJSON_CreateNumber(5.0 * 1024 * 1024 * 1024)),
              KEYWRAP_MALFORMED);
    CHECK_INT(unwrap_edited(w, "mem", cJSON_CreateNumber(1e300)), KEYWRAP_MALFORMED);
    /* limits a wrap may have, but not the ones this one was made with: another KEK */
    CHECK_INT(unwrap_edited(w, "ops", cJSON_CreateNumber(2)), KEYWRAP_WRONG);
    CHECK_INT(unwrap_edited(w, "mem", cJSON_CreateNumber(16384)), KEYWRAP_WRONG);

    static const char *blobs[] = {"salt", "nonce", "key"};
    for (size_t i = 0; i < sizeof blobs / sizeof *blobs; i++) {
        CHECK_INT(unwrap_edited(w, blobs[i], altered(w, blobs[i], 0)), KEYWRAP_WRONG);
        CHECK_INT(unwrap_edited(w, blobs[i], altered(w, blobs[i], 77)), KEYWRAP_WRONG);
        CHECK_INT(unwrap_edited(w, blobs[i], altered(w, blobs[i], 127)), KEYWRAP_WRONG);
        CHECK_INT(unwrap_edited(w, blobs[i], altered(w, blobs[i], -1)), KEYWRAP_MALFORMED);
        CHECK_INT(unwrap_edited(w, blobs[i], altered(w, blobs[i], -2)), KEYWRAP_MALFORMED);
        CHECK_INT(unwrap_edited(w, blobs[i], cJSON_CreateString("not base64!")), KEYWRAP_MALFORMED);
        CHECK_INT(unwrap_edited(w, blobs[i], cJSON_CreateString("")), KEYWRAP_MALFORMED);
    }
    /* a salt of its own (all ones: "/////..."), then with a '/' whose top bit is set, which
     * libsodium 1.0.18 alone would read as a '/' */
    unsigned char ones[crypto_pwhash_SALTBYTES];
    memset(ones, 0xff, sizeof ones);
    CHECK_INT(unwrap_edited(w, "salt", b64_item(ones, sizeof ones)), KEYWRAP_WRONG);
    cJSON *high = b64_item(ones, sizeof ones);
    high->valuestring[3] = (char)0xaf;
    CHECK_INT(unwrap_edited(w, "salt", high), KEYWRAP_MALFORMED);
    /* the last bit of the tag too */
    CHECK_INT(unwrap_edited(w, "key", altered(w, "key", 8 * 48 - 1)), KEYWRAP_WRONG);

    /* the text around the members */
    struct keyring *out = NULL;
    char *extra = malloc(strlen(w) + 32);
    snprintf(extra, strlen(w) + 32, "%.*s,\"x\":1}", (int)strlen(w) - 1, w);
    CHECK_INT(keywrap_unwrap(extra, owner_a, secret, strlen(secret), "password", &out),
              KEYWRAP_MALFORMED);
    snprintf(extra, strlen(w) + 32, "%s x", w);
    CHECK_INT(keywrap_unwrap(extra, owner_a, secret, strlen(secret), "password", &out),
              KEYWRAP_MALFORMED);
    snprintf(extra, strlen(w) + 32, "%.*s", (int)strlen(w) - 1, w);
    CHECK_INT(keywrap_unwrap(extra, owner_a, secret, strlen(secret), "password", &out),
              KEYWRAP_MALFORMED);
    /* the same text with an escape that means the same: refused, nothing here needs one */
    snprintf(extra, strlen(w) + 32, "%s", w);
    char *kdf = strstr(extra, "argon2id13");
    memmove(kdf + 6, kdf + 1, strlen(kdf + 1) + 1);
    memcpy(kdf, "\\u0061", 6);
    CHECK_INT(keywrap_unwrap(extra, owner_a, secret, strlen(secret), "password", &out),
              KEYWRAP_MALFORMED);
    CHECK_INT(keywrap_unwrap("", owner_a, secret, strlen(secret), "password", &out),
              KEYWRAP_MALFORMED);
    CHECK_INT(keywrap_unwrap("[]", owner_a, secret, strlen(secret), "password", &out),
              KEYWRAP_MALFORMED);
    CHECK_INT(keywrap_unwrap(NULL, owner_a, secret, strlen(secret), "password", &out),
              KEYWRAP_MALFORMED);
    CHECK(out == NULL);
    free(extra);
    free(w);
    keyring_free(&k);
}

/* ---- the password hash ---- */

static void test_password_hash(void)
{
    char hash[KEYWRAP_HASH_LEN];
    CHECK_INT(keywrap_hash_password("hunter2", 7, test_limits(), hash), 0);
    CHECK(strncmp(hash, "$argon2id$v=19$m=8,t=1,p=1$", 27) == 0);
    CHECK(keywrap_check_password(hash, "hunter2", 7));
    CHECK(!keywrap_check_password(hash, "hunter3", 7));
    CHECK(!keywrap_check_password(hash, "hunter2", 6));
    CHECK(!keywrap_check_password(hash, "", 0));
    CHECK(!keywrap_check_password("not a hash", "hunter2", 7));
    CHECK(!keywrap_needs_rehash(hash, test_limits()));
    CHECK(keywrap_needs_rehash(hash, keywrap_default_limits()));
    CHECK(keywrap_needs_rehash(hash, (struct keywrap_limits){2, crypto_pwhash_MEMLIMIT_MIN}));
    CHECK(keywrap_needs_rehash("not a hash", test_limits()));

    char again[KEYWRAP_HASH_LEN];
    keywrap_hash_password("hunter2", 7, test_limits(), again);
    CHECK(strcmp(hash, again) != 0); /* salted */

    /* it checks a password against a hash nobody has; nothing to see but that it returns, for
     * both limits and again after a change */
    keywrap_spend_check("hunter2", 7, test_limits());
    keywrap_spend_check("hunter2", 7, test_limits());
    keywrap_spend_check("", 0, (struct keywrap_limits){2, crypto_pwhash_MEMLIMIT_MIN});
    CHECK(keywrap_check_password(hash, "hunter2", 7));
}

/* ---- recovery codes ---- */

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static void test_recovery_code(void)
{
    char code[KEYWRAP_RECOVERY_LEN], other[KEYWRAP_RECOVERY_LEN];
    keywrap_recovery_code(code);
    keywrap_recovery_code(other);
    CHECK_INT(strlen(code), KEYWRAP_RECOVERY_LEN - 1);
    CHECK(strcmp(code, other) != 0);
    int bad = 0;
    for (size_t i = 0; i < strlen(code); i++) {
        if (i % 5 == 4)
            bad += code[i] != '-';
        else
            bad += !strchr(crockford, code[i]);
    }
    CHECK_INT(bad, 0);

    /* across many codes, every digit turns up in the first place and the last (no bits lost) */
    int seen_first[32] = {0}, seen_last[32] = {0};
    for (int i = 0; i < 2000; i++) {
        keywrap_recovery_code(code);
        seen_first[strchr(crockford, code[0]) - crockford] = 1;
        seen_last[strchr(crockford, code[38]) - crockford] = 1;
    }
    int firsts = 0, lasts = 0;
    for (int i = 0; i < 32; i++) {
        firsts += seen_first[i];
        lasts += seen_last[i];
    }
    CHECK_INT(firsts, 32);
    CHECK_INT(lasts, 32);

    char normal[KEYWRAP_RECOVERY_LEN];
    CHECK(keywrap_recovery_normalise(code, normal));
    CHECK_STR(normal, code);
}

static void test_recovery_normalise(void)
{
    const char *want = "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ";
    static const char *typed[] = {
        "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ",      "0123-4567-89ab-cdef-ghjk-mnpq-rstv-wxyz",
        "0123 4567 89AB CDEF GHJK MNPQ RSTV WXYZ",      "0123456789ABCDEFGHJKMNPQRSTVWXYZ",
        "  01-23\t4567--89abCDEF ghjkMNPQ rstv WXYZ  ", "o123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ",
        "O123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ",      "0i23-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ",
        "0L23-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ",      "0l23-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ",
    };
    for (size_t i = 0; i < sizeof typed / sizeof *typed; i++) {
        char out[KEYWRAP_RECOVERY_LEN] = "";
        CHECK(keywrap_recovery_normalise(typed[i], out));
        CHECK_STR(out, want);
    }
    static const char *refused[] = {
        "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXY",       /* 31 digits */
        "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ0",     /* 33 */
        "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ-0000", /* 36 */
        "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTU-WXYZ",      /* U is never used */
        "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTu-WXYZ",
        "0123.4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ", /* punctuation */
        "0123_4567_89AB_CDEF_GHJK_MNPQ_RSTV_WXYZ",
        "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXY\xc3\x9a", /* not ASCII */
        "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ\n",
        "",
        "--------",
    };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        char out[KEYWRAP_RECOVERY_LEN] = "junk";
        CHECK(!keywrap_recovery_normalise(refused[i], out));
        CHECK_STR(out, "");
    }
    char out[KEYWRAP_RECOVERY_LEN];
    CHECK(!keywrap_recovery_normalise(NULL, out));

    /* what a person typed unwraps what the code wrapped */
    struct keyring *k = keyring_new(owner_a);
    char code[KEYWRAP_RECOVERY_LEN], lower[KEYWRAP_RECOVERY_LEN], norm[KEYWRAP_RECOVERY_LEN];
    keywrap_recovery_code(code);
    char *w = keywrap_wrap(k, code, strlen(code), "recovery", test_limits());
    for (size_t i = 0; i < sizeof code; i++)
        lower[i] = (code[i] >= 'A' && code[i] <= 'Z') ? (char)(code[i] - 'A' + 'a') : code[i];
    CHECK(keywrap_recovery_normalise(lower, norm));
    struct keyring *out_k = NULL;
    CHECK_INT(keywrap_unwrap(w, owner_a, norm, strlen(norm), "recovery", &out_k), KEYWRAP_OK);
    CHECK(out_k && keywrap_equal(out_k->dek, k->dek, KEYWRAP_KEY_BYTES));
    keyring_free(&out_k);
    free(w);
    keyring_free(&k);
}

static void test_equal(void)
{
    CHECK(keywrap_equal("abcd", "abcd", 4));
    CHECK(!keywrap_equal("abcd", "abce", 4));
    CHECK(keywrap_equal("abcd", "abce", 3));
    CHECK(keywrap_equal("", "x", 0));
}

/* ---- envelopes ---- */

static void round_trip(const struct keyring *k, const char *clear, size_t n)
{
    char *sealed = envelope_seal(k, field_a, clear, n);
    CHECK(strncmp(sealed, "{\"dt_sealed\":1,\"nonce\":\"", 24) == 0);
    CHECK(envelope_is_sealed(sealed));
    char *back = (char *)"unset";
    size_t back_n = 12345;
    CHECK_INT(envelope_open(k, field_a, sealed, &back, &back_n), ENVELOPE_OK);
    CHECK_INT(back_n, n);
    CHECK(back && memcmp(back, clear, n) == 0 && back[n] == '\0');
    free(back);
    free(sealed);
}

static void test_envelope_round_trip(void)
{
    struct keyring *k = keyring_new(owner_a);
    round_trip(k, "", 0);
    round_trip(k, "{\"answer\":\"yes\"}", 16);
    const char *utf8 = "{\"answer\":\"caf\xc3\xa9 \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac "
                       "\xf0\x9f\x8c\xb3\"}";
    round_trip(k, utf8, strlen(utf8));

    size_t big = 1024 * 1024;
    char *text = malloc(big + 1);
    memset(text, 'a', big);
    memcpy(text, "{\"answer\":\"", 11);
    memcpy(text + big - 2, "\"}", 2);
    text[big] = '\0';
    round_trip(k, text, big);
    free(text);

    /* n with no NULL for the length */
    char *sealed = envelope_seal(k, field_a, "[1]", 3);
    char *back = NULL;
    CHECK_INT(envelope_open(k, field_a, sealed, &back, NULL), ENVELOPE_OK);
    CHECK_STR(back, "[1]");
    free(back);
    free(sealed);
    keyring_free(&k);
}

static void test_envelope_pinned(void)
{
    /* A seal made once with the fixed key below: the format, the AD layout and the derivation
     * must keep opening what earlier builds wrote. */
    unsigned char dek[KEYWRAP_KEY_BYTES];
    for (size_t i = 0; i < sizeof dek; i++)
        dek[i] = (unsigned char)i;
    struct keyring *k = keyring_from_dek(owner_a, dek);
    char *clear = NULL;
    CHECK_INT(envelope_open(k, field_a, PINNED_SEAL, &clear, NULL), ENVELOPE_OK);
    CHECK_STR(clear, "{\"answer\":\"pinned\"}");
    free(clear);
    /* libsodium 1.0.18 alone would read this '/' with its top bit set as a '/' */
    char altered_seal[] = PINNED_SEAL;
    *strchr(altered_seal + 60, '/') = (char)0xaf;
    CHECK_INT(envelope_open(k, field_a, altered_seal, &clear, NULL), ENVELOPE_MALFORMED);
    keyring_free(&k);
}

static void test_envelope_other_reader(void)
{
    struct keyring *k = keyring_new(owner_a);
    struct keyring *other = keyring_new(owner_a);
    struct keyring *same_key_other_owner = keyring_from_dek(owner_b, k->dek);
    const char *clear = "{\"answer\":\"mine\"}";
    char *sealed = envelope_seal(k, field_a, clear, strlen(clear));
    char *back = NULL;
    CHECK_INT(envelope_open(other, field_a, sealed, &back, NULL), ENVELOPE_UNREADABLE);
    CHECK(back == NULL);
    CHECK_INT(envelope_open(same_key_other_owner, field_a, sealed, &back, NULL),
              ENVELOPE_UNREADABLE);
    CHECK_INT(envelope_open(k, field_b, sealed, &back, NULL), ENVELOPE_UNREADABLE);
    CHECK_INT(envelope_open(k, "", sealed, &back, NULL), ENVELOPE_UNREADABLE);
    CHECK(back == NULL);
    CHECK_INT(envelope_open(k, field_a, sealed, &back, NULL), ENVELOPE_OK);
    free(back);
    free(sealed);
    keyring_free(&k);
    keyring_free(&other);
    keyring_free(&same_key_other_owner);
}

/* envelope text with member replaced by value (NULL: removed), opened with k for field_a. */
static enum envelope_result open_edited(const struct keyring *k, const char *sealed,
                                        const char *member, cJSON *value)
{
    cJSON *o = cJSON_Parse(sealed);
    if (value)
        cJSON_ReplaceItemInObjectCaseSensitive(o, member, value);
    else
        cJSON_DeleteItemFromObjectCaseSensitive(o, member);
    char *text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    char *back = NULL;
    enum envelope_result r = envelope_open(k, field_a, text, &back, NULL);
    if ((r == ENVELOPE_OK) != (back != NULL))
        r = (enum envelope_result) - 1;
    free(back);
    cJSON_free(text);
    return r;
}

static void test_envelope_flipped_bits(void)
{
    struct keyring *k = keyring_new(owner_a);
    const char *clear = "{\"answer\":\"a flipped bit never opens\"}";
    char *sealed = envelope_seal(k, field_a, clear, strlen(clear));
    CHECK_INT(open_edited(k, sealed, "dt_sealed", cJSON_CreateNumber(1)), ENVELOPE_OK);

    /* every bit of the nonce and of the ciphertext with its tag */
    size_t data_n = 0;
    free(member_bytes(sealed, "data", &data_n));
    CHECK_INT(data_n, strlen(clear) + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    int nonce_wrong = 0, data_wrong = 0;
    for (long bit = 0; bit < 24 * 8; bit++)
        nonce_wrong += open_edited(k, sealed, "nonce", altered(sealed, "nonce", bit)) !=
                       ENVELOPE_UNREADABLE;
    for (long bit = 0; bit < (long)data_n * 8; bit++)
        data_wrong += open_edited(k, sealed, "data", altered(sealed, "data", bit)) !=
                      ENVELOPE_UNREADABLE;
    CHECK_INT(nonce_wrong, 0);
    CHECK_INT(data_wrong, 0);
    CHECK_INT(open_edited(k, sealed, "nonce", altered(sealed, "nonce", -1)), ENVELOPE_MALFORMED);
    CHECK_INT(open_edited(k, sealed, "nonce", altered(sealed, "nonce", -2)), ENVELOPE_MALFORMED);
    CHECK_INT(open_edited(k, sealed, "data", altered(sealed, "data", -1)), ENVELOPE_UNREADABLE);
    CHECK_INT(open_edited(k, sealed, "data", altered(sealed, "data", -2)), ENVELOPE_UNREADABLE);

    /* every bit of the text itself: never OK, never a crash */
    size_t len = strlen(sealed);
    char *copy = malloc(len + 1);
    int opened = 0, odd = 0;
    for (size_t i = 0; i < len; i++) {
        for (int b = 0; b < 8; b++) {
            memcpy(copy, sealed, len + 1);
            copy[i] ^= (char)(1u << b);
            char *back = NULL;
            enum envelope_result r = envelope_open(k, field_a, copy, &back, NULL);
            opened += r == ENVELOPE_OK;
            odd += (r != ENVELOPE_MALFORMED && r != ENVELOPE_UNREADABLE && r != ENVELOPE_OK) ||
                   (r != ENVELOPE_OK && back != NULL);
            free(back);
        }
    }
    CHECK_INT(opened, 0);
    CHECK_INT(odd, 0);
    free(copy);
    free(sealed);
    keyring_free(&k);
}

static void test_envelope_malformed(void)
{
    struct keyring *k = keyring_new(owner_a);
    const char *clear = "{\"answer\":\"x\"}";
    char *sealed = envelope_seal(k, field_a, clear, strlen(clear));
    size_t len = strlen(sealed);
    char *back = NULL;

    /* every cut of it */
    int cut_ok = 0;
    for (size_t n = 0; n < len; n++) {
        char *cut = malloc(n + 1);
        memcpy(cut, sealed, n);
        cut[n] = '\0';
        cut_ok += envelope_open(k, field_a, cut, &back, NULL) != ENVELOPE_MALFORMED;
        free(cut);
    }
    CHECK_INT(cut_ok, 0);

    static const char *texts[] = {
        "",
        "{}",
        "[]",
        "null",
        "1",
        "{\"dt_sealed\":1}",
        "{\"dt_sealed\":1,\"nonce\":\"\",\"data\":\"\"}",
        "{\"answers\":{\"a\":1}}",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        CHECK_INT(envelope_open(k, field_a, texts[i], &back, NULL), ENVELOPE_MALFORMED);
    CHECK_INT(envelope_open(k, field_a, NULL, &back, NULL), ENVELOPE_MALFORMED);
    CHECK(back == NULL);

    static const char *members[] = {"dt_sealed", "nonce", "data"};
    for (size_t i = 0; i < 3; i++) {
        CHECK_INT(open_edited(k, sealed, members[i], NULL), ENVELOPE_MALFORMED);
        CHECK_INT(open_edited(k, sealed, members[i], cJSON_CreateNull()), ENVELOPE_MALFORMED);
        CHECK_INT(open_edited(k, sealed, members[i], cJSON_CreateArray()), ENVELOPE_MALFORMED);
        CHECK_INT(open_edited(k, sealed, members[i], cJSON_CreateTrue()), ENVELOPE_MALFORMED);
    }
    CHECK_INT(open_edited(k, sealed, "dt_sealed", cJSON_CreateNumber(2)), ENVELOPE_MALFORMED);
    CHECK_INT(open_edited(k, sealed, "dt_sealed", cJSON_CreateString("1")), ENVELOPE_MALFORMED);
    CHECK_INT(open_edited(k, sealed, "nonce", cJSON_CreateNumber(1)), ENVELOPE_MALFORMED);
    CHECK_INT(open_edited(k, sealed, "nonce", cJSON_CreateString("!!!!")), ENVELOPE_MALFORMED);
    CHECK_INT(open_edited(k, sealed, "data", cJSON_CreateString("AAAA")), ENVELOPE_MALFORMED);
    CHECK_INT(open_edited(k, sealed, "data", cJSON_CreateString("AAAAAAAAAAAAAAAAAAAAAAAAAA")),
              ENVELOPE_MALFORMED); /* no padding where it is due */

    /* more than 8 MiB of data */
    size_t huge = 8u * 1024 * 1024 + crypto_aead_xchacha20poly1305_ietf_ABYTES + 1;
    unsigned char *zeros = calloc(huge, 1);
    CHECK_INT(open_edited(k, sealed, "data", b64_item(zeros, huge)), ENVELOPE_MALFORMED);
    free(zeros);

    /* extra and doubled members, text after it, an escape */
    char *text = malloc(len + 64);
    snprintf(text, len + 64, "%.*s,\"x\":1}", (int)len - 1, sealed);
    CHECK_INT(envelope_open(k, field_a, text, &back, NULL), ENVELOPE_MALFORMED);
    snprintf(text, len + 64, "%.*s,\"data\":\"\"}", (int)len - 1, sealed);
    CHECK_INT(envelope_open(k, field_a, text, &back, NULL), ENVELOPE_MALFORMED);
    snprintf(text, len + 64, "%s{}", sealed);
    CHECK_INT(envelope_open(k, field_a, text, &back, NULL), ENVELOPE_MALFORMED);
    snprintf(text, len + 64, "{\"dt_sealed\":1,\"nonce\":\"\\u0041%s", sealed + 25);
    CHECK_INT(envelope_open(k, field_a, text, &back, NULL), ENVELOPE_MALFORMED);
    /* the same members with space between them (a re-printed export) still open */
    cJSON *o = cJSON_Parse(sealed);
    char *pretty = cJSON_Print(o);
    cJSON_Delete(o);
    CHECK_INT(envelope_open(k, field_a, pretty, &back, NULL), ENVELOPE_OK);
    CHECK_STR(back, clear);
    free(back);
    cJSON_free(pretty);
    free(text);
    free(sealed);
    keyring_free(&k);
}

static void test_envelope_clear_is_text(void)
{
    /* sealed with the right key, but not what dreamtree ever seals: refused on opening */
    struct keyring *k = keyring_new(owner_a);
    char *back = NULL;
    char *nul = envelope_seal(k, field_a, "{\"a\":1}\0x", 9);
    CHECK_INT(envelope_open(k, field_a, nul, &back, NULL), ENVELOPE_UNREADABLE);
    char *bad_utf8 = envelope_seal(k, field_a, "{\"a\":\"\xff\"}", 9);
    CHECK_INT(envelope_open(k, field_a, bad_utf8, &back, NULL), ENVELOPE_UNREADABLE);
    char *surrogate = envelope_seal(k, field_a, "\"\xed\xa0\x80\"", 5);
    CHECK_INT(envelope_open(k, field_a, surrogate, &back, NULL), ENVELOPE_UNREADABLE);
    CHECK(back == NULL);
    free(nul);
    free(bad_utf8);
    free(surrogate);
    keyring_free(&k);
}

static void test_is_sealed(void)
{
    struct keyring *k = keyring_new(owner_a);
    char *sealed = envelope_seal(k, field_a, "{}", 2);
    CHECK(envelope_is_sealed(sealed));
    CHECK(envelope_is_sealed("{\"dt_sealed\":"));
    CHECK(!envelope_is_sealed("{\"answers\":{\"dt_sealed\":1}}"));
    CHECK(!envelope_is_sealed("{\"answer\":\"{\\\"dt_sealed\\\":1\"}"));
    CHECK(!envelope_is_sealed(" {\"dt_sealed\":1}"));
    CHECK(!envelope_is_sealed("{\"dt_sealed\""));
    CHECK(!envelope_is_sealed(""));
    CHECK(!envelope_is_sealed(NULL));
    free(sealed);
    keyring_free(&k);
}

static void test_fresh_nonce(void)
{
    struct keyring *k = keyring_new(owner_a);
    char *one = envelope_seal(k, field_a, "{}", 2);
    char *two = envelope_seal(k, field_a, "{}", 2);
    CHECK(strcmp(one, two) != 0);
    CHECK(strncmp(one + 24, two + 24, 32) != 0); /* the nonces themselves */
    char *a = NULL, *b = NULL;
    CHECK_INT(envelope_open(k, field_a, one, &a, NULL), ENVELOPE_OK);
    CHECK_INT(envelope_open(k, field_a, two, &b, NULL), ENVELOPE_OK);
    CHECK(a && b && strcmp(a, b) == 0);
    free(a);
    free(b);
    free(one);
    free(two);
    keyring_free(&k);
}

static void test_hash(void)
{
    struct keyring *k = keyring_new(owner_a);
    struct keyring *other = keyring_new(owner_a);
    const char *json = "{\"answer\":\"x\"}";
    char h1[ENVELOPE_HASH_LEN], h2[ENVELOPE_HASH_LEN], h3[ENVELOPE_HASH_LEN];
    envelope_hash(k, json, strlen(json), h1);
    envelope_hash(k, json, strlen(json), h2);
    CHECK_STR(h1, h2);
    CHECK_INT(strlen(h1), 64);
    CHECK_INT(strspn(h1, "0123456789abcdef"), 64);
    envelope_hash(other, json, strlen(json), h3);
    CHECK(strcmp(h1, h3) != 0);
    envelope_hash(k, json, strlen(json) - 1, h3);
    CHECK(strcmp(h1, h3) != 0);

    /* it is HMAC-SHA-256 under the hash key (the streaming API as a second opinion) */
    crypto_auth_hmacsha256_state st;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_init(&st, k->hash_key, KEYWRAP_KEY_BYTES);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)json, 5);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)json + 5, strlen(json) - 5);
    crypto_auth_hmacsha256_final(&st, mac);
    CHECK_STR(h1, hex(mac, sizeof mac));

    /* the same data key, the same hash, whoever the owner */
    struct keyring *same = keyring_from_dek(owner_b, k->dek);
    envelope_hash(same, json, strlen(json), h3);
    CHECK_STR(h1, h3);
    keyring_free(&same);
    keyring_free(&k);
    keyring_free(&other);
}

static void test_field(void)
{
    char out[ENVELOPE_FIELD_LEN];
    CHECK_STR(envelope_field(out, "exercise_responses.response_json", "1.1.1"),
              "exercise_responses.response_json:1.1.1");
    CHECK_STR(envelope_field(out, "tool_instances.content_json",
                             "33333333-3333-4333-8333-333333333333"),
              "tool_instances.content_json:33333333-3333-4333-8333-333333333333");

    char key[200];
    memset(key, 'k', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    CHECK_STR(envelope_field(out, "t.c", key), "");
    key[ENVELOPE_FIELD_LEN - 1 - 4] = '\0'; /* "t.c:" and the NUL leave exactly this much */
    CHECK_INT(strlen(envelope_field(out, "t.c", key)), ENVELOPE_FIELD_LEN - 1);
    key[ENVELOPE_FIELD_LEN - 1 - 4] = 'k';
    key[ENVELOPE_FIELD_LEN - 4] = '\0';
    CHECK_STR(envelope_field(out, "t.c", key), "");
}

int main(void)
{
    RUN(test_keyring);
    RUN(test_derivation_is_pinned);
    RUN(test_wrap_round_trip);
    RUN(test_wrap_refuses_others);
    RUN(test_default_limits);
    RUN(test_wrap_altered);
    RUN(test_password_hash);
    RUN(test_recovery_code);
    RUN(test_recovery_normalise);
    RUN(test_equal);
    RUN(test_envelope_round_trip);
    RUN(test_envelope_pinned);
    RUN(test_envelope_other_reader);
    RUN(test_envelope_flipped_bits);
    RUN(test_envelope_malformed);
    RUN(test_envelope_clear_is_text);
    RUN(test_is_sealed);
    RUN(test_fresh_nonce);
    RUN(test_hash);
    RUN(test_field);
    return check_done();
}
