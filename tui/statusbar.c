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

/* One hint of the bar: its text ("Tab Next") and how much it matters. */
struct hint {
    char text[96];
    int rank; /* RANK_ALWAYS is never left out; higher ranks give way first */
};

static void hint_add(struct hint *h, size_t *n, size_t max, const char *keys, const char *name,
                     int rank)
{
    if (*n == max)
        return;
    snprintf(h[*n].text, sizeof h[*n].text, "%s %s", keys, name);
    h[*n].rank = rank;
    (*n)++;
}

/* How much a hint matters. Help and Quit always show, so nobody is left without a way to learn
 * the keys or to leave; then moving on, the focused field's first key (how to use it), Submit,
 * Back, the field's other keys, and Enter, which says less than the rest. */
enum {
    RANK_ALWAYS,
    RANK_NEXT,
    RANK_FIELD_FIRST,
    RANK_SUBMIT,
    RANK_BACK,
    RANK_FIELD_MORE,
    RANK_REST,
    RANKS
};

static int rank_of(enum cmd cmd)
{
    switch (cmd) {
    case CMD_HELP:
    case CMD_QUIT: return RANK_ALWAYS;
    case CMD_NEXT_FIELD: return RANK_NEXT;
    case CMD_SUBMIT: return RANK_SUBMIT;
    case CMD_BACK: return RANK_BACK;
    default: return RANK_REST;
    }
}

void tui_statusbar_hints(const struct doc *d, const struct tui_field_state *field, char *out,
                         size_t size, int cols)
{
    /* where CMD_NONE stands, the focused field's own keys */
    static const enum cmd browse[] = {CMD_NEXT_FIELD, CMD_ACTIVATE, CMD_BACK, CMD_HELP,
                                      CMD_NONE, CMD_SUBMIT, CMD_QUIT};
    static const enum cmd typing[] = {CMD_NEXT_FIELD, CMD_BACK, CMD_HELP, CMD_NONE, CMD_SUBMIT,
                                      CMD_QUIT};
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
    struct hint h[16];
    size_t nh = 0, max = sizeof h / sizeof *h;
    const enum cmd *list = text ? typing : browse;
    size_t n = text ? sizeof typing / sizeof *typing : sizeof browse / sizeof *browse;
    for (size_t i = 0; i < n; i++) {
        if (list[i] == CMD_NONE && field->active) {
            int rank = RANK_FIELD_FIRST;
            for (size_t k = 0; k < sizeof local / sizeof *local; k++)
                if (local[k].kind == field->kind) {
                    hint_add(h, &nh, max, local[k].keys, local[k].name, rank);
                    rank = RANK_FIELD_MORE;
                }
        }
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
            /* Q is text here; Ctrl+C, which the renderer always takes as quit, is not */
            if (!keys[0] && list[i] == CMD_QUIT)
                snprintf(keys, sizeof keys, "Ctrl+C");
        }
        if (keys[0])
            hint_add(h, &nh, max, keys, b->name, rank_of(list[i]));
    }
    /* Take the hints rank by rank while they fit (the first rank always), then show the ones
     * taken in the bar's order, two spaces apart. */
    bool taken[sizeof h / sizeof *h] = {false};
    int used = 0;
    for (int rank = 0; rank < RANKS; rank++)
        for (size_t i = 0; i < nh; i++) {
            int w = (int)tui_text_width(h[i].text) + (used ? 2 : 0);
            if (h[i].rank == rank && (rank == RANK_ALWAYS || used + w <= cols)) {
                taken[i] = true;
                used += w;
            }
        }
    out[0] = '\0';
    for (size_t i = 0; i < nh; i++) {
        size_t len = strlen(out);
        if (taken[i])
            snprintf(out + len, size - len, "%s%s", len ? "  " : "", h[i].text);
    }
}
