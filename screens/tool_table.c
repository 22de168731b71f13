/* The ten tools' forms: each tool's questions (in the prompts' vocabulary), how its entries are
 * named and described, and the figures worked out from them; the budget, idea tree and resume
 * keep their workings in tool_budget.c, tool_idea_tree.c and tool_resume.c. The functions over
 * this table are in tool_forms.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ranking.h"
#include "skills.h"
#include "store.h"
#include "tool_forms.h"
#include "tool_forms_internal.h"

/* ---- flow log ---- */

static bool high_flow(const cJSON *c)
{
    double energy = 0, focus = 0;
    return tf_number(c, "energy", &energy) && tf_number(c, "focus", &focus) && energy >= 1 &&
           focus >= 4;
}

static void flow_describe(const cJSON *c, char *out, size_t size)
{
    double v = 0;
    out[0] = '\0';
    tf_append(out, size, "%s", tf_text(c, "date") ? tf_text(c, "date") : "no date");
    if (tf_number(c, "energy", &v))
        tf_append(out, size, v == 0 ? ", energy %g" : ", energy %+g", v);
    if (tf_number(c, "focus", &v))
        tf_append(out, size, ", focus %g", v);
    if (high_flow(c))
        tf_append(out, size, ", high flow");
}

static void flow_overview(const cJSON *const *entries, size_t n, const char *today,
                          struct doc *d)
{
    (void)today;
    size_t high = 0;
    char recent[400] = "";
    size_t named = 0;
    for (size_t i = 0; i < n; i++) {
        if (!high_flow(entries[i]))
            continue;
        high++;
        const char *activity = tf_text(entries[i], "activity");
        if (activity && named < 5) {
            tf_append(recent, sizeof recent, "%s%s", named ? "; " : "", activity);
            named++;
        }
    }
    if (n == 0)
        return;
    if (high == 0) {
        doc_para(d, DOC_ROLE_NOTE,
                 doc_printf(d, "%zu %s logged; none yet with high flow (energy +1 or more and"
                               " focus 4 or more).", n, n == 1 ? "entry" : "entries"));
        return;
    }
    doc_para(d, DOC_ROLE_NOTE,
             doc_printf(d, "High flow (energy +1 or more and focus 4 or more) in %zu of %zu"
                           " entries. Most recent: %s.", high, n, recent));
}

static const struct tool_field flow_fields[] = {
    {"date", "When was it?", "{\"type\":\"date\",\"default\":\"today\",\"required\":false,"
                             "\"hint\":\"Year-month-day, like 2026-11-25.\"}"},
    {"activity", "What were you doing?", "{\"type\":\"line\",\"max\":200}"},
    {"energy", "How did it leave your energy?",
     "{\"type\":\"slider\",\"min\":-2,\"max\":2,\"stops\":[{\"value\":-2,\"label\":\"Drained\"},"
     "{\"value\":-1,\"label\":\"A little tired\"},{\"value\":0,\"label\":\"Unchanged\"},"
     "{\"value\":1,\"label\":\"A little lifted\"},{\"value\":2,\"label\":\"Energised\"}]}"},
    {"focus", "How absorbed were you?",
     "{\"type\":\"slider\",\"min\":1,\"max\":5,\"stops\":[{\"value\":1,\"label\":\"Distracted\"},"
     "{\"value\":2,\"label\":\"Drifting\"},{\"value\":3,\"label\":\"Attentive\"},"
     "{\"value\":4,\"label\":\"Focused\"},{\"value\":5,\"label\":\"Lost track of time\"}]}"},
    {"notes", "Anything worth remembering about it?", "{\"type\":\"text\",\"required\":false}"},
};

/* ---- failure reframer ---- */

static void reframe_describe(const cJSON *c, char *out, size_t size)
{
    out[0] = '\0';
    const char *statement = tf_text(c, "reframe");
    if (statement)
        tf_append(out, size, "Reframed: %.120s", statement);
    else
        tf_append(out, size, "Not reframed yet");
}

static const struct tool_field reframe_fields[] = {
    {"situation", "What happened?", "{\"type\":\"text\"}"},
    {"feelings", "What did you feel at first?", "{\"type\":\"text\",\"required\":false}"},
    {"learned", "What did it teach you?", "{\"type\":\"text\",\"required\":false}"},
    {"change", "What would you do differently?", "{\"type\":\"text\",\"required\":false}"},
    {"silver_lining", "What good came of it, or still could?",
     "{\"type\":\"text\",\"required\":false}"},
    {"next_step", "What is one next step?", "{\"type\":\"line\",\"required\":false}"},
    {"reframe", "Say it again as a sentence you can live with.",
     "{\"type\":\"text\",\"required\":false,"
     "\"hint\":\"For example: that project showed me I need clearer agreements up front.\"}"},
};

/* ---- budget (its workings in tool_budget.c) ---- */

static const struct tool_field budget_fields[] = {
    {"income_monthly", "Your income a month, after tax",
     "{\"type\":\"number\",\"min\":0,\"required\":false,"
     "\"hint\":\"The yearly figure follows; change either one.\"}"},
    {"income_yearly", "Your income a year, after tax",
     "{\"type\":\"number\",\"min\":0,\"required\":false}"},
    {"essential", "Essential expenses a month",
     "{\"type\":\"list\",\"required\":false,"
     "\"hint\":\"One per line: what it is, then the amount. For example: Rent 950\"}"},
    {"other", "Other expenses a month",
     "{\"type\":\"list\",\"required\":false,"
     "\"hint\":\"Things you could cut back on, the same way: Eating out 120\"}"},
    {"tax_rate", "Your tax rate, in percent (optional)",
     "{\"type\":\"number\",\"min\":0,\"max\":95,\"required\":false,"
     "\"hint\":\"Your own estimate: DreamTree keeps no tax tables.\"}"},
    {"walk_away", "Your walk-away number: the lowest yearly pay you would accept",
     "{\"type\":\"number\",\"min\":0,\"required\":false}"},
    {"notes", "Notes", "{\"type\":\"text\",\"required\":false}"},
};

/* ---- SOARED story ---- */

static void soared_describe(const cJSON *c, char *out, size_t size)
{
    static const char *const parts[] = {"situation", "obstacle", "action",
                                        "result",    "evaluation", "discovery"};
    int written = 0;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        written += tf_text(c, parts[i]) != NULL;
    out[0] = '\0';
    if (tf_text(c, "kind"))
        tf_append(out, size, "%s, ", tf_text(c, "kind"));
    tf_append(out, size, "%d of 6 parts written", written);
}

/* The story's skills become its tags (spec 3.4): a name of the master list (or of the person's
 * own skills) tags that skill, case and accents aside; a new name becomes a custom skill. Tags
 * for names taken off the list go, and so does a custom skill nothing uses any more (a half
 * word saved while typing paused). A name the store cannot take (too long) is left untagged. */
static enum dt_status soared_after_save(struct app *a, const char *instance_id,
                                        const cJSON *content)
{
    struct store *st = app_store(a);
    const char *user = app_user(a);
    const cJSON *names = cJSON_GetObjectItemCaseSensitive(content, "skills");
    size_t n = (size_t)cJSON_GetArraySize(names), nwanted = 0;
    char(*wanted)[STORE_ID_LEN] = calloc(n + 1, sizeof *wanted);
    if (!wanted)
        return DT_NOMEM;
    enum dt_status status = DT_OK;
    const cJSON *name;
    cJSON_ArrayForEach(name, names) {
        if (!cJSON_IsString(name) || status != DT_OK)
            continue;
        enum dt_status s = store_skills_add_custom(st, user, name->valuestring, NULL,
                                                   wanted[nwanted]);
        if (s == DT_OK || s == DT_DUPLICATE)
            status = store_skills_tag(st, user, instance_id, wanted[nwanted++]);
        else if (s != DT_INVALID)
            status = s;
    }
    struct skill *tagged = NULL;
    size_t ntagged = 0;
    if (status == DT_OK)
        status = store_skills_for_instance(st, user, instance_id, &tagged, &ntagged);
    for (size_t i = 0; status == DT_OK && i < ntagged; i++) {
        bool keep = false;
        for (size_t k = 0; k < nwanted && !keep; k++)
            keep = strcmp(tagged[i].id, wanted[k]) == 0;
        if (!keep)
            status = store_skills_untag(st, user, instance_id, tagged[i].id);
        if (!keep && status == DT_OK && tagged[i].is_custom)
            status = store_skills_forget_unused(st, user, tagged[i].id);
    }
    free(tagged);
    free(wanted);
    return status;
}

static const struct tool_field soared_fields[] = {
    {"title", "A short name for the story", "{\"type\":\"line\",\"max\":120}"},
    {"kind", "What kind of story is it?",
     "{\"type\":\"choice\",\"required\":false,"
     "\"options\":[\"A challenge I met\",\"A setback I reframed\",\"Something else\"]}"},
    {"situation", "Situation: where were you, and what was at stake?",
     "{\"type\":\"text\",\"required\":false}"},
    {"obstacle", "Obstacle: what stood in the way?", "{\"type\":\"text\",\"required\":false}"},
    {"action", "Action: what did you do, step by step?", "{\"type\":\"text\",\"required\":false}"},
    {"result", "Result: what changed because of it? Numbers help.",
     "{\"type\":\"text\",\"required\":false}"},
    {"evaluation", "Evaluation: how do you judge it now?",
     "{\"type\":\"text\",\"required\":false}"},
    {"discovery", "Discovery: what did you learn about yourself?",
     "{\"type\":\"text\",\"required\":false}"},
    {"skills", "Skills the story shows", "{\"type\":\"list\",\"required\":false,"
                                         "\"hint\":\"One per line.\"}"},
};

/* ---- follow-ups (networking prep, job tracker) ---- */

/* The entries whose follow-up date (date_key) has come, by name, oldest date first: the ones
 * the daily reminder is about. */
static void follow_ups(const cJSON *const *entries, size_t n, const char *today,
                       const char *date_key, const char *name_key, struct doc *d)
{
    char due[600] = "";
    size_t count = 0;
    for (size_t pass = 0; pass < 2; pass++) /* first the overdue, then today's */
        for (size_t i = 0; i < n; i++) {
            const char *date = tf_text(entries[i], date_key), *name = tf_text(entries[i], name_key);
            int cmp = date ? strcmp(date, today) : 1;
            if (!name || (pass == 0 ? cmp >= 0 : cmp != 0))
                continue;
            if (count++ < 6)
                tf_append(due, sizeof due, "%s%s (%s)", count > 1 ? "; " : "", name, date);
        }
    if (count == 0) {
        if (n > 0)
            doc_para(d, DOC_ROLE_NOTE, "No follow-up is due today.");
        return;
    }
    doc_para(d, DOC_ROLE_NOTE, doc_printf(d, "Follow-up due for %zu: %s%s.", count, due,
                                          count > 6 ? " and more" : ""));
}

static void contact_overview(const cJSON *const *entries, size_t n, const char *today,
                             struct doc *d)
{
    follow_ups(entries, n, today, "next_date", "name", d);
}

static void prospect_overview(const cJSON *const *entries, size_t n, const char *today,
                              struct doc *d)
{
    follow_ups(entries, n, today, "follow_up", "title", d);
}

/* ---- networking prep ---- */

static void contact_describe(const cJSON *c, char *out, size_t size)
{
    out[0] = '\0';
    const char *sep = "";
    if (tf_text(c, "organisation"))
        tf_append(out, size, "%s", tf_text(c, "organisation")), sep = ", ";
    if (tf_text(c, "status"))
        tf_append(out, size, "%s%s", sep, tf_text(c, "status")), sep = ", ";
    if (tf_text(c, "next_step"))
        tf_append(out, size, "%snext: %s%s%s%s", sep, tf_text(c, "next_step"),
               tf_text(c, "next_date") ? " (" : "",
               tf_text(c, "next_date") ? tf_text(c, "next_date") : "",
               tf_text(c, "next_date") ? ")" : "");
}

static const struct tool_field contact_fields[] = {
    {"name", "Who is it?", "{\"type\":\"line\",\"max\":120}"},
    {"organisation", "Where do they work?", "{\"type\":\"line\",\"required\":false}"},
    {"role", "What do they do there?", "{\"type\":\"line\",\"required\":false}"},
    {"connection", "How are you connected?", "{\"type\":\"line\",\"required\":false,"
                                             "\"hint\":\"For example: a friend's colleague.\"}"},
    {"status", "Where do things stand?",
     "{\"type\":\"choice\",\"required\":false,\"options\":[\"Identified\",\"Reached out\","
     "\"Meeting set\",\"Met\",\"Following up\"]}"},
    {"next_step", "Your next step", "{\"type\":\"line\",\"required\":false}"},
    {"next_date", "By when?", "{\"type\":\"date\",\"required\":false,"
                              "\"hint\":\"Year-month-day, like 2026-12-01.\"}"},
    {"questions", "Questions to ask them", "{\"type\":\"list\",\"required\":false}"},
    {"pitch", "How you will introduce yourself, in a few sentences",
     "{\"type\":\"text\",\"required\":false}"},
    {"notes", "Notes", "{\"type\":\"text\",\"required\":false}"},
};

/* ---- job tracker ---- */

static void prospect_describe(const cJSON *c, char *out, size_t size)
{
    double fit = 0;
    out[0] = '\0';
    const char *sep = "";
    if (tf_text(c, "employer"))
        tf_append(out, size, "%s", tf_text(c, "employer")), sep = ", ";
    if (tf_number(c, "fit", &fit))
        tf_append(out, size, "%sfit %g of 5", sep, fit), sep = ", ";
    if (tf_text(c, "status"))
        tf_append(out, size, "%s%s", sep, tf_text(c, "status")), sep = ", ";
    if (tf_text(c, "follow_up"))
        tf_append(out, size, "%sfollow up %s", sep, tf_text(c, "follow_up"));
}

static const struct tool_field prospect_fields[] = {
    {"title", "The job's title", "{\"type\":\"line\",\"max\":160}"},
    {"employer", "The employer", "{\"type\":\"line\",\"required\":false}"},
    {"field", "The field it is in", "{\"type\":\"line\",\"required\":false}"},
    {"about", "What the job is, in your words", "{\"type\":\"text\",\"required\":false}"},
    {"draws", "What draws you to it", "{\"type\":\"text\",\"required\":false}"},
    {"have", "What you already bring", "{\"type\":\"text\",\"required\":false}"},
    {"lack", "What you would still need", "{\"type\":\"text\",\"required\":false}"},
    {"fit", "How well does it fit?",
     "{\"type\":\"slider\",\"min\":1,\"max\":5,\"required\":false,\"stops\":["
     "{\"value\":1,\"label\":\"Poorly\"},{\"value\":2,\"label\":\"Somewhat\"},"
     "{\"value\":3,\"label\":\"Reasonably\"},{\"value\":4,\"label\":\"Well\"},"
     "{\"value\":5,\"label\":\"Very well\"}]}"},
    {"status", "Where does it stand?",
     "{\"type\":\"choice\",\"required\":false,\"options\":[\"Researching\",\"Applied\","
     "\"Interviewing\",\"Offer\",\"No longer pursuing\"]}"},
    {"follow_up", "Follow up on", "{\"type\":\"date\",\"required\":false,"
                                  "\"hint\":\"Year-month-day, like 2026-12-01.\"}"},
};

/* ---- lists ---- */

static void list_describe(const cJSON *c, char *out, size_t size)
{
    int n = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c, "items"));
    snprintf(out, size, "%d %s", n, n == 1 ? "item" : "items");
}

static const struct tool_field list_fields[] = {
    {"title", "What is the list of?", "{\"type\":\"line\",\"max\":160}"},
    {"items", "The items, in the order you want them",
     "{\"type\":\"ordered\",\"required\":false}"},
};

/* ---- ranking ---- */

/* The ranking's items as an array of its strings (pointers into c); NULL when out of memory. */
static const char **rank_items(const cJSON *c, size_t *n)
{
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(c, "items");
    const char **list = calloc((size_t)cJSON_GetArraySize(items) + 1, sizeof *list);
    *n = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, items)
        if (list && cJSON_IsString(item))
            list[(*n)++] = item->valuestring;
    return list;
}

static void ranking_describe(const cJSON *c, char *out, size_t size)
{
    size_t n = 0, a, b;
    const char **items = rank_items(c, &n);
    size_t *order = calloc(n ? n : 1, sizeof *order);
    out[0] = '\0';
    tf_append(out, size, "%zu %s", n, n == 1 ? "item" : "items");
    if (items && order && n >= 2) {
        if (rank_replay(items, n, cJSON_GetObjectItemCaseSensitive(c, "choices"), order, &a, &b))
            tf_append(out, size, ", ranked: %s first", items[order[0]]);
        else
            tf_append(out, size, ", not ranked yet");
    }
    free(order);
    free(items);
}

static void ranking_figures(const cJSON *c, struct doc *d)
{
    size_t n = 0, a, b;
    const char **items = rank_items(c, &n);
    size_t *order = calloc(n ? n : 1, sizeof *order);
    const cJSON *choices = cJSON_GetObjectItemCaseSensitive(c, "choices");
    if (!items || !order || n < 2) {
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
                 asked ? doc_printf(d, "Not ranked yet: %zu answers given; %zu items take at most"
                                       " %zu.", asked, n, rank_bound(n))
                       : doc_printf(d, "Not ranked yet: %zu items take at most %zu questions.", n,
                                    rank_bound(n)));
    }
    free(order);
    free(items);
}

static bool ranking_ready(const cJSON *c)
{
    return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c, "items")) >= 2;
}

static bool has_text(const cJSON *array, const char *text)
{
    const cJSON *v;
    cJSON_ArrayForEach(v, array)
        if (text && cJSON_IsString(v) && strcmp(v->valuestring, text) == 0)
            return true;
    return false;
}

/* Items are known by their text (the answers name them), so each may appear once. The answers
 * about items that are gone go with them; the rest still count. */
#define TEXT_OF_(x) #x
#define TEXT_OF(x) TEXT_OF_(x) /* a number macro as a string literal, for the hint */

static bool ranking_take(cJSON *c, const char *key, cJSON *value, const char **why)
{
    if (strcmp(key, "items") == 0 && cJSON_GetArraySize(value) > RANK_MAX_ITEMS) {
        static char too_many[160];
        snprintf(too_many, sizeof too_many, "a ranking takes at most %d items (at most %zu"
                 " questions): leave out the ones that matter least.", RANK_MAX_ITEMS,
                 rank_bound(RANK_MAX_ITEMS));
        *why = too_many;
        cJSON_Delete(value);
        return false;
    }
    if (strcmp(key, "items") == 0) {
        const cJSON *item;
        cJSON_ArrayForEach(item, value) {
            for (const cJSON *later = item->next; later; later = later->next)
                if (cJSON_IsString(item) && cJSON_IsString(later) &&
                    strcmp(item->valuestring, later->valuestring) == 0) {
                    *why = "each item may appear once: two lines say the same.";
                    cJSON_Delete(value);
                    return false;
                }
        }
        cJSON *choices = cJSON_GetObjectItemCaseSensitive(c, "choices");
        for (cJSON *ch = choices ? choices->child : NULL, *next; ch; ch = next) {
            next = ch->next;
            if (!has_text(value, tf_text(ch, "better")) || !has_text(value, tf_text(ch, "worse")))
                cJSON_Delete(cJSON_DetachItemViaPointer(choices, ch));
        }
        cJSON_DeleteItemFromObjectCaseSensitive(c, "order"); /* the ranking screen sets it again */
    }
    cJSON_DeleteItemFromObjectCaseSensitive(c, key);
    cJSON_AddItemToObject(c, key, value);
    return true;
}

static const struct tool_field ranking_fields[] = {
    {"title", "What are you ranking?", "{\"type\":\"line\",\"max\":160,"
                                       "\"hint\":\"For example: what matters most in my next job.\"}"},
    {"items", "The items", "{\"type\":\"list\",\"required\":false,"
                           "\"hint\":\"One per line; at least two to rank, at most "
                           TEXT_OF(RANK_MAX_ITEMS) ".\"}"},
};

/* ---- idea tree (its workings in tool_idea_tree.c) ---- */

static const struct tool_field idea_tree_fields_fixed[] = {
    {"root", "Your starting idea", "{\"type\":\"line\",\"max\":160,"
                                   "\"hint\":\"A word or a few: an interest, an activity, a skill.\"}"},
};

/* ---- resume (its workings in tool_resume.c; its preview and export in resume.c) ---- */

static bool resume_ready(const cJSON *c)
{
    return tf_text(c, "name") != NULL;
}

static const struct tool_field resume_fields[] = {
    {"name", "Your name, as it should appear", "{\"type\":\"line\",\"max\":120}"},
    {"headline", "A line under your name: the work you are after",
     "{\"type\":\"line\",\"required\":false,\"max\":160,"
     "\"hint\":\"For example: Community gardener and workshop leader.\"}"},
    {"email", "Email", "{\"type\":\"line\",\"required\":false,\"max\":160}"},
    {"phone", "Phone", "{\"type\":\"line\",\"required\":false,\"max\":60}"},
    {"location", "Where you are based", "{\"type\":\"line\",\"required\":false,\"max\":120}"},
    {"links", "Web pages", "{\"type\":\"list\",\"required\":false,"
                           "\"hint\":\"One per line: a portfolio, a profile.\"}"},
    {"summary", "A short summary: who you are at work, in three or four sentences",
     "{\"type\":\"text\",\"required\":false}"},
    {"experience", "Experience",
     "{\"type\":\"text\",\"required\":false,\"hint\":\"One role per block, a blank line"
     " between. First line: role | organisation | dates. Then one achievement per line.\"}"},
    {"education", "Education and training", "{\"type\":\"list\",\"required\":false,"
                                            "\"hint\":\"One per line: what, where, when.\"}"},
    {"skills", "Skills", "{\"type\":\"list\",\"required\":false,"
                         "\"hint\":\"One per line. The preview can add the ones your stories name.\"}"},
};

/* ---- the table ---- */

#define FIELDS(a) .fields = a, .nfields = sizeof a / sizeof *a

const struct tool_form tool_forms_table[] = {
    {.tool = "flow-tracker",
     .about = "Log what you were doing, how it left your energy and how absorbed you were. Over"
              " a few weeks the entries show where your flow is.",
     .new_label = "Log an activity",
     FIELDS(flow_fields), .title_key = "activity", .describe = flow_describe,
     .overview = flow_overview},
    {.tool = "failure-reframer",
     .one_per_exercise = true,
     .about = "Take something that went wrong and work through it until you can say what it"
              " gave you.",
     .new_label = "Reframe something",
     FIELDS(reframe_fields), .title_key = "situation", .describe = reframe_describe},
    {.tool = "budget-calculator",
     .one_per_exercise = true,
     .about = "Work out what you need to live on, what an hour of it costs, and the lowest pay"
              " you would take.",
     .new_label = "Start a budget",
     FIELDS(budget_fields), .title_key = NULL, .entry_name = "Budget", .describe = budget_describe,
     .figures = budget_figures, .gist = budget_gist, .shown = budget_shown, .take = budget_take},
    {.tool = "soared-story",
     .one_per_exercise = true,
     .about = "Stories of your work in six parts (Situation, Obstacle, Action, Result,"
              " Evaluation, Discovery), ready for interviews and your resume.",
     .new_label = "Write a story",
     FIELDS(soared_fields), .title_key = "title", .describe = soared_describe,
     .after_save = soared_after_save},
    {.tool = "networking-prep",
     .about = "The people you are getting to know: how you are connected, what you will ask"
              " them, and what happens next.",
     .new_label = "Add a person",
     FIELDS(contact_fields), .title_key = "name", .describe = contact_describe,
     .overview = contact_overview},
    {.tool = "job-prospector",
     .about = "Jobs worth a closer look: what draws you, what you bring, what you lack, and when"
              " to follow up.",
     .new_label = "Add a job",
     FIELDS(prospect_fields), .title_key = "title", .describe = prospect_describe,
     .overview = prospect_overview},
    {.tool = "ranking-grid",
     .one_per_exercise = true,
     .about = "Put a handful of things in order by choosing between two at a time. However many"
              " there are, it ends in one clear order, with no ties.",
     .new_label = "Start a ranking",
     FIELDS(ranking_fields), .title_key = "title", .describe = ranking_describe,
     .figures = ranking_figures, .take = ranking_take, .action_label = "Rank them, two at a time",
     .action_screen = "ranking", .action_ready = ranking_ready},
    {.tool = "idea-tree",
     .one_per_exercise = true,
     .about = "Grow ideas from one starting point: three that it brings to mind, three from each"
              " of those, and three again, forty in all. Go quickly; odd ones are welcome.",
     .new_label = "Plant an idea",
     FIELDS(idea_tree_fields_fixed), .title_key = "root", .describe = idea_tree_describe,
     .figures = idea_tree_figures, .take = idea_tree_take, .more_fields = idea_tree_fields,
     .more_input = idea_tree_input},
    {.tool = "resume-builder",
     .one_per_exercise = true,
     .about = "Your resume, drawn from the workbook: your roles and what you achieved in them,"
              " your stories as highlights, your skills. Save it as Markdown and plain text.",
     .new_label = "Start a resume",
     FIELDS(resume_fields), .title_key = "name", .describe = resume_describe,
     .shown = resume_shown, .take = resume_take,
     .action_label = "Preview it, choose highlights and save it as files",
     .action_screen = "resume", .action_ready = resume_ready},
    {.tool = "list-builder",
     .one_per_exercise = true,
     .about = "Lists of your own, in the order you choose.",
     .new_label = "Start a list",
     FIELDS(list_fields), .title_key = "title", .describe = list_describe},
};

const size_t tool_forms_count = sizeof tool_forms_table / sizeof *tool_forms_table;
