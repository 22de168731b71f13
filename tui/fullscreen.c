#include "fullscreen.h"

#include <langinfo.h>
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fields.h"
#include "keyboard.h"
#include "layout.h"
#include "palette_apply.h"
#include "paste.h"
#include "script.h"

#include "fullscreen_internal.h"

/* ---- the terminal: set up, restore ---- */

static bool curses_active;
/* The full screen that runs (for tui_fullscreen_say_now), or NULL. */
static struct ui *running;

static void restore_terminal(void)
{
    if (curses_active) {
        curses_active = false;
        tui_paste_terminal_off();
        endwin();
    }
}

int64_t tui_fullscreen_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Colours and font: at the start, and again when the person changes them in the settings. */
static void apply_look(struct ui *ui, const struct tui_fullscreen_options *o)
{
    struct tui_palette_choice choice;
    tui_palette_choose(o ? o->background : NULL, o ? o->text_color : NULL, o ? o->font : NULL,
                       &choice);
    int colours = has_colors() ? tigetnum("colors") : 0;
    enum tui_palette_mode mode = tui_palette_detect(getenv("NO_COLOR"), getenv("COLORTERM"),
                                                    colours);
    if (mode != TUI_PALETTE_MONO && start_color() != OK)
        mode = TUI_PALETTE_MONO;
    ui->mode = tui_palette_apply(&choice, mode, ui->attrs);
    bkgdset(ui->attrs[TUI_ROLE_TEXT] | ' ');
    ui->style.font = &tui_palette_fonts[choice.font];
}

static void setup_screen(struct ui *ui, const struct tui_fullscreen_options *o)
{
    raw(); /* Ctrl+S and Ctrl+C reach us as keys (no flow control, no signal) */
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(1);
    apply_look(ui, o);
    if (o && ui->host->appearance) /* what the settings hold now is the baseline */
        ui->host->appearance(ui->host->ctx, &ui->look);
    const char *codeset = nl_langinfo(CODESET);
    ui->style.ascii = !codeset || strcmp(codeset, "UTF-8") != 0;
}

/* Colours and font follow the host: the settings preview them, and saving keeps them. */
void tui_fullscreen_follow_look(struct ui *ui)
{
    struct tui_appearance now;
    memset(&now, 0, sizeof now);
    if (!ui->host->appearance || !ui->host->appearance(ui->host->ctx, &now) ||
        memcmp(&now, &ui->look, sizeof now) == 0)
        return;
    ui->look = now;
    if (now.text_mode) { /* the person chose text mode: hand over to it (tui_fullscreen_run's 1) */
        ui->to_text_mode = true;
        ui->finished = true;
        return;
    }
    struct tui_fullscreen_options o = {now.background, now.text_color, now.font};
    apply_look(ui, &o);
    clearok(curscr, TRUE); /* every cell takes the new colours */
}

/* ---- the status line ---- */

void tui_fullscreen_set_status(struct ui *ui, const char *text, bool is_error)
{
    free(ui->status);
    ui->status = text ? dt_oom_strdup(text) : NULL;
    ui->status_error = is_error;
}

bool tui_fullscreen_say_now(const char *message)
{
    if (!running)
        return false;
    tui_fullscreen_set_status(running, message, false);
    tui_fullscreen_draw(running);
    return true;
}

/* ---- the loop ---- */

/* The next event from the terminal; the debounce sets how long to wait. */
static enum tui_keyboard_event read_live(struct ui *ui, struct tui_keyboard *kb,
                                         struct tui_input *in)
{
    int wait = -1;
    int64_t now = tui_fullscreen_now_ms();
    if (ui->pending) {
        int64_t left = ui->debounce_ms - (now - ui->last_edit_ms);
        wait = left < 0 ? 0 : (int)left;
    }
    int idle = ui->host->idle_lock_seconds ? ui->host->idle_lock_seconds(ui->host->ctx) : 0;
    int quit = ui->host->idle_exit_seconds ? ui->host->idle_exit_seconds(ui->host->ctx) : 0;
    /* wake for the idle lock, the warning a minute before the session ends, and its end */
    int64_t marks[3] = {(int64_t)idle * 1000, (int64_t)quit * 1000 - IDLE_WARNING_MS,
                        (int64_t)quit * 1000};
    bool on[3] = {idle > 0, quit > 0 && !ui->idle_warned, quit > 0};
    for (int i = 0; i < 3; i++) {
        if (!on[i])
            continue;
        int64_t left = marks[i] - (now - ui->last_key_ms);
        int due = left < 0 ? 0 : left > 86400000 ? 86400000 : (int)left;
        if (wait < 0 || due < wait)
            wait = due;
    }
    enum tui_keyboard_event ev = tui_keyboard_read(kb, wait, in);
    if (ev != TUI_KEYBOARD_TIMEOUT)
        tui_fullscreen_active(ui);
    if (kb->dropped) {
        kb->dropped = 0;
        tui_fullscreen_set_status(
            ui,
            "A key that was not UTF-8 text was left out (is your terminal set to"
            " UTF-8?).",
            false);
    }
    return ev;
}

static void init_ui(struct ui *ui, const struct tui_host *host)
{
    *ui = (struct ui){.host = host, .focus = -1, .vh = 1, .found_row = -1};
    ui->last_key_ms = tui_fullscreen_now_ms();
    ui->doc = doc_new();
    ui->gen = host->generation(host->ctx) + 1; /* anything but the host's: a first screen */
}

static void free_ui(struct ui *ui)
{
    for (int i = 0; i < SAVED_DEPTH; i++)
        free(ui->saved[i].key);
    tui_field_end(&ui->field);
    tui_layout_free(&ui->lay);
    doc_free(&ui->doc);
    free(ui->status);
}

/* The first build, and whatever the host has to say before the first key. */
static void start(struct ui *ui)
{
    ui->vh = LINES - 2 > 1 ? LINES - 2 : 1;
    tui_fullscreen_rebuild(ui);
    int is_error = 0;
    const char *msg = ui->host->message ? ui->host->message(ui->host->ctx, &is_error) : NULL;
    if (msg)
        tui_fullscreen_set_status(ui, msg, is_error != 0);
}

/* After the first frame: the host's work that could wait. True when it changed the screen,
 * which is then built again to be drawn. */
static bool settle(struct ui *ui)
{
    if (!ui->host->first_frame)
        return false;
    ui->host->first_frame(ui->host->ctx);
    if (ui->host->generation(ui->host->ctx) == ui->gen)
        return false;
    start(ui); /* build it anew, with any message */
    return true;
}

int tui_fullscreen_run(const struct tui_host *host, const struct tui_fullscreen_options *options)
{
    setlocale(LC_CTYPE, "");
    struct tui_keyboard kb;
    tui_keyboard_begin(&kb, fileno(stdin)); /* before newterm: the stop signals are ours */
    SCREEN *scr = newterm(NULL, stdout, stdin);
    if (!scr) {
        tui_keyboard_end(&kb);
        return -1;
    }
    static bool registered;
    if (!registered)
        registered = atexit(restore_terminal) == 0;
    dt_oom_on_abort(restore_terminal);
    curses_active = true;
    struct ui ui;
    init_ui(&ui, host);
    setup_screen(&ui, options);
    tui_paste_terminal_on();
    start(&ui);
    running = &ui;
    bool settled = false, ended = false;
    while (!ui.finished) {
        tui_fullscreen_draw(&ui);
        if (!settled && settle(&ui))
            continue;
        settled = true;
        struct tui_input in;
        enum tui_keyboard_event k = read_live(&ui, &kb, &in);
        if (k == TUI_KEYBOARD_END || k == TUI_KEYBOARD_STOP) {
            ended = true;
            break;
        }
        if (k == TUI_KEYBOARD_TIMEOUT) {
            tui_fullscreen_commit(&ui);
            tui_fullscreen_idle(&ui);
        } else if (k == TUI_KEYBOARD_KEY) {
            tui_fullscreen_handle_key(&ui, &in);
        } else if (k == TUI_KEYBOARD_RESIZE) {
            /* every cell is written again: where the terminal drew something in other columns
             * than ncurses counted, nothing of the old frame stays behind */
            clearok(curscr, TRUE);
        } else if (k == TUI_KEYBOARD_PASTE) {
            struct tui_paste p;
            tui_paste_init(&p);
            tui_paste_read_terminal(&p, fileno(stdin));
            tui_fullscreen_paste(&ui, &p);
            tui_paste_free(&p);
        }
    }
    if (ended)
        tui_fullscreen_commit(
            &ui); /* the terminal is gone or a signal asked to stop: keep what was typed */
    running = NULL;
    restore_terminal();
    delscreen(scr);
    tui_keyboard_end(&kb);
    free_ui(&ui);
    int sig = tui_keyboard_signal();
    return ui.to_text_mode ? 1 : !ended ? 0 : sig ? 128 + sig : TUI_FULLSCREEN_INPUT_ENDED;
}

/* ---- the test mode (the key script and the dump are in script.c) ---- */

int tui_fullscreen_run_script(const struct tui_host *host,
                              const struct tui_fullscreen_options *options, int width, int height,
                              const char *keys, FILE *dump)
{
    setlocale(LC_CTYPE, "");
    FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
    SCREEN *scr = out && in ? newterm(NULL, out, in) : NULL;
    if (!scr) {
        if (out)
            fclose(out);
        if (in)
            fclose(in);
        return -1;
    }
    resizeterm(height, width);
    struct ui ui;
    init_ui(&ui, host);
    setup_screen(&ui, options);
    start(&ui);
    running = &ui;
    settle(&ui);
    struct tui_script sc;
    tui_script_init(&sc, keys);
    int rc = 0;
    while (!ui.finished) {
        tui_fullscreen_draw(&ui);
        struct tui_input k;
        int w = 0, h = 0;
        enum tui_script_step step = tui_script_next(&sc, &k, &w, &h);
        if (step == TUI_SCRIPT_END)
            break;
        if (step == TUI_SCRIPT_ERROR) {
            rc = -1;
            break;
        }
        if (step == TUI_SCRIPT_DUMP)
            tui_script_dump(dump, tui_palette_mode_name(ui.mode));
        else if (step == TUI_SCRIPT_IDLE) /* the debounce time has passed */
            tui_fullscreen_commit(&ui);
        else if (step == TUI_SCRIPT_AWAY) { /* w seconds without a key (0: the idle lock's) */
            int idle = host->idle_lock_seconds ? host->idle_lock_seconds(host->ctx) : 0;
            ui.last_key_ms = tui_fullscreen_now_ms() - (int64_t)(w > 0 ? w : idle) * 1000;
            tui_fullscreen_commit(&ui);
            tui_fullscreen_idle(&ui);
        } else if (step == TUI_SCRIPT_RESIZE && w > 0 && h > 0)
            resizeterm(h, w); /* as ncurses does on SIGWINCH before it returns KEY_RESIZE */
        else if (step == TUI_SCRIPT_KEY)
            tui_fullscreen_handle_key(&ui, &k);
        else if (step == TUI_SCRIPT_PASTE) { /* as the terminal would send it between markers */
            struct tui_paste p;
            tui_paste_init(&p);
            tui_paste_bytes(&p, sc.paste, sc.paste_len);
            tui_fullscreen_paste(&ui, &p);
            tui_paste_free(&p);
        }
    }
    if (rc == 0) { /* typing not yet sent stays unsent: the script stopped the program there */
        if (!ui.finished)
            tui_fullscreen_draw(&ui);
        tui_script_dump(dump, tui_palette_mode_name(ui.mode));
    }
    running = NULL;
    endwin();
    delscreen(scr);
    fclose(out);
    fclose(in);
    free_ui(&ui);
    return rc == 0 && ui.to_text_mode ? 1 : rc;
}
