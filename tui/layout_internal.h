/* Shared by the files of the curses layout only: the layout being built and the steps that add
 * rows and spans to it (layout.c, which lays out the document and every other kind of block),
 * the field blocks (layout_fields.c: a field's heading, label and hint, then its input as
 * its kind shows it, with the hardware cursor's place) and the charts (layout_chart.c). */
#ifndef DT_LAYOUT_INTERNAL_H
#define DT_LAYOUT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "fields.h"
#include "layout.h"
#include "palette.h"

/* The layout being built. Out of memory sets failed; the builder carries on doing nothing and
 * tui_layout_build reports it at the end, so no step needs its own error path. */
struct tui_layout_builder {
    struct tui_layout *l;
    const struct tui_layout_style *style;
    int width; /* the screen's columns */
    int cw;    /* the content's columns, right of the gutter */
    int focus;
    const struct tui_field_state *field;
    int item; /* the item being laid out, or -1 */
    bool failed;
};

/* Adds a row (belonging to the item being laid out) and returns its index, or -1 when out of
 * memory. */
int tui_layout_new_row(struct tui_layout_builder *y);

/* Adds n bytes of s (already clean) to row r at col. */
void tui_layout_span_n(struct tui_layout_builder *y, int r, int col, enum tui_palette_role role,
                       unsigned extra, const char *s, size_t n);
void tui_layout_span(struct tui_layout_builder *y, int r, int col, enum tui_palette_role role,
                     unsigned extra, const char *s);
/* Our own short text (or a value), cut to fit cols columns. */
void tui_layout_span_fit(struct tui_layout_builder *y, int r, int col, enum tui_palette_role role,
                         unsigned extra, const char *s, int cols);
/* Adds count copies of the cell s (one column) to row r at col. */
void tui_layout_span_repeat(struct tui_layout_builder *y, int r, int col,
                            enum tui_palette_role role, const char *s, int count);

/* utf8, or ascii when the locale is not UTF-8. */
const char *tui_layout_mark(const struct tui_layout_builder *y, const char *utf8,
                            const char *ascii);

/* Wraps raw text (sanitised here) into rows at col, width columns wide, each row starting with
 * mk (our own, may be ""). With emphasis, "**" ranges are shown in the emphasis role.
 * Returns the widest line's columns; *last gets the last row (or -1). */
int tui_layout_text_rows(struct tui_layout_builder *y, const char *raw, int col, int width,
                         enum tui_palette_role role, unsigned extra, const char *mk, bool emphasis,
                         int flags, int *last);

/* layout_fields.c: a field block ("Question N of M", its label and hint, then its input), number
 * of total. it gets the cursor's place and the input's width; focused shows the builder's field
 * state (when active) instead of the document's value. */
void tui_layout_fields_block(struct tui_layout_builder *y, const struct doc_field *f,
                             struct tui_item *it, size_t number, size_t total, bool focused);

/* layout_chart.c: a chart block (bars, the progress tree, a grid) and its text equivalent. */
void tui_layout_chart(struct tui_layout_builder *y, const struct doc_chart *c);

#endif
