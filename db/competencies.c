#include "competencies.h"

#include <math.h>
#include <string.h>

#include "store_internal.h"

#define CATEGORY_ORDER "CASE category WHEN 'delivery' THEN 1 WHEN 'interpersonal' THEN 2 ELSE 3 END"

static int read_competency(sqlite3_stmt *stmt, void *elem)
{
    struct competency *c = elem;
    store_col_copy(stmt, 0, c->id, sizeof c->id);
    store_col_copy(stmt, 1, c->name, sizeof c->name);
    store_col_copy(stmt, 2, c->category, sizeof c->category);
    c->sort_order = sqlite3_column_int(stmt, 3);
    store_col_copy(stmt, 4, c->definition, sizeof c->definition);
    return 0;
}

enum dt_status store_competencies_list(struct store *st, struct competency **out, size_t *n)
{
    sqlite3_stmt *stmt = store_stmt(st,
                                    "SELECT id, name, category, sort_order, definition"
                                    " FROM competencies ORDER BY " CATEGORY_ORDER ", sort_order");
    if (!stmt)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_competency, NULL);
}

enum dt_status store_competencies_levels(struct store *st, const char *competency_id,
                                         struct competency_level levels[5], size_t *n)
{
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(st,
                                    "SELECT level, description, job_context FROM competency_levels"
                                    " WHERE competency_id = ?1 ORDER BY level");
    if (!stmt || store_bind(st, stmt, "t", competency_id) != DT_OK)
        return DT_DB;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && *n < 5) {
        struct competency_level *l = &levels[(*n)++];
        l->level = sqlite3_column_int(stmt, 0);
        store_col_copy(stmt, 1, l->description, sizeof l->description);
        store_col_copy(stmt, 2, l->job_context, sizeof l->job_context);
    }
    enum dt_status s = rc == SQLITE_DONE || rc == SQLITE_ROW ? DT_OK : store_fail(st, rc);
    store_stmt_done(stmt);
    return s;
}

enum dt_status store_competencies_save_score(struct store *st, const char *user_id,
                                             const char *competency_id, int score)
{
    if (score < 1 || score > 5)
        return DT_INVALID;
    char id[STORE_ID_LEN], now[STORE_TIME_LEN];
    store_uuid_random(id);
    store_now_text(st, now);
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    char kept[STORE_ID_LEN];
    store_uuid_random(kept);
    /* a score from an earlier day is kept before it is replaced (a reassessment); one from
     * today is only being corrected */
    s = store_run(st,
                  "INSERT INTO competency_score_history (id, user_id, competency_id, score,"
                  " assessed_at) SELECT ?1, user_id, competency_id, score, assessed_at"
                  " FROM user_competency_scores WHERE user_id = ?2 AND competency_id = ?3"
                  " AND substr(assessed_at, 1, 10) < substr(?4, 1, 10)",
                  "tttt", kept, user_id, competency_id, now);
    if (s == DT_OK)
        s = store_run(
            st,
            "INSERT INTO user_competency_scores (id, user_id, competency_id, score, assessed_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5)"
            " ON CONFLICT (user_id, competency_id) DO UPDATE"
            " SET score = excluded.score, assessed_at = excluded.assessed_at",
            "tttit", id, user_id, competency_id, score, now);
    if (s == DT_INVALID) /* a foreign key: no such user or competency */
        s = DT_NOT_FOUND;
    return store_write_end(st, s);
}

static int read_score(sqlite3_stmt *stmt, void *elem)
{
    struct competency_score *c = elem;
    store_col_copy(stmt, 0, c->competency_id, sizeof c->competency_id);
    store_col_copy(stmt, 1, c->name, sizeof c->name);
    store_col_copy(stmt, 2, c->category, sizeof c->category);
    c->score = sqlite3_column_int(stmt, 3);
    store_col_copy(stmt, 4, c->assessed_at, sizeof c->assessed_at);
    return 0;
}

enum dt_status store_competencies_scores(struct store *st, const char *user_id,
                                         struct competency_score **out, size_t *n)
{
    sqlite3_stmt *stmt =
        store_stmt(st,
                   "SELECT s.competency_id, c.name, c.category, s.score, s.assessed_at"
                   " FROM user_competency_scores s JOIN competencies c ON c.id = s.competency_id"
                   " WHERE s.user_id = ?1 ORDER BY "
                   "CASE c.category WHEN 'delivery' THEN 1 WHEN 'interpersonal' THEN 2 ELSE 3 END,"
                   " c.sort_order");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_score, NULL);
}

static bool category_average(const struct competency_score *scores, size_t n, const char *category,
                             double *avg)
{
    double sum = 0;
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (!category || strcmp(scores[i].category, category) == 0) {
            sum += scores[i].score;
            count++;
        }
    if (count)
        *avg = sum / (double)count;
    return count > 0;
}

void store_competencies_summarize(const struct competency_score *scores, size_t n,
                                  struct competency_summary *sum)
{
    memset(sum, 0, sizeof *sum);
    sum->has_delivery = category_average(scores, n, "delivery", &sum->delivery);
    sum->has_interpersonal = category_average(scores, n, "interpersonal", &sum->interpersonal);
    sum->has_strategic = category_average(scores, n, "strategic", &sum->strategic);
    sum->has_overall = category_average(scores, n, NULL, &sum->overall);
    if (!sum->has_overall)
        return;
    /* Exactly the spec: Math.floor(avg + 0.3) and Math.floor(avg - 0.3), in doubles. */
    sum->strength_threshold = (int)floor(sum->overall + 0.3);
    sum->improvement_threshold = (int)floor(sum->overall - 0.3);
    for (size_t i = 0; i < n && i < COMPETENCIES_MAX; i++) {
        if (scores[i].score >= sum->strength_threshold)
            sum->strengths[sum->n_strengths++] = i;
        if (scores[i].score <= sum->improvement_threshold)
            sum->improvements[sum->n_improvements++] = i;
    }
}

static int read_past_score(sqlite3_stmt *stmt, void *elem)
{
    struct competency_past_score *p = elem;
    store_col_copy(stmt, 0, p->competency_id, sizeof p->competency_id);
    p->score = sqlite3_column_int(stmt, 1);
    store_col_copy(stmt, 2, p->assessed_at, sizeof p->assessed_at);
    return 0;
}

enum dt_status store_competencies_history(struct store *st, const char *user_id,
                                          struct competency_past_score **out, size_t *n)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT competency_id, score, assessed_at"
                                        " FROM competency_score_history WHERE user_id = ?1"
                                        " ORDER BY competency_id, assessed_at");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_past_score, NULL);
}

enum dt_status store_competencies_reassessment(struct store *st, const char *user_id, bool *due,
                                               char oldest[STORE_TIME_LEN])
{
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    sqlite3_stmt *stmt = store_stmt(
        st,
        "SELECT MIN(assessed_at), CASE WHEN MIN(assessed_at) < DATE(?2, '-1 year') THEN 1 ELSE 0 END"
        " FROM user_competency_scores WHERE user_id = ?1");
    if (!stmt || store_bind(st, stmt, "tt", user_id, now) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    enum dt_status s = DT_OK;
    if (rc == SQLITE_ROW) {
        store_col_copy(stmt, 0, oldest, STORE_TIME_LEN);
        *due = sqlite3_column_int(stmt, 1) != 0;
    } else {
        s = store_fail(st, rc);
    }
    store_stmt_done(stmt);
    return s;
}
