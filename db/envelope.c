/* Sealed fields (envelope.h): XChaCha20-Poly1305 under the keyring's field key, in a small JSON
 * object, and the keyed content hash. A keyring exists only once keywrap.c has set libsodium up,
 * so nothing here calls sodium_init. */
#include "envelope.h"
#include "keywrap_internal.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sodium.h>
#include <unistr.h>

#include "oom.h"

/* The first bytes of a field's associated data; the version moves with "dt_sealed". */
#define FIELD_AD_VERSION "dreamtree-field/1"
/* What envelope_seal writes first, and all envelope_is_sealed looks at. */
#define SEALED_PREFIX "{\"dt_sealed\":"
/* The largest clear text: a response, draft or tool entry is at most 8 MiB (responses.h,
 * tools.h), so a longer one is not ours. */
#define SEALED_MAX_CLEAR (8u * 1024u * 1024u)

#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES

_Static_assert(ENVELOPE_HASH_LEN == crypto_auth_hmacsha256_BYTES * 2 + 1,
               "hex HMAC-SHA-256 and its NUL");

const char *envelope_field(char out[ENVELOPE_FIELD_LEN], const char *table_column, const char *key)
{
    int n = snprintf(out, ENVELOPE_FIELD_LEN, "%s:%s", table_column, key);
    if (n < 0 || n >= ENVELOPE_FIELD_LEN)
        out[0] = '\0'; /* a cut identity could match another field's: none at all instead */
    return out;
}

bool envelope_is_sealed(const char *text)
{
    return text && strncmp(text, SEALED_PREFIX, sizeof SEALED_PREFIX - 1) == 0;
}

char *envelope_seal(const struct keyring *k, const char *field, const char *clear, size_t n)
{
    /* the store refuses longer texts before they get here; one sealed anyway would never open */
    assert(n <= SEALED_MAX_CLEAR);
    unsigned char nonce[NONCE_BYTES];
    randombytes_buf(nonce, sizeof nonce);
    unsigned char *sealed = dt_oom_malloc(n + TAG_BYTES);
    size_t ad_len;
    unsigned char *ad = keywrap_associated_data(FIELD_AD_VERSION, k->owner, field, &ad_len);
    unsigned long long sealed_len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(sealed, &sealed_len, (const unsigned char *)clear, n,
                                               ad, ad_len, NULL, nonce, k->field_key);
    free(ad);

    char *nonce64 = keywrap_base64(nonce, sizeof nonce);
    char *data64 = keywrap_base64(sealed, (size_t)sealed_len);
    free(sealed);
    static const char middle[] = "\",\"data\":\"";
    size_t size = sizeof SEALED_PREFIX - 1 + sizeof "1,\"nonce\":\"" - 1 + strlen(nonce64) +
                  sizeof middle - 1 + strlen(data64) + sizeof "\"}";
    char *out = dt_oom_malloc(size);
    snprintf(out, size, "%s1,\"nonce\":\"%s%s%s\"}", SEALED_PREFIX, nonce64, middle, data64);
    free(nonce64);
    free(data64);
    return out;
}

/* The nonce and ciphertext of an envelope, checked as envelope.h says; false: malformed. On
 * true *data is malloc'd. */
static bool read_envelope(const char *text, unsigned char nonce[NONCE_BYTES], unsigned char **data,
                          size_t *data_len)
{
    *data = NULL;
    /* nothing in an envelope needs a JSON escape; refusing them also keeps a "\u0000" from
     * cutting one of cJSON's strings short */
    if (!text || strchr(text, '\\'))
        return false;
    cJSON *o = cJSON_ParseWithOpts(text, NULL, 1);
    if (!cJSON_IsObject(o) || cJSON_GetArraySize(o) != 3) {
        cJSON_Delete(o);
        return false;
    }
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(o, "dt_sealed");
    const cJSON *nonce64 = cJSON_GetObjectItemCaseSensitive(o, "nonce");
    const cJSON *data64 = cJSON_GetObjectItemCaseSensitive(o, "data");
    bool ok = cJSON_IsNumber(version) && version->valuedouble == 1.0 && cJSON_IsString(nonce64) &&
              cJSON_IsString(data64) && keywrap_base64_alphabet_only(nonce64->valuestring) &&
              keywrap_base64_alphabet_only(data64->valuestring);
    size_t got = 0;
    if (ok) {
        size_t nonce_len = 0;
        ok = sodium_base642bin(nonce, NONCE_BYTES, nonce64->valuestring,
                               strlen(nonce64->valuestring), NULL, &nonce_len, NULL,
                               sodium_base64_VARIANT_ORIGINAL) == 0 &&
             nonce_len == NONCE_BYTES;
    }
    if (ok) {
        size_t b64_len = strlen(data64->valuestring);
        size_t most = sodium_base64_ENCODED_LEN(SEALED_MAX_CLEAR + TAG_BYTES,
                                                sodium_base64_VARIANT_ORIGINAL);
        ok = b64_len < most; /* ENCODED_LEN counts the NUL */
        if (ok) {
            /* padded base64: every 4 characters are at most 3 bytes */
            size_t room = b64_len / 4 * 3;
            *data = dt_oom_malloc(room ? room : 1);
            ok = sodium_base642bin(*data, room, data64->valuestring, b64_len, NULL, &got, NULL,
                                   sodium_base64_VARIANT_ORIGINAL) == 0 &&
                 got >= TAG_BYTES && got <= SEALED_MAX_CLEAR + TAG_BYTES;
        }
    }
    cJSON_Delete(o);
    if (!ok) {
        free(*data);
        *data = NULL;
        return false;
    }
    *data_len = got;
    return true;
}

enum envelope_result envelope_open(const struct keyring *k, const char *field, const char *text,
                                   char **clear, size_t *n)
{
    *clear = NULL;
    if (n)
        *n = 0;
    unsigned char nonce[NONCE_BYTES];
    unsigned char *data;
    size_t data_len;
    if (!read_envelope(text, nonce, &data, &data_len))
        return ENVELOPE_MALFORMED;

    size_t ad_len;
    unsigned char *ad = keywrap_associated_data(FIELD_AD_VERSION, k->owner, field, &ad_len);
    size_t room = data_len - TAG_BYTES;
    unsigned char *m = dt_oom_malloc(room + 1);
    unsigned long long m_len = 0;
    int opened = crypto_aead_xchacha20poly1305_ietf_decrypt(m, &m_len, NULL, data, data_len, ad,
                                                            ad_len, nonce, k->field_key);
    free(ad);
    free(data);
    /* our clear texts are always JSON text: a NUL or broken UTF-8 inside means it was not
     * sealed by us, whatever the tag says */
    if (opened != 0 || m_len != room || memchr(m, '\0', room) || u8_check(m, room) != NULL) {
        sodium_memzero(m, room + 1);
        free(m);
        return ENVELOPE_UNREADABLE;
    }
    m[room] = '\0';
    *clear = (char *)m;
    if (n)
        *n = room;
    return ENVELOPE_OK;
}

void envelope_hash(const struct keyring *k, const char *canonical, size_t n,
                   char out[ENVELOPE_HASH_LEN])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac, (const unsigned char *)canonical, n, k->hash_key);
    sodium_bin2hex(out, ENVELOPE_HASH_LEN, mac, sizeof mac);
}
