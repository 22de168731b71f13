#include "searches.h"

#include <cjson/cJSON.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "accounts.h"
#include "fold.h"
#include "oom.h"
#include "store_internal.h"
#include "tools.h"

#define SNIPPET_BEFORE 40 /* characters shown before the words */
#define SNIPPET_CHARS 110 /* characters shown in all */

/* One of the three kinds of row that hold writing. Every statement gives the row's seal key
 * (the full exercise id, or the instance id), the JSON and its time first; a tool's rows then
 * give the tool type, the origin and when it was made. No ORDER BY: the rows are few enough to
 * rank here, and SQLite need not sort them aside. */
struct source {
    enum search_kind kind;
    const char *sql;
    const char *column;
};

static const struct source sources[] = {
    {SEARCH_ANSWER,
     "SELECT full_exercise_id, response_json, responded_at FROM exercise_responses"
     " WHERE user_id = ?1",
     SEALED_RESPONSE},
    {SEARCH_DRAFT, "SELECT full_exercise_id, draft_json, saved_at FROM drafts WHERE user_id = ?1",
     SEALED_DRAFT},
    {SEARCH_TOOL_ENTRY,
     "SELECT id, content_json, updated_at, tool_type, origin, created_at FROM tool_instances"
     " WHERE user_id = ?1",
     SEALED_TOOL},
};

/* Newest first; then answers, drafts, entries; then by where, so the order never wavers. */
static int newer_first(const struct search_hit *a, const struct search_hit *b)
{
    int c = strcmp(b->when, a->when);
    if (!c)
        c = (a->kind > b->kind) - (a->kind < b->kind);
    if (!c)
        c = strcmp(a->exercise, b->exercise);
    if (!c)
        c = strcmp(a->entry, b->entry);
    if (!c)
        c = strcmp(a->field, b->field);
    return c;
}

static int compare_hits(const void *a, const void *b)
{
    return newer_first(a, b);
}

/* The hits kept so far: at most SEARCH_MAX_RESULTS, the newest; the rest only counted. Once
 * full they are a heap with the oldest on top, so a newer hit takes its place in log n steps. */
struct gather {
    struct search_results *out;
    size_t total;
};

static void swap_hits(struct search_hit *a, struct search_hit *b)
{
    struct search_hit t = *a;
    *a = *b;
    *b = t;
    sodium_memzero(&t, sizeof t);
}

/* Moves hit i down until neither child is older. */
static void sift_down(struct search_hit *hits, size_t n, size_t i)
{
    for (;;) {
        size_t oldest = i, l = 2 * i + 1, r = l + 1;
        if (l < n && newer_first(&hits[l], &hits[oldest]) > 0)
            oldest = l;
        if (r < n && newer_first(&hits[r], &hits[oldest]) > 0)
            oldest = r;
        if (oldest == i)
            return;
        swap_hits(&hits[i], &hits[oldest]);
        i = oldest;
    }
}

static void keep(struct gather *g, const struct search_hit *h)
{
    struct search_results *r = g->out;
    g->total++;
    if (r->n < SEARCH_MAX_RESULTS) {
        if (!r->hits)
            r->hits = dt_oom_calloc(SEARCH_MAX_RESULTS, sizeof *r->hits);
        r->hits[r->n++] = *h;
        if (r->n == SEARCH_MAX_RESULTS)
            for (size_t i = r->n / 2; i-- > 0;)
                sift_down(r->hits, r->n, i);
        return;
    }
    if (newer_first(h, &r->hits[0]) >= 0) /* older than every hit kept */
        return;
    sodium_memzero(&r->hits[0], sizeof *r->hits);
    r->hits[0] = *h;
    sift_down(r->hits, r->n, 0);
}

/* Copies text's bytes [from, to) to *w, white space runs made one space (none at begin);
 * false when the room left (up to end) would not hold the next character. */
static bool put_spaced(char **w, const char *begin, const char *end, const char *text, size_t from,
                       size_t to)
{
    for (size_t i = from; i < to;) {
        int step = u8_mblen((const uint8_t *)text + i, to - i);
        if (step < 1)
            step = 1;
        bool space = text[i] == ' ' || (text[i] >= '\t' && text[i] <= '\r');
        if (space && *w > begin && (*w)[-1] != ' ') {
            if (*w + 1 > end)
                return false;
            *(*w)++ = ' ';
        } else if (!space) {
            if (*w + step > end)
                return false;
            memcpy(*w, text + i, (size_t)step);
            *w += step;
        }
        i += (size_t)step;
    }
    return true;
}

/* Steps back (or on) over n whole characters of text from byte at; stops at either end. */
static size_t chars_back(const char *text, size_t at, int n)
{
    while (n-- > 0 && at > 0) {
        at--;
        while (at > 0 && ((unsigned char)text[at] & 0xC0) == 0x80)
            at--;
    }
    return at;
}

static size_t chars_on(const char *text, size_t len, size_t at, int n)
{
    while (n-- > 0 && at < len) {
        int step = u8_mblen((const uint8_t *)text + at, len - at);
        at += (size_t)(step > 0 ? step : 1);
    }
    return at;
}

static int count_chars(const char *text, size_t from, size_t to)
{
    int n = 0;
    for (size_t i = from; i < to; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

static bool is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The words at [start, end) of text with some of the text around them. */
static void make_snippet(char out[SEARCH_SNIPPET_LEN], const char *text, size_t start, size_t end)
{
    static const char ellipsis[] = "\xE2\x80\xA6";
    size_t len = strlen(text);
    size_t from = chars_back(text, start, SNIPPET_BEFORE);
    /* begin at a word's start: past the rest of a word cut into, when a space follows it */
    if (from > 0 && !is_space(text[from - 1])) {
        size_t next = from;
        while (next < start && !is_space(text[next]))
            next++;
        if (next < start)
            from = next;
    }
    while (from < start && is_space(text[from]))
        from++;
    int used = count_chars(text, from, end);
    size_t to = chars_on(text, len, end, used < SNIPPET_CHARS ? SNIPPET_CHARS - used : 0);
    /* and end at a word's end, when one ends after the words found */
    if (to < len && !is_space(text[to])) {
        size_t back = to;
        while (back > end && !is_space(text[back - 1]))
            back--;
        if (back > end)
            to = back;
    }
    /* room for a leading and a trailing ellipsis and the NUL */
    char *w = out, *room = out + SEARCH_SNIPPET_LEN - 2 * (sizeof ellipsis - 1) - 1;
    if (from > 0) {
        memcpy(w, ellipsis, sizeof ellipsis - 1);
        w += sizeof ellipsis - 1;
        room += sizeof ellipsis - 1;
    }
    char *begin = w;
    bool whole = put_spaced(&w, begin, room, text, from, to);
    while (w > begin && w[-1] == ' ')
        w--;
    if (!whole || to < len) {
        memcpy(w, ellipsis, sizeof ellipsis - 1);
        w += sizeof ellipsis - 1;
    }
    *w = '\0';
}

/* The first string under node that holds the folded query; its offsets into *start, *end. */
static const cJSON *first_match(const cJSON *node, const char *folded, size_t *start, size_t *end)
{
    if (cJSON_IsString(node) && node->valuestring)
        return dt_fold_find(node->valuestring, folded, start, end) ? node : NULL;
    for (const cJSON *c = node->child; c; c = c->next) {
        const cJSON *hit = first_match(c, folded, start, end);
        if (hit)
            return hit;
    }
    return NULL;
}

/* How often the folded query is in the strings under node, counted up to SEARCH_TIMES_MAX
 * (non-overlapping, so "aa" is twice in "aaaa"). */
static unsigned count_matches(const cJSON *node, const char *folded, unsigned so_far)
{
    if (cJSON_IsString(node) && node->valuestring) {
        size_t len = 0, qlen = strlen(folded);
        char *text = dt_fold(node->valuestring, &len);
        for (const char *at = text; at && so_far < SEARCH_TIMES_MAX && (at = strstr(at, folded));
             at += qlen)
            so_far++;
        if (text)
            store_wipe_free(text);
        return so_far;
    }
    for (const cJSON *c = node->child; c && so_far < SEARCH_TIMES_MAX; c = c->next)
        so_far = count_matches(c, folded, so_far);
    return so_far;
}

/* Zeroes every string of a parsed text before it is freed: they are the person's words. */
static void wipe_json(cJSON *node)
{
    for (; node; node = node->next) {
        if (node->valuestring)
            sodium_memzero(node->valuestring, strlen(node->valuestring));
        if (node->string)
            sodium_memzero(node->string, strlen(node->string));
        wipe_json(node->child);
    }
}

/* What a row's statement gives besides its JSON. */
struct row {
    enum search_kind kind;
    const char *key, *when, *tool, *origin, *created;
};

static void start_hit(struct search_hit *h, const struct row *row)
{
    memset(h, 0, sizeof *h);
    h->kind = row->kind;
    store_copy_text(h->when, sizeof h->when, row->when);
    if (row->kind == SEARCH_TOOL_ENTRY) {
        store_copy_text(h->entry, sizeof h->entry, row->key);
        store_copy_text(h->tool, sizeof h->tool, row->tool);
        store_copy_text(h->created, sizeof h->created, row->created);
        if (row->origin && strcmp(row->origin, "standalone") != 0)
            store_copy_text(h->exercise, sizeof h->exercise, row->origin);
    } else {
        store_copy_text(h->exercise, sizeof h->exercise, row->key);
    }
}

/* One hit per field of the row that holds the words. */
static void match_row(struct gather *g, const struct row *row, const cJSON *root,
                      const char *folded, const char *title_key)
{
    const cJSON *fields = cJSON_IsObject(root) ? root->child : root;
    for (const cJSON *f = fields; f; f = cJSON_IsObject(root) ? f->next : NULL) {
        size_t start = 0, end = 0;
        const cJSON *at = first_match(f, folded, &start, &end);
        if (!at)
            continue;
        struct search_hit h;
        start_hit(&h, row);
        if (cJSON_IsObject(root))
            store_copy_text(h.field, sizeof h.field, f->string);
        make_snippet(h.snippet, at->valuestring, start, end);
        h.times = count_matches(f, folded, 0);
        if (h.times < 1) /* found by dt_fold_find, so at least once whatever the count says */
            h.times = 1;
        const cJSON *title = title_key ? cJSON_GetObjectItemCaseSensitive(root, title_key) : NULL;
        if (cJSON_IsString(title) && title->valuestring)
            store_copy_text(h.entry_title, sizeof h.entry_title, title->valuestring);
        keep(g, &h);
        sodium_memzero(&h, sizeof h);
    }
}

/* What search_source does with a row: match it, or (the benchmark's floors) only open and
 * parse it, or only read it. */
enum row_work { ROW_MATCH, ROW_OPEN, ROW_READ };

static enum dt_status search_source(struct store *st, const char *user_id, const struct source *src,
                                    const char *folded, const char *(*title_key)(const char *),
                                    struct gather *g, enum row_work work)
{
    sqlite3_stmt *stmt = store_stmt(st, src->sql);
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    enum dt_status s = DT_OK;
    int rc;
    while (s == DT_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        char key[STORE_ID_LEN + 32], when[STORE_TIME_LEN], tool[40] = "", origin[32] = "",
                                                           created[STORE_TIME_LEN] = "";
        store_col_copy(stmt, 0, key, sizeof key);
        store_col_copy(stmt, 2, when, sizeof when);
        if (src->kind == SEARCH_TOOL_ENTRY) {
            store_col_copy(stmt, 3, tool, sizeof tool);
            store_col_copy(stmt, 4, origin, sizeof origin);
            store_col_copy(stmt, 5, created, sizeof created);
        }
        char *text = store_col_dup(stmt, 1);
        if (!text)
            continue;
        g->total += work != ROW_MATCH; /* the floors count rows */
        if (work == ROW_READ) {
            free(text);
            continue;
        }
        s = store_unseal(st, user_id, src->column, key, &text);
        if (s == DT_UNREADABLE) { /* one entry that does not open does not stop the search */
            s = DT_OK;
            free(text);
            continue;
        }
        cJSON *root = s == DT_OK ? cJSON_Parse(text) : NULL;
        if (root) {
            struct row row = {src->kind, key, when, tool, origin, created};
            if (work == ROW_MATCH)
                match_row(g, &row, root, folded,
                          title_key && src->kind == SEARCH_TOOL_ENTRY ? title_key(tool) : NULL);
            wipe_json(root);
            cJSON_Delete(root);
        }
        store_wipe_free(text);
    }
    if (s == DT_OK && rc != SQLITE_DONE)
        s = store_fail(st, rc);
    store_stmt_done(stmt);
    return s;
}

/* Ends text (cut short to fit size) after its last whole word, with an ellipsis. */
static void cut_at_word(char *text, size_t size)
{
    static const char ellipsis[] = "\xE2\x80\xA6";
    size_t n = strlen(text);
    while (n + sizeof ellipsis > size && n > 0) /* room for the ellipsis */
        n--;
    size_t space = n;
    while (space > 0 && text[space - 1] != ' ')
        space--;
    if (space > 0) /* a word that fills it all is cut where it must be */
        n = space;
    while (n > 0 && (text[n - 1] == ' ' || ((unsigned char)text[n] & 0xC0) == 0x80))
        n--;
    memcpy(text + n, ellipsis, sizeof ellipsis);
}

/* A prompt's text by its key, its first line cut to fit. */
static void prompt_text(struct store *st, const char *exercise, const char *key, char *out,
                        size_t size)
{
    out[0] = '\0';
    sqlite3_stmt *stmt = store_stmt(
        st, "SELECT ec.content_text FROM exercise_content ec"
            " JOIN prompt_inputs pi ON pi.content_id = ec.id"
            " WHERE ec.full_exercise_id = ?1 AND pi.prompt_key = ?2 AND ec.is_active = 1"
            " ORDER BY ec.variant_group IS NOT NULL AND ec.variant_group <> 'control' LIMIT 1");
    if (!stmt || store_bind(st, stmt, "tt", exercise, key) != DT_OK)
        return;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(stmt, 0);
        size_t line = text ? strcspn(text, "\r\n") : 0;
        store_copy_text(out, size, text);
        out[strcspn(out, "\r\n")] = '\0';
        if (strlen(out) < line) /* cut short: at the end of a word, and said so */
            cut_at_word(out, size);
    }
    store_stmt_done(stmt);
}

/* Names the places of the hits kept: exercise titles, prompts, tools. */
static enum dt_status name_places(struct store *st, struct search_results *r)
{
    enum dt_status s = DT_OK;
    for (size_t i = 0; s == DT_OK && i < r->n; i++) {
        struct search_hit *h = &r->hits[i];
        if (h->kind == SEARCH_TOOL_ENTRY) {
            struct tool_type type;
            s = store_tools_type(st, h->tool, &type);
            if (s == DT_OK)
                store_copy_text(h->title, sizeof h->title, type.singular_name);
            else if (s == DT_NOT_FOUND)
                s = DT_OK;
        } else {
            s = store_progress_title(st, h->exercise, h->title, sizeof h->title);
            if (s == DT_OK && h->field[0])
                prompt_text(st, h->exercise, h->field, h->prompt, sizeof h->prompt);
        }
    }
    return s;
}

enum dt_status store_searches_run(struct store *st, const char *user_id, const char *query,
                                  const char *(*title_key)(const char *tool_type),
                                  struct search_results *out)
{
    memset(out, 0, sizeof *out);
    if (strlen(query) > SEARCH_QUERY_MAX) {
        store_copy_text(st->err, sizeof st->err, "the words to search for are too long");
        return DT_INVALID;
    }
    char *folded = dt_fold(query, NULL);
    if (!folded) {
        store_copy_text(st->err, sizeof st->err, "the words to search for are not UTF-8");
        return DT_INVALID;
    }
    bool claimed = false;
    enum dt_status s = folded[0] ? store_user_claimed(st, user_id, &claimed) : DT_OK;
    if (s == DT_OK && claimed && !store_accounts_unlocked(st, user_id))
        s = DT_KEY_LOCKED;
    struct gather g = {.out = out};
    for (size_t i = 0; folded[0] && s == DT_OK && i < sizeof sources / sizeof *sources; i++)
        s = search_source(st, user_id, &sources[i], folded, title_key, &g, ROW_MATCH);
    if (s == DT_OK) {
        if (out->n)
            qsort(out->hits, out->n, sizeof *out->hits, compare_hits);
        out->more = g.total - out->n;
        s = name_places(st, out);
    }
    store_wipe_free(folded);
    return s;
}

void store_searches_free(struct search_results *r)
{
    if (!r)
        return;
    if (r->hits)
        sodium_memzero(r->hits, r->n * sizeof *r->hits);
    free(r->hits);
    memset(r, 0, sizeof *r);
}

enum dt_status store_searches_floor(struct store *st, const char *user_id, bool open, size_t *rows)
{
    struct search_results none = {0};
    struct gather g = {.out = &none};
    enum dt_status s = DT_OK;
    for (size_t i = 0; s == DT_OK && i < sizeof sources / sizeof *sources; i++)
        s = search_source(st, user_id, &sources[i], NULL, NULL, &g, open ? ROW_OPEN : ROW_READ);
    *rows = g.total;
    return s;
}
