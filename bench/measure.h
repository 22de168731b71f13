/* What every benchmark program measures with: the clock, medians and percentiles, and one way
 * to stop on a store error (the figures of a broken run are worth nothing). */
#ifndef DT_BENCH_MEASURE_H
#define DT_BENCH_MEASURE_H

#include <stddef.h>
#include <stdnoreturn.h>

#include "status.h"
#include "store.h"

/* The program's name in bench_die's messages ("bench-search"); set once, first thing. */
void bench_set_name(const char *name);
/* Says "NAME: what: the status[: the store's last error]" on stderr and exits with 1. */
noreturn void bench_die(const char *what, enum dt_status s, struct store *st);

/* The monotonic clock in microseconds. */
double bench_now_us(void);
/* qsort's comparison for doubles, ascending. */
int bench_compare_doubles(const void *a, const void *b);
/* The median of v[0..n) (0 when n is 0); sorts v. */
double bench_median(double *v, size_t n);
/* The value below which a share q (0..1) of v[0..n) lies, by nearest rank (0 when n is 0);
 * sorts v. */
double bench_percentile(double *v, size_t n, double q);

#endif
