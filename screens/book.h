/* The Markdown book of one user's writing (`dreamtree export --format md`): every answer by part,
 * module and exercise in the workbook's order, then each tool's entries, then the competency
 * scores. It is a file for people, so it goes through the sanitiser's file policy, and the
 * user's text is escaped so that it reads as text and never makes Markdown structure of its own
 * (a heading, a list, a quote, a table, a code fence, a raw HTML tag). */
#ifndef DT_BOOK_H
#define DT_BOOK_H

#include "exchange.h"
#include "store.h"

/* The Markdown book of one user's writing: every answer by part, module and exercise, then each
 * tool's entries. From the export file's structs in clear (transfer.h, TRANSFER_CLEAR), with
 * the titles, prompts and tool forms this workbook has, as user_id's variant group asks them
 * (user_id NULL, or no group yet: the control's). Returns malloc'd text (caller frees), or NULL
 * with *status set on a store failure (DT_OK otherwise). */
char *book_markdown(struct store *st, const char *user_id, const struct exchange *clear,
                    enum dt_status *status);

#endif
