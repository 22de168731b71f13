/* The workbook's contents: parts, modules and exercises with each one's state in words.
 * Only what the progression allows can be opened; answered exercises stay open for editing. */
#include <stdio.h>

#include "app.h"
#include "exercises.h"

struct contents {
    struct exercise_outline outline;
};

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    (void)arg;
    struct contents *c = s->priv;
    return store_exercises_outline(app_store(s->app), app_user(s->app), &c->outline);
}

static void leave(struct screen *s)
{
    struct contents *c = s->priv;
    store_exercises_outline_free(&c->outline);
}

static void build(const struct screen *s, struct doc *d)
{
    const struct exercise_outline *o = &((const struct contents *)s->priv)->outline;
    doc_heading(d, 1, "The workbook");
    if (o->nexercises == 0) {
        doc_para(d, DOC_ROLE_NOTE, "No exercises are loaded in this database.");
        doc_action(d, CMD_BACK, NULL, "Back");
        return;
    }
    for (size_t p = 0; p < o->nparts; p++) {
        const struct outline_part *part = &o->parts[p];
        doc_heading(d, 2, doc_printf(d, "Part %s: %s", part->part_id, part->title));
        for (size_t m = part->first_module; m < part->first_module + part->nmodules; m++) {
            const struct outline_module *mod = &o->modules[m];
            const struct module_progress *mp = &mod->progress;
            doc_heading(d, 3,
                        doc_printf(d, "Module %s: %s (%d of %d answered%s)", mp->module_key,
                                   mp->title, mp->answered, mp->exercises,
                                   mp->complete ? ", complete" : ""));
            for (size_t e = mod->first_exercise; e < mod->first_exercise + mod->nexercises; e++) {
                const struct outline_exercise *ex = &o->exercises[e];
                const char *state = store_exercises_state_name(ex->state);
                const char *title = doc_printf(d, "%s.%s.%s %s", ex->ref.part_id, ex->ref.module_id,
                                               ex->ref.exercise_id, ex->ref.title);
                const char *extra = ex->ref.is_required ? NULL : "optional";
                if (ex->state == EXERCISE_LOCKED)
                    doc_card(d, title, extra, state, 0, NULL, NULL);
                else {
                    struct screen_arg open = screen_arg_exercise(ex->ref.full_exercise_id);
                    screen_card(d, title, extra, state, SCREEN_EXERCISE, &open,
                                doc_printf(d, "%s %s (%s)",
                                           ex->state == EXERCISE_DONE ? "Review" : "Open", title,
                                           state));
                }
            }
        }
    }
    doc_action(d, CMD_BACK, NULL, "Back");
}

const struct screen_ops contents_screen = {
    .title = "Workbook",
    .priv_size = sizeof(struct contents),
    .enter = enter,
    .build = build,
    .leave = leave,
};
