/* Your profile: personality type, the competency picture, and the skills you use most. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "oom.h"
#include "competencies.h"
#include "personality.h"
#include "skills.h"
#include "number.h"
#include "text.h"
#include "users.h"

struct profile {
    struct personality_type type;
    bool has_type;
    struct competency_score *scores;
    size_t nscores;
    bool due;
    char oldest[STORE_TIME_LEN];
    struct skill_count *skills;
    size_t nskills;
    /* per score: the first one kept before a reassessment replaced it (0: never reassessed) */
    int *was;
    char (*was_at)[STORE_TIME_LEN];
};

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    (void)arg;
    struct profile *p = s->priv;
    struct store *st = app_store(s->app);
    struct user_settings set;
    enum dt_status status = store_users_settings(st, app_user(s->app), &set);
    if (status == DT_OK && set.personality_type[0]) {
        status = store_personality_get(st, set.personality_type, &p->type);
        p->has_type = status == DT_OK;
        if (status == DT_NOT_FOUND)
            status = DT_OK;
    }
    if (status == DT_OK)
        status = store_competencies_scores(st, app_user(s->app), &p->scores, &p->nscores);
    if (status == DT_OK)
        status = store_competencies_reassessment(st, app_user(s->app), &p->due, p->oldest);
    if (status == DT_OK) {
        p->was = dt_oom_calloc(p->nscores, sizeof *p->was);
        p->was_at = dt_oom_calloc(p->nscores, sizeof *p->was_at);
    }
    for (size_t i = 0; status == DT_OK && i < p->nscores; i++) {
        status = store_competencies_first_score(st, app_user(s->app), p->scores[i].competency_id,
                                                &p->was[i], p->was_at[i]);
        if (status == DT_NOT_FOUND)
            status = DT_OK;
    }
    if (status == DT_OK)
        status = store_skills_top(st, app_user(s->app), 10, &p->skills, &p->nskills);
    return status;
}

static void leave(struct screen *s)
{
    struct profile *p = s->priv;
    if (p->has_type)
        store_personality_clear(&p->type);
    free(p->scores);
    free(p->skills);
    free(p->was);
    free(p->was_at);
}

static void build(const struct screen *s, struct doc *d)
{
    const struct profile *p = s->priv;
    doc_heading(d, 1, "Your profile");

    doc_heading(d, 2, "Personality type");
    if (p->has_type) {
        doc_para(d, DOC_ROLE_TEXT, doc_printf(d, "%s, %s", p->type.code, p->type.name));
        doc_para(d, DOC_ROLE_TEXT, p->type.summary);
    } else {
        doc_para(d, DOC_ROLE_NOTE,
                 "Not set. Module 1.1 helps you work it out; set it under"
                 " Settings.");
    }

    doc_heading(d, 2, "Competencies");
    if (p->nscores == 0) {
        doc_para(d, DOC_ROLE_NOTE, "Not assessed yet. The assessment is exercise 2.5.1.");
    } else {
        struct competency_summary sum;
        store_competencies_summarize(p->scores, p->nscores, &sum);
        const char **labels = doc_copy(d, NULL, p->nscores * sizeof *labels);
        double *values = doc_copy(d, NULL, p->nscores * sizeof *values);
        size_t used = 0, cap = 64 * p->nscores + 64;
        char *text = doc_copy(d, NULL, cap);
        for (size_t i = 0; i < p->nscores; i++) {
            labels[i] = p->scores[i].name;
            values[i] = p->scores[i].score;
            used += (size_t)snprintf(text + used, cap - used, "%s %d of 5%s", p->scores[i].name,
                                     p->scores[i].score, i + 1 < p->nscores ? "; " : ".");
        }
        doc_chart(d, "Your level in each competency", p->nscores, labels, values, 5, text);
        char overall[32]; /* as a chart would show it */
        tui_number_format(doc_round_tenths(sum.overall), overall, sizeof overall);
        doc_para(d, DOC_ROLE_TEXT,
                 doc_printf(d, "Overall %s of 5. Strengths: %zu; areas to improve: %zu.", overall,
                            sum.n_strengths, sum.n_improvements));
        for (size_t i = 0; i < p->nscores; i++) /* what a reassessment changed */
            if (p->was[i])
                doc_para(d, DOC_ROLE_TEXT,
                         doc_printf(d, "%s: %d of 5 on %.10s, %d of 5 now (%s).", p->scores[i].name,
                                    p->was[i], p->was_at[i], p->scores[i].score,
                                    p->scores[i].score > p->was[i]   ? "up"
                                    : p->scores[i].score < p->was[i] ? "down"
                                                                     : "the same"));
        if (p->due)
            doc_para(d, DOC_ROLE_NOTE,
                     "More than a year has passed since your assessment: it"
                     " is time to reassess.");
        screen_action(d, SCREEN_COMPETENCIES, NULL,
                      p->due ? "Reassess your competencies (due)" : "Reassess your competencies");
    }

    doc_heading(d, 2, "Skills you use most");
    if (p->nskills == 0)
        doc_para(d, DOC_ROLE_NOTE,
                 "None yet: the skills you name in your SOARED stories show"
                 " here, the ones you name most first.");
    for (size_t i = 0; i < p->nskills; i++)
        doc_para(d, DOC_ROLE_TEXT,
                 doc_printf(d, "%s (%d)", p->skills[i].skill.name, p->skills[i].uses));
    screen_action(d, SCREEN_SKILLS, NULL, "All your skills, and where you tagged them");
    doc_action(d, CMD_BACK, NULL, "Back");
}

const struct screen_ops profile_screen = {
    .title = "Profile",
    .priv_size = sizeof(struct profile),
    .enter = enter,
    .build = build,
    .leave = leave,
};
