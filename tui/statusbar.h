/* The curses renderer's last lines, as text: the status line (a message from the host, or where
 * more of the page is) and the key-hint bar under it. No ncurses calls: fullscreen.c draws what
 * these make, in the note, error and hint roles. See docs/ui.md. */
#ifndef DT_STATUSBAR_H
#define DT_STATUSBAR_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "fields.h"
#include "text.h"

/* The most rows a message takes (the viewport gives them up). */
#define TUI_STATUSBAR_MAX_ROWS 3

/* A message from the host as the status line shows it, wrapped at cols columns into *out (which
 * the caller releases with tui_text_lines_free): after "Error: " when it is an error (in words,
 * never by colour alone), at most TUI_STATUSBAR_MAX_ROWS lines, the last of them cut to cols - 1
 * columns with an ellipsis when there was more. Returns 0, or -1 when out of memory (*out is
 * then empty). */
int tui_statusbar_message(const char *message, bool is_error, int cols, struct tui_lines *out);

/* The status line with no message: whether there is more of the page above or below the
 * viewport, in words; NULL when it all shows. */
const char *tui_statusbar_more(bool above, bool below);

/* One line of key hints for the document d, as many as fit in cols columns, into out (size
 * bytes), from the key table: moving on, choosing, going back, the focused field's own keys
 * (field, when it is active), Submit when d has a submit action; then Help and Quit, which
 * always show (the others give way first). On a form printable keys are answers, so only the
 * others are offered ("q, Esc" shows as "Esc"). */
void tui_statusbar_hints(const struct doc *d, const struct tui_field_state *field, char *out,
                         size_t size, int cols);

#endif
