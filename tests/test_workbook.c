/* The real workbook and reference data in content/: what issue "the workbook itself" promises,
 * counted on a seeded database. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dailydos.h"
#include "fold.h"
#include "seed.h"
#include "skills.h"
#include "support.h"

static sqlite3 *db;

static long long scalar(const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        v = sqlite3_column_int64(stmt, 0);
    else
        printf("#   query failed: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    return v;
}

/* Prints the first column of every row of a query that should return nothing. */
static int none(const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    int rows = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        printf("#   query failed: %s\n", sqlite3_errmsg(db));
        return 0;
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        if (rows++ < 10)
            printf("#   offender: %s\n", (const char *)sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return rows == 0;
}

static long long words(void)
{
    sqlite3_stmt *stmt = NULL;
    long long n = 0;
    sqlite3_prepare_v2(db, "SELECT content_text FROM exercise_content WHERE is_active = 1", -1,
                       &stmt, NULL);
    while (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(stmt, 0);
        int in_word = 0;
        for (; t && *t; t++) {
            int space = *t == ' ' || *t == '\n';
            n += !space && !in_word;
            in_word = !space;
        }
    }
    sqlite3_finalize(stmt);
    return n;
}

static void test_structure(void)
{
    CHECK_INT(scalar("SELECT count(*) FROM workbook_titles WHERE kind = 'part'"), 3);
    CHECK_INT(scalar("SELECT count(*) FROM workbook_titles WHERE kind = 'module'"), 15);
    CHECK_INT(scalar("SELECT count(DISTINCT part_id || '.' || module_id) FROM exercise_sequence"),
              15);
    CHECK(scalar("SELECT count(*) FROM exercise_sequence") >= 50);
    CHECK(scalar("SELECT count(*) FROM exercise_content WHERE content_type = 'prompt'") >= 150);
    long long w = words();
    printf("# workbook words: %lld\n", w);
    CHECK(w >= 25000);
    CHECK_INT(scalar("SELECT count(*) FROM exercise_sequence WHERE version <> 1"), 0);
    /* every exercise: an instruction and a prompt */
    CHECK(none("SELECT full_exercise_id FROM exercise_sequence es WHERE NOT EXISTS (SELECT 1"
               " FROM exercise_content c WHERE c.full_exercise_id = es.full_exercise_id"
               " AND c.content_type = 'instruction')"));
    CHECK(none("SELECT full_exercise_id FROM exercise_sequence es WHERE NOT EXISTS (SELECT 1"
               " FROM exercise_content c WHERE c.full_exercise_id = es.full_exercise_id"
               " AND c.content_type = 'prompt')"));
    /* all five content types are used */
    CHECK_INT(scalar("SELECT count(DISTINCT content_type) FROM exercise_content"), 5);
    /* each module closes with a transition or (at a part's end) a celebration */
    CHECK(none("SELECT es.full_exercise_id FROM exercise_sequence es"
               " WHERE es.sequence_order = (SELECT max(sequence_order) FROM exercise_sequence m"
               "   WHERE m.part_id = es.part_id AND m.module_id = es.module_id)"
               " AND (SELECT content_type FROM exercise_content c"
               "   WHERE c.full_exercise_id = es.full_exercise_id ORDER BY display_order DESC"
               "   LIMIT 1) NOT IN ('transition', 'celebration')"));
    /* each part closes with a celebration and opens with an overview (an instruction first) */
    CHECK(none("SELECT es.full_exercise_id FROM exercise_sequence es"
               " WHERE es.sequence_order = (SELECT max(sequence_order) FROM exercise_sequence m"
               "   WHERE m.part_id = es.part_id)"
               " AND NOT EXISTS (SELECT 1 FROM exercise_content c"
               "   WHERE c.full_exercise_id = es.full_exercise_id"
               "   AND c.content_type = 'celebration')"));
    CHECK(none("SELECT es.full_exercise_id FROM exercise_sequence es"
               " WHERE es.module_id = '1' AND es.exercise_id = '1'"
               " AND (SELECT content_type FROM exercise_content c"
               "   WHERE c.full_exercise_id = es.full_exercise_id ORDER BY display_order"
               "   LIMIT 1) <> 'instruction'"));
    /* every prompt has a typed input */
    CHECK(none("SELECT c.full_exercise_id FROM exercise_content c WHERE c.content_type = 'prompt'"
               " AND NOT EXISTS (SELECT 1 FROM prompt_inputs p WHERE p.content_id = c.id)"));
    CHECK(scalar("SELECT count(DISTINCT json_extract(input_json, '$.type')) FROM prompt_inputs") >=
          7);
    /* a number that counts people or organisations takes whole numbers ("step": 1); hours
     * may have a fraction */
    CHECK(none("SELECT c.full_exercise_id FROM exercise_content c JOIN prompt_inputs p"
               " ON p.content_id = c.id WHERE json_extract(p.input_json, '$.type') = 'number'"
               " AND lower(c.content_text) LIKE '%how many%'"
               " AND lower(c.content_text) NOT LIKE '%how many hours%'"
               " AND json_extract(p.input_json, '$.step') IS NOT 1"));
    CHECK(scalar("SELECT count(*) FROM prompt_inputs WHERE json_extract(input_json, '$.type') ="
                 " 'number' AND json_extract(input_json, '$.step') = 1") >= 2);
}

static void test_tools_and_competencies(void)
{
    /* each tool unlocked by exactly one exercise, in the module the outline names */
    static const char *const unlocks[][2] = {
        {"list-builder", "1.1.1.v1"}, {"soared-story", "1.1"},   {"ranking-grid", "1.1"},
        {"budget-calculator", "1.2"}, {"flow-tracker", "1.3"},   {"failure-reframer", "2.2"},
        {"idea-tree", "2.3"},         {"job-prospector", "3.1"}, {"resume-builder", "3.2"},
        {"networking-prep", "3.3"},
    };
    for (size_t i = 0; i < sizeof unlocks / sizeof *unlocks; i++) {
        char *sql =
            sqlite3_mprintf("SELECT count(*) FROM exercise_sequence WHERE unlocks_tool = %Q"
                            " AND (full_exercise_id = %Q OR part_id || '.' || module_id = %Q)",
                            unlocks[i][0], unlocks[i][1], unlocks[i][1]);
        check_test_name = unlocks[i][0];
        CHECK_INT(scalar(sql), 1);
        sqlite3_free(sql);
    }
    check_test_name = "test_tools_and_competencies";
    CHECK_INT(scalar("SELECT count(*) FROM exercise_sequence WHERE unlocks_tool IS NOT NULL"), 10);

    CHECK_INT(scalar("SELECT count(*) FROM competencies WHERE category = 'delivery'"), 6);
    CHECK_INT(scalar("SELECT count(*) FROM competencies WHERE category = 'interpersonal'"), 5);
    CHECK_INT(scalar("SELECT count(*) FROM competencies WHERE category = 'strategic'"), 4);
    CHECK_INT(scalar("SELECT count(*) FROM competency_levels"), 75);
    CHECK_INT(scalar("SELECT count(DISTINCT description) FROM competency_levels"), 75);
    CHECK_INT(scalar("SELECT count(*) FROM competency_levels WHERE job_context IS NULL"), 0);
    /* the assessment is the first exercise of 2.5: one 1-5 slider per competency, keyed by id */
    CHECK(none("SELECT c.id FROM competencies c WHERE NOT EXISTS (SELECT 1 FROM prompt_inputs p"
               " JOIN exercise_content x ON x.id = p.content_id"
               " WHERE x.full_exercise_id = '2.5.1.v1' AND p.prompt_key = c.id"
               " AND json_extract(p.input_json, '$.type') = 'slider'"
               " AND json_extract(p.input_json, '$.min') = 1"
               " AND json_extract(p.input_json, '$.max') = 5)"));
    static const char *const names[] = {"Analytical Thinking",
                                        "Achievement Focus",
                                        "Drafting Skills",
                                        "Flexible Thinking",
                                        "Managing Resources",
                                        "Teamwork and Team Leadership",
                                        "Client Focus",
                                        "Diplomatic Sensitivity",
                                        "Influencing",
                                        "Negotiating",
                                        "Organizational Knowledge",
                                        "Developing Talent",
                                        "Organizational Alignment",
                                        "Strategic Networking",
                                        "Strategic Thinking"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char *sql = sqlite3_mprintf("SELECT count(*) FROM competencies WHERE name = %Q", names[i]);
        CHECK_INT(scalar(sql), 1);
        sqlite3_free(sql);
    }
}

static void test_reference_data(void)
{
    CHECK_INT(scalar("SELECT count(*) FROM personality_types"), 16);
    CHECK_INT(scalar("SELECT count(DISTINCT name) FROM personality_types"), 16);
    /* summaries of 80-150 words */
    CHECK(none("SELECT code FROM personality_types WHERE"
               " length(summary) - length(replace(summary, ' ', '')) + 1 NOT BETWEEN 80 AND 150"));
    CHECK(scalar("SELECT count(*) FROM skills WHERE is_custom = 0") >= 400);
    CHECK(scalar("SELECT min(n) FROM (SELECT count(*) AS n FROM skills GROUP BY category)") >= 80);
    CHECK_INT(scalar("SELECT count(*) FROM skills WHERE category IS NULL"), 0);
    CHECK_INT(scalar("SELECT count(*) - count(DISTINCT dt_fold_key(name)) FROM skills"), 0);
    CHECK(scalar("SELECT count(*) FROM \"references\"") >= 25);
    /* citation numbers run 1..n, cited works first in order of first appearance */
    CHECK_INT(scalar("SELECT max(citation_number) - count(*) FROM \"references\""), 0);
    CHECK(none("SELECT r.author_surname FROM \"references\" r WHERE r.category NOT IN ("
               "'Career Development & Life Design', 'Personality & Career Fit',"
               " 'Psychology, Performance & Mindset', 'Communication & Storytelling',"
               " 'Networking & Social Theory', 'Skills Assessment & Classification',"
               " 'Organizational Frameworks', 'Online Resources')"));
    CHECK(none("SELECT author_surname FROM \"references\" WHERE json_type(metadata, '$.influence')"
               " IS NULL OR json_type(metadata, '$.key_concepts') <> 'array'"
               " OR json_type(metadata, '$.application') IS NULL"
               " OR json_type(metadata, '$.referenced_in') <> 'array'"));
    /* every reference is used by the workbook */
    CHECK(none("SELECT author_surname FROM \"references\" r WHERE NOT EXISTS (SELECT 1"
               " FROM content_sources s WHERE s.reference_id = r.id)"));
    CHECK(scalar("SELECT count(DISTINCT usage_type) FROM content_sources") >= 3);
}

static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    char *folded = dt_fold_key((const char *)sqlite3_value_text(argv[0]));
    if (folded)
        sqlite3_result_text(ctx, folded, -1, free);
    else
        sqlite3_result_null(ctx);
}

static char workbook_path[600];

/* The yearly reassessment card (spec 13) opens the workbook's own assessment: the exercise whose
 * prompts rate the fifteen competencies. */
static void test_reassessment_card(void)
{
    struct store *st = NULL;
    char err[STORE_ERR_LEN], user[STORE_ID_LEN];
    CHECK_INT(store_open(workbook_path, STORE_OPEN_EXISTING, &st, err), DT_OK);
    if (!st)
        return;
    store_set_now(st, support_now);
    support_user(st, user);
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO user_competency_scores (id, user_id, competency_id, score, assessed_at)"
             " VALUES ('old', '%s', 'analytical-thinking', 3, '2025-06-01T09:00:00Z')",
             user);
    CHECK_INT(support_exec(st, sql), 0);
    struct dailydo *items = NULL;
    size_t n = 0;
    CHECK_INT(store_dailydos_list(st, user, &items, &n), DT_OK);
    const struct dailydo *card = NULL;
    for (size_t i = 0; i < n; i++)
        if (items[i].kind == DAILYDO_REASSESS)
            card = &items[i];
    CHECK(card != NULL);
    if (card) {
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM exercise_content c JOIN prompt_inputs p"
                 " ON p.content_id = c.id WHERE c.full_exercise_id = '%s'"
                 " AND p.prompt_key = 'analytical-thinking'",
                 card->target);
        CHECK_INT(scalar(sql), 1);
        CHECK(strstr(card->subtitle, "2025-06-01") != NULL);
    }
    free(items);
    store_close(&st);
}

int main(void)
{
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    char *path = workbook_path;
    snprintf(workbook_path, sizeof workbook_path, "%s/workbook.db", support_tmpdir());
    if (store_open(path, STORE_OPEN_CREATE, &st, err) != DT_OK) {
        printf("Bail out! %s\n", err);
        return 1;
    }
    struct seed_diags d = {0};
    enum dt_status s = seed_run(st, DT_SOURCE_ROOT "/content", &d, NULL);
    for (size_t i = 0; i < d.n; i++)
        printf("# %s\n", d.items[i]);
    seed_diags_free(&d);
    store_close(&st);
    if (s != DT_OK) {
        printf("Bail out! the project's content does not load: %s\n", dt_status_message(s));
        return 1;
    }
    sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
    /* the store's own folding, so "no duplicate skills" means what the store means by it */
    sqlite3_create_function(db, "dt_fold_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                            sql_fold, NULL, NULL);
    RUN(test_structure);
    RUN(test_tools_and_competencies);
    RUN(test_reference_data);
    RUN(test_reassessment_card);
    sqlite3_close(db);
    return check_done();
}
