#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

struct buf {
    char *data;
    size_t len, cap;
};

static int put(struct buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown)
            return -1;
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

static int is_bidi_control(ucs4_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

char *tui_text_sanitize(const char *s, size_t n, int flags)
{
    struct buf b = {0};
    if (put(&b, "", 0) != 0)
        return NULL;
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    int rc = 0;
    while (p < end && rc == 0) {
        ucs4_t c;
        int len = u8_mbtoucr(&c, p, (size_t)(end - p));
        if (len < 0) { /* invalid or truncated sequence: one byte becomes U+FFFD */
            rc = put(&b, "\xEF\xBF\xBD", 3);
            p++;
            continue;
        }
        char tmp[16];
        if (c == '\n') {
            rc = put(&b, flags & TUI_TEXT_MULTILINE ? "\n" : " ", 1);
        } else if (c == '\t') {
            rc = put(&b, " ", 1);
        } else if (c < 0x20 || c == 0x7F) {
            tmp[0] = '^';
            tmp[1] = c == 0x7F ? '?' : (char)(c + 0x40);
            rc = put(&b, tmp, 2);
        } else if ((c >= 0x80 && c <= 0x9F) || is_bidi_control(c) || c == 0x2028 || c == 0x2029) {
            int k = snprintf(tmp, sizeof tmp, "<U+%04X>", (unsigned)c);
            rc = put(&b, tmp, (size_t)k);
        } else {
            rc = put(&b, (const char *)p, (size_t)len);
        }
        p += len;
    }
    if (rc != 0) {
        free(b.data);
        return NULL;
    }
    return b.data;
}

size_t tui_text_width(const char *s)
{
    int w = u8_strwidth((const uint8_t *)s, "UTF-8");
    return w < 0 ? 0 : (size_t)w;
}

int tui_text_put_line(FILE *out, const char *s)
{
    char *clean = tui_text_sanitize(s, strlen(s), 0);
    if (!clean)
        return -1;
    int rc = fputs(clean, out) < 0 || fputc('\n', out) == EOF ? -1 : 0;
    free(clean);
    return rc;
}
