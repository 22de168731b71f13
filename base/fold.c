#include "fold.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "oom.h"

static bool is_space(ucs4_t c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || uc_is_property_white_space(c);
}

/* Drops marks and evens out spaces in folded (n bytes) into a new string; with drop_separators,
 * spaces and joining punctuation go entirely. */
static char *tidy(const uint8_t *folded, size_t n, bool drop_separators, size_t *len)
{
    char *out = dt_oom_malloc(n + 1);
    size_t w = 0;
    bool pending_space = false;
    for (size_t r = 0; r < n;) {
        ucs4_t c;
        int step = u8_mbtouc(&c, folded + r, n - r);
        const uint8_t *at = folded + r;
        r += (size_t)step;
        if (uc_is_general_category(c, UC_CATEGORY_M))
            continue; /* an accent, after NFKD its own code point */
        bool separator = is_space(c) ||
                         (drop_separators &&
                          (c == '.' || c == '_' || uc_is_general_category(c, UC_CATEGORY_Pd)));
        if (separator) {
            pending_space = !drop_separators && w > 0;
            continue;
        }
        if (pending_space)
            out[w++] = ' ';
        pending_space = false;
        memcpy(out + w, at, (size_t)step);
        w += (size_t)step;
    }
    out[w] = '\0';
    if (len)
        *len = w;
    return out;
}

static char *fold_with(const char *text, bool drop_separators, size_t *len)
{
    size_t n = strlen(text), folded_len = 0;
    if (u8_check((const uint8_t *)text, n) != NULL)
        return NULL;
    uint8_t *folded = u8_casefold((const uint8_t *)text, n, NULL, UNINORM_NFKD, NULL, &folded_len);
    if (!folded)
        dt_oom_abort(); /* valid UTF-8 was checked: only memory can fail here */
    char *out = tidy(folded, folded_len, drop_separators, len);
    free(folded);
    return out;
}

char *dt_fold(const char *text, size_t *len)
{
    return fold_with(text, false, len);
}

char *dt_fold_key(const char *text)
{
    return fold_with(text, true, NULL);
}

/* dt_fold a character at a time, remembering for each folded byte the offset in text of the
 * character it came from. Folding is per character (NFKD decomposes each on its own; case
 * folding without a language has no context), so the result is dt_fold's. */
struct mapped {
    char *text;
    size_t *origin;
    size_t len, cap;
};

static void put_mapped(struct mapped *m, const uint8_t *bytes, size_t n, size_t from)
{
    if (m->len + n + 1 > m->cap) {
        m->cap = (m->len + n + 1) * 2;
        m->text = dt_oom_realloc(m->text, m->cap);
        m->origin = dt_oom_realloc(m->origin, m->cap * sizeof *m->origin);
    }
    memcpy(m->text + m->len, bytes, n);
    for (size_t i = 0; i < n; i++)
        m->origin[m->len + i] = from;
    m->len += n;
}

static bool fold_mapped(const char *text, struct mapped *m)
{
    size_t n = strlen(text);
    if (u8_check((const uint8_t *)text, n) != NULL)
        return false;
    m->cap = n + 16;
    m->text = dt_oom_malloc(m->cap);
    m->origin = dt_oom_malloc(m->cap * sizeof *m->origin);
    m->len = 0;
    bool pending_space = false;
    size_t space_from = 0;
    uint8_t small[64];
    for (size_t r = 0; r < n;) {
        ucs4_t c;
        int step = u8_mbtouc(&c, (const uint8_t *)text + r, n - r);
        size_t from = r;
        r += (size_t)step;
        uint8_t ascii;
        const uint8_t *folded = &ascii;
        size_t folded_len = 1;
        if (c < 0x80) { /* most writing: no library call */
            ascii = (uint8_t)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        } else {
            folded_len = sizeof small;
            folded = u8_casefold((const uint8_t *)text + from, (size_t)step, NULL, UNINORM_NFKD,
                                 small, &folded_len);
            if (!folded)
                dt_oom_abort();
        }
        for (size_t k = 0; k < folded_len;) {
            ucs4_t f;
            int fstep = u8_mbtouc(&f, folded + k, folded_len - k);
            const uint8_t *at = folded + k;
            k += (size_t)fstep;
            if (uc_is_general_category(f, UC_CATEGORY_M))
                continue;
            if (is_space(f)) {
                if (!pending_space && m->len > 0)
                    space_from = from;
                pending_space = m->len > 0;
                continue;
            }
            if (pending_space)
                put_mapped(m, (const uint8_t *)" ", 1, space_from);
            pending_space = false;
            put_mapped(m, at, (size_t)fstep, from);
        }
        if (folded != &ascii && folded != small)
            free((void *)folded);
    }
    m->text[m->len] = '\0';
    return true;
}

bool dt_fold_find(const char *text, const char *folded_query, size_t *start, size_t *end)
{
    struct mapped m = {0};
    size_t qlen = strlen(folded_query);
    bool found = false;
    if (qlen && fold_mapped(text, &m)) {
        const char *at = strstr(m.text, folded_query);
        if (at) {
            size_t first = (size_t)(at - m.text), last = first + qlen - 1;
            *start = m.origin[first];
            size_t tail = m.origin[last];
            int step = u8_mblen((const uint8_t *)text + tail, strlen(text + tail));
            *end = tail + (size_t)(step > 0 ? step : 1);
            found = true;
        }
    }
    free(m.text);
    free(m.origin);
    return found;
}
