/* bench-timer: times the store's hot paths on the database bench-gen made (bench/README.md).
 *  1. store_progress_next and store_dailydos_list, once each for ~2,000 users drawn with a fixed
 *     seed, reported apart for claimed (locked) and anonymous users (goal: 1 ms or less each);
 *  2. store_accounts_unlock at the program's Argon2id limits, on a small store of its own, beside
 *     one password check at the same limits (the floor); and at the generator's test limits on
 *     sampled claimed users of the large database;
 *  3. store_responses_save of a 300-byte answer, one transaction per save as in real use, against
 *     a bare SQLite BEGIN IMMEDIATE / INSERT / COMMIT of a row of the same size into the same
 *     table, measured alternately in the same run (goal: a ratio of 2 or less);
 *  4. the same save by unlocked claimed users (sealed) against anonymous users (clear),
 *     alternately in one loop (goal: a ratio of 1.5 or less).
 * The rows it adds are removed and the user state it changes is restored, so reruns compare.
 * The store's clock is pinned to the generation time, so Daily Dos sees the mix of due and done
 * reminders the generator made. Prints figures; fails only when something breaks, never on a time. */
#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "accounts.h"
#include "bench_db.h"
#include "bulk.h"
#include "dailydos.h"
#include "measure.h"
#include "progress.h"
#include "responses.h"
#include "rng.h"
#include "store.h"
#include "tools.h"
#include "users.h"

#define DEFAULT_USERS 100000
#define SAMPLE_USERS 2000
#define SAVES 300
#define WARMUP 5 /* untimed rounds first: statements get prepared, caches fill */
#define PICK_SEED 20261125u
#define JSON_BYTES 300
#define GOAL_US 1000.0
#define GOAL_RATIO 2.0
#define GOAL_SEALED_RATIO 1.5
#define UNLOCK_RUNS 11    /* at the program's limits: each is a tenth of a second or more */
#define UNLOCK_SAMPLED 20 /* claimed users of the large database unlocked at the test limits */
#define UNLOCK_PASSWORD "a password for timing the unlock"

struct stats {
    double median, p95, mean, max;
};

/* Sorts v. */
static struct stats summarise(double *v, size_t n)
{
    struct stats s = {0};
    if (n == 0)
        return s;
    s.median = bench_median(v, n);
    s.p95 = bench_percentile(v, n, 0.95);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += v[i];
    s.mean = sum / (double)n;
    s.max = v[n - 1];
    return s;
}

static void print_row(const char *name, struct stats s)
{
    printf("  %-30s %9.1f %9.1f %9.1f %9.1f\n", name, s.median, s.p95, s.mean, s.max);
}

static unsigned long users_wanted(void)
{
    const char *env = getenv("DREAMTREE_BENCH_USERS");
    if (!env || !*env)
        return DEFAULT_USERS;
    char *end;
    unsigned long v = strtoul(env, &end, 10);
    if (*end || v < 1 || v > 10000000) {
        fprintf(stderr, "bench-timer: DREAMTREE_BENCH_USERS must be a number from 1 to 10000000\n");
        exit(2);
    }
    return v;
}

/* The generation time from the .info file bench-gen writes; 0 when there is none. */
static int64_t generated_at(const char *info_path)
{
    FILE *f = fopen(info_path, "r");
    if (!f)
        return 0;
    char line[256];
    long long value = 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "now_unix=%lld", &value) == 1)
            break;
    fclose(f);
    return value > 0 ? (int64_t)value : 0;
}

/* A user of the large database: claimed (bench-gen gave them a known password) or anonymous. */
struct bench_user {
    const char *id;
    bool claimed;
    unsigned long number; /* bench-gen's number for the user: their password says it */
};

static void password_of(const struct bench_user *u, char out[BENCH_SECRET_LEN])
{
    snprintf(out, BENCH_SECRET_LEN, BENCH_PASSWORD, u->number);
}

static long long count_responses(struct store *st)
{
    struct store_bulk_counts c;
    enum dt_status s = store_bulk_count(st, &c);
    if (s != DT_OK)
        bench_die("counting rows", s, st);
    return c.exercise_responses;
}

/* Who has claimed their workbook; the number comes back from the email bench-gen wrote. */
static struct bench_user *classify(struct store *st, char (*ids)[STORE_ID_LEN], size_t n,
                                   size_t *nclaimed)
{
    struct bench_user *users = calloc(n, sizeof *users);
    if (!users)
        bench_die("starting", DT_NOMEM, NULL);
    *nclaimed = 0;
    for (size_t i = 0; i < n; i++) {
        struct account acc;
        enum dt_status s = store_accounts_get(st, ids[i], &acc);
        if (s != DT_OK)
            bench_die("store_accounts_get", s, st);
        users[i].id = ids[i];
        users[i].claimed = acc.claimed;
        if (!acc.claimed)
            continue;
        char rest[16] = "";
        /* "user%lu@bench.invalid": the number, then the rest must be the domain */
        if (sscanf(acc.email, "user%lu%15s", &users[i].number, rest) != 2 ||
            strcmp(rest, "@bench.invalid") != 0) {
            fprintf(stderr, "bench-timer: a claimed user's email is not bench-gen's\n");
            exit(1);
        }
        (*nclaimed)++;
    }
    return users;
}

/* ---- reads ---- */

enum { ANONYMOUS, CLAIMED };
static const char *const group_name[] = {"anonymous", "claimed"};

static void time_reads(struct store *st, const struct bench_user *users, const size_t *order,
                       size_t sample, size_t n)
{
    double *next_us[2], *dos_us[2];
    size_t count[2] = {0, 0};
    for (int g = 0; g < 2; g++) {
        next_us[g] = malloc(sample * sizeof *next_us[g]);
        dos_us[g] = malloc(sample * sizeof *dos_us[g]);
        if (!next_us[g] || !dos_us[g])
            bench_die("starting", DT_NOMEM, NULL);
    }
    const char *warm_user =
        users[order[sample % n]].id; /* outside the sample when there are more */
    struct exercise_ref ref;
    struct dailydo *items = NULL;
    size_t nitems = 0;
    enum dt_status s;
    for (int w = 0; w < WARMUP; w++) { /* prepares the statements */
        s = store_progress_next(st, warm_user, &ref);
        if (s != DT_OK && s != DT_NOT_FOUND)
            bench_die("store_progress_next", s, st);
        s = store_dailydos_list(st, warm_user, &items, &nitems);
        if (s != DT_OK)
            bench_die("store_dailydos_list", s, st);
        free(items);
    }
    size_t finished = 0;
    for (size_t i = 0; i < sample; i++) {
        const struct bench_user *u = &users[order[i]];
        double t0 = bench_now_us();
        s = store_progress_next(st, u->id, &ref);
        next_us[u->claimed][count[u->claimed]++] = bench_now_us() - t0;
        if (s == DT_NOT_FOUND)
            finished++;
        else if (s != DT_OK)
            bench_die("store_progress_next", s, st);
    }
    count[0] = count[1] = 0;
    size_t total_items = 0, with_resume = 0, with_reminder = 0, reminders = 0;
    for (size_t i = 0; i < sample; i++) {
        const struct bench_user *u = &users[order[i]];
        double t0 = bench_now_us();
        s = store_dailydos_list(st, u->id, &items, &nitems);
        dos_us[u->claimed][count[u->claimed]++] = bench_now_us() - t0;
        if (s != DT_OK) /* a claimed user's is read locked: it must not need the key */
            bench_die("store_dailydos_list", s, st);
        total_items += nitems;
        size_t rem = 0;
        for (size_t k = 0; k < nitems; k++) {
            if (items[k].kind == DAILYDO_RESUME)
                with_resume++;
            else
                rem++;
        }
        reminders += rem;
        with_reminder += rem > 0;
        free(items);
    }
    /* untimed: how many unlocked reminders were already done, to show the mix is real */
    struct tool_type *types = NULL;
    size_t ntypes = 0, unlocked_reminders = 0;
    s = store_tools_types(st, &types, &ntypes);
    if (s != DT_OK)
        bench_die("store_tools_types", s, st);
    for (size_t i = 0; i < sample; i++)
        for (size_t k = 0; k < ntypes; k++) {
            bool unlocked = false;
            if (!types[k].has_reminder || !types[k].is_active)
                continue;
            s = store_progress_tool_unlocked(st, users[order[i]].id, types[k].id, &unlocked);
            if (s != DT_OK)
                bench_die("store_progress_tool_unlocked", s, st);
            unlocked_reminders += unlocked;
        }
    free(types);
    struct stats next_stats[2], dos_stats[2];
    for (int g = 0; g < 2; g++) {
        next_stats[g] = summarise(next_us[g], count[g]);
        dos_stats[g] = summarise(dos_us[g], count[g]);
    }
    printf("\nreads, microseconds per call (goal <= %.0f us each); %zu anonymous and %zu claimed"
           " users, the claimed ones locked\n",
           GOAL_US, count[ANONYMOUS], count[CLAIMED]);
    printf("  %-30s %9s %9s %9s %9s\n", "", "median", "p95", "mean", "max");
    char name[64];
    for (int g = 0; g < 2; g++) {
        snprintf(name, sizeof name, "store_progress_next, %s", group_name[g]);
        print_row(name, next_stats[g]);
    }
    for (int g = 0; g < 2; g++) {
        snprintf(name, sizeof name, "store_dailydos_list, %s", group_name[g]);
        print_row(name, dos_stats[g]);
    }
    printf("  next exercise: %zu of %zu sampled users have finished the workbook\n", finished,
           sample);
    printf("  daily dos: %.2f items per user; %zu with the resume card; %zu with a reminder due;"
           " of %zu unlocked reminders %zu due, %zu already done\n",
           (double)total_items / (double)sample, with_resume, with_reminder, unlocked_reminders,
           reminders, unlocked_reminders - reminders);
    for (int g = 0; g < 2; g++)
        printf("  goal, %s: next %s, daily dos %s (p95 against %.0f us)\n", group_name[g],
               count[g] == 0                  ? "-"
               : next_stats[g].p95 <= GOAL_US ? "met"
                                              : "NOT met",
               count[g] == 0                 ? "-"
               : dos_stats[g].p95 <= GOAL_US ? "met"
                                             : "NOT met",
               GOAL_US);
    for (int g = 0; g < 2; g++) {
        free(next_us[g]);
        free(dos_us[g]);
    }
}

/* ---- unlocking ---- */

/* Times a password check alone at limits: the floor an unlock cannot go below. */
static double time_check(const char *hash, const char *password)
{
    double t0 = bench_now_us();
    int rc = crypto_pwhash_str_verify(hash, password, strlen(password));
    double dt = bench_now_us() - t0;
    if (rc != 0)
        bench_die("crypto_pwhash_str_verify", DT_WRONG_PASSWORD, NULL);
    return dt;
}

static double time_unlock(struct store *st, const char *user_id, const char *password)
{
    double t0 = bench_now_us();
    enum dt_status s = store_accounts_unlock(st, user_id, password, "local", NULL);
    double dt = bench_now_us() - t0;
    if (s != DT_OK)
        bench_die("store_accounts_unlock", s, st);
    store_accounts_lock(st); /* else the next unlock finds the keys held and skips the unwrap */
    return dt;
}

static void hash_for_floor(const char *password, struct keywrap_limits limits,
                           char hash[crypto_pwhash_STRBYTES])
{
    if (crypto_pwhash_str(hash, password, strlen(password), limits.ops, limits.mem) != 0)
        bench_die("crypto_pwhash_str", DT_NOMEM, NULL);
}

/* At the program's limits, on a store of its own: the generated users' wraps are at the test
 * limits, and the large file gets no extra user. */
static void time_unlock_default(void)
{
    struct store *mem = NULL;
    char err[STORE_ERR_LEN];
    enum dt_status s = store_open(":memory:", STORE_OPEN_CREATE, &mem, err);
    if (s != DT_OK) {
        fprintf(stderr, "bench-timer: a store in memory: %s\n", err);
        exit(1);
    }
    struct keywrap_limits limits = keywrap_default_limits();
    store_accounts_set_limits(mem, limits); /* already so; said here because it is the point */
    struct user u;
    s = store_users_create_anonymous(mem, &u);
    if (s != DT_OK)
        bench_die("store_users_create_anonymous", s, mem);
    char recovery[KEYWRAP_RECOVERY_LEN];
    s = store_accounts_claim(mem, u.id, "timer@bench.invalid", UNLOCK_PASSWORD, recovery);
    sodium_memzero(recovery, sizeof recovery);
    if (s != DT_OK)
        bench_die("store_accounts_claim", s, mem);
    store_accounts_lock(mem);
    char hash[crypto_pwhash_STRBYTES];
    hash_for_floor(UNLOCK_PASSWORD, limits, hash);

    double unlock_ms[UNLOCK_RUNS], floor_ms[UNLOCK_RUNS];
    time_unlock(mem, u.id, UNLOCK_PASSWORD); /* untimed: the first run maps the KDF's memory */
    time_check(hash, UNLOCK_PASSWORD);
    for (int i = 0; i < UNLOCK_RUNS; i++) { /* alternating which goes first */
        if (i % 2 == 0) {
            unlock_ms[i] = time_unlock(mem, u.id, UNLOCK_PASSWORD) / 1000;
            floor_ms[i] = time_check(hash, UNLOCK_PASSWORD) / 1000;
        } else {
            floor_ms[i] = time_check(hash, UNLOCK_PASSWORD) / 1000;
            unlock_ms[i] = time_unlock(mem, u.id, UNLOCK_PASSWORD) / 1000;
        }
    }
    store_close(&mem);
    struct stats us = summarise(unlock_ms, UNLOCK_RUNS), fs = summarise(floor_ms, UNLOCK_RUNS);
    printf("\nunlocking at the program's Argon2id limits (ops %llu, memory %zu MiB), on a one-user"
           " store in memory, milliseconds; %d runs each, alternating\n",
           limits.ops, limits.mem >> 20, UNLOCK_RUNS);
    printf("  %-30s %9s %9s %9s %9s\n", "", "median", "p95", "mean", "max");
    print_row("store_accounts_unlock", us);
    print_row("floor: one password check", fs);
    printf(
        "  ratio unlock / floor: median %.2fx (a password check and an unwrap, each one Argon2id:"
        " about 2x expected)\n",
        fs.median > 0 ? us.median / fs.median : 0);
}

/* At the generator's test limits, on claimed users of the large database: what is left of an
 * unlock besides Argon2id (the reads of the account, the throttle's write). */
static void time_unlock_sampled(struct store *st, const struct bench_user *users,
                                const size_t *order, size_t n)
{
    double unlock_us[UNLOCK_SAMPLED], floor_us[UNLOCK_SAMPLED];
    size_t got = 0;
    char password[BENCH_SECRET_LEN], hash[crypto_pwhash_STRBYTES];
    for (size_t k = 0; k < n && got < UNLOCK_SAMPLED; k++) {
        const struct bench_user *u = &users[order[k]];
        if (!u->claimed)
            continue;
        password_of(u, password);
        hash_for_floor(password, keywrap_test_limits(), hash);
        if (got == 0) /* untimed: prepares the statements */
            time_unlock(st, u->id, password);
        unlock_us[got] = time_unlock(st, u->id, password);
        floor_us[got] = time_check(hash, password);
        got++;
    }
    if (got == 0) {
        printf("\nunlocking sampled claimed users: the database has none; skipped\n");
        return;
    }
    struct stats us = summarise(unlock_us, got), fs = summarise(floor_us, got);
    printf("\nunlocking %zu sampled claimed users of this database at the generator's test limits"
           " (ops %llu, memory %zu KiB), microseconds\n",
           got, keywrap_test_limits().ops, keywrap_test_limits().mem >> 10);
    printf("  %-30s %9s %9s %9s %9s\n", "", "median", "p95", "mean", "max");
    print_row("store_accounts_unlock", us);
    print_row("floor: one password check", fs);
}

/* ---- saves ---- */

/* The same 300-byte answer for every save. */
static void make_answer(char json[JSON_BYTES + 1])
{
    static const char head[] = "{\"story\":\"", tail[] = "\"}";
    static const char filler[] = "We rebuilt the team's weekly plan after the launch slipped, and I"
                                 " learned to ask for help early. ";
    size_t text = JSON_BYTES - (sizeof head - 1) - (sizeof tail - 1);
    memcpy(json, head, sizeof head - 1);
    for (size_t i = 0; i < text; i++)
        json[sizeof head - 1 + i] = filler[i % (sizeof filler - 1)];
    memcpy(json + JSON_BYTES - (sizeof tail - 1), tail, sizeof tail);
}

struct save_target {
    const char *user_id;
    struct exercise_ref next;
};

/* store_responses_save by anonymous users against the bare INSERT + COMMIT. */
static void time_save_vs_bare(struct store *st, const struct bench_user *users, const size_t *order,
                              size_t sample, size_t n, const char *json)
{
    size_t want = 2 * (SAVES + WARMUP), got = 0;
    struct save_target *targets = malloc(want * sizeof *targets);
    struct store_bulk_undo *undo = malloc(want * sizeof *undo);
    double *save_us = malloc(SAVES * sizeof *save_us), *bare_us = malloc(SAVES * sizeof *bare_us);
    if (!targets || !undo || !save_us || !bare_us)
        bench_die("starting", DT_NOMEM, NULL);
    /* after the sample, then round again (the reads are over: a small database has enough) */
    enum dt_status s;
    for (size_t k = 0; k < n && got < want; k++) {
        const struct bench_user *u = &users[order[(sample + k) % n]];
        if (u->claimed) /* their saves are timed apart, below */
            continue;
        s = store_progress_next(st, u->id, &targets[got].next);
        if (s == DT_NOT_FOUND)
            continue;
        if (s != DT_OK)
            bench_die("store_progress_next", s, st);
        targets[got++].user_id = u->id;
    }
    if (got < 2) {
        printf("\nsaves: too few users with an exercise left to answer; skipped\n");
        free(targets);
        free(undo);
        free(save_us);
        free(bare_us);
        return;
    }
    size_t rounds = got / 2, timed = rounds > WARMUP ? rounds - WARMUP : rounds;
    long long before = count_responses(st);
    size_t nundo = 0, nsave = 0, nbare = 0;
    for (size_t i = 0; i < rounds; i++) {
        const struct save_target *save = &targets[2 * i], *bare = &targets[2 * i + 1];
        bool timing = i >= rounds - timed;
        for (int half = 0; half < 2; half++) {
            /* alternate which goes first, so WAL growth and checkpoints fall on both alike */
            if ((half == 0) == (i % 2 == 0)) {
                struct store_bulk_undo *u = &undo[nundo];
                s = store_bulk_undo_note(st, save->user_id, save->next.module_key, u);
                if (s != DT_OK)
                    bench_die("noting user state", s, st);
                char id[STORE_ID_LEN];
                double t0 = bench_now_us();
                s = store_responses_save(st, save->user_id, save->next.full_exercise_id, json, id);
                double dt = bench_now_us() - t0;
                if (s != DT_OK)
                    bench_die("store_responses_save", s, st);
                memcpy(u->response_id, id, sizeof id);
                nundo++;
                if (timing)
                    save_us[nsave++] = dt;
            } else {
                const struct exercise_ref *e = &bare->next;
                struct store_bulk_response row =
                    {NULL,       bare->user_id,       e->part_id, e->module_id, e->exercise_id,
                     e->version, e->full_exercise_id, json,       NULL,         NULL};
                struct store_bulk_undo *u = &undo[nundo];
                memset(u, 0, sizeof *u);
                double t0 = bench_now_us();
                s = store_bulk_baseline_insert(st, &row, u->response_id);
                double dt = bench_now_us() - t0;
                if (s != DT_OK)
                    bench_die("baseline insert", s, st);
                nundo++;
                if (timing)
                    bare_us[nbare++] = dt;
            }
        }
    }
    s = store_bulk_undo_apply(st, undo, nundo);
    if (s != DT_OK)
        bench_die("removing the rows the benchmark added", s, st);
    long long after = count_responses(st);

    struct stats save_stats = summarise(save_us, nsave), bare_stats = summarise(bare_us, nbare);
    printf("\nsaving a %d-byte response, one transaction each (WAL, synchronous=FULL), "
           "microseconds; anonymous users; %zu timed of each after %zu untimed\n",
           JSON_BYTES, nsave, rounds - timed);
    printf("  %-30s %9s %9s %9s %9s\n", "", "median", "p95", "mean", "max");
    print_row("store_responses_save", save_stats);
    print_row("bare INSERT + COMMIT", bare_stats);
    double ratio_median = bare_stats.median > 0 ? save_stats.median / bare_stats.median : 0;
    double ratio_mean = bare_stats.mean > 0 ? save_stats.mean / bare_stats.mean : 0;
    printf("  ratio save / bare: median %.2fx, mean %.2fx (goal <= %.0fx: %s)\n", ratio_median,
           ratio_mean, GOAL_RATIO, ratio_median <= GOAL_RATIO ? "met" : "NOT met");
    printf("  clean-up: %zu rows removed, user state restored; exercise_responses %lld before,"
           " %lld after\n",
           nundo, before, after);
    free(targets);
    free(undo);
    free(save_us);
    free(bare_us);
}

/* The next user of a group's pool who still has an exercise to answer, and that exercise. Users
 * come round again when the pool is short (a small database has few claimed users): each save
 * moves them on by one exercise. NULL when none is left. */
static const struct bench_user *next_saver(struct store *st, const struct bench_user *users,
                                           const size_t *pool, size_t npool, size_t *cursor,
                                           struct exercise_ref *next)
{
    for (size_t tries = 0; tries < npool; tries++) {
        const struct bench_user *u = &users[pool[(*cursor)++ % npool]];
        enum dt_status s = store_progress_next(st, u->id, next);
        if (s == DT_OK)
            return u;
        if (s != DT_NOT_FOUND)
            bench_die("store_progress_next", s, st);
    }
    return NULL;
}

/* store_responses_save by claimed users (sealed) against anonymous users (clear), alternately in
 * one loop. A claimed user is unlocked before their save, untimed, as they would be at sign-in. */
static void time_claimed_vs_anonymous(struct store *st, const struct bench_user *users,
                                      const size_t *order, size_t sample, size_t n,
                                      const char *json)
{
    size_t rounds = SAVES + WARMUP;
    size_t *pool[2], npool[2] = {0, 0}, cursor[2] = {0, 0};
    pool[0] = malloc(rounds * sizeof *pool[0]);
    pool[1] = malloc(rounds * sizeof *pool[1]);
    struct store_bulk_undo *undo = malloc(2 * rounds * sizeof *undo);
    double *save_us[2] = {malloc(SAVES * sizeof(double)), malloc(SAVES * sizeof(double))};
    if (!pool[0] || !pool[1] || !undo || !save_us[0] || !save_us[1])
        bench_die("starting", DT_NOMEM, NULL);
    struct exercise_ref next;
    enum dt_status s;
    for (size_t k = 0; k < n && (npool[0] < rounds || npool[1] < rounds); k++) {
        size_t index = order[(sample + k) % n];
        int g = users[index].claimed ? CLAIMED : ANONYMOUS;
        if (npool[g] == rounds)
            continue;
        s = store_progress_next(st, users[index].id, &next);
        if (s == DT_OK)
            pool[g][npool[g]++] = index;
        else if (s != DT_NOT_FOUND)
            bench_die("store_progress_next", s, st);
    }
    if (npool[ANONYMOUS] == 0 || npool[CLAIMED] == 0) {
        printf("\nsaves, claimed against anonymous: no %s user with an exercise left; skipped\n",
               npool[CLAIMED] == 0 ? "claimed" : "anonymous");
        free(pool[0]);
        free(pool[1]);
        free(undo);
        free(save_us[0]);
        free(save_us[1]);
        return;
    }
    long long before = count_responses(st);
    size_t nundo = 0, ntimed[2] = {0, 0};
    char password[BENCH_SECRET_LEN];
    for (size_t i = 0; i < rounds; i++) {
        bool timing = i >= WARMUP;
        const struct bench_user *u[2];
        struct exercise_ref next_of[2];
        for (int g = 0; g < 2; g++) {
            u[g] = next_saver(st, users, pool[g], npool[g], &cursor[g], &next_of[g]);
            if (!u[g])
                bench_die("finding a user with an exercise left", DT_NOT_FOUND, NULL);
        }
        /* before both saves, so whatever the unlock leaves behind (its reads, its transaction)
         * falls on the claimed and the anonymous save alike */
        if (!store_accounts_unlocked(st, u[CLAIMED]->id)) {
            password_of(u[CLAIMED], password);
            s = store_accounts_unlock(st, u[CLAIMED]->id, password, "local", NULL);
            if (s != DT_OK)
                bench_die("store_accounts_unlock", s, st);
        }
        for (int half = 0; half < 2; half++) {
            /* alternate which goes first, so WAL growth and checkpoints fall on both alike */
            int g = (half == 0) == (i % 2 == 0) ? CLAIMED : ANONYMOUS;
            struct store_bulk_undo *rec = &undo[nundo];
            s = store_bulk_undo_note(st, u[g]->id, next_of[g].module_key, rec);
            if (s != DT_OK)
                bench_die("noting user state", s, st);
            char id[STORE_ID_LEN];
            double t0 = bench_now_us();
            s = store_responses_save(st, u[g]->id, next_of[g].full_exercise_id, json, id);
            double dt = bench_now_us() - t0;
            if (s != DT_OK)
                bench_die("store_responses_save", s, st);
            memcpy(rec->response_id, id, sizeof id);
            nundo++;
            if (timing)
                save_us[g][ntimed[g]++] = dt;
        }
    }
    store_accounts_lock(st);
    s = store_bulk_undo_apply(st, undo, nundo);
    if (s != DT_OK)
        bench_die("removing the rows the benchmark added", s, st);
    long long after = count_responses(st);

    struct stats claimed = summarise(save_us[CLAIMED], ntimed[CLAIMED]),
                 anonymous = summarise(save_us[ANONYMOUS], ntimed[ANONYMOUS]);
    printf("\nsaving the same %d-byte response as a claimed user (sealed; unlocked before, untimed)"
           " and as an anonymous one, alternately, microseconds; %zu timed of each after %d"
           " untimed, by %zu claimed and %zu anonymous users\n",
           JSON_BYTES, ntimed[CLAIMED], WARMUP, npool[CLAIMED], npool[ANONYMOUS]);
    printf("  %-30s %9s %9s %9s %9s\n", "", "median", "p95", "mean", "max");
    print_row("store_responses_save, claimed", claimed);
    print_row("store_responses_save, anonymous", anonymous);
    double ratio = anonymous.median > 0 ? claimed.median / anonymous.median : 0;
    double ratio_mean = anonymous.mean > 0 ? claimed.mean / anonymous.mean : 0;
    printf("  claimed / anonymous: %.2fx (goal <= %.1fx: %s); mean %.2fx\n", ratio,
           GOAL_SEALED_RATIO, ratio <= GOAL_SEALED_RATIO ? "met" : "NOT met", ratio_mean);
    printf("  clean-up: %zu rows removed, user state restored; exercise_responses %lld before,"
           " %lld after\n",
           nundo, before, after);
    free(pool[0]);
    free(pool[1]);
    free(undo);
    free(save_us[0]);
    free(save_us[1]);
}

int main(int argc, char **argv)
{
    bench_set_name("bench-timer");
    const char *data_dir = argc > 1 ? argv[1] : BENCH_DATA_DIR;
    unsigned long nusers = users_wanted();
    if (sodium_init() < 0)
        bench_die("starting libsodium", DT_NOMEM, NULL);
    char name[64], db_path[4096], info_path[4200];
    snprintf(name, sizeof name, BENCH_DB_NAME, nusers);
    snprintf(db_path, sizeof db_path, "%s/%s", data_dir, name);
    snprintf(info_path, sizeof info_path, "%s.info", db_path);
    struct stat sb;
    if (stat(db_path, &sb) != 0) {
        printf("bench-timer: no database at %s; run bench-gen first\n", db_path);
        return 77; /* meson: skipped */
    }
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    enum dt_status s = store_open(db_path, STORE_OPEN_EXISTING, &st, err);
    if (s != DT_OK) {
        fprintf(stderr, "bench-timer: %s: %s\n", db_path, err);
        return 1;
    }
    /* The generated hashes are at the test limits: at the program's, each unlock would make them
     * again and rewrite the auth rows. */
    store_accounts_set_limits(st, keywrap_test_limits());
    int64_t pinned = generated_at(info_path);
    if (pinned)
        store_set_now(st, pinned);
    char now_text[STORE_TIME_LEN];
    store_now_text(st, now_text);

    char(*ids)[STORE_ID_LEN] = NULL;
    size_t n = 0;
    s = store_bulk_user_ids(st, &ids, &n);
    if (s != DT_OK)
        bench_die("listing users", s, st);
    if (n < 2) {
        fprintf(stderr, "bench-timer: the database has %zu users\n", n);
        return 1;
    }
    size_t nclaimed = 0;
    struct bench_user *users = classify(st, ids, n, &nclaimed);
    /* a fixed-seed shuffle: the first SAMPLE_USERS are timed, the rest feed the saves */
    size_t *order = malloc(n * sizeof *order);
    if (!order)
        bench_die("starting", DT_NOMEM, NULL);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    struct bench_rng rng;
    bench_rng_seed(&rng, PICK_SEED);
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = bench_rng_below(&rng, (uint32_t)(i + 1));
        size_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    size_t sample = n < SAMPLE_USERS ? n : SAMPLE_USERS;
    printf("bench-timer: %s\n", db_path);
    printf("  %zu users, %zu of them claimed; clock pinned to %s (%s); sample of %zu users,"
           " seed %u\n",
           n, nclaimed, now_text, pinned ? "generation time" : "no .info file: real time", sample,
           PICK_SEED);

    time_reads(st, users, order, sample, n);
    time_unlock_default();
    time_unlock_sampled(st, users, order, n);
    char json[JSON_BYTES + 1];
    make_answer(json);
    time_save_vs_bare(st, users, order, sample, n, json);
    time_claimed_vs_anonymous(st, users, order, sample, n, json);

    free(users);
    free(order);
    free(ids);
    store_close(&st);
    return 0;
}
