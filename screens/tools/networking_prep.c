/* The networking prep: the people you are getting to know, how you are connected, what you
 * will ask them and what happens next; the overview says whose follow-up has come. */
#include "tool_forms_internal.h"

static void describe(const cJSON *c, char *out, size_t size)
{
    out[0] = '\0';
    const char *sep = "";
    if (tf_text(c, CONTACT_ORGANISATION))
        tf_append(out, size, "%s", tf_text(c, CONTACT_ORGANISATION)), sep = ", ";
    if (tf_text(c, CONTACT_STATUS))
        tf_append(out, size, "%s%s", sep, tf_text(c, CONTACT_STATUS)), sep = ", ";
    if (tf_text(c, CONTACT_NEXT_STEP))
        tf_append(out, size, "%snext: %s%s%s%s", sep, tf_text(c, CONTACT_NEXT_STEP),
                  tf_text(c, CONTACT_NEXT_DATE) ? " (" : "",
                  tf_text(c, CONTACT_NEXT_DATE) ? tf_text(c, CONTACT_NEXT_DATE) : "",
                  tf_text(c, CONTACT_NEXT_DATE) ? ")" : "");
}

static void overview(const cJSON *const *entries, size_t n, const char *today, struct doc *d)
{
    tf_follow_ups(entries, n, today, CONTACT_NEXT_DATE, CONTACT_NAME, d);
}

static const struct tool_field fields[] = {
    {.key = CONTACT_NAME, .label = "Who is it?", .input = {.type = INPUT_LINE, .max_length = 120}},
    {.key = CONTACT_ORGANISATION,
     .label = "Where do they work?",
     .input = {.type = INPUT_LINE, .optional = true}},
    {.key = CONTACT_ROLE,
     .label = "What do they do there?",
     .input = {.type = INPUT_LINE, .optional = true}},
    {.key = CONTACT_CONNECTION,
     .label = "How are you connected?",
     .input = {.type = INPUT_LINE, .optional = true, .hint = "For example: a friend's colleague."}},
    {.key = CONTACT_STATUS,
     .label = "Where do things stand?",
     .input = {.type = INPUT_CHOICE,
               .optional = true,
               INPUT_OPTIONS("Identified", "Reached out", "Meeting set", "Met", "Following up")}},
    {.key = CONTACT_NEXT_STEP,
     .label = "Your next step",
     .input = {.type = INPUT_LINE, .optional = true}},
    {.key = CONTACT_NEXT_DATE,
     .label = "By when?",
     .input = {.type = INPUT_DATE, .optional = true, .hint = "Year-month-day, like 2026-12-01."}},
    {.key = CONTACT_QUESTIONS,
     .label = "Questions to ask them",
     .input = {.type = INPUT_LIST, .optional = true}},
    {.key = CONTACT_PITCH,
     .label = "How you will introduce yourself, in a few sentences",
     .input = {.type = INPUT_TEXT, .optional = true}},
    {.key = CONTACT_NOTES, .label = "Notes", .input = {.type = INPUT_TEXT, .optional = true}},
};

const struct tool_form networking_prep_form = {
    .tool = TOOL_NETWORKING_PREP,
    .about = "The people you are getting to know: how you are connected, what you will ask"
             " them, and what happens next.",
    .new_label = "Add a person",
    TOOL_FORM_FIELDS(fields),
    .title_key = CONTACT_NAME,
    .describe = describe,
    .overview = overview,
};
