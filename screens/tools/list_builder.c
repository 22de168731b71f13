/* Lists of your own, in the order you choose. */
#include <stdio.h>

#include "tool_forms_internal.h"

static void describe(const cJSON *c, char *out, size_t size)
{
    int n = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c, LIST_ITEMS));
    snprintf(out, size, "%d %s", n, n == 1 ? "item" : "items");
}

static const struct tool_field fields[] = {
    {.key = LIST_TITLE,
     .label = "What is the list of?",
     .input = {.type = INPUT_LINE, .max_length = 160}},
    {.key = LIST_ITEMS,
     .label = "The items, in the order you want them",
     .input = {.type = INPUT_ORDERED, .optional = true}},
};

const struct tool_form list_builder_form = {
    .tool = TOOL_LIST_BUILDER,
    .one_per_exercise = true,
    .about = "Lists of your own, in the order you choose.",
    .new_label = "Start a list",
    TOOL_FORM_FIELDS(fields),
    .title_key = LIST_TITLE,
    .describe = describe,
};
