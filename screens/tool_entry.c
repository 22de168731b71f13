/* One entry of a tool: its form's questions, saved as they change (an entry is the person's own
 * record, not an exercise with a submit step), the figures worked out from it, and a delete that
 * asks twice. The argument is "TOOL[/INSTANCE][@EXERCISE]": TOOL alone starts a new entry,
 * /INSTANCE opens one, @EXERCISE uses the tool inside that exercise (the entry's origin; for a
 * tool kept once per exercise, the exercise's own entry is reopened, unless INSTANCE is "new":
 * the exercise asks for another). A new entry is written to the database with its first
 * answer, so opening and leaving makes nothing. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "prompts.h"
#include "text.h"
#include "tool_forms.h"
#include "tools.h"

struct tool_entry {
    struct tool_type type;
    const struct tool_form *form;
    char instance_id[STORE_ID_LEN]; /* "" until the first answer is saved */
    char saved_at[STORE_TIME_LEN];  /* when this visit last saved, "" if it has not */
    char created_at[STORE_TIME_LEN];
    char origin[32]; /* "standalone" or the exercise it is used in */
    cJSON *content;
    bool confirm_delete;
    char gist[200]; /* the figures' gist as last said */
};

/* The screen's own choices. */
enum entry_choice { ENTRY_DELETE = 1 };

/* The exercise's own entry of a tool kept once per exercise, into id ("" when none). */
static enum dt_status find_exercise_entry(struct screen *s, const char *tool, const char *exercise,
                                          char id[STORE_ID_LEN])
{
    struct tool_instance *list = NULL;
    size_t n = 0;
    id[0] = '\0';
    enum dt_status status = store_tools_list(app_store(s->app), app_user(s->app), tool, &list, &n);
    for (size_t i = 0; status == DT_OK && i < n && !id[0]; i++)
        if (strcmp(list[i].origin, exercise) == 0)
            memcpy(id, list[i].id, STORE_ID_LEN);
    store_tools_list_free(&list, n);
    return status;
}

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    struct tool_entry *e = s->priv;
    /* the tool; the entry (none: a new one); the exercise it is made from (none: standalone) */
    char id[STORE_ID_LEN];
    memcpy(id, arg->entry, sizeof id);
    const char *exercise = arg->exercise[0] ? arg->exercise : NULL;
    snprintf(e->origin, sizeof e->origin, "%s", exercise ? exercise : "standalone");
    bool another = arg->flags & SCREEN_NEW_ENTRY;
    enum dt_status status = tool_form_open(s->app, arg->tool, exercise, &e->type, &e->form);
    struct store *st = app_store(s->app);
    if (status == DT_OK && exercise && !id[0] && !another && e->form->one_per_exercise)
        status = find_exercise_entry(s, e->type.id, exercise, id);
    if (status != DT_OK)
        return status;
    if (!id[0]) {
        char now[STORE_TIME_LEN], today[11];
        store_now_text(st, now);
        snprintf(today, sizeof today, "%.10s", now);
        if (!(e->content = cJSON_CreateObject()))
            return DT_NOMEM;
        tool_form_defaults(e->form, e->content, today);
        return DT_OK;
    }
    struct tool_instance ti;
    status = store_tools_get(st, app_user(s->app), id, &ti);
    if (status == DT_NOT_FOUND)
        app_error(s->app, "that entry is not there any more.");
    if (status != DT_OK)
        return status;
    bool same_tool = strcmp(ti.tool_type, e->type.id) == 0;
    e->content = cJSON_Parse(ti.content_json);
    memcpy(e->instance_id, ti.id, sizeof e->instance_id);
    memcpy(e->created_at, ti.created_at, sizeof e->created_at);
    store_tools_instance_clear(&ti);
    if (!same_tool || !cJSON_IsObject(e->content)) {
        app_error(s->app, "that entry was written in a shape this screen cannot change; it is"
                          " kept as it is.");
        return DT_INVALID;
    }
    return DT_OK;
}

static void leave(struct screen *s)
{
    struct tool_entry *e = s->priv;
    cJSON_Delete(e->content);
}

static void build(const struct screen *s, struct doc *d)
{
    const struct tool_entry *e = s->priv;
    if (e->instance_id[0]) {
        char title[160];
        tool_form_title(e->form, e->content, e->created_at, title, sizeof title);
        doc_heading(d, 1,
                    e->form->title_key ? doc_printf(d, "%s: %s", e->type.singular_name, title)
                                       : title);
    } else {
        doc_heading(d, 1, doc_printf(d, "New %s", e->type.singular_name));
    }
    doc_para(d, DOC_ROLE_NOTE,
             e->saved_at[0]
                 ? doc_printf(d, "Saved as you go; last saved at %.5s.", e->saved_at + 11)
             : e->instance_id[0] ? "Saved as you go: every answer is kept as soon as you give it."
                                 : "Nothing is saved until you give your first answer; from then"
                                   " on every answer is kept as you go.");
    for (size_t i = 0; i < e->form->nfields; i++) {
        cJSON *value = tool_form_value(e->form, i, e->content);
        prompts_input_field(d, e->form->fields[i].key, e->form->fields[i].label,
                            tool_form_input(e->form, i), value);
        cJSON_Delete(value);
    }
    if (e->form->more_fields)
        e->form->more_fields(e->content, d);
    if (e->form->figures)
        e->form->figures(e->content, d);
    if (e->instance_id[0] && e->form->action_screen != SCREEN_NONE &&
        (!e->form->action_ready || e->form->action_ready(e->content))) {
        struct screen_arg entry = screen_arg_instance(e->instance_id);
        screen_action(d, e->form->action_screen, &entry, e->form->action_label);
    }
    doc_action(d, CMD_SUBMIT, NULL, "Done");
    if (e->instance_id[0])
        screen_choice(d, ENTRY_DELETE, 0,
                      e->confirm_delete ? "Yes, delete this entry for good"
                                        : doc_printf(d, "Delete this %s", e->type.singular_name));
    doc_action(d, CMD_BACK, NULL, "Back (what you wrote is kept)");
}

static enum dt_status save(struct screen *s, struct tool_entry *e)
{
    struct store *st = app_store(s->app);
    char *json = cJSON_PrintUnformatted(e->content);
    if (!json)
        return DT_NOMEM;
    /* nothing typed is lost: an entry short of a required answer is kept, as a draft */
    bool draft = tool_form_is_draft(e->form, e->content);
    enum dt_status status = e->instance_id[0]
                                ? store_tools_update_entry(st, app_user(s->app), e->instance_id,
                                                           json, draft)
                                : store_tools_create_entry(st, app_user(s->app), e->type.id,
                                                           e->origin, json, draft, e->instance_id);
    cJSON_free(json);
    if (status == DT_OK) {
        /* from now on this screen shows a saved entry: coming back to it must reopen that */
        memcpy(s->arg.entry, e->instance_id, sizeof s->arg.entry);
        s->arg.flags &= ~(unsigned)SCREEN_NEW_ENTRY;
        store_now_text(st, e->saved_at);
        if (!e->created_at[0])
            memcpy(e->created_at, e->saved_at, sizeof e->created_at);
    }
    return status;
}

/* ---- the entry's size limit ---- */

static size_t printed_len(const cJSON *v)
{
    char *text = cJSON_PrintUnformatted(v);
    size_t n = text ? strlen(text) : (size_t)-1;
    cJSON_free(text);
    return n;
}

/* Bytes of a string as cJSON prints it inside quotes: \" \\ and the short escapes take two,
 * other controls six. */
static size_t escaped_len(unsigned char c)
{
    if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t')
        return 2;
    return c < 0x20 ? 6 : 1;
}

/* The entry is stored as one JSON text of at most TOOLS_MAX_BYTES (db/tools.h). A value that
 * would take it past that keeps what fits, measured as it will be printed: a list its first
 * items, a text its first characters (whole grapheme clusters); note says which limit it met.
 * False when not even an empty value fits (the rest of the entry fills it). */
static bool fit_entry(const cJSON *content, const char *key, cJSON *value, char *note, size_t size)
{
    note[0] = '\0';
    const cJSON *old = cJSON_GetObjectItemCaseSensitive(content, key);
    size_t whole = printed_len(content);
    /* the entry without this value: the old one's place, or a new member's ,"key": */
    size_t base = old ? whole - printed_len(old)
                      : whole + strlen(key) + 3 + (content && content->child ? 1 : 0);
    if (base + 2 > TOOLS_MAX_BYTES)
        return false;
    size_t room = TOOLS_MAX_BYTES - base;
    if (printed_len(value) <= room)
        return true;
    if (cJSON_IsArray(value)) {
        size_t used = 2, kept = 0, total = (size_t)cJSON_GetArraySize(value);
        for (const cJSON *item = value->child; item; item = item->next, kept++) {
            size_t len = printed_len(item) + (kept ? 1 : 0);
            if (used + len > room)
                break;
            used += len;
        }
        for (size_t left = total - kept; left > 0; left--) /* the tail is child->prev */
            cJSON_Delete(cJSON_DetachItemViaPointer(value, value->child->prev));
        snprintf(note, size,
                 "An entry holds at most %u MiB: the first %zu of your %zu items were"
                 " kept; the rest were left out.",
                 TOOLS_MAX_BYTES / (1024 * 1024), kept, total);
    } else if (cJSON_IsString(value)) {
        char *text = value->valuestring;
        size_t n = strlen(text), used = 2, at = 0;
        while (at < n && used + escaped_len((unsigned char)text[at]) <= room)
            used += escaped_len((unsigned char)text[at++]);
        if (at < n) { /* back to the start of a cluster the cut went into */
            size_t start = tui_text_prev_grapheme(text, n, at);
            if (tui_text_next_grapheme(text, n, start) != at)
                at = start;
        }
        text[at] = '\0';
        snprintf(note, size,
                 "An entry holds at most %u MiB: your answer was cut to its first %zu"
                 " characters.",
                 TOOLS_MAX_BYTES / (1024 * 1024), tui_text_graphemes(text, at));
    }
    return true;
}

static enum screen_result change(struct screen *s, struct tool_entry *e, const struct tui_event *ev)
{
    size_t i = 0;
    while (i < e->form->nfields && strcmp(e->form->fields[i].key, ev->field_id) != 0)
        i++;
    const struct input_spec *input = i < e->form->nfields  ? tool_form_input(e->form, i)
                                     : e->form->more_input ? e->form->more_input(ev->field_id)
                                                           : NULL;
    if (!input)
        return SCREEN_UNHANDLED;
    cJSON *value = prompts_accept(s->app, input, ev->value);
    if (!value)
        return SCREEN_REJECTED;
    char limit[200];
    if (!fit_entry(e->content, ev->field_id, value, limit, sizeof limit)) {
        cJSON_Delete(value);
        app_error(s->app,
                  "this entry is full: it holds at most %u MiB. Make another answer"
                  " shorter first.",
                  TOOLS_MAX_BYTES / (1024 * 1024));
        return SCREEN_REJECTED;
    }
    const char *why = NULL;
    if (!tool_form_take(e->form, e->content, ev->field_id, value, &why)) {
        app_error(s->app, "%s", why ? why : "that answer cannot be used.");
        return SCREEN_REJECTED;
    }
    const char *partly = why; /* taken in part: what was used is saved, why says the rest */
    e->confirm_delete = false;
    enum dt_status status = save(s, e);
    if (status ==
        DT_INVALID) { /* the form made the value larger than it came (the resume's roles) */
        app_error(s->app,
                  "this answer would take the entry past the %u MiB it can hold, so it"
                  " was not saved.",
                  TOOLS_MAX_BYTES / (1024 * 1024));
        return SCREEN_REJECTED;
    }
    if (status != DT_OK) {
        app_fail(s->app, "Your entry could not be saved", status);
        return SCREEN_REJECTED;
    }
    if (e->form->after_save &&
        (status = e->form->after_save(s->app, e->instance_id, e->content)) != DT_OK) {
        app_fail(s->app, "Your entry is saved, but its tags could not be updated", status);
    } else if (partly) {
        app_error(s->app, "%s", partly);
        if (e->form->gist) /* said once the lines are put right, as the figures move */
            e->gist[0] = '\0';
    } else if (limit[0]) {
        app_note(s->app, "%s", limit);
    } else if (e->form->gist) {
        /* when the figures move, say so at once: text mode does not print the page again */
        char gist[sizeof e->gist];
        e->form->gist(e->content, gist, sizeof gist);
        if (strcmp(gist, e->gist) != 0)
            app_note(s->app, "%s", gist);
        memcpy(e->gist, gist, sizeof gist);
    }
    return SCREEN_HANDLED;
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    struct tool_entry *e = s->priv;
    if (ev->cmd == CMD_FIELD_CHANGED && ev->field_id)
        return change(s, e, ev);
    if (ev->cmd == CMD_SUBMIT) {
        int missing = e->instance_id[0] ? tool_form_missing(e->form, e->content) : -1;
        if (missing >= 0) {
            app_error(s->app, "\"%s\" still needs an answer (the rest is saved).",
                      e->form->fields[missing].label);
            app_focus_field(s->app, e->form->fields[missing].key);
            return SCREEN_REJECTED;
        }
        app_note(s->app, e->instance_id[0] ? "Saved." : "Nothing was typed, so nothing was saved.");
        app_back(s->app);
        return SCREEN_HANDLED;
    }
    int choice;
    size_t index;
    if (ev->cmd == CMD_CHOOSE && screen_chosen(ev->arg, &choice, &index) &&
        choice == ENTRY_DELETE && e->instance_id[0]) {
        if (!e->confirm_delete) {
            e->confirm_delete = true;
            app_note(s->app,
                     "Choose delete once more to delete it for good; anything else keeps it.");
            return SCREEN_HANDLED;
        }
        enum dt_status status = store_tools_delete(app_store(s->app), app_user(s->app),
                                                   e->instance_id);
        if (status != DT_OK) {
            app_fail(s->app, "The entry could not be deleted", status);
            return SCREEN_REJECTED;
        }
        app_note(s->app, "Deleted.");
        app_back(s->app);
        return SCREEN_HANDLED;
    }
    e->confirm_delete = false;
    return SCREEN_UNHANDLED;
}

const struct screen_ops tool_entry_screen = {
    .title = "Tool entry",
    .priv_size = sizeof(struct tool_entry),
    .enter = enter,
    .build = build,
    .command = command,
    .leave = leave,
};
