#include "preferences.h"

#include <sodium.h>
#include <stdlib.h>
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

/* ---- the variant group ---- */

static int read_variant(sqlite3_stmt *stmt, void *out)
{
    store_col_copy(stmt, 0, out, PREFERENCES_VARIANT_LEN);
    return 0;
}

enum dt_status store_preferences_variant_get(struct store *st, const char *user_id,
                                             char out[PREFERENCES_VARIANT_LEN])
{
    out[0] = '\0';
    sqlite3_stmt *stmt = store_stmt(st, "SELECT p.variant_group FROM users u"
                                        " LEFT JOIN user_preferences p ON p.user_id = u.id"
                                        " WHERE u.id = ?1");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    return store_one(st, stmt, out, read_variant);
}

struct group_name {
    char name[PREFERENCES_VARIANT_LEN];
};

static int read_group(sqlite3_stmt *stmt, void *elem)
{
    struct group_name *g = elem;
    store_col_copy(stmt, 0, g->name, sizeof g->name);
    return 0;
}

/* Chooses a group at random among the content's and "control", and writes it unless the user
 * has one already (another process may have got there first); *assigned false when the content
 * has no group but "control". Inside the caller's write transaction. */
static enum dt_status assign_variant(struct store *st, const char *user_id, const char *now,
                                     bool *assigned)
{
    *assigned = false;
    struct group_name *groups = NULL;
    size_t n = 0;
    sqlite3_stmt *stmt = store_stmt(st, "SELECT DISTINCT variant_group FROM exercise_content"
                                        " WHERE is_active = 1 AND variant_group IS NOT NULL"
                                        " AND variant_group <> 'control' ORDER BY variant_group");
    if (!stmt || store_bind(st, stmt, "") != DT_OK)
        return DT_DB;
    enum dt_status s = store_collect(st, stmt, &groups, &n, sizeof *groups, read_group, NULL);
    if (s != DT_OK || n == 0) {
        free(groups);
        return s;
    }
    uint32_t pick = randombytes_uniform((uint32_t)n + 1); /* n: "control" */
    s = store_run(st,
                  "INSERT INTO user_preferences (user_id, variant_group, updated_at)"
                  " VALUES (?1, ?2, ?3) ON CONFLICT (user_id) DO UPDATE"
                  " SET variant_group = excluded.variant_group"
                  " WHERE user_preferences.variant_group IS NULL",
                  "ttt", user_id, pick < n ? groups[pick].name : "control", now);
    free(groups);
    if (s == DT_INVALID) /* the user foreign key */
        s = DT_NOT_FOUND;
    *assigned = s == DT_OK;
    return s;
}

enum dt_status store_preferences_variant(struct store *st, const char *user_id,
                                         char out[PREFERENCES_VARIANT_LEN])
{
    /* once assigned, a read: opening an exercise takes no write lock */
    enum dt_status s = store_preferences_variant_get(st, user_id, out);
    if (s != DT_OK || out[0])
        return s;
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    if ((s = store_write_begin(st)) != DT_OK)
        return s;
    bool assigned = false;
    s = assign_variant(st, user_id, now, &assigned);
    if (s == DT_OK && assigned) /* what won: this choice, or another process's */
        s = store_preferences_variant_get(st, user_id, out);
    s = store_write_end(st, s);
    if (s == DT_OK && !out[0])
        store_copy_text(out, PREFERENCES_VARIANT_LEN, "control");
    if (s != DT_OK)
        out[0] = '\0';
    return s;
}

enum dt_status store_preferences_set_variant(struct store *st, const char *user_id,
                                             const char *group)
{
    if (!group || !group[0] || strlen(group) >= PREFERENCES_VARIANT_LEN)
        return DT_INVALID;
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    s = store_run(st,
                  "INSERT INTO user_preferences (user_id, variant_group, updated_at)"
                  " VALUES (?1, ?2, ?3) ON CONFLICT (user_id) DO UPDATE"
                  " SET variant_group = excluded.variant_group",
                  "ttt", user_id, group, now);
    if (s == DT_INVALID) /* the user foreign key */
        s = DT_NOT_FOUND;
    return store_write_end(st, s);
}
