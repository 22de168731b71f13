#include "find.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unistr.h>
#include <uninorm.h>

/* text folded for matching: case folded and decomposed, combining marks left out (é -> e).
 * malloc'd; NULL when out of memory or the text is not UTF-8. */
static char *fold(const char *text)
{
    size_t n = 0;
    uint8_t *folded = u8_casefold((const uint8_t *)text, strlen(text), NULL, UNINORM_NFD, NULL, &n);
    if (!folded)
        return NULL;
    char *out = malloc(n + 1);
    size_t w = 0;
    for (size_t r = 0; out && r < n;) {
        ucs4_t c;
        int len = u8_mbtouc(&c, folded + r, n - r);
        bool mark = c >= 0x300 && c <= 0x36f; /* combining diacritical marks */
        if (!mark)
            memcpy(out + w, folded + r, (size_t)len), w += (size_t)len;
        r += (size_t)len;
    }
    if (out)
        out[w] = '\0';
    free(folded);
    return out;
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
