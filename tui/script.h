/* The curses renderer's test mode, the parts that need no renderer state: the key script
 * (a tiny syntax such as "<Tab><Down><Enter>text<C-s><Paste>pasted</Paste>") and the dump of ncurses' screen as plain
 * text rows. tui_fullscreen_run_script (fullscreen.c) runs them; docs/ui.md describes both. */
#ifndef DT_SCRIPT_H
#define DT_SCRIPT_H

#include <stdio.h>

#include "fields.h"

struct tui_script {
    const char *p;         /* what is still to read (not owned) */
    struct tui_input last; /* the last key, for a repeat count */
    int repeat;            /* how many times last is still to come */
    const char *paste;     /* TUI_SCRIPT_PASTE: the pasted bytes (into the script) */
    size_t paste_len;
};

enum tui_script_step {
    TUI_SCRIPT_KEY,    /* a key, in *in */
    TUI_SCRIPT_IDLE,   /* <Idle>: the input timeout fires (the debounce time has passed) */
    TUI_SCRIPT_AWAY,   /* <Away>: no key for the idle lock time; <Away N>: for N seconds (*w) */
    TUI_SCRIPT_RESIZE, /* <Resize WxH>: the terminal is now *w x *h */
    TUI_SCRIPT_DUMP,   /* <Dump>: write the screen */
    TUI_SCRIPT_PASTE,  /* <Paste>...</Paste>: a bracketed paste of s->paste, s->paste_len bytes */
    TUI_SCRIPT_END,    /* the script is over */
    TUI_SCRIPT_ERROR,  /* an unknown key name or a '<' without '>' (said on stderr) */
};

void tui_script_init(struct tui_script *s, const char *keys);
enum tui_script_step tui_script_next(struct tui_script *s, struct tui_input *in, int *w, int *h);

/* Writes the current ncurses screen (stdscr, as drawn) to out: a header line with the size, the
 * cursor and whether any cell has a colour, then every row between '|' frames, one character
 * per cell. palette names the colour mode for the header. Returns 0, or -1 when out of
 * memory. */
int tui_script_dump(FILE *out, const char *palette);

#endif
