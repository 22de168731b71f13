/* Competencies (spec 5.2, 5.3), the user's self-assessment (3.3) and reassessment (13). */
#ifndef DT_COMPETENCIES_H
#define DT_COMPETENCIES_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

#define COMPETENCIES_MAX 32

struct competency {
    char id[48];
    char name[80];
    char category[16]; /* "delivery", "interpersonal", "strategic" */
    int sort_order;
    char definition[1024];
};

struct competency_level {
    int level; /* 1-5 */
    char description[1024];
    char job_context[256];
};

struct competency_score {
    char competency_id[48];
    char name[80];
    char category[16];
    int score; /* 1-5 */
    char assessed_at[STORE_TIME_LEN];
};

/* The spec's calculation (3.3), from one user's scores. An average is only meaningful when its
 * has_ flag is set (JavaScript's average of nothing is NaN; here it is "no value"). */
struct competency_summary {
    bool has_delivery, has_interpersonal, has_strategic, has_overall;
    double delivery, interpersonal, strategic, overall;
    int strength_threshold;    /* floor(overall + 0.3) */
    int improvement_threshold; /* floor(overall - 0.3) */
    size_t n_strengths, n_improvements;
    /* indexes into the scores the summary was made from, in their order */
    size_t strengths[COMPETENCIES_MAX];
    size_t improvements[COMPETENCIES_MAX];
};

/* All competencies by category (delivery, interpersonal, strategic) then sort_order;
 * *out is malloc'd (caller frees). */
enum dt_status store_competencies_list(struct store *st, struct competency **out, size_t *n);
/* The levels of one competency, 1 to 5, into levels[5]; *n is how many there are. */
enum dt_status store_competencies_levels(struct store *st, const char *competency_id,
                                         struct competency_level levels[5], size_t *n);
/* Upsert of one score (1-5; else DT_INVALID); assessed_at = now. A score assessed on an earlier
 * day is kept in competency_score_history first (a reassessment). */
enum dt_status store_competencies_save_score(struct store *st, const char *user_id,
                                             const char *competency_id, int score);
/* The user's scores in list order; *out is malloc'd (caller frees). */
enum dt_status store_competencies_scores(struct store *st, const char *user_id,
                                         struct competency_score **out, size_t *n);
/* Pure: fills *sum from scores by exactly the spec's formula (floor after the +-0.3 margin). */
void store_competencies_summarize(const struct competency_score *scores, size_t n,
                                  struct competency_summary *sum);
/* A score a reassessment replaced, as competency_score_history keeps it. */
struct competency_past_score {
    char competency_id[48];
    int score; /* 1-5 */
    char assessed_at[STORE_TIME_LEN];
};
/* Every score the user's reassessments replaced, by competency id and then oldest first (the
 * current scores are store_competencies_scores'); *out is malloc'd (caller frees), NULL when
 * there are none. */
enum dt_status store_competencies_history(struct store *st, const char *user_id,
                                          struct competency_past_score **out, size_t *n);
/* Spec 13: due when the oldest assessment is older than one year. oldest is "" when the user has
 * no scores (then due is false: there is nothing to reassess yet). */
enum dt_status store_competencies_reassessment(struct store *st, const char *user_id, bool *due,
                                               char oldest[STORE_TIME_LEN]);

#endif
