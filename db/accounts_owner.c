/* The owner's changes to a claimed account (accounts.h): a new password, a new recovery code,
 * recovering with the code, a new email address, and deleting the account. Each checks the
 * password (or the code) first, in a sign-in turn of its own (signin_guard.h). */
#include "accounts.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "accounts_internal.h"
#include "envelope.h"
#include "oom.h"
#include "signin_guard.h"
#include "store_internal.h"
#include "tools.h"

/* The user's keys after a password check: the store's when held (*mine NULL), else unwrapped
 * into *mine for the caller to free. */
static enum dt_status checked_keys(struct store *st, const char *user_id, const char *password,
                                   struct keyring **mine, const struct keyring **use)
{
    *use = NULL;
    enum dt_status s = accounts_check_user(st, user_id, password, "local", NULL, mine);
    if (s == DT_OK)
        *use = *mine ? *mine : st->keys;
    return s;
}

static enum dt_status change_password_in_turn(struct store *st, const char *user_id,
                                              const char *current, const char *new_password)
{
    const char *why = store_accounts_password_problem(new_password);
    if (why) {
        store_copy_text(st->err, sizeof st->err, why);
        return DT_INVALID;
    }
    struct keyring *mine = NULL;
    const struct keyring *k = NULL;
    enum dt_status s = checked_keys(st, user_id, current, &mine, &k);
    char hash[KEYWRAP_HASH_LEN];
    char *wrapped = NULL;
    if (s == DT_OK)
        s = accounts_make_password(st, k, new_password, hash, &wrapped);
    if (s == DT_OK) {
        s = store_write_begin(st);
        if (s == DT_OK)
            s = accounts_update_auth(st, user_id, "password", hash, wrapped);
        s = store_write_end(st, s);
    }
    free(wrapped);
    keyring_free(&mine);
    return s;
}

static enum dt_status new_recovery_in_turn(struct store *st, const char *user_id,
                                           const char *password,
                                           char recovery[KEYWRAP_RECOVERY_LEN])
{
    recovery[0] = '\0';
    struct keyring *mine = NULL;
    const struct keyring *k = NULL;
    enum dt_status s = checked_keys(st, user_id, password, &mine, &k);
    char code[KEYWRAP_RECOVERY_LEN];
    char *wrapped = NULL;
    if (s == DT_OK)
        s = accounts_make_recovery(st, k, code, &wrapped);
    if (s == DT_OK) {
        s = store_write_begin(st);
        if (s == DT_OK)
            s = accounts_put_auth(st, user_id, "recovery", NULL, wrapped);
        s = store_write_end(st, s);
    }
    free(wrapped);
    keyring_free(&mine);
    if (s == DT_OK)
        memcpy(recovery, code, KEYWRAP_RECOVERY_LEN);
    sodium_memzero(code, sizeof code);
    return s;
}

static enum dt_status recover_in_turn(struct store *st, const char *email, const char *code,
                                      const char *new_password, const char *source,
                                      char user_out[STORE_ID_LEN],
                                      char new_recovery[KEYWRAP_RECOVERY_LEN], int *wait)
{
    user_out[0] = '\0';
    new_recovery[0] = '\0';
    if (wait)
        *wait = 0;
    const char *why = store_accounts_password_problem(new_password);
    if (why) {
        store_copy_text(st->err, sizeof st->err, why);
        return DT_INVALID;
    }
    char address[ACCOUNTS_EMAIL_LEN], akey[THROTTLE_KEY_LEN], skey[THROTTLE_KEY_LEN];
    if (store_accounts_email(email, address))
        snprintf(address, sizeof address, "%s", "(not an address)");
    signin_guard_account_key(address, akey);
    signin_guard_source_key(source, skey);
    enum dt_status s = signin_guard_throttled(st, akey, skey, wait);
    if (s != DT_OK)
        return s;
    char user[STORE_ID_LEN], typed[KEYWRAP_RECOVERY_LEN];
    char *wrapped = NULL;
    s = accounts_user_by_email(st, address, user);
    if (s == DT_OK)
        s = accounts_auth_row(st, user, "recovery", NULL, &wrapped, NULL);
    if (s != DT_OK && s != DT_NOT_FOUND)
        return s;
    bool normal = code && keywrap_recovery_normalise(code, typed);
    struct keyring *k = NULL;
    enum keywrap_result r = KEYWRAP_WRONG;
    if (s == DT_OK && normal)
        r = keywrap_unwrap(wrapped, user, typed, strlen(typed), "recovery", &k);
    else /* the same work for an unknown address or a code that cannot be one */
        keywrap_spend_check(code ? code : "", code ? strnlen(code, 256) : 0, st->kdf);
    free(wrapped);
    sodium_memzero(typed, sizeof typed);
    if (r == KEYWRAP_NOMEM)
        return DT_NOMEM;
    if (r != KEYWRAP_OK) {
        s = signin_guard_fail(st, akey, skey);
        if (wait)
            signin_guard_left(st, akey, wait);
        return s == DT_OK ? DT_WRONG_PASSWORD : s;
    }
    char hash[KEYWRAP_HASH_LEN], next[KEYWRAP_RECOVERY_LEN];
    char *pw_wrap = NULL, *code_wrap = NULL;
    s = accounts_make_password(st, k, new_password, hash, &pw_wrap);
    if (s == DT_OK)
        s = accounts_make_recovery(st, k, next, &code_wrap);
    if (s == DT_OK) {
        s = store_write_begin(st);
        if (s == DT_OK)
            s = accounts_update_auth(st, user, "password", hash, pw_wrap);
        if (s == DT_OK)
            s = accounts_put_auth(st, user, "recovery", NULL, code_wrap);
        if (s == DT_OK)
            s = store_run(st, "DELETE FROM login_throttle WHERE key = ?1", "t", akey);
        s = store_write_end(st, s);
    }
    free(pw_wrap);
    free(code_wrap);
    if (s != DT_OK) {
        keyring_free(&k);
        sodium_memzero(next, sizeof next);
        return s;
    }
    accounts_hold_keys(st, k);
    memcpy(user_out, user, STORE_ID_LEN);
    memcpy(new_recovery, next, KEYWRAP_RECOVERY_LEN);
    sodium_memzero(next, sizeof next);
    return DT_OK;
}

static enum dt_status change_email_in_turn(struct store *st, const char *user_id,
                                           const char *password, const char *new_email)
{
    char address[ACCOUNTS_EMAIL_LEN];
    const char *why = store_accounts_email(new_email, address);
    if (why) {
        store_copy_text(st->err, sizeof st->err, why);
        return DT_INVALID;
    }
    struct keyring *mine = NULL;
    const struct keyring *k = NULL;
    enum dt_status s = checked_keys(st, user_id, password, &mine, &k);
    keyring_free(&mine);
    if (s != DT_OK)
        return s;
    s = store_write_begin(st);
    bool taken = false;
    char owner[STORE_ID_LEN] = "";
    if (s == DT_OK) { /* an address this user had before comes back; another's is refused */
        sqlite3_stmt *stmt = store_stmt(st, "SELECT user_id FROM emails WHERE email = ?1");
        if (!stmt || store_bind(st, stmt, "t", address) != DT_OK)
            s = DT_DB;
        else {
            int rc = sqlite3_step(stmt);
            taken = rc == SQLITE_ROW;
            if (taken)
                store_col_copy(stmt, 0, owner, sizeof owner);
            else if (rc != SQLITE_DONE)
                s = store_fail(st, rc);
            store_stmt_done(stmt);
        }
    }
    if (s == DT_OK && taken && strcmp(owner, user_id) != 0) {
        store_copy_text(st->err, sizeof st->err, "another account has that email");
        s = DT_DUPLICATE;
    }
    if (s == DT_OK)
        s = store_run(st, "UPDATE emails SET is_active = 0 WHERE user_id = ?1", "t", user_id);
    if (s == DT_OK && taken)
        s = store_run(st, "UPDATE emails SET is_active = 1 WHERE email = ?1", "t", address);
    if (s == DT_OK && !taken) {
        char now[STORE_TIME_LEN], id[STORE_ID_LEN];
        store_now_text(st, now);
        store_uuid_random(id);
        s = store_run(st,
                      "INSERT INTO emails (id, user_id, email, is_active, added_at)"
                      " VALUES (?1, ?2, ?3, 1, ?4)",
                      "tttt", id, user_id, address, now);
    }
    return store_write_end(st, s);
}

static enum dt_status delete_in_turn(struct store *st, const char *user_id, const char *typed_email,
                                     const char *password)
{
    char typed[ACCOUNTS_EMAIL_LEN], email[ACCOUNTS_EMAIL_LEN];
    enum dt_status s = accounts_active_email(st, user_id, email);
    if (s == DT_NOT_FOUND) {
        store_copy_text(st->err, sizeof st->err, "this workbook has no account");
        return DT_INVALID;
    }
    if (s != DT_OK)
        return s;
    if (store_accounts_email(typed_email, typed) || strcmp(typed, email) != 0) {
        store_copy_text(st->err, sizeof st->err, "that is not the account's email");
        return DT_INVALID;
    }
    struct keyring *mine = NULL;
    const struct keyring *k = NULL;
    s = checked_keys(st, user_id, password, &mine, &k);
    keyring_free(&mine);
    if (s != DT_OK)
        return s;
    char akey[THROTTLE_KEY_LEN];
    signin_guard_account_key(email, akey);
    s = store_write_begin(st);
    if (s == DT_OK)
        s = store_run(st, "DELETE FROM users WHERE id = ?1", "t", user_id);
    if (s == DT_OK)
        s = store_run(st, "DELETE FROM login_throttle WHERE key = ?1", "t", akey);
    s = store_write_end(st, s);
    if (s == DT_OK) {
        if (store_accounts_unlocked(st, user_id))
            store_accounts_lock(st);
        accounts_fold_log(st);
    }
    return s;
}

/* ---- the public calls, each in a turn of its own ---- */

enum dt_status store_accounts_change_password(struct store *st, const char *user_id,
                                              const char *current, const char *new_password)
{
    struct signin_turn turn = signin_guard_take_turn(st);
    enum dt_status s = change_password_in_turn(st, user_id, current, new_password);
    signin_guard_give_turn(&turn);
    return s;
}

enum dt_status store_accounts_new_recovery(struct store *st, const char *user_id,
                                           const char *password,
                                           char recovery[KEYWRAP_RECOVERY_LEN])
{
    struct signin_turn turn = signin_guard_take_turn(st);
    enum dt_status s = new_recovery_in_turn(st, user_id, password, recovery);
    signin_guard_give_turn(&turn);
    return s;
}

enum dt_status store_accounts_recover(struct store *st, const char *email, const char *code,
                                      const char *new_password, const char *source,
                                      char user_out[STORE_ID_LEN],
                                      char new_recovery[KEYWRAP_RECOVERY_LEN], int *wait)
{
    struct signin_turn turn = signin_guard_take_turn(st);
    enum dt_status s = recover_in_turn(st, email, code, new_password, source, user_out,
                                       new_recovery, wait);
    signin_guard_give_turn(&turn);
    return s;
}

enum dt_status store_accounts_change_email(struct store *st, const char *user_id,
                                           const char *password, const char *new_email)
{
    struct signin_turn turn = signin_guard_take_turn(st);
    enum dt_status s = change_email_in_turn(st, user_id, password, new_email);
    signin_guard_give_turn(&turn);
    return s;
}

enum dt_status store_accounts_delete(struct store *st, const char *user_id, const char *typed_email,
                                     const char *password)
{
    struct signin_turn turn = signin_guard_take_turn(st);
    enum dt_status s = delete_in_turn(st, user_id, typed_email, password);
    signin_guard_give_turn(&turn);
    return s;
}
