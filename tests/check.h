/* A small TAP test harness: each CHECK prints one "ok"/"not ok" line; check_done() prints the
 * plan and gives main its exit status. meson runs the tests with protocol 'tap'. */
#ifndef DT_CHECK_H
#define DT_CHECK_H

#include <stdio.h>
#include <string.h>

extern int check_count, check_failed;
extern const char *check_test_name;

int check_at(const char *file, int line, int ok, const char *what);
int check_str_at(const char *file, int line, const char *got, const char *want, const char *what);
int check_int_at(const char *file, int line, long long got, long long want, const char *what);
int check_done(void);

#define CHECK(cond) check_at(__FILE__, __LINE__, (cond) ? 1 : 0, #cond)
#define CHECK_STR(got, want) check_str_at(__FILE__, __LINE__, (got), (want), #got " == " #want)
#define CHECK_INT(got, want)                                                                       \
    check_int_at(__FILE__, __LINE__, (long long)(got), (long long)(want), #got " == " #want)
/* Runs one test function, naming it in the TAP output. */
#define RUN(fn)                                                                                    \
    do {                                                                                           \
        check_test_name = #fn;                                                                     \
        fn();                                                                                      \
    } while (0)

#endif
