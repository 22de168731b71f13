/* What accounts.c and accounts_owner.c share: the auth rows, the wraps made for them, and the
 * password check. Internal to db/; callers hold a sign-in turn (signin_guard.h). */
#ifndef DT_ACCOUNTS_INTERNAL_H
#define DT_ACCOUNTS_INTERNAL_H

#include "accounts.h"
#include "keywrap.h"
#include "store.h"

/* The user's active email address ("" and DT_NOT_FOUND when there is none). */
enum dt_status accounts_active_email(struct store *st, const char *user_id,
                                     char out[ACCOUNTS_EMAIL_LEN]);
/* The auth row of type kind ("password" or "recovery"): its hash (hash may be NULL), its wrap
 * (malloc'd; the caller frees) and, when created_at is not NULL, when it was made. */
enum dt_status accounts_auth_row(struct store *st, const char *user_id, const char *kind,
                                 char hash[KEYWRAP_HASH_LEN], char **wrapped, char *created_at);
/* The user whose active email this is, among claimed accounts. */
enum dt_status accounts_user_by_email(struct store *st, const char *email,
                                      char user_out[STORE_ID_LEN]);

/* The auth row of kind written anew (put) or changed in place (update: DT_NOT_FOUND when
 * there is none); inside the caller's write transaction. */
enum dt_status accounts_put_auth(struct store *st, const char *user_id, const char *kind,
                                 const char *hash, const char *wrapped);
enum dt_status accounts_update_auth(struct store *st, const char *user_id, const char *kind,
                                    const char *hash, const char *wrapped);
/* The password's hash and k wrapped under it, with the store's limits; *wrapped malloc'd. */
enum dt_status accounts_make_password(struct store *st, const struct keyring *k,
                                      const char *password, char hash[KEYWRAP_HASH_LEN],
                                      char **wrapped);
/* A new recovery code and k wrapped under it; *wrapped malloc'd. */
enum dt_status accounts_make_recovery(struct store *st, const struct keyring *k,
                                      char code[KEYWRAP_RECOVERY_LEN], char **wrapped);

/* Folds the log into the file and empties it, so pages that held clear text are gone from
 * the -wal too (docs/security.md). Best effort. */
void accounts_fold_log(struct store *st);

/* Checks password for user_id against its hash, counting a failure under the throttle keys
 * akey and skey (*wait: seconds to wait when throttled or wrong). On success, when keys is not
 * NULL, *keys are the unwrapped keys (the caller owns them), or NULL when the store already
 * holds them. A hash made with other limits than the store's is made again. */
enum dt_status accounts_check_password(struct store *st, const char *user_id, const char *akey,
                                       const char *skey, const char *password, int *wait,
                                       struct keyring **keys);
/* accounts_check_password for user_id's account, throttled under its email address and source
 * ("local", or the SSH key's); DT_INVALID when user_id has no account. */
enum dt_status accounts_check_user(struct store *st, const char *user_id, const char *password,
                                   const char *source, int *wait, struct keyring **keys);
/* The store holds k (and frees the keys it held before); k NULL changes nothing. */
void accounts_hold_keys(struct store *st, struct keyring *k);

#endif
