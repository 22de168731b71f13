/* The ranking screen: one pair at a time ("Which matters more to you?"), each answer saved at
 * once, until the items stand in one order. The argument is a ranking-grid entry's id. */
#include "ranking.h"
#include "oom.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "tool_forms.h"
#include "tool_keys.h"
#include "tools.h"

size_t rank_bound(size_t n)
{
    size_t total = 0;
    for (size_t i = 1; i < n; i++) {
        size_t steps = 0;
        while (((size_t)1 << steps) < i + 1)
            steps++;
        total += steps;
    }
    return total;
}

static const char *text_at(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* +1 when the person put x above y, -1 when below, 0 when not asked. */
static int answered(const cJSON *choices, const char *x, const char *y)
{
    const cJSON *c;
    cJSON_ArrayForEach (c, choices) {
        const char *better = text_at(c, CHOICE_BETTER), *worse = text_at(c, CHOICE_WORSE);
        if (strcmp(better, x) == 0 && strcmp(worse, y) == 0)
            return 1;
        if (strcmp(better, y) == 0 && strcmp(worse, x) == 0)
            return -1;
    }
    return 0;
}

/* The sort, replayed from the answers; consulted (may be NULL) counts the answers it used. */
static bool replay_sort(const char *const *items, size_t n, const cJSON *choices, size_t *order,
                        size_t *ask_a, size_t *ask_b, size_t *consulted)
{
    if (n > 0)
        order[0] = 0;
    for (size_t i = 1; i < n; i++) {
        size_t lo = 0, hi = i; /* item i goes somewhere in order[lo..hi] */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int r = answered(choices, items[i], items[order[mid]]);
            if (r == 0) {
                *ask_a = i;
                *ask_b = order[mid];
                return false;
            }
            if (consulted)
                (*consulted)++;
            if (r > 0)
                hi = mid;
            else
                lo = mid + 1;
        }
        memmove(order + lo + 1, order + lo, (i - lo) * sizeof *order);
        order[lo] = i;
    }
    return true;
}

bool rank_replay(const char *const *items, size_t n, const cJSON *choices, size_t *order,
                 size_t *ask_a, size_t *ask_b)
{
    return replay_sort(items, n, choices, order, ask_a, ask_b, NULL);
}

size_t rank_answered(const char *const *items, size_t n, const cJSON *choices)
{
    size_t count = 0, a, b, *order = dt_oom_calloc(n, sizeof *order);
    replay_sort(items, n, choices, order, &a, &b, &count);
    free(order);
    return count;
}

/* ---- the screen ---- */

struct ranking {
    char instance_id[STORE_ID_LEN];
    cJSON *content;
    const char **items; /* into content */
    size_t n;
    size_t *order;
    bool done;
    size_t ask_a, ask_b;
};

/* Replays the answers; when they are complete, keeps the order in the entry as well. */
static void replay(struct ranking *r)
{
    const cJSON *choices = cJSON_GetObjectItemCaseSensitive(r->content, RANKING_CHOICES);
    r->done = rank_replay(r->items, r->n, choices, r->order, &r->ask_a, &r->ask_b);
    cJSON_DeleteItemFromObjectCaseSensitive(r->content, RANKING_ORDER);
    if (r->done) {
        cJSON *order = cJSON_AddArrayToObject(r->content, RANKING_ORDER);
        for (size_t i = 0; order && i < r->n; i++)
            cJSON_AddItemToArray(order, cJSON_CreateString(r->items[r->order[i]]));
    }
}

/* The screen's own choices. */
enum ranking_choice { RANKING_RESTART = 1 };

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    struct ranking *r = s->priv;
    struct tool_instance ti;
    enum dt_status status = store_tools_get(app_store(s->app), app_user(s->app), arg->entry, &ti);
    if (status == DT_NOT_FOUND)
        app_error(s->app, "that ranking is not there any more.");
    if (status != DT_OK)
        return status;
    bool is_ranking = strcmp(ti.tool_type, TOOL_RANKING_GRID) == 0;
    memcpy(r->instance_id, ti.id, sizeof r->instance_id);
    r->content = cJSON_Parse(ti.content_json);
    store_tools_instance_clear(&ti);
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(r->content, RANKING_ITEMS);
    size_t n = (size_t)cJSON_GetArraySize(items);
    if (!is_ranking || !cJSON_IsObject(r->content)) {
        app_error(s->app, "that entry is not a ranking.");
        return DT_INVALID;
    }
    if (n < 2) {
        app_error(s->app, "a ranking needs at least two items: add them first.");
        return DT_INVALID;
    }
    if (n > RANK_MAX_ITEMS) { /* the tool refuses more; an import or an older version did not */
        app_error(s->app,
                  "this ranking has %zu items and a ranking takes at most %d: leave out"
                  " the ones that matter least in the tool, then rank them.",
                  n, RANK_MAX_ITEMS);
        return DT_INVALID;
    }
    r->items = dt_oom_calloc(n, sizeof *r->items);
    r->order = dt_oom_calloc(n, sizeof *r->order);
    const cJSON *item;
    cJSON_ArrayForEach (item, items)
        if (cJSON_IsString(item))
            r->items[r->n++] = item->valuestring;
    replay(r);
    return DT_OK;
}

static void leave(struct screen *s)
{
    struct ranking *r = s->priv;
    free(r->items);
    free(r->order);
    cJSON_Delete(r->content);
}

static void build(const struct screen *s, struct doc *d)
{
    const struct ranking *r = s->priv;
    const cJSON *choices = cJSON_GetObjectItemCaseSensitive(r->content, RANKING_CHOICES);
    const char *title = text_at(r->content, RANKING_TITLE);
    doc_heading(d, 1, doc_printf(d, "Ranking: %s", title[0] ? title : "Untitled"));
    size_t asked = rank_answered(r->items, r->n, choices);
    if (!r->done) {
        doc_para(d, DOC_ROLE_INSTRUCTION,
                 "Choose the one that matters more to you. There are no wrong answers; go with"
                 " your first instinct. Every answer is saved as you give it.");
        const char *options[2] = {r->items[r->ask_a], r->items[r->ask_b]};
        /* a new id for every pair: each is a new question to the renderers. The pair is named
         * in the question, so it is heard before the two options are read out. */
        struct doc_field *f = doc_field(d, DOC_FIELD_PAIRWISE, doc_printf(d, "pair-%zu", asked),
                                        doc_printf(d, "Which matters more to you: %s or %s?",
                                                   options[0], options[1]));
        f->counter = doc_printf(d, "Pair %zu of at most %zu", asked + 1, rank_bound(r->n));
        doc_field_options(d, f, 2, options);
    } else {
        doc_para(d, DOC_ROLE_CELEBRATION,
                 doc_printf(d, "%zu items in one order, from %zu answers.", r->n, asked));
        const char **cells = doc_copy(d, NULL, 2 * (r->n + 1) * sizeof *cells);
        cells[0] = "Place";
        cells[1] = "Item";
        for (size_t i = 0; i < r->n; i++) {
            cells[2 * (i + 1)] = doc_printf(d, "%zu", i + 1);
            cells[2 * (i + 1) + 1] = r->items[r->order[i]];
        }
        doc_table(d, "Your order", 2, r->n + 1, cells);
        doc_action(d, CMD_BACK, NULL, "Done");
    }
    if (asked > 0)
        screen_choice(d, RANKING_RESTART, 0, "Start again from the first question");
    if (!r->done)
        doc_action(d, CMD_BACK, NULL, "Back (your answers so far are kept)");
}

static enum screen_result save(struct screen *s, struct ranking *r)
{
    replay(r);
    return tool_form_store(s->app, TOOL_RANKING_GRID, r->instance_id, r->content,
                           "Your answer could not be saved");
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    struct ranking *r = s->priv;
    if (ev->cmd == CMD_FIELD_CHANGED && ev->field_id && strncmp(ev->field_id, "pair-", 5) == 0 &&
        !r->done) {
        cJSON *v = cJSON_Parse(ev->value);
        int chosen = cJSON_IsNumber(v) ? v->valueint : -1;
        cJSON_Delete(v);
        if (chosen != 0 && chosen != 1) {
            app_error(s->app, "choose one of the two.");
            return SCREEN_REJECTED;
        }
        cJSON *choices = cJSON_GetObjectItemCaseSensitive(r->content, RANKING_CHOICES);
        if (!cJSON_IsArray(choices)) {
            cJSON_DeleteItemFromObjectCaseSensitive(r->content, RANKING_CHOICES);
            choices = cJSON_AddArrayToObject(r->content, RANKING_CHOICES);
        }
        cJSON *answer = cJSON_CreateObject();
        cJSON_AddStringToObject(answer, CHOICE_BETTER, r->items[chosen == 0 ? r->ask_a : r->ask_b]);
        cJSON_AddStringToObject(answer, CHOICE_WORSE, r->items[chosen == 0 ? r->ask_b : r->ask_a]);
        cJSON_AddItemToArray(choices, answer);
        enum screen_result result = save(s, r);
        if (result == SCREEN_HANDLED && r->done) {
            app_note(s->app, "All ranked.");
            app_redisplay(s->app); /* the order is new: show the whole screen */
        }
        return result;
    }
    int choice;
    size_t index;
    if (ev->cmd == CMD_CHOOSE && screen_chosen(ev->arg, &choice, &index) &&
        choice == RANKING_RESTART) {
        cJSON_DeleteItemFromObjectCaseSensitive(r->content, RANKING_CHOICES);
        enum screen_result result = save(s, r);
        if (result == SCREEN_HANDLED) {
            app_note(s->app, "Your earlier answers are cleared; here is the first question again.");
            app_redisplay(s->app);
        }
        return result;
    }
    return SCREEN_UNHANDLED;
}

const struct screen_ops ranking_screen = {
    .title = "Ranking",
    .priv_size = sizeof(struct ranking),
    .enter = enter,
    .build = build,
    .command = command,
    .leave = leave,
};
