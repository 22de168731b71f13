/* The shared server's administration (db/admin.c): the users list (counts and dates, never
 * writing), the review of custom skills and what an approval shows everyone, the forms of a
 * fingerprint and a key type, the figures of load, and the online backup. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "accounts.h"
#include "admin.h"
#include "check.h"
#include "keywrap.h"
#include "responses.h"
#include "sessions.h"
#include "skills.h"
#include "sshkeys.h"
#include "support.h"
#include "tools.h"
#include "users.h"

#define FP_A "SHA256:Z8WiGRo2pC0+22jlpTONqkvpCRuKnozRPf4MTZtW3Dk"
#define FP_B "SHA256:Go0T8bBt//+XA01AYi556uZphxVKdtmTfJ5xMRpb37w"

static const struct admin_user *find_user(const struct admin_user *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].id, id) == 0)
            return &list[i];
    return NULL;
}

static bool has_skill(const struct skill *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].id, id) == 0)
            return true;
    return false;
}

static void test_users(void)
{
    struct store *st = support_store();
    store_accounts_set_limits(st, keywrap_test_limits());
    char writer[STORE_ID_LEN], owner[STORE_ID_LEN], quiet[STORE_ID_LEN];
    support_user(st, writer);
    support_user(st, owner);
    support_user(st, quiet);
    CHECK_INT(store_responses_save(st, writer, "1.1.1.v1", "{\"jobs\":[\"a\"]}", NULL), DT_OK);
    CHECK_INT(store_responses_save(st, writer, "1.1.2.v1", "{\"story\":\"b\"}", NULL), DT_OK);
    CHECK_INT(store_tools_create(st, writer, "list-builder", "standalone", "{}", NULL), DT_OK);
    struct session se;
    CHECK_INT(store_sessions_create(st, writer, &se), DT_OK); /* seen at support_now */
    store_set_now(st, support_now + 3600);
    CHECK_INT(store_sshkeys_bind(st, FP_A, "ssh-ed25519", writer), DT_OK); /* an hour later */
    CHECK_INT(store_sshkeys_bind(st, FP_B, "ssh-rsa", writer), DT_OK);
    char code[KEYWRAP_RECOVERY_LEN];
    CHECK_INT(store_accounts_claim(st, owner, "Owner@Example.org", "correct horse battery", code),
              DT_OK);
    store_accounts_lock(st);

    struct admin_user *list = NULL;
    size_t n = 0;
    CHECK_INT(store_admin_users(st, &list, &n), DT_OK);
    CHECK_INT(n, 3);
    const struct admin_user *w = find_user(list, n, writer);
    const struct admin_user *o = find_user(list, n, owner);
    const struct admin_user *q = find_user(list, n, quiet);
    if (CHECK(w && o && q)) {
        CHECK_STR(w->created_at, "2026-11-25T12:00:00Z");
        CHECK_STR(w->last_seen, "2026-11-25T13:00:00Z"); /* the key, later than the session */
        CHECK(!w->claimed);
        CHECK_STR(w->email, "");
        CHECK_INT(w->keys, 2);
        CHECK_INT(w->answers, 2);
        CHECK_INT(w->tool_entries, 1);
        CHECK(o->claimed);
        CHECK_STR(o->email, "owner@example.org");
        CHECK_INT(o->keys, 0);
        CHECK_INT(o->answers, 0);
        CHECK_STR(q->last_seen, "");
        CHECK(!q->claimed);
    }
    free(list);

    /* deleting a user takes their keys and their row in the list */
    CHECK_INT(store_users_delete(st, writer), DT_OK);
    CHECK_INT(store_admin_users(st, &list, &n), DT_OK);
    CHECK_INT(n, 2);
    CHECK(find_user(list, n, writer) == NULL);
    free(list);
    struct ssh_key *keys = NULL;
    CHECK_INT(store_sshkeys_list(st, NULL, &keys, &n), DT_OK);
    CHECK_INT(n, 0);
    free(keys);
    store_close(&st);
}

static void test_skill_review(void)
{
    struct store *st = support_store();
    char author[STORE_ID_LEN], other[STORE_ID_LEN];
    support_user(st, author);
    support_user(st, other);
    char kept[STORE_ID_LEN], dropped[STORE_ID_LEN];
    CHECK_INT(store_skills_add_custom(st, author, "Beekeeping", "knowledge", kept), DT_OK);
    store_set_now(st, support_now + 60);
    CHECK_INT(store_skills_add_custom(st, author, "Juggling", NULL, dropped), DT_OK);

    struct admin_skill *pending = NULL;
    size_t n = 0;
    CHECK_INT(store_admin_skills_pending(st, &pending, &n), DT_OK);
    if (CHECK_INT(n, 2)) {
        CHECK_STR(pending[0].id, kept); /* oldest first */
        CHECK_STR(pending[0].name, "Beekeeping");
        CHECK_STR(pending[0].category, "knowledge");
        CHECK_STR(pending[0].created_by, author);
        CHECK_STR(pending[0].created_at, "2026-11-25T12:00:00Z");
        CHECK_STR(pending[1].category, "");
    }
    free(pending);

    struct skill *list = NULL;
    CHECK_INT(store_skills_list(st, other, NULL, &list, &n), DT_OK);
    CHECK(!has_skill(list, n, kept)); /* pending: the author's alone */
    free(list);

    CHECK_INT(store_admin_skills_review(st, kept, true, NULL), DT_OK);
    CHECK_INT(store_admin_skills_review(st, dropped, false, NULL), DT_OK);
    CHECK_INT(store_admin_skills_pending(st, &pending, &n), DT_OK);
    CHECK_INT(n, 0);
    free(pending);

    /* approved: on everyone's list, in search, and on the master list's reading */
    CHECK_INT(store_skills_list(st, other, NULL, &list, &n), DT_OK);
    CHECK(has_skill(list, n, kept));
    CHECK(!has_skill(list, n, dropped));
    free(list);
    CHECK_INT(store_skills_list(st, other, "knowledge", &list, &n), DT_OK);
    CHECK(has_skill(list, n, kept));
    free(list);
    CHECK_INT(store_skills_list(st, NULL, NULL, &list, &n), DT_OK);
    CHECK(has_skill(list, n, kept));
    free(list);
    CHECK_INT(store_skills_search(st, other, "beek", 10, &list, &n), DT_OK);
    CHECK(n == 1 && has_skill(list, n, kept));
    free(list);
    /* another user may tag with it, and cannot add a second of the same name */
    char response[STORE_ID_LEN], dup[STORE_ID_LEN];
    CHECK_INT(store_responses_save(st, other, "1.1.1.v1", "{\"jobs\":[\"a\"]}", response), DT_OK);
    CHECK_INT(store_skills_tag(st, other, response, kept), DT_OK);
    CHECK_INT(store_skills_add_custom(st, other, "beekeeping", NULL, dup), DT_DUPLICATE);
    CHECK_STR(dup, kept);
    /* rejected: the author keeps it, nobody else sees it */
    CHECK_INT(store_skills_list(st, author, NULL, &list, &n), DT_OK);
    CHECK(has_skill(list, n, dropped));
    free(list);
    CHECK_INT(store_skills_tag(st, other, response, dropped), DT_NOT_FOUND);

    /* a decision can change; only custom skills are reviewed */
    CHECK_INT(store_admin_skills_review(st, dropped, true, NULL), DT_OK);
    CHECK_INT(store_skills_list(st, other, NULL, &list, &n), DT_OK);
    CHECK(has_skill(list, n, dropped));
    size_t all = n;
    free(list);
    struct skill *master = NULL;
    CHECK_INT(store_skills_search(st, other, "Patience", 1, &master, &n), DT_OK);
    if (CHECK_INT(n, 1))
        CHECK_INT(store_admin_skills_review(st, master[0].id, false, NULL), DT_NOT_FOUND);
    free(master);
    CHECK_INT(store_skills_list(st, other, NULL, &list, &n), DT_OK);
    CHECK_INT(n, all); /* the master skill is still there */
    free(list);
    CHECK_INT(store_admin_skills_review(st, "no-such-skill", true, NULL), DT_NOT_FOUND);
    store_close(&st);
}

/* Three people propose one name (none sees the others'); approving one gathers the others
 * into it: their tags move, their proposals go, and no list shows the name twice. A proposal
 * whose name is already a master skill's (the content gained it later) merges into that. */
static void test_skill_merge(void)
{
    struct store *st = support_store();
    char a[STORE_ID_LEN], b[STORE_ID_LEN], c[STORE_ID_LEN];
    support_user(st, a);
    support_user(st, b);
    support_user(st, c);
    char first[STORE_ID_LEN], second[STORE_ID_LEN], third[STORE_ID_LEN], other[STORE_ID_LEN];
    CHECK_INT(store_skills_add_custom(st, a, "Bee-keeping", "knowledge", first), DT_OK);
    store_set_now(st, support_now + 60);
    CHECK_INT(store_skills_add_custom(st, b, "beekeeping", NULL, second), DT_OK);
    CHECK_INT(store_skills_add_custom(st, c, "BEE KEEPING", NULL, third), DT_OK);
    CHECK_INT(store_skills_add_custom(st, c, "Juggling", NULL, other), DT_OK);
    CHECK_INT(store_admin_skills_review(st, third, false, NULL), DT_OK); /* rejected before */
    char ra[STORE_ID_LEN], rb[STORE_ID_LEN];
    CHECK_INT(store_responses_save(st, a, "1.1.1.v1", "{\"jobs\":[\"a\"]}", ra), DT_OK);
    CHECK_INT(store_responses_save(st, b, "1.1.1.v1", "{\"jobs\":[\"b\"]}", rb), DT_OK);
    CHECK_INT(store_skills_tag(st, a, ra, first), DT_OK);
    CHECK_INT(store_skills_tag(st, b, rb, second), DT_OK);

    struct admin_review r;
    CHECK_INT(store_admin_skills_review(st, second, true, &r), DT_OK);
    CHECK_STR(r.merged_into, ""); /* nothing of that name on the list yet */
    CHECK_INT(r.joined, 2);       /* a's pending one and c's rejected one */
    struct skill *list = NULL;
    size_t n = 0;
    CHECK_INT(store_skills_for_instance(st, a, ra, &list, &n), DT_OK);
    CHECK(n == 1 && strcmp(list[0].id, second) == 0); /* a's tag moved */
    free(list);
    for (int i = 0; i < 3; i++) { /* once on every list */
        CHECK_INT(store_skills_search(st,
                                      i == 0   ? a
                                      : i == 1 ? b
                                               : c,
                                      "keeping", 10, &list, &n),
                  DT_OK);
        CHECK(n == 1 && strcmp(list[0].id, second) == 0);
        free(list);
    }
    CHECK_INT(store_admin_skills_review(st, first, true, &r), DT_NOT_FOUND); /* gone */
    CHECK_INT(store_admin_skills_review(st, third, true, &r), DT_NOT_FOUND);
    CHECK_INT(store_admin_skills_review(st, other, true, &r), DT_OK); /* another name */
    CHECK_INT(r.joined, 0);

    /* rejecting never merges */
    CHECK_INT(store_skills_add_custom(st, a, "Knitting", NULL, first), DT_OK);
    CHECK_INT(store_skills_add_custom(st, b, "knitting", NULL, third), DT_OK);
    CHECK_INT(store_admin_skills_review(st, first, false, &r), DT_OK);
    CHECK(r.merged_into[0] == '\0' && r.joined == 0);
    CHECK_INT(store_skills_search(st, b, "knitting", 10, &list, &n), DT_OK);
    CHECK(n == 1 && strcmp(list[0].id, third) == 0);
    free(list);
    /* the master list gained the name: approving merges into it */
    CHECK_INT(support_exec(st, "INSERT INTO skills (id, name, category, is_custom, created_at)"
                               " VALUES ('m-knit', 'Knitting', 'knowledge', 0,"
                               " '2026-01-01T00:00:00Z')"),
              0);
    CHECK_INT(store_admin_skills_review(st, third, true, &r), DT_OK);
    CHECK_STR(r.merged_into, "m-knit");
    CHECK_INT(store_skills_search(st, b, "knitting", 10, &list, &n), DT_OK);
    CHECK(n == 1 && strcmp(list[0].id, "m-knit") == 0);
    free(list);
    store_close(&st);
}

static void test_forms(void)
{
    CHECK(store_admin_fingerprint_ok(FP_A));
    CHECK(store_admin_fingerprint_ok(FP_B));
    CHECK(!store_admin_fingerprint_ok("SHA256:Z8WiGRo2pC0+22jlpTONqkvpCRuKnozRPf4MTZtW3D"));
    CHECK(!store_admin_fingerprint_ok("SHA256:Z8WiGRo2pC0+22jlpTONqkvpCRuKnozRPf4MTZtW3Dk="));
    CHECK(!store_admin_fingerprint_ok("MD5:Z8WiGRo2pC0+22jlpTONqkvpCRuKnozRPf4MTZtW3Dk"));
    CHECK(!store_admin_fingerprint_ok("SHA256:Z8WiGRo2pC0+22jlpTONqkvpCRu\x1bnozRPf4MTZtW3Dk"));
    CHECK(!store_admin_fingerprint_ok(NULL));
    CHECK(store_admin_key_type_ok("ssh-ed25519"));
    CHECK(store_admin_key_type_ok("sk-ssh-ed25519@openssh.com"));
    CHECK(!store_admin_key_type_ok(""));
    CHECK(!store_admin_key_type_ok("ssh ed25519"));
    CHECK(!store_admin_key_type_ok("ssh-\x1b[31m"));
}

static void test_stats(void)
{
    struct store *st = support_store();
    store_accounts_set_limits(st, keywrap_test_limits());
    char a[STORE_ID_LEN], b[STORE_ID_LEN];
    support_user(st, a);
    support_user(st, b);
    struct session se;
    CHECK_INT(store_sessions_create(st, a, &se), DT_OK);
    CHECK_INT(store_responses_save(st, a, "1.1.1.v1", "{\"jobs\":[\"a\"]}", NULL), DT_OK);
    CHECK_INT(store_tools_create(st, a, "list-builder", "standalone", "{}", NULL), DT_OK);
    CHECK_INT(store_sshkeys_bind(st, FP_A, "ssh-ed25519", b), DT_OK);
    char code[KEYWRAP_RECOVERY_LEN];
    CHECK_INT(store_accounts_claim(st, b, "b@example.org", "correct horse battery", code), DT_OK);
    store_accounts_lock(st);

    struct admin_stats s;
    CHECK_INT(store_admin_stats(st, &s), DT_OK);
    CHECK_INT(s.users, 2);
    CHECK_INT(s.claimed, 1);
    CHECK_INT(s.keys, 1);
    CHECK_INT(s.active_users, 2);
    CHECK_INT(s.saves_last_minute, 2);
    CHECK_INT(s.saves_last_10_minutes, 2);
    CHECK_INT(s.database_bytes, -1); /* in memory */
    CHECK_INT(s.wal_bytes, 0);

    store_set_now(st, support_now + 5 * 60);
    CHECK_INT(store_admin_stats(st, &s), DT_OK);
    CHECK_INT(s.saves_last_minute, 0);
    CHECK_INT(s.saves_last_10_minutes, 2);
    CHECK_INT(s.active_users, 2);
    store_set_now(st, support_now + 20 * 60);
    CHECK_INT(store_admin_stats(st, &s), DT_OK);
    CHECK_INT(s.saves_last_10_minutes, 0);
    CHECK_INT(s.active_users, 0);
    CHECK_INT(store_sshkeys_seen(st, FP_A), DT_OK); /* b comes back over SSH */
    CHECK_INT(store_admin_stats(st, &s), DT_OK);
    CHECK_INT(s.active_users, 1);
    store_close(&st);
}

/* The names in dir that contain part. */
static int count_named(const char *dir, const char *part)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        n += strstr(e->d_name, part) != NULL;
    if (d)
        closedir(d);
    return n;
}

static void test_backup(void)
{
    char path[512], copy[512], other[1100];
    snprintf(path, sizeof path, "%s/live.db", support_tmpdir());
    snprintf(copy, sizeof copy, "%s/copy.db", support_tmpdir());
    struct store *st = NULL;
    if (!CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st, NULL), DT_OK))
        return;
    support_seed(st);
    char user[STORE_ID_LEN];
    support_user(st, user);
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[\"a\"]}", NULL), DT_OK);

    struct admin_stats s;
    CHECK_INT(store_admin_stats(st, &s), DT_OK);
    CHECK(s.database_bytes > 0);
    CHECK(s.wal_bytes > 0); /* the store is open, and its writes are in the log */

    int64_t bytes = 0;
    CHECK_INT(store_admin_backup(st, copy, false, &bytes), DT_OK);
    struct stat sb;
    if (CHECK(stat(copy, &sb) == 0)) {
        CHECK_INT(sb.st_mode & 0777, 0600);
        CHECK_INT(bytes, sb.st_size);
    }
    CHECK_INT(count_named(support_tmpdir(), ".partial-"), 0);
    CHECK_INT(count_named(support_tmpdir(), "copy.db"), 1); /* no -wal or -shm left beside it */

    /* the copy is a dreamtree database with the rows */
    struct store *back = NULL;
    if (CHECK_INT(store_open(copy, STORE_OPEN_EXISTING, &back, NULL), DT_OK)) {
        struct admin_user *list = NULL;
        size_t n = 0;
        CHECK_INT(store_admin_users(back, &list, &n), DT_OK);
        CHECK(n == 1 && strcmp(list[0].id, user) == 0 && list[0].answers == 1);
        free(list);
        store_close(&back);
    }

    /* an existing file only with replace; never the database or its log */
    support_user(st, user);
    CHECK_INT(store_admin_backup(st, copy, false, NULL), DT_DUPLICATE);
    CHECK_INT(store_admin_backup(st, copy, true, &bytes), DT_OK);
    if (CHECK_INT(store_open(copy, STORE_OPEN_EXISTING, &back, NULL), DT_OK)) {
        struct admin_stats c;
        CHECK_INT(store_admin_stats(back, &c), DT_OK);
        CHECK_INT(c.users, 2);
        store_close(&back);
    }
    CHECK_INT(store_admin_backup(st, path, true, NULL), DT_INVALID);
    snprintf(other, sizeof other, "%s-wal", path);
    CHECK_INT(store_admin_backup(st, other, true, NULL), DT_INVALID);
    snprintf(other, sizeof other, "%s/../%s/live.db", support_tmpdir(),
             strrchr(support_tmpdir(), '/') + 1);
    CHECK_INT(store_admin_backup(st, other, true, NULL), DT_INVALID); /* another name for it */
    snprintf(other, sizeof other, "%s/no-such-folder/copy.db", support_tmpdir());
    CHECK_INT(store_admin_backup(st, other, false, NULL), DT_IO);
    CHECK_INT(count_named(support_tmpdir(), ".partial-"), 0);
    store_close(&st);
}

int main(void)
{
    RUN(test_users);
    RUN(test_skill_review);
    RUN(test_skill_merge);
    RUN(test_forms);
    RUN(test_stats);
    RUN(test_backup);
    return check_done();
}
