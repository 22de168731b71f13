/* What a fuzz harness defines (tests/fuzz/driver.c runs it). FUZZ_NAME is set by meson. */
#ifndef DT_FUZZ_H
#define DT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Feeds one input to the code under test. Must not crash, leak or hang on any input; returns 0,
 * or nonzero when an invariant the harness checks is broken. */
int fuzz_one(const uint8_t *data, size_t size);

#endif
