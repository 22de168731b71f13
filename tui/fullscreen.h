/* The curses renderer: the full-screen face (DESIGN.md 1). It lays a host's document out in a
 * scrolling viewport (tui/layout.c), moves the focus between cards, fields and actions, edits
 * fields in place (tui/fields.c, tui/editor.c) and turns keys into the same host events as the
 * plain renderer. The hardware cursor always sits on the focused item. See docs/ui.md.
 * No ncurses in this header: its callers (main.c, the tests, the bench) need only the host. */
#ifndef DT_TUI_FULLSCREEN_H
#define DT_TUI_FULLSCREEN_H

#include <stdbool.h>
#include <stdio.h>

#include "host.h"

/* How the person set DreamTree to look (user_settings ids; NULL for the defaults). The strings
 * are only read while the call runs. */
struct tui_fullscreen_options {
    const char *background;
    const char *text_color;
    const char *font;
};

/* Runs the host on the terminal (stdin/stdout) until it finishes, input ends or a stop signal
 * comes. Returns 0 when the person left; 1 when the person chose text mode in the settings (the
 * terminal is given back and the caller goes on in text mode with the same host); -1 when the
 * terminal cannot be started (no usable TERM), before anything was drawn, so the caller can fall
 * back to text mode; TUI_FULLSCREEN_INPUT_ENDED when the input ended (the terminal is gone);
 * 128 + N when signal N (SIGHUP, SIGTERM or SIGINT) asked it to stop, as a shell reports a
 * process that signal ended. In the last two cases what was typed is sent to the host first
 * (tui/keyboard.h).
 * Bracketed paste is on while it runs (tui/paste.h). The terminal is restored, bracketed paste
 * off, on return and on exit() (an atexit handler). */
#define TUI_FULLSCREEN_INPUT_ENDED 2

/* Shows message on the status line at once, while a command runs (the host's work is waiting
 * for a turn), in the full screen that runs. False when none runs (say it some other way). The
 * message stays until the next event brings the host's own. */
bool tui_fullscreen_say_now(const char *message);
int tui_fullscreen_run(const struct tui_host *host, const struct tui_fullscreen_options *options);

/* The test mode: runs the host in ncurses' virtual screen (newterm on /dev/null, so no terminal
 * is needed), width x height cells, fed the key script keys, and writes a dump of the screen to
 * dump at every <Dump> and at the end. TERM must name a terminfo entry. The script syntax and
 * the dump format are in docs/ui.md. Returns 0 (1 when the person chose text mode, as
 * tui_fullscreen_run), or -1 when the screen cannot be made or the script has an unknown key name
 * (said on stderr). */
int tui_fullscreen_run_script(const struct tui_host *host,
                              const struct tui_fullscreen_options *options, int width, int height,
                              const char *keys, FILE *dump);

#endif
