/* What stands between a guess and a password check (signin_guard.h): the count of failures
 * per account and per source, with waits that double, and the turns that keep password hashing
 * to one per core across every process on the database. */
#include "signin_guard.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "accounts.h"
#include "files.h"
#include "store_internal.h"

#define THROTTLE_MAX_WAIT 900       /* seconds: 15 minutes */
#define THROTTLE_SOURCE_FORGET 3600 /* a source's count starts again an hour after its last */

/* ---- one password hash per core at a time ---- */

/* Argon2id takes a core and 64 MiB for a fifth of a second. On a shared server many sessions
 * may sign in at once; at most as many hash at the same time as there are cores, each holding
 * one of the lock files DB.kdf-0 ... beside the database (flock: released if a process dies).
 * The others wait for a turn, and are told so first. A database in memory has no neighbours. */
void store_accounts_on_wait(struct store *st, void (*notice)(void *ctx), void *ctx)
{
    st->kdf_notice = notice;
    st->kdf_notice_ctx = ctx;
}

static int open_turn(const char *db, long i)
{
    char path[FILES_PATH_MAX];
    if (snprintf(path, sizeof path, "%s.kdf-%ld", db, i) >= (int)sizeof path)
        return -1;
    return open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
}

struct signin_turn signin_guard_take_turn(struct store *st)
{
    struct signin_turn t = {-1};
    const char *db = sqlite3_db_filename(st->db, "main");
    if (!db || !db[0])
        return t;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1)
        cores = 1;
    for (long i = 0; i < cores; i++) { /* a free turn, without waiting */
        int fd = open_turn(db, i);
        if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0) {
            t.fd = fd;
            return t;
        }
        if (fd >= 0)
            close(fd);
    }
    if (st->kdf_notice) /* every turn is taken: say so, then wait for one */
        st->kdf_notice(st->kdf_notice_ctx);
    int fd = open_turn(db, (long)getpid() % cores);
    while (fd >= 0 && flock(fd, LOCK_EX) != 0 && errno == EINTR)
        ;
    t.fd = fd;
    return t;
}

void signin_guard_give_turn(struct signin_turn *t)
{
    if (t->fd >= 0)
        close(t->fd); /* closing releases the lock */
    t->fd = -1;
}

/* ---- throttling ---- */

void signin_guard_account_key(const char *email, char out[THROTTLE_KEY_LEN])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)email, strlen(email));
    char hex[2 * sizeof h + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    snprintf(out, THROTTLE_KEY_LEN, "account:%s", hex);
}

void signin_guard_source_key(const char *source, char out[THROTTLE_KEY_LEN])
{
    snprintf(out, THROTTLE_KEY_LEN, "source:%.150s", source && source[0] ? source : "local");
}

/* Seconds until key may try again (0: now). */
enum dt_status signin_guard_left(struct store *st, const char *key, int *left)
{
    *left = 0;
    sqlite3_stmt *stmt = store_stmt(st, "SELECT wait_until FROM login_throttle WHERE key = ?1");
    if (!stmt || store_bind(st, stmt, "t", key) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    enum dt_status s = rc == SQLITE_ROW || rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    if (rc == SQLITE_ROW) {
        char until[STORE_TIME_LEN];
        int64_t t = 0;
        store_col_copy(stmt, 0, until, sizeof until);
        if (store_time_parse(until, &t) == 0 && t > store_now(st))
            *left = (int)(t - store_now(st));
    }
    store_stmt_done(stmt);
    return s;
}

enum dt_status signin_guard_throttled(struct store *st, const char *akey, const char *skey,
                                      int *wait)
{
    int a = 0, b = 0;
    enum dt_status s = signin_guard_left(st, akey, &a);
    if (s == DT_OK)
        s = signin_guard_left(st, skey, &b);
    if (s != DT_OK)
        return s;
    int left = a > b ? a : b;
    if (wait)
        *wait = left;
    return left > 0 ? DT_THROTTLED : DT_OK;
}

static enum dt_status throttle_count(struct store *st, const char *key, bool forgets)
{
    sqlite3_stmt *stmt =
        store_stmt(st, "SELECT failures, last_failure_at FROM login_throttle WHERE key = ?1");
    if (!stmt || store_bind(st, stmt, "t", key) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    enum dt_status s = rc == SQLITE_ROW || rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    long long failures = 0;
    if (rc == SQLITE_ROW) {
        failures = sqlite3_column_int64(stmt, 0);
        char last[STORE_TIME_LEN];
        int64_t t = 0;
        store_col_copy(stmt, 1, last, sizeof last);
        if (forgets && store_time_parse(last, &t) == 0 &&
            store_now(st) - t > THROTTLE_SOURCE_FORGET)
            failures = 0;
    }
    store_stmt_done(stmt);
    if (s != DT_OK)
        return s;
    failures++;
    int64_t wait = failures > 10 ? THROTTLE_MAX_WAIT : (int64_t)1 << (failures - 1);
    if (wait > THROTTLE_MAX_WAIT)
        wait = THROTTLE_MAX_WAIT;
    char now[STORE_TIME_LEN], until[STORE_TIME_LEN];
    store_now_text(st, now);
    store_time_format(store_now(st) + wait, until);
    return store_run(st,
                     "INSERT INTO login_throttle (key, failures, last_failure_at, wait_until)"
                     " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE SET"
                     " failures = excluded.failures, last_failure_at = excluded.last_failure_at,"
                     " wait_until = excluded.wait_until",
                     "tItt", key, (sqlite3_int64)failures, now, until);
}

/* One more failure for the account and the source. */
enum dt_status signin_guard_fail(struct store *st, const char *akey, const char *skey)
{
    enum dt_status s = store_write_begin(st);
    if (s == DT_OK)
        s = throttle_count(st, akey, false);
    if (s == DT_OK)
        s = throttle_count(st, skey, true);
    return store_write_end(st, s);
}

enum dt_status signin_guard_clear(struct store *st, const char *akey)
{
    enum dt_status s = store_write_begin(st);
    if (s == DT_OK)
        s = store_run(st, "DELETE FROM login_throttle WHERE key = ?1", "t", akey);
    return store_write_end(st, s);
}
