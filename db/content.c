#include "content.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>

#include "oom.h"
#include "skills.h"
#include "store_internal.h"

static enum dt_status seen(struct store *st, const char *table, const char *id)
{
    return store_run(st, "INSERT OR IGNORE INTO temp.seed_seen (tbl, id) VALUES (?1, ?2)", "tt",
                     table, id);
}

enum dt_status store_content_begin(struct store *st)
{
    enum dt_status s = store_group_begin(st);
    if (s != DT_OK)
        return s;
    s = store_exec(st,
                   "CREATE TEMP TABLE IF NOT EXISTS seed_seen"
                   " (tbl TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (tbl, id)) WITHOUT ROWID;"
                   "DELETE FROM temp.seed_seen;"
                   /* UNIQUE columns the load renumbers: park them out of the way first */
                   "UPDATE exercise_sequence SET sequence_order = -sequence_order"
                   " WHERE sequence_order > 0;"
                   "UPDATE \"references\" SET citation_number = -citation_number"
                   " WHERE citation_number > 0;");
    if (s != DT_OK)
        store_group_end(st, s);
    return s;
}

static const char prune_sql[] =
    "UPDATE exercise_content SET is_active = 0, updated_at = ?1 WHERE is_active = 1"
    " AND id NOT IN (SELECT id FROM temp.seed_seen WHERE tbl = 'exercise_content');"
    "DELETE FROM prompt_inputs"
    " WHERE content_id NOT IN (SELECT id FROM temp.seed_seen WHERE tbl = 'prompt_inputs');"
    "DELETE FROM content_sources"
    " WHERE id NOT IN (SELECT id FROM temp.seed_seen WHERE tbl = 'content_sources');"
    "DELETE FROM exercise_sequence"
    " WHERE full_exercise_id NOT IN (SELECT id FROM temp.seed_seen WHERE tbl = 'exercise_sequence');"
    "DELETE FROM workbook_titles"
    " WHERE node_id NOT IN (SELECT id FROM temp.seed_seen WHERE tbl = 'workbook_titles');"
    "DELETE FROM \"references\""
    " WHERE id NOT IN (SELECT id FROM temp.seed_seen WHERE tbl = 'references');"
    "UPDATE tool_types SET is_active = 0, updated_at = ?1 WHERE is_active = 1"
    " AND id NOT IN (SELECT id FROM temp.seed_seen WHERE tbl = 'tool_types');"
    "DELETE FROM competency_levels"
    " WHERE id NOT IN (SELECT id FROM temp.seed_seen WHERE tbl = 'competency_levels');"
    "DELETE FROM competencies"
    " WHERE id NOT IN (SELECT id FROM temp.seed_seen WHERE tbl = 'competencies')"
    " AND id NOT IN (SELECT competency_id FROM user_competency_scores);"
    "DELETE FROM personality_types"
    " WHERE code NOT IN (SELECT id FROM temp.seed_seen WHERE tbl = 'personality_types')"
    " AND code NOT IN (SELECT personality_type FROM user_settings"
    "   WHERE personality_type IS NOT NULL);"
    "DELETE FROM skills WHERE is_custom = 0"
    " AND id NOT IN (SELECT id FROM temp.seed_seen WHERE tbl = 'skills')"
    " AND id NOT IN (SELECT skill_id FROM exercise_skills);"
    /* workbook_complete follows the sequence: new exercises reopen a finished workbook */
    "UPDATE users SET workbook_complete = c.done, updated_at = ?1"
    " FROM (SELECT u.id, COALESCE((SELECT MAX(sequence_order) FROM exercise_sequence) <="
    "   (SELECT MAX(es.sequence_order) FROM exercise_responses er"
    "    JOIN exercise_sequence es ON er.full_exercise_id = es.full_exercise_id"
    "    WHERE er.user_id = u.id), 0) AS done FROM users u) c"
    " WHERE users.id = c.id AND users.workbook_complete IS NOT c.done;";

enum dt_status store_content_finish(struct store *st, enum dt_status status)
{
    if (status == DT_OK) {
        char now[STORE_TIME_LEN];
        store_now_text(st, now);
        /* prune_sql holds several statements: run them one by one with ?1 bound to now */
        const char *sql = prune_sql;
        while (status == DT_OK && *sql) {
            sqlite3_stmt *stmt = NULL;
            const char *tail = NULL;
            int rc = sqlite3_prepare_v2(st->db, sql, -1, &stmt, &tail);
            if (rc != SQLITE_OK) {
                status = store_fail(st, rc);
                break;
            }
            if (stmt) {
                /* the statements that take a time take it as ?1 */
                status = store_bind(st, stmt, sqlite3_bind_parameter_count(stmt) > 0 ? "t" : "",
                                    now);
                rc = status == DT_OK ? sqlite3_step(stmt) : SQLITE_DONE;
                if (rc != SQLITE_DONE)
                    status = store_fail(st, rc);
                sqlite3_finalize(stmt);
            }
            sql = tail;
        }
    }
    if (status == DT_OK) /* the temp table lives as long as the connection: leave it empty */
        status = store_exec(st, "DELETE FROM temp.seed_seen");
    return store_group_end(st, status);
}

enum dt_status store_content_personality(struct store *st, const char *code, const char *name,
                                         const char *summary)
{
    enum dt_status s = store_run(
        st,
        "INSERT INTO personality_types (code, name, summary) VALUES (?1, ?2, ?3)"
        " ON CONFLICT (code) DO UPDATE SET name = excluded.name, summary = excluded.summary"
        " WHERE (name, summary) IS NOT (excluded.name, excluded.summary)",
        "ttt", code, name, summary);
    return s == DT_OK ? seen(st, "personality_types", code) : s;
}

enum dt_status store_content_competency(struct store *st, const struct competency *c,
                                        const char *relevant_modules_json)
{
    enum dt_status s = store_run(
        st,
        "INSERT INTO competencies (id, name, definition, category, sort_order, relevant_modules)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
        " definition = excluded.definition, category = excluded.category,"
        " sort_order = excluded.sort_order, relevant_modules = excluded.relevant_modules"
        " WHERE (name, definition, category, sort_order, relevant_modules) IS NOT"
        " (excluded.name, excluded.definition, excluded.category, excluded.sort_order,"
        "  excluded.relevant_modules)",
        "ttttit", c->id, c->name, c->definition, c->category, c->sort_order, relevant_modules_json);
    return s == DT_OK ? seen(st, "competencies", c->id) : s;
}

enum dt_status store_content_level(struct store *st, const char *competency_id,
                                   const struct competency_level *l)
{
    char key[96], id[STORE_ID_LEN];
    snprintf(key, sizeof key, "competency-level:%s:%d", competency_id, l->level);
    store_uuid_stable(key, id);
    enum dt_status s = store_run(
        st,
        "INSERT INTO competency_levels (id, competency_id, level, description, job_context)"
        " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE"
        " SET description = excluded.description, job_context = excluded.job_context"
        " WHERE (description, job_context) IS NOT (excluded.description, excluded.job_context)",
        "ttitt", id, competency_id, l->level, l->description,
        l->job_context[0] ? l->job_context : NULL);
    return s == DT_OK ? seen(st, "competency_levels", id) : s;
}

/* The text a master skill's id is made from: its name case-folded under NFKC. Kept apart from
 * base/fold.h on purpose: ids are stored in tags, so a folding that changed would give every
 * master skill a new id in a workbook seeded before and strand its tags. malloc'd; NULL when
 * name is not UTF-8. */
static char *id_fold(const char *name)
{
    size_t len = 0;
    uint8_t *folded = u8_casefold((const uint8_t *)name, strlen(name), NULL, UNINORM_NFKC, NULL,
                                  &len);
    if (!folded)
        return NULL;
    char *out = dt_oom_malloc(len + 1);
    memcpy(out, folded, len);
    out[len] = '\0';
    free(folded);
    return out;
}

enum dt_status store_content_skill(struct store *st, const char *name, const char *category,
                                   char id_out[STORE_ID_LEN])
{
    char *folded = id_fold(name);
    if (!folded)
        return DT_INVALID;
    size_t n = strlen(folded) + 8;
    char *key = dt_oom_malloc(n);
    snprintf(key, n, "skill:%s", folded);
    char id[STORE_ID_LEN], now[STORE_TIME_LEN];
    store_uuid_stable(key, id);
    free(key);
    free(folded);
    store_now_text(st, now);
    enum dt_status s = store_run(
        st,
        "INSERT INTO skills (id, name, category, is_custom, created_by, review_status, created_at)"
        " VALUES (?1, ?2, ?3, 0, NULL, NULL, ?4) ON CONFLICT (id) DO UPDATE"
        " SET name = excluded.name, category = excluded.category"
        " WHERE (name, category) IS NOT (excluded.name, excluded.category)",
        "tttt", id, name, category && category[0] ? category : NULL, now);
    if (s == DT_OK)
        s = seen(st, "skills", id);
    if (s == DT_OK && id_out)
        memcpy(id_out, id, STORE_ID_LEN);
    return s;
}

enum dt_status store_content_tool(struct store *st, const struct tool_type *t)
{
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    enum dt_status s = store_run(
        st,
        "INSERT INTO tool_types (id, singular_name, plural_name, icon_name, has_reminder,"
        " reminder_frequency, reminder_prompt, unlocks_at_exercise, version, is_active,"
        " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?10)"
        " ON CONFLICT (id) DO UPDATE SET singular_name = excluded.singular_name,"
        " plural_name = excluded.plural_name, icon_name = excluded.icon_name,"
        " has_reminder = excluded.has_reminder, reminder_frequency = excluded.reminder_frequency,"
        " reminder_prompt = excluded.reminder_prompt,"
        " unlocks_at_exercise = excluded.unlocks_at_exercise, version = excluded.version,"
        " is_active = 1, updated_at = excluded.updated_at"
        " WHERE (singular_name, plural_name, icon_name, has_reminder, reminder_frequency,"
        "  reminder_prompt, unlocks_at_exercise, version, is_active) IS NOT"
        " (excluded.singular_name, excluded.plural_name, excluded.icon_name, excluded.has_reminder,"
        "  excluded.reminder_frequency, excluded.reminder_prompt, excluded.unlocks_at_exercise,"
        "  excluded.version, 1)",
        "ttttitttit", t->id, t->singular_name, t->plural_name, t->icon_name,
        t->has_reminder ? 1 : 0, t->reminder_frequency[0] ? t->reminder_frequency : NULL,
        t->reminder_prompt[0] ? t->reminder_prompt : NULL,
        t->unlocks_at_exercise[0] ? t->unlocks_at_exercise : NULL, t->version, now);
    return s == DT_OK ? seen(st, "tool_types", t->id) : s;
}

enum dt_status store_content_reference(struct store *st, const struct reference *r)
{
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    enum dt_status s = store_run(
        st,
        "INSERT INTO \"references\" (id, citation_number, author_surname, full_citation,"
        " short_citation, category, metadata, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        " ON CONFLICT (id) DO UPDATE SET citation_number = excluded.citation_number,"
        " author_surname = excluded.author_surname, full_citation = excluded.full_citation,"
        " short_citation = excluded.short_citation, category = excluded.category,"
        " metadata = excluded.metadata"
        " WHERE (citation_number, author_surname, full_citation, short_citation, category, metadata)"
        " IS NOT (excluded.citation_number, excluded.author_surname, excluded.full_citation,"
        "  excluded.short_citation, excluded.category, excluded.metadata)",
        "titttttt", r->id, r->citation_number, r->author_surname, r->full_citation,
        r->short_citation, r->category[0] ? r->category : NULL, r->metadata, now);
    return s == DT_OK ? seen(st, "references", r->id) : s;
}

enum dt_status store_content_title(struct store *st, const char *node_id, const char *kind,
                                   const char *title)
{
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    enum dt_status s = store_run(
        st,
        "INSERT INTO workbook_titles (node_id, kind, title, updated_at) VALUES (?1, ?2, ?3, ?4)"
        " ON CONFLICT (node_id) DO UPDATE SET kind = excluded.kind, title = excluded.title,"
        " updated_at = excluded.updated_at"
        " WHERE (kind, title) IS NOT (excluded.kind, excluded.title)",
        "tttt", node_id, kind, title, now);
    return s == DT_OK ? seen(st, "workbook_titles", node_id) : s;
}

enum dt_status store_content_sequence(struct store *st, const struct exercise_ref *e)
{
    enum dt_status s = store_run(
        st,
        "INSERT INTO exercise_sequence (full_exercise_id, part_id, module_id, exercise_id, version,"
        " sequence_order, unlocks_tool, is_required) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        " ON CONFLICT (full_exercise_id) DO UPDATE SET part_id = excluded.part_id,"
        " module_id = excluded.module_id, exercise_id = excluded.exercise_id,"
        " version = excluded.version, sequence_order = excluded.sequence_order,"
        " unlocks_tool = excluded.unlocks_tool, is_required = excluded.is_required"
        " WHERE (part_id, module_id, exercise_id, version, sequence_order, unlocks_tool, is_required)"
        " IS NOT (excluded.part_id, excluded.module_id, excluded.exercise_id, excluded.version,"
        "  excluded.sequence_order, excluded.unlocks_tool, excluded.is_required)",
        "ttttiiti", e->full_exercise_id, e->part_id, e->module_id, e->exercise_id, e->version,
        e->sequence_order, e->unlocks_tool[0] ? e->unlocks_tool : NULL, e->is_required ? 1 : 0);
    return s == DT_OK ? seen(st, "exercise_sequence", e->full_exercise_id) : s;
}

enum dt_status store_content_block(struct store *st, const struct content_block *b)
{
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    enum dt_status s = store_run(
        st,
        "INSERT INTO exercise_content (id, part_id, module_id, exercise_id, version,"
        " full_exercise_id, content_type, content_text, display_order, is_active, variant_group,"
        " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?11, ?11)"
        " ON CONFLICT (id) DO UPDATE SET part_id = excluded.part_id,"
        " module_id = excluded.module_id, exercise_id = excluded.exercise_id,"
        " version = excluded.version, full_exercise_id = excluded.full_exercise_id,"
        " content_type = excluded.content_type, content_text = excluded.content_text,"
        " display_order = excluded.display_order, is_active = 1,"
        " variant_group = excluded.variant_group, updated_at = excluded.updated_at"
        " WHERE (part_id, module_id, exercise_id, version, full_exercise_id, content_type,"
        "  content_text, display_order, is_active, variant_group) IS NOT"
        " (excluded.part_id, excluded.module_id, excluded.exercise_id, excluded.version,"
        "  excluded.full_exercise_id, excluded.content_type, excluded.content_text,"
        "  excluded.display_order, 1, excluded.variant_group)",
        "ttttitttitt", b->id, b->part_id, b->module_id, b->exercise_id, b->version,
        b->full_exercise_id, b->content_type, b->text, b->display_order, b->variant_group, now);
    return s == DT_OK ? seen(st, "exercise_content", b->id) : s;
}

enum dt_status store_content_prompt_input(struct store *st, const char *content_id,
                                          const char *prompt_key, const char *input_json)
{
    enum dt_status s = store_run(
        st,
        "INSERT INTO prompt_inputs (content_id, prompt_key, input_json) VALUES (?1, ?2, ?3)"
        " ON CONFLICT (content_id) DO UPDATE SET prompt_key = excluded.prompt_key,"
        " input_json = excluded.input_json"
        " WHERE (prompt_key, input_json) IS NOT (excluded.prompt_key, excluded.input_json)",
        "ttt", content_id, prompt_key, input_json);
    return s == DT_OK ? seen(st, "prompt_inputs", content_id) : s;
}

enum dt_status store_content_source(struct store *st, const char *exercise_id,
                                    const char *reference_id, const char *usage_type,
                                    const char *notes)
{
    char key[160], id[STORE_ID_LEN];
    snprintf(key, sizeof key, "content-source:%s:%s:%s", exercise_id, reference_id, usage_type);
    store_uuid_stable(key, id);
    enum dt_status s = store_run(
        st,
        "INSERT INTO content_sources (id, exercise_id, reference_id, usage_type, notes)"
        " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET notes = excluded.notes"
        " WHERE notes IS NOT excluded.notes",
        "ttttt", id, exercise_id, reference_id, usage_type, notes && notes[0] ? notes : NULL);
    return s == DT_OK ? seen(st, "content_sources", id) : s;
}

enum dt_status store_content_loaded(struct store *st, char *dir, size_t dir_size,
                                    char fingerprint[65], char signature[65])
{
    dir[0] = fingerprint[0] = signature[0] = '\0';
    sqlite3_stmt *stmt = store_stmt(st,
                                    "SELECT key, value FROM dreamtree_meta WHERE key IN"
                                    " ('content_dir', 'content_fingerprint', 'content_signature')");
    if (!stmt)
        return DT_DB;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(stmt, 0);
        if (strcmp(key, "content_dir") == 0)
            store_col_copy(stmt, 1, dir, dir_size);
        else if (strcmp(key, "content_fingerprint") == 0)
            store_col_copy(stmt, 1, fingerprint, 65);
        else
            store_col_copy(stmt, 1, signature, 65);
    }
    enum dt_status s = rc == SQLITE_DONE ? DT_OK : store_fail(st, rc);
    store_stmt_done(stmt);
    return s;
}

enum dt_status store_content_set_loaded(struct store *st, const char *dir, const char *fingerprint,
                                        const char *signature)
{
    enum dt_status s = store_write_begin(st);
    if (s != DT_OK)
        return s;
    s = store_run(st,
                  "INSERT INTO dreamtree_meta (key, value) VALUES ('content_dir', ?1),"
                  " ('content_fingerprint', ?2), ('content_signature', ?3)"
                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                  " WHERE value IS NOT excluded.value",
                  "ttt", dir, fingerprint, signature);
    return store_write_end(st, s);
}
