/* The charts of the curses layout: bars, the progress tree and grids (a calendar heat map,
 * scores over time). Each is drawn in glyphs that carry its values without colour, and its text
 * equivalent follows it, so the words are there for whoever cannot see the picture. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_internal.h"
#include "number.h"
#include "text.h"

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

void tui_layout_chart(struct tui_layout_builder *y, const struct doc_chart *c)
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
