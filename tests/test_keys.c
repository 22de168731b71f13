/* The key table (tui/keys.c): no key means two things in one place, every binding is written
 * down for the help screen, and the letters that jump stay off forms. */
#include <ncurses.h>
#include <stdio.h>

#include "check.h"
#include "doc.h"
#include "keys.h"

/* No key is bound twice in one context (a browsing screen, a form). */
static void test_global_keys_unique(void)
{
    for (int where = KEYS_BROWSE; where <= KEYS_FORM; where++)
        for (size_t i = 0; i < tui_keys_count; i++) {
            int keys[5] = {0};
            size_t n = 0;
            for (size_t k = 0; k < 4 && tui_keys[i].keys[k]; k++)
                keys[n++] = tui_keys[i].keys[k];
            if (where == KEYS_BROWSE && tui_keys[i].letter)
                keys[n++] = tui_keys[i].letter;
            for (size_t k = 0; k < n; k++) {
                enum cmd got = tui_keys_command(keys[k], (enum key_context)where);
                if (!CHECK(got == tui_keys[i].cmd))
                    printf("#   key %d in context %d means %d, not %d\n", keys[k], where, got,
                           tui_keys[i].cmd);
            }
        }
}

/* On a form no printable key is a command: typing is an answer there. */
static void test_forms_take_letters(void)
{
    for (int ch = 0x20; ch < 0x7f; ch++)
        if (!CHECK(tui_keys_command(ch, KEYS_FORM) == CMD_NONE))
            printf("#   '%c' is a command on a form\n", ch);
    CHECK(tui_keys_command('d', KEYS_BROWSE) == CMD_DASHBOARD);
    CHECK(tui_keys_command(27, KEYS_FORM) == CMD_BACK);
    CHECK(tui_keys_command(KEY_F(10), KEYS_FORM) == CMD_QUIT);
    CHECK(tui_keys_command(KEY_F(1), KEYS_FORM) == CMD_HELP);
}

/* In each kind of field, each key means one thing, and every row is documented. */
static void test_field_keys(void)
{
    for (int kind = DOC_FIELD_LINE; kind <= DOC_FIELD_PAIRWISE; kind++)
        for (size_t i = 0; i < tui_field_keys_count; i++) {
            const struct field_binding *b = &tui_field_keys[i];
            if (!(b->kinds & (1u << kind)))
                continue;
            for (size_t k = 0; k < 4 && b->keys[k]; k++)
                if (!CHECK(tui_keys_field(kind, b->keys[k]) == b->cmd))
                    printf("#   key %d in field kind %d is bound twice\n", b->keys[k], kind);
        }
    for (size_t i = 0; i < tui_field_keys_count; i++)
        CHECK(tui_field_keys[i].name && tui_field_keys[i].keys_text[0] && tui_field_keys[i].help &&
              tui_field_keys[i].help[0]);
    for (size_t i = 0; i < tui_keys_count; i++)
        CHECK(tui_keys[i].name && tui_keys[i].help && tui_keys[i].help[0] &&
              (tui_keys[i].keys_text[0] || tui_keys[i].letter));
    /* the same key, a different meaning per kind */
    CHECK(tui_keys_field(DOC_FIELD_TEXT, '\r') == FIELD_ENTER);
    CHECK(tui_keys_field(DOC_FIELD_CHOICE, '\r') == FIELD_CHOOSE);
    CHECK(tui_keys_field(DOC_FIELD_SLIDER, KEY_LEFT) == FIELD_LESS);
    CHECK(tui_keys_field(DOC_FIELD_LINE, KEY_LEFT) == FIELD_LEFT);
    CHECK(tui_keys_field(DOC_FIELD_LIST, KEY_SR) == FIELD_NONE);
    CHECK(tui_keys_field(DOC_FIELD_ORDERED, KEY_SR) == FIELD_ITEM_UP);
    CHECK(tui_keys_field(DOC_FIELD_LINE, 'a') == FIELD_NONE); /* typing */
}

/* The text of a binding in each context: letters only where they work. */
static void test_keys_text(void)
{
    char buf[64];
    CHECK_STR(tui_keys_text(tui_keys_binding(CMD_BACK), KEYS_BROWSE, buf, sizeof buf), "q, Esc");
    CHECK_STR(tui_keys_text(tui_keys_binding(CMD_BACK), KEYS_FORM, buf, sizeof buf), "Esc");
    CHECK_STR(tui_keys_text(tui_keys_binding(CMD_DASHBOARD), KEYS_FORM, buf, sizeof buf), "");
}

/* / searches what you wrote from every browsing screen, and Ctrl+F from forms too: no field
 * takes Ctrl+F, so it reaches the search wherever the focus is. The page find moved to f. */
static void test_search_keys(void)
{
    const int ctrl_f = 'f' & 0x1f;
    CHECK(tui_keys_command('/', KEYS_BROWSE) == CMD_SEARCH);
    CHECK(tui_keys_command('/', KEYS_FORM) == CMD_NONE); /* typing there */
    CHECK(tui_keys_command(ctrl_f, KEYS_BROWSE) == CMD_SEARCH);
    CHECK(tui_keys_command(ctrl_f, KEYS_FORM) == CMD_SEARCH);
    for (int kind = DOC_FIELD_LINE; kind <= DOC_FIELD_PAIRWISE; kind++)
        if (!CHECK(tui_keys_field(kind, ctrl_f) == FIELD_NONE))
            printf("#   Ctrl+F means something in field kind %d\n", kind);
    CHECK(tui_keys_plain('/') == CMD_SEARCH);
    CHECK(tui_keys_command('f', KEYS_BROWSE) == CMD_FIND);
    CHECK(tui_keys_command('n', KEYS_BROWSE) == CMD_FIND_NEXT);
    CHECK(tui_keys_plain('f') == CMD_FIND);
    char buf[64];
    CHECK_STR(tui_keys_text(tui_keys_binding(CMD_SEARCH), KEYS_BROWSE, buf, sizeof buf),
              "/, Ctrl+F");
    CHECK_STR(tui_keys_text(tui_keys_binding(CMD_SEARCH), KEYS_FORM, buf, sizeof buf), "Ctrl+F");
}

int main(void)
{
    RUN(test_global_keys_unique);
    RUN(test_forms_take_letters);
    RUN(test_field_keys);
    RUN(test_keys_text);
    RUN(test_search_keys);
    return check_done();
}
