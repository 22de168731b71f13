#include "doc.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oom.h"

/* The arena: chunks of memory handed out in order and given back all at once. */
struct doc_chunk {
    struct doc_chunk *next;
    size_t used, size;
    max_align_t data[];
};

#define CHUNK_MIN 8192

void *doc_copy(struct doc *d, const void *data, size_t n)
{
    size_t need = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    struct doc_chunk *c = d->arena;
    if (!c || c->size - c->used < need) {
        size_t size = need > CHUNK_MIN ? need : CHUNK_MIN;
        c = dt_oom_malloc(sizeof *c + size);
        c->size = size;
        c->used = 0;
        c->next = d->arena;
        d->arena = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += need;
    if (n && data)
        memcpy(p, data, n);
    else if (n)
        memset(p, 0, n);
    return p;
}

const char *doc_strn(struct doc *d, const char *s, size_t n)
{
    char *copy = doc_copy(d, s, n + 1);
    copy[n] = '\0';
    return copy;
}

const char *doc_str(struct doc *d, const char *s)
{
    return s ? doc_strn(d, s, strlen(s)) : NULL;
}

const char *doc_printf(struct doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return doc_str(d, "");
    char *buf = doc_copy(d, NULL, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(buf, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return buf;
}

struct doc *doc_new(void)
{
    return dt_oom_calloc(1, sizeof(struct doc));
}

static void free_chunks(struct doc_chunk *c)
{
    while (c) {
        struct doc_chunk *next = c->next;
        free(c);
        c = next;
    }
}

void doc_reset(struct doc *d)
{
    /* keep the newest chunk for the next build: most screens fit in one */
    if (d->arena) {
        free_chunks(d->arena->next);
        d->arena->next = NULL;
        d->arena->used = 0;
    }
    d->n = 0;
    d->form = d->home = d->locked = false;
}

bool doc_is_form(const struct doc *d)
{
    return d->form || doc_count(d, DOC_FIELD) > 0;
}

void doc_free(struct doc **dp)
{
    if (!dp || !*dp)
        return;
    free_chunks((*dp)->arena);
    free((*dp)->blocks);
    free(*dp);
    *dp = NULL;
}

static struct doc_block *add(struct doc *d, enum doc_kind kind)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 32;
        d->blocks = dt_oom_realloc(d->blocks, cap * sizeof *d->blocks);
        d->cap = cap;
    }
    struct doc_block *b = &d->blocks[d->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

void doc_heading(struct doc *d, int level, const char *text)
{
    struct doc_block *b = add(d, DOC_HEADING);
    b->level = level;
    b->text = doc_str(d, text);
}

void doc_para(struct doc *d, enum doc_role role, const char *text)
{
    struct doc_block *b = add(d, DOC_PARAGRAPH);
    b->role = role;
    b->text = doc_str(d, text);
}

void doc_card(struct doc *d, const char *title, const char *subtitle, const char *state, int cmd,
              const char *arg, const char *label)
{
    struct doc_block *b = add(d, DOC_CARD);
    struct doc_card *c = &b->u.card;
    c->title = doc_str(d, title);
    c->subtitle = doc_str(d, subtitle);
    c->state = doc_str(d, state);
    c->has_action = cmd != 0;
    c->action = (struct doc_action){cmd, doc_str(d, arg), doc_str(d, label)};
}

static const char *const *copy_strings(struct doc *d, size_t n, const char *const *strings)
{
    const char **copy = doc_copy(d, NULL, n * sizeof *copy);
    for (size_t i = 0; i < n; i++)
        copy[i] = doc_str(d, strings[i] ? strings[i] : "");
    return copy;
}

void doc_table(struct doc *d, const char *caption, size_t ncols, size_t nrows,
               const char *const *cells)
{
    struct doc_block *b = add(d, DOC_TABLE);
    b->u.table = (struct doc_table){doc_str(d, caption), ncols, nrows,
                                    copy_strings(d, ncols * nrows, cells)};
}

struct doc_chart *doc_chart(struct doc *d, const char *title, size_t n, const char *const *labels,
                            const double *values, double max, const char *text_equivalent)
{
    struct doc_block *b = add(d, DOC_CHART);
    b->u.chart = (struct doc_chart){DOC_CHART_BARS,
                                    doc_str(d, title),
                                    n,
                                    copy_strings(d, n, labels),
                                    doc_copy(d, values, n * sizeof *values),
                                    max,
                                    doc_str(d, text_equivalent),
                                    NULL,
                                    {0}};
    return &b->u.chart;
}

void doc_chart_value_texts(struct doc *d, struct doc_chart *c, const char *const *texts)
{
    c->value_texts = copy_strings(d, c->n, texts);
}

struct doc_chart *doc_chart_grid(struct doc *d, const char *title, const struct doc_grid *grid,
                                 const char *text_equivalent)
{
    struct doc_chart *c = doc_chart(d, title, 0, NULL, NULL, 0, text_equivalent);
    c->style = DOC_CHART_GRID;
    size_t most = grid->marks == DOC_GRID_SHADES ? 4 : DOC_GRID_MAX_LEVELS;
    size_t nlevels = grid->nlevels > most ? most : grid->nlevels;
    c->grid = (struct doc_grid){
        .rows = grid->rows,
        .cols = grid->cols,
        .row_labels = grid->row_labels ? copy_strings(d, grid->rows, grid->row_labels) : NULL,
        .col_labels = grid->col_labels ? copy_strings(d, grid->cols, grid->col_labels) : NULL,
        .row_texts = grid->row_texts ? copy_strings(d, grid->rows, grid->row_texts) : NULL,
        .cells = doc_copy(d, grid->cells, grid->rows * grid->cols * sizeof *grid->cells),
        .marks = grid->marks,
        .nlevels = nlevels,
        .level_labels = grid->level_labels ? copy_strings(d, nlevels, grid->level_labels) : NULL,
        .empty_label = doc_str(d, grid->empty_label),
        .col_noun = doc_str(d, grid->col_noun),
    };
    return c;
}

double doc_round_tenths(double v)
{
    return round(v * 10) / 10;
}

struct doc_field *doc_field(struct doc *d, enum doc_field_kind kind, const char *id,
                            const char *label)
{
    struct doc_block *b = add(d, DOC_FIELD);
    b->role = DOC_ROLE_PROMPT;
    b->u.field.kind = kind;
    b->u.field.id = doc_str(d, id);
    b->u.field.label = doc_str(d, label);
    return &b->u.field;
}

const char *doc_field_counter(const struct doc_field *f, size_t number, size_t total, char *buf,
                              size_t size)
{
    if (f->counter)
        snprintf(buf, size, "%s", f->counter);
    else if (f->live) /* a search box is not one of the page's questions */
        snprintf(buf, size, "Search");
    else if (f->filter)
        snprintf(buf, size, "Filter");
    else
        snprintf(buf, size, "Question %zu of %zu", number, total);
    return buf;
}

bool doc_field_is_question(const struct doc_field *f)
{
    return !f->live && !f->filter;
}

void doc_field_options(struct doc *d, struct doc_field *f, size_t n, const char *const *options)
{
    if (n > DOC_MAX_OPTIONS)
        n = DOC_MAX_OPTIONS;
    f->options = copy_strings(d, n, options);
    f->noptions = n;
}

void doc_field_items(struct doc *d, struct doc_field *f, size_t n, const char *const *items)
{
    f->items = copy_strings(d, n, items);
    f->nitems = n;
}

void doc_field_stops(struct doc *d, struct doc_field *f, size_t n, const struct doc_stop *stops)
{
    struct doc_stop *copy = doc_copy(d, NULL, n * sizeof *copy);
    for (size_t i = 0; i < n; i++)
        copy[i] = (struct doc_stop){stops[i].value, doc_str(d, stops[i].label)};
    f->stops = copy;
    f->nstops = n;
}

void doc_action(struct doc *d, int cmd, const char *arg, const char *label)
{
    struct doc_block *b = add(d, DOC_ACTION);
    b->u.action = (struct doc_action){cmd, doc_str(d, arg), doc_str(d, label)};
}

size_t doc_count(const struct doc *d, enum doc_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += d->blocks[i].kind == kind;
    return n;
}
