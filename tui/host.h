/* What a renderer runs: the screens, seen through two calls. screens/ implements this; tui/
 * never includes screens/ (renderers know documents, not screens, the store or SQL). */
#ifndef DT_HOST_H
#define DT_HOST_H

#include <stdbool.h>

#include "doc.h"
#include "keys.h"

/* Something the person did: a key's command, a chosen action, or a changed field. */
struct tui_event {
    enum cmd cmd;
    const char *arg;      /* the action's arg, if any */
    const char *field_id; /* CMD_FIELD_CHANGED: which field */
    const char *value;    /* CMD_FIELD_CHANGED: its new value as JSON ("\"text\"", "3", "[0,2]") */
};

enum tui_outcome {
    TUI_CONTINUE, /* the event was handled; build again */
    TUI_REJECTED, /* the event was refused; message() says why (e.g. an invalid value) */
    TUI_FINISHED, /* leave the program */
};

/* How the person set DreamTree to look (user_settings ids), and the face they chose. */
struct tui_appearance {
    char background[32];
    char text_color[32];
    char font[32];
    bool text_mode; /* they chose text mode (the full screen hands over to it at once) */
};

struct tui_host {
    void *ctx;
    /* Describe the current screen into d (d is empty on entry). */
    void (*build)(void *ctx, struct doc *d);
    enum tui_outcome (*event)(void *ctx, const struct tui_event *ev);
    /* Changes whenever another screen is shown (so hints are printed once per screen). */
    unsigned long (*generation)(void *ctx);
    /* A message for the person since the last call (a note or an error), or NULL; it stays
     * valid until the next call into the host. */
    const char *(*message)(void *ctx, int *is_error);
    /* Optional: the person's colours, font and face as they are now (false when unknown), so a
     * renderer can follow a change made in the settings without a restart. Asked when another
     * screen is shown. */
    bool (*appearance)(void *ctx, struct tui_appearance *out);
    /* Optional: called once, when the first screen has been shown, for work that can wait until
     * the person sees something. It may change the screen (the generation then moves). */
    void (*first_frame)(void *ctx);
    /* Optional: how many screens deep the person is (1 = the first). A renderer keeps where the
     * person was on a screen when another opens on top, and puts them back there on return. */
    int (*depth)(void *ctx);
    /* Optional: the action a screen asks to have the focus now (after a submit, "Go on"), once:
     * true with its command and argument (valid until the next call into the host); or, as
     * CMD_FIELD_CHANGED with a field's id, a field (a form the page just turned into). The full
     * screen moves the focus there; text mode makes an action the menu's default. */
    bool (*focus_request)(void *ctx, int *cmd, const char **arg);
    /* Optional: words to find on the screen just opened (a search result opens where its
     * words are), once: true with them (valid until the next call into the host). The full
     * screen finds them as f would, so the first is in view and n goes on; text mode says the
     * lines and answers of the page that hold them. */
    bool (*find_request)(void *ctx, const char **words);
    /* Optional: after how many seconds without a key the renderer sends CMD_LOCK (what was
     * being typed is sent first); 0: never. Asked before each wait for a key. */
    int (*idle_lock_seconds)(void *ctx);
    /* Optional: after how many seconds without a key the session ends (a shared server); 0:
     * never. A minute before, the renderer warns ("press any key to stay"); at the time it
     * sends what was being typed and finishes. */
    int (*idle_exit_seconds)(void *ctx);
};

#endif
