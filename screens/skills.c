/* Skills (spec 5.4): the list a person tags their writing with, browsed by category and searched
 * as they type (folded: "resolucion" finds "Resolución"), with where each skill is tagged on
 * their answers and tool entries, each place a way there. "Only mine" keeps the skills they
 * tagged or asked for. A skill of their own is added here too: a name the list has already, in
 * any case or spacing, is refused with that skill offered instead. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "oom.h"
#include "skills.h"

/* Rows shown at once: a search narrows the rest. */
#define SKILLS_SHOWN 25
/* Places named under one skill; the rest are counted. */
#define PLACES_SHOWN 6
/* A search longer than this (in characters; four bytes each at most) is no name on the list. */
#define QUERY_MAX 200

enum skills_choice {
    CHOOSE_ONLY_MINE = 1, /* toggle */
    CHOOSE_ADD,           /* open the form for a skill of one's own (CMD_SUBMIT adds it) */
    CHOOSE_ADD_CANCEL,
    CHOOSE_USE_EXISTING, /* after a duplicate: show the skill the list has */
};

/* The categories, in the order shown; the last is every custom skill, whatever its category. */
enum { CAT_ALL, CAT_TRANSFERABLE, CAT_SELF, CAT_KNOWLEDGE, CAT_CUSTOM, CAT_COUNT };
static const char *const category_ids[CAT_COUNT] = {NULL, "transferable", "self_management",
                                                    "knowledge", NULL};
static const char *const category_names[CAT_COUNT] = {"All skills", "Transferable",
                                                      "Self-management", "Knowledge",
                                                      "Custom (added by people)"};
/* The categories a new skill may have: the spec's three, or none. */
static const char *const new_categories[] = {"Transferable", "Self-management", "Knowledge",
                                             "None of these"};

struct skills_screen {
    struct skill *found; /* the search's matches (all when the search is empty) */
    size_t nfound;
    struct skill_place *places; /* every tag of the person's, by skill id */
    size_t nplaces;
    char query[QUERY_MAX * 4 + 1];
    int category; /* CAT_* */
    bool only_mine;
    /* adding a skill of one's own */
    bool adding;
    char *new_name;                 /* as typed; malloc'd */
    int new_category;               /* index into new_categories, -1 before one is chosen */
    char existing_id[STORE_ID_LEN]; /* the skill a refused name already is */
    char existing_name[SKILLS_NAME_MAX + 8];
};

static enum dt_status search(struct screen *s)
{
    struct skills_screen *k = s->priv;
    free(k->found);
    k->found = NULL;
    k->nfound = 0;
    struct store *st = app_store(s->app);
    if (!k->query[0])
        return store_skills_list(st, app_user(s->app), NULL, &k->found, &k->nfound);
    return store_skills_search(st, app_user(s->app), k->query, (size_t)1 << 20, &k->found,
                               &k->nfound);
}

/* Coming back to the screen loads it again from its arg: the search and "only mine" as they are
 * now go there, so the person finds the list as they left it. */
static void remember(struct screen *s)
{
    const struct skills_screen *k = s->priv;
    bool fits = strlen(k->query) < sizeof s->arg.words;
    store_copy_text(s->arg.words, sizeof s->arg.words, fits ? k->query : "");
    s->arg.flags = k->only_mine ? s->arg.flags | SCREEN_ONLY_MINE
                                : s->arg.flags & ~(unsigned)SCREEN_ONLY_MINE;
}

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    struct skills_screen *k = s->priv;
    k->new_category = -1;
    store_copy_text(k->query, sizeof k->query, arg->words);
    k->only_mine = (arg->flags & SCREEN_ONLY_MINE) != 0;
    enum dt_status status = search(s);
    if (status == DT_OK)
        status = store_skills_places(app_store(s->app), app_user(s->app), NULL, &k->places,
                                     &k->nplaces);
    return status;
}

static void leave(struct screen *s)
{
    struct skills_screen *k = s->priv;
    free(k->found);
    free(k->places);
    free(k->new_name);
}

/* The first of the person's places for skill_id and how many there are. */
static const struct skill_place *places_of(const struct skills_screen *k, const char *skill_id,
                                           size_t *n)
{
    *n = 0;
    const struct skill_place *first = NULL;
    for (size_t i = 0; i < k->nplaces; i++)
        if (strcmp(k->places[i].skill_id, skill_id) == 0) {
            first = first ? first : &k->places[i];
            (*n)++;
        }
    return first; /* the places of one skill are next to each other (by skill id) */
}

static bool in_category(const struct skill *sk, int category)
{
    if (category == CAT_ALL)
        return true;
    if (category == CAT_CUSTOM)
        return sk->is_custom;
    return strcmp(sk->category, category_ids[category]) == 0;
}

static bool shown(const struct skills_screen *k, const struct skill *sk)
{
    size_t n = 0;
    if (k->only_mine && !sk->own && !places_of(k, sk->id, &n))
        return false;
    return true;
}

/* "1.1.1, 2.1.3 and 2 SOARED Stories": the answers by number, the entries counted by
 * tool. Written into the document. */
static const char *where_tagged(struct doc *d, const struct skill_place *p, size_t n)
{
    char text[512] = "";
    size_t used = 0, parts = 0;
    const char *part[PLACES_SHOWN + 8];
    for (size_t i = 0; i < n; i++) {
        if (p[i].on_answer) {
            if (parts < PLACES_SHOWN)
                part[parts] = p[i].exercise_number;
            parts++;
            continue;
        }
        size_t same = 1; /* entries of one tool are next to each other */
        while (i + same < n && strcmp(p[i + same].tool_type, p[i].tool_type) == 0)
            same++;
        if (parts < PLACES_SHOWN)
            part[parts] = doc_printf(d, "%zu %s", same,
                                     same == 1 ? p[i].tool_name : p[i].tool_plural);
        parts++;
        i += same - 1;
    }
    size_t listed = parts < PLACES_SHOWN ? parts : PLACES_SHOWN;
    for (size_t i = 0; i < listed && used < sizeof text; i++)
        used += (size_t)snprintf(text + used, sizeof text - used, "%s%s",
                                 i == 0                               ? ""
                                 : i + 1 == listed && parts == listed ? " and "
                                                                      : ", ",
                                 part[i]);
    if (parts > listed && used < sizeof text)
        snprintf(text + used, sizeof text - used, " and %zu more", parts - listed);
    return doc_str(d, text);
}

static const char *category_word(const char *category)
{
    for (int c = CAT_TRANSFERABLE; c <= CAT_KNOWLEDGE; c++)
        if (strcmp(category, category_ids[c]) == 0)
            return category_names[c];
    return "No category";
}

/* A custom skill's review, in words; NULL for the master list's. */
static const char *review_words(const struct skill *sk)
{
    if (!sk->is_custom)
        return NULL;
    if (strcmp(sk->review_status, "rejected") == 0)
        return "yours, rejected: only you see it";
    if (strcmp(sk->review_status, "pending") == 0)
        return "yours, pending review";
    return sk->own ? "yours, approved" : "approved";
}

/* What the list says of one skill beside its name: its category and, for a custom one, its
 * review. */
static const char *about(const struct skill *sk, struct doc *d)
{
    const char *review = review_words(sk);
    return review ? doc_printf(d, "%s; %s", category_word(sk->category), review)
                  : category_word(sk->category);
}

/* The ways to the places one skill is tagged on. */
static void place_actions(const struct skills_screen *k, const struct skill *sk, struct doc *d)
{
    size_t n = 0;
    const struct skill_place *p = places_of(k, sk->id, &n);
    for (size_t i = 0; i < n && i < PLACES_SHOWN; i++) {
        if (p[i].on_answer) {
            struct screen_arg x = screen_arg_exercise(p[i].full_exercise_id);
            screen_action(d, SCREEN_EXERCISE, &x,
                          doc_printf(d, "%s: open exercise %s", sk->name, p[i].exercise_number));
        } else {
            /* two entries of one day read apart by the time they were made */
            bool same_day = false;
            for (size_t j = 0; j < n && j < PLACES_SHOWN && !same_day; j++)
                same_day = j != i && !p[j].on_answer &&
                           strcmp(p[j].tool_type, p[i].tool_type) == 0 &&
                           strncmp(p[j].created_at, p[i].created_at, 10) == 0 &&
                           strlen(p[i].created_at) >= 16;
            struct screen_arg e = screen_arg_entry(p[i].tool_type, p[i].instance_id, NULL, 0);
            screen_action(d, SCREEN_TOOL_ENTRY, &e,
                          same_day
                              ? doc_printf(d, "%s: open your %s of %.10s at %.5s", sk->name,
                                           p[i].tool_name, p[i].created_at, p[i].created_at + 11)
                              : doc_printf(d, "%s: open your %s of %.10s", sk->name, p[i].tool_name,
                                           p[i].created_at));
        }
    }
}

static void build_add(const struct skills_screen *k, struct doc *d)
{
    doc_heading(d, 1, "Add a skill of your own");
    doc_para(d, DOC_ROLE_TEXT,
             "A skill you add is yours at once: you can tag your answers and entries with it."
             " Others see it once it is reviewed and approved.");
    struct doc_field *f = doc_field(d, DOC_FIELD_LINE, "name", "The skill's name");
    f->required = true;
    f->max_len = SKILLS_NAME_MAX;
    f->text = k->new_name ? doc_str(d, k->new_name) : NULL;
    f = doc_field(d, DOC_FIELD_CHOICE, "kind", "What kind of skill is it?");
    doc_field_options(d, f, sizeof new_categories / sizeof *new_categories, new_categories);
    f->chosen = k->new_category >= 0 ? 1ULL << k->new_category : 0;
    if (k->existing_id[0]) /* the name was refused: the list's own is offered */
        screen_choice(d, CHOOSE_USE_EXISTING, 0, doc_printf(d, "Use %s instead", k->existing_name));
    doc_action(d, CMD_SUBMIT, NULL, "Add this skill");
    screen_choice(d, CHOOSE_ADD_CANCEL, 0, "Cancel");
}

static void build(const struct screen *s, struct doc *d)
{
    const struct skills_screen *k = s->priv;
    if (k->adding) {
        build_add(k, d);
        return;
    }
    doc_heading(d, 1, "Skills");
    doc_para(d, DOC_ROLE_TEXT,
             "The skills you tag your answers and tool entries with: the workbook's list and"
             " the ones people add.");
    struct doc_field *f = doc_field(d, DOC_FIELD_LINE, "search", "Find a skill by name");
    f->live = true;
    f->max_len = QUERY_MAX;
    f->text = k->query[0] ? doc_str(d, k->query) : NULL;
    f->hint = doc_str(d, "Part of a name; accents and case do not matter.");

    size_t counts[CAT_COUNT] = {0};
    for (size_t i = 0; i < k->nfound; i++)
        if (shown(k, &k->found[i]))
            for (int c = 0; c < CAT_COUNT; c++)
                counts[c] += in_category(&k->found[i], c);
    const char *options[CAT_COUNT];
    for (int c = 0; c < CAT_COUNT; c++)
        options[c] = doc_printf(d, "%s (%zu)", category_names[c], counts[c]);
    f = doc_field(d, DOC_FIELD_CHOICE, "category", "Category");
    f->filter = true; /* what the list shows, not a question the person answers */
    doc_field_options(d, f, CAT_COUNT, options);
    f->chosen = 1ULL << k->category;

    screen_choice(d, CHOOSE_ONLY_MINE, 0,
                  k->only_mine ? "Show every skill"
                               : "Show only mine (tagged on your writing, or added by you)");
    size_t total = counts[k->category];
    const char *which = k->only_mine ? doc_printf(d, "%s (only yours)", category_names[k->category])
                                     : category_names[k->category];
    doc_heading(d, 2,
                k->query[0] ? doc_printf(d, "%s matching \"%s\": %zu", which, k->query, total)
                            : doc_printf(d, "%s: %zu", which, total));
    if (total == 0)
        doc_para(d, DOC_ROLE_NOTE,
                 k->query[0]    ? "No skill matches that search here."
                 : k->only_mine ? "None yet: tag a skill on an answer (\"Skills this answer"
                                  " shows\" on an exercise you answered) or in a SOARED story."
                                : "No skill here yet.");
    /* a table, said in full in text mode whenever what it lists changes */
    size_t listed = total < SKILLS_SHOWN ? total : SKILLS_SHOWN, row = 0;
    const char **cells = doc_copy(d, NULL, (listed + 1) * 3 * sizeof *cells);
    cells[0] = "Skill";
    cells[1] = "Kind";
    cells[2] = "Tagged on";
    const struct skill **rows = doc_copy(d, NULL, (listed + 1) * sizeof *rows);
    for (size_t i = 0; i < k->nfound && row < listed; i++) {
        const struct skill *sk = &k->found[i];
        if (!shown(k, sk) || !in_category(sk, k->category))
            continue;
        size_t n = 0;
        const struct skill_place *p = places_of(k, sk->id, &n);
        rows[row++] = sk;
        cells[row * 3] = sk->name;
        cells[row * 3 + 1] = about(sk, d);
        cells[row * 3 + 2] = n ? where_tagged(d, p, n) : "nothing yet";
    }
    if (row > 0)
        doc_table(d, NULL, 3, row + 1, cells);
    if (total > listed)
        doc_para(d, DOC_ROLE_NOTE, doc_printf(d, "%zu more, narrow the search.", total - listed));
    for (size_t i = 0; i < row; i++)
        place_actions(k, rows[i], d);
    screen_choice(d, CHOOSE_ADD, 0, "Add a skill of your own");
    doc_action(d, CMD_BACK, NULL, "Back");
}

/* A field's new text ("" for none); malloc'd. */
static char *text_value(const char *json)
{
    cJSON *v = cJSON_Parse(json);
    const char *text = cJSON_GetStringValue(v);
    char *out = dt_oom_strdup(text ? text : "");
    cJSON_Delete(v);
    return out;
}

static int index_value(const char *json)
{
    cJSON *v = cJSON_Parse(json);
    int i = cJSON_IsNumber(v) ? v->valueint : -1;
    cJSON_Delete(v);
    return i;
}

static enum screen_result change(struct screen *s, const struct tui_event *ev)
{
    struct skills_screen *k = s->priv;
    const char *id = ev->field_id;
    if (k->adding && strcmp(id, "name") == 0) {
        free(k->new_name);
        k->new_name = text_value(ev->value);
        k->existing_id[0] = '\0';
        return SCREEN_HANDLED;
    }
    if (k->adding && strcmp(id, "kind") == 0) {
        int i = index_value(ev->value);
        if (i < 0 || (size_t)i >= sizeof new_categories / sizeof *new_categories)
            return SCREEN_UNHANDLED;
        k->new_category = i;
        return SCREEN_HANDLED;
    }
    if (!k->adding && strcmp(id, "search") == 0) {
        char *query = text_value(ev->value);
        if (strlen(query) >= sizeof k->query) {
            free(query);
            app_error(s->app, "a search of at most %d characters, please.", QUERY_MAX);
            return SCREEN_REJECTED;
        }
        if (strcmp(query, k->query) == 0) {
            free(query);
            return SCREEN_HANDLED;
        }
        store_copy_text(k->query, sizeof k->query, query);
        free(query);
        enum dt_status status = search(s);
        if (status == DT_INVALID) { /* not text: nothing matches it */
            app_error(s->app, "that search is not text this list can hold.");
            k->query[0] = '\0';
            status = search(s);
        }
        if (status != DT_OK) {
            app_fail(s->app, "The search did not work", status);
            return SCREEN_REJECTED;
        }
        return SCREEN_HANDLED;
    }
    if (!k->adding && strcmp(id, "category") == 0) {
        int i = index_value(ev->value);
        if (i < 0 || i >= CAT_COUNT)
            return SCREEN_UNHANDLED;
        k->category = i;
        return SCREEN_HANDLED;
    }
    return SCREEN_UNHANDLED;
}

static void close_form(struct skills_screen *k)
{
    k->adding = false;
    free(k->new_name);
    k->new_name = NULL;
    k->new_category = -1;
    k->existing_id[0] = '\0';
}

/* Adds the typed name as the person's own skill, or says why not. */
static enum screen_result add(struct screen *s)
{
    struct skills_screen *k = s->priv;
    const char *name = k->new_name ? k->new_name : "";
    const char *problem = store_skills_name_problem(name);
    if (problem) {
        app_error(s->app, "%s", problem);
        return SCREEN_REJECTED;
    }
    static const char *const ids[] = {"transferable", "self_management", "knowledge", NULL};
    const char *category = k->new_category >= 0 ? ids[k->new_category] : NULL;
    char id[STORE_ID_LEN];
    struct store *st = app_store(s->app);
    enum dt_status status = store_skills_add_custom(st, app_user(s->app), name, category, id);
    if (status == DT_DUPLICATE) {
        struct skill *list = NULL;
        size_t n = 0;
        store_copy_text(k->existing_id, sizeof k->existing_id, id);
        k->existing_name[0] = '\0';
        if (store_skills_list(st, app_user(s->app), NULL, &list, &n) == DT_OK)
            for (size_t i = 0; i < n; i++)
                if (strcmp(list[i].id, id) == 0)
                    store_copy_text(k->existing_name, sizeof k->existing_name, list[i].name);
        free(list);
        app_error(s->app, "%s is already on the list.", k->existing_name);
        app_focus_choice(s->app, CHOOSE_USE_EXISTING, 0);
        return SCREEN_REJECTED;
    }
    if (status != DT_OK) {
        app_fail(s->app, "The skill could not be added", status);
        return SCREEN_REJECTED;
    }
    app_note(s->app, "Added. It is yours to tag with now; others see it once it is approved.");
    /* show it: the search becomes its name */
    store_copy_text(k->query, sizeof k->query, name);
    close_form(k);
    k->category = CAT_ALL;
    k->only_mine = false;
    status = search(s);
    return status == DT_OK ? SCREEN_HANDLED : SCREEN_REJECTED;
}

static enum screen_result command_of(struct screen *s, const struct tui_event *ev)
{
    struct skills_screen *k = s->priv;
    if (ev->cmd == CMD_FIELD_CHANGED && ev->field_id)
        return change(s, ev);
    if (ev->cmd == CMD_SUBMIT && k->adding)
        return add(s);
    int choice;
    size_t index;
    if (ev->cmd != CMD_CHOOSE || !screen_chosen(ev->arg, &choice, &index))
        return SCREEN_UNHANDLED;
    switch ((enum skills_choice)choice) {
    case CHOOSE_ONLY_MINE:
        k->only_mine = !k->only_mine;
        app_focus_choice(s->app, CHOOSE_ONLY_MINE, 0);
        return SCREEN_HANDLED;
    case CHOOSE_ADD:
        close_form(k);
        k->adding = true;
        /* what was searched for and not found is most likely the skill to add */
        if (k->query[0])
            k->new_name = dt_oom_strdup(k->query);
        app_focus_field(s->app, "name");
        return SCREEN_HANDLED;
    case CHOOSE_ADD_CANCEL:
        close_form(k);
        app_focus_choice(s->app, CHOOSE_ADD, 0);
        return SCREEN_HANDLED;
    case CHOOSE_USE_EXISTING: {
        if (!k->existing_id[0])
            return SCREEN_UNHANDLED;
        store_copy_text(k->query, sizeof k->query, k->existing_name);
        close_form(k);
        k->category = CAT_ALL;
        k->only_mine = false;
        enum dt_status status = search(s);
        if (status != DT_OK) {
            app_fail(s->app, "The search did not work", status);
            return SCREEN_REJECTED;
        }
        return SCREEN_HANDLED;
    }
    }
    return SCREEN_UNHANDLED;
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    enum screen_result r = command_of(s, ev);
    remember(s);
    return r;
}

const struct screen_ops skills_screen = {
    .title = "Skills",
    .priv_size = sizeof(struct skills_screen),
    .enter = enter,
    .build = build,
    .command = command,
    .leave = leave,
};
