#include "users.h"

#include <string.h>

#include "store_internal.h"

enum dt_status store_users_create_anonymous(struct store *st, struct user *out)
{
    struct user u = {.is_anonymous = true};
    store_uuid_random(u.id);
    store_now_text(st, u.created_at);
    memcpy(u.updated_at, u.created_at, sizeof u.updated_at);
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    s = store_run(st,
                  "INSERT INTO users (id, is_anonymous, workbook_complete, created_at, updated_at)"
                  " VALUES (?1, 1, 0, ?2, ?2)",
                  "tt", u.id, u.created_at);
    if (s == DT_OK)
        s = store_run(st,
                      "INSERT INTO user_settings (user_id, created_at, updated_at)"
                      " VALUES (?1, ?2, ?2)",
                      "tt", u.id, u.created_at);
    s = store_write_end(st, s);
    if (s == DT_OK && out)
        *out = u;
    return s;
}

static int read_user(sqlite3_stmt *stmt, void *out)
{
    struct user *u = out;
    store_col_copy(stmt, 0, u->id, sizeof u->id);
    u->is_anonymous = sqlite3_column_int(stmt, 1) != 0;
    u->workbook_complete = sqlite3_column_int(stmt, 2) != 0;
    store_col_copy(stmt, 3, u->created_at, sizeof u->created_at);
    store_col_copy(stmt, 4, u->updated_at, sizeof u->updated_at);
    return 0;
}

enum dt_status store_users_get(struct store *st, const char *user_id, struct user *out)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT id, is_anonymous, workbook_complete, created_at,"
                                        " updated_at FROM users WHERE id = ?1");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    return store_one(st, stmt, out, read_user);
}

enum dt_status store_users_delete(struct store *st, const char *user_id)
{
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    s = store_run(st, "DELETE FROM users WHERE id = ?1", "t", user_id);
    if (s == DT_OK && sqlite3_changes(st->db) == 0)
        s = DT_NOT_FOUND;
    return store_write_end(st, s);
}

static int read_settings(sqlite3_stmt *stmt, void *out)
{
    struct user_settings *set = out;
    store_col_copy(stmt, 0, set->background_color, sizeof set->background_color);
    store_col_copy(stmt, 1, set->text_color, sizeof set->text_color);
    store_col_copy(stmt, 2, set->font, sizeof set->font);
    store_col_copy(stmt, 3, set->personality_type, sizeof set->personality_type);
    return 0;
}

enum dt_status store_users_settings(struct store *st, const char *user_id,
                                    struct user_settings *out)
{
    sqlite3_stmt *stmt = store_stmt(st,
                                    "SELECT background_color, text_color, font, personality_type"
                                    " FROM user_settings WHERE user_id = ?1");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    return store_one(st, stmt, out, read_settings);
}

enum dt_status store_users_save_settings(struct store *st, const char *user_id,
                                         const struct user_settings *in)
{
    if (!in->background_color[0] || !in->text_color[0] || !in->font[0])
        return DT_INVALID;
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    sqlite3_stmt *stmt = store_stmt(st, "UPDATE user_settings SET background_color = ?2,"
                                        " text_color = ?3, font = ?4, personality_type = ?5,"
                                        " updated_at = ?6 WHERE user_id = ?1");
    if (!stmt ||
        store_bind(st, stmt, "tttttt", user_id, in->background_color, in->text_color, in->font,
                   in->personality_type[0] ? in->personality_type : NULL, now) != DT_OK)
        return store_write_end(st, DT_DB);
    int rc = sqlite3_step(stmt);
    s = rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    if (s == DT_OK && sqlite3_changes(st->db) == 0)
        s = DT_NOT_FOUND;
    store_stmt_done(stmt);
    return store_write_end(st, s);
}
