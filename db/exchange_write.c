/* The export file's writer (exchange.h): the structs back to the spec's JSON, members in the
 * spec's order, with cJSON; what it writes, exchange_parse (exchange.c) reads. */
#include "exchange.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "oom.h"

/* text as a JSON value; a text that is not JSON cannot come from exchange_parse or the store,
 * so it is a bug upstream: the member is written as null rather than lost with the file */
static cJSON *json_value(const char *text)
{
    cJSON *v = text ? cJSON_Parse(text) : NULL;
    return v ? v : cJSON_CreateNull();
}

/* "" stands for null in the structs (a time, a personality type, a category) */
static cJSON *text_or_null(const char *t)
{
    return t[0] ? cJSON_CreateString(t) : cJSON_CreateNull();
}

static cJSON *skills_array(const struct exchange_skills *sk)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < sk->n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(sk->ids[i]));
    return a;
}

static cJSON *modules_object(const struct exchange *x)
{
    cJSON *mods = cJSON_CreateObject();
    for (size_t i = 0; i < x->nmodules; i++) {
        const struct exchange_module *mod = &x->modules[i];
        cJSON *m = cJSON_CreateObject();
        cJSON_AddItemToObject(m, "first_completed_at", text_or_null(mod->first_completed_at));
        cJSON_AddStringToObject(m, "last_modified_at", mod->last_modified_at);
        cJSON *ex = cJSON_AddObjectToObject(m, "exercises");
        for (size_t j = 0; j < mod->nexercises; j++) {
            const struct exchange_response *r = &mod->exercises[j];
            cJSON *e = cJSON_CreateObject();
            cJSON_AddItemToObject(e, "response_json", json_value(r->json));
            cJSON_AddStringToObject(e, "responded_at", r->responded_at);
            cJSON_AddItemToObject(e, "skills", skills_array(&r->skills));
            cJSON_AddItemToObject(ex, r->full_exercise_id, e);
        }
        cJSON_AddItemToObject(mods, mod->module_id, m);
    }
    return mods;
}

static cJSON *tools_array(const struct exchange *x)
{
    cJSON *tools = cJSON_CreateArray();
    for (size_t i = 0; i < x->ntools; i++) {
        const struct exchange_tool *t = &x->tools[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", t->id);
        cJSON_AddStringToObject(o, "tool_type", t->tool_type);
        cJSON_AddStringToObject(o, "origin", t->origin);
        cJSON_AddItemToObject(o, "content_json", json_value(t->json));
        cJSON_AddStringToObject(o, "content_hash", t->content_hash);
        cJSON_AddItemToObject(o, "skills", skills_array(&t->skills));
        cJSON_AddStringToObject(o, "created_at", t->created_at);
        cJSON_AddStringToObject(o, "updated_at", t->updated_at);
        if (t->draft) /* only when true: a complete entry is written as the spec has it */
            cJSON_AddTrueToObject(o, "draft");
        cJSON_AddItemToArray(tools, o);
    }
    return tools;
}

char *exchange_write(const struct exchange *x)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "version", x->version);
    cJSON_AddStringToObject(root, "exported_at", x->exported_at);
    if (x->settings.present) {
        cJSON *s = cJSON_AddObjectToObject(root, "settings");
        cJSON_AddStringToObject(s, "background_color", x->settings.background_color);
        cJSON_AddStringToObject(s, "text_color", x->settings.text_color);
        cJSON_AddStringToObject(s, "font", x->settings.font);
        cJSON_AddItemToObject(s, "personality_type", text_or_null(x->settings.personality_type));
    }
    cJSON *scores = cJSON_AddArrayToObject(root, "competency_scores");
    for (size_t i = 0; i < x->nscores; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "competency_id", x->scores[i].competency_id);
        cJSON_AddNumberToObject(o, "score", x->scores[i].score);
        cJSON_AddStringToObject(o, "assessed_at", x->scores[i].assessed_at);
        cJSON_AddItemToArray(scores, o);
    }
    cJSON_AddItemToObject(root, "modules", modules_object(x));
    cJSON_AddItemToObject(root, "tool_instances", tools_array(x));
    cJSON *skills = cJSON_AddArrayToObject(root, "custom_skills");
    for (size_t i = 0; i < x->ncustom_skills; i++) {
        const struct exchange_custom_skill *k = &x->custom_skills[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", k->id);
        cJSON_AddStringToObject(o, "name", k->name);
        cJSON_AddItemToObject(o, "category", text_or_null(k->category));
        cJSON_AddItemToArray(skills, o);
    }
    if (x->encryption.present) {
        cJSON *e = cJSON_AddObjectToObject(root, "encryption");
        cJSON_AddStringToObject(e, "format", "dreamtree-envelope-1");
        cJSON_AddStringToObject(e, "owner", x->encryption.owner);
        cJSON_AddItemToObject(e, "wrapped_data_key", json_value(x->encryption.wrapped_data_key));
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        dt_oom_abort(); /* cJSON prints any tree it built; only memory can stop it */
    size_t n = strlen(text);
    char *out = dt_oom_malloc(n + 2);
    memcpy(out, text, n);
    out[n] = '\n';
    out[n + 1] = '\0';
    cJSON_free(text);
    return out;
}
