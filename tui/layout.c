#include "layout.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>

#include "layout_internal.h"
#include "number.h"
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
    int total = 0, gap = 2, least = 6;
    for (size_t c = 0; c < t->ncols; c++) {
        for (size_t r = 0; r < t->nrows; r++) {
            char *cell = tui_text_fit(t->cells[r * t->ncols + c] ? t->cells[r * t->ncols + c] : "",
                                      1 << 14, 0);
            int cw = cell ? (int)tui_text_width(cell) : 0;
            free(cell);
            w[c] = cw > w[c] ? cw : w[c];
        }
        total += w[c] + (c ? gap : 0);
    }
    /* Too wide: narrow the widest column a column at a time, so short columns keep their
     * words and long ones wrap. When even least columns each do not fit, one line per cell
     * ("Header: value") instead, as the plain renderer says a table. */
    bool narrow = (int)t->ncols * (least + gap) - gap > y->cw;
    while (!narrow && total > y->cw) {
        size_t widest = 0;
        for (size_t c = 1; c < t->ncols; c++)
            if (w[c] > w[widest])
                widest = c;
        if (w[widest] <= least)
            break;
        w[widest]--;
        total--;
    }
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

/* The progress tree: each part a few rows, grown (drawn solid) from the bottom up as the part
 * completes, outlined in dots while it waits. Plain ASCII, so it reads the same in any locale
 * and in a character dump; the words below it say the same. */
static const struct {
    int part; /* 0 roots, 1 trunk, 2 branches */
    const char *grown, *waiting;
} tree_rows[] = {
    {2, "    .@@@@@@@.    ", "    .........    "},   {2, "  @@@@@@@@@@@@@  ", "  . . . . . . .  "},
    {2, "    '@@@@@@@'    ", "    .........    "},   {1, "       |||       ", "       : :       "},
    {1, "       |||       ", "       : :       "},   {0, "     __|||__     ", "     ..: :..     "},
    {0, "    /  / \\  \\    ", "    .  . .  .    "},
};

static void tree(struct tui_layout_builder *y, const struct doc_chart *c)
{
    enum { ROWS = sizeof tree_rows / sizeof tree_rows[0], WIDTH = 17 };
    int per_part[3] = {0}, grown[3];
    for (int i = 0; i < ROWS; i++)
        per_part[tree_rows[i].part]++;
    for (int p = 0; p < 3; p++) {
        double max = c->max > 0 ? c->max : 1, v = (size_t)p < c->n ? c->values[p] / max : 0;
        v = v < 0 ? 0 : v > 1 ? 1 : v;
        grown[p] = (int)lround(v * per_part[p]);
    }
    int col = TUI_LAYOUT_GUTTER + (y->cw > WIDTH ? (y->cw - WIDTH) / 2 : 0);
    int seen[3] = {0};
    for (int i = 0; i < ROWS; i++) {
        int p = tree_rows[i].part, from_bottom = per_part[p] - seen[p]++;
        bool solid = from_bottom <= grown[p];
        int row = tui_layout_new_row(y);
        tui_layout_span(y, row, col, solid ? TUI_ROLE_CHART_BAR : TUI_ROLE_SLIDER_EMPTY, 0,
                        solid ? tree_rows[i].grown : tree_rows[i].waiting);
    }
}

/* A grid's shades, empty first, then from light to full shade: the level is in the glyph, so
 * the picture reads the same without colour and in a character dump. */
static const char *const grid_shades[5][2] = {
    {"\xC2\xB7", "."},     /* U+00B7 middle dot: no value */
    {"\xE2\x96\x91", "-"}, /* U+2591 light shade */
    {"\xE2\x96\x92", "+"}, /* U+2592 medium shade */
    {"\xE2\x96\x93", "*"}, /* U+2593 dark shade */
    {"\xE2\x96\x88", "#"}, /* U+2588 full block */
};

/* The glyph of a cell (in buf for a height): levels spread over the marks, so the top level is
 * always the full block. NULL for a cell outside the picture. */
static const char *grid_glyph(const struct tui_layout_builder *y, const struct doc_grid *g,
                              int cell, char buf[4])
{
    if (cell < 0 || g->nlevels == 0)
        return NULL;
    int n = (int)g->nlevels, level = cell > n ? n : cell;
    if (level == 0)
        return tui_layout_mark(y, grid_shades[0][0], grid_shades[0][1]);
    if (g->marks == DOC_GRID_HEIGHTS) {
        if (y->style->ascii) { /* no blocks: the level itself */
            snprintf(buf, 4, "%d", level);
            return buf;
        }
        int eighths = (int)lround((double)level * 8 / n); /* U+2581..U+2588 */
        snprintf(buf, 4, "\xE2\x96%c", (char)(0x80 + (eighths < 1 ? 1 : eighths)));
        return buf;
    }
    int k = (int)lround((double)level * 4 / n);
    return tui_layout_mark(y, grid_shades[k][0], grid_shades[k][1]);
}

/* One legend item after another, "glyph label", two spaces apart, a new row when the next does
 * not fit. */
static void grid_legend(struct tui_layout_builder *y, const struct doc_grid *g)
{
    int row = -1, x = TUI_LAYOUT_GUTTER, right = TUI_LAYOUT_GUTTER + y->cw;
    for (size_t i = 0; i <= g->nlevels && !y->failed; i++) {
        const char *label = i == 0 ? g->empty_label : g->level_labels ? g->level_labels[i - 1] : "";
        if (i == 0 && !label)
            continue;
        char *fit = tui_text_fit(label ? label : "", y->cw - 2, TUI_TEXT_ELLIPSIS);
        if (!fit) {
            y->failed = true;
            return;
        }
        int w = 2 + (int)tui_text_width(fit);
        if (row < 0 || x + w > right) {
            row = tui_layout_new_row(y);
            x = TUI_LAYOUT_GUTTER;
        }
        char buf[4];
        tui_layout_span(y, row, x, i == 0 ? TUI_ROLE_SLIDER_EMPTY : TUI_ROLE_TEXT, 0,
                        grid_glyph(y, g, (int)i, buf));
        tui_layout_span(y, row, x + 2, TUI_ROLE_TEXT, 0, fit);
        x += w + 2;
        free(fit);
    }
}

/* A grid of levels: row labels at the left, two columns a cell (the glyph and a space, so cells
 * stay apart in any font), column labels above where they do not run into each other. The
 * oldest columns give way when the screen is narrow. */
static void grid(struct tui_layout_builder *y, const struct doc_chart *c)
{
    const struct doc_grid *g = &c->grid;
    int lw = 0;
    for (size_t r = 0; g->row_labels && r < g->rows; r++) {
        char *label = tui_text_fit(g->row_labels[r], y->cw / 3, 0);
        int w = label ? (int)tui_text_width(label) : 0;
        free(label);
        lw = w > lw ? w : lw;
    }
    int x0 = TUI_LAYOUT_GUTTER + lw + (lw ? 1 : 0);
    int room = (TUI_LAYOUT_GUTTER + y->cw - x0) / 2;
    size_t shown = room <= 0 ? 0 : g->cols < (size_t)room ? g->cols : (size_t)room;
    size_t first = g->cols - shown;
    int row = -1, next_free = x0;
    for (size_t k = first; g->col_labels && k < g->cols && !y->failed; k++) {
        int x = x0 + 2 * (int)(k - first);
        if (!g->col_labels[k][0] || x < next_free)
            continue;
        char *label = tui_text_fit(g->col_labels[k], TUI_LAYOUT_GUTTER + y->cw - x, 0);
        int w = label ? (int)tui_text_width(label) : 0;
        if (label && w > 0) {
            if (row < 0)
                row = tui_layout_new_row(y);
            tui_layout_span(y, row, x, TUI_ROLE_HINT, 0, label);
            next_free = x + w + 1;
        }
        y->failed = y->failed || !label;
        free(label);
    }
    for (size_t r = 0; r < g->rows && !y->failed; r++) {
        row = tui_layout_new_row(y);
        if (g->row_labels)
            tui_layout_span_fit(y, row, TUI_LAYOUT_GUTTER, TUI_ROLE_TEXT, 0, g->row_labels[r], lw);
        for (size_t k = first; k < g->cols; k++) {
            int cell = g->cells[r * g->cols + k];
            char buf[4];
            const char *glyph = grid_glyph(y, g, cell, buf);
            if (glyph)
                tui_layout_span(y, row, x0 + 2 * (int)(k - first),
                                cell == DOC_GRID_EMPTY ? TUI_ROLE_SLIDER_EMPTY : TUI_ROLE_TEXT, 0,
                                glyph);
        }
        int after = x0 + 2 * (int)shown;
        if (g->row_texts && g->row_texts[r][0] && after < TUI_LAYOUT_GUTTER + y->cw)
            tui_layout_span_fit(y, row, after, TUI_ROLE_TEXT, 0, g->row_texts[r],
                                TUI_LAYOUT_GUTTER + y->cw - after);
    }
    if (shown < g->cols) {
        char said[160];
        snprintf(said, sizeof said, "The last %zu %s; a wider window shows all %zu.", shown,
                 g->col_noun ? g->col_noun : "columns", g->cols);
        tui_layout_text_rows(y, said, TUI_LAYOUT_GUTTER, y->cw, TUI_ROLE_HINT, 0, "", false, 0,
                             NULL);
    }
    grid_legend(y, g);
}

static void chart(struct tui_layout_builder *y, const struct doc_chart *c)
{
    if (c->title)
        tui_layout_text_rows(y, c->title, TUI_LAYOUT_GUTTER, y->cw, TUI_ROLE_EMPHASIS, 0, "", false,
                             0, NULL);
    if (c->style == DOC_CHART_TREE || c->style == DOC_CHART_GRID) {
        if (c->style == DOC_CHART_TREE)
            tree(y, c);
        else
            grid(y, c);
        if (c->text)
            tui_layout_text_rows(y, c->text, TUI_LAYOUT_GUTTER, y->cw, TUI_ROLE_TEXT, 0, "", false,
                                 0, NULL);
        return;
    }
    int lw = 0;
    for (size_t i = 0; i < c->n; i++) {
        char *label = tui_text_fit(c->labels[i] ? c->labels[i] : "", y->cw / 3, 0);
        int w = label ? (int)tui_text_width(label) : 0;
        free(label);
        lw = w > lw ? w : lw;
    }
    /* each bar says its value in the chart's own unit ("1.8 of 5"), rounded once: the bar is
     * drawn from the same rounded value */
    double max = c->max > 0 ? c->max : 1;
    char of_max[40], value[32], said[80];
    tui_number_format(max, value, sizeof value);
    snprintf(of_max, sizeof of_max, " of %s", value);
    int vw = 0;
    for (size_t i = 0; i < c->n; i++) {
        tui_number_format(doc_round_tenths(c->values[i]), value, sizeof value);
        int w = (int)(strlen(value) + strlen(of_max));
        if (c->value_texts) { /* measured as it will be drawn: sanitised */
            char *said_fit = tui_text_fit(c->value_texts[i], y->cw / 2, 0);
            w = said_fit ? (int)tui_text_width(said_fit) : 0;
            free(said_fit);
        }
        vw = w > vw ? w : vw;
    }
    int bw = y->cw - lw - 2 - vw; /* label, a space, the bar, a space, "1.8 of 5" */
    for (size_t i = 0; i < c->n && bw > 0; i++) {
        int row = tui_layout_new_row(y);
        tui_layout_span_fit(y, row, TUI_LAYOUT_GUTTER, TUI_ROLE_TEXT, 0,
                            c->labels[i] ? c->labels[i] : "", lw);
        double v = doc_round_tenths(c->values[i]);
        double share = v / max;
        share = share < 0 ? 0 : share > 1 ? 1 : share;
        int fill = (int)lround(share * bw);
        /* the bar in full blocks: solid in any mode, and seen in a character dump */
        tui_layout_span_repeat(y, row, TUI_LAYOUT_GUTTER + lw + 1, TUI_ROLE_CHART_BAR,
                               tui_layout_mark(y, "\xE2\x96\x88", "#"), fill);
        tui_number_format(v, value, sizeof value);
        snprintf(said, sizeof said, "%s%s", value, of_max);
        tui_layout_span_fit(y, row, TUI_LAYOUT_GUTTER + lw + 2 + fill, TUI_ROLE_TEXT, 0,
                            c->value_texts ? c->value_texts[i] : said, vw);
    }
    /* the text equivalent, always: the bars are for the eye only */
    if (c->text)
        tui_layout_text_rows(y, c->text, TUI_LAYOUT_GUTTER, y->cw, TUI_ROLE_TEXT, 0, "", false, 0,
                             NULL);
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
        case DOC_CHART: chart(&y, &b->u.chart); break;
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
