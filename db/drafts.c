#include "drafts.h"

#include <stdlib.h>
#include <string.h>

#include "progress.h"
#include "store_internal.h"

enum dt_status store_drafts_save(struct store *st, const char *user_id,
                                 const char *full_exercise_id, const char *draft_json)
{
    if (store_json_valid(draft_json, DRAFTS_MAX_BYTES) != 0) {
        store_copy_text(st->err, sizeof st->err, "draft is not valid JSON or is too large");
        return DT_INVALID;
    }
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    bool may_open = false;
    s = store_progress_may_open(st, user_id, full_exercise_id, &may_open);
    if (s == DT_OK && !may_open)
        s = DT_LOCKED;
    char *sealed = NULL;
    if (s == DT_OK)
        s = store_seal(st, user_id, SEALED_DRAFT, full_exercise_id, draft_json, &sealed);
    if (s == DT_OK) {
        s = store_run(st,
                      "INSERT INTO drafts (user_id, full_exercise_id, draft_json, saved_at)"
                      " VALUES (?1, ?2, ?3, ?4)"
                      " ON CONFLICT (user_id, full_exercise_id) DO UPDATE"
                      " SET draft_json = excluded.draft_json, saved_at = excluded.saved_at",
                      "tttt", user_id, full_exercise_id, sealed ? sealed : draft_json, now);
        if (s == DT_INVALID) /* the user foreign key */
            s = DT_NOT_FOUND;
    }
    free(sealed);
    return store_write_end(st, s);
}

static int read_draft(sqlite3_stmt *stmt, void *out)
{
    struct draft *d = out;
    store_col_copy(stmt, 0, d->full_exercise_id, sizeof d->full_exercise_id);
    d->draft_json = store_col_dup(stmt, 1);
    store_col_copy(stmt, 2, d->saved_at, sizeof d->saved_at);
    return d->draft_json ? 0 : -1;
}

enum dt_status store_drafts_get(struct store *st, const char *user_id, const char *full_exercise_id,
                                struct draft *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = store_stmt(st, "SELECT full_exercise_id, draft_json, saved_at FROM drafts"
                                        " WHERE user_id = ?1 AND full_exercise_id = ?2");
    if (!stmt || store_bind(st, stmt, "tt", user_id, full_exercise_id) != DT_OK)
        return DT_DB;
    enum dt_status s = store_one(st, stmt, out, read_draft);
    if (s == DT_OK && (s = store_unseal(st, user_id, SEALED_DRAFT, out->full_exercise_id,
                                        &out->draft_json)) != DT_OK)
        store_drafts_clear(out);
    return s;
}

void store_drafts_clear(struct draft *d)
{
    if (d) {
        store_wipe_free(d->draft_json);
        d->draft_json = NULL;
    }
}

enum dt_status store_drafts_delete(struct store *st, const char *user_id,
                                   const char *full_exercise_id)
{
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    s = store_run(st, "DELETE FROM drafts WHERE user_id = ?1 AND full_exercise_id = ?2", "tt",
                  user_id, full_exercise_id);
    return store_write_end(st, s);
}
