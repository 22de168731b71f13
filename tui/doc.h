/* The document model: what a screen shows, described once for every renderer (DESIGN.md 1).
 * A screen's build() fills a struct doc with blocks, fields and actions; the curses renderer
 * lays it out, the plain renderer prints it and asks for each field. No ncurses here.
 * Every string and array handed to doc_* is copied into the doc, which owns them until
 * doc_reset() or doc_free(). */
#ifndef DT_DOC_H
#define DT_DOC_H

#include <stdbool.h>
#include <stddef.h>

enum doc_role {
    DOC_ROLE_TEXT,
    DOC_ROLE_INSTRUCTION,
    DOC_ROLE_PROMPT,
    DOC_ROLE_REFLECTION,
    DOC_ROLE_TRANSITION,
    DOC_ROLE_CELEBRATION,
    DOC_ROLE_NOTE,
    DOC_ROLE_ERROR,
};

enum doc_kind {
    DOC_HEADING,
    DOC_PARAGRAPH,
    DOC_CARD,
    DOC_TABLE,
    DOC_CHART,
    DOC_FIELD,
    DOC_ACTION,
};

enum doc_field_kind {
    DOC_FIELD_LINE, /* one line of text */
    DOC_FIELD_TEXT, /* several lines */
    DOC_FIELD_NUMBER,
    DOC_FIELD_SLIDER,   /* a number between min and max with labelled stops */
    DOC_FIELD_CHOICE,   /* one of options */
    DOC_FIELD_CHOICES,  /* some of options */
    DOC_FIELD_LIST,     /* items in any order */
    DOC_FIELD_ORDERED,  /* items whose order matters */
    DOC_FIELD_TREE,     /* a root and its branches (idea tree) */
    DOC_FIELD_PAIRWISE, /* which of two (ranking) */
};

#define DOC_MAX_OPTIONS 64

struct doc_stop {
    double value;
    const char *label;
};

struct doc_field {
    enum doc_field_kind kind;
    const char *id;          /* the key the screen knows the value by */
    const char *label;       /* the question */
    const char *hint;        /* optional: what an answer looks like */
    const char *description; /* optional: e.g. the chosen slider level's meaning */
    const char *counter;     /* optional: said instead of "Question N of M" ("Pair 3 of at most
                                25": a ranking's one field is not one question of one) */
    bool required;
    bool secret; /* LINE: a password: shown as one mark a character, never echoed or said */
    bool amount; /* NUMBER: money, shown as 2,050.50 (tui_number_format_amount) */
    bool filter; /* CHOICE: chooses what the page shows, not a question: headed "Filter",
                    its choice said as "Showing" */
    bool live;   /* LINE: a search box: typing is sent after a short pause (LIVE_DEBOUNCE_MS),
                    not the answers' longer one, so what it finds follows the typing */
    /* the current value, by kind */
    const char *text; /* LINE, TEXT */
    bool has_number;  /* NUMBER, SLIDER */
    double number;
    const char *const *items; /* LIST, ORDERED, TREE (depth-first, see tree_depths) */
    const int *tree_depths;
    size_t nitems;
    unsigned long long chosen; /* CHOICE (one bit), CHOICES: bit i = options[i] */
    /* limits and choices */
    bool has_min, has_max;
    double min, max, step;
    size_t max_len; /* LINE, TEXT: characters (grapheme clusters); 0 = no limit */
    size_t min_items, max_items;
    const struct doc_stop *stops;
    size_t nstops;
    const char *const *options; /* CHOICE, CHOICES, PAIRWISE (two) */
    size_t noptions;
};

struct doc_action {
    int cmd;         /* an enum cmd (keys.h) */
    const char *arg; /* what the command is about (an exercise id, a screen name...) */
    const char *label;
};

struct doc_card {
    const char *title;
    const char *subtitle;
    const char *state; /* words, never colour alone: "done", "next", "locked", "due today" */
    bool has_action;
    struct doc_action action;
};

struct doc_table {
    const char *caption;
    size_t ncols, nrows;      /* nrows includes the header row */
    const char *const *cells; /* row-major */
};

enum doc_chart_style {
    DOC_CHART_BARS, /* one bar per value */
    DOC_CHART_TREE, /* three values, 0..max: a tree whose roots, trunk and branches fill in */
    DOC_CHART_GRID, /* a grid of levels (struct doc_grid), such as a calendar heat map */
};

/* A cell of a grid that is not part of the picture (a day after today in a calendar): drawn
 * blank. */
#define DOC_GRID_OUTSIDE (-1)
/* A cell without a value (a day with no entry): drawn as a faint dot, never as the lowest level. */
#define DOC_GRID_EMPTY 0
/* The most levels a grid has. Each is drawn with a glyph of its own, so no level rests on colour
 * alone: DOC_GRID_SHADES at most 4 (light to full shade; "-", "+", "*", "#" in ASCII), and
 * DOC_GRID_HEIGHTS at most 8 (a block that rises with the level; the level's digit in ASCII). */
#define DOC_GRID_MAX_LEVELS 8
enum doc_grid_marks {
    DOC_GRID_SHADES,  /* a heat map: how dark */
    DOC_GRID_HEIGHTS, /* a sparkline: how high */
};

/* DOC_CHART_GRID: rows x cols cells, each DOC_GRID_OUTSIDE, DOC_GRID_EMPTY or a level
 * 1..nlevels. A calendar heat map is one (shades: a row a weekday, a column a week), and so are
 * scores over time (heights: a row a competency, a column an assessment). The columns run
 * oldest first: where the screen cannot hold them all, the renderer leaves out the first ones
 * and says how many of col_noun it shows. Under the grid, a legend names the empty cell and
 * each level. */
struct doc_grid {
    size_t rows, cols;
    const char *const *row_labels; /* rows: at the left of each row ("Mon") */
    const char *const *col_labels; /* cols: above a column where there is room ("Nov"), or "" */
    const signed char *cells;      /* rows x cols, row-major */
    const char *const *row_texts;  /* optional (rows): after each row ("2, then 4") */
    enum doc_grid_marks marks;
    size_t nlevels;                  /* 1..4 for shades, 1..8 for heights */
    const char *const *level_labels; /* nlevels: what each level means ("4 to 7.9") */
    const char *empty_label;         /* what an empty cell means ("no entry") */
    const char *col_noun;            /* the columns, plural ("weeks") */
};

struct doc_chart {
    enum doc_chart_style style;
    const char *title;
    size_t n;
    const char *const *labels;
    const double *values;
    double max;
    const char *text; /* the text equivalent, always shown by the plain renderer */
    /* BARS, optional (n of them): what each bar says beside it instead of "VALUE of MAX", when
     * the value has a form of its own (an amount of money to the cent, as the words say it) */
    const char *const *value_texts;
    struct doc_grid grid; /* DOC_CHART_GRID only */
};

struct doc_block {
    enum doc_kind kind;
    enum doc_role role;
    int level;        /* headings: 1 = screen title, 2 = section */
    const char *text; /* headings and paragraphs */
    union {
        struct doc_card card;
        struct doc_table table;
        struct doc_chart chart;
        struct doc_field field;
        struct doc_action action;
    } u;
};

struct doc {
    struct doc_block *blocks;
    size_t n, cap;
    /* A form (any document with a field is one too): typing belongs to the answers, so printable
     * keys never leave the screen; the letters that jump elsewhere work on browsing screens. */
    bool form;
    /* The home screen (the Daily Dos): leaving DreamTree from here needs no question. */
    bool home;
    /* The workbook is locked: only the keys tui_keys_while_locked lets through work, so the
     * renderers offer only those. */
    bool locked;
    struct doc_chunk *arena;
};

/* A new, empty document (free with doc_free). Out of memory aborts (DESIGN.md 2). */
struct doc *doc_new(void);
void doc_free(struct doc **d);
/* Empties the document for the next build, keeping its memory. */
void doc_reset(struct doc *d);

/* A copy of s (or of n bytes of it) that lives as long as the document's contents. */
const char *doc_str(struct doc *d, const char *s);
const char *doc_strn(struct doc *d, const char *s, size_t n);
const char *doc_printf(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void doc_heading(struct doc *d, int level, const char *text);
void doc_para(struct doc *d, enum doc_role role, const char *text);
/* A card: a titled item with an optional action (cmd 0 for none). */
void doc_card(struct doc *d, const char *title, const char *subtitle, const char *state, int cmd,
              const char *arg, const char *label);
/* A table of ncols x nrows cells, the first row being the header. */
void doc_table(struct doc *d, const char *caption, size_t ncols, size_t nrows,
               const char *const *cells);
/* A chart (bars unless the returned struct's style is changed). Bars are drawn and labelled
 * "VALUE of MAX" with each value rounded by doc_round_tenths; a text equivalent that names the
 * values rounds them the same way, so the words and the bars agree. */
struct doc_chart *doc_chart(struct doc *d, const char *title, size_t n, const char *const *labels,
                            const double *values, double max, const char *text_equivalent);
/* Sets what each of a bar chart's c->n bars says beside it (copied). */
void doc_chart_value_texts(struct doc *d, struct doc_chart *c, const char *const *texts);
/* A grid chart (DOC_CHART_GRID): grid and every array and string it points to are copied. */
struct doc_chart *doc_chart_grid(struct doc *d, const char *title, const struct doc_grid *grid,
                                 const char *text_equivalent);
/* A field of the given kind; fill the returned struct with doc_field_* or directly (strings
 * and arrays through doc_str / doc_copy so the document owns them). */
struct doc_field *doc_field(struct doc *d, enum doc_field_kind kind, const char *id,
                            const char *label);
void doc_field_options(struct doc *d, struct doc_field *f, size_t n, const char *const *options);
void doc_field_items(struct doc *d, struct doc_field *f, size_t n, const char *const *items);
void doc_field_stops(struct doc *d, struct doc_field *f, size_t n, const struct doc_stop *stops);
void doc_action(struct doc *d, int cmd, const char *arg, const char *label);
/* What the renderers say above a field: its own counter, "Search" for a live field, "Filter"
 * for a filter, else "Question NUMBER of TOTAL".
 * Returns buf (always terminated). */
const char *doc_field_counter(const struct doc_field *f, size_t number, size_t total, char *buf,
                              size_t size);
/* Whether f is one of the page's questions: not a search box nor a filter. */
bool doc_field_is_question(const struct doc_field *f);

/* v to one decimal, halves away from zero (1.75 is 1.8): the one rounding of a chart's values. */
double doc_round_tenths(double v);

/* A copy of n bytes into the document's memory (n zero bytes when data is NULL). */
void *doc_copy(struct doc *d, const void *data, size_t n);

/* Whether typing on this document belongs to its answers (d->form, or it has a field). */
bool doc_is_form(const struct doc *d);

/* How many blocks of a kind the document holds. */
size_t doc_count(const struct doc *d, enum doc_kind kind);

#endif
