/* The command line's shared helpers (cli.h). */
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "accounts.h"
#include "fullscreen.h"
#include "text.h"

/* Every message to stderr goes through here, and so through the sanitiser: it may hold a path,
 * an argument, or SQLite's words about a file someone changed (an object's name, a trigger's
 * RAISE text), all text someone else chose. */

void cli_vsay(const char *fmt, va_list ap)
{
    char fixed[512], *text = fixed;
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(fixed, sizeof fixed, fmt, ap);
    if (n >= (int)sizeof fixed && (text = malloc((size_t)n + 1)) != NULL)
        vsnprintf(text, (size_t)n + 1, fmt, again);
    va_end(again);
    if (!text)
        text = fixed; /* out of memory: the first part, cut */
    char *clean = n < 0 ? NULL : tui_text_sanitize(text, strlen(text), 0);
    fprintf(stderr, "dreamtree: %s\n", clean ? clean : "(a message that could not be shown)");
    free(clean);
    if (text != fixed)
        free(text);
}

void cli_say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_vsay(fmt, ap);
    va_end(ap);
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_vsay(fmt, ap);
    va_end(ap);
    fputs("Try 'dreamtree --help'.\n", stderr);
    return EXIT_USAGE;
}

const char *cli_content_dir(void)
{
    const char *env = getenv("DREAMTREE_CONTENT");
    if (env && env[0])
        return env;
    struct stat sb;
    if (stat(DT_CONTENT_SOURCE "/tools.rec", &sb) == 0)
        return DT_CONTENT_SOURCE; /* running from a source checkout */
    return DT_CONTENT_INSTALLED;
}

int cli_database_path(const struct options *o, char path[FILES_PATH_MAX], int create_dir)
{
    if (o->db) {
        if (strlen(o->db) >= FILES_PATH_MAX)
            return -1;
        strcpy(path, o->db);
        return 0;
    }
    enum dt_status s = store_files_database(path, create_dir);
    if (s != DT_OK) {
        cli_say("cannot find a place for the database: %s",
                s == DT_NOT_FOUND ? "HOME is not set" : dt_status_message(s));
        return -1;
    }
    return 0;
}

/* Opens the database; db_key (may be NULL) receives its absolute path, which names it in the
 * session file. */
/* Every core is checking someone's password (a shared server at a busy moment): say why this
 * takes a moment, on the full screen's status line when it runs (stderr would be drawn across
 * it), else on stderr. */
static void waiting_for_a_turn(void *ctx)
{
    (void)ctx;
    if (tui_fullscreen_say_now("Others are signing in; waiting for a turn to check the password."))
        return;
    fputs("\r\ndreamtree: others are signing in; waiting for a turn to check the password\r\n",
          stderr);
}

struct store *cli_open_store(const struct options *o, enum store_open_mode mode, int *missing,
                             char db_key[FILES_PATH_MAX])
{
    char path[FILES_PATH_MAX], err[STORE_ERR_LEN];
    if (cli_database_path(o, path, mode == STORE_OPEN_CREATE) != 0)
        return NULL;
    struct store *st = NULL;
    enum dt_status s = store_open(path, mode, &st, err);
    if (s == DT_NOT_FOUND && missing) {
        *missing = 1;
        return NULL;
    }
    if (s != DT_OK) {
        cli_say("%s: %s", path, err[0] ? err : dt_status_message(s));
        return NULL;
    }
    const char *now = getenv("DREAMTREE_NOW"); /* a fixed clock for tests and demonstrations */
    int64_t t;
    if (now && now[0]) {
        if (store_time_parse(now, &t) == 0)
            store_set_now(st, t);
        else
            cli_say("DREAMTREE_NOW is not an ISO 8601 time; using the real clock");
    }
    store_accounts_on_wait(st, waiting_for_a_turn, NULL);
    if (db_key && !realpath(path, db_key))
        store_copy_text(db_key, FILES_PATH_MAX, path);
    return st;
}

/* The user of this terminal: the one the session file names, else none. */
/* Reads only: marking the session seen is a write (and an fsync), left for when the person
 * leaves, so it never stands between starting and the first screen. */
enum dt_status cli_session_user(struct store *st, const char *db_key, struct session *se)
{
    char path[FILES_PATH_MAX], id[STORE_ID_LEN];
    enum dt_status s = store_files_session_file(path, 0);
    if (s == DT_OK)
        s = store_files_read_session(path, db_key, id);
    if (s == DT_OK)
        s = store_sessions_get(st, id, se);
    return s;
}

/* ---- passwords ---- */

static struct termios saved_termios;
static volatile sig_atomic_t echo_off;

/* A signal while echo is off: the terminal gets its echo back before the program ends. */
static void restore_echo_and_exit(int sig)
{
    if (echo_off)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
    _exit(128 + sig);
}

/* One line from fd into buf without its end; -1 at the end of input before any byte, -2 when
 * longer than buf (the rest of the line is read and dropped). Read a byte at a time, so no
 * buffer of stdio's keeps a copy of the secret. */
static int read_line(int fd, char *buf, size_t size)
{
    size_t n = 0;
    bool too_long = false, any = false;
    for (;;) {
        char c;
        ssize_t got = read(fd, &c, 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        any = true;
        if (c == '\n')
            break;
        if (n + 1 < size)
            buf[n++] = c;
        else
            too_long = true;
    }
    if (n && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    if (too_long)
        return -2;
    return any ? 0 : -1;
}

const char *cli_password(const char *prompt, bool from_stdin, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!from_stdin) {
        if (!isatty(STDIN_FILENO))
            return NULL;
        struct termios quiet;
        if (tcgetattr(STDIN_FILENO, &saved_termios) != 0)
            return NULL;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = restore_echo_and_exit;
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGHUP, &sa, NULL);
        quiet = saved_termios;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        quiet.c_lflag |= ICANON;
        fprintf(stderr, "%s", prompt);
        fflush(stderr);
        echo_off = 1;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        int r = read_line(STDIN_FILENO, buf, size);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
        echo_off = 0;
        fputc('\n', stderr);
        if (r == -2) {
            cli_forget(buf, size);
            cli_say("that is longer than a password can be (%zu bytes)", size - 2);
            return NULL;
        }
        return r == 0 ? buf : NULL;
    }
    int r = read_line(STDIN_FILENO, buf, size);
    if (r == -1)
        cli_say("standard input ended before the password (--password-stdin reads one line per"
                " password)");
    if (r == -2) {
        cli_forget(buf, size);
        cli_say("a password line is longer than a password can be (%zu bytes)", size - 2);
    }
    return r == 0 ? buf : NULL;
}

void cli_forget(char *buf, size_t size)
{
    sodium_memzero(buf, size);
}

bool cli_confirm(const char *question)
{
    if (!isatty(STDIN_FILENO))
        return false;
    fprintf(stderr, "%s [y/N] ", question);
    fflush(stderr);
    char line[16];
    if (read_line(STDIN_FILENO, line, sizeof line) != 0)
        return false;
    return line[0] == 'y' || line[0] == 'Y';
}
