/* Commands and the one key table (DESIGN.md 2): it drives the curses dispatch, the help
 * screen and the plain mode's hints, so a key is bound, documented and offered in one place. */
#ifndef DT_KEYS_H
#define DT_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum cmd {
    CMD_NONE = 0,
    /* bound to keys */
    CMD_QUIT,
    CMD_BACK,
    CMD_HELP,
    CMD_DASHBOARD,
    CMD_WORKBOOK,
    CMD_TOOLS,
    CMD_SETTINGS,
    CMD_PROFILE,
    CMD_CREDITS,
    CMD_NEXT_FIELD,
    CMD_PREV_FIELD,
    CMD_UP,
    CMD_DOWN,
    CMD_PAGE_UP,
    CMD_PAGE_DOWN,
    CMD_ACTIVATE,
    CMD_SUBMIT,
    CMD_REDRAW,
    CMD_TOP,
    CMD_BOTTOM,
    CMD_SEARCH, /* search what you wrote (arg, from text mode's "/words": the words) */
    CMD_FIND,   /* find words on the page */
    CMD_FIND_NEXT,
    CMD_LOCK, /* lock a claimed workbook (also sent by the renderers when it sits idle) */
    /* carried by actions and fields, not keys */
    CMD_FIELD_CHANGED, /* field id + new value (JSON) */
    CMD_OPEN,          /* arg: a screen name, optionally "name:argument" */
    CMD_CHOOSE,        /* arg: which of a screen's own choices */
    CMD_COUNT
};

/* Where a key works. Printable letters jump only on browsing screens: on a form (an exercise,
 * a tool's entry, the settings) typing is an answer, so there only the other keys work. */
enum key_context { KEYS_BROWSE, KEYS_FORM };

struct key_binding {
    int keys[4]; /* keys that work everywhere: ncurses key codes or controls; 0 ends */
    int letter;  /* a printable key that works on browsing screens only, or 0 */
    char plain;  /* the letter plain mode accepts at a menu, or 0 */
    enum cmd cmd;
    const char *name;      /* "Back" */
    const char *keys_text; /* how the help screen writes the keys that work everywhere: "Esc" */
    const char *help;      /* one sentence */
};

/* What a key does inside the focused field. The same key means different things in different
 * kinds of field (Enter is a new line in a text area, adds an item in a list, goes on from a
 * line); the field table says which, per kind. Printable keys are typing, not in the table. */
enum field_cmd {
    FIELD_NONE = 0,
    FIELD_LEFT, /* the cursor a character left */
    FIELD_RIGHT,
    FIELD_HOME, /* to the start of the line */
    FIELD_END,
    FIELD_BACKSPACE, /* the character before the cursor (an empty list item: the item) */
    FIELD_DELETE,    /* the character under the cursor */
    FIELD_UP,        /* a row, an item or an option up; from the first, the item before */
    FIELD_DOWN,
    FIELD_ENTER, /* a new line (text area), an item (list), go on (line, number) */
    FIELD_ITEM_DELETE,
    FIELD_ITEM_UP, /* move the item (ordered lists) */
    FIELD_ITEM_DOWN,
    FIELD_CHOOSE, /* choose or tick the option under the cursor */
    FIELD_LESS,   /* a slider a step down */
    FIELD_MORE,
    FIELD_LEAST, /* a slider's ends */
    FIELD_MOST,
};

/* One row of the field table: in fields of these kinds (bits of 1 << enum doc_field_kind),
 * these keys do cmd. hint: how the hint bar offers it ("Shift+Up/Down" for two rows), or NULL
 * when it is not offered there. */
struct field_binding {
    unsigned kinds;
    int keys[4];
    enum field_cmd cmd;
    const char *name;      /* "Add" */
    const char *keys_text; /* "Enter" */
    const char *hint;
    const char *help;
};

extern const struct field_binding tui_field_keys[];
extern const size_t tui_field_keys_count;

/* What a key does in a field of that kind (an enum doc_field_kind), or FIELD_NONE. */
enum field_cmd tui_keys_field(int kind, int key);

/* The table, in help order; tui_keys_count entries. */
extern const struct key_binding tui_keys[];
extern const size_t tui_keys_count;

/* The command bound to a key in curses in that context, or CMD_NONE. */
enum cmd tui_keys_command(int key, enum key_context where);
/* How a binding's keys read in that context: "q, Esc" on browsing screens, "Esc" on forms
 * (into buf; "" when none of its keys works there). */
const char *tui_keys_text(const struct key_binding *b, enum key_context where, char *buf,
                          size_t size);
/* The command a letter typed at a plain-mode menu means, or CMD_NONE. */
enum cmd tui_keys_plain(char letter);
/* The binding of a command (NULL when none is bound). */
const struct key_binding *tui_keys_binding(enum cmd cmd);
/* Whether cmd works while the workbook is locked (struct doc's locked): help, back, quit,
 * showing the page again and finding words on it; every jump waits for the password. */
bool tui_keys_while_locked(enum cmd cmd);

#endif
