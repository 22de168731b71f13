/* Colour means role (DESIGN.md section 2): screens name roles, only this module knows colours.
 *
 * This is the pure part, with no ncurses in it (screens include it): the five backgrounds, five
 * text colours and five fonts a user can keep in user_settings, WCAG contrast, terminal
 * colour-mode detection, nearest xterm colours, and the style (colours and attributes) of every
 * role. The thin ncurses part, tui/palette_apply.h, turns those styles into colour pairs once
 * start_color() has run.
 *
 * Memory: every table and string here is static const data owned by this module; nothing is
 * allocated and nothing needs freeing, and nothing keeps state between calls. See docs/palette.md for the colours, fonts and roles. */
#ifndef DT_PALETTE_H
#define DT_PALETTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TUI_PALETTE_NBACKGROUNDS 5
#define TUI_PALETTE_NTEXTS 5
#define TUI_PALETTE_NFONTS 5

/* WCAG 2.x level AA for normal text: the least contrast ratio a pair may have. */
#define TUI_PALETTE_MIN_CONTRAST 4.5

/* A colour a user can choose. id is what user_settings stores (lowercase, fits its 32 bytes). */
struct tui_palette_colour {
    const char *id;
    const char *name; /* for the settings screen */
    uint32_t rgb;     /* sRGB, 0xRRGGBB */
    bool dark;        /* a dark background, or a light text colour meant for one */
};

extern const struct tui_palette_colour tui_palette_backgrounds[TUI_PALETTE_NBACKGROUNDS];
extern const struct tui_palette_colour tui_palette_texts[TUI_PALETTE_NTEXTS];

/* Our own attribute bits, so the pure part needs no ncurses; tui_palette_apply maps them to
 * A_BOLD and friends. ITALIC and DIM are shown only where the terminal has them. */
enum {
    TUI_ATTR_BOLD = 1u << 0,
    TUI_ATTR_UNDERLINE = 1u << 1,
    TUI_ATTR_REVERSE = 1u << 2,
    TUI_ATTR_ITALIC = 1u << 3,
    TUI_ATTR_DIM = 1u << 4,
};

/* A terminal cannot change its font, so a "font" is a typographic treatment in terminal terms.
 * The attrs fields are TUI_ATTR_* masks; the renderer applies the rest (case, rules, marks,
 * indents, spacing, corners). Every string is one line; *_ascii are for non-UTF-8 locales. */
struct tui_palette_font {
    const char *id; /* what user_settings stores */
    const char *name;
    const char *summary; /* one line for the settings screen */
    unsigned title_attrs, heading_attrs, prompt_attrs, reflection_attrs, emphasis_attrs;
    bool title_upper, heading_upper; /* set titles / headings in capitals */
    /* One cell repeated under a title / heading across its width; NULL for no rule. */
    const char *title_rule, *title_rule_ascii;
    const char *heading_rule, *heading_rule_ascii;
    /* Set before each prompt's first line; "" for none. */
    const char *prompt_mark, *prompt_mark_ascii;
    /* Reflections and quotes: indented by reflection_indent columns, each line then starting
     * with reflection_mark ("" for none). */
    int reflection_indent;
    const char *reflection_mark, *reflection_mark_ascii;
    int block_gap;      /* blank lines between blocks */
    bool round_corners; /* cards and boxes with rounded corners (UTF-8 only) */
};

extern const struct tui_palette_font tui_palette_fonts[TUI_PALETTE_NFONTS];

/* Indexes into the tables above by id; -1 when id is NULL or unknown. */
int tui_palette_find_background(const char *id);
int tui_palette_find_text(const char *id);
int tui_palette_find_font(const char *id);

/* WCAG 2.x relative luminance of an sRGB colour (0 black .. 1 white), through the sRGB
 * transfer function. */
double tui_palette_luminance(uint32_t rgb);
/* WCAG 2.x contrast ratio of two colours, from 1 (equal) to 21 (black on white); symmetric. */
double tui_palette_contrast(uint32_t a, uint32_t b);

/* Whether text colour fg may be used on background bg (indexes into the tables): its contrast
 * is at least TUI_PALETTE_MIN_CONTRAST. False for an index out of range. */
bool tui_palette_pair_ok(int bg, int fg);
/* Fills out with the indexes of the text colours allowed on background bg, in table order, and
 * returns how many (0 for an index out of range). */
size_t tui_palette_allowed_texts(int bg, int out[TUI_PALETTE_NTEXTS]);

/* What a user's settings come to: indexes into the three tables, always a pair that is ok. */
struct tui_palette_choice {
    int background, text, font;
};

enum {
    TUI_PALETTE_FIXED_BACKGROUND = 1u << 0, /* unknown background id: cream instead */
    TUI_PALETTE_FIXED_TEXT = 1u << 1,       /* unknown text id: charcoal instead */
    TUI_PALETTE_FIXED_FONT = 1u << 2,       /* unknown font id: system instead */
    TUI_PALETTE_FIXED_PAIR = 1u << 3,       /* refused pair: the first text allowed instead */
};

/* The defaults of the spec: cream, charcoal, system. */
struct tui_palette_choice tui_palette_default_choice(void);
/* Turns the three ids of a user_settings row (NULL counts as unknown) into *out, which is
 * always usable, and returns the TUI_PALETTE_FIXED_* bits of what had to be replaced: 0 when
 * the settings were taken as they are. A stored row can hold anything an older or newer version
 * or an import wrote; this is where it is made safe rather than refused. */
unsigned tui_palette_choose(const char *background, const char *text, const char *font,
                            struct tui_palette_choice *out);

enum tui_palette_mode {
    TUI_PALETTE_MONO,     /* attributes only */
    TUI_PALETTE_8,        /* the 8 ANSI colours */
    TUI_PALETTE_256,      /* the xterm 256-colour palette */
    TUI_PALETTE_TRUECOLOR /* 24-bit colour */
};

/* The colour mode for a terminal, from the NO_COLOR and COLORTERM environment variables (NULL
 * when unset) and the number of colours terminfo reports (tigetnum("colors") or COLORS; -1 or
 * 0 when it has none):
 * - NO_COLOR set and not empty: mono (https://no-color.org);
 * - fewer than 8 colours: mono, whatever COLORTERM says, as ncurses can only send colour through
 *   terminfo;
 * - COLORTERM "truecolor" or "24bit": truecolor;
 * - at least 256 colours: 256; else 8. */
enum tui_palette_mode tui_palette_detect(const char *no_color, const char *colorterm, int colors);
const char *tui_palette_mode_name(enum tui_palette_mode mode);

/* The sRGB a terminal shows for xterm colour index 0..255 by xterm's defaults (the first 16 are
 * really the user's theme; these are nominal); 0 for an index out of range. */
uint32_t tui_palette_xterm_rgb(int index);
/* The nearest colour by CIE76 (Euclidean distance in CIE L*a*b*, D65): among xterm indexes
 * 16..255 (the 6x6x6 cube and the 24 greys; 0..15 are left out because themes redefine them),
 * and among the 8 ANSI colours 0..7 by their xterm values. */
int tui_palette_nearest_256(uint32_t rgb);
int tui_palette_nearest_8(uint32_t rgb);

/* The roles screens and widgets name. */
enum tui_palette_role {
    TUI_ROLE_TEXT,         /* body text, field values */
    TUI_ROLE_TITLE,        /* the screen's title */
    TUI_ROLE_HEADING,      /* a heading within a screen */
    TUI_ROLE_INSTRUCTION,  /* what to do in an exercise */
    TUI_ROLE_PROMPT,       /* a question the user answers; field labels */
    TUI_ROLE_REFLECTION,   /* reflection questions and quotes */
    TUI_ROLE_TRANSITION,   /* the bridge from one part to the next */
    TUI_ROLE_CELEBRATION,  /* a finished module, a milestone */
    TUI_ROLE_NOTE,         /* an aside */
    TUI_ROLE_ERROR,        /* what went wrong, what to do */
    TUI_ROLE_HINT,         /* key hints, placeholders */
    TUI_ROLE_SELECTED,     /* chosen: a ticked option, the picked side of a pair */
    TUI_ROLE_FOCUS,        /* where input goes now */
    TUI_ROLE_LOCKED,       /* not yet open (an inactive control) */
    TUI_ROLE_DONE,         /* completed */
    TUI_ROLE_SLIDER_FILL,  /* a slider up to its value */
    TUI_ROLE_SLIDER_EMPTY, /* the rest of the slider */
    TUI_ROLE_CHART_BAR,    /* bars of a chart */
    TUI_ROLE_BORDER,       /* boxes, rules, separators */
    TUI_ROLE_EMPHASIS,     /* emphasis within text */
    TUI_ROLE_COUNT
};

/* The role's lowercase name ("slider_fill"), or "?" for a value out of range. */
const char *tui_palette_role_name(enum tui_palette_role role);

/* How to show a role. fg and bg are colour numbers for the mode: 0xRRGGBB in truecolor, an
 * xterm index in 256, an ANSI number 0..7 in 8, and TUI_PALETTE_DEFAULT_COLOUR (the terminal's
 * own) in mono. fg_rgb and bg_rgb are the sRGB those numbers stand for (nominal in 8; 0 in mono),
 * so contrast can be checked without a terminal. attrs is a TUI_ATTR_* mask. */
#define TUI_PALETTE_DEFAULT_COLOUR (-1)
struct tui_palette_style {
    int32_t fg, bg;
    uint32_t fg_rgb, bg_rgb;
    unsigned attrs;
};

/* The style of role for a choice (as tui_palette_choose gives it) in a mode. In every colour
 * mode its fg and bg contrast at least TUI_PALETTE_MIN_CONTRAST (by the nominal colours in 8,
 * as far as 8 colours allow), and its attributes are the same in every mode, so nothing is
 * shown by colour alone. A choice out of range counts as the defaults. */
struct tui_palette_style tui_palette_resolve(const struct tui_palette_choice *choice,
                                             enum tui_palette_mode mode,
                                             enum tui_palette_role role);

#endif
