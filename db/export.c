/* Export: one user's workbook as the export file's structs (transfer.h). */
#include <stdlib.h>
#include <string.h>

#include "oom.h"
#include "store_internal.h"
#include "tools.h"
#include "transfer.h"
#include "users.h"

static char *take_text(sqlite3_stmt *stmt, int col)
{
    char *s = store_col_dup(stmt, col);
    return s ? s : dt_oom_strdup("");
}

/* The skill ids tagged on one response or tool instance. */
static enum dt_status skills_of(struct store *st, const char *instance_id,
                                struct exchange_skills *out)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT skill_id FROM exercise_skills"
                                        " WHERE exercise_instance_id = ?1 ORDER BY skill_id");
    if (!stmt || store_bind(st, stmt, "t", instance_id) != DT_OK)
        return DT_DB;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (out->n == cap) {
            cap = cap ? 2 * cap : 4;
            out->ids = dt_oom_realloc(out->ids, cap * sizeof *out->ids);
        }
        store_col_copy(stmt, 0, out->ids[out->n++], STORE_ID_LEN);
    }
    enum dt_status s = rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    store_stmt_done(stmt);
    return s;
}

static enum dt_status settings(struct store *st, const char *user_id, struct exchange *x)
{
    struct user_settings us;
    enum dt_status s = store_users_settings(st, user_id, &us);
    if (s != DT_OK)
        return s;
    x->settings.present = true;
    store_copy_text(x->settings.background_color, sizeof x->settings.background_color,
                    us.background_color);
    store_copy_text(x->settings.text_color, sizeof x->settings.text_color, us.text_color);
    store_copy_text(x->settings.font, sizeof x->settings.font, us.font);
    store_copy_text(x->settings.personality_type, sizeof x->settings.personality_type,
                    us.personality_type);
    return DT_OK;
}

static enum dt_status scores(struct store *st, const char *user_id, struct exchange *x)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT competency_id, score, assessed_at"
                                        " FROM user_competency_scores WHERE user_id = ?1"
                                        " ORDER BY competency_id");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (x->nscores == cap) {
            cap = cap ? 2 * cap : 16;
            x->scores = dt_oom_realloc(x->scores, cap * sizeof *x->scores);
        }
        struct exchange_score *sc = &x->scores[x->nscores++];
        memset(sc, 0, sizeof *sc);
        store_col_copy(stmt, 0, sc->competency_id, sizeof sc->competency_id);
        sc->score = sqlite3_column_int(stmt, 1);
        store_col_copy(stmt, 2, sc->assessed_at, sizeof sc->assessed_at);
    }
    enum dt_status s = rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    store_stmt_done(stmt);
    return s;
}

static struct exchange_module *module_for(struct exchange *x, const char *module_id, size_t *cap)
{
    for (size_t i = 0; i < x->nmodules; i++)
        if (strcmp(x->modules[i].module_id, module_id) == 0)
            return &x->modules[i];
    if (x->nmodules == *cap) {
        *cap = *cap ? 2 * *cap : 8;
        x->modules = dt_oom_realloc(x->modules, *cap * sizeof *x->modules);
    }
    struct exchange_module *m = &x->modules[x->nmodules++];
    memset(m, 0, sizeof *m);
    store_copy_text(m->module_id, sizeof m->module_id, module_id);
    return m;
}

/* Modules: every module the user wrote in, completed or not (an unfinished module has no
 * user_modules row; its last change is its newest answer's). */
static enum dt_status modules(struct store *st, const char *user_id, enum transfer_mode mode,
                              struct exchange *x)
{
    size_t cap = 0;
    sqlite3_stmt *stmt = store_stmt(st, "SELECT module_id, first_completed_at, last_modified_at"
                                        " FROM user_modules WHERE user_id = ?1"
                                        " ORDER BY module_id");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        char id[16];
        store_col_copy(stmt, 0, id, sizeof id);
        struct exchange_module *m = module_for(x, id, &cap);
        store_col_copy(stmt, 1, m->first_completed_at, sizeof m->first_completed_at);
        store_col_copy(stmt, 2, m->last_modified_at, sizeof m->last_modified_at);
    }
    enum dt_status s = rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    store_stmt_done(stmt);
    if (s != DT_OK)
        return s;

    stmt = store_stmt(st, "SELECT id, part_id || '.' || module_id, full_exercise_id,"
                          " response_json, responded_at FROM exercise_responses"
                          " WHERE user_id = ?1 ORDER BY part_id, module_id, full_exercise_id");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    struct pending {
        char id[STORE_ID_LEN];
        size_t module, index;
    } *rows = NULL;
    size_t nrows = 0, rows_cap = 0;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        char module_id[16];
        store_col_copy(stmt, 1, module_id, sizeof module_id);
        struct exchange_module *m = module_for(x, module_id, &cap);
        m->exercises = dt_oom_realloc(m->exercises, (m->nexercises + 1) * sizeof *m->exercises);
        struct exchange_response *r = &m->exercises[m->nexercises];
        memset(r, 0, sizeof *r);
        store_col_copy(stmt, 2, r->full_exercise_id, sizeof r->full_exercise_id);
        r->json = take_text(stmt, 3);
        store_col_copy(stmt, 4, r->responded_at, sizeof r->responded_at);
        if (strcmp(r->responded_at, m->last_modified_at) > 0 && !m->first_completed_at[0])
            store_copy_text(m->last_modified_at, sizeof m->last_modified_at, r->responded_at);
        if (nrows == rows_cap) {
            rows_cap = rows_cap ? 2 * rows_cap : 16;
            rows = dt_oom_realloc(rows, rows_cap * sizeof *rows);
        }
        store_col_copy(stmt, 0, rows[nrows].id, STORE_ID_LEN);
        rows[nrows].module = (size_t)(m - x->modules);
        rows[nrows++].index = m->nexercises++;
    }
    s = rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    store_stmt_done(stmt);
    /* the tags and the clear text, once the statement above is done */
    for (size_t i = 0; s == DT_OK && i < nrows; i++) {
        struct exchange_response *r = &x->modules[rows[i].module].exercises[rows[i].index];
        s = skills_of(st, rows[i].id, &r->skills);
        if (s == DT_OK && mode == TRANSFER_CLEAR)
            s = store_unseal(st, user_id, SEALED_RESPONSE, r->full_exercise_id, &r->json);
    }
    free(rows);
    return s;
}

static enum dt_status tools(struct store *st, const char *user_id, enum transfer_mode mode,
                            struct exchange *x)
{
    sqlite3_stmt *stmt = store_stmt(
        st, "SELECT id, tool_type, origin, content_json, content_hash, created_at, updated_at,"
            " EXISTS (SELECT 1 FROM tool_instance_drafts d WHERE d.instance_id = tool_instances.id)"
            " FROM tool_instances WHERE user_id = ?1 ORDER BY created_at, id");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (x->ntools == cap) {
            cap = cap ? 2 * cap : 16;
            x->tools = dt_oom_realloc(x->tools, cap * sizeof *x->tools);
        }
        struct exchange_tool *t = &x->tools[x->ntools++];
        memset(t, 0, sizeof *t);
        store_col_copy(stmt, 0, t->id, sizeof t->id);
        store_col_copy(stmt, 1, t->tool_type, sizeof t->tool_type);
        store_col_copy(stmt, 2, t->origin, sizeof t->origin);
        t->json = take_text(stmt, 3);
        store_col_copy(stmt, 4, t->content_hash, sizeof t->content_hash);
        store_col_copy(stmt, 5, t->created_at, sizeof t->created_at);
        store_col_copy(stmt, 6, t->updated_at, sizeof t->updated_at);
        t->draft = sqlite3_column_int(stmt, 7) != 0;
    }
    enum dt_status s = rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    store_stmt_done(stmt);
    for (size_t i = 0; s == DT_OK && i < x->ntools; i++) {
        struct exchange_tool *t = &x->tools[i];
        s = skills_of(st, t->id, &t->skills);
        if (s == DT_OK && mode == TRANSFER_CLEAR) {
            s = store_unseal(st, user_id, SEALED_TOOL, t->id, &t->json);
            /* the hash goes with the text: the SHA-256 of the clear content */
            if (s == DT_OK)
                s = store_tools_content_hash(t->json, t->content_hash);
        }
    }
    return s;
}

static enum dt_status custom_skills(struct store *st, const char *user_id, struct exchange *x)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT id, name, category FROM skills"
                                        " WHERE is_custom = 1 AND created_by = ?1"
                                        " ORDER BY created_at, id");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (x->ncustom_skills == cap) {
            cap = cap ? 2 * cap : 8;
            x->custom_skills = dt_oom_realloc(x->custom_skills, cap * sizeof *x->custom_skills);
        }
        struct exchange_custom_skill *k = &x->custom_skills[x->ncustom_skills++];
        memset(k, 0, sizeof *k);
        store_col_copy(stmt, 0, k->id, sizeof k->id);
        store_col_copy(stmt, 1, k->name, sizeof k->name);
        store_col_copy(stmt, 2, k->category, sizeof k->category);
    }
    enum dt_status s = rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    store_stmt_done(stmt);
    return s;
}

static enum dt_status encryption(struct store *st, const char *user_id, struct exchange *x)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT wrapped_data_key FROM auth WHERE user_id = ?1"
                                        " AND type = 'password' LIMIT 1");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    enum dt_status s = rc == SQLITE_ROW || rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    if (rc == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
        x->encryption.present = true;
        store_copy_text(x->encryption.owner, sizeof x->encryption.owner, user_id);
        x->encryption.wrapped_data_key = take_text(stmt, 0);
    }
    store_stmt_done(stmt);
    return s;
}

enum dt_status store_export_user(struct store *st, const char *user_id, enum transfer_mode mode,
                                 struct exchange *out)
{
    memset(out, 0, sizeof *out);
    struct user u;
    enum dt_status s = store_users_get(st, user_id, &u);
    if (s != DT_OK)
        return s;
    store_copy_text(out->version, sizeof out->version, "1.1");
    store_now_text(st, out->exported_at);
    s = settings(st, user_id, out);
    if (s == DT_OK)
        s = scores(st, user_id, out);
    if (s == DT_OK)
        s = modules(st, user_id, mode, out);
    if (s == DT_OK)
        s = tools(st, user_id, mode, out);
    if (s == DT_OK)
        s = custom_skills(st, user_id, out);
    if (s == DT_OK && mode == TRANSFER_AS_STORED)
        s = encryption(st, user_id, out);
    if (s != DT_OK)
        exchange_free(out);
    return s;
}
