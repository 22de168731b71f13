/* A resume's preview: choose which SOARED stories stand as highlights, add the skills your
 * stories and tags name most, read it as it will be written, and save it as Markdown and plain
 * text files in your home folder. The argument is a resume-builder entry's id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "oom.h"
#include "files.h"
#include "skills.h"
#include "tool_forms.h"
#include "tool_forms_internal.h"
#include "tool_keys.h"
#include "tools.h"

#define RESUME_STORIES DOC_MAX_OPTIONS
#define RESUME_SUGGESTED 12

struct resume {
    char instance_id[STORE_ID_LEN];
    cJSON *content;
    struct tool_instance *stories;     /* the user's SOARED stories, newest first */
    size_t nloaded;                    /* all of them (what is freed) */
    size_t nstories;                   /* the newest RESUME_STORIES of them, which are offered */
    cJSON **story;                     /* their content */
    char *suggested[RESUME_SUGGESTED]; /* skills not yet on the resume, most named first */
    size_t nsuggested;
};

static bool on_resume(const cJSON *content, const char *skill)
{
    const cJSON *s;
    cJSON_ArrayForEach (s, cJSON_GetObjectItemCaseSensitive(content, RESUME_SKILLS))
        if (cJSON_IsString(s) && strcmp(s->valuestring, skill) == 0)
            return true;
    return false;
}

static void suggest(struct resume *r, const char *skill)
{
    if (!skill || !skill[0] || r->nsuggested == RESUME_SUGGESTED || on_resume(r->content, skill))
        return;
    for (size_t i = 0; i < r->nsuggested; i++)
        if (strcmp(r->suggested[i], skill) == 0)
            return;
    r->suggested[r->nsuggested++] = dt_oom_strdup(skill);
}

/* The skills tagged most, then those the stories name, that the resume does not list yet. */
static enum dt_status find_suggestions(struct resume *r, struct app *a)
{
    for (size_t i = 0; i < r->nsuggested; i++)
        free(r->suggested[i]);
    r->nsuggested = 0;
    struct skill_count *top = NULL;
    size_t ntop = 0;
    enum dt_status status = store_skills_top(app_store(a), app_user(a), RESUME_SUGGESTED, &top,
                                             &ntop);
    for (size_t i = 0; status == DT_OK && i < ntop; i++)
        suggest(r, top[i].skill.name);
    free(top);
    for (size_t i = 0; i < r->nstories; i++) {
        const cJSON *s;
        cJSON_ArrayForEach (s, cJSON_GetObjectItemCaseSensitive(r->story[i], STORY_SKILLS))
            if (cJSON_IsString(s))
                suggest(r, s->valuestring);
    }
    return status;
}

/* The screen's own choices. */
enum resume_choice { RESUME_ADD_SKILLS = 1, RESUME_EXPORT };

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    struct resume *r = s->priv;
    struct store *st = app_store(s->app);
    struct tool_instance ti;
    enum dt_status status = store_tools_get(st, app_user(s->app), arg->entry, &ti);
    if (status == DT_NOT_FOUND)
        app_error(s->app, "that resume is not there any more.");
    if (status != DT_OK)
        return status;
    bool is_resume = strcmp(ti.tool_type, TOOL_RESUME_BUILDER) == 0;
    memcpy(r->instance_id, ti.id, sizeof r->instance_id);
    r->content = cJSON_Parse(ti.content_json);
    store_tools_instance_clear(&ti);
    if (!is_resume || !cJSON_IsObject(r->content)) {
        app_error(s->app, "that entry is not a resume.");
        return DT_INVALID;
    }
    status = store_tools_list(st, app_user(s->app), TOOL_SOARED_STORY, &r->stories, &r->nloaded);
    /* the newest are offered; the rest stay in the tool */
    r->nstories = r->nloaded < RESUME_STORIES ? r->nloaded : RESUME_STORIES;
    if (status == DT_OK)
        r->story = dt_oom_calloc(r->nstories + 1, sizeof *r->story);
    for (size_t i = 0; status == DT_OK && i < r->nstories; i++)
        r->story[i] = cJSON_Parse(r->stories[i].content_json);
    return status == DT_OK ? find_suggestions(r, s->app) : status;
}

static void leave(struct screen *s)
{
    struct resume *r = s->priv;
    for (size_t i = 0; r->story && i < r->nstories; i++)
        cJSON_Delete(r->story[i]);
    free(r->story);
    for (size_t i = 0; i < r->nsuggested; i++)
        free(r->suggested[i]);
    store_tools_list_free(&r->stories, r->nloaded);
    cJSON_Delete(r->content);
}

static bool chosen(const struct resume *r, size_t i)
{
    const cJSON *id;
    cJSON_ArrayForEach (id, cJSON_GetObjectItemCaseSensitive(r->content, RESUME_STORY_IDS))
        if (cJSON_IsString(id) && strcmp(id->valuestring, r->stories[i].id) == 0)
            return true;
    return false;
}

/* The chosen stories as highlights: the title and what changed (or, lacking a result, what was
 * done). Pointers into the stories' content; the caller frees the array. */
static struct resume_highlight *highlights(const struct resume *r, size_t *n)
{
    struct resume_highlight *h = dt_oom_calloc(r->nstories + 1, sizeof *h);
    *n = 0;
    for (size_t i = 0; h && i < r->nstories; i++) {
        if (!chosen(r, i) || !r->story[i])
            continue;
        const char *text = tf_text(r->story[i], STORY_RESULT);
        h[*n].title = tf_text(r->story[i], STORY_TITLE) ? tf_text(r->story[i], STORY_TITLE)
                                                        : "A story";
        h[*n].text = text                                 ? text
                     : tf_text(r->story[i], STORY_ACTION) ? tf_text(r->story[i], STORY_ACTION)
                                                          : "";
        (*n)++;
    }
    return h;
}

static void build(const struct screen *s, struct doc *d)
{
    const struct resume *r = s->priv;
    const char *name = tf_text(r->content, RESUME_NAME);
    doc_heading(d, 1, doc_printf(d, "Resume: %s", name ? name : "Untitled"));
    doc_para(d, DOC_ROLE_INSTRUCTION,
             "Choose the stories that show you at your best; each appears as a highlight with"
             " its result. Then read the preview and save it as files you can send or print.");
    if (r->nstories == 0) {
        doc_para(d, DOC_ROLE_NOTE,
                 "No SOARED stories yet: write one in the SOARED Stories tool and"
                 " it can stand here as a highlight.");
    } else {
        const char *options[RESUME_STORIES];
        unsigned long long mask = 0;
        for (size_t i = 0; i < r->nstories; i++) {
            const char *title = r->story[i] ? tf_text(r->story[i], STORY_TITLE) : NULL;
            options[i] = title ? title : "A story without a title";
            if (chosen(r, i))
                mask |= 1ULL << i;
        }
        struct doc_field *f = doc_field(d, DOC_FIELD_CHOICES, RESUME_STORY_IDS,
                                        "SOARED stories to show as highlights");
        doc_field_options(d, f, r->nstories, options);
        f->chosen = mask;
    }
    if (r->nsuggested > 0) {
        char names[600] = "";
        for (size_t i = 0; i < r->nsuggested && strlen(names) < 400; i++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "",
                     r->suggested[i]);
        store_trim_partial_utf8(names);
        screen_choice(d, RESUME_ADD_SKILLS, 0,
                      doc_printf(d, "Add the skills your stories and tags name: %s", names));
    }
    size_t nh = 0;
    struct resume_highlight *h = highlights(r, &nh);
    char *text = h ? resume_write(r->content, h, nh, false) : NULL;
    free(h);
    doc_heading(d, 2, "Preview");
    /* a paragraph per block of the text (its lines kept), as the file sets them apart */
    for (char *block = text; block && *block;) {
        char *end = strstr(block, "\n\n");
        size_t len = end ? (size_t)(end - block) : strlen(block);
        while (len && block[len - 1] == '\n')
            len--;
        if (len)
            doc_para(d, DOC_ROLE_TEXT, doc_strn(d, block, len));
        block = end ? end + 2 : NULL;
    }
    free(text);
    if (app_shared(s->app)) /* a shared server writes no file: the text above is the copy */
        doc_para(d, DOC_ROLE_NOTE,
                 "On this server the resume is not written to a file: copy it from above.");
    else
        screen_choice(
            d, RESUME_EXPORT, 0,
            "Save it as files: dreamtree-resume.md and dreamtree-resume.txt in your home folder");
    doc_action(d, CMD_BACK, NULL, "Back");
}

static enum screen_result save(struct screen *s, struct resume *r)
{
    return tool_form_store(s->app, TOOL_RESUME_BUILDER, r->instance_id, r->content,
                           "The resume could not be saved");
}

static enum screen_result export_files(struct screen *s, struct resume *r)
{
    if (app_shared(s->app))
        return SCREEN_UNHANDLED;
    size_t nh = 0;
    struct resume_highlight *h = highlights(r, &nh);
    char *md = h ? resume_write(r->content, h, nh, true) : NULL;
    char *txt = h ? resume_write(r->content, h, nh, false) : NULL;
    free(h);
    char md_path[FILES_PATH_MAX], txt_path[FILES_PATH_MAX];
    enum dt_status status = md && txt ? store_files_export("dreamtree-resume.md", md, md_path)
                                      : DT_NOMEM;
    if (status == DT_OK)
        status = store_files_export("dreamtree-resume.txt", txt, txt_path);
    if (md)
        explicit_bzero(md, strlen(md));
    if (txt)
        explicit_bzero(txt, strlen(txt));
    free(md);
    free(txt);
    if (status == DT_INVALID) {
        app_error(s->app, "there is no home folder to save into: HOME must name a folder.");
        return SCREEN_REJECTED;
    }
    if (status != DT_OK) {
        app_fail(s->app, "The files could not be written", status);
        return SCREEN_REJECTED;
    }
    app_note(s->app, "Saved: %s and %s (readable only by you; files are not encrypted).", md_path,
             txt_path);
    return SCREEN_HANDLED;
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    struct resume *r = s->priv;
    if (ev->cmd == CMD_FIELD_CHANGED && ev->field_id &&
        strcmp(ev->field_id, RESUME_STORY_IDS) == 0) {
        cJSON *v = cJSON_Parse(ev->value);
        cJSON *ids = cJSON_CreateArray();
        const cJSON *i;
        cJSON_ArrayForEach (i, v)
            if (cJSON_IsNumber(i) && i->valueint >= 0 && (size_t)i->valueint < r->nstories)
                cJSON_AddItemToArray(ids, cJSON_CreateString(r->stories[i->valueint].id));
        cJSON_Delete(v);
        /* stories chosen before that are no longer among those offered stay chosen */
        const cJSON *old;
        cJSON_ArrayForEach (old, cJSON_GetObjectItemCaseSensitive(r->content, RESUME_STORY_IDS)) {
            bool offered = false;
            for (size_t k = 0; cJSON_IsString(old) && k < r->nstories; k++)
                offered |= strcmp(r->stories[k].id, old->valuestring) == 0;
            if (cJSON_IsString(old) && !offered)
                cJSON_AddItemToArray(ids, cJSON_CreateString(old->valuestring));
        }
        cJSON_DeleteItemFromObjectCaseSensitive(r->content, RESUME_STORY_IDS);
        cJSON_AddItemToObject(r->content, RESUME_STORY_IDS, ids);
        return save(s, r);
    }
    int choice;
    size_t index;
    bool chosen = ev->cmd == CMD_CHOOSE && screen_chosen(ev->arg, &choice, &index);
    if (chosen && choice == RESUME_ADD_SKILLS) {
        cJSON *skills = cJSON_GetObjectItemCaseSensitive(r->content, RESUME_SKILLS);
        if (!cJSON_IsArray(skills)) {
            cJSON_DeleteItemFromObjectCaseSensitive(r->content, RESUME_SKILLS);
            skills = cJSON_AddArrayToObject(r->content, RESUME_SKILLS);
        }
        for (size_t k = 0; k < r->nsuggested; k++)
            cJSON_AddItemToArray(skills, cJSON_CreateString(r->suggested[k]));
        size_t added = r->nsuggested;
        enum screen_result result = save(s, r);
        if (result == SCREEN_HANDLED) {
            find_suggestions(r, s->app);
            app_note(s->app, "%zu %s added to your resume.", added,
                     added == 1 ? "skill" : "skills");
            app_redisplay(s->app);
        }
        return result;
    }
    if (chosen && choice == RESUME_EXPORT)
        return export_files(s, r);
    return SCREEN_UNHANDLED;
}

const struct screen_ops resume_screen = {
    .title = "Resume",
    .priv_size = sizeof(struct resume),
    .enter = enter,
    .build = build,
    .command = command,
    .leave = leave,
};
