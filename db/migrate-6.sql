-- Migration 6: the shared server (docs/schema.md, docs/ssh-server.md). Each SSH key that has
-- reached dreamtree in shared mode is bound to one user; the key's fingerprint is what sshd
-- authenticated (ExposeAuthInfo), never anything the client sends.
CREATE TABLE ssh_keys (
    fingerprint TEXT PRIMARY KEY,          -- "SHA256:" and the unpadded base64 of the key's hash
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key_type TEXT NOT NULL,                -- "ssh-ed25519", "ssh-rsa", ...
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX idx_ssh_keys_user ON ssh_keys(user_id);
