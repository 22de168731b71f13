/* Parsers of the reference data files: tools.rec, personality-types.rec, competencies.rec,
 * skills.rec and references.rec (docs/content-format.md). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "model.h"
#include "rec.h"
#include "skills.h"
#include "store.h"

void *seed_push(void *array_ptr, size_t *n, size_t elem_size)
{
    char *array;
    memcpy(&array, array_ptr, sizeof array);
    /* The room doubles whenever the count reaches a power of two, so no capacity needs keeping
     * and a file of a million headings is not copied a million times. */
    if ((*n & (*n - 1)) == 0) {
        size_t room = *n ? *n * 2 : 1;
        if (room > SIZE_MAX / elem_size)
            return NULL;
        char *grown = realloc(array, room * elem_size);
        if (!grown)
            return NULL;
        array = grown;
        memcpy(array_ptr, &array, sizeof array);
    }
    memset(array + *n * elem_size, 0, elem_size);
    return array + (*n)++ * elem_size;
}

/* Copies a value into a fixed buffer, reporting one that does not fit. */
static void copy_field(char *dst, size_t size, const char *value, const struct seed_where *at,
                       const char *name, struct seed_diags *d)
{
    if (!value) {
        dst[0] = '\0';
        return;
    }
    if (strlen(value) >= size)
        seed_diag(d, at->file, at->line, "\"%s\" is longer than %zu bytes", name, size - 1);
    store_copy_text(dst, size, value);
}

/* A whole number from lo to hi, or -1 (reported) when value is not one. */
static int whole_number(const char *value, int lo, int hi, const struct seed_where *at,
                        const char *name, struct seed_diags *d)
{
    char *end = NULL;
    long v = value ? strtol(value, &end, 10) : 0;
    if (!value || end == value || *end || v < lo || v > hi) {
        seed_diag(d, at->file, at->line, "\"%s\" must be a whole number from %d to %d", name, lo,
                  hi);
        return -1;
    }
    return (int)v;
}

/* Reports a value longer than max bytes. */
static void check_length(const char *value, size_t max, const struct seed_where *at,
                         const char *name, struct seed_diags *d)
{
    if (value && strlen(value) > max)
        seed_diag(d, at->file, at->line, "\"%s\" is longer than %zu bytes", name, max);
}

static int is_slug(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return 0;
    return 1;
}

static int read_rec(struct seed_content *c, const char *path, struct rec_file *f,
                    struct seed_diags *d, const char **file)
{
    *file = seed_content_file(c, path);
    if (!*file)
        return -1;
    if (rec_file_read(path, f, d) != 0) {
        rec_file_free(f);
        return 1; /* reported; nothing to parse */
    }
    return 0;
}

int seed_refdata_tools(struct seed_content *c, const char *path, struct seed_diags *d)
{
    static const char *const fields[] = {"id",       "singular", "plural",  "icon",
                                         "reminder", "prompt",   "version", NULL};
    struct rec_file f;
    const char *file;
    int rc = read_rec(c, path, &f, d, &file);
    if (rc)
        return rc < 0 ? -1 : 0;
    for (size_t i = 0; i < f.n; i++) {
        const struct rec *r = &f.recs[i];
        struct seed_tool *t = seed_push(&c->tools, &c->ntools, sizeof *c->tools);
        if (!t) {
            rc = -1;
            break;
        }
        t->at = (struct seed_where){file, r->line};
        rec_only(&f, r, fields, d);
        const char *id = rec_need(&f, r, "id", d);
        if (id && !is_slug(id))
            seed_diag(d, file, r->line, "tool id \"%s\" must be lowercase letters, digits and '-'",
                      id);
        copy_field(t->t.id, sizeof t->t.id, id, &t->at, "id", d);
        copy_field(t->t.singular_name, sizeof t->t.singular_name, rec_need(&f, r, "singular", d),
                   &t->at, "singular", d);
        copy_field(t->t.plural_name, sizeof t->t.plural_name, rec_need(&f, r, "plural", d), &t->at,
                   "plural", d);
        copy_field(t->t.icon_name, sizeof t->t.icon_name, rec_need(&f, r, "icon", d), &t->at,
                   "icon", d);
        const char *reminder = rec_need(&f, r, "reminder", d);
        if (reminder && strcmp(reminder, "none") != 0) {
            if (strcmp(reminder, "daily") && strcmp(reminder, "weekly") &&
                strcmp(reminder, "monthly"))
                seed_diag(d, file, rec_get(r, "reminder")->line,
                          "reminder must be daily, weekly, monthly or none");
            t->t.has_reminder = true;
            copy_field(t->t.reminder_frequency, sizeof t->t.reminder_frequency, reminder, &t->at,
                       "reminder", d);
            copy_field(t->t.reminder_prompt, sizeof t->t.reminder_prompt,
                       rec_need(&f, r, "prompt", d), &t->at, "prompt", d);
        } else if (rec_get(r, "prompt")) {
            seed_diag(d, file, rec_get(r, "prompt")->line, "a prompt needs a reminder frequency");
        }
        const struct rec_field *version = rec_get(r, "version");
        t->t.version = version ? whole_number(version->value, 1, 999, &t->at, "version", d) : 1;
        t->t.is_active = true;
    }
    rec_file_free(&f);
    return rc;
}

int seed_refdata_personality(struct seed_content *c, const char *path, struct seed_diags *d)
{
    static const char *const fields[] = {"code", "name", "summary", NULL};
    struct rec_file f;
    const char *file;
    int rc = read_rec(c, path, &f, d, &file);
    if (rc)
        return rc < 0 ? -1 : 0;
    for (size_t i = 0; i < f.n && rc == 0; i++) {
        const struct rec *r = &f.recs[i];
        struct seed_personality *p = seed_push(&c->types, &c->ntypes, sizeof *c->types);
        if (!p) {
            rc = -1;
            break;
        }
        p->at = (struct seed_where){file, r->line};
        rec_only(&f, r, fields, d);
        const char *code = rec_need(&f, r, "code", d);
        if (code) {
            int ok = strlen(code) == 4 && strchr("EI", code[0]) && strchr("SN", code[1]) &&
                     strchr("TF", code[2]) && strchr("JP", code[3]);
            if (!ok)
                seed_diag(d, file, r->line, "\"%s\" is not a four-letter type code like INTJ",
                          code);
            store_copy_text(p->code, sizeof p->code, code);
        }
        const char *name = rec_need(&f, r, "name", d), *summary = rec_need(&f, r, "summary", d);
        p->name = strdup(name ? name : "");
        p->summary = strdup(summary ? summary : "");
        if (!p->name || !p->summary)
            rc = -1;
    }
    rec_file_free(&f);
    return rc;
}

static const char *const categories[] = {"delivery", "interpersonal", "strategic", NULL};

static int in_list(const char *value, const char *const *list)
{
    for (; value && *list; list++)
        if (strcmp(value, *list) == 0)
            return 1;
    return 0;
}

/* "1.1, 2.3" to ["1.1","2.3"]; NULL when empty. */
static char *modules_json(const char *value)
{
    cJSON *array = cJSON_CreateArray();
    char buf[512];
    store_copy_text(buf, sizeof buf, value ? value : "");
    for (char *save = NULL, *tok = strtok_r(buf, ", ", &save); tok;
         tok = strtok_r(NULL, ", ", &save))
        cJSON_AddItemToArray(array, cJSON_CreateString(tok));
    char *text = cJSON_GetArraySize(array) ? cJSON_PrintUnformatted(array) : NULL;
    cJSON_Delete(array);
    return text;
}

int seed_refdata_competencies(struct seed_content *c, const char *path, struct seed_diags *d)
{
    static const char *const fields[] = {"id",        "name",       "category",  "order",
                                         "modules",   "definition", "level 1",   "level 2",
                                         "level 3",   "level 4",    "level 5",   "context 1",
                                         "context 2", "context 3",  "context 4", "context 5",
                                         NULL};
    struct rec_file f;
    const char *file;
    int rc = read_rec(c, path, &f, d, &file);
    if (rc)
        return rc < 0 ? -1 : 0;
    for (size_t i = 0; i < f.n; i++) {
        const struct rec *r = &f.recs[i];
        struct seed_competency *k = seed_push(&c->competencies, &c->ncompetencies,
                                              sizeof *c->competencies);
        if (!k) {
            rc = -1;
            break;
        }
        k->at = (struct seed_where){file, r->line};
        rec_only(&f, r, fields, d);
        const char *id = rec_need(&f, r, "id", d);
        if (id && !is_slug(id))
            seed_diag(d, file, r->line,
                      "competency id \"%s\" must be lowercase letters, digits, '-'", id);
        copy_field(k->c.id, sizeof k->c.id, id, &k->at, "id", d);
        copy_field(k->c.name, sizeof k->c.name, rec_need(&f, r, "name", d), &k->at, "name", d);
        const char *category = rec_need(&f, r, "category", d);
        if (category && !in_list(category, categories))
            seed_diag(d, file, rec_get(r, "category")->line,
                      "category must be delivery, interpersonal or strategic");
        copy_field(k->c.category, sizeof k->c.category, category, &k->at, "category", d);
        const char *order = rec_need(&f, r, "order", d);
        k->c.sort_order = order ? whole_number(order, 1, 99, &k->at, "order", d) : 0;
        copy_field(k->c.definition, sizeof k->c.definition, rec_need(&f, r, "definition", d),
                   &k->at, "definition", d);
        const struct rec_field *modules = rec_get(r, "modules");
        k->modules_json = modules ? modules_json(modules->value) : NULL;
        for (int level = 1; level <= 5; level++) {
            char name[16];
            snprintf(name, sizeof name, "level %d", level);
            struct competency_level *l = &k->levels[level - 1];
            l->level = level;
            copy_field(l->description, sizeof l->description, rec_need(&f, r, name, d), &k->at,
                       name, d);
            snprintf(name, sizeof name, "context %d", level);
            const struct rec_field *context = rec_get(r, name);
            copy_field(l->job_context, sizeof l->job_context, context ? context->value : "", &k->at,
                       name, d);
        }
    }
    rec_file_free(&f);
    return rc;
}

static const char *const skill_categories[] = {"transferable", "self_management", "knowledge",
                                               NULL};

int seed_refdata_skills(struct seed_content *c, const char *path, struct seed_diags *d)
{
    static const char *const fields[] = {"category", "skill+", NULL};
    struct rec_file f;
    const char *file;
    int rc = read_rec(c, path, &f, d, &file);
    if (rc)
        return rc < 0 ? -1 : 0;
    for (size_t i = 0; i < f.n && rc == 0; i++) {
        const struct rec *r = &f.recs[i];
        rec_only(&f, r, fields, d);
        const char *category = rec_need(&f, r, "category", d);
        if (category && !in_list(category, skill_categories))
            seed_diag(d, file, rec_get(r, "category")->line,
                      "category must be transferable, self_management or knowledge");
        for (size_t j = 0; j < r->n; j++) {
            if (strcmp(r->fields[j].name, "skill") != 0)
                continue;
            struct seed_where at = {file, r->fields[j].line};
            const char *name = r->fields[j].value;
            if (!name[0] || strlen(name) > SKILLS_NAME_MAX) {
                seed_diag(d, file, at.line, "a skill name needs 1 to %d bytes", SKILLS_NAME_MAX);
                continue;
            }
            struct seed_skill *s = seed_push(&c->skills, &c->nskills, sizeof *c->skills);
            if (!s) {
                rc = -1;
                break;
            }
            s->at = at;
            s->name = strdup(name);
            s->folded = dt_fold_key(name);
            copy_field(s->category, sizeof s->category, category, &at, "category", d);
            if (!s->name || !s->folded)
                rc = -1;
        }
    }
    rec_file_free(&f);
    return rc;
}

static const char *const ref_categories[] = {"Career Development & Life Design",
                                             "Personality & Career Fit",
                                             "Psychology, Performance & Mindset",
                                             "Communication & Storytelling",
                                             "Networking & Social Theory",
                                             "Skills Assessment & Classification",
                                             "Organizational Frameworks",
                                             "Online Resources",
                                             NULL};

int seed_refdata_references(struct seed_content *c, const char *path, struct seed_diags *d)
{
    static const char *const fields[] = {"key",      "surname",   "citation", "short",
                                         "category", "influence", "concepts", "application",
                                         "notes",    NULL};
    struct rec_file f;
    const char *file;
    int rc = read_rec(c, path, &f, d, &file);
    if (rc)
        return rc < 0 ? -1 : 0;
    for (size_t i = 0; i < f.n && rc == 0; i++) {
        const struct rec *r = &f.recs[i];
        struct seed_reference *ref = seed_push(&c->refs, &c->nrefs, sizeof *c->refs);
        if (!ref) {
            rc = -1;
            break;
        }
        ref->at = (struct seed_where){file, r->line};
        rec_only(&f, r, fields, d);
        const char *key = rec_need(&f, r, "key", d);
        if (key && !is_slug(key))
            seed_diag(d, file, r->line,
                      "reference key \"%s\" must be lowercase letters, digits, '-'", key);
        copy_field(ref->key, sizeof ref->key, key, &ref->at, "key", d);
        const char *surname = rec_need(&f, r, "surname", d);
        const char *citation = rec_need(&f, r, "citation", d);
        const char *short_citation = rec_need(&f, r, "short", d);
        const struct rec_field *category = rec_get(r, "category");
        check_length(surname, 79, &ref->at, "surname", d);
        check_length(short_citation, 255, &ref->at, "short", d);
        if (category && !in_list(category->value, ref_categories))
            seed_diag(d, file, category->line, "category \"%s\" is not one of the spec's eight",
                      category->value);
        ref->surname = strdup(surname ? surname : "");
        ref->full_citation = strdup(citation ? citation : "");
        ref->short_citation = strdup(short_citation ? short_citation : "");
        ref->category = strdup(category ? category->value : "");
        ref->metadata = cJSON_CreateObject();
        if (!ref->surname || !ref->full_citation || !ref->short_citation || !ref->category ||
            !ref->metadata) {
            rc = -1;
            break;
        }
        static const char *const meta_text[][2] = {{"influence", "influence"},
                                                   {"application", "application"},
                                                   {"notes", "notes"}};
        for (size_t m = 0; m < 3; m++) {
            const struct rec_field *mf = rec_get(r, meta_text[m][0]);
            if (mf)
                cJSON_AddStringToObject(ref->metadata, meta_text[m][1], mf->value);
        }
        const struct rec_field *concepts = rec_get(r, "concepts");
        if (concepts) {
            cJSON *list = cJSON_AddArrayToObject(ref->metadata, "key_concepts");
            char *copy = strdup(concepts->value);
            for (char *save = NULL, *tok = copy ? strtok_r(copy, ";", &save) : NULL; tok;
                 tok = strtok_r(NULL, ";", &save)) {
                tok += strspn(tok, " ");
                size_t n = strlen(tok);
                while (n && tok[n - 1] == ' ')
                    tok[--n] = '\0';
                if (n)
                    cJSON_AddItemToArray(list, cJSON_CreateString(tok));
            }
            free(copy);
        }
    }
    rec_file_free(&f);
    return rc;
}
