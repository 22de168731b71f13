/* The search of what a person wrote (db/searches.c): answers, drafts and tool entries, folded
 * matching, snippets in whole characters, the caps, other users, and sealed writing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "accounts.h"
#include "check.h"
#include "drafts.h"
#include "keywrap.h"
#include "responses.h"
#include "searches.h"
#include "support.h"
#include "tools.h"

#define PASSWORD "correct horse battery"

static const char *title_of(const char *tool)
{
    return strcmp(tool, "list-builder") == 0 ? "title" : NULL;
}

/* The hit of that kind in r, or NULL. */
static const struct search_hit *hit_of(const struct search_results *r, enum search_kind kind)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->hits[i].kind == kind)
            return &r->hits[i];
    return NULL;
}

static void test_finds_answers_drafts_and_entries(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN], entry[STORE_ID_LEN];
    support_user(st, user);
    store_set_now(st, support_now);
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1",
                                   "{\"jobs\":[\"Waiter\",\"Ran the Caf\xC3\xA9 budget\"]}", NULL),
              DT_OK);
    store_set_now(st, support_now + 60);
    CHECK_INT(store_drafts_save(st, user, "1.1.2.v1", "{\"story\":\"The cafe\\nclosed early\"}"),
              DT_OK);
    store_set_now(st, support_now + 120);
    CHECK_INT(store_tools_create(st, user, "list-builder", "1.1.1.v1",
                                 "{\"title\":\"Caf\xC3\xA9s I know\",\"items\":[\"corner\"]}",
                                 entry),
              DT_OK);
    struct search_results r;
    CHECK_INT(store_searches_run(st, user, "  CAFE ", title_of, &r), DT_OK);
    CHECK_INT(r.n, 3);
    CHECK_INT(r.more, 0);
    if (r.n == 3) { /* newest first */
        CHECK_INT(r.hits[0].kind, SEARCH_TOOL_ENTRY);
        CHECK_INT(r.hits[1].kind, SEARCH_DRAFT);
        CHECK_INT(r.hits[2].kind, SEARCH_ANSWER);
    }
    const struct search_hit *a = hit_of(&r, SEARCH_ANSWER), *d = hit_of(&r, SEARCH_DRAFT),
                            *t = hit_of(&r, SEARCH_TOOL_ENTRY);
    CHECK(a && d && t);
    if (a && d && t) {
        CHECK_STR(a->exercise, "1.1.1.v1");
        CHECK_STR(a->title, "Every job");
        CHECK_STR(a->field, "jobs");
        CHECK_STR(a->prompt, "What have you done?");
        CHECK_STR(a->snippet, "Ran the Caf\xC3\xA9 budget"); /* the second item, as written */
        CHECK_STR(d->exercise, "1.1.2.v1");
        CHECK_STR(d->title, "A story");
        CHECK_STR(d->field, "story");
        CHECK_STR(d->snippet, "The cafe closed early"); /* the line break made a space */
        CHECK_STR(t->tool, "list-builder");
        CHECK_STR(t->entry, entry);
        CHECK_STR(t->exercise, "1.1.1.v1");
        CHECK_STR(t->entry_title, "Caf\xC3\xA9s I know");
        CHECK_STR(t->field, "title");
        CHECK(t->title[0] != '\0'); /* the tool's name */
        CHECK(t->when[0] != '\0' && t->created[0] != '\0');
    }
    store_searches_free(&r);
    CHECK(r.hits == NULL && r.n == 0);
    size_t rows = 0; /* the benchmark's floors read the same three rows */
    CHECK_INT(store_searches_floor(st, user, false, &rows), DT_OK);
    CHECK_INT(rows, 3);
    CHECK_INT(store_searches_floor(st, user, true, &rows), DT_OK);
    CHECK_INT(rows, 3);
    /* what is not there is not found; words are matched whole across a space */
    CHECK_INT(store_searches_run(st, user, "cafeteria", title_of, &r), DT_OK);
    CHECK_INT(r.n, 0);
    store_searches_free(&r);
    CHECK_INT(store_searches_run(st, user, "cafe   budget", NULL, &r), DT_OK);
    CHECK_INT(r.n, 1);
    store_searches_free(&r);
    /* an empty query, or spaces, finds nothing; a long one is refused */
    CHECK_INT(store_searches_run(st, user, "", NULL, &r), DT_OK);
    CHECK_INT(r.n, 0);
    store_searches_free(&r);
    CHECK_INT(store_searches_run(st, user, "   ", NULL, &r), DT_OK);
    CHECK_INT(r.n, 0);
    store_searches_free(&r);
    char longer[SEARCH_QUERY_MAX + 2];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    CHECK_INT(store_searches_run(st, user, longer, NULL, &r), DT_INVALID);
    store_searches_free(&r);
    longer[SEARCH_QUERY_MAX] = '\0';
    CHECK_INT(store_searches_run(st, user, longer, NULL, &r), DT_OK); /* at the cap: searched */
    store_searches_free(&r);
    CHECK_INT(store_searches_run(st, user, "bad \xFF", NULL, &r), DT_INVALID);
    store_searches_free(&r);
    store_close(&st);
}

static void test_other_users_never_found(void)
{
    struct store *st = support_store();
    char me[STORE_ID_LEN], other[STORE_ID_LEN];
    support_user(st, me);
    support_user(st, other);
    CHECK_INT(store_responses_save(st, other, "1.1.1.v1", "{\"jobs\":[\"secret plan\"]}", NULL),
              DT_OK);
    CHECK_INT(store_drafts_save(st, other, "1.1.1.v1", "{\"jobs\":[\"secret draft\"]}"), DT_OK);
    CHECK_INT(store_tools_create(st, other, "list-builder", "1.1.1.v1",
                                 "{\"items\":[\"secret entry\"]}", NULL),
              DT_OK);
    CHECK_INT(store_responses_save(st, me, "1.1.1.v1", "{\"jobs\":[\"open plan\"]}", NULL), DT_OK);
    struct search_results r;
    CHECK_INT(store_searches_run(st, me, "secret", NULL, &r), DT_OK);
    CHECK_INT(r.n, 0);
    store_searches_free(&r);
    CHECK_INT(store_searches_run(st, me, "plan", NULL, &r), DT_OK);
    CHECK_INT(r.n, 1);
    if (r.n)
        CHECK_STR(r.hits[0].snippet, "open plan");
    store_searches_free(&r);
    CHECK_INT(store_searches_run(st, other, "secret", NULL, &r), DT_OK);
    CHECK_INT(r.n, 3);
    store_searches_free(&r);
    store_close(&st);
}

static void test_sealed_writing(void)
{
    struct store *st = support_store();
    store_accounts_set_limits(st, keywrap_test_limits());
    char user[STORE_ID_LEN], code[KEYWRAP_RECOVERY_LEN];
    support_user(st, user);
    CHECK_INT(store_accounts_claim(st, user, "me@example.org", PASSWORD, code), DT_OK);
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[\"Sealed caf\xC3\xA9\"]}",
                                   NULL),
              DT_OK);
    CHECK_INT(store_drafts_save(st, user, "1.1.2.v1", "{\"story\":\"a sealed draft\"}"), DT_OK);
    CHECK_INT(store_tools_create(st, user, "list-builder", "1.1.1.v1",
                                 "{\"items\":[\"sealed entry\"]}", NULL),
              DT_OK);
    struct search_results r;
    CHECK_INT(store_searches_run(st, user, "sealed", NULL, &r), DT_OK);
    CHECK_INT(r.n, 3);
    CHECK(hit_of(&r, SEARCH_ANSWER) &&
          strcmp(hit_of(&r, SEARCH_ANSWER)->snippet, "Sealed caf\xC3\xA9") == 0);
    store_searches_free(&r);
    store_accounts_lock(st);
    CHECK_INT(store_searches_run(st, user, "sealed", NULL, &r), DT_KEY_LOCKED);
    CHECK_INT(r.n, 0);
    store_searches_free(&r);
    CHECK_INT(store_accounts_unlock(st, user, PASSWORD, "local", NULL), DT_OK);
    CHECK_INT(store_searches_run(st, user, "cafe", NULL, &r), DT_OK);
    CHECK_INT(r.n, 1);
    store_searches_free(&r);
    store_close(&st);
}

static void test_snippets_are_whole_characters(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    /* a long text of two- and three-byte characters with the words in its middle */
    char text[2400] = "", json[2600];
    for (int i = 0; i < 60; i++)
        strcat(text, "\xC3\xA9t\xC3\xA9 \xE2\x82\xAC ");
    strcat(text, "needle");
    for (int i = 0; i < 60; i++)
        strcat(text, " \xE2\x82\xAC\xC3\xA9t\xC3\xA9");
    snprintf(json, sizeof json, "{\"story\":\"%s\"}", text);
    CHECK_INT(store_drafts_save(st, user, "1.1.1.v1", json), DT_OK);
    struct search_results r;
    CHECK_INT(store_searches_run(st, user, "NEEDLE", NULL, &r), DT_OK);
    CHECK_INT(r.n, 1);
    if (r.n) {
        const char *s = r.hits[0].snippet;
        CHECK(u8_check((const uint8_t *)s, strlen(s)) == NULL);
        CHECK(strncmp(s, "\xE2\x80\xA6", 3) == 0);             /* cut before */
        CHECK(strcmp(s + strlen(s) - 3, "\xE2\x80\xA6") == 0); /* and after */
        CHECK(strstr(s, "needle") != NULL);
        CHECK(u8_mbsnlen((const uint8_t *)s, strlen(s)) <= 112); /* about a line or two */
        CHECK(strlen(s) < SEARCH_SNIPPET_LEN);
    }
    store_searches_free(&r);
    /* cut at the ends of words, never inside one (words of 9 letters and a number) */
    text[0] = '\0';
    for (int i = 0; i < 40; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "wordsmith%02d ", i);
    strcat(text, "needle");
    for (int i = 40; i < 80; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), " wordsmith%02d", i);
    snprintf(json, sizeof json, "{\"story\":\"%s\"}", text);
    CHECK_INT(store_drafts_save(st, user, "1.1.1.v1", json), DT_OK);
    CHECK_INT(store_searches_run(st, user, "needle", NULL, &r), DT_OK);
    if (r.n) {
        char copy[SEARCH_SNIPPET_LEN];
        snprintf(copy, sizeof copy, "%s", r.hits[0].snippet + 3); /* past the first ellipsis */
        copy[strlen(copy) - 3] = '\0';                            /* and before the last */
        for (char *save = NULL, *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
            if (!CHECK(strcmp(w, "needle") == 0 ||
                       (strlen(w) == 11 && strncmp(w, "wordsmith", 9) == 0)))
                printf("#   a word cut: \"%s\" in \"%s\"\n", w, r.hits[0].snippet);
    }
    store_searches_free(&r);
    /* the words at the very start and end: no ellipsis */
    CHECK_INT(store_drafts_save(st, user, "1.1.1.v1", "{\"story\":\"needle\"}"), DT_OK);
    CHECK_INT(store_searches_run(st, user, "needle", NULL, &r), DT_OK);
    if (r.n)
        CHECK_STR(r.hits[0].snippet, "needle");
    store_searches_free(&r);
    store_close(&st);
}

static void test_caps(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    for (int i = 0; i < SEARCH_MAX_RESULTS + 50; i++) {
        char json[64];
        store_set_now(st, support_now + i);
        snprintf(json, sizeof json, "{\"items\":[\"budget %d\"]}", i);
        CHECK_INT(store_tools_create(st, user, "list-builder", "1.1.1.v1", json, NULL), DT_OK);
    }
    struct search_results r;
    CHECK_INT(store_searches_run(st, user, "budget", NULL, &r), DT_OK);
    CHECK_INT(r.n, SEARCH_MAX_RESULTS);
    CHECK_INT(r.more, 50);
    if (r.n == SEARCH_MAX_RESULTS) { /* the newest kept, newest first */
        char want[32];
        snprintf(want, sizeof want, "budget %d", SEARCH_MAX_RESULTS + 49);
        CHECK_STR(r.hits[0].snippet, want);
        CHECK_STR(r.hits[SEARCH_MAX_RESULTS - 1].snippet, "budget 50");
        bool ordered = true;
        for (size_t i = 1; i < r.n; i++)
            ordered = ordered && strcmp(r.hits[i - 1].when, r.hits[i].when) >= 0;
        CHECK(ordered);
    }
    store_searches_free(&r);
    store_close(&st);
}

/* A field that holds the words several times is one place, with how often it holds them. */
static void test_counts_times_in_a_field(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1",
                                   "{\"jobs\":[\"Budget clerk\",\"Kept the BUDGET\",\"A budget "
                                   "and a b\xC3\xBA"
                                   "dget\"]}",
                                   NULL),
              DT_OK);
    CHECK_INT(store_drafts_save(st, user, "1.1.2.v1", "{\"story\":\"aaaa\"}"), DT_OK);
    struct search_results r;
    CHECK_INT(store_searches_run(st, user, "budget", NULL, &r), DT_OK);
    CHECK_INT(r.n, 1);
    if (r.n == 1) {
        CHECK_INT(r.hits[0].times, 4); /* every item, case and accents aside */
        CHECK_STR(r.hits[0].snippet, "Budget clerk");
    }
    store_searches_free(&r);
    CHECK_INT(store_searches_run(st, user, "aa", NULL, &r), DT_OK);
    CHECK_INT(r.n, 1);
    if (r.n == 1)
        CHECK_INT(r.hits[0].times, 2); /* not overlapping */
    store_searches_free(&r);
    char many[16 + 6 * (SEARCH_TIMES_MAX + 20)] = "{\"story\":\"";
    for (int i = 0; i < SEARCH_TIMES_MAX + 20; i++)
        strcat(many, "word ");
    strcat(many, "\"}");
    CHECK_INT(store_drafts_save(st, user, "1.1.2.v1", many), DT_OK);
    CHECK_INT(store_searches_run(st, user, "word", NULL, &r), DT_OK);
    CHECK_INT(r.n, 1);
    if (r.n == 1)
        CHECK_INT(r.hits[0].times, SEARCH_TIMES_MAX); /* counted up to the cap */
    store_searches_free(&r);
    store_close(&st);
}

int main(void)
{
    RUN(test_finds_answers_drafts_and_entries);
    RUN(test_other_users_never_found);
    RUN(test_sealed_writing);
    RUN(test_snippets_are_whole_characters);
    RUN(test_caps);
    RUN(test_counts_times_in_a_field);
    return check_done();
}
