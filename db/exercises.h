/* Reading the workbook for the screens: an exercise's content blocks, and the contents outline
 * (parts, modules, exercises) with one user's state for every exercise. */
#ifndef DT_EXERCISES_H
#define DT_EXERCISES_H

#include <stddef.h>

#include "progress.h"
#include "store.h"

struct exercise_block {
    char id[STORE_ID_LEN]; /* exercise_content.id */
    char content_type[16]; /* instruction, prompt, reflection, transition, celebration */
    char *content_text;    /* malloc'd */
    int display_order;
    char prompt_key[48]; /* prompts: prompt_inputs.prompt_key; "" for other blocks */
    char *input_json;    /* prompts: prompt_inputs.input_json (malloc'd); NULL otherwise */
};

/* The active blocks (is_active = 1) of one exercise in display_order, as variant_group sees
 * them: that group's blocks when the exercise has any, else the control's (the blocks with no
 * group or the group 'control'); NULL reads the control. A variant replaces the control's
 * blocks whole (docs/content-format.md, "Variants"). *out is malloc'd:
 * free it with store_exercises_blocks_free. DT_NOT_FOUND when the exercise has no such blocks
 * and is not in the sequence either; an exercise of the sequence with no blocks is DT_OK, *n 0. */
enum dt_status store_exercises_blocks(struct store *st, const char *full_exercise_id,
                                      const char *variant_group, struct exercise_block **out,
                                      size_t *n);
/* Frees the texts of n blocks and the array, and sets *blocks to NULL. NULL-safe. */
void store_exercises_blocks_free(struct exercise_block **blocks, size_t n);

/* A user's state for one exercise, by the progression rules of db/progress.c. */
enum exercise_state {
    EXERCISE_LOCKED, /* may not be opened yet (the N-1 rule) */
    EXERCISE_OPEN,   /* may be opened but is neither answered nor the next one */
    EXERCISE_NEXT,   /* the next exercise (store_progress_next) */
    EXERCISE_DONE,   /* answered: the user has a response to it */
};

struct outline_exercise {
    struct exercise_ref ref; /* full id, title, sequence_order, is_required, unlocks_tool... */
    enum exercise_state state;
};

struct outline_module {
    struct module_progress progress;   /* module_key, part_id, title, counts, complete */
    size_t first_exercise, nexercises; /* its exercises: a range of exercise_outline.exercises */
};

struct outline_part {
    char part_id[8];
    char title[PROGRESS_TITLE_LEN]; /* "" when the part has no title */
    size_t first_module, nmodules;  /* its modules: a range of exercise_outline.modules */
};

/* The contents screen: all in workbook order. The three arrays are malloc'd; free them with
 * store_exercises_outline_free. */
struct exercise_outline {
    struct outline_part *parts;
    size_t nparts;
    struct outline_module *modules;
    size_t nmodules;
    struct outline_exercise *exercises;
    size_t nexercises;
};

/* Every part, module and exercise with the user's state per exercise. DT_NOT_FOUND: no such
 * user. On failure *out is empty. */
enum dt_status store_exercises_outline(struct store *st, const char *user_id,
                                       struct exercise_outline *out);
/* Frees the arrays and empties *o. NULL-safe. */
void store_exercises_outline_free(struct exercise_outline *o);

/* A short name for a state ("locked", "open", "next", "done"). */
const char *store_exercises_state_name(enum exercise_state state);

#endif
