/* What the curses renderer's four files share: fullscreen.c (the terminal, the status line,
 * the loop), fullscreen_focus.c (the document, the focus and scrolling), fullscreen_keys.c
 * (what a key does) and fullscreen_draw.c (drawing the viewport, the status line and the
 * hints). Not for use outside tui/fullscreen*.c. */
#ifndef DT_FULLSCREEN_INTERNAL_H
#define DT_FULLSCREEN_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <ncurses.h>

#include "fields.h"
#include "fullscreen.h"
#include "layout.h"
#include "oom.h"
#include "palette.h"

#define MIN_COLS 40
#define MIN_ROWS 12
#define DEBOUNCE_MS 500
#define LIVE_DEBOUNCE_MS 120 /* a live field (a search box): results follow the typing */
#define CTRL_KEY(c) ((c)&0x1f)
#define SAVED_DEPTH 16
#define IDLE_WARNING_MS 60000 /* the warning before an idle session ends */

struct ui {
    const struct tui_host *host;
    struct doc *doc;
    unsigned long gen;
    struct tui_layout lay;
    struct tui_layout_style style;
    attr_t attrs[TUI_ROLE_COUNT];
    enum tui_palette_mode mode;
    int focus;                    /* index of the focused item, -1 for none (reading) */
    int scroll;                   /* the layout row at the top of the viewport */
    int vh;                       /* rows of the viewport, as last drawn */
    bool follow;                  /* the viewport is to follow the focus at the next draw */
    struct tui_field_state field; /* the focused field's, when it is a field */
    bool pending;                 /* typing not yet sent (the debounce runs) */
    int64_t last_edit_ms;
    int debounce_ms;     /* how long typing waits before it is sent: DEBOUNCE_MS or LIVE_... */
    int64_t last_key_ms; /* for the idle lock and the idle end */
    bool idle_warned;    /* "press any key to stay" is showing */
    bool idle_ended;     /* the session ended for want of a key */
    char *status;
    bool status_error;
    bool finished;
    bool to_text_mode;          /* finished because the person chose text mode */
    struct tui_appearance look; /* the colours and font in use, as the host said them */
    int depth;                  /* the host's screen depth when last built */
    struct {                    /* where the person was on each screen under the top one */
        char *key;              /* the focused item's key (owned), NULL for none */
        int focus; /* its place, for when its key changed (a label names a new entry) */
        int scroll;
    } saved[SAVED_DEPTH];
    bool confirm_quit; /* "Leave DreamTree?" waits for y or n */
    bool finding;      /* "Find:" takes the keys typed, until Enter or Esc */
    char find[128];    /* the words being typed, then the words last found */
    int found_row;     /* the layout row they were last found on, -1 for none */
};

/* Lays the document out again at the terminal's width. */
void tui_fullscreen_relayout(struct ui *ui);
bool tui_fullscreen_row_visible(const struct ui *ui, int row);
/* Keeps the viewport inside the layout. */
void tui_fullscreen_clamp_scroll(struct ui *ui);
/* Below the minimum size (MIN_COLS x MIN_ROWS): a message is drawn instead of the page. */
bool tui_fullscreen_too_small(void);
/* fullscreen.c: the monotonic clock, and colours and font following the host's settings (a
 * choice of text mode finishes the full screen). */
int64_t tui_fullscreen_now_ms(void);
void tui_fullscreen_follow_look(struct ui *ui);
/* fullscreen_focus.c: builds the document again; a new screen starts at its top, a screen
 * returned to where it was left, and a focus or find the host asked for is taken. */
void tui_fullscreen_rebuild(struct ui *ui);
/* The block of focusable item `item` (an action, a field, a card), and how many there are. */
const struct doc_block *tui_fullscreen_item_block(const struct ui *ui, int item);
int tui_fullscreen_item_count(const struct ui *ui);
/* A message on the status line (copied). */
void tui_fullscreen_set_status(struct ui *ui, const char *text, bool is_error);
/* Sends the focused field's value if it changed since it was last sent. */
enum tui_outcome tui_fullscreen_commit(struct ui *ui);
/* Moves the focus to item to (-1: none); false when the field it leaves refused its value. */
bool tui_fullscreen_set_focus(struct ui *ui, int to);
void tui_fullscreen_scroll_by(struct ui *ui, int rows);
/* Tab (wrap) or an arrow (dir -1 or 1) from the focus. */
void tui_fullscreen_move_focus(struct ui *ui, int dir, bool tab);
/* Enter on the focused item. */
void tui_fullscreen_activate(struct ui *ui);
/* Sends CMD_LOCK when the host's idle lock time has passed since the last key; warns of, then
 * makes, a shared session's idle end. */
void tui_fullscreen_idle(struct ui *ui);
/* A key or a paste: the person is here (the idle clocks start again, a warning goes). */
void tui_fullscreen_active(struct ui *ui);
/* fullscreen_keys.c: finds the words in ui->find from the row after from (-1: from the top);
 * the row comes into view, its item takes the focus, the status line says what happened. */
void tui_fullscreen_find_from(struct ui *ui, int from);
/* A command for the host (Back, Help, Submit...), the field's value sent first. */
void tui_fullscreen_host_command(struct ui *ui, enum cmd cmd);

/* fullscreen_keys.c: one key, and one paste (p is the caller's), for the focus. */
void tui_fullscreen_handle_key(struct ui *ui, const struct tui_input *in);
struct tui_paste;
void tui_fullscreen_paste(struct ui *ui, struct tui_paste *p);

/* fullscreen_draw.c: draws the viewport, the status line and the key hints, and puts the cursor. */
void tui_fullscreen_draw(struct ui *ui);

#endif
