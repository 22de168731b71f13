/* Accounts and encryption at rest in the store (db/accounts.c, db/sealed.c): claiming, locking
 * and unlocking, throttling, the owner's changes, and that a claimed user's writing is sealed
 * in the database and nowhere in clear — not in the file, its -wal or its -shm. Argon2id runs
 * with libsodium's smallest limits here, so the suite stays fast. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "accounts.h"
#include "check.h"
#include "drafts.h"
#include "envelope.h"
#include "responses.h"
#include "searches.h"
#include "store_internal.h" /* st->db, for looking at the rows as stored */
#include "support.h"
#include "tools.h"
#include "users.h"

#define PASSWORD "correct horse battery"
#define MARKER "zq-MARKER-7731-qz"

static struct store *new_store(void)
{
    struct store *st = support_store();
    store_accounts_set_limits(st, keywrap_test_limits());
    return st;
}

/* The value of a one-column, one-row query with one text parameter, malloc'd ("" for none). */
static char *raw(struct store *st, const char *sql, const char *param)
{
    sqlite3_stmt *stmt = NULL;
    char *out = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) == SQLITE_OK) {
        if (param)
            sqlite3_bind_text(stmt, 1, param, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
            out = strdup((const char *)sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return out ? out : strdup("");
}

static void exec(struct store *st, const char *sql)
{
    CHECK(sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK);
}

/* A user with an answer, a draft and a tool entry, each holding the marker. */
static void write_some(struct store *st, const char *user, char tool_id[STORE_ID_LEN])
{
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[\"" MARKER " one\"]}", NULL),
              DT_OK);
    CHECK_INT(store_drafts_save(st, user, "1.1.2.v1", "{\"story\":\"" MARKER " draft\"}"), DT_OK);
    CHECK_INT(store_tools_create(st, user, "list-builder", "standalone",
                                 "{\"items\":[\"" MARKER " tool\"]}", tool_id),
              DT_OK);
}

static void test_email_and_password_rules(void)
{
    char out[ACCOUNTS_EMAIL_LEN];
    CHECK(store_accounts_email("  Name@Example.ORG \t", out) == NULL);
    CHECK_STR(out, "name@example.org");
    CHECK(store_accounts_email("\xC3\x89MILE@Ex\xC3\x84mple.org", out) == NULL); /* ÉMILE, Ä */
    CHECK_STR(out, "\xC3\xA9mile@ex\xC3\xA4mple.org");
    CHECK(store_accounts_email("STRA\xE1\xBA\x9E"
                               "E@x.de",
                               out) == NULL); /* capital sharp s */
    CHECK_STR(out, "stra\xC3\x9F"
                   "e@x.de");
    const char *bad[] = {"",           "   ",         "name.example.org", "a@b@c.org",
                         "a b@c.org",  "a@localhost", "a@c..org",         "@example.org",
                         "a@.org",     "a@org.",      "a\x01@c.org",      "a\xC2\x85@c.org",
                         "a@c.org\xFF"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        check_test_name = bad[i];
        CHECK(store_accounts_email(bad[i], out) != NULL);
        CHECK_STR(out, "");
    }
    check_test_name = NULL;
    /* said after "Error: " as every other error is: in lower case, the minimum named */
    CHECK_STR(store_accounts_email("no-at.example.org", out),
              "an email address has one @, like name@example.org.");
    CHECK_STR(store_accounts_password_problem(""), "type a password of at least 10 characters.");
    CHECK(store_accounts_password_problem("123456789") != NULL);
    CHECK(strstr(store_accounts_password_problem("123456789"), "10 characters") != NULL);
    CHECK(store_accounts_password_problem("1234567890") == NULL);
    /* characters, not bytes: nine accented letters are 18 bytes and still too few */
    CHECK(store_accounts_password_problem("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3"
                                          "\xA9\xC3\xA9\xC3\xA9") != NULL);
    CHECK(store_accounts_password_problem("bad \xFF utf-8 password") != NULL);
    char *huge = malloc(ACCOUNTS_PASSWORD_MAX + 2);
    memset(huge, 'a', ACCOUNTS_PASSWORD_MAX + 1);
    huge[ACCOUNTS_PASSWORD_MAX + 1] = '\0';
    CHECK(store_accounts_password_problem(huge) != NULL);
    free(huge);
}

static void test_claim_seals_what_was_written(void)
{
    struct store *st = new_store();
    char user[STORE_ID_LEN], tool[STORE_ID_LEN], code[KEYWRAP_RECOVERY_LEN];
    support_user(st, user);
    write_some(st, user, tool);
    char clear_hash[TOOLS_HASH_LEN];
    CHECK_INT(store_tools_content_hash("{\"items\":[\"" MARKER " tool\"]}", clear_hash), DT_OK);
    char *before = raw(st, "SELECT content_hash FROM tool_instances WHERE id = ?1", tool);
    CHECK_STR(before, clear_hash);
    free(before);

    CHECK_INT(store_accounts_claim(st, user, "  Me@Example.org", PASSWORD, code), DT_OK);
    CHECK_INT((int)strlen(code), KEYWRAP_RECOVERY_LEN - 1);
    char normal[KEYWRAP_RECOVERY_LEN];
    CHECK(keywrap_recovery_normalise(code, normal) && strcmp(normal, code) == 0);
    CHECK(store_accounts_unlocked(st, user));

    struct account acc;
    CHECK_INT(store_accounts_get(st, user, &acc), DT_OK);
    CHECK(acc.claimed);
    CHECK_STR(acc.email, "me@example.org");
    struct user u;
    CHECK_INT(store_users_get(st, user, &u), DT_OK);
    CHECK(!u.is_anonymous);
    char *n = raw(st, "SELECT count(*) FROM auth WHERE user_id = ?1", user);
    CHECK_STR(n, "2"); /* password and recovery */
    free(n);
    char *hash = raw(st, "SELECT password_hash FROM auth WHERE user_id = ?1 AND type = 'password'",
                     user);
    CHECK(strncmp(hash, "$argon2id$", 10) == 0);
    free(hash);

    /* as stored: envelopes, no marker; the tool's hash is keyed, not the clear SHA-256 */
    const char *columns[] = {"SELECT response_json FROM exercise_responses WHERE user_id = ?1",
                             "SELECT draft_json FROM drafts WHERE user_id = ?1",
                             "SELECT content_json FROM tool_instances WHERE user_id = ?1"};
    for (size_t i = 0; i < 3; i++) {
        char *v = raw(st, columns[i], user);
        check_test_name = columns[i];
        CHECK(envelope_is_sealed(v));
        CHECK(strstr(v, MARKER) == NULL);
        free(v);
    }
    check_test_name = NULL;
    char *after = raw(st, "SELECT content_hash FROM tool_instances WHERE id = ?1", tool);
    CHECK((int)strlen(after) == 64 && strcmp(after, clear_hash) != 0);
    free(after);

    /* and read back in clear */
    struct response r;
    CHECK_INT(store_responses_get(st, user, "1.1.1.v1", &r), DT_OK);
    CHECK(r.response_json && strstr(r.response_json, MARKER " one"));
    store_responses_clear(&r);
    struct draft d;
    CHECK_INT(store_drafts_get(st, user, "1.1.2.v1", &d), DT_OK);
    CHECK(d.draft_json && strstr(d.draft_json, MARKER " draft"));
    store_drafts_clear(&d);
    struct tool_instance *list = NULL;
    size_t count = 0;
    CHECK_INT(store_tools_list(st, user, "list-builder", &list, &count), DT_OK);
    CHECK(count == 1 && !list[0].unreadable && strstr(list[0].content_json, MARKER " tool"));
    store_tools_list_free(&list, count);

    /* a new save is sealed too, and an envelope is never taken as an answer */
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[\"second\"]}", NULL), DT_OK);
    char *v = raw(st, "SELECT response_json FROM exercise_responses WHERE user_id = ?1", user);
    CHECK(envelope_is_sealed(v) && strstr(v, "second") == NULL);
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", v, NULL), DT_INVALID);
    free(v);

    /* claiming again, or with an email another account has */
    char other[STORE_ID_LEN];
    support_user(st, other);
    CHECK_INT(store_accounts_claim(st, user, "new@example.org", PASSWORD, code), DT_DUPLICATE);
    CHECK_INT(store_accounts_claim(st, other, "ME@example.org", PASSWORD, code), DT_DUPLICATE);
    CHECK_INT(store_accounts_claim(st, other, "other@example.org", "short", code), DT_INVALID);
    CHECK(strstr(store_last_error(st), "10 characters") != NULL);
    CHECK_STR(code, "");
    store_close(&st);
}

static void test_lock_and_unlock(void)
{
    struct store *st = new_store();
    char user[STORE_ID_LEN], tool[STORE_ID_LEN], code[KEYWRAP_RECOVERY_LEN];
    support_user(st, user);
    write_some(st, user, tool);
    CHECK_INT(store_accounts_claim(st, user, "me@example.org", PASSWORD, code), DT_OK);
    store_accounts_lock(st);
    CHECK(!store_accounts_unlocked(st, user));

    struct response r;
    CHECK_INT(store_responses_get(st, user, "1.1.1.v1", &r), DT_KEY_LOCKED);
    CHECK(r.response_json == NULL);
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[]}", NULL), DT_KEY_LOCKED);
    CHECK_INT(store_drafts_save(st, user, "1.1.2.v1", "{}"), DT_KEY_LOCKED);
    struct tool_instance *list = NULL;
    size_t n = 0;
    CHECK_INT(store_tools_list(st, user, "list-builder", &list, &n), DT_KEY_LOCKED);
    CHECK(list == NULL && n == 0);
    CHECK_INT(store_tools_update(st, user, tool, "{\"items\":[]}"), DT_KEY_LOCKED);

    int wait = -1;
    CHECK_INT(store_accounts_unlock(st, user, "not the password", "local", &wait),
              DT_WRONG_PASSWORD);
    CHECK_INT(wait, 1);
    CHECK(!store_accounts_unlocked(st, user));
    /* at once again: throttled, without a check */
    CHECK_INT(store_accounts_unlock(st, user, PASSWORD, "local", &wait), DT_THROTTLED);
    CHECK_INT(wait, 1);
    store_set_now(st, support_now + 2);
    CHECK_INT(store_accounts_unlock(st, user, PASSWORD, "local", &wait), DT_OK);
    CHECK(store_accounts_unlocked(st, user));
    CHECK_INT(store_responses_get(st, user, "1.1.1.v1", &r), DT_OK);
    store_responses_clear(&r);
    /* the account's count is cleared by the success */
    char *left = raw(st, "SELECT count(*) FROM login_throttle WHERE key LIKE 'account:%'", NULL);
    CHECK_STR(left, "0");
    free(left);
    store_close(&st);
}

static void test_throttle_doubles(void)
{
    struct store *st = new_store();
    char user[STORE_ID_LEN], code[KEYWRAP_RECOVERY_LEN];
    support_user(st, user);
    CHECK_INT(store_accounts_claim(st, user, "me@example.org", PASSWORD, code), DT_OK);
    store_accounts_lock(st);
    int64_t now = support_now;
    int expected[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900};
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
        int wait = 0;
        store_set_now(st, now);
        CHECK_INT(store_accounts_unlock(st, user, "wrong wrong wrong", "local", &wait),
                  DT_WRONG_PASSWORD);
        CHECK_INT(wait, expected[i]);
        store_set_now(st, now + expected[i] - 1);
        CHECK_INT(store_accounts_unlock(st, user, PASSWORD, "local", &wait), DT_THROTTLED);
        now += expected[i];
    }
    store_set_now(st, now);
    CHECK_INT(store_accounts_unlock(st, user, PASSWORD, "local", NULL), DT_OK);
    store_close(&st);
}

static void test_sign_in_and_unknown_email(void)
{
    struct store *st = new_store();
    char user[STORE_ID_LEN], got[STORE_ID_LEN], code[KEYWRAP_RECOVERY_LEN];
    support_user(st, user);
    CHECK_INT(store_accounts_claim(st, user, "me@example.org", PASSWORD, code), DT_OK);
    store_accounts_lock(st);
    int wait = 0;
    CHECK_INT(store_accounts_sign_in(st, "ME@example.org ", PASSWORD, "local", got, &wait), DT_OK);
    CHECK_STR(got, user);
    CHECK(store_accounts_unlocked(st, user));
    store_accounts_lock(st);
    /* unknown address and wrong password: one answer, and both counted */
    CHECK_INT(store_accounts_sign_in(st, "nobody@example.org", PASSWORD, "ssh-a", got, &wait),
              DT_WRONG_PASSWORD);
    CHECK_STR(got, "");
    CHECK_INT(wait, 1);
    CHECK_INT(store_accounts_sign_in(st, "me@example.org", "wrong one here", "ssh-b", got, &wait),
              DT_WRONG_PASSWORD);
    CHECK_INT(wait, 1);
    CHECK_INT(store_accounts_sign_in(st, "nobody@example.org", PASSWORD, "ssh-c", got, &wait),
              DT_THROTTLED);
    /* the source is counted apart from the account: ssh-a waits on another address too */
    CHECK_INT(store_accounts_sign_in(st, "someone@example.org", PASSWORD, "ssh-a", got, &wait),
              DT_THROTTLED);
    CHECK_INT(store_accounts_sign_in(st, "not an address", PASSWORD, "ssh-d", got, &wait),
              DT_WRONG_PASSWORD);
    store_close(&st);
}

static void test_flipped_and_moved_ciphertext(void)
{
    struct store *st = new_store();
    char a[STORE_ID_LEN], b[STORE_ID_LEN], ta[STORE_ID_LEN], tb[STORE_ID_LEN];
    char code[KEYWRAP_RECOVERY_LEN];
    support_user(st, a);
    support_user(st, b);
    write_some(st, a, ta);
    write_some(st, b, tb);
    CHECK_INT(store_responses_save(st, a, "1.1.2.v1", "{\"story\":\"two\"}", NULL), DT_OK);
    CHECK_INT(store_accounts_claim(st, b, "b@example.org", PASSWORD, code), DT_OK);
    CHECK_INT(store_accounts_claim(st, a, "a@example.org", PASSWORD, code), DT_OK);

    /* a flipped bit in one answer: that answer cannot be read, nothing else changes */
    char *v = raw(st,
                  "SELECT response_json FROM exercise_responses WHERE user_id = ?1"
                  " AND full_exercise_id = '1.1.1.v1'",
                  a);
    size_t at = strlen(v) - 10;
    v[at] = v[at] == 'A' ? 'B' : 'A';
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2(st->db,
                       "UPDATE exercise_responses SET response_json = ?1 WHERE user_id = ?2"
                       " AND full_exercise_id = '1.1.1.v1'",
                       -1, &stmt, NULL);
    sqlite3_bind_text(stmt, 1, v, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, a, -1, SQLITE_TRANSIENT);
    CHECK(sqlite3_step(stmt) == SQLITE_DONE);
    sqlite3_finalize(stmt);
    free(v);
    struct response r;
    CHECK_INT(store_responses_get(st, a, "1.1.1.v1", &r), DT_UNREADABLE);
    CHECK(r.response_json == NULL);
    CHECK_INT(store_responses_get(st, a, "1.1.2.v1", &r), DT_OK);
    store_responses_clear(&r);

    /* an answer moved to another exercise of the same user */
    char *sql = sqlite3_mprintf("UPDATE exercise_responses SET response_json = (SELECT"
                                " response_json FROM exercise_responses WHERE user_id = %Q AND"
                                " full_exercise_id = '1.1.2.v1') WHERE user_id = %Q AND"
                                " full_exercise_id = '1.1.1.v1'",
                                a, a);
    exec(st, sql);
    sqlite3_free(sql);
    CHECK_INT(store_responses_get(st, a, "1.1.1.v1", &r), DT_UNREADABLE);

    /* b's tool entry copied over a's: a's list keeps it, marked unreadable */
    sql = sqlite3_mprintf("UPDATE tool_instances SET content_json = (SELECT content_json FROM"
                          " tool_instances WHERE user_id = %Q) WHERE user_id = %Q",
                          b, a);
    exec(st, sql);
    sqlite3_free(sql);
    struct tool_instance *list = NULL;
    size_t n = 0;
    CHECK_INT(store_tools_list(st, a, "list-builder", &list, &n), DT_OK);
    CHECK(n == 1 && list[0].unreadable && strcmp(list[0].content_json, "null") == 0);
    store_tools_list_free(&list, n);
    struct tool_instance one;
    CHECK_INT(store_tools_get(st, a, ta, &one), DT_UNREADABLE);
    CHECK(one.content_json == NULL);

    /* an envelope in an anonymous user's row cannot be read either */
    char c[STORE_ID_LEN], tc[STORE_ID_LEN];
    support_user(st, c);
    write_some(st, c, tc);
    sql = sqlite3_mprintf("UPDATE drafts SET draft_json = (SELECT draft_json FROM drafts WHERE"
                          " user_id = %Q) WHERE user_id = %Q",
                          b, c);
    exec(st, sql);
    sqlite3_free(sql);
    struct draft d;
    CHECK_INT(store_drafts_get(st, c, "1.1.2.v1", &d), DT_UNREADABLE);
    store_close(&st);
}

static void test_password_recovery_email_delete(void)
{
    struct store *st = new_store();
    char user[STORE_ID_LEN], tool[STORE_ID_LEN], code[KEYWRAP_RECOVERY_LEN];
    char next[KEYWRAP_RECOVERY_LEN], got[STORE_ID_LEN];
    support_user(st, user);
    write_some(st, user, tool);
    CHECK_INT(store_accounts_claim(st, user, "me@example.org", PASSWORD, code), DT_OK);

    /* change password: the old one fails, the new one opens the same writing */
    CHECK_INT(store_accounts_change_password(st, user, "wrong password", "a new passphrase"),
              DT_WRONG_PASSWORD);
    store_set_now(st, support_now + 1000);
    CHECK_INT(store_accounts_change_password(st, user, PASSWORD, "short"), DT_INVALID);
    CHECK_INT(store_accounts_change_password(st, user, PASSWORD, "a new passphrase"), DT_OK);
    store_accounts_lock(st);
    CHECK_INT(store_accounts_unlock(st, user, PASSWORD, "local", NULL), DT_WRONG_PASSWORD);
    store_set_now(st, support_now + 2000);
    CHECK_INT(store_accounts_unlock(st, user, "a new passphrase", "local", NULL), DT_OK);
    struct response r;
    CHECK_INT(store_responses_get(st, user, "1.1.1.v1", &r), DT_OK);
    store_responses_clear(&r);

    /* recovery: the code as someone types it, then it is used up */
    store_accounts_lock(st);
    char typed[64];
    snprintf(typed, sizeof typed, " %s ", code);
    for (char *p = typed; *p; p++) {
        if (*p == '-')
            *p = ' ';
        else if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    }
    CHECK_INT(store_accounts_recover(st, "me@example.org", typed, "recovered pass 1", "local", got,
                                     next, NULL),
              DT_OK);
    CHECK_STR(got, user);
    CHECK(store_accounts_unlocked(st, user));
    CHECK(next[0] && strcmp(next, code) != 0);
    CHECK_INT(store_responses_get(st, user, "1.1.1.v1", &r), DT_OK);
    store_responses_clear(&r);
    store_accounts_lock(st);
    store_set_now(st, support_now + 3000);
    CHECK_INT(store_accounts_recover(st, "me@example.org", code, "another pass 12", "local", got,
                                     next + 0, NULL),
              DT_WRONG_PASSWORD);
    store_set_now(st, support_now + 4000);
    CHECK_INT(store_accounts_unlock(st, user, "recovered pass 1", "local", NULL), DT_OK);

    /* a new recovery code replaces the last */
    char fresh[KEYWRAP_RECOVERY_LEN];
    CHECK_INT(store_accounts_new_recovery(st, user, "recovered pass 1", fresh), DT_OK);
    store_accounts_lock(st);
    CHECK_INT(store_accounts_recover(st, "me@example.org", next, "x pass 123456", "local", got,
                                     code, NULL),
              DT_WRONG_PASSWORD);
    store_set_now(st, support_now + 5000);
    CHECK_INT(store_accounts_recover(st, "me@example.org", fresh, "third pass 123", "local", got,
                                     code, NULL),
              DT_OK);

    /* email: the new one signs in, the old one no longer does */
    CHECK_INT(store_accounts_change_email(st, user, "third pass 123", "New@Example.org"), DT_OK);
    struct account acc;
    CHECK_INT(store_accounts_get(st, user, &acc), DT_OK);
    CHECK_STR(acc.email, "new@example.org");
    store_accounts_lock(st);
    CHECK_INT(store_accounts_sign_in(st, "me@example.org", "third pass 123", "local", got, NULL),
              DT_WRONG_PASSWORD);
    store_set_now(st, support_now + 6000);
    CHECK_INT(store_accounts_sign_in(st, "new@example.org", "third pass 123", "local", got, NULL),
              DT_OK);

    /* delete: the email must be typed; then everything of the user goes */
    CHECK_INT(store_accounts_delete(st, user, "me@example.org", "third pass 123"), DT_INVALID);
    CHECK_INT(store_accounts_delete(st, user, " NEW@example.org", "third pass 123"), DT_OK);
    CHECK(!store_accounts_unlocked(st, user));
    struct user u;
    CHECK_INT(store_users_get(st, user, &u), DT_NOT_FOUND);
    const char *tables[] = {"auth", "emails", "exercise_responses", "drafts", "tool_instances"};
    for (size_t i = 0; i < 5; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE user_id = ?1", tables[i]);
        char *count = raw(st, sql, user);
        check_test_name = tables[i];
        CHECK_STR(count, "0");
        free(count);
    }
    check_test_name = NULL;
    store_close(&st);
}

static void test_rehash_when_limits_change(void)
{
    struct store *st = new_store();
    char user[STORE_ID_LEN], code[KEYWRAP_RECOVERY_LEN];
    support_user(st, user);
    CHECK_INT(store_accounts_claim(st, user, "me@example.org", PASSWORD, code), DT_OK);
    char *before = raw(st, "SELECT password_hash FROM auth WHERE type = 'password'", NULL);
    store_accounts_lock(st);
    struct keywrap_limits more = keywrap_test_limits();
    more.ops += 1;
    store_accounts_set_limits(st, more);
    CHECK_INT(store_accounts_unlock(st, user, PASSWORD, "local", NULL), DT_OK);
    char *after = raw(st, "SELECT password_hash FROM auth WHERE type = 'password'", NULL);
    CHECK(strcmp(before, after) != 0);
    CHECK(!keywrap_needs_rehash(after, more));
    free(before);
    free(after);
    store_accounts_lock(st);
    CHECK_INT(store_accounts_unlock(st, user, PASSWORD, "local", NULL), DT_OK);
    store_close(&st);
}

/* Whether the bytes of a file hold the marker. */
static int file_has(const char *path, const char *marker)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(size > 0 ? (size_t)size : 1);
    size_t got = fread(buf, 1, size > 0 ? (size_t)size : 0, f);
    fclose(f);
    int found = 0;
    for (size_t i = 0; !found && i + strlen(marker) <= got; i++)
        found = memcmp(buf + i, marker, strlen(marker)) == 0;
    free(buf);
    return found;
}

/* A database file of its own (its -wal and -shm beside it) for the marker tests. */
struct marker_files {
    char path[700], wal[800], shm[800];
};

/* A new store in dir/name, seeded, with one user; NULL (a failed check) when it cannot open. */
static struct store *marker_store(const char *dir, const char *name, struct marker_files *mf,
                                  char user[STORE_ID_LEN])
{
    snprintf(mf->path, sizeof mf->path, "%s/%s", dir, name);
    snprintf(mf->wal, sizeof mf->wal, "%s-wal", mf->path);
    snprintf(mf->shm, sizeof mf->shm, "%s-shm", mf->path);
    unlink(mf->path);
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    CHECK_INT(store_open(mf->path, STORE_OPEN_CREATE, &st, err), DT_OK);
    if (!st)
        return NULL;
    store_accounts_set_limits(st, keywrap_test_limits());
    support_seed(st);
    support_user(st, user);
    return st;
}

/* None of the three files holds the marker. */
static void check_no_marker(const struct marker_files *mf)
{
    CHECK(!file_has(mf->path, MARKER));
    CHECK(!file_has(mf->wal, MARKER));
    CHECK(!file_has(mf->shm, MARKER));
}

static void test_no_clear_copy_in_the_files(void)
{
    struct marker_files mf;
    char user[STORE_ID_LEN], tool[STORE_ID_LEN], code[KEYWRAP_RECOVERY_LEN];
    struct store *st = marker_store(support_tmpdir(), "marker.db", &mf, user);
    if (!st)
        return;
    write_some(st, user, tool);
    /* earlier versions of each, so freed space held the marker too */
    for (int i = 0; i < 5; i++) {
        char json[128];
        snprintf(json, sizeof json, "{\"jobs\":[\"" MARKER " v%d\"]}", i);
        CHECK_INT(store_responses_save(st, user, "1.1.1.v1", json, NULL), DT_OK);
        snprintf(json, sizeof json, "{\"items\":[\"" MARKER " t%d\"]}", i);
        CHECK_INT(store_tools_update(st, user, tool, json), DT_OK);
    }
    /* the test can fail: before the claim, the marker is there to be found */
    sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    CHECK(file_has(mf.path, MARKER) || file_has(mf.wal, MARKER));
    CHECK_INT(store_accounts_claim(st, user, "me@example.org", PASSWORD, code), DT_OK);
    check_no_marker(&mf);
    /* and after more work and a close */
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[\"" MARKER " new\"]}", NULL),
              DT_OK);
    store_close(&st);
    check_no_marker(&mf);
}

/* Searching a claimed user's writing opens it in memory only: with the marker found, neither
 * the database's files nor the temporary folder SQLite would use hold it. */
static void test_search_writes_no_clear_copy(void)
{
    char dir[512], tmp[600];
    snprintf(dir, sizeof dir, "%s/search", support_tmpdir());
    snprintf(tmp, sizeof tmp, "%s/tmp", dir);
    mkdir(dir, 0700);
    mkdir(tmp, 0700);
    const char *saved_tmpdir = getenv("TMPDIR");
    char *saved = saved_tmpdir ? strdup(saved_tmpdir) : NULL;
    setenv("TMPDIR", tmp, 1); /* where SQLite would spill a sort or a temporary table */
    struct marker_files mf;
    char user[STORE_ID_LEN], tool[STORE_ID_LEN], code[KEYWRAP_RECOVERY_LEN];
    struct store *st = marker_store(dir, "search.db", &mf, user);
    if (!st) {
        free(saved);
        return;
    }
    CHECK_INT(store_accounts_claim(st, user, "me@example.org", PASSWORD, code), DT_OK);
    write_some(st, user, tool);
    /* enough rows that a sort or a temporary table would have had work to do */
    for (int i = 0; i < 300; i++) {
        char json[128];
        snprintf(json, sizeof json, "{\"items\":[\"" MARKER " n%d\"]}", i);
        CHECK_INT(store_tools_create(st, user, "list-builder", "1.1.1.v1", json, NULL), DT_OK);
    }
    struct search_results r;
    CHECK_INT(store_searches_run(st, user, MARKER, NULL, &r), DT_OK);
    CHECK_INT(r.n + r.more, 303); /* the test can fail: the marker was found */
    CHECK(r.n && strstr(r.hits[0].snippet, MARKER) != NULL);
    store_searches_free(&r);
    check_no_marker(&mf);
    DIR *d = opendir(tmp);
    size_t files = 0, marked = 0;
    for (struct dirent *e; d && (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        char f[1024];
        snprintf(f, sizeof f, "%s/%s", tmp, e->d_name);
        files++;
        marked += file_has(f, MARKER) != 0;
    }
    if (d)
        closedir(d);
    CHECK_INT(marked, 0);
    if (files)
        printf("# %zu files in the temporary folder, none with the marker\n", files);
    store_close(&st);
    check_no_marker(&mf);
    if (saved)
        setenv("TMPDIR", saved, 1);
    else
        unsetenv("TMPDIR");
    free(saved);
}

static void wrote_to(void *ctx)
{
    int fd = *(int *)ctx;
    if (write(fd, "w", 1) != 1)
        return;
}

/* At most one password hash per core at once, across processes: with every turn held, an
 * unlock waits (and says so), and goes on once a turn is free. */
static void test_hash_turns(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/turns.db", support_tmpdir());
    unlink(path);
    struct store *st = NULL;
    char err[STORE_ERR_LEN], user[STORE_ID_LEN], code[KEYWRAP_RECOVERY_LEN];
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st, err), DT_OK);
    if (!st)
        return;
    store_accounts_set_limits(st, keywrap_test_limits());
    support_seed(st);
    support_user(st, user);
    CHECK_INT(store_accounts_claim(st, user, "me@example.org", PASSWORD, code), DT_OK);
    store_accounts_lock(st);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int held[64], nheld = 0;
    for (long i = 0; i < cores && nheld < 64; i++) {
        char turn[600];
        snprintf(turn, sizeof turn, "%s.kdf-%ld", path, i);
        int fd = open(turn, O_RDWR | O_CREAT, 0600);
        CHECK(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0);
        held[nheld++] = fd;
    }
    int pipefd[2];
    CHECK(pipe(pipefd) == 0);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        close(pipefd[0]);
        for (int i = 0; i < nheld; i++) /* the locks are the parent's, not the child's */
            close(held[i]);
        store_accounts_on_wait(st, wrote_to, &pipefd[1]);
        _exit(store_accounts_unlock(st, user, PASSWORD, "local", NULL) == DT_OK ? 0 : 1);
    }
    close(pipefd[1]);
    char got = 0;
    CHECK(read(pipefd[0], &got, 1) == 1 && got == 'w'); /* it said it waits */
    usleep(200000);
    int status = 0;
    CHECK_INT(waitpid(child, &status, WNOHANG), 0); /* and it does */
    for (int i = 0; i < nheld; i++)
        close(held[i]);
    CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(pipefd[0]);
    store_close(&st);
}

int main(void)
{
    RUN(test_email_and_password_rules);
    RUN(test_claim_seals_what_was_written);
    RUN(test_lock_and_unlock);
    RUN(test_throttle_doubles);
    RUN(test_sign_in_and_unknown_email);
    RUN(test_flipped_and_moved_ciphertext);
    RUN(test_password_recovery_email_delete);
    RUN(test_rehash_when_limits_change);
    RUN(test_no_clear_copy_in_the_files);
    RUN(test_search_writes_no_clear_copy);
    RUN(test_hash_turns);
    return check_done();
}
