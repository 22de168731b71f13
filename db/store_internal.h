/* Shared by the files of db/ only: the store's insides and the statement helpers. */
#ifndef DT_STORE_INTERNAL_H
#define DT_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "keywrap.h"
#include "store.h"

struct store_cached_stmt {
    const char *sql; /* a string literal: the cache key is its address */
    sqlite3_stmt *stmt;
};

struct store {
    sqlite3 *db;
    int64_t fixed_now;
    int tx_depth;
    bool tx_failed;
    int ncached, cache_cap;
    struct store_cached_stmt *cache; /* grows; one entry per SQL literal that db/ uses */
    char err[STORE_ERR_LEN];
    struct keyring *keys;          /* the unlocked user's keys (accounts.c), NULL when none */
    struct keywrap_limits kdf;     /* Argon2id's cost for new hashes and wraps */
    void (*kdf_notice)(void *ctx); /* told when a password hash waits for a turn */
    int64_t busy_since_ms;         /* when the current wait for another writer began */
    void *kdf_notice_ctx;
};

/* A prepared statement for a literal SQL string, from the cache. The caller binds, steps, and
 * must call store_stmt_done() before returning, so no statement stays open across a keystroke.
 * NULL on failure (detail in st->err). */
sqlite3_stmt *store_stmt(struct store *st, const char *sql);
void store_stmt_done(sqlite3_stmt *stmt);

/* Maps an SQLite result code to a status and records the detail in st->err. */
enum dt_status store_fail(struct store *st, int rc);

/* Write transaction: BEGIN IMMEDIATE at the outermost level, join otherwise. */
enum dt_status store_write_begin(struct store *st);
/* Commits (outermost level, status DT_OK) or rolls back; returns the final status. */
enum dt_status store_write_end(struct store *st, enum dt_status status);

/* Binds one value per letter of types to ?1..?n, in order: 't' a const char * (NULL binds SQL
 * NULL; text is bound as a copy), 'i' an int, 'I' an sqlite3_int64. There must be exactly as
 * many letters as the statement has parameters: a mismatch is a mistake in db/, so it stops a
 * debug or test build (assert) and otherwise returns DT_DB with the detail in st->err and the
 * statement reset, as does a value SQLite refuses. */
enum dt_status store_bind(struct store *st, sqlite3_stmt *stmt, const char *types, ...);

/* Reading helpers. */
/* Copies column text into buf (NUL-terminated, cut at a UTF-8 character boundary); "" for NULL. */
void store_col_copy(sqlite3_stmt *stmt, int col, char *buf, size_t size);
/* A malloc'd copy of column text (caller frees); NULL for SQL NULL. */
char *store_col_dup(sqlite3_stmt *stmt, int col);

/* Runs a cached statement that returns no rows, binding one argument per letter of types to
 * ?1..?n as store_bind does. */
enum dt_status store_run(struct store *st, const char *sql, const char *types, ...);

/* Steps a bound statement to its end, appending one element of elem_size per row to a malloc'd
 * array: out_array is the address of the caller's array pointer (struct x **), read fills one
 * zeroed element and returns 0 (or -1 for out of memory). The statement is reset. On failure
 * the array is freed (after clear, when given, runs on each filled element) and *n is 0. */
enum dt_status store_collect(struct store *st, sqlite3_stmt *stmt, void *out_array, size_t *n,
                             size_t elem_size, int (*read)(sqlite3_stmt *, void *elem),
                             void (*clear)(void *elem));

/* Steps a bound statement expected to give at most one row: read fills *out from it (0, or -1
 * for out of memory). DT_NOT_FOUND when there is no row. The statement is reset. */
enum dt_status store_one(struct store *st, sqlite3_stmt *stmt, void *out,
                         int (*read)(sqlite3_stmt *, void *out));

/* The first column of the one row a bound statement gives, as text into out (size bytes);
 * DT_NOT_FOUND when there is no row. The statement is reset. */
enum dt_status store_one_text(struct store *st, sqlite3_stmt *stmt, char *out, size_t size);
/* Runs one statement that needs no parameters and returns no rows (pragmas, DDL). */
enum dt_status store_exec(struct store *st, const char *sql);

/* Sealing (sealed.c, docs/security.md). The columns that hold writing, by name. */
#define SEALED_RESPONSE "exercise_responses.response_json"
#define SEALED_DRAFT "drafts.draft_json"
#define SEALED_TOOL "tool_instances.content_json"
/* Whether user_id has claimed their workbook (an auth row of type "password"). */
enum dt_status store_user_claimed(struct store *st, const char *user_id, bool *claimed);
/* What to store for clear text in column table_column of the row named key (the full exercise
 * id, or the tool instance id): for a claimed user *stored is the malloc'd envelope (free it);
 * for an anonymous one *stored is NULL and the clear text is stored. DT_KEY_LOCKED for a
 * claimed user whose keys the store does not hold; DT_INVALID for clear text that looks like
 * an envelope. Call it inside the write transaction, so a claim by another process in between
 * cannot let clear text in. */
enum dt_status store_seal(struct store *st, const char *user_id, const char *table_column,
                          const char *key, const char *clear, char **stored);
/* Opens *text (malloc'd, read from table_column of key's row of user_id) in place when it is
 * sealed: DT_KEY_LOCKED without the user's keys, DT_UNREADABLE when it does not open (then
 * *text is unchanged). Clear text is left as it is. */
enum dt_status store_unseal(struct store *st, const char *user_id, const char *table_column,
                            const char *key, char **text);
/* A tool entry's content_hash: SHA-256 for an anonymous user, keyed for a claimed one. */
enum dt_status store_content_hash_for(struct store *st, const char *user_id, const char *json,
                                      char out[65]);
/* Zeroes a malloc'd string that held clear writing, then frees it. NULL-safe. */
void store_wipe_free(char *text);

/* Registers the SQL functions dt_fold() and dt_fold_key() (base/fold.h) on a connection
 * (skills.c); SQLITE_OK on success. */
int store_skills_register_sql(sqlite3 *db);

/* Migrations (migrate.c): brings the schema to store_schema_version(). */
enum dt_status store_migrate(struct store *st);

/* The migrations (migrations.c): store_migrations[v] holds the SQL scripts, NULL-terminated, that
 * bring a database from schema version v to v + 1. */
#define STORE_MIGRATION_COUNT 9
extern const char *const *const store_migrations[STORE_MIGRATION_COUNT];

/* The fingerprint of a database's structure (fingerprint.c): a hash over every table, column,
 * index, trigger and view, in name order (rowid pages and SQLite's own objects left out), so
 * it does not change with the data but does with any change to the structure. */
#define STORE_FINGERPRINT_HEX 65 /* 32 bytes in hex and a NUL */
/* Returns an SQLite result code (SQLITE_OK on success). */
int store_schema_fingerprint(sqlite3 *db, char out[STORE_FINGERPRINT_HEX]);

/* What store_schema_fingerprint gives for a database made by the first v migrations, for v from 0
 * to STORE_MIGRATION_COUNT: worked out at build time from the embedded SQL (fingerprint_gen.c). */
extern const char *const dt_schema_fingerprints[STORE_MIGRATION_COUNT + 1];

#endif
