/* The workbook parser: markdown files of parts, modules, exercises and their blocks
 * (docs/content-format.md). */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "input_spec.h"
#include "model.h"
#include "store.h"

static const char *const block_types[] = {"instruction", "prompt",      "reflection",
                                          "transition",  "celebration", NULL};
static const char *const usage_types[] = {"direct_quote", "framework",   "concept",
                                          "adaptation",   "inspiration", NULL};

struct parser {
    struct seed_content *c;
    struct seed_diags *d;
    const char *file;
    int part, module;           /* open headings; 0 when none */
    long exercise;              /* index into c->exercises, -1 when none */
    struct seed_block *pending; /* blocks met before the first exercise of a part or module */
    size_t npending;
    int oom;
};

static int one_of(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return 1;
    return 0;
}

static int is_key(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_' || *s == '-'))
            return 0;
    return 1;
}

/* Reads "N", "N.M" or "N.M.E" (count numbers) then ": Title". Returns the title or NULL. */
static const char *parse_heading(const char *s, int count, int nums[3])
{
    for (int i = 0; i < count; i++) {
        if (!isdigit((unsigned char)*s))
            return NULL;
        char *end;
        long v = strtol(s, &end, 10);
        if (v < 1 || v > 99)
            return NULL;
        nums[i] = (int)v;
        s = end;
        if (i + 1 < count && *s++ != '.')
            return NULL;
    }
    if (s[0] != ':' || s[1] != ' ')
        return NULL;
    s += 2;
    s += strspn(s, " ");
    return *s ? s : NULL;
}

static char *dup_or_flag(struct parser *p, const char *s)
{
    char *copy = strdup(s);
    if (!copy)
        p->oom = 1;
    return copy;
}

static void add_heading(struct parser *p, int part, int module, const char *title, int line)
{
    struct seed_heading *h = seed_push(&p->c->headings, &p->c->nheadings, sizeof *p->c->headings);
    if (!h) {
        p->oom = 1;
        return;
    }
    h->part = part;
    h->module = module;
    h->title = dup_or_flag(p, title);
    h->at = (struct seed_where){p->file, line};
    if (strlen(title) > 200)
        seed_diag(p->d, p->file, line, "title is longer than 200 bytes");
}

static struct seed_exercise *current(struct parser *p)
{
    return p->exercise >= 0 ? &p->c->exercises[p->exercise] : NULL;
}

static void attach_pending(struct parser *p, struct seed_exercise *e)
{
    for (size_t i = 0; i < p->npending; i++) {
        struct seed_block *b = seed_push(&e->blocks, &e->nblocks, sizeof *e->blocks);
        if (!b) {
            p->oom = 1;
            return;
        }
        *b = p->pending[i];
    }
    free(p->pending);
    p->pending = NULL;
    p->npending = 0;
}

static void start_exercise(struct parser *p, const int nums[3], const char *title, int line)
{
    if (!p->module) {
        seed_diag(p->d, p->file, line,
                  "exercise outside a module (a \"## Module\" heading comes first)");
        p->exercise = -1;
        return;
    }
    if (nums[0] != p->part || nums[1] != p->module)
        seed_diag(p->d, p->file, line, "exercise %d.%d.%d sits under module %d.%d", nums[0],
                  nums[1], nums[2], p->part, p->module);
    struct seed_exercise *e = seed_push(&p->c->exercises, &p->c->nexercises,
                                        sizeof *p->c->exercises);
    if (!e) {
        p->oom = 1;
        return;
    }
    p->exercise = (long)(p->c->nexercises - 1);
    e->part = nums[0];
    e->module = nums[1];
    e->number = nums[2];
    e->version = 1;
    e->required = true;
    e->title = dup_or_flag(p, title);
    e->at = (struct seed_where){p->file, line};
    e->parsed_at = p->c->nexercises - 1;
    if (strlen(title) > 200)
        seed_diag(p->d, p->file, line, "title is longer than 200 bytes");
    attach_pending(p, e);
}

/* "source: KEY USAGE [notes]" */
static void parse_source(struct parser *p, struct seed_exercise *e, const char *value, int line)
{
    char key[64] = "", usage[32] = "";
    int used = 0;
    if (sscanf(value, "%63s %31s %n", key, usage, &used) < 2) {
        seed_diag(p->d, p->file, line, "source needs a reference key and a usage type");
        return;
    }
    if (!one_of(usage, usage_types)) {
        seed_diag(p->d, p->file, line,
                  "usage \"%s\" is not direct_quote, framework, concept, adaptation or inspiration",
                  usage);
        return;
    }
    struct seed_attribution *a = seed_push(&e->sources, &e->nsources, sizeof *e->sources);
    if (!a) {
        p->oom = 1;
        return;
    }
    store_copy_text(a->key, sizeof a->key, key);
    store_copy_text(a->usage, sizeof a->usage, usage);
    a->notes = dup_or_flag(p, used ? value + used : "");
    a->at = (struct seed_where){p->file, line};
}

static int parse_meta(struct parser *p, const char *line, int lineno)
{
    struct seed_exercise *e = current(p);
    const char *colon = strchr(line, ':');
    if (!e || !colon)
        return 0;
    size_t n = (size_t)(colon - line);
    const char *value = colon + 1 + strspn(colon + 1, " ");
    bool meta = true; /* a line a variant may not have: it is its control's */
    if (n == 8 && strncmp(line, "required", n) == 0) {
        if (strcmp(value, "yes") && strcmp(value, "no"))
            seed_diag(p->d, p->file, lineno, "required must be yes or no");
        e->required = strcmp(value, "no") != 0;
    } else if (n == 7 && strncmp(line, "unlocks", n) == 0) {
        if (strlen(value) >= sizeof e->unlocks || !*value)
            seed_diag(p->d, p->file, lineno, "unlocks needs a tool id");
        store_copy_text(e->unlocks, sizeof e->unlocks, value);
    } else if (n == 7 && strncmp(line, "version", n) == 0) {
        char *end;
        long v = strtol(value, &end, 10);
        if (*end || v < 1 || v > 999)
            seed_diag(p->d, p->file, lineno, "version must be a whole number from 1 to 999");
        else
            e->version = (int)v;
    } else if (n == 7 && strncmp(line, "variant", n) == 0) {
        /* the name is kept as a user's group (user_preferences.variant_group) */
        if (!is_key(value) || strlen(value) > 31)
            seed_diag(p->d, p->file, lineno,
                      "a variant is named with lowercase letters, digits, '_' or '-', at most 31");
        free(e->variant);
        e->variant = dup_or_flag(p, value);
        meta = false;
    } else if (n == 6 && strncmp(line, "source", n) == 0) {
        parse_source(p, e, value, lineno);
    } else {
        return 0;
    }
    e->meta_given |= meta;
    return 1;
}

/* The text after "name=" in params, or NULL when the parameter is not given. */
static const char *param_text(const char *params, const char *name)
{
    size_t n = strlen(name);
    for (const char *s = params; (s = strstr(s, name)) != NULL; s += n)
        if ((s == params || s[-1] == ' ') && s[n] == '=')
            return s + n + 1;
    return NULL;
}

/* Whether params holds the word on its own ("amount"), not as "name=value". */
static bool has_word(const char *params, const char *word)
{
    size_t n = strlen(word);
    for (const char *s = params; (s = strstr(s, word)) != NULL; s += n)
        if ((s == params || s[-1] == ' ') && (s[n] == '\0' || s[n] == ' '))
            return true;
    return false;
}

/* "name=value" from params; returns 1 and the number when present. */
static int param(const char *params, const char *name, double *value)
{
    const char *text = param_text(params, name);
    char *end;
    if (!text)
        return 0;
    *value = strtod(text, &end);
    return end != text;
}

/* A number's or slider's step, when given, must be one a value can move by. */
static void check_step(struct parser *p, const char *params, int input_line)
{
    double step = 0;
    if (param_text(params, INPUT_KEY_STEP) &&
        (!param(params, INPUT_KEY_STEP, &step) || !(step > 0) || step > 1e15))
        seed_diag(p->d, p->file, input_line, "step must be a number above zero");
}

static void add_number(cJSON *obj, const char *params, const char *name)
{
    double v;
    if (param(params, name, &v))
        cJSON_AddNumberToObject(obj, name, v);
}

/* Reads an input's JSON back the way the screens will (input_spec_parse), so the content
 * cannot hold a question they could not ask; said at the input line when it cannot be. */
static void check_readable(struct parser *p, const char *json, int input_line)
{
    struct input_spec *spec = NULL;
    char why[200];
    enum dt_status status = input_spec_parse(json, &spec, why, sizeof why);
    if (status == DT_INVALID)
        seed_diag(p->d, p->file, input_line, "%s", why);
    else if (status != DT_OK)
        p->oom = 1;
    input_spec_free(&spec);
}

/* Turns the directive lines of a prompt into its input JSON; reports what is wrong. */
static char *build_input(struct parser *p, const char *input, int input_line, char **options,
                         int *option_lines, size_t noptions, char **stops, int *stop_lines,
                         size_t nstops, int required, int at_line)
{
    size_t reported = p->d->n; /* what was said before this input */
    if (!input) {
        seed_diag(p->d, p->file, at_line, "prompt without an input type (add \"input: TYPE\")");
        return NULL;
    }
    char type[16] = "";
    int used = 0;
    sscanf(input, "%15s%n", type, &used);
    const char *params = input + used + strspn(input + used, " ");
    static const char *const types[] = {"line",    "text", "number", "slider", "choice",
                                        "choices", "list", "tool",   NULL};
    if (!one_of(type, types)) {
        seed_diag(
            p->d, p->file, input_line,
            "input type \"%s\" is not line, text, number, slider, choice, choices, list or tool",
            type);
        return NULL;
    }
    cJSON *obj = cJSON_CreateObject();
    cJSON_AddStringToObject(obj, INPUT_KEY_TYPE, type);
    cJSON_AddBoolToObject(obj, INPUT_KEY_REQUIRED, required);
    int choice = strcmp(type, "choice") == 0 || strcmp(type, "choices") == 0;
    if (choice) {
        if (noptions < 2)
            seed_diag(p->d, p->file, input_line, "a %s input needs at least two \"option:\" lines",
                      type);
        cJSON *list = cJSON_AddArrayToObject(obj, INPUT_KEY_OPTIONS);
        for (size_t i = 0; i < noptions; i++)
            cJSON_AddItemToArray(list, cJSON_CreateString(options[i]));
        if (strcmp(type, "choices") == 0) {
            add_number(obj, params, INPUT_KEY_MIN);
            add_number(obj, params, INPUT_KEY_MAX);
        }
    } else if (noptions) {
        seed_diag(p->d, p->file, option_lines[0], "\"option:\" belongs to choice inputs only");
    }
    if (strcmp(type, "slider") == 0) {
        double min, max;
        if (!param(params, INPUT_KEY_MIN, &min) || !param(params, INPUT_KEY_MAX, &max) ||
            min >= max) {
            seed_diag(p->d, p->file, input_line, "a slider needs min=N max=N with min below max");
            min = 0, max = 0;
        }
        cJSON_AddNumberToObject(obj, INPUT_KEY_MIN, min);
        cJSON_AddNumberToObject(obj, INPUT_KEY_MAX, max);
        add_number(obj, params, INPUT_KEY_STEP);
        if (nstops < 2)
            seed_diag(p->d, p->file, input_line,
                      "a slider needs at least two \"stop: N = label\" lines");
        cJSON *list = cJSON_AddArrayToObject(obj, INPUT_KEY_STOPS);
        for (size_t i = 0; i < nstops; i++) {
            char *eq = strchr(stops[i], '=');
            char *end = NULL;
            double v = strtod(stops[i], &end);
            const char *label = eq ? eq + 1 + strspn(eq + 1, " ") : "";
            if (!eq || end == stops[i] || !*label || v < min || v > max) {
                seed_diag(p->d, p->file, stop_lines[i],
                          "a stop is \"stop: N = label\" with N between min and max");
                continue;
            }
            cJSON *stop = cJSON_CreateObject();
            cJSON_AddNumberToObject(stop, INPUT_KEY_STOP_VALUE, v);
            cJSON_AddStringToObject(stop, INPUT_KEY_STOP_LABEL, label);
            cJSON_AddItemToArray(list, stop);
        }
    } else if (nstops) {
        seed_diag(p->d, p->file, stop_lines[0], "\"stop:\" belongs to slider inputs only");
    }
    if (strcmp(type, "number") == 0 || strcmp(type, "slider") == 0)
        check_step(p, params, input_line);
    if (has_word(params, INPUT_KEY_AMOUNT)) {
        if (strcmp(type, "number") == 0)
            cJSON_AddTrueToObject(obj, INPUT_KEY_AMOUNT); /* money: shown as 2,050.50 */
        else
            seed_diag(p->d, p->file, input_line, "\"amount\" belongs to number inputs only");
    }
    if (strcmp(type, "number") == 0) {
        add_number(obj, params, INPUT_KEY_MIN);
        add_number(obj, params, INPUT_KEY_MAX);
        add_number(obj, params, INPUT_KEY_STEP); /* 1: a count, whole numbers only */
    } else if (strcmp(type, "line") == 0 || strcmp(type, "text") == 0) {
        add_number(obj, params, INPUT_KEY_MAX);
    } else if (strcmp(type, "list") == 0) {
        add_number(obj, params, INPUT_KEY_MIN);
        add_number(obj, params, INPUT_KEY_MAX);
    } else if (strcmp(type, "tool") == 0) {
        char tool[40] = "";
        if (sscanf(params, "%39s", tool) != 1)
            seed_diag(p->d, p->file, input_line, "a tool input names its tool: \"input: tool ID\"");
        cJSON_AddStringToObject(obj, INPUT_KEY_TOOL, tool);
        /* how many entries the exercise asks for: counted, so whole and at least one */
        static const char *const counts[] = {INPUT_KEY_MIN, INPUT_KEY_MAX};
        for (size_t i = 0; i < 2; i++) {
            double v;
            if (!param(params, counts[i], &v))
                continue;
            if (!(v >= 1 && v <= INPUT_MAX_ENTRIES) || (double)(int)v != v) /* NaN too */
                seed_diag(p->d, p->file, input_line,
                          "a tool's min and max count entries: whole numbers from 1 to %d",
                          INPUT_MAX_ENTRIES);
            else
                cJSON_AddNumberToObject(obj, counts[i], v);
        }
    }
    double lo, hi;
    if (param(params, INPUT_KEY_MIN, &lo) && param(params, INPUT_KEY_MAX, &hi) && lo > hi)
        seed_diag(p->d, p->file, input_line, "min is above max");
    char *json = cJSON_PrintUnformatted(obj);
    cJSON_Delete(obj);
    if (!json)
        p->oom = 1;
    else if (p->d->n == reported) /* what is wrong is said once: the checks above go first */
        check_readable(p, json, input_line);
    return json;
}

/* Collects one "::: type [key]" block from lines[*i] to its closing ":::". */
/* Whether line holds "*word*" emphasis with one star on each side, which the screens would
 * show as stars (they take "**strong**" only). A star with a space after it ("5 * 3", a list
 * marker) is not one. */
static bool single_emphasis(const char *line)
{
    for (const char *s = line; (s = strchr(s, '*')) != NULL; s++) {
        if (s[1] == '*') { /* a pair: strong, skip it */
            s++;
            continue;
        }
        bool opens = (s == line || s[-1] == ' ' || s[-1] == '(') && s[1] && s[1] != ' ';
        const char *close = opens ? strchr(s + 1, '*') : NULL;
        if (close && close[1] != '*' && close[-1] != ' ')
            return true;
    }
    return false;
}

static void parse_block(struct parser *p, char **lines, size_t nlines, size_t *i)
{
    int open_line = (int)*i + 1;
    char type[32] = "", key[64] = "", extra[8] = "";
    sscanf(lines[*i] + 3, "%31s %63s %7s", type, key, extra);
    size_t end = *i + 1;
    while (end < nlines && strcmp(lines[end], ":::") != 0)
        end++;
    if (end == nlines) {
        seed_diag(p->d, p->file, open_line, "block is not closed (a line with only \":::\")");
        *i = nlines;
        return;
    }
    size_t first = *i + 1;
    *i = end;
    if (!one_of(type, block_types)) {
        seed_diag(
            p->d, p->file, open_line,
            "block type \"%s\" is not instruction, prompt, reflection, transition or celebration",
            type);
        return;
    }
    int is_prompt = strcmp(type, "prompt") == 0;
    if (strlen(key) >= sizeof((struct seed_block *)0)->key)
        seed_diag(p->d, p->file, open_line, "a prompt key has at most %zu characters",
                  sizeof((struct seed_block *)0)->key - 1);
    if (is_prompt && !is_key(key))
        seed_diag(
            p->d, p->file, open_line,
            "a prompt needs a key of lowercase letters, digits, '_' or '-' (\"::: prompt KEY\")");
    if (!is_prompt && key[0])
        seed_diag(p->d, p->file, open_line, "only prompts take a key");
    if (extra[0])
        seed_diag(p->d, p->file, open_line,
                  "a block opens with \"::: TYPE\" or \"::: prompt KEY\" only");
    /* prompt directives come first */
    const char *input = NULL;
    int input_line = 0, required = 1;
    char *options[INPUT_MAX_OPTIONS], *stops[INPUT_MAX_STOPS];
    int option_lines[INPUT_MAX_OPTIONS], stop_lines[INPUT_MAX_STOPS];
    size_t noptions = 0, nstops = 0;
    size_t text_start = first;
    for (; is_prompt && text_start < end; text_start++) {
        char *l = lines[text_start];
        int ln = (int)text_start + 1;
        if (strncmp(l, "input:", 6) == 0) {
            input = l + 6 + strspn(l + 6, " ");
            input_line = ln;
        } else if (strncmp(l, "option:", 7) == 0) {
            if (noptions == INPUT_MAX_OPTIONS) {
                seed_diag(p->d, p->file, ln, "a prompt has at most %d options", INPUT_MAX_OPTIONS);
                continue;
            }
            option_lines[noptions] = ln;
            options[noptions++] = l + 7 + strspn(l + 7, " ");
        } else if (strncmp(l, "stop:", 5) == 0) {
            if (nstops == INPUT_MAX_STOPS) {
                seed_diag(p->d, p->file, ln, "a slider has at most %d stops", INPUT_MAX_STOPS);
                continue;
            }
            stop_lines[nstops] = ln;
            stops[nstops++] = l + 5 + strspn(l + 5, " ");
        } else if (strncmp(l, "required:", 9) == 0) {
            const char *v = l + 9 + strspn(l + 9, " ");
            if (strcmp(v, "yes") && strcmp(v, "no"))
                seed_diag(p->d, p->file, ln, "required must be yes or no");
            required = strcmp(v, "no") != 0;
        } else {
            break;
        }
    }
    /* the text: trimmed of blank lines at both ends */
    size_t a = text_start, b = end;
    while (a < b && lines[a][strspn(lines[a], " \t")] == '\0')
        a++;
    while (b > a && lines[b - 1][strspn(lines[b - 1], " \t")] == '\0')
        b--;
    if (a == b) {
        seed_diag(p->d, p->file, open_line, "empty %s block", type);
        return;
    }
    size_t len = 0;
    for (size_t k = a; k < b; k++)
        len += strlen(lines[k]) + 1;
    char *text = malloc(len + 1);
    if (!text) {
        p->oom = 1;
        return;
    }
    text[0] = '\0';
    char *w = text;
    for (size_t k = a; k < b; k++) {
        if (single_emphasis(lines[k]))
            seed_diag(p->d, p->file, (int)k + 1,
                      "*one star* is not emphasis here: write **two stars** (the screens show"
                      " only those)");
        size_t n = strlen(lines[k]);
        memcpy(w, lines[k], n);
        w += n;
        if (k + 1 < b)
            *w++ = '\n';
    }
    *w = '\0';
    struct seed_block block = {.text = text, .at = {p->file, open_line}};
    store_copy_text(block.type, sizeof block.type, type);
    store_copy_text(block.key, sizeof block.key, key);
    if (is_prompt)
        block.input_json = build_input(p, input, input_line, options, option_lines, noptions, stops,
                                       stop_lines, nstops, required, open_line);
    struct seed_exercise *e = current(p);
    struct seed_block *slot = e ? seed_push(&e->blocks, &e->nblocks, sizeof *e->blocks)
                                : seed_push(&p->pending, &p->npending, sizeof *p->pending);
    if (!slot) {
        free(text);
        free(block.input_json);
        p->oom = 1;
        return;
    }
    *slot = block;
}

int seed_workbook_file(struct seed_content *c, const char *path, struct seed_diags *d)
{
    struct seed_source src;
    struct parser p = {.c = c,
                       .d = d,
                       .exercise = -1,
                       .part = c->open_part,
                       .module = c->open_module};
    p.file = seed_content_file(c, path);
    if (!p.file)
        return -1;
    if (seed_source_read(path, &src, d) != 0)
        return 0;
    int in_meta = 0;
    for (size_t i = 0; i < src.nlines && !p.oom; i++) {
        char *line = src.lines[i];
        int ln = (int)i + 1;
        int nums[3];
        const char *title;
        if (line[strspn(line, " \t")] == '\0') {
            in_meta = 0;
        } else if (strncmp(line, "<!--", 4) == 0) {
            /* a comment for authors, to "-->" */
            while (i < src.nlines && !strstr(src.lines[i], "-->"))
                i++;
            if (i == src.nlines)
                seed_diag(d, p.file, ln, "comment is not closed (\"-->\")");
        } else if (strncmp(line, "# Part ", 7) == 0) {
            if (!(title = parse_heading(line + 7, 1, nums))) {
                seed_diag(d, p.file, ln, "expected \"# Part N: Title\"");
                continue;
            }
            p.part = nums[0];
            p.module = 0;
            p.exercise = -1;
            add_heading(&p, nums[0], 0, title, ln);
        } else if (strncmp(line, "## Module ", 10) == 0) {
            if (!(title = parse_heading(line + 10, 2, nums))) {
                seed_diag(d, p.file, ln, "expected \"## Module N.M: Title\"");
                continue;
            }
            if (!p.part || nums[0] != p.part)
                seed_diag(d, p.file, ln, "module %d.%d is not in the part above it", nums[0],
                          nums[1]);
            p.module = nums[1];
            p.exercise = -1;
            add_heading(&p, nums[0], nums[1], title, ln);
        } else if (strncmp(line, "### Exercise ", 13) == 0) {
            if (!(title = parse_heading(line + 13, 3, nums))) {
                seed_diag(d, p.file, ln, "expected \"### Exercise N.M.E: Title\"");
                continue;
            }
            start_exercise(&p, nums, title, ln);
            in_meta = 1;
        } else if (strcmp(line, ":::") == 0) {
            seed_diag(d, p.file, ln, "\":::\" closes a block, but no block is open");
        } else if (strncmp(line, ":::", 3) == 0) {
            in_meta = 0;
            parse_block(&p, src.lines, src.nlines, &i);
        } else if (in_meta && parse_meta(&p, line, ln)) {
            continue;
        } else if (line[0] == '#') {
            seed_diag(d, p.file, ln,
                      "unknown heading (use \"# Part\", \"## Module\", \"### Exercise\")");
        } else {
            seed_diag(d, p.file, ln,
                      "text outside a block (put it between \"::: TYPE\" and \":::\")");
        }
    }
    if (p.npending) {
        seed_diag(d, p.file, p.pending[0].at.line, "block with no exercise after it");
        for (size_t k = 0; k < p.npending; k++) {
            free(p.pending[k].text);
            free(p.pending[k].input_json);
        }
        free(p.pending);
    }
    c->open_part = p.part;
    c->open_module = p.module;
    seed_source_free(&src);
    return p.oom ? -1 : 0;
}
