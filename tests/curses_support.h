/* What the curses test programs share: running a key script in the full screen's test mode and
 * reading its dumps, the checks made on them, and a world of the real screens over a :memory:
 * store with the fixture content. */
#ifndef DT_CURSES_SUPPORT_H
#define DT_CURSES_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "fullscreen.h"

/* The dumps of host run with keys on a w x h screen (tui_fullscreen_run_script); malloc'd
 * (caller frees). A script that does not run fails a check. */
char *run(const struct tui_host *host, const struct tui_fullscreen_options *o, int w, int h,
          const char *keys);
/* got must match tests/golden/curses-NAME.txt (DT_UPDATE_GOLDEN=1 rewrites it). */
void golden(const char *name, const char *got);
/* The k-th dump (0 first) of a run's output; a static copy, good until the next call. */
const char *nth_dump(const char *text, int k);
/* Row r of a dump (without its frame), into buf. */
const char *dump_row(const char *dump, int r, char *buf, size_t size);
/* The row the dump says the cursor is on, or -1. */
int cursor_row(const char *dump);
/* The first row of a dump that holds want, or -1. */
int row_of(const char *dump, const char *want);
/* Checks that the cursor's row holds want. */
void check_cursor_on(const char *name, const char *dump, const char *want);
/* Checks that text holds want (has) or does not (!has). */
void check_has(const char *name, const char *text, const char *want, bool has);

/* The real screens over a fresh :memory: store with the fixture content and one user. */
struct world {
    struct store *st;
    char user[STORE_ID_LEN];
    struct app *app;
    struct tui_host host;
};

void world_open(struct world *w);
/* The app again over the same store, as a new run of the program would be. */
void world_restart(struct world *w);
/* The app again, showing screen (with arg) first. */
void world_show(struct world *w, enum screen_id screen, struct screen_arg arg);
void world_close(struct world *w);

#endif
