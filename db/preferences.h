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

/* A variant group's name: "control" or a name the content gives (at most 31 bytes). */
#define PREFERENCES_VARIANT_LEN 32

/* The user's variant group for content experiments (spec 14.1), the one whose version of each
 * exercise they see. Assigned the first time it is asked for, at random among the groups the
 * active content defines ("control" always among them), and kept from then on; two processes
 * asking at once get the same one. While the content defines no group but "control", nothing is
 * assigned and out is "control": a user starts taking part once there is an experiment.
 * DT_NOT_FOUND: no such user. */
enum dt_status store_preferences_variant(struct store *st, const char *user_id,
                                         char out[PREFERENCES_VARIANT_LEN]);
/* The same without assigning: "" when the user has no group yet. DT_NOT_FOUND: no such user. */
enum dt_status store_preferences_variant_get(struct store *st, const char *user_id,
                                             char out[PREFERENCES_VARIANT_LEN]);
/* Puts the user in group (a name of at most 31 bytes), whatever group they had. */
enum dt_status store_preferences_set_variant(struct store *st, const char *user_id,
                                             const char *group);

#endif
