#include "today.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dailydos.h"
#include "progress.h"
#include "text.h"

static void item_text(const struct dailydo *item, char *buf, size_t size)
{
    if (item->subtitle[0])
        snprintf(buf, size, "%s: %s", item->title, item->subtitle);
    else
        store_copy_text(buf, size, item->title);
}

enum dt_status screens_today_lines(struct store *st, const char *user_id, FILE *out)
{
    struct dailydo *items = NULL;
    size_t n = 0;
    enum dt_status s = store_dailydos_list(st, user_id, &items, &n);
    for (size_t i = 0; s == DT_OK && i < n; i++) {
        char line[2 * PROGRESS_TITLE_LEN + 8];
        item_text(&items[i], line, sizeof line);
        if (tui_text_put_line(out, line) != 0)
            s = DT_IO;
    }
    free(items);
    return s;
}

static void heading(const struct store *st, FILE *out)
{
    time_t now = (time_t)store_now(st);
    struct tm tm;
    gmtime_r(&now, &tm);
    char date[64];
    strftime(date, sizeof date, "%A, %d %B %Y", &tm);
    fprintf(out, "DreamTree: Daily Dos for %s\n\n", date);
}

static enum dt_status position(struct store *st, const char *user_id, FILE *out)
{
    struct exercise_ref *seq = NULL;
    size_t nseq = 0;
    struct module_progress *mods = NULL;
    size_t nmods = 0;
    enum dt_status s = store_progress_sequence(st, &seq, &nseq);
    if (s == DT_OK)
        s = store_progress_modules(st, user_id, &mods, &nmods);
    int done_modules = 0;
    for (size_t i = 0; i < nmods; i++)
        done_modules += mods[i].complete;
    struct exercise_ref next;
    enum dt_status ns = s == DT_OK ? store_progress_next(st, user_id, &next) : s;
    char line[1024];
    if (s != DT_OK) {
        /* reported by the caller */
    } else if (nseq == 0) {
        tui_text_put_line(out, "Workbook: no exercises are loaded in this database yet.");
    } else if (ns == DT_NOT_FOUND) {
        snprintf(line, sizeof line, "Workbook: complete. All %zu exercises answered, %d of %zu modules done.",
                 nseq, done_modules, nmods);
        tui_text_put_line(out, line);
    } else if (ns == DT_OK) {
        char part_title[PROGRESS_TITLE_LEN], module_title[PROGRESS_TITLE_LEN];
        store_progress_title(st, next.part_id, part_title, sizeof part_title);
        store_progress_title(st, next.module_key, module_title, sizeof module_title);
        snprintf(line, sizeof line, "Workbook: exercise %d of %zu is next, %s (%s).",
                 next.sequence_order, nseq, next.title, next.full_exercise_id);
        tui_text_put_line(out, line);
        snprintf(line, sizeof line, "It is in Part %s, %s; module %s, %s.", next.part_id,
                 part_title[0] ? part_title : "untitled", next.module_key,
                 module_title[0] ? module_title : "untitled");
        tui_text_put_line(out, line);
        snprintf(line, sizeof line, "Modules complete: %d of %zu.", done_modules, nmods);
        tui_text_put_line(out, line);
    } else {
        s = ns;
    }
    free(seq);
    free(mods);
    return s;
}

enum dt_status screens_today_summary(struct store *st, const char *user_id, FILE *out)
{
    struct dailydo *items = NULL;
    size_t n = 0;
    enum dt_status s = store_dailydos_list(st, user_id, &items, &n);
    if (s != DT_OK)
        return s;
    heading(st, out);
    if (n == 0)
        tui_text_put_line(out, "Nothing is due today.");
    for (size_t i = 0; i < n; i++) {
        char text[2 * PROGRESS_TITLE_LEN + 8], line[2 * PROGRESS_TITLE_LEN + 32];
        item_text(&items[i], text, sizeof text);
        snprintf(line, sizeof line, "%zu. %s", i + 1, text);
        tui_text_put_line(out, line);
    }
    free(items);
    fputc('\n', out);
    s = position(st, user_id, out);
    return s;
}
