/* The text module (DESIGN.md section 5): widths, wrapping, fitting, grapheme navigation and an
 * escape corpus for the one sanitiser. Every table row is one case; the corpus rows also run
 * through wrap, fit and the cursor column, and all of their output must be terminal-safe. */
#include <math.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "check.h"
#include "find.h"
#include "fold.h"
#include "number.h"
#include "text.h"

#define ROW(ok, label) check_at(__FILE__, __LINE__, (ok) ? 1 : 0, (label))
#define ROW_STR(got, want, label) check_str_at(__FILE__, __LINE__, (got), (want), (label))
#define ROW_INT(got, want, label)                                                                  \
    check_int_at(__FILE__, __LINE__, (long long)(got), (long long)(want), (label))

/* Spelled-out pieces, so the tables read as text. */
#define E_ACUTE "e\xCC\x81"                        /* e + U+0301 */
#define FLAG_US "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8" /* U+1F1FA U+1F1F8 */
#define FLAG_GB "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7" /* U+1F1EC U+1F1E7 */
#define FLAG_FR "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7" /* U+1F1EB U+1F1F7 */
#define ZWJ "\xE2\x80\x8D"                         /* U+200D */
#define FAMILY "\xF0\x9F\x91\xA8" ZWJ "\xF0\x9F\x91\xA9" ZWJ "\xF0\x9F\x91\xA7" /* 18 bytes */
#define THUMB_MEDIUM "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"        /* U+1F44D U+1F3FD */
#define WAVE_DARK "\xF0\x9F\x91\x8B\xF0\x9F\x8F\xBF"           /* U+1F44B U+1F3FF */
#define TECHNOLOGIST "\xF0\x9F\x91\xA9" ZWJ "\xF0\x9F\x92\xBB" /* woman + laptop */
#define SHALOM "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D"              /* Hebrew, 4 letters */
#define OLAM "\xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D"                /* Hebrew, 4 letters */
#define SALAM "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85"               /* Arabic, 4 letters */
#define MARHABA "\xD9\x85\xD9\x8E\xD8\xB1\xD9\x92\xD8\xAD\xD9\x8E\xD8\xA8\xD9\x8B\xD8\xA7"
#define FFFD "\xEF\xBF\xBD"
#define ELL "\xE2\x80\xA6"
#define BLACK_FLAG "\xF0\x9F\x8F\xB4" /* U+1F3F4 */
#define TAG(c) "\xF3\xA0\x81" c       /* U+E0040-U+E007F: TAG("\xA7") is U+E0067, g */
#define CANCEL_TAG "\xF3\xA0\x81\xBF" /* U+E007F */
/* Scotland: the black flag, the tags g b s c t, the cancel tag */
#define SCOTLAND BLACK_FLAG TAG("\xA7") TAG("\xA2") TAG("\xB3") TAG("\xA3") TAG("\xB4") CANCEL_TAG
/* "hi" in tags U+E0068 U+E0069: invisible text */
#define TAGS_HI TAG("\xA8") TAG("\xA9")

/* Why the text is not safe to write to a terminal, or NULL when it is: it must be valid UTF-8
 * and hold no C0 control (newline only when multiline), no DEL, no C1 control, nothing with
 * Unicode's Bidi_Control property (asked of libunistring, independently of the sanitiser's own
 * list), no U+2028/U+2029 and no U+FEFF. */
static const char *unsafe(const char *s, size_t n, int multiline)
{
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    if (u8_check(p, n))
        return "invalid UTF-8";
    while (p < end) {
        ucs4_t c;
        p += u8_mbtouc(&c, p, (size_t)(end - p));
        if (c == 0x1F3F4) { /* a subdivision flag may follow: 3-7 tags a-z 0-9, the cancel tag */
            const uint8_t *q = p;
            int tags = 0;
            ucs4_t t = 0;
            while (q < end) {
                q += u8_mbtouc(&t, q, (size_t)(end - q));
                if (!((t >= 0xE0061 && t <= 0xE007A) || (t >= 0xE0030 && t <= 0xE0039)))
                    break;
                tags++;
            }
            if (t == 0xE007F && tags >= 3 && tags <= 7)
                p = q;
            continue;
        }
        if (c >= 0xE0000 && c <= 0xE007F)
            return "tag character";
        if (c == '\n' && !multiline)
            return "newline in one-line text";
        if (c < 0x20 && c != '\n')
            return "C0 control";
        if (c == 0x7F)
            return "DEL";
        if (c >= 0x80 && c <= 0x9F)
            return "C1 control";
        if (uc_is_property_bidi_control(c))
            return "bidi control";
        if (c == 0x2028 || c == 0x2029)
            return "line/paragraph separator";
        if (c == 0xFEFF)
            return "U+FEFF";
    }
    return NULL;
}

static int safe(const char *s, int multiline)
{
    const char *why = s ? unsafe(s, strlen(s), multiline) : "NULL";
    if (why)
        printf("#   unsafe: %s\n", why);
    return why == NULL;
}

/* ---- widths ---------------------------------------------------------------------------- */

/* What the full screen hands ncurses: no zero width joiner, so emoji a terminal would join (in
 * 2 columns where ncurses counts 6) stand side by side, and nothing else is touched. */
static const struct {
    const char *label, *s, *want;
} unjoin_rows[] = {
    {"no joiner", "plain text", "plain text"},
    {"a family", "a " FAMILY " b", "a \xF0\x9F\x91\xA8\xF0\x9F\x91\xA9\xF0\x9F\x91\xA7 b"},
    {"a technologist", TECHNOLOGIST, "\xF0\x9F\x91\xA9\xF0\x9F\x92\xBB"},
    {"skin tone before the joiner", "\xF0\x9F\x91\xA9\xF0\x9F\x8F\xBD" ZWJ "\xF0\x9F\x92\xBB",
     "\xF0\x9F\x91\xA9\xF0\x9F\x8F\xBD\xF0\x9F\x92\xBB"},
    {"VS16 before the joiner (heart on fire)", "\xE2\x9D\xA4\xEF\xB8\x8F" ZWJ "\xF0\x9F\x94\xA5",
     "\xE2\x9D\xA4\xEF\xB8\x8F\xF0\x9F\x94\xA5"},
    {"a joiner still waiting for its emoji (typing)", "\xF0\x9F\x91\xA8" ZWJ, "\xF0\x9F\x91\xA8"},
    {"Devanagari half form (tmux joins it too)", "\xE0\xA4\x95\xE0\xA5\x8D" ZWJ "\xE0\xA4\xB7",
     "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7"},
    {"two in a row", "a" ZWJ ZWJ "b", "ab"},
    {"the non-joiner stays",
     "a\xE2\x80\x8C"
     "b",
     "a\xE2\x80\x8C"
     "b"},
    {"other characters of the same block stay", "\xE2\x80\x8B\xE2\x80\x90",
     "\xE2\x80\x8B\xE2\x80\x90"},
};

static void test_unjoin(void)
{
    for (size_t i = 0; i < sizeof unjoin_rows / sizeof *unjoin_rows; i++) {
        char buf[128];
        snprintf(buf, sizeof buf, "%s", unjoin_rows[i].s);
        size_t n = tui_text_unjoin(buf);
        ROW_STR(buf, unjoin_rows[i].want, unjoin_rows[i].label);
        ROW_INT(n, strlen(unjoin_rows[i].want), unjoin_rows[i].label);
        /* the columns do not change: the joiner takes none */
        ROW_INT(tui_text_width(buf), tui_text_width(unjoin_rows[i].s), unjoin_rows[i].label);
    }
}

static const struct {
    const char *label, *s;
    size_t width;
} width_rows[] = {
    {"empty", "", 0},
    {"ASCII", "hello, world", 12},
    {"CJK is 2 each", "漢字", 4},
    {"CJK mixed with ASCII", "漢字abc", 7},
    {"Hangul", "한국어", 6},
    {"fullwidth Latin", "\xEF\xBC\xA1", 2},
    {"combining acute is 0", E_ACUTE, 1},
    {"two combined e", E_ACUTE E_ACUTE, 2},
    {"precomposed matches",
     "ma\xC3\xB1"
     "ana",
     6},
    {"emoji", "\xF0\x9F\x91\x8D", 2},
    /* code points are summed, as ncurses gives each its own cells: the modifier counts too */
    {"emoji with skin tone", THUMB_MEDIUM, 4},
    {"emoji with dark skin tone", WAVE_DARK, 4},
    {"ZWJ family: 2+0+2+0+2", FAMILY, 6},
    {"ZWJ technologist", TECHNOLOGIST, 4},
    {"flag: two regional indicators", FLAG_US, 2},
    {"zero-width joiner alone", ZWJ, 0},
    {"ZWJ between letters", "a" ZWJ "b", 2},
    {"zero-width space", "\xE2\x80\x8B", 0},
    {"Hebrew", SHALOM, 4},
    {"Hebrew two words", SHALOM " " OLAM, 9},
    {"Arabic", SALAM, 4},
    {"Arabic with harakat", MARHABA, 5},
    {"ellipsis is one column", ELL, 1},
    {"placeholder text counts", "<U+202E>", 8},
    /* where libunistring's widths and the C library's wcwidth, which ncurses draws by, differ:
     * the width is the cells ncurses gives (test_curses checks every code point of planes 0, 1
     * and 14 against ncurses itself) */
    {"soft hyphen: ncurses gives it a cell", "co\xC2\xADop", 5},
    {"Arabic number sign U+0600: a cell", "\xD8\x80", 1},
    {"Kannada ki: the vowel sign takes none", "\xE0\xB2\x95\xE0\xB2\xBF", 1},
    {"unassigned U+2E9A: one cell, as ncurses draws it", "\xE2\xBA\x9A", 1},
};

static void test_widths(void)
{
    for (size_t i = 0; i < sizeof width_rows / sizeof *width_rows; i++)
        ROW_INT(tui_text_width(width_rows[i].s), width_rows[i].width, width_rows[i].label);
}

/* ---- wrapping -------------------------------------------------------------------------- */

static const struct {
    const char *label, *s;
    int width, flags;
    size_t n;         /* lines expected */
    const char *want; /* the lines joined with '\n' */
} wrap_rows[] = {
    {"fits", "hello world", 20, 0, 1, "hello world"},
    {"words at 10", "the quick brown fox jumps", 10, 0, 3, "the quick\nbrown fox\njumps"},
    {"words at 20", "the quick brown fox jumps over", 20, 0, 2, "the quick brown fox\njumps over"},
    /* the space after "bbbbb" does not count: the line ends there */
    {"word ending at the margin stays", "aaaa bbbbb cc", 10, 0, 2, "aaaa bbbbb\ncc"},
    {"word one past the margin moves", "aaaa bbbbbb cc", 10, 0, 2, "aaaa\nbbbbbb cc"},
    {"CJK at 10", "漢字漢字漢字漢字漢字漢字", 10, 0, 3, "漢字漢字漢\n字漢字漢字\n漢字"},
    {"CJK at 20", "漢字漢字漢字漢字漢字漢字", 20, 0, 2, "漢字漢字漢字漢字漢字\n漢字"},
    {"CJK keeps 。 with its char", "日本語のテキストです。改行されます", 10, 0, 4,
     "日本語のテ\nキストで\nす。改行さ\nれます"},
    {"CJK among words", "ab 漢字漢字漢字 cd", 5, 0, 4, "ab 漢\n字漢\n字漢\n字 cd"},
    {"combining marks stay on", E_ACUTE E_ACUTE E_ACUTE E_ACUTE E_ACUTE E_ACUTE E_ACUTE, 3, 0, 3,
     E_ACUTE E_ACUTE E_ACUTE "\n" E_ACUTE E_ACUTE E_ACUTE "\n" E_ACUTE},
    {"combining in words", "caf" E_ACUTE " caf" E_ACUTE, 5, 0, 2, "caf" E_ACUTE "\ncaf" E_ACUTE},
    {"URL breaks at its slashes", "see https://example.com/a/b", 20, 0, 2,
     "see https://example.\ncom/a/b"},
    {"long URL segment cut by cluster",
     "see https://example.com/averyveryverylongsegmentwithoutbreaks ok", 20, 0, 4,
     "see https://example.\ncom/averyveryverylon\ngsegmentwithoutbreak\ns ok"},
    {"long word at 10", "abcdefghijklmnopqrstuvwxyz", 10, 0, 3, "abcdefghij\nklmnopqrst\nuvwxyz"},
    {"ZWJ family never split", FAMILY FAMILY, 4, 0, 2, FAMILY "\n" FAMILY},
    {"flags never split", FLAG_US FLAG_GB FLAG_FR, 3, 0, 3, FLAG_US "\n" FLAG_GB "\n" FLAG_FR},
    {"skin tone stays on", THUMB_MEDIUM THUMB_MEDIUM, 5, 0, 2, THUMB_MEDIUM "\n" THUMB_MEDIUM},
    {"Hebrew in logical order", SHALOM " " OLAM " " SHALOM, 10, 0, 2, SHALOM " " OLAM "\n" SHALOM},
    {"Arabic words", SALAM " " SALAM " " SALAM, 9, 0, 2, SALAM " " SALAM "\n" SALAM},
    {"hard newlines", "one\ntwo\nthree", 20, 0, 3, "one\ntwo\nthree"},
    {"blank line stays", "one\n\ntwo", 20, 0, 3, "one\n\ntwo"},
    {"two blank lines stay", "one\n\n\ntwo", 20, 0, 4, "one\n\n\ntwo"},
    {"final newline adds no line", "one\n", 20, 0, 1, "one"},
    {"final blank line stays", "one\n\n", 20, 0, 2, "one\n"},
    {"newline alone", "\n", 20, 0, 1, ""},
    {"empty gives no lines", "", 20, 0, 0, ""},
    {"trailing spaces stripped", "abc   \ndef  ", 10, 0, 2, "abc\ndef"},
    {"spaces only", "     ", 3, 0, 1, ""},
    {"spaces at a wrap", "aaaa     bbbb", 6, 0, 2, "aaaa\nbbbb"},
    {"leading indent kept", "  indented", 20, 0, 1, "  indented"},
    {"tab becomes a space", "a\tb", 10, 0, 1, "a b"},
    {"width 0 counts as 1", "ab", 0, 0, 2, "a\nb"},
    {"negative width counts as 1", "ab", -5, 0, 2, "a\nb"},
    {"CJK wider than the line stays whole", "漢字", 1, 0, 2, "漢\n字"},
    {"escapes sanitised", "a\x1b[31mb", 20, 0, 1, "a^[[31mb"},
    {"no hang without the flag", "- buy milk and eggs today", 12, 0, 3,
     "- buy milk\nand eggs\ntoday"},
    {"hanging list item", "- buy milk and eggs today", 12, TUI_TEXT_HANGING, 3,
     "- buy milk\n  and eggs\n  today"},
    {"hanging nested star item", "  * item text here now", 10, TUI_TEXT_HANGING, 4,
     "  * item\n    text\n    here\n    now"},
    {"hanging long word", "- abcdefghijkl", 6, TUI_TEXT_HANGING, 3, "- abcd\n  efgh\n  ijkl"},
    {"hanging only on items", "plain text wraps here", 10, TUI_TEXT_HANGING, 2,
     "plain text\nwraps here"},
    {"hanging marker alone", "- ", 10, TUI_TEXT_HANGING, 1, "-"},
    {"no hang when the marker fills the line", "- abc", 2, TUI_TEXT_HANGING, 3, "-\nab\nc"},
};

static char *join(const struct tui_lines *l)
{
    size_t len = 1;
    for (size_t i = 0; i < l->n; i++)
        len += strlen(l->lines[i]) + 1;
    char *s = malloc(len), *p = s;
    if (!s)
        return NULL;
    *p = '\0';
    for (size_t i = 0; i < l->n; i++) {
        size_t k = strlen(l->lines[i]);
        memcpy(p, l->lines[i], k);
        p += k;
        if (i + 1 < l->n)
            *p++ = '\n';
        *p = '\0';
    }
    return s;
}

/* Every line: safe, no trailing space, and no wider than the width unless it is one grapheme
 * cluster that is wider on its own. */
static int lines_ok(const struct tui_lines *l, int width)
{
    size_t limit = width < 1 ? 1 : (size_t)width;
    for (size_t i = 0; i < l->n; i++) {
        const char *s = l->lines[i];
        size_t k = strlen(s);
        if (!safe(s, 0))
            return 0;
        if (k > 0 && s[k - 1] == ' ') {
            printf("#   line %zu has a trailing space\n", i);
            return 0;
        }
        if (tui_text_width(s) > limit && tui_text_next_grapheme(s, k, 0) != k) {
            printf("#   line %zu is %zu columns\n", i, tui_text_width(s));
            return 0;
        }
    }
    return 1;
}

static void test_wrap(void)
{
    for (size_t i = 0; i < sizeof wrap_rows / sizeof *wrap_rows; i++) {
        struct tui_lines l;
        int rc = tui_text_wrap(wrap_rows[i].s, wrap_rows[i].width, wrap_rows[i].flags, &l);
        char *joined = rc == 0 ? join(&l) : NULL;
        ROW_STR(joined, wrap_rows[i].want, wrap_rows[i].label);
        ROW_INT(l.n, wrap_rows[i].n, wrap_rows[i].label);
        if (!(wrap_rows[i].flags & TUI_TEXT_HANGING))
            ROW(lines_ok(&l, wrap_rows[i].width), wrap_rows[i].label);
        free(joined);
        tui_text_lines_free(&l);
        tui_text_lines_free(&l); /* a second free is harmless */
    }
}

/* ---- fitting --------------------------------------------------------------------------- */

static const struct {
    const char *label, *s;
    int cols, flags;
    const char *want;
} fit_rows[] = {
    {"fits", "hello", 10, 0, "hello"},
    {"fits exactly", "hello", 5, 0, "hello"},
    {"cut", "hello world", 5, 0, "hello"},
    {"fits exactly, no ellipsis", "hello", 5, TUI_TEXT_ELLIPSIS, "hello"},
    {"ellipsis", "hello world", 8, TUI_TEXT_ELLIPSIS, "hello w" ELL},
    {"ellipsis drops the space", "hello world", 7, TUI_TEXT_ELLIPSIS, "hello" ELL},
    {"ellipsis alone", "abc", 1, TUI_TEXT_ELLIPSIS, ELL},
    {"zero columns", "abc", 0, 0, ""},
    {"zero columns, ellipsis", "abc", 0, TUI_TEXT_ELLIPSIS, ""},
    {"negative columns", "abc", -3, TUI_TEXT_ELLIPSIS, ""},
    {"empty", "", 5, TUI_TEXT_ELLIPSIS, ""},
    {"CJK cut whole", "漢字漢字", 5, 0, "漢字"},
    {"CJK with ellipsis", "漢字漢字", 5, TUI_TEXT_ELLIPSIS, "漢字" ELL},
    {"CJK that cannot fit", "漢字", 1, 0, ""},
    {"CJK ellipsis at 3", "漢字漢字", 3, TUI_TEXT_ELLIPSIS, "漢" ELL},
    {"combining never cut", E_ACUTE E_ACUTE E_ACUTE, 2, 0, E_ACUTE E_ACUTE},
    {"ZWJ family too wide", FAMILY "x", 5, 0, ""},
    {"ZWJ family fits", FAMILY "x", 6, 0, FAMILY},
    {"flags cut between", FLAG_US FLAG_GB, 3, 0, FLAG_US},
    {"skin tone whole", THUMB_MEDIUM "ok", 5, TUI_TEXT_ELLIPSIS, THUMB_MEDIUM ELL},
    {"Hebrew", SHALOM " " OLAM, 6, TUI_TEXT_ELLIPSIS, SHALOM ELL},
    {"title escape sanitised", "\x1b]0;x\x07title", 6, 0, "^[]0;x"},
    {"newline becomes space", "a\nb", 10, 0, "a b"},
    {"RLO shown",
     "a\xE2\x80\xAE"
     "b",
     20, 0, "a<U+202E>b"},
};

static void test_fit(void)
{
    for (size_t i = 0; i < sizeof fit_rows / sizeof *fit_rows; i++) {
        char *got = tui_text_fit(fit_rows[i].s, fit_rows[i].cols, fit_rows[i].flags);
        ROW_STR(got, fit_rows[i].want, fit_rows[i].label);
        free(got);
    }
    int w = -1;
    CHECK_INT(tui_text_fit_len("漢字ab", strlen("漢字ab"), 5, &w), 7);
    CHECK_INT(w, 5);
    CHECK_INT(tui_text_fit_len("abc", 3, 0, &w), 0);
    CHECK_INT(w, 0);
}

/* ---- grapheme navigation --------------------------------------------------------------- */

#define MAXB 12
static const struct {
    const char *label, *s;
    size_t nb;
    size_t bounds[MAXB]; /* every cursor stop, 0 to the end */
    size_t cols[MAXB];   /* the display column at each stop */
} nav_rows[] = {
    {"empty", "", 1, {0}, {0}},
    {"ASCII", "abc", 4, {0, 1, 2, 3}, {0, 1, 2, 3}},
    {"e + combining acute", E_ACUTE "x", 3, {0, 3, 4}, {0, 1, 2}},
    {"two combined e", E_ACUTE E_ACUTE, 3, {0, 3, 6}, {0, 1, 2}},
    {"flag", FLAG_US, 2, {0, 8}, {0, 2}},
    {"two flags", FLAG_US FLAG_GB, 3, {0, 8, 16}, {0, 2, 4}},
    {"ZWJ family", FAMILY, 2, {0, 18}, {0, 6}},
    {"ZWJ family among letters", "a" FAMILY "b", 4, {0, 1, 19, 20}, {0, 1, 7, 8}},
    {"skin tone", "a" THUMB_MEDIUM "b", 4, {0, 1, 9, 10}, {0, 1, 5, 6}},
    {"CJK counts 2", "漢字a", 4, {0, 3, 6, 7}, {0, 2, 4, 5}},
    {"Hebrew", SHALOM, 5, {0, 2, 4, 6, 8}, {0, 1, 2, 3, 4}},
    {"newline restarts the column", "ab\n漢", 5, {0, 1, 2, 3, 6}, {0, 1, 2, 0, 2}},
    {"ESC shows as ^[",
     "a\x1b"
     "b",
     4,
     {0, 1, 2, 3},
     {0, 1, 3, 4}},
    {"RLO shows as <U+202E>",
     "a\xE2\x80\xAE"
     "b",
     4,
     {0, 1, 4, 5},
     {0, 1, 9, 10}},
    {"invalid byte shows as U+FFFD",
     "a\xFF"
     "b",
     4,
     {0, 1, 2, 3},
     {0, 1, 2, 3}},
    {"tab shows as a space", "\tx", 3, {0, 1, 2}, {0, 1, 2}},
};

static void test_navigation(void)
{
    char label[160];
    for (size_t i = 0; i < sizeof nav_rows / sizeof *nav_rows; i++) {
        const char *s = nav_rows[i].s;
        size_t n = strlen(s), nb = nav_rows[i].nb;
        const size_t *want = nav_rows[i].bounds;
        int ok = want[nb - 1] == n;
        /* forward by next, back by prev, and the column at every stop */
        size_t off = 0;
        for (size_t k = 1; k < nb && ok; k++)
            ok = (off = tui_text_next_grapheme(s, n, off)) == want[k];
        ok = ok && tui_text_next_grapheme(s, n, n) == n;
        snprintf(label, sizeof label, "%s: next", nav_rows[i].label);
        ROW(ok, label);
        ok = 1;
        off = n;
        for (size_t k = nb - 1; k > 0 && ok; k--)
            ok = (off = tui_text_prev_grapheme(s, n, off)) == want[k - 1];
        ok = ok && tui_text_prev_grapheme(s, n, 0) == 0;
        snprintf(label, sizeof label, "%s: prev", nav_rows[i].label);
        ROW(ok, label);
        ok = 1;
        for (size_t k = 0; k < nb && ok; k++)
            ok = tui_text_column(s, n, want[k]) == nav_rows[i].cols[k];
        snprintf(label, sizeof label, "%s: column", nav_rows[i].label);
        ROW(ok, label);
        snprintf(label, sizeof label, "%s: count", nav_rows[i].label);
        ROW_INT(tui_text_graphemes(s, n), nb - 1, label);
    }
    CHECK_INT(tui_text_graphemes("", 0), 0);

    /* An offset inside a cluster moves to its ends; past the end counts as the end. */
    const char *fam = "a" FAMILY "b";
    size_t n = strlen(fam);
    CHECK_INT(tui_text_next_grapheme(fam, n, 5), 19);
    CHECK_INT(tui_text_prev_grapheme(fam, n, 5), 1);
    CHECK_INT(tui_text_prev_grapheme(fam, n, 19), 1);
    CHECK_INT(tui_text_next_grapheme(fam, n, 100), n);
    CHECK_INT(tui_text_prev_grapheme(fam, n, 100), 19);
    CHECK_INT(tui_text_column(fam, n, 100), 8);
    CHECK_INT(tui_text_column(fam, n, 3), 1); /* the man straddles offset 3: not counted */
    CHECK_INT(tui_text_next_grapheme(E_ACUTE, 3, 1), 3);
    CHECK_INT(tui_text_prev_grapheme(E_ACUTE, 3, 2), 0);
    /* A newline is its own stop, from either side. */
    CHECK_INT(tui_text_next_grapheme("a\nb", 3, 1), 2);
    CHECK_INT(tui_text_prev_grapheme("a\nb", 3, 2), 1);
    /* Where to cut to k characters: whole clusters, a newline one of them. */
    CHECK_INT(tui_text_clusters_len("", 0, 3), 0);
    CHECK_INT(tui_text_clusters_len("abc", 3, 0), 0);
    CHECK_INT(tui_text_clusters_len("abc", 3, 2), 2);
    CHECK_INT(tui_text_clusters_len("abc", 3, 9), 3);
    CHECK_INT(tui_text_clusters_len(E_ACUTE "x", 4, 1), 3);
    CHECK_INT(tui_text_clusters_len(FAMILY "b", 19, 1), 18);
    CHECK_INT(tui_text_clusters_len("a\nb", 3, 2), 2);
    CHECK_INT(tui_text_clusters_len(SCOTLAND "x", sizeof SCOTLAND, 1), sizeof SCOTLAND - 1);
}

/* ---- the escape corpus ----------------------------------------------------------------- */

#define BYTES(lit) lit, sizeof lit - 1
static const struct {
    const char *label;
    const char *s;
    size_t n;
    int flags;
    const char *want; /* exact output, or NULL when only the safety checks apply */
} corpus_rows[] = {
    {"OSC 0 title set", BYTES("\x1b]0;pwned\x07"), 0, "^[]0;pwned^G"},
    {"OSC 0 with ST", BYTES("\x1b]0;pwned\x1b\\"), 0, "^[]0;pwned^[\\"},
    {"OSC 8 hyperlink", BYTES("\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\"), 0,
     "^[]8;;http://evil.example/^[\\click^[]8;;^[\\"},
    {"OSC 52 clipboard", BYTES("\x1b]52;c;cm0gLXJmIH4=\x07"), 0, "^[]52;c;cm0gLXJmIH4=^G"},
    {"CSI clear screen", BYTES("\x1b[2J"), 0, "^[[2J"},
    {"CSI colour", BYTES("\x1b[31mred\x1b[0m"), 0, "^[[31mred^[[0m"},
    {"CSI cursor up and erase", BYTES("ok\x1b[1A\x1b[2K"), 0, "ok^[[1A^[[2K"},
    {"DCS", BYTES("\x1bP1$r\x1b\\"), 0, "^[P1$r^[\\"},
    {"bare 0x9B (8-bit CSI byte)",
     BYTES("\x9b"
           "2J"),
     0, FFFD "2J"},
    {"U+009B encoded",
     BYTES("\xC2\x9B"
           "2J"),
     0, "<U+009B>2J"},
    {"U+009D OSC encoded",
     BYTES("\xC2\x9D"
           "0;x\xC2\x9C"),
     0, "<U+009D>0;x<U+009C>"},
    {"DEL",
     BYTES("a\x7f"
           "b"),
     0, "a^?b"},
    {"NUL inside", BYTES("a\0b"), 0, "a^@b"},
    {"CR", BYTES("a\rb"), 0, "a^Mb"},
    {"CR LF multiline", BYTES("a\r\nb"), TUI_TEXT_MULTILINE, "a^M\nb"},
    {"newline one-line", BYTES("a\nb"), 0, "a b"},
    {"newline multiline", BYTES("a\nb"), TUI_TEXT_MULTILINE, "a\nb"},
    {"tab", BYTES("a\tb"), 0, "a b"},
    {"RLO",
     BYTES("abc\xE2\x80\xAE"
           "fed"),
     0, "abc<U+202E>fed"},
    {"LRE RLE PDF LRO", BYTES("\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD"), 0,
     "<U+202A><U+202B><U+202C><U+202D>"},
    {"LRI PDI", BYTES("\xE2\x81\xA6x\xE2\x81\xA9"), 0, "<U+2066>x<U+2069>"},
    {"RLI FSI", BYTES("\xE2\x81\xA7\xE2\x81\xA8"), 0, "<U+2067><U+2068>"},
    {"LRM RLM",
     BYTES("a\xE2\x80\x8E"
           "b\xE2\x80\x8F"),
     0, "a<U+200E>b<U+200F>"},
    {"ALM", BYTES("\xD8\x9C"), 0, "<U+061C>"},
    {"U+2028",
     BYTES("a\xE2\x80\xA8"
           "b"),
     TUI_TEXT_MULTILINE, "a<U+2028>b"},
    {"U+2029",
     BYTES("a\xE2\x80\xA9"
           "b"),
     0, "a<U+2029>b"},
    {"U+FEFF", BYTES("\xEF\xBB\xBFtitle"), 0, "<U+FEFF>title"},
    {"overlong slash", BYTES("\xC0\xAF"), 0, FFFD FFFD},
    {"overlong three-byte", BYTES("\xE0\x80\xAF"), 0, FFFD FFFD FFFD},
    {"overlong NUL", BYTES("\xC0\x80"), 0, FFFD FFFD},
    {"surrogate half high", BYTES("\xED\xA0\x80"), 0, FFFD FFFD FFFD},
    {"surrogate half low", BYTES("\xED\xBF\xBF"), 0, FFFD FFFD FFFD},
    {"surrogate pair CESU", BYTES("\xED\xA0\xBD\xED\xB8\x80"), 0, FFFD FFFD FFFD FFFD FFFD FFFD},
    {"above U+10FFFF", BYTES("\xF4\x90\x80\x80"), 0, FFFD FFFD FFFD FFFD},
    {"truncated at end", BYTES("ok\xE2\x82"), 0, "ok" FFFD FFFD},
    {"truncated mid-text",
     BYTES("\xE2\x82"
           "A"),
     0, FFFD FFFD "A"},
    {"truncated four-byte", BYTES("\xF0\x9F\x91"), 0, FFFD FFFD FFFD},
    {"lone continuation", BYTES("\x80"), 0, FFFD},
    {"0xFE 0xFF", BYTES("\xFE\xFF"), 0, FFFD FFFD},
    {"invalid then escape", BYTES("\xFF\x1b[m"), 0, FFFD "^[[m"},
    {"U+FFFD passes", BYTES(FFFD), 0, FFFD},
    {"ZWJ passes (emoji need it)", BYTES(FAMILY), 0, FAMILY},
    {"ZWNJ passes",
     BYTES("a\xE2\x80\x8C"
           "b"),
     0,
     "a\xE2\x80\x8C"
     "b"},
    {"Hebrew passes", BYTES(SHALOM), 0, SHALOM},
    {"Arabic passes", BYTES(MARHABA), 0, MARHABA},
    {"CJK passes", BYTES("漢字"), 0, "漢字"},
    {"combining passes", BYTES(E_ACUTE), 0, E_ACUTE},
    {"private use passes", BYTES("\xEE\x80\x80"), 0, "\xEE\x80\x80"},
    {"unassigned passes", BYTES("\xCD\xB8"), 0, "\xCD\xB8"},
    {"noncharacter passes", BYTES("\xEF\xBF\xBE"), 0, "\xEF\xBF\xBE"},
    {"placeholder text is inert", BYTES("^[<U+202E>"), 0, "^[<U+202E>"},
    {"tags hide text", BYTES("ok" TAGS_HI), 0, "ok<U+E0068><U+E0069>"},
    {"language tag",
     BYTES("\xF3\xA0\x80\x81"
           "en"),
     0, "<U+E0001>en"},
    {"a subdivision flag passes", BYTES("Scotland " SCOTLAND "!"), 0, "Scotland " SCOTLAND "!"},
    {"a flag without its cancel tag", BYTES(BLACK_FLAG TAG("\xA7") TAG("\xA2") "x"), 0,
     BLACK_FLAG "<U+E0067><U+E0062>x"},
    {"a flag of two tags is too short", BYTES(BLACK_FLAG TAG("\xA7") TAG("\xA2") CANCEL_TAG), 0,
     BLACK_FLAG "<U+E0067><U+E0062><U+E007F>"},
    {"a flag of eight tags is a message",
     BYTES(BLACK_FLAG TAGS_HI TAGS_HI TAGS_HI TAGS_HI CANCEL_TAG), 0,
     BLACK_FLAG "<U+E0068><U+E0069><U+E0068><U+E0069><U+E0068><U+E0069><U+E0068><U+E0069>"
                "<U+E007F>"},
    {"capital tags are no flag", BYTES(BLACK_FLAG TAG("\x87") TAG("\x82") TAG("\x93") CANCEL_TAG),
     0, BLACK_FLAG "<U+E0047><U+E0042><U+E0053><U+E007F>"},
    {"a flag cut short by the end", BYTES(BLACK_FLAG TAG("\xA7") "\xF3\xA0"), 0,
     BLACK_FLAG "<U+E0067>" FFFD FFFD},
    {"everything at once",
     BYTES("\x1b]0;t\x07\x1b[2J\x9b\xC2\x9B\x7f\xE2\x80\xAE\xE2\x81\xA6\xE2\x81\xA9\xE2\x80\xA8"
           "\xC0\xAF\xED\xA0\x80\xE2\x82"),
     TUI_TEXT_MULTILINE, NULL},
};

/* One input through everything that writes text: the sanitiser (and again, which must change
 * nothing), wrap, fit and the cursor column, which must agree with the width of the sanitised
 * last line. */
static void corpus_case(const char *label, const char *s, size_t n, int flags, const char *want)
{
    char msg[200];
    char *out = tui_text_sanitize(s, n, flags);
    snprintf(msg, sizeof msg, "%s: safe", label);
    ROW(safe(out, flags & TUI_TEXT_MULTILINE), msg);
    if (want) {
        snprintf(msg, sizeof msg, "%s: exact", label);
        ROW_STR(out, want, msg);
    }
    char *again = out ? tui_text_sanitize(out, strlen(out), flags) : NULL;
    snprintf(msg, sizeof msg, "%s: idempotent", label);
    ROW_STR(again, out, msg);

    /* wrap and fit take NUL-terminated text: the part before any NUL */
    struct tui_lines l;
    int ok = tui_text_wrap(s, 10, TUI_TEXT_HANGING, &l) == 0;
    for (size_t i = 0; ok && i < l.n; i++)
        ok = safe(l.lines[i], 0);
    tui_text_lines_free(&l);
    char *fit = tui_text_fit(s, 10, TUI_TEXT_ELLIPSIS);
    ok = ok && safe(fit, 0) && tui_text_width(fit) <= 10;
    snprintf(msg, sizeof msg, "%s: wrap and fit safe", label);
    ROW(ok, msg);

    char *multi = tui_text_sanitize(s, n, TUI_TEXT_MULTILINE);
    const char *last = multi ? strrchr(multi, '\n') : NULL;
    last = last ? last + 1 : multi;
    snprintf(msg, sizeof msg, "%s: column is the shown width", label);
    ROW_INT(tui_text_column(s, n, n), last ? tui_text_width(last) : (size_t)-1, msg);

    free(out);
    free(again);
    free(fit);
    free(multi);
}

static void test_escape_corpus(void)
{
    for (size_t i = 0; i < sizeof corpus_rows / sizeof *corpus_rows; i++)
        corpus_case(corpus_rows[i].label, corpus_rows[i].s, corpus_rows[i].n, corpus_rows[i].flags,
                    corpus_rows[i].want);

    /* Every C0 byte but tab and newline, in caret notation, alone and inside text. */
    char in[8] = {0}, want[16], label[64]; /* in stays NUL-terminated: wrap and fit use strlen */
    for (int c = 0; c < 0x20; c++) {
        if (c == '\t' || c == '\n')
            continue;
        in[0] = 'x';
        in[1] = (char)c;
        in[2] = 'y';
        snprintf(want, sizeof want, "x^%cy", c + 0x40);
        snprintf(label, sizeof label, "C0 0x%02X", c);
        corpus_case(label, in, 3, TUI_TEXT_MULTILINE, want);
    }
    /* Every C1 code point, encoded properly and as the bare byte. */
    for (int c = 0x80; c <= 0x9F; c++) {
        in[0] = (char)(0xC0 | (c >> 6));
        in[1] = (char)(0x80 | (c & 0x3F));
        in[2] = '\0';
        snprintf(want, sizeof want, "<U+%04X>", c);
        snprintf(label, sizeof label, "C1 U+%04X", c);
        corpus_case(label, in, 2, 0, want);
        in[0] = (char)c;
        in[1] = '\0';
        snprintf(label, sizeof label, "bare byte 0x%02X", c);
        corpus_case(label, in, 1, 0, FFFD);
    }
}

/* Every code point, encoded on its own, comes out safe: the sanitiser's lists cannot fall
 * behind libunistring's Bidi_Control property without this failing. */
static void test_every_code_point(void)
{
    ucs4_t bad = 0;
    for (ucs4_t c = 0; c <= 0x10FFFF && !bad; c++) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        uint8_t enc[6];
        int k = u8_uctomb(enc, c, sizeof enc);
        char *out = tui_text_sanitize((const char *)enc, (size_t)k, TUI_TEXT_MULTILINE);
        if (!out || unsafe(out, strlen(out), 1))
            bad = c ? c : 0x110000; /* 0x110000 stands for U+0000 failing */
        free(out);
    }
    if (bad)
        printf("#   first unsafe code point: U+%04X\n", (unsigned)bad);
    CHECK(bad == 0);
}

/* 1 MiB of hostile text: safe out of every function, and quick enough to be unremarkable. */
static void test_huge_input(void)
{
    static const char chunk[] = "Plain words 漢字 " FAMILY " " E_ACUTE " \x1b]0;x\x07\x1b[2J\x9b"
                                "\xC2\x9B\x7f\xE2\x80\xAE\xE2\x81\xA6\xE2\x80\xA8\xC0\xAF\xED\xA0"
                                "\x80\xE2\x82\x01\r\n- item with https://example.com/aaaaaaaaaa"
                                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n\n";
    size_t n = 1 << 20;
    char *s = malloc(n + 1);
    if (!CHECK(s != NULL))
        return;
    for (size_t i = 0; i < n; i++)
        s[i] = chunk[i % (sizeof chunk - 1)];
    s[n] = '\0';

    char *one = tui_text_sanitize(s, n, 0), *multi = tui_text_sanitize(s, n, TUI_TEXT_MULTILINE);
    CHECK(safe(one, 0));
    CHECK(safe(multi, 1));
    CHECK(one && strlen(one) > n);

    struct tui_lines l;
    CHECK_INT(tui_text_wrap(s, 80, TUI_TEXT_HANGING, &l), 0);
    CHECK(l.n > n / 160);
    int ok = 1;
    for (size_t i = 0; i < l.n && ok; i++)
        ok = safe(l.lines[i], 0) && tui_text_width(l.lines[i]) <= 80;
    CHECK(ok);
    tui_text_lines_free(&l);
    /* one paragraph of it all: no newline to help */
    char *flat = tui_text_sanitize(s, n, 0);
    CHECK_INT(tui_text_wrap(flat, 80, 0, &l), 0);
    CHECK(lines_ok(&l, 80));
    tui_text_lines_free(&l);

    char *fit = tui_text_fit(s, 40, TUI_TEXT_ELLIPSIS);
    CHECK(safe(fit, 0) && tui_text_width(fit) == 40);
    size_t prev = tui_text_prev_grapheme(flat, strlen(flat), strlen(flat));
    CHECK(prev < strlen(flat) && tui_text_next_grapheme(flat, strlen(flat), prev) == strlen(flat));
    CHECK_INT(tui_text_column(flat, strlen(flat), strlen(flat)), tui_text_width(flat));

    free(s);
    free(one);
    free(multi);
    free(flat);
    free(fit);
}

/* ---- text for a file, and what an answer keeps ---------------------------------------- */

/* A file for people keeps its lines and tabs; every escape, C1 control, bidi control and stray
 * tag becomes a visible placeholder, so cat or a printer runs none of them. */
static void test_file_policy(void)
{
    static const char hostile[] = "Ada\t\x1b]0;x\x07"
                                  "Byron\n\x1b[2J\xC2\x9B"
                                  "31m\xE2\x80\xAE"
                                  "evil\r\n" TAGS_HI SCOTLAND "\x7f";
    char *out = tui_text_sanitize(hostile, sizeof hostile - 1, TUI_TEXT_FILE);
    CHECK_STR(out, "Ada\t^[]0;x^GByron\n^[[2J<U+009B>31m<U+202E>evil^M\n<U+E0068><U+E0069>" SCOTLAND
                   "^?");
    char *again = out ? tui_text_sanitize(out, strlen(out), TUI_TEXT_FILE) : NULL;
    CHECK_STR(again, out);
    free(again);
    free(out);
}

static const struct {
    const char *label;
    const char *s;
    size_t n;
    int flags;
    const char *want;
    size_t characters, bad_bytes; /* left out */
} answer_rows[] = {
    {"plain text is kept", BYTES("caf" E_ACUTE " 漢字 " FAMILY), 0, "caf" E_ACUTE " 漢字 " FAMILY,
     0, 0},
    {"a bell is left out, not shown as ^G",
     BYTES("a\x07"
           "b"),
     0, "ab", 1, 0},
    {"an escape sequence loses its ESC", BYTES("\x1b[2Jx"), 0, "[2Jx", 1, 0},
    {"NUL is a control like the others", BYTES("before\0after"), 0, "beforeafter", 1, 0},
    {"DEL and C1",
     BYTES("a\x7f\xC2\x9B"
           "b\xC2\x9D"),
     0, "ab", 3, 0},
    {"bidi controls and U+FEFF",
     BYTES("\xEF\xBB\xBF"
           "abc\xE2\x80\xAE"
           "fed\xE2\x81\xA6"),
     0, "abcfed", 3, 0},
    {"line separators",
     BYTES("a\xE2\x80\xA8"
           "b\xE2\x80\xA9"),
     TUI_TEXT_MULTILINE, "ab", 2, 0},
    {"tags hide text: left out", BYTES("ok" TAGS_HI), 0, "ok", 2, 0},
    {"a subdivision flag is kept", BYTES("go " SCOTLAND), 0, "go " SCOTLAND, 0, 0},
    {"a tab is a space", BYTES("a\tb"), TUI_TEXT_MULTILINE, "a b", 0, 0},
    {"one line: a newline is a space", BYTES("a\nb"), 0, "a b", 0, 0},
    {"several lines keep newlines", BYTES("a\nb"), TUI_TEXT_MULTILINE, "a\nb", 0, 0},
    {"CR is a control", BYTES("a\r\nb"), TUI_TEXT_MULTILINE, "a\nb", 1, 0},
    {"bytes that are not UTF-8", BYTES("caf\xe9 \xff!"), 0, "caf !", 0, 2},
    {"an overlong sequence, byte by byte",
     BYTES("\xC0\xAF"
           "a"),
     0, "a", 0, 2},
    {"everything at once",
     BYTES("\x1b]0;t\x07\xC2\x9B\x7f\xE2\x80\xAE\xFF"
           "ok"),
     TUI_TEXT_MULTILINE, "]0;tok", 5, 1},
};

static void test_answer(void)
{
    for (size_t i = 0; i < sizeof answer_rows / sizeof *answer_rows; i++) {
        const char *label = answer_rows[i].label;
        struct tui_text_left_out left;
        char *out = malloc(answer_rows[i].n + 1);
        memcpy(out, answer_rows[i].s, answer_rows[i].n);
        size_t n = tui_text_answer(out, answer_rows[i].n, answer_rows[i].flags, &left);
        ROW_STR(out, answer_rows[i].want, label);
        ROW_INT(n, strlen(answer_rows[i].want), label);
        ROW_INT(left.characters, answer_rows[i].characters, label);
        ROW_INT(left.bad_bytes, answer_rows[i].bad_bytes, label);
        /* what an answer keeps is shown as it is: the sanitiser leaves it alone */
        char *shown = out ? tui_text_sanitize(out, strlen(out), answer_rows[i].flags) : NULL;
        ROW_STR(shown, out, label);
        free(shown);
        free(out);
    }
    char buf[200];
    struct tui_text_left_out left = {0};
    CHECK(tui_text_left_out_note(&left, buf, sizeof buf) == NULL);
    left.characters = 1;
    CHECK_STR(tui_text_left_out_note(&left, buf, sizeof buf),
              "1 control or invisible character was left out: an answer cannot hold one.");
    left.characters = 3;
    CHECK_STR(tui_text_left_out_note(&left, buf, sizeof buf),
              "3 control or invisible characters were left out: an answer cannot hold them.");
    left = (struct tui_text_left_out){.bad_bytes = 1};
    CHECK_STR(tui_text_left_out_note(&left, buf, sizeof buf),
              "1 byte that is not UTF-8 text was left out (is your terminal set to UTF-8?).");
    left.characters = 2;
    CHECK_STR(tui_text_left_out_note(&left, buf, sizeof buf),
              "2 control or invisible characters and 1 byte that is not UTF-8 text were left"
              " out.");
}

/* Numbers shown in fields read back as the same value: no exponent, no rounding to 6 digits. */
static void test_numbers(void)
{
    static const struct {
        double v;
        const char *text;
    } cases[] = {{0, "0"},
                 {-2, "-2"},
                 {2.5, "2.5"},
                 {1234567, "1234567"},
                 {102880.58, "102880.58"},
                 {123456789012, "123456789012"},
                 {0.1, "0.1"},
                 {1e-9, "1e-09"},
                 {1e20, "1e+20"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[64];
        tui_number_format(cases[i].v, out, sizeof out);
        CHECK_STR(out, cases[i].text);
    }
}

/* The one rule for a typed number, both faces: digits with an optional minus, a point for the
 * decimals, commas only between groups of three; anything else is refused with the form to use,
 * never read as some other number. */
static void test_parse_numbers(void)
{
    static const struct {
        const char *text;
        double v;        /* when taken */
        const char *why; /* NULL: taken; else a word the reason must hold */
    } cases[] = {
        {"2400", 2400, NULL},
        {"2,400", 2400, NULL},
        {"2400.5", 2400.5, NULL},
        {"2,400.50", 2400.5, NULL},
        {"1,234,567.89", 1234567.89, NULL},
        {"-3", -3, NULL},
        {"-0", 0, NULL},
        {"0.25", 0.25, NULL},
        {".5", 0.5, NULL},
        {"  42  ", 42, NULL},
        {"\t7", 7, NULL},
        {"123456789012345", 123456789012345.0, NULL},
        {"2.400,50", 0, "2,400.50"}, /* a decimal comma: 2400.5 or 2.4005? refused, not guessed */
        {"2,5", 0, "2,400.50"},
        {"1,23", 0, "2,400.50"},
        {",200", 0, "2,400.50"},
        {"2,400,", 0, "2,400.50"},
        {"1234,567", 0, "2,400.50"},
        {"12,34,567", 0, "2,400.50"},
        {"2,400.5,0", 0, "2,400.50"},
        {"2k", 0, "digits"},
        {"1e3", 0, "digits"},
        {"abc", 0, "digits"},
        {"2 400", 0, "digits"},
        {"4 2", 0, "digits"},
        {"", 0, "digits"},
        {"   ", 0, "digits"},
        {"-", 0, "digits"},
        {".", 0, "digits"},
        {"--3", 0, "digits"},
        {"+3", 3, NULL}, /* as the flow log's stops write energy: +1 */
        {"+-3", 0, "digits"},
        {"++3", 0, "digits"},
        {"+", 0, "digits"},
        {"1..5", 0, "digits"},
        {"0x10", 0, "digits"},
        {"inf", 0, "digits"},
        {"nan", 0, "digits"},
        {"$20", 0, "digits"},
        {"1234567890123456", 0, "15 digits"},
        {"0.1234567890123456", 0, "15 digits"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double v = -1;
        const char *why = tui_number_parse(cases[i].text, &v);
        char label[96];
        snprintf(label, sizeof label, "\"%s\" %s", cases[i].text,
                 cases[i].why ? "is refused with the form" : "is taken");
        if (!cases[i].why) {
            ROW(why == NULL && v == cases[i].v, label);
            if (why)
                printf("#   reason: %s\n", why);
        } else {
            ROW(why && strstr(why, cases[i].why), label);
        }
    }
    double v;
    CHECK(tui_number_parse("-0", &v) == NULL && !signbit(v)); /* shown as 0, not -0 */

    /* an amount: commas between thousands, cents when there are any, read back the same */
    static const struct {
        double v;
        const char *shown;
    } amounts[] = {{2050.5, "2,050.50"}, {2400, "2,400"},    {0, "0"},
                   {999.999, "1,000"},   {-12.05, "-12.05"}, {1234567.8, "1,234,567.80"},
                   {0.5, "0.50"},        {100000, "100,000"}};
    for (size_t i = 0; i < sizeof amounts / sizeof *amounts; i++) {
        char out[48];
        tui_number_format_amount(amounts[i].v, out, sizeof out);
        CHECK_STR(out, amounts[i].shown);
        double back = 0;
        CHECK(tui_number_parse(out, &back) == NULL &&
              fabs(back - round(amounts[i].v * 100) / 100) < 1e-9);
    }
}

/* Folding (base/fold.h): what the page find, the skills list and the search of one's writing
 * treat as the same words. */
static void test_fold(void)
{
    static const struct {
        const char *text, *folded, *key;
    } rows[] = {
        {"Café", "cafe", "cafe"},
        {"CAF" E_ACUTE, "cafe", "cafe"},
        {"  Problem-Solving  ", "problem-solving", "problemsolving"},
        {"problem \t\n solving", "problem solving", "problemsolving"},
        {"Stra\xC3\x9F"
         "e",
         "strasse", "strasse"},                   /* ß folds to ss */
        {"\xEF\xAC\x81le", "file", "file"},       /* the fi ligature */
        {"\xEF\xBC\xA1\xEF\xBC\xA2", "ab", "ab"}, /* full-width A B */
        {"Data_entry. Skills", "data_entry. skills", "dataentryskills"},
        {"Ελληνικά", "ελληνικα", "ελληνικα"},
        {"\xE2\x80\x83"
         "em\xE2\x80\x83"
         "space\xE2\x80\x83",
         "em space", "emspace"},
        {"", "", ""},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        size_t len = 99;
        char *folded = dt_fold(rows[i].text, &len), *key = dt_fold_key(rows[i].text);
        ROW_STR(folded, rows[i].folded, rows[i].folded);
        ROW_INT(len, strlen(rows[i].folded), "the length is the folded text's");
        ROW_STR(key, rows[i].key, rows[i].key);
        free(folded);
        free(key);
    }
    /* dt_fold_find folds as dt_fold does: each text holds its own folding, as a whole */
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        size_t start = 99, end = 99;
        const char *t = rows[i].text;
        bool found = dt_fold_find(t, rows[i].folded, &start, &end);
        ROW(found == (rows[i].folded[0] != '\0'), rows[i].folded);
        ROW_INT(start, found ? strspn(t, " \t\n") + (strncmp(t, "\xE2\x80\x83", 3) == 0) * 3 : 99,
                rows[i].folded);
    }
    size_t start = 0, end = 0;
    const char *cafe = "Le Caf" E_ACUTE "  du coin";
    CHECK(dt_fold_find(cafe, "cafe du", &start, &end));
    CHECK_INT(start, 3);
    CHECK_INT(end, strlen("Le Caf" E_ACUTE "  du")); /* the accent's bytes and both spaces */
    CHECK(dt_fold_find("Stra\xC3\x9F"
                       "e",
                       "ras", &start, &end));
    CHECK_INT(start, 2);
    CHECK_INT(end, 6); /* half of ss is the whole ß */
    CHECK(!dt_fold_find("Le Caf" E_ACUTE, "cafes", &start, &end));
    CHECK(!dt_fold_find("bad \xFF", "bad", &start, &end));
    ROW(dt_fold("\xC3\x28", NULL) == NULL, "invalid UTF-8 is no text to fold");
    ROW(dt_fold_key("bad \xFF") == NULL, "invalid UTF-8 gives no key");
    ROW(tui_find_in("Le Café  du coin", "cafe du"), "the page find folds case, accents, spaces");
    ROW(!tui_find_in("Le Café", "cafes"), "and finds only what is there");
}

/* A find that lands on a row of a text field puts the cursor on the words there. */
static void test_find_cursor(void)
{
    struct tui_editor e;
    tui_editor_init(&e, true);
    CHECK_INT(tui_editor_set(&e, "Caf" E_ACUTE " one.\nNothing.\nTwo cafes, three CAFE."), 0);
    CHECK(tui_find_cursor(&e, 40, 0, "cafe"));
    CHECK_INT(e.cur, 0);
    CHECK(tui_find_cursor(&e, 40, 2, "cafe")); /* the third row: its first place */
    CHECK_INT(e.cur, strlen("Caf" E_ACUTE " one.\nNothing.\nTwo "));
    CHECK(tui_find_cursor(&e, 40, 1, "cafe")); /* a row without it: the next place */
    CHECK_INT(e.cur, strlen("Caf" E_ACUTE " one.\nNothing.\nTwo "));
    CHECK(tui_find_cursor(&e, 40, 9, "one")); /* past the end: the first place */
    CHECK_INT(e.cur, strlen("Caf" E_ACUTE " "));
    size_t was = e.cur;
    CHECK(!tui_find_cursor(&e, 40, 0, "tea")); /* not there: the cursor stays */
    CHECK_INT(e.cur, was);
    CHECK(!tui_find_cursor(&e, 40, 0, ""));
    /* the words broke across soft rows at 8 columns: "three" starts the last row, "two cafes"
     * spans two; found from the row they end on, the cursor goes to the first place */
    CHECK(tui_find_cursor(&e, 8, 4, "two cafes"));
    CHECK_INT(e.cur, strlen("Caf" E_ACUTE " one.\nNothing.\n"));
    tui_editor_free(&e);
}

int main(void)
{
    setlocale(LC_CTYPE, ""); /* the widths are ncurses', which draws in the locale (C.UTF-8 here) */
    RUN(test_numbers);
    RUN(test_parse_numbers);
    RUN(test_widths);
    RUN(test_unjoin);
    RUN(test_wrap);
    RUN(test_fit);
    RUN(test_navigation);
    RUN(test_escape_corpus);
    RUN(test_every_code_point);
    RUN(test_huge_input);
    RUN(test_file_policy);
    RUN(test_answer);
    RUN(test_fold);
    RUN(test_find_cursor);
    return check_done();
}
