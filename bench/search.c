/* bench-search: how long searching what a person wrote takes (db/searches.c), on a workbook of
 * about 5,000 entries for each of two users in one file: an anonymous one (clear text) and a
 * claimed, unlocked one (every row sealed). It seeds a scratch database with the real workbook,
 * answers every exercise for both, keeps a draft of each and fills the tools with entries of
 * made-up text, then times store_searches_run for a rare word, a common one (past the cap of 200) and
 * one found nowhere, alternating in one loop with two floors on the same rows: reading them
 * (SQLite alone), and reading, opening and parsing them (everything but the matching). Prints
 * figures; fails only when something breaks, never on a time (bench/README.md). */
#define _GNU_SOURCE /* nftw's FTW_DEPTH and FTW_PHYS */
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "accounts.h"
#include "bulk.h"
#include "drafts.h"
#include "keywrap.h"
#include "measure.h"
#include "progress.h"
#include "responses.h"
#include "rng.h"
#include "searches.h"
#include "seed.h"
#include "store.h"
#include "tools.h"
#include "users.h"

#define ENTRIES 5000 /* answers, drafts and tool entries per user */
#define RUNS 21      /* timed searches of each kind, after one untimed */
#define SEED 20261205u
#define PASSWORD "a password for the search bench"

static const char *const words[] = {
    "work",         "team",        "project",     "budget",
    "plan",         "client",      "meeting",     "week",
    "report",       "skill",       "learn",       "energy",
    "flow",         "focus",       "coffee",      "garden",
    "write",        "build",       "teach",       "listen",
    "money",        "rent",        "travel",      "friend",
    "family",       "music",       "design",      "data",
    "code",         "story",       "caf\xC3\xA9", "r\xC3\xA9sum\xC3\xA9",
    "na\xC3\xAFve", "\xC3\xA9lan",
};
#define NWORDS (sizeof words / sizeof *words)
#define COMMON "budget"      /* one word in NWORDS: in about a third of the entries */
#define RARE "zephyrine"     /* put in one entry in a hundred */
#define NOWHERE "quixotical" /* in none */

/* About bytes of made-up writing into out as a JSON string's content (no quotes needed). */
static void writing(struct bench_rng *r, char *out, size_t size, size_t bytes, bool rare)
{
    size_t n = 0;
    out[0] = '\0';
    size_t at_rare = rare ? bench_rng_next(r) % 20 : (size_t)-1;
    for (size_t w = 0; n + 24 < size && n < bytes; w++) {
        const char *word = w == at_rare ? RARE : words[bench_rng_next(r) % NWORDS];
        n += (size_t)snprintf(out + n, size - n, "%s%s", n ? " " : "", word);
    }
}

/* One user's writing: every exercise answered, a draft of each, then tool entries up to
 * ENTRIES rows, all through the store's own calls inside one bulk write group (so the claimed
 * user's rows are sealed as the program seals them, without an fsync a row). */
static void fill(struct store *st, const char *user, struct bench_rng *r)
{
    struct exercise_ref *seq = NULL;
    size_t nseq = 0;
    enum dt_status s = store_progress_sequence(st, &seq, &nseq);
    if (s != DT_OK)
        bench_die("reading the sequence", s, st);
    struct tool_type *types = NULL;
    size_t ntypes = 0;
    if ((s = store_tools_types(st, &types, &ntypes)) != DT_OK || !ntypes)
        bench_die("reading the tools", s, st);
    if ((s = store_bulk_begin(st)) != DT_OK)
        bench_die("starting the load", s, st);
    char text[1200], json[1400];
    size_t rows = 0;
    for (size_t i = 0; i < nseq; i++, rows++) {
        writing(r, text, sizeof text, 100 + bench_rng_next(r) % 500, bench_rng_next(r) % 100 == 0);
        snprintf(json, sizeof json, "{\"answer\":\"%s\"}", text);
        if ((s = store_responses_save(st, user, seq[i].full_exercise_id, json, NULL)) != DT_OK)
            bench_die("answering", s, st);
    }
    for (size_t i = 0; i < nseq; i++, rows++) {
        writing(r, text, sizeof text, 100 + bench_rng_next(r) % 300, bench_rng_next(r) % 100 == 0);
        snprintf(json, sizeof json, "{\"answer\":\"%s\"}", text);
        if ((s = store_drafts_save(st, user, seq[i].full_exercise_id, json)) != DT_OK)
            bench_die("keeping a draft", s, st);
    }
    for (size_t i = 0; rows < ENTRIES; i++, rows++) {
        char title[120];
        writing(r, title, sizeof title, 20, false);
        writing(r, text, sizeof text, 100 + bench_rng_next(r) % 500, bench_rng_next(r) % 100 == 0);
        snprintf(json, sizeof json,
                 "{\"title\":\"%s\",\"notes\":\"%s\",\"when\":\"2026-11-%02zu\"}", title, text,
                 1 + i % 28);
        const char *tool = types[i % ntypes].id;
        store_set_now(st, 1764000000 + (int64_t)i * 60);
        if ((s = store_tools_create(st, user, tool, "standalone", json, NULL)) != DT_OK)
            bench_die("adding a tool entry", s, st);
        if (i % 500 == 499 && (s = store_bulk_commit_batch(st)) != DT_OK)
            bench_die("committing", s, st);
    }
    if ((s = store_bulk_end(st, DT_OK)) != DT_OK)
        bench_die("ending the load", s, st);
    free(seq);
    free(types);
}

static const char *title_key(const char *tool)
{
    (void)tool;
    return "title";
}

/* Times the three searches and the two floors, alternating, for one user. */
static void time_user(struct store *st, const char *user, const char *who)
{
    static const char *const queries[] = {RARE, COMMON, NOWHERE};
    double t[5][RUNS];
    size_t found[3] = {0}, rows_read = 0, rows_open = 0;
    for (int run = -1; run < RUNS; run++) { /* run -1: untimed, fills the caches */
        for (int q = 0; q < 3; q++) {
            struct search_results res;
            double t0 = bench_now_us();
            enum dt_status s = store_searches_run(st, user, queries[q], title_key, &res);
            double t1 = bench_now_us();
            if (s != DT_OK)
                bench_die("searching", s, st);
            found[q] = res.n + res.more;
            store_searches_free(&res);
            if (run >= 0)
                t[q][run] = (t1 - t0) / 1000;
        }
        for (int open = 0; open < 2; open++) {
            size_t rows = 0;
            double t0 = bench_now_us();
            enum dt_status s = store_searches_floor(st, user, open, &rows);
            double t1 = bench_now_us();
            if (s != DT_OK)
                bench_die("reading the floor", s, st);
            *(open ? &rows_open : &rows_read) = rows;
            if (run >= 0)
                t[3 + open][run] = (t1 - t0) / 1000;
        }
    }
    double m[5];
    for (int k = 0; k < 5; k++)
        m[k] = bench_median(t[k], RUNS);
    printf("\n%s user: %zu rows read, %zu opened and parsed\n", who, rows_read, rows_open);
    printf("  %-44s %10s %8s %10s\n", "", "median ms", "max ms", "/ floor 2");
    const char *names[5] = {"search, a rare word (" RARE ")", "search, a common word (" COMMON ")",
                            "search, a word found nowhere", "floor 1: the rows read",
                            "floor 2: read, opened, parsed"};
    for (int k = 0; k < 5; k++) {
        char label[80];
        if (k < 3)
            snprintf(label, sizeof label, "%s: %zu found", names[k], found[k]);
        else
            snprintf(label, sizeof label, "%s", names[k]);
        printf("  %-44s %10.2f %8.2f %9.2fx\n", label, m[k], t[k][RUNS - 1], m[k] / m[4]);
    }
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

int main(int argc, char **argv)
{
    bench_set_name("bench-search");
    const char *content = argc > 1 ? argv[1] : BENCH_CONTENT_DIR;
    char dir[] = "/tmp/dreamtree-bench-search-XXXXXX", db[128];
    if (!mkdtemp(dir)) {
        perror("bench-search: mkdtemp");
        return 1;
    }
    snprintf(db, sizeof db, "%s/search.db", dir);
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    struct seed_diags d = {0};
    enum dt_status s = store_open(db, STORE_OPEN_CREATE, &st, err);
    if (s != DT_OK)
        bench_die("creating the database", s, NULL);
    s = seed_run(st, content, &d, NULL);
    seed_diags_free(&d);
    if (s != DT_OK)
        bench_die("seeding", s, st);
    store_accounts_set_limits(st, keywrap_test_limits());
    struct user anon, claimed;
    if ((s = store_users_create_anonymous(st, &anon)) != DT_OK ||
        (s = store_users_create_anonymous(st, &claimed)) != DT_OK)
        bench_die("making the users", s, st);
    char code[KEYWRAP_RECOVERY_LEN];
    if ((s = store_accounts_claim(st, claimed.id, "search@bench.invalid", PASSWORD, code)) != DT_OK)
        bench_die("claiming", s, st);
    struct bench_rng r;
    bench_rng_seed(&r, SEED);
    double t0 = bench_now_us();
    fill(st, anon.id, &r);
    fill(st, claimed.id, &r);
    printf("bench-search: %s, seeded from %s; two users of %d rows each, made in %.1f s\n", db,
           content, ENTRIES, (bench_now_us() - t0) / 1e6);
    time_user(st, anon.id, "anonymous");
    time_user(st, claimed.id, "claimed (unlocked: every row opened)");
    store_close(&st);
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}
