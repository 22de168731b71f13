/* Export or import (Settings): the workbook written to a file in the home folder (the export
 * file, or a Markdown book to read), and an export merged in after a preview of what it would
 * change (db/transfer.h). Nothing is imported until the person has seen the preview. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "app.h"
#include "book.h"
#include "exchange.h"
#include "files.h"
#include "import_plan.h"
#include "transfer.h"

enum transfer_choice { CHOOSE_EXPORT = 1, CHOOSE_PREVIEW, CHOOSE_APPLY, CHOOSE_BOOK };

#define PLAN_LINES 16

struct transfer_screen {
    bool markdown;
    char written[FILES_PATH_MAX]; /* the last export's path, "" for none */
    char path[FILES_PATH_MAX];    /* the file to import, as typed */
    char password[ACCOUNTS_PASSWORD_MAX + 1];
    bool needs_password;
    bool previewed; /* x holds the checked file and plan what it would do */
    struct exchange x;
    struct import_plan plan;
    char lines[PLAN_LINES][512];
    size_t nlines;
    char *book; /* a shared server: the Markdown book, shown to copy (malloc'd) */
};

static void forget_file(struct transfer_screen *t)
{
    if (t->previewed)
        exchange_free(&t->x);
    t->previewed = false;
    t->nlines = 0;
}

static enum dt_status enter(struct screen *s, const struct screen_arg *arg)
{
    (void)s;
    (void)arg;
    return DT_OK;
}

static void leave(struct screen *s)
{
    struct transfer_screen *t = s->priv;
    forget_file(t);
    if (t->book)
        explicit_bzero(t->book, strlen(t->book));
    free(t->book);
    t->book = NULL;
    explicit_bzero(t->password, sizeof t->password);
}

static void build(const struct screen *s, struct doc *d)
{
    const struct transfer_screen *t = s->priv;
    doc_heading(d, 1, "Export or import");
    if (app_shared(s->app)) { /* a shared server writes no file and reads none of yours */
        doc_para(d, DOC_ROLE_TEXT,
                 "On this server your workbook is never written to a file. To take a copy, run"
                 " this on your own computer:");
        doc_para(d, DOC_ROLE_TEXT, "ssh THIS-SERVER export > dreamtree-export.json");
        doc_para(d, DOC_ROLE_NOTE,
                 "The copy is the DreamTree file: when your workbook is claimed, your writing"
                 " stays encrypted in it, and your password opens it in DreamTree elsewhere.");
        if (!t->book) {
            screen_choice(d, CHOOSE_BOOK, 0, "Show everything I wrote, as a book to copy");
        } else { /* the book's paragraphs, as they are written in the file */
            doc_heading(d, 2, "Everything you wrote");
            for (const char *block = t->book; *block;) {
                const char *end = strstr(block, "\n\n");
                size_t len = end ? (size_t)(end - block) : strlen(block);
                if (len)
                    doc_para(d, DOC_ROLE_TEXT, doc_strn(d, block, len));
                block = end ? end + 2 : block + len;
            }
        }
        doc_action(d, CMD_BACK, NULL, "Back");
        return;
    }
    doc_heading(d, 2, "Export");
    doc_para(d, DOC_ROLE_TEXT,
             "Write your workbook to a file in your home folder. The DreamTree file can be"
             " imported here or on another computer; when your workbook is claimed, your writing"
             " stays encrypted in it and your password opens it there. The Markdown book is for"
             " reading, and is never encrypted.");
    struct doc_field *f = doc_field(d, DOC_FIELD_CHOICE, "format", "What to write");
    const char *formats[] = {"The DreamTree file (dreamtree-export.json)",
                             "A Markdown book to read (dreamtree-book.md)"};
    doc_field_options(d, f, 2, formats);
    f->chosen = t->markdown ? 2 : 1;
    screen_choice(d, CHOOSE_EXPORT, 0, "Export");
    if (t->written[0])
        doc_para(d, DOC_ROLE_NOTE,
                 doc_printf(d, "Written to %s, readable only by you.%s", t->written,
                            strstr(t->written, ".md") ? " It is not encrypted." : ""));

    doc_heading(d, 2, "Import");
    doc_para(d, DOC_ROLE_TEXT,
             "Merge a DreamTree file into this workbook. It is checked first and you see what"
             " would change; nothing changes until you choose to merge. For each module the"
             " newer answers win; tool entries already here are not added twice.");
    f = doc_field(d, DOC_FIELD_LINE, "path", "The file to import");
    f->hint = doc_str(d, "A path, such as ~/dreamtree-export.json");
    f->text = t->path[0] ? t->path : NULL;
    f->max_len = FILES_PATH_MAX - 1;
    if (t->needs_password) {
        f = doc_field(d, DOC_FIELD_LINE, "password", "The file's password");
        f->hint = doc_str(d, "The password its workbook had when it was exported.");
        f->secret = true;
        f->text = t->password[0] ? t->password : NULL;
    }
    screen_choice(d, CHOOSE_PREVIEW, 0, "Check it and show what would change");
    if (t->previewed) {
        for (size_t i = 0; i < t->nlines; i++) { /* the changes, one a line */
            const char *line = t->lines[i] + strspn(t->lines[i], " ");
            doc_para(d, DOC_ROLE_TEXT, i < 2 ? line : doc_printf(d, "- %s", line));
        }
        screen_choice(d, CHOOSE_APPLY, 0, "Merge it into my workbook");
    }
    doc_action(d, CMD_BACK, NULL, "Back");
}

static enum screen_result write_export(struct screen *s)
{
    struct transfer_screen *t = s->priv;
    struct store *st = app_store(s->app);
    struct exchange x;
    enum dt_status r = store_export_user(st, app_user(s->app),
                                         t->markdown ? TRANSFER_CLEAR : TRANSFER_AS_STORED, &x);
    char *text = NULL;
    if (r == DT_OK) {
        text = t->markdown ? book_markdown(st, app_user(s->app), &x, &r) : exchange_write(&x);
        exchange_free(&x);
    }
    if (text) {
        r = store_files_export(t->markdown ? "dreamtree-book.md" : "dreamtree-export.json", text,
                               t->written);
        explicit_bzero(text, strlen(text));
        free(text);
    }
    if (r != DT_OK) {
        t->written[0] = '\0';
        app_fail(s->app, "The export could not be written", r);
        return SCREEN_REJECTED;
    }
    app_note(s->app, "Exported.");
    return SCREEN_HANDLED;
}

/* A shared server writes no file: the Markdown book is put on the screen, to copy. */
static enum screen_result show_book(struct screen *s)
{
    struct transfer_screen *t = s->priv;
    struct exchange x;
    enum dt_status r = store_export_user(app_store(s->app), app_user(s->app), TRANSFER_CLEAR, &x);
    if (r == DT_OK) {
        free(t->book);
        t->book = book_markdown(app_store(s->app), app_user(s->app), &x, &r);
        exchange_free(&x);
    }
    if (!t->book) {
        app_fail(s->app, "Your writing could not be shown", r);
        return SCREEN_REJECTED;
    }
    return SCREEN_HANDLED;
}

static void add_line(void *ctx, const char *text)
{
    struct transfer_screen *t = ctx;
    if (t->nlines < PLAN_LINES)
        store_copy_text(t->lines[t->nlines++], sizeof t->lines[0], text);
}

static enum screen_result preview(struct screen *s)
{
    struct transfer_screen *t = s->priv;
    forget_file(t);
    char path[FILES_PATH_MAX];
    const char *home = getenv("HOME");
    if (t->path[0] == '~' && t->path[1] == '/' && home)
        snprintf(path, sizeof path, "%s%s", home, t->path + 1);
    else
        store_copy_text(path, sizeof path, t->path);
    if (!path[0]) {
        app_error(s->app, "type the path of the file to import first.");
        return SCREEN_REJECTED;
    }
    char *text = NULL, err[EXCHANGE_ERR_LEN];
    size_t len = 0;
    enum dt_status r = store_files_read(path, EXCHANGE_MAX_BYTES, &text, &len);
    if (r != DT_OK) {
        app_error(s->app, "%s",
                  r == DT_NOT_FOUND ? "there is no file there."
                  : r == DT_INVALID ? "that is not a file, or it is larger than an export can be."
                                    : "that file could not be read.");
        return SCREEN_REJECTED;
    }
    r = exchange_parse(text, len, &t->x, err);
    free(text);
    if (r != DT_OK) {
        app_error(s->app, "that file cannot be imported: %s", err);
        return SCREEN_REJECTED;
    }
    r = store_import(app_store(s->app), app_user(s->app), &t->x,
                     t->password[0] ? t->password : NULL, false, &t->plan, err);
    if (r == DT_KEY_LOCKED && t->x.encryption.present) {
        exchange_free(&t->x);
        t->needs_password = true;
        app_focus_field(s->app, "password"); /* the question just added is the one to answer */
        app_error(s->app, "this file is encrypted: type the password its workbook had when it"
                          " was exported, then check it again.");
        return SCREEN_REJECTED;
    }
    if (r != DT_OK) {
        exchange_free(&t->x);
        if (r == DT_WRONG_PASSWORD) {
            app_focus_field(s->app, "password");
            app_error(s->app, "that password does not open this file.");
        } else if (r == DT_INVALID)
            app_error(s->app, "that file cannot be imported: %s", err);
        else
            app_fail(s->app, "The file could not be checked", r);
        return SCREEN_REJECTED;
    }
    t->previewed = true;
    import_plan_lines("The file", &t->x, &t->plan, add_line, t);
    return SCREEN_HANDLED;
}

static enum screen_result apply(struct screen *s)
{
    struct transfer_screen *t = s->priv;
    if (!t->previewed)
        return preview(s);
    char err[EXCHANGE_ERR_LEN];
    enum dt_status r = store_import(app_store(s->app), app_user(s->app), &t->x,
                                    t->password[0] ? t->password : NULL, true, &t->plan, err);
    forget_file(t);
    explicit_bzero(t->password, sizeof t->password);
    if (r != DT_OK) {
        if (r == DT_INVALID)
            app_error(s->app, "nothing was imported: %s", err);
        else
            app_fail(s->app, "Nothing was imported", r);
        return SCREEN_REJECTED;
    }
    t->needs_password = false;
    app_note(s->app, "Imported. Your workbook now holds what the file added.");
    return SCREEN_HANDLED;
}

static enum screen_result command(struct screen *s, const struct tui_event *ev)
{
    struct transfer_screen *t = s->priv;
    if (ev->cmd == CMD_FIELD_CHANGED && ev->field_id) {
        cJSON *v = cJSON_Parse(ev->value);
        const char *text = cJSON_GetStringValue(v);
        if (strcmp(ev->field_id, "format") == 0 && cJSON_IsNumber(v))
            t->markdown = v->valueint == 1;
        else if (strcmp(ev->field_id, "path") == 0) {
            store_copy_text(t->path, sizeof t->path, text);
            forget_file(t); /* another file: check it again */
        } else if (strcmp(ev->field_id, "password") == 0)
            store_copy_text(t->password, sizeof t->password, text);
        if (text)
            explicit_bzero(v->valuestring, strlen(v->valuestring));
        cJSON_Delete(v);
        return SCREEN_HANDLED;
    }
    int choice;
    size_t index;
    if (ev->cmd != CMD_CHOOSE || !screen_chosen(ev->arg, &choice, &index))
        return SCREEN_UNHANDLED;
    if (app_shared(s->app)) /* only the book, shown: nothing is written or read as a file */
        return choice == CHOOSE_BOOK ? show_book(s) : SCREEN_UNHANDLED;
    switch (choice) {
    case CHOOSE_EXPORT: return write_export(s);
    case CHOOSE_PREVIEW: return preview(s);
    case CHOOSE_APPLY: return apply(s);
    default: return SCREEN_UNHANDLED;
    }
}

const struct screen_ops transfer_screen = {
    .title = "Export or import",
    .priv_size = sizeof(struct transfer_screen),
    .enter = enter,
    .build = build,
    .command = command,
    .leave = leave,
};
