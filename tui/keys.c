#include "keys.h"

#include <ncurses.h>
#include <stdio.h>

#define CTRL(c) ((c) & 0x1f)

const struct key_binding tui_keys[] = {
    {{KEY_F(1), 0}, '?', '?', CMD_HELP, "Help", "F1", "Show the keys and what they do."},
    {{27, 0}, 'q', 'q', CMD_BACK, "Back", "Esc",
     "Go back to the screen before, keeping what you wrote; on the Daily Dos, leave DreamTree."},
    {{KEY_F(10), CTRL('c'), 0}, 'Q', 0, CMD_QUIT, "Quit", "F10, Ctrl+C",
     "Leave DreamTree. What you wrote is kept; away from the Daily Dos it asks first."},
    {{0}, 'd', 'd', CMD_DASHBOARD, "Daily Dos", "", "Go to the Daily Dos."},
    {{0}, 'w', 'w', CMD_WORKBOOK, "Workbook", "", "Go to the workbook's contents."},
    {{0}, 't', 't', CMD_TOOLS, "Tools", "", "Go to your tools: flow log, budget, stories and more."},
    {{0}, 'p', 'p', CMD_PROFILE, "Profile", "", "Go to your profile."},
    {{0}, 's', 's', CMD_SETTINGS, "Settings", "", "Go to the settings: colours, font, text mode."},
    {{0}, 'c', 'c', CMD_CREDITS, "Credits", "", "Go to the credits: the works DreamTree draws on."},
    {{'\t', 0}, 0, 0, CMD_NEXT_FIELD, "Next", "Tab", "Move to the next question or button."},
    {{KEY_BTAB, 0}, 0, 0, CMD_PREV_FIELD, "Previous", "Shift+Tab",
     "Move to the previous question or button."},
    {{KEY_UP, 0}, 0, 0, CMD_UP, "Up", "Up", "Move up; in a choice, to the option above."},
    {{KEY_DOWN, 0}, 0, 0, CMD_DOWN, "Down", "Down",
     "Move down; in a choice, to the option below. Left and Right move a slider."},
    {{KEY_PPAGE, 0}, 0, 0, CMD_PAGE_UP, "Page up", "PgUp", "Scroll up a screenful."},
    {{KEY_NPAGE, 0}, 0, 0, CMD_PAGE_DOWN, "Page down", "PgDn", "Scroll down a screenful."},
    {{'\n', '\r', KEY_ENTER, 0}, 0, 0, CMD_ACTIVATE, "Choose", "Enter",
     "Press the focused button or open the focused item."},
    {{CTRL('s'), 0}, 0, 0, CMD_SUBMIT, "Submit", "Ctrl+S", "Save and submit the exercise."},
    {{CTRL('l'), 0}, 0, 'r', CMD_REDRAW, "Show again", "Ctrl+L",
     "Show the whole screen again; in text mode, print the page again."},
};

const size_t tui_keys_count = sizeof tui_keys / sizeof tui_keys[0];

enum cmd tui_keys_command(int key, enum key_context where)
{
    for (size_t i = 0; key && i < tui_keys_count; i++) {
        if (where == KEYS_BROWSE && tui_keys[i].letter == key)
            return tui_keys[i].cmd;
        for (size_t k = 0; k < 4 && tui_keys[i].keys[k]; k++)
            if (tui_keys[i].keys[k] == key)
                return tui_keys[i].cmd;
    }
    return CMD_NONE;
}

const char *tui_keys_text(const struct key_binding *b, enum key_context where, char *buf,
                          size_t size)
{
    if (where == KEYS_BROWSE && b->letter)
        snprintf(buf, size, "%c%s%s", b->letter, b->keys_text[0] ? ", " : "", b->keys_text);
    else
        snprintf(buf, size, "%s", b->keys_text);
    return buf;
}

enum cmd tui_keys_plain(char letter)
{
    for (size_t i = 0; letter && i < tui_keys_count; i++)
        if (tui_keys[i].plain == letter)
            return tui_keys[i].cmd;
    return CMD_NONE;
}

const struct key_binding *tui_keys_binding(enum cmd cmd)
{
    for (size_t i = 0; i < tui_keys_count; i++)
        if (tui_keys[i].cmd == cmd)
            return &tui_keys[i];
    return NULL;
}
