/* The plain renderer: text mode for screen readers, pipes and TERM=dumb. Output is append-only
 * lines with no escape sequences, no cursor movement and no drawing characters; every menu is
 * numbered; state is said in words. A whole session can be driven by piped stdin. */
#ifndef DT_PLAIN_H
#define DT_PLAIN_H

#include <stdio.h>

#include "host.h"

/* Runs the host until it finishes or input ends. Returns 0, or -1 when writing failed. */
int tui_plain_run(const struct tui_host *host, FILE *in, FILE *out);

#endif
