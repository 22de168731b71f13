/* Shared set-up for the store and seed tests. */
#ifndef DT_TEST_SUPPORT_H
#define DT_TEST_SUPPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"

/* The fixture content folder (tests/fixtures/content), from the build. */
const char *support_fixture_dir(void);
/* A fresh :memory: store with the fixture content loaded and the clock pinned to
 * 2026-11-25T12:00:00Z. Aborts the test on failure. Close with store_close. */
struct store *support_store(void);
/* Loads the fixture content into st and pins its clock, as support_store does. */
void support_seed(struct store *st);
/* 2026-11-25T12:00:00Z, the tests' "now". */
extern const int64_t support_now;
/* A new anonymous user; its id into id. */
void support_user(struct store *st, char id[STORE_ID_LEN]);
/* Answers exercises 1..n of the sequence in order with {"answer":"x"}. */
void support_answer_first(struct store *st, const char *user_id, int n);
/* Runs SQL straight on the store's connection (to damage what the store wrote, in tests of how
 * it copes); 0 on success. */
int support_exec(struct store *st, const char *sql);
/* Checks got against tests/golden/file byte for byte (one check, named what; the first line
 * that differs is said); with DT_UPDATE_GOLDEN set, writes got there first. */
void support_golden(const char *file, const char *what, const char *got);
/* A copy of the fixture content in support_tmpdir()/name (a new folder), its path into dir: the
 * reference files, and the workbook's files when with_workbook (its folder in any case); skip
 * (may be NULL) is a file left for the caller to write. Bails out on failure. */
void support_content_copy(const char *name, char *dir, size_t size, bool with_workbook,
                          const char *skip);
/* A content folder (made once, under support_tmpdir) holding the fixture content and a variant
 * of exercise 1.1.1 for the group "variant_a", with the control's prompt "jobs" reworded. */
const char *support_variant_content(void);
/* A content folder (made once) holding the fixture content with exercise 1.1.1 at version 2
 * (1.1.1.v2): an answer to 1.1.1.v1 is one to its earlier version. */
const char *support_bumped_content(void);
/* The fixture content with a competency assessment, exercise 2.2.5, at version 1 or 2 (the
 * one support_content_remove removes). */
const char *support_assessment_content(int version);
/* Removes the folders those two made. */
void support_content_remove(void);
/* A scratch folder for this test (mkdtemp under $TMPDIR or /tmp); static storage. */
const char *support_tmpdir(void);

#endif
