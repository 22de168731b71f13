/* Bracketed paste without a screen: the reader of what comes between the markers (escape
 * sequences dropped, line breaks made \n, the end marker found, a huge paste capped) and a
 * paste into each kind of field (the sanitiser run, one line or several, items from lines, the
 * cut at max_len by grapheme cluster, what the status line says). Table-driven. */
#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fields.h"
#include "paste.h"
#include "text.h"

#define E_ACUTE "e\xCC\x81" /* e + U+0301: one cluster */
#define END "\x1b[201~"

/* ---- the reader ---- */

static const struct {
    const char *bytes; /* what the terminal sends after the start marker */
    const char *want;  /* the text kept */
    bool done;         /* the end marker came */
    const char *label;
} read_cases[] = {
    {"plain" END, "plain", true, "text, then the end marker"},
    {"one\rtwo\r\nthree\nfour" END, "one\ntwo\nthree\nfour", true, "CR and CR LF are newlines"},
    {"red \x1b[31mtext\x1b[0m" END, "red text", true, "a colour (CSI) is dropped"},
    {"x\x1b]52;c;aGVsbG8=\x07y" END, "xy", true, "an OSC 52 clipboard write is dropped"},
    {"x\x1b]0;title\x1b\\y" END, "xy", true, "an OSC ended by ST is dropped"},
    {"x\x1bPq#0;2;0;0;0\x1b\\y" END, "xy", true, "a DCS is dropped"},
    {"x\x1b]52;c;abc" END "after", "x", true, "an OSC left open cannot swallow the end"},
    {"a\x1b(Bb\x1b"
     "7c" END,
     "abc", true, "ESC ( B and ESC 7 are dropped"},
    {"a\x1b\x1b[200~b" END, "ab", true, "a lone ESC and a nested start marker are dropped"},
    {"a\x07\x7f"
     "b\xff" END,
     "a\x07\x7f"
     "b\xff",
     true, "controls and bad bytes are left to the sanitiser"},
    {"a\x1b[201m"
     "b\x1b[2011~c",
     "abc", false, "almost the end marker is not it"},
    {"before" END "after" END, "before", true, "nothing is read after the end marker"},
    {"tail\x1b[20", "tail", false, "input ends inside the end marker"},
};

static void test_reader(void)
{
    for (size_t i = 0; i < sizeof read_cases / sizeof *read_cases; i++) {
        struct tui_paste p;
        tui_paste_init(&p);
        const char *b = read_cases[i].bytes;
        bool done = false;
        for (size_t k = 0; b[k] && !done; k++)
            done = tui_paste_byte(&p, (unsigned char)b[k]);
        size_t n;
        const char *text = tui_paste_text(&p, &n);
        check_str_at(__FILE__, __LINE__, text, read_cases[i].want, read_cases[i].label);
        check_int_at(__FILE__, __LINE__, done, read_cases[i].done, read_cases[i].label);
        check_int_at(__FILE__, __LINE__, (long long)n, (long long)strlen(read_cases[i].want),
                     read_cases[i].label);
        tui_paste_free(&p);
    }
}

/* The same reading of escape sequences over a line of text mode: each left out whole, the text
 * around them kept, and an end marker only one more sequence. */
static void test_drop_escapes(void)
{
    static const struct {
        const char *in, *want;
        size_t sequences;
    } cases[] = {
        {"Night shift \x1b[31mred\x1b[0m", "Night shift red", 2},
        {"a\x1b]52;c;aGVsbG8=\x07"
         "b",
         "ab", 1},
        {"x\x1b[31\x1b[0my", "xy", 1}, /* a CSI cut short by another */
        {"end\x1b[201~ goes on", "end goes on", 1},
        {"lone\x1b", "lone", 1},
        {"plain", "plain", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char buf[64];
        size_t n = strlen(cases[i].in), sequences = 0;
        memcpy(buf, cases[i].in, n + 1);
        n = tui_text_drop_escapes(buf, n, &sequences);
        buf[n] = '\0';
        check_str_at(__FILE__, __LINE__, buf, cases[i].want, cases[i].in);
        check_int_at(__FILE__, __LINE__, (long long)sequences, (long long)cases[i].sequences,
                     cases[i].in);
    }
}

/* A megabyte is read to its end marker, but only TUI_PASTE_MAX bytes are kept; a cluster cut at
 * the cap goes whole. */
static void test_huge(void)
{
    struct tui_paste p;
    tui_paste_init(&p);
    size_t mb = 1024 * 1024;
    bool done = false;
    /* the last byte kept is an e whose accent (U+0301) comes just past the cap */
    for (size_t i = 0; i < mb; i++)
        done |= tui_paste_byte(&p, i == TUI_PASTE_MAX - 1   ? 'e'
                                   : i == TUI_PASTE_MAX     ? 0xCC
                                   : i == TUI_PASTE_MAX + 1 ? 0x81
                                                            : 'a');
    CHECK(!done);
    CHECK(p.cap <= TUI_PASTE_MAX + 1); /* the memory stays bounded */
    for (const char *e = END; *e; e++)
        done = tui_paste_byte(&p, (unsigned char)*e);
    CHECK(done);
    CHECK_INT(p.dropped, mb - TUI_PASTE_MAX);
    size_t n;
    tui_paste_text(&p, &n);
    CHECK_INT(n, TUI_PASTE_MAX - 1); /* the e lost its accent: it goes too */
    /* into a text area with no limit: the note says what the cap did, not "65535 pasted" */
    struct doc *d = doc_new();
    struct doc_field *f = doc_field(d, DOC_FIELD_TEXT, "f", "F?");
    struct tui_field_state st = {0};
    tui_field_begin(&st, f);
    struct tui_paste_result got;
    CHECK_INT(tui_paste_into(&st, p.text, n, &got), TUI_FIELD_CHANGED);
    CHECK_INT(st.ed.len, TUI_PASTE_MAX - 1);
    char buf[TUI_PASTE_NOTE_MAX];
    CHECK_STR(tui_paste_note(&p, TUI_FIELD_CHANGED, &got, buf, sizeof buf),
              "One paste brings at most 64 KiB: the first 65535 characters of your 1024 KiB went"
              " in, the last 960 KiB were left out.");
    tui_field_end(&st);
    doc_free(&d);
    tui_paste_free(&p);

    /* the test mode's paste ends as the end marker would */
    tui_paste_init(&p);
    tui_paste_bytes(&p, "no end", 6);
    CHECK(p.done);
    CHECK_STR(tui_paste_text(&p, &n), "no end");
    tui_paste_free(&p);
}

/* ---- into a field ---- */

static const struct {
    enum doc_field_kind kind;
    size_t max_len;
    const char *start; /* LINE, TEXT, NUMBER: the text; lists: items split at '|' */
    const char *keys;  /* before the paste: < Left, ^ Home, U Up */
    const char *paste;
    enum tui_field_result result;
    const char *want; /* the value after */
    size_t kept, total;
    const char *label;
} into_cases[] = {
    {DOC_FIELD_LINE, 0, "Jobs ", "", "I\nliked\tmost\n", TUI_FIELD_CHANGED, "\"Jobs I liked most\"",
     12, 12, "a line: newlines and tabs are spaces, the last goes"},
    {DOC_FIELD_LINE, 0, "ad", "<", "bc", TUI_FIELD_CHANGED, "\"abcd\"", 2, 2,
     "at the cursor, nothing typed is lost"},
    {DOC_FIELD_LINE, 0, "a", "",
     "\x1b[2J\xe2\x80\xae"
     "b\xff",
     TUI_FIELD_CHANGED, "\"a[2Jb\"", 4, 4,
     "what an answer cannot hold is left out, never a placeholder"},
    {DOC_FIELD_TEXT, 0, "", "",
     "x\x07\xc2\x9b\xf3\xa0\x81\xa8y\n\xf0\x9f\x8f\xb4\xf3\xa0\x81\xa7"
     "\xf3\xa0\x81\xa2\xf3\xa0\x81\xb3\xf3\xa0\x81\xa3\xf3\xa0\x81\xb4\xf3\xa0\x81\xbf",
     TUI_FIELD_CHANGED,
     "\"xy\\n\xf0\x9f\x8f\xb4\xf3\xa0\x81\xa7\xf3\xa0\x81\xa2\xf3\xa0\x81\xb3"
     "\xf3\xa0\x81\xa3\xf3\xa0\x81\xb4\xf3\xa0\x81\xbf\"",
     4, 4, "a bell, a C1 control and a tag go; a subdivision flag stays"},
    {DOC_FIELD_LINE, 10, "abc", "", "defghijklmn", TUI_FIELD_CHANGED, "\"abcdefghij\"", 7, 11,
     "cut at max_len"},
    {DOC_FIELD_LINE, 4, "ab", "", "c" E_ACUTE "日本", TUI_FIELD_CHANGED, "\"abc" E_ACUTE "\"", 2, 4,
     "cut between clusters, never inside one"},
    {DOC_FIELD_LINE, 4, "ab", "", "cd" E_ACUTE "x", TUI_FIELD_CHANGED, "\"abcd\"", 2, 4,
     "an accent past the cut takes its letter with it"},
    {DOC_FIELD_LINE, 5, "日本", "", "語の本", TUI_FIELD_CHANGED, "\"日本語の本\"", 3, 3,
     "the limit counts characters, not bytes"},
    {DOC_FIELD_LINE, 3, "abc", "", "d", TUI_FIELD_REFUSED, "\"abc\"", 0, 1, "a full answer"},
    {DOC_FIELD_LINE, 0, "abc", "", "\n", TUI_FIELD_MOVED, "\"abc\"", 0, 0, "nothing to add"},
    {DOC_FIELD_TEXT, 0, "Dear ", "", "one\n\ttwo\n", TUI_FIELD_CHANGED, "\"Dear one\\n two\\n\"", 9,
     9, "a text area keeps its newlines"},
    {DOC_FIELD_NUMBER, 0, "", "", " 42\n", TUI_FIELD_CHANGED, "42", 2, 2, "a number"},
    {DOC_FIELD_NUMBER, 0, "", "", "2,400.50", TUI_FIELD_CHANGED, "2400.5", 8, 8,
     "a number with its thousands written as a hint writes them"},
    {DOC_FIELD_NUMBER, 0, "1", "", "4 2", TUI_FIELD_CHANGED, "", 3, 3,
     "not a number: in as pasted, and no value (refused when sent)"},
    {DOC_FIELD_ORDERED, 0, "baker|nurse", "", "cook\n\n  \nfarmer\n", TUI_FIELD_CHANGED,
     "[\"baker\",\"nurse\",\"cook\",\"farmer\"]", 16, 16, "a list: one item per line"},
    {DOC_FIELD_LIST, 0, "baker|nurse", "U^", "cook\nfarmer\n", TUI_FIELD_CHANGED,
     "[\"baker\",\"cook\",\"farmer\",\"nurse\"]", 12, 12, "lines before the item at the cursor"},
    {DOC_FIELD_LIST, 0, "baker|nurse", "U<<<", "tty\nx\nbar", TUI_FIELD_CHANGED,
     "[\"baker\",\"nutty\",\"x\",\"barrse\"]", 9, 9, "the item at the cursor split"},
    {DOC_FIELD_LIST, 0, "baker", "", "x", TUI_FIELD_CHANGED, "[\"baker\",\"x\"]", 1, 1,
     "one line goes into the row"},
    {DOC_FIELD_CHOICE, 0, "", "", "x", TUI_FIELD_IGNORED, "", 0, 0, "a choice takes no text"},
};

static void test_into(void)
{
    struct doc *d = doc_new();
    const char *opts[] = {"a", "b"};
    for (size_t i = 0; i < sizeof into_cases / sizeof *into_cases; i++) {
        const char *label = into_cases[i].label;
        enum doc_field_kind kind = into_cases[i].kind;
        doc_reset(d);
        struct doc_field *f = doc_field(d, into_cases[i].kind, "f", "F?");
        f->max_len = into_cases[i].max_len;
        if (into_cases[i].kind == DOC_FIELD_NUMBER && into_cases[i].start[0]) {
            f->has_number = true;
            f->number = atof(into_cases[i].start);
        } else if (into_cases[i].kind == DOC_FIELD_CHOICE) {
            doc_field_options(d, f, 2, opts);
        } else if (kind == DOC_FIELD_LIST || kind == DOC_FIELD_ORDERED) {
            char copy[64], *save = NULL;
            const char *items[8];
            size_t n = 0;
            snprintf(copy, sizeof copy, "%s", into_cases[i].start);
            for (char *t = strtok_r(copy, "|", &save); t && n < 8; t = strtok_r(NULL, "|", &save))
                items[n++] = t;
            doc_field_items(d, f, n, items);
        } else {
            f->text = into_cases[i].start;
        }
        struct tui_field_state st = {0};
        tui_field_begin(&st, f);
        for (const char *k = into_cases[i].keys; *k; k++) {
            struct tui_input in = {.key = *k == '<' ? KEY_LEFT : *k == '^' ? KEY_HOME : KEY_UP};
            tui_field_key(&st, &in, 40);
        }
        struct tui_paste_result got;
        const char *p = into_cases[i].paste;
        enum tui_field_result r = tui_paste_into(&st, p, strlen(p), &got);
        check_int_at(__FILE__, __LINE__, r, into_cases[i].result, label);
        const char *why = NULL;
        char *v = tui_field_value(&st, &why);
        check_str_at(__FILE__, __LINE__, v ? v : "", into_cases[i].want, label);
        check_int_at(__FILE__, __LINE__, (long long)got.kept, (long long)into_cases[i].kept, label);
        check_int_at(__FILE__, __LINE__, (long long)got.total, (long long)into_cases[i].total,
                     label);
        check_int_at(__FILE__, __LINE__, st.dirty, r == TUI_FIELD_CHANGED, label);
        free(v);
        tui_field_end(&st);
    }
    doc_free(&d);
}

/* After a list paste the editor is on the row with the last line, its cursor where the paste
 * ended, so typing goes on from there. */
static void test_list_cursor(void)
{
    struct doc *d = doc_new();
    struct doc_field *f = doc_field(d, DOC_FIELD_LIST, "f", "F?");
    const char *items[] = {"nurse"};
    doc_field_items(d, f, 1, items);
    struct tui_field_state st = {0};
    tui_field_begin(&st, f);
    struct tui_input in = {.key = KEY_UP};
    tui_field_key(&st, &in, 40);
    in = (struct tui_input){.key = KEY_HOME};
    tui_field_key(&st, &in, 40);
    struct tui_paste_result got;
    tui_paste_into(&st, "a\nb", 3, &got);
    CHECK_INT(st.row, 1);
    CHECK_STR(st.ed.buf, "bnurse");
    CHECK_INT(st.ed.cur, 1);
    in = (struct tui_input){.ch = '!'};
    tui_field_key(&st, &in, 40);
    const char *why;
    char *v = tui_field_value(&st, &why);
    CHECK_STR(v, "[\"a\",\"b!nurse\"]");
    free(v);
    tui_field_end(&st);
    doc_free(&d);
}

static void test_notes(void)
{
    struct tui_paste p;
    tui_paste_init(&p);
    char buf[200];
    struct tui_paste_result got = {.kept = 3, .total = 3};
    CHECK(tui_paste_note(&p, TUI_FIELD_CHANGED, &got, buf, sizeof buf) == NULL);
    got = (struct tui_paste_result){.kept = 7, .total = 11, .limit = 10};
    CHECK_STR(tui_paste_note(&p, TUI_FIELD_CHANGED, &got, buf, sizeof buf),
              "Only the first 7 of the 11 characters pasted fit in this answer (it holds at most"
              " 10); the rest was left out.");
    got.left_out.characters = 2;
    CHECK_STR(tui_paste_note(&p, TUI_FIELD_CHANGED, &got, buf, sizeof buf),
              "Only the first 7 of the 11 characters pasted fit in this answer (it holds at most"
              " 10); the rest was left out. 2 control or invisible characters were left out: an"
              " answer cannot hold them.");
    got = (struct tui_paste_result){.left_out = {.characters = 3}};
    CHECK_STR(tui_paste_note(&p, TUI_FIELD_MOVED, &got, buf, sizeof buf),
              "3 control or invisible characters were left out: an answer cannot hold them.");
    CHECK_STR(tui_paste_note(&p, TUI_FIELD_IGNORED, &got, buf, sizeof buf),
              "Nothing was pasted: move to an answer you type (Tab) and paste there.");
    got = (struct tui_paste_result){.total = 1};
    CHECK_STR(tui_paste_note(&p, TUI_FIELD_REFUSED, &got, buf, sizeof buf),
              "Nothing was pasted: this answer is full.");
    got.limit = 3;
    CHECK_STR(tui_paste_note(&p, TUI_FIELD_REFUSED, &got, buf, sizeof buf),
              "Nothing was pasted: this answer is full (it holds at most 3 characters).");
    /* the cap and the field's limit both: each said, in its own unit */
    p.len = TUI_PASTE_MAX - 1;
    p.total = 1024 * 1024;
    p.dropped = p.total - TUI_PASTE_MAX;
    got = (struct tui_paste_result){.kept = 4000, .total = 65535, .limit = 4000};
    CHECK_STR(tui_paste_note(&p, TUI_FIELD_CHANGED, &got, buf, sizeof buf),
              "One paste brings at most 64 KiB: the last 960 KiB of your 1024 KiB were left out."
              " Only the first 4000 of the 65535 characters pasted fit in this answer (it holds"
              " at most 4000); the rest was left out.");
    p.total = TUI_PASTE_MAX + 100;
    p.dropped = 100;
    got = (struct tui_paste_result){.kept = 65535, .total = 65535};
    CHECK_STR(tui_paste_note(&p, TUI_FIELD_CHANGED, &got, buf, sizeof buf),
              "One paste brings at most 64 KiB: the first 65535 characters of your 64 KiB went"
              " in, the last 101 bytes were left out.");
    tui_paste_free(&p);
}

int main(void)
{
    RUN(test_reader);
    RUN(test_huge);
    RUN(test_drop_escapes);
    RUN(test_into);
    RUN(test_list_cursor);
    RUN(test_notes);
    return check_done();
}
