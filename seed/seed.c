#include "seed.h"

#include <dirent.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "input_spec.h"
#include "model.h"

const char *seed_content_file(struct seed_content *c, const char *path)
{
    char **slot = seed_push(&c->files, &c->nfiles, sizeof *c->files);
    if (!slot)
        return NULL;
    *slot = strdup(path);
    if (!*slot)
        c->nfiles--;
    return *slot;
}

/* ---- reading the folder ---- */

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* dir/name into out; -1 when it does not fit. */
static int join(char out[4096], const char *dir, const char *name)
{
    int n = snprintf(out, 4096, "%s/%s", dir, name);
    return n < 0 || n >= 4096 ? -1 : 0;
}

static int is_file(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static int read_workbook(struct seed_content *c, const char *dir, struct seed_diags *d)
{
    char path[4096];
    if (join(path, dir, "workbook") != 0) {
        seed_diag(d, dir, 0, "path is too long");
        return 0;
    }
    DIR *folder = opendir(path);
    if (!folder)
        return 0; /* a content folder may hold reference data only */
    char **names = NULL;
    size_t n = 0;
    int rc = 0;
    struct dirent *ent;
    while ((ent = readdir(folder)) != NULL) {
        if (ent->d_name[0] == '.' || !ends_with(ent->d_name, ".md"))
            continue;
        char **slot = seed_push(&names, &n, sizeof *names);
        if (!slot || !(*slot = strdup(ent->d_name))) {
            rc = -1;
            break;
        }
    }
    closedir(folder);
    if (n)
        qsort(names, n, sizeof *names, compare_strings);
    for (size_t i = 0; i < n; i++) {
        char file[4096];
        if (rc == 0 && join(file, path, names[i]) != 0)
            seed_diag(d, path, 0, "path is too long");
        else if (rc == 0 && seed_workbook_file(c, file, d) != 0)
            rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}

static const struct {
    const char *name;
    int (*parse)(struct seed_content *, const char *, struct seed_diags *);
    int required;
} data_files[] = {
    {"personality-types.rec", seed_refdata_personality, 0},
    {"competencies.rec", seed_refdata_competencies, 0},
    {"skills.rec", seed_refdata_skills, 0},
    {"tools.rec", seed_refdata_tools, 1},
    {"references.rec", seed_refdata_references, 0},
};

static int read_dir(struct seed_content *c, const char *dir, struct seed_diags *d)
{
    DIR *folder = opendir(dir);
    if (!folder) {
        seed_diag(d, dir, 0, "not a readable folder");
        return 0;
    }
    struct dirent *ent;
    while ((ent = readdir(folder)) != NULL) { /* a misspelt data file would be skipped silently */
        if (!ends_with(ent->d_name, ".rec"))
            continue;
        int known = 0;
        for (size_t i = 0; i < sizeof data_files / sizeof *data_files; i++)
            known |= strcmp(ent->d_name, data_files[i].name) == 0;
        if (!known)
            seed_diag(d, dir, 0, "unknown data file %s", ent->d_name);
    }
    closedir(folder);
    for (size_t i = 0; i < sizeof data_files / sizeof *data_files; i++) {
        char path[4096];
        if (join(path, dir, data_files[i].name) != 0) {
            seed_diag(d, dir, 0, "path is too long");
            return 0;
        }
        if (!is_file(path)) {
            if (data_files[i].required)
                seed_diag(d, path, 0, "missing (every content folder has the tool types)");
            continue;
        }
        if (data_files[i].parse(c, path, d) != 0)
            return -1;
    }
    return read_workbook(c, dir, d);
}

/* ---- fingerprint ---- */

/* Adds one content file to h: its bytes (contents) or only its size and time of change. */
static void hash_entry(crypto_hash_sha256_state *h, const char *label, const char *path,
                       bool contents)
{
    crypto_hash_sha256_update(h, (const unsigned char *)label, strlen(label) + 1);
    if (!contents) {
        struct stat sb;
        char line[96];
        int n = stat(path, &sb) == 0
                    ? snprintf(line, sizeof line, "%lld %lld.%09ld", (long long)sb.st_size,
                               (long long)sb.st_mtim.tv_sec, sb.st_mtim.tv_nsec)
                    : snprintf(line, sizeof line, "missing");
        crypto_hash_sha256_update(h, (const unsigned char *)line, (unsigned long long)n + 1);
        return;
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    unsigned char buf[16384];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        crypto_hash_sha256_update(h, buf, n);
    fclose(f);
}

/* SHA-256 over every content file in reading order: their bytes, or (the cheap signature)
 * their sizes and times of change. */
static enum dt_status digest_dir(const char *dir, bool contents, char out[65])
{
    DIR *folder = opendir(dir);
    if (!folder)
        return DT_IO;
    closedir(folder);
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    char path[4096];
    for (size_t i = 0; i < sizeof data_files / sizeof *data_files; i++)
        if (join(path, dir, data_files[i].name) == 0)
            hash_entry(&h, data_files[i].name, path, contents);
    char wb[4096];
    if (join(wb, dir, "workbook") == 0 && (folder = opendir(wb)) != NULL) {
        char **names = NULL;
        size_t n = 0;
        struct dirent *ent;
        while ((ent = readdir(folder)) != NULL) {
            char **slot;
            if (ent->d_name[0] == '.' || !ends_with(ent->d_name, ".md"))
                continue;
            if (!(slot = seed_push(&names, &n, sizeof *names)) || !(*slot = strdup(ent->d_name))) {
                if (slot)
                    n--;
                break;
            }
        }
        closedir(folder);
        if (n)
            qsort(names, n, sizeof *names, compare_strings);
        for (size_t i = 0; i < n; i++) {
            if (join(path, wb, names[i]) == 0)
                hash_entry(&h, names[i], path, contents);
            free(names[i]);
        }
        free(names);
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&h, digest);
    sodium_bin2hex(out, 65, digest, sizeof digest);
    return DT_OK;
}

enum dt_status seed_fingerprint(const char *dir, char out[65])
{
    return digest_dir(dir, true, out);
}

enum dt_status seed_check_dir(const char *dir, struct seed_content **out, struct seed_diags *d)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return DT_NOMEM;
    struct seed_content *c = *out;
    size_t before = seed_diags_count(d);
    if (read_dir(c, dir, d) != 0)
        return DT_NOMEM;
    if (seed_check_content(c, d) != 0)
        return DT_NOMEM;
    return seed_diags_count(d) == before ? DT_OK : DT_INVALID;
}

/* ---- loading ---- */

static enum dt_status load_reference(struct store *st, const struct seed_reference *r)
{
    char key[96];
    struct reference row = {.citation_number = r->citation_number};
    snprintf(key, sizeof key, "reference:%s", r->key);
    store_uuid_stable(key, row.id);
    store_copy_text(row.author_surname, sizeof row.author_surname, r->surname);
    store_copy_text(row.short_citation, sizeof row.short_citation, r->short_citation);
    store_copy_text(row.category, sizeof row.category, r->category);
    row.full_citation = r->full_citation;
    row.metadata = cJSON_PrintUnformatted(r->metadata); /* with referenced_in (check.c) */
    if (!row.metadata)
        return DT_NOMEM;
    enum dt_status s = store_content_reference(st, &row);
    cJSON_free(row.metadata);
    return s;
}

/* The blocks of one exercise's control or of one of its variants, under the variant's group. */
static enum dt_status load_blocks(struct store *st, const struct exercise_ref *ref,
                                  const struct seed_exercise *e)
{
    enum dt_status s = DT_OK;
    for (size_t b = 0; s == DT_OK && b < e->nblocks; b++) {
        const struct seed_block *blk = &e->blocks[b];
        struct content_block row = {.version = ref->version,
                                    .content_type = blk->type,
                                    .text = blk->text,
                                    .display_order = (int)b + 1,
                                    .variant_group = e->variant};
        memcpy(row.part_id, ref->part_id, sizeof row.part_id);
        memcpy(row.module_id, ref->module_id, sizeof row.module_id);
        memcpy(row.exercise_id, ref->exercise_id, sizeof row.exercise_id);
        memcpy(row.full_exercise_id, ref->full_exercise_id, sizeof row.full_exercise_id);
        char key[128];
        snprintf(key, sizeof key, "content:%s:%s:%d", e->full_id, e->variant ? e->variant : "",
                 row.display_order);
        store_uuid_stable(key, row.id);
        s = store_content_block(st, &row);
        if (s == DT_OK && blk->input_json)
            s = store_content_prompt_input(st, row.id, blk->key, blk->input_json);
    }
    return s;
}

static enum dt_status load_exercise(struct store *st, const struct seed_content *c,
                                    const struct seed_exercise *e, int order)
{
    struct exercise_ref ref = {.version = e->version,
                               .sequence_order = order,
                               .is_required = e->required};
    store_copy_text(ref.full_exercise_id, sizeof ref.full_exercise_id, e->full_id);
    snprintf(ref.part_id, sizeof ref.part_id, "%d", e->part);
    snprintf(ref.module_id, sizeof ref.module_id, "%d", e->module);
    snprintf(ref.exercise_id, sizeof ref.exercise_id, "%d", e->number);
    store_copy_text(ref.unlocks_tool, sizeof ref.unlocks_tool, e->unlocks);
    enum dt_status s = store_content_sequence(st, &ref);
    if (s == DT_OK)
        s = store_content_title(st, e->full_id, "exercise", e->title);
    s = s == DT_OK ? load_blocks(st, &ref, e) : s;
    for (size_t v = 0; s == DT_OK && v < e->nvariants; v++)
        s = load_blocks(st, &ref, &e->variants[v]);
    for (size_t k = 0; s == DT_OK && k < e->nsources; k++) {
        char key[96], ref_id[STORE_ID_LEN];
        snprintf(key, sizeof key, "reference:%s", e->sources[k].key);
        store_uuid_stable(key, ref_id);
        s = store_content_source(st, e->full_id, ref_id, e->sources[k].usage, e->sources[k].notes);
    }
    (void)c;
    return s;
}

enum dt_status seed_load(struct store *st, const struct seed_content *c, const char *dir,
                         const char *fingerprint, const char *signature)
{
    enum dt_status s = store_content_begin(st);
    if (s != DT_OK)
        return s;
    /* the spec's order (section 10) */
    for (size_t i = 0; s == DT_OK && i < c->ntypes; i++)
        s = store_content_personality(st, c->types[i].code, c->types[i].name, c->types[i].summary);
    for (size_t i = 0; s == DT_OK && i < c->ncompetencies; i++) {
        s = store_content_competency(st, &c->competencies[i].c, c->competencies[i].modules_json);
        for (int l = 0; s == DT_OK && l < 5; l++)
            s = store_content_level(st, c->competencies[i].c.id, &c->competencies[i].levels[l]);
    }
    for (size_t i = 0; s == DT_OK && i < c->nskills; i++)
        s = store_content_skill(st, c->skills[i].name, c->skills[i].category, NULL);
    for (size_t i = 0; s == DT_OK && i < c->ntools; i++)
        s = store_content_tool(st, &c->tools[i].t);
    for (size_t i = 0; s == DT_OK && i < c->nrefs; i++)
        s = load_reference(st, &c->refs[i]);
    for (size_t i = 0; s == DT_OK && i < c->nheadings; i++) {
        char node[16];
        const struct seed_heading *h = &c->headings[i];
        if (h->module)
            snprintf(node, sizeof node, "%d.%d", h->part, h->module);
        else
            snprintf(node, sizeof node, "%d", h->part);
        s = store_content_title(st, node, h->module ? "module" : "part", h->title);
    }
    for (size_t i = 0; s == DT_OK && i < c->nexercises; i++)
        s = load_exercise(st, c, &c->exercises[i], (int)i + 1);
    if (s == DT_OK && dir && fingerprint)
        s = store_content_set_loaded(st, dir, fingerprint, signature ? signature : "");
    return store_content_finish(st, s);
}

enum dt_status seed_run(struct store *st, const char *dir, struct seed_diags *d,
                        struct seed_counts *counts)
{
    struct seed_content *c = NULL;
    char fingerprint[65], signature[65], absolute[PATH_MAX];
    enum dt_status s = seed_fingerprint(dir, fingerprint);
    if (s == DT_OK)
        s = digest_dir(dir, false, signature);
    if (s == DT_OK)
        s = seed_check_dir(dir, &c, d);
    else
        seed_diag(d, dir, 0, "cannot read the content folder");
    if (s == DT_OK)
        s = seed_load(st, c, realpath(dir, absolute) ? absolute : dir, fingerprint, signature);
    if (counts && c)
        seed_content_counts(c, counts);
    seed_content_free(&c);
    return s;
}

bool seed_is_loaded(struct store *st)
{
    char loaded_dir[PATH_MAX], loaded[65], signature[65];
    return store_content_loaded(st, loaded_dir, sizeof loaded_dir, loaded, signature) == DT_OK &&
           loaded[0];
}

bool seed_is_stale(struct store *st, const char *dir)
{
    char loaded_dir[PATH_MAX], loaded[65], signature[65], current[65], absolute[PATH_MAX];
    if (store_content_loaded(st, loaded_dir, sizeof loaded_dir, loaded, signature) != DT_OK)
        return false;
    if (!loaded[0])
        return true; /* never seeded */
    if (!realpath(dir, absolute) || strcmp(absolute, loaded_dir) != 0)
        return false;
    /* Every start comes here: sizes and times of change answer it without reading the files.
     * Only when they moved are the files read, and a touch that changed nothing is noted. */
    char now[65];
    if (digest_dir(dir, false, now) != DT_OK || strcmp(now, signature) == 0)
        return false;
    if (seed_fingerprint(dir, current) != DT_OK)
        return false;
    if (strcmp(current, loaded) != 0)
        return true;
    store_content_set_loaded(st, loaded_dir, loaded, now);
    return false;
}

void seed_content_counts(const struct seed_content *c, struct seed_counts *n)
{
    memset(n, 0, sizeof *n);
    n->tools = c->ntools;
    n->personality_types = c->ntypes;
    n->competencies = c->ncompetencies;
    n->levels = c->ncompetencies * 5;
    n->skills = c->nskills;
    n->references = c->nrefs;
    for (size_t i = 0; i < c->nheadings; i++) {
        if (c->headings[i].module)
            n->modules++;
        else
            n->parts++;
    }
    n->exercises = c->nexercises;
    for (size_t i = 0; i < c->nexercises; i++) {
        n->blocks += c->exercises[i].nblocks;
        n->sources += c->exercises[i].nsources;
        for (size_t b = 0; b < c->exercises[i].nblocks; b++)
            n->prompts += strcmp(c->exercises[i].blocks[b].type, "prompt") == 0;
        n->variants += c->exercises[i].nvariants;
        for (size_t v = 0; v < c->exercises[i].nvariants; v++) {
            const struct seed_exercise *e = &c->exercises[i].variants[v];
            n->blocks += e->nblocks;
            for (size_t b = 0; b < e->nblocks; b++)
                n->prompts += strcmp(e->blocks[b].type, "prompt") == 0;
        }
    }
}

static void free_exercise(struct seed_exercise *e)
{
    free(e->title);
    free(e->variant);
    for (size_t b = 0; b < e->nblocks; b++) {
        free(e->blocks[b].text);
        cJSON_free(e->blocks[b].input_json);
    }
    free(e->blocks);
    for (size_t s = 0; s < e->nsources; s++)
        free(e->sources[s].notes);
    free(e->sources);
    for (size_t v = 0; v < e->nvariants; v++)
        free_exercise(&e->variants[v]);
    free(e->variants);
}

void seed_content_free(struct seed_content **cp)
{
    if (!cp || !*cp)
        return;
    struct seed_content *c = *cp;
    for (size_t i = 0; i < c->nfiles; i++)
        free(c->files[i]);
    free(c->files);
    free(c->tools);
    for (size_t i = 0; i < c->ntypes; i++) {
        free(c->types[i].name);
        free(c->types[i].summary);
    }
    free(c->types);
    for (size_t i = 0; i < c->ncompetencies; i++)
        cJSON_free(c->competencies[i].modules_json);
    free(c->competencies);
    for (size_t i = 0; i < c->nskills; i++) {
        free(c->skills[i].name);
        free(c->skills[i].folded);
    }
    free(c->skills);
    for (size_t i = 0; i < c->nrefs; i++) {
        free(c->refs[i].surname);
        free(c->refs[i].full_citation);
        free(c->refs[i].short_citation);
        free(c->refs[i].category);
        cJSON_Delete(c->refs[i].metadata);
    }
    free(c->refs);
    for (size_t i = 0; i < c->nheadings; i++)
        free(c->headings[i].title);
    free(c->headings);
    for (size_t i = 0; i < c->nexercises; i++)
        free_exercise(&c->exercises[i]);
    free(c->exercises);
    free(c);
    *cp = NULL;
}
