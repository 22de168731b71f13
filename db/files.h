/* Where dreamtree keeps its files: the database and the session file (the spec's cookie). */
#ifndef DT_FILES_H
#define DT_FILES_H

#include <stddef.h>

#include "status.h"

#define FILES_PATH_MAX 4096

/* The database path: $DREAMTREE_DB, else $XDG_DATA_HOME/dreamtree/dreamtree.db, else
 * $HOME/.local/share/dreamtree/dreamtree.db. With create_dir, makes the dreamtree folder (0700). */
enum dt_status store_files_database(char out[FILES_PATH_MAX], int create_dir);

/* The session file: $XDG_STATE_HOME/dreamtree/session, else $HOME/.local/state/dreamtree/session. */
enum dt_status store_files_session_file(char out[FILES_PATH_MAX], int create_dir);

/* The session file holds one line per database this account has used: "SESSION-ID DB-PATH",
 * so switching between databases (--db) resumes each one's own user.
 * Reads the session id (a UUID) kept for database db_path into id (37 bytes). DT_NOT_FOUND
 * when there is no file or no line for that database. */
enum dt_status store_files_read_session(const char *path, const char *db_path, char id[37]);
/* Sets the line for db_path to id, keeping the others; writes atomically with mode 0600. */
enum dt_status store_files_write_session(const char *path, const char *db_path, const char *id);

/* Writes data to $HOME/name (name without '/'), atomically and readable only by its owner
 * (0600), replacing an earlier export of the same name; out gets the path. DT_INVALID: no
 * absolute HOME. DT_IO: it could not be written. For files the person asked for (a resume). */
enum dt_status store_files_export(const char *name, const char *data, char out[FILES_PATH_MAX]);

/* Reads the whole regular file at path into *out (malloc'd, NUL-terminated; its length in *n).
 * DT_NOT_FOUND: no such file. DT_INVALID: not a regular file, or larger than max bytes (found
 * out before reading). DT_IO: it could not be read. */
enum dt_status store_files_read(const char *path, size_t max, char **out, size_t *n);

/* Makes every missing folder of dir with mode 0700. */
enum dt_status store_files_mkdirs(const char *dir);

#endif
