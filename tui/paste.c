#include "paste.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <ncurses.h>

#include "fields_internal.h"
#include "text.h"

#define ESC 0x1b
#define BEL 0x07

/* Where the reader is: in text, or inside an escape sequence it drops. */
enum {
    IN_TEXT,
    IN_ESC,        /* after ESC */
    IN_ESC_INTER,  /* ESC and intermediate bytes (ESC ( B) */
    IN_CSI,        /* ESC [ parameters... final */
    IN_STRING,     /* OSC, DCS, SOS, PM, APC: up to BEL or ST */
    IN_STRING_ESC, /* ESC inside a string: ST (ESC \) or a new sequence */
};

/* What one byte is: text, part of an escape sequence (dropped), or the last byte of one. */
enum escape_step { ESCAPE_TEXT, ESCAPE_IN, ESCAPE_ENDED };

static enum escape_step escape_byte(struct tui_escapes *e, unsigned char b)
{
    switch (e->state) {
    case IN_TEXT:
        if (b != ESC)
            return ESCAPE_TEXT;
        e->state = IN_ESC;
        return ESCAPE_IN;
    case IN_ESC:
        if (b == '[') {
            e->state = IN_CSI;
            e->nparams = 0;
        } else if (b == ']' || b == 'P' || b == 'X' || b == '^' || b == '_') {
            e->state = IN_STRING;
        } else if (b >= 0x20 && b <= 0x2f) {
            e->state = IN_ESC_INTER;
        } else if (b >= 0x30 && b <= 0x7e) {
            e->state = IN_TEXT; /* a two-byte sequence (ESC 7, ESC c), dropped */
            e->csi = false;
            return ESCAPE_ENDED;
        } else if (b != ESC) { /* a lone ESC: dropped; what follows is text */
            e->state = IN_TEXT;
            return ESCAPE_TEXT;
        }
        return ESCAPE_IN;
    case IN_ESC_INTER:
        if (b >= 0x20 && b <= 0x2f)
            return ESCAPE_IN;
        e->state = IN_TEXT;
        e->csi = false;
        /* the end of it, or not one after all: b read again as text (an ESC starts anew) */
        return b >= 0x30 && b <= 0x7e ? ESCAPE_ENDED : escape_byte(e, b);
    case IN_CSI:
        if (b >= 0x20 && b <= 0x3f) {
            if (e->nparams < sizeof e->params)
                e->params[e->nparams] = (char)b;
            e->nparams++;
            return ESCAPE_IN;
        }
        e->state = IN_TEXT;
        e->csi = true;
        /* not a CSI after all: ESC starts another sequence, anything else is text */
        return b >= 0x40 && b <= 0x7e ? ESCAPE_ENDED : escape_byte(e, b);
    case IN_STRING:
        if (b == BEL) {
            e->state = IN_TEXT;
            e->csi = false;
            return ESCAPE_ENDED;
        }
        if (b == ESC)
            e->state = IN_STRING_ESC;
        return ESCAPE_IN;
    case IN_STRING_ESC:
        /* ST ends the string; any other ESC ends it too and starts a sequence of its own, so an
         * unterminated OSC cannot swallow the end marker */
        e->state = IN_ESC;
        if (b != '\\')
            return escape_byte(e, b);
        e->state = IN_TEXT;
        e->csi = false;
        return ESCAPE_ENDED;
    }
    return ESCAPE_TEXT;
}

size_t tui_text_drop_escapes(char *s, size_t n, size_t *sequences)
{
    struct tui_escapes e = {.state = IN_TEXT};
    size_t kept = 0;
    *sequences = 0;
    for (size_t i = 0; i < n; i++) {
        *sequences += e.state == IN_TEXT && s[i] == ESC;
        if (escape_byte(&e, (unsigned char)s[i]) == ESCAPE_TEXT)
            s[kept++] = s[i];
    }
    return kept;
}

void tui_paste_init(struct tui_paste *p)
{
    *p = (struct tui_paste){.esc.state = IN_TEXT};
}

void tui_paste_free(struct tui_paste *p)
{
    free(p->text);
    tui_paste_init(p);
}

static void keep(struct tui_paste *p, char c)
{
    p->total++;
    if (p->len >= TUI_PASTE_MAX) {
        p->dropped++;
        return;
    }
    if (p->len + 2 > p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 256;
        if (cap > TUI_PASTE_MAX + 1)
            cap = TUI_PASTE_MAX + 1;
        char *grown = realloc(p->text, cap);
        if (!grown) { /* out of memory: keep what there is, read the rest */
            p->dropped++;
            return;
        }
        p->text = grown;
        p->cap = cap;
    }
    p->text[p->len++] = c;
    p->text[p->len] = '\0';
}

bool tui_paste_byte(struct tui_paste *p, unsigned char b)
{
    if (p->done)
        return true;
    enum escape_step step = escape_byte(&p->esc, b);
    if (step != ESCAPE_TEXT) {
        p->after_cr = false;
        if (step == ESCAPE_ENDED && p->esc.csi && b == '~' && p->esc.nparams == 3 &&
            memcmp(p->esc.params, "201", 3) == 0)
            p->done = true;
        return p->done;
    }
    /* terminals send a line break as CR (tmux, xterm), some as CR LF */
    bool lf_of_crlf = b == '\n' && p->after_cr;
    p->after_cr = b == '\r';
    if (!lf_of_crlf)
        keep(p, b == '\r' ? '\n' : (char)b);
    return p->done;
}

void tui_paste_bytes(struct tui_paste *p, const char *bytes, size_t n)
{
    for (size_t i = 0; i < n && !p->done; i++)
        tui_paste_byte(p, (unsigned char)bytes[i]);
    p->done = true;
}

const char *tui_paste_text(struct tui_paste *p, size_t *len)
{
    /* a paste cut at TUI_PASTE_MAX may end inside a character or a cluster: the last cluster
     * goes, so no half of one is kept */
    if (p->dropped && p->len) {
        p->len = tui_text_prev_grapheme(p->text, p->len, p->len);
        p->text[p->len] = '\0';
    }
    *len = p->len;
    return p->text ? p->text : "";
}

/* ---- into the focused field ---- */

/* Clean text (no newline unless the editor is multiline) into the editor at the cursor. */
static enum tui_field_result paste_text(struct tui_field_state *st, const char *clean,
                                        struct tui_paste_result *got)
{
    size_t n = strlen(clean);
    /* a list row holds one item: its limit is the field's per-item one (none) */
    size_t limit = tui_field_is_list(st->kind) ? 0 : st->max_len;
    size_t have = tui_text_graphemes(st->ed.buf ? st->ed.buf : "", st->ed.len);
    size_t room = !limit ? n : limit > have ? limit - have : 0; /* in characters */
    size_t cut = tui_text_clusters_len(clean, n, room);
    got->total = tui_text_graphemes(clean, n);
    got->kept = tui_text_graphemes(clean, cut);
    if (cut < n)
        got->limit = limit;
    if (cut == 0)
        return n ? TUI_FIELD_REFUSED : TUI_FIELD_MOVED;
    int rc = tui_editor_insert(&st->ed, clean, cut, limit);
    if (rc <= 0) {
        got->out_of_memory = rc < 0;
        got->kept = 0;
        return TUI_FIELD_REFUSED;
    }
    return TUI_FIELD_CHANGED;
}

static enum tui_field_result paste_number(struct tui_field_state *st, char *clean,
                                          struct tui_paste_result *got)
{
    char *s = clean, *end = clean + strlen(clean);
    while (*s == ' ')
        s++;
    while (end > s && end[-1] == ' ')
        *--end = '\0';
    /* goes in as typed would: the value is read by the one number rule when it is sent */
    return paste_text(st, s, got);
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ')
            return false;
    return true;
}

/* Splits the row being edited at the cursor: its text before the cursor and the first line make
 * one item, each further line one item, and the last line with the text after the cursor the
 * row the editor is left on, its cursor where the paste ended. */
static enum tui_field_result paste_list(struct tui_field_state *st, const char *clean,
                                        struct tui_paste_result *got)
{
    const char *nl = strchr(clean, '\n');
    if (!nl)
        return paste_text(st, clean, got);
    got->total = got->kept = tui_text_graphemes(clean, strlen(clean));
    const char *buf = st->ed.buf ? st->ed.buf : "";
    size_t cur = st->ed.cur, first = (size_t)(nl - clean);
    char *after = strdup(buf + cur), *row = malloc(cur + first + 1);
    if (!after || !row)
        goto oom;
    memcpy(row, buf, cur);
    memcpy(row + cur, clean, first);
    row[cur + first] = '\0';
    size_t before = st->nitems;
    bool adding = st->row == st->nitems;
    if (tui_editor_set(&st->ed, row) != 0 || tui_field_store_row(st) < 0)
        goto oom;
    /* where the next item goes: after the row, or in its place when emptying it removed it */
    size_t at = st->nitems < before ? st->row : adding ? st->nitems : st->row + 1;
    const char *line = nl + 1;
    for (nl = strchr(line, '\n'); nl; line = nl + 1, nl = strchr(line, '\n'))
        if (!blank(line, (size_t)(nl - line)) &&
            tui_field_insert_item(st, at++, line, (size_t)(nl - line)) != 0)
            goto oom;
    size_t last = strlen(line);
    free(row);
    row = malloc(last + strlen(after) + 1);
    if (!row)
        goto oom;
    memcpy(row, line, last);
    strcpy(row + last, after);
    bool keep = !blank(row, strlen(row));
    if (keep && tui_field_insert_item(st, at, row, strlen(row)) != 0)
        goto oom;
    st->row = at;
    if (tui_field_load_row(st) != 0)
        goto oom;
    st->ed.cur = keep ? last : 0;
    free(row);
    free(after);
    return TUI_FIELD_CHANGED;
oom:
    free(row);
    free(after);
    got->out_of_memory = true;
    return TUI_FIELD_REFUSED;
}

enum tui_field_result tui_paste_into(struct tui_field_state *st, const char *text, size_t n,
                                     struct tui_paste_result *got)
{
    *got = (struct tui_paste_result){0};
    if (!tui_field_takes_text(st))
        return TUI_FIELD_IGNORED;
    bool lines = st->kind == DOC_FIELD_TEXT || tui_field_is_list(st->kind);
    while (!lines && n > 0 && text[n - 1] == '\n')
        n--;
    char *clean = malloc(n + 1);
    if (!clean) {
        got->out_of_memory = true;
        return TUI_FIELD_REFUSED;
    }
    memcpy(clean, text, n);
    tui_text_answer(clean, n, lines ? TUI_TEXT_MULTILINE : 0, &got->left_out);
    enum tui_field_result r = st->kind == DOC_FIELD_NUMBER  ? paste_number(st, clean, got)
                              : tui_field_is_list(st->kind) ? paste_list(st, clean, got)
                                                            : paste_text(st, clean, got);
    free(clean);
    if (r == TUI_FIELD_CHANGED)
        st->dirty = true;
    return r;
}

/* A size as a person reads it: bytes up to a KiB, then whole KiB. */
static void size_words(size_t bytes, char *out, size_t size)
{
    if (bytes < 1024)
        snprintf(out, size, "%zu byte%s", bytes, bytes == 1 ? "" : "s");
    else
        snprintf(out, size, "%zu KiB", (bytes + 512) / 1024);
}

/* Appends a sentence to buf, a space before it unless it is the first. */
static void sentence(char *buf, size_t size, const char *text)
{
    size_t used = strlen(buf);
    if (used + 2 < size)
        snprintf(buf + used, size - used, "%s%s", used ? " " : "", text);
}

const char *tui_paste_note(const struct tui_paste *p, enum tui_field_result r,
                           const struct tui_paste_result *got, char *buf, size_t size)
{
    char part[200], whole[32], left[32];
    buf[0] = '\0';
    switch (r) {
    case TUI_FIELD_IGNORED:
        snprintf(buf, size,
                 "Nothing was pasted: move to an answer you type (Tab) and paste "
                 "there.");
        return buf;
    case TUI_FIELD_REFUSED:
        if (got->limit)
            snprintf(buf, size,
                     "Nothing was pasted: this answer is full (it holds at most %zu"
                     " characters).",
                     got->limit);
        else
            snprintf(buf, size, "Nothing was pasted: this answer is full.");
        return buf;
    default: break;
    }
    bool cut = got->kept < got->total;
    if (p->dropped) {
        /* the bytes past the cap were read, never kept: say how much, in bytes */
        size_words(p->total, whole, sizeof whole);
        size_words(p->total - p->len, left, sizeof left);
        if (cut)
            snprintf(part, sizeof part,
                     "One paste brings at most 64 KiB: the last %s of your %s"
                     " were left out.",
                     left, whole);
        else
            snprintf(part, sizeof part,
                     "One paste brings at most 64 KiB: the first %zu"
                     " characters of your %s went in, the last %s were left"
                     " out.",
                     got->kept, whole, left);
        sentence(buf, size, part);
    }
    if (cut) {
        snprintf(part, sizeof part,
                 "Only the first %zu of the %zu characters pasted fit in this"
                 " answer (it holds at most %zu); the rest was left out.",
                 got->kept, got->total, got->limit);
        sentence(buf, size, part);
    }
    if (tui_text_left_out_note(&got->left_out, part, sizeof part))
        sentence(buf, size, part);
    return buf[0] ? buf : NULL;
}

/* ---- the terminal ---- */

#define KEY_PASTE_START (KEY_MAX + 1)
#define KEY_PASTE_END (KEY_MAX + 2)

static volatile sig_atomic_t mode_on;
static struct sigaction theirs_int, theirs_term;

bool tui_paste_is_start(int key)
{
    return key == KEY_PASTE_START;
}

bool tui_paste_is_end(int key)
{
    return key == KEY_PASTE_END;
}

/* ncurses restores the terminal on SIGINT and SIGTERM and then calls _exit, so neither the
 * atexit handler nor tui_paste_terminal_off runs: this turns the mode off first (a constant
 * string, write(2) only) and hands the signal on. */
static void off_then_theirs(int sig)
{
    static const char off[] = "\033[?2004l";
    if (mode_on)
        (void)!write(STDOUT_FILENO, off, sizeof off - 1);
    mode_on = 0;
    const struct sigaction *theirs = sig == SIGINT ? &theirs_int : &theirs_term;
    if (!(theirs->sa_flags & SA_SIGINFO) && theirs->sa_handler != SIG_DFL &&
        theirs->sa_handler != SIG_IGN) {
        theirs->sa_handler(sig);
        return;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void chain(int sig, struct sigaction *theirs)
{
    struct sigaction now, ours;
    memset(&ours, 0, sizeof ours);
    ours.sa_handler = off_then_theirs;
    sigemptyset(&ours.sa_mask);
    /* once per process: a second run finds its own handler there, still chained */
    if (sigaction(sig, NULL, &now) != 0 || now.sa_handler == off_then_theirs ||
        (!(now.sa_flags & SA_SIGINFO) && now.sa_handler == SIG_IGN))
        return;
    *theirs = now;
    sigaction(sig, &ours, NULL);
}

void tui_paste_terminal_on(void)
{
    define_key("\033[200~", KEY_PASTE_START);
    define_key("\033[201~", KEY_PASTE_END);
    /* putp writes through stdio here (libtinfo), not ncurses' own buffer: flush it now */
    putp("\033[?2004h");
    fflush(stdout);
    mode_on = 1;
    chain(SIGINT, &theirs_int);
    chain(SIGTERM, &theirs_term);
}

void tui_paste_terminal_off(void)
{
    if (!mode_on)
        return;
    mode_on = 0;
    putp("\033[?2004l");
    fflush(stdout);
}

/* Past TUI_PASTE_MAX nothing is kept, and a byte at a time through ncurses costs a few system
 * calls each (seconds for a megabyte), so the rest is read from the descriptor in blocks. A
 * block never takes the last BULK_MARGIN bytes waiting: the end marker and keys typed after it
 * are read one at a time, as ncurses would. Only when more than that arrived behind the end
 * marker before it was read (no one types that fast) does the block take some of it, and that
 * is dropped with the paste, never read as keys. False when there is no block to read. */
#define BULK_MARGIN 256
static bool read_block(struct tui_paste *p, int fd)
{
    int waiting = 0;
    if (ioctl(fd, FIONREAD, &waiting) != 0 || waiting <= BULK_MARGIN)
        return false;
    unsigned char block[4096];
    size_t want = (size_t)(waiting - BULK_MARGIN);
    ssize_t got = read(fd, block, want < sizeof block ? want : sizeof block);
    for (ssize_t i = 0; i < got && !p->done; i++)
        tui_paste_byte(p, block[i]);
    return got > 0;
}

void tui_paste_read_terminal(struct tui_paste *p, int fd)
{
    keypad(stdscr, FALSE);
    timeout(TUI_PASTE_SILENCE_MS);
    while (!p->done) {
        if (p->len >= TUI_PASTE_MAX && read_block(p, fd))
            continue;
        int c = getch();
        if (c == ERR) /* input ended, or the terminal fell silent without the end marker */
            break;
        if (c <= 0xff) /* not KEY_RESIZE: the loop lays the page out again after the paste */
            tui_paste_byte(p, (unsigned char)c);
    }
    keypad(stdscr, TRUE);
}
