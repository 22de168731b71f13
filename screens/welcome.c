/* The first run: what DreamTree is, then the settings a person may want before starting. */
#include "settings_form.h"

static void build(const struct screen *s, struct doc *d)
{
    doc_heading(d, 1, "Welcome to DreamTree");
    doc_para(d, DOC_ROLE_INSTRUCTION,
             "DreamTree is a workbook for changing careers, grown like a tree. Roots is about"
             " you: your skills, the places and people that suit you, what you need to live."
             " Trunk turns that into direction: your values and a few real options. Branches"
             " takes you out into the working world: research, your story, and the people who"
             " can open doors.");
    doc_para(d, DOC_ROLE_INSTRUCTION,
             app_shared(s->app)
                 ? "Each exercise takes five to twenty minutes. Tools unlock as you go, and the"
                   " Daily Dos show what is waiting each time you come back. Everything you"
                   " write stays on this server, in your own workbook, which your SSH key opens;"
                   " claim it with a password (Settings, Account) and it is encrypted too."
                 : "Each exercise takes five to twenty minutes. Tools unlock as you go, and the"
                   " Daily Dos show what is waiting each time you come back. Everything you"
                   " write stays on this computer.");
    doc_para(d, DOC_ROLE_NOTE,
             "Before you start, choose how DreamTree looks. You can change"
             " any of it later under Settings.");
    settings_form_build(s->priv, d);
    doc_action(d, CMD_SUBMIT, NULL, "Start with these settings");
    screen_action(d, SCREEN_ACCOUNT, NULL, "I already have an account: sign in to it instead");
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    if (ev->cmd == CMD_SUBMIT) {
        if (!settings_form_save(s->priv, s->app))
            return SCREEN_REJECTED;
        app_replace(s->app, SCREEN_DASHBOARD, NULL);
        return SCREEN_HANDLED;
    }
    if (ev->cmd == CMD_BACK) { /* nothing to go back to: start, keeping any choice made */
        if (settings_form_changed(s->priv) && !settings_form_save(s->priv, s->app))
            return SCREEN_REJECTED;
        app_replace(s->app, SCREEN_DASHBOARD, NULL);
        return SCREEN_HANDLED;
    }
    return settings_form_change(s->priv, s->app, ev);
}

const struct screen_ops welcome_screen = {
    .title = "Welcome",
    .priv_size = sizeof(struct settings_form),
    .enter = settings_form_enter,
    .build = build,
    .command = command,
    .leave = settings_form_leave,
    .appearance = settings_form_appearance,
};
