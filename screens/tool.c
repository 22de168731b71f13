/* One tool: what it is for, its reminder and whether it is due, figures over its entries, and
 * the entries newest first, each opening in the tool-entry screen. The argument is the tool's
 * id (with "/all" once every entry is shown); a tool still locked says which exercise opens
 * it. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
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

static enum dt_status enter(struct screen *s, const char *arg)
{
    struct tool_screen *t = s->priv;
    struct store *st = app_store(s->app);
    /* "TOOL", or "TOOL/all" once every entry was asked for (kept for coming back) */
    char tool[48];
    snprintf(tool, sizeof tool, "%.*s", (int)strcspn(arg, "/"), arg);
    t->show_all = strcmp(arg + strcspn(arg, "/"), "/all") == 0;
    enum dt_status status = tool_form_open(s->app, tool, NULL, &t->type, &t->form);
    if (status == DT_OK)
        status = store_tools_list(st, app_user(s->app), t->type.id, &t->list, &t->n);
    if (status == DT_OK && !(t->entries = calloc(t->n ? t->n : 1, sizeof *t->entries)))
        status = DT_NOMEM;
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
                        : doc_printf(d, "Done: you made an entry %s, so the Daily Dos leave it"
                                        " be for now.", period(t->type.reminder_frequency)));
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
    doc_action(d, CMD_CHOOSE, "new", t->form->new_label);

    doc_heading(d, 2, t->n ? doc_printf(d, "Your %s (%zu)", t->type.plural_name, t->n)
                           : doc_printf(d, "Your %s", t->type.plural_name));
    if (t->n == 0)
        doc_para(d, DOC_ROLE_TEXT, "Nothing here yet.");
    size_t shown = t->show_all || t->n <= TOOL_LIST_SHORT ? t->n : TOOL_LIST_SHORT;
    for (size_t i = 0; i < shown; i++) {
        const struct tool_instance *ti = &t->list[i];
        char title[160], about[200] = "";
        if (t->entries[i]) {
            tool_form_title(t->form, t->entries[i], ti->created_at, title, sizeof title);
            if (t->form->describe)
                t->form->describe(t->entries[i], about, sizeof about);
        } else { /* written by another program or a later version */
            snprintf(title, sizeof title, "An entry in a form this version cannot show");
            snprintf(about, sizeof about, "Kept as it was written.");
        }
        bool editable = t->entries[i] != NULL;
        doc_card(d, title, about, doc_printf(d, "made %.10s", ti->created_at),
                 editable ? CMD_OPEN : 0,
                 editable ? doc_printf(d, "tool-entry:%s/%s", t->type.id, ti->id) : NULL,
                 editable ? doc_printf(d, "Open: %s", title) : NULL);
    }
    if (shown < t->n) {
        doc_para(d, DOC_ROLE_NOTE, doc_printf(d, "The %zu most recent of %zu are shown.", shown,
                                              t->n));
        doc_action(d, CMD_CHOOSE, "all", doc_printf(d, "Show all %zu", t->n));
    }
    doc_action(d, CMD_BACK, NULL, "Back");
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    struct tool_screen *t = s->priv;
    if (ev->cmd != CMD_CHOOSE || !ev->arg)
        return SCREEN_UNHANDLED;
    if (strcmp(ev->arg, "new") == 0) {
        app_open(s->app, "tool-entry", t->type.id);
        return SCREEN_HANDLED;
    }
    if (strcmp(ev->arg, "all") == 0) {
        t->show_all = true;
        snprintf(s->arg, sizeof s->arg, "%s/all", t->type.id);
        app_redisplay(s->app);
        return SCREEN_HANDLED;
    }
    return SCREEN_UNHANDLED;
}

const struct screen_ops tool_screen = {
    .name = "tool",
    .title = "Tool",
    .priv_size = sizeof(struct tool_screen),
    .enter = enter,
    .build = build,
    .command = command,
    .leave = leave,
};
