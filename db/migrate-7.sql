-- Migration 7: the history of competency scores (docs/schema.md). user_competency_scores keeps
-- one score per user and competency (the spec's UNIQUE); when a reassessment on another day
-- replaces a score, the earlier one is kept here, so the profile can show the change.
CREATE TABLE competency_score_history (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    competency_id TEXT NOT NULL REFERENCES competencies(id),
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    assessed_at TEXT NOT NULL
);
CREATE INDEX idx_competency_score_history_user ON competency_score_history(user_id, competency_id, assessed_at);
