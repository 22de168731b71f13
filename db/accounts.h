/* Accounts (spec 2.2 and 2.3, DESIGN.md 4, docs/security.md): claiming a workbook with an email
 * and a password, unlocking it for one session, and what an account's owner can change.
 *
 * A claimed user has two auth rows: type "password" (password_hash: Argon2id; wrapped_data_key:
 * the data key wrapped under the password) and type "recovery" (no hash; the data key wrapped
 * under the one-time recovery code). The store holds the keys of at most one user at a time,
 * from unlock (or claim, or recover) until store_accounts_lock or store_close, which zero them.
 *
 * The slow part of every call (Argon2id) runs before the write transaction opens, so a
 * password check never holds the database's write lock. Sign-in failures are counted per
 * account and per source (login_throttle): DT_THROTTLED, with the seconds to wait, until the
 * wait is over. An unknown email and a wrong password give the same DT_WRONG_PASSWORD after
 * the same work. */
#ifndef DT_ACCOUNTS_H
#define DT_ACCOUNTS_H

#include <stdbool.h>

#include "keywrap.h"
#include "store.h"

#define ACCOUNTS_EMAIL_LEN 255     /* 254 bytes, as mail allows, and a NUL */
#define ACCOUNTS_PASSWORD_MIN 10   /* characters */
#define ACCOUNTS_PASSWORD_MAX 1024 /* bytes */

struct account {
    bool claimed;
    char email[ACCOUNTS_EMAIL_LEN]; /* the active address; "" when not claimed */
    char claimed_at[STORE_TIME_LEN];
};

/* An email as it is kept: spaces around it trimmed, lower case by Unicode's full case mapping,
 * in NFC. NULL when it is one, else a sentence saying why not (static). */
const char *store_accounts_email(const char *typed, char out[ACCOUNTS_EMAIL_LEN]);
/* NULL when password may be used, else a sentence saying why not (static). */
const char *store_accounts_password_problem(const char *password);

/* Argon2id's cost for the hashes and wraps this store makes (keywrap_test_limits in tests and
 * the benchmark's generator; the program keeps the default). */
void store_accounts_set_limits(struct store *st, struct keywrap_limits limits);

/* At most as many password hashes run at once as the machine has cores, across every process
 * on this database; notice(ctx) is called when this one has to wait for a turn (to say so). */
void store_accounts_on_wait(struct store *st, void (*notice)(void *ctx), void *ctx);

enum dt_status store_accounts_get(struct store *st, const char *user_id, struct account *out);
/* True when the store holds user_id's keys. */
bool store_accounts_unlocked(const struct store *st, const char *user_id);

/* Claims user_id's workbook: the email (DT_DUPLICATE when another account has it) and password
 * (DT_INVALID when either is refused: store_last_error says why), a new data key, and every
 * answer, draft and tool entry the user already wrote sealed, all in one transaction. Then the
 * log is folded into the file and emptied, so no clear copy stays (docs/security.md). On DT_OK
 * the store holds the keys and recovery holds the one-time code to show the person. */
enum dt_status store_accounts_claim(struct store *st, const char *user_id, const char *email,
                                    const char *password, char recovery[KEYWRAP_RECOVERY_LEN]);

/* Unlocks a claimed user's writing with their password. source names where the attempt comes
 * from ("local", or an SSH key's fingerprint). DT_WRONG_PASSWORD, or DT_THROTTLED with *wait
 * the seconds left (wait may be NULL). */
enum dt_status store_accounts_unlock(struct store *st, const char *user_id, const char *password,
                                     const char *source, int *wait);
/* The same from an email: on DT_OK user_out is the account's user id and the store holds its
 * keys. */
enum dt_status store_accounts_sign_in(struct store *st, const char *email, const char *password,
                                      const char *source, char user_out[STORE_ID_LEN], int *wait);
/* Zeroes and forgets the keys the store holds. */
void store_accounts_lock(struct store *st);

/* Sets a new password after checking the current one; only the key's wrap changes. */
enum dt_status store_accounts_change_password(struct store *st, const char *user_id,
                                              const char *current, const char *new_password);
/* A new recovery code (the old one stops working), after checking the password. */
enum dt_status store_accounts_new_recovery(struct store *st, const char *user_id,
                                           const char *password,
                                           char recovery[KEYWRAP_RECOVERY_LEN]);
/* Opens an account with its recovery code and sets a new password. The code is then used up:
 * new_recovery holds the next one. On DT_OK user_out is the account and the store holds its
 * keys. DT_WRONG_PASSWORD for a wrong code or unknown email. */
enum dt_status store_accounts_recover(struct store *st, const char *email, const char *code,
                                      const char *new_password, const char *source,
                                      char user_out[STORE_ID_LEN],
                                      char new_recovery[KEYWRAP_RECOVERY_LEN], int *wait);
/* Makes new_email the active address, after checking the password. */
enum dt_status store_accounts_change_email(struct store *st, const char *user_id,
                                           const char *password, const char *new_email);
/* Deletes the account and all that is the user's (spec section 8), when typed_email is the
 * account's address and the password is right. */
enum dt_status store_accounts_delete(struct store *st, const char *user_id, const char *typed_email,
                                     const char *password);

#endif
