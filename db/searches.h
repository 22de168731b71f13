/* Searching what a person wrote: their answers (exercise_responses), drafts and tool entries
 * (tool_instances), a claimed user's too while the store holds their keys. Sealed text cannot
 * be matched in SQL, so rows are read, opened in memory and matched here in C, folded with
 * dt_fold (base/fold.h); nothing opened is written to SQLite, a file or a log, and what was
 * opened is wiped once matched. */
#ifndef DT_SEARCHES_H
#define DT_SEARCHES_H

#include <stdbool.h>
#include <stddef.h>

#include "progress.h"
#include "store.h"

#define SEARCH_QUERY_MAX 100   /* bytes of a query; a longer one is refused */
#define SEARCH_MAX_RESULTS 200 /* matches handed back; the rest are counted */
#define SEARCH_SNIPPET_LEN 320 /* bytes: about 100 characters around the words */
#define SEARCH_TIMES_MAX 99    /* a field's count of the words stops here */

enum search_kind {
    SEARCH_ANSWER,     /* a submitted answer to an exercise */
    SEARCH_DRAFT,      /* an answer in progress */
    SEARCH_TOOL_ENTRY, /* an entry of a tool */
};

/* One place the words are: a row and the field (top-level key) of its JSON that holds them. */
struct search_hit {
    enum search_kind kind;
    char exercise[32];                /* answers, drafts: the full exercise id; tool entries: the
                                       exercise it was made in, "" when standalone */
    char title[PROGRESS_TITLE_LEN];   /* answers, drafts: the exercise's title; tool entries: the
                                       tool's name ("Flow log entry") */
    char tool[40];                    /* tool entries: the tool type id */
    char entry[STORE_ID_LEN];         /* tool entries: the instance id */
    char entry_title[96];             /* tool entries: its naming field (title_key), or "" */
    char field[48];                   /* the key the words are under ("" for a bare value) */
    char prompt[160];                 /* answers, drafts: the prompt's first line, or "" */
    char snippet[SEARCH_SNIPPET_LEN]; /* the words as written with some around them, white
                                         space made single spaces, "…" where cut; whole
                                         characters, not sanitised (the renderer does that) */
    unsigned times;                   /* how often the words are in the field: 1 or more, at most
                                         SEARCH_TIMES_MAX */
    char when[STORE_TIME_LEN];        /* answered, saved or last changed */
    char created[STORE_TIME_LEN];     /* tool entries: when made (names an untitled entry) */
};

struct search_results {
    struct search_hit *hits; /* newest first; at most SEARCH_MAX_RESULTS */
    size_t n;
    size_t more; /* further matches, older than the last one handed back */
};

/* The places user_id's writing holds query (case, accents and spacing folded). title_key, when
 * not NULL, names the field that titles a tool's entries (NULL for none); the value found there
 * goes into entry_title. An empty query (or one only of spaces) finds nothing, DT_OK. DT_INVALID:
 * longer than SEARCH_QUERY_MAX bytes or not UTF-8. DT_KEY_LOCKED: a claimed user whose keys the
 * store does not hold. An entry that does not open is passed over. Free (and wipe: the snippets
 * are the person's words) with store_searches_free, on success or not. */
enum dt_status store_searches_run(struct store *st, const char *user_id, const char *query,
                                  const char *(*title_key)(const char *tool_type),
                                  struct search_results *out);
void store_searches_free(struct search_results *r);

/* The benchmark's floors (bench/search.c): the rows store_searches_run reads for user_id, read the
 * same way and, with open, opened and parsed (and wiped) too, but not matched; *rows how many. */
enum dt_status store_searches_floor(struct store *st, const char *user_id, bool open, size_t *rows);

#endif
