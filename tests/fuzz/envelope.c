/* Fuzzes what reads sealed bytes someone else may have chosen (a database edited by hand, an
 * import file): envelope_open, keywrap_unwrap, and keywrap_recovery_normalise for what a person
 * types. The corpus (tests/fuzz/corpus/envelope/) holds real seals and wraps made with the fixed
 * keys below, and malformed ones.
 *
 * Invariants: nothing crashes or leaks; an envelope opens only to one of the clear texts the
 * corpus sealed (anything else would be a forgery), and only with *clear set; a wrap unwraps only
 * to the fixed data key; a normalised recovery code is in the grouped form and normalises to
 * itself. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sodium.h>

#include "envelope.h"
#include "fuzz.h"
#include "keywrap.h"

/* The keys the corpus was made with: change them and the seeds no longer open. */
static const char fixed_owner[] = "0f0f0f0f-0000-4000-8000-00000000f022";
static const char fixed_field[] = "exercise_responses.response_json:1.1.1";
static const char fixed_secret[] = "the fuzzer's password";
static const char fixed_purpose[] = "password";

/* Every clear text sealed in the corpus. */
static const char *const sealed_clears[] = {
    "",
    "{\"answer\":\"yes\"}",
    "{\"answer\":\"caf\xc3\xa9 \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x8c\xb3\"}",
    "{\"answers\":{\"items\":[\"one\",\"two\"],\"note\":\"\"}}",
};

static const struct keyring *fixed_keyring(void)
{
    static struct keyring *k; /* made once; its guarded pages live as long as the run */
    if (!k) {
        unsigned char dek[KEYWRAP_KEY_BYTES];
        for (size_t i = 0; i < sizeof dek; i++)
            dek[i] = (unsigned char)(0xA0 + i);
        k = keyring_from_dek(fixed_owner, dek);
    }
    return k;
}

static bool is_sealed_clear(const char *clear, size_t n)
{
    for (size_t i = 0; i < sizeof sealed_clears / sizeof *sealed_clears; i++)
        if (strlen(sealed_clears[i]) == n && memcmp(sealed_clears[i], clear, n) == 0)
            return true;
    return false;
}

/* True when text could be a wrap with the test limits: only those are unwrapped, since a wrap
 * asking for more makes every run spend what a real login spends. */
static bool wrap_with_test_limits(const char *text)
{
    cJSON *o = cJSON_Parse(text);
    const cJSON *ops = cJSON_GetObjectItemCaseSensitive(o, "ops");
    const cJSON *mem = cJSON_GetObjectItemCaseSensitive(o, "mem");
    struct keywrap_limits test = keywrap_test_limits();
    bool cheap = cJSON_IsNumber(ops) && cJSON_IsNumber(mem) &&
                 ops->valuedouble == (double)test.ops && mem->valuedouble == (double)test.mem;
    cJSON_Delete(o);
    return cheap;
}

static int check_envelope(const char *text)
{
    const struct keyring *k = fixed_keyring();
    char *clear = NULL;
    size_t n = 0;
    enum envelope_result r = envelope_open(k, fixed_field, text, &clear, &n);
    int broken = 0;
    if (r == ENVELOPE_OK)
        broken = !clear || strlen(clear) != n || !is_sealed_clear(clear, n);
    else
        broken = clear != NULL || (r != ENVELOPE_UNREADABLE && r != ENVELOPE_MALFORMED);
    free(clear);
    return broken;
}

static int check_wrap(const char *text)
{
    if (!wrap_with_test_limits(text))
        return 0;
    struct keyring *out = NULL;
    enum keywrap_result r = keywrap_unwrap(text, fixed_owner, fixed_secret, sizeof fixed_secret - 1,
                                           fixed_purpose, &out);
    int broken = 0;
    if (r == KEYWRAP_OK)
        broken = !out || strcmp(out->owner, fixed_owner) != 0 ||
                 !keywrap_equal(out->dek, fixed_keyring()->dek, KEYWRAP_KEY_BYTES);
    else
        broken = out != NULL;
    keyring_free(&out);
    return broken;
}

static int check_recovery(const char *text)
{
    char code[KEYWRAP_RECOVERY_LEN], again[KEYWRAP_RECOVERY_LEN];
    if (!keywrap_recovery_normalise(text, code))
        return code[0] != '\0';
    return strlen(code) != KEYWRAP_RECOVERY_LEN - 1 || !keywrap_recovery_normalise(code, again) ||
           strcmp(code, again) != 0;
}

int fuzz_one(const uint8_t *data, size_t size)
{
    /* the readers take NUL-terminated text, as the store hands it over */
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    (void)envelope_is_sealed(text);
    int broken = check_envelope(text) | check_wrap(text) | check_recovery(text);
    free(text);
    return broken;
}
