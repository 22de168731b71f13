/* The Markdown book of a user's writing (screens/book.c): headings in the workbook's order,
 * each kind of answer as its input shows it, the user's text sanitised and escaped so it makes
 * no Markdown structure, unanswered prompts left out, the tools' entries field by field, the
 * scores, the closing line, and the whole book against tests/golden/book-fixture.md
 * (DT_UPDATE_GOLDEN=1 rewrites it; review the diff before committing). */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "check.h"
#include "competencies.h"
#include "preferences.h"
#include "responses.h"
#include "seed.h"
#include "support.h"
#include "tools.h"
#include "transfer.h"

/* What a user might paste to break the file: a terminal escape, lines that would be a heading,
 * list items, a code fence, a table and a quote, a bidi override, raw HTML. */
#define HOSTILE                                                                                    \
    "\x1b[31mred\n# Heading\n- item\n1. item\n```\n| a | b |\n\xe2\x80\xae"                        \
    "evil\n> quote\n<script>x</script>\n2) also"

static void save(struct store *st, const char *user, const char *exercise, cJSON *answers)
{
    char *json = cJSON_PrintUnformatted(answers);
    if (!CHECK_INT(store_responses_save(st, user, exercise, json, NULL), DT_OK))
        printf("#   could not save %s\n", exercise);
    free(json);
    cJSON_Delete(answers);
}

/* An entry made at support_now + at seconds, in the tool itself or (origin) in an exercise. */
static void tool(struct store *st, const char *user, const char *type, const char *origin,
                 const char *json, int64_t at, char id[STORE_ID_LEN])
{
    store_set_now(st, support_now + at);
    if (!CHECK_INT(store_tools_create(st, user, type, origin, json, id), DT_OK))
        printf("#   could not create a %s entry\n", type);
    store_set_now(st, support_now);
}

/* A workbook with one answer of every kind, tools and a score. */
static void fill(struct store *st, const char *user)
{
    cJSON *a = cJSON_CreateObject();
    cJSON *jobs = cJSON_AddArrayToObject(a, "jobs");
    cJSON_AddItemToArray(jobs, cJSON_CreateString("baker"));
    cJSON_AddItemToArray(jobs, cJSON_CreateString("# not a heading"));
    cJSON_AddItemToArray(jobs, cJSON_CreateString(""));
    save(st, user, "1.1.1.v1", a);

    a = cJSON_CreateObject();
    cJSON_AddStringToObject(a, "story", HOSTILE);
    save(st, user, "1.1.2.v1", a);

    a = cJSON_CreateObject(); /* the ranking prompt left unanswered */
    cJSON_AddNumberToObject(a, "energy", 10);
    save(st, user, "1.1.3.v1", a);

    a = cJSON_CreateObject();
    cJSON_AddNumberToObject(a, "walk_away", 45000);
    cJSON_AddStringToObject(a, "old_key", "kept from before");
    save(st, user, "1.2.1.v1", a);

    a = cJSON_CreateObject();
    cJSON_AddStringToObject(a, "place", "Town");
    cJSON *places = cJSON_AddArrayToObject(a, "places");
    cJSON_AddItemToArray(places, cJSON_CreateString("Coast"));
    cJSON_AddItemToArray(places, cJSON_CreateString("Plains"));
    save(st, user, "1.2.2.v1", a);

    a = cJSON_CreateObject();
    cJSON_AddStringToObject(a, "flow", "Repairing bikes");
    save(st, user, "2.1.1.v1", a);

    a = cJSON_CreateObject();
    cJSON_AddStringToObject(a, "reframe",
                            "  First paragraph.\n\n\nSecond paragraph,\n    its second line.\n");
    save(st, user, "2.1.2.v1", a);

    char tree[STORE_ID_LEN], id[STORE_ID_LEN];
    tool(st, user, "idea-tree", "2.2.1.v1",
         "{\"root\":\"gardening\",\"ideas\":[{\"idea\":\"soil\",\"ideas\":[{\"idea\":"
         "\"compost\",\"ideas\":[{\"idea\":\"worms\"}]}]},{\"idea\":\"teaching\"}]}",
         50, tree);
    a = cJSON_CreateObject();
    cJSON *answer = cJSON_AddObjectToObject(a, "ideas");
    cJSON_AddStringToObject(answer, "tool", "idea-tree");
    cJSON_AddItemToArray(cJSON_AddArrayToObject(answer, "entries"), cJSON_CreateString(tree));
    save(st, user, "2.2.1.v1", a);

    /* made in the other order: the book lists the older first */
    tool(st, user, "list-builder", "standalone",
         "{\"title\":\"## Second #\",\"items\":[\"flour\",\"- water\",\"3. salt\"]}", 200, id);
    tool(st, user, "list-builder", "standalone", "{\"title\":\"First\"}", 100, id);
    tool(st, user, "list-builder", "standalone", "[1,2]", 300, id);
    tool(st, user, "ranking-grid", "standalone",
         "{\"title\":\"What matters\",\"items\":[\"rest\",\"pay\",\"people\"],\"choices\":["
         "{\"better\":\"pay\",\"worse\":\"rest\"},{\"better\":\"people\",\"worse\":\"rest\"},"
         "{\"better\":\"people\",\"worse\":\"pay\"}]}",
         400, id);
    tool(st, user, "flow-tracker", "standalone",
         "{\"date\":\"2026-11-20\",\"activity\":\"Fixing | the bike\",\"energy\":1,"
         "\"focus\":5,\"notes\":\"Lost track.\"}",
         500, id);
    CHECK_INT(store_competencies_save_score(st, user, "analytical-thinking", 4), DT_OK);
}

static char *book_of(struct store *st, const char *user)
{
    struct exchange x = {0};
    CHECK_INT(store_export_user(st, user, TRANSFER_CLEAR, &x), DT_OK);
    enum dt_status status = DT_DB;
    char *book = book_markdown(st, user, &x, &status);
    CHECK_INT(status, DT_OK);
    exchange_free(&x);
    if (!book) {
        printf("Bail out! no book\n");
        exit(1);
    }
    return book;
}

static void golden(const char *name, const char *got)
{
    char what[300];
    snprintf(what, sizeof what, "the book matches tests/golden/%s", name);
    support_golden(name, what, got);
}

/* Where a whole line is in the book (-1 when it is not). */
static long line_at(const char *book, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = book; p && *p;) {
        if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
            return p - book;
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    return -1;
}

static bool has_line(const char *book, const char *line)
{
    bool ok = line_at(book, line) >= 0;
    if (!ok)
        printf("#   no line: %s\n", line);
    return ok;
}

static void test_order(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    fill(st, user);
    char *book = book_of(st, user);
    static const char *const in_order[] = {
        "# My DreamTree workbook",
        "Exported 2026-11-25.",
        "## Part 1: Roots",
        "### Module 1.1: Skills",
        "#### Exercise 1.1.1: Every job",
        "#### Exercise 1.1.2: A story",
        "#### Exercise 1.1.3: Top skills",
        "### Module 1.2: Money",
        "#### Exercise 1.2.1: Budget",
        "#### Exercise 1.2.2: Where",
        "## Part 2: Trunk",
        "### Module 2.1: Light",
        "#### Exercise 2.1.1: Flow",
        "#### Exercise 2.1.2: Reframe",
        "### Module 2.2: Reach",
        "#### Exercise 2.2.1: Ideas",
        "## Tools",
        "### Lists (3)",
        "#### First",
        "#### \\#\\# Second \\#",
        "#### An entry of 2026-11-25",
        "### Rankings (1)",
        "#### What matters",
        "### Flow Logs (1)",
        "#### Fixing \\| the bike",
        "### Idea Trees (1)",
        "#### gardening",
        "## Competencies",
        "This file is not encrypted. Keep it somewhere only you can read.",
    };
    long last = -1;
    for (size_t i = 0; i < sizeof in_order / sizeof *in_order; i++) {
        long at = line_at(book, in_order[i]);
        if (!CHECK(at > last))
            printf("#   out of order or missing: %s\n", in_order[i]);
        last = at;
    }
    /* the closing line ends the book */
    const char *end = "Keep it somewhere only you can read.\n";
    CHECK(strlen(book) > strlen(end) && strcmp(book + strlen(book) - strlen(end), end) == 0);
    /* exercises without an answer are left out, and so is an unanswered prompt */
    CHECK(strstr(book, "Exercise 2.2.2") == NULL);
    CHECK(strstr(book, "Rank your skills.") == NULL);
    CHECK(strstr(book, "Budgets") == NULL); /* a tool without entries */
    golden("book-fixture.md", book);
    free(book);
    store_close(&st);
}

static void test_kinds(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    fill(st, user);
    char *book = book_of(st, user);
    /* list: bulleted, empty items left out */
    CHECK(has_line(book, "**What have you done?**"));
    CHECK(has_line(book, "- baker"));
    CHECK(has_line(book, "- \\# not a heading"));
    CHECK(strstr(book, "- \n") == NULL);
    /* slider: the number of the scale, and its stop's label */
    CHECK(has_line(book, "10 of 10 \xe2\x80\x94 Thriving"));
    CHECK(has_line(book, "1 on a scale of -2 to 2 \xe2\x80\x94 A little lifted"));
    CHECK(has_line(book, "5 of 5 \xe2\x80\x94 Lost track of time"));
    /* number, choice, choices, line, date */
    CHECK(has_line(book, "45000"));
    CHECK(has_line(book, "Town"));
    CHECK(has_line(book, "Coast; Plains"));
    CHECK(has_line(book, "Repairing bikes"));
    CHECK(has_line(book, "2026-11-20"));
    CHECK(has_line(book, "Fixing \\| the bike"));
    /* text: paragraphs, indentation dropped, a run of blank lines one break */
    CHECK(strstr(book, "\n\nFirst paragraph.\n\nSecond paragraph,\nits second line.\n\n") != NULL);
    /* a tool's prompt points to the tool */
    CHECK(has_line(book, "(in your Idea Trees, under Tools)"));
    /* answers no prompt asks for */
    CHECK(has_line(book, "**Other answers**"));
    CHECK(has_line(book, "- old_key: kept from before"));
    /* a tool entry, field by field: ordered items numbered and escaped */
    CHECK(has_line(book, "**What is the list of?**"));
    CHECK(has_line(book, "**The items, in the order you want them**"));
    CHECK(has_line(book, "1. flour"));
    CHECK(has_line(book, "2. \\- water"));
    CHECK(has_line(book, "3. 3\\. salt"));
    CHECK(has_line(book, "(an entry this version cannot show)"));
    /* the flow log's fields with their labels */
    CHECK(has_line(book, "**How did it leave your energy?**"));
    CHECK(has_line(book, "**Anything worth remembering about it?**"));
    CHECK(has_line(book, "Lost track."));
    /* the idea tree: a nested list */
    CHECK(has_line(book, "- soil"));
    CHECK(has_line(book, "  - compost"));
    CHECK(has_line(book, "    - worms"));
    CHECK(has_line(book, "- teaching"));
    /* the ranking's order */
    CHECK(has_line(book, "**Your order**"));
    CHECK(strstr(book, "1. people\n2. pay\n3. rest\n") != NULL);
    /* the scores */
    CHECK(has_line(book, "| Competency | Score | Assessed |"));
    CHECK(has_line(book, "| Analytical Thinking | 4 of 5 | 2026-11-25 |"));
    free(book);
    store_close(&st);
}

static void test_hostile(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    fill(st, user);
    char *book = book_of(st, user);
    /* no control character leaves but the newline */
    bool clean = true;
    for (const unsigned char *p = (const unsigned char *)book; *p; p++)
        if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
            clean = false;
    CHECK(clean);
    CHECK(strchr(book, '\x1b') == NULL);
    CHECK(strstr(book, "\xe2\x80\xae") == NULL);
    /* each line of the story reads as text */
    CHECK(has_line(book, "^[[31mred"));
    CHECK(has_line(book, "\\# Heading"));
    CHECK(has_line(book, "\\- item"));
    CHECK(has_line(book, "1\\. item"));
    CHECK(has_line(book, "\\```"));
    CHECK(has_line(book, "\\| a \\| b \\|"));
    CHECK(has_line(book, "<U+202E>evil"));
    CHECK(has_line(book, "\\> quote"));
    CHECK(has_line(book, "\\<script>x\\</script>"));
    CHECK(has_line(book, "2\\) also"));
    /* and none of the story's lines starts a block */
    const char *from = strstr(book, "#### Exercise 1.1.2");
    const char *to = from ? strstr(from + 1, "\n#### ") : NULL;
    CHECK(from && to);
    for (const char *line = from ? strchr(from, '\n') + 1 : NULL; line && line < to;) {
        size_t digits = strspn(line, "0123456789");
        bool starts = (strchr("#->|`+*=_~[", line[0]) != NULL && line[0] != '\n' &&
                       line[0] != '\0') ||
                      (line[0] == '<' && strncmp(line, "<U+", 3) != 0);
        bool ordered = digits > 0 && (line[digits] == '.' || line[digits] == ')');
        bool question = strncmp(line, "**Tell one story.**\n", 20) == 0;
        if (!CHECK(question || (!starts && !ordered)))
            printf("#   a line of the story starts a block: %.40s\n", line);
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    free(book);
    store_close(&st);
}

/* An answer to an exercise the workbook's sequence does not hold is kept, after the rest. */
static void test_other_exercise(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[\"baker\"]}", NULL), DT_OK);
    struct exchange x = {0};
    CHECK_INT(store_export_user(st, user, TRANSFER_CLEAR, &x), DT_OK);
    CHECK(x.nmodules == 1 && x.modules[0].nexercises == 1);
    if (x.nmodules == 1 && x.modules[0].nexercises == 1)
        strcpy(x.modules[0].exercises[0].full_exercise_id, "1.1.1.v9");
    enum dt_status status = DT_DB;
    char *book = book_markdown(st, NULL, &x, &status);
    CHECK_INT(status, DT_OK);
    CHECK(book && line_at(book, "## Part 1: Roots") < 0);
    CHECK(book && has_line(book, "## Other exercises"));
    CHECK(book && has_line(book, "#### Exercise 1.1.1.v9"));
    CHECK(book && has_line(book, "**Other answers**"));
    CHECK(book && has_line(book, "- jobs: baker"));
    CHECK(book && strstr(book, "## Tools") == NULL);
    free(book);
    exchange_free(&x);
    store_close(&st);
}

/* An empty workbook is the title, the date and the closing line. */
static void test_empty(void)
{
    struct store *st = support_store();
    char user[STORE_ID_LEN];
    support_user(st, user);
    char *book = book_of(st, user);
    CHECK_STR(book, "# My DreamTree workbook\n\nExported 2026-11-25.\n\n"
                    "This file is not encrypted. Keep it somewhere only you can read.\n");
    free(book);
    store_close(&st);
}

/* The book asks each exercise's questions as the person was asked them: in a variant group, the
 * group's wording; in none, the control's. */
static void test_variant_questions(void)
{
    struct store *st = support_store();
    struct seed_diags d = {0};
    CHECK_INT(seed_run(st, support_variant_content(), &d, NULL), DT_OK);
    seed_diags_free(&d);
    char user[STORE_ID_LEN], other[STORE_ID_LEN];
    support_user(st, user);
    support_user(st, other);
    CHECK_INT(store_preferences_set_variant(st, user, "variant_a"), DT_OK);
    CHECK_INT(store_responses_save(st, user, "1.1.1.v1", "{\"jobs\":[\"baker\"]}", NULL), DT_OK);
    CHECK_INT(store_responses_save(st, other, "1.1.1.v1", "{\"jobs\":[\"baker\"]}", NULL), DT_OK);
    char *book = book_of(st, user);
    CHECK(has_line(book, "**Variant A: which jobs, projects and courses?**"));
    CHECK(!has_line(book, "**Other answers**"));
    free(book);
    book = book_of(st, other);
    CHECK(!strstr(book, "Variant A"));
    CHECK(has_line(book, "- baker"));
    free(book);
    store_close(&st);
    support_content_remove();
}

int main(void)
{
    RUN(test_order);
    RUN(test_kinds);
    RUN(test_hostile);
    RUN(test_other_exercise);
    RUN(test_empty);
    RUN(test_variant_questions);
    return check_done();
}
