/* The screens' framework: a stack of screens over one store and one user, seen by the
 * renderers as a tui_host. Data flows one way per action (DESIGN.md 2): an event goes to the
 * top screen's command handler (then to the global handler), which changes state, calls the
 * store and may ask to navigate; only the renderer draws, from build(). */
#ifndef DT_APP_H
#define DT_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "host.h"
#include "screen_id.h"
#include "status.h"
#include "store.h"

#define APP_DEPTH 12
#define APP_ARG_LEN 128
#define APP_FIND_LEN 128

struct app;
struct screen;

enum screen_result {
    SCREEN_UNHANDLED, /* not this screen's business: the global handler takes it */
    SCREEN_HANDLED,
    SCREEN_REJECTED, /* a value was refused; app_error() said why */
};

/* One per screen, a const table with designated initialisers. */
struct screen_ops {
    const char *title; /* for the help screen and the breadcrumbs */
    size_t priv_size;  /* the framework allocates (zeroed) and frees the screen's state */
    /* Load what the screen shows. A failure is shown as an error and the screen not opened. */
    enum dt_status (*enter)(struct screen *s, const struct screen_arg *arg);
    /* Describe the screen: no I/O, no side effects. */
    void (*build)(const struct screen *s, struct doc *d);
    enum screen_result (*command)(struct screen *s, const struct tui_event *ev);
    /* Free what enter loaded (priv itself is freed by the framework). May be NULL. */
    void (*leave)(struct screen *s);
    /* Optional: how DreamTree is to look while this screen is on top (the settings preview
     * colours before they are saved); without it, as the settings hold. */
    bool (*appearance)(const struct screen *s, struct tui_appearance *out);
};

struct screen {
    const struct screen_ops *ops;
    struct app *app;
    void *priv;
    enum screen_id id;
    struct screen_arg arg;
};

/* A new app over st for user_id, showing the screen named first (e.g. "dashboard"). Free with
 * app_free. NULL when the first screen cannot be opened (app_last_error says why). */
struct app *app_new(struct store *st, const char *user_id, enum screen_id first,
                    const struct screen_arg *arg);
void app_free(struct app **a);
/* The renderers' view of the app. */
struct tui_host app_host(struct app *a);

/* For screens. */
struct store *app_store(const struct app *a);
const char *app_user(const struct app *a);
/* True while a screen revealed by going back is loaded again (enter is called anew), so it can
 * leave out what it says only on arrival. */
bool app_refreshing(const struct app *a);
/* Opens a screen on top (from a command handler: applied before the next build). */
void app_open(struct app *a, enum screen_id id, const struct screen_arg *arg);
/* Replaces the top screen. */
void app_replace(struct app *a, enum screen_id id, const struct screen_arg *arg);
void app_back(struct app *a);
/* Asks the renderer to put the focus on the action with cmd and arg once the screen is built
 * again (the full screen focuses it; text mode makes it the menu's default). */
void app_focus(struct app *a, int cmd, const char *arg);
/* The same for one of the screen's own choices (screen_choice). */
void app_focus_choice(struct app *a, int choice, size_t index);
/* Asks the full screen to put the focus on the field with this id (a page turned into a form
 * starts at its first question, not where the old page's focus was). */
void app_focus_field(struct app *a, const char *field_id);
/* Asks the renderer to find words on the screen opened next (app_open from the same handler),
 * as the page find does: a search result opens on the words it was found by. Dropped when that
 * screen does not open. */
void app_find_on_open(struct app *a, const char *words);
/* Shows the whole screen again (text mode prints a screen in full only when it changes). */
void app_redisplay(struct app *a);
/* A message shown once: a note, or an error (for a store failure use app_fail). */
void app_note(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void app_error(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Work that can wait until the first screen is shown (the renderers call it once, after
 * drawing it): fn(a, ctx). */
void app_after_first_frame(struct app *a, void (*fn)(struct app *a, void *ctx), void *ctx);
/* Loads the top screen again and shows it anew: the data under it changed (new content). */
void app_reload(struct app *a);
/* The last message the renderer showed, once more: for the face that takes over when the
 * person switches between full screen and text mode. */
void app_say_again(struct app *a);
/* An error from the store, in words (never user text). */
void app_fail(struct app *a, const char *what, enum dt_status status);
/* The account (accounts.h). Locked: the workbook is claimed and the store does not hold its
 * keys; then only the unlock screen, help and leaving work. */
bool app_locked(const struct app *a);
/* Locks a claimed workbook (keys zeroed; the unlock screen alone), or says there is nothing to
 * lock with. Pending typing has been sent by the renderer before. */
void app_lock(struct app *a);
/* The account changed under the app: claimed, or another user (user_id, NULL for the same)
 * after signing in to an account the workbook joined. */
void app_account_changed(struct app *a, const char *user_id);
/* Back to the first screen (the Daily Dos), loaded again. */
void app_home(struct app *a);
/* Leave DreamTree after this event (the account was deleted). */
void app_finish(struct app *a);
/* Where sign-in attempts come from ("local"; on a shared server, the SSH key). */
const char *app_source(const struct app *a);
/* A shared server (docs/ssh-server.md): sign-in attempts are counted against source (the SSH
 * key), screens write no file (what they would write is shown to copy instead), and the
 * session ends after idle_exit_seconds without a key (0: never), with a warning a minute
 * before. */
void app_set_shared(struct app *a, const char *source, int idle_exit_seconds);
bool app_shared(const struct app *a);
/* The last error message (after app_new returned NULL). */
const char *app_last_error(void);

/* The registry (registry.c): every screen by id. NULL for SCREEN_NONE. */
const struct screen_ops *screens_get(enum screen_id id);

#endif
