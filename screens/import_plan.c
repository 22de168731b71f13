/* What an import would do, in sentences (import_plan.h). */
#include "import_plan.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct out {
    void (*line)(void *ctx, const char *text);
    void *ctx;
};

static void say(const struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(const struct out *o, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    o->line(o->ctx, text);
}

/* "1 tool entry", "2 tool entries". */
static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

void import_plan_lines(const char *name, const struct exchange *x, const struct import_plan *p,
                       void (*line)(void *ctx, const char *text), void *ctx)
{
    const struct out o = {line, ctx};
    size_t answers = 0;
    for (size_t i = 0; i < x->nmodules; i++)
        answers += x->modules[i].nexercises;
    say(&o, "%s holds %zu %s (%zu %s), %zu tool %s, %zu competency %s and %zu custom %s%s.", name,
        x->nmodules, plural(x->nmodules, "module", "modules"), answers,
        plural(answers, "answer", "answers"), x->ntools, plural(x->ntools, "entry", "entries"),
        x->nscores, plural(x->nscores, "score", "scores"), x->ncustom_skills,
        plural(x->ncustom_skills, "skill", "skills"), x->encryption.present ? ", encrypted" : "");
    bool changes = p->exercises_written || p->tools_added || p->tools_updated ||
                   p->scores_written || p->skills_added || p->settings_applied;
    say(&o, "%s", changes ? "Importing it would:" : "Importing it would change nothing. It would:");
    if (p->modules_added)
        say(&o, "  add %zu %s you had not started", p->modules_added,
            plural(p->modules_added, "module", "modules"));
    if (p->modules_replaced) {
        char list[8 * 17 + 8] = "";
        for (size_t i = 0; i < p->modules_replaced && i < 8; i++) {
            strcat(list, " ");
            strcat(list, p->replaced[i]);
        }
        say(&o, "  replace %zu %s with the file's newer answers:%s%s", p->modules_replaced,
            plural(p->modules_replaced, "module", "modules"), list,
            p->modules_replaced > 8 ? " ..." : "");
    }
    if (p->modules_kept)
        say(&o, "  keep %zu %s, where yours are as new or newer", p->modules_kept,
            plural(p->modules_kept, "module", "modules"));
    if (p->exercises_written)
        say(&o, "  write %zu %s", p->exercises_written,
            plural(p->exercises_written, "answer", "answers"));
    if (p->tools_added)
        say(&o, "  add %zu tool %s", p->tools_added, plural(p->tools_added, "entry", "entries"));
    if (p->tools_updated)
        say(&o, "  update %zu tool %s changed later in the file", p->tools_updated,
            plural(p->tools_updated, "entry", "entries"));
    if (p->tools_duplicate)
        say(&o, "  skip %zu tool %s already here", p->tools_duplicate,
            plural(p->tools_duplicate, "entry", "entries"));
    if (p->tools_kept)
        say(&o, "  keep %zu tool %s changed later here", p->tools_kept,
            plural(p->tools_kept, "entry", "entries"));
    if (p->scores_written)
        say(&o, "  take %zu competency %s assessed later in the file", p->scores_written,
            plural(p->scores_written, "score", "scores"));
    if (p->scores_kept)
        say(&o, "  keep %zu competency %s assessed later here", p->scores_kept,
            plural(p->scores_kept, "score", "scores"));
    if (p->skills_added)
        say(&o, "  add %zu custom %s (for review again)", p->skills_added,
            plural(p->skills_added, "skill", "skills"));
    say(&o, "  %s",
        p->settings_applied ? "take the file's colours and font (yours were never changed)"
                            : "keep your colours and font");
}
