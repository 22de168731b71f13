#include "keys.h"

#include <ncurses.h>
#include <stdio.h>

#include "doc.h"

/* The tables below read one binding a line, so the formatter leaves them as written. */
/* clang-format off */
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
    {{0}, 'l', 'l', CMD_LOCK, "Lock", "",
     "Lock your workbook, once it is claimed: only your password opens it again."},
    {{'\t', 0}, 0, 0, CMD_NEXT_FIELD, "Next", "Tab", "Move to the next question or button."},
    {{KEY_BTAB, 0}, 0, 0, CMD_PREV_FIELD, "Previous", "Shift+Tab",
     "Move to the previous question or button."},
    {{KEY_UP, 0}, 'k', 0, CMD_UP, "Up", "Up", "Move up; in a choice, to the option above."},
    {{KEY_DOWN, 0}, 'j', 0, CMD_DOWN, "Down", "Down",
     "Move down; in a choice, to the option below. Left and Right move a slider."},
    {{KEY_PPAGE, 0}, 0, 0, CMD_PAGE_UP, "Page up", "PgUp", "Scroll up a screenful."},
    {{KEY_NPAGE, 0}, 0, 0, CMD_PAGE_DOWN, "Page down", "PgDn", "Scroll down a screenful."},
    {{KEY_HOME, 0}, 'g', 0, CMD_TOP, "Top", "Home", "Go to the top of the page."},
    {{KEY_END, 0}, 'G', 0, CMD_BOTTOM, "Bottom", "End", "Go to the end of the page."},
    {{CTRL('f'), 0}, '/', '/', CMD_SEARCH, "Search", "Ctrl+F",
     "Search all you wrote: answers, drafts, tool entries; in text mode, type / then the words."},
    {{0}, 'f', 'f', CMD_FIND, "Find on page", "",
     "Find words on this page, case and accents aside; in text mode, type f then the words."},
    {{CTRL('g'), KEY_F(3), 0}, 'n', 0, CMD_FIND_NEXT, "Find next", "Ctrl+G, F3",
     "Find the same words again, further on."},
    {{'\n', '\r', KEY_ENTER, 0}, 0, 0, CMD_ACTIVATE, "Choose", "Enter",
     "Press the focused button or open the focused item."},
    {{CTRL('s'), 0}, 0, 0, CMD_SUBMIT, "Submit", "Ctrl+S", "Save and submit the exercise."},
    {{CTRL('l'), 0}, 0, 'r', CMD_REDRAW, "Show again", "Ctrl+L",
     "Show the whole screen again; in text mode, print the page again."},
};

const size_t tui_keys_count = sizeof tui_keys / sizeof tui_keys[0];

#define KIND(k) (1u << (k))
#define TEXTS (KIND(DOC_FIELD_LINE) | KIND(DOC_FIELD_TEXT) | KIND(DOC_FIELD_NUMBER))
#define LISTS (KIND(DOC_FIELD_LIST) | KIND(DOC_FIELD_ORDERED) | KIND(DOC_FIELD_TREE))
#define CHOICES (KIND(DOC_FIELD_CHOICE) | KIND(DOC_FIELD_CHOICES) | KIND(DOC_FIELD_PAIRWISE))
#define SLIDER KIND(DOC_FIELD_SLIDER)

/* In this order the hint bar offers a field's keys; the help screen lists them all. */
const struct field_binding tui_field_keys[] = {
    {KIND(DOC_FIELD_TEXT), {'\r', '\n', KEY_ENTER, 0}, FIELD_ENTER, "New line", "Enter", "Enter",
     "In a longer answer, start a new line."},
    {KIND(DOC_FIELD_LINE) | KIND(DOC_FIELD_NUMBER), {'\r', '\n', KEY_ENTER, 0}, FIELD_ENTER, "Next",
     "Enter", NULL, "In a one-line answer, go on to the next question."},
    {LISTS, {'\r', '\n', KEY_ENTER, 0}, FIELD_ENTER, "Add", "Enter", "Enter",
     "In a list, keep the item and start the next; on the empty last row, go on."},
    {KIND(DOC_FIELD_ORDERED), {KEY_SR, CTRL('p'), 0}, FIELD_ITEM_UP, "Move", "Shift+Up, Ctrl+P",
     "Shift+Up/Down", "In a list whose order counts, move the item up."},
    {KIND(DOC_FIELD_ORDERED), {KEY_SF, CTRL('n'), 0}, FIELD_ITEM_DOWN, "Move down",
     "Shift+Down, Ctrl+N", NULL, "In a list whose order counts, move the item down."},
    {LISTS, {CTRL('k'), 0}, FIELD_ITEM_DELETE, "Delete", "Ctrl+K", "Ctrl+K",
     "In a list, delete the item."},
    {KIND(DOC_FIELD_CHOICE) | KIND(DOC_FIELD_PAIRWISE), {' ', '\r', '\n', KEY_ENTER}, FIELD_CHOOSE,
     "Choose", "Space, Enter", "Space", "In a choice, choose the option under the cursor."},
    {KIND(DOC_FIELD_CHOICES), {' ', '\r', '\n', KEY_ENTER}, FIELD_CHOOSE, "Tick", "Space, Enter",
     "Space", "Where several may be chosen, tick or untick the option."},
    {SLIDER, {KEY_LEFT, '-', 0}, FIELD_LESS, "Change", "Left, -", "Left/Right",
     "On a slider, a step down."},
    {SLIDER, {KEY_RIGHT, '+', 0}, FIELD_MORE, "More", "Right, +", NULL, "On a slider, a step up."},
    {SLIDER, {KEY_HOME, 0}, FIELD_LEAST, "Lowest", "Home", NULL, "On a slider, its lowest value."},
    {SLIDER, {KEY_END, 0}, FIELD_MOST, "Highest", "End", NULL, "On a slider, its highest value."},
    {TEXTS | LISTS, {KEY_LEFT, 0}, FIELD_LEFT, "Left", "Left", NULL,
     "In an answer, move the cursor a character left."},
    {TEXTS | LISTS, {KEY_RIGHT, 0}, FIELD_RIGHT, "Right", "Right", NULL,
     "In an answer, move the cursor a character right."},
    {TEXTS | LISTS, {KEY_HOME, CTRL('a'), 0}, FIELD_HOME, "Start", "Home, Ctrl+A", NULL,
     "In an answer, go to the start of the line."},
    {TEXTS | LISTS, {KEY_END, CTRL('e'), 0}, FIELD_END, "End", "End, Ctrl+E", NULL,
     "In an answer, go to the end of the line."},
    {TEXTS | LISTS, {KEY_BACKSPACE, 127, 8, 0}, FIELD_BACKSPACE, "Backspace", "Backspace", NULL,
     "In an answer, delete the character before the cursor; in a list, an empty item goes."},
    {TEXTS | LISTS, {KEY_DC, CTRL('d'), 0}, FIELD_DELETE, "Delete", "Delete, Ctrl+D", NULL,
     "In an answer, delete the character under the cursor."},
    {TEXTS | LISTS | CHOICES | SLIDER, {KEY_UP, 0}, FIELD_UP, "Up", "Up", NULL,
     "In an answer, the row, item or option above; from the first, the question before."},
    {TEXTS | LISTS | CHOICES | SLIDER, {KEY_DOWN, 0}, FIELD_DOWN, "Down", "Down", NULL,
     "In an answer, the row, item or option below; from the last, the next question."},
};

/* clang-format on */
const size_t tui_field_keys_count = sizeof tui_field_keys / sizeof tui_field_keys[0];

enum field_cmd tui_keys_field(int kind, int key)
{
    for (size_t i = 0; key && i < tui_field_keys_count; i++) {
        if (!(tui_field_keys[i].kinds & KIND(kind)))
            continue;
        for (size_t k = 0; k < 4 && tui_field_keys[i].keys[k]; k++)
            if (tui_field_keys[i].keys[k] == key)
                return tui_field_keys[i].cmd;
    }
    return FIELD_NONE;
}

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

bool tui_keys_while_locked(enum cmd cmd)
{
    return cmd == CMD_HELP || cmd == CMD_BACK || cmd == CMD_QUIT || cmd == CMD_REDRAW ||
           cmd == CMD_FIND || cmd == CMD_FIND_NEXT;
}
