/* The curses renderer in its test mode against small fake hosts: every kind of field sends the
 * plain renderer's events, bracketed paste keeps what an answer may hold, hints fit, wide and
 * joined characters take the columns ncurses gives them, tables keep whole words. Goldens and
 * checks as in test_curses.c. */
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

#define ZWJ "\xE2\x80\x8D"
#define MAN "\xF0\x9F\x91\xA8"
#define WOMAN "\xF0\x9F\x91\xA9"
#define GIRL "\xF0\x9F\x91\xA7"
#define LAPTOP "\xF0\x9F\x92\xBB"
#define FAMILY_ZWJ MAN ZWJ WOMAN ZWJ GIRL
#define FAMILY_APART MAN WOMAN GIRL
#define TECH_ZWJ WOMAN ZWJ LAPTOP
#define TECH_APART WOMAN LAPTOP

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
     * a newline, then a backspace that takes the accent with its letter), a number, the slider
     * (unset, so its first step is the middle, 5), two landscapes, one place, the third ranked
     * item moved to the top, then the action */
    const char *keys = "Caf"
                       "e\xCC\x81"
                       "<BS>é 日本<Enter>ok<Tab>"
                       "42<Tab>"
                       "<Left><Left><Left><Left><Tab>"
                       "<Space><Down><Down><Space><Tab>"
                       "<Down><Enter><Tab>"
                       "<Up><S-Up><S-Up><Dump><Tab><Enter>";
    char *out = run(&host, NULL, 80, 24, keys);
    golden("fields", out);
    const char *want = "story=\"Café 日本\\nok\"; age=42; energy=5; energy=4; energy=3; "
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
            snprintf(what, sizeof what, "%d columns, field kind %zu: \"Choose\" once in \"%s\"",
                     widths[w], k, hints);
            const char *choose = strstr(hints, " Choose");
            check_at(__FILE__, __LINE__, !choose || !strstr(choose + 1, " Choose"), what);
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
/* Escape sequences ncurses did not name: the common Home and End forms, and anything else a
 * key that does nothing, never Esc. */
static void test_escape_sequences(void)
{
    CHECK_INT(tui_keys_escape_sequence("[1~", 3), KEY_HOME);
    CHECK_INT(tui_keys_escape_sequence("[8~", 3), KEY_END);
    CHECK_INT(tui_keys_escape_sequence("OF", 2), KEY_END);
    CHECK_INT(tui_keys_escape_sequence("[6~", 3), KEY_NPAGE);
    CHECK_INT(tui_keys_escape_sequence("[1;5H", 5), TUI_KEY_UNKNOWN);
    CHECK_INT(tui_keys_escape_sequence("[1", 2), TUI_KEY_UNKNOWN);
}

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

/* A host of one page (build_page) whose events are say_now_event's. */
static struct tui_host say_now_host_for(struct say_now_host *h,
                                        void (*build_page)(void *, struct doc *))
{
    return (struct tui_host){.ctx = h,
                             .build = build_page,
                             .event = say_now_event,
                             .generation = say_now_generation,
                             .message = fake_message};
}

static void test_say_now(void)
{
    struct say_now_host h = {0};
    h.not_running = !tui_fullscreen_say_now("nobody sees this");
    struct tui_host host = say_now_host_for(&h, say_now_build);
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
    struct tui_host host = say_now_host_for(&h, table_build);
    char *out = run(&host, NULL, 40, 12, "");
    check_has("table: a word that fits is whole", out, "Transferable", true);
    check_has("table: the long name wraps at its space", out, "communication", true);
    check_has("table: a hyphen keeps its word", out, "Self-", true);
    check_has("table: no word cut in two", out, "Transferabl ", false);
    check_has("table: nor the name", out, "Written co ", false);
    free(out);
}

/* A page whose first item is below the screen starts with nothing focused (reading starts at
 * the top); paging down to an item gives it the focus, so Enter then does what the marker says. */
static void long_build(void *ctx, struct doc *d)
{
    (void)ctx;
    doc_heading(d, 1, "Waiting");
    for (int i = 0; i < 14; i++)
        doc_para(d, DOC_ROLE_TEXT, doc_printf(d, "Line %d of what comes first.", i + 1));
    doc_action(d, CMD_OPEN, "x", "Sign in");
}

static void test_page_down_focuses(void)
{
    struct say_now_host h = {0};
    struct tui_host host = say_now_host_for(&h, long_build);
    char *out = run(&host, NULL, 80, 24, "<Dump><PgDn><Dump><Enter>");
    CHECK_INT(cursor_row(nth_dump(out, 0)), 0);
    check_cursor_on("page down: the action in view takes the focus", nth_dump(out, 1),
                    "[ Sign in ]");
    CHECK_INT(h.said, 1); /* Enter acted on it */
    free(out);
}

/* A slider's stop too long for the rest of its row is said under it whole, not cut. */
static void long_stop_build(void *ctx, struct doc *d)
{
    (void)ctx;
    doc_heading(d, 1, "Pace");
    struct doc_field *x = doc_field(d, DOC_FIELD_SLIDER, "pace", "Your week's pace?");
    x->has_min = x->has_max = true;
    x->min = 1, x->max = 5;
    struct doc_stop stops[] = {{1, "Calm"},
                               {3, "A mix of calm spells and rushes, the week turning on the"
                                   " day's demands"},
                               {5, "Rushed"}};
    doc_field_stops(d, x, 3, stops);
    x->has_number = true, x->number = 3;
}

static void test_long_slider_stop(void)
{
    struct say_now_host h = {0};
    struct tui_host host = say_now_host_for(&h, long_stop_build);
    char *out = run(&host, NULL, 60, 24, "");
    check_has("slider: a long stop whole", out, "day's demands", true);
    check_has("slider: nothing cut", out, "\xE2\x80\xA6", false);
    free(out);
}

int main(void)
{
    setenv("TERM", "xterm-256color", 1);
    unsetenv("COLORTERM");
    unsetenv("NO_COLOR");
    RUN(test_fields);
    RUN(test_grid_narrow);
    RUN(test_bad_script);
    RUN(test_paste);
    RUN(test_utf8_keys);
    RUN(test_escape_sequences);
    RUN(test_hints_keep_help_and_quit);
    RUN(test_hints_40);
    RUN(test_wide);
    RUN(test_widths_as_drawn);
    RUN(test_family);
    RUN(test_say_now);
    RUN(test_table_keeps_words);
    RUN(test_page_down_focuses);
    RUN(test_long_slider_stop);
    return check_done();
}
