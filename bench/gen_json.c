/* bench-gen's JSON texts (bench/README.md): exercise answers and tool contents shaped as the
 * app writes them, sized like real ones, from the workbook's words (gen_content.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

void gen_json_uuid(uint64_t hi, uint64_t lo, char out[STORE_ID_LEN])
{
    unsigned char b[16];
    for (int i = 0; i < 8; i++) {
        b[i] = (unsigned char)(hi >> (56 - 8 * i));
        b[8 + i] = (unsigned char)(lo >> (56 - 8 * i));
    }
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4, as store_uuid_random makes */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    static const char hex[] = "0123456789abcdef";
    char *p = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        *p++ = hex[b[i] >> 4];
        *p++ = hex[b[i] & 15];
    }
    *p = '\0';
}

#define JB_CAP 8192

/* A small JSON writer: texts are filled with words up to `slot` bytes each (a two-pass build
 * measures the rest first, so that the whole comes close to a target size). */
struct gen_json {
    char buf[JB_CAP];
    size_t len;
    bool first;           /* the next value opens its container or follows a key */
    double weight;        /* text slots met, weighted */
    double slot;          /* bytes per weight-1 text slot */
    struct bench_rng wrd; /* words only: the structure draws stay the same in both passes */
};

static void jb_raw(struct gen_json *b, const char *s, size_t n)
{
    if (b->len + n + 1 < JB_CAP) {
        memcpy(b->buf + b->len, s, n);
        b->len += n;
        b->buf[b->len] = '\0';
    }
}

static void jb_sep(struct gen_json *b)
{
    if (!b->first)
        jb_raw(b, ",", 1);
    b->first = false;
}

static void jb_open(struct gen_json *b, const char *c)
{
    jb_sep(b);
    jb_raw(b, c, 1);
    b->first = true;
}

static void jb_close(struct gen_json *b, const char *c)
{
    jb_raw(b, c, 1);
    b->first = false;
}

static void jb_key(struct gen_json *b, const char *key)
{
    jb_sep(b);
    jb_raw(b, "\"", 1);
    jb_raw(b, key, strlen(key));
    jb_raw(b, "\":", 2);
    b->first = true;
}

static void jb_string(struct gen_json *b, const char *s)
{
    jb_sep(b);
    jb_raw(b, "\"", 1);
    jb_raw(b, s, strlen(s));
    jb_raw(b, "\"", 1);
}

/* A text taking weight slots of the size budget. */
static void jb_text(struct gen_json *b, double weight)
{
    char text[JB_CAP];
    b->weight += weight;
    size_t n = (size_t)(b->slot * weight);
    if (n >= sizeof text)
        n = sizeof text - 1;
    gen_content_words(&b->wrd, text, n);
    jb_string(b, text);
}

/* A short text (a name, a title, a status) outside the size budget. */
static void jb_short(struct gen_json *b, struct bench_rng *r)
{
    char text[64];
    gen_content_words(r, text, 4 + bench_rng_below(r, 20));
    jb_string(b, text);
}

static void jb_int(struct gen_json *b, long long v)
{
    char num[32];
    int n = snprintf(num, sizeof num, "%lld", v);
    jb_sep(b);
    jb_raw(b, num, (size_t)n);
}

static void jb_bool(struct gen_json *b, bool v)
{
    jb_sep(b);
    jb_raw(b, v ? "true" : "false", v ? 4 : 5);
}

typedef void (*jb_fill)(struct gen_json *b, struct bench_rng *r, const void *ctx);

/* Builds fill's JSON close to target bytes. */
static void jb_sized(struct gen_json *b, int target, jb_fill fill, struct bench_rng *r,
                     const void *ctx)
{
    uint64_t words_seed = bench_rng_next(r);
    struct bench_rng start = *r;
    for (int pass = 0; pass < 2; pass++) {
        double slot = 0;
        if (pass == 1)
            slot = b->weight > 0 && target > (int)b->len ? (target - (double)b->len) / b->weight
                                                         : 0;
        b->len = 0;
        b->buf[0] = '\0';
        b->first = true;
        b->weight = 0;
        b->slot = slot;
        bench_rng_seed(&b->wrd, words_seed);
        struct bench_rng structure = start;
        fill(b, &structure, ctx);
        if (pass == 1)
            *r = structure;
    }
}

static const char *const statuses[] = {"identified", "reached out", "meeting set", "met",
                                       "following up"};

/* Canonical JSON (keys in byte order, no white space) as store_tools_canonical_json makes it,
 * so that the content hash can be taken from the text directly. Field names follow
 * WORKBOOK-OUTLINE.md. ctx: the instance's date, "YYYY-MM-DD". */
static void fill_tool(struct gen_json *b, struct bench_rng *r, const char *tool, const char *date,
                      int target)
{
    int n = 1 + (int)bench_rng_below(r, 1 + (uint32_t)target / 200); /* rows: more when larger */
    jb_open(b, "{");
    if (strcmp(tool, "flow-tracker") == 0) {
        jb_key(b, "activity"), jb_short(b, r);
        jb_key(b, "date"), jb_string(b, date);
        jb_key(b, "energy"), jb_int(b, (long long)bench_rng_below(r, 5) - 2);
        jb_key(b, "focus"), jb_int(b, 1 + bench_rng_below(r, 5));
        jb_key(b, "notes"), jb_text(b, 1);
    } else if (strcmp(tool, "failure-reframer") == 0) {
        static const char *const keys[] = {"change",   "feelings",      "learned",  "next_step",
                                           "reframed", "silver_lining", "situation"};
        for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
            jb_key(b, keys[i]), jb_text(b, 1);
    } else if (strcmp(tool, "budget-calculator") == 0) {
        long long monthly = 1500 + bench_rng_below(r, 9000);
        jb_key(b, "expenses"), jb_open(b, "[");
        for (int i = 0; i < n + 1; i++) {
            jb_open(b, "{");
            jb_key(b, "amount"), jb_int(b, 20 + bench_rng_below(r, 2000));
            jb_key(b, "essential"), jb_bool(b, bench_rng_below(r, 2));
            jb_key(b, "name"), jb_short(b, r);
            jb_close(b, "}");
        }
        jb_close(b, "]");
        jb_key(b, "income_monthly"), jb_int(b, monthly);
        jb_key(b, "income_yearly"), jb_int(b, monthly * 12);
        jb_key(b, "notes"), jb_text(b, 1);
        jb_key(b, "walk_away"), jb_int(b, monthly * 7 / 10);
    } else if (strcmp(tool, "soared-story") == 0) {
        static const char *const keys[] = {"action", "discovery", "evaluation"};
        for (size_t i = 0; i < 3; i++)
            jb_key(b, keys[i]), jb_text(b, 1);
        jb_key(b, "kind"), jb_string(b, bench_rng_below(r, 4) ? "challenge" : "reframe");
        jb_key(b, "obstacle"), jb_text(b, 1);
        jb_key(b, "result"), jb_text(b, 1);
        jb_key(b, "situation"), jb_text(b, 1);
        jb_key(b, "title"), jb_short(b, r);
    } else if (strcmp(tool, "networking-prep") == 0) {
        jb_key(b, "contacts"), jb_open(b, "[");
        for (int i = 0; i < n; i++) {
            jb_open(b, "{");
            jb_key(b, "connection"), jb_short(b, r);
            jb_key(b, "name"), jb_short(b, r);
            jb_key(b, "next_step"), jb_text(b, 0.5);
            jb_key(b, "organisation"), jb_short(b, r);
            jb_key(b, "role"), jb_short(b, r);
            jb_key(b, "status"), jb_string(b, statuses[bench_rng_below(r, 5)]);
            jb_close(b, "}");
        }
        jb_close(b, "]");
        jb_key(b, "pitch"), jb_text(b, 1);
        jb_key(b, "questions"), jb_open(b, "[");
        for (int i = 0; i < n; i++)
            jb_text(b, 0.3);
        jb_close(b, "]");
    } else if (strcmp(tool, "job-prospector") == 0) {
        jb_key(b, "prospects"), jb_open(b, "[");
        for (int i = 0; i < n; i++) {
            jb_open(b, "{");
            jb_key(b, "employer"), jb_short(b, r);
            jb_key(b, "field"), jb_short(b, r);
            jb_key(b, "fit"), jb_int(b, 1 + bench_rng_below(r, 5));
            jb_key(b, "follow_up"), jb_string(b, date);
            jb_key(b, "notes"), jb_text(b, 1);
            jb_key(b, "status"), jb_string(b, statuses[bench_rng_below(r, 5)]);
            jb_key(b, "title"), jb_short(b, r);
            jb_close(b, "}");
        }
        jb_close(b, "]");
    } else if (strcmp(tool, "ranking-grid") == 0) {
        jb_key(b, "items"), jb_open(b, "[");
        for (int i = 0; i < n + 3; i++) {
            jb_open(b, "{");
            jb_key(b, "name"), jb_text(b, 0.2);
            jb_key(b, "rank"), jb_int(b, i + 1);
            jb_close(b, "}");
        }
        jb_close(b, "]");
        jb_key(b, "title"), jb_short(b, r);
    } else if (strcmp(tool, "idea-tree") == 0) {
        jb_key(b, "branches"), jb_open(b, "[");
        for (int i = 0; i < n; i++) {
            jb_open(b, "{");
            jb_key(b, "idea"), jb_text(b, 0.4);
            jb_key(b, "leaves"), jb_open(b, "[");
            for (int k = 0; k < 3; k++)
                jb_text(b, 0.2);
            jb_close(b, "]");
            jb_close(b, "}");
        }
        jb_close(b, "]");
        jb_key(b, "root"), jb_short(b, r);
    } else if (strcmp(tool, "resume-builder") == 0) {
        jb_key(b, "headline"), jb_short(b, r);
        jb_key(b, "sections"), jb_open(b, "[");
        for (int i = 0; i < n; i++) {
            jb_open(b, "{");
            jb_key(b, "entries"), jb_open(b, "[");
            for (int k = 0; k < 2; k++)
                jb_text(b, 0.5);
            jb_close(b, "]");
            jb_key(b, "title"), jb_short(b, r);
            jb_close(b, "}");
        }
        jb_close(b, "]");
    } else { /* list-builder */
        jb_key(b, "items"), jb_open(b, "[");
        for (int i = 0; i < n + 3; i++)
            jb_text(b, 0.25);
        jb_close(b, "]");
        jb_key(b, "title"), jb_short(b, r);
    }
    jb_close(b, "}");
}

struct tool_ctx {
    const char *tool, *date;
    int target;
};

static void fill_tool_ctx(struct gen_json *b, struct bench_rng *r, const void *ctx)
{
    const struct tool_ctx *c = ctx;
    fill_tool(b, r, c->tool, c->date, c->target);
}

/* An answer to each prompt of the exercise, keyed as the prompts are. */
static void fill_response(struct gen_json *b, struct bench_rng *r, const void *ctx)
{
    const struct gen_exercise *e = ctx;
    jb_open(b, "{");
    for (int p = 0; p < e->nprompts; p++) {
        jb_key(b, gen_content_input_key(e->prompts[p]));
        switch (e->prompts[p]) {
        case IN_LINE: jb_text(b, 0.3); break;
        case IN_TEXT: jb_text(b, 1); break;
        case IN_LIST: {
            int n = 2 + (int)bench_rng_below(r, 6);
            jb_open(b, "[");
            for (int i = 0; i < n; i++)
                jb_text(b, 0.2);
            jb_close(b, "]");
            break;
        }
        case IN_NUMBER: jb_int(b, bench_rng_below(r, 200000)); break;
        case IN_SLIDER: jb_int(b, 1 + bench_rng_below(r, 10)); break;
        case IN_TOOL: {
            char id[STORE_ID_LEN]; /* the tool instance the answer points at */
            uint64_t hi = bench_rng_next(r), lo = bench_rng_next(r);
            gen_json_uuid(hi, lo, id);
            jb_string(b, id);
            break;
        }
        }
    }
    jb_close(b, "}");
}

/* A JSON size from 100 to 800 bytes, most of them short (mean about 330). */
static int json_size(struct bench_rng *r)
{
    double u = bench_rng_unit(r);
    return 100 + (int)(700 * u * u);
}

struct gen_json *gen_json_new(void)
{
    return malloc(sizeof(struct gen_json));
}

const char *gen_json_response(struct gen_json *b, struct bench_rng *r, const struct gen_exercise *e,
                              size_t *len)
{
    jb_sized(b, json_size(r), fill_response, r, e);
    *len = b->len;
    return b->buf;
}

const char *gen_json_tool(struct gen_json *b, struct bench_rng *r, const char *tool,
                          const char *date, size_t *len)
{
    struct tool_ctx ctx = {tool, date, json_size(r)};
    jb_sized(b, ctx.target, fill_tool_ctx, r, &ctx);
    *len = b->len;
    return b->buf;
}
