/* Bracketed paste in the curses face: a paste arrives between ESC [ 200 ~ and ESC [ 201 ~ and
 * goes whole into the focused field (tui_paste_into), so nothing in it acts as a key.
 *
 * struct tui_paste reads what comes between the markers, a byte at a time (no ncurses): it keeps
 * the text, drops the escape sequences in it (terminal protocol, not text: colours copied along,
 * an OSC 52 clipboard write), turns CR and CR LF into a newline and stops at the end marker.
 * It keeps at most TUI_PASTE_MAX bytes and only reads the rest, so a huge paste costs no
 * memory. Everything else (controls, invalid UTF-8, bidi controls) is left to the one rule of
 * what an answer keeps (tui_text_answer), which tui_paste_into runs. The terminal part (turning
 * the mode on and off, reading through ncurses) is at the end. See docs/ui.md. */
#ifndef DT_PASTE_H
#define DT_PASTE_H

#include <stdbool.h>
#include <stddef.h>

#include "fields.h"
#include "text.h"

/* The most bytes of one paste that are kept: far more than any answer, little memory. */
#define TUI_PASTE_MAX (64 * 1024)
/* Room for the note tui_paste_note words. */
#define TUI_PASTE_NOTE_MAX 320

/* Escape sequences among bytes, read a byte at a time (paste.c): CSI, OSC and the other string
 * sequences, ESC and intermediates, a lone ESC. Zero it to start. */
struct tui_escapes {
    int state;
    char params[8]; /* a CSI's parameters, to know the paste's end marker */
    size_t nparams;
    bool csi; /* the sequence that just ended was a CSI */
};

/* Leaves the escape sequences out of s (n bytes) in place, each whole, and returns the new
 * length; *sequences counts them. Text mode's lines use it, as a paste does. */
size_t tui_text_drop_escapes(char *s, size_t n, size_t *sequences);

struct tui_paste {
    char *text; /* what was kept, NUL-terminated (owned; tui_paste_free frees it) */
    size_t len, cap;
    size_t total;           /* bytes of text read, kept or not (escape sequences are not text) */
    size_t dropped;         /* bytes of text read past TUI_PASTE_MAX and not kept */
    bool done;              /* the end marker came */
    struct tui_escapes esc; /* where in an escape sequence the reader is */
    bool after_cr;          /* the last byte was CR: an LF next is the same line break */
};

/* An empty paste, ready for the first byte after the start marker. */
void tui_paste_init(struct tui_paste *p);
void tui_paste_free(struct tui_paste *p);

/* Reads one byte; true when it completed the end marker (p->done). Bytes after that are not
 * read. Out of memory counts as full: the rest is dropped. */
bool tui_paste_byte(struct tui_paste *p, unsigned char byte);

/* Reads n bytes, stopping at the end marker; then, if it has not come, ends the paste as the
 * end marker would (the test mode's <Paste>...</Paste>). */
void tui_paste_bytes(struct tui_paste *p, const char *bytes, size_t n);

/* The kept text, less a last grapheme cluster that may have been cut by TUI_PASTE_MAX. */
const char *tui_paste_text(struct tui_paste *p, size_t *len);

/* What a paste did to a field: the characters (grapheme clusters) of the paste that an answer
 * may hold, how many of them went in, and what was left out on the way. */
struct tui_paste_result {
    size_t kept, total;
    size_t limit;                      /* the field's max_len, when it cut the paste */
    struct tui_text_left_out left_out; /* controls and bytes an answer cannot hold */
    bool out_of_memory; /* REFUSED: memory ran out (a list keeps the lines taken so far) */
};

/* Puts pasted text (n bytes, raw, lines ending in \n) into the field at the cursor, never over
 * what is there, less what an answer cannot hold (tui_text_answer, counted in got->left_out).
 * A LINE takes it on one line (newlines and tabs become spaces), a TEXT keeps its newlines, a
 * NUMBER takes it as typed text (spaces around it dropped; the number is read when it is sent),
 * and in a list each line becomes an item: the first joins the text before the cursor, the last
 * the text after it, empty lines are left out. Line breaks at the end of a paste into a LINE or
 * NUMBER are dropped (a whole line was copied). Text past the field's max_len is cut at a
 * grapheme cluster. Returns TUI_FIELD_CHANGED (send the value now), TUI_FIELD_MOVED (nothing to
 * add), TUI_FIELD_REFUSED (nothing fits, out of memory) or TUI_FIELD_IGNORED (not a text
 * field); *got says how much went in and why not. */
enum tui_field_result tui_paste_into(struct tui_field_state *st, const char *text, size_t n,
                                     struct tui_paste_result *got);

/* What the status line says after a paste went (or did not go) into a field: into buf (size
 * bytes, TUI_PASTE_NOTE_MAX is enough), or NULL when there is nothing to say: what the 64 KiB
 * cap left out, what the field's limit left out, what an answer cannot hold. r and got are
 * tui_paste_into's. */
const char *tui_paste_note(const struct tui_paste *p, enum tui_field_result r,
                           const struct tui_paste_result *got, char *buf, size_t size);

/* ---- the terminal (ncurses) ---- */

/* The key ncurses returns for the start marker (define_key, above KEY_MAX), and for an end
 * marker that comes alone (it is then ignored, never read as Esc). */
bool tui_paste_is_start(int key);
bool tui_paste_is_end(int key);

/* After newterm: teaches ncurses the markers and asks the terminal for bracketed paste
 * (CSI ? 2004 h, through ncurses' output). */
void tui_paste_terminal_on(void);
/* Before endwin: CSI ? 2004 l. Safe to call when the mode is not on. */
void tui_paste_terminal_off(void);

/* Reads the rest of a paste from the terminal (fd: the descriptor ncurses reads, for the part
 * past TUI_PASTE_MAX), after the start key was read: bytes with the keypad off (so
 * nothing in it becomes a key) until the end marker, the end of input, or TUI_PASTE_SILENCE_MS
 * without a byte (a terminal that never sent the end). p must be initialised. */
#define TUI_PASTE_SILENCE_MS 3000
void tui_paste_read_terminal(struct tui_paste *p, int fd);

#endif
