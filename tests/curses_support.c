/* What the curses test programs share (curses_support.h). */
#include "curses_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "support.h"

char *run(const struct tui_host *host, const struct tui_fullscreen_options *o, int w, int h,
          const char *keys)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    int rc = tui_fullscreen_run_script(host, o, w, h, keys, out);
    fclose(out);
    if (!CHECK(rc == 0))
        printf("#   the script did not run: %s\n", keys);
    return text;
}

void golden(const char *name, const char *got)
{
    char file[256], what[300];
    snprintf(file, sizeof file, "curses-%s.txt", name);
    snprintf(what, sizeof what, "%s: the dump matches tests/golden/%s", name, file);
    support_golden(file, what, got);
}

/* The k-th dump (0 first) of a run's output; a static copy. */
const char *nth_dump(const char *text, int k)
{
    static char *copy;
    free(copy);
    copy = NULL;
    const char *p = text;
    for (int i = 0; p && i < k; i++) {
        p = strstr(p + 1, "\nscreen ");
        p = p ? p + 1 : NULL;
    }
    if (!p)
        return "";
    const char *end = strstr(p + 1, "\nscreen ");
    copy = strndup(p, end ? (size_t)(end - p + 1) : strlen(p));
    return copy;
}

/* Row r of a dump (without its frame), into buf. */
const char *dump_row(const char *dump, int r, char *buf, size_t size)
{
    const char *p = strchr(dump, '\n');
    for (int i = 0; p && i < r; i++)
        p = strchr(p + 1, '\n');
    buf[0] = '\0';
    if (!p || p[1] != '|')
        return buf;
    const char *end = strchr(p + 2, '\n');
    size_t n = end ? (size_t)(end - p - 3) : 0;
    if (n >= size)
        n = size - 1;
    memcpy(buf, p + 2, n);
    buf[n] = '\0';
    return buf;
}

int cursor_row(const char *dump)
{
    int r = -1, c = -1;
    const char *p = strstr(dump, "cursor at row ");
    if (p)
        sscanf(p, "cursor at row %d column %d", &r, &c);
    return r;
}

int row_of(const char *dump, const char *want)
{
    char row[1024];
    for (int r = 0; dump_row(dump, r, row, sizeof row)[0]; r++) /* "" past the last row */
        if (strstr(row, want))
            return r;
    return -1;
}

/* The cursor's row holds want. */
void check_cursor_on(const char *name, const char *dump, const char *want)
{
    char row[1024], what[256];
    dump_row(dump, cursor_row(dump), row, sizeof row);
    snprintf(what, sizeof what, "%s: the cursor's row holds \"%s\"", name, want);
    if (!check_at(__FILE__, __LINE__, strstr(row, want) != NULL, what))
        printf("#   cursor row %d: \"%s\"\n", cursor_row(dump), row);
}

void check_has(const char *name, const char *text, const char *want, bool has)
{
    char what[256];
    snprintf(what, sizeof what, "%s: %s \"%s\"", name, has ? "shows" : "does not show", want);
    check_at(__FILE__, __LINE__, (strstr(text, want) != NULL) == has, what);
}

void world_open(struct world *w)
{
    w->st = support_store();
    support_user(w->st, w->user);
    w->app = app_new(w->st, w->user, SCREEN_DASHBOARD, NULL);
    if (!w->app) {
        printf("Bail out! app_new: %s\n", app_last_error());
        exit(1);
    }
    w->host = app_host(w->app);
}

/* The app again over the same store, as a new run of the program would be. */
void world_restart(struct world *w)
{
    app_free(&w->app);
    w->app = app_new(w->st, w->user, SCREEN_DASHBOARD, NULL);
    w->host = app_host(w->app);
}

/* The app again, showing screen (with arg) first. */
void world_show(struct world *w, enum screen_id screen, struct screen_arg arg)
{
    app_free(&w->app);
    w->app = app_new(w->st, w->user, screen, &arg);
    if (!w->app) {
        printf("Bail out! app_new %d: %s\n", (int)screen, app_last_error());
        exit(1);
    }
    w->host = app_host(w->app);
}

void world_close(struct world *w)
{
    app_free(&w->app);
    store_close(&w->st);
}