#include "layout_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "number.h"
#include "text.h"

/* The text of an editor in rows at col, width wide, underlined as an input; at least min_rows.
 * With want, *crow and *ccol get the cursor's place. */
static void editor_rows(struct tui_layout_builder *y, const struct tui_editor *ed, int col,
                        int width, int min_rows, const char *placeholder, bool want, int *crow,
                        int *ccol)
{
    struct tui_editor_rows rows;
    if (tui_editor_wrap(ed, width, &rows) != 0) {
        y->failed = true;
        return;
    }
    size_t crow_i = 0;
    int ccol_i = 0;
    if (want)
        tui_editor_locate(ed, &rows, &crow_i, &ccol_i);
    char *blank = malloc((size_t)width + 1);
    if (!blank) {
        y->failed = true;
        tui_editor_rows_free(&rows);
        return;
    }
    memset(blank, ' ', (size_t)width);
    blank[width] = '\0';
    int first = -1;
    for (size_t i = 0; i < rows.n || (int)i < min_rows; i++) {
        int r = tui_layout_new_row(y);
        if (first < 0)
            first = r;
        tui_layout_span(y, r, col, TUI_ROLE_TEXT, TUI_ATTR_UNDERLINE, blank);
        if (i < rows.n)
            tui_layout_span_n(y, r, col, TUI_ROLE_TEXT, TUI_ATTR_UNDERLINE,
                              ed->buf + rows.rows[i].start, rows.rows[i].end - rows.rows[i].start);
        if (i == 0 && placeholder && ed->len == 0)
            tui_layout_span_fit(y, r, col, TUI_ROLE_HINT, TUI_ATTR_UNDERLINE, placeholder, width);
    }
    if (want) {
        *crow = first + (int)crow_i;
        *ccol = col + (ccol_i < width ? ccol_i : width);
    }
    free(blank);
    tui_editor_rows_free(&rows);
}

/* Shows text (a value from the document) as an editor would. */
static void value_rows(struct tui_layout_builder *y, const char *text, bool multiline, int col,
                       int width, int min_rows, const char *placeholder)
{
    struct tui_editor ed;
    tui_editor_init(&ed, multiline);
    if (tui_editor_set(&ed, text) != 0)
        y->failed = true;
    else
        editor_rows(y, &ed, col, width, min_rows, placeholder, false, NULL, NULL);
    tui_editor_free(&ed);
}

static const char not_answered[] = "Not answered yet.";
static const char nothing_typed[] = "Nothing typed yet."; /* a search box is not a question */

/* A password as it is shown: one mark a character; with cursor (a byte offset into text, or
 * SIZE_MAX for none), the cursor where it is. */
static void secret_rows(struct tui_layout_builder *y, const char *text, size_t cursor, int col,
                        int width, int *crow, int *ccol)
{
    const char *mark = y->style->ascii ? "*" : "\xE2\x80\xA2"; /* U+2022 bullet */
    size_t len = text ? strlen(text) : 0;
    size_t n = tui_text_graphemes(text ? text : "", len);
    bool want = cursor != SIZE_MAX;
    char *shown = malloc(n * strlen(mark) + 1);
    struct tui_editor ed;
    tui_editor_init(&ed, false);
    if (!shown) {
        y->failed = true;
        return;
    }
    shown[0] = '\0';
    for (size_t i = 0; i < n; i++)
        strcat(shown, mark);
    if (tui_editor_set(&ed, shown) != 0) {
        y->failed = true;
    } else {
        if (want)
            ed.cur = tui_text_graphemes(text ? text : "", cursor < len ? cursor : len) *
                     strlen(mark);
        editor_rows(y, &ed, col, width, 1, want ? NULL : "Not typed yet.", want, crow, ccol);
    }
    free(shown);
    tui_editor_free(&ed);
}

static void list_rows(struct tui_layout_builder *y, const struct doc_field *f,
                      const struct tui_field_state *st, struct tui_item *it, int col, int width)
{
    size_t n = st ? st->nitems + 1 : f->nitems;
    if (n == 0) {
        value_rows(y, "", false, col, width, 1, not_answered);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        int depth = st ? (i < st->nitems ? st->depths[i] : 0)
                       : (f->tree_depths ? f->tree_depths[i] : 0);
        depth = depth < 0 ? 0 : depth > 4 ? 4 : depth;
        char prefix[32];
        snprintf(prefix, sizeof prefix, "%*s%zu. ", 2 * depth, "", i + 1);
        int pw = (int)strlen(prefix);
        int r0 = (int)y->l->nrows;
        if (st && i == st->row) {
            editor_rows(y, &st->ed, col + pw, width - pw, 1, NULL, true, &it->cursor_row,
                        &it->cursor_col);
        } else {
            struct tui_editor ed;
            tui_editor_init(&ed, false);
            if (tui_editor_set(&ed, st ? tui_field_item(st, i) : f->items[i]) != 0)
                y->failed = true;
            else
                editor_rows(y, &ed, col + pw, width - pw, 1, NULL, false, NULL, NULL);
            tui_editor_free(&ed);
        }
        if (!y->failed && r0 < (int)y->l->nrows)
            tui_layout_span(y, r0, col, TUI_ROLE_TEXT, 0, prefix);
    }
}

static void choice_rows(struct tui_layout_builder *y, const struct doc_field *f,
                        const struct tui_field_state *st, struct tui_item *it, int col, int width)
{
    unsigned long long chosen = st ? st->chosen : f->chosen;
    bool many = f->kind == DOC_FIELD_CHOICES;
    for (size_t i = 0; i < f->noptions && i < DOC_MAX_OPTIONS; i++) {
        bool on = chosen & (1ULL << i), here = st && st->row == i;
        const char *mk = many ? (on ? "[x] " : "[ ] ") : (on ? "(x) " : "( ) ");
        enum tui_palette_role role = here ? TUI_ROLE_FOCUS : on ? TUI_ROLE_SELECTED : TUI_ROLE_TEXT;
        int r0 = (int)y->l->nrows, mw = (int)tui_text_width(mk);
        /* the mark on the option's first row only; a long option wraps under its own text */
        tui_layout_text_rows(y, f->options[i] ? f->options[i] : "", col + mw, width - mw, role, 0,
                             "", false, 0, NULL);
        if (!y->failed && r0 < (int)y->l->nrows)
            tui_layout_span(y, r0, col, role, 0, mk);
        if (here) {
            it->cursor_row = r0;
            it->cursor_col = col + 1;
        }
    }
}

static const char *nearest_stop(const struct doc_field *f, double v)
{
    const char *best = NULL;
    double d = 0;
    for (size_t i = 0; i < f->nstops; i++)
        if (f->stops[i].label && (!best || fabs(f->stops[i].value - v) < d)) {
            best = f->stops[i].label;
            d = fabs(f->stops[i].value - v);
        }
    return best;
}

static void slider_rows(struct tui_layout_builder *y, const struct doc_field *f,
                        const struct tui_field_state *st, struct tui_item *it, int col, int width)
{
    bool has = st ? st->has_number : f->has_number;
    double v = st ? st->number : f->number;
    double lo = f->has_min ? f->min : 0, hi = f->has_max ? f->max : lo + 10;
    int bw = width - 26;
    bw = bw < 8 ? 8 : bw > 40 ? 40 : bw;
    int knob = has && hi > lo ? (int)lround((v - lo) / (hi - lo) * (bw - 1)) : -1;
    knob = knob >= bw ? bw - 1 : knob;
    int r = tui_layout_new_row(y);
    tui_layout_span(y, r, col, TUI_ROLE_BORDER, 0, "[");
    tui_layout_span_repeat(y, r, col + 1, TUI_ROLE_SLIDER_FILL, "=", knob);
    if (knob >= 0)
        tui_layout_span(y, r, col + 1 + knob, TUI_ROLE_SELECTED, 0, "O");
    tui_layout_span_repeat(y, r, col + 2 + knob, TUI_ROLE_SLIDER_EMPTY, "-", bw - knob - 1);
    tui_layout_span(y, r, col + 1 + bw, TUI_ROLE_BORDER, 0, "]");
    char text[256];
    const char *label = has ? nearest_stop(f, v) : NULL;
    if (has)
        snprintf(text, sizeof text, "%g%s%s", v, label ? " " : "", label ? label : "");
    else
        snprintf(text, sizeof text, "not set");
    /* a stop's words too long for the rest of the row go under it, whole, not cut */
    bool below = label && tui_text_width(text) > (size_t)(width - bw - 3);
    if (below)
        snprintf(text, sizeof text, "%g", v);
    tui_layout_span_fit(y, r, col + bw + 3, has ? TUI_ROLE_TEXT : TUI_ROLE_HINT, 0, text,
                        width - bw - 3);
    if (below)
        tui_layout_text_rows(y, label, col, width, TUI_ROLE_TEXT, 0, "", false, 0, NULL);
    it->cursor_row = r;
    it->cursor_col = col + 1 + (knob < 0 ? 0 : knob);
    if (f->nstops) {
        size_t cap = 64;
        for (size_t i = 0; i < f->nstops; i++)
            cap += (f->stops[i].label ? strlen(f->stops[i].label) : 0) + 40;
        char *legend = malloc(cap);
        if (!legend) {
            y->failed = true;
            return;
        }
        size_t used = 0;
        for (size_t i = 0; i < f->nstops; i++)
            used += (size_t)snprintf(legend + used, cap - used, "%s%g %s", i ? "; " : "",
                                     f->stops[i].value, f->stops[i].label ? f->stops[i].label : "");
        /* short stops share a line; longer ones (a competency's levels) get a line each, so
         * that one level's words do not run into the next */
        if (tui_text_width(legend) <= (size_t)width) {
            tui_layout_text_rows(y, legend, col, width, TUI_ROLE_HINT, 0, "", false, 0, NULL);
        } else {
            for (size_t i = 0; i < f->nstops; i++) {
                snprintf(legend, cap, "%g %s", f->stops[i].value,
                         f->stops[i].label ? f->stops[i].label : "");
                tui_layout_text_rows(y, legend, col, width, TUI_ROLE_HINT, 0, "", false, 0, NULL);
            }
        }
        free(legend);
    }
    if (f->description && f->description[0])
        tui_layout_text_rows(y, f->description, col, width, TUI_ROLE_TEXT, 0, "", false, 0, NULL);
}

void tui_layout_fields_block(struct tui_layout_builder *y, const struct doc_field *f,
                             struct tui_item *it, size_t number, size_t total, bool focused)
{
    const struct tui_palette_font *font = y->style->font;
    const struct tui_field_state *st = focused && y->field && y->field->active ? y->field : NULL;
    int col = TUI_LAYOUT_GUTTER + 2, width = y->cw - 2;
    it->input_width = width;
    char head[96], counter[80];
    doc_field_counter(f, number, total, counter, sizeof counter);
    snprintf(head, sizeof head, "%s%s", counter, f->required ? ", required" : "");
    tui_layout_span(y, tui_layout_new_row(y), TUI_LAYOUT_GUTTER, TUI_ROLE_HINT, 0, head);
    tui_layout_text_rows(y, f->label ? f->label : "", TUI_LAYOUT_GUTTER, y->cw,
                         focused ? TUI_ROLE_FOCUS : TUI_ROLE_PROMPT, 0,
                         tui_layout_mark(y, font->prompt_mark, font->prompt_mark_ascii), true, 0,
                         NULL);
    if (f->hint)
        tui_layout_text_rows(y, f->hint, col, width, TUI_ROLE_HINT, 0, "", false, 0, NULL);
    it->cursor_row = (int)y->l->nrows;
    it->cursor_col = col;
    switch (f->kind) {
    case DOC_FIELD_LINE:
    case DOC_FIELD_TEXT: {
        int min = f->kind == DOC_FIELD_TEXT ? 3 : 1;
        if (f->secret && st)
            secret_rows(y, st->ed.buf, st->ed.cur, col, width, &it->cursor_row, &it->cursor_col);
        else if (f->secret)
            secret_rows(y, f->text, SIZE_MAX, col, width, NULL, NULL);
        else if (st)
            editor_rows(y, &st->ed, col, width, min, NULL, true, &it->cursor_row, &it->cursor_col);
        else
            value_rows(y, f->text, f->kind == DOC_FIELD_TEXT, col, width, min,
                       f->live ? nothing_typed : not_answered);
        break;
    }
    case DOC_FIELD_NUMBER: {
        if (f->has_min && f->has_max) {
            char range[96], lo[32], hi[32];
            tui_number_format(f->min, lo, sizeof lo);
            tui_number_format(f->max, hi, sizeof hi);
            snprintf(range, sizeof range, "A %snumber from %s to %s.", f->step == 1 ? "whole " : "",
                     lo, hi); /* a count says so */
            tui_layout_text_rows(y, range, col, width, TUI_ROLE_HINT, 0, "", false, 0, NULL);
            it->cursor_row = (int)y->l->nrows;
        }
        char num[32] = "";
        if (f->has_number)
            (f->amount ? tui_number_format_amount : tui_number_format)(f->number, num, sizeof num);
        if (st)
            editor_rows(y, &st->ed, col, width, 1, NULL, true, &it->cursor_row, &it->cursor_col);
        else
            value_rows(y, num, false, col, width, 1, not_answered);
        break;
    }
    case DOC_FIELD_SLIDER: slider_rows(y, f, st, it, col, width); break;
    case DOC_FIELD_CHOICE:
    case DOC_FIELD_CHOICES:
    case DOC_FIELD_PAIRWISE: choice_rows(y, f, st, it, col, width); break;
    case DOC_FIELD_LIST:
    case DOC_FIELD_ORDERED:
    case DOC_FIELD_TREE: list_rows(y, f, st, it, col, width); break;
    }
}
