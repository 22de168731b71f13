/* The export file's reader and writer (exchange.h; the spec's section 9 plus "encryption").
 *
 * exchange_parse trusts nothing in the file: it is at most EXCHANGE_MAX_BYTES of UTF-8 holding
 * one JSON object and nothing after it, and every member has its type and form (ids, times,
 * scores, sizes) checked before import sees it. Unknown members are refused rather than
 * skipped: a misspelt "skils" or a member from a newer version would otherwise vanish without a
 * word on import, and the person would believe their data came across whole. Duplicate ids and
 * duplicate members are refused for the same reason: one of them would be dropped. Errors name
 * the JSON path; keys from the file appear in it only when they have the form of an id or a
 * member name, since everything else may be the person's own writing.
 *
 * exchange_write (exchange_write.c) builds the same shape back; what it writes, this reads. The
 * checks of forms and values every part is made of are in exchange_check.c. */
#include "exchange.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "exchange_check.h"
#include "oom.h"

#define WRAPPED_KEY_MAX 4096u

/* ---- the parts of a file ---- */

static enum dt_status take_skills(struct checker *c, const cJSON *item, struct exchange_skills *out)
{
    size_t n;
    enum dt_status s = checker_want_list(c, item, true, &n);
    if (s != DT_OK)
        return s;
    out->ids = dt_oom_calloc(n, sizeof *out->ids);
    size_t i = 0;
    for (const cJSON *ch = item->child; ch; ch = ch->next, i++) {
        size_t was = checker_push(c, "[%zu]", i);
        if ((s = checker_take_uuid(c, ch, out->ids[i])) != DT_OK)
            return s;
        out->n++;
        checker_pop(c, was);
    }
    size_t again = checker_first_repeat(out->ids[0], sizeof *out->ids, out->n);
    if (again < out->n) {
        checker_push(c, "[%zu]", again);
        return checker_fail(c, "this skill is listed twice");
    }
    return DT_OK;
}

static enum dt_status take_setting(struct checker *c, const cJSON *item, char out[32])
{
    if (!cJSON_IsString(item) || !item->valuestring ||
        !checker_is_slug(item->valuestring, 31, true))
        return checker_fail(c, "not a setting (1 to 31 characters a-z, 0-9, _ and -)");
    store_copy_text(out, 32, item->valuestring);
    return DT_OK;
}

static enum dt_status take_settings(struct checker *c, const cJSON *item,
                                    struct exchange_settings *out)
{
    if (!cJSON_IsObject(item))
        return checker_fail(c, "not an object");
    struct member m[] = {{"background_color", true, NULL},
                         {"text_color", true, NULL},
                         {"font", true, NULL},
                         {"personality_type", false, NULL}};
    enum dt_status s = checker_take_members(c, item, m, 4);
    char *fields[] = {out->background_color, out->text_color, out->font};
    for (int k = 0; s == DT_OK && k < 3; k++) {
        size_t was = checker_push(c, ".%s", m[k].name);
        if ((s = take_setting(c, m[k].item, fields[k])) == DT_OK)
            checker_pop(c, was);
    }
    if (s != DT_OK)
        return s;
    const cJSON *p = m[3].item;
    if (p && !cJSON_IsNull(p)) {
        const char *t = cJSON_IsString(p) ? p->valuestring : NULL;
        bool ok = t && strlen(t) == 4;
        for (int i = 0; ok && i < 4; i++)
            ok = t[i] >= 'A' && t[i] <= 'Z';
        if (!ok) {
            checker_push(c, ".personality_type");
            return checker_fail(c, "not a personality type (4 letters A-Z) or null");
        }
        store_copy_text(out->personality_type, sizeof out->personality_type, t);
    }
    out->present = true;
    return DT_OK;
}

static enum dt_status take_score(struct checker *c, const cJSON *item, struct exchange_score *out)
{
    if (!cJSON_IsObject(item))
        return checker_fail(c, "not an object");
    struct member m[] = {{"competency_id", true, NULL},
                         {"score", true, NULL},
                         {"assessed_at", true, NULL}};
    enum dt_status s = checker_take_members(c, item, m, 3);
    if (s != DT_OK)
        return s;
    size_t was = checker_push(c, ".competency_id");
    const cJSON *id = m[0].item;
    if (!cJSON_IsString(id) || !id->valuestring || !checker_is_slug(id->valuestring, 63, false))
        return checker_fail(c, "not a competency id (1 to 63 characters a-z, 0-9 and -)");
    store_copy_text(out->competency_id, sizeof out->competency_id, id->valuestring);
    checker_pop(c, was);

    checker_push(c, ".score");
    const cJSON *sc = m[1].item;
    double v = cJSON_IsNumber(sc) ? sc->valuedouble : 0;
    if (!(v >= 1 && v <= 5) || v != (double)(int)v)
        return checker_fail(c, "not a whole number from 1 to 5");
    out->score = (int)v;
    checker_pop(c, was);

    checker_push(c, ".assessed_at");
    if ((s = checker_take_time(c, m[2].item, out->assessed_at)) != DT_OK)
        return s;
    checker_pop(c, was);
    return DT_OK;
}

static enum dt_status take_response(struct checker *c, const cJSON *item,
                                    struct exchange_response *out)
{
    if (!cJSON_IsObject(item))
        return checker_fail(c, "not an object");
    struct member m[] = {{"response_json", true, NULL},
                         {"responded_at", true, NULL},
                         {"skills", false, NULL}};
    enum dt_status s = checker_take_members(c, item, m, 3);
    if (s != DT_OK)
        return s;
    size_t was = checker_push(c, ".response_json");
    if (cJSON_IsNull(m[0].item))
        return checker_fail(c, "null is not a response");
    if ((s = checker_take_compact(c, m[0].item, EXCHANGE_MAX_VALUE, &out->json)) != DT_OK)
        return s;
    checker_pop(c, was);
    checker_push(c, ".responded_at");
    if ((s = checker_take_time(c, m[1].item, out->responded_at)) != DT_OK)
        return s;
    checker_pop(c, was);
    if (m[2].item) {
        checker_push(c, ".skills");
        if ((s = take_skills(c, m[2].item, &out->skills)) != DT_OK)
            return s;
        checker_pop(c, was);
    }
    return DT_OK;
}

static enum dt_status take_module(struct checker *c, const cJSON *item, struct exchange_module *out)
{
    if (!cJSON_IsObject(item))
        return checker_fail(c, "not an object");
    struct member m[] = {{"first_completed_at", false, NULL},
                         {"last_modified_at", true, NULL},
                         {"exercises", true, NULL}};
    enum dt_status s = checker_take_members(c, item, m, 3);
    if (s != DT_OK)
        return s;
    size_t was = checker_push(c, ".first_completed_at");
    if (m[0].item && !cJSON_IsNull(m[0].item)) {
        if (!cJSON_IsString(m[0].item) || !checker_is_time(m[0].item->valuestring))
            return checker_fail(c, "not an ISO 8601 UTC time or null");
        store_copy_text(out->first_completed_at, STORE_TIME_LEN, m[0].item->valuestring);
    }
    checker_pop(c, was);
    checker_push(c, ".last_modified_at");
    if ((s = checker_take_time(c, m[1].item, out->last_modified_at)) != DT_OK)
        return s;
    checker_pop(c, was);

    checker_push(c, ".exercises");
    size_t n;
    if ((s = checker_want_list(c, m[2].item, false, &n)) != DT_OK)
        return s;
    out->exercises = dt_oom_calloc(n, sizeof *out->exercises);
    size_t i = 0;
    for (const cJSON *ch = m[2].item->child; ch; ch = ch->next, i++) {
        const char *key = ch->string ? ch->string : "";
        size_t at = checker_is_exercise_id(key) ? checker_push(c, "[\"%s\"]", key)
                                                : checker_push(c, "[%zu]", i);
        if (!checker_is_exercise_id(key))
            return checker_fail(c, "not an exercise id (part.module.exercise.vN, e.g. 1.1.1.v1)");
        /* the exercise's first two numbers are its module's id */
        size_t mlen = strlen(out->module_id);
        if (strncmp(key, out->module_id, mlen) != 0 || key[mlen] != '.')
            return checker_fail(c, "exercise %s is not in module %s", key, out->module_id);
        struct exchange_response *r = &out->exercises[out->nexercises++];
        store_copy_text(r->full_exercise_id, sizeof r->full_exercise_id, key);
        if ((s = take_response(c, ch, r)) != DT_OK)
            return s;
        checker_pop(c, at);
    }
    size_t again = checker_first_repeat(out->exercises[0].full_exercise_id, sizeof *out->exercises,
                                        out->nexercises);
    if (again < out->nexercises) {
        checker_push(c, "[\"%s\"]", out->exercises[again].full_exercise_id);
        return checker_fail(c, "this exercise appears twice");
    }
    checker_pop(c, was);
    return DT_OK;
}

static enum dt_status take_tool(struct checker *c, const cJSON *item, struct exchange_tool *out)
{
    if (!cJSON_IsObject(item))
        return checker_fail(c, "not an object");
    struct member m[] = {{"id", true, NULL},           {"tool_type", true, NULL},
                         {"origin", true, NULL},       {"content_json", true, NULL},
                         {"content_hash", true, NULL}, {"skills", false, NULL},
                         {"created_at", true, NULL},   {"updated_at", true, NULL},
                         {"draft", false, NULL}};
    enum dt_status s = checker_take_members(c, item, m, 9);
    if (s != DT_OK)
        return s;
    size_t was = checker_push(c, ".id");
    if ((s = checker_take_uuid(c, m[0].item, out->id)) != DT_OK)
        return s;
    checker_pop(c, was);

    checker_push(c, ".tool_type");
    const cJSON *t = m[1].item;
    if (!cJSON_IsString(t) || !t->valuestring || !checker_is_slug(t->valuestring, 47, false))
        return checker_fail(c, "not a tool type (1 to 47 characters a-z, 0-9 and -)");
    store_copy_text(out->tool_type, sizeof out->tool_type, t->valuestring);
    checker_pop(c, was);

    checker_push(c, ".origin");
    const cJSON *o = m[2].item;
    if (!cJSON_IsString(o) || !o->valuestring ||
        (strcmp(o->valuestring, "standalone") != 0 && !checker_is_exercise_id(o->valuestring)))
        return checker_fail(c, "not \"standalone\" or an exercise id (e.g. 1.1.1.v1)");
    store_copy_text(out->origin, sizeof out->origin, o->valuestring);
    checker_pop(c, was);

    checker_push(c, ".content_json");
    if (!cJSON_IsObject(m[3].item))
        return checker_fail(c, "not an object");
    if ((s = checker_take_compact(c, m[3].item, EXCHANGE_MAX_VALUE, &out->json)) != DT_OK)
        return s;
    checker_pop(c, was);

    checker_push(c, ".content_hash");
    const cJSON *h = m[4].item;
    bool ok = cJSON_IsString(h) && h->valuestring && strlen(h->valuestring) == 64;
    for (int i = 0; ok && i < 64; i++)
        ok = checker_is_hex_lower(h->valuestring[i]);
    if (!ok)
        return checker_fail(c, "not a SHA-256 hash (64 lowercase hex digits)");
    store_copy_text(out->content_hash, sizeof out->content_hash, h->valuestring);
    checker_pop(c, was);

    if (m[5].item) {
        checker_push(c, ".skills");
        if ((s = take_skills(c, m[5].item, &out->skills)) != DT_OK)
            return s;
        checker_pop(c, was);
    }
    checker_push(c, ".created_at");
    if ((s = checker_take_time(c, m[6].item, out->created_at)) != DT_OK)
        return s;
    checker_pop(c, was);
    checker_push(c, ".updated_at");
    if ((s = checker_take_time(c, m[7].item, out->updated_at)) != DT_OK)
        return s;
    checker_pop(c, was);
    /* dreamtree's addition; a file without it (an older one) has complete entries only */
    if (m[8].item) {
        checker_push(c, ".draft");
        if (!cJSON_IsBool(m[8].item))
            return checker_fail(c, "not true or false");
        out->draft = cJSON_IsTrue(m[8].item);
        checker_pop(c, was);
    }
    return DT_OK;
}

static enum dt_status take_custom_skill(struct checker *c, const cJSON *item,
                                        struct exchange_custom_skill *out)
{
    if (!cJSON_IsObject(item))
        return checker_fail(c, "not an object");
    struct member m[] = {{"id", true, NULL}, {"name", true, NULL}, {"category", false, NULL}};
    enum dt_status s = checker_take_members(c, item, m, 3);
    if (s != DT_OK)
        return s;
    size_t was = checker_push(c, ".id");
    if ((s = checker_take_uuid(c, m[0].item, out->id)) != DT_OK)
        return s;
    checker_pop(c, was);

    checker_push(c, ".name");
    const char *name = NULL;
    if ((s = checker_want_string(c, m[1].item, &name)) != DT_OK)
        return s;
    size_t len = strlen(name);
    if (len < 1 || len >= sizeof out->name || checker_has_control(name))
        return checker_fail(c, "not a skill name (1 to 255 bytes, no control characters)");
    store_copy_text(out->name, sizeof out->name, name);
    checker_pop(c, was);

    const cJSON *cat = m[2].item;
    if (cat && !cJSON_IsNull(cat)) {
        const char *v = cJSON_IsString(cat) ? cat->valuestring : NULL;
        if (!v || (strcmp(v, "transferable") != 0 && strcmp(v, "self_management") != 0 &&
                   strcmp(v, "knowledge") != 0)) {
            checker_push(c, ".category");
            return checker_fail(c,
                                "not \"transferable\", \"self_management\", \"knowledge\" or null");
        }
        store_copy_text(out->category, sizeof out->category, v);
    }
    return DT_OK;
}

static enum dt_status take_encryption(struct checker *c, const cJSON *item,
                                      struct exchange_encryption *out)
{
    if (!cJSON_IsObject(item))
        return checker_fail(c, "not an object");
    struct member m[] = {{"format", true, NULL},
                         {"owner", true, NULL},
                         {"wrapped_data_key", true, NULL}};
    enum dt_status s = checker_take_members(c, item, m, 3);
    if (s != DT_OK)
        return s;
    size_t was = checker_push(c, ".format");
    const cJSON *f = m[0].item;
    if (!cJSON_IsString(f) || !f->valuestring ||
        strcmp(f->valuestring, "dreamtree-envelope-1") != 0)
        return checker_fail(c, "not \"dreamtree-envelope-1\", the one format dreamtree reads");
    checker_pop(c, was);
    checker_push(c, ".owner");
    if ((s = checker_take_uuid(c, m[1].item, out->owner)) != DT_OK)
        return s;
    checker_pop(c, was);
    checker_push(c, ".wrapped_data_key");
    if (!cJSON_IsObject(m[2].item))
        return checker_fail(c, "not an object");
    if ((s = checker_take_compact(c, m[2].item, WRAPPED_KEY_MAX, &out->wrapped_data_key)) != DT_OK)
        return s;
    checker_pop(c, was);
    out->present = true;
    return DT_OK;
}

static enum dt_status take_version(struct checker *c, const cJSON *item, char out[8])
{
    const char *v = NULL;
    enum dt_status s = checker_want_string(c, item, &v);
    if (s != DT_OK)
        return s;
    if (strcmp(v, "1.1") != 0) {
        if (checker_looks_like_version(v))
            return checker_fail(c, "this file is version %s; dreamtree reads 1.1", v);
        return checker_fail(c, "this file's version is not one dreamtree reads (1.1)");
    }
    store_copy_text(out, 8, v);
    return DT_OK;
}

/* The lists at the top: each item checked by take_one into a new array of size bytes each. */
static enum dt_status take_array(struct checker *c, const cJSON *item, size_t size, void **out,
                                 size_t *n,
                                 enum dt_status (*take_one)(struct checker *, const cJSON *,
                                                            void *))
{
    size_t count;
    enum dt_status s = checker_want_list(c, item, true, &count);
    if (s != DT_OK)
        return s;
    *out = dt_oom_calloc(count, size);
    size_t i = 0;
    for (const cJSON *ch = item->child; ch; ch = ch->next, i++) {
        size_t was = checker_push(c, "[%zu]", i);
        /* counted before the check, so that exchange_free frees what a failed item holds */
        (*n)++;
        if ((s = take_one(c, ch, (char *)*out + i * size)) != DT_OK)
            return s;
        checker_pop(c, was);
    }
    return DT_OK;
}

static enum dt_status take_score_v(struct checker *c, const cJSON *item, void *out)
{
    return take_score(c, item, out);
}

static enum dt_status take_tool_v(struct checker *c, const cJSON *item, void *out)
{
    return take_tool(c, item, out);
}

static enum dt_status take_custom_skill_v(struct checker *c, const cJSON *item, void *out)
{
    return take_custom_skill(c, item, out);
}

static enum dt_status take_modules(struct checker *c, const cJSON *item, struct exchange *x)
{
    size_t n;
    enum dt_status s = checker_want_list(c, item, false, &n);
    if (s != DT_OK)
        return s;
    x->modules = dt_oom_calloc(n, sizeof *x->modules);
    size_t i = 0;
    for (const cJSON *ch = item->child; ch; ch = ch->next, i++) {
        const char *key = ch->string ? ch->string : "";
        if (!checker_is_module_id(key)) {
            checker_push(c, "[%zu]", i);
            return checker_fail(c, "not a module id (part.module, e.g. 1.1)");
        }
        size_t was = checker_push(c, "[\"%s\"]", key);
        struct exchange_module *mod = &x->modules[x->nmodules++];
        store_copy_text(mod->module_id, sizeof mod->module_id, key);
        if ((s = take_module(c, ch, mod)) != DT_OK)
            return s;
        checker_pop(c, was);
    }
    size_t again = checker_first_repeat(x->modules[0].module_id, sizeof *x->modules, x->nmodules);
    if (again < x->nmodules) {
        checker_push(c, "[\"%s\"]", x->modules[again].module_id);
        return checker_fail(c, "this module appears twice");
    }
    return DT_OK;
}

/* Refuses an id that an earlier item of the same list has; ids are at the same offset in each
 * item. */
static enum dt_status no_repeats(struct checker *c, const char *first, size_t stride, size_t n,
                                 const char *list, const char *member, const char *what)
{
    size_t again = checker_first_repeat(first, stride, n);
    if (again == n)
        return DT_OK;
    checker_push(c, ".%s[%zu].%s", list, again, member);
    return checker_fail(c, "%s", what);
}

static enum dt_status take_file(struct checker *c, const cJSON *root, struct exchange *x)
{
    struct member m[] = {{"version", true, NULL},       {"exported_at", true, NULL},
                         {"settings", false, NULL},     {"competency_scores", false, NULL},
                         {"modules", false, NULL},      {"tool_instances", true, NULL},
                         {"custom_skills", true, NULL}, {"encryption", false, NULL}};
    /* the version first: a newer file should say so, not fail on a member it added */
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "version");
    size_t was = checker_push(c, ".version");
    enum dt_status s;
    if (version && (s = take_version(c, version, x->version)) != DT_OK)
        return s;
    checker_pop(c, was);
    if ((s = checker_take_members(c, root, m, 8)) != DT_OK)
        return s;
    checker_push(c, ".exported_at");
    if ((s = checker_take_time(c, m[1].item, x->exported_at)) != DT_OK)
        return s;
    checker_pop(c, was);
    if (m[2].item) {
        checker_push(c, ".settings");
        if ((s = take_settings(c, m[2].item, &x->settings)) != DT_OK)
            return s;
        checker_pop(c, was);
    }
    if (m[3].item) {
        checker_push(c, ".competency_scores");
        if ((s = take_array(c, m[3].item, sizeof *x->scores, (void **)&x->scores, &x->nscores,
                            take_score_v)) != DT_OK)
            return s;
        checker_pop(c, was);
        if ((s = no_repeats(c, x->scores[0].competency_id, sizeof *x->scores, x->nscores,
                            "competency_scores", "competency_id",
                            "this competency is scored twice")) != DT_OK)
            return s;
    }
    if (m[4].item) {
        checker_push(c, ".modules");
        if ((s = take_modules(c, m[4].item, x)) != DT_OK)
            return s;
        checker_pop(c, was);
    }
    checker_push(c, ".tool_instances");
    if ((s = take_array(c, m[5].item, sizeof *x->tools, (void **)&x->tools, &x->ntools,
                        take_tool_v)) != DT_OK)
        return s;
    checker_pop(c, was);
    if ((s = no_repeats(c, x->tools[0].id, sizeof *x->tools, x->ntools, "tool_instances", "id",
                        "another tool instance has this id")) != DT_OK)
        return s;
    checker_push(c, ".custom_skills");
    if ((s = take_array(c, m[6].item, sizeof *x->custom_skills, (void **)&x->custom_skills,
                        &x->ncustom_skills, take_custom_skill_v)) != DT_OK)
        return s;
    checker_pop(c, was);
    if ((s = no_repeats(c, x->custom_skills[0].id, sizeof *x->custom_skills, x->ncustom_skills,
                        "custom_skills", "id", "another custom skill has this id")) != DT_OK)
        return s;
    if (m[7].item) {
        checker_push(c, ".encryption");
        if ((s = take_encryption(c, m[7].item, &x->encryption)) != DT_OK)
            return s;
        checker_pop(c, was);
    }
    return DT_OK;
}

/* ---- the text before it is JSON ---- */

/* line and column (from 1) of byte at in text */
static void line_column(const char *text, size_t at, size_t *line, size_t *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < at; i++) {
        if (text[i] == '\n')
            (*line)++, (*column) = 1;
        else if (((unsigned char)text[i] & 0xc0) != 0x80)
            (*column)++;
    }
}

static enum dt_status not_json_at(struct checker *c, const char *text, size_t at, const char *why)
{
    size_t line, column;
    line_column(text, at, &line, &column);
    return checker_fail(c, "%s (line %zu, column %zu)", why, line, column);
}

/* JSON allows no raw control characters in a string, and only tab, newline and return between
 * values; cJSON lets some through, so they are refused here. So is the escape \u0000, which is
 * JSON but which cJSON would cut the string at: a value must not change on its way in. */
static enum dt_status plain_enough(struct checker *c, const char *text, size_t len)
{
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        bool space = ch == '\t' || ch == '\n' || ch == '\r';
        if (ch < 0x20 && (in_string || !space))
            return not_json_at(c, text, i, "the file is not valid JSON: a control character");
        if (ch == '"')
            in_string = !in_string;
        else if (ch == '\\' && in_string && i + 1 < len) {
            if (text[i + 1] == 'u' && i + 5 < len && memcmp(text + i + 2, "0000", 4) == 0)
                return not_json_at(c, text, i,
                                   "the file holds \\u0000, which dreamtree cannot keep");
            i++; /* the escaped character, which may be a quote or a backslash */
        }
    }
    return DT_OK;
}

enum dt_status exchange_parse(const char *text, size_t len, struct exchange *out,
                              char err[EXCHANGE_ERR_LEN])
{
    struct checker c = {.err = err, .path = "$", .path_len = 1};
    memset(out, 0, sizeof *out);
    err[0] = '\0';
    if (len > EXCHANGE_MAX_BYTES)
        return checker_fail(&c, "the file is larger than 64 MiB");
    if (!text)
        text = "";
    if (u8_check((const uint8_t *)text, len) != NULL)
        return checker_fail(&c, "the file is not UTF-8 text");
    enum dt_status s = plain_enough(&c, text, len);
    if (s != DT_OK)
        return s;

    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, false);
    if (!root) {
        size_t at = end && end >= text && end <= text + len ? (size_t)(end - text) : 0;
        return not_json_at(&c, text, at, "the file is not valid JSON");
    }
    size_t rest = (size_t)(end - text);
    while (rest < len &&
           (text[rest] == ' ' || text[rest] == '\t' || text[rest] == '\n' || text[rest] == '\r'))
        rest++;
    if (!cJSON_IsObject(root))
        s = checker_fail(&c, "the file is not a JSON object");
    else if (rest < len)
        s = not_json_at(&c, text, rest, "something follows the JSON object");
    else {
        struct exchange x = {0};
        s = take_file(&c, root, &x);
        if (s == DT_OK)
            *out = x;
        else
            exchange_free(&x);
    }
    cJSON_Delete(root);
    return s;
}

void exchange_free(struct exchange *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->nmodules; i++) {
        for (size_t j = 0; j < x->modules[i].nexercises; j++) {
            free(x->modules[i].exercises[j].json);
            free(x->modules[i].exercises[j].skills.ids);
        }
        free(x->modules[i].exercises);
    }
    free(x->modules);
    for (size_t i = 0; i < x->ntools; i++) {
        free(x->tools[i].json);
        free(x->tools[i].skills.ids);
    }
    free(x->tools);
    free(x->scores);
    free(x->custom_skills);
    free(x->encryption.wrapped_data_key);
    memset(x, 0, sizeof *x);
}
