/* The checks across content files: unique keys, the numbering of the workbook, exercises that
 * name tools and references which exist, and the references' citation numbers. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static const struct seed_tool *find_tool(const struct seed_content *c, const char *id)
{
    for (size_t i = 0; i < c->ntools; i++)
        if (strcmp(c->tools[i].t.id, id) == 0)
            return &c->tools[i];
    return NULL;
}

static struct seed_reference *find_ref(const struct seed_content *c, const char *key)
{
    for (size_t i = 0; i < c->nrefs; i++)
        if (strcmp(c->refs[i].key, key) == 0)
            return &c->refs[i];
    return NULL;
}

static int compare_exercises(const void *a, const void *b)
{
    const struct seed_exercise *x = a, *y = b;
    if (x->part != y->part)
        return x->part - y->part;
    if (x->module != y->module)
        return x->module - y->module;
    return x->number - y->number;
}

/* Reports keys that repeat: key(i) gives the key of element i, where(i) its place. */
#define CHECK_UNIQUE(array, count, keyexpr, what)                                             \
    for (size_t i_ = 0; i_ < (count); i_++)                                                   \
        for (size_t j_ = 0; j_ < i_; j_++) {                                                  \
            const char *a_ = (array)[i_].keyexpr, *b_ = (array)[j_].keyexpr;                  \
            if (a_ && b_ && a_[0] && strcmp(a_, b_) == 0) {                                   \
                seed_diag(d, (array)[i_].at.file, (array)[i_].at.line,                        \
                          "duplicate " what " \"%s\" (first at %s:%d)", a_,                   \
                          (array)[j_].at.file, (array)[j_].at.line);                          \
                break;                                                                        \
            }                                                                                 \
        }

static void check_reference_data(struct seed_content *c, struct seed_diags *d)
{
    CHECK_UNIQUE(c->tools, c->ntools, t.id, "tool id");
    CHECK_UNIQUE(c->types, c->ntypes, code, "personality type");
    CHECK_UNIQUE(c->competencies, c->ncompetencies, c.id, "competency id");
    CHECK_UNIQUE(c->refs, c->nrefs, key, "reference key");
    /* skills: the same name in any case is one skill */
    for (size_t i = 0; i < c->nskills; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(c->skills[i].folded, c->skills[j].folded) == 0) {
                seed_diag(d, c->skills[i].at.file, c->skills[i].at.line,
                          "duplicate skill \"%s\" (first at %s:%d)", c->skills[i].name,
                          c->skills[j].at.file, c->skills[j].at.line);
                break;
            }
}

static void check_numbering(struct seed_content *c, struct seed_diags *d)
{
    /* exercises: sorted, then no repeats and no gaps at any level */
    if (c->nexercises > 1)
        qsort(c->exercises, c->nexercises, sizeof *c->exercises, compare_exercises);
    const struct seed_exercise *prev = NULL;
    for (size_t i = 0; i < c->nexercises; i++) {
        const struct seed_exercise *e = &c->exercises[i];
        int pp = prev ? prev->part : 1, pm = prev ? prev->module : 1, pe = prev ? prev->number : 0;
        int ok;
        if (prev && compare_exercises(prev, e) == 0) {
            seed_diag(d, e->at.file, e->at.line, "duplicate exercise %d.%d.%d (first at %s:%d)",
                      e->part, e->module, e->number, prev->at.file, prev->at.line);
            continue;
        }
        if (!prev)
            ok = e->part == 1 && e->module == 1 && e->number == 1;
        else if (e->part == pp && e->module == pm)
            ok = e->number == pe + 1;
        else if (e->part == pp)
            ok = e->module == pm + 1 && e->number == 1;
        else
            ok = e->part == pp + 1 && e->module == 1 && e->number == 1;
        if (!ok && !prev)
            seed_diag(d, e->at.file, e->at.line,
                      "gap in the sequence: the workbook starts at %d.%d.%d, not 1.1.1", e->part,
                      e->module, e->number);
        else if (!ok)
            seed_diag(d, e->at.file, e->at.line,
                      "gap in the sequence: exercise %d.%d.%d follows %d.%d.%d", e->part, e->module,
                      e->number, pp, pm, pe);
        prev = e;
    }
    for (size_t i = 0; i < c->nheadings; i++)
        for (size_t j = 0; j < i; j++)
            if (c->headings[i].part == c->headings[j].part &&
                c->headings[i].module == c->headings[j].module)
            {
                char name[32];
                if (c->headings[i].module)
                    snprintf(name, sizeof name, "module %d.%d", c->headings[i].part,
                             c->headings[i].module);
                else
                    snprintf(name, sizeof name, "part %d", c->headings[i].part);
                seed_diag(d, c->headings[i].at.file, c->headings[i].at.line,
                          "duplicate heading for %s (first at %s:%d)", name,
                          c->headings[j].at.file, c->headings[j].at.line);
            }
}

static void check_exercises(struct seed_content *c, struct seed_diags *d)
{
    for (size_t i = 0; i < c->nexercises; i++) {
        struct seed_exercise *e = &c->exercises[i];
        snprintf(e->full_id, sizeof e->full_id, "%d.%d.%d.v%d", e->part, e->module, e->number,
                 e->version);
        size_t prompts = 0;
        for (size_t b = 0; b < e->nblocks; b++) {
            const struct seed_block *blk = &e->blocks[b];
            if (strcmp(blk->type, "prompt") != 0)
                continue;
            prompts++;
            for (size_t k = 0; k < b; k++)
                if (blk->key[0] && strcmp(e->blocks[k].key, blk->key) == 0)
                    seed_diag(d, blk->at.file, blk->at.line, "duplicate prompt key \"%s\" in %d.%d.%d",
                              blk->key, e->part, e->module, e->number);
            cJSON *input = blk->input_json ? cJSON_Parse(blk->input_json) : NULL;
            const cJSON *tool = cJSON_GetObjectItemCaseSensitive(input, "tool");
            if (cJSON_IsString(tool) && tool->valuestring[0] && !find_tool(c, tool->valuestring))
                seed_diag(d, blk->at.file, blk->at.line, "unknown tool \"%s\"", tool->valuestring);
            cJSON_Delete(input);
        }
        if (prompts == 0)
            seed_diag(d, e->at.file, e->at.line, "exercise %d.%d.%d has no prompt", e->part,
                      e->module, e->number);
        if (e->unlocks[0]) {
            struct seed_tool *tool = (struct seed_tool *)find_tool(c, e->unlocks);
            if (!tool)
                seed_diag(d, e->at.file, e->at.line, "unknown tool \"%s\"", e->unlocks);
            else if (tool->t.unlocks_at_exercise[0])
                seed_diag(d, e->at.file, e->at.line, "tool \"%s\" is unlocked twice (also by %s)",
                          e->unlocks, tool->t.unlocks_at_exercise);
            else
                snprintf(tool->t.unlocks_at_exercise, sizeof tool->t.unlocks_at_exercise, "%s",
                         e->full_id);
        }
        for (size_t s = 0; s < e->nsources; s++)
            if (!find_ref(c, e->sources[s].key))
                seed_diag(d, e->sources[s].at.file, e->sources[s].at.line,
                          "reference \"%s\" is cited but missing from references.rec",
                          e->sources[s].key);
    }
    if (c->nexercises > 0)
        for (size_t i = 0; i < c->ntools; i++)
            if (!c->tools[i].t.unlocks_at_exercise[0])
                seed_diag(d, c->tools[i].at.file, c->tools[i].at.line,
                          "tool \"%s\" is never unlocked (no exercise says \"unlocks: %s\")",
                          c->tools[i].t.id, c->tools[i].t.id);
}

/* Citation numbers by first appearance in the workbook; uncited references follow in file order. */
static void number_references(struct seed_content *c)
{
    int next = 1;
    for (size_t i = 0; i < c->nexercises; i++)
        for (size_t s = 0; s < c->exercises[i].nsources; s++) {
            struct seed_reference *r = find_ref(c, c->exercises[i].sources[s].key);
            if (r && r->citation_number == 0)
                r->citation_number = next++;
        }
    for (size_t i = 0; i < c->nrefs; i++)
        if (c->refs[i].citation_number == 0)
            c->refs[i].citation_number = next++;
}

void seed_check_content(struct seed_content *c, struct seed_diags *d)
{
    check_reference_data(c, d);
    check_numbering(c, d);
    check_exercises(c, d);
    number_references(c);
}
