/* The field editors of the curses renderer: the state of the one field that has the focus, what
 * each key does to it, and its value as the JSON the host takes with CMD_FIELD_CHANGED (the same
 * values the plain renderer sends: "\"text\"", 3, [0,2], ["a","b"]).
 * No ncurses calls here (only its key codes); the layout draws from this state and the event
 * loop decides when a value is sent. */
#ifndef DT_FIELDS_H
#define DT_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "editor.h"

/* One key as the loop read it: a function key (KEY_* code, ch 0) or a character (key 0). */
struct tui_input {
    int key;
    unsigned ch;
};

enum tui_field_result {
    TUI_FIELD_IGNORED,    /* not the field's key: the loop looks it up in the key table */
    TUI_FIELD_MOVED,      /* the cursor moved inside the field; the value is as it was */
    TUI_FIELD_EDITED,     /* typing changed the value: send it once typing pauses */
    TUI_FIELD_CHANGED,    /* a choice, a step or an item changed: send it now */
    TUI_FIELD_LEAVE_UP,   /* Up from the first row: focus the item before */
    TUI_FIELD_LEAVE_DOWN, /* Down from the last row, or Enter that ends the answer */
    TUI_FIELD_REFUSED,    /* the key cannot go in (the answer is full) */
};

struct tui_field_state {
    bool active;
    enum doc_field_kind kind;
    char *id;             /* the field's id (owned) */
    struct tui_editor ed; /* LINE, TEXT, NUMBER, and the list row being edited */
    size_t max_len;       /* characters (grapheme clusters), 0 for no limit */
    char **items;         /* LIST, ORDERED, TREE: the items (owned); items[row] is stale while
                              that row is in ed */
    int *depths;          /* TREE: each item's depth (owned) */
    size_t nitems, cap;
    size_t row; /* lists: the row in ed (nitems: the empty row that adds an item);
                              CHOICE, CHOICES, PAIRWISE: the option under the cursor */
    size_t noptions;
    unsigned long long chosen;
    bool has_number; /* SLIDER */
    double number, min, max, step;
    bool dirty; /* changed since the value was last sent */
};

/* Loads the field's current value into st (which must be inactive or zeroed). Returns 0, or
 * -1 when out of memory. */
int tui_field_begin(struct tui_field_state *st, const struct doc_field *f);
/* Frees what st holds and makes it inactive. */
void tui_field_end(struct tui_field_state *st);

/* Applies a key; width is the columns the text takes (for Up and Down in a text area). */
enum tui_field_result tui_field_key(struct tui_field_state *st, const struct tui_input *in,
                                    int width);

/* The value as JSON (malloc'd; the caller frees), or NULL with *why set when there is nothing to
 * send (why: "", an unset slider or choice) or it is not a value (a number's text that
 * tui_number_parse refuses; why: its reason), or NULL with *why NULL when out of memory.
 * An emptied number is null: the answer taken back. */
char *tui_field_value(const struct tui_field_state *st, const char **why);

/* Whether the field is edited as text (typed keys are text, not commands). */
bool tui_field_takes_text(const struct tui_field_state *st);

/* The text of list row i (the editor's for the row being edited). */
const char *tui_field_item(const struct tui_field_state *st, size_t i);

#endif
