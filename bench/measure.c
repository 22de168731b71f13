#include "measure.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const char *program = "bench";

void bench_set_name(const char *name)
{
    program = name;
}

noreturn void bench_die(const char *what, enum dt_status s, struct store *st)
{
    fprintf(stderr, "%s: %s: %s%s%s\n", program, what, dt_status_message(s), st ? ": " : "",
            st ? store_last_error(st) : "");
    exit(1);
}

double bench_now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

int bench_compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

double bench_median(double *v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, bench_compare_doubles);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double bench_percentile(double *v, size_t n, double q)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, bench_compare_doubles);
    size_t rank = (size_t)((double)n * q + 0.999999);
    return v[rank > 0 ? rank - 1 : 0];
}
