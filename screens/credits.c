/* Credits: the works DreamTree draws on, alphabetical by author, and each exercise's sources
 * with the spec's treatment of its usage type. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "references.h"

struct credits {
    struct reference *refs;
    size_t nrefs;
    struct source_credit *sources;
    size_t nsources;
};

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    (void)arg;
    struct credits *c = s->priv;
    enum dt_status status = store_references_by_surname(app_store(s->app), &c->refs, &c->nrefs);
    if (status == DT_OK)
        status = store_references_all_sources(app_store(s->app), &c->sources, &c->nsources);
    return status;
}

static void leave(struct screen *s)
{
    struct credits *c = s->priv;
    store_references_list_free(&c->refs, c->nrefs);
    store_references_credits_free(&c->sources, c->nsources);
}

static void build(const struct screen *s, struct doc *d)
{
    const struct credits *c = s->priv;
    doc_heading(d, 1, "Credits");
    doc_para(d, DOC_ROLE_TEXT,
             "DreamTree's exercises are its own writing. These are the works"
             " whose ideas they build on.");
    doc_heading(d, 2, "Works, by author");
    for (size_t i = 0; i < c->nrefs; i++)
        doc_para(d, DOC_ROLE_TEXT,
                 doc_printf(d, "[%d] %s", c->refs[i].citation_number, c->refs[i].full_citation));
    doc_heading(d, 2, "Sources of each exercise");
    for (size_t i = 0; i < c->nsources; i++) {
        char line[600];
        size_t n = store_references_credit_line(&c->sources[i], line, sizeof line);
        /* inspiration is credited here only, by its short citation */
        /* the exercise as a person numbers it: 1.1.1, not the row's 1.1.1.v1 */
        const char *id = c->sources[i].exercise_id, *version = strstr(id, ".v");
        doc_para(d, DOC_ROLE_TEXT,
                 doc_printf(d, "Exercise %.*s: %s [%d]",
                            (int)(version ? (size_t)(version - id) : strlen(id)), id,
                            n ? line
                              : doc_printf(d, "Inspired by %s", c->sources[i].ref.short_citation),
                            c->sources[i].ref.citation_number));
    }
    doc_action(d, CMD_BACK, NULL, "Back");
}

const struct screen_ops credits_screen = {
    .title = "Credits",
    .priv_size = sizeof(struct credits),
    .enter = enter,
    .build = build,
    .leave = leave,
};
