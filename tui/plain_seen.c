/* What a text-mode page has said, block by block, so that showing it again can say only what
 * changed (plain.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plain_internal.h"

/* A block's key for what a page has said: its kind and everything it shows. */
static char *block_key(const struct doc_block *b)
{
    char *key = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&key, &len);
    if (!f)
        return NULL;
    fprintf(f, "%d:%d:%d:%s", b->kind, b->role, b->level, b->text ? b->text : "");
    if (b->kind == DOC_CARD)
        fprintf(f, "|%s|%s|%s", b->u.card.title ? b->u.card.title : "",
                b->u.card.subtitle ? b->u.card.subtitle : "",
                b->u.card.state ? b->u.card.state : "");
    else if (b->kind == DOC_TABLE)
        for (size_t i = 0; i < b->u.table.ncols * b->u.table.nrows; i++)
            fprintf(f, "|%s", b->u.table.cells[i] ? b->u.table.cells[i] : "");
    else if (b->kind == DOC_CHART)
        fprintf(f, "|%s|%s", b->u.chart.title ? b->u.chart.title : "",
                b->u.chart.text ? b->u.chart.text : "");
    return fclose(f) == 0 ? key : (free(key), NULL);
}

bool plain_seen_says(const struct doc_block *b)
{
    return b->kind != DOC_FIELD && b->kind != DOC_ACTION;
}

void plain_seen_clear(struct plain_seen *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->keys[i]);
    free(s->keys);
    *s = (struct plain_seen){0};
}

bool plain_seen_has(const struct plain_seen *s, const struct doc_block *b)
{
    char *key = block_key(b);
    bool has = false;
    for (size_t i = 0; key && i < s->n && !has; i++)
        has = strcmp(s->keys[i], key) == 0;
    free(key);
    return has;
}

/* Remembers every block the document says (what was there before is forgotten). */
void plain_seen_take(struct plain_seen *s, const struct doc *d)
{
    plain_seen_clear(s);
    for (size_t i = 0; i < d->n; i++) {
        if (!plain_seen_says(&d->blocks[i]))
            continue;
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 32;
            char **grown = realloc(s->keys, cap * sizeof *grown);
            if (!grown)
                return; /* out of memory: the next change is said in full */
            s->keys = grown;
            s->cap = cap;
        }
        char *key = block_key(&d->blocks[i]);
        if (key)
            s->keys[s->n++] = key;
    }
}
