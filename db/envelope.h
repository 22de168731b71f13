/* The envelope a claimed user's writing is stored in (docs/security.md): one JSON object in the
 * spec's own column (response_json, draft_json, content_json), so the column stays "a JSON
 * string" as the spec says:
 *   {"dt_sealed":1,"nonce":B64,"data":B64}
 * data is XChaCha20-Poly1305 of the clear text under the keyring's field key, with a fresh random
 * 24-byte nonce, and associated data binding the format version, the owner (keyring->owner) and
 * the field's identity, so a ciphertext moved to another user or field does not open.
 * No SQL here. */
#ifndef DT_ENVELOPE_H
#define DT_ENVELOPE_H

#include <stdbool.h>
#include <stddef.h>

#include "keywrap.h"

/* Hex HMAC-SHA-256 and its NUL: the same length as the spec's SHA-256 content_hash. */
#define ENVELOPE_HASH_LEN 65
/* A field identity as envelope_field makes it. */
#define ENVELOPE_FIELD_LEN 128

/* The field identity bound into an envelope: "TABLE.COLUMN:KEY", where KEY is what names the
 * row for its owner and survives an export and an import: the full exercise id for
 * exercise_responses and drafts, the instance id for tool_instances. Cut keys never happen:
 * every key is an id of bounded length; a longer one gives "" (which no store call uses). */
const char *envelope_field(char out[ENVELOPE_FIELD_LEN], const char *table_column, const char *key);

/* True when text is an envelope (it starts as one; envelope_open checks the rest). Clear
 * answers are JSON objects whose keys dreamtree chose, never "dt_sealed". */
bool envelope_is_sealed(const char *text);

/* Seals n bytes of clear text for field. Returns malloc'd envelope text; out of memory aborts. */
char *envelope_seal(const struct keyring *k, const char *field, const char *clear, size_t n);

enum envelope_result {
    ENVELOPE_OK,
    ENVELOPE_UNREADABLE, /* well formed, but it does not open with this key, owner and field:
                            a flipped bit, a moved ciphertext, another user's key */
    ENVELOPE_MALFORMED,  /* not an envelope this build reads */
};

/* Opens an envelope: on ENVELOPE_OK *clear is malloc'd, NUL-terminated, *n its length (NULL
 * allowed). On anything else *clear is NULL. The clear text is the caller's to free; when it
 * holds a secret, wipe it first (sodium_memzero). */
enum envelope_result envelope_open(const struct keyring *k, const char *field, const char *text,
                                   char **clear, size_t *n);

/* The keyed content_hash of a claimed user's tool entry: HMAC-SHA-256 of the canonical clear
 * JSON under the keyring's hash key, in hex. Without the key it confirms no guess. */
void envelope_hash(const struct keyring *k, const char *canonical, size_t n,
                   char out[ENVELOPE_HASH_LEN]);

#endif
