/* The ranking: a handful of things put in one order by choosing between two at a time. The
 * form takes the items (each once); the ranking screen (screens/ranking.c) asks the pairs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ranking.h"
#include "oom.h"
#include "tool_forms_internal.h"

/* The ranking's items as an array of its strings (pointers into c); the caller frees the array. */
static const char **rank_items(const cJSON *c, size_t *n)
{
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(c, RANKING_ITEMS);
    const char **list = dt_oom_calloc((size_t)cJSON_GetArraySize(items) + 1, sizeof *list);
    *n = 0;
    const cJSON *item;
    cJSON_ArrayForEach (item, items)
        if (cJSON_IsString(item))
            list[(*n)++] = item->valuestring;
    return list;
}

static void describe(const cJSON *c, char *out, size_t size)
{
    size_t n = 0, a, b;
    const char **items = rank_items(c, &n);
    size_t *order = dt_oom_calloc(n, sizeof *order);
    out[0] = '\0';
    tf_append(out, size, "%zu %s", n, n == 1 ? "item" : "items");
    if (n >= 2) {
        if (rank_replay(items, n, cJSON_GetObjectItemCaseSensitive(c, RANKING_CHOICES), order, &a,
                        &b))
            tf_append(out, size, ", ranked: %s first", items[order[0]]);
        else
            tf_append(out, size, ", not ranked yet");
    }
    free(order);
    free(items);
}

static void figures(const cJSON *c, struct doc *d)
{
    size_t n = 0, a, b;
    const char **items = rank_items(c, &n);
    size_t *order = dt_oom_calloc(n, sizeof *order);
    const cJSON *choices = cJSON_GetObjectItemCaseSensitive(c, RANKING_CHOICES);
    if (n < 2) {
        doc_para(d, DOC_ROLE_NOTE, "Add at least two items, then rank them two at a time.");
    } else if (rank_replay(items, n, choices, order, &a, &b)) {
        const char **cells = doc_copy(d, NULL, 2 * (n + 1) * sizeof *cells);
        cells[0] = "Place";
        cells[1] = "Item";
        for (size_t i = 0; i < n; i++) {
            cells[2 * (i + 1)] = doc_printf(d, "%zu", i + 1);
            cells[2 * (i + 1) + 1] = items[order[i]];
        }
        doc_table(d, "Your order", 2, n + 1, cells);
    } else {
        size_t asked = rank_answered(items, n, choices);
        doc_para(d, DOC_ROLE_NOTE,
                 asked ? doc_printf(d,
                                    "Not ranked yet: %zu %s given; %zu items take at most"
                                    " %zu questions.",
                                    asked, asked == 1 ? "answer" : "answers", n, rank_bound(n))
                       : doc_printf(d, "Not ranked yet: %zu items take at most %zu questions.", n,
                                    rank_bound(n)));
    }
    free(order);
    free(items);
}

static bool ready(const cJSON *c)
{
    return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c, RANKING_ITEMS)) >= 2;
}

static bool has_text(const cJSON *array, const char *text)
{
    const cJSON *v;
    cJSON_ArrayForEach (v, array)
        if (text && cJSON_IsString(v) && strcmp(v->valuestring, text) == 0)
            return true;
    return false;
}

/* Items are known by their text (the answers name them), so each may appear once. The answers
 * about items that are gone go with them; the rest still count. */
static bool take(cJSON *c, const char *key, cJSON *value, const char **why)
{
    if (strcmp(key, RANKING_ITEMS) == 0 && cJSON_GetArraySize(value) > RANK_MAX_ITEMS) {
        static char too_many[160];
        snprintf(too_many, sizeof too_many,
                 "a ranking takes at most %d items (at most %zu"
                 " questions): leave out the ones that matter least.",
                 RANK_MAX_ITEMS, rank_bound(RANK_MAX_ITEMS));
        *why = too_many;
        cJSON_Delete(value);
        return false;
    }
    if (strcmp(key, RANKING_ITEMS) == 0) {
        const cJSON *item;
        cJSON_ArrayForEach (item, value) {
            for (const cJSON *later = item->next; later; later = later->next)
                if (cJSON_IsString(item) && cJSON_IsString(later) &&
                    strcmp(item->valuestring, later->valuestring) == 0) {
                    *why = "each item may appear once: two lines say the same.";
                    cJSON_Delete(value);
                    return false;
                }
        }
        cJSON *choices = cJSON_GetObjectItemCaseSensitive(c, RANKING_CHOICES);
        for (cJSON *ch = choices ? choices->child : NULL, *next; ch; ch = next) {
            next = ch->next;
            if (!has_text(value, tf_text(ch, CHOICE_BETTER)) ||
                !has_text(value, tf_text(ch, CHOICE_WORSE)))
                cJSON_Delete(cJSON_DetachItemViaPointer(choices, ch));
        }
        /* the ranking screen sets it again */
        cJSON_DeleteItemFromObjectCaseSensitive(c, RANKING_ORDER);
    }
    cJSON_DeleteItemFromObjectCaseSensitive(c, key);
    cJSON_AddItemToObject(c, key, value);
    return true;
}

#define TEXT_OF_(x) #x
#define TEXT_OF(x) TEXT_OF_(x) /* a number macro as a string literal, for the hint */

static const struct tool_field fields[] = {
    {.key = RANKING_TITLE,
     .label = "What are you ranking?",
     .input = {.type = INPUT_LINE,
               .max_length = 160,
               .hint = "For example: what matters most in my next job."}},
    {.key = RANKING_ITEMS,
     .label = "The items",
     .input = {.type = INPUT_LIST,
               .optional = true,
               .hint = "One per line; at least two to rank, at most " TEXT_OF(RANK_MAX_ITEMS) "."}},
};

const struct tool_form ranking_grid_form = {
    .tool = TOOL_RANKING_GRID,
    .one_per_exercise = true,
    .about = "Put a handful of things in order by choosing between two at a time. However many"
             " there are, it ends in one clear order, with no ties.",
    .new_label = "Start a ranking",
    TOOL_FORM_FIELDS(fields),
    .title_key = RANKING_TITLE,
    .describe = describe,
    .figures = figures,
    .take = take,
    .action_label = "Rank them, two at a time",
    .action_screen = SCREEN_RANKING,
    .action_ready = ready,
};
