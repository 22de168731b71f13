/* The store's common parts: statements and transactions, the clock, time text and ids. Opening
 * a database is in open.c. */
#define _POSIX_C_SOURCE 200809L
#include "store_internal.h"

#include <assert.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oom.h"

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
        st->cache = dt_oom_realloc(st->cache, (size_t)cap * sizeof *st->cache);
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

static enum dt_status bind_list(struct store *st, sqlite3_stmt *stmt, const char *types, va_list ap)
{
    int want = sqlite3_bind_parameter_count(stmt), given = (int)strlen(types);
    if (given != want) {
        snprintf(st->err, sizeof st->err, "%d values bound to a statement that takes %d", given,
                 want);
#ifndef NDEBUG /* for whoever wrote it: which statement (our own SQL, never user text) */
        fprintf(stderr, "dreamtree: %s: %s\n", st->err, sqlite3_sql(stmt));
#endif
        assert(given == want && "store_bind: types must match the statement's parameters");
        store_stmt_done(stmt);
        return DT_DB;
    }
    for (int i = 1; i <= given; i++) {
        int rc;
        if (types[i - 1] == 'i') {
            rc = sqlite3_bind_int(stmt, i, va_arg(ap, int));
        } else if (types[i - 1] == 'I') {
            rc = sqlite3_bind_int64(stmt, i, va_arg(ap, sqlite3_int64));
        } else {
            assert(types[i - 1] == 't');
            const char *text = va_arg(ap, const char *);
            rc = text ? sqlite3_bind_text(stmt, i, text, -1, SQLITE_TRANSIENT)
                      : sqlite3_bind_null(stmt, i);
        }
        if (rc != SQLITE_OK) {
            store_fail(st, rc);
            store_stmt_done(stmt);
            return DT_DB;
        }
    }
    return DT_OK;
}

enum dt_status store_bind(struct store *st, sqlite3_stmt *stmt, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    enum dt_status s = bind_list(st, stmt, types, ap);
    va_end(ap);
    return s;
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
    char *copy = dt_oom_malloc((size_t)n + 1);
    memcpy(copy, text, (size_t)n);
    copy[n] = '\0';
    return copy;
}

enum dt_status store_run(struct store *st, const char *sql, const char *types, ...)
{
    sqlite3_stmt *stmt = store_stmt(st, sql);
    if (!stmt)
        return DT_DB;
    va_list ap;
    va_start(ap, types);
    enum dt_status bound = bind_list(st, stmt, types, ap);
    va_end(ap);
    if (bound != DT_OK)
        return bound;
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
            items = dt_oom_realloc(items, new_cap * elem_size);
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

enum dt_status store_one_text(struct store *st, sqlite3_stmt *stmt, char *out, size_t size)
{
    out[0] = '\0';
    int rc = sqlite3_step(stmt);
    enum dt_status s = rc == SQLITE_ROW    ? DT_OK
                       : rc == SQLITE_DONE ? DT_NOT_FOUND
                                           : store_fail(st, rc);
    if (rc == SQLITE_ROW)
        store_col_copy(stmt, 0, out, size);
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
