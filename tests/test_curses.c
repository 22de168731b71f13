/* The curses renderer in its test mode against the real screens (a :memory: store with the
 * fixture content, in ncurses' virtual screen): the Daily Dos, finding and searching, exercises
 * and forms, refusals, small and coloured terminals, settings, drafts, the lock and the idle
 * end. Each run's screen dumps must match tests/golden/curses-NAME.txt; DT_UPDATE_GOLDEN=1
 * rewrites them (review the diff before committing). The checks beside the goldens say what
 * each dump must show, so a golden written in error still fails a check. The tools and skills
 * are in test_curses_tools.c, the renderer against fake hosts in test_curses_render.c. */
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

static void test_daily_dos(void)
{
    struct world w;
    world_open(&w);
    char *out = run(&w.host, NULL, 80, 24, "");
    golden("dailydos", out);
    check_has("dailydos", out, "screen 80x24", true);
    check_has("dailydos", out, "Daily Dos", true);
    check_has("dailydos", out, "Start the workbook", true);
    check_has("dailydos: not the resume tool's word", out, "Resume", false);
    check_has("dailydos", out, "[ Open the workbook's contents ]", true);
    check_has("dailydos", out, "Tab Next", true);
    check_cursor_on("dailydos", out, "Start the workbook");
    free(out);
    world_close(&w);
}

static void test_contents(void)
{
    struct world w;
    world_open(&w);
    /* Down moves from the card to the first action, Tab on; Enter opens the contents */
    char *out = run(&w.host, NULL, 80, 24, "<Down><Dump><Enter>");
    golden("contents", out);
    const char *first = nth_dump(out, 0);
    check_cursor_on("contents: focus moved", first, "[ Open the workbook's contents ]");
    const char *second = nth_dump(out, 1);
    check_has("contents", second, "The workbook", true);
    check_has("contents", second, "Part 1", true);
    check_cursor_on("contents", second, "1.1.1 Every job");
    free(out);
    world_close(&w);
}

/* Pages move with j/k, g/G and Home/End too; f finds words (case and accents aside), n again. */
static void test_find_and_jump(void)
{
    struct world w;
    world_open(&w);
    char *out = run(&w.host, NULL, 80, 24,
                    "w<Dump>G<Dump>g<Dump>fpart 2<Dump><Enter><Dump>n<Dump>fzzz<Enter><Dump>");
    check_cursor_on("jump: the contents open on their first card", nth_dump(out, 0), "1.1.1");
    check_has("jump: G goes to the end", nth_dump(out, 1), "[ Back ]", true);
    check_cursor_on("jump: G focuses the last item", nth_dump(out, 1), "[ Back ]");
    check_cursor_on("jump: g back to the first", nth_dump(out, 2), "1.1.1");
    check_has("find: the words as they are typed", nth_dump(out, 3), "Find: part 2", true);
    const char *found = nth_dump(out, 4);
    check_has("find: found and said", found, "Found \"part 2\". n finds it again.", true);
    check_has("find: the words in view", found, "Part 2: Trunk", true);
    check_has("find: n goes round to the top", nth_dump(out, 5), "back at the top", true);
    check_has("find: not found is said", nth_dump(out, 6), "\"zzz\" is not on this page.", true);
    free(out);
    world_close(&w);
}

/* / searches what you wrote from anywhere (Ctrl+F on a form too): typing in the box finds as
 * you go, a result opens where the words are with the page find on them (the cursor on the
 * item that holds them), and Ctrl+G goes on (n on a browsing page). A locked workbook refuses
 * it. */
static void test_search(void)
{
    struct world w;
    world_open(&w);
    CHECK_INT(store_responses_save(w.st, w.user, "1.1.1.v1",
                                   "{\"jobs\":[\"Nurse\",\"Baker at the Caf\xC3\xA9 Rouge\","
                                   "\"Waiter at a cafe\"]}",
                                   NULL),
              DT_OK);
    char *out = run(&w.host, NULL, 80, 24,
                    "/<Dump>CAFE<Idle><Dump><Tab><Enter><Dump><C-g><Dump><C-f><Dump>");
    check_has("search: the box", nth_dump(out, 0), "Search your writing", true);
    const char *found = nth_dump(out, 1);
    golden("search", found);
    check_has("search: as typed", found, "1 place holds \"CAFE\"", true);
    check_has("search: where", found, "Answer, 1.1.1 Every job", true);
    check_has("search: the words as written", found, "Baker at the Caf\xC3\xA9 Rouge", true);
    const char *opened = nth_dump(out, 2);
    golden("search-opened", opened);
    check_has("search: opens the exercise", opened, "Exercise 1.1.1: Every job", true);
    check_has("search: the page find is primed", opened, "Found \"CAFE\". Ctrl+G finds it again.",
              true);
    check_cursor_on("search: on the first place", opened, "Baker at the Caf\xC3\xA9 Rouge");
    check_has("search: Ctrl+G goes on (n is typing here)", nth_dump(out, 3), "Found \"CAFE\"",
              true);
    check_cursor_on("search: to the next place", nth_dump(out, 3), "Waiter at a cafe");
    check_has("search: Ctrl+F on a form", nth_dump(out, 4), "Search your writing", true);
    free(out);

    /* in a long text the cursor lands on the words, so typing starts there; the place says
     * how often the field holds them */
    CHECK_INT(store_responses_save(w.st, w.user, "1.1.2.v1",
                                   "{\"story\":\"A lantern first.\\nSecond line.\\nThird line."
                                   "\\nThe LANTERN glowed; the lantern went out.\"}",
                                   NULL),
              DT_OK);
    out = run(&w.host, NULL, 80, 24,
              "<Esc><Esc><Esc>/lantern<Idle><Dump><Tab><Enter><Dump>"
              "<C-g>X<Dump>");
    check_has("search: a field's count", nth_dump(out, 0), "3 times", true);
    check_cursor_on("search: the cursor on the words", nth_dump(out, 1), "A lantern first.");
    check_cursor_on("search: Ctrl+G to the next row", nth_dump(out, 2), "The XLANTERN glowed");
    check_has("search: typing where the words are", nth_dump(out, 2), "The XLANTERN glowed", true);
    free(out);

    /* nothing found: said, with what to try */
    out = run(&w.host, NULL, 80, 24, "<Esc><Esc>/zzz<Idle><Dump>");
    check_has("search: none", out, "Nothing you wrote holds \"zzz\"", true);
    check_has("search: none", out, "Try fewer words", true);
    free(out);

    /* locked: refused like any other jump */
    char code[KEYWRAP_RECOVERY_LEN];
    store_accounts_set_limits(w.st, keywrap_test_limits());
    CHECK_INT(store_accounts_claim(w.st, w.user, "me@example.org", "a long password", code), DT_OK);
    store_accounts_lock(w.st);
    world_restart(&w);
    out = run(&w.host, NULL, 80, 24, "<C-f><Dump>");
    check_has("search: locked", out, "your workbook is locked", true);
    check_has("search: locked", out, "Search your writing", false);
    free(out);
    world_close(&w);
}

static void test_exercise(void)
{
    struct world w;
    world_open(&w);
    /* open the first exercise from the card, type two items (one in Chinese), submit */
    char *out = run(&w.host, NULL, 80, 24,
                    "<Enter><Dump>Baker 面包师<Enter>Nurse<Left><Left><Dump><C-s>");
    golden("exercise", out);
    const char *opened = nth_dump(out, 0);
    check_has("exercise", opened, "Exercise 1.1.1: Every job", true);
    check_has("exercise", opened, "What have you done?", true);
    check_cursor_on("exercise: the cursor in the answer", opened, "1.");
    const char *typed = nth_dump(out, 1);
    check_has("exercise: typed", typed, "1. Baker 面包师", true);
    check_cursor_on("exercise: typing on the second item", typed, "2. Nurse");
    /* "Nurse" then two steps left: the cursor before "se", column 4 (input) + 3 ("2. ") + 3 */
    check_has("exercise: the cursor follows the text", typed, "column 10,", true);
    const char *done = nth_dump(out, 2);
    check_has("exercise: submitted", done, "Saved.", true);
    check_has("exercise: submitted", done, "New tool unlocked", true);
    check_cursor_on("exercise: submitting lands on the way on", done,
                    "[ Go on to the next exercise: A story ]");
    struct response r;
    CHECK_INT(store_responses_get(w.st, w.user, "1.1.1.v1", &r), DT_OK);
    CHECK(r.response_json && strstr(r.response_json, "Baker 面包师") &&
          strstr(r.response_json, "Nurse"));
    store_responses_clear(&r);
    free(out);
    world_close(&w);
}

/* On a form, letters are typing: typed with a button focused, they go into the nearest answer
 * instead of opening Settings, Credits or the tools, and Q does not quit. Leaving away from
 * the Daily Dos asks first; n stays, y leaves. */
static void test_typing_on_form(void)
{
    struct world w;
    world_open(&w);
    char *out = run(&w.host, NULL, 80, 24,
                    "<Enter><Tab><Dump>Quiet scts<Dump><Idle><Dump><F10><Dump>n<Dump><Esc><Dump>");
    const char *on_button = nth_dump(out, 0);
    check_cursor_on("form: Tab from the list reaches the submit button", on_button,
                    "[ Submit your answers ]");
    const char *typed = nth_dump(out, 1);
    check_has("form: letters on a button stay on the exercise", typed, "Exercise 1.1.1", true);
    check_has("form: and go into the nearest answer", typed, "1. Quiet scts", true);
    check_cursor_on("form: the cursor follows the typing", typed, "1. Quiet scts");
    check_has("form: said where the typing went", typed, "nearest written answer", true);
    check_has("form: and still said once the typing is sent", nth_dump(out, 2),
              "nearest written answer", true);
    const char *asked = nth_dump(out, 3);
    check_has("form: F10 asks first", asked, "Leave DreamTree? What you wrote is kept.", true);
    check_has("form: n stays", nth_dump(out, 4), "Staying.", true);
    check_has("form: n stays on the exercise", nth_dump(out, 4), "Exercise 1.1.1", true);
    const char *home = nth_dump(out, 5);
    check_has("form: Esc goes back to the Daily Dos", home, "Daily Dos", true);
    check_has("form: the hint bar on the Daily Dos offers letters", home, "q, Esc Leave", true);
    free(out);
    struct draft d;
    CHECK_INT(store_drafts_get(w.st, w.user, "1.1.1.v1", &d), DT_OK);
    CHECK(d.draft_json && strstr(d.draft_json, "Quiet scts"));
    store_drafts_clear(&d);
    /* on the Daily Dos, Q leaves at once; on a form, F10 then y leaves */
    out = run(&w.host, NULL, 80, 24, "Q<Dump>");
    check_has("home: Q leaves without a question", out, "Leave DreamTree?", false);
    free(out);
    world_restart(&w);
    out = run(&w.host, NULL, 80, 24, "<Enter><F10>y<Dump>");
    check_has("form: F10 then y leaves", out, "Exercise 1.1.1", true);
    check_has("form: F10 then y leaves", out, "Staying", false);
    free(out);
    world_close(&w);
}

/* What was pasted is stored, less what an answer cannot hold, and the status line says how much
 * was left out; tests/screens.sh types the same bytes in text mode ("answer-kept") and must
 * find the same answer stored. */
static void test_answer_kept(void)
{
    struct world w;
    world_open(&w);
    char *out = run(&w.host, NULL, 80, 24,
                    "<Enter><Paste>Bell\x07"
                    "ed \xC2\x9B"
                    "CSI \xE2\x80\xAE"
                    "RLO \xF3\xA0\x81\xA8"
                    "tag</Paste><Dump><C-s>");
    const char *pasted = nth_dump(out, 0);
    check_has("answer kept: what went in", pasted, "1. Belled CSI RLO tag ", true);
    check_has("answer kept: no placeholder", pasted, "^G", false);
    check_has("answer kept: said", pasted, "4 control or invisible characters were left out", true);
    struct response r;
    CHECK_INT(store_responses_get(w.st, w.user, "1.1.1.v1", &r), DT_OK);
    CHECK_STR(r.response_json, "{\"jobs\":[\"Belled CSI RLO tag\"]}");
    store_responses_clear(&r);
    free(out);
    world_close(&w);
}

/* Ctrl+K on the row a list has not added yet empties what is typed there (before, it beeped). */
static void test_delete_unadded_row(void)
{
    struct world w;
    world_open(&w);
    char *out = run(&w.host, NULL, 80, 24, "<Enter>Baker<C-k><Dump>");
    check_has("Ctrl+K: the typing gone", out, "Baker", false);
    check_cursor_on("Ctrl+K: still on the row", out, "    1.");
    free(out);
    world_close(&w);
}

static void test_refused(void)
{
    struct world w;
    world_open(&w);
    /* submitting with the required answer empty: the screen's error, in words, on the status
     * line; the focus stays in the answer; then the contents page down */
    char *out = run(&w.host, NULL, 80, 24, "<Enter><C-s><Dump><Esc>w<PgDn>");
    golden("refused", out);
    const char *refused = nth_dump(out, 0);
    check_has("refused", refused, "Error: question 1 still needs an answer.", true);
    check_cursor_on("refused: the focus stays in the answer", refused, "    1.");
    const char *paged = nth_dump(out, 1);
    check_has("paged", paged, "More above", true);
    check_has("paged", paged, "Part 2: Trunk", true);
    free(out);
    /* the error goes once the person moves on; scrolling to read keeps it */
    out = run(&w.host, NULL, 80, 24, "<Enter><C-s><PgDn><Dump><Tab><Dump>");
    check_has("an error stays while scrolling", nth_dump(out, 0), "still needs an answer", true);
    check_has("and goes with the next move", nth_dump(out, 1), "still needs an answer", false);
    free(out);
    /* refused with a button focused (the exercise's tool): the unanswered question takes the
     * focus, so the person is shown what the error means */
    support_answer_first(w.st, w.user, 2);
    world_show(&w, SCREEN_EXERCISE, screen_arg_exercise("1.1.3.v1"));
    out = run(&w.host, NULL, 80, 24, "<Dump><C-s><Dump>");
    check_cursor_on("refused: a button has the focus first", nth_dump(out, 0), "Ranking");
    const char *moved = nth_dump(out, 1);
    check_has("refused with a button focused", moved, "question 1 still needs an answer", true);
    check_cursor_on("refused: the focus moves to the question", moved, "not set");
    free(out);
    world_close(&w);
}

/* A number is read by the one rule when it is sent, not filtered key by key: "2k" stays in the
 * field as typed, is refused with the form to use, and nothing is stored; "2,400" is 2400. */
static void test_number_refused(void)
{
    struct world w;
    world_open(&w);
    support_answer_first(w.st, w.user, 3); /* 1.2.1 opens: "Your walk-away number?" */
    world_show(&w, SCREEN_EXERCISE, screen_arg_exercise("1.2.1.v1"));
    char *out = run(&w.host, NULL, 80, 24, "2k<Tab><Dump><BS><BS>2,400<Tab><Dump>");
    golden("number-refused", out);
    const char *refused = nth_dump(out, 0);
    check_has("2k: the reason, with the form", refused,
              "Error: type the number in digits, like 2400, 2,400 or 2400.50.", true);
    check_cursor_on("2k: the focus stays in the answer", refused, "2k");
    check_has("2,400: taken as 2400", nth_dump(out, 1), "2400", true);
    struct draft d;
    CHECK_INT(store_drafts_get(w.st, w.user, "1.2.1.v1", &d), DT_OK);
    if (!CHECK(d.draft_json && strcmp(d.draft_json, "{\"walk_away\":2400}") == 0))
        printf("#   draft: %s\n", d.draft_json ? d.draft_json : "none");
    store_drafts_clear(&d);
    free(out);
    world_close(&w);

    /* nothing at all is stored for the refused value */
    world_open(&w);
    support_answer_first(w.st, w.user, 3);
    world_show(&w, SCREEN_EXERCISE, screen_arg_exercise("1.2.1.v1"));
    out = run(&w.host, NULL, 80, 24, "2k<Tab><Idle>");
    CHECK_INT(store_drafts_get(w.st, w.user, "1.2.1.v1", &d), DT_NOT_FOUND);
    free(out);
    /* Esc on it stays and says how to go; leaving says this answer is the one not kept */
    out = run(&w.host, NULL, 80, 24, "2k<Esc><Dump><F10><Dump>n");
    check_has("2k, Esc: the way out", nth_dump(out, 0), "to go back.", true);
    check_has("2k, Esc: why", nth_dump(out, 0), "Error: type the number in digits", true);
    check_has("2k, Esc: still on the exercise", nth_dump(out, 0), "walk-away", true);
    check_has("2k, F10: not promised kept", nth_dump(out, 1), "This answer is refused and is not",
              true);
    free(out);
    world_close(&w);
}

static void test_small(void)
{
    struct world w;
    world_open(&w);
    /* the exercise at 40x12 (its question is below the first screenful, so Tab goes to it);
     * then too small, then back, with keys ignored while too small */
    char *out = run(&w.host, NULL, 40, 12,
                    "<Enter><Tab>Cook<Dump><Resize 30x10>xyz<Dump><Resize 80x24>");
    golden("small", out);
    const char *narrow = nth_dump(out, 0);
    check_has("40x12", narrow, "screen 40x12", true);
    check_has("40x12", narrow, "1. Cook", true);
    check_cursor_on("40x12", narrow, "1. Cook");
    const char *tiny = nth_dump(out, 1);
    check_has("30x10", tiny, "screen 30x10", true);
    check_has("30x10", tiny, "Make the window at least 40", true);
    check_has("30x10", tiny, "xyz", false);
    const char *back = nth_dump(out, 2);
    check_has("back to 80x24", back, "screen 80x24", true);
    check_has("back to 80x24", back, "1. Cook", true);
    check_cursor_on("back to 80x24", back, "1. Cook");
    free(out);
    world_close(&w);
}

static void test_colour(void)
{
    struct world w;
    world_open(&w);
    setenv("NO_COLOR", "1", 1);
    char *mono = run(&w.host, NULL, 80, 24, "");
    unsetenv("NO_COLOR");
    char *colour = run(&w.host, NULL, 80, 24, "");
    check_has("NO_COLOR=1", mono, "palette mono, no colour", true);
    check_has("NO_COLOR unset", colour, "palette 256, coloured", true);
    setenv("NO_COLOR", "", 1); /* set but empty counts as unset */
    char *empty = run(&w.host, NULL, 80, 24, "");
    check_has("NO_COLOR empty", empty, "palette 256, coloured", true);
    /* a user's colours and font: the dark page, and a font that sets titles in capitals */
    struct tui_fullscreen_options o = {"night", "snow", "serif"};
    char *serif = run(&w.host, &o, 80, 24, "");
    golden("serif", serif);
    check_has("serif", serif, "DAILY DOS", true);
    free(mono);
    free(colour);
    free(empty);
    free(serif);
    world_close(&w);
}

/* A font chosen in the settings shows at once: the Daily Dos come back set in it. */
static void test_settings_apply(void)
{
    struct world w;
    world_open(&w);
    struct tui_fullscreen_options o = {"cream", "charcoal", "system"};
    char *before = run(&w.host, &o, 80, 24, "");
    check_has("system font", before, "DAILY DOS", false);
    /* s: settings; two Tabs to the font; Down to Serif; Space picks it; Ctrl+S saves */
    char *after = run(&w.host, &o, 80, 24, "s<Tab><Tab><Down><Space><C-s>");
    check_has("serif, straight after saving", after, "DAILY DOS", true);
    struct user_settings set;
    CHECK_INT(store_users_settings(w.st, w.user, &set), DT_OK);
    CHECK_STR(set.font, "serif");
    free(before);
    free(after);
    world_close(&w);

    /* a font chosen shows before it is saved; Esc keeps it, as going back keeps work elsewhere */
    world_open(&w);
    char *esc = run(&w.host, &o, 80, 24, "s<Tab><Tab><Down><Space><PgUp><PgUp><Dump><Esc>");
    check_has("serif previewed before saving", nth_dump(esc, 0), "SETTINGS", true);
    check_has("Esc keeps the settings", nth_dump(esc, 1), "Settings saved.", true);
    check_has("Esc keeps the settings", nth_dump(esc, 1), "DAILY DOS", true);
    CHECK_INT(store_users_settings(w.st, w.user, &set), DT_OK);
    CHECK_STR(set.font, "serif");
    free(esc);
    world_close(&w);

    /* "Leave the settings as they were" puts the preview back and saves nothing */
    world_open(&w);
    char *undo = run(&w.host, &o, 80, 24,
                     "s<Tab><Tab><Down><Space><Tab><Tab><Tab><Tab><Dump><Enter>");
    check_cursor_on("the undo action", nth_dump(undo, 0), "Leave the settings as they were");
    check_has("back to the Daily Dos as it was", nth_dump(undo, 1), "Daily Dos", true);
    check_has("back to the Daily Dos as it was", nth_dump(undo, 1), "DAILY DOS", false);
    CHECK_INT(store_users_settings(w.st, w.user, &set), DT_OK);
    CHECK_STR(set.font, "system");
    free(undo);
    world_close(&w);
}

/* Choosing text mode in the settings hands over at once: the full screen returns 1, and the
 * caller goes on in text mode with the same host. */
static void test_face_switch(void)
{
    struct world w;
    world_open(&w);
    /* s: settings; three Tabs to the face; Down to text mode; Space picks it; Ctrl+S saves */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    CHECK_INT(tui_fullscreen_run_script(&w.host, NULL, 80, 24, "s<Tab><Tab><Tab><Down><Space><C-s>",
                                        f),
              1);
    fclose(f);
    free(text);
    struct user_preferences prefs;
    CHECK_INT(store_preferences_get(w.st, w.user, &prefs), DT_OK);
    CHECK(prefs.text_mode);
    world_close(&w);
}

static void test_drafts(void)
{
    struct world w;
    world_open(&w);
    struct draft d;
    /* no draft while typing goes on (a script that ends is a program stopped there) */
    char *out = run(&w.host, NULL, 80, 24, "<Enter>Gardener");
    free(out);
    CHECK_INT(store_drafts_get(w.st, w.user, "1.1.1.v1", &d), DT_NOT_FOUND);
    world_close(&w);

    /* a pause in typing (the debounce time passes) sends it */
    world_open(&w);
    out = run(&w.host, NULL, 80, 24, "<Enter>Gardener<Idle>");
    free(out);
    CHECK_INT(store_drafts_get(w.st, w.user, "1.1.1.v1", &d), DT_OK);
    CHECK(d.draft_json && strstr(d.draft_json, "Gardener"));
    store_drafts_clear(&d);
    world_close(&w);

    world_open(&w);
    /* typing without a pause, then leaving the field with Tab: the value goes at once */
    out = run(&w.host, NULL, 80, 24, "<Enter>Painter<Tab>");
    CHECK_INT(store_drafts_get(w.st, w.user, "1.1.1.v1", &d), DT_OK);
    CHECK(d.draft_json && strstr(d.draft_json, "Painter"));
    store_drafts_clear(&d);
    free(out);
    /* the next run finds it */
    world_restart(&w);
    out = run(&w.host, NULL, 80, 24, "<Enter>");
    check_has("draft found again", out, "1. Painter", true);
    check_has("draft found again", out, "unsubmitted answers", true);
    free(out);
    world_close(&w);
}

/* A world whose workbook is claimed ("a long password") and locked, started again: the app
 * opens on the locked screen. */
static void world_open_locked(struct world *w)
{
    world_open(w);
    char code[KEYWRAP_RECOVERY_LEN];
    store_accounts_set_limits(w->st, keywrap_test_limits());
    CHECK_INT(store_accounts_claim(w->st, w->user, "me@example.org", "a long password", code),
              DT_OK);
    store_accounts_lock(w->st);
    world_restart(w);
}

/* A claimed workbook in the full screen: the password typed shows as marks, never as text; the
 * workbook opens; typing into an exercise, then the idle lock time passing: what was typed is
 * kept as a draft, the keys are gone and the unlock screen alone is shown. */
static void test_lock(void)
{
    struct world w;
    world_open_locked(&w);
    char *out = run(&w.host, NULL, 80, 24, "a long pass<Dump>word<Tab><Enter><Dump>");
    golden("unlock", nth_dump(out, 0));
    check_has("unlock", nth_dump(out, 0), "Your workbook is locked", true);
    check_has("unlock", out, "a long pass", false);
    check_has("unlock", nth_dump(out, 0), "\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2", true);
    check_has("unlocked", nth_dump(out, 1), "Daily Dos", true);
    CHECK(store_accounts_unlocked(w.st, w.user));
    free(out);

    out = run(&w.host, NULL, 80, 24, "<Enter>Gardener<Away>");
    golden("idle-locked", out);
    check_has("idle lock", out, "Your workbook is locked", true);
    check_has("idle lock", out, "Gardener", false);
    CHECK(!store_accounts_unlocked(w.st, w.user));
    CHECK_INT(store_accounts_unlock(w.st, w.user, "a long password", "local", NULL), DT_OK);
    struct draft d;
    CHECK_INT(store_drafts_get(w.st, w.user, "1.1.1.v1", &d), DT_OK);
    CHECK(d.draft_json && strstr(d.draft_json, "Gardener"));
    store_drafts_clear(&d);
    free(out);
    world_close(&w);
}

/* Enter in the password opens the workbook, as a sign-in form does. */
static void test_enter_unlocks(void)
{
    struct world w;
    world_open_locked(&w);
    char *out = run(&w.host, NULL, 80, 24, "a long password<Enter><Dump>");
    check_has("Enter in the password: opened", out, "Daily Dos", true);
    CHECK(store_accounts_unlocked(w.st, w.user));
    free(out);
    world_close(&w);
}

/* A form that replaces a page in place starts at its first question, and going back puts the
 * focus on the choice that opened it: the recovery form on the locked screen, and a form of
 * the account page. */
static void test_forms_start_at_first_question(void)
{
    struct world w;
    world_open_locked(&w);
    char *out = run(&w.host, NULL, 80, 24, "<Tab><Tab><Enter><Dump><S-Tab><Enter><Dump>");
    const char *recover = nth_dump(out, 0);
    check_has("recover form", recover, "Set a new password with your recovery code", true);
    CHECK_INT(cursor_row(recover), row_of(recover, "Recovery code") + 1);
    const char *back = nth_dump(out, 1);
    CHECK_INT(cursor_row(back), row_of(back, "Password") + 1);
    free(out);

    CHECK_INT(store_accounts_unlock(w.st, w.user, "a long password", "local", NULL), DT_OK);
    world_show(&w, SCREEN_ACCOUNT, (struct screen_arg){0});
    out = run(&w.host, NULL, 80, 24, "<Tab><Tab><Enter><Dump><S-Tab><Enter><Dump>");
    const char *form = nth_dump(out, 0);
    CHECK_INT(cursor_row(form), row_of(form, "Your password now") + 1);
    check_cursor_on("account: cancelled, back on the way in", nth_dump(out, 1),
                    "[ Change the password ]");
    free(out);
    world_close(&w);
}

/* A shared session left untouched: a minute before its idle end it says so; a key keeps it; at
 * the end, what was being typed is kept as a draft and the session is over. */
static void test_idle_exit(void)
{
    struct world w;
    world_open(&w);
    app_set_shared(w.app, "SHA256:test", 1800);
    char *out = run(&w.host, NULL, 80, 24, "<Enter>Baker<Away 1741><Dump>x<Dump><Away 1800>y");
    check_has("warned", nth_dump(out, 0), "press any key to stay", true);
    check_has("a key keeps it", nth_dump(out, 1), "press any key to stay", false);
    golden("idle-warning", nth_dump(out, 0));
    free(out);
    struct draft d;
    CHECK_INT(store_drafts_get(w.st, w.user, "1.1.1.v1", &d), DT_OK);
    CHECK(d.draft_json && strstr(d.draft_json, "Bakerx"));
    CHECK(d.draft_json && !strstr(d.draft_json, "Bakerxy")); /* over before the y */
    store_drafts_clear(&d);
    world_close(&w);
}

int main(void)
{
    setenv("TERM", "xterm-256color", 1);
    unsetenv("COLORTERM");
    unsetenv("NO_COLOR");
    RUN(test_daily_dos);
    RUN(test_contents);
    RUN(test_find_and_jump);
    RUN(test_exercise);
    RUN(test_search);
    RUN(test_typing_on_form);
    RUN(test_answer_kept);
    RUN(test_refused);
    RUN(test_delete_unadded_row);
    RUN(test_number_refused);
    RUN(test_small);
    RUN(test_colour);
    RUN(test_settings_apply);
    RUN(test_drafts);
    RUN(test_lock);
    RUN(test_enter_unlocks);
    RUN(test_forms_start_at_first_question);
    RUN(test_idle_exit);
    RUN(test_face_switch);
    return check_done();
}
