#include "preferences.h"

#include <string.h>

#include "store_internal.h"

static int read_preferences(sqlite3_stmt *stmt, void *elem)
{
    struct user_preferences *out = elem;
    out->text_mode = sqlite3_column_int(stmt, 0) != 0;
    store_col_copy(stmt, 1, out->updated_at, sizeof out->updated_at);
    out->idle_lock_minutes = sqlite3_column_int(stmt, 2);
    return 0;
}

enum dt_status store_preferences_get(struct store *st, const char *user_id,
                                     struct user_preferences *out)
{
    memset(out, 0, sizeof *out);
    /* the users row tells "no such user" from "no preferences saved" in one read */
    sqlite3_stmt *stmt = store_stmt(st, "SELECT COALESCE(p.text_mode, 0), p.updated_at,"
                                        " COALESCE(p.idle_lock_minutes, 15) FROM users u"
                                        " LEFT JOIN user_preferences p ON p.user_id = u.id"
                                        " WHERE u.id = ?1");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    return store_one(st, stmt, out, read_preferences);
}

enum dt_status store_preferences_set(struct store *st, const char *user_id,
                                     const struct user_preferences *in)
{
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    s = store_run(
        st,
        "INSERT INTO user_preferences (user_id, text_mode, idle_lock_minutes, updated_at)"
        " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (user_id) DO UPDATE"
        " SET text_mode = excluded.text_mode, idle_lock_minutes = excluded.idle_lock_minutes,"
        " updated_at = excluded.updated_at",
        "tiit", user_id, in->text_mode ? 1 : 0, in->idle_lock_minutes, now);
    if (s == DT_INVALID) /* the user foreign key */
        s = DT_NOT_FOUND;
    return store_write_end(st, s);
}
