/* Help: every key, from the one key table, and how the workbook moves. */
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
    const char *cells[3 * 32];
    size_t rows = 1;
    cells[0] = "Keys";
    cells[1] = "Does";
    cells[2] = "In text mode";
    for (size_t i = 0; i < tui_keys_count && rows < 32; i++, rows++) {
        cells[rows * 3] = tui_keys[i].keys_text;
        cells[rows * 3 + 1] = tui_keys[i].help;
        cells[rows * 3 + 2] = tui_keys[i].plain ? doc_printf(d, "type %c", tui_keys[i].plain)
                                                : "not needed";
    }
    doc_table(d, "Keys", 3, rows, cells);
    doc_para(d, DOC_ROLE_NOTE,
             "In text mode every choice is a numbered list: type the number and press Enter."
             " Long answers end with a line holding only a full stop.");
    doc_action(d, CMD_BACK, NULL, "Back");
}

const struct screen_ops help_screen = {
    .name = "help",
    .title = "Help",
    .build = build,
};
