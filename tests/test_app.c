/* The screen stack (screens/app.c), with the real screens over a :memory: store with the fixture
 * content: opening, replacing, going back, reloading, and the cap on how deep it goes. Screens are
 * told apart by the title their document starts with. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "accounts.h"
#include "app.h"
#include "check.h"
#include "competencies.h"
#include "dailydos.h"
#include "drafts.h"
#include "doc.h"
#include "keywrap.h"
#include "preferences.h"
#include "progress.h"
#include "responses.h"
#include "tool_keys.h"
#include "tools.h"
#include "seed.h"
#include "skills.h"
#include "support.h"
#include "tools.h"
#include "users.h"

struct world {
    struct store *st;
    char user[STORE_ID_LEN];
    struct app *app;
    struct tui_host host;
    struct doc *doc;
    char said[512]; /* the last message the host gave, "" for none */
};

static void setup(struct world *w)
{
    memset(w, 0, sizeof *w);
    w->st = support_store();
    support_user(w->st, w->user);
    w->app = app_new(w->st, w->user, SCREEN_DASHBOARD, NULL);
    if (!w->app) {
        printf("Bail out! app_new: %s\n", app_last_error());
        exit(1);
    }
    w->host = app_host(w->app);
    w->doc = doc_new();
}

static void teardown(struct world *w)
{
    doc_free(&w->doc);
    app_free(&w->app);
    CHECK(w->app == NULL);
    store_close(&w->st);
}

/* The top screen's document, built afresh. */
static const struct doc *build(struct world *w)
{
    doc_reset(w->doc);
    w->host.build(w->host.ctx, w->doc);
    return w->doc;
}

/* The top screen's title: the first heading of its document. */
static const char *title(struct world *w)
{
    const struct doc *d = build(w);
    for (size_t i = 0; i < d->n; i++)
        if (d->blocks[i].kind == DOC_HEADING)
            return d->blocks[i].text;
    return "";
}

/* Everything the top screen's document says, in order, as one string (for comparing). */
static const char *text_of(struct world *w, char *buf, size_t size)
{
    const struct doc *d = build(w);
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < d->n && used < size; i++) {
        const struct doc_block *b = &d->blocks[i];
        const char *t = b->kind == DOC_CARD     ? b->u.card.title
                        : b->kind == DOC_ACTION ? b->u.action.label
                        : b->kind == DOC_CHART  ? b->u.chart.text
                        : b->kind == DOC_FIELD  ? b->u.field.label
                                                : b->text;
        const char *more = b->kind == DOC_CARD && b->u.card.subtitle ? b->u.card.subtitle : "";
        const char *state = b->kind == DOC_CARD && b->u.card.state ? b->u.card.state : "";
        used += (size_t)snprintf(buf + used, size - used, "%s %s %s|", t ? t : "", more, state);
    }
    return buf;
}

static int depth(struct world *w)
{
    return w->host.depth(w->host.ctx);
}

/* Sends one event the way a renderer does; the message it leaves goes to w->said. */
static enum tui_outcome send(struct world *w, enum cmd cmd, const char *arg)
{
    struct tui_event ev = {.cmd = cmd, .arg = arg};
    enum tui_outcome r = w->host.event(w->host.ctx, &ev);
    int is_error = 0;
    const char *m = w->host.message(w->host.ctx, &is_error);
    snprintf(w->said, sizeof w->said, "%s", m ? m : "");
    return r;
}

/* Types text (no quote or backslash in it) into field id, as a renderer sends it. */
static enum tui_outcome type_in(struct world *w, const char *id, const char *text)
{
    char value[256];
    snprintf(value, sizeof value, "\"%s\"", text);
    struct tui_event ev = {.cmd = CMD_FIELD_CHANGED, .field_id = id, .value = value};
    return w->host.event(w->host.ctx, &ev);
}

/* Opens a screen the way an action in a document does: by its link. */
static enum tui_outcome open_screen(struct world *w, enum screen_id id)
{
    struct doc *d = doc_new();
    enum tui_outcome r = send(w, CMD_OPEN, screen_link(d, id, NULL));
    doc_free(&d);
    return r;
}

static void test_open_and_back(void)
{
    struct world w;
    setup(&w);
    const char *home = title(&w);
    CHECK(home[0] != '\0');
    char home_title[128];
    snprintf(home_title, sizeof home_title, "%s", home);
    CHECK_INT(depth(&w), 1);

    unsigned long gen = w.host.generation(w.host.ctx);
    CHECK_INT(open_screen(&w, SCREEN_HELP), TUI_CONTINUE);
    CHECK_INT(depth(&w), 2);
    CHECK_STR(title(&w), "Help");
    CHECK(w.host.generation(w.host.ctx) != gen); /* the renderer is told to build again */

    CHECK_INT(open_screen(&w, SCREEN_CREDITS), TUI_CONTINUE);
    CHECK_INT(depth(&w), 3);
    CHECK_STR(title(&w), "Credits");

    CHECK_INT(send(&w, CMD_BACK, NULL), TUI_CONTINUE);
    CHECK_INT(depth(&w), 2);
    CHECK_STR(title(&w), "Help");
    CHECK_INT(send(&w, CMD_BACK, NULL), TUI_CONTINUE);
    CHECK_INT(depth(&w), 1);
    CHECK_STR(title(&w), home_title);

    /* a link that is not one (an unknown screen, a field too long): said, and nothing moves */
    CHECK_INT(send(&w, CMD_OPEN, "nonesuch||||0"), TUI_CONTINUE);
    CHECK_INT(depth(&w), 1);
    CHECK_STR(w.said, "that cannot be opened.");
    CHECK_STR(title(&w), home_title);
    CHECK_INT(send(&w, CMD_OPEN, "help"), TUI_CONTINUE); /* a bare name is not a link */
    CHECK_INT(depth(&w), 1);
    CHECK_STR(w.said, "that cannot be opened.");

    /* back from the first screen leaves */
    CHECK_INT(send(&w, CMD_BACK, NULL), TUI_FINISHED);
    teardown(&w);
}

static void test_home_unwinds(void)
{
    struct world w;
    setup(&w);
    char home[128];
    snprintf(home, sizeof home, "%s", title(&w));
    open_screen(&w, SCREEN_HELP);
    open_screen(&w, SCREEN_CREDITS);
    open_screen(&w, SCREEN_TOOLS);
    CHECK_INT(depth(&w), 4);
    CHECK_INT(send(&w, CMD_DASHBOARD, NULL), TUI_CONTINUE);
    CHECK_INT(depth(&w), 1);
    CHECK_STR(title(&w), home);
    teardown(&w);
}

static void test_replace(void)
{
    struct world w;
    setup(&w);
    open_screen(&w, SCREEN_HELP);
    CHECK_INT(depth(&w), 2);
    /* applied with the next event, as a screen's command handler would ask for it */
    app_replace(w.app, SCREEN_CREDITS, NULL);
    CHECK_STR(title(&w), "Help");
    send(&w, CMD_NONE, NULL);
    CHECK_INT(depth(&w), 2);
    CHECK_STR(title(&w), "Credits");
    send(&w, CMD_BACK, NULL);
    CHECK_INT(depth(&w), 1); /* Help is gone, not under Credits */

    /* a replacement that cannot open keeps the screen it was to replace */
    open_screen(&w, SCREEN_HELP);
    struct screen_arg nonesuch = screen_arg_tool("nonesuch", 0);
    app_replace(w.app, SCREEN_TOOL, &nonesuch);
    send(&w, CMD_NONE, NULL);
    CHECK_INT(depth(&w), 2);
    CHECK_STR(title(&w), "Help");
    CHECK(w.said[0] != '\0'); /* the tool screen said why it could not open */
    teardown(&w);
}

static void test_reload(void)
{
    struct world w;
    setup(&w);
    char before[4096], after[4096], fresh[4096];
    text_of(&w, before, sizeof before);

    /* the store changes under the screen: it shows the old state until it is loaded again */
    support_answer_first(w.st, w.user, 2);
    text_of(&w, after, sizeof after);
    CHECK_STR(after, before);
    unsigned long gen = w.host.generation(w.host.ctx);
    app_reload(w.app);
    CHECK(w.host.generation(w.host.ctx) != gen);
    CHECK_INT(depth(&w), 1);
    text_of(&w, after, sizeof after);
    CHECK(strcmp(after, before) != 0);
    CHECK(strstr(after, "Continue the workbook") != NULL);

    /* and what it shows then is what a newly opened one shows */
    struct app *other = app_new(w.st, w.user, SCREEN_DASHBOARD, NULL);
    CHECK(other != NULL);
    if (other) {
        struct world v = w; /* the same store and document, the other app */
        v.host = app_host(other);
        text_of(&v, fresh, sizeof fresh);
        CHECK_STR(after, fresh);
        app_free(&other);
    }

    /* going back loads the revealed screen again too */
    open_screen(&w, SCREEN_HELP);
    support_answer_first(w.st, w.user, 3);
    send(&w, CMD_BACK, NULL);
    text_of(&w, fresh, sizeof fresh);
    CHECK(strcmp(fresh, after) != 0);
    CHECK(strstr(fresh, "Modules complete: 1 of 4") != NULL);
    teardown(&w);
}

static void test_depth_cap(void)
{
    struct world w;
    setup(&w);
    char home[128];
    snprintf(home, sizeof home, "%s", title(&w));
    /* Tools first, then Help and Credits in turn, well past the cap */
    open_screen(&w, SCREEN_TOOLS);
    for (int i = 0; i < APP_DEPTH + 5; i++)
        open_screen(&w, i % 2 ? SCREEN_CREDITS : SCREEN_HELP);
    CHECK_INT(depth(&w), APP_DEPTH);
    CHECK_STR(title(&w), "Help"); /* the last one opened is on top */
    /* The oldest above the first screen were dropped (Tools among them): back goes down
     * through Credits and Help in turn to the first screen, which stayed. */
    int backs = 0;
    const char *want = "Credits";
    bool in_turn = true;
    while (depth(&w) > 1 && backs < APP_DEPTH + 5) {
        send(&w, CMD_BACK, NULL);
        backs++;
        if (depth(&w) > 1) {
            in_turn = in_turn && strcmp(title(&w), want) == 0;
            want = strcmp(want, "Credits") == 0 ? "Help" : "Credits";
        }
    }
    CHECK_INT(backs, APP_DEPTH - 1);
    CHECK(in_turn);
    CHECK_STR(title(&w), home);
    teardown(&w);
}

/* A claimed workbook: it opens on the unlock screen, nothing else opens until the password is
 * typed, l locks it again (and what the person typed is not lost), and an anonymous one has
 * nothing to lock with. */
static void test_locked(void)
{
    struct world w;
    setup(&w);
    CHECK_INT(send(&w, CMD_LOCK, NULL), TUI_CONTINUE);
    CHECK(strstr(w.said, "nothing to lock with") != NULL);
    CHECK_INT(depth(&w), 1);
    char code[KEYWRAP_RECOVERY_LEN];
    store_accounts_set_limits(w.st, keywrap_test_limits());
    CHECK_INT(store_accounts_claim(w.st, w.user, "me@example.org", "a long password", code), DT_OK);
    app_free(&w.app);
    store_accounts_lock(w.st);
    w.app = app_new(w.st, w.user, SCREEN_DASHBOARD, NULL);
    CHECK(w.app != NULL);
    if (!w.app) {
        store_close(&w.st);
        return;
    }
    w.host = app_host(w.app);
    CHECK_STR(title(&w), "Your workbook is locked");
    CHECK_INT(w.host.idle_lock_seconds(w.host.ctx), 0); /* locked already */

    /* nothing else opens */
    CHECK_INT(send(&w, CMD_WORKBOOK, NULL), TUI_CONTINUE);
    CHECK_STR(w.said, "your workbook is locked: type your password first.");
    CHECK_INT(open_screen(&w, SCREEN_CREDITS), TUI_CONTINUE);
    CHECK_INT(depth(&w), 1);
    CHECK_STR(title(&w), "Your workbook is locked");
    CHECK_INT(send(&w, CMD_DASHBOARD, NULL), TUI_CONTINUE);
    CHECK_STR(title(&w), "Your workbook is locked");

    /* the password opens it: the Daily Dos, and the idle lock runs */
    CHECK_INT(type_in(&w, "password", "a long password"), TUI_CONTINUE);
    CHECK_INT(send(&w, CMD_SUBMIT, NULL), TUI_CONTINUE);
    CHECK(store_accounts_unlocked(w.st, w.user));
    CHECK(strcmp(title(&w), "Your workbook is locked") != 0);
    CHECK_INT(w.host.idle_lock_seconds(w.host.ctx), 15 * 60);

    /* l locks: the keys go, the unlock screen alone is left */
    send(&w, CMD_WORKBOOK, NULL);
    CHECK_INT(depth(&w), 2);
    CHECK_INT(send(&w, CMD_LOCK, NULL), TUI_CONTINUE);
    CHECK(!store_accounts_unlocked(w.st, w.user));
    CHECK_INT(depth(&w), 1);
    CHECK_STR(title(&w), "Your workbook is locked");
    CHECK_STR(w.said, "Locked. Your password opens your workbook again.");

    /* forgot the password: the recovery code sets a new one; then the next code, once */
    CHECK_INT(send(&w, CMD_CHOOSE, "1.0"), TUI_CONTINUE);
    CHECK_STR(title(&w), "Set a new password with your recovery code");
    type_in(&w, "code", "0000-0000-0000-0000-0000-0000-0000-0000");
    type_in(&w, "password", "a new long password");
    type_in(&w, "again", "a new long password");
    CHECK_INT(send(&w, CMD_SUBMIT, NULL), TUI_REJECTED);
    CHECK_STR(w.said, "that is not this workbook's recovery code.");
    store_set_now(w.st, support_now + 3600); /* past the wait the wrong code earned */
    type_in(&w, "code", code);
    type_in(&w, "password", "a new long password");
    type_in(&w, "again", "a new long password");
    CHECK_INT(send(&w, CMD_SUBMIT, NULL), TUI_CONTINUE);
    CHECK_STR(title(&w), "Your new recovery code");
    CHECK(store_accounts_unlocked(w.st, w.user));
    CHECK_INT(send(&w, CMD_CHOOSE, "3.0"), TUI_CONTINUE);
    CHECK(strcmp(title(&w), "Your workbook is locked") != 0);
    store_accounts_lock(w.st);
    CHECK_INT(store_accounts_unlock(w.st, w.user, "a new long password", "local", NULL), DT_OK);
    teardown(&w);
}

/* A sealed answer that does not open (a flipped bit): the exercise says it cannot be read, and
 * nothing crashes or opens with an empty answer in its place. */
static void test_unreadable_answer(void)
{
    struct world w;
    setup(&w);
    char code[KEYWRAP_RECOVERY_LEN];
    store_accounts_set_limits(w.st, keywrap_test_limits());
    support_answer_first(w.st, w.user, 1);
    CHECK_INT(store_accounts_claim(w.st, w.user, "me@example.org", "a long password", code), DT_OK);
    CHECK(support_exec(w.st, "UPDATE exercise_responses SET response_json ="
                             " replace(response_json, '\"data\":\"', '\"data\":\"AAAA')") == 0);
    struct screen_arg ex = screen_arg_exercise("1.1.1.v1");
    app_open(w.app, SCREEN_EXERCISE, &ex);
    send(&w, CMD_NONE, NULL);
    CHECK_INT(depth(&w), 1);
    CHECK(strstr(w.said, "cannot be read") != NULL);
    teardown(&w);
}

/* Signing in to an account from an anonymous workbook (Settings, Account): the workbook joins
 * the account, the anonymous user is gone, and the app goes on as the account, unlocked. */
static void test_sign_in_joins(void)
{
    struct world w;
    setup(&w);
    char account[STORE_ID_LEN], code[KEYWRAP_RECOVERY_LEN];
    store_accounts_set_limits(w.st, keywrap_test_limits());
    support_user(w.st, account);
    CHECK_INT(store_accounts_claim(w.st, account, "me@example.org", "a long password", code),
              DT_OK);
    store_accounts_lock(w.st);
    support_answer_first(w.st, w.user, 1);
    app_open(w.app, SCREEN_ACCOUNT, NULL);
    send(&w, CMD_NONE, NULL);
    CHECK_STR(title(&w), "Account");
    CHECK_INT(send(&w, CMD_CHOOSE, "1.2"), TUI_CONTINUE); /* sign in */
    type_in(&w, "email", "Me@Example.org");
    type_in(&w, "password", "a long password");
    CHECK_INT(send(&w, CMD_SUBMIT, NULL), TUI_CONTINUE);
    CHECK_INT(depth(&w), 1);
    CHECK(strstr(w.said, "joined your account") != NULL);
    CHECK_STR(app_user(w.app), account);
    CHECK(store_accounts_unlocked(w.st, account));
    struct user u;
    CHECK_INT(store_users_get(w.st, w.user, &u), DT_NOT_FOUND);
    struct response r;
    CHECK_INT(store_responses_get(w.st, account, "1.1.1.v1", &r), DT_OK);
    store_responses_clear(&r);

    /* signing out zeroes the keys and leaves */
    app_open(w.app, SCREEN_ACCOUNT, NULL);
    send(&w, CMD_NONE, NULL);
    CHECK_INT(send(&w, CMD_CHOOSE, "5.0"), TUI_FINISHED);
    CHECK(!store_accounts_unlocked(w.st, account));
    teardown(&w);
}

/* The profile's most used skills: a table that names its count, one skill a row. */
static void test_profile_skills_table(void)
{
    struct world w;
    setup(&w);
    char answer[STORE_ID_LEN], budgeting[STORE_ID_LEN];
    CHECK_INT(store_responses_save(w.st, w.user, "1.1.1.v1", "{\"jobs\":[\"Baker\"]}", answer),
              DT_OK);
    CHECK_INT(store_skills_add_custom(w.st, w.user, "budgeting", NULL, budgeting), DT_DUPLICATE);
    CHECK_INT(store_skills_tag(w.st, w.user, answer, budgeting), DT_OK);
    app_open(w.app, SCREEN_PROFILE, NULL);
    send(&w, CMD_NONE, NULL);
    const struct doc *d = build(&w);
    bool found = false;
    for (size_t i = 0; i < d->n; i++) {
        const struct doc_block *b = &d->blocks[i];
        if (b->kind == DOC_TABLE && b->u.table.ncols == 2 && b->u.table.nrows == 2 &&
            strcmp(b->u.table.cells[1], "Times tagged") == 0)
            found = strcmp(b->u.table.cells[2], "Budgeting") == 0 &&
                    strcmp(b->u.table.cells[3], "1") == 0;
    }
    CHECK(found);
    teardown(&w);
}

/* A ranking made in an exercise: a title that ends its own sentence takes no second stop, and
 * one answer given is said in the singular. */
static void test_ranking_words(void)
{
    struct world w;
    setup(&w);
    support_answer_first(w.st, w.user, 2);
    char id[STORE_ID_LEN], text[8192];
    CHECK_INT(store_tools_create(w.st, w.user, "ranking-grid", "1.1.3.v1",
                                 "{\"title\":\"Top skills.\",\"items\":[\"Pay\",\"Team\","
                                 "\"Learning\"],\"choices\":[{\"better\":\"Team\","
                                 "\"worse\":\"Pay\"}]}",
                                 id),
              DT_OK);
    struct screen_arg ex = screen_arg_exercise("1.1.3.v1");
    app_open(w.app, SCREEN_EXERCISE, &ex);
    send(&w, CMD_NONE, NULL);
    text_of(&w, text, sizeof text);
    CHECK(strstr(text, "Your Ranking for this exercise: Top skills.") != NULL);
    CHECK(strstr(text, "Top skills..") == NULL);
    support_answer_first(w.st, w.user, 3); /* the ranking tool opens */
    struct screen_arg entry = screen_arg_entry("ranking-grid", id, NULL, 0);
    app_open(w.app, SCREEN_TOOL_ENTRY, &entry);
    send(&w, CMD_NONE, NULL);
    CHECK(strstr(text_of(&w, text, sizeof text), "Not ranked yet: 1 answer given") != NULL);
    teardown(&w);
}

/* The focus the top screen asked for (app_focus, app_focus_field): "CMD arg", or "" for none. */
static const char *focus_asked(struct world *w, char *buf, size_t size)
{
    int cmd;
    const char *arg;
    buf[0] = '\0';
    if (w->host.focus_request(w->host.ctx, &cmd, &arg))
        snprintf(buf, size, "%d %s", cmd, arg);
    return buf;
}

/* Importing a claimed workbook's export on screen: the file is found encrypted, its password
 * is asked for (and takes the focus), a wrong one is refused, the right one shows the preview,
 * and merging brings the answers in. */
static void test_encrypted_import_on_screen(void)
{
    char home[512], path[600], code[KEYWRAP_RECOVERY_LEN], want[64], got[64];
    snprintf(home, sizeof home, "%s/import-home", support_tmpdir());
    CHECK(mkdir(home, 0700) == 0);
    setenv("HOME", home, 1);
    struct world from;
    setup(&from);
    store_accounts_set_limits(from.st, keywrap_test_limits());
    support_answer_first(from.st, from.user, 1);
    CHECK_INT(store_accounts_claim(from.st, from.user, "me@example.org", "a long password", code),
              DT_OK);
    app_open(from.app, SCREEN_TRANSFER, NULL);
    send(&from, CMD_NONE, NULL);
    CHECK_INT(send(&from, CMD_CHOOSE, "1.0"), TUI_CONTINUE); /* export the DreamTree file */
    teardown(&from);

    struct world w;
    setup(&w);
    app_open(w.app, SCREEN_TRANSFER, NULL);
    send(&w, CMD_NONE, NULL);
    snprintf(path, sizeof path, "%s/dreamtree-export.json", home);
    type_in(&w, "path", path);
    send(&w, CMD_CHOOSE, "2.0");
    CHECK(strstr(w.said, "this file is encrypted") != NULL);
    snprintf(want, sizeof want, "%d password", CMD_FIELD_CHANGED);
    CHECK_STR(focus_asked(&w, got, sizeof got), want);
    char text[8192];
    CHECK(strstr(text_of(&w, text, sizeof text), "The file's password") != NULL);
    type_in(&w, "password", "not the password");
    send(&w, CMD_CHOOSE, "2.0");
    CHECK_STR(w.said, "that password does not open this file.");
    CHECK_STR(focus_asked(&w, got, sizeof got), want);
    type_in(&w, "password", "a long password");
    send(&w, CMD_CHOOSE, "2.0");
    CHECK(strstr(text_of(&w, text, sizeof text), "Merge it into my workbook") != NULL);
    send(&w, CMD_CHOOSE, "3.0");
    CHECK(strstr(w.said, "Imported.") != NULL);
    struct response r;
    CHECK_INT(store_responses_get(w.st, w.user, "1.1.1.v1", &r), DT_OK);
    store_responses_clear(&r);
    teardown(&w);
}

/* An exercise shows its sources at its foot in the spec's wording; an inspiration is left to
 * the credits page. */
static void test_sources_at_the_foot(void)
{
    struct world w;
    setup(&w);
    char text[8192];
    struct screen_arg ex = screen_arg_exercise("1.1.1.v1");
    app_open(w.app, SCREEN_EXERCISE, &ex);
    send(&w, CMD_NONE, NULL);
    text_of(&w, text, sizeof text);
    CHECK(strstr(text, "Sources") != NULL);
    CHECK(strstr(text, "Adapted from Burnett & Evans, Designing Your Life") != NULL);
    support_answer_first(w.st, w.user, 1);
    ex = screen_arg_exercise("1.1.2.v1"); /* its one source is an inspiration */
    app_replace(w.app, SCREEN_EXERCISE, &ex);
    send(&w, CMD_NONE, NULL);
    text_of(&w, text, sizeof text);
    CHECK(strstr(text, "Exercise 1.1.2") != NULL);
    CHECK(strstr(text, "Sources") == NULL);
    CHECK(strstr(text, "Csikszentmihalyi") == NULL);
    teardown(&w);
}

/* On a shared server the export screen writes no file: it says how to take a copy, and puts the
 * Markdown book of what the person wrote on the screen to copy. */
static void test_shared_book_on_screen(void)
{
    struct world w;
    setup(&w);
    app_set_shared(w.app, "SHA256:test", 0);
    support_answer_first(w.st, w.user, 1);
    app_open(w.app, SCREEN_TRANSFER, NULL);
    send(&w, CMD_NONE, NULL);
    char text[16384];
    text_of(&w, text, sizeof text);
    CHECK(strstr(text, "ssh THIS-SERVER export") != NULL);
    CHECK(strstr(text, "The file to import") == NULL);
    CHECK_INT(send(&w, CMD_CHOOSE, "4.0"), TUI_CONTINUE);
    text_of(&w, text, sizeof text);
    CHECK(strstr(text, "# My DreamTree workbook") != NULL);
    CHECK(strstr(text, "Exercise 1.1.1") != NULL);
    CHECK_INT(send(&w, CMD_CHOOSE, "1.0"), TUI_CONTINUE); /* export: not here */
    teardown(&w);
}

/* After a reassessment the profile shows the change per competency. */
static void test_profile_shows_change(void)
{
    struct world w;
    setup(&w);
    CHECK_INT(store_competencies_save_score(w.st, w.user, "analytical-thinking", 2), DT_OK);
    store_set_now(w.st, support_now + 400 * 86400);
    CHECK_INT(store_competencies_save_score(w.st, w.user, "analytical-thinking", 4), DT_OK);
    app_open(w.app, SCREEN_PROFILE, NULL);
    send(&w, CMD_NONE, NULL);
    char text[8192];
    text_of(&w, text, sizeof text);
    CHECK(strstr(text, "Analytical Thinking: 2 in Nov 2026, 4 in Dec 2027 (up).") != NULL);
    teardown(&w);
}

/* The action of the k-th card that opens something on the top screen (a search result), or
 * NULL. */
static const struct doc_action *card_action(struct world *w, size_t k)
{
    const struct doc *d = build(w);
    for (size_t i = 0; i < d->n; i++)
        if (d->blocks[i].kind == DOC_CARD && d->blocks[i].u.card.has_action && k-- == 0)
            return &d->blocks[i].u.card.action;
    return NULL;
}

/* That action's arg, or "". */
static const char *card_arg(struct world *w, size_t k, char *buf, size_t size)
{
    const struct doc_action *a = card_action(w, k);
    snprintf(buf, size, "%s", a && a->arg ? a->arg : "");
    return buf;
}

/* That action's label, or "". */
static const char *card_label(struct world *w, size_t k, char *buf, size_t size)
{
    const struct doc_action *a = card_action(w, k);
    snprintf(buf, size, "%s", a && a->label ? a->label : "");
    return buf;
}

/* Two places in one exercise are told apart by their words in a list of choices. */
static void test_search_places_read_apart(void)
{
    struct world w;
    setup(&w);
    CHECK_INT(store_responses_save(w.st, w.user, "1.1.1.v1", "{\"jobs\":[\"Baker\"]}", NULL),
              DT_OK);
    CHECK_INT(store_drafts_save(w.st, w.user, "1.1.1.v1",
                                "{\"jobs\":[\"Baker\"],\"note\":\"A long note about the bakery "
                                "where I learned to run the till and the books\"}"),
              DT_OK);
    CHECK_INT(send(&w, CMD_SEARCH, "bake"), TUI_CONTINUE);
    char a[256], b[256], c[256];
    card_label(&w, 0, a, sizeof a);
    card_label(&w, 1, b, sizeof b);
    card_label(&w, 2, c, sizeof c);
    /* saved at the same time (the clock is pinned): the answer, then the draft's two fields */
    CHECK_STR(a, "Open: Answer, 1.1.1 Every job: Baker");
    CHECK_STR(b, "Open: Draft, 1.1.1 Every job: Baker");
    CHECK_STR(c, "Open: Draft, 1.1.1 Every job: A long note about the bakery where I\xE2\x80\xA6");
    teardown(&w);
}

/* Search: /words opens the search screen on them; a result opens where the words are and asks
 * the renderer, once, to find them there; a result whose screen cannot open asks nothing. */
static void test_search_opens_on_the_words(void)
{
    struct world w;
    setup(&w);
    const char *words;
    CHECK_INT(store_responses_save(w.st, w.user, "1.1.1.v1", "{\"jobs\":[\"Baker\"]}", NULL),
              DT_OK);
    char entry[STORE_ID_LEN];
    CHECK_INT(store_tools_create(w.st, w.user, "list-builder", "1.1.1.v1",
                                 "{\"items\":[\"Bakery stall\"]}", entry),
              DT_OK);
    CHECK_INT(send(&w, CMD_SEARCH, "BAKER"), TUI_CONTINUE);
    CHECK_INT(depth(&w), 2);
    CHECK_STR(title(&w), "Search your writing");
    CHECK(!w.host.find_request(w.host.ctx, &words)); /* nothing to find on the results */
    char text[2048], arg[64];
    CHECK(strstr(text_of(&w, text, sizeof text), "2 places hold \"BAKER\"") != NULL);
    /* written at the same time (the clock is pinned): the answer first, then the entry */
    CHECK_INT(send(&w, CMD_CHOOSE, card_arg(&w, 0, arg, sizeof arg)), TUI_CONTINUE);
    CHECK_INT(depth(&w), 3);
    CHECK_STR(title(&w), "Exercise 1.1.1: Every job");
    CHECK(w.host.find_request(w.host.ctx, &words));
    CHECK_STR(words, "BAKER");
    CHECK(!w.host.find_request(w.host.ctx, &words)); /* once */
    /* back: the results again, for the same words */
    CHECK_INT(send(&w, CMD_BACK, NULL), TUI_CONTINUE);
    CHECK_STR(title(&w), "Search your writing");
    CHECK(strstr(text_of(&w, text, sizeof text), "2 places hold \"BAKER\"") != NULL);
    /* the entry opens on its screen, the words to find with it */
    CHECK_INT(send(&w, CMD_CHOOSE, card_arg(&w, 1, arg, sizeof arg)), TUI_CONTINUE);
    CHECK_STR(title(&w), "List: Untitled");
    CHECK(w.host.find_request(w.host.ctx, &words) && strcmp(words, "BAKER") == 0);
    CHECK_INT(send(&w, CMD_BACK, NULL), TUI_CONTINUE);
    /* the entry is gone before it is chosen: said, no screen, no find */
    CHECK_INT(store_tools_delete(w.st, w.user, entry), DT_OK);
    CHECK_INT(send(&w, CMD_CHOOSE, card_arg(&w, 1, arg, sizeof arg)), TUI_CONTINUE);
    CHECK_INT(depth(&w), 2);
    CHECK(strstr(w.said, "not there any more") != NULL);
    CHECK(!w.host.find_request(w.host.ctx, &words));
    /* typed in the box: found as it is typed; words found nowhere say so */
    CHECK_INT(type_in(&w, "words", "zzz"), TUI_CONTINUE);
    CHECK(strstr(text_of(&w, text, sizeof text), "Nothing you wrote holds \"zzz\"") != NULL);
    /* too many words for a search: said, nothing opened */
    char longer[300];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    CHECK_INT(send(&w, CMD_BACK, NULL), TUI_CONTINUE);
    CHECK_INT(send(&w, CMD_SEARCH, longer), TUI_CONTINUE);
    CHECK_INT(depth(&w), 1);
    CHECK(strstr(w.said, "too long") != NULL);
    /* locking wipes the words the app kept for the renderer */
    char code[KEYWRAP_RECOVERY_LEN];
    store_accounts_set_limits(w.st, keywrap_test_limits());
    CHECK_INT(store_accounts_claim(w.st, w.user, "me@example.org", "a long password", code), DT_OK);
    app_account_changed(w.app, NULL); /* as the account screen tells it */
    CHECK_INT(send(&w, CMD_SEARCH, "BAKER"), TUI_CONTINUE);
    CHECK_INT(send(&w, CMD_CHOOSE, card_arg(&w, 0, arg, sizeof arg)), TUI_CONTINUE);
    CHECK(w.host.find_request(w.host.ctx, &words) && strcmp(words, "BAKER") == 0);
    CHECK_INT(send(&w, CMD_LOCK, NULL), TUI_CONTINUE);
    CHECK_STR(words, ""); /* the app's own copy, handed out above */
    teardown(&w);
}

/* A person in a variant group sees that group's version of an exercise and answers it (not an
 * empty page that submits {}); a group the exercise does not vary sees the control. */
static void test_variant_on_screen(void)
{
    struct world w;
    setup(&w);
    struct seed_diags d = {0};
    CHECK_INT(seed_run(w.st, support_variant_content(), &d, NULL), DT_OK);
    seed_diags_free(&d);
    CHECK_INT(store_preferences_set_variant(w.st, w.user, "variant_a"), DT_OK);
    char text[8192];
    struct screen_arg ex = screen_arg_exercise("1.1.1.v1");
    app_open(w.app, SCREEN_EXERCISE, &ex);
    send(&w, CMD_NONE, NULL);
    text_of(&w, text, sizeof text);
    CHECK(strstr(text, "Variant A: think of every place you have worked.") != NULL);
    CHECK(strstr(text, "Variant A: which jobs, projects and courses?") != NULL);
    CHECK(strstr(text, "What have you done?") == NULL);
    CHECK(strstr(text, "Fixture overview of part one") == NULL);
    /* nothing typed yet: the required list stops the submit */
    CHECK_INT(send(&w, CMD_SUBMIT, NULL), TUI_REJECTED);
    struct tui_event ev = {.cmd = CMD_FIELD_CHANGED, .field_id = "jobs", .value = "[\"Baker\"]"};
    w.host.event(w.host.ctx, &ev);
    CHECK_INT(send(&w, CMD_SUBMIT, NULL), TUI_CONTINUE);
    struct response r;
    CHECK_INT(store_responses_get(w.st, w.user, "1.1.1.v1", &r), DT_OK);
    CHECK_STR(r.response_json, "{\"jobs\":[\"Baker\"]}");
    store_responses_clear(&r);

    /* a group without a version of 1.1.1 reads the control */
    CHECK_INT(store_preferences_set_variant(w.st, w.user, "variant_b"), DT_OK);
    app_replace(w.app, SCREEN_EXERCISE, &ex);
    send(&w, CMD_NONE, NULL);
    text_of(&w, text, sizeof text);
    CHECK(strstr(text, "What have you done?") != NULL);
    CHECK(strstr(text, "Variant A") == NULL);
    teardown(&w);
    support_content_remove();
}

/* Whether the Daily Dos hold the flow log's reminder for the world's user. */
static bool flow_due(struct world *w)
{
    struct dailydo *dos = NULL;
    size_t n = 0;
    bool due = false;
    CHECK_INT(store_dailydos_list(w->st, w->user, &dos, &n), DT_OK);
    for (size_t i = 0; i < n; i++)
        due |= dos[i].kind == DAILYDO_REMINDER && strcmp(dos[i].id, TOOL_FLOW_TRACKER) == 0;
    free(dos);
    return due;
}

/* Sends a field's new value (JSON) as a renderer does. */
static void answer(struct world *w, const char *id, const char *json)
{
    struct tui_event ev = {.cmd = CMD_FIELD_CHANGED, .field_id = id, .value = json};
    w->host.event(w->host.ctx, &ev);
    int is_error = 0;
    const char *m = w->host.message(w->host.ctx, &is_error);
    snprintf(w->said, sizeof w->said, "%s", m ? m : "");
}

/* Answers the workbook up to the flow log's exercise, so the flow log is open. */
static void open_flow_log(struct world *w)
{
    struct exercise_ref ref;
    CHECK_INT(store_progress_exercise(w->st, "2.1.1.v1", &ref), DT_OK);
    support_answer_first(w->st, w->user, ref.sequence_order);
}

/* A flow log entry with only a date is kept, as a draft: the tool's list says what it lacks,
 * and it does not clear the daily reminder until every required answer is given. */
static void test_draft_entry_is_not_done(void)
{
    struct world w;
    setup(&w);
    open_flow_log(&w);
    CHECK(flow_due(&w));

    struct screen_arg entry = screen_arg_entry(TOOL_FLOW_TRACKER, NULL, NULL, 0);
    app_open(w.app, SCREEN_TOOL_ENTRY, &entry);
    send(&w, CMD_NONE, NULL);
    send(&w, CMD_SUBMIT, NULL); /* Done with nothing typed: said, and nothing made */
    CHECK_STR(w.said, "Nothing was typed, so nothing was saved.");
    struct tool_instance *list = NULL;
    size_t n = 0;
    CHECK_INT(store_tools_list(w.st, w.user, TOOL_FLOW_TRACKER, &list, &n), DT_OK);
    CHECK_INT(n, 0);
    store_tools_list_free(&list, n);

    app_open(w.app, SCREEN_TOOL_ENTRY, &entry);
    send(&w, CMD_NONE, NULL);
    answer(&w, FLOW_DATE, "\"2026-11-25\"");
    CHECK_INT(store_tools_list(w.st, w.user, TOOL_FLOW_TRACKER, &list, &n), DT_OK);
    CHECK_INT(n, 1); /* kept: nothing typed is lost */
    CHECK(n == 1 && list[0].draft);
    store_tools_list_free(&list, n);
    CHECK(flow_due(&w));
    /* Done on a draft: what it lacks is said and takes the focus */
    char want[64], got[64];
    send(&w, CMD_SUBMIT, NULL);
    CHECK(strstr(w.said, "still needs an answer (the rest is saved)") != NULL);
    snprintf(want, sizeof want, "%d %s", CMD_FIELD_CHANGED, FLOW_ACTIVITY);
    CHECK_STR(focus_asked(&w, got, sizeof got), want);

    /* the list shows it as a draft, naming what it lacks */
    char text[8192];
    struct screen_arg tool = screen_arg_tool(TOOL_FLOW_TRACKER, 0);
    app_open(w.app, SCREEN_TOOL, &tool);
    send(&w, CMD_NONE, NULL);
    text_of(&w, text, sizeof text);
    CHECK(strstr(text, "draft: needs \"What were you doing?\", \"How did it leave your"
                       " energy?\" and \"How absorbed were you?\"") != NULL);
    CHECK(strstr(text, "Due:") != NULL);
    send(&w, CMD_BACK, NULL);

    answer(&w, FLOW_ACTIVITY, "\"Baking\"");
    answer(&w, FLOW_ENERGY, "1");
    CHECK(flow_due(&w)); /* still short of focus */
    answer(&w, FLOW_FOCUS, "4");
    CHECK(!flow_due(&w));
    CHECK_INT(store_tools_list(w.st, w.user, TOOL_FLOW_TRACKER, &list, &n), DT_OK);
    CHECK(n == 1 && !list[0].draft);
    store_tools_list_free(&list, n);
    app_open(w.app, SCREEN_TOOL, &tool);
    send(&w, CMD_NONE, NULL);
    text_of(&w, text, sizeof text);
    CHECK(strstr(text, "draft:") == NULL);
    CHECK(strstr(text, "Done: you made an entry today") != NULL);

    /* taking an answer away makes it a draft again */
    send(&w, CMD_BACK, NULL);
    answer(&w, FLOW_ACTIVITY, "\"\"");
    CHECK(flow_due(&w));
    teardown(&w);
}

/* A date refused says which part is wrong: its form, its month, or a day the month lacks. */
static void test_date_messages(void)
{
    struct world w;
    setup(&w);
    open_flow_log(&w);
    struct screen_arg entry = screen_arg_entry(TOOL_FLOW_TRACKER, NULL, NULL, 0);
    app_open(w.app, SCREEN_TOOL_ENTRY, &entry);
    send(&w, CMD_NONE, NULL);
    answer(&w, FLOW_DATE, "\"25/11/2026\"");
    CHECK_STR(w.said, "write the date as year-month-day, like 2026-11-25.");
    answer(&w, FLOW_DATE, "\"2026-13-01\"");
    CHECK_STR(w.said, "the month is the middle number, from 01 to 12 (year-month-day).");
    answer(&w, FLOW_DATE, "\"2026-02-30\"");
    CHECK_STR(w.said, "that month has no such day.");
    answer(&w, FLOW_DATE, "\"2024-02-29\""); /* a leap year's */
    CHECK_STR(w.said, "");
    /* a log is of what was done: not after today (the clock's 2026-11-25), a day's grace */
    answer(&w, FLOW_DATE, "\"2026-11-27\"");
    CHECK_STR(w.said, "that day is still to come: this is a log of what you did.");
    answer(&w, FLOW_DATE, "\"2026-11-26\"");
    CHECK_STR(w.said, "");
    teardown(&w);
}

/* Content bumped to version 2 over a version-1 answer: the exercise says so in its own words,
 * keeps what was written where the question is the same, and answering records version 2. */
static void test_version_bump(void)
{
    struct world w;
    setup(&w);
    CHECK_INT(store_responses_save(w.st, w.user, "1.1.1.v1", "{\"jobs\":[\"Baker\"]}", NULL),
              DT_OK);
    struct seed_diags d = {0};
    CHECK_INT(seed_run(w.st, support_bumped_content(), &d, NULL), DT_OK);
    seed_diags_free(&d);
    char text[8192];
    struct screen_arg ex = screen_arg_exercise("1.1.1.v2");
    app_open(w.app, SCREEN_EXERCISE, &ex);
    send(&w, CMD_NONE, NULL);
    text_of(&w, text, sizeof text);
    CHECK(strstr(text, "This exercise changed since you answered it; your answer is from version"
                       " 1, the exercise is now version 2.") != NULL);
    /* the earlier answer is there to submit again as it is */
    CHECK_INT(send(&w, CMD_SUBMIT, NULL), TUI_CONTINUE);
    struct response r;
    CHECK_INT(store_responses_get(w.st, w.user, "1.1.1.v2", &r), DT_OK);
    CHECK_STR(r.response_json, "{\"jobs\":[\"Baker\"]}");
    CHECK_INT(r.version, 2);
    store_responses_clear(&r);
    text_of(&w, text, sizeof text);
    CHECK(strstr(text, "This exercise changed") == NULL);
    app_replace(w.app, SCREEN_EXERCISE, &ex);
    send(&w, CMD_NONE, NULL);
    text_of(&w, text, sizeof text);
    CHECK(strstr(text, "This exercise changed") == NULL);
    teardown(&w);
    support_content_remove();
}

/* The competency assessment says so too when it changed since it was answered, under its
 * own exercise number. */
static void test_assessment_version_bump(void)
{
    struct world w;
    setup(&w);
    struct seed_diags d = {0};
    CHECK_INT(seed_run(w.st, support_assessment_content(1), &d, NULL), DT_OK);
    seed_diags_free(&d);
    support_answer_first(w.st, w.user, 1000); /* every exercise, 2.2.5 at version 1 too */
    CHECK_INT(seed_run(w.st, support_assessment_content(2), &d, NULL), DT_OK);
    seed_diags_free(&d);
    char text[16384];
    struct screen_arg ex = screen_arg_exercise("2.2.5.v2");
    app_open(w.app, SCREEN_EXERCISE, &ex);
    send(&w, CMD_NONE, NULL);
    text_of(&w, text, sizeof text);
    CHECK(strstr(text, "Exercise 2.2.5: Your levels") != NULL);
    CHECK(strstr(text, "Analytical Thinking") != NULL); /* the assessment's own screen */
    CHECK(strstr(text, "This exercise changed since you answered it; your answer is from version"
                       " 1, the exercise is now version 2.") != NULL);
    teardown(&w);
    support_content_remove();
}

/* An exercise's tool prompt is not answered by a draft entry: submit asks to finish it, and
 * takes the entry once it is complete. */
static void test_draft_entry_does_not_answer_an_exercise(void)
{
    struct world w;
    setup(&w);
    support_answer_first(w.st, w.user, 2); /* 1.1.3 asks for a ranking and a slider */
    char id[STORE_ID_LEN];
    CHECK_INT(store_tools_create_entry(w.st, w.user, TOOL_RANKING_GRID, "1.1.3.v1",
                                       "{\"items\":[\"a\",\"b\"]}", true, id),
              DT_OK);
    struct screen_arg ex = screen_arg_exercise("1.1.3.v1");
    app_open(w.app, SCREEN_EXERCISE, &ex);
    send(&w, CMD_NONE, NULL);
    char text[8192];
    text_of(&w, text, sizeof text);
    CHECK(strstr(text, "Untitled (draft)") != NULL);
    answer(&w, "energy", "5");
    CHECK_INT(send(&w, CMD_SUBMIT, NULL), TUI_REJECTED);
    CHECK_STR(w.said, "the Ranking made here is a draft, short of an answer it needs: open it and"
                      " finish it first.");
    struct response r;
    CHECK_INT(store_responses_get(w.st, w.user, "1.1.3.v1", &r), DT_NOT_FOUND);

    CHECK_INT(store_tools_update_entry(w.st, w.user, id,
                                       "{\"title\":\"Skills\",\"items\":[\"a\",\"b\"]}", false),
              DT_OK);
    app_replace(w.app, SCREEN_EXERCISE, &ex);
    send(&w, CMD_NONE, NULL);
    CHECK_INT(send(&w, CMD_SUBMIT, NULL), TUI_CONTINUE);
    CHECK_INT(store_responses_get(w.st, w.user, "1.1.3.v1", &r), DT_OK);
    store_responses_clear(&r);
    teardown(&w);
}

/* The Skills screen keeps its search and "only mine" when the person comes back to it from a
 * screen opened on top. */
static void test_skills_kept_on_return(void)
{
    struct world w;
    setup(&w);
    char text[4096], arg[64];
    CHECK_INT(open_screen(&w, SCREEN_SKILLS), TUI_CONTINUE);
    CHECK_STR(title(&w), "Skills");
    CHECK_INT(type_in(&w, "search", "COMMUNICATION"), TUI_CONTINUE);
    CHECK(strstr(text_of(&w, text, sizeof text), "matching \"COMMUNICATION\"") != NULL);
    /* the first of the screen's own choices is "only mine" (choice 1, index 0) */
    CHECK_INT(send(&w, CMD_CHOOSE, screen_choice_arg(1, 0, arg, sizeof arg)), TUI_CONTINUE);
    CHECK(strstr(text_of(&w, text, sizeof text), "(only yours)") != NULL);
    CHECK_INT(open_screen(&w, SCREEN_HELP), TUI_CONTINUE);
    CHECK_INT(send(&w, CMD_BACK, NULL), TUI_CONTINUE);
    CHECK_STR(title(&w), "Skills");
    text_of(&w, text, sizeof text);
    CHECK(strstr(text, "matching \"COMMUNICATION\"") != NULL);
    CHECK(strstr(text, "(only yours)") != NULL);
    teardown(&w);
}

/* Whether the top screen has an action whose label is label. */
static bool has_action(struct world *w, const char *label)
{
    const struct doc *d = build(w);
    for (size_t i = 0; i < d->n; i++)
        if (d->blocks[i].kind == DOC_ACTION && d->blocks[i].u.action.label &&
            strcmp(d->blocks[i].u.action.label, label) == 0)
            return true;
    return false;
}

/* An exercise answered with a tool (1.1.3's ranking): the entry's words suggest skills for the
 * answer as the answer's own words do. */
static void test_skill_suggestions_from_tool_entries(void)
{
    struct world w;
    setup(&w);
    support_answer_first(w.st, w.user, 2);
    char id[STORE_ID_LEN], answer[256];
    CHECK_INT(store_tools_create(
                  w.st, w.user, "ranking-grid", "1.1.3.v1",
                  "{\"title\":\"Jobs\",\"items\":[\"Budgeting for a bakery\",\"Pay\"]}", id),
              DT_OK);
    snprintf(answer, sizeof answer,
             "{\"rank\":{\"tool\":\"ranking-grid\",\"entries\":[\"%s\"]},\"energy\":5}", id);
    CHECK_INT(store_responses_save(w.st, w.user, "1.1.3.v1", answer, NULL), DT_OK);
    struct screen_arg ex = screen_arg_exercise("1.1.3.v1");
    app_open(w.app, SCREEN_SKILL_TAGS, &ex);
    send(&w, CMD_NONE, NULL);
    CHECK_STR(title(&w), "Skills this answer shows");
    CHECK(has_action(&w, "Tag Budgeting"));
    teardown(&w);
}

/* A skill tagged on two entries of one day: their ways read apart by the time each was made. */
static void test_skill_places_read_apart(void)
{
    struct world w;
    setup(&w);
    struct skill *found = NULL;
    size_t n = 0;
    CHECK_INT(store_skills_search(w.st, w.user, "Budgeting", 1, &found, &n), DT_OK);
    CHECK_INT(n, 1);
    char first[STORE_ID_LEN], second[STORE_ID_LEN], third[STORE_ID_LEN];
    store_set_now(w.st, support_now); /* 2026-11-25 12:00 */
    CHECK_INT(store_tools_create(w.st, w.user, TOOL_SOARED_STORY, "1.1.1.v1", "{}", first), DT_OK);
    store_set_now(w.st, support_now + 3600 + 5 * 60);
    CHECK_INT(store_tools_create(w.st, w.user, TOOL_SOARED_STORY, "1.1.1.v1", "{}", second), DT_OK);
    store_set_now(w.st, support_now + 86400);
    CHECK_INT(store_tools_create(w.st, w.user, TOOL_SOARED_STORY, "1.1.1.v1", "{}", third), DT_OK);
    for (size_t i = 0; n == 1 && i < 3; i++)
        CHECK_INT(store_skills_tag(w.st, w.user,
                                   i == 0   ? first
                                   : i == 1 ? second
                                            : third,
                                   found[0].id),
                  DT_OK);
    free(found);
    CHECK_INT(open_screen(&w, SCREEN_SKILLS), TUI_CONTINUE);
    CHECK_INT(type_in(&w, "search", "budget"), TUI_CONTINUE);
    CHECK(has_action(&w, "Budgeting: open your SOARED Story of 2026-11-25 at 12:00"));
    CHECK(has_action(&w, "Budgeting: open your SOARED Story of 2026-11-25 at 13:05"));
    CHECK(has_action(&w, "Budgeting: open your SOARED Story of 2026-11-26")); /* alone that day */
    teardown(&w);
}

int main(void)
{
    RUN(test_open_and_back);
    RUN(test_home_unwinds);
    RUN(test_replace);
    RUN(test_reload);
    RUN(test_depth_cap);
    RUN(test_locked);
    RUN(test_unreadable_answer);
    RUN(test_sign_in_joins);
    RUN(test_encrypted_import_on_screen);
    RUN(test_sources_at_the_foot);
    RUN(test_shared_book_on_screen);
    RUN(test_profile_shows_change);
    RUN(test_profile_skills_table);
    RUN(test_ranking_words);
    RUN(test_search_opens_on_the_words);
    RUN(test_skills_kept_on_return);
    RUN(test_variant_on_screen);
    RUN(test_draft_entry_is_not_done);
    RUN(test_date_messages);
    RUN(test_version_bump);
    RUN(test_assessment_version_bump);
    RUN(test_search_places_read_apart);
    RUN(test_skill_places_read_apart);
    RUN(test_skill_suggestions_from_tool_entries);
    RUN(test_draft_entry_does_not_answer_an_exercise);
    return check_done();
}
