#include "today.h"

#include <stdlib.h>
#include <string.h>

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
