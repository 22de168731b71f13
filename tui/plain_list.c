/* Text mode asking for a list: a list with items is changed item by item (add, change, remove,
 * move, by number), so answering again never throws away what was kept; an empty one is typed
 * one item per line. Each change is sent at once; a refused one is put back. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plain_internal.h"

enum list_op { OP_ADD = 1, OP_CHANGE, OP_REMOVE, OP_MOVE, OP_REPLACE, OP_CLEAR };

static const char *const op_labels[] = {
    [OP_ADD] = "Add items at the end",
    [OP_CHANGE] = "Change an item",
    [OP_REMOVE] = "Remove an item",
    [OP_MOVE] = "Move an item to another place",
    [OP_REPLACE] = "Type the whole list again",
    [OP_CLEAR] = "Clear the list",
};

/* The lines of text as items (blank lines left out), appended to list. */
static void add_lines(cJSON *list, char *text)
{
    for (char *save = NULL, *item = strtok_r(text, "\n", &save); item;
         item = strtok_r(NULL, "\n", &save))
        if (item[strspn(item, " ")])
            cJSON_AddItemToArray(list, cJSON_CreateString(item + strspn(item, " ")));
}

static void say_items(struct plain *p, const cJSON *list)
{
    int n = cJSON_GetArraySize(list);
    plain_sayf(p, "Your list has %d item%s:", n, n == 1 ? "" : "s");
    int i = 0;
    const cJSON *item;
    cJSON_ArrayForEach (item, list) {
        fprintf(p->out, "%d. ", ++i);
        plain_say(p, NULL, item->valuestring);
    }
}

/* Reads an item's number from 1 to n, asking again after one that is not an item's; 0 when
 * the line is empty (or "..", which also stops the run of questions). */
static int read_place(struct plain *p, const char *question, int n)
{
    for (;;) {
        plain_sayf(p, "%s (1-%d; Enter alone changes nothing):", question, n);
        if (!plain_read_line(p) || !p->line[0])
            return 0;
        if (p->in_pass && plain_is_stop(p->line)) {
            p->stop_read = true;
            return 0;
        }
        char *end;
        long k = strtol(p->line, &end, 10);
        if (!*end && k >= 1 && k <= n)
            return (int)k;
        plain_sayf(p, "Error: there is no item %s; the items are numbered 1 to %d.", p->line, n);
    }
}

/* One change to the list, asked for and made on the copy; false when nothing changed. */
static bool change_list(struct plain *p, enum list_op op, cJSON *list)
{
    int n = cJSON_GetArraySize(list);
    switch (op) {
    case OP_ADD:
    case OP_REPLACE: {
        plain_say(p, NULL,
                  op == OP_ADD ? "Type the items to add, one per line. End with a line"
                                 " holding only a full stop (.)."
                               : "Type the new list, one item per line. End with a line"
                                 " holding only a full stop (.); a full stop alone keeps"
                                 " the list as it is.");
        char *text = plain_read_until_dot(p);
        if (!text || !text[0]) {
            free(text);
            return false;
        }
        if (op == OP_REPLACE)
            while (cJSON_GetArraySize(list) > 0)
                cJSON_DeleteItemFromArray(list, 0);
        add_lines(list, text);
        free(text);
        return true;
    }
    case OP_CHANGE: {
        int k = read_place(p, "Which item do you want to change", n);
        if (!k || p->eof)
            return false;
        plain_say(p, "Item now: ", cJSON_GetArrayItem(list, k - 1)->valuestring);
        plain_sayf(p, "Type the new text for item %d (Enter alone keeps it):", k);
        if (!plain_read_line(p) || !p->line[strspn(p->line, " ")])
            return false;
        if (p->in_pass && plain_is_stop(p->line)) {
            p->stop_read = true;
            return false;
        }
        cJSON_ReplaceItemInArray(list, k - 1, cJSON_CreateString(p->line + strspn(p->line, " ")));
        plain_sayf(p, "Changed item %d.", k);
        return true;
    }
    case OP_REMOVE: {
        int k = read_place(p, "Which item do you want to remove", n);
        if (!k)
            return false;
        plain_say(p, "Removed: ", cJSON_GetArrayItem(list, k - 1)->valuestring);
        cJSON_DeleteItemFromArray(list, k - 1);
        return true;
    }
    case OP_MOVE: {
        int from = read_place(p, "Which item do you want to move", n);
        int to = from ? read_place(p, "To which place", n) : 0;
        if (!to || to == from)
            return false;
        cJSON *item = cJSON_DetachItemFromArray(list, from - 1);
        cJSON_InsertItemInArray(list, to - 1, item);
        char moved[40];
        snprintf(moved, sizeof moved, "Moved to place %d: ", to);
        plain_say(p, moved, item->valuestring);
        return true;
    }
    case OP_CLEAR:
        while (cJSON_GetArraySize(list) > 0)
            cJSON_DeleteItemFromArray(list, 0);
        return true;
    }
    return false;
}

enum plain_asked plain_ask_list(struct plain *p, const struct doc_field *f)
{
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; list && i < f->nitems; i++)
        cJSON_AddItemToArray(list, cJSON_CreateString(f->items[i] ? f->items[i] : ""));
    if (!list)
        return PLAIN_ASK_END;
    enum plain_asked result = PLAIN_ASK_DONE;
    bool started_empty = f->nitems == 0; /* typed in one go, as a first answer */
    for (;;) {
        int n = cJSON_GetArraySize(list);
        cJSON *before = cJSON_Duplicate(list, true);
        bool changed;
        if (n == 0) { /* nothing to keep: type the items */
            plain_say(p, NULL,
                      "Type one item per line. End with a line holding only a full stop"
                      " (.); a full stop alone leaves the list empty.");
            char *text = plain_read_until_dot(p);
            if (text)
                add_lines(list, text); /* the items typed before a "..", too */
            if (p->stop_read)
                result = PLAIN_ASK_STOP;
            changed = cJSON_GetArraySize(list) > 0;
            free(text);
            if (!changed) {
                cJSON_Delete(before);
                break;
            }
        } else {
            say_items(p, list);
            size_t last = f->required ? OP_REPLACE : OP_CLEAR;
            for (size_t k = OP_ADD; k <= last; k++)
                plain_sayf(p, "%zu. %s", k, op_labels[k]);
            plain_sayf(p, "Choose 1-%zu (Enter alone keeps the list as it is%s):", last,
                       p->in_pass ? "; .. stops" : "");
            if (!plain_read_line(p) || !p->line[0] || plain_is_stop(p->line)) {
                result = p->eof                   ? PLAIN_ASK_END
                         : plain_is_stop(p->line) ? PLAIN_ASK_STOP
                                                  : PLAIN_ASK_DONE;
                cJSON_Delete(before);
                break;
            }
            char *end;
            long op = strtol(p->line, &end, 10);
            if (*end || op < OP_ADD || op > (long)last) {
                plain_sayf(p,
                           "Error: type a number from 1 to %zu, or press Enter to keep the"
                           " list as it is.",
                           last);
                cJSON_Delete(before);
                continue;
            }
            changed = change_list(p, (enum list_op)op, list);
        }
        if (p->eof) {
            cJSON_Delete(before);
            result = PLAIN_ASK_END;
            break;
        }
        if (!changed) {
            cJSON_Delete(before);
            if (p->stop_read) {
                result = PLAIN_ASK_STOP;
                break;
            }
            continue;
        }
        enum tui_outcome o = plain_send_value(p, f, cJSON_Duplicate(list, true));
        if (o == TUI_FINISHED) {
            cJSON_Delete(before);
            result = PLAIN_ASK_END;
            break;
        }
        if (o == TUI_REJECTED) { /* the change is not kept: the list is as it was */
            int is_error = 1;
            const char *msg = p->host->message ? p->host->message(p->host->ctx, &is_error) : NULL;
            plain_error(p, msg ? msg : "that change was not accepted.");
            cJSON_Delete(list);
            list = before;
            continue;
        }
        cJSON_Delete(before);
        plain_say_message(p);
        if (started_empty || p->stop_read) {
            result = p->stop_read ? PLAIN_ASK_STOP : result;
            break;
        }
    }
    cJSON_Delete(list);
    return result;
}
