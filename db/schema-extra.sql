-- dreamtree additions to the spec schema. Each one is listed with its reason in docs/schema.md.
-- Nothing here changes a spec table; these are new tables, one index and triggers.

-- Titles of parts, modules and exercises: the spec stores content blocks but no titles, and the
-- resume card, the contents screen and `dreamtree today` all need one.
CREATE TABLE workbook_titles (
    node_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('part', 'module', 'exercise')),
    title TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The typed input of a prompt block (line, text, number, slider, choice, list, tool) as JSON.
CREATE TABLE prompt_inputs (
    content_id TEXT PRIMARY KEY,
    prompt_key TEXT NOT NULL,
    input_json TEXT NOT NULL,
    FOREIGN KEY (content_id) REFERENCES exercise_content(id) ON DELETE CASCADE
);

-- Daily Dos asks "has this user answered the exercise that unlocks tool T?" for every reminder
-- tool; this index lets that start from the one exercise instead of all of the user's responses.
CREATE INDEX idx_exercise_sequence_unlocks ON exercise_sequence(unlocks_tool);

-- exercise_skills.exercise_instance_id points at a response or a tool instance, so it cannot be a
-- foreign key. These triggers give it the same guarantees: a tag needs a target, and a tag goes
-- when its target goes (including through ON DELETE CASCADE from users, spec section 8).
CREATE TRIGGER exercise_skills_need_target BEFORE INSERT ON exercise_skills
WHEN NOT EXISTS (SELECT 1 FROM exercise_responses WHERE id = NEW.exercise_instance_id)
 AND NOT EXISTS (SELECT 1 FROM tool_instances WHERE id = NEW.exercise_instance_id)
BEGIN
    SELECT RAISE(ABORT, 'exercise_skills: no response or tool instance with that id');
END;

CREATE TRIGGER exercise_skills_keep_target BEFORE UPDATE OF exercise_instance_id ON exercise_skills
WHEN NOT EXISTS (SELECT 1 FROM exercise_responses WHERE id = NEW.exercise_instance_id)
 AND NOT EXISTS (SELECT 1 FROM tool_instances WHERE id = NEW.exercise_instance_id)
BEGIN
    SELECT RAISE(ABORT, 'exercise_skills: no response or tool instance with that id');
END;

CREATE TRIGGER exercise_skills_response_gone AFTER DELETE ON exercise_responses
BEGIN
    DELETE FROM exercise_skills WHERE exercise_instance_id = OLD.id;
END;

CREATE TRIGGER exercise_skills_tool_gone AFTER DELETE ON tool_instances
BEGIN
    DELETE FROM exercise_skills WHERE exercise_instance_id = OLD.id;
END;
