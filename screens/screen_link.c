#include "screen_id.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"

/* Copies text into a field of size bytes; false (and the field empty) when it does not fit. */
static bool put(char *field, size_t size, const char *text)
{
    size_t n = text ? strlen(text) : 0;
    if (n >= size) {
        field[0] = '\0';
        return false;
    }
    memcpy(field, text ? text : "", n + 1);
    return true;
}

struct screen_arg screen_arg_exercise(const char *full_exercise_id)
{
    struct screen_arg a = {0};
    put(a.exercise, sizeof a.exercise, full_exercise_id);
    return a;
}

struct screen_arg screen_arg_tool(const char *tool, unsigned flags)
{
    struct screen_arg a = {.flags = flags};
    put(a.tool, sizeof a.tool, tool);
    return a;
}

struct screen_arg screen_arg_entry(const char *tool, const char *entry, const char *exercise,
                                   unsigned flags)
{
    struct screen_arg a = {.flags = flags};
    put(a.tool, sizeof a.tool, tool);
    put(a.entry, sizeof a.entry, entry);
    put(a.exercise, sizeof a.exercise, exercise);
    return a;
}

struct screen_arg screen_arg_instance(const char *entry)
{
    struct screen_arg a = {0};
    put(a.entry, sizeof a.entry, entry);
    return a;
}

struct screen_arg screen_arg_words(const char *words)
{
    struct screen_arg a = {0};
    put(a.words, sizeof a.words, words);
    return a;
}

static const char *const names[SCREEN_COUNT] = {
#define SCREEN_NAME(id, name) [SCREEN_##id] = #name,
    SCREENS(SCREEN_NAME)
#undef SCREEN_NAME
};

/* The form: "name|exercise|tool|entry|flags". Ids never hold '|' (the content and the store
 * make them), and a field holding one does not parse back. */
const char *screen_link(struct doc *d, enum screen_id id, const struct screen_arg *arg)
{
    static const struct screen_arg none;
    if (!arg)
        arg = &none;
    return doc_printf(d, "%s|%s|%s|%s|%u", id > SCREEN_NONE && id < SCREEN_COUNT ? names[id] : "",
                      arg->exercise, arg->tool, arg->entry, arg->flags);
}

bool screen_link_parse(const char *text, enum screen_id *id, struct screen_arg *arg)
{
    *arg = (struct screen_arg){0};
    *id = SCREEN_NONE;
    if (!text)
        return false;
    char name[32];
    const char *p = text;
    char *fields[4] = {name, arg->exercise, arg->tool, arg->entry};
    size_t sizes[4] = {sizeof name, sizeof arg->exercise, sizeof arg->tool, sizeof arg->entry};
    for (int i = 0; i < 4; i++) {
        size_t n = strcspn(p, "|");
        if (p[n] != '|' || n >= sizes[i])
            return false;
        memcpy(fields[i], p, n);
        fields[i][n] = '\0';
        p += n + 1;
    }
    char *end;
    unsigned long flags = strtoul(p, &end, 10);
    if (*end || end == p)
        return false;
    arg->flags = (unsigned)flags;
    for (int i = SCREEN_NONE + 1; i < SCREEN_COUNT; i++)
        if (strcmp(names[i], name) == 0) {
            *id = (enum screen_id)i;
            return true;
        }
    return false;
}

void screen_action(struct doc *d, enum screen_id id, const struct screen_arg *arg,
                   const char *label)
{
    doc_action(d, CMD_OPEN, screen_link(d, id, arg), label);
}

void screen_card(struct doc *d, const char *title, const char *subtitle, const char *state,
                 enum screen_id id, const struct screen_arg *arg, const char *label)
{
    doc_card(d, title, subtitle, state, CMD_OPEN, screen_link(d, id, arg), label);
}

const char *screen_choice_arg(int choice, size_t index, char *buf, size_t size)
{
    snprintf(buf, size, "%d.%zu", choice, index);
    return buf;
}

void screen_choice(struct doc *d, int choice, size_t index, const char *label)
{
    char buf[48];
    doc_action(d, CMD_CHOOSE, doc_str(d, screen_choice_arg(choice, index, buf, sizeof buf)), label);
}

bool screen_chosen(const char *event_arg, int *choice, size_t *index)
{
    if (!event_arg)
        return false;
    char *end;
    long c = strtol(event_arg, &end, 10);
    if (end == event_arg || *end != '.')
        return false;
    const char *rest = end + 1;
    unsigned long long i = strtoull(rest, &end, 10);
    if (end == rest || *end)
        return false;
    *choice = (int)c;
    *index = (size_t)i;
    return true;
}
