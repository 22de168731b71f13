/* The curses renderer's layout: a document (doc.h) turned into rows of styled text for a
 * scrolling viewport, and the focusable items (cards with actions, fields, actions) with the
 * rows they take and where the hardware cursor goes on each. No ncurses calls: styles are
 * palette roles plus TUI_ATTR_* bits, so the layout can be tested and reasoned about alone.
 * Every string in a row went through the sanitiser (tui_text_wrap / tui_text_fit, or an editor
 * buffer that only holds sanitised text). */
#ifndef DT_LAYOUT_H
#define DT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "fields.h"
#include "palette.h"

/* Columns left of the content: the focus mark sits in them. */
#define TUI_LAYOUT_GUTTER 2
/* The most columns the content takes: what an 80-column window gives it. Lines much longer than
 * that are hard to follow back to their start, so a wider window lays the page out as an 80-column
 * one does, at the left (the status line and the key hints still take the whole width). */
#define TUI_LAYOUT_MAX_TEXT 76

struct tui_span {
    int col;
    enum tui_palette_role role;
    unsigned extra; /* TUI_ATTR_* added to the role's attributes (the underline of an input) */
    char *text;     /* owned; fits the row */
};

struct tui_row {
    struct tui_span *spans; /* owned */
    size_t n, cap;
    int item; /* the focusable item the row belongs to, or -1 */
};

struct tui_item {
    size_t block;               /* index into the document's blocks */
    char *key;                  /* owned: what the item is known by across rebuilds ("f:jobs") */
    int top, bottom;            /* its rows, inclusive */
    int cursor_row, cursor_col; /* where the hardware cursor goes while it has the focus */
    int input_width;            /* fields: the columns their text wraps at */
};

struct tui_layout {
    struct tui_row *rows; /* owned */
    size_t nrows, rows_cap;
    struct tui_item *items; /* owned */
    size_t nitems, items_cap;
};

struct tui_layout_style {
    const struct tui_palette_font *font;
    bool ascii; /* the locale is not UTF-8: ASCII marks and rules */
};

/* Lays d out for a screen width columns wide (the content at most TUI_LAYOUT_MAX_TEXT) into *l (which must be zeroed or freed).
 * focus is the index of the focused item (-1 for none); field, when active, is its field's
 * state, whose value is shown instead of the document's. Returns 0, or -1 when out of memory
 * (*l is then empty). */
int tui_layout_build(struct tui_layout *l, const struct doc *d, int width,
                     const struct tui_layout_style *style, int focus,
                     const struct tui_field_state *field);
void tui_layout_free(struct tui_layout *l);

/* Whether a block is a focusable item. */
bool tui_layout_focusable(const struct doc_block *b);
/* What a focusable block is known by across rebuilds of the document ("f:" and the field id,
 * "a:" and an action's command, argument and label...): malloc'd, the caller frees; NULL when
 * out of memory. */
char *tui_layout_item_key(const struct doc_block *b);

#endif
