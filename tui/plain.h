/* The plain renderer: text mode for screen readers, pipes and TERM=dumb. Output is append-only
 * lines with no escape sequences, no cursor movement and no drawing characters; every menu is
 * numbered; state is said in words. A whole session can be driven by piped stdin. */
#ifndef DT_PLAIN_H
#define DT_PLAIN_H

#include <stdio.h>

#include "host.h"

/* Runs the host until it finishes or input ends. Returns 0; 1 when the person, having chosen
 * text mode, chose the full screen in the settings (the caller starts it when the terminal
 * allows, else runs text mode again); -1 when writing failed; 128 + the signal when SIGHUP,
 * SIGTERM or SIGINT stopped it (every answer already sent is kept). */
int tui_plain_run(const struct tui_host *host, FILE *in, FILE *out);

#endif
