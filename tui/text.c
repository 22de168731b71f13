#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* wcwidth (ncursesw's flags define it too) */
#endif
#include "text.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>
#include <wchar.h>

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */
#define ELLIPSIS "\xE2\x80\xA6"    /* U+2026, one column */

struct buf {
    char *data;
    size_t len, cap;
};

static int put(struct buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown)
            return -1;
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

/* Code points that pass the UTF-8 check but must not reach a terminal as they are. */
static int needs_placeholder(ucs4_t c)
{
    /* C1 controls: terminals that honour 8-bit controls take U+009B as CSI, U+009D as OSC. */
    if (c >= 0x80 && c <= 0x9F)
        return 1;
    /* Unicode's whole Bidi_Control set (the test checks this list against libunistring's
     * property): embeddings, overrides and isolates reorder what follows them ("Trojan Source"),
     * and the marks ALM, LRM and RLM, though weaker, are invisible and still move neutrals. */
    if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
        (c >= 0x2066 && c <= 0x2069))
        return 1;
    /* Line and paragraph separators: some terminals and pagers treat them as newlines. */
    if (c == 0x2028 || c == 0x2029)
        return 1;
    /* ZERO WIDTH NO-BREAK SPACE / byte order mark: invisible and zero wide, so inside text it
     * can only hide something (two titles that look alike but differ). */
    if (c == 0xFEFF)
        return 1;
    /* Tag characters: invisible, and each stands for an ASCII letter, so a run of them hides a
     * whole sentence in plain sight ("ASCII smuggling"). Only a subdivision flag keeps them
     * (flag_len). */
    if (c >= 0xE0000 && c <= 0xE007F)
        return 1;
    return 0;
}

#define BLACK_FLAG 0x1F3F4
#define CANCEL_TAG 0xE007F

/* Bytes of the subdivision flag at p (Scotland: U+1F3F4, the tags "gbsct", U+E007F), or 0 when
 * none starts there. Unicode's emoji tag sequence holds a CLDR subdivision id: 3 to 7 tag
 * letters (a-z) and digits, so at most seven hidden ASCII characters, which cannot carry a
 * sentence. */
static size_t flag_len(const uint8_t *p, const uint8_t *end)
{
    ucs4_t c;
    int len = u8_mbtoucr(&c, p, (size_t)(end - p));
    if (len < 0 || c != BLACK_FLAG)
        return 0;
    const uint8_t *q = p + len;
    for (int tags = 0; tags <= 7; tags++) {
        len = u8_mbtoucr(&c, q, (size_t)(end - q));
        if (len < 0)
            return 0;
        q += len;
        if (c == CANCEL_TAG)
            return tags >= 3 ? (size_t)(q - p) : 0;
        if (!((c >= 0xE0030 && c <= 0xE0039) || (c >= 0xE0061 && c <= 0xE007A)))
            return 0;
    }
    return 0;
}

/* What one code point, or one invalid byte, of the input becomes. */
struct piece {
    const char *bytes; /* into the input, or into tmp */
    size_t len;
    enum { AS_IS, SPACING, PLACEHOLDER, BAD_BYTE } kind; /* SPACING: a newline or tab */
    char tmp[16];
};

/* The sanitiser's single step at p (p < end), shared by tui_text_sanitize and tui_text_column
 * so that a cursor column is measured on exactly what the screen shows. Returns the input bytes
 * used (at least 1). */
static size_t clean_step(const uint8_t *p, const uint8_t *end, int flags, struct piece *out)
{
    ucs4_t c;
    int len = u8_mbtoucr(&c, p, (size_t)(end - p));
    out->bytes = out->tmp;
    out->kind = PLACEHOLDER;
    if (len < 0) { /* invalid or truncated sequence: one byte becomes U+FFFD */
        memcpy(out->tmp, REPLACEMENT, 3);
        out->len = 3;
        out->kind = BAD_BYTE;
        return 1;
    }
    size_t flag = c == BLACK_FLAG ? flag_len(p, end) : 0;
    if (flag) { /* the flag and its tags, whole */
        len = (int)flag;
        out->bytes = (const char *)p;
        out->len = flag;
        out->kind = AS_IS;
    } else if (c == '\n') {
        out->tmp[0] = flags & (TUI_TEXT_MULTILINE | TUI_TEXT_FILE) ? '\n' : ' ';
        out->len = 1;
        out->kind = SPACING;
    } else if (c == '\t') {
        out->tmp[0] = flags & TUI_TEXT_FILE ? '\t' : ' ';
        out->len = 1;
        out->kind = SPACING;
    } else if (c < 0x20 || c == 0x7F) {
        out->tmp[0] = '^';
        out->tmp[1] = c == 0x7F ? '?' : (char)(c + 0x40);
        out->len = 2;
    } else if (needs_placeholder(c)) {
        int k = snprintf(out->tmp, sizeof out->tmp, "<U+%04X>", (unsigned)c);
        out->len = (size_t)k;
    } else {
        out->bytes = (const char *)p;
        out->len = (size_t)len;
        out->kind = AS_IS;
    }
    return (size_t)len;
}

char *tui_text_sanitize(const char *s, size_t n, int flags)
{
    struct buf b = {0};
    if (put(&b, "", 0) != 0)
        return NULL;
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    int rc = 0;
    while (p < end && rc == 0) {
        struct piece pc;
        p += clean_step(p, end, flags, &pc);
        rc = put(&b, pc.bytes, pc.len);
    }
    if (rc != 0) {
        free(b.data);
        return NULL;
    }
    return b.data;
}

size_t tui_text_answer(char *s, size_t n, int flags, struct tui_text_left_out *left)
{
    *left = (struct tui_text_left_out){0};
    /* what is kept is never longer than what it came from (a piece as it is, or one byte for a
     * newline or tab), so it is written over the text already read */
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    size_t kept = 0;
    while (p < end) {
        struct piece pc;
        p += clean_step(p, end, flags & TUI_TEXT_MULTILINE, &pc);
        if (pc.kind == BAD_BYTE) {
            left->bad_bytes++;
        } else if (pc.kind == PLACEHOLDER) {
            left->characters++;
        } else {
            memmove(s + kept, pc.bytes, pc.len);
            kept += pc.len;
        }
    }
    s[kept] = '\0';
    return kept;
}

const char *tui_text_left_out_note(const struct tui_text_left_out *left, char *buf, size_t size)
{
    size_t c = left->characters, k = left->bad_bytes;
    if (c && k)
        snprintf(buf, size,
                 "%zu control or invisible character%s and %zu byte%s that %s not"
                 " UTF-8 text were left out.",
                 c, c == 1 ? "" : "s", k, k == 1 ? "" : "s", k == 1 ? "is" : "are");
    else if (c)
        snprintf(buf, size,
                 "%zu control or invisible character%s left out: an answer"
                 " cannot hold %s.",
                 c, c == 1 ? " was" : "s were", c == 1 ? "one" : "them");
    else if (k)
        snprintf(buf, size,
                 "%zu byte%s that %s not UTF-8 text %s left out (is your terminal"
                 " set to UTF-8?).",
                 k, k == 1 ? "" : "s", k == 1 ? "is" : "are", k == 1 ? "was" : "were");
    else
        return NULL;
    return buf;
}

/* Columns of n bytes of clean UTF-8: each code point's cells as ncurses gives them, which is
 * what the full screen draws with and where its cursor goes. ncurses gives a code point
 * wcwidth() cells in the locale it draws in, and one cell when wcwidth has no answer (-1: an
 * unassigned code point); a zero-width one joins the cell before. libunistring's widths differ
 * from the C library's for some 65,000 code points (U+00AD, U+0600, Kannada vowel signs,
 * unassigned ones in wide blocks...), and each difference left stray cells on the screen, so
 * the C library's count. Outside a multibyte locale (no setlocale yet; the C locale) wcwidth
 * knows only ASCII and nothing is drawn anyway: libunistring's width then, as before. */
static int columns(const char *s, size_t n)
{
    bool locale_widths = MB_CUR_MAX > 1;
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    int w = 0;
    while (p < end) {
        ucs4_t c;
        p += u8_mbtouc(&c, p, (size_t)(end - p));
        int cw = locale_widths ? wcwidth((wchar_t)c) : uc_width(c, "UTF-8");
        w += cw >= 0 ? cw : locale_widths ? 1 : 0;
    }
    return w;
}

size_t tui_text_width(const char *s)
{
    return (size_t)columns(s, strlen(s));
}

size_t tui_text_unjoin(char *s)
{
    static const char zwj[] = "\xE2\x80\x8D";
    size_t w = 0;
    for (const char *p = s; *p;) {
        if (strncmp(p, zwj, 3) == 0) { /* strncmp: stops at the end of s */
            p += 3;
            continue;
        }
        s[w++] = *p++;
    }
    s[w] = '\0';
    return w;
}

int tui_text_put_line(FILE *out, const char *s)
{
    char *clean = tui_text_sanitize(s, strlen(s), 0);
    if (!clean)
        return -1;
    int rc = fputs(clean, out) < 0 || fputc('\n', out) == EOF ? -1 : 0;
    free(clean);
    return rc;
}

/* Grapheme cluster boundaries of s[0..n). libunistring 1.0's u8_grapheme_next/prev judge each
 * pair of code points alone, so they split emoji ZWJ sequences (a family) and cannot pair
 * regional indicators (two flags side by side); u8_grapheme_breaks applies the rules over the
 * whole run, so boundaries come from it, and u8_grapheme_next is only the fallback when the
 * array cannot be allocated. */
struct graphemes {
    const uint8_t *s;
    size_t n;
    char *br; /* br[i] != 0: a cluster starts at i; NULL: out of memory, step pairwise */
    char small[256];
};

static void graphemes_init(struct graphemes *g, const char *s, size_t n)
{
    g->s = (const uint8_t *)s;
    g->n = n;
    g->br = n <= sizeof g->small ? g->small : malloc(n);
    if (g->br && n > 0)
        u8_grapheme_breaks(g->s, n, g->br);
}

/* The first boundary after i (i < n), or n. */
static size_t graphemes_next(const struct graphemes *g, size_t i)
{
    if (g->br) {
        for (i++; i < g->n && !g->br[i]; i++)
            ;
        return i;
    }
    return (size_t)(u8_grapheme_next(g->s + i, g->s + g->n) - g->s);
}

static void graphemes_done(struct graphemes *g)
{
    if (g->br != g->small)
        free(g->br);
    g->br = NULL;
}

/* Start of the line holding off: just after the last newline before it. */
static size_t line_start(const char *s, size_t off)
{
    while (off > 0 && s[off - 1] != '\n')
        off--;
    return off;
}

/* End of the line holding off: the first newline at or after it, or n. */
static size_t line_end(const char *s, size_t n, size_t off)
{
    while (off < n && s[off] != '\n')
        off++;
    return off;
}

/* Cursor moves look at one line only: a newline is always a cluster boundary (GB4/GB5), so the
 * rest of the buffer cannot change the answer, and a long answer costs one line per key. */
size_t tui_text_next_grapheme(const char *s, size_t n, size_t off)
{
    if (off >= n)
        return n;
    if (s[off] == '\n')
        return off + 1;
    size_t a = line_start(s, off), b = line_end(s, n, off);
    struct graphemes g;
    graphemes_init(&g, s + a, b - a);
    size_t next = a + graphemes_next(&g, off - a);
    graphemes_done(&g);
    return next;
}

size_t tui_text_prev_grapheme(const char *s, size_t n, size_t off)
{
    if (off > n)
        off = n;
    if (off == 0)
        return 0;
    if (s[off - 1] == '\n')
        return off - 1;
    size_t a = line_start(s, off), b = line_end(s, n, off);
    struct graphemes g;
    graphemes_init(&g, s + a, b - a);
    size_t prev = 0, rel = off - a;
    for (size_t i = 0; i < rel;) {
        size_t j = graphemes_next(&g, i);
        if (j >= rel)
            break;
        prev = i = j;
    }
    graphemes_done(&g);
    return a + prev;
}

size_t tui_text_graphemes(const char *s, size_t n)
{
    struct graphemes g;
    graphemes_init(&g, s, n);
    size_t count = 0;
    for (size_t i = 0; i < n; i = graphemes_next(&g, i))
        count++;
    graphemes_done(&g);
    return count;
}

size_t tui_text_clusters_len(const char *s, size_t n, size_t k)
{
    struct graphemes g;
    graphemes_init(&g, s, n);
    size_t at = 0;
    for (size_t i = 0; i < k && at < n; i++)
        at = graphemes_next(&g, at);
    graphemes_done(&g);
    return at;
}

size_t tui_text_column(const char *s, size_t n, size_t off)
{
    if (off > n)
        off = n;
    const uint8_t *p = (const uint8_t *)s + line_start(s, off);
    const uint8_t *stop = (const uint8_t *)s + off, *end = (const uint8_t *)s + n;
    size_t col = 0;
    while (p < stop) {
        struct piece pc;
        /* Decode against the whole buffer, so a character that straddles off is seen whole
         * (and not counted) rather than taken for a truncated sequence. */
        size_t used = clean_step(p, end, 0, &pc);
        if (used > (size_t)(stop - p))
            break;
        col += (size_t)columns(pc.bytes, pc.len);
        p += used;
    }
    return col;
}

size_t tui_text_fit_len(const char *s, size_t n, int cols, int *width)
{
    size_t i = 0;
    int w = 0;
    if (cols > 0 && n > 0) {
        struct graphemes g;
        graphemes_init(&g, s, n);
        while (i < n) {
            size_t j = graphemes_next(&g, i);
            int cw = columns(s + i, j - i);
            if (cw > cols - w)
                break;
            w += cw;
            i = j;
        }
        graphemes_done(&g);
    }
    if (width)
        *width = w;
    return i;
}

char *tui_text_fit(const char *s, int cols, int flags)
{
    char *clean = tui_text_sanitize(s, strlen(s), 0);
    if (!clean)
        return NULL;
    size_t n = strlen(clean);
    if (cols <= 0) {
        clean[0] = '\0';
        return clean;
    }
    size_t k = tui_text_fit_len(clean, n, cols, NULL);
    if (k == n)
        return clean;
    if (!(flags & TUI_TEXT_ELLIPSIS)) {
        clean[k] = '\0';
        return clean;
    }
    /* The ellipsis takes the last column; spaces before it would only push it away from the
     * word it stands for. */
    k = tui_text_fit_len(clean, n, cols - 1, NULL);
    while (k > 0 && clean[k - 1] == ' ')
        k--;
    char *cut = malloc(k + sizeof ELLIPSIS);
    if (cut) {
        memcpy(cut, clean, k);
        memcpy(cut + k, ELLIPSIS, sizeof ELLIPSIS);
    }
    free(clean);
    return cut;
}

void tui_text_lines_free(struct tui_lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->lines[i]);
    free(l->lines);
    l->lines = NULL;
    l->n = 0;
}

struct wrap {
    struct tui_lines *out;
    size_t cap;
    char *br, *opp; /* scratch, one byte per input byte each */
};

/* Appends one line: prefix (or, when prefix is NULL, plen spaces) then seg, less trailing
 * spaces. */
static int add_line(struct wrap *w, const char *prefix, size_t plen, const char *seg, size_t slen)
{
    if (w->out->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        char **grown = realloc(w->out->lines, cap * sizeof *grown);
        if (!grown)
            return -1;
        w->out->lines = grown;
        w->cap = cap;
    }
    char *line = malloc(plen + slen + 1);
    if (!line)
        return -1;
    if (prefix)
        memcpy(line, prefix, plen);
    else
        memset(line, ' ', plen);
    memcpy(line + plen, seg, slen);
    size_t len = plen + slen;
    while (len > 0 && line[len - 1] == ' ')
        len--;
    line[len] = '\0';
    w->out->lines[w->out->n++] = line;
    return 0;
}

/* The piece of text at a: it runs to the next break opportunity in opp, *b (or n), and its
 * text without the trailing spaces ends at *e. */
static void piece_at(const char *s, const char *opp, size_t n, size_t a, size_t *b, size_t *e)
{
    size_t i = a + 1;
    while (i < n && opp[i] != UC_BREAK_POSSIBLE)
        i++;
    *b = i;
    while (i > a && s[i - 1] == ' ')
        i--;
    *e = i;
}

/* Wraps one paragraph (no newline in it) s[0..n) to width columns; the first line starts with
 * first[0..indent), the others with indent spaces.
 * Break opportunities come from u8_possible_linebreaks (UAX #14), clusters from
 * u8_grapheme_breaks and widths from columns(); the greedy fill is done here rather than by
 * u8_width_linebreaks because that one counts the spaces after a word against the line, so a
 * line whose last word ends exactly at the margin ("plain text" at 10) lost that word to the
 * next line. Here a piece's trailing spaces count only when more text follows on the line. */
static int wrap_run(struct wrap *w, const char *s, size_t n, int width, const char *first,
                    size_t indent)
{
    if (n == 0)
        return add_line(w, first, indent, "", 0);
    const uint8_t *u = (const uint8_t *)s;
    u8_grapheme_breaks(u, n, w->br);
    u8_possible_linebreaks(u, n, "UTF-8", w->opp);

    /* A piece (the text between two opportunities) wider than the line, such as a URL, gets
     * every cluster boundary inside it as an opportunity: the fill then cuts it where the line
     * is full, and never inside a cluster. A single cluster wider than the line stays whole.
     * The paragraph holds no mandatory break: the sanitiser turned every such character (CR,
     * VT, FF, NEL, U+2028/9) into a placeholder. */
    for (size_t a = 0; a < n;) {
        size_t b, e;
        piece_at(s, w->opp, n, a, &b, &e);
        if (columns(s + a, e - a) > width)
            for (size_t i = a + 1; i < e; i++)
                if (w->br[i])
                    w->opp[i] = UC_BREAK_POSSIBLE;
        a = b;
    }

    size_t start = 0; /* where the current line starts */
    int col = 0;      /* its columns so far, spaces after its last piece included */
    int rc = 0;
    for (size_t a = 0; a < n && rc == 0;) {
        size_t b, e;
        piece_at(s, w->opp, n, a, &b, &e);
        int text = columns(s + a, e - a);
        if (a > start && text > width - col) {
            rc = add_line(w, start == 0 ? first : NULL, indent, s + start, a - start);
            start = a;
            col = 0;
            /* a cut inside a piece may land after a space the piece holds (as in "a )") */
            while (start < e && s[start] == ' ')
                start++;
        }
        col += columns(s + a, b - a);
        a = b;
    }
    if (rc == 0)
        rc = add_line(w, start == 0 ? first : NULL, indent, s + start, n - start);
    return rc;
}

/* One hard line: a list item with TUI_TEXT_HANGING wraps its text in the columns right of the
 * marker; anything else wraps at full width. */
static int wrap_paragraph(struct wrap *w, const char *s, size_t n, int width, int flags)
{
    if (flags & TUI_TEXT_HANGING) {
        size_t i = 0;
        while (i < n && s[i] == ' ')
            i++;
        if (i + 1 < n && (s[i] == '-' || s[i] == '*') && s[i + 1] == ' ') {
            size_t h = i + 1;
            while (h < n && s[h] == ' ')
                h++;
            /* Only when the text keeps at least one column; a marker as wide as the line
             * would leave none. */
            if ((size_t)width > h)
                return wrap_run(w, s + h, n - h, width - (int)h, s, h);
        }
    }
    return wrap_run(w, s, n, width, "", 0);
}

int tui_text_wrap(const char *s, int width, int flags, struct tui_lines *out)
{
    out->lines = NULL;
    out->n = 0;
    if (width < 1)
        width = 1;
    char *clean = tui_text_sanitize(s, strlen(s), TUI_TEXT_MULTILINE);
    if (!clean)
        return -1;
    size_t len = strlen(clean);
    struct wrap w = {.out = out};
    char *scratch = malloc(2 * len + 1);
    if (!scratch) {
        free(clean);
        return -1;
    }
    w.br = scratch;
    w.opp = scratch + len;
    int rc = 0;
    size_t pos = 0;
    while (pos < len && rc == 0) {
        const char *nl = memchr(clean + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - clean) : len;
        rc = wrap_paragraph(&w, clean + pos, end - pos, width, flags);
        pos = nl ? end + 1 : len;
    }
    free(scratch);
    free(clean);
    if (rc != 0)
        tui_text_lines_free(out);
    return rc;
}
