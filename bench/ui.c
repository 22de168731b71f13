/* bench-ui: how quickly the screens answer, on a database seeded with the real workbook.
 *  - from exec to the Daily Dos: the dreamtree program started in text mode, timed from spawn
 *    to the end of its first frame (its menu's prompt arriving on the pipe);
 *  - the largest resident set of those runs;
 *  - one keystroke's work in-process: the event, its store calls and the document built again;
 *  - the full-screen face in ncurses' virtual screen: its start and first frame, and a key
 *    handled and redrawn.
 * Usage: bench-ui DREAMTREE [CONTENT_DIR]. Prints figures; never fails on a time. */
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "curses.h"
#include "progress.h"
#include "responses.h"
#include "doc.h"
#include "seed.h"
#include "sessions.h"
#include "users.h"

extern char **environ;

#define RUNS 41
#define KEYS 400

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *what, double *v, size_t n)
{
    qsort(v, n, sizeof *v, compare);
    printf("  %-40s %9.1f %9.1f %9.1f\n", what, v[n / 2], v[n * 95 / 100], v[n - 1]);
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

static void fail(const char *what)
{
    fprintf(stderr, "bench-ui: %s\n", what);
    exit(1);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        fail("usage: bench-ui DREAMTREE [CONTENT_DIR]");
    const char *content = argc > 2 ? argv[2] : BENCH_CONTENT_DIR;
    char dir[] = "/tmp/dreamtree-bench-ui-XXXXXX";
    if (!mkdtemp(dir))
        fail("no scratch folder");
    char db[128], home[128], input[128];
    snprintf(db, sizeof db, "%s/ui.db", dir);
    snprintf(home, sizeof home, "%s/home", dir);
    snprintf(input, sizeof input, "%s/in", dir);

    /* the database: the real workbook and one user who has answered the first ten exercises */
    struct store *st = NULL;
    char err[STORE_ERR_LEN], user[STORE_ID_LEN];
    struct seed_diags d = {0};
    if (store_open(db, STORE_OPEN_CREATE, &st, err) != DT_OK || seed_run(st, content, &d, NULL) != DT_OK)
        fail("cannot seed the database");
    seed_diags_free(&d);
    struct user u;
    if (store_users_create_anonymous(st, &u) != DT_OK)
        fail("cannot make a user");
    memcpy(user, u.id, sizeof user);
    struct exercise_ref *seq = NULL;
    size_t nseq = 0;
    store_progress_sequence(st, &seq, &nseq);
    for (size_t i = 0; i < 10 && i < nseq; i++)
        store_responses_save(st, user, seq[i].full_exercise_id, "{\"answer\":\"a\"}", NULL);
    free(seq);

    /* in-process: a keystroke is an event, its store calls and the document built again */
    struct app *app = app_new(st, user, "dashboard", NULL);
    if (!app)
        fail("cannot open the Daily Dos");
    struct tui_host host = app_host(app);
    struct doc *doc = doc_new();
    double *keys = malloc(KEYS * sizeof *keys);
    static const enum cmd walk[] = {CMD_WORKBOOK, CMD_BACK, CMD_HELP, CMD_BACK};
    for (int i = 0; i < KEYS; i++) {
        struct tui_event ev = {.cmd = walk[i % 4]};
        double t0 = now_us();
        host.event(host.ctx, &ev);
        doc_reset(doc);
        host.build(host.ctx, doc);
        keys[i] = now_us() - t0;
    }
    doc_free(&doc);

    /* the full-screen face in ncurses' virtual screen: start and first frame, then keys */
    if (!getenv("TERM") || !getenv("TERM")[0])
        setenv("TERM", "xterm-256color", 1);
    unsetenv("LINES");
    unsetenv("COLUMNS");
    FILE *sink = fopen("/dev/null", "w");
    double frames[RUNS], tabs[RUNS];
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_us();
        tui_curses_run_script(&host, NULL, 80, 24, "", sink);
        frames[i] = now_us() - t0;
        t0 = now_us();
        tui_curses_run_script(&host, NULL, 80, 24, "<Tab*100>", sink);
        tabs[i] = (now_us() - t0 - frames[i]) / 100;
    }
    fclose(sink);
    app_free(&app);
    store_close(&st);

    /* exec to first frame: the program opens the Daily Dos and reads "leave" */
    FILE *f = fopen(input, "w");
    if (!f)
        fail("cannot write the input");
    fputs("9\n", f); /* the dashboard's last item: leave */
    fclose(f);
    setenv("HOME", home, 1);
    setenv("DREAMTREE_DB", db, 1);
    setenv("DREAMTREE_CONTENT", content, 1);
    unsetenv("XDG_STATE_HOME");
    unsetenv("XDG_DATA_HOME");
    double runs[RUNS];
    long max_rss = 0;
    for (int i = 0; i < RUNS + 1; i++) {
        int out[2];
        if (pipe(out) != 0)
            fail("no pipe");
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 0, input, O_RDONLY, 0);
        posix_spawn_file_actions_adddup2(&fa, out[1], 1);
        posix_spawn_file_actions_addclose(&fa, out[0]);
        char *args[] = {argv[1], "--plain", NULL};
        pid_t pid;
        double t0 = now_us(), frame = 0;
        if (posix_spawn(&pid, argv[1], &fa, NULL, args, environ) != 0)
            fail("cannot start dreamtree");
        close(out[1]);
        /* the first frame is complete when its menu asks for a choice */
        char buf[65536];
        size_t len = 0;
        ssize_t got;
        while ((got = read(out[0], buf + len, sizeof buf - 1 - len)) > 0) {
            len += (size_t)got;
            buf[len] = '\0';
            if (!frame && strstr(buf, "\nChoose "))
                frame = now_us() - t0;
            if (len > sizeof buf / 2) { /* keep only the tail; the prompt is near the end */
                memmove(buf, buf + len - 64, 64);
                len = 64;
            }
        }
        close(out[0]);
        int status;
        struct rusage ru;
        wait4(pid, &status, 0, &ru);
        posix_spawn_file_actions_destroy(&fa);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !frame)
            fail("dreamtree did not show the Daily Dos and finish cleanly");
        if (i > 0) /* the first run warms the page cache */
            runs[i - 1] = frame;
        if (ru.ru_maxrss > max_rss)
            max_rss = ru.ru_maxrss;
    }

    printf("bench-ui: the real workbook, one user 10 exercises in\n\n");
    printf("  %-40s %9s %9s %9s\n", "microseconds", "median", "p95", "max");
    report("exec to the Daily Dos' first frame", runs, RUNS);
    report("one keystroke: event + store + build", keys, KEYS);
    report("curses: start and first frame (in process)", frames, RUNS);
    report("curses: one Tab, handled and redrawn", tabs, RUNS);
    printf("\n  largest resident set of a session: %.1f MiB (goal <= 6 MiB)\n", max_rss / 1024.0);
    printf("  goals: first frame <= 5 ms median (%s), keystroke <= 1 ms (%s)\n",
           runs[RUNS / 2] <= 5000 ? "met" : "not met", keys[KEYS / 2] <= 1000 ? "met" : "not met");
    free(keys);
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}
