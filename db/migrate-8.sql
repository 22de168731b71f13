-- Migration 8: the user's variant group for content experiments (spec 14.1 puts it in
-- user_settings, whose DDL stays the spec's; docs/schema.md). NULL until it is first needed; then
-- chosen once, at random, among the groups the content defines, and never changed.
ALTER TABLE user_preferences ADD COLUMN variant_group TEXT;
