#include "script.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <ncurses.h>

#include "text.h"

#define CTRL_KEY(c) ((c)&0x1f)

static const struct {
    const char *name;
    int key;
    unsigned ch;
} key_names[] = {
    {"Tab", 0, '\t'},         {"S-Tab", KEY_BTAB, 0},  {"Enter", 0, '\r'},
    {"Esc", 0, 27},           {"Up", KEY_UP, 0},       {"Down", KEY_DOWN, 0},
    {"Left", KEY_LEFT, 0},    {"Right", KEY_RIGHT, 0}, {"Home", KEY_HOME, 0},
    {"End", KEY_END, 0},      {"PgUp", KEY_PPAGE, 0},  {"PgDn", KEY_NPAGE, 0},
    {"BS", KEY_BACKSPACE, 0}, {"Del", KEY_DC, 0},      {"Space", 0, ' '},
    {"S-Up", KEY_SR, 0},      {"S-Down", KEY_SF, 0},   {"lt", 0, '<'},
    {"F1", KEY_F(1), 0},      {"F10", KEY_F(10), 0},
};

void tui_script_init(struct tui_script *s, const char *keys)
{
    *s = (struct tui_script){.p = keys ? keys : ""};
}

enum tui_script_step tui_script_next(struct tui_script *sc, struct tui_input *in, int *w, int *h)
{
    if (sc->repeat > 0) {
        sc->repeat--;
        *in = sc->last;
        return TUI_SCRIPT_KEY;
    }
    while (*sc->p == '\n')
        sc->p++; /* line breaks only lay a long script out */
    if (!*sc->p)
        return TUI_SCRIPT_END;
    if (*sc->p != '<') {
        ucs4_t c;
        int n = u8_mbtouc(&c, (const uint8_t *)sc->p, strlen(sc->p));
        sc->p += n > 0 ? n : 1;
        *in = (struct tui_input){.ch = c};
        return TUI_SCRIPT_KEY;
    }
    const char *end = strchr(sc->p, '>');
    if (!end) {
        fprintf(stderr, "dreamtree: key script: '<' without '>': %s\n", sc->p);
        return TUI_SCRIPT_ERROR;
    }
    char name[64];
    size_t n = (size_t)(end - sc->p - 1);
    if (n >= sizeof name)
        n = sizeof name - 1;
    memcpy(name, sc->p + 1, n);
    name[n] = '\0';
    sc->p = end + 1;
    int times = 1;
    char *star = strrchr(name, '*');
    if (star) {
        times = atoi(star + 1);
        *star = '\0';
        if (times < 1)
            times = 1;
    }
    if (strcmp(name, "Idle") == 0)
        return TUI_SCRIPT_IDLE;
    if (strcmp(name, "Away") == 0 || strncmp(name, "Away ", 5) == 0) {
        *w = name[4] ? atoi(name + 5) : 0; /* seconds without a key; 0: the idle lock's */
        return TUI_SCRIPT_AWAY;
    }
    if (strcmp(name, "Dump") == 0)
        return TUI_SCRIPT_DUMP;
    if (strcmp(name, "Paste") == 0) {
        /* everything up to </Paste> is pasted as it stands: line breaks, ESC, any byte */
        const char *close = strstr(sc->p, "</Paste>");
        if (!close) {
            fputs("dreamtree: key script: <Paste> without </Paste>\n", stderr);
            return TUI_SCRIPT_ERROR;
        }
        sc->paste = sc->p;
        sc->paste_len = (size_t)(close - sc->p);
        sc->p = close + strlen("</Paste>");
        return TUI_SCRIPT_PASTE;
    }
    if (sscanf(name, "Resize %dx%d", w, h) == 2)
        return TUI_SCRIPT_RESIZE;
    struct tui_input k = {0};
    bool found = false;
    for (size_t i = 0; i < sizeof key_names / sizeof *key_names && !found; i++)
        if (strcmp(name, key_names[i].name) == 0) {
            k = (struct tui_input){key_names[i].key, key_names[i].ch};
            found = true;
        }
    int f;
    if (!found && name[0] == 'F' && sscanf(name + 1, "%d", &f) == 1 && f >= 1 && f <= 12) {
        k = (struct tui_input){.key = KEY_F(f)};
        found = true;
    }
    if (!found && name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z' &&
        !name[3]) {
        k = (struct tui_input){.ch = (unsigned)CTRL_KEY(name[2])};
        found = true;
    }
    if (!found) {
        fprintf(stderr, "dreamtree: key script: unknown key <%s>\n", name);
        return TUI_SCRIPT_ERROR;
    }
    *in = k;
    sc->last = k;
    sc->repeat = times - 1;
    return TUI_SCRIPT_KEY;
}

/* Row r of the screen as UTF-8 into out, one character per cell (ncurses hands back a wide
 * character once, without its second cell), and whether any cell has a colour pair. */
static int dump_row(int r, FILE *out)
{
    bool coloured = false;
    cchar_t *cells = calloc((size_t)COLS + 1, sizeof *cells);
    if (!cells)
        return -1;
    int n = mvin_wchnstr(r, 0, cells, COLS) == ERR ? 0 : COLS;
    for (int c = 0, used = 0; c < n && used < COLS; c++) {
        wchar_t wch[CCHARW_MAX + 1] = {0};
        attr_t a;
        short pair = 0;
        getcchar(&cells[c], wch, &a, &pair, NULL);
        coloured |= pair != 0;
        char utf8[64];
        size_t len = 0;
        for (int i = 0; i < CCHARW_MAX && wch[i] && len + 8 < sizeof utf8; i++) {
            int k = u8_uctomb((uint8_t *)utf8 + len, (ucs4_t)wch[i], 8);
            len += k > 0 ? (size_t)k : 0;
        }
        if (len == 0)
            utf8[len++] = ' ';
        utf8[len] = '\0';
        int w = (int)tui_text_width(utf8);
        if (used + (w > 1 ? w : 1) > COLS)
            break;
        fputs(utf8, out);
        used += w > 1 ? w : 1;
    }
    free(cells);
    return coloured;
}

int tui_script_dump(FILE *out, const char *palette)
{
    int cy, cx;
    getyx(stdscr, cy, cx);
    char *body = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&body, &len);
    if (!mem)
        return -1;
    bool coloured = false;
    int rc = 0;
    for (int r = 0; r < LINES && rc == 0; r++) {
        fputc('|', mem);
        int k = dump_row(r, mem);
        rc = k < 0 ? -1 : 0;
        coloured |= k > 0;
        fputs("|\n", mem);
    }
    fclose(mem);
    if (rc == 0) {
        fprintf(out, "screen %dx%d, cursor at row %d column %d, palette %s, %s\n", COLS, LINES, cy,
                cx, palette, coloured ? "coloured" : "no colour");
        fputs(body, out);
    }
    free(body);
    return rc;
}
