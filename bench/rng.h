/* Deterministic random numbers for the benchmarks (xoshiro256**, seeded through splitmix64): the
 * same seed makes the same database and picks the same users, so runs compare. Not for secrets. */
#ifndef DT_BENCH_RNG_H
#define DT_BENCH_RNG_H

#include <stdint.h>

struct bench_rng {
    uint64_t s[4];
};

static inline uint64_t bench_splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static inline void bench_rng_seed(struct bench_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = bench_splitmix(&seed);
}

static inline uint64_t bench_rng_next(struct bench_rng *r)
{
    uint64_t *s = r->s;
    uint64_t x = s[1] * 5;
    uint64_t result = ((x << 7) | (x >> 57)) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 45) | (s[3] >> 19);
    return result;
}

/* Uniform in [0, 1). */
static inline double bench_rng_unit(struct bench_rng *r)
{
    return (double)(bench_rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n); n > 0. */
static inline uint32_t bench_rng_below(struct bench_rng *r, uint32_t n)
{
    return (uint32_t)(((bench_rng_next(r) >> 32) * n) >> 32);
}

#endif
