/* Account (Settings, Account): claim the workbook with an email and a password, or sign in to an
 * account it then joins; once claimed, lock it, change the password, the recovery code or the
 * email, or delete the account. One screen, one form at a time. Passwords are kept only until
 * they are used, then wiped. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "accounts.h"
#include "app.h"
#include "transfer.h"

enum account_form {
    FORM_MAIN,
    FORM_CLAIM,
    FORM_SIGN_IN,
    FORM_PASSWORD,
    FORM_RECOVERY,
    FORM_EMAIL,
    FORM_DELETE,
    FORM_CODE, /* the recovery code, shown once */
};

/* The screen's own choices. */
enum account_choice {
    CHOOSE_FORM = 1, /* index: the form */
    CHOOSE_CANCEL,
    CHOOSE_LOCK,
    CHOOSE_CODE_KEPT,
    CHOOSE_SIGN_OUT,
};

#define SECRET_LEN (ACCOUNTS_PASSWORD_MAX + 1)

struct account_screen {
    struct account account;
    enum account_form form;
    char email[ACCOUNTS_EMAIL_LEN];
    char password[SECRET_LEN], again[SECRET_LEN], current[SECRET_LEN];
    char code[KEYWRAP_RECOVERY_LEN];
};

static void wipe(struct account_screen *a)
{
    explicit_bzero(a->password, sizeof a->password);
    explicit_bzero(a->again, sizeof a->again);
    explicit_bzero(a->current, sizeof a->current);
    a->email[0] = '\0';
}

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    (void)arg;
    struct account_screen *a = s->priv;
    return store_accounts_get(app_store(s->app), app_user(s->app), &a->account);
}

static void leave(struct screen *s)
{
    struct account_screen *a = s->priv;
    wipe(a);
    explicit_bzero(a->code, sizeof a->code);
}

static void field(struct doc *d, const char *id, const char *label, const char *value, bool secret,
                  const char *hint)
{
    struct doc_field *f = doc_field(d, DOC_FIELD_LINE, id, label);
    f->secret = secret;
    f->required = true;
    f->text = value && value[0] ? value : NULL;
    f->max_len = secret ? ACCOUNTS_PASSWORD_MAX : ACCOUNTS_EMAIL_LEN - 1;
    if (hint)
        f->hint = doc_str(d, hint);
}

static const char new_password_hint[] =
    "At least 10 characters. A few ordinary words in a row are easy to remember and hard to"
    " guess.";

static void build_main(const struct account_screen *a, struct doc *d)
{
    if (!a->account.claimed) {
        doc_para(d, DOC_ROLE_TEXT,
                 "This workbook has no account. Anyone who can use this computer account can"
                 " open it, and what you write is kept in its database as plain text.");
        doc_heading(d, 2, "Claim it");
        doc_para(d, DOC_ROLE_TEXT,
                 "Claiming gives the workbook your email and a password, and encrypts"
                 " everything you write in it with a key that only your password, or a"
                 " recovery code you get once, can open.");
        screen_choice(d, CHOOSE_FORM, FORM_CLAIM, "Claim my workbook");
        doc_heading(d, 2, "Already have an account?");
        doc_para(d, DOC_ROLE_TEXT,
                 "Sign in to it: what you wrote here joins it (a module you worked on in both"
                 " keeps the newer answers), and this workbook then opens as that account.");
        screen_choice(d, CHOOSE_FORM, FORM_SIGN_IN, "Sign in to my account");
    } else {
        doc_para(d, DOC_ROLE_TEXT,
                 doc_printf(d,
                            "This workbook belongs to %s. What you write in it is encrypted:"
                            " only your password, or your recovery code, opens it.",
                            a->account.email));
        screen_choice(d, CHOOSE_LOCK, 0, "Lock it now");
        screen_choice(d, CHOOSE_SIGN_OUT, 0, "Sign out and leave DreamTree");
        screen_choice(d, CHOOSE_FORM, FORM_PASSWORD, "Change the password");
        screen_choice(d, CHOOSE_FORM, FORM_RECOVERY, "Get a new recovery code");
        screen_choice(d, CHOOSE_FORM, FORM_EMAIL, "Change the email");
        screen_choice(d, CHOOSE_FORM, FORM_DELETE, "Delete the account");
    }
    doc_action(d, CMD_BACK, NULL, "Back");
}

static void build(const struct screen *s, struct doc *d)
{
    const struct account_screen *a = s->priv;
    doc_heading(d, 1, "Account");
    switch (a->form) {
    case FORM_MAIN: build_main(a, d); return;
    case FORM_CODE:
        doc_heading(d, 2, "Your recovery code");
        doc_para(d, DOC_ROLE_TEXT, a->code);
        doc_para(d, DOC_ROLE_NOTE,
                 "Write it down now and keep it away from this computer: it is shown only this"
                 " once. If you forget your password, it sets a new one: choose \"I forgot it\""
                 " on the locked screen (or run dreamtree account recover). If you lose both,"
                 " nobody can read your writing again.");
        screen_choice(d, CHOOSE_CODE_KEPT, 0, "I have written it down");
        return;
    case FORM_CLAIM:
        doc_heading(d, 2, "Claim my workbook");
        doc_para(d, DOC_ROLE_NOTE,
                 "Before you do: your writing will open only with your password or with the"
                 " recovery code you get next. If you lose both, nobody can read it again, not"
                 " you and not whoever runs this computer.");
        field(d, "email", "Your email", a->email, false,
              "It names your account; nothing is sent to it.");
        field(d, "password", "A password", a->password, true, new_password_hint);
        field(d, "again", "The same password again", a->again, true, NULL);
        doc_action(d, CMD_SUBMIT, NULL, "Claim and encrypt my workbook");
        break;
    case FORM_SIGN_IN:
        doc_heading(d, 2, "Sign in to my account");
        field(d, "email", "Your account's email", a->email, false, NULL);
        field(d, "password", "Its password", a->password, true, NULL);
        doc_action(d, CMD_SUBMIT, NULL, "Sign in and bring this workbook along");
        break;
    case FORM_PASSWORD:
        doc_heading(d, 2, "Change the password");
        field(d, "current", "Your password now", a->current, true, NULL);
        field(d, "password", "The new password", a->password, true, new_password_hint);
        field(d, "again", "The new password again", a->again, true, NULL);
        doc_action(d, CMD_SUBMIT, NULL, "Change the password");
        break;
    case FORM_RECOVERY:
        doc_heading(d, 2, "Get a new recovery code");
        doc_para(d, DOC_ROLE_TEXT, "The code you have now stops working.");
        field(d, "current", "Your password", a->current, true, NULL);
        doc_action(d, CMD_SUBMIT, NULL, "Make a new recovery code");
        break;
    case FORM_EMAIL:
        doc_heading(d, 2, "Change the email");
        field(d, "email", "The new email", a->email, false, NULL);
        field(d, "current", "Your password", a->current, true, NULL);
        doc_action(d, CMD_SUBMIT, NULL, "Change the email");
        break;
    case FORM_DELETE:
        doc_heading(d, 2, "Delete the account");
        doc_para(d, DOC_ROLE_NOTE,
                 doc_printf(d,
                            "This deletes the account and everything in its workbook: every"
                            " answer, draft, tool entry and score. It cannot be undone. Type"
                            " the account's email (%s) to confirm.",
                            a->account.email));
        field(d, "email", "The account's email", a->email, false, NULL);
        field(d, "current", "Your password", a->current, true, NULL);
        doc_action(d, CMD_SUBMIT, NULL, "Delete the account and its workbook");
        break;
    }
    screen_choice(d, CHOOSE_CANCEL, 0, "Cancel");
}

/* A form replaces the page in place: its first question takes the focus, and going back to the
 * page puts it on the choice that opened the form. */
static void focus_form(struct screen *s, enum account_form form)
{
    if (form == FORM_PASSWORD || form == FORM_RECOVERY)
        app_focus_field(s->app, "current");
    else if (form == FORM_CLAIM || form == FORM_SIGN_IN || form == FORM_EMAIL ||
             form == FORM_DELETE)
        app_focus_field(s->app, "email");
}

static void back_to_main(struct screen *s, struct account_screen *a)
{
    enum account_form from = a->form;
    a->form = FORM_MAIN;
    if (from != FORM_MAIN && from != FORM_CODE)
        app_focus_choice(s->app, CHOOSE_FORM, (size_t)from);
}

/* Says why an account call failed; SCREEN_REJECTED. */
static enum screen_result failed(struct screen *s, enum dt_status st, const char *what)
{
    struct store *store = app_store(s->app);
    if (st == DT_WRONG_PASSWORD)
        app_error(s->app, "%s", what);
    else if (st == DT_THROTTLED)
        app_error(s->app, "too many wrong tries: wait a little, then try again.");
    else if ((st == DT_INVALID || st == DT_DUPLICATE) && store_last_error(store)[0])
        app_error(s->app, "%s", store_last_error(store));
    else
        app_fail(s->app, "That could not be done", st);
    return SCREEN_REJECTED;
}

static bool same_twice(struct screen *s, const struct account_screen *a)
{
    if (strcmp(a->password, a->again) == 0)
        return true;
    app_error(s->app, "the two passwords are not the same.");
    return false;
}

static enum screen_result submit(struct screen *s)
{
    struct account_screen *a = s->priv;
    struct store *st = app_store(s->app);
    const char *user = app_user(s->app);
    enum dt_status r = DT_OK;
    switch (a->form) {
    case FORM_CLAIM:
        if (!same_twice(s, a))
            return SCREEN_REJECTED;
        r = store_accounts_claim(st, user, a->email, a->password, a->code);
        if (r != DT_OK)
            return failed(s, r, "");
        app_account_changed(s->app, NULL);
        app_note(s->app, "Your workbook is claimed, and what you wrote is encrypted.");
        a->form = FORM_CODE;
        break;
    case FORM_SIGN_IN: {
        char account[STORE_ID_LEN], anonymous[STORE_ID_LEN];
        int wait = 0;
        store_copy_text(anonymous, sizeof anonymous, user);
        r = store_accounts_sign_in(st, a->email, a->password, app_source(s->app), account, &wait);
        if (r != DT_OK)
            return failed(s, r, "that email and password do not match an account.");
        r = store_merge_into_account(st, anonymous, account);
        if (r != DT_OK) {
            store_accounts_lock(st);
            return failed(s, r, "");
        }
        app_account_changed(s->app, account);
        app_note(s->app, "You are signed in, and what you wrote here has joined your account.");
        app_home(s->app);
        break;
    }
    case FORM_PASSWORD:
        if (!same_twice(s, a))
            return SCREEN_REJECTED;
        r = store_accounts_change_password(st, user, a->current, a->password);
        if (r != DT_OK)
            return failed(s, r, "that is not your password now.");
        app_note(s->app, "Your password is changed. Your recovery code still works.");
        back_to_main(s, a);
        break;
    case FORM_RECOVERY:
        r = store_accounts_new_recovery(st, user, a->current, a->code);
        if (r != DT_OK)
            return failed(s, r, "that is not your password.");
        a->form = FORM_CODE;
        break;
    case FORM_EMAIL:
        r = store_accounts_change_email(st, user, a->current, a->email);
        if (r != DT_OK)
            return failed(s, r, "that is not your password.");
        app_note(s->app, "Your account's email is changed.");
        back_to_main(s, a);
        break;
    case FORM_DELETE:
        r = store_accounts_delete(st, user, a->email, a->current);
        if (r != DT_OK)
            return failed(s, r, "that is not your password.");
        app_note(s->app, "The account and its workbook are deleted.");
        app_finish(s->app);
        break;
    case FORM_MAIN:
    case FORM_CODE: return SCREEN_UNHANDLED;
    }
    wipe(a);
    store_accounts_get(st, app_user(s->app), &a->account);
    return SCREEN_HANDLED;
}

/* A field's new value into its buffer; the parsed copy is wiped. */
static void take(struct account_screen *a, const struct tui_event *ev)
{
    struct {
        const char *id;
        char *buf;
        size_t size;
    } to[] = {{"email", a->email, sizeof a->email},
              {"password", a->password, sizeof a->password},
              {"again", a->again, sizeof a->again},
              {"current", a->current, sizeof a->current}};
    cJSON *v = cJSON_Parse(ev->value);
    const char *text = cJSON_GetStringValue(v);
    for (size_t i = 0; i < sizeof to / sizeof *to; i++)
        if (strcmp(ev->field_id, to[i].id) == 0) {
            if (text && strlen(text) < to[i].size)
                strcpy(to[i].buf, text);
            else
                to[i].buf[0] = '\0';
        }
    if (text)
        explicit_bzero(v->valuestring, strlen(v->valuestring));
    cJSON_Delete(v);
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    struct account_screen *a = s->priv;
    if (ev->cmd == CMD_FIELD_CHANGED && ev->field_id) {
        take(a, ev);
        return SCREEN_HANDLED;
    }
    if (ev->cmd == CMD_SUBMIT)
        return submit(s);
    int choice;
    size_t index;
    if (ev->cmd != CMD_CHOOSE || !screen_chosen(ev->arg, &choice, &index))
        return SCREEN_UNHANDLED;
    switch (choice) {
    case CHOOSE_FORM:
        if (index > FORM_DELETE || index == FORM_MAIN)
            return SCREEN_UNHANDLED;
        wipe(a);
        a->form = (enum account_form)index;
        focus_form(s, a->form);
        return SCREEN_HANDLED;
    case CHOOSE_CANCEL:
        wipe(a);
        back_to_main(s, a);
        return SCREEN_HANDLED;
    case CHOOSE_CODE_KEPT:
        explicit_bzero(a->code, sizeof a->code);
        a->form = FORM_MAIN;
        return SCREEN_HANDLED;
    case CHOOSE_LOCK: app_lock(s->app); return SCREEN_HANDLED;
    case CHOOSE_SIGN_OUT: /* the keys are zeroed now; the next start asks for the password */
        store_accounts_lock(app_store(s->app));
        app_finish(s->app);
        return SCREEN_HANDLED;
    default: return SCREEN_UNHANDLED;
    }
}

const struct screen_ops account_screen = {
    .title = "Account",
    .priv_size = sizeof(struct account_screen),
    .enter = enter,
    .build = build,
    .command = command,
    .leave = leave,
};
