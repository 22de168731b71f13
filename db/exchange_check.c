/* The checks behind the export file's reader (exchange_check.h). */
#include "exchange_check.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oom.h"

size_t checker_push(struct checker *c, const char *fmt, ...)
{
    size_t was = c->path_len;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(c->path + was, sizeof c->path - was, fmt, ap);
    va_end(ap);
    if (n > 0)
        c->path_len = was + (size_t)n < sizeof c->path ? was + (size_t)n : sizeof c->path - 1;
    return was;
}

void checker_pop(struct checker *c, size_t was)
{
    c->path_len = was;
    c->path[was] = '\0';
}

/* Writes "PATH: what" into err. what is always dreamtree's own words and ids of checked form. */
enum dt_status checker_fail(struct checker *c, const char *fmt, ...)
{
    char what[EXCHANGE_ERR_LEN - PATH_MAX_LEN - 8];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(c->err, EXCHANGE_ERR_LEN, "%s: %s", c->path, what);
    return DT_INVALID;
}

/* ---- forms ---- */

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

bool checker_is_hex_lower(char ch)
{
    return is_digit(ch) || (ch >= 'a' && ch <= 'f');
}

/* groups of 1..3 digits joined by dots; returns where it stopped, or NULL when malformed */
static const char *dotted_digits(const char *s, int groups)
{
    for (int g = 0; g < groups; g++) {
        if (g > 0 && *s++ != '.')
            return NULL;
        int n = 0;
        while (is_digit(*s) && n < 4)
            s++, n++;
        if (n < 1 || n > 3)
            return NULL;
    }
    return s;
}

/* "P.M" */
bool checker_is_module_id(const char *s)
{
    const char *end = dotted_digits(s, 2);
    return end && *end == '\0';
}

/* "P.M.E.vN" */
bool checker_is_exercise_id(const char *s)
{
    const char *end = dotted_digits(s, 3);
    if (!end || end[0] != '.' || end[1] != 'v')
        return false;
    end = dotted_digits(end + 2, 1);
    return end && *end == '\0';
}

static bool is_uuid(const char *s)
{
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !checker_is_hex_lower(s[i]))
            return false;
    }
    return s[36] == '\0';
}

/* 1..max bytes, each a-z, 0-9, '-' or (when underscore) '_' */
bool checker_is_slug(const char *s, size_t max, bool underscore)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char ch = s[n];
        if (!((ch >= 'a' && ch <= 'z') || is_digit(ch) || ch == '-' || (underscore && ch == '_')))
            return false;
    }
    return n >= 1 && n <= max;
}

/* What a member name may look like to be shown in an error: short, lowercase, no spaces. */
static bool is_member_name(const char *s)
{
    if (!(s[0] >= 'a' && s[0] <= 'z'))
        return false;
    return checker_is_slug(s, 32, true) && !strchr(s, '-');
}

bool checker_is_time(const char *s)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    for (size_t i = 0; i < sizeof shape - 1; i++)
        if (shape[i] == 'd' ? !is_digit(s[i]) : s[i] != shape[i])
            return false;
    int64_t unused;
    return s[sizeof shape - 1] == '\0' && store_time_parse(s, &unused) == 0;
}

/* a version number worth repeating back: digits and dots, at most 8 characters */
bool checker_looks_like_version(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 8)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]) && s[i] != '.')
            return false;
    return true;
}

/* no C0 controls, no DEL, no C1 controls (U+0080..U+009F, UTF-8 C2 80..C2 9F) */
bool checker_has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
            return true;
    return false;
}

/* ---- members ---- */

/* Sorts obj's members into m (by exact name), refusing unknown, repeated and missing ones. */
enum dt_status checker_take_members(struct checker *c, const cJSON *obj, struct member *m,
                                    size_t nm)
{
    size_t index = 0;
    for (cJSON *child = obj->child; child; child = child->next, index++) {
        const char *name = child->string ? child->string : "";
        size_t k = 0;
        while (k < nm && strcmp(m[k].name, name) != 0)
            k++;
        if (k == nm) {
            if (is_member_name(name))
                checker_push(c, ".%s", name);
            else
                checker_push(c, "[%zu]", index);
            return checker_fail(c, "not a member of an export file");
        }
        if (m[k].item) {
            checker_push(c, ".%s", name);
            return checker_fail(c, "this member appears twice");
        }
        m[k].item = child;
    }
    for (size_t k = 0; k < nm; k++)
        if (m[k].required && !m[k].item) {
            checker_push(c, ".%s", m[k].name);
            return checker_fail(c, "missing");
        }
    return DT_OK;
}

/* ---- values: each is called with the path already naming the value ---- */

enum dt_status checker_want_string(struct checker *c, const cJSON *item, const char **out)
{
    if (!cJSON_IsString(item) || !item->valuestring)
        return checker_fail(c, "not a string");
    *out = item->valuestring;
    return DT_OK;
}

enum dt_status checker_take_time(struct checker *c, const cJSON *item, char out[STORE_TIME_LEN])
{
    if (!cJSON_IsString(item) || !item->valuestring || !checker_is_time(item->valuestring))
        return checker_fail(c, "not an ISO 8601 UTC time");
    store_copy_text(out, STORE_TIME_LEN, item->valuestring);
    return DT_OK;
}

enum dt_status checker_take_uuid(struct checker *c, const cJSON *item, char out[STORE_ID_LEN])
{
    if (!cJSON_IsString(item) || !item->valuestring || !is_uuid(item->valuestring))
        return checker_fail(c, "not an id (a UUID in lowercase hex, 8-4-4-4-12)");
    store_copy_text(out, STORE_ID_LEN, item->valuestring);
    return DT_OK;
}

/* A JSON value kept as compact text of at most max bytes; malloc'd into *out. */
enum dt_status checker_take_compact(struct checker *c, const cJSON *item, size_t max, char **out)
{
    char *text = cJSON_PrintUnformatted(item);
    if (!text)
        dt_oom_abort(); /* cJSON prints any tree it parsed; only memory can stop it */
    size_t n = strlen(text);
    /* a number too large for a double prints as null, which would not read back */
    bool is_null = strcmp(text, "null") == 0;
    if (n <= max && !is_null)
        *out = dt_oom_strdup(text);
    cJSON_free(text);
    if (is_null)
        return checker_fail(c, "a number too large to keep");
    if (n > max)
        return checker_fail(c, "larger than %zu bytes written compactly", max);
    return DT_OK;
}

static size_t count_children(const cJSON *item)
{
    size_t n = 0;
    for (const cJSON *ch = item->child; ch; ch = ch->next)
        n++;
    return n;
}

enum dt_status checker_want_list(struct checker *c, const cJSON *item, bool array, size_t *n)
{
    if (array ? !cJSON_IsArray(item) : !cJSON_IsObject(item))
        return checker_fail(c, array ? "not an array" : "not an object");
    *n = count_children(item);
    if (*n > EXCHANGE_MAX_ITEMS)
        return checker_fail(c, "more than %u items", EXCHANGE_MAX_ITEMS);
    return DT_OK;
}

/* ---- duplicates ---- */

struct keyed {
    const char *key;
    size_t index;
};

static int compare_keyed(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;
    int r = strcmp(x->key, y->key);
    return r ? r : (x->index > y->index) - (x->index < y->index);
}

/* The index of the first item (in file order) whose key an earlier item has, or n. The keys
 * are n strings stride bytes apart from first. */
size_t checker_first_repeat(const char *first, size_t stride, size_t n)
{
    if (n < 2)
        return n;
    struct keyed *k = dt_oom_malloc(n * sizeof *k);
    for (size_t i = 0; i < n; i++)
        k[i] = (struct keyed){first + i * stride, i};
    qsort(k, n, sizeof *k, compare_keyed);
    size_t found = n;
    for (size_t i = 1; i < n; i++)
        if (strcmp(k[i].key, k[i - 1].key) == 0 && k[i].index < found)
            found = k[i].index;
    free(k);
    return found;
}
