/* Text mode asking for a field: each kind of answer read from a line (or lines ending with a
 * full stop), checked, and sent to the host; refused answers are asked again. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plain_internal.h"
#include "number.h"
#include "text.h"

bool plain_is_stop(const char *line)
{
    return strcmp(line, "..") == 0;
}

enum tui_outcome plain_send_value(struct plain *p, const struct doc_field *f, cJSON *value)
{
    char *json = cJSON_PrintUnformatted(value);
    cJSON_Delete(value);
    if (!json)
        return TUI_REJECTED;
    struct tui_event ev = {.cmd = CMD_FIELD_CHANGED, .field_id = f->id, .value = json};
    enum tui_outcome o = p->host->event(p->host->ctx, &ev);
    cJSON_free(json);
    return o;
}

char *plain_read_until_dot(struct plain *p)
{
    size_t len = 0, cap = 256;
    char *text = malloc(cap);
    if (!text)
        return NULL;
    text[0] = '\0';
    bool told = false;
    p->stop_read = false;
    while (plain_read_line(p) && strcmp(p->line, ".") != 0) {
        if (p->in_pass && plain_is_stop(p->line)) {
            p->stop_read = true;
            break;
        }
        size_t n = strlen(p->line);
        if (len == 0 && n == 0 && !told) { /* Enter on an empty answer: say what ends it */
            plain_say(p, NULL,
                      "(An empty line stays in your answer. A line holding only a full"
                      " stop (.) ends it.)");
            told = true;
        }
        if (len + n + 2 > cap) {
            while (len + n + 2 > cap)
                cap *= 2;
            char *grown = realloc(text, cap);
            if (!grown) {
                free(text);
                return NULL;
            }
            text = grown;
        }
        if (len)
            text[len++] = '\n';
        memcpy(text + len, p->line, n + 1);
        len += n;
    }
    return text;
}

const struct doc_field *plain_live_field(const struct doc *d)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct doc_field *f = &d->blocks[i].u.field;
        if (d->blocks[i].kind == DOC_FIELD && f->kind == DOC_FIELD_LINE && f->live && !f->secret)
            return f;
    }
    return NULL;
}

static void cut_to_limit(struct plain *p, const struct doc_field *f, char *text);

enum tui_outcome plain_type_into(struct plain *p, const struct doc_field *f, char *words)
{
    cut_to_limit(p, f, words);
    return plain_send_value(p, f, cJSON_CreateString(words));
}

/* An answer past its field's length keeps its first max_len characters (grapheme clusters, a
 * newline one of them), as a paste in the full screen does, and the person is told. */
static void cut_to_limit(struct plain *p, const struct doc_field *f, char *text)
{
    size_t n = strlen(text), total = tui_text_graphemes(text, n);
    if (!f->max_len || total <= f->max_len)
        return;
    text[tui_text_clusters_len(text, n, f->max_len)] = '\0';
    size_t left = total - f->max_len;
    char note[160], last[32] = "one";
    if (left > 1)
        snprintf(last, sizeof last, "%zu", left);
    snprintf(note, sizeof note,
             "%s holds at most %zu characters: yours was cut to %zu, leaving out the last %s.",
             f->live ? "A search" : "This answer", f->max_len, f->max_len, last);
    plain_say(p, "Note: ", note);
}

static void say_options(struct plain *p, const struct doc_field *f)
{
    for (size_t i = 0; i < f->noptions; i++) {
        fprintf(p->out, "  %zu. ", i + 1);
        plain_say(p, NULL, f->options[i]);
    }
}

/* Reads "1,3" into a bitmask of options; false (with a reason) when it is not one. */
static bool parse_choices(const char *s, size_t n, unsigned long long *mask, const char **why)
{
    *mask = 0;
    char *copy = strdup(s);
    bool ok = copy != NULL;
    for (char *save = NULL, *tok = ok ? strtok_r(copy, ", ", &save) : NULL; tok && ok;
         tok = strtok_r(NULL, ", ", &save)) {
        char *end;
        long v = strtol(tok, &end, 10);
        if (*end || v < 1 || (size_t)v > n) {
            *why = "type the numbers of your choices, separated by commas, e.g. 1,3.";
            ok = false;
        } else {
            *mask |= 1ULL << (v - 1);
        }
    }
    free(copy);
    if (ok && *mask == 0) {
        *why = "choose at least one.";
        ok = false;
    }
    return ok;
}

/* Asks one field until a value is accepted or the person keeps the current one.
 * Returns false when input ended or the host finished. */
enum plain_asked plain_ask_field(struct plain *p, const struct doc_field *f, size_t number,
                                 size_t total)
{
    /* what a line read may mean besides an answer: the end of input, Enter alone (keep), ".." */
#define READ_OR_LEAVE()                                                                            \
    do {                                                                                           \
        if (!plain_read_line(p))                                                                   \
            return PLAIN_ASK_END;                                                                  \
        if (!p->line[0])                                                                           \
            return PLAIN_ASK_DONE;                                                                 \
        if (p->in_pass && plain_is_stop(p->line))                                                  \
            return PLAIN_ASK_STOP;                                                                 \
    } while (0)
    const char *stops = p->in_pass ? "; .. stops" : "";
    for (;;) {
        p->stop_read = false;
        char counter[80];
        plain_sayf(p, "%s%s:", doc_field_counter(f, number, total, counter, sizeof counter),
                   f->required ? " (required)" : "");
        plain_say(p, NULL, f->label);
        if (f->hint)
            plain_say(p, NULL, f->hint);
        if (plain_has_value(f) && f->kind != DOC_FIELD_LIST && f->kind != DOC_FIELD_ORDERED &&
            f->kind != DOC_FIELD_TREE) /* a list says its items as it offers changes */
            plain_say_value(p, f);
        cJSON *value = NULL;
        const char *why = NULL;
        double v;
        /* an optional answer given can be taken back: a line holding only - */
        bool clearable = plain_has_value(f) && !f->required;
        switch (f->kind) {
        case DOC_FIELD_LIST:
        case DOC_FIELD_ORDERED:
        case DOC_FIELD_TREE: return plain_ask_list(p, f);
        case DOC_FIELD_TEXT: {
            plain_sayf(p,
                       "Type your answer; it may take several lines. End with a line holding"
                       " only a full stop (.); a full stop alone keeps your answer as it"
                       " is%s.",
                       p->in_pass ? "; .. alone stops the questions" : "");
            if (clearable)
                plain_say(p, NULL, "A line holding only - (then the full stop) clears it.");
            char *text = plain_read_until_dot(p);
            if (!text)
                return PLAIN_ASK_END;
            if (!text[0]) {
                free(text);
                return p->eof ? PLAIN_ASK_END : p->stop_read ? PLAIN_ASK_STOP : PLAIN_ASK_DONE;
            }
            if (clearable && strcmp(text, "-") == 0) {
                value = cJSON_CreateString("");
            } else {
                cut_to_limit(p, f, text);
                value = cJSON_CreateString(text);
            }
            free(text);
            break;
        }
        case DOC_FIELD_LINE:
            if (f->secret) { /* never echoed, never said back */
                plain_sayf(p, "Type it and press Enter; it is not shown as you type%s%s:",
                           plain_has_value(f) ? "; Enter alone keeps what you typed" : "", stops);
                if (!plain_read_secret(p))
                    return PLAIN_ASK_END;
                if (p->in_pass && plain_is_stop(p->line))
                    return PLAIN_ASK_STOP;
                if (!p->line[0]) /* Enter alone keeps what was typed before, as it says */
                    return PLAIN_ASK_DONE;
                value = cJSON_CreateString(p->line);
                plain_forget_line(p);
                break;
            }
            if (f->live) /* a search box: words to find, not an answer */
                plain_sayf(p, "Type the words and press Enter (Enter alone keeps them%s%s):",
                           clearable ? "; - alone clears them" : "", stops);
            else
                plain_sayf(p,
                           "Type your answer and press Enter (Enter alone keeps it as it is%s%s):",
                           clearable ? "; - alone clears it" : "", stops);
            READ_OR_LEAVE();
            cut_to_limit(p, f, p->line);
            value = cJSON_CreateString(clearable && strcmp(p->line, "-") == 0 ? "" : p->line);
            break;
        case DOC_FIELD_NUMBER:
        case DOC_FIELD_SLIDER: {
            char lo[32] = "", hi[32] = "";
            for (size_t i = 0; i < f->nstops; i++) {
                char num[32];
                tui_number_format(f->stops[i].value, num, sizeof num);
                fprintf(p->out, "  %s = ", num);
                plain_say(p, NULL, f->stops[i].label);
            }
            if (f->has_min)
                tui_number_format(f->min, lo, sizeof lo);
            if (f->has_max)
                tui_number_format(f->max, hi, sizeof hi);
            const char *keep = clearable ? "Enter alone keeps it as it is; - alone clears it"
                                         : "Enter alone keeps it as it is";
            /* a count ("step": 1 on a number) says so before a fraction is refused */
            const char *what = f->kind == DOC_FIELD_NUMBER && f->step == 1 ? "a whole number"
                                                                           : "a number";
            if (f->has_min && f->has_max)
                plain_sayf(p, "Type %s from %s to %s (%s%s):", what, lo, hi, keep, stops);
            else
                plain_sayf(p, "Type %s (%s%s):", what, keep, stops);
            READ_OR_LEAVE();
            if (clearable && strcmp(p->line, "-") == 0)
                value = cJSON_CreateNull();
            else if ((why = tui_number_parse(p->line, &v)) != NULL || (f->has_min && v < f->min) ||
                     (f->has_max && v > f->max)) {
                /* a slider's range is the form to use (the number rule's own example is an
                 * amount); out of range, the range is said */
                static char said[160]; /* why points here until the error is said */
                bool range = f->has_min && f->has_max;
                if (range && (!why || f->kind == DOC_FIELD_SLIDER)) {
                    snprintf(said, sizeof said, "type %s from %s to %s.", what, lo, hi);
                    why = said;
                } else if (!why) {
                    snprintf(said, sizeof said, "that number is out of range: %s %s.",
                             f->has_min ? "the least is" : "the most is", f->has_min ? lo : hi);
                    why = said;
                } /* else the number rule's reason names the form to use */
            } else {
                value = cJSON_CreateNumber(v);
            }
            break;
        }
        case DOC_FIELD_CHOICE:
        case DOC_FIELD_PAIRWISE:
            say_options(p, f);
            plain_sayf(p, "Choose 1-%zu (Enter alone keeps it as it is%s):", f->noptions, stops);
            READ_OR_LEAVE();
            if (tui_number_parse(p->line, &v) || v != floor(v) || v < 1 || v > (double)f->noptions)
                why = "type the number of one choice.";
            else
                value = cJSON_CreateNumber(v - 1);
            break;
        case DOC_FIELD_CHOICES: {
            say_options(p, f);
            plain_sayf(p,
                       "Choose one or more: type their numbers separated by commas, e.g. 1,3"
                       " (Enter alone keeps it as it is%s):",
                       stops);
            READ_OR_LEAVE();
            unsigned long long mask;
            if (parse_choices(p->line, f->noptions, &mask, &why)) {
                value = cJSON_CreateArray();
                for (size_t i = 0; i < f->noptions; i++)
                    if (mask & (1ULL << i))
                        cJSON_AddItemToArray(value, cJSON_CreateNumber((double)i));
            }
            break;
        }
        }
        if (why) {
            plain_error(p, why);
            continue;
        }
        if (!value)
            return PLAIN_ASK_END;
        enum tui_outcome o = plain_send_value(p, f, value);
        if (o == TUI_FINISHED)
            return PLAIN_ASK_END;
        if (o == TUI_REJECTED) {
            int is_error = 1;
            const char *msg = p->host->message ? p->host->message(p->host->ctx, &is_error) : NULL;
            plain_error(p, msg ? msg : "that answer was not accepted.");
            continue;
        }
        plain_say_message(p);
        /* a long answer ended with "..": kept, then the run stops */
        return p->stop_read ? PLAIN_ASK_STOP : PLAIN_ASK_DONE;
    }
#undef READ_OR_LEAVE
}
