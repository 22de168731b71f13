/* The curses renderer's editing pieces without a screen: the text buffer (grapheme moves and
 * deletions over CJK, combining marks and emoji; soft rows; Up and Down by column) and the
 * field editors (what each key does, and the JSON each field sends). Table-driven. */
#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "editor.h"
#include "fields.h"

#define E_ACUTE "e\xCC\x81" /* e + U+0301 */
#define ZWJ "\xE2\x80\x8D"
#define FAMILY "\xF0\x9F\x91\xA8" ZWJ "\xF0\x9F\x91\xA9" ZWJ "\xF0\x9F\x91\xA7" /* one cluster */
#define FLAG_FR "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7"

/* ---- the buffer ---- */

/* A script of editor operations: letters stand for moves, the rest is typed.
 * < left, > right, ^ home, $ end, B backspace, D delete. */
struct edit_case {
    const char *start; /* the buffer before; the cursor at its end */
    const char *ops;   /* one op per byte, applied in order */
    const char *want;  /* the buffer after */
    size_t want_cur;   /* the cursor after */
    const char *label;
};

static const struct edit_case edit_cases[] = {
    {"abc", "<B", "ac", 1, "backspace in the middle"},
    {"abc", "^D", "bc", 0, "delete at the start"},
    {"a" E_ACUTE "b", "<B", "ab", 1, "backspace takes a letter with its accent"},
    {"a" E_ACUTE "b", "<<", "a" E_ACUTE "b", 1, "left steps over the accented letter whole"},
    {"日本語", "<B", "日語", 3, "CJK: one character per step"},
    {"x" FAMILY "y", "<B", "xy", 1, "an emoji family is one cluster"},
    {FLAG_FR FLAG_FR, "<D", FLAG_FR, 8, "flags pair their regional indicators"},
    {"ab", "^^<<D", "b", 0, "moves stop at the edges"},
    {"ab", "$>>B", "a", 1, "right at the end stays"},
};

static void apply_ops(struct tui_editor *e, const char *ops)
{
    for (const char *o = ops; *o; o++)
        switch (*o) {
        case '<': tui_editor_left(e); break;
        case '>': tui_editor_right(e); break;
        case '^': tui_editor_home(e); break;
        case '$': tui_editor_end(e); break;
        case 'B': tui_editor_backspace(e); break;
        case 'D': tui_editor_delete(e); break;
        }
}

static void test_edits(void)
{
    for (size_t i = 0; i < sizeof edit_cases / sizeof *edit_cases; i++) {
        const struct edit_case *c = &edit_cases[i];
        struct tui_editor e;
        tui_editor_init(&e, false);
        tui_editor_set(&e, c->start);
        apply_ops(&e, c->ops);
        check_str_at(__FILE__, __LINE__, e.buf, c->want, c->label);
        check_int_at(__FILE__, __LINE__, (long long)e.cur, (long long)c->want_cur, c->label);
        tui_editor_free(&e);
    }
}

static void test_insert(void)
{
    struct tui_editor e;
    tui_editor_init(&e, false);
    CHECK_INT(tui_editor_insert(&e, "a", 1, 0), 1);
    CHECK_INT(tui_editor_insert(&e, "\x1b", 1, 0), 0);         /* ESC is refused */
    CHECK_INT(tui_editor_insert(&e, "\xE2\x80\xAE", 3, 0), 0); /* U+202E, a bidi override */
    CHECK_INT(tui_editor_insert(&e, "\xC2\x9B", 2, 0), 0);     /* U+009B, CSI */
    CHECK_INT(tui_editor_insert(&e, "\n", 1, 0), 0);           /* one line only */
    CHECK_INT(tui_editor_insert(&e, "\xFF", 1, 0), 0);         /* invalid UTF-8 */
    CHECK_INT(tui_editor_insert(&e, "語", 3, 0), 1);
    CHECK_INT(tui_editor_insert(&e, "b", 1, 2), 0); /* past max_len characters */
    CHECK_INT(tui_editor_insert(&e, "b", 1, 4), 1); /* 語 is one character */
    tui_editor_left(&e);
    tui_editor_delete(&e);
    CHECK_STR(e.buf, "a語");
    tui_editor_home(&e);
    CHECK_INT(tui_editor_insert(&e, "x", 1, 0), 1);
    CHECK_STR(e.buf, "xa語");
    CHECK_INT(e.cur, 1);
    /* what comes in from a store keeps only what an answer may hold: the ESC is left out,
     * never made "^[", which would then be stored as text */
    CHECK_INT(tui_editor_set(&e, "bad \x1b[2J here\nand\xC2\x9B"), 0);
    CHECK_STR(e.buf, "bad [2J here and");
    tui_editor_free(&e);
    tui_editor_init(&e, true);
    CHECK_INT(tui_editor_insert(&e, "\n", 1, 0), 1);
    CHECK_INT(tui_editor_set(&e, "one\ntwo"), 0);
    CHECK_STR(e.buf, "one\ntwo");
    tui_editor_free(&e);
}

/* Soft rows: "start-end" per row. */
static void rows_text(const struct tui_editor *e, int width, char *out, size_t size)
{
    struct tui_editor_rows r;
    out[0] = '\0';
    if (tui_editor_wrap(e, width, &r) != 0)
        return;
    size_t used = 0;
    for (size_t i = 0; i < r.n; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%zu-%zu", i ? " " : "",
                                 r.rows[i].start, r.rows[i].end);
    tui_editor_rows_free(&r);
}

static void test_rows(void)
{
    static const struct {
        const char *text;
        int width;
        const char *want;
        const char *label;
    } cases[] = {
        {"", 10, "0-0", "empty: one row"},
        {"hello world", 20, "0-11", "fits"},
        {"hello world", 8, "0-5 6-11", "breaks at the space, which no row shows"},
        {"one\n\ntwo", 10, "0-3 4-4 5-8", "hard lines, a blank one too"},
        {"日本語日本語", 6, "0-9 9-18", "CJK breaks between characters"},
        {"   ", 10, "0-0", "spaces only"},
        {"abcdefghij", 4, "0-4 4-8 8-10", "a long word is cut"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct tui_editor e;
        tui_editor_init(&e, true);
        tui_editor_set(&e, cases[i].text);
        char got[256];
        rows_text(&e, cases[i].width, got, sizeof got);
        check_str_at(__FILE__, __LINE__, got, cases[i].want, cases[i].label);
        tui_editor_free(&e);
    }
}

static void test_vertical(void)
{
    struct tui_editor e;
    tui_editor_init(&e, true);
    tui_editor_set(&e, "abcdef\nxy\n日本語");
    struct tui_editor_rows r;
    size_t row;
    int col;
    /* from the end (after 語, column 6) up: "xy" is short, so its end */
    CHECK(tui_editor_up(&e, 20));
    CHECK_INT(e.cur, 9);
    CHECK(tui_editor_up(&e, 20)); /* column 2 on the first line */
    CHECK_INT(e.cur, 2);
    CHECK(!tui_editor_up(&e, 20)); /* nothing above */
    tui_editor_right(&e);          /* column 3 */
    CHECK(tui_editor_down(&e, 20));
    CHECK(tui_editor_down(&e, 20)); /* column 3 is inside 本 (columns 2-3): stop before it */
    CHECK_INT(e.cur, 13);
    tui_editor_wrap(&e, 20, &r);
    tui_editor_locate(&e, &r, &row, &col);
    CHECK_INT(row, 2);
    CHECK_INT(col, 2);
    tui_editor_rows_free(&r);
    CHECK(!tui_editor_down(&e, 20));
    /* soft rows: "hello world" at 8 is "hello" / "world"; down from column 2 */
    tui_editor_set(&e, "hello world");
    tui_editor_home(&e);
    tui_editor_right(&e);
    tui_editor_right(&e);
    CHECK(tui_editor_down(&e, 8));
    CHECK_INT(e.cur, 8);
    CHECK(tui_editor_up(&e, 8));
    CHECK_INT(e.cur, 2);
    tui_editor_free(&e);
}

/* ---- the field editors ---- */

static struct tui_input ch(unsigned c)
{
    return (struct tui_input){.ch = c};
}

static struct tui_input key(int k)
{
    return (struct tui_input){.key = k};
}

static char *value(const struct tui_field_state *st)
{
    const char *why;
    char *v = tui_field_value(st, &why);
    return v ? v : strdup(why ? why : "(oom)");
}

static void test_field_values(void)
{
    struct doc *d = doc_new();
    struct tui_field_state st = {0};
    char *v;

    /* a line: typed, sent as a JSON string; Enter ends it */
    struct doc_field *f = doc_field(d, DOC_FIELD_LINE, "name", "Name?");
    f->text = "Al";
    CHECK_INT(tui_field_begin(&st, f), 0);
    CHECK(tui_field_takes_text(&st));
    CHECK_INT(tui_field_key(&st, &(struct tui_input){.ch = 0x00E9}, 20), TUI_FIELD_EDITED);
    CHECK_INT(tui_field_key(&st, &(struct tui_input){.ch = '"'}, 20), TUI_FIELD_EDITED);
    CHECK_INT(tui_field_key(&st, &(struct tui_input){.ch = '\r'}, 20), TUI_FIELD_LEAVE_DOWN);
    CHECK_INT(tui_field_key(&st, &(struct tui_input){.ch = '\t'}, 20), TUI_FIELD_IGNORED);
    CHECK_INT(tui_field_key(&st, &(struct tui_input){.ch = 27}, 20), TUI_FIELD_IGNORED);
    CHECK_STR(v = value(&st), "\"Alé\\\"\"");
    free(v);
    tui_field_end(&st);

    /* a number: every key goes in as typed; the text is read by the one rule when sent */
    f = doc_field(d, DOC_FIELD_NUMBER, "age", "Age?");
    tui_field_begin(&st, f);
    CHECK_STR(v = value(&st), "null"); /* empty: no answer (sent only once it was edited) */
    free(v);
    struct tui_input k = ch('4');
    tui_field_key(&st, &k, 20);
    k = ch('k');
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_EDITED); /* kept, not dropped */
    CHECK_STR(st.ed.buf, "4k");
    CHECK_STR(v = value(&st), "type the number in digits, like 2400, 2,400 or 2400.50.");
    free(v);
    k = key(KEY_BACKSPACE);
    tui_field_key(&st, &k, 20);
    k = ch('.');
    tui_field_key(&st, &k, 20);
    k = ch('5');
    tui_field_key(&st, &k, 20);
    CHECK_STR(v = value(&st), "4.5");
    free(v);
    tui_field_end(&st);

    /* a slider: Left and Right by its step, within its range */
    f = doc_field(d, DOC_FIELD_SLIDER, "energy", "Energy?");
    f->has_min = f->has_max = true;
    f->min = -2, f->max = 2;
    tui_field_begin(&st, f);
    CHECK(!tui_field_takes_text(&st));
    k = key(KEY_LEFT);
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_CHANGED); /* unset: the middle, not an end */
    CHECK_STR(v = value(&st), "0");
    free(v);
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_CHANGED);
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_CHANGED);
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_REFUSED); /* not below the lowest */
    k = key(KEY_END);
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_CHANGED);
    CHECK_STR(v = value(&st), "2");
    free(v);
    k = ch('q');
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_IGNORED); /* a command, not the field's */
    tui_field_end(&st);

    /* choices: Space ticks, the value is the indexes */
    const char *opts[] = {"a", "b", "c"};
    f = doc_field(d, DOC_FIELD_CHOICES, "abc", "Which?");
    doc_field_options(d, f, 3, opts);
    f->chosen = 2; /* b */
    tui_field_begin(&st, f);
    CHECK_INT(st.row, 1); /* starts on the first chosen */
    k = ch(' ');
    tui_field_key(&st, &k, 20);
    k = key(KEY_DOWN);
    tui_field_key(&st, &k, 20);
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_LEAVE_DOWN);
    k = ch(' ');
    tui_field_key(&st, &k, 20);
    CHECK_STR(v = value(&st), "[2]");
    free(v);
    tui_field_end(&st);

    /* one choice: Enter picks, the value is the index */
    f = doc_field(d, DOC_FIELD_CHOICE, "one", "Which one?");
    doc_field_options(d, f, 3, opts);
    tui_field_begin(&st, f);
    CHECK_STR(v = value(&st), "");
    free(v);
    k = key(KEY_DOWN);
    tui_field_key(&st, &k, 20);
    k = ch('\r');
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_CHANGED);
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_MOVED); /* already chosen */
    CHECK_STR(v = value(&st), "1");
    free(v);
    tui_field_end(&st);

    /* a list: Enter adds, Backspace on an empty item removes it, Ctrl+K deletes one */
    f = doc_field(d, DOC_FIELD_ORDERED, "jobs", "Jobs?");
    const char *items[] = {"baker", "nurse"};
    doc_field_items(d, f, 2, items);
    tui_field_begin(&st, f);
    CHECK_INT(st.row, 2); /* on the row that adds one */
    k = ch('c');
    tui_field_key(&st, &k, 20);
    k = ch('\r');
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_CHANGED);
    CHECK_INT(st.nitems, 3);
    CHECK_STR(v = value(&st), "[\"baker\",\"nurse\",\"c\"]");
    free(v);
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_LEAVE_DOWN); /* Enter on the empty row */
    k = key(KEY_UP);
    tui_field_key(&st, &k, 20); /* on "c" */
    k = key(KEY_BACKSPACE);
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_EDITED);  /* "c" -> "" */
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_CHANGED); /* the empty item goes */
    CHECK_INT(st.nitems, 2);
    CHECK_INT(st.row, 1);
    CHECK_STR(v = value(&st), "[\"baker\",\"nurse\"]");
    free(v);
    k = key(KEY_SR);
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_CHANGED);
    CHECK_STR(v = value(&st), "[\"nurse\",\"baker\"]");
    free(v);
    CHECK_INT(st.row, 0);
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_REFUSED); /* already first */
    k = ch(0x0b);                                             /* Ctrl+K */
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_CHANGED);
    CHECK_STR(v = value(&st), "[\"baker\"]");
    free(v);
    k = key(KEY_UP);
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_LEAVE_UP);
    tui_field_end(&st);

    /* a text area: Enter is a newline, Up and Down move between rows and then leave */
    f = doc_field(d, DOC_FIELD_TEXT, "story", "Story?");
    f->text = "one\ntwo";
    tui_field_begin(&st, f);
    k = key(KEY_UP);
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_MOVED);
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_LEAVE_UP);
    k = key(KEY_END);
    tui_field_key(&st, &k, 20);
    k = ch('\r');
    CHECK_INT(tui_field_key(&st, &k, 20), TUI_FIELD_EDITED);
    CHECK_STR(v = value(&st), "\"one\\n\\ntwo\"");
    free(v);
    tui_field_end(&st);
    doc_free(&d);
}

int main(void)
{
    RUN(test_edits);
    RUN(test_insert);
    RUN(test_rows);
    RUN(test_vertical);
    RUN(test_field_values);
    return check_done();
}
