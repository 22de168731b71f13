/* Users and their settings (spec 2.1, 2.5). */
#ifndef DT_USERS_H
#define DT_USERS_H

#include <stdbool.h>

#include "store.h"

struct user {
    char id[STORE_ID_LEN];
    bool is_anonymous;
    bool workbook_complete;
    char created_at[STORE_TIME_LEN];
    char updated_at[STORE_TIME_LEN];
};

struct user_settings {
    char background_color[32];
    char text_color[32];
    char font[32];
    char personality_type[8]; /* "" when not chosen */
};

/* A new anonymous user with a user_settings row of the spec's defaults, in one transaction. */
enum dt_status store_users_create_anonymous(struct store *st, struct user *out);
enum dt_status store_users_get(struct store *st, const char *user_id, struct user *out);
/* Deletes the user and, through the schema's cascades and triggers, everything that is theirs. */
enum dt_status store_users_delete(struct store *st, const char *user_id);

enum dt_status store_users_settings(struct store *st, const char *user_id,
                                    struct user_settings *out);
/* Saves all four settings; an unknown personality type is DT_INVALID. */
enum dt_status store_users_save_settings(struct store *st, const char *user_id,
                                         const struct user_settings *settings);

#endif
