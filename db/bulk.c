#include "bulk.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "envelope.h"
#include "store_internal.h"

/* One statement shared by the loader and the baseline, so both insert exactly the same way. */
static const char insert_response_sql[] =
    "INSERT INTO exercise_responses (id, user_id, part_id, module_id, exercise_id, version,"
    " full_exercise_id, response_json, responded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

/* Runs pragmas one by one, stopping at the first failure. */
static enum dt_status pragmas(struct store *st, const char *const *list)
{
    enum dt_status s = DT_OK;
    for (; s == DT_OK && *list; list++)
        s = store_exec(st, *list);
    return s;
}

/* The secondary indexes of the tables the loader fills. Random user ids would make every row an
 * insert at a random place in each of them; dropping them for the load and building them again
 * from sorted keys afterwards is several times faster. Their DDL waits in a temp table. */
static const char save_indexes_sql[] =
    "CREATE TEMP TABLE IF NOT EXISTS bulk_indexes (name TEXT PRIMARY KEY, sql TEXT NOT NULL);"
    "DELETE FROM temp.bulk_indexes;"
    "INSERT INTO temp.bulk_indexes (name, sql) SELECT name, sql FROM main.sqlite_master"
    " WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('users', 'user_settings',"
    " 'user_modules', 'exercise_responses', 'tool_instances', 'auth', 'emails')";

/* Runs one statement built from each name (or sql) of temp.bulk_indexes. */
static enum dt_status each_index(struct store *st, bool drop)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT name, sql FROM temp.bulk_indexes ORDER BY name");
    if (!stmt)
        return DT_DB;
    /* Collect first: no DDL while a statement is still stepping. */
    char *list[64];
    int n = 0, rc;
    enum dt_status s = DT_OK;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (n == (int)(sizeof list / sizeof *list)) { /* never drop what cannot be rebuilt */
            store_copy_text(st->err, sizeof st->err, "too many indexes for the bulk loader");
            s = DT_DB;
            break;
        }
        /* Index names come from our own schema, never from user text; %w quotes them. */
        list[n] = drop ? sqlite3_mprintf("DROP INDEX main.\"%w\"", sqlite3_column_text(stmt, 0))
                       : sqlite3_mprintf("%s", sqlite3_column_text(stmt, 1));
        if (!list[n]) {
            s = DT_NOMEM;
            break;
        }
        n++;
    }
    if (s == DT_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        s = store_fail(st, rc);
    store_stmt_done(stmt);
    for (int i = 0; i < n; i++) {
        if (s == DT_OK)
            s = store_exec(st, list[i]);
        sqlite3_free(list[i]);
    }
    return s;
}

enum dt_status store_bulk_begin(struct store *st)
{
    if (st->tx_depth > 0) { /* journal_mode and foreign_keys cannot change inside a transaction */
        store_copy_text(st->err, sizeof st->err, "bulk load started inside a transaction");
        return DT_INVALID;
    }
    /* The loader writes consistent rows into a scratch file: foreign key lookups, fsyncs and a
     * WAL that would have to be copied back into the file only slow it down. The page cache
     * (2 GiB) keeps the primary key indexes, which receive random UUIDs, in memory; two sorter
     * threads build the secondary indexes at the end. */
    static const char *const load[] = {
        "PRAGMA foreign_keys = OFF",    "PRAGMA journal_mode = MEMORY", "PRAGMA synchronous = OFF",
        "PRAGMA cache_size = -2097152", "PRAGMA threads = 2",           NULL,
    };
    enum dt_status s = pragmas(st, load);
    if (s == DT_OK)
        s = store_group_begin(st);
    if (s != DT_OK)
        return s;
    s = store_exec(st, save_indexes_sql);
    if (s == DT_OK)
        s = each_index(st, true);
    if (s != DT_OK)
        store_group_end(st, s);
    return s;
}

enum dt_status store_bulk_add_user(struct store *st, const struct store_bulk_user *u)
{
    enum dt_status s =
        store_run(st,
                  "INSERT INTO users (id, is_anonymous, workbook_complete, created_at, updated_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5)",
                  "tiitt", u->id, u->claimed ? 0 : 1, u->workbook_complete ? 1 : 0, u->created_at,
                  u->updated_at);
    if (s == DT_OK)
        s = store_run(st,
                      "INSERT INTO user_settings (user_id, created_at, updated_at)"
                      " VALUES (?1, ?2, ?2)",
                      "tt", u->id, u->created_at);
    return s;
}

/* The envelope of clear for a claimed user's row (malloc'd), or NULL with DT_INVALID when the
 * key cannot name a field. */
static enum dt_status seal(struct store *st, const struct keyring *k, const char *table_column,
                           const char *key, const char *clear, char **sealed)
{
    char field[ENVELOPE_FIELD_LEN];
    *sealed = NULL;
    if (!envelope_field(field, table_column, key)[0]) {
        store_copy_text(st->err, sizeof st->err, "a row key too long for a field identity");
        return DT_INVALID;
    }
    *sealed = envelope_seal(k, field, clear, strlen(clear));
    return DT_OK;
}

enum dt_status store_bulk_add_response(struct store *st, const struct store_bulk_response *r)
{
    char *sealed = NULL;
    if (r->keys) {
        enum dt_status s = seal(st, r->keys, SEALED_RESPONSE, r->full_exercise_id, r->response_json,
                                &sealed);
        if (s != DT_OK)
            return s;
    }
    enum dt_status s = store_run(st, insert_response_sql, "tttttittt", r->id, r->user_id,
                                 r->part_id, r->module_id, r->exercise_id, r->version,
                                 r->full_exercise_id, sealed ? sealed : r->response_json,
                                 r->responded_at);
    free(sealed);
    return s;
}

enum dt_status store_bulk_add_tool(struct store *st, const struct store_bulk_tool *t)
{
    char *sealed = NULL, keyed[ENVELOPE_HASH_LEN];
    if (t->keys) {
        enum dt_status s = seal(st, t->keys, SEALED_TOOL, t->id, t->content_json, &sealed);
        if (s != DT_OK)
            return s;
        envelope_hash(t->keys, t->content_json, strlen(t->content_json), keyed);
    }
    enum dt_status s = store_run(
        st,
        "INSERT INTO tool_instances (id, user_id, tool_type, origin, content_json, content_hash,"
        " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        "tttttttt", t->id, t->user_id, t->tool_type, t->origin, sealed ? sealed : t->content_json,
        sealed ? keyed : t->content_hash, t->created_at, t->updated_at);
    free(sealed);
    return s;
}

enum dt_status store_bulk_add_module(struct store *st, const struct store_bulk_module *m)
{
    return store_run(
        st,
        "INSERT INTO user_modules (user_id, module_id, first_completed_at, last_modified_at)"
        " VALUES (?1, ?2, ?3, ?4)",
        "tttt", m->user_id, m->module_id, m->first_completed_at, m->last_modified_at);
}

enum dt_status store_bulk_add_account(struct store *st, const struct store_bulk_account *a)
{
    static const char insert_auth_sql[] =
        "INSERT INTO auth (id, user_id, type, password_hash, wrapped_data_key, created_at,"
        " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)";
    size_t n = strlen(a->password);
    char hash[KEYWRAP_HASH_LEN], code[KEYWRAP_RECOVERY_LEN];
    if (keywrap_hash_password(a->password, n, a->limits, hash) != 0)
        return DT_NOMEM;
    char *password_wrap = keywrap_wrap(a->keys, a->password, n, "password", a->limits);
    keywrap_recovery_code(code);
    char *recovery_wrap = keywrap_wrap(a->keys, code, strlen(code), "recovery", a->limits);
    sodium_memzero(code, sizeof code); /* as after a claim, once the person has seen it */
    enum dt_status s = password_wrap && recovery_wrap ? DT_OK : DT_NOMEM;
    if (s == DT_OK)
        s = store_run(st, insert_auth_sql, "tttttt", a->password_row_id, a->user_id, "password",
                      hash, password_wrap, a->claimed_at);
    if (s == DT_OK)
        s = store_run(st, insert_auth_sql, "tttttt", a->recovery_row_id, a->user_id, "recovery",
                      NULL, recovery_wrap, a->claimed_at);
    if (s == DT_OK)
        s = store_run(st,
                      "INSERT INTO emails (id, user_id, email, is_active, added_at)"
                      " VALUES (?1, ?2, ?3, 1, ?4)",
                      "tttt", a->email_row_id, a->user_id, a->email, a->claimed_at);
    free(password_wrap);
    free(recovery_wrap);
    return s;
}

enum dt_status store_bulk_commit_batch(struct store *st)
{
    enum dt_status s = store_group_end(st, DT_OK);
    if (s == DT_OK)
        s = store_group_begin(st);
    return s;
}

enum dt_status store_bulk_end(struct store *st, enum dt_status status)
{
    status = store_group_end(st, status);
    if (status == DT_OK) { /* the indexes again, exactly as the schema wrote them */
        status = store_group_begin(st);
        if (status == DT_OK) {
            status = each_index(st, false);
            if (status == DT_OK)
                status = store_exec(st, "DELETE FROM temp.bulk_indexes");
            status = store_group_end(st, status);
        }
    }
    /* Back to what store_open set up (store.c, configure), and the default page cache. */
    static const char *const normal[] = {
        "PRAGMA cache_size = -2000", "PRAGMA threads = 0",       "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON", NULL,
    };
    enum dt_status s = pragmas(st, normal);
    return status != DT_OK ? status : s;
}

/* Steps a statement whose one row holds one integer; the statement is reset. */
static enum dt_status one_count(struct store *st, const char *sql, long long *value)
{
    sqlite3_stmt *stmt = store_stmt(st, sql);
    if (!stmt)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    enum dt_status s = DT_OK;
    if (rc == SQLITE_ROW)
        *value = sqlite3_column_int64(stmt, 0);
    else
        s = store_fail(st, rc);
    store_stmt_done(stmt);
    return s;
}

enum dt_status store_bulk_count(struct store *st, struct store_bulk_counts *out)
{
    memset(out, 0, sizeof *out);
    enum dt_status s = one_count(st, "SELECT COUNT(*) FROM users", &out->users);
    if (s == DT_OK)
        s = one_count(st, "SELECT COUNT(*) FROM user_settings", &out->user_settings);
    if (s == DT_OK)
        s = one_count(st, "SELECT COUNT(*) FROM user_modules", &out->user_modules);
    if (s == DT_OK)
        s = one_count(st, "SELECT COUNT(*) FROM exercise_responses", &out->exercise_responses);
    if (s == DT_OK)
        s = one_count(st, "SELECT COUNT(*) FROM tool_instances", &out->tool_instances);
    if (s == DT_OK)
        s = one_count(st, "SELECT COUNT(*) FROM auth", &out->auth);
    if (s == DT_OK)
        s = one_count(st, "SELECT COUNT(*) FROM emails", &out->emails);
    if (s == DT_OK)
        s = one_count(st, "PRAGMA page_count", &out->page_count);
    if (s == DT_OK)
        s = one_count(st, "PRAGMA page_size", &out->page_size);
    return s;
}

static int read_id(sqlite3_stmt *stmt, void *elem)
{
    store_col_copy(stmt, 0, elem, STORE_ID_LEN);
    return 0;
}

enum dt_status store_bulk_user_ids(struct store *st, char (**ids)[STORE_ID_LEN], size_t *n)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(st, "SELECT id FROM users ORDER BY rowid");
    if (!stmt)
        return DT_DB;
    return store_collect(st, stmt, ids, n, STORE_ID_LEN, read_id, NULL);
}

enum dt_status store_bulk_baseline_insert(struct store *st, const struct store_bulk_response *r,
                                          char id_out[STORE_ID_LEN])
{
    char id[STORE_ID_LEN], now[STORE_TIME_LEN];
    store_uuid_random(id);
    store_now_text(st, now);
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    s = store_run(st, insert_response_sql, "tttttittt", id, r->user_id, r->part_id, r->module_id,
                  r->exercise_id, r->version, r->full_exercise_id, r->response_json, now);
    s = store_write_end(st, s);
    if (s == DT_OK && id_out)
        memcpy(id_out, id, STORE_ID_LEN);
    return s;
}

enum dt_status store_bulk_integrity_check(struct store *st, bool *ok, char problem[STORE_ERR_LEN])
{
    *ok = false;
    char found[STORE_ERR_LEN] = "";
    size_t used = 0;
    sqlite3_stmt *stmt = store_stmt(st, "PRAGMA integrity_check");
    if (!stmt)
        return DT_DB;
    int rc, rows = 0;
    /* "ok" alone, or one finding a row (up to 100); as many as fit are kept, one line each */
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *said = (const char *)sqlite3_column_text(stmt, 0);
        if (rows++ == 0 && said && strcmp(said, "ok") == 0)
            *ok = true;
        if (said && used + 1 < sizeof found)
            used += (size_t)snprintf(found + used, sizeof found - used, "%s%s", used ? "; " : "",
                                     said);
    }
    enum dt_status s = rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    store_stmt_done(stmt);
    if (s != DT_OK)
        *ok = false;
    if (problem) {
        /* SQLite puts a newline inside a finding ("*** in database main ***\n..."): one line */
        for (char *c = found; *c; c++)
            if (*c == '\n')
                *c = ' ';
        store_copy_text(problem, STORE_ERR_LEN, *ok ? "" : found);
    }
    return s;
}

static int read_user_state(sqlite3_stmt *stmt, void *elem)
{
    struct store_bulk_undo *u = elem;
    u->workbook_complete = sqlite3_column_int(stmt, 0) != 0;
    store_col_copy(stmt, 1, u->updated_at, sizeof u->updated_at);
    return 0;
}

static int read_module_state(sqlite3_stmt *stmt, void *elem)
{
    struct store_bulk_undo *u = elem;
    store_col_copy(stmt, 0, u->first_completed_at, sizeof u->first_completed_at);
    store_col_copy(stmt, 1, u->last_modified_at, sizeof u->last_modified_at);
    return 0;
}

enum dt_status store_bulk_undo_note(struct store *st, const char *user_id, const char *module_key,
                                    struct store_bulk_undo *u)
{
    memset(u, 0, sizeof *u);
    store_copy_text(u->user_id, sizeof u->user_id, user_id);
    store_copy_text(u->module_key, sizeof u->module_key, module_key);
    sqlite3_stmt *stmt =
        store_stmt(st, "SELECT workbook_complete, updated_at FROM users WHERE id = ?1");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    enum dt_status s = store_one(st, stmt, u, read_user_state);
    if (s != DT_OK)
        return s;
    stmt = store_stmt(st, "SELECT first_completed_at, last_modified_at FROM user_modules"
                          " WHERE user_id = ?1 AND module_id = ?2");
    if (!stmt || store_bind(st, stmt, "tt", user_id, module_key) != DT_OK)
        return DT_DB;
    s = store_one(st, stmt, u, read_module_state);
    u->had_module = s == DT_OK;
    return s == DT_NOT_FOUND ? DT_OK : s; /* no row: the module was not complete */
}

enum dt_status store_bulk_undo_apply(struct store *st, const struct store_bulk_undo *u, size_t n)
{
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    for (size_t k = n; s == DT_OK && k > 0; k--) {
        size_t i = k - 1;
        if (u[i].response_id[0])
            s = store_run(st, "DELETE FROM exercise_responses WHERE id = ?1", "t",
                          u[i].response_id);
        if (s != DT_OK || !u[i].user_id[0])
            continue;
        s = store_run(st, "UPDATE users SET workbook_complete = ?2, updated_at = ?3 WHERE id = ?1",
                      "tit", u[i].user_id, u[i].workbook_complete ? 1 : 0, u[i].updated_at);
        if (s == DT_OK && u[i].had_module)
            s = store_run(st,
                          "UPDATE user_modules SET first_completed_at = ?3, last_modified_at = ?4"
                          " WHERE user_id = ?1 AND module_id = ?2",
                          "tttt", u[i].user_id, u[i].module_key, u[i].first_completed_at,
                          u[i].last_modified_at);
        else if (s == DT_OK)
            s = store_run(st, "DELETE FROM user_modules WHERE user_id = ?1 AND module_id = ?2",
                          "tt", u[i].user_id, u[i].module_key);
    }
    return store_write_end(st, s);
}
