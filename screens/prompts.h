/* An exercise's blocks and the person's answers to its prompts: loading them (the saved answer,
 * or the draft that supersedes it), turning a prompt into a field of its typed input, taking a
 * changed value (kept as a draft), and checking the required prompts. Shared by the exercise
 * screen and the competency assessment, which shows an exercise of its own. */
#ifndef DT_PROMPTS_H
#define DT_PROMPTS_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "app.h"
#include "exercises.h"

struct prompts {
    char full_exercise_id[32];
    struct exercise_block *blocks;
    size_t nblocks;
    cJSON **inputs; /* per block: the prompt's parsed input, NULL for other blocks */
    cJSON *answers; /* prompt key -> value, as response_json keeps it */
    bool answered;  /* the user has a saved response */
};

/* Loads the exercise's blocks and the user's answers (a draft wins over the saved response,
 * and says so with a note). Free with prompts_free. */
enum dt_status prompts_load(struct prompts *p, struct app *a, const char *full_exercise_id);
void prompts_free(struct prompts *p);

/* The document role of a block type ("instruction", "reflection"...). */
enum doc_role prompts_role(const char *content_type);
/* Adds the field of prompt block i (its input, limits, options and current answer) to d. */
void prompts_field(const struct prompts *p, size_t i, struct doc *d);
/* Takes a changed value for one of the prompts and keeps the answers as a draft.
 * SCREEN_UNHANDLED when the field is not one of the prompts. */
enum screen_result prompts_change(struct prompts *p, struct app *a, const struct tui_event *ev);
/* True when every required prompt (but those skip says to leave out; skip may be NULL) has a
 * usable answer; otherwise an error names the first that has not. */
bool prompts_complete(const struct prompts *p, struct app *a, bool (*skip)(const char *key, void *),
                      void *ctx);
/* The answers as JSON text (cJSON_free it); NULL when out of memory. */
char *prompts_json(const struct prompts *p);

#endif
