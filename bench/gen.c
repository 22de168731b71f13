/* bench-gen: builds the large database the timing benchmark reads (bench/README.md).
 *
 * It writes a synthetic workbook shaped like the real one (3 parts, 15 modules, 60 exercises, each
 * of the ten tools unlocked by one exercise), seeds it with seed_run, then loads DREAMTREE_BENCH_USERS
 * users (default 100,000) with responses, module completions and tool instances, about 100 rows a
 * user. Rows go in in time order across all users, as a database that grew over two years would
 * hold them, so a user's rows are scattered over the file as they would be in real use.
 *
 * Every tenth user has claimed their workbook (bench_db.h): auth and emails rows, and their
 * answers and tool entries sealed as the store seals them. Their Argon2id runs at the test
 * limits, not the program's: at the program's, 10,000 users would take well over an hour.
 *
 * The result is DATA_DIR/dreamtree-bench-v2-N.db with its .info file beside it (the generation
 * time, which the timer pins its clock to, and the row counts). An existing file for the same N is
 * reused. Everything is drawn from a fixed seed: the same N, the same rows, except for what
 * libsodium draws (salts, nonces, recovery codes), which is random as in the program.
 *
 * This file plans the rows and loads them; gen_content.c makes the workbook and gen_json.c the
 * JSON texts (gen.h). */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench_db.h"
#include "bulk.h"
#include "gen.h"
#include "keywrap.h"
#include "seed.h"
#include "store.h"
#include "tools.h"

#define DEFAULT_USERS 100000
#define BATCH_ROWS 1000000 /* rows per load transaction */
#define MINUTE 60
#define HOUR 3600
#define DAY 86400
#define MAX_INSTANCES_PER_TOOL 3000

/* Tool use, in instances per user per day/week/month at an engagement of 1 (users vary around
 * it, long-tailed), chosen so that the default size holds about ten million rows in all. */
#define RATE_DAILY 0.105
#define RATE_WEEKLY 0.5
#define RATE_MONTHLY 0.7
#define COUNT_NO_REMINDER 3.0
/* Claimed users whose keys stay made at once. A keyring lives in guarded memory (its own pages,
 * about 140 us to make and free here), so making one per sealed row would cost more than the rest
 * of the row. Each kept one holds four pages and four memory mappings: 8192 of them take about
 * 32,800 of the 65,530 mappings Linux allows a process by default. */
#define KEY_CACHE_MAX 8192

_Noreturn void gen_die(const char *what, enum dt_status s, struct store *st)
{
    fprintf(stderr, "bench-gen: %s: %s%s%s\n", what, dt_status_message(s), st ? ": " : "",
            st ? store_last_error(st) : "");
    exit(1);
}

_Noreturn void gen_die_errno(const char *what, const char *path)
{
    fprintf(stderr, "bench-gen: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

void gen_make_dir(const char *path)
{
    if (mkdir(path, 0755) != 0 && errno != EEXIST)
        gen_die_errno("cannot create", path);
}

/* ---- planning: every row as a small event, sorted by time before loading ---- */

enum event_kind { EV_USER, EV_MODULE, EV_RESPONSE, EV_TOOL };

/* One row to write. t counts seconds from gen.base. seed: the content's random seed, or for a
 * user its updated_at and for a module its last_modified_at (seconds from base). */
struct event {
    uint32_t t, user, seed;
    uint8_t kind, aux; /* aux: exercise, module or tool index */
    uint16_t flags;    /* EV_USER: workbook complete; EV_TOOL: made inside its exercise */
};

struct events {
    struct event *items;
    size_t n, cap;
};

static void push_event(struct events *ev, int64_t base, int64_t t, uint32_t user, int kind, int aux,
                       uint32_t seed, int flags)
{
    if (ev->n == ev->cap) {
        ev->cap = ev->cap ? ev->cap * 2 : 1 << 20;
        ev->items = realloc(ev->items, ev->cap * sizeof *ev->items);
        if (!ev->items) {
            fprintf(stderr, "bench-gen: out of memory\n");
            exit(1);
        }
    }
    ev->items[ev->n++] = (struct event){.t = (uint32_t)(t - base),
                                        .user = user,
                                        .seed = seed,
                                        .kind = (uint8_t)kind,
                                        .aux = (uint8_t)aux,
                                        .flags = (uint16_t)flags};
}

static int compare_events(const void *a, const void *b)
{
    const struct event *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    if (x->kind != y->kind) /* a user before its rows made in the same second */
        return x->kind < y->kind ? -1 : 1;
    if (x->user != y->user)
        return x->user < y->user ? -1 : 1;
    if (x->aux != y->aux)
        return x->aux < y->aux ? -1 : 1;
    return x->seed < y->seed ? -1 : x->seed > y->seed;
}

static double log_uniform(struct bench_rng *r, double lo, double hi)
{
    return exp(log(lo) + bench_rng_unit(r) * (log(hi) - log(lo)));
}

/* A standard normal draw (Box-Muller). */
static double normal(struct bench_rng *r)
{
    double u = bench_rng_unit(r), v = bench_rng_unit(r);
    return sqrt(-2.0 * log(1.0 - u)) * cos(2.0 * 3.14159265358979323846 * v);
}

static int64_t clamp_time(int64_t t, int64_t lo, int64_t hi)
{
    return t < lo ? lo : t > hi ? hi : t;
}

static void plan_tools(const struct gen *g, struct bench_rng *r, uint32_t u,
                       const int64_t *answered, int position, struct events *ev)
{
    /* engagement: log-normal with mean 1 and a long tail; one user in five hardly uses tools */
    double e = bench_rng_unit(r) < 0.2 ? 0.05 : exp(0.9 * normal(r) - 0.405);
    for (int t = 0; t < NTOOLS; t++) {
        const struct gen_tool *tool = &g->tools[t];
        if (tool->exercise >= position)
            continue; /* not unlocked */
        int64_t unlocked = answered[tool->exercise];
        double days = (double)(g->now - unlocked) / DAY;
        if (bench_rng_unit(r) < 0.85) /* the instance made inside the unlocking exercise */
            push_event(ev, g->base,
                       clamp_time(unlocked + (int64_t)log_uniform(r, MINUTE, HOUR), unlocked,
                                  g->now),
                       u, EV_TOOL, t, (uint32_t)bench_rng_next(r), 1);
        double expected = tool->freq == FREQ_DAILY     ? e * RATE_DAILY * days
                          : tool->freq == FREQ_WEEKLY  ? e * RATE_WEEKLY * days / 7
                          : tool->freq == FREQ_MONTHLY ? e * RATE_MONTHLY * days / 30
                                                       : e * COUNT_NO_REMINDER;
        int n = (int)(expected * (0.5 + bench_rng_unit(r)) + bench_rng_unit(r));
        if (n > MAX_INSTANCES_PER_TOOL)
            n = MAX_INSTANCES_PER_TOOL;
        for (int i = 0; i < n; i++)
            push_event(ev, g->base,
                       unlocked + (int64_t)(bench_rng_unit(r) * (double)(g->now - unlocked)), u,
                       EV_TOOL, t, (uint32_t)bench_rng_next(r), 0);
        /* Recent use, so that Daily Dos finds reminders both due and already done. */
        double x = bench_rng_unit(r);
        int64_t recent = -1;
        if (tool->freq == FREQ_DAILY && x < 0.35)
            recent = g->today + (int64_t)(bench_rng_unit(r) * (double)(g->now - g->today));
        else if (tool->freq == FREQ_WEEKLY && x < 0.45)
            recent = g->now - (int64_t)(bench_rng_unit(r) * 7 * DAY);
        else if (tool->freq == FREQ_MONTHLY && x < 0.5)
            recent = g->now - (int64_t)(bench_rng_unit(r) * 30 * DAY);
        if (recent >= 0)
            push_event(ev, g->base, clamp_time(recent, unlocked + MINUTE, g->now), u, EV_TOOL, t,
                       (uint32_t)bench_rng_next(r), 0);
    }
}

static void plan_user(const struct gen *g, uint32_t u, struct events *ev)
{
    struct bench_rng r;
    bench_rng_seed(&r, GEN_SEED + 0x10000u * (uint64_t)u);
    int64_t created = g->now - 10 * MINUTE - (int64_t)(bench_rng_unit(&r) * 730 * DAY);
    /* progress: one in ten never started, about one in seven finished, the rest anywhere */
    double x = bench_rng_unit(&r);
    int position = x < 0.10   ? 0
                   : x < 0.25 ? g->nex
                              : 1 + (int)bench_rng_below(&r, (uint32_t)g->nex - 1);
    /* responses in sequence order, hours to weeks apart; squeezed when the user is too new */
    double gaps[MAX_EXERCISES], sum = 0;
    for (int k = 0; k < position; k++) {
        gaps[k] = k == 0 ? log_uniform(&r, 5 * MINUTE, 2 * DAY) : log_uniform(&r, HOUR, 21 * DAY);
        sum += gaps[k];
    }
    double room = (double)(g->now - 5 * MINUTE - created);
    double scale = sum > room ? room / sum : 1.0;
    int64_t answered[MAX_EXERCISES];
    double at = (double)created;
    for (int k = 0; k < position; k++) {
        at += gaps[k] * scale;
        answered[k] = (int64_t)at;
        if (k > 0 && answered[k] <= answered[k - 1])
            answered[k] = answered[k - 1] + 1;
    }
    bool complete = position == g->nex;
    int64_t updated = complete ? answered[g->nex - 1] : created;
    push_event(ev, g->base, created, u, EV_USER, 0, (uint32_t)(updated - g->base), complete);
    for (int k = 0; k < position; k++)
        push_event(ev, g->base, answered[k], u, EV_RESPONSE, k, (uint32_t)bench_rng_next(&r), 0);
    /* user_modules as store_progress_after_save leaves them: first completed when the last
     * required exercise is answered, last modified by the last answer in the module */
    for (int m = 0; m < NMODULES; m++) {
        const struct gen_module *mod = &g->modules[m];
        if (mod->last_required >= position)
            continue;
        int last = mod->last < position - 1 ? mod->last : position - 1;
        push_event(ev, g->base, answered[mod->last_required], u, EV_MODULE, m,
                   (uint32_t)(answered[last] - g->base), 0);
    }
    plan_tools(g, &r, u, answered, position, ev);
}

/* ---- loading ---- */

struct load_stats {
    long long users, responses, tools, modules;
    long long claimed, sealed_responses, sealed_tools;
    long long response_bytes, tool_bytes;
    int response_min, response_max, tool_min, tool_max;
};

static void note_size(long long *sum, int *min, int *max, size_t len)
{
    *sum += (long long)len;
    if (*min == 0 || (int)len < *min)
        *min = (int)len;
    if ((int)len > *max)
        *max = (int)len;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static bool is_claimed(uint32_t user)
{
    return user % BENCH_CLAIM_EVERY == 0;
}

/* A claimed user's keys, the same on every run: their data key is drawn from the fixed seed. */
static struct keyring *claimed_keys(const struct gen *g, uint32_t user)
{
    struct bench_rng r;
    bench_rng_seed(&r, GEN_SEED ^ 0xdeceu ^ ((uint64_t)user << 20));
    unsigned char dek[KEYWRAP_KEY_BYTES];
    for (size_t i = 0; i < sizeof dek; i += 8) {
        uint64_t x = bench_rng_next(&r);
        memcpy(dek + i, &x, 8);
    }
    struct keyring *k = keyring_from_dek(g->user_ids[user], dek);
    sodium_memzero(dek, sizeof dek);
    return k;
}

/* Claimed users' keyrings, one slot per user up to KEY_CACHE_MAX claimed users, shared beyond. */
struct key_cache {
    size_t n;
    uint32_t *user;
    struct keyring **keys; /* NULL: empty slot */
};

static void key_cache_init(struct key_cache *c, uint32_t nusers)
{
    size_t claimed = (nusers + BENCH_CLAIM_EVERY - 1) / BENCH_CLAIM_EVERY;
    c->n = claimed < KEY_CACHE_MAX ? claimed : KEY_CACHE_MAX;
    c->n = c->n ? c->n : 1;
    c->user = calloc(c->n, sizeof *c->user);
    c->keys = calloc(c->n, sizeof *c->keys);
    if (!c->user || !c->keys)
        gen_die("loading", DT_NOMEM, NULL);
}

/* The user's keyring, made when its slot holds another's or none; the cache keeps it. */
static const struct keyring *key_cache_get(struct key_cache *c, const struct gen *g, uint32_t user)
{
    size_t slot = (user / BENCH_CLAIM_EVERY) % c->n;
    if (!c->keys[slot] || c->user[slot] != user) {
        keyring_free(&c->keys[slot]);
        c->keys[slot] = claimed_keys(g, user);
        c->user[slot] = user;
    }
    return c->keys[slot];
}

static void key_cache_free(struct key_cache *c)
{
    for (size_t i = 0; i < c->n; i++)
        keyring_free(&c->keys[i]);
    free(c->keys);
    free(c->user);
}

static enum dt_status add_account(struct store *st, const struct gen *g, uint32_t user,
                                  const struct keyring *k, const char *at, struct bench_rng *ids)
{
    char email[BENCH_SECRET_LEN], password[BENCH_SECRET_LEN];
    char password_row[STORE_ID_LEN], recovery_row[STORE_ID_LEN], email_row[STORE_ID_LEN];
    snprintf(email, sizeof email, BENCH_EMAIL, (unsigned long)user);
    snprintf(password, sizeof password, BENCH_PASSWORD, (unsigned long)user);
    char *rows[] = {password_row, recovery_row, email_row};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        uint64_t hi = bench_rng_next(ids), lo = bench_rng_next(ids);
        gen_json_uuid(hi, lo, rows[i]);
    }
    struct store_bulk_account a = {
        .user_id = g->user_ids[user],
        .email = email,
        .password = password,
        .keys = k,
        .limits = keywrap_test_limits(), /* the program's: over an hour for 10,000 */
        .password_row_id = password_row,
        .recovery_row_id = recovery_row,
        .email_row_id = email_row,
        .claimed_at = at,
    };
    return store_bulk_add_account(st, &a);
}

static enum dt_status load_event(struct store *st, const struct gen *g, const struct event *ev,
                                 struct bench_rng *ids, struct gen_json *b, struct key_cache *keys,
                                 struct load_stats *ls)
{
    char id[STORE_ID_LEN], at[STORE_TIME_LEN], later[STORE_TIME_LEN];
    const char *user = g->user_ids[ev->user];
    int64_t t = g->base + ev->t;
    store_time_format(t, at);
    uint64_t hi = bench_rng_next(ids), lo = bench_rng_next(ids);
    gen_json_uuid(hi, lo, id);
    struct bench_rng r;
    bench_rng_seed(&r, ((uint64_t)ev->seed << 32) ^ ev->user);
    bool claimed = is_claimed(ev->user);
    const struct keyring *k = claimed && ev->kind != EV_MODULE ? key_cache_get(keys, g, ev->user)
                                                               : NULL;
    enum dt_status s;
    switch (ev->kind) {
    case EV_USER: {
        store_time_format(g->base + ev->seed, later);
        ls->users++;
        struct store_bulk_user u = {user, ev->flags != 0, at, later, claimed};
        s = store_bulk_add_user(st, &u);
        if (s == DT_OK && claimed) { /* claimed the day they started */
            s = add_account(st, g, ev->user, k, at, ids);
            ls->claimed++;
        }
        break;
    }
    case EV_MODULE: {
        store_time_format(g->base + ev->seed, later);
        ls->modules++;
        struct store_bulk_module m = {user, g->modules[ev->aux].key, at, later};
        s = store_bulk_add_module(st, &m);
        break;
    }
    case EV_RESPONSE: {
        const struct gen_exercise *e = &g->ex[ev->aux];
        size_t len;
        const char *json = gen_json_response(b, &r, e, &len);
        note_size(&ls->response_bytes, &ls->response_min, &ls->response_max, len);
        ls->responses++;
        ls->sealed_responses += claimed;
        struct store_bulk_response row = {id, user,       e->part_id, e->module_id, e->exercise_id,
                                          1,  e->full_id, json,       at,           k};
        s = store_bulk_add_response(st, &row);
        break;
    }
    default: {
        const struct gen_tool *tool = &g->tools[ev->aux];
        char date[STORE_TIME_LEN];
        memcpy(date, at, 10);
        date[10] = '\0';
        size_t len;
        const char *json = gen_json_tool(b, &r, tool->id, date, &len);
        if (ls->tools % 4096 == 0) { /* both hashes are taken of the text: it must be canonical */
            char *canonical = store_tools_canonical_json(json);
            if (!canonical || strcmp(canonical, json) != 0) {
                fprintf(stderr, "bench-gen: generated tool JSON is not canonical: %s\n", json);
                exit(1);
            }
            free(canonical);
        }
        char hash[TOOLS_HASH_LEN] = "";
        if (!claimed) { /* a claimed user's is keyed, by the loader */
            unsigned char h[crypto_hash_sha256_BYTES];
            crypto_hash_sha256(h, (const unsigned char *)json, len);
            sodium_bin2hex(hash, sizeof hash, h, sizeof h);
        }
        /* a third are edited after they were made */
        int64_t updated = t;
        if (bench_rng_unit(&r) < 0.33)
            updated = clamp_time(t + (int64_t)log_uniform(&r, MINUTE, 30 * DAY), t, g->now);
        store_time_format(updated, later);
        note_size(&ls->tool_bytes, &ls->tool_min, &ls->tool_max, len);
        ls->tools++;
        ls->sealed_tools += claimed;
        struct store_bulk_tool row =
            {id,   user, tool->id, ev->flags ? g->ex[tool->exercise].full_id : "standalone",
             json, hash, at,       later,
             k};
        s = store_bulk_add_tool(st, &row);
        break;
    }
    }
    return s;
}

static void load(struct store *st, const struct gen *g, const struct events *ev,
                 struct load_stats *ls)
{
    struct gen_json *b = gen_json_new();
    if (!b)
        gen_die("loading", DT_NOMEM, NULL);
    struct bench_rng ids;
    bench_rng_seed(&ids, GEN_SEED ^ 0x1d5);
    struct key_cache keys;
    key_cache_init(&keys, g->nusers);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    enum dt_status s = store_bulk_begin(st);
    if (s != DT_OK)
        gen_die("starting the load", s, st);
    size_t tenth = ev->n / 10 ? ev->n / 10 : 1;
    for (size_t i = 0; s == DT_OK && i < ev->n; i++) {
        s = load_event(st, g, &ev->items[i], &ids, b, &keys, ls);
        if (s == DT_OK && (i + 1) % BATCH_ROWS == 0)
            s = store_bulk_commit_batch(st);
        if ((i + 1) % tenth == 0) {
            double secs = seconds_since(&t0);
            printf("  loaded %zu of %zu rows (%.0f s, %.0f rows/s)\n", i + 1, ev->n, secs,
                   (double)(i + 1) / secs);
            fflush(stdout);
        }
    }
    s = store_bulk_end(st, s);
    if (s != DT_OK)
        gen_die("loading", s, st);
    key_cache_free(&keys);
    free(b);
}

/* ---- main ---- */

static uint32_t users_wanted(void)
{
    const char *env = getenv("DREAMTREE_BENCH_USERS");
    if (!env || !*env)
        return DEFAULT_USERS;
    char *end;
    long v = strtol(env, &end, 10);
    if (*end || v < 1 || v > 10000000) {
        fprintf(stderr, "bench-gen: DREAMTREE_BENCH_USERS must be a number from 1 to 10000000\n");
        exit(2);
    }
    return (uint32_t)v;
}

static bool file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

static void remove_scratch(const char *part)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    char path[4200];
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        snprintf(path, sizeof path, "%s%s", part, suffixes[i]);
        if (unlink(path) != 0 && errno != ENOENT)
            gen_die_errno("cannot remove", path);
    }
}

static void sync_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0)
        gen_die_errno("cannot sync", path);
    close(fd);
}

static void print_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[256];
    while (fgets(line, sizeof line, f))
        printf("  %s", line);
    fclose(f);
}

int main(int argc, char **argv)
{
    const char *data_dir = argc > 1 ? argv[1] : BENCH_DATA_DIR;
    struct gen *g = calloc(1, sizeof *g);
    if (!g || sodium_init() < 0)
        gen_die("starting", DT_NOMEM, NULL);
    g->nusers = users_wanted();
    char db_path[4096], part_path[4200], info_path[4200], tmp_path[4300], content_dir[4200];
    char name[64];
    snprintf(name, sizeof name, BENCH_DB_NAME, (unsigned long)g->nusers);
    snprintf(db_path, sizeof db_path, "%s/%s", data_dir, name);
    snprintf(part_path, sizeof part_path, "%s.part", db_path);
    snprintf(info_path, sizeof info_path, "%s.info", db_path);
    snprintf(content_dir, sizeof content_dir, "%s/content", data_dir);
    if (file_exists(db_path)) { /* only a finished load is ever renamed to db_path */
        printf("bench-gen: reusing %s\n", db_path);
        print_file(info_path);
        free(g);
        return 0;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    gen_make_dir(data_dir);
    remove_scratch(part_path);
    gen_content_build_model(g);
    gen_content_write(g, content_dir);

    struct store *st = NULL;
    char err[STORE_ERR_LEN];
    enum dt_status s = store_open(part_path, STORE_OPEN_CREATE, &st, err);
    if (s != DT_OK) {
        fprintf(stderr, "bench-gen: %s: %s\n", part_path, err);
        return 1;
    }
    g->now = store_now(st);
    g->today = g->now - g->now % DAY;
    g->base = g->now - 731 * (int64_t)DAY;
    struct seed_diags d = {0};
    s = seed_run(st, content_dir, &d, NULL);
    for (size_t i = 0; i < d.n; i++)
        fprintf(stderr, "bench-gen: %s\n", d.items[i]);
    seed_diags_free(&d);
    if (s != DT_OK)
        gen_die("seeding the synthetic workbook", s, st);
    gen_content_check_seeded(st, g);
    printf("bench-gen: %u users into %s\n", (unsigned)g->nusers, db_path);
    printf("  content: %s (%d parts, %d modules, %d exercises, %d tools)\n", content_dir, NPARTS,
           NMODULES, g->nex, NTOOLS);

    g->user_ids = malloc((size_t)g->nusers * sizeof *g->user_ids);
    if (!g->user_ids)
        gen_die("planning", DT_NOMEM, NULL);
    uint64_t user_seed = GEN_SEED ^ 0x05e5;
    for (uint32_t u = 0; u < g->nusers; u++) {
        uint64_t hi = bench_splitmix(&user_seed), lo = bench_splitmix(&user_seed);
        gen_json_uuid(hi, lo, g->user_ids[u]);
    }
    struct events ev = {0};
    for (uint32_t u = 0; u < g->nusers; u++)
        plan_user(g, u, &ev);
    qsort(ev.items, ev.n, sizeof *ev.items, compare_events);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("  planned %zu rows in time order (%.1f s)\n", ev.n, seconds_since(&t0));
    fflush(stdout);

    struct load_stats ls = {0};
    load(st, g, &ev, &ls);
    free(ev.items);
    double load_secs = seconds_since(&t1);
    struct store_bulk_counts c;
    s = store_bulk_count(st, &c);
    if (s != DT_OK)
        gen_die("counting", s, st);
    store_close(&st);
    double secs = seconds_since(&t0);

    char now_text[STORE_TIME_LEN];
    store_time_format(g->now, now_text);
    snprintf(tmp_path, sizeof tmp_path, "%s.tmp", info_path);
    FILE *f = fopen(tmp_path, "w");
    if (!f)
        gen_die_errno("cannot write", tmp_path);
    fprintf(f, "users=%u\ngenerated_at=%s\nnow_unix=%lld\nseconds=%.1f\nload_seconds=%.1f\n",
            (unsigned)g->nusers, now_text, (long long)g->now, secs, load_secs);
    fprintf(f, "rows_users=%lld\nrows_user_settings=%lld\nrows_user_modules=%lld\n", c.users,
            c.user_settings, c.user_modules);
    fprintf(f, "rows_exercise_responses=%lld\nrows_tool_instances=%lld\n", c.exercise_responses,
            c.tool_instances);
    fprintf(f, "rows_auth=%lld\nrows_emails=%lld\n", c.auth, c.emails);
    fprintf(f, "claimed_users=%lld\nsealed_responses=%lld\nsealed_tool_instances=%lld\n",
            ls.claimed, ls.sealed_responses, ls.sealed_tools);
    fprintf(f, "response_json_bytes_min_mean_max=%d %.0f %d\n", ls.response_min,
            ls.responses ? (double)ls.response_bytes / (double)ls.responses : 0.0, ls.response_max);
    fprintf(f, "content_json_bytes_min_mean_max=%d %.0f %d\n", ls.tool_min,
            ls.tools ? (double)ls.tool_bytes / (double)ls.tools : 0.0, ls.tool_max);
    fprintf(f, "file_bytes=%lld\n", c.page_count * c.page_size);
    if (fclose(f) != 0)
        gen_die_errno("cannot write", tmp_path);
    if (rename(tmp_path, info_path) != 0)
        gen_die_errno("cannot rename", tmp_path);
    /* The load ran without fsync: make the file durable before it gets its final name, and so
     * that the timer's first checkpoint does not pay for writing back gigabytes. */
    sync_file(part_path);
    if (rename(part_path, db_path) != 0)
        gen_die_errno("cannot rename", part_path);
    sync_file(data_dir);
    printf("bench-gen: done in %.1f s (load %.1f s)\n", secs, load_secs);
    print_file(info_path);
    free(g->user_ids);
    free(g);
    return 0;
}
