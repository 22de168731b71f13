-- Migration 3: tables for the screens (docs/schema.md, "Additions").
-- IF NOT EXISTS: a database rolled back to an older user_version with these tables still in it
-- (tests/test_store.c makes one) migrates instead of failing.

-- An answer in progress: what the user typed into an exercise before submitting it. A draft is
-- not a response: progression, module completion and the export never read this table.
-- Submitting the exercise deletes its draft in the same transaction.
CREATE TABLE IF NOT EXISTS drafts (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    full_exercise_id TEXT NOT NULL,
    draft_json TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (user_id, full_exercise_id)
);

-- dreamtree's own per-user preferences. The spec's user_settings stays exactly as the spec has it.
CREATE TABLE IF NOT EXISTS user_preferences (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    text_mode INTEGER NOT NULL DEFAULT 0 CHECK (text_mode IN (0, 1)),
    updated_at TEXT NOT NULL
);
