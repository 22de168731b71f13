/* A claimed user's writing on its way into the store and out of it (docs/security.md). The
 * three columns that hold writing — response_json, draft_json, content_json — pass through
 * here: sealed in an envelope (envelope.h) for a claimed user, left as they are for an anonymous
 * one, and opened again when read. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "envelope.h"
#include "store_internal.h"
#include "tools.h"

static bool holds_keys_of(const struct store *st, const char *user_id)
{
    return st->keys && strcmp(st->keys->owner, user_id) == 0;
}

enum dt_status store_user_claimed(struct store *st, const char *user_id, bool *claimed)
{
    *claimed = false;
    if (holds_keys_of(st, user_id)) { /* keys are only ever unwrapped for a claimed user */
        *claimed = true;
        return DT_OK;
    }
    sqlite3_stmt *stmt = store_stmt(st, "SELECT 1 FROM auth WHERE user_id = ?1"
                                        " AND type = 'password' LIMIT 1");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    enum dt_status s = rc == SQLITE_ROW || rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    *claimed = rc == SQLITE_ROW;
    store_stmt_done(stmt);
    return s;
}

enum dt_status store_seal(struct store *st, const char *user_id, const char *table_column,
                          const char *key, const char *clear, char **stored)
{
    *stored = NULL;
    if (envelope_is_sealed(clear)) { /* an envelope is never writing: it would not open later */
        store_copy_text(st->err, sizeof st->err, "an answer cannot be an envelope");
        return DT_INVALID;
    }
    bool claimed = false;
    enum dt_status s = store_user_claimed(st, user_id, &claimed);
    if (s != DT_OK || !claimed)
        return s;
    if (!holds_keys_of(st, user_id))
        return DT_KEY_LOCKED;
    char field[ENVELOPE_FIELD_LEN];
    if (!envelope_field(field, table_column, key)[0])
        return DT_INVALID;
    *stored = envelope_seal(st->keys, field, clear, strlen(clear));
    return DT_OK;
}

enum dt_status store_unseal(struct store *st, const char *user_id, const char *table_column,
                            const char *key, char **text)
{
    if (!*text || !envelope_is_sealed(*text))
        return DT_OK;
    if (!holds_keys_of(st, user_id)) {
        bool claimed = false; /* an anonymous user has no key that could open it */
        enum dt_status s = store_user_claimed(st, user_id, &claimed);
        return s != DT_OK ? s : claimed ? DT_KEY_LOCKED : DT_UNREADABLE;
    }
    char field[ENVELOPE_FIELD_LEN];
    char *clear = NULL;
    size_t n = 0;
    if (!envelope_field(field, table_column, key)[0] ||
        envelope_open(st->keys, field, *text, &clear, &n) != ENVELOPE_OK)
        return DT_UNREADABLE;
    free(*text);
    *text = clear;
    return DT_OK;
}

enum dt_status store_content_hash_for(struct store *st, const char *user_id, const char *json,
                                      char out[TOOLS_HASH_LEN])
{
    bool claimed = false;
    enum dt_status s = store_user_claimed(st, user_id, &claimed);
    if (s != DT_OK)
        return s;
    if (!claimed)
        return store_tools_content_hash(json, out);
    if (!holds_keys_of(st, user_id))
        return DT_KEY_LOCKED;
    char *canonical = store_tools_canonical_json(json);
    if (!canonical)
        return DT_INVALID;
    envelope_hash(st->keys, canonical, strlen(canonical), out);
    free(canonical);
    return DT_OK;
}

void store_wipe_free(char *text)
{
    if (text)
        sodium_memzero(text, strlen(text));
    free(text);
}
