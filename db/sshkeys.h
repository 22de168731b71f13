/* SSH keys of the shared server (ssh_keys, docs/schema.md): which user a key that sshd
 * authenticated opens. The key itself is never kept, only its fingerprint and type. */
#ifndef DT_SSHKEYS_H
#define DT_SSHKEYS_H

#include <stddef.h>

#include "store.h"

/* "SHA256:" and 43 characters of unpadded base64, and a NUL. */
#define SSHKEYS_FINGERPRINT_LEN 51
#define SSHKEYS_TYPE_LEN 48

struct ssh_key {
    char fingerprint[SSHKEYS_FINGERPRINT_LEN];
    char user_id[STORE_ID_LEN];
    char key_type[SSHKEYS_TYPE_LEN];
    char created_at[STORE_TIME_LEN];
    char last_seen_at[STORE_TIME_LEN];
};

/* The fingerprint and type of a public key written as "TYPE BASE64 [COMMENT]" (an
 * authorized_keys line without options, or what follows "publickey " in the file sshd names in
 * SSH_USER_AUTH), the same as ssh-keygen -l gives. DT_INVALID when it is not one: an unknown
 * type, base64 that does not decode, or a blob that does not start with its own type. */
enum dt_status store_sshkeys_fingerprint(const char *line, char fp[SSHKEYS_FINGERPRINT_LEN],
                                         char type[SSHKEYS_TYPE_LEN]);

/* The user a key opens; DT_NOT_FOUND for a key never seen. */
enum dt_status store_sshkeys_user(struct store *st, const char *fp, char user_out[STORE_ID_LEN]);
/* Binds a key to user_id (a new key, or one moved from another user). */
enum dt_status store_sshkeys_bind(struct store *st, const char *fp, const char *type,
                                  const char *user_id);
/* Forgets a key; DT_NOT_FOUND when it was not bound. */
enum dt_status store_sshkeys_unbind(struct store *st, const char *fp);
/* Marks a key's session now (last_seen_at). */
enum dt_status store_sshkeys_seen(struct store *st, const char *fp);
/* The keys of user_id (NULL: every key), oldest first; *out is malloc'd (free()). */
enum dt_status store_sshkeys_list(struct store *st, const char *user_id, struct ssh_key **out,
                                  size_t *n);

#endif
