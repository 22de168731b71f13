-- Migration 9: tool entries kept as drafts (docs/schema.md). An entry that lacks an answer its
-- form requires is saved, so nothing typed is lost, and marked here, so that nothing counts it
-- as done: the Daily Dos, `dreamtree today`, an exercise's tool prompt. content_json is sealed
-- for a claimed user, so the mark must be a row SQL can read. Completing the entry removes it.
CREATE TABLE tool_instance_drafts (
    instance_id TEXT PRIMARY KEY REFERENCES tool_instances(id) ON DELETE CASCADE
);
