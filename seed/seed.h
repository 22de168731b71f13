/* The seed pipeline: reads content/ (docs/content-format.md), checks it, and loads it into a
 * store in the spec's order (section 10), in one transaction, idempotently. */
#ifndef DT_SEED_H
#define DT_SEED_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "status.h"
#include "store.h"

struct seed_content;

struct seed_counts {
    size_t tools, personality_types, competencies, levels, skills, references, parts, modules,
        exercises, blocks, prompts, sources;
    size_t variants; /* the variant groups' copies of exercises, all told */
};

/* Reads and checks the content folder dir. Every problem is added to d as "file:line: message".
 * DT_OK: no problems. DT_INVALID: problems (*out is still set, for counting). DT_NOMEM.
 * Free *out with seed_content_free. */
enum dt_status seed_check_dir(const char *dir, struct seed_content **out, struct seed_diags *d);
/* Loads checked content: one transaction; rows change only where content changed; user data is
 * never touched. When dir and fingerprint are given, they are recorded as what was loaded, with
 * signature (the files' sizes and times, may be NULL) for seed_is_stale's quick check. */
enum dt_status seed_load(struct store *st, const struct seed_content *c, const char *dir,
                         const char *fingerprint, const char *signature);
/* SHA-256 (hex) over the names and bytes of every content file in dir, in reading order: it
 * changes when any content changes. DT_IO when the folder cannot be read. */
enum dt_status seed_fingerprint(const char *dir, char out[65]);
/* seed_check_dir then, when it is clean, seed_load, recording the folder (absolute) and its
 * fingerprint. */
enum dt_status seed_run(struct store *st, const char *dir, struct seed_diags *d,
                        struct seed_counts *counts);

/* True when the database holds content: it has been seeded at least once. */
bool seed_is_loaded(struct store *st);
/* True when the interactive start should load dir: the database was never seeded, or it was
 * seeded from this same folder and the folder has changed since (a new release). A database
 * seeded from another folder on purpose is left as it is. */
bool seed_is_stale(struct store *st, const char *dir);

void seed_content_counts(const struct seed_content *c, struct seed_counts *counts);
void seed_content_free(struct seed_content **c);

#endif
