/* The Markdown book of one user's writing (book.h). The user's text is sanitised first and then
 * escaped line by line, so the escaping sees exactly the characters the file will hold; the
 * whole book goes through the sanitiser once more at the end for the titles and questions,
 * which come from the content. */
#include "book.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competencies.h"
#include "exercises.h"
#include "input_spec.h"
#include "number.h"
#include "oom.h"
#include "preferences.h"
#include "progress.h"
#include "prompts.h"
#include "ranking.h"
#include "text.h"
#include "tool_forms.h"
#include "tool_keys.h"
#include "tools.h"

/* ---- a growing string ---- */

struct buf {
    char *s;
    size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = dt_oom_realloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void put_str(struct buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void putf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    char *s = dt_oom_malloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    put(b, s, (size_t)n);
    free(s);
}

/* ---- the user's text, made safe ---- */

/* What CommonMark lets a backslash escape. */
static bool is_punct(char c)
{
    return c && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != NULL;
}

static bool is_ascii_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Characters that start a block when a line begins with them: a heading, a quote, a list item
 * or thematic break, a setext underline, a code fence, a link reference definition. */
static bool starts_block(char c)
{
    return c && strchr("#>-+*=_~`[", c) != NULL;
}

enum escape_flags {
    ESCAPE_HEADING = 1, /* in a heading: every '#', so none closes it */
};

/* One line of sanitised text (n bytes, no newline) as text that makes no structure: the
 * indentation (which could make a code block) and trailing blanks go; a block's opening
 * character and an ordered item's "1." or "1)" get a backslash; so do '|' (tables), a backslash
 * before punctuation (it would escape it), and '<' where it could open a tag, a comment or an
 * autolink (not the sanitiser's own "<U+202E>"). */
static void put_line(struct buf *b, const char *s, size_t n, int flags)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    size_t i = 0;
    if (n && starts_block(s[0])) {
        put_str(b, "\\");
        put(b, s, 1);
        i = 1;
    } else {
        size_t digits = 0;
        while (digits < n && digits < 10 && s[digits] >= '0' && s[digits] <= '9')
            digits++;
        if (digits && digits < n && (s[digits] == '.' || s[digits] == ')')) {
            put(b, s, digits);
            put_str(b, "\\");
            i = digits;
        }
    }
    for (; i < n; i++) {
        char c = s[i], next = i + 1 < n ? s[i + 1] : '\0';
        bool placeholder = c == '<' && next == 'U' && i + 2 < n && s[i + 2] == '+';
        bool tag = c == '<' && !placeholder &&
                   (is_ascii_alpha(next) || next == '/' || next == '!' || next == '?');
        if (c == '|' || tag || (c == '\\' && is_punct(next)) ||
            (c == '#' && (flags & ESCAPE_HEADING)))
            put_str(b, "\\");
        put(b, &c, 1);
    }
}

static char *sanitised(const char *s)
{
    char *clean = tui_text_sanitize(s, strlen(s), TUI_TEXT_FILE);
    if (!clean)
        dt_oom_abort();
    return clean;
}

/* The user's text on one line (a list item, a heading, a table cell): newlines become spaces. */
static void put_inline(struct buf *b, const char *s, int flags)
{
    char *clean = sanitised(s);
    for (char *p = clean; *p; p++)
        if (*p == '\n')
            *p = ' ';
    put_line(b, clean, strlen(clean), flags);
    free(clean);
}

/* The user's text as paragraphs: its lines kept, a blank line (or several) between paragraphs.
 * Ends the block. */
static void put_paragraphs(struct buf *b, const char *s)
{
    char *clean = sanitised(s);
    bool in_paragraph = false, gap = false;
    for (const char *line = clean; line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        if (strspn(line, " \t\r") >= n) {
            gap = in_paragraph;
        } else {
            if (in_paragraph)
                put_str(b, gap ? "\n\n" : "\n");
            put_line(b, line, n, 0);
            in_paragraph = true;
            gap = false;
        }
        line = end ? end + 1 : NULL;
    }
    free(clean);
    if (in_paragraph)
        put_str(b, "\n\n");
}

/* ---- answers ---- */

static void number_text(double v, char *out, size_t size)
{
    tui_number_format(v, out, size);
}

/* Any value on one line, unescaped (the caller escapes): a text as it is, a number as people
 * write it, a list's items and an object's members separated by "; ". */
static void value_text(struct buf *b, const cJSON *v)
{
    char num[64];
    if (cJSON_IsString(v)) {
        put_str(b, v->valuestring);
    } else if (cJSON_IsNumber(v)) {
        number_text(v->valuedouble, num, sizeof num);
        put_str(b, num);
    } else if (cJSON_IsBool(v)) {
        put_str(b, cJSON_IsTrue(v) ? "yes" : "no");
    } else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
        const char *between = "";
        const cJSON *item;
        cJSON_ArrayForEach (item, v) {
            if (prompts_value_empty(item))
                continue;
            put_str(b, between);
            if (cJSON_IsObject(v) && item->string)
                putf(b, "%s: ", item->string);
            value_text(b, item);
            between = "; ";
        }
    }
}

/* A value of any shape as one escaped line (ending the block). */
static void put_value_line(struct buf *b, const cJSON *v)
{
    struct buf t = {0};
    value_text(&t, v);
    put_inline(b, t.s ? t.s : "", 0);
    free(t.s);
    put_str(b, "\n\n");
}

/* A list's items, bulleted ("- ") or numbered, each on one line (an object's as "key: value");
 * empty items left out. */
static void put_items(struct buf *b, const cJSON *list, bool numbered)
{
    const cJSON *item;
    size_t k = 0;
    cJSON_ArrayForEach (item, list) {
        if (prompts_value_empty(item))
            continue;
        if (numbered)
            putf(b, "%zu. ", ++k);
        else
            put_str(b, "- ");
        struct buf t = {0};
        if (cJSON_IsObject(list) && item->string)
            putf(&t, "%s: ", item->string);
        value_text(&t, item);
        put_inline(b, t.s ? t.s : "", 0);
        free(t.s);
        put_str(b, "\n");
    }
    put_str(b, "\n");
}

/* "4 of 5 — Focused", or on a scale that goes below zero "1 on a scale of -2 to 2 — A little
 * lifted": the number with the label of its stop, when it has one. */
static void put_slider(struct buf *b, const struct input_spec *in, double v)
{
    double lo = in->min.set ? in->min.value : 0, hi = in->max.set ? in->max.value : v;
    for (size_t k = 0; k < in->nstops; k++) { /* a scale without limits ends at its stops */
        if (!in->min.set && (k == 0 || in->stops[k].value < lo))
            lo = in->stops[k].value;
        if (!in->max.set && in->stops[k].value > hi)
            hi = in->stops[k].value;
    }
    char value[64], low[64], high[64];
    number_text(v, value, sizeof value);
    number_text(lo, low, sizeof low);
    number_text(hi, high, sizeof high);
    if (lo >= 0)
        putf(b, "%s of %s", value, high);
    else
        putf(b, "%s on a scale of %s to %s", value, low, high);
    for (size_t k = 0; k < in->nstops; k++)
        if (in->stops[k].value == v && in->stops[k].label) {
            put_str(b, " \xe2\x80\x94 "); /* an em dash */
            put_inline(b, in->stops[k].label, 0);
            break;
        }
    put_str(b, "\n\n");
}

struct book {
    struct buf out;
    struct store *st;
    char variant[PREFERENCES_VARIANT_LEN]; /* the questions as this group is asked them */
    struct tool_type *types;               /* every tool type, in the order they unlock */
    size_t ntypes;
};

/* The plural name of a tool type ("Rankings"), or its id when this workbook has no such type. */
static const char *tool_plural(const struct book *bk, const char *tool)
{
    for (size_t i = 0; tool && i < bk->ntypes; i++)
        if (strcmp(bk->types[i].id, tool) == 0)
            return bk->types[i].plural_name;
    return tool ? tool : "tools";
}

/* An answer as its input shows it; a value of a shape its input does not take (from another
 * version) is written on one line. */
static void put_answer(struct book *bk, const struct input_spec *in, const cJSON *v)
{
    struct buf *b = &bk->out;
    switch (in->type) {
    case INPUT_TEXT:
        if (cJSON_IsString(v)) {
            put_paragraphs(b, v->valuestring);
            return;
        }
        break;
    case INPUT_SLIDER:
        if (cJSON_IsNumber(v)) {
            put_slider(b, in, v->valuedouble);
            return;
        }
        break;
    case INPUT_LIST:
    case INPUT_ORDERED:
        if (cJSON_IsArray(v)) {
            put_items(b, v, in->type == INPUT_ORDERED);
            return;
        }
        break;
    case INPUT_TOOL:
        put_str(b, "(in your ");
        put_inline(b, tool_plural(bk, in->tool), 0);
        put_str(b, ", under Tools)\n\n");
        return;
    default: break; /* one line: line, number, date, choice, choices ("Coast; Plains") */
    }
    put_value_line(b, v);
}

/* The question above an answer, in bold on one line. */
static void put_question(struct buf *b, const char *question)
{
    put_str(b, "**");
    for (const char *p = question; *p; p++) /* content: one line, its own Markdown kept */
        put(b, *p == '\n' ? " " : p, 1);
    while (b->len > 2 && b->s[b->len - 1] == ' ')
        b->s[--b->len] = '\0';
    put_str(b, "**\n\n");
}

/* An answer with nothing in it, a tool's included ({"tool", "entries": []}). */
static bool answer_empty(const struct input_spec *in, const cJSON *v)
{
    if (in->type == INPUT_TOOL && cJSON_IsObject(v))
        return prompts_value_empty(cJSON_GetObjectItemCaseSensitive(v, ANSWER_KEY_ENTRIES));
    return prompts_value_empty(v);
}

/* ---- exercises ---- */

static bool is_prompt_key(const struct exercise_block *blocks, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (blocks[i].input_json && strcmp(blocks[i].prompt_key, key) == 0)
            return true;
    return false;
}

/* One exercise's answers under its prompts' questions, then the answers no prompt of this
 * workbook asks for. */
static enum dt_status put_exercise(struct book *bk, const char *full_exercise_id, const char *json)
{
    struct buf *b = &bk->out;
    struct exercise_block *blocks = NULL;
    size_t nblocks = 0;
    enum dt_status status = store_exercises_blocks(bk->st, full_exercise_id,
                                                   bk->variant[0] ? bk->variant : NULL, &blocks,
                                                   &nblocks);
    if (status == DT_NOT_FOUND) /* an exercise this workbook no longer has */
        status = DT_OK;
    if (status != DT_OK)
        return status;
    cJSON *answers = cJSON_Parse(json);
    if (!cJSON_IsObject(answers)) {
        put_str(b, "(an answer this version cannot show)\n\n");
        goto done;
    }
    bool written = false;
    for (size_t i = 0; i < nblocks; i++) {
        if (!blocks[i].input_json)
            continue;
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(answers, blocks[i].prompt_key);
        struct input_spec *in = NULL;
        char why[200];
        /* an input the store holds but cannot read is shown as a text, as the screens ask it */
        static const struct input_spec as_text = {.type = INPUT_TEXT};
        input_spec_parse(blocks[i].input_json, &in, why, sizeof why);
        const struct input_spec *input = in ? in : &as_text;
        if (!answer_empty(input, v)) {
            put_question(b, blocks[i].content_text ? blocks[i].content_text : "");
            put_answer(bk, input, v);
            written = true;
        }
        input_spec_free(&in);
    }
    bool other = false;
    const cJSON *v;
    cJSON_ArrayForEach (v, answers) {
        if (prompts_value_empty(v) || is_prompt_key(blocks, nblocks, v->string))
            continue;
        if (!other)
            put_str(b, "**Other answers**\n\n");
        other = written = true;
        struct buf t = {0};
        putf(&t, "%s: ", v->string);
        value_text(&t, v);
        put_str(b, "- ");
        put_inline(b, t.s, 0);
        put_str(b, "\n");
        free(t.s);
    }
    if (other)
        put_str(b, "\n");
    if (!written)
        put_str(b, "(submitted with nothing written)\n\n");
done:
    cJSON_Delete(answers);
    store_exercises_blocks_free(&blocks, nblocks);
    return DT_OK;
}

/* "## Part 1: Roots", "### Module 1.1: Skills", "#### Exercise 1.1.1: Every job" (the title
 * left out when the node has none). */
static enum dt_status put_heading(struct book *bk, const char *marks, const char *what,
                                  const char *number, const char *node_id)
{
    char title[PROGRESS_TITLE_LEN];
    enum dt_status status = store_progress_title(bk->st, node_id, title, sizeof title);
    if (status == DT_OK)
        putf(&bk->out, "%s %s %s%s%s\n\n", marks, what, number, title[0] ? ": " : "", title);
    return status;
}

static enum dt_status put_exercises(struct book *bk, const struct exchange *x)
{
    size_t nresponses = 0;
    for (size_t m = 0; m < x->nmodules; m++)
        nresponses += x->modules[m].nexercises;
    const struct exchange_response **responses = dt_oom_calloc(nresponses + 1, sizeof *responses);
    bool *shown = dt_oom_calloc(nresponses + 1, sizeof *shown);
    size_t k = 0;
    for (size_t m = 0; m < x->nmodules; m++)
        for (size_t e = 0; e < x->modules[m].nexercises; e++)
            responses[k++] = &x->modules[m].exercises[e];

    struct exercise_ref *seq = NULL;
    size_t nseq = 0;
    enum dt_status status = store_progress_sequence(bk->st, &seq, &nseq);
    char part[sizeof seq->part_id] = "", module[sizeof seq->module_key] = "";
    for (size_t i = 0; status == DT_OK && i < nseq; i++) {
        const struct exercise_ref *ref = &seq[i];
        size_t r = 0;
        while (r < nresponses && strcmp(responses[r]->full_exercise_id, ref->full_exercise_id))
            r++;
        if (r == nresponses)
            continue;
        shown[r] = true;
        if (strcmp(part, ref->part_id) != 0) {
            store_copy_text(part, sizeof part, ref->part_id);
            module[0] = '\0';
            status = put_heading(bk, "##", "Part", ref->part_id, ref->part_id);
        }
        if (status == DT_OK && strcmp(module, ref->module_key) != 0) {
            store_copy_text(module, sizeof module, ref->module_key);
            status = put_heading(bk, "###", "Module", ref->module_key, ref->module_key);
        }
        char number[64];
        snprintf(number, sizeof number, "%s.%s.%s", ref->part_id, ref->module_id, ref->exercise_id);
        if (status == DT_OK)
            status = put_heading(bk, "####", "Exercise", number, ref->full_exercise_id);
        if (status == DT_OK)
            status = put_exercise(bk, ref->full_exercise_id, responses[r]->json);
    }
    /* answers to exercises outside the sequence (another version's): kept, after the rest */
    bool other = false;
    for (size_t r = 0; status == DT_OK && r < nresponses; r++) {
        if (shown[r])
            continue;
        if (!other)
            put_str(&bk->out, "## Other exercises\n\n");
        other = true;
        status = put_heading(bk, "####", "Exercise", responses[r]->full_exercise_id,
                             responses[r]->full_exercise_id);
        if (status == DT_OK)
            status = put_exercise(bk, responses[r]->full_exercise_id, responses[r]->json);
    }
    free(seq);
    free(shown);
    free(responses);
    return status;
}

/* ---- tools ---- */

static int by_created(const void *a, const void *b)
{
    const struct exchange_tool *x = *(const struct exchange_tool *const *)a;
    const struct exchange_tool *y = *(const struct exchange_tool *const *)b;
    int c = strcmp(x->created_at, y->created_at);
    return c ? c : strcmp(x->id, y->id);
}

static bool has_text(const cJSON *node, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, key);
    return cJSON_IsString(v) && v->valuestring[0];
}

/* The idea tree's ideas below node, a nested list (two spaces a level). */
static void put_tree(struct buf *b, const cJSON *node, int depth)
{
    const cJSON *child;
    cJSON_ArrayForEach (child, cJSON_GetObjectItemCaseSensitive(node, IDEA_IDEAS)) {
        if (!has_text(child, IDEA_TEXT))
            continue;
        for (int i = 0; i < depth; i++)
            put_str(b, "  ");
        put_str(b, "- ");
        put_inline(b, cJSON_GetObjectItemCaseSensitive(child, IDEA_TEXT)->valuestring, 0);
        put_str(b, "\n");
        if (depth < 8) /* the tree has three levels; a deeper one from elsewhere stops here */
            put_tree(b, child, depth + 1);
    }
}

/* The order a complete ranking gives, most important first. */
static void put_ranking(struct buf *b, const cJSON *c)
{
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(c, RANKING_ITEMS);
    size_t n = 0;
    const char **texts = dt_oom_calloc((size_t)cJSON_GetArraySize(items) + 1, sizeof *texts);
    const cJSON *item;
    cJSON_ArrayForEach (item, items)
        if (cJSON_IsString(item))
            texts[n++] = item->valuestring;
    size_t *order = dt_oom_calloc(n + 1, sizeof *order), a, z;
    if (n >= 2 && n <= RANK_MAX_ITEMS &&
        rank_replay(texts, n, cJSON_GetObjectItemCaseSensitive(c, RANKING_CHOICES), order, &a,
                    &z)) {
        put_str(b, "**Your order**\n\n");
        for (size_t i = 0; i < n; i++) {
            putf(b, "%zu. ", i + 1);
            put_inline(b, texts[order[i]], 0);
            put_str(b, "\n");
        }
        put_str(b, "\n");
    }
    free(order);
    free(texts);
}

/* One entry: its name as a heading, then each field of its form with its value. */
static void put_entry(struct book *bk, const struct exchange_tool *t)
{
    struct buf *b = &bk->out;
    const struct tool_form *f = tool_form_find(t->tool_type);
    cJSON *c = cJSON_Parse(t->json);
    if (!cJSON_IsObject(c) || !f) {
        putf(b, "#### An entry of %.10s\n\n", t->created_at);
        if (cJSON_IsObject(c)) /* a tool this version has no form for: what it keeps */
            put_items(b, c, false);
        else
            put_str(b, "(an entry this version cannot show)\n\n");
        cJSON_Delete(c);
        return;
    }
    char title[512];
    tool_form_title(f, c, t->created_at, title, sizeof title);
    put_str(b, "#### ");
    put_inline(b, title, ESCAPE_HEADING);
    put_str(b, "\n\n");
    bool written = false;
    for (size_t i = 0; i < f->nfields; i++) {
        cJSON *v = tool_form_value(f, i, c);
        if (!prompts_value_empty(v)) {
            put_question(b, f->fields[i].label);
            put_answer(bk, &f->fields[i].input, v);
            written = true;
        }
        cJSON_Delete(v);
    }
    if (strcmp(f->tool, TOOL_IDEA_TREE) == 0 &&
        cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c, IDEA_IDEAS)) > 0) {
        put_str(b, "**The ideas it brought to mind**\n\n");
        put_tree(b, c, 0);
        put_str(b, "\n");
    }
    if (strcmp(f->tool, TOOL_RANKING_GRID) == 0)
        put_ranking(b, c);
    if (!written)
        put_str(b, "(nothing written yet)\n\n");
    cJSON_Delete(c);
}

/* Every entry of one tool type, oldest first, under "### PLURAL (N)". */
static void put_tool(struct book *bk, const struct exchange *x, const char *tool,
                     const char *plural)
{
    const struct exchange_tool **entries = dt_oom_calloc(x->ntools + 1, sizeof *entries);
    size_t n = 0;
    for (size_t i = 0; i < x->ntools; i++)
        if (strcmp(x->tools[i].tool_type, tool) == 0)
            entries[n++] = &x->tools[i];
    if (n > 0) {
        qsort(entries, n, sizeof *entries, by_created);
        put_str(&bk->out, "### ");
        put_inline(&bk->out, plural, ESCAPE_HEADING);
        putf(&bk->out, " (%zu)\n\n", n);
    }
    for (size_t i = 0; i < n; i++)
        put_entry(bk, entries[i]);
    free(entries);
}

static void put_tools(struct book *bk, const struct exchange *x)
{
    if (x->ntools == 0)
        return;
    put_str(&bk->out, "## Tools\n\n");
    for (size_t i = 0; i < bk->ntypes; i++)
        put_tool(bk, x, bk->types[i].id, bk->types[i].plural_name);
    /* entries of a tool this workbook does not have, by the id they name, each id once */
    for (size_t i = 0; i < x->ntools; i++) {
        const char *tool = x->tools[i].tool_type;
        bool known = false;
        for (size_t k = 0; k < bk->ntypes && !known; k++)
            known = strcmp(bk->types[k].id, tool) == 0;
        for (size_t k = 0; k < i && !known; k++)
            known = strcmp(x->tools[k].tool_type, tool) == 0;
        if (!known)
            put_tool(bk, x, tool, tool);
    }
}

/* ---- competencies ---- */

static void put_score_row(struct buf *b, const char *name, const struct exchange_score *s)
{
    put_str(b, "| ");
    put_inline(b, name, 0);
    putf(b, " | %d of 5 | %.10s |\n", s->score, s->assessed_at);
}

static enum dt_status put_scores(struct book *bk, const struct exchange *x)
{
    if (x->nscores == 0)
        return DT_OK;
    struct competency *list = NULL;
    size_t n = 0;
    enum dt_status status = store_competencies_list(bk->st, &list, &n);
    if (status != DT_OK)
        return status;
    struct buf *b = &bk->out;
    put_str(b, "## Competencies\n\n| Competency | Score | Assessed |\n| --- | --- | --- |\n");
    bool *shown = dt_oom_calloc(x->nscores, sizeof *shown);
    for (size_t i = 0; i < n; i++) /* in the workbook's order */
        for (size_t s = 0; s < x->nscores; s++)
            if (!shown[s] && strcmp(x->scores[s].competency_id, list[i].id) == 0) {
                put_score_row(b, list[i].name, &x->scores[s]);
                shown[s] = true;
            }
    for (size_t s = 0; s < x->nscores; s++) /* ones this workbook does not have, by id */
        if (!shown[s])
            put_score_row(b, x->scores[s].competency_id, &x->scores[s]);
    put_str(b, "\n");
    free(shown);
    free(list);
    return DT_OK;
}

/* ---- the book ---- */

char *book_markdown(struct store *st, const char *user_id, const struct exchange *clear,
                    enum dt_status *status)
{
    struct book bk = {.st = st};
    *status = user_id ? store_preferences_variant_get(st, user_id, bk.variant) : DT_OK;
    if (*status == DT_OK)
        *status = store_tools_types(st, &bk.types, &bk.ntypes);
    put_str(&bk.out, "# My DreamTree workbook\n\n");
    putf(&bk.out, "Exported %.10s.\n\n", clear->exported_at);
    if (*status == DT_OK)
        *status = put_exercises(&bk, clear);
    if (*status == DT_OK)
        put_tools(&bk, clear);
    if (*status == DT_OK)
        *status = put_scores(&bk, clear);
    put_str(&bk.out, "This file is not encrypted. Keep it somewhere only you can read.\n");
    free(bk.types);
    char *book = *status == DT_OK ? tui_text_sanitize(bk.out.s, bk.out.len, TUI_TEXT_FILE) : NULL;
    if (*status == DT_OK && !book)
        dt_oom_abort();
    free(bk.out.s);
    return book;
}
