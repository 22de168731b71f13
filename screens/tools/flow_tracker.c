/* The flow log: what you were doing, how it left your energy and how absorbed you were. High
 * flow is energy +1 or more with focus 4 or more; the overview counts it over all entries. An
 * entry's flow is its energy times its focus (-10 to 10): the overview draws it day by day over
 * the last weeks, and ranks the activities by it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "number.h"
#include "oom.h"
#include "store.h"
#include "tool_forms_internal.h"

#define FLOW_WEEKS 12
#define FLOW_TOP_ACTIVITIES 5
/* A day whose average flow is this or more counts as a day of high flow: the least flow of an
 * entry with high flow (energy +1, focus 4). */
#define FLOW_HIGH_DAY 4.0

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

/* An entry's flow, energy times focus; false when it lacks either. */
static bool entry_flow(const cJSON *c, double *flow)
{
    double energy = 0, focus = 0;
    if (!tf_number(c, FLOW_ENERGY, &energy) || !tf_number(c, FLOW_FOCUS, &focus))
        return false;
    *flow = energy * focus;
    return true;
}

/* Days since 1970-01-01 of a YYYY-MM-DD date; false when it is not one. */
static bool day_number(const char *date, int64_t *day)
{
    int64_t seconds = 0;
    if (!date || strlen(date) != 10 || store_time_parse(date, &seconds) != 0)
        return false;
    *day = seconds / 86400;
    return true;
}

static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* The month (0..11) and day of the month of a day number. */
static void day_civil(int64_t day, int *month, int *mday)
{
    char text[STORE_TIME_LEN];
    int y = 0;
    store_time_format(day * 86400, text);
    if (sscanf(text, "%d-%d-%d", &y, month, mday) != 3)
        *month = 1, *mday = 1;
    (*month)--;
}

/* "2 Nov" */
static const char *day_said(struct doc *d, int64_t day)
{
    int month = 0, mday = 0;
    day_civil(day, &month, &mday);
    return doc_printf(d, "%d %s", mday, month_names[month]);
}

/* A figure as the charts say it: to one decimal, halves away from zero. */
static const char *figure(struct doc *d, double v)
{
    char text[32];
    tui_number_format(doc_round_tenths(v) + 0.0, text, sizeof text); /* + 0.0: no "-0" */
    return doc_str(d, text);
}

/* The level of a day's average flow, by its figure to one decimal (as the words say it), so
 * the legend's "0 to 3.9" holds for what is shown. */
static int flow_level(double average)
{
    double v = doc_round_tenths(average);
    return v < 0 ? 1 : v < FLOW_HIGH_DAY ? 2 : v < 8 ? 3 : 4;
}

/* The last FLOW_WEEKS weeks, Monday to Sunday, ending with the week of today: each day's level,
 * with a sentence for the whole and one for each week with entries. */
static void flow_calendar(const cJSON *const *entries, size_t n, int64_t today, struct doc *d)
{
    enum { DAYS = 7 * FLOW_WEEKS };
    int64_t weekday = ((today + 3) % 7 + 7) % 7; /* 1970-01-01 was a Thursday; Monday is 0 */
    int64_t start = today - weekday - 7 * (FLOW_WEEKS - 1);
    double sum[DAYS] = {0};
    int count[DAYS] = {0};
    for (size_t i = 0; i < n; i++) {
        int64_t day = 0;
        double flow = 0;
        if (!day_number(tf_text(entries[i], FLOW_DATE), &day) || day < start || day > today ||
            !entry_flow(entries[i], &flow))
            continue;
        sum[day - start] += flow;
        count[day - start]++;
    }
    signed char cells[7 * FLOW_WEEKS];
    const char *col_labels[FLOW_WEEKS];
    size_t days_logged = 0, high_days = 0;
    double week_sum[FLOW_WEEKS] = {0};
    int week_days[FLOW_WEEKS] = {0};
    for (int k = 0; k < FLOW_WEEKS; k++) {
        for (int r = 0; r < 7; r++) {
            int at = 7 * k + r;
            signed char *cell = &cells[r * FLOW_WEEKS + k];
            if (start + at > today) {
                *cell = DOC_GRID_OUTSIDE;
            } else if (count[at] == 0) {
                *cell = DOC_GRID_EMPTY;
            } else {
                double average = sum[at] / count[at];
                *cell = (signed char)flow_level(average);
                days_logged++;
                high_days += doc_round_tenths(average) >= FLOW_HIGH_DAY;
                week_sum[k] += average;
                week_days[k]++;
            }
        }
        /* a month's name over the week that holds its first day */
        int month = 0, mday = 0;
        day_civil(start + 7 * k + 6, &month, &mday);
        col_labels[k] = mday <= 7 ? month_names[month] : "";
    }
    int first_month = 0, first_mday = 0;
    day_civil(start, &first_month, &first_mday);
    if (!col_labels[0][0] && !col_labels[1][0]) /* the first week names its month where it can */
        col_labels[0] = month_names[first_month];

    static const char *const weekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const levels[] = {"below 0", "0 to 3.9", "4 to 7.9", "8 or more"};
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        dt_oom_abort();
    fprintf(f, "From %s to %s: ", day_said(d, start), day_said(d, today));
    if (days_logged == 0) {
        fprintf(f, "no day logged with energy and focus.");
    } else {
        int best = -1;
        for (int k = 0; k < FLOW_WEEKS; k++) /* ties go to the later week */
            if (week_days[k] &&
                (best < 0 || doc_round_tenths(week_sum[k] / week_days[k]) >=
                                 doc_round_tenths(week_sum[best] / week_days[best])))
                best = k;
        fprintf(f,
                "%zu %s logged; best week starting %s (average flow %s); %zu %s of high flow"
                " (an average of 4 or more).",
                days_logged, days_logged == 1 ? "day" : "days", day_said(d, start + 7 * best),
                figure(d, week_sum[best] / week_days[best]), high_days,
                high_days == 1 ? "day" : "days");
        fprintf(f, " Week by week, the average flow of the days logged:");
        bool any = false;
        for (int k = 0; k < FLOW_WEEKS; k++) {
            if (!week_days[k])
                continue;
            fprintf(f, "%s from %s, %d %s, %s", any ? ";" : "", day_said(d, start + 7 * k),
                    week_days[k], week_days[k] == 1 ? "day" : "days",
                    figure(d, week_sum[k] / week_days[k]));
            any = true;
        }
        fputc('.', f);
    }
    if (fclose(f) != 0)
        dt_oom_abort();
    struct doc_grid g = {
        .rows = 7,
        .cols = FLOW_WEEKS,
        .row_labels = weekdays,
        .col_labels = col_labels,
        .cells = cells,
        .nlevels = 4,
        .level_labels = levels,
        .empty_label = "no entry",
        .col_noun = "weeks",
    };
    doc_chart_grid(d, doc_printf(d, "Your flow day by day over the last %d weeks", FLOW_WEEKS), &g,
                   text);
    free(text);
}

/* The activities with the most flow: entries named the same (case and accents aside) are one
 * activity, named as its newest entry names it; ranked by their average flow, then by how often
 * they were logged. */
struct activity {
    char *key;          /* folded name (owned) */
    const cJSON *named; /* its newest entry (entries come newest first) */
    size_t order;       /* when it was first met: newer activities first among equals */
    double sum;
    int count;
};

static int by_flow(const void *a, const void *b)
{
    const struct activity *x = a, *y = b;
    double fx = doc_round_tenths(x->sum / x->count), fy = doc_round_tenths(y->sum / y->count);
    if (fx != fy)
        return fx > fy ? -1 : 1;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static void flow_activities(const cJSON *const *entries, size_t n, struct doc *d)
{
    struct activity *acts = dt_oom_calloc(n ? n : 1, sizeof *acts);
    size_t nacts = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = tf_text(entries[i], FLOW_ACTIVITY);
        double flow = 0;
        if (!name || !entry_flow(entries[i], &flow))
            continue;
        char *key = dt_fold(name, NULL);
        if (!key)
            key = dt_oom_strdup(name); /* not valid UTF-8: matched as it is */
        size_t a = 0;
        while (a < nacts && strcmp(acts[a].key, key) != 0)
            a++;
        if (a == nacts)
            acts[nacts++] = (struct activity){key, entries[i], nacts, 0, 0};
        else
            free(key);
        acts[a].sum += flow;
        acts[a].count++;
    }
    qsort(acts, nacts, sizeof *acts, by_flow);
    size_t shown = nacts < FLOW_TOP_ACTIVITIES ? nacts : FLOW_TOP_ACTIVITIES;
    if (shown) {
        const char *labels[FLOW_TOP_ACTIVITIES], *said[FLOW_TOP_ACTIVITIES];
        double values[FLOW_TOP_ACTIVITIES];
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        if (!f)
            dt_oom_abort();
        fprintf(f, "By average flow (energy times focus, -10 to 10; below 0, it drained you):");
        for (size_t a = 0; a < shown; a++) {
            char name[160]; /* as the list names its newest entry */
            tool_form_title(&flow_tracker_form, acts[a].named, NULL, name, sizeof name);
            double average = acts[a].sum / acts[a].count;
            labels[a] = doc_str(d, name);
            values[a] = average;
            said[a] = doc_printf(d, "%s of 10 (%d)", figure(d, average), acts[a].count);
            fprintf(f, "%s %s, %s (%d %s)", a ? ";" : "", name, figure(d, average), acts[a].count,
                    acts[a].count == 1 ? "entry" : "entries");
        }
        fputc('.', f);
        if (fclose(f) != 0)
            dt_oom_abort();
        struct doc_chart *c =
            doc_chart(d,
                      shown == 1
                          ? "Your activity's flow, its entries in brackets"
                          : doc_printf(d,
                                       "The %zu activities with the most flow, their entries in"
                                       " brackets",
                                       shown),
                      shown, labels, values, 10, text);
        doc_chart_value_texts(d, c, said);
        free(text);
    }
    for (size_t a = 0; a < nacts; a++)
        free(acts[a].key);
    free(acts);
}

static void overview(const cJSON *const *entries, size_t n, const char *today, struct doc *d)
{
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
    if (high == 0)
        doc_para(d, DOC_ROLE_NOTE,
                 doc_printf(d,
                            "%zu %s logged; none yet with high flow (energy +1 or more and"
                            " focus 4 or more).",
                            n, n == 1 ? "entry" : "entries"));
    else
        doc_para(d, DOC_ROLE_NOTE,
                 doc_printf(d,
                            "High flow (energy +1 or more and focus 4 or more) in %zu of %zu"
                            " entries. Most recent: %s.",
                            high, n, recent));
    doc_para(d, DOC_ROLE_TEXT,
             "Flow here is energy (-2 to +2) times focus (1 to 5): from -10 to 10, above 0"
             " when what you did lifted you. A day's flow is the average of its entries.");
    int64_t day = 0;
    if (day_number(today, &day))
        flow_calendar(entries, n, day, d);
    flow_activities(entries, n, d);
}

static const struct tool_field fields[] = {
    {.key = FLOW_DATE,
     .label = "When was it?",
     .input = {.type = INPUT_DATE,
               .optional = true,
               .default_today = true,
               .past_only = true,
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
