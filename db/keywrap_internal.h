/* What keywrap.c shares with envelope.c, the other reader and writer of sealed bytes. */
#ifndef DT_KEYWRAP_INTERNAL_H
#define DT_KEYWRAP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/* "VERSION" NUL owner NUL what: no part holds a NUL, so the split is unambiguous. malloc'd; its
 * length in *n. */
unsigned char *keywrap_associated_data(const char *version, const char *owner, const char *what,
                                       size_t *n);
/* Standard padded base64 of n bytes, malloc'd. */
char *keywrap_base64(const unsigned char *bin, size_t n);
/* libsodium 1.0.18 reads some bytes above 0x7F as base64 digits (a '/' with its top bit set
 * decodes as '/'), so a text could be altered and still open: the alphabet is checked first. */
bool keywrap_base64_alphabet_only(const char *b64);

#endif
