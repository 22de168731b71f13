#include "support.h"

#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "progress.h"
#include "responses.h"
#include "seed.h"
#include "store_internal.h"
#include "users.h"

const int64_t support_now = 1795608000; /* 2026-11-25T12:00:00Z */

const char *support_fixture_dir(void)
{
    return DT_FIXTURES "/content";
}

static void die(const char *what, enum dt_status s, struct store *st)
{
    printf("Bail out! %s: %s %s\n", what, dt_status_message(s), st ? store_last_error(st) : "");
    exit(1);
}

void support_seed(struct store *st)
{
    store_set_now(st, support_now);
    struct seed_diags d = {0};
    enum dt_status s = seed_run(st, support_fixture_dir(), &d, NULL);
    for (size_t i = 0; i < d.n; i++)
        printf("# %s\n", d.items[i]);
    seed_diags_free(&d);
    if (s != DT_OK)
        die("seed fixtures", s, st);
}

struct store *support_store(void)
{
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    enum dt_status s = store_open(":memory:", STORE_OPEN_CREATE, &st, err);
    if (s != DT_OK) {
        printf("Bail out! store_open: %s\n", err);
        exit(1);
    }
    support_seed(st);
    return st;
}

void support_user(struct store *st, char id[STORE_ID_LEN])
{
    struct user u;
    enum dt_status s = store_users_create_anonymous(st, &u);
    if (s != DT_OK)
        die("create user", s, st);
    memcpy(id, u.id, STORE_ID_LEN);
}

void support_answer_first(struct store *st, const char *user_id, int n)
{
    struct exercise_ref *seq = NULL;
    size_t count = 0;
    enum dt_status s = store_progress_sequence(st, &seq, &count);
    if (s != DT_OK)
        die("sequence", s, st);
    for (int i = 0; i < n && (size_t)i < count; i++) {
        s = store_responses_save(st, user_id, seq[i].full_exercise_id, "{\"answer\":\"x\"}", NULL);
        if (s != DT_OK)
            die("answer", s, st);
    }
    free(seq);
}

const char *support_tmpdir(void)
{
    static char dir[256];
    if (!dir[0]) {
        const char *base = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/dreamtree-test-XXXXXX", base && base[0] ? base : "/tmp");
        if (!mkdtemp(dir)) {
            printf("Bail out! mkdtemp failed\n");
            exit(1);
        }
    }
    return dir;
}

int support_exec(struct store *st, const char *sql)
{
    return sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

void support_golden(const char *file, const char *what, const char *got)
{
    char path[512];
    snprintf(path, sizeof path, "%s/../golden/%s", DT_FIXTURES, file);
    if (getenv("DT_UPDATE_GOLDEN")) {
        FILE *g = fopen(path, "wb");
        if (g) {
            fputs(got, g);
            fclose(g);
        }
    }
    FILE *g = fopen(path, "rb");
    char *want = calloc(1, 1 << 18);
    size_t n = g && want ? fread(want, 1, (1 << 18) - 1, g) : 0;
    if (g)
        fclose(g);
    if (!check_at(__FILE__, __LINE__, want && n == strlen(got) && memcmp(want, got, n) == 0,
                  what)) {
        size_t i = 0;
        while (want && i < n && got[i] && want[i] == got[i])
            i++;
        size_t line = 1;
        for (size_t k = 0; k < i; k++)
            line += got[k] == '\n';
        printf("#   first difference on line %zu\n", line);
    }
    free(want);
}

/* Copies the fixture's file name into dir (both relative to their folders); 0 on success. */
static int copy_fixture(const char *dir, const char *name)
{
    char from[1024], to[1024], buf[4096];
    snprintf(from, sizeof from, "%s/%s", support_fixture_dir(), name);
    snprintf(to, sizeof to, "%s/%s", dir, name);
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    int rc = in && out ? 0 : -1;
    size_t n;
    while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
        rc = fwrite(buf, 1, n, out) == n ? 0 : -1;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        rc = -1;
    return rc;
}

static char variant_dir[512], bumped_dir[512], assessment_dir[2][512];

/* Removes a content folder made below, and forgets it. */
static void remove_content(char *dir)
{
    static const char *const names[] = {"tools.rec",
                                        "skills.rec",
                                        "references.rec",
                                        "competencies.rec",
                                        "personality-types.rec",
                                        "workbook/1-1-roots.md",
                                        "workbook/1-1-variant.md",
                                        "workbook/1-2-money.md",
                                        "workbook/2-trunk.md",
                                        "workbook/2-u-assessment.md",
                                        "workbook",
                                        ""};
    for (size_t i = 0; dir[0] && i < sizeof names / sizeof *names; i++) {
        char path[700];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        remove(path);
    }
    dir[0] = '\0';
}

void support_content_remove(void)
{
    remove_content(variant_dir);
    remove_content(bumped_dir);
    remove_content(assessment_dir[0]);
    remove_content(assessment_dir[1]);
}

void support_content_copy(const char *name, char *dir, size_t size, bool with_workbook,
                          const char *skip)
{
    snprintf(dir, size, "%s/%s", support_tmpdir(), name);
    char sub[600];
    snprintf(sub, sizeof sub, "%s/workbook", dir);
    static const char *const files[] = {"tools.rec",
                                        "skills.rec",
                                        "references.rec",
                                        "competencies.rec",
                                        "personality-types.rec",
                                        "workbook/1-1-roots.md",
                                        "workbook/1-2-money.md",
                                        "workbook/2-trunk.md"};
    int rc = mkdir(dir, 0700) == 0 && mkdir(sub, 0700) == 0 ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < sizeof files / sizeof *files; i++)
        if ((!skip || strcmp(files[i], skip) != 0) &&
            (with_workbook || strncmp(files[i], "workbook/", 9) != 0))
            rc = copy_fixture(dir, files[i]);
    if (rc != 0) {
        printf("Bail out! cannot copy the fixture content to %s\n", dir);
        exit(1);
    }
}

const char *support_bumped_content(void)
{
    if (bumped_dir[0])
        return bumped_dir;
    support_content_copy("bumped-content", bumped_dir, sizeof bumped_dir, true,
                         "workbook/1-1-roots.md");
    char from[700], to[700], line[4096];
    snprintf(from, sizeof from, "%s/workbook/1-1-roots.md", support_fixture_dir());
    snprintf(to, sizeof to, "%s/workbook/1-1-roots.md", bumped_dir);
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    int rc = in && out ? 0 : -1;
    while (rc == 0 && fgets(line, sizeof line, in)) {
        rc = fputs(line, out) < 0 ? -1 : 0;
        if (rc == 0 && strcmp(line, "### Exercise 1.1.1: Every job\n") == 0)
            rc = fputs("version: 2\n", out) < 0 ? -1 : 0;
    }
    if (in)
        fclose(in);
    if (!out || fclose(out) != 0 || rc != 0) {
        printf("Bail out! cannot write the bumped content in %s\n", bumped_dir);
        exit(1);
    }
    return bumped_dir;
}

const char *support_variant_content(void)
{
    if (variant_dir[0])
        return variant_dir;
    support_content_copy("variant-content", variant_dir, sizeof variant_dir, true, NULL);
    /* read after 1-1-roots.md, so module 1.1 is still open */
    char path[700];
    snprintf(path, sizeof path, "%s/workbook/1-1-variant.md", variant_dir);
    FILE *f = fopen(path, "wb");
    if (!f ||
        fputs("### Exercise 1.1.1: Every job\n"
              "variant: variant_a\n"
              "\n"
              "::: instruction\n"
              "Variant A: think of every place you have worked.\n"
              ":::\n"
              "\n"
              "::: prompt jobs\n"
              "input: list min=1 max=40\n"
              "Variant A: which jobs, projects and courses?\n"
              ":::\n",
              f) < 0 ||
        fclose(f) != 0) {
        printf("Bail out! cannot write the variant content in %s\n", variant_dir);
        exit(1);
    }
    return variant_dir;
}

const char *support_assessment_content(int version)
{
    char *dir = assessment_dir[version == 2];
    if (dir[0])
        return dir;
    char name[32];
    snprintf(name, sizeof name, "assessment-content-v%d", version);
    support_content_copy(name, dir, sizeof assessment_dir[0], true, NULL);
    /* read after 2-trunk.md, so module 2.2 is still open */
    char path[700];
    snprintf(path, sizeof path, "%s/workbook/2-u-assessment.md", dir);
    static const char *const ids[] = {"analytical-thinking", "achievement-focus",
                                      "client-focus",        "influencing",
                                      "developing-talent",   "strategic-thinking"};
    FILE *f = fopen(path, "wb");
    int rc = f && fprintf(f, "### Exercise 2.2.5: Your levels\nversion: %d\n", version) > 0 ? 0
                                                                                            : -1;
    for (size_t i = 0; rc == 0 && i < sizeof ids / sizeof *ids; i++)
        rc = fprintf(
                 f,
                 "\n::: prompt %s\ninput: slider min=1 max=5\nstop: 1 = Entry\nstop: 5 = Director\n"
                 "Your level of %s?\n:::\n",
                 ids[i], ids[i]) > 0
                 ? 0
                 : -1;
    if (!f || fclose(f) != 0 || rc != 0) {
        printf("Bail out! cannot write the assessment content in %s\n", dir);
        exit(1);
    }
    return dir;
}
