#include "dailydos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "users.h"

/* The spec's three queries with DATE('now') bound to the store's clock (?2), each written so
 * it can be answered from indexes (bench/README.md): the unlock check starts from the one
 * exercise that unlocks the tool (CROSS JOIN fixes that order), and "used today" is a range
 * on created_at, which means the same as DATE(created_at) = DATE(now) for our timestamps. */
#define UNLOCKED_AND_ACTIVE(freq)                                                            \
    "SELECT tt.id, tt.singular_name, tt.reminder_prompt, tt.reminder_frequency"              \
    " FROM tool_types tt"                                                                    \
    " WHERE tt.has_reminder = 1 AND tt.reminder_frequency = '" freq "' AND tt.is_active = 1" \
    " AND EXISTS (SELECT 1 FROM exercise_sequence es CROSS JOIN exercise_responses er"       \
    "   WHERE es.unlocks_tool = tt.id AND er.user_id = ?1"                                   \
    "   AND er.full_exercise_id = es.full_exercise_id)"
#define IN_UNLOCK_ORDER                                                                      \
    " ORDER BY (SELECT MIN(es.sequence_order) FROM exercise_sequence es"                     \
    "   WHERE es.unlocks_tool = tt.id), tt.id"

static const char *const reminder_queries[] = {
    UNLOCKED_AND_ACTIVE("daily")
    " AND NOT EXISTS (SELECT 1 FROM tool_instances ti WHERE ti.user_id = ?1"
    "   AND ti.tool_type = tt.id AND ti.created_at >= DATE(?2)"
    "   AND ti.created_at < DATE(?2, '+1 day'))" IN_UNLOCK_ORDER,
    UNLOCKED_AND_ACTIVE("weekly")
    " AND NOT EXISTS (SELECT 1 FROM tool_instances ti WHERE ti.user_id = ?1"
    "   AND ti.tool_type = tt.id AND ti.created_at >= DATE(?2, '-7 days'))" IN_UNLOCK_ORDER,
    UNLOCKED_AND_ACTIVE("monthly")
    " AND NOT EXISTS (SELECT 1 FROM tool_instances ti WHERE ti.user_id = ?1"
    "   AND ti.tool_type = tt.id AND ti.created_at >= DATE(?2, '-30 days'))" IN_UNLOCK_ORDER,
};

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

static enum dt_status append(struct dailydo **items, size_t *n, const struct dailydo *more, size_t m)
{
    if (m == 0)
        return DT_OK;
    struct dailydo *grown = realloc(*items, (*n + m) * sizeof **items);
    if (!grown)
        return DT_NOMEM;
    memcpy(grown + *n, more, m * sizeof *more);
    *items = grown;
    *n += m;
    return DT_OK;
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
        s = store_progress_next(st, user_id, &next);
        if (s == DT_OK) {
            struct dailydo card = {.kind = DAILYDO_RESUME, .id = "resume-workbook",
                                   .title = "Resume Workbook",
                                   .action_label = "Continue \xe2\x86\x92"};
            store_copy_text(card.subtitle, sizeof card.subtitle, next.title);
            store_copy_text(card.target, sizeof card.target, next.full_exercise_id);
            s = append(&items, &count, &card, 1);
        } else if (s == DT_NOT_FOUND) {
            s = DT_OK; /* no exercises loaded: nothing to resume */
        }
    }
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    for (size_t q = 0; s == DT_OK && q < sizeof reminder_queries / sizeof *reminder_queries; q++) {
        sqlite3_stmt *stmt = store_stmt(st, reminder_queries[q]);
        if (!stmt) {
            s = DT_DB;
            break;
        }
        store_bind_text(stmt, 1, user_id);
        store_bind_text(stmt, 2, now);
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
