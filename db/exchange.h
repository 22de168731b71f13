/* The export file (spec section 9, version "1.1") as plain structs, and the one reader and
 * writer of its JSON. db/export.c fills a struct exchange from the store and writes it; db/import.c
 * reads a file into one, checks it whole, and merges it. No SQL here.
 *
 * dreamtree adds one member the spec lacks, "encryption", present only for a claimed user
 * (docs/security.md): what the password needs to open the encrypted fields on another machine.
 *   "encryption": {"format": "dreamtree-envelope-1", "owner": "<user id>",
 *                  "wrapped_data_key": { ...keywrap_wrap's object... }}
 * Never a password hash, never an email. */
#ifndef DT_EXCHANGE_H
#define DT_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

/* The largest file import reads, in bytes. */
#define EXCHANGE_MAX_BYTES (64u * 1024u * 1024u)
/* The most items of each list a file may hold (modules, exercises per module, tool instances,
 * scores, custom skills, skills per entry). */
#define EXCHANGE_MAX_ITEMS 100000u
/* The largest response_json or content_json, compact, in bytes (as the store allows). */
#define EXCHANGE_MAX_VALUE (8u * 1024u * 1024u)
#define EXCHANGE_ERR_LEN 512

struct exchange_settings {
    bool present;
    char background_color[32];
    char text_color[32];
    char font[32];
    char personality_type[8]; /* "" for null */
};

struct exchange_score {
    char competency_id[64];
    int score; /* 1..5 */
    char assessed_at[STORE_TIME_LEN];
};

/* A list of skill ids (UUIDs). */
struct exchange_skills {
    char (*ids)[STORE_ID_LEN];
    size_t n;
};

struct exchange_response {
    char full_exercise_id[32]; /* "1.1.1.v2": part.module.exercise.vN */
    char *json;                /* response_json, compact JSON text (may be an envelope); owned */
    char responded_at[STORE_TIME_LEN];
    struct exchange_skills skills;
};

struct exchange_module {
    char module_id[16]; /* "1.1" */
    char first_completed_at[STORE_TIME_LEN];
    char last_modified_at[STORE_TIME_LEN];
    struct exchange_response *exercises;
    size_t nexercises;
};

struct exchange_tool {
    char id[STORE_ID_LEN];
    char tool_type[48];
    char origin[32]; /* a full exercise id or "standalone" */
    char *json;      /* content_json, compact JSON text (may be an envelope); owned */
    char content_hash[65];
    struct exchange_skills skills;
    char created_at[STORE_TIME_LEN];
    char updated_at[STORE_TIME_LEN];
    bool draft; /* "draft": true, dreamtree's own member: the entry lacks a required answer */
};

struct exchange_custom_skill {
    char id[STORE_ID_LEN];
    char name[256];
    char category[32]; /* "transferable", "self_management", "knowledge", or "" for null */
};

struct exchange_encryption {
    bool present;
    char owner[STORE_ID_LEN];
    char *wrapped_data_key; /* the wrap object as compact JSON text; owned */
};

struct exchange {
    char version[8]; /* "1.1" */
    char exported_at[STORE_TIME_LEN];
    struct exchange_settings settings;
    struct exchange_score *scores;
    size_t nscores;
    struct exchange_module *modules;
    size_t nmodules;
    struct exchange_tool *tools;
    size_t ntools;
    struct exchange_custom_skill *custom_skills;
    size_t ncustom_skills;
    struct exchange_encryption encryption;
};

/* Reads and checks a whole file: on DT_OK *out is filled (free with exchange_free). On
 * DT_INVALID, err names the JSON path and what is wrong, e.g.
 *   $.modules["1.1"].exercises["1.1.1.v1"].responded_at: not an ISO 8601 UTC time
 * and *out is empty. Checks: at most EXCHANGE_MAX_BYTES, one JSON object, version "1.1", every
 * member's type, ids of the right form, times ISO 8601 UTC, scores 1..5, an exercise under the
 * module its id names, no duplicate ids, list and value sizes within the limits above. Unknown
 * members are refused (a typo must not drop data silently). err never holds user-written text:
 * keys from the file are shown only when they have the form of an id, else as "[N]". */
enum dt_status exchange_parse(const char *text, size_t len, struct exchange *out,
                              char err[EXCHANGE_ERR_LEN]);

/* The file's JSON text (malloc'd, pretty-printed, ending in a newline). Members appear in the
 * spec's order; response_json and content_json are written as JSON values, not strings. */
char *exchange_write(const struct exchange *x);

/* Frees everything x owns and empties it. NULL-safe. */
void exchange_free(struct exchange *x);

#endif
