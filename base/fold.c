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
