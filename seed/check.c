/* The checks across content files: unique keys, the numbering of the workbook, exercises that
 * name tools and references which exist, and the references' citation numbers. */
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input_spec.h"
#include "model.h"

/* One element of an array, by key. Sorted by key and then place, the rows of an array line up
 * every element behind the first one with the same key: repeats are found, and keys looked up,
 * in O(n log n) however hostile the file (comparing every pair took minutes and gigabytes). */
struct keyed {
    const char *key;   /* "" never repeats */
    const char *shown; /* the key as a message shows it */
    const struct seed_where *where;
    size_t at;                 /* the place in its array */
    const struct keyed *first; /* the first row with this key (itself when it is first) */
};

static int compare_keyed(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* Sorts rows and links each to the first row of its key. */
static void sort_keyed(struct keyed *rows, size_t n)
{
    if (n > 1)
        qsort(rows, n, sizeof *rows, compare_keyed);
    for (size_t i = 0; i < n; i++) {
        bool same = i > 0 && rows[i].key[0] && strcmp(rows[i].key, rows[i - 1].key) == 0;
        rows[i].first = same ? rows[i - 1].first : &rows[i];
    }
}

/* The place of the first element whose key is key, among sorted rows; SIZE_MAX when none. */
static size_t find_keyed(const struct keyed *rows, size_t n, const char *key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(rows[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && key[0] && strcmp(rows[lo].key, key) == 0 ? rows[lo].at : SIZE_MAX;
}

/* Reports every element whose key an earlier one has, once, against the first, in the order of
 * the array. rows must be sorted (sort_keyed). -1 when out of memory. */
static int report_repeats(const struct keyed *rows, size_t n, const char *what, bool quoted,
                          struct seed_diags *d)
{
    const struct keyed **by_place = malloc((n ? n : 1) * sizeof *by_place);
    if (!by_place)
        return -1;
    for (size_t i = 0; i < n; i++)
        by_place[rows[i].at] = &rows[i];
    const char *q = quoted ? "\"" : "";
    for (size_t i = 0; i < n; i++) {
        const struct keyed *r = by_place[i];
        if (r->first != r)
            seed_diag(d, r->where->file, r->where->line, "duplicate %s %s%s%s (first at %s:%d)",
                      what, q, r->shown, q, r->first->where->file, r->first->where->line);
    }
    free(by_place);
    return 0;
}

/* Rows for count elements of elem_size bytes from array: the key is the text at key_offset (a
 * char array), the place at where_offset. malloc'd (caller frees); NULL when out of memory. */
static struct keyed *rows_of(const void *array, size_t count, size_t elem_size, size_t key_offset,
                             size_t where_offset)
{
    struct keyed *rows = malloc((count ? count : 1) * sizeof *rows);
    if (!rows)
        return NULL;
    for (size_t i = 0; i < count; i++) {
        const char *elem = (const char *)array + i * elem_size;
        rows[i] = (struct keyed){.key = elem + key_offset,
                                 .shown = elem + key_offset,
                                 .where = (const struct seed_where *)(elem + where_offset),
                                 .at = i};
    }
    sort_keyed(rows, count);
    return rows;
}

#define ROWS_OF(array, count, type, keyfield)                                                      \
    rows_of((array), (count), sizeof(type), offsetof(type, keyfield), offsetof(type, at))

/* The content and its sorted keys, for the checks below. */
struct checker {
    struct seed_content *c;
    struct seed_diags *d;
    struct keyed *tools, *refs; /* sorted: lookups by id and key */
};

static struct seed_tool *find_tool(const struct checker *k, const char *id)
{
    size_t at = find_keyed(k->tools, k->c->ntools, id);
    return at == SIZE_MAX ? NULL : &k->c->tools[at];
}

static struct seed_reference *find_ref(const struct checker *k, const char *key)
{
    size_t at = find_keyed(k->refs, k->c->nrefs, key);
    return at == SIZE_MAX ? NULL : &k->c->refs[at];
}

bool seed_is_control(const char *variant)
{
    return !variant || strcmp(variant, "control") == 0;
}

static int compare_numbers(const struct seed_exercise *x, const struct seed_exercise *y)
{
    if (x->part != y->part)
        return x->part - y->part;
    if (x->module != y->module)
        return x->module - y->module;
    return x->number - y->number;
}

/* By number; within one number the control first, then the variants by name; a repeat after
 * the heading it repeats. */
static int compare_exercises(const void *a, const void *b)
{
    const struct seed_exercise *x = a, *y = b;
    int c = compare_numbers(x, y);
    if (c)
        return c;
    bool xc = seed_is_control(x->variant), yc = seed_is_control(y->variant);
    if (xc != yc)
        return xc ? -1 : 1;
    if (!xc && (c = strcmp(x->variant, y->variant)) != 0)
        return c;
    return (x->parsed_at > y->parsed_at) - (x->parsed_at < y->parsed_at);
}

/* Moves every exercise that repeats the number of the one before it (its variants, and any
 * duplicate, already reported) into that one's variants: from here on c->exercises holds one
 * entry per exercise. The exercises must be sorted. -1 when out of memory. */
static int gather_variants(struct seed_content *c)
{
    size_t kept = 0;
    for (size_t i = 0; i < c->nexercises; i++) {
        struct seed_exercise *e = &c->exercises[i];
        if (kept > 0 && compare_numbers(&c->exercises[kept - 1], e) == 0) {
            struct seed_exercise *main = &c->exercises[kept - 1];
            struct seed_exercise *v = seed_push(&main->variants, &main->nvariants,
                                                sizeof *main->variants);
            if (!v)
                return -1; /* what is not moved yet is still in c->exercises, and freed */
            *v = *e;
            memset(e, 0, sizeof *e);
            continue;
        }
        if (kept != i) {
            c->exercises[kept] = *e;
            memset(e, 0, sizeof *e);
        }
        kept++;
    }
    c->nexercises = kept;
    return 0;
}

/* Keys that must be unique: tool ids, personality types, competency ids, reference keys and
 * skill names (the same name in any case or spacing is one skill, dt_fold_key). Keeps the tools' and references' rows
 * for lookups. -1 when out of memory. */
static int check_reference_data(struct checker *k)
{
    struct seed_content *c = k->c;
    k->tools = ROWS_OF(c->tools, c->ntools, struct seed_tool, t.id);
    k->refs = ROWS_OF(c->refs, c->nrefs, struct seed_reference, key);
    struct keyed *types = ROWS_OF(c->types, c->ntypes, struct seed_personality, code);
    struct keyed *competencies = ROWS_OF(c->competencies, c->ncompetencies, struct seed_competency,
                                         c.id);
    struct keyed *skills = malloc((c->nskills ? c->nskills : 1) * sizeof *skills);
    int rc = k->tools && k->refs && types && competencies && skills ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < c->nskills; i++)
        skills[i] = (struct keyed){.key = c->skills[i].folded ? c->skills[i].folded : "",
                                   .shown = c->skills[i].name,
                                   .where = &c->skills[i].at,
                                   .at = i};
    if (rc == 0) {
        sort_keyed(skills, c->nskills);
        rc |= report_repeats(k->tools, c->ntools, "tool id", true, k->d);
        rc |= report_repeats(types, c->ntypes, "personality type", true, k->d);
        rc |= report_repeats(competencies, c->ncompetencies, "competency id", true, k->d);
        rc |= report_repeats(k->refs, c->nrefs, "reference key", true, k->d);
        rc |= report_repeats(skills, c->nskills, "skill", true, k->d);
    }
    free(types);
    free(competencies);
    free(skills);
    return rc;
}

/* Exercises in order without repeats or gaps; part and module headings each once. */
static int check_numbering(struct checker *k)
{
    struct seed_content *c = k->c;
    struct seed_diags *d = k->d;
    if (c->nexercises > 1)
        qsort(c->exercises, c->nexercises, sizeof *c->exercises, compare_exercises);
    const struct seed_exercise *prev = NULL, *same = NULL; /* same: the last with its number */
    for (size_t i = 0; i < c->nexercises; same = &c->exercises[i], i++) {
        const struct seed_exercise *e = &c->exercises[i];
        int pp = prev ? prev->part : 1, pm = prev ? prev->module : 1, pe = prev ? prev->number : 0;
        int ok;
        if (prev && compare_numbers(prev, e) == 0) {
            /* a variant group's copy of the exercise; the control and each group once */
            bool control = seed_is_control(e->variant);
            if (control || strcmp(same->variant ? same->variant : "", e->variant) == 0) {
                if (control)
                    seed_diag(d, e->at.file, e->at.line,
                              "duplicate exercise %d.%d.%d (first at %s:%d)", e->part, e->module,
                              e->number, prev->at.file, prev->at.line);
                else
                    seed_diag(d, e->at.file, e->at.line,
                              "duplicate variant \"%s\" of exercise %d.%d.%d (first at %s:%d)",
                              e->variant, e->part, e->module, e->number, same->at.file,
                              same->at.line);
            }
            continue;
        }
        if (!seed_is_control(e->variant))
            seed_diag(d, e->at.file, e->at.line,
                      "exercise %d.%d.%d has the variant \"%s\" but no control (the same"
                      " heading without \"variant:\")",
                      e->part, e->module, e->number, e->variant);
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
    /* a heading's key is its name: "part 1", "module 1.2" (numbers are 1 to 99) */
    enum { NAME = 16 };
    char *names = malloc((c->nheadings ? c->nheadings : 1) * NAME);
    struct keyed *rows = malloc((c->nheadings ? c->nheadings : 1) * sizeof *rows);
    int rc = names && rows ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < c->nheadings; i++) {
        const struct seed_heading *h = &c->headings[i];
        char *name = names + i * NAME;
        if (h->module)
            snprintf(name, NAME, "module %d.%d", h->part, h->module);
        else
            snprintf(name, NAME, "part %d", h->part);
        rows[i] = (struct keyed){.key = name, .shown = name, .where = &h->at, .at = i};
    }
    if (rc == 0) {
        sort_keyed(rows, c->nheadings);
        rc = report_repeats(rows, c->nheadings, "heading for", false, d);
    }
    free(rows);
    free(names);
    return rc;
}

/* Prompt keys repeated within one exercise; rows has room for its blocks. */
static int check_prompt_keys(struct checker *k, const struct seed_exercise *e, struct keyed *rows)
{
    size_t n = 0;
    for (size_t b = 0; b < e->nblocks; b++)
        if (strcmp(e->blocks[b].type, "prompt") == 0) {
            rows[n] = (struct keyed){.key = e->blocks[b].key,
                                     .shown = e->blocks[b].key,
                                     .where = &e->blocks[b].at,
                                     .at = n};
            n++;
        }
    sort_keyed(rows, n);
    return report_repeats(rows, n, "prompt key", true, k->d);
}

/* What a prompt asks for, as a message says it: its input type ("tool flow-tracker" for a
 * tool); "" when its input could not be read (said already). */
static void prompt_kind(const struct seed_block *blk, char *out, size_t size)
{
    cJSON *input = blk->input_json ? cJSON_Parse(blk->input_json) : NULL;
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(input, INPUT_KEY_TYPE);
    const cJSON *tool = cJSON_GetObjectItemCaseSensitive(input, INPUT_KEY_TOOL);
    snprintf(out, size, "%s%s%s", cJSON_IsString(type) ? type->valuestring : "",
             cJSON_IsString(tool) ? " " : "", cJSON_IsString(tool) ? tool->valuestring : "");
    cJSON_Delete(input);
}

/* A variant must ask every question its control asks (by prompt key), each with the same kind
 * of input: an answer is kept under the key, and what one group answered must read as an
 * answer to the exercise. rows has room for the control's blocks. */
static void check_variant(struct checker *k, const struct seed_exercise *control,
                          const struct seed_exercise *v, struct keyed *rows)
{
    size_t n = 0;
    for (size_t b = 0; b < v->nblocks; b++) {
        if (strcmp(v->blocks[b].type, "prompt") != 0)
            continue;
        rows[n++] = (struct keyed){.key = v->blocks[b].key,
                                   .shown = v->blocks[b].key,
                                   .where = &v->blocks[b].at,
                                   .at = b};
    }
    sort_keyed(rows, n);
    for (size_t b = 0; b < control->nblocks; b++) {
        const struct seed_block *want = &control->blocks[b];
        if (strcmp(want->type, "prompt") != 0)
            continue;
        size_t at = find_keyed(rows, n, want->key);
        if (at == SIZE_MAX) {
            seed_diag(k->d, v->at.file, v->at.line,
                      "variant \"%s\" of exercise %d.%d.%d lacks the prompt \"%s\" its control"
                      " has (%s:%d)",
                      v->variant, v->part, v->module, v->number, want->key, want->at.file,
                      want->at.line);
            continue;
        }
        char wanted[80], got[80];
        prompt_kind(want, wanted, sizeof wanted);
        prompt_kind(&v->blocks[at], got, sizeof got);
        if (wanted[0] && got[0] && strcmp(wanted, got) != 0)
            seed_diag(k->d, v->blocks[at].at.file, v->blocks[at].at.line,
                      "prompt \"%s\" takes a %s input in variant \"%s\" but a %s input in the"
                      " control (%s:%d)",
                      want->key, got, v->variant, wanted, want->at.file, want->at.line);
    }
}

/* One exercise's blocks (the control's or a variant's): prompt keys once each, tools that
 * exist, at least one prompt. rows has room for its blocks. -1 when out of memory. */
static int check_blocks(struct checker *k, const struct seed_exercise *e, struct keyed *rows)
{
    int rc = check_prompt_keys(k, e, rows);
    size_t prompts = 0;
    for (size_t b = 0; b < e->nblocks; b++) {
        const struct seed_block *blk = &e->blocks[b];
        if (strcmp(blk->type, "prompt") != 0)
            continue;
        prompts++;
        struct input_spec *input = NULL; /* an input it cannot read is said already */
        char why[200];
        if (blk->input_json &&
            input_spec_parse(blk->input_json, &input, why, sizeof why) == DT_OK && input->tool &&
            !find_tool(k, input->tool))
            seed_diag(k->d, blk->at.file, blk->at.line, "unknown tool \"%s\"", input->tool);
        input_spec_free(&input);
    }
    if (prompts == 0)
        seed_diag(k->d, e->at.file, e->at.line, "exercise %d.%d.%d has no prompt", e->part,
                  e->module, e->number);
    return rc;
}

static int check_exercises(struct checker *k)
{
    struct seed_content *c = k->c;
    struct seed_diags *d = k->d;
    size_t most = 1;
    for (size_t i = 0; i < c->nexercises; i++) {
        const struct seed_exercise *e = &c->exercises[i];
        most = e->nblocks > most ? e->nblocks : most;
        for (size_t v = 0; v < e->nvariants; v++)
            most = e->variants[v].nblocks > most ? e->variants[v].nblocks : most;
    }
    struct keyed *rows = malloc(most * sizeof *rows);
    if (!rows)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < c->nexercises; i++) {
        struct seed_exercise *e = &c->exercises[i];
        snprintf(e->full_id, sizeof e->full_id, "%d.%d.%d.v%d", e->part, e->module, e->number,
                 e->version);
        rc = check_blocks(k, e, rows);
        for (size_t j = 0; rc == 0 && j < e->nvariants; j++) {
            struct seed_exercise *v = &e->variants[j];
            /* the exercise's settings, version and sources are the control's */
            if (v->meta_given)
                seed_diag(d, v->at.file, v->at.line,
                          "a variant takes \"required:\", \"unlocks:\", \"version:\" and"
                          " \"source:\" from its control");
            v->version = e->version;
            memcpy(v->full_id, e->full_id, sizeof v->full_id);
            rc = check_blocks(k, v, rows);
            if (rc == 0 && seed_is_control(e->variant) && !seed_is_control(v->variant))
                check_variant(k, e, v, rows);
        }
        if (e->unlocks[0]) {
            struct seed_tool *tool = find_tool(k, e->unlocks);
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
            if (!find_ref(k, e->sources[s].key))
                seed_diag(d, e->sources[s].at.file, e->sources[s].at.line,
                          "reference \"%s\" is cited but missing from references.rec",
                          e->sources[s].key);
    }
    free(rows);
    if (rc == 0 && c->nexercises > 0)
        for (size_t i = 0; i < c->ntools; i++)
            if (!c->tools[i].t.unlocks_at_exercise[0])
                seed_diag(d, c->tools[i].at.file, c->tools[i].at.line,
                          "tool \"%s\" is never unlocked (no exercise says \"unlocks: %s\")",
                          c->tools[i].t.id, c->tools[i].t.id);
    return rc;
}

/* Citation numbers by first appearance in the workbook, uncited references following in file
 * order; and each reference's metadata gets "referenced_in", the exercises that cite it. */
static int number_references(struct checker *k)
{
    struct seed_content *c = k->c;
    cJSON **cited = malloc((c->nrefs ? c->nrefs : 1) * sizeof *cited);
    if (!cited)
        return -1;
    for (size_t i = 0; i < c->nrefs; i++)
        cited[i] = cJSON_AddArrayToObject(c->refs[i].metadata, "referenced_in");
    int next = 1;
    for (size_t i = 0; i < c->nexercises; i++) {
        const struct seed_exercise *e = &c->exercises[i];
        for (size_t s = 0; s < e->nsources; s++) {
            size_t at = find_keyed(k->refs, c->nrefs, e->sources[s].key);
            if (at == SIZE_MAX)
                continue;
            struct seed_reference *r = &c->refs[at];
            if (r->citation_number == 0)
                r->citation_number = next++;
            /* an exercise is listed once, however often it cites the reference */
            const cJSON *last = cited[at] && cited[at]->child ? cited[at]->child->prev : NULL;
            if (cited[at] && (!last || strcmp(last->valuestring, e->full_id) != 0))
                cJSON_AddItemToArray(cited[at], cJSON_CreateString(e->full_id));
        }
    }
    for (size_t i = 0; i < c->nrefs; i++)
        if (c->refs[i].citation_number == 0)
            c->refs[i].citation_number = next++;
    free(cited);
    return 0;
}

int seed_check_content(struct seed_content *c, struct seed_diags *d)
{
    struct checker k = {.c = c, .d = d};
    int rc = check_reference_data(&k);
    if (rc == 0)
        rc = check_numbering(&k);
    if (rc == 0)
        rc = gather_variants(c);
    if (rc == 0)
        rc = check_exercises(&k);
    if (rc == 0)
        rc = number_references(&k);
    free(k.tools);
    free(k.refs);
    return rc;
}
