#include "editor.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

void tui_editor_init(struct tui_editor *e, bool multiline)
{
    *e = (struct tui_editor){.multiline = multiline};
}

void tui_editor_free(struct tui_editor *e)
{
    free(e->buf);
    bool multiline = e->multiline;
    tui_editor_init(e, multiline);
}

static int reserve(struct tui_editor *e, size_t need)
{
    if (need + 1 <= e->cap)
        return 0;
    size_t cap = e->cap ? e->cap : 64;
    while (cap < need + 1)
        cap *= 2;
    char *grown = realloc(e->buf, cap);
    if (!grown)
        return -1;
    if (!e->buf)
        grown[0] = '\0';
    e->buf = grown;
    e->cap = cap;
    return 0;
}

int tui_editor_set(struct tui_editor *e, const char *text)
{
    if (!text)
        text = "";
    size_t n = strlen(text);
    char *clean = malloc(n + 1);
    if (!clean)
        return -1;
    memcpy(clean, text, n);
    /* what the buffer holds is what is stored: a control is left out, never made "^G" */
    struct tui_text_left_out left;
    n = tui_text_answer(clean, n, e->multiline ? TUI_TEXT_MULTILINE : 0, &left);
    if (reserve(e, n) != 0) {
        free(clean);
        return -1;
    }
    memcpy(e->buf, clean, n + 1);
    free(clean);
    e->len = e->cur = n;
    return 0;
}

int tui_editor_insert(struct tui_editor *e, const char *s, size_t n, size_t max_len)
{
    if (n == 0)
        return 0;
    /* the limit counts characters as a reader sees them: a Chinese answer gets as many as an
     * English one */
    if (max_len &&
        tui_text_graphemes(e->buf ? e->buf : "", e->len) + tui_text_graphemes(s, n) > max_len)
        return 0;
    /* The sanitiser decides what may be typed: whatever it would change is refused, so the
     * buffer never holds anything the screen shows differently. */
    char *clean = tui_text_sanitize(s, n, e->multiline ? TUI_TEXT_MULTILINE : 0);
    if (!clean)
        return -1;
    bool same = strlen(clean) == n && memcmp(clean, s, n) == 0;
    free(clean);
    if (!same || (!e->multiline && memchr(s, '\n', n)))
        return 0;
    if (reserve(e, e->len + n) != 0)
        return -1;
    memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur + 1);
    memcpy(e->buf + e->cur, s, n);
    e->len += n;
    e->cur += n;
    return 1;
}

static const char *text(const struct tui_editor *e)
{
    return e->buf ? e->buf : "";
}

bool tui_editor_left(struct tui_editor *e)
{
    size_t to = tui_text_prev_grapheme(text(e), e->len, e->cur);
    bool moved = to != e->cur;
    e->cur = to;
    return moved;
}

bool tui_editor_right(struct tui_editor *e)
{
    size_t to = tui_text_next_grapheme(text(e), e->len, e->cur);
    bool moved = to != e->cur;
    e->cur = to;
    return moved;
}

bool tui_editor_home(struct tui_editor *e)
{
    size_t to = e->cur;
    while (to > 0 && e->buf[to - 1] != '\n')
        to--;
    bool moved = to != e->cur;
    e->cur = to;
    return moved;
}

bool tui_editor_end(struct tui_editor *e)
{
    size_t to = e->cur;
    while (to < e->len && e->buf[to] != '\n')
        to++;
    bool moved = to != e->cur;
    e->cur = to;
    return moved;
}

/* Removes buf[a, b) and leaves the cursor at a. */
static bool cut(struct tui_editor *e, size_t a, size_t b)
{
    if (a >= b)
        return false;
    memmove(e->buf + a, e->buf + b, e->len - b + 1);
    e->len -= b - a;
    e->cur = a;
    return true;
}

bool tui_editor_backspace(struct tui_editor *e)
{
    return cut(e, tui_text_prev_grapheme(text(e), e->len, e->cur), e->cur);
}

bool tui_editor_delete(struct tui_editor *e)
{
    return cut(e, e->cur, tui_text_next_grapheme(text(e), e->len, e->cur));
}

void tui_editor_rows_free(struct tui_editor_rows *r)
{
    free(r->rows);
    r->rows = NULL;
    r->n = 0;
}

static int add_row(struct tui_editor_rows *r, size_t *cap, size_t start, size_t end)
{
    if (r->n == *cap) {
        size_t grown_cap = *cap ? *cap * 2 : 8;
        struct tui_editor_row *grown = realloc(r->rows, grown_cap * sizeof *grown);
        if (!grown)
            return -1;
        r->rows = grown;
        *cap = grown_cap;
    }
    r->rows[r->n++] = (struct tui_editor_row){start, end};
    return 0;
}

/* tui_text_wrap gives each row as a copy; since the buffer is already clean and is wrapped one
 * hard line at a time without a hanging indent, every row is a piece of the line (with its
 * trailing spaces dropped and the next row starting after the spaces at the break), so it is
 * found again by comparing bytes from where the previous row ended. */
int tui_editor_wrap(const struct tui_editor *e, int width, struct tui_editor_rows *out)
{
    out->rows = NULL;
    out->n = 0;
    size_t cap = 0;
    const char *s = text(e);
    size_t pos = 0;
    for (;;) {
        const char *nl = memchr(s + pos, '\n', e->len - pos);
        size_t end = nl ? (size_t)(nl - s) : e->len;
        char *line = strndup(s + pos, end - pos);
        struct tui_lines lines = {0};
        if (!line || tui_text_wrap(line, width, 0, &lines) != 0) {
            free(line);
            tui_editor_rows_free(out);
            return -1;
        }
        size_t at = pos;
        int rc = 0;
        for (size_t i = 0; i < lines.n && rc == 0; i++) {
            size_t n = strlen(lines.lines[i]);
            while (n > 0 && at < end && s[at] == ' ' && memcmp(s + at, lines.lines[i], n) != 0)
                at++;
            if (at + n > end || memcmp(s + at, lines.lines[i], n) != 0)
                n = 0; /* cannot happen with a clean buffer; an empty row keeps the count */
            rc = add_row(out, &cap, at, at + n);
            at += n;
        }
        if (rc == 0 && lines.n == 0)
            rc = add_row(out, &cap, pos, pos);
        tui_text_lines_free(&lines);
        free(line);
        if (rc != 0) {
            tui_editor_rows_free(out);
            return -1;
        }
        if (!nl)
            return 0;
        pos = end + 1;
    }
}

/* The row holding off: the last one starting at or before it. */
static size_t row_of(const struct tui_editor_rows *r, size_t off)
{
    size_t row = 0;
    for (size_t i = 0; i < r->n; i++)
        if (r->rows[i].start <= off)
            row = i;
    return row;
}

static int column(const struct tui_editor *e, size_t start, size_t off)
{
    return (int)tui_text_column(text(e) + start, e->len - start, off - start);
}

void tui_editor_locate(const struct tui_editor *e, const struct tui_editor_rows *r, size_t *row,
                       int *col)
{
    *row = row_of(r, e->cur);
    *col = r->n ? column(e, r->rows[*row].start, e->cur) : 0;
}

/* Where a row's offsets end: the next row's start on the same line, else the line's end. */
static size_t row_limit(const struct tui_editor *e, const struct tui_editor_rows *r, size_t row)
{
    size_t lim = r->rows[row].end;
    while (lim < e->len && e->buf[lim] != '\n')
        lim++;
    if (row + 1 < r->n && r->rows[row + 1].start < lim)
        lim = r->rows[row + 1].start;
    return lim;
}

static bool vertical(struct tui_editor *e, int width, int dir)
{
    struct tui_editor_rows r;
    if (tui_editor_wrap(e, width, &r) != 0)
        return false;
    size_t row;
    int col;
    tui_editor_locate(e, &r, &row, &col);
    bool moved = false;
    if ((dir < 0 && row > 0) || (dir > 0 && row + 1 < r.n)) {
        size_t target = dir < 0 ? row - 1 : row + 1;
        size_t off = r.rows[target].start, lim = row_limit(e, &r, target);
        /* a soft row's last offset is the next row's first: stop one cluster short of it */
        bool soft = target + 1 < r.n && r.rows[target + 1].start == lim;
        while (off < lim) {
            size_t next = tui_text_next_grapheme(e->buf, e->len, off);
            if (next > lim || column(e, r.rows[target].start, next) > col || (soft && next == lim))
                break;
            off = next;
        }
        e->cur = off;
        moved = true;
    }
    tui_editor_rows_free(&r);
    return moved;
}

bool tui_editor_up(struct tui_editor *e, int width)
{
    return vertical(e, width, -1);
}

bool tui_editor_down(struct tui_editor *e, int width)
{
    return vertical(e, width, 1);
}
