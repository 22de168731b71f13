#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#define SEED_MAX_FILE (16L * 1024 * 1024)

void seed_diag(struct seed_diags *d, const char *file, int line, const char *fmt, ...)
{
    if (d->n >= SEED_DIAGS_KEPT) {
        d->more++;
        return;
    }
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char full[1400];
    if (line > 0)
        snprintf(full, sizeof full, "%s:%d: %s", file, line, msg);
    else
        snprintf(full, sizeof full, "%s: %s", file, msg);
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        char **grown = realloc(d->items, cap * sizeof *grown);
        if (!grown) {
            d->more++; /* out of memory: still counted */
            return;
        }
        d->items = grown;
        d->cap = cap;
    }
    char *copy = strdup(full);
    if (copy)
        d->items[d->n++] = copy;
    else
        d->more++;
}

size_t seed_diags_count(const struct seed_diags *d)
{
    return d->n + d->more;
}

void seed_diags_free(struct seed_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->items[i]);
    free(d->items);
    memset(d, 0, sizeof *d);
}

static void check_line(const struct seed_source *src, size_t index, struct seed_diags *d)
{
    const char *line = src->lines[index];
    size_t n = strlen(line);
    const uint8_t *bad = u8_check((const uint8_t *)line, n);
    if (bad) {
        seed_diag(d, src->path, (int)index + 1, "invalid UTF-8 (byte %zu of the line)",
                  (size_t)(bad - (const uint8_t *)line) + 1);
        return;
    }
    const uint8_t *p = (const uint8_t *)line, *end = p + n;
    while (p < end) {
        ucs4_t c;
        int len = u8_mbtouc(&c, p, (size_t)(end - p));
        if ((c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
            (c >= 0x2066 && c <= 0x2069)) {
            seed_diag(d, src->path, (int)index + 1, "control character U+%04X", (unsigned)c);
            return;
        }
        /* invisible, and each spells an ASCII letter: text no reader of the file can see */
        if (c >= 0xE0000 && c <= 0xE007F) {
            seed_diag(d, src->path, (int)index + 1, "invisible tag character U+%04X", (unsigned)c);
            return;
        }
        p += len;
    }
}

int seed_source_read(const char *path, struct seed_source *src, struct seed_diags *d)
{
    memset(src, 0, sizeof *src);
    src->path = strdup(path);
    FILE *f = fopen(path, "rb");
    if (!src->path || !f) {
        seed_diag(d, path, 0, "cannot read: %s", strerror(errno));
        if (f)
            fclose(f);
        return -1;
    }
    size_t cap = 4096, len = 0;
    src->data = malloc(cap);
    size_t got;
    while (src->data && (got = fread(src->data + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if ((long)len > SEED_MAX_FILE)
            break;
        if (len + 1 >= cap) {
            char *grown = realloc(src->data, cap * 2);
            if (!grown) {
                free(src->data);
                src->data = NULL;
                break;
            }
            src->data = grown;
            cap *= 2;
        }
    }
    fclose(f);
    if (!src->data || (long)len > SEED_MAX_FILE) {
        seed_diag(d, path, 0, src->data ? "file is larger than 16 MiB" : "out of memory");
        seed_source_free(src);
        return -1;
    }
    src->data[len] = '\0';
    if (memchr(src->data, '\0', len)) {
        seed_diag(d, path, 0, "file holds a NUL byte; content files are UTF-8 text");
        seed_source_free(src);
        return -1;
    }
    size_t nl = 1;
    for (size_t i = 0; i < len; i++)
        nl += src->data[i] == '\n';
    src->lines = malloc(nl * sizeof *src->lines);
    if (!src->lines) {
        seed_source_free(src);
        return -1;
    }
    char *p = src->data;
    while (*p || (p == src->data && len == 0)) {
        char *eol = strchr(p, '\n');
        if (eol)
            *eol = '\0';
        size_t n = strlen(p);
        if (n && p[n - 1] == '\r')
            p[n - 1] = '\0';
        src->lines[src->nlines++] = p;
        if (!eol)
            break;
        p = eol + 1;
    }
    for (size_t i = 0; i < src->nlines; i++)
        check_line(src, i, d);
    return 0;
}

void seed_source_free(struct seed_source *src)
{
    free(src->path);
    free(src->data);
    free(src->lines);
    memset(src, 0, sizeof *src);
}
