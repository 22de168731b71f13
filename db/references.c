#include "references.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

#define REF_COLUMNS                                                                                \
    "r.id, r.citation_number, r.author_surname, r.short_citation, r.category,"                     \
    " r.full_citation, r.metadata"

static int read_reference_at(sqlite3_stmt *stmt, int col, struct reference *r)
{
    store_col_copy(stmt, col, r->id, sizeof r->id);
    r->citation_number = sqlite3_column_int(stmt, col + 1);
    store_col_copy(stmt, col + 2, r->author_surname, sizeof r->author_surname);
    store_col_copy(stmt, col + 3, r->short_citation, sizeof r->short_citation);
    store_col_copy(stmt, col + 4, r->category, sizeof r->category);
    r->full_citation = store_col_dup(stmt, col + 5);
    if (sqlite3_column_type(stmt, col + 6) != SQLITE_NULL) {
        r->metadata = store_col_dup(stmt, col + 6);
        if (!r->metadata)
            return -1;
    }
    return r->full_citation ? 0 : -1;
}

static int read_reference(sqlite3_stmt *stmt, void *elem)
{
    return read_reference_at(stmt, 0, elem);
}

static int read_credit(sqlite3_stmt *stmt, void *elem)
{
    struct source_credit *c = elem;
    store_col_copy(stmt, 0, c->exercise_id, sizeof c->exercise_id);
    store_col_copy(stmt, 1, c->usage_type, sizeof c->usage_type);
    store_col_copy(stmt, 2, c->notes, sizeof c->notes);
    return read_reference_at(stmt, 3, &c->ref);
}

static void clear_reference(void *elem)
{
    store_references_clear(elem);
}

static void clear_credit(void *elem)
{
    store_references_clear(&((struct source_credit *)elem)->ref);
}

enum dt_status store_references_by_surname(struct store *st, struct reference **out, size_t *n)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT " REF_COLUMNS " FROM \"references\" r"
                                        " ORDER BY dt_fold(r.author_surname), r.citation_number");
    if (!stmt)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_reference, clear_reference);
}

enum dt_status store_references_by_number(struct store *st, int citation_number,
                                          struct reference *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = store_stmt(st, "SELECT " REF_COLUMNS " FROM \"references\" r"
                                        " WHERE r.citation_number = ?1");
    if (!stmt || store_bind(st, stmt, "i", citation_number) != DT_OK)
        return DT_DB;
    enum dt_status s = store_one(st, stmt, out, read_reference);
    if (s != DT_OK)
        store_references_clear(out);
    return s;
}

#define CREDIT_SELECT                                                                              \
    "SELECT cs.exercise_id, cs.usage_type, cs.notes, " REF_COLUMNS                                 \
    " FROM content_sources cs JOIN \"references\" r ON r.id = cs.reference_id"

enum dt_status store_references_for_exercise(struct store *st, const char *full_exercise_id,
                                             struct source_credit **out, size_t *n)
{
    sqlite3_stmt *stmt = store_stmt(st, CREDIT_SELECT " WHERE cs.exercise_id = ?1"
                                                      " ORDER BY r.citation_number, cs.usage_type");
    if (!stmt || store_bind(st, stmt, "t", full_exercise_id) != DT_OK)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_credit, clear_credit);
}

enum dt_status store_references_all_sources(struct store *st, struct source_credit **out, size_t *n)
{
    sqlite3_stmt *stmt =
        store_stmt(st, CREDIT_SELECT
                   " LEFT JOIN exercise_sequence es ON es.full_exercise_id = cs.exercise_id"
                   " ORDER BY es.sequence_order IS NULL, es.sequence_order, cs.exercise_id,"
                   " r.citation_number, cs.usage_type");
    if (!stmt)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_credit, clear_credit);
}

enum usage_display store_references_usage_display(const char *usage_type)
{
    static const struct {
        const char *type;
        enum usage_display display;
    } table[] = {
        {"direct_quote", USAGE_QUOTE},       {"framework", USAGE_ADAPTED_FROM},
        {"concept", USAGE_BASED_ON},         {"adaptation", USAGE_ADAPTED_FROM},
        {"inspiration", USAGE_CREDITS_ONLY},
    };
    for (size_t i = 0; usage_type && i < sizeof table / sizeof *table; i++)
        if (strcmp(usage_type, table[i].type) == 0)
            return table[i].display;
    return USAGE_UNKNOWN;
}

size_t store_references_credit_line(const struct source_credit *c, char *buf, size_t size)
{
    int n = 0;
    switch (store_references_usage_display(c->usage_type)) {
    case USAGE_QUOTE:
        n = snprintf(buf, size, "Quoted from %s", c->ref.full_citation ? c->ref.full_citation : "");
        break;
    case USAGE_ADAPTED_FROM:
        n = snprintf(buf, size, "Adapted from %s", c->ref.short_citation);
        break;
    case USAGE_BASED_ON:
        n = snprintf(buf, size, "Based on work by %s", c->ref.short_citation);
        break;
    case USAGE_CREDITS_ONLY:
    case USAGE_UNKNOWN:
        if (size)
            buf[0] = '\0';
        return 0;
    }
    if (n < 0)
        n = 0;
    if ((size_t)n >= size && size) {
        store_trim_partial_utf8(buf); /* snprintf cut it; keep whole characters */
        return strlen(buf);
    }
    return (size_t)n;
}

void store_references_clear(struct reference *r)
{
    if (!r)
        return;
    free(r->full_citation);
    free(r->metadata);
    r->full_citation = NULL;
    r->metadata = NULL;
}

void store_references_list_free(struct reference **list, size_t n)
{
    if (!list || !*list)
        return;
    for (size_t i = 0; i < n; i++)
        store_references_clear(&(*list)[i]);
    free(*list);
    *list = NULL;
}

void store_references_credits_free(struct source_credit **list, size_t n)
{
    if (!list || !*list)
        return;
    for (size_t i = 0; i < n; i++)
        store_references_clear(&(*list)[i].ref);
    free(*list);
    *list = NULL;
}
