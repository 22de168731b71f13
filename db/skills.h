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
    bool own;               /* a custom skill the user asked for (whom the call was about) */
};

/* Skills visible to user_id (NULL: master list only), by name; category NULL for all.
 * *out is malloc'd (caller frees). */
enum dt_status store_skills_list(struct store *st, const char *user_id, const char *category,
                                 struct skill **out, size_t *n);
/* Search by name, folded as dt_fold does (case, accents, compatibility forms, spaces:
 * "resolucion" finds "Resolución"): prefix matches first, then the other substring matches,
 * each by name; at most limit rows. *out is malloc'd (caller frees). */
enum dt_status store_skills_search(struct store *st, const char *user_id, const char *query,
                                   size_t limit, struct skill **out, size_t *n);
/* Why name cannot be a custom skill's name, as a sentence for the person ("a skill's name needs
 * a letter or a digit in it."), or NULL when it can: invalid UTF-8, control characters, over
 * SKILLS_NAME_MAX bytes once trimmed, or nothing left once folded (only spaces or accents). */
const char *store_skills_name_problem(const char *name);
/* Adds a custom skill (is_custom 1, created_by the user, review_status "pending"). The name is
 * trimmed; a name store_skills_name_problem refuses: DT_INVALID. A skill the user sees (the
 * master list, approved skills, their own) whose name has the same dt_fold_key (any case,
 * spacing, hyphens: "Problem-solving" is "problem solving"): DT_DUPLICATE, and id_out gets
 * its id. Another user's pending proposal is not seen, so it is no duplicate. */
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

/* Makes names the tags of one of the user's responses or tool instances, in one transaction:
 * a name the user sees as a skill (dt_fold_key equal) tags that skill, a new name becomes a
 * custom skill; a name no skill can have is left out. Tags for other skills go, and so does
 * a custom skill of the user's that nothing uses any more and that was never reviewed (half a
 * word saved while typing paused). The SOARED story's skills and an answer's tags both use it. */
enum dt_status store_skills_set_names(struct store *st, const char *user_id,
                                      const char *instance_id, const char *const *names,
                                      size_t nnames);

/* One place a skill is tagged on: one of the user's answers or tool entries. */
struct skill_place {
    char skill_id[STORE_ID_LEN];
    char instance_id[STORE_ID_LEN];
    bool on_answer;                  /* an exercise response; else a tool entry */
    char full_exercise_id[32];       /* the answer's exercise ("2.1.3.v1"); "" for an entry */
    char exercise_number[24];        /* "2.1.3"; "" for an entry */
    char tool_type[48];              /* the entry's tool ("soared-story"); "" for an answer */
    char tool_name[64];              /* its singular name ("SOARED Story") */
    char tool_plural[64];            /* and plural */
    char created_at[STORE_TIME_LEN]; /* the entry made, the answer last saved */
};

/* Where the user has tagged skill_id (NULL: every skill), by skill id, then answers in
 * exercise order, then entries by tool and age. *out is malloc'd (caller frees). */
enum dt_status store_skills_places(struct store *st, const char *user_id, const char *skill_id,
                                   struct skill_place **out, size_t *n);
/* The user's answer to an exercise without opening it: its id and how many skills it is tagged
 * with (ntags may be NULL). DT_NOT_FOUND when the exercise is not answered. */
enum dt_status store_skills_answer(struct store *st, const char *user_id,
                                   const char *full_exercise_id, char id_out[STORE_ID_LEN],
                                   int *ntags);
/* Skills the user sees whose names occur as whole words in one of texts (folded; a name of
 * several words as a phrase), leaving out those already tagged on instance_id (may be NULL):
 * the longest (most specific) first, then by name; at most limit. The texts are read in memory
 * only; the folded copies are wiped. *out is malloc'd (caller frees). */
enum dt_status store_skills_suggest(struct store *st, const char *user_id, const char *instance_id,
                                    const char *const *texts, size_t ntexts, size_t limit,
                                    struct skill **out, size_t *n);

#endif
