/* bench-ui: how quickly the screens answer, on a database seeded with the real workbook.
 *  - from exec to the Daily Dos: the dreamtree program started in text mode, timed from spawn
 *    to the end of its first frame (its menu's prompt arriving on the pipe);
 *  - the floor under that: the same program asked for --version, timed from spawn to exit, run
 *    alternately with the sessions (on a virtual machine, starting any process is costly);
 *  - the instructions of one such session from exec to exit, counted by callgrind when valgrind
 *    is installed: steady where times are noisy;
 *  - `dreamtree today` against its terminal peer, `calcurse -a` (a day's agenda from text files,
 *    in a data folder made here with a comparable amount for today), each spawn to exit, run
 *    alternately, and the instructions of each under callgrind; skipped when calcurse is not
 *    installed;
 *  - the largest resident set at the first frame, in text mode and in the full-screen face on a
 *    pseudo-terminal (read from /proc while the program runs);
 *  - one keystroke's work in-process: the event, its store calls and the document built again;
 *  - the full-screen face in ncurses' virtual screen: its start and first frame, and a key
 *    handled and redrawn.
 * Usage: bench-ui DREAMTREE [CONTENT_DIR]. Prints figures; never fails on a time. */
#define _GNU_SOURCE /* POSIX_SPAWN_SETSID */
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "fullscreen.h"
#include "progress.h"
#include "responses.h"
#include "doc.h"
#include "files.h"
#include "seed.h"
#include "sessions.h"
#include "users.h"

extern char **environ;

#define RUNS 61
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

/* The peak resident set of a running process, in KiB, from /proc (0 when unreadable). Read
 * while the child lives: after exit, wait4's ru_maxrss would also count the memory of this
 * program, which the child shared until its exec (posix_spawn uses vfork). */
static long peak_rss(pid_t pid)
{
    char path[64], line[128];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long kib = 0;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kib = strtol(line + 6, NULL, 10);
    if (f)
        fclose(f);
    return kib;
}

/* Starts ARGS[0] with stdin and stdout on pipes; returns the microseconds from spawn until
 * MARKER has arrived on stdout (with no marker, until stdout closes). Once the marker is seen,
 * RSS (when asked) gets the child's peak resident set so far and ANSWER is typed. Exits on
 * failure: the program must finish cleanly. */
static double spawn_timed(char *const *args, const char *answer, const char *marker, long *rss)
{
    int out[2], in[2];
    if (pipe(out) != 0 || pipe(in) != 0)
        fail("no pipe");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addclose(&fa, out[0]);
    posix_spawn_file_actions_addclose(&fa, in[1]);
    pid_t pid;
    double t0 = now_us(), done = 0;
    if (posix_spawn(&pid, args[0], &fa, NULL, args, environ) != 0)
        fail("cannot start dreamtree");
    close(out[1]);
    close(in[0]);
    if (!marker)
        close(in[1]);
    char buf[65536];
    size_t len = 0;
    ssize_t got;
    while ((got = read(out[0], buf + len, sizeof buf - 1 - len)) > 0) {
        len += (size_t)got;
        buf[len] = '\0';
        if (!done && marker && strstr(buf, marker)) {
            done = now_us() - t0;
            if (rss)
                *rss = peak_rss(pid);
            if (write(in[1], answer, strlen(answer)) != (ssize_t)strlen(answer))
                fail("cannot type into dreamtree");
            close(in[1]);
        }
        if (len > sizeof buf / 2) { /* keep only the tail; the marker is near the end */
            memmove(buf, buf + len - 64, 64);
            len = 64;
        }
    }
    if (!marker)
        done = now_us() - t0;
    else if (!done)
        close(in[1]);
    close(out[0]);
    int status;
    waitpid(pid, &status, 0);
    posix_spawn_file_actions_destroy(&fa);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !done)
        fail("dreamtree did not finish cleanly with the expected output");
    return done;
}

/* Starts ARGS[0] with environment ENV, stdin on /dev/null and stdout on a pipe it drains;
 * returns the microseconds from spawn until the child has exited and been reaped, and counts
 * the lines it printed into *LINES. Exits on failure: the program must finish cleanly. */
static double spawn_to_exit(char *const *args, char *const *env, int *lines)
{
    int out[2];
    if (pipe(out) != 0)
        fail("no pipe");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addclose(&fa, out[0]);
    pid_t pid;
    double t0 = now_us();
    if (posix_spawn(&pid, args[0], &fa, NULL, args, env) != 0)
        fail("cannot start a program to time");
    close(out[1]);
    char buf[4096];
    ssize_t got;
    *lines = 0;
    while ((got = read(out[0], buf, sizeof buf)) > 0)
        for (ssize_t i = 0; i < got; i++)
            *lines += buf[i] == '\n';
    int status;
    waitpid(pid, &status, 0);
    double took = now_us() - t0;
    close(out[0]);
    posix_spawn_file_actions_destroy(&fa);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail("a timed program did not finish cleanly");
    return took;
}

/* The path of NAME found on PATH, into OUT; false when it is not there. */
static bool find_program(const char *name, char *out, size_t size)
{
    const char *path = getenv("PATH");
    if (!path || !path[0])
        path = "/usr/bin:/bin";
    while (*path) {
        size_t len = strcspn(path, ":");
        if (len > 0 && (size_t)snprintf(out, size, "%.*s/%s", (int)len, path, name) < size &&
            access(out, X_OK) == 0)
            return true;
        path += len + (path[len] == ':');
    }
    return false;
}

/* A calcurse data folder in DIR (apts, todo) with about what the seeded user's Daily Dos holds:
 * an event and two appointments today, three open todos. calcurse reads the dates as local
 * time, as this does. */
static void write_agenda(const char *dir)
{
    char path[FILES_PATH_MAX], day[16];
    time_t t = time(NULL);
    strftime(day, sizeof day, "%m/%d/%Y", localtime(&t));
    if (mkdir(dir, 0700) != 0)
        fail("cannot make the calcurse folder");
    snprintf(path, sizeof path, "%s/apts", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        fail("cannot write the calcurse agenda");
    fprintf(f, "%s [1] Application deadline\n", day);
    fprintf(f, "%s @ 09:00 -> %s @ 09:30 |Stand-up with the team\n", day, day);
    fprintf(f, "%s @ 15:30 -> %s @ 16:00 |Call with a mentor\n", day, day);
    fclose(f);
    snprintf(path, sizeof path, "%s/todo", dir);
    if (!(f = fopen(path, "w")))
        fail("cannot write the calcurse todos");
    fputs("[1] Update the CV\n[2] Write to two contacts\n[3] Read one job advert\n", f);
    fclose(f);
}

/* A copy of environ with HOME set to HOME: the array is malloc'd, the new entry static. */
static char **env_with_home(const char *home)
{
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = malloc((n + 2) * sizeof *env);
    static char entry[FILES_PATH_MAX + 8];
    if (!env)
        fail("no memory");
    snprintf(entry, sizeof entry, "HOME=%s", home);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "HOME=", 5) != 0)
            env[k++] = environ[i];
    env[k++] = entry;
    env[k] = NULL;
    return env;
}

/* The full-screen face on a pseudo-terminal (80x24): waits for the Daily Dos to be drawn and
 * the output to settle, takes the peak resident set, then quits with Q. Returns KiB. */
static long curses_session_rss(const char *program)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
        fail("no pseudo-terminal");
    struct winsize ws = {.ws_row = 24, .ws_col = 80};
    ioctl(master, TIOCSWINSZ, &ws);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, ptsname(master), O_RDWR, 0);
    posix_spawn_file_actions_adddup2(&fa, 0, 1);
    posix_spawn_file_actions_adddup2(&fa, 0, 2);
    posix_spawn_file_actions_addclose(&fa, master);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
    char *args[] = {(char *)program, NULL};
    pid_t pid;
    if (posix_spawn(&pid, program, &fa, &attr, args, environ) != 0)
        fail("cannot start dreamtree on a pseudo-terminal");
    char buf[4096];
    bool drawn = false;
    long kib = 0;
    for (;;) {
        struct pollfd p = {.fd = master, .events = POLLIN};
        int ready = poll(&p, 1, drawn ? 300 : 5000);
        if (ready == 0) {
            if (!drawn)
                fail("the full-screen Daily Dos did not appear");
            kib = peak_rss(pid);
            if (write(master, "Q", 1) != 1)
                fail("cannot type into dreamtree");
            drawn = false;
            break;
        }
        ssize_t got = read(master, buf, sizeof buf - 1);
        if (got <= 0)
            fail("dreamtree left before its first frame");
        buf[got] = '\0';
        if (strstr(buf, "Daily Dos"))
            drawn = true;
    }
    while (read(master, buf, sizeof buf) > 0) /* drain until the terminal closes (EIO) */
        ;
    int status;
    waitpid(pid, &status, 0);
    close(master);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&fa);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail("the full-screen session did not finish cleanly");
    return kib;
}

/* Instructions executed by ARGS (a program and its arguments, at most 12) from exec to exit
 * under callgrind, with stdin from INPUT and environment ENV, or 0 when valgrind is missing. */
static long long count_instructions(char *const *args, const char *input, char *const *env,
                                    const char *dir)
{
    char log[160];
    snprintf(log, sizeof log, "%s/callgrind.log", dir);
    char *argv[16] = {"valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"};
    for (int i = 0; args[i] && i < 12; i++)
        argv[3 + i] = args[i];
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, input, O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid;
    int status = 0;
    long long n = 0;
    if (posix_spawnp(&pid, "valgrind", &fa, NULL, argv, env) == 0 &&
        waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        FILE *f = fopen(log, "r");
        char line[256];
        while (f && fgets(line, sizeof line, f)) {
            const char *at = strstr(line, "Collected : ");
            if (at)
                n = strtoll(at + 12, NULL, 10);
        }
        if (f)
            fclose(f);
    }
    posix_spawn_file_actions_destroy(&fa);
    return n;
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
    /* the programs started below find their session file (and nothing else) under HOME */
    setenv("HOME", home, 1);
    unsetenv("XDG_STATE_HOME");
    unsetenv("XDG_DATA_HOME");

    /* the database: the real workbook and one user who has answered the first ten exercises */
    struct store *st = NULL;
    char err[STORE_ERR_LEN], user[STORE_ID_LEN];
    struct seed_diags d = {0};
    if (store_open(db, STORE_OPEN_CREATE, &st, err) != DT_OK ||
        seed_run(st, content, &d, NULL) != DT_OK)
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
    /* the session file names that user, so the program resumes them as a person would (without
     * one, it would make a new user who has written nothing and show the welcome screen) */
    struct session se;
    char session_file[FILES_PATH_MAX], db_key[FILES_PATH_MAX];
    if (!realpath(db, db_key) || store_sessions_create(st, user, &se) != DT_OK ||
        store_files_session_file(session_file, 1) != DT_OK ||
        store_files_write_session(session_file, db_key, se.id) != DT_OK)
        fail("cannot write the session file");

    /* in-process: a keystroke is an event, its store calls and the document built again */
    struct app *app = app_new(st, user, SCREEN_DASHBOARD, NULL);
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
        tui_fullscreen_run_script(&host, NULL, 80, 24, "", sink);
        frames[i] = now_us() - t0;
        t0 = now_us();
        tui_fullscreen_run_script(&host, NULL, 80, 24, "<Tab*100>", sink);
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
    setenv("DREAMTREE_DB", db, 1);
    setenv("DREAMTREE_CONTENT", content, 1);
    double runs[RUNS], floor_runs[RUNS], above[RUNS];
    long max_rss = 0;
    char *session[] = {argv[1], "--plain", NULL}, *version[] = {argv[1], "--version", NULL};
    for (int i = 0; i < RUNS + 1; i++) {
        /* alternate with the floor so both see the same moments of a noisy machine */
        long rss = 0;
        double frame = spawn_timed(session, "9\n", "\nChoose ", &rss);
        double floor = spawn_timed(version, "", NULL, NULL);
        if (i > 0) { /* the first run warms the page cache */
            runs[i - 1] = frame;
            floor_runs[i - 1] = floor;
            above[i - 1] = frame - floor;
        }
        if (rss > max_rss)
            max_rss = rss;
    }

    /* today against calcurse -a, alternately, each spawn to exit; the first pair warms the page
     * cache (and lets calcurse make its conf, hooks and notes beside the agenda) */
    char calcurse[256], caldir[160];
    bool have_calcurse = find_program("calcurse", calcurse, sizeof calcurse);
    double today_runs[RUNS], calcurse_runs[RUNS];
    int today_lines = 0, calcurse_lines = 0;
    long long today_instructions = 0, calcurse_instructions = 0;
    if (have_calcurse) {
        snprintf(caldir, sizeof caldir, "%s/calcurse", dir);
        write_agenda(caldir);
        char **calenv = env_with_home(caldir);
        char *today[] = {argv[1], "--db", db, "today", NULL};
        char *agenda[] = {calcurse, "-D", caldir, "-a", NULL};
        for (int i = 0; i < RUNS + 1; i++) {
            double a = spawn_to_exit(today, environ, &today_lines);
            double b = spawn_to_exit(agenda, calenv, &calcurse_lines);
            if (i > 0) {
                today_runs[i - 1] = a;
                calcurse_runs[i - 1] = b;
            }
        }
        today_instructions = count_instructions(today, "/dev/null", environ, dir);
        calcurse_instructions = count_instructions(agenda, "/dev/null", calenv, dir);
        free(calenv);
    }

    long long instructions = count_instructions(session, input, environ, dir);
    long curses_rss = 0;
    for (int i = 0; i < 5; i++) {
        long kib = curses_session_rss(argv[1]);
        if (kib > curses_rss)
            curses_rss = kib;
    }

    printf("bench-ui: the real workbook, one user 10 exercises in\n\n");
    printf("  %-40s %9s %9s %9s\n", "microseconds", "median", "p95", "max");
    report("exec to the Daily Dos' first frame", runs, RUNS);
    report("floor: exec to exit of --version", floor_runs, RUNS);
    report("first frame less its paired floor", above, RUNS);
    double frame_ratio = runs[RUNS / 2] / floor_runs[RUNS / 2];
    if (have_calcurse) {
        report("dreamtree today, spawn to exit", today_runs, RUNS);
        report("calcurse -a, spawn to exit", calcurse_runs, RUNS);
    }
    report("one keystroke: event + store + build", keys, KEYS);
    report("curses: start and first frame (in process)", frames, RUNS);
    report("curses: one Tab, handled and redrawn", tabs, RUNS);
    if (instructions)
        printf("\n  instructions of a session, exec to exit (callgrind): %.2f million\n",
               instructions / 1e6);
    else
        printf("\n  instructions: valgrind is not installed\n");
    printf("  largest resident set at the first frame: text mode %.1f MiB, full screen %.1f MiB"
           " (goal <= 6 MiB)\n",
           max_rss / 1024.0, curses_rss / 1024.0);
    printf("\n  first frame / --version: %.2fx (goal <= 1.3x), medians of the paired runs\n",
           frame_ratio);
    if (have_calcurse) {
        printf("  today / calcurse -a: %.2fx (goal <= 1.0x), medians of the paired runs;"
               " %d and %d lines printed\n",
               today_runs[RUNS / 2] / calcurse_runs[RUNS / 2], today_lines, calcurse_lines);
        if (today_instructions && calcurse_instructions)
            printf("  instructions, exec to exit (callgrind): today %.2f million, calcurse -a %.2f"
                   " million\n",
                   today_instructions / 1e6, calcurse_instructions / 1e6);
    } else {
        printf("  SKIP today vs calcurse: calcurse is not installed (./quickstart bench installs"
               " it)\n");
    }
    printf("  goals: first frame <= 5 ms median (%s), keystroke <= 1 ms (%s)\n",
           runs[RUNS / 2] <= 5000 ? "met" : "not met", keys[KEYS / 2] <= 1000 ? "met" : "not met");
    free(keys);
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}
