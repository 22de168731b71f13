#include "exercises.h"

#include <stdlib.h>
#include <string.h>

#include "oom.h"
#include "store_internal.h"
#include "users.h"

/* ---- blocks ---- */

static void clear_block(void *elem)
{
    struct exercise_block *b = elem;
    free(b->content_text);
    free(b->input_json);
    b->content_text = NULL;
    b->input_json = NULL;
}

static int read_block(sqlite3_stmt *stmt, void *elem)
{
    struct exercise_block *b = elem;
    store_col_copy(stmt, 0, b->id, sizeof b->id);
    store_col_copy(stmt, 1, b->content_type, sizeof b->content_type);
    b->content_text = store_col_dup(stmt, 2);
    b->display_order = sqlite3_column_int(stmt, 3);
    store_col_copy(stmt, 4, b->prompt_key, sizeof b->prompt_key);
    if (sqlite3_column_type(stmt, 5) != SQLITE_NULL) {
        b->input_json = store_col_dup(stmt, 5);
        if (!b->input_json) {
            clear_block(b);
            return -1;
        }
    }
    if (!b->content_text) {
        clear_block(b);
        return -1;
    }
    return 0;
}

enum dt_status store_exercises_blocks(struct store *st, const char *full_exercise_id,
                                      const char *variant_group, struct exercise_block **out,
                                      size_t *n)
{
    *out = NULL;
    *n = 0;
    /* A group's blocks replace the control's (no group, or 'control') whole: a variant is a
     * copy of the exercise. A group that does not vary this exercise reads the control. */
    sqlite3_stmt *stmt = store_stmt(
        st,
        "SELECT c.id, c.content_type, c.content_text, c.display_order, p.prompt_key, p.input_json"
        " FROM exercise_content c LEFT JOIN prompt_inputs p ON p.content_id = c.id"
        " WHERE c.full_exercise_id = ?1 AND c.is_active = 1"
        " AND COALESCE(c.variant_group, 'control') = COALESCE((SELECT x.variant_group"
        "   FROM exercise_content x WHERE x.full_exercise_id = ?1 AND x.variant_group = ?2"
        "   AND x.is_active = 1 LIMIT 1), 'control')"
        " ORDER BY c.display_order, c.id");
    if (!stmt || store_bind(st, stmt, "tt", full_exercise_id, variant_group) != DT_OK)
        return DT_DB;
    enum dt_status s = store_collect(st, stmt, out, n, sizeof **out, read_block, clear_block);
    if (s == DT_OK && *n == 0) {
        struct exercise_ref ref;
        s = store_progress_exercise(st, full_exercise_id, &ref);
    }
    return s;
}

void store_exercises_blocks_free(struct exercise_block **blocks, size_t n)
{
    if (!blocks || !*blocks)
        return;
    for (size_t i = 0; i < n; i++)
        clear_block(&(*blocks)[i]);
    free(*blocks);
    *blocks = NULL;
}

/* ---- outline ---- */

struct done_id {
    char full_exercise_id[32];
};

static int read_done(sqlite3_stmt *stmt, void *elem)
{
    struct done_id *d = elem;
    store_col_copy(stmt, 0, d->full_exercise_id, sizeof d->full_exercise_id);
    return 0;
}

static int compare_done(const void *a, const void *b)
{
    return strcmp(((const struct done_id *)a)->full_exercise_id,
                  ((const struct done_id *)b)->full_exercise_id);
}

/* The ids of the exercises the user has a response to, sorted by strcmp. */
static enum dt_status answered_ids(struct store *st, const char *user_id, struct done_id **out,
                                   size_t *n)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT DISTINCT full_exercise_id FROM exercise_responses"
                                        " WHERE user_id = ?1");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    enum dt_status s = store_collect(st, stmt, out, n, sizeof **out, read_done, NULL);
    if (s == DT_OK && *n > 1)
        qsort(*out, *n, sizeof **out, compare_done);
    return s;
}

/* The user's state for one exercise: done, next, open or locked, by progress.c's rules. */
static enum dt_status state_of(struct store *st, const char *user_id,
                               const struct exercise_ref *ref, const struct done_id *done,
                               size_t ndone, const char *next_id, enum exercise_state *state)
{
    struct done_id key;
    store_copy_text(key.full_exercise_id, sizeof key.full_exercise_id, ref->full_exercise_id);
    if (ndone && bsearch(&key, done, ndone, sizeof *done, compare_done)) {
        *state = EXERCISE_DONE;
        return DT_OK;
    }
    if (next_id[0] && strcmp(next_id, ref->full_exercise_id) == 0) {
        *state = EXERCISE_NEXT;
        return DT_OK;
    }
    bool may_open = false;
    enum dt_status s = store_progress_may_open(st, user_id, ref->full_exercise_id, &may_open);
    if (s == DT_NOT_FOUND) /* the sequence changed under us: show it locked */
        s = DT_OK;
    *state = may_open ? EXERCISE_OPEN : EXERCISE_LOCKED;
    return s;
}

void store_exercises_outline_free(struct exercise_outline *o)
{
    if (!o)
        return;
    free(o->parts);
    free(o->modules);
    free(o->exercises);
    memset(o, 0, sizeof *o);
}

enum dt_status store_exercises_outline(struct store *st, const char *user_id,
                                       struct exercise_outline *out)
{
    memset(out, 0, sizeof *out);
    struct user user;
    enum dt_status s = store_users_get(st, user_id, &user);
    if (s != DT_OK)
        return s;

    struct exercise_ref *seq = NULL;
    struct module_progress *mods = NULL;
    struct done_id *done = NULL;
    size_t nseq = 0, nmods = 0, ndone = 0;
    char next_id[sizeof seq->full_exercise_id] = "";
    s = store_progress_sequence(st, &seq, &nseq);
    if (s == DT_OK)
        s = store_progress_modules(st, user_id, &mods, &nmods);
    if (s == DT_OK)
        s = answered_ids(st, user_id, &done, &ndone);
    if (s == DT_OK) {
        struct exercise_ref next;
        s = store_progress_next(st, user_id, &next);
        if (s == DT_OK)
            memcpy(next_id, next.full_exercise_id, sizeof next_id);
        else if (s == DT_NOT_FOUND) /* at the end of the workbook */
            s = DT_OK;
    }

    struct exercise_outline o = {0};
    if (s == DT_OK && nmods > 0) {
        o.parts = dt_oom_calloc(nmods, sizeof *o.parts);
        o.modules = dt_oom_calloc(nmods, sizeof *o.modules);
        o.exercises = dt_oom_calloc(nseq, sizeof *o.exercises);
    }
    for (size_t m = 0; s == DT_OK && m < nmods; m++) {
        if (o.nparts == 0 || strcmp(o.parts[o.nparts - 1].part_id, mods[m].part_id) != 0) {
            struct outline_part *p = &o.parts[o.nparts++];
            store_copy_text(p->part_id, sizeof p->part_id, mods[m].part_id);
            p->first_module = o.nmodules;
            s = store_progress_title(st, p->part_id, p->title, sizeof p->title);
        }
        struct outline_module *om = &o.modules[o.nmodules++];
        om->progress = mods[m];
        om->first_exercise = o.nexercises;
        o.parts[o.nparts - 1].nmodules++;
        for (size_t e = 0; s == DT_OK && e < nseq; e++) {
            if (strcmp(seq[e].module_key, mods[m].module_key) != 0 || o.nexercises >= nseq)
                continue;
            struct outline_exercise *oe = &o.exercises[o.nexercises];
            oe->ref = seq[e];
            s = state_of(st, user_id, &seq[e], done, ndone, next_id, &oe->state);
            o.nexercises++;
            om->nexercises++;
        }
    }
    free(seq);
    free(mods);
    free(done);
    if (s != DT_OK) {
        store_exercises_outline_free(&o);
        return s;
    }
    *out = o;
    return DT_OK;
}

const char *store_exercises_state_name(enum exercise_state state)
{
    switch (state) {
    case EXERCISE_LOCKED: return "locked";
    case EXERCISE_OPEN: return "open";
    case EXERCISE_NEXT: return "next";
    case EXERCISE_DONE: return "done";
    }
    return "locked";
}
