/* The checks behind the export file's reader (exchange.c): where in the file a check is (a JSON
 * path for the error), the forms ids, times and versions must have, and the values every part
 * of a file is made of. Internal to db/: exchange.c is the one user. */
#ifndef DT_EXCHANGE_CHECK_H
#define DT_EXCHANGE_CHECK_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "exchange.h"

#define PATH_MAX_LEN 256

/* Where the check is in the file, and where its verdict goes (EXCHANGE_ERR_LEN bytes). */
struct checker {
    char *err;
    char path[PATH_MAX_LEN];
    size_t path_len;
};

/* Adds to the path ("[3]", ".tools"); returns its length before, for checker_pop. */
size_t checker_push(struct checker *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void checker_pop(struct checker *c, size_t was);
/* Writes "PATH: what" into err and returns DT_INVALID. what is always dreamtree's own words
 * and ids of checked form, never the file's text. */
enum dt_status checker_fail(struct checker *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Forms. */
bool checker_is_hex_lower(char ch);
bool checker_is_module_id(const char *s);   /* "P.M" */
bool checker_is_exercise_id(const char *s); /* "P.M.E.vN" */
/* 1..max bytes, each a-z, 0-9, '-' or (when underscore) '_' */
bool checker_is_slug(const char *s, size_t max, bool underscore);
bool checker_is_time(const char *s); /* "YYYY-MM-DDTHH:MM:SSZ" as the store writes times */
/* a version number worth repeating back: digits and dots, at most 8 characters */
bool checker_looks_like_version(const char *s);
/* any C0 control, DEL or C1 control (U+0080..U+009F) */
bool checker_has_control(const char *s);

/* One member an object may have; take_members sets item (NULL when absent). */
struct member {
    const char *name;
    bool required;
    cJSON *item;
};

/* Sorts obj's members into m (by exact name), refusing unknown, repeated and missing ones. */
enum dt_status checker_take_members(struct checker *c, const cJSON *obj, struct member *m,
                                    size_t nm);

/* Values; each is called with the path already naming the value. Strings handed out point
 * into the parsed JSON; checker_take_compact's *out is malloc'd (caller frees). */
enum dt_status checker_want_string(struct checker *c, const cJSON *item, const char **out);
enum dt_status checker_take_time(struct checker *c, const cJSON *item, char out[STORE_TIME_LEN]);
enum dt_status checker_take_uuid(struct checker *c, const cJSON *item, char out[STORE_ID_LEN]);
/* A JSON value kept as compact text of at most max bytes. */
enum dt_status checker_take_compact(struct checker *c, const cJSON *item, size_t max, char **out);
/* An array (or, array false, an object) of at most EXCHANGE_MAX_ITEMS; how many in *n. */
enum dt_status checker_want_list(struct checker *c, const cJSON *item, bool array, size_t *n);

/* The index of the first item (in file order) whose key an earlier item has, or n. The keys
 * are n strings stride bytes apart from first. */
size_t checker_first_repeat(const char *first, size_t stride, size_t n);

#endif
