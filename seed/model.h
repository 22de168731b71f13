/* The parsed content tree: what seed/ reads from content/ before it checks and loads it. */
#ifndef DT_SEED_MODEL_H
#define DT_SEED_MODEL_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "competencies.h"
#include "diag.h"
#include "tools.h"

struct seed_where {
    const char *file; /* owned by the seed_content's file list */
    int line;
};

struct seed_tool {
    struct tool_type t;
    struct seed_where at;
};

struct seed_personality {
    char code[8];
    char *name, *summary;
    struct seed_where at;
};

struct seed_competency {
    struct competency c;
    char *modules_json; /* JSON array of module ids, or NULL */
    struct competency_level levels[5];
    struct seed_where at;
};

struct seed_skill {
    char *name;
    char *folded; /* dt_fold_key of the name: one skill in any case or spacing */
    char category[20];
    struct seed_where at;
};

struct seed_reference {
    char key[64];
    char *surname, *full_citation, *short_citation, *category;
    cJSON *metadata; /* influence, key_concepts, application, notes; the checks add referenced_in */
    int citation_number; /* by first appearance in the workbook; uncited ones follow */
    struct seed_where at;
};

struct seed_block {
    char type[16]; /* instruction, prompt, reflection, transition, celebration */
    char key[48];  /* prompts: the answer's key in response_json */
    char *text;
    char *input_json; /* prompts: the typed input */
    struct seed_where at;
};

struct seed_attribution {
    char key[64];
    char usage[16];
    char *notes;
    struct seed_where at;
};

struct seed_exercise {
    int part, module, number, version;
    char full_id[32];
    char *title;
    bool required;
    char unlocks[40];
    char *variant; /* NULL or "control": the control; else a variant group's copy of the exercise */
    bool
        meta_given; /* a required, unlocks, version or source line (a variant takes its control's) */
    size_t parsed_at; /* the order headings were met in: a repeat is said against the first */
    struct seed_block *blocks;
    size_t nblocks;
    struct seed_attribution *sources;
    size_t nsources;
    struct seed_where at;
    /* once checked: the exercise's variants (the same heading again with "variant: NAME"), each
     * a seed_exercise of its own blocks, sorted by name */
    struct seed_exercise *variants;
    size_t nvariants;
};

/* True for the control group: no variant named, or "control". */
bool seed_is_control(const char *variant);

struct seed_heading { /* a part (module = 0) or a module */
    int part, module;
    char *title;
    struct seed_where at;
};

struct seed_content {
    char **files; /* every path read, owned here */
    size_t nfiles;
    struct seed_tool *tools;
    size_t ntools;
    struct seed_personality *types;
    size_t ntypes;
    struct seed_competency *competencies;
    size_t ncompetencies;
    struct seed_skill *skills;
    size_t nskills;
    struct seed_reference *refs;
    size_t nrefs;
    struct seed_heading *headings;
    size_t nheadings;
    struct seed_exercise *exercises; /* in sequence order once checked */
    size_t nexercises;
    int open_part, open_module; /* the workbook's headings carry on from one file to the next */
};

/* Keeps a copy of path for the life of c and returns it (NULL when out of memory). */
const char *seed_content_file(struct seed_content *c, const char *path);

/* Parsers of the reference data (refdata.c) and of the workbook (workbook.c). Each reports what
 * is wrong in d and returns -1 only when out of memory. */
int seed_refdata_tools(struct seed_content *c, const char *path, struct seed_diags *d);
int seed_refdata_personality(struct seed_content *c, const char *path, struct seed_diags *d);
int seed_refdata_competencies(struct seed_content *c, const char *path, struct seed_diags *d);
int seed_refdata_skills(struct seed_content *c, const char *path, struct seed_diags *d);
int seed_refdata_references(struct seed_content *c, const char *path, struct seed_diags *d);
/* Workbook files are read in file-name order as one document: a file may go on with the part
 * and module the previous file opened. */
int seed_workbook_file(struct seed_content *c, const char *path, struct seed_diags *d);

/* The checks across files (check.c): reports what is wrong in d, sorts the exercises into
 * sequence order, records which exercise unlocks each tool, numbers the references and lists
 * in each reference's metadata the exercises that cite it. -1 when out of memory. */
int seed_check_content(struct seed_content *c, struct seed_diags *d);

/* Grows an array by one zeroed element; returns it or NULL (the array is unchanged). The array
 * must grow only through this function (its room is worked out from the count). */
void *seed_push(void *array_ptr, size_t *n, size_t elem_size);

#endif
