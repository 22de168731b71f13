/* The shared server's administration (admin.h). */
#define _POSIX_C_SOURCE 200809L
#include "admin.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oom.h"
#include "sshkeys.h"
#include "store_internal.h"

static int read_user(sqlite3_stmt *stmt, void *elem)
{
    struct admin_user *u = elem;
    store_col_copy(stmt, 0, u->id, sizeof u->id);
    store_col_copy(stmt, 1, u->created_at, sizeof u->created_at);
    store_col_copy(stmt, 2, u->last_seen, sizeof u->last_seen);
    u->claimed = sqlite3_column_int(stmt, 3) != 0;
    store_col_copy(stmt, 4, u->email, sizeof u->email);
    u->keys = sqlite3_column_int(stmt, 5);
    u->answers = sqlite3_column_int(stmt, 6);
    u->tool_entries = sqlite3_column_int(stmt, 7);
    return 0;
}

enum dt_status store_admin_users(struct store *st, struct admin_user **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    /* counts and dates only: no column that holds writing is read */
    sqlite3_stmt *stmt = store_stmt(
        st, "SELECT u.id, u.created_at,"
            " (SELECT MAX(t) FROM (SELECT last_seen_at AS t FROM sessions WHERE user_id = u.id"
            "   UNION ALL SELECT last_seen_at FROM ssh_keys WHERE user_id = u.id)),"
            " u.claimed,"
            " CASE WHEN u.claimed THEN (SELECT email FROM emails WHERE user_id = u.id"
            "   AND is_active = 1 LIMIT 1) END,"
            " (SELECT COUNT(*) FROM ssh_keys WHERE user_id = u.id),"
            " (SELECT COUNT(*) FROM exercise_responses WHERE user_id = u.id),"
            " (SELECT COUNT(*) FROM tool_instances WHERE user_id = u.id)"
            " FROM (SELECT id, created_at, EXISTS (SELECT 1 FROM auth a WHERE a.user_id = users.id"
            "   AND a.type = 'password') AS claimed FROM users) u"
            " ORDER BY u.created_at, u.id");
    if (!stmt)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_user, NULL);
}

static int read_skill(sqlite3_stmt *stmt, void *elem)
{
    struct admin_skill *k = elem;
    store_col_copy(stmt, 0, k->id, sizeof k->id);
    store_col_copy(stmt, 1, k->name, sizeof k->name);
    store_col_copy(stmt, 2, k->category, sizeof k->category);
    store_col_copy(stmt, 3, k->created_at, sizeof k->created_at);
    store_col_copy(stmt, 4, k->created_by, sizeof k->created_by);
    return 0;
}

enum dt_status store_admin_skills_pending(struct store *st, struct admin_skill **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(st, "SELECT id, name, category, created_at, created_by"
                                        " FROM skills WHERE is_custom = 1"
                                        " AND review_status = 'pending'"
                                        " ORDER BY created_at, id");
    if (!stmt)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_skill, NULL);
}

/* The skill everyone sees (the master list's, else the oldest approved) whose name has the
 * same dt_fold_key as the custom skill skill_id, other than itself: DT_NOT_FOUND when none. */
static enum dt_status same_name_visible(struct store *st, const char *skill_id,
                                        char id[STORE_ID_LEN])
{
    sqlite3_stmt *stmt =
        store_stmt(st, "SELECT s.id FROM skills s, skills p WHERE p.id = ?1 AND s.id <> p.id"
                       " AND (s.is_custom = 0 OR s.review_status = 'approved')"
                       " AND dt_fold_key(s.name) = dt_fold_key(p.name)"
                       " ORDER BY s.is_custom, s.created_at, s.id LIMIT 1");
    if (!stmt || store_bind(st, stmt, "t", skill_id) != DT_OK)
        return DT_DB;
    return store_one_text(st, stmt, id, STORE_ID_LEN);
}

/* Moves the proposal's tags to the skill of the same name and deletes the proposal. */
static enum dt_status merge_into(struct store *st, const char *skill_id, const char *into)
{
    /* a response or entry tagged with both keeps one tag: the moved one is ignored */
    enum dt_status s = store_run(st,
                                 "UPDATE OR IGNORE exercise_skills SET skill_id = ?2"
                                 " WHERE skill_id = ?1",
                                 "tt", skill_id, into);
    if (s == DT_OK)
        s = store_run(st, "DELETE FROM exercise_skills WHERE skill_id = ?1", "t", skill_id);
    if (s == DT_OK)
        s = store_run(st, "DELETE FROM skills WHERE id = ?1", "t", skill_id);
    return s;
}

static int read_id(sqlite3_stmt *stmt, void *elem)
{
    store_col_copy(stmt, 0, elem, STORE_ID_LEN);
    return 0;
}

/* Merges every other custom skill whose name has the key of skill_id's into it. */
static enum dt_status gather_same_name(struct store *st, const char *skill_id, int *joined)
{
    char(*ids)[STORE_ID_LEN] = NULL;
    size_t n = 0;
    sqlite3_stmt *stmt = store_stmt(
        st, "SELECT s.id FROM skills s, skills p WHERE p.id = ?1 AND s.id <> p.id"
            " AND s.is_custom = 1 AND dt_fold_key(s.name) = dt_fold_key(p.name) ORDER BY s.id");
    enum dt_status s = stmt && store_bind(st, stmt, "t", skill_id) == DT_OK
                           ? store_collect(st, stmt, &ids, &n, sizeof *ids, read_id, NULL)
                           : DT_DB;
    for (size_t i = 0; s == DT_OK && i < n; i++)
        s = merge_into(st, ids[i], skill_id);
    free(ids);
    *joined = s == DT_OK ? (int)n : 0;
    return s;
}

enum dt_status store_admin_skills_review(struct store *st, const char *skill_id, bool approve,
                                         struct admin_review *out)
{
    struct admin_review r = {.joined = 0};
    enum dt_status s = store_write_begin(st);
    if (s == DT_OK) {
        sqlite3_stmt *stmt = store_stmt(st,
                                        "SELECT id FROM skills WHERE id = ?1 AND is_custom = 1");
        char found[STORE_ID_LEN];
        s = stmt && store_bind(st, stmt, "t", skill_id) == DT_OK
                ? store_one_text(st, stmt, found, sizeof found)
                : DT_DB;
    }
    if (s == DT_OK && approve) {
        s = same_name_visible(st, skill_id, r.merged_into); /* clears it when there is none */
        if (s == DT_OK)
            s = merge_into(st, skill_id, r.merged_into);
        else if (s == DT_NOT_FOUND)
            s = gather_same_name(st, skill_id, &r.joined);
    }
    if (s == DT_OK && !r.merged_into[0])
        s = store_run(st, "UPDATE skills SET review_status = ?2 WHERE id = ?1 AND is_custom = 1",
                      "tt", skill_id, approve ? "approved" : "rejected");
    s = store_write_end(st, s);
    if (out)
        *out = s == DT_OK ? r : (struct admin_review){.joined = 0};
    return s;
}

bool store_admin_fingerprint_ok(const char *fp)
{
    static const char prefix[] = "SHA256:";
    if (!fp || strncmp(fp, prefix, sizeof prefix - 1) != 0)
        return false;
    const char *b64 = fp + sizeof prefix - 1;
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                   "0123456789+/";
    /* 32 bytes of SHA-256 are 43 characters of base64 without its padding */
    return strlen(b64) == 43 && strspn(b64, alphabet) == 43;
}

bool store_admin_key_type_ok(const char *type)
{
    if (!type)
        return false;
    size_t n = strlen(type);
    return n > 0 && n < SSHKEYS_TYPE_LEN &&
           strspn(type, "abcdefghijklmnopqrstuvwxyz0123456789-@.") == n;
}

/* ---- backup ---- */

/* Pages copied per step, and the pause between steps: the sessions' own reads and writes go
 * on between them. */
#define BACKUP_PAGES_PER_STEP 128
#define BACKUP_PAUSE_MS 5
/* How many steps in a row may find the database locked (about 10 s) before the copy gives up. */
#define BACKUP_BUSY_STEPS 2000

static bool same_file(const struct stat *a, const char *path)
{
    struct stat b;
    return stat(path, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

/* Whether path names the database or one of the files SQLite keeps beside it. */
static bool is_the_database(struct store *st, const char *path)
{
    struct stat target;
    const char *db = sqlite3_db_filename(st->db, "main");
    if (!db || !db[0] || stat(path, &target) != 0)
        return false;
    size_t n = strlen(db);
    char *side = dt_oom_malloc(n + 9);
    bool same = same_file(&target, db);
    static const char *const suffixes[] = {"-wal", "-shm", "-journal"};
    for (size_t i = 0; !same && i < sizeof suffixes / sizeof *suffixes; i++) {
        snprintf(side, n + 9, "%s%s", db, suffixes[i]);
        same = same_file(&target, side);
    }
    free(side);
    return same;
}

/* Copies the store's database into the empty file at tmp. */
static enum dt_status copy_into(struct store *st, const char *tmp)
{
    sqlite3 *dest = NULL;
    int rc = sqlite3_open_v2(tmp, &dest, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK) {
        snprintf(st->err, sizeof st->err, "%s", dest ? sqlite3_errmsg(dest) : "cannot open");
        sqlite3_close(dest);
        return DT_IO;
    }
    /* In WAL mode a reader blocks no writer, so the copy is taken from one snapshot held from
     * the first step to the last: without it, every write by a session between two steps would
     * start the copy over, and on a busy server it might never end. (Only the log's reset
     * waits, so it grows a little while the copy runs.) In any other mode a held read would
     * keep writers out, so there each step reads on its own. */
    bool hold = false;
    sqlite3_stmt *mode = NULL;
    if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode", -1, &mode, NULL) == SQLITE_OK &&
        sqlite3_step(mode) == SQLITE_ROW)
        hold = strcmp((const char *)sqlite3_column_text(mode, 0), "wal") == 0;
    sqlite3_finalize(mode);
    enum dt_status s = DT_OK;
    if (hold) {
        s = store_exec(st, "BEGIN DEFERRED"); /* a read, never a write: the snapshot */
        if (s == DT_OK) /* a deferred transaction takes its snapshot at its first read */
            s = store_exec(st, "SELECT COUNT(*) FROM sqlite_schema");
    }
    sqlite3_backup *b = s == DT_OK ? sqlite3_backup_init(dest, "main", st->db, "main") : NULL;
    if (s == DT_OK && !b) {
        snprintf(st->err, sizeof st->err, "%s", sqlite3_errmsg(dest));
        s = DT_IO;
    }
    rc = SQLITE_OK;
    int busy = 0; /* steps in a row that found the source locked */
    while (b && (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)) {
        rc = sqlite3_backup_step(b, BACKUP_PAGES_PER_STEP);
        busy = rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? busy + 1 : 0;
        if (busy > BACKUP_BUSY_STEPS)
            break;
        if (rc == SQLITE_OK || busy)
            sqlite3_sleep(BACKUP_PAUSE_MS);
    }
    if (b) {
        int finished = sqlite3_backup_finish(b);
        if (rc == SQLITE_DONE)
            rc = finished;
        if (rc != SQLITE_OK && rc != SQLITE_DONE) {
            snprintf(st->err, sizeof st->err, "%s", sqlite3_errstr(rc));
            int primary = rc & 0xff;
            s = primary == SQLITE_NOMEM                              ? DT_NOMEM
                : primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? DT_BUSY
                                                                     : DT_IO;
        }
    }
    if (hold)
        store_exec(st, "COMMIT"); /* ends the read; nothing was written */
    if (sqlite3_close(dest) != SQLITE_OK && s == DT_OK)
        s = DT_IO;
    return s;
}

/* Runs PRAGMA integrity_check on the copy: DT_OK when it says "ok". */
static enum dt_status check_copy(struct store *st, const char *tmp)
{
    sqlite3 *db = NULL;
    enum dt_status s = DT_CORRUPT;
    if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
        sqlite3_exec(db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL); /* no temp files */
        sqlite3_stmt *stmt = NULL;
        if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW) {
            const char *said = (const char *)sqlite3_column_text(stmt, 0);
            if (said && strcmp(said, "ok") == 0)
                s = DT_OK;
            else
                snprintf(st->err, sizeof st->err, "the copy failed its integrity check");
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db); /* the last connection: the copy's -wal and -shm go with it */
    return s;
}

static bool sync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    return close(fd) == 0 && ok;
}

enum dt_status store_admin_backup(struct store *st, const char *path, bool replace, int64_t *bytes)
{
    st->err[0] = '\0';
    struct stat sb;
    if (!path || !path[0] || strlen(path) > 4000)
        return DT_INVALID;
    if (is_the_database(st, path))
        return DT_INVALID;
    if (!replace && lstat(path, &sb) == 0)
        return DT_DUPLICATE;
    size_t n = strlen(path) + sizeof ".partial-XXXXXX";
    char *tmp = dt_oom_malloc(n);
    snprintf(tmp, n, "%s.partial-XXXXXX", path);
    int fd = mkstemp(tmp); /* O_EXCL, mode 0600, beside path: the rename stays on one disk */
    if (fd < 0) {
        snprintf(st->err, sizeof st->err, "%s", strerror(errno));
        free(tmp);
        return DT_IO;
    }
    close(fd);
    enum dt_status s = copy_into(st, tmp);
    if (s == DT_OK && !sync_path(tmp, O_RDONLY))
        s = DT_IO;
    if (s == DT_OK)
        s = check_copy(st, tmp);
    if (s == DT_OK && stat(tmp, &sb) == 0 && bytes)
        *bytes = (int64_t)sb.st_size;
    if (s == DT_OK) {
        /* without replace, link() refuses a file that appeared meanwhile; rename() would not */
        int moved = replace ? rename(tmp, path) : link(tmp, path);
        if (moved != 0) {
            s = !replace && errno == EEXIST ? DT_DUPLICATE : DT_IO;
            if (s == DT_IO)
                snprintf(st->err, sizeof st->err, "%s", strerror(errno));
        }
    }
    if (s != DT_OK || !replace)
        unlink(tmp);
    if (s == DT_OK) {
        char *dir = dt_oom_strdup(path);
        sync_path(dirname(dir), O_RDONLY | O_DIRECTORY); /* the new name survives a crash */
        free(dir);
    }
    free(tmp);
    return s;
}

/* ---- stats ---- */

static int read_stats(sqlite3_stmt *stmt, void *out)
{
    struct admin_stats *a = out;
    a->users = sqlite3_column_int(stmt, 0);
    a->claimed = sqlite3_column_int(stmt, 1);
    a->keys = sqlite3_column_int(stmt, 2);
    a->active_users = sqlite3_column_int(stmt, 3);
    a->saves_last_minute = sqlite3_column_int(stmt, 4);
    a->saves_last_10_minutes = sqlite3_column_int(stmt, 5);
    return 0;
}

static int64_t file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (int64_t)sb.st_size : 0;
}

enum dt_status store_admin_stats(struct store *st, struct admin_stats *out)
{
    memset(out, 0, sizeof *out);
    int64_t now = store_now(st);
    char active[STORE_TIME_LEN], minute[STORE_TIME_LEN], ten[STORE_TIME_LEN];
    store_time_format(now - ADMIN_ACTIVE_MINUTES * 60, active);
    store_time_format(now - 60, minute);
    store_time_format(now - 600, ten);
    sqlite3_stmt *stmt = store_stmt(
        st, "WITH saves(t) AS (SELECT responded_at FROM exercise_responses WHERE responded_at >= ?3"
            "   UNION ALL SELECT saved_at FROM drafts WHERE saved_at >= ?3"
            "   UNION ALL SELECT updated_at FROM tool_instances WHERE updated_at >= ?3)"
            " SELECT (SELECT COUNT(*) FROM users),"
            " (SELECT COUNT(DISTINCT user_id) FROM auth WHERE type = 'password'),"
            " (SELECT COUNT(*) FROM ssh_keys),"
            " (SELECT COUNT(*) FROM (SELECT user_id FROM sessions WHERE last_seen_at >= ?1"
            "   UNION SELECT user_id FROM ssh_keys WHERE last_seen_at >= ?1)),"
            " (SELECT COUNT(*) FROM saves WHERE t >= ?2),"
            " (SELECT COUNT(*) FROM saves)");
    if (!stmt || store_bind(st, stmt, "ttt", active, minute, ten) != DT_OK)
        return DT_DB;
    enum dt_status s = store_one(st, stmt, out, read_stats);
    if (s != DT_OK)
        return s;
    const char *db = sqlite3_db_filename(st->db, "main");
    if (!db || !db[0]) {
        out->database_bytes = -1;
        return DT_OK;
    }
    out->database_bytes = file_size(db);
    size_t n = strlen(db) + 5;
    char *wal = dt_oom_malloc(n);
    snprintf(wal, n, "%s-wal", db);
    out->wal_bytes = file_size(wal);
    free(wal);
    return DT_OK;
}
