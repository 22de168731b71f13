#include "tool_forms.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "progress.h"
#include "prompts.h"
#include "store.h"
#include "tools.h"

#define TOOL_FORM_MAX_FIELDS 16

/* ---- small helpers over an entry's JSON ---- */

static const char *text_of(const cJSON *content, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(content, key);
    return cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : NULL;
}

static bool number_of(const cJSON *content, const char *key, double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(content, key);
    if (cJSON_IsNumber(v))
        *out = v->valuedouble;
    return cJSON_IsNumber(v);
}

static void set_number(cJSON *content, const char *key, double value)
{
    cJSON_DeleteItemFromObjectCaseSensitive(content, key);
    cJSON_AddNumberToObject(content, key, value);
}

/* Appends to out (always terminated, never splitting a character). */
static void append(char *out, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void append(char *out, size_t size, const char *fmt, ...)
{
    size_t used = strlen(out);
    if (used + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out + used, size - used, fmt, ap);
    va_end(ap);
    store_trim_partial_utf8(out);
}

/* "1,234.5" style: thousands grouped, at most two decimals, none when whole. */
static void amount_text(double v, char *out, size_t size)
{
    char digits[64];
    double rounded = round(v * 100) / 100;
    bool whole = fabs(rounded - trunc(rounded)) < 0.005;
    snprintf(digits, sizeof digits, whole ? "%.0f" : "%.2f", fabs(rounded));
    char *dot = strchr(digits, '.');
    size_t int_len = dot ? (size_t)(dot - digits) : strlen(digits);
    size_t o = 0;
    if (rounded < 0 && o + 1 < size)
        out[o++] = '-';
    for (size_t i = 0; i < int_len && o + 2 < size; i++) {
        if (i > 0 && (int_len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    for (const char *p = dot; p && *p && o + 1 < size; p++)
        out[o++] = *p;
    out[o] = '\0';
}

/* ---- flow log ---- */

static bool high_flow(const cJSON *c)
{
    double energy = 0, focus = 0;
    return number_of(c, "energy", &energy) && number_of(c, "focus", &focus) && energy >= 1 &&
           focus >= 4;
}

static void flow_describe(const cJSON *c, char *out, size_t size)
{
    double v = 0;
    out[0] = '\0';
    append(out, size, "%s", text_of(c, "date") ? text_of(c, "date") : "no date");
    if (number_of(c, "energy", &v))
        append(out, size, v == 0 ? ", energy %g" : ", energy %+g", v);
    if (number_of(c, "focus", &v))
        append(out, size, ", focus %g", v);
    if (high_flow(c))
        append(out, size, ", high flow");
}

static void flow_overview(const cJSON *const *entries, size_t n, struct doc *d)
{
    size_t high = 0;
    char recent[400] = "";
    size_t named = 0;
    for (size_t i = 0; i < n; i++) {
        if (!high_flow(entries[i]))
            continue;
        high++;
        const char *activity = text_of(entries[i], "activity");
        if (activity && named < 5) {
            append(recent, sizeof recent, "%s%s", named ? "; " : "", activity);
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
    const char *statement = text_of(c, "reframe");
    if (statement)
        append(out, size, "Reframed: %.120s", statement);
    else
        append(out, size, "Not reframed yet");
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

/* ---- budget ---- */

/* 40 hours a week, 52 weeks: the usual full-time year */
#define HOURS_PER_YEAR 2080.0

static double expenses_total(const cJSON *c, bool essential_only)
{
    double sum = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(c, "expenses")) {
        double amount = 0;
        bool essential = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "essential"));
        if (number_of(e, "amount", &amount) && (essential || !essential_only))
            sum += amount;
    }
    return sum;
}

static cJSON *budget_shown(const cJSON *c, const char *key)
{
    bool essential = strcmp(key, "essential") == 0;
    if (!essential && strcmp(key, "other") != 0)
        return NULL;
    cJSON *lines = cJSON_CreateArray();
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(c, "expenses")) {
        double amount = 0;
        const char *name = text_of(e, "name");
        if (!name || !number_of(e, "amount", &amount) ||
            cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "essential")) != essential)
            continue;
        char num[48], line[320];
        amount_text(amount, num, sizeof num);
        snprintf(line, sizeof line, "%.250s %s", name, num);
        store_trim_partial_utf8(line);
        cJSON_AddItemToArray(lines, cJSON_CreateString(line));
    }
    return lines;
}

/* "Rent 950", "Food: 320.50", "Phone - 1,200": the amount is the last number on the line. */
static bool parse_expense(const char *line, char *name, size_t size, double *amount)
{
    size_t len = strlen(line);
    while (len && line[len - 1] == ' ')
        len--;
    size_t start = len;
    while (start && (strchr("0123456789.,", line[start - 1])))
        start--;
    if (start == len)
        return false;
    char digits[64];
    size_t k = 0;
    for (size_t i = start; i < len && k + 1 < sizeof digits; i++)
        if (line[i] != ',')
            digits[k++] = line[i];
    digits[k] = '\0';
    char *end = NULL;
    *amount = strtod(digits, &end);
    if (!k || *end || !isfinite(*amount))
        return false;
    while (start && strchr(" :=-\t", line[start - 1]))
        start--;
    if (start == 0)
        return false;
    snprintf(name, size, "%.*s", (int)start, line);
    store_trim_partial_utf8(name);
    return true;
}

static bool budget_take(cJSON *c, const char *key, cJSON *value, const char **why)
{
    bool essential = strcmp(key, "essential") == 0;
    if (essential || strcmp(key, "other") == 0) {
        cJSON *kept = cJSON_CreateArray();
        const cJSON *e;
        cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(c, "expenses"))
            if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "essential")) != essential)
                cJSON_AddItemToArray(kept, cJSON_Duplicate(e, true));
        const cJSON *line;
        cJSON_ArrayForEach(line, value) {
            char name[256];
            double amount = 0;
            if (!cJSON_IsString(line) || !parse_expense(line->valuestring, name, sizeof name,
                                                        &amount)) {
                *why = "give each expense a name and then its monthly amount, like: Rent 950";
                cJSON_Delete(kept);
                cJSON_Delete(value);
                return false;
            }
            cJSON *item = cJSON_CreateObject();
            cJSON_AddStringToObject(item, "name", name);
            cJSON_AddNumberToObject(item, "amount", amount);
            cJSON_AddBoolToObject(item, "essential", essential);
            cJSON_AddItemToArray(kept, item);
        }
        cJSON_Delete(value);
        cJSON_DeleteItemFromObjectCaseSensitive(c, "expenses");
        cJSON_AddItemToObject(c, "expenses", kept);
        return true;
    }
    /* monthly and yearly income are one figure, kept in step */
    if (cJSON_IsNumber(value) && strcmp(key, "income_monthly") == 0)
        set_number(c, "income_yearly", value->valuedouble * 12);
    if (cJSON_IsNumber(value) && strcmp(key, "income_yearly") == 0)
        set_number(c, "income_monthly", value->valuedouble / 12);
    cJSON_DeleteItemFromObjectCaseSensitive(c, key);
    cJSON_AddItemToObject(c, key, value);
    return true;
}

static void budget_describe(const cJSON *c, char *out, size_t size)
{
    char needs[48], income[48];
    double monthly = 0;
    out[0] = '\0';
    amount_text(expenses_total(c, true), needs, sizeof needs);
    append(out, size, "Monthly needs %s", needs);
    if (number_of(c, "income_monthly", &monthly)) {
        amount_text(monthly, income, sizeof income);
        append(out, size, ", monthly income %s", income);
    }
}

static void budget_figures(const cJSON *c, struct doc *d)
{
    double income = 0, rate = 0, walk_away = 0;
    bool has_income = number_of(c, "income_yearly", &income);
    bool has_rate = number_of(c, "tax_rate", &rate) && rate > 0 && rate < 100;
    bool has_walk_away = number_of(c, "walk_away", &walk_away);
    double needs = expenses_total(c, true), all = expenses_total(c, false);
    const char *cells[3 * 9];
    size_t rows = 0;
    char buf[9][2][48];
#define ROW(label, month, year)                                                         \
    do {                                                                                \
        amount_text(month, buf[rows][0], sizeof buf[rows][0]);                          \
        amount_text(year, buf[rows][1], sizeof buf[rows][1]);                           \
        cells[3 * (rows + 1)] = label;                                                  \
        cells[3 * (rows + 1) + 1] = buf[rows][0];                                       \
        cells[3 * (rows + 1) + 2] = buf[rows][1];                                       \
        rows++;                                                                         \
    } while (0)
    cells[0] = "Figure";
    cells[1] = "A month";
    cells[2] = "A year";
    ROW("Needs (essential expenses)", needs, needs * 12);
    ROW("All expenses", all, all * 12);
    if (has_income) {
        ROW("Income", income / 12, income);
        ROW("Left after all expenses", income / 12 - all, income - all * 12);
    }
    if (has_rate)
        ROW("Needs before tax, at your rate", needs / (1 - rate / 100),
            needs * 12 / (1 - rate / 100));
#undef ROW
    doc_table(d, "What the numbers say", 3, rows + 1, cells);
    char hourly[48], hourly_needs[48];
    amount_text(needs * 12 / HOURS_PER_YEAR, hourly_needs, sizeof hourly_needs);
    if (has_income) {
        amount_text(income / HOURS_PER_YEAR, hourly, sizeof hourly);
        doc_para(d, DOC_ROLE_NOTE,
                 doc_printf(d, "As an hourly rate over a full-time year of 2,080 hours: your"
                               " income is %s an hour; your needs take %s an hour.", hourly,
                            hourly_needs));
    } else {
        doc_para(d, DOC_ROLE_NOTE,
                 doc_printf(d, "Over a full-time year of 2,080 hours, your needs take %s an hour.",
                            hourly_needs));
    }
    if (has_walk_away) {
        double floor_needed = needs * 12 / (has_rate ? 1 - rate / 100 : 1);
        char gap[48];
        amount_text(fabs(walk_away - floor_needed), gap, sizeof gap);
        doc_para(d, DOC_ROLE_NOTE,
                 walk_away >= floor_needed
                     ? doc_printf(d, "Your walk-away number covers your yearly needs%s, with %s"
                                     " to spare.", has_rate ? " before tax" : "", gap)
                     : doc_printf(d, "Your walk-away number is %s short of your yearly needs%s.",
                                  gap, has_rate ? " before tax" : ""));
    }
}

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
        written += text_of(c, parts[i]) != NULL;
    out[0] = '\0';
    if (text_of(c, "kind"))
        append(out, size, "%s, ", text_of(c, "kind"));
    append(out, size, "%d of 6 parts written", written);
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

/* ---- networking prep ---- */

static void contact_describe(const cJSON *c, char *out, size_t size)
{
    out[0] = '\0';
    const char *sep = "";
    if (text_of(c, "organisation"))
        append(out, size, "%s", text_of(c, "organisation")), sep = ", ";
    if (text_of(c, "status"))
        append(out, size, "%s%s", sep, text_of(c, "status")), sep = ", ";
    if (text_of(c, "next_step"))
        append(out, size, "%snext: %s%s%s%s", sep, text_of(c, "next_step"),
               text_of(c, "next_date") ? " (" : "",
               text_of(c, "next_date") ? text_of(c, "next_date") : "",
               text_of(c, "next_date") ? ")" : "");
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
    if (text_of(c, "employer"))
        append(out, size, "%s", text_of(c, "employer")), sep = ", ";
    if (number_of(c, "fit", &fit))
        append(out, size, "%sfit %g of 5", sep, fit), sep = ", ";
    if (text_of(c, "status"))
        append(out, size, "%s%s", sep, text_of(c, "status")), sep = ", ";
    if (text_of(c, "follow_up"))
        append(out, size, "%sfollow up %s", sep, text_of(c, "follow_up"));
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

/* ---- the table ---- */

#define FIELDS(a) a, sizeof a / sizeof *a

static const struct tool_form forms[] = {
    {.tool = "flow-tracker",
     .about = "Log what you were doing, how it left your energy and how absorbed you were. Over"
              " a few weeks the entries show where your flow is.",
     .new_label = "Log an activity",
     FIELDS(flow_fields), .title_key = "activity", .describe = flow_describe,
     .overview = flow_overview},
    {.tool = "failure-reframer",
     .about = "Take something that went wrong and work through it until you can say what it"
              " gave you.",
     .new_label = "Reframe something",
     FIELDS(reframe_fields), .title_key = "situation", .describe = reframe_describe},
    {.tool = "budget-calculator",
     .about = "Work out what you need to live on, what an hour of it costs, and the lowest pay"
              " you would take.",
     .new_label = "Start a budget",
     FIELDS(budget_fields), .title_key = NULL, .entry_name = "Budget", .describe = budget_describe,
     .figures = budget_figures, .shown = budget_shown, .take = budget_take},
    {.tool = "soared-story",
     .about = "Stories of your work in six parts (Situation, Obstacle, Action, Result,"
              " Evaluation, Discovery), ready for interviews and your resume.",
     .new_label = "Write a story",
     FIELDS(soared_fields), .title_key = "title", .describe = soared_describe},
    {.tool = "networking-prep",
     .about = "The people you are getting to know: how you are connected, what you will ask"
              " them, and what happens next.",
     .new_label = "Add a person",
     FIELDS(contact_fields), .title_key = "name", .describe = contact_describe},
    {.tool = "job-prospector",
     .about = "Jobs worth a closer look: what draws you, what you bring, what you lack, and when"
              " to follow up.",
     .new_label = "Add a job",
     FIELDS(prospect_fields), .title_key = "title", .describe = prospect_describe},
    {.tool = "list-builder",
     .about = "Lists of your own, in the order you choose.",
     .new_label = "Start a list",
     FIELDS(list_fields), .title_key = "title", .describe = list_describe},
};

const struct tool_form *tool_form_find(const char *tool)
{
    for (size_t i = 0; tool && i < sizeof forms / sizeof *forms; i++)
        if (strcmp(forms[i].tool, tool) == 0)
            return &forms[i];
    return NULL;
}

const cJSON *tool_form_input(const struct tool_form *f, size_t i)
{
    /* the inputs are constants: parse each once, keep it for the program's life */
    static cJSON *parsed[sizeof forms / sizeof *forms][TOOL_FORM_MAX_FIELDS];
    size_t form = (size_t)(f - forms);
    if (form >= sizeof forms / sizeof *forms || i >= f->nfields || i >= TOOL_FORM_MAX_FIELDS)
        return NULL;
    if (!parsed[form][i])
        parsed[form][i] = cJSON_Parse(f->fields[i].input);
    return parsed[form][i];
}

cJSON *tool_form_value(const struct tool_form *f, size_t i, const cJSON *content)
{
    cJSON *shown = f->shown ? f->shown(content, f->fields[i].key) : NULL;
    if (shown)
        return shown;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(content, f->fields[i].key);
    return v ? cJSON_Duplicate(v, true) : NULL;
}

bool tool_form_take(const struct tool_form *f, cJSON *content, const char *key, cJSON *value,
                    const char **why)
{
    *why = NULL;
    if (f->take)
        return f->take(content, key, value, why);
    cJSON_DeleteItemFromObjectCaseSensitive(content, key);
    cJSON_AddItemToObject(content, key, value);
    return true;
}

void tool_form_title(const struct tool_form *f, const cJSON *content, const char *created_at,
                     char *out, size_t size)
{
    const char *title = f->title_key ? text_of(content, f->title_key) : NULL;
    out[0] = '\0';
    if (title) {
        /* the first line only, and not too long for a card */
        size_t n = strcspn(title, "\n");
        append(out, size, "%.*s", (int)(n < 100 ? n : 100), title);
        if (n > 100 || title[n])
            append(out, size, "...");
    } else if (!f->title_key) { /* named by its date: "Budget of 2026-11-25" */
        append(out, size, "%s of %.10s", f->entry_name, created_at ? created_at : "today");
    } else {
        append(out, size, "Untitled");
    }
}

void tool_form_defaults(const struct tool_form *f, cJSON *content, const char *today)
{
    for (size_t i = 0; i < f->nfields; i++) {
        const cJSON *input = tool_form_input(f, i);
        const cJSON *def = cJSON_GetObjectItemCaseSensitive(input, "default");
        if (cJSON_IsString(def) && strcmp(def->valuestring, "today") == 0 &&
            !cJSON_GetObjectItemCaseSensitive(content, f->fields[i].key))
            cJSON_AddStringToObject(content, f->fields[i].key, today);
    }
}

int tool_form_missing(const struct tool_form *f, const cJSON *content)
{
    for (size_t i = 0; i < f->nfields; i++) {
        const cJSON *input = tool_form_input(f, i);
        if (cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(input, "required")))
            continue;
        cJSON *v = tool_form_value(f, i, content);
        bool empty = prompts_value_empty(v);
        cJSON_Delete(v);
        if (empty)
            return (int)i;
    }
    return -1;
}

enum dt_status tool_form_open(struct app *a, const char *tool_id, struct tool_type *type,
                              const struct tool_form **form)
{
    struct store *st = app_store(a);
    enum dt_status status = store_tools_type(st, tool_id, type);
    if (status == DT_NOT_FOUND)
        app_error(a, "there is no tool called %s.", tool_id);
    if (status != DT_OK)
        return status;
    *form = tool_form_find(type->id);
    if (!*form || !type->is_active) {
        app_error(a, "the %s is not available in this version of DreamTree.", type->singular_name);
        return DT_NOT_FOUND;
    }
    bool unlocked = false;
    status = store_progress_tool_unlocked(st, app_user(a), type->id, &unlocked);
    if (status == DT_OK && !unlocked) {
        struct exercise_ref ref;
        if (store_progress_exercise(st, type->unlocks_at_exercise, &ref) == DT_OK)
            app_error(a, "the %s opens once you answer exercise %s.%s.%s, %s.", type->singular_name,
                      ref.part_id, ref.module_id, ref.exercise_id, ref.title);
        else
            app_error(a, "the %s is not open to you yet.", type->singular_name);
        return DT_LOCKED;
    }
    return status;
}
