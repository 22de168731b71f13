/* Bulk loading and bare-SQLite baselines for the benchmarks (bench/); the program never calls
 * these. The loader skips the store's checks (the N-1 rule, JSON validation, content hashing,
 * foreign keys) so that a generator can write millions of rows quickly: its callers hand it data
 * that is already consistent. Values are always bound; every write transaction is BEGIN IMMEDIATE. */
#ifndef DT_BULK_H
#define DT_BULK_H

#include <stdbool.h>
#include <stddef.h>

#include "keywrap.h"
#include "store.h"

/* Rows as the spec's tables hold them; every string is borrowed for the call only. A claimed
 * user's rows are written as the store writes them (db/sealed.c): pass the user's keys and the
 * clear text, and the loader seals it with the field identity the store uses. */
struct store_bulk_user {
    const char *id;
    bool workbook_complete;
    const char *created_at, *updated_at;
    bool claimed; /* is_anonymous = 0; add the account with store_bulk_add_account */
};

struct store_bulk_response {
    const char *id, *user_id, *part_id, *module_id, *exercise_id;
    int version;
    const char *full_exercise_id, *response_json, *responded_at;
    const struct keyring *keys; /* NULL: anonymous, stored clear; else sealed with these */
};

struct store_bulk_tool {
    const char *id, *user_id, *tool_type, *origin, *content_json, *content_hash;
    const char *created_at, *updated_at;
    /* NULL: anonymous, stored clear with content_hash as given. Else content_json is sealed with
     * these and content_hash is ignored: the keyed hash of content_json is stored, so
     * content_json must be canonical (store_tools_canonical_json). */
    const struct keyring *keys;
};

/* What store_accounts_claim writes for a user: the auth row of type "password" (the password's
 * hash and the data key wrapped under it), the auth row of type "recovery" (the data key wrapped
 * under a fresh recovery code, which nobody is told) and the active emails row. Argon2id runs
 * three times at limits; the row ids are the caller's, so a generator stays repeatable. */
struct store_bulk_account {
    const char *user_id;
    const char *email; /* as store_accounts_email keeps it */
    const char *password;
    const struct keyring *keys; /* the user's data key; keys->owner is user_id */
    struct keywrap_limits limits;
    const char *password_row_id, *recovery_row_id, *email_row_id;
    const char *claimed_at;
};

struct store_bulk_module {
    const char *user_id, *module_id; /* module_id as user_modules names it: "1.1" */
    const char *first_completed_at, *last_modified_at;
};

/* Starts a load: switches the connection to loading pragmas (rollback journal in memory, no
 * fsync, a large page cache, foreign keys off), opens a write group and drops the secondary
 * indexes of the user tables (store_bulk_end builds them again). Must be called outside any
 * transaction. Until store_bulk_end returns the file is not crash-safe and its indexes are
 * missing: load into a scratch file and move it into place afterwards. */
enum dt_status store_bulk_begin(struct store *st);
/* A users row and its user_settings row (the spec's default colours and font). */
enum dt_status store_bulk_add_user(struct store *st, const struct store_bulk_user *u);
enum dt_status store_bulk_add_response(struct store *st, const struct store_bulk_response *r);
enum dt_status store_bulk_add_tool(struct store *st, const struct store_bulk_tool *t);
enum dt_status store_bulk_add_module(struct store *st, const struct store_bulk_module *m);
/* DT_NOMEM when Argon2id cannot get its memory. */
enum dt_status store_bulk_add_account(struct store *st, const struct store_bulk_account *a);
/* Commits the rows added so far and opens the next batch, so dirty pages stay bounded. */
enum dt_status store_bulk_commit_batch(struct store *st);
/* Commits (status DT_OK) or rolls back the last batch; after a commit, builds the dropped
 * indexes again from the schema's own DDL. Then restores the connection's normal pragmas (WAL,
 * synchronous FULL, foreign keys on). Returns the final status. */
enum dt_status store_bulk_end(struct store *st, enum dt_status status);

struct store_bulk_counts {
    long long users, user_settings, user_modules, exercise_responses, tool_instances;
    long long auth, emails;
    long long page_count, page_size;
};

/* Row counts of the user tables and the database's size in pages. */
enum dt_status store_bulk_count(struct store *st, struct store_bulk_counts *out);

/* Every user id in creation order. *ids is malloc'd (caller frees), *n its length. */
enum dt_status store_bulk_user_ids(struct store *st, char (**ids)[STORE_ID_LEN], size_t *n);

/* The bare-SQLite reference for a save: BEGIN IMMEDIATE, one INSERT of r into
 * exercise_responses, COMMIT, and nothing of store_responses_save's checks and bookkeeping.
 * r->id and r->responded_at are ignored: like a save, it makes a random id (written to id_out)
 * and takes the time from the store's clock. */
enum dt_status store_bulk_baseline_insert(struct store *st, const struct store_bulk_response *r,
                                          char id_out[STORE_ID_LEN]);

/* PRAGMA integrity_check over the whole database. DT_OK with *ok true when SQLite says "ok";
 * DT_OK with *ok false when it finds damage, and problem (may be NULL) then holds its findings
 * on one line, as many as fit (they name tables, indexes and pages, never a row's values).
 * Another status when the check itself could not run (DT_BUSY, DT_IO...). */
enum dt_status store_bulk_integrity_check(struct store *st, bool *ok, char problem[STORE_ERR_LEN]);

/* What a benchmark's writes changed, so that it can put the database back as it found it. */
struct store_bulk_undo {
    char response_id[STORE_ID_LEN]; /* the row the benchmark added; deleted by undo */
    char user_id[STORE_ID_LEN];     /* "": no user state to restore (a baseline row) */
    char module_key[16];            /* the module the save was in: "1.1" */
    bool had_module;                /* a user_modules row existed before */
    char first_completed_at[STORE_TIME_LEN], last_modified_at[STORE_TIME_LEN];
    bool workbook_complete;
    char updated_at[STORE_TIME_LEN];
};

/* Records the user's users row and user_modules row for module_key before a save; the caller
 * fills response_id after it. DT_NOT_FOUND when there is no such user. */
enum dt_status store_bulk_undo_note(struct store *st, const char *user_id, const char *module_key,
                                    struct store_bulk_undo *u);
/* Deletes the recorded rows and restores the recorded user state, in one transaction. It goes
 * from the last record to the first, so a user who saved twice gets back the state before the
 * first save. */
enum dt_status store_bulk_undo_apply(struct store *st, const struct store_bulk_undo *u, size_t n);

#endif
