/* Finding words on a page: "/" in the full screen (the rows of a layout) and in text mode (the
 * blocks of a document). Case and accents are folded (Unicode-aware, libunistring), so "cafe"
 * finds "Café". No ncurses here. */
#ifndef DT_FIND_H
#define DT_FIND_H

#include <stdbool.h>

#include "editor.h"
#include "layout.h"

/* Whether text holds query, case and accents folded. An empty query is in everything. */
bool tui_find_in(const char *text, const char *query);

/* The first row after row from (wrapping round to the top, ending with from itself) whose text
 * holds query, or -1 when none does. */
int tui_find_row(const struct tui_layout *l, const char *query, int from);

/* Puts e's cursor on the start of the first place that holds query on or after soft row `row`
 * (the rows e takes at width columns), else the first place in it: where a find that landed on
 * that row of a text field lets the person type. False (the cursor where it was) when e does not
 * hold query. */
bool tui_find_cursor(struct tui_editor *e, int width, size_t row, const char *query);

#endif
