/* One question's input: the kind of answer it takes, its limits, stops, options and hint, and
 * whether it must be answered, in the vocabulary of the content format (docs/content-format.md,
 * "Input types"). The tools' forms are const arrays of these written with designated
 * initialisers (screens/tools/), so the compiler checks them; an exercise prompt's input is
 * read into one from its JSON (prompt_inputs.input_json) once, when the exercise is loaded.
 * `content check` refuses content whose input could not be read back, so the seed never
 * stores a question the screens cannot ask. No store calls and no ncurses (only the status
 * codes of db/status.h): the seed and the screens both link it. */
#ifndef DT_INPUT_SPEC_H
#define DT_INPUT_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/* Each type and its name in the content format. INPUT_NONE is what a spec that names no type
 * holds: input_spec_check refuses it, so a form field cannot quietly become a text. */
#define INPUT_TYPE_LIST(X)                                                                         \
    X(INPUT_LINE, "line")       /* one line of text */                                             \
    X(INPUT_TEXT, "text")       /* a longer text */                                                \
    X(INPUT_NUMBER, "number")   /* a number typed in */                                            \
    X(INPUT_SLIDER, "slider")   /* a number chosen on a scale with labelled stops */               \
    X(INPUT_CHOICE, "choice")   /* one of the options, kept by its label */                        \
    X(INPUT_CHOICES, "choices") /* several of the options */                                       \
    X(INPUT_LIST, "list")       /* items the person writes */                                      \
    X(INPUT_ORDERED, "ordered") /* the same, in an order the person sets */                        \
    X(INPUT_DATE, "date")       /* YYYY-MM-DD, a date that exists */                               \
    X(INPUT_TOOL, "tool")       /* answered by entries of a tool (exercise prompts only) */

enum input_type {
    INPUT_NONE,
#define INPUT_TYPE_ENUM(name, text) name,
    INPUT_TYPE_LIST(INPUT_TYPE_ENUM)
#undef INPUT_TYPE_ENUM
};

/* Room the renderers keep (DOC_MAX_OPTIONS) and the content format allows. */
#define INPUT_MAX_OPTIONS 64
#define INPUT_MAX_STOPS 32
/* The most entries a tool prompt may ask for. */
#define INPUT_MAX_ENTRIES 1000

/* A number's or slider's limit, when it has one: written INPUT_BOUND(5). A bare `.min = 5`
 * does not compile cleanly (missing braces), so a limit cannot be set half-way. */
struct input_bound {
    bool set;
    double value;
};
#define INPUT_BOUND(v)                                                                             \
    {                                                                                              \
        .set = true, .value = (v)                                                                  \
    }

struct input_stop {
    double value;
    const char *label;
};

/* A slider's stops or a choice's options, with their count, in one go:
 *   INPUT_STOPS({1, "Low"}, {5, "High"})    INPUT_OPTIONS("Yes", "No") */
#define INPUT_STOPS(...)                                                                           \
    .stops = (const struct input_stop[]){__VA_ARGS__},                                             \
    .nstops = sizeof((const struct input_stop[]){__VA_ARGS__}) / sizeof(struct input_stop)
#define INPUT_OPTIONS(...)                                                                         \
    .options = (const char *const[]){__VA_ARGS__},                                                 \
    .noptions = sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)

/* Zero is "not given" throughout, so a designated initialiser names only what it uses. */
struct input_spec {
    enum input_type type;
    bool optional;    /* may be left unanswered (an answer is required unless this is set) */
    const char *hint; /* said with the question; NULL for none */
    /* number, slider: the range and the step an answer moves by (0: a slider moves by 1, a
     * number by anything; a number with step 1 is a count, whole numbers only) */
    struct input_bound min, max;
    double step;
    const struct input_stop *stops; /* slider: at least two, each between min and max */
    size_t nstops;
    const char *const *options; /* choice, choices: at least two, each once */
    size_t noptions;
    size_t max_length; /* line, text: characters (grapheme clusters); 0: no limit */
    /* list, ordered: items; choices: options chosen; tool: entries the exercise asks for.
     * 0: no limit. */
    size_t min_items, max_items;
    const char *tool;   /* tool: the tool type's id */
    bool default_today; /* date: a new entry starts with today's date */
    bool amount;        /* number: money, shown with commas and cents (2,050.50) */
    bool past_only;     /* date: what happened (a log), so not after today (a day's grace for
                           time zones ahead of UTC) */
};

/* The member names of an input's JSON (prompt_inputs.input_json): the seed writes them,
 * input_spec_parse reads them. */
#define INPUT_KEY_TYPE "type"
#define INPUT_KEY_REQUIRED "required"
#define INPUT_KEY_HINT "hint"
#define INPUT_KEY_MIN "min"
#define INPUT_KEY_MAX "max"
#define INPUT_KEY_STEP "step"
#define INPUT_KEY_STOPS "stops"
#define INPUT_KEY_STOP_VALUE "value"
#define INPUT_KEY_STOP_LABEL "label"
#define INPUT_KEY_OPTIONS "options"
#define INPUT_KEY_TOOL "tool"
#define INPUT_KEY_DEFAULT "default"
#define INPUT_KEY_AMOUNT "amount"   /* true: a number that is money */
#define INPUT_DEFAULT_TODAY "today" /* the one default there is: a date's */

/* The type's name in the content format ("slider"); NULL for INPUT_NONE or out of range. */
const char *input_type_name(enum input_type type);
/* The type a content-format name stands for; INPUT_NONE when it is none. */
enum input_type input_type_from_name(const char *name);

/* Whether spec describes a question that can be asked: a known type, limits in order, a
 * slider's stops and a choice's options as its type needs them, and nothing its type does
 * not use. False with the reason in why (always terminated) when it does not. */
bool input_spec_check(const struct input_spec *spec, char *why, size_t size);

/* Reads an input's JSON into *out (one malloc'd block: free it with input_spec_free). An
 * absent "required" means required. DT_INVALID with the reason in why when the JSON is not an
 * input (a member unknown or of the wrong kind, or what input_spec_check refuses); DT_NOMEM. */
enum dt_status input_spec_parse(const char *json, struct input_spec **out, char *why, size_t size);
void input_spec_free(struct input_spec **spec);

#endif
