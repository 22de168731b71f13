/* The export file's reader and writer (db/exchange.c): a full file read, written and read
 * again to the same structs; the spec's own example; one refusal per rule, each with its exact
 * path and words; no text from the file in an error; the size, UTF-8, trailing-text and
 * nesting limits. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "exchange.h"
#include "oom.h"

#define U1 "0a1b2c3d-0000-4000-8000-000000000001"
#define U2 "0a1b2c3d-0000-4000-8000-000000000002"
#define U3 "0a1b2c3d-0000-4000-8000-000000000003"
#define U4 "0a1b2c3d-0000-4000-8000-000000000004"
#define U5 "0a1b2c3d-0000-4000-8000-000000000005"
#define HASH "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define T1 "2026-11-20T09:15:00Z"
#define T2 "2026-11-21T10:30:00Z"
/* A string no error may repeat: it stands for what a person wrote. */
#define MARKER "zebra-secret-7"

/* Every member of the format, with values that test the edges a little (escapes, non-ASCII,
 * nested arrays, null where null is allowed). */
static const char full_file[] =
    "{\n"
    "  \"version\": \"1.1\",\n"
    "  \"exported_at\": \"2026-11-25T12:00:00Z\",\n"
    "  \"settings\": {\"background_color\": \"sage\", \"text_color\": \"charcoal\",\n"
    "               \"font\": \"serif_2\", \"personality_type\": \"INTJ\"},\n"
    "  \"competency_scores\": [\n"
    "    {\"competency_id\": \"analytical-thinking\", \"score\": 4, \"assessed_at\": \"" T1 "\"},\n"
    "    {\"competency_id\": \"teamwork\", \"score\": 1, \"assessed_at\": \"" T2 "\"}\n"
    "  ],\n"
    "  \"modules\": {\n"
    "    \"1.1\": {\"first_completed_at\": \"" T1 "\", \"last_modified_at\": \"" T2 "\",\n"
    "      \"exercises\": {\n"
    "        \"1.1.1.v2\": {\"response_json\": {\"answer\": \"caf\\u00e9 \\\"quoted\\\"\",\n"
    "                     \"list\": [1, 2.5, true, null, [\"x\"]]},\n"
    "                     \"responded_at\": \"" T1 "\", \"skills\": [\"" U1 "\", \"" U2 "\"]},\n"
    "        \"1.1.2.v1\": {\"response_json\": [\"only\", \"an\", \"array\"],\n"
    "                     \"responded_at\": \"" T2 "\"}\n"
    "      }},\n"
    "    \"12.345\": {\"first_completed_at\": null, \"last_modified_at\": \"" T2 "\",\n"
    "      \"exercises\": {\"12.345.6.v789\": {\"response_json\": \"a bare string\",\n"
    "                                     \"responded_at\": \"" T2 "\", \"skills\": []}}}\n"
    "  },\n"
    "  \"tool_instances\": [\n"
    "    {\"id\": \"" U3 "\", \"tool_type\": \"soared-story\", \"origin\": \"1.1.1.v2\",\n"
    "     \"content_json\": {\"situation\": \"…\", \"outcome\": {\"n\": -3}}, \"content_hash\": \"" HASH
    "\",\n"
    "     \"skills\": [\"" U1 "\"], \"created_at\": \"" T1 "\", \"updated_at\": \"" T2 "\"},\n"
    "    {\"id\": \"" U4 "\", \"tool_type\": \"flow-tracker\", \"origin\": \"standalone\",\n"
    "     \"content_json\": {}, \"content_hash\": \"" HASH "\",\n"
    "     \"created_at\": \"" T2 "\", \"updated_at\": \"" T2 "\"}\n"
    "  ],\n"
    "  \"custom_skills\": [\n"
    "    {\"id\": \"" U5 "\", \"name\": \"Beekeeping ✓\", \"category\": \"knowledge\"},\n"
    "    {\"id\": \"" U2 "\", \"name\": \"Juggling\", \"category\": null},\n"
    "    {\"id\": \"" U1 "\", \"name\": \"Whittling\"}\n"
    "  ],\n"
    "  \"encryption\": {\"format\": \"dreamtree-envelope-1\", \"owner\": \"" U4 "\",\n"
    "                 \"wrapped_data_key\": {\"kdf\": \"argon2id\", \"salt\": \"AAAA\"}}\n"
    "}\n";

static enum dt_status parse_text(const char *text, struct exchange *x, char err[EXCHANGE_ERR_LEN])
{
    return exchange_parse(text, strlen(text), x, err);
}

static void check_skills(const struct exchange_skills *a, const struct exchange_skills *b)
{
    CHECK_INT(a->n, b->n);
    for (size_t i = 0; i < a->n && i < b->n; i++)
        CHECK_STR(a->ids[i], b->ids[i]);
}

/* Field by field: what was read from a file, and what was read from the file written from it. */
static void check_same(const struct exchange *a, const struct exchange *b)
{
    CHECK_STR(a->version, b->version);
    CHECK_STR(a->exported_at, b->exported_at);
    CHECK_INT(a->settings.present, b->settings.present);
    CHECK_STR(a->settings.background_color, b->settings.background_color);
    CHECK_STR(a->settings.text_color, b->settings.text_color);
    CHECK_STR(a->settings.font, b->settings.font);
    CHECK_STR(a->settings.personality_type, b->settings.personality_type);
    CHECK_INT(a->nscores, b->nscores);
    for (size_t i = 0; i < a->nscores && i < b->nscores; i++) {
        CHECK_STR(a->scores[i].competency_id, b->scores[i].competency_id);
        CHECK_INT(a->scores[i].score, b->scores[i].score);
        CHECK_STR(a->scores[i].assessed_at, b->scores[i].assessed_at);
    }
    CHECK_INT(a->nmodules, b->nmodules);
    for (size_t i = 0; i < a->nmodules && i < b->nmodules; i++) {
        const struct exchange_module *ma = &a->modules[i], *mb = &b->modules[i];
        CHECK_STR(ma->module_id, mb->module_id);
        CHECK_STR(ma->first_completed_at, mb->first_completed_at);
        CHECK_STR(ma->last_modified_at, mb->last_modified_at);
        CHECK_INT(ma->nexercises, mb->nexercises);
        for (size_t j = 0; j < ma->nexercises && j < mb->nexercises; j++) {
            CHECK_STR(ma->exercises[j].full_exercise_id, mb->exercises[j].full_exercise_id);
            CHECK_STR(ma->exercises[j].json, mb->exercises[j].json);
            CHECK_STR(ma->exercises[j].responded_at, mb->exercises[j].responded_at);
            check_skills(&ma->exercises[j].skills, &mb->exercises[j].skills);
        }
    }
    CHECK_INT(a->ntools, b->ntools);
    for (size_t i = 0; i < a->ntools && i < b->ntools; i++) {
        const struct exchange_tool *ta = &a->tools[i], *tb = &b->tools[i];
        CHECK_STR(ta->id, tb->id);
        CHECK_STR(ta->tool_type, tb->tool_type);
        CHECK_STR(ta->origin, tb->origin);
        CHECK_STR(ta->json, tb->json);
        CHECK_STR(ta->content_hash, tb->content_hash);
        check_skills(&ta->skills, &tb->skills);
        CHECK_STR(ta->created_at, tb->created_at);
        CHECK_STR(ta->updated_at, tb->updated_at);
    }
    CHECK_INT(a->ncustom_skills, b->ncustom_skills);
    for (size_t i = 0; i < a->ncustom_skills && i < b->ncustom_skills; i++) {
        CHECK_STR(a->custom_skills[i].id, b->custom_skills[i].id);
        CHECK_STR(a->custom_skills[i].name, b->custom_skills[i].name);
        CHECK_STR(a->custom_skills[i].category, b->custom_skills[i].category);
    }
    CHECK_INT(a->encryption.present, b->encryption.present);
    CHECK_STR(a->encryption.owner, b->encryption.owner);
    if (a->encryption.wrapped_data_key || b->encryption.wrapped_data_key)
        CHECK_STR(a->encryption.wrapped_data_key ? a->encryption.wrapped_data_key : "(none)",
                  b->encryption.wrapped_data_key ? b->encryption.wrapped_data_key : "(none)");
}

/* Writes x, reads the text back and compares; returns the text (free it). */
static char *round_trip(const struct exchange *x)
{
    char *text = exchange_write(x);
    size_t n = strlen(text);
    CHECK(n > 0 && text[n - 1] == '\n');
    struct exchange again;
    char err[EXCHANGE_ERR_LEN];
    CHECK_INT(exchange_parse(text, n, &again, err), DT_OK);
    CHECK_STR(err, "");
    check_same(x, &again);
    exchange_free(&again);
    return text;
}

static void test_full_file(void)
{
    struct exchange x;
    char err[EXCHANGE_ERR_LEN];
    CHECK_INT(parse_text(full_file, &x, err), DT_OK);
    CHECK_STR(err, "");
    CHECK_STR(x.version, "1.1");
    CHECK_STR(x.exported_at, "2026-11-25T12:00:00Z");
    CHECK(x.settings.present);
    CHECK_STR(x.settings.background_color, "sage");
    CHECK_STR(x.settings.text_color, "charcoal");
    CHECK_STR(x.settings.font, "serif_2");
    CHECK_STR(x.settings.personality_type, "INTJ");

    CHECK_INT(x.nscores, 2);
    CHECK_STR(x.scores[0].competency_id, "analytical-thinking");
    CHECK_INT(x.scores[0].score, 4);
    CHECK_STR(x.scores[0].assessed_at, T1);
    CHECK_INT(x.scores[1].score, 1);

    CHECK_INT(x.nmodules, 2);
    const struct exchange_module *m = &x.modules[0];
    CHECK_STR(m->module_id, "1.1");
    CHECK_STR(m->first_completed_at, T1);
    CHECK_STR(m->last_modified_at, T2);
    CHECK_INT(m->nexercises, 2);
    CHECK_STR(m->exercises[0].full_exercise_id, "1.1.1.v2");
    CHECK_STR(m->exercises[0].json,
              "{\"answer\":\"café \\\"quoted\\\"\",\"list\":[1,2.5,true,null,[\"x\"]]}");
    CHECK_STR(m->exercises[0].responded_at, T1);
    CHECK_INT(m->exercises[0].skills.n, 2);
    CHECK_STR(m->exercises[0].skills.ids[1], U2);
    CHECK_STR(m->exercises[1].json, "[\"only\",\"an\",\"array\"]");
    CHECK_INT(m->exercises[1].skills.n, 0);
    m = &x.modules[1];
    CHECK_STR(m->module_id, "12.345");
    CHECK_STR(m->first_completed_at, "");
    CHECK_STR(m->exercises[0].full_exercise_id, "12.345.6.v789");
    CHECK_STR(m->exercises[0].json, "\"a bare string\"");

    CHECK_INT(x.ntools, 2);
    CHECK_STR(x.tools[0].id, U3);
    CHECK_STR(x.tools[0].tool_type, "soared-story");
    CHECK_STR(x.tools[0].origin, "1.1.1.v2");
    CHECK_STR(x.tools[0].json, "{\"situation\":\"…\",\"outcome\":{\"n\":-3}}");
    CHECK_STR(x.tools[0].content_hash, HASH);
    CHECK_INT(x.tools[0].skills.n, 1);
    CHECK_STR(x.tools[0].skills.ids[0], U1);
    CHECK_STR(x.tools[0].created_at, T1);
    CHECK_STR(x.tools[0].updated_at, T2);
    CHECK_STR(x.tools[1].origin, "standalone");
    CHECK_STR(x.tools[1].json, "{}");
    CHECK_INT(x.tools[1].skills.n, 0);

    CHECK_INT(x.ncustom_skills, 3);
    CHECK_STR(x.custom_skills[0].name, "Beekeeping ✓");
    CHECK_STR(x.custom_skills[0].category, "knowledge");
    CHECK_STR(x.custom_skills[1].category, "");
    CHECK_STR(x.custom_skills[2].category, "");

    CHECK(x.encryption.present);
    CHECK_STR(x.encryption.owner, U4);
    CHECK_STR(x.encryption.wrapped_data_key, "{\"kdf\":\"argon2id\",\"salt\":\"AAAA\"}");

    char *text = round_trip(&x);
    /* the spec's order, and response_json written as a value, not a string */
    const char *order[] = {"\"version\"",           "\"exported_at\"", "\"settings\"",
                           "\"competency_scores\"", "\"modules\"",     "\"tool_instances\"",
                           "\"custom_skills\"",     "\"encryption\""};
    const char *at = text;
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        const char *next = strstr(text, order[i]);
        CHECK(next != NULL && next >= at);
        at = next ? next : at;
    }
    CHECK(strstr(text, "\"response_json\":\t{") != NULL);
    CHECK(strstr(text, "\"first_completed_at\":\tnull") != NULL);
    CHECK(strstr(text, "\"category\":\tnull") != NULL);
    /* every exercise and tool has its skills written, even when empty */
    CHECK(strstr(text, "\"skills\":\t[]") != NULL);
    free(text);
    exchange_free(&x);
    CHECK_INT(x.nmodules, 0);
    CHECK(x.modules == NULL && x.tools == NULL && x.encryption.wrapped_data_key == NULL);
    exchange_free(&x); /* twice is fine: it was emptied */
    exchange_free(NULL);
}

/* The example of the spec's section 9, with UUIDs for ids and a real 64-digit hash. */
static void test_spec_example(void)
{
    static const char example[] =
        "{\n  \"version\": \"1.1\",\n  \"exported_at\": \"2024-01-15T10:30:00Z\",\n  \n"
        "  \"settings\": {\n    \"background_color\": \"sage\",\n    \"text_color\": "
        "\"charcoal\",\n    \"font\": \"serif\",\n    \"personality_type\": \"INTJ\"\n  },\n  \n"
        "  \"competency_scores\": [\n    {\n      \"competency_id\": \"analytical-thinking\",\n"
        "      \"score\": 4,\n      \"assessed_at\": \"2024-01-12T14:00:00Z\"\n    }\n  ],\n  \n"
        "  \"modules\": {\n    \"1.1\": {\n      \"first_completed_at\": \"2024-01-10T14:20:00Z\",\n"
        "      \"last_modified_at\": \"2024-01-12T09:15:00Z\",\n      \"exercises\": {\n"
        "        \"1.1.1.v2\": {\n          \"response_json\": { \"answer\": \"...\" },\n"
        "          \"responded_at\": \"2024-01-10T14:22:00Z\",\n          \"skills\": [\"" U1
        "\", \"" U2 "\"]\n        }\n      }\n    }\n  },\n  \n  \"tool_instances\": [\n    {\n"
        "      \"id\": \"" U3 "\",\n      \"tool_type\": \"soared-story\",\n"
        "      \"origin\": \"2.3.1.v1\",\n"
        "      \"content_json\": { \"situation\": \"...\", \"outcome\": \"...\" },\n"
        "      \"content_hash\": \"" HASH "\",\n      \"skills\": [\"" U4 "\"],\n"
        "      \"created_at\": \"2024-01-11T16:00:00Z\",\n"
        "      \"updated_at\": \"2024-01-11T16:30:00Z\"\n    }\n  ],\n  \n"
        "  \"custom_skills\": [\n    {\n      \"id\": \"" U5
        "\",\n      \"name\": \"Beekeeping\",\n"
        "      \"category\": \"knowledge\"\n    }\n  ]\n}\n";
    struct exchange x;
    char err[EXCHANGE_ERR_LEN];
    CHECK_INT(parse_text(example, &x, err), DT_OK);
    CHECK_STR(err, "");
    CHECK_INT(x.nmodules, 1);
    CHECK_INT(x.modules[0].nexercises, 1);
    CHECK_STR(x.modules[0].exercises[0].json, "{\"answer\":\"...\"}");
    CHECK_STR(x.tools[0].origin, "2.3.1.v1");
    CHECK_STR(x.custom_skills[0].name, "Beekeeping");
    CHECK(!x.encryption.present);
    char *text = round_trip(&x);
    CHECK(strstr(text, "\"encryption\"") == NULL);
    free(text);
    exchange_free(&x);
}

static void test_empty_lists(void)
{
    struct exchange x;
    char err[EXCHANGE_ERR_LEN];
    CHECK_INT(parse_text("{\"version\":\"1.1\",\"exported_at\":\"" T1 "\",\"competency_scores\":[],"
                         "\"modules\":{},\"tool_instances\":[],\"custom_skills\":[]}",
                         &x, err),
              DT_OK);
    CHECK_STR(err, "");
    CHECK_INT(x.nscores + x.nmodules + x.ntools + x.ncustom_skills, 0);
    CHECK(!x.settings.present);
    char *text = round_trip(&x);
    CHECK(strstr(text, "\"settings\"") == NULL);
    CHECK(strstr(text, "\"competency_scores\":\t[]") != NULL);
    CHECK(strstr(text, "\"modules\":\t{") != NULL);
    free(text);
    exchange_free(&x);

    /* the optional lists may be left out; the file is the same */
    CHECK_INT(parse_text("{\"version\":\"1.1\",\"exported_at\":\"" T1 "\",\"tool_instances\":[],"
                         "\"custom_skills\":[]}  \n\t\r\n",
                         &x, err),
              DT_OK);
    CHECK_INT(x.nscores + x.nmodules, 0);
    exchange_free(&x);
}

/* ---- refusals ---- */

/* A ring of buffers for the documents the refusal tests build. */
static char *scratch(void)
{
    static char bufs[128][4096];
    static int next;
    return bufs[next++ % 128];
}

/* An object from key/value pairs (values as JSON text), with key set to value: replaced when
 * the key is there, added when not, left out when value is NULL. */
static const char *with(const char *const *pairs, const char *key, const char *value)
{
    char *out = scratch();
    size_t n = 0;
    bool done = false;
    n += (size_t)snprintf(out + n, 4096 - n, "{");
    for (size_t i = 0; pairs[i]; i += 2) {
        const char *v = pairs[i + 1];
        if (key && strcmp(pairs[i], key) == 0) {
            v = value;
            done = true;
        }
        if (v)
            n += (size_t)snprintf(out + n, 4096 - n, "%s\"%s\":%s", n > 1 ? "," : "", pairs[i], v);
    }
    if (key && !done && value)
        n += (size_t)snprintf(out + n, 4096 - n, "%s\"%s\":%s", n > 1 ? "," : "", key, value);
    snprintf(out + n, 4096 - n, "}");
    return out;
}

static const char *const file_pairs[] =
    {"version", "\"1.1\"",       "exported_at", "\"" T1 "\"", "tool_instances",
     "[]",      "custom_skills", "[]",          NULL};
static const char *const settings_pairs[] = {"background_color", "\"sage\"", "text_color",
                                             "\"charcoal\"",     "font",     "\"serif\"",
                                             "personality_type", "\"INTJ\"", NULL};
static const char *const score_pairs[] = {"competency_id", "\"teamwork\"", "score", "3",
                                          "assessed_at",   "\"" T1 "\"",   NULL};
static const char *const module_pairs[] =
    {"first_completed_at", "null", "last_modified_at", "\"" T1 "\"", "exercises", "{}", NULL};
static const char *const response_pairs[] =
    {"response_json", "{\"a\":1}", "responded_at", "\"" T1 "\"", "skills", "[]", NULL};
static const char *const tool_pairs[] =
    {"id",           "\"" U1 "\"", "tool_type",    "\"soared-story\"", "origin", "\"standalone\"",
     "content_json", "{}",         "content_hash", "\"" HASH "\"",     "skills", "[]",
     "created_at",   "\"" T1 "\"", "updated_at",   "\"" T2 "\"",       NULL};
static const char *const skill_pairs[] = {"id",       "\"" U1 "\"",    "name", "\"Beekeeping\"",
                                          "category", "\"knowledge\"", NULL};
static const char *const encryption_pairs[] =
    {"format", "\"dreamtree-envelope-1\"", "owner", "\"" U1 "\"", "wrapped_data_key", "{\"k\":1}",
     NULL};

/* The file with one top-level member set (NULL value: left out). */
static const char *file_with(const char *key, const char *value)
{
    return with(file_pairs, key, value);
}

static const char *fmt(const char *f, ...)
{
    char *out = scratch();
    va_list ap;
    va_start(ap, f);
    vsnprintf(out, 4096, f, ap);
    va_end(ap);
    return out;
}

/* A file whose module 1.1 holds exercise id with response. */
static const char *file_with_response(const char *id, const char *response)
{
    return file_with("modules", fmt("{\"1.1\":%s}", with(module_pairs, "exercises",
                                                         fmt("{\"%s\":%s}", id, response))));
}

static void refuses_at(int line, const char *text, const char *want)
{
    struct exchange x;
    memset(&x, 0x5a, sizeof x); /* *out must come back empty whatever it held */
    char err[EXCHANGE_ERR_LEN];
    enum dt_status s = exchange_parse(text, strlen(text), &x, err);
    char what[64];
    snprintf(what, sizeof what, "refused (line %d)", line);
    check_at(__FILE__, line, s == DT_INVALID, what);
    check_str_at(__FILE__, line, err, want, "the error");
    check_at(__FILE__, line,
             x.modules == NULL && x.tools == NULL && x.nscores == 0 && !x.encryption.present &&
                 x.version[0] == '\0',
             "*out left empty");
    exchange_free(&x);
}
#define REFUSES(text, want) refuses_at(__LINE__, (text), (want))

static void test_refuses_the_file(void)
{
    REFUSES("", "$: the file is not valid JSON (line 1, column 1)");
    REFUSES("{\"version\":\"1.1\",\n  \"exported_at\": oops}",
            "$: the file is not valid JSON (line 2, column 18)");
    REFUSES("[]", "$: the file is not a JSON object");
    REFUSES("\"1.1\"", "$: the file is not a JSON object");
    REFUSES(fmt("%s x", file_with(NULL, NULL)),
            "$: something follows the JSON object (line 1, column 95)");
    REFUSES(fmt("%s{}", file_with(NULL, NULL)),
            "$: something follows the JSON object (line 1, column 94)");
    REFUSES("{\"version\":\"1.1\"}\n\x01", "$: the file is not valid JSON: a control character "
                                           "(line 2, column 1)");
    /* a raw tab inside a string is not JSON either */
    REFUSES(file_with("custom_skills", fmt("[%s]", with(skill_pairs, "name", "\"a\tb\""))),
            "$: the file is not valid JSON: a control character (line 1, column 146)");
    REFUSES(file_with("custom_skills", fmt("[%s]", with(skill_pairs, "name", "\"a\\u0000b\""))),
            "$: the file holds \\u0000, which dreamtree cannot keep (line 1, column 146)");
    /* an escaped backslash before u0000 is just text */
    struct exchange x;
    char err[EXCHANGE_ERR_LEN];
    CHECK_INT(parse_text(file_with("custom_skills",
                                   fmt("[%s]", with(skill_pairs, "name", "\"a\\\\u0000b\""))),
                         &x, err),
              DT_OK);
    CHECK_STR(x.custom_skills[0].name, "a\\u0000b");
    exchange_free(&x);
}

static void test_refuses_bad_utf8(void)
{
    REFUSES(file_with("custom_skills", fmt("[%s]", with(skill_pairs, "name", "\"caf\xe9\""))),
            "$: the file is not UTF-8 text");
    /* an overlong '/', a UTF-16 surrogate written as UTF-8, a cut sequence */
    REFUSES("{\"version\":\"\xc0\xaf\"}", "$: the file is not UTF-8 text");
    REFUSES("{\"version\":\"\xed\xa0\x80\"}", "$: the file is not UTF-8 text");
    REFUSES("{\"version\":\"1.1\"}\xe2\x9c", "$: the file is not UTF-8 text");
    /* a lone surrogate as an escape would decode to no UTF-8 at all */
    REFUSES(file_with("custom_skills", fmt("[%s]", with(skill_pairs, "name", "\"\\udc00\""))),
            "$: the file is not valid JSON (line 1, column 145)");
}

static void test_refuses_too_large(void)
{
    /* the length alone decides: the text is a few bytes, so reading past them would be caught
     * by the sanitizers; nothing is read */
    struct exchange x;
    char err[EXCHANGE_ERR_LEN];
    const char *tiny = "{}";
    CHECK_INT(exchange_parse(tiny, EXCHANGE_MAX_BYTES + 1u, &x, err), DT_INVALID);
    CHECK_STR(err, "$: the file is larger than 64 MiB");
    CHECK(x.modules == NULL);
}

static void test_refuses_deep_nesting(void)
{
    size_t depth = 10000;
    char *deep = dt_oom_malloc(2 * depth + 1);
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    deep[2 * depth] = '\0';
    struct exchange x;
    char err[EXCHANGE_ERR_LEN];
    CHECK_INT(parse_text(deep, &x, err), DT_INVALID);
    CHECK(strncmp(err, "$: the file is not valid JSON (line 1, column ", 46) == 0);

    /* as a response, and with objects: cJSON stops at its nesting limit (1000) */
    char *doc = dt_oom_malloc(20 * depth + 4096);
    char *p = doc;
    p += sprintf(p, "{\"version\":\"1.1\",\"exported_at\":\"" T1
                    "\",\"tool_instances\":[],\"custom_skills\":[],\"modules\":{\"1.1\":{"
                    "\"last_modified_at\":\"" T1 "\",\"exercises\":{\"1.1.1.v1\":{"
                    "\"responded_at\":\"" T1 "\",\"response_json\":");
    for (size_t i = 0; i < depth; i++)
        p += sprintf(p, "{\"a\":");
    p += sprintf(p, "1");
    for (size_t i = 0; i < depth; i++)
        *p++ = '}';
    sprintf(p, "}}}}}");
    CHECK_INT(parse_text(doc, &x, err), DT_INVALID);
    CHECK(strncmp(err, "$: the file is not valid JSON (line 1, column ", 46) == 0);
    free(doc);
    free(deep);
}

static void test_refuses_top_level(void)
{
    REFUSES(file_with("version", "\"2.0\""),
            "$.version: this file is version 2.0; dreamtree reads 1.1");
    REFUSES(file_with("version", "\"1.0\""),
            "$.version: this file is version 1.0; dreamtree reads 1.1");
    REFUSES(file_with("version", "\"" MARKER "\""),
            "$.version: this file's version is not one dreamtree reads (1.1)");
    REFUSES(file_with("version", "\"1.1.1.1.1\""),
            "$.version: this file's version is not one dreamtree reads (1.1)");
    REFUSES(file_with("version", "1.1"), "$.version: not a string");
    /* a newer file says so before its new members are refused */
    REFUSES(fmt("{\"version\":\"1.2\",\"wishes\":[]}"),
            "$.version: this file is version 1.2; dreamtree reads 1.1");
    REFUSES(file_with("version", NULL), "$.version: missing");
    REFUSES(file_with("exported_at", NULL), "$.exported_at: missing");
    REFUSES(file_with("tool_instances", NULL), "$.tool_instances: missing");
    REFUSES(file_with("custom_skills", NULL), "$.custom_skills: missing");
    REFUSES(file_with("colour", "1"), "$.colour: not a member of an export file");
    REFUSES(file_with("Version", "\"1.1\""), "$[4]: not a member of an export file");
    REFUSES(fmt("{\"version\":\"1.1\",\"version\":\"1.1\"}"),
            "$.version: this member appears twice");
    REFUSES(file_with("tool_instances", "{}"), "$.tool_instances: not an array");
    REFUSES(file_with("custom_skills", "null"), "$.custom_skills: not an array");
    REFUSES(file_with("competency_scores", "{}"), "$.competency_scores: not an array");
    REFUSES(file_with("modules", "[]"), "$.modules: not an object");
    REFUSES(file_with("settings", "\"sage\""), "$.settings: not an object");
    REFUSES(file_with("encryption", "[]"), "$.encryption: not an object");
}

static void test_refuses_times(void)
{
    const char *bad[] = {"\"2026-11-25\"",
                         "\"2026-11-25T12:00:00\"",
                         "\"2026-11-25 12:00:00Z\"",
                         "\"2026-11-25T12:00:00.5Z\"",
                         "\"2026-02-30T12:00:00Z\"",
                         "\"2026-11-25T24:00:00Z\"",
                         "\"2026-1-25T12:00:00Z\"",
                         "\"+026-11-25T12:00:00Z\"",
                         "\"2026-11-25T12:00:00Z \"",
                         "20261125",
                         "null"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        REFUSES(file_with("exported_at", bad[i]), "$.exported_at: not an ISO 8601 UTC time");
    REFUSES(file_with("tool_instances", fmt("[%s,%s]", with(tool_pairs, NULL, NULL),
                                            with(tool_pairs, "created_at", "\"yesterday\""))),
            "$.tool_instances[1].created_at: not an ISO 8601 UTC time");
    REFUSES(file_with_response("1.1.1.v1", with(response_pairs, "responded_at", "\"2026\"")),
            "$.modules[\"1.1\"].exercises[\"1.1.1.v1\"].responded_at: not an ISO 8601 UTC time");
    REFUSES(file_with("modules", fmt("{\"1.1\":%s}", with(module_pairs, "first_completed_at",
                                                          "\"2026-13-01T00:00:00Z\""))),
            "$.modules[\"1.1\"].first_completed_at: not an ISO 8601 UTC time or null");
    /* a leap day is a real day */
    struct exchange x;
    char err[EXCHANGE_ERR_LEN];
    CHECK_INT(parse_text(file_with("exported_at", "\"2028-02-29T23:59:59Z\""), &x, err), DT_OK);
    exchange_free(&x);
}

static void test_refuses_settings(void)
{
    REFUSES(file_with("settings", with(settings_pairs, "font", "\"Serif\"")),
            "$.settings.font: not a setting (1 to 31 characters a-z, 0-9, _ and -)");
    REFUSES(file_with("settings", with(settings_pairs, "font", "\"\"")),
            "$.settings.font: not a setting (1 to 31 characters a-z, 0-9, _ and -)");
    REFUSES(file_with("settings",
                      with(settings_pairs, "text_color", "\"abcdefghijabcdefghijabcdefghij12\"")),
            "$.settings.text_color: not a setting (1 to 31 characters a-z, 0-9, _ and -)");
    REFUSES(file_with("settings", with(settings_pairs, "background_color", "7")),
            "$.settings.background_color: not a setting (1 to 31 characters a-z, 0-9, _ and -)");
    REFUSES(file_with("settings", with(settings_pairs, "background_color", NULL)),
            "$.settings.background_color: missing");
    REFUSES(file_with("settings", with(settings_pairs, "personality_type", "\"intj\"")),
            "$.settings.personality_type: not a personality type (4 letters A-Z) or null");
    REFUSES(file_with("settings", with(settings_pairs, "personality_type", "\"INTJX\"")),
            "$.settings.personality_type: not a personality type (4 letters A-Z) or null");
    REFUSES(file_with("settings", with(settings_pairs, "colour", "\"red\"")),
            "$.settings.colour: not a member of an export file");
    struct exchange x;
    char err[EXCHANGE_ERR_LEN];
    CHECK_INT(parse_text(file_with("settings", with(settings_pairs, "personality_type", "null")),
                         &x, err),
              DT_OK);
    CHECK_STR(x.settings.personality_type, "");
    CHECK_STR(x.settings.font, "serif");
    exchange_free(&x);
}

static void test_refuses_scores(void)
{
    const char *score_words = "not a whole number from 1 to 5";
    const char *bad[] = {"0", "6", "3.5", "\"3\"", "-1", "null", "1e400"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        REFUSES(file_with("competency_scores", fmt("[%s]", with(score_pairs, "score", bad[i]))),
                fmt("$.competency_scores[0].score: %s", score_words));
    REFUSES(file_with("competency_scores",
                      fmt("[%s]", with(score_pairs, "competency_id", "\"Team work\""))),
            "$.competency_scores[0].competency_id: not a competency id (1 to 63 characters a-z, "
            "0-9 and -)");
    REFUSES(file_with("competency_scores",
                      fmt("[%s]", with(score_pairs, "competency_id",
                                       "\"a123456789a123456789a123456789a123456789a123456789a12345"
                                       "6789abcd\""))),
            "$.competency_scores[0].competency_id: not a competency id (1 to 63 characters a-z, "
            "0-9 and -)");
    REFUSES(file_with("competency_scores", fmt("[%s,%s,%s]", with(score_pairs, NULL, NULL),
                                               with(score_pairs, "competency_id", "\"other\""),
                                               with(score_pairs, "score", "5"))),
            "$.competency_scores[2].competency_id: this competency is scored twice");
    REFUSES(file_with("competency_scores", "[3]"), "$.competency_scores[0]: not an object");
    REFUSES(file_with("competency_scores", fmt("[%s]", with(score_pairs, "assessed_at", NULL))),
            "$.competency_scores[0].assessed_at: missing");
}

static void test_refuses_modules(void)
{
    REFUSES(file_with("modules", fmt("{\"1\":%s}", with(module_pairs, NULL, NULL))),
            "$.modules[0]: not a module id (part.module, e.g. 1.1)");
    REFUSES(file_with("modules", fmt("{\"1.1\":%s,\"1.1234\":%s}", with(module_pairs, NULL, NULL),
                                     with(module_pairs, NULL, NULL))),
            "$.modules[1]: not a module id (part.module, e.g. 1.1)");
    REFUSES(file_with("modules", fmt("{\"1.1\":%s,\"1.1\":%s}", with(module_pairs, NULL, NULL),
                                     with(module_pairs, NULL, NULL))),
            "$.modules[\"1.1\"]: this module appears twice");
    REFUSES(file_with("modules", fmt("{\"1.1\":%s}", with(module_pairs, "colour", "1"))),
            "$.modules[\"1.1\"].colour: not a member of an export file");
    REFUSES(file_with("modules", fmt("{\"1.1\":%s}", with(module_pairs, "exercises", "[]"))),
            "$.modules[\"1.1\"].exercises: not an object");
    REFUSES(file_with("modules", fmt("{\"1.1\":%s}", with(module_pairs, "last_modified_at", NULL))),
            "$.modules[\"1.1\"].last_modified_at: missing");
    REFUSES(file_with("modules", "{\"1.1\":[]}"), "$.modules[\"1.1\"]: not an object");

    const char *ok = with(response_pairs, NULL, NULL);
    REFUSES(file_with_response("2.1.1.v1", ok),
            "$.modules[\"1.1\"].exercises[\"2.1.1.v1\"]: exercise 2.1.1.v1 is not in module 1.1");
    REFUSES(file_with_response("1.11.1.v1", ok),
            "$.modules[\"1.1\"].exercises[\"1.11.1.v1\"]: exercise 1.11.1.v1 is not in module 1.1");
    REFUSES(file_with_response("1.1.1", ok),
            "$.modules[\"1.1\"].exercises[0]: not an exercise id (part.module.exercise.vN, e.g. "
            "1.1.1.v1)");
    REFUSES(file_with_response("1.1.1.v", ok),
            "$.modules[\"1.1\"].exercises[0]: not an exercise id (part.module.exercise.vN, e.g. "
            "1.1.1.v1)");
    REFUSES(file_with("modules",
                      fmt("{\"1.1\":%s}", with(module_pairs, "exercises",
                                               fmt("{\"1.1.1.v1\":%s,\"1.1.1.v1\":%s}", ok, ok)))),
            "$.modules[\"1.1\"].exercises[\"1.1.1.v1\"]: this exercise appears twice");
    REFUSES(file_with_response("1.1.1.v1", with(response_pairs, "response_json", "null")),
            "$.modules[\"1.1\"].exercises[\"1.1.1.v1\"].response_json: null is not a response");
    REFUSES(file_with_response("1.1.1.v1", with(response_pairs, "response_json", "1e999")),
            "$.modules[\"1.1\"].exercises[\"1.1.1.v1\"].response_json: a number too large to "
            "keep");
    REFUSES(file_with_response("1.1.1.v1", with(response_pairs, "response_json", NULL)),
            "$.modules[\"1.1\"].exercises[\"1.1.1.v1\"].response_json: missing");
    REFUSES(file_with_response("1.1.1.v1", with(response_pairs, "skills", "\"" U1 "\"")),
            "$.modules[\"1.1\"].exercises[\"1.1.1.v1\"].skills: not an array");
    REFUSES(file_with_response("1.1.1.v1", with(response_pairs, "skills",
                                                "[\"" U1 "\",\"" U2 "\",\"" U1 "\"]")),
            "$.modules[\"1.1\"].exercises[\"1.1.1.v1\"].skills[2]: this skill is listed twice");
    REFUSES(file_with_response("1.1.1.v1",
                               with(response_pairs, "skills", "[\"" U1 "\",\"skill-uuid-1\"]")),
            "$.modules[\"1.1\"].exercises[\"1.1.1.v1\"].skills[1]: not an id (a UUID in "
            "lowercase hex, 8-4-4-4-12)");
    REFUSES(file_with_response("1.1.1.v1", with(response_pairs, "note", "\"x\"")),
            "$.modules[\"1.1\"].exercises[\"1.1.1.v1\"].note: not a member of an export file");

    /* any JSON value but null is a response; it is kept compact */
    struct exchange x;
    char err[EXCHANGE_ERR_LEN];
    CHECK_INT(parse_text(file_with_response("1.1.1.v1",
                                            with(response_pairs, "response_json", " 42 ")),
                         &x, err),
              DT_OK);
    CHECK_STR(x.modules[0].exercises[0].json, "42");
    CHECK_STR(x.modules[0].first_completed_at, "");
    exchange_free(&x);
}

static void test_refuses_uuids(void)
{
    const char *bad[] = {"\"0A1B2C3D-0000-4000-8000-000000000001\"",
                         "\"0a1b2c3d00004000800000000000000001\"",
                         "\"0a1b2c3d-0000-4000-8000-00000000001\"",
                         "\"0a1b2c3d-0000-4000-8000-0000000000012\"",
                         "\"{0a1b2c3d-0000-4000-8000-000000000001}\"",
                         "\"0a1b2c3d-0000-4000-8000-00000000000g\"",
                         "7"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        REFUSES(file_with("tool_instances", fmt("[%s]", with(tool_pairs, "id", bad[i]))),
                "$.tool_instances[0].id: not an id (a UUID in lowercase hex, 8-4-4-4-12)");
}

static void test_refuses_tools(void)
{
    const char *t0 = with(tool_pairs, NULL, NULL);
    REFUSES(file_with("tool_instances",
                      fmt("[%s,%s,%s]", t0, with(tool_pairs, "id", "\"" U2 "\""), t0)),
            "$.tool_instances[2].id: another tool instance has this id");
    REFUSES(file_with("tool_instances", fmt("[%s]", with(tool_pairs, "tool_type", "\"Soared\""))),
            "$.tool_instances[0].tool_type: not a tool type (1 to 47 characters a-z, 0-9 and -)");
    REFUSES(file_with("tool_instances",
                      fmt("[%s]", with(tool_pairs, "tool_type", "\"soared_story\""))),
            "$.tool_instances[0].tool_type: not a tool type (1 to 47 characters a-z, 0-9 and -)");
    REFUSES(file_with("tool_instances", fmt("[%s]", with(tool_pairs, "origin", "\"1.1\""))),
            "$.tool_instances[0].origin: not \"standalone\" or an exercise id (e.g. 1.1.1.v1)");
    REFUSES(file_with("tool_instances", fmt("[%s]", with(tool_pairs, "origin", "null"))),
            "$.tool_instances[0].origin: not \"standalone\" or an exercise id (e.g. 1.1.1.v1)");
    REFUSES(file_with("tool_instances", fmt("[%s]", with(tool_pairs, "content_json", "[1]"))),
            "$.tool_instances[0].content_json: not an object");
    REFUSES(file_with("tool_instances", fmt("[%s]", with(tool_pairs, "content_json", "\"{}\""))),
            "$.tool_instances[0].content_json: not an object");
    REFUSES(file_with("tool_instances",
                      fmt("[%s]", with(tool_pairs, "content_hash", "\"sha256...\""))),
            "$.tool_instances[0].content_hash: not a SHA-256 hash (64 lowercase hex digits)");
    REFUSES(file_with("tool_instances",
                      fmt("[%s]", with(tool_pairs, "content_hash",
                                       "\"0123456789ABCDEF0123456789abcdef0123456789abcdef01234567"
                                       "89abcdef\""))),
            "$.tool_instances[0].content_hash: not a SHA-256 hash (64 lowercase hex digits)");
    REFUSES(file_with("tool_instances", fmt("[%s]", with(tool_pairs, "skills", "[null]"))),
            "$.tool_instances[0].skills[0]: not an id (a UUID in lowercase hex, 8-4-4-4-12)");
    REFUSES(file_with("tool_instances", fmt("[%s]", with(tool_pairs, "updated_at", NULL))),
            "$.tool_instances[0].updated_at: missing");
    REFUSES(file_with("tool_instances", fmt("[%s]", with(tool_pairs, "ID", "\"x\""))),
            "$.tool_instances[0][8]: not a member of an export file");
    REFUSES(file_with("tool_instances", "[[]]"), "$.tool_instances[0]: not an object");
}

static void test_refuses_custom_skills(void)
{
    const char *s0 = with(skill_pairs, NULL, NULL);
    REFUSES(file_with("custom_skills", fmt("[%s,%s]", s0, s0)),
            "$.custom_skills[1].id: another custom skill has this id");
    const char *words = "not a skill name (1 to 255 bytes, no control characters)";
    char long_name[300];
    memset(long_name, 'a', sizeof long_name);
    long_name[0] = '"';
    long_name[257] = '"';
    long_name[258] = '\0'; /* 256 bytes between the quotes */
    const char *bad[] = {"\"\"",    "\"a\\tb\"", "\"a\\u007fb\"", "\"a\\u0085b\"", "\"a\xc2\x9f\"",
                         long_name, "1",         "null"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        REFUSES(file_with("custom_skills", fmt("[%s]", with(skill_pairs, "name", bad[i]))),
                fmt("$.custom_skills[0].name: %s",
                    strcmp(bad[i], "1") == 0 || strcmp(bad[i], "null") == 0 ? "not a string"
                                                                            : words));
    long_name[256] = '"';
    long_name[257] = '\0'; /* 255 bytes: fine */
    struct exchange x;
    char err[EXCHANGE_ERR_LEN];
    CHECK_INT(parse_text(file_with("custom_skills",
                                   fmt("[%s]", with(skill_pairs, "name", long_name))),
                         &x, err),
              DT_OK);
    CHECK_INT(strlen(x.custom_skills[0].name), 255);
    exchange_free(&x);
    REFUSES(file_with("custom_skills", fmt("[%s]", with(skill_pairs, "category", "\"hobby\""))),
            "$.custom_skills[0].category: not \"transferable\", \"self_management\", "
            "\"knowledge\" or null");
    REFUSES(file_with("custom_skills", fmt("[%s]", with(skill_pairs, "id", NULL))),
            "$.custom_skills[0].id: missing");
}

static void test_refuses_encryption(void)
{
    REFUSES(file_with("encryption", with(encryption_pairs, "format", "\"dreamtree-envelope-2\"")),
            "$.encryption.format: not \"dreamtree-envelope-1\", the one format dreamtree reads");
    REFUSES(file_with("encryption", with(encryption_pairs, "owner", "\"me\"")),
            "$.encryption.owner: not an id (a UUID in lowercase hex, 8-4-4-4-12)");
    REFUSES(file_with("encryption", with(encryption_pairs, "wrapped_data_key", "\"k\"")),
            "$.encryption.wrapped_data_key: not an object");
    REFUSES(file_with("encryption", with(encryption_pairs, "password_hash", "\"x\"")),
            "$.encryption.password_hash: not a member of an export file");
    REFUSES(file_with("encryption", with(encryption_pairs, "owner", NULL)),
            "$.encryption.owner: missing");
}

/* The value limits with a real 8 MiB value would need a big file: checked once here. */
static void test_value_limits(void)
{
    size_t n = EXCHANGE_MAX_VALUE + 64;
    char *doc = dt_oom_malloc(n + 1024);
    struct exchange x;
    char err[EXCHANGE_ERR_LEN];
    /* the wrapped key: {"k":"..."} is 8 bytes around the letters, so 4088 letters make 4096 */
    int head = sprintf(doc, "{\"version\":\"1.1\",\"exported_at\":\"" T1
                            "\",\"custom_skills\":[],\"encryption\":{\"format\":"
                            "\"dreamtree-envelope-1\",\"owner\":\"" U1
                            "\",\"wrapped_data_key\":{\"k\":\"");
    memset(doc + head, 'a', 4088);
    sprintf(doc + head + 4088, "\"}},\"tool_instances\":[]}");
    CHECK_INT(parse_text(doc, &x, err), DT_OK);
    CHECK_STR(err, "");
    CHECK_INT(x.encryption.wrapped_data_key ? strlen(x.encryption.wrapped_data_key) : 0, 4096);
    exchange_free(&x);
    memset(doc + head, 'a', 4089);
    sprintf(doc + head + 4089, "\"}},\"tool_instances\":[]}");
    REFUSES(doc, "$.encryption.wrapped_data_key: larger than 4096 bytes written compactly");

    head = sprintf(doc, "{\"version\":\"1.1\",\"exported_at\":\"" T1
                        "\",\"custom_skills\":[],\"tool_instances\":[{\"id\":\"" U1
                        "\",\"tool_type\":\"t\",\"origin\":\"standalone\",\"content_hash\":\"" HASH
                        "\",\"created_at\":\"" T1 "\",\"updated_at\":\"" T1
                        "\",\"content_json\":{\"k\":\"");
    size_t letters = EXCHANGE_MAX_VALUE - 8;
    memset(doc + head, 'a', letters);
    sprintf(doc + head + letters, "\"}}]}");
    CHECK_INT(parse_text(doc, &x, err), DT_OK);
    CHECK_INT(x.ntools == 1 ? strlen(x.tools[0].json) : 0, EXCHANGE_MAX_VALUE);
    exchange_free(&x);
    memset(doc + head, 'a', letters + 1);
    sprintf(doc + head + letters + 1, "\"}}]}");
    REFUSES(doc, "$.tool_instances[0].content_json: larger than 8388608 bytes written compactly");
    free(doc);
}

/* Lists beyond EXCHANGE_MAX_ITEMS: a skills list of that many ids plus one. */
static void test_item_limit(void)
{
    size_t n = EXCHANGE_MAX_ITEMS + 1u;
    char *doc = dt_oom_malloc(n * 40 + 1024);
    char *p = doc;
    p += sprintf(p, "{\"version\":\"1.1\",\"exported_at\":\"" T1
                    "\",\"custom_skills\":[],\"tool_instances\":[{\"id\":\"" U1
                    "\",\"tool_type\":\"t\",\"origin\":\"standalone\",\"content_hash\":\"" HASH
                    "\",\"created_at\":\"" T1 "\",\"updated_at\":\"" T1
                    "\",\"content_json\":{},\"skills\":[");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%s\"0a1b2c3d-0000-4000-8000-%012zx\"", i ? "," : "", i);
    sprintf(p, "]}]}");
    REFUSES(doc, "$.tool_instances[0].skills: more than 100000 items");
    /* one fewer is fine */
    char *last = strrchr(doc, ',');
    strcpy(last, "]}]}");
    struct exchange x;
    char err[EXCHANGE_ERR_LEN];
    CHECK_INT(parse_text(doc, &x, err), DT_OK);
    CHECK_INT(x.ntools == 1 ? x.tools[0].skills.n : 0, EXCHANGE_MAX_ITEMS);
    exchange_free(&x);
    free(doc);
}

/* What a person wrote, in a value or as a key, never reaches the error. */
static void test_no_user_text_in_errors(void)
{
    const char *files[] = {
        file_with(MARKER, "1"),
        file_with("modules", "{\"" MARKER "\":{}}"),
        file_with_response(MARKER, with(response_pairs, NULL, NULL)),
        file_with_response("1.1.1.v1", with(response_pairs, MARKER, "1")),
        file_with("custom_skills", fmt("[%s]", with(skill_pairs, "category", "\"" MARKER "\""))),
        file_with("custom_skills", fmt("[%s]", with(skill_pairs, "name", "\"" MARKER "\\u0001\""))),
        file_with("tool_instances", fmt("[%s]", with(tool_pairs, "id", "\"" MARKER "\""))),
        file_with("tool_instances", fmt("[%s]", with(tool_pairs, "origin", "\"" MARKER "\""))),
        file_with("tool_instances", fmt("[%s]", with(tool_pairs, "tool_type", "\"" MARKER "!\""))),
        file_with("exported_at", "\"" MARKER "\""),
        file_with("version", "\"" MARKER "\""),
        file_with("settings", with(settings_pairs, "font", "\"" MARKER " \"")),
        file_with("settings", with(settings_pairs, "personality_type", "\"" MARKER "\"")),
        file_with("competency_scores",
                  fmt("[%s]", with(score_pairs, "competency_id", "\"" MARKER "!\""))),
        fmt("{\"" MARKER "\": 1 2}"),
        fmt("%s" MARKER, file_with(NULL, NULL)),
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        struct exchange x;
        char err[EXCHANGE_ERR_LEN];
        CHECK_INT(parse_text(files[i], &x, err), DT_INVALID);
        CHECK(err[0] == '$' && strstr(err, MARKER) == NULL && strstr(err, "zebra") == NULL);
    }
}

/* The writer on structs that did not come from a file: empty times and types become null, and a
 * text that is not JSON (a bug upstream) becomes null rather than a broken file. */
static void test_write_from_structs(void)
{
    struct exchange x = {.version = "1.1", .exported_at = T1};
    struct exchange_response r = {.full_exercise_id = "1.1.1.v1",
                                  .json = "{not json",
                                  .responded_at = T1};
    struct exchange_module m = {.module_id = "1.1",
                                .last_modified_at = T2,
                                .exercises = &r,
                                .nexercises = 1};
    x.modules = &m;
    x.nmodules = 1;
    x.settings = (struct exchange_settings){.present = true,
                                            .background_color = "sage",
                                            .text_color = "ink",
                                            .font = "mono"};
    char *text = exchange_write(&x);
    CHECK(strstr(text, "\"response_json\":\tnull") != NULL);
    CHECK(strstr(text, "\"first_completed_at\":\tnull") != NULL);
    CHECK(strstr(text, "\"personality_type\":\tnull") != NULL);
    CHECK(strstr(text, "\"skills\":\t[]") != NULL);
    CHECK(strstr(text, "\"tool_instances\":\t[]") != NULL);
    CHECK(strstr(text, "\"custom_skills\":\t[]") != NULL);
    CHECK_INT(text[strlen(text) - 1], '\n');
    /* such a file is refused on the way back in, at the right place */
    REFUSES(text, "$.modules[\"1.1\"].exercises[\"1.1.1.v1\"].response_json: null is not a "
                  "response");
    free(text);
}

int main(void)
{
    dt_oom_use_for_cjson();
    RUN(test_full_file);
    RUN(test_spec_example);
    RUN(test_empty_lists);
    RUN(test_refuses_the_file);
    RUN(test_refuses_bad_utf8);
    RUN(test_refuses_too_large);
    RUN(test_refuses_deep_nesting);
    RUN(test_refuses_top_level);
    RUN(test_refuses_times);
    RUN(test_refuses_settings);
    RUN(test_refuses_scores);
    RUN(test_refuses_modules);
    RUN(test_refuses_uuids);
    RUN(test_refuses_tools);
    RUN(test_refuses_custom_skills);
    RUN(test_refuses_encryption);
    RUN(test_value_limits);
    RUN(test_item_limit);
    RUN(test_no_user_text_in_errors);
    RUN(test_write_from_structs);
    return check_done();
}
