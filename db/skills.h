/* Skills (spec 5.4) and their tags on responses and tool instances (3.4). A user sees the
 * master list, approved custom skills and their own custom skills. */
#ifndef DT_SKILLS_H
#define DT_SKILLS_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

#define SKILLS_NAME_MAX 120 /* bytes of a custom skill's name */

struct skill {
    char id[STORE_ID_LEN];
    char name[SKILLS_NAME_MAX + 8];
    char category[20]; /* "transferable", "self_management", "knowledge" or "" */
    bool is_custom;
    char review_status[12]; /* "pending", "approved", "rejected" or "" */
};

/* Skills visible to user_id (NULL: master list only), by name; category NULL for all.
 * *out is malloc'd (caller frees). */
enum dt_status store_skills_list(struct store *st, const char *user_id, const char *category,
                                 struct skill **out, size_t *n);
/* Case-insensitive (Unicode case folding) search by name: prefix matches first, then the other
 * substring matches, each by name; at most limit rows. *out is malloc'd (caller frees). */
enum dt_status store_skills_search(struct store *st, const char *user_id, const char *query,
                                   size_t limit, struct skill **out, size_t *n);
/* Adds a custom skill (is_custom 1, created_by the user, review_status "pending"). The name is
 * trimmed; empty, invalid UTF-8, control characters or over SKILLS_NAME_MAX bytes: DT_INVALID.
 * A visible skill of the same name (case-folded): DT_DUPLICATE, and id_out gets its id. */
enum dt_status store_skills_add_custom(struct store *st, const char *user_id, const char *name,
                                       const char *category, char id_out[STORE_ID_LEN]);
/* Tags one of the user's responses or tool instances with a visible skill; tagging twice is
 * fine. DT_NOT_FOUND when the instance is not the user's or the skill is not visible. */
enum dt_status store_skills_tag(struct store *st, const char *user_id, const char *instance_id,
                                const char *skill_id);
enum dt_status store_skills_untag(struct store *st, const char *user_id, const char *instance_id,
                                  const char *skill_id);
/* Deletes the user's own custom skill when nothing is tagged with it any more and it was never
 * reviewed: a name typed once and taken back (half a word saved on a pause) leaves nothing
 * behind. Any other skill is left alone; DT_OK either way. */
enum dt_status store_skills_forget_unused(struct store *st, const char *user_id,
                                          const char *skill_id);
/* The skills tagged on one of the user's instances, by name; *out malloc'd (caller frees). */
enum dt_status store_skills_for_instance(struct store *st, const char *user_id,
                                         const char *instance_id, struct skill **out, size_t *n);

struct skill_count {
    struct skill skill;
    int uses; /* how many of the user's responses and tool instances carry it */
};

/* The user's most used skills, most tags first (then by name); at most limit. *out is
 * malloc'd (caller frees). */
enum dt_status store_skills_top(struct store *st, const char *user_id, size_t limit,
                                struct skill_count **out, size_t *n);

/* Unicode case folding (NFKC) of s as used by search: malloc'd, caller frees; NULL on failure. */
char *store_skills_fold(const char *s);

#endif
