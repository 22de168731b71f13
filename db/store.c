#define _POSIX_C_SOURCE 200809L
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

void store_copy_text(char *dst, size_t size, const char *src)
{
    if (size == 0)
        return;
    size_t n = src ? strlen(src) : 0;
    if (n >= size) {
        n = size - 1;
        /* back off continuation bytes so no character is cut in half */
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

void store_trim_partial_utf8(char *s)
{
    size_t n = strlen(s), start = n;
    while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80 && n - start < 3)
        start--;
    if (start == 0)
        return;
    unsigned char lead = (unsigned char)s[start - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (n - (start - 1) < need)
        s[start - 1] = '\0';
}

const char *store_last_error(const struct store *st)
{
    return st ? st->err : "";
}

enum dt_status store_fail(struct store *st, int rc)
{
    int primary = rc & 0xff;
    snprintf(st->err, sizeof st->err, "%s", sqlite3_errmsg(st->db));
    switch (primary) {
    case SQLITE_NOMEM: return DT_NOMEM;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return DT_BUSY;
    case SQLITE_READONLY: return DT_READONLY;
    case SQLITE_CORRUPT: return DT_CORRUPT;
    case SQLITE_NOTADB: return DT_NOT_DREAMTREE;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN: return DT_IO;
    case SQLITE_CONSTRAINT:
        return rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY ? DT_DUPLICATE
                                                                                   : DT_INVALID;
    default: return DT_DB;
    }
}

sqlite3_stmt *store_stmt(struct store *st, const char *sql)
{
    for (int i = 0; i < st->ncached; i++)
        if (st->cache[i].sql == sql)
            return st->cache[i].stmt;
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
    if (rc != SQLITE_OK) {
        store_fail(st, rc);
        return NULL;
    }
    if (st->ncached == st->cache_cap) {
        int cap = st->cache_cap ? st->cache_cap * 2 : 64;
        struct store_cached_stmt *grown = realloc(st->cache, (size_t)cap * sizeof *grown);
        if (!grown) {
            sqlite3_finalize(stmt);
            snprintf(st->err, sizeof st->err, "out of memory");
            return NULL;
        }
        st->cache = grown;
        st->cache_cap = cap;
    }
    st->cache[st->ncached].sql = sql;
    st->cache[st->ncached].stmt = stmt;
    st->ncached++;
    return stmt;
}

void store_stmt_done(sqlite3_stmt *stmt)
{
    if (stmt) {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    }
}

int store_bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
    if (!text)
        return sqlite3_bind_null(stmt, index);
    return sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
}

void store_col_copy(sqlite3_stmt *stmt, int col, char *buf, size_t size)
{
    store_copy_text(buf, size, (const char *)sqlite3_column_text(stmt, col));
}

char *store_col_dup(sqlite3_stmt *stmt, int col)
{
    const unsigned char *text = sqlite3_column_text(stmt, col);
    if (!text)
        return NULL;
    int n = sqlite3_column_bytes(stmt, col);
    char *copy = malloc((size_t)n + 1);
    if (copy) {
        memcpy(copy, text, (size_t)n);
        copy[n] = '\0';
    }
    return copy;
}

enum dt_status store_run(struct store *st, const char *sql, const char *types, ...)
{
    sqlite3_stmt *stmt = store_stmt(st, sql);
    if (!stmt)
        return DT_DB;
    va_list ap;
    va_start(ap, types);
    for (int i = 1; types[i - 1]; i++) {
        if (types[i - 1] == 'i')
            sqlite3_bind_int(stmt, i, va_arg(ap, int));
        else
            store_bind_text(stmt, i, va_arg(ap, const char *));
    }
    va_end(ap);
    int rc = sqlite3_step(stmt);
    enum dt_status s = rc == SQLITE_DONE || rc == SQLITE_ROW ? DT_OK : store_fail(st, rc);
    store_stmt_done(stmt);
    return s;
}

enum dt_status store_collect(struct store *st, sqlite3_stmt *stmt, void *out_array, size_t *n,
                             size_t elem_size, int (*read)(sqlite3_stmt *, void *elem),
                             void (*clear)(void *elem))
{
    char *items = NULL;
    size_t count = 0, cap = 0;
    enum dt_status s = DT_OK;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (count == cap) {
            size_t new_cap = cap ? cap * 2 : 16;
            char *grown = realloc(items, new_cap * elem_size);
            if (!grown) {
                s = DT_NOMEM;
                break;
            }
            items = grown;
            cap = new_cap;
        }
        char *elem = items + count * elem_size;
        memset(elem, 0, elem_size);
        count++;
        if (read(stmt, elem) != 0) {
            s = DT_NOMEM;
            break;
        }
    }
    if (s == DT_OK && rc != SQLITE_DONE)
        s = store_fail(st, rc);
    store_stmt_done(stmt);
    if (s != DT_OK) {
        for (size_t i = 0; clear && i < count; i++)
            clear(items + i * elem_size);
        free(items);
        items = NULL;
        count = 0;
    }
    /* the caller's pointer is written through memcpy: out_array is a struct x **, not a void ** */
    memcpy(out_array, &items, sizeof items);
    *n = count;
    return s;
}

enum dt_status store_one(struct store *st, sqlite3_stmt *stmt, void *out,
                         int (*read)(sqlite3_stmt *, void *out))
{
    int rc = sqlite3_step(stmt);
    enum dt_status s;
    if (rc == SQLITE_ROW)
        s = read(stmt, out) == 0 ? DT_OK : DT_NOMEM;
    else
        s = rc == SQLITE_DONE ? DT_NOT_FOUND : store_fail(st, rc);
    store_stmt_done(stmt);
    return s;
}

enum dt_status store_exec(struct store *st, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);
    sqlite3_free(msg);
    return rc == SQLITE_OK ? DT_OK : store_fail(st, rc);
}

enum dt_status store_write_begin(struct store *st)
{
    if (st->tx_depth > 0) {
        st->tx_depth++;
        return DT_OK;
    }
    enum dt_status s = store_exec(st, "BEGIN IMMEDIATE");
    if (s == DT_OK) {
        st->tx_depth = 1;
        st->tx_failed = false;
    }
    return s;
}

enum dt_status store_write_end(struct store *st, enum dt_status status)
{
    if (st->tx_depth <= 0)
        return status;
    if (status != DT_OK)
        st->tx_failed = true;
    if (--st->tx_depth > 0)
        return status;
    if (!st->tx_failed) {
        enum dt_status s = store_exec(st, "COMMIT");
        if (s == DT_OK)
            return DT_OK;
        status = s;
    }
    /* Keep the first error's detail: ROLLBACK's own message would hide it. */
    char saved[STORE_ERR_LEN];
    memcpy(saved, st->err, sizeof saved);
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    memcpy(st->err, saved, sizeof saved);
    st->tx_failed = false;
    return status;
}

enum dt_status store_group_begin(struct store *st)
{
    return store_write_begin(st);
}

enum dt_status store_group_end(struct store *st, enum dt_status status)
{
    return store_write_end(st, status);
}

/* ---- clock, time text and ids ---- */

void store_set_now(struct store *st, int64_t unix_seconds)
{
    st->fixed_now = unix_seconds > 0 ? unix_seconds : 0;
}

int64_t store_now(const struct store *st)
{
    if (st && st->fixed_now > 0)
        return st->fixed_now;
    return (int64_t)time(NULL);
}

void store_time_format(int64_t unix_seconds, char out[STORE_TIME_LEN])
{
    time_t t = (time_t)unix_seconds;
    struct tm tm;
    gmtime_r(&t, &tm);
    if (strftime(out, STORE_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        out[0] = '\0';
}

void store_now_text(const struct store *st, char out[STORE_TIME_LEN])
{
    store_time_format(store_now(st), out);
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
    /* Howard Hinnant's days-from-civil algorithm: no timegm(), no TZ dependence. */
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int store_time_parse(const char *text, int64_t *unix_seconds)
{
    int y, mo, d, h = 0, mi = 0, s = 0, used = 0;
    if (!text)
        return -1;
    if (sscanf(text, "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3 || used != 10)
        return -1;
    const char *rest = text + 10;
    if (*rest == 'T' || *rest == ' ') {
        if (sscanf(rest + 1, "%2d:%2d:%2d%n", &h, &mi, &s, &used) != 3 || used != 8)
            return -1;
        rest += 9;
        if (*rest == '.')
            for (rest++; *rest >= '0' && *rest <= '9'; rest++)
                ;
        if (*rest == 'Z')
            rest++;
    }
    static const int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (*rest != '\0' || mo < 1 || mo > 12 || d < 1 || d > month_days[mo - 1] || h > 23 ||
        mi > 59 || s > 60)
        return -1;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap)
        return -1;
    *unix_seconds = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    return 0;
}

static void uuid_text(unsigned char b[16], char out[STORE_ID_LEN])
{
    static const char hex[] = "0123456789abcdef";
    char *p = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        *p++ = hex[b[i] >> 4];
        *p++ = hex[b[i] & 15];
    }
    *p = '\0';
}

void store_uuid_random(char out[STORE_ID_LEN])
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    uuid_text(b, out);
}

void store_uuid_stable(const char *key, char out[STORE_ID_LEN])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)key, strlen(key));
    h[6] = (unsigned char)((h[6] & 0x0f) | 0x80);
    h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
    uuid_text(h, out);
}

/* ---- opening ---- */

/* How long a statement waits for another process's lock before it gives up (DESIGN.md 3). */
#define STORE_BUSY_TIMEOUT_MS 5000

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

static enum dt_status configure(struct store *st)
{
    enum dt_status s = store_exec(st, "PRAGMA foreign_keys = ON");
    if (s == DT_OK)
        s = store_exec(st, "PRAGMA journal_mode = WAL");
    if (s == DT_OK)
        s = store_exec(st, "PRAGMA synchronous = FULL");
    if (s == DT_OK) /* sorts and temp tables stay in memory: no user text in a temp file */
        s = store_exec(st, "PRAGMA temp_store = MEMORY");
    return s;
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
    if (s != DT_OK) {
        set_err(err, "cannot read the database: %s", st->err);
        return s;
    }
    if (app_id != STORE_APPLICATION_ID) {
        set_err(err, "not a dreamtree database (an SQLite file of another program)");
        return DT_NOT_DREAMTREE;
    }
    if (version > store_schema_version()) {
        set_err(err, "database was written by a newer dreamtree (schema %d; this one knows up to %d);"
                     " upgrade dreamtree", version, store_schema_version());
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
    set_err(err, "database structure was changed outside dreamtree (a table, column, index,"
                 " trigger or view is not as schema %d has it); the file is left as it is:"
                 " restore a copy from before the change", version);
    return DT_SCHEMA_CHANGED;
}

static enum dt_status open_connection(const char *path, int flags, struct store **out, char *err)
{
    struct store *st = calloc(1, sizeof *st);
    if (!st)
        return DT_NOMEM;
    int rc = sqlite3_open_v2(path, &st->db, flags, NULL);
    if (rc != SQLITE_OK) {
        set_err(err, "cannot open the database: %s", st->db ? sqlite3_errmsg(st->db) : "no memory");
        sqlite3_close(st->db);
        free(st);
        return rc == SQLITE_NOMEM ? DT_NOMEM : DT_IO;
    }
    sqlite3_extended_result_codes(st->db, 1);
    /* first of all: the identity check reads the file, and another process may be writing */
    sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
    if (store_skills_register_sql(st->db) != SQLITE_OK) {
        set_err(err, "cannot set up the database: %s", sqlite3_errmsg(st->db));
        sqlite3_close(st->db);
        free(st);
        return DT_DB;
    }
    *out = st;
    return DT_OK;
}

/* Builds a new database beside path and links it into place, so a crash during creation never
 * leaves a half-made or empty file at path. */
static enum dt_status create_file(const char *path, char *err)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 32);
    if (!tmp)
        return DT_NOMEM;
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
            if (mode == STORE_OPEN_EXISTING) {
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
    struct store *st = NULL;
    enum dt_status s = open_connection(path, SQLITE_OPEN_READWRITE | (memory ? SQLITE_OPEN_CREATE : 0),
                                       &st, err);
    if (s != DT_OK)
        return s;
    int version = 0;
    if (!memory)
        s = check_identity(st, &version, err);
    if (s == DT_OK && !memory)
        s = check_structure(st, version, err);
    if (s == DT_OK) {
        s = configure(st);
        if (s != DT_OK)
            set_err(err, "cannot set up the database: %s", st->err);
    }
    if (s == DT_OK) {
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
    free(st);
    *stp = NULL;
}
