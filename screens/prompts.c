#include "prompts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drafts.h"
#include "responses.h"
#include "text.h"

static const char *str(const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool num(const cJSON *obj, const char *name, double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (cJSON_IsNumber(v))
        *out = v->valuedouble;
    return cJSON_IsNumber(v);
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
    return e->answers ? DT_OK : DT_NOMEM;
}

enum dt_status prompts_load(struct prompts *p, struct app *a, const char *full_exercise_id)
{
    memset(p, 0, sizeof *p);
    store_copy_text(p->full_exercise_id, sizeof p->full_exercise_id, full_exercise_id);
    enum dt_status status = store_exercises_blocks(app_store(a), full_exercise_id, NULL,
                                                   &p->blocks, &p->nblocks);
    if (status == DT_OK && !(p->inputs = calloc(p->nblocks ? p->nblocks : 1, sizeof *p->inputs)))
        status = DT_NOMEM;
    for (size_t i = 0; status == DT_OK && i < p->nblocks; i++)
        if (p->blocks[i].input_json)
            p->inputs[i] = cJSON_Parse(p->blocks[i].input_json);
    if (status == DT_OK)
        status = load_answers(p, a);
    return status;
}

void prompts_free(struct prompts *p)
{
    for (size_t i = 0; p->inputs && i < p->nblocks; i++)
        cJSON_Delete(p->inputs[i]);
    free(p->inputs);
    store_exercises_blocks_free(p->blocks, p->nblocks);
    cJSON_Delete(p->answers);
    memset(p, 0, sizeof *p);
}

enum doc_role prompts_role(const char *type)
{
    static const struct {
        const char *type;
        enum doc_role role;
    } roles[] = {{"instruction", DOC_ROLE_INSTRUCTION}, {"reflection", DOC_ROLE_REFLECTION},
                 {"transition", DOC_ROLE_TRANSITION},   {"celebration", DOC_ROLE_CELEBRATION}};
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (strcmp(type, roles[i].type) == 0)
            return roles[i].role;
    return DOC_ROLE_TEXT;
}

static enum doc_field_kind field_kind(const cJSON *input, const char **hint)
{
    const char *type = str(input, "type");
    *hint = NULL;
    if (!type)
        return DOC_FIELD_TEXT;
    static const struct {
        const char *type;
        enum doc_field_kind kind;
    } kinds[] = {{"line", DOC_FIELD_LINE},     {"text", DOC_FIELD_TEXT},
                 {"number", DOC_FIELD_NUMBER}, {"slider", DOC_FIELD_SLIDER},
                 {"choice", DOC_FIELD_CHOICE}, {"choices", DOC_FIELD_CHOICES},
                 {"list", DOC_FIELD_LIST},     {"ordered", DOC_FIELD_ORDERED},
                 {"date", DOC_FIELD_LINE}};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strcmp(type, kinds[i].type) == 0)
            return kinds[i].kind;
    return DOC_FIELD_TEXT;
}

static bool is_required(const cJSON *input)
{
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(input, "required");
    return !cJSON_IsFalse(r);
}

/* Puts the prompt's limits, options and current value into a field. */
static void fill_field(struct doc *d, struct doc_field *f, const cJSON *input, const cJSON *value)
{
    double v = 0;
    f->required = is_required(input);
    if (num(input, "min", &v))
        f->has_min = true, f->min = v, f->min_items = v > 0 ? (size_t)v : 0;
    if (num(input, "max", &v))
        f->has_max = true, f->max = v, f->max_items = v > 0 ? (size_t)v : 0;
    if (num(input, "step", &v) && v > 0)
        f->step = v; /* the full screen's slider moves by it */
    if ((f->kind == DOC_FIELD_LINE || f->kind == DOC_FIELD_TEXT) && f->has_max && f->max > 0)
        f->max_len = (size_t)f->max; /* a text's max is its length */
    const cJSON *stops = cJSON_GetObjectItemCaseSensitive(input, "stops");
    size_t nstops = (size_t)cJSON_GetArraySize(stops);
    struct doc_stop *list = doc_copy(d, NULL, nstops * sizeof *list);
    size_t k = 0;
    const cJSON *stop;
    cJSON_ArrayForEach(stop, stops) {
        list[k].value = 0;
        if (num(stop, "value", &list[k].value) && str(stop, "label"))
            list[k].label = str(stop, "label"), k++;
    }
    doc_field_stops(d, f, k, list);
    const cJSON *options = cJSON_GetObjectItemCaseSensitive(input, "options");
    const char *opts[DOC_MAX_OPTIONS];
    size_t nopts = 0;
    const cJSON *o;
    cJSON_ArrayForEach(o, options) {
        if (cJSON_IsString(o) && nopts < DOC_MAX_OPTIONS)
            opts[nopts++] = o->valuestring;
    }
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
        cJSON_ArrayForEach(item, value) {
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
                                     const cJSON *input, const cJSON *value)
{
    const char *hint;
    enum doc_field_kind kind = field_kind(input, &hint);
    struct doc_field *f = doc_field(d, kind, key, label);
    const char *own_hint = str(input, "hint");
    f->hint = doc_str(d, own_hint ? own_hint : hint);
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
    prompts_input_field(d, b->prompt_key, b->content_text, p->inputs[i],
                        cJSON_GetObjectItemCaseSensitive(p->answers, b->prompt_key));
}

static const struct exercise_block *find_prompt(const struct prompts *e, const char *key,
                                                const cJSON **input)
{
    for (size_t i = 0; i < e->nblocks; i++)
        if (e->blocks[i].input_json && strcmp(e->blocks[i].prompt_key, key) == 0) {
            *input = e->inputs[i];
            return &e->blocks[i];
        }
    return NULL;
}

/* A calendar date written YYYY-MM-DD that exists (29 February only in leap years). */
static bool is_date(const char *s)
{
    if (strlen(s) != 10)
        return false;
    for (int i = 0; i < 10; i++) /* digits everywhere but the two dashes: no signs, no spaces */
        if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
            return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (y < 1900 || m < 1 || m > 12 || d < 1)
        return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

/* " from 1 to 10", " of 0 or more", " of 40 or less" or "": the range a number may take. */
static void range_words(bool has_lo, double lo, bool has_hi, double hi, char *out, size_t size)
{
    char l[32], h[32];
    tui_text_number(lo, l, sizeof l);
    tui_text_number(hi, h, sizeof h);
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
static bool number_fits(struct app *a, const cJSON *input, enum doc_field_kind kind, double v)
{
    double lo = 0, hi = 0, step = kind == DOC_FIELD_SLIDER ? 1 : 0;
    bool has_lo = num(input, "min", &lo), has_hi = num(input, "max", &hi);
    double own_step = 0;
    if (num(input, "step", &own_step) && own_step > 0)
        step = own_step;
    char range[80];
    range_words(has_lo, lo, has_hi, hi, range, sizeof range);
    if ((has_lo && v < lo) || (has_hi && v > hi)) {
        app_error(a, "choose a number%s.", range);
        return false;
    }
    if (step > 0 && !on_step(v, has_lo ? lo : 0, step)) {
        const char *verb = kind == DOC_FIELD_SLIDER ? "choose" : "type";
        char s[32];
        tui_text_number(step, s, sizeof s);
        if (step == 1 && (!has_lo || lo == floor(lo)))
            app_error(a, "%s a whole number%s.", verb, range);
        else
            app_error(a, "%s a number%s in steps of %s.", verb, range, s);
        return false;
    }
    return true;
}

cJSON *prompts_accept(struct app *a, const cJSON *input, const char *json)
{
    cJSON *v = cJSON_Parse(json);
    const char *hint;
    enum doc_field_kind kind = field_kind(input, &hint);
    double hi = 0;
    bool has_hi = num(input, "max", &hi);
    const cJSON *options = cJSON_GetObjectItemCaseSensitive(input, "options");
    if (!v)
        return NULL;
    if ((kind == DOC_FIELD_CHOICE) && cJSON_IsNumber(v)) { /* kept by label */
        const cJSON *o = cJSON_GetArrayItem(options, v->valueint);
        cJSON *label = cJSON_IsString(o) ? cJSON_CreateString(o->valuestring) : NULL;
        cJSON_Delete(v);
        return label;
    }
    if (kind == DOC_FIELD_CHOICES && cJSON_IsArray(v)) {
        cJSON *labels = cJSON_CreateArray();
        const cJSON *i;
        cJSON_ArrayForEach(i, v) {
            const cJSON *o = cJSON_GetArrayItem(options, i->valueint);
            if (cJSON_IsString(o))
                cJSON_AddItemToArray(labels, cJSON_CreateString(o->valuestring));
        }
        cJSON_Delete(v);
        int n = cJSON_GetArraySize(labels);
        if (has_hi && n > hi) {
            app_error(a, "choose at most %g.", hi);
            cJSON_Delete(labels);
            return NULL;
        }
        return labels;
    }
    size_t chars = cJSON_IsString(v) ? tui_text_graphemes(v->valuestring, strlen(v->valuestring))
                                     : 0;
    if ((kind == DOC_FIELD_LINE || kind == DOC_FIELD_TEXT) && cJSON_IsString(v) && has_hi &&
        chars > hi) {
        app_error(a, "this answer has room for %g characters; yours has %zu.", hi, chars);
        cJSON_Delete(v);
        return NULL;
    }
    const char *type = str(input, "type");
    if (type && strcmp(type, "date") == 0 && cJSON_IsString(v) && v->valuestring[0] &&
        !is_date(v->valuestring)) {
        app_error(a, "write the date as year-month-day, like 2026-11-25.");
        cJSON_Delete(v);
        return NULL;
    }
    if ((kind == DOC_FIELD_NUMBER || kind == DOC_FIELD_SLIDER) && cJSON_IsNumber(v) &&
        !number_fits(a, input, kind, v->valuedouble)) {
        cJSON_Delete(v);
        return NULL;
    }
    if ((kind == DOC_FIELD_LIST || kind == DOC_FIELD_ORDERED) && cJSON_IsArray(v) && has_hi &&
        cJSON_GetArraySize(v) > hi) {
        app_error(a, "this list has room for %g items; yours has %d.", hi,
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

const char *prompts_tool(const struct prompts *p, size_t i)
{
    return i < p->nblocks && p->inputs ? str(p->inputs[i], "tool") : NULL;
}

/* Writes what question number still needs into out ("" when nothing): "4 still needs an
 * answer" or "1 needs at least 8 items (you have 5)". An optional question left empty needs
 * nothing. */
static void unmet(const cJSON *input, const cJSON *v, size_t number, char *out, size_t size)
{
    double lo = 0;
    out[0] = '\0';
    if (prompts_value_empty(v)) {
        if (is_required(input))
            snprintf(out, size, "%zu still needs an answer", number);
        return;
    }
    int have = cJSON_GetArraySize(v);
    if (!cJSON_IsArray(v) || !num(input, "min", &lo) || have >= lo)
        return;
    const char *type = str(input, "type");
    size_t need = (size_t)ceil(lo);
    bool choices = type && strcmp(type, "choices") == 0;
    snprintf(out, size, "%zu needs at least %zu %s%s (you have %d)", number, need,
             choices ? "choice" : "item", need == 1 ? "" : "s", have);
}

bool prompts_complete(const struct prompts *e, struct app *a, bool (*skip)(const char *key, void *),
                      void *ctx)
{
    /* every unmet question at once, so a long page is not sent back one question at a time */
    char details[512] = "", numbers[200] = "", last[24] = "";
    size_t number = 0, count = 0, used = 0, nused = 0;
    for (size_t i = 0; i < e->nblocks; i++) {
        if (!e->blocks[i].input_json || prompts_tool(e, i))
            continue; /* a tool's prompt is not a question on the page: its screen checks it */
        number++;
        if (skip && skip(e->blocks[i].prompt_key, ctx))
            continue;
        char one[128];
        unmet(e->inputs[i], cJSON_GetObjectItemCaseSensitive(e->answers, e->blocks[i].prompt_key),
              number, one, sizeof one);
        if (!one[0])
            continue;
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
    else if (count > 1)
        app_error(a, "questions %s and %s need more: %s.", numbers, last, details);
    return count == 0;
}

enum screen_result prompts_change(struct prompts *p, struct app *a, const struct tui_event *ev)
{
    const cJSON *input = NULL;
    if (ev->cmd != CMD_FIELD_CHANGED || !ev->field_id || !find_prompt(p, ev->field_id, &input))
        return SCREEN_UNHANDLED;
    cJSON *value = prompts_accept(a, input, ev->value);
    if (!value)
        return SCREEN_REJECTED;
    cJSON_DeleteItemFromObjectCaseSensitive(p->answers, ev->field_id);
    cJSON_AddItemToObject(p->answers, ev->field_id, value);
    char *json = prompts_json(p);
    enum dt_status status = json ? store_drafts_save(app_store(a), app_user(a),
                                                     p->full_exercise_id, json)
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
