/* Which screen, and about what: navigation the compiler checks. Every screen has an id from the
 * one list below and takes one typed argument (struct screen_arg); a wrong screen or argument
 * fails to compile. Where a string is really needed (an action in a document carries its target
 * as text through the renderers, which know nothing of screens) there is one formatter and one
 * parser, and a link that does not parse is refused, never cut short. */
#ifndef DT_SCREEN_ID_H
#define DT_SCREEN_ID_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "store.h"

/* Every screen: its id and the name its ops table is known by (NAME_screen). Adding a screen is
 * one file in screens/, one row here, one line in screens/meson.build. */
#define SCREENS(X)                                                                                 \
    X(WELCOME, welcome)                                                                            \
    X(DASHBOARD, dashboard)                                                                        \
    X(CONTENTS, contents)                                                                          \
    X(EXERCISE, exercise)                                                                          \
    X(COMPETENCIES, competencies)                                                                  \
    X(SETTINGS, settings)                                                                          \
    X(PROFILE, profile)                                                                            \
    X(CREDITS, credits)                                                                            \
    X(HELP, help)                                                                                  \
    X(TOOLS, tools)                                                                                \
    X(TOOL, tool)                                                                                  \
    X(TOOL_ENTRY, tool_entry)                                                                      \
    X(RANKING, ranking)                                                                            \
    X(RESUME, resume)                                                                              \
    X(UNLOCK, unlock)                                                                              \
    X(ACCOUNT, account)                                                                            \
    X(TRANSFER, transfer)                                                                          \
    X(SEARCH, search)                                                                              \
    X(SKILLS, skills)                                                                              \
    X(SKILL_TAGS, skill_tags)

enum screen_id {
    SCREEN_NONE = 0, /* no screen (a tool form without a screen of its own) */
#define SCREEN_ENUM(id, name) SCREEN_##id,
    SCREENS(SCREEN_ENUM)
#undef SCREEN_ENUM
        SCREEN_COUNT
};

enum screen_flag {
    SCREEN_ALL_ENTRIES = 1, /* TOOL: every entry shown, not only the newest */
    SCREEN_NEW_ENTRY = 2,   /* TOOL_ENTRY from an exercise: another entry, not its first again */
    SCREEN_ONLY_MINE = 4,   /* SKILLS: only the person's own skills */
};

/* What a screen is about; each screen reads the fields it needs (its enter says which). */
struct screen_arg {
    char exercise[32];        /* a full exercise id ("1.1.1.v1"): EXERCISE, COMPETENCIES,
                                SKILL_TAGS (its answer); the exercise a TOOL_ENTRY is made from */
    char tool[48];            /* a tool type id ("flow-tracker"): TOOL, TOOL_ENTRY */
    char entry[STORE_ID_LEN]; /* a tool instance id: TOOL_ENTRY, RANKING, RESUME */
    unsigned flags;           /* enum screen_flag */
    char words[128];          /* SEARCH, SKILLS: the words to look for ("" to type them); not
                                 part of a link (screen_link), which names places, not searches */
};

/* The arguments screens are opened with; a text too long for its field gives an empty one
 * (the screen then says it cannot open), never a cut one. */
struct screen_arg screen_arg_exercise(const char *full_exercise_id);
struct screen_arg screen_arg_tool(const char *tool, unsigned flags);
/* An entry of a tool (entry NULL: a new one), made from an exercise (NULL: standalone). */
struct screen_arg screen_arg_entry(const char *tool, const char *entry, const char *exercise,
                                   unsigned flags);
/* An entry opened by its id alone (the ranking and resume screens). */
struct screen_arg screen_arg_instance(const char *entry);
/* A search for words (NULL or "": none yet). */
struct screen_arg screen_arg_words(const char *words);

/* The one string form of a link, for a document's action (copied into d). */
const char *screen_link(struct doc *d, enum screen_id id, const struct screen_arg *arg);
/* Reads it back; false when it is not one (an unknown screen, a field too long). */
bool screen_link_parse(const char *text, enum screen_id *id, struct screen_arg *arg);

/* An action or a card that opens a screen. */
void screen_action(struct doc *d, enum screen_id id, const struct screen_arg *arg,
                   const char *label);
void screen_card(struct doc *d, const char *title, const char *subtitle, const char *state,
                 enum screen_id id, const struct screen_arg *arg, const char *label);

/* A screen's own choices: each screen names them in an enum of its own; an action carries the
 * choice and an index (which item it is about). */
void screen_choice(struct doc *d, int choice, size_t index, const char *label);
/* The choice an event carries: true, with *choice and *index, for a choice made. */
bool screen_chosen(const char *event_arg, int *choice, size_t *index);
/* The action's arg for a choice (into buf), e.g. for app_focus. */
const char *screen_choice_arg(int choice, size_t index, char *buf, size_t size);

#endif
