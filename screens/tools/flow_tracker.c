/* The flow log: what you were doing, how it left your energy and how absorbed you were. High
 * flow is energy +1 or more with focus 4 or more; the overview counts it over all entries. */
#include <stdio.h>

#include "tool_forms_internal.h"

static bool high_flow(const cJSON *c)
{
    double energy = 0, focus = 0;
    return tf_number(c, FLOW_ENERGY, &energy) && tf_number(c, FLOW_FOCUS, &focus) && energy >= 1 &&
           focus >= 4;
}

static void describe(const cJSON *c, char *out, size_t size)
{
    double v = 0;
    out[0] = '\0';
    tf_append(out, size, "%s", tf_text(c, FLOW_DATE) ? tf_text(c, FLOW_DATE) : "no date");
    if (tf_number(c, FLOW_ENERGY, &v))
        tf_append(out, size, v == 0 ? ", energy %g" : ", energy %+g", v);
    if (tf_number(c, FLOW_FOCUS, &v))
        tf_append(out, size, ", focus %g", v);
    if (high_flow(c))
        tf_append(out, size, ", high flow");
}

static void overview(const cJSON *const *entries, size_t n, const char *today, struct doc *d)
{
    (void)today;
    size_t high = 0;
    char recent[400] = "";
    size_t named = 0;
    for (size_t i = 0; i < n; i++) {
        if (!high_flow(entries[i]))
            continue;
        high++;
        const char *activity = tf_text(entries[i], FLOW_ACTIVITY);
        if (activity && named < 5) {
            tf_append(recent, sizeof recent, "%s%s", named ? "; " : "", activity);
            named++;
        }
    }
    if (n == 0)
        return;
    if (high == 0) {
        doc_para(d, DOC_ROLE_NOTE,
                 doc_printf(d,
                            "%zu %s logged; none yet with high flow (energy +1 or more and"
                            " focus 4 or more).",
                            n, n == 1 ? "entry" : "entries"));
        return;
    }
    doc_para(d, DOC_ROLE_NOTE,
             doc_printf(d,
                        "High flow (energy +1 or more and focus 4 or more) in %zu of %zu"
                        " entries. Most recent: %s.",
                        high, n, recent));
}

static const struct tool_field fields[] = {
    {.key = FLOW_DATE,
     .label = "When was it?",
     .input = {.type = INPUT_DATE,
               .optional = true,
               .default_today = true,
               .hint = "Year-month-day, like 2026-11-25."}},
    {.key = FLOW_ACTIVITY,
     .label = "What were you doing?",
     .input = {.type = INPUT_LINE, .max_length = 200}},
    {.key = FLOW_ENERGY,
     .label = "How did it leave your energy?",
     .input = {.type = INPUT_SLIDER,
               .min = INPUT_BOUND(-2),
               .max = INPUT_BOUND(2),
               INPUT_STOPS({-2, "Drained"}, {-1, "A little tired"}, {0, "Unchanged"},
                           {1, "A little lifted"}, {2, "Energised"})}},
    {.key = FLOW_FOCUS,
     .label = "How absorbed were you?",
     .input = {.type = INPUT_SLIDER,
               .min = INPUT_BOUND(1),
               .max = INPUT_BOUND(5),
               INPUT_STOPS({1, "Distracted"}, {2, "Drifting"}, {3, "Attentive"}, {4, "Focused"},
                           {5, "Lost track of time"})}},
    {.key = FLOW_NOTES,
     .label = "Anything worth remembering about it?",
     .input = {.type = INPUT_TEXT, .optional = true}},
};

const struct tool_form flow_tracker_form = {
    .tool = TOOL_FLOW_TRACKER,
    .about = "Log what you were doing, how it left your energy and how absorbed you were. Over"
             " a few weeks the entries show where your flow is.",
    .new_label = "Log an activity",
    TOOL_FORM_FIELDS(fields),
    .title_key = FLOW_ACTIVITY,
    .describe = describe,
    .overview = overview,
};
