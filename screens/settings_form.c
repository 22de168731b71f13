#include "settings_form.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "palette.h"
#include "preferences.h"

static enum dt_status settings_form_load(struct settings_form *f, struct app *a)
{
    struct store *st = app_store(a);
    struct user_preferences prefs;
    enum dt_status s = store_users_settings(st, app_user(a), &f->settings);
    if (s == DT_OK)
        s = store_preferences_get(st, app_user(a), &prefs);
    if (s == DT_OK)
        s = store_personality_list(st, &f->types, &f->ntypes);
    f->text_mode = f->text_mode_was = s == DT_OK && prefs.text_mode;
    f->idle_lock_minutes = f->idle_lock_minutes_was = s == DT_OK ? prefs.idle_lock_minutes : 15;
    struct account acc;
    f->claimed = s == DT_OK && store_accounts_get(st, app_user(a), &acc) == DT_OK && acc.claimed;
    f->settings_was = f->settings;
    return s;
}

static void settings_form_free(struct settings_form *f)
{
    store_personality_list_free(&f->types, f->ntypes);
    f->ntypes = 0;
}

enum dt_status settings_form_enter(struct screen *s, const struct screen_arg *arg)
{
    (void)arg;
    return settings_form_load(s->priv, s->app);
}

void settings_form_leave(struct screen *s)
{
    settings_form_free(s->priv);
}

/* The text colours that may go on the form's background, in table order. */
static size_t allowed_texts(const struct settings_form *f, int out[TUI_PALETTE_NTEXTS])
{
    int bg = tui_palette_find_background(f->settings.background_color);
    return tui_palette_allowed_texts(bg < 0 ? 0 : bg, out);
}

/* The idle lock's choices, in minutes (0: never). */
static const int idle_minutes[] = {5, 15, 30, 60, 0};
#define IDLE_CHOICES (sizeof idle_minutes / sizeof *idle_minutes)

static int chosen(const char *id, const struct tui_palette_colour *table, const int *order,
                  size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(table[order ? order[i] : (int)i].id, id) == 0)
            return (int)i;
    return -1;
}

void settings_form_build(const struct settings_form *f, struct doc *d)
{
    const char *labels[DOC_MAX_OPTIONS];
    int index;
    struct doc_field *x;

    x = doc_field(d, DOC_FIELD_CHOICE, "background", "Background colour");
    for (size_t i = 0; i < TUI_PALETTE_NBACKGROUNDS; i++)
        labels[i] = doc_printf(d, "%s (%s)", tui_palette_backgrounds[i].name,
                               tui_palette_backgrounds[i].dark ? "dark" : "light");
    doc_field_options(d, x, TUI_PALETTE_NBACKGROUNDS, labels);
    index = chosen(f->settings.background_color, tui_palette_backgrounds, NULL,
                   TUI_PALETTE_NBACKGROUNDS);
    x->chosen = index >= 0 ? 1ULL << index : 0;

    int texts[TUI_PALETTE_NTEXTS];
    size_t ntexts = allowed_texts(f, texts);
    x = doc_field(d, DOC_FIELD_CHOICE, "text_color", "Text colour");
    x->hint = doc_str(d, "Only colours that are easy to read on your background are offered.");
    for (size_t i = 0; i < ntexts; i++)
        labels[i] = tui_palette_texts[texts[i]].name;
    doc_field_options(d, x, ntexts, labels);
    index = chosen(f->settings.text_color, tui_palette_texts, texts, ntexts);
    x->chosen = index >= 0 ? 1ULL << index : 0;

    x = doc_field(d, DOC_FIELD_CHOICE, "font", "Font");
    x->hint = doc_str(d, "A terminal keeps its own typeface; each choice sets headings, prompts"
                         " and reflections in its own way.");
    for (size_t i = 0; i < TUI_PALETTE_NFONTS; i++)
        labels[i] = doc_printf(d, "%s: %s", tui_palette_fonts[i].name,
                               tui_palette_fonts[i].summary);
    doc_field_options(d, x, TUI_PALETTE_NFONTS, labels);
    index = tui_palette_find_font(f->settings.font);
    x->chosen = index >= 0 ? 1ULL << index : 0;

    x = doc_field(d, DOC_FIELD_CHOICE, "text_mode", "How DreamTree is shown");
    const char *modes[] = {"Full screen, moved around with the keys",
                           "Text mode: one line at a time, numbered menus (for screen readers)"};
    doc_field_options(d, x, 2, modes);
    x->chosen = f->text_mode ? 2 : 1;

    x = doc_field(d, DOC_FIELD_CHOICE, "personality", "Your personality type (optional)");
    x->hint = doc_str(d, "If you know your four-letter type, DreamTree uses it on your profile."
                         " Module 1.1 helps you work it out.");
    labels[0] = "Not set";
    size_t n = 1;
    for (size_t i = 0; i < f->ntypes && n < DOC_MAX_OPTIONS; i++, n++)
        labels[n] = doc_printf(d, "%s, %s", f->types[i].code, f->types[i].name);
    doc_field_options(d, x, n, labels);
    x->chosen = 1;
    for (size_t i = 0; i < f->ntypes; i++)
        if (strcmp(f->types[i].code, f->settings.personality_type) == 0)
            x->chosen = 1ULL << (i + 1);

    if (!f->claimed)
        return;
    x = doc_field(d, DOC_FIELD_CHOICE, "idle_lock", "Lock my workbook when I leave it");
    x->hint = doc_str(d, "With no key pressed for this long, DreamTree saves what you were"
                         " typing and locks; your password opens it again.");
    const char *idle[] = {"After 5 minutes", "After 15 minutes", "After 30 minutes",
                          "After an hour", "Never"};
    doc_field_options(d, x, IDLE_CHOICES, idle);
    for (size_t i = 0; i < IDLE_CHOICES; i++)
        if (idle_minutes[i] == f->idle_lock_minutes)
            x->chosen = 1ULL << i;
}

enum screen_result settings_form_change(struct settings_form *f, struct app *a,
                                        const struct tui_event *ev)
{
    if (ev->cmd != CMD_FIELD_CHANGED || !ev->field_id)
        return SCREEN_UNHANDLED;
    cJSON *v = cJSON_Parse(ev->value);
    int i = cJSON_IsNumber(v) ? v->valueint : -1;
    cJSON_Delete(v);
    const char *id = ev->field_id;
    int texts[TUI_PALETTE_NTEXTS];
    if (strcmp(id, "background") == 0 && i >= 0 && i < TUI_PALETTE_NBACKGROUNDS) {
        store_copy_text(f->settings.background_color, sizeof f->settings.background_color,
                        tui_palette_backgrounds[i].id);
        int fg = tui_palette_find_text(f->settings.text_color);
        if (fg < 0 || !tui_palette_pair_ok(i, fg)) { /* keep the pair readable */
            size_t n = allowed_texts(f, texts);
            if (n) {
                app_note(a, "%s text would be hard to read on %s; it is now %s.",
                         fg < 0 ? "That" : tui_palette_texts[fg].name,
                         tui_palette_backgrounds[i].name, tui_palette_texts[texts[0]].name);
                store_copy_text(f->settings.text_color, sizeof f->settings.text_color,
                                tui_palette_texts[texts[0]].id);
            }
        }
        return SCREEN_HANDLED;
    }
    if (strcmp(id, "text_color") == 0) {
        size_t n = allowed_texts(f, texts);
        if (i < 0 || (size_t)i >= n) {
            app_error(a, "choose one of the colours offered.");
            return SCREEN_REJECTED;
        }
        store_copy_text(f->settings.text_color, sizeof f->settings.text_color,
                        tui_palette_texts[texts[i]].id);
        return SCREEN_HANDLED;
    }
    if (strcmp(id, "font") == 0 && i >= 0 && i < TUI_PALETTE_NFONTS) {
        store_copy_text(f->settings.font, sizeof f->settings.font, tui_palette_fonts[i].id);
        return SCREEN_HANDLED;
    }
    if (strcmp(id, "text_mode") == 0 && (i == 0 || i == 1)) {
        f->text_mode = i == 1;
        return SCREEN_HANDLED;
    }
    if (strcmp(id, "idle_lock") == 0 && f->claimed && i >= 0 && (size_t)i < IDLE_CHOICES) {
        f->idle_lock_minutes = idle_minutes[i];
        return SCREEN_HANDLED;
    }
    if (strcmp(id, "personality") == 0 && i >= 0 && (size_t)i <= f->ntypes) {
        store_copy_text(f->settings.personality_type, sizeof f->settings.personality_type,
                        i == 0 ? "" : f->types[i - 1].code);
        return SCREEN_HANDLED;
    }
    app_error(a, "that is not one of the choices.");
    return SCREEN_REJECTED;
}

bool settings_form_changed(const struct settings_form *f)
{
    const struct user_settings *a = &f->settings, *b = &f->settings_was;
    return f->text_mode != f->text_mode_was || f->idle_lock_minutes != f->idle_lock_minutes_was ||
           strcmp(a->background_color, b->background_color) ||
           strcmp(a->text_color, b->text_color) || strcmp(a->font, b->font) ||
           strcmp(a->personality_type, b->personality_type);
}

bool settings_form_appearance(const struct screen *s, struct tui_appearance *out)
{
    const struct settings_form *f = s->priv;
    memset(out, 0, sizeof *out);
    store_copy_text(out->background, sizeof out->background, f->settings.background_color);
    store_copy_text(out->text_color, sizeof out->text_color, f->settings.text_color);
    store_copy_text(out->font, sizeof out->font, f->settings.font);
    out->text_mode = f->text_mode_was;
    return true;
}

bool settings_form_save(const struct settings_form *f, struct app *a)
{
    struct user_preferences prefs = {.text_mode = f->text_mode,
                                     .idle_lock_minutes = f->idle_lock_minutes};
    enum dt_status s = store_users_save_settings(app_store(a), app_user(a), &f->settings);
    if (s == DT_OK)
        s = store_preferences_set(app_store(a), app_user(a), &prefs);
    if (s != DT_OK)
        app_fail(a, "The settings could not be saved", s);
    return s == DT_OK;
}
