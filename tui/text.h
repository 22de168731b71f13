/* Text that reaches a terminal (DESIGN.md section 5): the one sanitiser, and display width.
 * Every string from users or content passes through tui_text_sanitize before any renderer
 * writes it. */
#ifndef DT_TEXT_H
#define DT_TEXT_H

#include <stddef.h>
#include <stdio.h>

enum tui_text_flags {
    TUI_TEXT_MULTILINE = 1, /* keep newlines (else each becomes a space) */
};

/* A malloc'd copy of s (n bytes) that is safe to write to a terminal (caller frees):
 * - invalid UTF-8 bytes become U+FFFD;
 * - C0 controls and DEL become caret notation (ESC is "^["), except tab and, with
 *   TUI_TEXT_MULTILINE, newline; a tab becomes one space so no control byte leaves;
 * - C1 controls (U+0080-U+009F), bidi embeddings, overrides and isolates (U+202A-U+202E,
 *   U+2066-U+2069) and the line/paragraph separators become "<U+XXXX>".
 * NULL only when out of memory. */
char *tui_text_sanitize(const char *s, size_t n, int flags);

/* Writes s through the sanitiser (one line: newlines become spaces) and a newline to out.
 * Returns 0, or -1 when out of memory or the write failed. */
int tui_text_put_line(FILE *out, const char *s);

/* Columns the (sanitised) UTF-8 text takes in a terminal, by libunistring. */
size_t tui_text_width(const char *s);

#endif
