#include "number.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tui_number_format(double v, char *out, size_t size)
{
    if (fabs(v) < 1e15 && fabs(v) >= 1e-4) {
        /* fixed notation, then the trailing zeros of the fraction go */
        snprintf(out, size, "%.*f",
                 15 - (int)floor(log10(fabs(v))) - 1 > 0 ? 15 - (int)floor(log10(fabs(v))) - 1 : 0,
                 v);
        if (strchr(out, '.')) {
            size_t n = strlen(out);
            while (n > 0 && out[n - 1] == '0')
                out[--n] = '\0';
            if (n > 0 && out[n - 1] == '.')
                out[--n] = '\0';
        }
        return;
    }
    snprintf(out, size, "%.15g", v); /* zero, the very small and the very large */
}

void tui_number_format_amount(double v, char *out, size_t size)
{
    double cents = round(fabs(v) * 100);
    if (cents >= 1e15 || size < 2) {
        tui_number_format(v, out, size);
        return;
    }
    char digits[32];
    long long whole = (long long)(cents / 100), part = (long long)fmod(cents, 100);
    int n = snprintf(digits, sizeof digits, "%lld", whole);
    char grouped[48];
    size_t w = 0;
    if (v < 0 && cents > 0)
        grouped[w++] = '-';
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            grouped[w++] = ',';
        grouped[w++] = digits[i];
    }
    grouped[w] = '\0';
    if (part)
        snprintf(out, size, "%s.%02lld", grouped, part);
    else
        snprintf(out, size, "%s", grouped);
}

const char *tui_number_parse(const char *s, double *v)
{
    static const char form[] = "type the number in digits, like 2400, 2,400 or 2400.50.";
    static const char commas[] = "use a point for decimals and commas only between thousands,"
                                 " like 2,400.50.";
    static const char too_long[] = "that number has more than 15 digits, more than can be"
                                   " kept exactly.";
    char digits[48]; /* the number without its commas, for strtod */
    size_t n = 0, significant = 0, group = 0;
    bool grouped = false, any = false;
    const char *p = s + strspn(s, " \t");
    if (*p == '-')
        digits[n++] = *p++;
    else if (*p == '+') /* "+1", as a slider's stops write it */
        p++;
    for (const char *start = p; (*p >= '0' && *p <= '9') || *p == ','; p++) {
        if (*p == ',') {
            /* a comma ends a group: the first of one to three digits, every later one of three */
            if (p == start || group == 0 || group > 3 || (grouped && group != 3))
                return commas;
            grouped = true;
            group = 0;
            continue;
        }
        group++;
        any = true;
        significant += significant || *p != '0';
        if (n + 2 >= sizeof digits)
            return too_long;
        digits[n++] = *p;
    }
    if (grouped && group != 3)
        return commas; /* "1,23" or "2,400,": a comma not followed by three digits */
    if (*p == '.') {
        digits[n++] = *p++;
        for (; *p >= '0' && *p <= '9'; p++) {
            any = true;
            significant += significant || *p != '0';
            if (n + 1 >= sizeof digits)
                return too_long;
            digits[n++] = *p;
        }
        if (*p == ',')
            return commas; /* "2.400,50": the comma may mean the point */
    }
    if (!any || p[strspn(p, " \t")])
        return form;
    if (significant > 15)
        return too_long;
    digits[n] = '\0';
    double d = strtod(digits, NULL);
    *v = d == 0 ? 0 : d; /* "-0" is 0 */
    return NULL;
}
