/* Text mode's input: lines read whole and capped, a password read without echo, the stop signals
 * that end a session (a dropped connection), and waiting at a menu with the idle lock and the
 * shared server's idle end in mind. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "oom.h"
#include "paste.h"
#include "plain_internal.h"
#include "text.h"

#define PLAIN_LINE_MAX (1 << 20) /* bytes of one typed line */

/* The signal that asked text mode to stop (SIGHUP: the connection dropped; SIGTERM; SIGINT),
 * or 0. Its handler only notes it: the read it interrupts returns, and the run ends there,
 * with every answer already sent kept and the keys zeroed by the caller's close. */
static volatile sig_atomic_t stop_signal;

static void note_stop(int sig)
{
    stop_signal = sig;
}

static const int stop_signals[PLAIN_STOPS] = {SIGHUP, SIGTERM, SIGINT};

void plain_stops_begin(struct plain_stops *st)
{
    struct sigaction ours;
    memset(&ours, 0, sizeof ours);
    ours.sa_handler = note_stop; /* no SA_RESTART: a blocked read returns at once */
    sigemptyset(&ours.sa_mask);
    stop_signal = 0;
    for (int i = 0; i < PLAIN_STOPS; i++)
        sigaction(stop_signals[i], &ours, &st->saved[i]);
}

int plain_stops_end(const struct plain_stops *st)
{
    for (int i = 0; i < PLAIN_STOPS; i++)
        sigaction(stop_signals[i], &st->saved[i], NULL);
    return stop_signal;
}

/* One line into p->line, at most PLAIN_LINE_MAX bytes of it (the rest of a longer line is read
 * and dropped, *cut set): a paste of gigabytes must not take the memory of a shared server.
 * Returns its length, or -1 at the end of input (or a stop signal). */
static ssize_t read_capped(struct plain *p, bool *cut)
{
    size_t n = 0;
    bool any = false;
    *cut = false;
    int c;
    while (!stop_signal && (c = getc(p->in)) != EOF) {
        any = true;
        if (n + 1 >= p->line_cap && n < PLAIN_LINE_MAX) {
            size_t cap = p->line_cap ? 2 * p->line_cap : 256;
            p->line = dt_oom_realloc(p->line, cap > PLAIN_LINE_MAX + 1 ? PLAIN_LINE_MAX + 1 : cap);
            p->line_cap = cap > PLAIN_LINE_MAX + 1 ? PLAIN_LINE_MAX + 1 : cap;
        }
        if (n < PLAIN_LINE_MAX)
            p->line[n++] = (char)c;
        else
            *cut = true;
        if (c == '\n')
            break;
    }
    if (!any)
        return -1;
    p->line[n] = '\0';
    return (ssize_t)n;
}

/* Reads one line into p->line without its line ending; false at the end of input. What an
 * answer cannot hold is left out here, as the full screen leaves it out of a paste (the one
 * rule, tui_text_answer), and a note says how much: the rest of the line, even after a NUL,
 * is kept. */
bool plain_read_line(struct plain *p)
{
    fflush(p->out);
    errno = 0;
    bool cut = false;
    ssize_t n = stop_signal ? -1 : read_capped(p, &cut);
    if (n < 0) {
        p->eof = true;
        return false;
    }
    if (cut)
        plain_sayf(p, "Note: that line was longer than %d MiB; only its first %d MiB were kept.",
                   PLAIN_LINE_MAX >> 20, PLAIN_LINE_MAX >> 20);
    while (n > 0 && (p->line[n - 1] == '\n' || p->line[n - 1] == '\r'))
        n--;
    size_t sequences = 0;
    bool had_text = n > 0;
    n = (ssize_t)tui_text_drop_escapes(p->line, (size_t)n, &sequences); /* as a paste does */
    struct tui_text_left_out left;
    size_t kept = tui_text_answer(p->line, (size_t)n, 0, &left);
    p->line_emptied = had_text && kept == 0;
    left.characters += sequences; /* said with the rest left out */
    char note[200];
    if (tui_text_left_out_note(&left, note, sizeof note))
        plain_say(p, "Note: ", note);
    return true;
}

/* A line typed with the terminal's echo off (a password), when input is a terminal; the line
 * is wiped from the buffer by the caller once used (plain_forget_line). */
bool plain_read_secret(struct plain *p)
{
    int fd = fileno(p->in);
    struct termios was, quiet;
    bool tty = isatty(fd) && tcgetattr(fd, &was) == 0;
    if (tty) {
        quiet = was;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    bool got = plain_read_line(p);
    if (tty) {
        tcsetattr(fd, TCSAFLUSH, &was);
        fputc('\n', p->out); /* the Enter that was not echoed */
    }
    return got;
}

void plain_forget_line(struct plain *p)
{
    if (p->line)
        explicit_bzero(p->line, p->line_cap);
}

/* Waits up to seconds for input on fd; true when it comes (or a stop signal does). */
static bool input_within(int fd, int seconds)
{
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    int r;
    do
        r = poll(&pfd, 1, seconds > 86400 ? 86400 * 1000 : seconds * 1000);
    while (r < 0 && errno == EINTR && !stop_signal);
    return r != 0;
}

enum plain_idle plain_idle_due(struct plain *p)
{
    int lock = p->host->idle_lock_seconds ? p->host->idle_lock_seconds(p->host->ctx) : 0;
    int quit = p->host->idle_exit_seconds ? p->host->idle_exit_seconds(p->host->ctx) : 0;
    int fd = fileno(p->in);
    if ((lock <= 0 && quit <= 0) || !isatty(fd))
        return PLAIN_IDLE_NONE;
    fflush(p->out);
    int warn = quit > 0 ? (quit > 60 ? quit - 60 : 0) : 0;
    if (lock > 0 && (quit <= 0 || lock <= warn))
        return input_within(fd, lock) ? PLAIN_IDLE_NONE : PLAIN_IDLE_LOCK;
    if (input_within(fd, warn))
        return PLAIN_IDLE_NONE;
    plain_say(p, "Note: ",
              "No key for a while: press Enter to stay. DreamTree closes in a minute, keeping"
              " what you wrote.");
    fflush(p->out);
    p->idle_warned = true;
    return input_within(fd, quit - warn) ? PLAIN_IDLE_NONE : PLAIN_IDLE_END;
}
