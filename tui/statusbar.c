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

/* Whether the bar already names what name does ("... name" ending an entry). */
static bool has_name(const char *bar, const char *name)
{
    size_t n = strlen(name);
    for (const char *at = bar; (at = strstr(at, name)) != NULL; at += n)
        if (at > bar && at[-1] == ' ' && (at[n] == '\0' || (at[n] == ' ' && at[n + 1] == ' ')))
            return true;
    return false;
}

/* "keys name" of a command in this context, or false when none of its keys works there. */
static bool hint_of(enum cmd cmd, enum key_context where, char *keys, size_t size,
                    const char **name)
{
    const struct key_binding *b = tui_keys_binding(cmd);
    if (!b)
        return false;
    /* the bar is short: the letter (on browsing screens) and the first of the other keys */
    size_t first = strcspn(b->keys_text, ",");
    if (where == KEYS_BROWSE && b->letter)
        snprintf(keys, size, "%c%s%.*s", b->letter, first ? ", " : "", (int)first, b->keys_text);
    else
        snprintf(keys, size, "%.*s", (int)first, b->keys_text);
    *name = b->name;
    return keys[0] != '\0';
}

void tui_statusbar_hints(const struct doc *d, const struct tui_field_state *field, char *out,
                         size_t size, int cols)
{
    /* where CMD_NONE stands, the focused field's own keys; Help and Quit always show, so the
     * others take what room is left */
    static const enum cmd order[] = {CMD_NEXT_FIELD, CMD_ACTIVATE, CMD_BACK, CMD_NONE, CMD_SUBMIT};
    static const enum cmd always[] = {CMD_HELP, CMD_QUIT};
    enum key_context where = doc_is_form(d) ? KEYS_FORM : KEYS_BROWSE;
    bool text = tui_field_takes_text(field);
    bool has_submit = false;
    for (size_t i = 0; i < d->n; i++)
        if (d->blocks[i].kind == DOC_ACTION && d->blocks[i].u.action.cmd == CMD_SUBMIT)
            has_submit = true;
    char tail[128] = "", keys[64];
    const char *name;
    for (size_t i = 0; i < sizeof always / sizeof *always; i++)
        if (hint_of(always[i], where, keys, sizeof keys, &name))
            hint_add(tail, sizeof tail, cols, keys, name);
    int room = cols - (int)tui_text_width(tail) - 2;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        if (order[i] == CMD_NONE && field->active) /* the field table's keys for its kind */
            for (size_t k = 0; k < tui_field_keys_count; k++)
                if (tui_field_keys[k].hint && (tui_field_keys[k].kinds & (1u << field->kind)) &&
                    !has_name(out, tui_field_keys[k].name)) /* "Enter Choose" said it */
                    hint_add(out, size, room, tui_field_keys[k].hint, tui_field_keys[k].name);
        if (order[i] == CMD_NONE || (order[i] == CMD_SUBMIT && !has_submit) ||
            (order[i] == CMD_ACTIVATE && text))
            continue;
        if (hint_of(order[i], where, keys, sizeof keys, &name))
            hint_add(out, size, room, keys,
                     order[i] == CMD_BACK && d->home ? "Leave" : name); /* nothing is under it */
    }
    size_t used = strlen(out);
    snprintf(out + used, size - used, "%s%s", used && tail[0] ? "  " : "", tail);
}
