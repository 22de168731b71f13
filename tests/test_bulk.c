/* The benchmarks' loader (db/bulk.c): a claimed user's rows as it writes them must be what the
 * store itself would have written, so that unlocking, reading and the keyed hash work on them;
 * and undoing a benchmark's saves must put the user back as they were, even when one user saved
 * more than once. Argon2id runs at libsodium's smallest limits. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <sqlite3.h>

#include "accounts.h"
#include "bulk.h"
#include "check.h"
#include "envelope.h"
#include "progress.h"
#include "responses.h"
#include "store_internal.h" /* st->db, for looking at the rows as stored */
#include "support.h"
#include "tools.h"
#include "users.h"

#define CLAIMED "3f0c1d2e-4b5a-4c6d-8e7f-901a2b3c4d5e"
#define ANONYMOUS "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
#define PASSWORD "bench password 7"
#define EMAIL "user7@bench.invalid"
#define ANSWER "{\"jobs\":[\"a loader's answer\"]}"
#define TOOL_JSON "{\"items\":[\"a loader's entry\"]}" /* canonical: one key */

/* The value of a one-column, one-row query with one text parameter, malloc'd ("" for none). */
static char *raw(struct store *st, const char *sql, const char *param)
{
    sqlite3_stmt *stmt = NULL;
    char *out = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) == SQLITE_OK) {
        sqlite3_bind_text(stmt, 1, param, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
            out = strdup((const char *)sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return out ? out : strdup("");
}

static void load_two_users(struct store *st, const struct keyring *k)
{
    struct exercise_ref first;
    CHECK_INT(store_progress_exercise(st, "1.1.1.v1", &first), DT_OK);
    const char *at = "2026-11-20T09:00:00Z";
    CHECK_INT(store_bulk_begin(st), DT_OK);
    const char *users[] = {CLAIMED, ANONYMOUS};
    for (int i = 0; i < 2; i++) {
        const struct keyring *keys = i == 0 ? k : NULL;
        struct store_bulk_user u = {users[i], false, at, at, keys != NULL};
        CHECK_INT(store_bulk_add_user(st, &u), DT_OK);
        struct store_bulk_response r = {i == 0 ? "r-claimed" : "r-anonymous",
                                        users[i],
                                        first.part_id,
                                        first.module_id,
                                        first.exercise_id,
                                        first.version,
                                        first.full_exercise_id,
                                        ANSWER,
                                        at,
                                        keys};
        CHECK_INT(store_bulk_add_response(st, &r), DT_OK);
        char sha[TOOLS_HASH_LEN];
        CHECK_INT(store_tools_content_hash(TOOL_JSON, sha), DT_OK);
        struct store_bulk_tool t = {i == 0 ? "t-claimed" : "t-anonymous",
                                    users[i],
                                    "list-builder",
                                    "standalone",
                                    TOOL_JSON,
                                    sha,
                                    at,
                                    at,
                                    keys};
        CHECK_INT(store_bulk_add_tool(st, &t), DT_OK);
    }
    struct store_bulk_account a = {
        .user_id = CLAIMED,
        .email = EMAIL,
        .password = PASSWORD,
        .keys = k,
        .limits = keywrap_test_limits(),
        .password_row_id = "a-password",
        .recovery_row_id = "a-recovery",
        .email_row_id = "e-claimed",
        .claimed_at = at,
    };
    CHECK_INT(store_bulk_add_account(st, &a), DT_OK);
    CHECK_INT(store_bulk_end(st, DT_OK), DT_OK);
}

static void test_claimed_rows_open_like_the_stores_own(void)
{
    struct store *st = support_store();
    store_accounts_set_limits(st, keywrap_test_limits());
    unsigned char dek[KEYWRAP_KEY_BYTES];
    memset(dek, 0x5a, sizeof dek);
    struct keyring *k = keyring_from_dek(CLAIMED, dek);
    load_two_users(st, k);

    struct store_bulk_counts c;
    CHECK_INT(store_bulk_count(st, &c), DT_OK);
    CHECK_INT(c.users, 2);
    CHECK_INT(c.auth, 2);
    CHECK_INT(c.emails, 1);
    char *v = raw(st, "SELECT is_anonymous FROM users WHERE id = ?1", CLAIMED);
    CHECK_STR(v, "0");
    free(v);
    v = raw(st, "SELECT is_anonymous FROM users WHERE id = ?1", ANONYMOUS);
    CHECK_STR(v, "1");
    free(v);
    v = raw(st, "SELECT response_json FROM exercise_responses WHERE user_id = ?1", CLAIMED);
    CHECK(envelope_is_sealed(v));
    CHECK(strstr(v, "loader") == NULL);
    free(v);
    v = raw(st, "SELECT content_json FROM tool_instances WHERE user_id = ?1", CLAIMED);
    CHECK(envelope_is_sealed(v));
    free(v);
    v = raw(st, "SELECT response_json FROM exercise_responses WHERE user_id = ?1", ANONYMOUS);
    CHECK_STR(v, ANSWER);
    free(v);
    /* the hash was made at the limits asked for, so an unlock at them does not redo it */
    v = raw(st, "SELECT password_hash FROM auth WHERE user_id = ?1 AND type = 'password'", CLAIMED);
    CHECK(v[0] != '\0');
    CHECK(!keywrap_needs_rehash(v, keywrap_test_limits()));
    free(v);
    v = raw(st, "SELECT wrapped_data_key FROM auth WHERE user_id = ?1 AND type = 'recovery'",
            CLAIMED);
    CHECK(strstr(v, "argon2id") != NULL);
    free(v);

    struct account acc;
    CHECK_INT(store_accounts_get(st, CLAIMED, &acc), DT_OK);
    CHECK(acc.claimed);
    CHECK_STR(acc.email, EMAIL);
    struct response r = {0};
    CHECK_INT(store_responses_get(st, CLAIMED, "1.1.1.v1", &r), DT_KEY_LOCKED);
    store_responses_clear(&r);
    CHECK_INT(store_accounts_unlock(st, CLAIMED, "not the password", "local", NULL),
              DT_WRONG_PASSWORD);
    store_set_now(st, support_now + 60); /* past the wait one failure costs */
    CHECK_INT(store_accounts_unlock(st, CLAIMED, PASSWORD, "local", NULL), DT_OK);
    CHECK_INT(store_responses_get(st, CLAIMED, "1.1.1.v1", &r), DT_OK);
    CHECK_STR(r.response_json, ANSWER);
    store_responses_clear(&r);

    struct tool_instance t = {0};
    CHECK_INT(store_tools_get(st, CLAIMED, "t-claimed", &t), DT_OK);
    CHECK_STR(t.content_json, TOOL_JSON);
    char keyed[ENVELOPE_HASH_LEN], sha[TOOLS_HASH_LEN];
    envelope_hash(k, TOOL_JSON, strlen(TOOL_JSON), keyed);
    CHECK_STR(t.content_hash, keyed);
    CHECK_INT(store_tools_content_hash(TOOL_JSON, sha), DT_OK);
    CHECK(strcmp(t.content_hash, sha) != 0);
    store_tools_instance_clear(&t);
    CHECK_INT(store_tools_get(st, ANONYMOUS, "t-anonymous", &t), DT_OK);
    CHECK_STR(t.content_hash, sha);
    store_tools_instance_clear(&t);

    /* the store's own save for the claimed user, beside the loaded rows */
    CHECK_INT(store_responses_save(st, CLAIMED, "1.1.2.v1", "{\"story\":\"saved\"}", NULL), DT_OK);
    keyring_free(&k);
    store_close(&st);
}

/* A user one exercise from the end saves the last one twice, an hour apart: the first save
 * finishes the workbook and completes the module, the second only edits. Undoing both must
 * leave the user as before the first. */
static void test_undo_restores_a_user_who_saved_twice(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    struct exercise_ref *seq = NULL;
    size_t n = 0;
    CHECK_INT(store_progress_sequence(st, &seq, &n), DT_OK);
    CHECK(n >= 2);
    support_answer_first(st, user, (int)n - 1);
    const struct exercise_ref *last = &seq[n - 1];
    struct user before;
    CHECK_INT(store_users_get(st, user, &before), DT_OK);
    CHECK(!before.workbook_complete);

    struct store_bulk_undo undo[2];
    for (int i = 0; i < 2; i++) {
        store_set_now(st, support_now + 3600 * (i + 1));
        CHECK_INT(store_bulk_undo_note(st, user, last->module_key, &undo[i]), DT_OK);
        CHECK_INT(store_responses_save(st, user, last->full_exercise_id, "{\"x\":1}",
                                       undo[i].response_id),
                  DT_OK);
    }
    struct user mid;
    CHECK_INT(store_users_get(st, user, &mid), DT_OK);
    CHECK(mid.workbook_complete);
    CHECK_INT(store_bulk_undo_apply(st, undo, 2), DT_OK);

    struct user after;
    CHECK_INT(store_users_get(st, user, &after), DT_OK);
    CHECK(!after.workbook_complete);
    CHECK_STR(after.updated_at, before.updated_at);
    struct module_progress *mods = NULL;
    size_t nmods = 0, seen = 0;
    CHECK_INT(store_progress_modules(st, user, &mods, &nmods), DT_OK);
    for (size_t i = 0; i < nmods; i++)
        if (strcmp(mods[i].module_key, last->module_key) == 0) {
            CHECK_STR(mods[i].first_completed_at, ""); /* no user_modules row again */
            seen++;
        }
    CHECK_INT(seen, 1);
    free(mods);
    struct response r = {0};
    CHECK_INT(store_responses_get(st, user, last->full_exercise_id, &r), DT_NOT_FOUND);
    store_responses_clear(&r);
    free(seq);
    store_close(&st);
}

/* The load benchmark's last word on a database: a sound file says "ok"; one whose index lost its
 * entries (the cell count of the index's only page set to zero, behind SQLite's back) does not,
 * and the finding names the index. */
static void test_integrity_check_finds_a_damaged_index(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/integrity.db", support_tmpdir());
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st, err), DT_OK);
    support_seed(st);
    char user[STORE_ID_LEN];
    support_user(st, user);
    support_answer_first(st, user, 2);
    bool ok = false;
    char problem[STORE_ERR_LEN] = "untouched";
    CHECK_INT(store_bulk_integrity_check(st, &ok, problem), DT_OK);
    CHECK(ok);
    CHECK_STR(problem, "");
    char *root = raw(st, "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
                     "idx_exercise_responses_user_full");
    char *page_size = raw(st, "SELECT page_size || ?1 FROM pragma_page_size", "");
    long page = atol(root), size = atol(page_size);
    free(root);
    free(page_size);
    store_close(&st); /* the last connection: the log is folded into the file */
    CHECK(page > 1 && size >= 512);

    FILE *f = fopen(path, "r+b");
    CHECK(f != NULL);
    if (!f)
        return;
    /* a b-tree page's header: type (1 byte), first freeblock (2), number of cells (2) */
    static const unsigned char no_cells[2] = {0, 0};
    CHECK(fseek(f, (page - 1) * size + 3, SEEK_SET) == 0);
    CHECK(fwrite(no_cells, 1, sizeof no_cells, f) == sizeof no_cells);
    CHECK(fclose(f) == 0);

    CHECK_INT(store_open(path, STORE_OPEN_EXISTING, &st, err), DT_OK);
    CHECK_INT(store_bulk_integrity_check(st, &ok, problem), DT_OK);
    CHECK(!ok);
    CHECK(strstr(problem, "idx_exercise_responses_user_full") != NULL);
    store_close(&st);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    RUN(test_claimed_rows_open_like_the_stores_own);
    RUN(test_undo_restores_a_user_who_saved_twice);
    RUN(test_integrity_check_finds_a_damaged_index);
    return check_done();
}
