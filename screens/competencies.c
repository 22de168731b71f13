/* The competency self-assessment (exercise 2.5.1, and reassessment from the profile): fifteen
 * sliders from 1 to 5 grouped by category; each shows its level's description and job
 * context; after saving, the category averages, the overall average, strengths and areas to
 * improve by exactly the spec's formula, as a chart with its text equivalent. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "oom.h"
#include "prompts.h"
#include "competencies.h"
#include "progress.h"
#include "responses.h"
#include "number.h"
#include "text.h"

/* The screen's own choices. */
enum assessment_choice { ASSESSMENT_NEXT = 1 };

struct assessment {
    struct competency *list;
    size_t n;
    struct competency_level (*levels)[5];
    int *score; /* 0 = not chosen yet */
    bool saved, due;
    char oldest[STORE_TIME_LEN];
    char exercise[32];       /* the exercise this assessment answers, "" from the profile */
    struct exercise_ref ref; /* the exercise it was opened as, when it was */
    struct prompts p;        /* that exercise's blocks and other prompts */
    struct exercise_ref next;
    bool has_next;
};

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    struct assessment *a = s->priv;
    struct store *st = app_store(s->app);
    store_copy_text(a->exercise, sizeof a->exercise, arg->exercise);
    enum dt_status status = store_competencies_list(st, &a->list, &a->n);
    if (status == DT_OK && a->n == 0)
        status = DT_NOT_FOUND;
    if (status == DT_OK) {
        a->levels = dt_oom_calloc(a->n, sizeof *a->levels);
        a->score = dt_oom_calloc(a->n, sizeof *a->score);
    }
    for (size_t i = 0; status == DT_OK && i < a->n; i++) {
        size_t nlevels = 0;
        status = store_competencies_levels(st, a->list[i].id, a->levels[i], &nlevels);
    }
    struct competency_score *scores = NULL;
    size_t nscores = 0;
    if (status == DT_OK)
        status = store_competencies_scores(st, app_user(s->app), &scores, &nscores);
    for (size_t i = 0; status == DT_OK && i < nscores; i++)
        for (size_t k = 0; k < a->n; k++)
            if (strcmp(scores[i].competency_id, a->list[k].id) == 0)
                a->score[k] = scores[i].score;
    free(scores);
    if (status == DT_OK)
        status = store_competencies_reassessment(st, app_user(s->app), &a->due, a->oldest);
    if (status == DT_OK && a->exercise[0])
        status = store_progress_exercise(st, a->exercise, &a->ref);
    if (status == DT_OK && a->exercise[0])
        status = prompts_load(&a->p, s->app, a->exercise);
    return status;
}

static void leave(struct screen *s)
{
    struct assessment *a = s->priv;
    free(a->list);
    free(a->levels);
    free(a->score);
    prompts_free(&a->p);
}

/* Which competency a prompt key names; -1 for none. */
static int competency_of(const struct assessment *a, const char *key)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->list[i].id, key) == 0)
            return (int)i;
    return -1;
}

static bool is_competency(const char *key, void *ctx)
{
    return competency_of(ctx, key) >= 0;
}

static bool all_scored(const struct assessment *a)
{
    for (size_t i = 0; i < a->n; i++)
        if (!a->score[i])
            return false;
    return true;
}

static const char *category_title(const char *category)
{
    return strcmp(category, "delivery") == 0        ? "Delivery: getting good work done"
           : strcmp(category, "interpersonal") == 0 ? "Interpersonal: working with people"
                                                    : "Strategic: shaping what comes next";
}

static void build_summary(const struct assessment *a, struct doc *d)
{
    struct competency_score *scores = doc_copy(d, NULL, a->n * sizeof *scores);
    for (size_t i = 0; i < a->n; i++) {
        store_copy_text(scores[i].competency_id, sizeof scores[i].competency_id, a->list[i].id);
        store_copy_text(scores[i].name, sizeof scores[i].name, a->list[i].name);
        store_copy_text(scores[i].category, sizeof scores[i].category, a->list[i].category);
        scores[i].score = a->score[i];
    }
    struct competency_summary sum;
    store_competencies_summarize(scores, a->n, &sum);
    const char *labels[] = {"Delivery", "Interpersonal", "Strategic", "Overall"};
    double values[] = {sum.delivery, sum.interpersonal, sum.strategic, sum.overall};
    char said[4][32]; /* each as the chart shows it */
    for (size_t i = 0; i < 4; i++)
        tui_number_format(doc_round_tenths(values[i]), said[i], sizeof said[i]);
    char strengths[1024] = "", improve[1024] = "";
    for (size_t i = 0; i < sum.n_strengths; i++)
        snprintf(strengths + strlen(strengths), sizeof strengths - strlen(strengths), "%s%s",
                 i ? ", " : "", scores[sum.strengths[i]].name);
    for (size_t i = 0; i < sum.n_improvements; i++)
        snprintf(improve + strlen(improve), sizeof improve - strlen(improve), "%s%s", i ? ", " : "",
                 scores[sum.improvements[i]].name);
    doc_heading(d, 2, "Your results");
    doc_chart(d, "Average level by category", 4, labels, values, 5,
              doc_printf(d,
                         "Delivery %s of 5, Interpersonal %s of 5, Strategic %s of 5; overall"
                         " %s of 5.",
                         said[0], said[1], said[2], said[3]));
    doc_para(d, DOC_ROLE_TEXT,
             doc_printf(d, "Strengths: %s.",
                        strengths[0] ? strengths
                                     : "none"
                                       " stand out"));
    doc_para(d, DOC_ROLE_TEXT,
             doc_printf(d, "Areas to improve: %s.", improve[0] ? improve : "none stand out"));
    doc_para(d, DOC_ROLE_REFLECTION,
             "Both lists are measured against your own average. A gap matters only if the work"
             " you want depends on it; a strength becomes useful once you can tell a story that"
             " shows it.");
}

/* One competency's slider, under its category's heading when the category changes. */
static void competency_field(const struct assessment *a, size_t i, const char **category,
                             struct doc *d)
{
    const struct competency *c = &a->list[i];
    if (strcmp(c->category, *category) != 0) {
        *category = c->category;
        doc_heading(d, 2, category_title(c->category));
    }
    struct doc_field *f = doc_field(d, DOC_FIELD_SLIDER, c->id,
                                    doc_printf(d, "%s: %s", c->name, c->definition));
    f->required = true;
    f->has_min = f->has_max = true;
    f->min = 1, f->max = 5, f->step = 1;
    struct doc_stop stops[5];
    for (int l = 0; l < 5; l++)
        stops[l] = (struct doc_stop){l + 1, a->levels[i][l].job_context[0]
                                                ? doc_printf(d, "Level %d. %s", l + 1,
                                                             a->levels[i][l].job_context)
                                                : doc_printf(d, "Level %d", l + 1)};
    doc_field_stops(d, f, 5, stops);
    if (a->score[i]) {
        f->has_number = true;
        f->number = a->score[i];
        f->description = a->levels[i][a->score[i] - 1].description;
    }
}

/* The exercise's own blocks in order, each competency prompt as its slider. */
static void build_exercise(const struct assessment *a, struct doc *d)
{
    const char *category = "";
    for (size_t i = 0; i < a->p.nblocks; i++) {
        const struct exercise_block *b = &a->p.blocks[i];
        if (b->input_json) {
            int k = competency_of(a, b->prompt_key);
            if (k >= 0)
                competency_field(a, (size_t)k, &category, d);
            else
                prompts_field(&a->p, i, d);
            continue;
        }
        enum doc_role role = prompts_role(b->content_type);
        if ((role == DOC_ROLE_TRANSITION || role == DOC_ROLE_CELEBRATION) && !a->p.answered)
            continue; /* closing words belong after the answer */
        doc_para(d, role, b->content_text);
    }
}

static void build(const struct screen *s, struct doc *d)
{
    const struct assessment *a = s->priv;
    doc_heading(d, 1,
                a->exercise[0] ? doc_printf(d, "Exercise %s.%s.%s: %s", a->ref.part_id,
                                            a->ref.module_id, a->ref.exercise_id, a->ref.title)
                               : "Your competencies");
    if (a->due)
        doc_para(d, DOC_ROLE_NOTE,
                 doc_printf(d,
                            "Your last assessment began on %.10s, more than a year ago."
                            " A fresh look shows how far you have come.",
                            a->oldest));
    if (a->exercise[0]) {
        prompts_version_note(&a->p, d);
        build_exercise(a, d);
    } else {
        doc_para(d, DOC_ROLE_INSTRUCTION,
                 "Rate the level you can show today in each of the fifteen competencies, drawing"
                 " on any part of your life. Each level includes the ones below it; if you could"
                 " not back a level with a story, choose the one below.");
        const char *category = "";
        for (size_t i = 0; i < a->n; i++)
            competency_field(a, i, &category, d);
    }
    if (a->saved || all_scored(a))
        build_summary(a, d);
    if (a->saved && a->has_next)
        screen_choice(d, ASSESSMENT_NEXT, 0,
                      doc_printf(d, "Go on to the next exercise: %s", a->next.title));
    doc_action(d, CMD_SUBMIT, NULL, a->saved ? "Save again" : "Save your levels");
    doc_action(d, CMD_BACK, NULL, "Back");
}

static enum screen_result save(struct screen *s, struct assessment *a)
{
    for (size_t i = 0; i < a->n; i++)
        if (!a->score[i]) {
            app_error(s->app, "%s still needs a level.", a->list[i].name);
            return SCREEN_REJECTED;
        }
    if (a->exercise[0] && !prompts_complete(&a->p, s->app, is_competency, a))
        return SCREEN_REJECTED;
    struct store *st = app_store(s->app);
    enum dt_status status = store_group_begin(st);
    /* the exercise's response: its other answers, and the levels under their keys */
    cJSON *answers = a->p.answers ? cJSON_Duplicate(a->p.answers, 1) : cJSON_CreateObject();
    for (size_t i = 0; status == DT_OK && i < a->n; i++) {
        status = store_competencies_save_score(st, app_user(s->app), a->list[i].id, a->score[i]);
        cJSON_DeleteItemFromObjectCaseSensitive(answers, a->list[i].id);
        cJSON_AddNumberToObject(answers, a->list[i].id, a->score[i]);
    }
    char *json = cJSON_PrintUnformatted(answers);
    cJSON_Delete(answers);
    if (status == DT_OK && a->exercise[0]) /* the exercise counts as answered */
        status = json ? store_responses_save(st, app_user(s->app), a->exercise, json, NULL)
                      : DT_NOMEM;
    cJSON_free(json);
    status = store_group_end(st, status);
    if (status != DT_OK) {
        app_fail(s->app, "Your levels could not be saved", status);
        return SCREEN_REJECTED;
    }
    a->saved = true;
    a->due = false;
    if (a->exercise[0]) {
        struct exercise_ref here;
        a->p.answered = true;
        a->has_next = store_progress_exercise(st, a->exercise, &here) == DT_OK &&
                      store_progress_next(st, app_user(s->app), &a->next) == DT_OK &&
                      a->next.sequence_order > here.sequence_order;
    }
    app_note(s->app, "Saved. Your results are below.");
    app_redisplay(s->app);
    return SCREEN_HANDLED;
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    struct assessment *a = s->priv;
    if (ev->cmd == CMD_SUBMIT)
        return save(s, a);
    int choice;
    size_t index;
    if (ev->cmd == CMD_CHOOSE && screen_chosen(ev->arg, &choice, &index) &&
        choice == ASSESSMENT_NEXT && a->has_next) {
        struct screen_arg next = screen_arg_exercise(a->next.full_exercise_id);
        app_replace(s->app, SCREEN_EXERCISE, &next);
        return SCREEN_HANDLED;
    }
    if (ev->cmd != CMD_FIELD_CHANGED || !ev->field_id)
        return SCREEN_UNHANDLED;
    if (competency_of(a, ev->field_id) < 0)
        return a->exercise[0] ? prompts_change(&a->p, s->app, ev) : SCREEN_UNHANDLED;
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->list[i].id, ev->field_id) != 0)
            continue;
        cJSON *v = cJSON_Parse(ev->value);
        int level = cJSON_IsNumber(v) ? v->valueint : 0;
        bool whole = cJSON_IsNumber(v) && v->valuedouble == level;
        cJSON_Delete(v);
        if (!whole || level < 1 || level > 5) {
            app_error(s->app, "choose a whole level from 1 to 5.");
            return SCREEN_REJECTED;
        }
        a->score[i] = level;
        return SCREEN_HANDLED;
    }
    return SCREEN_UNHANDLED;
}

const struct screen_ops competencies_screen = {
    .title = "Competencies",
    .priv_size = sizeof(struct assessment),
    .enter = enter,
    .build = build,
    .command = command,
    .leave = leave,
};
