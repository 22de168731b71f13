/* Drawing for the curses renderer: the document's rows in the viewport, the status line and
 * the key hints, the message below the minimum size, and the hardware cursor on the focus. */
#include <stdlib.h>
#include <string.h>

#include "fullscreen_internal.h"
#include "statusbar.h"
#include "text.h"

static attr_t attr_of(const struct ui *ui, enum tui_palette_role role, unsigned extra)
{
    attr_t a = ui->attrs[role];
    if (extra & TUI_ATTR_BOLD)
        a |= A_BOLD;
    if (extra & TUI_ATTR_UNDERLINE)
        a |= A_UNDERLINE;
    if (extra & TUI_ATTR_REVERSE)
        a |= A_REVERSE;
    return a;
}

/* Writes clean text at (y, x), cut to the screen's edge by whole clusters, without zero width
 * joiners (tui_text_unjoin): joined emoji go side by side, so the terminal draws them in the
 * columns ncurses counts, whether or not it would have joined them. */
static void put_at(const struct ui *ui, int y, int x, attr_t a, const char *s)
{
    (void)ui;
    if (x >= COLS || y >= LINES || x < 0)
        return;
    char *apart = strstr(s, "\xE2\x80\x8D") ? strdup(s) : NULL;
    if (apart) {
        tui_text_unjoin(apart);
        s = apart;
    }
    size_t n = tui_text_fit_len(s, strlen(s), COLS - x, NULL);
    attrset(a);
    mvaddnstr(y, x, s, (int)n);
    free(apart);
}

/* The status line from its first row: the message's lines (tui_statusbar_message), or where
 * more of the page is. */
static void draw_status(const struct ui *ui, const struct tui_lines *message, int first)
{
    if (ui->status) {
        for (size_t i = 0; i < message->n; i++)
            put_at(ui, first + (int)i, 0,
                   ui->attrs[ui->status_error ? TUI_ROLE_ERROR : TUI_ROLE_NOTE], message->lines[i]);
        return;
    }
    const char *where = tui_statusbar_more(ui->scroll > 0,
                                           ui->scroll + ui->vh < (int)ui->lay.nrows);
    if (where)
        put_at(ui, first, 0, ui->attrs[TUI_ROLE_HINT], where);
}

static void draw_too_small(const struct ui *ui)
{
    char msg[160];
    snprintf(msg, sizeof msg,
             "Make the window at least %d columns by %d rows (it is %d by %d"
             " now).",
             MIN_COLS, MIN_ROWS, COLS, LINES);
    struct tui_lines lines;
    if (tui_text_wrap(msg, COLS > 1 ? COLS - 1 : 1, 0, &lines) != 0)
        dt_oom_abort();
    for (size_t i = 0; i < lines.n && (int)i < LINES; i++)
        put_at(ui, (int)i, 0, ui->attrs[TUI_ROLE_ERROR], lines.lines[i]);
    tui_text_lines_free(&lines);
    move(0, 0);
}

void tui_fullscreen_draw(struct ui *ui)
{
    erase();
    if (tui_fullscreen_too_small()) {
        draw_too_small(ui);
        refresh();
        return;
    }
    struct tui_lines message = {0};
    if (ui->status && tui_statusbar_message(ui->status, ui->status_error, COLS - 1, &message) != 0)
        dt_oom_abort();
    int srows = message.n > 1 ? (int)message.n : 1;
    ui->vh = LINES - 1 - srows;
    tui_fullscreen_relayout(ui);
    const struct tui_item *focus = ui->focus >= 0 && (size_t)ui->focus < ui->lay.nitems
                                       ? &ui->lay.items[ui->focus]
                                       : NULL;
    if (focus && ui->follow) {
        if (focus->bottom - focus->top + 1 <= ui->vh) {
            if (focus->top < ui->scroll)
                ui->scroll = focus->top;
            if (focus->bottom >= ui->scroll + ui->vh)
                ui->scroll = focus->bottom - ui->vh + 1;
        }
        if (focus->cursor_row < ui->scroll)
            ui->scroll = focus->cursor_row;
        if (focus->cursor_row >= ui->scroll + ui->vh)
            ui->scroll = focus->cursor_row - ui->vh + 1;
    }
    tui_fullscreen_clamp_scroll(ui);
    for (int r = 0; r < ui->vh; r++) {
        size_t lr = (size_t)(ui->scroll + r);
        if (lr >= ui->lay.nrows)
            break;
        const struct tui_row *row = &ui->lay.rows[lr];
        for (size_t s = 0; s < row->n; s++)
            put_at(ui, r, row->spans[s].col, attr_of(ui, row->spans[s].role, row->spans[s].extra),
                   row->spans[s].text);
    }
    draw_status(ui, &message, ui->vh);
    tui_text_lines_free(&message);
    char hints[512];
    tui_statusbar_hints(ui->doc, &ui->field, hints, sizeof hints, COLS - 1);
    put_at(ui, LINES - 1, 0, ui->attrs[TUI_ROLE_HINT], hints);
    attrset(ui->attrs[TUI_ROLE_TEXT]);
    /* the hardware cursor: on the focused item (on the text cursor while editing), else on the
     * first line in view, where reading goes on */
    if (focus && tui_fullscreen_row_visible(ui, focus->cursor_row))
        move(focus->cursor_row - ui->scroll,
             focus->cursor_col < COLS ? focus->cursor_col : COLS - 1);
    else
        move(0, TUI_LAYOUT_GUTTER);
    refresh();
}
