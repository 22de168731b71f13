/* Search your writing: words typed (or given, "/budget" in text mode) are looked for across the
 * person's answers, drafts and tool entries (store_searches_run), and each place found is a card that
 * opens where the words are, with the page find primed on them (app_find_on_open). The results
 * hold the person's words: they are wiped when the screen leaves or searches again. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "searches.h"
#include "text.h"
#include "tool_forms.h"

#define WORDS_FIELD "words"

enum search_choice { SEARCH_OPEN = 1 };

struct search {
    char words[SEARCH_QUERY_MAX + 1];
    bool searched; /* results hold the search for words */
    struct search_results results;
};

static const char *title_key_of(const char *tool)
{
    const struct tool_form *f = tool_form_find(tool);
    return f ? f->title_key : NULL;
}

/* Looks for the words; a failure is said and leaves no results. */
static enum dt_status run(struct screen *s, const char *words)
{
    struct search *sr = s->priv;
    store_searches_free(&sr->results);
    sr->searched = false;
    if (strlen(words) > SEARCH_QUERY_MAX) {
        app_error(s->app, "that is too long to search for: use at most %d characters.",
                  SEARCH_QUERY_MAX);
        return DT_INVALID;
    }
    snprintf(sr->words, sizeof sr->words, "%s", words);
    /* coming back to this screen loads it again from its arg: the words as they are now */
    snprintf(s->arg.words, sizeof s->arg.words, "%s", sr->words);
    if (!sr->words[0])
        return DT_OK;
    enum dt_status status = store_searches_run(app_store(s->app), app_user(s->app), sr->words,
                                               title_key_of, &sr->results);
    if (status != DT_OK) {
        store_searches_free(&sr->results);
        app_fail(s->app, "Searching your writing", status);
        return status;
    }
    sr->searched = true;
    return DT_OK;
}

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    enum dt_status status = run(s, arg->words);
    return status == DT_INVALID ? DT_OK : status; /* too long: said, and the box is empty */
}

static void leave(struct screen *s)
{
    struct search *sr = s->priv;
    store_searches_free(&sr->results);
}

/* What a tool field is called on its form ("" when the form does not name it). */
static const char *tool_field_label(const struct tool_form *f, const char *key)
{
    for (size_t i = 0; f && i < f->nfields; i++)
        if (strcmp(f->fields[i].key, key) == 0)
            return f->fields[i].label;
    return "";
}

/* Where a hit is, as a card's title: "Answer, 1.1.1 Every job". */
static const char *where(struct doc *d, const struct search_hit *h)
{
    if (h->kind == SEARCH_TOOL_ENTRY) {
        const struct tool_form *f = tool_form_find(h->tool);
        char name[160] = "";
        if (f) {
            cJSON *named = cJSON_CreateObject();
            if (named && f->title_key && h->entry_title[0])
                cJSON_AddStringToObject(named, f->title_key, h->entry_title);
            tool_form_title(f, named, h->created, name, sizeof name);
            cJSON_Delete(named);
        }
        return doc_printf(d, "%s: %s", h->title[0] ? h->title : h->tool,
                          name[0] ? name : "an entry");
    }
    char id[32];
    snprintf(id, sizeof id, "%s", h->exercise);
    char *v = strstr(id, ".v"); /* "1.1.1.v1" is exercise 1.1.1 */
    if (v)
        *v = '\0';
    return doc_printf(d, "%s, %s %s", h->kind == SEARCH_DRAFT ? "Draft" : "Answer", id, h->title);
}

/* The first 40 columns or so of a snippet, cut after a whole word ("…" where cut); malloc'd,
 * NULL when out of memory. */
static char *short_words(const char *snippet)
{
    static const char ellipsis[] = "\xE2\x80\xA6";
    char *words = tui_text_fit(snippet, 40, TUI_TEXT_ELLIPSIS);
    size_t len = words ? strlen(words) : 0, cut = len - (sizeof ellipsis - 1);
    if (len < sizeof ellipsis || strcmp(words + cut, ellipsis) != 0 ||
        (cut < strlen(snippet) && snippet[cut] == ' '))
        return words; /* whole, or cut where a word ends */
    size_t space = cut;
    while (space > 10 && words[space - 1] != ' ') /* keep 10 bytes or more: a long word is cut */
        space--;
    if (space > 10)
        memcpy(words + space - 1, ellipsis, sizeof ellipsis);
    return words;
}

static void build(const struct screen *s, struct doc *d)
{
    const struct search *sr = s->priv;
    doc_heading(d, 1, "Search your writing");
    doc_para(d, DOC_ROLE_NOTE,
             "Your answers, drafts and tool entries, case and accents aside. Each place found"
             " opens on the words.");
    struct doc_field *f = doc_field(d, DOC_FIELD_LINE, WORDS_FIELD, "Words to find");
    f->live = true;
    f->max_len = SEARCH_QUERY_MAX;
    f->text = sr->words[0] ? doc_str(d, sr->words) : NULL;
    f->hint = "Like: budget";
    const struct search_results *r = &sr->results;
    if (!sr->searched) {
        doc_para(d, DOC_ROLE_TEXT, "Type some words: what you wrote that holds them shows here.");
    } else if (!r->n) {
        doc_para(d, DOC_ROLE_TEXT,
                 doc_printf(d, "Nothing you wrote holds \"%s\". Try fewer words, or other ones.",
                            sr->words));
    } else {
        doc_heading(d, 2,
                    r->n + r->more == 1 ? doc_printf(d, "1 place holds \"%s\"", sr->words)
                                        : doc_printf(d, "%zu places hold \"%s\", newest first",
                                                     r->n + r->more, sr->words));
        for (size_t i = 0; i < r->n; i++) {
            const struct search_hit *h = &r->hits[i];
            const char *field = h->kind == SEARCH_TOOL_ENTRY
                                    ? tool_field_label(tool_form_find(h->tool), h->field)
                                    : h->prompt;
            size_t flen = strlen(field);
            bool ends = flen && strchr("?:.", field[flen - 1]); /* a question keeps its mark */
            const char *about = field[0]
                                    ? doc_printf(d, "%s%s %s", field, ends ? "" : ":", h->snippet)
                                    : doc_str(d, h->snippet);
            char arg[48];
            const char *title = where(d, h);
            const char *when = h->times >= SEARCH_TIMES_MAX
                                   ? doc_printf(d, "%.10s, %u times or more", h->when,
                                                (unsigned)SEARCH_TIMES_MAX)
                               : h->times > 1 ? doc_printf(d, "%.10s, %u times", h->when, h->times)
                                              : doc_printf(d, "%.10s", h->when);
            /* the words too: places in one exercise must not read alike in a list of choices */
            char *words = short_words(h->snippet);
            doc_card(d, title, about, when, CMD_CHOOSE,
                     doc_str(d, screen_choice_arg(SEARCH_OPEN, i, arg, sizeof arg)),
                     words ? doc_printf(d, "Open: %s: %s", title, words)
                           : doc_printf(d, "Open: %s", title));
            free(words);
        }
        if (r->more)
            doc_para(d, DOC_ROLE_NOTE,
                     doc_printf(d, "And %zu more, older ones: add a word to find fewer places.",
                                r->more));
    }
    doc_action(d, CMD_BACK, NULL, "Back");
}

/* Opens where a hit is, the page find primed with the words. */
static void open_hit(struct screen *s, const struct search_hit *h)
{
    struct search *sr = s->priv;
    struct screen_arg arg;
    enum screen_id id = SCREEN_EXERCISE;
    if (h->kind == SEARCH_TOOL_ENTRY) {
        id = SCREEN_TOOL_ENTRY;
        arg = screen_arg_entry(h->tool, h->entry, h->exercise[0] ? h->exercise : NULL, 0);
    } else {
        arg = screen_arg_exercise(h->exercise);
    }
    app_open(s->app, id, &arg);
    app_find_on_open(s->app, sr->words);
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    struct search *sr = s->priv;
    if (ev->cmd == CMD_FIELD_CHANGED && ev->field_id && strcmp(ev->field_id, WORDS_FIELD) == 0) {
        cJSON *v = cJSON_Parse(ev->value);
        const char *words = cJSON_IsString(v) ? v->valuestring : "";
        enum dt_status status = run(s, words);
        cJSON_Delete(v);
        return status == DT_INVALID ? SCREEN_REJECTED : SCREEN_HANDLED;
    }
    if (ev->cmd == CMD_SEARCH) { /* "/words" again, here: search for them */
        if (ev->arg)
            run(s, ev->arg);
        return SCREEN_HANDLED;
    }
    int choice;
    size_t index;
    if (ev->cmd == CMD_CHOOSE && screen_chosen(ev->arg, &choice, &index) && choice == SEARCH_OPEN &&
        index < sr->results.n) {
        open_hit(s, &sr->results.hits[index]);
        return SCREEN_HANDLED;
    }
    return SCREEN_UNHANDLED;
}

const struct screen_ops search_screen = {
    .title = "Search your writing",
    .priv_size = sizeof(struct search),
    .enter = enter,
    .build = build,
    .command = command,
    .leave = leave,
};
