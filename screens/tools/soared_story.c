/* The SOARED story: a story of your work in six parts (Situation, Obstacle, Action, Result,
 * Evaluation, Discovery), its skills kept as the entry's tags. */
#include <stdlib.h>
#include <string.h>

#include "skills.h"
#include "oom.h"
#include "store.h"
#include "tool_forms_internal.h"

static void describe(const cJSON *c, char *out, size_t size)
{
    static const char *const parts[] = {STORY_SITUATION, STORY_OBSTACLE,   STORY_ACTION,
                                        STORY_RESULT,    STORY_EVALUATION, STORY_DISCOVERY};
    int written = 0;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        written += tf_text(c, parts[i]) != NULL;
    out[0] = '\0';
    if (tf_text(c, STORY_KIND))
        tf_append(out, size, "%s, ", tf_text(c, STORY_KIND));
    tf_append(out, size, "%d of 6 parts written", written);
}

/* The story's skills become its tags (spec 3.4), as an answer's do: store_skills_set_names. */
static enum dt_status after_save(struct app *a, const char *instance_id, const cJSON *content)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(content, STORY_SKILLS);
    size_t n = 0;
    const char **names = dt_oom_calloc((size_t)cJSON_GetArraySize(list) + 1, sizeof *names);
    const cJSON *name;
    cJSON_ArrayForEach (name, list)
        if (cJSON_IsString(name))
            names[n++] = name->valuestring;
    enum dt_status status = store_skills_set_names(app_store(a), app_user(a), instance_id, names,
                                                   n);
    free(names);
    return status;
}

static const struct tool_field fields[] = {
    {.key = STORY_TITLE,
     .label = "A short name for the story",
     .input = {.type = INPUT_LINE, .max_length = 120}},
    {.key = STORY_KIND,
     .label = "What kind of story is it?",
     .input = {.type = INPUT_CHOICE,
               .optional = true,
               INPUT_OPTIONS("A challenge I met", "A setback I reframed", "Something else")}},
    {.key = STORY_SITUATION,
     .label = "Situation: where were you, and what was at stake?",
     .input = {.type = INPUT_TEXT, .optional = true}},
    {.key = STORY_OBSTACLE,
     .label = "Obstacle: what stood in the way?",
     .input = {.type = INPUT_TEXT, .optional = true}},
    {.key = STORY_ACTION,
     .label = "Action: what did you do, step by step?",
     .input = {.type = INPUT_TEXT, .optional = true}},
    {.key = STORY_RESULT,
     .label = "Result: what changed because of it? Numbers help.",
     .input = {.type = INPUT_TEXT, .optional = true}},
    {.key = STORY_EVALUATION,
     .label = "Evaluation: how do you judge it now?",
     .input = {.type = INPUT_TEXT, .optional = true}},
    {.key = STORY_DISCOVERY,
     .label = "Discovery: what did you learn about yourself?",
     .input = {.type = INPUT_TEXT, .optional = true}},
    {.key = STORY_SKILLS,
     .label = "Skills the story shows",
     .input = {.type = INPUT_LIST, .optional = true, .hint = "One per line."}},
};

const struct tool_form soared_story_form = {
    .tool = TOOL_SOARED_STORY,
    .one_per_exercise = true,
    .about = "Stories of your work in six parts (Situation, Obstacle, Action, Result,"
             " Evaluation, Discovery), ready for interviews and your resume.",
    .new_label = "Write a story",
    TOOL_FORM_FIELDS(fields),
    .title_key = STORY_TITLE,
    .describe = describe,
    .after_save = after_save,
};
