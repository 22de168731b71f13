/* Daily Dos (spec 11): the workbook card (the spec's resume-workbook), the yearly reassessment
 * of the competencies when it is due (spec 13), then the daily, weekly and monthly reminders of
 * unlocked tools that are due. */
#ifndef DT_DAILYDOS_H
#define DT_DAILYDOS_H

#include <stddef.h>

#include "progress.h"
#include "store.h"

enum dailydo_kind {
    DAILYDO_RESUME,   /* id "resume-workbook", target = the next exercise's full id */
    DAILYDO_REMINDER, /* id = tool type id, target = tool type id */
    DAILYDO_REASSESS, /* id "reassess-competencies", target = the assessment's full exercise id;
                         due when the oldest score is over a year old (spec 13) */
};

struct dailydo {
    enum dailydo_kind kind;
    char id[40];
    /* "Start the workbook" ("Continue the workbook" once an answer or a draft exists) or the
     * tool's singular name */
    char title[PROGRESS_TITLE_LEN];
    char subtitle[PROGRESS_TITLE_LEN]; /* the next exercise's title or the reminder prompt */
    char action_label[96];             /* "Start →", "Continue →" or "<singular name> →" */
    char target[40];
    char frequency[16]; /* reminders: "daily", "weekly", "monthly" */
};

/* The user's Daily Dos in the spec's order; *out is malloc'd (caller frees), *n may be 0.
 * DT_NOT_FOUND when there is no such user. */
enum dt_status store_dailydos_list(struct store *st, const char *user_id, struct dailydo **out,
                                   size_t *n);

#endif
