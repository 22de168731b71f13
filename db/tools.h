/* Tool types (spec 5.5) and tool instances (spec 3.2). */
#ifndef DT_TOOLS_H
#define DT_TOOLS_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

#define TOOLS_MAX_BYTES (8u * 1024u * 1024u)
#define TOOLS_HASH_LEN 65 /* SHA-256 in hex and its NUL */

struct tool_type {
    char id[40];
    char singular_name[64];
    char plural_name[64];
    char icon_name[40];
    bool has_reminder;
    char reminder_frequency[16]; /* "daily", "weekly", "monthly" or "" */
    char reminder_prompt[160];
    char unlocks_at_exercise[32];
    int version;
    bool is_active;
};

struct tool_instance {
    char id[STORE_ID_LEN];
    char tool_type[40];
    char origin[32];    /* an exercise id ("1.1.1.v1") or "standalone" */
    char *content_json; /* malloc'd */
    char content_hash[TOOLS_HASH_LEN];
    char created_at[STORE_TIME_LEN];
    char updated_at[STORE_TIME_LEN];
    bool unreadable; /* store_tools_list: sealed content that did not open (content_json "null") */
    bool draft;      /* lacks an answer its form requires: kept, but not counted as done */
};

/* All tool types in the order they unlock (then by id); *out is malloc'd (caller frees). */
enum dt_status store_tools_types(struct store *st, struct tool_type **out, size_t *n);
enum dt_status store_tools_type(struct store *st, const char *tool_id, struct tool_type *out);

/* A new instance. origin "standalone" needs the tool unlocked (else DT_LOCKED); an exercise
 * origin needs that exercise open to the user (the tool is embedded in it). DT_INVALID: not JSON.
 * id_out (may be NULL) receives the new id. */
enum dt_status store_tools_create(struct store *st, const char *user_id, const char *tool_type,
                                  const char *origin, const char *content_json,
                                  char id_out[STORE_ID_LEN]);
/* store_tools_create, and in the same transaction marks the new entry a draft when draft is
 * true: an entry that lacks an answer its form requires (the screens know which). A draft is
 * kept like any entry but counts as done for nothing: the Daily Dos, an exercise's tool prompt. */
enum dt_status store_tools_create_entry(struct store *st, const char *user_id,
                                        const char *tool_type, const char *origin,
                                        const char *content_json, bool draft,
                                        char id_out[STORE_ID_LEN]);
/* store_tools_update, and in the same transaction marks the entry a draft or complete. */
enum dt_status store_tools_update_entry(struct store *st, const char *user_id,
                                        const char *instance_id, const char *content_json,
                                        bool draft);
/* Replaces the content (and its hash) of the user's instance, its draft mark left as it was;
 * DT_NOT_FOUND when not theirs.
 * For a claimed user, create and update seal the content (DT_KEY_LOCKED without the keys) and
 * key its hash (docs/security.md); get opens it (DT_UNREADABLE when it does not open). */
enum dt_status store_tools_update(struct store *st, const char *user_id, const char *instance_id,
                                  const char *content_json);
enum dt_status store_tools_delete(struct store *st, const char *user_id, const char *instance_id);
enum dt_status store_tools_get(struct store *st, const char *user_id, const char *instance_id,
                               struct tool_instance *out);
/* The user's instances of one tool type, newest first; free with store_tools_list_free. For a
 * claimed user the contents are opened (DT_KEY_LOCKED without the keys); an entry that does not
 * open is kept in the list, marked unreadable. */
enum dt_status store_tools_list(struct store *st, const char *user_id, const char *tool_type,
                                struct tool_instance **out, size_t *n);
/* How many instances of a tool type the user has, how many of them are drafts, and when the
 * newest was made ("" if none). drafts may be NULL. */
enum dt_status store_tools_count(struct store *st, const char *user_id, const char *tool_type,
                                 size_t *count, size_t *drafts, char last_created[STORE_TIME_LEN]);
void store_tools_instance_clear(struct tool_instance *t);
void store_tools_list_free(struct tool_instance **list, size_t n);

/* The canonical form of a JSON text: object keys sorted by their UTF-8 bytes at every depth, no
 * insignificant white space, numbers as cJSON prints them. malloc'd; NULL when not JSON. */
char *store_tools_canonical_json(const char *json);
/* SHA-256 (lowercase hex) of the canonical form: same content, same hash. */
enum dt_status store_tools_content_hash(const char *json, char out[TOOLS_HASH_LEN]);

#endif
