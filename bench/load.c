/* bench-load: many sessions saving into one database file, as on the shared server (issue #11).
 *  - The run: N worker processes (--sessions, default 200), each with its own store and its own
 *    new anonymous user, save answers the way a person would for S seconds (--seconds, default
 *    60): a ~300-byte answer to the next exercise (store_responses_save, timed), then a draft of
 *    the one after (store_drafts_save, timed), with 0.5-2 s of thinking between saves. One more
 *    process is the paired floor: it alternates a store_responses_save with a bare BEGIN
 *    IMMEDIATE / INSERT / COMMIT of a row of the same size (store_bulk_baseline_insert) through
 *    the same run. The -wal file's size is sampled every second. Then every worker is sent
 *    SIGTERM (it finishes the save it is in and leaves), and every save a worker recorded is
 *    looked up in the database, its text compared, and PRAGMA integrity_check run.
 *  - The crash phase (after the run, or alone with --crash): rounds of 20 workers saving with
 *    hardly a pause, 5 of them killed with SIGKILL at random moments; a worker writes
 *    "done" to its result file, fsync'd, only after store_responses_save returned DT_OK. Then
 *    integrity_check, and every save reported done must be in the database.
 * Each worker writes what it did to a result file in a scratch folder (ids, numbers and
 * latencies; the answers are made up here and made again to compare, never written out).
 * Prints figures; exits 1 only for a lost save, an error, or a failed integrity check, never
 * for a time. Usage: bench-load [--sessions N] [--seconds S] [--crash] [--keep] [CONTENT_DIR] */
#define _GNU_SOURCE /* nftw's FTW_DEPTH and FTW_PHYS */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bulk.h"
#include "drafts.h"
#include "measure.h"
#include "oom.h"
#include "progress.h"
#include "responses.h"
#include "rng.h"
#include "seed.h"
#include "store.h"
#include "users.h"

#define DEFAULT_SESSIONS 200
#define DEFAULT_SECONDS 60
#define ANSWER_BYTES 300
#define DRAFT_BYTES 150
#define THINK_MIN_S 0.5
#define THINK_MAX_S 2.0
#define FLOOR_THINK_MIN_S 0.1 /* the floor pairs come more often, for enough samples */
#define FLOOR_THINK_MAX_S 0.4
#define GOAL_P99_MS 50.0
#define STOP_GRACE_S 30 /* after SIGTERM; a save waits at most 5 s for the lock */
#define CRASH_ROUNDS 4
#define CRASH_WORKERS 20
#define CRASH_KILLS 5
#define CRASH_THINK_MAX_S 0.005

/* ---- what a worker does ---- */

static volatile sig_atomic_t stop_asked;

static void on_term(int sig)
{
    (void)sig;
    stop_asked = 1;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Sleeps about seconds, or less when SIGTERM comes. */
static void think(double seconds)
{
    double until = now_s() + seconds;
    while (!stop_asked) {
        double left = until - now_s();
        if (left <= 0)
            return;
        struct timespec t = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
        nanosleep(&t, NULL); /* EINTR on SIGTERM: the loop looks at the flag */
    }
}

/* A made-up answer of exactly bytes bytes of JSON, different for each session and save, so
 * the check after the run can tell one save from another. */
static void make_text(char *out, size_t bytes, const char *kind, int session, long n)
{
    static const char filler[] = "I kept notes on what gave me energy this week and what drained"
                                 " it, and the pattern surprised me. ";
    int head = snprintf(out, bytes + 1, "{\"story\":\"session %d, %s %ld. ", session, kind, n);
    size_t text_end = bytes - 2; /* room for "} */
    for (size_t i = (size_t)head; i < text_end; i++)
        out[i] = filler[i % (sizeof filler - 1)];
    memcpy(out + text_end, "\"}", 3);
}

struct worker_plan {
    int session;        /* its number, written into its answers */
    const char *db;     /* the database file */
    const char *result; /* its result file */
    double think_min, think_max, first_wait_max;
    bool sync;             /* fsync the result file after each line (the crash phase) */
    bool floor;            /* the paired floor process instead of a person */
    volatile int *in_save; /* shared with the parent: 1 while inside a save (answer or draft) */
};

struct result_file {
    int fd;
    bool sync;
};

static void say(struct result_file *rf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(struct result_file *rf, const char *fmt, ...)
{
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n <= 0 || (size_t)n >= sizeof line)
        return;
    /* one write(2) per line: a line the kernel has is kept when the process is killed */
    if (write(rf->fd, line, (size_t)n) != n)
        _exit(4);
    if (rf->sync)
        fsync(rf->fd);
}

static double unit_between(struct bench_rng *rng, double lo, double hi)
{
    return lo + (hi - lo) * bench_rng_unit(rng);
}

/* A new user for this session, recorded in the result file; false on failure (recorded). */
static bool new_user(struct store *st, struct result_file *rf, char id[STORE_ID_LEN])
{
    struct user u;
    enum dt_status s = store_users_create_anonymous(st, &u);
    if (s != DT_OK) {
        say(rf, "fail user %d\n", (int)s);
        return false;
    }
    memcpy(id, u.id, STORE_ID_LEN);
    say(rf, "user %s\n", id);
    return true;
}

/* One save of the session's next answer; false when the session has nothing left to do. */
static bool save_next(struct store *st, const struct worker_plan *p, struct result_file *rf,
                      char user[STORE_ID_LEN], long *saves, const char *tag)
{
    struct exercise_ref next;
    enum dt_status s = store_progress_next(st, user, &next);
    if (s == DT_NOT_FOUND) { /* finished the workbook: a new person sits down */
        if (!new_user(st, rf, user))
            return false;
        s = store_progress_next(st, user, &next);
    }
    if (s != DT_OK) {
        say(rf, "fail next %d\n", (int)s);
        return true;
    }
    char answer[ANSWER_BYTES + 1];
    long n = ++*saves;
    make_text(answer, ANSWER_BYTES, "answer", p->session, n);
    *p->in_save = 1;
    double t0 = now_s();
    s = store_responses_save(st, user, next.full_exercise_id, answer, NULL);
    double ms = (now_s() - t0) * 1e3;
    *p->in_save = 0;
    if (s == DT_OK)
        say(rf, "%s %ld %s %.3f\n", tag, n, next.full_exercise_id, ms);
    else
        say(rf, "fail save %d %.3f\n", (int)s, ms);
    return true;
}

static void save_draft(struct store *st, const struct worker_plan *p, struct result_file *rf,
                       const char *user, long saves)
{
    struct exercise_ref next;
    enum dt_status s = store_progress_next(st, user, &next);
    if (s == DT_NOT_FOUND)
        return; /* the last answer finished the workbook: nothing to draft */
    if (s != DT_OK) {
        say(rf, "fail next %d\n", (int)s);
        return;
    }
    char draft[DRAFT_BYTES + 1];
    make_text(draft, DRAFT_BYTES, "draft", p->session, saves);
    *p->in_save = 1;
    double t0 = now_s();
    s = store_drafts_save(st, user, next.full_exercise_id, draft);
    double ms = (now_s() - t0) * 1e3;
    *p->in_save = 0;
    if (s == DT_OK)
        say(rf, "draft %.3f\n", ms);
    else
        say(rf, "fail draft %d %.3f\n", (int)s, ms);
}

/* The floor: a bare insert of a row of the answer's size, as a second user of this process
 * (its rows are not a session's answers, so they are left out of the check). */
static void bare_insert(struct store *st, struct result_file *rf, const char *user,
                        const struct exercise_ref *e, const char *json)
{
    struct store_bulk_response row = {NULL,           user,       e->part_id,          e->module_id,
                                      e->exercise_id, e->version, e->full_exercise_id, json,
                                      NULL,           NULL};
    double t0 = now_s();
    enum dt_status s = store_bulk_baseline_insert(st, &row, NULL);
    double ms = (now_s() - t0) * 1e3;
    if (s == DT_OK)
        say(rf, "bare %.3f\n", ms);
    else
        say(rf, "fail bare %d %.3f\n", (int)s, ms);
}

static int worker(const struct worker_plan *p)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    struct result_file rf = {open(p->result, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC,
                                  0600),
                             p->sync};
    if (rf.fd < 0)
        return 3;
    struct bench_rng rng;
    bench_rng_seed(&rng, (uint64_t)getpid() * 2654435761u ^ (uint64_t)(now_s() * 1e6));
    think(unit_between(&rng, 0, p->first_wait_max)); /* people do not all start at once */

    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    enum dt_status s = store_open(p->db, STORE_OPEN_EXISTING, &st, err);
    if (s != DT_OK) {
        say(&rf, "fail open %d\n", (int)s);
        close(rf.fd);
        return 0;
    }
    char user[STORE_ID_LEN], bare_user[STORE_ID_LEN];
    struct exercise_ref first;
    char bare_json[ANSWER_BYTES + 1];
    bool ready = new_user(st, &rf, user);
    if (ready && p->floor) {
        struct user u = {0};
        s = store_users_create_anonymous(st, &u);
        if (s == DT_OK)
            s = store_progress_next(st, u.id, &first);
        if (s != DT_OK) {
            say(&rf, "fail user %d\n", (int)s);
            ready = false;
        }
        memcpy(bare_user, u.id, sizeof bare_user);
        make_text(bare_json, ANSWER_BYTES, "bare", p->session, 0);
    }
    long saves = 0;
    for (long round = 0; ready && !stop_asked; round++) {
        if (p->floor) {
            /* alternate which goes first, so checkpoints and waits fall on both alike */
            if (round % 2 == 0 && !save_next(st, p, &rf, user, &saves, "pair"))
                break;
            bare_insert(st, &rf, bare_user, &first, bare_json);
            if (round % 2 == 1 && !save_next(st, p, &rf, user, &saves, "pair"))
                break;
            think(unit_between(&rng, p->think_min, p->think_max));
            continue;
        }
        if (!save_next(st, p, &rf, user, &saves, "done"))
            break;
        double pause = unit_between(&rng, p->think_min, p->think_max);
        think(pause / 2);
        if (stop_asked)
            break;
        save_draft(st, p, &rf, user, saves);
        think(pause / 2);
    }
    store_close(&st);
    say(&rf, "end\n");
    close(rf.fd);
    return 0;
}

/* ---- the parent: start, watch, stop, check ---- */

struct samples {
    double *v;
    size_t n, cap;
};

static void add_sample(struct samples *s, double value)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 1024;
        s->v = dt_oom_realloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = value;
}

/* The value below which a share q of the samples lie (nearest rank); sorts s. */
static double percentile(struct samples *s, double q)
{
    return bench_percentile(s->v, s->n, q);
}

#define STATUS_COUNT ((int)DT_THROTTLED + 1)

struct tally {
    struct samples save_ms, draft_ms, pair_ms, bare_ms;
    long errors, errors_by_status[STATUS_COUNT], odd_exits, unfinished;
    long checked, missing, changed; /* saves looked up; not found; found with other text */
};

static void count_error(struct tally *t, int status)
{
    t->errors++;
    if (status >= 0 && status < STATUS_COUNT)
        t->errors_by_status[status]++;
}

/* Reads one result file, adds its figures to t and looks up every save it records. */
static void collect(struct store *st, const char *path, int session, struct tally *t)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        t->odd_exits++;
        return;
    }
    char line[512], user[STORE_ID_LEN] = "", word[16], exercise[40];
    bool ended = false;
    while (fgets(line, sizeof line, f)) {
        if (!strchr(line, '\n'))
            break; /* a line cut short by SIGKILL: it reported nothing */
        long n;
        double ms;
        int status;
        if (sscanf(line, "user %36s", user) == 1)
            continue;
        if (strcmp(line, "end\n") == 0) {
            ended = true;
        } else if (sscanf(line, "fail %15s %d", word, &status) == 2) {
            count_error(t, status);
        } else if (sscanf(line, "draft %lf", &ms) == 1) {
            add_sample(&t->draft_ms, ms);
        } else if (sscanf(line, "bare %lf", &ms) == 1) {
            add_sample(&t->bare_ms, ms);
        } else if (sscanf(line, "%15s %ld %39s %lf", word, &n, exercise, &ms) == 4 &&
                   (strcmp(word, "done") == 0 || strcmp(word, "pair") == 0)) {
            add_sample(strcmp(word, "done") == 0 ? &t->save_ms : &t->pair_ms, ms);
            char want[ANSWER_BYTES + 1];
            make_text(want, ANSWER_BYTES, "answer", session, n);
            struct response r = {0};
            enum dt_status s = store_responses_get(st, user, exercise, &r);
            t->checked++;
            if (s == DT_NOT_FOUND)
                t->missing++;
            else if (s != DT_OK)
                bench_die("looking up a save", s, st);
            else if (strcmp(r.response_json, want) != 0)
                t->changed++;
            store_responses_clear(&r);
        } else {
            fprintf(stderr, "bench-load: %s: a line not understood\n", path);
            t->odd_exits++;
        }
    }
    if (!ended)
        t->unfinished++;
    fclose(f);
}

static pid_t start(const struct worker_plan *p)
{
    fflush(NULL); /* nothing buffered is printed twice */
    pid_t pid = fork();
    if (pid < 0) {
        perror("bench-load: fork");
        exit(1);
    }
    if (pid == 0)
        _exit(worker(p));
    return pid;
}

static long long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

/* Waits for the processes in pids (0: already reaped), up to grace seconds, then kills what is
 * left. Counts exits other than 0 and, when expected_kill is set, other than SIGKILL. */
static void reap(pid_t *pids, size_t n, const bool *killed, double grace, struct tally *t)
{
    double until = now_s() + grace;
    size_t left = 0;
    for (size_t i = 0; i < n; i++)
        left += pids[i] != 0;
    while (left > 0) {
        int status;
        pid_t got = waitpid(-1, &status, WNOHANG);
        if (got == 0) {
            if (now_s() > until) {
                for (size_t i = 0; i < n; i++)
                    if (pids[i]) {
                        kill(pids[i], SIGKILL);
                        t->odd_exits++;
                        fprintf(stderr, "bench-load: a session did not stop within %.0f s\n",
                                grace);
                    }
                until = now_s() + 3600;
            }
            struct timespec pause = {0, 10 * 1000 * 1000};
            nanosleep(&pause, NULL);
            continue;
        }
        if (got < 0)
            break;
        for (size_t i = 0; i < n; i++) {
            if (pids[i] != got)
                continue;
            bool was_killed = killed && killed[i];
            bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
            bool expected = was_killed && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
            if (!clean && !expected) {
                t->odd_exits++;
                fprintf(stderr, "bench-load: a session ended badly (status %d)\n", status);
            }
            pids[i] = 0;
            left--;
        }
    }
}

static void print_latency(const char *name, struct samples *s)
{
    double p50 = percentile(s, 0.50), p90 = percentile(s, 0.90), p99 = percentile(s, 0.99);
    double max = s->n ? s->v[s->n - 1] : 0;
    printf("  %-34s %7zu %8.1f %8.1f %8.1f %8.1f\n", name, s->n, p50, p90, p99, max);
}

/* Checks the file and prints the verdict on the saves; true when nothing was lost or damaged. */
static bool verdict(struct store *st, const struct tally *t)
{
    bool ok = false;
    char problem[STORE_ERR_LEN];
    enum dt_status s = store_bulk_integrity_check(st, &ok, problem);
    if (s != DT_OK)
        bench_die("PRAGMA integrity_check", s, st);
    printf("  saves recorded as done and looked up: %ld; missing: %ld; with other text: %ld\n",
           t->checked, t->missing, t->changed);
    printf("  errors shown to a person: %ld", t->errors);
    const char *sep = " (";
    for (int i = 0; i < STATUS_COUNT; i++)
        if (t->errors_by_status[i]) {
            printf("%s%ld: %s", sep, t->errors_by_status[i], dt_status_message((enum dt_status)i));
            sep = "; ";
        }
    printf("%s\n", t->errors ? ")" : "");
    if (t->odd_exits)
        printf("  sessions that ended badly or wrote nonsense: %ld\n", t->odd_exits);
    printf("  PRAGMA integrity_check: %s%s\n", ok ? "ok" : "FAILED: ", ok ? "" : problem);
    return ok && t->missing == 0 && t->changed == 0 && t->errors == 0 && t->odd_exits == 0;
}

static void free_tally(struct tally *t)
{
    free(t->save_ms.v);
    free(t->draft_ms.v);
    free(t->pair_ms.v);
    free(t->bare_ms.v);
}

struct setup {
    char dir[64], db[96], wal[112];
};

static bool run_load(const struct setup *su, int sessions, int seconds)
{
    volatile int *flags = mmap(NULL, (size_t)(sessions + 1) * sizeof(int), PROT_READ | PROT_WRITE,
                               MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (flags == MAP_FAILED) {
        perror("bench-load: mmap");
        exit(1);
    }
    pid_t *pids = dt_oom_calloc((size_t)sessions + 1, sizeof *pids);
    char(*paths)[160] = dt_oom_calloc((size_t)sessions + 1, sizeof *paths);
    printf("\nthe run: %d sessions saving for %d s (think time %.1f-%.1f s), and one floor"
           " process\n",
           sessions, seconds, THINK_MIN_S, THINK_MAX_S);
    double t0 = now_s();
    for (int i = 0; i <= sessions; i++) {
        bool floor = i == sessions;
        snprintf(paths[i], sizeof paths[i], "%s/%s-%04d", su->dir, floor ? "floor" : "session", i);
        struct worker_plan p = {
            .session = i,
            .db = su->db,
            .result = paths[i],
            .think_min = floor ? FLOOR_THINK_MIN_S : THINK_MIN_S,
            .think_max = floor ? FLOOR_THINK_MAX_S : THINK_MAX_S,
            .first_wait_max = THINK_MAX_S,
            .floor = floor,
            .in_save = &flags[i],
        };
        pids[i] = start(&p);
    }
    long long wal_max = 0, wal_last = 0;
    int sampled = 0;
    for (int sec = 1; sec <= seconds; sec++) {
        double until = t0 + sec, left;
        while ((left = until - now_s()) > 0) {
            struct timespec t = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
            nanosleep(&t, NULL);
        }
        wal_last = file_size(su->wal);
        if (wal_last > wal_max)
            wal_max = wal_last;
        sampled++;
    }
    for (int i = 0; i <= sessions; i++)
        kill(pids[i], SIGTERM);
    double stop_at = now_s();
    struct tally t = {0};
    reap(pids, (size_t)sessions + 1, NULL, STOP_GRACE_S, &t);
    double stopped_in = now_s() - stop_at, ran = now_s() - t0;
    long long wal_end = file_size(su->wal);

    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    enum dt_status s = store_open(su->db, STORE_OPEN_EXISTING, &st, err);
    if (s != DT_OK) {
        fprintf(stderr, "bench-load: %s: %s\n", su->db, err);
        exit(1);
    }
    for (int i = 0; i <= sessions; i++)
        collect(st, paths[i], i, &t);

    printf("  ran %.1f s; all stopped %.2f s after SIGTERM; %zu answers and %zu drafts saved by"
           " the sessions (%.0f saves/s in all)\n",
           ran, stopped_in, t.save_ms.n, t.draft_ms.n,
           (double)(t.save_ms.n + t.draft_ms.n) / (double)seconds);
    printf("  latency, ms                         %7s %8s %8s %8s %8s\n", "count", "p50", "p90",
           "p99", "max");
    print_latency("store_responses_save", &t.save_ms);
    print_latency("store_drafts_save", &t.draft_ms);
    print_latency("floor process: store_responses_save", &t.pair_ms);
    print_latency("floor process: bare INSERT+COMMIT", &t.bare_ms);
    double p99 = percentile(&t.save_ms, 0.99);
    printf("  save p99 %.1f ms (goal <= %.0f ms: %s)\n", p99, GOAL_P99_MS,
           p99 <= GOAL_P99_MS ? "met" : "NOT met");
    double floor50 = percentile(&t.bare_ms, 0.5), floor99 = percentile(&t.bare_ms, 0.99);
    if (floor50 > 0 && floor99 > 0)
        printf("  sessions' save / floor: p50 %.2fx, p99 %.2fx; in the floor process, save /"
               " bare alternately: p50 %.2fx\n",
               percentile(&t.save_ms, 0.5) / floor50, p99 / floor99,
               percentile(&t.pair_ms, 0.5) / floor50);
    printf(
        "  -wal file: largest of %d samples (one a second) %.1f MiB; at the last sample %.1f MiB;"
        " once every session had closed %.1f MiB; database %.1f MiB\n",
        sampled, (double)wal_max / 1048576.0, (double)wal_last / 1048576.0,
        (double)wal_end / 1048576.0, (double)file_size(su->db) / 1048576.0);
    bool ok = verdict(st, &t);
    if (t.unfinished)
        printf("  result files without their last line: %ld\n", t.unfinished);
    store_close(&st);
    free_tally(&t);
    free(pids);
    free(paths);
    munmap((void *)flags, (size_t)(sessions + 1) * sizeof(int));
    return ok && t.unfinished == 0;
}

static bool run_crash(const struct setup *su)
{
    volatile int *flags = mmap(NULL, CRASH_WORKERS * sizeof(int), PROT_READ | PROT_WRITE,
                               MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (flags == MAP_FAILED) {
        perror("bench-load: mmap");
        exit(1);
    }
    printf("\nthe crash phase: %d rounds of %d sessions saving with at most %.0f ms between saves,"
           " %d of them killed with SIGKILL at random moments in each round\n",
           CRASH_ROUNDS, CRASH_WORKERS, CRASH_THINK_MAX_S * 1e3, CRASH_KILLS);
    struct bench_rng rng;
    bench_rng_seed(&rng, (uint64_t)getpid() ^ (uint64_t)(now_s() * 1e6));
    char paths[CRASH_ROUNDS][CRASH_WORKERS][160];
    struct tally t = {0};
    int kills = 0, inside = 0;
    for (int round = 0; round < CRASH_ROUNDS; round++) {
        pid_t pids[CRASH_WORKERS];
        bool killed[CRASH_WORKERS] = {false};
        for (int i = 0; i < CRASH_WORKERS; i++) {
            snprintf(paths[round][i], sizeof paths[round][i], "%s/crash-%d-%02d", su->dir, round,
                     i);
            flags[i] = 0;
            struct worker_plan p = {
                .session = 10000 * (round + 1) + i,
                .db = su->db,
                .result = paths[round][i],
                .think_min = 0,
                .think_max = CRASH_THINK_MAX_S,
                .first_wait_max = 0.2,
                .sync = true,
                .in_save = &flags[i],
            };
            pids[i] = start(&p);
        }
        for (int k = 0; k < CRASH_KILLS; k++) {
            think(unit_between(&rng, 0.2, 1.0));
            int victim;
            do
                victim = (int)bench_rng_below(&rng, CRASH_WORKERS);
            while (killed[victim]);
            inside += flags[victim];
            kill(pids[victim], SIGKILL);
            killed[victim] = true;
            kills++;
        }
        think(0.3);
        for (int i = 0; i < CRASH_WORKERS; i++)
            if (!killed[i])
                kill(pids[i], SIGTERM);
        reap(pids, CRASH_WORKERS, killed, STOP_GRACE_S, &t);
    }

    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    if (store_open(su->db, STORE_OPEN_EXISTING, &st, err) != DT_OK) {
        fprintf(stderr, "bench-load: %s: %s\n", su->db, err);
        exit(1);
    }
    for (int round = 0; round < CRASH_ROUNDS; round++)
        for (int i = 0; i < CRASH_WORKERS; i++)
            collect(st, paths[round][i], 10000 * (round + 1) + i, &t);
    printf(
        "  %d sessions killed, %d of them inside a save (an answer or a draft); %zu answers saved in"
        " all, save p50 %.1f ms, p99 %.1f ms\n",
        kills, inside, t.save_ms.n, percentile(&t.save_ms, 0.5), percentile(&t.save_ms, 0.99));
    /* a killed session's result file ends without "end"; only the others must have it */
    if (t.unfinished != kills)
        printf("  result files without their last line: %ld, against %d killed\n", t.unfinished,
               kills);
    bool ok = verdict(st, &t) && t.unfinished == kills;
    store_close(&st);
    free_tally(&t);
    munmap((void *)flags, CRASH_WORKERS * sizeof(int));
    return ok;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int number_arg(const char *text, int lo, int hi, const char *what)
{
    char *end;
    long v = text ? strtol(text, &end, 10) : 0;
    if (!text || *end || v < lo || v > hi) {
        fprintf(stderr, "bench-load: %s takes a number from %d to %d\n", what, lo, hi);
        exit(2);
    }
    return (int)v;
}

int main(int argc, char **argv)
{
    bench_set_name("bench-load");
    int sessions = DEFAULT_SESSIONS, seconds = DEFAULT_SECONDS;
    bool crash_only = false, keep = false;
    const char *content = BENCH_CONTENT_DIR;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--sessions") == 0)
            sessions = number_arg(i + 1 < argc ? argv[++i] : NULL, 1, 2000, "--sessions");
        else if (strcmp(argv[i], "--seconds") == 0)
            seconds = number_arg(i + 1 < argc ? argv[++i] : NULL, 1, 3600, "--seconds");
        else if (strcmp(argv[i], "--crash") == 0)
            crash_only = true;
        else if (strcmp(argv[i], "--keep") == 0)
            keep = true;
        else if (argv[i][0] != '-')
            content = argv[i];
        else {
            fprintf(stderr, "usage: bench-load [--sessions N] [--seconds S] [--crash] [--keep]"
                            " [CONTENT_DIR]\n");
            return 2;
        }
    }
    signal(SIGPIPE, SIG_IGN);

    struct setup su;
    snprintf(su.dir, sizeof su.dir, "/tmp/dreamtree-bench-load-XXXXXX");
    if (!mkdtemp(su.dir)) {
        perror("bench-load: mkdtemp");
        return 1;
    }
    snprintf(su.db, sizeof su.db, "%s/load.db", su.dir);
    snprintf(su.wal, sizeof su.wal, "%s-wal", su.db);

    /* the database: the workbook and nobody yet; closed before any fork (a connection must not
     * cross one) */
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    struct seed_diags d = {0};
    enum dt_status s = store_open(su.db, STORE_OPEN_CREATE, &st, err);
    if (s != DT_OK)
        bench_die("creating the database", s, NULL);
    s = seed_run(st, content, &d, NULL);
    seed_diags_free(&d);
    if (s != DT_OK)
        bench_die("seeding the database", s, st);
    struct exercise_ref *seq = NULL;
    size_t nseq = 0;
    if (store_progress_sequence(st, &seq, &nseq) != DT_OK || nseq == 0)
        bench_die("reading the workbook's sequence", DT_NOT_FOUND, st);
    free(seq);
    store_close(&st);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    printf("bench-load: %s, seeded from %s (%zu exercises); %ld cores; WAL, synchronous=FULL,"
           " a writer waits for the lock up to 5 s (db/open.c)\n",
           su.db, content, nseq, cores);

    bool ok = true;
    if (!crash_only)
        ok = run_load(&su, sessions, seconds);
    ok = run_crash(&su) && ok;

    if (keep)
        printf("\nkept %s\n", su.dir);
    else
        nftw(su.dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    printf("\nbench-load: %s\n", ok ? "every save present, no errors, integrity ok"
                                    : "FAILED (above: what was lost, the errors, or the check)");
    return ok ? 0 : 1;
}
