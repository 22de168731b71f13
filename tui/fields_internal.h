/* Shared by the field editors (fields.c) and the paste (paste.c) only: the steps that change a
 * list field's items, so a paste of several lines makes items the way typing does. */
#ifndef DT_FIELDS_INTERNAL_H
#define DT_FIELDS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "fields.h"

/* LIST, ORDERED and TREE: edited as rows of items. */
bool tui_field_is_list(enum doc_field_kind k);

/* Puts list row st->row into the editor (the cursor at its end). Returns 0, -1 when out of
 * memory. */
int tui_field_load_row(struct tui_field_state *st);

/* Takes the editor's text back into the list: a changed item is replaced, an emptied one
 * removed, a typed new row added. Returns whether the list changed; -1 when out of memory. */
int tui_field_store_row(struct tui_field_state *st);

/* A copy of text (n bytes, clean) as a new item before item at (at <= st->nitems). Leaves
 * st->row alone: the caller moves the editor. Returns 0, -1 when out of memory. */
int tui_field_insert_item(struct tui_field_state *st, size_t at, const char *text, size_t n);

#endif
