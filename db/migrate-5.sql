-- Migration 5: accounts (docs/schema.md, docs/security.md).
-- Failed sign-ins, counted per account and per source, so guessing a password gets slower and
-- slower (the waits double from 1 s to 15 min). key: "account:" and the SHA-256 of the
-- normalised email (an unknown email is counted too, so the counts do not tell which exist),
-- or "source:" and where the attempt came from.
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL CHECK (failures >= 0),
    last_failure_at TEXT NOT NULL,
    wait_until TEXT NOT NULL
);

-- How long a claimed user's workbook stays open without a key pressed before it locks itself;
-- 0: never.
ALTER TABLE user_preferences ADD COLUMN idle_lock_minutes INTEGER NOT NULL DEFAULT 15
    CHECK (idle_lock_minutes BETWEEN 0 AND 1440);
