/* The palette (tui/palette.c): colours and fonts a user can keep, WCAG contrast, colour-mode
 * detection, nearest xterm colours, and role styles. All of it is the pure part: no terminal. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "palette.h"
#include "users.h"

/* Contrast to two decimals, rounded, as an integer so CHECK_INT can show both sides. */
static long hundredths(double x)
{
    return (long)(x * 100.0 + 0.5);
}

static void test_contrast_known(void)
{
    static const struct {
        uint32_t a, b;
        long want; /* ratio x 100 */
    } rows[] = {
        {0x000000, 0xFFFFFF, 2100}, /* the largest there is */
        {0xFFFFFF, 0x000000, 2100}, /* symmetric */
        {0x777777, 0x777777, 100},  /* equal colours */
        {0xFBF6E9, 0xFBF6E9, 100},
        {0x767676, 0xFFFFFF, 454}, /* the darkest grey that passes AA on white... */
        {0x777777, 0xFFFFFF, 448}, /* ...and the one just too light */
        {0xFF0000, 0xFFFFFF, 400},
        {0x0000FF, 0xFFFFFF, 859},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        CHECK_INT(hundredths(tui_palette_contrast(rows[i].a, rows[i].b)), rows[i].want);
    CHECK(tui_palette_luminance(0x000000) == 0.0);
    CHECK(tui_palette_luminance(0xFFFFFF) == 1.0);
}

static int is_id(const char *s)
{
    if (!s || !*s)
        return 0;
    for (; *s; s++)
        if (!islower((unsigned char)*s))
            return 0;
    return 1;
}

static void test_tables(void)
{
    struct user_settings set;
    int bad = 0;
    for (int i = 0; i < TUI_PALETTE_NBACKGROUNDS; i++) {
        const struct tui_palette_colour *c = &tui_palette_backgrounds[i];
        if (!is_id(c->id) || strlen(c->id) >= sizeof set.background_color || !c->name[0] ||
            c->rgb > 0xFFFFFF || tui_palette_find_background(c->id) != i) {
            printf("#   bad background %d\n", i);
            bad++;
        }
    }
    for (int i = 0; i < TUI_PALETTE_NTEXTS; i++) {
        const struct tui_palette_colour *c = &tui_palette_texts[i];
        if (!is_id(c->id) || strlen(c->id) >= sizeof set.text_color || !c->name[0] ||
            c->rgb > 0xFFFFFF || tui_palette_find_text(c->id) != i) {
            printf("#   bad text colour %d\n", i);
            bad++;
        }
    }
    for (int i = 0; i < TUI_PALETTE_NFONTS; i++) {
        const struct tui_palette_font *f = &tui_palette_fonts[i];
        if (!is_id(f->id) || strlen(f->id) >= sizeof set.font || !f->name[0] || !f->summary[0] ||
            tui_palette_find_font(f->id) != i) {
            printf("#   bad font %d\n", i);
            bad++;
        }
    }
    CHECK_INT(bad, 0);
    /* the spec's defaults and examples */
    CHECK(tui_palette_find_background("cream") >= 0);
    CHECK(tui_palette_find_background("sage") >= 0);
    CHECK(tui_palette_find_text("charcoal") >= 0);
    CHECK(tui_palette_find_font("system") >= 0);
    CHECK(tui_palette_find_font("serif") >= 0);
    CHECK_INT(tui_palette_find_background("Cream"), -1);
    CHECK_INT(tui_palette_find_text(NULL), -1);
    CHECK_INT(tui_palette_find_font(""), -1);
}

static void test_pairs(void)
{
    int wrong = 0, crossed = 0;
    for (int bg = 0; bg < TUI_PALETTE_NBACKGROUNDS; bg++) {
        for (int fg = 0; fg < TUI_PALETTE_NTEXTS; fg++) {
            double c = tui_palette_contrast(tui_palette_backgrounds[bg].rgb,
                                            tui_palette_texts[fg].rgb);
            bool ok = tui_palette_pair_ok(bg, fg);
            printf("#   %-6s %-9s %5.2f %s\n", tui_palette_backgrounds[bg].id,
                   tui_palette_texts[fg].id, c, ok ? "allowed" : "refused");
            if (ok != (c >= 4.5))
                wrong++;
            /* light pages take dark text and dark pages light text, and nothing else */
            if (ok != (tui_palette_backgrounds[bg].dark == tui_palette_texts[fg].dark))
                crossed++;
        }
    }
    CHECK_INT(wrong, 0);
    CHECK_INT(crossed, 0);
    for (int bg = 0; bg < TUI_PALETTE_NBACKGROUNDS; bg++) {
        int allowed[TUI_PALETTE_NTEXTS];
        size_t n = tui_palette_allowed_texts(bg, allowed);
        CHECK(n >= 2);
        int listed_ok = 1;
        for (size_t i = 0; i < n; i++)
            listed_ok &= tui_palette_pair_ok(bg, allowed[i]) &&
                         (i == 0 || allowed[i] > allowed[i - 1]);
        size_t count = 0;
        for (int fg = 0; fg < TUI_PALETTE_NTEXTS; fg++)
            count += tui_palette_pair_ok(bg, fg);
        CHECK(listed_ok && count == n);
    }
    CHECK(tui_palette_pair_ok(tui_palette_find_background("cream"),
                              tui_palette_find_text("charcoal")));
    CHECK(!tui_palette_pair_ok(-1, 0));
    CHECK(!tui_palette_pair_ok(0, TUI_PALETTE_NTEXTS));
    int none[TUI_PALETTE_NTEXTS];
    CHECK_INT(tui_palette_allowed_texts(TUI_PALETTE_NBACKGROUNDS, none), 0);
}

static void test_choose(void)
{
    /* a user_settings row as the store creates it */
    struct user_settings set = {.background_color = "cream",
                                .text_color = "charcoal",
                                .font = "system"};
    struct tui_palette_choice c, def = tui_palette_default_choice();
    CHECK_INT(tui_palette_choose(set.background_color, set.text_color, set.font, &c), 0);
    CHECK(c.background == def.background && c.text == def.text && c.font == def.font);
    CHECK_STR(tui_palette_backgrounds[def.background].id, "cream");
    CHECK_STR(tui_palette_texts[def.text].id, "charcoal");
    CHECK_STR(tui_palette_fonts[def.font].id, "system");

    CHECK_INT(tui_palette_choose("sage", "forest", "serif", &c), 0);
    CHECK_STR(tui_palette_fonts[c.font].id, "serif");

    CHECK_INT(tui_palette_choose("plaid", "charcoal", "system", &c), TUI_PALETTE_FIXED_BACKGROUND);
    CHECK_INT(c.background, def.background);
    CHECK_INT(tui_palette_choose("cream", NULL, "comic", &c),
              TUI_PALETTE_FIXED_TEXT | TUI_PALETTE_FIXED_FONT);
    CHECK(c.text == def.text && c.font == def.font);
    /* a refused pair: the first text colour allowed on that background */
    CHECK_INT(tui_palette_choose("night", "charcoal", "mono", &c), TUI_PALETTE_FIXED_PAIR);
    CHECK_STR(tui_palette_texts[c.text].id, "ivory");
    CHECK_STR(tui_palette_fonts[c.font].id, "mono");
    /* an unknown text on a dark page: the default charcoal would be refused too */
    CHECK_INT(tui_palette_choose("slate", "plaid", "system", &c),
              TUI_PALETTE_FIXED_TEXT | TUI_PALETTE_FIXED_PAIR);
    CHECK(tui_palette_pair_ok(c.background, c.text));
}

static void test_detect(void)
{
    static const struct {
        const char *no_color, *colorterm;
        int colors;
        enum tui_palette_mode want;
    } rows[] = {
        {NULL, NULL, 8, TUI_PALETTE_8},
        {NULL, NULL, 16, TUI_PALETTE_8},
        {NULL, NULL, 256, TUI_PALETTE_256},
        {NULL, NULL, 0, TUI_PALETTE_MONO},
        {NULL, NULL, -1, TUI_PALETTE_MONO},
        {NULL, "truecolor", 256, TUI_PALETTE_TRUECOLOR},
        {NULL, "24bit", 8, TUI_PALETTE_TRUECOLOR},
        {NULL, "truecolor", 0, TUI_PALETTE_MONO}, /* no colour in terminfo: nothing to send */
        {NULL, "yes", 256, TUI_PALETTE_256},
        {NULL, "", 8, TUI_PALETTE_8},
        {"", NULL, 256, TUI_PALETTE_256}, /* NO_COLOR set but empty counts as unset */
        {"", "truecolor", 256, TUI_PALETTE_TRUECOLOR},
        {"1", NULL, 256, TUI_PALETTE_MONO},
        {"1", "truecolor", 256, TUI_PALETTE_MONO},
        {"0", NULL, 8, TUI_PALETTE_MONO}, /* any value at all */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        CHECK_STR(tui_palette_mode_name(
                      tui_palette_detect(rows[i].no_color, rows[i].colorterm, rows[i].colors)),
                  tui_palette_mode_name(rows[i].want));
}

static void test_nearest(void)
{
    static const struct {
        uint32_t rgb;
        int want;
    } rows256[] = {
        {0x000000, 16},  {0xFFFFFF, 231}, {0xFF0000, 196}, {0x00FF00, 46},  {0x0000FF, 21},
        {0x5F87AF, 67},  {0xD7AF87, 180}, {0x080808, 232}, {0x121212, 233}, {0x808080, 244},
        {0xEEEEEE, 255}, {0x767676, 243}, {0x090909, 232}, /* off by one still lands */
    };
    for (size_t i = 0; i < sizeof rows256 / sizeof rows256[0]; i++)
        CHECK_INT(tui_palette_nearest_256(rows256[i].rgb), rows256[i].want);
    int misses = 0;
    for (int i = 16; i < 256; i++)
        misses += tui_palette_nearest_256(tui_palette_xterm_rgb(i)) != i;
    CHECK_INT(misses, 0); /* every cube colour and grey finds itself */

    static const struct {
        uint32_t rgb;
        int want;
    } rows8[] = {
        {0x000000, 0}, {0xFF0000, 1}, {0x00FF00, 2}, {0xFFFF00, 3},
        {0x0000FF, 4}, {0xFF00FF, 5}, {0x00FFFF, 6}, {0xFFFFFF, 7},
    };
    for (size_t i = 0; i < sizeof rows8 / sizeof rows8[0]; i++)
        CHECK_INT(tui_palette_nearest_8(rows8[i].rgb), rows8[i].want);
    CHECK_INT(tui_palette_xterm_rgb(256), 0);
}

static struct tui_palette_choice choice_of(int bg, int fg, int font)
{
    return (struct tui_palette_choice){.background = bg, .text = fg, .font = font};
}

/* The attributes that survive a terminal without italics or dim. */
#define ROBUST (TUI_ATTR_BOLD | TUI_ATTR_UNDERLINE | TUI_ATTR_REVERSE)

static void test_mono_roles(void)
{
    /* roles that must stand out from body text, and whether they may do it with italic or dim
     * alone (the quiet ones: asides, hints, bridges, and a locked item, which also dims) */
    static const struct {
        enum tui_palette_role role;
        int quiet;
    } standout[] = {
        {TUI_ROLE_TITLE, 0},       {TUI_ROLE_HEADING, 0},  {TUI_ROLE_PROMPT, 0},
        {TUI_ROLE_CELEBRATION, 0}, {TUI_ROLE_ERROR, 0},    {TUI_ROLE_SELECTED, 0},
        {TUI_ROLE_FOCUS, 0},       {TUI_ROLE_DONE, 0},     {TUI_ROLE_SLIDER_FILL, 0},
        {TUI_ROLE_CHART_BAR, 0},   {TUI_ROLE_EMPHASIS, 0}, {TUI_ROLE_LOCKED, 1},
        {TUI_ROLE_NOTE, 1},        {TUI_ROLE_HINT, 1},     {TUI_ROLE_TRANSITION, 1},
    };
    /* groups whose members must all differ from each other */
    static const enum tui_palette_role states[] = {TUI_ROLE_TEXT, TUI_ROLE_SELECTED, TUI_ROLE_FOCUS,
                                                   TUI_ROLE_LOCKED, TUI_ROLE_DONE};
    static const enum tui_palette_role levels[] = {TUI_ROLE_TEXT, TUI_ROLE_TITLE, TUI_ROLE_HEADING};
    static const enum tui_palette_role near_error[] = {TUI_ROLE_TEXT,   TUI_ROLE_INSTRUCTION,
                                                       TUI_ROLE_PROMPT, TUI_ROLE_NOTE,
                                                       TUI_ROLE_HINT,   TUI_ROLE_SELECTED,
                                                       TUI_ROLE_FOCUS,  TUI_ROLE_EMPHASIS};

    for (int f = 0; f < TUI_PALETTE_NFONTS; f++) {
        check_test_name = tui_palette_fonts[f].id;
        struct tui_palette_choice c = choice_of(0, 0, f);
        unsigned a[TUI_ROLE_COUNT];
        int default_colours = 1, same_in_colour = 1;
        for (int r = 0; r < TUI_ROLE_COUNT; r++) {
            struct tui_palette_style s = tui_palette_resolve(&c, TUI_PALETTE_MONO, r);
            a[r] = s.attrs;
            default_colours &= s.fg == TUI_PALETTE_DEFAULT_COLOUR &&
                               s.bg == TUI_PALETTE_DEFAULT_COLOUR;
            for (int m = TUI_PALETTE_8; m <= TUI_PALETTE_TRUECOLOR; m++)
                same_in_colour &= tui_palette_resolve(&c, m, r).attrs == s.attrs;
        }
        CHECK(default_colours);
        CHECK(same_in_colour); /* colour only ever adds to the attributes */

        int flat = 0;
        for (size_t i = 0; i < sizeof standout / sizeof standout[0]; i++) {
            unsigned diff = a[standout[i].role] ^ a[TUI_ROLE_TEXT];
            if (!(standout[i].quiet ? diff : diff & ROBUST)) {
                printf("#   %s looks like text\n", tui_palette_role_name(standout[i].role));
                flat++;
            }
        }
        CHECK_INT(flat, 0);

        int same = 0;
        for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
            for (size_t j = i + 1; j < sizeof states / sizeof states[0]; j++)
                same += a[states[i]] == a[states[j]];
        for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
            for (size_t j = i + 1; j < sizeof levels / sizeof levels[0]; j++)
                same += a[levels[i]] == a[levels[j]];
        /* a focused item that is also selected (the renderer ORs the two) is a sixth state */
        unsigned both = a[TUI_ROLE_FOCUS] | a[TUI_ROLE_SELECTED];
        for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
            same += a[states[i]] == both;
        CHECK_INT(same, 0);

        int like_error = 0;
        for (size_t i = 0; i < sizeof near_error / sizeof near_error[0]; i++)
            like_error += (a[near_error[i]] & ROBUST) == (a[TUI_ROLE_ERROR] & ROBUST);
        CHECK_INT(like_error, 0);
        CHECK(a[TUI_ROLE_SLIDER_FILL] != a[TUI_ROLE_SLIDER_EMPTY]);
        /* a reflection in plain attributes still has its indent or mark */
        const struct tui_palette_font *font = &tui_palette_fonts[f];
        CHECK(a[TUI_ROLE_REFLECTION] != 0 || font->reflection_indent > 0 ||
              font->reflection_mark[0]);
    }
}

static int ascii(const char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s > 0x7E || (unsigned char)*s < 0x20)
            return 0;
    return 1;
}

static void test_fonts(void)
{
    int bad = 0;
    for (int f = 0; f < TUI_PALETTE_NFONTS; f++) {
        const struct tui_palette_font *font = &tui_palette_fonts[f];
        int ok = font->title_attrs != font->heading_attrs && font->emphasis_attrs != 0 &&
                 ascii(font->title_rule_ascii) && ascii(font->heading_rule_ascii) &&
                 ascii(font->prompt_mark_ascii) && ascii(font->reflection_mark_ascii) &&
                 !font->title_rule == !font->title_rule_ascii &&
                 !font->heading_rule == !font->heading_rule_ascii && font->prompt_mark &&
                 font->prompt_mark_ascii && font->reflection_mark && font->reflection_mark_ascii &&
                 font->reflection_indent >= 0 && font->block_gap >= 1;
        if (!ok) {
            printf("#   font %s is not well formed\n", font->id);
            bad++;
        }
    }
    CHECK_INT(bad, 0);
    /* the five are five different treatments */
    int alike = 0;
    for (int f = 0; f < TUI_PALETTE_NFONTS; f++)
        for (int g = f + 1; g < TUI_PALETTE_NFONTS; g++) {
            const struct tui_palette_font *x = &tui_palette_fonts[f], *y = &tui_palette_fonts[g];
            alike += x->title_attrs == y->title_attrs && x->heading_attrs == y->heading_attrs &&
                     x->prompt_attrs == y->prompt_attrs &&
                     x->reflection_attrs == y->reflection_attrs &&
                     x->emphasis_attrs == y->emphasis_attrs && x->title_upper == y->title_upper &&
                     x->heading_upper == y->heading_upper && !x->heading_rule == !y->heading_rule &&
                     x->reflection_indent == y->reflection_indent &&
                     strcmp(x->reflection_mark, y->reflection_mark) == 0 &&
                     strcmp(x->prompt_mark, y->prompt_mark) == 0;
        }
    CHECK_INT(alike, 0);
}

/* Every role, on every allowed pair, in every colour mode, keeps 4.5:1 against its page. */
static void test_accents(void)
{
    static const enum tui_palette_mode modes[] = {TUI_PALETTE_TRUECOLOR, TUI_PALETTE_256,
                                                  TUI_PALETTE_8};
    char name[64];
    for (int bg = 0; bg < TUI_PALETTE_NBACKGROUNDS; bg++) {
        int allowed[TUI_PALETTE_NTEXTS];
        size_t n = tui_palette_allowed_texts(bg, allowed);
        for (size_t i = 0; i < n; i++) {
            for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
                snprintf(name, sizeof name, "%s/%s/%s", tui_palette_backgrounds[bg].id,
                         tui_palette_texts[allowed[i]].id, tui_palette_mode_name(modes[m]));
                check_test_name = name;
                struct tui_palette_choice c = choice_of(bg, allowed[i], 0);
                struct tui_palette_style page = tui_palette_resolve(&c, modes[m], TUI_ROLE_TEXT);
                double worst = 21.0;
                int one_page = 1;
                for (int r = 0; r < TUI_ROLE_COUNT; r++) {
                    struct tui_palette_style s = tui_palette_resolve(&c, modes[m], r);
                    double ratio = tui_palette_contrast(s.fg_rgb, s.bg_rgb);
                    if (ratio < 4.5)
                        printf("#   %s: %06X on %06X is %.2f\n", tui_palette_role_name(r),
                               (unsigned)s.fg_rgb, (unsigned)s.bg_rgb, ratio);
                    worst = ratio < worst ? ratio : worst;
                    one_page &= s.bg == page.bg && s.bg_rgb == page.bg_rgb;
                }
                CHECK(worst >= 4.5);
                CHECK(one_page);
            }
        }
    }
    /* in truecolor the text is exactly what the user chose */
    check_test_name = "test_accents";
    struct tui_palette_choice c = tui_palette_default_choice();
    struct tui_palette_style s = tui_palette_resolve(&c, TUI_PALETTE_TRUECOLOR, TUI_ROLE_TEXT);
    CHECK_INT(s.fg, 0x2B2B2B);
    CHECK_INT(s.bg, 0xFAF3DC);
    s = tui_palette_resolve(&c, TUI_PALETTE_256, TUI_ROLE_TEXT);
    CHECK(s.fg >= 16 && s.fg <= 255 && s.bg >= 16 && s.bg <= 255);
    s = tui_palette_resolve(&c, TUI_PALETTE_8, TUI_ROLE_TEXT);
    CHECK(s.fg == 0 && s.bg == 7); /* dark on light, as far as 8 colours go */
}

static void test_resolve_edges(void)
{
    struct tui_palette_choice bad = choice_of(99, -1, 7), def = tui_palette_default_choice();
    struct tui_palette_style a = tui_palette_resolve(&bad, TUI_PALETTE_TRUECOLOR, TUI_ROLE_TITLE);
    struct tui_palette_style b = tui_palette_resolve(&def, TUI_PALETTE_TRUECOLOR, TUI_ROLE_TITLE);
    CHECK(a.fg == b.fg && a.bg == b.bg && a.attrs == b.attrs);
    a = tui_palette_resolve(NULL, TUI_PALETTE_256, TUI_ROLE_TEXT);
    b = tui_palette_resolve(&def, TUI_PALETTE_256, TUI_ROLE_TEXT);
    CHECK(a.fg == b.fg && a.bg == b.bg);
    a = tui_palette_resolve(&def, TUI_PALETTE_256, TUI_ROLE_COUNT);
    CHECK(a.fg == b.fg && a.attrs == b.attrs);
    CHECK_STR(tui_palette_role_name(TUI_ROLE_SLIDER_FILL), "slider_fill");
    CHECK_STR(tui_palette_role_name(TUI_ROLE_COUNT), "?");
}

int main(void)
{
    RUN(test_contrast_known);
    RUN(test_tables);
    RUN(test_pairs);
    RUN(test_choose);
    RUN(test_detect);
    RUN(test_nearest);
    RUN(test_mono_roles);
    RUN(test_fonts);
    RUN(test_accents);
    RUN(test_resolve_edges);
    return check_done();
}
