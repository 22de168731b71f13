/* One tool: what it is for, its reminder and whether it is due, figures over its entries, and
 * the entries newest first, each opening in the tool-entry screen. The argument is the tool's
 * id (with "/all" once every entry is shown); a tool still locked says which exercise opens
 * it. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "oom.h"
#include "dailydos.h"
#include "progress.h"
#include "tool_forms.h"
#include "tools.h"

/* Entries listed before "show all": enough for a month of daily logs. */
#define TOOL_LIST_SHORT 31

struct tool_screen {
    struct tool_type type;
    const struct tool_form *form;
    struct tool_instance *list;
    size_t n;
    cJSON **entries; /* each instance's content; NULL where it is not an object */
    bool due;
    bool show_all;
};

/* The screen's own choices. */
enum tool_choice { TOOL_NEW = 1, TOOL_ALL };

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    struct tool_screen *t = s->priv;
    struct store *st = app_store(s->app);
    /* every entry shown once asked for (the flag is kept in the argument, for coming back) */
    t->show_all = arg->flags & SCREEN_ALL_ENTRIES;
    enum dt_status status = tool_form_open(s->app, arg->tool, NULL, &t->type, &t->form);
    if (status == DT_OK)
        status = store_tools_list(st, app_user(s->app), t->type.id, &t->list, &t->n);
    if (status == DT_OK)
        t->entries = dt_oom_calloc(t->n, sizeof *t->entries);
    for (size_t i = 0; status == DT_OK && i < t->n; i++) {
        t->entries[i] = cJSON_Parse(t->list[i].content_json);
        if (!cJSON_IsObject(t->entries[i])) {
            cJSON_Delete(t->entries[i]);
            t->entries[i] = NULL;
        }
    }
    struct dailydo *dos = NULL;
    size_t ndos = 0;
    if (status == DT_OK && t->type.has_reminder &&
        (status = store_dailydos_list(st, app_user(s->app), &dos, &ndos)) == DT_OK)
        for (size_t i = 0; i < ndos; i++)
            t->due |= dos[i].kind == DAILYDO_REMINDER && strcmp(dos[i].id, t->type.id) == 0;
    free(dos);
    return status;
}

static void leave(struct screen *s)
{
    struct tool_screen *t = s->priv;
    for (size_t i = 0; t->entries && i < t->n; i++)
        cJSON_Delete(t->entries[i]);
    free(t->entries);
    store_tools_list_free(&t->list, t->n);
}

static const char *period(const char *frequency)
{
    if (strcmp(frequency, "daily") == 0)
        return "today";
    if (strcmp(frequency, "weekly") == 0)
        return "in the last seven days";
    return "in the last thirty days";
}

static void build(const struct screen *s, struct doc *d)
{
    const struct tool_screen *t = s->priv;
    doc_heading(d, 1, t->type.plural_name);
    doc_para(d, DOC_ROLE_TEXT, t->form->about);
    if (t->type.has_reminder && t->type.reminder_frequency[0])
        doc_para(d, DOC_ROLE_NOTE,
                 t->due ? doc_printf(d, "Due: %s. (A %s reminder in the Daily Dos.)",
                                     t->type.reminder_prompt, t->type.reminder_frequency)
                        : doc_printf(d,
                                     "Done: you made an entry %s, so the Daily Dos leave it"
                                     " be for now.",
                                     period(t->type.reminder_frequency)));
    if (t->form->overview) {
        size_t k = 0;
        const cJSON **objects = doc_copy(d, NULL, (t->n ? t->n : 1) * sizeof *objects);
        for (size_t i = 0; i < t->n; i++)
            if (t->entries[i])
                objects[k++] = t->entries[i];
        char now[STORE_TIME_LEN], today[11];
        store_now_text(app_store(s->app), now);
        snprintf(today, sizeof today, "%.10s", now);
        t->form->overview(objects, k, today, d);
    }
    screen_choice(d, TOOL_NEW, 0, t->form->new_label);

    doc_heading(d, 2,
                t->n ? doc_printf(d, "Your %s (%zu)", t->type.plural_name, t->n)
                     : doc_printf(d, "Your %s", t->type.plural_name));
    if (t->n == 0)
        doc_para(d, DOC_ROLE_TEXT, "Nothing here yet.");
    size_t shown = t->show_all || t->n <= TOOL_LIST_SHORT ? t->n : TOOL_LIST_SHORT;
    for (size_t i = 0; i < shown; i++) {
        const struct tool_instance *ti = &t->list[i];
        char title[160], about[200] = "";
        if (t->entries[i] && ti->draft) { /* what it lacks, not a summary of half an entry */
            char missing[sizeof about - 16];
            tool_form_title(t->form, t->entries[i], ti->created_at, title, sizeof title);
            tool_form_missing_text(t->form, t->entries[i], missing, sizeof missing);
            snprintf(about, sizeof about, "draft: %s%s", missing[0] ? "needs " : "",
                     missing[0] ? missing : "open it to finish it");
        } else if (t->entries[i]) {
            tool_form_title(t->form, t->entries[i], ti->created_at, title, sizeof title);
            if (t->form->describe)
                t->form->describe(t->entries[i], about, sizeof about);
        } else if (ti->unreadable) { /* sealed, and it does not open */
            snprintf(title, sizeof title, "An entry that cannot be read");
            snprintf(about, sizeof about,
                     "It was changed outside DreamTree, or is not yours; it is kept as it is.");
        } else { /* written by another program or a later version */
            snprintf(title, sizeof title, "An entry in a form this version cannot show");
            snprintf(about, sizeof about, "Kept as it was written.");
        }
        const char *made = doc_printf(d, "made %.10s", ti->created_at);
        struct screen_arg entry = screen_arg_entry(t->type.id, ti->id, NULL, 0);
        if (t->entries[i])
            screen_card(d, title, about, made, SCREEN_TOOL_ENTRY, &entry,
                        doc_printf(d, "Open: %s", title));
        else
            doc_card(d, title, about, made, 0, NULL, NULL);
    }
    if (shown < t->n) {
        doc_para(d, DOC_ROLE_NOTE,
                 doc_printf(d, "The %zu most recent of %zu are shown.", shown, t->n));
        screen_choice(d, TOOL_ALL, 0, doc_printf(d, "Show all %zu", t->n));
    }
    doc_action(d, CMD_BACK, NULL, "Back");
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    struct tool_screen *t = s->priv;
    int choice;
    size_t index;
    if (ev->cmd != CMD_CHOOSE || !screen_chosen(ev->arg, &choice, &index))
        return SCREEN_UNHANDLED;
    switch ((enum tool_choice)choice) {
    case TOOL_NEW: {
        struct screen_arg entry = screen_arg_entry(t->type.id, NULL, NULL, 0);
        app_open(s->app, SCREEN_TOOL_ENTRY, &entry);
        return SCREEN_HANDLED;
    }
    case TOOL_ALL:
        t->show_all = true;
        s->arg.flags |= SCREEN_ALL_ENTRIES;
        app_redisplay(s->app);
        return SCREEN_HANDLED;
    }
    return SCREEN_UNHANDLED;
}

const struct screen_ops tool_screen = {
    .title = "Tool",
    .priv_size = sizeof(struct tool_screen),
    .enter = enter,
    .build = build,
    .command = command,
    .leave = leave,
};
