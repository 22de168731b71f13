/* Record files (content/NAME.rec): records of "field: value" lines, separated by blank lines.
 * A line starting with white space continues the value above it (joined with one space);
 * a line starting with '#' is a comment. Fields may repeat where a format says so. */
#ifndef DT_SEED_REC_H
#define DT_SEED_REC_H

#include <stddef.h>

#include "diag.h"

struct rec_field {
    const char *name;
    char *value;      /* malloc'd */
    size_t len, room; /* of value: continuation lines append without measuring it again */
    int line;
};

struct rec {
    struct rec_field *fields;
    size_t n;
    int line; /* where the record starts */
};

struct rec_file {
    struct seed_source src;
    struct rec *recs;
    size_t n;
};

/* Reads and splits a record file; malformed lines are reported. -1 when unreadable. */
int rec_file_read(const char *path, struct rec_file *out, struct seed_diags *d);
void rec_file_free(struct rec_file *f);

/* The first field of that name, or NULL. */
const struct rec_field *rec_get(const struct rec *r, const char *name);
/* The value of a field that must be there and not be empty; reports and returns NULL if not. */
const char *rec_need(const struct rec_file *f, const struct rec *r, const char *name,
                     struct seed_diags *d);
/* Reports every field whose name is not in allowed (a NULL-terminated list of at most
 * REC_ALLOWED_MAX names), and every field given twice unless its name in allowed ends in '+'
 * (a repeatable field, e.g. "skill+"). */
#define REC_ALLOWED_MAX 32
void rec_only(const struct rec_file *f, const struct rec *r, const char *const *allowed,
              struct seed_diags *d);

#endif
