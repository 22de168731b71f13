/* bench-gen's shared pieces (bench/README.md): the synthetic workbook model every part reads, and
 * the functions one file of bench-gen calls in another. gen.c plans and loads the rows,
 * gen_content.c makes the workbook, gen_json.c makes the JSON texts. */
#ifndef DT_BENCH_GEN_H
#define DT_BENCH_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rng.h"
#include "store.h"

#define GEN_SEED 0x6472656d74726565u /* fixed, so that the same N gives the same database */
#define MAX_EXERCISES 64
#define NMODULES 15
#define NPARTS 3
#define MAX_PROMPTS 3
#define NTOOLS 10

enum input_kind { IN_LINE, IN_TEXT, IN_LIST, IN_NUMBER, IN_SLIDER, IN_TOOL };

enum frequency { FREQ_NONE, FREQ_DAILY, FREQ_WEEKLY, FREQ_MONTHLY };

struct gen_exercise {
    int part, module, number, module_index;
    bool required;
    int tool; /* index into gen.tools, -1 when it unlocks none */
    int nprompts;
    enum input_kind prompts[MAX_PROMPTS];
    char full_id[48], part_id[12], module_id[12], exercise_id[12];
};

struct gen_tool {
    const char *id; /* static text */
    enum frequency freq;
    int exercise; /* index of the exercise that unlocks it */
};

struct gen_module {
    char key[8];                    /* "1.1" */
    int first, last, last_required; /* exercise indexes */
};

/* The whole run's state; main owns it and user_ids (malloc'd, nusers entries). */
struct gen {
    int nex;
    struct gen_exercise ex[MAX_EXERCISES];
    struct gen_tool tools[NTOOLS];
    struct gen_module modules[NMODULES];
    int64_t now, base, today; /* base: the time events count from; today: 00:00 UTC of now */
    uint32_t nusers;
    char (*user_ids)[STORE_ID_LEN];
};

/* ---- gen.c: errors and files ---- */

/* Both print why and exit(1); st may be NULL. */
_Noreturn void gen_die(const char *what, enum dt_status s, struct store *st);
_Noreturn void gen_die_errno(const char *what, const char *path);
/* Creates the folder unless it exists; dies when it cannot. */
void gen_make_dir(const char *path);

/* ---- gen_content.c: the synthetic workbook ---- */

/* Fills g's exercises, tools (all but freq) and modules. */
void gen_content_build_model(struct gen *g);
/* Writes the workbook and a copy of tools.rec into dir, made if need be. */
void gen_content_write(const struct gen *g, const char *dir);
/* Dies unless the seeded sequence is g's model; sets each tool's freq from its seeded type. */
void gen_content_check_seeded(struct store *st, struct gen *g);
/* Words into out (n + 1 bytes) up to exactly n bytes, fewer when a cut would split a UTF-8
 * character; NUL-terminated. Returns the length. */
size_t gen_content_words(struct bench_rng *r, char *out, size_t n);
/* The answer key of a prompt of that kind (static text). */
const char *gen_content_input_key(enum input_kind kind);

/* ---- gen_json.c: JSON of realistic shape and size ---- */

/* A JSON text builder, reused row after row. */
struct gen_json;

/* NULL when out of memory; the caller frees it with free(). */
struct gen_json *gen_json_new(void);
/* An answer to each prompt of e, keyed as the prompts are. The text belongs to b and lasts until
 * its next build; *len gets its length. */
const char *gen_json_response(struct gen_json *b, struct bench_rng *r, const struct gen_exercise *e,
                              size_t *len);
/* A tool instance's content in canonical JSON (store_tools_canonical_json), so that its hash can
 * be taken from the text; date is "YYYY-MM-DD". Ownership as for gen_json_response. */
const char *gen_json_tool(struct gen_json *b, struct bench_rng *r, const char *tool,
                          const char *date, size_t *len);
/* A version 4 UUID made of the two numbers, as store_uuid_random would format it. */
void gen_json_uuid(uint64_t hi, uint64_t lo, char out[STORE_ID_LEN]);

#endif
