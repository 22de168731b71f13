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
static void follow_look(struct ui *ui)
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

/* ---- the document and the focus ---- */

const struct doc_block *tui_fullscreen_item_block(const struct ui *ui, int item)
{
    int k = 0;
    for (size_t i = 0; i < ui->doc->n; i++)
        if (tui_layout_focusable(&ui->doc->blocks[i]) && k++ == item)
            return &ui->doc->blocks[i];
    return NULL;
}

int tui_fullscreen_item_count(const struct ui *ui)
{
    int k = 0;
    for (size_t i = 0; i < ui->doc->n; i++)
        k += tui_layout_focusable(&ui->doc->blocks[i]);
    return k;
}

static int find_item(const struct ui *ui, const char *key)
{
    int k = 0;
    for (size_t i = 0; key && i < ui->doc->n; i++) {
        if (!tui_layout_focusable(&ui->doc->blocks[i]))
            continue;
        char *other = tui_layout_item_key(&ui->doc->blocks[i]);
        bool same = other && strcmp(other, key) == 0;
        free(other);
        if (same)
            return k;
        k++;
    }
    return -1;
}

/* Makes the field state match the focused item: the field's value is loaded when the focus
 * arrives; typed text is kept over rebuilds; choices and sliders follow the document. */
static void sync_field(struct ui *ui)
{
    const struct doc_block *b = ui->focus >= 0 ? tui_fullscreen_item_block(ui, ui->focus) : NULL;
    const struct doc_field *f = b && b->kind == DOC_FIELD ? &b->u.field : NULL;
    if (ui->field.active && f && strcmp(ui->field.id, f->id ? f->id : "") == 0 &&
        ui->field.kind == f->kind && (tui_field_takes_text(&ui->field) || ui->pending))
        return;
    size_t row = ui->field.row;
    bool same = ui->field.active && f && strcmp(ui->field.id, f->id ? f->id : "") == 0;
    tui_field_end(&ui->field);
    ui->pending = false;
    if (f && tui_field_begin(&ui->field, f) != 0)
        dt_oom_abort();
    if (f && same && !tui_field_takes_text(&ui->field) && row < ui->field.noptions)
        ui->field.row = row;
}

void tui_fullscreen_relayout(struct ui *ui)
{
    tui_layout_free(&ui->lay);
    if (tui_layout_build(&ui->lay, ui->doc, COLS, &ui->style, ui->focus, &ui->field) != 0)
        dt_oom_abort();
}

bool tui_fullscreen_row_visible(const struct ui *ui, int row)
{
    return row >= ui->scroll && row < ui->scroll + ui->vh;
}

/* The item of the action with cmd and arg (a screen asked for it to have the focus), or -1;
 * CMD_FIELD_CHANGED with a field's id names that field. */
static int find_action(const struct ui *ui, int cmd, const char *arg)
{
    int k = 0;
    for (size_t i = 0; i < ui->doc->n; i++) {
        const struct doc_block *b = &ui->doc->blocks[i];
        if (!tui_layout_focusable(b))
            continue;
        if (b->kind == DOC_FIELD && cmd == CMD_FIELD_CHANGED && arg &&
            strcmp(b->u.field.id, arg) == 0)
            return k;
        const struct doc_action *a = b->kind == DOC_ACTION ? &b->u.action
                                     : b->kind == DOC_CARD ? &b->u.card.action
                                                           : NULL;
        if (a && a->cmd == cmd && strcmp(a->arg ? a->arg : "", arg ? arg : "") == 0)
            return k;
        k++;
    }
    return -1;
}

/* A new screen on top keeps where the person was on the one under it; going back puts them
 * there again (the same item in focus, the same part of the page in view). */
static bool remember_or_restore(struct ui *ui, int depth, char **key, int focus, int scroll)
{
    bool restored = false;
    if (depth > ui->depth && ui->depth >= 0 && ui->depth < SAVED_DEPTH) {
        free(ui->saved[ui->depth].key);
        ui->saved[ui->depth].key = *key;
        ui->saved[ui->depth].focus = focus;
        ui->saved[ui->depth].scroll = scroll;
        *key = NULL;
    } else if (depth < ui->depth && depth >= 0 && depth < SAVED_DEPTH) {
        int at = find_item(ui, ui->saved[depth].key);
        if (at < 0 && ui->saved[depth].key &&
            ui->saved[depth].focus < tui_fullscreen_item_count(ui))
            at = ui->saved[depth].focus; /* the same place, renamed */
        if (at >= 0 || !ui->saved[depth].key) {
            tui_fullscreen_relayout(ui);
            ui->scroll = ui->saved[depth].scroll;
            tui_fullscreen_clamp_scroll(ui);
            ui->focus = at;
            ui->follow = at >= 0; /* only if the item moved out of view */
            restored = true;
        }
    }
    for (int i = depth < 0 ? 0 : depth; i < SAVED_DEPTH; i++) { /* screens gone from the stack */
        free(ui->saved[i].key);
        ui->saved[i].key = NULL;
    }
    ui->depth = depth;
    return restored;
}

/* Builds the document again. A new screen starts at its top, with the focus on its first item
 * if that is in view (else none, and the cursor on the first line, where reading starts); a
 * screen returned to is where it was left. A screen may ask for an action to take the focus. */
static void rebuild(struct ui *ui)
{
    char *key = NULL;
    int scroll = ui->scroll, focus = ui->focus;
    if (ui->focus >= 0) {
        const struct doc_block *b = tui_fullscreen_item_block(ui, ui->focus);
        key = b ? tui_layout_item_key(b) : NULL;
    }
    doc_reset(ui->doc);
    ui->host->build(ui->host->ctx, ui->doc);
    unsigned long gen = ui->host->generation(ui->host->ctx);
    int n = tui_fullscreen_item_count(ui);
    follow_look(ui); /* a new screen, or the settings previewing a colour */
    if (gen != ui->gen) {
        ui->gen = gen;
        ui->found_row = -1;
        tui_field_end(&ui->field);
        ui->pending = false;
        ui->scroll = 0;
        ui->focus = -1;
        ui->follow = false;
        int depth = ui->host->depth ? ui->host->depth(ui->host->ctx) : 0;
        if (!remember_or_restore(ui, depth, &key, focus, scroll) && n > 0) {
            tui_fullscreen_relayout(ui);
            if (ui->lay.nitems && tui_fullscreen_row_visible(ui, ui->lay.items[0].cursor_row))
                ui->focus = 0;
        }
    } else {
        int at = find_item(ui, key);
        ui->focus = at >= 0 ? at : ui->focus >= n ? n - 1 : ui->focus;
    }
    free(key);
    int cmd;
    const char *arg;
    if (ui->host->focus_request && ui->host->focus_request(ui->host->ctx, &cmd, &arg)) {
        int at = find_action(ui, cmd, arg);
        if (at >= 0) {
            ui->focus = at;
            ui->follow = true;
        }
    }
    sync_field(ui);
    const char *words;
    if (ui->host->find_request && ui->host->find_request(ui->host->ctx, &words) && words[0]) {
        snprintf(ui->find, sizeof ui->find, "%s", words);
        tui_fullscreen_find_from(ui, -1); /* from the top: the first place they are */
    }
}

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

/* Sends one event, takes the host's message, and builds the document again. */
static enum tui_outcome send(struct ui *ui, const struct tui_event *ev)
{
    enum tui_outcome o = ui->host->event(ui->host->ctx, ev);
    int is_error = 0;
    const char *msg = ui->host->message ? ui->host->message(ui->host->ctx, &is_error) : NULL;
    if (msg)
        tui_fullscreen_set_status(ui, msg, is_error != 0);
    else if (o == TUI_REJECTED)
        tui_fullscreen_set_status(ui, "that was not accepted.", true);
    else
        tui_fullscreen_set_status(ui, NULL, false);
    if (o == TUI_FINISHED)
        ui->finished = true;
    else
        rebuild(ui);
    return o;
}

/* Sends the focused field's value if it changed since it was last sent. */
enum tui_outcome tui_fullscreen_commit(struct ui *ui)
{
    ui->pending = false;
    if (!ui->field.active || !ui->field.dirty)
        return TUI_CONTINUE;
    const char *why = NULL;
    char *json = tui_field_value(&ui->field, &why);
    if (!json) {
        if (!why)
            dt_oom_abort();
        if (why[0]) {
            tui_fullscreen_set_status(ui, why, true);
            return TUI_REJECTED;
        }
        ui->field.dirty = false; /* nothing to send (an unfinished slider or choice) */
        return TUI_CONTINUE;
    }
    char *id = dt_oom_strdup(ui->field.id);
    ui->field.dirty = false;
    struct tui_event ev = {.cmd = CMD_FIELD_CHANGED, .field_id = id, .value = json};
    enum tui_outcome o = send(ui, &ev);
    /* typed text that was refused is still not kept: it goes again when it changes or is left
     * (a refused choice or step was put back from the document instead) */
    if (o == TUI_REJECTED && tui_field_takes_text(&ui->field))
        ui->field.dirty = true;
    free(json);
    free(id);
    return o;
}

/* Moves the focus to item to (-1: none), sending the field it leaves. False when that field's
 * value was refused: the focus stays so it can be put right. */
bool tui_fullscreen_set_focus(struct ui *ui, int to)
{
    if (to == ui->focus)
        return true;
    unsigned long gen = ui->gen;
    if (tui_fullscreen_commit(ui) == TUI_REJECTED)
        return false;
    if (ui->finished || ui->gen != gen) /* the value sent changed the screen: to means nothing */
        return false;
    tui_field_end(&ui->field);
    ui->focus = to;
    ui->follow = true;
    sync_field(ui);
    return true;
}

void tui_fullscreen_clamp_scroll(struct ui *ui)
{
    int max = (int)ui->lay.nrows - ui->vh;
    if (ui->scroll > max)
        ui->scroll = max;
    if (ui->scroll < 0)
        ui->scroll = 0;
}

void tui_fullscreen_scroll_by(struct ui *ui, int rows)
{
    tui_fullscreen_relayout(ui);
    ui->scroll += rows;
    tui_fullscreen_clamp_scroll(ui);
    ui->follow = false;
    bool away = ui->focus >= 0 && (size_t)ui->focus < ui->lay.nitems &&
                !tui_fullscreen_row_visible(ui, ui->lay.items[ui->focus].cursor_row);
    /* A page that started with nothing in view to focus gives the focus to the first item
     * scrolled into view, so Enter after PgDn acts on what the marker shows. */
    if (away || ui->focus < 0) {
        /* the focus scrolled away: the first item in view takes it, else none does */
        int to = -1;
        for (size_t i = 0; i < ui->lay.nitems && to < 0; i++)
            if (tui_fullscreen_row_visible(ui, ui->lay.items[i].top))
                to = (int)i;
        /* a refused value keeps the focus, and the view goes back to it and its error */
        ui->follow = !tui_fullscreen_set_focus(ui, to);
    }
}

/* Tab (wrap) or an arrow (dir -1 or 1) from the focus. An arrow never skips text: when the next
 * item is more than a screenful away, or there is none, it scrolls instead. */
void tui_fullscreen_move_focus(struct ui *ui, int dir, bool tab)
{
    tui_fullscreen_relayout(ui);
    int n = (int)ui->lay.nitems, to = -1;
    const struct tui_item *it = ui->lay.items;
    if (ui->focus >= 0) {
        to = ui->focus + dir;
    } else if (dir > 0) {
        for (int i = 0; i < n && to < 0; i++)
            if (it[i].bottom >= ui->scroll)
                to = i;
    } else {
        for (int i = n - 1; i >= 0 && to < 0; i--)
            if (it[i].top < ui->scroll + ui->vh)
                to = i;
    }
    if (tab && n > 0) {
        to = ((to < 0 ? (dir > 0 ? 0 : n - 1) : to) % n + n) % n;
        tui_fullscreen_set_focus(ui, to);
        return;
    }
    if (to < 0 || to >= n) {
        tui_fullscreen_scroll_by(ui, dir);
        return;
    }
    int page = ui->vh > 1 ? ui->vh - 1 : 1;
    if ((dir > 0 && it[to].top >= ui->scroll + ui->vh + page) ||
        (dir < 0 && it[to].bottom < ui->scroll - page)) {
        tui_fullscreen_scroll_by(ui, dir * page);
        return;
    }
    tui_fullscreen_set_focus(ui, to);
}

void tui_fullscreen_activate(struct ui *ui)
{
    const struct doc_block *b = ui->focus >= 0 ? tui_fullscreen_item_block(ui, ui->focus) : NULL;
    const struct doc_action *a = !b                                            ? NULL
                                 : b->kind == DOC_ACTION                       ? &b->u.action
                                 : b->kind == DOC_CARD && b->u.card.has_action ? &b->u.card.action
                                                                               : NULL;
    if (!a)
        return;
    struct tui_event ev = {.cmd = (enum cmd)a->cmd, .arg = a->arg};
    send(ui, &ev);
}

void tui_fullscreen_active(struct ui *ui)
{
    ui->last_key_ms = tui_fullscreen_now_ms();
    if (ui->idle_warned) { /* the person is back: the warning goes */
        ui->idle_warned = false;
        tui_fullscreen_set_status(ui, "", false);
    }
}

/* Untouched for a while: the idle lock when its time has come; on a shared server, a warning a
 * minute before the session ends, then its end (what was typed is sent first). */
void tui_fullscreen_idle(struct ui *ui)
{
    int64_t away = tui_fullscreen_now_ms() - ui->last_key_ms;
    int quit = ui->host->idle_exit_seconds ? ui->host->idle_exit_seconds(ui->host->ctx) : 0;
    if (quit > 0 && away >= (int64_t)quit * 1000) {
        tui_fullscreen_commit(ui);
        ui->finished = true;
        ui->idle_ended = true;
        return;
    }
    if (quit > 0 && !ui->idle_warned && away >= (int64_t)quit * 1000 - IDLE_WARNING_MS) {
        ui->idle_warned = true;
        tui_fullscreen_set_status(ui,
                                  "No key for a while: press any key to stay. DreamTree closes in"
                                  " a minute, keeping what you wrote.",
                                  false);
    }
    int idle = ui->host->idle_lock_seconds ? ui->host->idle_lock_seconds(ui->host->ctx) : 0;
    if (idle > 0 && away >= (int64_t)idle * 1000) {
        tui_fullscreen_host_command(ui, CMD_LOCK);
        ui->last_key_ms = tui_fullscreen_now_ms() - (away - (int64_t)idle * 1000);
    }
}

/* A command for the host (Back, Help, Submit...): the field's value goes first. */
void tui_fullscreen_host_command(struct ui *ui, enum cmd cmd)
{
    if (tui_fullscreen_commit(ui) == TUI_REJECTED && cmd != CMD_QUIT)
        return;
    if (ui->finished)
        return;
    struct tui_event ev = {.cmd = cmd};
    send(ui, &ev);
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
    rebuild(ui);
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
