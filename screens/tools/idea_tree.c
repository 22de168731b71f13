/* The idea tree: one idea, three it brings to mind, three from each of those, three again
 * (1 + 3 + 9 + 27), grown a step at a time. The entry keeps the tree itself:
 * {"root": "...", "ideas": [{"idea": "...", "ideas": [...]}, ...]}. Its questions follow the
 * tree a level at a time: once an idea is written, the question for its three appears after
 * the questions of the ideas beside it. A question's key is the path to the idea it grows
 * from: "n" for the root, "n0" for its first idea, "n02" for that idea's third, so a question
 * always finds its place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prompts.h"
#include "store.h"
#include "tool_forms_internal.h"

#define IDEAS_PER_IDEA 3
#define IDEA_DEPTH 3 /* levels below the root */

static const char *idea_text(const cJSON *node)
{
    return tf_text(node, IDEA_TEXT);
}

/* The node whose ideas the key names ("n", "n0", "n02"), or NULL; the root is content itself. */
static cJSON *node_at(cJSON *content, const char *key, int *depth)
{
    if (strncmp(key, "n", 1) != 0)
        return NULL;
    cJSON *node = content;
    *depth = 0;
    for (const char *p = key + 1; *p; p++) {
        if (*p < '0' || *p >= '0' + IDEAS_PER_IDEA || *depth >= IDEA_DEPTH - 1)
            return NULL;
        node = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(node, IDEA_IDEAS), *p - '0');
        if (!idea_text(node))
            return NULL;
        (*depth)++;
    }
    return node == content && !tf_text(content, IDEA_ROOT) ? NULL : node;
}

/* The question of each idea's three. */
static const struct input_spec ideas_input =
    {.type = INPUT_LIST,
     .optional = true,
     .max_items = IDEAS_PER_IDEA,
     .hint = "Up to three, one per line: whatever comes to mind first."};

static const struct input_spec *more_input(const char *key)
{
    if (strncmp(key, "n", 1) != 0 || strspn(key + 1, "012") != strlen(key + 1) ||
        strlen(key) > IDEA_DEPTH)
        return NULL;
    return &ideas_input;
}

/* The question for node's ideas. */
static void add_question(const cJSON *node, const char *label_idea, const char *key, struct doc *d)
{
    cJSON *values = cJSON_CreateArray();
    const cJSON *child;
    cJSON_ArrayForEach (child, cJSON_GetObjectItemCaseSensitive(node, IDEA_IDEAS))
        if (idea_text(child))
            cJSON_AddItemToArray(values, cJSON_CreateString(idea_text(child)));
    prompts_input_field(d, doc_str(d, key),
                        doc_printf(d, "Three ideas that \"%s\" brings to mind", label_idea),
                        &ideas_input, values);
    cJSON_Delete(values);
}

/* Adds the questions of the ideas `levels` below node, in the tree's order. */
static void add_level(const cJSON *node, const char *label_idea, char *key, size_t key_len,
                      int levels, struct doc *d)
{
    if (levels == 0) {
        add_question(node, label_idea, key, d);
        return;
    }
    int i = 0;
    const cJSON *child;
    cJSON_ArrayForEach (child, cJSON_GetObjectItemCaseSensitive(node, IDEA_IDEAS)) {
        if (idea_text(child) && key_len + 2 < 8) {
            key[key_len] = (char)('0' + i);
            key[key_len + 1] = '\0';
            add_level(child, idea_text(child), key, key_len + 1, levels - 1, d);
            key[key_len] = '\0';
        }
        i++;
    }
}

/* A level at a time (the root's three, then theirs, then theirs): an answer adds questions
 * after every question of its own level, so the question the person goes on to next stays
 * where it was and keeps its number. */
static void more_fields(const cJSON *content, struct doc *d)
{
    const char *root = tf_text(content, IDEA_ROOT);
    char key[8] = "n";
    for (int level = 0; root && level < IDEA_DEPTH; level++)
        add_level(content, root, key, 1, level, d);
}

/* True when a later item of the same list says the same as t. */
static bool listed_after(const cJSON *t)
{
    for (const cJSON *u = t->next; u; u = u->next)
        if (cJSON_IsString(u) && strcmp(u->valuestring, t->valuestring) == 0)
            return true;
    return false;
}

static bool listed(const cJSON *texts, const char *text)
{
    const cJSON *t;
    cJSON_ArrayForEach (t, texts)
        if (text && cJSON_IsString(t) && strcmp(t->valuestring, text) == 0)
            return true;
    return false;
}

/* The new ideas of a node. An idea whose text is unchanged keeps the ideas grown from it; the
 * new texts take, in order, the places of the old ideas that are gone (an idea rewritten keeps
 * its branch); an old idea with no new text in its place goes, with its branch. */
static bool take(cJSON *content, const char *key, cJSON *value, const char **why)
{
    if (strcmp(key, IDEA_ROOT) == 0) {
        cJSON_DeleteItemFromObjectCaseSensitive(content, IDEA_ROOT);
        cJSON_AddItemToObject(content, IDEA_ROOT, value);
        return true;
    }
    int depth = 0;
    cJSON *node = node_at(content, key, &depth);
    if (!node || !cJSON_IsArray(value)) {
        *why = "that idea is no longer in the tree.";
        cJSON_Delete(value);
        return false;
    }
    if (cJSON_GetArraySize(value) > IDEAS_PER_IDEA) {
        *why = "three at most: keep the three that come to mind first.";
        cJSON_Delete(value);
        return false;
    }
    for (const cJSON *t = value->child; t; t = t->next) /* each idea keeps its own branch */
        if (cJSON_IsString(t) && listed_after(t)) {
            *why = "each idea once: two lines say the same.";
            cJSON_Delete(value);
            return false;
        }
    cJSON *old = cJSON_DetachItemFromObjectCaseSensitive(node, IDEA_IDEAS);
    cJSON *ideas = cJSON_AddArrayToObject(node, IDEA_IDEAS);
    const cJSON *replaced = old ? old->child : NULL; /* the next old idea that is gone */
    const cJSON *text;
    cJSON_ArrayForEach (text, value) {
        const cJSON *from = NULL, *o;
        cJSON_ArrayForEach (o, old)
            if (!from && idea_text(o) && strcmp(idea_text(o), text->valuestring) == 0)
                from = o;
        if (!from) {
            while (replaced && listed(value, idea_text(replaced)))
                replaced = replaced->next;
            from = replaced;
            if (replaced)
                replaced = replaced->next;
        }
        cJSON *idea = cJSON_CreateObject();
        cJSON_AddStringToObject(idea, IDEA_TEXT, text->valuestring);
        const cJSON *grown = cJSON_GetObjectItemCaseSensitive(from, IDEA_IDEAS);
        if (grown && depth + 1 < IDEA_DEPTH)
            cJSON_AddItemToObject(idea, IDEA_IDEAS, cJSON_Duplicate(grown, true));
        cJSON_AddItemToArray(ideas, idea);
    }
    cJSON_Delete(old);
    cJSON_Delete(value);
    return true;
}

static size_t count_ideas(const cJSON *node)
{
    size_t n = 0;
    const cJSON *child;
    cJSON_ArrayForEach (child, cJSON_GetObjectItemCaseSensitive(node, IDEA_IDEAS))
        if (idea_text(child))
            n += 1 + count_ideas(child);
    return n;
}

static void describe(const cJSON *c, char *out, size_t size)
{
    size_t n = tf_text(c, IDEA_ROOT) ? 1 + count_ideas(c) : 0;
    snprintf(out, size, "%zu of 40 ideas", n);
}

/* The tree in words: a paragraph per branch, its ideas and theirs in brackets. */
static void figures(const cJSON *c, struct doc *d)
{
    const char *root = tf_text(c, IDEA_ROOT);
    if (!root)
        return;
    doc_heading(d, 2, "Your tree so far");
    doc_para(d, DOC_ROLE_NOTE,
             doc_printf(d, "%zu of 40 ideas, grown from \"%s\".", 1 + count_ideas(c), root));
    const cJSON *branch;
    cJSON_ArrayForEach (branch, cJSON_GetObjectItemCaseSensitive(c, IDEA_IDEAS)) {
        char line[2048] = "";
        tf_append(line, sizeof line, "%s", idea_text(branch) ? idea_text(branch) : "");
        const char *sep = ": ";
        const cJSON *twig;
        cJSON_ArrayForEach (twig, cJSON_GetObjectItemCaseSensitive(branch, IDEA_IDEAS)) {
            tf_append(line, sizeof line, "%s%s", sep, idea_text(twig) ? idea_text(twig) : "");
            sep = "; ";
            const char *open = " (";
            const cJSON *leaf;
            cJSON_ArrayForEach (leaf, cJSON_GetObjectItemCaseSensitive(twig, IDEA_IDEAS)) {
                tf_append(line, sizeof line, "%s%s", open, idea_text(leaf) ? idea_text(leaf) : "");
                open = ", ";
            }
            if (strcmp(open, ", ") == 0)
                tf_append(line, sizeof line, ")");
        }
        doc_para(d, DOC_ROLE_TEXT, doc_printf(d, "- %s", line));
    }
}

static const struct tool_field fields[] = {
    {.key = IDEA_ROOT,
     .label = "Your starting idea",
     .input = {.type = INPUT_LINE,
               .max_length = 160,
               .hint = "A word or a few: an interest, an activity, a skill."}},
};

const struct tool_form idea_tree_form = {
    .tool = TOOL_IDEA_TREE,
    .one_per_exercise = true,
    .about = "Grow ideas from one starting point: three that it brings to mind, three from each"
             " of those, and three again, forty in all. Go quickly; odd ones are welcome.",
    .new_label = "Plant an idea",
    TOOL_FORM_FIELDS(fields),
    .title_key = IDEA_ROOT,
    .describe = describe,
    .figures = figures,
    .take = take,
    .more_fields = more_fields,
    .more_input = more_input,
};
