/* What bench-gen and bench-timer agree on: the database's file name and which users have claimed
 * their workbook, with what email and password (bench/README.md). */
#ifndef DT_BENCH_DB_H
#define DT_BENCH_DB_H

/* The format version is in the name, so a database made by an older bench-gen (with other rows)
 * is never reused or timed by mistake: v2 added the claimed users. */
#define BENCH_DB_NAME "dreamtree-bench-v2-%lu.db" /* %lu: the number of users */

/* Every tenth user in the generator's order (0, 10, 20...) has claimed their workbook. */
#define BENCH_CLAIM_EVERY 10u
#define BENCH_EMAIL "user%lu@bench.invalid" /* %lu: the user's number in that order */
#define BENCH_PASSWORD "bench password %lu"
#define BENCH_SECRET_LEN 64 /* room for either, NUL included */

#endif
