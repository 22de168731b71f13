/* Drafts: an answer in progress, kept until the user submits the exercise (docs/schema.md,
 * "Table drafts"). A draft is not a response: progression, module completion and the Daily Dos
 * never read drafts. One draft per user and exercise. */
#ifndef DT_DRAFTS_H
#define DT_DRAFTS_H

#include "responses.h"
#include "store.h"

/* The largest draft_json accepted, in bytes: the same as a response. */
#define DRAFTS_MAX_BYTES RESPONSES_MAX_BYTES

struct draft {
    char full_exercise_id[32];
    char *draft_json; /* malloc'd; free with store_drafts_clear */
    char saved_at[STORE_TIME_LEN];
};

/* Saves (inserts or replaces) the user's draft of an exercise, with saved_at now.
 * DT_INVALID: not one valid JSON value, or larger than DRAFTS_MAX_BYTES (checked as responses
 * are). DT_NOT_FOUND: no such exercise or user. DT_LOCKED: the exercise may not be opened yet
 * (the N-1 rule), so the user cannot be typing into it. */
enum dt_status store_drafts_save(struct store *st, const char *user_id,
                                 const char *full_exercise_id, const char *draft_json);

/* The user's draft of an exercise; DT_NOT_FOUND when there is none. On DT_OK, free with
 * store_drafts_clear. */
enum dt_status store_drafts_get(struct store *st, const char *user_id, const char *full_exercise_id,
                                struct draft *out);
void store_drafts_clear(struct draft *d);

/* Deletes the user's draft of an exercise. DT_OK whether or not there was one, so it can run
 * inside another write (store_responses_save calls it in its own transaction). */
enum dt_status store_drafts_delete(struct store *st, const char *user_id,
                                   const char *full_exercise_id);

#endif
