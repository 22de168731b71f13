#include "tools.h"

#include <cjson/cJSON.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "oom.h"
#include "progress.h"
#include "responses.h"
#include "store_internal.h"

#define TYPE_COLUMNS                                                                               \
    "id, singular_name, plural_name, icon_name, has_reminder, reminder_frequency,"                 \
    " reminder_prompt, unlocks_at_exercise, version, is_active"

static void read_type(sqlite3_stmt *stmt, struct tool_type *t)
{
    store_col_copy(stmt, 0, t->id, sizeof t->id);
    store_col_copy(stmt, 1, t->singular_name, sizeof t->singular_name);
    store_col_copy(stmt, 2, t->plural_name, sizeof t->plural_name);
    store_col_copy(stmt, 3, t->icon_name, sizeof t->icon_name);
    t->has_reminder = sqlite3_column_int(stmt, 4) != 0;
    store_col_copy(stmt, 5, t->reminder_frequency, sizeof t->reminder_frequency);
    store_col_copy(stmt, 6, t->reminder_prompt, sizeof t->reminder_prompt);
    store_col_copy(stmt, 7, t->unlocks_at_exercise, sizeof t->unlocks_at_exercise);
    t->version = sqlite3_column_int(stmt, 8);
    t->is_active = sqlite3_column_int(stmt, 9) != 0;
}

static int read_type_elem(sqlite3_stmt *stmt, void *elem)
{
    read_type(stmt, elem);
    return 0;
}

enum dt_status store_tools_types(struct store *st, struct tool_type **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *stmt =
        store_stmt(st,
                   "SELECT " TYPE_COLUMNS " FROM tool_types tt ORDER BY"
                   " (SELECT sequence_order FROM exercise_sequence es WHERE es.unlocks_tool = tt.id"
                   "  ORDER BY sequence_order LIMIT 1) IS NULL,"
                   " (SELECT sequence_order FROM exercise_sequence es WHERE es.unlocks_tool = tt.id"
                   "  ORDER BY sequence_order LIMIT 1), id");
    if (!stmt)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_type_elem, NULL);
}

enum dt_status store_tools_type(struct store *st, const char *tool_id, struct tool_type *out)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT " TYPE_COLUMNS " FROM tool_types WHERE id = ?1");
    if (!stmt || store_bind(st, stmt, "t", tool_id) != DT_OK)
        return DT_DB;
    return store_one(st, stmt, out, read_type_elem);
}

/* ---- canonical JSON and its hash ---- */

/* A member of an object and where it stood, so equal keys keep their order (qsort is not
 * stable): duplicates then canonicalise the same way however the rest is arranged. */
struct keyed_member {
    cJSON *node;
    size_t position;
};

static int compare_keys(const void *a, const void *b)
{
    const struct keyed_member *x = a, *y = b;
    int c = strcmp(x->node->string, y->node->string);
    if (c != 0)
        return c;
    return (x->position > y->position) - (x->position < y->position);
}

static int sort_object_keys(cJSON *node)
{
    for (cJSON *c = node->child; c; c = c->next)
        if (sort_object_keys(c) != 0)
            return -1;
    if (!cJSON_IsObject(node) || !node->child)
        return 0;
    size_t n = 0;
    for (cJSON *c = node->child; c; c = c->next)
        n++;
    struct keyed_member *items = dt_oom_malloc(n * sizeof *items);
    size_t i = 0;
    for (cJSON *c = node->child; c; c = c->next, i++)
        items[i] = (struct keyed_member){c, i};
    qsort(items, n, sizeof *items, compare_keys);
    for (i = 0; i < n; i++) {
        items[i].node->prev = items[i ? i - 1 : n - 1].node; /* cJSON: child->prev is the tail */
        items[i].node->next = i + 1 < n ? items[i + 1].node : NULL;
    }
    node->child = items[0].node;
    free(items);
    return 0;
}

char *store_tools_canonical_json(const char *json)
{
    if (store_json_valid(json, TOOLS_MAX_BYTES) != 0)
        return NULL;
    cJSON *root = cJSON_Parse(json);
    if (!root)
        return NULL;
    char *text = sort_object_keys(root) == 0 ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    if (!text)
        return NULL;
    /* hand back a plain malloc'd copy, whatever allocator cJSON was given */
    char *copy = dt_oom_strdup(text);
    cJSON_free(text);
    return copy;
}

enum dt_status store_tools_content_hash(const char *json, char out[TOOLS_HASH_LEN])
{
    char *canonical = store_tools_canonical_json(json);
    if (!canonical)
        return DT_INVALID;
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)canonical, strlen(canonical));
    free(canonical);
    sodium_bin2hex(out, TOOLS_HASH_LEN, h, sizeof h);
    return DT_OK;
}

/* ---- instances ---- */

static enum dt_status check_origin(struct store *st, const char *user_id, const char *tool_type,
                                   const char *origin)
{
    bool ok = false;
    enum dt_status s;
    if (strcmp(origin, "standalone") == 0) {
        s = store_progress_tool_unlocked(st, user_id, tool_type, &ok);
    } else {
        struct exercise_ref ex;
        s = store_progress_exercise(st, origin, &ex);
        if (s == DT_NOT_FOUND)
            return DT_INVALID;
        if (s == DT_OK)
            s = store_progress_may_open(st, user_id, origin, &ok);
    }
    if (s == DT_OK && !ok)
        s = DT_LOCKED;
    return s;
}

/* Marks the instance a draft (draft 1) or complete (0); -1 leaves it. In a write transaction. */
static enum dt_status mark_draft(struct store *st, const char *instance_id, int draft)
{
    if (draft < 0)
        return DT_OK;
    if (draft)
        return store_run(st,
                         "INSERT INTO tool_instance_drafts (instance_id) VALUES (?1)"
                         " ON CONFLICT (instance_id) DO NOTHING",
                         "t", instance_id);
    return store_run(st, "DELETE FROM tool_instance_drafts WHERE instance_id = ?1", "t",
                     instance_id);
}

enum dt_status store_tools_create(struct store *st, const char *user_id, const char *tool_type,
                                  const char *origin, const char *content_json,
                                  char id_out[STORE_ID_LEN])
{
    return store_tools_create_entry(st, user_id, tool_type, origin, content_json, false, id_out);
}

enum dt_status store_tools_create_entry(struct store *st, const char *user_id,
                                        const char *tool_type, const char *origin,
                                        const char *content_json, bool draft,
                                        char id_out[STORE_ID_LEN])
{
    char hash[TOOLS_HASH_LEN], id[STORE_ID_LEN], now[STORE_TIME_LEN];
    if (!origin || store_tools_content_hash(content_json, hash) != DT_OK)
        return DT_INVALID;
    store_uuid_random(id);
    store_now_text(st, now);
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    struct tool_type tt;
    s = store_tools_type(st, tool_type, &tt);
    if (s == DT_NOT_FOUND || (s == DT_OK && !tt.is_active)) /* unknown or retired */
        s = DT_INVALID;
    if (s == DT_OK)
        s = check_origin(st, user_id, tool_type, origin);
    char *sealed = NULL;
    if (s == DT_OK)
        s = store_content_hash_for(st, user_id, content_json, hash);
    if (s == DT_OK)
        s = store_seal(st, user_id, SEALED_TOOL, id, content_json, &sealed);
    if (s == DT_OK) {
        s = store_run(
            st,
            "INSERT INTO tool_instances (id, user_id, tool_type, origin, content_json,"
            " content_hash, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            "ttttttt", id, user_id, tool_type, origin, sealed ? sealed : content_json, hash, now);
        if (s == DT_INVALID) /* the user foreign key */
            s = DT_NOT_FOUND;
    }
    free(sealed);
    if (s == DT_OK && draft)
        s = mark_draft(st, id, 1);
    s = store_write_end(st, s);
    if (s == DT_OK && id_out)
        memcpy(id_out, id, STORE_ID_LEN);
    return s;
}

static enum dt_status update(struct store *st, const char *user_id, const char *instance_id,
                             const char *content_json, int draft)
{
    char hash[TOOLS_HASH_LEN], now[STORE_TIME_LEN];
    if (store_tools_content_hash(content_json, hash) != DT_OK)
        return DT_INVALID;
    store_now_text(st, now);
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    char *sealed = NULL;
    s = store_content_hash_for(st, user_id, content_json, hash);
    if (s == DT_OK)
        s = store_seal(st, user_id, SEALED_TOOL, instance_id, content_json, &sealed);
    if (s == DT_OK)
        s = store_run(st,
                      "UPDATE tool_instances SET content_json = ?3, content_hash = ?4,"
                      " updated_at = ?5 WHERE id = ?1 AND user_id = ?2",
                      "ttttt", instance_id, user_id, sealed ? sealed : content_json, hash, now);
    free(sealed);
    if (s == DT_OK && sqlite3_changes(st->db) == 0)
        s = DT_NOT_FOUND;
    if (s == DT_OK)
        s = mark_draft(st, instance_id, draft);
    return store_write_end(st, s);
}

enum dt_status store_tools_update(struct store *st, const char *user_id, const char *instance_id,
                                  const char *content_json)
{
    return update(st, user_id, instance_id, content_json, -1);
}

enum dt_status store_tools_update_entry(struct store *st, const char *user_id,
                                        const char *instance_id, const char *content_json,
                                        bool draft)
{
    return update(st, user_id, instance_id, content_json, draft ? 1 : 0);
}

enum dt_status store_tools_delete(struct store *st, const char *user_id, const char *instance_id)
{
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    s = store_run(st, "DELETE FROM tool_instances WHERE id = ?1 AND user_id = ?2", "tt",
                  instance_id, user_id);
    if (s == DT_OK && sqlite3_changes(st->db) == 0)
        s = DT_NOT_FOUND;
    return store_write_end(st, s);
}

#define INSTANCE_COLUMNS                                                                           \
    "id, tool_type, origin, content_json, content_hash, created_at, updated_at,"                   \
    " EXISTS (SELECT 1 FROM tool_instance_drafts d WHERE d.instance_id = tool_instances.id)"

static int read_instance(sqlite3_stmt *stmt, void *elem)
{
    struct tool_instance *t = elem;
    store_col_copy(stmt, 0, t->id, sizeof t->id);
    store_col_copy(stmt, 1, t->tool_type, sizeof t->tool_type);
    store_col_copy(stmt, 2, t->origin, sizeof t->origin);
    t->content_json = store_col_dup(stmt, 3);
    store_col_copy(stmt, 4, t->content_hash, sizeof t->content_hash);
    store_col_copy(stmt, 5, t->created_at, sizeof t->created_at);
    store_col_copy(stmt, 6, t->updated_at, sizeof t->updated_at);
    t->draft = sqlite3_column_int(stmt, 7) != 0;
    return t->content_json ? 0 : -1;
}

static void clear_instance(void *elem)
{
    store_tools_instance_clear(elem);
}

enum dt_status store_tools_get(struct store *st, const char *user_id, const char *instance_id,
                               struct tool_instance *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = store_stmt(st, "SELECT " INSTANCE_COLUMNS " FROM tool_instances"
                                        " WHERE id = ?1 AND user_id = ?2");
    if (!stmt || store_bind(st, stmt, "tt", instance_id, user_id) != DT_OK)
        return DT_DB;
    enum dt_status s = store_one(st, stmt, out, read_instance);
    if (s == DT_OK &&
        (s = store_unseal(st, user_id, SEALED_TOOL, out->id, &out->content_json)) != DT_OK)
        store_tools_instance_clear(out);
    return s;
}

enum dt_status store_tools_list(struct store *st, const char *user_id, const char *tool_type,
                                struct tool_instance **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(st, "SELECT " INSTANCE_COLUMNS " FROM tool_instances"
                                        " WHERE user_id = ?1 AND tool_type = ?2"
                                        " ORDER BY created_at DESC, rowid DESC");
    if (!stmt || store_bind(st, stmt, "tt", user_id, tool_type) != DT_OK)
        return DT_DB;
    enum dt_status s = store_collect(st, stmt, out, n, sizeof **out, read_instance, clear_instance);
    /* one entry that does not open does not hide the others: it is marked, its content "null" */
    for (size_t i = 0; s == DT_OK && i < *n; i++) {
        struct tool_instance *t = &(*out)[i];
        s = store_unseal(st, user_id, SEALED_TOOL, t->id, &t->content_json);
        if (s == DT_UNREADABLE) {
            free(t->content_json);
            t->content_json = dt_oom_strdup("null");
            t->unreadable = true;
            s = DT_OK;
        }
    }
    if (s != DT_OK)
        store_tools_list_free(out, *n);
    if (s != DT_OK)
        *n = 0;
    return s;
}

enum dt_status store_tools_count(struct store *st, const char *user_id, const char *tool_type,
                                 size_t *count, size_t *drafts, char last_created[STORE_TIME_LEN])
{
    *count = 0;
    if (drafts)
        *drafts = 0;
    last_created[0] = '\0';
    sqlite3_stmt *stmt = store_stmt(st, "SELECT COUNT(*), MAX(created_at), COUNT(d.instance_id)"
                                        " FROM tool_instances ti LEFT JOIN tool_instance_drafts d"
                                        " ON d.instance_id = ti.id"
                                        " WHERE ti.user_id = ?1 AND ti.tool_type = ?2");
    if (!stmt || store_bind(st, stmt, "tt", user_id, tool_type) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    enum dt_status s = DT_OK;
    if (rc == SQLITE_ROW) {
        *count = (size_t)sqlite3_column_int64(stmt, 0);
        store_col_copy(stmt, 1, last_created, STORE_TIME_LEN);
        if (drafts)
            *drafts = (size_t)sqlite3_column_int64(stmt, 2);
    } else {
        s = store_fail(st, rc);
    }
    store_stmt_done(stmt);
    return s;
}

void store_tools_instance_clear(struct tool_instance *t)
{
    if (t) {
        store_wipe_free(t->content_json);
        t->content_json = NULL;
    }
}

void store_tools_list_free(struct tool_instance **list, size_t n)
{
    if (!list || !*list)
        return;
    for (size_t i = 0; i < n; i++)
        store_tools_instance_clear(&(*list)[i]);
    free(*list);
    *list = NULL;
}
