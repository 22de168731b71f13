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
    /* the scores reassessments replaced, by competency id, oldest first */
    struct competency_past_score *past;
    size_t npast;
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
    if (status == DT_OK)
        status = store_competencies_history(st, app_user(s->app), &p->past, &p->npast);
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
    free(p->past);
}

/* "Nov 2026" from an assessed_at */
static const char *month_said(struct doc *d, const char *at)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int year = 0, month = 0;
    if (sscanf(at, "%4d-%2d", &year, &month) != 2 || month < 1 || month > 12)
        return doc_printf(d, "%.10s", at);
    return doc_printf(d, "%s %d", months[month - 1], year);
}

/* Each competency's scores, the first and then each later one, as a row of marks that rise with
 * the score; the words name every score with the month it was given. */
static void scores_over_time(const struct profile *p, struct doc *d)
{
    size_t cols = 1;
    size_t *first = doc_copy(d, NULL, p->nscores * sizeof *first); /* into p->past */
    size_t *count = doc_copy(d, NULL, p->nscores * sizeof *count);
    for (size_t i = 0; i < p->nscores; i++) {
        first[i] = p->npast;
        for (size_t k = 0; k < p->npast; k++)
            if (strcmp(p->past[k].competency_id, p->scores[i].competency_id) == 0) {
                if (count[i]++ == 0)
                    first[i] = k;
            }
        cols = count[i] + 1 > cols ? count[i] + 1 : cols;
    }
    signed char *cells = doc_copy(d, NULL, p->nscores * cols);
    const char **labels = doc_copy(d, NULL, p->nscores * sizeof *labels);
    const char **rows = doc_copy(d, NULL, p->nscores * sizeof *rows);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        dt_oom_abort();
    for (size_t i = 0; i < p->nscores; i++) {
        const struct competency_score *now = &p->scores[i];
        size_t n = count[i] + 1, lead = cols - n; /* the newest in the last column */
        char said[64] = "";
        labels[i] = now->name;
        fprintf(f, "%s%s:", i ? " " : "", now->name);
        for (size_t c = 0; c < cols; c++) {
            if (c < lead) {
                cells[i * cols + c] = DOC_GRID_OUTSIDE;
                continue;
            }
            bool current = c == cols - 1;
            const struct competency_past_score *was = current ? NULL
                                                              : &p->past[first[i] + c - lead];
            int score = current ? now->score : was->score;
            cells[i * cols + c] = (signed char)score;
            size_t used = strlen(said);
            snprintf(said + used, sizeof said - used, "%s%d", used ? ", " : "", score);
            fprintf(f, "%s %d in %s", c > lead ? "," : "", score,
                    month_said(d, current ? now->assessed_at : was->assessed_at));
        }
        int earliest = n > 1 ? p->past[first[i]].score : now->score;
        fprintf(f, "%s.",
                n == 1                  ? ""
                : now->score > earliest ? " (up)"
                : now->score < earliest ? " (down)"
                                        : " (the same)");
        rows[i] = doc_str(d, said);
    }
    if (fclose(f) != 0)
        dt_oom_abort();
    static const char *const levels[] = {"1", "2", "3", "4", "5"};
    struct doc_grid g = {
        .rows = p->nscores,
        .cols = cols,
        .row_labels = labels,
        .row_texts = rows,
        .cells = cells,
        .marks = DOC_GRID_HEIGHTS,
        .nlevels = 5,
        .level_labels = levels,
        .col_noun = "assessments",
    };
    doc_chart_grid(d, "Your scores over time, the first one first", &g, text);
    free(text);
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
        if (p->npast)
            scores_over_time(p, d);
        if (p->due)
            doc_para(d, DOC_ROLE_NOTE,
                     "More than a year has passed since your assessment: it"
                     " is time to reassess.");
        screen_action(d, SCREEN_COMPETENCIES, NULL,
                      p->due ? "Reassess your competencies (due)" : "Reassess your competencies");
    }

    doc_heading(d, 2, "Skills you use most");
    if (p->nskills == 0) {
        doc_para(d, DOC_ROLE_NOTE,
                 "None yet: the skills you tag on your answers and name in your SOARED stories"
                 " show here, the ones you use most first.");
    } else { /* a table: the count named, and one line a skill in text mode */
        const char **cells = doc_copy(d, NULL, (p->nskills + 1) * 2 * sizeof *cells);
        cells[0] = "Skill";
        cells[1] = "Times tagged";
        for (size_t i = 0; i < p->nskills; i++) {
            cells[2 * (i + 1)] = p->skills[i].skill.name;
            cells[2 * (i + 1) + 1] = doc_printf(d, "%d", p->skills[i].uses);
        }
        doc_table(d, NULL, 2, p->nskills + 1, cells);
    }
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
