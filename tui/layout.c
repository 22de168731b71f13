#include "layout.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>

#include "layout_internal.h"
#include "text.h"

/* ---- rows and spans ---- */

int tui_layout_new_row(struct tui_layout_builder *y)
{
    struct tui_layout *l = y->l;
    if (l->nrows == l->rows_cap) {
        size_t cap = l->rows_cap ? l->rows_cap * 2 : 64;
        struct tui_row *grown = realloc(l->rows, cap * sizeof *grown);
        if (!grown) {
            y->failed = true;
            return -1;
        }
        l->rows = grown;
        l->rows_cap = cap;
    }
    l->rows[l->nrows] = (struct tui_row){.item = y->item};
    return (int)l->nrows++;
}

static void blank_rows(struct tui_layout_builder *y, int n)
{
    for (int i = 0; i < n; i++)
        tui_layout_new_row(y);
}

void tui_layout_span_n(struct tui_layout_builder *y, int r, int col, enum tui_palette_role role,
                       unsigned extra, const char *s, size_t n)
{
    if (r < 0 || y->failed)
        return;
    struct tui_row *row = &y->l->rows[r];
    if (row->n == row->cap) {
        size_t cap = row->cap ? row->cap * 2 : 4;
        struct tui_span *grown = realloc(row->spans, cap * sizeof *grown);
        if (!grown) {
            y->failed = true;
            return;
        }
        row->spans = grown;
        row->cap = cap;
    }
    char *text = strndup(s, n);
    if (!text) {
        y->failed = true;
        return;
    }
    row->spans[row->n++] = (struct tui_span){col, role, extra, text};
}

void tui_layout_span(struct tui_layout_builder *y, int r, int col, enum tui_palette_role role,
                     unsigned extra, const char *s)
{
    tui_layout_span_n(y, r, col, role, extra, s, strlen(s));
}

void tui_layout_span_fit(struct tui_layout_builder *y, int r, int col, enum tui_palette_role role,
                         unsigned extra, const char *s, int cols)
{
    char *fit = tui_text_fit(s, cols, TUI_TEXT_ELLIPSIS);
    if (!fit) {
        y->failed = true;
        return;
    }
    tui_layout_span(y, r, col, role, extra, fit);
    free(fit);
}

void tui_layout_span_repeat(struct tui_layout_builder *y, int r, int col,
                            enum tui_palette_role role, const char *s, int count)
{
    if (count <= 0)
        return;
    size_t n = strlen(s);
    char *run = malloc(n * (size_t)count + 1);
    if (!run) {
        y->failed = true;
        return;
    }
    for (int i = 0; i < count; i++)
        memcpy(run + n * (size_t)i, s, n);
    run[n * (size_t)count] = '\0';
    tui_layout_span(y, r, col, role, 0, run);
    free(run);
}

static int width_n(const char *s, size_t n)
{
    char *copy = strndup(s, n);
    int w = copy ? (int)tui_text_width(copy) : 0;
    free(copy);
    return w;
}

const char *tui_layout_mark(const struct tui_layout_builder *y, const char *utf8, const char *ascii)
{
    return y->style->ascii ? ascii : utf8;
}

/* ---- wrapped text with emphasis ---- */

/* Markdown's "**strong**": the markers go, the ranges between them are kept (byte offsets into
 * the text without markers). */
struct emphasis {
    size_t (*ranges)[2];
    size_t n;
};

static char *strip_emphasis(const char *s, struct emphasis *em)
{
    size_t len = strlen(s), pairs = 0;
    char *out = malloc(len + 1);
    em->ranges = malloc((len / 4 + 1) * sizeof *em->ranges);
    em->n = 0;
    if (!out || !em->ranges) {
        free(out);
        free(em->ranges);
        em->ranges = NULL;
        return NULL;
    }
    size_t w = 0;
    bool open = false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '*' && s[i + 1] == '*') {
            if (!open)
                em->ranges[em->n][0] = w;
            else
                em->ranges[em->n++][1] = w, pairs++;
            open = !open;
            i++;
            continue;
        }
        out[w++] = s[i];
    }
    if (open)
        em->ranges[em->n++][1] = w;
    out[w] = '\0';
    return out;
}

static bool emphasised(const struct emphasis *em, size_t off)
{
    for (size_t i = 0; i < em->n; i++)
        if (off >= em->ranges[i][0] && off < em->ranges[i][1])
            return true;
    return false;
}

int tui_layout_text_rows(struct tui_layout_builder *y, const char *raw, int col, int width,
                         enum tui_palette_role role, unsigned extra, const char *mk, bool emphasis,
                         int flags, int *last)
{
    if (last)
        *last = -1;
    if (y->failed || !raw)
        return 0;
    char *clean = tui_text_sanitize(raw, strlen(raw), TUI_TEXT_MULTILINE);
    struct emphasis em = {0};
    char *src = clean && emphasis ? strip_emphasis(clean, &em) : clean;
    int mw = (int)tui_text_width(mk), widest = 0;
    struct tui_lines lines = {0};
    if (!src || tui_text_wrap(src, width - mw > 1 ? width - mw : 1, flags, &lines) != 0) {
        y->failed = true;
        goto done;
    }
    size_t pos = 0, len = strlen(src);
    for (size_t i = 0; i < lines.n; i++) {
        const char *line = lines.lines[i];
        size_t n = strlen(line), indent = 0;
        int r = tui_layout_new_row(y);
        if (last)
            *last = r;
        if (mw)
            tui_layout_span(y, r, col, role, extra, mk);
        /* find the line in the source: it starts at pos, after the spaces or newline of the
         * break, or (a hanging indent) its own leading spaces are not in the source */
        size_t at = pos;
        while (n > 0 && at < len && (src[at] == ' ' || src[at] == '\n') &&
               (at + n > len || memcmp(src + at, line, n) != 0))
            at++;
        bool found = at + n <= len && memcmp(src + at, line, n) == 0;
        if (!found) {
            while (indent < n && line[indent] == ' ')
                indent++;
            at = pos;
            while (at < len && (src[at] == ' ' || src[at] == '\n') &&
                   (at + n - indent > len || memcmp(src + at, line + indent, n - indent) != 0))
                at++;
            found = at + n - indent <= len && memcmp(src + at, line + indent, n - indent) == 0;
        }
        int w = (int)tui_text_width(line);
        widest = w > widest ? w : widest;
        if (!found || !emphasis || em.n == 0) {
            tui_layout_span(y, r, col + mw, role, extra, line);
            if (found)
                pos = at + n - indent;
            continue;
        }
        /* runs of the same emphasis */
        size_t k = indent;
        while (k < n) {
            bool e = emphasised(&em, at + k - indent);
            size_t j = k;
            while (j < n && emphasised(&em, at + j - indent) == e)
                j++;
            tui_layout_span_n(y, r, col + mw + width_n(line, k), e ? TUI_ROLE_EMPHASIS : role,
                              extra, line + k, j - k);
            k = j;
        }
        pos = at + n - indent;
    }
done:
    tui_text_lines_free(&lines);
    if (src != clean)
        free(src);
    free(clean);
    free(em.ranges);
    return widest + mw;
}

/* ---- blocks ---- */

static char *upper(const char *s)
{
    size_t n = 0;
    uint8_t *u = u8_toupper((const uint8_t *)s, strlen(s), NULL, NULL, NULL, &n);
    if (!u)
        return NULL;
    char *out = malloc(n + 1);
    if (out) {
        memcpy(out, u, n);
        out[n] = '\0';
    }
    free(u);
    return out;
}

static void heading(struct tui_layout_builder *y, const struct doc_block *b)
{
    const struct tui_palette_font *f = y->style->font;
    bool title = b->level <= 1;
    enum tui_palette_role role = title ? TUI_ROLE_TITLE : TUI_ROLE_HEADING;
    const char *rule = title ? tui_layout_mark(y, f->title_rule, f->title_rule_ascii)
                             : tui_layout_mark(y, f->heading_rule, f->heading_rule_ascii);
    char *clean = tui_text_sanitize(b->text ? b->text : "", strlen(b->text ? b->text : ""), 0);
    char *text = clean && (title ? f->title_upper : f->heading_upper) ? upper(clean) : NULL;
    if (!clean) {
        y->failed = true;
        return;
    }
    int w = tui_layout_text_rows(y, text ? text : clean, TUI_LAYOUT_GUTTER, y->cw, role, 0, "",
                                 true, 0, NULL);
    free(text);
    free(clean);
    if (rule && rule[0] && w > 0) {
        size_t rl = strlen(rule);
        char *line = malloc(rl * (size_t)w + 1);
        if (!line) {
            y->failed = true;
            return;
        }
        for (int i = 0; i < w; i++)
            memcpy(line + rl * (size_t)i, rule, rl);
        line[rl * (size_t)w] = '\0';
        tui_layout_span(y, tui_layout_new_row(y), TUI_LAYOUT_GUTTER, TUI_ROLE_BORDER, 0, line);
        free(line);
    }
}

static void paragraph(struct tui_layout_builder *y, const struct doc_block *b)
{
    const struct tui_palette_font *f = y->style->font;
    int col = TUI_LAYOUT_GUTTER, width = y->cw;
    const char *mk = "";
    enum tui_palette_role role = TUI_ROLE_TEXT;
    switch (b->role) {
    case DOC_ROLE_TEXT: break;
    case DOC_ROLE_INSTRUCTION: role = TUI_ROLE_INSTRUCTION; break;
    case DOC_ROLE_PROMPT:
        role = TUI_ROLE_PROMPT;
        mk = tui_layout_mark(y, f->prompt_mark, f->prompt_mark_ascii);
        break;
    case DOC_ROLE_REFLECTION:
    case DOC_ROLE_CELEBRATION:
        /* set apart as the font sets a quotation: its indent, and a mark on every line */
        role = b->role == DOC_ROLE_REFLECTION ? TUI_ROLE_REFLECTION : TUI_ROLE_CELEBRATION;
        col += f->reflection_indent;
        width -= f->reflection_indent;
        mk = b->role == DOC_ROLE_REFLECTION
                 ? tui_layout_mark(y, f->reflection_mark, f->reflection_mark_ascii)
                 : tui_layout_mark(y, "\xE2\x98\x85 ", "* "); /* U+2605 */
        break;
    case DOC_ROLE_TRANSITION: role = TUI_ROLE_TRANSITION; break;
    case DOC_ROLE_NOTE: role = TUI_ROLE_NOTE; break;
    case DOC_ROLE_ERROR:
        role = TUI_ROLE_ERROR;
        mk = "Error: "; /* in words too, never by colour alone */
        break;
    }
    tui_layout_text_rows(y, b->text, col, width, role, 0, mk, true, TUI_TEXT_HANGING, NULL);
}

static enum tui_palette_role state_role(const char *state)
{
    if (!state)
        return TUI_ROLE_HINT;
    if (strcmp(state, "done") == 0)
        return TUI_ROLE_DONE;
    if (strcmp(state, "locked") == 0)
        return TUI_ROLE_LOCKED;
    if (strcmp(state, "next") == 0)
        return TUI_ROLE_SELECTED;
    return TUI_ROLE_HINT;
}

static void card(struct tui_layout_builder *y, const struct doc_card *c, bool focused)
{
    enum tui_palette_role role = !c->has_action ? TUI_ROLE_LOCKED
                                 : focused      ? TUI_ROLE_FOCUS
                                                : TUI_ROLE_TEXT;
    int last = -1;
    int w = tui_layout_text_rows(y, c->title ? c->title : "", TUI_LAYOUT_GUTTER, y->cw, role,
                                 c->has_action ? TUI_ATTR_BOLD : 0, "", false, 0, &last);
    if (c->state && c->state[0]) {
        char *clean = tui_text_fit(c->state, y->cw - 3, TUI_TEXT_ELLIPSIS);
        if (!clean) {
            y->failed = true;
            return;
        }
        int sw = (int)tui_text_width(clean) + 3;
        int col = TUI_LAYOUT_GUTTER + w + 1;
        if (last < 0 || w + 1 + sw > y->cw) { /* the state on a row of its own */
            last = tui_layout_new_row(y);
            col = TUI_LAYOUT_GUTTER + 2;
        }
        tui_layout_span(y, last, col, state_role(c->state), 0, "[");
        tui_layout_span(y, last, col + 1, state_role(c->state), 0, clean);
        tui_layout_span(y, last, col + sw - 2, state_role(c->state), 0, "]");
        free(clean);
    }
    if (c->subtitle && c->subtitle[0])
        tui_layout_text_rows(y, c->subtitle, TUI_LAYOUT_GUTTER + 2, y->cw - 2,
                             c->has_action ? TUI_ROLE_TEXT : TUI_ROLE_LOCKED, 0, "", false, 0,
                             NULL);
}

static void action(struct tui_layout_builder *y, const struct doc_action *a, bool focused)
{
    char *clean = tui_text_sanitize(a->label ? a->label : "", strlen(a->label ? a->label : ""), 0);
    size_t n = clean ? strlen(clean) : 0;
    char *text = clean ? malloc(n + 5) : NULL;
    if (!text) {
        free(clean);
        y->failed = true;
        return;
    }
    snprintf(text, n + 5, "[ %s ]", clean);
    tui_layout_text_rows(y, text, TUI_LAYOUT_GUTTER, y->cw,
                         focused ? TUI_ROLE_FOCUS : TUI_ROLE_TEXT, focused ? 0 : TUI_ATTR_BOLD, "",
                         false, 0, NULL);
    free(text);
    free(clean);
}

/* One table row: every cell wrapped in its column, the row as tall as its tallest cell. */
static void table_row(struct tui_layout_builder *y, const struct doc_table *t, size_t r,
                      const int *w, int gap)
{
    int r0 = (int)y->l->nrows, height = 0, col = TUI_LAYOUT_GUTTER;
    for (size_t c = 0; c < t->ncols && !y->failed; c++) {
        const char *cell = t->cells[r * t->ncols + c];
        struct tui_lines lines;
        if (tui_text_wrap(cell ? cell : "", w[c], 0, &lines) != 0) {
            y->failed = true;
            return;
        }
        for (size_t i = 0; i < lines.n; i++) {
            while ((int)y->l->nrows <= r0 + (int)i && !y->failed)
                tui_layout_new_row(y);
            tui_layout_span_fit(y, r0 + (int)i, col, r == 0 ? TUI_ROLE_HEADING : TUI_ROLE_TEXT, 0,
                                lines.lines[i], w[c]);
        }
        height = (int)lines.n > height ? (int)lines.n : height;
        tui_text_lines_free(&lines);
        col += w[c] + gap;
    }
    if (height == 0)
        tui_layout_new_row(y);
}

/* The widest run of clean text that wrapping keeps whole: words part at spaces and after
 * hyphens. */
static int longest_word(const char *clean)
{
    int longest = 0;
    const char *start = clean;
    for (const char *p = clean;; p++) {
        if (*p == '-' || *p == ' ' || *p == '\0') {
            size_t n = (size_t)(p - start) + (*p == '-'); /* a hyphen stays with its word */
            int wn = n ? width_n(start, n) : 0;
            longest = wn > longest ? wn : longest;
            start = p + 1;
        }
        if (!*p)
            return longest;
    }
}

static void table(struct tui_layout_builder *y, const struct doc_table *t)
{
    if (t->caption)
        tui_layout_text_rows(y, t->caption, TUI_LAYOUT_GUTTER, y->cw, TUI_ROLE_EMPHASIS, 0, "",
                             false, 0, NULL);
    if (t->ncols == 0 || t->nrows == 0)
        return;
    int *w = calloc(t->ncols, sizeof *w);
    if (!w) {
        y->failed = true;
        return;
    }
    int *word = calloc(t->ncols, sizeof *word); /* each column's longest word */
    if (!word) {
        free(w);
        y->failed = true;
        return;
    }
    int total = 0, gap = 2, least = 6;
    for (size_t c = 0; c < t->ncols; c++) {
        for (size_t r = 0; r < t->nrows; r++) {
            char *cell = tui_text_fit(t->cells[r * t->ncols + c] ? t->cells[r * t->ncols + c] : "",
                                      1 << 14, 0);
            int cw = cell ? (int)tui_text_width(cell) : 0, lw = cell ? longest_word(cell) : 0;
            free(cell);
            w[c] = cw > w[c] ? cw : w[c];
            word[c] = lw > word[c] ? lw : word[c];
        }
        total += w[c] + (c ? gap : 0);
    }
    /* Too wide: narrow the widest column a column at a time, so short columns keep their
     * words and long ones wrap: first down to each column's longest word (no word is cut),
     * then, when that is not enough, below it down to least. When even least columns each do
     * not fit, one line per cell ("Header: value") instead, as the plain renderer says a
     * table. */
    bool narrow = (int)t->ncols * (least + gap) - gap > y->cw;
    for (int pass = 0; pass < 2 && !narrow && total > y->cw; pass++) {
        while (total > y->cw) {
            size_t widest = t->ncols;
            for (size_t c = 0; c < t->ncols; c++) {
                int floor_c = pass == 0 ? (word[c] > least ? word[c] : least) : least;
                if (w[c] > floor_c && (widest == t->ncols || w[c] > w[widest]))
                    widest = c;
            }
            if (widest == t->ncols)
                break;
            w[widest]--;
            total--;
        }
    }
    free(word);
    for (size_t r = 0; r < t->nrows && !y->failed; r++) {
        if (narrow) {
            if (r == 0)
                continue;
            for (size_t c = 0; c < t->ncols; c++) {
                const char *head = t->cells[c] ? t->cells[c] : "";
                const char *cell = t->cells[r * t->ncols + c] ? t->cells[r * t->ncols + c] : "";
                size_t n = strlen(head) + strlen(cell) + 3;
                char *line = malloc(n);
                if (!line) {
                    y->failed = true;
                    break;
                }
                snprintf(line, n, "%s: %s", head, cell);
                tui_layout_text_rows(y, line, TUI_LAYOUT_GUTTER + (c ? 2 : 0), y->cw - (c ? 2 : 0),
                                     TUI_ROLE_TEXT, 0, "", false, 0, NULL);
                free(line);
            }
            continue;
        }
        table_row(y, t, r, w, gap);
        if (r == 0) { /* a rule under the header */
            int rule = tui_layout_new_row(y), col = TUI_LAYOUT_GUTTER;
            for (size_t c = 0; c < t->ncols; c++) {
                tui_layout_span_repeat(y, rule, col, TUI_ROLE_BORDER,
                                       tui_layout_mark(y, "\xE2\x94\x80", "-"), w[c]);
                col += w[c] + gap;
            }
        }
    }
    free(w);
}

/* ---- items ---- */

bool tui_layout_focusable(const struct doc_block *b)
{
    return b->kind == DOC_FIELD || b->kind == DOC_ACTION ||
           (b->kind == DOC_CARD && b->u.card.has_action);
}

char *tui_layout_item_key(const struct doc_block *b)
{
    char buf[512];
    switch (b->kind) {
    case DOC_FIELD: snprintf(buf, sizeof buf, "f:%s", b->u.field.id ? b->u.field.id : ""); break;
    case DOC_CARD:
        snprintf(buf, sizeof buf, "c:%d:%s:%s", b->u.card.action.cmd,
                 b->u.card.action.arg ? b->u.card.action.arg : "",
                 b->u.card.title ? b->u.card.title : "");
        break;
    default:
        snprintf(buf, sizeof buf, "a:%d:%s:%s", b->u.action.cmd,
                 b->u.action.arg ? b->u.action.arg : "",
                 b->u.action.label ? b->u.action.label : "");
        break;
    }
    return strdup(buf);
}

static struct tui_item *item_begin(struct tui_layout_builder *y, size_t block,
                                   const struct doc_block *b)
{
    struct tui_layout *l = y->l;
    if (l->nitems == l->items_cap) {
        size_t cap = l->items_cap ? l->items_cap * 2 : 16;
        struct tui_item *grown = realloc(l->items, cap * sizeof *grown);
        if (!grown) {
            y->failed = true;
            return NULL;
        }
        l->items = grown;
        l->items_cap = cap;
    }
    struct tui_item *it = &l->items[l->nitems];
    *it = (struct tui_item){.block = block,
                            .key = tui_layout_item_key(b),
                            .top = (int)l->nrows,
                            .cursor_row = (int)l->nrows,
                            .cursor_col = TUI_LAYOUT_GUTTER};
    if (!it->key) {
        y->failed = true;
        return NULL;
    }
    y->item = (int)l->nitems++;
    return it;
}

static bool joined(const struct doc_block *prev, const struct doc_block *b)
{
    return prev->kind == b->kind && (b->kind == DOC_CARD || b->kind == DOC_ACTION);
}

int tui_layout_build(struct tui_layout *l, const struct doc *d, int width,
                     const struct tui_layout_style *style, int focus,
                     const struct tui_field_state *field)
{
    *l = (struct tui_layout){0};
    struct tui_layout_builder y =
        {.l = l, .style = style, .width = width, .focus = focus, .field = field, .item = -1};
    y.cw = width - 2 * TUI_LAYOUT_GUTTER;
    if (y.cw > TUI_LAYOUT_MAX_TEXT)
        y.cw = TUI_LAYOUT_MAX_TEXT;
    if (y.cw < 10)
        y.cw = 10;
    size_t total = doc_count(d, DOC_FIELD), number = 0;
    for (size_t i = 0; i < d->n && !y.failed; i++) {
        const struct doc_block *b = &d->blocks[i];
        if (i > 0 && !joined(&d->blocks[i - 1], b))
            blank_rows(&y, style->font->block_gap);
        struct tui_item *it = tui_layout_focusable(b) ? item_begin(&y, i, b) : NULL;
        if (y.failed)
            break;
        bool focused = it && y.item == focus;
        size_t index = it ? (size_t)y.item : 0;
        switch (b->kind) {
        case DOC_HEADING: heading(&y, b); break;
        case DOC_PARAGRAPH: paragraph(&y, b); break;
        case DOC_CARD: card(&y, &b->u.card, focused); break;
        case DOC_TABLE: table(&y, &b->u.table); break;
        case DOC_CHART: tui_layout_chart(&y, &b->u.chart); break;
        case DOC_FIELD: {
            struct tui_item tmp = *it; /* rows may move the items array: work on a copy */
            tui_layout_fields_block(&y, &b->u.field, &tmp, ++number, total, focused);
            l->items[index].cursor_row = tmp.cursor_row;
            l->items[index].cursor_col = tmp.cursor_col;
            l->items[index].input_width = tmp.input_width;
            break;
        }
        case DOC_ACTION: action(&y, &b->u.action, focused); break;
        }
        if (it && !y.failed) {
            struct tui_item *done = &l->items[index];
            done->bottom = (int)l->nrows - 1;
            if (done->bottom < done->top)
                done->bottom = done->top;
            if (done->cursor_row > done->bottom)
                done->cursor_row = done->bottom;
            y.item = -1;
        }
    }
    if (!y.failed && focus >= 0 && (size_t)focus < l->nitems) {
        const struct tui_item *it = &l->items[focus];
        if (it->top < (int)l->nrows)
            tui_layout_span(&y, it->top, 0, TUI_ROLE_FOCUS, 0,
                            tui_layout_mark(&y, "\xE2\x96\xB8", ">")); /* U+25B8 */
    }
    if (y.failed) {
        tui_layout_free(l);
        return -1;
    }
    return 0;
}

void tui_layout_free(struct tui_layout *l)
{
    for (size_t r = 0; r < l->nrows; r++) {
        for (size_t s = 0; s < l->rows[r].n; s++)
            free(l->rows[r].spans[s].text);
        free(l->rows[r].spans);
    }
    for (size_t i = 0; i < l->nitems; i++)
        free(l->items[i].key);
    free(l->rows);
    free(l->items);
    *l = (struct tui_layout){0};
}
