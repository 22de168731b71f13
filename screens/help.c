/* Help: how the workbook moves, text mode's rules, and every key of the full screen, from the
 * one key table. */
#include <stdio.h>

#include "app.h"

static void build(const struct screen *s, struct doc *d)
{
    (void)s;
    doc_heading(d, 1, "Help");
    doc_para(d, DOC_ROLE_TEXT,
             "DreamTree moves one exercise at a time. Each exercise opens once the one before it"
             " is answered, and every exercise you have answered stays open for changes. Answers"
             " are kept as a draft while you work, and saved for good when you submit.");
    doc_para(d, DOC_ROLE_TEXT,
             "The tools open as the workbook reaches them and stay with you: press t to see them."
             " A tool keeps each answer as soon as you give it; there is nothing to submit. When"
             " a tool's reminder is due, the Daily Dos show it, and choosing it opens the tool.");
    /* text mode first: a screen reader hears this page in order, and the key tables after it
     * are the full screen's */
    doc_heading(d, 2, "In text mode");
    doc_para(d, DOC_ROLE_TEXT,
             "Every choice is a numbered menu: type the number and press Enter; Enter alone takes"
             " the one the menu names. Once every question on a page is answered, Enter alone"
             " hands them in.");
    size_t used = 0;
    char letters[512] = "";
    for (size_t i = 0; i < tui_keys_count && used < sizeof letters; i++)
        if (tui_keys[i].plain)
            used += (size_t)snprintf(letters + used, sizeof letters - used, "%s%c %s",
                                     used ? ", " : "", tui_keys[i].plain, tui_keys[i].name);
    doc_para(d, DOC_ROLE_TEXT, doc_printf(d, "Letters at a menu: %s.", letters));
    doc_para(d, DOC_ROLE_TEXT,
             "Type / and words to search everything you wrote (/budget), and f and words to"
             " hear the lines of this page that hold them (f budget). On a search page, the words"
             " alone do.");
    doc_para(d, DOC_ROLE_TEXT,
             "Questions come one at a time. Enter alone keeps an answer as it is; a line holding"
             " only - clears an optional one; a line holding only two full stops (..) stops the"
             " questions and goes back to the menu. A long answer ends with a line holding only"
             " a full stop. A list you answered before is changed item by item: add, change,"
             " remove or move one by its number.");
    doc_heading(d, 2, "In the full screen");
    doc_para(d, DOC_ROLE_TEXT,
             "Letters move you around only on screens without questions: the Daily Dos, the"
             " contents, your tools, profile, credits and help. On an exercise, a tool's entry or"
             " the settings, what you type goes into your answers; there, Esc goes back, F1"
             " shows this help and F10 leaves.");
    enum { COLS = 3, MAX_ROWS = 32 };
    const char *cells[COLS * MAX_ROWS];
    size_t rows = 1;
    cells[0] = "Keys";
    cells[1] = "On a form";
    cells[2] = "Does";
    for (size_t i = 0; i < tui_keys_count && rows < MAX_ROWS; i++, rows++) {
        const struct key_binding *k = &tui_keys[i];
        char buf[64];
        cells[rows * COLS] = doc_str(d, tui_keys_text(k, KEYS_BROWSE, buf, sizeof buf));
        cells[rows * COLS + 1] = k->keys_text[0] ? k->keys_text : "not on a form";
        cells[rows * COLS + 2] = k->help;
    }
    doc_table(d, "Keys", COLS, rows, cells);
    /* the keys inside an answer, from the same table the fields use */
    const char *field_cells[2 * MAX_ROWS];
    size_t frows = 1;
    field_cells[0] = "Keys";
    field_cells[1] = "Does";
    for (size_t i = 0; i < tui_field_keys_count && frows < MAX_ROWS; i++, frows++) {
        field_cells[frows * 2] = tui_field_keys[i].keys_text;
        field_cells[frows * 2 + 1] = tui_field_keys[i].help;
    }
    doc_table(d, "Keys in an answer", 2, frows, field_cells);
    doc_action(d, CMD_BACK, NULL, "Back");
}

const struct screen_ops help_screen = {
    .title = "Help",
    .build = build,
};
