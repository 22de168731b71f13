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
#include "input_spec.h"

struct prompts {
    char full_exercise_id[32];
    struct exercise_block *blocks;
    size_t nblocks;
    struct input_spec **inputs; /* per block: the prompt's input, read once at load; NULL for
                                 * other blocks (and for an input that could not be read) */
    cJSON *answers;             /* prompt key -> value, as response_json keeps it */
    bool answered;              /* the user has a saved response */
    /* not answered, but an earlier version of the exercise was: that version (0: none). Its
     * answers to the questions this version asks by the same keys are filled in. */
    int earlier_version;
};

/* Loads the exercise's blocks and the user's answers (a draft wins over the saved response,
 * and says so with a note; with neither, the answers to an earlier version of the exercise
 * that this one still asks). Free with prompts_free. */
enum dt_status prompts_load(struct prompts *p, struct app *a, const char *full_exercise_id);
void prompts_free(struct prompts *p);

/* Spec 14.2: when the person answered an earlier version of the exercise and not this one, a
 * note that says so (the versions, and that what they wrote is filled in); else nothing. */
void prompts_version_note(const struct prompts *p, struct doc *d);

/* The document role of a block type ("instruction", "reflection"...). */
enum doc_role prompts_role(const char *content_type);
/* The input of prompt block i; NULL when block i is not a prompt. An input the store holds but
 * that cannot be read (written by another version) is asked as a text. */
const struct input_spec *prompts_input(const struct prompts *p, size_t i);
/* The tool prompt block i uses ("flow-tracker"), or NULL when it is not a tool's prompt. Such
 * a prompt is answered in the tool itself; prompts_complete leaves it to the caller. */
const char *prompts_tool(const struct prompts *p, size_t i);
/* Adds the field of prompt block i (its input, limits, options and current answer) to d. */
void prompts_field(const struct prompts *p, size_t i, struct doc *d);
/* Takes a changed value for one of the prompts and keeps the answers as a draft.
 * SCREEN_UNHANDLED when the field is not one of the prompts. */
enum screen_result prompts_change(struct prompts *p, struct app *a, const struct tui_event *ev);
/* True when every required prompt (but those skip says to leave out; skip may be NULL) has a
 * usable answer and every list or choices answer given has its minimum; otherwise one error
 * names every question that has not, each with what it still needs. */
bool prompts_complete(const struct prompts *p, struct app *a, bool (*skip)(const char *key, void *),
                      void *ctx);
/* The same for any question asked in the prompts' vocabulary (a tool's form, say): input says
 * its type, limits, stops, options, hint and whether it is required; value is the current
 * answer (may be NULL). Returns the field added. */
struct doc_field *prompts_input_field(struct doc *d, const char *key, const char *label,
                                      const struct input_spec *input, const cJSON *value);
/* A field's event value (JSON) turned into what is kept: a choice by its label, limits checked,
 * and a number or slider held to its steps (step 1 for a slider that names none). NULL with
 * an error said (the form to use) when refused. The caller owns the result. */
cJSON *prompts_accept(struct app *a, const struct input_spec *input, const char *json);
/* True for no answer: missing, null, "" or []. */
bool prompts_value_empty(const cJSON *v);

/* The answer a tool prompt keeps in response_json: {"tool": ID, "entries": [instance ids]}. */
#define ANSWER_KEY_TOOL "tool"
#define ANSWER_KEY_ENTRIES "entries"

/* The answers as JSON text (cJSON_free it); NULL when out of memory. */
char *prompts_json(const struct prompts *p);

#endif
