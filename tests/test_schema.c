/* Schema conformance: the database dreamtree creates must match the DDL of the spec
 * (SCHEMA-SPEC.md) table for table, column for column, key for key and index for index; every
 * addition must be documented; deleting a user must cascade as the spec's section 8 says.
 * The spec's DDL is read from the copy in tests/fixtures/schema-spec.sql, so the test runs on a
 * fresh clone; when the spec itself is beside the repository (../shared), the copy must match
 * it. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "check.h"
#include "store.h"

#define NOW "'2026-11-25T12:00:00Z'"
#define CHECK_NAMED(ok, what) check_named(__FILE__, __LINE__, (ok), (what))

static sqlite3 *spec_db, *live_db;
static char *spec_sql, *extra_sql, *tmp_dir, *live_path, *fixture_text;

/* check_at with a description made by sqlite3_mprintf, which it frees. */
static int check_named(const char *file, int line, int ok, char *what)
{
    int r = check_at(file, line, ok, what ? what : "(out of memory)");
    sqlite3_free(what);
    return r;
}

/* The whole file as a NUL-terminated string (free), or NULL. */
static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    long n = f && fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    char *text = n >= 0 && fseek(f, 0, SEEK_SET) == 0 ? malloc((size_t)n + 1) : NULL;
    if (text)
        text[fread(text, 1, (size_t)n, f)] = '\0';
    if (f)
        fclose(f);
    return text;
}

/* s with the first limit (0: every) occurrences of from replaced by to; sqlite3_free it. */
static char *replace(const char *s, const char *from, const char *to, int limit, int *count)
{
    sqlite3_str *out = sqlite3_str_new(NULL);
    size_t n = strlen(from);
    int done = 0;
    for (const char *hit; (limit == 0 || done < limit) && (hit = strstr(s, from)); s = hit + n) {
        sqlite3_str_append(out, s, (int)(hit - s));
        sqlite3_str_appendall(out, to);
        done++;
    }
    sqlite3_str_appendall(out, s);
    if (count)
        *count = done;
    char *r = sqlite3_str_finish(out);
    return r ? r : sqlite3_mprintf("");
}

/* The spec's DDL as the spec writes it: every ```sql block that creates tables or indexes (the
 * others hold queries), each from the newline after its fence, in order; sqlite3_free it. */
static char *spec_blocks(const char *md)
{
    sqlite3_str *out = sqlite3_str_new(NULL);
    for (const char *p = md; (p = strstr(p, "```sql"));) {
        const char *body = strchr(p, '\n');
        const char *end = body ? strstr(body, "\n```") : NULL;
        if (!end)
            break;
        char *block = sqlite3_mprintf("%.*s", (int)(end - body), body);
        if (block && (strstr(block, "CREATE TABLE") || strstr(block, "CREATE INDEX")))
            sqlite3_str_appendf(out, "%s\n", block);
        sqlite3_free(block);
        p = end + 4;
    }
    return sqlite3_str_finish(out);
}

/* The copy in tests/fixtures without its leading comment lines: what spec_blocks gives. */
static const char *fixture_blocks(const char *fixture)
{
    while (strncmp(fixture, "--", 2) == 0) {
        const char *next = strchr(fixture, '\n');
        fixture = next ? next + 1 : fixture + strlen(fixture);
    }
    return fixture;
}

/* The DDL with the keyword table name quoted as db/schema.sql quotes it; sqlite3_free it. */
static char *quoted_ddl(const char *blocks)
{
    static const char *const quote[][2] = {
        {"CREATE TABLE references (", "CREATE TABLE \"references\" ("},
        {" ON references(", " ON \"references\"("},
        {"REFERENCES references(", "REFERENCES \"references\"("},
    };
    char *ddl = sqlite3_mprintf("%s", blocks);
    for (size_t i = 0; ddl && i < sizeof quote / sizeof quote[0]; i++) {
        char *next = replace(ddl, quote[i][0], quote[i][1], 0, NULL);
        sqlite3_free(ddl);
        ddl = next;
    }
    return ddl;
}

/* A raw :memory: database made from sql; NULL (and a diagnostic) when sql fails. */
static sqlite3 *memory_db(const char *sql)
{
    sqlite3 *db = NULL;
    char *msg = NULL;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK || sqlite3_exec(db, sql, NULL, NULL, &msg)) {
        printf("#   cannot build the database: %s\n", msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

static int word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Whether text holds word as a whole word (a name in SQL or markdown). */
static int mentions(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; p && (p = strstr(p, word)); p++)
        if ((p == text || !word_char(p[-1])) && !word_char(p[n]))
            return 1;
    return 0;
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql, const char *arg)
{
    sqlite3_stmt *stmt = NULL;
    if (db && sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK && arg)
        sqlite3_bind_text(stmt, 1, arg, -1, SQLITE_TRANSIENT);
    return stmt;
}

/* The first column of the first row as an integer; -1 when the query fails. */
static long long scalar(sqlite3 *db, const char *sql, const char *arg)
{
    sqlite3_stmt *stmt = prepare(db, sql, arg);
    long long v = stmt && sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    return v;
}

/* The first column of every row, as a NULL-terminated array (free_names). */
static char **names(sqlite3 *db, const char *sql, const char *arg, size_t *count)
{
    sqlite3_stmt *stmt = prepare(db, sql, arg);
    char **list = calloc(1, sizeof *list);
    size_t n = 0;
    while (list && stmt && sqlite3_step(stmt) == SQLITE_ROW) {
        char **bigger = realloc(list, (n + 2) * sizeof *list);
        if (!bigger)
            break;
        list = bigger;
        list[n++] = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(stmt, 0));
        list[n] = NULL;
    }
    sqlite3_finalize(stmt);
    if (count)
        *count = n;
    return list;
}

static void free_names(char **list)
{
    for (size_t i = 0; list && list[i]; i++)
        sqlite3_free(list[i]);
    free(list);
}

/* Every row of a query on arg as one line of text: columns joined by '|', rows by " ; ",
 * whitespace runs collapsed to one space, NULL as "NULL". Rows whose first column is a name in
 * skip are left out. sqlite3_free the result. */
static char *rows(sqlite3 *db, const char *sql, const char *arg, const char *skip)
{
    sqlite3_stmt *stmt = prepare(db, sql, arg);
    if (!stmt)
        return sqlite3_mprintf("(query failed: %s)", db ? sqlite3_errmsg(db) : "no database");
    sqlite3_str *out = sqlite3_str_new(NULL);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        const char *first = (const char *)sqlite3_column_text(stmt, 0);
        if (skip && first && mentions(skip, first))
            continue;
        if (sqlite3_str_length(out))
            sqlite3_str_appendall(out, " ; ");
        for (int c = 0; c < sqlite3_column_count(stmt); c++) {
            const char *v = (const char *)sqlite3_column_text(stmt, c);
            if (c)
                sqlite3_str_appendchar(out, 1, '|');
            int space = 0;
            for (const char *p = v ? v : "NULL"; *p; p++) {
                if (!isspace((unsigned char)*p))
                    sqlite3_str_appendchar(out, 1, *p);
                else if (!space)
                    sqlite3_str_appendchar(out, 1, ' ');
                space = isspace((unsigned char)*p);
            }
        }
    }
    sqlite3_finalize(stmt);
    char *r = sqlite3_str_finish(out);
    return r ? r : sqlite3_mprintf("");
}

/* What is compared: rows of a query on the table, or on each of the spec's indexes of it. */
static const struct aspect {
    int of_index;    /* 0: asked of the table; 1: of each index */
    int allow_extra; /* the db may also have rows named in db/schema-extra.sql or migrate-N.sql */
    const char *what, *sql;
} aspects[] = {
    {0, 0, "columns",
     "SELECT cid, name, type, \"notnull\", dflt_value, pk"
     " FROM pragma_table_info(?1)"},
    {0, 0, "foreign keys",
     "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete,"
     " match FROM pragma_foreign_key_list(?1)"},
    {0, 1, "indexes",
     "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?1)"
     " ORDER BY name"},
    {0, 0, "sql", "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1"},
    {1, 0, "columns", "SELECT seqno, cid, name FROM pragma_index_info(?1)"},
    {1, 0, "sql", "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1"},
};

/* How many ways db's table (and its indexes) differ from the spec's; *diag (sqlite3_free) describes
 * them. The one comparison used both on the live database and on the deliberately wrong one. */
static int compare_table(sqlite3 *spec, sqlite3 *db, const char *table, char **diag)
{
    int diffs = 0;
    sqlite3_str *text = sqlite3_str_new(NULL);
    char **indexes = names(spec, "SELECT name FROM pragma_index_list(?1)", table, NULL);
    for (size_t a = 0; a < sizeof aspects / sizeof aspects[0]; a++) {
        for (size_t i = 0; aspects[a].of_index ? indexes && indexes[i] : i == 0; i++) {
            const char *name = aspects[a].of_index ? indexes[i] : table;
            char *want = rows(spec, aspects[a].sql, name, NULL);
            char *got = rows(db, aspects[a].sql, name, aspects[a].allow_extra ? extra_sql : NULL);
            if (!want || !got || strcmp(want, got) != 0) {
                diffs++;
                sqlite3_str_appendf(text, "#   %s %s, %s differ\n#     spec: %s\n#     db:   %s\n",
                                    aspects[a].of_index ? "index" : "table", name, aspects[a].what,
                                    want, got);
            }
            sqlite3_free(want);
            sqlite3_free(got);
        }
    }
    free_names(indexes);
    *diag = sqlite3_str_finish(text);
    return diffs;
}

static const char *const tables_sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
                                      " AND name NOT LIKE 'sqlite_%' ORDER BY name";

/* The copy must say what the spec says, when the spec is there to ask. */
static void test_copy_matches_spec(void)
{
    char *md = read_text(DT_SPEC);
    if (!md) {
        printf("# %s not found: the copy in tests/fixtures is taken as it is\n", DT_SPEC);
        return;
    }
    char *blocks = spec_blocks(md);
    free(md);
    CHECK(blocks != NULL && fixture_text != NULL);
    if (blocks && fixture_text &&
        !CHECK_NAMED(strcmp(blocks, fixture_blocks(fixture_text)) == 0,
                     sqlite3_mprintf("tests/fixtures/schema-spec.sql is the spec's DDL")))
        printf("#   copy the spec's CREATE blocks into tests/fixtures/schema-spec.sql again\n");
    sqlite3_free(blocks);
}

static void test_spec_ddl(void)
{
    CHECK(spec_sql != NULL && spec_db != NULL);
    CHECK_INT(scalar(spec_db,
                     "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                     " AND name NOT LIKE 'sqlite_%'",
                     NULL),
              19);
    CHECK_INT(scalar(spec_db,
                     "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                     " AND name NOT LIKE 'sqlite_autoindex_%'",
                     NULL),
              25);
}

static void test_live_matches_spec(void)
{
    CHECK(live_db != NULL);
    CHECK(extra_sql != NULL);
    char **tables = names(spec_db, tables_sql, NULL, NULL);
    for (size_t i = 0; tables && tables[i]; i++) {
        char *diag = NULL;
        int diffs = compare_table(spec_db, live_db, tables[i], &diag);
        CHECK_NAMED(diffs == 0, sqlite3_mprintf("table %s matches the spec", tables[i]));
        fputs(diag ? diag : "", stdout);
        sqlite3_free(diag);
    }
    free_names(tables);
}

/* The comparison is only worth something if it notices a change; each of these breaks the spec
 * DDL in one place that a careless migration could. */
static void test_comparison_can_fail(void)
{
    static const struct {
        const char *table, *from, *to;
    } breaks[] = {
        {"users", "created_at TEXT NOT NULL", "created_at TEXT"},
        {"skills", " ON DELETE SET NULL", ""},
        {"tool_instances", "REFERENCES users(id) ON DELETE CASCADE,\n    FOREIGN KEY (tool_type)",
         "REFERENCES users(id),\n    FOREIGN KEY (tool_type)"},
        {"skills", " WHERE is_custom = 1", ""},
        {"user_competency_scores", "BETWEEN 1 AND 5", "BETWEEN 0 AND 5"},
        /* an index that neither the spec nor db/schema-extra.sql names */
        {"exercise_sequence", "CREATE INDEX idx_exercise_sequence_order",
         "CREATE INDEX idx_unlisted ON exercise_sequence(version);\n"
         "CREATE INDEX idx_exercise_sequence_order"},
    };
    for (size_t b = 0; b < sizeof breaks / sizeof breaks[0]; b++) {
        int found = 0;
        char *sql = replace(spec_sql ? spec_sql : "", breaks[b].from, breaks[b].to, 1, &found);
        sqlite3 *broken = memory_db(sql);
        CHECK_NAMED(found == 1 && broken != NULL,
                    sqlite3_mprintf("spec DDL broken in %s still builds", breaks[b].table));
        char *diag = NULL;
        int diffs = compare_table(spec_db, broken, breaks[b].table, &diag);
        CHECK_NAMED(diffs > 0 && diag && strstr(diag, breaks[b].table),
                    sqlite3_mprintf("the comparison notices %s changed", breaks[b].table));
        sqlite3_free(diag);
        sqlite3_close(broken);
        sqlite3_free(sql);
    }
}

static void test_additions_documented(void)
{
    const char *doc_path = DT_SOURCE_ROOT "/docs/schema.md";
    char *doc = read_text(doc_path);
    if (!CHECK(doc != NULL))
        printf("#   %s is missing; it must name every table, index and trigger the spec lacks\n",
               doc_path);
    char **objects = names(live_db,
                           "SELECT name FROM sqlite_master WHERE type IN"
                           " ('table', 'index', 'trigger') AND name NOT LIKE 'sqlite_%'",
                           NULL, NULL);
    int extras = 0;
    for (size_t i = 0; objects && objects[i]; i++) {
        if (scalar(spec_db, "SELECT count(*) FROM sqlite_master WHERE name = ?1", objects[i]) != 0)
            continue;
        extras++;
        if (doc)
            CHECK_NAMED(mentions(doc, objects[i]),
                        sqlite3_mprintf("%s (not in the spec) is in docs/schema.md", objects[i]));
    }
    CHECK(extras > 0); /* the additions exist, so the loop above checked something */
    free_names(objects);
    free(doc);
}

/* Reference data (spec section 8): a user's deletion must never touch it. */
static const char *const reference_tables =
    "personality_types competencies competency_levels"
    " skills tool_types references content_sources exercise_content exercise_sequence";

static const char *const reference_rows_sql =
    "INSERT INTO personality_types VALUES ('INTJ', 'The Architect', 'Plans ahead.');"
    "INSERT INTO competencies VALUES ('comp', 'Analytical Thinking', 'Thinks.', 'delivery', 1,"
    " NULL);"
    "INSERT INTO competency_levels VALUES ('level', 'comp', 1, 'Starts.', NULL);"
    "INSERT INTO tool_types (id, singular_name, plural_name, icon_name, created_at, updated_at)"
    " VALUES ('list-builder', 'List', 'Lists', 'list', " NOW ", " NOW ");"
    "INSERT INTO \"references\" VALUES ('ref', 1, 'Burnett', 'Full.', 'Short.', NULL, NULL,"
    " " NOW ");"
    "INSERT INTO exercise_content VALUES ('content', '1', '1', '1', 1, '1.1.1.v1', 'prompt',"
    " 'Why?', 1, 1, NULL, " NOW ", " NOW ");"
    "INSERT INTO exercise_sequence VALUES ('1.1.1.v1', '1', '1', '1', 1, 1, 'list-builder', 1);"
    "INSERT INTO content_sources VALUES ('source', '1.1.1.v1', 'ref', 'concept', NULL);"
    "INSERT INTO skills VALUES ('master', 'Writing', 'transferable', 0, NULL, NULL, " NOW ");";

/* One user's rows in every user table; '#' is the user's number. */
static const char *const user_rows_sql =
    "INSERT INTO users VALUES ('u#', 0, 0, " NOW ", " NOW ");"
    "INSERT INTO auth VALUES ('auth-#', 'u#', 'password', 'hash', 'key', " NOW ", " NOW ");"
    "INSERT INTO emails VALUES ('email-#', 'u#', 'user#@example.com', 1, " NOW ");"
    "INSERT INTO sessions VALUES ('session-#', 'u#', " NOW ", " NOW ");"
    "INSERT INTO user_settings (user_id, personality_type, created_at, updated_at)"
    " VALUES ('u#', 'INTJ', " NOW ", " NOW ");"
    "INSERT INTO user_modules VALUES ('u#', '1.1', " NOW ", " NOW ");"
    "INSERT INTO exercise_responses VALUES ('response-#', 'u#', '1', '1', '1', 1, '1.1.1.v1', '{}',"
    " " NOW ");"
    "INSERT INTO tool_instances VALUES ('tool-#', 'u#', 'list-builder', '1.1.1.v1', '{}', 'hash-#',"
    " " NOW ", " NOW ");"
    "INSERT INTO user_competency_scores VALUES ('score-#', 'u#', 'comp', 3, " NOW ");"
    "INSERT INTO skills VALUES ('custom-#', 'Beekeeping #', 'knowledge', 1, 'u#', 'pending',"
    " " NOW ");"
    "INSERT INTO exercise_skills VALUES ('tag-response-#', 'response-#', 'custom-#', " NOW "),"
    " ('tag-tool-#', 'tool-#', 'master', " NOW ");"
    "INSERT INTO drafts VALUES ('u#', '1.1.1.v1', '{}', " NOW ");"
    "INSERT INTO user_preferences (user_id, text_mode, updated_at) VALUES ('u#', 1, " NOW ");"
    "INSERT INTO ssh_keys VALUES ('SHA256:key-#', 'u#', 'ssh-ed25519', " NOW ", " NOW ");"
    "INSERT INTO competency_score_history VALUES ('history-#', 'u#', 'comp', 2, " NOW ");";

/* Rows of table holding value in any column (value NULL: every row). */
static long long mentioning(const char *table, const char *value)
{
    char **cols = names(live_db, "SELECT name FROM pragma_table_info(?1)", table, NULL);
    sqlite3_str *sql = sqlite3_str_new(NULL);
    sqlite3_str_appendf(sql, "SELECT count(*) FROM \"%w\" WHERE ?1 IS NULL", table);
    for (size_t i = 0; cols && cols[i]; i++)
        sqlite3_str_appendf(sql, " OR \"%w\" = ?1", cols[i]);
    char *text = sqlite3_str_finish(sql);
    long long n = text ? scalar(live_db, text, value) : -1;
    sqlite3_free(text);
    free_names(cols);
    return n;
}

static int exec_ok(const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(live_db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        printf("#   %s\n", msg ? msg : sqlite3_errmsg(live_db));
    sqlite3_free(msg);
    return rc == SQLITE_OK;
}

static void test_user_delete_cascades(void)
{
    CHECK(exec_ok("PRAGMA foreign_keys = ON"));
    CHECK_INT(scalar(live_db, "PRAGMA foreign_keys", NULL), 1);
    CHECK(exec_ok(reference_rows_sql));
    for (int u = 1; u <= 2; u++) {
        char *sql = replace(user_rows_sql, "#", u == 1 ? "1" : "2", 0, NULL);
        CHECK_NAMED(exec_ok(sql), sqlite3_mprintf("user %d's rows are inserted", u));
        sqlite3_free(sql);
    }
    size_t n = 0;
    char **tables = names(live_db, tables_sql, NULL, &n);
    struct {
        long long u1, u2, total;
    } *before = calloc(n + 1, sizeof *before);
    for (size_t i = 0; before && i < n; i++) {
        before[i].u1 = mentioning(tables[i], "u1");
        before[i].u2 = mentioning(tables[i], "u2");
        before[i].total = mentioning(tables[i], NULL);
        /* every table with a user_id column got a row of each user, so the checks below bite */
        if (scalar(live_db, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = 'user_id'",
                   tables[i]) == 1)
            CHECK_NAMED(before[i].u1 == 1 && before[i].u2 == 1,
                        sqlite3_mprintf("%s has a row of each user", tables[i]));
    }
    const char *tags_sql = "SELECT count(*) FROM exercise_skills WHERE exercise_instance_id IN"
                           " ('response-' || ?1, 'tool-' || ?1)";
    CHECK_INT(scalar(live_db, tags_sql, "1"), 2);

    CHECK(exec_ok("DELETE FROM users WHERE id = 'u1'"));

    for (size_t i = 0; before && i < n; i++) {
        CHECK_NAMED(mentioning(tables[i], "u1") == 0,
                    sqlite3_mprintf("no row of %s mentions the deleted user", tables[i]));
        if (before[i].u2 > 0)
            CHECK_NAMED(mentioning(tables[i], "u2") == before[i].u2,
                        sqlite3_mprintf("the other user's rows of %s are kept", tables[i]));
        if (mentions(reference_tables, tables[i]))
            CHECK_NAMED(before[i].total > 0 && mentioning(tables[i], NULL) == before[i].total,
                        sqlite3_mprintf("reference table %s keeps its rows", tables[i]));
    }
    CHECK_INT(scalar(live_db, tags_sql, "1"), 0);
    CHECK_INT(scalar(live_db, tags_sql, "2"), 2);
    CHECK_INT(scalar(live_db,
                     "SELECT count(*) FROM skills WHERE id = 'custom-1'"
                     " AND created_by IS NULL",
                     NULL),
              1);
    free(before);
    free_names(tables);
}

static void test_tag_needs_target(void)
{
    int rc = sqlite3_exec(live_db,
                          "INSERT INTO exercise_skills VALUES ('tag-x', 'no-such-thing',"
                          " 'master', " NOW ")",
                          NULL, NULL, NULL);
    CHECK(rc == SQLITE_CONSTRAINT);
    CHECK(strstr(sqlite3_errmsg(live_db), "no response or tool instance") != NULL);
    CHECK_INT(scalar(live_db, "SELECT count(*) FROM exercise_skills WHERE id = 'tag-x'", NULL), 0);
}

/* Makes the live database through dreamtree's own code in a fresh folder. */
static void create_live_db(void)
{
    const char *base = getenv("TMPDIR");
    tmp_dir = sqlite3_mprintf("%s/dreamtree-schema-XXXXXX", base && base[0] ? base : "/tmp");
    if (!tmp_dir || !mkdtemp(tmp_dir))
        return;
    live_path = sqlite3_mprintf("%s/dreamtree.db", tmp_dir);
    struct store *st = NULL;
    char err[STORE_ERR_LEN] = "";
    enum dt_status s = store_open(live_path, STORE_OPEN_CREATE, &st, err);
    if (s != DT_OK)
        printf("#   store_open: %s\n", err);
    store_close(&st);
    if (s == DT_OK && sqlite3_open_v2(live_path, &live_db, SQLITE_OPEN_READWRITE, NULL)) {
        sqlite3_close(live_db);
        live_db = NULL;
    }
}

static void remove_tmp_dir(void)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; live_path && i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char *path = sqlite3_mprintf("%s%s", live_path, suffixes[i]);
        unlink(path);
        sqlite3_free(path);
    }
    if (tmp_dir && rmdir(tmp_dir) != 0)
        printf("# could not remove %s\n", tmp_dir);
}

int main(void)
{
    fixture_text = read_text(DT_FIXTURES "/schema-spec.sql");
    spec_sql = fixture_text ? quoted_ddl(fixture_blocks(fixture_text)) : NULL;
    spec_db = spec_sql ? memory_db(spec_sql) : NULL;
    extra_sql = read_text(DT_SOURCE_ROOT "/db/schema-extra.sql");
    /* later migrations (db/migrate-N.sql) may name extra indexes too */
    for (int m = 2; extra_sql; m++) {
        char path[512];
        snprintf(path, sizeof path, "%s/db/migrate-%d.sql", DT_SOURCE_ROOT, m);
        char *more = read_text(path);
        size_t a = strlen(extra_sql), b = more ? strlen(more) : 0;
        char *both = more ? realloc(extra_sql, a + b + 2) : NULL;
        if (both) {
            both[a] = '\n';
            memcpy(both + a + 1, more, b + 1);
            extra_sql = both;
        }
        free(more);
        if (!both)
            break;
    }
    create_live_db();

    RUN(test_copy_matches_spec);
    RUN(test_spec_ddl);
    RUN(test_live_matches_spec);
    RUN(test_comparison_can_fail);
    RUN(test_additions_documented);
    RUN(test_user_delete_cascades);
    RUN(test_tag_needs_target);

    sqlite3_close(live_db);
    sqlite3_close(spec_db);
    remove_tmp_dir();
    sqlite3_free(live_path);
    sqlite3_free(tmp_dir);
    sqlite3_free(spec_sql);
    free(extra_sql);
    free(fixture_text);
    return check_done();
}
