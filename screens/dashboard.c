/* Daily Dos: the workbook card ("Start the workbook", then "Continue the workbook") and every
 * reminder that is due (spec 11), the workbook's progress, and a small tree whose roots, trunk
 * and branches fill in as the parts complete. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "dailydos.h"
#include "progress.h"

struct dashboard {
    struct dailydo *items;
    size_t nitems;
    struct module_progress *modules;
    size_t nmodules;
    char part_titles[3][PROGRESS_TITLE_LEN];
};

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    (void)arg;
    struct dashboard *d = s->priv;
    struct store *st = app_store(s->app);
    enum dt_status status = store_dailydos_list(st, app_user(s->app), &d->items, &d->nitems);
    if (status == DT_OK)
        status = store_progress_modules(st, app_user(s->app), &d->modules, &d->nmodules);
    for (int part = 0; status == DT_OK && part < 3; part++) {
        char id[4];
        snprintf(id, sizeof id, "%d", part + 1);
        status = store_progress_title(st, id, d->part_titles[part], PROGRESS_TITLE_LEN);
    }
    return status;
}

static void leave(struct screen *s)
{
    struct dashboard *d = s->priv;
    free(d->items);
    free(d->modules);
}

static void build(const struct screen *s, struct doc *doc)
{
    const struct dashboard *d = s->priv;
    time_t now = (time_t)store_now(app_store(s->app));
    struct tm tm;
    gmtime_r(&now, &tm);
    char date[64];
    strftime(date, sizeof date, "%A, %d %B %Y", &tm);
    doc->home = true;
    doc_heading(doc, 1, "Daily Dos");
    doc_para(doc, DOC_ROLE_NOTE, doc_printf(doc, "Today is %s.", date));
    if (d->nitems == 0)
        doc_para(doc, DOC_ROLE_TEXT,
                 "Nothing is due today. The workbook is complete and every"
                 " tool is up to date.");
    for (size_t i = 0; i < d->nitems; i++) {
        const struct dailydo *item = &d->items[i];
        if (item->kind == DAILYDO_RESUME || item->kind == DAILYDO_REASSESS) {
            struct screen_arg next = screen_arg_exercise(item->target);
            screen_card(doc, item->title, item->subtitle,
                        item->kind == DAILYDO_RESUME ? "next" : "due, yearly", SCREEN_EXERCISE,
                        &next, doc_printf(doc, "%s: %s", item->title, item->subtitle));
        } else {
            struct screen_arg tool = screen_arg_tool(item->target, 0);
            screen_card(doc, item->title, item->subtitle,
                        doc_printf(doc, "due, %s", item->frequency), SCREEN_TOOL, &tool,
                        doc_printf(doc, "Open the %s: %s", item->title, item->subtitle));
        }
    }

    /* progress: modules per part, and the tree that grows with it */
    int done[3] = {0}, total[3] = {0}, all_done = 0;
    for (size_t i = 0; i < d->nmodules; i++) {
        int part = atoi(d->modules[i].part_id) - 1;
        if (part < 0 || part > 2)
            continue;
        total[part]++;
        done[part] += d->modules[i].complete;
        all_done += d->modules[i].complete;
    }
    doc_heading(doc, 2, "Your progress");
    static const char *const names[3] = {"Roots", "Trunk", "Branches"};
    const char *labels[3];
    double values[3];
    char text[512];
    int used = snprintf(text, sizeof text, "Modules complete: %d of %zu.", all_done, d->nmodules);
    for (int part = 0; part < 3; part++) {
        labels[part] = d->part_titles[part][0] ? d->part_titles[part] : names[part];
        values[part] = total[part] ? (double)done[part] / total[part] : 0;
        if (total[part] && used > 0 && (size_t)used < sizeof text)
            used += snprintf(text + used, sizeof text - (size_t)used, " %s: %d of %d%s.",
                             labels[part], done[part], total[part],
                             done[part] == total[part] && total[part] ? ", grown" : "");
    }
    doc_chart(doc, "Your tree", 3, labels, values, 1.0, text)->style = DOC_CHART_TREE;
    doc_action(doc, CMD_WORKBOOK, NULL, "Open the workbook's contents");
    doc_action(doc, CMD_TOOLS, NULL, "Your tools");
    doc_action(doc, CMD_PROFILE, NULL, "Your profile");
    doc_action(doc, CMD_SETTINGS, NULL, "Settings");
    doc_action(doc, CMD_CREDITS, NULL, "Credits");
    doc_action(doc, CMD_HELP, NULL, "Help");
    doc_action(doc, CMD_QUIT, NULL, "Leave DreamTree");
}

const struct screen_ops dashboard_screen = {
    .title = "Daily Dos",
    .priv_size = sizeof(struct dashboard),
    .enter = enter,
    .build = build,
    .leave = leave,
};
