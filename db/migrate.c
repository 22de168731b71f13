/* Schema migrations: PRAGMA user_version counts the ones applied. Each runs in its own
 * BEGIN IMMEDIATE transaction and re-reads the version inside it, so two processes opening
 * the same old database at once apply each migration exactly once. */
#include "store_internal.h"

#include <stdio.h>

int store_schema_version(void)
{
    return STORE_MIGRATION_COUNT;
}

static enum dt_status read_version(struct store *st, int *version)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &stmt, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        *version = sqlite3_column_int(stmt, 0);
        rc = SQLITE_OK;
    }
    enum dt_status s = rc == SQLITE_OK ? DT_OK : store_fail(st, rc);
    sqlite3_finalize(stmt);
    return s;
}

static enum dt_status apply(struct store *st, int index)
{
    enum dt_status s = DT_OK;
    for (const char *const *step = store_migrations[index]; *step && s == DT_OK; step++)
        s = store_exec(st, *step);
    if (s == DT_OK && index == 0) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA application_id = %d", STORE_APPLICATION_ID);
        s = store_exec(st, sql);
    }
    if (s == DT_OK) {
        char sql[48];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", index + 1);
        s = store_exec(st, sql);
    }
    return s;
}

enum dt_status store_migrate(struct store *st)
{
    int version = 0;
    enum dt_status s = read_version(st, &version);
    while (s == DT_OK && version < STORE_MIGRATION_COUNT) {
        s = store_write_begin(st);
        if (s != DT_OK)
            break;
        s = read_version(st, &version);
        if (s == DT_OK && version < STORE_MIGRATION_COUNT)
            s = apply(st, version);
        s = store_write_end(st, s);
        if (s == DT_OK)
            s = read_version(st, &version);
    }
    if (s == DT_OK && version > STORE_MIGRATION_COUNT) {
        snprintf(st->err, sizeof st->err, "database schema %d is newer than this dreamtree (%d)",
                 version, STORE_MIGRATION_COUNT);
        s = DT_TOO_NEW;
    }
    return s;
}
