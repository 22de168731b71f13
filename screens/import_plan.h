/* What an import would do, in sentences: one for the file, then one per change. Shared by the
 * import screen and `dreamtree import`, so both faces say the same. */
#ifndef DT_IMPORT_PLAN_H
#define DT_IMPORT_PLAN_H

#include "exchange.h"
#include "transfer.h"

/* Calls line(ctx, text) for each sentence, in order; text is valid during the call only. The
 * first says what the file (named name) holds; the rest what importing it would change. */
void import_plan_lines(const char *name, const struct exchange *x, const struct import_plan *p,
                       void (*line)(void *ctx, const char *text), void *ctx);

#endif
