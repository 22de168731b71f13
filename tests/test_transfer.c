/* Export, import and merge in the store (db/export.c, db/import.c): the export file of an
 * anonymous and of a claimed user, the round trip to another database (a claimed user's
 * writing readable there with the password), the merge rules, the dry run, refusals that name
 * the JSON path and change nothing, and an anonymous workbook joining an account. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "accounts.h"
#include "check.h"
#include "exchange.h"
#include "responses.h"
#include "store_internal.h"
#include "support.h"
#include "tools.h"
#include "transfer.h"
#include "users.h"

#define PASSWORD "correct horse battery"

static struct store *new_store(void)
{
    struct store *st = support_store();
    store_accounts_set_limits(st, keywrap_test_limits());
    return st;
}

static long long count(struct store *st, const char *sql, const char *param)
{
    sqlite3_stmt *stmt = NULL;
    long long n = -1;
    if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) == SQLITE_OK) {
        if (param)
            sqlite3_bind_text(stmt, 1, param, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            n = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    return n;
}

/* A workbook: three answers (module 1.1 complete), a list, a score. */
static void fill(struct store *st, const char *user, char tool[STORE_ID_LEN])
{
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[\"baker\"]}", NULL), DT_OK);
    CHECK_INT(store_responses_save(st, user, "1.1.2.v1", "{\"story\":\"bread\"}", NULL), DT_OK);
    CHECK_INT(store_tools_create(st, user, "list-builder", "standalone",
                                 "{\"items\":[\"flour\",\"water\"]}", tool),
              DT_OK);
}

/* Writes x and reads it back, as a file would travel. */
static void travel(const struct exchange *x, struct exchange *out)
{
    char *text = exchange_write(x);
    char err[EXCHANGE_ERR_LEN];
    CHECK_INT(exchange_parse(text, strlen(text), out, err), DT_OK);
    free(text);
}

static void test_round_trip_anonymous(void)
{
    struct store *a = new_store(), *b = new_store();
    char user[STORE_ID_LEN], tool[STORE_ID_LEN], other[STORE_ID_LEN];
    support_user(a, user);
    fill(a, user, tool);
    struct exchange x, y;
    CHECK_INT(store_export_user(a, user, TRANSFER_AS_STORED, &x), DT_OK);
    CHECK_STR(x.version, "1.1");
    CHECK(!x.encryption.present);
    CHECK_INT((int)x.nmodules, 1);
    CHECK_INT((int)x.ntools, 1);
    travel(&x, &y);

    support_user(b, other);
    struct import_plan plan;
    char err[EXCHANGE_ERR_LEN];
    CHECK_INT(store_import(b, other, &y, NULL, false, &plan, err), DT_OK);
    CHECK_INT((int)plan.modules_added, 1);
    CHECK_INT((int)plan.exercises_written, 2);
    CHECK_INT((int)plan.tools_added, 1);
    CHECK(plan.settings_applied);
    CHECK_INT(count(b, "SELECT count(*) FROM exercise_responses WHERE user_id = ?1", other), 0);
    CHECK_INT(store_import(b, other, &y, NULL, true, &plan, err), DT_OK);
    struct response r;
    CHECK_INT(store_responses_get(b, other, "1.1.2.v1", &r), DT_OK);
    CHECK_STR(r.response_json, "{\"story\":\"bread\"}");
    store_responses_clear(&r);
    CHECK_INT(count(b, "SELECT count(*) FROM tool_instances WHERE user_id = ?1", other), 1);

    /* the same file again: the module is as new as what is here, the entry a duplicate */
    CHECK_INT(store_import(b, other, &y, NULL, true, &plan, err), DT_OK);
    CHECK_INT((int)plan.modules_kept, 1);
    CHECK_INT((int)plan.tools_duplicate, 1);
    CHECK_INT((int)plan.exercises_written, 0);
    CHECK_INT(count(b, "SELECT count(*) FROM tool_instances WHERE user_id = ?1", other), 1);
    exchange_free(&x);
    exchange_free(&y);
    store_close(&a);
    store_close(&b);
}

static void test_newer_module_wins(void)
{
    struct store *st = new_store();
    char user[STORE_ID_LEN], tool[STORE_ID_LEN];
    support_user(st, user);
    fill(st, user, tool);
    struct exchange x;
    CHECK_INT(store_export_user(st, user, TRANSFER_AS_STORED, &x), DT_OK);
    /* later, here: the answer changes; the file's older module is kept out */
    store_set_now(st, support_now + 3600);
    CHECK_INT(store_responses_save(st, user, "1.1.2.v1", "{\"story\":\"cake\"}", NULL), DT_OK);
    struct import_plan plan;
    char err[EXCHANGE_ERR_LEN];
    CHECK_INT(store_import(st, user, &x, NULL, true, &plan, err), DT_OK);
    CHECK_INT((int)plan.modules_kept, 1);
    struct response r;
    CHECK_INT(store_responses_get(st, user, "1.1.2.v1", &r), DT_OK);
    CHECK_STR(r.response_json, "{\"story\":\"cake\"}");
    store_responses_clear(&r);
    /* a file changed later still: its module replaces this one */
    free(x.modules[0].exercises[1].json);
    x.modules[0].exercises[1].json = strdup("{\"story\":\"pie\"}");
    store_copy_text(x.modules[0].last_modified_at, STORE_TIME_LEN, "2026-11-26T12:00:00Z");
    CHECK_INT(store_import(st, user, &x, NULL, true, &plan, err), DT_OK);
    CHECK_INT((int)plan.modules_replaced, 1);
    CHECK_STR(plan.replaced[0], "1.1");
    CHECK_INT(store_responses_get(st, user, "1.1.2.v1", &r), DT_OK);
    CHECK_STR(r.response_json, "{\"story\":\"pie\"}");
    store_responses_clear(&r);
    CHECK_INT(count(st, "SELECT count(*) FROM exercise_responses WHERE user_id = ?1", user), 2);

    /* scores: the later assessment wins */
    x.scores = calloc(1, sizeof *x.scores);
    x.nscores = 1;
    store_copy_text(x.scores[0].competency_id, 64, "analytical-thinking");
    x.scores[0].score = 4;
    store_copy_text(x.scores[0].assessed_at, STORE_TIME_LEN, "2026-11-20T00:00:00Z");
    CHECK_INT(store_import(st, user, &x, NULL, true, &plan, err), DT_OK);
    CHECK_INT((int)plan.scores_written, 1);
    x.scores[0].score = 2;
    store_copy_text(x.scores[0].assessed_at, STORE_TIME_LEN, "2026-11-19T00:00:00Z");
    CHECK_INT(store_import(st, user, &x, NULL, true, &plan, err), DT_OK);
    CHECK_INT((int)plan.scores_kept, 1);
    CHECK_INT(count(st, "SELECT score FROM user_competency_scores WHERE user_id = ?1", user), 4);
    exchange_free(&x);
    store_close(&st);
}

static void test_refusals_change_nothing(void)
{
    struct store *st = new_store();
    char user[STORE_ID_LEN], tool[STORE_ID_LEN], other[STORE_ID_LEN];
    support_user(st, user);
    fill(st, user, tool);
    support_user(st, other);
    struct exchange x;
    CHECK_INT(store_export_user(st, user, TRANSFER_AS_STORED, &x), DT_OK);
    struct import_plan plan;
    char err[EXCHANGE_ERR_LEN];

    store_copy_text(x.tools[0].tool_type, sizeof x.tools[0].tool_type, "time-machine");
    CHECK_INT(store_import(st, other, &x, NULL, true, &plan, err), DT_INVALID);
    CHECK_STR(err, "$.tool_instances[0]: this workbook has no such tool (tool_type)");
    store_copy_text(x.tools[0].tool_type, sizeof x.tools[0].tool_type, "list-builder");

    store_copy_text(x.modules[0].exercises[1].full_exercise_id, 32, "1.1.9.v1");
    CHECK_INT(store_import(st, other, &x, NULL, true, &plan, err), DT_INVALID);
    CHECK_STR(err,
              "$.modules[\"1.1\"].exercises[\"1.1.9.v1\"]: this workbook has no such exercise");
    store_copy_text(x.modules[0].exercises[1].full_exercise_id, 32, "1.1.2.v1");

    x.tools[0].skills.ids = calloc(1, STORE_ID_LEN);
    x.tools[0].skills.n = 1;
    store_copy_text(x.tools[0].skills.ids[0], STORE_ID_LEN, "00000000-0000-4000-8000-000000000000");
    CHECK_INT(store_import(st, other, &x, NULL, true, &plan, err), DT_INVALID);
    CHECK_STR(err, "$.tool_instances[0].skills[0]: this workbook has no skill with that id");
    x.tools[0].skills.n = 0;

    /* an answer that is not JSON an answer can be: the whole import stops */
    free(x.tools[0].json);
    x.tools[0].json = strdup("{\"dt_sealed\":1,\"nonce\":\"AAAA\",\"data\":\"AAAA\"}");
    CHECK_INT(store_import(st, other, &x, NULL, true, &plan, err), DT_INVALID);
    CHECK_STR(err, "$.tool_instances[0].content_json: sealed, but the file has no \"encryption\""
                   " member");
    CHECK_INT(count(st, "SELECT count(*) FROM exercise_responses WHERE user_id = ?1", other), 0);
    CHECK_INT(count(st, "SELECT count(*) FROM tool_instances WHERE user_id = ?1", other), 0);
    CHECK_INT((int)plan.exercises_written, 0);
    exchange_free(&x);
    store_close(&st);
}

static void test_claimed_export_opens_elsewhere(void)
{
    struct store *a = new_store(), *b = new_store();
    char user[STORE_ID_LEN], tool[STORE_ID_LEN], code[KEYWRAP_RECOVERY_LEN];
    support_user(a, user);
    fill(a, user, tool);
    CHECK_INT(store_accounts_claim(a, user, "me@example.org", PASSWORD, code), DT_OK);
    struct exchange x, y;
    CHECK_INT(store_export_user(a, user, TRANSFER_AS_STORED, &x), DT_OK);
    CHECK(x.encryption.present);
    CHECK_STR(x.encryption.owner, user);
    CHECK(strstr(x.modules[0].exercises[0].json, "baker") == NULL);
    char *text = exchange_write(&x);
    CHECK(strstr(text, "baker") == NULL && strstr(text, "flour") == NULL);
    CHECK(strstr(text, "argon2id$") == NULL);      /* never a password hash */
    CHECK(strstr(text, "me@example.org") == NULL); /* never an email */
    free(text);
    travel(&x, &y);

    /* a clear export needs the keys */
    struct exchange z;
    store_accounts_lock(a);
    CHECK_INT(store_export_user(a, user, TRANSFER_CLEAR, &z), DT_KEY_LOCKED);

    char other[STORE_ID_LEN];
    support_user(b, other);
    struct import_plan plan;
    char err[EXCHANGE_ERR_LEN];
    CHECK_INT(store_import(b, other, &y, NULL, true, &plan, err), DT_KEY_LOCKED);
    CHECK_INT(store_import(b, other, &y, "wrong password!", true, &plan, err), DT_WRONG_PASSWORD);
    CHECK_INT(store_import(b, other, &y, PASSWORD, true, &plan, err), DT_OK);
    struct response r;
    CHECK_INT(store_responses_get(b, other, "1.1.1.v1", &r), DT_OK);
    CHECK_STR(r.response_json, "{\"jobs\":[\"baker\"]}");
    store_responses_clear(&r);

    /* a moved ciphertext in the file does not open: named, and nothing is written */
    char third[STORE_ID_LEN];
    support_user(b, third);
    char *keep = y.modules[0].exercises[0].json;
    y.modules[0].exercises[0].json = y.modules[0].exercises[1].json;
    CHECK_INT(store_import(b, third, &y, PASSWORD, true, &plan, err), DT_INVALID);
    CHECK_STR(err, "$.modules[\"1.1\"].exercises[\"1.1.1.v1\"].response_json: cannot be read with"
                   " the file's key (was it changed?)");
    y.modules[0].exercises[0].json = keep;
    CHECK_INT(count(b, "SELECT count(*) FROM exercise_responses WHERE user_id = ?1", third), 0);

    /* into a claimed workbook: sealed there with its own key */
    CHECK_INT(store_accounts_claim(b, third, "third@example.org", "third password", code), DT_OK);
    CHECK_INT(store_import(b, third, &y, PASSWORD, true, &plan, err), DT_OK);
    CHECK_INT(count(b,
                    "SELECT count(*) FROM exercise_responses WHERE user_id = ?1"
                    " AND response_json LIKE '{\"dt_sealed\":%'",
                    third),
              2);
    CHECK_INT(store_responses_get(b, third, "1.1.1.v1", &r), DT_OK);
    CHECK_STR(r.response_json, "{\"jobs\":[\"baker\"]}");
    store_responses_clear(&r);
    exchange_free(&x);
    exchange_free(&y);
    store_close(&a);
    store_close(&b);
}

static void test_anonymous_joins_account(void)
{
    struct store *st = new_store();
    char account[STORE_ID_LEN], anon[STORE_ID_LEN], tool[STORE_ID_LEN], t2[STORE_ID_LEN];
    char code[KEYWRAP_RECOVERY_LEN];
    support_user(st, account);
    CHECK_INT(store_tools_create(st, account, "list-builder", "standalone",
                                 "{\"items\":[\"flour\",\"water\"]}", t2),
              DT_LOCKED); /* the tool is not unlocked for it yet */
    CHECK_INT(store_accounts_claim(st, account, "me@example.org", PASSWORD, code), DT_OK);
    support_user(st, anon);
    fill(st, anon, tool);
    CHECK_INT(store_merge_into_account(st, anon, account), DT_OK);
    struct user u;
    CHECK_INT(store_users_get(st, anon, &u), DT_NOT_FOUND);
    struct response r;
    CHECK_INT(store_responses_get(st, account, "1.1.2.v1", &r), DT_OK);
    CHECK_STR(r.response_json, "{\"story\":\"bread\"}");
    store_responses_clear(&r);
    CHECK_INT(count(st,
                    "SELECT count(*) FROM exercise_responses WHERE user_id = ?1"
                    " AND response_json NOT LIKE '{\"dt_sealed\":%'",
                    account),
              0);
    CHECK_INT(count(st, "SELECT count(*) FROM tool_instances WHERE user_id = ?1", account), 1);
    CHECK_INT(count(st, "SELECT count(*) FROM exercise_responses WHERE user_id = ?1", account), 2);
    store_close(&st);
}

/* A draft entry (short of a required answer) keeps its mark through an export file to another
 * workbook; a complete one is written as the spec has it, and a file from before drafts (no
 * "draft" member) brings complete entries. */
static void test_draft_entries_travel(void)
{
    struct store *a = new_store(), *b = new_store();
    char user[STORE_ID_LEN], other[STORE_ID_LEN], draft[STORE_ID_LEN], done[STORE_ID_LEN];
    support_user(a, user);
    support_answer_first(a, user, 1); /* the list builder opens */
    CHECK_INT(store_tools_create_entry(a, user, "list-builder", "standalone",
                                       "{\"title\":\"half\"}", true, draft),
              DT_OK);
    CHECK_INT(store_tools_create_entry(a, user, "list-builder", "standalone",
                                       "{\"title\":\"whole\",\"items\":[\"a\"]}", false, done),
              DT_OK);
    struct exchange x, y;
    CHECK_INT(store_export_user(a, user, TRANSFER_AS_STORED, &x), DT_OK);
    char *text = exchange_write(&x);
    const char *mark = text ? strstr(text, "\"draft\"") : NULL;
    CHECK(mark != NULL);
    CHECK(mark && strstr(mark + 1, "\"draft\"") == NULL); /* the draft's only */
    free(text);
    travel(&x, &y);
    int drafts = 0;
    for (size_t i = 0; i < y.ntools; i++)
        drafts += y.tools[i].draft && strcmp(y.tools[i].id, draft) == 0;
    CHECK_INT(drafts, 1);

    support_user(b, other);
    struct import_plan plan;
    char err[EXCHANGE_ERR_LEN];
    CHECK_INT(store_import(b, other, &y, NULL, true, &plan, err), DT_OK);
    CHECK_INT((int)plan.tools_added, 2);
    struct tool_instance *list = NULL;
    size_t n = 0;
    CHECK_INT(store_tools_list(b, other, "list-builder", &list, &n), DT_OK);
    CHECK_INT(n, 2);
    for (size_t i = 0; i < n; i++) {
        CHECK(list[i].draft == (strstr(list[i].content_json, "half") != NULL));
    }
    store_tools_list_free(&list, n);
    size_t total = 0, ndrafts = 0;
    char last[STORE_TIME_LEN];
    CHECK_INT(store_tools_count(b, other, "list-builder", &total, &ndrafts, last), DT_OK);
    CHECK_INT(total, 2);
    CHECK_INT(ndrafts, 1);

    /* a file without the member: its entries come in complete */
    for (size_t i = 0; i < y.ntools; i++)
        y.tools[i].draft = false;
    char third[STORE_ID_LEN];
    support_user(b, third);
    CHECK_INT(store_import(b, third, &y, NULL, true, &plan, err), DT_OK);
    CHECK_INT(store_tools_count(b, third, "list-builder", &total, &ndrafts, last), DT_OK);
    CHECK_INT(total, 2);
    CHECK_INT(ndrafts, 0);
    /* the mark goes with its entry */
    CHECK_INT(count(a, "SELECT count(*) FROM tool_instance_drafts", NULL), 1);
    CHECK_INT(store_tools_delete(a, user, draft), DT_OK);
    CHECK_INT(count(a, "SELECT count(*) FROM tool_instance_drafts", NULL), 0);
    exchange_free(&x);
    exchange_free(&y);
    store_close(&a);
    store_close(&b);
}

int main(void)
{
    RUN(test_round_trip_anonymous);
    RUN(test_newer_module_wins);
    RUN(test_refusals_change_nothing);
    RUN(test_claimed_export_opens_elsewhere);
    RUN(test_anonymous_joins_account);
    RUN(test_draft_entries_travel);
    return check_done();
}
