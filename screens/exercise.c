/* One exercise: its blocks in order, set apart by role; each prompt as a field of its typed
 * input. Answers are kept as a draft as they change (drafts are not responses); submit checks
 * the required prompts, saves the response, and then shows the closing blocks, any tool the
 * exercise unlocks and the way on to the next exercise. A prompt that uses a tool opens the tool
 * inside the exercise (its entries have the exercise as their origin, and are saved as they are
 * typed); the response records which entries answer it. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "oom.h"
#include "prompts.h"
#include "competencies.h"
#include "drafts.h"
#include "exercises.h"
#include "personality.h"
#include "personality_answers.h"
#include "progress.h"
#include "references.h"
#include "responses.h"
#include "skills.h"
#include "tool_forms.h"
#include "tool_keys.h"
#include "tools.h"
#include "users.h"

/* The screen's own choices (screen_choice). */
enum exercise_choice {
    CHOOSE_NEXT = 1,  /* on to the next exercise */
    CHOOSE_KEEP_TYPE, /* keep the personality type the answers point to */
    CHOOSE_RANK,      /* rank the list above the ranking prompt at index */
};

/* A prompt answered in a tool. */
struct tool_use {
    struct tool_type type;
    const struct tool_form *form;
    cJSON *ids;    /* the entries made in this exercise, newest first */
    cJSON *titles; /* their names, in the same order */
    int min, max;  /* how many entries the prompt asks for (0: not said) */
    size_t drafts; /* entries among ids that lack a required answer: they count for nothing */
    bool several;  /* the exercise makes more than one entry of the tool */
};

/* Entries of a tool named and offered to open on an exercise's page; the rest are counted. */
#define TOOL_USES_LISTED 10

struct exercise {
    struct exercise_ref ref;
    struct tool_use *uses; /* per block; form is NULL where the block uses no tool */
    struct prompts p;
    bool submitted; /* submitted on this visit */
    char unlocked[64];
    struct exercise_ref next;
    bool has_next;
    char module_title[PROGRESS_TITLE_LEN];
    /* where the answers work out a personality type (1.1.6): the last of its prompts, or
     * nblocks; the types there are, and the one the settings keep */
    size_t type_block;
    struct personality_type *types;
    size_t ntypes;
    char kept_type[8];
    /* the works the exercise draws on (spec 6): shown at its foot with the spec's wording */
    struct source_credit *sources;
    size_t nsources;
    /* once answered: the skills the answer is tagged with (spec 3.4), on a screen of their own */
    bool has_response;
    int response_tags;
};

/* Whether the exercise has a response, and how many skills it is tagged with. */
static enum dt_status load_response_tags(struct screen *s, struct exercise *e)
{
    char id[STORE_ID_LEN];
    enum dt_status status = store_skills_answer(app_store(s->app), app_user(s->app),
                                                e->ref.full_exercise_id, id, &e->response_tags);
    e->has_response = status == DT_OK;
    return status == DT_NOT_FOUND ? DT_OK : status;
}

/* True when every prompt of the exercise rates a competency: the assessment has a screen of
 * its own, with each level's meaning beside its slider. */
static bool is_assessment(struct store *st, const struct exercise *e)
{
    struct competency *list = NULL;
    size_t n = 0, prompts = 0, matched = 0;
    if (store_competencies_list(st, &list, &n) != DT_OK)
        return false;
    for (size_t i = 0; i < e->p.nblocks; i++) {
        if (!e->p.blocks[i].input_json)
            continue;
        prompts++;
        for (size_t k = 0; k < n; k++)
            if (strcmp(e->p.blocks[i].prompt_key, list[k].id) == 0)
                matched++;
    }
    free(list);
    return n > 0 && prompts >= n && matched == n; /* any other prompt is asked there too */
}

/* For each prompt that uses a tool: the tool, and the entries this exercise has made in it. */
static enum dt_status load_tool_uses(struct screen *s, struct exercise *e)
{
    struct store *st = app_store(s->app);
    e->uses = dt_oom_calloc(e->p.nblocks + 1, sizeof *e->uses);
    for (size_t i = 0; i < e->p.nblocks; i++) {
        struct tool_use *u = &e->uses[i];
        const char *tool = prompts_tool(&e->p, i);
        if (!tool || store_tools_type(st, tool, &u->type) != DT_OK ||
            !(u->form = tool_form_find(u->type.id)))
            continue;
        /* at most INPUT_MAX_ENTRIES: the input was checked when it was read */
        u->min = (int)prompts_input(&e->p, i)->min_items;
        u->max = (int)prompts_input(&e->p, i)->max_items;
        /* a tool kept once per exercise makes one, unless the prompt asks for more */
        u->several = !u->form->one_per_exercise || u->min > 1 || u->max > 1;
        struct tool_instance *list = NULL;
        size_t n = 0;
        enum dt_status status = store_tools_list(st, app_user(s->app), tool, &list, &n);
        if (status == DT_OK &&
            (!(u->ids = cJSON_CreateArray()) || !(u->titles = cJSON_CreateArray())))
            status = DT_NOMEM;
        for (size_t k = 0; status == DT_OK && k < n; k++) {
            if (strcmp(list[k].origin, e->ref.full_exercise_id) != 0)
                continue;
            char title[160];
            cJSON *content = cJSON_Parse(list[k].content_json);
            tool_form_title(u->form, content, list[k].created_at, title, sizeof title);
            cJSON_Delete(content);
            if (list[k].draft && strlen(title) + 9 < sizeof title) {
                strcat(title, " (draft)");
                u->drafts++;
            }
            cJSON_AddItemToArray(u->ids, cJSON_CreateString(list[k].id));
            cJSON_AddItemToArray(u->titles, cJSON_CreateString(title));
        }
        store_tools_list_free(&list, n);
        if (status != DT_OK)
            return status;
    }
    return DT_OK;
}

/* For an exercise that works out a personality type: where to offer it, the types, and the
 * one the settings keep now. */
static enum dt_status load_type_offer(struct screen *s, struct exercise *e)
{
    e->type_block = e->p.nblocks;
    for (size_t i = 0; i < e->p.nblocks; i++)
        if (e->p.blocks[i].input_json && personality_answers_key(e->p.blocks[i].prompt_key))
            e->type_block = i;
    if (e->type_block == e->p.nblocks)
        return DT_OK;
    struct store *st = app_store(s->app);
    struct user_settings set;
    enum dt_status status = store_users_settings(st, app_user(s->app), &set);
    if (status == DT_OK)
        store_copy_text(e->kept_type, sizeof e->kept_type, set.personality_type);
    if (status == DT_OK)
        status = store_personality_list(st, &e->types, &e->ntypes);
    return status;
}

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    struct exercise *e = s->priv;
    struct store *st = app_store(s->app);
    bool may = false;
    const char *id = arg->exercise;
    enum dt_status status = store_progress_exercise(st, id, &e->ref);
    if (status == DT_OK)
        status = store_progress_may_open(st, app_user(s->app), id, &may);
    if (status == DT_OK && !may) {
        app_error(s->app, "exercise %s opens once the one before it is answered.", id);
        return DT_LOCKED;
    }
    if (status == DT_OK)
        status = prompts_load(&e->p, s->app, id);
    if (status == DT_OK && is_assessment(st, e)) {
        app_replace(s->app, SCREEN_COMPETENCIES, arg);
        return DT_OK;
    }
    if (status == DT_OK)
        status = store_progress_title(st, e->ref.module_key, e->module_title,
                                      sizeof e->module_title);
    if (status == DT_OK)
        status = load_tool_uses(s, e);
    if (status == DT_OK)
        status = load_type_offer(s, e);
    if (status == DT_OK)
        status = store_references_for_exercise(st, id, &e->sources, &e->nsources);
    if (status == DT_OK)
        status = load_response_tags(s, e);
    if (status == DT_OK && e->p.answered) /* an answered exercise always offers the way on */
        e->has_next = store_progress_next(st, app_user(s->app), &e->next) == DT_OK &&
                      e->next.sequence_order > e->ref.sequence_order;
    return status;
}

static void leave(struct screen *s)
{
    struct exercise *e = s->priv;
    for (size_t i = 0; e->uses && i < e->p.nblocks; i++) {
        cJSON_Delete(e->uses[i].ids);
        cJSON_Delete(e->uses[i].titles);
    }
    free(e->uses);
    store_personality_list_free(&e->types, e->ntypes);
    store_references_credits_free(&e->sources, e->nsources);
    prompts_free(&e->p);
}

/* The type the answers work out, when it is one of the types there are (else NULL). */
static const struct personality_type *answered_type(const struct exercise *e)
{
    char code[5];
    if (!personality_answers_type(e->p.answers, code))
        return NULL;
    for (size_t i = 0; i < e->ntypes; i++)
        if (strcmp(e->types[i].code, code) == 0)
            return &e->types[i];
    return NULL;
}

/* Once the exercise is answered: the type its answers point to, and the way to keep it where
 * the settings and the profile find it. */
static void type_offer(const struct exercise *e, struct doc *d)
{
    if (!e->p.answered || e->ntypes == 0)
        return;
    const struct personality_type *t = answered_type(e);
    if (!t)
        doc_para(d, DOC_ROLE_NOTE,
                 "Your answers do not lean one way on every scale, so they"
                 " point to no type yet. You can choose one in Settings.");
    else if (strcmp(t->code, e->kept_type) == 0)
        doc_para(d, DOC_ROLE_NOTE,
                 doc_printf(d,
                            "%s is your personality type in your settings, which can"
                            " change it; your profile shows it.",
                            t->code));
    else {
        doc_para(d, DOC_ROLE_NOTE,
                 doc_printf(d, "Your answers point to %s, %s.", t->code, t->name));
        screen_choice(d, CHOOSE_KEEP_TYPE, 0,
                      doc_printf(d, "Keep %s as your personality type", t->code));
    }
}

/* Saves the type the answers point to as the person's personality type. */
static enum screen_result keep_type(struct screen *s, struct exercise *e)
{
    const struct personality_type *t = e->p.answered ? answered_type(e) : NULL;
    if (!t)
        return SCREEN_UNHANDLED;
    struct store *st = app_store(s->app);
    struct user_settings set;
    enum dt_status status = store_users_settings(st, app_user(s->app), &set);
    if (status == DT_OK) {
        store_copy_text(set.personality_type, sizeof set.personality_type, t->code);
        status = store_users_save_settings(st, app_user(s->app), &set);
    }
    if (status != DT_OK) {
        app_fail(s->app, "Your personality type could not be kept", status);
        return SCREEN_REJECTED;
    }
    store_copy_text(e->kept_type, sizeof e->kept_type, t->code);
    app_note(s->app, "Kept: %s.", t->code); /* the page now says where it is kept */
    return SCREEN_HANDLED;
}

/* The earlier answer to a tool's prompt, typed before the tool opened inside the exercise. */
static const char *earlier_answer(const struct exercise *e, size_t i, struct doc *d)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(e->p.answers, e->p.blocks[i].prompt_key);
    if (cJSON_IsString(v) && v->valuestring[0])
        return v->valuestring;
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) == 0)
        return NULL;
    char joined[1024] = "";
    const cJSON *item;
    cJSON_ArrayForEach (item, v)
        if (cJSON_IsString(item) && strlen(joined) + strlen(item->valuestring) + 3 < sizeof joined)
            snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s",
                     joined[0] ? "; " : "", item->valuestring);
    return doc_str(d, joined);
}

/* For a ranking prompt not yet started: the answer to the nearest list question before it in
 * this exercise (the list the workbook asks to rank), or NULL. */
static const cJSON *rank_source(const struct exercise *e, size_t i)
{
    if (strcmp(e->uses[i].type.id, TOOL_RANKING_GRID) != 0 ||
        cJSON_GetArraySize(e->uses[i].ids) > 0)
        return NULL;
    while (i-- > 0) {
        const struct input_spec *input = prompts_input(&e->p, i);
        if (!input || input->type != INPUT_LIST)
            continue;
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(e->p.answers, e->p.blocks[i].prompt_key);
        /* two different items at least: a ranking of one is no ranking */
        const cJSON *a = cJSON_GetArrayItem(v, 0), *b;
        cJSON_ArrayForEach (b, v)
            if (cJSON_IsString(a) && cJSON_IsString(b) && strcmp(a->valuestring, b->valuestring))
                return v;
        return NULL;
    }
    return NULL;
}

/* The entries an exercise has made in a tool, named and offered one by one (the newest first),
 * and another while the prompt asks for more: "2 of at least 3 SOARED Stories made: ...". */
static void several_made(const struct exercise *e, const struct tool_use *u, struct doc *d)
{
    size_t made = (size_t)cJSON_GetArraySize(u->ids);
    /* titles are at most 103 bytes (tool_form_title): the ten and "and N more" fit */
    char names[TOOL_USES_LISTED * 110 + 64];
    size_t used = 0;
    names[0] = '\0';
    for (size_t k = 0; k < made && k < TOOL_USES_LISTED && used < sizeof names; k++)
        used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", k ? "; " : "",
                                 cJSON_GetArrayItem(u->titles, (int)k)->valuestring);
    if (made > TOOL_USES_LISTED && used < sizeof names)
        snprintf(names + used, sizeof names - used, "; and %zu more", made - TOOL_USES_LISTED);
    bool enough = u->max > 0 && made >= (size_t)u->max;
    const char *how_many = u->min > 1 ? doc_printf(d, "%zu of at least %d %s made", made, u->min,
                                                   u->type.plural_name)
                                      : doc_printf(d, "%zu %s made here", made,
                                                   made == 1 ? u->type.singular_name
                                                             : u->type.plural_name);
    doc_para(d, DOC_ROLE_NOTE,
             doc_printf(d, "%s: %s.%s", how_many, names,
                        enough ? " That is as many as this exercise asks for." : ""));
    if (!enough) { /* a new entry, even of a tool that reopens the exercise's own;
                   * first, so its place (its number in text mode) stays as entries are made */
        struct screen_arg another = screen_arg_entry(u->type.id, NULL, e->ref.full_exercise_id,
                                                     SCREEN_NEW_ENTRY);
        screen_action(d, SCREEN_TOOL_ENTRY, &another,
                      doc_printf(d, "Start another %s", u->type.singular_name));
    }
    for (size_t k = 0; k < made && k < TOOL_USES_LISTED; k++) {
        struct screen_arg entry = screen_arg_entry(u->type.id,
                                                   cJSON_GetArrayItem(u->ids, (int)k)->valuestring,
                                                   e->ref.full_exercise_id, 0);
        screen_action(d, SCREEN_TOOL_ENTRY, &entry,
                      doc_printf(d, "Open %s: %s", u->type.singular_name,
                                 cJSON_GetArrayItem(u->titles, (int)k)->valuestring));
    }
}

/* A prompt answered in a tool: its words, what this exercise has made there, the way in. */
static void tool_prompt(const struct exercise *e, size_t i, struct doc *d)
{
    const struct tool_use *u = &e->uses[i];
    size_t made = (size_t)cJSON_GetArraySize(u->ids);
    doc_para(d, DOC_ROLE_PROMPT, e->p.blocks[i].content_text);
    const char *earlier = earlier_answer(e, i, d);
    if (earlier && made == 0)
        doc_para(d, DOC_ROLE_NOTE, doc_printf(d, "Your answer from before: %s", earlier));
    if (made > 0 && u->several) {
        several_made(e, u, d);
        return;
    }
    const char *title = made > 0 ? cJSON_GetArrayItem(u->titles, 0)->valuestring : "";
    if (made == 0)
        doc_para(d, DOC_ROLE_NOTE,
                 doc_printf(d, "Answered in the %s, which keeps each answer as you give it.%s",
                            u->type.singular_name,
                            u->min > 1 ? doc_printf(d, " This exercise asks for at least %d %s.",
                                                    u->min, u->type.plural_name)
                                       : ""));
    else
        doc_para(d, DOC_ROLE_NOTE,
                 doc_printf(d, "Your %s for this exercise: %s%s", u->type.singular_name, title,
                            /* a title that ends a sentence itself takes no second stop */
                            title[0] && strchr(".!?", title[strlen(title) - 1]) ? "" : "."));
    struct screen_arg arg = screen_arg_entry(u->type.id, NULL, e->ref.full_exercise_id, 0);
    if (made > 0)
        screen_action(d, SCREEN_TOOL_ENTRY, &arg,
                      doc_printf(d, "Open your %s: %s", u->type.singular_name, title));
    else if (rank_source(e, i))
        screen_choice(d, CHOOSE_RANK, i,
                      doc_printf(d, "%s with your list above (%s)", u->form->new_label,
                                 u->type.singular_name));
    else
        screen_action(d, SCREEN_TOOL_ENTRY, &arg,
                      doc_printf(d, "%s (%s)", u->form->new_label, u->type.singular_name));
}

/* The exercise's sources at its foot, worded by their usage type (spec 6.2): a quote with its
 * full citation, "Adapted from ...", "Based on work by ..."; an inspiration is credited on the
 * credits page only, as the spec has it. */
static void sources(const struct exercise *e, struct doc *d)
{
    bool heading = false;
    for (size_t i = 0; i < e->nsources; i++) {
        char line[768];
        if (!store_references_credit_line(&e->sources[i], line, sizeof line))
            continue;
        if (!heading)
            doc_heading(d, 2, "Sources");
        heading = true;
        doc_para(d, DOC_ROLE_NOTE, doc_str(d, line));
    }
}

static void build(const struct screen *s, struct doc *d)
{
    const struct exercise *e = s->priv;
    d->form = true; /* typing is answers here, even where every question is a tool's */
    doc_heading(d, 1,
                doc_printf(d, "Exercise %s.%s.%s: %s", e->ref.part_id, e->ref.module_id,
                           e->ref.exercise_id, e->ref.title));
    doc_para(d, DOC_ROLE_NOTE,
             doc_printf(d, "Module %s, %s.%s", e->ref.module_key, e->module_title,
                        e->ref.is_required ? "" : " This exercise is optional."));
    prompts_version_note(&e->p, d);
    for (size_t i = 0; i < e->p.nblocks; i++) {
        const struct exercise_block *b = &e->p.blocks[i];
        if (strcmp(b->content_type, "prompt") != 0) {
            enum doc_role role = prompts_role(b->content_type);
            /* closing words belong after the answer */
            if ((role == DOC_ROLE_TRANSITION || role == DOC_ROLE_CELEBRATION) && !e->p.answered)
                continue;
            doc_para(d, role, b->content_text);
            continue;
        }
        if (e->uses[i].form)
            tool_prompt(e, i, d);
        else
            prompts_field(&e->p, i, d);
        if (i == e->type_block)
            type_offer(e, d);
    }
    if (e->submitted && e->unlocked[0])
        doc_para(d, DOC_ROLE_CELEBRATION,
                 doc_printf(d, "New tool unlocked: %s. It stays with you from now on.",
                            e->unlocked));
    if (e->p.answered && e->has_next)
        screen_choice(d, CHOOSE_NEXT, 0,
                      doc_printf(d, "Go on to the next exercise: %s", e->next.title));
    doc_action(d, CMD_SUBMIT, NULL, e->p.answered ? "Save your changes" : "Submit your answers");
    if (e->has_response) {
        struct screen_arg tags = screen_arg_exercise(e->ref.full_exercise_id);
        screen_action(d, SCREEN_SKILL_TAGS, &tags,
                      doc_printf(d, "Skills this answer shows (%d)", e->response_tags));
    }
    doc_action(d, CMD_BACK, NULL,
               e->p.answered ? "Back (changes not saved are kept as a draft)"
                             : "Back (answers so far are kept as a draft)");
    sources(e, d);
}

/* Every required tool prompt has an entry (or an answer from before), and as many as it asks
 * for; the response records the entries that answer each. */
static bool tools_complete(struct screen *s, struct exercise *e)
{
    for (size_t i = 0; i < e->p.nblocks; i++) {
        struct tool_use *u = &e->uses[i];
        if (!u->form)
            continue;
        const char *key = e->p.blocks[i].prompt_key;
        bool required = !prompts_input(&e->p, i)->optional;
        size_t made = (size_t)cJSON_GetArraySize(u->ids);
        size_t needed = u->min > 1 ? (size_t)u->min : required ? 1 : 0;
        if (u->drafts > 0 && made - u->drafts < needed) {
            if (u->drafts == 1)
                app_error(s->app,
                          "the %s made here is a draft, short of an answer it needs: open it"
                          " and finish it first.",
                          u->type.singular_name);
            else
                app_error(s->app,
                          "%zu %s made here are drafts, short of answers they need: open them"
                          " and finish them first.",
                          u->drafts, u->type.plural_name);
            return false;
        }
        if (made > 0 && made < (size_t)u->min) {
            app_error(s->app,
                      "this exercise asks for at least %d %s and you have made %zu:"
                      " choose \"Start another %s\" for the next.",
                      u->min, u->type.plural_name, made, u->type.singular_name);
            return false;
        }
        if (made > 0) {
            cJSON *answer = cJSON_CreateObject();
            cJSON_AddStringToObject(answer, ANSWER_KEY_TOOL, u->type.id);
            cJSON_AddItemToObject(answer, ANSWER_KEY_ENTRIES, cJSON_Duplicate(u->ids, true));
            cJSON_DeleteItemFromObjectCaseSensitive(e->p.answers, key);
            cJSON_AddItemToObject(e->p.answers, key, answer);
        } else if ((required || u->min > 0) &&
                   prompts_value_empty(cJSON_GetObjectItemCaseSensitive(e->p.answers, key))) {
            if (u->min > 1)
                app_error(s->app,
                          "this exercise asks for at least %d %s: choose \"%s\" to make"
                          " the first.",
                          u->min, u->type.plural_name, u->form->new_label);
            else
                app_error(s->app,
                          "this exercise asks you to use the %s: choose \"%s\" and make"
                          " a start.",
                          u->type.singular_name, u->form->new_label);
            return false;
        }
    }
    return true;
}

static enum screen_result submit(struct screen *s, struct exercise *e)
{
    if (!prompts_complete(&e->p, s->app, NULL, NULL) || !tools_complete(s, e))
        return SCREEN_REJECTED;
    struct store *st = app_store(s->app);
    char *json = prompts_json(&e->p);
    enum dt_status status = json ? store_responses_save(st, app_user(s->app),
                                                        e->ref.full_exercise_id, json, NULL)
                                 : DT_NOMEM;
    cJSON_free(json);
    if (status != DT_OK) {
        app_fail(s->app, "Your answers could not be saved", status);
        return SCREEN_REJECTED;
    }
    bool first_time = !e->p.answered;
    e->p.answered = e->submitted = true;
    load_response_tags(s, e); /* its skills can be tagged now; a failure only hides the way */
    struct tool_type tt;
    if (first_time && e->ref.unlocks_tool[0] &&
        store_tools_type(st, e->ref.unlocks_tool, &tt) == DT_OK)
        store_copy_text(e->unlocked, sizeof e->unlocked, tt.singular_name);
    e->has_next = store_progress_next(st, app_user(s->app), &e->next) == DT_OK &&
                  e->next.sequence_order > e->ref.sequence_order;
    /* a new tool says its own well done, just below */
    app_note(s->app, !first_time      ? "Your changes are saved."
                     : e->unlocked[0] ? "Saved."
                                      : "Saved. Well done.");
    /* the page stays where it is, with its closing words and the way on added: the person
     * lands on "Go on" (text mode says what is new and makes it the default) */
    if (e->has_next)
        app_focus_choice(s->app, CHOOSE_NEXT, 0);
    return SCREEN_HANDLED;
}

/* Starts the exercise's ranking with the list its earlier question holds (items once each),
 * then opens it: the person ranks what they wrote instead of typing it again. */
static enum screen_result start_ranking(struct screen *s, struct exercise *e, size_t i)
{
    const cJSON *list = i < e->p.nblocks && e->uses[i].form ? rank_source(e, i) : NULL;
    if (!list)
        return SCREEN_UNHANDLED;
    cJSON *content = cJSON_CreateObject();
    cJSON *items = cJSON_AddArrayToObject(content, RANKING_ITEMS);
    cJSON_AddStringToObject(content, RANKING_TITLE, e->ref.title);
    const cJSON *item;
    cJSON_ArrayForEach (item, list) {
        bool seen = false;
        const cJSON *k;
        cJSON_ArrayForEach (k, items)
            seen |= strcmp(k->valuestring, item->valuestring) == 0;
        if (cJSON_IsString(item) && !seen)
            cJSON_AddItemToArray(items, cJSON_CreateString(item->valuestring));
    }
    char *json = cJSON_PrintUnformatted(content);
    char id[STORE_ID_LEN];
    const struct tool_form *form = tool_form_find(TOOL_RANKING_GRID);
    bool draft = form && tool_form_is_draft(form, content);
    enum dt_status status = json
                                ? store_tools_create_entry(app_store(s->app), app_user(s->app),
                                                           TOOL_RANKING_GRID,
                                                           e->ref.full_exercise_id, json, draft, id)
                                : DT_NOMEM;
    cJSON_Delete(content);
    cJSON_free(json);
    if (status != DT_OK) {
        app_fail(s->app, "The ranking could not be started", status);
        return SCREEN_REJECTED;
    }
    struct screen_arg ranking = screen_arg_instance(id);
    app_open(s->app, SCREEN_RANKING, &ranking);
    return SCREEN_HANDLED;
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    struct exercise *e = s->priv;
    if (ev->cmd == CMD_SUBMIT)
        return submit(s, e);
    int choice;
    size_t index;
    if (ev->cmd == CMD_CHOOSE && screen_chosen(ev->arg, &choice, &index)) {
        switch ((enum exercise_choice)choice) {
        case CHOOSE_NEXT: {
            if (!e->has_next)
                break;
            struct screen_arg next = screen_arg_exercise(e->next.full_exercise_id);
            app_replace(s->app, SCREEN_EXERCISE, &next);
            return SCREEN_HANDLED;
        }
        case CHOOSE_KEEP_TYPE: return keep_type(s, e);
        case CHOOSE_RANK: return start_ranking(s, e, index);
        }
        return SCREEN_UNHANDLED;
    }
    return prompts_change(&e->p, s->app, ev);
}

const struct screen_ops exercise_screen = {
    .title = "Exercise",
    .priv_size = sizeof(struct exercise),
    .enter = enter,
    .build = build,
    .command = command,
    .leave = leave,
};
