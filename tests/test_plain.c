/* The plain renderer, driven by a scripted stdin against a small fake host that uses every
 * kind of block and field: the transcript must match tests/golden/plain-renderer.txt byte for
 * byte, and no transcript may hold an escape, a control or a drawing character.
 * DT_UPDATE_GOLDEN=1 rewrites the golden file (review the diff before committing it). */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "plain.h"

struct fake {
    int screen; /* 0: questions, 1: about */
    unsigned long generation;
    char name[64];
    char story[256];
    double age, energy;
    int has_age, has_energy;
    unsigned long long place, landscapes;
    char items[3][32];
    size_t nitems;
    const char *message;
    int message_is_error;
    int events;
};

static void build(void *ctx, struct doc *d)
{
    struct fake *f = ctx;
    if (f->screen == 1) {
        doc_heading(d, 1, "About");
        doc_para(d, DOC_ROLE_TEXT, "A second screen, to show hints are printed once per screen.");
        doc_action(d, CMD_BACK, NULL, "Back to the questions");
        return;
    }
    doc_heading(d, 1, "Every kind of block");
    doc_para(d, DOC_ROLE_INSTRUCTION, "An instruction.\n\nIts second paragraph.");
    doc_para(d, DOC_ROLE_REFLECTION, "A reflection with a hostile title \x1b]0;pwned\x07 in it.");
    doc_para(d, DOC_ROLE_CELEBRATION, "A celebration.");
    doc_card(d, "About", "a second screen", "new", CMD_OPEN, "about", "Open About");
    doc_card(d, "Locked tool", "not yet", "locked", 0, NULL, NULL);
    const char *cells[] = {"Part", "State", "Roots", "done", "Trunk", "next"};
    doc_table(d, "Progress by part", 2, 3, cells);
    const char *labels[] = {"Delivery", "Strategic"};
    double values[] = {3.5, 2};
    doc_chart(d, "Averages", 2, labels, values, 5, "Delivery 3.5 of 5; Strategic 2 of 5.");

    struct doc_field *x = doc_field(d, DOC_FIELD_LINE, "name", "Your name?");
    x->required = true;
    x->text = doc_str(d, f->name);
    x = doc_field(d, DOC_FIELD_TEXT, "story", "Tell a short story.");
    x->text = doc_str(d, f->story);
    x = doc_field(d, DOC_FIELD_NUMBER, "age", "Years of work?");
    x->has_min = x->has_max = true;
    x->min = 0, x->max = 80, x->step = 1; /* a count: whole numbers */
    x->has_number = f->has_age, x->number = f->age;
    x = doc_field(d, DOC_FIELD_SLIDER, "energy", "How full is your tank?");
    x->has_min = x->has_max = true;
    x->min = 1, x->max = 10;
    struct doc_stop stops[] = {{1, "Drained"}, {10, "Thriving"}};
    doc_field_stops(d, x, 2, stops);
    x->has_number = f->has_energy, x->number = f->energy;
    const char *places[] = {"City", "Town", "Countryside"};
    x = doc_field(d, DOC_FIELD_CHOICE, "place", "Where would you live?");
    doc_field_options(d, x, 3, places);
    x->chosen = f->place;
    const char *lands[] = {"Coast", "Mountains", "Plains"};
    x = doc_field(d, DOC_FIELD_CHOICES, "landscapes", "Which landscapes?");
    doc_field_options(d, x, 3, lands);
    x->chosen = f->landscapes;
    x = doc_field(d, DOC_FIELD_LIST, "jobs", "List three jobs.");
    const char *items[3] = {f->items[0], f->items[1], f->items[2]};
    doc_field_items(d, x, f->nitems, items);
    doc_action(d, CMD_QUIT, NULL, "Finish");
}

static enum tui_outcome event(void *ctx, const struct tui_event *ev)
{
    struct fake *f = ctx;
    f->events++;
    if (ev->cmd == CMD_QUIT)
        return TUI_FINISHED;
    if (ev->cmd == CMD_OPEN) {
        f->screen = 1;
        f->generation++;
    } else if (ev->cmd == CMD_BACK) {
        if (f->screen == 0)
            return TUI_FINISHED;
        f->screen = 0;
        f->generation++;
    } else if (ev->cmd == CMD_FIELD_CHANGED) {
        cJSON *v = cJSON_Parse(ev->value);
        const char *id = ev->field_id;
        enum tui_outcome o = TUI_CONTINUE;
        if (strcmp(id, "name") == 0 && cJSON_IsString(v)) {
            if (strlen(v->valuestring) > 20) {
                f->message = "a name has at most 20 characters.";
                f->message_is_error = 1;
                o = TUI_REJECTED;
            } else {
                snprintf(f->name, sizeof f->name, "%s", v->valuestring);
                f->message = "Name saved.";
                f->message_is_error = 0;
            }
        } else if (strcmp(id, "story") == 0 && cJSON_IsString(v)) {
            snprintf(f->story, sizeof f->story, "%s", v->valuestring);
        } else if (strcmp(id, "age") == 0 && cJSON_IsNumber(v)) {
            f->age = v->valuedouble, f->has_age = 1;
        } else if (strcmp(id, "energy") == 0 && cJSON_IsNumber(v)) {
            f->energy = v->valuedouble, f->has_energy = 1;
        } else if (strcmp(id, "place") == 0 && cJSON_IsNumber(v)) {
            f->place = 1ULL << v->valueint;
        } else if (strcmp(id, "landscapes") == 0 && cJSON_IsArray(v)) {
            f->landscapes = 0;
            const cJSON *i;
            cJSON_ArrayForEach (i, v)
                f->landscapes |= 1ULL << i->valueint;
        } else if (strcmp(id, "jobs") == 0 && cJSON_IsArray(v)) {
            f->nitems = 0;
            const cJSON *i;
            cJSON_ArrayForEach (i, v)
                if (f->nitems < 3)
                    snprintf(f->items[f->nitems++], sizeof f->items[0], "%s", i->valuestring);
        }
        cJSON_Delete(v);
        return o;
    }
    return TUI_CONTINUE;
}

static unsigned long generation(void *ctx)
{
    return ((struct fake *)ctx)->generation;
}

static const char *message(void *ctx, int *is_error)
{
    struct fake *f = ctx;
    const char *m = f->message;
    *is_error = f->message_is_error;
    f->message = NULL;
    return m;
}

static const char script[] =
    "9\n" /* out of range */
    "x\n" /* not a command */
    "?\n" /* hints again */
    "2\n" /* answer the questions */
    "A name far too long for the rule\n"
    "Ada\n"
    "First line,\n\xff broken\nsecond\0 line.\n.\n" /* left out, the rest of each line kept */
    "2.400,50\nabc\n42\n" /* a number by the one rule: the form said, nothing guessed */
    "11\n7\n"
    "2\n"
    "1,3\n"
    "baker\nnurse\n\ntester\n.\n"
    "1\n"      /* the About card */
    "q\n"      /* back */
    "\x1b[A\n" /* an arrow key's escape sequence typed at a menu */
    "3\n";     /* Finish */

/* A byte or code point that must never reach a screen reader or a pipe. */
static const char *forbidden(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
            return (const char *)p;
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            return (const char *)p; /* C1 */
        if (p[0] == 0xE2 && (p[1] == 0x94 || p[1] == 0x95 || p[1] == 0x96 || (p[1] == 0xA0) ||
                             (p[1] >= 0xA1 && p[1] <= 0xA3)))
            return (const char *)p; /* U+2500-U+259F boxes and blocks, U+2800-U+28FF braille */
    }
    return NULL;
}

/* ---- limits: an answer past its field's length is cut there, and the person told ---- */

struct cut_host {
    char sent[4][64]; /* the values sent, in order */
    int nsent;
};

static void cut_build(void *ctx, struct doc *d)
{
    (void)ctx;
    doc_heading(d, 1, "Limits");
    struct doc_field *x = doc_field(d, DOC_FIELD_LINE, "motto", "A motto?");
    x->max_len = 5;
    x = doc_field(d, DOC_FIELD_TEXT, "note", "A note?");
    x->max_len = 6;
    doc_action(d, CMD_QUIT, NULL, "Finish");
}

static enum tui_outcome cut_event(void *ctx, const struct tui_event *ev)
{
    struct cut_host *h = ctx;
    if (ev->cmd == CMD_QUIT)
        return TUI_FINISHED;
    if (ev->cmd == CMD_FIELD_CHANGED && h->nsent < 4)
        snprintf(h->sent[h->nsent++], sizeof h->sent[0], "%s", ev->value);
    return TUI_CONTINUE;
}

static unsigned long cut_generation(void *ctx)
{
    (void)ctx;
    return 0;
}

static const char *cut_message(void *ctx, int *is_error)
{
    (void)ctx;
    *is_error = 0;
    return NULL;
}

/* Runs text mode over host with input (input_len bytes); what it printed is returned
 * (malloc'd; caller frees). */
static char *run_text_mode(const struct tui_host *host, const char *input, size_t input_len)
{
    FILE *in = fmemopen((void *)input, input_len, "r");
    char *out_text = NULL;
    size_t out_len = 0;
    FILE *out = open_memstream(&out_text, &out_len);
    CHECK_INT(tui_plain_run(host, in, out), 0);
    fclose(in);
    fclose(out);
    return out_text;
}

/* The same over a host of one page: ctx, its build and event, no generations nor messages. */
static char *run_page(void *ctx, void (*build_page)(void *, struct doc *),
                      enum tui_outcome (*on_event)(void *, const struct tui_event *),
                      const char *input, size_t input_len)
{
    struct tui_host host = {.ctx = ctx,
                            .build = build_page,
                            .event = on_event,
                            .generation = cut_generation,
                            .message = cut_message};
    return run_text_mode(&host, input, input_len);
}

/* run_page over a cut_host, which keeps what it is sent. */
static char *run_cut_host(struct cut_host *h, void (*build_page)(void *, struct doc *),
                          const char *input, size_t input_len)
{
    return run_page(h, build_page, cut_event, input, input_len);
}

static void test_cut(void)
{
    /* five characters kept of six (the accented e is one); the note's lines past six */
    static const char cut_script[] = "1\nabcd\xC3\xA9"
                                     "f\nab\nc"
                                     "e\xCC\x81"
                                     "defg\n.\n2\n";
    struct cut_host h = {0};
    check_test_name = "cut at the limit";
    char *out_text = run_cut_host(&h, cut_build, cut_script, sizeof cut_script - 1);
    CHECK_INT(h.nsent, 2);
    CHECK_STR(h.sent[0], "\"abcd\xC3\xA9\"");
    CHECK_STR(h.sent[1], "\"ab\\nce\xCC\x81"
                         "d\"");
    CHECK(strstr(out_text, "Note: This answer holds at most 5 characters: yours was cut to 5,"
                           " leaving out the last one.\n") != NULL);
    CHECK(strstr(out_text, "Note: This answer holds at most 6 characters: yours was cut to 6,"
                           " leaving out the last 3.\n") != NULL);
    free(out_text);
}

/* ---- a search page: words typed at the menu prompt are the words to find ---- */

static void live_build(void *ctx, struct doc *d)
{
    (void)ctx;
    doc_heading(d, 1, "Search");
    struct doc_field *x = doc_field(d, DOC_FIELD_LINE, "find", "Words to find");
    x->live = true;
    x->max_len = 8;
    doc_action(d, CMD_QUIT, NULL, "Finish");
}

static void test_words_at_the_prompt(void)
{
    static const char live_script[] = "garden tools\n\x1b[31mbeds\x1b[0m\nq\n2\n";
    struct cut_host h = {0};
    check_test_name = "words at the prompt";
    char *out_text = run_cut_host(&h, live_build, live_script, sizeof live_script - 1);
    CHECK_INT(h.nsent, 2); /* q stays the letter for Back */
    CHECK_STR(h.sent[0], "\"garden t\"");
    CHECK_STR(h.sent[1], "\"beds\""); /* a colour's escape sequence left out whole */
    CHECK(strstr(out_text, "A search holds at most 8 characters: yours was cut to 8") != NULL);
    free(out_text);
}

/* ---- ".." ends a run of questions inside a long answer or a list, keeping what came before;
 * Enter alone on a password keeps the one typed ---- */

static void stops_build(void *ctx, struct doc *d)
{
    (void)ctx;
    doc_heading(d, 1, "Stops");
    doc_field(d, DOC_FIELD_TEXT, "note", "A note?");
    doc_field(d, DOC_FIELD_LIST, "items", "Some items?");
    struct doc_field *x = doc_field(d, DOC_FIELD_LINE, "secret", "A password?");
    x->secret = true;
    doc_action(d, CMD_QUIT, NULL, "Finish");
}

static void secret_build(void *ctx, struct doc *d)
{
    struct cut_host *h = ctx;
    doc_heading(d, 1, "Locked");
    struct doc_field *x = doc_field(d, DOC_FIELD_LINE, "secret", "Password");
    x->secret = true;
    x->text = h->nsent ? "kept" : NULL; /* the host has it once sent */
    doc_action(d, CMD_QUIT, NULL, "Finish");
}

static void test_stops_keep_what_came_before(void)
{
    static const char in_text[] = "1\nHello\n..\n2\n";
    struct cut_host h = {0};
    check_test_name = "stop in a long answer";
    char *out_text = run_cut_host(&h, stops_build, in_text, sizeof in_text - 1);
    CHECK_INT(h.nsent, 1);
    CHECK_STR(h.sent[0], "\"Hello\"");
    CHECK(strstr(out_text, "Type one item per line") == NULL); /* the run stopped there */
    CHECK(strstr(out_text, "Stopped.") != NULL);
    free(out_text);

    static const char in_list[] = "1\n.\nAlpha\nBeta\n..\n2\n";
    struct cut_host l = {0};
    check_test_name = "stop in a list";
    out_text = run_cut_host(&l, stops_build, in_list, sizeof in_list - 1);
    CHECK_INT(l.nsent, 1);
    CHECK_STR(l.sent[0], "[\"Alpha\",\"Beta\"]");
    CHECK(strstr(out_text, "not shown as you type") == NULL);
    CHECK(strstr(out_text, "Stopped.") != NULL);
    free(out_text);

    static const char in_secret[] = "1\na long password\n1\n\n2\n";
    struct cut_host pw = {0};
    check_test_name = "Enter keeps a password";
    out_text = run_cut_host(&pw, secret_build, in_secret, sizeof in_secret - 1);
    CHECK_INT(pw.nsent, 1); /* the second Enter sent nothing: the password stays */
    CHECK(strstr(out_text, "Enter alone keeps what you typed") != NULL);
    free(out_text);
}

/* ---- after every question is answered, Enter alone hands them in ---- */

struct submit_host {
    int submitted, fields;
};

static void submit_build(void *ctx, struct doc *d)
{
    (void)ctx;
    doc_heading(d, 1, "Two questions");
    doc_field(d, DOC_FIELD_LINE, "first", "First?");
    doc_field(d, DOC_FIELD_LINE, "second", "Second?");
    doc_action(d, CMD_SUBMIT, NULL, "Hand them in");
    doc_action(d, CMD_QUIT, NULL, "Finish");
}

static enum tui_outcome submit_event(void *ctx, const struct tui_event *ev)
{
    struct submit_host *h = ctx;
    h->fields += ev->cmd == CMD_FIELD_CHANGED;
    h->submitted += ev->cmd == CMD_SUBMIT;
    return ev->cmd == CMD_SUBMIT || ev->cmd == CMD_QUIT ? TUI_FINISHED : TUI_CONTINUE;
}

static void test_enter_hands_in(void)
{
    static const char in_text[] = "1\nOne\nTwo\n\n";
    struct submit_host h = {0};
    check_test_name = "Enter hands them in";
    char *out_text = run_page(&h, submit_build, submit_event, in_text, sizeof in_text - 1);
    CHECK_INT(h.fields, 2);
    CHECK_INT(h.submitted, 1);
    CHECK(strstr(out_text, "(Enter = 2,") != NULL);
    free(out_text);
}

/* ---- a table under a heading that changed is said again, though its rows did not ---- */

static void filter_build(void *ctx, struct doc *d)
{
    const struct submit_host *h = ctx;
    doc_heading(d, 1, "Skills");
    doc_heading(d, 2, h->fields ? "Only yours: 1" : "Every skill: 1");
    const char *cells[] = {"Skill", "Budgeting"};
    doc_table(d, NULL, 1, 2, cells);
    doc_action(d, CMD_OPEN, NULL, "Only yours");
    doc_action(d, CMD_QUIT, NULL, "Finish");
}

static enum tui_outcome filter_event(void *ctx, const struct tui_event *ev)
{
    struct submit_host *h = ctx;
    h->fields += ev->cmd == CMD_OPEN; /* the filter is on: same page, another heading */
    return ev->cmd == CMD_QUIT ? TUI_FINISHED : TUI_CONTINUE;
}

static void test_table_said_under_new_heading(void)
{
    static const char in_text[] = "1\n2\n";
    struct submit_host h = {0};
    check_test_name = "a table under a new heading";
    char *out_text = run_page(&h, filter_build, filter_event, in_text, sizeof in_text - 1);
    const char *first = strstr(out_text, "Skill: Budgeting");
    CHECK(first && strstr(first + 1, "Skill: Budgeting") != NULL);
    CHECK(strstr(out_text, "Only yours: 1") != NULL);
    free(out_text);
}

int main(void)
{
    struct fake f = {0};
    struct tui_host host = {.ctx = &f,
                            .build = build,
                            .event = event,
                            .generation = generation,
                            .message = message};
    FILE *in = fmemopen((void *)script, sizeof script - 1, "r");
    char *out_text = NULL;
    size_t out_len = 0;
    FILE *out = open_memstream(&out_text, &out_len);
    check_test_name = "plain transcript";
    CHECK_INT(tui_plain_run(&host, in, out), 0);
    fclose(in);
    fclose(out);

    const char *golden = DT_SOURCE_ROOT "/tests/golden/plain-renderer.txt";
    if (getenv("DT_UPDATE_GOLDEN")) {
        FILE *g = fopen(golden, "wb");
        fwrite(out_text, 1, out_len, g);
        fclose(g);
    }
    FILE *g = fopen(golden, "rb");
    char *want = calloc(1, 1 << 16);
    size_t want_len = g ? fread(want, 1, (1 << 16) - 1, g) : 0;
    if (g)
        fclose(g);
    if (!CHECK(want_len == out_len && memcmp(want, out_text, out_len) == 0)) {
        size_t i = 0;
        while (i < out_len && i < want_len && want[i] == out_text[i])
            i++;
        printf("#   first difference at byte %zu: got \"%.60s\"\n", i, out_text + i);
    }
    const char *bad = forbidden(out_text);
    if (!CHECK(bad == NULL))
        printf("#   forbidden byte at %zu\n", (size_t)(bad - out_text));
    CHECK(strstr(out_text, "Note: 1 byte that is not UTF-8 text was left out (is your terminal"
                           " set to UTF-8?).\n") != NULL);
    CHECK(strstr(out_text, "Note: 1 control or invisible character was left out: an answer"
                           " cannot hold one.\n") != NULL);
    CHECK(strstr(out_text, "Error: a name has at most 20 characters.") != NULL);
    CHECK(strstr(out_text, "Note: Name saved.") != NULL);
    CHECK(strstr(out_text, "Type a whole number from 0 to 80") != NULL);
    CHECK(strstr(out_text, "Error: use a point for decimals and commas only between thousands,"
                           " like 2,400.50.") != NULL);
    CHECK(strstr(out_text, "Error: type the number in digits, like 2400, 2,400 or 2400.50.") !=
          NULL);
    CHECK(strcmp(f.name, "Ada") == 0);
    CHECK(strcmp(f.story, "First line,\n broken\nsecond line.") == 0);
    CHECK(f.age == 42 && f.energy == 7);
    CHECK(f.place == 2 && f.landscapes == 5);
    CHECK(f.nitems == 3 && strcmp(f.items[2], "tester") == 0);
    free(out_text);
    free(want);
    test_cut();
    test_words_at_the_prompt();
    test_stops_keep_what_came_before();
    test_enter_hands_in();
    test_table_said_under_new_heading();
    return check_done();
}
