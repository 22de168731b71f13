#include "rec.h"

#include <stdlib.h>
#include <string.h>

static int add_field(struct rec *r, const char *name, const char *value, int line)
{
    struct rec_field *grown = realloc(r->fields, (r->n + 1) * sizeof *grown);
    if (!grown)
        return -1;
    r->fields = grown;
    char *copy = strdup(value);
    if (!copy)
        return -1;
    r->fields[r->n++] = (struct rec_field){.name = name, .value = copy, .line = line};
    return 0;
}

static int append_value(struct rec_field *f, const char *more)
{
    size_t a = strlen(f->value), b = strlen(more);
    char *grown = realloc(f->value, a + b + 2);
    if (!grown)
        return -1;
    if (a)
        grown[a++] = ' ';
    memcpy(grown + a, more, b + 1);
    f->value = grown;
    return 0;
}

static int new_record(struct rec_file *f, int line)
{
    struct rec *grown = realloc(f->recs, (f->n + 1) * sizeof *grown);
    if (!grown)
        return -1;
    f->recs = grown;
    f->recs[f->n++] = (struct rec){.line = line};
    return 0;
}

int rec_file_read(const char *path, struct rec_file *f, struct seed_diags *d)
{
    memset(f, 0, sizeof *f);
    if (seed_source_read(path, &f->src, d) != 0)
        return -1;
    int in_record = 0;
    for (size_t i = 0; i < f->src.nlines; i++) {
        char *line = f->src.lines[i];
        int lineno = (int)i + 1;
        if (line[0] == '#')
            continue;
        size_t blank = strspn(line, " \t");
        if (line[blank] == '\0') {
            in_record = 0;
            continue;
        }
        if (blank > 0) {
            if (!in_record || f->recs[f->n - 1].n == 0) {
                seed_diag(d, path, lineno, "continuation line without a field above it");
                continue;
            }
            struct rec *r = &f->recs[f->n - 1];
            if (append_value(&r->fields[r->n - 1], line + blank) != 0)
                return -1;
            continue;
        }
        char *colon = strchr(line, ':');
        if (!colon || colon == line) {
            seed_diag(d, path, lineno, "expected \"field: value\"");
            continue;
        }
        *colon = '\0'; /* the name stays in the source buffer */
        char *value = colon + 1;
        value += strspn(value, " \t");
        size_t vn = strlen(value);
        while (vn && (value[vn - 1] == ' ' || value[vn - 1] == '\t'))
            value[--vn] = '\0';
        if (!in_record) {
            if (new_record(f, lineno) != 0)
                return -1;
            in_record = 1;
        }
        if (add_field(&f->recs[f->n - 1], line, value, lineno) != 0)
            return -1;
    }
    return 0;
}

void rec_file_free(struct rec_file *f)
{
    for (size_t i = 0; i < f->n; i++) {
        for (size_t j = 0; j < f->recs[i].n; j++)
            free(f->recs[i].fields[j].value);
        free(f->recs[i].fields);
    }
    free(f->recs);
    seed_source_free(&f->src);
    memset(f, 0, sizeof *f);
}

const struct rec_field *rec_get(const struct rec *r, const char *name)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->fields[i].name, name) == 0)
            return &r->fields[i];
    return NULL;
}

const char *rec_need(const struct rec_file *f, const struct rec *r, const char *name,
                     struct seed_diags *d)
{
    const struct rec_field *field = rec_get(r, name);
    if (!field || !field->value[0]) {
        seed_diag(d, f->src.path, field ? field->line : r->line, "missing \"%s:\"", name);
        return NULL;
    }
    return field->value;
}

void rec_only(const struct rec_file *f, const struct rec *r, const char *const *allowed,
              struct seed_diags *d)
{
    for (size_t i = 0; i < r->n; i++) {
        const char *name = r->fields[i].name;
        int known = 0, repeatable = 0;
        for (const char *const *a = allowed; *a && !known; a++) {
            size_t n = strlen(*a);
            repeatable = (*a)[n - 1] == '+';
            known = strncmp(name, *a, n - (size_t)repeatable) == 0 && name[n - (size_t)repeatable] == '\0';
        }
        if (!known) {
            seed_diag(d, f->src.path, r->fields[i].line, "unknown field \"%s\"", name);
            continue;
        }
        for (size_t j = 0; !repeatable && j < i; j++)
            if (strcmp(r->fields[j].name, name) == 0) {
                seed_diag(d, f->src.path, r->fields[i].line, "field \"%s\" is given twice", name);
                break;
            }
    }
}
