/* The full screen's keys: what a key means where the focus is (the key table in keys.c says
 * which command), quitting, finding words on the page, typing into a field, and a paste. Part of
 * the full-screen renderer (fullscreen_internal.h). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "fields.h"
#include "find.h"
#include "keys.h"
#include "paste.h"
#include "text.h"

#include "fullscreen_internal.h"

static enum key_context context(const struct ui *ui)
{
    return doc_is_form(ui->doc) ? KEYS_FORM : KEYS_BROWSE;
}

static enum cmd command_for(const struct ui *ui, const struct tui_input *in)
{
    if (in->key)
        return tui_keys_command(in->key, context(ui));
    /* characters beyond ASCII share numbers with ncurses' key codes (U+0109 is KEY_F(1)), and
     * none is bound: they are never commands */
    return in->ch < 128 ? tui_keys_command((int)in->ch, context(ui)) : CMD_NONE;
}

bool tui_fullscreen_too_small(void)
{
    return COLS < MIN_COLS || LINES < MIN_ROWS;
}

static bool is_printable(const struct tui_input *in)
{
    return in->key == 0 && in->ch >= 0x20 && in->ch != 0x7f && !(in->ch >= 0x80 && in->ch < 0xa0);
}

/* Leaving from the Daily Dos is at once; from anywhere else it asks first. */
static void ask_to_quit(struct ui *ui)
{
    if (ui->doc->home || tui_fullscreen_too_small()) {
        tui_fullscreen_host_command(ui, CMD_QUIT);
        return;
    }
    ui->confirm_quit = true;
    /* typing that is refused is the one thing leaving loses: said, not promised kept */
    bool refused = tui_fullscreen_commit(ui) == TUI_REJECTED;
    tui_fullscreen_set_status(ui,
                              refused ? "Leave DreamTree? This answer is refused and is not kept;"
                                        " the rest is. Press y to leave, n to stay."
                                      : "Leave DreamTree? What you wrote is kept. Press y to"
                                        " leave, n to stay.",
                              false);
}

/* The answer to "Leave DreamTree?": y (or the quit key again) leaves, any other key stays. */
static void answer_quit(struct ui *ui, const struct tui_input *in)
{
    ui->confirm_quit = false;
    bool yes = (in->key == 0 && (in->ch == 'y' || in->ch == 'Y')) ||
               command_for(ui, in) == CMD_QUIT;
    if (yes)
        tui_fullscreen_host_command(ui, CMD_QUIT);
    else
        tui_fullscreen_set_status(ui, "Staying.", false);
}

static bool item_takes_text(const struct ui *ui, int item)
{
    const struct doc_block *b = tui_fullscreen_item_block(ui, item);
    if (!b || b->kind != DOC_FIELD)
        return false;
    switch (b->u.field.kind) {
    case DOC_FIELD_LINE:
    case DOC_FIELD_TEXT:
    case DOC_FIELD_NUMBER:
    case DOC_FIELD_LIST:
    case DOC_FIELD_ORDERED:
    case DOC_FIELD_TREE: return true;
    default: return false;
    }
}

static void apply_field_key(struct ui *ui, const struct tui_input *in);

/* Puts the page's top (or end) in view, the first (or last) item in view focused. */
static void to_end_of_page(struct ui *ui, bool bottom)
{
    tui_fullscreen_relayout(ui);
    ui->scroll = bottom ? (int)ui->lay.nrows : 0;
    tui_fullscreen_clamp_scroll(ui);
    int to = -1, n = (int)ui->lay.nitems;
    for (int k = 0; k < n && to < 0; k++) {
        int i = bottom ? n - 1 - k : k;
        if (tui_fullscreen_row_visible(ui, ui->lay.items[i].cursor_row))
            to = i;
    }
    if (tui_fullscreen_set_focus(ui, to))
        ui->follow = false;
}

/* In a list the find lands on, the cursor goes to the item on the found row: the k-th item
 * that holds the words, k counted from the rows of the field above the found one. */
static void to_found_item(struct ui *ui, int item, int row)
{
    const struct doc_block *b = &ui->doc->blocks[ui->lay.items[item].block];
    if (ui->field.active && b->kind == DOC_FIELD && !b->u.field.secret &&
        (ui->field.kind == DOC_FIELD_LINE || ui->field.kind == DOC_FIELD_TEXT)) {
        /* a text field: the cursor goes onto the words on the found row, so typing starts
         * there (never in a password: where the cursor went would say what it holds). The
         * editor's first row is the cursor's row less the cursor's soft row. */
        tui_fullscreen_relayout(ui);
        const struct tui_item *it = &ui->lay.items[item];
        struct tui_editor_rows rows;
        if (tui_editor_wrap(&ui->field.ed, it->input_width, &rows) != 0)
            return;
        size_t at_row = 0;
        int col;
        tui_editor_locate(&ui->field.ed, &rows, &at_row, &col);
        tui_editor_rows_free(&rows);
        int first = it->cursor_row - (int)at_row;
        if (tui_find_cursor(&ui->field.ed, it->input_width,
                            row >= first ? (size_t)(row - first) : 0, ui->find))
            tui_fullscreen_relayout(ui);
        return;
    }
    if (!ui->field.active ||
        !(ui->field.kind == DOC_FIELD_LIST || ui->field.kind == DOC_FIELD_ORDERED ||
          ui->field.kind == DOC_FIELD_TREE))
        return;
    size_t k = 0;
    for (int r = ui->lay.items[item].top - 1;
         (r = tui_find_row(&ui->lay, ui->find, r)) >= 0 && r < row && r >= ui->lay.items[item].top;)
        k++;
    size_t target = ui->field.nitems;
    for (size_t i = 0; i < ui->field.nitems && target == ui->field.nitems; i++)
        if (tui_find_in(tui_field_item(&ui->field, i), ui->find) && k-- == 0)
            target = i;
    /* Up and Down move between items as the person would, keeping the editor in step */
    for (size_t steps = 0; ui->field.row != target && steps <= ui->field.nitems; steps++) {
        struct tui_input move = {.key = ui->field.row > target ? KEY_UP : KEY_DOWN};
        if (tui_field_key(&ui->field, &move, COLS) != TUI_FIELD_MOVED)
            break;
    }
}

/* Finds the words in ui->find from the row after from: the row comes into view (at the top),
 * its item takes the focus, and the status line says what happened. */
void tui_fullscreen_find_from(struct ui *ui, int from)
{
    tui_fullscreen_relayout(ui);
    int row = tui_find_row(&ui->lay, ui->find, from);
    char msg[256];
    if (row < 0) {
        snprintf(msg, sizeof msg, "\"%s\" is not on this page.", ui->find);
        tui_fullscreen_set_status(ui, msg, true);
        return;
    }
    ui->found_row = row;
    int item = ui->lay.rows[row].item;
    for (size_t i = 0; item < 0 && i < ui->lay.nitems; i++) /* a heading: the item under it */
        if (ui->lay.items[i].top > row && ui->lay.items[i].top < row + ui->vh)
            item = (int)i;
    if (!tui_fullscreen_set_focus(ui, item))
        return;
    if (item >= 0)
        to_found_item(ui, item, row);
    if (!tui_fullscreen_row_visible(ui, row)) /* in view already: the page stays put */
        ui->scroll = row;
    tui_fullscreen_clamp_scroll(ui);
    ui->follow = false;
    /* on a form n is typing: the control key then */
    snprintf(msg, sizeof msg, "Found \"%s\"%s. %s finds it again.", ui->find,
             row <= from ? ", back at the top" : "", context(ui) == KEYS_FORM ? "Ctrl+G" : "n");
    tui_fullscreen_set_status(ui, msg, false);
}

/* A key while "Find:" is open: typing, Backspace, Enter to find, Esc to give up. */
static void find_key(struct ui *ui, const struct tui_input *in)
{
    size_t len = strlen(ui->find);
    if (in->key == 0 && (in->ch == '\r' || in->ch == '\n')) {
        ui->finding = false;
        if (len)
            tui_fullscreen_find_from(ui, ui->scroll - 1);
        else
            tui_fullscreen_set_status(ui, NULL, false);
        return;
    }
    if (in->key == 0 && in->ch == 27) {
        ui->finding = false;
        ui->find[0] = '\0';
        tui_fullscreen_set_status(ui, NULL, false);
        return;
    }
    if (in->key == KEY_BACKSPACE || (in->key == 0 && (in->ch == 127 || in->ch == 8))) {
        while (len > 0 && (ui->find[len - 1] & 0xC0) == 0x80) /* a whole character */
            len--;
        if (len > 0)
            len--;
        ui->find[len] = '\0';
    } else if (is_printable(in)) {
        uint8_t bytes[8];
        int n = u8_uctomb(bytes, (ucs4_t)in->ch, (int)sizeof bytes);
        if (n > 0 && len + (size_t)n < sizeof ui->find) {
            memcpy(ui->find + len, bytes, (size_t)n);
            ui->find[len + (size_t)n] = '\0';
        }
    }
    char msg[160];
    snprintf(msg, sizeof msg, "Find: %s", ui->find);
    tui_fullscreen_set_status(ui, msg, false);
}

/* On a form, a printable key typed where no text goes (a button, a choice) is typing meant for
 * an answer: it goes into the nearest written answer (the one before on a tie), so nothing
 * typed is lost and no letter sends the person elsewhere. */
static void type_into_nearest(struct ui *ui, const struct tui_input *in)
{
    int n = tui_fullscreen_item_count(ui), to = -1;
    for (int dist = 1; to < 0 && dist < n + 1; dist++) {
        if (ui->focus - dist >= 0 && item_takes_text(ui, ui->focus - dist))
            to = ui->focus - dist;
        else if (ui->focus + dist < n && item_takes_text(ui, ui->focus + dist))
            to = ui->focus + dist;
    }
    if (ui->focus < 0) /* nothing focused: the first answer in view, else the first */
        for (int i = 0; i < n && to < 0; i++)
            if (item_takes_text(ui, i))
                to = i;
    if (to < 0) {
        tui_fullscreen_set_status(
            ui,
            "Typing goes into written answers, and this page has none. Tab moves,"
            " Enter chooses, Esc goes back, F1 shows the keys.",
            false);
        return;
    }
    if (!tui_fullscreen_set_focus(ui, to) || !ui->field.active)
        return;
    ui->follow = true;
    apply_field_key(ui, in);
    if (!ui->status)
        tui_fullscreen_set_status(ui, "Your typing went into the nearest written answer.", false);
}

/* A key for the focused field, and what it means for the loop. True when the field took it. */
/* Enter in a password whose next item is the page's submit (the locked screen, signing in)
 * submits, as a sign-in form does; elsewhere Enter goes on to the next item. */
static bool enter_submits(struct ui *ui, const struct tui_input *in)
{
    if (in->key != 0 || (in->ch != '\r' && in->ch != '\n'))
        return false;
    const struct doc_block *b = tui_fullscreen_item_block(ui, ui->focus);
    const struct doc_block *next = tui_fullscreen_item_block(ui, ui->focus + 1);
    return b && b->kind == DOC_FIELD && b->u.field.secret && next &&
           next->kind == DOC_ACTION && next->u.action.cmd == CMD_SUBMIT;
}

static bool field_key(struct ui *ui, const struct tui_input *in)
{
    int width = ui->focus >= 0 && (size_t)ui->focus < ui->lay.nitems
                    ? ui->lay.items[ui->focus].input_width
                    : COLS;
    switch (tui_field_key(&ui->field, in, width)) {
    case TUI_FIELD_IGNORED: return false;
    case TUI_FIELD_MOVED: return true;
    case TUI_FIELD_EDITED: {
        const struct doc_block *b = tui_fullscreen_item_block(ui, ui->focus);
        bool live = b && b->kind == DOC_FIELD && b->u.field.live;
        ui->pending = true;
        ui->last_edit_ms = tui_fullscreen_now_ms();
        ui->debounce_ms = live ? LIVE_DEBOUNCE_MS : DEBOUNCE_MS;
        return true;
    }
    case TUI_FIELD_CHANGED: tui_fullscreen_commit(ui); return true;
    case TUI_FIELD_LEAVE_UP: tui_fullscreen_move_focus(ui, -1, false); return true;
    case TUI_FIELD_LEAVE_DOWN:
        if (enter_submits(ui, in))
            tui_fullscreen_host_command(ui, CMD_SUBMIT);
        else
            tui_fullscreen_move_focus(ui, 1, false);
        return true;
    case TUI_FIELD_REFUSED: beep(); return true;
    }
    return false;
}

static void apply_field_key(struct ui *ui, const struct tui_input *in)
{
    if (!field_key(ui, in))
        beep();
}

void tui_fullscreen_handle_key(struct ui *ui, const struct tui_input *in)
{
    tui_fullscreen_active(ui);
    if (ui->confirm_quit) {
        answer_quit(ui, in);
        return;
    }
    if (ui->finding) {
        find_key(ui, in);
        return;
    }
    /* a message is about what came before this key: it goes, unless the key brings another.
     * Scrolling to read keeps it; typing on in an answer keeps it until the answer is sent
     * (which says what became of it). */
    enum cmd cmd = command_for(ui, in); /* the key table is read once per key */
    if (!(is_printable(in) && tui_field_takes_text(&ui->field)) && cmd != CMD_PAGE_UP &&
        cmd != CMD_PAGE_DOWN && cmd != CMD_REDRAW)
        tui_fullscreen_set_status(ui, NULL, false);
    if (in->key == 0 && in->ch == CTRL_KEY('c')) { /* raw mode: Ctrl+C is ours to mean quit */
        ask_to_quit(ui);
        return;
    }
    if (tui_fullscreen_too_small())
        return;
    ui->follow = true;
    if (ui->field.active && field_key(ui, in))
        return;
    bool on_button = ui->focus >= 0 && !item_takes_text(ui, ui->focus) &&
                     tui_fullscreen_item_block(ui, ui->focus) &&
                     tui_fullscreen_item_block(ui, ui->focus)->kind != DOC_FIELD;
    if (cmd == CMD_NONE && in->key == 0 && in->ch == ' ' &&
        (on_button || context(ui) == KEYS_BROWSE))
        cmd = CMD_ACTIVATE; /* Space presses a button too */
    if (cmd == CMD_NONE && is_printable(in) && context(ui) == KEYS_FORM) {
        type_into_nearest(ui, in);
        return;
    }
    switch (cmd) {
    case CMD_NONE:
        if (is_printable(in) || in->key)
            tui_fullscreen_set_status(ui,
                                      "That key does nothing here. Press ? or F1 to see the keys.",
                                      false);
        return;
    case CMD_NEXT_FIELD: tui_fullscreen_move_focus(ui, 1, true); return;
    case CMD_PREV_FIELD: tui_fullscreen_move_focus(ui, -1, true); return;
    case CMD_UP: tui_fullscreen_move_focus(ui, -1, false); return;
    case CMD_DOWN: tui_fullscreen_move_focus(ui, 1, false); return;
    case CMD_PAGE_UP: tui_fullscreen_scroll_by(ui, -(ui->vh > 1 ? ui->vh - 1 : 1)); return;
    case CMD_PAGE_DOWN: tui_fullscreen_scroll_by(ui, ui->vh > 1 ? ui->vh - 1 : 1); return;
    case CMD_ACTIVATE: tui_fullscreen_activate(ui); return;
    case CMD_REDRAW: clearok(curscr, TRUE); return;
    case CMD_QUIT: ask_to_quit(ui); return;
    case CMD_TOP: to_end_of_page(ui, false); return;
    case CMD_BOTTOM: to_end_of_page(ui, true); return;
    case CMD_FIND:
        ui->finding = true;
        ui->find[0] = '\0';
        tui_fullscreen_set_status(ui, "Find: (type the words, then Enter; Esc gives up)", false);
        return;
    case CMD_FIND_NEXT:
        if (ui->find[0])
            tui_fullscreen_find_from(ui, ui->found_row >= 0 ? ui->found_row : ui->scroll - 1);
        else
            tui_fullscreen_set_status(ui, "Nothing to find again yet: f finds words on the page.",
                                      false);
        return;
    default: tui_fullscreen_host_command(ui, cmd); return;
    }
}

/* A paste goes whole into the focused field and is sent at once; the status line says what
 * became of it (tui/paste.c reads it, puts it in and words the note). */
void tui_fullscreen_paste(struct ui *ui, struct tui_paste *p)
{
    if (tui_fullscreen_too_small())
        return;
    ui->follow = true;
    size_t n;
    const char *text = tui_paste_text(p, &n);
    struct tui_paste_result got;
    enum tui_field_result r = tui_paste_into(&ui->field, text, n, &got);
    if (got.out_of_memory)
        dt_oom_abort();
    char buf[TUI_PASTE_NOTE_MAX];
    const char *note = tui_paste_note(p, r, &got, buf, sizeof buf);
    if (r == TUI_FIELD_CHANGED && tui_fullscreen_commit(ui) == TUI_REJECTED)
        return; /* the screen's reason shows instead */
    if (note)
        tui_fullscreen_set_status(ui, note, false);
}
