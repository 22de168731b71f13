/* The store: dreamtree's one connection to its SQLite database.
 * db/ is the only code that knows SQL; everything else sees plain structs.
 * One struct store per process (per SSH connection on a shared server).
 *
 * Lists come back as a malloc'd array and a count (struct x **out, size_t *n). An array of plain
 * structs (no pointers inside) is freed with free(). An array whose elements own memory has
 * store_<module>_..._free(&list, n), which frees the elements and the array and sets the
 * pointer to NULL (NULL-safe); its function's comment names it.
 *
 * A claimed user's writing (response_json, draft_json, content_json) is sealed on its way in
 * and opened on its way out (docs/security.md), with the keys the store holds once the user
 * has unlocked (accounts.h). Without them those calls give DT_KEY_LOCKED; a sealed value that
 * does not open gives DT_UNREADABLE. Callers see clear text only. */
#ifndef DT_STORE_H
#define DT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

#define STORE_ID_LEN 37   /* a UUID and its NUL */
#define STORE_TIME_LEN 21 /* "2026-11-25T16:42:04Z" and its NUL */
#define STORE_ERR_LEN 256

/* The application_id written into every dreamtree database header ("DTre"). */
#define STORE_APPLICATION_ID 0x44547265

struct store;

enum store_open_mode {
    STORE_OPEN_CREATE,   /* create (0600) and migrate when the file is missing */
    STORE_OPEN_EXISTING, /* DT_NOT_FOUND when the file is missing */
    STORE_OPEN_READONLY, /* DT_NOT_FOUND when missing; for reading only, so it works on a file or
                          * folder you cannot write (every write fails with DT_READONLY); a
                          * database of an older schema is opened for writing, to update it */
};

/* Opens the database at path (":memory:" for a private in-memory one), refuses anything that is
 * not a dreamtree database without writing to it, and migrates it to the current schema. The
 * writing modes refuse with DT_READONLY a database whose file or folder cannot be written.
 * On success *out is a new store (free with store_close); on failure *out is NULL and, when err
 * is not NULL, err holds a one-line explanation (it never contains user-written text). */
enum dt_status store_open(const char *path, enum store_open_mode mode, struct store **out,
                          char err[STORE_ERR_LEN]);

/* Closes the connection and frees the store; sets *st to NULL. NULL-safe. */
void store_close(struct store **st);

/* Detail of the last failure on this store (static until the next call); "" when none. */
const char *store_last_error(const struct store *st);

/* The store's clock. unix_seconds > 0 pins it (tests, DREAMTREE_NOW); 0 returns to real time. */
void store_set_now(struct store *st, int64_t unix_seconds);
int64_t store_now(const struct store *st);
/* store_now() as ISO 8601 UTC text. */
void store_now_text(const struct store *st, char out[STORE_TIME_LEN]);

/* ISO 8601 UTC ("YYYY-MM-DDTHH:MM:SSZ") to and from unix seconds. parse returns 0 on success. */
void store_time_format(int64_t unix_seconds, char out[STORE_TIME_LEN]);
int store_time_parse(const char *text, int64_t *unix_seconds);

/* A random (version 4) UUID. */
void store_uuid_random(char out[STORE_ID_LEN]);
/* A stable UUID (version 8, RFC 9562) made from the SHA-256 of key: the same key, the same id.
 * The seed pipeline names content rows this way so that reseeding finds them again. */
void store_uuid_stable(const char *key, char out[STORE_ID_LEN]);

/* Copies src (NULL: "") into dst of size bytes, cutting at a UTF-8 character boundary. */
void store_copy_text(char *dst, size_t size, const char *src);

/* Drops an incomplete UTF-8 sequence from the end of s (left by a cut, e.g. by snprintf). */
void store_trim_partial_utf8(char *s);

/* The schema version this build writes (PRAGMA user_version after migration). */
int store_schema_version(void);

/* Whole-store write transactions for callers that group several store calls (the seed loader).
 * Every store write function also opens its own BEGIN IMMEDIATE transaction; inside a group it
 * joins the group instead. store_group_end commits when status is DT_OK and every member
 * succeeded, else rolls back; it returns the final status. */
enum dt_status store_group_begin(struct store *st);
enum dt_status store_group_end(struct store *st, enum dt_status status);

#endif
