/* The failure reframer: something that went wrong, worked through until it can be said as a
 * sentence you can live with. */
#include "tool_forms_internal.h"

static void describe(const cJSON *c, char *out, size_t size)
{
    out[0] = '\0';
    const char *statement = tf_text(c, REFRAME_STATEMENT);
    if (statement)
        tf_append(out, size, "Reframed: %.120s", statement);
    else
        tf_append(out, size, "Not reframed yet");
}

static const struct tool_field fields[] = {
    {.key = REFRAME_SITUATION, .label = "What happened?", .input = {.type = INPUT_TEXT}},
    {.key = REFRAME_FEELINGS,
     .label = "What did you feel at first?",
     .input = {.type = INPUT_TEXT, .optional = true}},
    {.key = REFRAME_LEARNED,
     .label = "What did it teach you?",
     .input = {.type = INPUT_TEXT, .optional = true}},
    {.key = REFRAME_CHANGE,
     .label = "What would you do differently?",
     .input = {.type = INPUT_TEXT, .optional = true}},
    {.key = REFRAME_SILVER_LINING,
     .label = "What good came of it, or still could?",
     .input = {.type = INPUT_TEXT, .optional = true}},
    {.key = REFRAME_NEXT_STEP,
     .label = "What is one next step?",
     .input = {.type = INPUT_LINE, .optional = true}},
    {.key = REFRAME_STATEMENT,
     .label = "Say it again as a sentence you can live with.",
     .input = {.type = INPUT_TEXT,
               .optional = true,
               .hint = "For example: that project showed me I need clearer agreements up"
                       " front."}},
};

const struct tool_form failure_reframer_form = {
    .tool = TOOL_FAILURE_REFRAMER,
    .one_per_exercise = true,
    .about = "Take something that went wrong and work through it until you can say what it"
             " gave you.",
    .new_label = "Reframe something",
    TOOL_FORM_FIELDS(fields),
    .title_key = REFRAME_SITUATION,
    .describe = describe,
};
