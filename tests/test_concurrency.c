/* Two processes writing one database file at once, and a writer killed with SIGKILL mid-write:
 * BEGIN IMMEDIATE and the busy timeout must make every save land, and a kill must lose nothing
 * that was committed nor leave a damaged file. (Tests may fork; the program never does.) */
#include <signal.h>
#include <stdbool.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "competencies.h"
#include "preferences.h"
#include "responses.h"
#include "seed.h"
#include "support.h"
#include "tools.h"
#include "users.h"

#define SAVES 150

static struct store *open_file(const char *path)
{
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    if (store_open(path, STORE_OPEN_CREATE, &st, err) != DT_OK) {
        printf("# open %s: %s\n", path, err);
        return NULL;
    }
    return st;
}

static void seeded_file(const char *path, char user_a[STORE_ID_LEN], char user_b[STORE_ID_LEN])
{
    struct store *st = open_file(path);
    struct seed_diags d = {0};
    seed_run(st, support_fixture_dir(), &d, NULL);
    seed_diags_free(&d);
    support_user(st, user_a);
    support_user(st, user_b);
    support_answer_first(st, user_a, 1);
    support_answer_first(st, user_b, 1);
    store_close(&st);
}

/* In a child: SAVES tool instances and score upserts, each its own transaction. Exit status
 * is the number of failed saves (capped). */
static int writer(const char *path, const char *user)
{
    struct store *st = open_file(path);
    if (!st)
        return 100;
    int failures = 0;
    for (int i = 0; i < SAVES; i++) {
        char json[64];
        snprintf(json, sizeof json, "{\"item\":%d}", i);
        if (store_tools_create(st, user, "list-builder", "standalone", json, NULL) != DT_OK)
            failures++;
        if (store_competencies_save_score(st, user, "influencing", 1 + i % 5) != DT_OK)
            failures++;
        if (store_responses_save(st, user, "1.1.1.v1", json, NULL) != DT_OK)
            failures++;
    }
    store_close(&st);
    return failures > 99 ? 99 : failures;
}

static long count_rows(const char *path, const char *sql, const char *user)
{
    sqlite3 *db = NULL;
    sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
    sqlite3_stmt *stmt = NULL;
    long n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK) {
        if (user)
            sqlite3_bind_text(stmt, 1, user, -1, SQLITE_STATIC);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            n = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

static int integrity_ok(const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_open(path, &db);
    sqlite3_stmt *stmt = NULL;
    int ok = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
             sqlite3_step(stmt) == SQLITE_ROW &&
             strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") == 0;
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return ok;
}

static void test_two_writers(void)
{
    char path[600], a[STORE_ID_LEN], b[STORE_ID_LEN];
    snprintf(path, sizeof path, "%s/shared.db", support_tmpdir());
    seeded_file(path, a, b);
    fflush(stdout);
    pid_t pa = fork();
    if (pa == 0)
        _exit(writer(path, a));
    pid_t pb = fork();
    if (pb == 0)
        _exit(writer(path, b));
    int sa = 0, sb = 0;
    waitpid(pa, &sa, 0);
    waitpid(pb, &sb, 0);
    CHECK(WIFEXITED(sa) && WEXITSTATUS(sa) == 0);
    CHECK(WIFEXITED(sb) && WEXITSTATUS(sb) == 0);
    CHECK_INT(count_rows(path, "SELECT count(*) FROM tool_instances WHERE user_id = ?1", a), SAVES);
    CHECK_INT(count_rows(path, "SELECT count(*) FROM tool_instances WHERE user_id = ?1", b), SAVES);
    CHECK_INT(count_rows(path, "SELECT count(*) FROM exercise_responses WHERE user_id = ?1", a), 1);
    CHECK_INT(count_rows(path, "SELECT count(*) FROM user_competency_scores", NULL), 2);
    CHECK(integrity_ok(path));
}

static void test_kill_mid_write(void)
{
    char path[600], a[STORE_ID_LEN], b[STORE_ID_LEN];
    snprintf(path, sizeof path, "%s/killed.db", support_tmpdir());
    seeded_file(path, a, b);
    int ready[2];
    if (pipe(ready) != 0)
        return;
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        close(ready[0]);
        struct store *st = open_file(path);
        for (long i = 0;; i++) {
            char json[64];
            snprintf(json, sizeof json, "{\"n\":%ld}", i);
            store_tools_create(st, a, "list-builder", "standalone", json, NULL);
            if (i == 20 && write(ready[1], "x", 1) != 1)
                _exit(1);
        }
    }
    close(ready[1]);
    char c;
    CHECK(read(ready[0], &c, 1) == 1); /* the child has committed at least 21 rows */
    close(ready[0]);
    usleep(20000);
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

    /* the file opens, is whole, and every committed row is complete and in order */
    CHECK(integrity_ok(path));
    struct store *st = open_file(path);
    CHECK(st != NULL);
    struct tool_instance *list = NULL;
    size_t n = 0;
    CHECK_INT(store_tools_list(st, a, "list-builder", &list, &n), DT_OK);
    CHECK(n > 20);
    int complete = 1;
    for (size_t i = 0; i < n; i++) {
        char want[64];
        snprintf(want, sizeof want, "{\"n\":%zu}", n - 1 - i); /* newest first */
        complete &= strcmp(list[i].content_json, want) == 0;
    }
    CHECK(complete);
    store_tools_list_free(&list, n);
    /* and it takes new writes */
    CHECK_INT(store_tools_create(st, a, "list-builder", "standalone", "{\"after\":true}", NULL),
              DT_OK);
    store_close(&st);
}

#define GROUP_USERS 120

/* In a child: asks for the variant group of every user (from the last when backwards) and
 * writes "USER GROUP" lines to out_path. Exit status: the number of failures (capped). */
static int assigner(const char *path, char users[][STORE_ID_LEN], bool backwards,
                    const char *out_path)
{
    struct store *st = open_file(path);
    FILE *out = fopen(out_path, "w");
    if (!st || !out)
        return 100;
    int failures = 0;
    for (int k = 0; k < GROUP_USERS; k++) {
        int i = backwards ? GROUP_USERS - 1 - k : k;
        char group[PREFERENCES_VARIANT_LEN];
        if (store_preferences_variant(st, users[i], group) != DT_OK)
            failures++;
        else
            fprintf(out, "%s %s\n", users[i], group);
    }
    fclose(out);
    store_close(&st);
    return failures > 99 ? 99 : failures;
}

/* The group of user in a child's lines, into group ("" when not there). */
static void group_in(const char *out_path, const char *user, char *group, size_t size)
{
    FILE *f = fopen(out_path, "r");
    char line[128];
    group[0] = '\0';
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, user, strlen(user)) == 0 && line[strlen(user)] == ' ') {
            line[strcspn(line, "\n")] = '\0';
            snprintf(group, size, "%s", line + strlen(user) + 1);
        }
    if (f)
        fclose(f);
}

/* Two processes put the same users in variant groups at the same time: each user ends in one
 * group, which both processes were told, and the database holds. */
static void test_two_assign_groups(void)
{
    char path[600], out_a[600], out_b[600];
    snprintf(path, sizeof path, "%s/groups.db", support_tmpdir());
    snprintf(out_a, sizeof out_a, "%s/groups-a.txt", support_tmpdir());
    snprintf(out_b, sizeof out_b, "%s/groups-b.txt", support_tmpdir());
    static char users[GROUP_USERS][STORE_ID_LEN];
    struct store *st = open_file(path);
    if (!st)
        return;
    struct seed_diags d = {0};
    CHECK_INT(seed_run(st, support_variant_content(), &d, NULL), DT_OK);
    seed_diags_free(&d);
    for (int i = 0; i < GROUP_USERS; i++)
        support_user(st, users[i]);
    store_close(&st);
    fflush(stdout);
    pid_t pa = fork();
    if (pa == 0)
        _exit(assigner(path, users, false, out_a));
    pid_t pb = fork();
    if (pb == 0)
        _exit(assigner(path, users, true, out_b));
    int sa = 0, sb = 0;
    waitpid(pa, &sa, 0);
    waitpid(pb, &sb, 0);
    CHECK(WIFEXITED(sa) && WEXITSTATUS(sa) == 0);
    CHECK(WIFEXITED(sb) && WEXITSTATUS(sb) == 0);
    int disagree = 0;
    for (int i = 0; i < GROUP_USERS; i++) {
        char a[64], b[64];
        group_in(out_a, users[i], a, sizeof a);
        group_in(out_b, users[i], b, sizeof b);
        disagree += !a[0] || strcmp(a, b) != 0;
        char sql[200];
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM user_preferences WHERE user_id = ?1"
                 " AND variant_group = '%s'",
                 strcmp(a, "variant_a") == 0 ? "variant_a" : "control");
        disagree += count_rows(path, sql, users[i]) != 1;
    }
    CHECK_INT(disagree, 0);
    CHECK_INT(count_rows(path, "SELECT count(*) FROM user_preferences", NULL), GROUP_USERS);
    remove(out_a);
    remove(out_b);
    support_content_remove();
}

int main(void)
{
    RUN(test_two_writers);
    RUN(test_kill_mid_write);
    RUN(test_two_assign_groups);
    return check_done();
}
