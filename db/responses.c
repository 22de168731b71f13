#include "responses.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "drafts.h"
#include "progress.h"
#include "store_internal.h"

int store_json_valid(const char *text, size_t max_bytes)
{
    if (!text)
        return -1;
    size_t n = strlen(text);
    if (n == 0 || n > max_bytes)
        return -1;
    const char *end = NULL;
    cJSON *json = cJSON_ParseWithOpts(text, &end, 1);
    if (!json)
        return -1;
    cJSON_Delete(json);
    return 0;
}

static enum dt_status find_id(struct store *st, const char *user_id, const char *full_id,
                              char id[STORE_ID_LEN])
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT id FROM exercise_responses"
                                        " WHERE user_id = ?1 AND full_exercise_id = ?2 LIMIT 1");
    if (!stmt || store_bind(st, stmt, "tt", user_id, full_id) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    enum dt_status s = DT_OK;
    if (rc == SQLITE_ROW)
        store_col_copy(stmt, 0, id, STORE_ID_LEN);
    else
        s = rc == SQLITE_DONE ? DT_NOT_FOUND : store_fail(st, rc);
    store_stmt_done(stmt);
    return s;
}

static enum dt_status write_row(struct store *st, const char *user_id,
                                const struct exercise_ref *ex, const char *json,
                                char id[STORE_ID_LEN])
{
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    enum dt_status s = find_id(st, user_id, ex->full_exercise_id, id);
    if (s == DT_OK)
        return store_run(st,
                         "UPDATE exercise_responses SET response_json = ?2, responded_at = ?3"
                         " WHERE id = ?1",
                         "ttt", id, json, now);
    if (s != DT_NOT_FOUND)
        return s;
    /* a new row */
    store_uuid_random(id);
    sqlite3_stmt *stmt = store_stmt(
        st,
        "INSERT INTO exercise_responses (id, user_id, part_id, module_id, exercise_id, version,"
        " full_exercise_id, response_json, responded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!stmt || store_bind(st, stmt, "tttttittt", id, user_id, ex->part_id, ex->module_id,
                            ex->exercise_id, ex->version, ex->full_exercise_id, json, now) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    s = rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    if (s == DT_INVALID) /* the user foreign key */
        s = DT_NOT_FOUND;
    store_stmt_done(stmt);
    return s;
}

enum dt_status store_responses_save(struct store *st, const char *user_id,
                                    const char *full_exercise_id, const char *response_json,
                                    char id_out[STORE_ID_LEN])
{
    if (store_json_valid(response_json, RESPONSES_MAX_BYTES) != 0) {
        store_copy_text(st->err, sizeof st->err, "response is not valid JSON or is too large");
        return DT_INVALID;
    }
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    struct exercise_ref ex;
    bool may_open = false;
    char id[STORE_ID_LEN];
    s = store_progress_exercise(st, full_exercise_id, &ex);
    if (s == DT_OK)
        s = store_progress_may_open(st, user_id, full_exercise_id, &may_open);
    if (s == DT_OK && !may_open)
        s = DT_LOCKED;
    char *sealed = NULL;
    if (s == DT_OK)
        s = store_seal(st, user_id, SEALED_RESPONSE, full_exercise_id, response_json, &sealed);
    if (s == DT_OK)
        s = write_row(st, user_id, &ex, sealed ? sealed : response_json, id);
    free(sealed);
    if (s == DT_OK) /* submitted: the answer in progress is done with */
        s = store_drafts_delete(st, user_id, full_exercise_id);
    if (s == DT_OK)
        s = store_progress_after_save(st, user_id, ex.part_id, ex.module_id);
    s = store_write_end(st, s);
    if (s == DT_OK && id_out)
        memcpy(id_out, id, STORE_ID_LEN);
    return s;
}

static int read_response(sqlite3_stmt *stmt, void *out)
{
    struct response *r = out;
    store_col_copy(stmt, 0, r->id, sizeof r->id);
    store_col_copy(stmt, 1, r->full_exercise_id, sizeof r->full_exercise_id);
    r->response_json = store_col_dup(stmt, 2);
    store_col_copy(stmt, 3, r->responded_at, sizeof r->responded_at);
    r->version = sqlite3_column_int(stmt, 4);
    return r->response_json ? 0 : -1;
}

enum dt_status store_responses_get(struct store *st, const char *user_id,
                                   const char *full_exercise_id, struct response *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = store_stmt(st, "SELECT id, full_exercise_id, response_json, responded_at,"
                                        " version FROM exercise_responses"
                                        " WHERE user_id = ?1 AND full_exercise_id = ?2 LIMIT 1");
    if (!stmt || store_bind(st, stmt, "tt", user_id, full_exercise_id) != DT_OK)
        return DT_DB;
    enum dt_status s = store_one(st, stmt, out, read_response);
    if (s == DT_OK && (s = store_unseal(st, user_id, SEALED_RESPONSE, out->full_exercise_id,
                                        &out->response_json)) != DT_OK)
        store_responses_clear(out);
    return s;
}

enum dt_status store_responses_earlier(struct store *st, const char *user_id,
                                       const char *full_exercise_id, struct response *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = store_stmt(
        st, "SELECT r.id, r.full_exercise_id, r.response_json, r.responded_at, r.version"
            " FROM exercise_sequence s JOIN exercise_responses r ON r.user_id = ?1"
            " AND r.part_id = s.part_id AND r.module_id = s.module_id"
            " AND r.exercise_id = s.exercise_id AND r.version < s.version"
            " WHERE s.full_exercise_id = ?2 ORDER BY r.version DESC, r.responded_at DESC LIMIT 1");
    if (!stmt || store_bind(st, stmt, "tt", user_id, full_exercise_id) != DT_OK)
        return DT_DB;
    enum dt_status s = store_one(st, stmt, out, read_response);
    /* sealed under the id it was written for */
    if (s == DT_OK && (s = store_unseal(st, user_id, SEALED_RESPONSE, out->full_exercise_id,
                                        &out->response_json)) != DT_OK)
        store_responses_clear(out);
    return s;
}

void store_responses_clear(struct response *r)
{
    if (r) {
        store_wipe_free(r->response_json);
        r->response_json = NULL;
    }
}
