#include "sessions.h"

#include <string.h>

#include "store_internal.h"

enum dt_status store_sessions_create(struct store *st, const char *user_id, struct session *out)
{
    struct session se;
    store_uuid_random(se.id);
    store_copy_text(se.user_id, sizeof se.user_id, user_id);
    store_now_text(st, se.created_at);
    memcpy(se.last_seen_at, se.created_at, sizeof se.last_seen_at);
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    s = store_run(
        st, "INSERT INTO sessions (id, user_id, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?3)",
        "ttt", se.id, user_id, se.created_at);
    if (s == DT_INVALID) /* the foreign key: no such user */
        s = DT_NOT_FOUND;
    s = store_write_end(st, s);
    if (s == DT_OK && out)
        *out = se;
    return s;
}

enum dt_status store_sessions_touch(struct store *st, const char *session_id)
{
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    s = store_run(st, "UPDATE sessions SET last_seen_at = ?2 WHERE id = ?1", "tt", session_id, now);
    if (s == DT_OK && sqlite3_changes(st->db) == 0)
        s = DT_NOT_FOUND;
    return store_write_end(st, s);
}

static int read_session(sqlite3_stmt *stmt, void *out)
{
    struct session *se = out;
    store_col_copy(stmt, 0, se->id, sizeof se->id);
    store_col_copy(stmt, 1, se->user_id, sizeof se->user_id);
    store_col_copy(stmt, 2, se->created_at, sizeof se->created_at);
    store_col_copy(stmt, 3, se->last_seen_at, sizeof se->last_seen_at);
    return 0;
}

enum dt_status store_sessions_get(struct store *st, const char *session_id, struct session *out)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT id, user_id, created_at, last_seen_at FROM sessions"
                                        " WHERE id = ?1");
    if (!stmt || store_bind(st, stmt, "t", session_id) != DT_OK)
        return DT_DB;
    return store_one(st, stmt, out, read_session);
}

enum dt_status store_sessions_resume(struct store *st, const char *session_id, struct session *out)
{
    enum dt_status s = store_sessions_touch(st, session_id);
    return s == DT_OK ? store_sessions_get(st, session_id, out) : s;
}

enum dt_status store_sessions_end(struct store *st, const char *session_id)
{
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    s = store_run(st, "DELETE FROM sessions WHERE id = ?1", "t", session_id);
    return store_write_end(st, s);
}
