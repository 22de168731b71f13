#include "rec.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static int add_field(struct rec *r, const char *name, const char *value, int line)
{
    struct rec_field *field = seed_push(&r->fields, &r->n, sizeof *r->fields);
    if (!field)
        return -1;
    size_t len = strlen(value);
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, value, len + 1);
    *field =
        (struct rec_field){.name = name, .value = copy, .len = len, .room = len + 1, .line = line};
    return 0;
}

/* Joins a continuation line to the value with one space. The room doubles as it fills: a
 * value of a million continuation lines is not copied a million times. */
static int append_value(struct rec_field *f, const char *more)
{
    size_t b = strlen(more), need = f->len + b + 2;
    if (need > f->room) {
        size_t room = f->room * 2 > need ? f->room * 2 : need;
        char *grown = realloc(f->value, room);
        if (!grown)
            return -1;
        f->value = grown;
        f->room = room;
    }
    if (f->len)
        f->value[f->len++] = ' ';
    memcpy(f->value + f->len, more, b + 1);
    f->len += b;
    return 0;
}

static int new_record(struct rec_file *f, int line)
{
    struct rec *r = seed_push(&f->recs, &f->n, sizeof *f->recs);
    if (!r)
        return -1;
    r->line = line;
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
    /* which allowed names were met so far: a record of thousands of fields is read once */
    bool seen[REC_ALLOWED_MAX] = {0};
    for (size_t i = 0; i < r->n; i++) {
        const char *name = r->fields[i].name;
        int known = 0, repeatable = 0; /* known: 1 + the name's place in allowed */
        for (int a = 0; a < REC_ALLOWED_MAX && allowed[a] && !known; a++) {
            size_t n = strlen(allowed[a]);
            repeatable = allowed[a][n - 1] == '+';
            if (strncmp(name, allowed[a], n - (size_t)repeatable) == 0 &&
                name[n - (size_t)repeatable] == '\0')
                known = a + 1;
        }
        if (!known) {
            seed_diag(d, f->src.path, r->fields[i].line, "unknown field \"%s\"", name);
            continue;
        }
        if (!repeatable && seen[known - 1])
            seed_diag(d, f->src.path, r->fields[i].line, "field \"%s\" is given twice", name);
        seen[known - 1] = true;
    }
}
