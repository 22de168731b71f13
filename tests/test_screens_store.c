/* The store calls behind the screens: an exercise's blocks, the contents outline, drafts,
 * personality types and preferences. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "check.h"
#include "content.h"
#include "drafts.h"
#include "exercises.h"
#include "personality.h"
#include "preferences.h"
#include "progress.h"
#include "responses.h"
#include "seed.h"
#include "support.h"
#include "users.h"

#define DAY 86400

/* ---- blocks ---- */

static void test_blocks(void)
{
    struct store *st = support_store();
    struct exercise_block *b = NULL;
    size_t n = 0;
    CHECK_INT(store_exercises_blocks(st, "1.1.1.v1", NULL, &b, &n), DT_OK);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(b[0].content_type, "instruction");
        CHECK_STR(b[0].content_text,
                  "Fixture overview of part one, attached to its first exercise.");
        CHECK_INT(b[0].display_order, 1);
        CHECK_STR(b[0].prompt_key, "");
        CHECK(b[0].input_json == NULL);
        CHECK_STR(b[1].content_type, "instruction");
        CHECK_STR(b[1].content_text, "List every job, project and course.");
        CHECK_INT(b[1].display_order, 2);
        CHECK_STR(b[2].content_type, "prompt");
        CHECK_STR(b[2].content_text, "What have you done?");
        CHECK_INT(b[2].display_order, 3);
        CHECK_STR(b[2].prompt_key, "jobs");
        CHECK_STR(b[2].input_json, "{\"type\":\"list\",\"required\":true,\"min\":1,\"max\":40}");
        CHECK(strlen(b[2].id) == STORE_ID_LEN - 1);
    }
    store_exercises_blocks_free(&b, n);
    CHECK(b == NULL); /* freed lists are emptied, as every list free of the store does */

    /* two prompts and a transition, each prompt with its own input */
    CHECK_INT(store_exercises_blocks(st, "1.1.3.v1", NULL, &b, &n), DT_OK);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(b[0].prompt_key, "rank");
        CHECK_STR(b[0].input_json,
                  "{\"type\":\"tool\",\"required\":true,\"tool\":\"ranking-grid\"}");
        CHECK_STR(b[1].prompt_key, "energy");
        CHECK(b[1].input_json && strstr(b[1].input_json, "\"label\":\"Thriving\"") != NULL);
        CHECK_STR(b[1].content_text, "How full is your tank?");
        CHECK_STR(b[2].content_type, "transition");
        CHECK(b[2].input_json == NULL);
        CHECK(b[0].display_order < b[1].display_order && b[1].display_order < b[2].display_order);
    }
    store_exercises_blocks_free(&b, n);

    /* a tool prompt that asks for several entries says how many at least */
    CHECK_INT(store_exercises_blocks(st, "2.2.1.v1", NULL, &b, &n), DT_OK);
    if (CHECK_INT(n, 1))
        CHECK_STR(b[0].input_json,
                  "{\"type\":\"tool\",\"required\":true,\"tool\":\"idea-tree\",\"min\":2}");
    store_exercises_blocks_free(&b, n);

    CHECK_INT(store_exercises_blocks(st, "9.9.9.v1", NULL, &b, &n), DT_NOT_FOUND);
    CHECK(b == NULL && n == 0);
    store_exercises_blocks_free(NULL, 0);
    store_close(&st);
}

static enum dt_status put_block(struct store *st, const char *key, int order, const char *variant,
                                const char *type, const char *text)
{
    struct content_block b = {.part_id = "1",
                              .module_id = "1",
                              .exercise_id = "1",
                              .version = 1,
                              .full_exercise_id = "1.1.1.v1",
                              .content_type = type,
                              .text = text,
                              .display_order = order,
                              .variant_group = variant};
    store_uuid_stable(key, b.id);
    return store_content_block(st, &b);
}

/* A reload that names only 1.1.1.v1, with blocks without a group, in the control and in
 * variant_a: every other block is retired (is_active = 0) and must not be read. */
static void test_blocks_variants_and_retired(void)
{
    struct store *st = support_store();
    struct exercise_ref ex;
    CHECK_INT(store_progress_exercise(st, "1.1.1.v1", &ex), DT_OK);
    enum dt_status s = store_content_begin(st);
    if (s == DT_OK)
        s = store_content_sequence(st, &ex);
    if (s == DT_OK)
        s = put_block(st, "test:shared", 1, NULL, "instruction", "For everyone.");
    if (s == DT_OK)
        s = put_block(st, "test:control", 2, "control", "prompt", "Control question?");
    if (s == DT_OK)
        s = put_block(st, "test:a", 3, "variant_a", "prompt", "Variant A question?");
    if (s == DT_OK)
        s = put_block(st, "test:closing", 4, NULL, "reflection", "Closing for everyone.");
    char prompt_id[STORE_ID_LEN];
    store_uuid_stable("test:control", prompt_id);
    if (s == DT_OK)
        s = store_content_prompt_input(st, prompt_id, "answer", "{\"type\":\"line\"}");
    CHECK_INT(store_content_finish(st, s), DT_OK);

    struct exercise_block *b = NULL;
    size_t n = 0;
    CHECK_INT(store_exercises_blocks(st, "1.1.1.v1", NULL, &b, &n), DT_OK);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(b[0].content_text, "For everyone.");
        CHECK_STR(b[1].content_text, "Control question?");
        CHECK_STR(b[1].prompt_key, "answer");
        CHECK_STR(b[1].input_json, "{\"type\":\"line\"}");
        CHECK_STR(b[2].content_text, "Closing for everyone.");
    }
    store_exercises_blocks_free(&b, n);

    /* a group's blocks replace the control's whole: none of the ungrouped ones mix in */
    CHECK_INT(store_exercises_blocks(st, "1.1.1.v1", "variant_a", &b, &n), DT_OK);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_STR(b[0].content_text, "Variant A question?");
        CHECK_STR(b[0].prompt_key, ""); /* no prompt_inputs row for it */
        CHECK(b[0].input_json == NULL);
    }
    store_exercises_blocks_free(&b, n);

    CHECK_INT(store_exercises_blocks(st, "1.1.1.v1", "control", &b, &n), DT_OK);
    CHECK_INT(n, 3);
    store_exercises_blocks_free(&b, n);
    /* a group that does not vary the exercise reads the control, not an empty exercise */
    CHECK_INT(store_exercises_blocks(st, "1.1.1.v1", "variant_b", &b, &n), DT_OK);
    CHECK_INT(n, 3);
    if (n == 3)
        CHECK_STR(b[1].content_text, "Control question?");
    store_exercises_blocks_free(&b, n);

    /* 1.1.2 is out of the sequence and all its blocks are retired */
    CHECK_INT(store_exercises_blocks(st, "1.1.2.v1", NULL, &b, &n), DT_NOT_FOUND);
    CHECK_INT(n, 0);
    store_close(&st);
}

/* ---- outline ---- */

/* The states of every exercise in outline order, one letter each: D done, N next, O open,
 * L locked; a space between modules. */
static const char *states(const struct exercise_outline *o)
{
    static char buf[128];
    size_t k = 0;
    for (size_t m = 0; m < o->nmodules && k + 16 < sizeof buf; m++) {
        if (m)
            buf[k++] = ' ';
        for (size_t e = 0; e < o->modules[m].nexercises && k + 2 < sizeof buf; e++) {
            enum exercise_state state = o->exercises[o->modules[m].first_exercise + e].state;
            buf[k++] = "LOND"[state];
        }
    }
    buf[k] = '\0';
    return buf;
}

static const char *outline_states(struct store *st, const char *user)
{
    static char buf[128];
    struct exercise_outline o;
    if (store_exercises_outline(st, user, &o) != DT_OK)
        return strcpy(buf, "(error)");
    store_copy_text(buf, sizeof buf, states(&o));
    store_exercises_outline_free(&o);
    return buf;
}

static void test_outline(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    struct exercise_outline o;
    CHECK_INT(store_exercises_outline(st, user, &o), DT_OK);
    CHECK_INT(o.nparts, 2);
    CHECK_INT(o.nmodules, 4);
    CHECK_INT(o.nexercises, 11);
    if (o.nparts == 2 && o.nmodules == 4 && o.nexercises == 11) {
        CHECK_STR(o.parts[0].part_id, "1");
        CHECK_STR(o.parts[0].title, "Roots");
        CHECK_INT(o.parts[0].first_module, 0);
        CHECK_INT(o.parts[0].nmodules, 2);
        CHECK_STR(o.parts[1].title, "Trunk");
        CHECK_INT(o.parts[1].first_module, 2);
        CHECK_INT(o.parts[1].nmodules, 2);
        CHECK_STR(o.modules[0].progress.module_key, "1.1");
        CHECK_STR(o.modules[0].progress.title, "Skills");
        CHECK_INT(o.modules[0].first_exercise, 0);
        CHECK_INT(o.modules[0].nexercises, 3);
        CHECK_STR(o.modules[1].progress.title, "Money");
        CHECK_STR(o.modules[3].progress.title, "Reach");
        CHECK_INT(o.modules[3].first_exercise, 7);
        CHECK_INT(o.modules[3].nexercises, 4);
        CHECK_STR(o.exercises[0].ref.full_exercise_id, "1.1.1.v1");
        CHECK_STR(o.exercises[0].ref.title, "Every job");
        CHECK_INT(o.exercises[0].ref.sequence_order, 1);
        CHECK(o.exercises[0].ref.is_required);
        CHECK_STR(o.exercises[0].ref.unlocks_tool, "list-builder");
        CHECK_STR(o.exercises[1].ref.title, "A story");
        CHECK(!o.exercises[1].ref.is_required);
        CHECK_STR(o.exercises[10].ref.full_exercise_id, "2.2.4.v1");
        CHECK_STR(o.exercises[10].ref.title, "Network");
        CHECK_INT(o.exercises[10].ref.sequence_order, 11);
        CHECK_INT(o.exercises[0].state, EXERCISE_NEXT);
        CHECK_INT(o.exercises[1].state, EXERCISE_LOCKED);
        CHECK(!o.modules[0].progress.complete);
    }
    store_exercises_outline_free(&o);
    CHECK(o.parts == NULL && o.nexercises == 0);
    CHECK_STR(outline_states(st, user), "NLL LL LL LLLL");

    support_answer_first(st, user, 3);
    CHECK_INT(store_exercises_outline(st, user, &o), DT_OK);
    CHECK_STR(states(&o), "DDD NL LL LLLL");
    if (o.nmodules == 4) {
        CHECK(o.modules[0].progress.complete);
        CHECK_INT(o.modules[0].progress.answered, 3);
    }
    store_exercises_outline_free(&o);

    /* drafts are not answers */
    CHECK_INT(store_drafts_save(st, user, "1.2.1.v1", "{\"walk_away\":5}"), DT_OK);
    CHECK_STR(outline_states(st, user), "DDD NL LL LLLL");

    support_answer_first(st, user, 11);
    CHECK_STR(outline_states(st, user), "DDD DD DD DDDD"); /* no next at the end */

    /* another user is untouched; an unknown one is not found */
    char other[STORE_ID_LEN];
    support_user(st, other);
    CHECK_STR(outline_states(st, other), "NLL LL LL LLLL");
    CHECK_INT(store_exercises_outline(st, "nobody", &o), DT_NOT_FOUND);
    CHECK(o.exercises == NULL && o.nexercises == 0);
    store_exercises_outline_free(NULL);

    CHECK_STR(store_exercises_state_name(EXERCISE_DONE), "done");
    CHECK_STR(store_exercises_state_name(EXERCISE_NEXT), "next");
    CHECK_STR(store_exercises_state_name(EXERCISE_OPEN), "open");
    CHECK_STR(store_exercises_state_name(EXERCISE_LOCKED), "locked");
    store_close(&st);
}

/* An exercise is open but neither answered nor next when new content puts it behind one the user
 * has answered: here a reload swaps 1.1.2 and 1.1.3 after the user answered 1.1.1 and 1.1.2. */
static void test_outline_open_after_reorder(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    support_answer_first(st, user, 2);
    struct exercise_outline before;
    CHECK_INT(store_exercises_outline(st, user, &before), DT_OK);
    CHECK_STR(states(&before), "DDN LL LL LLLL");

    /* reload the sequence and titles as they are, with orders 2 and 3 swapped */
    enum dt_status s = store_content_begin(st);
    for (size_t p = 0; s == DT_OK && p < before.nparts; p++)
        s = store_content_title(st, before.parts[p].part_id, "part", before.parts[p].title);
    for (size_t m = 0; s == DT_OK && m < before.nmodules; m++)
        s = store_content_title(st, before.modules[m].progress.module_key, "module",
                                before.modules[m].progress.title);
    for (size_t e = 0; s == DT_OK && e < before.nexercises; e++) {
        struct exercise_ref ref = before.exercises[e].ref;
        if (ref.sequence_order == 2 || ref.sequence_order == 3)
            ref.sequence_order = 5 - ref.sequence_order;
        s = store_content_sequence(st, &ref);
        if (s == DT_OK)
            s = store_content_title(st, ref.full_exercise_id, "exercise", ref.title);
    }
    CHECK_INT(store_content_finish(st, s), DT_OK);
    store_exercises_outline_free(&before);

    struct exercise_outline o;
    CHECK_INT(store_exercises_outline(st, user, &o), DT_OK);
    /* outline order is sequence order: 1.1.1 done, 1.1.3 (now 2nd) open, 1.1.2 (now 3rd) done,
     * and 1.2.1 next, since 1.1.2 before it is answered */
    CHECK_STR(states(&o), "DOD NL LL LLLL");
    if (o.nexercises == 11) {
        CHECK_STR(o.exercises[1].ref.full_exercise_id, "1.1.3.v1");
        CHECK_INT(o.exercises[1].state, EXERCISE_OPEN);
        CHECK_STR(o.exercises[1].ref.title, "Top skills");
        CHECK_STR(o.exercises[3].ref.full_exercise_id, "1.2.1.v1");
        CHECK_INT(o.exercises[3].state, EXERCISE_NEXT);
    }
    store_exercises_outline_free(&o);
    /* the states agree with what the progression rules allow */
    bool may = false;
    CHECK_INT(store_progress_may_open(st, user, "1.1.3.v1", &may), DT_OK);
    CHECK(may);
    CHECK_INT(store_responses_save(st, user, "1.1.3.v1", "{}", NULL), DT_OK);
    CHECK_STR(outline_states(st, user), "DDD NL LL LLLL");
    store_close(&st);
}

/* ---- drafts ---- */

static void test_drafts(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN], other[STORE_ID_LEN];
    support_user(st, user);
    support_user(st, other);
    struct draft d;
    CHECK_INT(store_drafts_get(st, user, "1.1.1.v1", &d), DT_NOT_FOUND);
    CHECK(d.draft_json == NULL);

    CHECK_INT(store_drafts_save(st, user, "1.1.1.v1", "{\"jobs\":[\"bak"), DT_INVALID);
    CHECK_INT(store_drafts_save(st, user, "1.1.1.v1", ""), DT_INVALID);
    CHECK_INT(store_drafts_save(st, user, "1.1.1.v1", NULL), DT_INVALID);
    CHECK_INT(store_drafts_save(st, user, "1.1.1.v1", "{} {}"), DT_INVALID);
    CHECK_INT(store_drafts_get(st, user, "1.1.1.v1", &d), DT_NOT_FOUND);

    CHECK_INT(store_drafts_save(st, user, "1.1.1.v1", "{\"jobs\":[\"baker\"]}"), DT_OK);
    CHECK_INT(store_drafts_get(st, user, "1.1.1.v1", &d), DT_OK);
    CHECK_STR(d.full_exercise_id, "1.1.1.v1");
    CHECK_STR(d.draft_json, "{\"jobs\":[\"baker\"]}");
    CHECK_STR(d.saved_at, "2026-11-25T12:00:00Z");
    store_drafts_clear(&d);
    CHECK(d.draft_json == NULL);
    store_drafts_clear(NULL);

    /* saving again replaces it */
    store_set_now(st, support_now + 90);
    CHECK_INT(store_drafts_save(st, user, "1.1.1.v1", "{\"jobs\":[\"baker\",\"nurse\"]}"), DT_OK);
    CHECK_INT(store_drafts_get(st, user, "1.1.1.v1", &d), DT_OK);
    CHECK_STR(d.draft_json, "{\"jobs\":[\"baker\",\"nurse\"]}");
    CHECK_STR(d.saved_at, "2026-11-25T12:01:30Z");
    store_drafts_clear(&d);
    store_set_now(st, support_now);

    /* a huge paste is refused whole and the draft is untouched */
    size_t big = DRAFTS_MAX_BYTES + 16;
    char *huge = malloc(big + 1);
    if (huge) {
        memset(huge, 'a', big);
        memcpy(huge, "{\"t\":\"", 6);
        memcpy(huge + big - 2, "\"}", 2);
        huge[big] = '\0';
        CHECK_INT(store_drafts_save(st, user, "1.1.1.v1", huge), DT_INVALID);
        free(huge);
    }
    CHECK_INT(store_drafts_get(st, user, "1.1.1.v1", &d), DT_OK);
    CHECK_STR(d.draft_json, "{\"jobs\":[\"baker\",\"nurse\"]}");
    store_drafts_clear(&d);

    /* only where the user may type */
    CHECK_INT(store_drafts_save(st, user, "1.1.2.v1", "{}"), DT_LOCKED);
    CHECK_INT(store_drafts_save(st, user, "9.9.9.v1", "{}"), DT_NOT_FOUND);
    CHECK_INT(store_drafts_save(st, "nobody", "1.1.1.v1", "{}"), DT_NOT_FOUND);

    /* a draft is not a response: progression does not move */
    int pos = -1;
    bool may = true;
    CHECK_INT(store_progress_position(st, user, &pos), DT_OK);
    CHECK_INT(pos, 0);
    CHECK_INT(store_progress_may_open(st, user, "1.1.2.v1", &may), DT_OK);
    CHECK(!may);
    struct response r;
    CHECK_INT(store_responses_get(st, user, "1.1.1.v1", &r), DT_NOT_FOUND);

    /* each user has their own */
    CHECK_INT(store_drafts_get(st, other, "1.1.1.v1", &d), DT_NOT_FOUND);
    CHECK_INT(store_drafts_save(st, other, "1.1.1.v1", "{\"jobs\":[]}"), DT_OK);

    /* delete, and deleting nothing is fine */
    CHECK_INT(store_drafts_delete(st, user, "1.1.1.v1"), DT_OK);
    CHECK_INT(store_drafts_get(st, user, "1.1.1.v1", &d), DT_NOT_FOUND);
    CHECK_INT(store_drafts_delete(st, user, "1.1.1.v1"), DT_OK);
    CHECK_INT(store_drafts_get(st, other, "1.1.1.v1", &d), DT_OK);
    CHECK_STR(d.draft_json, "{\"jobs\":[]}");
    store_drafts_clear(&d);
    store_close(&st);
}

static void test_draft_deleted_on_submit(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN], other[STORE_ID_LEN];
    support_user(st, user);
    support_user(st, other);
    struct draft d;
    CHECK_INT(store_drafts_save(st, user, "1.1.1.v1", "{\"jobs\":[\"draft\"]}"), DT_OK);
    CHECK_INT(store_drafts_save(st, other, "1.1.1.v1", "{\"jobs\":[\"other\"]}"), DT_OK);

    /* a refused submit keeps the draft */
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":", NULL), DT_INVALID);
    CHECK_INT(store_drafts_get(st, user, "1.1.1.v1", &d), DT_OK);
    store_drafts_clear(&d);

    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[\"final\"]}", NULL), DT_OK);
    CHECK_INT(store_drafts_get(st, user, "1.1.1.v1", &d), DT_NOT_FOUND);
    struct response r;
    CHECK_INT(store_responses_get(st, user, "1.1.1.v1", &r), DT_OK);
    CHECK_STR(r.response_json, "{\"jobs\":[\"final\"]}");
    store_responses_clear(&r);
    /* the other user's draft stays */
    CHECK_INT(store_drafts_get(st, other, "1.1.1.v1", &d), DT_OK);
    CHECK_STR(d.draft_json, "{\"jobs\":[\"other\"]}");
    store_drafts_clear(&d);

    /* 1.1.2 is open now; its draft stays when 1.1.1 is edited, goes when 1.1.2 is submitted */
    CHECK_INT(store_drafts_save(st, user, "1.1.2.v1", "{\"story\":\"once\"}"), DT_OK);
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[\"edited\"]}", NULL), DT_OK);
    CHECK_INT(store_drafts_get(st, user, "1.1.2.v1", &d), DT_OK);
    store_drafts_clear(&d);
    CHECK_INT(store_responses_save(st, user, "1.1.2.v1", "{\"story\":\"once upon\"}", NULL), DT_OK);
    CHECK_INT(store_drafts_get(st, user, "1.1.2.v1", &d), DT_NOT_FOUND);

    /* a draft of an answered exercise (an edit in progress) is allowed and kept until resubmit */
    CHECK_INT(store_drafts_save(st, user, "1.1.1.v1", "{\"jobs\":[\"again\"]}"), DT_OK);
    CHECK_INT(store_drafts_get(st, user, "1.1.1.v1", &d), DT_OK);
    store_drafts_clear(&d);
    store_close(&st);
}

/* ---- personality types ---- */

static void test_personality(void)
{
    struct store *st = support_store();
    struct personality_type *list = NULL;
    size_t n = 0;
    CHECK_INT(store_personality_list(st, &list, &n), DT_OK);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(list[0].code, "ENFP");
        CHECK_STR(list[0].name, "Fixture Spark");
        CHECK_STR(list[0].summary, "A fixture summary for the spark type.");
        CHECK_STR(list[1].code, "INTJ");
        CHECK_STR(list[2].code, "ISTJ");
        CHECK_STR(list[2].name, "Fixture Keeper");
    }
    store_personality_list_free(&list, n);
    CHECK(list == NULL);
    store_personality_list_free(&list, 0);
    store_personality_list_free(NULL, 0);

    struct personality_type p;
    CHECK_INT(store_personality_get(st, "INTJ", &p), DT_OK);
    CHECK_STR(p.code, "INTJ");
    CHECK_STR(p.name, "Fixture Planner");
    CHECK_STR(p.summary,
              "A fixture summary for the planner type, long enough to look like a real one.");
    store_personality_clear(&p);
    CHECK(p.summary == NULL);
    CHECK_INT(store_personality_get(st, "XXXX", &p), DT_NOT_FOUND);
    CHECK(p.summary == NULL);
    CHECK_INT(store_personality_get(st, "intj", &p), DT_NOT_FOUND);
    store_close(&st);
}

/* ---- preferences ---- */

static void test_preferences(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN], other[STORE_ID_LEN];
    support_user(st, user);
    support_user(st, other);
    struct user_preferences p = {.text_mode = true, .updated_at = "x"};
    CHECK_INT(store_preferences_get(st, user, &p), DT_OK);
    CHECK(!p.text_mode);
    CHECK_STR(p.updated_at, "");

    store_set_now(st, support_now + DAY);
    struct user_preferences set = {.text_mode = true};
    CHECK_INT(store_preferences_set(st, user, &set), DT_OK);
    CHECK_INT(store_preferences_get(st, user, &p), DT_OK);
    CHECK(p.text_mode);
    CHECK_STR(p.updated_at, "2026-11-26T12:00:00Z");
    CHECK_INT(store_preferences_get(st, other, &p), DT_OK);
    CHECK(!p.text_mode);

    store_set_now(st, support_now + 2 * DAY);
    set.text_mode = false;
    CHECK_INT(store_preferences_set(st, user, &set), DT_OK);
    CHECK_INT(store_preferences_get(st, user, &p), DT_OK);
    CHECK(!p.text_mode);
    CHECK_STR(p.updated_at, "2026-11-27T12:00:00Z");

    CHECK_INT(store_preferences_get(st, "nobody", &p), DT_NOT_FOUND);
    CHECK_INT(store_preferences_set(st, "nobody", &set), DT_NOT_FOUND);

    /* the spec's user_settings row is untouched by all this */
    struct user_settings us;
    CHECK_INT(store_users_settings(st, user, &us), DT_OK);
    CHECK_STR(us.personality_type, "");
    store_close(&st);
}

/* ---- deleting a user ---- */

static long long count_rows(sqlite3 *db, const char *sql, const char *user)
{
    sqlite3_stmt *stmt = NULL;
    long long n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK) {
        sqlite3_bind_text(stmt, 1, user, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            n = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    return n;
}

static void test_user_delete_takes_drafts_and_preferences(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/screens.db", support_tmpdir());
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st, err), DT_OK);
    if (!st)
        return;
    store_set_now(st, support_now);
    struct seed_diags diags = {0};
    CHECK_INT(seed_run(st, support_fixture_dir(), &diags, NULL), DT_OK);
    seed_diags_free(&diags);

    char user[STORE_ID_LEN], other[STORE_ID_LEN];
    support_user(st, user);
    support_user(st, other);
    struct user_preferences on = {.text_mode = true};
    CHECK_INT(store_drafts_save(st, user, "1.1.1.v1", "{\"a\":1}"), DT_OK);
    CHECK_INT(store_drafts_save(st, other, "1.1.1.v1", "{\"a\":2}"), DT_OK);
    CHECK_INT(store_preferences_set(st, user, &on), DT_OK);
    CHECK_INT(store_preferences_set(st, other, &on), DT_OK);

    sqlite3 *db = NULL;
    CHECK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
    const char *drafts_sql = "SELECT count(*) FROM drafts WHERE user_id = ?1";
    const char *prefs_sql = "SELECT count(*) FROM user_preferences WHERE user_id = ?1";
    CHECK_INT(count_rows(db, drafts_sql, user), 1);
    CHECK_INT(count_rows(db, prefs_sql, user), 1);

    CHECK_INT(store_users_delete(st, user), DT_OK);
    CHECK_INT(count_rows(db, drafts_sql, user), 0);
    CHECK_INT(count_rows(db, prefs_sql, user), 0);
    CHECK_INT(count_rows(db, drafts_sql, other), 1);
    CHECK_INT(count_rows(db, prefs_sql, other), 1);
    struct draft d;
    CHECK_INT(store_drafts_get(st, user, "1.1.1.v1", &d), DT_NOT_FOUND);
    struct user_preferences p;
    CHECK_INT(store_preferences_get(st, user, &p), DT_NOT_FOUND);
    CHECK_INT(store_preferences_get(st, other, &p), DT_OK);
    CHECK(p.text_mode);
    sqlite3_close(db);
    store_close(&st);
}

/* A database from before migration 3 (user_version 2, no drafts or user_preferences) gets the
 * two tables on open, and keeps its data. */
static void test_migration_3(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/older.db", support_tmpdir());
    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st, err), DT_OK);
    if (!st)
        return;
    char user[STORE_ID_LEN];
    support_user(st, user);
    store_close(&st);
    sqlite3 *db = NULL;
    sqlite3_open(path, &db);
    /* as migration 2 left it: without the later tables and index (store_open checks that) */
    CHECK(
        sqlite3_exec(
            db,
            "DROP TABLE drafts; DROP TABLE user_preferences; DROP TABLE login_throttle; DROP TABLE ssh_keys; DROP TABLE competency_score_history;"
            " DROP TABLE tool_instance_drafts;"
            " DROP INDEX idx_tool_instances_user_type_created;"
            " PRAGMA user_version = 2",
            NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);

    CHECK_INT(store_open(path, STORE_OPEN_EXISTING, &st, err), DT_OK);
    if (!st)
        return;
    struct user_preferences on = {.text_mode = true}, p;
    CHECK_INT(store_preferences_set(st, user, &on),
              DT_OK); /* the user survived; the table is back */
    CHECK_INT(store_preferences_get(st, user, &p), DT_OK);
    CHECK(p.text_mode);
    store_close(&st);
    sqlite3_open(path, &db);
    CHECK_INT(count_rows(db,
                         "SELECT count(*) FROM sqlite_master WHERE name IN"
                         " ('drafts', 'user_preferences') AND ?1 IS NOT NULL",
                         ""),
              2);
    CHECK_INT(count_rows(db, "SELECT user_version FROM pragma_user_version WHERE ?1 IS NOT NULL",
                         ""),
              store_schema_version());
    sqlite3_close(db);
    CHECK(store_schema_version() >= 3);
}

static void remove_tmp_files(void)
{
    static const char *const names[] = {"screens.db", "older.db"};
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (size_t n = 0; n < sizeof names / sizeof names[0]; n++)
        for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
            char file[600];
            snprintf(file, sizeof file, "%s/%s%s", support_tmpdir(), names[n], suffixes[i]);
            unlink(file);
        }
    rmdir(support_tmpdir());
}

/* ---- variant groups ---- */

static void seed_variants(struct store *st)
{
    struct seed_diags d = {0};
    enum dt_status s = seed_run(st, support_variant_content(), &d, NULL);
    for (size_t i = 0; i < d.n; i++)
        printf("# %s\n", d.items[i]);
    seed_diags_free(&d);
    CHECK_INT(s, DT_OK);
}

/* The group is assigned once, at random among the content's groups and "control", and kept:
 * reseeding, asking again, or content that drops the group does not move it. */
static void test_variant_assigned_once(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN], group[PREFERENCES_VARIANT_LEN];
    support_user(st, user);
    /* no experiment in the content: control, and nothing written */
    CHECK_INT(store_preferences_variant(st, user, group), DT_OK);
    CHECK_STR(group, "control");
    CHECK_INT(store_preferences_variant_get(st, user, group), DT_OK);
    CHECK_STR(group, "");
    CHECK_INT(store_preferences_variant(st, "no-such-user", group), DT_NOT_FOUND);

    seed_variants(st);
    enum { USERS = 60 };
    int seen_control = 0, seen_a = 0, other = 0, changed = 0;
    for (int i = 0; i < USERS; i++) {
        char id[STORE_ID_LEN], first[PREFERENCES_VARIANT_LEN], again[PREFERENCES_VARIANT_LEN];
        support_user(st, id);
        CHECK_INT(store_preferences_variant(st, id, first), DT_OK);
        seen_control += strcmp(first, "control") == 0;
        seen_a += strcmp(first, "variant_a") == 0;
        other += strcmp(first, "control") != 0 && strcmp(first, "variant_a") != 0;
        for (int k = 0; k < 3; k++) {
            CHECK_INT(store_preferences_variant(st, id, again), DT_OK);
            changed += strcmp(first, again) != 0;
        }
        CHECK_INT(store_preferences_variant_get(st, id, again), DT_OK);
        changed += strcmp(first, again) != 0;
    }
    CHECK_INT(other, 0);
    CHECK_INT(changed, 0);
    /* at random: 60 users all in one of two groups would be a 1 in 2^59 chance */
    CHECK(seen_control > 0 && seen_a > 0);
    if (!CHECK(seen_control + seen_a == USERS))
        printf("# control %d, variant_a %d\n", seen_control, seen_a);

    /* content that no longer has the group keeps the user in it; they read the control */
    CHECK_INT(store_preferences_set_variant(st, user, "variant_a"), DT_OK);
    support_seed(st);
    CHECK_INT(store_preferences_variant(st, user, group), DT_OK);
    CHECK_STR(group, "variant_a");
    struct exercise_block *b = NULL;
    size_t n = 0;
    CHECK_INT(store_exercises_blocks(st, "1.1.1.v1", group, &b, &n), DT_OK);
    CHECK(n > 0 && strcmp(b[n - 1].content_text, "What have you done?") == 0);
    store_exercises_blocks_free(&b, n);
    CHECK_INT(store_preferences_set_variant(st, user, ""), DT_INVALID);
    store_close(&st);
}

/* Two connections to one file assign at once: each user ends in one group, the same whichever
 * connection asks, and the second one reads what the first wrote. */
static void test_variant_two_connections(void)
{
    char path[600];
    snprintf(path, sizeof path, "%s/variants.db", support_tmpdir());
    unlink(path);
    struct store *a = NULL, *b = NULL;
    char err[STORE_ERR_LEN];
    CHECK_INT(store_open(path, STORE_OPEN_CREATE, &a, err), DT_OK);
    CHECK_INT(store_open(path, STORE_OPEN_EXISTING, &b, err), DT_OK);
    if (!a || !b) {
        store_close(&a);
        store_close(&b);
        return;
    }
    store_set_now(a, support_now);
    store_set_now(b, support_now);
    seed_variants(a);
    enum { USERS = 40 };
    int disagree = 0;
    for (int i = 0; i < USERS; i++) {
        char id[STORE_ID_LEN], ga[PREFERENCES_VARIANT_LEN], gb[PREFERENCES_VARIANT_LEN];
        support_user(a, id);
        /* b reads "none yet" and then a assigns inside b's would-be window: b, asking next,
         * must take a's group, not write its own over it */
        CHECK_INT(store_preferences_variant_get(b, id, gb), DT_OK);
        CHECK_STR(gb, "");
        CHECK_INT(store_preferences_variant(i % 2 ? a : b, id, ga), DT_OK);
        CHECK_INT(store_preferences_variant(i % 2 ? b : a, id, gb), DT_OK);
        disagree += strcmp(ga, gb) != 0;
    }
    CHECK_INT(disagree, 0);
    store_close(&a);
    store_close(&b);
    sqlite3 *db = NULL;
    sqlite3_open(path, &db);
    CHECK_INT(count_rows(db,
                         "SELECT count(*) FROM user_preferences WHERE variant_group IN"
                         " ('control', 'variant_a') AND ?1 IS NOT NULL",
                         "x"),
              USERS);
    sqlite3_close(db);
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        char file[700];
        snprintf(file, sizeof file, "%s%s", path, suffixes[i]);
        unlink(file);
    }
}

/* What each group sees of a varied exercise and of one its group does not vary. */
static void test_variant_fallback(void)
{
    struct store *st = support_store();
    seed_variants(st);
    struct exercise_block *b = NULL;
    size_t n = 0;
    CHECK_INT(store_exercises_blocks(st, "1.1.1.v1", "variant_a", &b, &n), DT_OK);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(b[1].content_text, "Variant A: which jobs, projects and courses?");
        CHECK_STR(b[1].prompt_key, "jobs");
        CHECK(b[1].input_json != NULL);
    }
    store_exercises_blocks_free(&b, n);
    /* the control keeps its blocks, the part's overview among them */
    CHECK_INT(store_exercises_blocks(st, "1.1.1.v1", "control", &b, &n), DT_OK);
    CHECK_INT(n, 3);
    if (n == 3)
        CHECK_STR(b[2].content_text, "What have you done?");
    store_exercises_blocks_free(&b, n);
    /* 1.1.2 has no variant: variant_a reads the control's prompt */
    CHECK_INT(store_exercises_blocks(st, "1.1.2.v1", "variant_a", &b, &n), DT_OK);
    size_t prompts = 0;
    for (size_t i = 0; i < n; i++)
        prompts += b[i].input_json != NULL;
    CHECK_INT(prompts, 1);
    store_exercises_blocks_free(&b, n);
    /* every exercise asks something in every group: an empty one would submit {} */
    struct exercise_ref *seq = NULL;
    size_t nseq = 0;
    CHECK_INT(store_progress_sequence(st, &seq, &nseq), DT_OK);
    static const char *const groups[] = {"control", "variant_a", "variant_z"};
    size_t empty = 0;
    for (size_t i = 0; i < nseq; i++)
        for (size_t g = 0; g < 3; g++) {
            CHECK_INT(store_exercises_blocks(st, seq[i].full_exercise_id, groups[g], &b, &n),
                      DT_OK);
            size_t asked = 0;
            for (size_t k = 0; k < n; k++)
                asked += b[k].input_json != NULL;
            empty += asked == 0;
            store_exercises_blocks_free(&b, n);
        }
    CHECK_INT(empty, 0);
    free(seq);
    store_close(&st);
}

/* ---- versions ---- */

/* An answer keeps the version it was written against; after a bump the earlier answer is
 * found from the new version's id, and answering again records the new version beside it. */
static void test_answer_keeps_its_version(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[\"Baker\"]}", NULL), DT_OK);
    struct response r;
    CHECK_INT(store_responses_get(st, user, "1.1.1.v1", &r), DT_OK);
    CHECK_INT(r.version, 1);
    store_responses_clear(&r);
    CHECK_INT(store_responses_earlier(st, user, "1.1.1.v1", &r), DT_NOT_FOUND);

    struct seed_diags d = {0};
    CHECK_INT(seed_run(st, support_bumped_content(), &d, NULL), DT_OK);
    seed_diags_free(&d);
    CHECK_INT(store_responses_get(st, user, "1.1.1.v2", &r), DT_NOT_FOUND);
    CHECK_INT(store_responses_earlier(st, user, "1.1.1.v2", &r), DT_OK);
    CHECK_INT(r.version, 1);
    CHECK_STR(r.full_exercise_id, "1.1.1.v1");
    CHECK_STR(r.response_json, "{\"jobs\":[\"Baker\"]}");
    store_responses_clear(&r);
    CHECK_INT(store_responses_earlier(st, user, "1.1.2.v1", &r), DT_NOT_FOUND);
    char other[STORE_ID_LEN];
    support_user(st, other);
    CHECK_INT(store_responses_earlier(st, other, "1.1.1.v2", &r), DT_NOT_FOUND);

    CHECK_INT(store_responses_save(st, user, "1.1.1.v2", "{\"jobs\":[\"Baker\",\"Cook\"]}", NULL),
              DT_OK);
    CHECK_INT(store_responses_get(st, user, "1.1.1.v2", &r), DT_OK);
    CHECK_INT(r.version, 2);
    store_responses_clear(&r);
    CHECK_INT(store_responses_get(st, user, "1.1.1.v1", &r), DT_OK); /* the old one stays */
    CHECK_INT(r.version, 1);
    CHECK_STR(r.response_json, "{\"jobs\":[\"Baker\"]}");
    store_responses_clear(&r);
    store_close(&st);
    support_content_remove();
}

int main(void)
{
    RUN(test_blocks);
    RUN(test_blocks_variants_and_retired);
    RUN(test_outline);
    RUN(test_outline_open_after_reorder);
    RUN(test_drafts);
    RUN(test_draft_deleted_on_submit);
    RUN(test_personality);
    RUN(test_preferences);
    RUN(test_user_delete_takes_drafts_and_preferences);
    RUN(test_migration_3);
    RUN(test_variant_assigned_once);
    RUN(test_variant_two_connections);
    RUN(test_variant_fallback);
    RUN(test_answer_keeps_its_version);
    support_content_remove();
    remove_tmp_files();
    return check_done();
}
