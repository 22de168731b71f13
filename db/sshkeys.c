/* SSH keys of the shared server (sshkeys.h). */
#include "sshkeys.h"

#include <sodium.h>
#include <string.h>

#include "oom.h"
#include "store_internal.h"

/* Key types OpenSSH offers for user keys (and their certificates' plain forms). */
static const char *const key_types[] = {
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
};

static bool known_type(const char *type, size_t n)
{
    for (size_t i = 0; i < sizeof key_types / sizeof *key_types; i++)
        if (strlen(key_types[i]) == n && memcmp(key_types[i], type, n) == 0)
            return true;
    return false;
}

enum dt_status store_sshkeys_fingerprint(const char *line, char fp[SSHKEYS_FINGERPRINT_LEN],
                                         char type[SSHKEYS_TYPE_LEN])
{
    fp[0] = type[0] = '\0';
    if (!line)
        return DT_INVALID;
    line += strspn(line, " \t");
    size_t tn = strcspn(line, " \t\r\n");
    if (!known_type(line, tn) || tn >= SSHKEYS_TYPE_LEN)
        return DT_INVALID;
    const char *b64 = line + tn + strspn(line + tn, " \t");
    size_t bn = strcspn(b64, " \t\r\n");
    if (bn == 0 || bn > 16384)
        return DT_INVALID;
    unsigned char *blob = dt_oom_malloc(bn);
    size_t len = 0;
    enum dt_status s = DT_OK;
    if (sodium_base642bin(blob, bn, b64, bn, NULL, &len, NULL, sodium_base64_VARIANT_ORIGINAL) !=
            0 ||
        len < 4 + tn)
        s = DT_INVALID;
    /* the blob starts with its type as an SSH string: a 4-byte length, then the name */
    if (s == DT_OK) {
        size_t inner = (size_t)blob[0] << 24 | (size_t)blob[1] << 16 | (size_t)blob[2] << 8 |
                       (size_t)blob[3];
        if (inner != tn || memcmp(blob + 4, line, tn) != 0)
            s = DT_INVALID;
    }
    if (s == DT_OK) {
        unsigned char h[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(h, blob, len);
        char enc[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES,
                                           sodium_base64_VARIANT_ORIGINAL_NO_PADDING)];
        sodium_bin2base64(enc, sizeof enc, h, sizeof h, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
        snprintf(fp, SSHKEYS_FINGERPRINT_LEN, "SHA256:%s", enc);
        memcpy(type, line, tn);
        type[tn] = '\0';
    }
    free(blob);
    return s;
}

enum dt_status store_sshkeys_user(struct store *st, const char *fp, char user_out[STORE_ID_LEN])
{
    user_out[0] = '\0';
    sqlite3_stmt *stmt = store_stmt(st, "SELECT user_id FROM ssh_keys WHERE fingerprint = ?1");
    if (!stmt || store_bind(st, stmt, "t", fp) != DT_OK)
        return DT_DB;
    return store_one_text(st, stmt, user_out, STORE_ID_LEN);
}

enum dt_status store_sshkeys_bind(struct store *st, const char *fp, const char *type,
                                  const char *user_id)
{
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    enum dt_status s = store_write_begin(st);
    if (s == DT_OK)
        s = store_run(st,
                      "INSERT INTO ssh_keys (fingerprint, user_id, key_type, created_at,"
                      " last_seen_at) VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (fingerprint)"
                      " DO UPDATE SET user_id = excluded.user_id",
                      "tttt", fp, user_id, type, now);
    if (s == DT_INVALID) /* the user foreign key */
        s = DT_NOT_FOUND;
    return store_write_end(st, s);
}

enum dt_status store_sshkeys_unbind(struct store *st, const char *fp)
{
    enum dt_status s = store_write_begin(st);
    if (s == DT_OK)
        s = store_run(st, "DELETE FROM ssh_keys WHERE fingerprint = ?1", "t", fp);
    if (s == DT_OK && sqlite3_changes(st->db) == 0)
        s = DT_NOT_FOUND;
    return store_write_end(st, s);
}

enum dt_status store_sshkeys_seen(struct store *st, const char *fp)
{
    char now[STORE_TIME_LEN];
    store_now_text(st, now);
    enum dt_status s = store_write_begin(st);
    if (s == DT_OK)
        s = store_run(st, "UPDATE ssh_keys SET last_seen_at = ?2 WHERE fingerprint = ?1", "tt", fp,
                      now);
    return store_write_end(st, s);
}

static int read_key(sqlite3_stmt *stmt, void *elem)
{
    struct ssh_key *k = elem;
    store_col_copy(stmt, 0, k->fingerprint, sizeof k->fingerprint);
    store_col_copy(stmt, 1, k->user_id, sizeof k->user_id);
    store_col_copy(stmt, 2, k->key_type, sizeof k->key_type);
    store_col_copy(stmt, 3, k->created_at, sizeof k->created_at);
    store_col_copy(stmt, 4, k->last_seen_at, sizeof k->last_seen_at);
    return 0;
}

enum dt_status store_sshkeys_list(struct store *st, const char *user_id, struct ssh_key **out,
                                  size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *stmt = store_stmt(st, "SELECT fingerprint, user_id, key_type, created_at,"
                                        " last_seen_at FROM ssh_keys"
                                        " WHERE ?1 IS NULL OR user_id = ?1"
                                        " ORDER BY created_at, fingerprint");
    if (!stmt || store_bind(st, stmt, "t", user_id) != DT_OK)
        return DT_DB;
    return store_collect(st, stmt, out, n, sizeof **out, read_key, NULL);
}
