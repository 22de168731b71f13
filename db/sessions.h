/* Sessions (spec 2.4): the spec's cookie. In a terminal it is a file holding the session id
 * ($XDG_STATE_HOME/dreamtree/session), so the next run resumes the same user. */
#ifndef DT_SESSIONS_H
#define DT_SESSIONS_H

#include "store.h"

struct session {
    char id[STORE_ID_LEN];
    char user_id[STORE_ID_LEN];
    char created_at[STORE_TIME_LEN];
    char last_seen_at[STORE_TIME_LEN];
};

/* A new session for an existing user; DT_NOT_FOUND when there is no such user. */
enum dt_status store_sessions_create(struct store *st, const char *user_id, struct session *out);
/* Looks the session up and marks it seen now (last_seen_at); DT_NOT_FOUND when it is gone. */
enum dt_status store_sessions_resume(struct store *st, const char *session_id, struct session *out);
/* Looks the session up without marking it seen; DT_NOT_FOUND when it is gone. */
enum dt_status store_sessions_get(struct store *st, const char *session_id, struct session *out);
/* Marks activity on the session (last_seen_at = now). */
enum dt_status store_sessions_touch(struct store *st, const char *session_id);
enum dt_status store_sessions_end(struct store *st, const char *session_id);

#endif
