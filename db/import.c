/* Import and merge (transfer.h): an export file, already read and checked on its own
 * (exchange.c), is checked against this workbook, opened with its password when sealed, and
 * merged into one user by the spec's rules. A plan is made first; applying it writes everything
 * in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "envelope.h"
#include "keywrap.h"
#include "oom.h"
#include "progress.h"
#include "responses.h"
#include "store_internal.h"
#include "tools.h"
#include "transfer.h"
#include "users.h"

/* The file's values in clear, parallel to its modules' exercises and its tools. */
struct clear_file {
    char ***responses; /* [module][exercise] */
    char **tools;
};

static void free_clear(const struct exchange *x, struct clear_file *c)
{
    for (size_t m = 0; c->responses && m < x->nmodules; m++) {
        for (size_t e = 0; c->responses[m] && e < x->modules[m].nexercises; e++)
            store_wipe_free(c->responses[m][e]);
        free(c->responses[m]);
    }
    free(c->responses);
    for (size_t t = 0; c->tools && t < x->ntools; t++)
        store_wipe_free(c->tools[t]);
    free(c->tools);
    memset(c, 0, sizeof *c);
}

static enum dt_status fail_at(char err[EXCHANGE_ERR_LEN], const char *path, const char *what)
{
    snprintf(err, EXCHANGE_ERR_LEN, "%s: %s", path, what);
    return DT_INVALID;
}

/* One stored value of the file, in clear: opened with the file's keys when sealed. */
static enum dt_status open_value(const struct keyring *file_keys, const char *column,
                                 const char *key, const char *stored, char **clear,
                                 const char *path, char err[EXCHANGE_ERR_LEN])
{
    *clear = NULL;
    if (!envelope_is_sealed(stored)) {
        *clear = dt_oom_strdup(stored);
    } else {
        if (!file_keys)
            return fail_at(err, path, "sealed, but the file has no \"encryption\" member");
        char field[ENVELOPE_FIELD_LEN];
        if (!envelope_field(field, column, key)[0] ||
            envelope_open(file_keys, field, stored, clear, NULL) != ENVELOPE_OK)
            return fail_at(err, path, "cannot be read with the file's key (was it changed?)");
    }
    if (store_json_valid(*clear, RESPONSES_MAX_BYTES) != 0 || envelope_is_sealed(*clear)) {
        store_wipe_free(*clear);
        *clear = NULL;
        return fail_at(err, path, "not an answer dreamtree can keep");
    }
    return DT_OK;
}

static enum dt_status open_file(const struct exchange *x, const struct keyring *file_keys,
                                struct clear_file *c, char err[EXCHANGE_ERR_LEN])
{
    c->responses = dt_oom_calloc(x->nmodules, sizeof *c->responses);
    c->tools = dt_oom_calloc(x->ntools, sizeof *c->tools);
    char path[256];
    enum dt_status s = DT_OK;
    for (size_t m = 0; s == DT_OK && m < x->nmodules; m++) {
        const struct exchange_module *mod = &x->modules[m];
        c->responses[m] = dt_oom_calloc(mod->nexercises, sizeof **c->responses);
        for (size_t e = 0; s == DT_OK && e < mod->nexercises; e++) {
            const struct exchange_response *r = &mod->exercises[e];
            snprintf(path, sizeof path, "$.modules[\"%s\"].exercises[\"%s\"].response_json",
                     mod->module_id, r->full_exercise_id);
            s = open_value(file_keys, SEALED_RESPONSE, r->full_exercise_id, r->json,
                           &c->responses[m][e], path, err);
        }
    }
    for (size_t t = 0; s == DT_OK && t < x->ntools; t++) {
        snprintf(path, sizeof path, "$.tool_instances[%zu].content_json", t);
        s = open_value(file_keys, SEALED_TOOL, x->tools[t].id, x->tools[t].json, &c->tools[t], path,
                       err);
    }
    return s;
}

/* ---- checks against this workbook ---- */

static enum dt_status exists(struct store *st, const char *sql, const char *value, bool *found)
{
    sqlite3_stmt *stmt = store_stmt(st, sql);
    if (!stmt || store_bind(st, stmt, "t", value) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    *found = rc == SQLITE_ROW;
    enum dt_status s = rc == SQLITE_ROW || rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    store_stmt_done(stmt);
    return s;
}

static enum dt_status check_skills(struct store *st, const struct exchange *x,
                                   const struct exchange_skills *k, const char *path,
                                   char err[EXCHANGE_ERR_LEN])
{
    for (size_t i = 0; i < k->n; i++) {
        bool found = false;
        for (size_t j = 0; !found && j < x->ncustom_skills; j++)
            found = strcmp(x->custom_skills[j].id, k->ids[i]) == 0;
        enum dt_status s = found ? DT_OK
                                 : exists(st, "SELECT 1 FROM skills WHERE id = ?1", k->ids[i],
                                          &found);
        if (s != DT_OK)
            return s;
        if (!found) {
            char where[300];
            snprintf(where, sizeof where, "%s.skills[%zu]", path, i);
            return fail_at(err, where, "this workbook has no skill with that id");
        }
    }
    return DT_OK;
}

static enum dt_status check_file(struct store *st, const struct exchange *x,
                                 char err[EXCHANGE_ERR_LEN])
{
    char path[256];
    bool found = false;
    enum dt_status s = DT_OK;
    if (x->settings.present && x->settings.personality_type[0]) {
        s = exists(st, "SELECT 1 FROM personality_types WHERE code = ?1",
                   x->settings.personality_type, &found);
        if (s == DT_OK && !found)
            return fail_at(err, "$.settings.personality_type",
                           "this workbook has no such personality type");
    }
    for (size_t i = 0; s == DT_OK && i < x->nscores; i++) {
        s = exists(st, "SELECT 1 FROM competencies WHERE id = ?1", x->scores[i].competency_id,
                   &found);
        snprintf(path, sizeof path, "$.competency_scores[%zu].competency_id", i);
        if (s == DT_OK && !found)
            return fail_at(err, path, "this workbook has no such competency");
    }
    for (size_t m = 0; s == DT_OK && m < x->nmodules; m++) {
        const struct exchange_module *mod = &x->modules[m];
        for (size_t e = 0; s == DT_OK && e < mod->nexercises; e++) {
            struct exercise_ref ref;
            snprintf(path, sizeof path, "$.modules[\"%s\"].exercises[\"%s\"]", mod->module_id,
                     mod->exercises[e].full_exercise_id);
            s = store_progress_exercise(st, mod->exercises[e].full_exercise_id, &ref);
            if (s == DT_NOT_FOUND)
                return fail_at(err, path, "this workbook has no such exercise");
            if (s == DT_OK)
                s = check_skills(st, x, &mod->exercises[e].skills, path, err);
        }
    }
    for (size_t t = 0; s == DT_OK && t < x->ntools; t++) {
        const struct exchange_tool *tool = &x->tools[t];
        struct tool_type tt;
        snprintf(path, sizeof path, "$.tool_instances[%zu]", t);
        s = store_tools_type(st, tool->tool_type, &tt);
        if (s == DT_NOT_FOUND)
            return fail_at(err, path, "this workbook has no such tool (tool_type)");
        if (s == DT_OK && strcmp(tool->origin, "standalone") != 0) {
            struct exercise_ref ref;
            s = store_progress_exercise(st, tool->origin, &ref);
            if (s == DT_NOT_FOUND)
                return fail_at(err, path, "this workbook has no such exercise (origin)");
        }
        if (s == DT_OK)
            s = check_skills(st, x, &tool->skills, path, err);
    }
    return s;
}

/* ---- merging ---- */

struct merge {
    struct store *st;
    const char *user;
    bool apply;
    char now[STORE_TIME_LEN];
    struct import_plan *plan;
    char (*hashes)[TOOLS_HASH_LEN]; /* the hashes added so far by this import */
    size_t nhashes;
};

static enum dt_status tag(struct merge *g, const char *instance_id, const struct exchange_skills *k)
{
    enum dt_status s = DT_OK;
    for (size_t i = 0; s == DT_OK && i < k->n; i++) {
        char id[STORE_ID_LEN];
        store_uuid_random(id);
        s = store_run(g->st,
                      "INSERT OR IGNORE INTO exercise_skills (id, exercise_instance_id, skill_id,"
                      " created_at) VALUES (?1, ?2, ?3, ?4)",
                      "tttt", id, instance_id, k->ids[i], g->now);
    }
    return s;
}

/* The time the workbook's module last changed: its user_modules row, else its newest answer;
 * "" when it has nothing of that module. */
static enum dt_status module_time(struct merge *g, const char *module_id, char out[STORE_TIME_LEN])
{
    out[0] = '\0';
    sqlite3_stmt *stmt =
        store_stmt(g->st,
                   "SELECT COALESCE((SELECT last_modified_at FROM user_modules WHERE user_id = ?1"
                   " AND module_id = ?2), (SELECT MAX(responded_at) FROM exercise_responses"
                   " WHERE user_id = ?1 AND part_id || '.' || module_id = ?2))");
    if (!stmt || store_bind(g->st, stmt, "tt", g->user, module_id) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    enum dt_status s = rc == SQLITE_ROW ? DT_OK : store_fail(g->st, rc);
    if (rc == SQLITE_ROW)
        store_col_copy(stmt, 0, out, STORE_TIME_LEN);
    store_stmt_done(stmt);
    return s;
}

static enum dt_status write_module(struct merge *g, const struct exchange_module *mod, char **clear)
{
    enum dt_status s = store_run(g->st,
                                 "DELETE FROM exercise_responses WHERE user_id = ?1"
                                 " AND part_id || '.' || module_id = ?2",
                                 "tt", g->user, mod->module_id);
    for (size_t e = 0; s == DT_OK && e < mod->nexercises; e++) {
        const struct exchange_response *r = &mod->exercises[e];
        struct exercise_ref ref;
        char id[STORE_ID_LEN], *sealed = NULL;
        store_uuid_random(id);
        s = store_progress_exercise(g->st, r->full_exercise_id, &ref);
        if (s == DT_OK)
            s = store_seal(g->st, g->user, SEALED_RESPONSE, r->full_exercise_id, clear[e], &sealed);
        if (s == DT_OK)
            s = store_run(g->st,
                          "INSERT INTO exercise_responses (id, user_id, part_id, module_id,"
                          " exercise_id, version, full_exercise_id, response_json, responded_at)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                          "tttttittt", id, g->user, ref.part_id, ref.module_id, ref.exercise_id,
                          ref.version, ref.full_exercise_id, sealed ? sealed : clear[e],
                          r->responded_at);
        free(sealed);
        if (s == DT_OK)
            s = tag(g, id, &r->skills);
    }
    if (s == DT_OK && mod->first_completed_at[0])
        s = store_run(g->st,
                      "INSERT INTO user_modules (user_id, module_id, first_completed_at,"
                      " last_modified_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (user_id, module_id)"
                      " DO UPDATE SET last_modified_at = excluded.last_modified_at",
                      "tttt", g->user, mod->module_id, mod->first_completed_at,
                      mod->last_modified_at);
    else if (s == DT_OK)
        s = store_run(g->st,
                      "UPDATE user_modules SET last_modified_at = ?3 WHERE user_id = ?1"
                      " AND module_id = ?2",
                      "ttt", g->user, mod->module_id, mod->last_modified_at);
    return s;
}

static enum dt_status merge_modules(struct merge *g, const struct exchange *x,
                                    const struct clear_file *c)
{
    enum dt_status s = DT_OK;
    for (size_t m = 0; s == DT_OK && m < x->nmodules; m++) {
        const struct exchange_module *mod = &x->modules[m];
        char mine[STORE_TIME_LEN];
        s = module_time(g, mod->module_id, mine);
        if (s != DT_OK)
            break;
        if (mine[0] && strcmp(mod->last_modified_at, mine) <= 0) {
            g->plan->modules_kept++;
            continue;
        }
        if (mine[0]) {
            if (g->plan->modules_replaced < 8)
                store_copy_text(g->plan->replaced[g->plan->modules_replaced], 16, mod->module_id);
            g->plan->modules_replaced++;
        } else {
            g->plan->modules_added++;
        }
        g->plan->exercises_written += mod->nexercises;
        if (g->apply)
            s = write_module(g, mod, c->responses[m]);
    }
    return s;
}

static bool added_already(const struct merge *g, const char *hash)
{
    for (size_t i = 0; i < g->nhashes; i++)
        if (strcmp(g->hashes[i], hash) == 0)
            return true;
    return false;
}

static enum dt_status merge_tool(struct merge *g, const struct exchange_tool *t, const char *clear)
{
    char hash[TOOLS_HASH_LEN];
    enum dt_status s = store_content_hash_for(g->st, g->user, clear, hash);
    bool duplicate = false;
    if (s == DT_OK) {
        sqlite3_stmt *stmt = store_stmt(g->st, "SELECT 1 FROM tool_instances"
                                               " WHERE user_id = ?1 AND content_hash = ?2");
        if (!stmt || store_bind(g->st, stmt, "tt", g->user, hash) != DT_OK)
            return DT_DB;
        int rc = sqlite3_step(stmt);
        duplicate = rc == SQLITE_ROW || added_already(g, hash);
        s = rc == SQLITE_ROW || rc == SQLITE_DONE ? DT_OK : store_fail(g->st, rc);
        store_stmt_done(stmt);
    }
    if (s != DT_OK)
        return s;
    if (duplicate) {
        g->plan->tools_duplicate++;
        return DT_OK;
    }
    /* the same entry (its id) already here: the later change wins */
    char owner[STORE_ID_LEN] = "", updated[STORE_TIME_LEN] = "", id[STORE_ID_LEN];
    sqlite3_stmt *stmt = store_stmt(g->st,
                                    "SELECT user_id, updated_at FROM tool_instances WHERE id = ?1");
    if (!stmt || store_bind(g->st, stmt, "t", t->id) != DT_OK)
        return DT_DB;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        store_col_copy(stmt, 0, owner, sizeof owner);
        store_col_copy(stmt, 1, updated, sizeof updated);
    } else if (rc != SQLITE_DONE) {
        s = store_fail(g->st, rc);
    }
    store_stmt_done(stmt);
    if (s != DT_OK)
        return s;
    bool mine = owner[0] && strcmp(owner, g->user) == 0;
    if (mine && strcmp(t->updated_at, updated) <= 0) {
        g->plan->tools_kept++;
        return DT_OK;
    }
    g->hashes = dt_oom_realloc(g->hashes, (g->nhashes + 1) * sizeof *g->hashes);
    memcpy(g->hashes[g->nhashes++], hash, TOOLS_HASH_LEN);
    if (mine)
        g->plan->tools_updated++;
    else
        g->plan->tools_added++;
    if (!g->apply)
        return DT_OK;
    if (owner[0] && !mine) /* another user's id: this copy gets its own */
        store_uuid_random(id);
    else
        memcpy(id, t->id, STORE_ID_LEN);
    char *sealed = NULL;
    s = store_seal(g->st, g->user, SEALED_TOOL, id, clear, &sealed);
    if (s == DT_OK && mine)
        s = store_run(g->st,
                      "UPDATE tool_instances SET content_json = ?2, content_hash = ?3,"
                      " updated_at = ?4 WHERE id = ?1",
                      "tttt", id, sealed ? sealed : clear, hash, t->updated_at);
    else if (s == DT_OK)
        s = store_run(g->st,
                      "INSERT INTO tool_instances (id, user_id, tool_type, origin, content_json,"
                      " content_hash, created_at, updated_at)"
                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                      "tttttttt", id, g->user, t->tool_type, t->origin, sealed ? sealed : clear,
                      hash, t->created_at, t->updated_at);
    free(sealed);
    /* the entry's draft mark comes with it, as the file says (an older file: complete) */
    if (s == DT_OK && t->draft)
        s = store_run(g->st,
                      "INSERT INTO tool_instance_drafts (instance_id) VALUES (?1)"
                      " ON CONFLICT (instance_id) DO NOTHING",
                      "t", id);
    else if (s == DT_OK)
        s = store_run(g->st, "DELETE FROM tool_instance_drafts WHERE instance_id = ?1", "t", id);
    if (s == DT_OK)
        s = tag(g, id, &t->skills);
    return s;
}

static enum dt_status merge_scores(struct merge *g, const struct exchange *x)
{
    enum dt_status s = DT_OK;
    for (size_t i = 0; s == DT_OK && i < x->nscores; i++) {
        const struct exchange_score *sc = &x->scores[i];
        char mine[STORE_TIME_LEN] = "";
        sqlite3_stmt *stmt = store_stmt(g->st, "SELECT assessed_at FROM user_competency_scores"
                                               " WHERE user_id = ?1 AND competency_id = ?2");
        if (!stmt || store_bind(g->st, stmt, "tt", g->user, sc->competency_id) != DT_OK)
            return DT_DB;
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW)
            store_col_copy(stmt, 0, mine, sizeof mine);
        else if (rc != SQLITE_DONE)
            s = store_fail(g->st, rc);
        store_stmt_done(stmt);
        if (s != DT_OK)
            break;
        if (mine[0] && strcmp(sc->assessed_at, mine) <= 0) {
            g->plan->scores_kept++;
            continue;
        }
        g->plan->scores_written++;
        char id[STORE_ID_LEN];
        store_uuid_random(id);
        if (g->apply)
            s = store_run(g->st,
                          "INSERT INTO user_competency_scores (id, user_id, competency_id, score,"
                          " assessed_at) VALUES (?1, ?2, ?3, ?4, ?5)"
                          " ON CONFLICT (user_id, competency_id) DO UPDATE"
                          " SET score = excluded.score, assessed_at = excluded.assessed_at",
                          "tttit", id, g->user, sc->competency_id, sc->score, sc->assessed_at);
    }
    return s;
}

static enum dt_status merge_skills_and_settings(struct merge *g, const struct exchange *x)
{
    enum dt_status s = DT_OK;
    for (size_t i = 0; s == DT_OK && i < x->ncustom_skills; i++) {
        const struct exchange_custom_skill *k = &x->custom_skills[i];
        bool found = false;
        s = exists(g->st, "SELECT 1 FROM skills WHERE id = ?1", k->id, &found);
        if (s != DT_OK || found)
            continue;
        g->plan->skills_added++;
        if (g->apply) /* a custom skill waits for review again on this server */
            s = store_run(g->st,
                          "INSERT INTO skills (id, name, category, is_custom, created_by,"
                          " review_status, created_at) VALUES (?1, ?2, ?3, 1, ?4, 'pending', ?5)",
                          "ttttt", k->id, k->name, k->category[0] ? k->category : NULL, g->user,
                          g->now);
    }
    if (s != DT_OK || !x->settings.present)
        return s;
    bool untouched = false;
    s = exists(g->st, "SELECT 1 FROM user_settings WHERE user_id = ?1 AND updated_at = created_at",
               g->user, &untouched);
    if (s != DT_OK || !untouched)
        return s;
    g->plan->settings_applied = true;
    if (!g->apply)
        return DT_OK;
    struct user_settings us;
    memset(&us, 0, sizeof us);
    store_copy_text(us.background_color, sizeof us.background_color, x->settings.background_color);
    store_copy_text(us.text_color, sizeof us.text_color, x->settings.text_color);
    store_copy_text(us.font, sizeof us.font, x->settings.font);
    store_copy_text(us.personality_type, sizeof us.personality_type, x->settings.personality_type);
    return store_users_save_settings(g->st, g->user, &us);
}

enum dt_status store_import(struct store *st, const char *user_id, const struct exchange *x,
                            const char *password, bool apply, struct import_plan *plan,
                            char err[EXCHANGE_ERR_LEN])
{
    memset(plan, 0, sizeof *plan);
    err[0] = '\0';
    struct user u;
    enum dt_status s = store_users_get(st, user_id, &u);
    bool claimed = false;
    if (s == DT_OK)
        s = store_user_claimed(st, user_id, &claimed);
    if (s == DT_OK && claimed && !(st->keys && strcmp(st->keys->owner, user_id) == 0))
        s = DT_KEY_LOCKED;
    if (s != DT_OK)
        return s;

    /* the slow part first: the file's key, then its values in clear */
    struct keyring *file_keys = NULL;
    if (x->encryption.present) {
        if (!password)
            return DT_KEY_LOCKED;
        enum keywrap_result r = keywrap_unwrap(x->encryption.wrapped_data_key, x->encryption.owner,
                                               password, strlen(password), "password", &file_keys);
        if (r == KEYWRAP_WRONG)
            return DT_WRONG_PASSWORD;
        if (r == KEYWRAP_NOMEM)
            return DT_NOMEM;
        if (r != KEYWRAP_OK)
            return fail_at(err, "$.encryption.wrapped_data_key",
                           "not a key this dreamtree can read");
    }
    struct clear_file c = {0};
    s = open_file(x, file_keys, &c, err);
    keyring_free(&file_keys);
    if (s == DT_OK)
        s = check_file(st, x, err);
    if (s == DT_OK && apply)
        s = store_write_begin(st);
    if (s != DT_OK) {
        free_clear(x, &c);
        return s;
    }
    struct merge g = {.st = st, .user = user_id, .apply = apply, .plan = plan};
    store_now_text(st, g.now);
    s = merge_modules(&g, x, &c);
    for (size_t t = 0; s == DT_OK && t < x->ntools; t++)
        s = merge_tool(&g, &x->tools[t], c.tools[t]);
    if (s == DT_OK)
        s = merge_scores(&g, x);
    if (s == DT_OK)
        s = merge_skills_and_settings(&g, x);
    if (s == DT_OK && apply)
        s = store_progress_recount(st, user_id);
    if (apply)
        s = store_write_end(st, s);
    free(g.hashes);
    free_clear(x, &c);
    if (s != DT_OK) {
        struct import_plan none = {0};
        *plan = none;
    }
    return s;
}

enum dt_status store_merge_into_account(struct store *st, const char *anonymous_id,
                                        const char *account_id)
{
    struct exchange x;
    enum dt_status s = store_export_user(st, anonymous_id, TRANSFER_CLEAR, &x);
    if (s != DT_OK)
        return s;
    struct import_plan plan;
    char err[EXCHANGE_ERR_LEN];
    s = store_group_begin(st);
    if (s == DT_OK)
        s = store_import(st, account_id, &x, NULL, true, &plan, err);
    if (s == DT_OK) /* the skills they proposed stay theirs */
        s = store_run(st, "UPDATE skills SET created_by = ?2 WHERE created_by = ?1", "tt",
                      anonymous_id, account_id);
    if (s == DT_OK) /* this terminal's session now opens the account */
        s = store_run(st, "UPDATE sessions SET user_id = ?2 WHERE user_id = ?1", "tt", anonymous_id,
                      account_id);
    if (s == DT_OK) /* and on a shared server, so does this SSH key */
        s = store_run(st, "UPDATE ssh_keys SET user_id = ?2 WHERE user_id = ?1", "tt", anonymous_id,
                      account_id);
    if (s == DT_OK)
        s = store_users_delete(st, anonymous_id);
    s = store_group_end(st, s);
    exchange_free(&x);
    return s;
}
