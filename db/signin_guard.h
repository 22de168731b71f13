/* For accounts.c only: the guards around a password check (docs/security.md, "Unlocking and
 * throttling"). Failures are counted in login_throttle per account (the SHA-256 of the
 * normalised email) and per source, with waits doubling from 1 s to 15 min; and at most as many
 * password hashes run at once as there are cores, each holding a turn (an flock on one of the
 * files DB.kdf-N beside the database). */
#ifndef DT_SIGNIN_GUARD_H
#define DT_SIGNIN_GUARD_H

#include <stdbool.h>

#include "store.h"

#define THROTTLE_KEY_LEN 200

/* A turn to hash (fd -1: none needed, a database in memory). */
struct signin_turn {
    int fd;
};
/* Takes a free turn, or says so (the store's notice) and waits for one. */
struct signin_turn signin_guard_take_turn(struct store *st);
void signin_guard_give_turn(struct signin_turn *t);

/* The throttle's keys: "account:" and the email's hash; "source:" and the source. */
void signin_guard_account_key(const char *email, char out[THROTTLE_KEY_LEN]);
void signin_guard_source_key(const char *source, char out[THROTTLE_KEY_LEN]);
/* Seconds until key may try again (0: now). */
enum dt_status signin_guard_left(struct store *st, const char *key, int *left);
/* DT_THROTTLED (with *wait, may be NULL) while either key must wait, else DT_OK. */
enum dt_status signin_guard_throttled(struct store *st, const char *akey, const char *skey,
                                      int *wait);
/* One more failure for the account and the source, in a write transaction. */
enum dt_status signin_guard_fail(struct store *st, const char *akey, const char *skey);
/* A success clears the account's count (the source's is forgotten an hour after its last). */
enum dt_status signin_guard_clear(struct store *st, const char *akey);

#endif
