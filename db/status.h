/* dreamtree status codes: every fallible function in db/ and seed/ returns one of these.
 * Only the UI turns them into words, with dt_status_message(). */
#ifndef DT_STATUS_H
#define DT_STATUS_H

#define DT_STATUS_LIST(X)                                                                          \
    X(DT_OK, "done")                                                                               \
    X(DT_NOT_FOUND, "not found")                                                                   \
    X(DT_INVALID, "invalid input")                                                                 \
    X(DT_DUPLICATE, "already exists")                                                              \
    X(DT_LOCKED, "not unlocked yet")                                                               \
    X(DT_NOT_DREAMTREE, "not a dreamtree database")                                                \
    X(DT_TOO_NEW, "database was written by a newer dreamtree")                                     \
    X(DT_SCHEMA_CHANGED, "database structure was changed outside dreamtree")                       \
    X(DT_CORRUPT, "database file is damaged")                                                      \
    X(DT_BUSY, "database is busy; another dreamtree is writing")                                   \
    X(DT_READONLY, "database cannot be written")                                                   \
    X(DT_IO, "file could not be read or written")                                                  \
    X(DT_DB, "database error")                                                                     \
    X(DT_NOMEM, "out of memory")                                                                   \
    X(DT_KEY_LOCKED, "your workbook is locked: enter your password to open it")                    \
    X(DT_UNREADABLE, "cannot be read: it was changed outside dreamtree, or is not yours")          \
    X(DT_WRONG_PASSWORD, "that email and password do not match an account")                        \
    X(DT_THROTTLED, "too many wrong tries: wait a little, then try again")

enum dt_status {
#define DT_STATUS_ENUM(name, text) name,
    DT_STATUS_LIST(DT_STATUS_ENUM)
#undef DT_STATUS_ENUM
};

/* A static string; never NULL. */
const char *dt_status_message(enum dt_status status);

#endif
