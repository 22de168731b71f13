#include "skills.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "oom.h"
#include "store_internal.h"

char *store_skills_fold(const char *s)
{
    size_t len = 0;
    uint8_t *folded = u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFKC, NULL, &len);
    if (!folded)
        return NULL;
    char *out = dt_oom_malloc(len + 1);
    memcpy(out, folded, len);
    out[len] = '\0';
    free(folded);
    return out;
}

/* SQL function dt_casefold(text): the same folding, so SQL can compare names the way people do. */
static void sql_casefold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const unsigned char *text = sqlite3_value_text(argv[0]);
    if (!text) {
        sqlite3_result_null(ctx);
        return;
    }
    size_t len = 0;
    uint8_t *folded = u8_casefold(text, (size_t)sqlite3_value_bytes(argv[0]), NULL, UNINORM_NFKC,
                                  NULL, &len);
    if (!folded) { /* invalid UTF-8 stays as it is */
        sqlite3_result_value(ctx, argv[0]);
        return;
    }
    sqlite3_result_text(ctx, (const char *)folded, (int)len, free);
}

int store_skills_register_sql(sqlite3 *db)
{
    return sqlite3_create_function_v2(db, "dt_casefold", 1,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                      sql_casefold, NULL, NULL, NULL);
}

#define SKILL_COLUMNS "s.id, s.name, s.category, s.is_custom, s.review_status"
#define VISIBLE "(s.is_custom = 0 OR s.created_by = ?1 OR s.review_status = 'approved')"

static int read_skill(sqlite3_stmt *stmt, void *elem)
{
    struct skill *k = elem;
    store_col_copy(stmt, 0, k->id, sizeof k->id);
    store_col_copy(stmt, 1, k->name, sizeof k->name);
    store_col_copy(stmt, 2, k->category, sizeof k->category);
    k->is_custom = sqlite3_column_int(stmt, 3) != 0;
    store_col_copy(stmt, 4, k->review_status, sizeof k->review_status);
    return 0;
}

enum dt_status store_skills_list(struct store *st, const char *user_id, const char *category,
                                 struct skill **out, size_t *n)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT " SKILL_COLUMNS " FROM skills s WHERE " VISIBLE
                                        " AND (?2 IS NULL OR s.category = ?2)"
                                        " ORDER BY dt_casefold(s.name), s.id");
    if (!stmt || store_bind(st, stmt, "tt", user_id, category) != DT_OK)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_skill, NULL);
}

enum dt_status store_skills_search(struct store *st, const char *user_id, const char *query,
                                   size_t limit, struct skill **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    char *needle = query ? store_skills_fold(query) : NULL;
    if (!needle)
        return query ? DT_INVALID : DT_OK;
    sqlite3_stmt *stmt =
        store_stmt(st, "SELECT " SKILL_COLUMNS
                       " FROM (SELECT *, instr(dt_casefold(name), ?2) AS pos FROM skills) s"
                       " WHERE " VISIBLE " AND s.pos > 0"
                       " ORDER BY s.pos > 1, dt_casefold(s.name), s.id LIMIT ?3");
    enum dt_status bound = stmt ? store_bind(st, stmt, "ttI", user_id, needle, (sqlite3_int64)limit)
                                : DT_DB;
    free(needle);
    if (bound != DT_OK)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_skill, NULL);
}

/* Trims ASCII and Unicode white space at both ends into buf; -1 when not a usable name. */
static int clean_name(const char *name, char *buf, size_t size)
{
    if (!name || u8_check((const uint8_t *)name, strlen(name)) != NULL)
        return -1;
    const char *start = name, *end = name + strlen(name);
    while (start < end && (*start == ' ' || *start == '\t'))
        start++;
    while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    size_t n = (size_t)(end - start);
    if (n == 0 || n > SKILLS_NAME_MAX || n >= size)
        return -1;
    const uint8_t *p = (const uint8_t *)start, *stop = (const uint8_t *)end;
    while (p < stop) {
        ucs4_t c;
        int len = u8_mbtouc(&c, p, (size_t)(stop - p));
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029)
            return -1;
        p += len;
    }
    memcpy(buf, start, n);
    buf[n] = '\0';
    return 0;
}

enum dt_status store_skills_add_custom(struct store *st, const char *user_id, const char *name,
                                       const char *category, char id_out[STORE_ID_LEN])
{
    char clean[SKILLS_NAME_MAX + 1];
    if (clean_name(name, clean, sizeof clean) != 0)
        return DT_INVALID;
    char *folded = store_skills_fold(clean);
    if (!folded)
        return DT_NOMEM;
    char id[STORE_ID_LEN], now[STORE_TIME_LEN];
    store_now_text(st, now);
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK) {
        free(folded);
        return s;
    }
    sqlite3_stmt *stmt = store_stmt(st, "SELECT s.id FROM skills s WHERE " VISIBLE
                                        " AND dt_casefold(s.name) = ?2 LIMIT 1");
    if (!stmt || store_bind(st, stmt, "tt", user_id, folded) != DT_OK) {
        s = DT_DB;
    } else {
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            store_col_copy(stmt, 0, id, sizeof id);
            s = DT_DUPLICATE;
        } else if (rc != SQLITE_DONE) {
            s = store_fail(st, rc);
        }
        store_stmt_done(stmt);
    }
    free(folded);
    if (s == DT_OK) {
        store_uuid_random(id);
        s = store_run(
            st,
            "INSERT INTO skills (id, name, category, is_custom, created_by, review_status,"
            " created_at) VALUES (?1, ?2, ?3, 1, ?4, 'pending', ?5)",
            "ttttt", id, clean, category && category[0] ? category : NULL, user_id, now);
    }
    enum dt_status end = store_write_end(st, s == DT_DUPLICATE ? DT_OK : s);
    if (end != DT_OK)
        return end;
    if (id_out)
        memcpy(id_out, id, STORE_ID_LEN);
    return s;
}

static enum dt_status owned_and_visible(struct store *st, const char *user_id,
                                        const char *instance_id, const char *skill_id)
{
    sqlite3_stmt *stmt = store_stmt(
        st, "SELECT (EXISTS (SELECT 1 FROM exercise_responses WHERE id = ?2 AND user_id = ?1)"
            "     OR EXISTS (SELECT 1 FROM tool_instances WHERE id = ?2 AND user_id = ?1))"
            " AND EXISTS (SELECT 1 FROM skills s WHERE s.id = ?3 AND " VISIBLE ")");
    if (!stmt || store_bind(st, stmt, "ttt", user_id, instance_id, skill_id) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    enum dt_status s = rc == SQLITE_ROW ? (sqlite3_column_int(stmt, 0) ? DT_OK : DT_NOT_FOUND)
                                        : store_fail(st, rc);
    store_stmt_done(stmt);
    return s;
}

enum dt_status store_skills_tag(struct store *st, const char *user_id, const char *instance_id,
                                const char *skill_id)
{
    char id[STORE_ID_LEN], now[STORE_TIME_LEN];
    store_uuid_random(id);
    store_now_text(st, now);
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    s = owned_and_visible(st, user_id, instance_id, skill_id);
    if (s == DT_OK)
        s = store_run(st,
                      "INSERT INTO exercise_skills (id, exercise_instance_id, skill_id, created_at)"
                      " VALUES (?1, ?2, ?3, ?4)"
                      " ON CONFLICT (exercise_instance_id, skill_id) DO NOTHING",
                      "tttt", id, instance_id, skill_id, now);
    return store_write_end(st, s);
}

enum dt_status store_skills_untag(struct store *st, const char *user_id, const char *instance_id,
                                  const char *skill_id)
{
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    s = owned_and_visible(st, user_id, instance_id, skill_id);
    if (s == DT_OK)
        s = store_run(st,
                      "DELETE FROM exercise_skills WHERE exercise_instance_id = ?1"
                      " AND skill_id = ?2",
                      "tt", instance_id, skill_id);
    return store_write_end(st, s);
}

enum dt_status store_skills_forget_unused(struct store *st, const char *user_id,
                                          const char *skill_id)
{
    enum dt_status s = store_write_begin(st);
    if (s == DT_OK)
        s = store_run(st,
                      "DELETE FROM skills WHERE id = ?1 AND created_by = ?2 AND is_custom = 1"
                      " AND review_status = 'pending'"
                      " AND NOT EXISTS (SELECT 1 FROM exercise_skills WHERE skill_id = ?1)",
                      "tt", skill_id, user_id);
    return store_write_end(st, s);
}

enum dt_status store_skills_for_instance(struct store *st, const char *user_id,
                                         const char *instance_id, struct skill **out, size_t *n)
{
    sqlite3_stmt *stmt =
        store_stmt(st,
                   "SELECT " SKILL_COLUMNS
                   " FROM exercise_skills es JOIN skills s ON s.id = es.skill_id"
                   " WHERE es.exercise_instance_id = ?2"
                   " AND (EXISTS (SELECT 1 FROM exercise_responses WHERE id = ?2 AND user_id = ?1)"
                   "   OR EXISTS (SELECT 1 FROM tool_instances WHERE id = ?2 AND user_id = ?1))"
                   " ORDER BY dt_casefold(s.name), s.id");
    if (!stmt || store_bind(st, stmt, "tt", user_id, instance_id) != DT_OK)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_skill, NULL);
}

static int read_skill_count(sqlite3_stmt *stmt, void *elem)
{
    struct skill_count *c = elem;
    read_skill(stmt, &c->skill);
    c->uses = sqlite3_column_int(stmt, 5);
    return 0;
}

enum dt_status store_skills_top(struct store *st, const char *user_id, size_t limit,
                                struct skill_count **out, size_t *n)
{
    sqlite3_stmt *stmt = store_stmt(
        st,
        "SELECT " SKILL_COLUMNS ", COUNT(*) FROM exercise_skills es"
        " JOIN skills s ON s.id = es.skill_id"
        " WHERE es.exercise_instance_id IN (SELECT id FROM exercise_responses WHERE user_id = ?1"
        "   UNION ALL SELECT id FROM tool_instances WHERE user_id = ?1)"
        " GROUP BY s.id ORDER BY COUNT(*) DESC, dt_casefold(s.name), s.id LIMIT ?2");
    if (!stmt || store_bind(st, stmt, "tI", user_id, (sqlite3_int64)limit) != DT_OK)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_skill_count, NULL);
}
