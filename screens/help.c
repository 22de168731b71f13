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
    doc_para(d, DOC_ROLE_TEXT,
             "In the full screen, letters move you around only on screens without questions: the"
             " Daily Dos, the contents, your tools, profile, credits and help. On an exercise, a"
             " tool's entry or the settings, what you type goes into your answers; there, Esc"
             " goes back, F1 shows this help and F10 leaves.");
    enum { COLS = 4, MAX_ROWS = 32 };
    const char *cells[COLS * MAX_ROWS];
    size_t rows = 1;
    cells[0] = "Keys";
    cells[1] = "On a form";
    cells[2] = "Does";
    cells[3] = "In text mode";
    for (size_t i = 0; i < tui_keys_count && rows < MAX_ROWS; i++, rows++) {
        const struct key_binding *k = &tui_keys[i];
        char buf[64];
        cells[rows * COLS] = doc_str(d, tui_keys_text(k, KEYS_BROWSE, buf, sizeof buf));
        cells[rows * COLS + 1] = k->keys_text[0] ? k->keys_text : "not on a form";
        cells[rows * COLS + 2] = k->help;
        cells[rows * COLS + 3] = k->plain ? doc_printf(d, "type %c", k->plain) : "not needed";
    }
    doc_table(d, "Keys", COLS, rows, cells);
    /* the keys inside an answer, from the same table the fields use (full screen only: text mode
     * reads whole lines) */
    const char *field_cells[2 * MAX_ROWS];
    size_t frows = 1;
    field_cells[0] = "Keys";
    field_cells[1] = "Does";
    for (size_t i = 0; i < tui_field_keys_count && frows < MAX_ROWS; i++, frows++) {
        field_cells[frows * 2] = tui_field_keys[i].keys_text;
        field_cells[frows * 2 + 1] = tui_field_keys[i].help;
    }
    doc_table(d, "Keys in an answer (full screen)", 2, frows, field_cells);
    doc_para(d, DOC_ROLE_NOTE,
             "In text mode every choice is a numbered list: type the number and press Enter."
             " Long answers end with a line holding only a full stop.");
    doc_action(d, CMD_BACK, NULL, "Back");
}

const struct screen_ops help_screen = {
    .title = "Help",
    .build = build,
};
