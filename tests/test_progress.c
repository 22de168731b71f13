/* Progression, responses, module completion and Daily Dos, with an injected clock. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "competencies.h"
#include "dailydos.h"
#include "drafts.h"
#include "progress.h"
#include "responses.h"
#include "support.h"
#include "tools.h"
#include "users.h"

#define DAY 86400

static void test_linear_progression(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    int pos = -1;
    CHECK_INT(store_progress_position(st, user, &pos), DT_OK);
    CHECK_INT(pos, 0);
    struct exercise_ref next;
    CHECK_INT(store_progress_next(st, user, &next), DT_OK);
    CHECK_STR(next.full_exercise_id, "1.1.1.v1");
    CHECK_STR(next.title, "Every job");
    CHECK_STR(next.module_key, "1.1");
    CHECK_INT(next.sequence_order, 1);

    bool may = false;
    CHECK_INT(store_progress_may_open(st, user, "1.1.1.v1", &may), DT_OK);
    CHECK(may);
    CHECK_INT(store_progress_may_open(st, user, "1.1.2.v1", &may), DT_OK);
    CHECK(!may);
    CHECK_INT(store_progress_may_open(st, user, "9.9.9.v1", &may), DT_NOT_FOUND);
    CHECK_INT(store_responses_save(st, user, "1.1.2.v1", "{}", NULL), DT_LOCKED);

    support_answer_first(st, user, 3);
    CHECK_INT(store_progress_position(st, user, &pos), DT_OK);
    CHECK_INT(pos, 3);
    CHECK_INT(store_progress_next(st, user, &next), DT_OK);
    CHECK_STR(next.full_exercise_id, "1.2.1.v1");
    CHECK_INT(store_progress_may_open(st, user, "1.2.1.v1", &may), DT_OK);
    CHECK(may);
    CHECK_INT(store_progress_may_open(st, user, "1.1.1.v1", &may), DT_OK);
    CHECK(may); /* earlier exercises stay open for editing */
    CHECK_INT(store_progress_may_open(st, user, "1.2.2.v1", &may), DT_OK);
    CHECK(!may);

    struct exercise_ref *seq = NULL;
    size_t n = 0;
    CHECK_INT(store_progress_sequence(st, &seq, &n), DT_OK);
    CHECK_INT(n, 11);
    CHECK_STR(seq[10].full_exercise_id, "2.2.4.v1");
    CHECK(!seq[1].is_required);
    CHECK_STR(seq[1].unlocks_tool, "soared-story");
    free(seq);

    char title[PROGRESS_TITLE_LEN];
    CHECK_INT(store_progress_title(st, "1", title, sizeof title), DT_OK);
    CHECK_STR(title, "Roots");
    CHECK_INT(store_progress_title(st, "2.2", title, sizeof title), DT_OK);
    CHECK_STR(title, "Reach");
    CHECK_INT(store_progress_title(st, "7.7", title, sizeof title), DT_OK);
    CHECK_STR(title, "");
    store_close(&st);
}

static void test_tool_unlocks(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    bool unlocked = true;
    CHECK_INT(store_progress_tool_unlocked(st, user, "list-builder", &unlocked), DT_OK);
    CHECK(!unlocked);
    support_answer_first(st, user, 1);
    CHECK_INT(store_progress_tool_unlocked(st, user, "list-builder", &unlocked), DT_OK);
    CHECK(unlocked);
    CHECK_INT(store_progress_tool_unlocked(st, user, "soared-story", &unlocked), DT_OK);
    CHECK(!unlocked);
    store_close(&st);
}

static void test_responses(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN], first[STORE_ID_LEN], second[STORE_ID_LEN];
    support_user(st, user);
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[\"baker\"]}", first), DT_OK);
    struct response r;
    CHECK_INT(store_responses_get(st, user, "1.1.1.v1", &r), DT_OK);
    CHECK_STR(r.response_json, "{\"jobs\":[\"baker\"]}");
    CHECK_STR(r.responded_at, "2026-11-25T12:00:00Z");
    store_responses_clear(&r);

    /* editing updates the one row */
    store_set_now(st, support_now + 90);
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[\"baker\",\"nurse\"]}",
                                   second),
              DT_OK);
    CHECK_STR(second, first);
    CHECK_INT(store_responses_get(st, user, "1.1.1.v1", &r), DT_OK);
    CHECK_STR(r.response_json, "{\"jobs\":[\"baker\",\"nurse\"]}");
    CHECK_STR(r.responded_at, "2026-11-25T12:01:30Z");
    store_responses_clear(&r);

    CHECK_INT(store_responses_save(st, user, "1.1.2.v1", "not json", NULL), DT_INVALID);
    CHECK_INT(store_responses_save(st, user, "1.1.2.v1", "", NULL), DT_INVALID);
    CHECK_INT(store_responses_save(st, user, "1.1.2.v1", "{\"a\":1} trailing", NULL), DT_INVALID);
    CHECK_INT(store_responses_save(st, user, "8.8.8.v1", "{}", NULL), DT_NOT_FOUND);
    CHECK_INT(store_responses_save(st, "nobody", "1.1.1.v1", "{}", NULL), DT_NOT_FOUND);
    CHECK_INT(store_responses_get(st, user, "1.1.2.v1", &r), DT_NOT_FOUND);

    /* a huge paste is refused whole, and the saved answer is untouched */
    size_t big = RESPONSES_MAX_BYTES + 16;
    char *huge = malloc(big + 1);
    memset(huge, 'a', big);
    memcpy(huge, "{\"t\":\"", 6);
    memcpy(huge + big - 2, "\"}", 2);
    huge[big] = '\0';
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", huge, NULL), DT_INVALID);
    free(huge);
    CHECK_INT(store_responses_get(st, user, "1.1.1.v1", &r), DT_OK);
    CHECK_STR(r.response_json, "{\"jobs\":[\"baker\",\"nurse\"]}");
    store_responses_clear(&r);
    store_close(&st);
}

static void test_module_completion(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    bool complete = true;
    CHECK_INT(store_progress_module_complete(st, user, "1.1", &complete), DT_OK);
    CHECK(!complete);
    CHECK_INT(store_progress_module_complete(st, user, "nonsense", &complete), DT_INVALID);

    /* 1.1.2 is optional: 1.1.1 and 1.1.3 complete the module */
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{}", NULL), DT_OK);
    CHECK_INT(store_responses_save(st, user, "1.1.2.v1", "{}", NULL), DT_OK);
    CHECK_INT(store_progress_module_complete(st, user, "1.1", &complete), DT_OK);
    CHECK(!complete);
    store_set_now(st, support_now + DAY);
    CHECK_INT(store_responses_save(st, user, "1.1.3.v1", "{}", NULL), DT_OK);
    CHECK_INT(store_progress_module_complete(st, user, "1.1", &complete), DT_OK);
    CHECK(complete);

    struct module_progress *mods = NULL;
    size_t n = 0;
    CHECK_INT(store_progress_modules(st, user, &mods, &n), DT_OK);
    CHECK_INT(n, 4);
    CHECK_STR(mods[0].module_key, "1.1");
    CHECK_STR(mods[0].title, "Skills");
    CHECK(mods[0].complete);
    CHECK_INT(mods[0].exercises, 3);
    CHECK_INT(mods[0].answered, 3);
    CHECK_INT(mods[0].required, 2);
    CHECK_STR(mods[0].first_completed_at, "2026-11-26T12:00:00Z");
    CHECK_STR(mods[0].last_modified_at, "2026-11-26T12:00:00Z");
    CHECK(!mods[1].complete);
    CHECK_STR(mods[1].first_completed_at, "");
    free(mods);

    /* a later edit moves last_modified_at only */
    store_set_now(st, support_now + 3 * DAY);
    CHECK_INT(store_responses_save(st, user, "1.1.2.v1", "{\"story\":\"edited\"}", NULL), DT_OK);
    CHECK_INT(store_progress_modules(st, user, &mods, &n), DT_OK);
    CHECK_STR(mods[0].first_completed_at, "2026-11-26T12:00:00Z");
    CHECK_STR(mods[0].last_modified_at, "2026-11-28T12:00:00Z");
    free(mods);
    store_close(&st);
}

static void test_workbook_complete(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    support_answer_first(st, user, 10);
    struct user u;
    store_users_get(st, user, &u);
    CHECK(!u.workbook_complete);
    support_answer_first(st, user, 11);
    store_users_get(st, user, &u);
    CHECK(u.workbook_complete);
    struct exercise_ref next;
    CHECK_INT(store_progress_next(st, user, &next), DT_NOT_FOUND);
    store_close(&st);
}

/* The ids of the user's Daily Dos, space-separated, for compact assertions. */
static char *dos(struct store *st, const char *user)
{
    static char buf[512];
    struct dailydo *items = NULL;
    size_t n = 0;
    buf[0] = '\0';
    if (store_dailydos_list(st, user, &items, &n) != DT_OK)
        return strcpy(buf, "(error)");
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(buf, " ");
        strncat(buf, items[i].id, sizeof buf - strlen(buf) - 41);
    }
    free(items);
    return buf;
}

/* A tool instance created `days_ago` days before the tests' now. */
static void use_tool(struct store *st, const char *user, const char *tool, double days_ago)
{
    store_set_now(st, support_now - (int64_t)(days_ago * DAY));
    enum dt_status s = store_tools_create(st, user, tool, "standalone", "{\"n\":1}", NULL);
    if (s != DT_OK)
        printf("# use_tool %s: %s\n", tool, dt_status_message(s));
    store_set_now(st, support_now);
}

static void test_dailydos(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    CHECK_STR(dos(st, user), "resume-workbook");
    struct dailydo *items = NULL;
    size_t n = 0;
    CHECK_INT(store_dailydos_list(st, user, &items, &n), DT_OK);
    /* nothing written yet: the card starts the workbook (never "Resume", the resume tool's word) */
    CHECK_STR(items[0].title, "Start the workbook");
    CHECK_STR(items[0].subtitle, "Every job");
    CHECK_STR(items[0].target, "1.1.1.v1");
    CHECK_STR(items[0].action_label, "Start \xe2\x86\x92");
    free(items);
    /* a draft is something written: from then on the card continues it */
    CHECK_INT(store_drafts_save(st, user, "1.1.1.v1", "{\"jobs\":[\"Baker\"]}"), DT_OK);
    CHECK_INT(store_dailydos_list(st, user, &items, &n), DT_OK);
    CHECK_STR(items[0].title, "Continue the workbook");
    CHECK_STR(items[0].subtitle, "Every job");
    CHECK_STR(items[0].action_label, "Continue \xe2\x86\x92");
    free(items);
    CHECK_INT(store_drafts_delete(st, user, "1.1.1.v1"), DT_OK);
    CHECK_INT(store_dailydos_list(st, "nobody", &items, &n), DT_NOT_FOUND);

    /* soared-story (monthly) unlocks at 1.1.2, budget (monthly) at 1.2.1, flow (daily) at 2.1.1,
     * reframe (weekly) at 2.1.2; a locked tool is never due */
    support_answer_first(st, user, 2);
    CHECK_STR(dos(st, user), "resume-workbook soared-story");
    CHECK_INT(store_dailydos_list(st, user, &items, &n), DT_OK);
    CHECK_STR(items[0].title, "Continue the workbook"); /* answers are something written too */
    free(items);
    support_answer_first(st, user, 7);
    CHECK_STR(dos(st, user),
              "resume-workbook flow-tracker failure-reframer soared-story budget-calculator");

    /* daily: used yesterday is due, used today is not */
    use_tool(st, user, "flow-tracker", 1);
    CHECK(strstr(dos(st, user), "flow-tracker") != NULL);
    use_tool(st, user, "flow-tracker", 0.25); /* 06:00 today */
    CHECK(strstr(dos(st, user), "flow-tracker") == NULL);

    /* weekly: used 8 days ago is due, 3 days ago is not */
    use_tool(st, user, "failure-reframer", 8);
    CHECK(strstr(dos(st, user), "failure-reframer") != NULL);
    use_tool(st, user, "failure-reframer", 3);
    CHECK(strstr(dos(st, user), "failure-reframer") == NULL);

    /* monthly: 31 days ago is due, 29 days ago is not */
    use_tool(st, user, "budget-calculator", 31);
    CHECK(strstr(dos(st, user), "budget-calculator") != NULL);
    use_tool(st, user, "budget-calculator", 29);
    CHECK(strstr(dos(st, user), "budget-calculator") == NULL);

    /* time moves on: tomorrow the flow log is due again */
    store_set_now(st, support_now + DAY);
    CHECK(strstr(dos(st, user), "flow-tracker") != NULL);
    store_set_now(st, support_now);

    /* the card carries the reminder's words */
    CHECK_INT(store_dailydos_list(st, user, &items, &n), DT_OK);
    CHECK_INT(n, 2);
    CHECK_STR(items[1].title, "SOARED Story");
    CHECK_STR(items[1].subtitle, "Write down a recent challenge as a SOARED story");
    CHECK_STR(items[1].frequency, "monthly");
    CHECK_STR(items[1].action_label, "SOARED Story \xe2\x86\x92");
    free(items);

    /* a complete workbook has no resume card; the other user is untouched by all this */
    support_answer_first(st, user, 11);
    CHECK(strncmp(dos(st, user), "resume-workbook", 15) != 0);
    char other[STORE_ID_LEN];
    support_user(st, other);
    CHECK_STR(dos(st, other), "resume-workbook");
    store_close(&st);
}

/* The yearly reassessment (spec 13) is not due for a user never assessed, nor within the year;
 * and the fixture workbook has no assessment to open, so never a card that opens nothing
 * (test_workbook checks the card against the real workbook). */
static void test_reassessment_not_due(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    struct dailydo *items = NULL;
    size_t n = 0;
    char sql[512];
    for (int round = 0; round < 3; round++) {
        if (round == 1) {
            snprintf(sql, sizeof sql,
                     "INSERT INTO user_competency_scores (id, user_id, competency_id, score,"
                     " assessed_at) VALUES ('s1', '%s', 'analytical-thinking', 3,"
                     " '2025-12-01T09:00:00Z')",
                     user);
            CHECK_INT(support_exec(st, sql), 0);
        }
        if (round == 2)
            CHECK_INT(support_exec(st, "UPDATE user_competency_scores SET assessed_at ="
                                       " '2024-01-01T00:00:00Z'"),
                      0);
        CHECK_INT(store_dailydos_list(st, user, &items, &n), DT_OK);
        for (size_t i = 0; i < n; i++)
            CHECK(items[i].kind != DAILYDO_REASSESS);
        free(items);
    }
    store_close(&st);
}

/* A reassessment keeps the score it replaces (on another day); a correction the same day does
 * not; the user's scores stay one per competency. */
static void test_reassessment_history(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    struct competency_past_score *past = NULL;
    size_t npast = 0;
    CHECK_INT(store_competencies_save_score(st, user, "analytical-thinking", 2), DT_OK);
    CHECK_INT(store_competencies_save_score(st, user, "analytical-thinking", 3), DT_OK);
    CHECK_INT(store_competencies_history(st, user, &past, &npast), DT_OK);
    CHECK_INT((int)npast, 0); /* a correction the same day */
    free(past);
    store_set_now(st, support_now + 400 * 86400);
    CHECK_INT(store_competencies_save_score(st, user, "analytical-thinking", 4), DT_OK);
    CHECK_INT(store_competencies_history(st, user, &past, &npast), DT_OK);
    CHECK(npast == 1 && past[0].score == 3 && strncmp(past[0].assessed_at, "2026-11-25", 10) == 0);
    free(past);
    store_set_now(st, support_now + 800 * 86400);
    CHECK_INT(store_competencies_save_score(st, user, "analytical-thinking", 5), DT_OK);
    /* every replaced score, oldest first, and only this user's */
    char other[STORE_ID_LEN];
    support_user(st, other);
    CHECK_INT(store_competencies_save_score(st, other, "analytical-thinking", 1), DT_OK);
    store_set_now(st, support_now + 900 * 86400);
    CHECK_INT(store_competencies_save_score(st, other, "analytical-thinking", 2), DT_OK);
    CHECK_INT(store_competencies_history(st, user, &past, &npast), DT_OK);
    if (CHECK_INT((int)npast, 2)) { /* the first kept, the earliest, then the next */
        CHECK_STR(past[0].competency_id, "analytical-thinking");
        CHECK_INT(past[0].score, 3);
        CHECK(strncmp(past[0].assessed_at, "2026-11-25", 10) == 0);
        CHECK_INT(past[1].score, 4);
        CHECK(strncmp(past[1].assessed_at, "2027-12-30", 10) == 0);
    }
    free(past);
    CHECK_INT(store_competencies_history(st, other, &past, &npast), DT_OK);
    CHECK_INT((int)npast, 1);
    free(past);
    struct competency_score *scores = NULL;
    size_t n = 0;
    CHECK_INT(store_competencies_scores(st, user, &scores, &n), DT_OK);
    CHECK_INT((int)n, 1);
    CHECK(n == 1 && scores[0].score == 5);
    free(scores);
    store_close(&st);
}

int main(void)
{
    RUN(test_linear_progression);
    RUN(test_reassessment_not_due);
    RUN(test_reassessment_history);
    RUN(test_tool_unlocks);
    RUN(test_responses);
    RUN(test_module_completion);
    RUN(test_workbook_complete);
    RUN(test_dailydos);
    return check_done();
}
