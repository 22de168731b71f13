/* The skills one answer shows (spec 3.4: exercise_skills on exercise_responses): its tags as a
 * list to edit, and suggestions from its own words and its tool entries', each tagged with one
 * press. Names become tags the way a SOARED story's do (store_skills_set_names). A claimed
 * user's answer and entries are opened in memory by the store and wiped after. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "oom.h"
#include "progress.h"
#include "responses.h"
#include "skills.h"
#include "tools.h"

/* Suggestions offered at once: the most specific. */
#define SUGGESTIONS_SHOWN 8

enum skill_tags_choice {
    CHOOSE_TAG = 1, /* tag the suggestion at index */
};

struct skill_tags {
    struct exercise_ref ref;
    char response_id[STORE_ID_LEN];
    struct skill *tagged;
    size_t ntagged;
    struct skill *suggested;
    size_t nsuggested;
};

/* Every string in the answer's JSON, in order, into texts (pointers into v). */
static void collect_texts(const cJSON *v, const char ***texts, size_t *n, size_t *cap)
{
    if (cJSON_IsString(v) && v->valuestring[0]) {
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 16;
            *texts = dt_oom_realloc(*texts, *cap * sizeof **texts);
        }
        (*texts)[(*n)++] = v->valuestring;
        return;
    }
    const cJSON *child;
    cJSON_ArrayForEach (child, v)
        collect_texts(child, texts, n, cap);
}

/* Zeroes the strings of a parsed answer before it is freed: it held the person's writing. */
static void wipe_json(cJSON *v)
{
    if (cJSON_IsString(v) && v->valuestring)
        memset(v->valuestring, 0, strlen(v->valuestring));
    cJSON *child;
    cJSON_ArrayForEach (child, v)
        wipe_json(child);
}

/* The tags, and the suggestions from the answer's words. */
static enum dt_status load(struct screen *s)
{
    struct skill_tags *t = s->priv;
    struct store *st = app_store(s->app);
    const char *user = app_user(s->app);
    free(t->tagged);
    free(t->suggested);
    t->tagged = t->suggested = NULL;
    t->ntagged = t->nsuggested = 0;
    enum dt_status status = store_skills_for_instance(st, user, t->response_id, &t->tagged,
                                                      &t->ntagged);
    struct response r = {0};
    if (status == DT_OK)
        status = store_responses_get(st, user, t->ref.full_exercise_id, &r);
    if (status != DT_OK)
        return status;
    cJSON *answer = cJSON_Parse(r.response_json);
    store_responses_clear(&r);
    /* a tool answered inside the exercise (the list of every job) is part of the answer: its
     * entries' words suggest skills too */
    cJSON *entries = cJSON_CreateArray();
    const cJSON *prompt;
    cJSON_ArrayForEach (prompt, answer) {
        const cJSON *id;
        cJSON_ArrayForEach (id, cJSON_GetObjectItemCaseSensitive(prompt, "entries")) {
            struct tool_instance entry = {0};
            if (cJSON_IsString(id) && store_tools_get(st, user, id->valuestring, &entry) == DT_OK)
                cJSON_AddItemToArray(entries, cJSON_Parse(entry.content_json));
            if (entry.content_json)
                memset(entry.content_json, 0, strlen(entry.content_json));
            store_tools_instance_clear(&entry);
        }
    }
    const char **texts = NULL;
    size_t ntexts = 0, cap = 0;
    collect_texts(answer, &texts, &ntexts, &cap);
    collect_texts(entries, &texts, &ntexts, &cap);
    status = store_skills_suggest(st, user, t->response_id, texts, ntexts, SUGGESTIONS_SHOWN,
                                  &t->suggested, &t->nsuggested);
    free(texts);
    wipe_json(answer);
    cJSON_Delete(answer);
    wipe_json(entries);
    cJSON_Delete(entries);
    return status;
}

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    struct skill_tags *t = s->priv;
    struct store *st = app_store(s->app);
    enum dt_status status = store_progress_exercise(st, arg->exercise, &t->ref);
    if (status == DT_OK)
        status = store_skills_answer(st, app_user(s->app), arg->exercise, t->response_id, NULL);
    if (status == DT_NOT_FOUND) {
        app_error(s->app, "exercise %s has no answer yet: answer it first, then tag it.",
                  arg->exercise);
        return status;
    }
    return status == DT_OK ? load(s) : status;
}

static void leave(struct screen *s)
{
    struct skill_tags *t = s->priv;
    free(t->tagged);
    free(t->suggested);
}

static void build(const struct screen *s, struct doc *d)
{
    const struct skill_tags *t = s->priv;
    doc_heading(d, 1, "Skills this answer shows");
    doc_para(d, DOC_ROLE_NOTE,
             doc_printf(d, "Your answer to exercise %s.%s.%s: %s", t->ref.part_id, t->ref.module_id,
                        t->ref.exercise_id, t->ref.title));
    struct doc_field *f = doc_field(d, DOC_FIELD_LIST, "skills", "Skills this answer shows");
    f->hint = doc_str(d, "One per line. A name on the list tags that skill, in any case or"
                         " spacing; a new name becomes a skill of your own.");
    const char **names = doc_copy(d, NULL, (t->ntagged + 1) * sizeof *names);
    for (size_t i = 0; i < t->ntagged; i++)
        names[i] = t->tagged[i].name;
    doc_field_items(d, f, t->ntagged, names);

    doc_heading(d, 2, "Named in your answer");
    if (t->nsuggested == 0)
        doc_para(d, DOC_ROLE_NOTE,
                 t->ntagged ? "No other skill on the list is named in your answer."
                            : "No skill on the list is named in your answer: type your own"
                              " above, or browse them all.");
    for (size_t i = 0; i < t->nsuggested; i++)
        screen_choice(d, CHOOSE_TAG, i, doc_printf(d, "Tag %s", t->suggested[i].name));
    screen_action(d, SCREEN_SKILLS, NULL, "Browse every skill");
    doc_action(d, CMD_BACK, NULL, "Back to the exercise");
}

/* The list as typed becomes the answer's tags; a name no skill can have is said, not kept. */
static enum screen_result change(struct screen *s, const struct tui_event *ev)
{
    struct skill_tags *t = s->priv;
    if (strcmp(ev->field_id, "skills") != 0)
        return SCREEN_UNHANDLED;
    cJSON *v = cJSON_Parse(ev->value);
    if (!cJSON_IsArray(v)) {
        cJSON_Delete(v);
        return SCREEN_UNHANDLED;
    }
    size_t n = 0;
    const char **names = dt_oom_calloc((size_t)cJSON_GetArraySize(v) + 1, sizeof *names);
    const char *problem = NULL;
    const cJSON *item;
    cJSON_ArrayForEach (item, v) {
        if (!cJSON_IsString(item))
            continue;
        const char *why = store_skills_name_problem(item->valuestring);
        if (why)
            problem = problem ? problem : why;
        else
            names[n++] = item->valuestring;
    }
    enum dt_status status = store_skills_set_names(app_store(s->app), app_user(s->app),
                                                   t->response_id, names, n);
    free(names);
    cJSON_Delete(v);
    if (status == DT_OK)
        status = load(s);
    if (status != DT_OK) {
        app_fail(s->app, "The skills could not be saved", status);
        return SCREEN_REJECTED;
    }
    if (problem) {
        app_error(s->app, "a name was left out: %s The others are saved.", problem);
        return SCREEN_REJECTED;
    }
    return SCREEN_HANDLED;
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    struct skill_tags *t = s->priv;
    if (ev->cmd == CMD_FIELD_CHANGED && ev->field_id)
        return change(s, ev);
    int choice;
    size_t index;
    if (ev->cmd != CMD_CHOOSE || !screen_chosen(ev->arg, &choice, &index) || choice != CHOOSE_TAG ||
        index >= t->nsuggested)
        return SCREEN_UNHANDLED;
    char name[sizeof t->suggested[index].name];
    memcpy(name, t->suggested[index].name, sizeof name);
    enum dt_status status = store_skills_tag(app_store(s->app), app_user(s->app), t->response_id,
                                             t->suggested[index].id);
    if (status == DT_OK)
        status = load(s);
    if (status != DT_OK) {
        app_fail(s->app, "The skill could not be tagged", status);
        return SCREEN_REJECTED;
    }
    app_note(s->app, "Tagged: %s.", name);
    return SCREEN_HANDLED;
}

const struct screen_ops skill_tags_screen = {
    .title = "Skills this answer shows",
    .priv_size = sizeof(struct skill_tags),
    .enter = enter,
    .build = build,
    .command = command,
    .leave = leave,
};
