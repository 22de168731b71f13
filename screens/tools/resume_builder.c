/* The resume: its experience typed as blocks of lines but kept as {role, organisation, dates,
 * achievements}, and the whole resume written out as Markdown or plain text (the resume
 * screen, screens/resume.c, previews it, chooses highlights and saves the files). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "oom.h"
#include "tool_forms.h"
#include "tool_forms_internal.h"

/* ---- a growing string ---- */

struct text {
    char *s;
    size_t len, cap;
};

static void add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (t->len + (size_t)n + 1 > t->cap) {
        size_t cap = (t->len + (size_t)n + 1) * 2;
        t->s = dt_oom_realloc(t->s, cap);
        t->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

static char *finish(struct text *t)
{
    return t->s ? t->s : dt_oom_strdup("");
}

/* ---- experience ---- */

static char *trimmed(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    char *out = dt_oom_malloc(n + 1);
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

static void add_string(cJSON *obj, const char *key, char *owned)
{
    if (owned && owned[0])
        cJSON_AddStringToObject(obj, key, owned);
    free(owned);
}

/* "Ward nurse | St Anne's | 2015-2020" and the achievements on the lines below it. */
static cJSON *parse_role(const char *block, size_t len)
{
    cJSON *role = cJSON_CreateObject();
    cJSON *achievements = cJSON_CreateArray();
    size_t first = strcspn(block, "\n");
    if (first > len)
        first = len;
    const char *parts[3] = {block, NULL, NULL};
    size_t lens[3] = {first, 0, 0};
    for (int k = 0; k < 2; k++) {
        const char *bar = memchr(parts[k], '|', lens[k]);
        if (!bar)
            break;
        parts[k + 1] = bar + 1;
        lens[k + 1] = (size_t)(parts[k] + lens[k] - (bar + 1));
        lens[k] = (size_t)(bar - parts[k]);
    }
    static const char *const keys[3] = {ROLE_TITLE, ROLE_ORGANISATION, ROLE_DATES};
    for (int k = 0; k < 3; k++)
        if (parts[k])
            add_string(role, keys[k], trimmed(parts[k], lens[k]));
    for (size_t at = first; at < len;) {
        at++; /* past the newline */
        size_t n = strcspn(block + at, "\n");
        if (at + n > len)
            n = len - at;
        const char *line = block + at;
        size_t skip = strspn(line, " \t");
        if (skip < n && (line[skip] == '-' || line[skip] == '*') && skip + 1 < n &&
            line[skip + 1] == ' ')
            skip += 2; /* a list mark the person typed */
        char *item = trimmed(line + skip, n - skip);
        if (item && item[0])
            cJSON_AddItemToArray(achievements, cJSON_CreateString(item));
        free(item);
        at += n;
    }
    cJSON_AddItemToObject(role, ROLE_ACHIEVEMENTS, achievements);
    return role;
}

static cJSON *shown(const cJSON *c, const char *key)
{
    if (strcmp(key, RESUME_EXPERIENCE) != 0)
        return NULL;
    struct text t = {0};
    const cJSON *role;
    cJSON_ArrayForEach (role, cJSON_GetObjectItemCaseSensitive(c, RESUME_EXPERIENCE)) {
        const char *organisation = tf_text(role, ROLE_ORGANISATION);
        const char *dates = tf_text(role, ROLE_DATES);
        add(&t, "%s%s", t.len ? "\n\n" : "",
            tf_text(role, ROLE_TITLE) ? tf_text(role, ROLE_TITLE) : "");
        if (organisation || dates)
            add(&t, " | %s", organisation ? organisation : "");
        if (dates)
            add(&t, " | %s", dates);
        const cJSON *a;
        cJSON_ArrayForEach (a, cJSON_GetObjectItemCaseSensitive(role, ROLE_ACHIEVEMENTS))
            if (cJSON_IsString(a))
                add(&t, "\n%s", a->valuestring);
    }
    char *s = finish(&t);
    cJSON *v = s && s[0] ? cJSON_CreateString(s) : NULL;
    free(s);
    return v;
}

static bool take(cJSON *c, const char *key, cJSON *value, const char **why)
{
    (void)why;
    if (strcmp(key, RESUME_EXPERIENCE) == 0 && cJSON_IsString(value)) {
        cJSON *roles = cJSON_CreateArray();
        /* a block of lines is a role; a line of nothing but spaces (or CR) ends it */
        const char *s = value->valuestring, *block = NULL;
        for (;;) {
            size_t n = strcspn(s, "\n");
            bool blank = strspn(s, " \t\r") >= n;
            if (!blank && !block)
                block = s;
            if ((blank || !s[n]) && block) {
                size_t len = (size_t)((blank ? s : s + n) - block);
                while (len && (block[len - 1] == '\n' || block[len - 1] == '\r'))
                    len--;
                cJSON_AddItemToArray(roles, parse_role(block, len));
                block = NULL;
            }
            if (!s[n])
                break;
            s += n + 1;
        }
        cJSON_Delete(value);
        cJSON_DeleteItemFromObjectCaseSensitive(c, RESUME_EXPERIENCE);
        cJSON_AddItemToObject(c, RESUME_EXPERIENCE, roles);
        return true;
    }
    cJSON_DeleteItemFromObjectCaseSensitive(c, key);
    cJSON_AddItemToObject(c, key, value);
    return true;
}

static void describe(const cJSON *c, char *out, size_t size)
{
    int roles = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c, RESUME_EXPERIENCE));
    out[0] = '\0';
    if (tf_text(c, RESUME_HEADLINE))
        tf_append(out, size, "%s, ", tf_text(c, RESUME_HEADLINE));
    tf_append(out, size, "%d %s", roles, roles == 1 ? "role" : "roles");
}

/* ---- writing it out ---- */

/* One line of the contact details: "a · b · c" (Markdown) or "a | b | c" (text). */
static void contact_line(struct text *t, const cJSON *c, const char *sep)
{
    static const char *const keys[] = {RESUME_EMAIL, RESUME_PHONE, RESUME_LOCATION};
    const char *between = "";
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (tf_text(c, keys[i])) {
            add(t, "%s%s", between, tf_text(c, keys[i]));
            between = sep;
        }
    const cJSON *link;
    cJSON_ArrayForEach (link, cJSON_GetObjectItemCaseSensitive(c, RESUME_LINKS))
        if (cJSON_IsString(link) && link->valuestring[0]) {
            add(t, "%s%s", between, link->valuestring);
            between = sep;
        }
    if (between[0])
        add(t, "\n\n");
}

char *resume_write(const cJSON *c, const struct resume_highlight *highlights, size_t nhighlights,
                   bool markdown)
{
    struct text t = {0};
    const char *name = tf_text(c, RESUME_NAME) ? tf_text(c, RESUME_NAME) : "";
    add(&t, markdown ? "# %s\n\n" : "%s\n", name);
    if (tf_text(c, RESUME_HEADLINE))
        add(&t, markdown ? "%s\n\n" : "%s\n", tf_text(c, RESUME_HEADLINE));
    contact_line(&t, c, markdown ? " \xc2\xb7 " : " | ");
    if (t.len < 2 || t.s[t.len - 2] != '\n')
        add(&t, "\n"); /* a blank line before the first section */
    static const struct {
        const char *md, *text;
    } titles[] = {{"Summary", "SUMMARY"},
                  {"Experience", "EXPERIENCE"},
                  {"Highlights", "HIGHLIGHTS"},
                  {"Education", "EDUCATION"},
                  {"Skills", "SKILLS"}};
#define SECTION(i)                                                                                 \
    add(&t, markdown ? "## %s\n\n" : "%s\n", markdown ? titles[i].md : titles[i].text)
    if (tf_text(c, RESUME_SUMMARY)) {
        SECTION(0);
        add(&t, "%s\n\n", tf_text(c, RESUME_SUMMARY));
    }
    const cJSON *experience = cJSON_GetObjectItemCaseSensitive(c, RESUME_EXPERIENCE);
    if (cJSON_GetArraySize(experience) > 0) {
        SECTION(1);
        const cJSON *role;
        cJSON_ArrayForEach (role, experience) {
            const char *title = tf_text(role, ROLE_TITLE) ? tf_text(role, ROLE_TITLE) : "";
            const char *organisation = tf_text(role, ROLE_ORGANISATION);
            const char *dates = tf_text(role, ROLE_DATES);
            add(&t, markdown ? "### %s" : "%s", title);
            if (organisation)
                add(&t, ", %s", organisation);
            if (dates)
                add(&t, markdown ? "\n\n%s" : " (%s)", dates);
            add(&t, "\n");
            const cJSON *a;
            int n = 0;
            cJSON_ArrayForEach (a, cJSON_GetObjectItemCaseSensitive(role, ROLE_ACHIEVEMENTS))
                if (cJSON_IsString(a))
                    add(&t, markdown ? "%s- %s\n" : "%s  - %s\n", markdown && n++ == 0 ? "\n" : "",
                        a->valuestring);
            add(&t, "\n");
        }
    }
    if (nhighlights > 0) {
        SECTION(2);
        for (size_t i = 0; i < nhighlights; i++)
            add(&t, markdown ? "- **%s.** %s\n" : "  - %s: %s\n", highlights[i].title,
                highlights[i].text);
        add(&t, "\n");
    }
    const cJSON *education = cJSON_GetObjectItemCaseSensitive(c, RESUME_EDUCATION);
    if (cJSON_GetArraySize(education) > 0) {
        SECTION(3);
        const cJSON *e;
        cJSON_ArrayForEach (e, education)
            if (cJSON_IsString(e))
                add(&t, markdown ? "- %s\n" : "  - %s\n", e->valuestring);
        add(&t, "\n");
    }
    const cJSON *skills = cJSON_GetObjectItemCaseSensitive(c, RESUME_SKILLS);
    if (cJSON_GetArraySize(skills) > 0) {
        SECTION(4);
        const cJSON *s;
        const char *between = markdown ? "" : "  ";
        cJSON_ArrayForEach (s, skills)
            if (cJSON_IsString(s)) {
                add(&t, "%s%s", between, s->valuestring);
                between = ", ";
            }
        add(&t, "\n");
    }
#undef SECTION
    /* one newline at the end */
    while (t.len > 1 && t.s[t.len - 1] == '\n' && t.s[t.len - 2] == '\n')
        t.s[--t.len] = '\0';
    char *raw = finish(&t);
    char *clean = raw ? tui_text_sanitize(raw, strlen(raw), TUI_TEXT_FILE) : NULL;
    free(raw);
    return clean;
}

static bool ready(const cJSON *c)
{
    return tf_text(c, RESUME_NAME) != NULL;
}

static const struct tool_field fields[] = {
    {.key = RESUME_NAME,
     .label = "Your name, as it should appear",
     .input = {.type = INPUT_LINE, .max_length = 120}},
    {.key = RESUME_HEADLINE,
     .label = "A line under your name: the work you are after",
     .input = {.type = INPUT_LINE,
               .optional = true,
               .max_length = 160,
               .hint = "For example: Community gardener and workshop leader."}},
    {.key = RESUME_EMAIL,
     .label = "Email",
     .input = {.type = INPUT_LINE, .optional = true, .max_length = 160}},
    {.key = RESUME_PHONE,
     .label = "Phone",
     .input = {.type = INPUT_LINE, .optional = true, .max_length = 60}},
    {.key = RESUME_LOCATION,
     .label = "Where you are based",
     .input = {.type = INPUT_LINE, .optional = true, .max_length = 120}},
    {.key = RESUME_LINKS,
     .label = "Web pages",
     .input = {.type = INPUT_LIST,
               .optional = true,
               .hint = "One per line: a portfolio, a profile."}},
    {.key = RESUME_SUMMARY,
     .label = "A short summary: who you are at work, in three or four sentences",
     .input = {.type = INPUT_TEXT, .optional = true}},
    {.key = RESUME_EXPERIENCE,
     .label = "Experience",
     .input = {.type = INPUT_TEXT,
               .optional = true,
               .hint = "One role per block, a blank line between. First line: role |"
                       " organisation | dates. Then one achievement per line."}},
    {.key = RESUME_EDUCATION,
     .label = "Education and training",
     .input = {.type = INPUT_LIST, .optional = true, .hint = "One per line: what, where, when."}},
    {.key = RESUME_SKILLS,
     .label = "Skills",
     .input = {.type = INPUT_LIST,
               .optional = true,
               .hint = "One per line. The preview can add the ones your stories name."}},
};

const struct tool_form resume_builder_form = {
    .tool = TOOL_RESUME_BUILDER,
    .one_per_exercise = true,
    .about = "Your resume, drawn from the workbook: your roles and what you achieved in them,"
             " your stories as highlights, your skills. Save it as Markdown and plain text.",
    .new_label = "Start a resume",
    TOOL_FORM_FIELDS(fields),
    .title_key = RESUME_NAME,
    .describe = describe,
    .shown = shown,
    .take = take,
    .action_label = "Preview it, choose highlights and save it as files",
    .action_screen = SCREEN_RESUME,
    .action_ready = ready,
};
