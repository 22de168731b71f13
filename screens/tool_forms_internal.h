/* Shared by the tools' forms (each in its own file under screens/tools/) and the functions over
 * them (tool_forms.c); screens use tool_forms.h. */
#ifndef DT_TOOL_FORMS_INTERNAL_H
#define DT_TOOL_FORMS_INTERNAL_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "input_spec.h"
#include "tool_forms.h"
#include "tool_keys.h"

/* The forms, one per tool type (screens/tools/TOOL.c), listed in tool_forms.c. */
extern const struct tool_form flow_tracker_form;
extern const struct tool_form failure_reframer_form;
extern const struct tool_form budget_calculator_form;
extern const struct tool_form soared_story_form;
extern const struct tool_form networking_prep_form;
extern const struct tool_form job_prospector_form;
extern const struct tool_form list_builder_form;
extern const struct tool_form ranking_grid_form;
extern const struct tool_form idea_tree_form;
extern const struct tool_form resume_builder_form;

/* A form's fields and their count, in its designated initialiser. */
#define TOOL_FORM_FIELDS(array) .fields = (array), .nfields = sizeof(array) / sizeof *(array)

/* A non-empty string at key, or NULL. */
const char *tf_text(const cJSON *content, const char *key);
/* The number at key into *out; false when there is none. */
bool tf_number(const cJSON *content, const char *key, double *out);
/* Appends to out (always terminated, never splitting a character). */
void tf_append(char *out, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The entries whose follow-up date (date_key) has come, by name (name_key), the overdue first
 * and then today's (today is YYYY-MM-DD): the ones a daily reminder is about (the networking
 * prep and the job tracker). */
void tf_follow_ups(const cJSON *const *entries, size_t n, const char *today, const char *date_key,
                   const char *name_key, struct doc *d);

#endif
