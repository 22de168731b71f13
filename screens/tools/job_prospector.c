/* The job tracker: jobs worth a closer look, what draws you, what you bring and lack, and when
 * to follow up; the overview says whose follow-up has come. */
#include "tool_forms_internal.h"

static void describe(const cJSON *c, char *out, size_t size)
{
    double fit = 0;
    out[0] = '\0';
    const char *sep = "";
    if (tf_text(c, PROSPECT_EMPLOYER))
        tf_append(out, size, "%s", tf_text(c, PROSPECT_EMPLOYER)), sep = ", ";
    if (tf_number(c, PROSPECT_FIT, &fit))
        tf_append(out, size, "%sfit %g of 5", sep, fit), sep = ", ";
    if (tf_text(c, PROSPECT_STATUS))
        tf_append(out, size, "%s%s", sep, tf_text(c, PROSPECT_STATUS)), sep = ", ";
    if (tf_text(c, PROSPECT_FOLLOW_UP))
        tf_append(out, size, "%sfollow up %s", sep, tf_text(c, PROSPECT_FOLLOW_UP));
}

static void overview(const cJSON *const *entries, size_t n, const char *today, struct doc *d)
{
    tf_follow_ups(entries, n, today, PROSPECT_FOLLOW_UP, PROSPECT_TITLE, d);
}

static const struct tool_field fields[] = {
    {.key = PROSPECT_TITLE,
     .label = "The job's title",
     .input = {.type = INPUT_LINE, .max_length = 160}},
    {.key = PROSPECT_EMPLOYER,
     .label = "The employer",
     .input = {.type = INPUT_LINE, .optional = true}},
    {.key = PROSPECT_FIELD,
     .label = "The field it is in",
     .input = {.type = INPUT_LINE, .optional = true}},
    {.key = PROSPECT_ABOUT,
     .label = "What the job is, in your words",
     .input = {.type = INPUT_TEXT, .optional = true}},
    {.key = PROSPECT_DRAWS,
     .label = "What draws you to it",
     .input = {.type = INPUT_TEXT, .optional = true}},
    {.key = PROSPECT_HAVE,
     .label = "What you already bring",
     .input = {.type = INPUT_TEXT, .optional = true}},
    {.key = PROSPECT_LACK,
     .label = "What you would still need",
     .input = {.type = INPUT_TEXT, .optional = true}},
    {.key = PROSPECT_FIT,
     .label = "How well does it fit?",
     .input = {.type = INPUT_SLIDER,
               .optional = true,
               .min = INPUT_BOUND(1),
               .max = INPUT_BOUND(5),
               INPUT_STOPS({1, "Poorly"}, {2, "Somewhat"}, {3, "Reasonably"}, {4, "Well"},
                           {5, "Very well"})}},
    {.key = PROSPECT_STATUS,
     .label = "Where does it stand?",
     .input = {.type = INPUT_CHOICE,
               .optional = true,
               INPUT_OPTIONS("Researching", "Applied", "Interviewing", "Offer",
                             "No longer pursuing")}},
    {.key = PROSPECT_FOLLOW_UP,
     .label = "Follow up on",
     .input = {.type = INPUT_DATE, .optional = true, .hint = "Year-month-day, like 2026-12-01."}},
};

const struct tool_form job_prospector_form = {
    .tool = TOOL_JOB_PROSPECTOR,
    .about = "Jobs worth a closer look: what draws you, what you bring, what you lack, and when"
             " to follow up.",
    .new_label = "Add a job",
    TOOL_FORM_FIELDS(fields),
    .title_key = PROSPECT_TITLE,
    .describe = describe,
    .overview = overview,
};
