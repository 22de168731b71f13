/* The palette's ncurses part (the pure part is palette.h): it hands the styles of
 * tui_palette_resolve to ncurses as colour pairs. Only the full-screen face uses it. It allocates
 * nothing; what it defines lives in ncurses until endwin. See docs/palette.md. */
#ifndef DT_PALETTE_APPLY_H
#define DT_PALETTE_APPLY_H

#include <ncurses.h>

#include "palette.h"

/* Call after start_color() (or without it, for mono). Defines colour pairs
 * 1..TUI_ROLE_COUNT (and, in truecolor on a terminal that can redefine colours, colours 16 up)
 * and fills out[role] with COLOR_PAIR | attributes for wattr_set / wattrset; out[TUI_ROLE_TEXT]
 * is also what to give wbkgdset for the page. Steps down to the best mode the terminal really
 * allows (truecolor needs direct colour or can_change_color; 256 needs 256 colours; any colour
 * needs enough pairs) and returns the mode used. */
enum tui_palette_mode tui_palette_apply(const struct tui_palette_choice *choice,
                                        enum tui_palette_mode mode, attr_t out[TUI_ROLE_COUNT]);

#endif
