/* Ranking by pairs: a binary insertion sort whose comparisons are the person's answers. The
 * answers are kept by the items' text in the entry ({"better": ..., "worse": ...}), so the sort
 * can be replayed at any time: it stops at the first pair nobody has answered yet, which is the
 * next question. Inserting item i takes at most ceil(log2(i + 1)) questions, so n items take at
 * most rank_bound(n) <= n * ceil(log2 n), and the result is always a total order. */
#ifndef DT_RANKING_H
#define DT_RANKING_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

/* The most items a ranking takes: 100 items take at most 573 questions, a long sitting already
 * (10,000 would take 123,617). More is refused where the items are given, with this number. */
#define RANK_MAX_ITEMS 100

/* The most questions n items can take. */
size_t rank_bound(size_t n);

/* Replays the sort over items[0..n) with the answers in choices (an array of
 * {"better", "worse"}; may be NULL). True when complete: order[0..n) holds item indexes, the
 * most important first. False when a question is missing: *ask_a and *ask_b are the pair to
 * ask. order must have room for n. */
bool rank_replay(const char *const *items, size_t n, const cJSON *choices, size_t *order,
                 size_t *ask_a, size_t *ask_b);

/* How many of the answers in choices the sort uses (answers about items gone, or left over
 * after the items changed, do not count): the questions answered so far. */
size_t rank_answered(const char *const *items, size_t n, const cJSON *choices);

#endif
