/* Exercise responses (spec 3.1): one row per user and exercise; saving again edits it. */
#ifndef DT_RESPONSES_H
#define DT_RESPONSES_H

#include "store.h"

/* The largest response_json accepted, in bytes. */
#define RESPONSES_MAX_BYTES (8u * 1024u * 1024u)

struct response {
    char id[STORE_ID_LEN];
    char full_exercise_id[32];
    char *response_json; /* malloc'd; free with store_responses_clear */
    char responded_at[STORE_TIME_LEN];
    int version; /* the content version it was written against */
};

/* Saves the user's answer to an exercise: inserts the row the first time, updates response_json
 * and responded_at after. In the same transaction, updates user_modules and workbook_complete.
 * DT_NOT_FOUND: no such exercise or user. DT_LOCKED: the N-1 rule forbids it. DT_INVALID: not
 * JSON, or larger than RESPONSES_MAX_BYTES. id_out (may be NULL) receives the row's id. */
enum dt_status store_responses_save(struct store *st, const char *user_id,
                                    const char *full_exercise_id, const char *response_json,
                                    char id_out[STORE_ID_LEN]);

/* The user's response to an exercise; DT_NOT_FOUND when there is none. */
enum dt_status store_responses_get(struct store *st, const char *user_id,
                                   const char *full_exercise_id, struct response *out);
void store_responses_clear(struct response *r);
/* The user's newest response to an earlier version of an exercise of the sequence: the same
 * part, module and exercise numbers, a lower version than full_exercise_id's (spec 14.2: answers
 * keep the version they were written against). DT_NOT_FOUND when there is none. Clear *out with
 * store_responses_clear. */
enum dt_status store_responses_earlier(struct store *st, const char *user_id,
                                       const char *full_exercise_id, struct response *out);

/* 0 when text is one valid JSON value no larger than max_bytes (shared with tools.c). */
int store_json_valid(const char *text, size_t max_bytes);

#endif
