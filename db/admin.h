/* The shared server's administration (`dreamtree admin`, docs/ssh-server.md): who uses the
 * workbook, the custom skills waiting for review, a backup made while sessions run, and a few
 * figures of load. Nothing here reads what anyone wrote: counts and dates only, and the active
 * email of a claimed account (the administrator needs it to help that person). */
#ifndef DT_ADMIN_H
#define DT_ADMIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "accounts.h"
#include "skills.h"
#include "store.h"

struct admin_user {
    char id[STORE_ID_LEN];
    char created_at[STORE_TIME_LEN];
    char last_seen[STORE_TIME_LEN]; /* the latest of its sessions and keys; "" when none */
    bool claimed;                   /* has a password */
    char email[ACCOUNTS_EMAIL_LEN]; /* the active address of a claimed account; else "" */
    int keys;                       /* SSH keys bound to it */
    int answers;                    /* exercise responses (how many, never what) */
    int tool_entries;               /* tool instances (how many, never what) */
};

/* Every user, oldest first. *out is malloc'd (free()). */
enum dt_status store_admin_users(struct store *st, struct admin_user **out, size_t *n);

struct admin_skill {
    char id[STORE_ID_LEN];
    char name[SKILLS_NAME_MAX + 8]; /* typed by a person: sanitise before printing */
    char category[20];              /* "" when none */
    char created_at[STORE_TIME_LEN];
    char created_by[STORE_ID_LEN]; /* who proposed it; "" when that user is deleted */
};

/* The custom skills waiting for review, oldest first. *out is malloc'd (free()). */
enum dt_status store_admin_skills_pending(struct store *st, struct admin_skill **out, size_t *n);
/* What a review did beyond setting the status. */
struct admin_review {
    char merged_into[STORE_ID_LEN]; /* the skill the approved one was merged into, or "" */
    int joined; /* other proposals of the same name merged into the one approved */
};

/* Approves a custom skill (it joins the list everyone sees) or rejects it (only its author
 * keeps it). A decision can be changed later. People may propose the same name (none sees the
 * others' proposals), but a list holds one skill of a name (dt_fold_key: any case or spacing),
 * so approving merges, in the same transaction: a proposal whose name a master or approved
 * skill has already goes into that skill (out->merged_into); otherwise the other pending or
 * rejected proposals of its name go into the one approved (out->joined counts them). Merging
 * moves the tags and deletes the proposal. out may be NULL. DT_NOT_FOUND for an id that is not
 * a custom skill. */
enum dt_status store_admin_skills_review(struct store *st, const char *skill_id, bool approve,
                                         struct admin_review *out);

/* Whether fp has the form of an SSH key fingerprint: "SHA256:" and 43 characters of unpadded
 * base64. */
bool store_admin_fingerprint_ok(const char *fp);
/* Whether type has the form of an SSH key type name ("ssh-ed25519", "sk-...@openssh.com"). */
bool store_admin_key_type_ok(const char *type);

/* Copies the database to path while others go on using it (SQLite's online backup, a few pages
 * at a time, from one snapshot), into a new file of mode 0600 beside path that is synced,
 * checked with PRAGMA integrity_check and only then renamed to path. *bytes (may be NULL) gets
 * the copy's size. DT_DUPLICATE: path exists and replace is false. DT_INVALID: path is the
 * database itself or one of its -wal and -shm files. DT_IO: the copy could not be written.
 * DT_CORRUPT: the copy did not pass the check (nothing is left at path). */
enum dt_status store_admin_backup(struct store *st, const char *path, bool replace, int64_t *bytes);

#define ADMIN_ACTIVE_MINUTES 15

struct admin_stats {
    int users, claimed, keys;
    int active_users;      /* a session or a key seen in the last ADMIN_ACTIVE_MINUTES */
    int saves_last_minute; /* answers, drafts and tool entries saved */
    int saves_last_10_minutes;
    int64_t database_bytes; /* the file; -1 for a database in memory */
    int64_t wal_bytes;      /* its -wal file; 0 when there is none */
};

enum dt_status store_admin_stats(struct store *st, struct admin_stats *out);

#endif
