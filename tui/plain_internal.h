/* What text mode's files share: plain.c (output, describing the document, the menu and the
 * loop), plain_input.c (reading lines, stop signals, idle) and plain_ask.c (asking for a
 * field). Not for use outside tui/plain*.c. */
#ifndef DT_PLAIN_INTERNAL_H
#define DT_PLAIN_INTERNAL_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "doc.h"
#include "host.h"

struct menu_item;

/* What a page showed, block by block (a key per heading, paragraph, card, table and chart), so
 * that text mode can say only what changed when the page is shown again. */
struct plain_seen {
    char **keys;
    size_t n, cap;
};

#define PLAIN_DEPTHS 16

struct plain {
    const struct tui_host *host;
    FILE *in, *out;
    char *line; /* the last line read (getline's buffer) */
    size_t line_cap;
    bool eof;
    struct menu_item *menu; /* the current menu (grown to fit; freed at the end) */
    size_t menu_cap;
    size_t menu_default;                   /* the item Enter alone chooses (0: the first) */
    struct plain_seen seen;                /* what the current page has said */
    struct plain_seen saved[PLAIN_DEPTHS]; /* the same for the screens under it, by depth */
    int depth;
    bool in_pass;         /* asking several questions in a row (".." stops them) */
    bool stop_read;       /* the last multi-line read ended with "..": stop the questions */
    bool pass_done;       /* every question was asked: the menu's default moves on from them */
    bool line_emptied;    /* the last line read held only what was left out: it is not Enter */
    char hints_said[512]; /* the keys line last said: a new page says it only when it differs */
    bool idle_warned;     /* "press Enter to stay" was said */
};

/* plain_input.c: the stop signals (SIGHUP: the connection dropped; SIGTERM; SIGINT) are only
 * noted while text mode runs, so a blocked read returns and the run ends with every answer sent
 * kept. plain_stops_end puts the handlers back and says which signal came (0: none). */
#define PLAIN_STOPS 3
struct plain_stops {
    struct sigaction saved[PLAIN_STOPS];
};
void plain_stops_begin(struct plain_stops *st);
int plain_stops_end(const struct plain_stops *st);

/* Waits for the next line at a menu. On a terminal (where a line arrives whole; a pipe or a
 * script is never idle): PLAIN_IDLE_LOCK when the host's idle lock time passes first; on a
 * shared server, a warning a minute before the session's idle end, then PLAIN_IDLE_END. */
enum plain_idle { PLAIN_IDLE_NONE, PLAIN_IDLE_LOCK, PLAIN_IDLE_END };
enum plain_idle plain_idle_due(struct plain *p);

/* A line read with echo off when input is a terminal (a password); plain_forget_line wipes
 * the line buffer once the value is taken. */
bool plain_read_secret(struct plain *p);
void plain_forget_line(struct plain *p);

/* How asking for a field ended. */
enum plain_asked {
    PLAIN_ASK_DONE, /* answered, or kept as it was */
    PLAIN_ASK_STOP, /* the person typed ".." to stop a pass of questions */
    PLAIN_ASK_END,  /* input ended, or the host finished */
};

/* Output, everything through the sanitiser: a line (after prefix, when given), a formatted
 * line, "Error: why". */
void plain_say(struct plain *p, const char *prefix, const char *text);
void plain_sayf(struct plain *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void plain_error(struct plain *p, const char *why);
/* The message the host has for the person, if any, as "Note:" or "Error:". */
void plain_say_message(struct plain *p);
/* Reads a line into p->line (what an answer may hold, tui_text_answer: controls, invisible
 * characters and bytes that are not UTF-8 left out, with a note); false at the end of input. */
bool plain_read_line(struct plain *p);
/* Whether a field has an answer, and saying it ("Your answer: ..."). */
bool plain_has_value(const struct doc_field *f);
void plain_say_value(struct plain *p, const struct doc_field *f);
/* "Question N of M (required):" and the question; the summary adds the answer, or that there
 * is none yet. */
void plain_say_question(struct plain *p, const struct doc_field *f, size_t number, size_t total);
void plain_say_field_summary(struct plain *p, const struct doc_field *f, size_t number,
                             size_t total);
/* Asks field number of total until an answer is taken or kept. */
enum plain_asked plain_ask_field(struct plain *p, const struct doc_field *f, size_t number,
                                 size_t total);
/* What a page said (plain_seen.c): whether a block is one that is said (not a field or an
 * action), whether s holds it, s taking every said block of d (what it held is forgotten), and
 * s emptied. */
bool plain_seen_says(const struct doc_block *b);
bool plain_seen_has(const struct plain_seen *s, const struct doc_block *b);
void plain_seen_take(struct plain_seen *s, const struct doc *d);
void plain_seen_clear(struct plain_seen *s);
/* plain_say.c: block i of d said (a field as its summary, numbered of total); the whole
 * document; only the blocks not said yet (true when any was; a table under a heading that
 * changed is said again); the keys line, when it differs from the last one said (again: always). */
void plain_say_block(struct plain *p, const struct doc *d, size_t i, size_t number, size_t total);
void plain_say_document(struct plain *p, const struct doc *d);
bool plain_say_changes(struct plain *p, const struct doc *d);
void plain_say_hints(struct plain *p, const struct doc *d, bool again);
/* A list field (plain_list.c): changed item by item when it has items. */
enum plain_asked plain_ask_list(struct plain *p, const struct doc_field *f);
/* Lines up to one holding only "." (or the end of input), joined by newlines (malloc'd; NULL
 * when out of memory). In a run of questions a line holding only ".." ends it too, and sets
 * p->stop_read: what was typed before it is returned, to be kept, and the run stops. */
char *plain_read_until_dot(struct plain *p);
/* Sends a field's value (consumed) to the host. */
enum tui_outcome plain_send_value(struct plain *p, const struct doc_field *f, cJSON *value);
/* The page's search box (a live line field), or NULL. */
const struct doc_field *plain_live_field(const struct doc *d);
/* Sends words typed at the menu prompt as the search box's new text, cut to its length as an
 * answer would be (words is changed in place). */
enum tui_outcome plain_type_into(struct plain *p, const struct doc_field *f, char *words);
/* A line holding only "..": stop the pass of questions. */
bool plain_is_stop(const char *line);

#endif
