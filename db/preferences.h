/* dreamtree's own per-user preferences (docs/schema.md, "Table user_preferences"); the spec's
 * user_settings (db/users.h) holds the spec's settings. */
#ifndef DT_PREFERENCES_H
#define DT_PREFERENCES_H

#include <stdbool.h>

#include "store.h"

struct user_preferences {
    bool text_mode;        /* the plain, screen-reader-friendly renderer; default false */
    int idle_lock_minutes; /* a claimed workbook locks after this long untouched; 0: never;
                              default 15 */
    char updated_at[STORE_TIME_LEN]; /* "" when the user never saved a preference */
};

/* The user's preferences, or the defaults when they never saved any. DT_NOT_FOUND: no such
 * user. */
enum dt_status store_preferences_get(struct store *st, const char *user_id,
                                     struct user_preferences *out);
/* Saves every preference in *in (updated_at is ignored and set to now). DT_NOT_FOUND: no such
 * user. */
enum dt_status store_preferences_set(struct store *st, const char *user_id,
                                     const struct user_preferences *in);

#endif
