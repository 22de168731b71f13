/* The write side of the content tables, for the seed loader (seed/). Each put is an upsert that
 * changes a row only when its content changed, so loading the same content twice changes
 * nothing. A load is one transaction: store_content_begin ... puts ... store_content_finish. */
#ifndef DT_CONTENT_H
#define DT_CONTENT_H

#include <stdbool.h>

#include "competencies.h"
#include "progress.h"
#include "references.h"
#include "store.h"
#include "tools.h"

struct content_block {
    char id[STORE_ID_LEN];
    char part_id[8], module_id[8], exercise_id[8];
    int version;
    char full_exercise_id[32];
    const char *content_type; /* instruction, prompt, reflection, transition, celebration */
    const char *text;
    int display_order;
    const char *variant_group; /* NULL for all readers */
};

/* Opens the load's transaction. Until finish, every row a put names is remembered; finish
 * retires the rest (see docs/content-format.md, "What reseeding does"). */
enum dt_status store_content_begin(struct store *st);
/* Retires what the load did not name, then commits (status DT_OK) or rolls back. */
enum dt_status store_content_finish(struct store *st, enum dt_status status);

enum dt_status store_content_personality(struct store *st, const char *code, const char *name,
                                         const char *summary);
enum dt_status store_content_competency(struct store *st, const struct competency *c,
                                        const char *relevant_modules_json);
enum dt_status store_content_level(struct store *st, const char *competency_id,
                                   const struct competency_level *level);
/* A master-list skill; its id is stable for its case-folded name. id_out may be NULL. */
enum dt_status store_content_skill(struct store *st, const char *name, const char *category,
                                   char id_out[STORE_ID_LEN]);
enum dt_status store_content_tool(struct store *st, const struct tool_type *t);
enum dt_status store_content_reference(struct store *st, const struct reference *r);
enum dt_status store_content_title(struct store *st, const char *node_id, const char *kind,
                                   const char *title);
enum dt_status store_content_sequence(struct store *st, const struct exercise_ref *e);
enum dt_status store_content_block(struct store *st, const struct content_block *b);
enum dt_status store_content_prompt_input(struct store *st, const char *content_id,
                                          const char *prompt_key, const char *input_json);
enum dt_status store_content_source(struct store *st, const char *exercise_id,
                                    const char *reference_id, const char *usage_type,
                                    const char *notes);

/* The content folder last loaded (its absolute path), its fingerprint (SHA-256 hex of the
 * files) and signature (of their sizes and times); all "" when the database was never seeded.
 * dir_size is the size of dir. */
enum dt_status store_content_loaded(struct store *st, char *dir, size_t dir_size,
                                    char fingerprint[65], char signature[65]);
/* Records what was loaded (inside the load's transaction), or a new signature of the same. */
enum dt_status store_content_set_loaded(struct store *st, const char *dir, const char *fingerprint,
                                        const char *signature);

#endif
