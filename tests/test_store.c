/* Store tests: opening and refusing files, migrations, users and sessions, tools and their
 * content hash, competencies, skills and references. Progression, responses and Daily Dos are
 * in test_progress.c. */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "check.h"
#include "competencies.h"
#include "files.h"
#include "references.h"
#include "responses.h"
#include "sessions.h"
#include "skills.h"
#include "store_internal.h" /* the binding helpers */
#include "support.h"
#include "tools.h"
#include "users.h"

static char *path_in_tmp(const char *name)
{
    static char buf[8][512];
    static int next;
    char *p = buf[next++ % 8];
    snprintf(p, 512, "%s/%s", support_tmpdir(), name);
    return p;
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, n, f);
        fclose(f);
    }
}

/* The whole file as bytes, to prove a refused file was not modified. */
static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = malloc(1 << 20);
    *n = data ? fread(data, 1, 1 << 20, f) : 0;
    fclose(f);
    return data;
}

static int exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

static void refused_untouched(const char *name, const void *data, size_t n, enum dt_status want)
{
    const char *path = path_in_tmp(name);
    write_file(path, data, n);
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    enum dt_status s = store_open(path, STORE_OPEN_CREATE, &st, err);
    CHECK_INT(s, want);
    CHECK(st == NULL);
    CHECK(strstr(err, "dreamtree") != NULL);
    size_t got_n = 0;
    char *got = slurp(path, &got_n);
    CHECK(got && got_n == n && memcmp(got, data, n) == 0);
    free(got);
    char side[600];
    snprintf(side, sizeof side, "%s-wal", path);
    CHECK(!exists(side));
    snprintf(side, sizeof side, "%s-journal", path);
    CHECK(!exists(side));
}

static void test_refuses_foreign_files(void)
{
    refused_untouched("empty.db", "", 0, DT_NOT_DREAMTREE);
    unsigned char noise[4096];
    for (size_t i = 0; i < sizeof noise; i++)
        noise[i] = (unsigned char)(i * 7919u + 13u);
    refused_untouched("noise.db", noise, sizeof noise, DT_NOT_DREAMTREE);

    /* another program's SQLite database */
    const char *other = path_in_tmp("other.db");
    sqlite3 *db = NULL;
    sqlite3_open(other, &db);
    sqlite3_exec(db,
                 "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                 "INSERT INTO notes (body) VALUES ('hello');",
                 NULL, NULL, NULL);
    sqlite3_close(db);
    size_t n = 0;
    char *before = slurp(other, &n);
    refused_untouched("other-copy.db", before, n, DT_NOT_DREAMTREE);
    free(before);
}

static void test_refuses_newer_schema(void)
{
    const char *path = path_in_tmp("newer.db");
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st, err), DT_OK);
    store_close(&st);
    sqlite3 *db = NULL;
    sqlite3_open(path, &db);
    sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL);
    sqlite3_close(db);
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st, err), DT_TOO_NEW);
    CHECK(strstr(err, "newer dreamtree") != NULL);
    CHECK(st == NULL);
}

/* A dreamtree database whose structure was changed by hand: opening it is refused, and the file
 * is left byte for byte as it was. Before, it opened, and every screen said "database error". */
static void test_refuses_changed_schema(void)
{
    static const struct {
        const char *name, *sql;
    } changes[] = {
        {"dropped-table", "DROP TABLE drafts"},
        {"renamed-column", "ALTER TABLE users RENAME COLUMN created_at TO made_at"},
        {"renamed-table", "ALTER TABLE emails RENAME TO mails"},
        {"added-column", "ALTER TABLE users ADD COLUMN nickname TEXT"},
        {"dropped-index", "DROP INDEX idx_sessions_user_id"},
        {"raising-trigger", "CREATE TRIGGER no_sessions BEFORE INSERT ON sessions"
                            " BEGIN SELECT RAISE(ABORT, 'no sessions today'); END"},
        {"extra-view", "CREATE VIEW everyone AS SELECT id FROM users"},
    };
    for (size_t i = 0; i < sizeof changes / sizeof *changes; i++) {
        check_test_name = changes[i].name;
        char name[64];
        snprintf(name, sizeof name, "%s.db", changes[i].name);
        const char *path = path_in_tmp(name);
        struct store *st = NULL;
        char err[STORE_ERR_LEN];
        CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st, err), DT_OK);
        store_close(&st);
        sqlite3 *db = NULL;
        sqlite3_open(path, &db);
        CHECK_INT(sqlite3_exec(db, changes[i].sql, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
        size_t n = 0;
        char *bytes = slurp(path, &n);
        struct stat before;
        stat(path, &before);
        CHECK_INT(store_open(path, STORE_OPEN_EXISTING, &st, err), DT_SCHEMA_CHANGED);
        CHECK(st == NULL);
        store_close(&st); /* had it opened, closing would checkpoint its writes into the file */
        CHECK(strstr(err, "changed outside dreamtree") != NULL);
        size_t got_n = 0;
        char *got = slurp(path, &got_n);
        CHECK(bytes && got && got_n == n && memcmp(got, bytes, n) == 0);
        struct stat after;
        stat(path, &after);
        CHECK(after.st_mtim.tv_sec == before.st_mtim.tv_sec &&
              after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);
        free(got);
        free(bytes);
    }
    check_test_name = "test_refuses_changed_schema";
}

static void test_creates_and_reopens(void)
{
    const char *path = path_in_tmp("fresh.db");
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    CHECK_INT(store_open(path, STORE_OPEN_EXISTING, &st, err), DT_NOT_FOUND);
    CHECK(!exists(path));
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st, err), DT_OK);
    struct stat sb;
    CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    struct user u;
    CHECK_INT(store_users_create_anonymous(st, &u), DT_OK);
    store_close(&st);
    CHECK(st == NULL);

    CHECK_INT(store_open(path, STORE_OPEN_EXISTING, &st, err), DT_OK);
    struct user again;
    CHECK_INT(store_users_get(st, u.id, &again), DT_OK);
    CHECK_STR(again.id, u.id);
    store_close(&st);

    sqlite3 *db = NULL;
    sqlite3_open(path, &db);
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL);
    CHECK(sqlite3_step(stmt) == SQLITE_ROW &&
          sqlite3_column_int(stmt, 0) == store_schema_version());
    sqlite3_finalize(stmt);
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL);
    CHECK(sqlite3_step(stmt) == SQLITE_ROW &&
          strcmp((const char *)sqlite3_column_text(stmt, 0), "wal") == 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

static void test_migrates_older_schema(void)
{
    /* a database as migration 1 left it: none of the later tables and index, user_version 1 */
    const char *path = path_in_tmp("older.db");
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st, err), DT_OK);
    struct user u;
    CHECK_INT(store_users_create_anonymous(st, &u), DT_OK);
    store_close(&st);
    sqlite3 *db = NULL;
    sqlite3_open(path, &db);
    CHECK(
        sqlite3_exec(
            db,
            "DROP TABLE dreamtree_meta; DROP TABLE drafts; DROP TABLE user_preferences; DROP TABLE login_throttle; DROP TABLE ssh_keys; DROP TABLE competency_score_history;"
            " DROP TABLE tool_instance_drafts;"
            " DROP INDEX idx_tool_instances_user_type_created;"
            " PRAGMA user_version = 1",
            NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    size_t n = 0;
    char *v1 = slurp(path, &n);

    CHECK_INT(store_open(path, STORE_OPEN_EXISTING, &st, err), DT_OK);
    struct user again;
    CHECK_INT(store_users_get(st, u.id, &again), DT_OK); /* data survives the migration */
    store_close(&st);
    sqlite3_open(path, &db);
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2(db,
                       "SELECT (SELECT user_version FROM pragma_user_version),"
                       " (SELECT count(*) FROM sqlite_master WHERE name = 'dreamtree_meta')",
                       -1, &stmt, NULL);
    CHECK(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(stmt, 0), store_schema_version());
    CHECK_INT(sqlite3_column_int(stmt, 1), 1);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    CHECK(store_schema_version() >= 2);

    /* an old database is checked against its own version before it is migrated: one with a
     * table its version does not have is left as it is */
    const char *odd = path_in_tmp("older-odd.db");
    write_file(odd, v1, n);
    sqlite3_open(odd, &db);
    CHECK(sqlite3_exec(db, "CREATE TABLE drafts (x)", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    free(v1);
    v1 = slurp(odd, &n);
    CHECK_INT(store_open(odd, STORE_OPEN_EXISTING, &st, err), DT_SCHEMA_CHANGED);
    store_close(&st);
    size_t got_n = 0;
    char *got = slurp(odd, &got_n);
    CHECK(v1 && got && got_n == n && memcmp(got, v1, n) == 0);
    free(got);
    free(v1);
}

/* Opening for reading only (dreamtree today): nothing is written, nothing is made beside the
 * file, and a write is refused; a missing file stays missing; an old database is updated. */
static void test_open_for_reading(void)
{
    const char *path = path_in_tmp("reading.db");
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    CHECK_INT(store_open(path, STORE_OPEN_READONLY, &st, err), DT_NOT_FOUND);
    CHECK(!exists(path));
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st, err), DT_OK);
    struct user u;
    CHECK_INT(store_users_create_anonymous(st, &u), DT_OK);
    store_close(&st);
    size_t n = 0;
    char *before = slurp(path, &n);

    CHECK_INT(store_open(path, STORE_OPEN_READONLY, &st, err), DT_OK);
    struct user again;
    CHECK_INT(store_users_get(st, u.id, &again), DT_OK);
    struct user other;
    CHECK_INT(store_users_create_anonymous(st, &other), DT_READONLY);
    char side[600];
    snprintf(side, sizeof side, "%s-wal", path);
    CHECK(!exists(side)); /* not even while it is open */
    snprintf(side, sizeof side, "%s-shm", path);
    CHECK(!exists(side));
    store_close(&st);
    size_t got_n = 0;
    char *got = slurp(path, &got_n);
    CHECK(before && got && got_n == n && memcmp(got, before, n) == 0);
    free(got);
    free(before);

    /* an older schema is brought up to date, which takes writing */
    sqlite3 *db = NULL;
    sqlite3_open(path, &db);
    CHECK(
        sqlite3_exec(
            db,
            "DROP INDEX idx_tool_instances_user_type_created; DROP TABLE login_throttle; DROP TABLE ssh_keys; DROP TABLE competency_score_history;"
            " ALTER TABLE user_preferences DROP COLUMN idle_lock_minutes;"
            " ALTER TABLE user_preferences DROP COLUMN variant_group;"
            " DROP TABLE tool_instance_drafts;"
            " PRAGMA user_version = 3",
            NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    CHECK_INT(store_open(path, STORE_OPEN_READONLY, &st, err), DT_OK);
    store_close(&st);
    sqlite3_open(path, &db);
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL);
    CHECK(sqlite3_step(stmt) == SQLITE_ROW &&
          sqlite3_column_int(stmt, 0) == store_schema_version());
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

static void test_time_and_ids(void)
{
    char text[STORE_TIME_LEN];
    store_time_format(support_now, text);
    CHECK_STR(text, "2026-11-25T12:00:00Z");
    int64_t t = 0;
    CHECK(store_time_parse("2026-11-25T12:00:00Z", &t) == 0 && t == support_now);
    CHECK(store_time_parse("2024-02-29", &t) == 0 && t == 1709164800);
    CHECK(store_time_parse("2026-13-01T00:00:00Z", &t) != 0);
    CHECK(store_time_parse("2026-02-31", &t) != 0);
    CHECK(store_time_parse("2023-02-29", &t) != 0);
    CHECK(store_time_parse("2000-02-29", &t) == 0);
    CHECK(store_time_parse("yesterday", &t) != 0);

    char a[STORE_ID_LEN], b[STORE_ID_LEN];
    store_uuid_random(a);
    store_uuid_random(b);
    CHECK(strlen(a) == 36 && a[14] == '4' && strcmp(a, b) != 0);
    store_uuid_stable("skill:budgeting", a);
    store_uuid_stable("skill:budgeting", b);
    CHECK_STR(a, b);
    CHECK(a[14] == '8');
    store_uuid_stable("skill:patience", b);
    CHECK(strcmp(a, b) != 0);

    char cut[6];
    store_copy_text(cut, sizeof cut, "abcd\xc3\xa9z"); /* "abcdéz": é must not be cut in half */
    CHECK_STR(cut, "abcd");
}

static void test_users_and_settings(void)
{
    struct store *st = support_store();
    struct user u;
    CHECK_INT(store_users_create_anonymous(st, &u), DT_OK);
    CHECK(u.is_anonymous && !u.workbook_complete);
    CHECK_STR(u.created_at, "2026-11-25T12:00:00Z");
    struct user_settings set;
    CHECK_INT(store_users_settings(st, u.id, &set), DT_OK);
    CHECK_STR(set.background_color, "cream");
    CHECK_STR(set.text_color, "charcoal");
    CHECK_STR(set.font, "system");
    CHECK_STR(set.personality_type, "");

    snprintf(set.background_color, sizeof set.background_color, "sage");
    snprintf(set.personality_type, sizeof set.personality_type, "INTJ");
    CHECK_INT(store_users_save_settings(st, u.id, &set), DT_OK);
    struct user_settings back;
    store_users_settings(st, u.id, &back);
    CHECK_STR(back.background_color, "sage");
    CHECK_STR(back.personality_type, "INTJ");
    snprintf(set.personality_type, sizeof set.personality_type, "XXXX");
    CHECK_INT(store_users_save_settings(st, u.id, &set), DT_INVALID);
    CHECK_INT(store_users_save_settings(st, "no-such-user", &back), DT_NOT_FOUND);

    CHECK_INT(store_users_delete(st, u.id), DT_OK);
    CHECK_INT(store_users_get(st, u.id, &u), DT_NOT_FOUND);
    CHECK_INT(store_users_settings(st, u.id, &set), DT_NOT_FOUND);
    CHECK_INT(store_users_delete(st, u.id), DT_NOT_FOUND);
    store_close(&st);
}

static void test_sessions(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    struct session se, back;
    CHECK_INT(store_sessions_create(st, user, &se), DT_OK);
    CHECK_STR(se.last_seen_at, "2026-11-25T12:00:00Z");
    store_set_now(st, support_now + 3600);
    CHECK_INT(store_sessions_resume(st, se.id, &back), DT_OK);
    CHECK_STR(back.user_id, user);
    CHECK_STR(back.created_at, "2026-11-25T12:00:00Z");
    CHECK_STR(back.last_seen_at, "2026-11-25T13:00:00Z");
    CHECK_INT(store_sessions_create(st, "nobody", &back), DT_NOT_FOUND);
    CHECK_INT(store_sessions_end(st, se.id), DT_OK);
    CHECK_INT(store_sessions_resume(st, se.id, &back), DT_NOT_FOUND);
    store_close(&st);
}

static void test_session_file(void)
{
    const char *path = path_in_tmp("session");
    const char *id1 = "0b4c54e1-2c2f-4f57-9a51-1c7d3e8f0a22",
               *id2 = "5d0c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6";
    char id[STORE_ID_LEN];
    CHECK_INT(store_files_read_session(path, "/a.db", id), DT_NOT_FOUND);
    CHECK_INT(store_files_write_session(path, "/a.db", id1), DT_OK);
    struct stat sb;
    CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    CHECK_INT(store_files_read_session(path, "/a.db", id), DT_OK);
    CHECK_STR(id, id1);
    /* each database keeps its own session */
    CHECK_INT(store_files_read_session(path, "/b.db", id), DT_NOT_FOUND);
    CHECK_INT(store_files_write_session(path, "/b db with spaces.db", id2), DT_OK);
    CHECK_INT(store_files_read_session(path, "/b db with spaces.db", id), DT_OK);
    CHECK_STR(id, id2);
    CHECK_INT(store_files_read_session(path, "/a.db", id), DT_OK);
    CHECK_STR(id, id1);
    CHECK_INT(store_files_write_session(path, "/a.db", id2), DT_OK); /* replaced, not added */
    size_t n = 0;
    char *text = slurp(path, &n);
    CHECK(text && n == 2 * 37 + strlen("/a.db") + strlen("/b db with spaces.db") + 2);
    free(text);
    CHECK_INT(store_files_write_session(path, "/a.db", "not-a-uuid"), DT_INVALID);
    CHECK_INT(store_files_write_session(path, "/new\nline.db", id1), DT_INVALID);
    /* an export goes to HOME, private, replacing the last one of its name */
    char home[FILES_PATH_MAX], exported[FILES_PATH_MAX];
    snprintf(home, sizeof home, "%s", path);
    *strrchr(home, '/') = '\0';
    char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    setenv("HOME", home, 1);
    CHECK_INT(store_files_export("resume.md", "# Ada\n", exported), DT_OK);
    CHECK_INT(store_files_export("resume.md", "# Ada Lovelace\n", exported), DT_OK);
    text = slurp(exported, &n);
    CHECK(text && n == 15 && memcmp(text, "# Ada Lovelace\n", 15) == 0);
    free(text);
    CHECK(stat(exported, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    CHECK_INT(store_files_export("../escape.md", "x", exported), DT_INVALID);
    setenv("HOME", "relative/home", 1);
    CHECK_INT(store_files_export("resume.md", "x", exported), DT_INVALID);
    if (old_home)
        setenv("HOME", old_home, 1);
    free(old_home);

    /* a damaged file is read as "no session", never as a session */
    write_file(path, "\x1b]0;evil\x07 /a.db\n", 14);
    CHECK_INT(store_files_read_session(path, "/a.db", id), DT_NOT_FOUND);

    setenv("XDG_DATA_HOME", "/somewhere/data", 1);
    setenv("DREAMTREE_DB", "", 1);
    char out[FILES_PATH_MAX];
    CHECK_INT(store_files_database(out, 0), DT_OK);
    CHECK_STR(out, "/somewhere/data/dreamtree/dreamtree.db");
    setenv("DREAMTREE_DB", "/x/y.db", 1);
    CHECK_INT(store_files_database(out, 0), DT_OK);
    CHECK_STR(out, "/x/y.db");
    unsetenv("DREAMTREE_DB");
    setenv("XDG_DATA_HOME", "relative/ignored", 1);
    setenv("HOME", "/home/reader", 1);
    CHECK_INT(store_files_database(out, 0), DT_OK);
    CHECK_STR(out, "/home/reader/.local/share/dreamtree/dreamtree.db");
    unsetenv("XDG_STATE_HOME");
    CHECK_INT(store_files_session_file(out, 0), DT_OK);
    CHECK_STR(out, "/home/reader/.local/state/dreamtree/session");
}

static void test_content_hash(void)
{
    char a[TOOLS_HASH_LEN], b[TOOLS_HASH_LEN];
    CHECK_INT(store_tools_content_hash("{\"b\":1,\"a\":{\"y\":[1,2],\"x\":\"s\"}}", a), DT_OK);
    CHECK_INT(store_tools_content_hash(" { \"a\" : { \"x\":\"s\", \"y\" : [1, 2] },\n\"b\":1.0 } ",
                                       b),
              DT_OK);
    CHECK_STR(a, b);
    CHECK_INT(strlen(a), 64);
    CHECK_INT(store_tools_content_hash("{\"a\":{\"x\":\"s\",\"y\":[2,1]},\"b\":1}", b), DT_OK);
    CHECK(strcmp(a, b) != 0); /* array order is content */
    char *canon = store_tools_canonical_json("{\"é\":1,\"e\":2,\"Z\":3}");
    CHECK_STR(canon, "{\"Z\":3,\"e\":2,\"é\":1}");
    free(canon);
    CHECK_INT(store_tools_content_hash("{not json", a), DT_INVALID);
    CHECK_INT(store_tools_content_hash("", a), DT_INVALID);
    /* a repeated key keeps its place among equals, wherever the other keys are */
    CHECK_INT(store_tools_content_hash("{\"k\":1,\"z\":0,\"k\":2}", a), DT_OK);
    CHECK_INT(store_tools_content_hash("{\"z\":0,\"k\":1,\"k\":2}", b), DT_OK);
    CHECK_STR(a, b);
    CHECK_INT(store_tools_content_hash("{\"k\":2,\"k\":1,\"z\":0}", b), DT_OK);
    CHECK(strcmp(a, b) != 0);
    /* a known value: SHA-256 of the canonical text {"a":1} */
    CHECK_INT(store_tools_content_hash("{ \"a\": 1 }", a), DT_OK);
    CHECK_STR(a, "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
}

static void test_tool_instances(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN], other[STORE_ID_LEN], id[STORE_ID_LEN];
    support_user(st, user);
    support_user(st, other);
    struct tool_type tt;
    CHECK_INT(store_tools_type(st, "flow-tracker", &tt), DT_OK);
    CHECK_STR(tt.singular_name, "Flow Log");
    CHECK_STR(tt.reminder_frequency, "daily");
    CHECK_STR(tt.unlocks_at_exercise, "2.1.1.v1");
    struct tool_type *types = NULL;
    size_t n = 0;
    CHECK_INT(store_tools_types(st, &types, &n), DT_OK);
    CHECK_INT(n, 10);
    CHECK_STR(types[0].id, "list-builder"); /* unlock order */
    free(types);

    /* standalone use needs the tool unlocked; use inside its exercise does not */
    CHECK_INT(store_tools_create(st, user, "list-builder", "standalone", "{\"items\":[]}", id),
              DT_LOCKED);
    CHECK_INT(store_tools_create(st, user, "list-builder", "1.1.1.v1", "{\"items\":[]}", id),
              DT_OK);
    CHECK_INT(store_tools_create(st, user, "ranking-grid", "1.1.3.v1", "{}", id), DT_LOCKED);
    CHECK_INT(store_tools_create(st, user, "no-such-tool", "standalone", "{}", id), DT_INVALID);
    CHECK_INT(store_tools_create(st, user, "list-builder", "9.9.9.v1", "{}", id), DT_INVALID);
    CHECK_INT(store_tools_create(st, user, "list-builder", "1.1.1.v1", "{oops", id), DT_INVALID);
    support_answer_first(st, user, 1);
    CHECK_INT(store_tools_create(st, user, "list-builder", "standalone",
                                 "{\"title\":\"Jobs\",\"items\":[\"a\"]}", id),
              DT_OK);

    struct tool_instance ti;
    CHECK_INT(store_tools_get(st, user, id, &ti), DT_OK);
    CHECK_STR(ti.origin, "standalone");
    char hash[TOOLS_HASH_LEN];
    store_tools_content_hash("{\"items\":[\"a\"],\"title\":\"Jobs\"}", hash);
    CHECK_STR(ti.content_hash, hash);
    store_tools_instance_clear(&ti);
    CHECK_INT(store_tools_get(st, other, id, &ti), DT_NOT_FOUND); /* not theirs */

    store_set_now(st, support_now + 60);
    CHECK_INT(store_tools_update(st, user, id, "{\"title\":\"Jobs\",\"items\":[\"a\",\"b\"]}"),
              DT_OK);
    CHECK_INT(store_tools_update(st, other, id, "{}"), DT_NOT_FOUND);
    CHECK_INT(store_tools_get(st, user, id, &ti), DT_OK);
    CHECK_STR(ti.updated_at, "2026-11-25T12:01:00Z");
    CHECK_STR(ti.created_at, "2026-11-25T12:00:00Z");
    CHECK(strcmp(ti.content_hash, hash) != 0);
    store_tools_instance_clear(&ti);

    struct tool_instance *list = NULL;
    CHECK_INT(store_tools_list(st, user, "list-builder", &list, &n), DT_OK);
    CHECK_INT(n, 2);
    CHECK_STR(list[0].id, id); /* newest first */
    store_tools_list_free(&list, n);
    CHECK(list == NULL);
    size_t count = 99;
    char last[STORE_TIME_LEN];
    CHECK_INT(store_tools_count(st, user, "list-builder", &count, NULL, last), DT_OK);
    CHECK_INT(count, 2);
    CHECK_STR(last, "2026-11-25T12:00:00Z");
    CHECK_INT(store_tools_count(st, other, "list-builder", &count, NULL, last), DT_OK);
    CHECK_INT(count, 0);
    CHECK_STR(last, "");
    CHECK_INT(store_tools_delete(st, other, id), DT_NOT_FOUND);
    CHECK_INT(store_tools_delete(st, user, id), DT_OK);
    CHECK_INT(store_tools_get(st, user, id, &ti), DT_NOT_FOUND);
    store_close(&st);
}

static struct competency_score score(const char *category, int value)
{
    struct competency_score s = {.score = value};
    snprintf(s.category, sizeof s.category, "%s", category);
    return s;
}

static void test_competency_formula(void)
{
    /* overall 2.7: strength threshold floor(3.0) = 3 (2.7 + 0.3 is 3.0000000000000004 in
     * doubles, as in JavaScript), improvement floor(2.4) = 2 */
    struct competency_score s[] = {score("delivery", 3),      score("delivery", 2),
                                   score("interpersonal", 4), score("interpersonal", 1),
                                   score("strategic", 3),     score("strategic", 3),
                                   score("delivery", 3),      score("delivery", 3),
                                   score("interpersonal", 3), score("strategic", 2)};
    struct competency_summary sum;
    store_competencies_summarize(s, 10, &sum);
    CHECK(sum.has_overall);
    CHECK(sum.overall > 2.69 && sum.overall < 2.71);
    CHECK_INT(sum.strength_threshold, 3);
    CHECK_INT(sum.improvement_threshold, 2);
    CHECK_INT(sum.n_strengths, 7);    /* every score >= 3 */
    CHECK_INT(sum.n_improvements, 3); /* every score <= 2 */
    CHECK(sum.delivery > 2.74 && sum.delivery < 2.76);
    CHECK(sum.interpersonal > 2.66 && sum.interpersonal < 2.67);

    /* all equal: 3 + 0.3 floors to 3, 3 - 0.3 floors to 2: all strengths, no improvements */
    struct competency_score flat[] = {score("delivery", 3), score("strategic", 3)};
    store_competencies_summarize(flat, 2, &sum);
    CHECK_INT(sum.n_strengths, 2);
    CHECK_INT(sum.n_improvements, 0);
    CHECK(!sum.has_interpersonal);

    /* average 3.75: strength floor(4.05) = 4, improvement floor(3.45) = 3 */
    struct competency_score mixed[] = {score("delivery", 5), score("delivery", 4),
                                       score("strategic", 3), score("strategic", 3)};
    store_competencies_summarize(mixed, 4, &sum);
    CHECK_INT(sum.strength_threshold, 4);
    CHECK_INT(sum.improvement_threshold, 3);
    CHECK_INT(sum.n_strengths, 2);
    CHECK_INT(sum.strengths[0], 0);
    CHECK_INT(sum.strengths[1], 1);
    CHECK_INT(sum.n_improvements, 2);

    store_competencies_summarize(NULL, 0, &sum);
    CHECK(!sum.has_overall && sum.n_strengths == 0 && sum.n_improvements == 0);
}

static void test_competency_store(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    struct competency *list = NULL;
    size_t n = 0;
    CHECK_INT(store_competencies_list(st, &list, &n), DT_OK);
    CHECK_INT(n, 6);
    CHECK_STR(list[0].id, "analytical-thinking");
    CHECK_STR(list[2].category, "interpersonal");
    CHECK_STR(list[5].id, "strategic-thinking");
    free(list);
    struct competency_level levels[5];
    CHECK_INT(store_competencies_levels(st, "analytical-thinking", levels, &n), DT_OK);
    CHECK_INT(n, 5);
    CHECK_STR(levels[4].job_context, "Directors and executives");

    CHECK_INT(store_competencies_save_score(st, user, "analytical-thinking", 0), DT_INVALID);
    CHECK_INT(store_competencies_save_score(st, user, "analytical-thinking", 6), DT_INVALID);
    CHECK_INT(store_competencies_save_score(st, user, "no-such", 3), DT_NOT_FOUND);
    bool due = true;
    char oldest[STORE_TIME_LEN];
    CHECK_INT(store_competencies_reassessment(st, user, &due, oldest), DT_OK);
    CHECK(!due && oldest[0] == '\0');

    store_set_now(st, support_now - 400 * 86400); /* assessed 400 days ago */
    CHECK_INT(store_competencies_save_score(st, user, "analytical-thinking", 2), DT_OK);
    store_set_now(st, support_now - 300 * 86400);
    CHECK_INT(store_competencies_save_score(st, user, "client-focus", 4), DT_OK);
    store_set_now(st, support_now);
    CHECK_INT(store_competencies_reassessment(st, user, &due, oldest), DT_OK);
    CHECK(due);
    CHECK_STR(oldest, "2025-10-21T12:00:00Z");
    /* reassessing the old one moves the oldest date inside the year */
    CHECK_INT(store_competencies_save_score(st, user, "analytical-thinking", 3), DT_OK);
    CHECK_INT(store_competencies_reassessment(st, user, &due, oldest), DT_OK);
    CHECK(!due);

    struct competency_score *scores = NULL;
    CHECK_INT(store_competencies_scores(st, user, &scores, &n), DT_OK);
    CHECK_INT(n, 2); /* an upsert, not a second row */
    CHECK_STR(scores[0].competency_id, "analytical-thinking");
    CHECK_INT(scores[0].score, 3);
    CHECK_STR(scores[1].category, "interpersonal");
    free(scores);
    store_close(&st);
}

static int has_skill(const struct skill *list, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].name, name) == 0)
            return 1;
    return 0;
}

static void test_skills(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN], other[STORE_ID_LEN], custom[STORE_ID_LEN], dup[STORE_ID_LEN];
    support_user(st, user);
    support_user(st, other);
    struct skill *list = NULL;
    size_t n = 0;
    CHECK_INT(store_skills_list(st, NULL, NULL, &list, &n), DT_OK);
    CHECK_INT(n, 12);
    free(list);
    CHECK_INT(store_skills_list(st, NULL, "self_management", &list, &n), DT_OK);
    CHECK_INT(n, 3);
    CHECK_STR(list[0].name, "Patience");
    free(list);

    /* Unicode case folding: ß folds to ss, Σ to σ, É to é */
    CHECK_INT(store_skills_search(st, user, "STRASSE", 10, &list, &n), DT_OK);
    CHECK(n == 1 && strcmp(list[0].name, "Straßenbau") == 0);
    free(list);
    CHECK_INT(store_skills_search(st, user, "συστ", 10, &list, &n), DT_OK);
    CHECK(n == 1 && strcmp(list[0].name, "ΣΥΣΤΗΜΑΤΑ") == 0);
    free(list);
    CHECK_INT(store_skills_search(st, user, "écRIT", 10, &list, &n), DT_OK);
    CHECK_INT(n, 1);
    free(list);
    /* prefix matches before substring matches */
    CHECK_INT(store_skills_search(st, user, "s", 20, &list, &n), DT_OK);
    CHECK(n >= 4);
    CHECK_STR(list[0].name, "Self-discipline");
    CHECK(has_skill(list, n, "Budgeting") == 0 || n > 0);
    free(list);
    CHECK_INT(store_skills_search(st, user, "ing", 2, &list, &n), DT_OK);
    CHECK_INT(n, 2); /* the limit holds */
    free(list);

    CHECK_INT(store_skills_add_custom(st, user, "  Beekeeping  ", "knowledge", custom), DT_OK);
    CHECK_INT(store_skills_add_custom(st, user, "BEEKEEPING", NULL, dup), DT_DUPLICATE);
    CHECK_STR(dup, custom);
    CHECK_INT(store_skills_add_custom(st, user, "budgeting", NULL, dup), DT_DUPLICATE);
    CHECK_INT(store_skills_add_custom(st, user, "   ", NULL, dup), DT_INVALID);
    CHECK_INT(store_skills_add_custom(st, user, "bad\x1b[31m", NULL, dup), DT_INVALID);
    CHECK_INT(store_skills_add_custom(st, user, "bad \xff utf8", NULL, dup), DT_INVALID);
    CHECK_INT(store_skills_add_custom(st, user, "Odd", "colour", dup), DT_INVALID);
    char long_name[200];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    CHECK_INT(store_skills_add_custom(st, user, long_name, NULL, dup), DT_INVALID);

    /* a pending custom skill is the creator's alone */
    CHECK_INT(store_skills_search(st, user, "beek", 10, &list, &n), DT_OK);
    CHECK(n == 1 && list[0].is_custom && strcmp(list[0].review_status, "pending") == 0 &&
          strcmp(list[0].name, "Beekeeping") == 0);
    free(list);
    CHECK_INT(store_skills_search(st, other, "beek", 10, &list, &n), DT_OK);
    CHECK_INT(n, 0);
    free(list);
    /* the other user may make their own of the same name */
    CHECK_INT(store_skills_add_custom(st, other, "Beekeeping", NULL, dup), DT_OK);
    CHECK(strcmp(dup, custom) != 0);

    /* tags */
    char response[STORE_ID_LEN], tool[STORE_ID_LEN];
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[\"a\"]}", response), DT_OK);
    CHECK_INT(store_tools_create(st, user, "list-builder", "standalone", "{}", tool), DT_OK);
    struct skill *master = NULL;
    CHECK_INT(store_skills_search(st, user, "Patience", 1, &master, &n), DT_OK);
    CHECK_INT(store_skills_tag(st, user, response, master[0].id), DT_OK);
    CHECK_INT(store_skills_tag(st, user, response, master[0].id), DT_OK); /* twice is fine */
    CHECK_INT(store_skills_tag(st, user, response, custom), DT_OK);
    CHECK_INT(store_skills_tag(st, user, tool, custom), DT_OK);
    CHECK_INT(store_skills_tag(st, other, response, master[0].id), DT_NOT_FOUND); /* not theirs */
    CHECK_INT(store_skills_tag(st, other, tool, custom), DT_NOT_FOUND);
    CHECK_INT(store_skills_tag(st, user, "nothing", master[0].id), DT_NOT_FOUND);
    CHECK_INT(store_skills_for_instance(st, user, response, &list, &n), DT_OK);
    CHECK_INT(n, 2);
    CHECK_STR(list[0].name, "Beekeeping");
    CHECK_STR(list[1].name, "Patience");
    free(list);
    CHECK_INT(store_skills_for_instance(st, other, response, &list, &n), DT_OK);
    CHECK_INT(n, 0);
    free(list);
    struct skill_count *top = NULL;
    CHECK_INT(store_skills_top(st, user, 5, &top, &n), DT_OK);
    CHECK_INT(n, 2);
    CHECK_STR(top[0].skill.name, "Beekeeping"); /* on the response and the tool instance */
    CHECK_INT(top[0].uses, 2);
    CHECK_STR(top[1].skill.name, "Patience");
    free(top);
    CHECK_INT(store_skills_top(st, other, 5, &top, &n), DT_OK);
    CHECK_INT(n, 0);
    free(top);
    CHECK_INT(store_skills_untag(st, user, response, master[0].id), DT_OK);
    CHECK_INT(store_skills_for_instance(st, user, response, &list, &n), DT_OK);
    CHECK_INT(n, 1);
    free(list);
    /* deleting a tool instance drops its tags (a trigger) */
    CHECK_INT(store_tools_delete(st, user, tool), DT_OK);
    CHECK_INT(store_skills_for_instance(st, user, tool, &list, &n), DT_OK);
    CHECK_INT(n, 0);
    free(list);
    free(master);

    /* deleting the user keeps their custom skill, without its creator */
    CHECK_INT(store_users_delete(st, user), DT_OK);
    CHECK_INT(store_skills_list(st, NULL, "knowledge", &list, &n), DT_OK);
    CHECK(!has_skill(list, n, "Beekeeping")); /* pending and creatorless: nobody sees it */
    free(list);
    store_close(&st);
}

/* A master skill straight into the table (the fixture's content has none with a hyphen). */
static void add_master(struct store *st, const char *id, const char *name)
{
    char sql[300];
    snprintf(sql, sizeof sql,
             "INSERT INTO skills (id, name, category, is_custom, created_at)"
             " VALUES ('%s', '%s', 'transferable', 0, '2026-01-01T00:00:00Z')",
             id, name);
    CHECK_INT(support_exec(st, sql), 0);
}

/* A name that differs from a visible one only in case, spacing or hyphens is that skill; names
 * no skill can have are refused with a reason. */
static void test_skill_names(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN], other[STORE_ID_LEN], id[STORE_ID_LEN], mine[STORE_ID_LEN];
    support_user(st, user);
    support_user(st, other);
    add_master(st, "m-problem", "Problem-solving");
    add_master(st, "m-project", "Project management");
    CHECK_INT(store_skills_add_custom(st, user, "problem solving", NULL, id), DT_DUPLICATE);
    CHECK_STR(id, "m-problem");
    CHECK_INT(store_skills_add_custom(st, user, "PROBLEM SOLVING", NULL, id), DT_DUPLICATE);
    CHECK_INT(store_skills_add_custom(st, user, "Problemsolving", NULL, id), DT_DUPLICATE);
    CHECK_INT(store_skills_add_custom(st, user, "Project  management", NULL, id), DT_DUPLICATE);
    CHECK_STR(id, "m-project");
    CHECK_INT(store_skills_add_custom(st, user, "Budgeting", NULL, id), DT_DUPLICATE);
    CHECK_INT(store_skills_add_custom(st, user, "budgeting", NULL, id), DT_DUPLICATE);
    CHECK_INT(store_skills_add_custom(st, user, "ecriture  technique", NULL, id), DT_DUPLICATE);
    /* the user's own proposal counts; another's pending one is never revealed */
    CHECK_INT(store_skills_add_custom(st, user, "Bee-keeping", NULL, mine), DT_OK);
    CHECK_INT(store_skills_add_custom(st, user, "beekeeping", NULL, id), DT_DUPLICATE);
    CHECK_STR(id, mine);
    CHECK_INT(store_skills_add_custom(st, other, "Beekeeping", NULL, id), DT_OK);
    CHECK(strcmp(id, mine) != 0);
    /* each sees their own marked as theirs, and the master list as nobody's */
    struct skill *seen = NULL;
    size_t nseen = 0;
    CHECK_INT(store_skills_search(st, user, "keeping", 10, &seen, &nseen), DT_OK);
    CHECK(nseen == 1 && strcmp(seen[0].id, mine) == 0 && seen[0].own);
    free(seen);
    CHECK_INT(store_skills_search(st, other, "keeping", 10, &seen, &nseen), DT_OK);
    CHECK(nseen == 1 && strcmp(seen[0].id, id) == 0 && seen[0].own);
    free(seen);
    CHECK_INT(store_skills_search(st, user, "budgeting", 10, &seen, &nseen), DT_OK);
    CHECK(nseen == 1 && !seen[0].own);
    free(seen);

    /* hostile names: each refused, with a sentence that says why */
    static const char *const bad[] = {"   ",           "\xcc\x81\xcc\x81", " - _ ",
                                      "tab\tinside",   "esc\x1b[2J",       "bell\a",
                                      "bad \xff utf8", "\xc3\x28",         "line\xe2\x80\xa8sep",
                                      "c1\xc2\x85next"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK_INT(store_skills_add_custom(st, user, bad[i], NULL, id), DT_INVALID);
        CHECK(store_skills_name_problem(bad[i]) != NULL);
    }
    CHECK_STR(store_skills_name_problem("\xcc\x81 \xcc\x81"),
              "a skill's name needs a letter or a digit in it.");
    CHECK_STR(store_skills_name_problem("bad \xff"),
              "that name holds bytes that are not text (not UTF-8).");
    char *huge = malloc(10 * 1024 + 1);
    memset(huge, 'a', 10 * 1024);
    huge[10 * 1024] = '\0';
    CHECK_INT(store_skills_add_custom(st, user, huge, NULL, id), DT_INVALID);
    CHECK_STR(store_skills_name_problem(huge),
              "that name is too long for a skill: keep it to a few words.");
    huge[SKILLS_NAME_MAX] = '\0'; /* at the limit: fine */
    CHECK(store_skills_name_problem(huge) == NULL);
    free(huge);
    CHECK(store_skills_name_problem("  Résolution de problèmes ") == NULL);
    CHECK(store_skills_name_problem(NULL) != NULL);

    /* the search folds accents, case and spacing: "resolucion" finds "Resolución" */
    add_master(st, "m-resol", "Resolución de conflictos");
    struct skill *list = NULL;
    size_t n = 0;
    CHECK_INT(store_skills_search(st, user, "resolucion", 10, &list, &n), DT_OK);
    CHECK(n == 1 && strcmp(list[0].id, "m-resol") == 0);
    free(list);
    CHECK_INT(store_skills_search(st, user, "DE   CONFLICTOS", 10, &list, &n), DT_OK);
    CHECK_INT(n, 1);
    free(list);
    store_close(&st);
}

static const char *const *names_of(size_t n, ...)
{
    static const char *names[8];
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n && i < 8; i++)
        names[i] = va_arg(ap, const char *);
    va_end(ap);
    return names;
}

/* The one way names become tags (SOARED stories and answers), where they are, and the answer's
 * id and count. */
static void test_skill_tags(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN], other[STORE_ID_LEN], answer[STORE_ID_LEN], entry[STORE_ID_LEN];
    support_user(st, user);
    support_user(st, other);
    CHECK_INT(store_skills_answer(st, user, "1.1.1.v1", answer, NULL), DT_NOT_FOUND);
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[\"a\"]}", answer), DT_OK);
    CHECK_INT(store_tools_create(st, user, "list-builder", "standalone", "{}", entry), DT_OK);
    char found[STORE_ID_LEN];
    int ntags = -1;
    CHECK_INT(store_skills_answer(st, user, "1.1.1.v1", found, &ntags), DT_OK);
    CHECK_STR(found, answer);
    CHECK_INT(ntags, 0);
    CHECK_INT(store_skills_answer(st, other, "1.1.1.v1", found, &ntags), DT_NOT_FOUND);

    /* a master name in any case, a new name, a name no skill can have, a repeat */
    CHECK_INT(store_skills_set_names(st, user, answer,
                                     names_of(5, "budgeting", "Herding cats", "\x1b[31m",
                                              "BUDGETING", "  "),
                                     5),
              DT_OK);
    struct skill *list = NULL;
    size_t n = 0;
    CHECK_INT(store_skills_for_instance(st, user, answer, &list, &n), DT_OK);
    if (CHECK_INT(n, 2)) {
        CHECK_STR(list[0].name, "Budgeting");
        CHECK(!list[0].is_custom);
        CHECK_STR(list[1].name, "Herding cats");
        CHECK(list[1].is_custom);
    }
    char herding[STORE_ID_LEN] = "";
    if (n == 2)
        memcpy(herding, list[1].id, sizeof herding);
    free(list);
    CHECK_INT(store_skills_answer(st, user, "1.1.1.v1", found, &ntags), DT_OK);
    CHECK_INT(ntags, 2);
    CHECK_INT(store_skills_set_names(st, user, entry, names_of(1, "herding  cats"), 1), DT_OK);

    struct skill_place *places = NULL;
    CHECK_INT(store_skills_places(st, user, NULL, &places, &n), DT_OK);
    CHECK_INT(n, 3);
    free(places);
    CHECK_INT(store_skills_places(st, user, herding, &places, &n), DT_OK);
    if (CHECK_INT(n, 2)) { /* answers first */
        CHECK(places[0].on_answer);
        CHECK_STR(places[0].instance_id, answer);
        CHECK_STR(places[0].full_exercise_id, "1.1.1.v1");
        CHECK_STR(places[0].exercise_number, "1.1.1");
        CHECK(!places[1].on_answer);
        CHECK_STR(places[1].instance_id, entry);
        CHECK_STR(places[1].tool_type, "list-builder");
        CHECK_STR(places[1].tool_name, "List");
        CHECK_STR(places[1].tool_plural, "Lists");
    }
    free(places);
    CHECK_INT(store_skills_places(st, other, NULL, &places, &n), DT_OK);
    CHECK_INT(n, 0); /* nobody else's tags */
    free(places);
    /* another user cannot tag what is not theirs */
    CHECK_INT(store_skills_set_names(st, other, answer, names_of(1, "Patience"), 1), DT_NOT_FOUND);

    /* names taken off: their tags go; the custom skill stays while the entry uses it */
    CHECK_INT(store_skills_set_names(st, user, answer, names_of(1, "Patience"), 1), DT_OK);
    CHECK_INT(store_skills_for_instance(st, user, answer, &list, &n), DT_OK);
    CHECK(n == 1 && strcmp(list[0].name, "Patience") == 0);
    free(list);
    CHECK_INT(store_skills_search(st, user, "herding", 10, &list, &n), DT_OK);
    CHECK_INT(n, 1);
    free(list);
    /* and goes with its last tag */
    CHECK_INT(store_skills_set_names(st, user, entry, NULL, 0), DT_OK);
    CHECK_INT(store_skills_search(st, user, "herding", 10, &list, &n), DT_OK);
    CHECK_INT(n, 0);
    free(list);
    store_close(&st);
}

/* Suggestions: whole words and phrases of the answer, folded; not what is tagged already; the
 * longest first; at most the limit. */
static void test_skill_suggestions(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN], answer[STORE_ID_LEN];
    support_user(st, user);
    add_master(st, "m-time", "Time");
    add_master(st, "m-problem", "Problem-solving");
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[\"a\"]}", answer), DT_OK);
    const char *texts[] = {
        "I kept the BUDGET; my TIME-management was poor, and budgeting for patient care"
        " took much problem solving. Straßenbauer was my trade.",
        "Ecriture technique, public\nspeaking",
    };
    struct skill *list = NULL;
    size_t n = 0;
    CHECK_INT(store_skills_suggest(st, user, answer, texts, 2, 8, &list, &n), DT_OK);
    if (CHECK_INT(n, 6)) {
        CHECK_STR(list[0].name, "Écriture technique"); /* longest first */
        CHECK_STR(list[1].name, "Problem-solving");
        CHECK_STR(list[2].name, "Public speaking");
        CHECK_STR(list[3].name, "Time management");
        CHECK_STR(list[4].name, "Budgeting");
        CHECK_STR(list[5].name, "Time");
    }
    free(list);
    /* "Patience" is not in "patient"; "Straßenbau" is not in "Straßenbauer" */
    CHECK_INT(store_skills_tag(st, user, answer, "m-problem"), DT_OK);
    CHECK_INT(store_skills_suggest(st, user, answer, texts, 2, 2, &list, &n), DT_OK);
    if (CHECK_INT(n, 2)) {
        CHECK_STR(list[0].name, "Écriture technique");
        CHECK_STR(list[1].name, "Public speaking"); /* the tagged one is left out */
    }
    free(list);
    const char *none[] = {"nothing to see", NULL, "bad \xff"};
    CHECK_INT(store_skills_suggest(st, user, NULL, none, 3, 8, &list, &n), DT_OK);
    CHECK_INT(n, 0);
    free(list);
    store_close(&st);
}

static void test_references(void)
{
    struct store *st = support_store();
    struct reference *refs = NULL;
    size_t n = 0;
    CHECK_INT(store_references_by_surname(st, &refs, &n), DT_OK);
    CHECK_INT(n, 3);
    CHECK_STR(refs[0].author_surname, "Burnett");
    CHECK_STR(refs[1].author_surname, "Csikszentmihalyi");
    CHECK_STR(refs[2].author_surname, "Granovetter");
    CHECK(strstr(refs[1].full_citation, "Harper & Row, 1990.") != NULL);
    CHECK(strstr(refs[0].metadata, "\"referenced_in\":[\"1.1.1.v1\",\"1.2.1.v1\",\"2.1.2.v1\"]"));
    store_references_list_free(&refs, n);

    struct reference r;
    CHECK_INT(store_references_by_number(st, 2, &r), DT_OK);
    CHECK_STR(r.author_surname, "Csikszentmihalyi"); /* numbered by first appearance */
    store_references_clear(&r);
    CHECK_INT(store_references_by_number(st, 99, &r), DT_NOT_FOUND);

    struct source_credit *credits = NULL;
    char line[512];
    CHECK_INT(store_references_for_exercise(st, "1.1.1.v1", &credits, &n), DT_OK);
    CHECK_INT(n, 1);
    CHECK_STR(credits[0].usage_type, "framework");
    CHECK_STR(credits[0].notes, "The inventory idea.");
    store_references_credit_line(&credits[0], line, sizeof line);
    CHECK_STR(line, "Adapted from Burnett & Evans, Designing Your Life");
    store_references_credits_free(&credits, n);

    static const struct {
        const char *exercise, *line;
    } lines[] = {
        {"1.2.1.v1", "Based on work by Burnett & Evans, Designing Your Life"},
        {"2.1.2.v1", "Adapted from Burnett & Evans, Designing Your Life"},
        {"1.1.2.v1", ""}, /* inspiration: credits page only */
        {"2.2.4.v1", "Quoted from Granovetter, Mark S. \"The Strength of Weak Ties.\" American "
                     "Journal of Sociology 78, no. 6 (1973): 1360-1380."},
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        CHECK_INT(store_references_for_exercise(st, lines[i].exercise, &credits, &n), DT_OK);
        CHECK_INT(n, 1);
        store_references_credit_line(&credits[0], line, sizeof line);
        CHECK_STR(line, lines[i].line);
        store_references_credits_free(&credits, n);
    }
    CHECK_INT(store_references_usage_display("inspiration"), USAGE_CREDITS_ONLY);
    CHECK_INT(store_references_usage_display("direct_quote"), USAGE_QUOTE);
    CHECK_INT(store_references_usage_display("whatever"), USAGE_UNKNOWN);

    CHECK_INT(store_references_all_sources(st, &credits, &n), DT_OK);
    CHECK_INT(n, 6);
    CHECK_STR(credits[0].exercise_id, "1.1.1.v1");
    CHECK_STR(credits[5].exercise_id, "2.2.4.v1");
    store_references_credits_free(&credits, n);
    store_close(&st);
}

/* A statement given fewer or more values than it takes, in a child: a debug or test build stops
 * (assert), a release build refuses with DT_DB. Returns whether it went the way the build says. */
static int mismatch_is_loud(int use_run, const char *types)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0)
            dup2(devnull, STDERR_FILENO); /* the assert's own message */
        struct store *st = support_store();
        static const char sql[] = "SELECT ?1, ?2";
        enum dt_status s;
        if (use_run) {
            s = store_run(st, sql, types, "a", "b", "c");
        } else {
            sqlite3_stmt *stmt = store_stmt(st, sql);
            s = stmt ? store_bind(st, stmt, types, "a", "b", "c") : DT_OK;
        }
        int refused = s == DT_DB && strstr(store_last_error(st), "takes 2") != NULL;
        store_close(&st);
        _exit(refused ? 0 : 1);
    }
    int ws = 0;
    if (pid < 0 || waitpid(pid, &ws, 0) != pid)
        return 0;
#ifdef NDEBUG
    return WIFEXITED(ws) && WEXITSTATUS(ws) == 0;
#else
    return WIFSIGNALED(ws) && WTERMSIG(ws) == SIGABRT;
#endif
}

static void test_binding(void)
{
    struct store *st = support_store();
    sqlite3_stmt *stmt = store_stmt(st, "SELECT ?1 || ?2, ?3, ?4 IS NULL");
    CHECK(stmt != NULL);
    if (stmt &&
        CHECK_INT(store_bind(st, stmt, "ttIt", "Ada ", "Lovelace", (sqlite3_int64)1815, NULL),
                  DT_OK)) {
        CHECK_INT(sqlite3_step(stmt), SQLITE_ROW);
        CHECK_STR((const char *)sqlite3_column_text(stmt, 0), "Ada Lovelace");
        CHECK_INT(sqlite3_column_int64(stmt, 1), 1815);
        CHECK_INT(sqlite3_column_int(stmt, 2), 1);
        store_stmt_done(stmt);
    }
    CHECK_INT(store_run(st, "SELECT ?1, ?2", "ti", "x", 2), DT_OK);
    store_close(&st);

    CHECK(mismatch_is_loud(1, "t"));   /* store_run, one value short */
    CHECK(mismatch_is_loud(1, "ttt")); /* and one too many */
    CHECK(mismatch_is_loud(0, "t"));
    CHECK(mismatch_is_loud(0, "ttt"));
}

static void test_status_messages(void)
{
    CHECK_STR(dt_status_message(DT_OK), "done");
    CHECK_STR(dt_status_message(DT_TOO_NEW), "database was written by a newer dreamtree");
    CHECK_STR(dt_status_message((enum dt_status)999), "unknown error");
}

int main(void)
{
    RUN(test_refuses_foreign_files);
    RUN(test_refuses_newer_schema);
    RUN(test_refuses_changed_schema);
    RUN(test_creates_and_reopens);
    RUN(test_migrates_older_schema);
    RUN(test_open_for_reading);
    RUN(test_time_and_ids);
    RUN(test_users_and_settings);
    RUN(test_sessions);
    RUN(test_session_file);
    RUN(test_content_hash);
    RUN(test_tool_instances);
    RUN(test_competency_formula);
    RUN(test_competency_store);
    RUN(test_skills);
    RUN(test_skill_names);
    RUN(test_skill_tags);
    RUN(test_skill_suggestions);
    RUN(test_references);
    RUN(test_binding);
    RUN(test_status_messages);
    return check_done();
}
