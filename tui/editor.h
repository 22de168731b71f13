/* The text buffer behind a line or text field in the curses renderer: clean UTF-8 with a cursor
 * that moves by grapheme cluster, and the soft rows the buffer takes at a given width.
 * No ncurses here, and no width or break tables of its own: clusters, columns and line breaks
 * all come from tui/text.h (libunistring). The buffer only ever holds text the sanitiser leaves
 * as it is (what tui_text_answer keeps), so what is shown is byte for byte what is kept. */
#ifndef DT_EDITOR_H
#define DT_EDITOR_H

#include <stdbool.h>
#include <stddef.h>

struct tui_editor {
    char *buf; /* NUL-terminated, clean UTF-8 (owned; tui_editor_free frees it) */
    size_t len, cap;
    size_t cur;     /* byte offset of the cursor, always on a cluster boundary */
    bool multiline; /* newlines allowed (TEXT fields) */
};

/* An empty buffer. */
void tui_editor_init(struct tui_editor *e, bool multiline);
void tui_editor_free(struct tui_editor *e);
/* Replaces the text with what an answer may keep of text (tui_text_answer: controls and
 * invisible characters left out; NULL counts as "") and puts the cursor at its end. Returns 0,
 * or -1 when out of memory (the buffer is then unchanged). */
int tui_editor_set(struct tui_editor *e, const char *text);

/* Inserts n bytes at the cursor and moves past them, but only when the sanitiser leaves them
 * as they are (no control, invalid UTF-8 or bidi control; a newline only when multiline) and
 * the result stays within max_len characters, as grapheme clusters (0: no limit). Returns 1 when inserted, 0 when refused,
 * -1 when out of memory. */
int tui_editor_insert(struct tui_editor *e, const char *s, size_t n, size_t max_len);

/* Cursor moves and deletions by grapheme cluster; each returns whether anything changed. */
bool tui_editor_left(struct tui_editor *e);
bool tui_editor_right(struct tui_editor *e);
bool tui_editor_home(struct tui_editor *e); /* start of the cursor's line */
bool tui_editor_end(struct tui_editor *e);  /* end of the cursor's line */
bool tui_editor_backspace(struct tui_editor *e);
bool tui_editor_delete(struct tui_editor *e);

/* One soft row of the buffer at a width: text buf[start, end) (trailing spaces left out);
 * offsets from start up to the next row's start (or the end of the line) belong to it. */
struct tui_editor_row {
    size_t start, end;
};

struct tui_editor_rows {
    struct tui_editor_row *rows; /* owned; tui_editor_rows_free frees it */
    size_t n;
};

/* The rows of the buffer wrapped (tui_text_wrap) to width columns: each hard line gives at
 * least one row, so the result always has one row or more. Returns 0, or -1 when out of
 * memory. */
int tui_editor_wrap(const struct tui_editor *e, int width, struct tui_editor_rows *out);
void tui_editor_rows_free(struct tui_editor_rows *r);

/* The row and display column of the cursor (columns as tui_text_column counts them). */
void tui_editor_locate(const struct tui_editor *e, const struct tui_editor_rows *r, size_t *row,
                       int *col);

/* Moves the cursor to the row above or below, to the cluster nearest its column at width.
 * False (and nothing moved) when there is no such row. */
bool tui_editor_up(struct tui_editor *e, int width);
bool tui_editor_down(struct tui_editor *e, int width);

#endif
