#include "app.h"

#include "accounts.h"

#include "oom.h"
#include "preferences.h"
#include "users.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum pending_kind {
    PENDING_NONE,
    PENDING_OPEN,
    PENDING_REPLACE,
    PENDING_BACK,
    PENDING_HOME,
    PENDING_LOCK, /* every screen closed, the unlock screen alone */
};

struct app {
    struct store *st;
    char user_id[STORE_ID_LEN];
    bool claimed;     /* the workbook has an account: its writing needs the key */
    char source[160]; /* where sign-in attempts come from, for the throttle */
    bool shared;      /* on a shared server: nothing is written outside the database */
    int idle_exit;    /* seconds without a key before a shared session ends; 0: never */
    struct screen stack[APP_DEPTH];
    int depth;
    unsigned long generation;
    bool finished;
    /* navigation asked for by a handler, applied after it returns */
    enum pending_kind pending;
    enum screen_id pending_id;
    struct screen_arg pending_arg;
    /* the message for the renderer, and the one it is reading */
    char message[512], shown[512];
    bool has_message, message_error, shown_error;
    bool refreshing; /* a revealed screen is being loaded again */
    /* the action a screen asked to have the focus (app_focus), until the renderer takes it */
    bool has_focus_request;
    int focus_cmd;
    char focus_arg[APP_ARG_LEN], focus_taken[APP_ARG_LEN];
    /* words to find on the screen opened next (app_find_on_open), until the renderer takes
     * them; dropped when that screen does not open */
    bool find_waiting, has_find;
    char find_words[APP_FIND_LEN], find_taken[APP_FIND_LEN];
    /* the idle lock, read again from the store when another screen is shown */
    int idle_seconds;
    unsigned long idle_generation;
    bool has_idle;
    /* the saved look, read again from the store when another screen is shown */
    struct tui_appearance look;
    bool has_look;
    unsigned long look_generation;
    void (*after_first_frame)(struct app *a, void *ctx);
    void *after_first_frame_ctx;
};

static char last_error[512];

const char *app_last_error(void)
{
    return last_error;
}

struct store *app_store(const struct app *a)
{
    return a->st;
}

const char *app_user(const struct app *a)
{
    return a->user_id;
}

bool app_refreshing(const struct app *a)
{
    return a->refreshing;
}

static void set_message(struct app *a, bool is_error, const char *fmt, va_list ap)
{
    vsnprintf(a->message, sizeof a->message, fmt, ap);
    store_trim_partial_utf8(a->message);
    a->has_message = true;
    a->message_error = is_error;
}

void app_note(struct app *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_message(a, false, fmt, ap);
    va_end(ap);
}

void app_error(struct app *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_message(a, true, fmt, ap);
    va_end(ap);
}

void app_fail(struct app *a, const char *what, enum dt_status status)
{
    app_error(a, "%s: %s.", what, dt_status_message(status));
}

void app_after_first_frame(struct app *a, void (*fn)(struct app *a, void *ctx), void *ctx)
{
    a->after_first_frame = fn;
    a->after_first_frame_ctx = ctx;
}

void app_say_again(struct app *a)
{
    if (a->shown[0] && !a->has_message) {
        memcpy(a->message, a->shown, sizeof a->message);
        a->message_error = a->shown_error;
        a->has_message = true;
    }
}

/* ---- the stack ---- */

static void leave(struct screen *s)
{
    if (s->ops && s->ops->leave)
        s->ops->leave(s);
    free(s->priv);
    memset(s, 0, sizeof *s);
}

/* Fills slot with a freshly entered screen; false (and a message) when it cannot open. */
static bool enter(struct app *a, struct screen *slot, enum screen_id id,
                  const struct screen_arg *arg)
{
    const struct screen_ops *ops = screens_get(id);
    if (!ops) {
        app_error(a, "that screen cannot be opened.");
        return false;
    }
    struct screen s = {.ops = ops, .app = a, .id = id};
    if (arg)
        s.arg = *arg;
    if (ops->priv_size)
        s.priv = dt_oom_calloc(1, ops->priv_size);
    *slot = s; /* before enter: a screen may keep a pointer to itself */
    enum dt_status st = ops->enter ? ops->enter(slot, &slot->arg) : DT_OK;
    if (st != DT_OK) {
        if (!a->has_message)
            app_fail(a, ops->title ? ops->title : "That screen", st);
        if (ops->leave)
            ops->leave(slot);
        free(slot->priv);
        memset(slot, 0, sizeof *slot);
        return false;
    }
    return true;
}

/* Loads a revealed screen again, so it shows what changed above it. */
static void refresh(struct app *a, struct screen *s)
{
    enum screen_id id = s->id;
    struct screen_arg arg = s->arg;
    leave(s);
    a->refreshing = true;
    bool entered = enter(a, s, id, &arg);
    a->refreshing = false;
    if (entered)
        return;
    if (a->depth > 1)
        a->depth--; /* it can no longer open (the message says why): show the one below */
    else if (id == SCREEN_DASHBOARD || !enter(a, s, SCREEN_DASHBOARD, NULL))
        a->finished = true; /* not even the Daily Dos opens: the message says why; leave */
}

static void apply_one(struct app *a);

/* Navigation can chain: a screen may send the person on while it is being entered (the
 * exercise screen hands the competency assessment to its own screen). */
static void apply_pending(struct app *a)
{
    for (int hops = 0; a->pending != PENDING_NONE && hops < 4; hops++)
        apply_one(a);
    a->pending = PENDING_NONE;
    a->find_waiting = false; /* meant for a screen that was not opened */
}

static void apply_one(struct app *a)
{
    enum pending_kind kind = a->pending;
    a->pending = PENDING_NONE;
    switch (kind) {
    case PENDING_NONE: return;
    case PENDING_OPEN:
        if (a->depth == APP_DEPTH) { /* deep enough: drop the oldest above the root */
            leave(&a->stack[1]);
            memmove(&a->stack[1], &a->stack[2], sizeof a->stack[0] * (size_t)(APP_DEPTH - 2));
            memset(&a->stack[APP_DEPTH - 1], 0, sizeof a->stack[0]);
            a->depth--;
        }
        if (enter(a, &a->stack[a->depth], a->pending_id, &a->pending_arg)) {
            a->depth++;
            a->has_find = a->find_waiting;
        }
        a->find_waiting = false;
        break;
    case PENDING_REPLACE: {
        struct screen old = a->stack[a->depth - 1];
        if (enter(a, &a->stack[a->depth - 1], a->pending_id, &a->pending_arg)) {
            leave(&old);
        } else {
            a->stack[a->depth - 1] = old;
        }
        break;
    }
    case PENDING_BACK:
        if (a->depth <= 1) {
            a->finished = true;
            return;
        }
        leave(&a->stack[--a->depth]);
        refresh(a, &a->stack[a->depth - 1]);
        break;
    case PENDING_HOME:
        while (a->depth > 1)
            leave(&a->stack[--a->depth]);
        refresh(a, &a->stack[0]);
        break;
    case PENDING_LOCK:
        while (a->depth > 0)
            leave(&a->stack[--a->depth]);
        /* words searched for are the person's too: none outlives the lock */
        memset(&a->pending_arg, 0, sizeof a->pending_arg);
        memset(a->find_words, 0, sizeof a->find_words);
        memset(a->find_taken, 0, sizeof a->find_taken);
        if (enter(a, &a->stack[0], SCREEN_UNLOCK, NULL))
            a->depth = 1;
        else
            a->finished = true; /* the message says why */
        break;
    }
    for (struct screen *s = a->stack; s < a->stack + a->depth; s++)
        s->app = a;
    a->generation++;
}

static void request(struct app *a, enum pending_kind kind, enum screen_id id,
                    const struct screen_arg *arg)
{
    a->pending = kind;
    a->pending_id = id;
    a->pending_arg = arg ? *arg : (struct screen_arg){0};
}

void app_open(struct app *a, enum screen_id id, const struct screen_arg *arg)
{
    request(a, PENDING_OPEN, id, arg);
}

void app_replace(struct app *a, enum screen_id id, const struct screen_arg *arg)
{
    request(a, PENDING_REPLACE, id, arg);
}

void app_back(struct app *a)
{
    request(a, PENDING_BACK, SCREEN_NONE, NULL);
}

void app_focus(struct app *a, int cmd, const char *arg)
{
    a->has_focus_request = true;
    a->focus_cmd = cmd;
    store_copy_text(a->focus_arg, sizeof a->focus_arg, arg ? arg : "");
}

void app_focus_choice(struct app *a, int choice, size_t index)
{
    char buf[48];
    app_focus(a, CMD_CHOOSE, screen_choice_arg(choice, index, buf, sizeof buf));
}

void app_focus_field(struct app *a, const char *field_id)
{
    app_focus(a, CMD_FIELD_CHANGED, field_id);
}

void app_find_on_open(struct app *a, const char *words)
{
    store_copy_text(a->find_words, sizeof a->find_words, words ? words : "");
    a->find_waiting = a->find_words[0] != '\0';
    a->has_find = false;
}

void app_redisplay(struct app *a)
{
    a->generation++;
}

void app_reload(struct app *a)
{
    refresh(a, &a->stack[a->depth - 1]);
    a->generation++;
}

struct app *app_new(struct store *st, const char *user_id, enum screen_id first,
                    const struct screen_arg *arg)
{
    struct app *a = dt_oom_calloc(1, sizeof *a);
    a->st = st;
    store_copy_text(a->user_id, sizeof a->user_id, user_id);
    store_copy_text(a->source, sizeof a->source, "local");
    struct account acc;
    a->claimed = store_accounts_get(st, user_id, &acc) == DT_OK && acc.claimed;
    if (app_locked(a)) /* a claimed workbook opens with its password first */
        first = SCREEN_UNLOCK, arg = NULL;
    if (!enter(a, &a->stack[0], first, arg)) {
        snprintf(last_error, sizeof last_error, "%s", a->message);
        free(a);
        return NULL;
    }
    a->depth = 1;
    a->stack[0].app = a;
    return a;
}

void app_free(struct app **ap)
{
    if (!ap || !*ap)
        return;
    struct app *a = *ap;
    while (a->depth > 0)
        leave(&a->stack[--a->depth]);
    free(a);
    *ap = NULL;
}

/* ---- the account ---- */

bool app_locked(const struct app *a)
{
    return a->claimed && !store_accounts_unlocked(a->st, a->user_id);
}

void app_lock(struct app *a)
{
    if (!a->claimed) {
        app_note(a, "There is nothing to lock with yet: claim your workbook with a password in"
                    " Settings, Account.");
        return;
    }
    store_accounts_lock(a->st);
    request(a, PENDING_LOCK, SCREEN_UNLOCK, NULL);
    app_note(a, "Locked. Your password opens your workbook again.");
}

void app_account_changed(struct app *a, const char *user_id)
{
    if (user_id)
        store_copy_text(a->user_id, sizeof a->user_id, user_id);
    struct account acc;
    a->claimed = store_accounts_get(a->st, a->user_id, &acc) == DT_OK && acc.claimed;
    a->has_look = false; /* another user's colours, maybe */
}

void app_home(struct app *a)
{
    request(a, PENDING_HOME, SCREEN_NONE, NULL);
}

void app_finish(struct app *a)
{
    a->finished = true;
}

const char *app_source(const struct app *a)
{
    return a->source;
}

void app_set_shared(struct app *a, const char *source, int idle_exit_seconds)
{
    a->shared = true;
    a->idle_exit = idle_exit_seconds;
    store_copy_text(a->source, sizeof a->source, source);
}

static int host_idle_exit_seconds(void *ctx)
{
    return ((struct app *)ctx)->idle_exit;
}

bool app_shared(const struct app *a)
{
    return a->shared;
}

/* ---- the host ---- */

static void host_build(void *ctx, struct doc *d)
{
    struct app *a = ctx;
    const struct screen *top = &a->stack[a->depth - 1];
    if (!top->ops) { /* nothing could be opened (a->finished): say so, and only that */
        doc_heading(d, 1, "DreamTree");
        const char *why = a->has_message ? a->message : a->shown;
        doc_para(d, DOC_ROLE_ERROR, why[0] ? why : "Nothing can be shown.");
        doc_action(d, CMD_QUIT, NULL, "Leave DreamTree");
        return;
    }
    top->ops->build(top, d);
    d->locked = app_locked(a);
}

/* The commands every screen shares, after the screen has passed on them. */
static void global_command(struct app *a, const struct tui_event *ev)
{
    static const struct {
        enum cmd cmd;
        enum screen_id screen;
    } jumps[] = {
        {CMD_HELP, SCREEN_HELP},         {CMD_WORKBOOK, SCREEN_CONTENTS},
        {CMD_SETTINGS, SCREEN_SETTINGS}, {CMD_PROFILE, SCREEN_PROFILE},
        {CMD_CREDITS, SCREEN_CREDITS},   {CMD_TOOLS, SCREEN_TOOLS},
    };
    const struct screen *top = &a->stack[a->depth - 1];
    if (ev->cmd == CMD_LOCK) {
        app_lock(a);
        return;
    }
    if (app_locked(a) && !tui_keys_while_locked(ev->cmd)) {
        app_error(a, "your workbook is locked: type your password first.");
        return;
    }
    switch (ev->cmd) {
    case CMD_QUIT: a->finished = true; return;
    case CMD_BACK: app_back(a); return;
    case CMD_DASHBOARD: request(a, PENDING_HOME, SCREEN_NONE, NULL); return;
    case CMD_SEARCH: { /* the search screen takes it itself when it is on top */
        if (ev->arg && strlen(ev->arg) >= sizeof((struct screen_arg){0}.words)) {
            app_error(a, "that is too long to search for: use fewer words.");
            return;
        }
        struct screen_arg arg = screen_arg_words(ev->arg);
        app_open(a, SCREEN_SEARCH, &arg);
        return;
    }
    case CMD_OPEN: {
        enum screen_id id;
        struct screen_arg arg;
        if (screen_link_parse(ev->arg, &id, &arg))
            app_open(a, id, &arg);
        else
            app_error(a, "that cannot be opened.");
        return;
    }
    default: break;
    }
    for (size_t i = 0; i < sizeof jumps / sizeof *jumps; i++)
        if (jumps[i].cmd == ev->cmd && top->id != jumps[i].screen) {
            app_open(a, jumps[i].screen, NULL);
            return;
        }
}

static enum tui_outcome host_event(void *ctx, const struct tui_event *ev)
{
    struct app *a = ctx;
    struct screen *top = &a->stack[a->depth - 1];
    if (!top->ops)
        return TUI_FINISHED; /* nothing could be opened (host_build says why) */
    enum screen_result r = top->ops->command ? top->ops->command(top, ev) : SCREEN_UNHANDLED;
    if (r == SCREEN_UNHANDLED)
        global_command(a, ev);
    apply_pending(a);
    if (a->finished)
        return TUI_FINISHED;
    return r == SCREEN_REJECTED ? TUI_REJECTED : TUI_CONTINUE;
}

static unsigned long host_generation(void *ctx)
{
    return ((struct app *)ctx)->generation;
}

static const char *host_message(void *ctx, int *is_error)
{
    struct app *a = ctx;
    if (!a->has_message)
        return NULL;
    memcpy(a->shown, a->message, sizeof a->shown);
    a->has_message = false;
    a->shown_error = a->message_error;
    *is_error = a->message_error;
    return a->shown;
}

static void host_first_frame(void *ctx)
{
    struct app *a = ctx;
    void (*fn)(struct app *, void *) = a->after_first_frame;
    a->after_first_frame = NULL; /* once */
    if (fn)
        fn(a, a->after_first_frame_ctx);
}

static bool host_appearance(void *ctx, struct tui_appearance *out)
{
    struct app *a = ctx;
    const struct screen *top = a->depth > 0 ? &a->stack[a->depth - 1] : NULL;
    if (top && top->ops && top->ops->appearance)
        return top->ops->appearance(top, out);
    if (!a->has_look || a->look_generation != a->generation) { /* asked after every key */
        struct user_settings set;
        struct user_preferences prefs;
        memset(&a->look, 0, sizeof a->look); /* compared whole by the renderer */
        a->has_look = store_users_settings(a->st, a->user_id, &set) == DT_OK;
        if (!a->has_look)
            return false;
        a->look.text_mode = store_preferences_get(a->st, a->user_id, &prefs) == DT_OK &&
                            prefs.text_mode;
        store_copy_text(a->look.background, sizeof a->look.background, set.background_color);
        store_copy_text(a->look.text_color, sizeof a->look.text_color, set.text_color);
        store_copy_text(a->look.font, sizeof a->look.font, set.font);
        a->look_generation = a->generation;
    }
    *out = a->look;
    return true;
}

static int host_depth(void *ctx)
{
    return ((struct app *)ctx)->depth;
}

static bool host_focus_request(void *ctx, int *cmd, const char **arg)
{
    struct app *a = ctx;
    if (!a->has_focus_request)
        return false;
    a->has_focus_request = false;
    memcpy(a->focus_taken, a->focus_arg, sizeof a->focus_taken);
    *cmd = a->focus_cmd;
    *arg = a->focus_taken;
    return true;
}

static bool host_find_request(void *ctx, const char **words)
{
    struct app *a = ctx;
    if (!a->has_find)
        return false;
    a->has_find = false;
    memcpy(a->find_taken, a->find_words, sizeof a->find_taken);
    *words = a->find_taken;
    return true;
}

static int host_idle_lock_seconds(void *ctx)
{
    struct app *a = ctx;
    if (!a->claimed || app_locked(a))
        return 0;
    if (!a->has_idle || a->idle_generation != a->generation) {
        struct user_preferences prefs;
        a->idle_seconds = store_preferences_get(a->st, a->user_id, &prefs) == DT_OK
                              ? prefs.idle_lock_minutes * 60
                              : 15 * 60;
        a->has_idle = true;
        a->idle_generation = a->generation;
    }
    return a->idle_seconds;
}

struct tui_host app_host(struct app *a)
{
    return (struct tui_host){.ctx = a,
                             .build = host_build,
                             .event = host_event,
                             .generation = host_generation,
                             .message = host_message,
                             .appearance = host_appearance,
                             .first_frame = host_first_frame,
                             .depth = host_depth,
                             .focus_request = host_focus_request,
                             .find_request = host_find_request,
                             .idle_lock_seconds = host_idle_lock_seconds,
                             .idle_exit_seconds = host_idle_exit_seconds};
}
