/* SSH keys of the shared server (db/sshkeys.c): fingerprints as ssh-keygen -l gives them
 * (the two keys below were made with ssh-keygen, and their fingerprints are its own), refusals
 * of what is not a key, and binding, moving, listing and forgetting keys. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sshkeys.h"
#include "support.h"
#include "users.h"

#define ED25519 "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKJ7zQzaKQK8kig/3Vvha0NgiRfxqbtyuUSGU+0P0egA"
#define ED25519_FP "SHA256:Z8WiGRo2pC0+22jlpTONqkvpCRuKnozRPf4MTZtW3Dk"
#define RSA                                                                                        \
    "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCKFnHzcTMpr2Yy6ABDGe5vrLB55L7WZJ6HkyL9d4Eej8XwefgcA9ojWL/G6yznqwl9v8ybf4noQSLvtmad/Exbx434umhrMPr0z94qWutBTPWGAyqlqiMJSJltRfilLfFUzcnUbfMpZcwjlpqbQkntUJcIFoTbDLNimeaCBKuo/6DacPeiWCAxYgsXe9s+CmWDZUg7avvgJXTcs23sBuwJ7NhiT3Rmsh8zTlcSN+21T3+zS5Yub9gYt3uFI5qhLTDvIETyTxhNc3pYnMgecKT5eT2FG0R7f3rgBEqzLB+74XVy/0Cn3X7WZJVWEhjqDUB4Y1tOi/RUC8JA5Q5feksL"
#define RSA_FP "SHA256:Go0T8bBt//+XA01AYi556uZphxVKdtmTfJ5xMRpb37w"

static void test_fingerprints(void)
{
    char fp[SSHKEYS_FINGERPRINT_LEN], type[SSHKEYS_TYPE_LEN];
    CHECK_INT(store_sshkeys_fingerprint(ED25519 " test", fp, type), DT_OK);
    CHECK_STR(fp, ED25519_FP);
    CHECK_STR(type, "ssh-ed25519");
    CHECK_INT(store_sshkeys_fingerprint("  " ED25519 "\n", fp, type), DT_OK);
    CHECK_STR(fp, ED25519_FP);
    CHECK_INT(store_sshkeys_fingerprint(RSA, fp, type), DT_OK);
    CHECK_STR(fp, RSA_FP);
    CHECK_STR(type, "ssh-rsa");
    const char *bad[] = {
        "",
        "ssh-ed25519",
        "ssh-ed25519 !!!!",
        "ssh-dss AAAAB3NzaC1kc3MAAACBAP",
        "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIKJ7zQzaKQK8kig/3Vvha0NgiRfxqbtyuUSGU+0P0egA", /* mislabelled */
        "publickey " ED25519, /* the caller takes "publickey " off */
        "ssh-ed25519 QUFB",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        check_test_name = bad[i];
        CHECK_INT(store_sshkeys_fingerprint(bad[i], fp, type), DT_INVALID);
        CHECK_STR(fp, "");
    }
    check_test_name = NULL;
    CHECK_INT(store_sshkeys_fingerprint(NULL, fp, type), DT_INVALID);
}

static void test_binding(void)
{
    struct store *st = support_store();
    char a[STORE_ID_LEN], b[STORE_ID_LEN], got[STORE_ID_LEN];
    support_user(st, a);
    support_user(st, b);
    CHECK_INT(store_sshkeys_user(st, ED25519_FP, got), DT_NOT_FOUND);
    CHECK_INT(store_sshkeys_bind(st, ED25519_FP, "ssh-ed25519", a), DT_OK);
    CHECK_INT(store_sshkeys_bind(st, RSA_FP, "ssh-rsa", a), DT_OK);
    CHECK_INT(store_sshkeys_user(st, ED25519_FP, got), DT_OK);
    CHECK_STR(got, a);
    struct ssh_key *keys = NULL;
    size_t n = 0;
    CHECK_INT(store_sshkeys_list(st, a, &keys, &n), DT_OK);
    CHECK_INT((int)n, 2);
    free(keys);
    /* moved to another user */
    CHECK_INT(store_sshkeys_bind(st, RSA_FP, "ssh-rsa", b), DT_OK);
    CHECK_INT(store_sshkeys_user(st, RSA_FP, got), DT_OK);
    CHECK_STR(got, b);
    CHECK_INT(store_sshkeys_bind(st, RSA_FP, "ssh-rsa", "no-such-user"), DT_NOT_FOUND);
    CHECK_INT(store_sshkeys_list(st, NULL, &keys, &n), DT_OK);
    CHECK_INT((int)n, 2);
    free(keys);
    CHECK_INT(store_sshkeys_seen(st, RSA_FP), DT_OK);
    CHECK_INT(store_sshkeys_unbind(st, RSA_FP), DT_OK);
    CHECK_INT(store_sshkeys_unbind(st, RSA_FP), DT_NOT_FOUND);
    /* deleting the user forgets the key */
    CHECK_INT(store_users_delete(st, a), DT_OK);
    CHECK_INT(store_sshkeys_user(st, ED25519_FP, got), DT_NOT_FOUND);
    store_close(&st);
}

int main(void)
{
    RUN(test_fingerprints);
    RUN(test_binding);
    return check_done();
}
