/* dreamtree --shared --db PATH: the forced command of a shared SSH server (docs/ssh-server.md).
 * Who the person is comes only from what sshd bound: the public key it authenticated, read from
 * the file ExposeAuthInfo names in SSH_USER_AUTH, or an identity the administrator wrote on the
 * forced command line. Nothing the client sends (its command, its environment, its terminal
 * type, anything typed) chooses another user or another database. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <sodium.h>

#include "app.h"
#include "cli.h"
#include "exchange.h"
#include "seed.h"
#include "sshkeys.h"
#include "today.h"
#include "transfer.h"
#include "users.h"

/* What a client may ask for, as its command (SSH_ORIGINAL_COMMAND). */
enum client_command { CLIENT_WORKBOOK, CLIENT_PLAIN, CLIENT_TODAY, CLIENT_EXPORT, CLIENT_OTHER };

static enum client_command client_command(void)
{
    const char *c = getenv("SSH_ORIGINAL_COMMAND");
    if (!c)
        return CLIENT_WORKBOOK;
    c += strspn(c, " \t");
    size_t n = strlen(c);
    while (n && (c[n - 1] == ' ' || c[n - 1] == '\t'))
        n--;
    if (n == 0)
        return CLIENT_WORKBOOK;
    static const struct {
        const char *word;
        enum client_command cmd;
    } words[] = {{"plain", CLIENT_PLAIN}, {"today", CLIENT_TODAY}, {"export", CLIENT_EXPORT}};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i].word) == n && memcmp(words[i].word, c, n) == 0)
            return words[i].cmd;
    return CLIENT_OTHER;
}

/* The process may not dump core or be traced by the other sessions of the service account,
 * and it may not hold more than it needs. */
static void lock_down(void)
{
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
    struct rlimit files = {64, 64};
    setrlimit(RLIMIT_NOFILE, &files);
    struct rlimit cpu = {3600, 3660}; /* seconds of processor time, far beyond a long session */
    setrlimit(RLIMIT_CPU, &cpu);
    struct rlimit size = {64ULL << 30, 64ULL << 30}; /* the database itself may grow this big */
    setrlimit(RLIMIT_FSIZE, &size);
}

/* The key sshd authenticated: the first "publickey TYPE BASE64" line of the SSH_USER_AUTH
 * file. 0 on success. */
static int key_from_sshd(char fp[SSHKEYS_FINGERPRINT_LEN], char type[SSHKEYS_TYPE_LEN])
{
    const char *path = getenv("SSH_USER_AUTH");
    if (!path || path[0] != '/')
        return -1;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return -1;
    char buf[65536];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    for (char *line = buf; line && *line;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (strncmp(line, "publickey ", 10) == 0)
            return store_sshkeys_fingerprint(line + 10, fp, type) == DT_OK ? 0 : -1;
        line = next;
    }
    return -1;
}

/* The user this session opens: the key's, or a new anonymous one bound to it. */
static enum dt_status key_user(struct store *st, const char *fp, const char *type, bool create,
                               char user[STORE_ID_LEN], bool *is_new)
{
    *is_new = false;
    enum dt_status s = store_sshkeys_user(st, fp, user);
    if (s == DT_OK)
        return store_sshkeys_seen(st, fp);
    if (s != DT_NOT_FOUND || !create)
        return s;
    struct user u;
    s = store_group_begin(st);
    if (s == DT_OK)
        s = store_users_create_anonymous(st, &u);
    if (s == DT_OK)
        s = store_sshkeys_bind(st, fp, type, u.id);
    s = store_group_end(st, s);
    if (s == DT_OK) {
        memcpy(user, u.id, STORE_ID_LEN);
        *is_new = true;
    }
    return s;
}

/* The hard end of a session: as a SIGTERM, so each face saves what was typed and leaves. */
static void session_over(int sig)
{
    (void)sig;
    raise(SIGTERM);
}

int cli_shared(const struct options *given, const char *identity)
{
    lock_down();
    struct options shared = *given;
    const struct options *o = &shared;
    if (!shared.idle_exit_minutes)
        shared.idle_exit_minutes = 30;
    if (!shared.max_session_minutes)
        shared.max_session_minutes = 480;
    struct sigaction over;
    memset(&over, 0, sizeof over);
    over.sa_handler = session_over; /* no SA_RESTART: a blocked read returns at once */
    sigaction(SIGALRM, &over, NULL);
    alarm((unsigned)shared.max_session_minutes * 60);
    enum client_command cmd = client_command();
    if (cmd == CLIENT_OTHER) {
        cli_say("this server runs the DreamTree workbook only: connect with no command, or"
                " with plain, today or export");
        return EXIT_USAGE;
    }
    if (!o->db) {
        cli_say("--shared needs --db PATH, set by the administrator");
        return EXIT_USAGE;
    }
    char fp[SSHKEYS_FINGERPRINT_LEN], type[SSHKEYS_TYPE_LEN];
    if (identity) { /* named by the administrator on the forced command line */
        snprintf(fp, sizeof fp, "id:%.*s", (int)sizeof fp - 4, identity);
        snprintf(type, sizeof type, "identity");
    } else if (key_from_sshd(fp, type) != 0) {
        cli_say("no SSH key identifies this session: the server needs ExposeAuthInfo yes (see"
                " docs/ssh-server.md)");
        return EXIT_BAD_INPUT;
    }
    struct store *st = cli_open_store(o, STORE_OPEN_EXISTING, NULL, NULL);
    if (!st)
        return EXIT_BAD_INPUT;
    char user[STORE_ID_LEN];
    bool is_new = false;
    enum dt_status s = key_user(st, fp, type, cmd == CLIENT_WORKBOOK || cmd == CLIENT_PLAIN, user,
                                &is_new);
    int rc;
    if (s == DT_NOT_FOUND) { /* today or export from a key with no workbook yet */
        if (cmd == CLIENT_EXPORT)
            cli_say("this key has no workbook yet: connect without a command to start one");
        rc = cmd == CLIENT_EXPORT ? EXIT_BAD_INPUT : EXIT_DONE;
    } else if (s != DT_OK) {
        cli_say("%s", dt_status_message(s));
        rc = EXIT_BAD_INPUT;
    } else if (cmd == CLIENT_TODAY) {
        s = screens_today_lines(st, user, stdout);
        rc = s == DT_OK ? EXIT_DONE : EXIT_BAD_INPUT;
    } else if (cmd == CLIENT_EXPORT) { /* as stored: a claimed workbook stays encrypted */
        struct exchange x;
        s = store_export_user(st, user, TRANSFER_AS_STORED, &x);
        char *text = s == DT_OK ? exchange_write(&x) : NULL;
        if (text) {
            fputs(text, stdout);
            sodium_memzero(text, strlen(text));
            free(text);
            exchange_free(&x);
        }
        rc = s == DT_OK && fflush(stdout) == 0 ? EXIT_DONE : EXIT_BAD_INPUT;
    } else {
        struct options face = *o;
        face.plain = face.plain || cmd == CLIENT_PLAIN;
        rc = cli_run_screens(&face, st, user, is_new ? SCREEN_WELCOME : SCREEN_DASHBOARD, fp);
    }
    store_close(&st); /* zeroes the keys */
    return rc;
}
