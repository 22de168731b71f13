/* Folding text for matching, the way people compare words: case folded, compatibility forms
 * made plain (the "ﬁ" ligature is "fi", full-width letters are letters), accents and other
 * combining marks left out ("Café" is "cafe"), white space runs made one space and trimmed.
 * The page find, the skills list and the search of what you wrote all fold with this. */
#ifndef DT_FOLD_H
#define DT_FOLD_H

#include <stdbool.h>
#include <stddef.h>

/* text folded; malloc'd (caller frees), *len (if not NULL) its length. NULL when text is not
 * valid UTF-8 (out of memory aborts, base/oom.h). */
char *dt_fold(const char *text, size_t *len);

/* dt_fold, then every space, hyphen, dash, underscore and full stop dropped: the key two names
 * that differ only in spacing or punctuation share ("Problem-solving", "problem solving",
 * "Problem  Solving" are one). malloc'd (caller frees); NULL when text is not valid UTF-8. */
char *dt_fold_key(const char *text);

/* Where query, folded with dt_fold (not empty), first occurs in text folded the same way: true
 * with [*start, *end), the bytes of text that fold to it (whole characters). False when it does
 * not occur or text is not valid UTF-8. So a match can be shown in the words as written. */
bool dt_fold_find(const char *text, const char *folded_query, size_t *start, size_t *end);

#endif
