/* The settings form shared by the welcome screen and the settings screen: colours, font, text
 * mode and personality type. It keeps its own copy of the choices until save(). */
#ifndef DT_SETTINGS_FORM_H
#define DT_SETTINGS_FORM_H

#include <stdbool.h>

#include "app.h"
#include "personality.h"
#include "users.h"

struct settings_form {
    struct user_settings settings;
    struct user_settings settings_was; /* as loaded: what "as they were" puts back */
    bool text_mode;
    bool text_mode_was; /* as loaded: a change of face waits for the next start */
    bool claimed;       /* the idle lock is offered only to a claimed workbook */
    int idle_lock_minutes, idle_lock_minutes_was;
    struct personality_type *types;
    size_t ntypes;
};

/* The enter and leave of a screen whose state is a settings form (welcome, settings). */
enum dt_status settings_form_enter(struct screen *s, const struct screen_arg *arg);
void settings_form_leave(struct screen *s);
/* Adds the form's fields to d. */
void settings_form_build(const struct settings_form *f, struct doc *d);
/* Takes a changed field; SCREEN_UNHANDLED when the event is not one of the form's. */
enum screen_result settings_form_change(struct settings_form *f, struct app *a,
                                        const struct tui_event *ev);
/* Whether anything differs from what was loaded. */
bool settings_form_changed(const struct settings_form *f);
/* The colours and font being chosen, to preview them (the face stays the saved one until the
 * form is saved): a screen's appearance hook. */
bool settings_form_appearance(const struct screen *s, struct tui_appearance *out);
/* Saves all of it; false (and an error for the person) when it could not. */
bool settings_form_save(const struct settings_form *f, struct app *a);

#endif
