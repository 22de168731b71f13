/* Your tools: every tool in the order the workbook unlocks them, with what each holds, whether
 * its reminder is due, and, for one still locked, the exercise that opens it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "oom.h"
#include "dailydos.h"
#include "progress.h"
#include "tool_forms.h"
#include "tools.h"

struct tool_row {
    struct tool_type type;
    bool unlocked, due, has_form;
    size_t count, drafts; /* drafts: entries among count that lack a required answer */
    char last[STORE_TIME_LEN];
    char opens_with[PROGRESS_TITLE_LEN + 64]; /* "exercise 1.2.1, Title" */
};

struct tools {
    struct tool_row *rows;
    size_t n;
};

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    (void)arg;
    struct tools *t = s->priv;
    struct store *st = app_store(s->app);
    const char *user = app_user(s->app);
    struct tool_type *types = NULL;
    size_t ntypes = 0;
    struct dailydo *dos = NULL;
    size_t ndos = 0;
    enum dt_status status = store_tools_types(st, &types, &ntypes);
    if (status == DT_OK)
        status = store_dailydos_list(st, user, &dos, &ndos);
    if (status == DT_OK)
        t->rows = dt_oom_calloc(ntypes, sizeof *t->rows);
    for (size_t i = 0; status == DT_OK && i < ntypes; i++) {
        if (!types[i].is_active)
            continue; /* retired tools keep their data but no longer show */
        struct tool_row *r = &t->rows[t->n++];
        r->type = types[i];
        r->has_form = tool_form_find(types[i].id) != NULL;
        status = store_progress_tool_unlocked(st, user, types[i].id, &r->unlocked);
        if (status == DT_OK)
            status = store_tools_count(st, user, types[i].id, &r->count, &r->drafts, r->last);
        struct exercise_ref ref;
        if (status == DT_OK && !r->unlocked &&
            store_progress_exercise(st, types[i].unlocks_at_exercise, &ref) == DT_OK)
            snprintf(r->opens_with, sizeof r->opens_with, "exercise %s.%s.%s, %s", ref.part_id,
                     ref.module_id, ref.exercise_id, ref.title);
        for (size_t k = 0; k < ndos; k++)
            r->due |= dos[k].kind == DAILYDO_REMINDER && strcmp(dos[k].id, types[i].id) == 0;
    }
    free(types);
    free(dos);
    return status;
}

static void leave(struct screen *s)
{
    struct tools *t = s->priv;
    free(t->rows);
}

static void build(const struct screen *s, struct doc *d)
{
    const struct tools *t = s->priv;
    size_t open = 0;
    for (size_t i = 0; i < t->n; i++)
        open += t->rows[i].unlocked && t->rows[i].has_form;
    doc_heading(d, 1, "Your tools");
    doc_para(d, DOC_ROLE_TEXT,
             "Each tool opens at the exercise that first needs it and stays"
             " with you after. Some come with a reminder in the Daily Dos.");
    if (open == 0)
        doc_para(d, DOC_ROLE_NOTE, "None is open yet: the first opens as you work through Roots.");
    for (size_t i = 0; i < t->n; i++) {
        const struct tool_row *r = &t->rows[i];
        if (!r->has_form)
            continue;
        if (!r->unlocked) {
            doc_card(d, r->type.plural_name,
                     r->opens_with[0] ? doc_printf(d, "Opens with %s.", r->opens_with) : NULL,
                     "locked", 0, NULL, NULL);
            continue;
        }
        const char *drafts = r->drafts == 0   ? ""
                             : r->count == 1  ? " (a draft)"
                             : r->drafts == 1 ? " (one a draft)"
                                              : doc_printf(d, " (%zu drafts)", r->drafts);
        const char *about = r->count == 0
                                ? "Nothing here yet."
                                : doc_printf(d, "%zu %s%s, the newest made %.10s.", r->count,
                                             r->count == 1 ? "entry" : "entries", drafts, r->last);
        struct screen_arg tool = screen_arg_tool(r->type.id, 0);
        screen_card(d, r->type.plural_name, about, r->due ? "due" : "open", SCREEN_TOOL, &tool,
                    doc_printf(d, "Open: %s", r->type.plural_name));
    }
    screen_action(d, SCREEN_SKILLS, NULL, "Skills: browse them and see where you tagged them");
    doc_action(d, CMD_BACK, NULL, "Back");
}

const struct screen_ops tools_screen = {
    .title = "Your tools",
    .priv_size = sizeof(struct tools),
    .enter = enter,
    .build = build,
    .leave = leave,
};
