#include "find.h"

#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "text.h"

/* text folded for matching (base/fold.h); NULL when it is not UTF-8. */
static char *fold(const char *text)
{
    return dt_fold(text, NULL);
}

/* Whether text holds the query already folded. */
static bool holds_folded(const char *text, const char *folded_query)
{
    char *t = fold(text);
    bool found = t && strstr(t, folded_query) != NULL;
    free(t);
    return found;
}

bool tui_find_in(const char *text, const char *query)
{
    if (!query[0])
        return true;
    char *q = fold(query);
    bool found = q && holds_folded(text, q);
    free(q);
    return found;
}

/* A row's text, its spans joined. malloc'd. */
static char *row_text(const struct tui_row *row)
{
    size_t n = 1;
    for (size_t s = 0; s < row->n; s++)
        n += strlen(row->spans[s].text) + 1;
    char *text = malloc(n), *w = text;
    for (size_t s = 0; text && s < row->n; s++) {
        size_t len = strlen(row->spans[s].text);
        memcpy(w, row->spans[s].text, len);
        w += len;
        *w++ = ' ';
    }
    if (text)
        *w = '\0';
    return text;
}

int tui_find_row(const struct tui_layout *l, const char *query, int from)
{
    int n = (int)l->nrows, at = -1;
    char *q = fold(query); /* once, not once a row */
    for (int k = 1; q && k <= n && at < 0; k++) {
        int r = ((from + k) % n + n) % n;
        char *text = row_text(&l->rows[r]);
        if (text && holds_folded(text, q))
            at = r;
        free(text);
    }
    free(q);
    return at;
}

bool tui_find_cursor(struct tui_editor *e, int width, size_t row, const char *query)
{
    struct tui_editor_rows rows;
    if (!e->buf || tui_editor_wrap(e, width, &rows) != 0)
        return false;
    size_t from = row < rows.n ? rows.rows[row].start : 0;
    tui_editor_rows_free(&rows);
    char *q = fold(query);
    size_t start = 0, end = 0;
    bool found = q && q[0] && dt_fold_find(e->buf + from, q, &start, &end);
    if (found)
        start += from;
    else if (q && q[0] && from > 0) /* the words broke across rows: the first place, then */
        found = dt_fold_find(e->buf, q, &start, &end);
    free(q);
    if (!found)
        return false;
    /* on the cluster that holds the match's first character */
    size_t at = 0;
    for (size_t next; (next = tui_text_next_grapheme(e->buf, e->len, at)) <= start && next != at;)
        at = next;
    e->cur = at;
    return true;
}
