/* Numbers as people write and type them: the one rule both faces use to show a number in a
 * field and to read a typed one back. */
#ifndef DT_NUMBER_H
#define DT_NUMBER_H

#include <stddef.h>

/* A number as a person writes it: up to 15 significant digits, no exponent for everyday sizes
 * ("1234567", "102880.58", "-2"), so a value shown in a field reads back as the same value. */
void tui_number_format(double v, char *out, size_t size);
/* An amount of money as a person writes it: commas between thousands, and cents when there are
 * any ("2,050.50", "2,400", "-12.05"); tui_number_parse reads it back. Beyond 15 digits,
 * tui_number_format's form. */
void tui_number_format_amount(double v, char *out, size_t size);

/* Reads a number as a person types it; the one rule both faces use for a typed number:
 * optional spaces or tabs around it, an optional minus sign, digits with commas allowed only
 * between groups of three ("2,400", "1,234,567.89"), and an optional point with decimals.
 * Nothing else is guessed at: a decimal comma ("2.400,50"), an exponent ("1e3"), letters or
 * units ("2k"), a space inside, or more than 15 significant digits (more than a double keeps).
 * Returns NULL with *v set (never -0) when s is a number; else a reason to show the person,
 * a static sentence naming the form to use, and *v is untouched. */
const char *tui_number_parse(const char *s, double *v);

#endif
