/* Daily Dos as plain lines: for `dreamtree today` (shell start-up files) and, until the full
 * screens arrive, the text the interactive run shows. Everything passes the sanitiser. */
#ifndef DT_TODAY_H
#define DT_TODAY_H

#include <stdio.h>

#include "store.h"

/* One line per Daily Do: "Resume Workbook: <next exercise title>" unless the workbook is
 * complete, then "<tool singular name>: <reminder prompt>" for each due reminder. */
enum dt_status screens_today_lines(struct store *st, const char *user_id, FILE *out);

/* A dated heading, the numbered Daily Dos and where the user stands in the workbook. */
enum dt_status screens_today_summary(struct store *st, const char *user_id, FILE *out);

#endif
