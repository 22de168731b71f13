#include "keyboard.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistr.h>
#include <ncurses.h>

#include "paste.h"

/* How long the rest of a character may take after its first byte. A terminal sends a character's
 * bytes in one write, so they are already waiting; this only has to cover a slow link. */
#define REST_MS 100

/* ---- characters from bytes ---- */

static bool continues(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

size_t tui_utf8_keys_cut(struct tui_utf8_keys *u)
{
    size_t n = u->n;
    u->n = 0;
    return n;
}

bool tui_utf8_keys_add(struct tui_utf8_keys *u, unsigned char b, unsigned *ch, size_t *dropped)
{
    *dropped = 0;
    if (u->n > 0 && !continues(b)) /* b cuts the character short, and starts anew */
        *dropped = tui_utf8_keys_cut(u);
    u->bytes[u->n++] = b;
    ucs4_t c;
    int len = u8_mbtoucr(&c, u->bytes, u->n);
    if (len > 0) {
        *ch = (unsigned)c;
        u->n = 0;
        return true;
    }
    if (len == -2 && u->n < sizeof u->bytes) /* a good start: wait for the rest */
        return false;
    /* never UTF-8 (0xC0, 0xF5-0xFF, a stray continuation byte), or the bytes so far with b can
     * never make a character (0xE0 0x80, a surrogate): all of it is left out */
    *dropped += tui_utf8_keys_cut(u);
    return false;
}

/* ---- escape sequences ncurses did not know ---- */

int tui_keys_escape_sequence(const char *seq, size_t n)
{
    static const struct {
        const char *seq;
        int key;
    } known[] = {
        {"[1~", KEY_HOME}, {"[7~", KEY_HOME},  {"[H", KEY_HOME},    {"OH", KEY_HOME},
        {"[4~", KEY_END},  {"[8~", KEY_END},   {"[F", KEY_END},     {"OF", KEY_END},
        {"[3~", KEY_DC},   {"[5~", KEY_PPAGE}, {"[6~", KEY_NPAGE},  {"[Z", KEY_BTAB},
        {"[A", KEY_UP},    {"[B", KEY_DOWN},   {"[C", KEY_RIGHT},   {"[D", KEY_LEFT},
        {"OA", KEY_UP},    {"OB", KEY_DOWN},   {"OC", KEY_RIGHT},   {"OD", KEY_LEFT},
        {"OP", KEY_F(1)},  {"[11~", KEY_F(1)}, {"[21~", KEY_F(10)},
    };
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strlen(known[i].seq) == n && memcmp(known[i].seq, seq, n) == 0)
            return known[i].key;
    return TUI_KEY_UNKNOWN;
}

/* ---- the stop signals ---- */

static const int stop_signals[] = {SIGHUP, SIGTERM, SIGINT};
enum { NSTOP = sizeof stop_signals / sizeof stop_signals[0] };

static volatile sig_atomic_t stop_signal;

static void note_signal(int sig)
{
    stop_signal = sig;
}

int tui_keyboard_signal(void)
{
    return stop_signal;
}

void tui_keyboard_begin(struct tui_keyboard *k, int fd)
{
    memset(k, 0, sizeof *k);
    k->fd = fd;
    stop_signal = 0;
    struct sigaction ours;
    memset(&ours, 0, sizeof ours);
    ours.sa_handler = note_signal;
    sigemptyset(&ours.sa_mask);
    ours.sa_flags = 0; /* no SA_RESTART: the wait it interrupts returns */
    sigset_t block;
    sigemptyset(&block);
    for (int i = 0; i < NSTOP; i++) {
        sigaction(stop_signals[i], NULL, &k->saved[i]);
        bool ignored = !(k->saved[i].sa_flags & SA_SIGINFO) &&
                       k->saved[i].sa_handler == SIG_IGN; /* nohup: leave it so */
        if (ignored)
            continue;
        sigaction(stop_signals[i], &ours, NULL);
        sigaddset(&block, stop_signals[i]);
    }
    sigprocmask(SIG_BLOCK, &block, &k->before);
    k->waiting = k->before;
    for (int i = 0; i < NSTOP; i++)
        sigdelset(&k->waiting, stop_signals[i]);
}

void tui_keyboard_end(struct tui_keyboard *k)
{
    /* the mask first: a signal still pending then meets our handler, not its default action */
    sigprocmask(SIG_SETMASK, &k->before, NULL);
    for (int i = 0; i < NSTOP; i++)
        sigaction(stop_signals[i], &k->saved[i], NULL);
}

/* ---- reading ---- */

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* What ncurses has without waiting: a key it holds, or one it can read now; else ERR. */
static int take(void)
{
    timeout(0);
    return getch();
}

enum wait { READY, QUIET, INTERRUPTED };

/* Waits up to ms (-1: as long as it takes) for input, with the stop signals let in. */
static enum wait wait_input(const struct tui_keyboard *k, int ms)
{
    fd_set ready;
    FD_ZERO(&ready);
    FD_SET(k->fd, &ready);
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    int n = pselect(k->fd + 1, &ready, NULL, NULL, ms < 0 ? NULL : &ts, &k->waiting);
    if (n < 0 && errno == EINTR)
        return INTERRUPTED;
    return n == 0 ? QUIET : READY; /* an error too is READY: the read then says it */
}

/* The next byte or key code from ncurses by deadline (-1: none), or -1 with *ev set (TIMEOUT,
 * STOP, END). */
static int next_code(const struct tui_keyboard *k, int64_t deadline, enum tui_keyboard_event *ev)
{
    for (;;) {
        if (stop_signal) {
            *ev = TUI_KEYBOARD_STOP;
            return -1;
        }
        int c = take(); /* also KEY_RESIZE, which ncurses makes after SIGWINCH ended a wait */
        if (c != ERR)
            return c;
        int ms = -1;
        if (deadline >= 0) {
            int64_t left = deadline - now_ms();
            ms = left > 0 ? (int)left : 0;
        }
        enum wait w = wait_input(k, ms);
        if (w == QUIET) {
            *ev = TUI_KEYBOARD_TIMEOUT;
            return -1;
        }
        if (w == READY) {
            errno = 0;
            c = take();
            if (c != ERR)
                return c;
            if (errno != EINTR) { /* input was ready, yet none could be read: it has ended */
                *ev = TUI_KEYBOARD_END;
                return -1;
            }
        }
        /* interrupted by a signal: a stop signal is seen above; SIGWINCH gives KEY_RESIZE */
    }
}

/* After an ESC byte: the rest of an escape sequence ncurses could not name, which arrived with
 * it (ncurses has already waited ESCDELAY for it). 0 when none follows: the Esc key itself, or
 * Esc and then a character typed (put back to be read next). A sequence is CSI ("[", parameter
 * and intermediate bytes, a final byte) or SS3 ("O" and one byte). */
static int escape_sequence(void)
{
    int c = take();
    if (c == ERR)
        return 0;
    if (c != '[' && c != 'O') {
        ungetch(c);
        return 0;
    }
    char seq[32];
    size_t n = 0;
    seq[n++] = (char)c;
    for (;;) {
        int b = take();
        if (b == ERR || b > 0x7E || b < 0x20)
            return TUI_KEY_UNKNOWN; /* cut short: still never Esc */
        if (n < sizeof seq)
            seq[n++] = (char)b;
        if (seq[0] == 'O' || b >= 0x40) /* SS3 takes one byte; CSI ends at a final byte */
            return n < sizeof seq ? tui_keys_escape_sequence(seq, n) : TUI_KEY_UNKNOWN;
    }
}

enum tui_keyboard_event tui_keyboard_read(struct tui_keyboard *k, int wait_ms, struct tui_input *in)
{
    int64_t deadline = wait_ms < 0 ? -1 : now_ms() + wait_ms;
    for (;;) {
        enum tui_keyboard_event ev = TUI_KEYBOARD_END;
        int c = next_code(k, k->utf8.n ? now_ms() + REST_MS : deadline, &ev);
        if (c < 0) {
            if (k->utf8.n == 0)
                return ev;
            k->dropped += tui_utf8_keys_cut(&k->utf8); /* the rest never came */
            return ev == TUI_KEYBOARD_TIMEOUT ? TUI_KEYBOARD_DROPPED : ev;
        }
        if (c > 0xFF) { /* a key code: a character it interrupts is left out */
            k->dropped += tui_utf8_keys_cut(&k->utf8);
            if (c == KEY_RESIZE)
                return TUI_KEYBOARD_RESIZE;
            if (tui_paste_is_start(c))
                return TUI_KEYBOARD_PASTE;
            *in = (struct tui_input){.key = c};
            return TUI_KEYBOARD_KEY;
        }
        if (c == 27 && k->utf8.n == 0) {
            *in = (struct tui_input){.ch = 27};
            int key = escape_sequence();
            if (key)
                *in = (struct tui_input){.key = key};
            return TUI_KEYBOARD_KEY;
        }
        unsigned ch;
        size_t dropped;
        bool done = tui_utf8_keys_add(&k->utf8, (unsigned char)c, &ch, &dropped);
        k->dropped += dropped;
        if (done) {
            *in = (struct tui_input){.ch = ch};
            return TUI_KEYBOARD_KEY;
        }
        if (dropped && k->utf8.n == 0) /* nothing else came with it: say so now */
            return TUI_KEYBOARD_DROPPED;
    }
}
