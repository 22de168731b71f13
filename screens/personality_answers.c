#include "personality_answers.h"

#include <ctype.h>
#include <string.h>

/* Each pair's prompt key and letters, in the order a type code is written. */
static const struct {
    const char *key;
    char first, second;
} pairs[4] = {{"ei", 'E', 'I'}, {"sn", 'S', 'N'}, {"tf", 'T', 'F'}, {"jp", 'J', 'P'}};

#define CODE_KEY "type_code"

bool personality_answers_key(const char *key)
{
    for (size_t i = 0; i < 4; i++)
        if (strcmp(key, pairs[i].key) == 0)
            return true;
    return strcmp(key, CODE_KEY) == 0;
}

/* The four letters of text, one from each pair, capitals; false when text is not such a code. */
static bool written_code(const char *text, char code[5])
{
    size_t n = 0;
    for (const char *p = text; *p; p++) {
        if (*p == ' ' || *p == '\t')
            continue;
        char c = (char)toupper((unsigned char)*p);
        if (n >= 4 || (c != pairs[n].first && c != pairs[n].second))
            return false;
        code[n++] = c;
    }
    code[n] = '\0';
    return n == 4;
}

bool personality_answers_type(const cJSON *answers, char code[5])
{
    code[0] = '\0';
    const cJSON *written = cJSON_GetObjectItemCaseSensitive(answers, CODE_KEY);
    if (cJSON_IsString(written) && written_code(written->valuestring, code))
        return true;
    for (size_t i = 0; i < 4; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(answers, pairs[i].key);
        if (!cJSON_IsNumber(v) || v->valuedouble == 0) { /* no clear lean: no type */
            code[0] = '\0';
            return false;
        }
        code[i] = v->valuedouble < 0 ? pairs[i].first : pairs[i].second;
    }
    code[4] = '\0';
    return true;
}
