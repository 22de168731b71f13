/* The tools' forms: for each tool type, the questions an entry answers (each a struct
 * input_spec, the prompts' vocabulary, so the exercise screens' field and validation code serves
 * them too), how an entry is named in a list, and the figures worked out from entries (budget
 * totals, high-flow days). Each form is a const struct in a file of its own under
 * screens/tools/; the functions over them are in tool_forms.c. An entry's content_json is an
 * object keyed by the fields' keys (tool_keys.h), except where a form keeps a value in another
 * shape (the budget's expenses). Used by the tool and tool-entry screens. */
#ifndef DT_TOOL_FORMS_H
#define DT_TOOL_FORMS_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "doc.h"
#include "input_spec.h"
#include "tools.h"

struct tool_field {
    const char *key;   /* where the entry keeps the answer (tool_keys.h) */
    const char *label; /* the question */
    struct input_spec input;
};

struct tool_form {
    const char *tool;      /* tool_types.id */
    const char *about;     /* what the tool is for, above its entries */
    const char *new_label; /* the action that starts an entry */
    bool one_per_exercise; /* an exercise that uses it reopens its entry (else adds another) */
    const struct tool_field *fields;
    size_t nfields;
    const char *title_key;  /* the field that names an entry in lists */
    const char *entry_name; /* without a title_key: entries are "NAME of DATE" */
    /* Optional: a line about an entry besides its name (out is always terminated). */
    void (*describe)(const cJSON *content, char *out, size_t size);
    /* Optional: the figures' gist in a sentence, said when an answer changes it. */
    void (*gist)(const cJSON *content, char *out, size_t size);
    /* Optional: figures worked out from one entry, shown under its fields. */
    void (*figures)(const cJSON *content, struct doc *d);
    /* Optional: figures over all entries (newest first), shown above the list; today is
     * YYYY-MM-DD. */
    void (*overview)(const cJSON *const *entries, size_t n, const char *today, struct doc *d);
    /* Optional: the value a field shows when the entry keeps it in another shape (a new
     * cJSON the caller deletes, or NULL for none). */
    cJSON *(*shown)(const cJSON *content, const char *key);
    /* Optional: takes a field's accepted value into the entry (owning value either way);
     * false with *why set when the value cannot be used; true with *why set when only part of
     * it could (the budget's expense lines: the others are kept), *why saying what was not
     * (a static text, good until the next take). Without it, content[key] = value. */
    bool (*take)(cJSON *content, const char *key, cJSON *value, const char **why);
    /* Optional: questions that depend on the entry (the idea tree grows), added after the
     * fixed ones, and the input of such a question by its key (NULL: not one of them). */
    void (*more_fields)(const cJSON *content, struct doc *d);
    const struct input_spec *(*more_input)(const char *key);
    /* Optional: work after each save of an entry (the SOARED story tags its skills). */
    enum dt_status (*after_save)(struct app *a, const char *instance_id, const cJSON *content);
    /* Optional: a screen of its own for a saved entry (opened with the instance id), offered as
     * action_label once action_ready says the entry is ready for it. */
    const char *action_label;
    enum screen_id action_screen;
    bool (*action_ready)(const cJSON *content);
};

/* For the tool screens: the tool's type and form, or an error said (and returned) when the
 * tool is unknown, retired, has no form, or is still locked for the user (naming the exercise
 * that opens it). With exercise (an exercise id, or NULL), the tool is used inside that
 * exercise: it is open whenever the exercise is. */
enum dt_status tool_form_open(struct app *a, const char *tool_id, const char *exercise,
                              struct tool_type *type, const struct tool_form **form);
/* Writes an entry's content back to its instance (the screens that work on a saved entry: the
 * ranking, the resume), marked a draft while it lacks a required answer of tool's form. On
 * failure says so ("WHAT: reason") and returns SCREEN_REJECTED. */
enum screen_result tool_form_store(struct app *a, const char *tool, const char *instance_id,
                                   const cJSON *content, const char *what);
/* The form of a tool type, or NULL when the tool has none. */
const struct tool_form *tool_form_find(const char *tool);
/* Every form in turn: form i, or NULL past the last (for checks over all of them). */
const struct tool_form *tool_form_at(size_t i);
/* The input of field i (part of the form; NULL past its fields). */
const struct input_spec *tool_form_input(const struct tool_form *f, size_t i);
/* The value field i shows for an entry (a new cJSON the caller deletes, or NULL). */
cJSON *tool_form_value(const struct tool_form *f, size_t i, const cJSON *content);
/* Takes an accepted value (owned) into the entry: see struct tool_form.take (true with *why
 * set: taken in part). */
bool tool_form_take(const struct tool_form *f, cJSON *content, const char *key, cJSON *value,
                    const char **why);
/* An entry's name for lists ("Untitled" when its naming field is empty; a form without one
 * names entries by created_at). */
void tool_form_title(const struct tool_form *f, const cJSON *content, const char *created_at,
                     char *out, size_t size);
/* Fills in what a new entry starts with (a date field with default_today gets today, given as
 * YYYY-MM-DD). */
void tool_form_defaults(const struct tool_form *f, cJSON *content, const char *today);
/* The index of the first required field an entry leaves empty, or -1 when none is. */
int tool_form_missing(const struct tool_form *f, const cJSON *content);
/* True when an entry leaves a required field empty: it is kept as a draft (db/tools.h), which
 * counts as done for nothing. */
bool tool_form_is_draft(const struct tool_form *f, const cJSON *content);
/* The questions an entry leaves unanswered, quoted, as a sentence says them: "\"A?\", \"B?\"
 * and \"C?\"" ("" when none). out is always terminated. */
void tool_form_missing_text(const struct tool_form *f, const cJSON *content, char *out,
                            size_t size);

/* The resume written out: Markdown (markdown true) or plain text, with the chosen SOARED
 * stories as highlights (title and one line each), through the sanitiser's file policy (it is
 * written to files people cat and print: newlines and tabs stay, every other control is a
 * visible placeholder). malloc'd (caller frees); NULL when out of memory. */
struct resume_highlight {
    const char *title;
    const char *text;
};
char *resume_write(const cJSON *content, const struct resume_highlight *highlights,
                   size_t nhighlights, bool markdown);

#endif
