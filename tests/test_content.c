/* The seed pipeline: idempotent loads, updates, user data left alone, and the linter's
 * file:line diagnostics on broken content (each error class once). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "check.h"
#include "content.h"
#include "progress.h"
#include "references.h"
#include "responses.h"
#include "seed.h"
#include "support.h"
#include "tools.h"
#include "users.h"

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)n + 1);
    if (data) {
        size_t got = fread(data, 1, (size_t)n, f);
        data[got] = '\0';
    }
    fclose(f);
    return data;
}

static void write_text(const char *dir, const char *name, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* A new content folder holding copies of the fixture's files (workbook files too when asked). */
static const char *content_copy(const char *name, int with_workbook)
{
    static char dirs[32][512];
    static int next;
    char *dir = dirs[next++ % 32];
    support_content_copy(name, dir, sizeof dirs[0], with_workbook != 0, NULL);
    return dir;
}

/* Every row of every table, in a fixed order, as text. */
static char *dump(const char *path, const char *tables)
{
    sqlite3 *db = NULL;
    sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
    sqlite3_str *out = sqlite3_str_new(db);
    char *list = strdup(tables);
    for (char *save = NULL, *t = strtok_r(list, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        char *sql = sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY 1", t);
        sqlite3_stmt *stmt = NULL;
        sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
        sqlite3_free(sql);
        sqlite3_str_appendf(out, "[%s]\n", t);
        while (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(stmt); c++)
                sqlite3_str_appendf(out, "%s|", (const char *)sqlite3_column_text(stmt, c));
            sqlite3_str_appendall(out, "\n");
        }
        sqlite3_finalize(stmt);
    }
    free(list);
    char *text = sqlite3_str_finish(out);
    char *copy = strdup(text ? text : "");
    sqlite3_free(text);
    sqlite3_close(db);
    return copy;
}

static const char content_tables[] =
    "personality_types competencies competency_levels skills tool_types references "
    "exercise_content exercise_sequence content_sources workbook_titles prompt_inputs";
static const char user_tables[] =
    "users user_settings sessions user_modules exercise_responses tool_instances "
    "user_competency_scores exercise_skills";

static enum dt_status seed_at(struct store *st, const char *dir, int64_t now)
{
    store_set_now(st, now);
    struct seed_diags d = {0};
    enum dt_status s = seed_run(st, dir, &d, NULL);
    for (size_t i = 0; i < d.n; i++)
        printf("# %s\n", d.items[i]);
    seed_diags_free(&d);
    return s;
}

static void test_idempotent_and_updates(void)
{
    char path[600];
    snprintf(path, sizeof path, "%s/seeded.db", support_tmpdir());
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st, err), DT_OK);
    const char *dir = content_copy("seeded", 1);
    CHECK_INT(seed_at(st, dir, support_now), DT_OK);

    /* user data that reseeding must leave alone */
    char user[STORE_ID_LEN];
    support_user(st, user);
    support_answer_first(st, user, 4);
    CHECK_INT(store_tools_create(st, user, "list-builder", "standalone", "{\"items\":[1]}", NULL),
              DT_OK);

    char *content1 = dump(path, content_tables), *users1 = dump(path, user_tables);
    CHECK_INT(seed_at(st, dir, support_now + 3600), DT_OK);
    char *content2 = dump(path, content_tables), *users2 = dump(path, user_tables);
    CHECK(strcmp(content1, content2) == 0); /* twice changes nothing, not even updated_at */
    CHECK(strcmp(users1, users2) == 0);
    CHECK(strstr(content1, "Fixture transition out of module 1.1.") != NULL);

    /* changed content updates its rows (and only those) */
    char wb[600];
    snprintf(wb, sizeof wb, "%s/workbook/1-1-roots.md", dir);
    char *text = read_all(wb);
    char *at = strstr(text, "Fixture transition out of module 1.1.");
    memcpy(at, "Fixture TRANSITION", 18);
    write_text(dir, "workbook/1-1-roots.md", text);
    free(text);
    CHECK_INT(seed_at(st, dir, support_now + 7200), DT_OK);
    char *content3 = dump(path, content_tables);
    CHECK(strstr(content3, "Fixture TRANSITION out of module 1.1.") != NULL);
    CHECK(strstr(content3, "2026-11-25T14:00:00Z") != NULL); /* its updated_at */
    CHECK(strstr(content3, "|Fixture transition out") == NULL);
    char *users3 = dump(path, user_tables);
    CHECK(strcmp(users1, users3) == 0);

    /* an exercise taken out of the workbook leaves the sequence; its blocks are deactivated */
    snprintf(wb, sizeof wb, "%s/workbook/2-trunk.md", dir);
    text = read_all(wb);
    at = strstr(text, "### Exercise 2.2.4");
    *at = '\0';
    strcat(text, "### Exercise 2.2.4: Network\nunlocks: networking-prep\n\n"
                 "::: prompt contact\ninput: line\nName one weak tie.\n:::\n");
    write_text(dir, "workbook/2-trunk.md", text);
    free(text);
    CHECK_INT(seed_at(st, dir, support_now + 9000), DT_OK);
    struct source_credit *credits = NULL;
    size_t n = 0;
    CHECK_INT(store_references_for_exercise(st, "2.2.4.v1", &credits, &n), DT_OK);
    CHECK_INT(n, 0); /* the source line went with it */
    store_references_credits_free(&credits, n);
    char *users4 = dump(path, user_tables);
    CHECK(strcmp(users1, users4) == 0);

    free(content1);
    free(content2);
    free(content3);
    free(users1);
    free(users2);
    free(users3);
    free(users4);
    store_close(&st);
}

static void test_fingerprint(void)
{
    const char *dir = content_copy("fingerprint", 1);
    char a[65], b[65], stored[65], stored_dir[1024], signature[65];
    CHECK_INT(seed_fingerprint(dir, a), DT_OK);
    CHECK_INT(seed_fingerprint(dir, b), DT_OK);
    CHECK_STR(a, b);
    CHECK_INT(strlen(a), 64);
    struct store *st = support_store();
    CHECK_INT(seed_at(st, dir, support_now), DT_OK);
    CHECK(!seed_is_stale(st, support_fixture_dir())); /* seeded from another folder: hands off */
    CHECK(!seed_is_stale(st, dir));
    CHECK_INT(store_content_loaded(st, stored_dir, sizeof stored_dir, stored, signature), DT_OK);
    CHECK_INT(strlen(signature), 64);
    /* a file touched but not changed: not stale, and the quick signature follows the touch */
    char touched[600], sig2[65];
    snprintf(touched, sizeof touched, "%s/tools.rec", dir);
    struct timespec times[2] = {{1000000000, 0}, {1000000000, 0}};
    CHECK(utimensat(AT_FDCWD, touched, times, 0) == 0);
    CHECK(!seed_is_stale(st, dir));
    CHECK_INT(store_content_loaded(st, stored_dir, sizeof stored_dir, b, sig2), DT_OK);
    CHECK(strcmp(sig2, signature) != 0);
    CHECK_STR(b, stored); /* the same content */
    CHECK_STR(stored, a);
    CHECK(strstr(stored_dir, "/fingerprint") != NULL && stored_dir[0] == '/');
    /* one changed byte in one workbook file changes it; so does a new file */
    write_text(dir, "workbook/2-trunk.md", "# Part 2: Trunk\n");
    CHECK_INT(seed_fingerprint(dir, b), DT_OK);
    CHECK(strcmp(a, b) != 0);
    CHECK(seed_is_stale(st, dir));
    write_text(dir, "workbook/9-extra.md", "\n");
    CHECK_INT(seed_fingerprint(dir, stored), DT_OK);
    CHECK(strcmp(b, stored) != 0);
    CHECK_INT(seed_fingerprint("/nonexistent/content", a), DT_IO);
    store_close(&st);
    char err[STORE_ERR_LEN];
    CHECK_INT(store_open(":memory:", STORE_OPEN_CREATE, &st, err), DT_OK);
    CHECK(seed_is_stale(st, dir)); /* never seeded */
    store_close(&st);
}

static long count_in(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    long n = -1;
    sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

/* Replaces the first occurrence of from with to in the file dir/name; 0 when it was found. */
static int replace_in(const char *dir, const char *name, const char *from, const char *to)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *text = read_all(path);
    char *at = text ? strstr(text, from) : NULL;
    if (!at) {
        printf("#   \"%s\" not found in %s\n", from, name);
        free(text);
        return -1;
    }
    size_t head = (size_t)(at - text), nfrom = strlen(from), nto = strlen(to);
    char *out = malloc(strlen(text) - nfrom + nto + 1);
    memcpy(out, text, head);
    memcpy(out + head, to, nto);
    strcpy(out + head + nto, at + nfrom);
    write_text(dir, name, out);
    free(out);
    free(text);
    return 0;
}

/* What users see after content changes under them. */
static void test_reseed_effects(void)
{
    char db[600];
    snprintf(db, sizeof db, "%s/reseed.db", support_tmpdir());
    struct store *st = NULL;
    char err[STORE_ERR_LEN], user[STORE_ID_LEN];
    CHECK_INT(store_open(db, STORE_OPEN_CREATE, &st, err), DT_OK);
    const char *dir = content_copy("reseed", 1);
    CHECK_INT(seed_at(st, dir, support_now), DT_OK);
    support_user(st, user);
    support_answer_first(st, user, 11);
    struct user u;
    store_users_get(st, user, &u);
    CHECK(u.workbook_complete);

    /* a new exercise reopens a finished workbook: the resume card comes back */
    CHECK(
        replace_in(dir, "workbook/2-trunk.md", "Fixture celebration: the workbook is done.\n:::\n",
                   "Fixture celebration: the workbook is done.\n:::\n\n"
                   "### Exercise 2.2.5: One more\n\n::: prompt more\ninput: line\nMore?\n:::\n") ==
        0);
    CHECK_INT(seed_at(st, dir, support_now + 60), DT_OK);
    store_users_get(st, user, &u);
    CHECK(!u.workbook_complete);
    struct exercise_ref next;
    CHECK_INT(store_progress_next(st, user, &next), DT_OK);
    CHECK_STR(next.full_exercise_id, "2.2.5.v1");

    /* a prompt that becomes an instruction (same place, so same row) loses its typed input */
    const char *walk = "SELECT count(*) FROM prompt_inputs WHERE prompt_key = 'walk_away'";
    CHECK_INT(count_in(db, walk), 1);
    CHECK(replace_in(dir, "workbook/1-2-money.md",
                     "::: prompt walk_away\ninput: number min=0 max=10000000\n",
                     "::: instruction\n") == 0);
    CHECK(
        replace_in(dir, "workbook/1-2-money.md", "Your walk-away number?\n:::\n",
                   "Your walk-away number?\n:::\n\n::: prompt note\ninput: line\nA note?\n:::\n") ==
        0);
    CHECK_INT(seed_at(st, dir, support_now + 120), DT_OK);
    CHECK_INT(count_in(db, walk), 0);
    CHECK_INT(count_in(db, "SELECT count(*) FROM prompt_inputs WHERE prompt_key = 'note'"), 1);

    /* a tool taken out of tools.rec is retired: nobody can start a new one */
    CHECK(
        replace_in(dir, "tools.rec",
                   "id: networking-prep\nsingular: Networking Prep\nplural: Networking Preps\n"
                   "icon: users\nreminder: daily\nprompt: Reach out to one contact or prepare for a"
                   " meeting\n\n",
                   "") == 0);
    CHECK(replace_in(dir, "workbook/2-trunk.md", "unlocks: networking-prep\n", "") == 0);
    CHECK_INT(seed_at(st, dir, support_now + 180), DT_OK);
    CHECK_INT(store_tools_create(st, user, "networking-prep", "standalone", "{}", NULL),
              DT_INVALID);
    struct tool_type tt;
    CHECK_INT(store_tools_type(st, "networking-prep", &tt), DT_OK);
    CHECK(!tt.is_active);
    store_close(&st);
}

static void test_bad_content_is_not_loaded(void)
{
    struct store *st = support_store();
    const char *dir = content_copy("half-broken", 1);
    write_text(dir, "workbook/3-broken.md", "# Part 3: Broken\n\nstray words\n");
    struct seed_diags d = {0};
    CHECK_INT(seed_run(st, dir, &d, NULL), DT_INVALID);
    CHECK_INT(d.n, 1);
    seed_diags_free(&d);
    /* the earlier load stands: still 11 exercises */
    struct exercise_ref *seq = NULL;
    size_t n = 0;
    CHECK_INT(store_progress_sequence(st, &seq, &n), DT_OK);
    CHECK_INT(n, 11);
    free(seq);
    store_close(&st);
}

/* Part 3's one exercise, the control of the variants below: 3.1.1 at line 3, its prompt "a" at
 * line 5; a variant's heading comes at line 10. */
#define VARIANT_CONTROL                                                                            \
    "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n::: prompt a\ninput: line\nQ?\n:::\n\n"

/* One broken workbook (or data file) per error class, and the diagnostic it must produce. */
static const struct {
    const char *name;
    const char *file;
    const char *text;
    const char *want;
    int alone; /* without the fixture workbook */
} broken[] = {
    {"unknown-tool", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\nunlocks: teleporter\n\n"
     "::: prompt a\ninput: line\nQ?\n:::\n",
     "3-x.md:3: unknown tool \"teleporter\"", 0},
    {"unknown-tool-input", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: tool teleporter\nQ?\n:::\n",
     "3-x.md:5: unknown tool \"teleporter\"", 0},
    {"tool-min-fraction", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: tool flow-tracker min=2.5\nQ?\n:::\n",
     "3-x.md:6: a tool's min and max count entries: whole numbers from 1 to 1000", 0},
    {"tool-max-zero", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: tool flow-tracker max=0\nQ?\n:::\n",
     "3-x.md:6: a tool's min and max count entries: whole numbers from 1 to 1000", 0},
    {"unlocked-twice", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\nunlocks: flow-tracker\n\n"
     "::: prompt a\ninput: line\nQ?\n:::\n",
     "3-x.md:3: tool \"flow-tracker\" is unlocked twice (also by 2.1.1.v1)", 0},
    {"gap", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.2: Z\n\n"
     "::: prompt a\ninput: line\nQ?\n:::\n",
     "3-x.md:3: gap in the sequence: exercise 3.1.2 follows 2.2.4", 0},
    {"no-input", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n::: prompt a\nQ?\n:::\n",
     "3-x.md:5: prompt without an input type", 0},
    {"choice-no-options", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: choice\nQ?\n:::\n",
     "3-x.md:6: a choice input needs at least two \"option:\" lines", 0},
    {"empty-block", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: line\nQ?\n:::\n\n::: reflection\n\n:::\n",
     "3-x.md:10: empty reflection block", 0},
    {"invalid-utf8", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: line\nQ\xc3\x28?\n:::\n",
     "3-x.md:7: invalid UTF-8", 0},
    {"control-char", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: line\nQ\x1b[31m?\n:::\n",
     "3-x.md:7: control character U+001B", 0},
    {"tag-char", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: line\nQ?\xF3\xA0\x81\xA8\xF3\xA0\x81\xA9\n:::\n",
     "3-x.md:7: invisible tag character U+E0068", 0},
    {"tag-char-in-a-flag", "skills.rec",
     "category: transferable\nskill: Budgeting\nskill: Scots \xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7"
     "\xF3\xA0\x81\xA2\xF3\xA0\x81\xB3\xF3\xA0\x81\xA3\xF3\xA0\x81\xB4\xF3\xA0\x81\xBF\n",
     "skills.rec:3: invisible tag character U+E0067", 0},
    {"amount-on-a-line", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: line amount\nQ?\n:::\n",
     "3-x.md:6: \"amount\" belongs to number inputs only", 0},
    {"single-star-emphasis", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: instruction\nFine **strong**, 5 * 3 and a * b.\nNot *this* one.\n:::\n\n"
     "::: prompt a\ninput: line\nQ?\n:::\n",
     "3-x.md:7: *one star* is not emphasis here: write **two stars**", 0},
    {"missing-reference", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\nsource: nobody-1999 concept\n\n"
     "::: prompt a\ninput: line\nQ?\n:::\n",
     "3-x.md:4: reference \"nobody-1999\" is cited but missing", 0},
    {"unclosed", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n::: prompt a\ninput: line\nQ?\n",
     "3-x.md:5: block is not closed", 0},
    /* variants: a control at line 3 (prompt "a", a line, at 5), a variant heading at 10 */
    {"variant-lacks-prompt", "workbook/3-x.md",
     VARIANT_CONTROL "### Exercise 3.1.1: Z\nvariant: variant_a\n\n"
                     "::: prompt b\ninput: line\nQ?\n:::\n",
     "3-x.md:10: variant \"variant_a\" of exercise 3.1.1 lacks the prompt \"a\" its control has"
     " (",
     0},
    {"variant-other-input", "workbook/3-x.md",
     VARIANT_CONTROL "### Exercise 3.1.1: Z\nvariant: variant_a\n\n"
                     "::: prompt a\ninput: text\nQ?\n:::\n",
     "3-x.md:13: prompt \"a\" takes a text input in variant \"variant_a\" but a line input in"
     " the control (",
     0},
    {"variant-other-tool", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: tool list-builder\nQ?\n:::\n\n"
     "### Exercise 3.1.1: Z\nvariant: variant_a\n\n"
     "::: prompt a\ninput: tool flow-tracker\nQ?\n:::\n",
     "3-x.md:13: prompt \"a\" takes a tool flow-tracker input in variant \"variant_a\" but a"
     " tool list-builder input",
     0},
    {"variant-without-control", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\nvariant: variant_a\n\n"
     "::: prompt a\ninput: line\nQ?\n:::\n",
     "3-x.md:3: exercise 3.1.1 has the variant \"variant_a\" but no control", 0},
    {"variant-with-settings", "workbook/3-x.md",
     VARIANT_CONTROL "### Exercise 3.1.1: Z\nvariant: variant_a\nrequired: no\n\n"
                     "::: prompt a\ninput: line\nQ?\n:::\n",
     "3-x.md:10: a variant takes \"required:\", \"unlocks:\", \"version:\" and \"source:\""
     " from its control",
     0},
    {"variant-twice", "workbook/3-x.md",
     VARIANT_CONTROL "### Exercise 3.1.1: Z\nvariant: variant_a\n\n"
                     "::: prompt a\ninput: line\nQ?\n:::\n\n"
                     "### Exercise 3.1.1: Z\nvariant: variant_a\n\n"
                     "::: prompt a\ninput: line\nQ?\n:::\n",
     "3-x.md:18: duplicate variant \"variant_a\" of exercise 3.1.1 (first at ", 0},
    {"control-twice", "workbook/3-x.md",
     VARIANT_CONTROL "### Exercise 3.1.1: Z\nvariant: control\n\n"
                     "::: prompt a\ninput: line\nQ?\n:::\n",
     "3-x.md:10: duplicate exercise 3.1.1 (first at ", 0},
    {"variant-name", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\nvariant: Variant A\n\n"
     "::: prompt a\ninput: line\nQ?\n:::\n",
     "3-x.md:4: a variant is named with lowercase letters, digits, '_' or '-', at most 31", 0},
    {"no-prompt", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n::: instruction\nRead.\n:::\n",
     "3-x.md:3: exercise 3.1.1 has no prompt", 0},
    {"duplicate-skill", "skills.rec",
     "category: transferable\nskill: Budgeting\nskill: Patience\n\n"
     "category: knowledge\nskill: BUDGETING\n",
     "skills.rec:6: duplicate skill \"BUDGETING\" (first at", 0},
    {"never-unlocked", "tools.rec",
     "id: flow-tracker\nsingular: Flow Log\nplural: Flow Logs\nicon: waves\nreminder: daily\n"
     "prompt: Track\n\nid: spare-tool\nsingular: Spare\nplural: Spares\nicon: x\nreminder: none\n",
     "tools.rec:8: tool \"spare-tool\" is never unlocked", 0},
    {"bad-slider", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: slider min=1 max=5\nstop: 1 = Low\nstop: 9 = Off the scale\nQ?\n:::\n",
     "3-x.md:8: a stop is \"stop: N = label\" with N between min and max", 0},
    {"step-zero", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: number min=0 max=40 step=0\nQ?\n:::\n",
     "3-x.md:6: step must be a number above zero", 0},
    {"step-negative", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: slider min=1 max=5 step=-1\nstop: 1 = Low\nstop: 5 = High\nQ?\n:::\n",
     "3-x.md:6: step must be a number above zero", 0},
    {"step-not-a-number", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: number min=0 step=one\nQ?\n:::\n",
     "3-x.md:6: step must be a number above zero", 0},
    /* inputs the directives allow but the screens could not ask: read back as they will be */
    {"option-twice", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: choice\noption: Yes\noption: No\noption: Yes\nQ?\n:::\n",
     "3-x.md:6: option \"Yes\" is given twice", 0},
    {"option-empty", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: choices\noption: Yes\noption:\nQ?\n:::\n",
     "3-x.md:6: an option may not be empty", 0},
    {"choices-min-above-options", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: choices min=3\noption: Yes\noption: No\nQ?\n:::\n",
     "3-x.md:6: min asks for 3 choices, but there are 2 options", 0},
    {"stops-same-value", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: slider min=1 max=5\nstop: 1 = Low\nstop: 1.0 = Very low\nQ?\n:::\n",
     "3-x.md:6: stops \"Low\" and \"Very low\" have the same value", 0},
    {"list-min-fraction", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: list min=2.5\nQ?\n:::\n",
     "3-x.md:6: the min and max of a list input count items: whole numbers, max from 1", 0},
    {"line-max-zero", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: line max=0\nQ?\n:::\n",
     "3-x.md:6: the max of a line input is its length in characters: a whole number from 1", 0},
    {"outside-block", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\nLoose text.\n",
     "3-x.md:5: text outside a block", 0},
    {"comment-unclosed", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n<!-- note to self\n\n"
     "::: prompt a\ninput: line\nQ?\n:::\n",
     "3-x.md:4: comment is not closed", 0},
    {"block-extra-word", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a b\ninput: line\nQ?\n:::\n",
     "3-x.md:5: a block opens with", 0},
    {"starts-late", "workbook/a.md",
     "# Part 1: X\n## Module 1.2: Y\n### Exercise 1.2.1: Z\n\n"
     "::: prompt a\ninput: line\nQ?\n:::\n",
     "a.md:3: gap in the sequence: the workbook starts at 1.2.1, not 1.1.1", 1},
    {"prompt-key-twice", "workbook/3-x.md",
     "# Part 3: X\n## Module 3.1: Y\n### Exercise 3.1.1: Z\n\n"
     "::: prompt a\ninput: line\nQ?\n:::\n\n::: prompt a\ninput: line\nQ again?\n:::\n",
     "3-x.md:10: duplicate prompt key \"a\" (first at ", 0},
    {"tool-id-twice", "tools.rec",
     "id: flow-tracker\nsingular: Flow Log\nplural: Flow Logs\nicon: waves\nreminder: none\n\n"
     "id: zz-last\nsingular: Z\nplural: Zs\nicon: z\nreminder: none\n\n"
     "id: flow-tracker\nsingular: Again\nplural: Agains\nicon: x\nreminder: none\n",
     "tools.rec:13: duplicate tool id \"flow-tracker\" (first at ", 0},
    {"field-twice", "references.rec",
     "key: a-1\nkey: a-2\nsurname: A\ncitation: A. B. 2000.\nshort: A, B\n",
     "references.rec:2: field \"key\" is given twice", 0},
    {"order-not-a-number", "competencies.rec",
     "id: x\nname: X\ncategory: delivery\norder: 2x\ndefinition: D.\nlevel 1: a\nlevel 2: b\n"
     "level 3: c\nlevel 4: d\nlevel 5: e\n",
     "competencies.rec:1: \"order\" must be a whole number from 1 to 99", 0},
    {"level-six", "competencies.rec",
     "id: x\nname: X\ncategory: delivery\norder: 1\ndefinition: D.\nlevel 1: a\nlevel 2: b\n"
     "level 3: c\nlevel 4: d\nlevel 5: e\nlevel 6: f\n",
     "competencies.rec:11: unknown field \"level 6\"", 0},
};

static int has_diag(const struct seed_diags *d, const char *want)
{
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->items[i], want))
            return 1;
    return 0;
}

static void test_linter(void)
{
    /* the fixtures themselves are clean */
    struct seed_content *c = NULL;
    struct seed_diags d = {0};
    CHECK_INT(seed_check_dir(support_fixture_dir(), &c, &d), DT_OK);
    CHECK_INT(d.n, 0);
    struct seed_counts counts;
    seed_content_counts(c, &counts);
    CHECK_INT(counts.exercises, 11);
    CHECK_INT(counts.prompts, 13);
    CHECK_INT(counts.tools, 10);
    CHECK_INT(counts.variants, 0);
    seed_content_free(&c);

    /* a variant of 1.1.1 is a copy of its blocks, not a twelfth exercise */
    CHECK_INT(seed_check_dir(support_variant_content(), &c, &d), DT_OK);
    for (size_t k = 0; k < d.n; k++)
        printf("#   %s\n", d.items[k]);
    seed_content_counts(c, &counts);
    CHECK_INT(counts.exercises, 11);
    CHECK_INT(counts.variants, 1);
    CHECK_INT(counts.prompts, 14);
    seed_content_free(&c);
    seed_diags_free(&d);
    support_content_remove();

    for (size_t i = 0; i < sizeof broken / sizeof *broken; i++) {
        const char *dir = content_copy(broken[i].name, !broken[i].alone);
        write_text(dir, broken[i].file, broken[i].text);
        struct seed_diags diags = {0};
        enum dt_status s = seed_check_dir(dir, &c, &diags);
        check_test_name = broken[i].name;
        CHECK_INT(s, DT_INVALID);
        if (!CHECK(has_diag(&diags, broken[i].want)))
            for (size_t k = 0; k < diags.n; k++)
                printf("#   got: %s\n", diags.items[k]);
        seed_diags_free(&diags);
        seed_content_free(&c);
    }
    check_test_name = "test_linter";

    /* the project's own content/ is clean */
    CHECK_INT(seed_check_dir(DT_SOURCE_ROOT "/content", &c, &d), DT_OK);
    for (size_t k = 0; k < d.n; k++)
        printf("#   %s\n", d.items[k]);
    seed_content_counts(c, &counts);
    CHECK_INT(counts.tools, 10);
    seed_content_free(&c);
    seed_diags_free(&d);

    /* a missing folder and a folder without tools.rec are reported, not crashed on */
    CHECK_INT(seed_check_dir("/nonexistent/content", &c, &d), DT_INVALID);
    seed_content_free(&c);
    seed_diags_free(&d);
    const char *empty = content_copy("empty", 0);
    char tools[600];
    snprintf(tools, sizeof tools, "%s/tools.rec", empty);
    remove(tools);
    CHECK_INT(seed_check_dir(empty, &c, &d), DT_INVALID);
    CHECK(has_diag(&d, "tools.rec: missing"));
    seed_content_free(&c);
    seed_diags_free(&d);
}

/* Hostile content: thousands of repeated part and module headings. Each repeat is reported
 * once, against the first heading, in file order; only the first SEED_DIAGS_KEPT reports are
 * kept and the rest counted. Comparing every heading with every other (and reporting each pair)
 * took minutes and gigabytes for this file: the meson timeout catches that coming back. */
static void test_repeated_headings(void)
{
    enum { REPEATS = 20000 };
    const char *dir = content_copy("repeated-headings", 0);
    char path[600];
    snprintf(path, sizeof path, "%s/workbook/1-1-repeats.md", dir);
    FILE *f = fopen(path, "wb");
    if (!CHECK(f != NULL))
        return;
    for (int i = 0; i <= REPEATS; i++) /* line 2i+1 a part, line 2i+2 a module */
        fputs("# Part 1: Again\n## Module 1.1: And again\n", f);
    fclose(f);
    struct seed_content *c = NULL;
    struct seed_diags d = {0};
    CHECK_INT(seed_check_dir(dir, &c, &d), DT_INVALID);
    CHECK_INT(d.n, SEED_DIAGS_KEPT);
    CHECK_INT(d.n + d.more, 2 * REPEATS);
    char first_part[700], first_module[700];
    snprintf(first_part, sizeof first_part, "duplicate heading for part 1 (first at %s:1)", path);
    snprintf(first_module, sizeof first_module, "duplicate heading for module 1.1 (first at %s:2)",
             path);
    size_t plen = strlen(path);
    long last = 2;
    int in_order = 1, against_first = 1;
    for (size_t i = 0; i < d.n; i++) {
        const char *item = d.items[i];
        long line = strncmp(item, path, plen) == 0 && item[plen] == ':' ? atol(item + plen + 1) : 0;
        in_order &= line == last + 1; /* every repeat once, in file order */
        last = line;
        against_first &= strstr(item, line % 2 ? first_part : first_module) != NULL;
    }
    if (!CHECK(in_order && against_first))
        for (size_t i = 0; i < d.n && i < 5; i++)
            printf("#   got: %s\n", d.items[i]);
    seed_diags_free(&d);
    seed_content_free(&c);
}

static void test_real_tools(void)
{
    /* content/tools.rec holds the spec's ten tool types exactly */
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    CHECK_INT(store_open(":memory:", STORE_OPEN_CREATE, &st, err), DT_OK);
    struct seed_diags d = {0};
    CHECK_INT(seed_run(st, DT_SOURCE_ROOT "/content", &d, NULL), DT_OK);
    seed_diags_free(&d);
    static const struct {
        const char *id, *name, *frequency;
    } spec[] = {
        {"flow-tracker", "Flow Log", "daily"},
        {"failure-reframer", "Reframe", "weekly"},
        {"budget-calculator", "Budget", "monthly"},
        {"soared-story", "SOARED Story", "monthly"},
        {"networking-prep", "Networking Prep", "daily"},
        {"job-prospector", "Job Tracker", "daily"},
        {"list-builder", "List", ""},
        {"ranking-grid", "Ranking", ""},
        {"idea-tree", "Idea Tree", ""},
        {"resume-builder", "Resume", ""},
    };
    struct tool_type *types = NULL;
    size_t n = 0;
    CHECK_INT(store_tools_types(st, &types, &n), DT_OK);
    CHECK_INT(n, 10);
    free(types);
    for (size_t i = 0; i < sizeof spec / sizeof *spec; i++) {
        struct tool_type t;
        CHECK_INT(store_tools_type(st, spec[i].id, &t), DT_OK);
        CHECK_STR(t.singular_name, spec[i].name);
        CHECK_STR(t.reminder_frequency, spec[i].frequency);
        CHECK(t.has_reminder == (spec[i].frequency[0] != '\0'));
        CHECK(t.has_reminder ? t.reminder_prompt[0] != '\0' : t.reminder_prompt[0] == '\0');
        CHECK(t.icon_name[0] != '\0' && t.plural_name[0] != '\0');
    }
    store_close(&st);
}

int main(void)
{
    RUN(test_idempotent_and_updates);
    RUN(test_fingerprint);
    RUN(test_reseed_effects);
    RUN(test_bad_content_is_not_loaded);
    RUN(test_linter);
    RUN(test_repeated_headings);
    RUN(test_real_tools);
    return check_done();
}
