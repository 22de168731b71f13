/* The functions over the tools' forms (each form is a file of screens/tools/): finding a form,
 * its inputs, an entry's values, names and defaults, and opening a tool for a screen. */
#include "tool_forms.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "progress.h"
#include "prompts.h"
#include "store.h"
#include "tools.h"
#include "tool_forms_internal.h"

/* Every tool's form: one row per file of screens/tools/. */
static const struct tool_form *const forms[] = {
    &flow_tracker_form,    &failure_reframer_form, &budget_calculator_form, &soared_story_form,
    &networking_prep_form, &job_prospector_form,   &ranking_grid_form,      &idea_tree_form,
    &resume_builder_form,  &list_builder_form,
};

/* ---- small helpers over an entry's JSON (tool_forms_internal.h) ---- */

const char *tf_text(const cJSON *content, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(content, key);
    return cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : NULL;
}

bool tf_number(const cJSON *content, const char *key, double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(content, key);
    if (cJSON_IsNumber(v))
        *out = v->valuedouble;
    return cJSON_IsNumber(v);
}

void tf_append(char *out, size_t size, const char *fmt, ...)
{
    size_t used = strlen(out);
    if (used + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out + used, size - used, fmt, ap);
    va_end(ap);
    store_trim_partial_utf8(out);
}

/* The entries whose follow-up date has come, by name, oldest date first. */
void tf_follow_ups(const cJSON *const *entries, size_t n, const char *today, const char *date_key,
                   const char *name_key, struct doc *d)
{
    char due[600] = "";
    size_t count = 0;
    for (size_t pass = 0; pass < 2; pass++) /* first the overdue, then today's */
        for (size_t i = 0; i < n; i++) {
            const char *date = tf_text(entries[i], date_key), *name = tf_text(entries[i], name_key);
            int cmp = date ? strcmp(date, today) : 1;
            if (!name || (pass == 0 ? cmp >= 0 : cmp != 0))
                continue;
            if (count++ < 6)
                tf_append(due, sizeof due, "%s%s (%s)", count > 1 ? "; " : "", name, date);
        }
    if (count == 0) {
        if (n > 0)
            doc_para(d, DOC_ROLE_NOTE, "No follow-up is due today.");
        return;
    }
    doc_para(d, DOC_ROLE_NOTE,
             doc_printf(d, "Follow-up due for %zu: %s%s.", count, due,
                        count > 6 ? " and more" : ""));
}

const struct tool_form *tool_form_find(const char *tool)
{
    for (size_t i = 0; tool && i < sizeof forms / sizeof *forms; i++)
        if (strcmp(forms[i]->tool, tool) == 0)
            return forms[i];
    return NULL;
}

const struct tool_form *tool_form_at(size_t i)
{
    return i < sizeof forms / sizeof *forms ? forms[i] : NULL;
}

const struct input_spec *tool_form_input(const struct tool_form *f, size_t i)
{
    return i < f->nfields ? &f->fields[i].input : NULL;
}

cJSON *tool_form_value(const struct tool_form *f, size_t i, const cJSON *content)
{
    cJSON *shown = f->shown ? f->shown(content, f->fields[i].key) : NULL;
    if (shown)
        return shown;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(content, f->fields[i].key);
    return v ? cJSON_Duplicate(v, true) : NULL;
}

bool tool_form_take(const struct tool_form *f, cJSON *content, const char *key, cJSON *value,
                    const char **why)
{
    *why = NULL;
    if (f->take)
        return f->take(content, key, value, why);
    cJSON_DeleteItemFromObjectCaseSensitive(content, key);
    cJSON_AddItemToObject(content, key, value);
    return true;
}

void tool_form_title(const struct tool_form *f, const cJSON *content, const char *created_at,
                     char *out, size_t size)
{
    const char *title = f->title_key ? tf_text(content, f->title_key) : NULL;
    out[0] = '\0';
    if (title) {
        /* the first line only, and not too long for a card */
        size_t n = strcspn(title, "\n");
        tf_append(out, size, "%.*s", (int)(n < 100 ? n : 100), title);
        if (n > 100 || title[n])
            tf_append(out, size, "...");
    } else if (!f->title_key) { /* named by its date: "Budget of 2026-11-25" */
        tf_append(out, size, "%s of %.10s", f->entry_name, created_at ? created_at : "today");
    } else {
        tf_append(out, size, "Untitled");
    }
}

void tool_form_defaults(const struct tool_form *f, cJSON *content, const char *today)
{
    for (size_t i = 0; i < f->nfields; i++)
        if (f->fields[i].input.default_today &&
            !cJSON_GetObjectItemCaseSensitive(content, f->fields[i].key))
            cJSON_AddStringToObject(content, f->fields[i].key, today);
}

bool tool_form_is_draft(const struct tool_form *f, const cJSON *content)
{
    return tool_form_missing(f, content) >= 0;
}

void tool_form_missing_text(const struct tool_form *f, const cJSON *content, char *out, size_t size)
{
    size_t missing[64], n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < f->nfields && n < sizeof missing / sizeof *missing; i++) {
        if (f->fields[i].input.optional)
            continue;
        cJSON *v = tool_form_value(f, i, content);
        if (prompts_value_empty(v))
            missing[n++] = i;
        cJSON_Delete(v);
    }
    for (size_t k = 0; k < n; k++)
        tf_append(out, size, "%s\"%s\"",
                  k == 0      ? ""
                  : k + 1 < n ? ", "
                              : " and ",
                  f->fields[missing[k]].label);
}

int tool_form_missing(const struct tool_form *f, const cJSON *content)
{
    for (size_t i = 0; i < f->nfields; i++) {
        if (f->fields[i].input.optional)
            continue;
        cJSON *v = tool_form_value(f, i, content);
        bool empty = prompts_value_empty(v);
        cJSON_Delete(v);
        if (empty)
            return (int)i;
    }
    return -1;
}

enum dt_status tool_form_open(struct app *a, const char *tool_id, const char *exercise,
                              struct tool_type *type, const struct tool_form **form)
{
    struct store *st = app_store(a);
    enum dt_status status = store_tools_type(st, tool_id, type);
    if (status == DT_NOT_FOUND)
        app_error(a, "there is no tool called %s.", tool_id);
    if (status != DT_OK)
        return status;
    *form = tool_form_find(type->id);
    if (!*form || !type->is_active) {
        app_error(a, "the %s is not available in this version of DreamTree.", type->singular_name);
        return DT_NOT_FOUND;
    }
    bool unlocked = false;
    if (exercise) { /* a tool inside an exercise opens with the exercise */
        status = store_progress_may_open(st, app_user(a), exercise, &unlocked);
        if (status == DT_OK && !unlocked) {
            app_error(a, "exercise %s is not open to you yet.", exercise);
            return DT_LOCKED;
        }
        return status;
    }
    status = store_progress_tool_unlocked(st, app_user(a), type->id, &unlocked);
    if (status == DT_OK && !unlocked) {
        struct exercise_ref ref;
        if (store_progress_exercise(st, type->unlocks_at_exercise, &ref) == DT_OK)
            app_error(a, "the %s opens once you answer exercise %s.%s.%s, %s.", type->singular_name,
                      ref.part_id, ref.module_id, ref.exercise_id, ref.title);
        else
            app_error(a, "the %s is not open to you yet.", type->singular_name);
        return DT_LOCKED;
    }
    return status;
}

enum screen_result tool_form_store(struct app *a, const char *tool, const char *instance_id,
                                   const cJSON *content, const char *what)
{
    const struct tool_form *f = tool_form_find(tool);
    char *json = cJSON_PrintUnformatted(content);
    enum dt_status status = !json ? DT_NOMEM
                            : f   ? store_tools_update_entry(app_store(a), app_user(a), instance_id,
                                                             json, tool_form_is_draft(f, content))
                                : store_tools_update(app_store(a), app_user(a), instance_id, json);
    cJSON_free(json);
    if (status != DT_OK) {
        app_fail(a, what, status);
        return SCREEN_REJECTED;
    }
    return SCREEN_HANDLED;
}
