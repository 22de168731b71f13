/* Text mode's loop: a page said, its menu (plain_say.c says the page), a choice read and sent,
 * the questions asked (plain_ask.c), until the host is done or the input ends. */
#include "plain.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "find.h"
#include "plain_internal.h"

/* ---- the menu ---- */

#define MENU_GROUPED 9 /* a menu longer than this is said under its headings */

struct menu_item {
    const char *label;
    struct tui_event ev;
    bool answer; /* "answer the questions" */
    /* a card's headings (levels 2 and 3) in the document, to group a long menu by */
    const char *section, *subsection;
};

/* The menu in the document's order, as the full-screen view's focus moves: card actions and
 * actions where they stand, and all the fields as one "answer" item where the first one is. */
static size_t collect_menu(const struct doc *d, struct menu_item *items, size_t cap)
{
    size_t n = 0;
    bool answer_listed = false;
    const char *section = NULL, *subsection = NULL;
    for (size_t i = 0; i < d->n && n < cap; i++) {
        const struct doc_block *b = &d->blocks[i];
        if (b->kind == DOC_HEADING && b->level == 2)
            section = b->text, subsection = NULL;
        else if (b->kind == DOC_HEADING && b->level >= 3)
            subsection = b->text;
        if (b->kind == DOC_CARD && b->u.card.has_action)
            items[n++] = (struct menu_item){b->u.card.action.label ? b->u.card.action.label
                                                                   : b->u.card.title,
                                            {.cmd = b->u.card.action.cmd,
                                             .arg = b->u.card.action.arg},
                                            false,
                                            section,
                                            subsection};
        else if (b->kind == DOC_FIELD && !answer_listed) {
            answer_listed = true;
            items[n++] = (struct menu_item){b->u.field.live                ? "Type words to find"
                                            : doc_count(d, DOC_FIELD) == 1 ? "Answer the question"
                                                                           : "Answer the questions",
                                            {.cmd = CMD_NONE},
                                            true,
                                            NULL,
                                            NULL};
        } else if (b->kind == DOC_ACTION)
            items[n++] = (struct menu_item){b->u.action.label,
                                            {.cmd = b->u.action.cmd, .arg = b->u.action.arg},
                                            false,
                                            NULL,
                                            NULL};
    }
    return n;
}

/* Asks every field in turn. The document is built again before each question, because an
 * answer may change the next question (a background colour limits the text colours). A line
 * holding only ".." stops the pass. False when input ended or the host finished. */
static bool answer_all(struct plain *p, struct doc *d)
{
    unsigned long gen = p->host->generation(p->host->ctx);
    char asked[128] = ""; /* the id of the field last asked at this position */
    bool have_asked = false;
    p->in_pass = doc_count(d, DOC_FIELD) > 1;
    bool questions = false; /* a search box and a filter are not questions */
    for (size_t i = 0; i < d->n && !questions; i++)
        questions = d->blocks[i].kind == DOC_FIELD && doc_field_is_question(&d->blocks[i].u.field);
    if (p->in_pass)
        plain_sayf(p,
                   "%zu %s, one at a time. Enter alone keeps %s as it is; a line holding only two"
                   " full stops (..) stops here and goes back to the menu.",
                   doc_count(d, DOC_FIELD), questions ? "questions" : "boxes",
                   questions ? "an answer" : "each");
    for (size_t number = 1;;) {
        doc_reset(d);
        p->host->build(p->host->ctx, d);
        size_t total = doc_count(d, DOC_FIELD), seen = 0;
        const struct doc_field *f = NULL;
        for (size_t i = 0; i < d->n && !f; i++)
            if (d->blocks[i].kind == DOC_FIELD && ++seen == number)
                f = &d->blocks[i].u.field;
        if (!f || p->host->generation(p->host->ctx) != gen)
            break;
        /* the same question again: on to the next one. A new question in its place (a ranking's
         * next pair) is asked straight away. */
        if (have_asked && strcmp(asked, f->id ? f->id : "") == 0) {
            number++;
            have_asked = false;
            continue;
        }
        snprintf(asked, sizeof asked, "%s", f->id ? f->id : "");
        have_asked = true;
        enum plain_asked r = plain_ask_field(p, f, number, total);
        if (r == PLAIN_ASK_END) {
            p->in_pass = false;
            return false;
        }
        if (r == PLAIN_ASK_STOP) {
            plain_say(p, NULL, "Stopped. Your answers so far are kept.");
            p->in_pass = false;
            return true;
        }
    }
    p->in_pass = false;
    p->pass_done = questions; /* a search box's words are not answers to hand in */
    return true;
}

void plain_say_message(struct plain *p)
{
    int is_error = 0;
    const char *msg = p->host->message ? p->host->message(p->host->ctx, &is_error) : NULL;
    if (msg)
        plain_say(p, is_error ? "Error: " : "Note: ", msg);
}

/* Whether the person's chosen face is text mode (false when the host cannot say). */
static bool chose_text_mode(const struct tui_host *host, bool *known)
{
    struct tui_appearance look;
    memset(&look, 0, sizeof look);
    *known = host->appearance && host->appearance(host->ctx, &look);
    return look.text_mode;
}

/* Another screen is shown. A screen opened on top keeps what the one under it said; going back
 * to it says "Back to" and only what changed there. False when the page is to be said in full. */
static bool turn_page(struct plain *p, const struct doc *d, int depth)
{
    bool back = false;
    if (depth > p->depth && p->depth >= 0 && p->depth < PLAIN_DEPTHS) {
        plain_seen_clear(&p->saved[p->depth]);
        p->saved[p->depth] = p->seen;
        p->seen = (struct plain_seen){0};
    } else if (depth < p->depth && depth >= 0 && depth < PLAIN_DEPTHS && p->saved[depth].n) {
        plain_seen_clear(&p->seen);
        p->seen = p->saved[depth];
        p->saved[depth] = (struct plain_seen){0};
        back = true;
    }
    for (int i = depth < 0 ? 0 : depth; i < PLAIN_DEPTHS; i++) /* screens no longer open */
        plain_seen_clear(&p->saved[i]);
    if (back && d->n && d->blocks[0].kind == DOC_HEADING)
        plain_say(p, "Back to: ", d->blocks[0].text);
    return back;
}

/* A heading of the menu when it changes from the item before (NULL and NULL are the same). */
static bool differs(const char *a, const char *b)
{
    return a != b && (!a || !b || strcmp(a, b) != 0);
}

/* "f words" at a menu (or a search result opened): the page's lines and menu items that hold the words, said again. */
static void find_on_page(struct plain *p, const struct doc *d, const struct menu_item *items,
                         size_t n, const char *query)
{
    size_t found = 0, fields = doc_count(d, DOC_FIELD), field = 0;
    for (size_t i = 0; i < d->n; i++) {
        const struct doc_block *b = &d->blocks[i];
        field += b->kind == DOC_FIELD;
        const char *text = b->kind == DOC_CARD    ? b->u.card.title
                           : b->kind == DOC_CHART ? b->u.chart.text
                                                  : b->text;
        bool hit = text && tui_find_in(text, query);
        if (b->kind == DOC_FIELD && !b->u.field.secret) { /* the question and its answer */
            const struct doc_field *f = &b->u.field;
            hit = (f->label && tui_find_in(f->label, query)) ||
                  (f->text && tui_find_in(f->text, query));
            for (size_t k = 0; !hit && f->items && k < f->nitems; k++)
                hit = f->items[k] && tui_find_in(f->items[k], query);
        }
        if (b->kind == DOC_CARD && b->u.card.subtitle)
            hit = hit || tui_find_in(b->u.card.subtitle, query);
        if (b->kind == DOC_TABLE)
            for (size_t c = 0; !hit && c < b->u.table.ncols * b->u.table.nrows; c++)
                hit = b->u.table.cells[c] && tui_find_in(b->u.table.cells[c], query);
        bool in_label = b->kind == DOC_FIELD && !b->u.field.secret &&
                        ((b->u.field.label && tui_find_in(b->u.field.label, query)) ||
                         (b->u.field.text && tui_find_in(b->u.field.text, query)));
        if (hit && b->kind == DOC_FIELD && b->u.field.nitems && !in_label) {
            /* in a list: the question, then only the items that hold the words */
            plain_say_question(p, &b->u.field, field, fields);
            for (size_t k = 0; k < b->u.field.nitems; k++)
                if (b->u.field.items[k] && tui_find_in(b->u.field.items[k], query)) {
                    fprintf(p->out, "%zu. ", k + 1);
                    plain_say(p, NULL, b->u.field.items[k]);
                }
            found++;
        } else if (hit && (plain_seen_says(b) || b->kind == DOC_FIELD)) {
            plain_say_block(p, d, i, field, fields);
            found++;
        }
    }
    for (size_t i = 0; i < n; i++)
        if (tui_find_in(items[i].label, query)) {
            fprintf(p->out, "%zu. ", i + 1);
            plain_say(p, NULL, items[i].label);
            found++;
        }
    if (!found)
        plain_sayf(p, "Nothing on this page holds \"%s\".", query);
}

static void say_menu(struct plain *p, const struct menu_item *items, size_t n)
{
    /* a long menu (the contents) is grouped under its sections, so it can be skimmed by ear */
    bool grouped = n > MENU_GROUPED;
    for (size_t i = 0; i < n; i++) {
        const struct menu_item *prev = i ? &items[i - 1] : NULL;
        if (grouped && items[i].section && (!prev || differs(prev->section, items[i].section)))
            plain_say(p, NULL, items[i].section);
        if (grouped && items[i].subsection &&
            (!prev || differs(prev->section, items[i].section) ||
             differs(prev->subsection, items[i].subsection)))
            plain_say(p, "  ", items[i].subsection);
        fprintf(p->out, "%zu. ", i + 1);
        plain_say(p, NULL, items[i].label);
    }
    if (n == 1)
        fputs("Choose 1 (Enter = 1, ? = help, q = back):\n", p->out);
    else if (n)
        fprintf(p->out, "Choose 1-%zu (Enter = %zu, ? = help, q = back):\n", n,
                p->menu_default + 1);
    else
        fputs("Type a letter (? = help, q = back):\n", p->out);
}

int tui_plain_run(const struct tui_host *host, FILE *in, FILE *out)
{
    struct plain p = {.host = host, .in = in, .out = out};
    struct plain_stops stops;
    plain_stops_begin(&stops);
    bool known = false, text_mode_was = chose_text_mode(host, &known);
    bool settled = false; /* first_frame has run */
    int rc = 0;
    struct doc *d = doc_new();
    unsigned long shown = 0;
    bool first = true, finished = false;
    while (!finished && !p.eof) {
        doc_reset(d);
        host->build(host->ctx, d);
        unsigned long gen = host->generation(host->ctx);
        if (!first && gen != shown && known && text_mode_was) {
            bool now_known;
            if (!chose_text_mode(host, &now_known) && now_known) {
                rc = 1; /* the person chose the full screen: the caller starts it if it can */
                break;
            }
        }
        int depth = host->depth ? host->depth(host->ctx) : 0;
        /* opened from a search: its title and where the words are, not the whole page first
         * (r says it all) */
        char find_words[128] = "";
        const char *asked_words;
        if (host->find_request && host->find_request(host->ctx, &asked_words))
            snprintf(find_words, sizeof find_words, "%s", asked_words);
        bool full = first;
        if (!first && gen != shown) {
            p.menu_default = 0;
            full = !turn_page(&p, d, depth);
        }
        p.depth = depth;
        if (full && find_words[0]) {
            for (size_t i = 0; i < d->n; i++)
                if (d->blocks[i].kind == DOC_HEADING) {
                    plain_say(&p, NULL, d->blocks[i].text);
                    break;
                }
            plain_seen_take(&p.seen, d);
            plain_say(&p, NULL, "(r says the whole page.)");
            plain_say_message(&p);
        } else if (full) {
            plain_say_message(&p); /* what just happened (it opened), then the page */
            plain_say_document(&p, d);
            fputc('\n', p.out); /* the page apart from its menu */
            plain_say_hints(&p, d, false);
        } else {
            plain_say_message(&p); /* what just happened, then what it changed on the page */
            plain_say_changes(&p, d);
        }
        shown = gen;
        first = false;
        int want_cmd;
        const char *want_arg;
        bool want = host->focus_request && host->focus_request(host->ctx, &want_cmd, &want_arg);
        if (p.menu_cap < d->n + 1) { /* a long list of entries is a long menu */
            struct menu_item *grown = realloc(p.menu, (d->n + 1) * sizeof *grown);
            if (grown) {
                p.menu = grown;
                p.menu_cap = d->n + 1;
            }
        }
        struct menu_item *items = p.menu;
        size_t n = items ? collect_menu(d, items, p.menu_cap) : 0;
        if (find_words[0]) {
            plain_sayf(&p, "Where \"%s\" is on this page:", find_words);
            find_on_page(&p, d, items, n, find_words);
            fputc('\n', p.out); /* its numbered items apart from the menu's numbers */
        }
        for (size_t i = 0; want && i < n; i++)
            if ((int)items[i].ev.cmd == want_cmd &&
                strcmp(items[i].ev.arg ? items[i].ev.arg : "", want_arg) == 0)
                p.menu_default = i;
        for (size_t i = 0; !want && p.pass_done && i < n; i++) /* answered: Enter hands them in */
            if (items[i].ev.cmd == CMD_SUBMIT) {
                p.menu_default = i;
                break;
            }
        p.pass_done = false;
        if (p.menu_default >= n)
            p.menu_default = 0;
        say_menu(&p, items, n);
        if (!settled) { /* the first screen is out: the work that could wait */
            settled = true;
            fflush(p.out);
            if (host->first_frame) {
                host->first_frame(host->ctx);
                if (host->generation(host->ctx) != gen)
                    continue; /* it changed the screen: show it again before reading */
            }
        }
        enum plain_idle idle = plain_idle_due(&p);
        if (idle == PLAIN_IDLE_END) /* a shared session left untouched: what was sent is kept */
            break;
        if (idle == PLAIN_IDLE_LOCK) { /* nothing typed for the idle time: lock, and say so */
            struct tui_event lock = {.cmd = CMD_LOCK};
            if (host->event(host->ctx, &lock) == TUI_FINISHED)
                break;
            continue;
        }
        if (!plain_read_line(&p))
            break;
        const char *s = p.line + strspn(p.line, " ");
        if (p.idle_warned) { /* the Enter that answered "press Enter to stay" chooses nothing */
            p.idle_warned = false;
            if (!*s)
                continue;
        }
        struct tui_event ev = {.cmd = CMD_NONE};
        const struct menu_item *chosen = NULL;
        if (!*s && p.line_emptied) { /* an arrow key's code, say: not Enter */
            plain_error(&p, "that was not a choice; type its number and press Enter.");
            continue;
        }
        if (!*s && n) {
            chosen = &items[p.menu_default];
        } else if (*s >= '0' && *s <= '9') {
            char *end;
            long k = strtol(s, &end, 10);
            if (*end || k < 1 || (size_t)k > n) {
                if (n == 1)
                    plain_error(&p, "the only choice here is 1.");
                else if (n)
                    plain_sayf(&p, "Error: choose a number from 1 to %zu.", n);
                else
                    plain_error(&p, "there is nothing to choose here; type a letter.");
                continue;
            }
            chosen = &items[k - 1];
        } else if (s[0] == '/') { /* "/words": search all you wrote; "/" alone: the search */
            const char *words = s + 1 + strspn(s + 1, " ");
            ev.cmd = CMD_SEARCH;
            ev.arg = words[0] ? words : NULL;
        } else if (tui_keys_plain(s[0]) == CMD_FIND && (!s[1] || s[1] == ' ')) {
            const char *words = s + 1 + strspn(s + 1, " ");
            if (words[0])
                find_on_page(&p, d, items, n, words);
            else
                plain_say(&p, NULL, "Type f and the words to find on this page, like f budget.");
            continue;
        } else if (s[0] == '?' && !s[1]) {
            plain_say_hints(&p, d, true);
            continue;
        } else if (s[0] && !s[1] && tui_keys_plain(s[0]) == CMD_REDRAW) {
            first = true; /* the page again, with what changed since it was printed */
            continue;
        } else if (s[0] && !s[1] && tui_keys_plain(s[0]) != CMD_NONE) {
            ev.cmd = tui_keys_plain(s[0]);
        } else if (plain_live_field(d)) { /* words typed on a search page are what to find */
            finished = plain_type_into(&p, plain_live_field(d), p.line + (s - p.line)) ==
                       TUI_FINISHED;
            continue;
        } else {
            plain_error(&p, "type the number of a choice, or a letter from the help (?).");
            continue;
        }
        if (chosen && chosen->answer) {
            if (!answer_all(&p, d))
                finished = p.eof;
            continue;
        }
        if (chosen)
            ev = chosen->ev;
        p.menu_default = 0;
        enum tui_outcome o = host->event(host->ctx, &ev);
        finished = o == TUI_FINISHED;
    }
    if (finished) { /* left on purpose: said, so a screen reader hears it closed */
        int is_error = 0;
        const char *msg = host->message ? host->message(host->ctx, &is_error) : NULL;
        if (msg)
            plain_say(&p, is_error ? "Error: " : "Note: ", msg);
        plain_say(&p, NULL, msg ? "Goodbye." : "Goodbye. What you wrote is saved.");
    }
    free(p.line);
    free(p.menu);
    plain_seen_clear(&p.seen);
    for (int i = 0; i < PLAIN_DEPTHS; i++)
        plain_seen_clear(&p.saved[i]);
    doc_free(&d);
    int stopped_by = plain_stops_end(&stops);
    if (stopped_by)
        return 128 + stopped_by; /* as a shell would say it ended */
    return fflush(out) == 0 && !ferror(out) ? rc : -1;
}
