#include "fields.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <ncurses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "fields_internal.h"
#include "keys.h"
#include "number.h"
#include "text.h"

bool tui_field_is_list(enum doc_field_kind k)
{
    return k == DOC_FIELD_LIST || k == DOC_FIELD_ORDERED || k == DOC_FIELD_TREE;
}

static bool is_choice(enum doc_field_kind k)
{
    return k == DOC_FIELD_CHOICE || k == DOC_FIELD_CHOICES || k == DOC_FIELD_PAIRWISE;
}

bool tui_field_takes_text(const struct tui_field_state *st)
{
    return st->active && (st->kind == DOC_FIELD_LINE || st->kind == DOC_FIELD_TEXT ||
                          st->kind == DOC_FIELD_NUMBER || tui_field_is_list(st->kind));
}

void tui_field_end(struct tui_field_state *st)
{
    for (size_t i = 0; i < st->nitems; i++)
        free(st->items[i]);
    free(st->items);
    free(st->depths);
    free(st->id);
    tui_editor_free(&st->ed);
    *st = (struct tui_field_state){0};
}

static int grow(struct tui_field_state *st)
{
    if (st->nitems < st->cap)
        return 0;
    size_t cap = st->cap ? st->cap * 2 : 8;
    char **items = realloc(st->items, cap * sizeof *items);
    if (!items)
        return -1;
    st->items = items;
    int *depths = realloc(st->depths, cap * sizeof *depths);
    if (!depths)
        return -1;
    st->depths = depths;
    st->cap = cap;
    return 0;
}

int tui_field_load_row(struct tui_field_state *st)
{
    return tui_editor_set(&st->ed, st->row < st->nitems ? st->items[st->row] : "");
}

int tui_field_begin(struct tui_field_state *st, const struct doc_field *f)
{
    *st = (struct tui_field_state){
        .active = true,
        .kind = f->kind,
        .id = strdup(f->id ? f->id : ""),
        .max_len = f->max_len,
        .noptions = f->noptions < DOC_MAX_OPTIONS ? f->noptions : DOC_MAX_OPTIONS,
        .chosen = f->chosen,
        .has_number = f->has_number,
        .number = f->number,
        .min = f->has_min ? f->min : 0,
        .max = f->has_max ? f->max : (f->has_min ? f->min + 10 : 10),
        .step = f->step > 0 ? f->step : 1,
    };
    tui_editor_init(&st->ed, f->kind == DOC_FIELD_TEXT);
    if (!st->id)
        goto oom;
    if (st->max < st->min)
        st->max = st->min;
    if (tui_field_is_list(f->kind)) {
        for (size_t i = 0; i < f->nitems; i++) {
            if (grow(st) != 0 || !(st->items[st->nitems] = strdup(f->items[i] ? f->items[i] : "")))
                goto oom;
            st->depths[st->nitems++] = f->tree_depths ? f->tree_depths[i] : 0;
        }
        st->row = st->nitems; /* the focus lands on the row that adds an item */
        if (tui_field_load_row(st) != 0)
            goto oom;
        return 0;
    }
    if (is_choice(f->kind)) {
        for (size_t i = 0; i < st->noptions; i++)
            if (st->chosen & (1ULL << i)) {
                st->row = i; /* start on the first chosen option */
                break;
            }
        return 0;
    }
    if (f->kind == DOC_FIELD_NUMBER) {
        char num[32] = "";
        if (f->has_number)
            (f->amount ? tui_number_format_amount : tui_number_format)(f->number, num, sizeof num);
        if (tui_editor_set(&st->ed, num) != 0)
            goto oom;
        return 0;
    }
    if ((f->kind == DOC_FIELD_LINE || f->kind == DOC_FIELD_TEXT) &&
        tui_editor_set(&st->ed, f->text) != 0)
        goto oom;
    return 0;
oom:
    tui_field_end(st);
    return -1;
}

const char *tui_field_item(const struct tui_field_state *st, size_t i)
{
    if (i == st->row)
        return st->ed.buf ? st->ed.buf : "";
    return i < st->nitems ? st->items[i] : "";
}

/* ---- lists ---- */

int tui_field_store_row(struct tui_field_state *st)
{
    const char *text = st->ed.buf ? st->ed.buf : "";
    if (st->row == st->nitems) {
        if (!text[0])
            return 0;
        if (grow(st) != 0 || !(st->items[st->nitems] = strdup(text)))
            return -1;
        st->depths[st->nitems] = st->kind == DOC_FIELD_TREE && st->nitems > 0 ? 1 : 0;
        st->nitems++;
        return 1;
    }
    if (!text[0]) {
        free(st->items[st->row]);
        memmove(st->items + st->row, st->items + st->row + 1,
                (st->nitems - st->row - 1) * sizeof *st->items);
        memmove(st->depths + st->row, st->depths + st->row + 1,
                (st->nitems - st->row - 1) * sizeof *st->depths);
        st->nitems--;
        return 1;
    }
    if (strcmp(st->items[st->row], text) == 0)
        return 0;
    char *copy = strdup(text);
    if (!copy)
        return -1;
    free(st->items[st->row]);
    st->items[st->row] = copy;
    return 1;
}

int tui_field_insert_item(struct tui_field_state *st, size_t at, const char *text, size_t n)
{
    char *copy = at <= st->nitems && grow(st) == 0 ? strndup(text, n) : NULL;
    if (!copy)
        return -1;
    memmove(st->items + at + 1, st->items + at, (st->nitems - at) * sizeof *st->items);
    memmove(st->depths + at + 1, st->depths + at, (st->nitems - at) * sizeof *st->depths);
    st->items[at] = copy;
    st->depths[at] = st->kind == DOC_FIELD_TREE && at > 0 ? 1 : 0;
    st->nitems++;
    return 0;
}

/* Moves the editor to row to (after storing the row it was on). */
static enum tui_field_result goto_row(struct tui_field_state *st, size_t to, bool at_start)
{
    size_t from = st->row, before = st->nitems;
    int changed = tui_field_store_row(st);
    if (changed < 0)
        return TUI_FIELD_REFUSED;
    if (st->nitems < before && to > from) /* the row left was removed: the rows below moved up */
        to--;
    st->row = to > st->nitems ? st->nitems : to;
    tui_field_load_row(st);
    if (at_start)
        tui_editor_home(&st->ed);
    if (changed)
        st->dirty = true;
    return st->dirty ? TUI_FIELD_CHANGED : TUI_FIELD_MOVED;
}

static enum tui_field_result swap_rows(struct tui_field_state *st, int dir)
{
    if (st->row >= st->nitems)
        return TUI_FIELD_REFUSED;
    size_t other = dir < 0 ? st->row - 1 : st->row + 1;
    if ((dir < 0 && st->row == 0) || other >= st->nitems)
        return TUI_FIELD_REFUSED;
    if (tui_field_store_row(st) < 0)
        return TUI_FIELD_REFUSED;
    if (st->row >= st->nitems || other >= st->nitems) /* the row was emptied and removed */
        return TUI_FIELD_CHANGED;
    char *t = st->items[st->row];
    st->items[st->row] = st->items[other];
    st->items[other] = t;
    st->row = other;
    tui_field_load_row(st);
    return TUI_FIELD_CHANGED;
}

static enum tui_field_result list_key(struct tui_field_state *st, enum field_cmd cmd)
{
    bool empty = st->ed.len == 0;
    switch (cmd) {
    case FIELD_UP:
        if (st->row == 0) {
            goto_row(st, 0, false); /* keeps what was typed; the loop sends it on leaving */
            return TUI_FIELD_LEAVE_UP;
        }
        return goto_row(st, st->row - 1, false);
    case FIELD_DOWN:
        if (st->row >= st->nitems && empty)
            return TUI_FIELD_LEAVE_DOWN;
        return goto_row(st, st->row + 1, false);
    case FIELD_ITEM_UP: return swap_rows(st, -1);
    case FIELD_ITEM_DOWN: return swap_rows(st, 1);
    case FIELD_BACKSPACE:
        if (empty && st->row > 0)
            return goto_row(st, st->row - 1, false); /* an emptied item goes with it */
        if (empty && st->row < st->nitems)
            return goto_row(st, st->row, false);
        return TUI_FIELD_IGNORED; /* a character, as in any text */
    case FIELD_ENTER:
        if (st->row == st->nitems && empty)
            return TUI_FIELD_LEAVE_DOWN; /* Enter on the empty last row: the list is done */
        return goto_row(st, st->row + 1, false);
    case FIELD_ITEM_DELETE:
        if (st->row >= st->nitems) { /* the row not yet added: what is typed there goes */
            if (empty)
                return TUI_FIELD_REFUSED;
            tui_editor_set(&st->ed, "");
            return TUI_FIELD_MOVED;
        }
        tui_editor_set(&st->ed, "");
        return goto_row(st, st->row, false);
    default: return TUI_FIELD_IGNORED;
    }
}

/* ---- text ---- */

static enum tui_field_result text_key(struct tui_field_state *st, enum field_cmd cmd,
                                      const struct tui_input *in, int width)
{
    struct tui_editor *ed = &st->ed;
    switch (cmd) {
    case FIELD_LEFT: return tui_editor_left(ed) ? TUI_FIELD_MOVED : TUI_FIELD_REFUSED;
    case FIELD_RIGHT: return tui_editor_right(ed) ? TUI_FIELD_MOVED : TUI_FIELD_REFUSED;
    case FIELD_HOME: tui_editor_home(ed); return TUI_FIELD_MOVED;
    case FIELD_END: tui_editor_end(ed); return TUI_FIELD_MOVED;
    case FIELD_BACKSPACE: return tui_editor_backspace(ed) ? TUI_FIELD_EDITED : TUI_FIELD_REFUSED;
    case FIELD_DELETE: return tui_editor_delete(ed) ? TUI_FIELD_EDITED : TUI_FIELD_REFUSED;
    case FIELD_UP:
        if (st->kind == DOC_FIELD_TEXT && tui_editor_up(ed, width))
            return TUI_FIELD_MOVED;
        return TUI_FIELD_LEAVE_UP;
    case FIELD_DOWN:
        if (st->kind == DOC_FIELD_TEXT && tui_editor_down(ed, width))
            return TUI_FIELD_MOVED;
        return TUI_FIELD_LEAVE_DOWN;
    case FIELD_ENTER:
        if (st->kind != DOC_FIELD_TEXT)
            return TUI_FIELD_LEAVE_DOWN;
        return tui_editor_insert(ed, "\n", 1, st->max_len) > 0 ? TUI_FIELD_EDITED
                                                               : TUI_FIELD_REFUSED;
    default: break;
    }
    if (in->key != 0)
        return TUI_FIELD_IGNORED;
    unsigned ch = in->ch;
    if (ch < 0x20 || ch == 0x7f)
        return TUI_FIELD_IGNORED; /* other controls are commands (Tab, Esc, Ctrl+S...) */
    uint8_t bytes[8];
    int n = u8_uctomb(bytes, (ucs4_t)ch, (int)sizeof bytes);
    if (n <= 0)
        return TUI_FIELD_REFUSED;
    /* a list row holds one item: its limit is the field's per-item one (none) */
    size_t limit = tui_field_is_list(st->kind) ? 0 : st->max_len;
    return tui_editor_insert(ed, (const char *)bytes, (size_t)n, limit) > 0 ? TUI_FIELD_EDITED
                                                                            : TUI_FIELD_REFUSED;
}

/* ---- choices and sliders ---- */

static enum tui_field_result choice_key(struct tui_field_state *st, enum field_cmd cmd)
{
    if (cmd == FIELD_UP) {
        if (st->row == 0)
            return TUI_FIELD_LEAVE_UP;
        st->row--;
        return TUI_FIELD_MOVED;
    }
    if (cmd == FIELD_DOWN) {
        if (st->row + 1 >= st->noptions)
            return TUI_FIELD_LEAVE_DOWN;
        st->row++;
        return TUI_FIELD_MOVED;
    }
    if (cmd != FIELD_CHOOSE || st->row >= st->noptions)
        return TUI_FIELD_IGNORED;
    unsigned long long bit = 1ULL << st->row;
    if (st->kind == DOC_FIELD_CHOICES) {
        st->chosen ^= bit;
    } else {
        if (st->chosen == bit)
            return TUI_FIELD_MOVED; /* already the one chosen */
        st->chosen = bit;
    }
    return TUI_FIELD_CHANGED;
}

/* Where an unset slider's knob starts: the stop nearest the middle, on its steps (rounded
 * down), so neither arrow lands on an extreme the person did not choose. */
static double slider_middle(const struct tui_field_state *st)
{
    double step = st->step > 0 ? st->step : 1;
    return st->min + floor((st->max - st->min) / 2 / step) * step;
}

static enum tui_field_result slider_key(struct tui_field_state *st, enum field_cmd cmd)
{
    double v = st->number;
    switch (cmd) {
    case FIELD_UP: return TUI_FIELD_LEAVE_UP;
    case FIELD_DOWN: return TUI_FIELD_LEAVE_DOWN;
    case FIELD_LESS: v = st->has_number ? v - st->step : slider_middle(st); break;
    case FIELD_MORE: v = st->has_number ? v + st->step : slider_middle(st); break;
    case FIELD_LEAST: v = st->min; break;
    case FIELD_MOST: v = st->max; break;
    default: return TUI_FIELD_IGNORED;
    }
    if (v < st->min)
        v = st->min;
    if (v > st->max)
        v = st->max;
    if (st->has_number && v == st->number)
        return TUI_FIELD_REFUSED;
    st->number = v;
    st->has_number = true;
    return TUI_FIELD_CHANGED;
}

enum tui_field_result tui_field_key(struct tui_field_state *st, const struct tui_input *in,
                                    int width)
{
    if (!st->active)
        return TUI_FIELD_IGNORED;
    /* what the key does here comes from the field table (keys.c); beyond ASCII, characters
     * share numbers with ncurses' key codes and are always typing */
    int key = in->key ? in->key : in->ch < 128 ? (int)in->ch : 0;
    enum field_cmd cmd = tui_keys_field(st->kind, key);
    enum tui_field_result r = TUI_FIELD_IGNORED;
    switch (st->kind) {
    case DOC_FIELD_LIST:
    case DOC_FIELD_ORDERED:
    case DOC_FIELD_TREE:
        r = list_key(st, cmd);
        if (r == TUI_FIELD_IGNORED)
            r = text_key(st, cmd, in, width);
        break;
    case DOC_FIELD_LINE:
    case DOC_FIELD_TEXT:
    case DOC_FIELD_NUMBER: r = text_key(st, cmd, in, width); break;
    case DOC_FIELD_CHOICE:
    case DOC_FIELD_CHOICES:
    case DOC_FIELD_PAIRWISE: r = choice_key(st, cmd); break;
    case DOC_FIELD_SLIDER: r = slider_key(st, cmd); break;
    }
    if (r == TUI_FIELD_EDITED || r == TUI_FIELD_CHANGED)
        st->dirty = true;
    return r;
}

char *tui_field_value(const struct tui_field_state *st, const char **why)
{
    *why = NULL;
    cJSON *v = NULL;
    switch (st->kind) {
    case DOC_FIELD_LINE:
    case DOC_FIELD_TEXT: v = cJSON_CreateString(st->ed.buf ? st->ed.buf : ""); break;
    case DOC_FIELD_NUMBER: {
        /* every key went into the editor: the text is read here, by the rule text mode uses */
        const char *s = st->ed.buf ? st->ed.buf : "";
        double d;
        if (!s[strspn(s, " \t")]) { /* emptied: the answer is taken back */
            v = cJSON_CreateNull();
            break;
        }
        if ((*why = tui_number_parse(s, &d)) != NULL)
            return NULL;
        v = cJSON_CreateNumber(d);
        break;
    }
    case DOC_FIELD_SLIDER:
        if (!st->has_number) {
            *why = "";
            return NULL;
        }
        v = cJSON_CreateNumber(st->number);
        break;
    case DOC_FIELD_CHOICE:
    case DOC_FIELD_PAIRWISE:
        for (size_t i = 0; i < st->noptions && !v; i++)
            if (st->chosen & (1ULL << i))
                v = cJSON_CreateNumber((double)i);
        if (!v) {
            *why = "";
            return NULL;
        }
        break;
    case DOC_FIELD_CHOICES:
        v = cJSON_CreateArray();
        for (size_t i = 0; v && i < st->noptions; i++)
            if (st->chosen & (1ULL << i))
                cJSON_AddItemToArray(v, cJSON_CreateNumber((double)i));
        break;
    case DOC_FIELD_LIST:
    case DOC_FIELD_ORDERED:
    case DOC_FIELD_TREE:
        v = cJSON_CreateArray();
        for (size_t i = 0; v && i <= st->nitems; i++) {
            const char *item = tui_field_item(st, i);
            if (item[0])
                cJSON_AddItemToArray(v, cJSON_CreateString(item));
        }
        break;
    }
    char *json = v ? cJSON_PrintUnformatted(v) : NULL;
    cJSON_Delete(v);
    if (!json)
        return NULL;
    /* cJSON's memory may come from its own allocator: hand back a plain malloc'd copy */
    char *copy = strdup(json);
    cJSON_free(json);
    return copy;
}
