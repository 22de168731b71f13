/* What text mode's two files share: plain.c (output, describing the document, the menu and
 * the loop) and plain_ask.c (asking for a field). Not for use outside tui/plain*.c. */
#ifndef DT_PLAIN_INTERNAL_H
#define DT_PLAIN_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "doc.h"
#include "host.h"

struct menu_item;

struct plain {
    const struct tui_host *host;
    FILE *in, *out;
    char *line; /* the last line read (getline's buffer) */
    size_t line_cap;
    bool eof;
    struct menu_item *menu; /* the current menu (grown to fit; freed at the end) */
    size_t menu_cap;
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
/* "Question N of M (required):" and the question. */
void plain_say_field_summary(struct plain *p, const struct doc_field *f, size_t number,
                             size_t total);
/* Asks field number of total until an answer is taken or kept; false at the end of input. */
bool plain_ask_field(struct plain *p, const struct doc_field *f, size_t number, size_t total);

#endif
