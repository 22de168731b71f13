/* Unlock: a claimed workbook asks for its password before anything it holds is shown, at the
 * start and after a lock. The password is kept only until it is checked, then wiped. */
#include <cjson/cJSON.h>
#include <string.h>

#include "accounts.h"
#include "app.h"

struct unlock {
    struct account account;
    char password[ACCOUNTS_PASSWORD_MAX + 1];
};

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    (void)arg;
    struct unlock *u = s->priv;
    return store_accounts_get(app_store(s->app), app_user(s->app), &u->account);
}

static void leave(struct screen *s)
{
    struct unlock *u = s->priv;
    explicit_bzero(u->password, sizeof u->password);
}

static void build(const struct screen *s, struct doc *d)
{
    const struct unlock *u = s->priv;
    d->home = true; /* leaving from here needs no question: nothing is open */
    doc_heading(d, 1, "Your workbook is locked");
    doc_para(d, DOC_ROLE_TEXT,
             doc_printf(d,
                        "It belongs to the account %s, and what you wrote in it is encrypted."
                        " Type your password to open it.",
                        u->account.email));
    struct doc_field *f = doc_field(d, DOC_FIELD_LINE, "password", "Password");
    f->secret = true;
    f->required = true;
    f->text = u->password[0] ? u->password : NULL;
    doc_action(d, CMD_SUBMIT, NULL, "Open my workbook");
    doc_para(d, DOC_ROLE_NOTE,
             doc_printf(d,
                        "Forgot your password? Leave DreamTree and run: dreamtree account recover"
                        " --email %s. It asks for the recovery code you were given when you"
                        " claimed the workbook.",
                        u->account.email));
    doc_action(d, CMD_QUIT, NULL, "Leave DreamTree");
}

static enum screen_result open_it(struct screen *s)
{
    struct unlock *u = s->priv;
    if (!u->password[0]) {
        app_error(s->app, "type your password first.");
        return SCREEN_REJECTED;
    }
    int wait = 0;
    enum dt_status st = store_accounts_unlock(app_store(s->app), app_user(s->app), u->password,
                                              app_source(s->app), &wait);
    explicit_bzero(u->password, sizeof u->password);
    if (st == DT_OK) {
        app_replace(s->app, SCREEN_DASHBOARD, NULL);
        app_note(s->app, "Your workbook is open.");
        return SCREEN_HANDLED;
    }
    if (st == DT_WRONG_PASSWORD)
        app_error(s->app, "that is not the password; try again in %d second%s.", wait,
                  wait == 1 ? "" : "s");
    else if (st == DT_THROTTLED)
        app_error(s->app, "too many wrong tries: try again in %d second%s.", wait,
                  wait == 1 ? "" : "s");
    else
        app_fail(s->app, "Your workbook could not be opened", st);
    return SCREEN_REJECTED;
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    struct unlock *u = s->priv;
    if (ev->cmd == CMD_FIELD_CHANGED && ev->field_id && strcmp(ev->field_id, "password") == 0) {
        cJSON *v = cJSON_Parse(ev->value);
        const char *text = cJSON_GetStringValue(v);
        if (text && strlen(text) < sizeof u->password)
            strcpy(u->password, text);
        else
            u->password[0] = '\0';
        if (v && v->valuestring)
            explicit_bzero(v->valuestring, strlen(v->valuestring));
        cJSON_Delete(v);
        return SCREEN_HANDLED;
    }
    if (ev->cmd == CMD_SUBMIT)
        return open_it(s);
    return SCREEN_UNHANDLED;
}

const struct screen_ops unlock_screen = {
    .title = "Unlock",
    .priv_size = sizeof(struct unlock),
    .enter = enter,
    .build = build,
    .command = command,
    .leave = leave,
};
