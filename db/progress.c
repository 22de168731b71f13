#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

#define REF_COLUMNS                                                                                \
    "es.full_exercise_id, es.part_id, es.module_id, es.exercise_id, es.version,"                   \
    " es.sequence_order, es.unlocks_tool, es.is_required, t.title"
#define REF_FROM                                                                                   \
    " FROM exercise_sequence es LEFT JOIN workbook_titles t ON t.node_id = es.full_exercise_id"

static void read_ref(sqlite3_stmt *stmt, struct exercise_ref *r);

static int read_ref_elem(sqlite3_stmt *stmt, void *elem)
{
    read_ref(stmt, elem);
    return 0;
}

static void read_ref(sqlite3_stmt *stmt, struct exercise_ref *r)
{
    store_col_copy(stmt, 0, r->full_exercise_id, sizeof r->full_exercise_id);
    store_col_copy(stmt, 1, r->part_id, sizeof r->part_id);
    store_col_copy(stmt, 2, r->module_id, sizeof r->module_id);
    snprintf(r->module_key, sizeof r->module_key, "%s.%s", r->part_id, r->module_id);
    store_col_copy(stmt, 3, r->exercise_id, sizeof r->exercise_id);
    r->version = sqlite3_column_int(stmt, 4);
    r->sequence_order = sqlite3_column_int(stmt, 5);
    store_col_copy(stmt, 6, r->unlocks_tool, sizeof r->unlocks_tool);
    r->is_required = sqlite3_column_int(stmt, 7) != 0;
    store_col_copy(stmt, 8, r->title, sizeof r->title);
}

/* Steps a statement expected to give one row of exercise_ref columns. */
static enum dt_status one_ref(struct store *st, sqlite3_stmt *stmt, struct exercise_ref *out)
{
    int rc = sqlite3_step(stmt);
    enum dt_status s = DT_OK;
    if (rc == SQLITE_ROW)
        read_ref(stmt, out);
    else
        s = rc == SQLITE_DONE ? DT_NOT_FOUND : store_fail(st, rc);
    store_stmt_done(stmt);
    return s;
}

/* Steps a statement whose one row holds one integer. */
static enum dt_status one_int(struct store *st, sqlite3_stmt *stmt, int *value)
{
    int rc = sqlite3_step(stmt);
    enum dt_status s = DT_OK;
    if (rc == SQLITE_ROW)
        *value = sqlite3_column_int(stmt, 0);
    else
        s = rc == SQLITE_DONE ? DT_NOT_FOUND : store_fail(st, rc);
    store_stmt_done(stmt);
    return s;
}

enum dt_status store_progress_position(struct store *st, const char *user_id, int *position)
{
    sqlite3_stmt *stmt =
        store_stmt(st, "SELECT COALESCE(MAX(es.sequence_order), 0) FROM exercise_responses er"
                       " JOIN exercise_sequence es ON er.full_exercise_id = es.full_exercise_id"
                       " WHERE er.user_id = ?1");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    return one_int(st, stmt, position);
}

enum dt_status store_progress_next(struct store *st, const char *user_id, struct exercise_ref *out)
{
    sqlite3_stmt *stmt =
        store_stmt(st, "SELECT " REF_COLUMNS REF_FROM
                       " WHERE es.sequence_order = (SELECT COALESCE(MAX(es2.sequence_order), 0) + 1"
                       " FROM exercise_responses er JOIN exercise_sequence es2"
                       " ON er.full_exercise_id = es2.full_exercise_id WHERE er.user_id = ?1)");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    return one_ref(st, stmt, out);
}

enum dt_status store_progress_exercise(struct store *st, const char *full_exercise_id,
                                       struct exercise_ref *out)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT " REF_COLUMNS REF_FROM
                                        " WHERE es.full_exercise_id = ?1");
    if (!stmt || store_bind(st, stmt, "t", full_exercise_id) != DT_OK)
        return DT_DB;
    return one_ref(st, stmt, out);
}

enum dt_status store_progress_sequence(struct store *st, struct exercise_ref **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(st,
                                    "SELECT " REF_COLUMNS REF_FROM " ORDER BY es.sequence_order");
    if (!stmt)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_ref_elem, NULL);
}

enum dt_status store_progress_may_open(struct store *st, const char *user_id,
                                       const char *full_exercise_id, bool *may_open)
{
    sqlite3_stmt *stmt =
        store_stmt(st, "SELECT es.sequence_order = 1"
                       " OR EXISTS (SELECT 1 FROM exercise_responses er JOIN exercise_sequence prev"
                       "   ON prev.full_exercise_id = er.full_exercise_id"
                       "   WHERE er.user_id = ?1 AND prev.sequence_order = es.sequence_order - 1)"
                       " OR EXISTS (SELECT 1 FROM exercise_responses er"
                       "   WHERE er.user_id = ?1 AND er.full_exercise_id = es.full_exercise_id)"
                       " FROM exercise_sequence es WHERE es.full_exercise_id = ?2");
    if (!stmt || store_bind(st, stmt, "tt", user_id, full_exercise_id) != DT_OK)
        return DT_DB;
    int value = 0;
    enum dt_status s = one_int(st, stmt, &value);
    *may_open = s == DT_OK && value;
    return s;
}

enum dt_status store_progress_tool_unlocked(struct store *st, const char *user_id,
                                            const char *tool_id, bool *unlocked)
{
    sqlite3_stmt *stmt =
        store_stmt(st, "SELECT EXISTS (SELECT 1 FROM exercise_responses er"
                       " JOIN exercise_sequence es ON er.full_exercise_id = es.full_exercise_id"
                       " WHERE er.user_id = ?1 AND es.unlocks_tool = ?2)");
    if (!stmt || store_bind(st, stmt, "tt", user_id, tool_id) != DT_OK)
        return DT_DB;
    int value = 0;
    enum dt_status s = one_int(st, stmt, &value);
    *unlocked = s == DT_OK && value;
    return s;
}

static int split_module_key(const char *key, char part[8], char module[8])
{
    const char *dot = strchr(key, '.');
    if (!dot || dot == key || (size_t)(dot - key) >= 8 || strlen(dot + 1) >= 8 || !dot[1])
        return -1;
    memcpy(part, key, (size_t)(dot - key));
    part[dot - key] = '\0';
    strcpy(module, dot + 1);
    return 0;
}

/* A module's required exercises and how many of them the user answered, and how many of all
 * its exercises the user answered. */
static enum dt_status module_counts(struct store *st, const char *user_id, const char *part,
                                    const char *module, int *required, int *required_answered,
                                    int *answered)
{
    sqlite3_stmt *stmt =
        store_stmt(st, "SELECT COALESCE(SUM(es.is_required), 0),"
                       " COALESCE(SUM(es.is_required AND er.id IS NOT NULL), 0), COUNT(er.id)"
                       " FROM exercise_sequence es LEFT JOIN exercise_responses er"
                       " ON er.user_id = ?1 AND er.full_exercise_id = es.full_exercise_id"
                       " WHERE es.part_id = ?2 AND es.module_id = ?3");
    if (!stmt || store_bind(st, stmt, "ttt", user_id, part, module) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    enum dt_status s = DT_OK;
    if (rc == SQLITE_ROW) {
        *required = sqlite3_column_int(stmt, 0);
        *required_answered = sqlite3_column_int(stmt, 1);
        *answered = sqlite3_column_int(stmt, 2);
    } else {
        s = store_fail(st, rc);
    }
    store_stmt_done(stmt);
    return s;
}

/* Every required exercise answered; a module with none required needs one answer of any. */
static bool counts_complete(int required, int required_answered, int answered)
{
    return required_answered == required && (required > 0 || answered > 0);
}

enum dt_status store_progress_module_complete(struct store *st, const char *user_id,
                                              const char *module_key, bool *complete)
{
    char part[8], module[8];
    *complete = false;
    if (split_module_key(module_key, part, module) != 0)
        return DT_INVALID;
    int required = 0, required_answered = 0, answered = 0;
    enum dt_status s = module_counts(st, user_id, part, module, &required, &required_answered,
                                     &answered);
    *complete = s == DT_OK && counts_complete(required, required_answered, answered);
    return s;
}

static int read_module(sqlite3_stmt *stmt, void *elem)
{
    struct module_progress *m = elem;
    char module[8];
    store_col_copy(stmt, 0, m->part_id, sizeof m->part_id);
    store_col_copy(stmt, 1, module, sizeof module);
    snprintf(m->module_key, sizeof m->module_key, "%s.%s", m->part_id, module);
    store_col_copy(stmt, 2, m->title, sizeof m->title);
    m->exercises = sqlite3_column_int(stmt, 3);
    m->answered = sqlite3_column_int(stmt, 4);
    m->required = sqlite3_column_int(stmt, 5);
    m->required_answered = sqlite3_column_int(stmt, 6);
    m->complete = counts_complete(m->required, m->required_answered, m->answered);
    store_col_copy(stmt, 7, m->first_completed_at, sizeof m->first_completed_at);
    store_col_copy(stmt, 8, m->last_modified_at, sizeof m->last_modified_at);
    return 0;
}

enum dt_status store_progress_modules(struct store *st, const char *user_id,
                                      struct module_progress **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(
        st,
        "SELECT m.part_id, m.module_id, t.title, m.total, m.answered, m.required,"
        " m.required_answered, um.first_completed_at, um.last_modified_at"
        " FROM (SELECT es.part_id, es.module_id, MIN(es.sequence_order) AS first, COUNT(*) AS total,"
        "   SUM(er.id IS NOT NULL) AS answered, SUM(es.is_required) AS required,"
        "   SUM(es.is_required AND er.id IS NOT NULL) AS required_answered"
        "   FROM exercise_sequence es LEFT JOIN exercise_responses er"
        "   ON er.user_id = ?1 AND er.full_exercise_id = es.full_exercise_id"
        "   GROUP BY es.part_id, es.module_id) m"
        " LEFT JOIN workbook_titles t ON t.node_id = m.part_id || '.' || m.module_id"
        " LEFT JOIN user_modules um ON um.user_id = ?1"
        "   AND um.module_id = m.part_id || '.' || m.module_id"
        " ORDER BY m.first");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_module, NULL);
}

enum dt_status store_progress_title(struct store *st, const char *node_id, char *out, size_t size)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT title FROM workbook_titles WHERE node_id = ?1");
    if (!stmt || store_bind(st, stmt, "t", node_id) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    enum dt_status s = DT_OK;
    if (size)
        out[0] = '\0';
    if (rc == SQLITE_ROW)
        store_col_copy(stmt, 0, out, size);
    else if (rc != SQLITE_DONE)
        s = store_fail(st, rc);
    store_stmt_done(stmt);
    return s;
}

enum dt_status store_progress_after_save(struct store *st, const char *user_id, const char *part_id,
                                         const char *module_id)
{
    char now[STORE_TIME_LEN], key[24];
    store_now_text(st, now);
    snprintf(key, sizeof key, "%s.%s", part_id, module_id);
    int required = 0, required_answered = 0, answered = 0;
    enum dt_status s = module_counts(st, user_id, part_id, module_id, &required, &required_answered,
                                     &answered);
    if (s != DT_OK)
        return s;
    /* first_completed_at is set once; later saves only touch last_modified_at */
    if (counts_complete(required, required_answered, answered))
        s = store_run(st,
                      "INSERT INTO user_modules (user_id, module_id, first_completed_at,"
                      " last_modified_at) VALUES (?1, ?2, ?3, ?3)"
                      " ON CONFLICT (user_id, module_id) DO UPDATE"
                      " SET last_modified_at = excluded.last_modified_at",
                      "ttt", user_id, key, now);
    else
        s = store_run(st,
                      "UPDATE user_modules SET last_modified_at = ?3"
                      " WHERE user_id = ?1 AND module_id = ?2",
                      "ttt", user_id, key, now);
    if (s != DT_OK)
        return s;
    return store_progress_recount(st, user_id);
}

enum dt_status store_progress_recount(struct store *st, const char *user_id)
{
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    /* Linear progression: having answered the last exercise means having passed them all. */
    return store_run(st,
                     "UPDATE users SET workbook_complete = c.done, updated_at = ?2"
                     " FROM (SELECT COALESCE((SELECT MAX(sequence_order) FROM exercise_sequence) <="
                     "   (SELECT MAX(es.sequence_order) FROM exercise_responses er"
                     "    JOIN exercise_sequence es ON er.full_exercise_id = es.full_exercise_id"
                     "    WHERE er.user_id = ?1), 0) AS done) c"
                     " WHERE users.id = ?1 AND users.workbook_complete IS NOT c.done",
                     "tt", user_id, now);
}
