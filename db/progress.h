/* Progression (spec 4.2 and 12): strictly linear access, tool unlocks, module completion. */
#ifndef DT_PROGRESS_H
#define DT_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

#define PROGRESS_TITLE_LEN 256

struct exercise_ref {
    char full_exercise_id[32]; /* "1.1.1.v1" */
    char part_id[8];
    char module_id[8];   /* within the part: "1" */
    char module_key[16]; /* part.module, as user_modules names it: "1.1" */
    char exercise_id[8];
    int version;
    int sequence_order;
    char unlocks_tool[40]; /* "" when it unlocks none */
    bool is_required;
    char title[PROGRESS_TITLE_LEN];
};

struct module_progress {
    char module_key[16];
    char part_id[8];
    char title[PROGRESS_TITLE_LEN];
    int exercises, answered;                 /* all exercises of the module */
    int required, required_answered;         /* is_required = 1 only */
    bool complete;                           /* every required exercise answered */
    char first_completed_at[STORE_TIME_LEN]; /* "" until the module is first completed */
    char last_modified_at[STORE_TIME_LEN];
};

/* The spec's current position: the highest sequence_order answered; 0 when none. */
enum dt_status store_progress_position(struct store *st, const char *user_id, int *position);
/* The next exercise (position + 1). DT_NOT_FOUND when the user is at the end (or there is none). */
enum dt_status store_progress_next(struct store *st, const char *user_id, struct exercise_ref *out);
/* One exercise of the sequence by its full id. */
enum dt_status store_progress_exercise(struct store *st, const char *full_exercise_id,
                                       struct exercise_ref *out);
/* The whole sequence in order; *out is malloc'd (caller frees), *n its length. */
enum dt_status store_progress_sequence(struct store *st, struct exercise_ref **out, size_t *n);
/* The N-1 rule: the first exercise, one whose predecessor is answered, or one already answered. */
enum dt_status store_progress_may_open(struct store *st, const char *user_id,
                                       const char *full_exercise_id, bool *may_open);
/* True once the user has answered the exercise whose unlocks_tool is tool_id. */
enum dt_status store_progress_tool_unlocked(struct store *st, const char *user_id,
                                            const char *tool_id, bool *unlocked);
/* Module completion by is_required; module_key is "part.module" ("1.1"). */
enum dt_status store_progress_module_complete(struct store *st, const char *user_id,
                                              const char *module_key, bool *complete);
/* Every module in workbook order with the user's progress; *out is malloc'd (caller frees). */
enum dt_status store_progress_modules(struct store *st, const char *user_id,
                                      struct module_progress **out, size_t *n);
/* The title of a part ("1"), module ("1.1") or exercise ("1.1.1.v1"); "" when it has none. */
enum dt_status store_progress_title(struct store *st, const char *node_id, char *out, size_t size);

/* Sets the user's workbook_complete from the answers they have (after an import). */
enum dt_status store_progress_recount(struct store *st, const char *user_id);
/* For responses.c, inside its write transaction: after a save in part/module, sets
 * user_modules (first_completed_at once, last_modified_at on every later edit) and
 * users.workbook_complete. */
enum dt_status store_progress_after_save(struct store *st, const char *user_id, const char *part_id,
                                         const char *module_id);

#endif
