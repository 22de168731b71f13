#include "input_spec.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {NULL,
#define INPUT_TYPE_NAME(name, text) text,
                                         INPUT_TYPE_LIST(INPUT_TYPE_NAME)
#undef INPUT_TYPE_NAME
};
#define NTYPES (sizeof type_names / sizeof *type_names)

const char *input_type_name(enum input_type type)
{
    return (size_t)type < NTYPES ? type_names[type] : NULL;
}

enum input_type input_type_from_name(const char *name)
{
    for (size_t i = 1; name && i < NTYPES; i++)
        if (strcmp(name, type_names[i]) == 0)
            return (enum input_type)i;
    return INPUT_NONE;
}

static bool refuse(char *why, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool refuse(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (size > 0)
        vsnprintf(why, size, fmt, ap);
    va_end(ap);
    return false;
}

static bool is_one_of(enum input_type t, enum input_type a, enum input_type b)
{
    return t == a || t == b;
}

/* ---- what a spec may say ---- */

/* Members a type does not use, said in the terms of the struct and of the content format. */
static bool only_what_its_type_uses(const struct input_spec *s, char *why, size_t size)
{
    enum input_type t = s->type;
    bool ranged = is_one_of(t, INPUT_NUMBER, INPUT_SLIDER);
    bool counted = is_one_of(t, INPUT_LIST, INPUT_ORDERED) ||
                   is_one_of(t, INPUT_CHOICES, INPUT_TOOL);
    if (!ranged && (s->min.set || s->max.set))
        return refuse(why, size, "a range (min, max) belongs to number and slider inputs only");
    if (!ranged && s->step != 0)
        return refuse(why, size, "step belongs to number and slider inputs only");
    if (t != INPUT_SLIDER && (s->stops || s->nstops))
        return refuse(why, size, "stops belong to slider inputs only");
    if (!is_one_of(t, INPUT_CHOICE, INPUT_CHOICES) && (s->options || s->noptions))
        return refuse(why, size, "options belong to choice and choices inputs only");
    if (!is_one_of(t, INPUT_LINE, INPUT_TEXT) && s->max_length)
        return refuse(why, size, "a length (max) belongs to line and text inputs only");
    if (!counted && (s->min_items || s->max_items))
        return refuse(why, size,
                      "a count (min, max) belongs to list, ordered, choices and tool"
                      " inputs only");
    if (t != INPUT_TOOL && s->tool)
        return refuse(why, size, "only a tool input names a tool");
    if (t != INPUT_DATE && s->default_today)
        return refuse(why, size, "a default of today belongs to date inputs only");
    if (t != INPUT_NUMBER && s->amount)
        return refuse(why, size, "an amount belongs to number inputs only");
    return true;
}

static bool stops_fit(const struct input_spec *s, char *why, size_t size)
{
    if (!s->min.set || !s->max.set || !(s->min.value < s->max.value))
        return refuse(why, size, "a slider needs min and max with min below max");
    if (s->nstops < 2 || !s->stops)
        return refuse(why, size, "a slider needs at least two stops");
    if (s->nstops > INPUT_MAX_STOPS)
        return refuse(why, size, "a slider has at most %d stops", INPUT_MAX_STOPS);
    for (size_t i = 0; i < s->nstops; i++) {
        const struct input_stop *stop = &s->stops[i];
        if (!stop->label || !stop->label[0])
            return refuse(why, size, "a stop's label may not be empty");
        if (!(stop->value >= s->min.value && stop->value <= s->max.value))
            return refuse(why, size, "stop \"%s\" is not between min and max", stop->label);
        for (size_t k = 0; k < i; k++)
            if (s->stops[k].value == stop->value)
                return refuse(why, size, "stops \"%s\" and \"%s\" have the same value",
                              s->stops[k].label, stop->label);
    }
    return true;
}

/* A choice is kept by its label, so each label must name one option. */
static bool options_fit(const struct input_spec *s, char *why, size_t size)
{
    const char *name = input_type_name(s->type);
    if (s->noptions < 2 || !s->options)
        return refuse(why, size, "a %s input needs at least two options", name);
    if (s->noptions > INPUT_MAX_OPTIONS)
        return refuse(why, size, "a %s input has at most %d options", name, INPUT_MAX_OPTIONS);
    for (size_t i = 0; i < s->noptions; i++) {
        if (!s->options[i] || !s->options[i][0])
            return refuse(why, size, "an option may not be empty");
        for (size_t k = 0; k < i; k++)
            if (strcmp(s->options[k], s->options[i]) == 0)
                return refuse(why, size, "option \"%s\" is given twice", s->options[i]);
    }
    if (s->type == INPUT_CHOICES && s->min_items > s->noptions)
        return refuse(why, size, "min asks for %zu choices, but there are %zu options",
                      s->min_items, s->noptions);
    return true;
}

bool input_spec_check(const struct input_spec *s, char *why, size_t size)
{
    if (size > 0)
        why[0] = '\0';
    if (!input_type_name(s->type))
        return refuse(why, size, "the input names no type");
    if (!only_what_its_type_uses(s, why, size))
        return false;
    if ((s->min.set && !isfinite(s->min.value)) || (s->max.set && !isfinite(s->max.value)))
        return refuse(why, size, "min and max must be numbers");
    if (!(s->step >= 0) || !isfinite(s->step))
        return refuse(why, size, "step must be a number above zero");
    if ((s->min.set && s->max.set && s->min.value > s->max.value) ||
        (s->max_items && s->min_items > s->max_items))
        return refuse(why, size, "min is above max");
    if (s->type == INPUT_SLIDER && !stops_fit(s, why, size))
        return false;
    if (is_one_of(s->type, INPUT_CHOICE, INPUT_CHOICES) && !options_fit(s, why, size))
        return false;
    if (s->type == INPUT_TOOL && (!s->tool || !s->tool[0]))
        return refuse(why, size, "a tool input names its tool");
    if (s->type == INPUT_TOOL &&
        (s->min_items > INPUT_MAX_ENTRIES || s->max_items > INPUT_MAX_ENTRIES))
        return refuse(why, size, "a tool's min and max count entries: whole numbers from 1 to %d",
                      INPUT_MAX_ENTRIES);
    return true;
}

/* ---- reading the JSON ---- */

/* The members of an input's JSON, each found once. */
struct members {
    const cJSON *type, *required, *hint, *min, *max, *step, *stops, *options, *tool, *def, *amount;
};

static bool find_members(const cJSON *obj, struct members *m, char *why, size_t size)
{
    static const struct {
        const char *key;
        size_t at; /* offset of its slot in struct members */
    } known[] = {
        {INPUT_KEY_TYPE, offsetof(struct members, type)},
        {INPUT_KEY_REQUIRED, offsetof(struct members, required)},
        {INPUT_KEY_HINT, offsetof(struct members, hint)},
        {INPUT_KEY_MIN, offsetof(struct members, min)},
        {INPUT_KEY_MAX, offsetof(struct members, max)},
        {INPUT_KEY_STEP, offsetof(struct members, step)},
        {INPUT_KEY_STOPS, offsetof(struct members, stops)},
        {INPUT_KEY_OPTIONS, offsetof(struct members, options)},
        {INPUT_KEY_TOOL, offsetof(struct members, tool)},
        {INPUT_KEY_DEFAULT, offsetof(struct members, def)},
        {INPUT_KEY_AMOUNT, offsetof(struct members, amount)},
    };
    memset(m, 0, sizeof *m);
    const cJSON *member;
    cJSON_ArrayForEach (member, obj) {
        size_t i = 0;
        while (i < sizeof known / sizeof *known && strcmp(member->string, known[i].key) != 0)
            i++;
        if (i == sizeof known / sizeof *known)
            return refuse(why, size, "the input has an unknown member \"%s\"", member->string);
        const cJSON **slot = (const cJSON **)((char *)m + known[i].at);
        if (*slot)
            return refuse(why, size, "the input gives \"%s\" twice", member->string);
        *slot = member;
    }
    return true;
}

/* Each member of the kind its type needs, and only members the type uses. */
static bool kinds_fit(const struct members *m, char *why, size_t size)
{
    if (!m->type)
        return refuse(why, size, "the input names no type");
    if (!cJSON_IsString(m->type))
        return refuse(why, size, "\"type\" is a string");
    enum input_type t = input_type_from_name(m->type->valuestring);
    if (t == INPUT_NONE)
        return refuse(why, size, "unknown input type \"%s\"", m->type->valuestring);
    const char *name = input_type_name(t);
    if (m->required && !cJSON_IsBool(m->required))
        return refuse(why, size, "\"required\" is true or false");
    if (m->amount && !cJSON_IsTrue(m->amount))
        return refuse(why, size, "\"amount\" is true when given");
    if ((m->hint && !cJSON_IsString(m->hint)) || (m->tool && !cJSON_IsString(m->tool)))
        return refuse(why, size, "\"%s\" is a string",
                      m->hint && !cJSON_IsString(m->hint) ? INPUT_KEY_HINT : INPUT_KEY_TOOL);
    const cJSON *numbers[] = {m->min, m->max, m->step};
    for (size_t i = 0; i < 3; i++)
        if (numbers[i] && !cJSON_IsNumber(numbers[i]))
            return refuse(why, size, "\"%s\" is a number", numbers[i]->string);
    if (m->min && !is_one_of(t, INPUT_NUMBER, INPUT_SLIDER) &&
        !is_one_of(t, INPUT_LIST, INPUT_ORDERED) && !is_one_of(t, INPUT_CHOICES, INPUT_TOOL))
        return refuse(why, size, "min does not apply to a %s input", name);
    if (m->max && (t == INPUT_CHOICE || t == INPUT_DATE))
        return refuse(why, size, "max does not apply to a %s input", name);
    if (m->step && !is_one_of(t, INPUT_NUMBER, INPUT_SLIDER))
        return refuse(why, size, "step belongs to number and slider inputs only");
    if (m->step && !(m->step->valuedouble > 0))
        return refuse(why, size, "step must be a number above zero");
    if (m->stops && (!cJSON_IsArray(m->stops) || t != INPUT_SLIDER))
        return refuse(why, size, "stops are a slider's list of {value, label}");
    const cJSON *stop;
    cJSON_ArrayForEach (stop, m->stops) {
        const cJSON *value = cJSON_GetObjectItemCaseSensitive(stop, INPUT_KEY_STOP_VALUE);
        const cJSON *label = cJSON_GetObjectItemCaseSensitive(stop, INPUT_KEY_STOP_LABEL);
        if (!cJSON_IsObject(stop) || cJSON_GetArraySize(stop) != 2 || !cJSON_IsNumber(value) ||
            !cJSON_IsString(label))
            return refuse(why, size, "a stop is {\"value\": a number, \"label\": a string}");
    }
    if (m->options && (!cJSON_IsArray(m->options) || !is_one_of(t, INPUT_CHOICE, INPUT_CHOICES)))
        return refuse(why, size, "options are a choice's list of strings");
    const cJSON *option;
    cJSON_ArrayForEach (option, m->options)
        if (!cJSON_IsString(option))
            return refuse(why, size, "options are a choice's list of strings");
    if (m->def && (t != INPUT_DATE || !cJSON_IsString(m->def) ||
                   strcmp(m->def->valuestring, INPUT_DEFAULT_TODAY) != 0))
        return refuse(why, size, "the one default there is is a date's \"today\"");
    return true;
}

/* A count (of characters, items, choices or entries) from a JSON number: whole, from lowest. */
static bool count_of(const cJSON *v, double lowest, size_t *out)
{
    if (!v)
        return true;
    double d = v->valuedouble;
    if (!(d >= lowest && d <= 1e9) || d != floor(d))
        return false;
    *out = (size_t)d;
    return true;
}

/* The limits by what they mean for the type: a range, a length, or a count. */
static bool limits(const struct members *m, struct input_spec *s, char *why, size_t size)
{
    const char *name = input_type_name(s->type);
    switch (s->type) {
    case INPUT_NUMBER:
    case INPUT_SLIDER:
        if (m->min)
            s->min = (struct input_bound)INPUT_BOUND(m->min->valuedouble);
        if (m->max)
            s->max = (struct input_bound)INPUT_BOUND(m->max->valuedouble);
        if (m->step)
            s->step = m->step->valuedouble;
        return true;
    case INPUT_LINE:
    case INPUT_TEXT:
        if (!count_of(m->max, 1, &s->max_length))
            return refuse(why, size,
                          "the max of a %s input is its length in characters: a whole"
                          " number from 1",
                          name);
        return true;
    case INPUT_TOOL:
        if (!count_of(m->min, 1, &s->min_items) || !count_of(m->max, 1, &s->max_items) ||
            s->min_items > INPUT_MAX_ENTRIES || s->max_items > INPUT_MAX_ENTRIES)
            return refuse(why, size,
                          "a tool's min and max count entries: whole numbers from 1"
                          " to %d",
                          INPUT_MAX_ENTRIES);
        return true;
    case INPUT_LIST:
    case INPUT_ORDERED:
    case INPUT_CHOICES:
        if (!count_of(m->min, 0, &s->min_items) || !count_of(m->max, 1, &s->max_items))
            return refuse(why, size,
                          "the min and max of a %s input count %s: whole numbers, max"
                          " from 1",
                          name, s->type == INPUT_CHOICES ? "choices" : "items");
        return true;
    default: return true;
    }
}

/* Copies text into the block's text area at *at; returns the copy. */
static const char *keep(char **at, const char *text)
{
    size_t n = strlen(text) + 1;
    char *copy = memcpy(*at, text, n);
    *at += n;
    return copy;
}

enum dt_status input_spec_parse(const char *json, struct input_spec **out, char *why, size_t size)
{
    *out = NULL;
    if (size > 0)
        why[0] = '\0';
    cJSON *obj = json ? cJSON_Parse(json) : NULL;
    struct members m;
    if (!cJSON_IsObject(obj)) {
        cJSON_Delete(obj);
        refuse(why, size, "the input is not a JSON object");
        return DT_INVALID;
    }
    if (!find_members(obj, &m, why, size) || !kinds_fit(&m, why, size)) {
        cJSON_Delete(obj);
        return DT_INVALID;
    }
    enum input_type type = input_type_from_name(m.type->valuestring);
    /* one block: the spec, then its stops, its options and the bytes of its texts */
    size_t nstops = (size_t)cJSON_GetArraySize(m.stops);
    size_t noptions = (size_t)cJSON_GetArraySize(m.options);
    size_t text = 0;
    const cJSON *v;
    cJSON_ArrayForEach (v, m.stops)
        text += strlen(cJSON_GetObjectItemCaseSensitive(v, INPUT_KEY_STOP_LABEL)->valuestring) + 1;
    cJSON_ArrayForEach (v, m.options)
        text += strlen(v->valuestring) + 1;
    text += m.hint ? strlen(m.hint->valuestring) + 1 : 0;
    text += m.tool ? strlen(m.tool->valuestring) + 1 : 0;
    struct input_spec *s = calloc(1, sizeof *s + nstops * sizeof *s->stops +
                                         noptions * sizeof *s->options + text);
    if (!s) {
        cJSON_Delete(obj);
        refuse(why, size, "out of memory");
        return DT_NOMEM;
    }
    struct input_stop *stops = (struct input_stop *)(s + 1);
    const char **options = (const char **)(stops + nstops);
    char *at = (char *)(options + noptions);
    s->type = type;
    s->optional = cJSON_IsFalse(m.required);
    s->hint = m.hint ? keep(&at, m.hint->valuestring) : NULL;
    s->tool = m.tool ? keep(&at, m.tool->valuestring) : NULL;
    s->default_today = m.def != NULL;
    s->amount = m.amount != NULL;
    cJSON_ArrayForEach (v, m.stops) {
        stops[s->nstops].value =
            cJSON_GetObjectItemCaseSensitive(v, INPUT_KEY_STOP_VALUE)->valuedouble;
        stops[s->nstops++].label =
            keep(&at, cJSON_GetObjectItemCaseSensitive(v, INPUT_KEY_STOP_LABEL)->valuestring);
    }
    cJSON_ArrayForEach (v, m.options)
        options[s->noptions++] = keep(&at, v->valuestring);
    s->stops = m.stops ? stops : NULL;
    s->options = m.options ? options : NULL;
    bool ok = limits(&m, s, why, size) && input_spec_check(s, why, size);
    cJSON_Delete(obj);
    if (!ok) {
        free(s);
        return DT_INVALID;
    }
    *out = s;
    return DT_OK;
}

void input_spec_free(struct input_spec **spec)
{
    free(*spec);
    *spec = NULL;
}
