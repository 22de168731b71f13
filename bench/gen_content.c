/* bench-gen's synthetic workbook (bench/README.md): 3 parts, 15 modules, 60 exercises, each of
 * the ten tools of content/tools.rec unlocked by one exercise. It builds the model the planner
 * draws from, writes it as a content folder for seed_run, and checks that the seeded database
 * matches it. Its words also fill the generated answers (gen_json.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "progress.h"
#include "tools.h"

static const char *const input_keys[] = {"headline", "story", "items", "amount", "rating", "tool"};

static const char *const part_titles[NPARTS] = {"Roots", "Trunk", "Branches"};

static const struct {
    const char *title;
    int exercises;
} module_defs[NMODULES] = {
    {"Work factors I, skills and talents", 4},
    {"Work factors II, environment and pay", 5},
    {"Priorities, ecstasy and flow", 3},
    {"Love", 4},
    {"Health", 4},
    {"Finding the light", 4},
    {"Reality", 3},
    {"Landmarking", 5},
    {"Launching pad", 4},
    {"Story weaving", 4},
    {"Intentional impressions", 4},
    {"Constructing the projection", 4},
    {"Networking", 5},
    {"Research", 3},
    {"Action", 4},
};

/* Where each tool of content/tools.rec unlocks (WORKBOOK-OUTLINE.md): part, module, exercise. */
static const struct {
    int part, module, exercise;
    const char *tool;
} unlock_defs[NTOOLS] = {
    {1, 1, 1, "list-builder"},      {1, 1, 2, "soared-story"},   {1, 1, 3, "ranking-grid"},
    {1, 2, 4, "budget-calculator"}, {1, 3, 2, "flow-tracker"},   {2, 2, 3, "failure-reframer"},
    {2, 3, 1, "idea-tree"},         {3, 1, 1, "job-prospector"}, {3, 2, 3, "resume-builder"},
    {3, 3, 5, "networking-prep"},
};

static const char *const words[] = {
    "I",         "we",      "work",    "team",      "project", "learned",   "built",    "helped",
    "customers", "design",  "energy",  "focus",     "morning", "meeting",   "plan",     "budget",
    "story",     "skills",  "career",  "growth",    "listen",  "friends",   "family",   "café",
    "naïve",     "über",    "data",    "report",    "coach",   "garden",    "write",    "teach",
    "music",     "travel",  "calm",    "challenge", "result",  "action",    "obstacle", "moment",
    "weekly",    "goal",    "network", "mentor",    "résumé",  "interview", "value",    "purpose",
    "health",    "routine", "and",     "the",       "with",    "for",       "to",       "of",
    "a",         "in",      "on",      "after",     "before",  "because",   "was",      "felt",
};
#define NWORDS (sizeof words / sizeof *words)

/* Words up to exactly n bytes (fewer when a cut would split a UTF-8 character); NUL-terminated. */
size_t gen_content_words(struct bench_rng *r, char *out, size_t n)
{
    size_t len = 0;
    while (len < n) {
        const char *w = words[bench_rng_below(r, (uint32_t)NWORDS)];
        size_t wl = strlen(w);
        if (len && len < n)
            out[len++] = ' ';
        size_t take = wl < n - len ? wl : n - len;
        memcpy(out + len, w, take);
        len += take;
    }
    while (len > 0 && ((unsigned char)out[len - 1] & 0x80)) { /* drop a cut character */
        size_t start = len - 1;
        while (start > 0 && ((unsigned char)out[start] & 0xC0) == 0x80)
            start--;
        unsigned char lead = (unsigned char)out[start];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (len - start >= need)
            break;
        len = start;
    }
    out[len] = '\0';
    return len;
}

void gen_content_build_model(struct gen *g)
{
    int m_index = 0;
    g->nex = 0;
    for (int part = 1; part <= NPARTS; part++)
        for (int module = 1; module <= NMODULES / NPARTS; module++, m_index++) {
            struct gen_module *m = &g->modules[m_index];
            snprintf(m->key, sizeof m->key, "%d.%d", part, module);
            m->first = g->nex;
            int count = module_defs[m_index].exercises;
            for (int number = 1; number <= count; number++) {
                struct gen_exercise *e = &g->ex[g->nex];
                memset(e, 0, sizeof *e);
                e->part = part;
                e->module = module;
                e->number = number;
                e->module_index = m_index;
                e->tool = -1;
                for (int t = 0; t < NTOOLS; t++)
                    if (unlock_defs[t].part == part && unlock_defs[t].module == module &&
                        unlock_defs[t].exercise == number)
                        e->tool = t;
                /* a few optional exercises, never the last of a module, so every module has a
                 * required one and completes */
                e->required = !(number == 2 && count >= 4 && m_index % 3 == 1 && e->tool < 0);
                snprintf(e->part_id, sizeof e->part_id, "%d", part);
                snprintf(e->module_id, sizeof e->module_id, "%d", module);
                snprintf(e->exercise_id, sizeof e->exercise_id, "%d", number);
                snprintf(e->full_id, sizeof e->full_id, "%d.%d.%d.v1", part, module, number);
                int k = g->nex;
                e->nprompts = 1 + k % 3;
                int first = 0;
                if (e->tool >= 0) {
                    e->prompts[first++] = IN_TOOL;
                    if (e->nprompts < 2)
                        e->nprompts = 2;
                }
                bool written =
                    false; /* every exercise asks for some writing: answers of 100+ bytes */
                for (int p = first; p < e->nprompts; p++) { /* offsets 0, 2, 4 mod 5: distinct */
                    e->prompts[p] = (enum input_kind)((k + 2 * p) % 5);
                    written |= e->prompts[p] <= IN_LIST;
                }
                if (!written)
                    e->prompts[e->nprompts - 1] = IN_TEXT;
                g->nex++;
            }
            m->last = g->nex - 1;
            m->last_required = m->first;
            for (int i = m->first; i <= m->last; i++)
                if (g->ex[i].required)
                    m->last_required = i;
        }
    for (int t = 0; t < NTOOLS; t++) {
        g->tools[t].id = unlock_defs[t].tool;
        for (int i = 0; i < g->nex; i++)
            if (g->ex[i].tool == t)
                g->tools[t].exercise = i;
    }
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    if (!in)
        gen_die_errno("cannot read", from);
    FILE *out = fopen(to, "wb");
    if (!out)
        gen_die_errno("cannot write", to);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            gen_die_errno("cannot write", to);
    fclose(in);
    if (fclose(out) != 0)
        gen_die_errno("cannot write", to);
}

static void write_prompt(FILE *f, const struct gen *g, const struct gen_exercise *e, int p,
                         struct bench_rng *r)
{
    char text[200];
    gen_content_words(r, text, 40 + bench_rng_below(r, 60));
    fprintf(f, "::: prompt %s\n", input_keys[e->prompts[p]]);
    switch (e->prompts[p]) {
    case IN_LINE: fprintf(f, "input: line max=200\n"); break;
    case IN_TEXT: fprintf(f, "input: text max=4000\n"); break;
    case IN_LIST: fprintf(f, "input: list min=1 max=40\n"); break;
    case IN_NUMBER: fprintf(f, "input: number min=0 max=10000000\n"); break;
    case IN_SLIDER:
        fprintf(f, "input: slider min=1 max=10\nstop: 1 = Not at all\nstop: 10 = Completely\n");
        break;
    case IN_TOOL: fprintf(f, "input: tool %s\n", g->tools[e->tool].id); break;
    }
    fprintf(f, "%s?\n:::\n\n", text);
}

void gen_content_write(const struct gen *g, const char *dir)
{
    char path[4400], tools_rec[4400];
    gen_make_dir(dir);
    snprintf(path, sizeof path, "%s/workbook", dir);
    gen_make_dir(path);
    snprintf(tools_rec, sizeof tools_rec, "%s/tools.rec", dir);
    copy_file(BENCH_TOOLS_REC, tools_rec);
    struct bench_rng r;
    bench_rng_seed(&r, GEN_SEED ^ 0xc0ffee);
    char text[600];
    for (int part = 1; part <= NPARTS; part++) {
        snprintf(path, sizeof path, "%s/workbook/%d-%s.md", dir, part, part_titles[part - 1]);
        FILE *f = fopen(path, "w");
        if (!f)
            gen_die_errno("cannot write", path);
        fprintf(f, "# Part %d: %s\n\n", part, part_titles[part - 1]);
        int last_module = 0;
        for (int i = 0; i < g->nex; i++) {
            const struct gen_exercise *e = &g->ex[i];
            if (e->part != part)
                continue;
            if (e->module != last_module) {
                fprintf(f, "## Module %d.%d: %s\n\n", part, e->module,
                        module_defs[e->module_index].title);
                last_module = e->module;
            }
            fprintf(f, "### Exercise %d.%d.%d: Step %d of %s\n", part, e->module, e->number,
                    e->number, module_defs[e->module_index].title);
            if (e->tool >= 0)
                fprintf(f, "unlocks: %s\n", g->tools[e->tool].id);
            if (!e->required)
                fprintf(f, "required: no\n");
            gen_content_words(&r, text, 150 + bench_rng_below(&r, 400));
            fprintf(f, "\n::: instruction\n%s.\n:::\n\n", text);
            for (int p = 0; p < e->nprompts; p++)
                write_prompt(f, g, e, p, &r);
            if (i % 4 == 3) {
                gen_content_words(&r, text, 80 + bench_rng_below(&r, 120));
                fprintf(f, "::: reflection\n%s.\n:::\n\n", text);
            }
        }
        if (fclose(f) != 0)
            gen_die_errno("cannot write", path);
    }
}

/* Checks that the seeded sequence is the model (same order, same unlocks) and reads each
 * tool's reminder frequency from the seeded tool types. */
void gen_content_check_seeded(struct store *st, struct gen *g)
{
    struct exercise_ref *seq = NULL;
    size_t n = 0;
    enum dt_status s = store_progress_sequence(st, &seq, &n);
    if (s != DT_OK)
        gen_die("reading the sequence", s, st);
    if ((int)n != g->nex) {
        fprintf(stderr, "bench-gen: seeded %zu exercises, expected %d\n", n, g->nex);
        exit(1);
    }
    for (size_t i = 0; i < n; i++) {
        const struct gen_exercise *e = &g->ex[i];
        const char *tool = e->tool >= 0 ? g->tools[e->tool].id : "";
        if (strcmp(seq[i].full_exercise_id, e->full_id) != 0 || strcmp(seq[i].unlocks_tool, tool) ||
            seq[i].is_required != e->required || seq[i].sequence_order != (int)i + 1) {
            fprintf(stderr, "bench-gen: seeded exercise %zu is %s, expected %s\n", i + 1,
                    seq[i].full_exercise_id, e->full_id);
            exit(1);
        }
    }
    free(seq);
    struct tool_type *types = NULL;
    s = store_tools_types(st, &types, &n);
    if (s != DT_OK)
        gen_die("reading the tool types", s, st);
    int found = 0;
    for (int t = 0; t < NTOOLS; t++)
        for (size_t i = 0; i < n; i++) {
            if (strcmp(types[i].id, g->tools[t].id) != 0)
                continue;
            found++;
            const char *f = types[i].has_reminder ? types[i].reminder_frequency : "";
            g->tools[t].freq = strcmp(f, "daily") == 0     ? FREQ_DAILY
                               : strcmp(f, "weekly") == 0  ? FREQ_WEEKLY
                               : strcmp(f, "monthly") == 0 ? FREQ_MONTHLY
                                                           : FREQ_NONE;
        }
    free(types);
    if (found != NTOOLS || (int)n != NTOOLS) {
        fprintf(stderr, "bench-gen: tools.rec does not hold the ten tools the workbook unlocks\n");
        exit(1);
    }
}

const char *gen_content_input_key(enum input_kind kind)
{
    return input_keys[kind];
}
