#include "palette.h"

#include <math.h>
#include <string.h>

/* The colours. Each background and text colour carries a display name and its sRGB; which pairs
 * are allowed is not written down anywhere but computed (tui_palette_pair_ok), so a colour added
 * or changed here cannot slip past the contrast rule. The light backgrounds take the three dark
 * text colours and the dark backgrounds the two light ones (docs/palette.md has the numbers). */
const struct tui_palette_colour tui_palette_backgrounds[TUI_PALETTE_NBACKGROUNDS] = {
    {"cream", "Cream", 0xFAF3DC, false}, /* the spec's default */
    {"sage", "Sage", 0xCDE4C6, false},   {"sky", "Sky", 0xCCE0F5, false},
    {"slate", "Slate", 0x2E3A46, true},  {"night", "Night", 0x14171C, true},
};

const struct tui_palette_colour tui_palette_texts[TUI_PALETTE_NTEXTS] = {
    {"charcoal", "Charcoal", 0x2B2B2B, false}, /* the spec's default */
    {"ink", "Ink", 0x14205A, false},           {"forest", "Forest", 0x1F4A30, false},
    {"ivory", "Ivory", 0xF5F0E1, true},        {"snow", "Snow", 0xFAFCFF, true},
};

/* Accent colours, chosen per background rather than one set for all: a red that reads on cream
 * is unreadable on night, and the greens and blues have to move a little darker on sage and sky
 * to keep their distance from a tinted page. Every one is at least 4.5:1 on its background
 * (test_palette checks it), so accented text is as readable as body text. */
struct accents {
    uint32_t accent;  /* titles, headings, prompts, selection, sliders, charts */
    uint32_t success; /* celebration, done */
    uint32_t error;
    uint32_t info;  /* notes */
    uint32_t muted; /* hints, transitions, locked items, borders, empty slider */
};

static const struct accents accents_for[TUI_PALETTE_NBACKGROUNDS] = {
    /* cream */ {0x1D5C63, 0x2D6A2E, 0xA3151B, 0x1F4E8C, 0x595650},
    /* sage  */ {0x174F56, 0x245A26, 0x9B1419, 0x1C4783, 0x4D4A45},
    /* sky   */ {0x1A555C, 0x28622A, 0xA3151B, 0x1A4480, 0x53504A},
    /* slate */ {0x8ED6CB, 0x9BD98B, 0xFFA198, 0xA3C8FF, 0xBAB5AA},
    /* night */ {0x7CCFC2, 0x8FD47E, 0xFF8F84, 0x93BEFF, 0xA8A398},
};

/* The fonts. Headings, prompts, reflections and emphasis are where a typeface shows most on a
 * page, so each treatment says how to set exactly those; docs/palette.md describes each. Title
 * and heading always differ in attributes, and every emphasis, title, heading and prompt differs
 * from plain text by an attribute other than italic alone, so a terminal without italics loses
 * no distinction (reflections are told apart by their indent and mark as well). */
const struct tui_palette_font tui_palette_fonts[TUI_PALETTE_NFONTS] = {
    {
        .id = "system",
        .name = "System",
        .summary = "Your terminal's own face, set plainly: bold headings, italic reflections",
        .title_attrs = TUI_ATTR_BOLD | TUI_ATTR_UNDERLINE,
        .heading_attrs = TUI_ATTR_BOLD,
        .prompt_attrs = TUI_ATTR_BOLD,
        .reflection_attrs = TUI_ATTR_ITALIC,
        .emphasis_attrs = TUI_ATTR_BOLD,
        .prompt_mark = "",
        .prompt_mark_ascii = "",
        .reflection_indent = 2,
        .reflection_mark = "\u2502 ",
        .reflection_mark_ascii = "| ",
        .block_gap = 1,
    },
    {
        .id = "serif",
        .name = "Serif",
        .summary = "Like a printed book: capital titles over a double rule, ruled headings, "
                   "italic for emphasis and reflections",
        .title_attrs = TUI_ATTR_BOLD,
        .heading_attrs = TUI_ATTR_BOLD | TUI_ATTR_ITALIC,
        .prompt_attrs = TUI_ATTR_BOLD,
        .reflection_attrs = TUI_ATTR_ITALIC,
        .emphasis_attrs = TUI_ATTR_ITALIC | TUI_ATTR_UNDERLINE,
        .title_upper = true,
        .title_rule = "\u2550",
        .title_rule_ascii = "=",
        .heading_rule = "\u2500",
        .heading_rule_ascii = "-",
        .prompt_mark = "",
        .prompt_mark_ascii = "",
        .reflection_indent = 4,
        .reflection_mark = "",
        .reflection_mark_ascii = "",
        .block_gap = 1,
    },
    {
        .id = "sans",
        .name = "Sans",
        .summary = "Clean and modern: headings in capitals, no italics, a bar beside reflections",
        .title_attrs = TUI_ATTR_BOLD | TUI_ATTR_UNDERLINE,
        .heading_attrs = TUI_ATTR_BOLD,
        .prompt_attrs = TUI_ATTR_BOLD,
        .reflection_attrs = 0,
        .emphasis_attrs = TUI_ATTR_BOLD,
        .title_upper = true,
        .heading_upper = true,
        .prompt_mark = "\u25B8 ",
        .prompt_mark_ascii = "> ",
        .reflection_indent = 2,
        .reflection_mark = "\u258E ",
        .reflection_mark_ascii = "| ",
        .block_gap = 1,
    },
    {
        .id = "mono",
        .name = "Typewriter",
        .summary = "Typed on a typewriter: underlines rather than bold, dashed rules, "
                   "reflections quoted with >",
        .title_attrs = TUI_ATTR_BOLD | TUI_ATTR_UNDERLINE,
        .heading_attrs = TUI_ATTR_UNDERLINE,
        .prompt_attrs = TUI_ATTR_UNDERLINE,
        .reflection_attrs = 0,
        .emphasis_attrs = TUI_ATTR_UNDERLINE,
        .title_upper = true,
        .title_rule = "=",
        .title_rule_ascii = "=",
        .heading_rule = "-",
        .heading_rule_ascii = "-",
        .prompt_mark = "-> ",
        .prompt_mark_ascii = "-> ",
        .reflection_indent = 2,
        .reflection_mark = "> ",
        .reflection_mark_ascii = "> ",
        .block_gap = 1,
    },
    {
        .id = "rounded",
        .name = "Rounded",
        .summary = "Soft and airy: rounded corners, more space between blocks, gentle marks",
        .title_attrs = TUI_ATTR_BOLD | TUI_ATTR_UNDERLINE,
        .heading_attrs = TUI_ATTR_BOLD,
        .prompt_attrs = TUI_ATTR_BOLD,
        .reflection_attrs = TUI_ATTR_ITALIC,
        .emphasis_attrs = TUI_ATTR_BOLD | TUI_ATTR_ITALIC,
        .heading_rule = "\u254C",
        .heading_rule_ascii = ".",
        .prompt_mark = "\u203A ",
        .prompt_mark_ascii = "> ",
        .reflection_indent = 3,
        .reflection_mark = "\u00B7 ",
        .reflection_mark_ascii = ". ",
        .block_gap = 2,
        .round_corners = true,
    },
};

int tui_palette_find_background(const char *id)
{
    for (int i = 0; id && i < TUI_PALETTE_NBACKGROUNDS; i++)
        if (strcmp(id, tui_palette_backgrounds[i].id) == 0)
            return i;
    return -1;
}

int tui_palette_find_text(const char *id)
{
    for (int i = 0; id && i < TUI_PALETTE_NTEXTS; i++)
        if (strcmp(id, tui_palette_texts[i].id) == 0)
            return i;
    return -1;
}

int tui_palette_find_font(const char *id)
{
    for (int i = 0; id && i < TUI_PALETTE_NFONTS; i++)
        if (strcmp(id, tui_palette_fonts[i].id) == 0)
            return i;
    return -1;
}

/* The sRGB transfer function for every 8-bit channel value, ((c + 0.055) / 1.055) ^ 2.4 above
 * the knee and c / 12.92 below, computed once offline: exact for the only inputs there are, and
 * no pow() per channel in the nearest-colour searches, which convert hundreds of colours. (WCAG
 * 2.x writes the knee as 0.03928 where sRGB says 0.04045; no 8-bit value lies between the two,
 * so they agree.) */
static const double srgb_linear[256] = {
    0.0000000000, 0.0003035270, 0.0006070540, 0.0009105810, 0.0012141079, 0.0015176349,
    0.0018211619, 0.0021246889, 0.0024282159, 0.0027317429, 0.0030352698, 0.0033465358,
    0.0036765073, 0.0040247170, 0.0043914420, 0.0047769535, 0.0051815167, 0.0056053916,
    0.0060488330, 0.0065120908, 0.0069954102, 0.0074990320, 0.0080231930, 0.0085681256,
    0.0091340587, 0.0097212173, 0.0103298230, 0.0109600940, 0.0116122452, 0.0122864884,
    0.0129830323, 0.0137020830, 0.0144438436, 0.0152085144, 0.0159962934, 0.0168073758,
    0.0176419545, 0.0185002201, 0.0193823610, 0.0202885631, 0.0212190104, 0.0221738848,
    0.0231533662, 0.0241576324, 0.0251868596, 0.0262412219, 0.0273208916, 0.0284260395,
    0.0295568344, 0.0307134437, 0.0318960331, 0.0331047666, 0.0343398068, 0.0356013149,
    0.0368894504, 0.0382043716, 0.0395462353, 0.0409151969, 0.0423114106, 0.0437350293,
    0.0451862044, 0.0466650863, 0.0481718242, 0.0497065660, 0.0512694584, 0.0528606470,
    0.0544802764, 0.0561284900, 0.0578054302, 0.0595112382, 0.0612460542, 0.0630100177,
    0.0648032667, 0.0666259386, 0.0684781698, 0.0703600957, 0.0722718507, 0.0742135684,
    0.0761853815, 0.0781874218, 0.0802198203, 0.0822827071, 0.0843762115, 0.0865004620,
    0.0886555863, 0.0908417112, 0.0930589628, 0.0953074666, 0.0975873471, 0.0998987282,
    0.1022417331, 0.1046164841, 0.1070231030, 0.1094617108, 0.1119324278, 0.1144353738,
    0.1169706678, 0.1195384280, 0.1221387722, 0.1247718176, 0.1274376804, 0.1301364767,
    0.1328683216, 0.1356333297, 0.1384316150, 0.1412632911, 0.1441284709, 0.1470272665,
    0.1499597898, 0.1529261520, 0.1559264637, 0.1589608351, 0.1620293756, 0.1651321945,
    0.1682694002, 0.1714411007, 0.1746474037, 0.1778884160, 0.1811642442, 0.1844749945,
    0.1878207723, 0.1912016827, 0.1946178304, 0.1980693196, 0.2015562538, 0.2050787364,
    0.2086368701, 0.2122307574, 0.2158605001, 0.2195261997, 0.2232279573, 0.2269658735,
    0.2307400485, 0.2345505822, 0.2383975738, 0.2422811225, 0.2462013267, 0.2501582847,
    0.2541520943, 0.2581828529, 0.2622506575, 0.2663556048, 0.2704977910, 0.2746773121,
    0.2788942635, 0.2831487404, 0.2874408377, 0.2917706498, 0.2961382708, 0.3005437944,
    0.3049873141, 0.3094689228, 0.3139887134, 0.3185467781, 0.3231432091, 0.3277780981,
    0.3324515363, 0.3371636150, 0.3419144249, 0.3467040564, 0.3515325995, 0.3564001441,
    0.3613067798, 0.3662525956, 0.3712376805, 0.3762621230, 0.3813260114, 0.3864294338,
    0.3915724777, 0.3967552307, 0.4019777798, 0.4072402119, 0.4125426135, 0.4178850708,
    0.4232676700, 0.4286904966, 0.4341536362, 0.4396571738, 0.4452011945, 0.4507857828,
    0.4564110232, 0.4620769997, 0.4677837961, 0.4735314961, 0.4793201831, 0.4851499401,
    0.4910208498, 0.4969329951, 0.5028864580, 0.5088813209, 0.5149176654, 0.5209955732,
    0.5271151257, 0.5332764040, 0.5394794890, 0.5457244614, 0.5520114015, 0.5583403896,
    0.5647115057, 0.5711248295, 0.5775804404, 0.5840784179, 0.5906188409, 0.5972017884,
    0.6038273389, 0.6104955708, 0.6172065624, 0.6239603917, 0.6307571363, 0.6375968740,
    0.6444796820, 0.6514056374, 0.6583748173, 0.6653872983, 0.6724431570, 0.6795424696,
    0.6866853124, 0.6938717613, 0.7011018919, 0.7083757799, 0.7156935005, 0.7230551289,
    0.7304607401, 0.7379104088, 0.7454042095, 0.7529422168, 0.7605245047, 0.7681511472,
    0.7758222183, 0.7835377915, 0.7912979403, 0.7991027380, 0.8069522577, 0.8148465722,
    0.8227857544, 0.8307698768, 0.8387990117, 0.8468732315, 0.8549926081, 0.8631572135,
    0.8713671192, 0.8796223969, 0.8879231179, 0.8962693534, 0.9046611744, 0.9130986518,
    0.9215818563, 0.9301108584, 0.9386857285, 0.9473065367, 0.9559733532, 0.9646862479,
    0.9734452904, 0.9822505503, 0.9911020971, 1.0000000000,
};

static double channel(uint32_t rgb, int shift)
{
    return srgb_linear[(rgb >> shift) & 0xFF];
}

double tui_palette_luminance(uint32_t rgb)
{
    return 0.2126 * channel(rgb, 16) + 0.7152 * channel(rgb, 8) + 0.0722 * channel(rgb, 0);
}

double tui_palette_contrast(uint32_t a, uint32_t b)
{
    double la = tui_palette_luminance(a), lb = tui_palette_luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static bool readable(uint32_t fg, uint32_t bg)
{
    return tui_palette_contrast(fg, bg) >= TUI_PALETTE_MIN_CONTRAST;
}

bool tui_palette_pair_ok(int bg, int fg)
{
    if (bg < 0 || bg >= TUI_PALETTE_NBACKGROUNDS || fg < 0 || fg >= TUI_PALETTE_NTEXTS)
        return false;
    return readable(tui_palette_texts[fg].rgb, tui_palette_backgrounds[bg].rgb);
}

size_t tui_palette_allowed_texts(int bg, int out[TUI_PALETTE_NTEXTS])
{
    size_t n = 0;
    for (int fg = 0; fg < TUI_PALETTE_NTEXTS; fg++)
        if (tui_palette_pair_ok(bg, fg))
            out[n++] = fg;
    return n;
}

struct tui_palette_choice tui_palette_default_choice(void)
{
    /* By id, not by position, so reordering the tables cannot move the defaults. */
    return (struct tui_palette_choice){
        .background = tui_palette_find_background("cream"),
        .text = tui_palette_find_text("charcoal"),
        .font = tui_palette_find_font("system"),
    };
}

unsigned tui_palette_choose(const char *background, const char *text, const char *font,
                            struct tui_palette_choice *out)
{
    struct tui_palette_choice def = tui_palette_default_choice();
    unsigned fixed = 0;
    out->background = tui_palette_find_background(background);
    out->text = tui_palette_find_text(text);
    out->font = tui_palette_find_font(font);
    if (out->background < 0) {
        out->background = def.background;
        fixed |= TUI_PALETTE_FIXED_BACKGROUND;
    }
    if (out->text < 0) {
        out->text = def.text;
        fixed |= TUI_PALETTE_FIXED_TEXT;
    }
    if (out->font < 0) {
        out->font = def.font;
        fixed |= TUI_PALETTE_FIXED_FONT;
    }
    if (!tui_palette_pair_ok(out->background, out->text)) {
        /* Every background has allowed text colours (test_palette checks it); taking the first
         * in table order, the one the settings screen lists first, keeps the fix predictable. */
        int allowed[TUI_PALETTE_NTEXTS];
        if (tui_palette_allowed_texts(out->background, allowed) > 0)
            out->text = allowed[0];
        fixed |= TUI_PALETTE_FIXED_PAIR;
    }
    return fixed;
}

enum tui_palette_mode tui_palette_detect(const char *no_color, const char *colorterm, int colors)
{
    if (no_color && no_color[0])
        return TUI_PALETTE_MONO;
    /* COLORTERM only says how much colour a colour terminal takes; it cannot give colour to a
     * terminfo entry without any, and ncurses has no other way to send it. */
    if (colors < 8)
        return TUI_PALETTE_MONO;
    if (colorterm && (strcmp(colorterm, "truecolor") == 0 || strcmp(colorterm, "24bit") == 0))
        return TUI_PALETTE_TRUECOLOR;
    return colors >= 256 ? TUI_PALETTE_256 : TUI_PALETTE_8;
}

const char *tui_palette_mode_name(enum tui_palette_mode mode)
{
    switch (mode) {
    case TUI_PALETTE_MONO: return "mono";
    case TUI_PALETTE_8: return "8";
    case TUI_PALETTE_256: return "256";
    case TUI_PALETTE_TRUECOLOR: return "truecolor";
    }
    return "?";
}

/* xterm's default values for the 16 system colours. */
static const uint32_t xterm_system[16] = {
    0x000000, 0xCD0000, 0x00CD00, 0xCDCD00, 0x0000EE, 0xCD00CD, 0x00CDCD, 0xE5E5E5,
    0x7F7F7F, 0xFF0000, 0x00FF00, 0xFFFF00, 0x5C5CFF, 0xFF00FF, 0x00FFFF, 0xFFFFFF,
};

uint32_t tui_palette_xterm_rgb(int index)
{
    static const uint32_t cube_level[6] = {0x00, 0x5F, 0x87, 0xAF, 0xD7, 0xFF};
    if (index < 0 || index > 255)
        return 0;
    if (index < 16)
        return xterm_system[index];
    if (index < 232) {
        int i = index - 16;
        return cube_level[i / 36] << 16 | cube_level[i / 6 % 6] << 8 | cube_level[i % 6];
    }
    uint32_t grey = 8 + 10 * (uint32_t)(index - 232);
    return grey << 16 | grey << 8 | grey;
}

struct lab {
    double l, a, b;
};

static double lab_f(double t)
{
    /* CIE's piecewise function: a cube root above (6/29)^3, a straight line below it. */
    return t > 216.0 / 24389.0 ? cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

static struct lab to_lab(uint32_t rgb)
{
    double r = channel(rgb, 16), g = channel(rgb, 8), b = channel(rgb, 0);
    /* linear sRGB -> XYZ (D65), each divided by the D65 white point */
    double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
    double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
    double fx = lab_f(x), fy = lab_f(y), fz = lab_f(z);
    return (struct lab){116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

/* CIE76, squared (the order is all that matters). Distance in sRGB weighs a step in green the
 * same as one in blue and a step in the darks the same as one in the lights, which the eye does
 * not; L*a*b* is near enough to even for picking among 240 or 8 colours. */
static double distance2(struct lab p, struct lab q)
{
    double dl = p.l - q.l, da = p.a - q.a, db = p.b - q.b;
    return dl * dl + da * da + db * db;
}

/* The xterm index in [lo, hi) nearest to want. With against != NULL only colours readable on
 * *against count; when none is (possible only among the 8), the most contrasting one wins, as
 * readable beats faithful. Ties go to the lower index. */
static int nearest_in(uint32_t want, int lo, int hi, const uint32_t *against)
{
    struct lab target = to_lab(want);
    int best = -1, most = lo;
    double best_d = 0, most_c = 0;
    for (int i = lo; i < hi; i++) {
        uint32_t rgb = tui_palette_xterm_rgb(i);
        if (against) {
            double c = tui_palette_contrast(rgb, *against);
            if (c > most_c) {
                most_c = c;
                most = i;
            }
            if (c < TUI_PALETTE_MIN_CONTRAST)
                continue;
        }
        double d = distance2(target, to_lab(rgb));
        if (best < 0 || d < best_d) {
            best = i;
            best_d = d;
        }
    }
    return best >= 0 ? best : most;
}

int tui_palette_nearest_256(uint32_t rgb)
{
    return nearest_in(rgb, 16, 256, NULL);
}

int tui_palette_nearest_8(uint32_t rgb)
{
    return nearest_in(rgb, 0, 8, NULL);
}

/* Where a role's foreground comes from, and which font attributes it takes, if any. */
enum source { FROM_TEXT, FROM_ACCENT, FROM_SUCCESS, FROM_ERROR, FROM_INFO, FROM_MUTED };
enum font_slot { NO_SLOT, SLOT_TITLE, SLOT_HEADING, SLOT_PROMPT, SLOT_REFLECTION, SLOT_EMPHASIS };

/* The role table. attrs are the same in every mode, colour or not: they are the monochrome
 * column, and colour only adds to them, so nothing is carried by colour alone. The states a
 * list item can be in (plain, selected, focused, locked, done) all differ, an error differs
 * from everything near a field, and a filled slider from an empty one (test_palette checks). */
static const struct {
    const char *name;
    enum source source;
    enum font_slot slot; /* when set, the font's attributes stand in for attrs */
    unsigned attrs;
} roles[TUI_ROLE_COUNT] = {
    [TUI_ROLE_TEXT] = {"text", FROM_TEXT, NO_SLOT, 0},
    [TUI_ROLE_TITLE] = {"title", FROM_ACCENT, SLOT_TITLE, 0},
    [TUI_ROLE_HEADING] = {"heading", FROM_ACCENT, SLOT_HEADING, 0},
    [TUI_ROLE_INSTRUCTION] = {"instruction", FROM_TEXT, NO_SLOT, 0},
    [TUI_ROLE_PROMPT] = {"prompt", FROM_ACCENT, SLOT_PROMPT, 0},
    [TUI_ROLE_REFLECTION] = {"reflection", FROM_TEXT, SLOT_REFLECTION, 0},
    [TUI_ROLE_TRANSITION] = {"transition", FROM_MUTED, NO_SLOT, TUI_ATTR_ITALIC},
    [TUI_ROLE_CELEBRATION] = {"celebration", FROM_SUCCESS, NO_SLOT, TUI_ATTR_BOLD},
    [TUI_ROLE_NOTE] = {"note", FROM_INFO, NO_SLOT, TUI_ATTR_ITALIC},
    /* Reverse makes an error a block that cannot be missed; its contrast is the same pair's. */
    [TUI_ROLE_ERROR] = {"error", FROM_ERROR, NO_SLOT, TUI_ATTR_BOLD | TUI_ATTR_REVERSE},
    [TUI_ROLE_HINT] = {"hint", FROM_MUTED, NO_SLOT, TUI_ATTR_ITALIC},
    [TUI_ROLE_SELECTED] = {"selected", FROM_ACCENT, NO_SLOT, TUI_ATTR_BOLD | TUI_ATTR_UNDERLINE},
    /* The focus bar: the text colour reversed, so the bar is the page's own readable pair. */
    [TUI_ROLE_FOCUS] = {"focus", FROM_TEXT, NO_SLOT, TUI_ATTR_REVERSE},
    /* The one role dim may make harder to read: WCAG exempts inactive controls, and the lock
     * must look shut. */
    [TUI_ROLE_LOCKED] = {"locked", FROM_MUTED, NO_SLOT, TUI_ATTR_DIM},
    [TUI_ROLE_DONE] = {"done", FROM_SUCCESS, NO_SLOT, TUI_ATTR_BOLD},
    [TUI_ROLE_SLIDER_FILL] = {"slider_fill", FROM_ACCENT, NO_SLOT, TUI_ATTR_REVERSE},
    [TUI_ROLE_SLIDER_EMPTY] = {"slider_empty", FROM_MUTED, NO_SLOT, 0},
    /* Bars are drawn in full blocks, whose glyph is the whole cell: reversed, a block takes the
     * page's colour and the bar vanishes. Bold sets it apart without colour. */
    [TUI_ROLE_CHART_BAR] = {"chart_bar", FROM_ACCENT, NO_SLOT, TUI_ATTR_BOLD},
    [TUI_ROLE_BORDER] = {"border", FROM_MUTED, NO_SLOT, 0},
    [TUI_ROLE_EMPHASIS] = {"emphasis", FROM_TEXT, SLOT_EMPHASIS, 0},
};

const char *tui_palette_role_name(enum tui_palette_role role)
{
    return (unsigned)role < TUI_ROLE_COUNT ? roles[role].name : "?";
}

static unsigned role_attrs(const struct tui_palette_font *font, enum tui_palette_role role)
{
    switch (roles[role].slot) {
    case SLOT_TITLE: return font->title_attrs;
    case SLOT_HEADING: return font->heading_attrs;
    case SLOT_PROMPT: return font->prompt_attrs;
    case SLOT_REFLECTION: return font->reflection_attrs;
    case SLOT_EMPHASIS: return font->emphasis_attrs;
    case NO_SLOT: break;
    }
    return roles[role].attrs;
}

static uint32_t role_rgb(const struct tui_palette_choice *c, enum tui_palette_role role)
{
    const struct accents *acc = &accents_for[c->background];
    switch (roles[role].source) {
    case FROM_TEXT: break;
    case FROM_ACCENT: return acc->accent;
    case FROM_SUCCESS: return acc->success;
    case FROM_ERROR: return acc->error;
    case FROM_INFO: return acc->info;
    case FROM_MUTED: return acc->muted;
    }
    return tui_palette_texts[c->text].rgb;
}

static bool choice_valid(const struct tui_palette_choice *c)
{
    return c && c->background >= 0 && c->background < TUI_PALETTE_NBACKGROUNDS && c->text >= 0 &&
           c->text < TUI_PALETTE_NTEXTS && c->font >= 0 && c->font < TUI_PALETTE_NFONTS;
}

struct tui_palette_style tui_palette_resolve(const struct tui_palette_choice *choice,
                                             enum tui_palette_mode mode, enum tui_palette_role role)
{
    struct tui_palette_choice c = choice_valid(choice) ? *choice : tui_palette_default_choice();
    if ((unsigned)role >= TUI_ROLE_COUNT)
        role = TUI_ROLE_TEXT;
    struct tui_palette_style s = {
        .fg = TUI_PALETTE_DEFAULT_COLOUR,
        .bg = TUI_PALETTE_DEFAULT_COLOUR,
        .attrs = role_attrs(&tui_palette_fonts[c.font], role),
    };
    uint32_t want_fg = role_rgb(&c, role), want_bg = tui_palette_backgrounds[c.background].rgb;
    switch (mode) {
    case TUI_PALETTE_MONO: break;
    case TUI_PALETTE_TRUECOLOR:
        s.fg = (int32_t)want_fg;
        s.bg = (int32_t)want_bg;
        s.fg_rgb = want_fg;
        s.bg_rgb = want_bg;
        break;
    case TUI_PALETTE_256:
    case TUI_PALETTE_8: {
        /* The page first, as near as the palette has it; then each foreground as near as it can
         * be while staying readable on that page, since rounding both to a palette can eat the
         * contrast the chosen colours had. */
        int lo = mode == TUI_PALETTE_256 ? 16 : 0, hi = mode == TUI_PALETTE_256 ? 256 : 8;
        s.bg = nearest_in(want_bg, lo, hi, NULL);
        s.bg_rgb = tui_palette_xterm_rgb(s.bg);
        s.fg = nearest_in(want_fg, lo, hi, &s.bg_rgb);
        s.fg_rgb = tui_palette_xterm_rgb(s.fg);
        break;
    }
    }
    return s;
}
