/* Daily Dos as plain lines, for `dreamtree today` in shell start-up files. Everything passes
 * the sanitiser. */
#ifndef DT_TODAY_H
#define DT_TODAY_H

#include <stdio.h>

#include "store.h"

/* One line per Daily Do: "Resume Workbook: <next exercise title>" unless the workbook is
 * complete, then "<tool singular name>: <reminder prompt>" for each due reminder. */
enum dt_status screens_today_lines(struct store *st, const char *user_id, FILE *out);

#endif
