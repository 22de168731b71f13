#include "dailydos.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oom.h"
#include "store_internal.h"
#include "users.h"

/* The spec's three queries (daily, weekly, monthly) as one statement, in the spec's order:
 * one prepare instead of three is a fifth of the first frame's work (bench/README.md). DATE('now')
 * is bound to the store's clock (?2). Each part can be answered from indexes: the unlock check
 * starts from the one exercise that unlocks the tool (CROSS JOIN fixes that order), and each
 * "already used" test is a range on created_at for the (user, tool, created_at) index; "today"
 * as a range means the same as DATE(created_at) = DATE(now) for our timestamps. A draft entry
 * (tool_instance_drafts: it lacks a required answer) does not count as the tool used. */
static const char reminder_query[] =
    "SELECT tt.id, tt.singular_name, tt.reminder_prompt, tt.reminder_frequency"
    " FROM tool_types tt"
    " WHERE tt.has_reminder = 1 AND tt.is_active = 1"
    " AND tt.reminder_frequency IN ('daily', 'weekly', 'monthly')"
    " AND EXISTS (SELECT 1 FROM exercise_sequence es CROSS JOIN exercise_responses er"
    "   WHERE es.unlocks_tool = tt.id AND er.user_id = ?1"
    "   AND er.full_exercise_id = es.full_exercise_id)"
    " AND NOT EXISTS (SELECT 1 FROM tool_instances ti WHERE ti.user_id = ?1"
    "   AND ti.tool_type = tt.id"
    "   AND ti.created_at >= CASE tt.reminder_frequency WHEN 'daily' THEN DATE(?2)"
    "     WHEN 'weekly' THEN DATE(?2, '-7 days') ELSE DATE(?2, '-30 days') END"
    "   AND (tt.reminder_frequency <> 'daily' OR ti.created_at < DATE(?2, '+1 day'))"
    "   AND NOT EXISTS (SELECT 1 FROM tool_instance_drafts d WHERE d.instance_id = ti.id))"
    " ORDER BY CASE tt.reminder_frequency WHEN 'daily' THEN 0 WHEN 'weekly' THEN 1 ELSE 2 END,"
    "   (SELECT MIN(es.sequence_order) FROM exercise_sequence es WHERE es.unlocks_tool = tt.id),"
    "   tt.id";

static int read_reminder(sqlite3_stmt *stmt, void *elem)
{
    struct dailydo *d = elem;
    d->kind = DAILYDO_REMINDER;
    store_col_copy(stmt, 0, d->id, sizeof d->id);
    store_col_copy(stmt, 0, d->target, sizeof d->target);
    store_col_copy(stmt, 1, d->title, sizeof d->title);
    store_col_copy(stmt, 2, d->subtitle, sizeof d->subtitle);
    store_col_copy(stmt, 3, d->frequency, sizeof d->frequency);
    snprintf(d->action_label, sizeof d->action_label, "%.80s \xe2\x86\x92", d->title);
    return 0;
}

static enum dt_status append(struct dailydo **items, size_t *n, const struct dailydo *more,
                             size_t m)
{
    if (m == 0)
        return DT_OK;
    *items = dt_oom_realloc(*items, (*n + m) * sizeof **items);
    memcpy(*items + *n, more, m * sizeof *more);
    *n += m;
    return DT_OK;
}

static int read_flag(sqlite3_stmt *stmt, void *out)
{
    *(bool *)out = sqlite3_column_int(stmt, 0) != 0;
    return 0;
}

/* Whether the user has written anything in the workbook yet: an answer or a draft. */
static enum dt_status has_written(struct store *st, const char *user_id, bool *out)
{
    *out = false;
    sqlite3_stmt *stmt = store_stmt(st, "SELECT EXISTS (SELECT 1 FROM exercise_responses"
                                        " WHERE user_id = ?1)"
                                        " OR EXISTS (SELECT 1 FROM drafts WHERE user_id = ?1)");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    return store_one(st, stmt, out, read_flag);
}

/* The yearly reassessment (spec 13): due when the user's oldest competency score was assessed
 * more than a year before now. The card opens the exercise whose prompts rate the
 * competencies. */
static enum dt_status reassessment(struct store *st, const char *user_id, const char *now,
                                   struct dailydo **items, size_t *count)
{
    sqlite3_stmt *stmt =
        store_stmt(st,
                   "SELECT MIN(s.assessed_at), (SELECT c.full_exercise_id FROM exercise_content c"
                   " JOIN prompt_inputs p ON p.content_id = c.id"
                   " WHERE p.prompt_key IN (SELECT id FROM competencies)"
                   " GROUP BY c.full_exercise_id ORDER BY count(*) DESC LIMIT 1)"
                   " FROM user_competency_scores s WHERE s.user_id = ?1"
                   " HAVING MIN(s.assessed_at) < DATE(?2, '-1 year')"); /* spec 13's test */
    if (!stmt || store_bind(st, stmt, "tt", user_id, now) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    struct dailydo card = {.kind = DAILYDO_REASSESS, .id = "reassess-competencies"};
    bool due = rc == SQLITE_ROW && sqlite3_column_type(stmt, 1) != SQLITE_NULL;
    if (due) {
        char oldest[STORE_TIME_LEN];
        store_col_copy(stmt, 0, oldest, sizeof oldest);
        store_col_copy(stmt, 1, card.target, sizeof card.target);
        store_copy_text(card.title, sizeof card.title, "Reassess your competencies");
        snprintf(card.subtitle, sizeof card.subtitle,
                 "Your last assessment was on %.10s, over a year ago: see how you have grown.",
                 oldest);
        store_copy_text(card.action_label, sizeof card.action_label, "Reassess \xe2\x86\x92");
    }
    enum dt_status s = rc == SQLITE_ROW || rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    store_stmt_done(stmt);
    return s == DT_OK && due ? append(items, count, &card, 1) : s;
}

enum dt_status store_dailydos_list(struct store *st, const char *user_id, struct dailydo **out,
                                   size_t *n)
{
    *out = NULL;
    *n = 0;
    struct user user;
    enum dt_status s = store_users_get(st, user_id, &user);
    if (s != DT_OK)
        return s;
    struct dailydo *items = NULL;
    size_t count = 0;
    if (!user.workbook_complete) {
        struct exercise_ref next;
        bool started = false;
        s = store_progress_next(st, user_id, &next);
        if (s == DT_OK)
            s = has_written(st, user_id, &started);
        if (s == DT_OK) {
            /* not the spec's "Resume Workbook": beside the resume tool it reads as "work on your
             * resume" */
            struct dailydo card = {.kind = DAILYDO_RESUME, .id = "resume-workbook"};
            store_copy_text(card.title, sizeof card.title,
                            started ? "Continue the workbook" : "Start the workbook");
            store_copy_text(card.action_label, sizeof card.action_label,
                            started ? "Continue \xe2\x86\x92" : "Start \xe2\x86\x92");
            store_copy_text(card.subtitle, sizeof card.subtitle, next.title);
            store_copy_text(card.target, sizeof card.target, next.full_exercise_id);
            s = append(&items, &count, &card, 1);
        } else if (s == DT_NOT_FOUND) {
            s = DT_OK; /* no exercises loaded: nothing to resume */
        }
    }
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    if (s == DT_OK)
        s = reassessment(st, user_id, now, &items, &count);
    sqlite3_stmt *stmt = s == DT_OK ? store_stmt(st, reminder_query) : NULL;
    if (s == DT_OK && (!stmt || store_bind(st, stmt, "tt", user_id, now) != DT_OK))
        s = DT_DB;
    if (s == DT_OK) {
        struct dailydo *found = NULL;
        size_t nfound = 0;
        s = store_collect(st, stmt, &found, &nfound, sizeof *found, read_reminder, NULL);
        if (s == DT_OK)
            s = append(&items, &count, found, nfound);
        free(found);
    }
    if (s != DT_OK) {
        free(items);
        return s;
    }
    *out = items;
    *n = count;
    return DT_OK;
}
