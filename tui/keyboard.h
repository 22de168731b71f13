/* Keys from the terminal, for the curses renderer's loop (fullscreen.c): characters put together
 * from the bytes ncurses reads, the wait for the next key, the end of input told apart from an
 * interrupted wait, and the signals that ask the program to stop.
 *
 * Why not ncurses' get_wch: given a byte that is not UTF-8 (a Latin-1 terminal typing é as 0xE9,
 * Alt sending 8-bit meta), get_wch keeps every byte that follows in a buffer of its own, hoping
 * they complete a character. The keys typed next, Ctrl+C included, vanish; 144 bytes later, or at
 * the next input timeout, it returns ERR and the buffer is thrown away. So keys are read with
 * getch, a byte or a key code at a time, and put together here: a byte that cannot be part of a
 * character is left out and counted, and the byte after it is never lost.
 *
 * The stop signals (SIGHUP, SIGTERM, SIGINT) are caught by a handler that only notes them, and
 * are blocked except while tui_keyboard_read waits in pselect: a signal either ends the wait at
 * once or stays pending until the next wait, so it cannot slip in between a look at the note and
 * a read that then blocks. See docs/ui.md, "The terminal". */
#ifndef DT_KEYBOARD_H
#define DT_KEYBOARD_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "fields.h"

/* UTF-8 characters put together a byte at a time. Zero it to start. */
struct tui_utf8_keys {
    unsigned char bytes[4];
    size_t n; /* bytes of a character still waiting for the rest of it */
};

/* Adds byte b. True when b completes a character, which goes in *ch (an ASCII byte is one at
 * once). *dropped gets how many bytes were left out (0 when none): a byte that never appears in
 * UTF-8, or a character's first bytes when b cannot follow them. Such a b is not lost: it starts
 * what comes next (unless it can only continue a character, which then makes it one more byte
 * left out). */
bool tui_utf8_keys_add(struct tui_utf8_keys *u, unsigned char b, unsigned *ch, size_t *dropped);

/* Gives up on a character still waiting for the rest of it (the rest did not come in time, or a
 * key came in between): returns how many bytes are left out. */
size_t tui_utf8_keys_cut(struct tui_utf8_keys *u);

/* A key code for an escape sequence ncurses did not know (the terminal's description lacks it):
 * it is a key, never Esc followed by letters typed. */
#define TUI_KEY_UNKNOWN 0x7FFF

/* The key an escape sequence stands for, given the bytes after ESC (seq, n bytes: "[1~", "OH"),
 * where ncurses did not know it: Home and End as the Linux console, PuTTY, rxvt and tmux send
 * them, the editing keys, arrows and F1-F4. TUI_KEY_UNKNOWN for any other whole sequence. */
int tui_keys_escape_sequence(const char *seq, size_t n);

enum tui_keyboard_event {
    TUI_KEYBOARD_KEY,     /* a character or a key code, in *in */
    TUI_KEYBOARD_PASTE,   /* the start of a bracketed paste (tui_paste_read_terminal reads it) */
    TUI_KEYBOARD_RESIZE,  /* the window changed size (ncurses has already taken the new size) */
    TUI_KEYBOARD_TIMEOUT, /* nothing came in the time given */
    TUI_KEYBOARD_DROPPED, /* only bytes that were not UTF-8 came (the reader's dropped counts) */
    TUI_KEYBOARD_STOP,    /* a stop signal came (tui_keyboard_signal says which) */
    TUI_KEYBOARD_END,     /* the input ended: the terminal is gone (end of file, or EIO) */
};

struct tui_keyboard {
    int fd; /* the terminal's input, as ncurses reads it */
    struct tui_utf8_keys utf8;
    size_t dropped;   /* bytes left out since the caller last set this to 0 */
    sigset_t before;  /* the signal mask before tui_keyboard_begin */
    sigset_t waiting; /* the mask while waiting: before, with the stop signals let in */
    struct sigaction saved[3];
};

/* Call before newterm, so that ncurses, which only catches signals still at their default,
 * leaves SIGTERM and SIGINT to us. Catches SIGHUP, SIGTERM and SIGINT (each unless it is
 * ignored, as under nohup) with a handler that only notes the signal, without SA_RESTART, and
 * blocks them except while tui_keyboard_read waits. fd is the terminal's input. */
void tui_keyboard_begin(struct tui_keyboard *k, int fd);

/* Call after endwin: the signal mask and the handlers as they were before (a stop signal still
 * pending is noted on the way, not acted on). */
void tui_keyboard_end(struct tui_keyboard *k);

/* The stop signal noted since tui_keyboard_begin, or 0. */
int tui_keyboard_signal(void);

/* The next event from the terminal, waiting up to wait_ms milliseconds (-1: as long as it
 * takes). Reads through ncurses (getch, so the keypad's key codes and the bracketed paste
 * markers come as key codes). Only a failed read of input that was ready is the end of input;
 * any other signal (SIGWINCH, SIGCONT...) just goes on waiting. */
enum tui_keyboard_event tui_keyboard_read(struct tui_keyboard *k, int wait_ms,
                                          struct tui_input *in);

#endif
