/* Accounts: claim, unlock and sign in (accounts.h); the owner's changes and recovery are in
 * accounts_owner.c. The wraps and hashes are keywrap.c's; this file stores them, counts
 * failures, and seals what the user wrote when they claim. */
#include "accounts.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "accounts_internal.h"
#include "envelope.h"
#include "signin_guard.h"
#include "oom.h"
#include "store_internal.h"
#include "tools.h"

/* ---- what is typed ---- */

static bool is_space(const char *s)
{
    return *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
}

const char *store_accounts_email(const char *typed, char out[ACCOUNTS_EMAIL_LEN])
{
    out[0] = '\0';
    if (!typed)
        return "Type your email address.";
    while (is_space(typed))
        typed++;
    size_t n = strlen(typed);
    while (n && is_space(typed + n - 1))
        n--;
    if (n == 0)
        return "Type your email address.";
    if (n >= ACCOUNTS_EMAIL_LEN)
        return "that is longer than an email address can be.";
    if (u8_check((const uint8_t *)typed, n))
        return "That email address has characters that are not text.";
    size_t lower_n = 0;
    uint8_t *lower = u8_tolower((const uint8_t *)typed, n, NULL, UNINORM_NFC, NULL, &lower_n);
    if (!lower)
        dt_oom_abort();
    const char *why = NULL;
    if (lower_n >= ACCOUNTS_EMAIL_LEN)
        why = "that is longer than an email address can be.";
    size_t at = 0, ats = 0;
    for (size_t i = 0; !why && i < lower_n; i++) {
        uint8_t c = lower[i];
        if (c <= ' ' || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '(' || c == ')' ||
            c == ',' || c == ';' || c == '\\' || c == '[' || c == ']')
            why = "an email address has no spaces, quotes or brackets.";
        else if (c == 0xc2 && i + 1 < lower_n && lower[i + 1] < 0xa0)
            why = "an email address has no control characters."; /* U+0080..U+009F */
        if (c == '@') {
            at = i;
            ats++;
        }
    }
    if (!why && ats != 1)
        why = "an email address has one @, like name@example.org.";
    if (!why && (at == 0 || at > 64))
        why = "the part before the @ is missing or too long.";
    const uint8_t *domain = lower + at + 1;
    size_t dn = lower_n - at - 1;
    bool double_dot = false;
    for (size_t i = 1; i < dn; i++)
        double_dot |= domain[i] == '.' && domain[i - 1] == '.';
    if (!why && (dn < 3 || !memchr(domain, '.', dn) || domain[0] == '.' || domain[dn - 1] == '.' ||
                 double_dot))
        why = "the part after the @ should be a domain, like example.org.";
    if (!why) {
        memcpy(out, lower, lower_n);
        out[lower_n] = '\0';
    }
    free(lower);
    return why;
}

const char *store_accounts_password_problem(const char *password)
{
    if (!password || !password[0])
        return "type a password of at least 10 characters.";
    size_t n = strlen(password);
    if (n > ACCOUNTS_PASSWORD_MAX)
        return "that password is longer than 1024 bytes; a shorter one is as safe.";
    if (u8_check((const uint8_t *)password, n))
        return "that password has characters that are not text.";
    if (u8_mbsnlen((const uint8_t *)password, n) < ACCOUNTS_PASSWORD_MIN)
        return "a password needs at least 10 characters, so that guessing it takes too long to"
               " be worth trying. A few words in a row make a good one.";
    return NULL;
}

void store_accounts_set_limits(struct store *st, struct keywrap_limits limits)
{
    st->kdf = limits;
}

/* ---- reading ---- */

bool store_accounts_unlocked(const struct store *st, const char *user_id)
{
    return st->keys && user_id && strcmp(st->keys->owner, user_id) == 0;
}

enum dt_status accounts_active_email(struct store *st, const char *user_id,
                                     char out[ACCOUNTS_EMAIL_LEN])
{
    out[0] = '\0';
    sqlite3_stmt *stmt = store_stmt(st, "SELECT email FROM emails WHERE user_id = ?1"
                                        " AND is_active = 1 LIMIT 1");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    return store_one_text(st, stmt, out, ACCOUNTS_EMAIL_LEN);
}

/* The auth row of type kind ("password" or "recovery"): its hash (may be NULL) and wrap
 * (malloc'd). */
enum dt_status accounts_auth_row(struct store *st, const char *user_id, const char *kind,
                                 char hash[KEYWRAP_HASH_LEN], char **wrapped, char *created_at)
{
    *wrapped = NULL;
    sqlite3_stmt *stmt = store_stmt(st, "SELECT password_hash, wrapped_data_key, created_at"
                                        " FROM auth WHERE user_id = ?1 AND type = ?2 LIMIT 1");
    if (!stmt || store_bind(st, stmt, "tt", user_id, kind) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    enum dt_status s = rc == SQLITE_ROW    ? DT_OK
                       : rc == SQLITE_DONE ? DT_NOT_FOUND
                                           : store_fail(st, rc);
    if (rc == SQLITE_ROW) {
        if (hash)
            store_col_copy(stmt, 0, hash, KEYWRAP_HASH_LEN);
        *wrapped = store_col_dup(stmt, 1);
        if (created_at)
            store_col_copy(stmt, 2, created_at, STORE_TIME_LEN);
        if (!*wrapped)
            s = DT_UNREADABLE;
    }
    store_stmt_done(stmt);
    return s;
}

enum dt_status store_accounts_get(struct store *st, const char *user_id, struct account *out)
{
    memset(out, 0, sizeof *out);
    char *wrapped = NULL;
    enum dt_status s = accounts_auth_row(st, user_id, "password", NULL, &wrapped, out->claimed_at);
    free(wrapped);
    if (s == DT_NOT_FOUND || s == DT_UNREADABLE) {
        out->claimed = s == DT_UNREADABLE;
        return DT_OK;
    }
    if (s != DT_OK)
        return s;
    out->claimed = true;
    s = accounts_active_email(st, user_id, out->email);
    return s == DT_NOT_FOUND ? DT_OK : s;
}

/* The user whose active email this is, among claimed accounts. */
enum dt_status accounts_user_by_email(struct store *st, const char *email,
                                      char user_out[STORE_ID_LEN])
{
    user_out[0] = '\0';
    sqlite3_stmt *stmt = store_stmt(st, "SELECT e.user_id FROM emails e"
                                        " JOIN auth a ON a.user_id = e.user_id"
                                        " AND a.type = 'password'"
                                        " WHERE e.email = ?1 AND e.is_active = 1 LIMIT 1");
    if (!stmt || store_bind(st, stmt, "t", email) != DT_OK)
        return DT_DB;
    return store_one_text(st, stmt, user_out, STORE_ID_LEN);
}

static enum dt_status email_taken(struct store *st, const char *email, bool *taken)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT 1 FROM emails WHERE email = ?1 LIMIT 1");
    if (!stmt || store_bind(st, stmt, "t", email) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    *taken = rc == SQLITE_ROW;
    enum dt_status s = rc == SQLITE_ROW || rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    store_stmt_done(stmt);
    return s;
}

/* ---- writing the auth rows ---- */

enum dt_status accounts_put_auth(struct store *st, const char *user_id, const char *kind,
                                 const char *hash, const char *wrapped)
{
    char now[STORE_TIME_LEN], id[STORE_ID_LEN];
    store_now_text(st, now);
    enum dt_status s = store_run(st, "DELETE FROM auth WHERE user_id = ?1 AND type = ?2", "tt",
                                 user_id, kind);
    if (s != DT_OK)
        return s;
    store_uuid_random(id);
    return store_run(st,
                     "INSERT INTO auth (id, user_id, type, password_hash, wrapped_data_key,"
                     " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                     "tttttt", id, user_id, kind, hash, wrapped, now);
}

enum dt_status accounts_update_auth(struct store *st, const char *user_id, const char *kind,
                                    const char *hash, const char *wrapped)
{
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    enum dt_status s = store_run(st,
                                 "UPDATE auth SET password_hash = ?3, wrapped_data_key = ?4,"
                                 " updated_at = ?5 WHERE user_id = ?1 AND type = ?2",
                                 "ttttt", user_id, kind, hash, wrapped, now);
    if (s == DT_OK && sqlite3_changes(st->db) == 0)
        s = DT_NOT_FOUND;
    return s;
}

/* The password's hash and the key wrapped under it, with the store's limits. */
enum dt_status accounts_make_password(struct store *st, const struct keyring *k,
                                      const char *password, char hash[KEYWRAP_HASH_LEN],
                                      char **wrapped)
{
    *wrapped = NULL;
    size_t n = strlen(password);
    if (keywrap_hash_password(password, n, st->kdf, hash) != 0)
        return DT_NOMEM;
    *wrapped = keywrap_wrap(k, password, n, "password", st->kdf);
    return *wrapped ? DT_OK : DT_NOMEM;
}

enum dt_status accounts_make_recovery(struct store *st, const struct keyring *k,
                                      char code[KEYWRAP_RECOVERY_LEN], char **wrapped)
{
    keywrap_recovery_code(code);
    *wrapped = keywrap_wrap(k, code, strlen(code), "recovery", st->kdf);
    return *wrapped ? DT_OK : DT_NOMEM;
}

/* ---- claiming: sealing what is already written ---- */

struct clear_row {
    char id[STORE_ID_LEN];  /* the row's id (responses, tools) */
    char key[STORE_ID_LEN]; /* what names it in its envelope */
    char *text;
};

static int read_clear_row(sqlite3_stmt *stmt, void *elem)
{
    struct clear_row *r = elem;
    store_col_copy(stmt, 0, r->id, sizeof r->id);
    store_col_copy(stmt, 1, r->key, sizeof r->key);
    r->text = store_col_dup(stmt, 2);
    return r->text ? 0 : -1;
}

static void clear_clear_row(void *elem)
{
    struct clear_row *r = elem;
    store_wipe_free(r->text);
    r->text = NULL;
}

static void free_rows(struct clear_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        clear_clear_row(&rows[i]);
    free(rows);
}

/* Reads every row of one kind with its clear text, then writes each back sealed. */
static enum dt_status seal_rows(struct store *st, const char *user_id, const char *select,
                                const char *update, const char *column, bool hashed)
{
    struct clear_row *rows = NULL;
    size_t n = 0;
    sqlite3_stmt *stmt = store_stmt(st, select);
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    enum dt_status s = store_collect(st, stmt, &rows, &n, sizeof *rows, read_clear_row,
                                     clear_clear_row);
    for (size_t i = 0; s == DT_OK && i < n; i++) {
        if (envelope_is_sealed(rows[i].text))
            continue;
        char field[ENVELOPE_FIELD_LEN], hash[TOOLS_HASH_LEN] = "";
        if (!envelope_field(field, column, rows[i].key)[0]) {
            s = DT_INVALID;
            break;
        }
        char *sealed = envelope_seal(st->keys, field, rows[i].text, strlen(rows[i].text));
        if (hashed)
            s = store_content_hash_for(st, user_id, rows[i].text, hash);
        if (s == DT_OK)
            s = hashed ? store_run(st, update, "ttt", rows[i].id, sealed, hash)
                       : store_run(st, update, "tt", rows[i].id, sealed);
        free(sealed);
    }
    free_rows(rows, n);
    return s;
}

static enum dt_status seal_everything(struct store *st, const char *user_id)
{
    enum dt_status s = seal_rows(
        st, user_id,
        "SELECT id, full_exercise_id, response_json FROM exercise_responses WHERE user_id = ?1",
        "UPDATE exercise_responses SET response_json = ?2 WHERE id = ?1", SEALED_RESPONSE, false);
    if (s == DT_OK)
        s = seal_rows(st, user_id,
                      "SELECT rowid, full_exercise_id, draft_json FROM drafts"
                      " WHERE user_id = ?1",
                      "UPDATE drafts SET draft_json = ?2 WHERE rowid = ?1", SEALED_DRAFT, false);
    if (s == DT_OK)
        s = seal_rows(st, user_id,
                      "SELECT id, id, content_json FROM tool_instances WHERE user_id = ?1",
                      "UPDATE tool_instances SET content_json = ?2, content_hash = ?3"
                      " WHERE id = ?1",
                      SEALED_TOOL, true);
    return s;
}

/* Folds the log into the file and empties it, so the pages that held clear text before the
 * claim are gone from the -wal too (docs/security.md). Best effort: a reader in another
 * process can hold it back; it is tried a few times. */
void accounts_fold_log(struct store *st)
{
    for (int i = 0; i < 5; i++) {
        int log = -1, done = -1;
        int rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
        if (rc == SQLITE_OK && log == done)
            return;
        sqlite3_sleep(100);
    }
}

static enum dt_status claim_in_turn(struct store *st, const char *user_id, const char *email,
                                    const char *password, char recovery[KEYWRAP_RECOVERY_LEN])
{
    recovery[0] = '\0';
    char address[ACCOUNTS_EMAIL_LEN];
    const char *why = store_accounts_email(email, address);
    if (!why)
        why = store_accounts_password_problem(password);
    if (why) {
        store_copy_text(st->err, sizeof st->err, why);
        return DT_INVALID;
    }
    struct account acc;
    bool taken = false;
    enum dt_status s = store_accounts_get(st, user_id, &acc);
    if (s == DT_OK && acc.claimed)
        s = DT_DUPLICATE;
    if (s == DT_OK)
        s = email_taken(st, address, &taken);
    if (s == DT_OK && taken) {
        store_copy_text(st->err, sizeof st->err, "another account has that email");
        s = DT_DUPLICATE;
    }
    if (s != DT_OK)
        return s;

    /* the slow part, before the write lock */
    struct keyring *k = keyring_new(user_id);
    char hash[KEYWRAP_HASH_LEN], code[KEYWRAP_RECOVERY_LEN];
    char *wrapped = NULL, *wrapped_code = NULL;
    s = accounts_make_password(st, k, password, hash, &wrapped);
    if (s == DT_OK)
        s = accounts_make_recovery(st, k, code, &wrapped_code);

    struct keyring *before = st->keys;
    st->keys = k; /* sealing below uses them */
    if (s == DT_OK)
        s = store_write_begin(st);
    if (s == DT_OK) {
        char now[STORE_TIME_LEN], email_id[STORE_ID_LEN];
        store_now_text(st, now);
        store_uuid_random(email_id);
        s = store_accounts_get(st, user_id, &acc); /* again, under the lock */
        if (s == DT_OK && acc.claimed)
            s = DT_DUPLICATE;
        if (s == DT_OK)
            s = email_taken(st, address, &taken);
        if (s == DT_OK && taken)
            s = DT_DUPLICATE;
        if (s == DT_OK)
            s = accounts_put_auth(st, user_id, "password", hash, wrapped);
        if (s == DT_OK)
            s = accounts_put_auth(st, user_id, "recovery", NULL, wrapped_code);
        if (s == DT_OK)
            s = store_run(st,
                          "INSERT INTO emails (id, user_id, email, is_active, added_at)"
                          " VALUES (?1, ?2, ?3, 1, ?4)",
                          "tttt", email_id, user_id, address, now);
        if (s == DT_OK)
            s = store_run(st, "UPDATE users SET is_anonymous = 0, updated_at = ?2 WHERE id = ?1",
                          "tt", user_id, now);
        if (s == DT_OK && sqlite3_changes(st->db) == 0)
            s = DT_NOT_FOUND;
        if (s == DT_OK)
            s = seal_everything(st, user_id);
        s = store_write_end(st, s);
    }
    free(wrapped);
    free(wrapped_code);
    sodium_memzero(hash, sizeof hash);
    if (s != DT_OK) {
        keyring_free(&k);
        st->keys = before;
        sodium_memzero(code, sizeof code);
        return s;
    }
    keyring_free(&before);
    accounts_fold_log(st);
    memcpy(recovery, code, KEYWRAP_RECOVERY_LEN);
    sodium_memzero(code, sizeof code);
    return DT_OK;
}

/* ---- checking a password ---- */

/* Checks password for user_id against its hash, counting a failure; on success the keys (when
 * want_keys) come from the store when it holds them, else from the wrap. A hash made with other
 * limits than the store's is made again. */
enum dt_status accounts_check_password(struct store *st, const char *user_id, const char *akey,
                                       const char *skey, const char *password, int *wait,
                                       struct keyring **keys)
{
    if (keys)
        *keys = NULL;
    enum dt_status s = signin_guard_throttled(st, akey, skey, wait);
    if (s != DT_OK)
        return s;
    char hash[KEYWRAP_HASH_LEN] = "";
    char *wrapped = NULL;
    s = accounts_auth_row(st, user_id, "password", hash, &wrapped, NULL);
    if (s == DT_NOT_FOUND) {
        store_copy_text(st->err, sizeof st->err, "this workbook has no account");
        return DT_INVALID;
    }
    if (s != DT_OK)
        return s;
    size_t n = password ? strlen(password) : 0;
    if (!password || n > ACCOUNTS_PASSWORD_MAX || !keywrap_check_password(hash, password, n)) {
        free(wrapped);
        s = signin_guard_fail(st, akey, skey);
        if (wait)
            signin_guard_left(st, akey, wait);
        return s == DT_OK ? DT_WRONG_PASSWORD : s;
    }
    struct keyring *k = NULL;
    bool held = store_accounts_unlocked(st, user_id);
    if (!held && (keys || keywrap_needs_rehash(hash, st->kdf))) {
        enum keywrap_result r = keywrap_unwrap(wrapped, user_id, password, n, "password", &k);
        if (r != KEYWRAP_OK) {
            free(wrapped);
            return r == KEYWRAP_NOMEM ? DT_NOMEM : DT_UNREADABLE;
        }
    }
    free(wrapped);
    s = signin_guard_clear(st, akey);
    if (s == DT_OK && keywrap_needs_rehash(hash, st->kdf)) {
        char *rewrapped = NULL;
        s = accounts_make_password(st, held ? st->keys : k, password, hash, &rewrapped);
        if (s == DT_OK) {
            s = store_write_begin(st);
            if (s == DT_OK)
                s = accounts_update_auth(st, user_id, "password", hash, rewrapped);
            s = store_write_end(st, s);
        }
        free(rewrapped);
    }
    sodium_memzero(hash, sizeof hash);
    if (s != DT_OK || !keys) {
        keyring_free(&k);
        return s;
    }
    *keys = k; /* NULL when the store already holds them */
    return DT_OK;
}

void accounts_hold_keys(struct store *st, struct keyring *k)
{
    if (!k)
        return;
    keyring_free(&st->keys);
    st->keys = k;
}

enum dt_status accounts_check_user(struct store *st, const char *user_id, const char *password,
                                   const char *source, int *wait, struct keyring **keys)
{
    if (keys)
        *keys = NULL;
    char email[ACCOUNTS_EMAIL_LEN], akey[THROTTLE_KEY_LEN], skey[THROTTLE_KEY_LEN];
    enum dt_status s = accounts_active_email(st, user_id, email);
    if (s == DT_NOT_FOUND) {
        store_copy_text(st->err, sizeof st->err, "this workbook has no account");
        return DT_INVALID;
    }
    if (s != DT_OK)
        return s;
    signin_guard_account_key(email, akey);
    signin_guard_source_key(source, skey);
    return accounts_check_password(st, user_id, akey, skey, password, wait, keys);
}

static enum dt_status keys_for(struct store *st, const char *user_id, const char *password,
                               const char *source, int *wait, bool keep)
{
    struct keyring *k = NULL;
    enum dt_status s = accounts_check_user(st, user_id, password, source, wait, keep ? &k : NULL);
    if (s == DT_OK && keep)
        accounts_hold_keys(st, k);
    return s;
}

static enum dt_status unlock_in_turn(struct store *st, const char *user_id, const char *password,
                                     const char *source, int *wait)
{
    if (wait)
        *wait = 0;
    return keys_for(st, user_id, password, source, wait, true);
}

static enum dt_status sign_in_in_turn(struct store *st, const char *email, const char *password,
                                      const char *source, char user_out[STORE_ID_LEN], int *wait)
{
    user_out[0] = '\0';
    if (wait)
        *wait = 0;
    char address[ACCOUNTS_EMAIL_LEN], akey[THROTTLE_KEY_LEN], skey[THROTTLE_KEY_LEN];
    if (store_accounts_email(email, address))
        snprintf(address, sizeof address, "%s", "(not an address)");
    signin_guard_account_key(address, akey);
    signin_guard_source_key(source, skey);
    enum dt_status s = signin_guard_throttled(st, akey, skey, wait);
    if (s != DT_OK)
        return s;
    char user[STORE_ID_LEN];
    s = accounts_user_by_email(st, address, user);
    if (s == DT_NOT_FOUND) {
        /* the same work as a check and an unwrap, and the same count, so nothing tells an
         * unknown address from a wrong password */
        size_t n = password ? strnlen(password, ACCOUNTS_PASSWORD_MAX) : 0;
        keywrap_spend_check(password ? password : "", n, st->kdf);
        keywrap_spend_check(password ? password : "", n, st->kdf);
        s = signin_guard_fail(st, akey, skey);
        if (wait)
            signin_guard_left(st, akey, wait);
        return s == DT_OK ? DT_WRONG_PASSWORD : s;
    }
    if (s != DT_OK)
        return s;
    struct keyring *k = NULL;
    s = accounts_check_password(st, user, akey, skey, password, wait, &k);
    if (s != DT_OK)
        return s;
    accounts_hold_keys(st, k);
    memcpy(user_out, user, STORE_ID_LEN);
    return DT_OK;
}

void store_accounts_lock(struct store *st)
{
    keyring_free(&st->keys);
}

/* ---- the public calls, each in a turn of its own ---- */

enum dt_status store_accounts_claim(struct store *st, const char *user_id, const char *email,
                                    const char *password, char recovery[KEYWRAP_RECOVERY_LEN])
{
    struct signin_turn turn = signin_guard_take_turn(st);
    enum dt_status s = claim_in_turn(st, user_id, email, password, recovery);
    signin_guard_give_turn(&turn);
    return s;
}

enum dt_status store_accounts_unlock(struct store *st, const char *user_id, const char *password,
                                     const char *source, int *wait)
{
    struct signin_turn turn = signin_guard_take_turn(st);
    enum dt_status s = unlock_in_turn(st, user_id, password, source, wait);
    signin_guard_give_turn(&turn);
    return s;
}

enum dt_status store_accounts_sign_in(struct store *st, const char *email, const char *password,
                                      const char *source, char user_out[STORE_ID_LEN], int *wait)
{
    struct signin_turn turn = signin_guard_take_turn(st);
    enum dt_status s = sign_in_in_turn(st, email, password, source, user_out, wait);
    signin_guard_give_turn(&turn);
    return s;
}
