/* Diagnostics of the content pipeline: "file:line: message", collected in order. */
#ifndef DT_SEED_DIAG_H
#define DT_SEED_DIAG_H

#include <stddef.h>

/* At most this many problems are kept, in the order found: a hostile file can hold millions. */
#define SEED_DIAGS_KEPT 100

struct seed_diags {
    char **items; /* the first problems found (at most SEED_DIAGS_KEPT), malloc'd strings */
    size_t n, cap;
    size_t more; /* problems found after those, counted but not kept */
};

/* Adds "file:line: message" (line 0 leaves out the line), or only counts it once
 * SEED_DIAGS_KEPT are kept. printf-style. */
void seed_diag(struct seed_diags *d, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void seed_diags_free(struct seed_diags *d);
/* Every problem found: those kept and those only counted. */
size_t seed_diags_count(const struct seed_diags *d);

/* A whole file read into memory, checked line by line: invalid UTF-8, control characters
 * (other than tab) and tag characters (U+E0000-U+E007F) are reported with their line. Lines are split in place (NUL-terminated,
 * a trailing "\r" dropped). */
struct seed_source {
    char *path;
    char *data;
    char **lines;
    size_t nlines;
};

/* 0 when the file was read (even with diagnostics), -1 when it could not be. */
int seed_source_read(const char *path, struct seed_source *src, struct seed_diags *d);
void seed_source_free(struct seed_source *src);

#endif
