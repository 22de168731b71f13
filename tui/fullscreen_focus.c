/* The full screen's page (tui/fullscreen_internal.h): the document built from the host, the
 * focus on its items and where it goes when the page changes, scrolling, and the events sent
 * to the host. The terminal and the loop are in fullscreen.c. */
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "layout.h"

#include "fullscreen_internal.h"

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
void tui_fullscreen_rebuild(struct ui *ui)
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
    tui_fullscreen_follow_look(ui); /* a new screen, or the settings previewing a colour */
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
    else if (ev->cmd != CMD_FIELD_CHANGED || ui->status_error)
        tui_fullscreen_set_status(ui, NULL, false);
    /* else typing sent after its pause: a note already showing (where the typing went) stays
     * until the next key, and an error it put right goes */
    if (o == TUI_FINISHED)
        ui->finished = true;
    else
        tui_fullscreen_rebuild(ui);
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
    if (tui_fullscreen_commit(ui) == TUI_REJECTED && cmd != CMD_QUIT) {
        if (cmd == CMD_BACK && ui->status) { /* say why Esc stays, and the way out */
            size_t n = strlen(ui->status) + 64;
            char *said = dt_oom_malloc(n);
            snprintf(said, n, "%s Put it right, or empty it, to go back.", ui->status);
            tui_fullscreen_set_status(ui, said, true);
            free(said);
        }
        return;
    }
    if (ui->finished)
        return;
    struct tui_event ev = {.cmd = cmd};
    send(ui, &ev);
}
