/* Export and import of one user's workbook through the export file (exchange.h, spec section 9),
 * and the merge both import and a sign-in from an anonymous workbook use (docs/security.md,
 * "Export, import and merge"). */
#ifndef DT_TRANSFER_H
#define DT_TRANSFER_H

#include <stdbool.h>
#include <stddef.h>

#include "exchange.h"
#include "store.h"

enum transfer_mode {
    TRANSFER_AS_STORED, /* a claimed user's fields stay sealed; the password's wrap goes along */
    TRANSFER_CLEAR,     /* every field in clear (the keys must be held for a claimed user) */
};

/* Fills *out (exchange_free) with everything of user_id's that the export file holds, at the
 * store's time. TRANSFER_CLEAR on a claimed user without the keys: DT_KEY_LOCKED; a field that
 * does not open: DT_UNREADABLE. */
enum dt_status store_export_user(struct store *st, const char *user_id, enum transfer_mode mode,
                                 struct exchange *out);

/* What an import did, or would do. */
struct import_plan {
    size_t modules_added;    /* modules the workbook had nothing of */
    size_t modules_replaced; /* the file's were newer (user_modules.last_modified_at) */
    size_t modules_kept;     /* the workbook's were as new or newer */
    size_t exercises_written;
    size_t tools_added;
    size_t tools_duplicate; /* the same content is already there (content_hash) */
    size_t tools_updated;   /* the same entry, changed later in the file */
    size_t tools_kept;      /* the same entry, changed later here */
    size_t scores_written;  /* the file's assessment was newer */
    size_t scores_kept;
    size_t skills_added;
    bool settings_applied; /* the workbook's settings had never been changed */
    char replaced[8][16];  /* the first modules replaced, by id, for the preview */
};

/* Merges x into user_id's workbook: per module the newer last_modified_at wins; a tool entry is
 * added unless its content is already there; a competency score is taken when it was assessed
 * later; custom skills are kept. Everything is checked against this workbook first (exercises,
 * tools, competencies and skills it knows); the first problem is DT_INVALID with err naming the
 * JSON path. A sealed file needs password (NULL: DT_KEY_LOCKED; wrong: DT_WRONG_PASSWORD); a
 * claimed user_id needs the store to hold its keys (DT_KEY_LOCKED). With apply false nothing is
 * written and *plan says what would change; with apply true it is written in one transaction,
 * or nothing is. */
enum dt_status store_import(struct store *st, const char *user_id, const struct exchange *x,
                            const char *password, bool apply, struct import_plan *plan,
                            char err[EXCHANGE_ERR_LEN]);

/* An anonymous workbook joins the account the store holds the keys of, by the same rule as an
 * import; its sessions and custom skills pass to the account, and the anonymous user is
 * removed. */
enum dt_status store_merge_into_account(struct store *st, const char *anonymous_id,
                                        const char *account_id);

#endif
