#include "skills.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "fold.h"
#include "oom.h"
#include "store_internal.h"

/* SQL functions dt_fold(text) and dt_fold_key(text): base/fold.h's two foldings, so SQL sorts,
 * searches and compares names the way people read them. Invalid UTF-8 stays as it is. */
static void sql_fold_with(sqlite3_context *ctx, sqlite3_value **argv, bool key)
{
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    if (!text) {
        sqlite3_result_null(ctx);
        return;
    }
    char *folded = key ? dt_fold_key(text) : dt_fold(text, NULL);
    if (!folded) {
        sqlite3_result_value(ctx, argv[0]);
        return;
    }
    sqlite3_result_text(ctx, folded, -1, free);
}

static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    sql_fold_with(ctx, argv, false);
}

static void sql_fold_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    sql_fold_with(ctx, argv, true);
}

int store_skills_register_sql(sqlite3 *db)
{
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    int rc = sqlite3_create_function_v2(db, "dt_fold", 1, flags, NULL, sql_fold, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(db, "dt_fold_key", 1, flags, NULL, sql_fold_key, NULL, NULL,
                                        NULL);
    return rc;
}

/* every statement that reads skills binds the user as ?1 */
#define SKILL_COLUMNS "s.id, s.name, s.category, s.is_custom, s.review_status, s.created_by IS ?1"
#define VISIBLE "(s.is_custom = 0 OR s.created_by = ?1 OR s.review_status = 'approved')"

static int read_skill(sqlite3_stmt *stmt, void *elem)
{
    struct skill *k = elem;
    store_col_copy(stmt, 0, k->id, sizeof k->id);
    store_col_copy(stmt, 1, k->name, sizeof k->name);
    store_col_copy(stmt, 2, k->category, sizeof k->category);
    k->is_custom = sqlite3_column_int(stmt, 3) != 0;
    store_col_copy(stmt, 4, k->review_status, sizeof k->review_status);
    k->own = k->is_custom && sqlite3_column_int(stmt, 5) != 0;
    return 0;
}

enum dt_status store_skills_list(struct store *st, const char *user_id, const char *category,
                                 struct skill **out, size_t *n)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT " SKILL_COLUMNS " FROM skills s WHERE " VISIBLE
                                        " AND (?2 IS NULL OR s.category = ?2)"
                                        " ORDER BY dt_fold(s.name), s.id");
    if (!stmt || store_bind(st, stmt, "tt", user_id, category) != DT_OK)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_skill, NULL);
}

enum dt_status store_skills_search(struct store *st, const char *user_id, const char *query,
                                   size_t limit, struct skill **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    char *needle = query ? dt_fold(query, NULL) : NULL;
    if (!needle)
        return query ? DT_INVALID : DT_OK;
    sqlite3_stmt *stmt =
        store_stmt(st, "SELECT " SKILL_COLUMNS
                       " FROM (SELECT *, instr(dt_fold(name), ?2) AS pos FROM skills) s"
                       " WHERE " VISIBLE " AND s.pos > 0"
                       " ORDER BY s.pos > 1, dt_fold(s.name), s.id LIMIT ?3");
    enum dt_status bound = stmt ? store_bind(st, stmt, "ttI", user_id, needle, (sqlite3_int64)limit)
                                : DT_DB;
    free(needle);
    if (bound != DT_OK)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_skill, NULL);
}

#define NAME_TOO_LONG "that name is too long for a skill: keep it to a few words."

/* Trims white space at both ends of name into buf (size > SKILLS_NAME_MAX); the reason it
 * cannot be a skill's name, or NULL. */
static const char *clean_name(const char *name, char *buf, size_t size)
{
    if (!name)
        return "a skill needs a name.";
    size_t len = strnlen(name, SKILLS_NAME_MAX * 4 + 1);
    if (len > SKILLS_NAME_MAX * 4) /* not worth checking all of a pasted page */
        return NAME_TOO_LONG;
    if (u8_check((const uint8_t *)name, len) != NULL)
        return "that name holds bytes that are not text (not UTF-8).";
    const char *start = name, *end = name + len;
    while (start < end && (*start == ' ' || *start == '\t'))
        start++;
    while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    size_t n = (size_t)(end - start);
    if (n > SKILLS_NAME_MAX || n >= size)
        return NAME_TOO_LONG;
    const uint8_t *p = (const uint8_t *)start, *stop = (const uint8_t *)end;
    while (p < stop) {
        ucs4_t c;
        int step = u8_mbtouc(&c, p, (size_t)(stop - p));
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029)
            return "a skill's name is one line of text, without control characters.";
        p += step;
    }
    memcpy(buf, start, n);
    buf[n] = '\0';
    /* only spaces, accents or dashes: nothing anyone could find it by */
    char *key = dt_fold_key(buf);
    bool empty = !key || !key[0];
    free(key);
    return empty ? "a skill's name needs a letter or a digit in it." : NULL;
}

const char *store_skills_name_problem(const char *name)
{
    char buf[SKILLS_NAME_MAX + 1];
    return clean_name(name, buf, sizeof buf);
}

/* The id of a skill user_id sees whose name has key (the master list's first, then an approved
 * one, then the user's own); DT_NOT_FOUND when none. */
static enum dt_status visible_by_key(struct store *st, const char *user_id, const char *key,
                                     char id[STORE_ID_LEN])
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT s.id FROM skills s WHERE " VISIBLE
                                        " AND dt_fold_key(s.name) = ?2"
                                        " ORDER BY s.is_custom, s.review_status IS NOT 'approved',"
                                        " s.created_at, s.id LIMIT 1");
    if (!stmt || store_bind(st, stmt, "tt", user_id, key) != DT_OK)
        return DT_DB;
    return store_one_text(st, stmt, id, STORE_ID_LEN);
}

enum dt_status store_skills_add_custom(struct store *st, const char *user_id, const char *name,
                                       const char *category, char id_out[STORE_ID_LEN])
{
    char clean[SKILLS_NAME_MAX + 1];
    if (clean_name(name, clean, sizeof clean) != NULL)
        return DT_INVALID;
    char *key = dt_fold_key(clean);
    char id[STORE_ID_LEN], now[STORE_TIME_LEN];
    store_now_text(st, now);
    enum dt_status s = store_write_begin(st);
    if (s == DT_OK) {
        s = visible_by_key(st, user_id, key, id);
        if (s == DT_OK) {
            s = DT_DUPLICATE;
        } else if (s == DT_NOT_FOUND) {
            store_uuid_random(id);
            s = store_run(
                st,
                "INSERT INTO skills (id, name, category, is_custom, created_by, review_status,"
                " created_at) VALUES (?1, ?2, ?3, 1, ?4, 'pending', ?5)",
                "ttttt", id, clean, category && category[0] ? category : NULL, user_id, now);
        }
        enum dt_status end = store_write_end(st, s == DT_DUPLICATE ? DT_OK : s);
        if (end != DT_OK)
            s = end;
    }
    free(key);
    if (s == DT_OK || s == DT_DUPLICATE) {
        if (id_out)
            memcpy(id_out, id, STORE_ID_LEN);
    }
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
                   " ORDER BY dt_fold(s.name), s.id");
    if (!stmt || store_bind(st, stmt, "tt", user_id, instance_id) != DT_OK)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_skill, NULL);
}

enum dt_status store_skills_set_names(struct store *st, const char *user_id,
                                      const char *instance_id, const char *const *names,
                                      size_t nnames)
{
    char(*wanted)[STORE_ID_LEN] = dt_oom_calloc(nnames + 1, sizeof *wanted);
    size_t nwanted = 0;
    enum dt_status status = store_write_begin(st);
    if (status != DT_OK) {
        free(wanted);
        return status;
    }
    for (size_t i = 0; status == DT_OK && i < nnames; i++) {
        if (!names[i])
            continue;
        enum dt_status s = store_skills_add_custom(st, user_id, names[i], NULL, wanted[nwanted]);
        if (s == DT_OK || s == DT_DUPLICATE)
            status = store_skills_tag(st, user_id, instance_id, wanted[nwanted++]);
        else if (s != DT_INVALID) /* a name no skill can have is left untagged */
            status = s;
    }
    struct skill *tagged = NULL;
    size_t ntagged = 0;
    if (status == DT_OK)
        status = store_skills_for_instance(st, user_id, instance_id, &tagged, &ntagged);
    for (size_t i = 0; status == DT_OK && i < ntagged; i++) {
        bool keep = false;
        for (size_t k = 0; k < nwanted && !keep; k++)
            keep = strcmp(tagged[i].id, wanted[k]) == 0;
        if (keep)
            continue;
        status = store_skills_untag(st, user_id, instance_id, tagged[i].id);
        if (status == DT_OK && tagged[i].is_custom)
            status = store_skills_forget_unused(st, user_id, tagged[i].id);
    }
    free(tagged);
    free(wanted);
    return store_write_end(st, status);
}

static int read_skill_count(sqlite3_stmt *stmt, void *elem)
{
    struct skill_count *c = elem;
    read_skill(stmt, &c->skill);
    c->uses = sqlite3_column_int(stmt, 6);
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
        " GROUP BY s.id ORDER BY COUNT(*) DESC, dt_fold(s.name), s.id LIMIT ?2");
    if (!stmt || store_bind(st, stmt, "tI", user_id, (sqlite3_int64)limit) != DT_OK)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_skill_count, NULL);
}

static int read_place(sqlite3_stmt *stmt, void *elem)
{
    struct skill_place *p = elem;
    store_col_copy(stmt, 0, p->skill_id, sizeof p->skill_id);
    store_col_copy(stmt, 1, p->instance_id, sizeof p->instance_id);
    p->on_answer = sqlite3_column_int(stmt, 2) != 0;
    store_col_copy(stmt, 3, p->full_exercise_id, sizeof p->full_exercise_id);
    store_col_copy(stmt, 4, p->exercise_number, sizeof p->exercise_number);
    store_col_copy(stmt, 5, p->tool_type, sizeof p->tool_type);
    store_col_copy(stmt, 6, p->tool_name, sizeof p->tool_name);
    store_col_copy(stmt, 7, p->tool_plural, sizeof p->tool_plural);
    store_col_copy(stmt, 8, p->created_at, sizeof p->created_at);
    return 0;
}

enum dt_status store_skills_places(struct store *st, const char *user_id, const char *skill_id,
                                   struct skill_place **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(
        st, "SELECT es.skill_id, r.id, 1, r.full_exercise_id,"
            " r.part_id || '.' || r.module_id || '.' || r.exercise_id, '', '', '', r.responded_at"
            " FROM exercise_skills es JOIN exercise_responses r ON r.id = es.exercise_instance_id"
            " WHERE r.user_id = ?1 AND (?2 IS NULL OR es.skill_id = ?2)"
            " UNION ALL"
            " SELECT es.skill_id, t.id, 0, '', '', t.tool_type, tt.singular_name, tt.plural_name,"
            " t.created_at"
            " FROM exercise_skills es JOIN tool_instances t ON t.id = es.exercise_instance_id"
            " JOIN tool_types tt ON tt.id = t.tool_type"
            " WHERE t.user_id = ?1 AND (?2 IS NULL OR es.skill_id = ?2)"
            " ORDER BY 1, 3 DESC, 5, 6, 9, 2");
    if (!stmt || store_bind(st, stmt, "tt", user_id, skill_id) != DT_OK)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_place, NULL);
}

enum dt_status store_skills_answer(struct store *st, const char *user_id,
                                   const char *full_exercise_id, char id_out[STORE_ID_LEN],
                                   int *ntags)
{
    sqlite3_stmt *stmt =
        store_stmt(st, "SELECT r.id, (SELECT COUNT(*) FROM exercise_skills es"
                       "   WHERE es.exercise_instance_id = r.id)"
                       " FROM exercise_responses r WHERE r.user_id = ?1 AND r.full_exercise_id = ?2"
                       " ORDER BY r.responded_at DESC, r.id LIMIT 1");
    if (!stmt || store_bind(st, stmt, "tt", user_id, full_exercise_id) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    enum dt_status s = rc == SQLITE_ROW    ? DT_OK
                       : rc == SQLITE_DONE ? DT_NOT_FOUND
                                           : store_fail(st, rc);
    if (s == DT_OK) {
        store_col_copy(stmt, 0, id_out, STORE_ID_LEN);
        if (ntags)
            *ntags = sqlite3_column_int(stmt, 1);
    }
    store_stmt_done(stmt);
    return s;
}

/* text folded and cut into words: every run of what is not a letter or a digit is one space,
 * with a space at each end, so " word " finds whole words and " two words " whole phrases.
 * malloc'd; NULL for text that is not UTF-8. */
static char *words_of(const char *text)
{
    size_t n = 0;
    char *folded = dt_fold(text, &n);
    if (!folded)
        return NULL;
    char *out = dt_oom_malloc(n + 3);
    size_t w = 0;
    out[w++] = ' ';
    for (size_t r = 0; r < n;) {
        ucs4_t c;
        int step = u8_mbtouc(&c, (const uint8_t *)folded + r, n - r);
        bool word = uc_is_general_category(c, UC_CATEGORY_L) ||
                    uc_is_general_category(c, UC_CATEGORY_N);
        if (word) {
            memcpy(out + w, folded + r, (size_t)step);
            w += (size_t)step;
        } else if (out[w - 1] != ' ') {
            out[w++] = ' ';
        }
        r += (size_t)step;
    }
    if (out[w - 1] != ' ')
        out[w++] = ' ';
    out[w] = '\0';
    free(folded);
    return out;
}

struct suggestion {
    struct skill skill;
    size_t length; /* of its words: the longer, the more specific */
};

static int by_specific(const void *a, const void *b)
{
    const struct suggestion *x = a, *y = b;
    if (x->length != y->length)
        return x->length < y->length ? 1 : -1;
    return strcmp(x->skill.name, y->skill.name);
}

enum dt_status store_skills_suggest(struct store *st, const char *user_id, const char *instance_id,
                                    const char *const *texts, size_t ntexts, size_t limit,
                                    struct skill **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    struct skill *all = NULL, *tagged = NULL;
    size_t nall = 0, ntagged = 0;
    enum dt_status s = store_skills_list(st, user_id, NULL, &all, &nall);
    if (s == DT_OK && instance_id)
        s = store_skills_for_instance(st, user_id, instance_id, &tagged, &ntagged);
    char **words = dt_oom_calloc(ntexts + 1, sizeof *words);
    for (size_t t = 0; s == DT_OK && t < ntexts; t++)
        words[t] = texts[t] ? words_of(texts[t]) : NULL;
    struct suggestion *found = dt_oom_calloc(nall + 1, sizeof *found);
    size_t nfound = 0;
    for (size_t i = 0; s == DT_OK && i < nall; i++) {
        bool already = false;
        for (size_t k = 0; k < ntagged && !already; k++)
            already = strcmp(all[i].id, tagged[k].id) == 0;
        char *name = already ? NULL : words_of(all[i].name);
        if (!name || strcmp(name, " ") == 0) {
            free(name);
            continue;
        }
        bool hit = false;
        for (size_t t = 0; t < ntexts && !hit; t++)
            hit = words[t] && strstr(words[t], name) != NULL;
        if (hit)
            found[nfound++] = (struct suggestion){.skill = all[i], .length = strlen(name)};
        free(name);
    }
    for (size_t t = 0; t < ntexts; t++)
        store_wipe_free(words[t]); /* the person's words, folded: no copy outlives the call */
    free(words);
    free(all);
    free(tagged);
    if (s == DT_OK && nfound > 0) {
        qsort(found, nfound, sizeof *found, by_specific);
        size_t keep = nfound < limit ? nfound : limit;
        *out = dt_oom_calloc(keep ? keep : 1, sizeof **out);
        for (size_t i = 0; i < keep; i++)
            (*out)[i] = found[i].skill;
        *n = keep;
    }
    free(found);
    return s;
}
