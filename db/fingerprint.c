/* The fingerprint of a database's structure, compared at every open with the one its schema
 * version must have: a table, column, index, trigger or view changed by hand is refused before
 * it can turn every screen into "database error" or run a stranger's trigger. Also built into
 * the build tool fingerprint_gen.c, so both sides hash the same way. */
#include "store_internal.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* The CREATE statement names the object, its type and its table, so it alone says what the
 * object is; automatic indexes have none. No ORDER BY: sorting is cheaper in C (this runs before
 * every first frame). */
static const char structure_sql[] = "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL";

struct statements {
    char *text; /* every statement, each with its NUL */
    size_t len, room;
    size_t *starts; /* where each one starts in text */
    size_t n, cap;
};

static int add_statement(struct statements *all, const char *sql, size_t n)
{
    if (all->n == all->cap) {
        size_t cap = all->cap ? all->cap * 2 : 128;
        size_t *grown = realloc(all->starts, cap * sizeof *grown);
        if (!grown)
            return -1;
        all->starts = grown;
        all->cap = cap;
    }
    if (all->len + n + 1 > all->room) {
        size_t room = all->room ? all->room * 2 : 32768;
        while (room < all->len + n + 1)
            room *= 2;
        char *grown = realloc(all->text, room);
        if (!grown)
            return -1;
        all->text = grown;
        all->room = room;
    }
    all->starts[all->n++] = all->len;
    memcpy(all->text + all->len, sql, n);
    all->text[all->len + n] = '\0';
    all->len += n + 1;
    return 0;
}

static const char *sort_base; /* qsort takes no context; set only while sorting */

static int compare_statements(const void *a, const void *b)
{
    return strcmp(sort_base + *(const size_t *)a, sort_base + *(const size_t *)b);
}

int store_schema_fingerprint(sqlite3 *db, char out[STORE_FINGERPRINT_HEX])
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db, structure_sql, -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return rc;
    struct statements all = {0};
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *sql = (const char *)sqlite3_column_text(stmt, 0);
        size_t n = (size_t)sqlite3_column_bytes(stmt, 0);
        if (!sql || strncmp(sql, "CREATE TABLE sqlite_", 20) == 0)
            continue; /* SQLite's own tables (statistics, sequences) */
        if (add_statement(&all, sql, n) != 0) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    sqlite3_finalize(stmt);
    if (rc == SQLITE_DONE) {
        /* sorted: the order of the rows, which a vacuum or an index built again changes, does
         * not count; each with its NUL, so the statements cannot run into each other */
        sort_base = all.text;
        if (all.n > 1)
            qsort(all.starts, all.n, sizeof *all.starts, compare_statements);
        sort_base = NULL;
        unsigned char digest[32];
        crypto_generichash_state h;
        crypto_generichash_init(&h, NULL, 0, sizeof digest);
        for (size_t i = 0; i < all.n; i++) {
            const char *text = all.text + all.starts[i];
            crypto_generichash_update(&h, (const unsigned char *)text, strlen(text) + 1);
        }
        crypto_generichash_final(&h, digest, sizeof digest);
        sodium_bin2hex(out, STORE_FINGERPRINT_HEX, digest, sizeof digest);
        rc = SQLITE_OK;
    }
    free(all.text);
    free(all.starts);
    return rc;
}
