#include "prompts.h"
#include "oom.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drafts.h"
#include "preferences.h"
#include "responses.h"
#include "number.h"
#include "text.h"

_Static_assert(INPUT_MAX_OPTIONS <= DOC_MAX_OPTIONS, "a field shows every option an input has");

/* Not answered yet: an answer to an earlier version of the exercise sets earlier_version, and
 * fills in what this version asks by the same prompt keys (and a draft has not). What it asked
 * that this version does not is left out: the new answer is to this version. */
static enum dt_status earlier_answers(struct prompts *e, struct app *a)
{
    struct response r;
    enum dt_status status = store_responses_earlier(app_store(a), app_user(a), e->full_exercise_id,
                                                    &r);
    if (status == DT_NOT_FOUND)
        return DT_OK;
    if (status != DT_OK)
        return status;
    e->earlier_version = r.version;
    cJSON *old = cJSON_Parse(r.response_json);
    store_responses_clear(&r);
    for (size_t i = 0; cJSON_IsObject(old) && i < e->nblocks; i++) {
        const char *key = e->blocks[i].prompt_key;
        if (!e->blocks[i].input_json || cJSON_GetObjectItemCaseSensitive(e->answers, key))
            continue;
        cJSON *v = cJSON_DetachItemFromObjectCaseSensitive(old, key);
        /* a tool's answer names entries made for the earlier version's id: asked anew */
        if (v && !(cJSON_IsObject(v) && cJSON_GetObjectItemCaseSensitive(v, ANSWER_KEY_TOOL)))
            cJSON_AddItemToObject(e->answers, key, v);
        else
            cJSON_Delete(v);
    }
    cJSON_Delete(old);
    return DT_OK;
}

static enum dt_status load_answers(struct prompts *e, struct app *a)
{
    struct store *st = app_store(a);
    const char *user = app_user(a);
    struct response r;
    struct draft dr;
    enum dt_status status = store_responses_get(st, user, e->full_exercise_id, &r);
    e->answered = status == DT_OK;
    if (status == DT_OK) {
        e->answers = cJSON_Parse(r.response_json);
        store_responses_clear(&r);
    } else if (status != DT_NOT_FOUND) {
        return status;
    }
    status = store_drafts_get(st, user, e->full_exercise_id, &dr);
    if (status == DT_OK) { /* unsubmitted changes win over the saved answer */
        cJSON_Delete(e->answers);
        e->answers = cJSON_Parse(dr.draft_json);
        if (!app_refreshing(a)) /* back from a tool, say, it is the same visit */
            app_note(a, "Your unsubmitted answers from %.10s are back. Submit to keep them.",
                     dr.saved_at);
        store_drafts_clear(&dr);
    } else if (status != DT_NOT_FOUND) {
        return status;
    }
    if (!cJSON_IsObject(e->answers)) {
        cJSON_Delete(e->answers);
        e->answers = cJSON_CreateObject();
    }
    if (!e->answered && (status = earlier_answers(e, a)) != DT_OK)
        return status;
    return e->answers ? DT_OK : DT_NOMEM;
}

enum dt_status prompts_load(struct prompts *p, struct app *a, const char *full_exercise_id)
{
    memset(p, 0, sizeof *p);
    store_copy_text(p->full_exercise_id, sizeof p->full_exercise_id, full_exercise_id);
    /* the person's group's version of the exercise (the control where the group has none) */
    char group[PREFERENCES_VARIANT_LEN];
    enum dt_status status = store_preferences_variant(app_store(a), app_user(a), group);
    if (status == DT_OK)
        status = store_exercises_blocks(app_store(a), full_exercise_id, group, &p->blocks,
                                        &p->nblocks);
    if (status == DT_OK)
        p->inputs = dt_oom_calloc(p->nblocks, sizeof *p->inputs);
    for (size_t i = 0; status == DT_OK && i < p->nblocks; i++) {
        char why[200]; /* content check reads every input it loads: none should fail here */
        if (p->blocks[i].input_json &&
            input_spec_parse(p->blocks[i].input_json, &p->inputs[i], why, sizeof why) == DT_NOMEM)
            status = DT_NOMEM;
    }
    if (status == DT_OK)
        status = load_answers(p, a);
    return status;
}

void prompts_free(struct prompts *p)
{
    for (size_t i = 0; p->inputs && i < p->nblocks; i++)
        input_spec_free(&p->inputs[i]);
    free(p->inputs);
    store_exercises_blocks_free(&p->blocks, p->nblocks);
    cJSON_Delete(p->answers);
    memset(p, 0, sizeof *p);
}

void prompts_version_note(const struct prompts *p, struct doc *d)
{
    const char *v = strrchr(p->full_exercise_id, 'v');
    int now = v && v > p->full_exercise_id && v[-1] == '.' ? atoi(v + 1) : 0;
    if (!p->earlier_version || p->answered || now <= 0)
        return;
    doc_para(d, DOC_ROLE_NOTE,
             doc_printf(d,
                        "This exercise changed since you answered it; your answer is from"
                        " version %d, the exercise is now version %d. What you wrote is"
                        " filled in where the questions are the same: submit to answer"
                        " this version.",
                        p->earlier_version, now));
}

enum doc_role prompts_role(const char *type)
{
    static const struct {
        const char *type;
        enum doc_role role;
    } roles[] = {{"instruction", DOC_ROLE_INSTRUCTION},
                 {"reflection", DOC_ROLE_REFLECTION},
                 {"transition", DOC_ROLE_TRANSITION},
                 {"celebration", DOC_ROLE_CELEBRATION}};
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (strcmp(type, roles[i].type) == 0)
            return roles[i].role;
    return DOC_ROLE_TEXT;
}

/* The field that asks an input's question (a date is typed as a line; a tool's prompt, which
 * its tool answers, would be a text). */
static enum doc_field_kind field_kind(enum input_type type)
{
    switch (type) {
    case INPUT_LINE:
    case INPUT_DATE: return DOC_FIELD_LINE;
    case INPUT_NUMBER: return DOC_FIELD_NUMBER;
    case INPUT_SLIDER: return DOC_FIELD_SLIDER;
    case INPUT_CHOICE: return DOC_FIELD_CHOICE;
    case INPUT_CHOICES: return DOC_FIELD_CHOICES;
    case INPUT_LIST: return DOC_FIELD_LIST;
    case INPUT_ORDERED: return DOC_FIELD_ORDERED;
    default: return DOC_FIELD_TEXT;
    }
}

/* Puts the input's limits, stops, options and the current value into a field. */
static void fill_field(struct doc *d, struct doc_field *f, const struct input_spec *in,
                       const cJSON *value)
{
    f->required = !in->optional;
    f->has_min = in->min.set, f->min = in->min.value;
    f->has_max = in->max.set, f->max = in->max.value;
    f->step = in->step; /* the full screen's slider moves by it (by 1 when 0) */
    f->amount = in->amount;
    f->max_len = in->max_length;
    f->min_items = in->min_items, f->max_items = in->max_items;
    struct doc_stop *list = doc_copy(d, NULL, in->nstops * sizeof *list);
    for (size_t k = 0; k < in->nstops; k++)
        list[k] = (struct doc_stop){in->stops[k].value, in->stops[k].label};
    doc_field_stops(d, f, in->nstops, list);
    const char *const *opts = in->options;
    size_t nopts = in->noptions;
    doc_field_options(d, f, nopts, opts);
    /* the current value */
    if (cJSON_IsString(value)) {
        f->text = doc_str(d, value->valuestring);
        for (size_t i = 0; i < nopts; i++) /* a choice is kept by its label */
            if (strcmp(opts[i], value->valuestring) == 0)
                f->chosen = 1ULL << i;
    } else if (cJSON_IsNumber(value)) {
        f->has_number = true;
        f->number = value->valuedouble;
    } else if (cJSON_IsArray(value)) {
        size_t n = (size_t)cJSON_GetArraySize(value), i = 0;
        const char **items = doc_copy(d, NULL, (n ? n : 1) * sizeof *items);
        const cJSON *item;
        cJSON_ArrayForEach (item, value) {
            if (!cJSON_IsString(item))
                continue;
            items[i++] = item->valuestring;
            for (size_t j = 0; j < nopts; j++)
                if (strcmp(opts[j], item->valuestring) == 0)
                    f->chosen |= 1ULL << j;
        }
        if (f->kind != DOC_FIELD_CHOICES)
            doc_field_items(d, f, i, items);
    }
}

struct doc_field *prompts_input_field(struct doc *d, const char *key, const char *label,
                                      const struct input_spec *input, const cJSON *value)
{
    enum doc_field_kind kind = field_kind(input->type);
    struct doc_field *f = doc_field(d, kind, key, label);
    f->hint = doc_str(d, input->hint);
    fill_field(d, f, input, value);
    /* a minimum is said up front, not first met at submit; one item is what any answer has */
    const char *minimum = NULL;
    if (f->min_items > 1 && (kind == DOC_FIELD_LIST || kind == DOC_FIELD_ORDERED))
        minimum = doc_printf(d, "At least %zu items.", f->min_items);
    else if (f->min_items > 1 && kind == DOC_FIELD_CHOICES)
        minimum = doc_printf(d, "Choose at least %zu.", f->min_items);
    if (minimum)
        f->hint = f->hint ? doc_printf(d, "%s %s", f->hint, minimum) : minimum;
    return f;
}

void prompts_field(const struct prompts *p, size_t i, struct doc *d)
{
    const struct exercise_block *b = &p->blocks[i];
    prompts_input_field(d, b->prompt_key, b->content_text, prompts_input(p, i),
                        cJSON_GetObjectItemCaseSensitive(p->answers, b->prompt_key));
}

/* The input of the prompt keyed key, or NULL when none is. */
static const struct input_spec *find_prompt(const struct prompts *e, const char *key)
{
    for (size_t i = 0; i < e->nblocks; i++)
        if (e->blocks[i].input_json && strcmp(e->blocks[i].prompt_key, key) == 0)
            return prompts_input(e, i);
    return NULL;
}

/* A calendar date written YYYY-MM-DD that exists (29 February only in leap years). */
/* Why s is not a date the workbook takes (NULL when it is one): its form, or a day the
 * calendar does not have (2026-02-30), said apart so the person knows which to put right. */
static const char *date_problem(const char *s)
{
    static const char form[] = "write the date as year-month-day, like 2026-11-25.";
    if (strlen(s) != 10)
        return form;
    for (int i = 0; i < 10; i++) /* digits everywhere but the two dashes: no signs, no spaces */
        if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
            return form;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (y < 1900)
        return "that year is too long ago: write it in full, like 2026-11-25.";
    if (m < 1 || m > 12)
        return "the month is the middle number, from 01 to 12 (year-month-day).";
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d < 1 || d > days[m - 1] + (m == 2 && leap))
        return "that month has no such day.";
    return NULL;
}

/* " from 1 to 10", " of 0 or more", " of 40 or less" or "": the range a number may take. */
static void range_words(bool has_lo, double lo, bool has_hi, double hi, char *out, size_t size)
{
    char l[32], h[32];
    tui_number_format(lo, l, sizeof l);
    tui_number_format(hi, h, sizeof h);
    if (has_lo && has_hi)
        snprintf(out, size, " from %s to %s", l, h);
    else if (has_lo || has_hi)
        snprintf(out, size, " of %s or %s", has_lo ? l : h, has_lo ? "more" : "less");
    else
        out[0] = '\0';
}

/* Whether v is base + k * step for a whole k, allowing for the rounding of decimal fractions
 * in binary (0.1 + 2 * 0.1 is not quite 0.3). */
static bool on_step(double v, double base, double step)
{
    double k = (v - base) / step;
    return fabs(k - round(k)) <= 1e-9 * fmax(1, fabs(k));
}

/* A number or slider's value out of its range or off its steps: false with the form said. A
 * slider moves in steps of 1 unless it names its own; a number has steps only when it names
 * them ("step": 1 marks a count, which takes whole numbers only). */
static bool number_fits(struct app *a, const struct input_spec *input, enum doc_field_kind kind,
                        double v)
{
    double lo = input->min.value, hi = input->max.value;
    bool has_lo = input->min.set, has_hi = input->max.set;
    double step = input->step > 0 ? input->step : kind == DOC_FIELD_SLIDER ? 1 : 0;
    char range[80];
    range_words(has_lo, lo, has_hi, hi, range, sizeof range);
    if ((has_lo && v < lo) || (has_hi && v > hi)) {
        app_error(a, "choose a number%s.", range);
        return false;
    }
    if (step > 0 && !on_step(v, has_lo ? lo : 0, step)) {
        const char *verb = kind == DOC_FIELD_SLIDER ? "choose" : "type";
        char s[32];
        tui_number_format(step, s, sizeof s);
        if (step == 1 && (!has_lo || lo == floor(lo)))
            app_error(a, "%s a whole number%s.", verb, range);
        else
            app_error(a, "%s a number%s in steps of %s.", verb, range, s);
        return false;
    }
    return true;
}

/* The option an index names, or NULL when it names none. */
static const char *option_at(const struct input_spec *input, const cJSON *index)
{
    return cJSON_IsNumber(index) && index->valuedouble >= 0 &&
                   index->valuedouble < (double)input->noptions
               ? input->options[(size_t)index->valuedouble]
               : NULL;
}

cJSON *prompts_accept(struct app *a, const struct input_spec *input, const char *json)
{
    cJSON *v = cJSON_Parse(json);
    enum doc_field_kind kind = field_kind(input->type);
    if (!v)
        return NULL;
    if ((kind == DOC_FIELD_CHOICE) && cJSON_IsNumber(v)) { /* kept by label */
        const char *o = option_at(input, v);
        cJSON *label = o ? cJSON_CreateString(o) : NULL;
        cJSON_Delete(v);
        return label;
    }
    if (kind == DOC_FIELD_CHOICES && cJSON_IsArray(v)) {
        cJSON *labels = cJSON_CreateArray();
        const cJSON *i;
        cJSON_ArrayForEach (i, v) {
            const char *o = option_at(input, i);
            if (o)
                cJSON_AddItemToArray(labels, cJSON_CreateString(o));
        }
        cJSON_Delete(v);
        size_t n = (size_t)cJSON_GetArraySize(labels);
        if (input->max_items && n > input->max_items) {
            app_error(a, "choose at most %zu.", input->max_items);
            cJSON_Delete(labels);
            return NULL;
        }
        return labels;
    }
    size_t chars = cJSON_IsString(v) ? tui_text_graphemes(v->valuestring, strlen(v->valuestring))
                                     : 0;
    if ((kind == DOC_FIELD_LINE || kind == DOC_FIELD_TEXT) && cJSON_IsString(v) &&
        input->max_length && chars > input->max_length) {
        app_error(a, "this answer has room for %zu characters; yours has %zu.", input->max_length,
                  chars);
        cJSON_Delete(v);
        return NULL;
    }
    const char *bad_date = input->type == INPUT_DATE && cJSON_IsString(v) && v->valuestring[0]
                               ? date_problem(v->valuestring)
                               : NULL;
    if (!bad_date && input->past_only && cJSON_IsString(v) && v->valuestring[0]) {
        char latest[11]; /* tomorrow in UTC: today somewhere ahead of it */
        time_t t = (time_t)(store_now(app_store(a)) + 86400);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(latest, sizeof latest, "%Y-%m-%d", &tm);
        if (strcmp(v->valuestring, latest) > 0)
            bad_date = "that day is still to come: this is a log of what you did.";
    }
    if (bad_date) {
        app_error(a, "%s", bad_date);
        cJSON_Delete(v);
        return NULL;
    }
    if ((kind == DOC_FIELD_NUMBER || kind == DOC_FIELD_SLIDER) && cJSON_IsNumber(v) &&
        !number_fits(a, input, kind, v->valuedouble)) {
        cJSON_Delete(v);
        return NULL;
    }
    if ((kind == DOC_FIELD_LIST || kind == DOC_FIELD_ORDERED) && cJSON_IsArray(v) &&
        input->max_items && (size_t)cJSON_GetArraySize(v) > input->max_items) {
        app_error(a, "this list has room for %zu items; yours has %d.", input->max_items,
                  cJSON_GetArraySize(v));
        cJSON_Delete(v);
        return NULL;
    }
    return v;
}

bool prompts_value_empty(const cJSON *v)
{
    return !v || cJSON_IsNull(v) || (cJSON_IsString(v) && !v->valuestring[0]) ||
           (cJSON_IsArray(v) && cJSON_GetArraySize(v) == 0);
}

const struct input_spec *prompts_input(const struct prompts *p, size_t i)
{
    /* what an unreadable input was before inputs were read once: a required text */
    static const struct input_spec unreadable = {.type = INPUT_TEXT};
    if (i >= p->nblocks || !p->blocks[i].input_json)
        return NULL;
    return p->inputs && p->inputs[i] ? p->inputs[i] : &unreadable;
}

const char *prompts_tool(const struct prompts *p, size_t i)
{
    const struct input_spec *input = prompts_input(p, i);
    return input && input->type == INPUT_TOOL ? input->tool : NULL;
}

/* Writes what question number still needs into out ("" when nothing): "4 still needs an
 * answer" or "1 needs at least 8 items (you have 5)". An optional question left empty needs
 * nothing. */
static void unmet(const struct input_spec *input, const cJSON *v, size_t number, char *out,
                  size_t size)
{
    out[0] = '\0';
    if (prompts_value_empty(v)) {
        if (!input->optional)
            snprintf(out, size, "%zu still needs an answer", number);
        return;
    }
    size_t have = (size_t)cJSON_GetArraySize(v), need = input->min_items;
    if (!cJSON_IsArray(v) || have >= need)
        return;
    snprintf(out, size, "%zu needs at least %zu %s%s (you have %zu)", number, need,
             input->type == INPUT_CHOICES ? "choice" : "item", need == 1 ? "" : "s", have);
}

bool prompts_complete(const struct prompts *e, struct app *a, bool (*skip)(const char *key, void *),
                      void *ctx)
{
    /* every unmet question at once, so a long page is not sent back one question at a time */
    char details[512] = "", numbers[200] = "", last[24] = "";
    size_t number = 0, count = 0, used = 0, nused = 0;
    bool all_empty = true; /* every one unanswered: the numbers alone say it */
    const char *first = NULL;
    for (size_t i = 0; i < e->nblocks; i++) {
        if (!e->blocks[i].input_json || prompts_tool(e, i))
            continue; /* a tool's prompt is not a question on the page: its screen checks it */
        number++;
        if (skip && skip(e->blocks[i].prompt_key, ctx))
            continue;
        char one[128];
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(e->answers, e->blocks[i].prompt_key);
        unmet(prompts_input(e, i), v, number, one, sizeof one);
        if (!one[0])
            continue;
        all_empty &= prompts_value_empty(v);
        if (!first)
            first = e->blocks[i].prompt_key;
        if (used < sizeof details)
            used += (size_t)snprintf(details + used, sizeof details - used, "%s%s",
                                     count ? "; " : "", one);
        if (count && nused < sizeof numbers) /* the number before goes in; the last waits */
            nused += (size_t)snprintf(numbers + nused, sizeof numbers - nused, "%s%s",
                                      count > 1 ? ", " : "", last);
        snprintf(last, sizeof last, "%zu", number);
        count++;
    }
    if (count == 1)
        app_error(a, "question %s.", details);
    else if (count > 1 && all_empty)
        app_error(a, "questions %s and %s still need an answer.", numbers, last);
    else if (count > 1)
        app_error(a, "questions %s and %s need more: %s.", numbers, last, details);
    if (first) /* the first that needs more takes the focus, so the person sees what is meant */
        app_focus_field(a, first);
    return count == 0;
}

enum screen_result prompts_change(struct prompts *p, struct app *a, const struct tui_event *ev)
{
    const struct input_spec *input = NULL;
    if (ev->cmd != CMD_FIELD_CHANGED || !ev->field_id || !(input = find_prompt(p, ev->field_id)))
        return SCREEN_UNHANDLED;
    cJSON *value = prompts_accept(a, input, ev->value);
    if (!value)
        return SCREEN_REJECTED;
    cJSON_DeleteItemFromObjectCaseSensitive(p->answers, ev->field_id);
    cJSON_AddItemToObject(p->answers, ev->field_id, value);
    char *json = prompts_json(p);
    enum dt_status status = json ? store_drafts_save(app_store(a), app_user(a), p->full_exercise_id,
                                                     json)
                                 : DT_NOMEM;
    cJSON_free(json);
    if (status != DT_OK)
        app_fail(a, "Your draft could not be kept", status);
    return SCREEN_HANDLED;
}

char *prompts_json(const struct prompts *p)
{
    return cJSON_PrintUnformatted(p->answers);
}
