/* Shared by the tool forms' own files (tool_forms.c, tool_budget.c); screens use
 * tool_forms.h. */
#ifndef DT_TOOL_FORMS_INTERNAL_H
#define DT_TOOL_FORMS_INTERNAL_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "tool_forms.h"

/* The forms, one per tool type (tool_table.c). */
extern const struct tool_form tool_forms_table[];
extern const size_t tool_forms_count;

/* A non-empty string at key, or NULL. */
const char *tf_text(const cJSON *content, const char *key);
/* The number at key into *out; false when there is none. */
bool tf_number(const cJSON *content, const char *key, double *out);
/* Appends to out (always terminated, never splitting a character). */
void tf_append(char *out, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* "1,234.5" style: thousands grouped, at most two decimals, none when whole. */
void tf_amount_text(double v, char *out, size_t size);

/* The budget's hooks (struct tool_form). */
void budget_describe(const cJSON *c, char *out, size_t size);
void budget_figures(const cJSON *c, struct doc *d);
void budget_gist(const cJSON *c, char *out, size_t size);
cJSON *budget_shown(const cJSON *c, const char *key);
bool budget_take(cJSON *c, const char *key, cJSON *value, const char **why);

/* The idea tree's hooks (tool_idea_tree.c). */
void idea_tree_describe(const cJSON *c, char *out, size_t size);
void idea_tree_figures(const cJSON *c, struct doc *d);
void idea_tree_fields(const cJSON *content, struct doc *d);
const cJSON *idea_tree_input(const char *key);
bool idea_tree_take(cJSON *content, const char *key, cJSON *value, const char **why);

/* The resume's hooks (tool_resume.c). */
cJSON *resume_shown(const cJSON *c, const char *key);
bool resume_take(cJSON *c, const char *key, cJSON *value, const char **why);
void resume_describe(const cJSON *c, char *out, size_t size);

#endif
