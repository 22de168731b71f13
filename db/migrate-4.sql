-- Migration 4: Daily Dos asks, per reminder tool, whether the user made an instance since a
-- date. The spec's (user_id, tool_type) index leaves created_at in the table, so heavy users'
-- checks read hundreds of rows; this index answers each check from the index alone
-- (docs/schema.md, bench/README.md).
CREATE INDEX IF NOT EXISTS idx_tool_instances_user_type_created
    ON tool_instances(user_id, tool_type, created_at);
