/* The curses renderer in its test mode against the real screens, for the tools, the skills and
 * the pictures: entries and lists, exercises that embed a tool, budgets, flow logs, rankings,
 * idea trees, competencies over time and resumes. Goldens and checks as in test_curses.c. */
#include <cjson/cJSON.h>
#include <locale.h>
#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "accounts.h"
#include "app.h"
#include "check.h"
#include "competencies.h"
#include "curses_support.h"
#include "drafts.h"
#include "fullscreen.h"
#include "keyboard.h"
#include "plain.h"
#include "preferences.h"
#include "responses.h"
#include "skills.h"
#include "statusbar.h"
#include "support.h"
#include "text.h"
#include "tools.h"
#include "users.h"

/* A reminder card opens its tool; a new flow log entry is saved as it is typed (no submit),
 * and the list shows it when the entry is left. */
static void test_tools(void)
{
    struct world w;
    world_open(&w);
    support_answer_first(w.st, w.user, 7); /* the flow log, reframe, SOARED and budget open */
    world_restart(&w);
    char *out = run(&w.host, NULL, 80, 24,
                    "<Down><Dump><Enter><Dump><Enter><Tab>Seed swap<Tab><Right*5>"
                    "<Tab><Right*5><Dump><C-s><Dump>");
    golden("tools", out);
    check_cursor_on("tools: the reminder card", nth_dump(out, 0), "Flow Log");
    check_has("tools: the tool's screen", nth_dump(out, 1), "Flow Logs", true);
    check_cursor_on("tools: its first action", nth_dump(out, 1), "Log an activity");
    check_has("tools: the entry, named as it is typed", nth_dump(out, 2), "Flow Log: Seed swap",
              true);
    check_has("tools: saved as it is typed", nth_dump(out, 2), "last saved at 12:00", true);
    check_has("tools: the list after Done", nth_dump(out, 3), "Seed swap", true);
    check_has("tools: high flow", nth_dump(out, 3), "high flow", true);
    struct tool_instance *list = NULL;
    size_t n = 0;
    CHECK_INT(store_tools_list(w.st, w.user, "flow-tracker", &list, &n), DT_OK);
    CHECK_INT(n, 1);
    if (n == 1) {
        cJSON *c = cJSON_Parse(list[0].content_json);
        CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(c, "activity")), "Seed swap");
        CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(c, "date")), "2026-11-25");
        CHECK(cJSON_GetNumberValue(cJSON_GetObjectItem(c, "focus")) >= 4);
        cJSON_Delete(c);
    }
    store_tools_list_free(&list, n);
    free(out);
    world_close(&w);
}

/* An exercise that asks for a tool: its words, a note on what the exercise has made there, and
 * the way in, which opens the tool inside the exercise before the tool is unlocked. */
static void test_exercise_tool(void)
{
    struct world w;
    world_open(&w);
    support_answer_first(w.st, w.user, 2); /* 1.1.3 (the ranking) is next */
    world_show(&w, SCREEN_EXERCISE, screen_arg_exercise("1.1.3.v1"));
    char *out = run(&w.host, NULL, 80, 24, "<Dump><Enter>");
    golden("exercise-tool", out);
    const char *page = nth_dump(out, 0);
    check_has("exercise tool: the prompt", page, "Rank your skills.", true);
    check_has("exercise tool: answered in the tool", page, "Answered in the Ranking", true);
    check_cursor_on("exercise tool: the way in first", page, "[ Start a ranking (Ranking) ]");
    check_has("exercise tool: the tool opens", out, "New Ranking", true);
    free(out);
    /* back from the tool: the exercise is where it was left, the focus on the way into the
     * tool (now named after the entry made) */
    world_show(&w, SCREEN_EXERCISE, screen_arg_exercise("1.1.3.v1"));
    out = run(&w.host, NULL, 80, 24, "<Tab><S-Tab><Dump><Enter>Skills<Tab><Esc><Dump>");
    char *before = strdup(nth_dump(out, 0)),
         *after = strdup(nth_dump(out, 1)); /* nth_dump's copy is
                                                                                    static */
    check_has("exercise tool: back on the exercise", after, "Rank your skills.", true);
    char row_before[1024], row_after[1024];
    dump_row(before, cursor_row(before), row_before, sizeof row_before);
    dump_row(after, cursor_row(after), row_after, sizeof row_after);
    check_has("exercise tool: the focus back on the tool's action", row_after, "Ranking", true);
    CHECK_INT(cursor_row(after), cursor_row(before));
    free(before);
    free(after);
    free(out);
    /* help opened from the second question and closed: the focus is on that question again,
     * not on the first item as on a new screen */
    world_show(&w, SCREEN_EXERCISE, screen_arg_exercise("1.1.3.v1"));
    out = run(&w.host, NULL, 80, 24, "<Tab><Dump><F1><Dump><Esc><Dump>");
    check_has("help opens from a form with F1", nth_dump(out, 1), "Help", true);
    check_cursor_on("back from help: the focus where it was", nth_dump(out, 2), "not set");
    int row_then = cursor_row(nth_dump(out, 0));
    CHECK_INT(cursor_row(nth_dump(out, 2)), row_then);
    free(out);
    world_close(&w);
}

/* An exercise that asks for two idea trees (a tool kept once per exercise): with one made, it
 * says so, offers that one and another; submit says how many more; "Start another" makes a new
 * entry (not the first again); with two, the exercise is submitted and names both. */
static void test_exercise_several(void)
{
    struct world w;
    world_open(&w);
    support_answer_first(w.st, w.user, 7); /* 2.2.1, "Grow two idea trees", is next */
    CHECK_INT(store_tools_create(w.st, w.user, "idea-tree", "2.2.1.v1", "{\"root\":\"Gardening\"}",
                                 NULL),
              DT_OK);
    world_show(&w, SCREEN_EXERCISE, screen_arg_exercise("2.2.1.v1"));
    char *out = run(&w.host, NULL, 80, 24,
                    "<Dump><C-s><Dump><Enter><Dump>Cooking<Esc><Dump><C-s><Dump>");
    golden("exercise-several", out);
    const char *one = nth_dump(out, 0);
    check_has("several: how many of how many", one, "1 of at least 2 Idea Trees made", true);
    check_has("several: the one made, to open", one, "[ Open Idea Tree: Gardening ]", true);
    check_cursor_on("several: another, first (its place stays)", one,
                    "[ Start another Idea Tree ]");
    check_has("several: submit says how many more", nth_dump(out, 1),
              "asks for at least 2 Idea Trees and you have made 1", true);
    check_has("several: another is a new one", nth_dump(out, 2), "New Idea Tree", true);
    const char *two = nth_dump(out, 3);
    check_has("several: two made", two, "2 of at least 2 Idea Trees made", true);
    check_has("several: the new one to open", two, "[ Open Idea Tree: Cooking ]", true);
    check_has("several: the first still there", two, "[ Open Idea Tree: Gardening ]", true);
    check_has("several: submitted", nth_dump(out, 4), "Saved.", true);
    struct response r;
    CHECK_INT(store_responses_get(w.st, w.user, "2.2.1.v1", &r), DT_OK);
    cJSON *answers = cJSON_Parse(r.response_json);
    const cJSON *ideas = cJSON_GetObjectItem(answers, "ideas");
    CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(ideas, "entries")), 2);
    cJSON_Delete(answers);
    store_responses_clear(&r);
    free(out);
    world_close(&w);
}

/* Your tools in the full screen: open ones as cards that open the tool, locked ones in words. */
/* The Skills screen: the list, a search typed into the live box (accents folded), only the
 * person's own, and the way to where a skill is tagged. */
static void test_skills_screen(void)
{
    struct world w;
    world_open(&w);
    char answer[STORE_ID_LEN], budgeting[STORE_ID_LEN];
    CHECK_INT(store_responses_save(w.st, w.user, "1.1.1.v1",
                                   "{\"jobs\":[\"Baker: budgeting and time management\"]}", answer),
              DT_OK);
    CHECK_INT(store_skills_add_custom(w.st, w.user, "budgeting", NULL, budgeting), DT_DUPLICATE);
    CHECK_INT(store_skills_tag(w.st, w.user, answer, budgeting), DT_OK);
    char mine[STORE_ID_LEN];
    CHECK_INT(store_skills_add_custom(w.st, w.user, "Herding cats", "transferable", mine), DT_OK);
    world_show(&w, SCREEN_SKILLS, (struct screen_arg){0});
    char *out = run(&w.host, NULL, 80, 40,
                    "<Dump>ECRIT<Idle><Dump><BS*5><Idle><Tab><Tab><Enter><Dump>");
    golden("skills", out);
    const char *all = nth_dump(out, 0);
    check_has("skills: the search box", all, "Search", true);
    check_has("skills: counts by category", all, "Knowledge (4)", true);
    check_has("skills: where it is tagged", all, "Budgeting", true);
    const char *found = nth_dump(out, 1);
    check_has("skills: the search folds accents", found, "criture technique", true);
    check_has("skills: and finds nothing else", found, "Budgeting", false);
    check_has("skills: the count", found, "matching \"ECRIT\": 1", true);
    const char *own = nth_dump(out, 2);
    check_has("skills: only mine", own, "(only yours): 2", true);
    check_has("skills: only mine leaves the rest out", own, "Patience", false);
    check_has("skills: a custom skill's review", own, "yours, pending review", true);
    check_has("skills: the way to the answer", own, "Budgeting: open exercise 1.1.1", true);
    free(out);
    world_close(&w);
}

/* Adding a skill after a search found nothing: the form starts on the name, holding the words
 * searched for; cancelling it puts the focus back on the way in. */
static void test_skill_add_form(void)
{
    struct world w;
    world_open(&w);
    world_show(&w, SCREEN_SKILLS, (struct screen_arg){0});
    char *out = run(&w.host, NULL, 80, 24,
                    "Zither tuning<Idle><S-Tab><S-Tab><Enter><Dump><S-Tab><Enter><Dump>");
    const char *form = nth_dump(out, 0);
    check_has("add skill: the form", form, "Add a skill of your own", true);
    check_cursor_on("add skill: the focus on the name, the search in it", form, "Zither tuning");
    check_cursor_on("add skill: cancelled, back on the way in", nth_dump(out, 1),
                    "[ Add a skill of your own ]");
    free(out);
    world_close(&w);
}

/* Tagging an answer: the exercise offers it once answered; the suggestion from the answer's
 * words tags with one press, and the count on the exercise follows. */
static void test_skill_tags_screen(void)
{
    struct world w;
    world_open(&w);
    CHECK_INT(store_responses_save(w.st, w.user, "1.1.1.v1",
                                   "{\"jobs\":[\"Baker: budgeting and time-management\"]}", NULL),
              DT_OK);
    world_show(&w, SCREEN_EXERCISE, screen_arg_exercise("1.1.1.v1"));
    char *out = run(&w.host, NULL, 80, 24,
                    "<Dump><Tab><Tab><Tab><Enter><Dump><Tab><Enter><Dump><Esc><Dump>");
    golden("skill-tags", out);
    check_has("skill tags: the exercise offers it", nth_dump(out, 0),
              "Skills this answer shows (0)", true);
    const char *tags = nth_dump(out, 1);
    check_has("skill tags: the longest suggestion first", tags, "[ Tag Time management ]", true);
    check_has("skill tags: then the shorter", tags, "[ Tag Budgeting ]", true);
    const char *tagged = nth_dump(out, 2);
    check_has("skill tags: said", tagged, "Tagged: Time management.", true);
    check_has("skill tags: now in the list", tagged, "1. Time management", true);
    check_has("skill tags: no longer suggested", tagged, "[ Tag Time management ]", false);
    check_has("skill tags: the count on the exercise", nth_dump(out, 3),
              "Skills this answer shows (1)", true);
    check_has("skill tags: back on an answered exercise, the way on", nth_dump(out, 3),
              "[ Go on to the next exercise: A story ]", true);
    check_cursor_on("skill tags: the focus back where it was", nth_dump(out, 3),
                    "Skills this answer shows (1)");
    struct skill *list = NULL;
    size_t n = 0;
    char id[STORE_ID_LEN];
    int ntags = 0;
    CHECK_INT(store_skills_answer(w.st, w.user, "1.1.1.v1", id, &ntags), DT_OK);
    CHECK_INT(ntags, 1);
    CHECK_INT(store_skills_for_instance(w.st, w.user, id, &list, &n), DT_OK);
    CHECK(n == 1 && strcmp(list[0].name, "Time management") == 0);
    free(list);
    free(out);
    world_close(&w);
}

/* A claimed user's answer is sealed in the file; the suggestions come from its words all the
 * same, opened in memory. */
static void test_skill_tags_sealed(void)
{
    struct world w;
    world_open(&w);
    CHECK_INT(store_responses_save(w.st, w.user, "1.1.1.v1",
                                   "{\"jobs\":[\"Data analysis for the bakery\"]}", NULL),
              DT_OK);
    char code[KEYWRAP_RECOVERY_LEN];
    store_accounts_set_limits(w.st, keywrap_test_limits());
    CHECK_INT(store_accounts_claim(w.st, w.user, "me@example.org", "a long password", code), DT_OK);
    /* nothing clear in the file: json() fails on the word, were it there */
    CHECK_INT(support_exec(w.st, "SELECT CASE WHEN EXISTS (SELECT 1 FROM exercise_responses"
                                 " WHERE response_json LIKE '%bakery%') THEN json('clear') END"),
              0);
    CHECK(support_exec(w.st, "SELECT CASE WHEN EXISTS (SELECT 1 FROM exercise_responses"
                             " WHERE user_id IS NOT NULL) THEN json('clear') END") != 0);
    world_show(&w, SCREEN_SKILL_TAGS, screen_arg_exercise("1.1.1.v1"));
    char *out = run(&w.host, NULL, 80, 24, "");
    check_has("sealed answer: suggested from its words", out, "[ Tag Data analysis ]", true);
    free(out);
    world_close(&w);
}

/* A long list is cut with a line that says how many more there are. */
static void test_skills_many(void)
{
    struct world w;
    world_open(&w);
    for (int i = 0; i < 40; i++) {
        char sql[200];
        snprintf(sql, sizeof sql,
                 "INSERT INTO skills (id, name, category, is_custom, created_at)"
                 " VALUES ('many-%d', 'Zither %02d', 'knowledge', 0, '2026-01-01T00:00:00Z')",
                 i, i);
        CHECK_INT(support_exec(w.st, sql), 0);
    }
    world_show(&w, SCREEN_SKILLS, (struct screen_arg){0});
    char *out = run(&w.host, NULL, 80, 70, "<Dump>zith<Idle><Dump>"); /* 25 rows and more */
    check_has("many skills: the rest counted", nth_dump(out, 0), "27 more, narrow the search.",
              true);
    check_has("many skills: and while searching", nth_dump(out, 1), "15 more, narrow the search.",
              true);
    free(out);
    world_close(&w);
}

static void test_tools_list(void)
{
    struct world w;
    world_open(&w);
    support_answer_first(w.st, w.user, 4); /* lists, SOARED stories, rankings and budgets */
    world_restart(&w);
    char *out = run(&w.host, NULL, 80, 24, "t<Dump><Down><Enter>");
    golden("tools-list", out);
    const char *list = nth_dump(out, 0);
    check_has("tools list: an open tool", list, "Budgets [due]", true);
    check_has("tools list: a locked one says which exercise", list, "Opens with exercise 2.1.1",
              true);
    check_cursor_on("tools list: the first open tool", list, "Lists");
    check_has("tools list: Down and Enter open the next", out, "Stories of your work", true);
    free(out);
    world_close(&w);
}

/* An entry not written as an object (another program's, a later version's) is listed and kept
 * as it is, never opened for editing; a locked tool says which exercise opens it. */
static void test_tool_odd_entries(void)
{
    struct world w;
    world_open(&w);
    support_answer_first(w.st, w.user, 7); /* the flow log opens; the job tracker does not */
    char id[STORE_ID_LEN];
    CHECK_INT(store_tools_create(w.st, w.user, "flow-tracker", "standalone", "[1,2,3]", id), DT_OK);
    world_show(&w, SCREEN_TOOL, screen_arg_tool("flow-tracker", 0));
    char *out = run(&w.host, NULL, 80, 24, "");
    check_has("odd entry: listed", out, "Kept as it was written", true);
    free(out);
    struct screen_arg odd = screen_arg_entry("flow-tracker", id, NULL, 0);
    CHECK(app_new(w.st, w.user, SCREEN_TOOL_ENTRY, &odd) == NULL);
    check_has("odd entry: refused", app_last_error(), "cannot change", true);
    CHECK(app_new(w.st, w.user, SCREEN_TOOL, &(struct screen_arg){.tool = "job-prospector"}) ==
          NULL);
    check_has("locked tool: says which exercise", app_last_error(), "opens once you answer", true);
    CHECK(app_new(w.st, w.user, SCREEN_TOOL, &(struct screen_arg){.tool = "no-such-tool"}) == NULL);
    check_has("unknown tool", app_last_error(), "no tool called", true);
    struct tool_instance ti;
    CHECK_INT(store_tools_get(w.st, w.user, id, &ti), DT_OK);
    CHECK_STR(ti.content_json, "[1,2,3]"); /* untouched */
    store_tools_instance_clear(&ti);
    world_close(&w);
}

/* A budget in the full screen: amounts typed as lines, the figures as a table under the
 * questions (scrolled to with PgDn), the gist on the status line as an answer moves it. */
static void test_budget(void)
{
    struct world w;
    world_open(&w);
    support_answer_first(w.st, w.user, 4); /* the budget opens */
    world_show(&w, SCREEN_TOOL_ENTRY, screen_arg_entry("budget-calculator", NULL, NULL, 0));
    char *out = run(&w.host, NULL, 80, 24,
                    "2400<Tab><Tab>Rent 950<Enter>Food: 320.50<Tab><Dump><PgDn><PgDn><Dump>");
    golden("budget", out);
    check_has("budget: the gist", nth_dump(out, 0), "Needs 1,270.50 a month", true);
    check_has("budget: yearly income follows", nth_dump(out, 0), "28,800", true);
    check_has("budget: the table", nth_dump(out, 1), "Left after all expenses", true);
    check_has("budget: the hourly rate", nth_dump(out, 1), "your income is 13.85", true);
    free(out);
    /* a large figure shows in full, as an amount, so editing it keeps its value (no 1.23457e+06) */
    world_show(&w, SCREEN_TOOL_ENTRY, screen_arg_entry("budget-calculator", NULL, NULL, 0));
    out = run(&w.host, NULL, 80, 24, "<Tab>1234567<Tab><S-Tab><End><BS>8<Tab>");
    check_has("budget: the monthly figure to the cent", out, "102,880.67", true);
    struct tool_instance *list = NULL;
    size_t n = 0;
    CHECK_INT(store_tools_list(w.st, w.user, "budget-calculator", &list, &n), DT_OK);
    CHECK(n >= 1 && strstr(list[0].content_json, "\"income_yearly\":1234568") != NULL);
    store_tools_list_free(&list, n);
    free(out);
    world_close(&w);
}

/* The flow log's pictures: the calendar of the last twelve weeks (today is Wednesday 25 Nov) and
 * the activities with the most flow; at 40 columns the calendar still fits; in a locale that is
 * not UTF-8 every mark is ASCII. */
static void test_flow_pictures(void)
{
    struct world w;
    world_open(&w);
    support_answer_first(w.st, w.user, 7); /* the flow log opens */
    static const char *const entries[] = {
        "{\"date\":\"2026-09-08\",\"activity\":\"Emails\",\"energy\":-2,\"focus\":3}",
        "{\"date\":\"2026-10-01\",\"activity\":\"Gardening\",\"energy\":1,\"focus\":2}",
        "{\"date\":\"2026-11-02\",\"activity\":\"Drawing\",\"energy\":1,\"focus\":5}",
        "{\"date\":\"2026-11-04\",\"activity\":\"drawing\",\"energy\":2,\"focus\":4}",
        "{\"date\":\"2026-11-24\",\"activity\":\"Seed swap\",\"energy\":2,\"focus\":5}",
        "{\"date\":\"2026-11-25\",\"activity\":\"Emails\",\"energy\":0,\"focus\":2}",
    };
    for (size_t i = 0; i < sizeof entries / sizeof *entries; i++)
        CHECK_INT(store_tools_create(w.st, w.user, "flow-tracker", "standalone", entries[i], NULL),
                  DT_OK);
    world_show(&w, SCREEN_TOOL, screen_arg_tool("flow-tracker", 0));
    char *out = run(&w.host, NULL, 80, 46, "<Dump><Resize 40x60>");
    golden("flow-pictures", out);
    const char *wide = nth_dump(out, 0);
    check_has("flow pictures: weekdays", wide, "|  Mon ", true);
    /* Tue 8 Sep (-6) below 0 and Tue 24 Nov (10) the most; Wed 25 Nov (0) the second level */
    check_has("flow pictures: Tuesdays", wide,
              "Tue \xE2\x96\x91 \xC2\xB7 \xC2\xB7 \xC2\xB7 \xC2\xB7 \xC2\xB7 \xC2\xB7 \xC2\xB7 "
              "\xC2\xB7 \xC2\xB7 \xC2\xB7 \xE2\x96\x88 ",
              true);
    check_has("flow pictures: today", wide, "\xC2\xB7 \xC2\xB7 \xE2\x96\x92   ", true);
    check_has("flow pictures: the legend", wide, "\xC2\xB7 no entry", true);
    check_has("flow pictures: the top activity", wide, "Seed swap \xE2\x96\x88", true);
    check_has("flow pictures: folded together", wide, " 6.5 of 10 (2)", true);
    check_has("flow pictures: the words", wide, "6 days logged", true);
    const char *narrow = nth_dump(out, 1);
    check_has("flow pictures: 40 columns", narrow, "screen 40x60", true);
    check_has("flow pictures: 40 columns, every week", narrow, "a wider window", false);
    check_has("flow pictures: 40 columns, the legend", narrow, "\xE2\x96\x93 4 to 7.9", true);
    free(out);

    const char *was = getenv("LC_ALL");
    char *saved = was ? strdup(was) : NULL;
    setenv("LC_ALL", "C", 1);
    out = run(&w.host, NULL, 80, 46, "");
    if (saved)
        setenv("LC_ALL", saved, 1);
    else
        unsetenv("LC_ALL");
    free(saved);
    golden("flow-pictures-ascii", out);
    check_has("flow pictures, ASCII: no shades", out, "\xE2\x96", false);
    check_has("flow pictures, ASCII: the legend", out, ". no entry  - below 0  + 0 to 3.9", true);
    check_has("flow pictures, ASCII: bars", out, "Seed swap ####", true);
    free(out);
    world_close(&w);
}

/* The budget's pictures: a month's expenses against income, and the walk-away number against
 * yearly needs with the gap as a bar; at 40 columns too. */
static void test_budget_pictures(void)
{
    struct world w;
    world_open(&w);
    support_answer_first(w.st, w.user, 4); /* the budget opens */
    char id[STORE_ID_LEN];
    CHECK_INT(store_tools_create(w.st, w.user, "budget-calculator", "standalone",
                                 "{\"income_monthly\":2500,\"income_yearly\":30000,"
                                 "\"expenses\":[{\"name\":\"Rent\",\"amount\":950,"
                                 "\"essential\":true},{\"name\":\"Food\",\"amount\":320.5,"
                                 "\"essential\":true},{\"name\":\"Eating out\",\"amount\":"
                                 "120,\"essential\":false}],\"walk_away\":14000}",
                                 id),
              DT_OK);
    world_show(&w, SCREEN_TOOL_ENTRY, screen_arg_entry("budget-calculator", id, NULL, 0));
    char *out = run(&w.host, NULL, 80, 90, "<Dump><Resize 40x120>");
    golden("budget-pictures", out);
    const char *wide = nth_dump(out, 0);
    check_has("budget pictures: needs against income", wide,
              "A month: your expenses against your income", true);
    check_has("budget pictures: an amount to the cent", wide, " 1,270.50 ", true);
    check_has("budget pictures: the gap", wide, "Short by", true);
    /* 1,270.50 x 12 = 15,246: 1,246 more than the walk-away number */
    check_has("budget pictures: the gap's words", wide,
              "Your walk-away number is 1,246 short of your yearly needs.", true);
    check_has("budget pictures: 40 columns", nth_dump(out, 1), "Short by", true);
    free(out);
    world_close(&w);
}

/* The only screen can no longer be loaded (its entry was deleted under it): the Daily Dos takes
 * its place, never a crash. */
static void test_reload_gone(void)
{
    struct world w;
    world_open(&w);
    support_answer_first(w.st, w.user, 7);
    char id[STORE_ID_LEN];
    CHECK_INT(store_tools_create(w.st, w.user, "flow-tracker", "standalone",
                                 "{\"activity\":\"Gone soon\"}", id),
              DT_OK);
    world_show(&w, SCREEN_TOOL_ENTRY, screen_arg_entry("flow-tracker", id, NULL, 0));
    CHECK_INT(store_tools_delete(w.st, w.user, id), DT_OK);
    app_reload(w.app);
    char *out = run(&w.host, NULL, 80, 24, "");
    check_has("reload: the Daily Dos instead", out, "Daily Dos", true);
    free(out);
    world_close(&w);
}

/* Text mode with a long list of entries: every one can be chosen by its number (the menu grows
 * past 128), and "show all" holds when the list is shown again. */
static void test_long_menu(void)
{
    struct world w;
    world_open(&w);
    support_answer_first(w.st, w.user, 7); /* the flow log opens */
    for (int i = 0; i < 140; i++) {
        char json[64];
        snprintf(json, sizeof json, "{\"activity\":\"Act %d\"}", i);
        store_tools_create(w.st, w.user, "flow-tracker", "standalone", json, NULL);
    }
    world_show(&w, SCREEN_TOOL, screen_arg_tool("flow-tracker", 0));
    /* 33: show all 140; 141: the oldest entry; q: back to the list, still whole */
    static const char script[] = "33\n141\nq\n";
    FILE *in = fmemopen((void *)script, sizeof script - 1, "r");
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    CHECK_INT(tui_plain_run(&w.host, in, out), 0);
    fclose(in);
    fclose(out);
    check_has("long menu: all listed", text, "142. Back", true);
    check_has("long menu: the oldest opens", text, "Flow Log: Act 0", true);
    const char *again = strstr(text, "Flow Log: Act 0");
    check_has("long menu: still all after coming back", again ? again : "", "142. Back", true);
    free(text);
    world_close(&w);
}

/* A ranking in the full screen: each pair is chosen with the arrows and Space, the next pair
 * takes its place with the focus on it, and the order is saved when the last is answered. */
static void test_ranking(void)
{
    struct world w;
    world_open(&w);
    support_answer_first(w.st, w.user, 3); /* the ranking opens */
    char id[STORE_ID_LEN];
    CHECK_INT(store_tools_create(
                  w.st, w.user, "ranking-grid", "standalone",
                  "{\"title\":\"Next job\",\"items\":[\"Pay\",\"Team\",\"Learning\"]}", id),
              DT_OK);
    world_show(&w, SCREEN_RANKING, screen_arg_instance(id));
    /* Team over Pay; Learning over Pay (the midpoint), then over Team: Learning, Team, Pay */
    char *out = run(&w.host, NULL, 80, 24, "<Dump><Space><Dump><Space><Space><Dump>");
    golden("ranking", out);
    check_has("ranking: the first pair", nth_dump(out, 0), "Team", true);
    check_cursor_on("ranking: the focus on the pair", nth_dump(out, 0), "Team");
    check_has("ranking: the first pair of at most three", nth_dump(out, 0), "Pair 1 of at most 3",
              true);
    check_has("ranking: the second pair", nth_dump(out, 1), "Pair 2 of at most 3", true);
    check_has("ranking: never one question of one", out, "Question 1 of 1", false);
    check_cursor_on("ranking: the focus on the new pair", nth_dump(out, 1), "Learning");
    check_has("ranking: the order", nth_dump(out, 2), "Your order", true);
    struct tool_instance ti;
    CHECK_INT(store_tools_get(w.st, w.user, id, &ti), DT_OK);
    CHECK(strstr(ti.content_json, "\"order\":[\"Learning\",\"Team\",\"Pay\"]") != NULL);
    store_tools_instance_clear(&ti);
    free(out);
    world_close(&w);
}

/* The idea tree in the full screen: after Soil's ideas, Tab goes to the question for Seeds, the
 * next idea of the same level, not to one that Soil's answer has just added; what is typed
 * there grows from Seeds. */
static void test_idea_tree(void)
{
    struct world w;
    world_open(&w);
    support_answer_first(w.st, w.user, 8); /* the idea tree opens */
    world_show(&w, SCREEN_TOOL_ENTRY, screen_arg_entry("idea-tree", NULL, NULL, 0));
    char *out = run(&w.host, NULL, 80, 40,
                    "Gardening<Tab>Soil<Enter>Seeds<Enter>Sharing<Tab>Compost<Enter>Worms<Tab>"
                    "<Dump>Swaps<Tab>");
    const char *dump = nth_dump(out, 0);
    char row[256];
    int r = cursor_row(dump);
    /* the question's label is two rows above its input (the label, then the hint) */
    dump_row(dump, r - 2, row, sizeof row);
    if (!CHECK(strstr(row, "Three ideas that \"Seeds\" brings to mind") != NULL))
        printf("#   the question above the cursor: \"%s\"\n", row);
    struct tool_instance *list = NULL;
    size_t n = 0;
    CHECK_INT(store_tools_list(w.st, w.user, "idea-tree", &list, &n), DT_OK);
    CHECK(n == 1 && strstr(list[0].content_json,
                           "{\"idea\":\"Seeds\",\"ideas\":[{\"idea\":\"Swaps\"}]}") != NULL);
    store_tools_list_free(&list, n);
    free(out);
    world_close(&w);
}

/* Competency results in one unit and one rounding: the bars, their labels and the words all say
 * "1.8 of 5" (no percentages, no "out of 5" beside them); a slider's five levels each on a line
 * of their own. */
static void test_competencies(void)
{
    struct world w;
    world_open(&w);
    world_show(&w, SCREEN_COMPETENCIES, (struct screen_arg){0});
    /* delivery 2 and 2, interpersonal 1 and 2, strategic 2 and 2: overall 11/6, 1.8 (an unset
     * slider's first arrow puts it in the middle, 3) */
    char *out = run(&w.host, NULL, 80, 80,
                    "<Dump><Left*2><Tab><Left*2><Tab><Left*3><Tab><Left*2><Tab><Left*2><Tab>"
                    "<Left*2><Tab><Dump><C-s>");
    const char *levels = nth_dump(out, 0);
    check_has("competencies: level 1 on a line of its own", levels,
              "|    1 Level 1. Entry and support roles      ", true);
    check_has("competencies: level 2 on a line of its own", levels,
              "|    2 Level 2. Individual contributors      ", true);
    check_has("competencies: levels not run together", levels, "roles; 2 Level 2", false);
    const char *results = nth_dump(out, 1);
    check_has("competencies: the overall bar's value", results, "1.8 of 5", true);
    check_has("competencies: the interpersonal bar's value", results, "1.5 of 5", true);
    check_has("competencies: the words say the same", results, "overall 1.8 of 5", true);
    check_has("competencies: no percentages", results, "%", false);
    check_has("competencies: one unit", results, "out of 5", false);
    free(out);
    world_show(&w, SCREEN_PROFILE, (struct screen_arg){0});
    out = run(&w.host, NULL, 80, 40, "");
    check_has("profile: a level in the chart's unit", out, "2 of 5", true);
    check_has("profile: no percentages", out, "%", false);
    check_has("profile: overall in the same rounding", out, "Overall 1.8 of 5", true);
    free(out);
    world_close(&w);
}

/* After a reassessment the profile draws each competency's scores over time, a mark a score
 * rising with it, and says them with their months; in ASCII the marks are the scores. */
static void test_scores_over_time(void)
{
    struct world w;
    world_open(&w);
    CHECK_INT(store_competencies_save_score(w.st, w.user, "analytical-thinking", 2), DT_OK);
    CHECK_INT(store_competencies_save_score(w.st, w.user, "client-focus", 3), DT_OK);
    store_set_now(w.st, support_now + 400 * 86400);
    CHECK_INT(store_competencies_save_score(w.st, w.user, "analytical-thinking", 4), DT_OK);
    store_set_now(w.st, support_now + 800 * 86400);
    CHECK_INT(store_competencies_save_score(w.st, w.user, "analytical-thinking", 5), DT_OK);
    world_show(&w, SCREEN_PROFILE, (struct screen_arg){0});
    char *out = run(&w.host, NULL, 80, 40, "<Dump><Resize 40x50>");
    golden("scores-over-time", out);
    const char *wide = nth_dump(out, 0);
    /* 2, 4 and 5 of 5: two, three and four eighths rise to a full block */
    check_has("scores over time: the marks", wide,
              "Analytical Thinking \xE2\x96\x83 \xE2\x96\x86 \xE2\x96\x88 2, 4, 5 ", true);
    check_has("scores over time: one score, the newest column", wide,
              "Client Focus            \xE2\x96\x85 3 ", true);
    check_has("scores over time: the words", wide,
              "Analytical Thinking: 2 in Nov 2026, 4 in Dec 2027, 5 in Feb 2029 (up).", true);
    check_has("scores over time: a score never reassessed", wide, "Client Focus: 3 in Nov 2026.",
              true);
    check_has("scores over time: 40 columns", nth_dump(out, 1), "2, 4, 5", true);
    free(out);
    const char *was = getenv("LC_ALL");
    char *saved = was ? strdup(was) : NULL;
    setenv("LC_ALL", "C", 1);
    out = run(&w.host, NULL, 80, 40, "");
    if (saved)
        setenv("LC_ALL", saved, 1);
    else
        unsetenv("LC_ALL");
    free(saved);
    check_has("scores over time, ASCII: the scores as marks", out, "Analytical Thinking 2 4 5",
              true);
    free(out);
    world_close(&w);
}

/* A resume's preview in the full screen: the story chosen with Space shows as a highlight, the
 * preview keeps the text's lines. */
static void test_resume(void)
{
    struct world w;
    world_open(&w);
    support_answer_first(w.st, w.user, 11); /* every tool open */
    char id[STORE_ID_LEN];
    CHECK_INT(store_tools_create(w.st, w.user, "soared-story", "standalone",
                                 "{\"title\":\"The flooded ward\",\"result\":\"No one was hurt.\"}",
                                 NULL),
              DT_OK);
    CHECK_INT(
        store_tools_create(w.st, w.user, "resume-builder", "standalone",
                           "{\"name\":\"Ada\",\"summary\":\"Calm.\",\"experience\":[{\"role\":"
                           "\"Nurse\",\"achievements\":[\"Ran nights\"]}]}",
                           id),
        DT_OK);
    world_show(&w, SCREEN_RESUME, screen_arg_instance(id));
    char *out = run(&w.host, NULL, 80, 24, "<Space><Tab><Dump>");
    golden("resume", out);
    check_has("resume: the highlight", out, "The flooded ward: No one was hurt.", true);
    check_has("resume: a line of its own", out, "|  SUMMARY   ", true);
    check_has("resume: the role", out, "|  Nurse     ", true);
    free(out);
    world_close(&w);
}

/* A file's whole text; static storage, "" when it cannot be read. */
static const char *file_text(const char *path)
{
    static char text[8192];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f)
        fclose(f);
    text[n] = '\0';
    return text;
}

/* The resume's files are for people, who cat and print them: whatever the entry holds (an
 * import, an older version), no escape sequence, C1 control or bidi override reaches them. */
static void test_resume_files(void)
{
    struct world w;
    world_open(&w);
    support_answer_first(w.st, w.user, 11);
    char id[STORE_ID_LEN];
    CHECK_INT(
        store_tools_create(w.st, w.user, "resume-builder", "standalone",
                           "{\"name\":\"Ada\\u001b]0;owned\\u0007\",\"headline\":\"\\u001b[2J"
                           "Lead\",\"summary\":\"Calm\\u009b31m in a \\u202ecrisis\","
                           "\"experience\":[{\"role\":\"Nurse\\u001b[31m\",\"achievements\":"
                           "[\"Ran\\tnights\\u009d0;x\\u009c\"]}],\"skills\":[\"Tri\\u0007age\"]}",
                           id),
        DT_OK);
    const char *home = support_tmpdir();
    char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    setenv("HOME", home, 1);
    world_show(&w, SCREEN_RESUME, screen_arg_instance(id));
    char *out = run(&w.host, NULL, 80, 24, "<Tab><Enter><Dump>");
    check_has("resume files: saved", out, "Saved:", true);
    static const char *const names[] = {"dreamtree-resume.md", "dreamtree-resume.txt"};
    for (size_t i = 0; i < 2; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", home, names[i]);
        const char *text = file_text(path);
        check_has(names[i], text, "Ada", true);
        check_has(names[i], text, "\x1b", false);           /* ESC: no OSC, no CSI */
        check_has(names[i], text, "\x07", false);           /* BEL */
        check_has(names[i], text, "\xC2\x9B", false);       /* U+009B, CSI in one character */
        check_has(names[i], text, "\xC2\x9D", false);       /* U+009D, OSC */
        check_has(names[i], text, "\xE2\x80\xAE", false);   /* U+202E, right-to-left override */
        check_has(names[i], text, "Ada^[]0;owned^G", true); /* shown, so the reader sees it */
        check_has(names[i], text, "Calm<U+009B>31m in a <U+202E>crisis", true);
        check_has(names[i], text, "Ran\tnights", true); /* a tab is fine in a file */
    }
    free(out);
    if (old_home)
        setenv("HOME", old_home, 1);
    free(old_home);
    world_close(&w);
}

int main(void)
{
    setenv("TERM", "xterm-256color", 1);
    unsetenv("COLORTERM");
    unsetenv("NO_COLOR");
    RUN(test_skills_screen);
    RUN(test_skill_add_form);
    RUN(test_skill_tags_screen);
    RUN(test_skill_tags_sealed);
    RUN(test_skills_many);
    RUN(test_tools);
    RUN(test_exercise_tool);
    RUN(test_exercise_several);
    RUN(test_tools_list);
    RUN(test_tool_odd_entries);
    RUN(test_reload_gone);
    RUN(test_long_menu);
    RUN(test_budget);
    RUN(test_flow_pictures);
    RUN(test_budget_pictures);
    RUN(test_ranking);
    RUN(test_resume);
    RUN(test_resume_files);
    RUN(test_competencies);
    RUN(test_scores_over_time);
    RUN(test_idea_tree);
    return check_done();
}
