-- Migration 2: a key-value table for dreamtree's own bookkeeping (docs/schema.md).
-- content_fingerprint: SHA-256 of the content folder last loaded, so a new release's content is
-- loaded on the next start without the user running `dreamtree seed`.
CREATE TABLE dreamtree_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
