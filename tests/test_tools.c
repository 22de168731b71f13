/* The tools' forms (screens/tool_forms.c): the budget's expenses and income kept in step, the
 * figures worked out from them, the flow log's high flow, names, defaults, required fields and
 * the date check the forms share with the exercises. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "check.h"
#include "personality_answers.h"
#include "prompts.h"
#include "ranking.h"
#include "skills.h"
#include "support.h"
#include "tools.h"
#include "tool_forms.h"

static cJSON *json(const char *text)
{
    cJSON *v = cJSON_Parse(text);
    if (!v) {
        printf("Bail out! bad JSON in the test: %s\n", text);
        exit(1);
    }
    return v;
}

/* An input read from its JSON, as an exercise's prompt is. */
static struct input_spec *spec(const char *text)
{
    struct input_spec *in = NULL;
    char why[200];
    if (input_spec_parse(text, &in, why, sizeof why) != DT_OK) {
        printf("Bail out! an input the test cannot read (%s): %s\n", why, text);
        exit(1);
    }
    return in;
}

static bool take(const struct tool_form *f, cJSON *content, const char *key, const char *value,
                 const char **why)
{
    return tool_form_take(f, content, key, json(value), why);
}

static double num(const cJSON *obj, const char *key)
{
    return cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(obj, key));
}

/* Every text a document holds, one per line, for looking things up. */
static char *doc_text(const struct doc *d)
{
    size_t cap = 8192, used = 0;
    char *out = calloc(cap, 1);
    for (size_t i = 0; i < d->n; i++) {
        const struct doc_block *b = &d->blocks[i];
        if (b->text)
            used += (size_t)snprintf(out + used, cap - used, "%s\n", b->text);
        if (b->kind == DOC_TABLE)
            for (size_t k = 0; k < b->u.table.ncols * b->u.table.nrows; k++)
                used += (size_t)snprintf(out + used, cap - used, "%s|", b->u.table.cells[k]);
        if (b->kind == DOC_CHART && b->u.chart.text)
            used += (size_t)snprintf(out + used, cap - used, "%s\n", b->u.chart.text);
    }
    return out;
}

/* The chart block of a document whose title starts with title, or NULL. */
static const struct doc_chart *chart_titled(const struct doc *d, const char *title)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->blocks[i].kind == DOC_CHART && d->blocks[i].u.chart.title &&
            strncmp(d->blocks[i].u.chart.title, title, strlen(title)) == 0)
            return &d->blocks[i].u.chart;
    return NULL;
}

static void test_budget(void)
{
    const struct tool_form *f = tool_form_find("budget-calculator");
    CHECK(f != NULL);
    CHECK(tool_form_find("no-such-tool") == NULL);
    cJSON *c = cJSON_CreateObject();
    const char *why = NULL;

    /* monthly and yearly income are one figure */
    CHECK(take(f, c, "income_monthly", "2500", &why));
    CHECK(num(c, "income_yearly") == 30000);
    CHECK(take(f, c, "income_yearly", "36000", &why));
    CHECK(num(c, "income_monthly") == 3000);
    /* taken back (an emptied field sends null): both figures go, then come back */
    CHECK(take(f, c, "income_monthly", "null", &why));
    CHECK(!cJSON_GetObjectItemCaseSensitive(c, "income_monthly") &&
          !cJSON_GetObjectItemCaseSensitive(c, "income_yearly"));
    CHECK(take(f, c, "income_yearly", "36000", &why));

    /* expenses: the amount is the last number on the line, thousands commas allowed */
    CHECK(take(f, c, "essential", "[\"Rent 950\", \"Food: 320.50\", \"Phone - 1,200\"]", &why));
    const cJSON *expenses = cJSON_GetObjectItemCaseSensitive(c, "expenses");
    CHECK_INT(cJSON_GetArraySize(expenses), 3);
    const cJSON *food = cJSON_GetArrayItem(expenses, 1);
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(food, "name")), "Food");
    CHECK(num(food, "amount") == 320.5);
    CHECK(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(food, "essential")));
    CHECK(num(cJSON_GetArrayItem(expenses, 2), "amount") == 1200);
    /* the other list leaves the essentials alone */
    CHECK(take(f, c, "other", "[\"Eating out 120\"]", &why));
    CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c, "expenses")), 4);
    size_t essential = 0;
    for (size_t i = 0; i < f->nfields; i++)
        if (strcmp(f->fields[i].key, "essential") == 0)
            essential = i;
    cJSON *shown = tool_form_value(f, essential, c);
    char *text = cJSON_PrintUnformatted(shown);
    CHECK_STR(text, "[\"Rent 950\",\"Food 320.50\",\"Phone 1,200\"]");
    cJSON_free(text);
    cJSON_Delete(shown);

    CHECK(why == NULL); /* every line used: nothing to say */

    /* a line that is not "name amount" is named, with what to write; the good lines are kept,
     * and it stays as typed, in its place, for the person to put right */
    char *before = cJSON_PrintUnformatted(c);
    CHECK(take(f, c, "essential", "[\"Rent 950\", \"Food: 320.50\", \"Rent nine\", \"Gas 40\"]",
               &why));
    CHECK_STR(why, "line 3, \u201cRent nine\u201d: write an amount after the name, like Rent 950."
                   " Your other lines are saved; line 3 is kept as you wrote it, for you to put"
                   " right.");
    shown = tool_form_value(f, essential, c);
    text = cJSON_PrintUnformatted(shown);
    CHECK_STR(text, "[\"Rent 950\",\"Food 320.50\",\"Rent nine\",\"Gas 40\"]");
    cJSON_free(text);
    cJSON_Delete(shown);
    char gist[200];
    f->gist(c, gist, sizeof gist);
    CHECK(strstr(gist, "Needs 1,310.50 a month") == gist); /* the line to fix counts for nothing */
    /* each way a line can go wrong says what to write instead; more than one are counted */
    static const struct {
        const char *lines, *why;
    } wrong[] = {
        {"[\"1,200\"]", "line 1, \u201c1,200\u201d: write a name before the amount"},
        {"[\"Loan -200\"]", "line 1, \u201cLoan -200\u201d: an amount is what you spend, so it"},
        {"[\"Rent 1.200,50\"]",
         "line 1, \u201cRent 1.200,50\u201d: write the amount like 1,200.50"},
        {"[\"Rent 9.5.0\"]", "write the amount like 1,200.50"},
        {"[\"Rent 1,20\"]", "write the amount like 1,200.50"},
        {"[\"Rent 320.505\"]", "write the amount like 1,200.50"},
        {"[\"Big 1,000,000,000,000\"]", "more than a budget can use"},
        {"[\"Gym 00000000000000000000000000000000000000000000000000000000000000000099\"]",
         "write the amount like 1,200.50"},
        {"[\"Rent\", \"Bus 60\", \"Cat\", \"Dog\"]",
         "line 1, \u201cRent\u201d: write an amount after the name, like Rent 950. Lines 3 and 4"
         " need putting right too; your other lines are saved, and these are kept as you wrote"
         " them."},
        {"[\"Rent\", \"Cat\"]", /* one more: said in the singular */
         "Line 2 needs putting right too; it is kept as you wrote it."},
        {"[\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\"]",
         "Lines 2, 3, 4, 5, 6 and 2 more need putting right too; these are kept as you wrote"
         " them."},
    };
    for (size_t i = 0; i < sizeof wrong / sizeof *wrong; i++) {
        why = NULL;
        if (!take(f, c, "other", wrong[i].lines, &why) || !why || !strstr(why, wrong[i].why)) {
            CHECK_STR(why ? why : "(nothing said)", wrong[i].why);
            printf("#   for %s\n", wrong[i].lines);
        }
    }
    /* a long line is cut in the message, at a character */
    CHECK(take(f, c, "other",
               "[\"A very long line about the cost of running a small allotment"
               " shed through the winter months\"]",
               &why));
    CHECK(why && strstr(why, "\u201cA very long line about the cost of\u2026\u201d") != NULL);
    /* put right, the lines are all used again */
    CHECK(take(f, c, "essential", "[\"Rent 950\", \"Food: 320.50\", \"Phone - 1,200\"]", &why));
    CHECK(why == NULL);
    CHECK(take(f, c, "other", "[\"Eating out 120\"]", &why));
    char *after = cJSON_PrintUnformatted(c);
    CHECK_STR(after, before);
    cJSON_free(before);
    cJSON_free(after);

    /* the figures: needs 2,470.50 a month; with a 20% rate, 37,057.50 a year before tax */
    CHECK(take(f, c, "tax_rate", "20", &why));
    CHECK(take(f, c, "walk_away", "35000", &why));
    struct doc *d = doc_new();
    f->figures(c, d);
    char *all = doc_text(d);
    CHECK(strstr(all, "Needs (essential expenses)|2,470.50|29,646|") != NULL);
    CHECK(strstr(all, "All expenses|2,590.50|31,086|") != NULL);
    CHECK(strstr(all, "Income|3,000|36,000|") != NULL);
    CHECK(strstr(all, "Left after all expenses|409.50|4,914|") != NULL);
    CHECK(strstr(all, "Needs before tax, at your rate|3,088.13|37,057.50|") != NULL);
    /* 36,000 / 2,080 = 17.31; 29,646 / 2,080 = 14.25 */
    CHECK(strstr(all, "your income is 17.31 an hour; your needs take 14.25 an hour") != NULL);
    CHECK(strstr(all, "2,057.50 short of your yearly needs before tax") != NULL);
    free(all);
    /* the pictures: a month's expenses against income on one scale, and the walk-away gap */
    const struct doc_chart *month = chart_titled(d, "A month: your expenses against your income");
    if (CHECK(month != NULL) && CHECK_INT(month->n, 4)) {
        static const char *const labels[] = {"Essential", "Other", "All expenses", "Income"};
        static const char *const said[] = {"2,470.50", "120", "2,590.50", "3,000"};
        static const double values[] = {2470.5, 120, 2590.5, 3000};
        for (size_t i = 0; i < 4; i++) {
            CHECK_STR(month->labels[i], labels[i]);
            CHECK_STR(month->value_texts[i], said[i]);
            CHECK(month->values[i] > values[i] - 1e-6 && month->values[i] < values[i] + 1e-6);
        }
        CHECK(month->max == 3000);
        CHECK_STR(month->text, "Essential expenses 2,470.50 and other expenses 120: 2,590.50 in"
                               " all, against an income of 3,000 a month (409.50 left).");
    }
    const struct doc_chart *gap = chart_titled(d, "A year: your walk-away number");
    if (CHECK(gap != NULL) && CHECK_INT(gap->n, 3)) {
        CHECK_STR(gap->labels[0], "Yearly needs before tax");
        CHECK_STR(gap->labels[2], "Short by");
        CHECK_STR(gap->value_texts[0], "37,057.50");
        CHECK_STR(gap->value_texts[1], "35,000");
        CHECK_STR(gap->value_texts[2], "2,057.50");
        CHECK(gap->max > 37057.5 - 1e-6 && gap->max < 37057.5 + 1e-6);
        CHECK(gap->values[2] > 2057.5 - 1e-6 && gap->values[2] < 2057.5 + 1e-6);
        CHECK_STR(gap->text, "Your walk-away number is 2,057.50 short of your yearly needs"
                             " before tax.");
    }
    doc_reset(d);
    /* a walk-away number above the needs (no rate): the gap is to spare, on the number's scale */
    CHECK(take(f, c, "tax_rate", "null", &why));
    CHECK(take(f, c, "walk_away", "40000", &why));
    f->figures(c, d);
    gap = chart_titled(d, "A year: your walk-away number");
    if (CHECK(gap != NULL) && CHECK_INT(gap->n, 3)) {
        CHECK_STR(gap->labels[0], "Yearly needs");
        CHECK_STR(gap->labels[2], "To spare");
        CHECK_STR(gap->value_texts[2], "10,354"); /* 40,000 - 29,646 */
        CHECK(gap->max == 40000);
        CHECK_STR(gap->text, "Your walk-away number covers your yearly needs, with 10,354 to"
                             " spare.");
    }
    CHECK(take(f, c, "tax_rate", "20", &why));
    CHECK(take(f, c, "walk_away", "35000", &why));
    doc_free(&d);

    char name[64], about[128];
    tool_form_title(f, c, "2026-11-25T12:00:00Z", name, sizeof name);
    CHECK_STR(name, "Budget of 2026-11-25");
    f->describe(c, about, sizeof about);
    CHECK_STR(about, "Monthly needs 2,470.50, monthly income 3,000");
    f->gist(c, gist, sizeof gist);
    CHECK_STR(gist, "Needs 2,470.50 a month (14.25 an hour); income 3,000 a month, 409.50 left"
                    " after all expenses.");
    CHECK_INT(tool_form_missing(f, c), -1); /* nothing in a budget is required */
    cJSON_Delete(c);
}

static void test_flow(void)
{
    const struct tool_form *f = tool_form_find("flow-tracker");
    cJSON *c = cJSON_CreateObject();
    tool_form_defaults(f, c, "2026-11-25");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "date")), "2026-11-25");
    CHECK_INT(tool_form_missing(f, c), 1); /* the activity */
    char name[64], about[128];
    tool_form_title(f, c, NULL, name, sizeof name);
    CHECK_STR(name, "Untitled");

    const char *why;
    take(f, c, "activity", "\"Mending the fence\\nwith my neighbour\"", &why);
    take(f, c, "energy", "1", &why);
    take(f, c, "focus", "3", &why);
    CHECK_INT(tool_form_missing(f, c), -1);
    tool_form_title(f, c, NULL, name, sizeof name);
    CHECK_STR(name, "Mending the fence..."); /* the first line names it */
    f->describe(c, about, sizeof about);
    CHECK_STR(about, "2026-11-25, energy +1, focus 3");

    /* high flow: energy 1 or more and focus 4 or more */
    cJSON *high = json(
        "{\"activity\":\"Drawing\",\"energy\":2,\"focus\":4,\"date\":\"2026-11-24\"}");
    f->describe(high, about, sizeof about);
    CHECK_STR(about, "2026-11-24, energy +2, focus 4, high flow");
    const cJSON *entries[] = {high, c};
    struct doc *d = doc_new();
    f->overview(entries, 2, "2026-11-25", d);
    char *all = doc_text(d);
    CHECK(strstr(all, "in 1 of 2 entries. Most recent: Drawing.") != NULL);
    free(all);
    doc_reset(d);
    f->overview(entries + 1, 1, "2026-11-25", d);
    all = doc_text(d);
    CHECK(strstr(all, "1 entry logged; none yet with high flow") != NULL);
    free(all);
    doc_free(&d);
    cJSON_Delete(high);
    cJSON_Delete(c);
}

/* The flow overview's pictures, worked out from fixed entries on a fixed today (Saturday
 * 2026-12-05): the calendar's twelve weeks start on Monday 14 Sep. */
static void test_flow_pictures(void)
{
    const struct tool_form *f = tool_form_find("flow-tracker");
    const char *texts[] = {
        /* after today: not in the calendar, but an activity all the same */
        "{\"date\":\"2026-12-06\",\"activity\":\"Reading\",\"energy\":1,\"focus\":3}",
        /* two on Saturday: 8 and 4, an average of 6 */
        "{\"date\":\"2026-12-05\",\"activity\":\"Drawing\",\"energy\":2,\"focus\":4}",
        "{\"date\":\"2026-12-05\",\"activity\":\" drawing\",\"energy\":1,\"focus\":4}",
        "{\"date\":\"2026-12-01\",\"activity\":\"Emails\",\"energy\":-1,\"focus\":2}",
        /* the same activity, accents and case aside: drawing is 8, 4 and 10, 7.3 */
        "{\"date\":\"2026-11-30\",\"activity\":\"Dr\u00e1wing\",\"energy\":2,\"focus\":5}",
        "{\"date\":\"2026-11-03\",\"activity\":\"Gardening\",\"energy\":0,\"focus\":3}",
        "{\"date\":\"2026-11-04\",\"activity\":\"No focus given\",\"energy\":2}",
        "{\"date\":\"2026-10-10\",\"activity\":\"Idling\",\"energy\":-2,\"focus\":2}",
        /* the Sunday before the first Monday: too old for the calendar */
        "{\"date\":\"2026-09-13\",\"activity\":\"Old thing\",\"energy\":2,\"focus\":5}",
    };
    enum { N = sizeof texts / sizeof *texts };
    cJSON *objects[N];
    const cJSON *entries[N];
    for (size_t i = 0; i < N; i++)
        entries[i] = objects[i] = json(texts[i]);
    struct doc *d = doc_new();
    f->overview(entries, N, "2026-12-05", d);

    const struct doc_chart *cal = chart_titled(d, "Your flow day by day");
    if (CHECK(cal != NULL) && CHECK_INT(cal->style, DOC_CHART_GRID) &&
        CHECK_INT(cal->grid.rows, 7) && CHECK_INT(cal->grid.cols, 12)) {
        const struct doc_grid *g = &cal->grid;
        int logged = 0;
        for (size_t i = 0; i < 7 * 12; i++)
            logged += g->cells[i] > 0;
        CHECK_INT(logged, 5);
        CHECK_INT(g->cells[0 * 12 + 11], 4);                /* Mon 30 Nov: 10 */
        CHECK_INT(g->cells[1 * 12 + 11], 1);                /* Tue 1 Dec: -2, below 0 */
        CHECK_INT(g->cells[5 * 12 + 11], 3);                /* Sat 5 Dec: 6 */
        CHECK_INT(g->cells[6 * 12 + 11], DOC_GRID_OUTSIDE); /* Sun 6 Dec: not yet */
        CHECK_INT(g->cells[2 * 12 + 11], DOC_GRID_EMPTY);   /* Wed 2 Dec: no entry */
        CHECK_INT(g->cells[1 * 12 + 7], 2);                 /* Tue 3 Nov: 0 */
        CHECK_INT(g->cells[2 * 12 + 7], DOC_GRID_EMPTY);    /* Wed 4 Nov: no focus, no flow */
        CHECK_INT(g->cells[5 * 12 + 3], 1);                 /* Sat 10 Oct: -4 */
        CHECK_INT(g->cells[6 * 12 + 0], DOC_GRID_EMPTY);    /* Sun 20 Sep: the first week's */
        CHECK_STR(g->row_labels[0], "Mon");
        CHECK_STR(g->col_labels[0], "Sep");
        CHECK_STR(g->col_labels[2], "Oct"); /* the week of 1 Oct */
        CHECK_STR(g->col_labels[6], "Nov");
        CHECK_STR(g->col_labels[11], "Dec");
        CHECK_STR(g->col_labels[1], "");
        CHECK_INT(g->nlevels, 4);
        CHECK_STR(g->level_labels[2], "4 to 7.9");
        CHECK_STR(cal->text,
                  "From 14 Sep to 5 Dec: 5 days logged; best week starting 30 Nov (average flow"
                  " 4.7); 2 days of high flow (an average of 4 or more). Week by week, the"
                  " average flow of the days logged: from 5 Oct, 1 day, -4; from 2 Nov, 1 day, 0;"
                  " from 30 Nov, 3 days, 4.7.");
    }

    const struct doc_chart *top = chart_titled(d, "The 5 activities with the most flow");
    if (CHECK(top != NULL) && CHECK_INT(top->n, 5)) {
        static const char *const labels[] = {"Old thing", "Drawing", "Reading", "Gardening",
                                             "Emails"};
        static const char *const said[] = {"10 of 10 (1)", "7.3 of 10 (3)", "3 of 10 (1)",
                                           "0 of 10 (1)", "-2 of 10 (1)"};
        static const double values[] = {10, 22.0 / 3, 3, 0, -2};
        for (size_t i = 0; i < 5; i++) {
            CHECK_STR(top->labels[i], labels[i]);
            CHECK_STR(top->value_texts[i], said[i]);
            CHECK(top->values[i] > values[i] - 1e-9 && top->values[i] < values[i] + 1e-9);
        }
        CHECK(top->max == 10);
        CHECK_STR(top->text,
                  "By average flow (energy times focus, -10 to 10; below 0, it drained you): Old"
                  " thing, 10 (1 entry); Drawing, 7.3 (3 entries); Reading, 3 (1 entry);"
                  " Gardening, 0 (1 entry); Emails, -2 (1 entry).");
    }
    doc_free(&d);

    /* no entry in the last twelve weeks: an empty calendar that says so */
    d = doc_new();
    f->overview(entries + N - 1, 1, "2026-12-05", d);
    cal = chart_titled(d, "Your flow day by day");
    if (CHECK(cal != NULL)) {
        CHECK_STR(cal->text, "From 14 Sep to 5 Dec: no day logged with energy and focus.");
        CHECK_INT(cal->grid.cells[0], DOC_GRID_EMPTY);
    }
    CHECK(chart_titled(d, "Your activity's flow") != NULL);
    doc_free(&d);
    for (size_t i = 0; i < N; i++)
        cJSON_Delete(objects[i]);
}

static void test_follow_ups(void)
{
    const struct tool_form *f = tool_form_find("job-prospector");
    cJSON *a = json("{\"title\":\"Gardener\",\"follow_up\":\"2026-11-25\"}");
    cJSON *b = json("{\"title\":\"Warden\",\"follow_up\":\"2026-11-20\"}");
    cJSON *c = json("{\"title\":\"Ranger\",\"follow_up\":\"2026-12-01\"}");
    cJSON *none = json("{\"title\":\"Guide\"}");
    const cJSON *entries[] = {a, b, c, none};
    struct doc *d = doc_new();
    f->overview(entries, 4, "2026-11-25", d);
    char *all = doc_text(d);
    /* the overdue first, then today's; the later one and the undated are not due */
    CHECK_STR(all, "Follow-up due for 2: Warden (2026-11-20); Gardener (2026-11-25).\n");
    free(all);
    doc_reset(d);
    f->overview(entries + 2, 2, "2026-11-25", d);
    all = doc_text(d);
    CHECK_STR(all, "No follow-up is due today.\n");
    free(all);
    doc_free(&d);
    cJSON_Delete(a);
    cJSON_Delete(b);
    cJSON_Delete(c);
    cJSON_Delete(none);
}

/* Every tool has a form, and every question of every form is one that can be asked: a type
 * given, limits in order, a slider's stops and a choice's options as its type needs them, and
 * nothing its type does not use (what a missing quote in a JSON form once did quietly). */
static void test_forms_complete(void)
{
    static const char *const tools[] = {"flow-tracker",  "failure-reframer", "budget-calculator",
                                        "soared-story",  "networking-prep",  "job-prospector",
                                        "list-builder",  "ranking-grid",     "idea-tree",
                                        "resume-builder"};
    for (size_t t = 0; t < sizeof tools / sizeof *tools; t++)
        if (!CHECK(tool_form_find(tools[t]) != NULL))
            printf("#   no form for %s\n", tools[t]);
    size_t nforms = 0;
    for (const struct tool_form *f; (f = tool_form_at(nforms)) != NULL; nforms++) {
        char what[160], why[200];
        snprintf(what, sizeof what, "%s has a label for what it is and how to start one", f->tool);
        check_at(__FILE__, __LINE__, f->about && f->about[0] && f->new_label && f->new_label[0],
                 what);
        snprintf(what, sizeof what, "%s names its entries", f->tool);
        check_at(__FILE__, __LINE__, f->nfields > 0 && (f->title_key || f->entry_name), what);
        for (size_t i = 0; i < f->nfields; i++) {
            const struct tool_field *q = &f->fields[i];
            snprintf(what, sizeof what, "%s field %zu (%s) can be asked", f->tool, i,
                     q->key ? q->key : "no key");
            bool ok = q->key && q->key[0] && q->label && q->label[0] &&
                      input_spec_check(&q->input, why, sizeof why);
            for (size_t k = 0; ok && k < i; k++)
                if (strcmp(f->fields[k].key, q->key) == 0)
                    ok = false, snprintf(why, sizeof why, "its key is used twice");
            if (!check_at(__FILE__, __LINE__, ok, what))
                printf("#   %s\n", why);
        }
    }
    CHECK_INT(nforms, sizeof tools / sizeof *tools);
}

/* The check the forms and content check share refuses each kind of question that cannot be
 * asked, and reading an input's JSON refuses what is not one, each with its reason. */
static void test_input_spec(void)
{
    static const struct input_stop two_stops[] = {{1, "Low"}, {5, "High"}};
    const struct { /* not static: the stops and options written in place are the function's */
        struct input_spec in;
        const char *why; /* NULL: a question that can be asked */
    } cases[] = {
        {{.type = INPUT_LINE, .max_length = 80}, NULL},
        {{.hint = "A type forgotten"}, "the input names no type"},
        {{.type = INPUT_SLIDER, .min = INPUT_BOUND(1), .max = INPUT_BOUND(5)},
         "a slider needs at least two stops"},
        {{.type = INPUT_SLIDER, .min = INPUT_BOUND(1), .stops = two_stops, .nstops = 2},
         "a slider needs min and max with min below max"},
        {{.type = INPUT_SLIDER,
          .min = INPUT_BOUND(1),
          .max = INPUT_BOUND(5),
          INPUT_STOPS({1, "Low"}, {7, "Off the scale"})},
         "stop \"Off the scale\" is not between min and max"},
        {{.type = INPUT_SLIDER,
          .min = INPUT_BOUND(1),
          .max = INPUT_BOUND(5),
          INPUT_STOPS({1, "Low"}, {5, "High"})},
         NULL},
        {{.type = INPUT_TEXT, .stops = two_stops, .nstops = 2},
         "stops belong to slider inputs only"},
        {{.type = INPUT_LINE, .min = INPUT_BOUND(1)},
         "a range (min, max) belongs to number and slider inputs only"},
        {{.type = INPUT_NUMBER, .min = INPUT_BOUND(5), .max = INPUT_BOUND(1)}, "min is above max"},
        {{.type = INPUT_NUMBER, .step = -1}, "step must be a number above zero"},
        {{.type = INPUT_CHOICE, INPUT_OPTIONS("Yes")}, "a choice input needs at least two options"},
        {{.type = INPUT_CHOICE, INPUT_OPTIONS("Yes", "Yes")}, "option \"Yes\" is given twice"},
        {{.type = INPUT_CHOICES, .min_items = 3, INPUT_OPTIONS("Yes", "No")},
         "min asks for 3 choices, but there are 2 options"},
        {{.type = INPUT_LIST, .max_length = 3},
         "a length (max) belongs to line and text inputs only"},
        {{.type = INPUT_DATE, .max_items = 3},
         "a count (min, max) belongs to list, ordered, choices and tool inputs only"},
        {{.type = INPUT_TOOL}, "a tool input names its tool"},
        {{.type = INPUT_LINE, .default_today = true},
         "a default of today belongs to date inputs only"},
        {{.type = INPUT_SLIDER, .amount = true}, "an amount belongs to number inputs only"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char why[200], what[64];
        bool ok = input_spec_check(&cases[i].in, why, sizeof why);
        snprintf(what, sizeof what, "input case %zu", i);
        check_at(__FILE__, __LINE__, ok == !cases[i].why, what);
        if (cases[i].why)
            check_str_at(__FILE__, __LINE__, why, cases[i].why, what);
    }

    /* read from JSON: every member where its type puts it, an absent "required" is required */
    struct input_spec *in = spec("{\"type\":\"slider\",\"min\":-2,\"max\":2,\"step\":0.5,"
                                 "\"stops\":[{\"value\":-2,\"label\":\"Low\"},"
                                 "{\"value\":2,\"label\":\"High\"}],\"hint\":\"Slide.\"}");
    CHECK_INT(in->type, INPUT_SLIDER);
    CHECK(!in->optional);
    CHECK(in->min.set && in->min.value == -2 && in->max.set && in->max.value == 2);
    CHECK(in->step == 0.5);
    CHECK_INT(in->nstops, 2);
    CHECK_STR(in->stops[1].label, "High");
    CHECK_STR(in->hint, "Slide.");
    input_spec_free(&in);
    CHECK(in == NULL);
    in = spec("{\"type\":\"number\",\"min\":0,\"amount\":true}"); /* money */
    CHECK(in->amount && in->min.set);
    input_spec_free(&in);
    in = spec("{\"type\":\"text\",\"required\":false,\"max\":4000}");
    CHECK(in->optional && in->max_length == 4000 && !in->max.set);
    input_spec_free(&in);
    in = spec("{\"type\":\"tool\",\"required\":true,\"tool\":\"soared-story\",\"min\":3}");
    CHECK_STR(in->tool, "soared-story");
    CHECK_INT(in->min_items, 3);
    input_spec_free(&in);
    in = spec("{\"type\":\"choices\",\"options\":[\"Coast\",\"Hills\"],\"min\":1,\"max\":2}");
    CHECK(in->noptions == 2 && in->min_items == 1 && in->max_items == 2);
    CHECK_STR(in->options[1], "Hills");
    input_spec_free(&in);

    static const struct {
        const char *json, *why;
    } refused[] = {
        {"[1]", "the input is not a JSON object"},
        {"{\"type\":\"slider\",\"min\":1,\"max\":5,\"stops\":[]", "the input is not a JSON object"},
        {"{\"min\":1}", "the input names no type"},
        {"{\"type\":\"dial\"}", "unknown input type \"dial\""},
        {"{\"type\":\"number\",\"amount\":1}", "\"amount\" is true when given"},
        {"{\"type\":\"line\",\"amount\":true}", "an amount belongs to number inputs only"},
        {"{\"type\":\"line\",\"optinos\":[]}", "the input has an unknown member \"optinos\""},
        {"{\"type\":\"number\",\"min\":\"1\"}", "\"min\" is a number"},
        {"{\"type\":\"line\",\"required\":\"no\"}", "\"required\" is true or false"},
        {"{\"type\":\"line\",\"max\":2.5}",
         "the max of a line input is its length in characters: a whole number from 1"},
        {"{\"type\":\"line\",\"max\":10,\"max\":20}", "the input gives \"max\" twice"},
        {"{\"type\":\"choice\",\"options\":[\"a\",1]}", "options are a choice's list of strings"},
        {"{\"type\":\"slider\",\"min\":1,\"max\":5,\"stops\":[{\"value\":1}]}",
         "a stop is {\"value\": a number, \"label\": a string}"},
    };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        char why[200];
        in = NULL;
        check_test_name = refused[i].json;
        CHECK_INT(input_spec_parse(refused[i].json, &in, why, sizeof why), DT_INVALID);
        CHECK(in == NULL);
        CHECK_STR(why, refused[i].why);
    }
    check_test_name = "test_input_spec";
}

static void test_dates(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    struct app *a = app_new(st, user, SCREEN_DASHBOARD, NULL);
    struct input_spec *input = spec("{\"type\":\"date\"}");
    static const struct {
        const char *value;
        bool ok;
    } cases[] = {{"\"2026-11-25\"", true},   {"\"2028-02-29\"", true},
                 {"\"2000-02-29\"", true},   {"\"\"", true},
                 {"\"2026-02-29\"", false},  {"\"1900-02-29\"", false},
                 {"\"2026-13-01\"", false},  {"\"2026-11-31\"", false},
                 {"\"25/11/2026\"", false},  {"\"2026-11-2\"", false},
                 {"\"2026-11-25x\"", false}, {"\"2026-+1-+1\"", false},
                 {"\" 2026-1-01\"", false},  {"\"2026-11- 5\"", false}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cJSON *v = prompts_accept(a, input, cases[i].value);
        if ((v != NULL) != cases[i].ok)
            CHECK_STR(cases[i].value, cases[i].ok ? "accepted" : "refused");
        cJSON_Delete(v);
    }
    input_spec_free(&input);
    app_free(&a);
    store_close(&st);
}

/* The app's message for the renderer (NULL when none), as a renderer reads it. */
static const char *said(struct app *a)
{
    struct tui_host h = app_host(a);
    int is_error = 0;
    return h.message(h.ctx, &is_error);
}

/* Steps and whole numbers, checked on the host side both faces go through: a slider takes only
 * min + k * step (step 1 when not given), a number with a step the same, so "step": 1 marks a
 * count; each refusal says the form to use. */
/* Two stops for a slider's JSON: an input without them is not one (input_spec_check). */
#define SLIDER_STOPS(lo, hi)                                                                       \
    "\"stops\":[{\"value\":" #lo ",\"label\":\"Low\"},{\"value\":" #hi ",\"label\":\"High\"}]"

static void test_steps(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    struct app *a = app_new(st, user, SCREEN_DASHBOARD, NULL);
    said(a); /* whatever the first screen had to say */
    static const struct {
        const char *input, *value;
        const char *why; /* NULL: accepted; else the error said */
    } cases[] = {
        {"{\"type\":\"slider\",\"min\":1,\"max\":10," SLIDER_STOPS(1, 10) "}", "3", NULL},
        {"{\"type\":\"slider\",\"min\":1,\"max\":10," SLIDER_STOPS(1, 10) "}", "10", NULL},
        {"{\"type\":\"slider\",\"min\":1,\"max\":10," SLIDER_STOPS(1, 10) "}", "2.5",
         "choose a whole number from 1 to 10."},
        {"{\"type\":\"slider\",\"min\":-2,\"max\":2," SLIDER_STOPS(-2, 2) "}", "-1", NULL},
        {"{\"type\":\"slider\",\"min\":-2,\"max\":2," SLIDER_STOPS(-2, 2) "}", "-1.5",
         "choose a whole number from -2 to 2."},
        {"{\"type\":\"slider\",\"min\":0,\"max\":2,\"step\":0.5," SLIDER_STOPS(0, 2) "}", "1.5",
         NULL},
        {"{\"type\":\"slider\",\"min\":0,\"max\":2,\"step\":0.5," SLIDER_STOPS(0, 2) "}", "1.25",
         "choose a number from 0 to 2 in steps of 0.5."},
        {"{\"type\":\"slider\",\"min\":0.1,\"max\":1,\"step\":0.1," SLIDER_STOPS(0.1, 1) "}", "0.3",
         NULL},
        {"{\"type\":\"slider\",\"min\":1,\"max\":10," SLIDER_STOPS(1, 10) "}", "11",
         "choose a number from 1 to 10."},
        {"{\"type\":\"number\",\"min\":0,\"max\":40,\"step\":1}", "3", NULL},
        {"{\"type\":\"number\",\"min\":0,\"max\":40,\"step\":1}", "3.5",
         "type a whole number from 0 to 40."},
        {"{\"type\":\"number\",\"step\":1}", "-3.5", "type a whole number."},
        {"{\"type\":\"number\",\"min\":0,\"max\":40,\"step\":1}", "null", NULL},
        {"{\"type\":\"number\",\"min\":0,\"max\":40}", "3.5", NULL},
        {"{\"type\":\"number\",\"min\":0,\"max\":100000000}", "200000000",
         "choose a number from 0 to 100000000."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct input_spec *input = spec(cases[i].input);
        cJSON *v = prompts_accept(a, input, cases[i].value);
        const char *msg = said(a);
        char label[160];
        snprintf(label, sizeof label, "%s takes %s", cases[i].input, cases[i].value);
        if (!cases[i].why) {
            check_at(__FILE__, __LINE__, v != NULL, label);
            if (v == NULL)
                printf("#   said: %s\n", msg ? msg : "nothing");
        } else {
            check_at(__FILE__, __LINE__, v == NULL, label);
            check_str_at(__FILE__, __LINE__, msg ? msg : "", cases[i].why, label);
        }
        cJSON_Delete(v);
        input_spec_free(&input);
    }
    app_free(&a);
    store_close(&st);
}

/* An exercise's prompts as prompts_load would give them, from (key, input) pairs. */
static void make_prompts(struct prompts *p, const char *const (*prompts)[2], size_t n,
                         const char *answers)
{
    memset(p, 0, sizeof *p);
    p->blocks = calloc(n, sizeof *p->blocks);
    p->inputs = calloc(n, sizeof *p->inputs);
    p->nblocks = n;
    for (size_t i = 0; i < n; i++) {
        snprintf(p->blocks[i].content_type, sizeof p->blocks[i].content_type, "prompt");
        snprintf(p->blocks[i].prompt_key, sizeof p->blocks[i].prompt_key, "%s", prompts[i][0]);
        p->blocks[i].content_text = strdup("A question?");
        p->blocks[i].input_json = strdup(prompts[i][1]);
        p->inputs[i] = spec(prompts[i][1]);
    }
    p->answers = json(answers);
}

/* Submit names every question that still needs more, each with what it needs and, for a list,
 * how many items it has; the minimum is stated in the question beforehand too. */
static void test_unmet(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    struct app *a = app_new(st, user, SCREEN_DASHBOARD, NULL);
    said(a);
    static const char *const prompts[][2] = {
        {"jobs", "{\"type\":\"list\",\"required\":true,\"min\":8,\"max\":60}"},
        {"name", "{\"type\":\"line\",\"required\":true}"},
        {"notes", "{\"type\":\"text\",\"required\":false}"},
        {"place", "{\"type\":\"line\",\"required\":true}"},
        {"lands", "{\"type\":\"choices\",\"required\":false,\"min\":2,"
                  "\"options\":[\"Coast\",\"Hills\",\"Plains\"]}"},
        {"ideas", "{\"type\":\"list\",\"required\":false,\"min\":3}"},
    };
    size_t n = sizeof prompts / sizeof *prompts;
    struct prompts p;
    /* two unmet: a list short of its minimum and a required answer missing; an optional list
     * left empty needs nothing */
    make_prompts(&p, prompts, n,
                 "{\"jobs\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"name\":\"Ada\",\"ideas\":[]}");
    CHECK(!prompts_complete(&p, a, NULL, NULL));
    const char *msg = said(a);
    CHECK_STR(msg ? msg : "", "questions 1 and 4 need more: 1 needs at least 8 items (you have"
                              " 5); 4 still needs an answer.");
    prompts_free(&p);

    /* three, with the unit of each */
    make_prompts(&p, prompts, n,
                 "{\"jobs\":[\"a\"],\"place\":\"Leeds\",\"lands\":[\"Coast\"],"
                 "\"ideas\":[\"x\",\"y\"]}");
    CHECK(!prompts_complete(&p, a, NULL, NULL));
    msg = said(a);
    CHECK_STR(msg ? msg : "", "questions 1, 2, 5 and 6 need more: 1 needs at least 8 items (you"
                              " have 1); 2 still needs an answer; 5 needs at least 2 choices (you"
                              " have 1); 6 needs at least 3 items (you have 2).");
    prompts_free(&p);

    /* one: said as before, with its unit */
    make_prompts(&p, prompts, n,
                 "{\"jobs\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\"],"
                 "\"name\":\"Ada\",\"place\":\"Leeds\"}");
    CHECK(!prompts_complete(&p, a, NULL, NULL));
    msg = said(a);
    CHECK_STR(msg ? msg : "", "question 1 needs at least 8 items (you have 7).");
    prompts_free(&p);

    /* none */
    make_prompts(&p, prompts, n,
                 "{\"jobs\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\"],"
                 "\"name\":\"Ada\",\"place\":\"Leeds\"}");
    CHECK(prompts_complete(&p, a, NULL, NULL));
    prompts_free(&p);

    /* the minimum is stated in the question, with its unit, after any hint of its own */
    struct doc *d = doc_new();
    struct input_spec *input = spec(
        "{\"type\":\"list\",\"min\":8,\"max\":60,\"hint\":\"One a line.\"}");
    struct doc_field *f = prompts_input_field(d, "jobs", "Jobs?", input, NULL);
    CHECK_STR(f->hint, "One a line. At least 8 items.");
    input_spec_free(&input);
    input = spec("{\"type\":\"choices\",\"min\":2,\"max\":3,\"options\":[\"a\",\"b\",\"c\"]}");
    f = prompts_input_field(d, "lands", "Lands?", input, NULL);
    CHECK_STR(f->hint ? f->hint : "", "Choose at least 2.");
    input_spec_free(&input);
    input = spec("{\"type\":\"list\",\"min\":1,\"max\":10}");
    f = prompts_input_field(d, "one", "One?", input, NULL);
    CHECK(f->hint == NULL); /* one item is what any answer has */
    input_spec_free(&input);
    doc_free(&d);
    app_free(&a);
    store_close(&st);
}

/* The person's answers as a ranking would record them, from a hidden true order (a lower
 * rank[] is better); cyclic makes every answer "the first shown is better", which no order fits. */
static size_t rank_with(size_t n, const size_t *rank, bool cyclic, size_t *order)
{
    char names[16][24];
    const char *items[16];
    for (size_t i = 0; i < n; i++) {
        snprintf(names[i], sizeof names[i], "i%zu", i);
        items[i] = names[i];
    }
    cJSON *choices = cJSON_CreateArray();
    size_t asked = 0, a, b;
    while (!rank_replay(items, n, choices, order, &a, &b) && asked < 1000) {
        bool a_better = cyclic || rank[a] < rank[b];
        cJSON *c = cJSON_CreateObject();
        cJSON_AddStringToObject(c, "better", items[a_better ? a : b]);
        cJSON_AddStringToObject(c, "worse", items[a_better ? b : a]);
        cJSON_AddItemToArray(choices, c);
        asked++;
    }
    CHECK_INT(rank_answered(items, n, choices), asked);
    cJSON_Delete(choices);
    return asked;
}

static void test_ranking(void)
{
    /* n(n-1)/2 pairs would be 45 for ten items; binary insertion asks at most 25 */
    CHECK_INT(rank_bound(0), 0);
    CHECK_INT(rank_bound(1), 0);
    CHECK_INT(rank_bound(2), 1);
    CHECK_INT(rank_bound(4), 5);
    CHECK_INT(rank_bound(10), 25);
    size_t order[16], rank[16];
    unsigned seed = 7;
    for (size_t n = 0; n <= 12; n++) {
        size_t log2n = 0;
        while (((size_t)1 << log2n) < n)
            log2n++;
        for (int trial = 0; trial < 20; trial++) {
            for (size_t i = 0; i < n; i++) /* a shuffled true order */
                rank[i] = i;
            for (size_t i = n; i > 1; i--) {
                seed = seed * 1103515245u + 12345u;
                size_t j = (seed >> 8) % i, t = rank[i - 1];
                rank[i - 1] = rank[j];
                rank[j] = t;
            }
            size_t asked = rank_with(n, rank, false, order);
            bool right = true;
            for (size_t i = 0; i < n; i++)
                right &= rank[order[i]] == i;
            if (!right || asked > rank_bound(n) || asked > n * log2n)
                CHECK_INT(n, 1000 + trial); /* names the failing case */
            /* answers that fit no order still end in one order of every item */
            asked = rank_with(n, rank, true, order);
            bool seen[16] = {false}, total = asked <= rank_bound(n);
            for (size_t i = 0; i < n; i++) {
                total &= order[i] < n && !seen[order[i]];
                if (order[i] < n)
                    seen[order[i]] = true;
            }
            if (!total)
                CHECK_INT(n, 2000 + trial);
        }
    }

    /* the form: an item twice is refused; answers about an item that is gone go with it */
    const struct tool_form *f = tool_form_find("ranking-grid");
    cJSON *c = json("{\"title\":\"Job\",\"items\":[\"Pay\",\"Team\",\"Commute\"],"
                    "\"choices\":[{\"better\":\"Team\",\"worse\":\"Pay\"},"
                    "{\"better\":\"Commute\",\"worse\":\"Pay\"}],\"order\":[\"Team\"]}");
    const char *why = NULL;
    CHECK(!take(f, c, "items", "[\"Pay\",\"Team\",\"Pay\"]", &why));
    CHECK(why != NULL);
    CHECK(take(f, c, "items", "[\"Pay\",\"Team\",\"Learning\"]", &why));
    char *text = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(c, "choices"));
    CHECK_STR(text, "[{\"better\":\"Team\",\"worse\":\"Pay\"}]");
    cJSON_free(text);
    CHECK(cJSON_GetObjectItemCaseSensitive(c, "order") == NULL);
    char about[128];
    f->describe(c, about, sizeof about);
    CHECK_STR(about, "3 items, not ranked yet");

    /* a ranking takes at most RANK_MAX_ITEMS: more is refused, with the cap said */
    CHECK_INT(RANK_MAX_ITEMS, 100);
    CHECK_INT(rank_bound(RANK_MAX_ITEMS), 573);
    cJSON *many = cJSON_CreateArray();
    for (int i = 0; i < RANK_MAX_ITEMS; i++) {
        char name[16];
        snprintf(name, sizeof name, "item %d", i);
        cJSON_AddItemToArray(many, cJSON_CreateString(name));
    }
    why = NULL;
    CHECK(tool_form_take(f, c, "items", cJSON_Duplicate(many, 1), &why));
    cJSON_AddItemToArray(many, cJSON_CreateString("one too many"));
    CHECK(!tool_form_take(f, c, "items", many, &why));
    CHECK_STR(why, "a ranking takes at most 100 items (at most 573 questions): leave out the"
                   " ones that matter least.");
    CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c, "items")), 100);
    cJSON_Delete(c);

    /* an entry with more (an import, an older version) is not opened for ranking */
    struct store *st = support_store();
    char user[STORE_ID_LEN], id[STORE_ID_LEN];
    support_user(st, user);
    support_answer_first(st, user, 11);
    cJSON *entry = json("{\"title\":\"Too many\",\"items\":[]}");
    for (int i = 0; i <= RANK_MAX_ITEMS; i++) {
        char name[16];
        snprintf(name, sizeof name, "item %d", i);
        cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(entry, "items"),
                             cJSON_CreateString(name));
    }
    char *entry_json = cJSON_PrintUnformatted(entry);
    CHECK_INT(store_tools_create(st, user, "ranking-grid", "standalone", entry_json, id), DT_OK);
    cJSON_free(entry_json);
    cJSON_Delete(entry);
    struct screen_arg ranking = screen_arg_instance(id);
    struct app *a = app_new(st, user, SCREEN_RANKING, &ranking);
    CHECK(a == NULL);
    CHECK_STR(app_last_error(), "this ranking has 101 items and a ranking takes at most 100:"
                                " leave out the ones that matter least in the tool, then rank"
                                " them.");
    app_free(&a);
    store_close(&st);
}

/* The ids of a document's fields, in order, each followed by a space. */
static void field_ids(const struct doc *d, char *ids, size_t size)
{
    ids[0] = '\0';
    for (size_t i = 0; i < d->n; i++)
        if (d->blocks[i].kind == DOC_FIELD)
            snprintf(ids + strlen(ids), size - strlen(ids), "%s ", d->blocks[i].u.field.id);
}

static void test_idea_tree(void)
{
    const struct tool_form *f = tool_form_find("idea-tree");
    cJSON *c = cJSON_CreateObject();
    const char *why = NULL;
    CHECK(!take(f, c, "n", "[\"a\"]", &why)); /* no root yet: nothing to grow from */
    CHECK(take(f, c, "root", "\"Gardening\"", &why));
    CHECK(take(f, c, "n", "[\"Soil\",\"Seeds\",\"Sharing\"]", &why));
    CHECK(take(f, c, "n0", "[\"Compost\",\"Worms\"]", &why));
    CHECK(take(f, c, "n00", "[\"Scraps\"]", &why));
    CHECK(take(f, c, "n1", "[\"Swaps\"]", &why));
    CHECK(!take(f, c, "n000", "[\"too deep\"]", &why)); /* 1 + 3 + 9 + 27: three levels */
    CHECK(take(f, c, "n2", "[\"x\"]", &why));
    CHECK(!take(f, c, "n", "[\"a\",\"b\",\"c\",\"d\"]", &why));
    CHECK(!take(f, c, "n5", "[\"x\"]", &why));
    char about[64];
    f->describe(c, about, sizeof about);
    CHECK_STR(about, "9 of 40 ideas");

    /* Soil rewritten in place keeps its ideas; Seeds, moved first, keeps its own */
    CHECK(take(f, c, "n", "[\"Seeds\",\"Earth\",\"Sharing\"]", &why));
    char *text = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(c, "ideas"));
    CHECK_STR(text, "[{\"idea\":\"Seeds\",\"ideas\":[{\"idea\":\"Swaps\"}]},"
                    "{\"idea\":\"Earth\",\"ideas\":[{\"idea\":\"Compost\",\"ideas\":"
                    "[{\"idea\":\"Scraps\"}]},{\"idea\":\"Worms\"}]},"
                    "{\"idea\":\"Sharing\",\"ideas\":[{\"idea\":\"x\"}]}]");
    cJSON_free(text);

    /* the questions follow the tree a level at a time: answering one adds questions after all
     * those of its level, so no question moves while the person answers the next */
    struct doc *d = doc_new();
    f->more_fields(c, d);
    char ids[256] = "";
    field_ids(d, ids, sizeof ids);
    CHECK_STR(ids, "n n0 n1 n2 n00 n10 n11 n20 ");
    doc_reset(d);
    cJSON *young = json("{\"root\":\"Gardening\",\"ideas\":[{\"idea\":\"Soil\"},"
                        "{\"idea\":\"Seeds\"},{\"idea\":\"Sharing\"}]}");
    f->more_fields(young, d);
    field_ids(d, ids, sizeof ids);
    CHECK_STR(ids, "n n0 n1 n2 ");
    doc_reset(d);
    CHECK(take(f, young, "n0", "[\"Compost\",\"Worms\"]", &why)); /* Soil's three */
    f->more_fields(young, d);
    field_ids(d, ids, sizeof ids);
    CHECK_STR(ids, "n n0 n1 n2 n00 n01 "); /* Seeds' question is still the third */
    cJSON_Delete(young);
    doc_reset(d);
    f->figures(c, d);
    char *all = doc_text(d);
    CHECK(strstr(all, "- Earth: Compost (Scraps); Worms\n") != NULL);
    free(all);
    doc_free(&d);
    CHECK(f->more_input("n12") != NULL);
    CHECK(f->more_input("n123") == NULL);
    CHECK(f->more_input("n3") == NULL);
    CHECK(f->more_input("title") == NULL);
    cJSON_Delete(c);
}

static void test_resume(void)
{
    const struct tool_form *f = tool_form_find("resume-builder");
    cJSON *c = cJSON_CreateObject();
    const char *why;
    take(f, c, "name", "\"Ada Byron\"", &why);
    take(f, c, "headline", "\"Ward manager\"", &why);
    take(f, c, "email", "\"ada@example.org\"", &why);
    take(f, c, "links", "[\"ada.example.org\"]", &why);
    take(f, c, "summary", "\"Calm in a crisis.\"", &why);
    /* blocks: a blank line between; list marks typed by the person are dropped */
    CHECK(take(f, c, "experience",
               "\"Ward nurse | St Anne's | 2015-2020\\n- Ran the night shift\\nCut handover"
               " time by a third\\n\\n\\nBaker\\n\\nVolunteer |  | 2021\\n\"",
               &why));
    size_t experience = 0;
    for (size_t i = 0; i < f->nfields; i++)
        if (strcmp(f->fields[i].key, "experience") == 0)
            experience = i;
    char *text = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(c, "experience"));
    CHECK_STR(text, "[{\"role\":\"Ward nurse\",\"organisation\":\"St Anne's\",\"dates\":"
                    "\"2015-2020\",\"achievements\":[\"Ran the night shift\",\"Cut handover time"
                    " by a third\"]},{\"role\":\"Baker\",\"achievements\":[]},{\"role\":"
                    "\"Volunteer\",\"dates\":\"2021\",\"achievements\":[]}]");
    cJSON_free(text);
    cJSON *shown = tool_form_value(f, experience, c);
    CHECK_STR(cJSON_GetStringValue(shown),
              "Ward nurse | St Anne's | 2015-2020\nRan the night"
              " shift\nCut handover time by a third\n\nBaker\n\nVolunteer |  | 2021");
    cJSON_Delete(shown);
    /* a line of spaces, or CR LF line ends, separate roles too */
    cJSON *other = cJSON_CreateObject();
    CHECK(take(f, other, "experience", "\"Nurse | A\\r\\nRan nights\\r\\n   \\r\\nBaker | B\"",
               &why));
    text = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(other, "experience"));
    CHECK_STR(text,
              "[{\"role\":\"Nurse\",\"organisation\":\"A\",\"achievements\":[\"Ran nights\"]},"
              "{\"role\":\"Baker\",\"organisation\":\"B\",\"achievements\":[]}]");
    cJSON_free(text);
    cJSON_Delete(other);
    take(f, c, "education", "[\"Nursing diploma, 2015\"]", &why);
    take(f, c, "skills", "[\"Triage\",\"Rostering\"]", &why);

    struct resume_highlight h[] = {{"The flooded ward", "No patient was harmed."}};
    char *md = resume_write(c, h, 1, true);
    CHECK_STR(md, "# Ada Byron\n\nWard manager\n\nada@example.org \xc2\xb7 ada.example.org\n\n"
                  "## Summary\n\nCalm in a crisis.\n\n"
                  "## Experience\n\n### Ward nurse, St Anne's\n\n2015-2020\n\n"
                  "- Ran the night shift\n- Cut handover time by a third\n\n"
                  "### Baker\n\n### Volunteer\n\n2021\n\n"
                  "## Highlights\n\n- **The flooded ward.** No patient was harmed.\n\n"
                  "## Education\n\n- Nursing diploma, 2015\n\n## Skills\n\nTriage, Rostering\n");
    free(md);
    char *plain = resume_write(c, h, 1, false);
    CHECK_STR(plain, "Ada Byron\nWard manager\nada@example.org | ada.example.org\n\n"
                     "SUMMARY\nCalm in a crisis.\n\n"
                     "EXPERIENCE\nWard nurse, St Anne's (2015-2020)\n  - Ran the night shift\n"
                     "  - Cut handover time by a third\n\nBaker\n\nVolunteer (2021)\n\n"
                     "HIGHLIGHTS\n  - The flooded ward: No patient was harmed.\n\n"
                     "EDUCATION\n  - Nursing diploma, 2015\n\nSKILLS\n  Triage, Rostering\n");
    free(plain);
    char about[64];
    f->describe(c, about, sizeof about);
    CHECK_STR(about, "Ward manager, 3 roles");
    cJSON_Delete(c);
}

/* A story's skills become its tags: master-list names (case and accents aside), new names as
 * the person's own skills; names taken off the list lose their tags. */
static void test_story_skills(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN], id[STORE_ID_LEN];
    support_user(st, user);
    support_answer_first(st, user, 2); /* SOARED stories open */
    struct app *a = app_new(st, user, SCREEN_DASHBOARD, NULL);
    const struct tool_form *f = tool_form_find("soared-story");
    cJSON *c = json("{\"title\":\"Flood\",\"skills\":[\"ACTIVE LISTENING\",\"écriture"
                    " technique\",\"Herding cats\"]}");
    char *text = cJSON_PrintUnformatted(c);
    CHECK_INT(store_tools_create(st, user, "soared-story", "standalone", text, id), DT_OK);
    cJSON_free(text);
    CHECK_INT(f->after_save(a, id, c), DT_OK);
    struct skill *tags = NULL;
    size_t n = 0;
    CHECK_INT(store_skills_for_instance(st, user, id, &tags, &n), DT_OK);
    CHECK_INT(n, 3);
    if (n == 3) { /* by name, accents aside ("É" sorts as "E") */
        CHECK_STR(tags[0].name, "Active listening");
        CHECK(!tags[0].is_custom);
        CHECK_STR(tags[1].name, "\xc3\x89"
                                "criture technique");
        CHECK_STR(tags[2].name, "Herding cats");
        CHECK(tags[2].is_custom);
    }
    free(tags);
    /* one taken off, the same again: two tags, no second "Herding cats" */
    cJSON_DeleteItemFromArray(cJSON_GetObjectItemCaseSensitive(c, "skills"), 0);
    CHECK_INT(f->after_save(a, id, c), DT_OK);
    CHECK_INT(store_skills_for_instance(st, user, id, &tags, &n), DT_OK);
    CHECK_INT(n, 2);
    free(tags);
    struct skill *found = NULL;
    CHECK_INT(store_skills_search(st, user, "herding", 10, &found, &n), DT_OK);
    CHECK_INT(n, 1);
    free(found);
    /* a half-typed name saved on a pause, then finished: no stray "Herd" is left */
    cJSON *skills = cJSON_GetObjectItemCaseSensitive(c, "skills");
    cJSON_ReplaceItemInArray(skills, 1, cJSON_CreateString("Herd"));
    CHECK_INT(f->after_save(a, id, c), DT_OK);
    cJSON_ReplaceItemInArray(skills, 1, cJSON_CreateString("Herding cats"));
    CHECK_INT(f->after_save(a, id, c), DT_OK);
    CHECK_INT(store_skills_search(st, user, "herd", 10, &found, &n), DT_OK);
    CHECK_INT(n, 1);
    if (n == 1)
        CHECK_STR(found[0].name, "Herding cats");
    free(found);
    /* a master-list skill taken off a story stays in the list */
    CHECK_INT(store_skills_search(st, user, "active listening", 10, &found, &n), DT_OK);
    CHECK_INT(n, 1);
    free(found);
    cJSON_Delete(c);
    app_free(&a);
    store_close(&st);
}

/* An entry past its size limit (TOOLS_MAX_BYTES) keeps the items that fit and says which limit
 * it met, rather than losing every item to "invalid input"; a text past it keeps its start. */
static void test_entry_limit(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    support_answer_first(st, user, 1); /* the list tool open */
    struct app *a = app_new(st, user, SCREEN_TOOL_ENTRY,
                            &(struct screen_arg){.tool = "list-builder"});
    struct tui_host host = app_host(a);
    int is_error = 0;
    struct tui_event ev = {.cmd = CMD_FIELD_CHANGED, .field_id = "title", .value = "\"Huge\""};
    CHECK_INT(host.event(host.ctx, &ev), TUI_CONTINUE);
    host.message(host.ctx, &is_error);

    /* 9,000 items of 1,000 bytes: about 9 MB of JSON */
    size_t nitems = 9000, item = 1000;
    char *items = malloc(nitems * (item + 3) + 3), *w = items;
    *w++ = '[';
    for (size_t i = 0; i < nitems; i++) {
        w += sprintf(w, "%s\"%06zu", i ? "," : "", i);
        memset(w, 'x', item - 6);
        w += item - 6;
        *w++ = '"';
    }
    strcpy(w, "]");
    ev = (struct tui_event){.cmd = CMD_FIELD_CHANGED, .field_id = "items", .value = items};
    CHECK_INT(host.event(host.ctx, &ev), TUI_CONTINUE);
    const char *msg = host.message(host.ctx, &is_error);
    CHECK(msg && strstr(msg, "An entry holds at most 8 MiB: the first ") &&
          strstr(msg, " of your 9000 items were kept; the rest were left out."));
    CHECK(msg && !strstr(msg, "invalid input"));
    struct tool_instance *list = NULL;
    size_t n = 0;
    CHECK_INT(store_tools_list(st, user, "list-builder", &list, &n), DT_OK);
    CHECK_INT(n, 1);
    cJSON *kept = n ? cJSON_Parse(list[0].content_json) : NULL;
    int count = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(kept, "items"));
    CHECK(count > 8000 && count < (int)nitems);
    CHECK(n && strlen(list[0].content_json) <= TOOLS_MAX_BYTES);
    char said[32];
    snprintf(said, sizeof said, "the first %d of", count);
    CHECK(msg && strstr(msg, said)); /* the number said is the number kept */
    cJSON_Delete(kept);
    store_tools_list_free(&list, n);

    free(items);
    app_free(&a);

    /* a text past the limit keeps its start */
    support_answer_first(st, user, 11); /* every tool open */
    a = app_new(st, user, SCREEN_TOOL_ENTRY, &(struct screen_arg){.tool = "resume-builder"});
    host = app_host(a);
    ev = (struct tui_event){.cmd = CMD_FIELD_CHANGED, .field_id = "name", .value = "\"Ada\""};
    CHECK_INT(host.event(host.ctx, &ev), TUI_CONTINUE);
    host.message(host.ctx, &is_error);
    /* 9 MiB of JSON: ab" over and over, the quote escaped (two bytes of JSON for one) */
    size_t big = 9u * 1024 * 1024;
    char *summary = malloc(big + 3);
    summary[0] = '"';
    for (size_t i = 0; i < big; i++)
        summary[1 + i] = "ab\\\""[i % 4];
    strcpy(summary + 1 + big, "\"");
    ev = (struct tui_event){.cmd = CMD_FIELD_CHANGED, .field_id = "summary", .value = summary};
    CHECK_INT(host.event(host.ctx, &ev), TUI_CONTINUE);
    msg = host.message(host.ctx, &is_error);
    CHECK(msg && strstr(msg, "An entry holds at most 8 MiB: your answer was cut to its first "));
    CHECK_INT(store_tools_list(st, user, "resume-builder", &list, &n), DT_OK);
    kept = n ? cJSON_Parse(list[0].content_json) : NULL;
    const char *text = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(kept, "summary"));
    CHECK(text && strlen(text) > 6000000 && strncmp(text, "ab\"ab\"", 6) == 0);
    CHECK(n && strlen(list[0].content_json) <= TOOLS_MAX_BYTES);
    cJSON_Delete(kept);
    store_tools_list_free(&list, n);
    free(summary);
    app_free(&a);
    store_close(&st);
}

/* The personality type 1.1.6's answers work out: the letters written win when they are a type's;
 * else the four sliders, when none sits in the middle. */
static void test_personality_answers(void)
{
    static const struct {
        const char *answers, *want;
    } cases[] = {
        {"{\"ei\":1,\"sn\":-1,\"tf\":2,\"jp\":-2}", "ISFJ"},
        {"{\"ei\":-2,\"sn\":1,\"tf\":-1,\"jp\":1}", "ENTP"},
        {"{\"ei\":1,\"sn\":0,\"tf\":2,\"jp\":-2}", ""},           /* no clear lean */
        {"{\"ei\":1,\"tf\":2,\"jp\":-2}", ""},                    /* not answered */
        {"{\"ei\":1,\"sn\":0,\"type_code\":\" entj \"}", "ENTJ"}, /* written: it wins */
        {"{\"ei\":1,\"sn\":-1,\"tf\":2,\"jp\":-2,\"type_code\":\"ISFX\"}", "ISFJ"},
        {"{\"type_code\":\"INTJS\"}", ""},
        {"{\"type_code\":\"\"}", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cJSON *answers = json(cases[i].answers);
        char code[5] = "x";
        bool found = personality_answers_type(answers, code);
        if (!CHECK_STR(code, cases[i].want) || !CHECK(found == (cases[i].want[0] != '\0')))
            printf("#   for %s\n", cases[i].answers);
        cJSON_Delete(answers);
    }
    CHECK(personality_answers_key("jp") && personality_answers_key("type_code"));
    CHECK(!personality_answers_key("at_home"));
}

/* Navigation's one string form: what is formatted parses back the same; an unknown screen, a
 * field too long or a stray separator is refused, never cut. */
static void test_screen_links(void)
{
    struct doc *d = doc_new();
    struct screen_arg arg = screen_arg_entry("flow-tracker", "abc123", "1.1.4.v1",
                                             SCREEN_NEW_ENTRY);
    const char *link = screen_link(d, SCREEN_TOOL_ENTRY, &arg);
    enum screen_id id;
    struct screen_arg back;
    CHECK(screen_link_parse(link, &id, &back));
    CHECK_INT(id, SCREEN_TOOL_ENTRY);
    CHECK_STR(back.tool, "flow-tracker");
    CHECK_STR(back.entry, "abc123");
    CHECK_STR(back.exercise, "1.1.4.v1");
    CHECK_INT(back.flags, SCREEN_NEW_ENTRY);
    CHECK(screen_link_parse(screen_link(d, SCREEN_DASHBOARD, NULL), &id, &back) &&
          id == SCREEN_DASHBOARD);
    CHECK(!screen_link_parse("nowhere||||0", &id, &back));
    CHECK(!screen_link_parse("tool|||", &id, &back));
    CHECK(!screen_link_parse("tool||flow|x|y|0", &id, &back));
    CHECK(!screen_link_parse(NULL, &id, &back));
    char longer[200];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    struct screen_arg too_long = screen_arg_tool(longer, 0);
    CHECK_STR(too_long.tool, ""); /* refused, not cut */
    char text[300];
    snprintf(text, sizeof text, "tool||%s||0", longer);
    CHECK(!screen_link_parse(text, &id, &back));
    /* a choice and its index */
    int choice;
    size_t index;
    char buf[32];
    CHECK(screen_chosen(screen_choice_arg(3, 7, buf, sizeof buf), &choice, &index) && choice == 3 &&
          index == 7);
    CHECK(!screen_chosen("next", &choice, &index));
    doc_free(&d);
}

int main(void)
{
    RUN(test_screen_links);
    RUN(test_budget);
    RUN(test_flow);
    RUN(test_flow_pictures);
    RUN(test_follow_ups);
    RUN(test_forms_complete);
    RUN(test_input_spec);
    RUN(test_dates);
    RUN(test_steps);
    RUN(test_unmet);
    RUN(test_ranking);
    RUN(test_idea_tree);
    RUN(test_personality_answers);
    RUN(test_resume);
    RUN(test_story_skills);
    RUN(test_entry_limit);
    return check_done();
}
