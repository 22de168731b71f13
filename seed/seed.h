/* The seed pipeline: reads content/ (docs/content-format.md), checks it, and loads it into a
 * store in the spec's order (section 10), in one transaction, idempotently. */
#ifndef DT_SEED_H
#define DT_SEED_H

#include <stddef.h>

#include "diag.h"
#include "status.h"
#include "store.h"

struct seed_content;

struct seed_counts {
    size_t tools, personality_types, competencies, levels, skills, references, parts, modules,
        exercises, blocks, prompts, sources;
};

/* Reads and checks the content folder dir. Every problem is added to d as "file:line: message".
 * DT_OK: no problems. DT_INVALID: problems (*out is still set, for counting). DT_NOMEM.
 * Free *out with seed_content_free. */
enum dt_status seed_check_dir(const char *dir, struct seed_content **out, struct seed_diags *d);
/* Loads checked content: one transaction; rows change only where content changed; user data is
 * never touched. */
enum dt_status seed_load(struct store *st, const struct seed_content *c);
/* seed_check_dir then, when it is clean, seed_load. */
enum dt_status seed_run(struct store *st, const char *dir, struct seed_diags *d,
                        struct seed_counts *counts);

void seed_content_counts(const struct seed_content *c, struct seed_counts *counts);
void seed_content_free(struct seed_content **c);

#endif
