#include "personality.h"

#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

static int read_type(sqlite3_stmt *stmt, void *elem)
{
    struct personality_type *p = elem;
    store_col_copy(stmt, 0, p->code, sizeof p->code);
    store_col_copy(stmt, 1, p->name, sizeof p->name);
    p->summary = store_col_dup(stmt, 2);
    return p->summary ? 0 : -1;
}

static void clear_type(void *elem)
{
    store_personality_clear(elem);
}

enum dt_status store_personality_list(struct store *st, struct personality_type **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(st, "SELECT code, name, summary FROM personality_types"
                                        " ORDER BY code");
    if (!stmt)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_type, clear_type);
}

enum dt_status store_personality_get(struct store *st, const char *code,
                                     struct personality_type *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = store_stmt(st, "SELECT code, name, summary FROM personality_types"
                                        " WHERE code = ?1");
    if (!stmt || store_bind(st, stmt, "t", code) != DT_OK)
        return DT_DB;
    enum dt_status s = store_one(st, stmt, out, read_type);
    if (s != DT_OK)
        store_personality_clear(out);
    return s;
}

void store_personality_clear(struct personality_type *p)
{
    if (p) {
        free(p->summary);
        p->summary = NULL;
    }
}

void store_personality_list_free(struct personality_type **list, size_t n)
{
    if (!list || !*list)
        return;
    for (size_t i = 0; i < n; i++)
        store_personality_clear(&(*list)[i]);
    free(*list);
    *list = NULL;
}
