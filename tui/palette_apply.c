#include "palette_apply.h"

#include <stdbool.h>
#include <stdint.h>

/* No decisions here, only handing tui_palette_resolve's answers to ncurses. */

static attr_t curses_attrs(unsigned attrs)
{
    attr_t a = A_NORMAL;
    if (attrs & TUI_ATTR_BOLD)
        a |= A_BOLD;
    if (attrs & TUI_ATTR_UNDERLINE)
        a |= A_UNDERLINE;
    if (attrs & TUI_ATTR_REVERSE)
        a |= A_REVERSE;
    if (attrs & TUI_ATTR_DIM)
        a |= A_DIM;
#ifdef A_ITALIC
    if (attrs & TUI_ATTR_ITALIC)
        a |= A_ITALIC;
#endif
    return a;
}

static enum tui_palette_mode apply_mono(const struct tui_palette_choice *choice,
                                        attr_t out[TUI_ROLE_COUNT])
{
    for (int r = 0; r < TUI_ROLE_COUNT; r++)
        out[r] = curses_attrs(tui_palette_resolve(choice, TUI_PALETTE_MONO, r).attrs);
    return TUI_PALETTE_MONO;
}

/* The slot (16 up) of rgb among the colours to redefine, adding it when new. */
static int slot_of(uint32_t rgb, uint32_t slots[], int *used)
{
    for (int i = 0; i < *used; i++)
        if (slots[i] == rgb)
            return 16 + i;
    slots[*used] = rgb;
    return 16 + (*used)++;
}

enum tui_palette_mode tui_palette_apply(const struct tui_palette_choice *choice,
                                        enum tui_palette_mode mode, attr_t out[TUI_ROLE_COUNT])
{
    if (mode == TUI_PALETTE_MONO || !has_colors() || COLORS < 8 || COLOR_PAIRS <= TUI_ROLE_COUNT)
        return apply_mono(choice, out);
    /* Direct colour (a terminfo entry such as xterm-direct) takes 0xRRGGBB as the colour number;
     * otherwise truecolor means redefining palette slots, which the terminal must allow. */
    bool direct = COLORS >= 0x1000000;
    if (mode == TUI_PALETTE_TRUECOLOR && !direct && !can_change_color())
        mode = TUI_PALETTE_256;
    if (mode == TUI_PALETTE_256 && COLORS < 256)
        mode = TUI_PALETTE_8;

    struct tui_palette_style styles[TUI_ROLE_COUNT];
    int fgs[TUI_ROLE_COUNT], bgs[TUI_ROLE_COUNT];
    uint32_t slots[2 * TUI_ROLE_COUNT];
    int used = 0;
    for (int r = 0; r < TUI_ROLE_COUNT; r++) {
        styles[r] = tui_palette_resolve(choice, mode, r);
        fgs[r] = styles[r].fg;
        bgs[r] = styles[r].bg;
        if (mode == TUI_PALETTE_TRUECOLOR && direct) {
            /* xterm-direct sends numbers below 8 as the old palette colours; one step of blue
             * up is the same colour to the eye. */
            fgs[r] = fgs[r] < 8 ? 8 : fgs[r];
            bgs[r] = bgs[r] < 8 ? 8 : bgs[r];
        } else if (mode == TUI_PALETTE_TRUECOLOR) {
            fgs[r] = slot_of(styles[r].fg_rgb, slots, &used);
            bgs[r] = slot_of(styles[r].bg_rgb, slots, &used);
        }
    }
    if (mode == TUI_PALETTE_TRUECOLOR && !direct) {
        /* All or nothing, and before any pair: the 256 fallback would use these very slots. */
        if (16 + used > COLORS)
            return tui_palette_apply(choice, COLORS >= 256 ? TUI_PALETTE_256 : TUI_PALETTE_8, out);
        for (int i = 0; i < used; i++) {
            /* ncurses takes each channel as 0..1000 */
            if (init_extended_color(16 + i, (int)((slots[i] >> 16 & 0xFF) * 1000 / 255),
                                    (int)((slots[i] >> 8 & 0xFF) * 1000 / 255),
                                    (int)((slots[i] & 0xFF) * 1000 / 255)) == ERR)
                return apply_mono(choice, out);
        }
    }
    for (int r = 0; r < TUI_ROLE_COUNT; r++) {
        if (init_extended_pair(r + 1, fgs[r], bgs[r]) == ERR)
            return apply_mono(choice, out);
        out[r] = COLOR_PAIR(r + 1) | curses_attrs(styles[r].attrs);
    }
    return mode;
}
