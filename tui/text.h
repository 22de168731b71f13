/* Text that reaches a terminal (DESIGN.md section 5): the one sanitiser, display width, wrapping,
 * fitting and grapheme navigation. Every string from users or content passes through
 * tui_text_sanitize before any renderer writes it; tui_text_wrap and tui_text_fit run it
 * themselves, so what they return is always safe to write.
 * Line breaks and grapheme clusters come from libunistring, widths from the C library's wcwidth
 * (which ncurses draws by), never from local tables. */
#ifndef DT_TEXT_H
#define DT_TEXT_H

#include <stddef.h>
#include <stdio.h>

enum tui_text_flags {
    TUI_TEXT_MULTILINE = 1, /* sanitiser: keep newlines (else each becomes a space) */
    TUI_TEXT_HANGING = 2,   /* wrap: continuation lines of a "- " or "* " item line up under
                               its text */
    TUI_TEXT_ELLIPSIS = 4,  /* fit: end a cut string with "…" */
    TUI_TEXT_FILE = 8,      /* sanitiser: for a file people read (a resume): newlines and tabs
                               kept, every other control a placeholder as on a terminal */
};

/* A malloc'd copy of s (n bytes) that is safe to write to a terminal (caller frees):
 * - invalid UTF-8 bytes become U+FFFD, one per byte;
 * - C0 controls and DEL become caret notation (ESC is "^[", NUL "^@", DEL "^?"), except tab
 *   and, with TUI_TEXT_MULTILINE, newline; a tab becomes one space so no control byte leaves;
 * - C1 controls (U+0080-U+009F), every bidi control (U+061C, U+200E, U+200F, U+202A-U+202E,
 *   U+2066-U+2069), the line/paragraph separators U+2028/U+2029, U+FEFF and the invisible tag
 *   characters (U+E0000-U+E007F) become "<U+XXXX>"; tags pass only inside a subdivision flag
 *   (U+1F3F4, 3 to 7 tags a-z or 0-9, U+E007F: Scotland, Wales, England), shown whole.
 * With TUI_TEXT_FILE (text written to a file for people, which they may cat or print) newlines
 * and tabs stay as they are and everything else is as above.
 * Everything else, including private-use and unassigned code points, passes unchanged.
 * The result is valid UTF-8 without NUL, and sanitising it again changes nothing.
 * NULL only when out of memory. */
char *tui_text_sanitize(const char *s, size_t n, int flags);

/* What tui_text_answer left out. */
struct tui_text_left_out {
    size_t characters; /* controls and invisible characters (each code point) */
    size_t bad_bytes;  /* bytes that were not UTF-8 */
};

/* Makes typed or pasted text s (n bytes, room for n + 1; it may hold NUL) what an answer may
 * keep, in place, and returns its new length (s is NUL-terminated there). Both faces store only
 * this, and it shows as it is kept: the sanitiser leaves it unchanged. Every character the
 * sanitiser would show as a placeholder is left out and counted in *left: controls (NUL too)
 * but newline and tab, DEL, C1, bidi controls, U+2028/U+2029, U+FEFF, tags outside a flag;
 * and each byte of invalid UTF-8. A tab becomes a space; a newline stays with
 * TUI_TEXT_MULTILINE and becomes a space without it. Nothing else changes. */
size_t tui_text_answer(char *s, size_t n, int flags, struct tui_text_left_out *left);

/* The note that says what tui_text_answer left out, in buf (size bytes), or NULL when nothing
 * was. */
const char *tui_text_left_out_note(const struct tui_text_left_out *left, char *buf, size_t size);

/* Writes s through the sanitiser (one line: newlines become spaces) and a newline to out.
 * Returns 0, or -1 when out of memory or the write failed. */
int tui_text_put_line(FILE *out, const char *s);

/* Columns the (sanitised) UTF-8 text takes on the full screen: the cells ncurses gives each code
 * point (wcwidth in the current locale, one cell where it has no answer), summed, so the layout
 * and the cursor agree with what ncurses draws. Outside a multibyte locale, libunistring's
 * widths. Every width below (wrap, fit, column) is counted the same way. */
size_t tui_text_width(const char *s);

/* Removes every U+200D ZERO WIDTH JOINER from s, in place; returns the new length. For the full
 * screen's drawing only (stored text and text mode keep it): ncurses counts the cells of each
 * code point (a family of three joined emoji takes 6 columns), while a terminal that joins the
 * sequence (tmux, kitty, WezTerm) draws it in 2, and tmux also joins Indic letters after one;
 * everything after it on the row then lands short of where ncurses thinks, leaving stray cells
 * that stay until the screen is drawn again. Without the joiners every terminal draws the parts
 * side by side, in the columns ncurses counts. The width does not change (a joiner takes none). */
size_t tui_text_unjoin(char *s);

/* Lines made by tui_text_wrap. lines[0..n) are malloc'd, NUL-terminated, sanitised UTF-8 with
 * no newline and no trailing space; the struct owns them and tui_text_lines_free frees them. */
struct tui_lines {
    char **lines;
    size_t n;
};

/* Wraps s (NUL-terminated; sanitised here with TUI_TEXT_MULTILINE, so raw text is fine too) to
 * width columns into *out, which the caller releases with tui_text_lines_free.
 * - Each newline ends a line; a blank line stays a blank line, and one final newline does not
 *   add an empty line ("" gives no lines, "\n" one empty line).
 * - Lines break at libunistring's line-break opportunities (UAX #14), filled greedily by
 *   tui_text_width's columns; a word wider than the width (a URL) is broken between grapheme clusters.
 *   A cluster is never split, so a lone cluster wider than the width (a CJK character at
 *   width 1) stays whole on its own line.
 * - Trailing spaces are stripped. width <= 0 counts as 1.
 * - TUI_TEXT_HANGING: a line starting (after any indent) with "- " or "* " has its continuation
 *   lines indented to the item's text.
 * Returns 0, or -1 when out of memory (then *out is empty). */
int tui_text_wrap(const char *s, int width, int flags, struct tui_lines *out);

/* Frees the lines and empties *l; safe on an empty or already freed struct. */
void tui_text_lines_free(struct tui_lines *l);

/* Byte length of the longest prefix of the sanitised, one-line text s (n bytes) that takes at
 * most cols columns, made of whole grapheme clusters; *width (if not NULL) gets its columns. */
size_t tui_text_fit_len(const char *s, size_t n, int cols, int *width);

/* A malloc'd copy of s (NUL-terminated; sanitised here as one line) cut to the longest run of
 * whole grapheme clusters that fits in cols columns (caller frees). With TUI_TEXT_ELLIPSIS a cut
 * string ends in "…" (one column, counted in cols) after its trailing spaces are dropped.
 * cols <= 0 gives "". NULL only when out of memory. */
char *tui_text_fit(const char *s, int cols, int flags);

/* Grapheme navigation for an editor cursor over the raw buffer s (n bytes, need not be
 * sanitised). A newline is always a boundary of its own.
 * next: the first cluster boundary after off (n at or past the end).
 * prev: the last cluster boundary before off (0 at the start; off past n counts as n).
 * An off inside a cluster moves to that cluster's end or start. */
size_t tui_text_next_grapheme(const char *s, size_t n, size_t off);
size_t tui_text_prev_grapheme(const char *s, size_t n, size_t off);

/* How many grapheme clusters (what a reader counts as characters) s (n bytes, raw) holds. */
size_t tui_text_graphemes(const char *s, size_t n);

/* The bytes of the first k grapheme clusters of s (n bytes, raw): where to cut it to k
 * characters; n when it holds no more. One pass, however long the text. */
size_t tui_text_clusters_len(const char *s, size_t n, size_t k);

/* The display column of byte offset off in s (n bytes, raw): the columns that the sanitised
 * text from the start of off's line (just after the previous newline) up to off takes, so a wide
 * character counts 2 and ESC, shown as "^[", counts 2. Code points that straddle off are not
 * counted. */
size_t tui_text_column(const char *s, size_t n, size_t off);

#endif
