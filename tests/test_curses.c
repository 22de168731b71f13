/* The curses renderer in its test mode: key scripts run against the real screens (a :memory:
 * store with the fixture content) and against a small fake host with every kind of field, in
 * ncurses' virtual screen. Each run's screen dumps must match tests/golden/curses-NAME.txt;
 * DT_UPDATE_GOLDEN=1 rewrites them (review the diff before committing). The checks beside the
 * goldens say what each dump must show, so a golden written in error still fails a check. */
#include <cjson/cJSON.h>
#include <locale.h>
#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "accounts.h"
#include "competencies.h"
#include "app.h"
#include "check.h"
#include "users.h"
#include "fullscreen.h"
#include "drafts.h"
#include "keyboard.h"
#include "plain.h"
#include "preferences.h"
#include "responses.h"
#include "skills.h"
#include "statusbar.h"
#include "support.h"
#include "text.h"
#include "tools.h"

#define ZWJ "\xE2\x80\x8D"
#define MAN "\xF0\x9F\x91\xA8"
#define WOMAN "\xF0\x9F\x91\xA9"
#define GIRL "\xF0\x9F\x91\xA7"
#define LAPTOP "\xF0\x9F\x92\xBB"
#define FAMILY_ZWJ MAN ZWJ WOMAN ZWJ GIRL
#define FAMILY_APART MAN WOMAN GIRL
#define TECH_ZWJ WOMAN ZWJ LAPTOP
#define TECH_APART WOMAN LAPTOP

/* ---- running a script and comparing its dump ---- */

static char *run(const struct tui_host *host, const struct tui_fullscreen_options *o, int w, int h,
                 const char *keys)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    int rc = tui_fullscreen_run_script(host, o, w, h, keys, out);
    fclose(out);
    if (!CHECK(rc == 0))
        printf("#   the script did not run: %s\n", keys);
    return text;
}

static void golden(const char *name, const char *got)
{
    char file[256], what[300];
    snprintf(file, sizeof file, "curses-%s.txt", name);
    snprintf(what, sizeof what, "%s: the dump matches tests/golden/%s", name, file);
    support_golden(file, what, got);
}

/* The k-th dump (0 first) of a run's output; a static copy. */
static const char *nth_dump(const char *text, int k)
{
    static char *copy;
    free(copy);
    copy = NULL;
    const char *p = text;
    for (int i = 0; p && i < k; i++) {
        p = strstr(p + 1, "\nscreen ");
        p = p ? p + 1 : NULL;
    }
    if (!p)
        return "";
    const char *end = strstr(p + 1, "\nscreen ");
    copy = strndup(p, end ? (size_t)(end - p + 1) : strlen(p));
    return copy;
}

/* Row r of a dump (without its frame), into buf. */
static const char *dump_row(const char *dump, int r, char *buf, size_t size)
{
    const char *p = strchr(dump, '\n');
    for (int i = 0; p && i < r; i++)
        p = strchr(p + 1, '\n');
    buf[0] = '\0';
    if (!p || p[1] != '|')
        return buf;
    const char *end = strchr(p + 2, '\n');
    size_t n = end ? (size_t)(end - p - 3) : 0;
    if (n >= size)
        n = size - 1;
    memcpy(buf, p + 2, n);
    buf[n] = '\0';
    return buf;
}

static int cursor_row(const char *dump)
{
    int r = -1, c = -1;
    const char *p = strstr(dump, "cursor at row ");
    if (p)
        sscanf(p, "cursor at row %d column %d", &r, &c);
    return r;
}

/* The cursor's row holds want. */
static void check_cursor_on(const char *name, const char *dump, const char *want)
{
    char row[1024], what[256];
    dump_row(dump, cursor_row(dump), row, sizeof row);
    snprintf(what, sizeof what, "%s: the cursor's row holds \"%s\"", name, want);
    if (!check_at(__FILE__, __LINE__, strstr(row, want) != NULL, what))
        printf("#   cursor row %d: \"%s\"\n", cursor_row(dump), row);
}

static void check_has(const char *name, const char *text, const char *want, bool has)
{
    char what[256];
    snprintf(what, sizeof what, "%s: %s \"%s\"", name, has ? "shows" : "does not show", want);
    check_at(__FILE__, __LINE__, (strstr(text, want) != NULL) == has, what);
}

/* ---- the real screens ---- */

struct world {
    struct store *st;
    char user[STORE_ID_LEN];
    struct app *app;
    struct tui_host host;
};

static void world_open(struct world *w)
{
    w->st = support_store();
    support_user(w->st, w->user);
    w->app = app_new(w->st, w->user, SCREEN_DASHBOARD, NULL);
    if (!w->app) {
        printf("Bail out! app_new: %s\n", app_last_error());
        exit(1);
    }
    w->host = app_host(w->app);
}

/* The app again over the same store, as a new run of the program would be. */
static void world_restart(struct world *w)
{
    app_free(&w->app);
    w->app = app_new(w->st, w->user, SCREEN_DASHBOARD, NULL);
    w->host = app_host(w->app);
}

/* The app again, showing screen (with arg) first. */
static void world_show(struct world *w, enum screen_id screen, struct screen_arg arg)
{
    app_free(&w->app);
    w->app = app_new(w->st, w->user, screen, &arg);
    if (!w->app) {
        printf("Bail out! app_new %d: %s\n", (int)screen, app_last_error());
        exit(1);
    }
    w->host = app_host(w->app);
}

static void world_close(struct world *w)
{
    app_free(&w->app);
    store_close(&w->st);
}

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
    check_has("exercise: submitted", done, "Saved. Well done.", true);
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
                    "<Enter><Tab><Dump>Quiet scts<Dump><Idle><F10><Dump>n<Dump><Esc><Dump>");
    const char *on_button = nth_dump(out, 0);
    check_cursor_on("form: Tab from the list reaches the submit button", on_button,
                    "[ Submit your answers ]");
    const char *typed = nth_dump(out, 1);
    check_has("form: letters on a button stay on the exercise", typed, "Exercise 1.1.1", true);
    check_has("form: and go into the nearest answer", typed, "1. Quiet scts", true);
    check_cursor_on("form: the cursor follows the typing", typed, "1. Quiet scts");
    check_has("form: said where the typing went", typed, "nearest written answer", true);
    const char *asked = nth_dump(out, 2);
    check_has("form: F10 asks first", asked, "Leave DreamTree? What you wrote is kept.", true);
    check_has("form: n stays", nth_dump(out, 3), "Staying.", true);
    check_has("form: n stays on the exercise", nth_dump(out, 3), "Exercise 1.1.1", true);
    const char *home = nth_dump(out, 4);
    check_has("form: Esc goes back to the Daily Dos", home, "Daily Dos", true);
    check_has("form: the hint bar on the Daily Dos offers letters", home, "q, Esc Back", true);
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

/* A claimed workbook in the full screen: the password typed shows as marks, never as text; the
 * workbook opens; typing into an exercise, then the idle lock time passing: what was typed is
 * kept as a draft, the keys are gone and the unlock screen alone is shown. */
static void test_lock(void)
{
    struct world w;
    world_open(&w);
    char code[KEYWRAP_RECOVERY_LEN];
    store_accounts_set_limits(w.st, keywrap_test_limits());
    CHECK_INT(store_accounts_claim(w.st, w.user, "me@example.org", "a long password", code), DT_OK);
    store_accounts_lock(w.st);
    world_restart(&w);
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

/* ---- a fake host with every kind of field: the events must be the plain renderer's ---- */

struct fake {
    char log[4096];
    size_t used;
    int screen;
    unsigned long generation;
    double energy;
    int has_energy;
    unsigned long long landscapes, place; /* kept, as a screen keeps what it accepts */
};

static unsigned long long mask_of(const char *json)
{
    cJSON *v = cJSON_Parse(json), *i;
    unsigned long long m = 0;
    if (cJSON_IsNumber(v))
        m = 1ULL << v->valueint;
    cJSON_ArrayForEach (i, v)
        m |= 1ULL << i->valueint;
    cJSON_Delete(v);
    return m;
}

static void fake_build(void *ctx, struct doc *d)
{
    struct fake *f = ctx;
    if (f->screen == 1) {
        doc_heading(d, 1, "Second screen");
        doc_para(d, DOC_ROLE_TEXT, "Nothing here.");
        return;
    }
    doc_heading(d, 1, "Every kind of field");
    doc_para(d, DOC_ROLE_REFLECTION,
             "A reflection with **emphasis** and a hostile \x1b]0;title\x07.");
    doc_para(d, DOC_ROLE_CELEBRATION, "A celebration.");
    doc_para(d, DOC_ROLE_ERROR, "Something went wrong.");
    const char *cells[] = {"Part", "State", "Roots", "done", "Trunk", "next"};
    doc_table(d, "Progress", 2, 3, cells);
    const char *labels[] = {"Delivery", "Strategic"};
    double values[] = {3.5, 2};
    doc_chart(d, "Averages", 2, labels, values, 5, "Delivery 3.5 of 5; Strategic 2 of 5.");
    struct doc_field *x = doc_field(d, DOC_FIELD_TEXT, "story", "Tell a story.");
    x = doc_field(d, DOC_FIELD_NUMBER, "age", "Years of work?");
    x->has_min = x->has_max = true;
    x->min = 0, x->max = 80, x->step = 1; /* a count: whole numbers */
    x = doc_field(d, DOC_FIELD_SLIDER, "energy", "How full is your tank?");
    x->has_min = x->has_max = true;
    x->min = 1, x->max = 10;
    struct doc_stop stops[] = {{1, "Drained"}, {5, "Steady"}, {10, "Thriving"}};
    doc_field_stops(d, x, 3, stops);
    x->has_number = f->has_energy, x->number = f->energy;
    if (f->has_energy)
        x->description = doc_printf(d, "Level %g means what it says.", f->energy);
    const char *lands[] = {"Coast", "Mountains", "Plains"};
    x = doc_field(d, DOC_FIELD_CHOICES, "landscapes", "Which landscapes?");
    doc_field_options(d, x, 3, lands);
    x->chosen = f->landscapes;
    x = doc_field(d, DOC_FIELD_CHOICE, "place", "Where?");
    doc_field_options(d, x, 3, lands);
    x->chosen = f->place;
    x = doc_field(d, DOC_FIELD_ORDERED, "rank", "Rank them.");
    const char *items[] = {"first", "second", "third"};
    doc_field_items(d, x, 3, items);
    doc_action(d, CMD_OPEN, "second", "Open the second screen");
}

static enum tui_outcome fake_event(void *ctx, const struct tui_event *ev)
{
    struct fake *f = ctx;
    if (ev->cmd == CMD_FIELD_CHANGED) {
        f->used += (size_t)snprintf(f->log + f->used, sizeof f->log - f->used, "%s=%s; ",
                                    ev->field_id, ev->value);
        if (strcmp(ev->field_id, "energy") == 0) {
            cJSON *v = cJSON_Parse(ev->value);
            f->energy = cJSON_IsNumber(v) ? v->valuedouble : 0;
            f->has_energy = 1;
            cJSON_Delete(v);
        }
        if (strcmp(ev->field_id, "landscapes") == 0)
            f->landscapes = mask_of(ev->value);
        if (strcmp(ev->field_id, "place") == 0)
            f->place = mask_of(ev->value);
    } else {
        f->used += (size_t)snprintf(f->log + f->used, sizeof f->log - f->used, "cmd %s %s; ",
                                    ev->cmd == CMD_OPEN ? "open" : "other", ev->arg ? ev->arg : "");
    }
    if (ev->cmd == CMD_OPEN) {
        f->screen = 1;
        f->generation++;
    }
    if (ev->cmd == CMD_BACK) {
        if (f->screen == 0)
            return TUI_FINISHED;
        f->screen = 0;
        f->generation++;
    }
    return TUI_CONTINUE;
}

static unsigned long fake_generation(void *ctx)
{
    return ((struct fake *)ctx)->generation;
}

static const char *fake_message(void *ctx, int *is_error)
{
    (void)ctx;
    *is_error = 0;
    return NULL;
}

static void test_fields(void)
{
    struct fake f = {0};
    struct tui_host host = {.ctx = &f,
                            .build = fake_build,
                            .event = fake_event,
                            .generation = fake_generation,
                            .message = fake_message};
    /* the story (focused first, being in view; with a wide character, a combining accent and
     * a newline, then a backspace that takes the accent with its letter), a number, the slider,
     * two landscapes, one place, the third ranked item moved to the top, then the action */
    const char *keys = "Caf"
                       "e\xCC\x81"
                       "<BS>é 日本<Enter>ok<Tab>"
                       "42<Tab>"
                       "<Right><Right><Right><Left><Tab>"
                       "<Space><Down><Down><Space><Tab>"
                       "<Down><Enter><Tab>"
                       "<Up><S-Up><S-Up><Dump><Tab><Enter>";
    char *out = run(&host, NULL, 80, 24, keys);
    golden("fields", out);
    const char *want = "story=\"Café 日本\\nok\"; age=42; energy=1; energy=2; energy=3; "
                       "energy=2; landscapes=[0]; landscapes=[0,2]; place=1; "
                       "rank=[\"first\",\"third\",\"second\"]; "
                       "rank=[\"third\",\"first\",\"second\"]; cmd open second; ";
    CHECK_STR(f.log, want);
    const char *ranked = nth_dump(out, 0);
    check_has("fields: the slider's stop and description", ranked, "2 Drained", true);
    check_has("fields: the slider's stop and description", ranked, "Level 2 means", true);
    check_cursor_on("fields: the cursor on the moved item", ranked, "1. third");
    check_has("fields: the second screen", nth_dump(out, 1), "Second screen", true);
    free(out);

    /* the top of the same document: roles, a table, a chart and what the sanitiser left */
    struct fake g = {0};
    host.ctx = &g;
    out = run(&host, NULL, 80, 40, "");
    golden("blocks", out);
    check_has("blocks", out, "Error: Something went wrong.", true);
    check_has("blocks", out, "^[]0;title^G", true);
    check_has("blocks", out, "**", false);
    check_has("blocks", out, "Delivery 3.5 of 5", true);
    check_has("blocks: a count says so", out, "A whole number from 0 to 80.", true);
    free(out);
}

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
                    "<Dump><C-s><Dump><Tab><Enter><Dump>Cooking<Esc><Dump><C-s><Dump>");
    golden("exercise-several", out);
    const char *one = nth_dump(out, 0);
    check_has("several: how many of how many", one, "1 of at least 2 Idea Trees made", true);
    check_cursor_on("several: the one made, to open", one, "[ Open Idea Tree: Gardening ]");
    check_has("several: and another", one, "[ Start another Idea Tree ]", true);
    check_has("several: submit says how many more", nth_dump(out, 1),
              "asks for at least 2 Idea Trees and you have made 1", true);
    check_has("several: another is a new one", nth_dump(out, 2), "New Idea Tree", true);
    const char *two = nth_dump(out, 3);
    check_has("several: two made", two, "2 of at least 2 Idea Trees made", true);
    check_has("several: the new one to open", two, "[ Open Idea Tree: Cooking ]", true);
    check_has("several: the first still there", two, "[ Open Idea Tree: Gardening ]", true);
    check_has("several: submitted", nth_dump(out, 4), "Saved. Well done.", true);
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
                    "<Dump><Tab><Tab><Enter><Dump><Tab><Enter><Dump><Esc><Dump>");
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
    check_has("budget: yearly income follows", nth_dump(out, 0), "28800", true);
    check_has("budget: the table", nth_dump(out, 1), "Left after all expenses", true);
    check_has("budget: the hourly rate", nth_dump(out, 1), "your income is 13.85", true);
    free(out);
    /* a large figure shows in full, so editing it keeps its value (no 1.23457e+06) */
    world_show(&w, SCREEN_TOOL_ENTRY, screen_arg_entry("budget-calculator", NULL, NULL, 0));
    out = run(&w.host, NULL, 80, 24, "<Tab>1234567<Tab><S-Tab><End><BS>8<Tab>");
    check_has("budget: the monthly figure to the cent", out, "102880.67", true);
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
    /* delivery 2 and 2, interpersonal 1 and 2, strategic 2 and 2: overall 11/6, 1.8 */
    char *out = run(&w.host, NULL, 80, 80,
                    "<Dump><Right*2><Tab><Right*2><Tab><Right><Tab><Right*2><Tab><Right*2><Tab>"
                    "<Right*2><Tab><Dump><C-s>");
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

/* ---- bracketed paste: a fake host that keeps what it is sent, as a screen would ---- */

struct paste_host {
    char log[4096];
    size_t used;
    char title[256], story[256], jobs[256]; /* the last value of each (JSON) */
};

static const char *kept_string(struct doc *d, const char *json)
{
    cJSON *v = cJSON_Parse(json);
    const char *s = doc_str(d, cJSON_IsString(v) ? v->valuestring : "");
    cJSON_Delete(v);
    return s;
}

static void paste_build(void *ctx, struct doc *d)
{
    struct paste_host *h = ctx;
    doc_heading(d, 1, "Paste here");
    struct doc_field *f = doc_field(d, DOC_FIELD_LINE, "title", "A title, 24 bytes at most?");
    f->max_len = 24;
    f->text = kept_string(d, h->title);
    f = doc_field(d, DOC_FIELD_TEXT, "story", "A story?");
    f->text = kept_string(d, h->story);
    f = doc_field(d, DOC_FIELD_LIST, "jobs", "Jobs?");
    cJSON *v = cJSON_Parse(h->jobs), *i;
    const char *items[8];
    size_t n = 0;
    cJSON_ArrayForEach (i, v)
        if (n < 8 && cJSON_IsString(i))
            items[n++] = i->valuestring;
    doc_field_items(d, f, n, items);
    cJSON_Delete(v);
    doc_action(d, CMD_OPEN, "done", "Done");
}

static enum tui_outcome paste_event(void *ctx, const struct tui_event *ev)
{
    struct paste_host *h = ctx;
    if (ev->cmd != CMD_FIELD_CHANGED) {
        h->used += (size_t)snprintf(h->log + h->used, sizeof h->log - h->used, "cmd %d; ",
                                    (int)ev->cmd);
        return TUI_CONTINUE;
    }
    h->used += (size_t)snprintf(h->log + h->used, sizeof h->log - h->used, "%s=%s; ", ev->field_id,
                                ev->value);
    char *keep = strcmp(ev->field_id, "title") == 0   ? h->title
                 : strcmp(ev->field_id, "story") == 0 ? h->story
                                                      : h->jobs;
    snprintf(keep, sizeof h->title, "%s", ev->value);
    return TUI_CONTINUE;
}

static unsigned long paste_generation(void *ctx)
{
    (void)ctx;
    return 0;
}

static void test_paste(void)
{
    struct paste_host h = {.title = "\"\"", .story = "\"\"", .jobs = "[]"};
    struct tui_host host = {.ctx = &h,
                            .build = paste_build,
                            .event = paste_event,
                            .generation = paste_generation,
                            .message = fake_message};
    /* into the line (focused first): a newline, a colour and an OSC 52 clipboard write in it,
     * then typing goes on in the same field; into the text area; into the list; back to the
     * line, past its 24 bytes; bad UTF-8 into the text area; then with an action focused */
    const char *keys = "<Paste>Jobs\r\nI\x1b[31m liked\x1b[0m\x1b]52;c;aGVsbG8=\x07</Paste>!<Dump>"
                       "<Tab><Paste>one\ntwo\n\nthree</Paste><Dump>"
                       "<Tab><Paste>cook\r\nfarmer\r\n</Paste><Dump>"
                       "<S-Tab><S-Tab><Paste>, and a very long subtitle</Paste><Dump>"
                       "<Tab><Paste>\rcaf\xe9 \xff!</Paste><Dump>"
                       "<Tab><Tab><Paste>not for a button</Paste><Dump>";
    char *out = run(&host, NULL, 80, 24, keys);
    golden("paste", out);
    const char *want = "title=\"Jobs I liked\"; title=\"Jobs I liked!\"; "
                       "story=\"one\\ntwo\\n\\nthree\"; jobs=[\"cook\",\"farmer\"]; "
                       "title=\"Jobs I liked!, and a ver\"; "
                       "story=\"one\\ntwo\\n\\nthree\\ncaf !\"; ";
    CHECK_STR(h.log, want); /* no command: nothing pasted acted as a key */

    const char *line = nth_dump(out, 0);
    check_cursor_on("paste: typing goes on in the line", line, "Jobs I liked!");
    check_has("paste: the colour is not text", line, "31m", false);
    check_has("paste: the clipboard write is not text", line, "52;", false);
    check_has("paste: no ESC placeholder", line, "^[", false);
    check_has("paste: no ESC", line, "\x1b", false);
    const char *story = nth_dump(out, 1);
    check_has("paste: the text area keeps its lines", story, "|    one ", true);
    check_has("paste: the text area keeps its lines", story, "|    two ", true);
    check_cursor_on("paste: the cursor at the paste's end", story, "three");
    const char *jobs = nth_dump(out, 2);
    check_has("paste: a list item per line", jobs, "1. cook", true);
    check_has("paste: a list item per line", jobs, "2. farmer", true);
    const char *cut = nth_dump(out, 3);
    check_has("paste: cut at max_len", cut, "Jobs I liked!, and a ver ", true);
    check_has("paste: the cut said", cut,
              "Only the first 11 of the 26 characters pasted fit in this answer (it holds at",
              true);
    const char *bad = nth_dump(out, 4);
    check_has("paste: bad UTF-8 left out", bad, "|    caf !", true);
    check_has("paste: and said", bad, "2 bytes that are not UTF-8 text were left out", true);
    const char *button = nth_dump(out, 5);
    check_cursor_on("paste: the button keeps the focus", button, "[ Done ]");
    check_has("paste: ignored, and said", button,
              "Nothing was pasted: move to an answer you type (Tab) and paste there.", true);
    check_has("paste: ignored", button, "not for a button", false);
    free(out);

    /* a script that opens a paste must close it */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    CHECK_INT(tui_fullscreen_run_script(&host, NULL, 80, 24, "<Paste>open", f), -1);
    fclose(f);
    free(text);
}

static void test_bad_script(void)
{
    struct fake f = {0};
    struct tui_host host = {.ctx = &f,
                            .build = fake_build,
                            .event = fake_event,
                            .generation = fake_generation,
                            .message = fake_message};
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    CHECK_INT(tui_fullscreen_run_script(&host, NULL, 80, 24, "<Nonsense>", out), -1);
    fclose(out);
    free(text);
}

/* ---- the key hints at the narrowest ---- */

/* The hint bar (one column short of the screen) keeps Help and Quit whatever has the focus,
 * browsing or typing, at the minimum width and at 80; the other hints give way first. */
static void test_hints_keep_help_and_quit(void)
{
    static const enum doc_field_kind kinds[] = {
        DOC_FIELD_LINE,    DOC_FIELD_TEXT, DOC_FIELD_NUMBER,  DOC_FIELD_SLIDER, DOC_FIELD_CHOICE,
        DOC_FIELD_CHOICES, DOC_FIELD_LIST, DOC_FIELD_ORDERED, DOC_FIELD_TREE,   DOC_FIELD_PAIRWISE,
    };
    static const int widths[] = {39, 79};
    const char *options[] = {"one", "two"};
    struct doc *d = doc_new();
    doc_action(d, CMD_SUBMIT, NULL, "Submit");
    for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
        for (size_t k = 0; k <= sizeof kinds / sizeof *kinds; k++) {
            struct tui_field_state st = {0};
            if (k < sizeof kinds / sizeof *kinds) { /* else nothing focused: browsing */
                struct doc_field *f = doc_field(d, kinds[k], "f", "A question?");
                doc_field_options(d, f, 2, options);
                f->has_min = f->has_max = true;
                f->min = 1, f->max = 10;
                CHECK(tui_field_begin(&st, f) == 0);
            }
            char hints[512], what[640];
            tui_statusbar_hints(d, &st, hints, sizeof hints, widths[w]);
            snprintf(what, sizeof what, "%d columns, field kind %zu: Help and Quit in \"%s\"",
                     widths[w], k, hints);
            check_at(__FILE__, __LINE__, strstr(hints, " Help") && strstr(hints, " Quit"), what);
            snprintf(what, sizeof what, "%d columns, field kind %zu: the hints fit", widths[w], k);
            check_at(__FILE__, __LINE__, (int)tui_text_width(hints) <= widths[w], what);
            tui_field_end(&st);
        }
    }
    doc_free(&d);
}

/* The real screens at 40x12: the Daily Dos (browsing) and an answer being typed in a list. */
static void test_hints_40(void)
{
    struct world w;
    world_open(&w);
    char *out = run(&w.host, NULL, 40, 12, "<Dump><Enter><Tab>Cook");
    golden("hints40", out);
    for (int i = 0; i < 2; i++) {
        char row[256], what[320];
        dump_row(nth_dump(out, i), 11, row, sizeof row);
        snprintf(what, sizeof what, "40x12 dump %d: Help and Quit in \"%s\"", i, row);
        check_at(__FILE__, __LINE__, strstr(row, " Help") && strstr(row, " Quit"), what);
    }
    check_has("40x12 typing: F10 quits", nth_dump(out, 1), "F10 Quit", true);
    free(out);
    world_close(&w);
}

/* ---- a wide window ---- */

static void wide_build(void *ctx, struct doc *d)
{
    (void)ctx;
    doc_heading(d, 1, "A page in a wide window");
    doc_para(d, DOC_ROLE_TEXT,
             "A paragraph long enough to run across the whole of a wide window if it were let: "
             "lines of two hundred characters are hard to follow back to their start, so the "
             "text keeps to a column about as wide as a book's, however wide the window is.");
    doc_para(d, DOC_ROLE_PROMPT,
             "- a list item in a prompt, also long enough to need a second "
             "line in a column of readable width");
    const char *cells[] = {"What", "Why", "Words",
                           "They run on and on and on, more than a "
                           "readable line can take, so the column wraps them."};
    doc_table(d, "A table", 2, 2, cells);
    doc_field(d, DOC_FIELD_TEXT, "story", "Tell a story?");
    doc_action(d, CMD_OPEN, "done", "Done");
}

static enum tui_outcome wide_event(void *ctx, const struct tui_event *ev)
{
    (void)ctx;
    (void)ev;
    return TUI_CONTINUE;
}

/* The text column stops at a readable width: at 200 columns the page is the page at 80 (only
 * the status line and the hints may use the rest), typing included. */
static void test_wide(void)
{
    struct fake f = {0};
    struct tui_host host = {.ctx = &f,
                            .build = wide_build,
                            .event = wide_event,
                            .generation = fake_generation,
                            .message = fake_message};
    const char *keys = "Typing in the answer goes on and on, well past what a readable "
                       "line holds, and it wraps in the same column as the text above it.";
    char *wide = run(&host, NULL, 200, 30, keys);
    golden("wide", wide);
    char *narrow = run(&host, NULL, 80, 30, keys);
    for (int r = 0; r < 28; r++) { /* the page's rows: all but the status line and the hints */
        char w[1024], n[1024], what[64];
        dump_row(wide, r + 1, w, sizeof w);
        dump_row(narrow, r + 1, n, sizeof n);
        size_t wl = strlen(w), nl = strlen(n);
        while (wl > 0 && w[wl - 1] == ' ')
            w[--wl] = '\0';
        while (nl > 0 && n[nl - 1] == ' ')
            n[--nl] = '\0';
        snprintf(what, sizeof what, "wide: row %d as at 80 columns", r);
        check_str_at(__FILE__, __LINE__, w, n, what);
    }
    check_has("wide", wide, "screen 200x30", true);
    check_has("wide", wide, "column wraps them.", true);
    CHECK(cursor_row(wide) == cursor_row(narrow));
    free(wide);
    free(narrow);
}

/* ---- widths as ncurses draws them ---- */

/* tui_text_width of every code point of planes 0, 1 and 14 that the sanitiser lets through is
 * the columns ncurses moves on when it draws it between two letters: the layout, the cursor
 * and the drawing agree. */
static void test_widths_as_drawn(void)
{
    setlocale(LC_CTYPE, "");
    FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
    SCREEN *scr = newterm(NULL, out, in);
    if (!CHECK(scr != NULL))
        return;
    resizeterm(4, 20);
    unsigned long checked = 0, differ = 0;
    for (ucs4_t c = 0x20; c < 0xE0200; c++) {
        if ((c >= 0xD800 && c <= 0xDFFF) || (c >= 0x20000 && c < 0xE0000))
            continue;
        char s[16] = "a";
        int k = u8_uctomb((uint8_t *)s + 1, c, 8);
        s[1 + k] = 'b';
        s[2 + k] = '\0';
        char *clean = tui_text_sanitize(s, strlen(s), 0);
        if (clean && strcmp(clean, s) == 0) {
            erase();
            mvaddstr(0, 0, s);
            int drawn = getcurx(stdscr);
            checked++;
            if (drawn != (int)tui_text_width(s) && differ++ < 5)
                printf("#   U+%04X: ncurses %d columns, tui_text_width %zu\n", (unsigned)c, drawn,
                       tui_text_width(s));
        }
        free(clean);
    }
    endwin();
    delscreen(scr);
    fclose(out);
    fclose(in);
    CHECK(checked > 100000);
    CHECK_INT(differ, 0);
}

/* An emoji family in a paragraph and typed into a field: drawn as its three people side by
 * side (no joiner reaches ncurses), the text after it where the layout put it, the cursor
 * after it; the same after a resize. */
static void family_build(void *ctx, struct doc *d)
{
    (void)ctx;
    doc_heading(d, 1, "Who is at home?");
    doc_para(d, DOC_ROLE_TEXT, "The family " FAMILY_ZWJ " lives here, with " TECH_ZWJ " at work.");
    doc_field(d, DOC_FIELD_LINE, "who", "Who else?");
}

/* A grid wider than the screen: its oldest columns give way, and the chart says so. */
static void grid_build(void *ctx, struct doc *d)
{
    (void)ctx;
    enum { COLS = 26 };
    static const char *const rows[] = {"Odd", "Even"};
    static const char *const levels[] = {"low", "mid", "high"};
    const char *cols[COLS];
    signed char cells[2 * COLS];
    for (int k = 0; k < COLS; k++) {
        cols[k] = k % 5 == 0 ? "col" : "";
        cells[k] = (signed char)(k % 4);
        cells[COLS + k] = k == COLS - 1 ? DOC_GRID_OUTSIDE : (signed char)((k + 1) % 4);
    }
    struct doc_grid g = {.rows = 2,
                         .cols = COLS,
                         .row_labels = rows,
                         .col_labels = cols,
                         .cells = cells,
                         .nlevels = 3,
                         .level_labels = levels,
                         .empty_label = "none",
                         .col_noun = "columns"};
    doc_chart_grid(d, "A wide grid", &g, "Words that say the same.");
}

static void test_grid_narrow(void)
{
    struct fake f = {0};
    struct tui_host host = {.ctx = &f,
                            .build = grid_build,
                            .event = wide_event,
                            .generation = fake_generation,
                            .message = fake_message};
    char *out = run(&host, NULL, 40, 12, "<Dump><Resize 80x12>");
    golden("grid-narrow", out);
    const char *narrow = nth_dump(out, 0);
    /* 36 columns of content: the labels and a space take 5, so 15 cells of two columns fit */
    check_has("grid: the newest columns", narrow, "The last 15 columns; a wider window", true);
    check_has("grid: a blank cell outside", narrow,
              "|  Even \xC2\xB7 \xE2\x96\x91 \xE2\x96\x93 \xE2\x96\x88 \xC2\xB7 \xE2\x96\x91 "
              "\xE2\x96\x93 \xE2\x96\x88 \xC2\xB7 \xE2\x96\x91 \xE2\x96\x93 \xE2\x96\x88 "
              "\xC2\xB7 \xE2\x96\x91      |",
              true);
    check_has("grid: the legend", narrow, "\xC2\xB7 none", true);
    check_has("grid: every column when wide", nth_dump(out, 1), "a wider window", false);
    free(out);
}

static void test_family(void)
{
    struct fake f = {0};
    struct tui_host host = {.ctx = &f,
                            .build = family_build,
                            .event = wide_event,
                            .generation = fake_generation,
                            .message = fake_message};
    char *out = run(&host, NULL, 60, 12, FAMILY_ZWJ "x<Dump><Resize 80x24>");
    golden("family", out);
    for (int i = 0; i < 2; i++) {
        const char *dump = nth_dump(out, i);
        check_has("family: no joiner drawn", dump, "\xE2\x80\x8D", false);
        check_has("family: side by side, the text after it", dump,
                  "The family " FAMILY_APART " lives here, with " TECH_APART " at work.", true);
        check_has("family: typed", dump, FAMILY_APART "x", true);
        /* "    " then 6 columns of family and the x: the cursor after them */
        char what[64];
        snprintf(what, sizeof what, "family: dump %d: the cursor after the x", i);
        int col = -1;
        const char *p = strstr(dump, "column ");
        if (p)
            sscanf(p, "column %d", &col);
        check_int_at(__FILE__, __LINE__, col, 4 + 6 + 1, what);
    }
    free(out);
}

/* ---- keys from the terminal, byte by byte (tui/keyboard.c) ---- */

/* Bytes a terminal may send, and what becomes of them: the characters (as UTF-8) and how many
 * bytes are left out, counting a character still unfinished at the end. */
static void test_utf8_keys(void)
{
    static const struct {
        const char *bytes, *chars;
        size_t dropped;
    } rows[] = {
        {"a", "a", 0},
        {"\xC3\xA9", "\xC3\xA9", 0},                                 /* é */
        {"\xE9\xBA\xB5\xE5\x8C\x85", "\xE9\xBA\xB5\xE5\x8C\x85", 0}, /* 面包 */
        {"\xF0\x9F\x91\xA8", "\xF0\x9F\x91\xA8", 0},                 /* U+1F468 */
        {"\xE9", "", 1},                 /* a Latin-1 é alone: waits, then is left out */
        {"\xE9t", "t", 1},               /* é then t: the t is kept */
        {"\xE9\xC3\xA9", "\xC3\xA9", 1}, /* Latin-1 é, then UTF-8 é */
        {"\xE1x", "x", 1},               /* 8-bit meta Alt+a, then x */
        {"\xFF\x03", "\x03", 1},         /* a junk byte, then Ctrl+C */
        {"\x80\xBF", "", 2},             /* continuation bytes alone */
        {"\xC0\xAF", "", 2},             /* an overlong '/' */
        {"\xED\xA0\x80", "", 3},         /* a surrogate */
        {"\xF4\x90\x80\x80", "", 4},     /* past U+10FFFF */
        {"\xF0\x9F\x91"
         "a",
         "a", 3}, /* three of four bytes, cut short */
        {"\xE9\xE9\xE9"
         "ok",
         "ok", 3},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct tui_utf8_keys u = {0};
        char got[64] = "";
        size_t dropped = 0, len = 0;
        for (const char *p = rows[i].bytes; *p; p++) {
            unsigned ch;
            size_t d;
            if (tui_utf8_keys_add(&u, (unsigned char)*p, &ch, &d))
                len += (size_t)u8_uctomb((uint8_t *)got + len, ch, 8);
            dropped += d;
        }
        dropped += tui_utf8_keys_cut(&u);
        got[len] = '\0';
        char what[64];
        snprintf(what, sizeof what, "utf8 keys row %zu: characters", i);
        check_str_at(__FILE__, __LINE__, got, rows[i].chars, what);
        snprintf(what, sizeof what, "utf8 keys row %zu: bytes left out", i);
        check_int_at(__FILE__, __LINE__, (long long)dropped, (long long)rows[i].dropped, what);
    }
}

/* A message said while a command runs (waiting for a turn to check a password) goes on the
 * full screen's status line, never across the screen on stderr; without a full screen the
 * caller is told to say it another way. */
struct say_now_host {
    int said, not_running;
};

static void say_now_build(void *ctx, struct doc *d)
{
    (void)ctx;
    doc_heading(d, 1, "Waiting");
    doc_action(d, CMD_OPEN, "x", "Sign in");
}

static enum tui_outcome say_now_event(void *ctx, const struct tui_event *ev)
{
    struct say_now_host *h = ctx;
    if (ev->cmd == CMD_OPEN)
        h->said += tui_fullscreen_say_now("Waiting for a turn.");
    return ev->cmd == CMD_BACK ? TUI_FINISHED : TUI_CONTINUE;
}

static unsigned long say_now_generation(void *ctx)
{
    (void)ctx;
    return 1;
}

static void test_say_now(void)
{
    struct say_now_host h = {0};
    h.not_running = !tui_fullscreen_say_now("nobody sees this");
    struct tui_host host = {.ctx = &h,
                            .build = say_now_build,
                            .event = say_now_event,
                            .generation = say_now_generation,
                            .message = fake_message};
    char *out = run(&host, NULL, 80, 24, "<Enter><Enter>");
    CHECK(h.not_running);
    CHECK_INT(h.said, 2);
    CHECK(!tui_fullscreen_say_now("after the screen ended"));
    check_has("say now: gone once the event is done", out, "Waiting for a turn.", false);
    free(out);
}

/* A table too wide for the screen narrows its columns down to their longest words first, so
 * no word is cut while wrapping at spaces and hyphens can make room. */
static void table_build(void *ctx, struct doc *d)
{
    (void)ctx;
    doc_heading(d, 1, "Skills");
    const char *cells[] = {"Skill",
                           "Kind",
                           "Tagged on",
                           "Written communication",
                           "Transferable",
                           "nothing yet",
                           "Cross-cultural work",
                           "Self-management",
                           "2.1.3 and 1 story"};
    doc_table(d, NULL, 3, 3, cells);
}

static void test_table_keeps_words(void)
{
    struct say_now_host h = {0};
    struct tui_host host = {.ctx = &h,
                            .build = table_build,
                            .event = say_now_event,
                            .generation = say_now_generation,
                            .message = fake_message};
    char *out = run(&host, NULL, 40, 12, "");
    check_has("table: a word that fits is whole", out, "Transferable", true);
    check_has("table: the long name wraps at its space", out, "communication", true);
    check_has("table: a hyphen keeps its word", out, "Self-", true);
    check_has("table: no word cut in two", out, "Transferabl ", false);
    check_has("table: nor the name", out, "Written co ", false);
    free(out);
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
    RUN(test_number_refused);
    RUN(test_small);
    RUN(test_colour);
    RUN(test_settings_apply);
    RUN(test_drafts);
    RUN(test_lock);
    RUN(test_idle_exit);
    RUN(test_face_switch);
    RUN(test_skills_screen);
    RUN(test_skill_tags_screen);
    RUN(test_skill_tags_sealed);
    RUN(test_skills_many);
    RUN(test_fields);
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
    RUN(test_grid_narrow);
    RUN(test_idea_tree);
    RUN(test_bad_script);
    RUN(test_paste);
    RUN(test_utf8_keys);
    RUN(test_hints_keep_help_and_quit);
    RUN(test_hints_40);
    RUN(test_wide);
    RUN(test_widths_as_drawn);
    RUN(test_family);
    RUN(test_say_now);
    RUN(test_table_keeps_words);
    return check_done();
}
