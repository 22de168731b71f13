/* Text mode's saying (tui/plain_internal.h): every line through the sanitiser, and the
 * document said block by block, all of it or only what changed, with the keys line. The loop,
 * the menu and the questions are in plain.c and plain_ask.c. */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "number.h"
#include "plain_internal.h"
#include "text.h"

/* ---- output: everything through the sanitiser ---- */

static void put_text(struct plain *p, const char *s, int flags)
{
    char *clean = tui_text_sanitize(s, strlen(s), flags);
    if (clean) {
        fputs(clean, p->out);
        free(clean);
    }
}

/* Markdown's strong-emphasis markers read aloud as "star star": text mode leaves them out
 * (the curses renderer shows them as bold). */
static char *without_emphasis(const char *text)
{
    char *copy = strdup(text), *w = copy;
    if (!copy)
        return NULL;
    for (const char *r = text; *r; r++) {
        if (r[0] == '*' && r[1] == '*') {
            r++;
            continue;
        }
        *w++ = *r;
    }
    *w = '\0';
    return copy;
}

/* One line: a prefix of our own (trusted) then text from content or the user. */
void plain_say(struct plain *p, const char *prefix, const char *text)
{
    if (prefix)
        fputs(prefix, p->out);
    if (text) {
        char *plain = without_emphasis(text);
        put_text(p, plain ? plain : text, TUI_TEXT_MULTILINE);
        free(plain);
    }
    fputc('\n', p->out);
}

void plain_sayf(struct plain *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void plain_sayf(struct plain *p, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    plain_say(p, NULL, buf);
}

void plain_error(struct plain *p, const char *why)
{
    plain_say(p, "Error: ", why);
}

/* ---- describing the document ---- */

static const char *role_prefix(enum doc_role role)
{
    switch (role) {
    case DOC_ROLE_REFLECTION: return "Reflection: ";
    case DOC_ROLE_TRANSITION: return "Looking ahead: ";
    case DOC_ROLE_CELEBRATION: return "Well done: ";
    case DOC_ROLE_NOTE: return "Note: ";
    case DOC_ROLE_ERROR: return "Error: ";
    default: return NULL;
    }
}

static const char *stop_label(const struct doc_field *f, double v)
{
    for (size_t i = 0; i < f->nstops; i++)
        if (fabs(f->stops[i].value - v) < 1e-9)
            return f->stops[i].label;
    return NULL;
}

bool plain_has_value(const struct doc_field *f)
{
    switch (f->kind) {
    case DOC_FIELD_LINE:
    case DOC_FIELD_TEXT: return f->text && f->text[0];
    case DOC_FIELD_NUMBER:
    case DOC_FIELD_SLIDER: return f->has_number;
    case DOC_FIELD_CHOICE:
    case DOC_FIELD_CHOICES:
    case DOC_FIELD_PAIRWISE: return f->chosen != 0;
    default: return f->nitems > 0;
    }
}

/* What a field's value is called as it is said: an answer, unless the field is a search box
 * or a filter. */
static const char *value_prefix(const struct doc_field *f)
{
    return f->live ? "Words: " : f->filter ? "Showing: " : "Your answer: ";
}

/* The current answer in words, on one or more lines. */
void plain_say_value(struct plain *p, const struct doc_field *f)
{
    char num[32];
    switch (f->kind) {
    case DOC_FIELD_LINE:
    case DOC_FIELD_TEXT:
        plain_say(p, value_prefix(f), f->secret ? "typed (not shown)" : f->text);
        break;
    case DOC_FIELD_NUMBER:
    case DOC_FIELD_SLIDER: {
        (f->amount ? tui_number_format_amount : tui_number_format)(f->number, num, sizeof num);
        const char *label = stop_label(f, f->number);
        fprintf(p->out, "Your answer: %s", num);
        if (label) {
            fputs(" (", p->out);
            put_text(p, label, 0);
            fputc(')', p->out);
        }
        fputc('\n', p->out);
        if (f->description)
            plain_say(p, NULL, f->description);
        break;
    }
    case DOC_FIELD_CHOICE:
    case DOC_FIELD_CHOICES:
    case DOC_FIELD_PAIRWISE: {
        fputs(value_prefix(f), p->out);
        bool first = true;
        for (size_t i = 0; i < f->noptions; i++)
            if (f->chosen & (1ULL << i)) {
                fputs(first ? "" : "; ", p->out);
                put_text(p, f->options[i], 0);
                first = false;
            }
        fputc('\n', p->out);
        break;
    }
    default:
        plain_sayf(p, "Your answer has %zu item%s:", f->nitems, f->nitems == 1 ? "" : "s");
        for (size_t i = 0; i < f->nitems; i++) {
            int depth = f->tree_depths ? f->tree_depths[i] : 0;
            fprintf(p->out, "%*s%zu. ", 2 * depth, "", i + 1);
            plain_say(p, NULL, f->items[i]);
        }
        break;
    }
}

void plain_say_question(struct plain *p, const struct doc_field *f, size_t number, size_t total)
{
    char counter[80];
    plain_sayf(p, "%s%s:", doc_field_counter(f, number, total, counter, sizeof counter),
               f->required ? " (required)" : "");
    plain_say(p, NULL, f->label);
}

void plain_say_field_summary(struct plain *p, const struct doc_field *f, size_t number,
                             size_t total)
{
    plain_say_question(p, f, number, total);
    if (plain_has_value(f))
        plain_say_value(p, f);
    else
        plain_say(p, NULL, f->live ? "Nothing typed yet." : "Not answered yet.");
}

static void say_table(struct plain *p, const struct doc_table *t)
{
    if (t->caption)
        plain_say(p, NULL, t->caption);
    /* one line per row, each cell named by its column: easy to follow by ear */
    for (size_t r = 1; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            put_text(p, t->cells[c], 0);
            fputs(": ", p->out);
            put_text(p, t->cells[r * t->ncols + c], 0);
            fputs(c + 1 < t->ncols ? "; " : "\n", p->out);
        }
    }
}

/* Whether the block after i is one that a blank line sets off from it: a paragraph or a chart
 * (a chart's title would read as the end of the paragraph before it). */
static bool next_set_off(const struct doc *d, size_t i)
{
    return i + 1 < d->n &&
           (d->blocks[i + 1].kind == DOC_PARAGRAPH || d->blocks[i + 1].kind == DOC_CHART);
}

void plain_say_block(struct plain *p, const struct doc *d, size_t i, size_t number, size_t total)
{
    const struct doc_block *b = &d->blocks[i];
    switch (b->kind) {
    case DOC_HEADING:
        if (i > 0) /* a blank line sets a section off; the screen's first line needs none */
            fputc('\n', p->out);
        plain_say(p, NULL, b->text);
        break;
    case DOC_PARAGRAPH:
        plain_say(p, role_prefix(b->role), b->text);
        if (next_set_off(d, i))
            fputc('\n', p->out); /* paragraphs of different blocks stay apart */
        break;
    case DOC_CARD:
        put_text(p, b->u.card.title, 0);
        if (b->u.card.subtitle && b->u.card.subtitle[0]) {
            fputs(": ", p->out);
            put_text(p, b->u.card.subtitle, 0);
        }
        if (b->u.card.state && b->u.card.state[0]) {
            fputs(" [", p->out);
            put_text(p, b->u.card.state, 0);
            fputc(']', p->out);
        }
        fputc('\n', p->out);
        break;
    case DOC_TABLE: say_table(p, &b->u.table); break;
    case DOC_CHART:
        if (b->u.chart.title)
            plain_say(p, NULL, b->u.chart.title);
        plain_say(p, NULL, b->u.chart.text);
        if (next_set_off(d, i))
            fputc('\n', p->out); /* a chart's words apart from what follows */
        break;
    case DOC_FIELD: plain_say_field_summary(p, &b->u.field, number, total); break;
    case DOC_ACTION: break;
    }
}

void plain_say_document(struct plain *p, const struct doc *d)
{
    size_t total = doc_count(d, DOC_FIELD), number = 0;
    /* a new form of many questions: "Not answered yet" once for all, not after each one */
    bool fresh = total > 3;
    for (size_t i = 0; i < d->n && fresh; i++)
        fresh = d->blocks[i].kind != DOC_FIELD || (doc_field_is_question(&d->blocks[i].u.field) &&
                                                   !plain_has_value(&d->blocks[i].u.field));
    for (size_t i = 0; i < d->n; i++) {
        const struct doc_block *b = &d->blocks[i];
        if (b->kind != DOC_FIELD) {
            plain_say_block(p, d, i, 0, total);
            continue;
        }
        if (!fresh) {
            plain_say_block(p, d, i, ++number, total);
            continue;
        }
        if (++number == 1)
            plain_sayf(p, "%zu questions, none answered yet:", total);
        plain_say_question(p, &b->u.field, number, total);
    }
    plain_seen_take(&p->seen, d);
}

/* Says only the blocks the page has not said yet (a screen-reader user does not hear the whole
 * page again after each answer); "r" prints it all. True when anything was said. */
bool plain_say_changes(struct plain *p, const struct doc *d)
{
    bool any = false, heading_new = false;
    for (size_t i = 0; i < d->n; i++) {
        const struct doc_block *b = &d->blocks[i];
        if (!plain_seen_says(b))
            continue;
        bool new = !plain_seen_has(&p->seen, b);
        if (b->kind == DOC_HEADING)
            heading_new = new;
        /* a table under a heading that changed ("only yours", another search) is what the
         * heading now names: said again even where its rows are the same */
        if (new || (b->kind == DOC_TABLE && heading_new)) {
            plain_say_block(p, d, i, 0, 0);
            any = true;
        }
    }
    plain_seen_take(&p->seen, d);
    return any;
}

/* The keys line; a new page (again false) leaves it out when it is the one last said, so a
 * screen reader does not hear it on every page; ? says it always. */
void plain_say_hints(struct plain *p, const struct doc *d, bool again)
{
    char line[sizeof p->hints_said];
    size_t used = (size_t)snprintf(line, sizeof line,
                                   "Keys: type the number of a choice and press Enter. Letters:");
    const char *sep = " ";
    for (size_t i = 0; i < tui_keys_count && used < sizeof line; i++)
        if (tui_keys[i].plain && (!d->locked || tui_keys_while_locked(tui_keys[i].cmd))) {
            used += (size_t)snprintf(line + used, sizeof line - used, "%s%c %s", sep,
                                     tui_keys[i].plain, tui_keys[i].name);
            sep = ", ";
        }
    if (!again && strcmp(line, p->hints_said) == 0)
        return;
    snprintf(p->hints_said, sizeof p->hints_said, "%s", line);
    fprintf(p->out, "%s.\n", line);
}
