/* The budget: expenses kept as {name, amount, essential} but typed as lines, income kept in
 * step month and year, and the figures worked out from them. No tax tables: a rate is the
 * user's own. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "tool_forms_internal.h"

static void set_number(cJSON *content, const char *key, double value)
{
    cJSON_DeleteItemFromObjectCaseSensitive(content, key);
    cJSON_AddNumberToObject(content, key, value);
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

/* 40 hours a week, 52 weeks: the usual full-time year */
#define HOURS_PER_YEAR 2080.0

static double expenses_total(const cJSON *c, bool essential_only)
{
    double sum = 0;
    const cJSON *e;
    cJSON_ArrayForEach (e, cJSON_GetObjectItemCaseSensitive(c, BUDGET_EXPENSES)) {
        double amount = 0;
        bool essential = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, EXPENSE_ESSENTIAL));
        if (tf_number(e, EXPENSE_AMOUNT, &amount) && (essential || !essential_only))
            sum += amount;
    }
    return sum;
}

static cJSON *shown(const cJSON *c, const char *key)
{
    bool essential = strcmp(key, BUDGET_ESSENTIAL) == 0;
    if (!essential && strcmp(key, BUDGET_OTHER) != 0)
        return NULL;
    cJSON *lines = cJSON_CreateArray();
    const cJSON *e;
    cJSON_ArrayForEach (e, cJSON_GetObjectItemCaseSensitive(c, BUDGET_EXPENSES)) {
        double amount = 0;
        const char *name = tf_text(e, EXPENSE_NAME), *typed = tf_text(e, EXPENSE_LINE);
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, EXPENSE_ESSENTIAL)) != essential)
            continue;
        if (typed) { /* a line still to put right, as it was typed */
            cJSON_AddItemToArray(lines, cJSON_CreateString(typed));
            continue;
        }
        if (!name || !tf_number(e, EXPENSE_AMOUNT, &amount))
            continue;
        char num[48], line[320];
        amount_text(amount, num, sizeof num);
        snprintf(line, sizeof line, "%.250s %s", name, num);
        store_trim_partial_utf8(line);
        cJSON_AddItemToArray(lines, cJSON_CreateString(line));
    }
    return lines;
}

/* The largest amount taken: a yearly budget of a hundred billion is no budget to plan. */
#define AMOUNT_MAX 1e11

/* True when digits (n bytes of 0-9 , .) is an amount as people write it: commas only between
 * groups of three before the point, at most one point, at most two decimals ("1,200.50"). */
static bool amount_shape(const char *digits, size_t n)
{
    const char *point = memchr(digits, '.', n);
    size_t whole = point ? (size_t)(point - digits) : n;
    if (point && (memchr(point + 1, '.', n - whole - 1) || memchr(point + 1, ',', n - whole - 1) ||
                  n - whole - 1 > 2 || n - whole - 1 == 0))
        return false;
    size_t group = 0;
    bool commas = false;
    for (size_t i = whole; i-- > 0; group++) {
        if (digits[i] != ',')
            continue;
        if (group != 3 || i == 0)
            return false; /* "1,20" or ",200" */
        commas = true;
        group = (size_t)-1; /* the loop adds one: the next digit starts a group */
    }
    return whole > 0 && (!commas || group <= 3);
}

/* What is wrong with an expense line, if anything, and what to write instead. */
enum expense_fault { EXPENSE_OK, NO_AMOUNT, NO_NAME, NEGATIVE, AMOUNT_SHAPE, TOO_LARGE };

static const char *const expense_advice[] = {
    [NO_AMOUNT] = "write an amount after the name, like Rent 950",
    [NO_NAME] = "write a name before the amount, like Rent 950",
    [NEGATIVE] = "an amount is what you spend, so it has no minus sign: Loan 200",
    [AMOUNT_SHAPE] = "write the amount like 1,200.50: commas only between groups of three, at"
                     " most two decimals",
    [TOO_LARGE] = "that is more than a budget can use (at most 100,000,000,000)",
};

/* "Rent 950", "Food: 320.50", "Phone - 1,200": the amount is the last number on the line, after
 * a name. A line without both, a negative amount, or one too large to be meant is a fault. */
static enum expense_fault parse_expense(const char *line, char *name, size_t size, double *amount)
{
    size_t len = strlen(line);
    while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
        len--;
    size_t start = len;
    while (start && (strchr("0123456789.,", line[start - 1])))
        start--;
    if (start == len)
        return NO_AMOUNT;
    if (len - start > 20 || !amount_shape(line + start, len - start))
        return AMOUNT_SHAPE;
    if (start && line[start - 1] == '-' &&
        (start == 1 || line[start - 2] == ' ' || line[start - 2] == ':'))
        return NEGATIVE; /* "Loan -200": a minus sign, not a dash between name and amount */
    char digits[32];
    size_t k = 0;
    for (size_t i = start; i < len && k + 1 < sizeof digits; i++)
        if (line[i] != ',')
            digits[k++] = line[i];
    digits[k] = '\0';
    char *end = NULL;
    *amount = strtod(digits, &end);
    if (!k || *end || !isfinite(*amount))
        return AMOUNT_SHAPE;
    if (*amount > AMOUNT_MAX)
        return TOO_LARGE;
    while (start && strchr(" :=-\t", line[start - 1]))
        start--;
    if (start == 0)
        return NO_NAME;
    snprintf(name, size, "%.*s", (int)start, line);
    store_trim_partial_utf8(name);
    return EXPENSE_OK;
}

#define FAULTS_LISTED 5 /* lines named after the first; the rest are counted */

/* Says which lines could not be used and why the first could not: "line 3, “Rent nine”: write
 * an amount after the name, like Rent 950. ..." bad holds the numbers (from 1) of the first
 * FAULTS_LISTED + 1 of the nbad lines. */
static const char *faults_said(const size_t *bad, size_t nbad, const char *first_line,
                               enum expense_fault first, bool others_saved)
{
    static char said[640]; /* the take's *why: read before the next take */
    char quoted[64];
    size_t n = strlen(first_line);
    snprintf(quoted, sizeof quoted, "%.*s", (int)(n > 40 ? 40 : n), first_line);
    store_trim_partial_utf8(quoted);
    if (n > 40) { /* cut at a word where there is one, and say it was cut */
        char *space = strrchr(quoted, ' ');
        if (space && space - quoted > 20)
            *space = '\0';
        tf_append(quoted, sizeof quoted, "\xE2\x80\xA6");
    }
    said[0] = '\0';
    tf_append(said, sizeof said, "line %zu, \xE2\x80\x9C%s\xE2\x80\x9D: %s.", bad[0], quoted,
              expense_advice[first]);
    if (nbad == 1) {
        tf_append(said, sizeof said, " %sline %zu is kept as you wrote it, for you to put right.",
                  others_saved ? "Your other lines are saved; " : "", bad[0]);
        return said;
    }
    tf_append(said, sizeof said, nbad == 2 ? " Line" : " Lines");
    size_t listed = nbad - 1 < FAULTS_LISTED ? nbad - 1 : FAULTS_LISTED;
    for (size_t i = 1; i <= listed; i++)
        tf_append(said, sizeof said, "%s %zu", i == 1 ? "" : i == nbad - 1 ? " and" : ",", bad[i]);
    if (listed < nbad - 1)
        tf_append(said, sizeof said, " and %zu more", nbad - 1 - listed);
    tf_append(said, sizeof said, " %s putting right too; %s%s kept as you wrote %s.",
              nbad == 2 ? "needs" : "need", others_saved ? "your other lines are saved, and " : "",
              nbad == 2 ? "it is" : "these are", nbad == 2 ? "it" : "them");
    return said;
}

static bool take(cJSON *c, const char *key, cJSON *value, const char **why)
{
    bool essential = strcmp(key, BUDGET_ESSENTIAL) == 0;
    if (essential || strcmp(key, BUDGET_OTHER) == 0) {
        cJSON *kept = cJSON_CreateArray();
        const cJSON *e;
        cJSON_ArrayForEach (e, cJSON_GetObjectItemCaseSensitive(c, BUDGET_EXPENSES))
            if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, EXPENSE_ESSENTIAL)) != essential)
                cJSON_AddItemToArray(kept, cJSON_Duplicate(e, true));
        /* the lines that are "name amount" are used; any other is kept as typed, in its
         * place, for the person to put right, and the first is named in *why */
        size_t bad[FAULTS_LISTED + 1], nbad = 0, number = 0, good = 0;
        enum expense_fault first = EXPENSE_OK;
        const char *first_line = "";
        const cJSON *line;
        cJSON_ArrayForEach (line, value) {
            if (!cJSON_IsString(line))
                continue;
            number++;
            char name[256];
            double amount = 0;
            enum expense_fault fault = parse_expense(line->valuestring, name, sizeof name, &amount);
            cJSON *item = cJSON_CreateObject();
            if (fault == EXPENSE_OK) {
                cJSON_AddStringToObject(item, EXPENSE_NAME, name);
                cJSON_AddNumberToObject(item, EXPENSE_AMOUNT, amount);
                good++;
            } else {
                cJSON_AddStringToObject(item, EXPENSE_LINE, line->valuestring);
                if (nbad == 0)
                    first = fault, first_line = line->valuestring;
                if (nbad < sizeof bad / sizeof *bad)
                    bad[nbad] = number;
                nbad++;
            }
            cJSON_AddBoolToObject(item, EXPENSE_ESSENTIAL, essential);
            cJSON_AddItemToArray(kept, item);
        }
        if (nbad)
            *why = faults_said(bad, nbad, first_line, first, good > 0);
        cJSON_Delete(value);
        cJSON_DeleteItemFromObjectCaseSensitive(c, BUDGET_EXPENSES);
        cJSON_AddItemToObject(c, BUDGET_EXPENSES, kept);
        return true;
    }
    /* monthly and yearly income are one figure, kept in step */
    /* income taken back: both figures go, as they are one */
    if (cJSON_IsNull(value) &&
        (strcmp(key, BUDGET_INCOME_MONTHLY) == 0 || strcmp(key, BUDGET_INCOME_YEARLY) == 0)) {
        cJSON_DeleteItemFromObjectCaseSensitive(c, BUDGET_INCOME_MONTHLY);
        cJSON_DeleteItemFromObjectCaseSensitive(c, BUDGET_INCOME_YEARLY);
        cJSON_Delete(value);
        return true;
    }
    /* the figure worked out is kept to the cent, so it reads back as it shows */
    if (cJSON_IsNumber(value) && strcmp(key, BUDGET_INCOME_MONTHLY) == 0)
        set_number(c, BUDGET_INCOME_YEARLY, round(value->valuedouble * 12 * 100) / 100);
    if (cJSON_IsNumber(value) && strcmp(key, BUDGET_INCOME_YEARLY) == 0)
        set_number(c, BUDGET_INCOME_MONTHLY, round(value->valuedouble / 12 * 100) / 100);
    cJSON_DeleteItemFromObjectCaseSensitive(c, key);
    cJSON_AddItemToObject(c, key, value);
    return true;
}

static void describe(const cJSON *c, char *out, size_t size)
{
    char needs[48], income[48];
    double monthly = 0;
    out[0] = '\0';
    amount_text(expenses_total(c, true), needs, sizeof needs);
    tf_append(out, size, "Monthly needs %s", needs);
    if (tf_number(c, BUDGET_INCOME_MONTHLY, &monthly)) {
        amount_text(monthly, income, sizeof income);
        tf_append(out, size, ", monthly income %s", income);
    }
}

static void gist(const cJSON *c, char *out, size_t size)
{
    double income = 0, needs = expenses_total(c, true), all = expenses_total(c, false);
    char a[48], b[48], h[48];
    amount_text(needs, a, sizeof a);
    amount_text(needs * 12 / HOURS_PER_YEAR, h, sizeof h);
    out[0] = '\0';
    tf_append(out, size, "Needs %s a month (%s an hour)", a, h);
    if (tf_number(c, BUDGET_INCOME_MONTHLY, &income)) {
        amount_text(income - all, b, sizeof b);
        amount_text(income, a, sizeof a);
        tf_append(out, size, "; income %s a month, %s left after all expenses", a, b);
    }
    tf_append(out, size, ".");
}

/* An amount as the table says it, in the document's memory. */
static const char *amount(struct doc *d, double v)
{
    char text[48];
    amount_text(v, text, sizeof text);
    return doc_str(d, text);
}

/* A month's expenses against the income, as bars on one scale; the words say the same figures
 * as the table above them. */
static void month_bars(struct doc *d, double needs, double all, bool has_income,
                       double monthly_income)
{
    if (all <= 0 && !has_income)
        return;
    const char *labels[] = {"Essential", "Other", "All expenses", "Income"};
    double values[] = {needs, all - needs, all, monthly_income};
    size_t n = has_income ? 4 : 3;
    const char *texts[4];
    for (size_t i = 0; i < n; i++)
        texts[i] = amount(d, values[i]);
    const char *said =
        has_income
            ? doc_printf(d,
                         "Essential expenses %s and other expenses %s: %s in all, against an"
                         " income of %s a month (%s %s).",
                         texts[0], texts[1], texts[2], texts[3],
                         amount(d, fabs(monthly_income - all)),
                         monthly_income >= all ? "left" : "short")
            : doc_printf(d, "Essential expenses %s and other expenses %s: %s in all a month.",
                         texts[0], texts[1], texts[2]);
    double max = has_income ? fmax(all, monthly_income) : all;
    struct doc_chart *c = doc_chart(d,
                                    has_income ? "A month: your expenses against your income"
                                               : "A month: your expenses",
                                    n, labels, values, max, said);
    doc_chart_value_texts(d, c, texts);
}

static void figures(const cJSON *c, struct doc *d)
{
    double income = 0, rate = 0, walk_away = 0;
    bool has_income = tf_number(c, BUDGET_INCOME_YEARLY, &income);
    bool has_rate = tf_number(c, BUDGET_TAX_RATE, &rate) && rate > 0 && rate < 100;
    bool has_walk_away = tf_number(c, BUDGET_WALK_AWAY, &walk_away);
    double needs = expenses_total(c, true), all = expenses_total(c, false);
    const char *cells[3 * 9];
    size_t rows = 0;
    char buf[9][2][48];
#define ROW(label, month, year)                                                                    \
    do {                                                                                           \
        amount_text(month, buf[rows][0], sizeof buf[rows][0]);                                     \
        amount_text(year, buf[rows][1], sizeof buf[rows][1]);                                      \
        cells[3 * (rows + 1)] = label;                                                             \
        cells[3 * (rows + 1) + 1] = buf[rows][0];                                                  \
        cells[3 * (rows + 1) + 2] = buf[rows][1];                                                  \
        rows++;                                                                                    \
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
                 doc_printf(d,
                            "As an hourly rate over a full-time year of 2,080 hours: your"
                            " income is %s an hour; your needs take %s an hour.",
                            hourly, hourly_needs));
    } else {
        doc_para(d, DOC_ROLE_NOTE,
                 doc_printf(d, "Over a full-time year of 2,080 hours, your needs take %s an hour.",
                            hourly_needs));
    }
    month_bars(d, needs, all, has_income, income / 12);
    if (has_walk_away) {
        double floor_needed = needs * 12 / (has_rate ? 1 - rate / 100 : 1);
        double gap = fabs(walk_away - floor_needed);
        bool covers = walk_away >= floor_needed;
        char gap_text[48];
        amount_text(gap, gap_text, sizeof gap_text);
        /* the two figures on one scale, and the gap between them as a bar of its own */
        const char *labels[] = {has_rate ? "Yearly needs before tax" : "Yearly needs",
                                "Walk-away number", covers ? "To spare" : "Short by"};
        double values[] = {floor_needed, walk_away, gap};
        const char *texts[3];
        for (size_t i = 0; i < 3; i++)
            texts[i] = amount(d, values[i]);
        struct doc_chart *gap_chart = doc_chart(
            d, "A year: your walk-away number against your needs", 3, labels, values,
            fmax(floor_needed, walk_away),
            covers ? doc_printf(d,
                                "Your walk-away number covers your yearly needs%s, with %s to"
                                " spare.",
                                has_rate ? " before tax" : "", gap_text)
                   : doc_printf(d, "Your walk-away number is %s short of your yearly needs%s.",
                                gap_text, has_rate ? " before tax" : ""));
        doc_chart_value_texts(d, gap_chart, texts);
    }
}

static const struct tool_field fields[] = {
    {.key = BUDGET_INCOME_MONTHLY,
     .label = "Your income a month, after tax",
     .input = {.type = INPUT_NUMBER,
               .optional = true,
               .amount = true,
               .min = INPUT_BOUND(0),
               .hint = "The yearly figure follows; change either one."}},
    {.key = BUDGET_INCOME_YEARLY,
     .label = "Your income a year, after tax",
     .input = {.type = INPUT_NUMBER, .optional = true, .amount = true, .min = INPUT_BOUND(0)}},
    {.key = BUDGET_ESSENTIAL,
     .label = "Essential expenses a month",
     .input = {.type = INPUT_LIST,
               .optional = true,
               .hint = "One per line: what it is, then the amount. For example: Rent 950"}},
    {.key = BUDGET_OTHER,
     .label = "Other expenses a month",
     .input = {.type = INPUT_LIST,
               .optional = true,
               .hint = "Things you could cut back on, the same way: Eating out 120"}},
    {.key = BUDGET_TAX_RATE,
     .label = "Your tax rate, in percent (optional)",
     .input = {.type = INPUT_NUMBER,
               .optional = true,
               .min = INPUT_BOUND(0),
               .max = INPUT_BOUND(95),
               .hint = "Your own estimate: DreamTree keeps no tax tables."}},
    {.key = BUDGET_WALK_AWAY,
     .label = "Your walk-away number: the lowest yearly pay you would accept",
     .input = {.type = INPUT_NUMBER, .optional = true, .amount = true, .min = INPUT_BOUND(0)}},
    {.key = BUDGET_NOTES, .label = "Notes", .input = {.type = INPUT_TEXT, .optional = true}},
};

const struct tool_form budget_calculator_form = {
    .tool = TOOL_BUDGET_CALCULATOR,
    .one_per_exercise = true,
    .about = "Work out what you need to live on, what an hour of it costs, and the lowest pay"
             " you would take.",
    .new_label = "Start a budget",
    TOOL_FORM_FIELDS(fields),
    .title_key = NULL,
    .entry_name = "Budget",
    .describe = describe,
    .figures = figures,
    .gist = gist,
    .shown = shown,
    .take = take,
};
