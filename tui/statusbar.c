#include "statusbar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"

int tui_statusbar_message(const char *message, bool is_error, int cols, struct tui_lines *out)
{
    *out = (struct tui_lines){0};
    size_t n = strlen(message) + 8;
    char *text = malloc(n);
    if (!text)
        return -1;
    snprintf(text, n, "%s%s", is_error ? "Error: " : "", message);
    int rc = tui_text_wrap(text, cols, 0, out);
    free(text);
    if (rc != 0)
        return -1;
    if (out->n > TUI_STATUSBAR_MAX_ROWS) {
        char **last = &out->lines[TUI_STATUSBAR_MAX_ROWS - 1];
        char *cut = tui_text_fit(*last, cols - 1, TUI_TEXT_ELLIPSIS);
        if (cut) { /* else (out of memory) the line shows uncut */
            free(*last);
            *last = cut;
        }
        for (size_t i = TUI_STATUSBAR_MAX_ROWS; i < out->n; i++)
            free(out->lines[i]);
        out->n = TUI_STATUSBAR_MAX_ROWS;
    }
    return 0;
}

const char *tui_statusbar_more(bool above, bool below)
{
    return above && below ? "More above and below (PgUp, PgDn)"
           : above        ? "More above (PgUp)"
           : below        ? "More below (PgDn)"
                          : NULL;
}

/* Adds "keys name" to the bar when it still fits in cols columns. */
static void hint_add(char *out, size_t size, int cols, const char *keys, const char *name)
{
    char entry[128];
    snprintf(entry, sizeof entry, "%s%s %s", out[0] ? "  " : "", keys, name);
    size_t used = strlen(out);
    if ((int)(tui_text_width(out) + tui_text_width(entry)) <= cols && used + strlen(entry) < size)
        memcpy(out + used, entry, strlen(entry) + 1);
}

void tui_statusbar_hints(const struct doc *d, const struct tui_field_state *field, char *out,
                         size_t size, int cols)
{
    /* where CMD_NONE stands, the focused field's own keys */
    static const enum cmd browse[] = {CMD_NEXT_FIELD, CMD_ACTIVATE, CMD_BACK, CMD_HELP,
                                      CMD_NONE, CMD_SUBMIT, CMD_QUIT};
    static const enum cmd typing[] = {CMD_NEXT_FIELD, CMD_BACK, CMD_HELP, CMD_NONE, CMD_SUBMIT};
    static const struct {
        enum doc_field_kind kind;
        const char *keys, *name;
    } local[] = {
        {DOC_FIELD_TEXT, "Enter", "New line"},     {DOC_FIELD_LIST, "Enter", "Add"},
        {DOC_FIELD_LIST, "Ctrl+K", "Delete"},      {DOC_FIELD_TREE, "Enter", "Add"},
        {DOC_FIELD_TREE, "Ctrl+K", "Delete"},      {DOC_FIELD_ORDERED, "Enter", "Add"},
        {DOC_FIELD_ORDERED, "Shift+Up/Down", "Move"}, {DOC_FIELD_ORDERED, "Ctrl+K", "Delete"},
        {DOC_FIELD_CHOICE, "Space", "Choose"},     {DOC_FIELD_PAIRWISE, "Space", "Choose"},
        {DOC_FIELD_CHOICES, "Space", "Tick"},      {DOC_FIELD_SLIDER, "Left/Right", "Change"},
    };
    bool text = tui_field_takes_text(field);
    bool has_submit = false;
    for (size_t i = 0; i < d->n; i++)
        if (d->blocks[i].kind == DOC_ACTION && d->blocks[i].u.action.cmd == CMD_SUBMIT)
            has_submit = true;
    out[0] = '\0';
    const enum cmd *list = text ? typing : browse;
    size_t n = text ? sizeof typing / sizeof *typing : sizeof browse / sizeof *browse;
    for (size_t i = 0; i < n; i++) {
        if (list[i] == CMD_NONE && field->active)
            for (size_t k = 0; k < sizeof local / sizeof *local; k++)
                if (local[k].kind == field->kind)
                    hint_add(out, size, cols, local[k].keys, local[k].name);
        if (list[i] == CMD_NONE || (list[i] == CMD_SUBMIT && !has_submit))
            continue;
        const struct key_binding *b = tui_keys_binding(list[i]);
        if (!b)
            continue;
        char keys[64] = "";
        if (!text) {
            snprintf(keys, sizeof keys, "%s", b->keys_text);
        } else { /* keep the parts of "q, Esc" that are not one printable character */
            char copy[64];
            snprintf(copy, sizeof copy, "%s", b->keys_text);
            for (char *save = NULL, *k = strtok_r(copy, ", ", &save); k;
                 k = strtok_r(NULL, ", ", &save))
                if (strlen(k) > 1)
                    snprintf(keys + strlen(keys), sizeof keys - strlen(keys), "%s%s",
                             keys[0] ? ", " : "", k);
        }
        if (keys[0])
            hint_add(out, size, cols, keys, b->name);
    }
}
