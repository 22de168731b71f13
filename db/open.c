/* Opening a database: refusing what is not a dreamtree database (or not one this build knows),
 * creating a new one safely, setting up the connection and migrating (docs/schema.md, "Opening
 * a database"). */
#define _POSIX_C_SOURCE 200809L
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <time.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oom.h"

static void set_err(char *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void set_err(char *err, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, STORE_ERR_LEN, fmt, ap);
    va_end(ap);
    store_trim_partial_utf8(err);
}

/* How long a statement waits for another process's lock before it gives up (DESIGN.md 3). */
#define STORE_BUSY_TIMEOUT_MS 5000

/* Another process holds the write lock: wait a little and try again, up to the deadline, then
 * give up with SQLITE_BUSY (the person is told, and what they typed stays on the screen). The
 * waits are short and random, so that many sessions that met the same lock do not all come
 * back at the same moment and meet it again. */
static int wait_for_the_writer(void *ctx, int tries)
{
    struct store *st = ctx;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t now_ms = (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
    if (tries == 0)
        st->busy_since_ms = now_ms;
    if (now_ms - st->busy_since_ms >= STORE_BUSY_TIMEOUT_MS)
        return 0;
    int most = tries < 4 ? 2 << tries : 25; /* 2, 4, 8, 16, then up to 25 ms */
    sqlite3_sleep(1 + (int)randombytes_uniform((uint32_t)most));
    return 1;
}

static enum dt_status pragma_int(struct store *st, const char *sql, int *value)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            *value = sqlite3_column_int(stmt, 0);
            rc = SQLITE_OK;
        }
    }
    enum dt_status s = rc == SQLITE_OK ? DT_OK : store_fail(st, rc);
    sqlite3_finalize(stmt);
    return s;
}

static enum dt_status configure(struct store *st, bool reading)
{
    enum dt_status s = store_exec(st, "PRAGMA foreign_keys = ON");
    if (s == DT_OK && !reading) /* a reader leaves the file's mode alone: setting it writes */
        s = store_exec(st, "PRAGMA journal_mode = WAL");
    if (s == DT_OK)
        s = store_exec(st, "PRAGMA synchronous = FULL");
    if (s == DT_OK) /* sorts and temp tables stay in memory: no user text in a temp file */
        s = store_exec(st, "PRAGMA temp_store = MEMORY");
    if (s == DT_OK) /* what a save replaces or deletes is overwritten with zeros, not left in free
                       space: after a claim no clear copy of the writing stays in the file */
        s = store_exec(st, "PRAGMA secure_delete = ON");
    return s;
}

/* True when the first read failed because SQLite could not make the files it keeps beside a
 * database in WAL mode (-wal, -shm): the folder cannot be written. */
static bool folder_refused(struct store *st)
{
    int code = sqlite3_extended_errcode(st->db), errno_seen = sqlite3_system_errno(st->db);
    return code == SQLITE_READONLY_DIRECTORY || code == SQLITE_READONLY_CANTINIT ||
           ((code & 0xff) == SQLITE_CANTOPEN &&
            (errno_seen == EACCES || errno_seen == EROFS || errno_seen == EPERM));
}

/* Refuses, without writing, anything that is not a dreamtree database of a version we know;
 * *version is the file's schema version. */
static enum dt_status check_identity(struct store *st, int *version_out, char *err)
{
    int app_id = 0, version = 0;
    enum dt_status s = pragma_int(st, "PRAGMA application_id", &app_id);
    if (s == DT_OK)
        s = pragma_int(st, "PRAGMA user_version", &version);
    if (s == DT_NOT_DREAMTREE || s == DT_CORRUPT) {
        set_err(err, "not a dreamtree database (the file is not SQLite, or is damaged)");
        return DT_NOT_DREAMTREE;
    }
    if (s != DT_OK && folder_refused(st)) {
        set_err(err,
                "database cannot be written: its folder is read-only for you (while the database"
                " is open, SQLite keeps two files beside it, -wal and -shm)");
        return DT_READONLY;
    }
    if (s != DT_OK) {
        set_err(err, "cannot read the database: %s", st->err);
        return s;
    }
    if (app_id != STORE_APPLICATION_ID) {
        set_err(err, "not a dreamtree database (an SQLite file of another program)");
        return DT_NOT_DREAMTREE;
    }
    if (version > store_schema_version()) {
        set_err(err,
                "database was written by a newer dreamtree (schema %d; this one knows up to %d);"
                " upgrade dreamtree",
                version, store_schema_version());
        return DT_TOO_NEW;
    }
    *version_out = version;
    return DT_OK;
}

/* Refuses, without writing, a dreamtree database whose structure is not the one its schema
 * version has: a table, column, index, trigger or view dropped, renamed, added or changed by
 * hand. Migrations run only on a structure they know. One statement over a few dozen rows,
 * whose schema SQLite would parse for the first statement anyway. */
static enum dt_status check_structure(struct store *st, int version, char *err)
{
    char got[STORE_FINGERPRINT_HEX];
    int rc = store_schema_fingerprint(st->db, got);
    if (rc != SQLITE_OK) {
        enum dt_status s = store_fail(st, rc);
        set_err(err, "cannot read the database: %s", st->err);
        return s == DT_CORRUPT ? DT_NOT_DREAMTREE : s;
    }
    /* The version was read a moment before the structure: another dreamtree may have migrated
     * the file in between, so a later version's structure is as good. (One whose user_version
     * was set back by hand gets only as far as the first migration that cannot run again.) */
    for (int v = version; v >= 0 && v <= STORE_MIGRATION_COUNT; v++)
        if (strcmp(got, dt_schema_fingerprints[v]) == 0)
            return DT_OK;
    set_err(err,
            "database structure was changed outside dreamtree (a table, column, index,"
            " trigger or view is not as schema %d has it); the file is left as it is:"
            " restore a copy from before the change",
            version);
    return DT_SCHEMA_CHANGED;
}

static enum dt_status open_connection(const char *path, int flags, struct store **out, char *err)
{
    struct store *st = dt_oom_calloc(1, sizeof *st);
    st->kdf = keywrap_default_limits();
    int rc = sqlite3_open_v2(path, &st->db, flags, NULL);
    if (rc != SQLITE_OK) {
        set_err(err, "cannot open the database: %s", st->db ? sqlite3_errmsg(st->db) : "no memory");
        sqlite3_close(st->db);
        free(st);
        return rc == SQLITE_NOMEM ? DT_NOMEM : DT_IO;
    }
    sqlite3_extended_result_codes(st->db, 1);
    /* first of all: the identity check reads the file, and another process may be writing */
    sqlite3_busy_handler(st->db, wait_for_the_writer, st);
    if (store_skills_register_sql(st->db) != SQLITE_OK) {
        set_err(err, "cannot set up the database: %s", sqlite3_errmsg(st->db));
        sqlite3_close(st->db);
        free(st);
        return DT_DB;
    }
    *out = st;
    return DT_OK;
}

/* The name to open path by for reading only. While a dreamtree has the database open, its -wal
 * file lies beside it: then SQLite reads as usual, with its locks, taking what the log holds
 * (and makes a -shm beside it if there is none and it can). Without a -wal no one is writing,
 * and the file holds everything: it is opened immutable (no locks, no -wal or -shm made), which
 * works in a folder that cannot be written and leaves nothing behind; so is a database whose
 * -wal has no -shm that can be made (the log's last changes then go unseen). malloc'd (caller
 * frees); *uri tells which. */
static char *reading_name(const char *path, bool immutable, bool *uri)
{
    size_t n = strlen(path);
    if (!immutable) {
        char *wal = dt_oom_malloc(n + 5);
        memcpy(wal, path, n);
        memcpy(wal + n, "-wal", 5);
        struct stat sb;
        immutable = lstat(wal, &sb) != 0 && errno == ENOENT;
        free(wal);
    }
    *uri = immutable;
    if (!immutable)
        return dt_oom_strdup(path);
    /* file: URI, every byte but the unreserved ones escaped as %XX (RFC 3986) */
    static const char hex[] = "0123456789ABCDEF", tail[] = "?immutable=1";
    char *name = dt_oom_malloc(5 + 3 * n + sizeof tail);
    char *w = name;
    w += sprintf(w, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p)) {
            *w++ = (char)*p;
        } else {
            *w++ = '%';
            *w++ = hex[*p >> 4];
            *w++ = hex[*p & 15];
        }
    }
    memcpy(w, tail, sizeof tail);
    return name;
}

static enum dt_status open_reading(const char *path, bool immutable, bool *uri, struct store **out,
                                   char *err)
{
    char *name = reading_name(path, immutable, uri);
    enum dt_status s = open_connection(name, SQLITE_OPEN_READONLY | (*uri ? SQLITE_OPEN_URI : 0),
                                       out, err);
    free(name);
    return s;
}

/* Builds a new database beside path and links it into place, so a crash during creation never
 * leaves a half-made or empty file at path. */
static enum dt_status create_file(const char *path, char *err)
{
    size_t n = strlen(path);
    char *tmp = dt_oom_malloc(n + 32);
    int fd = -1;
    for (int tries = 0; tries < 8 && fd < 0; tries++) {
        snprintf(tmp, n + 32, "%s.new-%08x", path, randombytes_random());
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        set_err(err, "cannot create the database: %s", strerror(errno));
        free(tmp);
        return DT_IO;
    }
    close(fd);
    struct store *st = NULL;
    enum dt_status s = open_connection(tmp, SQLITE_OPEN_READWRITE, &st, err);
    if (s == DT_OK) {
        s = store_exec(st, "PRAGMA foreign_keys = ON");
        if (s == DT_OK)
            s = store_migrate(st);
        if (s == DT_OK)
            s = store_exec(st, "PRAGMA journal_mode = WAL");
        if (s != DT_OK)
            set_err(err, "cannot create the database: %s", st->err);
        store_close(&st);
    }
    if (s == DT_OK && link(tmp, path) != 0 && errno != EEXIST) {
        set_err(err, "cannot create the database: %s", strerror(errno));
        s = DT_IO;
    }
    /* EEXIST: another dreamtree created it first; theirs is as good as ours. */
    unlink(tmp);
    size_t len = strlen(tmp);
    if (len + 5 < n + 32) {
        strcpy(tmp + len, "-wal");
        unlink(tmp);
        strcpy(tmp + len, "-shm");
        unlink(tmp);
    }
    free(tmp);
    return s;
}

enum dt_status store_open(const char *path, enum store_open_mode mode, struct store **out,
                          char err[STORE_ERR_LEN])
{
    *out = NULL;
    if (err)
        err[0] = '\0';
    if (sodium_init() < 0) {
        set_err(err, "libsodium could not start");
        return DT_IO;
    }
    bool memory = strcmp(path, ":memory:") == 0;
    if (!memory) {
        struct stat sb;
        if (stat(path, &sb) != 0) {
            if (errno != ENOENT) {
                set_err(err, "cannot open the database: %s", strerror(errno));
                return DT_IO;
            }
            if (mode != STORE_OPEN_CREATE) {
                set_err(err, "no database at that path");
                return DT_NOT_FOUND;
            }
            enum dt_status s = create_file(path, err);
            if (s != DT_OK)
                return s;
        } else if (!S_ISREG(sb.st_mode)) {
            set_err(err, "not a dreamtree database (not a regular file)");
            return DT_NOT_DREAMTREE;
        } else if (sb.st_size == 0) {
            set_err(err, "not a dreamtree database (the file is empty)");
            return DT_NOT_DREAMTREE;
        }
    }
    bool reading = mode == STORE_OPEN_READONLY && !memory, uri = false;
    struct store *st = NULL;
    enum dt_status s = reading ? open_reading(path, false, &uri, &st, err)
                               : open_connection(path,
                                                 SQLITE_OPEN_READWRITE |
                                                     (memory ? SQLITE_OPEN_CREATE : 0),
                                                 &st, err);
    if (s != DT_OK)
        return s;
    /* SQLite opens a file it may not write read-only, quietly: a session on it would fail at its
     * first save, after the person had typed their answer. */
    if (!reading && !memory && sqlite3_db_readonly(st->db, "main") == 1) {
        set_err(err, "database cannot be written: the file is read-only for you");
        s = DT_READONLY;
    }
    int version = 0;
    if (s == DT_OK && !memory)
        s = check_identity(st, &version, err);
    if ((s == DT_READONLY || s == DT_IO) && reading && !uri) {
        /* a -wal, but no -shm to be had (a folder you cannot write): read the file alone */
        store_close(&st);
        if (err)
            err[0] = '\0';
        s = open_reading(path, true, &uri, &st, err);
        if (s == DT_OK)
            s = check_identity(st, &version, err);
    }
    if (s == DT_OK && !memory)
        s = check_structure(st, version, err);
    if (s == DT_OK) {
        s = configure(st, reading);
        if (s != DT_OK)
            set_err(err, "cannot set up the database: %s", st->err);
    }
    if (s == DT_OK && reading && version < STORE_MIGRATION_COUNT) {
        /* made by an older dreamtree: updating it is a write, so it is opened for writing */
        store_close(&st);
        s = store_open(path, STORE_OPEN_EXISTING, &st, err);
        if (s == DT_READONLY)
            set_err(err, "database was made by an older dreamtree and needs updating, which needs"
                         " writing to it: open it once with dreamtree where you can write to it");
        if (s != DT_OK)
            return s;
    } else if (s == DT_OK && !reading) {
        s = store_migrate(st);
        if (s != DT_OK)
            set_err(err, "cannot update the database: %s", st->err);
    }
    if (s != DT_OK) {
        store_close(&st);
        return s;
    }
    *out = st;
    return DT_OK;
}

void store_close(struct store **stp)
{
    if (!stp || !*stp)
        return;
    struct store *st = *stp;
    for (int i = 0; i < st->ncached; i++)
        sqlite3_finalize(st->cache[i].stmt);
    free(st->cache);
    sqlite3_close(st->db);
    keyring_free(&st->keys);
    free(st);
    *stp = NULL;
}
