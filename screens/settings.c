/* Settings: colours, font, text mode and personality type, saved together. */
#include <string.h>

#include "settings_form.h"

/* The screen's own choices. */
enum settings_choice { SETTINGS_DISCARD = 1 };

static void build(const struct screen *s, struct doc *d)
{
    doc_heading(d, 1, "Settings");
    doc_para(d, DOC_ROLE_TEXT,
             "Choose how DreamTree looks: colours and font show as you choose"
             " them. Going back keeps your choices; a change of face (text"
             " mode or full screen) comes once they are saved.");
    settings_form_build(s->priv, d);
    doc_action(d, CMD_SUBMIT, NULL, "Save the settings");
    screen_choice(d, SETTINGS_DISCARD, 0, "Leave the settings as they were");
    doc_heading(d, 2, "Your account and your data");
    screen_action(d, SCREEN_ACCOUNT, NULL, "Account, password and encryption");
    screen_action(d, SCREEN_TRANSFER, NULL, "Export or import your workbook");
}

static enum screen_result save(struct screen *s)
{
    if (!settings_form_save(s->priv, s->app))
        return SCREEN_REJECTED;
    const struct settings_form *f = s->priv;
    if (f->text_mode != f->text_mode_was)
        app_note(s->app, f->text_mode ? "Settings saved. Text mode from now on."
                                      : "Settings saved. The full screen from now on, where"
                                        " the terminal allows it.");
    else
        app_note(s->app, "Settings saved.");
    app_back(s->app);
    return SCREEN_HANDLED;
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    if (ev->cmd == CMD_SUBMIT)
        return save(s);
    if (ev->cmd == CMD_BACK) { /* going back keeps the work, here as everywhere */
        if (settings_form_changed(s->priv))
            return save(s);
        app_back(s->app);
        return SCREEN_HANDLED;
    }
    int choice;
    size_t index;
    if (ev->cmd == CMD_CHOOSE && screen_chosen(ev->arg, &choice, &index) &&
        choice == SETTINGS_DISCARD) {
        if (settings_form_changed(s->priv))
            app_note(s->app, "The settings are as they were.");
        app_back(s->app);
        return SCREEN_HANDLED;
    }
    return settings_form_change(s->priv, s->app, ev);
}

const struct screen_ops settings_screen = {
    .title = "Settings",
    .priv_size = sizeof(struct settings_form),
    .enter = settings_form_enter,
    .build = build,
    .command = command,
    .leave = settings_form_leave,
    .appearance = settings_form_appearance,
};
