/* The personality types (spec 5.1): reference data loaded from personality-types.rec. */
#ifndef DT_PERSONALITY_H
#define DT_PERSONALITY_H

#include <stddef.h>

#include "store.h"

struct personality_type {
    char code[8];   /* "INTJ" */
    char name[128]; /* cut at a UTF-8 character boundary if longer */
    char *summary;  /* malloc'd; free with store_personality_clear */
};

/* Every type, by code. *out is malloc'd: free with store_personality_list_free. *n may be 0
 * (the content folder's personality-types.rec is optional). */
enum dt_status store_personality_list(struct store *st, struct personality_type **out, size_t *n);
/* One type by its code; DT_NOT_FOUND when there is none. On DT_OK, free with
 * store_personality_clear. */
enum dt_status store_personality_get(struct store *st, const char *code,
                                     struct personality_type *out);

void store_personality_clear(struct personality_type *p);
/* Frees the summaries of n types and the array, and sets *list to NULL. NULL-safe. */
void store_personality_list_free(struct personality_type **list, size_t n);

#endif
