/* One exercise: its blocks in order, set apart by role; each prompt as a field of its typed
 * input. Answers are kept as a draft as they change (drafts are not responses); submit checks
 * the required prompts, saves the response, and then shows the closing blocks, any tool the
 * exercise unlocks and the way on to the next exercise. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "competencies.h"
#include "drafts.h"
#include "exercises.h"
#include "progress.h"
#include "responses.h"
#include "tools.h"

struct exercise {
    struct exercise_ref ref;
    struct exercise_block *blocks;
    size_t nblocks;
    cJSON **inputs;  /* per block: the prompt's parsed input, NULL for other blocks */
    cJSON *answers;  /* prompt key -> value, as saved in response_json */
    bool answered;   /* the user has a response (so the closing blocks show) */
    bool submitted;  /* submitted on this visit */
    char unlocked[64];
    struct exercise_ref next;
    bool has_next;
    char module_title[PROGRESS_TITLE_LEN];
};

/* What an embedded tool's prompt is answered with, until the person opens the tool itself. */
static const struct {
    const char *tool;
    enum doc_field_kind kind;
    const char *hint;
} tool_fields[] = {
    {"list-builder", DOC_FIELD_LIST, "One entry per line."},
    {"ranking-grid", DOC_FIELD_ORDERED, "One per line, the most important first."},
    {"idea-tree", DOC_FIELD_LIST,
     "Your root idea on the first line, then its branches, one per line."},
    {"soared-story", DOC_FIELD_TEXT,
     "Tell it in six parts: Situation, Obstacle, Action, Result, Evaluation, Discovery."},
    {"budget-calculator", DOC_FIELD_TEXT,
     "Your monthly income, your expenses with their amounts, and your walk-away number."},
    {"flow-tracker", DOC_FIELD_TEXT,
     "Today's activity, your energy from -2 (draining) to +2 (energising), your focus from 1"
     " (distracted) to 5 (absorbed), and a note."},
    {"failure-reframer", DOC_FIELD_TEXT,
     "The situation, your first feelings, what you learned, what you would change, the silver"
     " lining, your next step and the reframed statement."},
    {"networking-prep", DOC_FIELD_TEXT,
     "The person, how you are connected, your next step and its date, and your questions."},
    {"job-prospector", DOC_FIELD_TEXT,
     "The field, title and employer, what draws you, what you have and lack, and the fit from"
     " 1 to 5."},
    {"resume-builder", DOC_FIELD_TEXT,
     "Your summary, then each role with its dates and achievements."},
};

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

static enum dt_status load_answers(struct screen *s, struct exercise *e)
{
    struct store *st = app_store(s->app);
    const char *user = app_user(s->app);
    struct response r;
    struct draft dr;
    enum dt_status status = store_responses_get(st, user, e->ref.full_exercise_id, &r);
    e->answered = status == DT_OK;
    if (status == DT_OK) {
        e->answers = cJSON_Parse(r.response_json);
        store_responses_clear(&r);
    } else if (status != DT_NOT_FOUND) {
        return status;
    }
    status = store_drafts_get(st, user, e->ref.full_exercise_id, &dr);
    if (status == DT_OK) { /* unsubmitted changes win over the saved answer */
        cJSON_Delete(e->answers);
        e->answers = cJSON_Parse(dr.draft_json);
        app_note(s->app, "Your unsubmitted answers from %.10s are back. Submit to keep them.",
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

/* True when every prompt of the exercise rates a competency: the assessment has a screen of
 * its own, with each level's meaning beside its slider. */
static bool is_assessment(struct store *st, const struct exercise *e)
{
    struct competency *list = NULL;
    size_t n = 0, prompts = 0, matched = 0;
    if (store_competencies_list(st, &list, &n) != DT_OK)
        return false;
    for (size_t i = 0; i < e->nblocks; i++) {
        if (!e->blocks[i].input_json)
            continue;
        prompts++;
        for (size_t k = 0; k < n; k++)
            if (strcmp(e->blocks[i].prompt_key, list[k].id) == 0)
                matched++;
    }
    free(list);
    return n > 0 && prompts >= n && matched == n;
}

static enum dt_status enter(struct screen *s, const char *arg)
{
    struct exercise *e = s->priv;
    struct store *st = app_store(s->app);
    bool may = false;
    enum dt_status status = store_progress_exercise(st, arg, &e->ref);
    if (status == DT_OK)
        status = store_progress_may_open(st, app_user(s->app), arg, &may);
    if (status == DT_OK && !may) {
        app_error(s->app, "exercise %s opens once the one before it is answered.", arg);
        return DT_LOCKED;
    }
    if (status == DT_OK)
        status = store_exercises_blocks(st, arg, NULL, &e->blocks, &e->nblocks);
    if (status == DT_OK && !(e->inputs = calloc(e->nblocks ? e->nblocks : 1, sizeof *e->inputs)))
        status = DT_NOMEM;
    for (size_t i = 0; status == DT_OK && i < e->nblocks; i++)
        if (e->blocks[i].input_json)
            e->inputs[i] = cJSON_Parse(e->blocks[i].input_json);
    if (status == DT_OK && is_assessment(st, e)) {
        app_replace(s->app, "competencies", arg);
        return DT_OK;
    }
    if (status == DT_OK)
        status = store_progress_title(st, e->ref.module_key, e->module_title,
                                      sizeof e->module_title);
    if (status == DT_OK)
        status = load_answers(s, e);
    return status;
}

static void leave(struct screen *s)
{
    struct exercise *e = s->priv;
    for (size_t i = 0; e->inputs && i < e->nblocks; i++)
        cJSON_Delete(e->inputs[i]);
    free(e->inputs);
    store_exercises_blocks_free(e->blocks, e->nblocks);
    cJSON_Delete(e->answers);
}

static enum doc_role role_of(const char *type)
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
                 {"list", DOC_FIELD_LIST}};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strcmp(type, kinds[i].type) == 0)
            return kinds[i].kind;
    const char *tool = str(input, "tool");
    for (size_t i = 0; tool && i < sizeof tool_fields / sizeof *tool_fields; i++)
        if (strcmp(tool, tool_fields[i].tool) == 0) {
            *hint = tool_fields[i].hint;
            return tool_fields[i].kind;
        }
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

static void build(const struct screen *s, struct doc *d)
{
    const struct exercise *e = s->priv;
    doc_heading(d, 1, doc_printf(d, "Exercise %s.%s.%s: %s", e->ref.part_id, e->ref.module_id,
                                 e->ref.exercise_id, e->ref.title));
    doc_para(d, DOC_ROLE_NOTE, doc_printf(d, "Module %s, %s.%s", e->ref.module_key,
                                          e->module_title, e->ref.is_required ? ""
                                                                              : " This exercise is optional."));
    for (size_t i = 0; i < e->nblocks; i++) {
        const struct exercise_block *b = &e->blocks[i];
        if (strcmp(b->content_type, "prompt") != 0) {
            enum doc_role role = role_of(b->content_type);
            /* closing words belong after the answer */
            if ((role == DOC_ROLE_TRANSITION || role == DOC_ROLE_CELEBRATION) && !e->answered)
                continue;
            doc_para(d, role, b->content_text);
            continue;
        }
        const char *hint;
        enum doc_field_kind kind = field_kind(e->inputs[i], &hint);
        struct doc_field *f = doc_field(d, kind, b->prompt_key, b->content_text);
        f->hint = doc_str(d, hint);
        fill_field(d, f, e->inputs[i], cJSON_GetObjectItemCaseSensitive(e->answers, b->prompt_key));
    }
    if (e->submitted && e->unlocked[0])
        doc_para(d, DOC_ROLE_CELEBRATION,
                 doc_printf(d, "New tool unlocked: %s. It stays with you from now on.", e->unlocked));
    if (e->submitted && e->has_next)
        doc_action(d, CMD_CHOOSE, "next",
                   doc_printf(d, "Go on to the next exercise: %s", e->next.title));
    doc_action(d, CMD_SUBMIT, NULL, e->answered ? "Save your changes" : "Submit your answers");
    doc_action(d, CMD_BACK, NULL, "Back (answers so far are kept as a draft)");
}

static const struct exercise_block *find_prompt(const struct exercise *e, const char *key,
                                                const cJSON **input)
{
    for (size_t i = 0; i < e->nblocks; i++)
        if (e->blocks[i].input_json && strcmp(e->blocks[i].prompt_key, key) == 0) {
            *input = e->inputs[i];
            return &e->blocks[i];
        }
    return NULL;
}

/* Turns a field's event value into what the response keeps, or NULL (with a message). */
static cJSON *accept_value(struct screen *s, const cJSON *input, const char *json)
{
    cJSON *v = cJSON_Parse(json);
    const char *hint;
    enum doc_field_kind kind = field_kind(input, &hint);
    double lo = 0, hi = 0;
    bool has_lo = num(input, "min", &lo), has_hi = num(input, "max", &hi);
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
            app_error(s->app, "choose at most %g.", hi);
            cJSON_Delete(labels);
            return NULL;
        }
        return labels;
    }
    if ((kind == DOC_FIELD_LINE || kind == DOC_FIELD_TEXT) && cJSON_IsString(v) && has_hi &&
        strlen(v->valuestring) > hi) {
        app_error(s->app, "this answer has room for %g characters; yours has %zu.", hi,
                  strlen(v->valuestring));
        cJSON_Delete(v);
        return NULL;
    }
    if ((kind == DOC_FIELD_NUMBER || kind == DOC_FIELD_SLIDER) && cJSON_IsNumber(v) &&
        ((has_lo && v->valuedouble < lo) || (has_hi && v->valuedouble > hi))) {
        app_error(s->app, "choose a number from %g to %g.", lo, hi);
        cJSON_Delete(v);
        return NULL;
    }
    if ((kind == DOC_FIELD_LIST || kind == DOC_FIELD_ORDERED) && cJSON_IsArray(v) && has_hi &&
        str(input, "tool") == NULL && cJSON_GetArraySize(v) > hi) {
        app_error(s->app, "this list has room for %g items; yours has %d.", hi,
                  cJSON_GetArraySize(v));
        cJSON_Delete(v);
        return NULL;
    }
    return v;
}

static bool empty(const cJSON *v)
{
    return !v || cJSON_IsNull(v) || (cJSON_IsString(v) && !v->valuestring[0]) ||
           (cJSON_IsArray(v) && cJSON_GetArraySize(v) == 0);
}

/* The first required prompt without a usable answer, said in words; true when all is well. */
static bool check_required(struct screen *s, const struct exercise *e)
{
    size_t number = 0;
    for (size_t i = 0; i < e->nblocks; i++) {
        if (!e->blocks[i].input_json)
            continue;
        number++;
        const cJSON *input = e->inputs[i];
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(e->answers, e->blocks[i].prompt_key);
        double lo = 0;
        if (is_required(input) && empty(v)) {
            app_error(s->app, "question %zu still needs an answer.", number);
            return false;
        }
        if (cJSON_IsArray(v) && num(input, "min", &lo) && cJSON_GetArraySize(v) < lo &&
            !str(input, "tool")) {
            app_error(s->app, "question %zu needs at least %g.", number, lo);
            return false;
        }
    }
    return true;
}

static enum screen_result submit(struct screen *s, struct exercise *e)
{
    if (!check_required(s, e))
        return SCREEN_REJECTED;
    struct store *st = app_store(s->app);
    char *json = cJSON_PrintUnformatted(e->answers);
    enum dt_status status = json ? store_responses_save(st, app_user(s->app),
                                                        e->ref.full_exercise_id, json, NULL)
                                 : DT_NOMEM;
    cJSON_free(json);
    if (status != DT_OK) {
        app_fail(s->app, "Your answers could not be saved", status);
        return SCREEN_REJECTED;
    }
    bool first_time = !e->answered;
    e->answered = e->submitted = true;
    struct tool_type tt;
    if (first_time && e->ref.unlocks_tool[0] &&
        store_tools_type(st, e->ref.unlocks_tool, &tt) == DT_OK)
        store_copy_text(e->unlocked, sizeof e->unlocked, tt.singular_name);
    e->has_next = store_progress_next(st, app_user(s->app), &e->next) == DT_OK &&
                  e->next.sequence_order > e->ref.sequence_order;
    app_note(s->app, first_time ? "Saved. Well done." : "Your changes are saved.");
    app_redisplay(s->app); /* the closing words and what comes next are new */
    return SCREEN_HANDLED;
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    struct exercise *e = s->priv;
    if (ev->cmd == CMD_SUBMIT)
        return submit(s, e);
    if (ev->cmd == CMD_CHOOSE && ev->arg && strcmp(ev->arg, "next") == 0 && e->has_next) {
        app_replace(s->app, "exercise", e->next.full_exercise_id);
        return SCREEN_HANDLED;
    }
    if (ev->cmd != CMD_FIELD_CHANGED || !ev->field_id)
        return SCREEN_UNHANDLED;
    const cJSON *input = NULL;
    if (!find_prompt(e, ev->field_id, &input))
        return SCREEN_UNHANDLED;
    cJSON *value = accept_value(s, input, ev->value);
    if (!value)
        return SCREEN_REJECTED;
    cJSON_DeleteItemFromObjectCaseSensitive(e->answers, ev->field_id);
    cJSON_AddItemToObject(e->answers, ev->field_id, value);
    char *json = cJSON_PrintUnformatted(e->answers);
    enum dt_status status = json ? store_drafts_save(app_store(s->app), app_user(s->app),
                                                     e->ref.full_exercise_id, json)
                                 : DT_NOMEM;
    cJSON_free(json);
    if (status != DT_OK)
        app_fail(s->app, "Your draft could not be kept", status);
    return SCREEN_HANDLED;
}

const struct screen_ops exercise_screen = {
    .name = "exercise",
    .title = "Exercise",
    .priv_size = sizeof(struct exercise),
    .enter = enter,
    .build = build,
    .command = command,
    .leave = leave,
};
