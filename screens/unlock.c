/* Unlock: a claimed workbook asks for its password before anything it holds is shown, at the
 * start and after a lock. The password is kept only until it is checked, then wiped. */
#include <cjson/cJSON.h>
#include <string.h>

#include "accounts.h"
#include "app.h"

/* The screen's own choices. */
enum unlock_choice { CHOOSE_RECOVER = 1, CHOOSE_BACK, CHOOSE_CODE_KEPT };

enum unlock_form { FORM_PASSWORD, FORM_RECOVER, FORM_CODE };

struct unlock {
    struct account account;
    enum unlock_form form;
    char password[ACCOUNTS_PASSWORD_MAX + 1];
    char code[ACCOUNTS_PASSWORD_MAX + 1]; /* the recovery code as typed */
    char again[ACCOUNTS_PASSWORD_MAX + 1];
    char next[KEYWRAP_RECOVERY_LEN]; /* the code that replaces it, shown once */
};

static void wipe(struct unlock *u)
{
    explicit_bzero(u->password, sizeof u->password);
    explicit_bzero(u->code, sizeof u->code);
    explicit_bzero(u->again, sizeof u->again);
}

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    (void)arg;
    struct unlock *u = s->priv;
    return store_accounts_get(app_store(s->app), app_user(s->app), &u->account);
}

static void leave(struct screen *s)
{
    struct unlock *u = s->priv;
    wipe(u);
    explicit_bzero(u->next, sizeof u->next);
}

static void secret(struct doc *d, const char *id, const char *label, const char *value)
{
    struct doc_field *f = doc_field(d, DOC_FIELD_LINE, id, label);
    f->secret = true;
    f->required = true;
    f->max_len = ACCOUNTS_PASSWORD_MAX;
    f->text = value[0] ? value : NULL;
}

/* Forgot the password: the recovery code and a new password; then the next code, once. */
static void build_recover(const struct unlock *u, struct doc *d)
{
    if (u->form == FORM_CODE) {
        doc_heading(d, 1, "Your new recovery code");
        doc_para(d, DOC_ROLE_TEXT, u->next);
        doc_para(d, DOC_ROLE_NOTE,
                 "The code you used is used up. Write this one down now and keep it away from"
                 " this computer: it is shown only this once.");
        screen_choice(d, CHOOSE_CODE_KEPT, 0, "I have written it down");
        return;
    }
    doc_heading(d, 1, "Set a new password with your recovery code");
    doc_para(d, DOC_ROLE_TEXT,
             "The recovery code was shown once, when the workbook was claimed: groups of four"
             " letters and digits. Case, spaces and dashes do not matter.");
    secret(d, "code", "Recovery code", u->code);
    secret(d, "password", "A new password", u->password);
    secret(d, "again", "The new password again", u->again);
    doc_action(d, CMD_SUBMIT, NULL, "Set the new password and open my workbook");
    screen_choice(d, CHOOSE_BACK, 0, "Back to the password");
}

static void build(const struct screen *s, struct doc *d)
{
    const struct unlock *u = s->priv;
    d->home = true; /* leaving from here needs no question: nothing is open */
    if (u->form != FORM_PASSWORD) {
        build_recover(u, d);
        return;
    }
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
    screen_choice(d, CHOOSE_RECOVER, 0, "I forgot it: use my recovery code");
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

static enum screen_result recover(struct screen *s)
{
    struct unlock *u = s->priv;
    if (strcmp(u->password, u->again) != 0) {
        app_error(s->app, "the two passwords are not the same.");
        return SCREEN_REJECTED;
    }
    char user[STORE_ID_LEN];
    int wait = 0;
    enum dt_status st = store_accounts_recover(app_store(s->app), u->account.email, u->code,
                                               u->password, app_source(s->app), user, u->next,
                                               &wait);
    if (st == DT_OK && strcmp(user, app_user(s->app)) != 0) {
        store_accounts_lock(app_store(s->app)); /* another account's code: not this workbook */
        st = DT_WRONG_PASSWORD;
    }
    if (st != DT_OK) {
        if (st == DT_WRONG_PASSWORD)
            app_error(s->app, "that is not this workbook's recovery code.");
        else if (st == DT_THROTTLED)
            app_error(s->app, "too many wrong tries: try again in %d second%s.", wait,
                      wait == 1 ? "" : "s");
        else if (st == DT_INVALID && store_last_error(app_store(s->app))[0])
            app_error(s->app, "%s", store_last_error(app_store(s->app)));
        else
            app_fail(s->app, "The password could not be set", st);
        return SCREEN_REJECTED;
    }
    wipe(u);
    u->form = FORM_CODE;
    app_note(s->app, "Your new password is set, and your workbook is open.");
    return SCREEN_HANDLED;
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    struct unlock *u = s->priv;
    if (ev->cmd == CMD_FIELD_CHANGED && ev->field_id) {
        char *to = strcmp(ev->field_id, "password") == 0 ? u->password
                   : strcmp(ev->field_id, "code") == 0   ? u->code
                   : strcmp(ev->field_id, "again") == 0  ? u->again
                                                         : NULL;
        cJSON *v = cJSON_Parse(ev->value);
        const char *text = cJSON_GetStringValue(v);
        if (to) {
            if (text && strlen(text) < sizeof u->password)
                strcpy(to, text);
            else
                to[0] = '\0';
        }
        if (text)
            explicit_bzero(v->valuestring, strlen(v->valuestring));
        cJSON_Delete(v);
        return to ? SCREEN_HANDLED : SCREEN_UNHANDLED;
    }
    if (ev->cmd == CMD_SUBMIT)
        return u->form == FORM_RECOVER ? recover(s) : open_it(s);
    int choice;
    size_t index;
    if (ev->cmd != CMD_CHOOSE || !screen_chosen(ev->arg, &choice, &index))
        return SCREEN_UNHANDLED;
    wipe(u);
    if (choice == CHOOSE_RECOVER) { /* each form starts at its first question */
        u->form = FORM_RECOVER;
        app_focus_field(s->app, "code");
    } else if (choice == CHOOSE_BACK) {
        u->form = FORM_PASSWORD;
        app_focus_field(s->app, "password");
    } else if (choice == CHOOSE_CODE_KEPT) {
        explicit_bzero(u->next, sizeof u->next);
        app_replace(s->app, SCREEN_DASHBOARD, NULL);
    } else {
        return SCREEN_UNHANDLED;
    }
    return SCREEN_HANDLED;
}

const struct screen_ops unlock_screen = {
    .title = "Unlock",
    .priv_size = sizeof(struct unlock),
    .enter = enter,
    .build = build,
    .command = command,
    .leave = leave,
};
