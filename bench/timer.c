/* bench-timer: times the store's hot paths on the database bench-gen made (bench/README.md).
 *  1. store_progress_next and store_dailydos_list, once each for ~2,000 users drawn with a fixed
 *     seed (goal: 1 ms or less each);
 *  2. store_responses_save of a 300-byte answer, one transaction per save as in real use, against
 *     a bare SQLite BEGIN IMMEDIATE / INSERT / COMMIT of a row of the same size into the same
 *     table, measured alternately in the same run (goal: a ratio of 2 or less).
 * The rows it adds are removed and the user state it changes is restored, so reruns compare.
 * The store's clock is pinned to the generation time, so Daily Dos sees the mix of due and done
 * reminders the generator made. Prints figures; fails only when something breaks, never on a time. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "bulk.h"
#include "dailydos.h"
#include "progress.h"
#include "responses.h"
#include "rng.h"
#include "store.h"
#include "tools.h"

#define DEFAULT_USERS 100000
#define SAMPLE_USERS 2000
#define SAVES 300
#define WARMUP 5 /* untimed rounds first: statements get prepared, caches fill */
#define PICK_SEED 20261125u
#define JSON_BYTES 300
#define GOAL_US 1000.0
#define GOAL_RATIO 2.0

struct stats {
    double median, p95, mean, max;
};

static void die(const char *what, enum dt_status s, struct store *st)
{
    fprintf(stderr, "bench-timer: %s: %s%s%s\n", what, dt_status_message(s), st ? ": " : "",
            st ? store_last_error(st) : "");
    exit(1);
}

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Sorts v. */
static struct stats summarise(double *v, size_t n)
{
    struct stats s = {0};
    if (n == 0)
        return s;
    qsort(v, n, sizeof *v, compare_doubles);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += v[i];
    s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    size_t p95 = (size_t)((double)n * 0.95 + 0.999999);
    s.p95 = v[p95 > 0 ? p95 - 1 : 0];
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

struct save_target {
    const char *user_id;
    struct exercise_ref next;
};

static long long count_responses(struct store *st)
{
    struct store_bulk_counts c;
    enum dt_status s = store_bulk_count(st, &c);
    if (s != DT_OK)
        die("counting rows", s, st);
    return c.exercise_responses;
}

int main(int argc, char **argv)
{
    const char *data_dir = argc > 1 ? argv[1] : BENCH_DATA_DIR;
    unsigned long nusers = users_wanted();
    char db_path[4096], info_path[4200];
    snprintf(db_path, sizeof db_path, "%s/dreamtree-bench-%lu.db", data_dir, nusers);
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
    int64_t pinned = generated_at(info_path);
    if (pinned)
        store_set_now(st, pinned);
    char now_text[STORE_TIME_LEN];
    store_now_text(st, now_text);

    char(*ids)[STORE_ID_LEN] = NULL;
    size_t n = 0;
    s = store_bulk_user_ids(st, &ids, &n);
    if (s != DT_OK)
        die("listing users", s, st);
    if (n < 2) {
        fprintf(stderr, "bench-timer: the database has %zu users\n", n);
        return 1;
    }
    /* a fixed-seed shuffle: the first SAMPLE_USERS are timed, the rest feed the saves */
    size_t *order = malloc(n * sizeof *order);
    if (!order)
        die("starting", DT_NOMEM, NULL);
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
    printf("  %zu users; clock pinned to %s (%s); sample of %zu users, seed %u\n", n, now_text,
           pinned ? "generation time" : "no .info file: real time", sample, PICK_SEED);

    /* ---- reads: one call per sampled user, so SQLite's page cache rarely already holds the
     * user's rows (the OS cache does: the file was just written or read) ---- */
    double *next_us = malloc(sample * sizeof *next_us), *dos_us = malloc(sample * sizeof *dos_us);
    if (!next_us || !dos_us)
        die("starting", DT_NOMEM, NULL);
    const char *warm_user = ids[order[sample % n]]; /* outside the sample when there are more */
    struct exercise_ref ref;
    struct dailydo *items = NULL;
    size_t nitems = 0;
    for (int w = 0; w < WARMUP; w++) { /* prepares the statements */
        s = store_progress_next(st, warm_user, &ref);
        if (s != DT_OK && s != DT_NOT_FOUND)
            die("store_progress_next", s, st);
        s = store_dailydos_list(st, warm_user, &items, &nitems);
        if (s != DT_OK)
            die("store_dailydos_list", s, st);
        free(items);
    }
    size_t finished = 0;
    for (size_t i = 0; i < sample; i++) {
        double t0 = now_us();
        s = store_progress_next(st, ids[order[i]], &ref);
        next_us[i] = now_us() - t0;
        if (s == DT_NOT_FOUND)
            finished++;
        else if (s != DT_OK)
            die("store_progress_next", s, st);
    }
    size_t total_items = 0, with_resume = 0, with_reminder = 0, reminders = 0;
    for (size_t i = 0; i < sample; i++) {
        double t0 = now_us();
        s = store_dailydos_list(st, ids[order[i]], &items, &nitems);
        dos_us[i] = now_us() - t0;
        if (s != DT_OK)
            die("store_dailydos_list", s, st);
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
        die("store_tools_types", s, st);
    for (size_t i = 0; i < sample; i++)
        for (size_t k = 0; k < ntypes; k++) {
            bool unlocked = false;
            if (!types[k].has_reminder || !types[k].is_active)
                continue;
            s = store_progress_tool_unlocked(st, ids[order[i]], types[k].id, &unlocked);
            if (s != DT_OK)
                die("store_progress_tool_unlocked", s, st);
            unlocked_reminders += unlocked;
        }
    free(types);
    struct stats next_stats = summarise(next_us, sample), dos_stats = summarise(dos_us, sample);
    printf("\nreads, microseconds per call (goal <= %.0f us each)\n", GOAL_US);
    printf("  %-30s %9s %9s %9s %9s\n", "", "median", "p95", "mean", "max");
    print_row("store_progress_next", next_stats);
    print_row("store_dailydos_list", dos_stats);
    printf("  next exercise: %zu of %zu sampled users have finished the workbook\n", finished,
           sample);
    printf("  daily dos: %.2f items per user; %zu with the resume card; %zu with a reminder due;"
           " of %zu unlocked reminders %zu due, %zu already done\n",
           (double)total_items / (double)sample, with_resume, with_reminder, unlocked_reminders,
           reminders, unlocked_reminders - reminders);
    printf("  goal: next %s, daily dos %s (p95 against %.0f us)\n",
           next_stats.p95 <= GOAL_US ? "met" : "NOT met",
           dos_stats.p95 <= GOAL_US ? "met" : "NOT met", GOAL_US);

    /* ---- saves: users at an exercise they may open (their next one) ---- */
    size_t want = 2 * (SAVES + WARMUP), got = 0;
    struct save_target *targets = malloc(want * sizeof *targets);
    struct store_bulk_undo *undo = malloc(want * sizeof *undo);
    double *save_us = malloc(SAVES * sizeof *save_us), *bare_us = malloc(SAVES * sizeof *bare_us);
    if (!targets || !undo || !save_us || !bare_us)
        die("starting", DT_NOMEM, NULL);
    /* after the sample, then round again (the reads are over: a small database has enough) */
    for (size_t k = 0; k < n && got < want; k++) {
        const char *user = ids[order[(sample + k) % n]];
        s = store_progress_next(st, user, &targets[got].next);
        if (s == DT_NOT_FOUND)
            continue;
        if (s != DT_OK)
            die("store_progress_next", s, st);
        targets[got++].user_id = user;
    }
    if (got < 2) {
        printf("\nsaves: too few users with an exercise left to answer; skipped\n");
        free(ids);
        store_close(&st);
        return 0;
    }
    size_t rounds = got / 2, timed = rounds > WARMUP ? rounds - WARMUP : rounds;
    char json[JSON_BYTES + 1];
    static const char head[] = "{\"story\":\"", tail[] = "\"}";
    static const char filler[] = "We rebuilt the team's weekly plan after the launch slipped, and I"
                                 " learned to ask for help early. ";
    size_t text = JSON_BYTES - (sizeof head - 1) - (sizeof tail - 1);
    memcpy(json, head, sizeof head - 1);
    for (size_t i = 0; i < text; i++)
        json[sizeof head - 1 + i] = filler[i % (sizeof filler - 1)];
    memcpy(json + JSON_BYTES - (sizeof tail - 1), tail, sizeof tail);

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
                    die("noting user state", s, st);
                char id[STORE_ID_LEN];
                double t0 = now_us();
                s = store_responses_save(st, save->user_id, save->next.full_exercise_id, json, id);
                double dt = now_us() - t0;
                if (s != DT_OK)
                    die("store_responses_save", s, st);
                memcpy(u->response_id, id, sizeof id);
                nundo++;
                if (timing)
                    save_us[nsave++] = dt;
            } else {
                const struct exercise_ref *e = &bare->next;
                struct store_bulk_response row =
                    {NULL,       bare->user_id,       e->part_id, e->module_id, e->exercise_id,
                     e->version, e->full_exercise_id, json,       NULL};
                struct store_bulk_undo *u = &undo[nundo];
                memset(u, 0, sizeof *u);
                double t0 = now_us();
                s = store_bulk_baseline_insert(st, &row, u->response_id);
                double dt = now_us() - t0;
                if (s != DT_OK)
                    die("baseline insert", s, st);
                nundo++;
                if (timing)
                    bare_us[nbare++] = dt;
            }
        }
    }
    s = store_bulk_undo_apply(st, undo, nundo);
    if (s != DT_OK)
        die("removing the rows the benchmark added", s, st);
    long long after = count_responses(st);

    struct stats save_stats = summarise(save_us, nsave), bare_stats = summarise(bare_us, nbare);
    printf("\nsaving a %d-byte response, one transaction each (WAL, synchronous=FULL), "
           "microseconds; %zu timed of each after %zu untimed\n",
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
    free(next_us);
    free(dos_us);
    free(order);
    free(ids);
    store_close(&st);
    return 0;
}
