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

/* dt_fold a character at a time, remembering (when origin is wanted) for each folded byte the
 * offset in text of the character it came from. Folding is per character (NFKD decomposes each
 * on its own; case folding without a language has no context), so the result is dt_fold's. */
struct mapped {
    char *text;
    size_t *origin; /* NULL: not kept */
    size_t len, cap;
};

/* The foldings of the two-byte characters (U+0080 to U+07FF: Latin letters with accents,
 * Greek, Cyrillic...) as they are met: libunistring's case folding costs microseconds a call,
 * and a search folds thousands of texts that use the same few. One table a thread. */
struct two_byte_fold {
    uint8_t len; /* 0: not folded yet */
    uint8_t bytes[15];
};
static _Thread_local struct two_byte_fold two_byte_folds[0x800 - 0x80];

static inline void grow_mapped(struct mapped *m, size_t n)
{
    if (m->len + n + 1 <= m->cap)
        return;
    m->cap = (m->len + n + 1) * 2;
    m->text = dt_oom_realloc(m->text, m->cap);
    if (m->origin)
        m->origin = dt_oom_realloc(m->origin, m->cap * sizeof *m->origin);
}

static void put_mapped(struct mapped *m, const uint8_t *bytes, size_t n, size_t from)
{
    grow_mapped(m, n);
    memcpy(m->text + m->len, bytes, n);
    for (size_t i = 0; m->origin && i < n; i++)
        m->origin[m->len + i] = from;
    m->len += n;
}

static bool fold_mapped(const char *text, struct mapped *m, bool with_origin)
{
    size_t n = strlen(text); /* checked as UTF-8 on the way (u8_mbtoucr) */
    m->cap = n + 16;
    m->text = dt_oom_malloc(m->cap);
    m->origin = with_origin ? dt_oom_malloc(m->cap * sizeof *m->origin) : NULL;
    m->len = 0;
    bool pending_space = false;
    size_t space_from = 0;
    uint8_t small[64];

    for (size_t r = 0; r < n;) {
        unsigned char b = (unsigned char)text[r];
        if (b < 0x80) { /* most writing: no library call, no marks, one byte in and out */
            if (b == ' ' || (b >= '\t' && b <= '\r')) {
                if (!pending_space && m->len > 0)
                    space_from = r;
                pending_space = m->len > 0;
            } else {
                if (pending_space)
                    put_mapped(m, (const uint8_t *)" ", 1, space_from);
                pending_space = false;
                grow_mapped(m, 1);
                if (m->origin)
                    m->origin[m->len] = r;
                m->text[m->len++] = (char)(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
            }
            r++;
            continue;
        }
        ucs4_t c;
        int step = u8_mbtoucr(&c, (const uint8_t *)text + r, n - r);
        if (step < 0) { /* not UTF-8: no text to fold */
            free(m->text);
            free(m->origin);
            *m = (struct mapped){0};
            return false;
        }
        size_t from = r, folded_len = sizeof small;
        r += (size_t)step;
        uint8_t *folded;
        struct two_byte_fold *known = c < 0x800 ? &two_byte_folds[c - 0x80] : NULL;
        if (known && known->len) {
            folded = known->bytes;
            folded_len = known->len;
        } else {
            folded = u8_casefold((const uint8_t *)text + from, (size_t)step, NULL, UNINORM_NFKD,
                                 small, &folded_len);
            if (!folded)
                dt_oom_abort();
            if (known && folded_len && folded_len <= sizeof known->bytes) {
                memcpy(known->bytes, folded, folded_len);
                known->len = (uint8_t)folded_len;
            }
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
        if (folded != small && (!known || folded != known->bytes))
            free(folded);
    }
    m->text[m->len] = '\0';
    return true;
}

bool dt_fold_find(const char *text, const char *folded_query, size_t *start, size_t *end)
{
    size_t qlen = strlen(folded_query);
    if (!qlen)
        return false;
    /* folded once without the map; only a text that holds the words is folded again with it */
    struct mapped m = {0};
    bool found = fold_mapped(text, &m, false) && strstr(m.text, folded_query);
    free(m.text);
    if (!found)
        return false;
    m = (struct mapped){0};
    fold_mapped(text, &m, true);
    size_t first = (size_t)(strstr(m.text, folded_query) - m.text), last = first + qlen - 1;
    *start = m.origin[first];
    size_t tail = m.origin[last];
    int step = u8_mblen((const uint8_t *)text + tail, strlen(text + tail));
    *end = tail + (size_t)(step > 0 ? step : 1);
    free(m.text);
    free(m.origin);
    return true;
}
