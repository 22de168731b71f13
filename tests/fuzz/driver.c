/* A small, deterministic mutation fuzzer that runs inside `meson test` with gcc, so every
 * harness is exercised on every run (and under AddressSanitizer in the sanitizer pass).
 *
 * A harness defines fuzz_one(data, size): it must never crash, leak or hang on any input, and
 * returns 0 (nonzero: a broken invariant, which fails the run). The same harness also builds
 * with clang's libFuzzer (`-fsanitize=fuzzer`, see tests/fuzz/README.md), through
 * LLVMFuzzerTestOneInput below, for long runs by hand.
 *
 * Usage: fuzz-NAME CORPUS_DIR [SECONDS] [RUNS]
 * Runs every file of the committed corpus, then mutations of them (bit flips, interesting bytes,
 * inserts, deletes, copies, splices) from a fixed seed (FUZZ_SEED overrides it) until SECONDS
 * (default 3) or RUNS (default 50000) is reached. An input that fails is written to
 * ./fuzz-NAME-failure (it is made by the fuzzer, never user data) and the run exits 1. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_one(data, size) == 0 ? 0 : -1;
}

#ifndef FUZZ_LIBFUZZER

#define MAX_CORPUS 512
#define FUZZ_MAX_INPUT (256u * 1024u)

struct input {
    uint8_t *data;
    size_t size;
};

static uint64_t rng_state;

static uint64_t next_random(void)
{
    /* splitmix64: small, good enough to pick mutations, and the same on every machine */
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static size_t below(size_t n)
{
    return n ? (size_t)(next_random() % n) : 0;
}

static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int read_corpus(const char *dir, struct input *corpus, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "fuzz: cannot open the corpus folder %s\n", dir);
        return -1;
    }
    struct dirent *e;
    while ((e = readdir(d)) && *n < MAX_CORPUS) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        uint8_t *buf = malloc(FUZZ_MAX_INPUT);
        size_t got = buf ? fread(buf, 1, FUZZ_MAX_INPUT, f) : 0;
        fclose(f);
        if (!buf)
            return -1;
        corpus[(*n)++] = (struct input){buf, got};
    }
    closedir(d);
    if (*n == 0) {
        fprintf(stderr, "fuzz: the corpus folder %s holds no inputs\n", dir);
        return -1;
    }
    return 0;
}

/* One to four changes to buf (size *size, room for FUZZ_MAX_INPUT). */
static void mutate(uint8_t *buf, size_t *size, const struct input *corpus, size_t ncorpus)
{
    static const uint8_t interesting[] = {0,    1,    0x7f, 0x80, 0xff, '"', '\\', '{',
                                          '}',  '[',  ']',  ':',  ',',  '0', '9',  '-',
                                          0xc3, 0xe2, 0xf0, 0xed, 0xa0, 'e', 'n',  ' '};
    int changes = 1 + (int)below(4);
    for (int c = 0; c < changes; c++) {
        size_t n = *size;
        switch (below(7)) {
        case 0: /* flip a bit */
            if (n)
                buf[below(n)] ^= (uint8_t)(1u << below(8));
            break;
        case 1: /* an interesting byte */
            if (n)
                buf[below(n)] = interesting[below(sizeof interesting)];
            break;
        case 2: /* insert a byte */
            if (n < FUZZ_MAX_INPUT) {
                size_t at = below(n + 1);
                memmove(buf + at + 1, buf + at, n - at);
                buf[at] = (uint8_t)(below(2) ? interesting[below(sizeof interesting)] : below(256));
                *size = n + 1;
            }
            break;
        case 3: /* delete a range */
            if (n) {
                size_t at = below(n), len = 1 + below(n - at < 16 ? n - at : 16);
                memmove(buf + at, buf + at + len, n - at - len);
                *size = n - len;
            }
            break;
        case 4: /* copy a range elsewhere */
            if (n > 1) {
                size_t from = below(n), len = 1 + below(n - from < 32 ? n - from : 32);
                size_t to = below(n + 1), tail = n - to;
                /* the bound on tail is for gcc, which otherwise warns that it may be huge */
                if (n + len <= FUZZ_MAX_INPUT && tail <= FUZZ_MAX_INPUT) {
                    memmove(buf + to + len, buf + to, tail);
                    memmove(buf + to, buf + (from >= to ? from + len : from), len);
                    *size = n + len;
                }
            }
            break;
        case 5: /* cut the end */ *size = below(n + 1); break;
        default: { /* splice: the start of this one, the end of another */
            const struct input *o = &corpus[below(ncorpus)];
            size_t keep = below(n + 1), from = below(o->size + 1);
            size_t len = o->size - from;
            if (keep + len > FUZZ_MAX_INPUT)
                len = FUZZ_MAX_INPUT - keep;
            memcpy(buf + keep, o->data + from, len);
            *size = keep + len;
            break;
        }
        }
    }
}

static int fail(const char *name, const uint8_t *data, size_t size)
{
    char path[256];
    snprintf(path, sizeof path, "fuzz-%s-failure", name);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, size, f);
        fclose(f);
    }
    fprintf(stderr, "fuzz: an input broke the harness; it is in %s\n", path);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR [SECONDS] [RUNS]\n", argv[0]);
        return 2;
    }
    double seconds = argc > 2 ? atof(argv[2]) : 3.0;
    long runs = argc > 3 ? atol(argv[3]) : 50000;
    const char *seed = getenv("FUZZ_SEED");
    rng_state = seed ? strtoull(seed, NULL, 10) : 20261205u;

    static struct input corpus[MAX_CORPUS];
    size_t ncorpus = 0;
    if (read_corpus(argv[1], corpus, &ncorpus) != 0)
        return 1;
    for (size_t i = 0; i < ncorpus; i++) {
        /* a copy of exactly its size, so the sanitizer sees any read past the end */
        uint8_t *copy = malloc(corpus[i].size ? corpus[i].size : 1);
        memcpy(copy, corpus[i].data, corpus[i].size);
        int r = fuzz_one(copy, corpus[i].size);
        free(copy);
        if (r != 0)
            return fail(FUZZ_NAME, corpus[i].data, corpus[i].size);
    }

    uint8_t *buf = malloc(FUZZ_MAX_INPUT);
    double start = seconds_now();
    long done = 0;
    while (done < runs && seconds_now() - start < seconds) {
        const struct input *base = &corpus[below(ncorpus)];
        size_t size = base->size;
        memcpy(buf, base->data, size);
        mutate(buf, &size, corpus, ncorpus);
        uint8_t *exact = malloc(size ? size : 1);
        memcpy(exact, buf, size);
        int r = fuzz_one(exact, size);
        free(exact);
        if (r != 0)
            return fail(FUZZ_NAME, buf, size);
        done++;
    }
    printf("1..1\nok 1 - %s: %zu corpus inputs and %ld mutations in %.1f s, no failure\n",
           FUZZ_NAME, ncorpus, done, seconds_now() - start);
    free(buf);
    for (size_t i = 0; i < ncorpus; i++)
        free(corpus[i].data);
    return 0;
}

#endif
