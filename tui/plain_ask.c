/* Text mode asking for a field: each kind of answer read from a line (or lines ending with a
 * full stop), checked, and sent to the host; refused answers are asked again. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plain_internal.h"
#include "text.h"

static enum tui_outcome send_value(struct plain *p, const struct doc_field *f, cJSON *value)
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

/* Lines up to one holding only "." (or the end of input), joined by newlines. */
static char *read_until_dot(struct plain *p)
{
    size_t len = 0, cap = 256;
    char *text = malloc(cap);
    if (!text)
        return NULL;
    text[0] = '\0';
    while (plain_read_line(p) && strcmp(p->line, ".") != 0) {
        size_t n = strlen(p->line);
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

static bool parse_number(const char *s, double *v)
{
    char *end = NULL;
    errno = 0;
    *v = strtod(s, &end);
    while (end && *end == ' ')
        end++;
    return end != s && end && *end == '\0' && errno == 0 && isfinite(*v);
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
bool plain_ask_field(struct plain *p, const struct doc_field *f, size_t number, size_t total)
{
    for (;;) {
        char counter[80];
        plain_sayf(p, "%s%s:", doc_field_counter(f, number, total, counter, sizeof counter),
                   f->required ? " (required)" : "");
        plain_say(p, NULL, f->label);
        if (f->hint)
            plain_say(p, NULL, f->hint);
        if (plain_has_value(f))
            plain_say_value(p, f);
        cJSON *value = NULL;
        const char *why = NULL;
        double v;
        /* an optional answer given can be taken back: a line holding only - */
        bool clearable = plain_has_value(f) && !f->required;
        switch (f->kind) {
        case DOC_FIELD_TEXT:
        case DOC_FIELD_LIST:
        case DOC_FIELD_ORDERED:
        case DOC_FIELD_TREE: {
            bool list = f->kind != DOC_FIELD_TEXT;
            plain_say(p, NULL, list ? "Type one item per line. End with a line holding only a full stop"
                                " (.); a full stop alone keeps your answer as it is."
                              : "Type your answer; it may take several lines. End with a line"
                                " holding only a full stop (.); a full stop alone keeps your"
                                " answer as it is.");
            if (clearable)
                plain_say(p, NULL, "A line holding only - (then the full stop) clears it.");
            char *text = read_until_dot(p);
            if (!text)
                return false;
            if (!text[0]) {
                free(text);
                return !p->eof;
            }
            if (clearable && strcmp(text, "-") == 0) {
                value = list ? cJSON_CreateArray() : cJSON_CreateString("");
            } else if (!list) {
                value = cJSON_CreateString(text);
            } else {
                value = cJSON_CreateArray();
                for (char *save = NULL, *item = strtok_r(text, "\n", &save); item;
                     item = strtok_r(NULL, "\n", &save))
                    if (item[strspn(item, " ")])
                        cJSON_AddItemToArray(value, cJSON_CreateString(item + strspn(item, " ")));
            }
            free(text);
            break;
        }
        case DOC_FIELD_LINE:
            plain_say(p, NULL, clearable ? "Type your answer and press Enter (Enter alone keeps it as it"
                                     " is; - alone clears it):"
                                   : "Type your answer and press Enter (Enter alone keeps it as it"
                                     " is):");
            if (!plain_read_line(p))
                return false;
            if (!p->line[0])
                return true;
            value = cJSON_CreateString(clearable && strcmp(p->line, "-") == 0 ? "" : p->line);
            break;
        case DOC_FIELD_NUMBER:
        case DOC_FIELD_SLIDER: {
            char lo[32] = "", hi[32] = "";
            for (size_t i = 0; i < f->nstops; i++) {
                char num[32];
                tui_text_number(f->stops[i].value, num, sizeof num);
                fprintf(p->out, "  %s = ", num);
                plain_say(p, NULL, f->stops[i].label);
            }
            if (f->has_min)
                tui_text_number(f->min, lo, sizeof lo);
            if (f->has_max)
                tui_text_number(f->max, hi, sizeof hi);
            const char *keep = clearable ? "Enter alone keeps it as it is; - alone clears it"
                                         : "Enter alone keeps it as it is";
            if (f->has_min && f->has_max)
                plain_sayf(p, "Type a number from %s to %s (%s):", lo, hi, keep);
            else
                plain_sayf(p, "Type a number (%s):", keep);
            if (!plain_read_line(p))
                return false;
            if (!p->line[0])
                return true;
            if (clearable && strcmp(p->line, "-") == 0)
                value = cJSON_CreateNull();
            else if (!parse_number(p->line, &v))
                why = "that is not a number.";
            else if ((f->has_min && v < f->min) || (f->has_max && v > f->max))
                why = "that number is out of range.";
            else
                value = cJSON_CreateNumber(v);
            break;
        }
        case DOC_FIELD_CHOICE:
        case DOC_FIELD_PAIRWISE:
            say_options(p, f);
            plain_sayf(p, "Choose 1-%zu (Enter alone keeps it as it is):", f->noptions);
            if (!plain_read_line(p))
                return false;
            if (!p->line[0])
                return true;
            if (!parse_number(p->line, &v) || v != floor(v) || v < 1 || v > (double)f->noptions)
                why = "type the number of one choice.";
            else
                value = cJSON_CreateNumber(v - 1);
            break;
        case DOC_FIELD_CHOICES: {
            say_options(p, f);
            plain_say(p, NULL, "Choose one or more: type their numbers separated by commas, e.g. 1,3"
                         " (Enter alone keeps it as it is):");
            if (!plain_read_line(p))
                return false;
            if (!p->line[0])
                return true;
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
            return false;
        enum tui_outcome o = send_value(p, f, value);
        if (o == TUI_FINISHED)
            return false;
        if (o == TUI_REJECTED) {
            int is_error = 1;
            const char *msg = p->host->message ? p->host->message(p->host->ctx, &is_error) : NULL;
            plain_error(p, msg ? msg : "that answer was not accepted.");
            continue;
        }
        plain_say_message(p);
        return true;
    }
}

