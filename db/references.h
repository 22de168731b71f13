/* References and content sources (spec 6): credits by surname, by citation number, by exercise. */
#ifndef DT_REFERENCES_H
#define DT_REFERENCES_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

struct reference {
    char id[STORE_ID_LEN];
    int citation_number;
    char author_surname[80];
    char short_citation[256];
    char category[64];
    char *full_citation; /* malloc'd */
    char *metadata;      /* malloc'd JSON, NULL when none */
};

struct source_credit {
    char exercise_id[32]; /* full exercise id */
    char usage_type[16];
    char notes[512];
    struct reference ref;
};

/* How a usage type is shown (spec 6.2). */
enum usage_display {
    USAGE_QUOTE,        /* direct_quote: quotation marks and the full citation */
    USAGE_ADAPTED_FROM, /* framework, adaptation: "Adapted from [Source]" */
    USAGE_BASED_ON,     /* concept: "Based on work by [Source]" */
    USAGE_CREDITS_ONLY, /* inspiration: listed on the credits page only */
    USAGE_UNKNOWN,
};

/* All references, alphabetical by author surname (then citation number). Free with
 * store_references_list_free. */
enum dt_status store_references_by_surname(struct store *st, struct reference **out, size_t *n);
/* One reference by its citation number; free with store_references_clear. */
enum dt_status store_references_by_number(struct store *st, int citation_number,
                                          struct reference *out);
/* The sources of one exercise in citation order. Free with store_references_credits_free. */
enum dt_status store_references_for_exercise(struct store *st, const char *full_exercise_id,
                                             struct source_credit **out, size_t *n);
/* Every exercise's sources, in workbook order. Free with store_references_credits_free. */
enum dt_status store_references_all_sources(struct store *st, struct source_credit **out,
                                            size_t *n);

enum usage_display store_references_usage_display(const char *usage_type);
/* The line an exercise shows for a credit: 'Adapted from X', 'Based on work by X', or the full
 * citation for a quote; "" for credits-page-only. Returns the length written. */
size_t store_references_credit_line(const struct source_credit *credit, char *buf, size_t size);

void store_references_clear(struct reference *r);
void store_references_list_free(struct reference **list, size_t n);
void store_references_credits_free(struct source_credit **list, size_t n);

#endif
